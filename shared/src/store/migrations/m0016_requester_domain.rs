//! The email domain whose people may join an organisation's portal as
//! requesters by themselves.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::add;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add(manager, "orgs", string_null("requester_domain")).await
    }
}
