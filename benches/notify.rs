//! Notification latency: "incident created" (the API request sent) →
//! "Slack receiver got the message", in local mode (in-process queue) and
//! through SQS (moto's server from the test venv). Prints p50/p99; asserts
//! nothing. Target: p99 ≤ 250 ms in local mode.
//!
//! `cargo bench --bench notify` (or `scripts/bench`). Environment:
//! BENCH_NOTIFY_INCIDENTS (300), SIMPLICITY_VENV (for moto_server).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod support;

use support::PUBLIC_URL;

type Arrivals = Arc<Mutex<HashMap<String, Instant>>>;

/// The Slack stand-in: notes when each incident's message arrived.
async fn slack_receiver(arrivals: Arrivals) -> String {
    let router = axum::Router::new().fallback(move |body: String| {
        let arrivals = arrivals.clone();
        async move {
            let message: Value = serde_json::from_str(&body).unwrap_or_default();
            let text = message["text"].as_str().unwrap_or_default().to_owned();
            arrivals.lock().expect("lock").entry(text).or_insert_with(Instant::now);
            "ok"
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}/slack", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    url
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

async fn run(label: &str, sqs: Option<simplicity_shared::config::SqsConfig>, incidents: usize) {
    let dir = std::env::temp_dir().join(format!("simplicity-bench-notify-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let config_url = format!("sqlite://{}/bench.db?mode=rwc", dir.display());
    let mut config = simplicity_shared::config::Config::for_database(&config_url);
    config.public_url = PUBLIC_URL.to_owned();
    config.web_dir = "/nonexistent".into();
    config.sealer = Some(
        simplicity_shared::secrets::Sealer::from_base64(
            &simplicity_shared::secrets::Sealer::generate_key().expect("key"),
        )
        .expect("sealer"),
    );
    config.sqs = sqs;
    // The Slack receiver is on 127.0.0.1.
    config.outbound_allow_private = true;
    config.sweep_interval = Duration::from_millis(500);
    let base = support::serve_local_mode(config).await;

    let arrivals: Arrivals = Arc::default();
    let slack = slack_receiver(arrivals.clone()).await;
    let http = reqwest::Client::new();
    let (cookie, _) = support::signed_in_admin(&http, &base, &config_url, "bench@example.com").await;
    let send = |method: reqwest::Method, path: String, body: Value| {
        http.request(method, format!("{base}{path}"))
            .header("cookie", &cookie)
            .header("origin", PUBLIC_URL)
            .json(&body)
            .send()
    };
    let org: Value = send(reqwest::Method::POST, "/api/orgs".into(), json!({"name": "Bench", "slug": "bench"}))
        .await
        .expect("org")
        .json()
        .await
        .expect("json");
    let org_id = org["id"].as_str().expect("id").to_owned();
    let put =
        send(reqwest::Method::PUT, format!("/api/orgs/{org_id}/integrations/slack"), json!({"webhookUrl": slack}))
            .await
            .expect("slack");
    assert_eq!(put.status(), 204);

    let mut sent = HashMap::new();
    for n in 1..=incidents {
        let title = format!("Bench incident {n}");
        sent.insert(format!("[P3] INC-{n} {title} (open)"), Instant::now());
        let created = send(
            reqwest::Method::POST,
            format!("/api/orgs/{org_id}/incidents"),
            json!({"title": title, "severity": "P3"}),
        )
        .await
        .expect("create");
        assert_eq!(created.status(), 201);
        // Spread out like real incidents, not a burst.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while arrivals.lock().expect("lock").len() < incidents && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let arrivals = arrivals.lock().expect("lock").clone();
    let mut latencies: Vec<Duration> =
        sent.iter().filter_map(|(text, at)| arrivals.get(text).map(|arrived| arrived.duration_since(*at))).collect();
    latencies.sort();
    if latencies.is_empty() {
        println!("{label}: no message arrived");
        return;
    }
    println!(
        "{label}: {} of {incidents} delivered; created → Slack p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::main]
async fn main() {
    simplicity_shared::tls::install_crypto();
    let incidents = std::env::var("BENCH_NOTIFY_INCIDENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    run("local mode (in-process queue)", None, incidents).await;

    let Some(moto) = support::Moto::start().await else {
        println!("through SQS: skipped (no moto_server; run scripts/ensure-venv)");
        return;
    };
    run(
        "through SQS (moto)",
        Some(simplicity_shared::config::SqsConfig {
            queue_url: moto.queue_url.clone(),
            endpoint: Some(moto.endpoint.clone()),
        }),
        incidents,
    )
    .await;
}
