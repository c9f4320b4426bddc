//! Service level management's storage: calendars and policies as the
//! organisation writes them (`…/calendars`, `…/sla-policies`), and the
//! clocks records run (`clocks`).

mod clocks;
mod compliance;
mod defaults;
mod revisions;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::json;

use super::entities::{sla_calendar, sla_policy};
use super::scope::{OrgOwned, scoped, scoped_delete};
use super::unit::UnitOfWork;
use super::{OrgStore, StoreError, StoreResult};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::sla::policy::{CalendarSpec, PolicySpec};
use crate::ids::{CalendarId, OrgId, SlaPolicyId};

pub use clocks::{ClockMove, ClockRecord, Measured};
pub(super) use clocks::{moved, start};
pub use compliance::{Compliance, Outcomes};
pub use defaults::DEFAULT_POLICY_NAME;
pub(super) use defaults::{incident_target, incident_targets};

const MAX_LISTED: u64 = 500;

#[derive(Debug, Clone)]
pub struct CalendarRecord {
    pub id: CalendarId,
    pub spec: CalendarSpec,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<sla_calendar::Model> for CalendarRecord {
    type Error = StoreError;

    fn try_from(m: sla_calendar::Model) -> StoreResult<Self> {
        Ok(Self {
            id: CalendarId::from_uuid(m.id),
            spec: serde_json::from_str(&m.spec).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        })
    }
}

#[derive(Debug, Clone)]
pub struct PolicyRecord {
    pub id: SlaPolicyId,
    /// Policies are tried in this order; the first that matches applies.
    pub position: i32,
    pub spec: PolicySpec,
    /// Bumped by every edit; clocks keep the revision they started under.
    pub revision: i32,
    /// The organisation's default policy: tried last, its targets those
    /// incidents are judged by (`…/sla-targets`).
    pub is_default: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<sla_policy::Model> for PolicyRecord {
    type Error = StoreError;

    fn try_from(m: sla_policy::Model) -> StoreResult<Self> {
        let mut spec: PolicySpec = serde_json::from_str(&m.spec).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        spec.enabled = m.enabled;
        Ok(Self {
            id: SlaPolicyId::from_uuid(m.id),
            position: m.position,
            spec,
            revision: m.revision,
            is_default: m.is_default,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        })
    }
}

/// Why an SLA write was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlaRefusal {
    NotFound,
    Stale {
        current: i32,
    },
    NameTaken,
    UnknownCalendar,
    /// Policies count by it.
    CalendarInUse(String),
    /// The default policy applies to every incident, whatever its edit says.
    DefaultNarrowed,
}

fn name_taken<T>(error: StoreError) -> StoreResult<Result<T, SlaRefusal>> {
    match error {
        StoreError::Duplicate(_) => Ok(Err(SlaRefusal::NameTaken)),
        other => Err(other),
    }
}

/// The organisation's row of `E` with id `id`, locked for the rest of
/// `unit`, if `expected` (the caller's version, `None`: any) is current.
async fn locked_current<E: OrgOwned>(
    unit: &UnitOfWork<'_>,
    id_column: E::Column,
    id: uuid::Uuid,
    expected: Option<i32>,
    version: impl Fn(&E::Model) -> i32,
) -> StoreResult<Result<E::Model, SlaRefusal>> {
    let row = scoped::<E>(unit.org_id()).filter(id_column.eq(id)).lock_exclusive().one(unit.conn()).await?;
    let Some(row) = row else { return Ok(Err(SlaRefusal::NotFound)) };
    let current = version(&row);
    if expected.is_some_and(|v| v != current) {
        return Ok(Err(SlaRefusal::Stale { current }));
    }
    Ok(Ok(row))
}

pub struct Sla<'a> {
    scope: OrgStore<'a>,
}

impl<'a> OrgStore<'a> {
    pub fn sla(&self) -> Sla<'a> {
        Sla { scope: *self }
    }
}

