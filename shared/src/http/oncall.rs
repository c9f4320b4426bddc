//! On-call: schedules (who is on call now, a week of shifts), escalation
//! policies, and each member's own notification rules.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::tenant::OrgContext;
use crate::domain::escalation::{EscalationPolicy, NotificationRules};
use crate::domain::oncall::{Schedule, Shift};
use crate::domain::permissions::Action;
use crate::error::{Error, FieldError, Result};
use crate::ids::UserId;
use crate::store::{ContactRecord, DocumentKind, DocumentRecord};

/// A stored schedule or policy: its id, name and definition.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DocumentView {
    id: uuid::Uuid,
    name: String,
    #[schema(value_type = Object)]
    definition: serde_json::Value,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<DocumentRecord> for DocumentView {
    fn from(d: DocumentRecord) -> Self {
        Self { id: d.id, name: d.name, definition: d.definition, created_at: d.created_at, updated_at: d.updated_at }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DocumentList {
    data: Vec<DocumentView>,
}

/// `definition` is a schedule (`timeZone`, `layers`, `overrides`) or an
/// escalation policy (`levels`, `repeat`, `severities`).
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DocumentRequest {
    name: String,
    #[schema(value_type = Object)]
    definition: serde_json::Value,
}

#[derive(Deserialize)]
struct DocumentPath {
    #[serde(alias = "scheduleId", alias = "policyId")]
    id: uuid::Uuid,
}

/// Parses and validates a definition, naming fields under `definition`.
fn parse_definition<T: DeserializeOwned>(
    request: &DocumentRequest,
    validate: impl Fn(&T) -> Result<(), Vec<FieldError>>,
) -> Result<T> {
    let mut errors = Vec::new();
    if request.name.trim().is_empty() || request.name.len() > 200 {
        errors.push(FieldError::new("name", "between 1 and 200 characters"));
    }
    let parsed = serde_path_to_error::deserialize::<_, T>(&request.definition).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "definition".to_owned() } else { format!("definition.{path}") };
        FieldError::new(field, e.into_inner().to_string())
    });
    match parsed {
        Ok(parsed) => {
            if let Err(invalid) = validate(&parsed) {
                errors
                    .extend(invalid.into_iter().map(|e| FieldError::new(format!("definition.{}", e.field), e.detail)));
            }
            if errors.is_empty() { Ok(parsed) } else { Err(Error::Validation(errors)) }
        }
        Err(error) => {
            errors.push(error);
            Err(Error::Validation(errors))
        }
    }
}

/// Members named by a definition must be members of this organisation.
/// One query for everyone a schedule or policy names.
async fn check_members(state: &AppState, org: &OrgContext, users: Vec<(String, UserId)>) -> Result<()> {
    let named: Vec<UserId> = users.iter().map(|(_, user)| *user).collect();
    let outside = org.scope(state).non_members(&named).await?;
    let errors: Vec<FieldError> = users
        .into_iter()
        .filter(|(_, user)| outside.contains(user))
        .map(|(field, user)| FieldError::new(field, format!("{user} is not a member of this organisation")))
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(Error::Validation(errors)) }
}

async fn check_schedule(state: &AppState, org: &OrgContext, request: &DocumentRequest) -> Result<Schedule> {
    let schedule: Schedule = parse_definition(request, Schedule::validate)?;
    let layers = schedule.layers.iter().enumerate().flat_map(|(i, layer)| {
        layer
            .participants
            .iter()
            .enumerate()
            .map(move |(j, u)| (format!("definition.layers[{i}].participants[{j}]"), *u))
    });
    let overrides =
        schedule.overrides.iter().enumerate().map(|(i, o)| (format!("definition.overrides[{i}].user"), o.user));
    let named: Vec<(String, UserId)> = layers.chain(overrides).collect();
    check_members(state, org, named).await?;
    Ok(schedule)
}

async fn check_policy(state: &AppState, org: &OrgContext, request: &DocumentRequest) -> Result<EscalationPolicy> {
    let policy: EscalationPolicy = parse_definition(request, EscalationPolicy::validate)?;
    let mut users = Vec::new();
    for (i, level) in policy.levels.iter().enumerate() {
        for (j, target) in level.targets.iter().enumerate() {
            let field = format!("definition.levels[{i}].targets[{j}]");
            match target {
                crate::domain::escalation::Target::User { id } => users.push((field, *id)),
                crate::domain::escalation::Target::Schedule { id } => {
                    if org.scope(state).document(DocumentKind::Schedule, *id).await?.is_none() {
                        return Err(Error::field(field, format!("no schedule {id} in this organisation")));
                    }
                }
                crate::domain::escalation::Target::Team { id } => {
                    if org.scope(state).teams().get(*id).await?.is_none() {
                        return Err(Error::field(field, format!("no team {id} in this organisation")));
                    }
                }
            }
        }
    }
    check_members(state, org, users).await?;
    Ok(policy)
}

