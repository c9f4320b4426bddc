//! Health, readiness, the error contract and the OpenAPI document.

use reqwest::header::{ALLOW, CONTENT_TYPE};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, expect_problem, on_both_stores, spawn_app};

on_both_stores! {
    async fn health_and_readiness(app: TestApp) {
        let client = app.browser();
        let health = client.get("/api/health").await;
        assert_eq!(health.status(), 200);
        assert!(health.headers().contains_key("x-request-id"));
        assert_eq!(health.json::<Value>().await.expect("json"), json!({"status": "ok"}));

        let ready: Value = client.get("/api/ready").await.json().await.expect("json");
        let expected = match app.backend { Backend::Sqlite => "sqlite", Backend::Postgres => "postgres" };
        assert_eq!(ready, json!({"status": "ok", "database": expected}));
    }
}

#[tokio::test]
async fn unknown_route_is_a_problem_404() {
    let app = spawn_app(Backend::Sqlite).await;
    let body = expect_problem(app.browser().get("/api/nope").await, 404).await;
    assert_eq!(body["type"], "https://simplicity.dev/problems/not-found");
}

#[tokio::test]
async fn wrong_method_is_405_with_allow() {
    let app = spawn_app(Backend::Sqlite).await;
    let response = app.browser().send(reqwest::Method::DELETE, "/api/health", None).await;
    let allow = response.headers().get(ALLOW).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(allow.contains("GET"), "Allow header was {allow:?}");
    let body = expect_problem(response, 405).await;
    assert!(body["detail"].as_str().unwrap_or_default().contains("DELETE /api/health"), "{body}");
}

#[tokio::test]
async fn request_ids_are_echoed_or_made() {
    let app = spawn_app(Backend::Sqlite).await;
    let client = app.browser();
    let echoed =
        client.http().get(client.url("/api/health")).header("x-request-id", "trace-123").send().await.expect("send");
    assert_eq!(echoed.headers()["x-request-id"], "trace-123");
    let made = client.get("/api/health").await;
    assert_eq!(made.headers()["x-request-id"].len(), 32);
}

#[tokio::test]
async fn malformed_json_is_400() {
    let app = spawn_app(Backend::Sqlite).await;
    let client = app.browser();
    let response = client
        .http()
        .post(client.url("/api/auth/signup"))
        .header(CONTENT_TYPE, "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .expect("send");
    let body = expect_problem(response, 400).await;
    assert!(body["detail"].as_str().unwrap_or_default().contains("not valid JSON"), "{body}");
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let app = spawn_app(Backend::Sqlite).await;
    let client = app.browser();
    let response = client
        .http()
        .post(client.url("/api/auth/signup"))
        .header(CONTENT_TYPE, "text/plain")
        .body("email=a")
        .send()
        .await
        .expect("send");
    let body = expect_problem(response, 415).await;
    assert!(body["detail"].as_str().unwrap_or_default().contains("text/plain"), "{body}");
}

#[tokio::test]
async fn body_over_one_mebibyte_is_413() {
    let app = spawn_app(Backend::Sqlite).await;
    let huge = json!({"email": "a@example.com", "password": "x".repeat(1024 * 1024 + 10), "name": "A"});
    let response = app.browser().post("/api/auth/signup", huge).await;
    expect_problem(response, 413).await;
}

#[tokio::test]
async fn missing_and_mistyped_fields_are_named() {
    let app = spawn_app(Backend::Sqlite).await;
    let client = app.browser();
    let missing = client.post("/api/auth/signup", json!({"email": "a@example.com", "name": "A"})).await;
    let body = expect_problem(missing, 422).await;
    assert_eq!(body["errors"][0]["field"], "password", "{body}");

    let mistyped = client.post("/api/auth/signup", json!({"email": "a@example.com", "password": 5, "name": "A"})).await;
    let body = expect_problem(mistyped, 422).await;
    assert_eq!(body["errors"][0]["field"], "password", "{body}");

    let unknown = client
        .post("/api/auth/signup", json!({"email": "a@example.com", "password": "p", "name": "A", "admin": true}))
        .await;
    let body = expect_problem(unknown, 422).await;
    assert!(body["detail"].as_str().unwrap_or_default().contains("admin"), "{body}");
}

/// Validates `/api/openapi.json` with an independent validator
/// (openapi-spec-validator from PyPI, installed by scripts/test).
#[tokio::test]
async fn openapi_document_is_valid_openapi_3_1_and_lists_every_endpoint() {
    let app = spawn_app(Backend::Sqlite).await;
    let response = app.browser().get("/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.expect("body");
    let doc: Value = serde_json::from_str(&text).expect("json");
    assert!(doc["openapi"].as_str().unwrap_or_default().starts_with("3.1"), "openapi = {}", doc["openapi"]);
    let paths: Vec<&String> = doc["paths"].as_object().expect("paths").keys().collect();
    for endpoint in simplicity_shared::endpoints::ALL {
        let nested = format!("{}/", endpoint.path);
        assert!(
            paths.iter().any(|p| *p == endpoint.path || (endpoint.nested && p.starts_with(&nested))),
            "{} has no route in the document",
            endpoint.path
        );
    }

    let path = std::env::temp_dir().join(format!("openapi-{}.json", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, &text).expect("write spec");
    let python = crate::helpers::venv_python();
    let output = std::process::Command::new(&python)
        .args(["-m", "openapi_spec_validator"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e} (scripts/test installs it)", python.display()));
    let _ = std::fs::remove_file(&path);
    assert!(
        output.status.success(),
        "openapi-spec-validator rejected the document:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );

    let docs = app.browser().get("/api/docs").await;
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.expect("html").contains("/api/openapi.json"));
}

async fn with_cron_secret(backend: Backend) -> TestApp {
    crate::helpers::spawn_app_with(backend, |config| config.cron_secret = Some("cron-s3cret".to_owned())).await
}

on_both_stores! {
    async fn the_sweep_runs_only_for_the_cron_secret(app: TestApp = with_cron_secret) {
        let http = reqwest::Client::new();
        let url = app.url("/api/cron/sweep");
        expect_problem(http.get(&url).send().await.expect("send"), 401).await;
        for wrong in ["Bearer cron-s3cre", "Bearer cron-s3cret2", "cron-s3cret", "Basic Y3Jvbi1zM2NyZXQ="] {
            expect_problem(http.get(&url).header("authorization", wrong).send().await.expect("send"), 401).await;
        }
        let report = http.get(&url).header("authorization", "Bearer cron-s3cret").send().await.expect("send");
        assert_eq!(report.status(), 200);
        let report: Value = report.json().await.expect("json");
        for field in ["eventsRelayed", "escalationsQueued", "deliveriesQueued"] {
            assert!(report[field].is_u64(), "{field}: {report}");
        }
    }
}

on_both_stores! {
    async fn without_a_cron_secret_the_sweep_endpoint_is_shut(app: TestApp) {
        let response = reqwest::Client::new().get(app.url("/api/cron/sweep")).header("authorization", "Bearer ").send().await;
        expect_problem(response.expect("send"), 401).await;
    }
}
