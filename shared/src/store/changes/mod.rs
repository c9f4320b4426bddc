//! Changes (the change-management module) on the record kernel: numbered
//! `CHG-n`, versioned, with their planned window, risk (assessed on every
//! write from the organisation's policy), approvals (`flow`), and the
//! calendar with freezes and conflicts (`calendar`).

mod calendar;
mod flow;
mod policy;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QuerySelect, Set};
use serde_json::json;

use super::entities::{change, record_link};
use super::records::links::link_in;
use super::records::{DomainEvent, Entry, LinkRelation, RecordSummary, TimelineKind, newest_first, row_of};
use super::scope::scoped;
use super::teams::{OwnerRefusal, check_owner};
use super::{OrgStore, StoreError, StoreResult};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::changes::{ChangePolicy, ChangeStatus, ChangeType, Risk, RiskAssessment, Window};
use crate::domain::events::EventType;
use crate::domain::records::{RecordKind, RecordNumber, RecordRef};
use crate::error::FieldError;
use crate::ids::{ChangeId, OrgId, TeamId, UserId};

pub use calendar::{ChangeConflict, FailureRate, FreezeRecord, NewFreeze};
pub use flow::{FlowRefusal, Voted};

#[derive(Debug, Clone)]
pub struct ChangeRecord {
    pub id: ChangeId,
    pub number: RecordNumber,
    pub title: String,
    pub description: String,
    pub change_type: ChangeType,
    pub status: ChangeStatus,
    pub risk: Risk,
    pub risk_score: u32,
    pub risk_answers: BTreeMap<String, String>,
    pub implementation_plan: String,
    pub backout_plan: String,
    pub test_plan: String,
    pub window: Option<Window>,
    pub owner: Option<UserId>,
    pub owner_team: Option<TeamId>,
    pub requested_by: UserId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub version: i32,
}

impl TryFrom<change::Model> for ChangeRecord {
    type Error = StoreError;

    fn try_from(m: change::Model) -> StoreResult<Self> {
        let corrupt = StoreError::Corrupt;
        Ok(Self {
            id: ChangeId::from_uuid(m.id),
            number: RecordNumber::new(RecordKind::Change, m.number),
            title: m.title,
            description: m.description,
            change_type: m.change_type.parse().map_err(corrupt)?,
            status: m.status.parse().map_err(corrupt)?,
            risk: m.risk.parse().map_err(corrupt)?,
            risk_score: u32::try_from(m.risk_score).unwrap_or(0),
            risk_answers: serde_json::from_str(&m.risk_answers).map_err(|e| corrupt(e.to_string()))?,
            implementation_plan: m.implementation_plan,
            backout_plan: m.backout_plan,
            test_plan: m.test_plan,
            window: m.window_start.zip(m.window_end).map(|(start, end)| Window { start, end }),
            owner: m.owner_id.map(UserId::from_uuid),
            owner_team: m.owner_team_id.map(TeamId::from_uuid),
            requested_by: UserId::from_uuid(m.requested_by),
            created_at: m.created_at,
            updated_at: m.updated_at,
            completed_at: m.completed_at,
            version: m.version,
        })
    }
}

impl ChangeRecord {
    fn event_data(&self) -> serde_json::Value {
        json!({"changeId": self.id, "number": self.number.to_string(), "title": self.title, "type": self.change_type,
               "status": self.status, "risk": self.risk, "window": self.window, "version": self.version})
    }

    fn event(&self, event_type: EventType) -> DomainEvent {
        DomainEvent::new(event_type, self.id.into(), self.event_data())
    }
}

