//! Local mode: every endpoint function's router in one server, the API docs
//! page, the Prometheus scrape and the exported frontend.

use axum::Router;
use axum::routing::{any, get};
use tower_http::services::{ServeDir, ServeFile};
use utoipa_axum::router::OpenApiRouter;

use crate::app::AppState;
use crate::endpoints;
use crate::http;

/// The whole product's router, as the local server serves it.
pub fn router(state: AppState) -> Router {
    let routes = endpoints::ALL.iter().fold(OpenApiRouter::new(), |all, endpoint| all.merge((endpoint.routes)()));
    let (api, _) = routes.split_for_parts();
    let api = api.route("/api/docs", get(http::docs::docs_page)).route("/metrics", get(http::metrics::local_scrape));
    let web_dir = state.config.web_dir.clone();
    let router = if web_dir.join("index.html").is_file() {
        // Unknown API paths keep their problem+json 404; any other path is
        // the web app, whose shell routes `/{slug}/…` on the client.
        let app_shell = ServeFile::new(web_dir.join("index.html"));
        api.route("/api/{*rest}", any(http::not_found))
            .fallback_service(ServeDir::new(&web_dir).append_index_html_on_directories(true).fallback(app_shell))
    } else {
        api.fallback(http::not_found)
    };
    http::finish(router, state)
}

/// Local mode's background work, in this process: the outbox relay (woken
/// by writes), the notification workers (fed in-process, or from SQS when
/// configured) and the sweep every `sweep_interval`. Returns the state with
/// its queue and relay set. The tasks run in the caller's span.
pub async fn start_background(mut state: AppState) -> AppState {
    use std::sync::Arc;

    use tracing::Instrument;

    use crate::jobs::relay::Relay;
    use crate::notify::queue::{InProcessQueue, SqsQueue, run_in_process};

    let span = tracing::Span::current();
    let ctx = Arc::new(state.worker_context());
    match state.config.sqs.clone() {
        Some(sqs) => {
            let poller = Arc::new(SqsQueue::new(sqs.queue_url, sqs.endpoint));
            tokio::spawn(poller.poll(ctx).instrument(span.clone()));
        }
        None => {
            let (queue, receiver) = InProcessQueue::new();
            state.queue = Some(Arc::new(queue));
            tokio::spawn(run_in_process(receiver, ctx).instrument(span.clone()));
        }
    }
    state.relay = Arc::new(Relay::in_background());
    let relayer = state.clone();
    tokio::spawn(async move { relayer.relay.run_when_woken(&relayer).await }.instrument(span.clone()));
    let sweeper = state.clone();
    let interval = state.config.sweep_interval;
    tokio::spawn(
        async move {
            let mut ticks = tokio::time::interval(interval);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                if let Err(error) = crate::jobs::sweep::sweep_once(&sweeper).await {
                    tracing::warn!(error = %crate::error::chain(&error), "sweep failed; next tick retries");
                }
            }
        }
        .instrument(span),
    );
    state
}
