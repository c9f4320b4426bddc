//! Members of an organisation and their roles.

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
use super::tenant::OrgContext;
use crate::domain::org::{Role, Roles};
use crate::domain::permissions::Action;
use crate::error::{Error, Result};
use crate::ids::UserId;
use crate::store::{MemberRecord, MembershipRefusal};

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    user_id: UserId,
    name: String,
    email: String,
    roles: Vec<Role>,
    joined_at: DateTime<Utc>,
}

impl From<MemberRecord> for MemberView {
    fn from(m: MemberRecord) -> Self {
        Self { user_id: m.user_id, name: m.name, email: m.email, roles: m.roles.to_vec(), joined_at: m.joined_at }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MemberList {
    data: Vec<MemberView>,
}

#[derive(Deserialize)]
struct MemberPath {
    #[serde(rename = "userId")]
    user_id: UserId,
}

fn refusal(refusal: MembershipRefusal) -> Error {
    match refusal {
        MembershipRefusal::NotMember => Error::NotFound("member"),
        MembershipRefusal::NoSeats { seats } => super::invites::no_seats(seats),
        MembershipRefusal::LastAdmin => Error::conflict(
            "last-admin",
            "the organisation must keep at least one admin; make someone else admin first",
        ),
    }
}

/// The organisation's members and their roles.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/members", tag = "orgs",
    responses((status = 200, body = MemberList), (status = 404, body = crate::error::Problem))
)]
async fn list_members(State(state): State<AppState>, org: OrgContext) -> Result<Json<MemberList>> {
    org.require(Action::ViewOrg)?;
    let members = org.scope(&state).members().await?;
    Ok(Json(MemberList { data: members.into_iter().map(Into::into).collect() }))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateMemberRequest {
    roles: Vec<Role>,
}

/// Changes a member's roles (admins only). The last admin cannot be demoted.
#[utoipa::path(
    patch, path = "/api/orgs/{orgId}/members/{userId}", tag = "orgs",
    params(("userId" = UserId, Path)),
    request_body = UpdateMemberRequest,
    responses((status = 200, body = MemberView), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem))
)]
async fn update_member(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<MemberPath>,
    ApiJson(body): ApiJson<UpdateMemberRequest>,
) -> Result<Json<MemberView>> {
    org.require(Action::ManageMembers)?;
    let roles = Roles::new(body.roles)?;
    let updated = org.scope(&state).set_member_roles(path.user_id, &roles, &org.meta).await?;
    Ok(Json(updated.map_err(refusal)?.into()))
}

/// Removes a member (admins), or leaves the organisation (any member, for
/// themselves). Their sessions stop reaching the organisation at once; what
/// they did stays, attributed to them. The last admin cannot leave.
#[utoipa::path(
    delete, path = "/api/orgs/{orgId}/members/{userId}", tag = "orgs",
    params(("userId" = UserId, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem))
)]
async fn remove_member(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<MemberPath>,
) -> Result<StatusCode> {
    if path.user_id != org.current.user.id {
        org.require(Action::ManageMembers)?;
    }
    org.scope(&state).remove_member(path.user_id, &org.meta).await?.map_err(refusal)?;
    Ok(StatusCode::NO_CONTENT)
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_members)).routes(routes!(update_member, remove_member))
}
