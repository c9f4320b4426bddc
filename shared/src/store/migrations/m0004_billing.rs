//! Billing: each organisation's Stripe customer and subscription state, the
//! Stripe events already processed, and the modules a downgrade suspended
//! (restored when the plan allows them again).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{create_index, create_table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_table(
            manager,
            "org_billing",
            vec![
                pk_uuid("org_id"),
                string_null("customer_id"),
                string_null("subscription_id"),
                string_null("price_id"),
                string_null("status"),
                timestamp_with_time_zone_null("current_period_end"),
                boolean("cancel_at_period_end"),
                string_null("last_invoice_status"),
                // Unix time of the newest Stripe event applied: older ones re-fetch.
                big_integer("synced_event_at"),
                timestamp_with_time_zone("updated_at"),
            ],
            &["org_id"],
        )
        .await?;
        create_index(manager, "org_billing", &["customer_id"], true).await?;
        create_table(
            manager,
            "stripe_events",
            vec![
                string("id").primary_key().to_owned(),
                string("event_type"),
                uuid_null("org_id"),
                timestamp_with_time_zone("received_at"),
            ],
            &["id"],
        )
        .await?;
        manager
            .alter_table(Table::alter().table("orgs").add_column(string("suspended_features").default("")).to_owned())
            .await
    }
}
