//! A record's SLA clocks: started by the first enabled policy that matches
//! the record when it is created (one clock per measured target), moved
//! by what happens to the record, and replayed from their events whenever
//! they are read or moved. Each row keeps its figures (status, due time)
//! and its timer: `alert_at`, the next warning or the breach still to
//! deliver, which the sweep claims. Nothing else writes a clock, so a
//! reassignment never resets one.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::json;

use super::super::entities::{sla_clock, sla_clock_event, sla_policy};
use super::super::records::DomainEvent;
use super::super::scope::{scoped, scoped_update};
use super::super::unit::UnitOfWork;
use super::super::{StoreError, StoreResult};
use super::revisions::{self, Terms};
use super::{PolicyRecord, Sla, policies_of};
use crate::domain::events::EventType;
use crate::domain::org::Module;
use crate::domain::records::RecordRef;
use crate::domain::sla::clock::{ClockEvent, ClockState, ClockStatus, replay};
use crate::domain::sla::policy::{Metric, PolicySpec, Subject};
use crate::ids::{OrgId, RequestTaskId, SlaClockId, SlaPolicyId, TeamId, UserId};

/// A clock as a record's page shows it: its figures replayed now.
#[derive(Debug, Clone)]
pub struct ClockRecord {
    pub id: SlaClockId,
    pub subject: RecordRef,
    /// The fulfilment task it measures (an OLA), and that task's team.
    pub task: Option<(RequestTaskId, TeamId)>,
    pub policy: SlaPolicyId,
    pub policy_name: String,
    pub policy_revision: i32,
    pub metric: Metric,
    pub state: ClockState,
    pub events: Vec<ClockEvent>,
}

/// What clocks measure: a record (incident, request), or one fulfilment
/// task of a request, against its team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measured {
    Record(RecordRef),
    Task { request: RecordRef, task: RequestTaskId, team: TeamId },
}

impl Measured {
    fn record(self) -> RecordRef {
        match self {
            Measured::Record(record) | Measured::Task { request: record, .. } => record,
        }
    }

    fn task(self) -> Option<(RequestTaskId, TeamId)> {
        match self {
            Measured::Record(_) => None,
            Measured::Task { task, team, .. } => Some((task, team)),
        }
    }
}

impl From<RecordRef> for Measured {
    fn from(record: RecordRef) -> Self {
        Measured::Record(record)
    }
}

/// What happened to a record, as its clocks hear it.
#[derive(Debug, Clone)]
pub enum ClockMove {
    /// The target was reached: acknowledged (response), resolved (resolution).
    Met(Metric),
    /// The record was reopened: the met clock runs on.
    Reopen(Metric),
    /// The record entered `status`; clocks whose policy pauses on it pause.
    Pause(&'static str),
    /// It left every pausing status.
    Resume,
    /// Its priority changed: clocks take the policy's target for it.
    Retarget { priority: String, reason: String },
    /// The record ended without meeting them (cancelled, rejected).
    Cancel,
}

fn corrupt(error: impl ToString) -> StoreError {
    StoreError::Corrupt(error.to_string())
}

fn status_of(row: &sla_clock::Model) -> StoreResult<ClockStatus> {
    row.status.parse().map_err(corrupt)
}

async fn events_of<C: ConnectionTrait>(conn: &C, org_id: OrgId, clock: uuid::Uuid) -> StoreResult<Vec<ClockEvent>> {
    scoped::<sla_clock_event::Entity>(org_id)
        .filter(sla_clock_event::Column::ClockId.eq(clock))
        .order_by_asc(sla_clock_event::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| serde_json::from_str(&row.event).map_err(corrupt))
        .collect()
}

async fn append(unit: &UnitOfWork<'_>, clock: uuid::Uuid, event: &ClockEvent) -> StoreResult<()> {
    sla_clock_event::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        org_id: Set(unit.org_id().uuid()),
        clock_id: Set(clock),
        event: Set(json!(event).to_string()),
        created_at: Set(unit.now()),
    }
    .insert(unit.conn())
    .await?;
    Ok(())
}

