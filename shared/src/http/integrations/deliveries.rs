//! The delivery log: what went out through which channel, every attempt,
//! and a retry for what gave up.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::domain::permissions::Action;
use crate::error::{Error, Result};
use crate::http::AppState;
use crate::http::extract::{ApiPath, ApiQuery};
use crate::http::tenant::OrgContext;
use crate::ids::{EventId, IncidentId};
use crate::notify::worker::QueueMessage;
use crate::store::{DeliveryRecord, DeliveryStatus};

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryView {
    id: String,
    event_id: EventId,
    incident_id: Option<IncidentId>,
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
    incident_id: Option<IncidentId>,
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
        let message = QueueMessage::Deliver { org_id: org.org_id(), delivery_id: id, lease: None };
        // The sweep sends it anyway if this fails.
        if let Err(error) = queue.send(&message).await {
            tracing::warn!(%error, "retry not queued; the sweep will send it");
        }
    }
    Ok(StatusCode::ACCEPTED)
}

pub fn delivery_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_deliveries)).routes(routes!(get_delivery)).routes(routes!(retry_delivery))
}
