//! Changing incidents: field edits, status transitions, assignment and
//! handoff under optimistic concurrency; each change says on the timeline
//! what it did.

use sea_orm::ActiveModelTrait;
use serde_json::{Value, json};

use super::super::entities::incident;
use super::super::orgs::non_members;
use super::super::records::{Entry, TimelineKind, locked_row_of};
use super::super::search;
use super::{IncidentRecord, Incidents, StoreResult, replace_people, rollup, sla, with_people_one};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::events::EventType;
use crate::domain::incidents::{IncidentStatus, Severity, seconds_between};
use crate::domain::lifecycle::Lifecycle;
use crate::domain::records::RecordRef;
use crate::domain::sla::policy::Metric;
use crate::ids::{EventId, IncidentId, TeamId, UserId};
use crate::store::ClockMove;

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
    /// `Some(None)` takes the incident off its team.
    pub team: Option<Option<TeamId>>,
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
    /// The team is not one of the organisation's.
    UnknownTeam,
}

/// What a change means to the incident's SLA clocks: acknowledged, the
/// response is met; resolved, both; reopened, resolution runs on; a new
/// severity, new targets. Reassignment means nothing to them.
fn clock_moves(old: &IncidentRecord, new: &IncidentRecord) -> Vec<ClockMove> {
    let mut moves = Vec::new();
    if new.severity != old.severity {
        let direction = if new.severity.rank() < old.severity.rank() { "rose" } else { "fell" };
        let reason = format!("severity {direction} to {}", new.severity);
        moves.push(ClockMove::Retarget { priority: new.severity.key().to_owned(), reason });
    }
    if new.status != old.status {
        if new.status.acknowledges() || new.status == IncidentStatus::Resolved {
            moves.push(ClockMove::Met(Metric::Response));
        }
        match new.status {
            IncidentStatus::Resolved => moves.push(ClockMove::Met(Metric::Resolution)),
            IncidentStatus::Open => moves.push(ClockMove::Reopen(Metric::Resolution)),
            _ => {}
        }
    }
    moves
}

