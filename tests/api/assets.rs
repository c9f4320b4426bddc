//! Assets and configuration management: items with schema-checked
//! attributes, the dependency graph and its impact walk (cycles, depth),
//! CSV import (dry run, all-or-nothing, skip-invalid, idempotent, updates)
//! and export, a service paging through its own policy, and what an item's
//! page and a change's conflicts read from the graph.

use serde_json::{Value, json};

use crate::helpers::{OrgFixture, TestApp, expect_problem, on_both_stores};

async fn asset_org(app: &TestApp, name: &str) -> OrgFixture {
    let org = OrgFixture::new(app, name).await;
    org.with_modules(app, "enterprise", &["assetManagement", "changeManagement", "problemManagement"]).await;
    org
}

async fn item(org: &OrgFixture, name: &str, ci_type: &str) -> Value {
    let created = org.admin.post(&org.path("/assets"), json!({"name": name, "type": ci_type})).await;
    assert_eq!(created.status(), 201, "{name}");
    created.json().await.expect("json")
}

async fn relate(org: &OrgFixture, from: &Value, relation: &str, to: &Value) {
    let path = org.path(&format!("/assets/{}/relationships", from["id"].as_str().expect("id")));
    let related = org.admin.post(&path, json!({"relation": relation, "to": to["id"]})).await;
    assert_eq!(related.status(), 201);
}

/// (number, depth, path as numbers) of an impact answer.
fn walked(impact: &Value, numbers: &std::collections::HashMap<String, String>) -> Vec<(String, u64, Vec<String>)> {
    impact["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|n| {
            let path = n["path"]
                .as_array()
                .expect("path")
                .iter()
                .map(|id| numbers[id.as_str().expect("id")].clone())
                .collect();
            (n["item"]["number"].as_str().expect("number").to_owned(), n["depth"].as_u64().expect("depth"), path)
        })
        .collect()
}

async fn import(org: &OrgFixture, query: &str, csv: &str) -> reqwest::Response {
    org.admin
        .http()
        .post(org.admin.url(&org.path(&format!("/assets/import{query}"))))
        .header("origin", crate::helpers::PUBLIC_URL)
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .expect("import")
}

