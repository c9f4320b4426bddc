//! What happened to a record, as the outbox, the event stream, Pusher, the
//! workers and webhooks name it.

use crate::domain::keyed_enum;

keyed_enum!(
    /// A domain event's type.
    EventType {
        IncidentCreated => "incident.created",
        IncidentUpdated => "incident.updated",
        IncidentAcknowledged => "incident.acknowledged",
        IncidentStatusChanged => "incident.status_changed",
        IncidentResolved => "incident.resolved",
        IncidentReopened => "incident.reopened",
        IncidentSeverityChanged => "incident.severity_changed",
        IncidentAssigned => "incident.assigned",
        IncidentHandoff => "incident.handoff",
        IncidentNoteAdded => "incident.note_added",
        ArticleCreated => "article.created",
        ArticleUpdated => "article.updated",
        ArticleNoteAdded => "article.note_added",
        // A problem's workaround, published to an open incident it causes.
        IncidentWorkaroundPublished => "incident.workaround_published",
        ProblemCreated => "problem.created",
        ProblemUpdated => "problem.updated",
        ProblemStatusChanged => "problem.status_changed",
        ProblemWorkaroundPublished => "problem.workaround_published",
        ProblemNoteAdded => "problem.note_added",
        ChangeCreated => "change.created",
        ChangeUpdated => "change.updated",
        ChangeStatusChanged => "change.status_changed",
        // A step of a change's approval opened: its approvers are asked.
        ChangeApprovalRequested => "change.approval_requested",
        ChangeVoted => "change.voted",
        ChangeNoteAdded => "change.note_added",
        RequestCreated => "request.created",
        // A request moved: its requester is told, by email.
        RequestStatusChanged => "request.status_changed",
        // A step of a request's approval opened: its approvers are asked.
        RequestApprovalRequested => "request.approval_requested",
        RequestVoted => "request.voted",
        RequestNoteAdded => "request.note_added",
        RequestTaskUpdated => "request.task_updated",
        // An SLA clock reached a warning threshold, or its target.
        SlaWarning => "sla.warning",
        SlaBreached => "sla.breached",
        ItemCreated => "item.created",
        ItemUpdated => "item.updated",
        ItemRelated => "item.related",
        ItemNoteAdded => "item.note_added",
        ItemsImported => "items.imported",
        RecordLinked => "record.linked",
        RecordUnlinked => "record.unlinked",
    }
);

impl EventType {
    /// Whether the notification worker acts on the event: it pages, or it
    /// ends an escalation (any move off `open`). The relay queues only
    /// these; the others reach the event stream and Pusher alone, so a
    /// backlog of notes never holds up a page.
    pub fn wakes_worker(self) -> bool {
        matches!(
            self,
            EventType::IncidentCreated
                | EventType::IncidentReopened
                | EventType::IncidentAcknowledged
                | EventType::IncidentStatusChanged
                | EventType::IncidentResolved
                | EventType::IncidentWorkaroundPublished
                | EventType::ChangeApprovalRequested
                | EventType::RequestApprovalRequested
                | EventType::RequestStatusChanged
                | EventType::SlaWarning
                | EventType::SlaBreached
        )
    }

    /// Whether the event (re)opens an incident: its creation or a reopening.
    pub fn opens_incident(self) -> bool {
        matches!(self, EventType::IncidentCreated | EventType::IncidentReopened)
    }
}
