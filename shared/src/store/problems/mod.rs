//! Problems (the problem-management module) on the record kernel: numbered
//! `PRB-n`, linked to the incidents they cause (`INC caused_by PRB`, from
//! either end), versioned, with domain events. Publishing a workaround
//! tells every open incident the problem causes, on its timeline and to its
//! assignees.

mod known_errors;

use known_errors::{index_known_error, matching_words, publish_workaround};

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QuerySelect, Set};
use serde_json::json;

use super::entities::{incident, problem};
use super::records::links::link_in;
use super::records::{
    DomainEvent, Entry, LinkRelation, RecordSummary, TimelineKind, locked_row_of, newest_first, row_of,
};
use super::teams::{OwnerRefusal, check_owner};
use super::{OrgStore, StoreError, StoreResult};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::events::EventType;
use crate::domain::lifecycle::Lifecycle;
use crate::domain::problems::{Priority, ProblemStatus};
use crate::domain::records::{RecordKind, RecordNumber};
use crate::ids::{IncidentId, OrgId, ProblemId, TeamId, UserId};

#[derive(Debug, Clone)]
pub struct ProblemRecord {
    pub id: ProblemId,
    pub number: RecordNumber,
    pub title: String,
    pub description: String,
    pub symptom: String,
    pub root_cause: String,
    pub workaround: String,
    pub workaround_published_at: Option<DateTime<Utc>>,
    pub status: ProblemStatus,
    pub priority: Priority,
    pub owner: Option<UserId>,
    pub owner_team: Option<TeamId>,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub version: i32,
}

impl TryFrom<problem::Model> for ProblemRecord {
    type Error = StoreError;

    fn try_from(m: problem::Model) -> StoreResult<Self> {
        Ok(Self {
            id: ProblemId::from_uuid(m.id),
            number: RecordNumber::new(RecordKind::Problem, m.number),
            title: m.title,
            description: m.description,
            symptom: m.symptom,
            root_cause: m.root_cause,
            workaround: m.workaround,
            workaround_published_at: m.workaround_published_at,
            status: m.status.parse().map_err(StoreError::Corrupt)?,
            priority: m.priority.parse().map_err(StoreError::Corrupt)?,
            owner: m.owner_id.map(UserId::from_uuid),
            owner_team: m.owner_team_id.map(TeamId::from_uuid),
            created_by: UserId::from_uuid(m.created_by),
            created_at: m.created_at,
            updated_at: m.updated_at,
            resolved_at: m.resolved_at,
            version: m.version,
        })
    }
}

impl ProblemRecord {
    /// A known error: a problem with a workaround.
    pub fn is_known_error(&self) -> bool {
        !self.workaround.trim().is_empty()
    }

    fn event_data(&self) -> serde_json::Value {
        json!({"problemId": self.id, "number": self.number.to_string(), "title": self.title,
               "status": self.status, "priority": self.priority, "version": self.version})
    }

    fn event(&self, event_type: EventType) -> DomainEvent {
        DomainEvent::new(event_type, self.id.into(), self.event_data())
    }
}

pub struct NewProblem {
    pub title: String,
    pub description: String,
    pub symptom: String,
    pub root_cause: String,
    pub workaround: String,
    pub priority: Priority,
    pub owner: Option<UserId>,
    pub owner_team: Option<TeamId>,
    /// Incidents it causes, linked in the same write.
    pub incidents: Vec<IncidentId>,
    pub created_by: UserId,
}

/// Fields to change; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct ProblemChange {
    pub title: Option<String>,
    pub description: Option<String>,
    pub symptom: Option<String>,
    pub root_cause: Option<String>,
    pub workaround: Option<String>,
    pub status: Option<ProblemStatus>,
    pub priority: Option<Priority>,
    pub owner: Option<Option<UserId>>,
    pub owner_team: Option<Option<TeamId>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemRefusal {
    NotFound,
    Stale {
        current: i32,
    },
    Transition {
        from: ProblemStatus,
        to: ProblemStatus,
    },
    Owner(OwnerRefusal),
    /// These incidents are not the organisation's.
    UnknownIncidents(Vec<IncidentId>),
}

/// What a list shows.
#[derive(Debug, Default)]
pub struct ProblemFilter {
    pub status: Option<ProblemStatus>,
    /// Known errors only: problems with a workaround.
    pub known_errors: bool,
    /// Words each found in the title, symptom or workaround (any case).
    pub text: Option<String>,
    /// The previous page's last number.
    pub before: Option<i64>,
}

/// One of `org_id`'s problems, as another record's page shows it.
pub(super) async fn describe<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    id: uuid::Uuid,
) -> StoreResult<Option<RecordSummary>> {
    let Some(row) = row_of::<problem::Entity, _>(conn, org_id, id).await? else { return Ok(None) };
    let problem = ProblemRecord::try_from(row)?;
    Ok(Some(RecordSummary {
        requested_by: None,
        reference: problem.id.into(),
        number: problem.number,
        status: problem.status.key().to_owned(),
        event_data: problem.event_data(),
        title: problem.title,
    }))
}

