//! Sentry, with a local receiver standing in for the DSN's host: a handler
//! panic and a 500 each make exactly one envelope, through the layers every
//! endpoint shares, naming the route template and the request id — and
//! nothing of the request's body, its credentials or the error's secrets.

use std::time::Duration;

use axum::Json;
use axum::routing::{get, post};
use serde_json::{Value, json};
use simplicity_shared::error::Error;
use utoipa_axum::router::OpenApiRouter;

use crate::helpers::{Backend, spawn_app};
use crate::receivers::Receivers;

async fn fails(Json(_): Json<Value>) -> Result<Json<Value>, Error> {
    Err(Error::internal("the pool could not reach postgres://app:hunter2@db.internal:5432/simplicity"))
}

async fn panics() -> &'static str {
    panic!("the dial went past eleven")
}

/// An envelope's items: its header line, then item header and payload pairs.
fn events(envelope: &str) -> Vec<Value> {
    let lines: Vec<&str> = envelope.lines().collect();
    lines[1..]
        .chunks(2)
        .filter(|pair| pair.len() == 2 && serde_json::from_str::<Value>(pair[0]).is_ok_and(|h| h["type"] == "event"))
        .map(|pair| serde_json::from_str(pair[1]).expect("an event"))
        .collect()
}

async fn a_panic_and_a_500_each_report_once_without_secrets(backend: Backend) {
    let app = spawn_app(backend).await;
    let sentry = Receivers::start().await;
    let port = sentry.base_url.rsplit(':').next().expect("port");
    let _reporting = simplicity_shared::reporting::init(Some(format!("http://publickey@127.0.0.1:{port}/42")));
    let state = simplicity_shared::app::AppState::build(simplicity_shared::config::Config::for_database(&app.db.url))
        .await
        .expect("state");
    let routes = OpenApiRouter::new().route("/api/boom/fails", post(fails)).route("/api/boom/panics", get(panics));
    let router = simplicity_shared::http::service(routes, state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });

    let client = reqwest::Client::new();
    let failed = client
        .post(format!("{base}/api/boom/fails"))
        .header("authorization", "Bearer tok-secret-token")
        .header("x-request-id", "req-golden-500")
        .json(&json!({"password": "secret-body-value"}))
        .send()
        .await
        .expect("answer");
    assert_eq!(failed.status(), 500);
    let panicked = client
        .get(format!("{base}/api/boom/panics?key=query-secret"))
        .header("x-request-id", "req-panic")
        .send()
        .await
        .expect("answer");
    assert_eq!(panicked.status(), 500, "a panic costs one request a 500");

    sentry.wait_for("/api/42/envelope", 2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let envelopes: Vec<String> = sentry.received("/api/42/envelope").into_iter().map(|r| r.body).collect();
    assert_eq!(envelopes.len(), 2, "one envelope each: {envelopes:#?}");
    for secret in ["hunter2", "secret-body-value", "tok-secret-token", "query-secret", "password"] {
        assert!(envelopes.iter().all(|e| !e.contains(secret)), "{secret} reached Sentry: {envelopes:#?}");
    }
    let events: Vec<Value> = envelopes.iter().flat_map(|e| events(e)).collect();
    assert_eq!(events.len(), 2, "{events:#?}");
    let error = events.iter().find(|e| e["tags"]["route"] == "/api/boom/fails").expect("the 500's event");
    assert_eq!(
        (error["tags"]["request_id"].as_str(), error["tags"]["status"].as_str()),
        (Some("req-golden-500"), Some("500"))
    );
    let message = error["message"].as_str().or(error["logentry"]["message"].as_str()).unwrap_or_default();
    assert!(message.contains("postgres://[redacted]@db.internal"), "{error:#}");
    let panic = events.iter().find(|e| e["tags"]["route"] != "/api/boom/fails").expect("the panic's event");
    let exception = panic["exception"]["values"][0]["value"].as_str().unwrap_or_default();
    assert!(exception.contains("the dial went past eleven"), "{panic:#}");
    assert!(panic["request"].is_null() && error["request"].is_null(), "no request data");
}

#[tokio::test]
async fn a_panic_and_a_500_each_report_once_without_secrets_sqlite() {
    a_panic_and_a_500_each_report_once_without_secrets(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_panic_and_a_500_each_report_once_without_secrets_postgres() {
    a_panic_and_a_500_each_report_once_without_secrets(Backend::Postgres).await;
}
