//! Incident API benchmark on PostgreSQL: ≥1,000,000 incidents across ≥1,000
//! organisations, then create / list / dashboard latencies through the HTTP
//! API at 32 concurrent clients, and the dashboard's p99 at 1k vs 1M
//! incidents. Prints its figures; asserts nothing about them.
//!
//! `cargo bench --bench incidents` (or `scripts/bench`). Environment:
//! BENCH_ORGS (1000), BENCH_INCIDENTS (1000000), BENCH_REQUESTS (2000 per
//! operation), BENCH_CLIENTS (32), TEST_POSTGRES_URL.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use simplicity_shared::domain::incidents::{IncidentStatus, Severity, seconds_between};
use simplicity_shared::domain::rollup::RollupTotals;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

const PUBLIC_URL: &str = "http://localhost:3000";

struct Tenant {
    org_id: String,
    cookie: String,
    uuid: uuid::Uuid,
}

/// Deterministic pseudo-random numbers.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound
    }
}

/// Time-ordered UUID (v7 layout) for a given instant, like the app's ids.
fn uuid_at(at: DateTime<Utc>, random: &mut Lcg) -> uuid::Uuid {
    let ms = at.timestamp_millis() as u64;
    let mut bytes = [0u8; 16];
    bytes[..6].copy_from_slice(&ms.to_be_bytes()[2..]);
    for b in bytes.iter_mut().skip(6) {
        *b = random.next(256) as u8;
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x70;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(bytes)
}

/// Inserts `per_org` incidents for every tenant, numbered after `first_number`,
/// with their daily rollups; returns how many rows were written.
async fn bulk_load(
    db: &sea_orm::DatabaseConnection,
    tenants: &[Tenant],
    first_number: usize,
    per_org: usize,
    seed: u64,
) -> usize {
    let mut random = Lcg(seed);
    let now = Utc::now();
    let mut rows = Vec::with_capacity(2000);
    let mut written = 0;
    let mut rollups: std::collections::BTreeMap<(uuid::Uuid, String, &'static str), RollupTotals> = Default::default();
    for tenant in tenants {
        let creator = "00000000-0000-7000-8000-000000000000";
        for n in 0..per_org {
            let created = now - chrono::Duration::seconds(random.next(90 * 86400) as i64 + 3600);
            let severity = Severity::ALL[random.next(4) as usize];
            let roll = random.next(100);
            let acknowledged = (roll >= 2).then(|| created + chrono::Duration::seconds(10 + random.next(3600) as i64));
            let resolved = acknowledged
                .filter(|_| roll >= 5)
                .map(|a| a + chrono::Duration::seconds(60 + random.next(86400) as i64));
            let status = match (acknowledged, resolved) {
                (_, Some(_)) => IncidentStatus::Resolved,
                (Some(_), None) => IncidentStatus::Investigating,
                _ => IncidentStatus::Open,
            };
            let target = severity.default_sla();
            let ack_within = acknowledged.map(|a| seconds_between(created, a) <= target.acknowledge.num_seconds());
            let resolve_within = resolved.map(|r| seconds_between(created, r) <= target.resolve.num_seconds());
            let day = |at: DateTime<Utc>| at.date_naive().format("%Y-%m-%d").to_string();
            rollups.entry((tenant.uuid, day(created), severity.key())).or_default().opened += 1;
            if let Some(at) = acknowledged {
                let entry = rollups.entry((tenant.uuid, day(at), severity.key())).or_default();
                entry.acknowledge.record(seconds_between(created, at), ack_within.unwrap_or(false), 1);
            }
            if let Some(at) = resolved {
                let entry = rollups.entry((tenant.uuid, day(at), severity.key())).or_default();
                entry.resolve.record(seconds_between(created, at), resolve_within.unwrap_or(false), 1);
            }
            let ts = |at: Option<DateTime<Utc>>| at.map_or("NULL".to_owned(), |a| format!("'{}'", a.to_rfc3339()));
            let flag = |b: Option<bool>| b.map_or("NULL".to_owned(), |b| b.to_string());
            rows.push(format!(
                "('{}','{}',{},'Generated incident {}','Load test data','{}',{},'{}',NULL,'api','{creator}','{}',{},{},{},{},'{}',1)",
                uuid_at(created, &mut random),
                tenant.uuid,
                first_number + n + 1,
                first_number + n + 1,
                severity.key(),
                severity.rank(),
                status.key(),
                created.to_rfc3339(),
                ts(acknowledged),
                ts(resolved),
                flag(ack_within),
                flag(resolve_within),
                now.to_rfc3339(),
            ));
            if rows.len() == 2000 {
                written += flush(db, &mut rows).await;
            }
        }
    }
    written += flush(db, &mut rows).await;
    let counters: Vec<String> = tenants.iter().map(|t| format!("('{}',{})", t.uuid, first_number + per_org)).collect();
    for chunk in counters.chunks(1000) {
        exec(db, &format!(
            "INSERT INTO incident_counters (org_id, last_number) VALUES {} ON CONFLICT (org_id) DO UPDATE SET last_number = EXCLUDED.last_number",
            chunk.join(",")
        ))
        .await;
    }
    let mut values = Vec::new();
    for ((org, day, severity), d) in rollups {
        values.push(format!(
            "('{org}','{day}','{severity}',{},{},{},{},{},{},{},'{}','{}')",
            d.opened,
            d.acknowledge.count,
            d.resolve.count,
            d.acknowledge.seconds_sum,
            d.resolve.seconds_sum,
            d.acknowledge.within_target,
            d.resolve.within_target,
            d.acknowledge.histogram.encode(),
            d.resolve.histogram.encode()
        ));
    }
    // Merging into existing rollups keeps counts exact; histograms of the
    // second load replace the first's (fine for latency measurements).
    for chunk in values.chunks(1000) {
        exec(db, &format!(
            "INSERT INTO incident_daily (org_id, day, severity, opened, acknowledged, resolved, ack_seconds_sum, resolve_seconds_sum, ack_within_target, resolve_within_target, ack_histogram, resolve_histogram) VALUES {} \
             ON CONFLICT (org_id, day, severity) DO UPDATE SET opened = incident_daily.opened + EXCLUDED.opened, \
             acknowledged = incident_daily.acknowledged + EXCLUDED.acknowledged, resolved = incident_daily.resolved + EXCLUDED.resolved, \
             ack_seconds_sum = incident_daily.ack_seconds_sum + EXCLUDED.ack_seconds_sum, resolve_seconds_sum = incident_daily.resolve_seconds_sum + EXCLUDED.resolve_seconds_sum, \
             ack_within_target = incident_daily.ack_within_target + EXCLUDED.ack_within_target, resolve_within_target = incident_daily.resolve_within_target + EXCLUDED.resolve_within_target, \
             ack_histogram = EXCLUDED.ack_histogram, resolve_histogram = EXCLUDED.resolve_histogram",
            chunk.join(",")
        ))
        .await;
    }
    exec(db, "ANALYZE").await;
    written
}

async fn flush(db: &sea_orm::DatabaseConnection, rows: &mut Vec<String>) -> usize {
    if rows.is_empty() {
        return 0;
    }
    let count = rows.len();
    exec(db, &format!(
        "INSERT INTO incidents (id, org_id, number, title, description, severity, severity_rank, status, commander_id, source, created_by, created_at, acknowledged_at, resolved_at, ack_within_target, resolve_within_target, updated_at, version) VALUES {}",
        rows.join(",")
    ))
    .await;
    rows.clear();
    count
}

async fn exec(db: &sea_orm::DatabaseConnection, sql: &str) {
    if let Err(error) = db.execute_unprepared(sql).await {
        panic!("bulk load failed: {error}");
    }
}

/// Runs `total` requests from `clients` concurrent clients; returns latencies.
async fn measure<F, Fut>(clients: usize, total: usize, request: F) -> Vec<Duration>
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = reqwest::StatusCode> + Send,
{
    let request = Arc::new(request);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let request = request.clone();
        let next = next.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let n = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if n >= total {
                    return latencies;
                }
                let started = Instant::now();
                let status = request(n).await;
                latencies.push(started.elapsed());
                assert!(status.is_success(), "request {n} failed: {status}");
            }
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.expect("client task"));
    }
    all.sort();
    all
}

