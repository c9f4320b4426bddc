//! Incidents, their assignees, labels and timeline, per-org numbering,
//! idempotency keys, the domain-event outbox, SLA targets and daily rollups.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{create_index, create_table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_table(manager, "incident_counters", vec![pk_uuid("org_id"), big_integer("last_number")], &["org_id"])
            .await?;
        create_table(
            manager,
            "incidents",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                big_integer("number"),
                string("title"),
                text("description"),
                string("severity"),
                integer("severity_rank"),
                string("status"),
                uuid_null("commander_id"),
                string("source"),
                uuid("created_by"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone_null("acknowledged_at"),
                timestamp_with_time_zone_null("resolved_at"),
                // Whether the SLA target was met, fixed when ack/resolve is recorded.
                boolean_null("ack_within_target"),
                boolean_null("resolve_within_target"),
                timestamp_with_time_zone("updated_at"),
                integer("version"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "incidents", &["org_id", "number"], true).await?;
        create_index(manager, "incidents", &["org_id", "id"], false).await?;
        create_index(manager, "incidents", &["org_id", "status", "id"], false).await?;
        create_index(manager, "incidents", &["org_id", "severity_rank", "id"], false).await?;
        for (table, column) in [("incident_assignees", "user_id"), ("incident_labels", "label")] {
            let value = if column == "label" { string(column) } else { uuid(column) };
            create_table(manager, table, vec![uuid("org_id"), uuid("incident_id"), value], &["incident_id", column])
                .await?;
            create_index(manager, table, &["org_id", column, "incident_id"], false).await?;
        }
        create_table(
            manager,
            "timeline_entries",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                uuid("incident_id"),
                string("kind"),
                uuid_null("actor_id"),
                string("actor_label"),
                text("body"),
                text("detail"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "timeline_entries", &["org_id", "incident_id", "id"], false).await?;
        create_table(
            manager,
            "outbox",
            vec![
                big_pk_auto("seq"),
                uuid_uniq("event_id"),
                uuid("org_id"),
                string("event_type"),
                uuid_null("incident_id"),
                text("payload"),
                timestamp_with_time_zone("created_at"),
                // A relay's lease on the row while it delivers it.
                timestamp_with_time_zone_null("claimed_until"),
                timestamp_with_time_zone_null("relayed_at"),
            ],
            &["seq"],
        )
        .await?;
        create_index(manager, "outbox", &["org_id", "seq"], false).await?;
        create_table(
            manager,
            "idempotency_keys",
            vec![uuid("org_id"), string("key"), uuid("incident_id"), timestamp_with_time_zone("created_at")],
            &["org_id", "key"],
        )
        .await?;
        create_table(
            manager,
            "sla_targets",
            vec![uuid("org_id"), string("severity"), big_integer("ack_seconds"), big_integer("resolve_seconds")],
            &["org_id", "severity"],
        )
        .await?;
        create_table(
            manager,
            "incident_daily",
            vec![
                uuid("org_id"),
                string("day"),
                string("severity"),
                big_integer("opened"),
                big_integer("acknowledged"),
                big_integer("resolved"),
                big_integer("ack_seconds_sum"),
                big_integer("resolve_seconds_sum"),
                big_integer("ack_within_target"),
                big_integer("resolve_within_target"),
                text("ack_histogram"),
                text("resolve_histogram"),
            ],
            &["org_id", "day", "severity"],
        )
        .await
    }
}
