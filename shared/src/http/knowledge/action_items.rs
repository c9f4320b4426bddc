//! A postmortem's action items (owner, due date, open or done), each able
//! to become a problem or a change in one call, linked to the postmortem
//! (and a problem to the incident it caused); and the follow-ups the
//! dashboard shows: items past due, major incidents without a published
//! postmortem.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{ArticlePath, find, refused};
use crate::domain::changes::ChangeType;
use crate::domain::incidents::Severity;
use crate::domain::org::Module;
use crate::domain::permissions::Action;
use crate::domain::postmortem::ActionItemStatus;
use crate::domain::problems::Priority;
use crate::domain::records::RecordRef;
use crate::domain::text::{Checks, Title};
use crate::error::{Error, Result};
use crate::http::AppState;
use crate::http::extract::{ApiJson, ApiPath};
use crate::http::kernel::versioned::{IfMatch, Versioned};
use crate::http::tenant::OrgContext;
use crate::ids::{ActionItemId, IncidentId, UserId};
use crate::store::{ActionItemChange, ActionItemRecord, LinkRelation, NewActionItem, NewChange, NewProblem};

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActionItemView {
    id: ActionItemId,
    title: String,
    owner_id: Option<UserId>,
    due_on: Option<NaiveDate>,
    status: ActionItemStatus,
    /// The problem or change it became (`prb_…`, `chg_…`).
    record: Option<RecordRef>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    /// Send as `If-Match` when changing it.
    version: i32,
}

impl From<ActionItemRecord> for ActionItemView {
    fn from(item: ActionItemRecord) -> Self {
        Self {
            id: item.id,
            title: item.title,
            owner_id: item.owner,
            due_on: item.due_on,
            status: item.status,
            record: item.record,
            created_at: item.created_at,
            updated_at: item.updated_at,
            version: item.version,
        }
    }
}

fn versioned(item: ActionItemRecord, status: StatusCode) -> Versioned<ActionItemView> {
    Versioned { status, version: item.version, body: item.into() }
}

#[derive(Serialize, ToSchema)]
pub struct ActionItemList {
    data: Vec<ActionItemView>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateActionItemRequest {
    title: String,
    owner_id: Option<UserId>,
    due_on: Option<NaiveDate>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateActionItemRequest {
    title: Option<String>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "crate::http::extract::present")]
    owner_id: Option<Option<UserId>>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "crate::http::extract::present")]
    due_on: Option<Option<NaiveDate>>,
    status: Option<ActionItemStatus>,
}

/// What an action item becomes.
#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum PromoteTo {
    Problem,
    Change,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PromoteRequest {
    to: PromoteTo,
}

#[derive(Deserialize)]
struct ItemPath {
    #[serde(rename = "articleId")]
    article: String,
    #[serde(rename = "itemId")]
    item: ActionItemId,
}

/// A postmortem's action items, oldest first.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/kb/articles/{articleId}/action-items", tag = "knowledge",
    params(("articleId" = String, Path)),
    responses((status = 200, body = ActionItemList), (status = 404, body = crate::error::Problem)),
)]
async fn list_action_items(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ArticlePath>,
) -> Result<Json<ActionItemList>> {
    org.require(Action::ReadKnowledge)?;
    let scope = org.scope(&state);
    let article = find(&scope, &path.article).await?;
    let items = scope.articles().action_items(article.id).await?;
    Ok(Json(ActionItemList { data: items.into_iter().map(Into::into).collect() }))
}

/// Adds an action item to a postmortem (409 for another kind of article).
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/kb/articles/{articleId}/action-items", tag = "knowledge",
    params(("articleId" = String, Path)),
    request_body = CreateActionItemRequest,
    responses(
        (status = 201, body = ActionItemView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
    ),
)]
async fn add_action_item(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ArticlePath>,
    ApiJson(request): ApiJson<CreateActionItemRequest>,
) -> Result<Versioned<ActionItemView>> {
    org.require(Action::WriteKnowledge)?;
    let title = Title::parse(&request.title, "title").map_err(Error::Validation)?.into_inner();
    let scope = org.scope(&state);
    let article = find(&scope, &path.article).await?;
    let new = NewActionItem { title, owner: request.owner_id, due_on: request.due_on };
    let item = scope.articles().add_action_item(&article, new, &org.meta).await?.map_err(refused)?;
    Ok(versioned(item, StatusCode::CREATED))
}

/// Changes an action item (its title, owner, due date, or marks it done).
/// Requires `If-Match` (428 without, 412 when stale).
#[utoipa::path(
    patch, path = "/api/orgs/{orgId}/kb/articles/{articleId}/action-items/{itemId}", tag = "knowledge",
    params(("articleId" = String, Path), ("itemId" = String, Path), ("If-Match" = String, Header)),
    request_body = UpdateActionItemRequest,
    responses(
        (status = 200, body = ActionItemView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
        (status = 428, body = crate::error::Problem),
    ),
)]
async fn update_action_item(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiPath(path): ApiPath<ItemPath>,
    ApiJson(request): ApiJson<UpdateActionItemRequest>,
) -> Result<Versioned<ActionItemView>> {
    org.require(Action::WriteKnowledge)?;
    let IfMatch(version) = IfMatch::from_headers(&headers)?;
    let mut checks = Checks::default();
    let title = checks.take_some(request.title.as_deref().map(|t| Title::parse(t, "title").map(Title::into_inner)));
    checks.finish().map_err(Error::Validation)?;
    let change = ActionItemChange {
        title: title.flatten(),
        owner: request.owner_id,
        due_on: request.due_on,
        status: request.status,
    };
    let scope = org.scope(&state);
    let article = find(&scope, &path.article).await?;
    let item = scope
        .articles()
        .change_action_item(article.id, path.item, version, change, &org.meta)
        .await?
        .map_err(refused)?;
    Ok(versioned(item, StatusCode::OK))
}

