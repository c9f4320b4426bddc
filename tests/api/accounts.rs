//! Sign-up, sign-in, sessions, CSRF and organisations.

use reqwest::header::{ORIGIN, SET_COOKIE};
use serde_json::{Value, json};

use crate::helpers::{Backend, Client, PASSWORD, expect_problem, on_both_stores, spawn_app};

on_both_stores! {
    async fn sign_up_sign_in_and_sign_out(app: TestApp) {
        let client = app.browser();
        let email = format!("ada-{}@example.com", uuid::Uuid::new_v4().simple());
        let signup = client.post("/api/auth/signup", json!({"email": email.to_uppercase(), "password": PASSWORD, "name": "Ada"})).await;
        assert_eq!(signup.status(), 202);
        assert!(signup.headers().get(SET_COOKIE).is_none(), "sign-up signs no one in");
        let login = client.post("/api/auth/login", json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(login.status(), 200, "emails are stored lowercased");
        let cookie = login.headers()[SET_COOKIE].to_str().expect("ascii").to_owned();
        for flag in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
            assert!(cookie.contains(flag), "cookie lacks {flag}: {cookie}");
        }
        let me: Value = login.json().await.expect("json");
        assert_eq!(me["user"]["email"], email, "emails are stored lowercased");
        assert_eq!(me["memberships"], json!([]));

        assert_eq!(client.get("/api/me").await.status(), 200);
        assert_eq!(client.post("/api/auth/logout", json!({})).await.status(), 204);
        expect_problem(client.get("/api/me").await, 401).await;

        let wrong = client.post("/api/auth/login", json!({"email": email, "password": "not the password"})).await;
        expect_problem(wrong, 401).await;
        let unknown = client.post("/api/auth/login", json!({"email": "nobody@example.com", "password": PASSWORD})).await;
        expect_problem(unknown, 401).await;
        let login = client.post("/api/auth/login", json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(login.status(), 200);
        assert_eq!(client.get("/api/me").await.status(), 200);
    }

    /// Sign-up answers alike whether or not the address has an account:
    /// the owner of a taken one is told by mail, and nothing else changes.
    async fn sign_up_does_not_tell_who_has_an_account(app: TestApp) {
        let owner = app.browser();
        let email = owner.sign_up("Owner").await["user"]["email"].as_str().expect("email").to_owned();
        let fresh = format!("fresh-{}@example.com", uuid::Uuid::new_v4().simple());
        let stranger = app.browser();
        let attempt = |email: &str| json!({"email": email, "password": "another long passphrase", "name": "Mallory"});
        let taken = stranger.post("/api/auth/signup", attempt(&email)).await;
        let new = stranger.post("/api/auth/signup", attempt(&fresh)).await;
        assert_eq!((taken.status(), new.status()), (reqwest::StatusCode::ACCEPTED, reqwest::StatusCode::ACCEPTED));
        assert_eq!(taken.text().await.expect("body"), new.text().await.expect("body"));

        let told = app.mail_to(&email, "already has an account").await;
        assert_eq!(told.subject(), "You already have a Simplicity account");
        assert!(told.text().contains(&format!("{}/forgot-password", crate::helpers::PUBLIC_URL)));
        app.token_mailed_to(&fresh, "/verify-email?token=").await;
        // The owner's account is as it was; the stranger's password opens nothing.
        let owners = app.browser().post("/api/auth/login", json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(owners.status(), 200);
        let strangers = json!({"email": email, "password": "another long passphrase"});
        expect_problem(app.browser().post("/api/auth/login", strangers).await, 401).await;
    }

    async fn sign_out_everywhere_ends_every_session(app: TestApp) {
        let laptop = app.browser();
        let me = laptop.sign_up("Grace").await;
        let email = me["user"]["email"].as_str().expect("email");
        let phone = app.browser();
        assert_eq!(phone.post("/api/auth/login", json!({"email": email, "password": PASSWORD})).await.status(), 200);
        assert_eq!(phone.post("/api/auth/logout-all", json!({})).await.status(), 204);
        expect_problem(laptop.get("/api/me").await, 401).await;
        expect_problem(phone.get("/api/me").await, 401).await;
    }

    async fn names_that_would_start_a_new_line_in_a_mail_are_refused(app: TestApp) {
        let client = app.browser();
        let body = json!({"email": "multi@example.com", "password": PASSWORD, "name": "Mallory\nhttps://evil.example"});
        let refused = expect_problem(client.post("/api/auth/signup", body).await, 422).await;
        assert_eq!(refused["errors"][0]["field"], "name");
        app.sign_up_verified(&client, "Single").await;
        let org = json!({"name": "Corp\r\nVisit https://evil.example", "slug": "corp-lines"});
        let refused = expect_problem(client.post("/api/orgs", org).await, 422).await;
        assert_eq!(refused["errors"][0]["field"], "name");
    }

    async fn organisations_are_created_with_the_creator_as_admin(app: TestApp) {
        let client = app.browser();
        app.sign_up_verified(&client, "Linus").await;
        let org = client.create_org("Kernel").await;
        assert_eq!(org["plan"], "free");
        assert_eq!(org["features"]["incidentManagement"], true);
        assert_eq!(org["features"]["assetManagement"], false);
        assert_eq!(org["limits"]["seats"], 5);

        let me: Value = client.get("/api/me").await.json().await.expect("json");
        assert_eq!(me["memberships"][0]["orgId"], org["id"]);
        assert_eq!(me["memberships"][0]["roles"], json!(["admin"]));

        let by_slug: Value = client.get(&format!("/api/orgs/by-slug/{}", org["slug"].as_str().expect("slug"))).await.json().await.expect("json");
        assert_eq!(by_slug["id"], org["id"]);

        let members: Value = client.get(&format!("/api/orgs/{}/members", org["id"].as_str().expect("id"))).await.json().await.expect("json");
        assert_eq!(members["data"].as_array().map(Vec::len), Some(1));
        assert_eq!(members["data"][0]["roles"], json!(["admin"]));

        let taken = client.post("/api/orgs", json!({"name": "Again", "slug": org["slug"]})).await;
        assert_eq!(expect_problem(taken, 409).await["type"], "https://simplicity.dev/problems/slug-taken");
    }
}

#[tokio::test]
async fn invalid_sign_up_names_every_bad_field() {
    let app = spawn_app(Backend::Sqlite).await;
    let response =
        app.browser().post("/api/auth/signup", json!({"email": "nope", "password": "password123", "name": " "})).await;
    let body = expect_problem(response, 422).await;
    let fields: Vec<&str> =
        body["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, ["email", "name", "password"]);
}

#[tokio::test]
async fn invalid_slugs_are_refused_by_field() {
    let app = spawn_app(Backend::Sqlite).await;
    let client = app.browser();
    app.sign_up_verified(&client, "Slugger").await;
    for slug in ["ab", "API", "admin", "has space", "-edge"] {
        let body = expect_problem(client.post("/api/orgs", json!({"name": "X", "slug": slug})).await, 422).await;
        assert_eq!(body["errors"][0]["field"], "slug", "{slug}: {body}");
    }
}

#[tokio::test]
async fn cookie_writes_from_another_origin_are_refused() {
    let app = spawn_app(Backend::Sqlite).await;
    let client = app.browser();
    client.sign_up("Csrf").await;
    let forged = client
        .http()
        .post(client.url("/api/orgs"))
        .header(ORIGIN, "https://evil.example")
        .json(&json!({"name": "Evil", "slug": "evil-org"}))
        .send()
        .await
        .expect("send");
    expect_problem(forged, 403).await;
    let no_origin = client
        .http()
        .post(client.url("/api/orgs"))
        .json(&json!({"name": "Evil", "slug": "evil-org"}))
        .send()
        .await
        .expect("send");
    expect_problem(no_origin, 403).await;
    let login_csrf = Client::new(app.url(""))
        .http()
        .post(app.url("/api/auth/login"))
        .header(ORIGIN, "https://evil.example")
        .json(&json!({"email": "x@example.com", "password": PASSWORD}))
        .send()
        .await
        .expect("send");
    expect_problem(login_csrf, 403).await;
    // Reads need no Origin.
    assert_eq!(client.get("/api/me").await.status(), 200);
}

#[tokio::test]
async fn signing_in_rotates_the_session() {
    let app = spawn_app(Backend::Sqlite).await;
    let client = app.browser();
    let me = client.sign_up("Rotator").await;
    let email = me["user"]["email"].as_str().expect("email").to_owned();
    let first = client.get("/api/me").await;
    assert_eq!(first.status(), 200);
    // Keep the old cookie aside, sign in again, and the old one is dead.
    let old_cookie = {
        let login = client.post("/api/auth/login", json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(login.status(), 200);
        login.headers()[SET_COOKIE].to_str().expect("ascii").split(';').next().expect("pair").to_owned()
    };
    let again = client.post("/api/auth/login", json!({"email": email, "password": PASSWORD})).await;
    assert_eq!(again.status(), 200);
    let stale = reqwest::Client::new().get(app.url("/api/me")).header("cookie", old_cookie).send().await.expect("send");
    expect_problem(stale, 401).await;
    assert_eq!(client.get("/api/me").await.status(), 200);
}
