//! Cold starts of every endpoint function and of the notification worker,
//! each a fresh process under a stand-in for the Lambda Runtime API (not
//! cargo-lambda's CLI, whose own invoke costs more than the start), on
//! SQLite and on PostgreSQL: timed from the spawn to the function's reply
//! to its first invocation — the runtime, TLS, configuration, the database
//! pool and the first store query all inside — then a second, warm
//! invocation. The data is the demo organisation (`simplicity demo`), made
//! through the product's own API. Prints per function p50 and max over
//! BENCH_STARTS starts, the warm p50, the status answered and the binary's
//! size; asserts nothing beyond each function answering.
//!
//! `cargo bench --bench cold_start` (or `scripts/bench`). Environment:
//! BENCH_STARTS (20), BENCH_BIN_DIR (the binaries to start: default the
//! bench profile's, e.g. `…/deploy` for the deploy profile's),
//! BENCH_STORES (`sqlite,postgres`), BENCH_FUNCTIONS (bin names, comma-separated:
//! default all), PGSSLMODE (passed to the functions: `disable` to time them
//! without TLS to PostgreSQL), TEST_POSTGRES_URL, SIMPLICITY_VENV (moto's
//! SQS emulator, the worker's queue).

mod support;

#[path = "../tests/support/lambda_runtime_api.rs"]
mod lambda_runtime_api;

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use lambda_runtime_api::{LambdaHarness, lambda_env};
use serde_json::{Value, json};
use simplicity_shared::endpoints::{ALL, Endpoint};
use support::{BenchDb, env_number, percentile};

const CRON_SECRET: &str = "cold-start-cron";
const METRICS_TOKEN: &str = "cold-start-metrics";
const DEMO_EMAIL: &str = "cold-start@example.com";
const DEMO_PASSWORD: &str = "cold start passphrase";

fn bin_dir() -> PathBuf {
    match std::env::var_os("BENCH_BIN_DIR") {
        Some(dir) => dir.into(),
        None => std::path::Path::new(env!("CARGO_BIN_EXE_simplicity")).parent().expect("bin dir").to_owned(),
    }
}

/// The demo organisation, and a session in it.
struct World {
    database_url: String,
    cookie: String,
    org_id: String,
}

/// An invocation: method, path, body, headers besides the session.
struct Wake {
    method: &'static str,
    path: String,
    body: Option<Value>,
    signed_in: bool,
    headers: Vec<(String, String)>,
}

impl Wake {
    fn get(path: String) -> Self {
        Self { method: "GET", path, body: None, signed_in: true, headers: Vec::new() }
    }

    fn post(path: &str, body: Value) -> Self {
        Self { method: "POST", path: path.to_owned(), body: Some(body), signed_in: true, headers: Vec::new() }
    }

    fn bearer(mut self, token: &str) -> Self {
        self.signed_in = false;
        self.headers.push(("authorization".into(), format!("Bearer {token}")));
        self
    }
}

impl World {
    fn org(&self, rest: &str) -> String {
        format!("/api/orgs/{}{rest}", self.org_id)
    }

    /// What wakes `endpoint`: its everyday read where it has one, else a
    /// request it refuses only after asking the store (or, for the Stripe
    /// webhook, after checking the signature). The event stream never
    /// ends, and Lambda buffers: it is asked for another organisation.
    fn wake(&self, endpoint: &Endpoint) -> Wake {
        match endpoint.name {
            "HEALTH" => Wake::get("/api/health".into()),
            "READY" => Wake::get("/api/ready".into()),
            "OPENAPI" => Wake::get("/api/openapi.json".into()),
            "AUTH" => Wake::post("/api/auth/verify-email", json!({"token": "no-such-token"})),
            "ME" => Wake::get("/api/me".into()),
            "ORGS" => Wake::post("/api/orgs", json!({"name": "Reserved", "slug": "api"})),
            "ORG_BY_SLUG" => Wake::get("/api/orgs/by-slug/acme-demo".into()),
            "ORG" => Wake::get(self.org("")),
            "ORG_EVENTS" => Wake::get(format!("/api/orgs/{}/events", simplicity_shared::ids::OrgId::new())),
            "ORG_KNOWLEDGE" => Wake::get(self.org("/kb/articles")),
            "ORG_NOTIFICATION_RULES" => Wake::get(self.org("/notification-rules/me")),
            "STRIPE_WEBHOOK" => {
                let mut wake = Wake::post("/api/stripe/webhook", json!({}));
                wake.signed_in = false;
                wake.headers.push(("stripe-signature".into(), "t=1,v1=00".into()));
                wake
            }
            "CRON_SWEEP" => Wake::get("/api/cron/sweep".into()).bearer(CRON_SECRET),
            "METRICS" => Wake::get("/api/metrics".into()).bearer(METRICS_TOKEN),
            "INVITES" => Wake::post("/api/invites/preview", json!({"token": "no-such-token"})),
            _ => Wake::get(endpoint.path.replace("{orgId}", &self.org_id)),
        }
    }
}

