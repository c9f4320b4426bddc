//! Local mode's Prometheus scrape, read by Prometheus' own parser (the
//! `prometheus-client` package's strict OpenMetrics parser, from the test
//! venv): requests by route template and status with their latency, queue
//! sends, delivery outcomes by channel, escalation lag, sweep duration and
//! the outbox backlog, after one incident paged end to end.

use std::time::Duration;

use serde_json::json;
use tokio::io::AsyncWriteExt;

use crate::helpers::{Backend, expect_problem, on_both_stores, spawn_app_with};
use crate::incidents::open_incident;
use crate::notifications::World;

const TOKEN: &str = "scrape-token";

async fn scraped_world(backend: Backend) -> World {
    let app = spawn_app_with(backend, |config| config.metrics_token = Some(TOKEN.to_owned())).await;
    crate::notifications::world_with(app).await
}

/// One sample: its name, labels and value.
#[derive(Debug, serde::Deserialize)]
struct Sample {
    family: String,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    labels: std::collections::BTreeMap<String, String>,
    value: f64,
}

/// The scrape as the parser reads it (the parser refuses malformed text).
async fn scrape(world: &World) -> (String, Vec<Sample>) {
    let response = reqwest::Client::new()
        .get(world.app.url("/metrics"))
        .header("authorization", format!("Bearer {TOKEN}"))
        .send()
        .await
        .expect("scrape");
    assert_eq!(response.status(), 200);
    let kind = response.headers()["content-type"].to_str().expect("type").to_owned();
    assert_eq!(kind, "application/openmetrics-text; version=1.0.0; charset=utf-8");
    let text = response.text().await.expect("text");
    let script = "import json, sys\nfrom prometheus_client.openmetrics.parser import text_string_to_metric_families\n\
                  print(json.dumps([{'family': f.name, 'type': f.type, 'name': s.name, 'labels': s.labels, \
                  'value': s.value} for f in text_string_to_metric_families(sys.stdin.read()) for s in f.samples]))";
    let mut parser = tokio::process::Command::new(crate::helpers::venv_python())
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the venv's python (scripts/test installs it)");
    let mut stdin = parser.stdin.take().expect("stdin");
    stdin.write_all(text.as_bytes()).await.expect("write");
    drop(stdin);
    let output = parser.wait_with_output().await.expect("parse");
    assert!(
        output.status.success(),
        "the parser refused the scrape: {}\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    (text, serde_json::from_slice(&output.stdout).expect("json"))
}

/// The value of the sample named `name` whose labels include `labels`.
fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    samples
        .iter()
        .find(|s| s.name == name && labels.iter().all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v)))
        .map(|s| s.value)
}

on_both_stores! {
    async fn the_scrape_counts_requests_sends_deliveries_escalations_and_sweeps(w: World = scraped_world) {
        // The scrape asks for its token.
        expect_problem(reqwest::get(w.app.url("/metrics")).await.expect("scrape"), 401).await;

        let created = json!({"title": "Checkout is down", "severity": "P1"});
        open_incident(&w.org.admin, &w.org, created).await;
        expect_problem(w.org.admin.get(&w.org.path("/incidents/999")).await, 404).await;
        // Level 1 paged (email, SMS), Slack and PagerDuty told; level 2 two
        // seconds later, by the sweep.
        w.mail_to(&w.admin_email, 1).await;
        w.hooks.wait_for("/v2/enqueue", 1).await;
        let mut samples = Vec::new();
        let mut text = String::new();
        for _ in 0..100 {
            (text, samples) = scrape(&w).await;
            let delivered = |channel| value(&samples, "simplicity_delivery_attempts_total", &[("channel", channel), ("outcome", "delivered")]);
            let escalations = value(&samples, "simplicity_escalation_lag_seconds_count", &[]).unwrap_or_default();
            if ["email", "sms", "slack", "pagerduty"].iter().all(|c| delivered(c).is_some_and(|n| n >= 1.0)) && escalations >= 2.0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let kinds: std::collections::BTreeMap<&str, &str> = samples.iter().map(|s| (s.family.as_str(), s.kind.as_str())).collect();
        for (family, kind) in [
            ("simplicity_http_requests", "counter"),
            ("simplicity_http_request_duration_seconds", "histogram"),
            ("simplicity_outbox_backlog", "gauge"),
            ("simplicity_queue_sends", "counter"),
            ("simplicity_delivery_attempts", "counter"),
            ("simplicity_escalation_lag_seconds", "histogram"),
            ("simplicity_sweep_duration_seconds", "histogram"),
        ] {
            assert_eq!(kinds.get(family), Some(&kind), "{family} in\n{text}");
        }
        // Requests by route template and status, never the raw path.
        let created = [("method", "POST"), ("route", "/api/orgs/{orgId}/incidents"), ("status", "201")];
        assert_eq!(value(&samples, "simplicity_http_requests_total", &created), Some(1.0), "{text}");
        assert_eq!(value(&samples, "simplicity_http_request_duration_seconds_count", &created), Some(1.0));
        let missing = [("method", "GET"), ("route", "/api/orgs/{orgId}/incidents/{incidentId}"), ("status", "404")];
        assert_eq!(value(&samples, "simplicity_http_requests_total", &missing), Some(1.0), "{text}");
        assert!(!text.contains(&w.org.id), "no raw path in the labels");
        // The event went through the queue; each channel delivered once.
        assert!(value(&samples, "simplicity_queue_sends_total", &[("queue", "in_process"), ("outcome", "sent")]).is_some_and(|n| n >= 1.0));
        for channel in ["email", "sms", "slack", "pagerduty"] {
            let delivered = value(&samples, "simplicity_delivery_attempts_total", &[("channel", channel), ("outcome", "delivered")]);
            assert!(delivered.is_some_and(|n| n >= 1.0), "{channel} delivered:\n{text}");
        }
        // Two levels fired (the first at once, the second when due), and the sweep ran.
        assert!(value(&samples, "simplicity_escalation_lag_seconds_count", &[]).is_some_and(|n| n >= 2.0), "{text}");
        assert!(value(&samples, "simplicity_sweep_duration_seconds_count", &[]).is_some_and(|n| n >= 1.0));
        assert!(value(&samples, "simplicity_outbox_backlog", &[]).is_some());

        // The same scrape as a function (`/api/metrics`), opted into by the token.
        expect_problem(reqwest::get(w.app.url("/api/metrics")).await.expect("scrape"), 401).await;
        let scraped = reqwest::Client::new().get(w.app.url("/api/metrics")).header("authorization", format!("Bearer {TOKEN}")).send().await.expect("scrape");
        assert_eq!(scraped.status(), 200);
        assert!(scraped.text().await.expect("text").contains("simplicity_outbox_backlog"));
    }
}

on_both_stores! {
    async fn the_metrics_function_is_absent_unless_opted_into(app: TestApp) {
        expect_problem(reqwest::get(app.url("/api/metrics")).await.expect("scrape"), 404).await;
        // Local mode's own scrape is open when no token is set.
        assert_eq!(reqwest::get(app.url("/metrics")).await.expect("scrape").status(), 200);
    }
}
