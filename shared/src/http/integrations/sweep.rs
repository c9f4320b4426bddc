//! The sweep, for schedulers outside the process (Vercel cron, EventBridge).

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{Error, Result};
use crate::http::AppState;
use crate::jobs::sweep::SweepReport;

/// Runs the sweep once: relays the outbox, queues due escalations and
/// delivery retries. Called by Vercel cron and the EventBridge schedule
/// with `Authorization: Bearer $CRON_SECRET`.
#[utoipa::path(
    get, path = "/api/cron/sweep", tag = "platform",
    responses((status = 200, body = SweepReport), (status = 401, body = crate::error::Problem))
)]
async fn sweep(State(state): State<AppState>, headers: HeaderMap) -> Result<Json<SweepReport>> {
    let secret = state.config.cron_secret.as_deref().ok_or(Error::Unauthenticated)?;
    if !crate::http::bearer_is(&headers, secret) {
        return Err(Error::Unauthenticated);
    }
    let report = crate::jobs::sweep::sweep_once(&state).await.map_err(|e| Error::Upstream(crate::error::chain(&e)))?;
    Ok(Json(report))
}

pub fn cron_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sweep))
}
