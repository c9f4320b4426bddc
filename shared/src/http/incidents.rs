//! Incidents: create (idempotent), list, read, change under `If-Match`,
//! handoff; their timeline, notes and links come from the record kernel.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::kernel::not_members;
use super::kernel::paging::{self, Page};
use super::kernel::records::{RecordRoutes, record_routes};
use super::kernel::versioned::{IdempotencyKey, IfMatch, Versioned, stale};
use super::tenant::OrgContext;
use crate::domain::incidents::{IncidentStatus, Severity, SlaTarget, Source};
use crate::domain::permissions::Action;
use crate::domain::records::RecordKind;
use crate::domain::text::{Checks, Labels, Markdown, Title};
use crate::error::{Error, FieldError, Result};
use crate::ids::{IncidentId, TeamId, UserId};
use crate::store::{
    ChangeRefusal, CreateRefusal, IncidentChange, IncidentFilter, IncidentRecord, IncidentSort, LinkRelation,
    NewIncident, OrgStore, StatusFilter,
};

const MAX_DESCRIPTION: usize = 64 * 1024;
const MAX_ASSIGNEES: usize = 20;

/// The kernel's routes (timeline, notes, links) for incidents.
pub const RECORDS: RecordRoutes = RecordRoutes {
    kind: RecordKind::Incident,
    noun: "incident",
    read: Action::ViewIncidents,
    note: Action::AddIncidentNote,
    link: Action::UpdateIncident,
    own: None,
};

record_routes!(incident_records, super::RECORDS, "/api/orgs/{orgId}/incidents/{incidentId}", "incidentId", "incidents");

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
    /// The team the incident is assigned to.
    team: Option<TeamId>,
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
            reference: incident.number().to_string(),
            acknowledge_due_at: incident.created_at + target.acknowledge,
            resolve_due_at: incident.created_at + target.resolve,
            title: incident.title,
            description: incident.description,
            severity: incident.severity,
            status: incident.status,
            assignees: incident.assignees,
            commander: incident.commander,
            team: incident.team,
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

pub(crate) async fn view_response(
    scope: &OrgStore<'_>,
    incident: IncidentRecord,
    status: StatusCode,
) -> Result<Versioned<IncidentView>> {
    let target = scope.incidents().sla_target(incident.severity).await?;
    Ok(Versioned { status, version: incident.version, body: IncidentView::new(incident, target) })
}

fn check_assignees(assignees: &[UserId]) -> std::result::Result<(), Vec<FieldError>> {
    if assignees.len() > MAX_ASSIGNEES {
        return Err(vec![FieldError::new("assignees", format!("at most {MAX_ASSIGNEES} assignees"))]);
    }
    Ok(())
}

fn description(text: String) -> std::result::Result<String, Vec<FieldError>> {
    Markdown::parse(text, "description", MAX_DESCRIPTION).map(Markdown::into_inner)
}

fn unknown_team() -> Error {
    Error::field("team", "is not a team of this organisation")
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
    /// A team of the organisation to assign it to.
    team: Option<TeamId>,
    #[serde(default)]
    labels: Vec<String>,
    /// Defaults to `api` for token callers and `ui` for browser sessions.
    source: Option<Source>,
    /// Configuration items it affects (`cfg_…`; module assetManagement):
    /// a service among them that names an escalation policy pages through it.
    #[serde(default)]
    services: Vec<crate::ids::ConfigItemId>,
}

