//! Problems (module `problemManagement`) on the record kernel — numbered
//! `PRB-n`, versioned under `If-Match`, idempotent creates, cursor lists,
//! the kernel's timeline and links — created from incidents in one call,
//! and known errors (problems with a workaround) a responder can search.

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
use super::kernel::owner_refused;
use super::kernel::paging::{self, Page};
use super::kernel::records::{RecordRoutes, RecordSummaryView, linked_by_kind, record_routes};
use super::kernel::versioned::{IdempotencyKey, IfMatch, Versioned, stale};
use super::tenant::{OrgContext, module_routes};
use crate::domain::org::Module;
use crate::domain::permissions::Action;
use crate::domain::problems::{Priority, ProblemStatus};
use crate::domain::records::RecordKind;
use crate::domain::text::{Checks, Markdown, Title};
use crate::error::{Error, FieldError, Result};
use crate::ids::{IncidentId, ProblemId, TeamId, UserId};
use crate::store::{NewProblem, ProblemChange, ProblemFilter, ProblemRecord, ProblemRefusal};

const MAX_TEXT_BYTES: usize = 64 * 1024;

/// The kernel's routes (timeline, notes, links) for problems.
pub const RECORDS: RecordRoutes = RecordRoutes {
    kind: RecordKind::Problem,
    noun: "problem",
    read: Action::ReadProblems,
    note: Action::WriteProblems,
    link: Action::WriteProblems,
    own: None,
};

record_routes!(problem_records, super::RECORDS, "/api/orgs/{orgId}/problems/{problemId}", "problemId", "problems");

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProblemView {
    id: ProblemId,
    /// `PRB-3`.
    number: String,
    title: String,
    /// Markdown.
    description: String,
    /// What people see when it strikes (searched with the title and workaround).
    symptom: String,
    root_cause: String,
    /// How to get by until it is fixed; a problem with one is a known error.
    workaround: String,
    workaround_published_at: Option<DateTime<Utc>>,
    known_error: bool,
    status: ProblemStatus,
    priority: Priority,
    owner: Option<UserId>,
    owner_team: Option<TeamId>,
    /// The incidents it causes.
    linked_incidents: Vec<RecordSummaryView>,
    related_changes: Vec<RecordSummaryView>,
    created_by: UserId,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    resolved_at: Option<DateTime<Utc>>,
    /// Send as `If-Match` (also in the `ETag` header) when changing it.
    version: i32,
}

async fn view(
    state: &AppState,
    org: &OrgContext,
    problem: ProblemRecord,
    status: StatusCode,
) -> Result<Versioned<ProblemView>> {
    let kinds = [RecordKind::Incident, RecordKind::Change];
    let mut linked = linked_by_kind(state, org, problem.id.into(), &kinds).await?.into_iter();
    let (linked_incidents, related_changes) = (linked.next().unwrap_or_default(), linked.next().unwrap_or_default());
    let version = problem.version;
    let body = ProblemView {
        known_error: problem.is_known_error(),
        id: problem.id,
        number: problem.number.to_string(),
        title: problem.title,
        description: problem.description,
        symptom: problem.symptom,
        root_cause: problem.root_cause,
        workaround: problem.workaround,
        workaround_published_at: problem.workaround_published_at,
        status: problem.status,
        priority: problem.priority,
        owner: problem.owner,
        owner_team: problem.owner_team,
        linked_incidents,
        related_changes,
        created_by: problem.created_by,
        created_at: problem.created_at,
        updated_at: problem.updated_at,
        resolved_at: problem.resolved_at,
        version,
    };
    Ok(Versioned { status, version, body })
}

fn text(value: String, field: &str) -> std::result::Result<String, Vec<FieldError>> {
    Markdown::parse(value, field, MAX_TEXT_BYTES).map(Markdown::into_inner)
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateProblemRequest {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    symptom: String,
    #[serde(default)]
    root_cause: String,
    /// With one, the problem starts as a known error, and the incidents it
    /// causes hear of it.
    #[serde(default)]
    workaround: String,
    /// Default P3.
    priority: Option<Priority>,
    owner: Option<UserId>,
    owner_team: Option<TeamId>,
    /// Incidents it causes (`inc_…`), linked in the same write: "create a
    /// problem from these incidents".
    #[serde(default)]
    incidents: Vec<IncidentId>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateProblemRequest {
    title: Option<String>,
    description: Option<String>,
    symptom: Option<String>,
    root_cause: Option<String>,
    /// A new workaround is published to the open incidents the problem causes.
    workaround: Option<String>,
    status: Option<ProblemStatus>,
    priority: Option<Priority>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "super::extract::present")]
    owner: Option<Option<UserId>>,
    #[serde(default, deserialize_with = "super::extract::present")]
    owner_team: Option<Option<TeamId>>,
}

