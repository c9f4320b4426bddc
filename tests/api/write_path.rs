//! The write path under load, as real processes: sixteen writers creating
//! incidents in one organisation get consecutive numbers, an intact audit
//! chain and every event relayed exactly once, and the servers log no
//! deadlock and no relay or sweep failure — in local mode (one process,
//! its relay in the background) and in the serverless shape (several
//! function instances relaying inline into SQS, a cron sweep alongside).

use std::collections::BTreeMap;
use std::io::BufRead;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use simplicity_shared::domain::events::EventType;
use simplicity_shared::ids::{OrgId, UserId};

use crate::helpers::{
    Backend, ChildGuard, Client, MailSink, PUBLIC_URL, TEST_SECRETS_KEY, TestDb, free_port, wait_until_up,
};
use crate::receivers::Receivers;
use crate::sqs::Moto;

const WRITERS: usize = 16;
const INCIDENTS: usize = 400;
/// Events waiting in the outbox when the storm starts. Local mode's are
/// notes, which the relay passes to no worker (a backlog of them must not
/// hold up a page); the functions' are creates, each a message for the
/// queue, and fewer, as moto's SQS slows down when messages pile up in it.
const LOCAL_BACKLOG: usize = 10_000;
const SQS_BACKLOG: usize = 1_000;
/// Notes among the functions' backlog: relayed, and sent to no queue.
const SQS_NOTES: usize = 1_000;

/// A product binary run as its own process, its log (stdout and stderr)
/// kept line by line.
struct LoggedProcess {
    _child: ChildGuard,
    log: Arc<Mutex<Vec<String>>>,
}

impl LoggedProcess {
    fn spawn(binary: &str, args: &[&str], env: &[(&str, String)]) -> Self {
        let mut command = Command::new(binary);
        command.args(args).env_clear().env("RUST_LOG", "info").stdout(Stdio::piped()).stderr(Stdio::piped());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().unwrap_or_else(|e| panic!("cannot start {binary}: {e}"));
        let log = Arc::new(Mutex::new(Vec::new()));
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        for stream in [Box::new(stdout) as Box<dyn std::io::Read + Send>, Box::new(stderr)] {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(stream).lines().map_while(Result::ok) {
                    log.lock().expect("log").push(line);
                }
            });
        }
        Self { _child: ChildGuard(child), log }
    }

    /// Lines logged at WARN or ERROR, or mentioning a deadlock.
    fn troubles(&self) -> Vec<String> {
        let log = self.log.lock().expect("log");
        log.iter()
            .filter(|line| {
                let level =
                    serde_json::from_str::<Value>(line).ok().and_then(|v| v["level"].as_str().map(str::to_owned));
                matches!(level.as_deref(), Some("WARN" | "ERROR")) || line.to_lowercase().contains("deadlock")
            })
            .cloned()
            .collect()
    }
}

fn binary(name: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_BIN_EXE_simplicity")).parent().expect("bin dir").to_owned();
    dir.join(name).display().to_string()
}

/// As deployed: a database, a mail server, a sealing key.
fn common_env(db: &TestDb, mail: &MailSink) -> Vec<(&'static str, String)> {
    vec![
        ("DATABASE_URL", db.url.clone()),
        ("SMTP_URL", mail.smtp_url()),
        ("PUBLIC_URL", PUBLIC_URL.to_owned()),
        ("SECRETS_KEY", TEST_SECRETS_KEY.to_owned()),
        // The webhook receiver is on 127.0.0.1.
        ("OUTBOUND_ALLOW_PRIVATE", "true".to_owned()),
    ]
}

