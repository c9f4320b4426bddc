//! `simplicity demo`: a demo organisation written through the product's own
//! API, which the person it names can sign in to and explore; seeded once.

use serde_json::{Value, json};

use crate::helpers::{Client, on_both_stores};

const EMAIL: &str = "demo@example.com";
const PASSWORD: &str = "violet lantern under seven bridges";

async fn get(client: &Client, path: &str) -> Value {
    let response = client.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.expect("json")
}

fn data(list: &Value) -> &Vec<Value> {
    list["data"].as_array().expect("data")
}

fn said(output: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

on_both_stores! {
    async fn the_demo_is_seeded_through_the_api_once(app: TestApp) {
        let output = app.simplicity(&["demo", "--email", EMAIL, "--password", PASSWORD]).await;
        assert!(output.status.success(), "{}", said(&output));
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains(EMAIL) && stdout.contains("/acme-demo"), "{stdout}");

        // The person it names signs in and finds the organisation, every module on.
        let demo = app.browser();
        let signed_in = demo.post("/api/auth/login", json!({"email": EMAIL, "password": PASSWORD})).await;
        assert_eq!(signed_in.status(), 200);
        let org = get(&demo, "/api/orgs/by-slug/acme-demo").await;
        assert_eq!((org["name"].as_str(), org["plan"].as_str()), (Some("Acme (demo)"), Some("enterprise")));
        assert!(org["features"].as_object().expect("features").values().all(|on| on.as_bool() == Some(true)), "{org}");
        let path = |rest: &str| format!("/api/orgs/{}{rest}", org["id"].as_str().expect("id"));
        let tokens = get(&demo, "/api/me/tokens").await;
        assert_eq!(data(&tokens).len(), 0, "the seeding token is revoked once done");
        let teams = get(&demo, &path("/teams")).await;
        let mut names: Vec<&str> = data(&teams).iter().filter_map(|t| t["name"].as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["Platform", "Service Desk"]);

        // Incidents, each where its moves left it; the P1 under the SLA policy.
        let incidents = get(&demo, &path("/incidents")).await;
        let mut statuses: Vec<(&str, &str)> = data(&incidents)
            .iter()
            .map(|i| (i["reference"].as_str().unwrap_or_default(), i["status"].as_str().unwrap_or_default()))
            .collect();
        statuses.sort_unstable();
        assert_eq!(statuses, [("INC-1", "resolved"), ("INC-2", "acknowledged"), ("INC-3", "investigating"), ("INC-4", "open")]);
        let outage = get(&demo, &path("/incidents/1")).await;
        assert_eq!((outage["title"].as_str(), outage["severity"].as_str()), (Some("Card payments failing"), Some("P1")));
        let clocks = get(&demo, &path("/incidents/1/sla")).await;
        assert!(data(&clocks).iter().all(|c| c["policyName"] == "Incident response") && !data(&clocks).is_empty(), "{clocks}");

        // A known error caused the P1, and a change is on its way to fix it.
        let problems = get(&demo, &path("/problems")).await;
        assert_eq!(data(&problems).len(), 1);
        let problem = get(&demo, &path("/problems/1")).await;
        assert_eq!((problem["status"].as_str(), problem["knownError"].as_bool()), (Some("known_error"), Some(true)));
        assert_eq!(problem["linkedIncidents"][0]["number"], "INC-1");
        assert_eq!(problem["relatedChanges"][0]["number"], "CHG-1");
        let change = get(&demo, &path("/changes/1")).await;
        assert_eq!((change["type"].as_str(), change["status"].as_str()), (Some("normal"), Some("scheduled")), "{change}");

        // The runbook is published; the P1's postmortem waits to be written.
        let articles = get(&demo, &path("/kb/articles")).await;
        let articles = data(&articles);
        assert_eq!(articles.len(), 2, "{articles:?}");
        assert!(articles.iter().any(|a| a["title"] == "Restarting the Payments API" && a["status"] == "published"));
        assert!(articles.iter().any(|a| a["kind"] == "postmortem" && a["incidentId"] == outage["id"]), "{articles:?}");

        // The catalogue offers a laptop, and one has been asked for.
        let items = get(&demo, &path("/catalog/items")).await;
        assert_eq!(data(&items).len(), 1);
        assert_eq!((items["data"][0]["name"].as_str(), items["data"][0]["status"].as_str()), (Some("Laptop"), Some("published")));
        let requests = get(&demo, &path("/requests")).await;
        assert_eq!(data(&requests).len(), 1);

        // The service graph: what the Payments API relies on.
        let assets = get(&demo, &path("/assets?limit=100")).await;
        assert_eq!(data(&assets).len(), 4);
        let payments = data(&assets).iter().find(|a| a["name"] == "Payments API").expect("Payments API");
        let impact = get(&demo, &path(&format!("/assets/{}/impact?direction=downstream", payments["id"].as_str().expect("id")))).await;
        let mut reached: Vec<&str> = data(&impact).iter().filter_map(|n| n["item"]["name"].as_str()).collect();
        reached.sort_unstable();
        assert_eq!(reached, ["orders-db", "web-01"]);

        // Once only: a second run says so and duplicates nothing.
        let again = app.simplicity(&["demo", "--email", EMAIL, "--password", PASSWORD]).await;
        assert!(!again.status.success());
        assert!(said(&again).contains("already seeded"), "{}", said(&again));
        assert_eq!(data(&get(&demo, &path("/incidents")).await).len(), 4);
        let me = get(&demo, "/api/me").await;
        assert_eq!(me["memberships"].as_array().map(Vec::len), Some(1));
    }
}
