//! The configuration database at size, on PostgreSQL and on SQLite: 100,000
//! items with 300,000 relationships, loaded through the import API (the
//! path users take: streamed CSV, batches, one transaction) — its time and
//! the peak memory it added — then impact walks at depth 10 upstream from
//! the items most depended on (high fan-in), p50/p99. Prints its figures;
//! asserts nothing.
//!
//! `cargo bench --bench assets` (or `scripts/bench`). Environment:
//! BENCH_ITEMS (100000), BENCH_WALKS (200), TEST_POSTGRES_URL.

mod support;

use std::time::Instant;

use futures_util::StreamExt;
use serde_json::{Value, json};
use support::{BenchDb, PUBLIC_URL, env_number, percentile};

/// Relationships per item (to items of the next layer), at least.
const OUT_DEGREE: usize = 3;
const LAYERS: usize = 10;

/// The process's peak resident memory so far, in MiB (Linux: VmHWM).
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// Item `i`'s `OUT_DEGREE` dependencies in the next layer, skewed towards
/// the layer's first items so that some are depended on by thousands.
fn dependencies(i: usize, items: usize) -> Vec<usize> {
    let per_layer = items / LAYERS;
    let layer = i / per_layer;
    if layer + 1 >= LAYERS {
        return Vec::new();
    }
    let next = (layer + 1) * per_layer;
    // Every third item has one dependency more: 300,000 for 100,000 items.
    (0..OUT_DEGREE + usize::from(i.is_multiple_of(3)))
        .map(|k| {
            // A cheap deterministic mix; squaring skews it to the low end.
            let h = (i as u64).wrapping_mul(2654435761).wrapping_add(k as u64 * 40503) % 10_000;
            let skewed = (h * h / 10_000) as usize * per_layer / 10_000;
            next + skewed.min(per_layer - 1)
        })
        .collect()
}

/// The import file, made a chunk at a time as it is sent.
fn csv(items: usize) -> impl futures_util::Stream<Item = Result<String, std::io::Error>> {
    let header = futures_util::stream::once(async {
        Ok("externalId,name,type,status,criticality,attr.rack,relationships\n".to_owned())
    });
    let rows = futures_util::stream::iter((0..items).step_by(1000)).map(move |start| {
        let mut chunk = String::with_capacity(1000 * 80);
        for i in start..(start + 1000).min(items) {
            let deps: Vec<String> = dependencies(i, items).iter().map(|d| format!("depends_on:ci-{d}")).collect();
            let ci_type = ["service", "application", "server", "database"][(i / (items / LAYERS)).min(3)];
            chunk.push_str(&format!("ci-{i},item-{i},{ci_type},active,medium,r{},{}\n", i % 40, deps.join(";")));
        }
        Ok(chunk)
    });
    header.chain(rows)
}