/// Turns an action item into a problem (caused by the postmortem's
/// incident) or a normal change, linked to the postmortem, and records it
/// on the item. Safe to retry: a retry finds the record the first made;
/// an item that became something already is a 409.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/kb/articles/{articleId}/action-items/{itemId}/promote", tag = "knowledge",
    params(("articleId" = String, Path), ("itemId" = String, Path)),
    request_body = PromoteRequest,
    responses(
        (status = 201, body = ActionItemView), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
    ),
)]
async fn promote_action_item(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ItemPath>,
    ApiJson(request): ApiJson<PromoteRequest>,
) -> Result<Versioned<ActionItemView>> {
    org.require(Action::WriteKnowledge)?;
    let (module, action, noun) = match request.to {
        PromoteTo::Problem => (Module::ProblemManagement, Action::WriteProblems, "problem"),
        PromoteTo::Change => (Module::ChangeManagement, Action::WriteChanges, "change"),
    };
    if !org.access.org().features.is_on(module) {
        return Err(Error::field("to", format!("{noun}s are not switched on for this organisation")));
    }
    org.require(action)?;
    let scope = org.scope(&state);
    let article = find(&scope, &path.article).await?;
    let item = scope.articles().action_item(article.id, path.item).await?.ok_or(Error::NotFound("action item"))?;
    if let Some(record) = item.record {
        return Err(Error::conflict("already-promoted", format!("this action item already became {record}")));
    }
    let description = format!("An action item of the postmortem {}: {}", article.number, article.title);
    // The item's id keys the create, so a retry finds what the first made.
    let key = format!("action-item:{}", item.id);
    let record: RecordRef = match request.to {
        PromoteTo::Problem => {
            let new = NewProblem {
                title: item.title.clone(),
                description,
                symptom: String::new(),
                root_cause: String::new(),
                workaround: String::new(),
                priority: Priority::P3,
                owner: item.owner,
                owner_team: None,
                incidents: article.incident.into_iter().collect::<Vec<IncidentId>>(),
                created_by: org.current.user.id,
            };
            let (problem, _) =
                scope.problems().create(new, Some(&key), &org.meta).await?.map_err(crate::http::problems::refused)?;
            // Linked apart from the create (a problem links incidents only):
            // a retry finds the link there and goes on.
            let _ = scope.links().link(problem.id.into(), LinkRelation::Related, article.id.into(), &org.meta).await?;
            problem.id.into()
        }
        PromoteTo::Change => {
            let new = NewChange {
                title: item.title.clone(),
                description,
                change_type: ChangeType::Normal,
                risk_answers: BTreeMap::new(),
                implementation_plan: String::new(),
                backout_plan: String::new(),
                test_plan: String::new(),
                window: None,
                owner: item.owner,
                owner_team: None,
                requested_by: org.current.user.id,
                links: vec![("postmortem", LinkRelation::Related, article.id.into())],
            };
            let (change, _) =
                scope.changes().create(new, Some(&key), &org.meta).await?.map_err(crate::http::changes::refused)?;
            change.id.into()
        }
    };
    let item = scope.articles().action_item_became(article.id, item.id, record, &org.meta).await?.map_err(refused)?;
    Ok(versioned(item, StatusCode::CREATED))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OverdueActionItem {
    item: ActionItemView,
    /// The postmortem's number (`KB-4`) and title.
    article_number: String,
    article_title: String,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IncidentWithoutPostmortem {
    id: IncidentId,
    number: String,
    title: String,
    severity: Severity,
    resolved_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpsView {
    /// Open action items past their due date, soonest first.
    overdue_action_items: Vec<OverdueActionItem>,
    /// Resolved P1 and P2 incidents whose postmortem is not published, newest first.
    incidents_without_postmortem: Vec<IncidentWithoutPostmortem>,
}

/// What the postmortem process still owes, for the dashboard (20 of each).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/kb/follow-ups", tag = "knowledge",
    responses((status = 200, body = FollowUpsView), (status = 404, body = crate::error::Problem)),
)]
async fn follow_ups(State(state): State<AppState>, org: OrgContext) -> Result<Json<FollowUpsView>> {
    org.require(Action::ReadKnowledge)?;
    let today = state.config.clock.now().date_naive();
    let follow_ups = org.scope(&state).postmortem_follow_ups(today, 20).await?;
    Ok(Json(FollowUpsView {
        overdue_action_items: follow_ups
            .overdue
            .into_iter()
            .map(|(item, article)| OverdueActionItem {
                item: item.into(),
                article_number: article.number.to_string(),
                article_title: article.title,
            })
            .collect(),
        incidents_without_postmortem: follow_ups
            .without_postmortem
            .into_iter()
            .map(|incident| IncidentWithoutPostmortem {
                id: incident.id,
                number: incident.number().to_string(),
                title: incident.title,
                severity: incident.severity,
                resolved_at: incident.resolved_at,
            })
            .collect(),
    }))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_action_items, add_action_item))
        .routes(routes!(update_action_item))
        .routes(routes!(promote_action_item))
        .routes(routes!(follow_ups))
}
