//! The Stripe Checkout session each organisation has open, so a second
//! "upgrade" (a double click, another admin) reuses it instead of opening a
//! second one that could be paid too.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::create_table;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_table(
            manager,
            "checkout_sessions",
            vec![
                pk_uuid("org_id"),
                string("session_id"),
                string("price_id"),
                text("url"),
                timestamp_with_time_zone("expires_at"),
            ],
            &["org_id"],
        )
        .await
    }
}
