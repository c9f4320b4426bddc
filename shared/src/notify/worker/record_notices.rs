//! Events about records other than an incident's own life, fanned out to
//! the people they concern: the approvers a change or a request now waits
//! on, the requester of a request that moved, and the assignees of an
//! incident a problem's workaround reached. Each gets an email; change
//! approvals also go to the organisation's Slack channel.
//! Deliveries have deterministic ids, so a redelivered event sends nothing twice.

use super::attempt::deliver_all;
use super::fanout::delivery_id;
use super::{WorkerContext, WorkerError};
use crate::domain::events::EventType;
use crate::domain::notify::RecordNotice;
use crate::ids::{IncidentId, UserId};
use crate::notify::Channel;
use crate::store::{EventRecord, NewDelivery, OrgAccess, OrgStore};

/// Whether `event` is one of these; then it has been handled.
pub(super) async fn on_event(
    ctx: &WorkerContext,
    access: &OrgAccess,
    scope: &OrgStore<'_>,
    event: &EventRecord,
) -> Result<bool, WorkerError> {
    let (notice, recipients, slack) = match event.event_type {
        EventType::ChangeApprovalRequested => approval_requested(ctx, access, event, "changes", true),
        EventType::RequestApprovalRequested => approval_requested(ctx, access, event, "requests", false),
        EventType::RequestStatusChanged => request_moved(ctx, access, event),
        EventType::SlaWarning | EventType::SlaBreached => sla_alert(ctx, access, event),
        EventType::IncidentWorkaroundPublished => match workaround_published(ctx, access, scope, event).await? {
            Some(found) => found,
            None => return Ok(true),
        },
        _ => return Ok(false),
    };
    let cause = event.id.to_string();
    let body = serde_json::to_value(&notice).unwrap_or_default();
    let delivery = |channel: Channel, recipient: String| NewDelivery {
        id: delivery_id(&cause, channel, &recipient),
        event_id: event.id,
        incident_id: None,
        channel: channel.key().to_owned(),
        recipient,
        notice: body.clone(),
    };
    let mut created: Vec<NewDelivery> = recipients.iter().map(|u| delivery(Channel::Email, u.to_string())).collect();
    if slack && scope.channel_settings().await?.iter().any(|(channel, _, _)| channel == Channel::Slack.key()) {
        created.push(delivery(Channel::Slack, "org".to_owned()));
    }
    deliver_all(ctx, access, scope, created).await?;
    Ok(true)
}

fn text_of(event: &EventRecord, key: &str) -> String {
    event.data.get(key).and_then(|v| v.as_str()).unwrap_or_default().to_owned()
}

fn page(ctx: &WorkerContext, access: &OrgAccess, path: &str) -> String {
    format!("{}/{}/{path}", ctx.public_url.trim_end_matches('/'), access.org().slug)
}

/// The record's page: `changes/3` for `CHG-3`.
fn record_page(ctx: &WorkerContext, access: &OrgAccess, pages: &str, number: &str) -> String {
    let digits = number.rsplit('-').next().unwrap_or(number);
    page(ctx, access, &format!("{pages}/{digits}"))
}

/// The approvers of the step that opened, by email (and on Slack when `slack`).
fn approval_requested(
    ctx: &WorkerContext,
    access: &OrgAccess,
    event: &EventRecord,
    pages: &str,
    slack: bool,
) -> (RecordNotice, Vec<UserId>, bool) {
    let (number, title, step) = (text_of(event, "number"), text_of(event, "title"), text_of(event, "step"));
    let approvers: Vec<UserId> =
        event.data.get("approvers").and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default();
    let url = record_page(ctx, access, pages, &number);
    let notice = RecordNotice {
        event_id: event.id,
        org_name: access.org().name.clone(),
        headline: format!("Approval needed: {number} {title}"),
        text: format!(
            "{number} {title} waits for your approval (step \"{step}\") in {}.\n\nReview it and vote:\n{url}\n",
            access.org().name
        ),
        about: number,
        url,
    };
    (notice, approvers, slack)
}

/// The requester of a request that moved, by email: every status it reaches.
fn request_moved(ctx: &WorkerContext, access: &OrgAccess, event: &EventRecord) -> (RecordNotice, Vec<UserId>, bool) {
    let (number, title, status) = (text_of(event, "number"), text_of(event, "title"), text_of(event, "status"));
    let requester: Vec<UserId> =
        event.data.get("requestedBy").and_then(|v| serde_json::from_value(v.clone()).ok()).into_iter().collect();
    let url = record_page(ctx, access, "portal/requests", &number);
    let status = status.replace('_', " ");
    let notice = RecordNotice {
        event_id: event.id,
        org_name: access.org().name.clone(),
        headline: format!("{number} {title}: {status}"),
        text: format!("Your request {number} {title} in {} is now {status}.\n\nSee it:\n{url}\n", access.org().name),
        about: number,
        url,
    };
    (notice, requester, false)
}

/// Those who answer for the record (assignees, commander, team leads),
/// by email: a warning before the target, or its breach.
fn sla_alert(ctx: &WorkerContext, access: &OrgAccess, event: &EventRecord) -> (RecordNotice, Vec<UserId>, bool) {
    let (number, title, metric) = (text_of(event, "number"), text_of(event, "title"), text_of(event, "metric"));
    let notify: Vec<UserId> =
        event.data.get("notify").and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default();
    let pages = if number.starts_with("REQ-") { "requests" } else { "incidents" };
    let url = record_page(ctx, access, pages, &number);
    // An OLA measures one task of the record, against its team.
    let (kind, measured) = match event.data.pointer("/task/name").and_then(serde_json::Value::as_str) {
        Some(task) => ("OLA", format!("The task \"{task}\" of {number} {title}")),
        None => ("SLA", format!("{number} {title}")),
    };
    let (headline, what) = if event.event_type == EventType::SlaBreached {
        (format!("{kind} breached: {number} {title}"), format!("missed its {metric} target"))
    } else {
        let percent = event.data.get("percent").and_then(serde_json::Value::as_u64).unwrap_or_default();
        let due = text_of(event, "dueAt");
        (
            format!("{kind} warning: {number} {title}"),
            format!("has used {percent} % of its {metric} target (due {due})"),
        )
    };
    let policy = text_of(event, "policy");
    let notice = RecordNotice {
        event_id: event.id,
        org_name: access.org().name.clone(),
        headline,
        text: format!("{measured} in {} {what} under the policy {policy}.\n\nSee it:\n{url}\n", access.org().name),
        about: number,
        url,
    };
    (notice, notify, false)
}

/// The incident's assignees, by email.
async fn workaround_published(
    ctx: &WorkerContext,
    access: &OrgAccess,
    scope: &OrgStore<'_>,
    event: &EventRecord,
) -> Result<Option<(RecordNotice, Vec<UserId>, bool)>, WorkerError> {
    let Some(incident) = event.subject.and_then(|s| s.id::<IncidentId>()) else { return Ok(None) };
    let Some(incident) = scope.incidents().get(incident).await? else { return Ok(None) };
    let problem = text_of(event, "problemNumber");
    let about = incident.number().to_string();
    let url = page(ctx, access, &format!("incidents/{}", incident.number));
    let notice = RecordNotice {
        event_id: event.id,
        org_name: access.org().name.clone(),
        headline: format!("Workaround for {about} {} (from {problem})", incident.title),
        text: format!(
            "A workaround was published for the problem behind {about} {} ({problem}):\n\n{}\n\nThe incident:\n{url}\n",
            incident.title,
            text_of(event, "workaround")
        ),
        about,
        url,
    };
    Ok(Some((notice, incident.assignees, false)))
}
