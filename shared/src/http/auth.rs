//! Sign-up, sign-in, sign-out, email verification and password reset.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::ApiJson;
use super::me::{MeView, me_view};
use super::meta::RequestMeta;
use super::rate_limit::{
    self, RESET_PER_ACCOUNT, RESET_PER_IP, SET_PASSWORD_PER_IP, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_IP, SIGN_UP_PER_IP,
    VERIFY_PER_ACCOUNT,
};
use super::session::{Credential, CurrentUser, SESSION_ABSOLUTE, SameOrigin, session_cookie_header};
use crate::domain::accounts::{self, Email, EmailPurpose};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::error::{Error, Result};
use crate::notify::worker::account_mail::AccountMail;
use crate::store::{NewUser, StoreError, UserRecord};

/// Starts a session for `user` (recording the sign-in) and answers with its cookie.
pub async fn start_session(
    state: &AppState,
    user: &UserRecord,
    meta: AuditMeta,
    status: StatusCode,
) -> Result<Response> {
    let token = accounts::new_secret("")?;
    let meta = meta.with_actor(user.id, &user.email);
    state
        .store
        .insert_session(user.id, accounts::secret_hash(&token), state.store.now() + SESSION_ABSOLUTE, &meta)
        .await?;
    let body = me_view(state, user).await?;
    let mut response = (status, axum::Json(body)).into_response();
    response.headers_mut().insert(header::SET_COOKIE, session_cookie_header(&token, SESSION_ABSOLUTE, &state.config));
    Ok(response)
}

/// Validates sign-up fields together, naming each bad one.
pub fn check_new_account(email: &str, name: &str, password: &str) -> Result<(Email, String)> {
    let email = Email::parse(email);
    let name = accounts::check_name(name, "name");
    let password = accounts::check_new_password(password, "password");
    match (email, name, password) {
        (Ok(email), Ok(name), Ok(())) => Ok((email, name)),
        (email, name, password) => {
            Err(Error::Validation([email.err(), name.err(), password.err()].into_iter().flatten().collect()))
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignupRequest {
    email: String,
    password: String,
    name: String,
}

/// Signs up. The answer is the same 202 whether or not the address already
/// has an account, so sign-up does not tell who has one: a new address gets
/// its account and a confirmation link (then signs in with the password it
/// chose); an address with an account gets a mail telling its owner.
#[utoipa::path(
    post, path = "/api/auth/signup", tag = "auth", request_body = SignupRequest,
    responses(
        (status = 202, description = "Signed up, or the address's owner was told; sign in next"),
        (status = 422, body = crate::error::Problem), (status = 429, body = crate::error::Problem),
    )
)]
async fn signup(
    State(state): State<AppState>,
    _: SameOrigin,
    RequestMeta(meta): RequestMeta,
    ApiJson(body): ApiJson<SignupRequest>,
) -> Result<StatusCode> {
    rate_limit::check(&state, &SIGN_UP_PER_IP, &meta.ip).await?;
    let (email, name) = check_new_account(&body.email, &body.name, &body.password)?;
    // Hashed either way: an address with an account costs the same time.
    let password_hash = hash_password(body.password).await?;
    let email = email.into_string();
    let new = NewUser { email: email.clone(), name, password_hash, email_verified_at: None };
    let mail = match state.store.insert_user(new, &meta).await {
        Ok(_) => AccountMail::VerifyEmail,
        Err(StoreError::Duplicate(_)) => AccountMail::SignUpTaken,
        Err(error) => return Err(error.into()),
    };
    state.send_account_mail(mail, &email).await;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoginRequest {
    email: String,
    password: String,
}

/// Signs in with email and password; sets a fresh session cookie.
/// Attempts are limited per account and per client address (429 with `Retry-After`).
#[utoipa::path(
    post, path = "/api/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = MeView), (status = 401, body = crate::error::Problem), (status = 429, body = crate::error::Problem))
)]
async fn login(
    State(state): State<AppState>,
    _: SameOrigin,
    RequestMeta(meta): RequestMeta,
    previous: Option<CurrentUser>,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Response> {
    let email = body.email.trim().to_ascii_lowercase();
    // Failures count, not attempts: signing in eleven times must not lock
    // anyone out, guessing ten times does.
    rate_limit::refuse_if_spent(&state, &SIGN_IN_PER_IP, &meta.ip).await?;
    rate_limit::refuse_if_spent(&state, &SIGN_IN_PER_ACCOUNT, &email).await?;
    let password = body.password;
    let user = match state.store.user_by_email(&email).await? {
        Some(user) if verify_password(password.clone(), user.password_hash.clone()).await => Some(user),
        Some(_) => None,
        None => {
            let _ = off_the_workers(move || accounts::burn_verification_time(&password)).await;
            None
        }
    };
    let Some(user) = user else {
        rate_limit::count(&state, &SIGN_IN_PER_IP, &meta.ip).await?;
        rate_limit::count(&state, &SIGN_IN_PER_ACCOUNT, &email).await?;
        return Err(Error::Unauthenticated);
    };
    // Rotation: signing in replaces the session the browser already had.
    if let Some(CurrentUser { credential: Credential::Session(old), .. }) = previous {
        state.store.delete_session(old).await?;
    }
    start_session(&state, &user, meta, StatusCode::OK).await
}

/// Ends this session.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth", responses((status = 204)), security(("session" = [])))]
async fn logout(
    State(state): State<AppState>,
    RequestMeta(meta): RequestMeta,
    current: CurrentUser,
) -> Result<Response> {
    if let Credential::Session(session) = current.credential {
        state.store.delete_session(session).await?;
    }
    state
        .store
        .record_account_event(&current.audit(meta), AuditEntry::new("user.signed_out", current.user.id, json!({})))
        .await?;
    Ok(cleared_cookie(&state))
}

/// Ends every session of the signed-in user, on every device, and revokes
/// their API tokens.
#[utoipa::path(post, path = "/api/auth/logout-all", tag = "auth", responses((status = 204)), security(("session" = [])))]
async fn logout_all(
    State(state): State<AppState>,
    RequestMeta(meta): RequestMeta,
    current: CurrentUser,
) -> Result<Response> {
    state.store.sign_out_everywhere(current.user.id, &current.audit(meta)).await?;
    Ok(cleared_cookie(&state))
}

fn cleared_cookie(state: &AppState) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(header::SET_COOKIE, session_cookie_header("", Duration::zero(), &state.config));
    response
}

