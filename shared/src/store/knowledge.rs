//! Knowledge-base articles (the knowledge-base module).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

use super::entities::kb_article;
use super::{OrgStore, StoreResult, audit};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::ids::{ArticleId, UserId};

#[derive(Debug, Clone)]
pub struct ArticleRecord {
    pub id: ArticleId,
    pub title: String,
    pub body: String,
    pub author_id: UserId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<kb_article::Model> for ArticleRecord {
    fn from(model: kb_article::Model) -> Self {
        Self {
            id: ArticleId::from_uuid(model.id),
            title: model.title,
            body: model.body,
            author_id: UserId::from_uuid(model.author_id),
            created_at: model.created_at,
            updated_at: model.updated_at,
        }
    }
}

impl OrgStore<'_> {
    pub async fn create_article(
        &self,
        title: String,
        body: String,
        author: UserId,
        meta: &AuditMeta,
    ) -> StoreResult<ArticleRecord> {
        let tx = self.db.begin().await?;
        let now = Utc::now();
        let created = kb_article::ActiveModel {
            id: Set(ArticleId::new().uuid()),
            org_id: Set(self.org_id.uuid()),
            title: Set(title),
            body: Set(body),
            author_id: Set(author.uuid()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&tx)
        .await?;
        let entry =
            AuditEntry::new("article.created", ArticleId::from_uuid(created.id), json!({"title": created.title}));
        audit::append(&tx, self.org_id.uuid(), meta, entry).await?;
        tx.commit().await?;
        Ok(created.into())
    }

    /// Newest first, at most `limit`.
    pub async fn articles(&self, limit: u64) -> StoreResult<Vec<ArticleRecord>> {
        let rows = kb_article::Entity::find()
            .filter(kb_article::Column::OrgId.eq(self.org_id.uuid()))
            .order_by_desc(kb_article::Column::CreatedAt)
            .limit(limit)
            .all(self.db)
            .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    pub async fn article(&self, id: ArticleId) -> StoreResult<Option<ArticleRecord>> {
        let found = kb_article::Entity::find_by_id(id.uuid())
            .filter(kb_article::Column::OrgId.eq(self.org_id.uuid()))
            .one(self.db)
            .await?;
        Ok(found.map(Into::into))
    }
}
