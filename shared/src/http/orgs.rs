//! Organisations: create, read, resolve by slug, list members.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::CurrentUser;
use super::extract::{ApiJson, ApiPath};
use super::tenant::OrgContext;
use crate::domain::accounts;
use crate::domain::org::{OrgSlug, Plan, PlanLimits, Role};
use crate::error::{Error, Result};
use crate::ids::{OrgId, UserId};
use crate::store::{NewOrg, OrgRecord, StoreError};

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrgView {
    id: OrgId,
    name: String,
    slug: String,
    plan: Plan,
    /// Every module, with whether it is switched on.
    features: BTreeMap<&'static str, bool>,
    limits: PlanLimits,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl From<&OrgRecord> for OrgView {
    fn from(org: &OrgRecord) -> Self {
        Self {
            id: org.id,
            name: org.name.clone(),
            slug: org.slug.clone(),
            plan: org.plan,
            features: org.features.to_map(),
            limits: org.plan.limits(),
            created_at: org.created_at,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateOrgRequest {
    name: String,
    /// Lowercase letters, digits and hyphens, 3–40 characters.
    slug: String,
}

/// Creates an organisation; the caller becomes its admin.
#[utoipa::path(
    post, path = "/api/orgs", tag = "orgs", request_body = CreateOrgRequest,
    responses((status = 201, body = OrgView), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn create_org(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<CreateOrgRequest>,
) -> Result<(StatusCode, Json<OrgView>)> {
    let slug = OrgSlug::parse(&body.slug);
    let name = accounts::check_name(&body.name, "name");
    accounts::validate([slug.as_ref().map(|_| ()).map_err(field_of), name.as_ref().map(|_| ()).map_err(Clone::clone)])?;
    let (Ok(slug), Ok(name)) = (slug, name) else {
        return Err(Error::internal("validation passed with invalid fields"));
    };
    match state.store.create_org(NewOrg { name, slug }, current.user.id).await {
        Ok(org) => Ok((StatusCode::CREATED, Json(OrgView::from(&org)))),
        Err(StoreError::Duplicate(_)) => Err(Error::conflict("slug-taken", "this slug is already taken")),
        Err(other) => Err(other.into()),
    }
}

fn field_of(error: &Error) -> crate::error::FieldError {
    match error {
        Error::Validation(fields) if !fields.is_empty() => fields[0].clone(),
        other => crate::error::FieldError::new("", other.to_string()),
    }
}

/// An organisation with its plan, modules and limits.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}", tag = "orgs",
    params(("orgId" = OrgId, Path)),
    responses((status = 200, body = OrgView), (status = 404, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn get_org(org: OrgContext) -> Json<OrgView> {
    Json(OrgView::from(org.access.org()))
}

/// Resolves a slug to its organisation, for members only.
#[utoipa::path(
    get, path = "/api/orgs/by-slug/{slug}", tag = "orgs",
    params(("slug" = String, Path)),
    responses((status = 200, body = OrgView), (status = 404, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn org_by_slug(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath(slug): ApiPath<String>,
) -> Result<Json<OrgView>> {
    let memberships = state.store.memberships_of(current.user.id).await?;
    memberships
        .iter()
        .find(|(org, _)| org.slug == slug)
        .map(|(org, _)| Json(OrgView::from(org)))
        .ok_or(Error::NotFound("organisation"))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    user_id: UserId,
    name: String,
    email: String,
    roles: Vec<Role>,
    joined_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct MemberList {
    data: Vec<MemberView>,
}

/// The organisation's members and their roles.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/members", tag = "orgs",
    params(("orgId" = OrgId, Path)),
    responses((status = 200, body = MemberList), (status = 404, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn list_members(State(state): State<AppState>, org: OrgContext) -> Result<Json<MemberList>> {
    let members = org.scope(&state).members().await?;
    let data = members
        .into_iter()
        .map(|m| MemberView {
            user_id: m.user_id,
            name: m.name,
            email: m.email,
            roles: m.roles.to_vec(),
            joined_at: m.joined_at,
        })
        .collect();
    Ok(Json(MemberList { data }))
}

pub fn collection_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create_org))
}

pub fn by_slug_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(org_by_slug))
}

pub fn org_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_org))
}

pub fn member_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_members))
}
