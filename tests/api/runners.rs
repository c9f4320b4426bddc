//! One endpoint binary, run as a real process under each runner, answers as
//! the local server does for the same request.

use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{ChildGuard, PASSWORD, TestApp, free_port, on_both_stores, wait_until_up};
pub(crate) use crate::lambda_runtime_api::{LambdaHarness, lambda_env};

pub(crate) fn endpoint_binary(endpoint: &simplicity_shared::endpoints::Endpoint) -> String {
    let dir = std::path::Path::new(env!("CARGO_BIN_EXE_simplicity")).parent().expect("bin dir").to_owned();
    dir.join(endpoint.bin_name()).display().to_string()
}

pub(crate) fn spawn_function(binary: &str, database_url: &str, env: &[(&str, String)]) -> ChildGuard {
    let mut command = Command::new(binary);
    command
        .env_clear()
        .env("DATABASE_URL", database_url)
        .env("PUBLIC_URL", crate::helpers::PUBLIC_URL)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    for (key, value) in env {
        command.env(key, value);
    }
    ChildGuard(command.spawn().unwrap_or_else(|e| panic!("cannot start {binary}: {e}")))
}

/// Signs up and creates an org through the local server; returns the session
/// cookie (`name=value`), the org id and the person's email.
pub(crate) async fn seed(app: &TestApp) -> (String, String, String) {
    let client = reqwest::Client::new();
    let email = format!("runner-{}@example.com", uuid::Uuid::new_v4().simple());
    let signup = client
        .post(app.url("/api/auth/signup"))
        .json(&json!({"email": email, "password": PASSWORD, "name": "Runner"}))
        .send()
        .await
        .expect("signup");
    assert_eq!(signup.status(), 202);
    let login = client
        .post(app.url("/api/auth/login"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .expect("login");
    assert_eq!(login.status(), 200);
    let set_cookie = login.headers()["set-cookie"].to_str().expect("ascii").to_owned();
    let cookie = set_cookie.split(';').next().expect("cookie pair").to_owned();
    let verified = client
        .post(app.url("/api/auth/verify-email"))
        .header("cookie", &cookie)
        .header("origin", crate::helpers::PUBLIC_URL)
        .json(&json!({"token": app.token_mailed_to(&email, "/verify-email?token=").await}))
        .send()
        .await
        .expect("verify");
    assert_eq!(verified.status(), 204);
    let org: Value = client
        .post(app.url("/api/orgs"))
        .header("cookie", &cookie)
        .header("origin", crate::helpers::PUBLIC_URL)
        .json(&json!({"name": "Runners", "slug": format!("run-{}", &uuid::Uuid::new_v4().simple().to_string()[..8])}))
        .send()
        .await
        .expect("create org")
        .json()
        .await
        .expect("org");
    (cookie, org["id"].as_str().expect("org id").to_owned(), email)
}

/// What the local server answers: (status, JSON body).
async fn local_answer(app: &TestApp, path: &str, cookie: &str) -> (u16, Value) {
    let response = reqwest::Client::new().get(app.url(path)).header("cookie", cookie).send().await.expect("local");
    (response.status().as_u16(), response.json().await.expect("json"))
}

/// A GET with a session cookie under the Lambda runner: (status, JSON body).
async fn invoke(harness: &LambdaHarness, path: &str, cookie: &str) -> (u16, Value) {
    let headers = [("accept".to_owned(), "application/json".to_owned()), ("cookie".to_owned(), cookie.to_owned())];
    let reply = harness.invoke_http("GET", path, &headers, None).await;
    let body = reply["body"].as_str().expect("string body");
    (reply["statusCode"].as_u64().expect("status") as u16, serde_json::from_str(body).expect("json body"))
}

on_both_stores! {
    async fn lambda_runner_answers_like_the_local_server(app: TestApp) {
        let (cookie, org_id, _) = seed(&app).await;
        let harness = LambdaHarness::start().await;
        let binary = endpoint_binary(&simplicity_shared::endpoints::ORG);
        let _function = spawn_function(&binary, &app.db.url, &lambda_env(harness.addr, "api-orgs-orgid"));

        let path = format!("/api/orgs/{org_id}");
        let lambda = invoke(&harness, &path, &cookie).await;
        assert_eq!(lambda.0, 200, "{}", lambda.1);
        assert_eq!(lambda, local_answer(&app, &path, &cookie).await);

        let other_org = format!("/api/orgs/{}", simplicity_shared::ids::OrgId::new());
        let lambda = invoke(&harness, &other_org, &cookie).await;
        assert_eq!(lambda.0, 404);
        assert_eq!(lambda, local_answer(&app, &other_org, &cookie).await);
    }

    async fn vercel_runner_answers_like_the_local_server(app: TestApp) {
        let (cookie, org_id, _) = seed(&app).await;
        let port = free_port();
        let binary = endpoint_binary(&simplicity_shared::endpoints::ORG);
        let _function = spawn_function(&binary, &app.db.url, &[("VERCEL_DEV_PORT", port.to_string())]);
        let client = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        wait_until_up(&format!("{base}/api/health")).await;

        let expected = local_answer(&app, &format!("/api/orgs/{org_id}"), &cookie).await;
        assert_eq!(expected.0, 200);
        // As routed by path, and as Vercel hands over a dynamic-segment file route.
        for path in [format!("/api/orgs/{org_id}"), format!("/api/orgs/[orgId]?orgId={org_id}")] {
            let response = client.get(format!("{base}{path}")).header("cookie", &cookie).send().await.expect("vercel");
            // Sent whole, in one write: a chunked answer is written in pieces,
            // and with no TCP_NODELAY each later one on a kept-alive connection
            // waited for a delayed ACK (~40 ms).
            assert!(response.headers().get("transfer-encoding").is_none(), "not chunked: {:?}", response.headers());
            assert!(response.headers().contains_key("content-length"), "{:?}", response.headers());
            let answer = (response.status().as_u16(), response.json::<Value>().await.expect("json"));
            assert_eq!(answer, expected, "for {path}");
        }
    }
}

/// The notification worker binary (`functions/notify.rs`).
fn worker_binary() -> String {
    let dir = std::path::Path::new(env!("CARGO_BIN_EXE_simplicity")).parent().expect("bin dir").to_owned();
    dir.join("notify-worker").display().to_string()
}

/// An SQS endpoint that refuses connections: the app's own relay cannot
/// deliver, so only the worker under test sends anything.
fn unreachable_sqs() -> simplicity_shared::config::SqsConfig {
    let endpoint = format!("http://127.0.0.1:{}", free_port());
    simplicity_shared::config::SqsConfig {
        queue_url: format!("{endpoint}/123456789012/notify"),
        endpoint: Some(endpoint),
    }
}

async fn worker_app(backend: crate::helpers::Backend) -> TestApp {
    crate::helpers::spawn_app_with(backend, |config| config.sqs = Some(unreachable_sqs())).await
}

on_both_stores! {
    async fn the_worker_takes_sqs_batches_under_lambda_and_reports_failed_messages(app: TestApp = worker_app) {
        let hooks = crate::receivers::Receivers::start().await;
        let org = crate::helpers::OrgFixture::new(&app, "Worker").await;
        let slack = json!({"webhookUrl": hooks.url("/slack/worker")});
        assert_eq!(org.admin.send(reqwest::Method::PUT, &org.path("/integrations/slack"), Some(slack)).await.status(), 204);
        crate::incidents::open_incident(&org.admin, &org, json!({"title": "Via Lambda", "severity": "P3"})).await;
        let mut stream = crate::live::EventReader::open(&org.admin, &org.path("/events"), Some("0")).await;
        let created = stream.next(Duration::from_secs(5)).await.expect("the created event");
        assert_eq!(created.event, "incident.created");
        let message = json!({"type": "event", "orgId": org.id, "eventId": created.data["id"]}).to_string();

        let harness = LambdaHarness::start().await;
        let sqs = unreachable_sqs();
        let mut env = lambda_env(harness.addr, "notify-worker");
        env.extend([
            ("SECRETS_KEY", crate::helpers::TEST_SECRETS_KEY.to_owned()),
            // The Slack receiver is on 127.0.0.1.
            ("OUTBOUND_ALLOW_PRIVATE", "true".to_owned()),
            ("SQS_QUEUE_URL", sqs.queue_url),
            ("SQS_ENDPOINT_URL", sqs.endpoint.unwrap_or_default()),
        ]);
        let _worker = spawn_function(&worker_binary(), &app.db.url, &env);
        let record = |id: &str, body: &str| json!({
            "messageId": id, "receiptHandle": format!("rh-{id}"), "body": body, "attributes": {},
            "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:notify", "awsRegion": "us-east-1",
        });
        let batch = json!({"Records": [record("m1", &message), record("m2", "not a message"), record("m3", &message)]});
        let reply = harness.invoke_raw(batch).await;
        assert_eq!(reply, json!({"batchItemFailures": [{"itemIdentifier": "m2"}]}), "only the unreadable message comes back");
        let received = hooks.wait_for("/slack/worker", 1).await;
        assert!(received[0].body.contains("Via Lambda"));
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(hooks.received("/slack/worker").len(), 1, "the duplicate in the batch sent nothing");
    }
}
