//! Teams: every member sees them; admins create, change and delete them
//! and decide who is on them. Records are assigned to teams.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::{ApiJson, ApiPath};
use super::kernel::versioned::{IfMatch, Versioned, stale};
use super::tenant::OrgContext;
use crate::domain::permissions::Action;
use crate::domain::teams::TeamName;
use crate::domain::text::{Checks, Markdown};
use crate::error::{Error, Result};
use crate::ids::{TeamId, UserId};
use crate::store::{NewTeam, TeamChange, TeamRecord, TeamRefusal};

const MAX_DESCRIPTION: usize = 4096;
const MAX_MEMBERS: usize = 500;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TeamView {
    id: TeamId,
    name: String,
    /// Markdown.
    description: String,
    lead: Option<UserId>,
    members: Vec<UserId>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    /// Send as `If-Match` (also in the `ETag` header) when changing it.
    version: i32,
}

impl From<TeamRecord> for TeamView {
    fn from(t: TeamRecord) -> Self {
        Self {
            id: t.id,
            name: t.name,
            description: t.description,
            lead: t.lead,
            members: t.members,
            created_at: t.created_at,
            updated_at: t.updated_at,
            version: t.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct TeamList {
    data: Vec<TeamView>,
}

fn versioned(team: TeamRecord, status: StatusCode) -> Versioned<TeamView> {
    Versioned { status, version: team.version, body: team.into() }
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateTeamRequest {
    name: String,
    #[serde(default)]
    description: String,
    lead: Option<UserId>,
    #[serde(default)]
    members: Vec<UserId>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateTeamRequest {
    name: Option<String>,
    description: Option<String>,
    /// A member id, or `null` for no lead.
    #[serde(default, deserialize_with = "super::extract::present")]
    #[schema(value_type = Option<UserId>)]
    lead: Option<Option<UserId>>,
    /// The whole membership (the lead is always among it).
    members: Option<Vec<UserId>>,
}

#[derive(Deserialize)]
struct TeamPath {
    #[serde(rename = "teamId")]
    team: TeamId,
}

#[derive(Deserialize)]
struct TeamMemberPath {
    #[serde(rename = "teamId")]
    team: TeamId,
    #[serde(rename = "userId")]
    user: UserId,
}

fn refused(refusal: TeamRefusal) -> Error {
    match refusal {
        TeamRefusal::NotFound => Error::NotFound("team"),
        TeamRefusal::Stale { current } => stale("team", current),
        TeamRefusal::NameTaken => Error::field("name", "another team of this organisation has this name"),
        TeamRefusal::NotMembers { field, users } => {
            let list: Vec<String> = users.iter().map(ToString::to_string).collect();
            Error::field(field, format!("not members of this organisation: {}", list.join(", ")))
        }
        TeamRefusal::InUse { incidents } => Error::conflict(
            "team-in-use",
            format!("{incidents} incident(s) are assigned to this team; assign them elsewhere first"),
        ),
        TeamRefusal::Paged { policies } => Error::conflict(
            "team-in-use",
            format!("escalation policies page this team ({}); change them first", policies.join(", ")),
        ),
    }
}

fn check_members(members: &[UserId]) -> std::result::Result<Vec<UserId>, Vec<crate::error::FieldError>> {
    if members.len() > MAX_MEMBERS {
        return Err(vec![crate::error::FieldError::new("members", format!("at most {MAX_MEMBERS} members"))]);
    }
    let mut sorted = members.to_vec();
    sorted.sort();
    sorted.dedup();
    Ok(sorted)
}

/// The organisation's teams, by name.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/teams", tag = "orgs",
    responses((status = 200, body = TeamList), (status = 404, body = crate::error::Problem)),
)]
async fn list_teams(State(state): State<AppState>, org: OrgContext) -> Result<Json<TeamList>> {
    org.require(Action::ViewOrg)?;
    let teams = org.scope(&state).teams().list().await?;
    Ok(Json(TeamList { data: teams.into_iter().map(Into::into).collect() }))
}

/// Creates a team (admins). Names are unique within the organisation,
/// whatever their case.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/teams", tag = "orgs",
    request_body = CreateTeamRequest,
    responses((status = 201, body = TeamView, headers(("ETag" = String))), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn create_team(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(body): ApiJson<CreateTeamRequest>,
) -> Result<Versioned<TeamView>> {
    org.require(Action::ManageTeams)?;
    let mut checks = Checks::default();
    let name = checks.take(TeamName::parse(&body.name).map_err(|e| vec![e]));
    let description = checks.take(Markdown::parse(body.description, "description", MAX_DESCRIPTION));
    let members = checks.take(check_members(&body.members));
    checks.finish().map_err(Error::Validation)?;
    let (Some(name), Some(description), Some(members)) = (name, description, members) else {
        return Err(Error::internal("checks passed without values"));
    };
    let new = NewTeam { name, description: description.into_inner(), lead: body.lead, members };
    let team = org.scope(&state).teams().create(new, &org.meta).await?.map_err(refused)?;
    Ok(versioned(team, StatusCode::CREATED))
}

/// One team, with its `ETag`.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/teams/{teamId}", tag = "orgs",
    params(("teamId" = TeamId, Path)),
    responses((status = 200, body = TeamView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)),
)]
async fn get_team(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<TeamPath>,
) -> Result<Versioned<TeamView>> {
    org.require(Action::ViewOrg)?;
    let team = org.scope(&state).teams().get(path.team).await?.ok_or(Error::NotFound("team"))?;
    Ok(versioned(team, StatusCode::OK))
}

/// Changes a team (admins). Requires `If-Match` with its current `ETag`.
#[utoipa::path(
    patch, path = "/api/orgs/{orgId}/teams/{teamId}", tag = "orgs",
    params(("teamId" = TeamId, Path), ("If-Match" = String, Header)),
    request_body = UpdateTeamRequest,
    responses(
        (status = 200, body = TeamView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
        (status = 428, body = crate::error::Problem),
    ),
)]
async fn update_team(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiPath(path): ApiPath<TeamPath>,
    ApiJson(body): ApiJson<UpdateTeamRequest>,
) -> Result<Versioned<TeamView>> {
    org.require(Action::ManageTeams)?;
    let IfMatch(version) = IfMatch::from_headers(&headers)?;
    let mut checks = Checks::default();
    let name = checks.take_some(body.name.as_deref().map(|n| TeamName::parse(n).map_err(|e| vec![e])));
    let description = checks.take_some(
        body.description.map(|d| Markdown::parse(d, "description", MAX_DESCRIPTION).map(Markdown::into_inner)),
    );
    let members = checks.take_some(body.members.as_deref().map(check_members));
    checks.finish().map_err(Error::Validation)?;
    let change = TeamChange {
        name: name.flatten(),
        description: description.flatten(),
        lead: body.lead,
        members: members.flatten(),
    };
    let team = org.scope(&state).teams().change(path.team, version, change, &org.meta).await?.map_err(refused)?;
    Ok(versioned(team, StatusCode::OK))
}

/// Deletes a team (admins); refused while incidents are assigned to it.
#[utoipa::path(
    delete, path = "/api/orgs/{orgId}/teams/{teamId}", tag = "orgs",
    params(("teamId" = TeamId, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)),
)]
async fn delete_team(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<TeamPath>,
) -> Result<StatusCode> {
    org.require(Action::ManageTeams)?;
    org.scope(&state).teams().delete(path.team, &org.meta).await?.map_err(refused)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes one person's place on a team, whatever else changed meanwhile.
async fn change_membership(
    state: &AppState,
    org: &OrgContext,
    path: TeamMemberPath,
    on: bool,
) -> Result<Versioned<TeamView>> {
    org.require(Action::ManageTeams)?;
    let teams = org.scope(state).teams();
    let team = teams.get(path.team).await?.ok_or(Error::NotFound("team"))?;
    let mut members: Vec<UserId> = team.members.into_iter().filter(|m| *m != path.user).collect();
    if on {
        members.push(path.user);
        members.sort();
    }
    let lead = (team.lead == Some(path.user) && !on).then_some(None);
    let change = TeamChange { members: Some(members), lead, ..TeamChange::default() };
    let team = teams.change(path.team, Some(team.version), change, &org.meta).await?.map_err(refused)?;
    Ok(versioned(team, StatusCode::OK))
}

/// Puts a member on the team (admins).
#[utoipa::path(
    put, path = "/api/orgs/{orgId}/teams/{teamId}/members/{userId}", tag = "orgs",
    params(("teamId" = TeamId, Path), ("userId" = UserId, Path)),
    responses((status = 200, body = TeamView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn add_team_member(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<TeamMemberPath>,
) -> Result<Versioned<TeamView>> {
    change_membership(&state, &org, path, true).await
}

/// Takes a member off the team (admins); a lead taken off is no longer lead.
#[utoipa::path(
    delete, path = "/api/orgs/{orgId}/teams/{teamId}/members/{userId}", tag = "orgs",
    params(("teamId" = TeamId, Path), ("userId" = UserId, Path)),
    responses((status = 200, body = TeamView), (status = 404, body = crate::error::Problem)),
)]
async fn remove_team_member(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<TeamMemberPath>,
) -> Result<Versioned<TeamView>> {
    change_membership(&state, &org, path, false).await
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_teams, create_team))
        .routes(routes!(get_team, update_team, delete_team))
        .routes(routes!(add_team_member, remove_team_member))
}
