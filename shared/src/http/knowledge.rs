//! Knowledge base (module `knowledgeBase`): articles, including postmortems.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::{ApiJson, ApiPath};
use super::tenant::{OrgContext, module_routes};
use crate::domain::org::Module;
use crate::domain::permissions::Action;
use crate::error::{Error, FieldError, Result};
use crate::ids::{ArticleId, OrgId, UserId};
use crate::store::ArticleRecord;

const MAX_TITLE_CHARS: usize = 200;
const MAX_BODY_BYTES: usize = 256 * 1024;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ArticleView {
    id: ArticleId,
    title: String,
    /// Markdown.
    body: String,
    author_id: UserId,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<ArticleRecord> for ArticleView {
    fn from(a: ArticleRecord) -> Self {
        Self {
            id: a.id,
            title: a.title,
            body: a.body,
            author_id: a.author_id,
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ArticleList {
    data: Vec<ArticleView>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateArticleRequest {
    title: String,
    body: String,
}

#[derive(Deserialize)]
struct ArticlePath {
    #[serde(rename = "articleId")]
    article_id: ArticleId,
}

/// Writes a knowledge-base article.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/kb/articles", tag = "knowledge", params(("orgId" = OrgId, Path)),
    request_body = CreateArticleRequest,
    responses((status = 201, body = ArticleView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn create_article(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(body): ApiJson<CreateArticleRequest>,
) -> Result<(StatusCode, Json<ArticleView>)> {
    org.require(Action::WriteKnowledge)?;
    let title = body.title.trim().to_owned();
    let mut errors = Vec::new();
    if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
        errors.push(FieldError::new("title", format!("must be 1 to {MAX_TITLE_CHARS} characters")));
    }
    errors.extend(crate::domain::accounts::check_text(&body.title, "title").err());
    errors.extend(crate::domain::accounts::check_text(&body.body, "body").err());
    if body.body.len() > MAX_BODY_BYTES {
        errors.push(FieldError::new("body", format!("must be at most {MAX_BODY_BYTES} bytes")));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let article = org.scope(&state).create_article(title, body.body, org.current.user.id, &org.meta).await?;
    Ok((StatusCode::CREATED, Json(article.into())))
}

/// Knowledge-base articles, newest first.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/kb/articles", tag = "knowledge", params(("orgId" = OrgId, Path)),
    responses((status = 200, body = ArticleList), (status = 404, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn list_articles(State(state): State<AppState>, org: OrgContext) -> Result<Json<ArticleList>> {
    org.require(Action::ReadKnowledge)?;
    let articles = org.scope(&state).articles(100).await?;
    Ok(Json(ArticleList { data: articles.into_iter().map(Into::into).collect() }))
}

/// One article.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/kb/articles/{articleId}", tag = "knowledge",
    params(("orgId" = OrgId, Path), ("articleId" = ArticleId, Path)),
    responses((status = 200, body = ArticleView), (status = 404, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn get_article(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ArticlePath>,
) -> Result<Json<ArticleView>> {
    org.require(Action::ReadKnowledge)?;
    let article = org.scope(&state).article(path.article_id).await?.ok_or(Error::NotFound("article"))?;
    Ok(Json(article.into()))
}

pub fn routes() -> OpenApiRouter<AppState> {
    module_routes(
        Module::KnowledgeBase,
        OpenApiRouter::new().routes(routes!(create_article, list_articles)).routes(routes!(get_article)),
    )
}
