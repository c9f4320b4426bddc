//! HTTP: per-resource routers, extractors, and the layers every endpoint
//! shares. [`service`] turns a resource router into the service a runner
//! serves, so a function and the local server answer identically.

pub mod approvals;
pub mod assets;
pub mod audit;
pub mod auth;
pub mod billing;
pub mod catalog;
pub mod changes;
pub mod dashboard;
pub mod docs;
pub mod events;
pub mod extract;
pub mod health;
pub mod incidents;
pub mod integrations;
pub mod invites;
pub mod kernel;
pub mod knowledge;
pub mod me;
pub mod members;
mod meta;
pub mod metrics;
pub mod oncall;
pub mod orgs;
pub mod problems;
mod rate_limit;
pub mod requests;
pub mod session;
pub mod sla;
pub mod teams;
pub mod telemetry;
pub mod tenant;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;

pub use crate::app::AppState;
use crate::error::Error;

/// Finishes a router: problem+json for unknown routes and wrong methods, the
/// body limit, and the per-request span and log line.
pub fn service(routes: OpenApiRouter<AppState>, state: AppState) -> Router {
    let (router, _) = routes.split_for_parts();
    finish(router.fallback(not_found), state)
}

/// Whether the request carries `secret` as its bearer token (an operator's
/// shared secret: the cron's, the metrics scrape's).
pub fn bearer_is(headers: &axum::http::HeaderMap, secret: &str) -> bool {
    use sha2::Digest;
    let given = headers.get("authorization").and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    // Compare digests: equal length, so the comparison leaks no prefix.
    given.is_some_and(|given| sha2::Sha256::digest(given.as_bytes()) == sha2::Sha256::digest(secret.as_bytes()))
}

/// Answers any path no route matched.
pub async fn not_found() -> Error {
    Error::NotFound("resource")
}

/// The layers of [`service`], for a router that brings its own fallback.
pub fn finish(router: Router<AppState>, state: AppState) -> Router {
    let limit = state.config.body_limit_bytes;
    router
        .layer(middleware::from_fn_with_state(state.clone(), publish_after_writes))
        .layer(middleware::from_fn(problem_for_bare_errors))
        // A bug must cost one request a 500 problem, never the connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panic_problem))
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn(telemetry::request_span))
        .with_state(state)
}

fn panic_problem(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a handler panicked");
    let mut response = Error::internal("handler panicked").into_response();
    response.extensions_mut().insert(crate::reporting::Panicked);
    response
}

/// After a write that succeeded, the events it recorded are relayed (to the
/// queue and Pusher) before the answer goes: once here, not in each
/// handler. Reads and refused writes record none.
async fn publish_after_writes(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let writes = !request.method().is_safe();
    let response = next.run(request).await;
    if writes && response.status().is_success() {
        state.publish_pending().await;
    }
    response
}

/// axum answers a wrong method with an empty 405 (adding `Allow` further
/// out); give it a problem body, keeping the headers.
async fn problem_for_bare_errors(request: Request, next: Next) -> Response {
    let what = format!("{} {}", request.method(), request.uri().path());
    let response = next.run(request).await;
    if response.status() != StatusCode::METHOD_NOT_ALLOWED || response.headers().contains_key("content-type") {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let problem = crate::error::Problem {
        problem_type: crate::error::problem_type("method-not-allowed"),
        title: "Method Not Allowed".to_owned(),
        status: 405,
        detail: format!("{what} is not allowed; the Allow header lists the methods this path accepts"),
        errors: Vec::new(),
        required_plan: None,
    };
    let (problem_parts, body) = problem.into_response().into_parts();
    parts.headers.extend(problem_parts.headers);
    Response::from_parts(parts, Body::new(body))
}