/// Emails the signed-in user a new verification link.
#[utoipa::path(post, path = "/api/auth/verify-email/request", tag = "auth", responses((status = 202)), security(("session" = [])))]
async fn request_verification(State(state): State<AppState>, current: CurrentUser) -> Result<StatusCode> {
    if current.user.email_verified_at.is_none() {
        rate_limit::check(&state, &VERIFY_PER_ACCOUNT, &current.user.id.to_string()).await?;
        state.send_account_mail(AccountMail::VerifyEmail, &current.user.email).await;
    }
    Ok(StatusCode::ACCEPTED)
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VerifyEmailRequest {
    token: String,
}

/// Confirms an email address with the emailed single-use token. The first
/// confirmation ends every other session and revokes every API token made
/// before it (whoever signed up with the address first loses them); the
/// session confirming, if it is the owner's, stays.
#[utoipa::path(
    post, path = "/api/auth/verify-email", tag = "auth", request_body = VerifyEmailRequest,
    responses((status = 204), (status = 422, body = crate::error::Problem))
)]
async fn verify_email(
    State(state): State<AppState>,
    RequestMeta(meta): RequestMeta,
    current: Option<CurrentUser>,
    ApiJson(body): ApiJson<VerifyEmailRequest>,
) -> Result<StatusCode> {
    let token_hash = accounts::secret_hash(&body.token);
    let Some(owner) = state.store.email_token_owner(&token_hash, EmailPurpose::VerifyEmail).await? else {
        return Err(Error::field("token", "is invalid, used or expired"));
    };
    let keep = current.and_then(|current| match current.credential {
        Credential::Session(session) if current.user.id == owner => Some(session),
        _ => None,
    });
    let redeemed = state.store.redeem_email_token(&token_hash, EmailPurpose::VerifyEmail, None, keep, &meta).await?;
    redeemed.map(|_| StatusCode::NO_CONTENT).ok_or_else(|| Error::field("token", "is invalid, used or expired"))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResetRequest {
    email: String,
}

/// Emails a password-reset link if the account exists. Always 202, so the
/// answer does not reveal which emails have accounts.
#[utoipa::path(
    post, path = "/api/auth/password-reset/request", tag = "auth", request_body = ResetRequest,
    responses((status = 202), (status = 429, body = crate::error::Problem))
)]
async fn request_reset(
    State(state): State<AppState>,
    RequestMeta(meta): RequestMeta,
    ApiJson(body): ApiJson<ResetRequest>,
) -> Result<StatusCode> {
    let email = body.email.trim().to_ascii_lowercase();
    rate_limit::check(&state, &RESET_PER_IP, &meta.ip).await?;
    rate_limit::check(&state, &RESET_PER_ACCOUNT, &email).await?;
    // The worker looks the account up and mails it: this request does the
    // same work whether or not there is one.
    state.send_account_mail(AccountMail::ResetPassword, &email).await;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResetPasswordRequest {
    token: String,
    password: String,
}

/// Sets a new password with the emailed single-use token; ends every
/// session and revokes every API token.
#[utoipa::path(
    post, path = "/api/auth/password-reset", tag = "auth", request_body = ResetPasswordRequest,
    responses((status = 204), (status = 422, body = crate::error::Problem))
)]
async fn reset_password(
    State(state): State<AppState>,
    RequestMeta(meta): RequestMeta,
    ApiJson(body): ApiJson<ResetPasswordRequest>,
) -> Result<StatusCode> {
    rate_limit::check(&state, &SET_PASSWORD_PER_IP, &meta.ip).await?;
    accounts::check_new_password(&body.password, "password").map_err(|e| Error::Validation(vec![e]))?;
    let token_hash = accounts::secret_hash(&body.token);
    // The link first: a wrong one costs no Argon2 run.
    if state.store.email_token_owner(&token_hash, EmailPurpose::ResetPassword).await?.is_none() {
        return Err(Error::field("token", "is invalid, used or expired"));
    }
    let hash = hash_password(body.password).await?;
    let redeemed =
        state.store.redeem_email_token(&token_hash, EmailPurpose::ResetPassword, Some(hash), None, &meta).await?;
    redeemed.map(|_| StatusCode::NO_CONTENT).ok_or_else(|| Error::field("token", "is invalid, used or expired"))
}

/// Argon2 takes tens of milliseconds of CPU by design: it runs on the
/// blocking pool, never on the async workers that serve everyone else.
async fn off_the_workers<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(work).await.map_err(Error::internal)
}

pub(super) async fn hash_password(password: String) -> Result<String> {
    off_the_workers(move || accounts::hash_password(&password)).await?
}

async fn verify_password(password: String, stored: String) -> bool {
    off_the_workers(move || accounts::verify_password(&password, &stored)).await.unwrap_or(false)
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(signup))
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(logout_all))
        .routes(routes!(request_verification))
        .routes(routes!(verify_email))
        .routes(routes!(request_reset))
        .routes(routes!(reset_password))
}
