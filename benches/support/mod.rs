//! What the benchmarks share: a PostgreSQL database of their own, the
//! product served in local mode, tenants made through the API, history
//! filled into every table the incident write path writes, and the load
//! driver with its percentiles.

#![allow(dead_code)] // each benchmark uses its own share of this

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::{Value, json};
use simplicity_shared::domain::audit::ChainedEvent;
use simplicity_shared::domain::incidents::{IncidentStatus, Severity, seconds_between};
use simplicity_shared::domain::rollup::RollupTotals;
use simplicity_shared::ids::IncidentId;

pub const PUBLIC_URL: &str = "http://localhost:3000";

pub fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// moto's SQS emulator (from the test venv, `SIMPLICITY_VENV`) with one
/// queue; stopped when dropped. `None` when moto is not installed.
pub struct Moto {
    pub endpoint: String,
    pub queue_url: String,
    child: std::process::Child,
}

impl Moto {
    pub async fn start() -> Option<Self> {
        let venv =
            std::env::var("SIMPLICITY_VENV").unwrap_or_else(|_| format!("{}/.cache/simplicity/venv", env!("HOME")));
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
        let child = std::process::Command::new(format!("{venv}/bin/moto_server"))
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .ok()?;
        let endpoint = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if reqwest::get(format!("{endpoint}/moto-api/")).await.is_ok() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let admin = simplicity_shared::notify::queue::SqsQueue::new(String::new(), Some(endpoint.clone()));
        let created = admin.client().await.create_queue().queue_name("bench").send().await.expect("queue");
        Some(Self { endpoint, queue_url: created.queue_url.expect("queue url"), child })
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A database made for one benchmark run, dropped by [`BenchDb::drop_now`].
pub struct BenchDb {
    pub url: String,
    name: String,
    admin: DatabaseConnection,
}

impl BenchDb {
    pub async fn create() -> Self {
        let server =
            std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned());
        let name = format!("simplicity_bench_{}", uuid::Uuid::new_v4().simple());
        let admin =
            sea_orm::Database::connect(format!("{server}/postgres")).await.expect("PostgreSQL on 127.0.0.1:5432");
        exec(&admin, &format!("CREATE DATABASE {name}")).await;
        Self { url: format!("{server}/{name}"), name, admin }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Deadlocks PostgreSQL has counted in this database (its statistics
    /// lag by up to a second or so behind the backends that report them).
    pub async fn deadlocks(&self) -> i64 {
        let sql = format!("SELECT deadlocks FROM pg_stat_database WHERE datname = '{}'", self.name);
        let row = self.admin.query_one_raw(Statement::from_string(self.admin.get_database_backend(), sql)).await;
        row.ok().flatten().and_then(|r| r.try_get_by_index::<i64>(0).ok()).unwrap_or(-1)
    }

    pub async fn drop_now(self) {
        exec(&self.admin, &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).await;
    }
}

/// The product as `simplicity serve` runs it (relay, workers and sweep in
/// this process) on `config`; returns its base URL.
pub async fn serve_local_mode(config: simplicity_shared::config::Config) -> String {
    let state = simplicity_shared::app::AppState::build(config).await.expect("state");
    let state = simplicity_shared::server::start_background(state).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let router = simplicity_shared::server::router(state);
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
            .await
            .expect("serve")
    });
    base
}

pub struct Tenant {
    pub org_id: String,
    pub cookie: String,
    pub uuid: uuid::Uuid,
    /// The admin who made it.
    pub admin: uuid::Uuid,
}

/// A person signed up through the API, their address confirmed (in the
/// database: a benchmark reads no mail) and signed in: their session
/// cookie and user id.
pub async fn signed_in_admin(
    http: &reqwest::Client,
    base: &str,
    database_url: &str,
    email: &str,
) -> (String, uuid::Uuid) {
    let account = json!({"email": email, "password": "benchmark passphrase", "name": "Bench"});
    let signup = http.post(format!("{base}/api/auth/signup")).json(&account).send().await.expect("signup");
    assert_eq!(signup.status(), 202, "sign-up");
    let db = sea_orm::Database::connect(database_url).await.expect("bench db");
    let confirm = format!("UPDATE users SET email_verified_at = CURRENT_TIMESTAMP WHERE email = '{email}'");
    exec(&db, &confirm).await;
    let (cookie, me) = sign_in(http, base, email, "benchmark passphrase").await;
    let id = me["user"]["id"].as_str().expect("user id").trim_start_matches("usr_").to_owned();
    (cookie, uuid::Uuid::parse_str(&id).expect("uuid"))
}

/// Signs in through the API: the session cookie (`name=value`) and what
/// sign-in answered.
pub async fn sign_in(http: &reqwest::Client, base: &str, email: &str, password: &str) -> (String, Value) {
    let credentials = json!({"email": email, "password": password});
    let login = http.post(format!("{base}/api/auth/login")).json(&credentials).send().await.expect("login");
    assert_eq!(login.status(), 200, "sign-in");
    let cookie = login.headers()["set-cookie"].to_str().expect("cookie").split(';').next().expect("pair").to_owned();
    (cookie, login.json().await.expect("sign-in answer"))
}

/// `orgs` organisations made through the API, by `people` people in turn.
pub async fn seed_tenants(
    http: &reqwest::Client,
    base: &str,
    database_url: &str,
    people: usize,
    orgs: usize,
) -> Vec<Tenant> {
    let mut admins = Vec::new();
    for c in 0..people {
        admins.push(signed_in_admin(http, base, database_url, &format!("bench{c}@example.com")).await);
    }
    let mut tenants = Vec::new();
    for o in 0..orgs {
        let (cookie, admin) = admins[o % people].clone();
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
        tenants.push(Tenant { org_id, cookie, uuid, admin });
    }
    tenants
}

/// Deterministic pseudo-random numbers.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self, bound: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound
    }
}

