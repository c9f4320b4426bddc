//! Review before publishing (when the organisation's settings ask for
//! it): the article's approval, and the approvers' votes.

use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{ArticlePath, ArticleView, find, refused, versioned};
use crate::domain::permissions::Action;
use crate::error::{Error, Result};
use crate::http::AppState;
use crate::http::approvals::{ApprovalView, VoteRequest};
use crate::http::extract::{ApiJson, ApiPath};
use crate::http::kernel::versioned::Versioned;
use crate::http::tenant::OrgContext;
use crate::store::VoteRefusal;

pub(super) fn vote_refused(refusal: VoteRefusal) -> Error {
    match refusal {
        VoteRefusal::NothingPending => Error::conflict("no-pending-approval", "the article is not in review"),
        VoteRefusal::OwnRecord => Error::Forbidden("no one approves their own article: you submitted it".to_owned()),
        VoteRefusal::NotAnApprover => Error::Forbidden("you are not a reviewer of this article".to_owned()),
        VoteRefusal::AlreadyVoted => Error::conflict("already-voted", "you have voted on this review already"),
    }
}

/// The article's latest review: its step, approvers and votes (404 if it
/// was never submitted for review).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/kb/articles/{articleId}/approval", tag = "knowledge",
    params(("articleId" = String, Path)),
    responses((status = 200, body = ApprovalView), (status = 404, body = crate::error::Problem)),
)]
async fn get_approval(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ArticlePath>,
) -> Result<axum::Json<ApprovalView>> {
    org.require(Action::ReadKnowledge)?;
    let scope = org.scope(&state);
    let article = find(&scope, &path.article).await?;
    let approval = scope.approvals().latest(article.id.into()).await?.ok_or(Error::NotFound("approval"))?;
    Ok(axum::Json(approval.into()))
}

/// Approves or rejects the article's open review, as one of its reviewers
/// (403 otherwise, and always for whoever submitted it). Approved, its
/// latest revision is published; rejected, a draft goes back to draft.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/kb/articles/{articleId}/votes", tag = "knowledge",
    params(("articleId" = String, Path)),
    request_body = VoteRequest,
    responses(
        (status = 200, body = ArticleView, headers(("ETag" = String))), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    ),
)]
async fn vote_on_article(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ArticlePath>,
    ApiJson(request): ApiJson<VoteRequest>,
) -> Result<Versioned<ArticleView>> {
    org.require(Action::ReadKnowledge)?;
    let comment = request.comment()?;
    let scope = org.scope(&state);
    let article = find(&scope, &path.article).await?;
    let voted = scope
        .articles()
        .vote(article.id, org.current.user.id, request.decision, &comment, &org.meta)
        .await?
        .map_err(refused)?;
    Ok(versioned(voted, StatusCode::OK))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_approval)).routes(routes!(vote_on_article))
}
