//! Notification channels against stand-ins that record each raw request, so
//! the assertions are about what Slack, Twilio, PagerDuty and webhook
//! receivers actually get. Webhook signatures are checked with the Standard
//! Webhooks reference library (Python), not with our own code.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};
use simplicity_shared::domain::incidents::{IncidentStatus, Severity};
use simplicity_shared::ids::{EventId, IncidentId, OrgId};
use simplicity_shared::notify::channels::pagerduty::{self, PagerDutySettings};
use simplicity_shared::notify::channels::slack::{self, SlackSettings};
use simplicity_shared::notify::channels::sms::{self, TwilioSettings};
use simplicity_shared::notify::channels::webhook::{self, WebhookEndpoint};
use simplicity_shared::notify::outbound::Outbound;
use simplicity_shared::notify::{Notice, NoticeKind, Receipt, SendError};

use crate::helpers::{free_port, venv_python};

const INCIDENT_URL: &str = "https://app.simplicity.test/acme/incidents/42";
const TWILIO_SID: &str = "AC0123456789abcdef";
/// base64("AC0123456789abcdef:twilio-token"), written out so the test does
/// not share the sender's encoding.
const TWILIO_BASIC_AUTH: &str = "Basic QUMwMTIzNDU2Nzg5YWJjZGVmOnR3aWxpby10b2tlbg==";

/// One request as the stand-in received it.
#[derive(Debug, Clone)]
struct Recorded {
    method: Method,
    path: String,
    headers: HeaderMap,
    body: String,
}

impl Recorded {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_else(|| panic!("no {name} header"))
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("JSON body")
    }
}

type Log = Arc<Mutex<Vec<Recorded>>>;

/// A receiver on 127.0.0.1:0 answering every request with one fixed reply.
struct StandIn {
    base: String,
    log: Log,
}

impl StandIn {
    async fn start(status: u16, reply: &'static str) -> Self {
        let log = Log::default();
        let status = StatusCode::from_u16(status).expect("status");
        let record = move |State(log): State<Log>, method: Method, uri: Uri, headers: HeaderMap, body: String| async move {
            log.lock().expect("lock").push(Recorded { method, path: uri.path().to_owned(), headers, body });
            (status, reply)
        };
        let router = axum::Router::new().fallback(record).with_state(log.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
        Self { base, log }
    }

    fn requests(&self) -> Vec<Recorded> {
        self.log.lock().expect("lock").clone()
    }

    fn only_request(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(requests.len(), 1, "expected exactly one request: {requests:?}");
        requests[0].clone()
    }
}

/// The stand-ins are on 127.0.0.1: the permissive outbound policy.
fn client() -> Outbound {
    simplicity_shared::tls::install_crypto();
    Outbound::new(true)
}

fn occurred_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 12, 30, 5).single().expect("time")
}

fn notice(kind: NoticeKind) -> Notice {
    Notice {
        event_id: EventId::new(),
        kind,
        level: (kind == NoticeKind::Escalated).then_some(2),
        org_id: OrgId::new(),
        org_name: "Acme & Co".into(),
        incident_id: IncidentId::new(),
        number: 42,
        title: "Checkout is down".into(),
        severity: Severity::P1,
        status: match kind {
            NoticeKind::Acknowledged => IncidentStatus::Acknowledged,
            NoticeKind::Resolved => IncidentStatus::Resolved,
            _ => IncidentStatus::Open,
        },
        assignees: vec!["Ada Lovelace".into(), "Grace Hopper".into()],
        url: INCIDENT_URL.into(),
        occurred_at: occurred_at(),
    }
}

/// The same incident as `base`, at a later point of its life.
fn later(base: &Notice, kind: NoticeKind) -> Notice {
    Notice { event_id: EventId::new(), incident_id: base.incident_id, org_id: base.org_id, ..notice(kind) }
}

fn slack_settings(base: &str) -> SlackSettings {
    SlackSettings { webhook_url: format!("{base}/services/T000/B000/XXXX") }
}

fn twilio_settings(base: &str) -> TwilioSettings {
    TwilioSettings {
        account_sid: TWILIO_SID.into(),
        auth_token: "twilio-token".into(),
        from_number: "+15017122661".into(),
        api_base: Some(base.to_owned()),
    }
}

