//! Changing incidents: field edits, status transitions, assignment and
//! handoff under optimistic concurrency, and the append-only timeline.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::{Value, json};

use super::super::entities::{incident, timeline_entry};
use super::super::unit::UnitOfWork;
use super::{
    DomainEvent, IncidentRecord, OrgStore, StoreResult, non_members, replace_people, rollup, sla, with_people_one,
};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::incidents::{IncidentStatus, Severity, seconds_between};
use crate::domain::keyed_enum;
use crate::ids::{EventId, IncidentId, TimelineEntryId, UserId};

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

/// Fields to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct IncidentChange {
    pub title: Option<String>,
    pub description: Option<String>,
    pub severity: Option<Severity>,
    pub status: Option<IncidentStatus>,
    pub assignees: Option<Vec<UserId>>,
    /// `Some(None)` clears the commander.
    pub commander: Option<Option<UserId>>,
    pub labels: Option<Vec<String>>,
    /// A note to add with the change (handoff notes).
    pub note: Option<String>,
    /// Record the change as a handoff from the current commander.
    pub handoff: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeRefusal {
    NotFound,
    /// The caller's version is not the current one.
    Stale {
        current: i32,
    },
    Transition {
        from: IncidentStatus,
        to: IncidentStatus,
    },
    /// People named in `field` who are not members of the organisation.
    NotMembers {
        field: &'static str,
        users: Vec<UserId>,
    },
}

async fn add_entry<C: ConnectionTrait>(
    conn: &C,
    at: DateTime<Utc>,
    row: &incident::Model,
    meta: &AuditMeta,
    kind: TimelineKind,
    body: String,
    detail: Value,
) -> StoreResult<TimelineRecord> {
    let entry = timeline_entry::ActiveModel {
        id: Set(TimelineEntryId::new().uuid()),
        org_id: Set(row.org_id),
        incident_id: Set(row.id),
        kind: Set(kind.key().to_owned()),
        actor_id: Set(meta.actor_id.map(UserId::uuid)),
        actor_label: Set(meta.actor_label.clone()),
        body: Set(body),
        detail: Set(detail.to_string()),
        created_at: Set(at),
    }
    .insert(conn)
    .await?;
    timeline_record(entry)
}

fn timeline_record(model: timeline_entry::Model) -> StoreResult<TimelineRecord> {
    Ok(TimelineRecord {
        id: TimelineEntryId::from_uuid(model.id),
        kind: model.kind.parse().map_err(super::corrupt)?,
        actor_id: model.actor_id.map(UserId::from_uuid),
        actor_label: model.actor_label,
        body: model.body,
        detail: serde_json::from_str(&model.detail).unwrap_or(Value::Null),
        created_at: model.created_at,
    })
}