/// The clock's policy as it is now, and the terms of the revision the
/// clock counts by.
async fn terms_of<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    row: &sla_clock::Model,
) -> StoreResult<(PolicyRecord, Terms)> {
    let found = scoped::<sla_policy::Entity>(org_id).filter(sla_policy::Column::Id.eq(row.policy_id)).one(conn).await?;
    let policy = PolicyRecord::try_from(found.ok_or_else(|| corrupt("a clock's policy is missing"))?)?;
    let terms = revisions::terms(conn, org_id, &policy, row.policy_revision).await?;
    Ok((policy, terms))
}

/// A clock replayed: its figures now, its events, and when its next alert
/// is due.
struct Replayed {
    state: ClockState,
    events: Vec<ClockEvent>,
    alert_at: Option<DateTime<Utc>>,
}

async fn replayed<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    row: &sla_clock::Model,
    terms: &Terms,
    now: DateTime<Utc>,
) -> StoreResult<Replayed> {
    let events = events_of(conn, org_id, row.id).await?;
    let state = replay(&terms.calendar, &terms.counts, &events, now);
    let counting = matches!(state.status, ClockStatus::Running | ClockStatus::Breached);
    let alert_at = if !counting || !terms.spec.enabled || row.breach_sent {
        None
    } else {
        let warnings = &terms.spec.warnings;
        let next_warning = usize::try_from(row.warnings_sent)
            .ok()
            .and_then(|sent| warnings.get(sent))
            .and_then(|percent| state.threshold_at(&terms.calendar, now, *percent));
        [next_warning, state.due_at.or(state.breached_at)].into_iter().flatten().min()
    };
    Ok(Replayed { state, events, alert_at })
}

/// Writes the clock's figures and timer as its events now say.
async fn refresh(unit: &UnitOfWork<'_>, row: sla_clock::Model, terms: &Terms) -> StoreResult<sla_clock::Model> {
    let Replayed { state, alert_at, .. } = replayed(unit.conn(), unit.org_id(), &row, terms, unit.now()).await?;
    let mut active: sla_clock::ActiveModel = row.into();
    active.status = Set(state.status.key().to_owned());
    active.target_seconds = Set(state.target.num_seconds());
    active.due_at = Set(state.due_at);
    active.breached_at = Set(state.breached_at);
    active.alert_at = Set(alert_at);
    active.updated_at = Set(unit.now());
    Ok(active.update(unit.conn()).await?)
}

/// Whether the organisation runs service level management now: its
/// policies start no clock while the module is off.
async fn module_on(unit: &UnitOfWork<'_>) -> StoreResult<bool> {
    let org = super::super::orgs::org_on(unit.conn(), unit.org_id()).await?;
    Ok(org.features.is_on(Module::SlaManagement))
}

/// Starts the clocks of what is `measured` under the first enabled policy
/// matching `subject`, with its targets for `priority`; none match, none
/// start.
pub(in crate::store) async fn start(
    unit: &UnitOfWork<'_>,
    subject: &Subject,
    measured: Measured,
    priority: Option<&str>,
) -> StoreResult<()> {
    let record = measured.record();
    if !module_on(unit).await? {
        return Ok(());
    }
    let policies = policies_of(unit.conn(), unit.org_id()).await?;
    let Some(policy) = policies.iter().find(|p| p.spec.enabled && p.spec.applies_to.matches(subject)) else {
        return Ok(());
    };
    let terms = revisions::terms(unit.conn(), unit.org_id(), policy, policy.revision).await?;
    let targets = terms.spec.targets_for(priority);
    for metric in Metric::ALL {
        let Some(minutes) = targets.minutes(*metric) else { continue };
        let target_seconds = i64::from(minutes) * 60;
        let row = sla_clock::ActiveModel {
            id: Set(SlaClockId::new().uuid()),
            org_id: Set(unit.org_id().uuid()),
            subject_kind: Set(record.kind().key().to_owned()),
            subject_id: Set(record.uuid()),
            task_id: Set(measured.task().map(|(task, _)| task.uuid())),
            team_id: Set(measured.task().map(|(_, team)| team.uuid())),
            policy_id: Set(policy.id.uuid()),
            policy_revision: Set(policy.revision),
            metric: Set(metric.key().to_owned()),
            status: Set(ClockStatus::Running.key().to_owned()),
            target_seconds: Set(target_seconds),
            due_at: Set(None),
            breached_at: Set(None),
            alert_at: Set(None),
            warnings_sent: Set(0),
            breach_sent: Set(false),
            created_at: Set(unit.now()),
            updated_at: Set(unit.now()),
        }
        .insert(unit.conn())
        .await?;
        append(unit, row.id, &ClockEvent::Started { at: unit.now(), target_seconds }).await?;
        refresh(unit, row, &terms).await?;
    }
    Ok(())
}

