//! Teams: admins create, change and delete them; incidents are assigned to
//! them; names are unique within an organisation whatever their case.

use serde_json::{Value, json};

use crate::helpers::{OrgFixture, expect_problem, on_both_stores};

async fn user_id(client: &crate::helpers::Client) -> String {
    let me: Value = client.get("/api/me").await.json().await.expect("json");
    me["user"]["id"].as_str().expect("id").to_owned()
}

on_both_stores! {
    async fn admins_manage_teams_and_everyone_sees_them(app: TestApp) {
        let org = OrgFixture::new(&app, "Teams").await;
        let admin = user_id(&org.admin).await;
        let (member, _) = org.add_member(&app, "Mira", json!(["member"])).await;
        let mira = user_id(&member).await;

        let created = org.admin.post(&org.path("/teams"), json!({"name": "  Platform   SRE ", "lead": mira, "description": "Keeps the lights on"})).await;
        assert_eq!(created.status(), 201);
        let etag = created.headers()["etag"].to_str().expect("etag").to_owned();
        let team: Value = created.json().await.expect("json");
        assert_eq!(team["name"], "Platform SRE");
        assert_eq!(team["lead"], mira);
        assert_eq!(team["members"], json!([mira]), "the lead is on the team");
        assert_eq!(etag, "\"1\"");
        let id = team["id"].as_str().expect("id").to_owned();

        // Names clash whatever their case and spacing.
        let clash = expect_problem(org.admin.post(&org.path("/teams"), json!({"name": "platform sre"})).await, 422).await;
        assert_eq!(clash["errors"][0]["field"], "name");
        // The lead and members must belong to the organisation.
        let stranger = simplicity_shared::ids::UserId::new().to_string();
        let outside = expect_problem(org.admin.post(&org.path("/teams"), json!({"name": "Ghosts", "members": [stranger]})).await, 422).await;
        assert_eq!(outside["errors"][0]["field"], "members");
        let blank = expect_problem(org.admin.post(&org.path("/teams"), json!({"name": "  "})).await, 422).await;
        assert_eq!(blank["errors"][0]["field"], "name");

        // Members see teams but cannot change them.
        let listed: Value = member.get(&org.path("/teams")).await.json().await.expect("json");
        assert_eq!(listed["data"].as_array().map(Vec::len), Some(1));
        expect_problem(member.post(&org.path("/teams"), json!({"name": "Rogue"})).await, 403).await;
        expect_problem(member.patch_if_match(&org.path(&format!("/teams/{id}")), "*", json!({"name": "Mine"})).await, 403).await;

        // Changes need the current version.
        let path = org.path(&format!("/teams/{id}"));
        expect_problem(org.admin.patch(&path, json!({"name": "No precondition"})).await, 428).await;
        let renamed = org.admin.patch_if_match(&path, "\"1\"", json!({"name": "SRE", "members": [admin, mira]})).await;
        assert_eq!(renamed.status(), 200);
        let renamed: Value = renamed.json().await.expect("json");
        assert_eq!((renamed["name"].as_str(), renamed["version"].as_i64()), (Some("SRE"), Some(2)));
        let mut both = vec![admin.clone(), mira.clone()];
        both.sort();
        assert_eq!(renamed["members"], json!(both));
        expect_problem(org.admin.patch_if_match(&path, "\"1\"", json!({"name": "Stale"})).await, 412).await;

        // One member at a time; a lead taken off is no longer lead.
        let off: Value = org.admin.delete(&org.path(&format!("/teams/{id}/members/{mira}"))).await.json().await.expect("json");
        assert_eq!((off["members"].clone(), off["lead"].clone()), (json!([admin]), Value::Null));
        let on = org.admin.send(reqwest::Method::PUT, &org.path(&format!("/teams/{id}/members/{mira}")), None).await;
        assert_eq!(on.status(), 200);
        let on: Value = on.json().await.expect("json");
        assert_eq!(on["members"], json!(both));

        // Leaving the organisation takes a member off its teams.
        assert_eq!(org.admin.delete(&org.path(&format!("/members/{mira}"))).await.status(), 204);
        let after: Value = org.admin.get(&path).await.json().await.expect("json");
        assert_eq!(after["members"], json!([admin]));

        // Every change is audited.
        let audit: Value = org.admin.get(&org.path("/audit?limit=100")).await.json().await.expect("json");
        let actions: Vec<&str> = audit["data"].as_array().expect("data").iter().filter_map(|e| e["action"].as_str()).collect();
        assert!(actions.contains(&"team.created") && actions.contains(&"team.updated"), "{actions:?}");
    }

    async fn incidents_are_assigned_to_teams(app: TestApp) {
        let org = OrgFixture::new(&app, "Assign").await;
        let team: Value = org.admin.post(&org.path("/teams"), json!({"name": "Database"})).await.json().await.expect("json");
        let team_id = team["id"].as_str().expect("id").to_owned();
        let other: Value = org.admin.post(&org.path("/teams"), json!({"name": "Network"})).await.json().await.expect("json");

        let incident: Value = org.admin.post(&org.path("/incidents"), json!({"title": "Replica lag", "severity": "P2", "team": team_id})).await.json().await.expect("json");
        assert_eq!(incident["team"], team_id);
        org.admin.post(&org.path("/incidents"), json!({"title": "Unassigned", "severity": "P3"})).await;
        let filtered: Value = org.admin.get(&org.path(&format!("/incidents?team={team_id}"))).await.json().await.expect("json");
        let titles: Vec<&str> = filtered["data"].as_array().expect("data").iter().filter_map(|i| i["title"].as_str()).collect();
        assert_eq!(titles, ["Replica lag"]);

        // A team of another organisation is not one of these.
        let elsewhere = OrgFixture::new(&app, "Elsewhere").await;
        let foreign: Value = elsewhere.admin.post(&elsewhere.path("/teams"), json!({"name": "Theirs"})).await.json().await.expect("json");
        let refused = expect_problem(org.admin.post(&org.path("/incidents"), json!({"title": "Nope", "severity": "P3", "team": foreign["id"]})).await, 422).await;
        assert_eq!(refused["errors"][0]["field"], "team");

        // Reassigning says so on the timeline.
        let path = org.path("/incidents/1");
        let moved = org.admin.patch_if_match(&path, "\"1\"", json!({"team": other["id"]})).await;
        assert_eq!(moved.status(), 200);
        let moved: Value = moved.json().await.expect("json");
        assert_eq!(moved["team"], other["id"]);
        let timeline: Value = org.admin.get(&format!("{path}/timeline")).await.json().await.expect("json");
        assert!(timeline["data"].as_array().expect("data").iter().any(|e| e["body"] == "Assigned to team Network"), "{timeline}");

        // A team with incidents cannot go; once they are elsewhere it can.
        let other_path = org.path(&format!("/teams/{}", other["id"].as_str().expect("id")));
        let busy = expect_problem(org.admin.delete(&other_path).await, 409).await;
        assert!(busy["detail"].as_str().expect("detail").contains("1 incident"), "{busy}");
        let cleared = org.admin.patch_if_match(&path, "\"2\"", json!({"team": null})).await;
        assert_eq!(cleared.status(), 200);
        assert_eq!(cleared.json::<Value>().await.expect("json")["team"], Value::Null);
        assert_eq!(org.admin.delete(&other_path).await.status(), 204);
        expect_problem(org.admin.get(&other_path).await, 404).await;
    }
}