/// Opens an incident. With an `Idempotency-Key` header, a retry within 24
/// hours returns the incident the first request created.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/incidents", tag = "incidents",
    params(("Idempotency-Key" = Option<String>, Header)),
    request_body = CreateIncidentRequest,
    responses((status = 201, body = IncidentView, headers(("ETag" = String))), (status = 422, body = crate::error::Problem)),
)]
async fn create_incident(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiJson(body): ApiJson<CreateIncidentRequest>,
) -> Result<Versioned<IncidentView>> {
    org.require(Action::CreateIncident)?;
    let IdempotencyKey(key) = IdempotencyKey::from_headers(&headers)?;
    let mut checks = Checks::default();
    let title = checks.take(Title::parse(&body.title, "title"));
    let text = checks.take(description(body.description));
    let labels = checks.take(Labels::parse(&body.labels, "labels"));
    checks.take(check_assignees(&body.assignees));
    checks.finish().map_err(Error::Validation)?;
    let (Some(title), Some(description), Some(labels)) = (title, text, labels) else {
        return Err(Error::internal("checks passed without values"));
    };
    let default_source = match org.current.credential {
        super::session::Credential::Token(_) => Source::Api,
        super::session::Credential::Session(_) => Source::Ui,
    };
    let mut assignees = body.assignees;
    assignees.sort();
    assignees.dedup();
    let new = NewIncident {
        title: title.into_inner(),
        description,
        severity: body.severity,
        assignees,
        commander: body.commander,
        team: body.team,
        labels: labels.into_inner(),
        source: body.source.unwrap_or(default_source),
        created_by: org.current.user.id,
        links: body.services.iter().map(|service| (LinkRelation::Affects, (*service).into())).collect(),
    };
    let scope = org.scope(&state);
    match scope.incidents().create(new, key.as_deref(), &org.meta).await? {
        Ok((incident, _)) => view_response(&scope, incident, StatusCode::CREATED).await,
        Err(CreateRefusal::NotMembers(users)) => Err(not_members(&users, "assignees")),
        Err(CreateRefusal::UnknownTeam) => Err(unknown_team()),
        Err(CreateRefusal::UnknownRecord(_)) => Err(Error::field("services", "not all are items of this organisation")),
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
    /// A team id.
    team: Option<TeamId>,
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

/// Incidents, filtered and paged (opaque `cursor`, `limit` ≤ 100).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/incidents", tag = "incidents",
    params(ListQuery),
    responses((status = 200, body = Page<IncidentView>), (status = 422, body = crate::error::Problem)),
)]
async fn list_incidents(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<Page<IncidentView>>> {
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
    let limit = paging::limit(query.limit)?;
    let filter = IncidentFilter {
        status,
        severity: query.severity,
        assignee,
        team: query.team,
        label: query.label.map(|l| crate::domain::text::normalise_label(&l)),
        text: query.q,
        created_from: query.from,
        created_to: query.to,
        sort,
        after: query.cursor.as_deref().map(paging::decode).transpose()?,
    };
    let scope = org.scope(&state);
    let page = scope.incidents().list(&filter, limit).await?;
    let targets = scope.incidents().sla_targets().await?;
    let target = |s: Severity| targets.iter().find(|(t, _)| *t == s).map_or_else(|| s.default_sla(), |(_, t)| *t);
    let data = page
        .incidents
        .into_iter()
        .map(|i| {
            let t = target(i.severity);
            IncidentView::new(i, t)
        })
        .collect();
    Ok(Json(Page::new(data, page.next)))
}

#[derive(Deserialize)]
struct IncidentPath {
    #[serde(rename = "incidentId")]
    incident: String,
}

/// Finds an incident by id (`inc_…`) or number (`42`, `INC-42`).
async fn find(scope: &OrgStore<'_>, reference: &str) -> Result<IncidentRecord> {
    scope.incidents().find(reference).await?.ok_or(Error::NotFound("incident"))
}

/// One incident, by id or number, with its `ETag`.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/incidents/{incidentId}", tag = "incidents",
    params(("incidentId" = String, Path, description = "`inc_…`, `42` or `INC-42`")),
    responses((status = 200, body = IncidentView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)),
)]
async fn get_incident(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<IncidentPath>,
) -> Result<Versioned<IncidentView>> {
    org.require(Action::ViewIncidents)?;
    let scope = org.scope(&state);
    let incident = find(&scope, &path.incident).await?;
    view_response(&scope, incident, StatusCode::OK).await
}

/// The incident's SLA clocks (response, resolution) as they stand now,
/// each with how its figures came about (module slaManagement).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/incidents/{incidentId}/sla", tag = "incidents",
    params(("incidentId" = String, Path, description = "`inc_…`, `42` or `INC-42`")),
    responses((status = 200, body = crate::http::sla::ClockList), (status = 404, body = crate::error::Problem)),
)]
async fn incident_sla(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<IncidentPath>,
) -> Result<Json<crate::http::sla::ClockList>> {
    org.require(Action::ViewIncidents)?;
    let incident = find(&org.scope(&state), &path.incident).await?;
    crate::http::sla::clocks(&state, &org, incident.id.into()).await
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
    #[serde(default, deserialize_with = "super::extract::present")]
    #[schema(value_type = Option<UserId>)]
    commander: Option<Option<UserId>>,
    /// A team id, or `null` to take the incident off its team.
    #[serde(default, deserialize_with = "super::extract::present")]
    #[schema(value_type = Option<TeamId>)]
    team: Option<Option<TeamId>>,
    labels: Option<Vec<String>>,
}

