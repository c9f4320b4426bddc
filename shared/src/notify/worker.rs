//! The notification worker. One message at a time, the same code in-process
//! (local mode) and behind SQS (functions/notify): an incident event becomes
//! deliveries and an escalation; an escalation step notifies its level and
//! schedules the next; a delivery is attempted once and retried later with
//! exponential backoff and jitter until it lands or is given up (dead).
//!
//! Every effect is idempotent: deliveries have deterministic ids, escalation
//! steps advance only from the step they were at, and a delivery is claimed
//! before it is sent; so a message handled twice sends nothing twice.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::channels::{pagerduty, slack, sms, webhook};
use super::{Channel, Notice, NoticeKind, Receipt, SendError};
use crate::domain::escalation::{EscalationPolicy, NotificationRules, Target, policy_for};
use crate::domain::events::EventType;
use crate::domain::incidents::IncidentStatus;
use crate::domain::oncall::Schedule;
use crate::ids::{EventId, OrgId, UserId};
use crate::mail::{MailMessage, Mailer};
use crate::secrets::Sealer;
use crate::store::{
    AttemptOutcome, DeliveryRecord, DocumentKind, IncidentRecord, NewDelivery, OrgAccess, OrgStore, Store, StoreError,
};

/// What travels on the queue: ids only; the worker reads the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum QueueMessage {
    #[serde(rename_all = "camelCase")]
    Event { org_id: OrgId, event_id: EventId },
    #[serde(rename_all = "camelCase")]
    Escalate { org_id: OrgId, escalation_id: uuid::Uuid },
    #[serde(rename_all = "camelCase")]
    Deliver {
        org_id: OrgId,
        delivery_id: String,
        /// The lease the sweep took when it queued this retry.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lease: Option<DateTime<Utc>>,
    },
}

pub use crate::domain::notify::RetryPolicy;

/// What a worker needs, built once per process.
#[derive(Clone)]
pub struct WorkerContext {
    pub store: Store,
    pub mailer: Arc<dyn Mailer>,
    pub http: super::outbound::Outbound,
    pub sealer: Option<Sealer>,
    pub public_url: String,
    pub retry: RetryPolicy,
}

#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("store failure")]
    Store(#[from] StoreError),
    #[error("stored notification data is invalid: {0}")]
    Invalid(String),
}

/// Handles one message. An `Err` means "try the message again" (the queue
/// redelivers it); outcomes of sends are recorded, not returned.
pub async fn handle(message: &QueueMessage, ctx: &WorkerContext) -> Result<(), WorkerError> {
    let org_id = match message {
        QueueMessage::Event { org_id, .. }
        | QueueMessage::Escalate { org_id, .. }
        | QueueMessage::Deliver { org_id, .. } => *org_id,
    };
    let Some(access) = ctx.store.system().access(org_id).await? else {
        tracing::warn!(%org_id, "message for an organisation that no longer exists; dropped");
        return Ok(());
    };
    match message {
        QueueMessage::Event { event_id, .. } => on_event(ctx, &access, *event_id).await,
        QueueMessage::Escalate { escalation_id, .. } => escalate(ctx, &access, *escalation_id).await,
        QueueMessage::Deliver { delivery_id, lease, .. } => attempt(ctx, &access, delivery_id, *lease).await,
    }
}

/// A deterministic delivery id: one per (cause, channel, recipient).
pub fn delivery_id(cause: &str, channel: Channel, recipient: &str) -> String {
    let digest = Sha256::digest(format!("{cause}\n{channel}\n{recipient}").as_bytes());
    format!("dlv_{}", hex::encode(&digest[..12]))
}

