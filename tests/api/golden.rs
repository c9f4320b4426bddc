//! Same answers everywhere: every endpoint function answers its golden
//! requests — a success and an error each, a path below it if it serves
//! nested paths, and a method it does not serve — identically through the
//! local router, through its own binary under the Lambda runtime stand-in
//! (API Gateway v2 events) and under the Vercel runner (as Vercel's
//! rewrites and file routes hand requests over): status, the headers that
//! matter (content type, `ETag`, `Allow`, `Location`, cookies) and the body,
//! times and fresh secrets aside. An endpoint without golden cases fails.

use std::collections::BTreeMap;

use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use simplicity_shared::endpoints::{ALL, Endpoint};

use crate::helpers::{Backend, PASSWORD, PUBLIC_URL, TestApp, free_port, on_both_stores, wait_until_up};
use crate::runners::{LambdaHarness, endpoint_binary, lambda_env, seed, spawn_function};

const CRON_SECRET: &str = "golden-cron";
const STRIPE_WEBHOOK_SECRET: &str = "whsec_golden";
const METRICS_TOKEN: &str = "golden-metrics";

/// One request, as a client sends it.
#[derive(Clone, Debug)]
struct Req {
    method: &'static str,
    /// With its query, if any.
    path: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
}

impl Req {
    fn get(path: String) -> Self {
        Self { method: "GET", path, headers: vec![("accept".into(), "application/json".into())], body: None }
    }

    fn json(method: &'static str, path: String, body: Value) -> Self {
        let headers = vec![
            ("content-type".into(), "application/json".into()),
            ("origin".into(), PUBLIC_URL.into()),
            ("accept".into(), "application/json".into()),
        ];
        Self { method, path, headers, body: Some(body.to_string()) }
    }

