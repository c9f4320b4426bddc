//! Service level management: calendars, policies, and clocks — each clock
//! a row with its timer (`alert_at`: the next warning or the breach, what
//! the sweep claims by an index range scan) and the events it replays.

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
            "sla_calendars",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                string("name"),
                // JSON: the calendar as written (zone, week, holidays, exceptions).
                text("spec"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("updated_at"),
                integer("version"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "sla_calendars", &["org_id", "name"], true).await?;
        create_table(
            manager,
            "sla_policies",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                string("name"),
                integer("position"),
                boolean("enabled"),
                // JSON: the policy as written.
                text("spec"),
                // Bumped by every edit; a clock keeps the revision it started under.
                integer("revision"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("updated_at"),
                integer("version"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "sla_policies", &["org_id", "position"], false).await?;
        create_table(
            manager,
            "sla_clocks",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                string("subject_kind"),
                uuid("subject_id"),
                uuid("policy_id"),
                integer("policy_revision"),
                // `response`, `resolution`.
                string("metric"),
                string("status"),
                big_integer("target_seconds"),
                timestamp_with_time_zone_null("due_at"),
                timestamp_with_time_zone_null("breached_at"),
                // The next warning or breach to deliver; null when none is due.
                timestamp_with_time_zone_null("alert_at"),
                integer("warnings_sent"),
                boolean("breach_sent"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("updated_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "sla_clocks", &["org_id", "subject_kind", "subject_id"], false).await?;
        create_index(manager, "sla_clocks", &["alert_at"], false).await?;
        create_index(manager, "sla_clocks", &["org_id", "status", "due_at"], false).await?;
        create_index(manager, "sla_clocks", &["org_id", "policy_id"], false).await?;
        create_table(
            manager,
            "sla_clock_events",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                uuid("clock_id"),
                // JSON: a `ClockEvent`.
                text("event"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "sla_clock_events", &["org_id", "clock_id"], false).await
    }
}
