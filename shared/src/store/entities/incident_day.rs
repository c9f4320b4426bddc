use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "incident_daily")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub org_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub severity: String,
    pub opened: i64,
    pub acknowledged: i64,
    pub resolved: i64,
    pub ack_seconds_sum: i64,
    pub resolve_seconds_sum: i64,
    pub ack_within_target: i64,
    pub resolve_within_target: i64,
    #[sea_orm(column_type = "Text")]
    pub ack_histogram: String,
    #[sea_orm(column_type = "Text")]
    pub resolve_histogram: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