/// `simplicity serve` on a free port, up and answering.
async fn local_server(db: &TestDb, mail: &MailSink, extra: &[(&'static str, String)]) -> (LoggedProcess, String) {
    let port = free_port();
    let mut env = common_env(db, mail);
    env.extend_from_slice(extra);
    let server = LoggedProcess::spawn(env!("CARGO_BIN_EXE_simplicity"), &["serve", "--port", &port.to_string()], &env);
    let base = format!("http://127.0.0.1:{port}");
    wait_until_up(&format!("{base}/api/health")).await;
    (server, base)
}

/// `WRITERS` clients creating `INCIDENTS` incidents in one organisation as
/// fast as they are answered, spread over `bases`; returns each answer's
/// status and incident number.
async fn storm(admin: &Client, bases: &[String], org_id: &str) -> Vec<(u16, i64)> {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut writers = Vec::new();
    for writer in 0..WRITERS {
        let (http, next) = (admin.http().clone(), next.clone());
        let url = format!("{}/api/orgs/{org_id}/incidents", bases[writer % bases.len()]);
        writers.push(tokio::spawn(async move {
            let mut answers = Vec::new();
            loop {
                let n = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if n >= INCIDENTS {
                    return answers;
                }
                let response = http
                    .post(&url)
                    .header("origin", PUBLIC_URL)
                    .json(&json!({"title": format!("Storm {n}"), "severity": "P2", "labels": ["storm"]}))
                    .send()
                    .await
                    .expect("create");
                let status = response.status().as_u16();
                let body: Value = response.json().await.unwrap_or(Value::Null);
                answers.push((status, body["number"].as_i64().unwrap_or(0)));
            }
        }));
    }
    let mut answers = Vec::new();
    for writer in writers {
        answers.extend(writer.await.expect("writer"));
    }
    answers
}

fn assert_consecutive(answers: &[(u16, i64)]) {
    let refused: Vec<&(u16, i64)> = answers.iter().filter(|(status, _)| *status != 201).collect();
    assert!(refused.is_empty(), "every create answers 201: {refused:?}");
    let mut numbers: Vec<i64> = answers.iter().map(|(_, number)| *number).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=INCIDENTS as i64).collect::<Vec<_>>(), "distinct consecutive numbers");
}

async fn scalar(db: &TestDb, sql: &str) -> i64 {
    let conn = sea_orm::Database::connect(&db.url).await.expect("connect");
    let row =
        conn.query_one_raw(Statement::from_string(conn.get_database_backend(), sql)).await.expect(sql).expect("a row");
    let value = row.try_get_by_index::<i64>(0).expect("an integer");
    conn.close().await.expect("close");
    value
}

/// A backlog the storm lands on: `events` of the organisation
/// still waiting to be relayed (the queue was down a while), which the
/// relays work off while the writers write.
async fn with_backlog(db: &TestDb, org_id: &str, events: usize, event_type: EventType) {
    use sea_orm::sea_query::{Alias, PostgresQueryBuilder, Query, SqliteQueryBuilder};
    let conn = sea_orm::Database::connect(&db.url).await.expect("connect");
    let org: OrgId = org_id.parse().expect("org id");
    let at = chrono::Utc::now() - chrono::Duration::minutes(5);
    for _ in 0..events / 1000 {
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new("outbox"))
            .columns(["event_id", "org_id", "event_type", "payload", "created_at"].map(Alias::new));
        for _ in 0..1000 {
            insert.values_panic([
                uuid::Uuid::new_v4().into(),
                org.uuid().into(),
                event_type.key().into(),
                "{}".into(),
                at.into(),
            ]);
        }
        let (sql, values) = match conn.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => insert.build(PostgresQueryBuilder),
            _ => insert.build(SqliteQueryBuilder),
        };
        conn.execute_raw(Statement::from_sql_and_values(conn.get_database_backend(), sql, values))
            .await
            .expect("backlog");
    }
    conn.close().await.expect("close");
}

/// The storms' servers mail nowhere: their admins' addresses are confirmed
/// behind the API's back, as following the emailed link would.
async fn confirm_every_address(db: &TestDb) {
    let conn = sea_orm::Database::connect(&db.url).await.expect("connect");
    let sql = "UPDATE users SET email_verified_at = created_at WHERE email_verified_at IS NULL";
    conn.execute_raw(Statement::from_string(conn.get_database_backend(), sql)).await.expect("confirm");
    conn.close().await.expect("close");
}

