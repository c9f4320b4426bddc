//! Email verification and password reset through emailed single-use tokens.

use serde_json::{Value, json};

use crate::helpers::{PASSWORD, expect_problem, on_both_stores};

on_both_stores! {
    async fn email_verification(app: TestApp) {
        let client = app.browser();
        let me = client.sign_up("Verify").await;
        assert_eq!(me["user"]["emailVerified"], false);
        let email = me["user"]["email"].as_str().expect("email");
        let token = app.token_mailed_to(email, "/verify-email?token=").await;
        // A real message: sender, recipient, subject, and both bodies with the link.
        let mail = app.mail.sent().into_iter().find(|m| m.to() == email).expect("verification mail");
        assert_eq!(mail.mail_from, "no-reply@simplicity.test");
        assert_eq!(mail.headers["subject"], "Confirm your email address");
        assert_eq!(mail.headers["from"], "Simplicity <no-reply@simplicity.test>");
        assert!(mail.text().contains(&format!("{}/verify-email?token={token}", crate::helpers::PUBLIC_URL)));
        let html = mail.html.as_deref().expect("an HTML alternative");
        assert!(html.contains(&format!("<a href=\"{}/verify-email?token={token}\">", crate::helpers::PUBLIC_URL)), "{html}");
        let wrong = client.post("/api/auth/verify-email", json!({"token": "nope"})).await;
        assert_eq!(expect_problem(wrong, 422).await["errors"][0]["field"], "token");
        assert_eq!(client.post("/api/auth/verify-email", json!({"token": token})).await.status(), 204);
        let me: Value = client.get("/api/me").await.json().await.expect("json");
        assert_eq!(me["user"]["emailVerified"], true);
        expect_problem(client.post("/api/auth/verify-email", json!({"token": token})).await, 422).await;
    }

    async fn password_reset(app: TestApp) {
        let client = app.browser();
        let me = client.sign_up("Forgetful").await;
        let email = me["user"]["email"].as_str().expect("email").to_owned();
        let stranger = app.browser();
        // Unknown emails get the same answer, and no mail.
        assert_eq!(stranger.post("/api/auth/password-reset/request", json!({"email": "nobody@example.com"})).await.status(), 202);
        assert!(app.mail.sent().iter().all(|m| m.to() != "nobody@example.com"));
        assert_eq!(stranger.post("/api/auth/password-reset/request", json!({"email": email})).await.status(), 202);
        let token = app.token_mailed_to(&email, "/reset-password?token=").await;

        let weak = stranger.post("/api/auth/password-reset", json!({"token": token, "password": "password123"})).await;
        assert_eq!(expect_problem(weak, 422).await["errors"][0]["field"], "password");
        let new_password = "a much better passphrase";
        assert_eq!(stranger.post("/api/auth/password-reset", json!({"token": token, "password": new_password})).await.status(), 204);
        // Every session ended; the old password is gone; the token is spent.
        expect_problem(client.get("/api/me").await, 401).await;
        // The browser still holding the dead cookie can sign in again.
        let back_in = client.post("/api/auth/login", json!({"email": email, "password": new_password})).await;
        assert_eq!(back_in.status(), 200);
        assert_eq!(client.get("/api/me").await.status(), 200);
        expect_problem(stranger.post("/api/auth/login", json!({"email": email, "password": PASSWORD})).await, 401).await;
        assert_eq!(stranger.post("/api/auth/login", json!({"email": email, "password": new_password})).await.status(), 200);
        let reused = stranger.post("/api/auth/password-reset", json!({"token": token, "password": "yet another passphrase"})).await;
        expect_problem(reused, 422).await;
    }

    async fn guessing_reset_links_is_refused_before_hashing_and_then_limited(app: TestApp) {
        let guesser = app.browser();
        for n in 0..20 {
            let body = json!({"token": format!("guess-{n}"), "password": "a long enough passphrase"});
            let refused = expect_problem(guesser.post("/api/auth/password-reset", body).await, 422).await;
            assert_eq!(refused["errors"][0]["field"], "token");
        }
        let body = json!({"token": "guess-20", "password": "a long enough passphrase"});
        let limited = guesser.post("/api/auth/password-reset", body).await;
        assert!(limited.headers().contains_key("retry-after"));
        expect_problem(limited, 429).await;
    }
}
