//! Knowledge base (module `knowledgeBase`): articles, including postmortems,
//! on the record kernel — numbered `KB-n`, versioned under `If-Match`,
//! idempotent creates, cursor lists, and the kernel's timeline and links;
//! their lifecycle (here), revisions and diffs (`revisions`), and search
//! over them, known errors and incidents (`search`, at `GET …/kb`).

mod action_items;
mod postmortems;
mod review;
mod revisions;
mod search;
mod settings;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::kernel::owner_refused;
use super::kernel::paging::{self, Page};
use super::kernel::records::{RecordRoutes, record_routes};
use super::kernel::versioned::{IdempotencyKey, IfMatch, Versioned, stale};
use super::tenant::{OrgContext, module_routes, portal_routes};
use crate::domain::knowledge::{ArticleKind, ArticleStatus, Visibility};
use crate::domain::org::Module;
use crate::domain::permissions::Action;
use crate::domain::records::RecordKind;
use crate::domain::text::{Checks, Labels, Markdown, Title};
use crate::error::{Error, FieldError, Result};
use crate::ids::{ArticleId, UserId};
use crate::store::{ArticleChange, ArticleRecord, ArticleRefusal, NewArticle, OrgStore};

const MAX_BODY_BYTES: usize = 256 * 1024;

/// The kernel's routes (timeline, notes, links) for articles.
pub const RECORDS: RecordRoutes = RecordRoutes {
    kind: RecordKind::Article,
    noun: "article",
    read: Action::ReadKnowledge,
    note: Action::WriteKnowledge,
    link: Action::WriteKnowledge,
    own: None,
};

record_routes!(article_records, super::RECORDS, "/api/orgs/{orgId}/kb/articles/{articleId}", "articleId", "knowledge");

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ArticleView {
    id: ArticleId,
    /// `KB-7`.
    number: String,
    title: String,
    /// Markdown.
    body: String,
    author_id: UserId,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    /// Send as `If-Match` (also in the `ETag` header) when changing it.
    version: i32,
    status: ArticleStatus,
    kind: ArticleKind,
    tags: Vec<String>,
    owner_id: Option<UserId>,
    visibility: Visibility,
    /// Due for review on this day.
    review_on: Option<NaiveDate>,
    /// Past its review date.
    stale: bool,
    /// The revision of `title` and `body`.
    revision: i32,
    /// The revision readers see (older published ones are `outdated`).
    published_revision: Option<i32>,
    /// A postmortem's incident.
    incident_id: Option<crate::ids::IncidentId>,
}

impl From<ArticleRecord> for ArticleView {
    fn from(a: ArticleRecord) -> Self {
        Self {
            id: a.id,
            number: a.number.to_string(),
            title: a.title,
            body: a.body,
            author_id: a.author_id,
            created_at: a.created_at,
            updated_at: a.updated_at,
            version: a.version,
            status: a.status,
            kind: a.kind,
            tags: a.tags,
            owner_id: a.owner,
            visibility: a.visibility,
            stale: a.review_on.is_some_and(|day| day < Utc::now().date_naive()),
            review_on: a.review_on,
            revision: a.revision,
            published_revision: a.published_revision,
            incident_id: a.incident,
        }
    }
}

pub(super) fn versioned(article: ArticleRecord, status: StatusCode) -> Versioned<ArticleView> {
    Versioned { status, version: article.version, body: article.into() }
}

fn body(text: String) -> std::result::Result<String, Vec<FieldError>> {
    Markdown::parse(text, "body", MAX_BODY_BYTES).map(Markdown::into_inner)
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateArticleRequest {
    title: String,
    body: String,
    #[serde(default)]
    tags: Vec<String>,
    owner_id: Option<UserId>,
    /// Default `internal`.
    visibility: Option<Visibility>,
    review_on: Option<NaiveDate>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateArticleRequest {
    title: Option<String>,
    body: Option<String>,
    /// What this save changed, kept with its revision.
    summary: Option<String>,
    tags: Option<Vec<String>>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "super::extract::present")]
    owner_id: Option<Option<UserId>>,
    visibility: Option<Visibility>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "super::extract::present")]
    review_on: Option<Option<NaiveDate>>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ArticleStatusRequest {
    /// `published` publishes the latest revision (also of a published article).
    status: ArticleStatus,
}

