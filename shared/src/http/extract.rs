//! Request extractors whose rejections are problem+json naming the problem:
//! 415 for a non-JSON body, 400 for malformed JSON, 422 naming the field that
//! does not fit, 413 over the body limit, 404 for path ids that cannot exist.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use crate::error::{Error, FieldError};

/// A JSON request body.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Error;

    async fn from_request(request: Request, state: &S) -> Result<Self, Error> {
        require_json(request.headers())?;
        let body = Bytes::from_request(request, state).await.map_err(body_error)?;
        parse_json(&body).map(ApiJson)
    }
}

fn body_error(rejection: BytesRejection) -> Error {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Error::PayloadTooLarge
    } else {
        Error::BadRequest(format!("could not read the request body: {rejection}"))
    }
}

/// Parses JSON, telling syntax errors (400) from shape errors (422 naming the field).
/// Refuses a body not declared JSON: besides naming the problem, this keeps
/// cross-site HTML forms (which cannot send `application/json`) out.
fn require_json(headers: &axum::http::HeaderMap) -> Result<(), Error> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let is_json = content_type.is_some_and(|ct| {
        let essence = ct.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        essence == "application/json" || essence.ends_with("+json")
    });
    if is_json {
        Ok(())
    } else {
        Err(Error::UnsupportedMediaType(format!(
            "expected a JSON body with Content-Type: application/json, got {}",
            content_type.unwrap_or("no Content-Type")
        )))
    }
}

fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(value) => Ok(value),
        Err(error) => {
            let path = error.path().to_string();
            let inner = error.into_inner();
            match inner.classify() {
                serde_json::error::Category::Data => Err(shape_error(&path, &inner.to_string())),
                _ => Err(Error::BadRequest(format!("the body is not valid JSON: {inner}"))),
            }
        }
    }
}

/// serde reports a missing field at its parent's path, naming the field in the message.
pub(crate) fn shape_error(path: &str, message: &str) -> Error {
    let message = message.split(" at line ").next().unwrap_or(message);
    let field = match message.strip_prefix("missing field `").and_then(|rest| rest.split('`').next()) {
        Some(missing) if path == "." => missing.to_owned(),
        Some(missing) => format!("{path}.{missing}"),
        None => path.to_owned(),
    };
    Error::Validation(vec![FieldError::new(field, message)])
}

/// Query-string parameters; a parameter that does not fit is a 422 naming it.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Error> {
        let query = parts.uri.query().unwrap_or_default();
        let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer).map(ApiQuery).map_err(|error| {
            let path = error.path().to_string();
            shape_error(&path, &error.into_inner().to_string())
        })
    }
}

/// Path parameters. A parameter that does not parse (a malformed id) means
/// the resource cannot exist: 404, like an unknown id.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| ApiPath(value))
            .map_err(|_| Error::NotFound("resource"))
    }
}

/// For a field that may be cleared: `null` → `Some(None)`, absent → `None`
/// (with `#[serde(default, deserialize_with = "present")]`).
pub fn present<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}
