//! The account-takeover chain closed: an address someone signed up with
//! before its owner gains no lasting access through it, and whatever access
//! it had ends when the owner proves the address or resets the password.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Client, OrgFixture, PASSWORD, expect_problem, on_both_stores};
use crate::tokens::with_token;

async fn token_of(client: &Client, name: &str) -> String {
    let created = client.post("/api/me/tokens", json!({"name": name, "scope": "read-write"})).await;
    assert_eq!(created.status(), 201, "token {name}");
    let created: Value = created.json().await.expect("json");
    created["secret"].as_str().expect("secret").to_owned()
}

async fn email_of(client: &Client) -> String {
    let me: Value = client.get("/api/me").await.json().await.expect("json");
    me["user"]["email"].as_str().expect("email").to_owned()
}

on_both_stores! {
    async fn an_unconfirmed_address_makes_no_tokens_organisations_or_joins(app: TestApp) {
        let squatter = app.browser();
        squatter.sign_up("Victim").await;
        let email = email_of(&squatter).await;
        for refused in [
            squatter.post("/api/me/tokens", json!({"name": "keep", "scope": "read-write"})).await,
            squatter.post("/api/orgs", json!({"name": "Corp", "slug": format!("corp-{}", &uuid::Uuid::new_v4().simple().to_string()[..8])})).await,
        ] {
            let problem = expect_problem(refused, 403).await;
            assert!(problem["type"].as_str().expect("type").ends_with("/email-unverified"), "{problem}");
        }
        // An invitation to the address cannot be taken by the account that only claims it.
        let org = OrgFixture::new(&app, "Inviting").await;
        org.admin.post(&org.path("/invites"), json!({"email": email, "roles": ["admin"]})).await;
        let invite = app.token_mailed_to(&email, "/invite/").await;
        let problem = expect_problem(squatter.post("/api/invites/accept", json!({"token": invite})).await, 403).await;
        assert!(problem["type"].as_str().expect("type").ends_with("/email-unverified"), "{problem}");
        assert_eq!(squatter.get(&org.path("")).await.status(), 404, "not a member");
    }

    async fn the_owner_confirming_the_address_ends_everything_made_before(app: TestApp) {
        let squatter = app.browser();
        squatter.sign_up("Victim").await;
        let email = email_of(&squatter).await;
        // A token from before tokens needed a confirmed address.
        app.execute_sql(&format!("UPDATE users SET email_verified_at = created_at WHERE email = '{email}'")).await.expect("sql");
        let token = token_of(&squatter, "kept from before").await;
        app.execute_sql(&format!("UPDATE users SET email_verified_at = NULL WHERE email = '{email}'")).await.expect("sql");

        // The owner signs in (after a reset, say) and follows the confirmation link.
        let owner = app.browser();
        let signed_in = owner.post("/api/auth/login", json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(signed_in.status(), 200);
        let link = app.token_mailed_to(&email, "/verify-email?token=").await;
        assert_eq!(owner.post("/api/auth/verify-email", json!({"token": link})).await.status(), 204);

        expect_problem(squatter.get("/api/me").await, 401).await;
        expect_problem(with_token(&app, Method::GET, "/api/me", &token, None).await, 401).await;
        let me: Value = owner.get("/api/me").await.json().await.expect("the confirming session stays");
        assert_eq!(me["user"]["emailVerified"], true);
    }

    async fn a_reset_or_signing_out_everywhere_revokes_tokens_too(app: TestApp) {
        let owner = app.browser();
        app.sign_up_verified(&owner, "Owner").await;
        let email = email_of(&owner).await;

        let token = token_of(&owner, "laptop").await;
        assert_eq!(with_token(&app, Method::GET, "/api/me", &token, None).await.status(), 200);
        assert_eq!(owner.post("/api/auth/logout-all", json!({})).await.status(), 204);
        expect_problem(with_token(&app, Method::GET, "/api/me", &token, None).await, 401).await;

        let owner = app.browser();
        assert_eq!(owner.post("/api/auth/login", json!({"email": email, "password": PASSWORD})).await.status(), 200);
        let token = token_of(&owner, "ci").await;
        assert_eq!(app.browser().post("/api/auth/password-reset/request", json!({"email": email})).await.status(), 202);
        let reset = app.token_mailed_to(&email, "/reset-password?token=").await;
        let body = json!({"token": reset, "password": "an entirely new passphrase"});
        assert_eq!(app.browser().post("/api/auth/password-reset", body).await.status(), 204);
        expect_problem(with_token(&app, Method::GET, "/api/me", &token, None).await, 401).await;
    }

    async fn the_owner_is_told_of_every_new_token(app: TestApp) {
        let owner = app.browser();
        app.sign_up_verified(&owner, "Told").await;
        let email = email_of(&owner).await;
        token_of(&owner, "deploy bot").await;
        let mail = app.mail.sent().into_iter().find(|m| m.to() == email && m.headers["subject"] == "A new API token for your account");
        let mail = mail.expect("a mail about the new token");
        assert!(mail.text().contains("\"deploy bot\" (read-write)"), "{}", mail.text());
    }
}
