use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "configuration_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub number: i64,
    pub name: String,
    pub name_key: String,
    pub ci_type: String,
    pub status: String,
    pub criticality: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub owner_id: Option<Uuid>,
    pub owner_team_id: Option<Uuid>,
    pub escalation_policy_id: Option<Uuid>,
    pub external_id: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub attributes: String,
    #[sea_orm(column_type = "Text")]
    pub labels: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
