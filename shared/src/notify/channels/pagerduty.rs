//! PagerDuty, through the Events API v2. One PagerDuty alert per incident:
//! every event carries the incident id as `dedup_key`, so a later
//! acknowledge or resolve closes the alert the trigger opened, and an
//! escalation re-triggers the same alert rather than opening another.

use chrono::SecondsFormat;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{REDACTED, api_base, deliver, shorten};
use crate::domain::incidents::Severity;
use crate::notify::outbound::{Hosts, Outbound};
use crate::notify::{Notice, NoticeKind, Receipt, SendError};

/// Where a PagerDuty `apiBase` may point (the US and EU service regions).
pub const HOSTS: Hosts = Hosts::Within(&["pagerduty.com"]);

const DEFAULT_API_BASE: &str = "https://events.pagerduty.com";

/// PagerDuty refuses longer summaries.
const SUMMARY_CHARS: usize = 1024;

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PagerDutySettings {
    /// The integration key of an Events API v2 integration on a service.
    pub routing_key: String,
    /// Defaults to `https://events.pagerduty.com` (EU accounts may use
    /// `https://events.eu.pagerduty.com`); set for a stand-in in tests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_base: Option<String>,
}

impl std::fmt::Debug for PagerDutySettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PagerDutySettings").field("routing_key", &REDACTED).field("api_base", &self.api_base).finish()
    }
}

/// Enqueues the event; PagerDuty answers 202 with its status and dedup key.
pub async fn send(http: &Outbound, settings: &PagerDutySettings, notice: &Notice) -> Result<Receipt, SendError> {
    let url = format!("{}/v2/enqueue", api_base(settings.api_base.as_deref(), DEFAULT_API_BASE));
    deliver(http.post(&url, HOSTS)?.json(&event(&settings.routing_key, notice))).await
}

fn event(routing_key: &str, notice: &Notice) -> Value {
    let dedup_key = notice.incident_id.to_string();
    let action = match notice.kind {
        NoticeKind::Triggered | NoticeKind::Escalated => "trigger",
        NoticeKind::Acknowledged => "acknowledge",
        NoticeKind::Resolved => "resolve",
    };
    if action != "trigger" {
        return json!({"routing_key": routing_key, "event_action": action, "dedup_key": dedup_key});
    }
    json!({
        "routing_key": routing_key,
        "event_action": action,
        "dedup_key": dedup_key,
        "payload": {
            "summary": shorten(&notice.headline(), SUMMARY_CHARS, |_| 1, "…"),
            "source": "simplicity",
            "severity": severity(notice.severity),
            "timestamp": notice.occurred_at.to_rfc3339_opts(SecondsFormat::Millis, true),
            "custom_details": {
                "incident": notice.reference(),
                "organisation": notice.org_name,
                "status": notice.status,
                "assignees": notice.assignees,
                "escalation_level": notice.level,
            },
        },
        "links": [{"href": notice.url, "text": format!("{} in Simplicity", notice.reference())}],
        "client": "Simplicity",
        "client_url": notice.url,
    })
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::P1 => "critical",
        Severity::P2 => "error",
        Severity::P3 => "warning",
        Severity::P4 => "info",
    }
}
