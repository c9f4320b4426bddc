//! Invitations: admins invite by email with roles; the invitee accepts by
//! the emailed link, creating an account if they have none.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::{check_new_account, hash_password, start_session};
use super::extract::{ApiJson, ApiPath};
use super::meta::RequestMeta;
use super::rate_limit::{self, INVITES_PER_ORG, INVITES_PER_SENDER};
use super::session::{CurrentUser, SameOrigin};
use super::tenant::OrgContext;
use crate::domain::accounts::{self, Email};
use crate::domain::org::{Plan, Role, Roles};
use crate::domain::permissions::Action;
use crate::error::{Error, Result};
use crate::ids::{InviteId, UserId};
use crate::mail::MailMessage;
use crate::store::{AcceptRefusal, InviteRecord, InviteRefusal, Joiner, NewInvite, NewUser, StoreError};

const INVITE_TTL: Duration = Duration::days(7);

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InviteView {
    id: InviteId,
    email: String,
    roles: Vec<Role>,
    invited_by: UserId,
    expires_at: DateTime<Utc>,
    created_at: DateTime<Utc>,
}

impl From<InviteRecord> for InviteView {
    fn from(i: InviteRecord) -> Self {
        Self {
            id: i.id,
            email: i.email,
            roles: i.roles.to_vec(),
            invited_by: i.invited_by,
            expires_at: i.expires_at,
            created_at: i.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct InviteList {
    data: Vec<InviteView>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateInviteRequest {
    email: String,
    roles: Vec<Role>,
}

#[derive(Deserialize)]
struct InvitePath {
    #[serde(rename = "inviteId")]
    invite_id: InviteId,
}

pub(super) fn no_seats(seats: u32) -> Error {
    Error::PlanRequired {
        detail: format!("all {seats} seats of the plan are taken (members and pending invites)"),
        required_plan: Plan::ALL
            .iter()
            .find(|p| p.limits().seats.is_none_or(|s| s > seats))
            .map_or("enterprise", |p| p.key()),
    }
}

/// Every invitation (and every resend) is an email to an address an admin
/// typed: bounded per sender and per organisation, so an account cannot be
/// turned into a mail cannon.
async fn check_invite_limits(state: &AppState, org: &OrgContext) -> Result<()> {
    rate_limit::check(state, &INVITES_PER_SENDER, &org.current.user.id.to_string()).await?;
    rate_limit::check(state, &INVITES_PER_ORG, &org.org_id().to_string()).await
}

async fn send_invite(state: &AppState, org: &OrgContext, email: &str, token: &str) -> Result<()> {
    let link = format!("{}/invite/{token}", state.config.public_url.trim_end_matches('/'));
    let org_name = &org.access.org().name;
    let text = format!(
        "{} invited you to join {org_name} on Simplicity.\n\nAccept the invitation:\n{link}\n\nThe link works once and expires in 7 days.\n",
        org.current.user.name
    );
    let message = MailMessage { to: email.to_owned(), subject: format!("Join {org_name} on Simplicity"), text };
    Ok(state.mailer.send(message).await?)
}

/// Invites someone by email with roles (admins only). Inviting a member is a
/// 409; when every seat is taken, a 402.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/invites", tag = "orgs",
    request_body = CreateInviteRequest,
    responses((status = 201, body = InviteView), (status = 402, body = crate::error::Problem), (status = 409, body = crate::error::Problem), (status = 429, body = crate::error::Problem))
)]
async fn create_invite(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(body): ApiJson<CreateInviteRequest>,
) -> Result<(StatusCode, Json<InviteView>)> {
    org.require(Action::ManageMembers)?;
    let (email, roles) = match (Email::parse(&body.email), Roles::new(body.roles)) {
        (Ok(email), Ok(roles)) => (email, roles),
        (email, roles) => {
            let mut errors: Vec<_> = email.err().into_iter().collect();
            if let Err(Error::Validation(fields)) = roles {
                errors.extend(fields);
            }
            return Err(Error::Validation(errors));
        }
    };
    check_invite_limits(&state, &org).await?;
    let token = accounts::new_secret("")?;
    let new = NewInvite {
        email: email.as_str().to_owned(),
        roles,
        token_hash: accounts::secret_hash(&token),
        invited_by: org.current.user.id,
        expires_at: state.store.now() + INVITE_TTL,
    };
    let invite = match org.scope(&state).create_invite(new, &org.meta).await? {
        Ok(invite) => invite,
        Err(InviteRefusal::AlreadyMember) => {
            return Err(Error::conflict("already-member", format!("{} is already a member", email.as_str())));
        }
        Err(InviteRefusal::NoSeats { seats }) => return Err(no_seats(seats)),
    };
    send_invite(&state, &org, email.as_str(), &token).await?;
    Ok((StatusCode::CREATED, Json(invite.into())))
}

/// Pending invites (admins only).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/invites", tag = "orgs",
    responses((status = 200, body = InviteList))
)]
async fn list_invites(State(state): State<AppState>, org: OrgContext) -> Result<Json<InviteList>> {
    org.require(Action::ManageMembers)?;
    let invites = org.scope(&state).pending_invites().await?;
    Ok(Json(InviteList { data: invites.into_iter().map(Into::into).collect() }))
}

