//! Cold starts of the endpoint functions, on PostgreSQL: each function's
//! release binary started as Vercel's runner starts it, timed from the
//! process's spawn to its first answer of a representative request (the
//! runtime, TLS, configuration, the database pool and the first query all
//! inside), then the same request warm, and the process's resident memory
//! after it. A representative of each kind: no database (health), a
//! database ping (ready), a signed-in person (me), an organisation's list
//! (incidents), its dashboard, and the cron sweep. Prints p50/p99 over
//! BENCH_STARTS starts per function; asserts nothing.
//!
//! `cargo bench --bench cold_start` (or `scripts/bench`). Environment:
//! BENCH_STARTS (20), TEST_POSTGRES_URL.

mod support;

use std::process::Stdio;
use std::time::{Duration, Instant};

use simplicity_shared::endpoints::{self, Endpoint};
use support::{BenchDb, env_number, percentile, seed_tenants};

const CRON_SECRET: &str = "cold-start-cron";

fn binary(endpoint: &Endpoint) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_BIN_EXE_simplicity")).parent().expect("bin dir").to_owned();
    dir.join(endpoint.bin_name())
}

/// Resident memory of `pid` in MiB (Linux: VmRSS).
fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port()
}

/// A function and the request that wakes it.
struct Case {
    endpoint: Endpoint,
    path: String,
    headers: Vec<(&'static str, String)>,
}

struct Start {
    cold: Duration,
    warm: Duration,
    rss: f64,
}

/// Starts `endpoint`'s function, times its first answer to `path`, then a warm one.
async fn start_once(endpoint: &Endpoint, database_url: &str, path: &str, headers: &[(&str, String)]) -> Start {
    let port = free_port();
    let began = Instant::now();
    let mut child = std::process::Command::new(binary(endpoint))
        .env_clear()
        .env("DATABASE_URL", database_url)
        .env("PUBLIC_URL", support::PUBLIC_URL)
        .env("CRON_SECRET", CRON_SECRET)
        .env("RUST_LOG", "warn")
        .env("VERCEL_DEV_PORT", port.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the function's binary");
    let http = reqwest::Client::builder().pool_max_idle_per_host(1).build().expect("client");
    let url = format!("http://127.0.0.1:{port}{path}");
    let send = || {
        let mut request = http.get(&url);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        request.send()
    };
    let cold = loop {
        match send().await {
            Ok(response) => {
                assert!(response.status().is_success(), "{} answered {}", endpoint.path, response.status());
                let _ = response.bytes().await;
                break began.elapsed();
            }
            // Not listening yet.
            Err(_) => tokio::time::sleep(Duration::from_millis(2)).await,
        }
    };
    let warm_began = Instant::now();
    let response = send().await.expect("warm");
    let _ = response.bytes().await;
    let warm = warm_began.elapsed();
    let rss = rss_mib(child.id());
    let _ = child.kill();
    let _ = child.wait();
    Start { cold, warm, rss }
}

#[tokio::main]
async fn main() {
    simplicity_shared::tls::install_crypto();
    let starts = env_number("BENCH_STARTS", 20);
    let db = BenchDb::create().await;
    let mut config = simplicity_shared::config::Config::for_database(&db.url);
    config.public_url = support::PUBLIC_URL.to_owned();
    config.web_dir = "/nonexistent".into();
    let base = support::serve_local_mode(config).await;
    let http = reqwest::Client::new();
    let tenant = seed_tenants(&http, &base, &db.url, 1, 1).await.remove(0);
    let create = support::create_request(&http, &base, &tenant, 0);
    assert!(create.await.is_success(), "an incident to list");
    println!("cold starts: {starts} per function, Vercel runner, PostgreSQL ({})", db.name());
    let size = |e: &Endpoint| std::fs::metadata(binary(e)).map(|m| m.len() as f64 / 1_048_576.0).unwrap_or(0.0);
    let cookie = ("cookie", tenant.cookie.clone());
    let org = |rest: &str| format!("/api/orgs/{}{rest}", tenant.org_id);
    let case = |endpoint, path: String, headers| Case { endpoint, path, headers };
    let cases = [
        case(endpoints::HEALTH, "/api/health".into(), vec![]),
        case(endpoints::READY, "/api/ready".into(), vec![]),
        case(endpoints::ME, "/api/me".into(), vec![cookie.clone()]),
        case(endpoints::ORG_INCIDENTS, org("/incidents"), vec![cookie.clone()]),
        case(endpoints::ORG_DASHBOARD, org("/dashboard"), vec![cookie.clone()]),
        case(endpoints::CRON_SWEEP, "/api/cron/sweep".into(), vec![("authorization", format!("Bearer {CRON_SECRET}"))]),
    ];
    println!(
        "{:<34} {:>9} {:>10} {:>10} {:>10} {:>9}",
        "function", "binary", "cold p50", "cold p99", "warm p50", "RSS p50"
    );
    for Case { endpoint, path, headers } in cases {
        let mut cold = Vec::new();
        let mut warm = Vec::new();
        let mut rss = Vec::new();
        for _ in 0..starts {
            let start = start_once(&endpoint, &db.url, &path, &headers).await;
            cold.push(start.cold);
            warm.push(start.warm);
            rss.push(start.rss);
        }
        cold.sort();
        warm.sort();
        rss.sort_by(f64::total_cmp);
        println!(
            "{:<34} {:>6.1} MB {:>7.1} ms {:>7.1} ms {:>7.2} ms {:>6.1} MB",
            endpoint.bin_name(),
            size(&endpoint),
            percentile(&cold, 0.5),
            percentile(&cold, 0.99),
            percentile(&warm, 0.5),
            rss[rss.len() / 2],
        );
    }
    db.drop_now().await;
}