fn pagerduty_settings(base: &str) -> PagerDutySettings {
    PagerDutySettings { routing_key: "R0UT1NGKEY".into(), api_base: Some(base.to_owned()) }
}

fn endpoint(base: &str, secret: &str, previous: Option<(String, DateTime<Utc>)>) -> WebhookEndpoint {
    WebhookEndpoint { url: format!("{base}/hooks/simplicity"), secret: secret.into(), previous_secret: previous }
}

fn new_secret() -> String {
    webhook::new_secret().expect("randomness")
}

#[tokio::test]
async fn slack_gets_fallback_text_and_a_coloured_block_kit_attachment() {
    let stand_in = StandIn::start(200, "ok").await;
    let receipt = slack::send(&client(), &slack_settings(&stand_in.base), &notice(NoticeKind::Triggered)).await;

    assert_eq!(receipt, Ok(Receipt { status_code: Some(200), detail: "ok".into() }));
    let request = stand_in.only_request();
    assert_eq!((&request.method, request.path.as_str()), (&Method::POST, "/services/T000/B000/XXXX"));
    assert_eq!(request.header("content-type"), "application/json");
    assert_eq!(
        request.json(),
        json!({
            "text": "[P1] INC-42 Checkout is down (open)",
            "attachments": [{
                "color": "#d92d20",
                "blocks": [
                    {
                        "type": "section",
                        "text": {"type": "mrkdwn", "text": format!("*<{INCIDENT_URL}|INC-42 Checkout is down>*\nTriggered")},
                        "fields": [
                            {"type": "mrkdwn", "text": "*Severity*\nP1"},
                            {"type": "mrkdwn", "text": "*Status*\nopen"},
                            {"type": "mrkdwn", "text": "*Assignees*\nAda Lovelace, Grace Hopper"},
                        ],
                    },
                    {"type": "context", "elements": [{"type": "mrkdwn", "text": "Acme &amp; Co"}]},
                ],
            }],
        })
    );
}

#[tokio::test]
async fn slack_shows_escalation_level_unassigned_and_colours_by_severity() {
    let stand_in = StandIn::start(200, "ok").await;
    let http = client();
    let settings = slack_settings(&stand_in.base);
    let escalated = Notice { assignees: vec![], ..notice(NoticeKind::Escalated) };
    slack::send(&http, &settings, &escalated).await.expect("sent");
    for severity in [Severity::P2, Severity::P3, Severity::P4] {
        slack::send(&http, &settings, &Notice { severity, ..notice(NoticeKind::Triggered) }).await.expect("sent");
    }
    slack::send(&http, &settings, &notice(NoticeKind::Resolved)).await.expect("sent");

    let bodies: Vec<Value> = stand_in.requests().iter().map(Recorded::json).collect();
    let colours: Vec<&Value> = bodies.iter().map(|b| &b["attachments"][0]["color"]).collect();
    assert_eq!(colours, ["#d92d20", "#f79009", "#fdb022", "#667085", "#12b76a"]);
    let fields = &bodies[0]["attachments"][0]["blocks"][0]["fields"];
    assert_eq!(fields[2]["text"], "*Assignees*\nUnassigned");
    assert_eq!(fields[3]["text"], "*Escalation*\nEscalation level 2");
}