/// Revokes a pending invite; its link stops working.
#[utoipa::path(
    delete, path = "/api/orgs/{orgId}/invites/{inviteId}", tag = "orgs",
    params(("inviteId" = InviteId, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem))
)]
async fn revoke_invite(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<InvitePath>,
) -> Result<StatusCode> {
    org.require(Action::ManageMembers)?;
    let revoked = org.scope(&state).revoke_invite(path.invite_id, &org.meta).await?;
    if revoked { Ok(StatusCode::NO_CONTENT) } else { Err(Error::NotFound("invite")) }
}

/// Sends a pending invite again with a fresh link and a new 7-day expiry.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/invites/{inviteId}/resend", tag = "orgs",
    params(("inviteId" = InviteId, Path)),
    responses((status = 200, body = InviteView), (status = 404, body = crate::error::Problem), (status = 429, body = crate::error::Problem))
)]
async fn resend_invite(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<InvitePath>,
) -> Result<Json<InviteView>> {
    org.require(Action::ManageMembers)?;
    check_invite_limits(&state, &org).await?;
    let token = accounts::new_secret("")?;
    let renewed = org
        .scope(&state)
        .renew_invite(path.invite_id, accounts::secret_hash(&token), state.store.now() + INVITE_TTL, &org.meta)
        .await?
        .ok_or(Error::NotFound("invite"))?;
    send_invite(&state, &org, &renewed.email, &token).await?;
    Ok(Json(renewed.into()))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvitePreview {
    org_name: String,
    email: String,
    roles: Vec<Role>,
    /// Whether an account with the invited email exists (then sign in to accept).
    account_exists: bool,
    expires_at: DateTime<Utc>,
}

/// An invitation's secret, sent in the body: a path segment would reach
/// request logs and proxies' logs.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InviteTokenRequest {
    /// The token from the emailed link (`/invite/{token}`).
    token: String,
}

/// What an invite link is for, so the accept page can say it.
#[utoipa::path(
    post, path = "/api/invites/preview", tag = "orgs", request_body = InviteTokenRequest,
    responses((status = 200, body = InvitePreview), (status = 404, body = crate::error::Problem))
)]
async fn preview_invite(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<InviteTokenRequest>,
) -> Result<Json<InvitePreview>> {
    let (invite, org) = state
        .store
        .invite_by_token_hash(&accounts::secret_hash(&request.token))
        .await?
        .ok_or(Error::NotFound("invite"))?;
    let account_exists = state.store.user_by_email(&invite.email).await?.is_some();
    Ok(Json(InvitePreview {
        org_name: org.name,
        email: invite.email,
        roles: invite.roles.to_vec(),
        account_exists,
        expires_at: invite.expires_at,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AcceptInviteRequest {
    /// The token from the emailed link (`/invite/{token}`).
    token: String,
    /// For a new account: the name and password to create it with.
    name: Option<String>,
    password: Option<String>,
}

/// Accepts an invite. Signed in (as the invited email): joins the
/// organisation. Not signed in and new: `{name, password}` creates the
/// account, joins, and signs in.
#[utoipa::path(
    post, path = "/api/invites/accept", tag = "orgs",
    request_body = AcceptInviteRequest,
    responses(
        (status = 200, description = "Joined; for new accounts the session cookie is set"),
        (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
    )
)]
async fn accept_invite(
    State(state): State<AppState>,
    RequestMeta(meta): RequestMeta,
    current: Option<CurrentUser>,
    // Accepting signs a new account in: sign-in's rules (a foreign Origin
    // refused; a body declared JSON), so a cross-site form cannot sign a
    // visitor into someone else's account.
    _: SameOrigin,
    ApiJson(request): ApiJson<AcceptInviteRequest>,
) -> Result<Response> {
    let token_hash = accounts::secret_hash(&request.token);
    let (invite, _) = state.store.invite_by_token_hash(&token_hash).await?.ok_or(Error::NotFound("invite"))?;
    let joiner = match current {
        Some(current) => {
            current.require_verified()?;
            Joiner::Existing(current.user.id)
        }
        None => {
            if state.store.user_by_email(&invite.email).await?.is_some() {
                return Err(Error::Unauthenticated);
            }
            let (name, password) = (request.name.unwrap_or_default(), request.password.unwrap_or_default());
            let (email, name) = check_new_account(&invite.email, &name, &password)?;
            Joiner::New(NewUser {
                email: email.into_string(),
                name,
                password_hash: hash_password(password.clone()).await?,
                // The invitee proved the address by following the emailed link.
                email_verified_at: Some(state.store.now()),
            })
        }
    };
    let new_account = matches!(joiner, Joiner::New(_));
    let joined = match state.store.accept_invite(&token_hash, joiner, &meta).await {
        Err(StoreError::Duplicate(_)) => {
            return Err(Error::conflict("email-taken", "an account with this email already exists; sign in to accept"));
        }
        other => other?,
    };
    match joined {
        Ok(user) if new_account => start_session(&state, &user, meta, StatusCode::OK).await,
        Ok(user) => Ok(Json(super::me::me_view(&state, &user).await?).into_response()),
        Err(AcceptRefusal::Invalid) => Err(Error::NotFound("invite")),
        Err(AcceptRefusal::WrongAccount) => {
            Err(Error::Forbidden("this invite is for another email address; sign in with that account".into()))
        }
        Err(AcceptRefusal::AlreadyMember) => Err(Error::conflict("already-member", "you are already a member")),
        Err(AcceptRefusal::NoSeats { seats }) => Err(no_seats(seats)),
    }
}

pub fn org_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_invite, list_invites))
        .routes(routes!(revoke_invite))
        .routes(routes!(resend_invite))
}

pub fn token_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(preview_invite)).routes(routes!(accept_invite))
}
