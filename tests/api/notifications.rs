//! Notifications end to end, in local mode: an incident event goes through
//! the outbox and the queue to the worker, which pages the on-call member of
//! the escalation policy's first level by email (real SMTP) and SMS (Twilio
//! stand-in), posts to Slack and triggers PagerDuty (stand-ins), escalates to
//! the next level when nobody acknowledges, and stops when someone does.

use std::time::Duration;

use serde_json::{Value, json};

use simplicity_shared::domain::notify::RetryPolicy;

use crate::helpers::{Backend, Client, OrgFixture, TestApp, expect_problem, on_both_stores, spawn_app, spawn_app_with};
use crate::incidents::{open_incident, set_status};
use crate::receivers::{Received, Receivers};

const PHONE: &str = "+4915112345678";

pub struct World {
    pub app: TestApp,
    pub hooks: Receivers,
    pub org: OrgFixture,
    /// Level 2 of the policy.
    backup: (Client, String),
    pub admin_email: String,
}

async fn world(backend: Backend) -> World {
    world_with(spawn_app(backend).await).await
}

/// Retries 2 s apart: time to act between a failed attempt and its retry
/// (and level 2 far off, so it does not interfere).
async fn slow_retry_world(backend: Backend) -> World {
    let app = spawn_app_with(backend, |config| {
        config.retry =
            RetryPolicy { base: chrono::Duration::seconds(2), cap: chrono::Duration::seconds(4), max_attempts: 6 };
    });
    paging_world(app.await, 600).await
}

/// A sweep an hour apart: whatever goes out soon was relayed by its write.
async fn hourly_sweep_world(backend: Backend) -> World {
    let app = spawn_app_with(backend, |config| config.sweep_interval = Duration::from_secs(3600));
    world_with(app.await).await
}

/// Pusher configured but down.
async fn pusher_down_world(backend: Backend) -> World {
    let app = spawn_app_with(backend, |config| {
        config.pusher = Some(simplicity_shared::realtime::PusherConfig {
            app_id: "1".into(),
            key: "key".into(),
            secret: "secret".into(),
            base_url: "http://127.0.0.1:9".into(),
        });
    });
    world_with(app.await).await
}

/// Whether a Slack post is an escalation notice (level 2 and on), which
/// follows a trigger in the same channel when nobody acknowledges.
pub fn is_escalation_notice(post: &Received) -> bool {
    post.body.contains("Escalation level")
}

/// The paging set-up on `app`, with level 2 two seconds after level 1.
pub async fn world_with(app: TestApp) -> World {
    paging_world(app, 2).await
}

/// The paging set-up (integrations, rules, schedule, policy) on `app`,
/// with level 2 `level_delay` seconds after level 1.
async fn paging_world(app: TestApp, level_delay: u32) -> World {
    let hooks = Receivers::start().await;
    let org = OrgFixture::new(&app, "Paged").await;
    let backup = org.add_member(&app, "Backup", json!(["member", "oncall"])).await;
    let me: Value = org.admin.get("/api/me").await.json().await.expect("json");
    let admin_id = me["user"]["id"].as_str().expect("admin id").to_owned();
    let admin_email = me["user"]["email"].as_str().expect("email").to_owned();
    let backup_me: Value = backup.0.get("/api/me").await.json().await.expect("json");
    let backup_id = backup_me["user"]["id"].as_str().expect("id").to_owned();

    for (channel, body) in [
        ("slack", json!({"webhookUrl": hooks.url("/slack/T0/B0/secret")})),
        (
            "sms",
            json!({"accountSid": "AC42", "authToken": "tw-token", "fromNumber": "+15005550006", "apiBase": hooks.base_url}),
        ),
        ("pagerduty", json!({"routingKey": "R0UT1NGKEY", "apiBase": hooks.base_url})),
    ] {
        let response =
            org.admin.send(reqwest::Method::PUT, &org.path(&format!("/integrations/{channel}")), Some(body)).await;
        assert_eq!(response.status(), 204, "{channel} settings");
    }
    let rules = json!({"phone": PHONE, "channels": {"P1": ["email", "sms"], "P2": ["email", "sms"], "P3": ["email"], "P4": ["email"]}});
    let saved = org.admin.send(reqwest::Method::PUT, &org.path("/notification-rules/me"), Some(rules)).await;
    assert_eq!(saved.status(), 200);

    let schedule = json!({"name": "Primary", "definition": {
        "timeZone": "Europe/Berlin",
        "layers": [{"name": "Weekly", "rotation": {"type": "weekly"}, "startsAt": "2026-01-05T09:00:00", "participants": [admin_id]}],
    }});
    let schedule: Value = org.admin.post(&org.path("/schedules"), schedule).await.json().await.expect("json");
    let policy = json!({"name": "Default", "definition": {"levels": [
        {"targets": [{"type": "schedule", "id": schedule["id"]}], "delaySeconds": level_delay},
        {"targets": [{"type": "user", "id": backup_id}], "delaySeconds": 600},
    ]}});
    assert_eq!(org.admin.post(&org.path("/escalation-policies"), policy).await.status(), 201);
    World { app, hooks, org, backup, admin_email }
}

