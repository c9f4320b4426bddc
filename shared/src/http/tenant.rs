//! [`OrgContext`]: the organisation a request acts in, established from the
//! `{orgId}` path parameter and a membership check. Non-members get 404, as
//! if the organisation did not exist; so do routes of a module the
//! organisation has switched off (see [`module_routes`]), and, for
//! requesters, every route not opened to the portal (see [`portal_routes`]).

use axum::Extension;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use utoipa_axum::router::OpenApiRouter;

use super::AppState;
use super::meta::RequestMeta;
use super::session::CurrentUser;
use crate::domain::audit::AuditMeta;
use crate::domain::org::Module;
use crate::domain::permissions::Action;
use crate::error::{Error, Result};
use crate::ids::OrgId;
use crate::store::{OrgAccess, OrgStore};

pub struct OrgContext {
    pub current: CurrentUser,
    pub access: OrgAccess,
    /// Audit metadata for this member's actions here.
    pub meta: AuditMeta,
}

/// Marks every route of a module's router: requests reach it only while the
/// organisation has the module switched on.
#[derive(Clone, Copy)]
struct RequiredModule(Module);

pub fn module_routes(module: Module, routes: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    routes.layer(Extension(RequiredModule(module)))
}

/// Marks routes requesters reach (the portal's); every other route of an
/// organisation is a 404 to them, so nothing new leaks to them by default.
#[derive(Clone, Copy)]
struct PortalRoute;

pub fn portal_routes(routes: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    routes.layer(Extension(PortalRoute))
}

impl OrgContext {
    pub fn org_id(&self) -> OrgId {
        self.access.org_id()
    }

    pub fn scope<'a>(&self, state: &'a AppState) -> OrgStore<'a> {
        state.store.org_store(&self.access)
    }

    /// Whether the member's roles allow `action`.
    pub fn allows(&self, action: Action) -> bool {
        self.access.member().is_some_and(|(_, roles)| action.permitted_for(roles))
    }

    /// Someone who only asks: the portal is all they see.
    pub fn is_requester(&self) -> bool {
        self.access.member().is_some_and(|(_, roles)| roles.is_requester())
    }

    /// Succeeds when the member's roles allow `action`: else 403, or 404
    /// for requesters, to whom the organisation's inside does not exist.
    pub fn require(&self, action: Action) -> Result<()> {
        match self.allows(action) {
            true => Ok(()),
            false if self.is_requester() => Err(Error::NotFound("resource")),
            false => Err(Error::Forbidden(format!("your role does not allow {action}"))),
        }
    }
}

impl FromRequestParts<AppState> for OrgContext {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let params =
            RawPathParams::from_request_parts(parts, state).await.map_err(|_| Error::NotFound("organisation"))?;
        let org_id: OrgId = params
            .iter()
            .find(|(name, _)| *name == "orgId")
            .and_then(|(_, value)| value.parse().ok())
            .ok_or(Error::NotFound("organisation"))?;
        let current = CurrentUser::from_request_parts(parts, state).await?;
        let access =
            state.store.member_access(current.user.id, org_id).await?.ok_or(Error::NotFound("organisation"))?;
        tracing::Span::current().record("org_id", tracing::field::display(org_id));
        if let Some(RequiredModule(module)) = parts.extensions.get::<RequiredModule>()
            && !access.org().features.is_on(*module)
        {
            return Err(Error::NotFound("resource"));
        }
        let Ok(RequestMeta(meta)) = RequestMeta::from_request_parts(parts, state).await;
        let meta = current.audit(meta);
        let context = Self { current, access, meta };
        if context.is_requester() && parts.extensions.get::<PortalRoute>().is_none() {
            return Err(Error::NotFound("resource"));
        }
        Ok(context)
    }
}