async fn on_event(ctx: &WorkerContext, access: &OrgAccess, event_id: EventId) -> Result<(), WorkerError> {
    let scope = ctx.store.org_store(access);
    let Some(event) = scope.events().get(event_id).await? else {
        return Ok(());
    };
    let Some(incident_id) = event.incident_id() else {
        return Ok(());
    };
    let Some(incident) = scope.incidents().get(incident_id).await? else {
        return Ok(());
    };
    // Any move off `open` ends escalation. Judged by the incident as it is
    // now, not by the event: a late copy of an old acknowledgement must not
    // stop a reopened incident's escalation.
    if incident.status != IncidentStatus::Open {
        scope.stop_escalation(incident.id).await?;
    }
    let kind = match event.event_type {
        EventType::IncidentCreated | EventType::IncidentReopened => NoticeKind::Triggered,
        EventType::IncidentAcknowledged => NoticeKind::Acknowledged,
        EventType::IncidentResolved => NoticeKind::Resolved,
        _ => return Ok(()),
    };
    let notice = notice(ctx, access, &scope, &incident, event_id, kind, None, event.created_at).await?;
    let created = org_deliveries(&scope, &event_id.to_string(), &notice).await?;
    deliver_all(ctx, access, &scope, created).await?;
    if kind == NoticeKind::Triggered {
        start_escalation(ctx, access, &scope, &incident, event_id).await?;
    }
    Ok(())
}

/// The organisation-wide deliveries of a notice: its Slack channel, its
/// PagerDuty service (which escalates on its own, so not `Escalated`), and
/// the webhook endpoints subscribed to `incident.<kind>`.
async fn org_deliveries(scope: &OrgStore<'_>, cause: &str, notice: &Notice) -> Result<Vec<NewDelivery>, WorkerError> {
    let mut created = Vec::new();
    for (channel, _, _) in scope.channel_settings().await? {
        match channel.parse::<Channel>() {
            Ok(Channel::Slack) => created.push(new_delivery(cause, Channel::Slack, "org", notice)),
            Ok(Channel::PagerDuty) if notice.kind != NoticeKind::Escalated => {
                created.push(new_delivery(cause, Channel::PagerDuty, "org", notice));
            }
            _ => {}
        }
    }
    let webhook_type = format!("incident.{}", notice.kind);
    for endpoint in scope.webhook_endpoints().await? {
        if endpoint.event_types.iter().any(|t| t == "*" || *t == webhook_type) {
            created.push(new_delivery(cause, Channel::Webhook, &endpoint.id.to_string(), notice));
        }
    }
    Ok(created)
}

async fn start_escalation(
    ctx: &WorkerContext,
    access: &OrgAccess,
    scope: &OrgStore<'_>,
    incident: &IncidentRecord,
    trigger: EventId,
) -> Result<(), WorkerError> {
    let mut policies = Vec::new();
    for document in scope.documents(DocumentKind::EscalationPolicy).await? {
        let policy: EscalationPolicy =
            serde_json::from_value(document.definition).map_err(|e| WorkerError::Invalid(e.to_string()))?;
        policies.push((document.id, policy));
    }
    let Some((policy_id, _)) = policy_for(&policies, incident.severity) else {
        tracing::info!(incident = %incident.id, "no escalation policy applies; nobody is paged");
        return Ok(());
    };
    // Only the newest trigger escalates (the store decides, under the
    // incident's lock): a late copy of `incident.created` must not restart a
    // reopened incident's escalation. The run's id is its trigger's.
    if scope.start_escalation(incident.id, trigger, *policy_id, ctx.store.now()).await? {
        // Level 1 now, not at the next sweep.
        escalate(ctx, access, trigger.uuid()).await?;
    }
    Ok(())
}

