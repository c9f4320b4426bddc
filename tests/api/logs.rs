//! What a server's log says: the route a request matched, never its raw
//! path (an invitation's token must not reach the log); and, without a mail
//! server, that mail (links included) is written to the log.

use std::io::BufRead;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use serde_json::json;

use crate::helpers::{Backend, ChildGuard, Client, OrgFixture, PASSWORD, free_port, spawn_app, wait_until_up};

/// A `simplicity serve` process whose log lines the test reads.
pub struct LoggedServer {
    _process: ChildGuard,
    pub url: String,
    lines: Arc<Mutex<Vec<String>>>,
}

impl LoggedServer {
    async fn start(database_url: &str, smtp_url: Option<String>) -> Self {
        let port = free_port();
        let mut env = vec![("PUBLIC_URL", crate::helpers::PUBLIC_URL.to_owned())];
        env.extend(smtp_url.map(|url| ("SMTP_URL", url)));
        Self::start_with(database_url, port, &[], &env).await
    }

    /// `simplicity serve --port <port> <args>` with `env` (no PUBLIC_URL or
    /// SMTP_URL unless given), run in a directory of its own.
    pub async fn start_with(database_url: &str, port: u16, args: &[&str], env: &[(&str, String)]) -> Self {
        simplicity_shared::tls::install_crypto();
        let dir = std::env::temp_dir().join(format!("simplicity-serve-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("working directory");
        let mut command = Command::new(env!("CARGO_BIN_EXE_simplicity"));
        command
            .args(["serve", "--port", &port.to_string()])
            .args(args)
            .current_dir(&dir)
            .env("DATABASE_URL", database_url)
            .env("WEB_DIR", "/nonexistent")
            .env("RUST_LOG", "info")
            .env_remove("SMTP_URL")
            .env_remove("PUBLIC_URL")
            .stdout(Stdio::piped());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("start simplicity serve");
        let stdout = child.stdout.take().expect("stdout");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
                sink.lock().expect("lines").push(line);
            }
        });
        let bound = args.iter().skip_while(|a| **a != "--host").nth(1).filter(|h| **h != "0.0.0.0");
        let url = format!("http://{}:{port}", bound.unwrap_or(&"127.0.0.1"));
        wait_until_up(&format!("{url}/api/health")).await;
        Self { _process: ChildGuard(child), url, lines }
    }

    /// The log so far, once `what` has appeared in it (at most 5 s later).
    pub async fn log_once_it_says(&self, what: &str) -> String {
        for _ in 0..50 {
            let log = self.lines.lock().expect("lines").join("\n");
            if log.contains(what) {
                return log;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the log never said {what:?}:\n{}", self.lines.lock().expect("lines").join("\n"));
    }
}

#[tokio::test]
async fn request_logs_name_the_route_never_the_invitation_token() {
    let app = spawn_app(Backend::Sqlite).await;
    let org = OrgFixture::new(&app, "Logged").await;
    let email = format!("logged-{}@example.com", uuid::Uuid::new_v4().simple());
    assert_eq!(org.admin.post(&org.path("/invites"), json!({"email": email, "roles": ["member"]})).await.status(), 201);
    let token = app.token_mailed_to(&email, "/invite/").await;

    let server = LoggedServer::start(&app.db.url, Some(app.mail.smtp_url())).await;
    let invitee = Client::new(server.url.clone());
    assert_eq!(invitee.post("/api/invites/preview", json!({"token": token})).await.status(), 200);
    let accepted =
        invitee.post("/api/invites/accept", json!({"token": token, "name": "Logged", "password": PASSWORD})).await;
    assert_eq!(accepted.status(), 200);
    // The web link, as a browser follows it from the mail.
    invitee.get(&format!("/invite/{token}")).await;

    let log = server.log_once_it_says(r#""route":"/api/invites/accept""#).await;
    assert!(log.contains(r#""route":"/api/invites/preview""#), "{log}");
    // Each request's line says which function answered, and how.
    let line = log.lines().find(|l| l.contains(r#""route":"/api/invites/accept""#)).expect("the accept line");
    let line: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
    assert_eq!(line["span"]["function"], "simplicity", "{line}");
    assert_eq!(line["fields"]["status"], 200, "{line}");
    assert!(line["span"]["request_id"].is_string() && line["fields"]["latency_ms"].is_number(), "{line}");
    assert!(!log.contains(&token), "the token reached the log:\n{log}");
}

#[tokio::test]
async fn without_a_mail_server_the_log_says_mail_goes_there() {
    let app = spawn_app(Backend::Sqlite).await;
    let server = LoggedServer::start(&app.db.url, None).await;
    server.log_once_it_says("SMTP_URL is not set: email is written to this log instead").await;
}
