//! The application's error type and its one mapping to RFC 9457
//! `application/problem+json`.
//!
//! Domain services and HTTP extractors both return [`Error`]; the store has its
//! own [`StoreError`](crate::store::StoreError), converted here. Internal
//! causes are logged whole and never sent to clients.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Any error, for start-up and process boundaries.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// One offending input field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// JSON path of the field, e.g. `slug` or `assignees[2]`.
    pub field: String,
    pub detail: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self { field: field.into(), detail: detail.into() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("invalid request: {0:?}")]
    Validation(Vec<FieldError>),
    #[error("malformed request: {0}")]
    BadRequest(String),
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("authentication required")]
    Unauthenticated,
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The signed-in account has not confirmed its email address, which
    /// this needs (tokens, organisations, joining one as an existing user).
    #[error("email address not verified")]
    EmailUnverified,
    #[error("{detail}")]
    PlanRequired { detail: String, required_plan: &'static str },
    #[error("conflict: {detail}")]
    Conflict { code: &'static str, detail: String },
    #[error("precondition failed: {0}")]
    PreconditionFailed(String),
    #[error("precondition required: {0}")]
    PreconditionRequired(String),
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// This deployment does not offer it: it is not configured (billing
    /// without Stripe, integrations without `SECRETS_KEY`). Stable: clients
    /// tell "not set up here" from "try again" by this problem type.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// Something we depend on failed just now (Stripe, the mail server, the
    /// database); trying again later may succeed.
    #[error("upstream unavailable: {0}")]
    Upstream(String),
    /// A transient overload (the database is busy): the client may retry.
    #[error("busy")]
    Busy(#[source] crate::store::StoreError),
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl Error {
    pub fn field(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, detail)])
    }

    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        Self::Conflict { code, detail: detail.into() }
    }

    pub fn internal(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::Internal(source.into())
    }

    /// Stable machine-readable code; the last segment of the problem `type`.
    fn code(&self) -> &'static str {
        match self {
            Self::NotFound(_) => "not-found",
            Self::Validation(_) => "validation",
            Self::BadRequest(_) => "malformed-request",
            Self::UnsupportedMediaType(_) => "unsupported-media-type",
            Self::PayloadTooLarge => "payload-too-large",
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden(_) => "forbidden",
            Self::PlanRequired { .. } => "plan-required",
            Self::Conflict { code, .. } => code,
            Self::PreconditionFailed(_) => "precondition-failed",
            Self::PreconditionRequired(_) => "precondition-required",
            Self::TooManyRequests { .. } => "rate-limited",
            Self::Unavailable(_) => "unavailable",
            Self::EmailUnverified => "email-unverified",
            Self::Upstream(_) => "upstream-unavailable",
            Self::Busy(_) => "busy",
            Self::Internal(_) => "internal",
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Unauthenticated => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) | Self::EmailUnverified => StatusCode::FORBIDDEN,
            Self::PlanRequired { .. } => StatusCode::PAYMENT_REQUIRED,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            Self::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) | Self::Upstream(_) | Self::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn detail(&self) -> String {
        match self {
            Self::Validation(fields) => match fields.as_slice() {
                [one] => format!("`{}`: {}", one.field, one.detail),
                _ => format!("{} fields are invalid", fields.len()),
            },
            Self::Internal(_) => "an unexpected error occurred; it has been logged".to_owned(),
            Self::EmailUnverified => {
                "confirm your email address first: follow the link we emailed you (or ask for a new one)".to_owned()
            }
            Self::Busy(_) => "the service is busy; please try again in a moment".to_owned(),
            Self::Unavailable(detail)
            | Self::Upstream(detail)
            | Self::Forbidden(detail)
            | Self::BadRequest(detail)
            | Self::UnsupportedMediaType(detail)
            | Self::PreconditionFailed(detail)
            | Self::PreconditionRequired(detail)
            | Self::Conflict { detail, .. }
            | Self::PlanRequired { detail, .. } => detail.clone(),
            other => other.to_string(),
        }
    }

    pub fn problem(&self) -> Problem {
        let status = self.status();
        Problem {
            problem_type: problem_type(self.code()),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: self.detail(),
            errors: match self {
                Self::Validation(fields) => fields.clone(),
                _ => Vec::new(),
            },
            required_plan: match self {
                Self::PlanRequired { required_plan, .. } => Some(required_plan),
                _ => None,
            },
        }
    }
}

pub fn problem_type(code: &str) -> String {
    format!("https://simplicity.dev/problems/{code}")
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// For validation problems: each offending field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For plan problems: the cheapest plan that unlocks the request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_plan: Option<&'static str>,
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_CONTENT_TYPE));
        response
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        match &self {
            Self::Internal(source) => tracing::error!(error = %chain(source.as_ref()), "request failed"),
            Self::Busy(source) => tracing::warn!(error = %chain(source), "request shed: database busy"),
            other => tracing::debug!(error = %other, "request rejected"),
        }
        let retry_after = match self {
            Self::TooManyRequests { retry_after_secs } => Some(retry_after_secs),
            Self::Busy(_) => Some(1),
            _ => None,
        };
        let reported = match &self {
            Self::Internal(source) => Some(crate::reporting::ServerError(chain(source.as_ref()))),
            _ => None,
        };
        let mut response = self.problem().into_response();
        if let Some(reported) = reported {
            response.extensions_mut().insert(reported);
        }
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// Renders an error with all of its causes, outermost first.
pub fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    sources(error).map(ToString::to_string).collect::<Vec<_>>().join(": ")
}

/// The error and its causes, outermost first.
pub fn sources<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(error), |e| e.source())
}

impl From<crate::store::StoreError> for Error {
    fn from(error: crate::store::StoreError) -> Self {
        match error {
            crate::store::StoreError::Busy(_) => Self::Busy(error),
            other => Self::internal(other),
        }
    }
}

impl From<crate::mail::MailError> for Error {
    fn from(error: crate::mail::MailError) -> Self {
        tracing::warn!(error = %error, "email not sent");
        Self::Upstream("the email could not be sent; please try again shortly".to_owned())
    }
}
