//! Prometheus' scrape. `GET /api/metrics` is a function like any other,
//! opted into by setting `METRICS_TOKEN` (404 without it), which the scrape
//! sends as its bearer token; local mode also answers `GET /metrics`, open
//! unless `METRICS_TOKEN` is set.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{Error, Result};
use crate::http::AppState;

async fn scrape(state: &AppState) -> Result<Response> {
    let text = crate::metrics::exposition(&state.store).await?;
    Ok(([(CONTENT_TYPE, crate::metrics::CONTENT_TYPE)], text).into_response())
}

/// The process's metrics in OpenMetrics text: requests by route template
/// and status, latency, queue sends, delivery outcomes, escalation lag,
/// sweep duration, and the outbox backlog. Only when `METRICS_TOKEN` is
/// set, sent as the bearer token.
#[utoipa::path(
    get, path = "/api/metrics", tag = "platform",
    responses(
        (status = 200, description = "OpenMetrics text", content_type = "application/openmetrics-text"),
        (status = 401, body = crate::error::Problem),
        (status = 404, description = "METRICS_TOKEN is not set", body = crate::error::Problem)
    )
)]
async fn function_scrape(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    let token = state.config.metrics_token.as_deref().ok_or(Error::NotFound("resource"))?;
    if !crate::http::bearer_is(&headers, token) {
        return Err(Error::Unauthenticated);
    }
    scrape(&state).await
}

/// Local mode's `GET /metrics`.
pub async fn local_scrape(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    if let Some(token) = &state.config.metrics_token
        && !crate::http::bearer_is(&headers, token)
    {
        return Err(Error::Unauthenticated);
    }
    scrape(&state).await
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(function_scrape))
}
