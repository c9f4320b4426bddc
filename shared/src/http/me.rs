//! The signed-in user and the organisations they belong to.

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
use super::meta::RequestMeta;
use super::session::{CurrentUser, TOKEN_PREFIX};
use crate::domain::accounts::{self, TokenScope};
use crate::domain::org::Role;
use crate::error::{Error, Result};
use crate::ids::{OrgId, TokenId, UserId};
use crate::mail::MailMessage;
use crate::store::{ApiTokenRecord, NewApiToken, UserRecord};

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

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenView {
    id: TokenId,
    name: String,
    scope: TokenScope,
    expires_at: Option<DateTime<Utc>>,
    last_used_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

impl From<ApiTokenRecord> for TokenView {
    fn from(record: ApiTokenRecord) -> Self {
        Self {
            id: record.id,
            name: record.name,
            scope: record.scope,
            expires_at: record.expires_at,
            last_used_at: record.last_used_at,
            created_at: record.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreatedToken {
    #[serde(flatten)]
    token: TokenView,
    /// The secret: shown this once, never again.
    secret: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateTokenRequest {
    name: String,
    scope: TokenScope,
    expires_at: Option<DateTime<Utc>>,
}

/// Creates a personal API token for `Authorization: Bearer …`. The secret is
/// in this response only.
#[utoipa::path(
    post, path = "/api/me/tokens", tag = "auth", request_body = CreateTokenRequest,
    responses((status = 201, body = CreatedToken), (status = 422, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn create_token(
    State(state): State<AppState>,
    RequestMeta(meta): RequestMeta,
    current: CurrentUser,
    ApiJson(body): ApiJson<CreateTokenRequest>,
) -> Result<(StatusCode, Json<CreatedToken>)> {
    if !matches!(current.credential, super::session::Credential::Session(_)) {
        return Err(Error::Forbidden("API tokens are created from a signed-in session, not with another token".into()));
    }
    current.require_verified()?;
    let name = accounts::check_name(&body.name, "name").map_err(|e| Error::Validation(vec![e]))?;
    if body.expires_at.is_some_and(|at| at <= state.store.now()) {
        return Err(Error::field("expiresAt", "must be in the future"));
    }
    let secret = accounts::new_secret(TOKEN_PREFIX)?;
    let new = NewApiToken {
        user_id: current.user.id,
        name,
        scope: body.scope,
        token_hash: accounts::secret_hash(&secret),
        expires_at: body.expires_at,
    };
    let record = state.store.insert_api_token(new, &current.audit(meta)).await?;
    tell_owner_of_new_token(&state, &current.user, &record).await;
    Ok((StatusCode::CREATED, Json(CreatedToken { token: record.into(), secret })))
}

/// A token is lasting access: its owner hears of every new one, so one
/// made by someone else does not go unnoticed. The token stands even if
/// the mail cannot go out now (the token list shows it either way).
async fn tell_owner_of_new_token(state: &AppState, user: &UserRecord, token: &ApiTokenRecord) {
    let text = format!(
        "Hello {},\n\na new API token \"{}\" ({}) was created for your Simplicity account. If it was not you, revoke it under Settings, API tokens, and reset your password.\n",
        user.name, token.name, token.scope
    );
    let message = MailMessage { to: user.email.clone(), subject: "A new API token for your account".into(), text };
    if let Err(error) = state.mailer.send(message).await {
        tracing::warn!(error = %crate::error::chain(&error), token = %token.id, "could not tell the owner of a new API token");
    }
}

#[derive(Serialize, ToSchema)]
pub struct TokenList {
    data: Vec<TokenView>,
}

/// The signed-in user's API tokens (without their secrets).
#[utoipa::path(
    get, path = "/api/me/tokens", tag = "auth", responses((status = 200, body = TokenList)),
    security(("session" = []), ("token" = []))
)]
async fn list_tokens(State(state): State<AppState>, current: CurrentUser) -> Result<Json<TokenList>> {
    let tokens = state.store.api_tokens_of(current.user.id).await?;
    Ok(Json(TokenList { data: tokens.into_iter().map(Into::into).collect() }))
}

/// Revokes one of the signed-in user's API tokens.
#[utoipa::path(
    delete, path = "/api/me/tokens/{tokenId}", tag = "auth", params(("tokenId" = TokenId, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem)),
    security(("session" = []), ("token" = []))
)]
async fn revoke_token(
    State(state): State<AppState>,
    RequestMeta(meta): RequestMeta,
    current: CurrentUser,
    ApiPath(token_id): ApiPath<TokenId>,
) -> Result<StatusCode> {
    let revoked = state.store.delete_api_token(current.user.id, token_id, &current.audit(meta)).await?;
    if revoked { Ok(StatusCode::NO_CONTENT) } else { Err(Error::NotFound("token")) }
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(me)).routes(routes!(create_token, list_tokens)).routes(routes!(revoke_token))
}
