//! Invitations, membership and the last-admin rule.

use serde_json::{Value, json};

use crate::helpers::{OrgFixture, PASSWORD, expect_problem, on_both_stores};

on_both_stores! {
    async fn invite_lifecycle(app: TestApp) {
        let org = OrgFixture::new(&app, "Invites").await;
        let email = format!("new-{}@example.com", uuid::Uuid::new_v4().simple());
        let created: Value = org.admin.post(&org.path("/invites"), json!({"email": email, "roles": ["member", "oncall"]})).await.json().await.expect("json");
        let first_token = app.token_mailed_to(&email, "/invite/").await;

        let preview: Value = app.browser().post("/api/invites/preview", json!({"token": first_token})).await.json().await.expect("json");
        assert_eq!(preview["email"], email);
        assert_eq!(preview["accountExists"], false);

        // Re-sending gives a new link; the old one stops working.
        let invite_id = created["id"].as_str().expect("id");
        assert_eq!(org.admin.post(&org.path(&format!("/invites/{invite_id}/resend")), json!({})).await.status(), 200);
        let second_token = app.token_mailed_to(&email, "/invite/").await;
        assert_ne!(first_token, second_token);
        expect_problem(app.browser().post("/api/invites/preview", json!({"token": first_token})).await, 404).await;

        // Accepting validates the new account's fields.
        let newcomer = app.browser();
        let weak = newcomer.post("/api/invites/accept", json!({"token": second_token, "name": "New", "password": "short"})).await;
        assert_eq!(expect_problem(weak, 422).await["errors"][0]["field"], "password");
        let accepted = newcomer.post("/api/invites/accept", json!({"token": second_token, "name": "New", "password": PASSWORD})).await;
        assert_eq!(accepted.status(), 200);
        let me: Value = newcomer.get("/api/me").await.json().await.expect("json");
        assert_eq!(me["user"]["emailVerified"], true, "the invite link proves the address");
        assert_eq!(me["memberships"][0]["orgId"], org.id.as_str());
        assert_eq!(me["memberships"][0]["roles"], json!(["member", "oncall"]));

        // Single use.
        expect_problem(newcomer.post("/api/invites/accept", json!({"token": second_token})).await, 404).await;
        // Inviting a member again is a clear conflict.
        let again = org.admin.post(&org.path("/invites"), json!({"email": email, "roles": ["member"]})).await;
        assert_eq!(expect_problem(again, 409).await["type"], "https://simplicity.dev/problems/already-member");
    }

    async fn revoked_and_expired_invites_do_not_work(app: TestApp) {
        let org = OrgFixture::new(&app, "Revoke").await;
        let revoked_email = format!("revoked-{}@example.com", uuid::Uuid::new_v4().simple());
        let invite: Value = org.admin.post(&org.path("/invites"), json!({"email": revoked_email, "roles": ["member"]})).await.json().await.expect("json");
        let token = app.token_mailed_to(&revoked_email, "/invite/").await;
        assert_eq!(org.admin.delete(&org.path(&format!("/invites/{}", invite["id"].as_str().expect("id")))).await.status(), 204);
        let attempt = app.browser().post("/api/invites/accept", json!({"token": token, "name": "R", "password": PASSWORD})).await;
        expect_problem(attempt, 404).await;

        let expired_email = format!("expired-{}@example.com", uuid::Uuid::new_v4().simple());
        org.admin.post(&org.path("/invites"), json!({"email": expired_email, "roles": ["member"]})).await;
        let token = app.token_mailed_to(&expired_email, "/invite/").await;
        app.execute_sql(&format!("UPDATE invites SET expires_at = '2020-01-01T00:00:00+00:00' WHERE email = '{expired_email}'")).await.expect("age invite");
        let attempt = app.browser().post("/api/invites/accept", json!({"token": token, "name": "E", "password": PASSWORD})).await;
        expect_problem(attempt, 404).await;
        let pending: Value = org.admin.get(&org.path("/invites")).await.json().await.expect("json");
        assert_eq!(pending["data"], json!([]), "neither revoked nor expired invites are pending");
    }

    async fn existing_accounts_accept_signed_in_as_the_invited_email(app: TestApp) {
        let org = OrgFixture::new(&app, "Existing").await;
        let person = app.browser();
        let me = app.sign_up_verified(&person, "Existing").await;
        let email = me["user"]["email"].as_str().expect("email").to_owned();
        org.admin.post(&org.path("/invites"), json!({"email": email, "roles": ["member"]})).await;
        let token = app.token_mailed_to(&email, "/invite/").await;
        // Not signed in: sign in first.
        expect_problem(app.browser().post("/api/invites/accept", json!({"token": token})).await, 401).await;
        // Someone else's account cannot take it.
        let stranger = app.browser();
        app.sign_up_verified(&stranger, "Stranger").await;
        expect_problem(stranger.post("/api/invites/accept", json!({"token": token})).await, 403).await;
        assert_eq!(person.post("/api/invites/accept", json!({"token": token})).await.status(), 200);
        assert_eq!(person.get(&org.path("")).await.status(), 200);
    }

    async fn the_last_admin_cannot_leave_or_be_demoted(app: TestApp) {
        let org = OrgFixture::new(&app, "Admins").await;
        let me: Value = org.admin.get("/api/me").await.json().await.expect("json");
        let admin_id = me["user"]["id"].as_str().expect("id").to_owned();
        let demote = org.admin.patch(&org.path(&format!("/members/{admin_id}")), json!({"roles": ["member"]})).await;
        assert_eq!(expect_problem(demote, 409).await["type"], "https://simplicity.dev/problems/last-admin");
        let leave = org.admin.delete(&org.path(&format!("/members/{admin_id}"))).await;
        expect_problem(leave, 409).await;

        let (deputy, _) = org.add_member(&app, "Deputy", json!(["member"])).await;
        let deputy_me: Value = deputy.get("/api/me").await.json().await.expect("json");
        let deputy_id = deputy_me["user"]["id"].as_str().expect("id").to_owned();
        let promoted = org.admin.patch(&org.path(&format!("/members/{deputy_id}")), json!({"roles": ["admin", "oncall"]})).await;
        assert_eq!(promoted.status(), 200);
        let no_roles = org.admin.patch(&org.path(&format!("/members/{deputy_id}")), json!({"roles": []})).await;
        assert_eq!(expect_problem(no_roles, 422).await["errors"][0]["field"], "roles");
        assert_eq!(org.admin.delete(&org.path(&format!("/members/{admin_id}"))).await.status(), 204, "now the first admin may leave");
        expect_problem(org.admin.get(&org.path("")).await, 404).await;
    }

    async fn removed_members_lose_access_at_once(app: TestApp) {
        let org = OrgFixture::new(&app, "Removal").await;
        org.enable("knowledgeBase").await;
        let (member, _) = org.add_member(&app, "Leaver", json!(["member"])).await;
        let article: Value = member.post(&org.path("/kb/articles"), json!({"title": "Mine", "body": "text"})).await.json().await.expect("json");
        let member_id = article["authorId"].as_str().expect("author").to_owned();
        assert_eq!(org.admin.delete(&org.path(&format!("/members/{member_id}"))).await.status(), 204);
        expect_problem(member.get(&org.path("")).await, 404).await;
        expect_problem(member.get(&org.path("/kb/articles")).await, 404).await;
        // Their work stays, still attributed to them.
        let kept: Value = org.admin.get(&org.path(&format!("/kb/articles/{}", article["id"].as_str().expect("id")))).await.json().await.expect("json");
        assert_eq!(kept["authorId"], member_id.as_str());
    }

    /// A refused accept leaves no half-made account behind.
    async fn accepting_creates_the_account_and_membership_together(app: TestApp) {
        let org = OrgFixture::new(&app, "Atomic").await;
        assert!(app.simplicity(&["org", "set-plan", &org.slug, "pro"]).await.status.success());
        let mut emails = Vec::new();
        for n in 0..6 {
            let email = format!("atomic{n}-{}@example.com", uuid::Uuid::new_v4().simple());
            let response = org.admin.post(&org.path("/invites"), json!({"email": email, "roles": ["member"]})).await;
            assert_eq!(response.status(), 201);
            emails.push(email);
        }
        // Back on free (5 seats), one admin and six pending invites: no seat left.
        assert!(app.simplicity(&["org", "set-plan", &org.slug, "free"]).await.status.success());
        let token = app.token_mailed_to(&emails[0], "/invite/").await;
        let newcomer = app.browser();
        let refused = newcomer.post("/api/invites/accept", json!({"token": token, "name": "Late", "password": PASSWORD})).await;
        expect_problem(refused, 402).await;
        // The account was not created: signing up with the address makes it.
        let signup = newcomer.post("/api/auth/signup", json!({"email": emails[0], "password": PASSWORD, "name": "Late"})).await;
        assert_eq!(signup.status(), 202);
        let login = newcomer.post("/api/auth/login", json!({"email": emails[0], "password": PASSWORD})).await;
        assert_eq!(login.status(), 200);
    }

    async fn a_cross_site_form_cannot_accept_an_invite_into_a_session(app: TestApp) {
        let org = OrgFixture::new(&app, "Csrf").await;
        let email = format!("csrf-{}@example.com", uuid::Uuid::new_v4().simple());
        org.admin.post(&org.path("/invites"), json!({"email": email, "roles": ["member"]})).await;
        let token = app.token_mailed_to(&email, "/invite/").await;
        let url = app.url("/api/invites/accept");
        let victim = reqwest::Client::new();
        // What an attacker's page submits: a form post from its own origin.
        let form = victim.post(&url).header("origin", "https://evil.example")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("token={token}&name=Mallory&password=correct+horse+battery+staple")).send().await.expect("send");
        expect_problem(form, 403).await;
        // Same origin, but not declared JSON (a text/plain form can carry JSON).
        let plain = victim.post(&url).header("origin", crate::helpers::PUBLIC_URL).header("content-type", "text/plain")
            .body(json!({"token": token, "name": "Mallory", "password": PASSWORD}).to_string()).send().await.expect("send");
        expect_problem(plain, 415).await;
        // The invitation is still there for its owner.
        let accepted = app.browser().post("/api/invites/accept", json!({"token": token, "name": "Owner", "password": PASSWORD})).await;
        assert_eq!(accepted.status(), 200);
    }

    async fn seats_bound_invites(app: TestApp) {
        let org = OrgFixture::new(&app, "Seats").await;
        // Free plan: 5 seats; the admin holds one.
        for n in 0..4 {
            let response = org.admin.post(&org.path("/invites"), json!({"email": format!("seat{n}-{}@example.com", uuid::Uuid::new_v4().simple()), "roles": ["member"]})).await;
            assert_eq!(response.status(), 201);
        }
        let over = org.admin.post(&org.path("/invites"), json!({"email": "one-too-many@example.com", "roles": ["member"]})).await;
        let body = expect_problem(over, 402).await;
        assert_eq!(body["requiredPlan"], "pro");
    }
}

/// Each invitation and resend is an email to an address an admin typed:
/// fifty an hour per sender, then 429 (resends count too).
#[tokio::test]
async fn invitations_are_limited_per_sender() {
    let app = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite).await;
    let org = OrgFixture::new(&app, "Mailer").await;
    let invite: Value = org
        .admin
        .post(&org.path("/invites"), json!({"email": "once@example.com", "roles": ["member"]}))
        .await
        .json()
        .await
        .expect("invite");
    let resend = org.path(&format!("/invites/{}/resend", invite["id"].as_str().expect("id")));
    for n in 1..50 {
        assert_eq!(org.admin.post(&resend, json!({})).await.status(), 200, "resend {n}");
    }
    expect_problem(org.admin.post(&resend, json!({})).await, 429).await;
    let other = org.admin.post(&org.path("/invites"), json!({"email": "twice@example.com", "roles": ["member"]})).await;
    expect_problem(other, 429).await;
}
