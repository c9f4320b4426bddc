//! Service level management: policies start clocks on incidents and
//! requests; what happens to a record moves them (and reassigning does
//! not); each clock explains its figures; warnings and breaches are
//! delivered once by the sweep, even two sweeps at once; a disabled policy
//! stops warning; an edit reaches running clocks only when re-applied;
//! business hours count in the calendar's zone.

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{Value, json};
use simplicity_shared::clock::Clock;

use crate::helpers::{Backend, Client, OrgFixture, TestApp, expect_problem, on_both_stores};

const CRON: &str = "Bearer sla-cron";

/// Monday 16 March 2026, 08:00 UTC.
fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 16, 8, 0, 0).single().expect("start")
}

struct World {
    app: TestApp,
    clock: Clock,
}

impl World {
    async fn new(backend: Backend) -> Self {
        let clock = Clock::manual(start());
        let app = crate::helpers::spawn_app_with_clock_and(backend, clock.clone(), |config| {
            config.cron_secret = Some("sla-cron".to_owned());
        })
        .await;
        Self { app, clock }
    }

    fn at(&self, minutes: i64) {
        self.clock.set(start() + Duration::minutes(minutes));
    }

    /// Runs the sweep twice at once, as two cron invocations might.
    async fn sweep_twice(&self) {
        let http = reqwest::Client::new();
        let url = self.app.url("/api/cron/sweep");
        let (a, b) = tokio::join!(
            http.get(&url).header("authorization", CRON).send(),
            http.get(&url).header("authorization", CRON).send()
        );
        assert_eq!(
            (a.expect("sweep").status(), b.expect("sweep").status()),
            (reqwest::StatusCode::OK, reqwest::StatusCode::OK)
        );
    }
}

fn policy(body: Value) -> Value {
    let mut policy = json!({"name": "Incidents", "appliesTo": {"record": "incident"}, "targets": {
        "P1": {"responseMinutes": 15, "resolutionMinutes": 60},
        "default": {"responseMinutes": 30, "resolutionMinutes": 240}
    }});
    policy.as_object_mut().expect("object").extend(body.as_object().cloned().unwrap_or_default());
    policy
}

async fn put_json(client: &Client, path: &str, etag: &str, body: Value) -> reqwest::Response {
    let request =
        client.http().put(client.url(path)).header("origin", crate::helpers::PUBLIC_URL).header("if-match", etag);
    request.json(&body).send().await.expect("PUT")
}

async fn clocks(org: &OrgFixture, record: &str) -> Vec<Value> {
    let list: Value = org.admin.get(&org.path(&format!("{record}/sla"))).await.json().await.expect("json");
    list["data"].as_array().expect("data").clone()
}

fn clock<'a>(clocks: &'a [Value], metric: &str) -> &'a Value {
    clocks.iter().find(|c| c["metric"] == metric).unwrap_or_else(|| panic!("no {metric} clock in {clocks:?}"))
}

async fn sla_org(world: &World, name: &str) -> OrgFixture {
    let org = OrgFixture::new(&world.app, name).await;
    expect_problem(org.admin.get(&org.path("/sla-policies")).await, 404).await;
    org.with_modules(&world.app, "pro", &["slaManagement"]).await;
    org
}

async fn add_policy(org: &OrgFixture, body: Value) -> Value {
    let created = org.admin.post(&org.path("/sla-policies"), body).await;
    assert_eq!(created.status(), 201, "{}", created.text().await.unwrap_or_default());
    created.json().await.expect("json")
}

async fn set(org: &OrgFixture, incident: &str, body: Value) {
    let response = org.admin.patch_if_match(&org.path(incident), "*", body).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap_or_default());
}

async fn sla_world(backend: Backend) -> World {
    World::new(backend).await
}

