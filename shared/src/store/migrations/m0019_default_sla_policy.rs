//! The per-severity SLA targets (`sla_targets`) become each organisation's
//! default SLA policy: tried after every other, for incidents, its P1–P4
//! targets the old acknowledge and resolve times (rounded up to whole
//! minutes, the unit policies count in). Incidents keep being judged by
//! the same figures, so dashboards read as before.

use std::collections::BTreeMap;

use chrono::Duration;

use sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use serde_json::json;

use super::add;
use crate::domain::incidents::{Severity, SlaTarget};
use crate::domain::sla::policy::Targets;
use crate::store::sla::DEFAULT_POLICY_NAME;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add(manager, "sla_policies", boolean("is_default").default(false).to_owned()).await?;
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT org_id, severity, ack_seconds, resolve_seconds FROM sla_targets",
            ))
            .await?;
        let mut orgs: BTreeMap<uuid::Uuid, serde_json::Map<String, serde_json::Value>> = BTreeMap::new();
        for row in rows {
            let org: uuid::Uuid = row.try_get("", "org_id")?;
            let severity: String = row.try_get("", "severity")?;
            let (ack, resolve): (i64, i64) = (row.try_get("", "ack_seconds")?, row.try_get("", "resolve_seconds")?);
            let target = SlaTarget { acknowledge: Duration::seconds(ack), resolve: Duration::seconds(resolve) };
            let targets = json!(Targets::of(target));
            orgs.entry(org).or_default().insert(severity, targets);
        }
        let now = chrono::Utc::now();
        for (org, mut targets) in orgs {
            for severity in Severity::ALL {
                let builtin = Targets::of(severity.default_sla());
                targets.entry(severity.key()).or_insert_with(|| json!(builtin));
            }
            let spec = json!({"name": DEFAULT_POLICY_NAME, "enabled": true,
                              "appliesTo": {"record": "incident"}, "targets": targets});
            let insert = Query::insert()
                .into_table("sla_policies")
                .columns([
                    "id",
                    "org_id",
                    "name",
                    "position",
                    "enabled",
                    "spec",
                    "revision",
                    "created_at",
                    "updated_at",
                    "version",
                    "is_default",
                ])
                .values_panic([
                    uuid::Uuid::now_v7().into(),
                    org.into(),
                    DEFAULT_POLICY_NAME.into(),
                    0.into(),
                    true.into(),
                    spec.to_string().into(),
                    1.into(),
                    now.into(),
                    now.into(),
                    1.into(),
                    true.into(),
                ])
                .to_owned();
            manager.exec_stmt(insert).await?;
        }
        manager.drop_table(Table::drop().table("sla_targets").to_owned()).await
    }
}
