//! Knowledge management: an article's lifecycle and revisions (each save
//! kept whole; republishing leaves the old one readable as outdated; line
//! diffs), and search — ranked, with snippets, over published articles,
//! known errors and incident titles, the same on SQLite and PostgreSQL
//! for a fixed corpus, and never across organisations.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::helpers::{Backend, Client, OrgFixture, PUBLIC_URL, TestApp, expect_problem, on_both_stores, spawn_app};
use crate::incidents::set_status;

async fn kb_org(app: &TestApp, name: &str) -> OrgFixture {
    let org = OrgFixture::new(app, name).await;
    org.with_modules(app, "enterprise", &["knowledgeBase", "problemManagement"]).await;
    org
}

async fn post_if_match(client: &Client, path: &str, etag: &str, body: Value) -> reqwest::Response {
    client
        .http()
        .post(client.url(path))
        .header("origin", PUBLIC_URL)
        .header("if-match", etag)
        .json(&body)
        .send()
        .await
        .expect("POST")
}

/// Writes and publishes an article; its number.
async fn publish(org: &OrgFixture, title: &str, body: &str, tags: &[&str]) -> String {
    let created = org.admin.post(&org.path("/kb/articles"), json!({"title": title, "body": body, "tags": tags})).await;
    assert_eq!(created.status(), 201, "{title}");
    let created: Value = created.json().await.expect("json");
    let number = created["number"].as_str().expect("number").to_owned();
    let moved = post_if_match(
        &org.admin,
        &org.path(&format!("/kb/articles/{number}/status")),
        "*",
        json!({"status": "published"}),
    )
    .await;
    assert_eq!(moved.status(), 200, "{title}");
    number
}

async fn search(org: &OrgFixture, query: &str) -> Value {
    let found = org.admin.get(&org.path(&format!("/kb?{query}"))).await;
    assert_eq!(found.status(), 200, "{query}");
    found.json().await.expect("json")
}

