//! Serverless live updates: domain events published to Pusher Channels'
//! HTTP API, checked by a stand-in that verifies Pusher's request signing.

use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::helpers::{Backend, OrgFixture, spawn_app_with};

const APP_ID: &str = "4242";
const KEY: &str = "test-key";
const SECRET: &str = "test-secret";

type Received = Arc<Mutex<Vec<Value>>>;

/// Accepts a publish only if its signature and body hash are right, as
/// Pusher does: HMAC-SHA256 over "POST\n<path>\n<sorted query without auth_signature>".
async fn receive(
    State(received): State<Received>,
    Path(app_id): Path<String>,
    Query(query): Query<std::collections::BTreeMap<String, String>>,
    body: String,
) -> StatusCode {
    let mut signed: Vec<String> =
        query.iter().filter(|(k, _)| *k != "auth_signature").map(|(k, v)| format!("{k}={v}")).collect();
    signed.sort();
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes()).expect("key");
    mac.update(format!("POST\n/apps/{app_id}/events\n{}", signed.join("&")).as_bytes());
    let expected = hex::encode(mac.finalize().into_bytes());
    let body_md5 = {
        use md5::Digest;
        hex::encode(md5::Md5::digest(body.as_bytes()))
    };
    let authentic = app_id == APP_ID
        && query.get("auth_key").map(String::as_str) == Some(KEY)
        && query.get("auth_version").map(String::as_str) == Some("1.0")
        && query.get("auth_signature") == Some(&expected)
        && query.get("body_md5") == Some(&body_md5);
    if !authentic {
        return StatusCode::UNAUTHORIZED;
    }
    received.lock().expect("lock").push(serde_json::from_str(&body).expect("json body"));
    StatusCode::OK
}

#[tokio::test]
async fn incident_events_are_published_to_pusher_signed() {
    let received: Received = Arc::default();
    let router =
        axum::Router::new().route("/apps/{app_id}/events", axum::routing::post(receive)).with_state(received.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base_url = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });

    let app = spawn_app_with(Backend::Sqlite, |config| {
        config.pusher = Some(simplicity_shared::realtime::PusherConfig {
            app_id: APP_ID.into(),
            key: KEY.into(),
            secret: SECRET.into(),
            base_url: base_url.clone(),
        });
    })
    .await;
    let org = OrgFixture::new(&app, "Realtime").await;
    let incident: Value = org
        .admin
        .post(&org.path("/incidents"), json!({"title": "Pushed", "severity": "P1"}))
        .await
        .json()
        .await
        .expect("json");

    let mut published = Vec::new();
    for _ in 0..50 {
        published = received.lock().expect("lock").clone();
        if !published.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(published.len(), 1, "exactly one publish: {published:?}");
    let event = &published[0];
    assert_eq!(event["name"], "incident.created");
    assert_eq!(event["channels"], json!([format!("private-org-{}", org.id)]));
    let data: Value = serde_json::from_str(event["data"].as_str().expect("data is a JSON string")).expect("json");
    assert_eq!(data["incidentId"], incident["id"]);
    assert_eq!(data["data"]["severity"], "P1");
}
