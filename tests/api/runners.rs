//! One endpoint binary, run as a real process under each runner, answers as
//! the local server does for the same request.

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde_json::{Value, json};
use tokio::sync::{Mutex, mpsc, oneshot};

use crate::helpers::{ChildGuard, PASSWORD, TestApp, free_port, on_both_stores, wait_until_up};

pub(crate) fn endpoint_binary(endpoint: &simplicity_shared::endpoints::Endpoint) -> String {
    let dir = std::path::Path::new(env!("CARGO_BIN_EXE_simplicity")).parent().expect("bin dir").to_owned();
    dir.join(endpoint.bin_name()).display().to_string()
}

pub(crate) fn spawn_function(binary: &str, database_url: &str, env: &[(&str, String)]) -> ChildGuard {
    let mut command = Command::new(binary);
    command
        .env_clear()
        .env("DATABASE_URL", database_url)
        .env("PUBLIC_URL", crate::helpers::PUBLIC_URL)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    for (key, value) in env {
        command.env(key, value);
    }
    ChildGuard(command.spawn().unwrap_or_else(|e| panic!("cannot start {binary}: {e}")))
}

/// Signs up and creates an org through the local server; returns the session
/// cookie (`name=value`), the org id and the person's email.
pub(crate) async fn seed(app: &TestApp) -> (String, String, String) {
    let client = reqwest::Client::new();
    let email = format!("runner-{}@example.com", uuid::Uuid::new_v4().simple());
    let signup = client
        .post(app.url("/api/auth/signup"))
        .json(&json!({"email": email, "password": PASSWORD, "name": "Runner"}))
        .send()
        .await
        .expect("signup");
    assert_eq!(signup.status(), 202);
    let login = client
        .post(app.url("/api/auth/login"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .expect("login");
    assert_eq!(login.status(), 200);
    let set_cookie = login.headers()["set-cookie"].to_str().expect("ascii").to_owned();
    let cookie = set_cookie.split(';').next().expect("cookie pair").to_owned();
    let verified = client
        .post(app.url("/api/auth/verify-email"))
        .header("cookie", &cookie)
        .header("origin", crate::helpers::PUBLIC_URL)
        .json(&json!({"token": app.token_mailed_to(&email, "/verify-email?token=").await}))
        .send()
        .await
        .expect("verify");
    assert_eq!(verified.status(), 204);
    let org: Value = client
        .post(app.url("/api/orgs"))
        .header("cookie", &cookie)
        .header("origin", crate::helpers::PUBLIC_URL)
        .json(&json!({"name": "Runners", "slug": format!("run-{}", &uuid::Uuid::new_v4().simple().to_string()[..8])}))
        .send()
        .await
        .expect("create org")
        .json()
        .await
        .expect("org");
    (cookie, org["id"].as_str().expect("org id").to_owned(), email)
}

/// What the local server answers: (status, JSON body).
async fn local_answer(app: &TestApp, path: &str, cookie: &str) -> (u16, Value) {
    let response = reqwest::Client::new().get(app.url(path)).header("cookie", cookie).send().await.expect("local");
    (response.status().as_u16(), response.json().await.expect("json"))
}

/// A stand-in for the Lambda Runtime API: hands out queued events on
/// `/next` and collects what the function posts back.
#[derive(Clone)]
struct RuntimeApi {
    events: Arc<Mutex<mpsc::Receiver<(String, Value)>>>,
    waiting: Arc<Mutex<HashMap<String, oneshot::Sender<Value>>>>,
}

async fn next_invocation(State(api): State<RuntimeApi>) -> impl IntoResponse {
    // Once the test drops its harness, the function waits on: it is killed.
    let Some((request_id, event)) = api.events.lock().await.recv().await else {
        return std::future::pending().await;
    };
    let deadline = (chrono::Utc::now() + chrono::Duration::seconds(30)).timestamp_millis();
    let mut headers = HeaderMap::new();
    headers.insert("lambda-runtime-aws-request-id", request_id.parse().expect("header"));
    headers.insert("lambda-runtime-deadline-ms", deadline.to_string().parse().expect("header"));
    headers.insert(
        "lambda-runtime-invoked-function-arn",
        "arn:aws:lambda:us-east-1:123456789012:function:test".parse().expect("header"),
    );
    (headers, axum::Json(event))
}

async fn invocation_result(State(api): State<RuntimeApi>, Path((id, kind)): Path<(String, String)>, body: String) {
    let value =
        if kind == "response" { serde_json::from_str(&body).expect("response json") } else { json!({"error": body}) };
    if let Some(waiter) = api.waiting.lock().await.remove(&id) {
        let _ = waiter.send(value);
    }
}

pub(crate) struct LambdaHarness {
    api: RuntimeApi,
    events: mpsc::Sender<(String, Value)>,
    pub(crate) addr: std::net::SocketAddr,
}

impl LambdaHarness {
    pub(crate) async fn start() -> Self {
        let (events, receiver) = mpsc::channel(8);
        let api = RuntimeApi { events: Arc::new(Mutex::new(receiver)), waiting: Arc::default() };
        let router = Router::new()
            .route("/2018-06-01/runtime/invocation/next", get(next_invocation))
            .route("/2018-06-01/runtime/invocation/{id}/{kind}", post(invocation_result))
            .with_state(api.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move { axum::serve(listener, router).await.expect("serve runtime api") });
        Self { api, events, addr }
    }

    /// Invokes the function with `event`; returns what it answered.
    pub(crate) async fn invoke_raw(&self, event: Value) -> Value {
        let request_id = uuid::Uuid::new_v4().to_string();
        let (sender, receiver) = oneshot::channel();
        self.api.waiting.lock().await.insert(request_id.clone(), sender);
        self.events.send((request_id, event)).await.expect("queue event");
        let reply =
            tokio::time::timeout(Duration::from_secs(30), receiver).await.expect("function answered").expect("reply");
        assert!(reply.get("error").is_none(), "function reported an error: {reply}");
        reply
    }

    /// Invokes the function with an API Gateway HTTP API (v2) event for
    /// `method` on `path` (with its query), as API Gateway would send it:
    /// cookies apart from the other headers. Returns the function's reply.
    pub(crate) async fn invoke_http(
        &self,
        method: &str,
        path: &str,
        headers: &[(String, String)],
        body: Option<&str>,
    ) -> Value {
        let request_id = uuid::Uuid::new_v4().to_string();
        let (raw_path, query) = path.split_once('?').unwrap_or((path, ""));
        let cookies: Vec<&str> =
            headers.iter().filter(|(k, _)| k == "cookie").flat_map(|(_, v)| v.split("; ")).collect();
        let mut header_map = serde_json::Map::new();
        header_map.insert("host".into(), "api.example.com".into());
        for (key, value) in headers.iter().filter(|(k, _)| k != "cookie") {
            header_map.insert(key.clone(), value.clone().into());
        }
        let event = json!({
            "version": "2.0",
            "routeKey": "$default",
            "rawPath": raw_path,
            "rawQueryString": query,
            "cookies": cookies,
            "headers": header_map,
            "requestContext": {
                "accountId": "123456789012", "apiId": "api", "domainName": "api.example.com",
                "domainPrefix": "api", "requestId": request_id, "routeKey": "$default", "stage": "$default",
                "time": "25/Nov/2026:19:03:58 +0000", "timeEpoch": 1_795_633_438_000u64,
                "http": {"method": method, "path": raw_path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "test"}
            },
            "body": body,
            "isBase64Encoded": false
        });
        self.invoke_raw(event).await
    }

    /// A GET with a session cookie: (status, JSON body).
    async fn invoke(&self, path: &str, cookie: &str) -> (u16, Value) {
        let headers = [("accept".to_owned(), "application/json".to_owned()), ("cookie".to_owned(), cookie.to_owned())];
        let reply = self.invoke_http("GET", path, &headers, None).await;
        let body = reply["body"].as_str().expect("string body");
        (reply["statusCode"].as_u64().expect("status") as u16, serde_json::from_str(body).expect("json body"))
    }
}

on_both_stores! {
    async fn lambda_runner_answers_like_the_local_server(app: TestApp) {
        let (cookie, org_id, _) = seed(&app).await;
        let harness = LambdaHarness::start().await;
        let binary = endpoint_binary(&simplicity_shared::endpoints::ORG);
        let _function = spawn_function(&binary, &app.db.url, &[
            ("AWS_LAMBDA_RUNTIME_API", harness.addr.to_string()),
            ("AWS_LAMBDA_FUNCTION_NAME", "api-orgs-orgid".to_owned()),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256".to_owned()),
            ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".to_owned()),
        ]);

        let path = format!("/api/orgs/{org_id}");
        let lambda = harness.invoke(&path, &cookie).await;
        assert_eq!(lambda.0, 200, "{}", lambda.1);
        assert_eq!(lambda, local_answer(&app, &path, &cookie).await);

        let other_org = format!("/api/orgs/{}", simplicity_shared::ids::OrgId::new());
        let lambda = harness.invoke(&other_org, &cookie).await;
        assert_eq!(lambda.0, 404);
        assert_eq!(lambda, local_answer(&app, &other_org, &cookie).await);
    }

    async fn vercel_runner_answers_like_the_local_server(app: TestApp) {
        let (cookie, org_id, _) = seed(&app).await;
        let port = free_port();
        let binary = endpoint_binary(&simplicity_shared::endpoints::ORG);
        let _function = spawn_function(&binary, &app.db.url, &[("VERCEL_DEV_PORT", port.to_string())]);
        let client = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        wait_until_up(&format!("{base}/api/health")).await;

        let expected = local_answer(&app, &format!("/api/orgs/{org_id}"), &cookie).await;
        assert_eq!(expected.0, 200);
        // As routed by path, and as Vercel hands over a dynamic-segment file route.
        for path in [format!("/api/orgs/{org_id}"), format!("/api/orgs/[orgId]?orgId={org_id}")] {
            let response = client.get(format!("{base}{path}")).header("cookie", &cookie).send().await.expect("vercel");
            let answer = (response.status().as_u16(), response.json::<Value>().await.expect("json"));
            assert_eq!(answer, expected, "for {path}");
        }
    }
}

/// The notification worker binary (`functions/notify.rs`).
fn worker_binary() -> String {
    let dir = std::path::Path::new(env!("CARGO_BIN_EXE_simplicity")).parent().expect("bin dir").to_owned();
    dir.join("notify-worker").display().to_string()
}

/// An SQS endpoint that refuses connections: the app's own relay cannot
/// deliver, so only the worker under test sends anything.
fn unreachable_sqs() -> simplicity_shared::config::SqsConfig {
    let endpoint = format!("http://127.0.0.1:{}", free_port());
    simplicity_shared::config::SqsConfig {
        queue_url: format!("{endpoint}/123456789012/notify"),
        endpoint: Some(endpoint),
    }
}

async fn worker_app(backend: crate::helpers::Backend) -> TestApp {
    crate::helpers::spawn_app_with(backend, |config| config.sqs = Some(unreachable_sqs())).await
}

on_both_stores! {
    async fn the_worker_takes_sqs_batches_under_lambda_and_reports_failed_messages(app: TestApp = worker_app) {
        let hooks = crate::receivers::Receivers::start().await;
        let org = crate::helpers::OrgFixture::new(&app, "Worker").await;
        let slack = json!({"webhookUrl": hooks.url("/slack/worker")});
        assert_eq!(org.admin.send(reqwest::Method::PUT, &org.path("/integrations/slack"), Some(slack)).await.status(), 204);
        crate::incidents::open_incident(&org.admin, &org, json!({"title": "Via Lambda", "severity": "P3"})).await;
        let mut stream = crate::live::EventReader::open(&org.admin, &org.path("/events"), Some("0")).await;
        let created = stream.next(Duration::from_secs(5)).await.expect("the created event");
        assert_eq!(created.event, "incident.created");
        let message = json!({"type": "event", "orgId": org.id, "eventId": created.data["id"]}).to_string();

        let harness = LambdaHarness::start().await;
        let sqs = unreachable_sqs();
        let _worker = spawn_function(&worker_binary(), &app.db.url, &[
            ("AWS_LAMBDA_RUNTIME_API", harness.addr.to_string()),
            ("AWS_LAMBDA_FUNCTION_NAME", "notify-worker".to_owned()),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256".to_owned()),
            ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".to_owned()),
            ("SECRETS_KEY", crate::helpers::TEST_SECRETS_KEY.to_owned()),
            // The Slack receiver is on 127.0.0.1.
            ("OUTBOUND_ALLOW_PRIVATE", "true".to_owned()),
            ("SQS_QUEUE_URL", sqs.queue_url),
            ("SQS_ENDPOINT_URL", sqs.endpoint.unwrap_or_default()),
        ]);
        let record = |id: &str, body: &str| json!({
            "messageId": id, "receiptHandle": format!("rh-{id}"), "body": body, "attributes": {},
            "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:notify", "awsRegion": "us-east-1",
        });
        let batch = json!({"Records": [record("m1", &message), record("m2", "not a message"), record("m3", &message)]});
        let reply = harness.invoke_raw(batch).await;
        assert_eq!(reply, json!({"batchItemFailures": [{"itemIdentifier": "m2"}]}), "only the unreadable message comes back");
        let received = hooks.wait_for("/slack/worker", 1).await;
        assert!(received[0].body.contains("Via Lambda"));
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(hooks.received("/slack/worker").len(), 1, "the duplicate in the batch sent nothing");
    }
}
