use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "incidents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub number: i64,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub severity: String,
    pub severity_rank: i32,
    pub status: String,
    pub commander_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    pub source: String,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub acknowledged_at: Option<DateTimeUtc>,
    pub resolved_at: Option<DateTimeUtc>,
    pub ack_within_target: Option<bool>,
    pub resolve_within_target: Option<bool>,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    /// The event that last opened the incident: its creation or latest reopening.
    pub trigger_event_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
