//! Incidents: creation with race-free numbering and idempotency keys,
//! reads and keyset-paged lists, and changes (see `change`). Every write
//! records the audit event, the outbox event and the dashboard rollups in
//! the same transaction.

mod change;
mod events;
mod list;
mod rollup;
mod sla;

use chrono::{DateTime, Duration, Utc};

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, Set};
use serde_json::json;

use super::entities::{idempotency_key, incident, incident_assignee, incident_counter, incident_label, membership};
use super::unit::UnitOfWork;
use super::{OrgStore, StoreError, StoreResult, lock_key};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::incidents::{IncidentStatus, Severity, Source};
use crate::ids::{EventId, IncidentId, OrgId, UserId};

pub use change::{ChangeRefusal, IncidentChange, TimelineKind, TimelineRecord};
pub(super) use events::emit;
pub(crate) use events::latest_trigger_on;
pub use events::{DomainEvent, EventRecord};
pub use list::{IncidentFilter, IncidentPage, IncidentSort, StatusFilter};
pub use rollup::{DailyRollup, Dashboard};

/// How long an `Idempotency-Key` is remembered.
const IDEMPOTENCY_WINDOW: Duration = Duration::hours(24);

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
    pub labels: Vec<String>,
    pub source: Source,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

pub struct NewIncident {
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub assignees: Vec<UserId>,
    pub commander: Option<UserId>,
    pub labels: Vec<String>,
    pub source: Source,
    pub created_by: UserId,
}

/// Why a create was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateRefusal {
    /// These users are not members of the organisation.
    NotMembers(Vec<UserId>),
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
async fn with_people<C: ConnectionTrait>(conn: &C, rows: Vec<incident::Model>) -> StoreResult<Vec<IncidentRecord>> {
    let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.id).collect();
    let assignees = incident_assignee::Entity::find()
        .filter(incident_assignee::Column::IncidentId.is_in(ids.clone()))
        .all(conn)
        .await?;
    let labels = incident_label::Entity::find().filter(incident_label::Column::IncidentId.is_in(ids)).all(conn).await?;
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
async fn with_people_one<C: ConnectionTrait>(conn: &C, row: incident::Model) -> StoreResult<IncidentRecord> {
    with_people(conn, vec![row]).await?.pop().ok_or_else(|| corrupt("an incident vanished while loading".into()))
}

