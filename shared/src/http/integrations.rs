//! Integrations (admins): Slack, SMS (Twilio) and PagerDuty settings, sealed
//! at rest and never shown back; outbound webhook endpoints with secrets
//! shown once, rotation and a test event; the delivery log with retry; and
//! the sweep cron jobs call.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::{ApiJson, ApiPath, ApiQuery, shape_error};
use super::tenant::OrgContext;
use crate::domain::permissions::Action;
use crate::error::{Error, FieldError, Result};
use crate::ids::EventId;
use crate::jobs::sweep::SweepReport;
use crate::notify::channels::{pagerduty, slack, sms, webhook};
use crate::notify::outbound::{Hosts, Outbound};
use crate::notify::{Channel, Notice, NoticeKind, Receipt, SendError};
use crate::secrets::Sealer;
use crate::store::{DeliveryRecord, DeliveryStatus};

const WEBHOOK_EVENT_TYPES: &[&str] =
    &["*", "incident.triggered", "incident.escalated", "incident.acknowledged", "incident.resolved"];

/// How long a rotated-out webhook secret keeps signing.
const ROTATION_GRACE: Duration = Duration::hours(24);

fn sealer(state: &AppState) -> Result<&Sealer> {
    state.config.sealer.as_ref().ok_or_else(|| Error::Unavailable("SECRETS_KEY is not configured".to_owned()))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IntegrationView {
    channel: Channel,
    configured: bool,
    updated_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct IntegrationList {
    data: Vec<IntegrationView>,
}

#[derive(Deserialize)]
struct ChannelPath {
    channel: Channel,
}

/// Which organisation channels are set up (settings are never shown back).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/integrations", tag = "integrations",
    responses((status = 200, body = IntegrationList))
)]
async fn list_integrations(State(state): State<AppState>, org: OrgContext) -> Result<Json<IntegrationList>> {
    org.require(Action::ManageIntegrations)?;
    let stored = org.scope(&state).channel_settings().await?;
    let data = [Channel::Slack, Channel::Sms, Channel::PagerDuty]
        .into_iter()
        .map(|channel| {
            let found = stored.iter().find(|(c, _, _)| c == channel.key());
            IntegrationView { channel, configured: found.is_some(), updated_at: found.map(|(_, _, at)| *at) }
        })
        .collect();
    Ok(Json(IntegrationList { data }))
}

/// Checks settings for `channel` and returns them as stored (JSON text):
/// the shape first, then each URL against the outbound policy.
fn checked_settings(outbound: &Outbound, channel: Channel, body: serde_json::Value) -> Result<String> {
    fn parse<T: serde::de::DeserializeOwned + Serialize>(body: serde_json::Value) -> Result<(T, String)> {
        let parsed: T = serde_path_to_error::deserialize(&body).map_err(|e| {
            let path = e.path().to_string();
            shape_error(&path, &e.into_inner().to_string())
        })?;
        let text = serde_json::to_string(&parsed).map_err(Error::internal)?;
        Ok((parsed, text))
    }
    let reachable = |url: Option<&str>, field: &str, hosts: Hosts| -> Result<()> {
        match url {
            Some(url) => outbound.check(url, hosts).map(drop).map_err(|why| Error::field(field, why)),
            None => Ok(()),
        }
    };
    match channel {
        Channel::Slack => {
            let (settings, text) = parse::<slack::SlackSettings>(body)?;
            reachable(Some(&settings.webhook_url), "webhookUrl", slack::HOSTS)?;
            Ok(text)
        }
        Channel::Sms => {
            let (settings, text) = parse::<sms::TwilioSettings>(body)?;
            if !sms::valid_account_sid(&settings.account_sid) {
                return Err(Error::field("accountSid", "letters and digits only, as Twilio issues it (AC…)"));
            }
            reachable(settings.api_base.as_deref(), "apiBase", sms::HOSTS)?;
            Ok(text)
        }
        Channel::PagerDuty => {
            let (settings, text) = parse::<pagerduty::PagerDutySettings>(body)?;
            reachable(settings.api_base.as_deref(), "apiBase", pagerduty::HOSTS)?;
            Ok(text)
        }
        Channel::Email | Channel::Webhook => Err(Error::NotFound("integration")),
    }
}