    fn with(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// What came back, normalised for comparison.
#[derive(Debug, PartialEq)]
struct Answer {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Value,
}

/// The headers compared; cookies by name and attributes, not value.
const COMPARED: &[&str] = &["content-type", "etag", "allow", "location"];

/// Each runner's own word in a case that writes (`{runner}` in its path or
/// body): a second organisation of one slug would be refused.
const RUNNER_TAGS: [&str; 3] = ["one", "two", "three"];

/// `text` with the ids of records this request made (`org_…` and the
/// like: a prefix and 32 hex digits) written `<id>`.
fn ids_masked(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('_') {
        let (before, after) = rest.split_at(at);
        let prefix = before.chars().rev().take_while(char::is_ascii_lowercase).count();
        let hex = after[1..].chars().take_while(char::is_ascii_hexdigit).count();
        if (2..=4).contains(&prefix) && hex == 32 {
            out.push_str(&before[..before.len() - prefix]);
            out.push_str("<id>");
            rest = &after[33..];
        } else {
            out.push_str(before);
            out.push('_');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Times and fresh values differ from one answer to the next by nature.
fn normalised(value: Value) -> Value {
    match value {
        Value::String(text) if chrono::DateTime::parse_from_rfc3339(&text).is_ok() => "<time>".into(),
        Value::Array(items) => items.into_iter().map(normalised).collect(),
        Value::Object(fields) => fields.into_iter().map(|(k, v)| (k, normalised(v))).collect(),
        other => other,
    }
}

fn answer(status: u16, headers: Vec<(String, String)>, cookies: Vec<String>, body: &str, tag: Option<&str>) -> Answer {
    // Only a writing case's answers carry fresh ids and its runner's word.
    let fresh = |text: &str| match tag {
        Some(tag) => ids_masked(&text.replace(tag, "{runner}")),
        None => text.to_owned(),
    };
    let headers: Vec<(String, String)> = headers.into_iter().map(|(k, v)| (k, fresh(&v))).collect();
    let body = &fresh(body);
    let mut kept: BTreeMap<String, String> = headers
        .into_iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v))
        .filter(|(k, _)| COMPARED.contains(&k.as_str()))
        .collect();
    let mut cookies: Vec<String> = cookies
        .iter()
        .map(|c| {
            let (pair, attributes) = c.split_once(';').unwrap_or((c, ""));
            let name = pair.split('=').next().unwrap_or_default();
            format!("{name}=<value>;{attributes}")
        })
        .collect();
    cookies.sort();
    if !cookies.is_empty() {
        kept.insert("set-cookie".into(), cookies.join(" | "));
    }
    let body = serde_json::from_str(body).map_or_else(|_| Value::String(body.to_owned()), normalised);
    Answer { status, headers: kept, body }
}

/// One golden request of a function.
struct Case {
    what: &'static str,
    request: Req,
    /// A response that never ends (the event stream): its status and
    /// headers are compared; Lambda, which answers whole responses only,
    /// cannot serve it.
    streams: bool,
    /// The body is the answering process's own (its metrics): status and
    /// headers are compared.
    per_process: bool,
}

/// The world the cases read: an organisation with every module on, an
/// incident in it, a pending invite, and the cron and Stripe secrets.
struct Golden {
    app: TestApp,
    cookie: String,
    email: String,
    org_id: String,
    slug: String,
    invite_token: String,
}

async fn golden_world(backend: Backend) -> Golden {
    let app = crate::helpers::spawn_app_with(backend, |config| {
        config.cron_secret = Some(CRON_SECRET.to_owned());
        config.metrics_token = Some(METRICS_TOKEN.to_owned());
        config.stripe = Some(simplicity_shared::config::StripeConfig {
            secret_key: "sk_test_golden".into(),
            webhook_secret: STRIPE_WEBHOOK_SECRET.into(),
            api_base: Some(format!("http://127.0.0.1:{}", free_port())),
            prices: Default::default(),
        });
    })
    .await;
    let (cookie, org_id, email) = seed(&app).await;
    let meta = simplicity_shared::domain::audit::AuditMeta::system("golden fixture");
    let plan = "enterprise".parse().expect("plan");
    app.store.set_plan(org_id.parse().expect("org id"), plan, &meta).await.expect("plan");
    let client = reqwest::Client::new();
    let send = |req: Req| {
        let mut request = client.request(req.method.parse().expect("method"), app.url(&req.path));
        for (k, v) in req.headers.iter().chain([&("cookie".to_owned(), cookie.clone())]) {
            request = request.header(k, v);
        }
        request.body(req.body.unwrap_or_default()).send()
    };
    let modules = json!({"knowledgeBase": true, "problemManagement": true, "changeManagement": true,
                         "assetManagement": true, "serviceCatalog": true, "requestFulfillment": true,
                         "slaManagement": true});
    let org = format!("/api/orgs/{org_id}");
    assert_eq!(send(Req::json("PATCH", format!("{org}/features"), modules)).await.expect("features").status(), 200);
    let incident = json!({"title": "Golden", "severity": "P3"});
    assert_eq!(send(Req::json("POST", format!("{org}/incidents"), incident)).await.expect("incident").status(), 201);
    let invited = "golden-invitee@example.com";
    let invite = json!({"email": invited, "roles": ["member"]});
    assert_eq!(send(Req::json("POST", format!("{org}/invites"), invite)).await.expect("invite").status(), 201);
    let invite_token = app.token_mailed_to(invited, "/invite/").await;
    let view: Value = send(Req::get(org.clone())).await.expect("org").json().await.expect("json");
    let slug = view["slug"].as_str().expect("slug").to_owned();
    Golden { app, cookie, email, org_id, slug, invite_token }
}

impl Golden {
    fn org(&self, rest: &str) -> String {
        format!("/api/orgs/{}{rest}", self.org_id)
    }

    /// A signed Stripe event of a type billing leaves alone; each runner
    /// sends its own (a second delivery of one event is a duplicate).
    fn stripe_event(runner: usize) -> Req {
        let body = json!({"id": format!("evt_golden_{runner}"), "type": "customer.created",
                          "created": 1_795_633_438, "data": {"object": {}}})
        .to_string();
        let at = chrono::Utc::now().timestamp();
        let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(STRIPE_WEBHOOK_SECRET.as_bytes()).expect("key");
        mac.update(format!("{at}.{body}").as_bytes());
        let signature = format!("t={at},v1={}", hex::encode(mac.finalize().into_bytes()));
        let mut request =
            Req::json("POST", "/api/stripe/webhook".into(), Value::Null).with("stripe-signature", &signature);
        request.body = Some(body);
        request
    }

    /// The function's success and error, and any further case it needs.
    fn cases(&self, endpoint: &Endpoint) -> Vec<Case> {
        let case = |what, request| Case { what, request, streams: false, per_process: false };
        let signed_in = |req: Req| req.with("cookie", &self.cookie);
        // Most functions serve the organisation's members: a list they may
        // read, refused without a session.
        let members_read = |rest: &str| {
            vec![case("success", signed_in(Req::get(self.org(rest)))), case("no session", Req::get(self.org(rest)))]
        };
        match endpoint.name {
            "HEALTH" => vec![
                case("success", Req::get("/api/health".into())),
                case("wrong method", Req::json("POST", "/api/health".into(), json!({}))),
            ],
            "READY" => vec![
                case("success", Req::get("/api/ready".into())),
                case("wrong method", Req::json("PUT", "/api/ready".into(), json!({}))),
            ],
            "OPENAPI" => vec![
                case("success", Req::get("/api/openapi.json".into())),
                case("wrong method", Req::json("POST", "/api/openapi.json".into(), json!({}))),
            ],
            "AUTH" => vec![
                case(
                    "success",
                    Req::json("POST", "/api/auth/login".into(), json!({"email": self.email, "password": PASSWORD})),
                ),
                case(
                    "wrong password",
                    Req::json(
                        "POST",
                        "/api/auth/login".into(),
                        json!({"email": self.email, "password": "not it at all"}),
                    ),
                ),
                case("missing field", Req::json("POST", "/api/auth/signup".into(), json!({"email": "x@example.com"}))),
            ],
            "ME" => vec![
                case("success", signed_in(Req::get("/api/me".into()))),
                case("nested success", signed_in(Req::get("/api/me/tokens".into()))),
                case("no session", Req::get("/api/me".into())),
            ],
            "ORGS" => vec![
                case(
                    "success",
                    signed_in(Req::json(
                        "POST",
                        "/api/orgs".into(),
                        json!({"name": "Golden {runner}", "slug": "golden-{runner}"}),
                    )),
                ),
                case("bad slug", signed_in(Req::json("POST", "/api/orgs".into(), json!({"name": "X", "slug": "api"})))),
            ],
            "ORG_BY_SLUG" => vec![
                case("success", signed_in(Req::get(format!("/api/orgs/by-slug/{}", self.slug)))),
                case("unknown", signed_in(Req::get("/api/orgs/by-slug/no-such-org".into()))),
            ],
            "ORG" => vec![
                case("success", signed_in(Req::get(self.org("")))),
                case(
                    "nested success",
                    signed_in(Req::json("PATCH", self.org("/features"), json!({"knowledgeBase": true}))),
                ),
                case(
                    "another organisation",
                    signed_in(Req::get(format!("/api/orgs/{}", simplicity_shared::ids::OrgId::new()))),
                ),
            ],
            "ORG_INCIDENTS" => {
                let mut cases = members_read("/incidents");
                cases.push(case("nested success", signed_in(Req::get(self.org("/incidents/1")))));
                cases.push(case(
                    "invalid",
                    signed_in(Req::json("POST", self.org("/incidents"), json!({"title": "", "severity": "P9"}))),
                ));
                cases
            }
            "ORG_MEMBERS" => members_read("/members"),
            "ORG_INVITES" => members_read("/invites"),
            "ORG_TEAMS" => members_read("/teams"),
            "ORG_AUDIT" => members_read("/audit"),
            "ORG_KNOWLEDGE" => members_read("/kb/articles"),
            "ORG_PROBLEMS" => members_read("/problems"),
            "ORG_CHANGES" => members_read("/changes"),
            "ORG_ASSETS" => members_read("/assets"),
            "ORG_CATALOG" => members_read("/catalog"),
            "ORG_REQUESTS" => members_read("/requests"),
            "ORG_DASHBOARD" => members_read("/dashboard"),
            "ORG_SLA_TARGETS" => members_read("/sla-targets"),
            "ORG_SLA_POLICIES" => members_read("/sla-policies"),
            "ORG_CALENDARS" => members_read("/calendars"),
            "ORG_BILLING" => members_read("/billing"),
            "ORG_SCHEDULES" => members_read("/schedules"),
            "ORG_ESCALATION_POLICIES" => members_read("/escalation-policies"),
            "ORG_NOTIFICATION_RULES" => members_read("/notification-rules/me"),
            "ORG_INTEGRATIONS" => members_read("/integrations"),
            "ORG_WEBHOOKS" => members_read("/webhooks"),
            "ORG_DELIVERIES" => members_read("/deliveries"),
            "ORG_EVENTS" => vec![
                Case {
                    what: "success",
                    request: signed_in(Req::get(self.org("/events")).with("accept", "text/event-stream")),
                    streams: true,
                    per_process: false,
                },
                case("no session", Req::get(self.org("/events"))),
            ],
            "STRIPE_WEBHOOK" => vec![
                // Replaced per runner by `stripe_event`.
                case("success", Self::stripe_event(0)),
                case(
                    "bad signature",
                    Req::json("POST", "/api/stripe/webhook".into(), json!({})).with("stripe-signature", "t=1,v1=00"),
                ),
            ],
            "CRON_SWEEP" => vec![
                case(
                    "success",
                    Req::get("/api/cron/sweep".into()).with("authorization", &format!("Bearer {CRON_SECRET}")),
                ),
                case("wrong secret", Req::get("/api/cron/sweep".into()).with("authorization", "Bearer guess")),
            ],
            "METRICS" => vec![
                Case {
                    what: "success",
                    request: Req::get("/api/metrics".into()).with("authorization", &format!("Bearer {METRICS_TOKEN}")),
                    streams: false,
                    per_process: true,
                },
                case("wrong token", Req::get("/api/metrics".into()).with("authorization", "Bearer guess")),
            ],
            "INVITES" => vec![
                case("success", Req::json("POST", "/api/invites/preview".into(), json!({"token": self.invite_token}))),
                case(
                    "unknown token",
                    Req::json("POST", "/api/invites/preview".into(), json!({"token": "no-such-token"})),
                ),
            ],
            other => panic!("the endpoint function {other} has no golden cases: add them here"),
        }
    }

    /// The endpoint's own path with this world's ids in it.
    fn concrete(&self, template: &str) -> String {
        template.replace("{orgId}", &self.org_id).replace("{slug}", &self.slug)
    }
}

/// How the Vercel platform hands `path` to the endpoint's function: a path
/// below a nested endpoint through `vercel.json`'s rewrite (`?__path=`),
/// the endpoint's own path with dynamic segments as the file route
/// (`/api/orgs/[orgId]?orgId=…`).
fn as_vercel_delivers(endpoint: &Endpoint, world: &Golden, path: &str) -> String {
    let base = world.concrete(endpoint.path);
    let (bare, query) = path.split_once('?').map_or((path, None), |(p, q)| (p, Some(q)));
    let mut params: Vec<(String, String)> =
        query.map(|q| serde_urlencoded::from_str(q).expect("a query")).unwrap_or_default();
    let target = if bare != base && bare.starts_with(&format!("{base}/")) {
        params.push(("__path".into(), bare.to_owned()));
        base
    } else if bare == base && endpoint.path.contains('{') {
        for (name, value) in [("orgId", &world.org_id), ("slug", &world.slug)] {
            if endpoint.path.contains(&format!("{{{name}}}")) {
                params.push((name.to_owned(), value.clone()));
            }
        }
        endpoint.path.replace('{', "[").replace('}', "]")
    } else {
        bare.to_owned()
    };
    let query = serde_urlencoded::to_string(&params).expect("a query");
    if query.is_empty() { target } else { format!("{target}?{query}") }
}

async fn over_http(base: &str, req: &Req, streams: bool, tag: Option<&str>) -> Answer {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    let mut request = client.request(req.method.parse().expect("method"), format!("{base}{}", req.path));
    for (k, v) in &req.headers {
        request = request.header(k, v);
    }
    if let Some(body) = &req.body {
        request = request.body(body.clone());
    }
    let response = request.send().await.expect("an answer");
    let status = response.status().as_u16();
    let cookies: Vec<String> =
        response.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).map(str::to_owned).collect();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter(|(k, _)| *k != "set-cookie")
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let body = if streams { String::new() } else { response.text().await.expect("body") };
    answer(status, headers, cookies, &body, tag)
}

async fn under_lambda(harness: &LambdaHarness, req: &Req, tag: Option<&str>) -> Answer {
    let reply = harness.invoke_http(req.method, &req.path, &req.headers, req.body.as_deref()).await;
    let status = u16::try_from(reply["statusCode"].as_u64().expect("status")).expect("status");
    let headers = reply["headers"]
        .as_object()
        .map(|h| h.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect())
        .unwrap_or_default();
    let cookies = reply["cookies"]
        .as_array()
        .map(|c| c.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    let raw = reply["body"].as_str().unwrap_or_default();
    let body = if reply["isBase64Encoded"] == true {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD.decode(raw).expect("base64 body");
        String::from_utf8(bytes).expect("utf-8 body")
    } else {
        raw.to_owned()
    };
    answer(status, headers, cookies, &body, tag)
}

/// The methods a path may be asked with that no endpoint serves anywhere.
const UNSERVED_CANDIDATES: &[&str] = &["DELETE", "PUT", "PATCH", "POST"];

on_both_stores! {
    async fn every_function_answers_alike_under_every_runner(world: Golden = golden_world) {
        let local = world.app.url("");
        let mut compared = 0;
        for endpoint in ALL {
            let mut cases = world.cases(endpoint);
            let whats: Vec<&str> = cases.iter().map(|c| c.what).collect();
            assert!(whats.contains(&"success") && whats.len() >= 2, "{} needs a success and an error: {whats:?}", endpoint.name);
            // A method it does not serve, on its success path.
            let success = cases[0].request.clone();
            let mut unserved = None;
            for method in UNSERVED_CANDIDATES {
                let mut probe = success.clone();
                probe.method = method;
                if over_http(&local, &probe, false, None).await.status == 405 {
                    unserved = Some(probe);
                    break;
                }
            }
            cases.push(Case { what: "method not served", request: unserved.unwrap_or_else(|| panic!("{}: no unserved method", endpoint.name)), streams: false, per_process: false });
            if endpoint.nested {
                let below = format!("{}/no-such-thing", world.concrete(endpoint.path));
                let request = Req { path: below, ..success.clone() };
                cases.push(Case { what: "unknown path below", request, streams: false, per_process: false });
            }

            let harness = LambdaHarness::start().await;
            let port = free_port();
            let env = |extra: Vec<(&'static str, String)>| {
                let mut env = vec![
                    ("CRON_SECRET", CRON_SECRET.to_owned()),
                    ("METRICS_TOKEN", METRICS_TOKEN.to_owned()),
                    ("STRIPE_SECRET_KEY", "sk_test_golden".to_owned()),
                    ("STRIPE_WEBHOOK_SECRET", STRIPE_WEBHOOK_SECRET.to_owned()),
                    ("STRIPE_API_BASE", format!("http://127.0.0.1:{}", free_port())),
                    ("SECRETS_KEY", crate::helpers::TEST_SECRETS_KEY.to_owned()),
                ];
                env.extend(extra);
                env
            };
            let binary = endpoint_binary(endpoint);
            let _lambda = spawn_function(&binary, &world.app.db.url, &env(lambda_env(harness.addr, &endpoint.bin_name())));
            let _vercel = spawn_function(&binary, &world.app.db.url, &env(vec![("VERCEL_DEV_PORT", port.to_string())]));
            let vercel = format!("http://127.0.0.1:{port}");
            wait_until_up(&format!("{vercel}/api/health")).await;

            for case in &cases {
                let writes = case.request.path.contains("{runner}") || case.request.body.as_deref().is_some_and(|b| b.contains("{runner}"));
                let tag = |runner: usize| writes.then_some(RUNNER_TAGS[runner]);
                let request = |runner: usize| {
                    if endpoint.name == "STRIPE_WEBHOOK" && case.what == "success" {
                        return Golden::stripe_event(runner);
                    }
                    let mut request = case.request.clone();
                    request.path = request.path.replace("{runner}", RUNNER_TAGS[runner]);
                    request.body = request.body.map(|b| b.replace("{runner}", RUNNER_TAGS[runner]));
                    request
                };
                let own = |mut answer: Answer| {
                    if case.per_process {
                        answer.body = Value::Null;
                    }
                    answer
                };
                let expected = own(over_http(&local, &request(0), case.streams, tag(0)).await);
                if case.what == "success" || case.what == "nested success" {
                    assert!((200..300).contains(&expected.status), "{} {}: {expected:?}", endpoint.name, case.what);
                } else {
                    assert!((400..500).contains(&expected.status), "{} {}: {expected:?}", endpoint.name, case.what);
                }
                let mut via_vercel = request(1);
                via_vercel.path = as_vercel_delivers(endpoint, &world, &via_vercel.path);
                let vercel_answer = own(over_http(&vercel, &via_vercel, case.streams, tag(1)).await);
                assert_eq!(vercel_answer, expected, "{} {} under Vercel ({})", endpoint.name, case.what, via_vercel.path);
                if !case.streams {
                    let lambda_answer = own(under_lambda(&harness, &request(2), tag(2)).await);
                    assert_eq!(lambda_answer, expected, "{} {} under Lambda", endpoint.name, case.what);
                }
                compared += 1;
            }
        }
        assert!(compared >= ALL.len() * 3);
        println!("{compared} golden cases alike under the three runners");
    }
}
