//! [`CurrentUser`]: who is signed in, from the session cookie or an API
//! token, with the CSRF and token-scope checks that go with each.

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use chrono::Duration;

use super::AppState;
use crate::config::{Config, origin_of};
use crate::domain::accounts::{self, TokenScope};
use crate::domain::audit::AuditMeta;
use crate::error::{Error, Result};
use crate::ids::SessionId;
use crate::store::UserRecord;

pub const SESSION_COOKIE: &str = "simplicity_session";
/// API tokens carry this prefix, so leaked ones are easy to recognise.
pub const TOKEN_PREFIX: &str = "sim_";
/// A session ends after this long without use…
pub const SESSION_IDLE: Duration = Duration::days(7);
/// …and after this long in any case.
pub const SESSION_ABSOLUTE: Duration = Duration::days(30);
/// `last_seen_at`/`last_used_at` are written at most this often.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// How the request authenticated.
#[derive(Debug, Clone, Copy)]
pub enum Credential {
    Session(SessionId),
    Token(crate::ids::TokenId),
}

/// The signed-in user of a request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: UserRecord,
    pub credential: Credential,
}

impl Credential {
    /// Whether the credential still stands (not signed out, revoked or expired).
    pub async fn still_valid(self, store: &crate::store::Store) -> Result<bool> {
        Ok(match self {
            Credential::Session(id) => store.session_alive(id).await?,
            Credential::Token(id) => store.api_token_alive(id).await?,
        })
    }
}

impl CurrentUser {
    /// Refuses an account whose email address is not confirmed: until its
    /// owner proves it, whoever signed up with it must not gain lasting
    /// access (tokens), organisations or others' invitations through it.
    pub fn require_verified(&self) -> Result<()> {
        match self.user.email_verified_at {
            Some(_) => Ok(()),
            None => Err(Error::EmailUnverified),
        }
    }

    /// Audit metadata for this user's actions.
    pub fn audit(&self, meta: AuditMeta) -> AuditMeta {
        meta.with_actor(self.user.id, &self.user.email)
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        if let Some(existing) = parts.extensions.get::<CurrentUser>() {
            return Ok(existing.clone());
        }
        let current = match bearer_token(&parts.headers) {
            Some(token) => from_token(state, &token, &parts.method).await?,
            None => {
                let token = session_cookie(&parts.headers).ok_or(Error::Unauthenticated)?;
                if !is_safe(&parts.method) {
                    check_origin(&parts.headers, &state.config)?;
                }
                from_session(state, &token).await?
            }
        };
        parts.extensions.insert(current.clone());
        Ok(current)
    }
}

/// Anonymous requests are `None`; bad credentials are still an error.
impl OptionalFromRequestParts<AppState> for CurrentUser {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Option<Self>> {
        if bearer_token(&parts.headers).is_none() && session_cookie(&parts.headers).is_none() {
            return Ok(None);
        }
        // A stale or revoked credential is the same as none here: it must
        // not stop someone from signing in again or accepting an invite.
        match <Self as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(current) => Ok(Some(current)),
            Err(Error::Unauthenticated) => Ok(None),
            Err(other) => Err(other),
        }
    }
}

async fn from_session(state: &AppState, token: &str) -> Result<CurrentUser> {
    let session =
        state.store.session_by_token_hash(&accounts::secret_hash(token)).await?.ok_or(Error::Unauthenticated)?;
    let now = state.store.now();
    if session.expires_at <= now || session.last_seen_at + SESSION_IDLE <= now {
        state.store.delete_session(session.id).await?;
        return Err(Error::Unauthenticated);
    }
    if session.last_seen_at + TOUCH_EVERY <= now {
        state.store.touch_session(session.id, now).await?;
    }
    let user = state.store.user(session.user_id).await?.ok_or(Error::Unauthenticated)?;
    Ok(CurrentUser { user, credential: Credential::Session(session.id) })
}

