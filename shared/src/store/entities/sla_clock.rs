use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sla_clocks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub subject_kind: String,
    pub subject_id: Uuid,
    pub task_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    pub policy_id: Uuid,
    pub policy_revision: i32,
    pub metric: String,
    pub status: String,
    pub target_seconds: i64,
    pub due_at: Option<DateTimeUtc>,
    pub breached_at: Option<DateTimeUtc>,
    pub alert_at: Option<DateTimeUtc>,
    pub warnings_sent: i32,
    pub breach_sent: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
