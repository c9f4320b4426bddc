//! The live stream: Server-Sent Events of the organisation's domain events,
//! resumable with `Last-Event-ID` from the outbox, so a reconnecting browser
//! misses nothing.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::ApiQuery;
use super::session::Credential;
use super::tenant::OrgContext;
use crate::domain::permissions::Action;
use crate::error::{Error, Result};
use crate::store::OrgAccess;

const POLL_EVERY: Duration = Duration::from_millis(200);
/// Re-check membership and the credential this often, so the stream of a
/// removed member, or of a session signed out or token revoked, ends.
const RECHECK_EVERY_POLLS: u32 = 50;
const BATCH: u64 = 200;

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StreamQuery {
    /// Resume after this event id (for clients that cannot send `Last-Event-ID`).
    last_event_id: Option<i64>,
}

struct Cursor {
    state: AppState,
    access: OrgAccess,
    credential: Credential,
    after: i64,
    polls: u32,
    pending: std::collections::VecDeque<Event>,
}

/// Domain events as they happen (`incident.created`, `incident.acknowledged`,
/// `incident.note_added`, …). Each event's `id` is its position; reconnect
/// with `Last-Event-ID` to receive what was missed.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/events", tag = "incidents",
    params(("Last-Event-ID" = Option<String>, Header), StreamQuery),
    responses((status = 200, content_type = "text/event-stream", description = "the event stream"))
)]
async fn stream(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<StreamQuery>,
) -> Result<Sse<impl Stream<Item = std::result::Result<Event, Infallible>>>> {
    org.require(Action::ViewIncidents)?;
    let resume = match headers.get("last-event-id") {
        Some(value) => Some(
            value
                .to_str()
                .ok()
                .and_then(|v| v.trim().parse::<i64>().ok())
                .ok_or_else(|| Error::BadRequest("Last-Event-ID is not an event id of this stream".into()))?,
        ),
        None => query.last_event_id,
    };
    let after = match resume {
        Some(after) => after,
        None => org.scope(&state).events().latest_seq().await?,
    };
    let cursor = Cursor {
        state,
        access: org.access,
        credential: org.current.credential,
        after,
        polls: 0,
        pending: Default::default(),
    };
    let events = futures_util::stream::unfold(cursor, |mut cursor| async move {
        loop {
            if let Some(event) = cursor.pending.pop_front() {
                return Some((Ok(event), cursor));
            }
            cursor.polls += 1;
            if cursor.polls % RECHECK_EVERY_POLLS == 0 {
                let (user, _) = cursor.access.member()?;
                let member =
                    matches!(cursor.state.store.member_access(user, cursor.access.org_id()).await, Ok(Some(_)));
                let signed_in = matches!(cursor.credential.still_valid(&cursor.state.store).await, Ok(true));
                if !(member && signed_in) {
                    return None;
                }
            }
            match cursor.state.store.org_store(&cursor.access).events().after(cursor.after, BATCH).await {
                Ok(batch) if !batch.is_empty() => {
                    for record in batch {
                        cursor.after = record.seq;
                        let data = record.to_json();
                        cursor.pending.push_back(
                            Event::default()
                                .id(record.seq.to_string())
                                .event(record.event_type.key())
                                .data(data.to_string()),
                        );
                    }
                }
                Ok(_) => tokio::time::sleep(POLL_EVERY).await,
                Err(error) => {
                    tracing::warn!(error = %crate::error::chain(&error), "event stream stopped");
                    return None;
                }
            }
        }
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(stream))
}
