//! Change management: approvals (rules, sequences, teams, self-approval,
//! concurrency), risk, windows, freezes, the calendar and the change
//! failure rate.

use serde_json::{Value, json};

use crate::helpers::{Backend, Client, OrgFixture, TestApp, expect_problem, on_both_stores};

const WINDOW: &str = r#"{"start": "2027-03-01T22:00:00Z", "end": "2027-03-02T01:00:00Z"}"#;

fn window() -> Value {
    serde_json::from_str(WINDOW).expect("window")
}

struct Board {
    org: OrgFixture,
    /// Approvers, with their user ids.
    people: Vec<(Client, Value, String)>,
}

impl Board {
    /// An organisation with change management and `count` members who may approve.
    async fn new(app: &TestApp, name: &str, count: usize) -> Self {
        let org = OrgFixture::new(app, name).await;
        org.with_modules(app, "pro", &["changeManagement", "problemManagement"]).await;
        let mut people = Vec::new();
        for n in 0..count {
            let (client, email) = org.add_member(app, &format!("Approver{n}"), json!(["member"])).await;
            let me: Value = client.get("/api/me").await.json().await.expect("json");
            people.push((client, me["user"]["id"].clone(), email));
        }
        Self { org, people }
    }

    fn id(&self, n: usize) -> Value {
        self.people[n].1.clone()
    }

    async fn set_policy(&self, normal: Value, emergency: Value) {
        let mut policy: Value = self.org.admin.get(&self.org.path("/changes/policy")).await.json().await.expect("json");
        policy["normalApprovals"] = normal;
        policy["emergencyApprovals"] = emergency;
        let put = self.org.admin.http().put(self.org.admin.url(&self.org.path("/changes/policy")));
        let put = put.header("origin", crate::helpers::PUBLIC_URL).header("if-match", "*").json(&policy);
        let response = put.send().await.expect("PUT");
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap_or_default());
    }

    /// A change raised by the admin; returns its number.
    async fn change(&self, body: Value) -> i64 {
        let created = self.org.admin.post(&self.org.path("/changes"), body).await;
        assert_eq!(created.status(), 201);
        created.json::<Value>().await.expect("json")["number"].as_str().expect("number")[4..].parse().expect("n")
    }

    async fn submit(&self, number: i64) -> Value {
        let submitted = self.org.admin.post(&self.org.path(&format!("/changes/{number}/submit")), json!({})).await;
        assert_eq!(submitted.status(), 200, "{}", submitted.text().await.unwrap_or_default());
        submitted.json().await.expect("json")
    }

    async fn vote(&self, who: usize, number: i64, decision: &str) -> reqwest::Response {
        let path = self.org.path(&format!("/changes/{number}/votes"));
        self.people[who].0.post(&path, json!({"decision": decision, "comment": format!("{decision} by {who}")})).await
    }

    /// Votes and returns the change's status after the vote.
    async fn voted(&self, who: usize, number: i64, decision: &str) -> String {
        let response = self.vote(who, number, decision).await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap_or_default());
        response.json::<Value>().await.expect("json")["status"].as_str().expect("status").to_owned()
    }

    async fn get(&self, number: i64) -> Value {
        self.org.admin.get(&self.org.path(&format!("/changes/{number}"))).await.json().await.expect("json")
    }

    async fn move_to(&self, number: i64, status: &str) -> reqwest::Response {
        let path = self.org.path(&format!("/changes/{number}/status"));
        let request = self.org.admin.http().post(self.org.admin.url(&path));
        let request = request.header("origin", crate::helpers::PUBLIC_URL).header("if-match", "*");
        request.json(&json!({"status": status})).send().await.expect("POST")
    }
}

fn step(name: &str, approvers: Value, rule: Value) -> Value {
    let mut step = json!({"name": name, "approvers": approvers});
    step.as_object_mut().expect("object").extend(rule.as_object().cloned().unwrap_or_default());
    step
}

