//! Incidents: create (idempotent), list, read, change under `If-Match`,
//! timeline notes and handoff.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::tenant::OrgContext;
use crate::domain::accounts::check_text;
use crate::domain::incidents::{IncidentStatus, Severity, SlaTarget, Source, display_number};
use crate::domain::permissions::Action;
use crate::error::{Error, FieldError, Result};
use crate::ids::{IncidentId, OrgId, TimelineEntryId, UserId};
use crate::store::{
    ChangeRefusal, CreateRefusal, IncidentChange, IncidentFilter, IncidentRecord, IncidentSort, NewIncident, OrgStore,
    StatusFilter, TimelineKind, TimelineRecord,
};

const MAX_TITLE: usize = 200;
const MAX_DESCRIPTION: usize = 64 * 1024;
const MAX_LABELS: usize = 20;
const MAX_ASSIGNEES: usize = 20;
const MAX_PAGE: u64 = 100;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IncidentView {
    id: IncidentId,
    number: i64,
    /// `INC-42`.
    reference: String,
    title: String,
    /// Markdown.
    description: String,
    severity: Severity,
    status: IncidentStatus,
    assignees: Vec<UserId>,
    commander: Option<UserId>,
    labels: Vec<String>,
    source: Source,
    created_by: UserId,
    created_at: DateTime<Utc>,
    acknowledged_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
    /// Acknowledge by this time to meet the SLA target.
    acknowledge_due_at: DateTime<Utc>,
    /// Resolve by this time to meet the SLA target.
    resolve_due_at: DateTime<Utc>,
    /// Send as `If-Match` (also in the `ETag` header) when changing it.
    version: i32,
}

impl IncidentView {
    fn new(incident: IncidentRecord, target: SlaTarget) -> Self {
        Self {
            id: incident.id,
            number: incident.number,
            reference: display_number(incident.number),
            acknowledge_due_at: incident.created_at + target.acknowledge,
            resolve_due_at: incident.created_at + target.resolve,
            title: incident.title,
            description: incident.description,
            severity: incident.severity,
            status: incident.status,
            assignees: incident.assignees,
            commander: incident.commander,
            labels: incident.labels,
            source: incident.source,
            created_by: incident.created_by,
            created_at: incident.created_at,
            acknowledged_at: incident.acknowledged_at,
            resolved_at: incident.resolved_at,
            updated_at: incident.updated_at,
            version: incident.version,
        }
    }
}

fn etag(version: i32) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

async fn view_response(scope: &OrgStore<'_>, incident: IncidentRecord, status: StatusCode) -> Result<Response> {
    let target = scope.sla_target(incident.severity).await?;
    let version = incident.version;
    let mut response = (status, Json(IncidentView::new(incident, target))).into_response();
    response.headers_mut().insert(header::ETAG, etag(version));
    Ok(response)
}

fn check_title(title: &str, errors: &mut Vec<FieldError>) -> String {
    errors.extend(check_text(title, "title").err());
    let title = title.trim();
    if title.is_empty() || title.chars().count() > MAX_TITLE {
        errors.push(FieldError::new("title", format!("must be 1 to {MAX_TITLE} characters")));
    }
    title.to_owned()
}

fn check_description(description: &str, errors: &mut Vec<FieldError>) {
    errors.extend(check_text(description, "description").err());
    if description.len() > MAX_DESCRIPTION {
        errors.push(FieldError::new("description", format!("must be at most {MAX_DESCRIPTION} bytes")));
    }
}

fn check_labels(labels: &[String], errors: &mut Vec<FieldError>) -> Vec<String> {
    if labels.len() > MAX_LABELS {
        errors.push(FieldError::new("labels", format!("at most {MAX_LABELS} labels")));
    }
    let mut clean: Vec<String> = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        let label = label.trim().to_lowercase();
        let valid = (1..=50).contains(&label.len())
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:/".contains(&b));
        if !valid {
            errors.push(FieldError::new(format!("labels[{i}]"), "1–50 characters: letters, digits, - _ . : /"));
        }
        if !clean.contains(&label) {
            clean.push(label);
        }
    }
    clean.sort();
    clean
}

