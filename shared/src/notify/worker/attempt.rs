//! Delivery attempts: each claimed once, cancelled if the incident has moved
//! on, sent, and recorded with when to try again.

use chrono::{DateTime, Utc};

use super::send::send;
use super::{WorkerContext, WorkerError};
use crate::domain::incidents::IncidentStatus;
use crate::notify::{Channel, NoticeKind, Receipt, SendError};
use crate::store::{AttemptOutcome, DeliveryRecord, NewDelivery, OrgAccess, OrgStore};

/// Records the deliveries and makes each one's first attempt now.
pub(super) async fn deliver_all(
    ctx: &WorkerContext,
    access: &OrgAccess,
    scope: &OrgStore<'_>,
    created: Vec<NewDelivery>,
) -> Result<(), WorkerError> {
    let mut recorded = Vec::with_capacity(created.len());
    for new in created {
        let id = new.id.clone();
        recorded.push((id, scope.record_delivery(new).await?));
    }
    // In parallel: a slow SMS gateway must not hold up the Slack message.
    let attempts = recorded.iter().map(|(id, lease)| attempt(ctx, access, id, *lease));
    for result in futures_util::future::join_all(attempts).await {
        result?;
    }
    Ok(())
}

/// One attempt of a pending delivery that is due and not held elsewhere
/// (or held by the sweep's `lease` this message carries).
pub(super) async fn attempt(
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
        crate::metrics::delivery_attempted(&delivery.channel, "cancelled");
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
    let counted = match &outcome {
        AttemptOutcome::Delivered { .. } => "delivered",
        AttemptOutcome::Failed { retry_at: Some(_), .. } => "retrying",
        AttemptOutcome::Failed { .. } => "failed",
    };
    crate::metrics::delivery_attempted(&delivery.channel, counted);
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
