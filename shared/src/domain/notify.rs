//! The notification vocabulary: the channels that reach people, why a
//! notice goes out, what a notice says, and how failed sends are retried.
//! Channel adapters and the worker (`crate::notify`) speak it; so does the
//! escalation domain.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::incidents::{IncidentStatus, Severity};
use crate::domain::keyed_enum;
use crate::domain::records::{RecordKind, RecordNumber};
use crate::ids::{EventId, IncidentId, OrgId};

keyed_enum!(
    /// A way of reaching people.
    Channel {
        Email => "email",
        Sms => "sms",
        Slack => "slack",
        PagerDuty => "pagerduty",
        Webhook => "webhook",
    }
);

keyed_enum!(
    /// Why a notice goes out.
    NoticeKind {
        Triggered => "triggered",
        Escalated => "escalated",
        Acknowledged => "acknowledged",
        Resolved => "resolved",
    }
);

/// What one incident event says, channel-independent.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    /// The domain event this notice comes from.
    pub event_id: EventId,
    pub kind: NoticeKind,
    /// For `Escalated`: the escalation level now notified (1-based).
    pub level: Option<u32>,
    pub org_id: OrgId,
    pub org_name: String,
    pub incident_id: IncidentId,
    pub number: i64,
    pub title: String,
    pub severity: Severity,
    pub status: IncidentStatus,
    /// Display names of the assignees.
    pub assignees: Vec<String>,
    /// The incident's page in the web app.
    pub url: String,
    pub occurred_at: DateTime<Utc>,
}

impl Notice {
    /// `INC-42`.
    pub fn reference(&self) -> String {
        RecordNumber::new(RecordKind::Incident, self.number).to_string()
    }

    /// One line: `[P1] INC-42 Checkout is down (open)`.
    pub fn headline(&self) -> String {
        format!("[{}] {} {} ({})", self.severity, self.reference(), self.title, self.status)
    }
}

/// A message about any record to the people it concerns — the approvers a
/// change waits on, the assignees of an incident a workaround reached — by
/// email and the organisation's Slack channel.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordNotice {
    pub event_id: EventId,
    pub org_name: String,
    /// The record it is about: `CHG-3`.
    pub about: String,
    /// One line: the mail's subject, Slack's text.
    pub headline: String,
    /// The mail's body.
    pub text: String,
    /// The record's page in the web app.
    pub url: String,
}

/// What a delivery carries: an incident's notice, or a notice about another record.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum StoredNotice {
    Incident(Notice),
    Record(RecordNotice),
}

/// Backoff between attempts: `base · 2^(attempt-1)`, ±20% jitter, capped;
/// after `max_attempts` the delivery is dead.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub base: Duration,
    pub cap: Duration,
    pub max_attempts: i32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self { base: Duration::seconds(5), cap: Duration::minutes(30), max_attempts: 8 }
    }
}

impl RetryPolicy {
    /// When to try again after `attempts` failed attempts; `None`: give up.
    pub fn next_attempt(&self, attempts: i32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if attempts >= self.max_attempts {
            return None;
        }
        let exponent = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0).min(20);
        let delay = self.base.num_milliseconds().saturating_mul(1 << exponent).min(self.cap.num_milliseconds());
        let mut random = [0u8; 2];
        let jitter = match getrandom::fill(&mut random) {
            Ok(()) => f64::from(u16::from_le_bytes(random)) / f64::from(u16::MAX) * 0.4 - 0.2,
            Err(_) => 0.0,
        };
        Some(now + Duration::milliseconds((delay as f64 * (1.0 + jitter)) as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_gives_up() {
        let policy = RetryPolicy { base: Duration::seconds(10), cap: Duration::seconds(60), max_attempts: 4 };
        let now = Utc::now();
        for (attempts, nominal) in [(1, 10_000), (2, 20_000), (3, 40_000)] {
            let wait = (policy.next_attempt(attempts, now).expect("retry") - now).num_milliseconds();
            assert!((nominal * 8 / 10..=nominal * 12 / 10).contains(&wait), "{attempts}: {wait}");
        }
        assert!(policy.next_attempt(4, now).is_none());
        let capped = RetryPolicy { max_attempts: 40, ..policy };
        assert!((capped.next_attempt(30, now).expect("retry") - now).num_milliseconds() <= 72_000);
    }
}
