//! Notifications: per-org channel settings (secrets sealed), webhook
//! endpoints, members' contact rules, on-call schedules and escalation
//! policies, running escalations (timers) and deliveries with their attempts.

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
            "channel_settings",
            vec![uuid("org_id"), string("channel"), text("sealed"), timestamp_with_time_zone("updated_at")],
            &["org_id", "channel"],
        )
        .await?;
        create_table(
            manager,
            "webhook_endpoints",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                string("url"),
                string("event_types"),
                text("secret_sealed"),
                text_null("previous_secret_sealed"),
                timestamp_with_time_zone_null("previous_valid_until"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "webhook_endpoints", &["org_id", "id"], false).await?;
        create_table(
            manager,
            "contact_rules",
            vec![
                uuid("org_id"),
                uuid("user_id"),
                string_null("phone"),
                text("rules"),
                timestamp_with_time_zone("updated_at"),
            ],
            &["org_id", "user_id"],
        )
        .await?;
        // Schedules and escalation policies: named JSON documents the domain validates.
        create_table(
            manager,
            "oncall_documents",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                string("kind"),
                string("name"),
                text("definition"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("updated_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "oncall_documents", &["org_id", "kind", "id"], false).await?;
        create_table(
            manager,
            "escalations",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                uuid("incident_id"),
                uuid("policy_id"),
                // Index of the next level to notify, counted over repeats.
                integer("next_step"),
                timestamp_with_time_zone("due_at"),
                timestamp_with_time_zone_null("claimed_until"),
                timestamp_with_time_zone_null("finished_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "escalations", &["incident_id"], true).await?;
        create_index(manager, "escalations", &["finished_at", "due_at"], false).await?;
        create_table(
            manager,
            "deliveries",
            vec![
                string("id").primary_key().to_owned(),
                uuid("org_id"),
                uuid("event_id"),
                uuid_null("incident_id"),
                string("channel"),
                string("recipient"),
                text("notice"),
                string("status"),
                integer("attempts"),
                integer_null("last_status_code"),
                text_null("last_error"),
                timestamp_with_time_zone_null("next_attempt_at"),
                timestamp_with_time_zone_null("claimed_until"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone_null("delivered_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "deliveries", &["org_id", "created_at"], false).await?;
        create_index(manager, "deliveries", &["status", "next_attempt_at"], false).await?;
        create_table(
            manager,
            "delivery_attempts",
            vec![
                string("delivery_id"),
                integer("attempt"),
                uuid("org_id"),
                timestamp_with_time_zone("attempted_at"),
                integer_null("status_code"),
                text("outcome"),
            ],
            &["delivery_id", "attempt"],
        )
        .await
    }
}