/// One organisation's problems.
pub struct Problems<'a> {
    scope: OrgStore<'a>,
}

impl<'a> OrgStore<'a> {
    pub fn problems(&self) -> Problems<'a> {
        Problems { scope: *self }
    }
}

impl Problems<'_> {
    /// Writes a problem and links the incidents it causes. With an
    /// idempotency key seen in the last 24 hours, returns the problem
    /// written then instead (and `false`).
    pub async fn create(
        &self,
        new: NewProblem,
        idempotency_key: Option<&str>,
        meta: &AuditMeta,
    ) -> StoreResult<Result<(ProblemRecord, bool), ProblemRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let id = ProblemId::new();
        if let Some(existing) = unit.idempotent(RecordKind::Problem, idempotency_key, id.uuid()).await?
            && let Some(existing) = self.get_on(unit.conn(), ProblemId::from_uuid(existing)).await?
        {
            return Ok(Ok((existing, false)));
        }
        if let Some(refusal) = check_owner(unit.conn(), org_id, new.owner, new.owner_team).await? {
            return Ok(Err(ProblemRefusal::Owner(refusal)));
        }
        let unknown = self.unknown_incidents(unit.conn(), &new.incidents).await?;
        if !unknown.is_empty() {
            return Ok(Err(ProblemRefusal::UnknownIncidents(unknown)));
        }
        let now = unit.now();
        let published = (!new.workaround.trim().is_empty()).then_some(now);
        let number = unit.next_number(RecordKind::Problem).await?;
        let status = if published.is_some() { ProblemStatus::KnownError } else { ProblemStatus::Identified };
        let created = ProblemRecord::try_from(
            problem::ActiveModel {
                id: Set(id.uuid()),
                org_id: Set(org_id.uuid()),
                number: Set(number.number),
                title: Set(new.title),
                description: Set(new.description),
                symptom: Set(new.symptom),
                root_cause: Set(new.root_cause),
                workaround: Set(new.workaround),
                workaround_published_at: Set(published),
                status: Set(status.key().to_owned()),
                priority: Set(new.priority.key().to_owned()),
                owner_id: Set(new.owner.map(UserId::uuid)),
                owner_team_id: Set(new.owner_team.map(TeamId::uuid)),
                created_by: Set(new.created_by.uuid()),
                created_at: Set(now),
                updated_at: Set(now),
                resolved_at: Set(None),
                version: Set(1),
            }
            .insert(unit.conn())
            .await
            .map_err(StoreError::from_write)?,
        )?;
        for incident in &new.incidents {
            // Linked just above as unknown or not: a refusal here is a repeat.
            let _ = link_in(&mut unit, org_id, (*incident).into(), LinkRelation::CausedBy, created.id.into()).await?;
        }
        if published.is_some() {
            publish_workaround(&mut unit, &self.scope, &created).await?;
            index_known_error(&unit, &created).await?;
        }
        let summary = json!({"number": created.number.to_string(), "title": created.title, "incidents": new.incidents});
        unit.audit(AuditEntry::new("problem.created", id, summary));
        unit.emit(created.event(EventType::ProblemCreated));
        unit.commit().await?;
        Ok(Ok((created, true)))
    }

    /// Applies `change` if `expected_version` is current (`None`: any). A
    /// workaround written where there was none (or a new one) is published
    /// to the open incidents the problem causes, and makes a problem still
    /// being identified or investigated a known error.
    pub async fn change(
        &self,
        id: ProblemId,
        expected_version: Option<i32>,
        change: ProblemChange,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ProblemRecord, ProblemRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let Some(before) = locked_row_of::<problem::Entity, _>(unit.conn(), org_id, id.uuid()).await? else {
            return Ok(Err(ProblemRefusal::NotFound));
        };
        unit.restamp();
        if let Some(expected) = expected_version
            && expected != before.version
        {
            return Ok(Err(ProblemRefusal::Stale { current: before.version }));
        }
        let old = ProblemRecord::try_from(before.clone())?;
        let new_owner = change.owner.flatten().filter(|o| Some(*o) != old.owner);
        let new_team = change.owner_team.flatten().filter(|t| Some(*t) != old.owner_team);
        if let Some(refusal) = check_owner(unit.conn(), org_id, new_owner, new_team).await? {
            return Ok(Err(ProblemRefusal::Owner(refusal)));
        }
        let now = unit.now();
        let mut row: problem::ActiveModel = before.clone().into();
        let mut changed: Vec<&str> = Vec::new();
        let mut set_text = |value: Option<String>, current: &str, field: &'static str| {
            value.filter(|v| v != current).inspect(|_| changed.push(field))
        };
        if let Some(title) = set_text(change.title, &old.title, "title") {
            row.title = Set(title);
        }
        if let Some(text) = set_text(change.description, &old.description, "description") {
            row.description = Set(text);
        }
        if let Some(text) = set_text(change.symptom, &old.symptom, "symptom") {
            row.symptom = Set(text);
        }
        if let Some(text) = set_text(change.root_cause, &old.root_cause, "rootCause") {
            row.root_cause = Set(text);
        }
        let workaround = set_text(change.workaround, &old.workaround, "workaround");
        let publishes = workaround.as_ref().is_some_and(|w| !w.trim().is_empty());
        if let Some(text) = workaround {
            row.workaround = Set(text);
            row.workaround_published_at = Set(publishes.then_some(now).or(old.workaround_published_at));
        }
        if let Some(priority) = change.priority.filter(|p| *p != old.priority) {
            row.priority = Set(priority.key().to_owned());
            changed.push("priority");
        }
        if let Some(owner) = change.owner.filter(|o| *o != old.owner) {
            row.owner_id = Set(owner.map(UserId::uuid));
            changed.push("owner");
        }
        if let Some(team_id) = change.owner_team.filter(|t| *t != old.owner_team) {
            row.owner_team_id = Set(team_id.map(TeamId::uuid));
            changed.push("ownerTeam");
        }
        // A published workaround makes a problem still being worked out a known error.
        let implied = (publishes && matches!(old.status, ProblemStatus::Identified | ProblemStatus::Investigating))
            .then_some(ProblemStatus::KnownError);
        let status = change.status.or(implied).filter(|s| *s != old.status);
        if let Some(status) = status {
            if !old.status.can_become(status) {
                return Ok(Err(ProblemRefusal::Transition { from: old.status, to: status }));
            }
            row.status = Set(status.key().to_owned());
            row.resolved_at = Set(match status {
                ProblemStatus::Resolved | ProblemStatus::Closed => old.resolved_at.or(Some(now)),
                _ => None,
            });
            let body = format!("Status changed from {} to {status}", old.status);
            unit.timeline(
                id.into(),
                Entry::new(TimelineKind::StatusChange, body, json!({"from": old.status, "to": status})),
            )
            .await?;
        }
        if changed.is_empty() && status.is_none() {
            return Ok(Ok(old));
        }
        if !changed.is_empty() {
            let body = format!("Changed {}", changed.join(", "));
            unit.timeline(id.into(), Entry::new(TimelineKind::Edit, body, json!({"fields": changed}))).await?;
        }
        row.version = Set(old.version + 1);
        row.updated_at = Set(now);
        let updated = ProblemRecord::try_from(row.update(unit.conn()).await?)?;
        if publishes {
            publish_workaround(&mut unit, &self.scope, &updated).await?;
        }
        if updated.workaround_published_at.is_some() && !changed.is_empty() {
            index_known_error(&unit, &updated).await?;
        }
        let summary = json!({"changed": changed, "status": {"before": old.status, "after": updated.status},
                             "version": updated.version});
        unit.audit(AuditEntry::new("problem.updated", id, summary));
        unit.emit(updated.event(if status.is_some() {
            EventType::ProblemStatusChanged
        } else {
            EventType::ProblemUpdated
        }));
        unit.commit().await?;
        Ok(Ok(updated))
    }

    /// Newest first, `limit` at most.
    pub async fn list(&self, filter: &ProblemFilter, limit: u64) -> StoreResult<(Vec<ProblemRecord>, Option<i64>)> {
        let mut query = self.scope.rows::<problem::Entity>();
        if let Some(status) = filter.status {
            query = query.filter(problem::Column::Status.eq(status.key()));
        }
        if filter.known_errors {
            query = query.filter(problem::Column::WorkaroundPublishedAt.is_not_null());
        }
        if let Some(text) = filter.text.as_deref().filter(|t| !t.trim().is_empty()) {
            query = query.filter(matching_words(text));
        }
        newest_first(self.scope.db, query, filter.before, limit).await
    }

    pub async fn get(&self, id: ProblemId) -> StoreResult<Option<ProblemRecord>> {
        self.get_on(self.scope.db, id).await
    }

    /// By id (`prb_…`) or number (`3`, `PRB-3`).
    pub async fn find(&self, reference: &str) -> StoreResult<Option<ProblemRecord>> {
        match self.scope.records().resolve(RecordKind::Problem, reference).await? {
            Some(found) => self.get(ProblemId::from_uuid(found.reference.uuid())).await,
            None => Ok(None),
        }
    }

    async fn get_on<C: ConnectionTrait>(&self, conn: &C, id: ProblemId) -> StoreResult<Option<ProblemRecord>> {
        row_of::<problem::Entity, _>(conn, self.scope.org_id, id.uuid()).await?.map(TryInto::try_into).transpose()
    }

    async fn unknown_incidents<C: ConnectionTrait>(
        &self,
        conn: &C,
        ids: &[IncidentId],
    ) -> StoreResult<Vec<IncidentId>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let found: Vec<uuid::Uuid> = self
            .scope
            .rows::<incident::Entity>()
            .filter(incident::Column::Id.is_in(ids.iter().map(|i| i.uuid())))
            .select_only()
            .column(incident::Column::Id)
            .into_tuple()
            .all(conn)
            .await?;
        Ok(ids.iter().copied().filter(|i| !found.contains(&i.uuid())).collect())
    }
}