/// Sets a channel's settings (Slack `webhookUrl`; SMS `accountSid`,
/// `authToken`, `fromNumber`; PagerDuty `routingKey`), sealed at rest.
#[utoipa::path(
    put, path = "/api/orgs/{orgId}/integrations/{channel}", tag = "integrations",
    params(("channel" = Channel, Path)), request_body = Object,
    responses((status = 204), (status = 422, body = crate::error::Problem), (status = 503, body = crate::error::Problem))
)]
async fn put_integration(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(ChannelPath { channel }): ApiPath<ChannelPath>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<StatusCode> {
    org.require(Action::ManageIntegrations)?;
    let plain = checked_settings(&state.outbound, channel, body)?;
    let sealed = sealer(&state)?.seal(&plain).map_err(Error::internal)?;
    org.scope(&state).put_channel_settings(channel.key(), sealed, &org.meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a channel's settings.
#[utoipa::path(
    delete, path = "/api/orgs/{orgId}/integrations/{channel}", tag = "integrations",
    params(("channel" = Channel, Path)), responses((status = 204))
)]
async fn delete_integration(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(ChannelPath { channel }): ApiPath<ChannelPath>,
) -> Result<StatusCode> {
    org.require(Action::ManageIntegrations)?;
    match org.scope(&state).delete_channel_settings(channel.key(), &org.meta).await? {
        true => Ok(StatusCode::NO_CONTENT),
        false => Err(Error::NotFound("integration")),
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TestResult {
    delivered: bool,
    status_code: Option<u16>,
    detail: String,
}

impl From<std::result::Result<Receipt, SendError>> for TestResult {
    fn from(result: std::result::Result<Receipt, SendError>) -> Self {
        match result {
            Ok(Receipt { status_code, detail }) => Self { delivered: true, status_code, detail },
            Err(SendError::Retryable { status_code, detail } | SendError::Permanent { status_code, detail }) => {
                Self { delivered: false, status_code, detail }
            }
        }
    }
}

/// A made-up incident for "send test".
fn test_notice(state: &AppState, org: &OrgContext) -> Notice {
    let record = org.access.org();
    Notice {
        event_id: EventId::new(),
        kind: NoticeKind::Triggered,
        level: None,
        org_id: record.id,
        org_name: record.name.clone(),
        incident_id: crate::ids::IncidentId::new(),
        number: 0,
        title: "Test notification from Simplicity".to_owned(),
        severity: crate::domain::incidents::Severity::P4,
        status: crate::domain::incidents::IncidentStatus::Open,
        assignees: vec![org.current.user.name.clone()],
        url: format!("{}/{}/settings/integrations", state.config.public_url.trim_end_matches('/'), record.slug),
        occurred_at: state.store.now(),
    }
}

async fn opened_settings<T: serde::de::DeserializeOwned>(
    state: &AppState,
    org: &OrgContext,
    channel: Channel,
) -> Result<T> {
    let sealed = org.scope(state).channel_setting(channel.key()).await?.ok_or(Error::NotFound("integration"))?;
    crate::notify::open_settings(Some(sealer(state)?), &sealed, channel).map_err(Error::internal)
}

/// Sends a test notification through a configured channel and reports
/// what the receiver answered (SMS goes to your own phone number).
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/integrations/{channel}/test", tag = "integrations",
    params(("channel" = Channel, Path)),
    responses((status = 200, body = TestResult))
)]
async fn test_integration(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(ChannelPath { channel }): ApiPath<ChannelPath>,
) -> Result<Json<TestResult>> {
    org.require(Action::ManageIntegrations)?;
    let notice = test_notice(&state, &org);
    let http = &state.outbound;
    let result = match channel {
        Channel::Slack => slack::send(http, &opened_settings(&state, &org, channel).await?, &notice).await,
        Channel::PagerDuty => pagerduty::send(http, &opened_settings(&state, &org, channel).await?, &notice).await,
        Channel::Sms => {
            let phone = org.scope(&state).contact_rules(org.current.user.id).await?.and_then(|c| c.phone);
            let phone =
                phone.ok_or_else(|| Error::field("phone", "set your phone number in your notification rules first"))?;
            sms::send(http, &opened_settings(&state, &org, channel).await?, &notice, &phone).await
        }
        Channel::Email | Channel::Webhook => return Err(Error::NotFound("integration")),
    };
    Ok(Json(result.into()))
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
    fn of(record: crate::store::WebhookEndpointRecord, secret: Option<String>) -> Self {
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
        errors.push(FieldError::new("url", why));
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
    let secret = webhook::new_secret().map_err(Error::internal)?;
    let sealed = sealer(&state)?.seal(&secret).map_err(Error::internal)?;
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
    let secret = webhook::new_secret().map_err(Error::internal)?;
    let sealed = sealer(&state)?.seal(&secret).map_err(Error::internal)?;
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
    let sealer = sealer(&state)?;
    let endpoint = webhook::WebhookEndpoint {
        url: record.url,
        secret: sealer.open(&record.secret_sealed).map_err(Error::internal)?,
        previous_secret: None,
    };
    let msg_id = format!("msg_test_{}", uuid::Uuid::now_v7().simple());
    let result = webhook::send(&state.outbound, &endpoint, &test_notice(&state, &org), &msg_id).await;
    Ok(Json(result.into()))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryView {
    id: String,
    event_id: EventId,
    incident_id: Option<crate::ids::IncidentId>,
    channel: String,
    /// A member id, `org` (Slack, PagerDuty) or a webhook endpoint id.
    recipient: String,
    status: DeliveryStatus,
    attempts: i32,
    last_status_code: Option<i32>,
    last_error: Option<String>,
    next_attempt_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    delivered_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attempt_log: Vec<AttemptView>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttemptView {
    attempt: i32,
    attempted_at: DateTime<Utc>,
    status_code: Option<i32>,
    outcome: String,
}

impl From<DeliveryRecord> for DeliveryView {
    fn from(d: DeliveryRecord) -> Self {
        Self {
            id: d.id,
            event_id: d.event_id,
            incident_id: d.incident_id,
            channel: d.channel,
            recipient: d.recipient,
            status: d.status,
            attempts: d.attempts,
            last_status_code: d.last_status_code,
            last_error: d.last_error,
            next_attempt_at: d.next_attempt_at,
            created_at: d.created_at,
            delivered_at: d.delivered_at,
            attempt_log: Vec::new(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DeliveryList {
    data: Vec<DeliveryView>,
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    status: Option<DeliveryStatus>,
    incident_id: Option<crate::ids::IncidentId>,
    /// At most 200; default 50.
    limit: Option<u64>,
}

/// The delivery log, newest first; `status=dead` lists what gave up.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/deliveries", tag = "integrations", params(DeliveryQuery),
    responses((status = 200, body = DeliveryList))
)]
async fn list_deliveries(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<DeliveryQuery>,
) -> Result<Json<DeliveryList>> {
    org.require(Action::ManageIntegrations)?;
    let limit = query.limit.unwrap_or(50).clamp(1, 200);
    let found = org.scope(&state).deliveries(query.status, query.incident_id, limit).await?;
    Ok(Json(DeliveryList { data: found.into_iter().map(Into::into).collect() }))
}

#[derive(Deserialize)]
struct DeliveryPath {
    #[serde(rename = "deliveryId")]
    id: String,
}

/// One delivery with every attempt.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/deliveries/{deliveryId}", tag = "integrations",
    params(("deliveryId" = String, Path)),
    responses((status = 200, body = DeliveryView))
)]
async fn get_delivery(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(DeliveryPath { id }): ApiPath<DeliveryPath>,
) -> Result<Json<DeliveryView>> {
    org.require(Action::ManageIntegrations)?;
    let scope = org.scope(&state);
    let record = scope.delivery(&id).await?.ok_or(Error::NotFound("delivery"))?;
    let mut view = DeliveryView::from(record);
    view.attempt_log = scope
        .delivery_attempts(&id)
        .await?
        .into_iter()
        .map(|a| AttemptView {
            attempt: a.attempt,
            attempted_at: a.attempted_at,
            status_code: a.status_code,
            outcome: a.outcome,
        })
        .collect();
    Ok(Json(view))
}

/// Sends a dead delivery again (409 unless it is dead).
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/deliveries/{deliveryId}/retry", tag = "integrations",
    params(("deliveryId" = String, Path)),
    responses((status = 202), (status = 409, body = crate::error::Problem))
)]
async fn retry_delivery(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(DeliveryPath { id }): ApiPath<DeliveryPath>,
) -> Result<StatusCode> {
    org.require(Action::ManageIntegrations)?;
    let scope = org.scope(&state);
    scope.delivery(&id).await?.ok_or(Error::NotFound("delivery"))?;
    if !scope.retry_delivery(&id, &org.meta).await? {
        return Err(Error::conflict("not-dead", "only a delivery that gave up can be retried"));
    }
    if let Some(queue) = &state.queue {
        let message =
            crate::notify::worker::QueueMessage::Deliver { org_id: org.org_id(), delivery_id: id, lease: None };
        // The sweep sends it anyway if this fails.
        if let Err(error) = queue.send(&message).await {
            tracing::warn!(%error, "retry not queued; the sweep will send it");
        }
    }
    Ok(StatusCode::ACCEPTED)
}

/// Runs the sweep once: relays the outbox, queues due escalations and
/// delivery retries. Called by Vercel cron and the EventBridge schedule
/// with `Authorization: Bearer $CRON_SECRET`.
#[utoipa::path(
    get, path = "/api/cron/sweep", tag = "platform",
    responses((status = 200, body = SweepReport), (status = 401, body = crate::error::Problem))
)]
async fn sweep(State(state): State<AppState>, headers: HeaderMap) -> Result<Json<SweepReport>> {
    let secret = state.config.cron_secret.as_deref().ok_or(Error::Unauthenticated)?;
    let given = headers.get("authorization").and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    let matches = given.is_some_and(|given| {
        use sha2::Digest;
        // Compare digests: equal length, so the comparison leaks no prefix.
        sha2::Sha256::digest(given.as_bytes()) == sha2::Sha256::digest(secret.as_bytes())
    });
    if !matches {
        return Err(Error::Unauthenticated);
    }
    let report =
        crate::jobs::sweep::sweep_once(&state).await.map_err(|e| Error::Unavailable(crate::error::chain(&e)))?;
    Ok(Json(report))
}

pub fn integration_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_integrations))
        .routes(routes!(put_integration, delete_integration))
        .routes(routes!(test_integration))
}

pub fn webhook_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_webhooks, create_webhook))
        .routes(routes!(delete_webhook))
        .routes(routes!(rotate_webhook))
        .routes(routes!(test_webhook))
}

pub fn delivery_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_deliveries)).routes(routes!(get_delivery)).routes(routes!(retry_delivery))
}

pub fn cron_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sweep))
}
