//! Per-organisation SLA targets, defaulting per severity.

use chrono::Duration;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;

use super::super::audit;
use super::super::entities::sla_target;
use super::super::scope::scoped;
use super::{Incidents, StoreResult};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::incidents::{Severity, SlaTarget};
use crate::ids::OrgId;

fn target_or_default(severity: Severity, row: Option<&sla_target::Model>) -> SlaTarget {
    row.map_or_else(
        || severity.default_sla(),
        |r| SlaTarget { acknowledge: Duration::seconds(r.ack_seconds), resolve: Duration::seconds(r.resolve_seconds) },
    )
}

pub(super) async fn target_for<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    severity: Severity,
) -> StoreResult<SlaTarget> {
    let row =
        scoped::<sla_target::Entity>(org_id).filter(sla_target::Column::Severity.eq(severity.key())).one(conn).await?;
    Ok(target_or_default(severity, row.as_ref()))
}

impl Incidents<'_> {
    /// Every severity's target, defaults filled in.
    pub async fn sla_targets(&self) -> StoreResult<Vec<(Severity, SlaTarget)>> {
        let rows = scoped::<sla_target::Entity>(self.scope.org_id).all(self.scope.db).await?;
        Ok(Severity::ALL
            .iter()
            .map(|severity| {
                (*severity, target_or_default(*severity, rows.iter().find(|r| r.severity == severity.key())))
            })
            .collect())
    }

    pub async fn sla_target(&self, severity: Severity) -> StoreResult<SlaTarget> {
        target_for(self.scope.db, self.scope.org_id, severity).await
    }

    pub async fn set_sla_targets(&self, targets: &[(Severity, SlaTarget)], meta: &AuditMeta) -> StoreResult<()> {
        let before = self.sla_targets().await?;
        let tx = self.scope.db.begin().await?;
        for (severity, target) in targets {
            sla_target::Entity::insert(sla_target::ActiveModel {
                org_id: Set(self.scope.org_id.uuid()),
                severity: Set(severity.key().to_owned()),
                ack_seconds: Set(target.acknowledge.num_seconds()),
                resolve_seconds: Set(target.resolve.num_seconds()),
            })
            .on_conflict(
                OnConflict::columns([sla_target::Column::OrgId, sla_target::Column::Severity])
                    .update_columns([sla_target::Column::AckSeconds, sla_target::Column::ResolveSeconds])
                    .to_owned(),
            )
            .exec(&tx)
            .await?;
        }
        let describe = |list: &[(Severity, SlaTarget)]| -> serde_json::Value {
            list.iter()
                .map(|(s, t)| {
                    (
                        s.key().to_owned(),
                        json!({"ackSeconds": t.acknowledge.num_seconds(), "resolveSeconds": t.resolve.num_seconds()}),
                    )
                })
                .collect::<serde_json::Map<_, _>>()
                .into()
        };
        let summary = json!({"before": describe(&before), "after": describe(targets)});
        audit::append(
            &tx,
            self.scope.org_id.uuid(),
            meta,
            AuditEntry::new("sla.targets_changed", self.scope.org_id, summary),
            self.scope.clock.now(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