/// Seeds the demo into a fresh `database_url` and signs its admin in,
/// through a server in this process that runs no background work (no relay
/// or sweep to disturb the timings), stopped before the runs.
async fn demo_world(database_url: &str) -> World {
    let mut config = simplicity_shared::config::Config::for_database(database_url);
    config.public_url = support::PUBLIC_URL.to_owned();
    config.web_dir = "/nonexistent".into();
    let state = simplicity_shared::app::AppState::build(config).await.expect("state");
    simplicity_shared::demo::seed(&state, DEMO_EMAIL, DEMO_PASSWORD).await.expect("the demo");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let router = simplicity_shared::server::router(state);
    let server = tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>()).await
    });
    let http = reqwest::Client::new();
    let (cookie, _) = support::sign_in(&http, &base, DEMO_EMAIL, DEMO_PASSWORD).await;
    let org: Value = http
        .get(format!("{base}/api/orgs/by-slug/acme-demo"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("org")
        .json()
        .await
        .expect("org json");
    server.abort();
    let _ = server.await;
    World { database_url: database_url.to_owned(), cookie, org_id: org["id"].as_str().expect("org id").to_owned() }
}

/// What a start invokes: an endpoint function's request, or the worker's
/// schedule tick with its queue (moto).
enum Invocation<'a> {
    Http(Wake),
    Tick(&'a support::Moto),
}

/// One start: (cold, warm, status of the first answer).
async fn start_once(binary: &PathBuf, world: &World, invocation: &Invocation<'_>) -> (Duration, Duration, String) {
    let harness = LambdaHarness::start().await;
    let name = binary.file_name().expect("name").to_string_lossy().into_owned();
    let mut command = tokio::process::Command::new(binary);
    command
        .env_clear()
        .envs(lambda_env(harness.addr, &name))
        .env("DATABASE_URL", &world.database_url)
        .env("PUBLIC_URL", support::PUBLIC_URL)
        .env("CRON_SECRET", CRON_SECRET)
        .env("METRICS_TOKEN", METRICS_TOKEN)
        .env("STRIPE_SECRET_KEY", "sk_test_cold_start")
        .env("STRIPE_WEBHOOK_SECRET", "whsec_cold_start")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true);
    // How the functions reach PostgreSQL (TLS or not), when the caller says.
    if let Ok(mode) = std::env::var("PGSSLMODE") {
        command.env("PGSSLMODE", mode);
    }
    if let Invocation::Tick(moto) = invocation {
        // Credentials and region as Lambda sets them.
        command
            .env("SQS_QUEUE_URL", &moto.queue_url)
            .env("SQS_ENDPOINT_URL", &moto.endpoint)
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ACCESS_KEY_ID", "cold-start")
            .env("AWS_SECRET_ACCESS_KEY", "cold-start");
    }
    let invoke = || async {
        match invocation {
            Invocation::Tick(_) => {
                harness.invoke_raw(json!({"source": "aws.events", "detail-type": "Scheduled Event"})).await;
                "swept".to_owned()
            }
            Invocation::Http(wake) => {
                let mut headers = wake.headers.clone();
                headers.push(("accept".into(), "application/json".into()));
                if wake.signed_in {
                    headers.push(("cookie".into(), world.cookie.clone()));
                    headers.push(("origin".into(), support::PUBLIC_URL.into()));
                }
                if wake.body.is_some() {
                    headers.push(("content-type".into(), "application/json".into()));
                }
                let body = wake.body.as_ref().map(Value::to_string);
                let reply = harness.invoke_http(wake.method, &wake.path, &headers, body.as_deref()).await;
                reply["statusCode"].to_string()
            }
        }
    };
    let began = Instant::now();
    let mut child = command.spawn().expect("the function's binary");
    let status = invoke().await;
    let cold = began.elapsed();
    let warm_began = Instant::now();
    invoke().await;
    let warm = warm_began.elapsed();
    let _ = child.kill().await;
    (cold, warm, status)
}

