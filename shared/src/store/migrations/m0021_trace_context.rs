//! Each recorded event keeps the W3C trace context of the request that
//! recorded it, so the worker that handles it continues that trace.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::add;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // `traceparent` (00-<trace id>-<span id>-<flags>); null when not traced.
        add(manager, "outbox", text_null("trace_parent")).await
    }
}
