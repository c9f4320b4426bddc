//! Liveness and readiness probes.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::error::{Error, Result};

#[derive(Serialize, ToSchema)]
pub struct HealthStatus {
    /// Always `ok` when the process answers.
    status: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct ReadyStatus {
    status: &'static str,
    /// `sqlite` or `postgres`.
    database: &'static str,
}

/// Liveness: the process is up. Touches nothing else.
#[utoipa::path(get, path = "/api/health", tag = "platform", responses((status = 200, body = HealthStatus)))]
async fn health() -> Json<HealthStatus> {
    Json(HealthStatus { status: "ok" })
}

/// Readiness: the store answers a query.
#[utoipa::path(
    get, path = "/api/ready", tag = "platform",
    responses((status = 200, body = ReadyStatus), (status = 503, body = crate::error::Problem))
)]
async fn ready(State(state): State<AppState>) -> Result<Json<ReadyStatus>> {
    state.store.ping().await.map_err(|error| {
        tracing::warn!(error = %crate::error::chain(&error), "store not ready");
        Error::Upstream("the database is not reachable".to_owned())
    })?;
    let database = match state.store.backend() {
        crate::store::Backend::Sqlite => "sqlite",
        crate::store::Backend::Postgres => "postgres",
    };
    Ok(Json(ReadyStatus { status: "ok", database }))
}

pub fn health_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

pub fn ready_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(ready))
}
