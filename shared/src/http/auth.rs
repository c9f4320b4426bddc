//! Sign-up, sign-in and sessions, and the [`CurrentUser`] extractor every
//! authenticated route starts from.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::ApiJson;
use super::me::{MeView, me_view};
use crate::domain::accounts::{self, Email};
use crate::error::{Error, Result};
use crate::ids::SessionId;
use crate::store::{NewUser, StoreError, UserRecord};

pub const SESSION_COOKIE: &str = "simplicity_session";
/// A session ends after this long without use…
const SESSION_IDLE: Duration = Duration::days(7);
/// …and after this long in any case.
const SESSION_ABSOLUTE: Duration = Duration::days(30);
/// `last_seen_at` is written at most this often, not on every request.
const SESSION_TOUCH_EVERY: Duration = Duration::minutes(5);

/// The signed-in user of a request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: UserRecord,
    pub session: Option<SessionId>,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        if let Some(existing) = parts.extensions.get::<CurrentUser>() {
            return Ok(existing.clone());
        }
        let token = session_cookie(&parts.headers).ok_or(Error::Unauthenticated)?;
        if !is_safe(&parts.method) {
            check_origin(&parts.headers, &state.config.public_url)?;
        }
        let session =
            state.store.session_by_token_hash(&accounts::secret_hash(&token)).await?.ok_or(Error::Unauthenticated)?;
        let now = Utc::now();
        if session.expires_at <= now || session.last_seen_at + SESSION_IDLE <= now {
            state.store.delete_session(session.id).await?;
            return Err(Error::Unauthenticated);
        }
        if session.last_seen_at + SESSION_TOUCH_EVERY <= now {
            state.store.touch_session(session.id, now).await?;
        }
        let user = state.store.user(session.user_id).await?.ok_or(Error::Unauthenticated)?;
        let current = CurrentUser { user, session: Some(session.id) };
        parts.extensions.insert(current.clone());
        Ok(current)
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// CSRF defence for cookie-authenticated writes: the browser's `Origin` (or,
/// failing that, `Referer`) must be our own public URL.
fn check_origin(headers: &HeaderMap, public_url: &str) -> Result<()> {
    let expected = origin_of(public_url);
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()).map(origin_of);
    let referer = headers.get(header::REFERER).and_then(|v| v.to_str().ok()).map(origin_of);
    match origin.or(referer) {
        Some(seen) if seen == expected => Ok(()),
        Some(seen) => Err(Error::Forbidden(format!("cross-site request from {seen} refused"))),
        None => Err(Error::Forbidden("a cookie-authenticated write must carry an Origin header".into())),
    }
}

/// `scheme://host[:port]` of a URL, lowercased.
fn origin_of(url: &str) -> String {
    let url = url.trim().to_ascii_lowercase();
    let (scheme, rest) = url.split_once("://").unwrap_or(("", &url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    format!("{scheme}://{host}")
}

fn session_cookie_header(token: &str, max_age: Duration) -> HeaderValue {
    let cookie =
        format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age={}", max_age.num_seconds());
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Starts a session for `user` and answers with its cookie.
async fn start_session(state: &AppState, user: &UserRecord, status: StatusCode) -> Result<Response> {
    let token = accounts::new_secret("")?;
    let expires_at = Utc::now() + SESSION_ABSOLUTE;
    state.store.insert_session(user.id, accounts::secret_hash(&token), expires_at).await?;
    let body = me_view(state, user).await?;
    let mut response = (status, axum::Json(body)).into_response();
    response.headers_mut().insert(header::SET_COOKIE, session_cookie_header(&token, SESSION_ABSOLUTE));
    Ok(response)
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignupRequest {
    email: String,
    password: String,
    name: String,
}

/// Creates an account and signs it in.
#[utoipa::path(
    post, path = "/api/auth/signup", tag = "auth", request_body = SignupRequest,
    responses(
        (status = 201, body = MeView, description = "Signed up; the session cookie is set"),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
    )
)]
async fn signup(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SignupRequest>,
) -> Result<Response> {
    check_origin_if_present(&headers, &state)?;
    let email = Email::parse(&body.email);
    let name = accounts::check_name(&body.name, "name");
    accounts::validate([
        email.as_ref().map(|_| ()).map_err(Clone::clone),
        name.as_ref().map(|_| ()).map_err(Clone::clone),
        accounts::check_new_password(&body.password, "password"),
    ])?;
    let (Ok(email), Ok(name)) = (email, name) else {
        return Err(Error::internal("validation passed with invalid fields"));
    };
    let password_hash = accounts::hash_password(&body.password)?;
    let user = match state.store.insert_user(NewUser { email: email.into_string(), name, password_hash }).await {
        Err(StoreError::Duplicate(_)) => {
            return Err(Error::conflict("email-taken", "an account with this email already exists"));
        }
        other => other?,
    };
    start_session(&state, &user, StatusCode::CREATED).await
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoginRequest {
    email: String,
    password: String,
}

/// Signs in with email and password; sets a fresh session cookie.
#[utoipa::path(
    post, path = "/api/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = MeView), (status = 401, body = crate::error::Problem))
)]
async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Response> {
    check_origin_if_present(&headers, &state)?;
    let user = match Email::parse(&body.email) {
        Ok(email) => state.store.user_by_email(email.as_str()).await?,
        Err(_) => None,
    };
    match user {
        Some(user) if accounts::verify_password(&body.password, &user.password_hash) => {
            start_session(&state, &user, StatusCode::OK).await
        }
        Some(_) => Err(Error::Unauthenticated),
        None => {
            accounts::burn_verification_time(&body.password);
            Err(Error::Unauthenticated)
        }
    }
}

/// Browsers always send `Origin` on cross-site POSTs; refuse foreign ones
/// even before a session exists (login CSRF).
fn check_origin_if_present(headers: &HeaderMap, state: &AppState) -> Result<()> {
    if headers.contains_key(header::ORIGIN) { check_origin(headers, &state.config.public_url) } else { Ok(()) }
}

/// Ends this session.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth", responses((status = 204)), security(("session" = [])))]
async fn logout(State(state): State<AppState>, current: CurrentUser) -> Result<Response> {
    if let Some(session) = current.session {
        state.store.delete_session(session).await?;
    }
    Ok(cleared_cookie())
}

/// Ends every session of the signed-in user, on every device.
#[utoipa::path(post, path = "/api/auth/logout-all", tag = "auth", responses((status = 204)), security(("session" = [])))]
async fn logout_all(State(state): State<AppState>, current: CurrentUser) -> Result<Response> {
    state.store.delete_sessions_of(current.user.id).await?;
    Ok(cleared_cookie())
}

fn cleared_cookie() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(header::SET_COOKIE, session_cookie_header("", Duration::zero()));
    response
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(signup))
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(logout_all))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert_eq!(origin_of("https://app.example.com/path?x"), "https://app.example.com");
        assert_eq!(origin_of("http://localhost:3000"), "http://localhost:3000");
        let mut headers = HeaderMap::new();
        headers.insert(header::ORIGIN, HeaderValue::from_static("http://localhost:3000"));
        assert!(check_origin(&headers, "http://localhost:3000/").is_ok());
        headers.insert(header::ORIGIN, HeaderValue::from_static("https://evil.example"));
        assert!(check_origin(&headers, "http://localhost:3000").is_err());
        assert!(check_origin(&HeaderMap::new(), "http://localhost:3000").is_err());
    }
}
