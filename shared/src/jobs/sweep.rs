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
    let escalations = state.store.claim_due_escalations(BATCH).await?;
    for (i, (org_id, escalation_id)) in escalations.rows.iter().enumerate() {
        if let Err(error) = queue.send(&QueueMessage::Escalate { org_id: *org_id, escalation_id: *escalation_id }).await
        {
            let unsent: Vec<uuid::Uuid> = escalations.rows[i..].iter().map(|(_, id)| *id).collect();
            state.store.release_escalations(&unsent, escalations.until).await?;
            return Err(error.into());
        }
        report.escalations_queued += 1;
    }
    let deliveries = state.store.claim_due_deliveries(BATCH).await?;
    for (i, (org_id, delivery_id)) in deliveries.rows.iter().enumerate() {
        let message =
            QueueMessage::Deliver { org_id: *org_id, delivery_id: delivery_id.clone(), lease: Some(deliveries.until) };
        if let Err(error) = queue.send(&message).await {
            let unsent: Vec<String> = deliveries.rows[i..].iter().map(|(_, id)| id.clone()).collect();
            state.store.release_deliveries(&unsent, deliveries.until).await?;
            return Err(error.into());
        }
        report.deliveries_queued += 1;
    }
    Ok(report)
}
