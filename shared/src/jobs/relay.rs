//! The outbox relay: moves domain events recorded with each change to where
//! they go next — the notification queue and Pusher (serverless live
//! updates). Events wait in the outbox until the queue took them, so a queue
//! that is down loses nothing; a relayed event is marked and not sent again.
//!
//! Pusher is best effort: live updates are a convenience over the event log
//! (`GET …/events` reads the outbox, which keeps every event, resuming from
//! the reader's cursor), so a Pusher outage costs immediacy, never an event;
//! and it must not hold up anyone's page.

use std::time::Duration;

use crate::http::AppState;
use crate::ids::OrgId;
use crate::notify::queue::QueueError;
use crate::notify::worker::QueueMessage;
use crate::realtime::{Pusher, channel_for};
use crate::store::{EventRecord, StoreError};

const BATCH: u64 = 200;

#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    #[error("reading or marking the outbox failed")]
    Store(#[from] StoreError),
    #[error("the notification queue refused an event")]
    Queue(#[from] QueueError),
}

/// Relays pending events once, oldest first; returns how many were relayed.
pub async fn relay_once(state: &AppState) -> Result<usize, RelayError> {
    let store = &state.store;
    let claimed = store.claim_outbox(BATCH).await?;
    let mut relayed = Vec::with_capacity(claimed.rows.len());
    let mut failure = None;
    for (org_id, event) in &claimed.rows {
        if let Some(queue) = &state.queue
            && let Err(error) = queue.send(&QueueMessage::Event { org_id: *org_id, event_id: event.id }).await
        {
            // Stop at the first failure so events leave in order; the rest
            // go back to the outbox for the next run.
            failure = Some(error);
            break;
        }
        relayed.push(event.seq);
    }
    store.mark_relayed(&relayed, claimed.until).await?;
    let unsent: Vec<i64> = claimed.rows.iter().map(|(_, e)| e.seq).filter(|s| !relayed.contains(s)).collect();
    store.release_claims(&unsent, claimed.until).await?;
    // After the queue has the whole batch, so a slow Pusher delays no page.
    if let Some(pusher) = &state.realtime {
        let sent: Vec<&(OrgId, EventRecord)> = claimed.rows.iter().filter(|(_, e)| relayed.contains(&e.seq)).collect();
        for chunk in sent.chunks(PUSHER_CONCURRENCY) {
            futures_util::future::join_all(chunk.iter().map(|(org_id, event)| publish_live(pusher, *org_id, event)))
                .await;
        }
    }
    match failure {
        Some(error) => Err(error.into()),
        None => Ok(relayed.len()),
    }
}

/// How many live updates are in flight to Pusher at once.
const PUSHER_CONCURRENCY: usize = 10;

async fn publish_live(pusher: &Pusher, org_id: OrgId, event: &EventRecord) {
    let published = pusher.publish(&channel_for(org_id), &event.event_type, &event.to_json().to_string()).await;
    if let Err(error) = published {
        tracing::warn!(error = %crate::error::chain(&error), event = %event.id, "Pusher did not take a live update");
    }
}

/// Relays until the outbox is empty or `budget` has passed; logs failures
/// (the events stay in the outbox for the next run). The budget is checked
/// between batches, never by cancelling one: a cancelled batch would keep its
/// claims until the lease ran out. Sinks bound their own requests.
pub async fn relay_pending(state: &AppState, budget: Duration) {
    let started = std::time::Instant::now();
    while started.elapsed() < budget {
        match relay_once(state).await {
            Ok(0) => return,
            Ok(_) => continue,
            Err(error) => {
                tracing::warn!(error = %crate::error::chain(&error), "outbox relay stopped; will retry");
                return;
            }
        }
    }
}
