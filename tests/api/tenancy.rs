//! One organisation never sees another's data; and tenant tables cannot be
//! queried without an organisation scope.

use serde_json::{Value, json};

use crate::helpers::{OrgFixture, expect_problem, on_both_stores};

on_both_stores! {
    async fn other_orgs_answer_404_everywhere(app: TestApp) {
        let alice = app.browser();
        app.sign_up_verified(&alice, "Alice").await;
        let org_a = alice.create_org("Alpha").await;
        let bob = app.browser();
        app.sign_up_verified(&bob, "Bob").await;
        let org_b = bob.create_org("Bravo").await;

        let b_id = org_b["id"].as_str().expect("id");
        let b_slug = org_b["slug"].as_str().expect("slug");
        for path in [format!("/api/orgs/{b_id}"), format!("/api/orgs/{b_id}/members"), format!("/api/orgs/by-slug/{b_slug}")] {
            expect_problem(alice.get(&path).await, 404).await;
        }
        // Unknown and malformed ids look the same as other tenants' ids.
        expect_problem(alice.get("/api/orgs/org_nonsense").await, 404).await;
        expect_problem(alice.get(&format!("/api/orgs/{}", simplicity_shared::ids::OrgId::new())).await, 404).await;

        let members: Value = alice.get(&format!("/api/orgs/{}/members", org_a["id"].as_str().expect("id"))).await.json().await.expect("json");
        let names: Vec<&str> = members["data"].as_array().expect("data").iter().filter_map(|m| m["name"].as_str()).collect();
        assert_eq!(names, ["Alice"]);
    }
}

