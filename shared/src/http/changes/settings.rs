//! What surrounds the changes: the organisation's change policy (approval
//! boards, risk rules and questionnaire), freeze periods, the changes
//! awaiting my vote, the changes completed lately on an incident's items,
//! and the change failure rate.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::super::AppState;
use super::super::extract::{ApiJson, ApiPath, ApiQuery};
use super::super::kernel::versioned::{IfMatch, Versioned, stale};
use super::super::tenant::OrgContext;
use super::{ChangeView, view};
use crate::domain::approvals::Approvers;
use crate::domain::changes::{ChangePolicy, Window};
use crate::domain::permissions::Action;
use crate::domain::records::{RecordKind, RecordRef};
use crate::domain::text::check_line;
use crate::error::{Error, FieldError, Result};
use crate::ids::{ChangeId, ConfigItemId, FreezeId, UserId};
use crate::store::{FreezeRecord, NewFreeze};

/// The organisation's change policy, with its version as the `ETag` (0:
/// the default, never saved).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/changes/policy", tag = "changes",
    responses((status = 200, body = ChangePolicy, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)),
)]
async fn get_policy(State(state): State<AppState>, org: OrgContext) -> Result<Versioned<ChangePolicy>> {
    org.require(Action::ReadChanges)?;
    let (policy, version) = org.scope(&state).changes().policy().await?;
    Ok(Versioned { status: StatusCode::OK, version, body: policy })
}