#[tokio::test]
async fn twilio_gets_one_form_encoded_segment_with_basic_auth() {
    let stand_in = StandIn::start(201, r#"{"sid": "SM123", "status": "queued"}"#).await;
    let long = Notice {
        title: "Checkout latency above threshold in every region ".repeat(6),
        ..notice(NoticeKind::Triggered)
    };
    let receipt = sms::send(&client(), &twilio_settings(&stand_in.base), &long, "+15558675309").await;

    assert_eq!(
        receipt,
        Ok(Receipt { status_code: Some(201), detail: r#"{"sid": "SM123", "status": "queued"}"#.into() })
    );
    let request = stand_in.only_request();
    assert_eq!(request.method, Method::POST);
    assert_eq!(request.path, format!("/2010-04-01/Accounts/{TWILIO_SID}/Messages.json"));
    assert_eq!(request.header("authorization"), TWILIO_BASIC_AUTH);
    assert_eq!(request.header("content-type"), "application/x-www-form-urlencoded");
    let form: HashMap<String, String> = serde_urlencoded::from_str(&request.body).expect("form body");
    assert_eq!(form.len(), 3, "{form:?}");
    assert_eq!(form["To"], "+15558675309");
    assert_eq!(form["From"], "+15017122661");
    let text = &form["Body"];
    assert!(text.chars().count() <= 160, "{} chars: {text}", text.chars().count());
    assert!(text.starts_with("P1 INC-42 triggered: Checkout latency"), "{text}");
    assert!(text.ends_with(&format!("... {INCIDENT_URL}")), "{text}");
}

#[tokio::test]
async fn pagerduty_triggers_acknowledges_and_resolves_one_alert() {
    let stand_in = StandIn::start(202, r#"{"status":"success","message":"Event processed","dedup_key":"x"}"#).await;
    let http = client();
    let settings = pagerduty_settings(&stand_in.base);
    let triggered = notice(NoticeKind::Triggered);
    let receipt = pagerduty::send(&http, &settings, &triggered).await.expect("trigger");
    assert_eq!(receipt.status_code, Some(202));
    for kind in [NoticeKind::Escalated, NoticeKind::Acknowledged, NoticeKind::Resolved] {
        pagerduty::send(&http, &settings, &later(&triggered, kind)).await.expect("sent");
    }

    let requests = stand_in.requests();
    assert!(requests.iter().all(|r| r.method == Method::POST && r.path == "/v2/enqueue"), "{requests:?}");
    assert!(requests.iter().all(|r| r.header("content-type") == "application/json"));
    let bodies: Vec<Value> = requests.iter().map(Recorded::json).collect();
    let dedup_key = triggered.incident_id.to_string();
    assert_eq!(
        bodies[0],
        json!({
            "routing_key": "R0UT1NGKEY",
            "event_action": "trigger",
            "dedup_key": dedup_key,
            "payload": {
                "summary": "[P1] INC-42 Checkout is down (open)",
                "source": "simplicity",
                "severity": "critical",
                "timestamp": "2025-03-01T12:30:05.000Z",
                "custom_details": {
                    "incident": "INC-42",
                    "organisation": "Acme & Co",
                    "status": "open",
                    "assignees": ["Ada Lovelace", "Grace Hopper"],
                    "escalation_level": null,
                },
            },
            "links": [{"href": INCIDENT_URL, "text": "INC-42 in Simplicity"}],
            "client": "Simplicity",
            "client_url": INCIDENT_URL,
        })
    );
    assert_eq!(bodies[1]["event_action"], "trigger");
    assert_eq!(bodies[1]["payload"]["custom_details"]["escalation_level"], 2);
    assert_eq!(bodies[2], json!({"routing_key": "R0UT1NGKEY", "event_action": "acknowledge", "dedup_key": dedup_key}));
    assert_eq!(bodies[3], json!({"routing_key": "R0UT1NGKEY", "event_action": "resolve", "dedup_key": dedup_key}));
}

#[tokio::test]
async fn pagerduty_maps_severities_and_caps_the_summary() {
    let stand_in = StandIn::start(202, "{}").await;
    let http = client();
    let settings = pagerduty_settings(&stand_in.base);
    for severity in [Severity::P2, Severity::P3, Severity::P4] {
        pagerduty::send(&http, &settings, &Notice { severity, ..notice(NoticeKind::Triggered) }).await.expect("sent");
    }
    let long = Notice { title: "x".repeat(2000), ..notice(NoticeKind::Triggered) };
    pagerduty::send(&http, &settings, &long).await.expect("sent");

    let bodies: Vec<Value> = stand_in.requests().iter().map(Recorded::json).collect();
    let severities: Vec<&Value> = bodies.iter().take(3).map(|b| &b["payload"]["severity"]).collect();
    assert_eq!(severities, ["error", "warning", "info"]);
    let summary = bodies[3]["payload"]["summary"].as_str().expect("summary");
    assert_eq!(summary.chars().count(), 1024);
    assert!(summary.starts_with("[P1] INC-42 xxx") && summary.ends_with('…'), "{summary}");
}

/// Whether the Standard Webhooks reference library, knowing only `secret`,
/// accepts the request; its complaint otherwise.
fn standard_webhooks_verify(secret: &str, request: &Recorded) -> Result<(), String> {
    use std::io::Write;
    let headers: serde_json::Map<String, Value> = request
        .headers
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), Value::from(value.to_str().expect("ASCII header"))))
        .collect();
    let mut child = std::process::Command::new(venv_python())
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/standard_webhooks_verify.py"))
        .arg(secret)
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python with standardwebhooks (scripts/ensure-venv)");
    let input = json!({"headers": headers, "body": request.body}).to_string();
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write request");
    let output = child.wait_with_output().expect("verifier");
    if output.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&output.stderr).into_owned()) }
}