/// Applies `change` to `incident` if `version` is still current.
async fn apply_change(
    state: &AppState,
    org: &OrgContext,
    incident: IncidentId,
    version: Option<i32>,
    change: IncidentChange,
) -> Result<Versioned<IncidentView>> {
    let scope = org.scope(state);
    match scope.incidents().change(incident, version, change, &org.meta).await? {
        Ok(updated) => view_response(&scope, updated, StatusCode::OK).await,
        Err(ChangeRefusal::NotFound) => Err(Error::NotFound("incident")),
        Err(ChangeRefusal::Stale { current }) => Err(stale("incident", current)),
        Err(ChangeRefusal::Transition { from, to }) => {
            Err(Error::conflict("invalid-transition", format!("an incident that is {from} cannot become {to}")))
        }
        Err(ChangeRefusal::NotMembers { field, users }) => Err(not_members(&users, field)),
        Err(ChangeRefusal::UnknownTeam) => Err(unknown_team()),
    }
}

/// Changes an incident. Requires `If-Match` with its current `ETag` (428
/// without, 412 when stale). Status moves follow the lifecycle (409 otherwise).
#[utoipa::path(
    patch, path = "/api/orgs/{orgId}/incidents/{incidentId}", tag = "incidents",
    params(("incidentId" = String, Path), ("If-Match" = String, Header)),
    request_body = UpdateIncidentRequest,
    responses(
        (status = 200, body = IncidentView, headers(("ETag" = String))),
        (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
        (status = 428, body = crate::error::Problem),
    ),
)]
async fn update_incident(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiPath(path): ApiPath<IncidentPath>,
    ApiJson(body): ApiJson<UpdateIncidentRequest>,
) -> Result<Versioned<IncidentView>> {
    let edits_fields = body.severity.is_some()
        || body.title.is_some()
        || body.description.is_some()
        || body.assignees.is_some()
        || body.commander.is_some()
        || body.team.is_some()
        || body.labels.is_some();
    if body.status.is_some() {
        org.require(Action::ChangeIncidentStatus)?;
    }
    if edits_fields {
        org.require(Action::UpdateIncident)?;
    }
    let IfMatch(version) = IfMatch::from_headers(&headers)?;
    let mut checks = Checks::default();
    let title = checks.take_some(body.title.as_deref().map(|t| Title::parse(t, "title").map(Title::into_inner)));
    let text = checks.take_some(body.description.map(description));
    let labels = checks.take_some(body.labels.as_deref().map(|l| Labels::parse(l, "labels").map(Labels::into_inner)));
    checks.take_some(body.assignees.as_deref().map(check_assignees));
    checks.finish().map_err(Error::Validation)?;
    let change = IncidentChange {
        title: title.flatten(),
        description: text.flatten(),
        severity: body.severity,
        status: body.status,
        assignees: body.assignees,
        commander: body.commander,
        team: body.team,
        labels: labels.flatten(),
        ..IncidentChange::default()
    };
    let incident = find(&org.scope(&state), &path.incident).await?;
    apply_change(&state, &org, incident.id, version, change).await
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
    params(("incidentId" = String, Path)),
    request_body = HandoffRequest,
    responses((status = 200, body = IncidentView), (status = 422, body = crate::error::Problem)),
)]
async fn handoff(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<IncidentPath>,
    ApiJson(body): ApiJson<HandoffRequest>,
) -> Result<Versioned<IncidentView>> {
    org.require(Action::UpdateIncident)?;
    // The note is a timeline entry like any other: the same rule.
    let note = body
        .note
        .map(|note| Markdown::parse(note, "note", super::kernel::records::MAX_NOTE_BYTES).map(Markdown::into_inner))
        .transpose()
        .map_err(Error::Validation)?;
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
        note,
        handoff: true,
        ..IncidentChange::default()
    };
    apply_change(&state, &org, current.id, Some(current.version), change).await
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_incident, list_incidents))
        .routes(routes!(get_incident, update_incident))
        .routes(routes!(handoff))
        .routes(routes!(incident_sla))
        .merge(incident_records::routes())
}