fn numbers(found: &Value) -> Vec<String> {
    found["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|hit| hit["number"].as_str().expect("number").to_owned())
        .collect()
}

on_both_stores! {
    async fn knowledge_needs_its_module(app: TestApp) {
        let org = OrgFixture::new(&app, "Off").await;
        expect_problem(org.admin.get(&org.path("/kb?q=disk")).await, 404).await;
        expect_problem(org.admin.get(&org.path("/kb/articles/KB-1/revisions")).await, 404).await;
    }

    async fn every_save_is_a_revision_and_republishing_outdates_the_last(app: TestApp) {
        let org = kb_org(&app, "Revisions").await;
        let created: Value = org.admin.post(&org.path("/kb/articles"), json!({"title": "Rotate the TLS certificate", "body": "Run certbot.\n"})).await.json().await.expect("json");
        assert_eq!((created["status"].as_str(), created["revision"].as_i64(), created["publishedRevision"].clone()), (Some("draft"), Some(1), Value::Null));
        let path = org.path("/kb/articles/KB-1");
        // A draft is not found by search.
        assert_eq!(numbers(&search(&org, "q=certbot").await), Vec::<String>::new());
        let edited = org.admin.patch_if_match(&path, "1", json!({"body": "Run certbot renew.\nReload nginx.\n", "summary": "renew, then reload"})).await;
        assert_eq!(edited.status(), 200);
        let edited: Value = edited.json().await.expect("json");
        assert_eq!((edited["revision"].as_i64(), edited["version"].as_i64()), (Some(2), Some(2)));
        // Tags alone are no new revision.
        let tagged: Value = org.admin.patch_if_match(&path, "2", json!({"tags": ["TLS", "nginx"]})).await.json().await.expect("json");
        assert_eq!((tagged["revision"].as_i64(), tagged["version"].as_i64(), tagged["tags"].clone()), (Some(2), Some(3), json!(["nginx", "tls"])));
        // draft → retired is no move of the lifecycle.
        let refused = post_if_match(&org.admin, &format!("{path}/status"), "3", json!({"status": "retired"})).await;
        assert_eq!(expect_problem(refused, 409).await["detail"], "an article that is draft cannot become retired");
        let stale = post_if_match(&org.admin, &format!("{path}/status"), "1", json!({"status": "published"})).await;
        expect_problem(stale, 412).await;
        let published: Value = post_if_match(&org.admin, &format!("{path}/status"), "3", json!({"status": "published"})).await.json().await.expect("json");
        assert_eq!((published["status"].as_str(), published["publishedRevision"].as_i64()), (Some("published"), Some(2)));
        assert_eq!(numbers(&search(&org, "q=certbot renew").await), ["KB-1"]);
        // Nothing new to publish.
        let again = post_if_match(&org.admin, &format!("{path}/status"), "*", json!({"status": "published"})).await;
        expect_problem(again, 409).await;
        // Edited while published: readers (and search) keep revision 2 until 3 is published.
        let third: Value = org.admin.patch_if_match(&path, "*", json!({"title": "Rotate the TLS certificate (ACME)", "body": "Run certbot renew.\nReload haproxy.\n"})).await.json().await.expect("json");
        assert_eq!((third["status"].as_str(), third["revision"].as_i64(), third["publishedRevision"].as_i64()), (Some("published"), Some(3), Some(2)));
        assert_eq!(numbers(&search(&org, "q=haproxy").await), Vec::<String>::new());
        assert_eq!(numbers(&search(&org, "q=nginx").await), ["KB-1"], "the published text still says nginx");
        post_if_match(&org.admin, &format!("{path}/status"), "*", json!({"status": "published"})).await;
        assert_eq!(numbers(&search(&org, "q=haproxy").await), ["KB-1"]);
        assert_eq!(numbers(&search(&org, "q=nginx&tag=nginx").await), ["KB-1"], "by its tag");
        let revisions: Value = org.admin.get(&format!("{path}/revisions")).await.json().await.expect("json");
        let states: Vec<(i64, &str, &str)> = revisions["data"].as_array().expect("data").iter()
            .map(|r| (r["revision"].as_i64().expect("revision"), r["state"].as_str().expect("state"), r["summary"].as_str().expect("summary")))
            .collect();
        assert_eq!(states, [(3, "published", ""), (2, "outdated", "renew, then reload"), (1, "draft", "created")]);
        let old: Value = org.admin.get(&format!("{path}/revisions/2")).await.json().await.expect("json");
        assert_eq!((old["body"].as_str(), old["state"].as_str()), (Some("Run certbot renew.\nReload nginx.\n"), Some("outdated")));
        let diff: Value = org.admin.get(&format!("{path}/revisions/3/diff")).await.json().await.expect("json");
        assert_eq!(diff["body"], json!([{"op": "equal", "text": "Run certbot renew."}, {"op": "delete", "text": "Reload nginx."}, {"op": "insert", "text": "Reload haproxy."}]));
        assert_eq!(diff["title"], json!([{"op": "delete", "text": "Rotate the TLS certificate"}, {"op": "insert", "text": "Rotate the TLS certificate (ACME)"}]));
        let against_first: Value = org.admin.get(&format!("{path}/revisions/3/diff?against=1")).await.json().await.expect("json");
        assert_eq!((against_first["from"].as_i64(), against_first["body"][0]["op"].as_str()), (Some(1), Some("delete")));
        expect_problem(org.admin.get(&format!("{path}/revisions/9")).await, 404).await;
        // Retired: no longer found, every once-published revision outdated.
        post_if_match(&org.admin, &format!("{path}/status"), "*", json!({"status": "retired"})).await;
        assert_eq!(numbers(&search(&org, "q=haproxy").await), Vec::<String>::new());
        let retired: Value = org.admin.get(&format!("{path}/revisions")).await.json().await.expect("json");
        assert_eq!(retired["data"][0]["state"], "outdated");
    }

    async fn search_finds_known_errors_and_incidents_with_snippets_and_never_another_orgs(app: TestApp) {
        let org = kb_org(&app, "Search").await;
        publish(&org, "Disk full on database hosts", "When the **data volume** fills, writes fail: free space by pruning WAL.", &["postgres"]).await;
        let problem = org.admin.post(&org.path("/problems"), json!({"title": "Replica lag after vacuum", "symptom": "Reads are stale", "workaround": "Point reads at the primary while vacuum runs"})).await;
        assert_eq!(problem.status(), 201);
        let incident = org.admin.post(&org.path("/incidents"), json!({"title": "Vacuum stuck on orders database", "severity": "P2"})).await;
        assert_eq!(incident.status(), 201);
        let found = search(&org, "q=vacuu").await;
        let kinds: BTreeSet<(String, String)> = found["data"].as_array().expect("data").iter()
            .map(|h| (h["kind"].as_str().expect("kind").to_owned(), h["number"].as_str().expect("number").to_owned())).collect();
        assert_eq!(kinds, BTreeSet::from([("known_error".into(), "PRB-1".into()), ("incident".into(), "INC-1".into())]), "{found}");
        // Snippets mark what matched.
        let disk = search(&org, "q=WAL").await;
        let matched: Vec<&str> = disk["data"][0]["snippet"].as_array().expect("snippet").iter()
            .filter(|p| p["match"] == true).map(|p| p["text"].as_str().expect("text")).collect();
        assert_eq!(matched, ["WAL"], "{disk}");
        assert_eq!(numbers(&search(&org, "q=vacuum&kind=incident").await), ["INC-1"]);
        // All the words, or (for suggestions) any, more words first.
        assert_eq!(numbers(&search(&org, "q=vacuum+checkout").await), Vec::<String>::new());
        let any = numbers(&search(&org, "q=vacuum+orders+stuck&match=any").await);
        assert_eq!(any.first().map(String::as_str), Some("INC-1"), "{any:?}");
        assert!(any.contains(&"PRB-1".to_owned()), "{any:?}");
        expect_problem(org.admin.get(&org.path("/kb?q=x&kind=tickets")).await, 422).await;
        // A renamed incident is found by its new title.
        org.admin.patch_if_match(&org.path("/incidents/INC-1"), "*", json!({"title": "Autovacuum stuck on orders"})).await;
        assert_eq!(numbers(&search(&org, "q=autovacuum").await), ["INC-1"]);
        // The newest published articles without a query.
        assert_eq!(numbers(&search(&org, "").await), ["KB-1"]);
        // Another organisation's words find nothing here.
        let other = kb_org(&app, "Other").await;
        publish(&other, "Disk full on the other org", "Secret words: zanzibar", &[]).await;
        assert_eq!(numbers(&search(&org, "q=zanzibar").await), Vec::<String>::new());
        assert_eq!(numbers(&search(&other, "q=zanzibar").await), ["KB-1"]);
        assert_eq!(numbers(&search(&other, "q=vacuum").await), Vec::<String>::new());
    }

    async fn a_postmortem_starts_from_the_incidents_facts_and_needs_its_required_sections(app: TestApp) {
        let org = kb_org(&app, "Postmortems").await;
        let incident: Value = org.admin.post(&org.path("/incidents"), json!({"title": "Checkout down", "severity": "P1"})).await.json().await.expect("json");
        let problem: Value = org.admin.post(&org.path("/problems"), json!({"title": "Connection pool too small", "incidents": [incident["id"]]})).await.json().await.expect("json");
        // Not while the incident is open.
        let early = org.admin.post(&org.path("/kb/postmortems"), json!({"incident": "INC-1"})).await;
        assert_eq!(expect_problem(early, 409).await["detail"], "a postmortem is written once its incident is resolved");
        set_status(&org.admin, &org, &incident, "acknowledged").await;
        set_status(&org.admin, &org, &incident, "resolved").await;
        let timeline: Value = org.admin.get(&org.path("/incidents/INC-1/timeline")).await.json().await.expect("json");
        let written = org.admin.post(&org.path("/kb/postmortems"), json!({"incident": "INC-1"})).await;
        assert_eq!(written.status(), 201);
        let written: Value = written.json().await.expect("json");
        assert_eq!((written["kind"].as_str(), written["status"].as_str(), written["incidentId"].clone(), written["title"].as_str()),
                   (Some("postmortem"), Some("draft"), incident["id"].clone(), Some("Postmortem: INC-1 Checkout down")));
        let body = written["body"].as_str().expect("body");
        assert!(timeline["data"].as_array().expect("timeline").len() >= 3, "{timeline}");
        for entry in timeline["data"].as_array().expect("timeline") {
            assert!(body.contains(entry["body"].as_str().expect("entry")), "the timeline entry {entry} in {body}");
        }
        assert!(body.contains("- Severity: P1") && body.contains("- Time to acknowledge: ") && body.contains("- Time to resolve: "), "{body}");
        assert!(body.contains(&format!("- Linked: {} Connection pool too small", problem["number"].as_str().expect("number"))), "{body}");
        // One per incident; the incident finds it.
        let again = org.admin.post(&org.path("/kb/postmortems"), json!({"incident": incident["id"]})).await;
        assert_eq!(again.status(), 200);
        assert_eq!(again.json::<Value>().await.expect("json")["number"], written["number"]);
        let of: Value = org.admin.get(&org.path("/kb/postmortems/INC-1")).await.json().await.expect("json");
        assert_eq!(of["number"], written["number"]);
        let links: Value = org.admin.get(&org.path("/incidents/INC-1/links")).await.json().await.expect("json");
        assert!(links["data"].as_array().expect("links").iter().any(|l| l["record"]["number"] == written["number"]), "{links}");
        // Publishing with required sections empty names them.
        let path = org.path(&format!("/kb/articles/{}", written["number"].as_str().expect("number")));
        let refused = post_if_match(&org.admin, &format!("{path}/status"), "*", json!({"status": "published"})).await;
        assert_eq!(expect_problem(refused, 409).await["detail"], "a postmortem is published with its required sections written: Summary, Contributing factors empty");
        let filled = body.replacen("## Summary\n\n<!-- to write -->", "## Summary\n\nThe pool ran dry under the sale.", 1)
            .replacen("## Contributing factors\n\n<!-- to write -->", "## Contributing factors\n\nNo load test of the new pool size.", 1);
        org.admin.patch_if_match(&path, "*", json!({"body": filled, "summary": "wrote the summary"})).await;
        let published = post_if_match(&org.admin, &format!("{path}/status"), "*", json!({"status": "published"})).await;
        assert_eq!(published.status(), 200);
        assert_eq!(numbers(&search(&org, "q=pool+dry").await), [written["number"].as_str().expect("number")]);
        expect_problem(org.admin.post(&org.path("/kb/postmortems"), json!({"incident": "INC-99"})).await, 422).await;
    }

    async fn action_items_become_problems_and_changes_and_overdue_ones_are_followed_up(app: TestApp) {
        let org = kb_org(&app, "Actions").await;
        org.enable("changeManagement").await;
        let incident: Value = org.admin.post(&org.path("/incidents"), json!({"title": "Payments down", "severity": "P1"})).await.json().await.expect("json");
        set_status(&org.admin, &org, &incident, "resolved").await;
        let follow_ups: Value = org.admin.get(&org.path("/kb/follow-ups")).await.json().await.expect("json");
        assert_eq!(follow_ups["incidentsWithoutPostmortem"][0]["number"], "INC-1", "{follow_ups}");
        let postmortem: Value = org.admin.post(&org.path("/kb/postmortems"), json!({"incident": "INC-1"})).await.json().await.expect("json");
        let items = org.path(&format!("/kb/articles/{}/action-items", postmortem["number"].as_str().expect("number")));
        let yesterday = (chrono::Utc::now() - chrono::Duration::days(1)).date_naive().to_string();
        let first = org.admin.post(&items, json!({"title": "Alert on pool saturation", "dueOn": yesterday})).await;
        assert_eq!(first.status(), 201);
        let first: Value = first.json().await.expect("json");
        let second: Value = org.admin.post(&items, json!({"title": "Raise the pool size"})).await.json().await.expect("json");
        expect_problem(org.admin.post(&items, json!({"title": ""})).await, 422).await;
        let follow_ups: Value = org.admin.get(&org.path("/kb/follow-ups")).await.json().await.expect("json");
        assert_eq!(follow_ups["overdueActionItems"][0]["item"]["title"], "Alert on pool saturation", "{follow_ups}");
        assert_eq!(follow_ups["overdueActionItems"][0]["articleNumber"], postmortem["number"]);
        // A problem, caused-by linked to the incident and related to the postmortem.
        let promote = |item: &Value| format!("{items}/{}/promote", item["id"].as_str().expect("id"));
        let promoted = org.admin.post(&promote(&first), json!({"to": "problem"})).await;
        assert_eq!(promoted.status(), 201);
        let promoted: Value = promoted.json().await.expect("json");
        let problem_id = promoted["record"].as_str().expect("record").to_owned();
        assert!(problem_id.starts_with("prb_"), "{promoted}");
        let links: Value = org.admin.get(&org.path(&format!("/problems/{problem_id}/links"))).await.json().await.expect("json");
        let linked: BTreeSet<String> = links["data"].as_array().expect("links").iter()
            .map(|l| format!("{} {}", l["relation"].as_str().expect("relation"), l["record"]["number"].as_str().expect("number"))).collect();
        assert_eq!(linked, BTreeSet::from([format!("related {}", postmortem["number"].as_str().expect("number")), "causes INC-1".to_owned()]), "{links}");
        let again = org.admin.post(&promote(&first), json!({"to": "change"})).await;
        assert_eq!(expect_problem(again, 409).await["detail"], format!("this action item already became {problem_id}"));
        // A change, related to the postmortem.
        let change: Value = org.admin.post(&promote(&second), json!({"to": "change"})).await.json().await.expect("json");
        let change_id = change["record"].as_str().expect("record");
        assert!(change_id.starts_with("chg_"), "{change}");
        let change_links: Value = org.admin.get(&org.path(&format!("/changes/{change_id}/links"))).await.json().await.expect("json");
        assert_eq!(change_links["data"][0]["record"]["number"], postmortem["number"]);
        // Done, it is no longer followed up; published, the incident neither.
        let done = org.admin.patch_if_match(&format!("{items}/{}", first["id"].as_str().expect("id")), "2", json!({"status": "done"})).await;
        assert_eq!(done.status(), 200);
        let listed: Value = org.admin.get(&items).await.json().await.expect("json");
        assert_eq!(listed["data"].as_array().map(Vec::len), Some(2));
        let article: Value = org.admin.post(&org.path("/kb/articles"), json!({"title": "Not a postmortem", "body": "b"})).await.json().await.expect("json");
        let refused = org.admin.post(&org.path(&format!("/kb/articles/{}/action-items", article["number"].as_str().expect("number"))), json!({"title": "x"})).await;
        expect_problem(refused, 409).await;
        let follow_ups: Value = org.admin.get(&org.path("/kb/follow-ups")).await.json().await.expect("json");
        assert_eq!(follow_ups["overdueActionItems"], json!([]));
    }

    async fn an_orgs_postmortem_template_decides_the_sections_and_which_are_required(app: TestApp) {
        let org = kb_org(&app, "Template").await;
        let default: Value = org.admin.get(&org.path("/kb/settings")).await.json().await.expect("json");
        assert_eq!(default["postmortemTemplate"][0], json!({"title": "Summary", "required": true}));
        let bad = json!({"postmortemTemplate": [{"title": "Summary"}, {"title": " summary "}, {"title": ""}]});
        let refused = expect_problem(org.admin.send(reqwest::Method::PUT, &org.path("/kb/settings"), Some(bad)).await, 422).await;
        let fields: Vec<&str> = refused["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
        assert_eq!(fields, ["postmortemTemplate[1].title", "postmortemTemplate[2].title"]);
        let template = json!({"postmortemTemplate": [{"title": "Customer impact", "required": true}, {"title": "Timeline"}, {"title": "Follow-ups", "required": true}]});
        let set = org.admin.send(reqwest::Method::PUT, &org.path("/kb/settings"), Some(template)).await;
        assert_eq!(set.status(), 200);
        let (member, _) = org.add_member(&app, "Writer", json!(["member"])).await;
        let forbidden = member.send(reqwest::Method::PUT, &org.path("/kb/settings"), Some(json!({"postmortemTemplate": [{"title": "X"}]}))).await;
        expect_problem(forbidden, 403).await;
        let incident: Value = org.admin.post(&org.path("/incidents"), json!({"title": "Queue backlog", "severity": "P2"})).await.json().await.expect("json");
        set_status(&org.admin, &org, &incident, "resolved").await;
        let written: Value = org.admin.post(&org.path("/kb/postmortems"), json!({"incident": "INC-1"})).await.json().await.expect("json");
        let body = written["body"].as_str().expect("body");
        let headings: Vec<&str> = body.lines().filter_map(|l| l.strip_prefix("## ")).collect();
        assert_eq!(headings, ["Customer impact", "Timeline", "Follow-ups"]);
        let path = org.path(&format!("/kb/articles/{}/status", written["number"].as_str().expect("number")));
        let refused = post_if_match(&org.admin, &path, "*", json!({"status": "published"})).await;
        assert_eq!(expect_problem(refused, 409).await["detail"], "a postmortem is published with its required sections written: Customer impact, Follow-ups empty");
    }

    async fn with_review_on_an_article_is_published_by_its_approval(app: TestApp) {
        let org = kb_org(&app, "Review").await;
        let review = json!({"name": "Editor", "approvers": {"roles": ["admin"]}, "rule": "any"});
        let settings = json!({"postmortemTemplate": [{"title": "Summary", "required": true}], "review": review});
        assert_eq!(org.admin.send(reqwest::Method::PUT, &org.path("/kb/settings"), Some(settings)).await.status(), 200);
        let (writer, _) = org.add_member(&app, "Writer", json!(["member"])).await;
        writer.post(&org.path("/kb/articles"), json!({"title": "Purge the CDN", "body": "Call the purge API.\n"})).await;
        let path = org.path("/kb/articles/KB-1");
        let direct = post_if_match(&writer, &format!("{path}/status"), "*", json!({"status": "published"})).await;
        assert_eq!(expect_problem(direct, 409).await["type"], "https://simplicity.dev/problems/needs-review");
        let submitted: Value = post_if_match(&writer, &format!("{path}/status"), "*", json!({"status": "in_review"})).await.json().await.expect("json");
        assert_eq!(submitted["status"], "in_review");
        let approval: Value = org.admin.get(&format!("{path}/approval")).await.json().await.expect("json");
        assert_eq!(approval["status"], "pending", "{approval}");
        // No one approves their own article.
        expect_problem(writer.post(&format!("{path}/votes"), json!({"decision": "approve"})).await, 403).await;
        let approved: Value = org.admin.post(&format!("{path}/votes"), json!({"decision": "approve", "comment": "Clear."})).await.json().await.expect("json");
        assert_eq!((approved["status"].as_str(), approved["publishedRevision"].as_i64()), (Some("published"), Some(1)));
        assert_eq!(numbers(&search(&org, "q=purge").await), ["KB-1"]);
        // A new revision is reviewed too; readers keep the published one meanwhile.
        writer.patch_if_match(&path, "*", json!({"body": "Call the purge API with the new key.\n"})).await;
        let resubmitted: Value = post_if_match(&writer, &format!("{path}/status"), "*", json!({"status": "in_review"})).await.json().await.expect("json");
        assert_eq!((resubmitted["status"].as_str(), resubmitted["publishedRevision"].as_i64()), (Some("published"), Some(1)));
        let again = post_if_match(&writer, &format!("{path}/status"), "*", json!({"status": "in_review"})).await;
        expect_problem(again, 409).await;
        // Editing meanwhile withdraws the review; rejecting keeps what readers see.
        writer.patch_if_match(&path, "*", json!({"body": "Call the purge API with the newest key.\n"})).await;
        let withdrawn: Value = org.admin.get(&format!("{path}/approval")).await.json().await.expect("json");
        assert_eq!(withdrawn["status"], "withdrawn");
        post_if_match(&writer, &format!("{path}/status"), "*", json!({"status": "in_review"})).await;
        let rejected: Value = org.admin.post(&format!("{path}/votes"), json!({"decision": "reject"})).await.json().await.expect("json");
        assert_eq!((rejected["status"].as_str(), rejected["publishedRevision"].as_i64(), rejected["revision"].as_i64()), (Some("published"), Some(1), Some(3)));
        assert_eq!(numbers(&search(&org, "q=newest").await), Vec::<String>::new());
        // Without reviewers but its author, nothing could approve it: said at once.
        let alone = json!({"postmortemTemplate": [{"title": "Summary"}], "review": {"name": "Editor", "approvers": {"users": [org.admin.get("/api/me").await.json::<Value>().await.expect("me")["user"]["id"]]}, "rule": "any"}});
        org.admin.send(reqwest::Method::PUT, &org.path("/kb/settings"), Some(alone)).await;
        org.admin.post(&org.path("/kb/articles"), json!({"title": "Mine", "body": "b"})).await;
        let unmeetable = post_if_match(&org.admin, &org.path("/kb/articles/KB-2/status"), "*", json!({"status": "in_review"})).await;
        expect_problem(unmeetable, 409).await;
    }
}

/// The fixed corpus: 30 articles of two to seven sentences about
/// operations work, drawn (with repeats) by a fixed sequence, so articles
/// differ in length and in how often they use a word, most queries match
/// more than five, and the ranking decides the top five.
fn corpus() -> Vec<(String, String)> {
    const TITLES: [&str; 10] = [
        "Disk full on database hosts",
        "Certificate expiry on the load balancer",
        "Replica lag during vacuum",
        "Kafka consumer group stuck",
        "DNS resolution failures in the cluster",
        "Memory leak in the payments service",
        "Slow queries after index rebuild",
        "Deploy rollback procedure",
        "Rotating database credentials",
        "Backup restore drill",
    ];
    const SENTENCES: [&str; 12] = [
        "Check free disk space on the data volume and prune old WAL segments.",
        "Renew the certificate with certbot and reload the load balancer.",
        "Replication lag grows while vacuum holds locks on large tables.",
        "Restart the consumer and reset offsets only after checking the lag.",
        "Resolution failures usually come from a crashed DNS pod or a bad upstream.",
        "Heap usage climbs steadily; take a heap dump before restarting the service.",
        "After an index rebuild the planner may need fresh statistics: run analyze.",
        "Roll back by redeploying the previous release tag and watch the error rate.",
        "Credentials rotate through the secrets manager; restart each database client.",
        "Restore last night's backup into staging and compare row counts.",
        "Page the database on-call if the primary stops accepting writes.",
        "Record every step in the incident timeline for the postmortem.",
    ];
    let mut seed: u64 = 7;
    let mut next = move |below: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) % below as u64) as usize
    };
    (0..30)
        .map(|i| {
            let title = format!("{} ({})", TITLES[i % TITLES.len()], ["runbook", "how-to", "reference"][i / 10]);
            let sentences = 2 + next(6);
            let body: Vec<&str> = (0..sentences).map(|_| SENTENCES[next(SENTENCES.len())]).collect();
            (title, body.join(" "))
        })
        .collect()
}

