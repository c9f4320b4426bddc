//! The signed-in user and the organisations they belong to.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::CurrentUser;
use crate::domain::org::Role;
use crate::error::Result;
use crate::ids::{OrgId, UserId};
use crate::store::UserRecord;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserView {
    id: UserId,
    email: String,
    name: String,
    email_verified: bool,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MembershipView {
    org_id: OrgId,
    slug: String,
    name: String,
    roles: Vec<Role>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MeView {
    user: UserView,
    memberships: Vec<MembershipView>,
}

pub async fn me_view(state: &AppState, user: &UserRecord) -> Result<MeView> {
    let memberships = state
        .store
        .memberships_of(user.id)
        .await?
        .into_iter()
        .map(|(org, roles)| MembershipView { org_id: org.id, slug: org.slug, name: org.name, roles: roles.to_vec() })
        .collect();
    Ok(MeView {
        user: UserView {
            id: user.id,
            email: user.email.clone(),
            name: user.name.clone(),
            email_verified: user.email_verified_at.is_some(),
        },
        memberships,
    })
}

/// The signed-in user and their memberships (org id, slug, roles).
#[utoipa::path(
    get, path = "/api/me", tag = "auth",
    responses((status = 200, body = MeView), (status = 401, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn me(State(state): State<AppState>, current: CurrentUser) -> Result<Json<MeView>> {
    Ok(Json(me_view(&state, &current.user).await?))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(me))
}