/// The clocks of a record (its own and its tasks'), oldest first.
fn clocks_of(org_id: OrgId, record: RecordRef) -> sea_orm::Select<sla_clock::Entity> {
    scoped::<sla_clock::Entity>(org_id)
        .filter(sla_clock::Column::SubjectKind.eq(record.kind().key()))
        .filter(sla_clock::Column::SubjectId.eq(record.uuid()))
        .order_by_asc(sla_clock::Column::Id)
}

/// The clocks measuring exactly `measured`.
fn clocks_measuring(org_id: OrgId, measured: Measured) -> sea_orm::Select<sla_clock::Entity> {
    let query = clocks_of(org_id, measured.record());
    match measured.task() {
        Some((task, _)) => query.filter(sla_clock::Column::TaskId.eq(task.uuid())),
        None => query.filter(sla_clock::Column::TaskId.is_null()),
    }
}

/// The event `change` makes on a clock in `status` measuring `metric`, if any.
fn event_for(
    change: &ClockMove,
    metric: Metric,
    status: ClockStatus,
    terms: &PolicySpec,
    target_seconds: i64,
    at: DateTime<Utc>,
) -> Option<ClockEvent> {
    let counting = matches!(status, ClockStatus::Running | ClockStatus::Breached);
    let open = counting || status == ClockStatus::Paused;
    match change {
        ClockMove::Met(m) if *m == metric && open => Some(ClockEvent::Met { at }),
        ClockMove::Reopen(m) if *m == metric && status == ClockStatus::Met => Some(ClockEvent::Reopened { at }),
        ClockMove::Pause(on) if counting && terms.pause_statuses.iter().any(|s| s == on) => {
            Some(ClockEvent::Paused { at, reason: on.replace('_', " ") })
        }
        ClockMove::Resume if status == ClockStatus::Paused => Some(ClockEvent::Resumed { at }),
        ClockMove::Retarget { priority, reason } if open => {
            let minutes = terms.targets_for(Some(priority)).minutes(metric)?;
            let target = i64::from(minutes) * 60;
            (target != target_seconds).then(|| ClockEvent::TargetChanged {
                at,
                target_seconds: target,
                reason: reason.clone(),
            })
        }
        ClockMove::Cancel if open => Some(ClockEvent::Cancelled { at }),
        _ => None,
    }
}

/// Tells the clocks of what is `measured` what happened to it, in `unit`.
pub(in crate::store) async fn moved(
    unit: &UnitOfWork<'_>,
    measured: impl Into<Measured>,
    changes: &[ClockMove],
) -> StoreResult<()> {
    for row in clocks_measuring(unit.org_id(), measured.into()).all(unit.conn()).await? {
        let (_, terms) = terms_of(unit.conn(), unit.org_id(), &row).await?;
        let metric: Metric = row.metric.parse().map_err(corrupt)?;
        let mut status = status_of(&row)?;
        let mut target = row.target_seconds;
        let mut touched = false;
        for change in changes {
            let Some(event) = event_for(change, metric, status, &terms.spec, target, unit.now()) else { continue };
            append(unit, row.id, &event).await?;
            touched = true;
            status = match &event {
                ClockEvent::Met { .. } => ClockStatus::Met,
                ClockEvent::Paused { .. } => ClockStatus::Paused,
                ClockEvent::Cancelled { .. } => ClockStatus::Cancelled,
                ClockEvent::TargetChanged { target_seconds, .. } => {
                    target = *target_seconds;
                    status
                }
                _ => ClockStatus::Running,
            };
        }
        if touched {
            refresh(unit, row, &terms).await?;
        }
    }
    Ok(())
}

