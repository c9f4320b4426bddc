//! Changes (module `changeManagement`) on the record kernel — numbered
//! `CHG-n`, versioned under `If-Match`, idempotent creates, cursor lists and
//! the calendar (`?from&to`), the kernel's timeline and links — with their
//! approvals (`flow`) and the organisation's policy, freezes and figures
//! (`settings`).

mod flow;
mod settings;

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::approvals::ApprovalView;
use super::extract::{ApiJson, ApiPath, ApiQuery, present};
use super::kernel::owner_refused;
use super::kernel::paging::{self, Page};
use super::kernel::records::{RecordRoutes, RecordSummaryView, linked_by_kind, record_routes};
use super::kernel::versioned::{IdempotencyKey, IfMatch, Versioned, stale};
use super::tenant::{OrgContext, module_routes};
use crate::domain::approvals::ApprovalStatus;
use crate::domain::changes::{ChangeStatus, ChangeType, Risk, Window};
use crate::domain::org::Module;
use crate::domain::permissions::Action;
use crate::domain::records::{RecordKind, RecordRef};
use crate::domain::text::{Checks, Markdown, Title};
use crate::error::{Error, FieldError, Result};
use crate::ids::{ChangeId, ConfigItemId, ProblemId, TeamId, UserId};
use crate::store::{
    ApprovalRecord, ChangeEdit, ChangeEditRefusal, ChangeFilter, ChangeRecord, FreezeRecord, LinkRelation, NewChange,
};

const MAX_TEXT_BYTES: usize = 64 * 1024;

/// The kernel's routes (timeline, notes, links) for changes.
pub const RECORDS: RecordRoutes = RecordRoutes {
    kind: RecordKind::Change,
    noun: "change",
    read: Action::ReadChanges,
    note: Action::WriteChanges,
    link: Action::WriteChanges,
    own: None,
};

record_routes!(change_records, super::RECORDS, "/api/orgs/{orgId}/changes/{changeId}", "changeId", "changes");

/// Another change holding an overlapping window on some of the same items.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConflictView {
    change: ChangeId,
    number: String,
    title: String,
    status: ChangeStatus,
    window: Option<Window>,
    /// The items both touch.
    items: Vec<ConfigItemId>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChangeView {
    id: ChangeId,
    /// `CHG-3`.
    number: String,
    title: String,
    /// Markdown.
    description: String,
    #[serde(rename = "type")]
    change_type: ChangeType,
    status: ChangeStatus,
    /// The higher of the organisation's rules and its questionnaire.
    risk: Risk,
    risk_score: u32,
    /// Answers to the risk questionnaire, by question key.
    risk_answers: BTreeMap<String, String>,
    implementation_plan: String,
    backout_plan: String,
    test_plan: String,
    /// The planned window, in UTC.
    window: Option<Window>,
    owner: Option<UserId>,
    owner_team: Option<TeamId>,
    requested_by: UserId,
    /// From the votes: `pending`, `approved`, `rejected`; `approved` for a
    /// change that needed none; `null` before it is submitted.
    approval_status: Option<ApprovalStatus>,
    approval: Option<ApprovalView>,
    /// Warnings: other changes holding overlapping windows on the same items.
    conflicts: Vec<ConflictView>,
    related_problems: Vec<RecordSummaryView>,
    linked_incidents: Vec<RecordSummaryView>,
    affected_items: Vec<RecordSummaryView>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    completed_at: Option<DateTime<Utc>>,
    /// Send as `If-Match` (also in the `ETag` header) when changing it.
    version: i32,
}

fn approval_status(change: &ChangeRecord, approval: Option<&ApprovalRecord>) -> Option<ApprovalStatus> {
    match approval {
        Some(approval) if approval.status != ApprovalStatus::Withdrawn => Some(approval.status),
        _ if matches!(change.status, ChangeStatus::Draft | ChangeStatus::Cancelled) => None,
        _ if change.status == ChangeStatus::Rejected => Some(ApprovalStatus::Rejected),
        _ => Some(ApprovalStatus::Approved),
    }
}