fn check_assignees(assignees: &[UserId], errors: &mut Vec<FieldError>) {
    if assignees.len() > MAX_ASSIGNEES {
        errors.push(FieldError::new("assignees", format!("at most {MAX_ASSIGNEES} assignees")));
    }
}

fn not_members(users: &[UserId], field: &str) -> Error {
    let list: Vec<String> = users.iter().map(ToString::to_string).collect();
    Error::field(field, format!("not members of this organisation: {}", list.join(", ")))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateIncidentRequest {
    title: String,
    severity: Severity,
    #[serde(default)]
    description: String,
    #[serde(default)]
    assignees: Vec<UserId>,
    commander: Option<UserId>,
    #[serde(default)]
    labels: Vec<String>,
    /// Defaults to `api` for token callers and `ui` for browser sessions.
    source: Option<Source>,
}

/// Opens an incident. With an `Idempotency-Key` header, a retry within 24
/// hours returns the incident the first request created.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/incidents", tag = "incidents",
    params(("orgId" = OrgId, Path), ("Idempotency-Key" = Option<String>, Header)),
    request_body = CreateIncidentRequest,
    responses((status = 201, body = IncidentView, headers(("ETag" = String))), (status = 422, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn create_incident(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiJson(body): ApiJson<CreateIncidentRequest>,
) -> Result<Response> {
    org.require(Action::CreateIncident)?;
    let idempotency_key = headers.get("idempotency-key").map(|v| v.to_str().map(str::to_owned));
    let idempotency_key = match idempotency_key {
        Some(Ok(key)) if (1..=255).contains(&key.len()) => Some(key),
        Some(_) => return Err(Error::BadRequest("Idempotency-Key must be 1–255 visible ASCII characters".into())),
        None => None,
    };
    let mut errors = Vec::new();
    let title = check_title(&body.title, &mut errors);
    check_description(&body.description, &mut errors);
    let labels = check_labels(&body.labels, &mut errors);
    check_assignees(&body.assignees, &mut errors);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let default_source = match org.current.credential {
        super::session::Credential::Token(_) => Source::Api,
        super::session::Credential::Session(_) => Source::Ui,
    };
    let mut assignees = body.assignees;
    assignees.sort();
    assignees.dedup();
    let new = NewIncident {
        title,
        description: body.description,
        severity: body.severity,
        assignees,
        commander: body.commander,
        labels,
        source: body.source.unwrap_or(default_source),
        created_by: org.current.user.id,
    };
    let scope = org.scope(&state);
    match scope.create_incident(new, idempotency_key.as_deref(), &org.meta).await? {
        Ok((incident, _)) => {
            state.publish_pending().await;
            view_response(&scope, incident, StatusCode::CREATED).await
        }
        Err(CreateRefusal::NotMembers(users)) => Err(not_members(&users, "assignees")),
    }
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `open`, `acknowledged`, `investigating`, `resolved`, or `active` (not resolved).
    status: Option<String>,
    severity: Option<Severity>,
    /// A user id, or `me`.
    assignee: Option<String>,
    label: Option<String>,
    /// Text in the title or description.
    q: Option<String>,
    /// Created at or after.
    from: Option<DateTime<Utc>>,
    /// Created before.
    to: Option<DateTime<Utc>>,
    /// `created` (newest first, default) or `severity` (P1 first).
    sort: Option<String>,
    cursor: Option<String>,
    /// 1–100, default 25.
    limit: Option<u64>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IncidentList {
    data: Vec<IncidentView>,
    /// Pass as `cursor` for the next page; absent on the last page.
    next_cursor: Option<String>,
}

fn encode_cursor((rank, id): (i32, IncidentId)) -> String {
    URL_SAFE_NO_PAD.encode(format!("{rank}.{id}"))
}

fn decode_cursor(cursor: &str) -> Result<(i32, IncidentId)> {
    let invalid = || Error::field("cursor", "is not a cursor from this API");
    let text = URL_SAFE_NO_PAD.decode(cursor).ok().and_then(|b| String::from_utf8(b).ok()).ok_or_else(invalid)?;
    let (rank, id) = text.split_once('.').ok_or_else(invalid)?;
    Ok((rank.parse().map_err(|_| invalid())?, id.parse().map_err(|_| invalid())?))
}

/// Incidents, filtered and paged (opaque `cursor`, `limit` ≤ 100).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/incidents", tag = "incidents",
    params(("orgId" = OrgId, Path), ListQuery),
    responses((status = 200, body = IncidentList), (status = 422, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn list_incidents(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<IncidentList>> {
    org.require(Action::ViewIncidents)?;
    let status = match query.status.as_deref() {
        None => None,
        Some("active") => Some(StatusFilter::Active),
        Some(other) => Some(StatusFilter::Is(other.parse().map_err(|e: String| Error::field("status", e))?)),
    };
    let assignee = match query.assignee.as_deref() {
        None => None,
        Some("me") => Some(org.current.user.id),
        Some(other) => Some(other.parse().map_err(|_| Error::field("assignee", "must be a user id or `me`"))?),
    };
    let sort = match query.sort.as_deref() {
        None | Some("created") => IncidentSort::Created,
        Some("severity") => IncidentSort::Severity,
        Some(_) => return Err(Error::field("sort", "must be `created` or `severity`")),
    };
    let limit = query.limit.unwrap_or(25);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(Error::field("limit", format!("must be between 1 and {MAX_PAGE}")));
    }
    let filter = IncidentFilter {
        status,
        severity: query.severity,
        assignee,
        label: query.label.map(|l| l.trim().to_lowercase()),
        text: query.q,
        created_from: query.from,
        created_to: query.to,
        sort,
        after: query.cursor.as_deref().map(decode_cursor).transpose()?,
    };
    let scope = org.scope(&state);
    let page = scope.list_incidents(&filter, limit).await?;
    let targets = scope.sla_targets().await?;
    let target = |s: Severity| targets.iter().find(|(t, _)| *t == s).map_or_else(|| s.default_sla(), |(_, t)| *t);
    Ok(Json(IncidentList {
        data: page
            .incidents
            .into_iter()
            .map(|i| {
                let t = target(i.severity);
                IncidentView::new(i, t)
            })
            .collect(),
        next_cursor: page.next.map(encode_cursor),
    }))
}

#[derive(Deserialize)]
struct IncidentPath {
    #[serde(rename = "incidentId")]
    incident: String,
}

/// Finds an incident by id (`inc_…`) or number (`42`, `INC-42`).
async fn find(scope: &OrgStore<'_>, reference: &str) -> Result<IncidentRecord> {
    let found = match reference.parse::<IncidentId>() {
        Ok(id) => scope.incident(id).await?,
        Err(_) => {
            let digits = reference.strip_prefix("INC-").or_else(|| reference.strip_prefix("inc-")).unwrap_or(reference);
            match digits.parse::<i64>() {
                Ok(number) => scope.incident_by_number(number).await?,
                Err(_) => None,
            }
        }
    };
    found.ok_or(Error::NotFound("incident"))
}

/// One incident, by id or number, with its `ETag`.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/incidents/{incidentId}", tag = "incidents",
    params(("orgId" = OrgId, Path), ("incidentId" = String, Path, description = "`inc_…`, `42` or `INC-42`")),
    responses((status = 200, body = IncidentView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn get_incident(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<IncidentPath>,
) -> Result<Response> {
    org.require(Action::ViewIncidents)?;
    let scope = org.scope(&state);
    let incident = find(&scope, &path.incident).await?;
    view_response(&scope, incident, StatusCode::OK).await
}

/// `null` → `Some(None)`, absent → `None` (with `#[serde(default)]`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> std::result::Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateIncidentRequest {
    status: Option<IncidentStatus>,
    severity: Option<Severity>,
    title: Option<String>,
    description: Option<String>,
    assignees: Option<Vec<UserId>>,
    /// A member id, or `null` to clear.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<UserId>)]
    commander: Option<Option<UserId>>,
    labels: Option<Vec<String>>,
}

fn if_match(headers: &HeaderMap) -> Result<Option<i32>> {
    let value = headers
        .get(header::IF_MATCH)
        .ok_or_else(|| Error::PreconditionRequired("send the incident's ETag in If-Match".into()))?
        .to_str()
        .map_err(|_| Error::BadRequest("If-Match is not ASCII".into()))?
        .trim();
    if value == "*" {
        return Ok(None);
    }
    let version = value.trim_start_matches("W/").trim_matches('"');
    version.parse().map(Some).map_err(|_| Error::BadRequest(format!("If-Match {value} is not an ETag of this API")))
}

async fn apply_change(
    state: &AppState,
    org: &OrgContext,
    incident: &str,
    version: Option<i32>,
    change: IncidentChange,
) -> Result<Response> {
    let scope = org.scope(state);
    let current = find(&scope, incident).await?;
    match scope.change_incident(current.id, version, change, &org.meta).await? {
        Ok(updated) => {
            state.publish_pending().await;
            view_response(&scope, updated, StatusCode::OK).await
        }
        Err(ChangeRefusal::NotFound) => Err(Error::NotFound("incident")),
        Err(ChangeRefusal::Stale { current }) => Err(Error::PreconditionFailed(format!(
            "the incident changed since you loaded it (now version {current}); reload and try again"
        ))),
        Err(ChangeRefusal::Transition { from, to }) => {
            Err(Error::conflict("invalid-transition", format!("an incident that is {from} cannot become {to}")))
        }
        Err(ChangeRefusal::NotMembers { field, users }) => Err(not_members(&users, field)),
    }
}

/// Changes an incident. Requires `If-Match` with its current `ETag` (428
/// without, 412 when stale). Status moves follow the lifecycle (409 otherwise).
#[utoipa::path(
    patch, path = "/api/orgs/{orgId}/incidents/{incidentId}", tag = "incidents",
    params(("orgId" = OrgId, Path), ("incidentId" = String, Path), ("If-Match" = String, Header)),
    request_body = UpdateIncidentRequest,
    responses(
        (status = 200, body = IncidentView, headers(("ETag" = String))),
        (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
        (status = 428, body = crate::error::Problem),
    ),
    security(("session" = []), ("token" = []))
)]
async fn update_incident(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiPath(path): ApiPath<IncidentPath>,
    ApiJson(body): ApiJson<UpdateIncidentRequest>,
) -> Result<Response> {
    let edits_fields = body.severity.is_some()
        || body.title.is_some()
        || body.description.is_some()
        || body.assignees.is_some()
        || body.commander.is_some()
        || body.labels.is_some();
    if body.status.is_some() {
        org.require(Action::ChangeIncidentStatus)?;
    }
    if edits_fields {
        org.require(Action::UpdateIncident)?;
    }
    let version = if_match(&headers)?;
    let mut errors = Vec::new();
    let title = body.title.as_deref().map(|t| check_title(t, &mut errors));
    if let Some(description) = &body.description {
        check_description(description, &mut errors);
    }
    let labels = body.labels.as_deref().map(|l| check_labels(l, &mut errors));
    if let Some(assignees) = &body.assignees {
        check_assignees(assignees, &mut errors);
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let change = IncidentChange {
        title,
        description: body.description,
        severity: body.severity,
        status: body.status,
        assignees: body.assignees,
        commander: body.commander,
        labels,
        ..IncidentChange::default()
    };
    apply_change(&state, &org, &path.incident, version, change).await
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HandoffRequest {
    /// The member taking over.
    to: UserId,
    note: Option<String>,
}

/// Hands the incident from its commander to another member in one step: the
/// new commander replaces the old one among the assignees, with an optional note.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/incidents/{incidentId}/handoff", tag = "incidents",
    params(("orgId" = OrgId, Path), ("incidentId" = String, Path)),
    request_body = HandoffRequest,
    responses((status = 200, body = IncidentView), (status = 422, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn handoff(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<IncidentPath>,
    ApiJson(body): ApiJson<HandoffRequest>,
) -> Result<Response> {
    org.require(Action::UpdateIncident)?;
    let scope = org.scope(&state);
    let current = find(&scope, &path.incident).await?;
    if scope.member(body.to).await?.is_none() {
        return Err(not_members(&[body.to], "to"));
    }
    let mut assignees: Vec<UserId> =
        current.assignees.iter().copied().filter(|a| Some(*a) != current.commander && *a != body.to).collect();
    assignees.push(body.to);
    let change = IncidentChange {
        assignees: Some(assignees),
        commander: Some(Some(body.to)),
        note: body.note,
        handoff: true,
        ..IncidentChange::default()
    };
    apply_change(&state, &org, &current.id.to_string(), Some(current.version), change).await
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntryView {
    id: TimelineEntryId,
    kind: TimelineKind,
    actor_id: Option<UserId>,
    /// Who acted, as they were known then (kept if they leave).
    actor: String,
    body: String,
    detail: serde_json::Value,
    created_at: DateTime<Utc>,
}

impl From<TimelineRecord> for TimelineEntryView {
    fn from(r: TimelineRecord) -> Self {
        Self {
            id: r.id,
            kind: r.kind,
            actor_id: r.actor_id,
            actor: r.actor_label,
            body: r.body,
            detail: r.detail,
            created_at: r.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Timeline {
    data: Vec<TimelineEntryView>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NoteRequest {
    /// Markdown.
    text: String,
}

/// Adds a note to the timeline. Entries are never edited or deleted; a
/// correction is a new note.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/incidents/{incidentId}/timeline", tag = "incidents",
    params(("orgId" = OrgId, Path), ("incidentId" = String, Path)),
    request_body = NoteRequest,
    responses((status = 201, body = TimelineEntryView), (status = 422, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn add_note(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<IncidentPath>,
    ApiJson(body): ApiJson<NoteRequest>,
) -> Result<(StatusCode, Json<TimelineEntryView>)> {
    org.require(Action::AddIncidentNote)?;
    if body.text.trim().is_empty() || body.text.len() > MAX_DESCRIPTION {
        return Err(Error::field("text", format!("must be 1 to {MAX_DESCRIPTION} bytes")));
    }
    check_text(&body.text, "text").map_err(|e| Error::Validation(vec![e]))?;
    let scope = org.scope(&state);
    let incident = find(&scope, &path.incident).await?;
    let entry = scope.add_note(incident.id, body.text, &org.meta).await?.ok_or(Error::NotFound("incident"))?;
    state.publish_pending().await;
    Ok((StatusCode::CREATED, Json(entry.into())))
}

/// The incident's timeline, oldest first.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/incidents/{incidentId}/timeline", tag = "incidents",
    params(("orgId" = OrgId, Path), ("incidentId" = String, Path)),
    responses((status = 200, body = Timeline)),
    security(("session" = []), ("token" = []))
)]
async fn timeline(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<IncidentPath>,
) -> Result<Json<Timeline>> {
    org.require(Action::ViewIncidents)?;
    let scope = org.scope(&state);
    let incident = find(&scope, &path.incident).await?;
    let entries = scope.timeline(incident.id, 1000).await?;
    Ok(Json(Timeline { data: entries.into_iter().map(Into::into).collect() }))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_incident, list_incidents))
        .routes(routes!(get_incident, update_incident))
        .routes(routes!(handoff))
        .routes(routes!(add_note, timeline))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let position = (2, IncidentId::new());
        assert_eq!(decode_cursor(&encode_cursor(position)).expect("decodes"), position);
        assert!(decode_cursor("garbage").is_err());
        assert!(decode_cursor(&URL_SAFE_NO_PAD.encode("x.inc_1")).is_err());
    }
}
