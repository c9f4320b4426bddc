//! The notification worker. One message at a time, the same code in-process
//! (local mode) and behind SQS (functions/notify): an incident event becomes
//! deliveries and an escalation (`fanout`); an escalation step notifies its
//! level and schedules the next (`escalation`); a delivery is attempted
//! once (`attempt`, through its channel: `send`) and retried later with
//! exponential backoff and jitter until it lands or is given up (dead).
//!
//! Every effect is idempotent: deliveries have deterministic ids, escalation
//! steps advance only from the step they were at, and a delivery is claimed
//! before it is sent; so a message handled twice sends nothing twice.

pub mod account_mail;
mod attempt;
mod escalation;
mod fanout;
mod record_notices;
mod send;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tracing::Instrument;

pub use fanout::delivery_id;

pub use crate::domain::notify::RetryPolicy;

use crate::ids::{EventId, OrgId};
use crate::mail::Mailer;
use crate::secrets::Sealer;
use crate::store::{Store, StoreError};

/// What travels on the queue: ids only; the worker reads the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum QueueMessage {
    #[serde(rename_all = "camelCase")]
    Event {
        org_id: OrgId,
        event_id: EventId,
        /// The trace the event was recorded in, continued by its handling.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        trace_parent: Option<String>,
    },
    #[serde(rename_all = "camelCase")]
    Escalate { org_id: OrgId, escalation_id: uuid::Uuid },
    /// Mail about an account: carries the address, not an id, so the
    /// request that queues it need not look the account up.
    #[serde(rename_all = "camelCase")]
    AccountMail { mail: account_mail::AccountMail, email: String },
    #[serde(rename_all = "camelCase")]
    Deliver {
        org_id: OrgId,
        delivery_id: String,
        /// The lease the sweep took when it queued this retry.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lease: Option<DateTime<Utc>>,
    },
}

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
    /// A stored policy, schedule or contact rule the domain cannot read.
    #[error("stored notification data is invalid")]
    Invalid(#[source] serde_json::Error),
    #[error("the mail server did not take the message")]
    Mail(#[source] crate::mail::MailError),
    #[error("no randomness for a token")]
    Random,
}

/// Handles one message. An `Err` means "try the message again" (the queue
/// redelivers it); outcomes of sends are recorded, not returned. Its span
/// continues the trace of the request that recorded the event.
pub async fn handle(message: &QueueMessage, ctx: &WorkerContext) -> Result<(), WorkerError> {
    let kind = match message {
        QueueMessage::Event { .. } => "notify.event",
        QueueMessage::Escalate { .. } => "notify.escalate",
        QueueMessage::AccountMail { .. } => "notify.account_mail",
        QueueMessage::Deliver { .. } => "notify.deliver",
    };
    let span = tracing::info_span!("notify.message", otel.name = kind, otel.kind = "consumer");
    if let QueueMessage::Event { trace_parent: Some(parent), .. } = message {
        crate::logging::continue_trace(&span, parent);
    }
    handle_in(message, ctx).instrument(span).await
}

async fn handle_in(message: &QueueMessage, ctx: &WorkerContext) -> Result<(), WorkerError> {
    let org_id = match message {
        QueueMessage::Event { org_id, .. }
        | QueueMessage::Escalate { org_id, .. }
        | QueueMessage::Deliver { org_id, .. } => *org_id,
        QueueMessage::AccountMail { mail, email } => return account_mail::send(ctx, *mail, email).await,
    };
    let Some(access) = ctx.store.system().access(org_id).await? else {
        tracing::warn!(%org_id, "message for an organisation that no longer exists; dropped");
        return Ok(());
    };
    match message {
        QueueMessage::Event { event_id, .. } => fanout::on_event(ctx, &access, *event_id).await,
        QueueMessage::Escalate { escalation_id, .. } => escalation::escalate(ctx, &access, *escalation_id).await,
        QueueMessage::Deliver { delivery_id, lease, .. } => attempt::attempt(ctx, &access, delivery_id, *lease).await,
        QueueMessage::AccountMail { .. } => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_carry_ids_only() {
        let message = QueueMessage::Deliver { org_id: OrgId::new(), delivery_id: "dlv_1".to_owned(), lease: None };
        let json = serde_json::to_value(&message).expect("json");
        assert_eq!(json["type"], "deliver");
        assert_eq!(serde_json::from_value::<QueueMessage>(json).expect("back"), message);
    }
}
