use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "orgs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    #[sea_orm(unique)]
    pub slug: String,
    pub plan: String,
    /// Comma-separated module keys switched on.
    pub features: String,
    /// Comma-separated modules a downgrade switched off; back on when a plan allows them.
    pub suspended_features: String,
    pub created_at: DateTimeUtc,
    /// People with a confirmed address at this domain may join as requesters.
    pub requester_domain: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