impl Sla<'_> {
    pub async fn calendars(&self) -> StoreResult<Vec<CalendarRecord>> {
        let query = self.scope.rows::<sla_calendar::Entity>().order_by_asc(sla_calendar::Column::Name);
        query.limit(MAX_LISTED).all(self.scope.db).await?.into_iter().map(TryInto::try_into).collect()
    }

    pub async fn calendar(&self, id: CalendarId) -> StoreResult<Option<CalendarRecord>> {
        let query = self.scope.rows::<sla_calendar::Entity>().filter(sla_calendar::Column::Id.eq(id.uuid()));
        query.one(self.scope.db).await?.map(TryInto::try_into).transpose()
    }

    /// Writes a calendar (checked by the caller), or replaces one if
    /// `replacing` names it at its current version.
    pub async fn save_calendar(
        &self,
        replacing: Option<(CalendarId, Option<i32>)>,
        spec: CalendarSpec,
        meta: &AuditMeta,
    ) -> StoreResult<Result<CalendarRecord, SlaRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let now = unit.now();
        let text = json!(spec).to_string();
        let written = match replacing {
            None => {
                sla_calendar::ActiveModel {
                    id: Set(CalendarId::new().uuid()),
                    org_id: Set(org_id.uuid()),
                    name: Set(spec.name.trim().to_owned()),
                    spec: Set(text),
                    created_at: Set(now),
                    updated_at: Set(now),
                    version: Set(1),
                }
                .insert(unit.conn())
                .await
            }
            Some((id, expected)) => {
                let row = match locked_current::<sla_calendar::Entity>(
                    &unit,
                    sla_calendar::Column::Id,
                    id.uuid(),
                    expected,
                    |r| r.version,
                )
                .await?
                {
                    Ok(row) => row,
                    Err(refusal) => return Ok(Err(refusal)),
                };
                let version = row.version;
                let mut active: sla_calendar::ActiveModel = row.into();
                active.name = Set(spec.name.trim().to_owned());
                active.spec = Set(text);
                active.updated_at = Set(now);
                active.version = Set(version + 1);
                active.update(unit.conn()).await
            }
        };
        let record = match written.map_err(StoreError::from_write) {
            Ok(row) => CalendarRecord::try_from(row)?,
            Err(error) => return name_taken(error),
        };
        // The policies counting by it take the new hours in a new revision:
        // clocks started from now on count by them, running ones once their
        // policy is re-applied.
        let mut revised = Vec::new();
        for policy in self.policies_on(unit.conn()).await? {
            if policy.spec.calendar == Some(record.id) {
                revised.push(json!({"name": policy.spec.name, "revision": policy.revision + 1}));
                revise(&unit, policy.id).await?;
            }
        }
        unit.audit(AuditEntry::new(
            "sla.calendar_saved",
            record.id,
            json!({"name": record.spec.name, "version": record.version, "policiesRevised": revised}),
        ));
        unit.commit().await?;
        Ok(Ok(record))
    }

    /// Deletes a calendar no policy counts by.
    pub async fn delete_calendar(&self, id: CalendarId, meta: &AuditMeta) -> StoreResult<Result<(), SlaRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        for policy in self.policies_on(unit.conn()).await? {
            if policy.spec.calendar == Some(id) {
                return Ok(Err(SlaRefusal::CalendarInUse(policy.spec.name)));
            }
        }
        let deleted = scoped_delete::<sla_calendar::Entity>(org_id)
            .filter(sla_calendar::Column::Id.eq(id.uuid()))
            .exec(unit.conn())
            .await?;
        if deleted.rows_affected == 0 {
            return Ok(Err(SlaRefusal::NotFound));
        }
        unit.audit(AuditEntry::new("sla.calendar_deleted", id, json!({})));
        unit.commit().await?;
        Ok(Ok(()))
    }

    /// Every policy, in the order they are tried.
    pub async fn policies(&self) -> StoreResult<Vec<PolicyRecord>> {
        self.policies_on(self.scope.db).await
    }

    async fn policies_on<C: ConnectionTrait>(&self, conn: &C) -> StoreResult<Vec<PolicyRecord>> {
        policies_of(conn, self.scope.org_id).await
    }

    pub async fn policy(&self, id: SlaPolicyId) -> StoreResult<Option<PolicyRecord>> {
        let query = self.scope.rows::<sla_policy::Entity>().filter(sla_policy::Column::Id.eq(id.uuid()));
        query.one(self.scope.db).await?.map(TryInto::try_into).transpose()
    }

    /// Writes a policy (checked by the caller) last in order, or replaces
    /// one if `replacing` names it at its current version. An edit applies
    /// to records that start clocks from now on; running clocks keep their
    /// targets until the policy is re-applied. Disabling one stops every
    /// warning of its clocks at once.
    pub async fn save_policy(
        &self,
        replacing: Option<(SlaPolicyId, Option<i32>)>,
        spec: PolicySpec,
        meta: &AuditMeta,
    ) -> StoreResult<Result<PolicyRecord, SlaRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        if let Some(calendar) = spec.calendar
            && scoped::<sla_calendar::Entity>(org_id)
                .filter(sla_calendar::Column::Id.eq(calendar.uuid()))
                .one(unit.conn())
                .await?
                .is_none()
        {
            return Ok(Err(SlaRefusal::UnknownCalendar));
        }
        let now = unit.now();
        let text = json!(spec).to_string();
        let written = match replacing {
            None => {
                let policies = self.policies_on(unit.conn()).await?;
                let last = policies.iter().filter(|p| !p.is_default).map(|p| p.position + 1).max().unwrap_or(0);
                sla_policy::ActiveModel {
                    id: Set(SlaPolicyId::new().uuid()),
                    org_id: Set(org_id.uuid()),
                    name: Set(spec.name.clone()),
                    position: Set(last),
                    enabled: Set(spec.enabled),
                    spec: Set(text),
                    revision: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                    version: Set(1),
                    is_default: Set(false),
                }
                .insert(unit.conn())
                .await
            }
            Some((id, expected)) => {
                let row = match locked_current::<sla_policy::Entity>(
                    &unit,
                    sla_policy::Column::Id,
                    id.uuid(),
                    expected,
                    |r| r.version,
                )
                .await?
                {
                    Ok(row) => row,
                    Err(refusal) => return Ok(Err(refusal)),
                };
                if row.is_default && !defaults::applies_to_every_incident(&spec.applies_to) {
                    return Ok(Err(SlaRefusal::DefaultNarrowed));
                }
                let (version, revision) = (row.version, row.revision);
                let mut active: sla_policy::ActiveModel = row.into();
                active.name = Set(spec.name.clone());
                active.enabled = Set(spec.enabled);
                active.spec = Set(text);
                active.revision = Set(revision + 1);
                active.updated_at = Set(now);
                active.version = Set(version + 1);
                active.update(unit.conn()).await
            }
        };
        let record = match written.map_err(StoreError::from_write) {
            Ok(row) => PolicyRecord::try_from(row)?,
            Err(error) => return name_taken(error),
        };
        revisions::record(&unit, &record).await?;
        clocks::refresh_alerts_of_policy(&unit, &record).await?;
        let summary = json!({"name": record.spec.name, "enabled": record.spec.enabled, "revision": record.revision});
        unit.audit(AuditEntry::new("sla.policy_saved", record.id, summary));
        unit.commit().await?;
        Ok(Ok(record))
    }

    /// Applies the policy as it is now to its running clocks: each takes
    /// its current target, keeping the time elapsed. Returns how many.
    pub async fn reapply_policy(&self, id: SlaPolicyId, meta: &AuditMeta) -> StoreResult<Result<usize, SlaRefusal>> {
        let mut unit = self.scope.unit(meta).await?;
        let row =
            match locked_current::<sla_policy::Entity>(&unit, sla_policy::Column::Id, id.uuid(), None, |r| r.version)
                .await?
            {
                Ok(row) => row,
                Err(refusal) => return Ok(Err(refusal)),
            };
        let policy = PolicyRecord::try_from(row)?;
        let count = clocks::reapply(&unit, &policy).await?;
        unit.audit(AuditEntry::new("sla.policy_reapplied", id, json!({"clocks": count, "revision": policy.revision})));
        unit.commit().await?;
        Ok(Ok(count))
    }

    /// One alert (a warning or the breach) of a clock whose timer is due,
    /// delivered once however many sweeps claim it; `false` if nothing was.
    pub async fn alert(&self, clock: crate::ids::SlaClockId, meta: &AuditMeta) -> StoreResult<bool> {
        let mut unit = self.scope.unit(meta).await?;
        let sent = clocks::alert(&mut unit, clock).await?;
        unit.commit().await?;
        Ok(sent)
    }
}

/// A new revision of the policy, as it is now with its calendar's hours now.
async fn revise(unit: &UnitOfWork<'_>, id: SlaPolicyId) -> StoreResult<()> {
    let locked = locked_current::<sla_policy::Entity>(unit, sla_policy::Column::Id, id.uuid(), None, |r| r.version);
    let Ok(row) = locked.await? else { return Err(StoreError::Corrupt("a revised policy vanished".into())) };
    let (version, revision) = (row.version, row.revision);
    let mut active: sla_policy::ActiveModel = row.into();
    active.revision = Set(revision + 1);
    active.version = Set(version + 1);
    active.updated_at = Set(unit.now());
    revisions::record(unit, &PolicyRecord::try_from(active.update(unit.conn()).await?)?).await
}

pub(super) async fn policies_of<C: ConnectionTrait>(conn: &C, org_id: OrgId) -> StoreResult<Vec<PolicyRecord>> {
    let query = scoped::<sla_policy::Entity>(org_id)
        .order_by_asc(sla_policy::Column::IsDefault)
        .order_by_asc(sla_policy::Column::Position);
    query.limit(MAX_LISTED).all(conn).await?.into_iter().map(TryInto::try_into).collect()
}
