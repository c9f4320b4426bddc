//! Slack, through an incoming webhook: a coloured attachment holding Block
//! Kit blocks, with plain `text` for the notification and older clients.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{REDACTED, deliver};
use crate::domain::incidents::{IncidentStatus, Severity};
use crate::domain::notify::RecordNotice;
use crate::notify::outbound::{Hosts, Outbound};
use crate::notify::{Notice, NoticeKind, Receipt, SendError};

/// Where Slack incoming webhooks live.
pub const HOSTS: Hosts = Hosts::Within(&["hooks.slack.com", "hooks.slack-gov.com"]);

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlackSettings {
    /// `https://hooks.slack.com/services/…`; whoever knows it can post.
    pub webhook_url: String,
}

impl std::fmt::Debug for SlackSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SlackSettings").field("webhook_url", &REDACTED).finish()
    }
}

/// Posts the notice; Slack answers 200 `ok`.
pub async fn send(http: &Outbound, settings: &SlackSettings, notice: &Notice) -> Result<Receipt, SendError> {
    deliver(http.post(&settings.webhook_url, HOSTS)?.json(&message(notice))).await
}

/// Posts a notice about another record: one line, linked to its page.
pub async fn send_record(
    http: &Outbound,
    settings: &SlackSettings,
    notice: &RecordNotice,
) -> Result<Receipt, SendError> {
    let text = format!("*<{}|{}>* {}", notice.url, notice.about, escape(&notice.headline));
    deliver(http.post(&settings.webhook_url, HOSTS)?.json(&json!({"text": text}))).await
}

fn message(notice: &Notice) -> Value {
    let link = format!("*<{}|{} {}>*", notice.url, notice.reference(), escape(&notice.title));
    let assignees = if notice.assignees.is_empty() { "Unassigned".to_owned() } else { notice.assignees.join(", ") };
    let mut fields = vec![
        field("Severity", notice.severity.key()),
        field("Status", notice.status.key()),
        field("Assignees", &escape(&assignees)),
    ];
    if let (NoticeKind::Escalated, Some(level)) = (notice.kind, notice.level) {
        fields.push(field("Escalation", &format!("Escalation level {level}")));
    }
    json!({
        "text": escape(&notice.headline()),
        "attachments": [{
            "color": color(notice),
            "blocks": [
                {
                    "type": "section",
                    "text": {"type": "mrkdwn", "text": format!("{link}\n{}", kind_label(notice.kind))},
                    "fields": fields,
                },
                {
                    "type": "context",
                    "elements": [{"type": "mrkdwn", "text": escape(&notice.org_name)}],
                },
            ],
        }],
    })
}

fn field(label: &str, value: &str) -> Value {
    json!({"type": "mrkdwn", "text": format!("*{label}*\n{value}")})
}

fn kind_label(kind: NoticeKind) -> &'static str {
    match kind {
        NoticeKind::Triggered => "Triggered",
        NoticeKind::Escalated => "Escalated",
        NoticeKind::Acknowledged => "Acknowledged",
        NoticeKind::Resolved => "Resolved",
    }
}

/// The attachment's side bar: green once resolved, else by urgency.
fn color(notice: &Notice) -> &'static str {
    if notice.kind == NoticeKind::Resolved || notice.status == IncidentStatus::Resolved {
        return "#12b76a";
    }
    match notice.severity {
        Severity::P1 => "#d92d20",
        Severity::P2 => "#f79009",
        Severity::P3 => "#fdb022",
        Severity::P4 => "#667085",
    }
}

/// Slack reads `&`, `<` and `>` as markup (links, mentions) in every
/// mrkdwn text, so user-written text must have them escaped.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_inject_slack_markup() {
        assert_eq!(escape("<!channel> a & b > c"), "&lt;!channel&gt; a &amp; b &gt; c");
    }
}
