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

/// The client's address. Behind a trusted proxy: the last `X-Forwarded-For`
/// hop, the one that proxy appended (earlier hops are the client's to
/// invent). Otherwise the connection's peer; the header is never believed.
pub fn client_ip(parts: &Parts, trust_proxy: bool) -> String {
    let forwarded = || {
        parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(|ip| ip.trim().to_owned())
            .filter(|ip| !ip.is_empty())
    };
    let peer = || parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip().to_string());
    let ip = if trust_proxy { forwarded().or_else(peer) } else { peer() };
    ip.unwrap_or_else(|| "unknown".to_owned())
}
