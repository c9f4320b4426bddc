//! Domain events: written to the outbox in the transaction of the change,
//! read back in order for the live stream and (later) the queue relay.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::{Value, json};

use super::super::entities::{incident, outbox_event};
use super::{IncidentRecord, OrgStore, StoreResult};
use crate::ids::{EventId, IncidentId, OrgId};

/// An event about to be recorded: its type, the incident it concerns, and a
/// small summary (ids and headline fields, not the whole incident).
#[derive(Debug, Clone)]
pub struct DomainEvent {
    pub id: EventId,
    pub event_type: &'static str,
    pub incident_id: Option<IncidentId>,
    pub data: Value,
}

impl DomainEvent {
    pub fn for_incident(event_type: &'static str, incident: &IncidentRecord) -> Self {
        Self {
            id: EventId::new(),
            event_type,
            incident_id: Some(incident.id),
            data: json!({
                "incidentId": incident.id,
                "number": incident.number,
                "title": incident.title,
                "severity": incident.severity,
                "status": incident.status,
                "version": incident.version,
            }),
        }
    }
}

impl DomainEvent {
    /// The same event under an id chosen beforehand (one the change refers to).
    pub fn with_id(self, id: EventId) -> Self {
        Self { id, ..self }
    }
}

/// A recorded event, with its position in the outbox.
#[derive(Debug, Clone)]
pub struct EventRecord {
    pub seq: i64,
    pub id: EventId,
    pub event_type: String,
    pub incident_id: Option<IncidentId>,
    pub data: Value,
    pub created_at: DateTime<Utc>,
}

impl EventRecord {
    /// The event as clients receive it, on the SSE stream and through Pusher.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "type": self.event_type,
            "incidentId": self.incident_id,
            "data": self.data,
            "createdAt": self.created_at,
        })
    }
}

impl From<outbox_event::Model> for EventRecord {
    fn from(row: outbox_event::Model) -> Self {
        Self {
            seq: row.seq,
            id: EventId::from_uuid(row.event_id),
            event_type: row.event_type,
            incident_id: row.incident_id.map(IncidentId::from_uuid),
            data: serde_json::from_str(&row.payload).unwrap_or(Value::Null),
            created_at: row.created_at,
        }
    }
}

pub(in crate::store) async fn emit<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    at: DateTime<Utc>,
    event: DomainEvent,
) -> StoreResult<()> {
    outbox_event::ActiveModel {
        event_id: Set(event.id.uuid()),
        org_id: Set(org_id.uuid()),
        event_type: Set(event.event_type.to_owned()),
        incident_id: Set(event.incident_id.map(IncidentId::uuid)),
        payload: Set(event.data.to_string()),
        created_at: Set(at),
        claimed_until: Set(None),
        relayed_at: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

impl OrgStore<'_> {
    /// The organisation's events after position `after`, oldest first.
    pub async fn events_after(&self, after: i64, limit: u64) -> StoreResult<Vec<EventRecord>> {
        let rows = outbox_event::Entity::find()
            .filter(outbox_event::Column::OrgId.eq(self.org_id.uuid()))
            .filter(outbox_event::Column::Seq.gt(after))
            .order_by_asc(outbox_event::Column::Seq)
            .limit(limit)
            .all(self.db)
            .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// One of the organisation's events, by id.
    pub async fn event(&self, id: EventId) -> StoreResult<Option<EventRecord>> {
        let row = outbox_event::Entity::find()
            .filter(outbox_event::Column::OrgId.eq(self.org_id.uuid()))
            .filter(outbox_event::Column::EventId.eq(id.uuid()))
            .one(self.db)
            .await?;
        Ok(row.map(Into::into))
    }

    /// The event that last opened the incident: its creation or its latest
    /// reopening.
    pub async fn latest_trigger_event(&self, incident: IncidentId) -> StoreResult<Option<EventId>> {
        latest_trigger_on(self.db, self.org_id, incident).await
    }

    /// The position of the organisation's newest event (0 when none).
    pub async fn latest_event_seq(&self) -> StoreResult<i64> {
        let newest = outbox_event::Entity::find()
            .filter(outbox_event::Column::OrgId.eq(self.org_id.uuid()))
            .order_by_desc(outbox_event::Column::Seq)
            .one(self.db)
            .await?;
        Ok(newest.map_or(0, |row| row.seq))
    }
}

/// [`OrgStore::latest_trigger_event`] on `conn` (inside a transaction).
pub(crate) async fn latest_trigger_on<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    incident: IncidentId,
) -> StoreResult<Option<EventId>> {
    let row = incident::Entity::find_by_id(incident.uuid())
        .filter(incident::Column::OrgId.eq(org_id.uuid()))
        .one(conn)
        .await?;
    Ok(row.and_then(|r| r.trigger_event_id).map(EventId::from_uuid))
}
