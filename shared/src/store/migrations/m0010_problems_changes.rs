//! Problem and change management on the record kernel, and the approvals
//! engine any record can use (changes first, requests later): problems
//! (`PRB-n`), changes (`CHG-n`) with their planned windows, freeze periods,
//! each organisation's change policy, and approvals with their steps,
//! approvers (resolved when the approval opens) and votes.

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
            "problems",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                big_integer("number"),
                string("title"),
                text("description"),
                text("symptom"),
                text("root_cause"),
                text("workaround"),
                timestamp_with_time_zone_null("workaround_published_at"),
                string("status"),
                string("priority"),
                uuid_null("owner_id"),
                uuid_null("owner_team_id"),
                uuid("created_by"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("updated_at"),
                timestamp_with_time_zone_null("resolved_at"),
                integer("version"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "problems", &["org_id", "number"], true).await?;
        create_index(manager, "problems", &["org_id", "status", "number"], false).await?;

        create_table(
            manager,
            "changes",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                big_integer("number"),
                string("title"),
                text("description"),
                string("change_type"),
                string("status"),
                string("risk"),
                integer("risk_score"),
                text("risk_answers"),
                text("implementation_plan"),
                text("backout_plan"),
                text("test_plan"),
                timestamp_with_time_zone_null("window_start"),
                timestamp_with_time_zone_null("window_end"),
                uuid_null("owner_id"),
                uuid_null("owner_team_id"),
                uuid("requested_by"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("updated_at"),
                timestamp_with_time_zone_null("completed_at"),
                integer("version"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "changes", &["org_id", "number"], true).await?;
        create_index(manager, "changes", &["org_id", "status", "number"], false).await?;
        // The calendar: changes by window.
        create_index(manager, "changes", &["org_id", "window_start"], false).await?;
        create_index(manager, "changes", &["org_id", "completed_at"], false).await?;

        create_table(
            manager,
            "change_freezes",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                string("name"),
                timestamp_with_time_zone("starts_at"),
                timestamp_with_time_zone("ends_at"),
                // The configuration items it is limited to (JSON list); empty: all.
                text("items"),
                uuid("created_by"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "change_freezes", &["org_id", "starts_at"], false).await?;

        create_table(
            manager,
            "change_policies",
            vec![pk_uuid("org_id"), text("policy"), timestamp_with_time_zone("updated_at"), integer("version")],
            &["org_id"],
        )
        .await?;

        create_table(
            manager,
            "approvals",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                string("subject_kind"),
                uuid("subject_id"),
                uuid("requested_by"),
                string("status"),
                integer("current_step"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone_null("decided_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "approvals", &["org_id", "subject_kind", "subject_id"], false).await?;
        create_table(
            manager,
            "approval_steps",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                uuid("approval_id"),
                integer("position"),
                string("name"),
                string("rule"),
                integer_null("rule_value"),
                integer("needed"),
                integer("eligible"),
                string("status"),
                timestamp_with_time_zone_null("decided_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "approval_steps", &["approval_id", "position"], true).await?;
        create_table(
            manager,
            "approval_approvers",
            vec![uuid("org_id"), uuid("step_id"), uuid("user_id")],
            &["step_id", "user_id"],
        )
        .await?;
        // "Awaiting my approval".
        create_index(manager, "approval_approvers", &["org_id", "user_id"], false).await?;
        create_table(
            manager,
            "approval_votes",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                uuid("approval_id"),
                uuid("step_id"),
                uuid("user_id"),
                string("decision"),
                text("comment"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "approval_votes", &["step_id", "user_id"], true).await?;
        create_index(manager, "approval_votes", &["approval_id"], false).await
    }
}
