//! A stand-in for the AWS Lambda Runtime API, for the tests and the cold
//! start benchmark: it hands a function process its queued events on
//! `/next` and collects what the function posts back. Included by path
//! (`#[path]`) where needed.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde_json::{Value, json};
use tokio::sync::{Mutex, mpsc, oneshot};

/// The environment a function needs to run under the stand-in at `addr`
/// (`lambda_http` refuses to start without the function's name, memory and
/// version).
pub fn lambda_env(addr: std::net::SocketAddr, function: &str) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_LAMBDA_RUNTIME_API", addr.to_string()),
        ("AWS_LAMBDA_FUNCTION_NAME", function.to_owned()),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256".to_owned()),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".to_owned()),
    ]
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

pub struct LambdaHarness {
    api: RuntimeApi,
    events: mpsc::Sender<(String, Value)>,
    pub addr: std::net::SocketAddr,
}

impl LambdaHarness {
    pub async fn start() -> Self {
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
    pub async fn invoke_raw(&self, event: Value) -> Value {
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
    pub async fn invoke_http(
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
}
