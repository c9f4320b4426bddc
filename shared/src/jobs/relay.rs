//! The outbox relay: moves domain events recorded with each change to where
//! they go next — the notification queue and Pusher (serverless live
//! updates). Events wait in the outbox until the queue took them, so a queue
//! that is down loses nothing; a relayed event is marked and not sent again.
//!
//! One relay runs at a time per process ([`Relay`]): writers ask for a run
//! instead of each relaying what everyone wrote. Across processes (function
//! instances, the sweep) relays claim disjoint events without waiting on
//! one another (`SKIP LOCKED`).
//!
//! Pusher is best effort: live updates are a convenience over the event log
//! (`GET …/events` reads the outbox, resuming from the reader's cursor), so
//! a Pusher outage costs immediacy, never an event; and it must not hold up
//! anyone's page.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::{Mutex, Notify};

use crate::app::AppState;
use crate::ids::OrgId;
use crate::notify::queue::{MAX_BATCH, QueueError};
use crate::notify::worker::QueueMessage;
use crate::realtime::{Pusher, channel_for};
use crate::store::{EventRecord, StoreError};

const BATCH: u64 = 200;

/// How much of its lease a relay keeps in hand before sending another chunk.
const LEASE_MARGIN: chrono::Duration = chrono::Duration::seconds(5);

/// How long one run may go on while writes keep coming; what is left waits
/// for the next run or the sweep.
pub const RUN_BUDGET: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    #[error("reading or marking the outbox failed")]
    Store(#[from] StoreError),
    #[error("the notification queue refused an event")]
    Queue(#[from] QueueError),
}

/// This process's relay. Where the process lives on (local mode, a
/// worker), a background task runs it when woken; in a function, which may
/// be frozen once it has answered, the writer runs it before answering.
/// Either way, a request for a run while one is going makes that run go
/// round once more instead of starting a second.
pub struct Relay {
    woken: bool,
    running: Mutex<()>,
    again: AtomicBool,
    wake: Notify,
}

impl Relay {
    /// Writers run the relay themselves.
    pub fn inline() -> Self {
        Self { woken: false, running: Mutex::new(()), again: AtomicBool::new(false), wake: Notify::new() }
    }

    /// Writers wake [`Relay::run_when_woken`], which runs in the background.
    pub fn in_background() -> Self {
        Self { woken: true, ..Self::inline() }
    }

    /// After a write that recorded events. Failures are logged; the events
    /// stay in the outbox for the next run.
    pub async fn request(&self, state: &AppState) {
        if self.woken {
            self.wake.notify_one();
        } else if let Err(error) = self.run(state, RUN_BUDGET).await {
            tracing::warn!(error = %crate::error::chain(&error), "outbox relay stopped; will retry");
        }
    }

    /// The background task of [`Relay::in_background`].
    pub async fn run_when_woken(&self, state: &AppState) {
        loop {
            self.wake.notified().await;
            if let Err(error) = self.run(state, RUN_BUDGET).await {
                tracing::warn!(error = %crate::error::chain(&error), "outbox relay stopped; will retry");
            }
        }
    }

    /// Relays until nothing is pending or `budget` has passed, unless a run
    /// is going already (then that run goes round again); returns how many
    /// events this call relayed. The budget is checked between batches,
    /// never by cancelling one: a cancelled batch would keep its claims
    /// until the lease ran out.
    pub async fn run(&self, state: &AppState, budget: Duration) -> Result<usize, RelayError> {
        let deadline = Instant::now() + budget;
        self.again.store(true, Ordering::SeqCst);
        let mut relayed = 0;
        loop {
            let Ok(running) = self.running.try_lock() else {
                return Ok(relayed);
            };
            while self.again.swap(false, Ordering::SeqCst) {
                loop {
                    let batch = relay_once(state).await?;
                    relayed += batch;
                    if batch == 0 || Instant::now() >= deadline {
                        break;
                    }
                }
                if Instant::now() >= deadline {
                    return Ok(relayed);
                }
            }
            drop(running);
            // A request that came after the last look but found the run
            // still going must not be left waiting.
            if !self.again.load(Ordering::SeqCst) {
                return Ok(relayed);
            }
        }
    }
}

/// Relays one batch of pending events, oldest first; returns how many.
pub async fn relay_once(state: &AppState) -> Result<usize, RelayError> {
    let store = state.store.system();
    let claimed = store.claim_outbox(BATCH).await?;
    let mut relayed = Vec::with_capacity(claimed.rows.len());
    let mut failure = None;
    for chunk in claimed.rows.chunks(MAX_BATCH) {
        // A queue slow enough to outlast the lease would let another relay
        // take these events too: what is left goes back instead.
        if claimed.until - state.store.now() < LEASE_MARGIN {
            break;
        }
        let (for_worker, for_nobody): (Vec<_>, Vec<_>) =
            chunk.iter().partition(|(_, event)| event.event_type.wakes_worker());
        relayed.extend(for_nobody.iter().map(|(_, event)| event.seq));
        let outcomes = match &state.queue {
            Some(queue) => {
                let messages: Vec<QueueMessage> = for_worker
                    .iter()
                    .map(|(org_id, event)| QueueMessage::Event {
                        org_id: *org_id,
                        event_id: event.id,
                        trace_parent: event.trace_parent.clone(),
                    })
                    .collect();
                queue.send_batch(&messages).await
            }
            None => vec![Ok(()); for_worker.len()],
        };
        for ((_, event), outcome) in for_worker.iter().zip(outcomes) {
            match outcome {
                Ok(()) => relayed.push(event.seq),
                Err(error) => failure = failure.or(Some(error)),
            }
        }
        // Stop at the first failure so events leave (nearly) in order; the
        // rest go back to the outbox for the next run.
        if failure.is_some() {
            break;
        }
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
    let published = pusher.publish(&channel_for(org_id), event.event_type.key(), &event.to_json().to_string()).await;
    if let Err(error) = published {
        tracing::warn!(error = %crate::error::chain(&error), event = %event.id, "Pusher did not take a live update");
    }
}