pub(super) async fn view(
    state: &AppState,
    org: &OrgContext,
    change: ChangeRecord,
    status: StatusCode,
) -> Result<Versioned<ChangeView>> {
    let scope = org.scope(state);
    let approval = scope.approvals().latest(change.id.into()).await?;
    let conflicts = scope
        .changes()
        .conflicts(&change)
        .await?
        .into_iter()
        .map(|c| ConflictView {
            change: c.change.id,
            number: c.change.number.to_string(),
            title: c.change.title,
            status: c.change.status,
            window: c.change.window,
            items: c.items,
        })
        .collect();
    let kinds = [RecordKind::Problem, RecordKind::Incident, RecordKind::ConfigurationItem];
    let mut linked = linked_by_kind(state, org, change.id.into(), &kinds).await?.into_iter();
    let version = change.version;
    let body = ChangeView {
        approval_status: approval_status(&change, approval.as_ref()),
        approval: approval.map(Into::into),
        conflicts,
        related_problems: linked.next().unwrap_or_default(),
        linked_incidents: linked.next().unwrap_or_default(),
        affected_items: linked.next().unwrap_or_default(),
        id: change.id,
        number: change.number.to_string(),
        title: change.title,
        description: change.description,
        change_type: change.change_type,
        status: change.status,
        risk: change.risk,
        risk_score: change.risk_score,
        risk_answers: change.risk_answers,
        implementation_plan: change.implementation_plan,
        backout_plan: change.backout_plan,
        test_plan: change.test_plan,
        window: change.window,
        owner: change.owner,
        owner_team: change.owner_team,
        requested_by: change.requested_by,
        created_at: change.created_at,
        updated_at: change.updated_at,
        completed_at: change.completed_at,
        version,
    };
    Ok(Versioned { status, version, body })
}

fn text(value: String, field: &str) -> std::result::Result<String, Vec<FieldError>> {
    Markdown::parse(value, field, MAX_TEXT_BYTES).map(Markdown::into_inner)
}

fn window(window: Window) -> std::result::Result<Window, Vec<FieldError>> {
    window.check("window").map_err(|e| vec![e])
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateChangeRequest {
    title: String,
    #[serde(rename = "type")]
    change_type: ChangeType,
    #[serde(default)]
    description: String,
    /// Answers to the organisation's risk questionnaire, by question key.
    #[serde(default)]
    risk_answers: BTreeMap<String, String>,
    #[serde(default)]
    implementation_plan: String,
    #[serde(default)]
    backout_plan: String,
    #[serde(default)]
    test_plan: String,
    window: Option<Window>,
    owner: Option<UserId>,
    owner_team: Option<TeamId>,
    /// Problems it resolves (`prb_…`), linked in the same write.
    #[serde(default)]
    related_problems: Vec<ProblemId>,
    /// Configuration items it touches (`cfg_…`), linked in the same write.
    #[serde(default)]
    affected_items: Vec<ConfigItemId>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateChangeRequest {
    title: Option<String>,
    description: Option<String>,
    /// Only while a draft.
    #[serde(rename = "type")]
    change_type: Option<ChangeType>,
    risk_answers: Option<BTreeMap<String, String>>,
    implementation_plan: Option<String>,
    backout_plan: Option<String>,
    test_plan: Option<String>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "present")]
    window: Option<Option<Window>>,
    #[serde(default, deserialize_with = "present")]
    owner: Option<Option<UserId>>,
    #[serde(default, deserialize_with = "present")]
    owner_team: Option<Option<TeamId>>,
}