pub struct NewChange {
    pub title: String,
    pub description: String,
    pub change_type: ChangeType,
    pub risk_answers: BTreeMap<String, String>,
    pub implementation_plan: String,
    pub backout_plan: String,
    pub test_plan: String,
    pub window: Option<Window>,
    pub owner: Option<UserId>,
    pub owner_team: Option<TeamId>,
    pub requested_by: UserId,
    /// Problems it resolves, and configuration items it affects, linked in
    /// the same write; each with the request field that named it.
    pub links: Vec<(&'static str, LinkRelation, RecordRef)>,
}

/// Fields to change; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct ChangeEdit {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Only while a draft.
    pub change_type: Option<ChangeType>,
    pub risk_answers: Option<BTreeMap<String, String>>,
    pub implementation_plan: Option<String>,
    pub backout_plan: Option<String>,
    pub test_plan: Option<String>,
    pub window: Option<Option<Window>>,
    pub owner: Option<Option<UserId>>,
    pub owner_team: Option<Option<TeamId>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeEditRefusal {
    NotFound,
    Stale {
        current: i32,
    },
    /// Fields the organisation's policy refuses (unknown risk answers).
    Invalid(Vec<FieldError>),
    Owner(OwnerRefusal),
    /// The type is fixed once a change is submitted.
    TypeFixed,
    /// The window moves into a freeze while the change is scheduled.
    Frozen(FreezeRecord),
    /// A record to link that is not one of the organisation's, and the field naming it.
    UnknownRecord(&'static str, RecordRef),
}

/// What a list or the calendar shows.
#[derive(Debug, Default)]
pub struct ChangeFilter {
    pub status: Option<ChangeStatus>,
    /// Changes whose window overlaps `[from, to)`.
    pub window: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The previous page's last number.
    pub before: Option<i64>,
}

/// One of `org_id`'s changes, as another record's page shows it.
pub(super) async fn describe<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    id: uuid::Uuid,
) -> StoreResult<Option<RecordSummary>> {
    let Some(row) = row_of::<change::Entity, _>(conn, org_id, id).await? else { return Ok(None) };
    let change = ChangeRecord::try_from(row)?;
    Ok(Some(RecordSummary {
        requested_by: None,
        reference: change.id.into(),
        number: change.number,
        status: change.status.key().to_owned(),
        event_data: change.event_data(),
        title: change.title,
    }))
}

/// The configuration items `record` affects (its `affects` links).
pub(super) async fn affected_items<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    record: RecordRef,
) -> StoreResult<Vec<uuid::Uuid>> {
    Ok(scoped::<record_link::Entity>(org_id)
        .filter(record_link::Column::FromKind.eq(record.kind().key()))
        .filter(record_link::Column::FromId.eq(record.uuid()))
        .filter(record_link::Column::Relation.eq(LinkRelation::Affects.key()))
        .filter(record_link::Column::ToKind.eq(RecordKind::ConfigurationItem.key()))
        .select_only()
        .column(record_link::Column::ToId)
        .into_tuple()
        .all(conn)
        .await?)
}

/// One organisation's changes.
pub struct Changes<'a> {
    scope: OrgStore<'a>,
}

impl<'a> OrgStore<'a> {
    pub fn changes(&self) -> Changes<'a> {
        Changes { scope: *self }
    }
}

