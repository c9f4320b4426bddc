//! Optimistic concurrency for every record: the version travels as an
//! `ETag`, comes back as `If-Match`, and a stale one is a 412.

use axum::Json;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::Error;

/// The version a change is made against: `Some` from `If-Match: "3"`,
/// `None` from `If-Match: *` (whatever it is now). A write without
/// `If-Match` is refused with 428.
pub struct IfMatch(pub Option<i32>);

impl IfMatch {
    pub fn from_headers(headers: &HeaderMap) -> Result<Self, Error> {
        let value = headers
            .get(header::IF_MATCH)
            .ok_or_else(|| Error::PreconditionRequired("send the record's ETag in If-Match".into()))?
            .to_str()
            .map_err(|_| Error::BadRequest("If-Match is not ASCII".into()))?
            .trim();
        if value == "*" {
            return Ok(Self(None));
        }
        let version = value.trim_start_matches("W/").trim_matches('"');
        version
            .parse()
            .map(|v| Self(Some(v)))
            .map_err(|_| Error::BadRequest(format!("If-Match {value} is not an ETag of this API")))
    }
}

impl IfMatch {
    /// `If-Match` when sent: moves that may also be made against whatever
    /// the record is now.
    pub fn optional(headers: &HeaderMap) -> Result<Option<i32>, Error> {
        if headers.contains_key(header::IF_MATCH) { Self::from_headers(headers).map(|m| m.0) } else { Ok(None) }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Error> {
        Self::from_headers(&parts.headers)
    }
}

/// The 412 for a change made against `current`'s predecessor.
pub fn stale(what: &str, current: i32) -> Error {
    Error::PreconditionFailed(format!(
        "the {what} changed since you loaded it (now version {current}); reload and try again"
    ))
}

/// A record's representation with its version as the `ETag`.
pub struct Versioned<T> {
    pub status: StatusCode,
    pub version: i32,
    pub body: T,
}

impl<T: Serialize> IntoResponse for Versioned<T> {
    fn into_response(self) -> Response {
        let etag = HeaderValue::from_str(&format!("\"{}\"", self.version))
            .unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
        let mut response = (self.status, Json(self.body)).into_response();
        response.headers_mut().insert(header::ETAG, etag);
        response
    }
}

/// `Idempotency-Key`: a create sent again with it within a day returns
/// the record the first one made.
pub struct IdempotencyKey(pub Option<String>);

impl IdempotencyKey {
    pub fn from_headers(headers: &HeaderMap) -> Result<Self, Error> {
        match headers.get("idempotency-key").map(|v| v.to_str().map(str::to_owned)) {
            Some(Ok(key)) if (1..=255).contains(&key.len()) => Ok(Self(Some(key))),
            Some(_) => Err(Error::BadRequest("Idempotency-Key must be 1–255 visible ASCII characters".into())),
            None => Ok(Self(None)),
        }
    }
}
