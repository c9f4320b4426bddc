//! Service requests (module `requestFulfillment`), numbered `REQ-n`: raised
//! from a catalogue item with answers its form checks (a 422 names each
//! path, `/answers/laptop/model`), approved through the approvals engine,
//! fulfilled by teams' tasks. Requesters reach their own requests (and
//! write on their timeline); agents all, and the teams' task queue.

mod queue;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::approvals::{ApprovalView, VoteRequest};
use super::extract::{ApiJson, ApiPath, ApiQuery, present};
use super::kernel::paging::{self, Page};
use super::kernel::records::{RecordRoutes, record_routes};
use super::kernel::versioned::{IdempotencyKey, IfMatch, Versioned, stale};
use super::tenant::{OrgContext, module_routes, portal_routes};
use crate::domain::org::Module;
use crate::domain::permissions::Action;
use crate::domain::records::RecordKind;
use crate::domain::requests::{RequestStatus, TaskStatus};
use crate::error::{Error, Result};
use crate::ids::{CatalogItemId, RequestId, RequestTaskId, TeamId, UserId};
use crate::store::{
    NewRequest, RequestFilter, RequestMove, RequestRecord, RequestRefusal, TaskEdit, TaskRecord, VoteRefusal,
};

/// The largest answers a request may carry.
const MAX_ANSWERS_BYTES: usize = 64 * 1024;

/// The kernel's routes (timeline, notes, links) for requests: agents reach
/// every request, requesters the ones they raised.
pub const RECORDS: RecordRoutes = RecordRoutes {
    kind: RecordKind::Request,
    noun: "request",
    read: Action::ReadRequests,
    note: Action::WorkRequests,
    link: Action::WorkRequests,
    own: Some(Action::UsePortal),
};

record_routes!(request_records, super::RECORDS, "/api/orgs/{orgId}/requests/{requestId}", "requestId", "requests");

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TaskView {
    id: RequestTaskId,
    request: RequestId,
    /// Stages run in sequence (from 0); the tasks of one in parallel.
    stage: u32,
    name: String,
    team: TeamId,
    assignee: Option<UserId>,
    status: TaskStatus,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    done_at: Option<DateTime<Utc>>,
    version: i32,
}