#[derive(Deserialize)]
struct ChangePath {
    #[serde(rename = "changeId")]
    change: String,
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ChangeListQuery {
    status: Option<ChangeStatus>,
    /// With `to`: changes whose window overlaps `[from, to)` (the calendar).
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    cursor: Option<String>,
    /// 1–100, default 25.
    limit: Option<u64>,
}

pub(super) fn refused(refusal: ChangeEditRefusal) -> Error {
    match refusal {
        ChangeEditRefusal::NotFound => Error::NotFound("change"),
        ChangeEditRefusal::Stale { current } => stale("change", current),
        ChangeEditRefusal::Invalid(errors) => Error::Validation(errors),
        ChangeEditRefusal::Owner(refusal) => owner_refused(refusal, "owner", "ownerTeam"),
        ChangeEditRefusal::TypeFixed => Error::field("type", "is fixed once the change is submitted"),
        ChangeEditRefusal::Frozen(freeze) => frozen(&freeze),
        ChangeEditRefusal::UnknownRecord(field, record) => {
            Error::field(field, format!("{record} is not a record of this organisation"))
        }
    }
}

/// The 409 naming the freeze a change may not be scheduled in.
pub(super) fn frozen(freeze: &FreezeRecord) -> Error {
    Error::conflict(
        "change-freeze",
        format!(
            "the window falls in the change freeze \"{}\" ({} to {}, {}); only emergency changes may be scheduled in it",
            freeze.name,
            freeze.window.start.to_rfc3339(),
            freeze.window.end.to_rfc3339(),
            freeze.id
        ),
    )
}

pub(super) async fn find(state: &AppState, org: &OrgContext, reference: &str) -> Result<ChangeRecord> {
    org.scope(state).changes().find(reference).await?.ok_or(Error::NotFound("change"))
}

/// Raises a change as a draft; its risk is assessed from the
/// organisation's rules and questionnaire. `relatedProblems` and
/// `affectedItems` are linked in the same write. An `Idempotency-Key` makes
/// a retry within 24 hours return the first one.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/changes", tag = "changes",
    params(("Idempotency-Key" = Option<String>, Header)),
    request_body = CreateChangeRequest,
    responses((status = 201, body = ChangeView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem))
)]
async fn create_change(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CreateChangeRequest>,
) -> Result<Versioned<ChangeView>> {
    org.require(Action::WriteChanges)?;
    let IdempotencyKey(key) = IdempotencyKey::from_headers(&headers)?;
    let mut checks = Checks::default();
    let title = checks.take(Title::parse(&request.title, "title"));
    let texts = [
        ("description", request.description),
        ("implementationPlan", request.implementation_plan),
        ("backoutPlan", request.backout_plan),
        ("testPlan", request.test_plan),
    ]
    .map(|(field, value)| checks.take(text(value, field)).unwrap_or_default());
    let planned = checks.take_some(request.window.map(window));
    checks.finish().map_err(Error::Validation)?;
    let (Some(title), Some(planned)) = (title, planned) else {
        return Err(Error::internal("checks passed without values"));
    };
    let [description, implementation_plan, backout_plan, test_plan] = texts;
    let mut links: Vec<(&'static str, LinkRelation, RecordRef)> = Vec::new();
    for problem in dedup(request.related_problems) {
        links.push(("relatedProblems", LinkRelation::Resolves, problem.into()));
    }
    for item in dedup(request.affected_items) {
        links.push(("affectedItems", LinkRelation::Affects, item.into()));
    }
    let new = NewChange {
        title: title.into_inner(),
        description,
        change_type: request.change_type,
        risk_answers: request.risk_answers,
        implementation_plan,
        backout_plan,
        test_plan,
        window: planned,
        owner: request.owner,
        owner_team: request.owner_team,
        requested_by: org.current.user.id,
        links,
    };
    let (change, _) = org.scope(&state).changes().create(new, key.as_deref(), &org.meta).await?.map_err(refused)?;
    view(&state, &org, change, StatusCode::CREATED).await
}

fn dedup<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    items.sort();
    items.dedup();
    items
}