/// Replaces the change policy (admins). Requires `If-Match` with its
/// `ETag`. Approvers named must be members, teams the organisation's.
#[utoipa::path(
    put, path = "/api/orgs/{orgId}/changes/policy", tag = "changes",
    params(("If-Match" = String, Header)),
    request_body = ChangePolicy,
    responses((status = 200, body = ChangePolicy, headers(("ETag" = String))), (status = 403, body = crate::error::Problem), (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem), (status = 428, body = crate::error::Problem)),
)]
async fn put_policy(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiJson(policy): ApiJson<ChangePolicy>,
) -> Result<Versioned<ChangePolicy>> {
    org.require(Action::ManageChangePolicy)?;
    let IfMatch(version) = IfMatch::from_headers(&headers)?;
    policy.check().map_err(Error::Validation)?;
    let scope = org.scope(&state);
    let mut errors = Vec::new();
    for (field, steps) in
        [("normalApprovals", &policy.normal_approvals), ("emergencyApprovals", &policy.emergency_approvals)]
    {
        for (i, step) in steps.iter().enumerate() {
            errors.extend(check_approvers(&scope, &step.approvers, &format!("{field}[{i}].approvers")).await?);
        }
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    match scope.changes().set_policy(&policy, version, &org.meta).await? {
        Ok(version) => Ok(Versioned { status: StatusCode::OK, version, body: policy }),
        Err(current) => Err(stale("change policy", current)),
    }
}

/// Approvers who are not members, and teams that are not the organisation's.
async fn check_approvers(
    scope: &crate::store::OrgStore<'_>,
    approvers: &Approvers,
    field: &str,
) -> Result<Vec<FieldError>> {
    let mut errors = Vec::new();
    let strangers = scope.non_members(&approvers.users).await?;
    if !strangers.is_empty() {
        let list: Vec<String> = strangers.iter().map(ToString::to_string).collect();
        errors.push(FieldError::new(format!("{field}.users"), format!("not members: {}", list.join(", "))));
    }
    let teams = scope.teams().list().await?;
    for team in &approvers.teams {
        if !teams.iter().any(|t| t.id == *team) {
            errors
                .push(FieldError::new(format!("{field}.teams"), format!("{team} is not a team of this organisation")));
        }
    }
    Ok(errors)
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FreezeView {
    id: FreezeId,
    name: String,
    window: Window,
    /// The configuration items it is limited to; empty: every change.
    items: Vec<ConfigItemId>,
    created_by: UserId,
    created_at: DateTime<Utc>,
}

impl From<FreezeRecord> for FreezeView {
    fn from(f: FreezeRecord) -> Self {
        Self {
            id: f.id,
            name: f.name,
            window: f.window,
            items: f.items,
            created_by: f.created_by,
            created_at: f.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct FreezeList {
    data: Vec<FreezeView>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateFreezeRequest {
    name: String,
    window: Window,
    /// Limit it to changes affecting these configuration items.
    #[serde(default)]
    items: Vec<ConfigItemId>,
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RangeQuery {
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
}

impl RangeQuery {
    /// `[from, to)`, default the last 30 days.
    fn range(&self, now: DateTime<Utc>) -> Result<(DateTime<Utc>, DateTime<Utc>)> {
        let to = self.to.unwrap_or(now);
        let from = self.from.unwrap_or(to - Duration::days(30));
        if from >= to {
            return Err(Error::field("to", "must be after from"));
        }
        Ok((from, to))
    }
}

/// Freeze periods (blackouts), optionally those overlapping `[from, to)`.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/changes/freezes", tag = "changes",
    params(RangeQuery),
    responses((status = 200, body = FreezeList), (status = 404, body = crate::error::Problem)),
)]
async fn list_freezes(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<RangeQuery>,
) -> Result<Json<FreezeList>> {
    org.require(Action::ReadChanges)?;
    let within = match (query.from, query.to) {
        (None, None) => None,
        _ => query.range(state.store.now()).map(|(start, end)| Some(Window { start, end }))?,
    };
    let freezes = org.scope(&state).changes().freezes(within).await?;
    Ok(Json(FreezeList { data: freezes.into_iter().map(Into::into).collect() }))
}

/// Declares a freeze (admins): no change but an emergency may be scheduled
/// in it (only those affecting `items`, when given).
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/changes/freezes", tag = "changes",
    request_body = CreateFreezeRequest,
    responses((status = 201, body = FreezeView), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn create_freeze(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(request): ApiJson<CreateFreezeRequest>,
) -> Result<(StatusCode, Json<FreezeView>)> {
    org.require(Action::ManageChangePolicy)?;
    let name = request.name.trim().to_owned();
    let mut errors: Vec<FieldError> = check_line(&name, "name").err().into_iter().collect();
    if name.is_empty() || name.chars().count() > 100 {
        errors.push(FieldError::new("name", "must be 1 to 100 characters"));
    }
    if request.window.end <= request.window.start {
        errors.push(FieldError::new("window.end", "must be after the start"));
    }
    if request.items.len() > 200 {
        errors.push(FieldError::new("items", "at most 200 items"));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let new = NewFreeze { name, window: request.window, items: request.items, created_by: org.current.user.id };
    let freeze = org.scope(&state).changes().add_freeze(new, &org.meta).await?;
    Ok((StatusCode::CREATED, Json(freeze.into())))
}

#[derive(Deserialize)]
struct FreezePath {
    #[serde(rename = "freezeId")]
    freeze: FreezeId,
}

/// Ends a freeze (admins).
#[utoipa::path(
    delete, path = "/api/orgs/{orgId}/changes/freezes/{freezeId}", tag = "changes",
    params(("freezeId" = FreezeId, Path)),
    responses((status = 204), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
)]
async fn delete_freeze(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<FreezePath>,
) -> Result<StatusCode> {
    org.require(Action::ManageChangePolicy)?;
    match org.scope(&state).changes().remove_freeze(path.freeze, &org.meta).await? {
        true => Ok(StatusCode::NO_CONTENT),
        false => Err(Error::NotFound("freeze")),
    }
}

#[derive(Serialize, ToSchema)]
pub struct ChangeList {
    data: Vec<ChangeView>,
}

async fn views(state: &AppState, org: &OrgContext, ids: Vec<RecordRef>) -> Result<Json<ChangeList>> {
    let changes = org.scope(state).changes();
    let mut data = Vec::with_capacity(ids.len());
    for id in ids.into_iter().filter_map(RecordRef::id::<ChangeId>) {
        if let Some(change) = changes.get(id).await? {
            data.push(view(state, org, change, StatusCode::OK).await?.body);
        }
    }
    Ok(Json(ChangeList { data }))
}

/// The changes waiting on my vote now.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/changes/awaiting-my-approval", tag = "changes",
    responses((status = 200, body = ChangeList), (status = 404, body = crate::error::Problem)),
)]
async fn awaiting_my_approval(State(state): State<AppState>, org: OrgContext) -> Result<Json<ChangeList>> {
    org.require(Action::ReadChanges)?;
    let ids = org.scope(&state).approvals().awaiting(org.current.user.id, RecordKind::Change).await?;
    views(&state, &org, ids).await
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RecentQuery {
    /// The incident (`inc_…`, `7` or `INC-7`).
    incident: String,
    /// How far back; default the policy's `recentChangeHours` (48).
    hours: Option<u32>,
}

/// Changes completed lately on the configuration items an incident
/// affects: the first thing a responder asks.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/changes/recent", tag = "changes",
    params(RecentQuery),
    responses((status = 200, body = ChangeList), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn recent_changes(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<RecentQuery>,
) -> Result<Json<ChangeList>> {
    org.require(Action::ReadChanges)?;
    org.require(Action::ViewIncidents)?;
    let scope = org.scope(&state);
    let incident = scope
        .incidents()
        .find(&query.incident)
        .await?
        .ok_or_else(|| Error::field("incident", "is not an incident of this organisation"))?;
    let hours = match query.hours {
        Some(hours) if (1..=720).contains(&hours) => hours,
        Some(_) => return Err(Error::field("hours", "must be 1 to 720")),
        None => scope.changes().policy().await?.0.recent_change_hours,
    };
    let recent = scope.changes().recent_on(incident.id, state.store.now(), hours).await?;
    views(&state, &org, recent.into_iter().map(|c| c.id.into()).collect()).await
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FailureRateView {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    /// Changes completed or failed in the range.
    finished: u64,
    /// Of those, the ones an incident was caused by.
    caused_incidents: u64,
    /// `causedIncidents ÷ finished`; `null` when none finished.
    rate: Option<f64>,
}

/// The change failure rate over `[from, to)` (default the last 30 days):
/// changes that caused an incident ÷ changes finished.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/changes/failure-rate", tag = "changes",
    params(RangeQuery),
    responses((status = 200, body = FailureRateView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn failure_rate(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<RangeQuery>,
) -> Result<Json<FailureRateView>> {
    org.require(Action::ReadChanges)?;
    let (from, to) = query.range(state.store.now())?;
    let rate = org.scope(&state).changes().failure_rate(from, to).await?;
    Ok(Json(FailureRateView {
        from,
        to,
        finished: rate.finished,
        caused_incidents: rate.caused_incidents,
        rate: rate.rate,
    }))
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_policy, put_policy))
        .routes(routes!(list_freezes, create_freeze))
        .routes(routes!(delete_freeze))
        .routes(routes!(awaiting_my_approval))
        .routes(routes!(recent_changes))
        .routes(routes!(failure_rate))
}