#[derive(Deserialize)]
pub(super) struct ArticlePath {
    #[serde(rename = "articleId")]
    article: String,
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ArticleListQuery {
    cursor: Option<String>,
    /// 1–100, default 25.
    limit: Option<u64>,
}

async fn find(scope: &OrgStore<'_>, reference: &str) -> Result<ArticleRecord> {
    scope.articles().find(reference).await?.ok_or(Error::NotFound("article"))
}

pub(super) fn refused(refusal: ArticleRefusal) -> Error {
    match refusal {
        ArticleRefusal::NotFound => Error::NotFound("article"),
        ArticleRefusal::Stale { current } => stale("article", current),
        ArticleRefusal::Move { from, to } => {
            Error::conflict("invalid-transition", format!("an article that is {from} cannot become {to}"))
        }
        ArticleRefusal::NothingToPublish => {
            Error::conflict("nothing-to-publish", "the latest revision is the published one")
        }
        ArticleRefusal::Owner(refusal) => owner_refused(refusal, "ownerId", "ownerTeam"),
        ArticleRefusal::IncidentNotResolved => {
            Error::conflict("incident-not-resolved", "a postmortem is written once its incident is resolved")
        }
        ArticleRefusal::NotAPostmortem => Error::conflict("not-a-postmortem", "action items belong to postmortems"),
        ArticleRefusal::NeedsReview => Error::conflict(
            "needs-review",
            "this organisation reviews articles before publishing: submit it for review (status in_review)",
        ),
        ArticleRefusal::InReviewAlready => Error::conflict("in-review", "the article's review is open already"),
        ArticleRefusal::Unmeetable(why) => Error::conflict("approval-unmeetable", why),
        ArticleRefusal::Vote(refusal) => review::vote_refused(refusal),
        ArticleRefusal::EmptySections(sections) => Error::conflict(
            "empty-sections",
            format!("a postmortem is published with its required sections written: {} empty", sections.join(", ")),
        ),
    }
}

/// Writes a draft knowledge-base article (revision 1). With an
/// `Idempotency-Key` header, a retry within 24 hours returns the article
/// the first request wrote.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/kb/articles", tag = "knowledge",
    params(("Idempotency-Key" = Option<String>, Header)),
    request_body = CreateArticleRequest,
    responses((status = 201, body = ArticleView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem))
)]
async fn create_article(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CreateArticleRequest>,
) -> Result<Versioned<ArticleView>> {
    org.require(Action::WriteKnowledge)?;
    let IdempotencyKey(key) = IdempotencyKey::from_headers(&headers)?;
    let mut checks = Checks::default();
    let title = checks.take(Title::parse(&request.title, "title"));
    let text = checks.take(body(request.body));
    let tags = checks.take(Labels::parse(&request.tags, "tags").map(Labels::into_inner));
    checks.finish().map_err(Error::Validation)?;
    let (Some(title), Some(body), Some(tags)) = (title, text, tags) else {
        return Err(Error::internal("checks passed without values"));
    };
    let new = NewArticle {
        title: title.into_inner(),
        body,
        author: org.current.user.id,
        kind: ArticleKind::Article,
        tags,
        owner: request.owner_id,
        visibility: request.visibility.unwrap_or(Visibility::Internal),
        review_on: request.review_on,
        incident: None,
    };
    let (article, _) = org.scope(&state).articles().create(new, key.as_deref(), &org.meta).await?.map_err(refused)?;
    Ok(versioned(article, StatusCode::CREATED))
}

/// Knowledge-base articles, newest first, in pages (opaque `cursor`).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/kb/articles", tag = "knowledge",
    params(ArticleListQuery),
    responses((status = 200, body = Page<ArticleView>), (status = 404, body = crate::error::Problem)),
)]
async fn list_articles(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<ArticleListQuery>,
) -> Result<Json<Page<ArticleView>>> {
    org.require(Action::ReadKnowledge)?;
    let limit = paging::limit(query.limit)?;
    let after = query.cursor.as_deref().map(paging::decode).transpose()?;
    let page = org.scope(&state).articles().list(after, limit).await?;
    Ok(Json(Page::new(page.articles.into_iter().map(Into::into).collect(), page.next)))
}

/// One article, by id (`kba_…`) or number (`7`, `KB-7`), with its `ETag`.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/kb/articles/{articleId}", tag = "knowledge",
    params(("articleId" = String, Path, description = "`kba_…`, `7` or `KB-7`")),
    responses((status = 200, body = ArticleView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)),
)]
async fn get_article(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ArticlePath>,
) -> Result<Versioned<ArticleView>> {
    if org.allows(Action::ReadKnowledge) {
        return Ok(versioned(find(&org.scope(&state), &path.article).await?, StatusCode::OK));
    }
    org.require(Action::UsePortal)?;
    Ok(versioned(portal_article(&org.scope(&state), &path.article).await?, StatusCode::OK))
}

