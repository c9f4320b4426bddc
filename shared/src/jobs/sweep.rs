//! The sweep: the source of truth for timers. Escalations and delivery
//! retries are rows with a due time; each run claims what is due and queues
//! it, and relays whatever the outbox still holds. The local server runs it
//! every second; serverless deployments run it from a cron (Vercel cron,
//! EventBridge schedule) through `POST /api/cron/sweep`.

use crate::http::AppState;
use crate::notify::worker::QueueMessage;

const BATCH: u64 = 200;

#[derive(Debug, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SweepReport {
    pub events_relayed: usize,
    pub escalations_queued: usize,
    pub deliveries_queued: usize,
}

pub async fn sweep_once(state: &AppState) -> Result<SweepReport, super::relay::RelayError> {
    let mut report = SweepReport::default();
    let Some(queue) = &state.queue else {
        return Ok(report);
    };
    report.events_relayed = super::relay::relay_once(state).await?;
    for (org_id, escalation_id) in state.store.claim_due_escalations(BATCH).await? {
        queue.send(&QueueMessage::Escalate { org_id, escalation_id }).await?;
        report.escalations_queued += 1;
    }
    for due in state.store.claim_due_deliveries(BATCH).await? {
        queue.send(&QueueMessage::Deliver { org_id: due.org_id, delivery_id: due.id, lease: Some(due.lease) }).await?;
        report.deliveries_queued += 1;
    }
    Ok(report)
}
