//! Service level management (module `slaManagement`): business-hours
//! calendars (`…/calendars`), policies (`…/sla-policies`: which records,
//! which targets, which calendar, what pauses, when to warn), and each
//! record's clocks with their explanation (`…/incidents/{id}/sla`,
//! `…/requests/{id}/sla`); how well targets were kept in `compliance`.

mod compliance;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::{ApiJson, ApiPath};
use super::kernel::versioned::{IfMatch, Versioned, stale};
use super::tenant::{OrgContext, module_routes};
use crate::domain::org::Module;
use crate::domain::permissions::Action;
use crate::domain::records::RecordRef;
use crate::domain::sla::clock::{ClockEvent, ClockStatus};
use crate::domain::sla::policy::{CalendarSpec, Metric, PolicySpec};
use crate::error::{Error, Result};
use crate::ids::{CalendarId, RequestTaskId, SlaClockId, SlaPolicyId, TeamId};
use crate::store::{CalendarRecord, ClockRecord, PolicyRecord, SlaRefusal};

fn refused(refusal: SlaRefusal, noun: &'static str) -> Error {
    match refusal {
        SlaRefusal::NotFound => Error::NotFound(noun),
        SlaRefusal::Stale { current } => stale(noun, current),
        SlaRefusal::NameTaken => Error::field("name", format!("another {noun} has this name")),
        SlaRefusal::UnknownCalendar => Error::field("calendar", "is not one of the organisation's calendars"),
        SlaRefusal::CalendarInUse(policy) => {
            Error::conflict("calendar-in-use", format!("the policy {policy} counts by this calendar"))
        }
        SlaRefusal::DefaultNarrowed => {
            Error::field("appliesTo", "the default policy applies to every incident: {\"record\": \"incident\"}")
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CalendarView {
    id: CalendarId,
    #[serde(flatten)]
    spec: CalendarSpec,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i32,
}

fn calendar_view(record: CalendarRecord, status: StatusCode) -> Versioned<CalendarView> {
    let version = record.version;
    let body = CalendarView {
        id: record.id,
        spec: record.spec,
        created_at: record.created_at,
        updated_at: record.updated_at,
        version,
    };
    Versioned { status, version, body }
}

#[derive(Serialize, ToSchema)]
pub struct CalendarList {
    data: Vec<CalendarView>,
}

/// Every business-hours calendar.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/calendars", tag = "sla",
    responses((status = 200, body = CalendarList), (status = 404, body = crate::error::Problem)),
)]
async fn list_sla_calendars(State(state): State<AppState>, org: OrgContext) -> Result<Json<CalendarList>> {
    org.require(Action::ViewIncidents)?;
    let calendars = org.scope(&state).sla().calendars().await?;
    Ok(Json(CalendarList { data: calendars.into_iter().map(|c| calendar_view(c, StatusCode::OK).body).collect() }))
}

fn checked_calendar(spec: CalendarSpec) -> Result<CalendarSpec> {
    spec.calendar().map_err(Error::Validation)?;
    Ok(spec)
}

/// Writes a calendar: weekly hours per day in an IANA zone (several spans
/// a day for split days), holidays (a date, or `everyYear: "12-25"`) and
/// exceptions (a date's own hours; none: closed). Admins.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/calendars", tag = "sla",
    request_body = CalendarSpec,
    responses((status = 201, body = CalendarView, headers(("ETag" = String))), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn create_sla_calendar(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(spec): ApiJson<CalendarSpec>,
) -> Result<Versioned<CalendarView>> {
    org.require(Action::ManageSlaTargets)?;
    let spec = checked_calendar(spec)?;
    let saved = org.scope(&state).sla().save_calendar(None, spec, &org.meta).await?;
    Ok(calendar_view(saved.map_err(|r| refused(r, "calendar"))?, StatusCode::CREATED))
}

#[derive(Deserialize)]
struct CalendarPath {
    #[serde(rename = "calendarId")]
    calendar: CalendarId,
}

/// One calendar.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/calendars/{calendarId}", tag = "sla",
    params(("calendarId" = CalendarId, Path)),
    responses((status = 200, body = CalendarView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)),
)]
async fn get_sla_calendar(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<CalendarPath>,
) -> Result<Versioned<CalendarView>> {
    org.require(Action::ViewIncidents)?;
    let calendar = org.scope(&state).sla().calendar(path.calendar).await?.ok_or(Error::NotFound("calendar"))?;
    Ok(calendar_view(calendar, StatusCode::OK))
}

