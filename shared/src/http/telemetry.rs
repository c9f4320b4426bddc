//! One span, one log line and the request metrics per request: request
//! id, the function's name, method, the route template (never the raw path, which can carry
//! secrets such as an invitation's token), org id (recorded by the org
//! extractor), status and latency; a 500 is reported to Sentry.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The request's id: the caller's `x-request-id` when it is sane, else a new one.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

pub async fn request_span(mut request: Request, next: Next) -> Response {
    let request_id = request
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 128 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map_or_else(|| uuid::Uuid::now_v7().simple().to_string(), str::to_owned);
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str).to_owned();
    let span = tracing::info_span!(
        "request",
        otel.name = format!("{method} {route}"),
        otel.kind = "server",
        otel.status_code = tracing::field::Empty,
        request_id = %request_id,
        function = crate::logging::function_name(),
        method = %method,
        route = %route,
        http.route = %route,
        http.response.status_code = tracing::field::Empty,
        org_id = tracing::field::Empty,
    );
    if let Some(parent) = request.headers().get("traceparent").and_then(|v| v.to_str().ok()) {
        crate::logging::continue_trace(&span, parent);
    }
    request.extensions_mut().insert(RequestId(request_id.clone()));
    let started = Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    let took = started.elapsed();
    span.record("http.response.status_code", i64::from(response.status().as_u16()));
    if response.status().is_server_error() {
        span.record("otel.status_code", "ERROR");
    }
    crate::metrics::request_answered(method.as_str(), &route, response.status().as_u16(), took);
    let latency_ms = took.as_secs_f64() * 1000.0;
    span.in_scope(|| {
        tracing::info!(status = response.status().as_u16(), latency_ms, "request completed");
    });
    if response.status() == axum::http::StatusCode::INTERNAL_SERVER_ERROR {
        let facts = crate::reporting::RequestFacts {
            method: method.as_str(),
            route: &route,
            status: response.status().as_u16(),
            request_id: &request_id,
        };
        let error = response.extensions().get::<crate::reporting::ServerError>();
        let panicked = response.extensions().get::<crate::reporting::Panicked>().is_some();
        crate::reporting::server_error(&facts, error, panicked).await;
    }
    drop(span);
    if crate::logging::tracing_on() {
        let _ = tokio::task::spawn_blocking(crate::logging::flush_traces).await;
    }
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}
