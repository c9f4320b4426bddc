//! Incidents on the record kernel: creation (numbered, idempotent), reads,
//! keyset-paged lists and changes (see `change`). Every write records the
//! audit event, the domain events and the dashboard rollups in its unit of
//! work.

mod change;
mod list;
mod rollup;
mod sla;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use super::entities::{incident, incident_assignee, incident_label};
use super::orgs::non_members;
use super::records::idempotency::Key;
use super::records::links::link_in;
use super::records::{DomainEvent, LinkRelation, RecordSummary, counters, row_of};
use super::scope::{scoped, scoped_delete};
use super::search::{self, SearchDocument};
use super::{OrgStore, StoreError, StoreResult};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::events::EventType;
use crate::domain::incidents::{IncidentStatus, Severity, Source};
use crate::domain::knowledge::{SearchKind, Visibility};
use crate::domain::records::{RecordKind, RecordNumber, RecordRef};
use crate::domain::sla::policy::{PolicySubject, Subject};
use crate::ids::{EventId, IncidentId, OrgId, TeamId, UserId};

pub use change::{ChangeRefusal, IncidentChange};
pub use list::{IncidentFilter, IncidentPage, IncidentSort, StatusFilter};
pub use rollup::{DailyRollup, Dashboard};

#[derive(Debug, Clone)]
pub struct IncidentRecord {
    pub id: IncidentId,
    pub number: i64,
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub status: IncidentStatus,
    pub assignees: Vec<UserId>,
    pub commander: Option<UserId>,
    pub team: Option<TeamId>,
    pub labels: Vec<String>,
    pub source: Source,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl IncidentRecord {
    pub fn number(&self) -> RecordNumber {
        RecordNumber::new(RecordKind::Incident, self.number)
    }

    /// What its events carry: ids and headline fields, not the whole incident.
    fn event_data(&self) -> serde_json::Value {
        json!({
            "incidentId": self.id,
            "number": self.number,
            "title": self.title,
            "severity": self.severity,
            "status": self.status,
            "version": self.version,
        })
    }

    fn event(&self, event_type: EventType) -> DomainEvent {
        DomainEvent::new(event_type, self.id.into(), self.event_data())
    }
}

pub struct NewIncident {
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub assignees: Vec<UserId>,
    pub commander: Option<UserId>,
    pub team: Option<TeamId>,
    pub labels: Vec<String>,
    pub source: Source,
    pub created_by: UserId,
    /// Records it is linked to from the start, in the same write: the
    /// change that caused it (`caused_by`), the services it affects.
    pub links: Vec<(LinkRelation, RecordRef)>,
}

/// Why a create was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateRefusal {
    /// These users are not members of the organisation.
    NotMembers(Vec<UserId>),
    /// The team is not one of the organisation's.
    UnknownTeam,
    /// A record to link is not one of the organisation's.
    UnknownRecord(RecordRef),
}

/// Active statuses listed out, so queries range-scan `(org_id, status, id)`
/// instead of filtering every row with `status <> 'resolved'`.
fn active_statuses() -> Vec<&'static str> {
    IncidentStatus::ALL.iter().filter(|s| s.is_active()).map(|s| s.key()).collect()
}

fn corrupt(what: String) -> StoreError {
    StoreError::Corrupt(what)
}

fn record(model: incident::Model, assignees: Vec<UserId>, labels: Vec<String>) -> StoreResult<IncidentRecord> {
    Ok(IncidentRecord {
        id: IncidentId::from_uuid(model.id),
        number: model.number,
        title: model.title,
        description: model.description,
        severity: model.severity.parse().map_err(corrupt)?,
        status: model.status.parse().map_err(corrupt)?,
        assignees,
        commander: model.commander_id.map(UserId::from_uuid),
        team: model.team_id.map(TeamId::from_uuid),
        labels,
        source: model.source.parse().map_err(corrupt)?,
        created_by: UserId::from_uuid(model.created_by),
        created_at: model.created_at,
        acknowledged_at: model.acknowledged_at,
        resolved_at: model.resolved_at,
        updated_at: model.updated_at,
        version: model.version,
    })
}

/// Loads assignees and labels for a set of incident rows, keeping their order.
async fn with_people<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    rows: Vec<incident::Model>,
) -> StoreResult<Vec<IncidentRecord>> {
    let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.id).collect();
    let assignees = scoped::<incident_assignee::Entity>(org_id)
        .filter(incident_assignee::Column::IncidentId.is_in(ids.clone()))
        .all(conn)
        .await?;
    let labels = scoped::<incident_label::Entity>(org_id)
        .filter(incident_label::Column::IncidentId.is_in(ids))
        .all(conn)
        .await?;
    rows.into_iter()
        .map(|row| {
            let mut people: Vec<UserId> =
                assignees.iter().filter(|a| a.incident_id == row.id).map(|a| UserId::from_uuid(a.user_id)).collect();
            people.sort();
            let mut tags: Vec<String> =
                labels.iter().filter(|l| l.incident_id == row.id).map(|l| l.label.clone()).collect();
            tags.sort();
            record(row, people, tags)
        })
        .collect()
}

