//! Load on PostgreSQL, driven by wrk from outside the process: `POST` and
//! `GET …/incidents` at BENCH_CONNECTIONS (32) connections for
//! BENCH_SECONDS (30) each, into one organisation and spread over as many
//! organisations as connections, against the product in local mode (relay,
//! workers and sweep in the process). Then the floor the database sets:
//! pgbench inserting one row per transaction into a table shaped like an
//! incident's, at the same concurrency, on the same database. Prints
//! requests/s, p50, p99 and errors per case, and each POST p50 over the
//! insert's p50; asserts nothing beyond wrk and pgbench running.
//!
//! `cargo bench --bench load` (or `scripts/bench`). Needs `wrk` (Debian's
//! package: scripts/bench installs it) and PostgreSQL's `pgbench`.
//! Environment: BENCH_CONNECTIONS, BENCH_SECONDS, TEST_POSTGRES_URL.

mod support;

use std::path::{Path, PathBuf};
use std::process::Stdio;

use support::{BenchDb, env_number, seed_tenants};

/// What wrk reported for one run.
#[derive(Debug, Default)]
struct Run {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    requests: u64,
    errors: u64,
}

/// `2.34ms`, `812.00us`, `1.20s` in milliseconds.
fn wrk_duration(text: &str) -> f64 {
    let (number, factor) = if let Some(n) = text.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1000.0)
    } else {
        (text, 1.0)
    };
    number.parse::<f64>().map(|n| n * factor).unwrap_or(f64::NAN)
}

/// Reads wrk's `--latency` report.
fn parse_wrk(report: &str) -> Run {
    let mut run = Run::default();
    for line in report.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["50%", value] => run.p50_ms = wrk_duration(value),
            ["99%", value] => run.p99_ms = wrk_duration(value),
            ["Requests/sec:", value] => run.per_second = value.parse().unwrap_or(f64::NAN),
            [count, "requests", "in", ..] => run.requests = count.parse().unwrap_or(0),
            ["Non-2xx", "or", "3xx", "responses:", count] => run.errors += count.parse::<u64>().unwrap_or(0),
            ["Socket", "errors:", rest @ ..] => {
                // connect 0, read 0, write 0, timeout 0
                run.errors += rest.iter().filter_map(|w| w.trim_end_matches(',').parse::<u64>().ok()).sum::<u64>();
            }
            _ => {}
        }
    }
    run
}