async fn run(label: &str, database_url: &str, items: usize, walks: usize) {
    let mut config = simplicity_shared::config::Config::for_database(database_url);
    config.public_url = PUBLIC_URL.to_owned();
    config.web_dir = "/nonexistent".into();
    let base = support::serve_local_mode(config).await;
    let http = reqwest::Client::new();
    let (cookie, _) = support::signed_in_admin(&http, &base, database_url, "bench@example.com").await;
    let send = |method: reqwest::Method, path: String| {
        http.request(method, format!("{base}{path}")).header("cookie", &cookie).header("origin", PUBLIC_URL)
    };
    let org: Value = send(reqwest::Method::POST, "/api/orgs".into())
        .json(&json!({"name": "Bench", "slug": "bench"}))
        .send()
        .await
        .expect("org")
        .json()
        .await
        .expect("json");
    let org_id = org["id"].as_str().expect("id").to_owned();
    // As an operator would: the plan that includes asset management.
    let store = simplicity_shared::store::Store::connect(database_url).await.expect("store");
    let meta = simplicity_shared::domain::audit::AuditMeta::system("benchmark");
    let plan = simplicity_shared::domain::org::Plan::Enterprise;
    store.set_plan(org_id.parse().expect("org id"), plan, &meta).await.expect("plan");
    let enabled = send(reqwest::Method::PATCH, format!("/api/orgs/{org_id}/features"))
        .json(&json!({"assetManagement": true}))
        .send()
        .await
        .expect("features");
    assert_eq!(enabled.status(), 200, "{}", enabled.text().await.unwrap_or_default());

    let before = peak_mib();
    let started = Instant::now();
    let body = reqwest::Body::wrap_stream(csv(items));
    let imported = send(reqwest::Method::POST, format!("/api/orgs/{org_id}/assets/import"))
        .header("content-type", "text/csv")
        .body(body)
        .send()
        .await
        .expect("import");
    let status = imported.status();
    let report: Value = imported.json().await.expect("report");
    let took = started.elapsed();
    assert!(status.is_success(), "{report}");
    println!(
        "{label}: imported {} items and {} relationships in {:.1} s ({:.0} rows/s); peak memory {:.0} MiB → {:.0} MiB (+{:.0} MiB)",
        report["created"],
        report["relationshipsCreated"],
        took.as_secs_f64(),
        items as f64 / took.as_secs_f64(),
        before,
        peak_mib(),
        peak_mib() - before
    );

    // The items most depended on: the first of the bottom layers.
    let per_layer = items / LAYERS;
    let mut latencies = Vec::with_capacity(walks);
    let mut reached = Vec::with_capacity(walks);
    for w in 0..walks {
        let layer = LAYERS - 1 - (w % 3);
        let target = layer * per_layer + (w / 3) % 20;
        let number = target + 1; // CI-n in import order
        let started = Instant::now();
        let impact: Value = send(
            reqwest::Method::GET,
            format!("/api/orgs/{org_id}/assets/{number}/impact?direction=upstream&depth=10"),
        )
        .send()
        .await
        .expect("impact")
        .json()
        .await
        .expect("json");
        latencies.push(started.elapsed());
        reached.push(impact["total"].as_u64().unwrap_or(0));
    }
    latencies.sort();
    reached.sort_unstable();
    println!(
        "{label}: upstream impact at depth 10 from high fan-in items ({walks} walks): p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; items reached p50 {}, max {} (each answer lists the nearest 1,000)",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
        reached[reached.len() / 2],
        reached[reached.len() - 1]
    );
}

/// Each store runs in a process of its own, so its peak memory is its own.
fn main() {
    simplicity_shared::tls::install_crypto();
    let items = env_number("BENCH_ITEMS", 100_000);
    let walks = env_number("BENCH_WALKS", 200);
    match std::env::var("BENCH_STORE").as_deref() {
        Ok(store) => {
            let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
            runtime.block_on(async {
                if store == "sqlite" {
                    let dir =
                        std::env::temp_dir().join(format!("simplicity-bench-assets-{}", uuid::Uuid::new_v4().simple()));
                    std::fs::create_dir_all(&dir).expect("dir");
                    run("SQLite", &format!("sqlite://{}/bench.db?mode=rwc", dir.display()), items, walks).await;
                    if std::env::var_os("BENCH_KEEP_DB").is_none() {
                        let _ = std::fs::remove_dir_all(dir);
                    } else {
                        println!("kept {}", dir.display());
                    }
                } else {
                    let pg = BenchDb::create().await;
                    run("PostgreSQL", &pg.url, items, walks).await;
                    pg.drop_now().await;
                }
            });
        }
        Err(_) => {
            println!(
                "assets: {items} items, {} relationships, {walks} impact walks per store",
                (0..items).map(|i| dependencies(i, items).len()).sum::<usize>()
            );
            let me = std::env::current_exe().expect("this benchmark");
            for store in ["sqlite", "postgres"] {
                let status = std::process::Command::new(&me).env("BENCH_STORE", store).status().expect("run");
                assert!(status.success(), "{store} run failed");
            }
        }
    }
}