#[tokio::test]
async fn webhooks_carry_standard_headers_and_a_signature_the_reference_library_accepts() {
    let stand_in = StandIn::start(204, "").await;
    let secret = new_secret();
    let triggered = notice(NoticeKind::Triggered);
    let msg_id = format!("msg_{}", triggered.event_id);
    let receipt =
        webhook::send(&client(), &endpoint(&stand_in.base, &secret, None), &triggered, &msg_id, chrono::Utc::now())
            .await;

    assert_eq!(receipt, Ok(Receipt { status_code: Some(204), detail: String::new() }));
    let request = stand_in.only_request();
    assert_eq!((&request.method, request.path.as_str()), (&Method::POST, "/hooks/simplicity"));
    assert_eq!(request.header("content-type"), "application/json");
    assert_eq!(request.header("webhook-id"), msg_id);
    let timestamp: i64 = request.header("webhook-timestamp").parse().expect("unix seconds");
    assert!((Utc::now().timestamp() - timestamp).abs() <= 5, "timestamp {timestamp} is not now");
    let signature = request.header("webhook-signature");
    assert!(signature.starts_with("v1,") && !signature.contains(' '), "{signature}");

    let body = request.json();
    assert_eq!(body["type"], "incident.triggered");
    assert_eq!(body["timestamp"], "2025-03-01T12:30:05.000Z");
    assert_eq!(body["data"]["incidentId"], triggered.incident_id.to_string());
    assert_eq!(body["data"]["eventId"], triggered.event_id.to_string());
    assert_eq!(body["data"]["title"], "Checkout is down");
    assert_eq!(body["data"]["severity"], "P1");
    assert_eq!(body["data"]["url"], INCIDENT_URL);

    assert_eq!(standard_webhooks_verify(&secret, &request), Ok(()));
    assert!(standard_webhooks_verify(&new_secret(), &request).is_err(), "a wrong secret must not verify");
    let tampered = Recorded { body: request.body.replace("Checkout is down", "Checkout is up"), ..request.clone() };
    assert!(standard_webhooks_verify(&secret, &tampered).is_err(), "a changed body must not verify");
}

#[tokio::test]
async fn during_rotation_receivers_still_holding_the_old_secret_can_verify() {
    let stand_in = StandIn::start(200, "").await;
    let http = client();
    let (old, new) = (new_secret(), new_secret());
    let rotating = endpoint(&stand_in.base, &new, Some((old.clone(), Utc::now() + chrono::Duration::hours(24))));
    let expired = endpoint(&stand_in.base, &new, Some((old.clone(), Utc::now() - chrono::Duration::seconds(1))));
    let resolved = notice(NoticeKind::Resolved);
    webhook::send(&http, &rotating, &resolved, "msg_rotating", chrono::Utc::now()).await.expect("sent");
    webhook::send(&http, &expired, &resolved, "msg_expired", chrono::Utc::now()).await.expect("sent");

    let requests = stand_in.requests();
    let (during, after) = (&requests[0], &requests[1]);
    assert_eq!(during.json()["type"], "incident.resolved");
    assert_eq!(during.header("webhook-signature").split(' ').count(), 2);
    assert_eq!(standard_webhooks_verify(&old, during), Ok(()));
    assert_eq!(standard_webhooks_verify(&new, during), Ok(()));
    assert_eq!(after.header("webhook-signature").split(' ').count(), 1);
    assert!(standard_webhooks_verify(&old, after).is_err(), "an expired secret must no longer sign");
    assert_eq!(standard_webhooks_verify(&new, after), Ok(()));
}