#[derive(Deserialize)]
struct ProblemPath {
    #[serde(rename = "problemId")]
    problem: String,
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ProblemListQuery {
    status: Option<ProblemStatus>,
    /// Only known errors (problems with a workaround).
    known_error: Option<bool>,
    /// Words, each found in the title, symptom or workaround.
    q: Option<String>,
    /// Known errors that cause this incident (`inc_…`, `7` or `INC-7`),
    /// then those whose words match its title.
    incident: Option<String>,
    cursor: Option<String>,
    /// 1–100, default 25.
    limit: Option<u64>,
}

pub(super) fn refused(refusal: ProblemRefusal) -> Error {
    match refusal {
        ProblemRefusal::NotFound => Error::NotFound("problem"),
        ProblemRefusal::Stale { current } => stale("problem", current),
        ProblemRefusal::Transition { from, to } => {
            Error::conflict("invalid-transition", format!("a problem that is {from} cannot become {to}"))
        }
        ProblemRefusal::Owner(refusal) => owner_refused(refusal, "owner", "ownerTeam"),
        ProblemRefusal::UnknownIncidents(ids) => {
            let list: Vec<String> = ids.iter().map(ToString::to_string).collect();
            Error::field("incidents", format!("not incidents of this organisation: {}", list.join(", ")))
        }
    }
}

async fn find(state: &AppState, org: &OrgContext, reference: &str) -> Result<ProblemRecord> {
    org.scope(state).problems().find(reference).await?.ok_or(Error::NotFound("problem"))
}

/// Records a problem. With `incidents`, links each (`caused_by` it) in the
/// same write; with a `workaround`, it starts as a known error. An
/// `Idempotency-Key` makes a retry within 24 hours return the first one.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/problems", tag = "problems",
    params(("Idempotency-Key" = Option<String>, Header)),
    request_body = CreateProblemRequest,
    responses((status = 201, body = ProblemView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem))
)]
async fn create_problem(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CreateProblemRequest>,
) -> Result<Versioned<ProblemView>> {
    org.require(Action::WriteProblems)?;
    let IdempotencyKey(key) = IdempotencyKey::from_headers(&headers)?;
    let mut checks = Checks::default();
    let title = checks.take(Title::parse(&request.title, "title"));
    let description = checks.take(text(request.description, "description"));
    let symptom = checks.take(text(request.symptom, "symptom"));
    let root_cause = checks.take(text(request.root_cause, "rootCause"));
    let workaround = checks.take(text(request.workaround, "workaround"));
    checks.finish().map_err(Error::Validation)?;
    let (Some(title), Some(description), Some(symptom), Some(root_cause), Some(workaround)) =
        (title, description, symptom, root_cause, workaround)
    else {
        return Err(Error::internal("checks passed without values"));
    };
    let new = NewProblem {
        title: title.into_inner(),
        description,
        symptom,
        root_cause,
        workaround,
        priority: request.priority.unwrap_or(Priority::P3),
        owner: request.owner,
        owner_team: request.owner_team,
        incidents: request.incidents,
        created_by: org.current.user.id,
    };
    let (problem, _) = org.scope(&state).problems().create(new, key.as_deref(), &org.meta).await?.map_err(refused)?;
    view(&state, &org, problem, StatusCode::CREATED).await
}