/// Replaces a calendar (admins; `If-Match`). Clocks read it from now on.
#[utoipa::path(
    put, path = "/api/orgs/{orgId}/calendars/{calendarId}", tag = "sla",
    params(("calendarId" = CalendarId, Path), ("If-Match" = String, Header)),
    request_body = CalendarSpec,
    responses((status = 200, body = CalendarView, headers(("ETag" = String))), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem), (status = 428, body = crate::error::Problem)),
)]
async fn replace_sla_calendar(
    State(state): State<AppState>,
    org: OrgContext,
    IfMatch(version): IfMatch,
    ApiPath(path): ApiPath<CalendarPath>,
    ApiJson(spec): ApiJson<CalendarSpec>,
) -> Result<Versioned<CalendarView>> {
    org.require(Action::ManageSlaTargets)?;
    let spec = checked_calendar(spec)?;
    let saved = org.scope(&state).sla().save_calendar(Some((path.calendar, version)), spec, &org.meta).await?;
    Ok(calendar_view(saved.map_err(|r| refused(r, "calendar"))?, StatusCode::OK))
}

/// Deletes a calendar no policy counts by (409 naming one that does). Admins.
#[utoipa::path(
    delete, path = "/api/orgs/{orgId}/calendars/{calendarId}", tag = "sla",
    params(("calendarId" = CalendarId, Path)),
    responses((status = 204), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)),
)]
async fn delete_sla_calendar(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<CalendarPath>,
) -> Result<StatusCode> {
    org.require(Action::ManageSlaTargets)?;
    org.scope(&state).sla().delete_calendar(path.calendar, &org.meta).await?.map_err(|r| refused(r, "calendar"))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PolicyView {
    id: SlaPolicyId,
    /// Policies are tried in this order; the first enabled one that matches applies.
    position: i32,
    #[serde(flatten)]
    spec: PolicySpec,
    /// Bumped by every edit; clocks show the revision they started under.
    revision: i32,
    /// The default policy: tried after every other; its targets are the
    /// ones incidents are judged by on the dashboard (`…/sla-targets`).
    is_default: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i32,
}

fn policy_view(record: PolicyRecord, status: StatusCode) -> Versioned<PolicyView> {
    let version = record.version;
    let body = PolicyView {
        id: record.id,
        position: record.position,
        spec: record.spec,
        revision: record.revision,
        is_default: record.is_default,
        created_at: record.created_at,
        updated_at: record.updated_at,
        version,
    };
    Versioned { status, version, body }
}

#[derive(Serialize, ToSchema)]
pub struct PolicyList {
    data: Vec<PolicyView>,
}

/// Every policy, in the order they are tried.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/sla-policies", tag = "sla",
    responses((status = 200, body = PolicyList), (status = 404, body = crate::error::Problem)),
)]
async fn list_sla_policies(State(state): State<AppState>, org: OrgContext) -> Result<Json<PolicyList>> {
    org.require(Action::ViewIncidents)?;
    let policies = org.scope(&state).sla().policies().await?;
    Ok(Json(PolicyList { data: policies.into_iter().map(|p| policy_view(p, StatusCode::OK).body).collect() }))
}

fn checked_policy(mut spec: PolicySpec) -> Result<PolicySpec> {
    let errors = spec.check();
    if errors.is_empty() { Ok(spec) } else { Err(Error::Validation(errors)) }
}

/// Writes a policy, tried after the others (admins): which records it
/// applies to, targets per priority (`P1`…`P4`, `default`), a calendar
/// (none: round the clock), statuses that pause it, warnings in %.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/sla-policies", tag = "sla",
    request_body = PolicySpec,
    responses((status = 201, body = PolicyView, headers(("ETag" = String))), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn create_sla_policy(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(spec): ApiJson<PolicySpec>,
) -> Result<Versioned<PolicyView>> {
    org.require(Action::ManageSlaTargets)?;
    let spec = checked_policy(spec)?;
    let saved = org.scope(&state).sla().save_policy(None, spec, &org.meta).await?;
    Ok(policy_view(saved.map_err(|r| refused(r, "policy"))?, StatusCode::CREATED))
}

#[derive(Deserialize)]
struct PolicyPath {
    #[serde(rename = "slaPolicyId")]
    policy: SlaPolicyId,
}

/// One policy.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/sla-policies/{slaPolicyId}", tag = "sla",
    params(("slaPolicyId" = SlaPolicyId, Path)),
    responses((status = 200, body = PolicyView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)),
)]
async fn get_sla_policy(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<PolicyPath>,
) -> Result<Versioned<PolicyView>> {
    org.require(Action::ViewIncidents)?;
    let policy = org.scope(&state).sla().policy(path.policy).await?.ok_or(Error::NotFound("policy"))?;
    Ok(policy_view(policy, StatusCode::OK))
}

