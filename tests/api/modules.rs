//! Plans decide which modules may be switched on; switched-off modules are absent.

use serde_json::{Value, json};

use crate::helpers::{OrgFixture, expect_problem, on_both_stores};

on_both_stores! {
    async fn modules_follow_switches_and_plans(app: TestApp) {
        let org = OrgFixture::new(&app, "Modules").await;
        // Off: the module's endpoints answer as if absent.
        expect_problem(org.admin.get(&org.path("/kb/articles")).await, 404).await;
        org.enable("knowledgeBase").await;
        assert_eq!(org.admin.get(&org.path("/kb/articles")).await.status(), 200);

        // The free plan does not include problem management: 402 naming the plan that does.
        let refused = org.admin.patch(&org.path("/features"), json!({"problemManagement": true})).await;
        let body = expect_problem(refused, 402).await;
        assert_eq!(body["requiredPlan"], "pro");
        assert!(body["detail"].as_str().unwrap_or_default().contains("pro"), "{body}");
        let bad = org.admin.patch(&org.path("/features"), json!({"incidentManagement": false, "coffee": true})).await;
        let body = expect_problem(bad, 422).await;
        let fields: Vec<&str> = body["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
        assert_eq!(fields, ["coffee", "incidentManagement"]);

        // An operator moves the org to pro; problem management can be switched on.
        let output = app.simplicity(&["org", "set-plan", &org.slug, "pro"]).await;
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        org.enable("problemManagement").await;
        let view: Value = org.admin.get(&org.path("")).await.json().await.expect("json");
        assert_eq!(view["plan"], "pro");
        assert_eq!(view["features"]["problemManagement"], true);

        // Back to free: what the plan lacks is switched off, and the output and audit log say so.
        let output = app.simplicity(&["org", "set-plan", &org.id, "free"]).await;
        assert!(output.status.success());
        assert!(String::from_utf8_lossy(&output.stdout).contains("problemManagement"));
        let view: Value = org.admin.get(&org.path("")).await.json().await.expect("json");
        assert_eq!(view["features"]["problemManagement"], false);
        assert_eq!(view["features"]["knowledgeBase"], true, "modules the plan keeps stay on");
        let audit: Value = org.admin.get(&org.path("/audit?action=org.plan_changed")).await.json().await.expect("json");
        assert_eq!(audit["data"][0]["summary"]["modulesSwitchedOff"], json!(["problemManagement"]));
        assert_eq!(audit["data"][0]["actor"], "system: simplicity org set-plan");
    }
}
