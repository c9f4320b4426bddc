//! Incidents: lifecycle, numbering, optimistic concurrency, idempotency,
//! lists, timeline and handoff.

use serde_json::{Value, json};
use simplicity_shared::domain::incidents::IncidentStatus;
use simplicity_shared::domain::lifecycle::Lifecycle;

use crate::helpers::{Client, OrgFixture, expect_problem, on_both_stores};

pub async fn open_incident(client: &Client, org: &OrgFixture, body: Value) -> Value {
    let response = client.post(&org.path("/incidents"), body).await;
    assert_eq!(response.status(), 201, "create failed");
    response.json().await.expect("json")
}

pub async fn set_status(client: &Client, org: &OrgFixture, incident: &Value, status: &str) -> reqwest::Response {
    let path = org.path(&format!("/incidents/{}", incident["id"].as_str().expect("id")));
    let current = client.get(&path).await;
    let etag = current.headers()["etag"].to_str().expect("etag").to_owned();
    client.patch_if_match(&path, &etag, json!({"status": status})).await
}

/// The moves that take a new (open) incident to `status`.
fn path_to(status: IncidentStatus) -> Vec<IncidentStatus> {
    match status {
        IncidentStatus::Open => vec![],
        other => vec![other],
    }
}

on_both_stores! {
    /// Every pair of statuses, allowed or not, as the enum itself says.
    async fn every_transition_is_allowed_or_refused_as_the_lifecycle_says(app: TestApp) {
        let org = OrgFixture::new(&app, "Lifecycle").await;
        for from in IncidentStatus::ALL {
            for to in IncidentStatus::ALL.iter().filter(|to| *to != from) {
                let incident = open_incident(&org.admin, &org, json!({"title": format!("{from}->{to}"), "severity": "P2"})).await;
                for step in path_to(*from) {
                    assert_eq!(set_status(&org.admin, &org, &incident, step.key()).await.status(), 200);
                }
                let response = set_status(&org.admin, &org, &incident, to.key()).await;
                if from.can_become(*to) {
                    assert_eq!(response.status(), 200, "{from} -> {to} should be allowed");
                    let body: Value = response.json().await.expect("json");
                    assert_eq!(body["status"], to.key());
                } else {
                    let body = expect_problem(response, 409).await;
                    let detail = body["detail"].as_str().unwrap_or_default();
                    assert!(detail.contains(from.key()) && detail.contains(to.key()), "{from} -> {to}: {detail}");
                }
            }
        }
    }

    async fn timestamps_follow_acknowledgement_resolution_and_reopening(app: TestApp) {
        let org = OrgFixture::new(&app, "Stamps").await;
        let incident = open_incident(&org.admin, &org, json!({"title": "DB down", "severity": "P1"})).await;
        assert_eq!(incident["reference"], "INC-1");
        assert!(incident["acknowledgedAt"].is_null());
        let acked: Value = set_status(&org.admin, &org, &incident, "acknowledged").await.json().await.expect("json");
        let first_ack = acked["acknowledgedAt"].clone();
        assert!(first_ack.is_string());
        let resolved: Value = set_status(&org.admin, &org, &incident, "resolved").await.json().await.expect("json");
        assert!(resolved["resolvedAt"].is_string());
        let reopened: Value = set_status(&org.admin, &org, &incident, "open").await.json().await.expect("json");
        assert!(reopened["resolvedAt"].is_null());
        assert_eq!(reopened["acknowledgedAt"], first_ack, "reopening keeps the first acknowledgement");
        let again: Value = set_status(&org.admin, &org, &incident, "investigating").await.json().await.expect("json");
        assert_eq!(again["acknowledgedAt"], first_ack);
        // Same status again is a no-op, not an error.
        assert_eq!(set_status(&org.admin, &org, &incident, "investigating").await.status(), 200);

        let timeline: Value = org.admin.get(&org.path("/incidents/1/timeline")).await.json().await.expect("json");
        let kinds: Vec<&str> = timeline["data"].as_array().expect("data").iter().filter_map(|e| e["kind"].as_str()).collect();
        assert_eq!(kinds, ["status_change"; 4]);
    }

    async fn concurrent_creates_get_distinct_consecutive_numbers(app: TestApp) {
        let org = OrgFixture::new(&app, "Burst").await;
        let admin = std::sync::Arc::new(org.admin);
        let path = format!("/api/orgs/{}/incidents", org.id);
        let tasks: Vec<_> = (0..50)
            .map(|n| {
                let admin = admin.clone();
                let path = path.clone();
                tokio::spawn(async move {
                    let response = admin.post(&path, json!({"title": format!("Burst {n}"), "severity": "P3"})).await;
                    assert_eq!(response.status(), 201);
                    response.json::<Value>().await.expect("json")["number"].as_i64().expect("number")
                })
            })
            .collect();
        let mut numbers = Vec::new();
        for task in tasks {
            numbers.push(task.await.expect("task"));
        }
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=50).collect::<Vec<i64>>());
    }

    async fn stale_versions_and_missing_if_match_are_refused(app: TestApp) {
        let org = OrgFixture::new(&app, "Versions").await;
        let incident = open_incident(&org.admin, &org, json!({"title": "Latency", "severity": "P2"})).await;
        let path = org.path(&format!("/incidents/{}", incident["id"].as_str().expect("id")));
        let first = org.admin.get(&path).await;
        let etag = first.headers()["etag"].to_str().expect("etag").to_owned();
        assert_eq!(etag, "\"1\"");

        expect_problem(org.admin.patch(&path, json!({"title": "No precondition"})).await, 428).await;
        let ok = org.admin.patch_if_match(&path, &etag, json!({"title": "Latency in eu-west"})).await;
        assert_eq!(ok.status(), 200);
        assert_eq!(ok.headers()["etag"], "\"2\"");
        // A second responder still holding version 1 does not overwrite.
        let stale = org.admin.patch_if_match(&path, &etag, json!({"title": "Overwrite"})).await;
        expect_problem(stale, 412).await;
        let now: Value = org.admin.get(&path).await.json().await.expect("json");
        assert_eq!(now["title"], "Latency in eu-west");
    }

    async fn idempotency_keys_return_the_first_incident(app: TestApp) {
        let org = OrgFixture::new(&app, "Idempotent").await;
        let send = |key: &'static str| {
            org.admin
                .http()
                .post(org.admin.url(&org.path("/incidents")))
                .header("origin", crate::helpers::PUBLIC_URL)
                .header("idempotency-key", key)
                .json(&json!({"title": "Retried", "severity": "P2"}))
                .send()
        };
        let first: Value = send("key-1").await.expect("send").json().await.expect("json");
        let retry: Value = send("key-1").await.expect("send").json().await.expect("json");
        assert_eq!(first["id"], retry["id"]);
        let other: Value = send("key-2").await.expect("send").json().await.expect("json");
        assert_ne!(first["id"], other["id"]);
        let list: Value = org.admin.get(&org.path("/incidents")).await.json().await.expect("json");
        assert_eq!(list["data"].as_array().map(Vec::len), Some(2));
    }

    async fn validation_names_fields_and_assignees_must_be_members(app: TestApp) {
        let org = OrgFixture::new(&app, "Valid").await;
        let bad = org.admin.post(&org.path("/incidents"), json!({"title": "", "severity": "P9"})).await;
        assert_eq!(expect_problem(bad, 422).await["errors"][0]["field"], "severity");
        let bad = org.admin.post(&org.path("/incidents"), json!({"title": " ", "severity": "P1", "labels": ["ok", "not ok!"]})).await;
        let body = expect_problem(bad, 422).await;
        let fields: Vec<&str> = body["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
        assert_eq!(fields, ["title", "labels[1]"]);
        let outsider = app.browser();
        let outsider_me = outsider.sign_up("Outsider").await;
        let stranger = org.admin.post(&org.path("/incidents"), json!({"title": "T", "severity": "P1", "assignees": [outsider_me["user"]["id"]]})).await;
        assert_eq!(expect_problem(stranger, 422).await["errors"][0]["field"], "assignees");
    }

    async fn label_only_changes_are_saved_and_recorded(app: TestApp) {
        let org = OrgFixture::new(&app, "Labels").await;
        let incident = open_incident(&org.admin, &org, json!({"title": "Tagged", "severity": "P3", "labels": ["db"]})).await;
        let path = org.path(&format!("/incidents/{}", incident["id"].as_str().expect("id")));
        let changed = org.admin.patch_if_match(&path, "\"1\"", json!({"labels": ["db", "eu-west"]})).await;
        assert_eq!(changed.status(), 200);
        let body: Value = changed.json().await.expect("json");
        assert_eq!((body["labels"].clone(), body["version"].as_i64()), (json!(["db", "eu-west"]), Some(2)));
        let timeline: Value = org.admin.get(&format!("{path}/timeline")).await.json().await.expect("json");
        assert_eq!(timeline["data"][0]["kind"], "label_change");
        let audit: Value = org.admin.get(&org.path("/audit?action=incident.updated")).await.json().await.expect("json");
        assert_eq!(audit["data"][0]["summary"]["after"]["labels"], json!(["db", "eu-west"]));
    }

    async fn control_characters_are_refused_by_field(app: TestApp) {
        let org = OrgFixture::new(&app, "Nul").await;
        let bad = org.admin.post(&org.path("/incidents"), json!({"title": "a\u{0}b", "severity": "P1", "description": "ok"})).await;
        assert_eq!(expect_problem(bad, 422).await["errors"][0]["field"], "title");
        let incident = open_incident(&org.admin, &org, json!({"title": "Fine", "severity": "P1"})).await;
        let note = org.admin.post(&org.path(&format!("/incidents/{}/timeline", incident["number"])), json!({"text": "x\u{0}"})).await;
        assert_eq!(expect_problem(note, 422).await["errors"][0]["field"], "text");
    }

    async fn handoff_moves_ownership_in_one_step(app: TestApp) {
        let org = OrgFixture::new(&app, "Handoff").await;
        let (night, _) = org.add_member(&app, "Night", json!(["member", "oncall"])).await;
        let admin_me: Value = org.admin.get("/api/me").await.json().await.expect("json");
        let night_me: Value = night.get("/api/me").await.json().await.expect("json");
        let admin_id = admin_me["user"]["id"].clone();
        let night_id = night_me["user"]["id"].clone();
        let incident = open_incident(&org.admin, &org, json!({"title": "Queue backlog", "severity": "P2", "assignees": [admin_id], "commander": admin_id})).await;
        let path = org.path(&format!("/incidents/{}", incident["number"]));
        let handed: Value = org.admin.post(&format!("{path}/handoff"), json!({"to": night_id, "note": "Going off shift; queue draining"})).await.json().await.expect("json");
        assert_eq!(handed["commander"], night_id);
        assert_eq!(handed["assignees"], json!([night_id]));
        let timeline: Value = org.admin.get(&format!("{path}/timeline")).await.json().await.expect("json");
        let entries = timeline["data"].as_array().expect("data");
        assert_eq!(entries.iter().filter_map(|e| e["kind"].as_str()).collect::<Vec<_>>(), ["handoff", "note"]);
        assert_eq!(entries[1]["body"], "Going off shift; queue draining");
        assert_eq!(entries[0]["actorId"], admin_id);

        // Handing off to a non-member names the field.
        let outsider = app.browser();
        let outsider_me = outsider.sign_up("Outsider").await;
        let refused = night.post(&format!("{path}/handoff"), json!({"to": outsider_me["user"]["id"]})).await;
        assert_eq!(expect_problem(refused, 422).await["errors"][0]["field"], "to");

        // The handoff note follows the notes' rule: no NUL, a bounded size.
        let me: Value = night.get("/api/me").await.json().await.expect("json");
        for note in ["stray \u{0}byte".to_owned(), "x".repeat(64 * 1024 + 1)] {
            let refused = night.post(&format!("{path}/handoff"), json!({"to": me["user"]["id"], "note": note})).await;
            assert_eq!(expect_problem(refused, 422).await["errors"][0]["field"], "note");
        }

        // Notes are appended, never edited.
        let note = night.post(&format!("{path}/timeline"), json!({"text": "**Mitigated** by scaling consumers"})).await;
        assert_eq!(note.status(), 201);
        let timeline: Value = night.get(&format!("{path}/timeline")).await.json().await.expect("json");
        assert_eq!(timeline["data"].as_array().map(Vec::len), Some(3));
        let entry_path = format!("{path}/timeline/{}", timeline["data"][2]["id"].as_str().expect("id"));
        expect_problem(night.send(reqwest::Method::DELETE, &entry_path, None).await, 404).await;
    }

    async fn lists_filter_and_page_without_gaps_while_incidents_arrive(app: TestApp) {
        let org = OrgFixture::new(&app, "Lists").await;
        let me: Value = org.admin.get("/api/me").await.json().await.expect("json");
        let my_id = me["user"]["id"].clone();
        let severities = ["P1", "P2", "P3", "P4"];
        for n in 0..23 {
            let mut body = json!({"title": format!("Incident {n}"), "severity": severities[n % 4], "labels": [if n % 3 == 0 { "db" } else { "web" }]});
            if n % 5 == 0 {
                body["assignees"] = json!([my_id]);
                body["description"] = json!("Checkout **payments** failing");
            }
            open_incident(&org.admin, &org, body).await;
        }
        let resolved = open_incident(&org.admin, &org, json!({"title": "Old one", "severity": "P4"})).await;
        assert_eq!(set_status(&org.admin, &org, &resolved, "resolved").await.status(), 200);

        for (sort, expect_order) in [("created", "created"), ("severity", "severity")] {
            let mut seen: Vec<i64> = Vec::new();
            let mut ranks: Vec<String> = Vec::new();
            let mut cursor: Option<String> = None;
            let mut extra = 0;
            loop {
                let mut path = org.path(&format!("/incidents?status=active&sort={sort}&limit=5"));
                if let Some(c) = &cursor {
                    path.push_str(&format!("&cursor={c}"));
                }
                let page: Value = org.admin.get(&path).await.json().await.expect("json");
                for incident in page["data"].as_array().expect("data") {
                    seen.push(incident["number"].as_i64().expect("number"));
                    ranks.push(incident["severity"].as_str().expect("severity").to_owned());
                }
                // New incidents arriving mid-listing must not disturb the pages.
                open_incident(&org.admin, &org, json!({"title": format!("Arrival {sort} {extra}"), "severity": "P1"})).await;
                extra += 1;
                match page["nextCursor"].as_str() {
                    Some(next) => cursor = Some(next.to_owned()),
                    None => break,
                }
            }
            let mut unique = seen.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), seen.len(), "{sort}: duplicates across pages");
            let original: Vec<i64> = (1..=23).collect();
            for n in &original {
                assert!(seen.contains(n), "{sort}: incident {n} missing");
            }
            assert!(!seen.contains(&24), "resolved incidents are not active");
            if expect_order == "severity" {
                let mut sorted = ranks.clone();
                sorted.sort();
                assert_eq!(ranks, sorted, "severity order");
            }
        }

        let count = |query: String| {
            let path = org.path(&format!("/incidents?{query}&limit=100"));
            let client = &org.admin;
            async move { client.get(&path).await.json::<Value>().await.expect("json")["data"].as_array().expect("data").len() }
        };
        assert_eq!(count("severity=P1&q=incident".into()).await, 6);
        assert_eq!(count("assignee=me".into()).await, 5);
        assert_eq!(count(format!("assignee={}", my_id.as_str().expect("id"))).await, 5);
        assert_eq!(count("label=db".into()).await, 8);
        assert_eq!(count("q=PAYMENTS".into()).await, 5);
        assert_eq!(count("status=resolved".into()).await, 1);
        assert_eq!(count("from=2099-01-01T00:00:00Z".into()).await, 0);
        let bad = org.admin.get(&org.path("/incidents?status=sleeping")).await;
        assert_eq!(expect_problem(bad, 422).await["errors"][0]["field"], "status");
        let bad = org.admin.get(&org.path("/incidents?limit=101")).await;
        assert_eq!(expect_problem(bad, 422).await["errors"][0]["field"], "limit");
        let bad = org.admin.get(&org.path("/incidents?cursor=bogus")).await;
        assert_eq!(expect_problem(bad, 422).await["errors"][0]["field"], "cursor");
    }

    async fn incident_changes_are_audited(app: TestApp) {
        let org = OrgFixture::new(&app, "IncAudit").await;
        let incident = open_incident(&org.admin, &org, json!({"title": "Audit me", "severity": "P3"})).await;
        set_status(&org.admin, &org, &incident, "acknowledged").await;
        let audit: Value = org.admin.get(&org.path("/audit?limit=2")).await.json().await.expect("json");
        assert_eq!(audit["data"][0]["action"], "incident.updated");
        assert_eq!(audit["data"][0]["summary"]["before"]["status"], "open");
        assert_eq!(audit["data"][0]["summary"]["after"]["status"], "acknowledged");
        assert_eq!(audit["data"][1]["action"], "incident.created");
    }
}