async fn save(
    state: &AppState,
    org: &OrgContext,
    kind: DocumentKind,
    id: Option<uuid::Uuid>,
    request: &DocumentRequest,
) -> Result<DocumentView> {
    let definition = match kind {
        DocumentKind::Schedule => serde_json::to_value(check_schedule(state, org, request).await?),
        DocumentKind::EscalationPolicy => serde_json::to_value(check_policy(state, org, request).await?),
    }
    .map_err(Error::internal)?;
    let saved = org.scope(state).save_document(kind, id, request.name.trim(), &definition, &org.meta).await?;
    Ok(saved.ok_or(Error::NotFound("resource"))?.into())
}

async fn list(state: &AppState, org: &OrgContext, kind: DocumentKind) -> Result<Json<DocumentList>> {
    org.require(Action::ViewOncall)?;
    let data = org.scope(state).documents(kind).await?.into_iter().map(Into::into).collect();
    Ok(Json(DocumentList { data }))
}

async fn remove(state: &AppState, org: &OrgContext, kind: DocumentKind, id: uuid::Uuid) -> Result<StatusCode> {
    org.require(Action::ManageOncall)?;
    if org.scope(state).delete_document(kind, id, &org.meta).await? {
        return Ok(StatusCode::NO_CONTENT);
    }
    Err(Error::NotFound(match kind {
        DocumentKind::Schedule => "schedule",
        DocumentKind::EscalationPolicy => "escalation policy",
    }))
}

/// Schedules (every member may read).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/schedules", tag = "on-call",
    responses((status = 200, body = DocumentList))
)]
async fn list_schedules(State(state): State<AppState>, org: OrgContext) -> Result<Json<DocumentList>> {
    list(&state, &org, DocumentKind::Schedule).await
}

/// Creates a schedule (admins only).
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/schedules", tag = "on-call",
    request_body = DocumentRequest, responses((status = 201, body = DocumentView), (status = 422, body = crate::error::Problem))
)]
async fn create_schedule(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(body): ApiJson<DocumentRequest>,
) -> Result<(StatusCode, Json<DocumentView>)> {
    org.require(Action::ManageOncall)?;
    Ok((StatusCode::CREATED, Json(save(&state, &org, DocumentKind::Schedule, None, &body).await?)))
}

/// Replaces a schedule (admins only).
#[utoipa::path(
    put, path = "/api/orgs/{orgId}/schedules/{scheduleId}", tag = "on-call", params(("scheduleId" = uuid::Uuid, Path)),
    request_body = DocumentRequest, responses((status = 200, body = DocumentView), (status = 422, body = crate::error::Problem))
)]
async fn update_schedule(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(DocumentPath { id }): ApiPath<DocumentPath>,
    ApiJson(body): ApiJson<DocumentRequest>,
) -> Result<Json<DocumentView>> {
    org.require(Action::ManageOncall)?;
    Ok(Json(save(&state, &org, DocumentKind::Schedule, Some(id), &body).await?))
}

/// Deletes a schedule (admins only).
#[utoipa::path(
    delete, path = "/api/orgs/{orgId}/schedules/{scheduleId}", tag = "on-call", params(("scheduleId" = uuid::Uuid, Path)),
    responses((status = 204))
)]
async fn delete_schedule(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(DocumentPath { id }): ApiPath<DocumentPath>,
) -> Result<StatusCode> {
    remove(&state, &org, DocumentKind::Schedule, id).await
}

async fn schedule(state: &AppState, org: &OrgContext, id: uuid::Uuid) -> Result<Schedule> {
    org.require(Action::ViewOncall)?;
    let document = org.scope(state).document(DocumentKind::Schedule, id).await?.ok_or(Error::NotFound("schedule"))?;
    serde_json::from_value(document.definition).map_err(Error::internal)
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OnCallQuery {
    /// RFC 3339 instant; default now.
    at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OnCallView {
    at: DateTime<Utc>,
    /// `null`: nobody is on call then.
    user: Option<UserId>,
}

/// Who is on call at an instant.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/schedules/{scheduleId}/oncall", tag = "on-call",
    params(("scheduleId" = uuid::Uuid, Path), OnCallQuery),
    responses((status = 200, body = OnCallView))
)]
async fn on_call(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(DocumentPath { id }): ApiPath<DocumentPath>,
    ApiQuery(query): ApiQuery<OnCallQuery>,
) -> Result<Json<OnCallView>> {
    let at = query.at.unwrap_or_else(|| state.store.now());
    Ok(Json(OnCallView { at, user: schedule(&state, &org, id).await?.on_call_at(at) }))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ShiftsQuery {
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
}

/// Shifts: `user`, `startsAt`, `endsAt`, `source` (`{"type": "layer", "index": 0}` or `{"type": "override"}`).
#[derive(Serialize, ToSchema)]
pub struct ShiftList {
    #[schema(value_type = Vec<Object>)]
    data: Vec<Shift>,
}

/// The merged shifts over a range (default: the next 7 days; at most 35).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/schedules/{scheduleId}/shifts", tag = "on-call",
    params(("scheduleId" = uuid::Uuid, Path), ShiftsQuery),
    responses((status = 200, body = ShiftList), (status = 422, body = crate::error::Problem))
)]
async fn shifts(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(DocumentPath { id }): ApiPath<DocumentPath>,
    ApiQuery(query): ApiQuery<ShiftsQuery>,
) -> Result<Json<ShiftList>> {
    let from = query.from.unwrap_or_else(|| state.store.now());
    let to = query.to.unwrap_or(from + Duration::days(7));
    if to <= from || to - from > Duration::days(35) {
        return Err(Error::field("to", "must be after `from` and at most 35 days later"));
    }
    let data = schedule(&state, &org, id).await?.shifts(from, to);
    Ok(Json(ShiftList { data }))
}

