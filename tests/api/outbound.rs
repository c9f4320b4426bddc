//! Where notifications may go. With the production policy (no private
//! addresses, https only, vendor API roots on vendor domains) an admin
//! cannot aim Slack, Twilio, PagerDuty or a webhook at our own network; the
//! settings are refused with a 422 naming the field, and a host name that
//! resolves to a private address is refused when sending. Redirects are
//! never followed, and errors never echo a (secret) URL.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, OrgFixture, TestApp, expect_problem, on_both_stores, spawn_app_with};
use crate::receivers::Receivers;

/// The production policy, as in a shared deployment.
async fn strict(backend: Backend) -> TestApp {
    spawn_app_with(backend, |config| config.outbound_allow_private = false).await
}

async fn refused_field(org: &OrgFixture, channel: &str, body: Value) -> (String, String) {
    let response = org.admin.send(Method::PUT, &org.path(&format!("/integrations/{channel}")), Some(body)).await;
    let problem = expect_problem(response, 422).await;
    let error = &problem["errors"][0];
    assert!(error.is_object(), "{problem}");
    (error["field"].as_str().expect("field").to_owned(), error["detail"].as_str().expect("detail").to_owned())
}

on_both_stores! {
    async fn settings_that_point_inside_are_refused_naming_the_field(app: TestApp = strict) {
        let org = OrgFixture::new(&app, "Guarded").await;
        let slack = |url: &str| json!({"webhookUrl": url});
        assert_eq!(refused_field(&org, "slack", json!({})).await.0, "webhookUrl");
        for (url, why) in [
            ("not a url", "not a valid URL"),
            ("http://hooks.slack.com/services/T0/B0/x", "must be an https URL"),
            ("https://127.0.0.1/services/T0/B0/x", "must not be a private address"),
            ("https://[::ffff:169.254.169.254]/latest/meta-data", "must not be a private address"),
            ("https://hooks.slack.com.evil.example/services/x", "must be on hooks.slack.com or hooks.slack-gov.com"),
        ] {
            let (field, message) = refused_field(&org, "slack", slack(url)).await;
            assert_eq!(field, "webhookUrl", "{url}");
            assert!(message.starts_with(why), "{url}: {message}");
        }
        let (field, message) =
            refused_field(&org, "pagerduty", json!({"routingKey": "R", "apiBase": "https://169.254.169.254"})).await;
        assert_eq!((field.as_str(), message.as_str()), ("apiBase", "must not be a private address"));
        let twilio = json!({"accountSid": "AC1", "authToken": "t", "fromNumber": "+15005550006", "apiBase": "https://api.twilio.com.evil.example"});
        let (field, message) = refused_field(&org, "sms", twilio).await;
        assert_eq!((field.as_str(), message.as_str()), ("apiBase", "must be on twilio.com"));
        // The account SID goes into the request path: nothing but letters and digits.
        let smuggling = json!({"accountSid": "AC1/../../evil?x=", "authToken": "t", "fromNumber": "+15005550006"});
        assert_eq!(refused_field(&org, "sms", smuggling).await.0, "accountSid");
        for url in ["http://10.0.0.1/hook", "https://[::1]/hook", "ftp://example.com/hook"] {
            let problem = expect_problem(org.admin.post(&org.path("/webhooks"), json!({"url": url, "eventTypes": ["*"]})).await, 422).await;
            assert_eq!(problem["errors"][0]["field"], "url", "{url}: {problem}");
        }
        // Nothing was stored by the refusals.
        let listed: Value = org.admin.get(&org.path("/integrations")).await.json().await.expect("json");
        assert!(listed["data"].as_array().expect("data").iter().all(|i| i["configured"] == false), "{listed}");

        // The vendors' own hosts are fine.
        let ok = org.admin.send(Method::PUT, &org.path("/integrations/slack"), Some(slack("https://hooks.slack.com/services/T0/B0/x"))).await;
        assert_eq!(ok.status(), 204);
        let eu = json!({"routingKey": "R", "apiBase": "https://events.eu.pagerduty.com"});
        assert_eq!(org.admin.send(Method::PUT, &org.path("/integrations/pagerduty"), Some(eu)).await.status(), 204);
    }

    async fn a_name_that_resolves_inside_is_refused_when_sending(app: TestApp = strict) {
        let org = OrgFixture::new(&app, "Rebound").await;
        let hooks = Receivers::start().await;
        let port = hooks.base_url.rsplit(':').next().expect("port").to_owned();
        // A public-looking name is accepted; it resolves to 127.0.0.1 when sent to.
        let url = format!("https://localhost:{port}/hook");
        let created = org.admin.post(&org.path("/webhooks"), json!({"url": url, "eventTypes": ["*"]})).await;
        assert_eq!(created.status(), 201);
        let id = created.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_owned();
        let result: Value = org.admin.post(&org.path(&format!("/webhooks/{id}/test")), json!({})).await.json().await.expect("json");
        assert_eq!(result["delivered"], false, "{result}");
        assert!(result["detail"].as_str().expect("detail").contains("localhost resolves only to private addresses"), "{result}");

        // An incident's webhook to it is refused for good: one attempt, dead, not retried.
        crate::incidents::open_incident(&org.admin, &org, json!({"title": "Rebinding", "severity": "P4"})).await;
        let mut dead = Vec::new();
        for _ in 0..100 {
            let list: Value = org.admin.get(&org.path("/deliveries?status=dead")).await.json().await.expect("json");
            dead = list["data"].as_array().expect("data").clone();
            if !dead.is_empty() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let delivery = dead.first().expect("a dead webhook delivery");
        assert_eq!((delivery["channel"].as_str(), delivery["attempts"].as_i64()), (Some("webhook"), Some(1)), "{delivery}");
        assert!(delivery["lastError"].as_str().expect("error").contains("resolves only to private addresses"), "{delivery}");
        assert!(hooks.received("/").is_empty());
    }
}

async fn permissive(backend: Backend) -> TestApp {
    crate::helpers::spawn_app(backend).await
}

on_both_stores! {
    async fn redirects_are_not_followed_and_errors_do_not_show_urls(app: TestApp = permissive) {
        let org = OrgFixture::new(&app, "Moved").await;
        let hooks = Receivers::start().await;
        hooks.fail_next("/hooks/moved", &[307]);
        let created = org.admin.post(&org.path("/webhooks"), json!({"url": hooks.url("/hooks/moved"), "eventTypes": ["*"]})).await;
        let id = created.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_owned();
        let result: Value = org.admin.post(&org.path(&format!("/webhooks/{id}/test")), json!({})).await.json().await.expect("json");
        assert_eq!((result["delivered"].as_bool(), result["statusCode"].as_u64()), (Some(false), Some(307)), "{result}");
        assert_eq!(hooks.received("/hooks/moved").len(), 1);
        assert!(hooks.received("/redirected").is_empty(), "the redirect was followed");

        // A Slack URL is a secret: a failed connection must not repeat it.
        let secret_url = "http://127.0.0.1:9/services/T0/B0/supersecret";
        let put = org.admin.send(Method::PUT, &org.path("/integrations/slack"), Some(json!({"webhookUrl": secret_url}))).await;
        assert_eq!(put.status(), 204);
        let result: Value = org.admin.post(&org.path("/integrations/slack/test"), json!({})).await.json().await.expect("json");
        assert_eq!(result["delivered"], false, "{result}");
        let detail = result["detail"].as_str().expect("detail");
        assert!(!detail.is_empty() && !detail.contains("supersecret") && !detail.contains("/services/"), "{detail}");
    }
}
