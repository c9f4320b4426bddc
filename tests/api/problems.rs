//! Problem management: problems made from incidents and linked both ways,
//! workarounds that reach the open incidents they cause, known errors a
//! responder can find.

use serde_json::{Value, json};

use crate::helpers::{OrgFixture, TestApp, expect_problem, on_both_stores};

async fn problem_org(app: &TestApp, name: &str) -> OrgFixture {
    let org = OrgFixture::new(app, name).await;
    org.with_modules(app, "pro", &["problemManagement"]).await;
    org
}

async fn incident(org: &OrgFixture, title: &str, extra: Value) -> Value {
    let mut body = json!({"title": title, "severity": "P2"});
    body.as_object_mut().expect("object").extend(extra.as_object().cloned().unwrap_or_default());
    let created = org.admin.post(&org.path("/incidents"), body).await;
    assert_eq!(created.status(), 201);
    created.json().await.expect("json")
}

fn numbers(list: &Value) -> Vec<String> {
    list.as_array().expect("list").iter().map(|r| r["number"].as_str().expect("number").to_owned()).collect()
}

on_both_stores! {
    async fn problems_are_off_until_switched_on(app: TestApp) {
        let org = OrgFixture::new(&app, "Off").await;
        expect_problem(org.admin.get(&org.path("/problems")).await, 404).await;
        expect_problem(org.admin.post(&org.path("/problems"), json!({"title": "X"})).await, 404).await;
        let refused = org.admin.patch(&org.path("/features"), json!({"problemManagement": true})).await;
        assert_eq!(expect_problem(refused, 402).await["requiredPlan"], "pro");
    }

    async fn a_problem_made_from_incidents_is_linked_both_ways(app: TestApp) {
        let org = problem_org(&app, "Links").await;
        let a = incident(&org, "Checkout times out", json!({})).await;
        let b = incident(&org, "Payments slow", json!({})).await;
        let created = org.admin.post(&org.path("/problems"), json!({
            "title": "Connection pool exhausted", "symptom": "timeouts under load", "incidents": [a["id"], b["id"]],
        })).await;
        assert_eq!(created.status(), 201);
        assert_eq!(created.headers()["etag"], "\"1\"");
        let problem: Value = created.json().await.expect("json");
        assert_eq!(problem["number"], "PRB-1");
        assert_eq!(problem["status"], "identified");
        assert_eq!(problem["priority"], "P3");
        assert_eq!(numbers(&problem["linkedIncidents"]), ["INC-1", "INC-2"]);
        assert_eq!(problem["rootCause"], "");
        assert_eq!(problem["workaround"], "");

        // From the incident's side: caused by the problem, on its timeline too.
        let links: Value = org.admin.get(&org.path("/incidents/1/links")).await.json().await.expect("json");
        assert_eq!(links["data"][0]["relation"], "caused_by");
        assert_eq!(links["data"][0]["record"]["number"], "PRB-1");
        let timeline: Value = org.admin.get(&org.path("/incidents/1/timeline")).await.json().await.expect("json");
        assert!(timeline["data"].as_array().expect("data").iter().any(|e| e["kind"] == "link" && e["body"] == "Linked: caused_by PRB-1"));
        let timeline: Value = org.admin.get(&org.path("/problems/PRB-1/timeline")).await.json().await.expect("json");
        let linked: Vec<&str> = timeline["data"].as_array().expect("data").iter().filter(|e| e["kind"] == "link").filter_map(|e| e["body"].as_str()).collect();
        assert_eq!(linked, ["Linked: causes INC-1", "Linked: causes INC-2"]);

        // Linked later from the incident's side, it shows on the problem.
        let c = incident(&org, "Orders failing", json!({})).await;
        let link = org.admin.post(&org.path("/incidents/3/links"), json!({"relation": "caused_by", "to": problem["id"]})).await;
        assert_eq!(link.status(), 201);
        let problem: Value = org.admin.get(&org.path("/problems/1")).await.json().await.expect("json");
        assert_eq!(numbers(&problem["linkedIncidents"]), ["INC-1", "INC-2", "INC-3"]);
        assert_eq!(problem["linkedIncidents"][2]["id"], c["id"]);

        // An incident of another organisation, or none at all, is named.
        let bad = org.admin.post(&org.path("/problems"), json!({"title": "X", "incidents": [simplicity_shared::ids::IncidentId::new()]})).await;
        assert_eq!(expect_problem(bad, 422).await["errors"][0]["field"], "incidents");
        let bad = org.admin.post(&org.path("/problems"), json!({"title": " ", "owner": "usr_nope"})).await;
        expect_problem(bad, 422).await;
        let list: Value = org.admin.get(&org.path("/problems")).await.json().await.expect("json");
        assert_eq!(numbers(&list["data"]), ["PRB-1"], "no half-written problem");
    }

    async fn the_lifecycle_is_enforced_and_versions_guard_changes(app: TestApp) {
        let org = problem_org(&app, "Life").await;
        org.admin.post(&org.path("/problems"), json!({"title": "Leaky cache"})).await;
        let path = org.path("/problems/1");
        let closed = org.admin.patch_if_match(&path, "\"1\"", json!({"status": "closed"})).await;
        assert_eq!(expect_problem(closed, 409).await["type"], "https://simplicity.dev/problems/invalid-transition");
        let moved = org.admin.patch_if_match(&path, "\"1\"", json!({"status": "investigating", "rootCause": "TTL never set"})).await;
        assert_eq!(moved.status(), 200);
        expect_problem(org.admin.patch_if_match(&path, "\"1\"", json!({"priority": "P1"})).await, 412).await;
        expect_problem(org.admin.patch(&path, json!({"priority": "P1"})).await, 428).await;
        let resolved: Value = org.admin.patch_if_match(&path, "\"2\"", json!({"status": "resolved"})).await.json().await.expect("json");
        assert_eq!(resolved["status"], "resolved");
        assert!(resolved["resolvedAt"].is_string());
        let reopened: Value = org.admin.patch_if_match(&path, "\"3\"", json!({"status": "investigating"})).await.json().await.expect("json");
        assert_eq!((reopened["status"].as_str(), reopened["resolvedAt"].is_null()), (Some("investigating"), true));
    }

    async fn a_published_workaround_reaches_the_open_incidents_it_causes(app: TestApp) {
        let org = problem_org(&app, "Workaround").await;
        let (_, responder_email) = org.add_member(&app, "Responder", json!(["member"])).await;
        let members: Value = org.admin.get(&org.path("/members")).await.json().await.expect("json");
        let responder = members["data"].as_array().expect("data").iter().find(|m| m["email"] == responder_email.as_str()).expect("member")["userId"].clone();
        let open = incident(&org, "Disk full on db-1", json!({"assignees": [responder]})).await;
        let resolved = incident(&org, "Disk full on db-2", json!({"assignees": [responder]})).await;
        let resolve = org.admin.patch_if_match(&org.path("/incidents/2"), "*", json!({"status": "resolved"})).await;
        assert_eq!(resolve.status(), 200);
        org.admin.post(&org.path("/problems"), json!({"title": "Logs never rotate", "incidents": [open["id"], resolved["id"]]})).await;

        let workaround = "Run `logrotate -f /etc/logrotate.conf`, then restart the agent.";
        let published: Value = org.admin.patch_if_match(&org.path("/problems/1"), "*", json!({"workaround": workaround})).await.json().await.expect("json");
        assert_eq!(published["status"], "known_error", "a workaround makes it a known error");
        assert_eq!(published["knownError"], true);
        assert!(published["workaroundPublishedAt"].is_string());

        let entries = |timeline: Value| -> Vec<String> {
            timeline["data"].as_array().expect("data").iter().filter(|e| e["kind"] == "workaround").map(|e| e["body"].as_str().expect("body").to_owned()).collect()
        };
        let on_open = entries(org.admin.get(&org.path("/incidents/1/timeline")).await.json().await.expect("json"));
        assert_eq!(on_open, [format!("Workaround from PRB-1 (Logs never rotate): {workaround}")]);
        let on_resolved = entries(org.admin.get(&org.path("/incidents/2/timeline")).await.json().await.expect("json"));
        assert!(on_resolved.is_empty(), "a resolved incident is not told");
        // The open incident's assignee hears of it, once.
        let mail = app.mail_to(&responder_email, "logrotate").await;
        assert_eq!(mail.subject(), "Workaround for INC-1 Disk full on db-1 (from PRB-1)");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let told = app.mail.sent().into_iter().filter(|m| m.to() == responder_email && m.text().contains("logrotate")).count();
        assert_eq!(told, 1, "one mail, for the open incident only");
    }

    async fn known_errors_are_found_by_their_words_and_by_incident(app: TestApp) {
        let org = problem_org(&app, "Known").await;
        let linked = incident(&org, "Checkout 502s", json!({})).await;
        org.admin.post(&org.path("/problems"), json!({"title": "Gateway keeps stale DNS", "symptom": "502 from the gateway", "workaround": "Flush the gateway DNS cache", "incidents": [linked["id"]]})).await;
        org.admin.post(&org.path("/problems"), json!({"title": "Replica lag", "symptom": "Stale reads on the dashboard", "workaround": "Read from the primary"})).await;
        org.admin.post(&org.path("/problems"), json!({"title": "Replica disks", "symptom": "Stale reads again"})).await;

        let search = |query: &'static str| {
            let org = &org;
            async move {
                let found: Value = org.admin.get(&org.path(&format!("/problems?{query}"))).await.json().await.expect("json");
                numbers(&found["data"])
            }
        };
        assert_eq!(search("knownError=true").await, ["PRB-2", "PRB-1"]);
        assert_eq!(search("knownError=true&q=STALE").await, ["PRB-2", "PRB-1"], "title, symptom and workaround, any case");
        assert_eq!(search("q=stale%20reads").await, ["PRB-3", "PRB-2"], "every word");
        assert_eq!(search("knownError=true&q=primary").await, ["PRB-2"]);
        // For an incident: the known errors linked to it, then those its title suggests.
        assert_eq!(search("incident=INC-1").await, ["PRB-1"]);
        incident(&org, "Replica serving stale data", json!({})).await;
        assert_eq!(search("incident=INC-2").await, ["PRB-2"], "matched on its longest word, known errors only");
        let unknown = org.admin.get(&org.path("/problems?incident=INC-99")).await;
        assert_eq!(expect_problem(unknown, 422).await["errors"][0]["field"], "incident");
    }
}