/// Waits until the outbox holds no event that has not been relayed.
async fn wait_until_relayed(db: &TestDb) {
    for _ in 0..300 {
        if scalar(db, "SELECT COUNT(*) FROM outbox WHERE relayed_at IS NULL").await == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("events still waiting in the outbox after 30 s");
}

async fn assert_chain_intact(db: &TestDb, org_id: &str, admin: UserId) {
    let store = simplicity_shared::store::Store::connect(&db.url).await.expect("connect");
    let org: OrgId = org_id.parse().expect("org id");
    let access = store.member_access(admin, org).await.expect("read").expect("the org's admin");
    let report = store.org_store(&access).verify_audit_chain().await.expect("verify");
    assert_eq!(report.first_broken, None, "the audit chain verifies");
    assert!(report.checked > INCIDENTS as u64, "every create was audited: {report:?}");
}

fn user_id(me: &Value) -> UserId {
    me["user"]["id"].as_str().expect("user id").parse().expect("a user id")
}

fn assert_quiet(processes: &[&LoggedProcess]) {
    for process in processes {
        let troubles = process.troubles();
        assert!(troubles.is_empty(), "the server logged trouble:\n{}", troubles.join("\n"));
    }
}

async fn local_mode_storm(backend: Backend, sweep_every_ms: u64) {
    simplicity_shared::tls::install_crypto();
    let db = TestDb::create(backend).await;
    let hooks = Receivers::start().await;
    let mail = MailSink::start().await;
    let (server, base) = local_server(&db, &mail, &[("SWEEP_INTERVAL_MS", sweep_every_ms.to_string())]).await;
    let admin = Client::new(base.clone());
    let admin_id = user_id(&admin.sign_up("Storm").await);
    confirm_every_address(&db).await;
    let org = admin.create_org("Storm").await;
    let org_id = org["id"].as_str().expect("org id");
    let webhook = json!({"url": hooks.url("/storm"), "eventTypes": ["incident.triggered"]});
    let created = admin.post(&format!("/api/orgs/{org_id}/webhooks"), webhook).await;
    assert_eq!(created.status(), 201, "{}", created.text().await.unwrap_or_default());
    with_backlog(&db, org_id, LOCAL_BACKLOG, EventType::IncidentNoteAdded).await;

    assert_consecutive(&storm(&admin, &[base], org_id).await);
    wait_until_relayed(&db).await;
    assert_chain_intact(&db, org_id, admin_id).await;
    // Each incident reached the webhook consumer exactly once.
    hooks.wait_for("/storm", INCIDENTS).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut per_incident: BTreeMap<String, usize> = BTreeMap::new();
    for hook in hooks.received("/storm") {
        *per_incident
            .entry(hook.json()["data"]["incidentId"].as_str().expect("incident id").to_owned())
            .or_default() += 1;
    }
    assert_eq!(per_incident.len(), INCIDENTS);
    assert!(per_incident.values().all(|count| *count == 1), "no incident twice: {per_incident:?}");
    assert_quiet(&[&server]);
}

/// Four function instances of the incidents endpoint (as four Lambda or
/// Vercel instances would be), each relaying inline into SQS, and the
/// sweep function called like its cron every `sweep_every_ms`.
async fn serverless_storm(sweep_every_ms: u64) {
    simplicity_shared::tls::install_crypto();
    let db = TestDb::create(Backend::Postgres).await;
    let moto = Moto::start().await;
    let mail = MailSink::start().await;
    let (admin, admin_id, org_id) = {
        // Sign-up and the organisation through a local server, gone before
        // the storm so that it relays nothing.
        let (_seed, base) = local_server(&db, &mail, &[]).await;
        let admin = Client::new(base);
        let admin_id = user_id(&admin.sign_up("Storm").await);
        confirm_every_address(&db).await;
        let org = admin.create_org("Storm").await;
        (admin, admin_id, org["id"].as_str().expect("org id").to_owned())
    };
    with_backlog(&db, &org_id, SQS_BACKLOG, EventType::IncidentCreated).await;
    with_backlog(&db, &org_id, SQS_NOTES, EventType::IncidentNoteAdded).await;
    let mut env = common_env(&db, &mail);
    env.extend([("SQS_QUEUE_URL", moto.queue_url()), ("SQS_ENDPOINT_URL", moto.endpoint())]);
    let mut functions = Vec::new();
    let mut bases = Vec::new();
    for _ in 0..4 {
        let port = free_port();
        let mut env = env.clone();
        env.push(("PORT", port.to_string()));
        functions.push(LoggedProcess::spawn(&binary("api-orgs-orgid-incidents"), &[], &env));
        bases.push(format!("http://127.0.0.1:{port}"));
    }
    let sweep_port = free_port();
    let mut sweep_env = env.clone();
    sweep_env.extend([("PORT", sweep_port.to_string()), ("CRON_SECRET", "storm-cron".to_owned())]);
    functions.push(LoggedProcess::spawn(&binary("api-cron-sweep"), &[], &sweep_env));
    for base in bases.iter().chain([&format!("http://127.0.0.1:{sweep_port}")]) {
        wait_until_up(&format!("{base}/api/health")).await;
    }
    let cron = tokio::spawn(async move {
        let http = reqwest::Client::new();
        loop {
            let swept = http
                .get(format!("http://127.0.0.1:{sweep_port}/api/cron/sweep"))
                .header("authorization", "Bearer storm-cron")
                .send()
                .await
                .expect("sweep");
            assert_eq!(swept.status(), 200, "the sweep succeeds");
            tokio::time::sleep(Duration::from_millis(sweep_every_ms)).await;
        }
    });

    let answers = storm(&admin, &bases, &org_id).await;
    wait_until_relayed(&db).await;
    assert!(!cron.is_finished(), "the sweep kept succeeding");
    cron.abort();
    assert_consecutive(&answers);
    assert_chain_intact(&db, &org_id, admin_id).await;

    // Exactly one message per event a worker acts on (the backlog's creates
    // and the storm's) reached the queue, and none for the notes.
    let mut sent: BTreeMap<String, usize> = BTreeMap::new();
    for body in moto.sent_bodies().await {
        let message: Value = serde_json::from_str(&body).expect("a queue message");
        assert_eq!(message["type"], "event", "{message}");
        *sent.entry(message["eventId"].as_str().expect("event id").to_owned()).or_default() += 1;
    }
    assert_eq!(sent.len(), SQS_BACKLOG + INCIDENTS, "one message per event");
    assert!(sent.values().all(|count| *count == 1), "no event sent twice");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM outbox").await, (SQS_BACKLOG + SQS_NOTES + INCIDENTS) as i64);
    assert_quiet(&functions.iter().collect::<Vec<_>>());
}

#[tokio::test]
async fn local_mode_sixteen_writers_in_one_org_postgres() {
    local_mode_storm(Backend::Postgres, 1000).await;
}

#[tokio::test]
async fn local_mode_sixteen_writers_in_one_org_with_a_100ms_sweep_postgres() {
    local_mode_storm(Backend::Postgres, 100).await;
}

#[tokio::test]
async fn local_mode_sixteen_writers_in_one_org_with_a_100ms_sweep_sqlite() {
    local_mode_storm(Backend::Sqlite, 100).await;
}

#[tokio::test]
async fn function_instances_sixteen_writers_in_one_org_postgres() {
    serverless_storm(1000).await;
}

#[tokio::test]
async fn function_instances_sixteen_writers_in_one_org_with_a_100ms_sweep_postgres() {
    serverless_storm(100).await;
}
