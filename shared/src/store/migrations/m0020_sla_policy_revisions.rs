//! What each SLA policy revision said, kept: its targets, pausing
//! statuses, warnings and the calendar's hours as they stood. A clock
//! counts by the revision it started under (or was re-applied to), so an
//! edit of the policy or of its calendar reaches running clocks only when
//! an admin re-applies it. Existing revisions are filled with what the
//! policies and calendars say now, the best that is known of them.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{create_index, create_table};
use crate::ids::CalendarId;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_table(
            manager,
            "sla_policy_revisions",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                uuid("policy_id"),
                integer("revision"),
                // JSON: the policy as written at this revision.
                text("spec"),
                // JSON: its calendar as written then; null: round the clock.
                text_null("calendar"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "sla_policy_revisions", &["org_id", "policy_id", "revision"], true).await?;

        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let query = |sql: &str| db.query_all_raw(Statement::from_string(backend, sql.to_owned()));
        let mut calendars = BTreeMap::new();
        for row in query("SELECT id, spec FROM sla_calendars").await? {
            let id: uuid::Uuid = row.try_get("", "id")?;
            calendars.insert(id, row.try_get::<String>("", "spec")?);
        }
        let mut revisions: BTreeMap<uuid::Uuid, BTreeSet<i32>> = BTreeMap::new();
        for row in query("SELECT DISTINCT policy_id, policy_revision FROM sla_clocks").await? {
            let policy: uuid::Uuid = row.try_get("", "policy_id")?;
            revisions.entry(policy).or_default().insert(row.try_get("", "policy_revision")?);
        }
        let now = chrono::Utc::now();
        for row in query("SELECT id, org_id, spec, revision FROM sla_policies").await? {
            let (policy, org): (uuid::Uuid, uuid::Uuid) = (row.try_get("", "id")?, row.try_get("", "org_id")?);
            let spec: String = row.try_get("", "spec")?;
            let calendar = serde_json::from_str::<serde_json::Value>(&spec)
                .ok()
                .and_then(|s| s["calendar"].as_str().and_then(|id| id.parse::<CalendarId>().ok()))
                .and_then(|id| calendars.get(&id.uuid()).cloned());
            let mut known = revisions.remove(&policy).unwrap_or_default();
            known.insert(row.try_get("", "revision")?);
            for revision in known {
                let insert = Query::insert()
                    .into_table("sla_policy_revisions")
                    .columns(["id", "org_id", "policy_id", "revision", "spec", "calendar", "created_at"])
                    .values_panic([
                        uuid::Uuid::now_v7().into(),
                        org.into(),
                        policy.into(),
                        revision.into(),
                        spec.clone().into(),
                        calendar.clone().into(),
                        now.into(),
                    ])
                    .to_owned();
                manager.exec_stmt(insert).await?;
            }
        }
        Ok(())
    }
}