/// Changes, newest first, in pages (opaque `cursor`); with `from` and `to`,
/// those whose window overlaps the range (the calendar), each with its conflicts.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/changes", tag = "changes",
    params(ChangeListQuery),
    responses((status = 200, body = Page<ChangeView>), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn list_changes(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<ChangeListQuery>,
) -> Result<Json<Page<ChangeView>>> {
    org.require(Action::ReadChanges)?;
    let limit = paging::limit(query.limit)?;
    let window = match (query.from, query.to) {
        (Some(from), Some(to)) if from < to => Some((from, to)),
        (None, None) => None,
        (Some(_), Some(_)) => return Err(Error::field("to", "must be after from")),
        (None, Some(_)) => return Err(Error::field("from", "is needed with to")),
        (Some(_), None) => return Err(Error::field("to", "is needed with from")),
    };
    let filter =
        ChangeFilter { status: query.status, window, before: query.cursor.as_deref().map(paging::decode).transpose()? };
    let (found, next) = org.scope(&state).changes().list(&filter, limit).await?;
    let mut data = Vec::with_capacity(found.len());
    for change in found {
        data.push(view(&state, &org, change, StatusCode::OK).await?.body);
    }
    Ok(Json(Page::new(data, next)))
}

/// One change, by id (`chg_…`) or number (`3`, `CHG-3`), with its `ETag`,
/// approval (steps, votes, who is pending), conflicts and links.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/changes/{changeId}", tag = "changes",
    params(("changeId" = String, Path, description = "`chg_…`, `3` or `CHG-3`")),
    responses((status = 200, body = ChangeView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)),
)]
async fn get_change(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ChangePath>,
) -> Result<Versioned<ChangeView>> {
    org.require(Action::ReadChanges)?;
    let change = find(&state, &org, &path.change).await?;
    view(&state, &org, change, StatusCode::OK).await
}

/// Edits a change's fields (its status moves through `…/submit`,
/// `…/votes` and `…/status`). Requires `If-Match` (428 without, 412 when
/// stale). The risk is assessed again; moving a scheduled change's window
/// into a freeze is a 409 naming the freeze.
#[utoipa::path(
    patch, path = "/api/orgs/{orgId}/changes/{changeId}", tag = "changes",
    params(("changeId" = String, Path), ("If-Match" = String, Header)),
    request_body = UpdateChangeRequest,
    responses(
        (status = 200, body = ChangeView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem), (status = 428, body = crate::error::Problem),
    ),
)]
async fn update_change(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiPath(path): ApiPath<ChangePath>,
    ApiJson(request): ApiJson<UpdateChangeRequest>,
) -> Result<Versioned<ChangeView>> {
    org.require(Action::WriteChanges)?;
    let IfMatch(version) = IfMatch::from_headers(&headers)?;
    let mut checks = Checks::default();
    let title = checks.take_some(request.title.as_deref().map(|t| Title::parse(t, "title").map(Title::into_inner)));
    let description = checks.take_some(request.description.map(|t| text(t, "description")));
    let implementation_plan = checks.take_some(request.implementation_plan.map(|t| text(t, "implementationPlan")));
    let backout_plan = checks.take_some(request.backout_plan.map(|t| text(t, "backoutPlan")));
    let test_plan = checks.take_some(request.test_plan.map(|t| text(t, "testPlan")));
    let planned = checks.take_some(request.window.map(|w| w.map(window).transpose()));
    checks.finish().map_err(Error::Validation)?;
    let edit = ChangeEdit {
        title: title.flatten(),
        description: description.flatten(),
        change_type: request.change_type,
        risk_answers: request.risk_answers,
        implementation_plan: implementation_plan.flatten(),
        backout_plan: backout_plan.flatten(),
        test_plan: test_plan.flatten(),
        window: planned.flatten(),
        owner: request.owner,
        owner_team: request.owner_team,
    };
    let change = find(&state, &org, &path.change).await?;
    let updated = org.scope(&state).changes().edit(change.id, version, edit, &org.meta).await?.map_err(refused)?;
    view(&state, &org, updated, StatusCode::OK).await
}

pub fn routes() -> OpenApiRouter<AppState> {
    module_routes(
        Module::ChangeManagement,
        OpenApiRouter::new()
            .routes(routes!(create_change, list_changes))
            .routes(routes!(get_change, update_change))
            .merge(flow::routes())
            .merge(settings::routes())
            .merge(change_records::routes()),
    )
}
