use sea_orm::entity::prelude::*;

/// What search finds. The full-text index over it is each store's own
/// (a generated `tsvector` on PostgreSQL, an FTS5 table on SQLite), read
/// by `store::search` in SQL.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub seq: i64,
    pub org_id: Uuid,
    pub kind: String,
    pub record_id: Uuid,
    pub number: i64,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    #[sea_orm(column_type = "Text")]
    pub tags: String,
    pub visibility: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
