//! The service catalogue and request fulfilment: forms checked by JSON
//! Schema (conditional fields included) with field paths, form versions
//! kept by old requests, approvals then tasks in sequence and in parallel
//! with conditions, automatic fulfilment, the requester told of every move
//! by email, and the portal's `requester` role seeing only its own.

use serde_json::{Value, json};

use crate::helpers::{Client, OrgFixture, TestApp, expect_problem, on_both_stores};

/// An organisation with the catalogue and requests on, an approver, two
/// fulfilling teams, and a requester.
struct Desk {
    org: OrgFixture,
    approver: Client,
    approver_id: Value,
    agent: Client,
    hardware: Value,
    access: Value,
    requester: Client,
    requester_email: String,
}

/// A form with a conditional field: a laptop needs its model.
fn laptop_form() -> Value {
    json!({
        "type": "object",
        "properties": {
            "kind": {"enum": ["laptop", "phone"]},
            "laptop": {"type": "object", "properties": {"model": {"enum": ["13-inch", "15-inch"]}}, "required": ["model"]},
            "reason": {"type": "string", "maxLength": 200}
        },
        "required": ["kind"],
        "if": {"properties": {"kind": {"const": "laptop"}}},
        "then": {"required": ["laptop"]}
    })
}

async fn user_id(client: &Client) -> Value {
    let me: Value = client.get("/api/me").await.json().await.expect("json");
    me["user"]["id"].clone()
}

impl Desk {
    async fn new(app: &TestApp, name: &str) -> Self {
        let org = OrgFixture::new(app, name).await;
        // Off: absent.
        expect_problem(org.admin.get(&org.path("/catalog")).await, 404).await;
        expect_problem(org.admin.get(&org.path("/requests")).await, 404).await;
        org.with_modules(app, "enterprise", &["serviceCatalog", "requestFulfillment", "knowledgeBase"]).await;
        let (approver, _) = org.add_member(app, "Approver", json!(["member"])).await;
        let (agent, _) = org.add_member(app, "Agent", json!(["member"])).await;
        let (requester, requester_email) = org.add_member(app, "Asker", json!(["requester"])).await;
        let (approver_id, agent_id) = (user_id(&approver).await, user_id(&agent).await);
        let team = |name: &str| json!({"name": name, "members": [agent_id.clone()]});
        let hardware: Value = org.admin.post(&org.path("/teams"), team("Hardware")).await.json().await.expect("json");
        let access: Value = org.admin.post(&org.path("/teams"), team("Access")).await.json().await.expect("json");
        Self {
            org,
            approver,
            approver_id,
            agent,
            hardware: hardware["id"].clone(),
            access: access["id"].clone(),
            requester,
            requester_email,
        }
    }

    /// A published item; returns it.
    async fn item(&self, body: Value) -> Value {
        let created = self.org.admin.post(&self.org.path("/catalog/items"), body).await;
        assert_eq!(created.status(), 201, "{}", created.text().await.unwrap_or_default());
        let item: Value = created.json().await.expect("json");
        let path = self.org.path(&format!("/catalog/items/{}/status", item["id"].as_str().expect("id")));
        let published = self.org.admin.post(&path, json!({"status": "published"})).await;
        assert_eq!(published.status(), 200);
        published.json().await.expect("json")
    }

    /// The laptop item: approved by the approver, then Hardware orders it
    /// while Access sets up a VPN only if asked, then Hardware hands it over.
    async fn laptop_item(&self, approval: bool) -> Value {
        let steps = if approval {
            json!([{"name": "Manager", "approvers": {"users": [self.approver_id]}, "rule": "any"}])
        } else {
            json!([])
        };
        self.item(json!({
            "name": if approval { "Laptop" } else { "Quick laptop" },
            "description": "A new laptop",
            "icon": "💻",
            "form": laptop_form(),
            "approval": steps,
            "fulfilment": {"stages": [
                {"tasks": [
                    {"name": "Order", "team": self.hardware},
                    {"name": "VPN access", "team": self.access, "when": {"answer": "/reason", "equals": "remote"}},
                    {"name": "Phone plan", "team": self.access, "when": {"answer": "/kind", "in": ["phone"]}}
                ]},
                {"tasks": [{"name": "Hand over", "team": self.hardware}]}
            ]},
            "targetMinutes": 2880
        }))
        .await
    }

    async fn raise(&self, who: &Client, item: &Value, answers: Value) -> reqwest::Response {
        who.post(&self.org.path("/requests"), json!({"item": item["id"], "answers": answers})).await
    }