fn size_mb(binary: &PathBuf) -> f64 {
    std::fs::metadata(binary).map(|m| m.len() as f64 / 1_048_576.0).unwrap_or(0.0)
}

async fn run_store(store: &str, database_url: &str, starts: usize, moto: &support::Moto) {
    let world = demo_world(database_url).await;
    let dir = bin_dir();
    println!(
        "\ncold starts on {store}: {starts} per function, Lambda Runtime API stand-in, binaries in {}",
        dir.display()
    );
    println!(
        "{:<36} {:>9} {:>10} {:>10} {:>10} {:>7}",
        "function", "binary", "cold p50", "cold max", "warm p50", "status"
    );
    let only = std::env::var("BENCH_FUNCTIONS").ok();
    let chosen = |name: &String| only.as_deref().is_none_or(|list| list.split(',').any(|n| n == name));
    let functions = ALL
        .iter()
        .map(|e| (e.bin_name(), Some(e)))
        .chain([("notify-worker".to_owned(), None)])
        .filter(|(name, _)| chosen(name));
    let mut p50s = Vec::new();
    for (name, endpoint) in functions {
        let binary = dir.join(&name);
        let invocation = endpoint.map_or(Invocation::Tick(moto), |e| Invocation::Http(world.wake(e)));
        let mut cold = Vec::new();
        let mut warm = Vec::new();
        let mut status = String::new();
        for _ in 0..starts {
            let start = start_once(&binary, &world, &invocation).await;
            cold.push(start.0);
            warm.push(start.1);
            status = start.2;
        }
        cold.sort();
        warm.sort();
        p50s.push(percentile(&cold, 0.5));
        println!(
            "{:<36} {:>6.1} MB {:>7.1} ms {:>7.1} ms {:>7.2} ms {:>7}",
            name,
            size_mb(&binary),
            percentile(&cold, 0.5),
            percentile(&cold, 1.0),
            percentile(&warm, 0.5),
            status,
        );
    }
    p50s.sort_by(f64::total_cmp);
    println!(
        "{store}: median of the functions' cold p50s {:.1} ms, worst {:.1} ms",
        p50s[p50s.len() / 2],
        p50s[p50s.len() - 1]
    );
}

#[tokio::main]
async fn main() {
    simplicity_shared::tls::install_crypto();
    let starts = env_number("BENCH_STARTS", 20);
    let stores = std::env::var("BENCH_STORES").unwrap_or_else(|_| "sqlite,postgres".to_owned());
    let moto = support::Moto::start().await.expect("moto_server for the worker's queue: run scripts/ensure-venv");
    for store in stores.split(',') {
        match store {
            "sqlite" => {
                let dir = std::env::temp_dir().join(format!("simplicity-cold-{}", uuid::Uuid::new_v4().simple()));
                std::fs::create_dir_all(&dir).expect("temp dir");
                run_store("SQLite", &format!("sqlite://{}/cold.db?mode=rwc", dir.display()), starts, &moto).await;
                let _ = std::fs::remove_dir_all(&dir);
            }
            "postgres" => {
                let db = BenchDb::create().await;
                run_store(&format!("PostgreSQL ({})", db.name()), &db.url.clone(), starts, &moto).await;
                db.drop_now().await;
            }
            other => panic!("BENCH_STORES: unknown store {other}"),
        }
    }
}
