//! The organisation's default SLA policy: its per-severity targets, which
//! every incident is judged by for the dashboards' figures (acknowledged
//! and resolved within target) and which `…/sla-targets` reads and writes.
//! Tried after every other policy; without one, the built-in targets
//! apply (`Severity::default_sla`).

use std::collections::BTreeMap;

use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QuerySelect, Set};
use serde_json::json;

use super::super::StoreResult;
use super::super::entities::sla_policy;
use super::super::scope::scoped;
use super::{PolicyRecord, Sla};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::incidents::{Severity, SlaTarget};
use crate::domain::sla::policy::{AppliesTo, PolicySpec, PolicySubject, Targets};
use crate::ids::{OrgId, SlaPolicyId};

pub const DEFAULT_POLICY_NAME: &str = "Default targets";

async fn default_policy<C: ConnectionTrait>(conn: &C, org_id: OrgId, lock: bool) -> StoreResult<Option<PolicyRecord>> {
    let mut query = scoped::<sla_policy::Entity>(org_id).filter(sla_policy::Column::IsDefault.eq(true));
    if lock {
        query = query.lock_exclusive();
    }
    query.one(conn).await?.map(TryInto::try_into).transpose()
}

/// The targets of `severity` under `policy`, the built-in ones where it names none.
fn target_under(policy: Option<&PolicySpec>, severity: Severity) -> SlaTarget {
    let builtin = severity.default_sla();
    let Some(targets) = policy.map(|p| p.targets_for(Some(severity.key()))) else { return builtin };
    let minutes = |m: Option<u32>, or: Duration| m.map_or(or, |m| Duration::minutes(i64::from(m)));
    SlaTarget {
        acknowledge: minutes(targets.response_minutes, builtin.acknowledge),
        resolve: minutes(targets.resolution_minutes, builtin.resolve),
    }
}

/// Every severity's target under `policy`.
fn targets_under(policy: Option<&PolicySpec>) -> Vec<(Severity, SlaTarget)> {
    Severity::ALL.iter().map(|s| (*s, target_under(policy, *s))).collect()
}

/// Every severity's target, as the default policy says.
pub(in crate::store) async fn incident_targets<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
) -> StoreResult<Vec<(Severity, SlaTarget)>> {
    Ok(targets_under(default_policy(conn, org_id, false).await?.as_ref().map(|p| &p.spec)))
}

/// The target an incident of `severity` is judged by.
pub(in crate::store) async fn incident_target<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    severity: Severity,
) -> StoreResult<SlaTarget> {
    Ok(target_under(default_policy(conn, org_id, false).await?.as_ref().map(|p| &p.spec), severity))
}

/// Whether `applies` is what a default policy applies to: every incident.
pub(super) fn applies_to_every_incident(applies: &AppliesTo) -> bool {
    *applies == AppliesTo::every(PolicySubject::Incident)
}

impl Sla<'_> {
    /// Sets the default policy's targets for the severities given (the
    /// others keep theirs), writing the policy if the organisation has none.
    /// Like any policy edit, it reaches clocks started from now on.
    pub async fn set_default_targets(&self, targets: &[(Severity, SlaTarget)], meta: &AuditMeta) -> StoreResult<()> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let now = unit.now();
        let existing = default_policy(unit.conn(), org_id, true).await?;
        let before = targets_under(existing.as_ref().map(|p| &p.spec));
        let mut spec = existing.as_ref().map_or_else(
            || PolicySpec {
                name: DEFAULT_POLICY_NAME.to_owned(),
                enabled: true,
                applies_to: AppliesTo::every(PolicySubject::Incident),
                targets: before.iter().map(|(s, t)| (s.key().to_owned(), Targets::of(*t))).collect::<BTreeMap<_, _>>(),
                calendar: None,
                pause_statuses: Vec::new(),
                warnings: Vec::new(),
            },
            |p| p.spec.clone(),
        );
        for (severity, target) in targets {
            spec.targets.insert(severity.key().to_owned(), Targets::of(*target));
        }
        let text = json!(spec).to_string();
        let written = match existing {
            Some(policy) => {
                sla_policy::ActiveModel {
                    id: Set(policy.id.uuid()),
                    spec: Set(text),
                    revision: Set(policy.revision + 1),
                    updated_at: Set(now),
                    version: Set(policy.version + 1),
                    ..Default::default()
                }
                .update(unit.conn())
                .await?
            }
            None => {
                sla_policy::ActiveModel {
                    id: Set(SlaPolicyId::new().uuid()),
                    org_id: Set(org_id.uuid()),
                    name: Set(spec.name.clone()),
                    position: Set(0),
                    enabled: Set(true),
                    spec: Set(text),
                    revision: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                    version: Set(1),
                    is_default: Set(true),
                }
                .insert(unit.conn())
                .await?
            }
        };
        super::revisions::record(&unit, &PolicyRecord::try_from(written)?).await?;
        let describe = |list: &[(Severity, SlaTarget)]| -> serde_json::Value {
            list.iter()
                .map(|(s, t)| {
                    let seconds =
                        json!({"ackSeconds": t.acknowledge.num_seconds(), "resolveSeconds": t.resolve.num_seconds()});
                    (s.key().to_owned(), seconds)
                })
                .collect::<serde_json::Map<_, _>>()
                .into()
        };
        let summary = json!({"before": describe(&before), "after": describe(targets)});
        unit.audit(AuditEntry::new("sla.targets_changed", org_id, summary));
        unit.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::sea_query::Query;

    use super::*;
    use crate::store::test_support::{Backend, org_with_owner, unmigrated_test_store};

    /// An organisation's old per-severity targets become its default policy,
    /// in whole minutes; the severities it never set keep the built-in ones.
    async fn the_old_targets_become_the_default_policy(backend: Backend) {
        let (store, _db) = unmigrated_test_store(backend).await;
        store.migrate_until("m0019_default_sla_policy").await.expect("migrate");
        let (access, _) = org_with_owner(&store).await;
        let org_id = access.org().id;
        let insert = Query::insert()
            .into_table("sla_targets")
            .columns(["org_id", "severity", "ack_seconds", "resolve_seconds"])
            .values_panic([org_id.uuid().into(), "P1".into(), 600i64.into(), 7230i64.into()])
            .to_owned();
        store.db.execute(&insert).await.expect("old targets");
        store.migrate().await.expect("migrate");
        let targets = incident_targets(&store.db, org_id).await.expect("targets");
        let p1 = SlaTarget { acknowledge: Duration::minutes(10), resolve: Duration::minutes(121) };
        assert_eq!(targets[0], (Severity::P1, p1), "rounded up to the minute");
        assert_eq!(targets[1], (Severity::P2, Severity::P2.default_sla()));
        let policies = store.org_store(&access).sla().policies().await.expect("policies");
        assert_eq!(policies.len(), 1);
        let policy = &policies[0];
        assert!(policy.is_default && policy.spec.enabled && applies_to_every_incident(&policy.spec.applies_to));
        assert_eq!(policy.spec.name, DEFAULT_POLICY_NAME);
    }

    #[tokio::test]
    async fn the_old_targets_become_the_default_policy_on_sqlite() {
        the_old_targets_become_the_default_policy(Backend::Sqlite).await;
    }

    #[tokio::test]
    async fn the_old_targets_become_the_default_policy_on_postgres() {
        the_old_targets_become_the_default_policy(Backend::Postgres).await;
    }
}
