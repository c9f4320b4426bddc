//! The audit log: every change recorded, filterable, exportable, and
//! tamper-evident through its hash chain.

use serde_json::{Value, json};

use crate::helpers::{Backend, OrgFixture, expect_problem, on_both_stores};

on_both_stores! {
    async fn changes_are_recorded_paged_and_exported(app: TestApp) {
        let org = OrgFixture::new(&app, "Audited").await;
        org.enable("knowledgeBase").await;
        let (member, member_email) = org.add_member(&app, "Member", json!(["member"])).await;
        for n in 0..3 {
            member.post(&org.path("/kb/articles"), json!({"title": format!("Note {n}"), "body": "b"})).await;
        }
        let all: Value = org.admin.get(&org.path("/audit?limit=200")).await.json().await.expect("json");
        let actions: Vec<&str> = all["data"].as_array().expect("data").iter().filter_map(|e| e["action"].as_str()).collect();
        assert_eq!(actions, ["article.created", "article.created", "article.created", "member.joined", "invite.created", "org.modules_changed", "org.created"]);
        let newest = &all["data"][0];
        assert_eq!(newest["actor"], member_email.as_str());
        assert_eq!(newest["summary"]["title"], "Note 2");
        assert!(newest["requestId"].as_str().is_some_and(|r| !r.is_empty()));
        assert_eq!(newest["ip"], "127.0.0.1");
        let modules = all["data"].as_array().expect("data").iter().find(|e| e["action"] == "org.modules_changed").expect("modules event");
        assert_eq!(modules["summary"]["before"]["knowledgeBase"], false);
        assert_eq!(modules["summary"]["after"]["knowledgeBase"], true);

        // Filters and cursor pages: no gaps, no repeats.
        let by_action: Value = org.admin.get(&org.path("/audit?action=article.created")).await.json().await.expect("json");
        assert_eq!(by_action["data"].as_array().map(Vec::len), Some(3));
        let member_id = newest["actorId"].as_str().expect("actor id");
        let by_actor: Value = org.admin.get(&org.path(&format!("/audit?actor={member_id}"))).await.json().await.expect("json");
        assert_eq!(by_actor["data"].as_array().map(Vec::len), Some(4), "joined + three articles");
        let future: Value = org.admin.get(&org.path("/audit?from=2099-01-01T00:00:00Z")).await.json().await.expect("json");
        assert_eq!(future["data"], json!([]));
        let mut seen = Vec::new();
        let mut path = org.path("/audit?limit=3");
        loop {
            let page: Value = org.admin.get(&path).await.json().await.expect("json");
            seen.extend(page["data"].as_array().expect("data").iter().map(|e| e["seq"].as_i64().expect("seq")));
            match page["nextCursor"].as_str() {
                Some(cursor) => path = org.path(&format!("/audit?limit=3&cursor={cursor}")),
                None => break,
            }
        }
        assert_eq!(seen, (1..=7).rev().collect::<Vec<i64>>());
        let bad = org.admin.get(&org.path("/audit?limit=0")).await;
        assert_eq!(expect_problem(bad, 422).await["errors"][0]["field"], "limit");

        let export = org.admin.get(&org.path("/audit?format=ndjson")).await;
        assert_eq!(export.headers()["content-type"], "application/x-ndjson");
        // Streamed, not built in memory first: no length known up front.
        assert!(export.headers().get("content-length").is_none(), "{:?}", export.headers());
        let lines: Vec<Value> = export.text().await.expect("text").lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
        assert_eq!(lines.len(), 7);

        expect_problem(member.get(&org.path("/audit")).await, 403).await;
    }

    async fn verify_finds_a_row_edited_behind_the_api(app: TestApp) {
        let org = OrgFixture::new(&app, "Tamper").await;
        org.enable("knowledgeBase").await;
        org.admin.post(&org.path("/kb/articles"), json!({"title": "One", "body": "b"})).await;
        org.admin.post(&org.path("/kb/articles"), json!({"title": "Two", "body": "b"})).await;
        let verified: Value = org.admin.get(&org.path("/audit/verify")).await.json().await.expect("json");
        assert_eq!(verified, json!({"valid": true, "checked": 4, "firstBrokenEvent": null, "firstBrokenSeq": null}));

        // Only this organisation's chain has article events.
        let rewrite = "UPDATE audit_events SET target = 'someone-else' WHERE seq = 3 AND action = 'article.created'";
        // The database itself refuses the rewrite…
        assert!(app.execute_sql(rewrite).await.is_err(), "audit rows must not be updatable");
        assert!(app.execute_sql("DELETE FROM audit_events").await.is_err(), "audit rows must not be deletable");
        if app.backend == Backend::Postgres {
            assert!(app.execute_sql("TRUNCATE audit_events").await.is_err(), "the log must not be truncated");
        }
        // …so a tamperer with database access disables the guard first.
        let disable = match app.backend {
            Backend::Sqlite => "DROP TRIGGER audit_events_no_update",
            Backend::Postgres => "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only",
        };
        app.execute_sql(disable).await.expect("disable guard");
        app.execute_sql(rewrite).await.expect("tamper");
        let verified: Value = org.admin.get(&org.path("/audit/verify")).await.json().await.expect("json");
        assert_eq!(verified["valid"], false);
        assert_eq!(verified["checked"], 2);
        assert_eq!(verified["firstBrokenSeq"], 3);
    }
}
