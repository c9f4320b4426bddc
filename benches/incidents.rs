//! Incident API benchmark on PostgreSQL: ≥1,000,000 incidents across ≥1,000
//! organisations, then create / list / dashboard latencies through the HTTP
//! API at 32 concurrent clients, and the dashboard's p99 at 1k vs 1M
//! incidents. The history is filled into every table the create path
//! writes (see `support::fill_history`). Prints its figures; asserts
//! nothing about them.
//!
//! `cargo bench --bench incidents` (or `scripts/bench`). Environment:
//! BENCH_ORGS (1000), BENCH_INCIDENTS (1000000), BENCH_REQUESTS (2000 per
//! operation), BENCH_CLIENTS (32), TEST_POSTGRES_URL.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use support::{BenchDb, Tenant, create_request, env_number, fill_history, measure, percentile};

fn report(name: &str, latencies: &[Duration]) -> (f64, f64) {
    let (p50, p99) = (percentile(latencies, 0.5), percentile(latencies, 0.99));
    println!("{name:<32} n={:<6} p50={p50:>8.2} ms   p99={p99:>8.2} ms", latencies.len());
    (p50, p99)
}

#[tokio::main]
async fn main() {
    simplicity_shared::tls::install_crypto();
    let orgs = env_number("BENCH_ORGS", 1000);
    let incidents = env_number("BENCH_INCIDENTS", 1_000_000);
    let requests = env_number("BENCH_REQUESTS", 2000);
    let clients = env_number("BENCH_CLIENTS", 32);
    let db = BenchDb::create().await;
    println!(
        "benchmark: {orgs} orgs, {incidents} incidents, {requests} requests per operation, {clients} clients, PostgreSQL ({})",
        db.name()
    );

    let mut config = simplicity_shared::config::Config::for_database(&db.url);
    config.public_url = support::PUBLIC_URL.to_owned();
    config.web_dir = "/nonexistent".into();
    let base = support::serve_local_mode(config).await;
    let http = reqwest::Client::builder().pool_max_idle_per_host(clients).build().expect("client");

    let started = Instant::now();
    let tenants = support::seed_tenants(&http, &base, &db.url, clients, orgs).await;
    println!("seeded {orgs} organisations in {:.1} s", started.elapsed().as_secs_f64());

    let conn = sea_orm::Database::connect(&db.url).await.expect("bench db");
    let all: Vec<&Tenant> = tenants.iter().collect();
    let small_per_org = 1.max(1000 / orgs);
    fill_history(&conn, &all, &vec![small_per_org; orgs], 1).await;
    let tenants = Arc::new(tenants);
    let dashboard = |tenants: Arc<Vec<Tenant>>, http: reqwest::Client, base: String| {
        move |n: usize| {
            let tenant = &tenants[n % tenants.len()];
            let request =
                http.get(format!("{base}/api/orgs/{}/dashboard", tenant.org_id)).header("cookie", &tenant.cookie);
            async move { request.send().await.map(|r| r.status()).unwrap_or(reqwest::StatusCode::INTERNAL_SERVER_ERROR) }
        }
    };
    let (small, _) = measure(clients, requests, dashboard(tenants.clone(), http.clone(), base.clone())).await;
    let (_, small_p99) = report(&format!("dashboard @ {} incidents", small_per_org * orgs), &small);

    let started = Instant::now();
    let per_org = incidents.div_ceil(orgs) - small_per_org;
    let all: Vec<&Tenant> = tenants.iter().collect();
    let loaded = fill_history(&conn, &all, &vec![per_org; orgs], 2).await;
    let total = loaded + small_per_org * orgs;
    println!("filled {loaded} more incidents ({total} in all) in {:.1} s", started.elapsed().as_secs_f64());

    let (large, _) = measure(clients, requests, dashboard(tenants.clone(), http.clone(), base.clone())).await;
    let (_, large_p99) = report(&format!("dashboard @ {total} incidents"), &large);

    let list = {
        let (tenants, http, base) = (tenants.clone(), http.clone(), base.clone());
        move |n: usize| {
            let tenant = &tenants[n % tenants.len()];
            let query = if n.is_multiple_of(2) { "status=active&limit=25" } else { "limit=25&sort=severity" };
            let request = http
                .get(format!("{base}/api/orgs/{}/incidents?{query}", tenant.org_id))
                .header("cookie", &tenant.cookie);
            async move { request.send().await.map(|r| r.status()).unwrap_or(reqwest::StatusCode::INTERNAL_SERVER_ERROR) }
        }
    };
    report("list page (25)", &measure(clients, requests, list).await.0);

    let create = {
        let (tenants, http, base) = (tenants.clone(), http.clone(), base.clone());
        move |n: usize| create_request(&http, &base, &tenants[n % tenants.len()], n)
    };
    report("create", &measure(clients, requests, create).await.0);

    println!(
        "dashboard p99 ratio {}k → {}k incidents: {:.2}× (target ≤ 1.5×)",
        small_per_org * orgs / 1000,
        total / 1000,
        large_p99 / small_p99
    );
    drop(conn);
    db.drop_now().await;
}
