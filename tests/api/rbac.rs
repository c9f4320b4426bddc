//! Every role against every guarded action, driven by the permission table
//! itself: a new action without a probe here does not compile.

use serde_json::json;
use simplicity_shared::domain::org::Role;
use simplicity_shared::domain::permissions::Action;

use crate::helpers::{Client, OrgFixture, on_both_stores};

/// What the probes act on.
struct Targets {
    incident: String,
    /// A request whose task is open, and the task.
    request_task: String,
}

/// One request that exercises `action`, checked for 403 (404 for
/// requesters) or success.
async fn probe(client: &Client, org: &OrgFixture, targets: &Targets, action: Action) -> reqwest::Response {
    let incident = &targets.incident;
    let incident_path = org.path(&format!("/incidents/{incident}"));
    match action {
        Action::ViewOrg => client.get(&org.path("")).await,
        Action::ManageMembers => client.get(&org.path("/invites")).await,
        Action::ManageTeams => {
            let name = format!("Probe {}", uuid::Uuid::new_v4().simple());
            client.post(&org.path("/teams"), json!({"name": name})).await
        }
        Action::ManageModules => client.patch(&org.path("/features"), json!({"knowledgeBase": true})).await,
        Action::ViewAudit => client.get(&org.path("/audit")).await,
        Action::ReadKnowledge => client.get(&org.path("/kb/articles")).await,
        Action::WriteKnowledge => {
            client.post(&org.path("/kb/articles"), json!({"title": "Runbook", "body": "# Steps"})).await
        }
        Action::ManageKnowledge => {
            let template = json!({"postmortemTemplate": [{"title": "Summary", "required": true}]});
            client.send(reqwest::Method::PUT, &org.path("/kb/settings"), Some(template)).await
        }
        Action::ViewIncidents => client.get(&org.path("/incidents")).await,
        Action::CreateIncident => {
            client.post(&org.path("/incidents"), json!({"title": "Disk full", "severity": "P3"})).await
        }
        Action::UpdateIncident => client.patch_if_match(&incident_path, "*", json!({"title": "Renamed"})).await,
        Action::ChangeIncidentStatus => {
            client.patch_if_match(&incident_path, "*", json!({"status": "acknowledged"})).await
        }
        Action::AddIncidentNote => client.post(&format!("{incident_path}/timeline"), json!({"text": "Looking"})).await,
        Action::ManageSlaTargets => {
            let targets = json!({"P1": {"acknowledgeSeconds": 600, "resolveSeconds": 7200}});
            client.send(reqwest::Method::PUT, &org.path("/sla-targets"), Some(targets)).await
        }
        Action::ManageBilling => client.get(&org.path("/billing")).await,
        Action::ViewOncall => client.get(&org.path("/schedules")).await,
        Action::ManageOncall => {
            let me: serde_json::Value = client.get("/api/me").await.json().await.expect("json");
            let level = json!({"targets": [{"type": "user", "id": me["user"]["id"]}], "delaySeconds": 60});
            client
                .post(&org.path("/escalation-policies"), json!({"name": "Probe", "definition": {"levels": [level]}}))
                .await
        }
        Action::ManageIntegrations => client.get(&org.path("/integrations")).await,
        Action::ReadProblems => client.get(&org.path("/problems")).await,
        Action::WriteProblems => client.post(&org.path("/problems"), json!({"title": "Disk fills up"})).await,
        Action::ReadChanges => client.get(&org.path("/changes")).await,
        Action::WriteChanges => {
            client.post(&org.path("/changes"), json!({"title": "Bigger disks", "type": "normal"})).await
        }
        Action::ReadAssets => client.get(&org.path("/assets")).await,
        Action::WriteAssets => {
            let name = format!("probe-{}", uuid::Uuid::new_v4().simple());
            client.post(&org.path("/assets"), json!({"name": name, "type": "other"})).await
        }
        Action::ManageAssetTypes => {
            let schema = json!({"name": "Rack", "schema": {"type": "object"}});
            client.send(reqwest::Method::PUT, &org.path("/assets/types/rack"), Some(schema)).await
        }
        Action::UsePortal => client.get(&org.path("/catalog")).await,
        Action::ReadRequests => client.get(&org.path("/requests/tasks")).await,
        Action::WorkRequests => {
            let me: serde_json::Value = client.get("/api/me").await.json().await.expect("json");
            client.patch(&org.path(&targets.request_task), json!({"assignee": me["user"]["id"]})).await
        }
        Action::ManageCatalog => {
            let name = format!("Probe {}", uuid::Uuid::new_v4().simple());
            client.post(&org.path("/catalog/categories"), json!({"name": name})).await
        }
        Action::ManageChangePolicy => {
            let policy: serde_json::Value = client.get(&org.path("/changes/policy")).await.json().await.expect("json");
            let put = client
                .http()
                .put(client.url(&org.path("/changes/policy")))
                .header("origin", crate::helpers::PUBLIC_URL);
            put.header("if-match", "*").json(&policy).send().await.expect("PUT")
        }
    }
}

on_both_stores! {
    async fn every_role_against_every_action(app: TestApp) {
        let org = OrgFixture::new(&app, "Matrix").await;
        org.with_modules(&app, "enterprise", &["knowledgeBase", "problemManagement", "changeManagement", "assetManagement", "serviceCatalog", "requestFulfillment", "slaManagement"]).await;
        let incident: serde_json::Value = org.admin.post(&org.path("/incidents"), json!({"title": "Probe", "severity": "P2"})).await.json().await.expect("json");
        let me: serde_json::Value = org.admin.get("/api/me").await.json().await.expect("json");
        let team: serde_json::Value = org.admin.post(&org.path("/teams"), json!({"name": "Desk", "members": [me["user"]["id"]]})).await.json().await.expect("json");
        let plan = json!({"stages": [{"tasks": [{"name": "Do it", "team": team["id"]}]}]});
        let item: serde_json::Value = org.admin.post(&org.path("/catalog/items"), json!({"name": "Probe item", "form": {"type": "object"}, "fulfilment": plan})).await.json().await.expect("json");
        let item_id = item["id"].as_str().expect("item id");
        org.admin.post(&org.path(&format!("/catalog/items/{item_id}/status")), json!({"status": "published"})).await;
        let request: serde_json::Value = org.admin.post(&org.path("/requests"), json!({"item": item_id})).await.json().await.expect("json");
        let targets = Targets {
            incident: incident["id"].as_str().expect("id").to_owned(),
            request_task: format!("/requests/{}/tasks/{}", request["id"].as_str().expect("request"), request["tasks"][0]["id"].as_str().expect("task")),
        };
        for role in Role::ALL {
            let (client, _) = org.add_member(&app, &format!("Role{}", role.key()), json!([role])).await;
            for action in Action::ALL {
                let response = probe(&client, &org, &targets, *action).await;
                let status = response.status().as_u16();
                if action.allowed_roles().contains(role) {
                    assert!((200..300).contains(&status), "{role} should be allowed {action}, got {status}");
                } else if *role == Role::Requester {
                    // The organisation's inside does not exist for those who only ask.
                    assert_eq!(status, 404, "{role} should not find {action}");
                } else {
                    assert_eq!(status, 403, "{role} should be refused {action}");
                }
            }
        }
    }
}
