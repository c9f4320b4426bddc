//! An article's revisions: who saved what and when, any one of them whole,
//! and the line diff between two.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{ArticlePath, find};
use crate::domain::knowledge::{DiffLine, RevisionState, line_diff};
use crate::domain::permissions::Action;
use crate::error::{Error, Result};
use crate::http::AppState;
use crate::http::extract::{ApiPath, ApiQuery};
use crate::http::tenant::OrgContext;
use crate::ids::UserId;
use crate::store::RevisionRecord;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RevisionView {
    revision: i32,
    title: String,
    /// Markdown; absent in the list.
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    summary: String,
    author_id: UserId,
    created_at: DateTime<Utc>,
    published_at: Option<DateTime<Utc>>,
    state: RevisionState,
}

impl RevisionView {
    fn new(revision: RevisionRecord, with_body: bool) -> Self {
        Self {
            revision: revision.revision,
            title: revision.title,
            body: with_body.then_some(revision.body),
            summary: revision.summary,
            author_id: revision.author_id,
            created_at: revision.created_at,
            published_at: revision.published_at,
            state: revision.state,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct RevisionList {
    data: Vec<RevisionView>,
}

#[derive(Deserialize)]
struct RevisionPath {
    #[serde(rename = "articleId")]
    article: String,
    revision: i32,
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DiffQuery {
    /// The revision to compare with; default the one before.
    against: Option<i32>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RevisionDiff {
    from: i32,
    to: i32,
    title: Vec<DiffLine>,
    body: Vec<DiffLine>,
}

/// An article's revisions, newest first: each `published` (readers see
/// it), `outdated` (they did) or `draft`.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/kb/articles/{articleId}/revisions", tag = "knowledge",
    params(("articleId" = String, Path)),
    responses((status = 200, body = RevisionList), (status = 404, body = crate::error::Problem)),
)]
async fn list_revisions(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ArticlePath>,
) -> Result<Json<RevisionList>> {
    org.require(Action::ReadKnowledge)?;
    let scope = org.scope(&state);
    let article = find(&scope, &path.article).await?;
    let revisions = scope.articles().revisions(&article).await?;
    Ok(Json(RevisionList { data: revisions.into_iter().map(|r| RevisionView::new(r, false)).collect() }))
}

/// One revision, whole.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/kb/articles/{articleId}/revisions/{revision}", tag = "knowledge",
    params(("articleId" = String, Path), ("revision" = i32, Path)),
    responses((status = 200, body = RevisionView), (status = 404, body = crate::error::Problem)),
)]
async fn get_revision(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<RevisionPath>,
) -> Result<Json<RevisionView>> {
    org.require(Action::ReadKnowledge)?;
    let scope = org.scope(&state);
    let article = find(&scope, &path.article).await?;
    let revision = scope.articles().revision(&article, path.revision).await?.ok_or(Error::NotFound("revision"))?;
    Ok(Json(RevisionView::new(revision, true)))
}

/// The line diff of a revision's title and body against another (by
/// default the one before it; revision 1 against nothing).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/kb/articles/{articleId}/revisions/{revision}/diff", tag = "knowledge",
    params(("articleId" = String, Path), ("revision" = i32, Path), DiffQuery),
    responses((status = 200, body = RevisionDiff), (status = 404, body = crate::error::Problem)),
)]
async fn diff_revision(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<RevisionPath>,
    ApiQuery(query): ApiQuery<DiffQuery>,
) -> Result<Json<RevisionDiff>> {
    org.require(Action::ReadKnowledge)?;
    let scope = org.scope(&state);
    let article = find(&scope, &path.article).await?;
    let articles = scope.articles();
    let to = articles.revision(&article, path.revision).await?.ok_or(Error::NotFound("revision"))?;
    let from_number = query.against.unwrap_or(path.revision - 1);
    let from = match from_number {
        0 => None,
        n => Some(articles.revision(&article, n).await?.ok_or(Error::NotFound("revision"))?),
    };
    let (from_title, from_body) = from.map(|r| (r.title, r.body)).unwrap_or_default();
    Ok(Json(RevisionDiff {
        from: from_number,
        to: to.revision,
        title: line_diff(&from_title, &to.title),
        body: line_diff(&from_body, &to.body),
    }))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_revisions)).routes(routes!(get_revision)).routes(routes!(diff_revision))
}
