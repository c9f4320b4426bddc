//! The audit log's records and its hash chain.
//!
//! Each organisation's events form a chain: an event stores the SHA-256 of
//! its own canonical form, which includes the previous event's hash. Editing,
//! removing or reordering any stored event breaks the chain from there on.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::ids::UserId;

/// The hash that stands before an organisation's first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who did something, from where: taken from the request.
#[derive(Debug, Clone, Default)]
pub struct AuditMeta {
    pub actor_id: Option<UserId>,
    /// How the actor is shown (their email, or `system`), kept even if the
    /// account is later removed.
    pub actor_label: String,
    pub request_id: String,
    pub ip: String,
    pub user_agent: String,
}

impl AuditMeta {
    pub fn system(reason: &str) -> Self {
        Self { actor_label: format!("system: {reason}"), ..Self::default() }
    }

    pub fn with_actor(mut self, id: UserId, label: &str) -> Self {
        self.actor_id = Some(id);
        self.actor_label = label.to_owned();
        self
    }
}

/// What happened: a dotted action name, its target, and a before/after summary.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub action: &'static str,
    pub target: String,
    pub summary: serde_json::Value,
}

impl AuditEntry {
    pub fn new(action: &'static str, target: impl ToString, summary: serde_json::Value) -> Self {
        Self { action, target: target.to_string(), summary }
    }
}

/// A stored event's fields, in the order they are hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedEvent {
    pub chain: String,
    pub seq: i64,
    pub actor_id: String,
    pub actor_label: String,
    pub action: String,
    pub target: String,
    pub summary: String,
    pub request_id: String,
    pub ip: String,
    pub user_agent: String,
    pub created_at: DateTime<Utc>,
    pub prev_hash: String,
}

impl ChainedEvent {
    /// SHA-256 (hex) of the canonical form: a JSON array of the fields as
    /// strings, the time in RFC 3339 with microseconds (what both databases keep).
    pub fn hash(&self) -> String {
        let canonical = serde_json::json!([
            self.chain,
            self.seq.to_string(),
            self.actor_id,
            self.actor_label,
            self.action,
            self.target,
            self.summary,
            self.request_id,
            self.ip,
            self.user_agent,
            self.created_at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            self.prev_hash,
        ]);
        hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use chrono::SubsecRound;

    use super::*;

    fn event() -> ChainedEvent {
        ChainedEvent {
            chain: "org".into(),
            seq: 1,
            actor_id: "usr".into(),
            actor_label: "ada@example.com".into(),
            action: "org.created".into(),
            target: "org".into(),
            summary: "{}".into(),
            request_id: "r".into(),
            ip: "127.0.0.1".into(),
            user_agent: "test".into(),
            created_at: Utc::now().trunc_subsecs(6),
            prev_hash: GENESIS_HASH.into(),
        }
    }

    #[test]
    fn every_field_is_covered_by_the_hash() {
        let original = event();
        let hash = original.hash();
        assert_eq!(hash, original.clone().hash(), "hash must be deterministic");
        let mut changed = original.clone();
        changed.summary = "{\"x\":1}".into();
        assert_ne!(changed.hash(), hash);
        let mut changed = original.clone();
        changed.prev_hash = "1".repeat(64);
        assert_ne!(changed.hash(), hash);
        let mut changed = original;
        changed.seq = 2;
        assert_ne!(changed.hash(), hash);
    }
}
