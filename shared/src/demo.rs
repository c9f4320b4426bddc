//! `simplicity demo`: a demo organisation for a newcomer to explore. Only
//! the account, the organisation and its plan are made in the store (the
//! API has no door for them); everything else goes through the product's
//! own HTTP API, in-process, so the demo holds exactly what users' requests
//! would have made: the same checks, timelines, links, SLA clocks and audit
//! trail.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use chrono::{DateTime, Utc};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::app::AppState;
use crate::domain::accounts::{self, Email, TokenScope};
use crate::domain::audit::AuditMeta;
use crate::domain::org::{OrgSlug, Plan};
use crate::error::BoxError;
use crate::http::session::TOKEN_PREFIX;
use crate::store::{BUSY_PAUSE, BUSY_RETRIES, NewApiToken, NewOrg, NewUser, StoreError, waiting_out_busy};

const SLUG: &str = "acme-demo";

/// Who to sign in as, and where.
pub struct DemoLogin {
    pub email: String,
    pub password: String,
    pub org_slug: String,
    pub url_path: String,
}

/// Fills the database with the demo organisation, its admin signing in
/// with `email` and `password`. Refused once the demo exists.
pub async fn seed(state: &AppState, email: &str, password: &str) -> Result<DemoLogin, BoxError> {
    let email = Email::parse(email).map_err(|e| format!("{email:?} {}", e.detail))?.into_string();
    accounts::check_new_password(password, "password").map_err(|e| format!("the password {}", e.detail))?;
    // Checked before the account is made, so a second run leaves no stray user.
    if state.store.find_org(SLUG).await?.is_some() {
        return Err(format!("the demo was already seeded: organisation {SLUG} exists").into());
    }
    let meta = AuditMeta::system("simplicity demo");
    let password_hash = accounts::hash_password(password)?;
    let now = state.store.now();
    let inserted = waiting_out_busy(|| {
        let new = NewUser {
            email: email.clone(),
            name: "Demo Admin".into(),
            password_hash: password_hash.clone(),
            email_verified_at: Some(now),
        };
        state.store.insert_user(new, &meta)
    });
    let user = match inserted.await {
        Err(StoreError::Duplicate(_)) => {
            return Err(format!("the demo was already seeded: {email} has an account already").into());
        }
        other => other?,
    };
    let slug = OrgSlug::parse(SLUG).map_err(|e| e.detail)?;
    let new_org = || NewOrg { name: "Acme (demo)".into(), slug: slug.clone() };
    let org = waiting_out_busy(|| state.store.create_org(new_org(), user.id, &meta)).await?;
    waiting_out_busy(|| state.store.set_plan(org.id, Plan::Enterprise, &meta)).await?;

    // This run's own token, as an API client would hold one; short-lived
    // in case the revocation below never happens.
    let secret = accounts::new_secret(TOKEN_PREFIX)?;
    let token = waiting_out_busy(|| {
        let new = NewApiToken {
            user_id: user.id,
            name: "simplicity demo".into(),
            scope: TokenScope::ReadWrite,
            token_hash: accounts::secret_hash(&secret),
            expires_at: Some(now + chrono::Duration::hours(1)),
        };
        state.store.insert_api_token(new, &meta)
    })
    .await?;
    let demo = Demo {
        router: crate::server::router(state.clone()),
        token: secret,
        org: format!("/api/orgs/{}", org.id),
        user: user.id.to_string(),
        now,
    };
    let filled = demo.fill().await;
    waiting_out_busy(|| state.store.delete_api_token(user.id, token.id, &meta)).await?;
    filled.map_err(|e| format!("the demo organisation {SLUG} is incomplete (start from a fresh database): {e}"))?;
    Ok(DemoLogin { email, password: password.to_owned(), org_slug: SLUG.into(), url_path: format!("/{SLUG}") })
}

/// The `id` of a record the API answered with.
fn id(record: &Value) -> Result<String, BoxError> {
    record["id"].as_str().map(str::to_owned).ok_or_else(|| format!("no id in {record}").into())
}

/// The demo's API client: the product's router, called in-process.
struct Demo {
    router: Router,
    token: String,
    /// `/api/orgs/{orgId}`, which every path here is under.
    org: String,
    user: String,
    now: DateTime<Utc>,
}

struct Teams {
    platform: String,
    desk: String,
}

struct Items {
    checkout: String,
    payments: String,
}

