//! Every policy revision as it stood: its targets, pausing statuses and
//! warnings, and its calendar's hours then. Clocks count by the revision
//! they started under (or were re-applied to), so editing a policy — or
//! the calendar it counts by, which makes a new revision of it — reaches
//! running clocks only when an admin re-applies it. Whether the policy is
//! enabled, and its name, are read as they are now: disabling it stops
//! every warning of its clocks at once.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, Set};
use serde_json::json;

use super::super::entities::{sla_calendar, sla_policy_revision};
use super::super::scope::scoped;
use super::super::unit::UnitOfWork;
use super::super::{StoreError, StoreResult};
use super::PolicyRecord;
use crate::domain::sla::calendar::Calendar;
use crate::domain::sla::policy::{CalendarSpec, PolicySpec};
use crate::ids::OrgId;

/// What a clock counts by.
pub(super) struct Terms {
    /// The policy at the clock's revision, with its name and switch as now.
    pub(super) spec: PolicySpec,
    pub(super) calendar: Calendar,
    /// What the calendar counts, in words.
    pub(super) counts: String,
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("a stored SLA policy revision's {what} is invalid"))
}

/// Keeps what `policy` says now, with the hours of its calendar now, as
/// its revision `policy.revision`.
pub(super) async fn record(unit: &UnitOfWork<'_>, policy: &PolicyRecord) -> StoreResult<()> {
    let calendar = match policy.spec.calendar {
        None => None,
        Some(id) => {
            let row = scoped::<sla_calendar::Entity>(unit.org_id())
                .filter(sla_calendar::Column::Id.eq(id.uuid()))
                .one(unit.conn())
                .await?;
            Some(row.ok_or_else(|| StoreError::Corrupt("a policy's calendar is missing".into()))?.spec)
        }
    };
    sla_policy_revision::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        org_id: Set(unit.org_id().uuid()),
        policy_id: Set(policy.id.uuid()),
        revision: Set(policy.revision),
        spec: Set(json!(policy.spec).to_string()),
        calendar: Set(calendar),
        created_at: Set(unit.now()),
    }
    .insert(unit.conn())
    .await?;
    Ok(())
}

/// The terms of `policy` (as it is now) at `revision`.
pub(super) async fn terms<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    policy: &PolicyRecord,
    revision: i32,
) -> StoreResult<Terms> {
    let row = scoped::<sla_policy_revision::Entity>(org_id)
        .filter(sla_policy_revision::Column::PolicyId.eq(policy.id.uuid()))
        .filter(sla_policy_revision::Column::Revision.eq(revision))
        .one(conn)
        .await?
        .ok_or_else(|| StoreError::Corrupt("an SLA policy revision is missing".into()))?;
    let mut spec: PolicySpec = serde_json::from_str(&row.spec).map_err(|_| corrupt("policy"))?;
    spec.name.clone_from(&policy.spec.name);
    spec.enabled = policy.spec.enabled;
    let (calendar, counts) = match row.calendar {
        None => (Calendar::always(), "round the clock (24/7)".to_owned()),
        Some(text) => {
            let written: CalendarSpec = serde_json::from_str(&text).map_err(|_| corrupt("calendar"))?;
            let calendar = written.calendar().map_err(|_| corrupt("calendar"))?;
            (calendar, format!("only the business hours of {} ({})", written.name, written.time_zone))
        }
    };
    Ok(Terms { spec, calendar, counts })
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use sea_orm::sea_query::Query;

    use super::*;
    use crate::ids::{CalendarId, SlaPolicyId};
    use crate::store::test_support::{Backend, org_with_owner, unmigrated_test_store};

    /// Policies from before revisions were kept get a revision for their
    /// current one and for each one a clock still counts by, as the policy
    /// and its calendar say now — the best that is known of them.
    async fn existing_policies_get_their_revisions(backend: Backend) {
        let (store, _db) = unmigrated_test_store(backend).await;
        store.migrate_until("m0020_sla_policy_revisions").await.expect("migrate");
        let (access, _) = org_with_owner(&store).await;
        let org = access.org().id.uuid();
        let (calendar, policy) = (CalendarId::new(), SlaPolicyId::new());
        let now = Utc::now();
        let hours = json!({"name": "Office", "timeZone": "Europe/Berlin",
                           "week": {"monday": [{"from": "09:00", "to": "17:00"}]}});
        let spec = json!({"name": "Office hours", "appliesTo": {"record": "incident"}, "calendar": calendar,
                          "targets": {"default": {"resolutionMinutes": 240}}, "warnings": [80]});
        let rows = [
            Query::insert()
                .into_table("sla_calendars")
                .columns(["id", "org_id", "name", "spec", "created_at", "updated_at", "version"])
                .values_panic([
                    calendar.uuid().into(),
                    org.into(),
                    "Office".into(),
                    hours.to_string().into(),
                    now.into(),
                    now.into(),
                    1.into(),
                ])
                .to_owned(),
            Query::insert()
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
                    policy.uuid().into(),
                    org.into(),
                    "Office hours".into(),
                    0.into(),
                    true.into(),
                    spec.to_string().into(),
                    3.into(),
                    now.into(),
                    now.into(),
                    3.into(),
                    false.into(),
                ])
                .to_owned(),
            Query::insert()
                .into_table("sla_clocks")
                .columns([
                    "id",
                    "org_id",
                    "subject_kind",
                    "subject_id",
                    "policy_id",
                    "policy_revision",
                    "metric",
                    "status",
                    "target_seconds",
                    "warnings_sent",
                    "breach_sent",
                    "created_at",
                    "updated_at",
                ])
                .values_panic([
                    uuid::Uuid::now_v7().into(),
                    org.into(),
                    "incident".into(),
                    uuid::Uuid::now_v7().into(),
                    policy.uuid().into(),
                    2.into(),
                    "resolution".into(),
                    "running".into(),
                    14_400i64.into(),
                    0.into(),
                    false.into(),
                    now.into(),
                    now.into(),
                ])
                .to_owned(),
        ];
        for row in rows {
            store.db.execute(&row).await.expect("a row from before");
        }
        store.migrate().await.expect("migrate");
        let record = store.org_store(&access).sla().policy(policy).await.expect("read").expect("the policy");
        for revision in [2, 3] {
            let terms = terms(&store.db, access.org().id, &record, revision).await.expect("a kept revision");
            assert_eq!(terms.spec.warnings, [80]);
            assert_eq!(terms.counts, "only the business hours of Office (Europe/Berlin)");
        }
        assert!(terms(&store.db, access.org().id, &record, 1).await.is_err(), "no clock counts by revision 1");
    }

    #[tokio::test]
    async fn existing_policies_get_their_revisions_on_sqlite() {
        existing_policies_get_their_revisions(Backend::Sqlite).await;
    }

    #[tokio::test]
    async fn existing_policies_get_their_revisions_on_postgres() {
        existing_policies_get_their_revisions(Backend::Postgres).await;
    }
}
