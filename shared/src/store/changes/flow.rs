//! A change's way through its lifecycle: submitted to the approvals its
//! type needs (none for standard changes), voted on, scheduled (never
//! inside a freeze unless an emergency), implemented, finished, closed.
//! Every move is one unit of work: the change, its approval, its timeline,
//! the audit entry and the events.

use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;

use super::super::approvals::{self, VoteOutcome, VoteRefusal, resolve_steps};
use super::super::entities::change;
use super::super::records::{DomainEvent, Entry, TimelineKind, locked_row_of};
use super::super::unit::UnitOfWork;
use super::super::{OrgStore, StoreResult};
use super::calendar::{FreezeRecord, freeze_over};
use super::{ChangeRecord, Changes, policy};
use crate::domain::approvals::{ApprovalStatus, Decision};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::changes::{ChangeStatus, ChangeType};
use crate::domain::events::EventType;
use crate::domain::lifecycle::Lifecycle;
use crate::ids::{ChangeId, UserId};

/// Why a move was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowRefusal {
    NotFound,
    Stale {
        current: i32,
    },
    Transition {
        from: ChangeStatus,
        to: ChangeStatus,
    },
    /// Only the approvals move a change there (submit it, or vote).
    DecidedByApprovals(ChangeStatus),
    /// Scheduling needs a planned window.
    NoWindow,
    /// A non-emergency change cannot be scheduled inside a freeze.
    Frozen(FreezeRecord),
    /// An approval step its approvers cannot meet, in words.
    Unmeetable(String),
    Vote(VoteRefusal),
}

/// A counted vote: the change as it is now, and what the vote decided.
#[derive(Debug, Clone)]
pub struct Voted {
    pub change: ChangeRecord,
    pub outcome: VoteOutcome,
}

/// The change `id`, locked for the rest of `unit` (changes of one change
/// take turns; others do not wait); the write is stamped after the wait.
pub(super) async fn locked(
    unit: &UnitOfWork<'_>,
    scope: &OrgStore<'_>,
    id: ChangeId,
) -> StoreResult<Option<change::Model>> {
    locked_row_of::<change::Entity, _>(unit.conn(), scope.org_id, id.uuid()).await
}

/// Moves `row` to `status` with its timeline entry; the caller commits.
async fn move_to(
    unit: &UnitOfWork<'_>,
    row: change::Model,
    status: ChangeStatus,
    why: Option<&str>,
) -> StoreResult<ChangeRecord> {
    let from = row.status.clone();
    let mut active: change::ActiveModel = row.clone().into();
    active.status = Set(status.key().to_owned());
    if matches!(status, ChangeStatus::Completed | ChangeStatus::Failed) {
        active.completed_at = Set(Some(unit.now()));
    }
    active.version = Set(row.version + 1);
    active.updated_at = Set(unit.now());
    let updated = ChangeRecord::try_from(active.update(unit.conn()).await?)?;
    let body = match why {
        Some(why) => format!("Status changed from {from} to {status}: {why}"),
        None => format!("Status changed from {from} to {status}"),
    };
    unit.timeline(updated.id.into(), Entry::new(TimelineKind::StatusChange, body, json!({"from": from, "to": status})))
        .await?;
    Ok(updated)
}

fn approval_requested(change: &ChangeRecord, step: &str, approvers: &[UserId]) -> DomainEvent {
    let mut data = change.event_data();
    data["step"] = json!(step);
    data["approvers"] = json!(approvers);
    DomainEvent::new(EventType::ChangeApprovalRequested, change.id.into(), data)
}

