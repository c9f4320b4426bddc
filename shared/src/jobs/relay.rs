//! The outbox relay: moves domain events recorded with each change to where
//! they go next. Events wait in the outbox until every sink took them, so a
//! sink that is down loses nothing; a relayed event is marked and not sent again.

use std::time::Duration;

use crate::realtime::{Pusher, RealtimeError, channel_for};
use crate::store::{Store, StoreError};

const BATCH: u64 = 200;

#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    #[error("reading or marking the outbox failed")]
    Store(#[from] StoreError),
    #[error("a sink refused an event")]
    Realtime(#[from] RealtimeError),
}

/// Relays pending events once, oldest first; returns how many were relayed.
pub async fn relay_once(store: &Store, realtime: Option<&Pusher>) -> Result<usize, RelayError> {
    let claimed = store.claim_outbox(BATCH).await?;
    let mut relayed = Vec::with_capacity(claimed.len());
    for (org_id, event) in &claimed {
        if let Some(pusher) = realtime {
            let data = event.to_json();
            // Stop at the first failure so events leave in order; the rest
            // go back to the outbox for the next run.
            if let Err(error) = pusher.publish(&channel_for(*org_id), &event.event_type, &data.to_string()).await {
                store.mark_relayed(&relayed).await?;
                let unsent: Vec<i64> = claimed.iter().map(|(_, e)| e.seq).filter(|s| !relayed.contains(s)).collect();
                store.release_claims(&unsent).await?;
                return Err(error.into());
            }
        }
        relayed.push(event.seq);
    }
    store.mark_relayed(&relayed).await?;
    Ok(relayed.len())
}

/// Relays until the outbox is empty or `budget` has passed; logs failures
/// (the events stay in the outbox for the next run).
pub async fn relay_pending(store: &Store, realtime: Option<&Pusher>, budget: Duration) {
    let work = async {
        loop {
            match relay_once(store, realtime).await {
                Ok(0) => return,
                Ok(_) => continue,
                Err(error) => {
                    tracing::warn!(error = %crate::error::chain(&error), "outbox relay stopped; will retry");
                    return;
                }
            }
        }
    };
    let _ = tokio::time::timeout(budget, work).await;
}
