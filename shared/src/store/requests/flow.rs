//! A request's way through its lifecycle: its approval's votes, then its
//! fulfilment — stage by stage, each stage's tasks in parallel, the request
//! fulfilled once every task is finished — or its cancelling. Every move is
//! one unit of work: the request, its tasks, its approval, its timeline,
//! the audit entry and the events (its requester is mailed from those).

use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;

use super::super::approvals::{self, VoteOutcome};
use super::super::entities::{request_task, service_request};
use super::super::records::{DomainEvent, Entry, TimelineKind, locked_row_of};
use super::super::sla::{self, ClockMove, Measured};
use super::super::teams::check_owner;
use super::super::unit::UnitOfWork;
use super::super::{StoreError, StoreResult};
use super::{RequestRecord, RequestRefusal, Requests, TaskRecord, tasks_on};
use crate::domain::approvals::{ApprovalStatus, Decision};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::events::EventType;
use crate::domain::lifecycle::Lifecycle;
use crate::domain::records::RecordRef;
use crate::domain::requests::{RequestStatus, TaskStatus};
use crate::domain::sla::policy::{Metric, PolicySubject, Subject};
use crate::ids::{CatalogItemId, RequestId, RequestTaskId, TeamId, UserId};

/// The moves people make on a request; the others follow from its
/// approval and its tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestMove {
    Cancel,
    /// By hand: only once no task is left to do (a plan with none, or
    /// every task skipped).
    Fulfil,
}

/// A task's fields to change; `None` leaves one as it is.
#[derive(Debug, Default)]
pub struct TaskEdit {
    pub status: Option<TaskStatus>,
    pub assignee: Option<Option<UserId>>,
}

/// Moves `row` to `status` with its timeline entry; the caller commits.
pub(super) async fn move_to(
    unit: &UnitOfWork<'_>,
    row: service_request::Model,
    status: RequestStatus,
    why: Option<&str>,
) -> StoreResult<service_request::Model> {
    let from = row.status.clone();
    let mut active: service_request::ActiveModel = row.clone().into();
    active.status = Set(status.key().to_owned());
    if status.is_closed() {
        active.closed_at = Set(Some(unit.now()));
    }
    active.version = Set(row.version + 1);
    active.updated_at = Set(unit.now());
    let updated = active.update(unit.conn()).await?;
    // Requesters read this timeline: statuses in words.
    let (was, now) = (from.replace('_', " "), status.key().replace('_', " "));
    let body = match why {
        Some(why) => format!("Status changed from {was} to {now}: {why}"),
        None => format!("Status changed from {was} to {now}"),
    };
    let subject = RequestId::from_uuid(updated.id).into();
    unit.timeline(subject, Entry::new(TimelineKind::StatusChange, body, json!({"from": from, "to": status}))).await?;
    let clock_moves: &[ClockMove] = match status {
        RequestStatus::InProgress => &[ClockMove::Met(Metric::Response)],
        RequestStatus::Fulfilled => &[ClockMove::Met(Metric::Response), ClockMove::Met(Metric::Resolution)],
        RequestStatus::Cancelled | RequestStatus::Rejected => &[ClockMove::Cancel],
        _ => &[],
    };
    if !clock_moves.is_empty() {
        sla::moved(unit, subject, clock_moves).await?;
    }
    Ok(updated)
}

pub(super) fn approval_requested(request: &RequestRecord, step: &str, approvers: &[UserId]) -> DomainEvent {
    let mut data = request.event_data();
    data["step"] = json!(step);
    data["approvers"] = json!(approvers);
    DomainEvent::new(EventType::RequestApprovalRequested, request.id.into(), data)
}

/// The request moved from `from` in this write: its requester is told.
pub(super) fn status_changed(request: &RequestRecord, from: RequestStatus) -> DomainEvent {
    let mut data = request.event_data();
    data["from"] = json!(from);
    DomainEvent::new(EventType::RequestStatusChanged, request.id.into(), data)
}

/// What a task's move does to its own clocks (its OLA): work started, or
/// a question put to the requester, is the response; done is the
/// resolution; waiting on the requester pauses them.
fn task_clock_moves(from: TaskStatus, to: TaskStatus) -> Vec<ClockMove> {
    use TaskStatus::*;
    let mut moves = Vec::new();
    if matches!(to, InProgress | WaitingOnRequester | Done) {
        moves.push(ClockMove::Met(Metric::Response));
    }
    if from == WaitingOnRequester {
        moves.push(ClockMove::Resume);
    }
    match to {
        WaitingOnRequester => moves.push(ClockMove::Pause(WaitingOnRequester.key())),
        Done => moves.push(ClockMove::Met(Metric::Resolution)),
        Skipped | Cancelled => moves.push(ClockMove::Cancel),
        Pending | Open | InProgress => {}
    }
    moves
}