    async fn raised(&self, who: &Client, item: &Value, answers: Value) -> Value {
        let response = self.raise(who, item, answers).await;
        assert_eq!(response.status(), 201, "{}", response.text().await.unwrap_or_default());
        response.json().await.expect("json")
    }

    async fn task(&self, request: &Value, name: &str, body: Value) -> Value {
        let task = request["tasks"].as_array().expect("tasks").iter().find(|t| t["name"] == name).expect("task");
        let path =
            format!("/requests/{}/tasks/{}", request["number"].as_str().expect("n"), task["id"].as_str().expect("id"));
        let response = self.agent.patch(&self.org.path(&path), body).await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap_or_default());
        response.json().await.expect("json")
    }
}

fn statuses(request: &Value) -> Vec<(String, String)> {
    request["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| (t["name"].as_str().expect("name").to_owned(), t["status"].as_str().expect("status").to_owned()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

on_both_stores! {
    async fn answers_are_checked_by_the_form_with_field_paths(app: TestApp) {
        let desk = Desk::new(&app, "Forms").await;
        let item = desk.laptop_item(false).await;
        // The conditional field: a laptop needs its model.
        let missing = expect_problem(desk.raise(&desk.requester, &item, json!({"kind": "laptop"})).await, 422).await;
        let errors = missing["errors"].as_array().expect("errors");
        assert!(errors.iter().any(|e| e["field"] == "/answers" && e["detail"].as_str().is_some_and(|d| d.contains("laptop"))), "{missing}");
        let wrong = expect_problem(desk.raise(&desk.requester, &item, json!({"kind": "laptop", "laptop": {"model": "17-inch"}})).await, 422).await;
        assert_eq!(wrong["errors"][0]["field"], "/answers/laptop/model", "{wrong}");
        let kind = expect_problem(desk.raise(&desk.requester, &item, json!({"kind": "tablet"})).await, 422).await;
        assert_eq!(kind["errors"][0]["field"], "/answers/kind");
        // A phone needs no laptop.
        let phone = desk.raised(&desk.requester, &item, json!({"kind": "phone"})).await;
        assert_eq!((phone["number"].as_str(), phone["status"].as_str()), (Some("REQ-1"), Some("in_progress")));
        // A bad form is refused when written, naming the field.
        let bad = desk.org.admin.post(&desk.org.path("/catalog/items"), json!({"name": "Bad", "form": {"type": "object", "properties": {"a": {"type": 7}}}})).await;
        assert_eq!(expect_problem(bad, 422).await["errors"][0]["field"], "form");
        let no_object = desk.org.admin.post(&desk.org.path("/catalog/items"), json!({"name": "Bad", "form": {"type": "string"}})).await;
        assert_eq!(expect_problem(no_object, 422).await["errors"][0]["field"], "form");
        let plan = json!({"name": "Bad plan", "form": {"type": "object"}, "fulfilment": {"stages": [{"tasks": [{"name": "X", "team": "tea_00000000000000000000000000000000"}]}]}});
        let unknown_team = expect_problem(desk.org.admin.post(&desk.org.path("/catalog/items"), plan).await, 422).await;
        assert_eq!(unknown_team["errors"][0]["field"], "fulfilment.stages[0].tasks[0].team");
        // A form keeps its fields in the order written (the portal shows them so).
        let ordered: Value = desk.org.admin.post(&desk.org.path("/catalog/items"), json!({"name": "Ordered", "form": {"type": "object", "properties": {"zeta": {"type": "string"}, "alpha": {"type": "string"}}}})).await.json().await.expect("json");
        let keys: Vec<&String> = ordered["form"]["properties"].as_object().expect("properties").keys().collect();
        assert_eq!(keys, ["zeta", "alpha"]);
        // Nothing was half-written: still one request.
        let listed: Value = desk.org.admin.get(&desk.org.path("/requests")).await.json().await.expect("json");
        assert_eq!(listed["data"].as_array().map(Vec::len), Some(1));
    }

    async fn an_old_request_keeps_the_form_it_was_raised_with(app: TestApp) {
        let desk = Desk::new(&app, "Versions").await;
        let item = desk.laptop_item(false).await;
        let first = desk.raised(&desk.requester, &item, json!({"kind": "phone"})).await;
        assert_eq!(first["formVersion"], 1);
        // The item's form gains a required cost centre: version 2.
        let mut form = laptop_form();
        form["properties"]["costCentre"] = json!({"type": "string", "pattern": "^CC-[0-9]{4}$"});
        form["required"] = json!(["kind", "costCentre"]);
        let path = desk.org.path(&format!("/catalog/items/{}", item["id"].as_str().expect("id")));
        let mut body = json!({"name": "Quick laptop", "form": form, "fulfilment": item["setup"]["fulfilment"], "targetMinutes": 2880});
        let edited = desk.org.admin.http().put(desk.org.admin.url(&path)).header("origin", crate::helpers::PUBLIC_URL)
            .header("if-match", format!("\"{}\"", item["version"])).json(&body).send().await.expect("PUT");
        assert_eq!(edited.status(), 200, "{}", edited.text().await.unwrap_or_default());
        let edited: Value = edited.json().await.expect("json");
        assert_eq!((edited["formVersion"].as_i64(), edited["status"].as_str()), (Some(2), Some("published")));
        // The same form again is no new version.
        body["description"] = json!("Now with a cost centre");
        let same = desk.org.admin.http().put(desk.org.admin.url(&path)).header("origin", crate::helpers::PUBLIC_URL)
            .header("if-match", "*").json(&body).send().await.expect("PUT");
        assert_eq!(same.json::<Value>().await.expect("json")["formVersion"], 2);
        let old: Value = desk.requester.get(&desk.org.path("/requests/REQ-1")).await.json().await.expect("json");
        assert_eq!(old["formVersion"], 1);
        assert!(old["form"]["properties"].get("costCentre").is_none(), "the old request keeps version 1");
        let v1: Value = desk.agent.get(&desk.org.path(&format!("/catalog/items/{}/forms/1", item["id"].as_str().expect("id")))).await.json().await.expect("json");
        assert_eq!(v1, laptop_form());
        let pattern = expect_problem(desk.raise(&desk.requester, &item, json!({"kind": "phone", "costCentre": "42"})).await, 422).await;
        assert_eq!(pattern["errors"][0]["field"], "/answers/costCentre");
        let second = desk.raised(&desk.requester, &item, json!({"kind": "phone", "costCentre": "CC-1234"})).await;
        assert_eq!(second["formVersion"], 2);
    }

    async fn approval_then_tasks_in_sequence_and_in_parallel_until_fulfilled(app: TestApp) {
        let desk = Desk::new(&app, "Fulfil").await;
        let item = desk.laptop_item(true).await;
        assert_eq!(item["needsApproval"], true);
        let answers = json!({"kind": "laptop", "laptop": {"model": "13-inch"}, "reason": "remote"});
        let raised = desk.raised(&desk.requester, &item, answers).await;
        assert_eq!(raised["status"], "awaiting_approval");
        assert!(raised["dueAt"].is_string(), "the item's target sets a due time");
        assert_eq!(statuses(&raised), pairs(&[("Order", "pending"), ("VPN access", "pending"), ("Phone plan", "skipped"), ("Hand over", "pending")]));
        app.mail_to(&desk.requester_email, "is now awaiting approval").await;
        // Tasks do not move before approval.
        let early = desk.agent.patch(&desk.org.path(&format!("/requests/REQ-1/tasks/{}", raised["tasks"][0]["id"].as_str().expect("id"))), json!({"status": "done"})).await;
        expect_problem(early, 409).await;
        // The requester cannot approve their own; the approver can.
        expect_problem(desk.requester.post(&desk.org.path("/requests/REQ-1/votes"), json!({"decision": "approve"})).await, 404).await;
        let voted = desk.approver.post(&desk.org.path("/requests/REQ-1/votes"), json!({"decision": "approve", "comment": "ok"})).await;
        assert_eq!(voted.status(), 200, "{}", voted.text().await.unwrap_or_default());
        let approved: Value = voted.json().await.expect("json");
        assert_eq!(approved["status"], "in_progress");
        assert_eq!(approved["approval"]["status"], "approved");
        // Stage 1 in parallel (the phone plan's condition did not hold); stage 2 waits.
        assert_eq!(statuses(&approved), pairs(&[("Order", "open"), ("VPN access", "open"), ("Phone plan", "skipped"), ("Hand over", "pending")]));
        // The teams' queues.
        let queue: Value = desk.agent.get(&desk.org.path(&format!("/requests/tasks?team={}", desk.access.as_str().expect("id")))).await.json().await.expect("json");
        let queued: Vec<(&str, &str)> = queue["data"].as_array().expect("data").iter().map(|t| (t["name"].as_str().expect("n"), t["requestNumber"].as_str().expect("r"))).collect();
        assert_eq!(queued, [("VPN access", "REQ-1")]);
        let agent_id = user_id(&desk.agent).await;
        let after = desk.task(&approved, "Order", json!({"status": "in_progress", "assignee": agent_id})).await;
        let mine: Value = desk.agent.get(&desk.org.path("/requests/tasks?mine=true")).await.json().await.expect("json");
        assert_eq!(mine["data"][0]["name"], "Order");
        let after = desk.task(&after, "Order", json!({"status": "done"})).await;
        assert_eq!(statuses(&after)[3], ("Hand over".to_owned(), "pending".to_owned()), "the VPN task still holds stage 2 back");
        let after = desk.task(&after, "VPN access", json!({"status": "waiting_on_requester"})).await;
        let after = desk.task(&after, "VPN access", json!({"status": "done"})).await;
        assert_eq!(statuses(&after)[3], ("Hand over".to_owned(), "open".to_owned()));
        assert_eq!(after["status"], "in_progress");
        // Fulfilling by hand waits for the last task; the last task fulfils it.
        let early = desk.agent.post(&desk.org.path("/requests/REQ-1/status"), json!({"status": "fulfilled"})).await;
        assert_eq!(expect_problem(early, 409).await["type"], "https://simplicity.dev/problems/open-tasks");
        let done = desk.task(&after, "Hand over", json!({"status": "done"})).await;
        assert_eq!(done["status"], "fulfilled");
        assert!(done["closedAt"].is_string());
        // The requester sees it fulfilled, and was mailed each move.
        let mine: Value = desk.requester.get(&desk.org.path("/requests/REQ-1")).await.json().await.expect("json");
        assert_eq!(mine["status"], "fulfilled");
        let mail = app.mail_to(&desk.requester_email, "is now fulfilled").await;
        assert!(mail.text().contains("REQ-1 Laptop"), "{}", mail.text());
        app.mail_to(&desk.requester_email, "is now in progress").await;
        let timeline: Value = desk.requester.get(&desk.org.path("/requests/REQ-1/timeline")).await.json().await.expect("json");
        let kinds: Vec<&str> = timeline["data"].as_array().expect("data").iter().filter_map(|e| e["kind"].as_str()).collect();
        assert!(kinds.contains(&"approval") && kinds.contains(&"task"), "{kinds:?}");
    }

    async fn a_rejected_request_is_rejected_and_its_requester_told(app: TestApp) {
        let desk = Desk::new(&app, "Reject").await;
        let item = desk.laptop_item(true).await;
        desk.raised(&desk.requester, &item, json!({"kind": "phone"})).await;
        let rejected: Value = desk.approver.post(&desk.org.path("/requests/REQ-1/votes"), json!({"decision": "reject", "comment": "budget"})).await.json().await.expect("json");
        assert_eq!(rejected["status"], "rejected");
        assert!(statuses(&rejected).iter().all(|(_, s)| s == "cancelled" || s == "skipped"), "{:?}", statuses(&rejected));
        let mail = app.mail_to(&desk.requester_email, "is now rejected").await;
        assert_eq!(mail.subject(), "REQ-1 Laptop: rejected");
        // A closed request stays closed.
        let cancel = desk.requester.post(&desk.org.path("/requests/REQ-1/status"), json!({"status": "cancelled"})).await;
        expect_problem(cancel, 409).await;
        // A requester cancels their own open request.
        desk.raised(&desk.requester, &item, json!({"kind": "phone"})).await;
        let cancelled = desk.requester.post(&desk.org.path("/requests/REQ-2/status"), json!({"status": "cancelled"})).await;
        assert_eq!(cancelled.json::<Value>().await.expect("json")["approval"]["status"], "withdrawn");
    }

    async fn requesters_see_the_portal_and_their_own_requests_only(app: TestApp) {
        let desk = Desk::new(&app, "Portal").await;
        let open = desk.laptop_item(false).await;
        // An item for the Hardware team only, and a draft.
        let restricted = desk.item(json!({"name": "Server room key", "form": {"type": "object"}, "audienceTeams": [desk.hardware]})).await;
        desk.org.admin.post(&desk.org.path("/catalog/items"), json!({"name": "Draft", "form": {"type": "object"}})).await;
        let catalog: Value = desk.requester.get(&desk.org.path("/catalog")).await.json().await.expect("json");
        let names: Vec<&str> = catalog["items"].as_array().expect("items").iter().filter_map(|i| i["name"].as_str()).collect();
        assert_eq!(names, ["Quick laptop"]);
        assert!(catalog["items"][0].get("setup").is_none(), "requesters do not see how an item is set up");
        expect_problem(desk.requester.get(&desk.org.path(&format!("/catalog/items/{}", restricted["id"].as_str().expect("id")))).await, 404).await;
        let refused = expect_problem(desk.raise(&desk.requester, &restricted, json!({})).await, 422).await;
        assert_eq!(refused["errors"][0]["field"], "item");
        let agents: Value = desk.agent.get(&desk.org.path("/catalog")).await.json().await.expect("json");
        assert_eq!(agents["items"].as_array().map(Vec::len), Some(2), "the Hardware team's member sees its item");

        let (other, _) = desk.org.add_member(&app, "OtherAsker", json!(["requester"])).await;
        desk.raised(&desk.requester, &open, json!({"kind": "phone"})).await;
        desk.raised(&other, &open, json!({"kind": "phone"})).await;
        // Their own only: the other's is absent, as if it did not exist.
        expect_problem(desk.requester.get(&desk.org.path("/requests/REQ-2")).await, 404).await;
        expect_problem(desk.requester.get(&desk.org.path("/requests/REQ-2/timeline")).await, 404).await;
        expect_problem(desk.requester.post(&desk.org.path("/requests/REQ-2/timeline"), json!({"text": "hi"})).await, 404).await;
        let listed: Value = desk.requester.get(&desk.org.path("/requests")).await.json().await.expect("json");
        let numbers: Vec<&str> = listed["data"].as_array().expect("data").iter().filter_map(|r| r["number"].as_str()).collect();
        assert_eq!(numbers, ["REQ-1"]);
        let note = desk.requester.post(&desk.org.path("/requests/REQ-1/timeline"), json!({"text": "Any news?"})).await;
        assert_eq!(note.status(), 201);
        // Agents see every request.
        let all: Value = desk.agent.get(&desk.org.path("/requests")).await.json().await.expect("json");
        assert_eq!(all["data"].as_array().map(Vec::len), Some(2));
        // Nothing else of the organisation exists for a requester.
        desk.org.admin.post(&desk.org.path("/incidents"), json!({"title": "Outage", "severity": "P1"})).await;
        for path in ["/incidents", "/incidents/1", "/members", "/teams", "/events", "/audit", "/kb/articles", "/requests/tasks", "/catalog/items", "/dashboard"] {
            expect_problem(desk.requester.get(&desk.org.path(path)).await, 404).await;
        }
        expect_problem(desk.requester.post(&desk.org.path("/incidents"), json!({"title": "X", "severity": "P1"})).await, 404).await;
        let org: Value = desk.requester.get(&desk.org.path("")).await.json().await.expect("json");
        assert_eq!(org["features"]["serviceCatalog"], true, "the portal reads the organisation's modules");
        // Portal articles only, and only as published.
        let article = |title: &str, visibility: &str| json!({"title": title, "body": "Reset your VPN password from the portal", "visibility": visibility});
        for (title, visibility) in [("VPN password reset", "portal"), ("VPN server internals", "internal")] {
            let created: Value = desk.org.admin.post(&desk.org.path("/kb/articles"), article(title, visibility)).await.json().await.expect("json");
            let path = desk.org.path(&format!("/kb/articles/{}/status", created["id"].as_str().expect("id")));
            let published = desk.org.admin.http().post(desk.org.admin.url(&path)).header("origin", crate::helpers::PUBLIC_URL)
                .header("if-match", "*").json(&json!({"status": "published"})).send().await.expect("POST");
            assert_eq!(published.status(), 200, "{}", published.text().await.unwrap_or_default());
        }
        let found: Value = desk.requester.get(&desk.org.path("/kb?q=vpn")).await.json().await.expect("json");
        let titles: Vec<&str> = found["data"].as_array().expect("data").iter().filter_map(|h| h["title"].as_str()).collect();
        assert_eq!(titles, ["VPN password reset"]);
        let newest: Value = desk.requester.get(&desk.org.path("/kb")).await.json().await.expect("json");
        assert_eq!(newest["data"].as_array().map(Vec::len), Some(1));
        let agents_find: Value = desk.agent.get(&desk.org.path("/kb?q=vpn")).await.json().await.expect("json");
        assert_eq!(agents_find["data"].as_array().map(Vec::len), Some(2));
        expect_problem(desk.requester.get(&desk.org.path("/kb/articles/KB-2")).await, 404).await;
        let readable: Value = desk.requester.get(&desk.org.path("/kb/articles/KB-1")).await.json().await.expect("json");
        assert_eq!(readable["title"], "VPN password reset");
        expect_problem(desk.requester.post(&desk.org.path("/kb/articles"), article("Mine", "portal")).await, 404).await;
    }

    async fn requesters_take_no_seat_and_are_never_combined(app: TestApp) {
        let org = OrgFixture::new(&app, "Seats").await;
        // Free: 5 seats; the admin and four members fill them.
        for n in 0..4 {
            org.add_member(&app, &format!("Member{n}"), json!(["member"])).await;
        }
        let full = org.admin.post(&org.path("/invites"), json!({"email": "sixth@example.com", "roles": ["member"]})).await;
        expect_problem(full, 402).await;
        let (_, email) = org.add_member(&app, "Asker", json!(["requester"])).await;
        let mixed = org.admin.post(&org.path("/invites"), json!({"email": "both@example.com", "roles": ["requester", "member"]})).await;
        assert_eq!(expect_problem(mixed, 422).await["errors"][0]["field"], "roles");
        // Making the requester a member needs a seat.
        let members: Value = org.admin.get(&org.path("/members")).await.json().await.expect("json");
        let asker = members["data"].as_array().expect("data").iter().find(|m| m["email"] == email.as_str()).expect("asker");
        let promote = org.admin.patch(&org.path(&format!("/members/{}", asker["userId"].as_str().expect("id"))), json!({"roles": ["member"]})).await;
        expect_problem(promote, 402).await;
    }
}

on_both_stores! {
    async fn people_of_the_organisations_domain_join_its_portal_by_themselves(app: TestApp) {
        let org = OrgFixture::new(&app, "Domain").await;
        let signup = org.path("/requester-signup");
        let put = |domain: Value| {
            let request = org.admin.http().put(org.admin.url(&signup)).header("origin", crate::helpers::PUBLIC_URL);
            request.json(&json!({"domain": domain})).send()
        };
        // Only a domain the admin's own confirmed address proves.
        let foreign = put(json!("elsewhere.org")).await.expect("PUT");
        assert_eq!(expect_problem(foreign, 422).await["errors"][0]["field"], "domain");
        let newcomer = app.browser();
        app.sign_up_verified(&newcomer, "Walkin").await;
        let join = format!("/api/orgs/by-slug/{}/join", org.slug);
        expect_problem(newcomer.post(&join, json!({})).await, 404).await;
        let set: Value = put(json!("Example.com")).await.expect("PUT").json().await.expect("json");
        assert_eq!(set["requesterDomain"], "example.com");
        let joined = newcomer.post(&join, json!({})).await;
        assert_eq!(joined.status(), 200, "{}", joined.text().await.unwrap_or_default());
        assert_eq!(newcomer.post(&join, json!({})).await.status(), 200, "joining again changes nothing");
        let me: Value = newcomer.get("/api/me").await.json().await.expect("json");
        let roles = me["memberships"].as_array().expect("memberships").iter().find(|m| m["slug"] == org.slug.as_str()).map(|m| m["roles"].clone());
        assert_eq!(roles, Some(json!(["requester"])));
        expect_problem(newcomer.get(&org.path("/incidents")).await, 404).await;
        // Unconfirmed addresses, and other organisations, are not let in.
        let unconfirmed = app.browser();
        unconfirmed.sign_up("Unconfirmed").await;
        assert_eq!(unconfirmed.post(&join, json!({})).await.status(), 403);
        let other = OrgFixture::new(&app, "Closed").await;
        expect_problem(newcomer.post(&format!("/api/orgs/by-slug/{}/join", other.slug), json!({})).await, 404).await;
        // Stopped: no one new joins.
        put(Value::Null).await.expect("PUT");
        let late = app.browser();
        app.sign_up_verified(&late, "Late").await;
        expect_problem(late.post(&join, json!({})).await, 404).await;
        let audit: Value = org.admin.get(&org.path("/audit")).await.json().await.expect("json");
        assert!(audit["data"].as_array().expect("data").iter().any(|e| e["action"] == "member.joined" && e["summary"]["by"] == "email domain"));
    }
}