on_both_stores! {
    async fn changes_are_off_until_switched_on(app: TestApp) {
        let org = OrgFixture::new(&app, "Off").await;
        expect_problem(org.admin.get(&org.path("/changes")).await, 404).await;
        expect_problem(org.admin.post(&org.path("/changes"), json!({"title": "X", "type": "normal"})).await, 404).await;
        let refused = org.admin.patch(&org.path("/features"), json!({"changeManagement": true})).await;
        assert_eq!(expect_problem(refused, 402).await["requiredPlan"], "pro");
    }

    async fn a_normal_change_waits_for_its_board_and_a_standard_one_does_not(app: TestApp) {
        let board = Board::new(&app, "Board", 1).await;
        board.set_policy(json!([step("CAB", json!({"users": [board.id(0)]}), json!({"rule": "any"}))]), json!([])).await;
        let number = board.change(json!({"title": "Upgrade PostgreSQL", "type": "normal", "backoutPlan": "Restore the snapshot"})).await;
        let draft = board.get(number).await;
        assert_eq!((draft["number"].as_str(), draft["status"].as_str(), draft["approvalStatus"].is_null()), (Some("CHG-1"), Some("draft"), true));

        let submitted = board.submit(number).await;
        assert_eq!(submitted["status"], "awaiting_approval");
        assert_eq!(submitted["approvalStatus"], "pending");
        assert_eq!(submitted["approval"]["pendingApprovers"], json!([board.id(0)]));
        // The approver is asked, and finds it waiting on them.
        let asked = app.mail_to(&board.people[0].2, "waits for your approval").await;
        assert_eq!(asked.subject(), "Approval needed: CHG-1 Upgrade PostgreSQL");
        let waiting: Value = board.people[0].0.get(&board.org.path("/changes/awaiting-my-approval")).await.json().await.expect("json");
        assert_eq!(waiting["data"][0]["number"], "CHG-1");
        let none: Value = board.org.admin.get(&board.org.path("/changes/awaiting-my-approval")).await.json().await.expect("json");
        assert_eq!(none["data"], json!([]));
        // Approvals are not a move anyone makes by hand.
        let by_hand = board.move_to(number, "approved").await;
        assert_eq!(expect_problem(by_hand, 409).await["type"], "https://simplicity.dev/problems/decided-by-approvals");

        assert_eq!(board.voted(0, number, "approve").await, "approved");
        let approved = board.get(number).await;
        assert_eq!(approved["approvalStatus"], "approved");
        assert_eq!(approved["approval"]["steps"][0]["votes"][0]["comment"], "approve by 0");
        let timeline: Value = board.org.admin.get(&board.org.path("/changes/1/timeline")).await.json().await.expect("json");
        let approvals: Vec<&str> = timeline["data"].as_array().expect("data").iter().filter(|e| e["kind"] == "approval").filter_map(|e| e["body"].as_str()).collect();
        assert_eq!(approvals.len(), 1, "the vote is on the timeline");
        let audit: Value = board.org.admin.get(&board.org.path("/audit?action=change.voted")).await.json().await.expect("json");
        assert_eq!(audit["data"].as_array().map(Vec::len), Some(1), "and in the audit log");

        // Scheduling needs a window; then the calendar shows it.
        assert_eq!(expect_problem(board.move_to(number, "scheduled").await, 422).await["errors"][0]["field"], "window");
        let edit = board.org.admin.patch_if_match(&board.org.path("/changes/1"), "*", json!({"window": window()})).await;
        assert_eq!(edit.status(), 200);
        assert_eq!(board.move_to(number, "scheduled").await.status(), 200);
        let calendar: Value = board.org.admin.get(&board.org.path("/changes?from=2027-03-01T00:00:00Z&to=2027-03-08T00:00:00Z")).await.json().await.expect("json");
        assert_eq!(calendar["data"][0]["number"], "CHG-1");
        let elsewhere: Value = board.org.admin.get(&board.org.path("/changes?from=2027-04-01T00:00:00Z&to=2027-04-08T00:00:00Z")).await.json().await.expect("json");
        assert_eq!(elsewhere["data"], json!([]));

        // A standard change is pre-approved.
        let standard = board.change(json!({"title": "Rotate TLS certificate", "type": "standard"})).await;
        let submitted = board.submit(standard).await;
        assert_eq!((submitted["status"].as_str(), submitted["approvalStatus"].as_str()), (Some("approved"), Some("approved")));
    }

    async fn approval_rules_decide_as_soon_as_the_votes_do(app: TestApp) {
        let board = Board::new(&app, "Rules", 3).await;
        let everyone = json!({"users": [board.id(0), board.id(1), board.id(2)]});
        let decide = |rule: Value, votes: &'static [(usize, &'static str, &'static str)]| {
            let (board, everyone) = (&board, everyone.clone());
            async move {
                board.set_policy(json!([step("CAB", everyone, rule)]), json!([])).await;
                let number = board.change(json!({"title": "Change", "type": "normal"})).await;
                board.submit(number).await;
                for (who, decision, status_after) in votes {
                    assert_eq!(board.voted(*who, number, decision).await, *status_after, "after {who} voted {decision}");
                }
            }
        };
        decide(json!({"rule": "any"}), &[(0, "approve", "approved")]).await;
        decide(json!({"rule": "all"}), &[(0, "approve", "awaiting_approval"), (1, "reject", "rejected")]).await;
        decide(json!({"rule": "all"}), &[(0, "approve", "awaiting_approval"), (1, "approve", "awaiting_approval"), (2, "approve", "approved")]).await;
        decide(json!({"rule": "count", "count": 2}), &[(0, "reject", "awaiting_approval"), (1, "reject", "rejected")]).await;
        decide(json!({"rule": "count", "count": 2}), &[(0, "reject", "awaiting_approval"), (1, "approve", "awaiting_approval"), (2, "approve", "approved")]).await;
        // 60 % of three is two.
        decide(json!({"rule": "percent", "percent": 60}), &[(0, "approve", "awaiting_approval"), (1, "approve", "approved")]).await;
        decide(json!({"rule": "percent", "percent": 60}), &[(0, "reject", "awaiting_approval"), (1, "reject", "rejected")]).await;
        // A rejected change goes back to draft for rework, and can be submitted again.
        let rejected = board.get(7).await;
        assert_eq!(rejected["approvalStatus"], "rejected");
        assert_eq!(board.move_to(7, "draft").await.status(), 200);
        assert_eq!(board.submit(7).await["approval"]["steps"][0]["votes"], json!([]), "a new approval");
        // A bad rule is named.
        let mut policy: Value = board.org.admin.get(&board.org.path("/changes/policy")).await.json().await.expect("json");
        policy["normalApprovals"] = json!([step("CAB", json!({"users": [board.id(0)]}), json!({"rule": "count", "count": 2}))]);
        let put = board.org.admin.http().put(board.org.admin.url(&board.org.path("/changes/policy")))
            .header("origin", crate::helpers::PUBLIC_URL).header("if-match", "*").json(&policy).send().await.expect("PUT");
        assert_eq!(expect_problem(put, 422).await["errors"][0]["field"], "normalApprovals[0].count");
    }

    async fn steps_run_in_sequence_and_teams_approve(app: TestApp) {
        let board = Board::new(&app, "Sequence", 3).await;
        let team: Value = board.org.admin.post(&board.org.path("/teams"), json!({"name": "DBAs", "members": [board.id(1), board.id(2)]})).await.json().await.expect("json");
        board.set_policy(json!([
            step("Service owner", json!({"users": [board.id(0)]}), json!({"rule": "any"})),
            step("DBAs", json!({"teams": [team["id"]]}), json!({"rule": "all"})),
        ]), json!([])).await;
        let number = board.change(json!({"title": "Add an index", "type": "normal"})).await;
        board.submit(number).await;
        // The second step's approvers cannot vote before it opens.
        let early = board.vote(1, number, "approve").await;
        assert!(expect_problem(early, 403).await["detail"].as_str().unwrap_or_default().contains("not an approver"));
        assert_eq!(board.voted(0, number, "approve").await, "awaiting_approval");
        let after_first = board.get(number).await;
        assert_eq!(after_first["approval"]["currentStep"], 1);
        assert_eq!(after_first["approval"]["steps"][0]["status"], "approved");
        let mut pending = after_first["approval"]["pendingApprovers"].as_array().expect("pending").clone();
        pending.sort_by_key(|v| v.as_str().unwrap_or_default().to_owned());
        let mut team_members = vec![board.id(1), board.id(2)];
        team_members.sort_by_key(|v| v.as_str().unwrap_or_default().to_owned());
        assert_eq!(pending, team_members);
        // The team's members are asked once the step opens.
        app.mail_to(&board.people[1].2, "step \"DBAs\"").await;
        assert_eq!(board.voted(1, number, "approve").await, "awaiting_approval");
        assert_eq!(board.voted(2, number, "approve").await, "approved");
        let again = board.vote(2, number, "approve").await;
        expect_problem(again, 409).await;
    }

    async fn no_one_approves_their_own_change(app: TestApp) {
        let board = Board::new(&app, "Own", 1).await;
        let admin_me: Value = board.org.admin.get("/api/me").await.json().await.expect("json");
        let admin_id = admin_me["user"]["id"].clone();
        // The admin is an approver, but raised the change: the other approver decides.
        board.set_policy(json!([step("CAB", json!({"users": [admin_id, board.id(0)]}), json!({"rule": "all"}))]), json!([])).await;
        let number = board.change(json!({"title": "Mine", "type": "normal"})).await;
        let submitted = board.submit(number).await;
        assert_eq!(submitted["approval"]["steps"][0]["approvers"], json!([board.id(0)]));
        let own = board.org.admin.post(&board.org.path(&format!("/changes/{number}/votes")), json!({"decision": "approve"})).await;
        let problem = expect_problem(own, 403).await;
        assert!(problem["detail"].as_str().unwrap_or_default().contains("no one approves their own change"), "{problem}");
        assert_eq!(board.voted(0, number, "approve").await, "approved");
        // A step only the requester could approve cannot be met: the submission says so.
        board.set_policy(json!([step("Me", json!({"users": [admin_id]}), json!({"rule": "any"}))]), json!([])).await;
        let lonely = board.change(json!({"title": "Lonely", "type": "normal"})).await;
        let refused = board.org.admin.post(&board.org.path(&format!("/changes/{lonely}/submit")), json!({})).await;
        let problem = expect_problem(refused, 409).await;
        assert!(problem["detail"].as_str().unwrap_or_default().contains("step \"Me\" needs 1 approval(s) but has 0"), "{problem}");
        assert_eq!(board.get(lonely).await["status"], "draft", "nothing half-written");
    }

    async fn emergency_changes_go_to_their_own_board(app: TestApp) {
        let board = Board::new(&app, "Emergency", 2).await;
        board.set_policy(
            json!([step("CAB", json!({"users": [board.id(0), board.id(1)]}), json!({"rule": "all"}))]),
            json!([step("ECAB", json!({"users": [board.id(1)]}), json!({"rule": "any"}))]),
        ).await;
        let number = board.change(json!({"title": "Hotfix", "type": "emergency"})).await;
        let submitted = board.submit(number).await;
        assert_eq!(submitted["approval"]["steps"][0]["name"], "ECAB");
        assert_eq!(submitted["risk"], "high", "emergency changes are high risk by the default rules");
        assert_eq!(board.voted(1, number, "approve").await, "approved");
    }

    async fn risk_is_the_higher_of_the_rules_and_the_questionnaire(app: TestApp) {
        let board = Board::new(&app, "Risk", 0).await;
        let mut policy: Value = board.org.admin.get(&board.org.path("/changes/policy")).await.json().await.expect("json");
        policy["riskQuestions"] = json!([
            {"key": "downtime", "text": "Downtime?", "answers": [{"key": "none", "text": "None", "weight": 0}, {"key": "hours", "text": "Hours", "weight": 8}]},
            {"key": "rollback", "text": "Rollback tested?", "answers": [{"key": "yes", "text": "Yes", "weight": 0}, {"key": "no", "text": "No", "weight": 4}]},
        ]);
        policy["riskThresholds"] = json!({"medium": 4, "high": 10});
        let put = board.org.admin.http().put(board.org.admin.url(&board.org.path("/changes/policy")))
            .header("origin", crate::helpers::PUBLIC_URL).header("if-match", "\"0\"").json(&policy).send().await.expect("PUT");
        assert_eq!(put.status(), 200);
        assert_eq!(put.headers()["etag"], "\"1\"");
        let risk = |body: Value| {
            let org = &board.org;
            async move {
                let created: Value = org.admin.post(&org.path("/changes"), body).await.json().await.expect("json");
                (created["risk"].as_str().expect("risk").to_owned(), created["riskScore"].as_u64().expect("score"))
            }
        };
        assert_eq!(risk(json!({"title": "A", "type": "normal", "riskAnswers": {"downtime": "none", "rollback": "yes"}})).await, ("low".to_owned(), 0));
        assert_eq!(risk(json!({"title": "B", "type": "normal", "riskAnswers": {"rollback": "no"}})).await, ("medium".to_owned(), 4));
        assert_eq!(risk(json!({"title": "C", "type": "normal", "riskAnswers": {"downtime": "hours", "rollback": "no"}})).await, ("high".to_owned(), 12));
        assert_eq!(risk(json!({"title": "D", "type": "emergency", "riskAnswers": {"downtime": "none"}})).await, ("high".to_owned(), 0));
        let unknown = board.org.admin.post(&board.org.path("/changes"), json!({"title": "E", "type": "normal", "riskAnswers": {"colour": "red"}})).await;
        assert_eq!(expect_problem(unknown, 422).await["errors"][0]["field"], "riskAnswers.colour");
        // Answers edited later: assessed again.
        let edited: Value = board.org.admin.patch_if_match(&board.org.path("/changes/1"), "*", json!({"riskAnswers": {"downtime": "hours"}})).await.json().await.expect("json");
        assert_eq!((edited["risk"].as_str(), edited["riskScore"].as_u64()), (Some("medium"), Some(8)));
        // A stale policy version is refused.
        let stale = board.org.admin.http().put(board.org.admin.url(&board.org.path("/changes/policy")))
            .header("origin", crate::helpers::PUBLIC_URL).header("if-match", "\"0\"").json(&policy).send().await.expect("PUT");
        expect_problem(stale, 412).await;
    }

    async fn windows_are_checked(app: TestApp) {
        let board = Board::new(&app, "Windows", 0).await;
        let backwards = json!({"title": "X", "type": "normal", "window": {"start": "2027-03-02T00:00:00Z", "end": "2027-03-01T00:00:00Z"}});
        assert_eq!(expect_problem(board.org.admin.post(&board.org.path("/changes"), backwards).await, 422).await["errors"][0]["field"], "window.end");
        let long = json!({"title": "X", "type": "normal", "window": {"start": "2027-03-01T00:00:00Z", "end": "2027-05-01T00:00:00Z"}});
        assert_eq!(expect_problem(board.org.admin.post(&board.org.path("/changes"), long).await, 422).await["errors"][0]["field"], "window.end");
        let zoned = json!({"title": "X", "type": "normal", "window": {"start": "2027-03-01T23:00:00+01:00", "end": "2027-03-02T02:00:00+01:00"}});
        let created: Value = board.org.admin.post(&board.org.path("/changes"), zoned).await.json().await.expect("json");
        assert_eq!(created["window"], json!({"start": "2027-03-01T22:00:00Z", "end": "2027-03-02T01:00:00Z"}), "stored and shown in UTC");
    }

    async fn freezes_refuse_scheduling_but_not_emergencies(app: TestApp) {
        let board = Board::new(&app, "Freeze", 0).await;
        let freeze = json!({"name": "Quarter close", "window": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-05T00:00:00Z"}});
        let freeze = board.org.admin.post(&board.org.path("/changes/freezes"), freeze).await;
        assert_eq!(freeze.status(), 201);
        let normal = board.change(json!({"title": "Resize", "type": "standard", "window": window()})).await;
        board.submit(normal).await;
        let refused = expect_problem(board.move_to(normal, "scheduled").await, 409).await;
        assert_eq!(refused["type"], "https://simplicity.dev/problems/change-freeze");
        assert!(refused["detail"].as_str().unwrap_or_default().contains("\"Quarter close\""), "{refused}");
        assert_eq!(board.get(normal).await["status"], "approved");
        let emergency = board.change(json!({"title": "Patch a hole", "type": "emergency", "window": window()})).await;
        board.submit(emergency).await;
        assert_eq!(board.move_to(emergency, "scheduled").await.status(), 200, "emergencies may go ahead");
        let listed: Value = board.org.admin.get(&board.org.path("/changes/freezes?from=2027-03-01T00:00:00Z&to=2027-03-31T00:00:00Z")).await.json().await.expect("json");
        assert_eq!(listed["data"][0]["name"], "Quarter close");
        // Members may not declare freezes.
        let (member, _) = board.org.add_member(&app, "Member", json!(["member"])).await;
        let refused = member.post(&board.org.path("/changes/freezes"), json!({"name": "Mine", "window": window()})).await;
        expect_problem(refused, 403).await;
    }

    async fn the_change_failure_rate_counts_changes_that_caused_incidents(app: TestApp) {
        let board = Board::new(&app, "Rate", 0).await;
        for n in 1..=5 {
            let number = board.change(json!({"title": format!("Change {n}"), "type": "standard", "window": window()})).await;
            board.submit(number).await;
            for status in ["scheduled", "implementing", if n <= 3 { "completed" } else { "failed" }] {
                assert_eq!(board.move_to(number, status).await.status(), 200, "{status}");
            }
        }
        // One completed and one failed change each caused an incident.
        for number in [2, 5] {
            let opened = board.org.admin.post(&board.org.path(&format!("/changes/{number}/incidents")), json!({"severity": "P2"})).await;
            assert_eq!(opened.status(), 201);
            let incident: Value = opened.json().await.expect("json");
            assert_eq!(incident["title"], format!("Caused by CHG-{number}: Change {number}"));
        }
        // A sixth, never finished, does not count.
        board.change(json!({"title": "Pending", "type": "normal"})).await;
        let rate: Value = board.org.admin.get(&board.org.path("/changes/failure-rate")).await.json().await.expect("json");
        assert_eq!((rate["finished"].as_u64(), rate["causedIncidents"].as_u64()), (Some(5), Some(2)));
        assert!((rate["rate"].as_f64().expect("rate") - 0.4).abs() < 1e-9);
        let links: Value = board.org.admin.get(&board.org.path("/changes/2/links")).await.json().await.expect("json");
        assert_eq!((links["data"][0]["relation"].as_str(), links["data"][0]["record"]["number"].as_str()), (Some("causes"), Some("INC-1")));
        let before: Value = board.org.admin.get(&board.org.path("/changes/failure-rate?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z")).await.json().await.expect("json");
        assert_eq!((before["finished"].as_u64(), before["rate"].is_null()), (Some(0), true));
    }

    async fn changes_relate_to_problems_both_ways(app: TestApp) {
        let board = Board::new(&app, "Related", 0).await;
        let problem: Value = board.org.admin.post(&board.org.path("/problems"), json!({"title": "Slow disks"})).await.json().await.expect("json");
        let created: Value = board.org.admin.post(&board.org.path("/changes"), json!({"title": "Faster disks", "type": "normal", "relatedProblems": [problem["id"]]})).await.json().await.expect("json");
        assert_eq!(created["relatedProblems"][0]["number"], "PRB-1");
        let problem: Value = board.org.admin.get(&board.org.path("/problems/1")).await.json().await.expect("json");
        assert_eq!(problem["relatedChanges"][0]["number"], "CHG-1");
        let unknown = board.org.admin.post(&board.org.path("/changes"), json!({"title": "X", "type": "normal", "relatedProblems": [simplicity_shared::ids::ProblemId::new()]})).await;
        assert_eq!(expect_problem(unknown, 422).await["errors"][0]["field"], "relatedProblems");
    }
}

/// Votes cast at the same moment reach one outcome (PostgreSQL, where they
/// really run at once): the change is approved once.
#[tokio::test]
async fn concurrent_votes_give_one_outcome() {
    let app = crate::helpers::spawn_app(Backend::Postgres).await;
    let board = Board::new(&app, "Race", 3).await;
    let everyone = json!({"users": [board.id(0), board.id(1), board.id(2)]});
    board.set_policy(json!([step("CAB", everyone, json!({"rule": "count", "count": 2}))]), json!([])).await;
    for round in 0..3 {
        let number = board.change(json!({"title": format!("Race {round}"), "type": "normal"})).await;
        board.submit(number).await;
        let votes = (0..3).map(|who| board.vote(who, number, "approve"));
        let answers: Vec<u16> =
            futures_util::future::join_all(votes).await.iter().map(|r| r.status().as_u16()).collect();
        assert!(answers.iter().filter(|s| **s == 200).count() >= 2, "{answers:?}");
        assert!(answers.iter().all(|s| [200, 409].contains(s)), "late votes find nothing pending: {answers:?}");
        let change = board.get(number).await;
        assert_eq!(change["status"], "approved");
        let timeline: Value = board
            .org
            .admin
            .get(&board.org.path(&format!("/changes/{number}/timeline")))
            .await
            .json()
            .await
            .expect("json");
        let approved = timeline["data"]
            .as_array()
            .expect("data")
            .iter()
            .filter(|e| {
                e["body"].as_str().unwrap_or_default().starts_with("Status changed from awaiting_approval to approved")
            })
            .count();
        assert_eq!(approved, 1, "approved once");
    }
}