async fn from_token(state: &AppState, token: &str, method: &Method) -> Result<CurrentUser> {
    let record = state.store.api_token_by_hash(&accounts::secret_hash(token)).await?.ok_or(Error::Unauthenticated)?;
    let now = state.store.now();
    if record.expires_at.is_some_and(|at| at <= now) {
        return Err(Error::Unauthenticated);
    }
    if record.scope == TokenScope::ReadOnly && !is_safe(method) {
        return Err(Error::Forbidden("this API token is read-only".into()));
    }
    if record.last_used_at.is_none_or(|at| at + TOUCH_EVERY <= now) {
        state.store.touch_api_token(record.id, now).await?;
    }
    let user = state.store.user(record.user_id).await?.ok_or(Error::Unauthenticated)?;
    Ok(CurrentUser { user, credential: Credential::Token(record.id) })
}

pub fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_owned())
}

fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == SESSION_COOKIE && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

/// CSRF defence for cookie-authenticated writes: the browser's `Origin` (or,
/// failing that, `Referer`) must be our own.
pub fn check_origin(headers: &HeaderMap, config: &Config) -> Result<()> {
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let referer = headers.get(header::REFERER).and_then(|v| v.to_str().ok());
    match origin.or(referer) {
        Some(seen) if config.is_own_origin(seen) => Ok(()),
        Some(seen) => Err(Error::Forbidden(format!("cross-site request from {} refused", origin_of(seen)))),
        None => Err(Error::Forbidden("a cookie-authenticated write must carry an Origin header".into())),
    }
}

/// Refuses a foreign `Origin` even where no session exists yet (login
/// CSRF): browsers always send it on cross-site POSTs. An extractor, so it
/// runs before the body is read: a cross-site form hears 403, whatever it sent.
pub struct SameOrigin;

impl FromRequestParts<AppState> for SameOrigin {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        if parts.headers.contains_key(header::ORIGIN) {
            check_origin(&parts.headers, &state.config)?;
        }
        Ok(Self)
    }
}

/// The session cookie; `Secure` unless the site is plain http on a
/// non-loopback host (where a browser would not send it back).
pub fn session_cookie_header(token: &str, max_age: Duration, config: &Config) -> HeaderValue {
    let secure = if config.secure_cookies() { " Secure;" } else { "" };
    let cookie =
        format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly;{secure} SameSite=Lax; Max-Age={}", max_age.num_seconds());
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert_eq!(origin_of("https://app.example.com/path?x"), "https://app.example.com");
        assert_eq!(origin_of("http://localhost:3000"), "http://localhost:3000");
        let mut config = Config::for_database("sqlite::memory:");
        config.public_url = "http://localhost:3000/".into();
        let mut headers = HeaderMap::new();
        headers.insert(header::ORIGIN, HeaderValue::from_static("http://localhost:3000"));
        assert!(check_origin(&headers, &config).is_ok());
        headers.insert(header::ORIGIN, HeaderValue::from_static("https://evil.example"));
        assert!(check_origin(&headers, &config).is_err());
        assert!(check_origin(&HeaderMap::new(), &config).is_err());
        config.own_origins = vec!["https://evil.example".into()];
        assert!(check_origin(&headers, &config).is_ok(), "an origin of its own");
    }

    #[test]
    fn cookies_are_secure_unless_plain_http_off_this_machine() {
        let mut config = Config::for_database("sqlite::memory:");
        for (url, secure) in [
            ("https://app.example.com", true),
            ("http://localhost:8080", true),
            ("http://127.0.0.1:3000", true),
            ("http://[::1]:3000", true),
            ("http://app.localhost", true),
            ("http://192.0.2.2:3000", false),
            ("http://simplicity.internal", false),
        ] {
            config.public_url = url.into();
            assert_eq!(config.secure_cookies(), secure, "{url}");
        }
    }

    #[test]
    fn bearer_tokens_are_read_case_insensitively() {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("bearer sim_abc"));
        assert_eq!(bearer_token(&headers).as_deref(), Some("sim_abc"));
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic xyz"));
        assert_eq!(bearer_token(&headers), None);
    }
}