async fn escalate(ctx: &WorkerContext, access: &OrgAccess, escalation_id: uuid::Uuid) -> Result<(), WorkerError> {
    let scope = ctx.store.org_store(access);
    let Some(running) = scope.escalation(escalation_id).await? else {
        return Ok(());
    };
    let now = ctx.store.now();
    if running.finished_at.is_some() || running.due_at > now {
        return Ok(());
    }
    let Some(incident) = scope.incidents().get(running.incident_id).await? else {
        return Ok(());
    };
    if incident.status != IncidentStatus::Open {
        scope.finish_escalation(running.id).await?;
        return Ok(());
    }
    let Some(document) = scope.document(DocumentKind::EscalationPolicy, running.policy_id).await? else {
        scope.finish_escalation(running.id).await?;
        return Ok(());
    };
    let policy: EscalationPolicy =
        serde_json::from_value(document.definition).map_err(|e| WorkerError::Invalid(e.to_string()))?;
    let Some((level, number)) = policy.level_at(running.next_step) else {
        scope.advance_escalation(running.id, running.next_step, None).await?;
        return Ok(());
    };
    let (kind, shown_level) =
        if running.next_step == 0 { (NoticeKind::Triggered, None) } else { (NoticeKind::Escalated, Some(number)) };
    let event_id = running.trigger();
    let notice = notice(ctx, access, &scope, &incident, event_id, kind, shown_level, now).await?;
    let cause = format!("{}:{}", running.id, running.next_step);
    // Level 1's organisation-wide notices went out with the triggering event.
    let mut created =
        if kind == NoticeKind::Escalated { org_deliveries(&scope, &cause, &notice).await? } else { Vec::new() };
    for user in recipients(&scope, &level.targets, now).await? {
        let rules = match scope.contact_rules(user).await? {
            Some(stored) => serde_json::from_value::<NotificationRules>(serde_json::json!({
                "phone": stored.phone, "channels": stored.rules,
            }))
            .map_err(|e| WorkerError::Invalid(e.to_string()))?,
            None => NotificationRules::default(),
        };
        for channel in rules.channels_for(incident.severity) {
            created.push(new_delivery(&cause, channel, &user.to_string(), &notice));
        }
    }
    let next = policy.level_at(running.next_step + 1).map(|_| now + Duration::seconds(i64::from(level.delay_seconds)));
    // Deliveries first: if this fails midway the step runs again and the
    // deterministic ids find what was already recorded.
    deliver_all(ctx, access, &scope, created).await?;
    scope.advance_escalation(running.id, running.next_step, next).await?;
    Ok(())
}

/// Members reached by `targets` at `at`: named users, and whoever is on call.
async fn recipients(scope: &OrgStore<'_>, targets: &[Target], at: DateTime<Utc>) -> Result<Vec<UserId>, WorkerError> {
    let mut users = Vec::new();
    for target in targets {
        let user = match target {
            Target::User { id } => Some(*id),
            Target::Schedule { id } => match scope.document(DocumentKind::Schedule, *id).await? {
                Some(document) => serde_json::from_value::<Schedule>(document.definition)
                    .map_err(|e| WorkerError::Invalid(e.to_string()))?
                    .on_call_at(at),
                None => None,
            },
        };
        // Only current members are paged.
        if let Some(user) = user
            && !users.contains(&user)
            && scope.member(user).await?.is_some()
        {
            users.push(user);
        }
    }
    Ok(users)
}

#[allow(clippy::too_many_arguments)]
async fn notice(
    ctx: &WorkerContext,
    access: &OrgAccess,
    scope: &OrgStore<'_>,
    incident: &IncidentRecord,
    event_id: EventId,
    kind: NoticeKind,
    level: Option<u32>,
    occurred_at: DateTime<Utc>,
) -> Result<Notice, WorkerError> {
    let members = scope.members().await?;
    let assignees = incident
        .assignees
        .iter()
        .filter_map(|id| members.iter().find(|m| m.user_id == *id).map(|m| m.name.clone()))
        .collect();
    let org = access.org();
    Ok(Notice {
        event_id,
        kind,
        level,
        org_id: org.id,
        org_name: org.name.clone(),
        incident_id: incident.id,
        number: incident.number,
        title: incident.title.clone(),
        severity: incident.severity,
        status: incident.status,
        assignees,
        url: format!("{}/{}/incidents/{}", ctx.public_url.trim_end_matches('/'), org.slug, incident.number),
        occurred_at,
    })
}

fn new_delivery(cause: &str, channel: Channel, recipient: &str, notice: &Notice) -> NewDelivery {
    NewDelivery {
        id: delivery_id(cause, channel, recipient),
        event_id: notice.event_id,
        incident_id: Some(notice.incident_id),
        channel: channel.key().to_owned(),
        recipient: recipient.to_owned(),
        notice: serde_json::to_value(notice).unwrap_or_default(),
    }
}

/// Records the deliveries and makes each one's first attempt now.
async fn deliver_all(
    ctx: &WorkerContext,
    access: &OrgAccess,
    scope: &OrgStore<'_>,
    created: Vec<NewDelivery>,
) -> Result<(), WorkerError> {
    let mut ids = Vec::with_capacity(created.len());
    for new in created {
        ids.push(scope.record_delivery(new).await?.id);
    }
    // In parallel: a slow SMS gateway must not hold up the Slack message.
    let attempts = ids.iter().map(|id| attempt(ctx, access, id, None));
    for result in futures_util::future::join_all(attempts).await {
        result?;
    }
    Ok(())
}