/// A wrk script sending `method` to each of `paths` in turn, signed in.
fn wrk_script(dir: &Path, name: &str, method: &str, paths: &[String], cookie: &str) -> PathBuf {
    let list = paths.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>().join(", ");
    let body = if method == "POST" {
        r#"'{"title": "Load incident ' .. n .. '", "severity": "P2", "labels": ["load"]}'"#
    } else {
        "nil"
    };
    let script = format!(
        r#"local paths = {{ {list} }}
local n = 0
wrk.headers["cookie"] = "{cookie}"
wrk.headers["origin"] = "{origin}"
wrk.headers["content-type"] = "application/json"
request = function()
  n = n + 1
  return wrk.format("{method}", paths[(n % #paths) + 1], nil, {body})
end
"#,
        origin = support::PUBLIC_URL,
    );
    let path = dir.join(format!("{name}.lua"));
    std::fs::write(&path, script).expect("wrk script");
    path
}

async fn wrk(base: &str, script: &Path, connections: usize, seconds: usize) -> Run {
    let output = tokio::process::Command::new("wrk")
        .args([
            "-t",
            "2",
            "-c",
            &connections.to_string(),
            "-d",
            &format!("{seconds}s"),
            "--latency",
            "--timeout",
            "10s",
        ])
        .arg("-s")
        .arg(script)
        .arg(base)
        .stderr(Stdio::inherit())
        .output()
        .await
        .expect("wrk (apt-get install wrk)");
    assert!(output.status.success(), "wrk failed");
    parse_wrk(&String::from_utf8_lossy(&output.stdout))
}

/// pgbench's binary: on PATH, or where Debian puts the server's tools.
fn pgbench() -> PathBuf {
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).map(|p| p.join("pgbench")).find(|p| p.exists()))
        .unwrap_or_default();
    on_path
        .or_else(|| {
            let versions = std::fs::read_dir("/usr/lib/postgresql").ok()?;
            versions.filter_map(Result::ok).map(|v| v.path().join("bin/pgbench")).find(|p| p.exists())
        })
        .expect("pgbench (PostgreSQL's server tools)")
}

/// Single-row inserts at `clients` for `seconds`: (transactions/s, p50, p99)
/// from pgbench's per-transaction log.
async fn raw_inserts(db: &BenchDb, dir: &Path, clients: usize, seconds: usize) -> (f64, f64, f64) {
    let admin = sea_orm::Database::connect(db.url.as_str()).await.expect("bench db");
    support::exec(
        &admin,
        "CREATE TABLE raw_incidents (id uuid PRIMARY KEY, org_id uuid NOT NULL, title text NOT NULL, \
         severity text NOT NULL, created_at timestamptz NOT NULL)",
    )
    .await;
    let script = dir.join("insert.sql");
    std::fs::write(
        &script,
        "INSERT INTO raw_incidents VALUES (gen_random_uuid(), gen_random_uuid(), 'Load incident', 'P2', now());\n",
    )
    .expect("pgbench script");
    let prefix = dir.join("pgbench_log");
    let status = tokio::process::Command::new(pgbench())
        .args(["-n", "-c", &clients.to_string(), "-j", "2", "-T", &seconds.to_string(), "-l"])
        .arg(format!("--log-prefix={}", prefix.display()))
        .arg("-f")
        .arg(&script)
        .arg(&db.url)
        .stdout(Stdio::null())
        .status()
        .await
        .expect("pgbench");
    assert!(status.success(), "pgbench failed");
    // Each line: client, transaction, latency (µs), script, epoch s, µs.
    let mut latencies = Vec::new();
    for entry in std::fs::read_dir(dir).expect("logs").filter_map(Result::ok) {
        if !entry.file_name().to_string_lossy().starts_with("pgbench_log") {
            continue;
        }
        for line in std::fs::read_to_string(entry.path()).expect("log").lines() {
            if let Some(micros) = line.split_whitespace().nth(2).and_then(|v| v.parse::<u64>().ok()) {
                latencies.push(std::time::Duration::from_micros(micros));
            }
        }
    }
    latencies.sort();
    let per_second = latencies.len() as f64 / seconds as f64;
    (per_second, support::percentile(&latencies, 0.5), support::percentile(&latencies, 0.99))
}

#[tokio::main]
async fn main() {
    simplicity_shared::tls::install_crypto();
    let connections = env_number("BENCH_CONNECTIONS", 32);
    let seconds = env_number("BENCH_SECONDS", 30);
    let db = BenchDb::create().await;
    let dir = std::env::temp_dir().join(format!("simplicity-load-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut config = simplicity_shared::config::Config::for_database(&db.url);
    config.public_url = support::PUBLIC_URL.to_owned();
    config.web_dir = "/nonexistent".into();
    let base = support::serve_local_mode(config).await;
    let http = reqwest::Client::new();
    let tenants = seed_tenants(&http, &base, &db.url, 1, connections).await;
    // One person in every organisation: one session reaches them all.
    let cookie = tenants[0].cookie.clone();
    let incidents = |orgs: &[support::Tenant]| -> Vec<String> {
        orgs.iter().map(|t| format!("/api/orgs/{}/incidents", t.org_id)).collect()
    };
    let one_org = incidents(&tenants[..1]);
    let spread = incidents(&tenants);

    println!("load: {connections} connections, {seconds} s per case, wrk, PostgreSQL ({})", db.name());
    println!("{:<34} {:>10} {:>10} {:>10} {:>10} {:>8}", "case", "requests", "req/s", "p50", "p99", "errors");
    let mut post_p50s = Vec::new();
    for (name, method, paths) in [
        ("POST incidents, one org".to_owned(), "POST", &one_org),
        (format!("POST incidents, {connections} orgs"), "POST", &spread),
        ("GET incidents, one org".to_owned(), "GET", &one_org),
        (format!("GET incidents, {connections} orgs"), "GET", &spread),
    ] {
        let script = wrk_script(&dir, &name.replace([' ', ','], "_"), method, paths, &cookie);
        let run = wrk(&base, &script, connections, seconds).await;
        println!(
            "{:<34} {:>10} {:>10.0} {:>7.2} ms {:>7.2} ms {:>8}",
            name, run.requests, run.per_second, run.p50_ms, run.p99_ms, run.errors
        );
        if method == "POST" {
            post_p50s.push((name, run.p50_ms));
        }
    }
    let (per_second, p50, p99) = raw_inserts(&db, &dir, connections, seconds).await;
    println!(
        "{:<34} {:>10} {:>10.0} {:>7.2} ms {:>7.2} ms {:>8}",
        "pgbench single-row INSERT",
        (per_second * seconds as f64) as u64,
        per_second,
        p50,
        p99,
        "-"
    );
    for (name, post_p50) in post_p50s {
        println!("{name}: POST p50 / INSERT p50 = {:.2}× (target ≤ 1.5×)", post_p50 / p50);
    }
    let _ = std::fs::remove_dir_all(&dir);
    db.drop_now().await;
}
