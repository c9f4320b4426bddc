//! An article's revisions: every save of its text kept whole, each
//! readable (and diffed) later, in the state its article gives it.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, QueryOrder, Set};

use super::super::entities::kb_article_version;
use super::super::unit::UnitOfWork;
use super::super::{StoreError, StoreResult};
use super::{ArticleRecord, Articles};
use crate::domain::knowledge::{ArticleStatus, RevisionState};
use crate::ids::UserId;

/// One saved revision of an article's text.
#[derive(Debug, Clone)]
pub struct RevisionRecord {
    pub revision: i32,
    pub title: String,
    pub body: String,
    pub summary: String,
    pub author_id: UserId,
    pub created_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    pub state: RevisionState,
}

impl Articles<'_> {
    /// Every revision, newest first.
    pub async fn revisions(&self, article: &ArticleRecord) -> StoreResult<Vec<RevisionRecord>> {
        let rows = self
            .scope
            .rows::<kb_article_version::Entity>()
            .filter(kb_article_version::Column::ArticleId.eq(article.id.uuid()))
            .order_by_desc(kb_article_version::Column::Revision)
            .all(self.scope.db)
            .await?;
        Ok(rows.into_iter().map(|row| revision_of(article, row)).collect())
    }

    pub async fn revision(&self, article: &ArticleRecord, revision: i32) -> StoreResult<Option<RevisionRecord>> {
        let row = self
            .scope
            .rows::<kb_article_version::Entity>()
            .filter(kb_article_version::Column::ArticleId.eq(article.id.uuid()))
            .filter(kb_article_version::Column::Revision.eq(revision))
            .one(self.scope.db)
            .await?;
        Ok(row.map(|row| revision_of(article, row)))
    }
}

fn revision_of(article: &ArticleRecord, row: kb_article_version::Model) -> RevisionRecord {
    let published = (article.status == ArticleStatus::Published).then_some(article.published_revision).flatten();
    RevisionRecord {
        state: RevisionState::of(row.revision, published, row.published_at.is_some()),
        revision: row.revision,
        title: row.title,
        body: row.body,
        summary: row.summary,
        author_id: UserId::from_uuid(row.author_id),
        created_at: row.created_at,
        published_at: row.published_at,
    }
}

/// Keeps the article's latest text as a revision of its own.
pub(super) async fn save_revision(
    unit: &UnitOfWork<'_>,
    article: &ArticleRecord,
    summary: &str,
    author: UserId,
) -> StoreResult<()> {
    kb_article_version::ActiveModel {
        org_id: Set(unit.org_id().uuid()),
        article_id: Set(article.id.uuid()),
        revision: Set(article.revision),
        title: Set(article.title.clone()),
        body: Set(article.body.clone()),
        summary: Set(summary.chars().take(200).collect()),
        author_id: Set(author.uuid()),
        created_at: Set(unit.now()),
        published_at: Set(None),
    }
    .insert(unit.conn())
    .await
    .map_err(StoreError::from_write)?;
    Ok(())
}
