use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "changes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub number: i64,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub change_type: String,
    pub status: String,
    pub risk: String,
    pub risk_score: i32,
    #[sea_orm(column_type = "Text")]
    pub risk_answers: String,
    #[sea_orm(column_type = "Text")]
    pub implementation_plan: String,
    #[sea_orm(column_type = "Text")]
    pub backout_plan: String,
    #[sea_orm(column_type = "Text")]
    pub test_plan: String,
    pub window_start: Option<DateTimeUtc>,
    pub window_end: Option<DateTimeUtc>,
    pub owner_id: Option<Uuid>,
    pub owner_team_id: Option<Uuid>,
    pub requested_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub completed_at: Option<DateTimeUtc>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
