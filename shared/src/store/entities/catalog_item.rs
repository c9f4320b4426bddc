use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "catalog_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub category_id: Option<Uuid>,
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub icon: String,
    pub status: String,
    pub form_version: i32,
    #[sea_orm(column_type = "Text")]
    pub approval: String,
    #[sea_orm(column_type = "Text")]
    pub fulfilment: String,
    #[sea_orm(column_type = "Text")]
    pub audience_teams: String,
    pub target_minutes: Option<i32>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