impl Demo {
    /// Sends one request under the organisation; the JSON of a 2xx answer
    /// (`null` when it has none), or an error naming the request and the problem.
    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Result<Value, BoxError> {
        let uri = format!("{}{path}", self.org);
        let body = body.map(|json| json.to_string());
        // The same key on every try: a create retried after a busy answer
        // returns the record the first try made, never a second one.
        let key = uuid::Uuid::now_v7().simple().to_string();
        let mut retries = 0;
        loop {
            let mut request = Request::builder()
                .method(method.clone())
                .uri(uri.as_str())
                .header(header::AUTHORIZATION, format!("Bearer {}", self.token))
                .header(header::ACCEPT, "application/json");
            if method != Method::GET {
                // Only this run has touched these records: "whatever it is now" is the version meant.
                request = request.header(header::IF_MATCH, "*").header("idempotency-key", key.as_str());
            }
            let request = match &body {
                Some(json) => {
                    request.header(header::CONTENT_TYPE, "application/json").body(Body::from(json.clone()))?
                }
                None => request.body(Body::empty())?,
            };
            let response = self.router.clone().oneshot(request).await?;
            let status = response.status();
            let busy =
                status == StatusCode::SERVICE_UNAVAILABLE && response.headers().contains_key(header::RETRY_AFTER);
            let bytes = response.into_body().collect().await?.to_bytes();
            if busy && retries < BUSY_RETRIES {
                retries += 1;
                tokio::time::sleep(BUSY_PAUSE).await;
                continue;
            }
            if !status.is_success() {
                return Err(format!("{method} {uri} answered {status}: {}", String::from_utf8_lossy(&bytes)).into());
            }
            return Ok(if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes)? });
        }
    }

    async fn fill(&self) -> Result<(), BoxError> {
        let modules = json!({"knowledgeBase": true, "problemManagement": true, "changeManagement": true,
            "assetManagement": true, "serviceCatalog": true, "requestFulfillment": true, "slaManagement": true});
        self.call(Method::PATCH, "/features", Some(modules)).await?;
        let teams = self.people_and_teams().await?;
        let items = self.assets(&teams).await?;
        self.sla_and_oncall(&teams).await?;
        let outage = self.incidents(&teams, &items).await?;
        self.problem_and_change(&teams, &items, &outage).await?;
        self.knowledge(&outage).await?;
        self.catalog(&teams).await
    }

    async fn people_and_teams(&self) -> Result<Teams, BoxError> {
        let team = |name: &'static str, description: &'static str| {
            let body = json!({"name": name, "description": description, "lead": self.user, "members": [self.user]});
            self.call(Method::POST, "/teams", Some(body))
        };
        Ok(Teams {
            platform: id(&team("Platform", "Runs checkout, payments and their databases.").await?)?,
            desk: id(&team("Service Desk", "First line: triage, requests and laptops.").await?)?,
        })
    }

    async fn assets(&self, teams: &Teams) -> Result<Items, BoxError> {
        let item = |name: &'static str, ci_type: &'static str, criticality: &'static str| {
            let body = json!({"name": name, "type": ci_type, "criticality": criticality, "ownerTeam": teams.platform});
            self.call(Method::POST, "/assets", Some(body))
        };
        let checkout = id(&item("Checkout", "service", "high").await?)?;
        let payments = id(&item("Payments API", "service", "critical").await?)?;
        let database = id(&item("orders-db", "database", "critical").await?)?;
        let server = id(&item("web-01", "server", "medium").await?)?;
        for (from, relation, to) in [
            (&checkout, "depends_on", &payments),
            (&payments, "depends_on", &database),
            (&payments, "runs_on", &server),
        ] {
            let body = json!({"relation": relation, "to": to});
            self.call(Method::POST, &format!("/assets/{from}/relationships"), Some(body)).await?;
        }
        Ok(Items { checkout, payments })
    }

    async fn sla_and_oncall(&self, teams: &Teams) -> Result<(), BoxError> {
        let day = json!([{"from": "09:00", "to": "17:00"}]);
        let week = json!({"monday": day, "tuesday": day, "wednesday": day, "thursday": day, "friday": day});
        let calendar = json!({"name": "Berlin office hours", "timeZone": "Europe/Berlin", "week": week});
        let calendar = id(&self.call(Method::POST, "/calendars", Some(calendar)).await?)?;
        let policy = json!({"name": "Incident response", "appliesTo": {"record": "incident"}, "calendar": calendar,
            "warnings": [75, 90], "targets": {
                "P1": {"responseMinutes": 15, "resolutionMinutes": 240},
                "P2": {"responseMinutes": 30, "resolutionMinutes": 480},
                "default": {"responseMinutes": 240, "resolutionMinutes": 2400}}});
        self.call(Method::POST, "/sla-policies", Some(policy)).await?;
        // A Monday long past: the rotation is under way, with the demo admin on call.
        let schedule = json!({"name": "Platform primary", "definition": {"timeZone": "Europe/Berlin", "layers": [
            {"name": "Weekly", "rotation": {"type": "weekly"}, "startsAt": "2026-01-05T09:00:00",
             "participants": [self.user]}]}});
        let schedule = id(&self.call(Method::POST, "/schedules", Some(schedule)).await?)?;
        let policy = json!({"name": "Default", "definition": {"levels": [
            {"targets": [{"type": "schedule", "id": schedule}], "delaySeconds": 900},
            {"targets": [{"type": "team", "id": teams.platform}], "delaySeconds": 1800}]}});
        self.call(Method::POST, "/escalation-policies", Some(policy)).await?;
        Ok(())
    }

    /// The four incidents, each moved as a responder would; returns the P1's id.
    async fn incidents(&self, teams: &Teams, items: &Items) -> Result<String, BoxError> {
        let plan = [
            ("Card payments failing", "P1", Some(&items.payments), &teams.platform, &["acknowledged", "resolved"][..]),
            ("Checkout latency above 2 s", "P2", Some(&items.checkout), &teams.platform, &["acknowledged"][..]),
            ("Login page returns 500s", "P3", None, &teams.desk, &["investigating"][..]),
            ("Nightly export is slow", "P4", None, &teams.desk, &[][..]),
        ];
        let mut ids = Vec::new();
        for (title, severity, service, team, moves) in plan {
            let body = json!({"title": title, "severity": severity, "team": team, "assignees": [self.user],
                "services": service.into_iter().collect::<Vec<_>>()});
            let incident = id(&self.call(Method::POST, "/incidents", Some(body)).await?)?;
            for status in moves {
                self.call(Method::PATCH, &format!("/incidents/{incident}"), Some(json!({"status": status}))).await?;
            }
            ids.push(incident);
        }
        ids.into_iter().next().ok_or_else(|| "no incident was opened".into())
    }

    async fn problem_and_change(&self, teams: &Teams, items: &Items, outage: &str) -> Result<(), BoxError> {
        let problem = json!({"title": "Connection pool exhaustion in Payments API", "priority": "P1",
            "symptom": "Card payments time out at peak traffic; the Payments API logs `pool exhausted`.",
            "ownerTeam": teams.platform, "incidents": [outage]});
        let problem = id(&self.call(Method::POST, "/problems", Some(problem)).await?)?;
        // A workaround makes it a known error, which responders find from their incidents.
        let known = json!({"rootCause": "The pool holds 10 connections; a peak needs about 40.",
            "workaround": "Restart the Payments API one instance at a time (see \"Restarting the Payments API\")."});
        self.call(Method::PATCH, &format!("/problems/{problem}"), Some(known)).await?;
        let start = self.now + chrono::Duration::days(2);
        let end = start + chrono::Duration::hours(1);
        let change = json!({"title": "Raise the Payments API connection pool", "type": "normal",
            "description": "Raise the pool from 10 to 50 connections.",
            "implementationPlan": "Change `POOL_SIZE` to 50 and roll the instances one at a time.",
            "backoutPlan": "Set `POOL_SIZE` back to 10 and roll again.",
            "testPlan": "Load test at twice the last peak.",
            "window": {"start": start, "end": end},
            "ownerTeam": teams.platform, "relatedProblems": [problem], "affectedItems": [items.payments]});
        let change = id(&self.call(Method::POST, "/changes", Some(change)).await?)?;
        let submitted = self.call(Method::POST, &format!("/changes/{change}/submit"), Some(json!({}))).await?;
        // Without a board (the default) it is approved at once and can be
        // scheduled; a board's approvers are other people, so it waits for them.
        if submitted["status"] == "approved" {
            let scheduled = json!({"status": "scheduled"});
            self.call(Method::POST, &format!("/changes/{change}/status"), Some(scheduled)).await?;
        }
        Ok(())
    }

    async fn knowledge(&self, outage: &str) -> Result<(), BoxError> {
        let article = json!({"title": "Restarting the Payments API", "tags": ["payments", "runbook"],
            "body": "When card payments time out and the Payments API logs `pool exhausted`:\n\n\
                     1. Take one instance out of the load balancer.\n\
                     2. Restart it and wait for `/health` to answer 200.\n\
                     3. Put it back, then do the next one.\n\n\
                     Never restart all instances at once: checkout fails while none is up.\n"});
        let article = id(&self.call(Method::POST, "/kb/articles", Some(article)).await?)?;
        let published = json!({"status": "published"});
        self.call(Method::POST, &format!("/kb/articles/{article}/status"), Some(published)).await?;
        self.call(Method::POST, "/kb/postmortems", Some(json!({"incident": outage}))).await?;
        Ok(())
    }

    async fn catalog(&self, teams: &Teams) -> Result<(), BoxError> {
        let category = json!({"name": "Hardware", "description": "Devices for work."});
        let category = id(&self.call(Method::POST, "/catalog/categories", Some(category)).await?)?;
        let form = json!({"type": "object", "required": ["model"], "properties": {
            "model": {"title": "Model", "enum": ["13-inch", "15-inch"]},
            "reason": {"title": "Why", "type": "string", "maxLength": 200}}});
        let item = json!({"name": "Laptop", "description": "A new work laptop, set up and ready.", "icon": "💻",
            "category": category, "form": form, "targetMinutes": 2880,
            "fulfilment": {"stages": [{"tasks": [{"name": "Prepare and hand over", "team": teams.desk}]}]}});
        let item = id(&self.call(Method::POST, "/catalog/items", Some(item)).await?)?;
        let published = json!({"status": "published"});
        self.call(Method::POST, &format!("/catalog/items/{item}/status"), Some(published)).await?;
        let request = json!({"item": item, "answers": {"model": "13-inch", "reason": "My battery lasts an hour."}});
        self.call(Method::POST, "/requests", Some(request)).await?;
        Ok(())
    }
}
