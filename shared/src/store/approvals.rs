//! The approvals engine's storage, for any record: an approval opens with
//! its steps' approvers resolved (people, team members, members with a
//! role; never the requester), takes votes on its current step, and moves
//! on or decides inside the voter's unit of work. The approval row is
//! locked while a vote is counted, so concurrent votes reach one outcome.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::entities::{approval, approval_approver, approval_step, approval_vote, membership, team_member};
use super::orgs::decode_roles;
use super::scope::scoped;
use super::unit::UnitOfWork;
use super::{OrgStore, StoreError, StoreResult};
use crate::domain::approvals::{ApprovalRule, ApprovalStatus, Decision, RuleKind, StepSpec, unmeetable};
use crate::domain::records::{RecordKind, RecordRef};
use crate::ids::{ApprovalId, OrgId, UserId};

#[derive(Debug, Clone)]
pub struct VoteRecord {
    pub user: UserId,
    pub decision: Decision,
    pub comment: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct StepRecord {
    pub name: String,
    pub rule: RuleKind,
    pub rule_value: Option<u32>,
    /// Approvals needed, and approvers eligible, as resolved when it opened.
    pub needed: u32,
    pub eligible: u32,
    pub status: ApprovalStatus,
    pub approvers: Vec<UserId>,
    pub votes: Vec<VoteRecord>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct ApprovalRecord {
    pub id: ApprovalId,
    pub subject: RecordRef,
    pub status: ApprovalStatus,
    /// The step votes go to now (0-based).
    pub current_step: usize,
    pub requested_by: UserId,
    pub steps: Vec<StepRecord>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

impl ApprovalRecord {
    /// Who may vote now: the current step's approvers who have not voted.
    pub fn pending_approvers(&self) -> Vec<UserId> {
        match self.steps.get(self.current_step) {
            Some(step) if self.status == ApprovalStatus::Pending => {
                step.approvers.iter().copied().filter(|u| !step.votes.iter().any(|v| v.user == *u)).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// A configured step with its approvers resolved.
#[derive(Debug, Clone)]
pub struct ResolvedStep {
    pub spec: StepSpec,
    pub rule: ApprovalRule,
    pub approvers: Vec<UserId>,
}

/// Why a vote was not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteRefusal {
    /// No approval of the record is pending.
    NothingPending,
    /// The voter asked for the record: no one approves their own.
    OwnRecord,
    /// The voter is not an approver of the current step.
    NotAnApprover,
    AlreadyVoted,
}

/// What a counted vote did.
#[derive(Debug, Clone)]
pub struct VoteOutcome {
    pub step: String,
    pub step_status: ApprovalStatus,
    pub approval_status: ApprovalStatus,
    /// The step that opened because the voted one was approved, and its approvers.
    pub next_step: Option<(String, Vec<UserId>)>,
}

/// Resolves configured steps to the people who may approve each: named
/// members, every member of the named teams, every member with a named
/// role — never `requester`. A step those people cannot meet is an `Err`
/// saying why, so nothing stalls waiting for votes that cannot come.
pub(super) async fn resolve_steps<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    steps: &[StepSpec],
    requester: UserId,
) -> StoreResult<Result<Vec<ResolvedStep>, String>> {
    let members = scoped::<membership::Entity>(org_id).all(conn).await?;
    let mut resolved = Vec::with_capacity(steps.len());
    for (i, spec) in steps.iter().enumerate() {
        let rule = spec.rule(&format!("step {i}")).map_err(|e| StoreError::Corrupt(e.detail))?;
        let mut approvers: BTreeSet<uuid::Uuid> = BTreeSet::new();
        for member in &members {
            let named = spec.approvers.users.iter().any(|u| u.uuid() == member.user_id);
            let by_role = decode_roles(&member.roles)?.iter().any(|role| spec.approvers.roles.contains(&role));
            if named || by_role {
                approvers.insert(member.user_id);
            }
        }
        if !spec.approvers.teams.is_empty() {
            let in_teams: Vec<uuid::Uuid> = scoped::<team_member::Entity>(org_id)
                .filter(team_member::Column::TeamId.is_in(spec.approvers.teams.iter().map(|t| t.uuid())))
                .select_only()
                .column(team_member::Column::UserId)
                .into_tuple()
                .all(conn)
                .await?;
            approvers.extend(in_teams);
        }
        approvers.remove(&requester.uuid());
        let approvers: Vec<UserId> = approvers.into_iter().map(UserId::from_uuid).collect();
        if let Some(why) = unmeetable(&spec.name, rule, approvers.len() as u32) {
            return Ok(Err(why));
        }
        resolved.push(ResolvedStep { spec: spec.clone(), rule, approvers });
    }
    Ok(Ok(resolved))
}

fn rule_value(rule: ApprovalRule) -> Option<i32> {
    match rule {
        ApprovalRule::Any | ApprovalRule::All => None,
        ApprovalRule::Count(n) | ApprovalRule::Percent(n) => i32::try_from(n).ok(),
    }
}

fn count(value: i32) -> u32 {
    u32::try_from(value).unwrap_or(0)
}

/// Opens an approval of `subject` through `steps` (at least one), in `unit`.
pub(super) async fn open(
    unit: &UnitOfWork<'_>,
    org_id: OrgId,
    subject: RecordRef,
    requester: UserId,
    steps: &[ResolvedStep],
) -> StoreResult<ApprovalId> {
    let id = ApprovalId::new();
    approval::ActiveModel {
        id: Set(id.uuid()),
        org_id: Set(org_id.uuid()),
        subject_kind: Set(subject.kind().key().to_owned()),
        subject_id: Set(subject.uuid()),
        requested_by: Set(requester.uuid()),
        status: Set(ApprovalStatus::Pending.key().to_owned()),
        current_step: Set(0),
        created_at: Set(unit.now()),
        decided_at: Set(None),
    }
    .insert(unit.conn())
    .await?;
    for (position, step) in steps.iter().enumerate() {
        let step_id = uuid::Uuid::now_v7();
        let eligible = step.approvers.len() as u32;
        approval_step::ActiveModel {
            id: Set(step_id),
            org_id: Set(org_id.uuid()),
            approval_id: Set(id.uuid()),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            name: Set(step.spec.name.trim().to_owned()),
            rule: Set(step.spec.rule.key().to_owned()),
            rule_value: Set(rule_value(step.rule)),
            needed: Set(i32::try_from(step.rule.needed(eligible)).unwrap_or(i32::MAX)),
            eligible: Set(i32::try_from(eligible).unwrap_or(i32::MAX)),
            status: Set(ApprovalStatus::Pending.key().to_owned()),
            decided_at: Set(None),
        }
        .insert(unit.conn())
        .await?;
        for user in &step.approvers {
            approval_approver::ActiveModel {
                org_id: Set(org_id.uuid()),
                step_id: Set(step_id),
                user_id: Set(user.uuid()),
            }
            .insert(unit.conn())
            .await?;
        }
    }
    Ok(id)
}

/// The pending approval of `subject`, locked for the rest of `unit`.
pub(super) async fn pending_locked<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    subject: RecordRef,
) -> StoreResult<Option<approval::Model>> {
    Ok(scoped::<approval::Entity>(org_id)
        .filter(approval::Column::SubjectKind.eq(subject.kind().key()))
        .filter(approval::Column::SubjectId.eq(subject.uuid()))
        .filter(approval::Column::Status.eq(ApprovalStatus::Pending.key()))
        .lock_exclusive()
        .one(conn)
        .await?)
}

/// Counts `voter`'s vote on the current step of `subject`'s pending
/// approval, and decides the step (and the approval) if the votes now do.
pub(super) async fn vote(
    unit: &UnitOfWork<'_>,
    org_id: OrgId,
    subject: RecordRef,
    voter: UserId,
    decision: Decision,
    comment: &str,
) -> StoreResult<Result<VoteOutcome, VoteRefusal>> {
    let conn = unit.conn();
    let Some(pending) = pending_locked(conn, org_id, subject).await? else {
        return Ok(Err(VoteRefusal::NothingPending));
    };
    if pending.requested_by == voter.uuid() {
        return Ok(Err(VoteRefusal::OwnRecord));
    }
    let steps = scoped::<approval_step::Entity>(org_id)
        .filter(approval_step::Column::ApprovalId.eq(pending.id))
        .order_by_asc(approval_step::Column::Position)
        .all(conn)
        .await?;
    let current = usize::try_from(pending.current_step).unwrap_or(usize::MAX);
    let step = steps.get(current).ok_or_else(|| StoreError::Corrupt("an approval's current step is missing".into()))?;
    let approver = scoped::<approval_approver::Entity>(org_id)
        .filter(approval_approver::Column::StepId.eq(step.id))
        .filter(approval_approver::Column::UserId.eq(voter.uuid()))
        .one(conn)
        .await?;
    if approver.is_none() {
        return Ok(Err(VoteRefusal::NotAnApprover));
    }
    let inserted = approval_vote::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        org_id: Set(org_id.uuid()),
        approval_id: Set(pending.id),
        step_id: Set(step.id),
        user_id: Set(voter.uuid()),
        decision: Set(decision.key().to_owned()),
        comment: Set(comment.to_owned()),
        created_at: Set(unit.now()),
    }
    .insert(conn)
    .await
    .map_err(StoreError::from_write);
    match inserted {
        Ok(_) => {}
        Err(StoreError::Duplicate(_)) => return Ok(Err(VoteRefusal::AlreadyVoted)),
        Err(other) => return Err(other),
    }
    let decisions: Vec<String> = scoped::<approval_vote::Entity>(org_id)
        .filter(approval_vote::Column::StepId.eq(step.id))
        .select_only()
        .column(approval_vote::Column::Decision)
        .into_tuple()
        .all(conn)
        .await?;
    let approvals = decisions.iter().filter(|d| *d == Decision::Approve.key()).count() as u32;
    let rejections = decisions.len() as u32 - approvals;
    let (needed, eligible) = (count(step.needed), count(step.eligible));
    let step_status = if approvals >= needed {
        ApprovalStatus::Approved
    } else if eligible.saturating_sub(rejections) < needed {
        ApprovalStatus::Rejected
    } else {
        ApprovalStatus::Pending
    };
    let mut outcome =
        VoteOutcome { step: step.name.clone(), step_status, approval_status: ApprovalStatus::Pending, next_step: None };
    if step_status == ApprovalStatus::Pending {
        return Ok(Ok(outcome));
    }
    let mut decided_step: approval_step::ActiveModel = step.clone().into();
    decided_step.status = Set(step_status.key().to_owned());
    decided_step.decided_at = Set(Some(unit.now()));
    decided_step.update(conn).await?;
    let next = steps.get(current + 1).filter(|_| step_status == ApprovalStatus::Approved);
    let mut row: approval::ActiveModel = pending.into();
    match next {
        Some(next) => {
            row.current_step = Set(next.position);
            outcome.next_step = Some((next.name.clone(), approvers_of(conn, org_id, next.id).await?));
        }
        None => {
            outcome.approval_status = step_status;
            row.status = Set(step_status.key().to_owned());
            row.decided_at = Set(Some(unit.now()));
        }
    }
    row.update(conn).await?;
    Ok(Ok(outcome))
}

/// Withdraws `subject`'s pending approval, if any (its record was
/// cancelled or sent back); `true` if there was one.
pub(super) async fn withdraw(unit: &UnitOfWork<'_>, org_id: OrgId, subject: RecordRef) -> StoreResult<bool> {
    let Some(pending) = pending_locked(unit.conn(), org_id, subject).await? else { return Ok(false) };
    let mut row: approval::ActiveModel = pending.into();
    row.status = Set(ApprovalStatus::Withdrawn.key().to_owned());
    row.decided_at = Set(Some(unit.now()));
    row.update(unit.conn()).await?;
    Ok(true)
}

async fn approvers_of<C: ConnectionTrait>(conn: &C, org_id: OrgId, step: uuid::Uuid) -> StoreResult<Vec<UserId>> {
    let users: Vec<uuid::Uuid> = scoped::<approval_approver::Entity>(org_id)
        .filter(approval_approver::Column::StepId.eq(step))
        .select_only()
        .column(approval_approver::Column::UserId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(users.into_iter().map(UserId::from_uuid).collect())
}

/// One organisation's approvals.
pub struct Approvals<'a> {
    scope: OrgStore<'a>,
}

impl<'a> OrgStore<'a> {
    pub fn approvals(&self) -> Approvals<'a> {
        Approvals { scope: *self }
    }
}

impl Approvals<'_> {
    /// `subject`'s latest approval, with its steps, approvers and votes.
    pub async fn latest(&self, subject: RecordRef) -> StoreResult<Option<ApprovalRecord>> {
        let (db, org_id) = (self.scope.db, self.scope.org_id);
        let Some(row) = scoped::<approval::Entity>(org_id)
            .filter(approval::Column::SubjectKind.eq(subject.kind().key()))
            .filter(approval::Column::SubjectId.eq(subject.uuid()))
            .order_by_desc(approval::Column::Id)
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        let steps = scoped::<approval_step::Entity>(org_id)
            .filter(approval_step::Column::ApprovalId.eq(row.id))
            .order_by_asc(approval_step::Column::Position)
            .all(db)
            .await?;
        let votes = scoped::<approval_vote::Entity>(org_id)
            .filter(approval_vote::Column::ApprovalId.eq(row.id))
            .order_by_asc(approval_vote::Column::Id)
            .all(db)
            .await?;
        let mut records = Vec::with_capacity(steps.len());
        for step in steps {
            let votes = votes
                .iter()
                .filter(|v| v.step_id == step.id)
                .map(|v| {
                    Ok(VoteRecord {
                        user: UserId::from_uuid(v.user_id),
                        decision: v.decision.parse().map_err(StoreError::Corrupt)?,
                        comment: v.comment.clone(),
                        created_at: v.created_at,
                    })
                })
                .collect::<StoreResult<Vec<_>>>()?;
            records.push(StepRecord {
                approvers: approvers_of(db, org_id, step.id).await?,
                name: step.name,
                rule: step.rule.parse().map_err(StoreError::Corrupt)?,
                rule_value: step.rule_value.and_then(|v| u32::try_from(v).ok()),
                needed: count(step.needed),
                eligible: count(step.eligible),
                status: step.status.parse().map_err(StoreError::Corrupt)?,
                votes,
                decided_at: step.decided_at,
            });
        }
        Ok(Some(ApprovalRecord {
            id: ApprovalId::from_uuid(row.id),
            subject,
            status: row.status.parse().map_err(StoreError::Corrupt)?,
            current_step: usize::try_from(row.current_step).unwrap_or(0),
            requested_by: UserId::from_uuid(row.requested_by),
            steps: records,
            created_at: row.created_at,
            decided_at: row.decided_at,
        }))
    }

    /// Records of `kind` whose pending approval waits on `user`'s vote now.
    pub async fn awaiting(&self, user: UserId, kind: RecordKind) -> StoreResult<Vec<RecordRef>> {
        let (db, org_id) = (self.scope.db, self.scope.org_id);
        let steps: Vec<uuid::Uuid> = scoped::<approval_approver::Entity>(org_id)
            .filter(approval_approver::Column::UserId.eq(user.uuid()))
            .select_only()
            .column(approval_approver::Column::StepId)
            .into_tuple()
            .all(db)
            .await?;
        if steps.is_empty() {
            return Ok(Vec::new());
        }
        let open_steps = scoped::<approval_step::Entity>(org_id)
            .filter(approval_step::Column::Id.is_in(steps))
            .filter(approval_step::Column::Status.eq(ApprovalStatus::Pending.key()))
            .all(db)
            .await?;
        let voted: Vec<uuid::Uuid> = scoped::<approval_vote::Entity>(org_id)
            .filter(approval_vote::Column::UserId.eq(user.uuid()))
            .filter(approval_vote::Column::StepId.is_in(open_steps.iter().map(|s| s.id)))
            .select_only()
            .column(approval_vote::Column::StepId)
            .into_tuple()
            .all(db)
            .await?;
        let approvals = scoped::<approval::Entity>(org_id)
            .filter(approval::Column::Id.is_in(open_steps.iter().map(|s| s.approval_id)))
            .filter(approval::Column::Status.eq(ApprovalStatus::Pending.key()))
            .filter(approval::Column::SubjectKind.eq(kind.key()))
            .order_by_asc(approval::Column::Id)
            .all(db)
            .await?;
        Ok(approvals
            .into_iter()
            .filter(|a| {
                open_steps
                    .iter()
                    .any(|s| s.approval_id == a.id && s.position == a.current_step && !voted.contains(&s.id))
            })
            .map(|a| RecordRef::stored(kind, a.subject_id))
            .collect())
    }
}
