//! Knowledge base (module `knowledgeBase`): articles, including postmortems,
//! on the record kernel — numbered `KB-n`, versioned under `If-Match`,
//! idempotent creates, cursor lists, and the kernel's timeline and links.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::kernel::paging::{self, Page};
use super::kernel::records::{RecordRoutes, record_routes};
use super::kernel::versioned::{IdempotencyKey, IfMatch, Versioned, stale};
use super::tenant::{OrgContext, module_routes};
use crate::domain::org::Module;
use crate::domain::permissions::Action;
use crate::domain::records::RecordKind;
use crate::domain::text::{Checks, Markdown, Title};
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
        }
    }
}

fn versioned(article: ArticleRecord, status: StatusCode) -> Versioned<ArticleView> {
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
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateArticleRequest {
    title: Option<String>,
    body: Option<String>,
}

#[derive(Deserialize)]
struct ArticlePath {
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

/// Writes a knowledge-base article. With an `Idempotency-Key` header, a
/// retry within 24 hours returns the article the first request wrote.
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
    checks.finish().map_err(Error::Validation)?;
    let (Some(title), Some(body)) = (title, text) else {
        return Err(Error::internal("checks passed without values"));
    };
    let new = NewArticle { title: title.into_inner(), body, author: org.current.user.id };
    let (article, _) = org.scope(&state).articles().create(new, key.as_deref(), &org.meta).await?;
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
    org.require(Action::ReadKnowledge)?;
    Ok(versioned(find(&org.scope(&state), &path.article).await?, StatusCode::OK))
}

/// Changes an article's title or body. Requires `If-Match` with its
/// current `ETag` (428 without, 412 when stale).
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
    checks.finish().map_err(Error::Validation)?;
    let change = ArticleChange { title: title.flatten(), body: text.flatten() };
    let scope = org.scope(&state);
    let article = find(&scope, &path.article).await?;
    match scope.articles().change(article.id, version, change, &org.meta).await? {
        Ok(updated) => Ok(versioned(updated, StatusCode::OK)),
        Err(ArticleRefusal::NotFound) => Err(Error::NotFound("article")),
        Err(ArticleRefusal::Stale { current }) => Err(stale("article", current)),
    }
}

pub fn routes() -> OpenApiRouter<AppState> {
    module_routes(
        Module::KnowledgeBase,
        OpenApiRouter::new()
            .routes(routes!(create_article, list_articles))
            .routes(routes!(get_article, update_article))
            .merge(article_records::routes()),
    )
}
