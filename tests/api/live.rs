//! The live event stream: delivery, resumption with Last-Event-ID, and
//! isolation between organisations.

use std::time::Duration;

use futures_util::StreamExt;
use serde_json::{Value, json};

use crate::helpers::{Client, OrgFixture, on_both_stores};
use crate::incidents::{open_incident, set_status};

/// One parsed server-sent event.
#[derive(Debug, Clone)]
pub struct SseEvent {
    pub id: String,
    pub event: String,
    pub data: Value,
}

/// Reads server-sent events from a streaming response.
pub struct EventReader {
    stream: std::pin::Pin<Box<dyn futures_util::Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
    buffer: String,
}

impl EventReader {
    pub async fn open(client: &Client, path: &str, last_event_id: Option<&str>) -> Self {
        let mut request = client.http().get(client.url(path)).header("accept", "text/event-stream");
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = request.send().await.expect("open stream");
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        Self { stream: Box::pin(response.bytes_stream()), buffer: String::new() }
    }

    /// The next event (keep-alive comments skipped), or `None` after `wait`.
    pub async fn next(&mut self, wait: Duration) -> Option<SseEvent> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut event = SseEvent { id: String::new(), event: String::new(), data: Value::Null };
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        event.id = v.trim().to_owned();
                    } else if let Some(v) = line.strip_prefix("event:") {
                        event.event = v.trim().to_owned();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        event.data = serde_json::from_str(v.trim()).expect("event data is JSON");
                    }
                }
                if !event.event.is_empty() {
                    return Some(event);
                }
                continue;
            }
            let chunk = tokio::time::timeout_at(deadline, self.stream.next()).await.ok()??;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk.expect("chunk")));
        }
    }
}

on_both_stores! {
    async fn connected_clients_receive_changes_and_resume_what_they_missed(app: TestApp) {
        let org = OrgFixture::new(&app, "Live").await;
        let (watcher, _) = org.add_member(&app, "Watcher", json!(["oncall"])).await;
        let other = OrgFixture::new(&app, "Elsewhere").await;
        let events_path = org.path("/events");
        let mut live = EventReader::open(&watcher, &events_path, None).await;
        let mut other_live = EventReader::open(&other.admin, &other.path("/events"), None).await;

        let incident = open_incident(&org.admin, &org, json!({"title": "Live one", "severity": "P1"})).await;
        let created = live.next(Duration::from_secs(10)).await.expect("created event");
        assert_eq!(created.event, "incident.created");
        assert_eq!(created.data["incidentId"], incident["id"]);
        assert_eq!(created.data["data"]["severity"], "P1");
        drop(live);

        // While disconnected: two changes.
        set_status(&org.admin, &org, &incident, "acknowledged").await;
        org.admin.post(&org.path("/incidents/1/timeline"), json!({"text": "on it"})).await;

        let mut resumed = EventReader::open(&watcher, &events_path, Some(&created.id)).await;
        let first = resumed.next(Duration::from_secs(10)).await.expect("missed event 1");
        let second = resumed.next(Duration::from_secs(10)).await.expect("missed event 2");
        assert_eq!([first.event.as_str(), second.event.as_str()], ["incident.acknowledged", "incident.note_added"]);
        assert!(first.id.parse::<i64>().expect("id") > created.id.parse::<i64>().expect("id"));

        // Nothing of this organisation reached the other one.
        assert!(other_live.next(Duration::from_millis(800)).await.is_none(), "another org's events leaked");
        open_incident(&other.admin, &other, json!({"title": "Theirs", "severity": "P4"})).await;
        let theirs = other_live.next(Duration::from_secs(10)).await.expect("their own event");
        assert_eq!(theirs.data["data"]["title"], "Theirs");
        assert!(resumed.next(Duration::from_millis(800)).await.is_none(), "the other org's event leaked here");
    }
}

/// Signing out everywhere ends streams opened with those sessions.
#[tokio::test]
async fn streams_end_when_their_session_is_signed_out() {
    let app = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite).await;
    let org = OrgFixture::new(&app, "Ending").await;
    let mut stream = EventReader::open(&org.admin, &org.path("/events"), None).await;
    assert_eq!(org.admin.post("/api/auth/logout-all", json!({})).await.status(), 204);
    let started = tokio::time::Instant::now();
    assert!(stream.next(Duration::from_secs(30)).await.is_none());
    assert!(started.elapsed() < Duration::from_secs(25), "the stream outlived its session");
}