/// Tells the task's clocks of its move from `from` to `to`; a task that
/// opens starts them, under the first task policy matching its team and
/// its request's item.
async fn tell_task_clocks(
    unit: &UnitOfWork<'_>,
    task: &request_task::Model,
    item: CatalogItemId,
    from: TaskStatus,
    to: TaskStatus,
) -> StoreResult<()> {
    let team = TeamId::from_uuid(task.team_id);
    let request = RequestId::from_uuid(task.request_id).into();
    let measured = Measured::Task { request, task: RequestTaskId::from_uuid(task.id), team };
    if from == TaskStatus::Pending && to == TaskStatus::Open {
        let subject = Subject {
            record: PolicySubject::Task,
            severity: None,
            labels: Vec::new(),
            services: Vec::new(),
            item: Some(item),
            team: Some(team),
        };
        return sla::start(unit, &subject, measured, None).await;
    }
    let moves = task_clock_moves(from, to);
    if moves.is_empty() { Ok(()) } else { sla::moved(unit, measured, &moves).await }
}

async fn set_task_status(
    unit: &UnitOfWork<'_>,
    task: request_task::Model,
    item: CatalogItemId,
    status: TaskStatus,
) -> StoreResult<()> {
    tell_task_clocks(unit, &task, item, status_of(&task)?, status).await?;
    let version = task.version;
    let mut active: request_task::ActiveModel = task.into();
    active.status = Set(status.key().to_owned());
    if status == TaskStatus::Done {
        active.done_at = Set(Some(unit.now()));
    }
    active.updated_at = Set(unit.now());
    active.version = Set(version + 1);
    active.update(unit.conn()).await?;
    Ok(())
}

async fn task_rows(unit: &UnitOfWork<'_>, request: RequestId) -> StoreResult<Vec<request_task::Model>> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    Ok(super::super::scope::scoped::<request_task::Entity>(unit.org_id())
        .filter(request_task::Column::RequestId.eq(request.uuid()))
        .order_by_asc(request_task::Column::Stage)
        .order_by_asc(request_task::Column::Position)
        .all(unit.conn())
        .await?)
}

fn status_of(task: &request_task::Model) -> StoreResult<TaskStatus> {
    task.status.parse().map_err(StoreError::Corrupt)
}

/// Opens the next stage's tasks once no task is open; `true` when every
/// task is finished and none was opened (the request is done).
async fn open_next_stage(unit: &UnitOfWork<'_>, request: RequestId, item: CatalogItemId) -> StoreResult<bool> {
    let tasks = task_rows(unit, request).await?;
    let mut statuses = Vec::with_capacity(tasks.len());
    for task in &tasks {
        statuses.push(status_of(task)?);
    }
    if statuses.iter().any(|s| !s.is_finished() && *s != TaskStatus::Pending) {
        return Ok(false);
    }
    let next_stage =
        tasks.iter().zip(&statuses).filter(|(_, s)| **s == TaskStatus::Pending).map(|(t, _)| t.stage).min();
    let Some(stage) = next_stage else { return Ok(true) };
    let mut opened = Vec::new();
    for (task, status) in tasks.into_iter().zip(statuses) {
        if task.stage == stage && status == TaskStatus::Pending {
            opened.push(task.name.clone());
            set_task_status(unit, task, item, TaskStatus::Open).await?;
        }
    }
    let body = format!("Opened {}", opened.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", "));
    unit.timeline(request.into(), Entry::new(TimelineKind::Task, body, json!({"stage": stage, "opened": opened})))
        .await?;
    Ok(false)
}

/// Approves the request and starts its fulfilment: its first stage's tasks open.
pub(super) async fn approve_and_start(
    unit: &UnitOfWork<'_>,
    row: service_request::Model,
    why: &str,
) -> StoreResult<RequestRecord> {
    let approved = move_to(unit, row, RequestStatus::Approved, Some(why)).await?;
    let (id, item) = (RequestId::from_uuid(approved.id), CatalogItemId::from_uuid(approved.item_id));
    let started = move_to(unit, approved, RequestStatus::InProgress, None).await?;
    open_next_stage(unit, id, item).await?;
    RequestRecord::try_from(started)
}

/// A person's name, as the timeline shows them.
async fn name_of<C: sea_orm::ConnectionTrait>(conn: &C, user: UserId) -> StoreResult<String> {
    Ok(super::super::accounts::user_on(conn, user).await?.map_or_else(|| user.to_string(), |u| u.name))
}

/// Cancels every task not finished.
async fn cancel_tasks(unit: &UnitOfWork<'_>, request: &service_request::Model) -> StoreResult<()> {
    let item = CatalogItemId::from_uuid(request.item_id);
    for task in task_rows(unit, RequestId::from_uuid(request.id)).await? {
        if !status_of(&task)?.is_finished() {
            set_task_status(unit, task, item, TaskStatus::Cancelled).await?;
        }
    }
    Ok(())
}