impl Changes<'_> {
    /// The risk of a change as `policy` assesses it now.
    async fn assess<C: ConnectionTrait>(
        &self,
        conn: &C,
        policy: &ChangePolicy,
        change_type: ChangeType,
        items: &[uuid::Uuid],
        answers: &BTreeMap<String, String>,
    ) -> StoreResult<Result<RiskAssessment, Vec<FieldError>>> {
        let criticality = super::assets::most_critical(conn, self.scope.org_id, items).await?;
        Ok(policy.assess(change_type, criticality, answers))
    }

    /// Writes a draft change. With an idempotency key seen in the last 24
    /// hours, returns the change written then instead (and `false`).
    pub async fn create(
        &self,
        new: NewChange,
        idempotency_key: Option<&str>,
        meta: &AuditMeta,
    ) -> StoreResult<Result<(ChangeRecord, bool), ChangeEditRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let id = ChangeId::new();
        if let Some(existing) = unit.idempotent(RecordKind::Change, idempotency_key, id.uuid()).await?
            && let Some(existing) = self.get_on(unit.conn(), ChangeId::from_uuid(existing)).await?
        {
            return Ok(Ok((existing, false)));
        }
        if let Some(refusal) = check_owner(unit.conn(), org_id, new.owner, new.owner_team).await? {
            return Ok(Err(ChangeEditRefusal::Owner(refusal)));
        }
        let policy = policy::policy_on(unit.conn(), org_id).await?;
        let items: Vec<uuid::Uuid> = new
            .links
            .iter()
            .filter(|(_, relation, other)| {
                *relation == LinkRelation::Affects && other.kind() == RecordKind::ConfigurationItem
            })
            .map(|(_, _, other)| other.uuid())
            .collect();
        let risk = match self.assess(unit.conn(), &policy, new.change_type, &items, &new.risk_answers).await? {
            Ok(risk) => risk,
            Err(errors) => return Ok(Err(ChangeEditRefusal::Invalid(errors))),
        };
        let now = unit.now();
        let number = unit.next_number(RecordKind::Change).await?;
        let created = ChangeRecord::try_from(
            change::ActiveModel {
                id: Set(id.uuid()),
                org_id: Set(org_id.uuid()),
                number: Set(number.number),
                title: Set(new.title),
                description: Set(new.description),
                change_type: Set(new.change_type.key().to_owned()),
                status: Set(ChangeStatus::Draft.key().to_owned()),
                risk: Set(risk.risk.key().to_owned()),
                risk_score: Set(i32::try_from(risk.score).unwrap_or(i32::MAX)),
                risk_answers: Set(json!(new.risk_answers).to_string()),
                implementation_plan: Set(new.implementation_plan),
                backout_plan: Set(new.backout_plan),
                test_plan: Set(new.test_plan),
                window_start: Set(new.window.map(|w| w.start)),
                window_end: Set(new.window.map(|w| w.end)),
                owner_id: Set(new.owner.map(UserId::uuid)),
                owner_team_id: Set(new.owner_team.map(TeamId::uuid)),
                requested_by: Set(new.requested_by.uuid()),
                created_at: Set(now),
                updated_at: Set(now),
                completed_at: Set(None),
                version: Set(1),
            }
            .insert(unit.conn())
            .await
            .map_err(StoreError::from_write)?,
        )?;
        for (field, relation, other) in new.links {
            if link_in(&mut unit, org_id, id.into(), relation, other).await?.is_err() {
                return Ok(Err(ChangeEditRefusal::UnknownRecord(field, other)));
            }
        }
        let summary = json!({"number": created.number.to_string(), "title": created.title, "type": created.change_type,
                             "risk": created.risk});
        unit.audit(AuditEntry::new("change.created", id, summary));
        unit.emit(created.event(EventType::ChangeCreated));
        unit.commit().await?;
        Ok(Ok((created, true)))
    }

    /// Applies `edit` if `expected_version` is current (`None`: any); the
    /// risk is assessed again.
    pub async fn edit(
        &self,
        id: ChangeId,
        expected_version: Option<i32>,
        edit: ChangeEdit,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ChangeRecord, ChangeEditRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let Some(before) = flow::locked(&unit, &self.scope, id).await? else {
            return Ok(Err(ChangeEditRefusal::NotFound));
        };
        if let Some(expected) = expected_version
            && expected != before.version
        {
            return Ok(Err(ChangeEditRefusal::Stale { current: before.version }));
        }
        let old = ChangeRecord::try_from(before.clone())?;
        if edit.change_type.is_some_and(|t| t != old.change_type) && old.status != ChangeStatus::Draft {
            return Ok(Err(ChangeEditRefusal::TypeFixed));
        }
        let new_owner = edit.owner.flatten().filter(|o| Some(*o) != old.owner);
        let new_team = edit.owner_team.flatten().filter(|t| Some(*t) != old.owner_team);
        if let Some(refusal) = check_owner(unit.conn(), org_id, new_owner, new_team).await? {
            return Ok(Err(ChangeEditRefusal::Owner(refusal)));
        }
        let window = edit.window.unwrap_or(old.window);
        if window != old.window
            && old.status == ChangeStatus::Scheduled
            && old.change_type != ChangeType::Emergency
            && let Some(window) = window
            && let Some(freeze) = calendar::freeze_over(unit.conn(), org_id, id, window).await?
        {
            return Ok(Err(ChangeEditRefusal::Frozen(freeze)));
        }
        let change_type = edit.change_type.unwrap_or(old.change_type);
        let answers = edit.risk_answers.clone().unwrap_or_else(|| old.risk_answers.clone());
        let policy = policy::policy_on(unit.conn(), org_id).await?;
        let items = affected_items(unit.conn(), org_id, id.into()).await?;
        let risk = match self.assess(unit.conn(), &policy, change_type, &items, &answers).await? {
            Ok(risk) => risk,
            Err(errors) => return Ok(Err(ChangeEditRefusal::Invalid(errors))),
        };
        let mut row: change::ActiveModel = before.into();
        let mut changed: Vec<&str> = Vec::new();
        let mut text = |value: Option<String>, current: &str, field: &'static str| {
            value.filter(|v| v != current).inspect(|_| changed.push(field))
        };
        if let Some(v) = text(edit.title, &old.title, "title") {
            row.title = Set(v);
        }
        if let Some(v) = text(edit.description, &old.description, "description") {
            row.description = Set(v);
        }
        if let Some(v) = text(edit.implementation_plan, &old.implementation_plan, "implementationPlan") {
            row.implementation_plan = Set(v);
        }
        if let Some(v) = text(edit.backout_plan, &old.backout_plan, "backoutPlan") {
            row.backout_plan = Set(v);
        }
        if let Some(v) = text(edit.test_plan, &old.test_plan, "testPlan") {
            row.test_plan = Set(v);
        }
        if change_type != old.change_type {
            row.change_type = Set(change_type.key().to_owned());
            changed.push("type");
        }
        if window != old.window {
            row.window_start = Set(window.map(|w| w.start));
            row.window_end = Set(window.map(|w| w.end));
            changed.push("window");
        }
        if answers != old.risk_answers {
            row.risk_answers = Set(json!(answers).to_string());
            changed.push("riskAnswers");
        }
        if let Some(owner) = edit.owner.filter(|o| *o != old.owner) {
            row.owner_id = Set(owner.map(UserId::uuid));
            changed.push("owner");
        }
        if let Some(team_id) = edit.owner_team.filter(|t| *t != old.owner_team) {
            row.owner_team_id = Set(team_id.map(TeamId::uuid));
            changed.push("ownerTeam");
        }
        if risk.risk != old.risk {
            changed.push("risk");
        }
        row.risk = Set(risk.risk.key().to_owned());
        row.risk_score = Set(i32::try_from(risk.score).unwrap_or(i32::MAX));
        if changed.is_empty() {
            return Ok(Ok(old));
        }
        row.version = Set(old.version + 1);
        row.updated_at = Set(unit.now());
        let updated = ChangeRecord::try_from(row.update(unit.conn()).await?)?;
        let body = format!("Changed {}", changed.join(", "));
        unit.timeline(id.into(), Entry::new(TimelineKind::Edit, body, json!({"fields": changed}))).await?;
        unit.audit(AuditEntry::new("change.updated", id, json!({"changed": changed, "version": updated.version})));
        unit.emit(updated.event(EventType::ChangeUpdated));
        unit.commit().await?;
        Ok(Ok(updated))
    }

    /// Newest first, `limit` at most.
    pub async fn list(&self, filter: &ChangeFilter, limit: u64) -> StoreResult<(Vec<ChangeRecord>, Option<i64>)> {
        let mut query = self.scope.rows::<change::Entity>();
        if let Some(status) = filter.status {
            query = query.filter(change::Column::Status.eq(status.key()));
        }
        if let Some((from, to)) = filter.window {
            query = query.filter(change::Column::WindowStart.lt(to)).filter(change::Column::WindowEnd.gt(from));
        }
        newest_first(self.scope.db, query, filter.before, limit).await
    }

    pub async fn get(&self, id: ChangeId) -> StoreResult<Option<ChangeRecord>> {
        self.get_on(self.scope.db, id).await
    }

    /// By id (`chg_…`) or number (`3`, `CHG-3`).
    pub async fn find(&self, reference: &str) -> StoreResult<Option<ChangeRecord>> {
        match self.scope.records().resolve(RecordKind::Change, reference).await? {
            Some(found) => self.get(ChangeId::from_uuid(found.reference.uuid())).await,
            None => Ok(None),
        }
    }

    async fn get_on<C: ConnectionTrait>(&self, conn: &C, id: ChangeId) -> StoreResult<Option<ChangeRecord>> {
        row_of::<change::Entity, _>(conn, self.scope.org_id, id.uuid()).await?.map(TryInto::try_into).transpose()
    }
}
