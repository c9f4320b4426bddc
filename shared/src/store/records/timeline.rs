//! Every record's timeline: append-only entries keyed by subject (kind and
//! id) — notes, and what the system did (status changes, links, pages).

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde_json::Value;

use super::super::entities::timeline_entry;
use super::super::{StoreError, StoreResult};
use crate::domain::audit::AuditMeta;
use crate::domain::keyed_enum;
use crate::domain::records::RecordRef;
use crate::ids::{OrgId, TimelineEntryId, UserId};

keyed_enum!(
    /// What a timeline entry records.
    TimelineKind {
        Note => "note",
        StatusChange => "status_change",
        SeverityChange => "severity_change",
        Assignment => "assignment",
        LabelChange => "label_change",
        Handoff => "handoff",
        Notification => "notification",
        Escalation => "escalation",
        Link => "link",
        Edit => "edit",
        Workaround => "workaround",
        Approval => "approval",
        // A request's fulfilment task moved or changed hands.
        Task => "task",
    }
);

#[derive(Debug, Clone)]
pub struct TimelineRecord {
    pub id: TimelineEntryId,
    pub kind: TimelineKind,
    pub actor_id: Option<UserId>,
    pub actor_label: String,
    /// Markdown for notes; a sentence for system entries.
    pub body: String,
    pub detail: Value,
    pub created_at: DateTime<Utc>,
}

/// One entry about to be appended.
pub struct Entry {
    pub kind: TimelineKind,
    pub body: String,
    pub detail: Value,
}

impl Entry {
    pub fn new(kind: TimelineKind, body: impl Into<String>, detail: Value) -> Self {
        Self { kind, body: body.into(), detail }
    }
}

/// Appends `entry` to `subject`'s timeline, on `conn` (the change's transaction).
pub(in crate::store) async fn append<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    subject: RecordRef,
    at: DateTime<Utc>,
    meta: &AuditMeta,
    entry: Entry,
) -> StoreResult<TimelineRecord> {
    let row = timeline_entry::ActiveModel {
        id: Set(TimelineEntryId::new().uuid()),
        org_id: Set(org_id.uuid()),
        subject_kind: Set(subject.kind().key().to_owned()),
        subject_id: Set(subject.uuid()),
        kind: Set(entry.kind.key().to_owned()),
        actor_id: Set(meta.actor_id.map(UserId::uuid)),
        actor_label: Set(meta.actor_label.clone()),
        body: Set(entry.body),
        detail: Set(entry.detail.to_string()),
        created_at: Set(at),
    }
    .insert(conn)
    .await?;
    row.try_into()
}

impl TryFrom<timeline_entry::Model> for TimelineRecord {
    type Error = StoreError;

    fn try_from(model: timeline_entry::Model) -> StoreResult<Self> {
        Ok(Self {
            id: TimelineEntryId::from_uuid(model.id),
            kind: model.kind.parse().map_err(StoreError::Corrupt)?,
            actor_id: model.actor_id.map(UserId::from_uuid),
            actor_label: model.actor_label,
            body: model.body,
            detail: serde_json::from_str(&model.detail).unwrap_or(Value::Null),
            created_at: model.created_at,
        })
    }
}