/// [`with_people`] for one row.
async fn with_people_one<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    row: incident::Model,
) -> StoreResult<IncidentRecord> {
    with_people(conn, org_id, vec![row])
        .await?
        .pop()
        .ok_or_else(|| corrupt("an incident vanished while loading".into()))
}

/// Replaces the assignees and labels given (`None` leaves them as they are).
async fn replace_people<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    incident_id: uuid::Uuid,
    assignees: Option<&[UserId]>,
    labels: Option<&[String]>,
) -> StoreResult<()> {
    if assignees.is_some() {
        scoped_delete::<incident_assignee::Entity>(org_id)
            .filter(incident_assignee::Column::IncidentId.eq(incident_id))
            .exec(conn)
            .await?;
    }
    if labels.is_some() {
        scoped_delete::<incident_label::Entity>(org_id)
            .filter(incident_label::Column::IncidentId.eq(incident_id))
            .exec(conn)
            .await?;
    }
    insert_people(conn, org_id, incident_id, assignees.unwrap_or_default(), labels.unwrap_or_default()).await
}

async fn insert_people<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    incident_id: uuid::Uuid,
    assignees: &[UserId],
    labels: &[String],
) -> StoreResult<()> {
    let assignees: Vec<incident_assignee::ActiveModel> = assignees
        .iter()
        .map(|user| incident_assignee::ActiveModel {
            org_id: Set(org_id.uuid()),
            incident_id: Set(incident_id),
            user_id: Set(user.uuid()),
        })
        .collect();
    if !assignees.is_empty() {
        incident_assignee::Entity::insert_many(assignees).exec(conn).await?;
    }
    let labels: Vec<incident_label::ActiveModel> = labels
        .iter()
        .map(|label| incident_label::ActiveModel {
            org_id: Set(org_id.uuid()),
            incident_id: Set(incident_id),
            label: Set(label.clone()),
        })
        .collect();
    if !labels.is_empty() {
        incident_label::Entity::insert_many(labels).exec(conn).await?;
    }
    Ok(())
}

/// One of `org_id`'s incidents, as another record's page shows it.
pub(super) async fn describe<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    id: uuid::Uuid,
) -> StoreResult<Option<RecordSummary>> {
    let Some(row) = row_of::<incident::Entity, _>(conn, org_id, id).await? else { return Ok(None) };
    let incident = record(row, Vec::new(), Vec::new())?;
    Ok(Some(RecordSummary {
        requested_by: None,
        reference: incident.id.into(),
        number: incident.number(),
        status: incident.status.key().to_owned(),
        event_data: incident.event_data(),
        title: incident.title,
    }))
}

/// Who answers for the incident `record` is (nobody for other records):
/// its assignees, its commander and its team's lead.
pub(super) async fn responsible<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    record: RecordRef,
) -> StoreResult<Vec<UserId>> {
    let Some(id) = record.id::<IncidentId>() else { return Ok(Vec::new()) };
    let Some(row) = row_of::<incident::Entity, _>(conn, org_id, id.uuid()).await? else { return Ok(Vec::new()) };
    let incident = with_people_one(conn, org_id, row).await?;
    let mut people = incident.assignees.clone();
    people.extend(incident.commander);
    people.extend(super::teams::leads_of(conn, org_id, &incident.team.into_iter().collect::<Vec<_>>()).await?);
    Ok(people)
}

/// The event that last opened the incident (its creation or latest
/// reopening), on `conn` (inside a transaction).
pub(crate) async fn latest_trigger_on<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    incident: IncidentId,
) -> StoreResult<Option<EventId>> {
    let row = scoped::<incident::Entity>(org_id).filter(incident::Column::Id.eq(incident.uuid())).one(conn).await?;
    Ok(row.and_then(|r| r.trigger_event_id).map(EventId::from_uuid))
}

/// One organisation's incidents.
pub struct Incidents<'a> {
    pub(super) scope: OrgStore<'a>,
}