/// Every clock the policy runs: their timers as the policy now says
/// (none while it is disabled).
pub(super) async fn refresh_alerts_of_policy(unit: &UnitOfWork<'_>, policy: &PolicyRecord) -> StoreResult<()> {
    if !policy.spec.enabled {
        // Stops every warning at once, whatever the clocks' number.
        scoped_update::<sla_clock::Entity>(unit.org_id())
            .col_expr(sla_clock::Column::AlertAt, sea_orm::sea_query::Expr::value(Option::<DateTime<Utc>>::None))
            .filter(sla_clock::Column::PolicyId.eq(policy.id.uuid()))
            .exec(unit.conn())
            .await?;
        return Ok(());
    }
    // Clocks count by their own revisions; each revision is read once.
    let mut revisions = std::collections::BTreeMap::new();
    for row in counting_clocks(unit, policy).await? {
        let terms = match revisions.entry(row.policy_revision) {
            std::collections::btree_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::btree_map::Entry::Vacant(new) => {
                new.insert(revisions::terms(unit.conn(), unit.org_id(), policy, row.policy_revision).await?)
            }
        };
        refresh(unit, row, terms).await?;
    }
    Ok(())
}

async fn counting_clocks(unit: &UnitOfWork<'_>, policy: &PolicyRecord) -> StoreResult<Vec<sla_clock::Model>> {
    let counting = [ClockStatus::Running, ClockStatus::Breached, ClockStatus::Paused].map(|s| s.key());
    Ok(scoped::<sla_clock::Entity>(unit.org_id())
        .filter(sla_clock::Column::PolicyId.eq(policy.id.uuid()))
        .filter(sla_clock::Column::Status.is_in(counting))
        .all(unit.conn())
        .await?)
}

/// The policy's targets, as it is now, for its clocks still counting.
pub(super) async fn reapply(unit: &UnitOfWork<'_>, policy: &PolicyRecord) -> StoreResult<usize> {
    let terms = revisions::terms(unit.conn(), unit.org_id(), policy, policy.revision).await?;
    let mut count = 0;
    for row in counting_clocks(unit, policy).await? {
        let metric: Metric = row.metric.parse().map_err(corrupt)?;
        let priority = priority_of(unit.conn(), unit.org_id(), &row).await?;
        let reason = format!("{} was re-applied (revision {})", policy.spec.name, policy.revision);
        let change = ClockMove::Retarget { priority: priority.unwrap_or_else(|| "default".to_owned()), reason };
        if let Some(event) = event_for(&change, metric, status_of(&row)?, &terms.spec, row.target_seconds, unit.now()) {
            append(unit, row.id, &event).await?;
        }
        let mut active: sla_clock::ActiveModel = row.into();
        active.policy_revision = Set(policy.revision);
        refresh(unit, active.update(unit.conn()).await?, &terms).await?;
        count += 1;
    }
    Ok(count)
}

/// The priority a clock's record has now (an incident's severity).
async fn priority_of<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    row: &sla_clock::Model,
) -> StoreResult<Option<String>> {
    let record = RecordRef::stored(row.subject_kind.parse().map_err(corrupt)?, row.subject_id);
    let summary = super::super::records::describe(conn, org_id, record).await?;
    Ok(summary.and_then(|s| s.event_data.get("severity").and_then(|v| v.as_str()).map(str::to_owned)))
}