const QUERIES: [&str; 20] = [
    "database",
    "disk",
    "certificate",
    "vacuum lag",
    "restart",
    "restart service",
    "dns",
    "backup",
    "restore",
    "index",
    "rollback",
    "deploy",
    "credentials",
    "heap",
    "consumer",
    "postmortem",
    "writes",
    "rel",
    "data volume",
    "load balancer",
];

/// For each query in order of `QUERIES`: its top five, best first, then
/// every article it matches, sorted.
async fn top_fives(backend: Backend) -> Vec<Vec<String>> {
    let app = spawn_app(backend).await;
    let org = kb_org(&app, "Corpus").await;
    for (title, body) in corpus() {
        publish(&org, &title, &body, &[]).await;
    }
    let mut tops = Vec::new();
    for query in QUERIES {
        let found = search(&org, &format!("q={}&kind=article&limit=5", query.replace(' ', "+"))).await;
        let top = numbers(&found);
        assert!(!top.is_empty(), "{query:?} finds something on {backend:?}");
        tops.push(top);
        let all = search(&org, &format!("q={}&kind=article&limit=100", query.replace(' ', "+"))).await;
        let mut all = numbers(&all);
        all.sort();
        tops.push(all);
    }
    tops
}

/// "The same ranking" on both stores, as two different scoring functions
/// (BM25; PostgreSQL's `ts_rank`, length-normalised) can promise it: for
/// each of 20 fixed queries over the fixed corpus the top five (as sets:
/// close scores may swap places within them) share at least four
/// articles, and at least 15 of the 20 are identical. Both engines find
/// exactly the same articles: the words, stop words and prefixes agree.
#[tokio::test]
async fn search_ranks_a_fixed_corpus_the_same_on_both_stores() {
    let sqlite = top_fives(Backend::Sqlite).await;
    let postgres = top_fives(Backend::Postgres).await;
    let mut identical = 0;
    let (sqlite_tops, postgres_tops) = (sqlite.iter().step_by(2), postgres.iter().step_by(2));
    let (sqlite_all, postgres_all) = (sqlite.iter().skip(1).step_by(2), postgres.iter().skip(1).step_by(2));
    for ((query, s), p) in QUERIES.iter().zip(sqlite_all).zip(postgres_all) {
        assert_eq!(s, p, "{query:?} matches the same articles");
    }
    for ((query, s), p) in QUERIES.iter().zip(sqlite_tops).zip(postgres_tops) {
        let (s_set, p_set): (BTreeSet<&String>, BTreeSet<&String>) = (s.iter().collect(), p.iter().collect());
        let shared = s_set.intersection(&p_set).count();
        assert!(shared >= s.len().min(5) - 1, "{query:?}: top five share {shared} (SQLite {s:?}, PostgreSQL {p:?})");
        identical += usize::from(s_set == p_set);
    }
    assert!(identical >= 15, "{identical} of 20 top fives identical");
}