impl World {
    /// Incident notifications sent to `to` (not sign-up mail).
    pub fn paged(&self, to: &str) -> Vec<crate::helpers::SentMail> {
        self.app.mail.sent().into_iter().filter(|m| m.to() == to && m.subject().contains("INC-")).collect()
    }

    pub async fn mail_to(&self, to: &str, count: usize) -> Vec<crate::helpers::SentMail> {
        for _ in 0..200 {
            let sent = self.paged(to);
            if sent.len() >= count {
                return sent;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {count} emails to {to}");
    }

    async fn deliveries(&self, query: &str) -> Vec<Value> {
        let list: Value =
            self.org.admin.get(&self.org.path(&format!("/deliveries{query}"))).await.json().await.expect("json");
        list["data"].as_array().expect("data").clone()
    }
}

on_both_stores! {
    async fn a_p1_pages_on_call_escalates_and_stops_on_acknowledge(w: World = world) {
        let incident = open_incident(&w.org.admin, &w.org, json!({"title": "Checkout is down", "severity": "P1"})).await;

        // Level 1 (the schedule's on-call: the admin): email and SMS; Slack and PagerDuty once.
        let mail = w.mail_to(&w.admin_email, 1).await;
        assert!(mail[0].subject().contains("[P1] INC-1 Checkout is down"), "{}", mail[0].subject());
        assert!(mail[0].text().contains(&format!("/{}/incidents/1", w.org.slug)));
        let sms = w.hooks.wait_for("/2010-04-01/Accounts/AC42/Messages.json", 1).await;
        // base64("AC42:tw-token"): Twilio's Basic auth with the account SID and token.
        assert_eq!(sms[0].header("authorization"), "Basic QUM0Mjp0dy10b2tlbg==");
        let form = sms[0].form();
        assert_eq!((form["To"].as_str(), form["From"].as_str()), (PHONE, "+15005550006"));
        assert!(form["Body"].contains("INC-1") && form["Body"].chars().count() <= 160);
        let slack = w.hooks.wait_for("/slack/", 1).await;
        assert!(slack[0].json()["text"].as_str().expect("text").contains("INC-1"));
        let pd = w.hooks.wait_for("/v2/enqueue", 1).await;
        let trigger = pd[0].json();
        assert_eq!((trigger["event_action"].as_str(), trigger["payload"]["severity"].as_str()), (Some("trigger"), Some("critical")));
        let dedup_key = trigger["dedup_key"].clone();

        // Nobody acknowledged within 2 s: level 2 (the backup, email only: no phone).
        let backup_mail = w.mail_to(&w.backup.1, 1).await;
        assert!(backup_mail[0].text().contains("escalated to level 2"), "{}", backup_mail[0].text());
        assert_eq!(w.hooks.received("/2010-04-01/").len(), 1, "the backup has no phone");

        // Acknowledge: escalation stops; PagerDuty hears it for the same incident.
        assert_eq!(set_status(&w.backup.0, &w.org, &incident, "acknowledged").await.status(), 200);
        let pd = w.hooks.wait_for("/v2/enqueue", 2).await;
        assert_eq!(pd[1].json()["event_action"], "acknowledge");
        assert_eq!(pd[1].json()["dedup_key"], dedup_key);
        assert_eq!(set_status(&w.backup.0, &w.org, &incident, "resolved").await.status(), 200);
        let pd = w.hooks.wait_for("/v2/enqueue", 3).await;
        assert_eq!(pd[2].json()["event_action"], "resolve");
        assert_eq!(pd[2].json()["dedup_key"], dedup_key);
        tokio::time::sleep(Duration::from_millis(800)).await;
        assert_eq!(w.paged(&w.backup.1).len(), 1, "no more paging after the ack");

        // The delivery log: every send delivered, none pending or dead.
        let all = w.deliveries("").await;
        assert!(all.len() >= 8, "{all:?}");
        assert!(all.iter().all(|d| d["status"] == "delivered"), "{all:?}");
    }

    async fn a_failing_receiver_is_retried_until_it_takes_the_message_once(w: World = world) {
        w.hooks.fail_next("/slack/T0/B0/secret", &[500, 500]);
        open_incident(&w.org.admin, &w.org, json!({"title": "Flaky Slack", "severity": "P3"})).await;
        let slack = w.hooks.wait_for("/slack/", 3).await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        // (Level 2's escalation notice follows in the same channel: a different message.)
        assert!(!is_escalation_notice(&slack[0]));
        let same = w.hooks.received("/slack/").into_iter().filter(|r| r.body == slack[0].body).count();
        assert_eq!(same, 3, "two failures, then exactly one success");
        assert!(slack.iter().all(|r| r.body == slack[0].body), "the same message each time");
        // Newest first: the trigger's is the oldest Slack delivery (level 2's notice follows).
        let delivery = w.deliveries("?status=delivered").await.into_iter().rfind(|d| d["channel"] == "slack").expect("slack delivery");
        assert_eq!(delivery["attempts"], 3);
        let detail: Value = w.org.admin.get(&w.org.path(&format!("/deliveries/{}", delivery["id"].as_str().expect("id")))).await.json().await.expect("json");
        let codes: Vec<Value> = detail["attemptLog"].as_array().expect("log").iter().map(|a| a["statusCode"].clone()).collect();
        assert_eq!(codes, [json!(500), json!(500), json!(200)]);
    }

    async fn a_receiver_that_keeps_failing_ends_dead_and_an_admin_can_retry(w: World = world) {
        w.hooks.fail_next("/v2/enqueue", &[503; 6]);
        open_incident(&w.org.admin, &w.org, json!({"title": "PagerDuty outage", "severity": "P4"})).await;
        let mut dead = Vec::new();
        for _ in 0..100 {
            dead = w.deliveries("?status=dead").await;
            if !dead.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let dead = dead.first().expect("a dead delivery").clone();
        assert_eq!((dead["channel"].as_str(), dead["attempts"].as_i64()), (Some("pagerduty"), Some(6)));
        assert!(dead["lastError"].as_str().expect("error").contains("503"));
        let id = dead["id"].as_str().expect("id");
        expect_problem(w.backup.0.post(&w.org.path(&format!("/deliveries/{id}/retry")), json!({})).await, 403).await;
        assert_eq!(w.org.admin.post(&w.org.path(&format!("/deliveries/{id}/retry")), json!({})).await.status(), 202);
        w.hooks.wait_for("/v2/enqueue", 7).await;
        for _ in 0..50 {
            if w.deliveries("?status=delivered").await.iter().any(|d| d["id"] == id) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the retried delivery did not land");
    }

    async fn a_redelivered_event_sends_nothing_twice(w: World = world) {
        open_incident(&w.org.admin, &w.org, json!({"title": "Once only", "severity": "P3"})).await;
        w.hooks.wait_for("/slack/", 1).await;
        w.hooks.wait_for("/v2/enqueue", 1).await;
        // The relay sends every event again, as a queue may.
        w.app.execute_sql("UPDATE outbox SET relayed_at = NULL, claimed_until = NULL").await.expect("reset outbox");
        tokio::time::sleep(Duration::from_millis(1500)).await;
        // (Level 2's escalation notice may reach Slack meanwhile: a different message.)
        assert_eq!(w.hooks.received_where("/slack/", |r| !is_escalation_notice(r)).len(), 1);
        assert_eq!(w.hooks.received("/v2/enqueue").len(), 1);
        assert_eq!(w.paged(&w.admin_email).len(), 1);
    }

    async fn mail_waits_out_an_smtp_outage(w: World = world) {
        w.app.mail.stop();
        open_incident(&w.org.admin, &w.org, json!({"title": "Mail server down", "severity": "P3"})).await;
        w.hooks.wait_for("/slack/", 1).await;
        tokio::time::sleep(Duration::from_millis(700)).await;
        let pending = w.deliveries("?status=pending").await;
        let email = pending.iter().find(|d| d["channel"] == "email").expect("the email waits for a retry");
        assert!(email["attempts"].as_i64().expect("attempts") >= 1, "{email}");
        w.app.mail.restart().await;
        let mail = w.mail_to(&w.admin_email, 1).await;
        assert_eq!(mail.len(), 1);
        assert!(mail[0].subject().contains("Mail server down"));
    }

    async fn a_reopened_incident_pages_again_and_escalates_again(w: World = world) {
        let incident = open_incident(&w.org.admin, &w.org, json!({"title": "Comes back", "severity": "P1"})).await;
        w.mail_to(&w.admin_email, 1).await;
        assert_eq!(set_status(&w.org.admin, &w.org, &incident, "acknowledged").await.status(), 200);
        assert_eq!(set_status(&w.org.admin, &w.org, &incident, "resolved").await.status(), 200);
        w.hooks.wait_for("/v2/enqueue", 3).await;
        tokio::time::sleep(Duration::from_millis(2500)).await;
        assert!(w.paged(&w.backup.1).is_empty(), "acknowledged in time: level 2 never paged");

        assert_eq!(set_status(&w.org.admin, &w.org, &incident, "open").await.status(), 200);
        // The old acknowledgement comes again (a queue may redeliver late): it
        // must not stop the new escalation, nor tell PagerDuty anything again.
        w.app.execute_sql("UPDATE outbox SET relayed_at = NULL, claimed_until = NULL WHERE event_type = 'incident.acknowledged'").await.expect("redeliver");
        // Level 1 again, on every channel; PagerDuty opens an alert under the same key.
        let mail = w.mail_to(&w.admin_email, 2).await;
        assert!(mail[1].subject().contains("INC-1 Comes back (open)"), "{}", mail[1].subject());
        w.hooks.wait_for("/2010-04-01/Accounts/AC42/Messages.json", 2).await;
        let pd = w.hooks.wait_for("/v2/enqueue", 4).await;
        assert_eq!(pd[3].json()["event_action"], "trigger");
        assert_eq!(pd[3].json()["dedup_key"], pd[0].json()["dedup_key"]);
        // And the escalation runs again: nobody acknowledges, level 2 is paged.
        let backup = w.mail_to(&w.backup.1, 1).await;
        assert!(backup[0].text().contains("escalated to level 2"), "{}", backup[0].text());
        assert_eq!(w.hooks.received("/v2/enqueue").len(), 4, "trigger, acknowledge, resolve, trigger");
    }

    async fn a_page_waiting_for_its_retry_is_cancelled_once_acknowledged(w: World = slow_retry_world) {
        w.hooks.fail_next("/slack/T0/B0/secret", &[500]);
        w.hooks.fail_next("/v2/enqueue", &[503]);
        let incident = open_incident(&w.org.admin, &w.org, json!({"title": "Acked between tries", "severity": "P3"})).await;
        w.hooks.wait_for("/slack/", 1).await;
        w.hooks.wait_for("/v2/enqueue", 1).await;
        w.mail_to(&w.admin_email, 1).await;
        assert_eq!(set_status(&w.org.admin, &w.org, &incident, "acknowledged").await.status(), 200);
        let slack = w.hooks.wait_for("/slack/", 2).await;
        assert!(slack[1].json()["text"].as_str().expect("text").contains("acknowledged"), "{}", slack[1].body);
        let pd = w.hooks.wait_for("/v2/enqueue", 2).await;
        assert_eq!(pd[1].json()["event_action"], "acknowledge");
        // The failed triggers' retries come due, find the incident acknowledged, and send nothing.
        let (mut cancelled, mut channels) = (Vec::new(), Vec::new());
        for _ in 0..100 {
            cancelled = w.deliveries("?status=cancelled").await;
            channels = cancelled.iter().filter_map(|d| d["channel"].as_str().map(str::to_owned)).collect();
            channels.sort_unstable();
            if channels == ["pagerduty", "slack"] {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(channels, ["pagerduty", "slack"], "{cancelled:?}");
        assert!(cancelled.iter().all(|d| d["lastError"].as_str().is_some_and(|e| e.contains("acknowledged"))), "{cancelled:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(w.hooks.received("/slack/").len(), 2, "no late trigger in Slack");
        assert_eq!(w.hooks.received("/v2/enqueue").len(), 2, "no PagerDuty alert reopened");
        // Cancelled is final: it is not a dead delivery an admin could retry.
        let id = cancelled[0]["id"].as_str().expect("id");
        expect_problem(w.org.admin.post(&w.org.path(&format!("/deliveries/{id}/retry")), json!({})).await, 409).await;
    }

    async fn an_escalation_reaches_slack_and_webhooks_subscribed_to_it(w: World = world) {
        let subscribed = json!({"url": w.hooks.url("/hooks/escalations"), "eventTypes": ["incident.escalated"]});
        assert_eq!(w.org.admin.post(&w.org.path("/webhooks"), subscribed).await.status(), 201);
        open_incident(&w.org.admin, &w.org, json!({"title": "Nobody home", "severity": "P1"})).await;
        w.mail_to(&w.backup.1, 1).await;
        let hooks = w.hooks.wait_for("/hooks/escalations", 1).await;
        let body = hooks[0].json();
        assert_eq!((body["type"].as_str(), body["data"]["level"].as_i64()), (Some("incident.escalated"), Some(2)), "{body}");
        assert!(hooks[0].header("webhook-signature").starts_with("v1,"));
        let slack = w.hooks.wait_for("/slack/", 2).await;
        assert!(is_escalation_notice(&slack[1]) && slack[1].body.contains("level 2"), "{}", slack[1].body);
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(w.hooks.received("/hooks/escalations").len(), 1, "only the escalation, not the trigger");
        assert_eq!(w.hooks.received("/v2/enqueue").len(), 1, "PagerDuty escalates on its own");
    }

    async fn an_event_whose_handling_fails_is_handled_again(w: World = world) {
        // The worker cannot record deliveries for a moment (a database hiccup).
        w.app.execute_sql("ALTER TABLE deliveries RENAME TO deliveries_away").await.expect("rename");
        open_incident(&w.org.admin, &w.org, json!({"title": "Hiccup", "severity": "P3"})).await;
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert!(w.hooks.received("/slack/").is_empty());
        w.app.execute_sql("ALTER TABLE deliveries_away RENAME TO deliveries").await.expect("rename back");
        w.hooks.wait_for("/slack/", 1).await;
        w.mail_to(&w.admin_email, 1).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(w.hooks.received("/slack/").len(), 1);
    }

    async fn a_write_relays_its_events_without_waiting_for_the_sweep(w: World = hourly_sweep_world) {
        open_incident(&w.org.admin, &w.org, json!({"title": "Paged at once", "severity": "P3"})).await;
        let slack = w.hooks.wait_for("/slack/", 1).await;
        assert!(slack[0].body.contains("Paged at once"));
        w.mail_to(&w.admin_email, 1).await;
    }

    async fn a_pusher_outage_does_not_hold_up_notifications(w: World = pusher_down_world) {
        open_incident(&w.org.admin, &w.org, json!({"title": "Live updates down", "severity": "P3"})).await;
        w.hooks.wait_for("/slack/", 1).await;
        w.mail_to(&w.admin_email, 1).await;
    }

    async fn a_policy_naming_a_team_pages_every_member_and_keeps_the_team(w: World = world) {
        let (_third, third_email) = w.org.add_member(&w.app, "Third", json!(["member"])).await;
        let ids = |members: Value| -> Vec<String> {
            members["data"].as_array().expect("members").iter()
                .filter(|m| m["email"] != w.admin_email)
                .map(|m| m["userId"].as_str().expect("user id").to_owned()).collect()
        };
        let members = ids(w.org.admin.get(&w.org.path("/members")).await.json().await.expect("json"));
        assert_eq!(members.len(), 2, "the backup and the third member");
        let team: Value = w.org.admin.post(&w.org.path("/teams"), json!({"name": "Payments", "members": members}))
            .await.json().await.expect("json");
        let level = |team_id: &Value| json!({"targets": [{"type": "team", "id": team_id}], "delaySeconds": 600});
        let policy = json!({"name": "Payments P4", "definition": {"levels": [level(&team["id"])], "severities": ["P4"]}});
        assert_eq!(w.org.admin.post(&w.org.path("/escalation-policies"), policy).await.status(), 201);

        // A P4 pages the team's members at level 1, and nobody on the default policy's schedule.
        open_incident(&w.org.admin, &w.org, json!({"title": "Refunds slow", "severity": "P4"})).await;
        w.mail_to(&w.backup.1, 1).await;
        w.mail_to(&third_email, 1).await;
        assert!(w.paged(&w.admin_email).is_empty(), "the admin is not on the team");

        // A team the organisation does not have is refused, naming the target.
        let unknown = json!({"name": "Ghost", "definition": {"levels": [level(&json!("tea_0190a0b0c0d07e0f8a9b0c1d2e3f4a5b"))]}});
        let problem = expect_problem(w.org.admin.post(&w.org.path("/escalation-policies"), unknown).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "definition.levels[0].targets[0]", "{problem}");
        // The team cannot go while a policy pages it.
        let team_path = w.org.path(&format!("/teams/{}", team["id"].as_str().expect("team id")));
        let problem = expect_problem(w.org.admin.send(reqwest::Method::DELETE, &team_path, None).await, 409).await;
        assert!(problem["detail"].as_str().expect("detail").contains("Payments P4"), "{problem}");
    }

    async fn an_incident_on_a_service_pages_through_the_services_policy(w: World = world) {
        w.org.with_modules(&w.app, "enterprise", &["assetManagement"]).await;
        let backup_me: Value = w.backup.0.get("/api/me").await.json().await.expect("json");
        // The service's policy pages the backup; the org's default policy
        // (for every severity) pages the admin's schedule.
        let level = json!({"targets": [{"type": "user", "id": backup_me["user"]["id"]}], "delaySeconds": 600});
        let policy = json!({"name": "Checkout", "definition": {"levels": [level], "severities": ["P4"]}});
        let policy: Value = w.org.admin.post(&w.org.path("/escalation-policies"), policy).await.json().await.expect("json");
        let service = json!({"name": "checkout", "type": "service", "escalationPolicy": policy["id"]});
        let service = w.org.admin.post(&w.org.path("/assets"), service).await;
        assert_eq!(service.status(), 201);
        let service: Value = service.json().await.expect("json");

        // A P1 on the service pages through the service's policy, though
        // that policy names P4 only: the service decides.
        open_incident(&w.org.admin, &w.org, json!({"title": "Checkout is down", "severity": "P1", "services": [service["id"]]})).await;
        let mail = w.mail_to(&w.backup.1, 1).await;
        assert!(mail[0].subject().contains("INC-1"), "{}", mail[0].subject());
        // A P1 on no service pages the org's default policy.
        open_incident(&w.org.admin, &w.org, json!({"title": "Search is slow", "severity": "P1"})).await;
        let admin_mail = w.mail_to(&w.admin_email, 1).await;
        assert!(admin_mail.iter().all(|m| !m.subject().contains("INC-1 ")), "the admin is not paged for the service's incident");
        assert!(admin_mail[0].subject().contains("INC-2"), "{}", admin_mail[0].subject());

        // A policy of another org (or none) is refused, naming the field.
        let unknown = json!({"name": "billing", "type": "service", "escalationPolicy": uuid::Uuid::nil()});
        let problem = expect_problem(w.org.admin.post(&w.org.path("/assets"), unknown).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "escalationPolicy", "{problem}");
    }

    async fn on_call_answers_who_and_settings_stay_sealed(w: World = world) {
        let schedules: Value = w.org.admin.get(&w.org.path("/schedules")).await.json().await.expect("json");
        let id = schedules["data"][0]["id"].as_str().expect("id").to_owned();
        let now: Value = w.org.admin.get(&w.org.path(&format!("/schedules/{id}/oncall"))).await.json().await.expect("json");
        assert!(now["user"].is_string());
        let before: Value = w.org.admin.get(&w.org.path(&format!("/schedules/{id}/oncall?at=2025-12-31T12:00:00Z"))).await.json().await.expect("json");
        assert_eq!(before["user"], Value::Null, "before the first handoff nobody is on call");
        let week: Value = w.backup.0.get(&w.org.path(&format!("/schedules/{id}/shifts?from=2026-03-23T00:00:00Z&to=2026-03-30T00:00:00Z"))).await.json().await.expect("json");
        let shifts = week["data"].as_array().expect("shifts");
        assert_eq!(shifts.len(), 1, "one participant: one merged shift: {week}");

        // Settings are sealed: the stored row does not contain the Slack URL, and the API never shows it.
        let listed: Value = w.org.admin.get(&w.org.path("/integrations")).await.json().await.expect("json");
        assert!(!listed.to_string().contains("/slack/T0"), "{listed}");
        assert!(listed["data"].as_array().expect("data").iter().all(|i| i["configured"] == true));

        // Validation names the field; members cannot manage; outsiders see nothing.
        let bad = json!({"name": "Bad", "definition": {"timeZone": "Mars/Olympus", "layers": []}});
        let problem = expect_problem(w.org.admin.post(&w.org.path("/schedules"), bad).await, 422).await;
        assert!(problem["errors"][0]["field"].as_str().expect("field").starts_with("definition.timeZone"), "{problem}");
        let bad_policy = json!({"name": "Bad", "definition": {"levels": [{"targets": [], "delaySeconds": 0}]}});
        let problem = expect_problem(w.org.admin.post(&w.org.path("/escalation-policies"), bad_policy).await, 422).await;
        let fields: Vec<&str> = problem["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
        assert_eq!(fields, ["definition.levels[0].targets", "definition.levels[0].delaySeconds"]);
        expect_problem(w.backup.0.send(reqwest::Method::PUT, &w.org.path("/integrations/slack"), Some(json!({"webhookUrl": "https://x"}))).await, 403).await;
    }
}