on_both_stores! {
    async fn assets_need_their_module_and_plan(app: TestApp) {
        let org = OrgFixture::new(&app, "Off").await;
        expect_problem(org.admin.get(&org.path("/assets")).await, 404).await;
        let refused = org.admin.patch(&org.path("/features"), json!({"assetManagement": true})).await;
        assert_eq!(expect_problem(refused, 402).await["requiredPlan"], "enterprise");
    }

    async fn attributes_are_checked_against_their_types_schema(app: TestApp) {
        let org = asset_org(&app, "Schema").await;
        let schema = json!({"type": "object", "properties": {"os": {"enum": ["linux", "windows"]}, "cpus": {"type": "integer", "minimum": 1}}, "required": ["os"]});
        let put = org.admin.send(reqwest::Method::PUT, &org.path("/assets/types/server"), Some(json!({"name": "Server", "schema": schema}))).await;
        assert_eq!(put.status(), 200);
        let bad = org.admin.post(&org.path("/assets"), json!({"name": "web-1", "type": "server", "attributes": {"os": "plan9", "cpus": 0}})).await;
        let problem = expect_problem(bad, 422).await;
        let mut fields: Vec<&str> = problem["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["/attributes/cpus", "/attributes/os"]);
        let good = org.admin.post(&org.path("/assets"), json!({"name": "web-1", "type": "server", "attributes": {"os": "linux", "cpus": 4}, "labels": ["Prod"]})).await;
        assert_eq!(good.status(), 201);
        let good: Value = good.json().await.expect("json");
        assert_eq!((good["number"].as_str(), good["status"].as_str(), good["labels"].clone()), (Some("CI-1"), Some("active"), json!(["prod"])));
        // An edit is checked too; a name is unique within its type.
        let edit = org.admin.patch_if_match(&org.path("/assets/1"), "\"1\"", json!({"attributes": {"cpus": 2}})).await;
        assert_eq!(expect_problem(edit, 422).await["errors"][0]["field"], "/attributes");
        let twin = org.admin.post(&org.path("/assets"), json!({"name": "WEB-1", "type": "server", "attributes": {"os": "linux"}})).await;
        assert_eq!(expect_problem(twin, 422).await["errors"][0]["field"], "name");
        // Types and schemas are named when wrong.
        let unknown = org.admin.post(&org.path("/assets"), json!({"name": "x", "type": "spaceship"})).await;
        assert_eq!(expect_problem(unknown, 422).await["errors"][0]["field"], "type");
        let not_a_schema = org.admin.send(reqwest::Method::PUT, &org.path("/assets/types/rack"), Some(json!({"name": "Rack", "schema": {"type": 12}}))).await;
        assert_eq!(expect_problem(not_a_schema, 422).await["errors"][0]["field"], "schema");
        let retire = org.admin.patch_if_match(&org.path("/assets/1"), "*", json!({"status": "retired"})).await;
        assert_eq!(retire.status(), 200);
        let revive = org.admin.patch_if_match(&org.path("/assets/1"), "*", json!({"status": "active"})).await;
        expect_problem(revive, 409).await;
    }

    async fn impact_walks_a_cycle_once_and_stops_at_its_depth(app: TestApp) {
        let org = asset_org(&app, "Impact").await;
        let mut by_letter = std::collections::HashMap::new();
        let mut numbers = std::collections::HashMap::new();
        for letter in ["A", "B", "C", "D", "E"] {
            let created = item(&org, letter, "application").await;
            numbers.insert(created["id"].as_str().expect("id").to_owned(), letter.to_owned());
            by_letter.insert(letter, created);
        }
        // A → B → C → A (a cycle), B → D → E, A → E.
        for (from, to) in [("A", "B"), ("B", "C"), ("C", "A"), ("B", "D"), ("D", "E"), ("A", "E")] {
            relate(&org, &by_letter[from], "depends_on", &by_letter[to]).await;
        }
        let letters: std::collections::HashMap<String, String> = by_letter.iter().map(|(l, v)| (v["number"].as_str().expect("n").to_owned(), (*l).to_owned())).collect();
        let walk = |direction: &'static str, depth: u32| {
            let (org, a, e) = (&org, by_letter["A"].clone(), by_letter["E"].clone());
            async move {
                let start = if direction == "downstream" { a } else { e };
                let path = org.path(&format!("/assets/{}/impact?direction={direction}&depth={depth}", start["id"].as_str().expect("id")));
                let answer: Value = org.admin.get(&path).await.json().await.expect("json");
                answer
            }
        };
        let lettered = |walk: Vec<(String, u64, Vec<String>)>| -> Vec<(String, u64, Vec<String>)> {
            walk.into_iter().map(|(n, d, p)| (letters[&n].clone(), d, p)).collect()
        };
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(lettered(walked(&walk("downstream", 10).await, &numbers)), vec![
            ("B".to_owned(), 1, s(&["A", "B"])),
            ("E".to_owned(), 1, s(&["A", "E"])),
            ("C".to_owned(), 2, s(&["A", "B", "C"])),
            ("D".to_owned(), 2, s(&["A", "B", "D"])),
        ], "every item once, at its shortest depth; A itself not reached again through the cycle");
        assert_eq!(lettered(walked(&walk("downstream", 1).await, &numbers)), vec![
            ("B".to_owned(), 1, s(&["A", "B"])),
            ("E".to_owned(), 1, s(&["A", "E"])),
        ], "the depth limit holds");
        assert_eq!(lettered(walked(&walk("upstream", 10).await, &numbers)), vec![
            ("A".to_owned(), 1, s(&["E", "A"])),
            ("D".to_owned(), 1, s(&["E", "D"])),
            ("B".to_owned(), 2, s(&["E", "D", "B"])),
            ("C".to_owned(), 2, s(&["E", "A", "C"])),
        ]);
        // A hub's answer is bounded: the nearest `limit`, all counted.
        let first_two: Value = org.admin.get(&org.path(&format!("/assets/{}/impact?direction=upstream&limit=2", by_letter["E"]["id"].as_str().expect("id")))).await.json().await.expect("json");
        assert_eq!(first_two["total"], 4);
        assert_eq!(lettered(walked(&first_two, &numbers)).into_iter().map(|(l, d, _)| (l, d)).collect::<Vec<_>>(), vec![("A".to_owned(), 1), ("D".to_owned(), 1)]);
        assert_eq!(expect_problem(org.admin.get(&org.path("/assets/1/impact?limit=0")).await, 422).await["errors"][0]["field"], "limit");
        let bad = org.admin.get(&org.path("/assets/1/impact?depth=99")).await;
        assert_eq!(expect_problem(bad, 422).await["errors"][0]["field"], "depth");
        // Relationships read from both ends.
        let rels: Value = org.admin.get(&org.path(&format!("/assets/{}/relationships", by_letter["E"]["id"].as_str().expect("id")))).await.json().await.expect("json");
        assert!(rels["data"].as_array().expect("data").iter().all(|r| r["relation"] == "used_by" && r["outgoing"] == false));
        let loop_to_self = org.admin.post(&org.path("/assets/1/relationships"), json!({"relation": "depends_on", "to": by_letter["A"]["id"]})).await;
        expect_problem(loop_to_self, 422).await;
        let unknown = org.admin.post(&org.path("/assets/1/relationships"), json!({"relation": "loves", "to": by_letter["B"]["id"]})).await;
        assert_eq!(expect_problem(unknown, 422).await["errors"][0]["field"], "relation");
    }

    async fn a_csv_import_is_checked_row_by_row_and_safe_to_repeat(app: TestApp) {
        let org = asset_org(&app, "Import").await;
        let schema = json!({"type": "object", "properties": {"os": {"enum": ["linux", "windows"]}}});
        org.admin.send(reqwest::Method::PUT, &org.path("/assets/types/server"), Some(json!({"name": "Server", "schema": schema}))).await;
        let header = "externalId,name,type,status,criticality,labels,attr.os,relationships";
        let bad = format!("{header}\nsrv-1,web-1,server,active,high,prod;web,linux,depends_on:db-1\nsrv-2,web-2,server,active,high,prod,plan9,\ndb-1,orders-db,database,active,critical,,,\n");
        // A dry run names the bad row's line and field, and writes nothing.
        let dry = import(&org, "?dryRun=true", &bad).await;
        assert_eq!(dry.status(), 200);
        let dry: Value = dry.json().await.expect("json");
        assert_eq!((dry["dryRun"].as_bool(), dry["written"].as_bool(), dry["rows"].as_u64(), dry["created"].as_u64()), (Some(true), Some(false), Some(3), Some(2)));
        assert_eq!(dry["invalid"], json!([{"line": 3, "field": "/attributes/os", "detail": dry["invalid"][0]["detail"]}]));
        assert_eq!(org.admin.get(&org.path("/assets")).await.json::<Value>().await.expect("json")["data"], json!([]));
        // Without the dry run: all or nothing.
        let refused = import(&org, "", &bad).await;
        assert_eq!(refused.status(), 422);
        assert_eq!(refused.json::<Value>().await.expect("json")["written"], false);
        assert_eq!(org.admin.get(&org.path("/assets")).await.json::<Value>().await.expect("json")["data"], json!([]));
        // Skipping the invalid row writes the rest, relationships too.
        let skipped: Value = import(&org, "?skipInvalid=true", &bad).await.json().await.expect("json");
        assert_eq!((skipped["created"].as_u64(), skipped["relationshipsCreated"].as_u64(), skipped["invalid"].as_array().map(Vec::len)), (Some(2), Some(1), Some(1)));
        // The fixed file: the fixed row is created, the others left alone.
        let fixed = bad.replace("plan9", "windows");
        let again: Value = import(&org, "", &fixed).await.json().await.expect("json");
        assert_eq!((again["created"].as_u64(), again["updated"].as_u64(), again["unchanged"].as_u64(), again["relationshipsCreated"].as_u64()), (Some(1), Some(0), Some(2), Some(0)));
        // The same file once more changes nothing.
        let same: Value = import(&org, "", &fixed).await.json().await.expect("json");
        assert_eq!((same["created"].as_u64(), same["updated"].as_u64(), same["unchanged"].as_u64()), (Some(0), Some(0), Some(3)));
        // An edited file updates in place; a row without an external id
        // reconciles on (type, name).
        let edited = fixed.replace("web-2,server,active,high", "web-2,server,maintenance,high") + ",lb-1,network,active,low,,,depends_on:srv-1\n";
        let updated: Value = import(&org, "", &edited).await.json().await.expect("json");
        assert_eq!((updated["created"].as_u64(), updated["updated"].as_u64(), updated["unchanged"].as_u64(), updated["relationshipsCreated"].as_u64()), (Some(1), Some(1), Some(2), Some(1)));
        let repeat: Value = import(&org, "", &edited).await.json().await.expect("json");
        assert_eq!((repeat["created"].as_u64(), repeat["updated"].as_u64()), (Some(0), Some(0)), "no duplicate for the row without an external id");
        let list: Value = org.admin.get(&org.path("/assets?limit=100")).await.json().await.expect("json");
        assert_eq!(list["data"].as_array().map(Vec::len), Some(4));
        // Export, then import the export: nothing changes.
        let export = org.admin.get(&org.path("/assets/export")).await;
        assert!(export.headers()["content-type"].to_str().expect("ascii").starts_with("text/csv"));
        let exported = export.text().await.expect("csv");
        assert!(exported.starts_with("externalId,name,type,status,criticality,owner,ownerTeam,description,labels,attributes,relationships\n"), "{exported}");
        let round_trip: Value = import(&org, "", &exported).await.json().await.expect("json");
        assert_eq!((round_trip["rows"].as_u64(), round_trip["unchanged"].as_u64(), round_trip["relationshipsCreated"].as_u64(), round_trip["invalid"].clone()), (Some(4), Some(4), Some(0), json!([])), "{exported}");
        // A header without the columns import needs is named.
        let headless: Value = import(&org, "?dryRun=true", "colour\nred\n").await.json().await.expect("json");
        let fields: Vec<&str> = headless["invalid"].as_array().expect("invalid").iter().filter_map(|e| e["field"].as_str()).collect();
        assert!(fields.contains(&"colour") && fields.contains(&"name") && fields.contains(&"type"), "{headless}");
    }

    async fn an_import_longer_than_a_batch_links_forward_and_reconciles_across_batches(app: TestApp) {
        let org = asset_org(&app, "Batches").await;
        // 1,200 rows (batches of 500): row i depends on row i + 700, a
        // later batch's item, by external id; the last rows name the
        // first items by number; a name repeated two batches later is the
        // same item (no duplicate), and a target nobody has is its row's error.
        let mut csv = String::from("externalId,name,type,status,criticality,labels,relationships\n");
        for i in 0..1200 {
            let relationships = match i {
                i if i + 700 < 1200 => format!("depends_on:h-{}", i + 700),
                i if i >= 1190 => format!("runs_on:CI-{}", i - 1189),
                _ => String::new(),
            };
            csv.push_str(&format!("h-{i},host-{i},server,active,low,,{relationships}\n"));
        }
        csv.push_str(",host-3,server,active,low,,\n");
        csv.push_str("h-x,host-x,server,active,low,,depends_on:nowhere\n");
        let dry: Value = import(&org, "?dryRun=true", &csv).await.json().await.expect("json");
        assert_eq!((dry["rows"].as_u64(), dry["created"].as_u64(), dry["updated"].as_u64(), dry["relationshipsCreated"].as_u64()), (Some(1202), Some(1201), Some(0), Some(510)), "{}", dry["invalid"]);
        assert_eq!(dry["unchanged"], 1, "the later row for host-3 is the item the first made");
        assert_eq!(dry["invalid"], json!([{"line": 1203, "field": "relationships", "detail": "no item \"nowhere\""}]));
        let written: Value = import(&org, "?skipInvalid=true", &csv).await.json().await.expect("json");
        assert_eq!((written["created"].as_u64(), written["relationshipsCreated"].as_u64()), (Some(1201), Some(510)));
        let host: Value = org.admin.get(&org.path("/assets/CI-4")).await.json().await.expect("json");
        assert_eq!(host["externalId"], "h-3");
        let impact: Value = org.admin.get(&org.path(&format!("/assets/{}/impact?direction=downstream&depth=1", host["id"].as_str().expect("id")))).await.json().await.expect("json");
        assert_eq!(impact["data"][0]["item"]["externalId"], "h-703", "{impact}");
        // Again: nothing new, whatever batch each row falls in.
        let again: Value = import(&org, "?skipInvalid=true", &csv).await.json().await.expect("json");
        assert_eq!((again["created"].as_u64(), again["updated"].as_u64(), again["unchanged"].as_u64(), again["relationshipsCreated"].as_u64()), (Some(0), Some(0), Some(1202), Some(0)));
    }

    async fn an_item_page_shows_the_records_on_it_and_its_dependencies(app: TestApp) {
        let org = asset_org(&app, "Records").await;
        let service = item(&org, "checkout", "service").await;
        let database = item(&org, "orders-db", "database").await;
        relate(&org, &service, "depends_on", &database).await;
        let incident = org.admin.post(&org.path("/incidents"), json!({"title": "Checkout down", "severity": "P1", "services": [service["id"]]})).await;
        assert_eq!(incident.status(), 201);
        let window = json!({"start": "2027-03-01T22:00:00Z", "end": "2027-03-02T01:00:00Z"});
        let on_database = org.admin.post(&org.path("/changes"), json!({"title": "Vacuum orders-db", "type": "standard", "window": window, "affectedItems": [database["id"]]})).await;
        assert_eq!(on_database.status(), 201);
        let records: Value = org.admin.get(&org.path(&format!("/assets/{}/records", service["id"].as_str().expect("id")))).await.json().await.expect("json");
        assert_eq!(records["incidents"][0]["number"], "INC-1");
        assert_eq!(records["changes"][0]["number"], "CHG-1", "a change on what the service depends on");
        let of_db: Value = org.admin.get(&org.path(&format!("/assets/{}/records", database["id"].as_str().expect("id")))).await.json().await.expect("json");
        assert_eq!(of_db["incidents"], json!([]), "the database does not depend on the service");

        // Conflicts: a change on the service overlaps one on what it depends on.
        org.admin.post(&org.path("/changes/1/submit"), json!({})).await;
        let on_service: Value = org.admin.post(&org.path("/changes"), json!({"title": "Deploy checkout", "type": "normal", "window": window, "affectedItems": [service["id"]]})).await.json().await.expect("json");
        assert_eq!(on_service["conflicts"][0]["number"], "CHG-1");
        assert_eq!(on_service["conflicts"][0]["items"], json!([database["id"]]));
        // Completed, the change shows as recent on the incident's service.
        for status in ["scheduled", "implementing", "completed"] {
            let moved = org.admin.http().post(org.admin.url(&org.path("/changes/1/status"))).header("origin", crate::helpers::PUBLIC_URL)
                .header("if-match", "*").json(&json!({"status": status})).send().await.expect("move");
            assert_eq!(moved.status(), 200, "{status}");
        }
        let recent: Value = org.admin.get(&org.path("/changes/recent?incident=INC-1")).await.json().await.expect("json");
        assert_eq!(recent["data"][0]["number"], "CHG-1");
        // Risk: a change on a critical item is high risk by the default rules.
        org.admin.patch_if_match(&org.path(&format!("/assets/{}", database["id"].as_str().expect("id"))), "*", json!({"criticality": "critical"})).await;
        let risky: Value = org.admin.post(&org.path("/changes"), json!({"title": "Resize orders-db", "type": "normal", "affectedItems": [database["id"]]})).await.json().await.expect("json");
        assert_eq!(risky["risk"], "high");
    }
}