/// The users in `users` who are not members of `org_id`.
async fn non_members<C: ConnectionTrait>(conn: &C, org_id: OrgId, users: &[UserId]) -> StoreResult<Vec<UserId>> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let found = membership::Entity::find()
        .filter(membership::Column::OrgId.eq(org_id.uuid()))
        .filter(membership::Column::UserId.is_in(users.iter().map(|u| u.uuid())))
        .all(conn)
        .await?;
    Ok(users.iter().copied().filter(|u| !found.iter().any(|m| m.user_id == u.uuid())).collect())
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
        incident_assignee::Entity::delete_many()
            .filter(incident_assignee::Column::OrgId.eq(org_id.uuid()))
            .filter(incident_assignee::Column::IncidentId.eq(incident_id))
            .exec(conn)
            .await?;
    }
    if labels.is_some() {
        incident_label::Entity::delete_many()
            .filter(incident_label::Column::OrgId.eq(org_id.uuid()))
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

/// Remembers `key` for `incident`, over an expired use of the same key
/// (the sweep prunes those).
async fn remember_key<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    key: &str,
    incident: IncidentId,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    idempotency_key::Entity::insert(idempotency_key::ActiveModel {
        org_id: Set(org_id.uuid()),
        key: Set(key.to_owned()),
        incident_id: Set(incident.uuid()),
        created_at: Set(at),
    })
    .on_conflict(
        OnConflict::columns([idempotency_key::Column::OrgId, idempotency_key::Column::Key])
            .update_columns([idempotency_key::Column::IncidentId, idempotency_key::Column::CreatedAt])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await
    .map_err(StoreError::from_write)?;
    Ok(())
}

#[derive(FromQueryResult)]
struct Number {
    last_number: i64,
}

/// The organisation's next incident number; the counter row is locked until
/// the transaction ends, so concurrent creates get consecutive numbers.
async fn next_number<C: ConnectionTrait>(conn: &C, org_id: OrgId) -> StoreResult<i64> {
    let mut upsert = Query::insert();
    upsert
        .into_table(incident_counter::Entity)
        .columns([incident_counter::Column::OrgId, incident_counter::Column::LastNumber])
        .values([org_id.uuid().into(), 1i64.into()])?
        .on_conflict(
            OnConflict::column(incident_counter::Column::OrgId)
                .value(
                    incident_counter::Column::LastNumber,
                    Expr::col((incident_counter::Entity, incident_counter::Column::LastNumber)).add(1),
                )
                .to_owned(),
        )
        .returning_col(incident_counter::Column::LastNumber);
    let statement = conn.get_database_backend().build(&upsert);
    let row = Number::find_by_statement(statement).one(conn).await?;
    row.map(|r| r.last_number).ok_or_else(|| corrupt("incident counter returned nothing".into()))
}

impl super::Store {
    /// Removes up to `limit` idempotency keys that expired before `now`;
    /// returns how many.
    pub async fn prune_idempotency_keys(&self, now: DateTime<Utc>, limit: u64) -> StoreResult<u64> {
        let expired = Query::select()
            .columns([idempotency_key::Column::OrgId, idempotency_key::Column::Key])
            .from(idempotency_key::Entity)
            .and_where(idempotency_key::Column::CreatedAt.lt(now - IDEMPOTENCY_WINDOW))
            .limit(limit)
            .to_owned();
        let key = Expr::tuple([Expr::col(idempotency_key::Column::OrgId), Expr::col(idempotency_key::Column::Key)]);
        let pruned = idempotency_key::Entity::delete_many().filter(key.in_subquery(expired)).exec(&self.db).await?;
        Ok(pruned.rows_affected)
    }
}

impl OrgStore<'_> {
    /// Creates an incident. With an idempotency key seen in the last 24 hours,
    /// returns the incident created then instead (and `false`).
    pub async fn create_incident(
        &self,
        new: NewIncident,
        idempotency_key: Option<&str>,
        meta: &AuditMeta,
    ) -> StoreResult<Result<(IncidentRecord, bool), CreateRefusal>> {
        let mut unit = UnitOfWork::begin(self.db, self.org_id, self.clock.now(), meta).await?;
        if let Some(key) = idempotency_key {
            // Creates with the same key take turns; others do not wait.
            lock_key(unit.conn(), &format!("idempotency:{}:{key}", self.org_id)).await?;
            if let Some(existing) = self.idempotent_replay(unit.conn(), key).await? {
                return Ok(Ok((existing, false)));
            }
        }
        let mut people = new.assignees.clone();
        people.extend(new.commander);
        let strangers = non_members(unit.conn(), self.org_id, &people).await?;
        if !strangers.is_empty() {
            return Ok(Err(CreateRefusal::NotMembers(strangers)));
        }
        let now = unit.now();
        let id = IncidentId::new();
        insert_people(unit.conn(), self.org_id, id.uuid(), &new.assignees, &new.labels).await?;
        if let Some(key) = idempotency_key {
            remember_key(unit.conn(), self.org_id, key, id, now).await?;
        }
        let trigger = EventId::new();
        unit.serialise().await?;
        let number = next_number(unit.conn(), self.org_id).await?;
        let model = incident::ActiveModel {
            id: Set(id.uuid()),
            org_id: Set(self.org_id.uuid()),
            number: Set(number),
            title: Set(new.title),
            description: Set(new.description),
            severity: Set(new.severity.key().to_owned()),
            severity_rank: Set(new.severity.rank()),
            status: Set(IncidentStatus::Open.key().to_owned()),
            commander_id: Set(new.commander.map(UserId::uuid)),
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
        rollup::apply(unit.conn(), self.org_id, None, &model).await?;
        let created = record(model, new.assignees, new.labels)?;
        let summary = json!({"number": number, "title": created.title, "severity": created.severity});
        unit.audit(AuditEntry::new("incident.created", id, summary));
        unit.emit(DomainEvent::for_incident("incident.created", &created).with_id(trigger));
        unit.commit().await?;
        Ok(Ok((created, true)))
    }

    async fn idempotent_replay<C: ConnectionTrait>(&self, conn: &C, key: &str) -> StoreResult<Option<IncidentRecord>> {
        let Some(seen) = idempotency_key::Entity::find_by_id((self.org_id.uuid(), key.to_owned()))
            .filter(idempotency_key::Column::CreatedAt.gte(self.clock.now() - IDEMPOTENCY_WINDOW))
            .one(conn)
            .await?
        else {
            return Ok(None);
        };
        self.incident_on(conn, IncidentId::from_uuid(seen.incident_id)).await
    }

    pub async fn incident(&self, id: IncidentId) -> StoreResult<Option<IncidentRecord>> {
        self.incident_on(self.db, id).await
    }

    pub async fn incident_by_number(&self, number: i64) -> StoreResult<Option<IncidentRecord>> {
        let row = incident::Entity::find()
            .filter(incident::Column::OrgId.eq(self.org_id.uuid()))
            .filter(incident::Column::Number.eq(number))
            .one(self.db)
            .await?;
        Ok(with_people(self.db, row.into_iter().collect()).await?.pop())
    }

    async fn incident_on<C: ConnectionTrait>(&self, conn: &C, id: IncidentId) -> StoreResult<Option<IncidentRecord>> {
        let row = incident::Entity::find_by_id(id.uuid())
            .filter(incident::Column::OrgId.eq(self.org_id.uuid()))
            .one(conn)
            .await?;
        Ok(with_people(conn, row.into_iter().collect()).await?.pop())
    }
}