impl OrgStore<'_> {
    /// Applies `change` if `expected_version` is current. Writes a timeline
    /// entry per kind of change, the audit event, one domain event per kind,
    /// and the rollups, together.
    pub async fn change_incident(
        &self,
        id: IncidentId,
        expected_version: Option<i32>,
        change: IncidentChange,
        meta: &AuditMeta,
    ) -> StoreResult<Result<IncidentRecord, ChangeRefusal>> {
        let mut unit = UnitOfWork::begin(self.db, self.org_id, self.clock.now(), meta).await?;
        let tx = unit.conn();
        // Changes of one incident take turns; other incidents' do not wait.
        let Some(before) = incident::Entity::find_by_id(id.uuid())
            .filter(incident::Column::OrgId.eq(self.org_id.uuid()))
            .lock_exclusive()
            .one(tx)
            .await?
        else {
            return Ok(Err(ChangeRefusal::NotFound));
        };
        if let Some(expected) = expected_version
            && expected != before.version
        {
            return Ok(Err(ChangeRefusal::Stale { current: before.version }));
        }
        let old = with_people_one(tx, before.clone()).await?;
        // Only people newly put on the incident must be members: someone who
        // has left may stay listed on it, as they were.
        let added: Vec<UserId> =
            change.assignees.iter().flatten().copied().filter(|u| !old.assignees.contains(u)).collect();
        let strangers = non_members(tx, self.org_id, &added).await?;
        if !strangers.is_empty() {
            return Ok(Err(ChangeRefusal::NotMembers { field: "assignees", users: strangers }));
        }
        let new_commander: Vec<UserId> =
            change.commander.flatten().filter(|c| Some(*c) != old.commander).into_iter().collect();
        let strangers = non_members(tx, self.org_id, &new_commander).await?;
        if !strangers.is_empty() {
            return Ok(Err(ChangeRefusal::NotMembers { field: "commander", users: strangers }));
        }
        let now = unit.now();
        // The id of the reopening's event, should this change reopen it.
        let reopening = EventId::new();
        let mut row = before.clone();
        let mut entries: Vec<(TimelineKind, String, Value)> = Vec::new();
        let mut event_types: Vec<&'static str> = Vec::new();

        if let Some(status) = change.status.filter(|s| *s != old.status) {
            if !old.status.can_become(status) {
                return Ok(Err(ChangeRefusal::Transition { from: old.status, to: status }));
            }
            // Judged against the severity the incident ends up with, which is
            // the one the rollups count it under.
            let targets = sla::target_for(tx, self.org_id, change.severity.unwrap_or(old.severity)).await?;
            row.status = status.key().to_owned();
            if status.acknowledges() && row.acknowledged_at.is_none() {
                row.acknowledged_at = Some(now);
                row.ack_within_target = Some(seconds_between(row.created_at, now) <= targets.acknowledge.num_seconds());
            }
            match status {
                IncidentStatus::Resolved => {
                    row.resolved_at = Some(now);
                    row.resolve_within_target =
                        Some(seconds_between(row.created_at, now) <= targets.resolve.num_seconds());
                }
                IncidentStatus::Open => {
                    row.resolved_at = None;
                    row.resolve_within_target = None;
                    row.trigger_event_id = Some(reopening.uuid());
                }
                _ => {}
            }
            entries.push((
                TimelineKind::StatusChange,
                format!("Status changed from {} to {status}", old.status),
                json!({"from": old.status, "to": status}),
            ));
            event_types.push(match status {
                IncidentStatus::Resolved => "incident.resolved",
                IncidentStatus::Open => "incident.reopened",
                IncidentStatus::Acknowledged => "incident.acknowledged",
                IncidentStatus::Investigating => "incident.status_changed",
            });
        }
        if let Some(severity) = change.severity.filter(|s| *s != old.severity) {
            row.severity = severity.key().to_owned();
            row.severity_rank = severity.rank();
            entries.push((
                TimelineKind::SeverityChange,
                format!("Severity changed from {} to {severity}", old.severity),
                json!({"from": old.severity, "to": severity}),
            ));
            event_types.push("incident.severity_changed");
        }
        if let Some(title) = change.title.filter(|t| *t != old.title) {
            row.title = title;
            event_types.push("incident.updated");
        }
        if let Some(description) = change.description.filter(|d| *d != old.description) {
            row.description = description;
            event_types.push("incident.updated");
        }
        let mut assignees = old.assignees.clone();
        if let Some(mut new_assignees) = change.assignees.clone() {
            new_assignees.sort();
            new_assignees.dedup();
            assignees = new_assignees;
        }
        if let Some(labels) = change.labels.as_ref().filter(|l| **l != old.labels) {
            entries.push((
                TimelineKind::LabelChange,
                "Labels changed".to_owned(),
                json!({"from": old.labels, "to": labels}),
            ));
            event_types.push("incident.updated");
        }
        let commander = change.commander.unwrap_or(old.commander);
        if change.handoff {
            entries.push((
                TimelineKind::Handoff,
                format!(
                    "Handed off{}{}",
                    old.commander.map(|c| format!(" from {c}")).unwrap_or_default(),
                    commander.map(|c| format!(" to {c}")).unwrap_or_default()
                ),
                json!({"from": old.commander, "to": commander, "note": change.note}),
            ));
            event_types.push("incident.handoff");
        } else if assignees != old.assignees || commander != old.commander {
            entries.push((
                TimelineKind::Assignment,
                "Assignment changed".to_owned(),
                json!({
                    "assignees": {"from": old.assignees, "to": assignees},
                    "commander": {"from": old.commander, "to": commander},
                }),
            ));
            event_types.push("incident.assigned");
        }
        row.commander_id = commander.map(UserId::uuid);
        if let Some(note) = change.note.clone().filter(|n| !n.trim().is_empty()) {
            entries.push((TimelineKind::Note, note, json!({})));
        }
        event_types.dedup();
        if event_types.is_empty() && entries.is_empty() {
            return Ok(Ok(old));
        }
        row.version = before.version + 1;
        row.updated_at = now;
        let active = incident::ActiveModel::from(row).reset_all();
        let row = active.update(tx).await?;
        replace_people(
            tx,
            self.org_id,
            row.id,
            (assignees != old.assignees).then_some(&assignees),
            change.labels.as_deref(),
        )
        .await?;
        for (kind, body, detail) in entries {
            add_entry(tx, now, &row, meta, kind, body, detail).await?;
        }
        let updated = with_people_one(tx, row.clone()).await?;
        let summary = json!({
            "before": {"status": old.status, "severity": old.severity, "assignees": old.assignees, "commander": old.commander, "title": old.title, "labels": old.labels},
            "after": {"status": updated.status, "severity": updated.severity, "assignees": updated.assignees, "commander": updated.commander, "title": updated.title, "labels": updated.labels},
        });
        unit.serialise().await?;
        rollup::apply(unit.conn(), self.org_id, Some(&before), &row).await?;
        unit.audit(AuditEntry::new("incident.updated", id, summary));
        for event_type in event_types {
            let event = DomainEvent::for_incident(event_type, &updated);
            unit.emit(if event_type == "incident.reopened" { event.with_id(reopening) } else { event });
        }
        unit.commit().await?;
        Ok(Ok(updated))
    }

    /// Adds a note to an incident's timeline.
    pub async fn add_note(
        &self,
        id: IncidentId,
        text: String,
        meta: &AuditMeta,
    ) -> StoreResult<Option<TimelineRecord>> {
        let mut unit = UnitOfWork::begin(self.db, self.org_id, self.clock.now(), meta).await?;
        let Some(row) = incident::Entity::find_by_id(id.uuid())
            .filter(incident::Column::OrgId.eq(self.org_id.uuid()))
            .one(unit.conn())
            .await?
        else {
            return Ok(None);
        };
        let entry = add_entry(unit.conn(), unit.now(), &row, meta, TimelineKind::Note, text, json!({})).await?;
        let record = with_people_one(unit.conn(), row).await?;
        unit.audit(AuditEntry::new("incident.note_added", id, json!({"entry": entry.id})));
        let mut event = DomainEvent::for_incident("incident.note_added", &record);
        event.data["entryId"] = json!(entry.id);
        unit.emit(event);
        unit.commit().await?;
        Ok(Some(entry))
    }

    /// An incident's timeline, oldest first.
    pub async fn timeline(&self, id: IncidentId, limit: u64) -> StoreResult<Vec<TimelineRecord>> {
        let rows = timeline_entry::Entity::find()
            .filter(timeline_entry::Column::OrgId.eq(self.org_id.uuid()))
            .filter(timeline_entry::Column::IncidentId.eq(id.uuid()))
            .order_by_asc(timeline_entry::Column::Id)
            .limit(limit)
            .all(self.db)
            .await?;
        rows.into_iter().map(timeline_record).collect()
    }
}
