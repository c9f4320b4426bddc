//! The audit log: appended inside the transaction of the change it records,
//! never updated or deleted (the database refuses both, see migration 2).

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};

use super::entities::audit_event;
use super::scope::scoped;
use super::{OrgStore, StoreError, StoreResult};
use crate::domain::audit::{AuditEntry, AuditMeta, ChainedEvent, GENESIS_HASH};
use crate::ids::{AuditEventId, UserId};

/// The chain of account-level events (sign-ups, sign-ins), which belong to no organisation.
pub(super) const ACCOUNT_CHAIN: uuid::Uuid = uuid::Uuid::nil();

#[derive(Debug, Clone)]
pub struct AuditRecord {
    pub id: AuditEventId,
    pub seq: i64,
    pub actor_id: Option<UserId>,
    pub actor_label: String,
    pub action: String,
    pub target: String,
    pub summary: serde_json::Value,
    pub request_id: String,
    pub ip: String,
    pub user_agent: String,
    pub created_at: DateTime<Utc>,
    pub hash: String,
}

impl From<audit_event::Model> for AuditRecord {
    fn from(model: audit_event::Model) -> Self {
        Self {
            id: AuditEventId::from_uuid(model.id),
            seq: model.seq,
            actor_id: model.actor_id.map(UserId::from_uuid),
            actor_label: model.actor_label,
            action: model.action,
            target: model.target,
            summary: serde_json::from_str(&model.summary).unwrap_or(serde_json::Value::Null),
            request_id: model.request_id,
            ip: model.ip,
            user_agent: model.user_agent,
            created_at: model.created_at,
            hash: model.hash,
        }
    }
}

fn chained(model: &audit_event::Model) -> ChainedEvent {
    ChainedEvent {
        chain: model.org_id.simple().to_string(),
        seq: model.seq,
        actor_id: model.actor_id.map(|id| id.simple().to_string()).unwrap_or_default(),
        actor_label: model.actor_label.clone(),
        action: model.action.clone(),
        target: model.target.clone(),
        summary: model.summary.clone(),
        request_id: model.request_id.clone(),
        ip: model.ip.clone(),
        user_agent: model.user_agent.clone(),
        created_at: model.created_at,
        prev_hash: model.prev_hash.clone(),
    }
}

/// Appends `entry` to `chain`, on `conn` — the transaction of the change —
/// stamped `at` (the store's clock).
pub(super) async fn append<C: ConnectionTrait>(
    conn: &C,
    chain: uuid::Uuid,
    meta: &AuditMeta,
    entry: AuditEntry,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    // Serialise appends per chain until this transaction ends.
    super::lock_chain(conn, chain).await?;
    append_serialised(conn, chain, meta, entry, at).await
}

/// [`append`] for a transaction that holds the chain's lock already.
pub(super) async fn append_serialised<C: ConnectionTrait>(
    conn: &C,
    chain: uuid::Uuid,
    meta: &AuditMeta,
    entry: AuditEntry,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let last = scoped::<audit_event::Entity>(crate::ids::OrgId::from_uuid(chain))
        .order_by_desc(audit_event::Column::Seq)
        .limit(1)
        .one(conn)
        .await?;
    let (seq, prev_hash) = last.map_or((1, GENESIS_HASH.to_owned()), |event| (event.seq + 1, event.hash));
    let mut model = audit_event::Model {
        id: AuditEventId::new().uuid(),
        org_id: chain,
        seq,
        actor_id: meta.actor_id.map(UserId::uuid),
        actor_label: meta.actor_label.clone(),
        action: entry.action.to_owned(),
        target: entry.target,
        summary: entry.summary.to_string(),
        request_id: meta.request_id.clone(),
        ip: meta.ip.clone(),
        user_agent: meta.user_agent.clone(),
        created_at: at.trunc_subsecs(6),
        prev_hash,
        hash: String::new(),
    };
    model.hash = chained(&model).hash();
    audit_event::ActiveModel::from(model).insert(conn).await.map_err(StoreError::from_write)?;
    Ok(())
}

/// Filters for reading the log; `before_seq` is the pagination cursor.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<UserId>,
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub before_seq: Option<i64>,
}

/// The outcome of recomputing an organisation's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub checked: u64,
    /// The first event whose stored hash or link does not match.
    pub first_broken: Option<(AuditEventId, i64)>,
}

impl OrgStore<'_> {
    /// Newest first.
    pub async fn audit_events(&self, filter: &AuditFilter, limit: u64) -> StoreResult<Vec<AuditRecord>> {
        let mut query = scoped::<audit_event::Entity>(self.org_id);
        if let Some(actor) = filter.actor {
            query = query.filter(audit_event::Column::ActorId.eq(actor.uuid()));
        }
        if let Some(action) = &filter.action {
            query = query.filter(audit_event::Column::Action.eq(action.as_str()));
        }
        if let Some(from) = filter.from {
            query = query.filter(audit_event::Column::CreatedAt.gte(from));
        }
        if let Some(to) = filter.to {
            query = query.filter(audit_event::Column::CreatedAt.lt(to));
        }
        if let Some(before) = filter.before_seq {
            query = query.filter(audit_event::Column::Seq.lt(before));
        }
        let rows = query.order_by_desc(audit_event::Column::Seq).limit(limit).all(self.db).await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// Recomputes the chain from the first event, in pages.
    pub async fn verify_audit_chain(&self) -> StoreResult<ChainReport> {
        const PAGE: u64 = 500;
        let mut expected_prev = GENESIS_HASH.to_owned();
        let mut expected_seq = 1;
        let mut checked = 0;
        loop {
            let page = scoped::<audit_event::Entity>(self.org_id)
                .filter(audit_event::Column::Seq.gte(expected_seq))
                .order_by_asc(audit_event::Column::Seq)
                .limit(PAGE)
                .all(self.db)
                .await?;
            let count = page.len() as u64;
            for event in page {
                let intact = event.seq == expected_seq
                    && event.prev_hash == expected_prev
                    && chained(&event).hash() == event.hash;
                if !intact {
                    return Ok(ChainReport {
                        checked,
                        first_broken: Some((AuditEventId::from_uuid(event.id), event.seq)),
                    });
                }
                checked += 1;
                expected_seq += 1;
                expected_prev = event.hash;
            }
            if count < PAGE {
                return Ok(ChainReport { checked, first_broken: None });
            }
        }
    }
}
