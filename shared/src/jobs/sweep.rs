//! The sweep: the source of truth for timers. Escalations and delivery
//! retries are rows with a due time; each run claims what is due and queues
//! it, relays whatever the outbox still holds, and prunes what has outlived
//! its promise (relayed events, expired idempotency keys) in bounded
//! batches. The local server runs it every second; serverless deployments
//! run it from a cron (Vercel cron, EventBridge schedule) through
//! `GET /api/cron/sweep`.

use crate::app::AppState;
use crate::notify::worker::QueueMessage;

const BATCH: u64 = 200;

/// How long a relayed event stays readable: the event stream resumes from
/// any `Last-Event-ID` this recent, and the workers read events they were
/// sent (SQS keeps a message for at most 14 days, by default 4).
pub const RELAYED_EVENT_RETENTION: chrono::Duration = chrono::Duration::days(14);

/// Rows one sweep prunes at most, per kind, so that a backlog is worked
/// off over several runs instead of in one long statement.
const PRUNE_BATCH: u64 = 1000;
const PRUNE_BATCHES_PER_RUN: usize = 5;

#[derive(Debug, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SweepReport {
    pub events_relayed: usize,
    pub escalations_queued: usize,
    pub deliveries_queued: usize,
    pub events_pruned: u64,
    pub idempotency_keys_pruned: u64,
    /// SLA warnings and breaches delivered (as events).
    pub sla_alerts: usize,
}

/// When this process last refreshed the planner's statistics (Unix seconds).
static STATISTICS_REFRESHED: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
const STATISTICS_EVERY_SECONDS: i64 = 3600;

pub async fn sweep_once(state: &AppState) -> Result<SweepReport, super::relay::RelayError> {
    let started = std::time::Instant::now();
    let swept = sweep(state).await;
    crate::metrics::sweep_ran(started.elapsed());
    swept
}

async fn sweep(state: &AppState) -> Result<SweepReport, super::relay::RelayError> {
    let mut report = SweepReport::default();
    let now = state.store.now();
    // A long-running server's tables outgrow the statistics it started
    // with; stale ones can turn a search into a scan per document.
    let last = STATISTICS_REFRESHED.load(std::sync::atomic::Ordering::Relaxed);
    if now.timestamp() - last >= STATISTICS_EVERY_SECONDS {
        STATISTICS_REFRESHED.store(now.timestamp(), std::sync::atomic::Ordering::Relaxed);
        // Best effort: another process holding the database (an operator's
        // CLI) only delays it to the next hour.
        match state.store.refresh_planner_statistics().await {
            Err(crate::store::StoreError::Busy(_)) => {}
            other => other?,
        }
    }
    let system = state.store.system();
    report.events_pruned = prune(|| system.prune_relayed_events(now - RELAYED_EVENT_RETENTION, PRUNE_BATCH)).await?;
    report.idempotency_keys_pruned = prune(|| system.prune_idempotency_keys(now, PRUNE_BATCH)).await?;
    report.sla_alerts = sla_alerts(state).await?;
    let Some(queue) = &state.queue else {
        return Ok(report);
    };
    report.events_relayed = state.relay.run(state, super::relay::RUN_BUDGET).await?;
    let escalations = system.claim_due_escalations(BATCH).await?;
    for (i, (org_id, escalation_id)) in escalations.rows.iter().enumerate() {
        if let Err(error) = queue.send(&QueueMessage::Escalate { org_id: *org_id, escalation_id: *escalation_id }).await
        {
            let unsent: Vec<uuid::Uuid> = escalations.rows[i..].iter().map(|(_, id)| *id).collect();
            system.release_escalations(&unsent, escalations.until).await?;
            return Err(error.into());
        }
        report.escalations_queued += 1;
    }
    let deliveries = system.claim_due_deliveries(BATCH).await?;
    for (i, (org_id, delivery_id)) in deliveries.rows.iter().enumerate() {
        let message =
            QueueMessage::Deliver { org_id: *org_id, delivery_id: delivery_id.clone(), lease: Some(deliveries.until) };
        if let Err(error) = queue.send(&message).await {
            let unsent: Vec<String> = deliveries.rows[i..].iter().map(|(_, id)| id.clone()).collect();
            system.release_deliveries(&unsent, deliveries.until).await?;
            return Err(error.into());
        }
        report.deliveries_queued += 1;
    }
    Ok(report)
}

/// Delivers the SLA alerts that are due: each becomes a domain event (so
/// the relay below sends it on) once, however many sweeps run at once.
async fn sla_alerts(state: &AppState) -> Result<usize, crate::store::StoreError> {
    let system = state.store.system();
    let meta = crate::domain::audit::AuditMeta::system("SLA sweep");
    let mut sent = 0;
    for (org_id, clock) in system.due_sla_alerts(BATCH).await? {
        let Some(access) = system.access(org_id).await? else { continue };
        if state.store.org_store(&access).sla().alert(clock, &meta).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Runs `batch` until it prunes less than a whole batch, at most
/// [`PRUNE_BATCHES_PER_RUN`] times; returns how many rows went.
async fn prune<F, Fut>(batch: F) -> Result<u64, crate::store::StoreError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<u64, crate::store::StoreError>>,
{
    let mut pruned = 0;
    for _ in 0..PRUNE_BATCHES_PER_RUN {
        let removed = batch().await?;
        pruned += removed;
        if removed < PRUNE_BATCH {
            break;
        }
    }
    Ok(pruned)
}
