//! One local HTTP receiver standing in for Slack, Twilio, PagerDuty and
//! webhook consumers: it records every request whole and answers as told
//! (by default what the vendor answers on success; a planned failure first).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse;

/// One request as received.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub headers: HeaderMap,
    pub body: String,
}

impl Received {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }

    pub fn form(&self) -> HashMap<String, String> {
        serde_urlencoded::from_str(&self.body).expect("a form body")
    }
}

#[derive(Default)]
struct Inner {
    received: Vec<Received>,
    /// Per path: statuses to answer before succeeding.
    failures: HashMap<String, Vec<u16>>,
}

#[derive(Clone)]
pub struct Receivers {
    pub base_url: String,
    inner: Arc<Mutex<Inner>>,
}

/// What each vendor answers when it accepts a request.
fn success(path: &str) -> (StatusCode, &'static str) {
    if path.contains("/Messages.json") {
        (StatusCode::CREATED, r#"{"sid":"SM123","status":"queued"}"#)
    } else if path.ends_with("/v2/enqueue") {
        (StatusCode::ACCEPTED, r#"{"status":"success","message":"Event processed","dedup_key":"x"}"#)
    } else {
        (StatusCode::OK, "ok")
    }
}

async fn receive(State(receivers): State<Receivers>, uri: Uri, headers: HeaderMap, body: String) -> impl IntoResponse {
    let path = uri.path().to_owned();
    let mut inner = receivers.inner.lock().expect("lock");
    inner.received.push(Received { path: path.clone(), headers, body });
    let planned = inner.failures.get_mut(&path).and_then(|statuses| (!statuses.is_empty()).then(|| statuses.remove(0)));
    match planned {
        // A redirect points elsewhere on this receiver, so a client that
        // followed it would show up under `/redirected`.
        Some(status) if (300..400).contains(&status) => {
            let location = format!("/redirected{path}");
            (StatusCode::from_u16(status).expect("status"), [(axum::http::header::LOCATION, location)], "moved")
                .into_response()
        }
        Some(status) => (StatusCode::from_u16(status).expect("status"), "planned failure").into_response(),
        None => success(&path).into_response(),
    }
}

impl Receivers {
    pub async fn start() -> Self {
        let receivers = Self { base_url: String::new(), inner: Arc::default() };
        let router = axum::Router::new().fallback(receive).with_state(receivers.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base_url = format!("http://{}", listener.local_addr().expect("addr"));
        tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
        Self { base_url, ..receivers }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// The next requests to `path` get these statuses, then success.
    pub fn fail_next(&self, path: &str, statuses: &[u16]) {
        self.inner.lock().expect("lock").failures.insert(path.to_owned(), statuses.to_vec());
    }

    /// Requests to paths starting with `prefix`, oldest first.
    pub fn received(&self, prefix: &str) -> Vec<Received> {
        self.inner.lock().expect("lock").received.iter().filter(|r| r.path.starts_with(prefix)).cloned().collect()
    }

    /// Waits until `count` requests to `prefix` arrived (10 s at most).
    pub async fn wait_for(&self, prefix: &str, count: usize) -> Vec<Received> {
        self.wait_for_where(prefix, count, |_| true).await
    }

    /// Requests to `prefix` that `wanted` picks, oldest first.
    pub fn received_where(&self, prefix: &str, wanted: impl Fn(&Received) -> bool) -> Vec<Received> {
        self.received(prefix).into_iter().filter(|r| wanted(r)).collect()
    }

    /// Waits until `count` requests to `prefix` that `wanted` picks arrived.
    pub async fn wait_for_where(
        &self,
        prefix: &str,
        count: usize,
        wanted: impl Fn(&Received) -> bool,
    ) -> Vec<Received> {
        for _ in 0..200 {
            let received = self.received_where(prefix, &wanted);
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {count} requests to {prefix}, got {:?}", self.received(prefix));
    }
}
