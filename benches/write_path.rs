//! The write path under load, on PostgreSQL, in local mode (relay, workers
//! and sweep in the process, as `simplicity serve` runs): incident creates
//! through the HTTP API at 1, 4, 16 and 32 concurrent clients, into one
//! organisation and spread over 1,000, on top of 1k and then 1M prior
//! events. The first thousand come through the API; the rest are filled
//! into every table the create path writes (incidents, labels, counters,
//! rollups, the audit chain, the outbox). Prints p50/p99/max and
//! requests/s per case, then the targets; asserts nothing.
//!
//! `cargo bench --bench write_path` (or `scripts/bench`). Environment:
//! BENCH_ORGS (1000), BENCH_HISTORY (1000000), BENCH_REQUESTS (2000 per
//! case), TEST_POSTGRES_URL.

mod support;

use std::sync::Arc;

use support::{BenchDb, Tenant, create_request, env_number, fill_history, measure, percentile};

#[derive(Debug, Clone, Copy)]
struct Figures {
    p50: f64,
    p99: f64,
    max: f64,
    per_second: f64,
}

async fn run_case(
    http: &reqwest::Client,
    base: &str,
    tenants: &Arc<Vec<Tenant>>,
    one_org: bool,
    clients: usize,
    requests: usize,
) -> Figures {
    let (http, base, tenants) = (http.clone(), base.to_owned(), tenants.clone());
    let (latencies, wall) = measure(clients, requests, move |n| {
        let tenant = if one_org { &tenants[0] } else { &tenants[n % tenants.len()] };
        create_request(&http, &base, tenant, n)
    })
    .await;
    Figures {
        p50: percentile(&latencies, 0.5),
        p99: percentile(&latencies, 0.99),
        max: percentile(&latencies, 1.0),
        per_second: latencies.len() as f64 / wall.as_secs_f64(),
    }
}

/// Waits until the relay has caught up, so one case's backlog does not
/// weigh on the next; returns how long that took.
async fn drain_outbox(db: &sea_orm::DatabaseConnection) -> std::time::Duration {
    use sea_orm::ConnectionTrait;
    let started = std::time::Instant::now();
    loop {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) FROM outbox WHERE relayed_at IS NULL",
            ))
            .await
            .expect("count")
            .expect("row");
        if row.try_get_by_index::<i64>(0).expect("count") == 0 {
            return started.elapsed();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn run_all(
    label: &str,
    http: &reqwest::Client,
    base: &str,
    tenants: &Arc<Vec<Tenant>>,
    db: &sea_orm::DatabaseConnection,
    requests: usize,
) -> Vec<(bool, usize, Figures)> {
    let mut results = Vec::new();
    for one_org in [true, false] {
        for clients in [1, 4, 16, 32] {
            let figures = run_case(http, base, tenants, one_org, clients, requests).await;
            let lag = drain_outbox(db).await;
            let target = if one_org { "one org".to_owned() } else { format!("{} orgs", tenants.len()) };
            println!(
                "{label:<14} {target:<10} {clients:>2} clients  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  {:>7.1} req/s  (relay caught up {:.2} s after)",
                figures.p50,
                figures.p99,
                figures.max,
                figures.per_second,
                lag.as_secs_f64()
            );
            results.push((one_org, clients, figures));
        }
    }
    results
}

fn find(results: &[(bool, usize, Figures)], one_org: bool, clients: usize) -> Figures {
    results.iter().find(|(o, c, _)| *o == one_org && *c == clients).map(|(_, _, f)| *f).expect("case")
}

#[tokio::main]
async fn main() {
    simplicity_shared::tls::install_crypto();
    let orgs = env_number("BENCH_ORGS", 1000);
    let history = env_number("BENCH_HISTORY", 1_000_000);
    let requests = env_number("BENCH_REQUESTS", 2000);
    let db = BenchDb::create().await;
    println!(
        "write path: {orgs} orgs, {history} prior events at most, {requests} creates per case, PostgreSQL ({})",
        db.name()
    );

    let mut config = simplicity_shared::config::Config::for_database(&db.url);
    config.public_url = support::PUBLIC_URL.to_owned();
    config.web_dir = "/nonexistent".into();
    let base = support::serve_local_mode(config).await;
    let http = reqwest::Client::builder().pool_max_idle_per_host(64).build().expect("client");
    let started = std::time::Instant::now();
    let tenants = Arc::new(support::seed_tenants(&http, &base, &db.url, 32, orgs).await);
    println!("seeded {orgs} organisations in {:.1} s", started.elapsed().as_secs_f64());
    let conn = sea_orm::Database::connect(&db.url).await.expect("bench db");

    // 1k prior events, through the API: one create in each organisation.
    let (tenants_for, http_for, base_for) = (tenants.clone(), http.clone(), base.clone());
    measure(16, 1000, move |n| create_request(&http_for, &base_for, &tenants_for[n % tenants_for.len()], n)).await;
    drain_outbox(&conn).await;
    let small = run_all("1k prior", &http, &base, &tenants, &conn, requests).await;

    // Up to 1M prior events: a quarter in the organisation written to alone,
    // the rest spread over the others.
    let prior = 1000 + 16 * requests;
    let remaining = history.saturating_sub(prior);
    let hot = remaining / 4;
    let per_other = (remaining - hot) / (orgs - 1).max(1);
    let mut per_org = vec![per_other; orgs];
    per_org[0] = hot;
    let started = std::time::Instant::now();
    let all: Vec<&Tenant> = tenants.iter().collect();
    let filled = fill_history(&conn, &all, &per_org, 7).await;
    println!(
        "filled {filled} more events ({} in all; {} in the single org) in {:.1} s",
        prior + filled,
        hot,
        started.elapsed().as_secs_f64()
    );
    let large = run_all(&format!("{}k prior", (prior + filled) / 1000), &http, &base, &tenants, &conn, requests).await;

    println!("targets:");
    for (label, results) in [("1k", &small), ("1M", &large)] {
        let hot = find(results, true, 16);
        println!(
            "  {label}: one org, 16 clients: p99/p50 {:.2}× (≤ 5×), max {:.0} ms (≤ 1000 ms)",
            hot.p99 / hot.p50,
            hot.max
        );
        for clients in [1, 4, 16, 32] {
            let (one, spread) = (find(results, true, clients), find(results, false, clients));
            println!(
                "  {label}: {clients:>2} clients: one org {:.1} req/s vs spread {:.1} req/s = {:.2} (≥ 0.5)",
                one.per_second,
                spread.per_second,
                one.per_second / spread.per_second
            );
        }
    }
    for one_org in [true, false] {
        for clients in [1, 16] {
            let (before, after) = (find(&small, one_org, clients), find(&large, one_org, clients));
            println!(
                "  p50 at 1M vs 1k, {}, {clients} clients: {:.2} → {:.2} ms = {:.2}× (≤ 1.25×)",
                if one_org { "one org" } else { "spread" },
                before.p50,
                after.p50,
                after.p50 / before.p50
            );
        }
    }
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    println!("deadlocks PostgreSQL counted in the benchmark's database: {}", db.deadlocks().await);
    drop(conn);
    db.drop_now().await;
}