/// Sends one notice through every channel to `base`.
async fn send_through_every_channel(base: &str) -> Vec<(&'static str, Result<Receipt, SendError>)> {
    let http = client();
    let triggered = notice(NoticeKind::Triggered);
    vec![
        ("slack", slack::send(&http, &slack_settings(base), &triggered).await),
        ("sms", sms::send(&http, &twilio_settings(base), &triggered, "+15558675309").await),
        ("pagerduty", pagerduty::send(&http, &pagerduty_settings(base), &triggered).await),
        (
            "webhook",
            webhook::send(&http, &endpoint(base, &new_secret(), None), &triggered, "msg_1", chrono::Utc::now()).await,
        ),
    ]
}

#[tokio::test]
async fn server_errors_and_unreachable_receivers_are_retryable_refusals_are_not() {
    let failing = StandIn::start(500, "upstream exploded").await;
    for (channel, result) in send_through_every_channel(&failing.base).await {
        assert!(
            matches!(&result, Err(SendError::Retryable { status_code: Some(500), detail }) if detail.contains("upstream exploded")),
            "{channel}: {result:?}"
        );
    }
    let throttling = StandIn::start(429, "slow down").await;
    for (channel, result) in send_through_every_channel(&throttling.base).await {
        assert!(matches!(result, Err(SendError::Retryable { status_code: Some(429), .. })), "{channel}: {result:?}");
    }
    let refusing = StandIn::start(400, "invalid_payload").await;
    for (channel, result) in send_through_every_channel(&refusing.base).await {
        assert!(matches!(result, Err(SendError::Permanent { status_code: Some(400), .. })), "{channel}: {result:?}");
    }
    let nobody = format!("http://127.0.0.1:{}", free_port());
    for (channel, result) in send_through_every_channel(&nobody).await {
        assert!(matches!(result, Err(SendError::Retryable { status_code: None, .. })), "{channel}: {result:?}");
    }
}

/// A receiver that answers 200 and then streams a body without end; says
/// how many bytes it got out before the sender hung up.
async fn endless_receiver() -> (String, tokio::sync::mpsc::UnboundedReceiver<usize>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let (written, hung_up) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let written = written.clone();
            tokio::spawn(async move {
                let mut request = vec![0u8; 64 * 1024];
                let _ = socket.read(&mut request).await;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n";
                let mut sent = 0;
                if socket.write_all(head.as_bytes()).await.is_ok() {
                    let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "x".repeat(64 * 1024));
                    while sent < 4 << 30 && socket.write_all(chunk.as_bytes()).await.is_ok() {
                        sent += chunk.len();
                    }
                }
                let _ = written.send(sent);
            });
        }
    });
    (base, hung_up)
}

#[tokio::test]
async fn a_receiver_streaming_without_end_is_read_a_few_kilobytes_and_dropped() {
    let (base, mut hung_up) = endless_receiver().await;
    for (channel, result) in send_through_every_channel(&base).await {
        let receipt = result.unwrap_or_else(|e| panic!("{channel}: {e:?}"));
        assert_eq!(receipt.status_code, Some(200), "{channel}");
        let written = hung_up.recv().await.expect("the receiver reports");
        // What the sockets' buffers hold, at most: not the gigabytes on offer.
        assert!(written < 32 << 20, "{channel}: the sender read on ({written} bytes sent)");
    }
}

#[tokio::test]
async fn a_malformed_webhook_secret_is_refused_without_sending() {
    let stand_in = StandIn::start(200, "").await;
    let broken = endpoint(&stand_in.base, "whsec_not base64!", None);
    let result = webhook::send(&client(), &broken, &notice(NoticeKind::Triggered), "msg_1", chrono::Utc::now()).await;
    assert!(matches!(result, Err(SendError::Permanent { status_code: None, .. })), "{result:?}");
    assert!(stand_in.requests().is_empty());
}
