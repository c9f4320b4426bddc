//! `spawn_app`: the real product on port 0 over a fresh database of its own
//! (a new SQLite file, or a new PostgreSQL database dropped afterwards).

use std::net::SocketAddr;
use std::path::PathBuf;

use reqwest::header::{CONTENT_TYPE, ORIGIN};
use serde_json::{Value, json};
use simplicity_shared::clock::Clock;
use simplicity_shared::config::Config;

pub const PUBLIC_URL: &str = "http://localhost:3000";
pub const PASSWORD: &str = "correct horse battery staple";
/// 32 bytes, base64: the sealing key test apps use.
pub const TEST_SECRETS_KEY: &str = "c2ltcGxpY2l0eS10ZXN0LXNlY3JldHMta2V5LTMyYiE=";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that exists for one test.
pub struct TestDb {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    PostgresDatabase(String),
}

fn postgres_server() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
}

impl TestDb {
    pub async fn create(backend: Backend) -> Self {
        let name = format!("simplicity_test_{}", uuid::Uuid::new_v4().simple());
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                Self { url: format!("sqlite://{}?mode=rwc", path.display()), cleanup: Cleanup::File(path) }
            }
            Backend::Postgres => {
                admin_execute(&format!("CREATE DATABASE {name}")).await;
                Self { url: format!("{}/{name}", postgres_server()), cleanup: Cleanup::PostgresDatabase(name) }
            }
        }
    }
}

async fn admin_execute(sql: &str) {
    use sea_orm::ConnectionTrait;
    let admin = sea_orm::Database::connect(format!("{}/postgres", postgres_server()))
        .await
        .expect("PostgreSQL must run on 127.0.0.1:5432 (scripts/test starts it)");
    admin.execute_unprepared(sql).await.expect(sql);
    admin.close().await.expect("close admin connection");
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::PostgresDatabase(name) => {
                let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                // Drop runs inside the test's runtime; use a thread with its own.
                let _ = std::thread::spawn(move || {
                    tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("runtime")
                        .block_on(admin_execute(&sql));
                })
                .join();
            }
        }
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub mail: MailSink,
    pub db: TestDb,
    pub backend: Backend,
    /// The server's own store (its connection pool): fixtures that act as
    /// an operator go through it, not through a second process competing
    /// for SQLite's one writer.
    pub store: simplicity_shared::store::Store,
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with_clock(backend, Clock::system()).await
}

/// Like [`spawn_app`], with incidents stamped by `clock`.
pub async fn spawn_app_with_clock(backend: Backend, clock: Clock) -> TestApp {
    spawn(backend, clock, |_| {}).await
}

/// Like [`spawn_app_with_clock`], with configuration adjusted by `configure`.
pub async fn spawn_app_with_clock_and(backend: Backend, clock: Clock, configure: impl FnOnce(&mut Config)) -> TestApp {
    spawn(backend, clock, configure).await
}

/// Like [`spawn_app`], with configuration adjusted by `configure`.
pub async fn spawn_app_with(backend: Backend, configure: impl FnOnce(&mut Config)) -> TestApp {
    spawn(backend, Clock::system(), configure).await
}