/// One attempt of a pending delivery that is due and not held elsewhere
/// (or held by the sweep's `lease` this message carries).
async fn attempt(
    ctx: &WorkerContext,
    access: &OrgAccess,
    delivery_id: &str,
    lease: Option<DateTime<Utc>>,
) -> Result<(), WorkerError> {
    let scope = ctx.store.org_store(access);
    let Some(delivery) = scope.claim_delivery(delivery_id, lease).await? else {
        return Ok(());
    };
    if let Some(reason) = moved_on(&scope, &delivery).await? {
        tracing::info!(delivery = %delivery.id, %reason, "delivery cancelled");
        scope.cancel_delivery(&delivery, &reason).await?;
        return Ok(());
    }
    let result = send(ctx, &scope, &delivery).await;
    let now = ctx.store.now();
    let outcome = match result {
        Ok(Receipt { status_code, detail }) => AttemptOutcome::Delivered { status_code, detail },
        Err(SendError::Retryable { status_code, detail }) => AttemptOutcome::Failed {
            status_code,
            error: detail,
            retry_at: ctx.retry.next_attempt(delivery.attempts + 1, now),
        },
        Err(SendError::Permanent { status_code, detail }) => {
            AttemptOutcome::Failed { status_code, error: detail, retry_at: None }
        }
    };
    if let AttemptOutcome::Failed { error, retry_at, .. } = &outcome {
        tracing::warn!(delivery = %delivery.id, channel = %delivery.channel, %error, ?retry_at, "delivery attempt failed");
    }
    scope.record_attempt(&delivery, &outcome).await?;
    Ok(())
}

/// Why a notice must no longer go out, if it must not: it is late (a retry,
/// or queued behind an outage) and the incident has moved on. A page for an
/// incident no longer open, or opened again since, would wake someone or
/// reopen a PagerDuty alert for nothing; an acknowledgement or resolution
/// of an incident reopened since would close the new alert. Webhooks are a
/// record of what happened and always go.
async fn moved_on(scope: &OrgStore<'_>, delivery: &DeliveryRecord) -> Result<Option<String>, WorkerError> {
    if delivery.channel == Channel::Webhook.key() {
        return Ok(None);
    }
    let Some(incident_id) = delivery.incident_id else {
        return Ok(None);
    };
    let Some(kind) = delivery.notice.get("kind").and_then(|k| k.as_str()).and_then(|k| k.parse::<NoticeKind>().ok())
    else {
        return Ok(None);
    };
    let Some(incident) = scope.incidents().get(incident_id).await? else {
        return Ok(Some("cancelled: the incident is gone".to_owned()));
    };
    let open = incident.status == IncidentStatus::Open;
    Ok(match kind {
        NoticeKind::Triggered | NoticeKind::Escalated if !open => {
            Some(format!("cancelled: the incident is {} now", incident.status))
        }
        NoticeKind::Triggered | NoticeKind::Escalated
            if scope.incidents().latest_trigger_event(incident.id).await? != Some(delivery.event_id) =>
        {
            Some("cancelled: the incident was reopened since".to_owned())
        }
        NoticeKind::Acknowledged | NoticeKind::Resolved if open => {
            Some("cancelled: the incident was reopened since".to_owned())
        }
        _ => None,
    })
}

fn refused(detail: impl Into<String>) -> SendError {
    SendError::Permanent { status_code: None, detail: detail.into() }
}

