//! Personal API tokens: shown once, stored hashed, scoped, revocable, expiring.

use reqwest::header::AUTHORIZATION;
use serde_json::{Value, json};

use crate::helpers::{TestApp, expect_problem, on_both_stores};

pub async fn with_token(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request =
        reqwest::Client::new().request(method, app.url(path)).header(AUTHORIZATION, format!("Bearer {token}"));
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("send")
}

on_both_stores! {
    async fn tokens_authenticate_within_their_scope(app: TestApp) {
        let owner = app.browser();
        app.sign_up_verified(&owner, "Scripter").await;
        let read_only: Value = owner.post("/api/me/tokens", json!({"name": "ci", "scope": "read-only"})).await.json().await.expect("json");
        let secret = read_only["secret"].as_str().expect("secret").to_owned();
        assert!(secret.starts_with("sim_"));

        assert_eq!(with_token(&app, reqwest::Method::GET, "/api/me", &secret, None).await.status(), 200);
        let write = with_token(&app, reqwest::Method::POST, "/api/orgs", &secret, Some(json!({"name": "X", "slug": "token-org"}))).await;
        expect_problem(write, 403).await;

        let listed: Value = owner.get("/api/me/tokens").await.json().await.expect("json");
        assert!(listed["data"][0]["lastUsedAt"].is_string(), "last use is recorded: {listed}");
        assert!(listed["data"][0].get("secret").is_none(), "secrets are shown once");

        let read_write: Value = owner.post("/api/me/tokens", json!({"name": "deploy", "scope": "read-write"})).await.json().await.expect("json");
        let rw_secret = read_write["secret"].as_str().expect("secret");
        let slug = format!("tok-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
        // Bearer requests need no Origin: they are not cookie-authenticated.
        let created = with_token(&app, reqwest::Method::POST, "/api/orgs", rw_secret, Some(json!({"name": "X", "slug": slug}))).await;
        assert_eq!(created.status(), 201);

        let id = read_only["id"].as_str().expect("id");
        assert_eq!(owner.delete(&format!("/api/me/tokens/{id}")).await.status(), 204);
        expect_problem(with_token(&app, reqwest::Method::GET, "/api/me", &secret, None).await, 401).await;
        expect_problem(owner.delete(&format!("/api/me/tokens/{id}")).await, 404).await;

        let past = owner.post("/api/me/tokens", json!({"name": "old", "scope": "read-only", "expiresAt": "2020-01-01T00:00:00Z"})).await;
        assert_eq!(expect_problem(past, 422).await["errors"][0]["field"], "expiresAt");
        let expiring: Value = owner.post("/api/me/tokens", json!({"name": "soon", "scope": "read-only", "expiresAt": "2099-01-01T00:00:00Z"})).await.json().await.expect("json");
        app.execute_sql("UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00+00:00' WHERE name = 'soon'").await.expect("age token");
        expect_problem(with_token(&app, reqwest::Method::GET, "/api/me", expiring["secret"].as_str().expect("secret"), None).await, 401).await;
        let bogus = with_token(&app, reqwest::Method::GET, "/api/me", "sim_not_a_token", None).await;
        expect_problem(bogus, 401).await;
    }
}