async fn spawn(backend: Backend, clock: Clock, configure: impl FnOnce(&mut Config)) -> TestApp {
    simplicity_shared::tls::install_crypto();
    let db = TestDb::create(backend).await;
    let mut config = Config::for_database(&db.url);
    config.public_url = PUBLIC_URL.to_owned();
    config.web_dir = PathBuf::from("/nonexistent");
    // Billing on, as on the hosted product; Stripe itself is unreachable
    // unless a test points it at its stand-in.
    config.stripe = Some(crate::stripe_standin::config("http://127.0.0.1:9"));
    config.sealer = Some(simplicity_shared::secrets::Sealer::from_base64(TEST_SECRETS_KEY).expect("key"));
    // Retries within a test's patience.
    config.retry = simplicity_shared::domain::notify::RetryPolicy {
        base: chrono::Duration::milliseconds(200),
        cap: chrono::Duration::seconds(1),
        max_attempts: 6,
    };
    // The receivers standing in for Slack, Twilio, PagerDuty and webhook
    // consumers are on 127.0.0.1; `outbound.rs` tests the strict policy.
    config.outbound_allow_private = true;
    config.sweep_interval = std::time::Duration::from_millis(200);
    configure(&mut config);
    let mail = MailSink::start().await;
    config.smtp_url = Some(mail.smtp_url());
    config.mail_from = "Simplicity <no-reply@simplicity.test>".to_owned();
    config.clock = clock;
    let state = simplicity_shared::app::AppState::build(config).await.expect("app state");
    let state = simplicity_shared::server::start_background(state).await;
    let store = state.store.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let router = simplicity_shared::server::router(state);
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await.expect("serve") });
    TestApp { addr, mail, db, backend, store }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A browser-like client: keeps cookies and sends our Origin.
    pub fn browser(&self) -> Client {
        Client::new(self.url(""))
    }

    /// Signs `client` up and confirms the address from the emailed link, as
    /// its owner would; returns `/api/me`.
    pub async fn sign_up_verified(&self, client: &Client, name: &str) -> Value {
        let me = client.sign_up(name).await;
        let token = self.token_mailed_to(me["user"]["email"].as_str().expect("email"), "/verify-email?token=").await;
        assert_eq!(client.post("/api/auth/verify-email", json!({"token": token})).await.status(), 204, "verification");
        client.get("/api/me").await.json().await.expect("me body")
    }

    /// The secret token in the newest email to `to` whose link contains
    /// `marker`, waiting for it: account mail is sent by the worker.
    pub async fn token_mailed_to(&self, to: &str, marker: &str) -> String {
        let message = self.mail_to(to, marker).await;
        let text = message.text();
        let start = text.find(marker).expect("marker") + marker.len();
        text[start..].split(|c: char| c.is_whitespace()).next().expect("token").to_owned()
    }

    /// The newest email to `to` whose text contains `what`, once it has come
    /// (within 10 s).
    pub async fn mail_to(&self, to: &str, what: &str) -> SentMail {
        for _ in 0..100 {
            if let Some(found) = self.mail.sent().into_iter().rev().find(|m| m.to() == to && m.text().contains(what)) {
                return found;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("no mail to {to} containing {what}")
    }

    /// Runs SQL on the test database directly, behind the API's back.
    pub async fn execute_sql(&self, sql: &str) -> Result<(), sea_orm::DbErr> {
        use sea_orm::ConnectionTrait;
        let db = sea_orm::Database::connect(&self.db.url).await?;
        let result = db.execute_unprepared(sql).await.map(|_| ());
        db.close().await?;
        result
    }

    /// Runs the CLI against this app's database. Awaited, never blocking:
    /// the server runs on this test's thread, and a transaction of its
    /// background tasks left hanging while the thread blocked would hold
    /// SQLite's write lock against the CLI until it gave up.
    pub async fn simplicity(&self, args: &[&str]) -> std::process::Output {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_simplicity"))
            .args(args)
            .env("DATABASE_URL", &self.db.url)
            .env("RUST_LOG", "warn")
            .output()
            .await
            .inspect(|output| {
                if !output.status.success() {
                    let (stdout, stderr) =
                        (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
                    eprintln!("simplicity {args:?} failed ({}):\n{stdout}\n{stderr}", output.status);
                }
            })
            .expect("run simplicity")
    }
}

/// An HTTP client for one person, as a browser would act.
pub struct Client {
    base: String,
    http: reqwest::Client,
}

impl Client {
    pub fn new(base: String) -> Self {
        let http = reqwest::Client::builder().cookie_store(true).build().expect("client");
        Self { base, http }
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> reqwest::Response {
        let mut request = self.http.request(method, self.url(path)).header(ORIGIN, PUBLIC_URL);
        if let Some(body) = body {
            request = request.header(CONTENT_TYPE, "application/json").body(body.to_string());
        }
        request.send().await.expect("request")
    }

    pub async fn post(&self, path: &str, body: Value) -> reqwest::Response {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    /// PATCH with `If-Match`.
    pub async fn patch_if_match(&self, path: &str, etag: &str, body: Value) -> reqwest::Response {
        self.http
            .patch(self.url(path))
            .header(ORIGIN, PUBLIC_URL)
            .header("if-match", etag)
            .header(CONTENT_TYPE, "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("PATCH")
    }

    pub async fn patch(&self, path: &str, body: Value) -> reqwest::Response {
        self.send(reqwest::Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> reqwest::Response {
        self.send(reqwest::Method::DELETE, path, None).await
    }

    /// Signs a new person up with a unique email, then in (sign-up answers
    /// alike whether or not the address had an account, and signs no one in);
    /// returns their `/api/me` body.
    pub async fn sign_up(&self, name: &str) -> Value {
        let email = format!("{}-{}@example.com", name.to_lowercase(), uuid::Uuid::new_v4().simple());
        let response = self.post("/api/auth/signup", json!({"email": email, "password": PASSWORD, "name": name})).await;
        assert_eq!(response.status(), 202, "sign-up failed");
        let response = self.post("/api/auth/login", json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(response.status(), 200, "sign-in after sign-up failed");
        response.json().await.expect("me body")
    }

    /// Creates an organisation with a unique slug; returns it.
    pub async fn create_org(&self, name: &str) -> Value {
        let slug = format!("{}-{}", name.to_lowercase(), &uuid::Uuid::new_v4().simple().to_string()[..8]);
        let response = self.post("/api/orgs", json!({"name": name, "slug": slug})).await;
        assert_eq!(response.status(), 201, "org creation failed");
        response.json().await.expect("org body")
    }
}

/// Asserts a problem+json response with `status`, and returns its body.
pub async fn expect_problem(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status, "unexpected status for {}", response.url());
    let content_type = response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.expect("problem body");
    assert_eq!(body["status"], status);
    assert!(body["type"].as_str().is_some_and(|t| t.starts_with("https://simplicity.dev/problems/")), "{body}");
    assert!(body["title"].is_string() && body["detail"].is_string(), "{body}");
    body
}

/// Runs each test body once against SQLite and once against PostgreSQL.
macro_rules! on_both_stores {
    ($($(#[doc = $doc:literal])* async fn $name:ident($app:ident: TestApp) $body:block)+) => {
        $crate::helpers::on_both_stores! {
            $($(#[doc = $doc])* async fn $name($app: $crate::helpers::TestApp = $crate::helpers::spawn_app) $body)+
        }
    };
    // `setup(backend)` builds the test's world (an app plus stand-ins).
    ($($(#[doc = $doc:literal])* async fn $name:ident($app:ident: $world:ty = $setup:path) $body:block)+) => {
        $(
            $(#[doc = $doc])*
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn run($app: $world) $body

                #[tokio::test]
                async fn sqlite() {
                    run($setup($crate::helpers::Backend::Sqlite).await).await
                }

                #[tokio::test]
                async fn postgres() {
                    run($setup($crate::helpers::Backend::Postgres).await).await
                }
            }
        )+
    };
}
pub(crate) use on_both_stores;

/// The Python of the project's test venv (made by scripts/test).
pub fn venv_python() -> PathBuf {
    std::env::var_os("SIMPLICITY_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv"))
        .join("bin/python")
}

/// An organisation with an admin, for tests that need one.
pub struct OrgFixture {
    pub admin: Client,
    pub id: String,
    pub slug: String,
}

impl OrgFixture {
    pub async fn new(app: &TestApp, name: &str) -> Self {
        let admin = app.browser();
        app.sign_up_verified(&admin, &format!("{name}Admin")).await;
        let org = admin.create_org(name).await;
        Self {
            admin,
            id: org["id"].as_str().expect("id").to_owned(),
            slug: org["slug"].as_str().expect("slug").to_owned(),
        }
    }

    pub fn path(&self, rest: &str) -> String {
        format!("/api/orgs/{}{rest}", self.id)
    }

    /// Invites a new person with `roles`, has them accept (creating their
    /// account) and returns their signed-in client and email.
    pub async fn add_member(&self, app: &TestApp, name: &str, roles: Value) -> (Client, String) {
        let email = format!("{}-{}@example.com", name.to_lowercase(), uuid::Uuid::new_v4().simple());
        let invite = self.admin.post(&self.path("/invites"), json!({"email": email, "roles": roles})).await;
        assert_eq!(invite.status(), 201, "invite failed");
        let token = app.token_mailed_to(&email, "/invite/").await;
        let member = app.browser();
        let accepted =
            member.post("/api/invites/accept", json!({"token": token, "name": name, "password": PASSWORD})).await;
        assert_eq!(accepted.status(), 200, "accept failed");
        (member, email)
    }

    pub async fn enable(&self, module: &str) {
        let response = self.admin.patch(&self.path("/features"), json!({ module: true })).await;
        assert_eq!(response.status(), 200, "could not enable {module}");
    }

    /// Moves the organisation to `plan` as an operator would (through the
    /// server's store; `simplicity org set-plan` has tests of its own), then
    /// switches `modules` on.
    pub async fn with_modules(&self, app: &TestApp, plan: &str, modules: &[&str]) {
        let meta = simplicity_shared::domain::audit::AuditMeta::system("test fixture");
        let org_id = self.id.parse().expect("org id");
        app.store.set_plan(org_id, plan.parse().expect("plan"), &meta).await.expect("set plan");
        for module in modules {
            self.enable(module).await;
        }
    }
}

/// A child process killed (and reaped) when the test ends, however it ends.
pub struct ChildGuard(pub std::process::Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("free port").local_addr().expect("addr").port()
}

/// Waits until `url` answers at all (any status), for up to ten seconds.
pub async fn wait_until_up(url: &str) {
    for _ in 0..100 {
        if reqwest::get(url).await.is_ok() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{url} never answered");
}

/// A real SMTP server (aiosmtpd, tests/support/smtp_sink.py) for one test;
/// it files each message it receives as JSON for the test to read.
pub struct MailSink {
    port: u16,
    dir: PathBuf,
    process: std::sync::Mutex<Option<ChildGuard>>,
}

/// One received email, as the SMTP server parsed it.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentMail {
    pub mail_from: String,
    pub rcpt_tos: Vec<String>,
    pub headers: std::collections::BTreeMap<String, String>,
    pub text: Option<String>,
    pub html: Option<String>,
}

impl SentMail {
    pub fn to(&self) -> &str {
        self.rcpt_tos.first().map_or("", String::as_str)
    }

    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or_default()
    }

    pub fn subject(&self) -> &str {
        self.headers.get("subject").map_or("", String::as_str)
    }
}

/// Starts the SMTP server on `port`, writing what it receives to `dir`.
async fn spawn_sink(port: u16, dir: &std::path::Path) -> ChildGuard {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp_sink.py");
    let mut child = std::process::Command::new(venv_python())
        .arg(script)
        .arg(port.to_string())
        .arg(dir)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start the SMTP sink (scripts/test installs aiosmtpd)");
    let stdout = child.stdout.take().expect("stdout");
    let guard = ChildGuard(child);
    let ready = tokio::task::spawn_blocking(move || {
        use std::io::BufRead;
        let mut line = String::new();
        std::io::BufReader::new(stdout).read_line(&mut line).map(|_| line)
    });
    let line = tokio::time::timeout(std::time::Duration::from_secs(20), ready).await.expect("sink ready in time");
    assert_eq!(line.expect("join").expect("read").trim(), "ready", "SMTP sink did not start");
    guard
}

impl MailSink {
    pub async fn start() -> Self {
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("simplicity-mail-{}", uuid::Uuid::new_v4().simple()));
        let process = spawn_sink(port, &dir).await;
        Self { port, dir, process: std::sync::Mutex::new(Some(process)) }
    }

    /// Takes the SMTP server down (connections are refused) until [`Self::restart`].
    pub fn stop(&self) {
        self.process.lock().expect("lock").take();
    }

    /// Brings the SMTP server back on the same port, keeping what it received.
    pub async fn restart(&self) {
        let process = spawn_sink(self.port, &self.dir).await;
        *self.process.lock().expect("lock") = Some(process);
    }

    pub fn smtp_url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, oldest first.
    pub fn sent(&self) -> Vec<SentMail> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut names: Vec<PathBuf> =
            entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
        names.sort();
        names
            .iter()
            .map(|path| serde_json::from_str(&std::fs::read_to_string(path).expect("read mail")).expect("mail json"))
            .collect()
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
