//! An approval as any record's page shows it: its steps in sequence, each
//! step's rule, approvers and votes, and who may still vote. Written once
//! for the approvals engine, whatever record it decides.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::approvals::{ApprovalStatus, Decision, RuleKind};
use crate::domain::text::Markdown;
use crate::error::{Error, Result};
use crate::ids::UserId;
use crate::store::ApprovalRecord;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VoteView {
    user: UserId,
    decision: Decision,
    comment: String,
    created_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StepView {
    name: String,
    rule: RuleKind,
    /// The `count` or `percent` of the rule.
    rule_value: Option<u32>,
    /// Approvals needed, among `approvers` (the requester never approves).
    needed: u32,
    status: ApprovalStatus,
    approvers: Vec<UserId>,
    votes: Vec<VoteView>,
    decided_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalView {
    status: ApprovalStatus,
    /// The step votes go to now (0-based).
    current_step: usize,
    steps: Vec<StepView>,
    /// Who may still vote on the current step.
    pending_approvers: Vec<UserId>,
}

impl From<ApprovalRecord> for ApprovalView {
    fn from(a: ApprovalRecord) -> Self {
        let pending_approvers = a.pending_approvers();
        let steps = a
            .steps
            .into_iter()
            .map(|s| StepView {
                name: s.name,
                rule: s.rule,
                rule_value: s.rule_value,
                needed: s.needed,
                status: s.status,
                approvers: s.approvers,
                votes: s
                    .votes
                    .into_iter()
                    .map(|v| VoteView {
                        user: v.user,
                        decision: v.decision,
                        comment: v.comment,
                        created_at: v.created_at,
                    })
                    .collect(),
                decided_at: s.decided_at,
            })
            .collect();
        Self { status: a.status, current_step: a.current_step, steps, pending_approvers }
    }
}

/// A vote on the current step of a record's approval.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VoteRequest {
    pub decision: Decision,
    /// Markdown, at most 4 KiB.
    #[serde(default)]
    comment: String,
}

impl VoteRequest {
    /// The comment, checked.
    pub fn comment(&self) -> Result<String> {
        Ok(Markdown::parse(self.comment.clone(), "comment", 4096).map_err(Error::Validation)?.into_inner())
    }
}
