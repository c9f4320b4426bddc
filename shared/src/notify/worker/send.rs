//! One delivery sent through its channel, with what the channel needs:
//! the member's address or phone, the organisation's unsealed settings, the
//! endpoint's secrets.

use super::WorkerContext;
use crate::domain::notify::{RecordNotice, StoredNotice};
use crate::ids::UserId;
use crate::mail::MailMessage;
use crate::notify::channels::{pagerduty, slack, sms, webhook};
use crate::notify::{Channel, Notice, NoticeKind, Receipt, SendError};
use crate::store::{DeliveryRecord, OrgStore, StoreError};

fn refused(detail: impl Into<String>) -> SendError {
    SendError::Permanent { status_code: None, detail: detail.into() }
}

/// Sends one delivery through its channel.
#[tracing::instrument(name = "notify.send", skip_all, fields(otel.kind = "client", channel = %delivery.channel))]
pub(super) async fn send(
    ctx: &WorkerContext,
    scope: &OrgStore<'_>,
    delivery: &DeliveryRecord,
) -> Result<Receipt, SendError> {
    let notice: StoredNotice = serde_json::from_value(delivery.notice.clone())
        .map_err(|e| refused(format!("stored notice unreadable: {e}")))?;
    let channel: Channel = delivery.channel.parse().map_err(refused)?;
    let notice = match notice {
        StoredNotice::Incident(notice) => notice,
        StoredNotice::Record(notice) => return send_record(ctx, scope, delivery, channel, &notice).await,
    };
    match channel {
        Channel::Email => mail_member(ctx, scope, delivery, notice.headline(), email_text(&notice)).await,
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
            let (secret, previous) = crate::notify::open_webhook_secrets(ctx.sealer.as_ref(), scope, &endpoint)
                .await
                .map_err(|e| refused(crate::error::chain(&e)))?;
            let previous = previous.zip(endpoint.previous_valid_until);
            let target = webhook::WebhookEndpoint { url: endpoint.url, secret, previous_secret: previous };
            webhook::send(&ctx.http, &target, &notice, &delivery.id, ctx.store.now()).await
        }
    }
}

/// A notice about another record: by email, or to the Slack channel.
async fn send_record(
    ctx: &WorkerContext,
    scope: &OrgStore<'_>,
    delivery: &DeliveryRecord,
    channel: Channel,
    notice: &RecordNotice,
) -> Result<Receipt, SendError> {
    match channel {
        Channel::Email => mail_member(ctx, scope, delivery, notice.headline.clone(), notice.text.clone()).await,
        Channel::Slack => slack::send_record(&ctx.http, &settings(ctx, scope, Channel::Slack).await?, notice).await,
        other => Err(refused(format!("{other} does not carry notices about {}", notice.about))),
    }
}

/// Mails the member the delivery is for.
async fn mail_member(
    ctx: &WorkerContext,
    scope: &OrgStore<'_>,
    delivery: &DeliveryRecord,
    subject: String,
    text: String,
) -> Result<Receipt, SendError> {
    let user: UserId = delivery.recipient.parse().map_err(|_| refused("recipient is not a member"))?;
    let member = scope.member(user).await.map_err(transient)?.ok_or_else(|| refused("no longer a member"))?;
    let message = MailMessage { to: member.email, subject, text };
    ctx.mailer.send(message).await.map_err(|e| SendError::Retryable { status_code: None, detail: e.to_string() })?;
    Ok(Receipt { status_code: None, detail: "accepted by the mail server".to_owned() })
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
    crate::notify::open_settings(ctx.sealer.as_ref(), scope, channel)
        .await
        .map_err(|e| refused(crate::error::chain(&e)))?
        .ok_or_else(|| refused(format!("{channel} is not configured")))
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