/// A published portal article as requesters read it: its published
/// revision, whatever is being drafted since (404 for anything else).
async fn portal_article(scope: &OrgStore<'_>, reference: &str) -> Result<ArticleRecord> {
    let mut article = find(scope, reference).await?;
    let published = article
        .published_revision
        .filter(|_| article.status == ArticleStatus::Published && article.visibility == Visibility::Portal);
    let Some(published) = published else { return Err(Error::NotFound("article")) };
    if published != article.revision {
        let revision = scope.articles().revision(&article, published).await?.ok_or(Error::NotFound("article"))?;
        (article.title, article.body, article.revision) = (revision.title, revision.body, published);
    }
    Ok(article)
}

/// Changes an article. A new title or body is a new revision (a
/// published article stays as readers see it until that revision is
/// published). Requires `If-Match` with its current `ETag` (428 without,
/// 412 when stale).
#[utoipa::path(
    patch, path = "/api/orgs/{orgId}/kb/articles/{articleId}", tag = "knowledge",
    params(("articleId" = String, Path), ("If-Match" = String, Header)),
    request_body = UpdateArticleRequest,
    responses(
        (status = 200, body = ArticleView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
        (status = 428, body = crate::error::Problem),
    ),
)]
async fn update_article(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiPath(path): ApiPath<ArticlePath>,
    ApiJson(request): ApiJson<UpdateArticleRequest>,
) -> Result<Versioned<ArticleView>> {
    org.require(Action::WriteKnowledge)?;
    let IfMatch(version) = IfMatch::from_headers(&headers)?;
    let mut checks = Checks::default();
    let title = checks.take_some(request.title.as_deref().map(|t| Title::parse(t, "title").map(Title::into_inner)));
    let text = checks.take_some(request.body.map(body));
    let tags = checks.take_some(request.tags.map(|t| Labels::parse(&t, "tags").map(Labels::into_inner)));
    checks.finish().map_err(Error::Validation)?;
    let change = ArticleChange {
        title: title.flatten(),
        body: text.flatten(),
        summary: request.summary,
        tags: tags.flatten(),
        owner: request.owner_id,
        visibility: request.visibility,
        review_on: request.review_on,
    };
    let scope = org.scope(&state);
    let article = find(&scope, &path.article).await?;
    let updated = scope.articles().change(article.id, version, change, &org.meta).await?.map_err(refused)?;
    Ok(versioned(updated, StatusCode::OK))
}

/// Moves an article along `draft → in_review → published → retired`
/// (back to draft from review or retirement); `published` publishes its
/// latest revision, and the one readers saw before becomes outdated.
/// Requires `If-Match` (428 without, 412 when stale); 409 for a move the
/// lifecycle does not allow.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/kb/articles/{articleId}/status", tag = "knowledge",
    params(("articleId" = String, Path), ("If-Match" = String, Header)),
    request_body = ArticleStatusRequest,
    responses(
        (status = 200, body = ArticleView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem), (status = 428, body = crate::error::Problem),
    ),
)]
async fn move_article(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiPath(path): ApiPath<ArticlePath>,
    ApiJson(request): ApiJson<ArticleStatusRequest>,
) -> Result<Versioned<ArticleView>> {
    org.require(Action::WriteKnowledge)?;
    let IfMatch(version) = IfMatch::from_headers(&headers)?;
    let scope = org.scope(&state);
    let article = find(&scope, &path.article).await?;
    let moved = scope.articles().move_to(article.id, version, request.status, &org.meta).await?.map_err(refused)?;
    Ok(versioned(moved, StatusCode::OK))
}

pub fn routes() -> OpenApiRouter<AppState> {
    module_routes(
        Module::KnowledgeBase,
        OpenApiRouter::new()
            .routes(routes!(create_article, list_articles))
            .merge(portal_routes(OpenApiRouter::new().routes(routes!(get_article, update_article))))
            .routes(routes!(move_article))
            .merge(revisions::routes())
            .merge(postmortems::routes())
            .merge(action_items::routes())
            .merge(settings::routes())
            .merge(review::routes())
            .merge(portal_routes(search::routes()))
            .merge(article_records::routes()),
    )
}