/// Replaces a policy (admins; `If-Match`). Its running clocks keep their
/// targets — re-apply it to move them — but disabling it stops all their
/// warnings at once.
#[utoipa::path(
    put, path = "/api/orgs/{orgId}/sla-policies/{slaPolicyId}", tag = "sla",
    params(("slaPolicyId" = SlaPolicyId, Path), ("If-Match" = String, Header)),
    request_body = PolicySpec,
    responses((status = 200, body = PolicyView, headers(("ETag" = String))), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem), (status = 428, body = crate::error::Problem)),
)]
async fn replace_sla_policy(
    State(state): State<AppState>,
    org: OrgContext,
    IfMatch(version): IfMatch,
    ApiPath(path): ApiPath<PolicyPath>,
    ApiJson(spec): ApiJson<PolicySpec>,
) -> Result<Versioned<PolicyView>> {
    org.require(Action::ManageSlaTargets)?;
    let spec = checked_policy(spec)?;
    let saved = org.scope(&state).sla().save_policy(Some((path.policy, version)), spec, &org.meta).await?;
    Ok(policy_view(saved.map_err(|r| refused(r, "policy"))?, StatusCode::OK))
}

#[derive(Serialize, ToSchema)]
pub struct Reapplied {
    /// Running clocks that took the policy's current targets.
    clocks: usize,
}

/// Applies the policy as it is now to its running clocks, keeping the time
/// each has counted (admins). Nothing else changes running clocks.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/sla-policies/{slaPolicyId}/reapply", tag = "sla",
    params(("slaPolicyId" = SlaPolicyId, Path)),
    responses((status = 200, body = Reapplied), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
)]
async fn reapply_sla_policy(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<PolicyPath>,
) -> Result<Json<Reapplied>> {
    org.require(Action::ManageSlaTargets)?;
    let clocks = org.scope(&state).sla().reapply_policy(path.policy, &org.meta).await?;
    Ok(Json(Reapplied { clocks: clocks.map_err(|r| refused(r, "policy"))? }))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClockView {
    id: SlaClockId,
    /// The fulfilment task it measures (an OLA, against `team`); null for
    /// the record's own clocks.
    task: Option<RequestTaskId>,
    team: Option<TeamId>,
    metric: Metric,
    policy: SlaPolicyId,
    policy_name: String,
    /// The policy's revision the clock started under (or was re-applied at).
    policy_revision: i32,
    status: ClockStatus,
    target_seconds: i64,
    /// Business time counted.
    elapsed_seconds: i64,
    /// Business time left (negative once breached).
    remaining_seconds: i64,
    due_at: Option<DateTime<Utc>>,
    breached_at: Option<DateTime<Utc>>,
    paused_seconds: i64,
    /// How each figure came about, in words.
    explanation: Vec<String>,
    events: Vec<ClockEvent>,
}

impl From<ClockRecord> for ClockView {
    fn from(c: ClockRecord) -> Self {
        let s = c.state;
        Self {
            id: c.id,
            task: c.task.map(|(task, _)| task),
            team: c.task.map(|(_, team)| team),
            metric: c.metric,
            policy: c.policy,
            policy_name: c.policy_name,
            policy_revision: c.policy_revision,
            status: s.status,
            target_seconds: s.target.num_seconds(),
            elapsed_seconds: s.elapsed.num_seconds(),
            remaining_seconds: (s.target - s.elapsed).num_seconds(),
            due_at: s.due_at,
            breached_at: s.breached_at,
            paused_seconds: s.paused_for.num_seconds(),
            explanation: s.explanation,
            events: c.events,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ClockList {
    data: Vec<ClockView>,
}

/// `record`'s clocks as they stand now (404 while service level
/// management is off).
pub async fn clocks(state: &AppState, org: &OrgContext, record: RecordRef) -> Result<Json<ClockList>> {
    if !org.access.org().features.is_on(Module::SlaManagement) {
        return Err(Error::NotFound("resource"));
    }
    let clocks = org.scope(state).sla().clocks(record).await?;
    Ok(Json(ClockList { data: clocks.into_iter().map(Into::into).collect() }))
}

pub fn calendar_routes() -> OpenApiRouter<AppState> {
    module_routes(
        Module::SlaManagement,
        OpenApiRouter::new().routes(routes!(list_sla_calendars, create_sla_calendar)).routes(routes!(
            get_sla_calendar,
            replace_sla_calendar,
            delete_sla_calendar
        )),
    )
}

pub fn policy_routes() -> OpenApiRouter<AppState> {
    module_routes(
        Module::SlaManagement,
        OpenApiRouter::new()
            .routes(routes!(list_sla_policies, create_sla_policy))
            .merge(compliance::routes())
            .routes(routes!(get_sla_policy, replace_sla_policy))
            .routes(routes!(reapply_sla_policy)),
    )
}
