//! The audit log, for admins: filter, page, export as NDJSON, verify.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::ApiQuery;
use super::tenant::OrgContext;
use crate::domain::permissions::Action;
use crate::error::{Error, Result};
use crate::ids::{AuditEventId, UserId};
use crate::store::{AuditFilter, AuditRecord};

const MAX_PAGE: u64 = 200;
const EXPORT_PAGE: u64 = 1000;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEventView {
    id: AuditEventId,
    seq: i64,
    actor_id: Option<UserId>,
    actor: String,
    action: String,
    target: String,
    summary: serde_json::Value,
    request_id: String,
    ip: String,
    user_agent: String,
    created_at: DateTime<Utc>,
    hash: String,
}

impl From<AuditRecord> for AuditEventView {
    fn from(r: AuditRecord) -> Self {
        Self {
            id: r.id,
            seq: r.seq,
            actor_id: r.actor_id,
            actor: r.actor_label,
            action: r.action,
            target: r.target,
            summary: r.summary,
            request_id: r.request_id,
            ip: r.ip,
            user_agent: r.user_agent,
            created_at: r.created_at,
            hash: r.hash,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    data: Vec<AuditEventView>,
    /// Pass as `cursor` for the next (older) page; absent on the last page.
    next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only events by this user.
    actor: Option<UserId>,
    /// Only this action, e.g. `member.roles_changed`.
    action: Option<String>,
    /// Events at or after this time.
    from: Option<DateTime<Utc>>,
    /// Events before this time.
    to: Option<DateTime<Utc>>,
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u64>,
    /// `ndjson` exports every matching event, one JSON object per line.
    format: Option<String>,
}

/// The organisation's audit log, newest first (admins only). Filter by actor,
/// action and time; page with `cursor`; `format=ndjson` (or `Accept:
/// application/x-ndjson`) exports all matching events.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/audit", tag = "orgs",
    params(AuditQuery),
    responses(
        (status = 200, body = AuditPage),
        (status = 200, content_type = "application/x-ndjson", description = "export"),
        (status = 403, body = crate::error::Problem),
    )
)]
async fn list_audit(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Response> {
    org.require(Action::ViewAudit)?;
    let before_seq = match &query.cursor {
        Some(cursor) => {
            Some(cursor.parse::<i64>().map_err(|_| Error::field("cursor", "is not a cursor from this API"))?)
        }
        None => None,
    };
    let filter = AuditFilter { actor: query.actor, action: query.action, from: query.from, to: query.to, before_seq };
    let wants_ndjson = query.format.as_deref() == Some("ndjson")
        || headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("application/x-ndjson"));
    if let Some(format) = query.format.as_deref().filter(|f| *f != "ndjson" && *f != "json") {
        return Err(Error::field("format", format!("{format:?} is not json or ndjson")));
    }
    if wants_ndjson {
        return Ok(export(&state, &org, filter).into_response());
    }
    let scope = org.scope(&state);
    let limit = query.limit.unwrap_or(50);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(Error::field("limit", format!("must be between 1 and {MAX_PAGE}")));
    }
    let mut events = scope.audit_events(&filter, limit + 1).await?;
    let more = events.len() as u64 > limit;
    events.truncate(limit as usize);
    let next_cursor = if more { events.last().map(|e| e.seq.to_string()) } else { None };
    Ok(Json(AuditPage { data: events.into_iter().map(Into::into).collect(), next_cursor }).into_response())
}

/// Every matching event as NDJSON, streamed a page at a time: memory stays
/// bounded however long the log. A failure mid-way ends the stream early
/// (the client sees a truncated body), and is logged.
fn export(state: &AppState, org: &OrgContext, filter: AuditFilter) -> impl IntoResponse {
    let (store, access) = (state.store.clone(), org.access.clone());
    let pages = futures_util::stream::try_unfold(Some(filter), move |filter| {
        let (store, access) = (store.clone(), access.clone());
        async move {
            let Some(mut filter) = filter else { return Ok(None) };
            let page = store.org_store(&access).audit_events(&filter, EXPORT_PAGE).await?;
            let Some(last) = page.last().map(|e| e.seq) else { return Ok(None) };
            let mut lines = Vec::new();
            for event in page {
                serde_json::to_writer(&mut lines, &AuditEventView::from(event)).map_err(Error::internal)?;
                lines.push(b'\n');
            }
            filter.before_seq = Some(last);
            Ok::<_, Error>(Some((bytes::Bytes::from(lines), Some(filter))))
        }
    });
    let pages = futures_util::TryStreamExt::inspect_err(pages, |error| {
        tracing::error!(error = %crate::error::chain(error), "audit export ended early");
    });
    ([(header::CONTENT_TYPE, "application/x-ndjson")], axum::body::Body::from_stream(pages))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChainVerification {
    /// True when every event's hash and link to its predecessor check out.
    valid: bool,
    /// Events verified before the first broken one (or all of them).
    checked: u64,
    /// The first event whose stored hash or link does not match.
    first_broken_event: Option<AuditEventId>,
    first_broken_seq: Option<i64>,
}

/// Recomputes the organisation's hash chain and reports the first broken link.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/audit/verify", tag = "orgs",
    responses((status = 200, body = ChainVerification), (status = 403, body = crate::error::Problem))
)]
async fn verify_audit(State(state): State<AppState>, org: OrgContext) -> Result<Json<ChainVerification>> {
    org.require(Action::ViewAudit)?;
    let report = org.scope(&state).verify_audit_chain().await?;
    Ok(Json(ChainVerification {
        valid: report.first_broken.is_none(),
        checked: report.checked,
        first_broken_event: report.first_broken.map(|(id, _)| id),
        first_broken_seq: report.first_broken.map(|(_, seq)| seq),
    }))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_audit)).routes(routes!(verify_audit))
}
