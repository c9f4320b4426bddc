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
use super::extract::{ApiJson, ApiPath};
use super::meta::RequestMeta;
use super::session::CurrentUser;
use super::tenant::{OrgContext, portal_routes};
use crate::domain::accounts;
use crate::domain::org::{Module, OrgSlug, Plan, PlanLimits};
use crate::domain::permissions::Action;
use crate::error::{Error, FieldError, Result};
use crate::ids::OrgId;
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
    /// People with a confirmed address at this domain may join the portal
    /// as requesters by themselves; `null`: by invitation only.
    requester_domain: Option<String>,
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
            requester_domain: org.requester_domain.clone(),
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
    RequestMeta(meta): RequestMeta,
    current: CurrentUser,
    ApiJson(body): ApiJson<CreateOrgRequest>,
) -> Result<(StatusCode, Json<OrgView>)> {
    current.require_verified()?;
    let (slug, name) = match (OrgSlug::parse(&body.slug), accounts::check_name(&body.name, "name")) {
        (Ok(slug), Ok(name)) => (slug, name),
        (slug, name) => return Err(Error::Validation([slug.err(), name.err()].into_iter().flatten().collect())),
    };
    match state.store.create_org(NewOrg { name, slug }, current.user.id, &current.audit(meta)).await {
        Ok(org) => Ok((StatusCode::CREATED, Json(OrgView::from(&org)))),
        Err(StoreError::Duplicate(_)) => Err(Error::conflict("slug-taken", "this slug is already taken")),
        Err(other) => Err(other.into()),
    }
}

/// An organisation with its plan, modules and limits.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}", tag = "orgs",
    responses((status = 200, body = OrgView), (status = 404, body = crate::error::Problem))
)]
async fn get_org(org: OrgContext) -> Result<Json<OrgView>> {
    org.require(Action::ViewOrg)?;
    Ok(Json(OrgView::from(org.access.org())))
}

/// Switches modules on or off: `{"problemManagement": true, …}`. Admins only;
/// a module the plan does not include is a 402 naming the plan that does.
#[utoipa::path(
    patch, path = "/api/orgs/{orgId}/features", tag = "orgs",
    request_body(content = BTreeMap<String, bool>, description = "module key → on/off"),
    responses(
        (status = 200, body = OrgView), (status = 402, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
    )
)]
async fn set_features(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(body): ApiJson<BTreeMap<String, bool>>,
) -> Result<Json<OrgView>> {
    org.require(Action::ManageModules)?;
    let plan = org.access.org().plan;
    let mut changes = Vec::new();
    let mut errors = Vec::new();
    for (key, on) in body {
        match key.parse::<Module>() {
            Err(problem) => errors.push(FieldError::new(key, problem)),
            Ok(module) if module.always_on() && !on => errors.push(FieldError::new(key, "cannot be switched off")),
            Ok(module) if on && !plan.allows(module) => {
                let required = Plan::cheapest_allowing(module);
                return Err(Error::PlanRequired {
                    detail: format!("{module} is not included in the {plan} plan; the {required} plan includes it"),
                    required_plan: required.key(),
                });
            }
            Ok(module) => changes.push((module, on)),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let features = org.scope(&state).set_features(&changes, &org.meta).await?;
    let updated = OrgRecord { features, ..org.access.org().clone() };
    Ok(Json(OrgView::from(&updated)))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequesterSignupRequest {
    /// An email domain (`example.com`) — your own confirmed address's, as
    /// the proof that the organisation owns it; `null` to stop.
    domain: Option<String>,
}

/// The domain of a confirmed address, if `email` is one.
fn email_domain(email: &str) -> Option<String> {
    email.rsplit_once('@').map(|(_, domain)| domain.to_lowercase())
}

/// Lets anyone with a confirmed address at the organisation's domain join
/// its portal as a requester (no seat), or stops it (admins). The domain
/// must be that of the admin's own confirmed address.
#[utoipa::path(
    put, path = "/api/orgs/{orgId}/requester-signup", tag = "orgs",
    request_body = RequesterSignupRequest,
    responses((status = 200, body = OrgView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn set_requester_signup(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(body): ApiJson<RequesterSignupRequest>,
) -> Result<Json<OrgView>> {
    org.require(Action::ManageMembers)?;
    let domain = body.domain.map(|d| d.trim().to_lowercase());
    if let Some(domain) = &domain {
        let own = email_domain(&org.current.user.email).filter(|_| org.current.user.email_verified_at.is_some());
        if own.as_deref() != Some(domain.as_str()) {
            return Err(Error::field("domain", "must be the domain of your own confirmed email address"));
        }
    }
    org.scope(&state).set_requester_domain(domain.clone(), &org.meta).await?;
    let updated = OrgRecord { requester_domain: domain, ..org.access.org().clone() };
    Ok(Json(OrgView::from(&updated)))
}

/// Joins the organisation's portal as a requester, when it lets people of
/// the caller's confirmed email domain do so (404 otherwise, as for an
/// organisation that does not exist). Joining again changes nothing.
#[utoipa::path(
    post, path = "/api/orgs/by-slug/{slug}/join", tag = "orgs",
    params(("slug" = String, Path)),
    responses((status = 200, body = OrgView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn join_as_requester(
    State(state): State<AppState>,
    RequestMeta(meta): RequestMeta,
    current: CurrentUser,
    ApiPath(slug): ApiPath<String>,
) -> Result<Json<OrgView>> {
    current.require_verified()?;
    let joined = state.store.join_as_requester(&current.user, &slug, &current.audit(meta)).await?;
    joined.map(|org| Json(OrgView::from(&org))).ok_or(Error::NotFound("organisation"))
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

pub fn collection_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create_org))
}

pub fn by_slug_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(org_by_slug)).routes(routes!(join_as_requester))
}

pub fn org_routes() -> OpenApiRouter<AppState> {
    // The portal shows requesters the organisation's name and modules.
    OpenApiRouter::new()
        .merge(portal_routes(OpenApiRouter::new().routes(routes!(get_org))))
        .routes(routes!(set_features))
        .routes(routes!(set_requester_signup))
}
