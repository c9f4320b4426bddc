//! Knowledge-base articles (the knowledge-base module), on the record
//! kernel: numbered `KB-n`, versioned, idempotent creates, keyset pages,
//! domain events, timeline and links.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::json;

use super::entities::kb_article;
use super::records::{DomainEvent, RecordSummary, locked_row_of, row_of};
use super::{OrgStore, StoreError, StoreResult};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::events::EventType;
use crate::domain::records::{RecordKind, RecordNumber};
use crate::ids::{ArticleId, OrgId, UserId};

#[derive(Debug, Clone)]
pub struct ArticleRecord {
    pub id: ArticleId,
    pub number: RecordNumber,
    pub title: String,
    pub body: String,
    pub author_id: UserId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<kb_article::Model> for ArticleRecord {
    fn from(model: kb_article::Model) -> Self {
        Self {
            id: ArticleId::from_uuid(model.id),
            number: RecordNumber::new(RecordKind::Article, model.number),
            title: model.title,
            body: model.body,
            author_id: UserId::from_uuid(model.author_id),
            created_at: model.created_at,
            updated_at: model.updated_at,
            version: model.version,
        }
    }
}

impl ArticleRecord {
    fn event_data(&self) -> serde_json::Value {
        json!({"articleId": self.id, "number": self.number.to_string(), "title": self.title, "version": self.version})
    }

    fn event(&self, event_type: EventType) -> DomainEvent {
        DomainEvent::new(event_type, self.id.into(), self.event_data())
    }
}

pub struct NewArticle {
    pub title: String,
    pub body: String,
    pub author: UserId,
}

/// Fields to change; `None` leaves a field as it is.
#[derive(Default)]
pub struct ArticleChange {
    pub title: Option<String>,
    pub body: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleRefusal {
    NotFound,
    Stale { current: i32 },
}

/// A page of articles, newest first.
pub struct ArticlePage {
    pub articles: Vec<ArticleRecord>,
    /// Where the next page starts, when there is one.
    pub next: Option<ArticleId>,
}

/// One of `org_id`'s articles, as another record's page shows it.
pub(super) async fn describe<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    id: uuid::Uuid,
) -> StoreResult<Option<RecordSummary>> {
    let row = row_of::<kb_article::Entity, _>(conn, org_id, id).await?;
    Ok(row.map(ArticleRecord::from).map(|article| RecordSummary {
        reference: article.id.into(),
        number: article.number,
        status: "published".to_owned(),
        event_data: article.event_data(),
        title: article.title,
    }))
}

/// One organisation's knowledge base.
pub struct Articles<'a> {
    pub(super) scope: OrgStore<'a>,
}

impl<'a> OrgStore<'a> {
    pub fn articles(&self) -> Articles<'a> {
        Articles { scope: *self }
    }
}

impl Articles<'_> {
    /// Writes an article. With an idempotency key seen in the last 24 hours,
    /// returns the article written then instead (and `false`).
    pub async fn create(
        &self,
        new: NewArticle,
        idempotency_key: Option<&str>,
        meta: &AuditMeta,
    ) -> StoreResult<(ArticleRecord, bool)> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let id = ArticleId::new();
        if let Some(existing) = unit.idempotent(RecordKind::Article, idempotency_key, id.uuid()).await?
            && let Some(existing) = self.get_on(unit.conn(), ArticleId::from_uuid(existing)).await?
        {
            return Ok((existing, false));
        }
        let now = unit.now();
        let number = unit.next_number(RecordKind::Article).await?;
        let created: ArticleRecord = kb_article::ActiveModel {
            id: Set(id.uuid()),
            org_id: Set(org_id.uuid()),
            number: Set(number.number),
            title: Set(new.title),
            body: Set(new.body),
            author_id: Set(new.author.uuid()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(unit.conn())
        .await
        .map_err(StoreError::from_write)?
        .into();
        let summary = json!({"number": created.number.to_string(), "title": created.title});
        unit.audit(AuditEntry::new("article.created", id, summary));
        unit.emit(created.event(EventType::ArticleCreated));
        unit.commit().await?;
        Ok((created, true))
    }

    /// Applies `change` if `expected_version` is current (`None`: any).
    pub async fn change(
        &self,
        id: ArticleId,
        expected_version: Option<i32>,
        change: ArticleChange,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ArticleRecord, ArticleRefusal>> {
        let mut unit = self.scope.unit(meta).await?;
        let Some(before) = locked_row_of::<kb_article::Entity, _>(unit.conn(), self.scope.org_id, id.uuid()).await?
        else {
            return Ok(Err(ArticleRefusal::NotFound));
        };
        if let Some(expected) = expected_version
            && expected != before.version
        {
            return Ok(Err(ArticleRefusal::Stale { current: before.version }));
        }
        let unchanged = change.title.as_ref().is_none_or(|t| *t == before.title)
            && change.body.as_ref().is_none_or(|b| *b == before.body);
        if unchanged {
            return Ok(Ok(before.into()));
        }
        let old = ArticleRecord::from(before.clone());
        let mut row: kb_article::ActiveModel = before.into();
        if let Some(title) = change.title {
            row.title = Set(title);
        }
        if let Some(body) = change.body {
            row.body = Set(body);
        }
        row.version = Set(old.version + 1);
        row.updated_at = Set(unit.now());
        let updated = ArticleRecord::from(row.update(unit.conn()).await?);
        let summary = json!({"before": {"title": old.title, "version": old.version}, "after": {"title": updated.title, "version": updated.version}});
        unit.audit(AuditEntry::new("article.updated", id, summary));
        unit.emit(updated.event(EventType::ArticleUpdated));
        unit.commit().await?;
        Ok(Ok(updated))
    }

    /// Newest first, `limit` at most, after `after` (the previous page's last).
    pub async fn list(&self, after: Option<ArticleId>, limit: u64) -> StoreResult<ArticlePage> {
        let mut query = self.scope.rows::<kb_article::Entity>();
        if let Some(after) = after {
            query = query.filter(kb_article::Column::Id.lt(after.uuid()));
        }
        let mut rows = query.order_by_desc(kb_article::Column::Id).limit(limit + 1).all(self.scope.db).await?;
        let more = rows.len() as u64 > limit;
        rows.truncate(limit as usize);
        let next = if more { rows.last().map(|r| ArticleId::from_uuid(r.id)) } else { None };
        Ok(ArticlePage { articles: rows.into_iter().map(Into::into).collect(), next })
    }

    pub async fn get(&self, id: ArticleId) -> StoreResult<Option<ArticleRecord>> {
        self.get_on(self.scope.db, id).await
    }

    /// By id (`kba_…`) or number (`7`, `KB-7`).
    pub async fn find(&self, reference: &str) -> StoreResult<Option<ArticleRecord>> {
        match self.scope.records().resolve(RecordKind::Article, reference).await? {
            Some(found) => self.get(ArticleId::from_uuid(found.reference.uuid())).await,
            None => Ok(None),
        }
    }

    async fn get_on<C: ConnectionTrait>(&self, conn: &C, id: ArticleId) -> StoreResult<Option<ArticleRecord>> {
        let row =
            self.scope.rows::<kb_article::Entity>().filter(kb_article::Column::Id.eq(id.uuid())).one(conn).await?;
        Ok(row.map(Into::into))
    }
}
