//! On-call documents: an organisation's schedules and escalation policies,
//! stored as the JSON the domain reads (`domain::oncall`,
//! `domain::escalation`) and audited on every change.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde_json::json;

use super::entities::oncall_document;
use super::scope::{scoped, scoped_delete};
use super::{OrgStore, StoreError, StoreResult, audit};
use crate::domain::audit::{AuditEntry, AuditMeta};

/// A schedule or an escalation policy, stored as the JSON the domain reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Schedule,
    EscalationPolicy,
}

impl DocumentKind {
    pub(super) fn key(self) -> &'static str {
        match self {
            Self::Schedule => "schedule",
            Self::EscalationPolicy => "escalation_policy",
        }
    }
}

#[derive(Debug, Clone)]
pub struct DocumentRecord {
    pub id: uuid::Uuid,
    pub name: String,
    pub definition: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<oncall_document::Model> for DocumentRecord {
    type Error = StoreError;

    fn try_from(m: oncall_document::Model) -> StoreResult<Self> {
        let definition = serde_json::from_str(&m.definition).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(Self { id: m.id, name: m.name, definition, created_at: m.created_at, updated_at: m.updated_at })
    }
}

impl OrgStore<'_> {
    pub async fn documents(&self, kind: DocumentKind) -> StoreResult<Vec<DocumentRecord>> {
        scoped::<oncall_document::Entity>(self.org_id)
            .filter(oncall_document::Column::Kind.eq(kind.key()))
            .order_by_asc(oncall_document::Column::Id)
            .all(self.db)
            .await?
            .into_iter()
            .map(TryInto::try_into)
            .collect()
    }

    pub async fn document(&self, kind: DocumentKind, id: uuid::Uuid) -> StoreResult<Option<DocumentRecord>> {
        self.document_row(self.db, kind, id).await?.map(TryInto::try_into).transpose()
    }

    async fn document_row<C: sea_orm::ConnectionTrait>(
        &self,
        conn: &C,
        kind: DocumentKind,
        id: uuid::Uuid,
    ) -> StoreResult<Option<oncall_document::Model>> {
        Ok(scoped::<oncall_document::Entity>(self.org_id)
            .filter(oncall_document::Column::Id.eq(id))
            .filter(oncall_document::Column::Kind.eq(kind.key()))
            .one(conn)
            .await?)
    }

    /// Creates (`id` = `None`) or replaces a document; `None` if `id` is not one of ours.
    pub async fn save_document(
        &self,
        kind: DocumentKind,
        id: Option<uuid::Uuid>,
        name: &str,
        definition: &serde_json::Value,
        meta: &AuditMeta,
    ) -> StoreResult<Option<DocumentRecord>> {
        let tx = self.db.begin().await?;
        let now = self.clock.now();
        let saved = match id {
            None => {
                oncall_document::ActiveModel {
                    id: Set(uuid::Uuid::now_v7()),
                    org_id: Set(self.org_id.uuid()),
                    kind: Set(kind.key().to_owned()),
                    name: Set(name.to_owned()),
                    definition: Set(definition.to_string()),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(&tx)
                .await?
            }
            Some(id) => {
                let Some(found) = self.document_row(&tx, kind, id).await? else {
                    return Ok(None);
                };
                let mut row: oncall_document::ActiveModel = found.into();
                row.name = Set(name.to_owned());
                row.definition = Set(definition.to_string());
                row.updated_at = Set(now);
                row.update(&tx).await?
            }
        };
        let action = match kind {
            DocumentKind::Schedule => "schedule.saved",
            DocumentKind::EscalationPolicy => "escalation_policy.saved",
        };
        audit::append(
            &tx,
            self.org_id.uuid(),
            meta,
            AuditEntry::new(action, saved.id, json!({"name": name})),
            self.clock.now(),
        )
        .await?;
        tx.commit().await?;
        Ok(Some(saved.try_into()?))
    }

    pub async fn delete_document(&self, kind: DocumentKind, id: uuid::Uuid, meta: &AuditMeta) -> StoreResult<bool> {
        let tx = self.db.begin().await?;
        let deleted = scoped_delete::<oncall_document::Entity>(self.org_id)
            .filter(oncall_document::Column::Kind.eq(kind.key()))
            .filter(oncall_document::Column::Id.eq(id))
            .exec(&tx)
            .await?
            .rows_affected;
        if deleted > 0 {
            let action = match kind {
                DocumentKind::Schedule => "schedule.deleted",
                DocumentKind::EscalationPolicy => "escalation_policy.deleted",
            };
            audit::append(&tx, self.org_id.uuid(), meta, AuditEntry::new(action, id, json!({})), self.clock.now())
                .await?;
        }
        tx.commit().await?;
        Ok(deleted > 0)
    }
}