impl Incidents<'_> {
    /// Applies `change` if `expected_version` is current. Writes a timeline
    /// entry per kind of change, the audit event, one domain event per kind,
    /// and the rollups, together.
    pub async fn change(
        &self,
        id: IncidentId,
        expected_version: Option<i32>,
        change: IncidentChange,
        meta: &AuditMeta,
    ) -> StoreResult<Result<IncidentRecord, ChangeRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        // Changes of one incident take turns; other incidents' do not wait.
        let Some(before) = locked_row_of::<incident::Entity, _>(unit.conn(), org_id, id.uuid()).await? else {
            return Ok(Err(ChangeRefusal::NotFound));
        };
        unit.restamp();
        let tx = unit.conn();
        if let Some(expected) = expected_version
            && expected != before.version
        {
            return Ok(Err(ChangeRefusal::Stale { current: before.version }));
        }
        let old = with_people_one(tx, org_id, before.clone()).await?;
        // Only people newly put on the incident must be members: someone who
        // has left may stay listed on it, as they were.
        let added: Vec<UserId> =
            change.assignees.iter().flatten().copied().filter(|u| !old.assignees.contains(u)).collect();
        let new_commander: Vec<UserId> =
            change.commander.flatten().filter(|c| Some(*c) != old.commander).into_iter().collect();
        let now = unit.now();
        // The id of the reopening's event, should this change reopen it.
        let reopening = EventId::new();
        let mut row = before.clone();
        let mut entries: Vec<(TimelineKind, String, Value)> = Vec::new();
        let mut event_types: Vec<EventType> = Vec::new();

        if let Some(status) = change.status.filter(|s| *s != old.status) {
            if !old.status.can_become(status) {
                return Ok(Err(ChangeRefusal::Transition { from: old.status, to: status }));
            }
            // Judged against the severity the incident ends up with, which is
            // the one the rollups count it under.
            let targets = sla::target_for(tx, org_id, change.severity.unwrap_or(old.severity)).await?;
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
                IncidentStatus::Resolved => EventType::IncidentResolved,
                IncidentStatus::Open => EventType::IncidentReopened,
                IncidentStatus::Acknowledged => EventType::IncidentAcknowledged,
                IncidentStatus::Investigating => EventType::IncidentStatusChanged,
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
            event_types.push(EventType::IncidentSeverityChanged);
        }
        if let Some(title) = change.title.filter(|t| *t != old.title) {
            row.title = title;
            event_types.push(EventType::IncidentUpdated);
        }
        if let Some(description) = change.description.filter(|d| *d != old.description) {
            row.description = description;
            event_types.push(EventType::IncidentUpdated);
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
            event_types.push(EventType::IncidentUpdated);
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
            event_types.push(EventType::IncidentHandoff);
        } else if assignees != old.assignees || commander != old.commander {
            entries.push((
                TimelineKind::Assignment,
                "Assignment changed".to_owned(),
                json!({
                    "assignees": {"from": old.assignees, "to": assignees},
                    "commander": {"from": old.commander, "to": commander},
                }),
            ));
            event_types.push(EventType::IncidentAssigned);
        }
        row.commander_id = commander.map(UserId::uuid);
        if let Some(team) = change.team.filter(|t| *t != old.team) {
            let body = match team {
                Some(team) => match self.scope.teams().name_on(tx, team).await? {
                    Some(name) => format!("Assigned to team {name}"),
                    None => return Ok(Err(ChangeRefusal::UnknownTeam)),
                },
                None => "Taken off its team".to_owned(),
            };
            entries.push((TimelineKind::Assignment, body, json!({"team": {"from": old.team, "to": team}})));
            event_types.push(EventType::IncidentAssigned);
            row.team_id = team.map(TeamId::uuid);
        }
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
            org_id,
            row.id,
            (assignees != old.assignees).then_some(&assignees),
            change.labels.as_deref(),
        )
        .await?;
        let updated = with_people_one(tx, org_id, row.clone()).await?;
        for (kind, body, detail) in entries {
            unit.timeline(id.into(), Entry::new(kind, body, detail)).await?;
        }
        let summary = json!({
            "before": {"status": old.status, "severity": old.severity, "assignees": old.assignees, "commander": old.commander, "team": old.team, "title": old.title, "labels": old.labels},
            "after": {"status": updated.status, "severity": updated.severity, "assignees": updated.assignees, "commander": updated.commander, "team": updated.team, "title": updated.title, "labels": updated.labels},
        });
        // Before the organisation's turn, as every writer of clocks does (the
        // sweep's alerts lock a clock, then take the turn to commit): taken
        // in the other order, the two would wait on each other.
        let clock_moves = clock_moves(&old, &updated);
        if !clock_moves.is_empty() {
            super::super::sla::moved(&unit, RecordRef::from(id), &clock_moves).await?;
        }
        unit.serialise().await?;
        // Checked in the organisation's turn, so that a member removed
        // meanwhile is not put on the incident after the removal.
        for (field, users) in [("assignees", &added), ("commander", &new_commander)] {
            let strangers = non_members(unit.conn(), org_id, users).await?;
            if !strangers.is_empty() {
                return Ok(Err(ChangeRefusal::NotMembers { field, users: strangers }));
            }
        }
        rollup::apply(unit.conn(), org_id, Some(&before), &row).await?;
        if row.title != before.title {
            search::index(unit.conn(), org_id, super::search_document(&row)).await?;
        }
        unit.audit(AuditEntry::new("incident.updated", id, summary));
        for event_type in event_types {
            let event = updated.event(event_type);
            unit.emit(if event_type == EventType::IncidentReopened { event.with_id(reopening) } else { event });
        }
        unit.commit().await?;
        Ok(Ok(updated))
    }
}