/// Sends one delivery through its channel.
async fn send(ctx: &WorkerContext, scope: &OrgStore<'_>, delivery: &DeliveryRecord) -> Result<Receipt, SendError> {
    let notice: Notice = serde_json::from_value(delivery.notice.clone())
        .map_err(|e| refused(format!("stored notice unreadable: {e}")))?;
    let channel: Channel = delivery.channel.parse().map_err(refused)?;
    match channel {
        Channel::Email => {
            let user: UserId = delivery.recipient.parse().map_err(|_| refused("recipient is not a member"))?;
            let member = scope.member(user).await.map_err(transient)?.ok_or_else(|| refused("no longer a member"))?;
            let message = MailMessage { to: member.email, subject: notice.headline(), text: email_text(&notice) };
            ctx.mailer
                .send(message)
                .await
                .map_err(|e| SendError::Retryable { status_code: None, detail: e.to_string() })?;
            Ok(Receipt { status_code: None, detail: "accepted by the mail server".to_owned() })
        }
        Channel::Sms => {
            let user: UserId = delivery.recipient.parse().map_err(|_| refused("recipient is not a member"))?;
            let phone = scope
                .contact_rules(user)
                .await
                .map_err(transient)?
                .and_then(|c| c.phone)
                .ok_or_else(|| refused("no phone number"))?;
            let settings: sms::TwilioSettings = settings(ctx, scope, Channel::Sms).await?;
            sms::send(&ctx.http, &settings, &notice, &phone).await
        }
        Channel::Slack => slack::send(&ctx.http, &settings(ctx, scope, Channel::Slack).await?, &notice).await,
        Channel::PagerDuty => {
            pagerduty::send(&ctx.http, &settings(ctx, scope, Channel::PagerDuty).await?, &notice).await
        }
        Channel::Webhook => {
            let id: uuid::Uuid = delivery.recipient.parse().map_err(|_| refused("not an endpoint"))?;
            let endpoint =
                scope.webhook_endpoint(id).await.map_err(transient)?.ok_or_else(|| refused("endpoint removed"))?;
            let sealer = ctx.sealer.as_ref().ok_or_else(|| refused("SECRETS_KEY is not configured"))?;
            let open = |sealed: &str| sealer.open(sealed).map_err(|e| refused(e.to_string()));
            let previous = match (&endpoint.previous_secret_sealed, endpoint.previous_valid_until) {
                (Some(sealed), Some(until)) => Some((open(sealed)?, until)),
                _ => None,
            };
            let target = webhook::WebhookEndpoint {
                url: endpoint.url,
                secret: open(&endpoint.secret_sealed)?,
                previous_secret: previous,
            };
            webhook::send(&ctx.http, &target, &notice, &delivery.id).await
        }
    }
}

fn transient(error: StoreError) -> SendError {
    SendError::Retryable { status_code: None, detail: crate::error::chain(&error) }
}

/// The organisation's settings for `channel`, unsealed.
async fn settings<T: serde::de::DeserializeOwned>(
    ctx: &WorkerContext,
    scope: &OrgStore<'_>,
    channel: Channel,
) -> Result<T, SendError> {
    let sealed = scope
        .channel_setting(channel.key())
        .await
        .map_err(transient)?
        .ok_or_else(|| refused(format!("{channel} is not configured")))?;
    super::open_settings(ctx.sealer.as_ref(), &sealed, channel).map_err(refused)
}

fn email_text(notice: &Notice) -> String {
    let assignees = if notice.assignees.is_empty() { "nobody yet".to_owned() } else { notice.assignees.join(", ") };
    let why = match (notice.kind, notice.level) {
        (NoticeKind::Escalated, Some(level)) => format!("Nobody acknowledged it yet: escalated to level {level}."),
        (NoticeKind::Triggered, _) => "You are on call for it.".to_owned(),
        (kind, _) => format!("It was {kind}."),
    };
    format!(
        "{} in {}\n\n{why}\nSeverity: {}\nStatus: {}\nAssigned to: {assignees}\n\nOpen it: {}\n",
        notice.headline(),
        notice.org_name,
        notice.severity,
        notice.status,
        notice.url
    )
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

    #[test]
    fn delivery_ids_are_stable_per_cause_channel_and_recipient() {
        let a = delivery_id("evt_1", Channel::Slack, "org");
        assert_eq!(a, delivery_id("evt_1", Channel::Slack, "org"));
        assert_ne!(a, delivery_id("evt_1", Channel::PagerDuty, "org"));
        assert_ne!(a, delivery_id("evt_2", Channel::Slack, "org"));
    }

    #[test]
    fn messages_carry_ids_only() {
        let message = QueueMessage::Deliver { org_id: OrgId::new(), delivery_id: "dlv_1".to_owned(), lease: None };
        let json = serde_json::to_value(&message).expect("json");
        assert_eq!(json["type"], "deliver");
        assert_eq!(serde_json::from_value::<QueueMessage>(json).expect("back"), message);
    }
}