impl Requests<'_> {
    async fn locked(&self, unit: &UnitOfWork<'_>, id: RequestId) -> StoreResult<Option<service_request::Model>> {
        locked_row_of::<service_request::Entity, _>(unit.conn(), self.scope.org_id, id.uuid()).await
    }

    /// Counts `voter`'s vote on the request's current approval step; once
    /// the approval is decided the request is approved (and its tasks
    /// open) or rejected.
    pub async fn vote(
        &self,
        id: RequestId,
        voter: UserId,
        decision: Decision,
        comment: &str,
        meta: &AuditMeta,
    ) -> StoreResult<Result<(RequestRecord, VoteOutcome), RequestRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let Some(row) = self.locked(&unit, id).await? else { return Ok(Err(RequestRefusal::NotFound)) };
        unit.restamp();
        let from: RequestStatus = row.status.parse().map_err(StoreError::Corrupt)?;
        if from != RequestStatus::AwaitingApproval {
            return Ok(Err(RequestRefusal::Vote(super::super::VoteRefusal::NothingPending)));
        }
        let outcome = match approvals::vote(&unit, org_id, id.into(), voter, decision, comment).await? {
            Ok(outcome) => outcome,
            Err(refusal) => return Ok(Err(RequestRefusal::Vote(refusal))),
        };
        let verb = if decision == Decision::Approve { "approved" } else { "rejected" };
        let mut body = format!("{} {verb} (step {})", meta.actor_label, outcome.step);
        if !comment.is_empty() {
            body.push_str(&format!(": {comment}"));
        }
        let detail = json!({"decision": decision, "step": outcome.step, "comment": comment});
        unit.timeline(id.into(), Entry::new(TimelineKind::Approval, body, detail)).await?;
        let request = match outcome.approval_status {
            ApprovalStatus::Approved => approve_and_start(&unit, row, "every approval step approved").await?,
            ApprovalStatus::Rejected => {
                cancel_tasks(&unit, &row).await?;
                let why = format!("step {} rejected", outcome.step);
                RequestRecord::try_from(move_to(&unit, row, RequestStatus::Rejected, Some(&why)).await?)?
            }
            ApprovalStatus::Pending | ApprovalStatus::Withdrawn => RequestRecord::try_from(row)?,
        };
        if let Some((step, approvers)) = &outcome.next_step {
            unit.emit(approval_requested(&request, step, approvers));
        }
        let summary = json!({"decision": decision, "step": outcome.step, "approval": outcome.approval_status});
        unit.audit(AuditEntry::new("request.voted", id, summary));
        let mut data = request.event_data();
        data["decision"] = json!(decision);
        data["voter"] = json!(voter);
        unit.emit(DomainEvent::new(EventType::RequestVoted, id.into(), data));
        if request.status != from {
            unit.emit(status_changed(&request, from));
        }
        unit.commit().await?;
        Ok(Ok((request, outcome)))
    }

    /// Cancels the request (its approval withdrawn, its open tasks
    /// cancelled), or fulfils it by hand.
    pub async fn transition(
        &self,
        id: RequestId,
        expected_version: Option<i32>,
        request_move: RequestMove,
        meta: &AuditMeta,
    ) -> StoreResult<Result<RequestRecord, RequestRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let Some(row) = self.locked(&unit, id).await? else { return Ok(Err(RequestRefusal::NotFound)) };
        unit.restamp();
        if expected_version.is_some_and(|v| v != row.version) {
            return Ok(Err(RequestRefusal::Stale { current: row.version }));
        }
        let from: RequestStatus = row.status.parse().map_err(StoreError::Corrupt)?;
        let to = match request_move {
            RequestMove::Cancel => RequestStatus::Cancelled,
            RequestMove::Fulfil => RequestStatus::Fulfilled,
        };
        if !from.can_become(to) {
            return Ok(Err(RequestRefusal::Transition { from, to }));
        }
        match request_move {
            RequestMove::Cancel => {
                approvals::withdraw(&unit, org_id, id.into()).await?;
                cancel_tasks(&unit, &row).await?;
            }
            RequestMove::Fulfil => {
                let open = tasks_on(unit.conn(), org_id, id).await?.iter().filter(|t| !t.status.is_finished()).count();
                if open > 0 {
                    return Ok(Err(RequestRefusal::OpenTasks(open)));
                }
            }
        }
        let moved = RequestRecord::try_from(move_to(&unit, row, to, None).await?)?;
        unit.audit(AuditEntry::new("request.status_changed", id, json!({"from": from, "to": to})));
        unit.emit(status_changed(&moved, from));
        unit.commit().await?;
        Ok(Ok(moved))
    }

    /// Moves or assigns one of the request's tasks (only while the request
    /// is in progress). A task done may open the next stage; the last one
    /// fulfils the request.
    pub async fn edit_task(
        &self,
        id: RequestId,
        task_id: RequestTaskId,
        edit: TaskEdit,
        meta: &AuditMeta,
    ) -> StoreResult<Result<(RequestRecord, TaskRecord), RequestRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        // Tasks of one request take turns, so the last one done fulfils it once.
        let Some(row) = self.locked(&unit, id).await? else { return Ok(Err(RequestRefusal::NotFound)) };
        unit.restamp();
        let Some(task) = task_rows(&unit, id).await?.into_iter().find(|t| t.id == task_id.uuid()) else {
            return Ok(Err(RequestRefusal::TaskNotFound));
        };
        let from: TaskStatus = status_of(&task)?;
        let request_status: RequestStatus = row.status.parse().map_err(StoreError::Corrupt)?;
        let status = edit.status.filter(|s| *s != from);
        if let Some(to) = status
            && (!to.set_by_people() || !from.can_become(to) || request_status != RequestStatus::InProgress)
        {
            return Ok(Err(RequestRefusal::TaskTransition { from, to }));
        }
        let assignee = edit.assignee.filter(|a| *a != task.assignee_id.map(UserId::from_uuid));
        if let Some(Some(person)) = assignee
            && check_owner(unit.conn(), org_id, Some(person), None).await?.is_some()
        {
            return Ok(Err(RequestRefusal::NotAMember(person)));
        }
        let name = task.name.clone();
        let mut active: request_task::ActiveModel = task.clone().into();
        let mut changes = Vec::new();
        if let Some(to) = status {
            active.status = Set(to.key().to_owned());
            if to == TaskStatus::Done {
                active.done_at = Set(Some(unit.now()));
            }
            changes.push(format!("is now {}", to.key().replace('_', " ")));
        }
        if let Some(person) = assignee {
            active.assignee_id = Set(person.map(UserId::uuid));
            changes.push(match person {
                Some(person) => format!("assigned to {}", name_of(unit.conn(), person).await?),
                None => "unassigned".to_owned(),
            });
        }
        if changes.is_empty() {
            return Ok(Ok((RequestRecord::try_from(row)?, TaskRecord::try_from(task)?)));
        }
        active.updated_at = Set(unit.now());
        active.version = Set(task.version + 1);
        let updated = TaskRecord::try_from(active.update(unit.conn()).await?)?;
        let item = CatalogItemId::from_uuid(row.item_id);
        if let Some(to) = status {
            tell_task_clocks(&unit, &task, item, from, to).await?;
        }
        // Waiting on the requester pauses the request's clocks (where its
        // policy says so) until no task waits any more.
        if status == Some(TaskStatus::WaitingOnRequester) {
            sla::moved(&unit, RecordRef::from(id), &[ClockMove::Pause(TaskStatus::WaitingOnRequester.key())]).await?;
        } else if from == TaskStatus::WaitingOnRequester && status.is_some() {
            let waiting = task_rows(&unit, id).await?.iter().any(|t| t.status == TaskStatus::WaitingOnRequester.key());
            if !waiting {
                sla::moved(&unit, RecordRef::from(id), &[ClockMove::Resume]).await?;
            }
        }
        let body = format!("Task \"{name}\" {}", changes.join(", "));
        let detail = json!({"task": task_id, "from": from, "to": updated.status, "assignee": updated.assignee});
        unit.timeline(id.into(), Entry::new(TimelineKind::Task, body, detail)).await?;
        // The request's representation holds its tasks: its version moves with them.
        let request = if status == Some(TaskStatus::Done) && open_next_stage(&unit, id, item).await? {
            let fulfilled =
                RequestRecord::try_from(move_to(&unit, row, RequestStatus::Fulfilled, Some("every task done")).await?)?;
            unit.emit(status_changed(&fulfilled, request_status));
            fulfilled
        } else {
            let version = row.version;
            let mut active: service_request::ActiveModel = row.into();
            active.version = Set(version + 1);
            active.updated_at = Set(unit.now());
            RequestRecord::try_from(active.update(unit.conn()).await?)?
        };
        let summary = json!({"task": task_id, "from": from, "to": updated.status, "assignee": updated.assignee});
        unit.audit(AuditEntry::new("request.task_updated", id, summary));
        let mut data = request.event_data();
        data["task"] = json!({"id": task_id, "name": updated.name, "status": updated.status, "team": updated.team});
        unit.emit(DomainEvent::new(EventType::RequestTaskUpdated, id.into(), data));
        unit.commit().await?;
        Ok(Ok((request, updated)))
    }
}
