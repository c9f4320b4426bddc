//! Outbound webhook endpoints: registration, secret rotation with a grace
//! period, removal and a signed test event.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{TestResult, sealer, test_notice};
use crate::domain::permissions::Action;
use crate::error::{Error, FieldError, Result};
use crate::http::AppState;
use crate::http::extract::{ApiJson, ApiPath};
use crate::http::tenant::OrgContext;
use crate::notify::channels::webhook;
use crate::notify::outbound::Hosts;
use crate::store::WebhookEndpointRecord;

const WEBHOOK_EVENT_TYPES: &[&str] =
    &["*", "incident.triggered", "incident.escalated", "incident.acknowledged", "incident.resolved"];

/// How long a rotated-out webhook secret keeps signing.
const ROTATION_GRACE: Duration = Duration::hours(24);

/// A new signing secret, as shown once and as sealed for the store.
fn new_secret(state: &AppState, org: &OrgContext) -> Result<(String, String)> {
    let secret = webhook::new_secret().map_err(Error::internal)?;
    let place = crate::notify::sealed_for(org.org_id(), crate::notify::Channel::Webhook);
    let sealed = sealer(state)?.seal(&secret, &place).map_err(Error::internal)?;
    Ok((secret, sealed))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookView {
    id: uuid::Uuid,
    url: String,
    event_types: Vec<String>,
    created_at: DateTime<Utc>,
    /// Until when the previous secret still signs (after a rotation).
    previous_secret_valid_until: Option<DateTime<Utc>>,
    /// Shown once: on creation and rotation.
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<String>,
}

impl WebhookView {
    fn of(record: WebhookEndpointRecord, secret: Option<String>) -> Self {
        Self {
            id: record.id,
            url: record.url,
            event_types: record.event_types,
            created_at: record.created_at,
            previous_secret_valid_until: record.previous_valid_until,
            secret,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct WebhookList {
    data: Vec<WebhookView>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateWebhookRequest {
    url: String,
    /// Any of `incident.triggered`, `incident.escalated`,
    /// `incident.acknowledged`, `incident.resolved`, or `*`.
    event_types: Vec<String>,
}

#[derive(Deserialize)]
struct WebhookPath {
    #[serde(rename = "webhookId")]
    id: uuid::Uuid,
}

/// Webhook endpoints.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/webhooks", tag = "integrations",
    responses((status = 200, body = WebhookList))
)]
async fn list_webhooks(State(state): State<AppState>, org: OrgContext) -> Result<Json<WebhookList>> {
    org.require(Action::ManageIntegrations)?;
    let data = org.scope(&state).webhook_endpoints().await?.into_iter().map(|r| WebhookView::of(r, None)).collect();
    Ok(Json(WebhookList { data }))
}

/// Registers an endpoint; the answer holds its signing secret, shown once.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/webhooks", tag = "integrations",
    request_body = CreateWebhookRequest,
    responses((status = 201, body = WebhookView), (status = 422, body = crate::error::Problem))
)]
async fn create_webhook(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(body): ApiJson<CreateWebhookRequest>,
) -> Result<(StatusCode, Json<WebhookView>)> {
    org.require(Action::ManageIntegrations)?;
    let mut errors = Vec::new();
    if body.url.len() > 2000 {
        errors.push(FieldError::new("url", "at most 2000 characters"));
    } else if let Err(why) = state.outbound.check(&body.url, Hosts::Any) {
        errors.push(FieldError::new("url", crate::error::chain(&why)));
    }
    if body.event_types.is_empty() {
        errors.push(FieldError::new("eventTypes", "choose at least one event type"));
    }
    for (i, kind) in body.event_types.iter().enumerate() {
        if !WEBHOOK_EVENT_TYPES.contains(&kind.as_str()) {
            errors.push(FieldError::new(
                format!("eventTypes[{i}]"),
                format!("one of {}", WEBHOOK_EVENT_TYPES.join(", ")),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let (secret, sealed) = new_secret(&state, &org)?;
    let record = org.scope(&state).create_webhook_endpoint(&body.url, &body.event_types, sealed, &org.meta).await?;
    Ok((StatusCode::CREATED, Json(WebhookView::of(record, Some(secret)))))
}

/// Replaces the signing secret (shown once); the old one keeps signing,
/// beside the new, for 24 hours.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/webhooks/{webhookId}/rotate", tag = "integrations",
    params(("webhookId" = uuid::Uuid, Path)),
    responses((status = 200, body = WebhookView))
)]
async fn rotate_webhook(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(WebhookPath { id }): ApiPath<WebhookPath>,
) -> Result<Json<WebhookView>> {
    org.require(Action::ManageIntegrations)?;
    let (secret, sealed) = new_secret(&state, &org)?;
    let until = state.store.now() + ROTATION_GRACE;
    let record = org
        .scope(&state)
        .rotate_webhook_secret(id, sealed, until, &org.meta)
        .await?
        .ok_or(Error::NotFound("webhook"))?;
    Ok(Json(WebhookView::of(record, Some(secret))))
}

/// Removes an endpoint.
#[utoipa::path(
    delete, path = "/api/orgs/{orgId}/webhooks/{webhookId}", tag = "integrations",
    params(("webhookId" = uuid::Uuid, Path)), responses((status = 204))
)]
async fn delete_webhook(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(WebhookPath { id }): ApiPath<WebhookPath>,
) -> Result<StatusCode> {
    org.require(Action::ManageIntegrations)?;
    match org.scope(&state).delete_webhook_endpoint(id, &org.meta).await? {
        true => Ok(StatusCode::NO_CONTENT),
        false => Err(Error::NotFound("webhook")),
    }
}

/// Sends a signed test event to the endpoint and reports its answer.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/webhooks/{webhookId}/test", tag = "integrations",
    params(("webhookId" = uuid::Uuid, Path)),
    responses((status = 200, body = TestResult))
)]
async fn test_webhook(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(WebhookPath { id }): ApiPath<WebhookPath>,
) -> Result<Json<TestResult>> {
    org.require(Action::ManageIntegrations)?;
    let record = org.scope(&state).webhook_endpoint(id).await?.ok_or(Error::NotFound("webhook"))?;
    let (secret, _) = crate::notify::open_webhook_secrets(Some(sealer(&state)?), &org.scope(&state), &record)
        .await
        .map_err(Error::internal)?;
    let endpoint = webhook::WebhookEndpoint { url: record.url, secret, previous_secret: None };
    let msg_id = format!("msg_test_{}", uuid::Uuid::now_v7().simple());
    let result =
        webhook::send(&state.outbound, &endpoint, &test_notice(&state, &org), &msg_id, state.store.now()).await;
    Ok(Json(result.into()))
}

pub fn webhook_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_webhooks, create_webhook))
        .routes(routes!(delete_webhook))
        .routes(routes!(rotate_webhook))
        .routes(routes!(test_webhook))
}