impl From<TaskRecord> for TaskView {
    fn from(t: TaskRecord) -> Self {
        Self {
            id: t.id,
            request: t.request,
            stage: t.stage,
            name: t.name,
            team: t.team,
            assignee: t.assignee,
            status: t.status,
            created_at: t.created_at,
            updated_at: t.updated_at,
            done_at: t.done_at,
            version: t.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestView {
    id: RequestId,
    /// `REQ-3`.
    number: String,
    /// The item's name when it was raised.
    title: String,
    item: CatalogItemId,
    /// The form it was raised with (a JSON Schema), and its version.
    form: Value,
    form_version: i32,
    answers: Value,
    status: RequestStatus,
    requested_by: UserId,
    approval: Option<ApprovalView>,
    /// Its fulfilment tasks, stage by stage.
    tasks: Vec<TaskView>,
    /// When it should be fulfilled by (the item's target time).
    due_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    /// Send as `If-Match` (also in the `ETag` header) when changing it.
    version: i32,
}

async fn view(
    state: &AppState,
    org: &OrgContext,
    request: RequestRecord,
    status: StatusCode,
) -> Result<Versioned<RequestView>> {
    let scope = org.scope(state);
    let approval = scope.approvals().latest(request.id.into()).await?;
    let tasks = scope.requests().tasks(request.id).await?;
    let form = scope.catalog().form(request.item, request.form_version).await?.unwrap_or(Value::Null);
    let version = request.version;
    let body = RequestView {
        id: request.id,
        number: request.number.to_string(),
        title: request.title,
        item: request.item,
        form,
        form_version: request.form_version,
        answers: request.answers,
        status: request.status,
        requested_by: request.requested_by,
        approval: approval.map(Into::into),
        tasks: tasks.into_iter().map(Into::into).collect(),
        due_at: request.due_at,
        created_at: request.created_at,
        updated_at: request.updated_at,
        closed_at: request.closed_at,
        version,
    };
    Ok(Versioned { status, version, body })
}

fn refused(refusal: RequestRefusal) -> Error {
    match refusal {
        RequestRefusal::NotFound => Error::NotFound("request"),
        RequestRefusal::ItemNotFound => Error::field("item", "is not a published item you may request"),
        RequestRefusal::Invalid(errors) => Error::Validation(errors),
        RequestRefusal::Unmeetable(why) => Error::conflict("approval-unmeetable", why),
        RequestRefusal::Stale { current } => stale("request", current),
        RequestRefusal::Transition { from, to } => {
            Error::conflict("invalid-transition", format!("a request that is {from} cannot become {to}"))
        }
        RequestRefusal::OpenTasks(open) => Error::conflict(
            "open-tasks",
            format!("{open} task(s) are still to do: the request is fulfilled when its last task is done"),
        ),
        RequestRefusal::Vote(VoteRefusal::NothingPending) => {
            Error::conflict("no-pending-approval", "the request is not awaiting approval")
        }
        RequestRefusal::Vote(VoteRefusal::OwnRecord) => {
            Error::Forbidden("no one approves their own request".to_owned())
        }
        RequestRefusal::Vote(VoteRefusal::NotAnApprover) => {
            Error::Forbidden("you are not an approver of the request's current approval step".to_owned())
        }
        RequestRefusal::Vote(VoteRefusal::AlreadyVoted) => {
            Error::conflict("already-voted", "you have voted on this approval step already")
        }
        RequestRefusal::TaskNotFound => Error::NotFound("task"),
        RequestRefusal::TaskTransition { from, to } => Error::conflict(
            "invalid-transition",
            format!("a task that is {from} cannot become {to} (tasks move while their request is in progress)"),
        ),
        RequestRefusal::NotAMember(user) => Error::field("assignee", format!("{user} is not a member")),
    }
}

#[derive(Deserialize)]
struct RequestPath {
    #[serde(rename = "requestId")]
    request: String,
}

/// The request `reference` names, if the caller may see it: agents any,
/// others their own (404 otherwise, as if it did not exist).
async fn find(state: &AppState, org: &OrgContext, reference: &str) -> Result<RequestRecord> {
    org.require(Action::UsePortal)?;
    let request = org.scope(state).requests().find(reference).await?.ok_or(Error::NotFound("request"))?;
    if org.allows(Action::ReadRequests) || request.requested_by == org.current.user.id {
        Ok(request)
    } else {
        Err(Error::NotFound("request"))
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateRequestRequest {
    /// A published catalogue item the caller may request.
    item: CatalogItemId,
    /// Answers to the item's form.
    #[serde(default = "empty_answers")]
    answers: Value,
}

fn empty_answers() -> Value {
    Value::Object(serde_json::Map::new())
}

/// Raises a request from a catalogue item. Answers are checked against the
/// item's form (a 422 names each path). An item with an approval waits for
/// it (`awaiting_approval`); one without starts at once (`in_progress`,
/// its first tasks open). Send `Idempotency-Key` to make retries safe.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/requests", tag = "requests",
    params(("Idempotency-Key" = Option<String>, Header)),
    request_body = CreateRequestRequest,
    responses((status = 201, body = RequestView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn create_request(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CreateRequestRequest>,
) -> Result<Versioned<RequestView>> {
    org.require(Action::UsePortal)?;
    let IdempotencyKey(key) = IdempotencyKey::from_headers(&headers)?;
    if request.answers.to_string().len() > MAX_ANSWERS_BYTES {
        return Err(Error::field("answers", format!("must be at most {MAX_ANSWERS_BYTES} bytes")));
    }
    let new = NewRequest { item: request.item, answers: request.answers, requested_by: org.current.user.id };
    let (created, fresh) =
        org.scope(&state).requests().create(new, key.as_deref(), &org.meta).await?.map_err(refused)?;
    let status = if fresh { StatusCode::CREATED } else { StatusCode::OK };
    view(&state, &org, created, status).await
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RequestListQuery {
    #[param(inline)]
    status: Option<RequestStatus>,
    item: Option<CatalogItemId>,
    /// Only the caller's own (always so for requesters).
    mine: Option<bool>,
    cursor: Option<String>,
    /// 1–100, default 25.
    limit: Option<u64>,
}

/// Requests, newest first, in pages: every request for agents, one's own
/// for requesters.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/requests", tag = "requests",
    params(RequestListQuery),
    responses((status = 200, body = Page<RequestView>), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn list_requests(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<RequestListQuery>,
) -> Result<Json<Page<RequestView>>> {
    org.require(Action::UsePortal)?;
    let limit = paging::limit(query.limit)?;
    let own_only = query.mine == Some(true) || !org.allows(Action::ReadRequests);
    let filter = RequestFilter {
        status: query.status,
        requested_by: own_only.then_some(org.current.user.id),
        item: query.item,
        before: query.cursor.as_deref().map(paging::decode).transpose()?,
    };
    let (found, next) = org.scope(&state).requests().list(&filter, limit).await?;
    let mut data = Vec::with_capacity(found.len());
    for request in found {
        data.push(view(&state, &org, request, StatusCode::OK).await?.body);
    }
    Ok(Json(Page::new(data, next)))
}

/// One request, by id (`req_…`) or number (`3`, `REQ-3`), with its form,
/// answers, approval and tasks.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/requests/{requestId}", tag = "requests",
    params(("requestId" = String, Path, description = "`req_…`, `3` or `REQ-3`")),
    responses((status = 200, body = RequestView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)),
)]
async fn get_request(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<RequestPath>,
) -> Result<Versioned<RequestView>> {
    let request = find(&state, &org, &path.request).await?;
    view(&state, &org, request, StatusCode::OK).await
}

/// Approves or rejects the request's current approval step, as one of its
/// approvers (403 otherwise, and always for the requester). Approved: its
/// first tasks open; rejected: its requester is told.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/requests/{requestId}/votes", tag = "requests",
    params(("requestId" = String, Path)),
    request_body = VoteRequest,
    responses((status = 200, body = RequestView, headers(("ETag" = String))), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn vote_on_request(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<RequestPath>,
    ApiJson(vote): ApiJson<VoteRequest>,
) -> Result<Versioned<RequestView>> {
    org.require(Action::ReadRequests)?;
    let comment = vote.comment()?;
    let request = find(&state, &org, &path.request).await?;
    let (voted, _) = org
        .scope(&state)
        .requests()
        .vote(request.id, org.current.user.id, vote.decision, &comment, &org.meta)
        .await?
        .map_err(refused)?;
    view(&state, &org, voted, StatusCode::OK).await
}

/// The request's SLA clocks as they stand now, each with how its figures
/// came about (agents; module slaManagement).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/requests/{requestId}/sla", tag = "requests",
    params(("requestId" = String, Path)),
    responses((status = 200, body = crate::http::sla::ClockList), (status = 404, body = crate::error::Problem)),
)]
async fn request_sla(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<RequestPath>,
) -> Result<Json<crate::http::sla::ClockList>> {
    org.require(Action::ReadRequests)?;
    let request = find(&state, &org, &path.request).await?;
    crate::http::sla::clocks(&state, &org, request.id.into()).await
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestStatusRequest {
    /// `cancelled` (its requester, or an agent), or `fulfilled` (an agent,
    /// once no task is left to do).
    #[schema(inline)]
    status: RequestStatus,
}

/// Cancels a request (its requester or an agent: its approval is withdrawn,
/// its open tasks cancelled) or fulfils it by hand (an agent, once no task
/// is left). The other moves follow from its approval and its tasks (409).
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/requests/{requestId}/status", tag = "requests",
    params(("requestId" = String, Path), ("If-Match" = Option<String>, Header)),
    request_body = RequestStatusRequest,
    responses((status = 200, body = RequestView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem)),
)]
async fn move_request(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiPath(path): ApiPath<RequestPath>,
    ApiJson(body): ApiJson<RequestStatusRequest>,
) -> Result<Versioned<RequestView>> {
    let version = IfMatch::optional(&headers)?;
    let request = find(&state, &org, &path.request).await?;
    let request_move = match body.status {
        RequestStatus::Cancelled if request.requested_by == org.current.user.id => RequestMove::Cancel,
        RequestStatus::Cancelled => {
            org.require(Action::WorkRequests)?;
            RequestMove::Cancel
        }
        RequestStatus::Fulfilled => {
            org.require(Action::WorkRequests)?;
            RequestMove::Fulfil
        }
        to => {
            return Err(Error::conflict(
                "decided-by-the-request",
                format!("a request becomes {to} through its approval and its tasks"),
            ));
        }
    };
    let moved = org
        .scope(&state)
        .requests()
        .transition(request.id, version, request_move, &org.meta)
        .await?
        .map_err(refused)?;
    view(&state, &org, moved, StatusCode::OK).await
}

#[derive(Deserialize)]
struct TaskPath {
    #[serde(rename = "requestId")]
    request: String,
    #[serde(rename = "taskId")]
    task: RequestTaskId,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskRequest {
    /// `open`, `in_progress`, `waiting_on_requester` or `done`.
    #[schema(inline)]
    status: Option<TaskStatus>,
    /// A member, or `null` to unassign.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<UserId>)]
    assignee: Option<Option<UserId>>,
}

/// Moves or assigns one of the request's tasks (agents), while the request
/// is in progress. The last task of a stage opens the next; the last of
/// all fulfils the request.
#[utoipa::path(
    patch, path = "/api/orgs/{orgId}/requests/{requestId}/tasks/{taskId}", tag = "requests",
    params(("requestId" = String, Path), ("taskId" = RequestTaskId, Path)),
    request_body = TaskRequest,
    responses((status = 200, body = RequestView, headers(("ETag" = String))), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn update_task(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<TaskPath>,
    ApiJson(body): ApiJson<TaskRequest>,
) -> Result<Versioned<RequestView>> {
    org.require(Action::WorkRequests)?;
    let request = find(&state, &org, &path.request).await?;
    let edit = TaskEdit { status: body.status, assignee: body.assignee };
    let (updated, _) =
        org.scope(&state).requests().edit_task(request.id, path.task, edit, &org.meta).await?.map_err(refused)?;
    view(&state, &org, updated, StatusCode::OK).await
}

pub fn routes() -> OpenApiRouter<AppState> {
    module_routes(
        Module::RequestFulfillment,
        portal_routes(
            OpenApiRouter::new()
                .routes(routes!(create_request, list_requests))
                .merge(queue::routes())
                .routes(routes!(get_request))
                .routes(routes!(vote_on_request))
                .routes(routes!(request_sla))
                .routes(routes!(move_request))
                .routes(routes!(update_task))
                .merge(request_records::routes()),
        ),
    )
}