impl Incidents<'_> {
    /// Creates an incident. With an idempotency key seen in the last 24 hours,
    /// returns the incident created then instead (and `false`).
    pub async fn create(
        &self,
        new: NewIncident,
        idempotency_key: Option<&str>,
        meta: &AuditMeta,
    ) -> StoreResult<Result<(IncidentRecord, bool), CreateRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let key = idempotency_key.map(|key| Key { org_id, kind: RecordKind::Incident, key });
        if let Some(key) = &key
            && let Some(existing) = key.claim(unit.conn(), unit.now()).await?
            && let Some(existing) = self.get_on(unit.conn(), IncidentId::from_uuid(existing)).await?
        {
            return Ok(Ok((existing, false)));
        }
        let id = IncidentId::new();
        insert_people(unit.conn(), org_id, id.uuid(), &new.assignees, &new.labels).await?;
        if let Some(key) = &key {
            key.remember(unit.conn(), id.uuid(), unit.now()).await?;
        }
        let trigger = EventId::new();
        unit.serialise().await?;
        unit.restamp();
        let now = unit.now();
        // Checked in the organisation's turn, so that a member removed
        // meanwhile is not named by an incident created after the removal.
        let mut people = new.assignees.clone();
        people.extend(new.commander);
        let strangers = non_members(unit.conn(), org_id, &people).await?;
        if !strangers.is_empty() {
            return Ok(Err(CreateRefusal::NotMembers(strangers)));
        }
        if let Some(team) = new.team
            && self.scope.teams().name_on(unit.conn(), team).await?.is_none()
        {
            return Ok(Err(CreateRefusal::UnknownTeam));
        }
        let number = counters::next_number(unit.conn(), org_id, RecordKind::Incident).await?;
        let model = incident::ActiveModel {
            id: Set(id.uuid()),
            org_id: Set(org_id.uuid()),
            number: Set(number.number),
            title: Set(new.title),
            description: Set(new.description),
            severity: Set(new.severity.key().to_owned()),
            severity_rank: Set(new.severity.rank()),
            status: Set(IncidentStatus::Open.key().to_owned()),
            commander_id: Set(new.commander.map(UserId::uuid)),
            team_id: Set(new.team.map(TeamId::uuid)),
            source: Set(new.source.key().to_owned()),
            created_by: Set(new.created_by.uuid()),
            created_at: Set(now),
            acknowledged_at: Set(None),
            resolved_at: Set(None),
            ack_within_target: Set(None),
            resolve_within_target: Set(None),
            updated_at: Set(now),
            version: Set(1),
            trigger_event_id: Set(Some(trigger.uuid())),
        }
        .insert(unit.conn())
        .await
        .map_err(StoreError::from_write)?;
        rollup::apply(unit.conn(), org_id, None, &model).await?;
        search::index(unit.conn(), org_id, search_document(&model)).await?;
        for (relation, other) in &new.links {
            if link_in(&mut unit, org_id, id.into(), *relation, *other).await?.is_err() {
                return Ok(Err(CreateRefusal::UnknownRecord(*other)));
            }
        }
        let created = record(model, new.assignees, new.labels)?;
        let services = new
            .links
            .iter()
            .filter(|(relation, _)| *relation == LinkRelation::Affects)
            .filter_map(|(_, other)| other.id::<crate::ids::ConfigItemId>())
            .collect();
        let subject = Subject {
            record: PolicySubject::Incident,
            severity: Some(created.severity),
            labels: created.labels.clone(),
            services,
            item: None,
            team: None,
        };
        super::sla::start(&unit, &subject, RecordRef::from(id).into(), Some(created.severity.key())).await?;
        let summary = json!({"number": number.number, "title": created.title, "severity": created.severity});
        unit.audit(AuditEntry::new("incident.created", id, summary));
        unit.emit(created.event(EventType::IncidentCreated).with_id(trigger));
        unit.commit().await?;
        Ok(Ok((created, true)))
    }

    pub async fn get(&self, id: IncidentId) -> StoreResult<Option<IncidentRecord>> {
        self.get_on(self.scope.db, id).await
    }

    /// By id (`inc_…`) or number (`42`, `INC-42`).
    pub async fn find(&self, reference: &str) -> StoreResult<Option<IncidentRecord>> {
        if let Ok(id) = reference.parse::<IncidentId>() {
            return self.get(id).await;
        }
        let Some(number) = RecordNumber::parse(RecordKind::Incident, reference) else {
            return Ok(None);
        };
        let row = self
            .scope
            .rows::<incident::Entity>()
            .filter(incident::Column::Number.eq(number.number))
            .one(self.scope.db)
            .await?;
        Ok(with_people(self.scope.db, self.scope.org_id, row.into_iter().collect()).await?.pop())
    }

    async fn get_on<C: ConnectionTrait>(&self, conn: &C, id: IncidentId) -> StoreResult<Option<IncidentRecord>> {
        let row = self.scope.rows::<incident::Entity>().filter(incident::Column::Id.eq(id.uuid())).one(conn).await?;
        Ok(with_people(conn, self.scope.org_id, row.into_iter().collect()).await?.pop())
    }

    /// The event that last opened the incident: its creation or its latest
    /// reopening.
    pub async fn latest_trigger_event(&self, incident: IncidentId) -> StoreResult<Option<EventId>> {
        latest_trigger_on(self.scope.db, self.scope.org_id, incident).await
    }
}

impl<'a> OrgStore<'a> {
    pub fn incidents(&self) -> Incidents<'a> {
        Incidents { scope: *self }
    }
}

/// Agents find an incident by its title.
pub(super) fn search_document(model: &incident::Model) -> SearchDocument {
    SearchDocument {
        kind: SearchKind::Incident,
        record_id: model.id,
        number: model.number,
        title: model.title.clone(),
        body: String::new(),
        tags: Vec::new(),
        visibility: Visibility::Internal,
        updated_at: model.updated_at,
    }
}
