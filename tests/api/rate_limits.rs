//! Sign-in attempts are limited per account and per address, in the store:
//! two server processes on one database share the count.

use std::process::{Command, Stdio};

use reqwest::header::RETRY_AFTER;
use serde_json::json;

use crate::helpers::{ChildGuard, expect_problem, free_port, on_both_stores, wait_until_up};

/// A `simplicity serve` process of its own on `database_url`.
struct Server(#[allow(dead_code)] ChildGuard, String);

async fn start_server(database_url: &str) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_simplicity"))
        .args(["serve", "--port", &port.to_string()])
        .env("DATABASE_URL", database_url)
        .env("PUBLIC_URL", crate::helpers::PUBLIC_URL)
        .env("WEB_DIR", "/nonexistent")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .expect("start simplicity serve");
    let server = Server(ChildGuard(child), format!("http://127.0.0.1:{port}"));
    wait_until_up(&format!("{}/api/health", server.1)).await;
    server
}

on_both_stores! {
    async fn two_processes_share_the_sign_in_limit(app: TestApp) {
        let victim = app.browser();
        let me = victim.sign_up("Victim").await;
        let email = me["user"]["email"].as_str().expect("email").to_owned();
        let servers = [start_server(&app.db.url).await, start_server(&app.db.url).await];
        let client = reqwest::Client::new();
        // A rotating X-Forwarded-For is not believed without TRUST_PROXY.
        let attempt = |n: usize| {
            let url = format!("{}/api/auth/login", servers[n % 2].1);
            client
                .post(url)
                .header("x-forwarded-for", format!("10.0.0.{n}"))
                .json(&json!({"email": email, "password": "wrong password!"}))
                .send()
        };
        // Ten attempts per account per window, counted across both processes.
        for n in 0..10 {
            let response = attempt(n).await.expect("send");
            assert_eq!(response.status(), 401, "attempt {n}");
        }
        let limited = attempt(10).await.expect("send");
        let retry_after: u64 = limited.headers()[RETRY_AFTER].to_str().expect("ascii").parse().expect("seconds");
        assert!((1..=900).contains(&retry_after), "Retry-After {retry_after}");
        expect_problem(limited, 429).await;
        // The right password is refused too while the window lasts.
        let right = client.post(format!("{}/api/auth/login", servers[1].1)).json(&json!({"email": email, "password": crate::helpers::PASSWORD})).send().await.expect("send");
        assert_eq!(right.status(), 429);
    }
}

/// Each limit forgets only its own old windows: sign-in traffic must not
/// reset the hour-long password-reset windows.
#[tokio::test]
async fn limits_prune_only_their_own_windows() {
    let app = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite).await;
    let client = app.browser();
    let me = client.sign_up("Target").await;
    let email = me["user"]["email"].as_str().expect("email").to_owned();
    for n in 0..5 {
        let response = client.post("/api/auth/password-reset/request", json!({"email": email})).await;
        assert_eq!(response.status(), 202, "reset request {n}");
        // Interleaved sign-ins open (and prune) windows of another limit.
        client.post("/api/auth/login", json!({"email": format!("nobody{n}@example.com"), "password": "x"})).await;
    }
    let sixth = client.post("/api/auth/password-reset/request", json!({"email": email})).await;
    expect_problem(sixth, 429).await;
}

/// Failures count, not attempts: someone who signs in often is never
/// locked out by it.
#[tokio::test]
async fn signing_in_again_and_again_is_not_a_failure() {
    let app = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite).await;
    let client = app.browser();
    let me = client.sign_up("Regular").await;
    let email = me["user"]["email"].as_str().expect("email").to_owned();
    for n in 0..12 {
        let signed_in =
            client.post("/api/auth/login", json!({"email": email, "password": crate::helpers::PASSWORD})).await;
        assert_eq!(signed_in.status(), 200, "sign-in {n}");
    }
}

/// An IPv6 client varies the low 64 bits at will: its failures count
/// together, by its /64.
#[tokio::test]
async fn ipv6_clients_are_limited_by_their_64_prefix() {
    let app = crate::helpers::spawn_app_with(crate::helpers::Backend::Sqlite, |config| config.trust_proxy = true).await;
    let client = reqwest::Client::new();
    let attempt = |n: u32| {
        client
            .post(app.url("/api/auth/login"))
            .header("x-forwarded-for", format!("2001:db8:7:7:{n:x}::1"))
            .json(&json!({"email": format!("guess{n}@example.com"), "password": "wrong password!"}))
            .send()
    };
    for n in 0..50 {
        assert_eq!(attempt(n).await.expect("send").status(), 401, "attempt {n}");
    }
    expect_problem(attempt(50).await.expect("send"), 429).await;
}

/// A window's end forgets nothing: ten failures just before it still count
/// just after it (a fixed window would allow ten more at once).
#[tokio::test]
async fn a_window_boundary_does_not_reset_the_count() {
    use simplicity_shared::clock::Clock;
    // One second before a 15-minute boundary.
    let clock = Clock::manual(chrono::DateTime::from_timestamp(1_800_000_000 - 1, 0).expect("instant"));
    let app = crate::helpers::spawn_app_with_clock(crate::helpers::Backend::Sqlite, clock.clone()).await;
    let client = app.browser();
    let me = client.sign_up("Target").await;
    let email = me["user"]["email"].as_str().expect("email").to_owned();
    let wrong = json!({"email": email, "password": "wrong password!"});
    for n in 0..10 {
        assert_eq!(client.post("/api/auth/login", wrong.clone()).await.status(), 401, "attempt {n}");
    }
    clock.set(clock.now() + chrono::Duration::seconds(2));
    let limited = client.post("/api/auth/login", wrong).await;
    let retry_after: u64 = limited.headers()[RETRY_AFTER].to_str().expect("ascii").parse().expect("seconds");
    assert!((1..=900).contains(&retry_after), "Retry-After {retry_after}");
    expect_problem(limited, 429).await;
}