on_both_stores! {
    /// Every org-scoped route in the OpenAPI document, with every method,
    /// tried by a member of another organisation: all 404.
    async fn every_org_route_is_closed_to_other_orgs(app: TestApp) {
        let victim = OrgFixture::new(&app, "Victim").await;
        victim.with_modules(&app, "enterprise", &["knowledgeBase", "problemManagement", "changeManagement", "assetManagement"]).await;
        let article: Value = victim.admin.post(&victim.path("/kb/articles"), json!({"title": "Secret", "body": "b"})).await.json().await.expect("json");
        let invite: Value = victim.admin.post(&victim.path("/invites"), json!({"email": "x@example.com", "roles": ["member"]})).await.json().await.expect("json");
        let victim_me: Value = victim.admin.get("/api/me").await.json().await.expect("json");
        let victim_user = victim_me["user"]["id"].clone();
        let schedule = json!({"name": "S", "definition": {"timeZone": "UTC", "layers": [
            {"name": "L", "rotation": {"type": "daily"}, "startsAt": "2026-01-01T09:00:00", "participants": [victim_user]}]}});
        let schedule: Value = victim.admin.post(&victim.path("/schedules"), schedule).await.json().await.expect("json");
        let policy = json!({"name": "P", "definition": {"levels": [{"targets": [{"type": "user", "id": victim_user}], "delaySeconds": 60}]}});
        let policy: Value = victim.admin.post(&victim.path("/escalation-policies"), policy).await.json().await.expect("json");
        let webhook = json!({"url": format!("http://127.0.0.1:{}/hook", crate::helpers::free_port()), "eventTypes": ["*"]});
        let webhook: Value = victim.admin.post(&victim.path("/webhooks"), webhook).await.json().await.expect("json");
        let slack = json!({"webhookUrl": format!("http://127.0.0.1:{}/slack", crate::helpers::free_port())});
        assert_eq!(victim.admin.send(reqwest::Method::PUT, &victim.path("/integrations/slack"), Some(slack)).await.status(), 204);
        let incident: Value = victim.admin.post(&victim.path("/incidents"), json!({"title": "Secret outage", "severity": "P1"})).await.json().await.expect("json");
        let incident_path = format!("/incidents/{}", incident["id"].as_str().expect("id"));
        let team: Value = victim.admin.post(&victim.path("/teams"), json!({"name": "Secret team", "members": [victim_user]})).await.json().await.expect("json");
        let link: Value = victim.admin.post(&victim.path(&format!("{incident_path}/links")), json!({"relation": "related", "to": article["id"]})).await.json().await.expect("json");
        let problem: Value = victim.admin.post(&victim.path("/problems"), json!({"title": "Secret cause"})).await.json().await.expect("json");
        let change: Value = victim.admin.post(&victim.path("/changes"), json!({"title": "Secret change", "type": "normal"})).await.json().await.expect("json");
        let freeze = json!({"name": "Secret freeze", "window": {"start": "2027-01-01T00:00:00Z", "end": "2027-01-02T00:00:00Z"}});
        let freeze: Value = victim.admin.post(&victim.path("/changes/freezes"), freeze).await.json().await.expect("json");
        let server: Value = victim.admin.post(&victim.path("/assets"), json!({"name": "secret-db", "type": "database"})).await.json().await.expect("json");
        let service: Value = victim.admin.post(&victim.path("/assets"), json!({"name": "secret-svc", "type": "service"})).await.json().await.expect("json");
        let relationship: Value = victim.admin.post(&victim.path(&format!("/assets/{}/relationships", service["id"].as_str().expect("id"))), json!({"relation": "depends_on", "to": server["id"]})).await.json().await.expect("json");
        victim.admin.send(reqwest::Method::PUT, &victim.path("/assets/types/rack"), Some(json!({"name": "Rack", "schema": {}}))).await;
        victim.with_modules(&app, "enterprise", &["serviceCatalog", "requestFulfillment", "slaManagement"]).await;
        let calendar = json!({"name": "Secret hours", "timeZone": "Europe/Berlin", "week": {"monday": [{"from": "09:00", "to": "17:00"}]}});
        let calendar: Value = victim.admin.post(&victim.path("/calendars"), calendar).await.json().await.expect("json");
        let sla_policy = json!({"name": "Secret SLA", "appliesTo": {"record": "incident"}, "targets": {"default": {"resolutionMinutes": 60}}, "calendar": calendar["id"]});
        let sla_policy: Value = victim.admin.post(&victim.path("/sla-policies"), sla_policy).await.json().await.expect("json");
        let category: Value = victim.admin.post(&victim.path("/catalog/categories"), json!({"name": "Secret category"})).await.json().await.expect("json");
        let plan = json!({"stages": [{"tasks": [{"name": "Secret task", "team": team["id"]}]}]});
        let catalog_item: Value = victim.admin.post(&victim.path("/catalog/items"), json!({"name": "Secret item", "form": {"type": "object"}, "fulfilment": plan})).await.json().await.expect("json");
        let catalog_item_id = catalog_item["id"].as_str().expect("catalog item id").to_owned();
        victim.admin.post(&victim.path(&format!("/catalog/items/{catalog_item_id}/status")), json!({"status": "published"})).await;
        let request: Value = victim.admin.post(&victim.path("/requests"), json!({"item": catalog_item_id})).await.json().await.expect("json");
        let external: Value = victim.admin.post(&victim.path(&format!("{incident_path}/external-links")), json!({"system": "jira", "key": "OPS-1", "url": "https://jira.example.com/browse/OPS-1"})).await.json().await.expect("json");
        // The incident's webhook delivery (failing: nothing listens there).
        let mut delivery = Value::Null;
        for _ in 0..100 {
            let list: Value = victim.admin.get(&victim.path("/deliveries")).await.json().await.expect("json");
            if let Some(found) = list["data"].as_array().and_then(|d| d.first()) {
                delivery = found["id"].clone();
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let delivery = delivery.as_str().expect("a delivery").to_owned();
        let attacker = OrgFixture::new(&app, "Attacker").await;
        attacker.with_modules(&app, "enterprise", &["knowledgeBase", "problemManagement", "changeManagement", "assetManagement", "serviceCatalog", "requestFulfillment", "slaManagement"]).await;

        let doc: Value = attacker.admin.get("/api/openapi.json").await.json().await.expect("json");
        let mut tried = 0;
        for (template, operations) in doc["paths"].as_object().expect("paths") {
            if !template.contains("{orgId}") {
                continue;
            }
            let link_id = if template.contains("/external-links/") { &external["id"] } else { &link["id"] };
            let path = template
                .replace("{orgId}", &victim.id)
                .replace("{linkId}", link_id.as_str().expect("a link id"))
                .replace("{userId}", victim_me["user"]["id"].as_str().expect("id"))
                .replace("{articleId}", article["id"].as_str().expect("id"))
                .replace("{inviteId}", invite["id"].as_str().expect("id"))
                .replace("{incidentId}", incident["id"].as_str().expect("id"))
                .replace("{scheduleId}", schedule["id"].as_str().expect("id"))
                .replace("{policyId}", policy["id"].as_str().expect("id"))
                .replace("{webhookId}", webhook["id"].as_str().expect("id"))
                .replace("{deliveryId}", &delivery)
                .replace("{teamId}", team["id"].as_str().expect("team id"))
                .replace("{problemId}", problem["id"].as_str().expect("problem id"))
                .replace("{changeId}", change["id"].as_str().expect("change id"))
                .replace("{freezeId}", freeze["id"].as_str().expect("freeze id"))
                .replace("{itemId}", service["id"].as_str().expect("item id"))
                .replace("{relationshipId}", relationship["id"].as_str().expect("relationship id"))
                .replace("{catalogItemId}", &catalog_item_id)
                .replace("{calendarId}", calendar["id"].as_str().expect("calendar id"))
                .replace("{slaPolicyId}", sla_policy["id"].as_str().expect("SLA policy id"))
                .replace("{categoryId}", category["id"].as_str().expect("category id"))
                .replace("{requestId}", request["id"].as_str().expect("request id"))
                .replace("{taskId}", request["tasks"][0]["id"].as_str().expect("task id"))
                .replace("{version}", "1")
                .replace("{revision}", "1")
                .replace("{typeKey}", "rack")
                .replace("{channel}", "slack");
            assert!(!path.contains('{'), "no id to try for {template}");
            for method in operations.as_object().expect("operations").keys() {
                let method: reqwest::Method = method.to_uppercase().parse().expect("method");
                let response = attacker.admin.send(method.clone(), &path, Some(json!({}))).await;
                assert_eq!(response.status(), 404, "{method} {path} answered {}", response.status());
                tried += 1;
            }
        }
        assert!(tried >= 10, "only {tried} org routes tried");
        // And nothing of the victim's changed: the article is still theirs alone.
        let articles: Value = attacker.admin.get(&attacker.path("/kb/articles")).await.json().await.expect("json");
        assert_eq!(articles["data"], json!([]));
        let still: Value = victim.admin.get(&victim.path("/incidents/1")).await.json().await.expect("json");
        assert_eq!((still["title"].as_str(), still["version"].as_i64()), (Some("Secret outage"), Some(1)));
        let links: Value = victim.admin.get(&victim.path(&format!("{incident_path}/links"))).await.json().await.expect("json");
        assert_eq!(links["data"].as_array().map(Vec::len), Some(1), "the link is still there");
        let timeline: Value = victim.admin.get(&victim.path(&format!("{incident_path}/timeline"))).await.json().await.expect("json");
        assert!(timeline["data"].as_array().expect("data").iter().all(|e| e["kind"] != "note"), "no note was added");
        let integrations: Value = victim.admin.get(&victim.path("/integrations")).await.json().await.expect("json");
        assert_eq!(integrations["data"].as_array().expect("data").iter().filter(|i| i["configured"] == true).count(), 1, "Slack still set up");
        let webhooks: Value = victim.admin.get(&victim.path("/webhooks")).await.json().await.expect("json");
        assert_eq!(webhooks["data"].as_array().expect("data").len(), 1);
        let schedules: Value = victim.admin.get(&victim.path("/schedules")).await.json().await.expect("json");
        assert_eq!(schedules["data"][0]["name"], "S");
        let teams: Value = victim.admin.get(&victim.path("/teams")).await.json().await.expect("json");
        assert_eq!((teams["data"][0]["name"].as_str(), teams["data"][0]["version"].as_i64()), (Some("Secret team"), Some(1)));
        let problem: Value = victim.admin.get(&victim.path("/problems/1")).await.json().await.expect("json");
        assert_eq!((problem["title"].as_str(), problem["version"].as_i64()), (Some("Secret cause"), Some(1)));
        let change: Value = victim.admin.get(&victim.path("/changes/1")).await.json().await.expect("json");
        assert_eq!((change["status"].as_str(), change["version"].as_i64()), (Some("draft"), Some(1)));
        let items: Value = victim.admin.get(&victim.path("/assets")).await.json().await.expect("json");
        assert_eq!(items["data"].as_array().map(Vec::len), Some(2), "the items are still there");
        let relations: Value = victim.admin.get(&victim.path(&format!("/assets/{}/relationships", service["id"].as_str().expect("id")))).await.json().await.expect("json");
        assert_eq!(relations["data"].as_array().map(Vec::len), Some(1), "the relationship is still there");
        let types: Value = victim.admin.get(&victim.path("/assets/types")).await.json().await.expect("json");
        assert!(types["data"].as_array().expect("types").iter().any(|t| t["key"] == "rack"), "the type is still there");
        let freezes: Value = victim.admin.get(&victim.path("/changes/freezes")).await.json().await.expect("json");
        assert_eq!(freezes["data"].as_array().map(Vec::len), Some(1), "the freeze is still there");
        let request: Value = victim.admin.get(&victim.path("/requests/REQ-1")).await.json().await.expect("json");
        assert_eq!((request["status"].as_str(), request["tasks"][0]["status"].as_str(), request["tasks"][0]["assignee"].is_null()), (Some("in_progress"), Some("open"), true));
        let policies: Value = victim.admin.get(&victim.path("/sla-policies")).await.json().await.expect("json");
        assert_eq!((policies["data"][0]["name"].as_str(), policies["data"][0]["version"].as_i64()), (Some("Secret SLA"), Some(1)));
        let catalog: Value = victim.admin.get(&victim.path("/catalog")).await.json().await.expect("json");
        assert_eq!((catalog["categories"][0]["name"].as_str(), catalog["items"][0]["name"].as_str()), (Some("Secret category"), Some("Secret item")));
        // Incident numbers are per organisation: the attacker's own INC-1 is theirs.
        expect_problem(attacker.admin.get(&attacker.path("/incidents/1")).await, 404).await;
    }
}

/// Tenancy by construction: outside `shared/src/store/`, no code names an
/// entity or builds an unscoped query; the store keeps its entities private.
#[test]
fn tenant_tables_are_reachable_only_through_the_org_scoped_store() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("shared/src");
    let store_mod = std::fs::read_to_string(src.join("store/mod.rs")).expect("store/mod.rs");
    assert!(store_mod.contains("\nmod entities;"), "store::entities must stay private");
    assert!(!store_mod.contains("pub use entities") && !store_mod.contains("pub mod entities"));

    let mut offenders = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path != src.join("store") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read");
                for needle in ["entities::", "Entity::find", "EntityTrait", "sea_orm::Database", "DatabaseConnection"] {
                    if text.contains(needle) {
                        offenders.push(format!("{} uses {needle}", path.display()));
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "unscoped database access outside the store:\n{}", offenders.join("\n"));
}
