//! Who is asking, from where: the request's id, client address and user
//! agent, as the audit log records them.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;

use super::AppState;
use super::telemetry::RequestId;
use crate::domain::audit::AuditMeta;

/// The request's [`AuditMeta`], without an actor yet.
pub struct RequestMeta(pub AuditMeta);

impl FromRequestParts<AppState> for RequestMeta {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Self(AuditMeta {
            actor_id: None,
            actor_label: String::new(),
            request_id: parts.extensions.get::<RequestId>().map(|id| id.0.clone()).unwrap_or_default(),
            ip: client_ip(parts, state.config.trust_proxy),
            user_agent: parts
                .headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(|ua| ua.chars().take(256).collect())
                .unwrap_or_default(),
        }))
    }
}

/// The client's address: the first `X-Forwarded-For` hop behind a trusted
/// proxy, else the connection's peer.
pub fn client_ip(parts: &Parts, trust_proxy: bool) -> String {
    let forwarded = parts
        .headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|ip| ip.trim().to_owned())
        .filter(|ip| !ip.is_empty());
    let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip().to_string());
    match (trust_proxy, forwarded, peer) {
        (true, Some(forwarded), _) => forwarded,
        (_, _, Some(peer)) => peer,
        (_, Some(forwarded), None) => forwarded,
        _ => "unknown".to_owned(),
    }
}
