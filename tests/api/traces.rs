//! OpenTelemetry traces over OTLP/HTTP, received by a stand-in collector
//! that decodes the protobuf with the official messages
//! (tests/support/otlp_sink.py): a request's span is named by its route
//! template, continues the caller's `traceparent`, has its store calls
//! below it, and the trace goes on through the outbox and the queue to the
//! worker's handling of the event and its sends.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::AsyncBufReadExt;

use crate::helpers::{Backend, on_both_stores, spawn_app};
use crate::notifications::World;

/// The caller's trace: its id and the span the request continues.
const CALLER_TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN: &str = "00f067aa0ba902b7";

struct Traced {
    world: World,
    spans_file: std::path::PathBuf,
    _collector: tokio::process::Child,
}

async fn traced_world(backend: Backend) -> Traced {
    let spans_file = std::env::temp_dir().join(format!("spans-{}.jsonl", uuid::Uuid::new_v4().simple()));
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/otlp_sink.py");
    let mut collector = tokio::process::Command::new(crate::helpers::venv_python())
        .arg(script)
        .arg(&spans_file)
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the collector (scripts/test installs its Python)");
    let stdout = collector.stdout.take().expect("stdout");
    let port = tokio::io::BufReader::new(stdout).lines().next_line().await.expect("read").expect("the port");
    let url = format!("http://127.0.0.1:{port}/v1/traces");
    // The exporter's blocking HTTP client is built off the async runtime.
    tokio::task::spawn_blocking(move || {
        simplicity_shared::logging::install(Some(simplicity_shared::logging::TracesTo::Url(url)));
    })
    .await
    .expect("install");
    let world = crate::notifications::world_with(spawn_app(backend).await).await;
    Traced { world, spans_file, _collector: collector }
}

fn spans(file: &std::path::Path) -> Vec<Value> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    text.lines().map(|line| serde_json::from_str(line).expect("a span")).collect()
}

on_both_stores! {
    async fn a_request_traces_through_the_outbox_and_the_queue_to_the_worker(t: Traced = traced_world) {
        let w = &t.world;
        let created = w.org.admin.http()
            .post(w.org.admin.url(&w.org.path("/incidents")))
            .header("origin", crate::helpers::PUBLIC_URL)
            .header("traceparent", format!("00-{CALLER_TRACE}-{CALLER_SPAN}-01"))
            .json(&json!({"title": "Traced", "severity": "P1"}))
            .send()
            .await
            .expect("create");
        assert_eq!(created.status(), 201);
        w.hooks.wait_for("/slack/", 1).await;

        let mut found = Vec::new();
        for _ in 0..100 {
            found = spans(&t.spans_file);
            let in_trace = |name: &str| found.iter().any(|s| s["traceId"] == CALLER_TRACE && s["name"] == name);
            if in_trace("notify.event") && in_trace("notify.send") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let trace: Vec<&Value> = found.iter().filter(|s| s["traceId"] == CALLER_TRACE).collect();
        let named = |name: &str| -> Vec<&Value> { trace.iter().copied().filter(|s| s["name"] == name).collect() };
        let by_id: BTreeMap<&str, &Value> = trace.iter().map(|s| (s["spanId"].as_str().unwrap_or_default(), *s)).collect();

        // The request: named by its template, under the caller's span.
        let request = named("POST /api/orgs/{orgId}/incidents");
        assert_eq!(request.len(), 1, "one request span in the caller's trace: {trace:#?}");
        let request = request[0];
        assert_eq!(request["parentSpanId"], CALLER_SPAN);
        assert_eq!(request["kind"], 2, "a server span");
        assert_eq!(request["attributes"]["http.route"], "/api/orgs/{orgId}/incidents");
        assert_eq!(request["attributes"]["http.response.status_code"], 201);
        // Its store calls below it.
        let commits = named("store.commit");
        assert!(!commits.is_empty() && commits.iter().all(|c| c["parentSpanId"] == request["spanId"]), "{trace:#?}");
        assert!(named("store.begin").iter().any(|b| b["parentSpanId"] == request["spanId"]));
        // The worker's handling of the event continues the trace from the
        // commit that recorded it, and its sends are below that.
        let event = named("notify.event");
        assert_eq!(event.len(), 1, "{trace:#?}");
        let recorded_in = by_id.get(event[0]["parentSpanId"].as_str().unwrap_or_default()).expect("the event's parent is in the trace");
        assert_eq!(recorded_in["name"], "store.commit");
        assert_eq!(event[0]["kind"], 5, "a consumer span");
        let sends = named("notify.send");
        assert!(!sends.is_empty());
        for send in &sends {
            let mut at = *send;
            while at["spanId"] != event[0]["spanId"] {
                at = by_id.get(at["parentSpanId"].as_str().unwrap_or_default()).unwrap_or_else(|| panic!("{send} is not below the event's handling"));
            }
            assert!(send["attributes"]["channel"].is_string());
        }
        let channels: Vec<&str> = sends.iter().filter_map(|s| s["attributes"]["channel"].as_str()).collect();
        assert!(channels.contains(&"slack"), "{channels:?}");
        assert_eq!(request["service"], "simplicity");
    }
}