/// Escalation policies (every member may read).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/escalation-policies", tag = "on-call",
    responses((status = 200, body = DocumentList))
)]
async fn list_policies(State(state): State<AppState>, org: OrgContext) -> Result<Json<DocumentList>> {
    list(&state, &org, DocumentKind::EscalationPolicy).await
}

/// Creates an escalation policy (admins only).
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/escalation-policies", tag = "on-call",
    request_body = DocumentRequest, responses((status = 201, body = DocumentView), (status = 422, body = crate::error::Problem))
)]
async fn create_policy(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(body): ApiJson<DocumentRequest>,
) -> Result<(StatusCode, Json<DocumentView>)> {
    org.require(Action::ManageOncall)?;
    Ok((StatusCode::CREATED, Json(save(&state, &org, DocumentKind::EscalationPolicy, None, &body).await?)))
}

/// Replaces an escalation policy (admins only).
#[utoipa::path(
    put, path = "/api/orgs/{orgId}/escalation-policies/{policyId}", tag = "on-call",
    params(("policyId" = uuid::Uuid, Path)),
    request_body = DocumentRequest, responses((status = 200, body = DocumentView), (status = 422, body = crate::error::Problem))
)]
async fn update_policy(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(DocumentPath { id }): ApiPath<DocumentPath>,
    ApiJson(body): ApiJson<DocumentRequest>,
) -> Result<Json<DocumentView>> {
    org.require(Action::ManageOncall)?;
    Ok(Json(save(&state, &org, DocumentKind::EscalationPolicy, Some(id), &body).await?))
}

/// Deletes an escalation policy (admins only).
#[utoipa::path(
    delete, path = "/api/orgs/{orgId}/escalation-policies/{policyId}", tag = "on-call",
    params(("policyId" = uuid::Uuid, Path)),
    responses((status = 204))
)]
async fn delete_policy(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(DocumentPath { id }): ApiPath<DocumentPath>,
) -> Result<StatusCode> {
    remove(&state, &org, DocumentKind::EscalationPolicy, id).await
}

/// The signed-in member's notification rules here (defaults until saved).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/notification-rules/me", tag = "on-call",
    responses((status = 200, body = Object))
)]
async fn my_rules(State(state): State<AppState>, org: OrgContext) -> Result<Json<NotificationRules>> {
    let stored = org.scope(&state).contact_rules(org.current.user.id).await?;
    let rules = match stored {
        Some(ContactRecord { phone, rules }) => {
            NotificationRules { phone, channels: serde_json::from_value(rules).map_err(Error::internal)? }
        }
        None => NotificationRules::default(),
    };
    Ok(Json(rules))
}

/// Replaces the signed-in member's notification rules here.
#[utoipa::path(
    put, path = "/api/orgs/{orgId}/notification-rules/me", tag = "on-call",
    request_body = Object, responses((status = 200, body = Object), (status = 422, body = crate::error::Problem))
)]
async fn put_my_rules(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(rules): ApiJson<NotificationRules>,
) -> Result<Json<NotificationRules>> {
    rules.validate().map_err(Error::Validation)?;
    let record = ContactRecord {
        phone: rules.phone.clone(),
        rules: serde_json::to_value(&rules.channels).map_err(Error::internal)?,
    };
    org.scope(&state).put_contact_rules(org.current.user.id, &record).await?;
    Ok(Json(rules))
}

pub fn schedule_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_schedules, create_schedule))
        .routes(routes!(update_schedule, delete_schedule))
        .routes(routes!(on_call))
        .routes(routes!(shifts))
}

pub fn policy_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_policies, create_policy)).routes(routes!(update_policy, delete_policy))
}

pub fn rules_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(my_rules, put_my_rules))
}
