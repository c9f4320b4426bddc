//! [`OrgContext`]: the organisation a request acts in, established from the
//! `{orgId}` path parameter and a membership check. Non-members get 404, as
//! if the organisation did not exist.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;

use super::AppState;
use super::auth::CurrentUser;
use crate::error::{Error, Result};
use crate::ids::OrgId;
use crate::store::{OrgAccess, OrgStore};

pub struct OrgContext {
    pub current: CurrentUser,
    pub access: OrgAccess,
}

impl OrgContext {
    pub fn org_id(&self) -> OrgId {
        self.access.org_id()
    }

    pub fn scope<'a>(&self, state: &'a AppState) -> OrgStore<'a> {
        state.store.org_store(&self.access)
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
        Ok(Self { current, access })
    }
}
