//! Review before publishing, when the organisation asks for it: submitting
//! an article (a draft, or a published one's newer revision) opens an
//! approval through the approvals engine; the approvers' votes publish it
//! or send it back. A new revision written meanwhile withdraws the review,
//! so what is approved is what is published.

use serde_json::json;

use super::{ArticleRecord, ArticleRefusal, Articles, apply_move, refuse_move, unwritten_sections};
use crate::domain::approvals::{ApprovalStatus, Decision, StepSpec};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::knowledge::ArticleStatus;
use crate::domain::postmortem::Section;
use crate::domain::records::RecordRef;
use crate::ids::{ArticleId, UserId};
use crate::store::StoreResult;
use crate::store::approvals;
use crate::store::entities::kb_article;
use crate::store::unit::UnitOfWork;

impl Articles<'_> {
    /// Opens the review of the article's latest revision: a draft moves to
    /// in review; a published article stays as readers see it meanwhile.
    pub(super) async fn submit_for_review(
        &self,
        mut unit: UnitOfWork<'_>,
        before: kb_article::Model,
        template: &[Section],
        step: &StepSpec,
    ) -> StoreResult<Result<ArticleRecord, ArticleRefusal>> {
        let org_id = self.scope.org_id;
        let old = ArticleRecord::try_from(before.clone())?;
        let target =
            if old.status == ArticleStatus::Published { ArticleStatus::Published } else { ArticleStatus::InReview };
        if let Some(refusal) = refuse_move(&old, target).or_else(|| unwritten_sections(&old, template)) {
            return Ok(Err(refusal));
        }
        let subject = RecordRef::from(old.id);
        if approvals::pending_locked(unit.conn(), org_id, subject).await?.is_some() {
            return Ok(Err(ArticleRefusal::InReviewAlready));
        }
        let requester = unit.actor().unwrap_or(old.author_id);
        let steps = match approvals::resolve_steps(unit.conn(), org_id, std::slice::from_ref(step), requester).await? {
            Ok(steps) => steps,
            Err(why) => return Ok(Err(ArticleRefusal::Unmeetable(why))),
        };
        approvals::open(&unit, org_id, subject, requester, &steps).await?;
        let updated = if target == ArticleStatus::InReview {
            apply_move(&mut unit, before, ArticleStatus::InReview).await?
        } else {
            old.clone()
        };
        let summary = json!({"revision": old.revision, "approvers": steps[0].approvers});
        unit.audit(AuditEntry::new("article.review_requested", old.id, summary));
        unit.commit().await?;
        Ok(Ok(updated))
    }

    /// Counts `voter`'s vote on the article's open review: approved, its
    /// latest revision is published; rejected, a draft in review goes back
    /// to draft (a published article stays as it was).
    pub async fn vote(
        &self,
        id: ArticleId,
        voter: UserId,
        decision: Decision,
        comment: &str,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ArticleRecord, ArticleRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let before = match self.locked(&unit, id, None).await? {
            Ok(before) => before,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let outcome = match approvals::vote(&unit, org_id, id.into(), voter, decision, comment).await? {
            Ok(outcome) => outcome,
            Err(refusal) => return Ok(Err(ArticleRefusal::Vote(refusal))),
        };
        let old = ArticleRecord::try_from(before.clone())?;
        let updated = match outcome.approval_status {
            ApprovalStatus::Approved => apply_move(&mut unit, before, ArticleStatus::Published).await?,
            ApprovalStatus::Rejected if old.status == ArticleStatus::InReview => {
                apply_move(&mut unit, before, ArticleStatus::Draft).await?
            }
            _ => old,
        };
        let summary = json!({"decision": decision, "comment": comment, "approval": outcome.approval_status});
        unit.audit(AuditEntry::new("article.voted", id, summary));
        unit.commit().await?;
        Ok(Ok(updated))
    }
}

/// A new revision of an article under review withdraws the review (a draft
/// in review becomes a draft again), so approvers never approve text they
/// did not read. Returns whether there was one.
pub(super) async fn withdraw_review(unit: &UnitOfWork<'_>, article: ArticleId) -> StoreResult<bool> {
    approvals::withdraw(unit, unit.org_id(), article.into()).await
}