/// Delivers the clock's due alert — the breach, else its next warning —
/// once: the row is locked and its counters move in the same write.
pub(super) async fn alert(unit: &mut UnitOfWork<'_>, clock: SlaClockId) -> StoreResult<bool> {
    let org_id = unit.org_id();
    let row = scoped::<sla_clock::Entity>(org_id)
        .filter(sla_clock::Column::Id.eq(clock.uuid()))
        .lock_exclusive()
        .one(unit.conn())
        .await?;
    let Some(row) = row else { return Ok(false) };
    let now = unit.now();
    if row.alert_at.is_none_or(|at| at > now) {
        return Ok(false);
    }
    let (_, terms) = terms_of(unit.conn(), org_id, &row).await?;
    let Replayed { state, .. } = replayed(unit.conn(), org_id, &row, &terms, now).await?;
    let record = RecordRef::stored(row.subject_kind.parse().map_err(corrupt)?, row.subject_id);
    let warnings = &terms.spec.warnings;
    let sent = usize::try_from(row.warnings_sent).unwrap_or(usize::MAX);
    let mut active: sla_clock::ActiveModel = row.clone().into();
    let (event_type, percent) = if state.breached_at.is_some() {
        active.breach_sent = Set(true);
        active.warnings_sent = Set(i32::try_from(warnings.len()).unwrap_or(i32::MAX));
        (EventType::SlaBreached, 100)
    } else if let Some(percent) =
        warnings.get(sent).copied().filter(|p| state.threshold_at(&terms.calendar, now, *p).is_some_and(|at| at <= now))
    {
        active.warnings_sent = Set(row.warnings_sent + 1);
        (EventType::SlaWarning, percent)
    } else {
        refresh(unit, row, &terms).await?;
        return Ok(false);
    };
    let updated = active.update(unit.conn()).await?;
    refresh(unit, updated, &terms).await?;
    let Some(summary) = super::super::records::describe(unit.conn(), org_id, record).await? else { return Ok(false) };
    let task = row.task_id.map(RequestTaskId::from_uuid);
    let notify = people_to_tell(unit.conn(), org_id, record, task).await?;
    let mut data = json!({"number": summary.number.to_string(), "title": summary.title, "metric": row.metric,
                          "percent": percent, "policy": terms.spec.name, "dueAt": state.due_at,
                          "breachedAt": state.breached_at, "clock": clock, "notify": notify});
    if let Some(task) = task {
        data["task"] = super::super::requests::task_summary(unit.conn(), org_id, task).await?;
    }
    unit.emit(DomainEvent::new(event_type, record, data));
    Ok(true)
}

/// Who hears of a record's SLA: an incident's assignees, commander and
/// team lead; a request's task assignees and their teams' leads — or, for
/// a task's OLA, that task's assignee and its team's lead.
async fn people_to_tell<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    record: RecordRef,
    task: Option<RequestTaskId>,
) -> StoreResult<Vec<UserId>> {
    let mut people = super::super::incidents::responsible(conn, org_id, record).await?;
    people.extend(super::super::requests::responsible(conn, org_id, record, task).await?);
    people.sort();
    people.dedup();
    Ok(people)
}

impl Sla<'_> {
    /// `record`'s clocks, replayed now.
    pub async fn clocks(&self, record: RecordRef) -> StoreResult<Vec<ClockRecord>> {
        let (db, org_id) = (self.scope.db, self.scope.org_id);
        let now = self.scope.clock.now();
        let mut clocks = Vec::new();
        for row in clocks_of(org_id, record).all(db).await? {
            let (policy, terms) = terms_of(db, org_id, &row).await?;
            let Replayed { state, events, .. } = replayed(db, org_id, &row, &terms, now).await?;
            let task =
                row.task_id.zip(row.team_id).map(|(t, team)| (RequestTaskId::from_uuid(t), TeamId::from_uuid(team)));
            clocks.push(ClockRecord {
                id: SlaClockId::from_uuid(row.id),
                subject: record,
                task,
                policy: policy.id,
                policy_name: policy.spec.name,
                policy_revision: row.policy_revision,
                metric: row.metric.parse().map_err(corrupt)?,
                state,
                events,
            });
        }
        Ok(clocks)
    }
}