fn percentile(sorted: &[Duration], q: f64) -> f64 {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1000.0
}

fn report(name: &str, latencies: &[Duration]) -> (f64, f64) {
    let (p50, p99) = (percentile(latencies, 0.5), percentile(latencies, 0.99));
    println!("{name:<32} n={:<6} p50={p50:>8.2} ms   p99={p99:>8.2} ms", latencies.len());
    (p50, p99)
}

#[tokio::main]
async fn main() {
    simplicity_shared::runner::install_crypto();
    let orgs = env_number("BENCH_ORGS", 1000);
    let incidents = env_number("BENCH_INCIDENTS", 1_000_000);
    let requests = env_number("BENCH_REQUESTS", 2000);
    let clients = env_number("BENCH_CLIENTS", 32);
    let server = std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned());
    let name = format!("simplicity_bench_{}", uuid::Uuid::new_v4().simple());
    let admin = sea_orm::Database::connect(format!("{server}/postgres")).await.expect("PostgreSQL on 127.0.0.1:5432");
    exec(&admin, &format!("CREATE DATABASE {name}")).await;
    let url = format!("{server}/{name}");
    println!(
        "benchmark: {orgs} orgs, {incidents} incidents, {requests} requests per operation, {clients} clients, PostgreSQL ({name})"
    );

    let mut config = simplicity_shared::config::Config::for_database(&url);
    config.public_url = PUBLIC_URL.to_owned();
    config.web_dir = "/nonexistent".into();
    let state = simplicity_shared::runner::build_state(config).await.expect("state");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let router = simplicity_shared::server::router(state);
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
            .await
            .expect("serve")
    });
    let http = reqwest::Client::builder().pool_max_idle_per_host(clients).build().expect("client");

    // Tenants: one person per client, each admin of orgs/clients organisations.
    let started = Instant::now();
    let mut tenants = Vec::new();
    let mut cookies = Vec::new();
    for c in 0..clients {
        let signup = http
            .post(format!("{base}/api/auth/signup"))
            .json(&json!({"email": format!("bench{c}@example.com"), "password": "benchmark passphrase", "name": format!("Bench {c}")}))
            .send()
            .await
            .expect("signup");
        let cookie =
            signup.headers()["set-cookie"].to_str().expect("cookie").split(';').next().expect("pair").to_owned();
        cookies.push(cookie);
    }
    for o in 0..orgs {
        let cookie = cookies[o % clients].clone();
        let org: Value = http
            .post(format!("{base}/api/orgs"))
            .header("cookie", &cookie)
            .header("origin", PUBLIC_URL)
            .json(&json!({"name": format!("Bench org {o}"), "slug": format!("bench-org-{o}")}))
            .send()
            .await
            .expect("org")
            .json()
            .await
            .expect("org json");
        let org_id = org["id"].as_str().expect("org id").to_owned();
        let uuid = uuid::Uuid::parse_str(org_id.trim_start_matches("org_")).expect("uuid");
        tenants.push(Tenant { org_id, cookie, uuid });
    }
    println!("seeded {orgs} organisations in {:.1} s", started.elapsed().as_secs_f64());

    let db = sea_orm::Database::connect(&url).await.expect("bench db");
    let small_per_org = 1.max(1000 / orgs);
    bulk_load(&db, &tenants, 0, small_per_org, 1).await;
    let tenants = Arc::new(tenants);
    let dashboard = |tenants: Arc<Vec<Tenant>>, http: reqwest::Client, base: String| {
        move |n: usize| {
            let tenant = &tenants[n % tenants.len()];
            let request =
                http.get(format!("{base}/api/orgs/{}/dashboard", tenant.org_id)).header("cookie", &tenant.cookie);
            async move { request.send().await.map(|r| r.status()).unwrap_or(reqwest::StatusCode::INTERNAL_SERVER_ERROR) }
        }
    };
    let small = measure(clients, requests, dashboard(tenants.clone(), http.clone(), base.clone())).await;
    let (_, small_p99) = report(&format!("dashboard @ {} incidents", small_per_org * orgs), &small);

    let started = Instant::now();
    let per_org = incidents.div_ceil(orgs) - small_per_org;
    let loaded = bulk_load(&db, &tenants, small_per_org, per_org, 2).await;
    let total = loaded + small_per_org * orgs;
    println!("bulk-loaded {loaded} more incidents ({total} in all) in {:.1} s", started.elapsed().as_secs_f64());

    let large = measure(clients, requests, dashboard(tenants.clone(), http.clone(), base.clone())).await;
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
    report("list page (25)", &measure(clients, requests, list).await);

    let create = {
        let (tenants, http, base) = (tenants.clone(), http.clone(), base.clone());
        move |n: usize| {
            let tenant = &tenants[n % tenants.len()];
            let request = http
                .post(format!("{base}/api/orgs/{}/incidents", tenant.org_id))
                .header("cookie", &tenant.cookie)
                .header("origin", PUBLIC_URL)
                .json(&json!({"title": format!("Bench incident {n}"), "severity": "P2", "labels": ["bench"]}));
            async move { request.send().await.map(|r| r.status()).unwrap_or(reqwest::StatusCode::INTERNAL_SERVER_ERROR) }
        }
    };
    report("create", &measure(clients, requests, create).await);

    println!(
        "dashboard p99 ratio {}k → {}k incidents: {:.2}× (target ≤ 1.5×)",
        small_per_org * orgs / 1000,
        total / 1000,
        large_p99 / small_p99
    );
    drop(db);
    exec(&admin, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
}
