//! Billing through Stripe: Checkout and the portal against a Stripe stand-in,
//! webhooks signed by Stripe's own library (PyPI `stripe`), and the plan
//! following the subscription whatever order or how often events arrive.

use serde_json::{Value, json};

use crate::helpers::{Backend, OrgFixture, TestApp, expect_problem, on_both_stores, spawn_app_with, venv_python};
use crate::stripe_standin::{PRICE_PRO_MONTHLY, StripeStandin, SubscriptionSpec, WEBHOOK_SECRET};

struct World {
    app: TestApp,
    stripe: StripeStandin,
    org: OrgFixture,
}

async fn world(backend: Backend) -> World {
    let stripe = StripeStandin::start().await;
    let base = stripe.base_url.clone();
    let app = spawn_app_with(backend, |config| config.stripe = Some(crate::stripe_standin::config(&base))).await;
    let org = OrgFixture::new(&app, "Billed").await;
    World { app, stripe, org }
}

/// A webhook delivery: the body as Stripe sends it and its signature header.
struct Delivery {
    body: String,
    signature: String,
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The `Stripe-Signature` header Stripe's own library makes for `body`.
fn stripe_signature(body: &str, secret: &str, timestamp: i64) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new(venv_python())
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/stripe_sign.py"))
        .args([secret, &timestamp.to_string()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python with stripe (scripts/ensure-venv)");
    child.stdin.take().expect("stdin").write_all(body.as_bytes()).expect("payload");
    let output = child.wait_with_output().expect("signature");
    assert!(output.status.success(), "stripe_sign.py failed");
    String::from_utf8(output.stdout).expect("utf-8").trim().to_owned()
}

fn event(id: &str, kind: &str, object: Value, created: i64) -> Delivery {
    let body = json!({
        "id": id, "object": "event", "api_version": "2025-09-30.clover", "created": created,
        "data": {"object": object}, "livemode": false, "pending_webhooks": 1,
        "request": {"id": null, "idempotency_key": null}, "type": kind,
    })
    .to_string();
    let signature = stripe_signature(&body, WEBHOOK_SECRET, now());
    Delivery { body, signature }
}

impl World {
    async fn deliver(&self, delivery: &Delivery) -> reqwest::Response {
        reqwest::Client::new()
            .post(self.app.url("/api/stripe/webhook"))
            .header("content-type", "application/json")
            .header("stripe-signature", &delivery.signature)
            .body(delivery.body.clone())
            .send()
            .await
            .expect("webhook")
    }

    async fn deliver_ok(&self, delivery: &Delivery) -> Value {
        let response = self.deliver(delivery).await;
        let status = response.status();
        let body: Value = response.json().await.expect("json");
        assert_eq!(status, 200, "{body}");
        body
    }

    async fn billing(&self) -> Value {
        let response = self.org.admin.get(&self.org.path("/billing")).await;
        assert_eq!(response.status(), 200);
        response.json().await.expect("json")
    }

    async fn plan(&self) -> String {
        let org: Value = self.org.admin.get(&self.org.path("")).await.json().await.expect("json");
        org["plan"].as_str().expect("plan").to_owned()
    }

    /// Runs Checkout for Pro monthly and returns the customer it made.
    async fn checkout_pro(&self) -> String {
        let response =
            self.org.admin.post(&self.org.path("/billing/checkout"), json!({"plan": "pro", "interval": "month"})).await;
        assert_eq!(response.status(), 201);
        let body: Value = response.json().await.expect("json");
        assert!(body["url"].as_str().expect("url").starts_with("https://checkout.stripe.test/"));
        let sessions = self.stripe.received("/v1/checkout/sessions");
        sessions.last().expect("a checkout session").form["customer"].clone()
    }

    fn subscription(&self, customer: &str, status: &str) -> SubscriptionSpec {
        SubscriptionSpec {
            id: "sub_billed".to_owned(),
            customer: customer.to_owned(),
            org_id: self.org.id.clone(),
            price: PRICE_PRO_MONTHLY.to_owned(),
            status: status.to_owned(),
            cancel_at_period_end: false,
        }
    }

    /// Checkout completed and the subscription is active: the org is on Pro.
    async fn subscribe_pro(&self) -> String {
        let customer = self.checkout_pro().await;
        self.stripe.put_subscription(&self.subscription(&customer, "active"));
        let completed = json!({
            "id": "cs_test_done", "object": "checkout.session", "mode": "subscription",
            "customer": customer, "subscription": "sub_billed", "client_reference_id": self.org.id,
            "status": "complete", "payment_status": "paid",
        });
        self.deliver_ok(&event("evt_checkout", "checkout.session.completed", completed, now())).await;
        customer
    }

    async fn audit_count(&self, action: &str) -> usize {
        let audit: Value =
            self.org.admin.get(&self.org.path(&format!("/audit?action={action}"))).await.json().await.expect("json");
        audit["data"].as_array().expect("data").len()
    }
}

on_both_stores! {
    async fn upgrade_through_checkout_unlocks_pro_modules(w: World = world) {
        // Free refuses Pro modules.
        expect_problem(w.org.admin.patch(&w.org.path("/features"), json!({"problemManagement": true})).await, 402).await;
        let customer = w.subscribe_pro().await;

        // What we sent Stripe: a customer tagged with the org (created once,
        // idempotently), and a subscription checkout for the configured price.
        let customers = w.stripe.received("/v1/customers");
        assert_eq!(customers.len(), 1);
        assert_eq!(customers[0].form["metadata[org_id]"], w.org.id);
        assert_eq!(customers[0].idempotency_key.as_deref(), Some(format!("customer-{}", w.org.id).as_str()));
        let session = &w.stripe.received("/v1/checkout/sessions")[0];
        assert_eq!(session.form["mode"], "subscription");
        assert_eq!(session.form["line_items[0][price]"], PRICE_PRO_MONTHLY);
        assert_eq!(session.form["line_items[0][quantity]"], "1");
        assert_eq!(session.form["client_reference_id"], w.org.id);
        assert_eq!(session.form["subscription_data[metadata][org_id]"], w.org.id);
        let back = format!("{}/{}/settings/billing", crate::helpers::PUBLIC_URL, w.org.slug);
        assert_eq!(session.form["success_url"], format!("{back}?checkout=success"));
        assert_eq!(session.form["cancel_url"], format!("{back}?checkout=cancelled"));
        assert_eq!(session.form["customer"], customer);

        assert_eq!(w.plan().await, "pro");
        let billing = w.billing().await;
        assert_eq!(billing["status"], "active");
        assert_eq!(billing["interval"], "month");
        assert_eq!(billing["pastDue"], false);
        assert_eq!(billing["seats"], json!({"used": 1, "allowed": 50}));
        assert!(billing["currentPeriodEnd"].is_string());
        w.org.enable("problemManagement").await;

        // A second checkout while subscribed would double-charge: use the portal.
        let again = w.org.admin.post(&w.org.path("/billing/checkout"), json!({"plan": "enterprise", "interval": "month"})).await;
        expect_problem(again, 409).await;
        let portal = w.org.admin.post(&w.org.path("/billing/portal"), json!({})).await;
        assert_eq!(portal.status(), 201);
        let portal: Value = portal.json().await.expect("json");
        assert!(portal["url"].as_str().expect("url").starts_with("https://billing.stripe.test/"));
        let opened = &w.stripe.received("/v1/billing_portal/sessions")[0];
        assert_eq!(opened.form["customer"], customer);
        assert_eq!(opened.form["return_url"], back);
        assert_eq!(w.stripe.received("/v1/customers").len(), 1, "the customer is reused");
        for action in ["billing.customer_created", "billing.checkout_started", "billing.subscription_synced", "billing.portal_opened", "org.plan_changed"] {
            assert_eq!(w.audit_count(action).await, 1, "{action}");
        }
    }

    async fn one_checkout_is_open_at_a_time(w: World = world) {
        let path = w.org.path("/billing/checkout");
        let plan = |plan: &str, interval: &str| json!({"plan": plan, "interval": interval});
        let url_of = |response: Value| response["url"].as_str().expect("url").to_owned();
        let session_of = |url: &str| url.rsplit('/').next().expect("id").to_owned();

        // A double click, or two admins at once: one session stays open.
        let (a, b) = tokio::join!(w.org.admin.post(&path, plan("pro", "month")), w.org.admin.post(&path, plan("pro", "month")));
        assert_eq!((a.status().as_u16(), b.status().as_u16()), (201, 201));
        let (a, b) = (url_of(a.json().await.expect("json")), url_of(b.json().await.expect("json")));
        assert_eq!(a, b, "both are sent to the same page");
        assert_eq!(w.stripe.open_checkout_sessions(), [session_of(&a)]);

        // The same plan later: the same page, no new session.
        let sessions = w.stripe.received("/v1/checkout/sessions").len();
        assert_eq!(url_of(w.org.admin.post(&path, plan("pro", "month")).await.json().await.expect("json")), a);
        assert_eq!(w.stripe.received("/v1/checkout/sessions").len(), sessions);

        // Another plan: the open session is closed first, so only one can be paid.
        let yearly = url_of(w.org.admin.post(&path, plan("pro", "year")).await.json().await.expect("json"));
        assert_ne!(yearly, a);
        assert_eq!(w.stripe.open_checkout_sessions(), [session_of(&yearly)]);
        assert_eq!(w.stripe.received(&format!("/v1/checkout/sessions/{}/expire", session_of(&a))).len(), 1);

        // Expired in Stripe's Dashboard: switching plans simply opens a new one.
        w.stripe.end_checkout(&session_of(&yearly), "expired");
        let monthly = url_of(w.org.admin.post(&path, plan("pro", "month")).await.json().await.expect("json"));
        assert_eq!(w.stripe.open_checkout_sessions(), [session_of(&monthly)]);
        // Two admins pick two plans at once: one page opens, the other hears why not.
        let (month, year) = tokio::join!(w.org.admin.post(&path, plan("enterprise", "month")), w.org.admin.post(&path, plan("pro", "year")));
        let mut statuses = [month.status().as_u16(), year.status().as_u16()];
        statuses.sort_unstable();
        assert!(statuses == [201, 201] || statuses == [201, 409], "{statuses:?}");
        let open = w.stripe.open_checkout_sessions();
        assert_eq!(open.len(), 1, "one payable session: {open:?}");

        // Paid a moment ago, its webhook not here yet: no second session for another plan.
        let paying = open[0].clone();
        w.stripe.end_checkout(&paying, "complete");
        // (Pro monthly: neither of the two plans just picked.)
        let problem = expect_problem(w.org.admin.post(&path, plan("pro", "month")).await, 409).await;
        assert!(problem["detail"].as_str().expect("detail").contains("just completed"), "{problem}");
        assert!(w.stripe.open_checkout_sessions().is_empty());
    }

    async fn checkout_names_what_cannot_be_bought(w: World = world) {
        // Enterprise yearly has no configured price; Free is not for sale.
        for (plan, interval) in [("enterprise", "year"), ("free", "month")] {
            let body = expect_problem(w.org.admin.post(&w.org.path("/billing/checkout"), json!({"plan": plan, "interval": interval})).await, 422).await;
            assert_eq!(body["errors"][0]["field"], "plan", "{body}");
        }
        let body = expect_problem(w.org.admin.post(&w.org.path("/billing/checkout"), json!({"plan": "pro", "interval": "weekly"})).await, 422).await;
        assert_eq!(body["errors"][0]["field"], "interval", "{body}");
        assert!(w.stripe.received("/v1/checkout/sessions").is_empty());
    }

    async fn payment_failure_keeps_the_plan_and_warns_admins(w: World = world) {
        let customer = w.subscribe_pro().await;
        w.stripe.put_subscription(&w.subscription(&customer, "past_due"));
        let invoice = json!({
            "id": "in_failed", "object": "invoice", "customer": customer, "status": "open",
            "parent": {"type": "subscription_details", "subscription_details": {"subscription": "sub_billed"}},
        });
        w.deliver_ok(&event("evt_failed", "invoice.payment_failed", invoice, now())).await;
        let billing = w.billing().await;
        assert_eq!(billing["pastDue"], true, "{billing}");
        assert_eq!(billing["status"], "past_due");
        assert_eq!(billing["lastInvoiceStatus"], "payment_failed");
        assert_eq!(w.plan().await, "pro", "past_due keeps the plan while Stripe retries");
        let warned = w.app.mail.sent().into_iter().find(|m| m.text().contains("could not take the latest payment"));
        let warned = warned.expect("the admin is emailed");
        assert!(warned.text().contains(&format!("/{}/settings/billing", w.org.slug)));

        // The retry succeeds.
        w.stripe.put_subscription(&w.subscription(&customer, "active"));
        let paid = json!({"id": "in_paid", "object": "invoice", "customer": customer, "status": "paid", "subscription": "sub_billed"});
        w.deliver_ok(&event("evt_paid", "invoice.paid", paid, now())).await;
        let billing = w.billing().await;
        assert_eq!((billing["pastDue"].clone(), billing["lastInvoiceStatus"].clone()), (json!(false), json!("paid")));
    }

    async fn cancellation_returns_to_free_and_keeps_data(w: World = world) {
        let customer = w.subscribe_pro().await;
        w.org.enable("problemManagement").await;
        w.org.enable("knowledgeBase").await;
        let incident = w.org.admin.post(&w.org.path("/incidents"), json!({"title": "Kept", "severity": "P2"})).await;
        assert_eq!(incident.status(), 201);
        let article = w.org.admin.post(&w.org.path("/kb/articles"), json!({"title": "Runbook", "body": "Steps"})).await;
        assert_eq!(article.status(), 201);

        let canceled = w.stripe.put_subscription(&w.subscription(&customer, "canceled"));
        w.deliver_ok(&event("evt_deleted", "customer.subscription.deleted", canceled, now() + 1)).await;
        assert_eq!(w.plan().await, "free");
        // The paid checkout is done with: upgrading again opens a new one.
        let sessions = w.stripe.received("/v1/checkout/sessions").len();
        w.checkout_pro().await;
        assert_eq!(w.stripe.received("/v1/checkout/sessions").len(), sessions + 1);
        let org: Value = w.org.admin.get(&w.org.path("")).await.json().await.expect("json");
        assert_eq!(org["features"]["problemManagement"], false);
        assert_eq!(org["features"]["knowledgeBase"], true, "what Free has stays on");
        let audit: Value = w.org.admin.get(&w.org.path("/audit?action=org.plan_changed")).await.json().await.expect("json");
        let summary = &audit["data"][0]["summary"];
        assert_eq!(summary["after"]["plan"], "free", "{audit}");
        assert_eq!(summary["modulesSwitchedOff"], json!(["problemManagement"]));
        assert!(summary["reason"].as_str().expect("reason").contains("canceled"));
        let incidents: Value = w.org.admin.get(&w.org.path("/incidents")).await.json().await.expect("json");
        assert_eq!(incidents["data"][0]["title"], "Kept", "a downgrade deletes nothing");
        let articles: Value = w.org.admin.get(&w.org.path("/kb/articles")).await.json().await.expect("json");
        assert_eq!(articles["data"].as_array().expect("articles").len(), 1);

        // Subscribing again restores what the downgrade switched off.
        w.stripe.put_subscription(&SubscriptionSpec { id: "sub_again".to_owned(), ..w.subscription(&customer, "active") });
        let created = w.stripe.subscription("sub_again");
        w.deliver_ok(&event("evt_again", "customer.subscription.created", created, now() + 2)).await;
        let org: Value = w.org.admin.get(&w.org.path("")).await.json().await.expect("json");
        assert_eq!((org["plan"].clone(), org["features"]["problemManagement"].clone()), (json!("pro"), json!(true)));
    }

    async fn cancelling_a_subscription_at_a_retired_price_still_returns_to_free(w: World = world) {
        let customer = w.subscribe_pro().await;
        // The price was retired from our configuration since; Stripe still names it.
        let retired = SubscriptionSpec { price: "price_retired".to_owned(), ..w.subscription(&customer, "active") };
        let updated = w.stripe.put_subscription(&retired);
        w.deliver_ok(&event("evt_retired", "customer.subscription.updated", updated, now() + 1)).await;
        assert_eq!(w.plan().await, "pro", "a live subscription at an unknown price leaves the plan alone");
        let canceled = w.stripe.put_subscription(&SubscriptionSpec { status: "canceled".to_owned(), ..retired });
        w.deliver_ok(&event("evt_retired_gone", "customer.subscription.deleted", canceled, now() + 2)).await;
        assert_eq!(w.plan().await, "free");
    }

    async fn a_redelivered_event_is_processed_once(w: World = world) {
        let customer = w.subscribe_pro().await;
        let updated = w.stripe.put_subscription(&SubscriptionSpec { cancel_at_period_end: true, ..w.subscription(&customer, "active") });
        let delivery = event("evt_twice", "customer.subscription.updated", updated, now() + 1);
        assert_eq!(w.deliver_ok(&delivery).await["duplicate"], false);
        assert_eq!(w.deliver_ok(&delivery).await["duplicate"], true);
        assert_eq!(w.billing().await["cancelAtPeriodEnd"], true);
        assert_eq!(w.audit_count("billing.subscription_synced").await, 2, "checkout and this update, once each");
    }

    async fn out_of_order_events_end_in_stripes_state(w: World = world) {
        let customer = w.checkout_pro().await;
        // Stripe made the subscription (t0), then its first payment went through (t1):
        // `updated` (active) arrives before `created` (incomplete).
        let incomplete = w.stripe.put_subscription(&w.subscription(&customer, "incomplete"));
        let active = w.stripe.put_subscription(&w.subscription(&customer, "active"));
        let t0 = now() - 5;
        w.deliver_ok(&event("evt_updated", "customer.subscription.updated", active, t0 + 1)).await;
        assert_eq!(w.plan().await, "pro");
        let retrievals = w.stripe.received("/v1/subscriptions/sub_billed").len();
        w.deliver_ok(&event("evt_created", "customer.subscription.created", incomplete, t0)).await;
        assert_eq!(w.stripe.received("/v1/subscriptions/sub_billed").len(), retrievals + 1, "the older event re-fetches");
        assert_eq!(w.plan().await, "pro");
        assert_eq!(w.billing().await["status"], "active");

        // A late event about an ended subscription does not undo a live one.
        let old = SubscriptionSpec { id: "sub_old".to_owned(), ..w.subscription(&customer, "canceled") };
        let old = w.stripe.put_subscription(&old);
        w.deliver_ok(&event("evt_old", "customer.subscription.deleted", old, now() + 5)).await;
        assert_eq!(w.plan().await, "pro");
        assert_eq!(w.billing().await["status"], "active");
    }

    async fn forged_stale_or_malformed_webhooks_change_nothing(w: World = world) {
        let customer = w.checkout_pro().await;
        let active = w.stripe.put_subscription(&w.subscription(&customer, "active"));
        let genuine = event("evt_forged", "customer.subscription.created", active, now());
        let forged = Delivery { body: genuine.body.clone(), signature: stripe_signature(&genuine.body, "whsec_wrong", now()) };
        let stale = Delivery { body: genuine.body.clone(), signature: stripe_signature(&genuine.body, WEBHOOK_SECRET, now() - 301) };
        let tampered = Delivery { body: genuine.body.replace("active", "trialing"), signature: genuine.signature.clone() };
        let unsigned = Delivery { body: genuine.body.clone(), signature: String::new() };
        let not_json = "{\"id\": \"evt_x\", ".to_owned();
        let malformed = Delivery { signature: stripe_signature(&not_json, WEBHOOK_SECRET, now()), body: not_json };
        let no_object_body = json!({"id": "evt_y", "type": "customer.subscription.updated", "created": now(), "data": {"object": {"id": 7}}}).to_string();
        let bad_object = Delivery { signature: stripe_signature(&no_object_body, WEBHOOK_SECRET, now()), body: no_object_body };
        for (name, delivery) in [("forged", &forged), ("stale", &stale), ("tampered", &tampered), ("unsigned", &unsigned), ("malformed", &malformed), ("bad object", &bad_object)] {
            let problem = expect_problem(w.deliver(delivery).await, 400).await;
            assert!(problem["detail"].is_string(), "{name}: {problem}");
        }
        assert_eq!(w.plan().await, "free");
        assert_eq!(w.billing().await["status"], Value::Null);
        // The genuine delivery still counts: refusals did not mark it processed.
        assert_eq!(w.deliver_ok(&genuine).await["duplicate"], false);
        assert_eq!(w.plan().await, "pro");
    }

    async fn only_admins_reach_billing(w: World = world) {
        let (member, _) = w.org.add_member(&w.app, "Payer", json!(["member", "oncall"])).await;
        expect_problem(member.get(&w.org.path("/billing")).await, 403).await;
        expect_problem(member.post(&w.org.path("/billing/checkout"), json!({"plan": "pro", "interval": "month"})).await, 403).await;
        expect_problem(member.post(&w.org.path("/billing/portal"), json!({})).await, 403).await;
        let outsider = w.app.browser();
        outsider.sign_up("Outsider").await;
        expect_problem(outsider.get(&w.org.path("/billing")).await, 404).await;
        assert!(w.stripe.received("/v1/customers").is_empty());
    }

    async fn seats_follow_the_plan(w: World = world) {
        // Free: 5 seats, the admin holds one.
        for n in 0..4 {
            let invite = w.org.admin.post(&w.org.path("/invites"), json!({"email": format!("seat{n}@example.com"), "roles": ["member"]})).await;
            assert_eq!(invite.status(), 201);
        }
        let full = w.org.admin.post(&w.org.path("/invites"), json!({"email": "seat5@example.com", "roles": ["member"]})).await;
        let body = expect_problem(full, 402).await;
        assert_eq!(body["requiredPlan"], "pro");
        let billing = w.billing().await;
        assert_eq!(billing["seats"], json!({"used": 5, "allowed": 5}));
        assert_eq!(billing["configured"], true);
        w.subscribe_pro().await;
        let invite = w.org.admin.post(&w.org.path("/invites"), json!({"email": "seat5@example.com", "roles": ["member"]})).await;
        assert_eq!(invite.status(), 201);
        assert_eq!(w.billing().await["seats"], json!({"used": 6, "allowed": 50}));
    }
}

on_both_stores! {
    async fn without_stripe_billing_is_off_and_operators_set_plans(app: TestApp = spawn_without_stripe) {
        let org = OrgFixture::new(&app, "SelfHosted").await;
        // A setting, not an outage: the plan is shown, and the actions are a
        // 4xx a client does not retry (not a 503).
        let view = org.admin.get(&org.path("/billing")).await;
        assert_eq!(view.status(), 200);
        let view: Value = view.json().await.expect("json");
        assert_eq!(view["configured"], false);
        assert_eq!(view["plan"], "free");
        assert_eq!(view["seats"], json!({"used": 1, "allowed": 5}));
        assert_eq!(view["checkoutOptions"], json!([]));
        for response in [
            org.admin.post(&org.path("/billing/checkout"), json!({"plan": "pro", "interval": "month"})).await,
            org.admin.post(&org.path("/billing/portal"), json!({})).await,
            reqwest::Client::new().post(app.url("/api/stripe/webhook")).body("{}").send().await.expect("webhook"),
        ] {
            let body = expect_problem(response, 409).await;
            assert!(body["type"].as_str().expect("type").ends_with("/billing-not-configured"), "{body}");
        }
        let output = app.simplicity(&["org", "set-plan", &org.slug, "enterprise"]).await;
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let view: Value = org.admin.get(&org.path("")).await.json().await.expect("json");
        assert_eq!(view["plan"], "enterprise");
    }
}

async fn spawn_without_stripe(backend: Backend) -> TestApp {
    spawn_app_with(backend, |config| config.stripe = None).await
}