on_both_stores! {
    async fn clocks_follow_the_incident_and_explain_themselves(world: World = sla_world) {
        let org = sla_org(&world, "Clocks").await;
        add_policy(&org, policy(json!({}))).await;
        expect_problem(org.admin.post(&org.path("/sla-policies"), policy(json!({"targets": {"P9": {}}}))).await, 422).await;
        let (member, _) = org.add_member(&world.app, "Responder", json!(["member"])).await;
        let member_id: Value = member.get("/api/me").await.json::<Value>().await.expect("json")["user"]["id"].clone();
        org.admin.post(&org.path("/incidents"), json!({"title": "Checkout slow", "severity": "P3"})).await;
        let started = clocks(&org, "/incidents/1").await;
        assert_eq!(clock(&started, "response")["targetSeconds"], 1800);
        assert_eq!(clock(&started, "resolution")["dueAt"], "2026-03-16T12:00:00Z");
        // Reassigning never resets a clock.
        world.at(10);
        set(&org, "/incidents/1", json!({"assignees": [member_id]})).await;
        world.at(20);
        let reassigned = clocks(&org, "/incidents/1").await;
        assert_eq!((clock(&reassigned, "response")["elapsedSeconds"].as_i64(), clock(&reassigned, "response")["dueAt"].as_str()), (Some(1200), Some("2026-03-16T08:30:00Z")));
        // P1: new targets, the time elapsed kept; the response target is already past.
        set(&org, "/incidents/1", json!({"severity": "P1"})).await;
        let raised = clocks(&org, "/incidents/1").await;
        let resolution = clock(&raised, "resolution");
        assert_eq!((resolution["targetSeconds"].as_i64(), resolution["dueAt"].as_str()), (Some(3600), Some("2026-03-16T09:00:00Z")));
        let explained: Vec<&str> = resolution["explanation"].as_array().expect("words").iter().filter_map(Value::as_str).collect();
        assert!(explained.contains(&"Target moved from 4 h to 1 h when severity rose to P1, 20 m already elapsed."), "{explained:?}");
        assert!(explained.contains(&"Counts round the clock (24/7)."), "{explained:?}");
        let response = clock(&raised, "response");
        assert_eq!((response["status"].as_str(), response["breachedAt"].as_str()), (Some("breached"), Some("2026-03-16T08:20:00Z")));
        // Acknowledged: the response is met (late); resolved: the resolution.
        set(&org, "/incidents/1", json!({"status": "acknowledged"})).await;
        world.at(40);
        set(&org, "/incidents/1", json!({"status": "resolved"})).await;
        let done = clocks(&org, "/incidents/1").await;
        assert_eq!((clock(&done, "response")["status"].as_str(), clock(&done, "resolution")["status"].as_str()), (Some("met"), Some("met")));
        assert_eq!(clock(&done, "resolution")["elapsedSeconds"], 2400);
        // Reopened an hour later: the resolution clock runs on from 40 minutes.
        world.at(100);
        set(&org, "/incidents/1", json!({"status": "open"})).await;
        world.at(105);
        let reopened = clocks(&org, "/incidents/1").await;
        let resolution = clock(&reopened, "resolution");
        assert_eq!((resolution["status"].as_str(), resolution["elapsedSeconds"].as_i64(), resolution["dueAt"].as_str()), (Some("running"), Some(2700), Some("2026-03-16T10:00:00Z")));
        assert_eq!(clock(&reopened, "response")["status"], "met", "the response stays met");
    }

    async fn warnings_and_breaches_are_delivered_once(world: World = sla_world) {
        let org = sla_org(&world, "Alerts").await;
        let (member, email) = org.add_member(&world.app, "Oncall", json!(["member"])).await;
        let member_id: Value = member.get("/api/me").await.json::<Value>().await.expect("json")["user"]["id"].clone();
        add_policy(&org, policy(json!({"warnings": [50]}))).await;
        org.admin.post(&org.path("/incidents"), json!({"title": "Queue backlog", "severity": "P1", "assignees": [member_id]})).await;
        let count = |what: &str| world.app.mail.sent().iter().filter(|m| m.to() == email && m.subject().starts_with(what)).count();
        world.at(31);
        world.sweep_twice().await;
        world.app.mail_to(&email, "has used 50 % of its resolution target").await;
        world.sweep_twice().await;
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        // The response target (15 m) was breached too: each alert once.
        // The response clock (15 m) is past its target: its breach goes
        // instead of its warning; the resolution clock warns at 30 m.
        assert_eq!(count("SLA warning"), 1, "the resolution's warning, once");
        assert_eq!(count("SLA breached"), 1, "the response's breach, once");
        world.at(61);
        world.sweep_twice().await;
        world.app.mail_to(&email, "missed its resolution target").await;
        world.sweep_twice().await;
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        assert_eq!(count("SLA breached"), 2, "each breach once");
    }

    async fn a_disabled_policy_stops_warning_and_edits_wait_for_a_reapply(world: World = sla_world) {
        let org = sla_org(&world, "Edits").await;
        let (member, email) = org.add_member(&world.app, "Watcher", json!(["member"])).await;
        let member_id: Value = member.get("/api/me").await.json::<Value>().await.expect("json")["user"]["id"].clone();
        let created = add_policy(&org, policy(json!({"warnings": [50]}))).await;
        let path = org.path(&format!("/sla-policies/{}", created["id"].as_str().expect("id")));
        org.admin.post(&org.path("/incidents"), json!({"title": "Old", "severity": "P3", "assignees": [member_id]})).await;
        // An edit: new incidents take it, the running one keeps its 4 h.
        let mut edited = policy(json!({"warnings": [50]}));
        edited["targets"]["default"]["resolutionMinutes"] = json!(120);
        let saved: Value = put_json(&org.admin, &path, &format!("\"{}\"", created["version"]), edited.clone()).await.json().await.expect("json");
        assert_eq!(saved["revision"], 2);
        org.admin.post(&org.path("/incidents"), json!({"title": "New", "severity": "P3"})).await;
        assert_eq!(clock(&clocks(&org, "/incidents/1").await, "resolution")["targetSeconds"], 14400);
        assert_eq!(clock(&clocks(&org, "/incidents/2").await, "resolution")["targetSeconds"], 7200);
        // Re-applied explicitly: the running clock takes 2 h, saying so.
        world.at(10);
        let reapplied: Value = org.admin.post(&format!("{path}/reapply"), json!({})).await.json().await.expect("json");
        assert_eq!(reapplied["clocks"], 4);
        let old = clocks(&org, "/incidents/1").await;
        let resolution = clock(&old, "resolution");
        assert_eq!((resolution["targetSeconds"].as_i64(), resolution["policyRevision"].as_i64()), (Some(7200), Some(2)));
        assert!(resolution["explanation"].as_array().expect("words").iter().any(|w| w.as_str().is_some_and(|w| w.contains("Incidents was re-applied (revision 2)"))));
        // Disabled: no warning, no breach, whatever the time.
        edited["enabled"] = json!(false);
        assert_eq!(put_json(&org.admin, &path, "*", edited).await.status(), 200);
        world.at(600);
        world.sweep_twice().await;
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        assert!(world.app.mail.sent().iter().all(|m| m.to() != email || !m.subject().starts_with("SLA")), "no SLA mail once disabled");
        assert_eq!(clock(&clocks(&org, "/incidents/1").await, "resolution")["status"], "breached", "the figures still say what happened");
    }

    async fn running_clocks_keep_their_revisions_calendar_and_warnings_until_reapplied(world: World = sla_world) {
        let org = sla_org(&world, "Revisions").await;
        let (member, email) = org.add_member(&world.app, "Watcher", json!(["member"])).await;
        let member_id: Value = member.get("/api/me").await.json::<Value>().await.expect("json")["user"]["id"].clone();
        let office = |name: &str, from: &str, to: &str| {
            let day = json!([{"from": from, "to": to}]);
            json!({"name": name, "timeZone": "UTC", "week": {"monday": day, "tuesday": day, "wednesday": day, "thursday": day, "friday": day}})
        };
        let calendar: Value = org.admin.post(&org.path("/calendars"), office("Early office", "09:00", "17:00")).await.json().await.expect("json");
        let calendar_path = org.path(&format!("/calendars/{}", calendar["id"].as_str().expect("id")));
        let terms = |warning: u32| json!({"name": "Office hours", "appliesTo": {"record": "incident"}, "calendar": calendar["id"],
                                          "targets": {"default": {"resolutionMinutes": 240}}, "warnings": [warning]});
        let created = add_policy(&org, terms(50)).await;
        let policy_path = org.path(&format!("/sla-policies/{}", created["id"].as_str().expect("id")));
        org.admin.post(&org.path("/incidents"), json!({"title": "Old terms", "severity": "P3", "assignees": [member_id]})).await;
        // The calendar's hours move an hour later (a new revision of the
        // policy counting by it), then the policy warns at 75 % instead.
        assert_eq!(put_json(&org.admin, &calendar_path, "*", office("Late office", "10:00", "18:00")).await.status(), 200);
        let revised: Value = org.admin.get(&policy_path).await.json().await.expect("json");
        assert_eq!(revised["revision"], 2, "a calendar edit revises the policies counting by it");
        let saved: Value = put_json(&org.admin, &policy_path, "*", terms(75)).await.json().await.expect("json");
        assert_eq!(saved["revision"], 3);
        org.admin.post(&org.path("/incidents"), json!({"title": "New terms", "severity": "P3", "assignees": [member_id]})).await;
        // The running clock counts as it started: 09:00–17:00, due 13:00, warned at 50 %.
        let old = clocks(&org, "/incidents/1").await;
        let resolution = clock(&old, "resolution");
        assert_eq!((resolution["dueAt"].as_str(), resolution["policyRevision"].as_i64()), (Some("2026-03-16T13:00:00Z"), Some(1)));
        assert!(resolution["explanation"].as_array().expect("words").iter().any(|w| w.as_str().is_some_and(|w| w.contains("Early office (UTC)"))), "{resolution}");
        let new = clocks(&org, "/incidents/2").await;
        assert_eq!(clock(&new, "resolution")["dueAt"], "2026-03-16T14:00:00Z", "10:00 + 4 h");
        // 11:05: the old clock's 50 % warning (11:00) is due; the new one's
        // 75 % (13:00) is not.
        world.at(185);
        world.sweep_twice().await;
        world.app.mail_to(&email, "has used 50 % of its resolution target").await;
        let warned = |percent: &str| world.app.mail.sent().iter().filter(|m| m.to() == email && m.text().contains(&format!("has used {percent} %"))).count();
        assert_eq!((warned("50"), warned("75")), (1, 0));
        // Re-applied: the old clock takes the late hours and its new warnings.
        let reapplied: Value = org.admin.post(&format!("{policy_path}/reapply"), json!({})).await.json().await.expect("json");
        assert_eq!(reapplied["clocks"], 2);
        let moved = clocks(&org, "/incidents/1").await;
        let resolution = clock(&moved, "resolution");
        assert_eq!((resolution["dueAt"].as_str(), resolution["policyRevision"].as_i64(), resolution["elapsedSeconds"].as_i64()), (Some("2026-03-16T14:00:00Z"), Some(3), Some(3900)));
        world.at(305);
        world.sweep_twice().await;
        world.app.mail_to(&email, "has used 75 % of its resolution target").await;
        world.sweep_twice().await;
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        assert_eq!((warned("50"), warned("75")), (1, 1), "the new clock's 75 % warning; the old one had warned once already");
    }

    async fn business_hours_count_in_the_calendars_zone(world: World = sla_world) {
        // Friday 20 March 16:00 in Berlin (15:00 UTC).
        world.clock.set(Utc.with_ymd_and_hms(2026, 3, 20, 15, 0, 0).single().expect("friday"));
        let org = sla_org(&world, "Hours").await;
        let office = json!({"name": "Berlin office", "timeZone": "Europe/Berlin", "week": {
            "monday": [{"from": "09:00", "to": "17:00"}], "tuesday": [{"from": "09:00", "to": "17:00"}],
            "wednesday": [{"from": "09:00", "to": "17:00"}], "thursday": [{"from": "09:00", "to": "17:00"}],
            "friday": [{"from": "09:00", "to": "17:00"}]}});
        let wrong = org.admin.post(&org.path("/calendars"), json!({"name": "X", "timeZone": "Mars/Base", "week": {"monday": [{"from": "17:00", "to": "09:00"}]}})).await;
        expect_problem(wrong, 422).await;
        let calendar: Value = org.admin.post(&org.path("/calendars"), office).await.json().await.expect("json");
        add_policy(&org, policy(json!({"calendar": calendar["id"]}))).await;
        expect_problem(org.admin.delete(&org.path(&format!("/calendars/{}", calendar["id"].as_str().expect("id")))).await, 409).await;
        // 1 h on Friday, 3 h on Monday.
        org.admin.post(&org.path("/incidents"), json!({"title": "Printer", "severity": "P4"})).await;
        // A policy for one service, after the office one: the first enabled
        // match by position applies; disabled, the office one is skipped.
        org.with_modules(&world.app, "enterprise", &["assetManagement"]).await;
        let service: Value = org.admin.post(&org.path("/assets"), json!({"name": "payments", "type": "service"})).await.json().await.expect("json");
        let policies: Value = org.admin.get(&org.path("/sla-policies")).await.json().await.expect("json");
        let office_policy = policies["data"][0].clone();
        let second = add_policy(&org, json!({"name": "Payments", "appliesTo": {"record": "incident", "services": [service["id"]]}, "targets": {"default": {"resolutionMinutes": 60}}})).await;
        assert_eq!((office_policy["position"].as_i64(), second["position"].as_i64()), (Some(0), Some(1)));
        org.admin.post(&org.path("/incidents"), json!({"title": "Card declines", "severity": "P4", "services": [service["id"]]})).await;
        let on_service = clocks(&org, "/incidents/2").await;
        assert_eq!(clock(&on_service, "resolution")["policyName"], "Incidents", "the first match by position");
        let payments_only = json!({"name": "Incidents", "enabled": false, "appliesTo": {"record": "incident"}, "targets": {"default": {"resolutionMinutes": 240}}, "calendar": calendar["id"]});
        assert_eq!(put_json(&org.admin, &org.path(&format!("/sla-policies/{}", office_policy["id"].as_str().expect("id"))), "*", payments_only).await.status(), 200);
        org.admin.post(&org.path("/incidents"), json!({"title": "Card declines again", "severity": "P4", "services": [service["id"]]})).await;
        org.admin.post(&org.path("/incidents"), json!({"title": "Elsewhere", "severity": "P4"})).await;
        assert_eq!(clock(&clocks(&org, "/incidents/3").await, "resolution")["policyName"], "Payments", "a disabled policy is skipped");
        assert!(clocks(&org, "/incidents/4").await.is_empty(), "no policy matches an incident on no service");
        let started = clocks(&org, "/incidents/1").await;
        assert_eq!(clock(&started, "resolution")["dueAt"], "2026-03-23T11:00:00Z", "Monday 12:00 in Berlin");
        assert!(clock(&started, "resolution")["explanation"][0].as_str().is_some_and(|w| w.contains("Berlin office (Europe/Berlin)")));
    }

    async fn a_request_waiting_on_its_requester_pauses_its_clock(world: World = sla_world) {
        let org = OrgFixture::new(&world.app, "Waiting").await;
        org.with_modules(&world.app, "enterprise", &["slaManagement", "serviceCatalog", "requestFulfillment"]).await;
        let me: Value = org.admin.get("/api/me").await.json().await.expect("json");
        let team: Value = org.admin.post(&org.path("/teams"), json!({"name": "Desk", "members": [me["user"]["id"]], "lead": me["user"]["id"]})).await.json().await.expect("json");
        let item: Value = org.admin.post(&org.path("/catalog/items"), json!({"name": "Access", "form": {"type": "object"},
            "fulfilment": {"stages": [{"tasks": [{"name": "Grant", "team": team["id"]}]}]}})).await.json().await.expect("json");
        org.admin.post(&org.path(&format!("/catalog/items/{}/status", item["id"].as_str().expect("id"))), json!({"status": "published"})).await;
        add_policy(&org, json!({"name": "Requests", "appliesTo": {"record": "request"}, "pauseStatuses": ["waiting_on_requester"],
            "targets": {"default": {"resolutionMinutes": 480}}})).await;
        let request: Value = org.admin.post(&org.path("/requests"), json!({"item": item["id"]})).await.json().await.expect("json");
        let task = format!("/requests/REQ-1/tasks/{}", request["tasks"][0]["id"].as_str().expect("task"));
        world.at(60);
        assert_eq!(org.admin.patch(&org.path(&task), json!({"status": "waiting_on_requester"})).await.status(), 200);
        world.at(190);
        let paused = clocks(&org, "/requests/REQ-1").await;
        let resolution = clock(&paused, "resolution");
        assert_eq!((resolution["status"].as_str(), resolution["elapsedSeconds"].as_i64(), resolution["dueAt"].is_null()), (Some("paused"), Some(3600), true));
        assert!(resolution["explanation"].as_array().expect("words").iter().any(|w| w == "Paused for 2 h 10 m so far while waiting on requester."));
        assert_eq!(org.admin.patch(&org.path(&task), json!({"status": "in_progress"})).await.status(), 200);
        world.at(200);
        let resumed = clocks(&org, "/requests/REQ-1").await;
        let resolution = clock(&resumed, "resolution");
        assert_eq!((resolution["status"].as_str(), resolution["elapsedSeconds"].as_i64(), resolution["dueAt"].as_str()), (Some("running"), Some(4200), Some("2026-03-16T18:10:00Z")));
        assert!(resolution["explanation"].as_array().expect("words").iter().any(|w| w == "Paused 2 h 10 m while waiting on requester."));
        assert_eq!(org.admin.patch(&org.path(&task), json!({"status": "done"})).await.status(), 200);
        assert_eq!(clock(&clocks(&org, "/requests/REQ-1").await, "resolution")["status"], "met");
    }

    async fn a_task_runs_its_teams_ola_and_compliance_counts_it(world: World = sla_world) {
        let org = OrgFixture::new(&world.app, "Olas").await;
        org.with_modules(&world.app, "enterprise", &["slaManagement", "serviceCatalog", "requestFulfillment"]).await;
        let (lead, email) = org.add_member(&world.app, "Netlead", json!(["member"])).await;
        let lead_id: Value = lead.get("/api/me").await.json::<Value>().await.expect("json")["user"]["id"].clone();
        let me: Value = org.admin.get("/api/me").await.json().await.expect("json");
        let network: Value = org.admin.post(&org.path("/teams"), json!({"name": "Network", "members": [lead_id], "lead": lead_id})).await.json().await.expect("json");
        let desk: Value = org.admin.post(&org.path("/teams"), json!({"name": "Desk", "members": [me["user"]["id"]]})).await.json().await.expect("json");
        let item: Value = org.admin.post(&org.path("/catalog/items"), json!({"name": "Desk move", "form": {"type": "object"},
            "fulfilment": {"stages": [{"tasks": [{"name": "Cable", "team": network["id"]}]}, {"tasks": [{"name": "Label", "team": desk["id"]}]}]}})).await.json().await.expect("json");
        org.admin.post(&org.path(&format!("/catalog/items/{}/status", item["id"].as_str().expect("id"))), json!({"status": "published"})).await;
        let ola = json!({"name": "Network OLA", "appliesTo": {"record": "task", "teams": [network["id"]]}, "pauseStatuses": ["waiting_on_requester"],
            "warnings": [50], "targets": {"default": {"responseMinutes": 30, "resolutionMinutes": 120}}});
        let mut by_priority = ola.clone();
        by_priority["targets"]["P1"] = json!({"responseMinutes": 5});
        let body = expect_problem(org.admin.post(&org.path("/sla-policies"), by_priority).await, 422).await;
        assert_eq!(body["errors"][0]["field"], "targets.P1", "{body}");
        let body = expect_problem(org.admin.post(&org.path("/sla-policies"), json!({"name": "R", "appliesTo": {"record": "request", "teams": [network["id"]]}, "targets": {"default": {"resolutionMinutes": 60}}})).await, 422).await;
        assert_eq!(body["errors"][0]["field"], "appliesTo.teams", "{body}");
        add_policy(&org, ola).await;

        // The first stage's task opens: its clocks start, measured against Network.
        let request: Value = org.admin.post(&org.path("/requests"), json!({"item": item["id"]})).await.json().await.expect("json");
        let (cable, label) = (request["tasks"][0]["id"].clone(), request["tasks"][1]["id"].clone());
        let task = |id: &Value| org.path(&format!("/requests/REQ-1/tasks/{}", id.as_str().expect("task")));
        let started = clocks(&org, "/requests/REQ-1").await;
        assert_eq!(started.len(), 2, "the task's two clocks, none for the request: {started:?}");
        assert!(started.iter().all(|c| c["task"] == cable && c["team"] == network["id"]), "{started:?}");
        // Work starts at 10 minutes, before the response's warning (15 of 30
        // minutes) falls due for the sweep running in the background.
        world.at(10);
        assert_eq!(org.admin.patch(&task(&cable), json!({"status": "in_progress"})).await.status(), 200);
        world.at(40);
        assert_eq!(org.admin.patch(&task(&cable), json!({"status": "waiting_on_requester"})).await.status(), 200);
        world.at(100);
        assert_eq!(org.admin.patch(&task(&cable), json!({"status": "in_progress"})).await.status(), 200);
        let resumed = clocks(&org, "/requests/REQ-1").await;
        assert_eq!(clock(&resumed, "response")["elapsedSeconds"], 600);
        let resolution = clock(&resumed, "resolution");
        assert_eq!((resolution["elapsedSeconds"].as_i64(), resolution["dueAt"].as_str()), (Some(2400), Some("2026-03-16T11:00:00Z")), "paused an hour while waiting");

        // 60 of 120 minutes at 10:00: the team lead hears of the warning, then of the breach, each once.
        world.at(130);
        world.sweep_twice().await;
        let warning = world.app.mail_to(&email, "The task \"Cable\" of REQ-1").await;
        assert!(warning.subject().starts_with("OLA warning: REQ-1") && warning.text().contains("has used 50 % of its resolution target"), "{}", warning.text());
        world.at(190);
        world.sweep_twice().await;
        world.app.mail_to(&email, "missed its resolution target").await;
        world.sweep_twice().await;
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        let count = |what: &str| world.app.mail.sent().iter().filter(|m| m.to() == email && m.subject().starts_with(what)).count();
        assert_eq!((count("OLA warning"), count("OLA breached")), (1, 1));

        // Done: the next stage's task is Desk's, which no policy measures.
        world.at(200);
        assert_eq!(org.admin.patch(&task(&cable), json!({"status": "done"})).await.status(), 200);
        let done = clocks(&org, "/requests/REQ-1").await;
        assert_eq!(done.len(), 2, "{done:?}");
        assert!(done.iter().all(|c| c["task"] != label));
        assert_eq!((clock(&done, "response")["status"].as_str(), clock(&done, "resolution")["status"].as_str()), (Some("met"), Some("met")));

        // Compliance: the response met, the resolution breached — for the policy and for Network.
        world.at(60 * 24 * 2);
        let compliance: Value = org.admin.get(&org.path("/sla-policies/compliance?days=7")).await.json().await.expect("json");
        let policies = compliance["policies"].as_array().expect("policies");
        let outcome = |metric: &str| policies.iter().find(|p| p["metric"] == metric).map(|p| (p["met"].clone(), p["breached"].clone(), p["open"].clone(), p["percentMet"].clone()));
        assert_eq!(outcome("response"), Some((json!(1), json!(0), json!(0), json!(100.0))), "{compliance}");
        assert_eq!(outcome("resolution"), Some((json!(0), json!(1), json!(0), json!(0.0))), "{compliance}");
        assert_eq!(compliance["teams"], json!([{"team": network["id"], "teamName": "Network", "met": 1, "breached": 1, "open": 0, "percentMet": 50.0}]));
        let days = compliance["breachesByDay"].as_array().expect("days");
        assert_eq!((days.len(), days[0]["day"].as_str(), days[0]["breaches"].as_i64()), (7, Some("2026-03-12"), Some(0)));
        assert!(days.contains(&json!({"day": "2026-03-16", "breaches": 1})), "{days:?}");
        expect_problem(org.admin.get(&org.path("/sla-policies/compliance?days=0")).await, 422).await;
    }

    async fn the_severity_targets_are_the_default_policy(world: World = sla_world) {
        let org = OrgFixture::new(&world.app, "Defaults").await;
        expect_problem(org.admin.get(&org.path("/sla-targets")).await, 404).await;
        org.with_modules(&world.app, "pro", &["slaManagement"]).await;
        let targets = json!({"P1": {"acknowledgeSeconds": 600, "resolveSeconds": 7200}});
        assert_eq!(org.admin.send(reqwest::Method::PUT, &org.path("/sla-targets"), Some(targets)).await.status(), 200);
        let odd = json!({"P2": {"acknowledgeSeconds": 90, "resolveSeconds": 7200}});
        let refused = expect_problem(org.admin.send(reqwest::Method::PUT, &org.path("/sla-targets"), Some(odd)).await, 422).await;
        assert_eq!(refused["errors"][0]["field"], "P2.acknowledgeSeconds");
        // A policy written after it is still tried first.
        add_policy(&org, policy(json!({"name": "Databases", "appliesTo": {"record": "incident", "labels": ["db"]}}))).await;
        let policies: Value = org.admin.get(&org.path("/sla-policies")).await.json().await.expect("json");
        let names: Vec<(&str, bool)> = policies["data"].as_array().expect("data").iter().map(|p| (p["name"].as_str().unwrap_or_default(), p["isDefault"] == true)).collect();
        assert_eq!(names, [("Databases", false), ("Default targets", true)]);
        let default = &policies["data"][1];
        assert_eq!(default["targets"]["P1"], json!({"responseMinutes": 10, "resolutionMinutes": 120}));
        assert_eq!(default["targets"]["P2"], json!({"responseMinutes": 30, "resolutionMinutes": 480}), "the built-in P2 targets");
        let path = org.path(&format!("/sla-policies/{}", default["id"].as_str().expect("id")));
        let mut narrowed = default.clone();
        for field in ["id", "position", "revision", "isDefault", "createdAt", "updatedAt", "version"] {
            narrowed.as_object_mut().expect("object").remove(field);
        }
        narrowed["appliesTo"]["severities"] = json!(["P1"]);
        assert_eq!(expect_problem(put_json(&org.admin, &path, "*", narrowed).await, 422).await["errors"][0]["field"], "appliesTo");
        // An incident no other policy takes runs on the default targets.
        org.admin.post(&org.path("/incidents"), json!({"title": "Checkout down", "severity": "P1"})).await;
        let started = clocks(&org, "/incidents/1").await;
        assert_eq!((clock(&started, "response")["targetSeconds"].as_i64(), clock(&started, "response")["policyName"].as_str()), (Some(600), Some("Default targets")));
        // While the module is off, no policy starts a clock.
        let off = org.admin.patch(&org.path("/features"), json!({"slaManagement": false})).await;
        assert_eq!(off.status(), 200);
        org.admin.post(&org.path("/incidents"), json!({"title": "Quiet", "severity": "P1"})).await;
        org.enable("slaManagement").await;
        assert!(clocks(&org, "/incidents/2").await.is_empty());
    }
}