impl Changes<'_> {
    /// Submits a draft: through the approval its type needs, or, with
    /// none (standard changes, or a board with no steps), approved at once.
    pub async fn submit(
        &self,
        id: ChangeId,
        expected_version: Option<i32>,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ChangeRecord, FlowRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let Some(row) = locked(&unit, &self.scope, id).await? else { return Ok(Err(FlowRefusal::NotFound)) };
        unit.restamp();
        if expected_version.is_some_and(|v| v != row.version) {
            return Ok(Err(FlowRefusal::Stale { current: row.version }));
        }
        let current = ChangeRecord::try_from(row.clone())?;
        if !current.status.can_become(ChangeStatus::Submitted) {
            return Ok(Err(FlowRefusal::Transition { from: current.status, to: ChangeStatus::Submitted }));
        }
        let policy = policy::policy_on(unit.conn(), org_id).await?;
        let steps =
            match resolve_steps(unit.conn(), org_id, policy.approvals_for(current.change_type), current.requested_by)
                .await?
            {
                Ok(steps) => steps,
                Err(why) => return Ok(Err(FlowRefusal::Unmeetable(why))),
            };
        let submitted = move_to(&unit, row, ChangeStatus::Submitted, None).await?;
        let reread = locked(&unit, &self.scope, id)
            .await?
            .ok_or_else(|| crate::store::StoreError::Corrupt("a change vanished".into()))?;
        let updated = match steps.first() {
            None => {
                let why = match current.change_type {
                    ChangeType::Standard => "a standard change is pre-approved",
                    _ => "its board has no approval steps",
                };
                move_to(&unit, reread, ChangeStatus::Approved, Some(why)).await?
            }
            Some(first) => {
                approvals::open(&unit, org_id, id.into(), current.requested_by, &steps).await?;
                let updated = move_to(&unit, reread, ChangeStatus::AwaitingApproval, None).await?;
                unit.emit(approval_requested(&updated, &first.spec.name, &first.approvers));
                updated
            }
        };
        let summary = json!({"status": updated.status, "steps": steps.len(), "from": submitted.status});
        unit.audit(AuditEntry::new("change.submitted", id, summary));
        unit.emit(updated.event(EventType::ChangeStatusChanged));
        unit.commit().await?;
        Ok(Ok(updated))
    }

    /// Counts `voter`'s vote on the change's current approval step; the
    /// step, then the approval, decide as soon as the votes do, and the
    /// change becomes approved or rejected with it.
    pub async fn vote(
        &self,
        id: ChangeId,
        voter: UserId,
        decision: Decision,
        comment: &str,
        meta: &AuditMeta,
    ) -> StoreResult<Result<Voted, FlowRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let Some(row) = locked(&unit, &self.scope, id).await? else { return Ok(Err(FlowRefusal::NotFound)) };
        unit.restamp();
        let status: ChangeStatus = row.status.parse().map_err(crate::store::StoreError::Corrupt)?;
        if status != ChangeStatus::AwaitingApproval {
            return Ok(Err(FlowRefusal::Vote(VoteRefusal::NothingPending)));
        }
        let outcome = match approvals::vote(&unit, org_id, id.into(), voter, decision, comment).await? {
            Ok(outcome) => outcome,
            Err(refusal) => return Ok(Err(FlowRefusal::Vote(refusal))),
        };
        let verb = if decision == Decision::Approve { "approved" } else { "rejected" };
        let mut body = format!("{} {verb} (step {})", meta.actor_label, outcome.step);
        if !comment.is_empty() {
            body.push_str(&format!(": {comment}"));
        }
        let detail = json!({"decision": decision, "step": outcome.step, "comment": comment});
        unit.timeline(id.into(), Entry::new(TimelineKind::Approval, body, detail)).await?;
        let change = match outcome.approval_status {
            ApprovalStatus::Approved => {
                move_to(&unit, row, ChangeStatus::Approved, Some("every approval step approved")).await?
            }
            ApprovalStatus::Rejected => {
                let why = format!("step {} rejected", outcome.step);
                move_to(&unit, row, ChangeStatus::Rejected, Some(&why)).await?
            }
            ApprovalStatus::Pending | ApprovalStatus::Withdrawn => ChangeRecord::try_from(row)?,
        };
        if let Some((step, approvers)) = &outcome.next_step {
            unit.emit(approval_requested(&change, step, approvers));
        }
        let summary = json!({"decision": decision, "step": outcome.step, "stepStatus": outcome.step_status,
                             "approval": outcome.approval_status, "comment": comment});
        unit.audit(AuditEntry::new("change.voted", id, summary));
        let mut data = change.event_data();
        data["decision"] = json!(decision);
        data["voter"] = json!(voter);
        unit.emit(DomainEvent::new(EventType::ChangeVoted, id.into(), data));
        if outcome.approval_status != ApprovalStatus::Pending {
            unit.emit(change.event(EventType::ChangeStatusChanged));
        }
        unit.commit().await?;
        Ok(Ok(Voted { change, outcome }))
    }

    /// A person's move: schedule (needs a window, and no freeze over it
    /// unless an emergency), implement, finish, cancel, close, or send a
    /// rejected change back to draft.
    pub async fn transition(
        &self,
        id: ChangeId,
        expected_version: Option<i32>,
        to: ChangeStatus,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ChangeRecord, FlowRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let Some(row) = locked(&unit, &self.scope, id).await? else { return Ok(Err(FlowRefusal::NotFound)) };
        unit.restamp();
        if expected_version.is_some_and(|v| v != row.version) {
            return Ok(Err(FlowRefusal::Stale { current: row.version }));
        }
        let current = ChangeRecord::try_from(row.clone())?;
        if to.decided_by_approvals() {
            return Ok(Err(FlowRefusal::DecidedByApprovals(to)));
        }
        if !current.status.can_become(to) {
            return Ok(Err(FlowRefusal::Transition { from: current.status, to }));
        }
        if to == ChangeStatus::Scheduled {
            let Some(window) = current.window else { return Ok(Err(FlowRefusal::NoWindow)) };
            if current.change_type != ChangeType::Emergency
                && let Some(freeze) = freeze_over(unit.conn(), org_id, id, window).await?
            {
                return Ok(Err(FlowRefusal::Frozen(freeze)));
            }
        }
        if matches!(to, ChangeStatus::Cancelled | ChangeStatus::Draft) {
            approvals::withdraw(&unit, org_id, id.into()).await?;
        }
        let updated = move_to(&unit, row, to, None).await?;
        unit.audit(AuditEntry::new("change.status_changed", id, json!({"from": current.status, "to": to})));
        unit.emit(updated.event(EventType::ChangeStatusChanged));
        unit.commit().await?;
        Ok(Ok(updated))
    }
}
