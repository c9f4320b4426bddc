//! A change's moves: submitting it to its approvals, voting, the moves
//! people make (schedule, implement, finish, cancel, close), and opening
//! the incident a failed change caused.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::super::AppState;
use super::super::extract::{ApiJson, ApiPath};
use super::super::kernel::versioned::{IfMatch, Versioned, stale};
use super::super::tenant::OrgContext;
use super::{ChangePath, ChangeView, find, frozen, view};
use crate::domain::changes::ChangeStatus;
use crate::domain::incidents::{Severity, Source};
use crate::domain::permissions::Action;
use crate::domain::text::{Markdown, Title};
use crate::error::{Error, Result};
use crate::http::approvals::VoteRequest;
use crate::http::incidents::IncidentView;
use crate::store::{CreateRefusal, FlowRefusal, LinkRelation, NewIncident, VoteRefusal};

fn refused(refusal: FlowRefusal) -> Error {
    match refusal {
        FlowRefusal::NotFound => Error::NotFound("change"),
        FlowRefusal::Stale { current } => stale("change", current),
        FlowRefusal::Transition { from, to } => {
            Error::conflict("invalid-transition", format!("a change that is {from} cannot become {to}"))
        }
        FlowRefusal::DecidedByApprovals(to) => Error::conflict(
            "decided-by-approvals",
            format!("a change becomes {to} through its approvals: submit it, or vote"),
        ),
        FlowRefusal::NoWindow => Error::field("window", "a change needs a planned window to be scheduled"),
        FlowRefusal::Frozen(freeze) => frozen(&freeze),
        FlowRefusal::Unmeetable(why) => Error::conflict("approval-unmeetable", why),
        FlowRefusal::Vote(VoteRefusal::NothingPending) => {
            Error::conflict("no-pending-approval", "the change is not awaiting approval")
        }
        FlowRefusal::Vote(VoteRefusal::OwnRecord) => {
            Error::Forbidden("no one approves their own change: you requested it".to_owned())
        }
        FlowRefusal::Vote(VoteRefusal::NotAnApprover) => {
            Error::Forbidden("you are not an approver of the change's current approval step".to_owned())
        }
        FlowRefusal::Vote(VoteRefusal::AlreadyVoted) => {
            Error::conflict("already-voted", "you have voted on this approval step already")
        }
    }
}

/// Submits a draft to the approvals its type needs: the organisation's
/// board for normal changes, its smaller emergency board for emergency
/// ones; a standard change (pre-approved) is approved at once. Approvers
/// are resolved now (never the requester); a step they cannot meet is a 409
/// saying why.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/changes/{changeId}/submit", tag = "changes",
    params(("changeId" = String, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = ChangeView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem)),
)]
async fn submit_change(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiPath(path): ApiPath<ChangePath>,
) -> Result<Versioned<ChangeView>> {
    org.require(Action::WriteChanges)?;
    let version = IfMatch::optional(&headers)?;
    let change = find(&state, &org, &path.change).await?;
    let submitted = org.scope(&state).changes().submit(change.id, version, &org.meta).await?.map_err(refused)?;
    view(&state, &org, submitted, StatusCode::OK).await
}

/// Approves or rejects the change's current approval step, as one of its
/// approvers (403 otherwise, and always for the requester). The step and
/// the approval decide as soon as the votes make the outcome certain.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/changes/{changeId}/votes", tag = "changes",
    params(("changeId" = String, Path)),
    request_body = VoteRequest,
    responses((status = 200, body = ChangeView, headers(("ETag" = String))), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn vote_on_change(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ChangePath>,
    ApiJson(request): ApiJson<VoteRequest>,
) -> Result<Versioned<ChangeView>> {
    org.require(Action::ReadChanges)?;
    let comment = request.comment()?;
    let change = find(&state, &org, &path.change).await?;
    let voted = org
        .scope(&state)
        .changes()
        .vote(change.id, org.current.user.id, request.decision, &comment, &org.meta)
        .await?
        .map_err(refused)?;
    view(&state, &org, voted.change, StatusCode::OK).await
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusRequest {
    /// `scheduled` (needs a window, outside any freeze unless an
    /// emergency), `implementing`, `completed`, `failed`, `cancelled`,
    /// `closed`, or `draft` (a rejected change, for rework).
    status: ChangeStatus,
}

/// Moves a change along its lifecycle. Requires `If-Match`. The moves the
/// approvals make (`submitted`, `awaiting_approval`, `approved`,
/// `rejected`) are a 409 here.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/changes/{changeId}/status", tag = "changes",
    params(("changeId" = String, Path), ("If-Match" = String, Header)),
    request_body = StatusRequest,
    responses((status = 200, body = ChangeView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem), (status = 428, body = crate::error::Problem)),
)]
async fn move_change(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiPath(path): ApiPath<ChangePath>,
    ApiJson(request): ApiJson<StatusRequest>,
) -> Result<Versioned<ChangeView>> {
    org.require(Action::WriteChanges)?;
    let IfMatch(version) = IfMatch::from_headers(&headers)?;
    let change = find(&state, &org, &path.change).await?;
    let moved = org
        .scope(&state)
        .changes()
        .transition(change.id, version, request.status, &org.meta)
        .await?
        .map_err(refused)?;
    view(&state, &org, moved, StatusCode::OK).await
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CausedIncidentRequest {
    /// Default: "Caused by CHG-n: <its title>".
    title: Option<String>,
    severity: Severity,
    #[serde(default)]
    description: String,
}

/// Opens an incident caused by this change (linked `caused_by` it, in the
/// same write): what a failed change did. Counts towards the change
/// failure rate.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/changes/{changeId}/incidents", tag = "changes",
    params(("changeId" = String, Path)),
    request_body = CausedIncidentRequest,
    responses((status = 201, body = IncidentView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn open_caused_incident(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ChangePath>,
    ApiJson(request): ApiJson<CausedIncidentRequest>,
) -> Result<Versioned<IncidentView>> {
    org.require(Action::CreateIncident)?;
    org.require(Action::ReadChanges)?;
    let change = find(&state, &org, &path.change).await?;
    let title = request.title.unwrap_or_else(|| format!("Caused by {}: {}", change.number, change.title));
    let title = Title::parse(&title, "title").map_err(Error::Validation)?.into_inner();
    let description = Markdown::parse(request.description, "description", 64 * 1024).map_err(Error::Validation)?;
    let new = NewIncident {
        title,
        description: description.into_inner(),
        severity: request.severity,
        assignees: Vec::new(),
        commander: None,
        team: change.owner_team,
        labels: Vec::new(),
        source: Source::Ui,
        created_by: org.current.user.id,
        links: vec![(LinkRelation::CausedBy, change.id.into())],
    };
    let scope = org.scope(&state);
    match scope.incidents().create(new, None, &org.meta).await? {
        Ok((incident, _)) => crate::http::incidents::view_response(&scope, incident, StatusCode::CREATED).await,
        Err(CreateRefusal::UnknownRecord(_)) => Err(Error::NotFound("change")),
        Err(CreateRefusal::UnknownTeam | CreateRefusal::NotMembers(_)) => {
            Err(Error::conflict("owner-team-gone", "the change's team is no longer one of the organisation's"))
        }
    }
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(submit_change))
        .routes(routes!(vote_on_change))
        .routes(routes!(move_change))
        .routes(routes!(open_caused_incident))
}