/// Problems, newest first, in pages (opaque `cursor`); filter by status,
/// known errors and words. With `incident`, the known errors a responder
/// should see: those linked to it, then those matching its title.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/problems", tag = "problems",
    params(ProblemListQuery),
    responses((status = 200, body = Page<ProblemView>), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn list_problems(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<ProblemListQuery>,
) -> Result<Json<Page<ProblemView>>> {
    org.require(Action::ReadProblems)?;
    let limit = paging::limit(query.limit)?;
    let problems = org.scope(&state).problems();
    if let Some(incident) = query.incident.as_deref() {
        org.require(Action::ViewIncidents)?;
        let incident = org
            .scope(&state)
            .incidents()
            .find(incident)
            .await?
            .ok_or_else(|| Error::field("incident", "is not an incident of this organisation"))?;
        let mut found = problems.known_errors_of(incident.id).await?;
        let matching = ProblemFilter {
            known_errors: true,
            text: Some(significant_words(&incident.title)),
            ..ProblemFilter::default()
        };
        let (by_title, _) = problems.list(&matching, limit).await?;
        found.extend(by_title.into_iter().filter(|p| !found.iter().any(|f| f.id == p.id)).collect::<Vec<_>>());
        found.truncate(limit as usize);
        return page(&state, &org, found, None).await;
    }
    let filter = ProblemFilter {
        status: query.status,
        known_errors: query.known_error.unwrap_or(false),
        text: query.q,
        before: query.cursor.as_deref().map(paging::decode).transpose()?,
    };
    let (found, next) = problems.list(&filter, limit).await?;
    page(&state, &org, found, next).await
}

/// The longest words of a title, as a search for what it is about.
fn significant_words(title: &str) -> String {
    let mut words: Vec<&str> = title.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 4).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.truncate(1);
    words.join(" ")
}

async fn page(
    state: &AppState,
    org: &OrgContext,
    found: Vec<ProblemRecord>,
    next: Option<i64>,
) -> Result<Json<Page<ProblemView>>> {
    let mut data = Vec::with_capacity(found.len());
    for problem in found {
        data.push(view(state, org, problem, StatusCode::OK).await?.body);
    }
    Ok(Json(Page::new(data, next)))
}

/// One problem, by id (`prb_…`) or number (`3`, `PRB-3`), with its `ETag`,
/// the incidents it causes and the changes related to it.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/problems/{problemId}", tag = "problems",
    params(("problemId" = String, Path, description = "`prb_…`, `3` or `PRB-3`")),
    responses((status = 200, body = ProblemView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)),
)]
async fn get_problem(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ProblemPath>,
) -> Result<Versioned<ProblemView>> {
    org.require(Action::ReadProblems)?;
    let problem = find(&state, &org, &path.problem).await?;
    view(&state, &org, problem, StatusCode::OK).await
}

/// Changes a problem. Requires `If-Match` with its current `ETag` (428
/// without, 412 when stale); status moves follow the lifecycle (409
/// otherwise). A new workaround is published: it goes on the timeline of
/// every open incident the problem causes, their assignees are told, and a
/// problem still being identified or investigated becomes a known error.
#[utoipa::path(
    patch, path = "/api/orgs/{orgId}/problems/{problemId}", tag = "problems",
    params(("problemId" = String, Path), ("If-Match" = String, Header)),
    request_body = UpdateProblemRequest,
    responses(
        (status = 200, body = ProblemView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem), (status = 428, body = crate::error::Problem),
    ),
)]
async fn update_problem(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiPath(path): ApiPath<ProblemPath>,
    ApiJson(request): ApiJson<UpdateProblemRequest>,
) -> Result<Versioned<ProblemView>> {
    org.require(Action::WriteProblems)?;
    let IfMatch(version) = IfMatch::from_headers(&headers)?;
    let mut checks = Checks::default();
    let title = checks.take_some(request.title.as_deref().map(|t| Title::parse(t, "title").map(Title::into_inner)));
    let description = checks.take_some(request.description.map(|t| text(t, "description")));
    let symptom = checks.take_some(request.symptom.map(|t| text(t, "symptom")));
    let root_cause = checks.take_some(request.root_cause.map(|t| text(t, "rootCause")));
    let workaround = checks.take_some(request.workaround.map(|t| text(t, "workaround")));
    checks.finish().map_err(Error::Validation)?;
    let change = ProblemChange {
        title: title.flatten(),
        description: description.flatten(),
        symptom: symptom.flatten(),
        root_cause: root_cause.flatten(),
        workaround: workaround.flatten(),
        status: request.status,
        priority: request.priority,
        owner: request.owner,
        owner_team: request.owner_team,
    };
    let problem = find(&state, &org, &path.problem).await?;
    let updated =
        org.scope(&state).problems().change(problem.id, version, change, &org.meta).await?.map_err(refused)?;
    view(&state, &org, updated, StatusCode::OK).await
}

pub fn routes() -> OpenApiRouter<AppState> {
    module_routes(
        Module::ProblemManagement,
        OpenApiRouter::new()
            .routes(routes!(create_problem, list_problems))
            .routes(routes!(get_problem, update_problem))
            .merge(problem_records::routes()),
    )
}