/// Time-ordered UUID (v7 layout) for a given instant, like the app's ids.
pub fn uuid_at(at: DateTime<Utc>, random: &mut Lcg) -> uuid::Uuid {
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

pub async fn exec(db: &DatabaseConnection, sql: &str) {
    if let Err(error) = db.execute_unprepared(sql).await {
        panic!("bulk load failed: {error}");
    }
}

async fn scalar_text(db: &DatabaseConnection, sql: &str) -> Option<(i64, String)> {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect(sql)?;
    Some((row.try_get_by_index::<i64>(0).expect("seq"), row.try_get_by_index::<String>(1).expect("hash")))
}

fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Rows waiting to be inserted into one table, flushed a thousand at a time.
struct Rows {
    insert: &'static str,
    rows: Vec<String>,
    written: usize,
}

impl Rows {
    fn new(insert: &'static str) -> Self {
        Self { insert, rows: Vec::with_capacity(1000), written: 0 }
    }

    async fn push(&mut self, db: &DatabaseConnection, row: String) {
        self.rows.push(row);
        if self.rows.len() == 1000 {
            self.flush(db).await;
        }
    }

    async fn flush(&mut self, db: &DatabaseConnection) {
        if !self.rows.is_empty() {
            exec(db, &format!("{} VALUES {}", self.insert, self.rows.join(","))).await;
            self.written += self.rows.len();
            self.rows.clear();
        }
    }
}

/// History filled straight into every table an incident create writes —
/// the incident and its label, its search document, the number counter, the daily rollups, the
/// organisation's audit chain (continued from its tail, so it still
/// verifies) and the outbox (relayed, inside the retention window) — as
/// if `per_org[i]` incidents had been created in `tenants[i]` before.
/// Returns how many incidents it wrote.
pub async fn fill_history(db: &DatabaseConnection, tenants: &[&Tenant], per_org: &[usize], seed: u64) -> usize {
    let mut random = Lcg(seed);
    let now = Utc::now();
    let mut incidents = Rows::new(
        "INSERT INTO incidents (id, org_id, number, title, description, severity, severity_rank, status, commander_id, source, created_by, created_at, acknowledged_at, resolved_at, ack_within_target, resolve_within_target, updated_at, version, trigger_event_id)",
    );
    let mut labels = Rows::new("INSERT INTO incident_labels (org_id, incident_id, label)");
    let mut searchable = Rows::new(
        "INSERT INTO search_documents (org_id, kind, record_id, number, title, body, tags, visibility, updated_at)",
    );
    let mut outbox = Rows::new(
        "INSERT INTO outbox (event_id, org_id, event_type, subject_kind, subject_id, payload, created_at, claimed_until, relayed_at)",
    );
    let mut audit = Rows::new(
        "INSERT INTO audit_events (id, org_id, seq, actor_id, actor_label, action, target, summary, request_id, ip, user_agent, created_at, prev_hash, hash)",
    );
    let mut rollups: BTreeMap<(uuid::Uuid, String, &'static str), RollupTotals> = BTreeMap::new();
    let mut counters = Vec::new();
    for (tenant, count) in tenants.iter().zip(per_org) {
        let tail =
            format!("SELECT seq, hash FROM audit_events WHERE org_id = '{}' ORDER BY seq DESC LIMIT 1", tenant.uuid);
        let (mut seq, mut prev_hash) = scalar_text(db, &tail).await.expect("the org's audit chain");
        let last = format!(
            "SELECT last_number, '' FROM record_counters WHERE org_id = '{}' AND kind = 'incident'",
            tenant.uuid
        );
        let first_number = scalar_text(db, &last).await.map_or(0, |(n, _)| n);
        for n in 1..=*count as i64 {
            let number = first_number + n;
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
            let ts = |at: Option<DateTime<Utc>>| at.map_or("NULL".to_owned(), |a| quote(&a.to_rfc3339()));
            let flag = |b: Option<bool>| b.map_or("NULL".to_owned(), |b| b.to_string());
            let id = uuid_at(created, &mut random);
            let event = uuid_at(created, &mut random);
            let title = format!("Generated incident {number}");
            incidents
                .push(
                    db,
                    format!(
                        "('{id}','{}',{number},{},'Load test data','{}',{},'{}',NULL,'api','{}',{},{},{},{},{},{},1,'{event}')",
                        tenant.uuid,
                        quote(&title),
                        severity.key(),
                        severity.rank(),
                        status.key(),
                        tenant.admin,
                        ts(Some(created)),
                        ts(acknowledged),
                        ts(resolved),
                        flag(ack_within),
                        flag(resolve_within),
                        ts(Some(now)),
                    ),
                )
                .await;
            labels.push(db, format!("('{}','{id}','bench')", tenant.uuid)).await;
            let searched = format!(
                "('{}','incident','{id}',{number},{},'','','internal',{})",
                tenant.uuid,
                quote(&title),
                ts(Some(now))
            );
            searchable.push(db, searched).await;
            let payload = json!({"incidentId": IncidentId::from_uuid(id), "number": number, "title": title, "severity": severity, "status": "open", "version": 1});
            // Relayed a moment after it was written, within the retention window.
            let written = now - chrono::Duration::hours(1);
            outbox
                .push(
                    db,
                    format!(
                        "('{event}','{}','incident.created','incident','{id}',{},{},NULL,{})",
                        tenant.uuid,
                        quote(&payload.to_string()),
                        ts(Some(written)),
                        ts(Some(written)),
                    ),
                )
                .await;
            seq += 1;
            let mut chained = ChainedEvent {
                chain: tenant.uuid.simple().to_string(),
                seq,
                actor_id: tenant.admin.simple().to_string(),
                actor_label: "bench@example.com".to_owned(),
                action: "incident.created".to_owned(),
                target: IncidentId::from_uuid(id).to_string(),
                summary: json!({"number": number, "title": title, "severity": severity}).to_string(),
                request_id: format!("bench-{seq}"),
                ip: "127.0.0.1".to_owned(),
                user_agent: "bench".to_owned(),
                created_at: written + chrono::Duration::microseconds(seq),
                prev_hash,
            };
            let hash = chained.hash();
            audit
                .push(
                    db,
                    format!(
                        "('{}','{}',{seq},'{}',{},'incident.created',{},{},{},'127.0.0.1','bench',{},{},{})",
                        uuid_at(created, &mut random),
                        tenant.uuid,
                        tenant.admin,
                        quote(&chained.actor_label),
                        quote(&chained.target),
                        quote(&chained.summary),
                        quote(&chained.request_id),
                        quote(&chained.created_at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)),
                        quote(&std::mem::take(&mut chained.prev_hash)),
                        quote(&hash),
                    ),
                )
                .await;
            prev_hash = hash;
        }
        counters.push(format!("('{}','incident',{})", tenant.uuid, first_number + *count as i64));
    }
    for rows in [&mut incidents, &mut labels, &mut searchable, &mut outbox, &mut audit] {
        rows.flush(db).await;
    }
    for chunk in counters.chunks(1000) {
        exec(db, &format!(
            "INSERT INTO record_counters (org_id, kind, last_number) VALUES {} ON CONFLICT (org_id, kind) DO UPDATE SET last_number = EXCLUDED.last_number",
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
    // fill replace those already there (fine for latency measurements).
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
    incidents.written
}

/// Runs `total` requests from `clients` concurrent clients; returns the
/// sorted latencies and the wall time the run took.
pub async fn measure<F, Fut>(clients: usize, total: usize, request: F) -> (Vec<Duration>, Duration)
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = reqwest::StatusCode> + Send,
{
    let request = Arc::new(request);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
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
    let wall = started.elapsed();
    all.sort();
    (all, wall)
}

/// The `q`-quantile of sorted latencies, in milliseconds.
pub fn percentile(sorted: &[Duration], q: f64) -> f64 {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1000.0
}

/// A create through the API into `tenant`, as a request function for [`measure`].
pub fn create_request(
    http: &reqwest::Client,
    base: &str,
    tenant: &Tenant,
    n: usize,
) -> impl std::future::Future<Output = reqwest::StatusCode> + Send + use<> {
    let request = http
        .post(format!("{base}/api/orgs/{}/incidents", tenant.org_id))
        .header("cookie", &tenant.cookie)
        .header("origin", PUBLIC_URL)
        .json(&json!({"title": format!("Bench incident {n}"), "severity": "P2", "labels": ["bench"]}));
    async move { request.send().await.map(|r| r.status()).unwrap_or(reqwest::StatusCode::INTERNAL_SERVER_ERROR) }
}
