//! Knowledge-base articles (the knowledge-base module), on the record
//! kernel: numbered `KB-n`, versioned (the `ETag`), idempotent creates,
//! keyset pages, domain events, timeline and links. Every save of the
//! text is a revision kept whole; readers (and search) see the published
//! one, so a published article can be edited and published again.
//! Postmortems (`postmortems`) are articles written from an incident.

mod action_items;
mod postmortems;
mod review;
mod revisions;
mod settings;

pub use action_items::{ActionItemChange, ActionItemRecord, FollowUps, NewActionItem};
pub use revisions::RevisionRecord;
use revisions::save_revision;
pub use settings::KbSettingsRecord;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::json;

use super::VoteRefusal;
use super::entities::{kb_article, kb_article_version};
use super::records::{DomainEvent, RecordSummary, locked_row_of, row_of};
use super::scope::{scoped, scoped_update};
use super::search::{self, SearchDocument};
use super::teams::{OwnerRefusal, check_owner};
use super::unit::UnitOfWork;
use super::{OrgStore, StoreError, StoreResult};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::events::EventType;
use crate::domain::knowledge::{ArticleKind, ArticleStatus, SearchKind, Visibility};
use crate::domain::lifecycle::Lifecycle;
use crate::domain::postmortem;
use crate::domain::records::{RecordKind, RecordNumber};
use crate::ids::{ArticleId, IncidentId, OrgId, UserId};

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
    pub status: ArticleStatus,
    pub kind: ArticleKind,
    pub tags: Vec<String>,
    pub owner: Option<UserId>,
    pub visibility: Visibility,
    /// After this day the article is due for review (stale).
    pub review_on: Option<NaiveDate>,
    /// The latest revision of the text (this record's title and body).
    pub revision: i32,
    /// The revision readers see.
    pub published_revision: Option<i32>,
    /// A postmortem's incident.
    pub incident: Option<IncidentId>,
}

impl TryFrom<kb_article::Model> for ArticleRecord {
    type Error = StoreError;

    fn try_from(m: kb_article::Model) -> StoreResult<Self> {
        let corrupt = |e: String| StoreError::Corrupt(e);
        Ok(Self {
            id: ArticleId::from_uuid(m.id),
            number: RecordNumber::new(RecordKind::Article, m.number),
            title: m.title,
            body: m.body,
            author_id: UserId::from_uuid(m.author_id),
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
            status: m.status.parse().map_err(corrupt)?,
            kind: m.kind.parse().map_err(corrupt)?,
            tags: serde_json::from_str(&m.tags).map_err(|e| corrupt(e.to_string()))?,
            owner: m.owner_id.map(UserId::from_uuid),
            visibility: m.visibility.parse().map_err(corrupt)?,
            review_on: m.review_on,
            revision: m.revision,
            published_revision: m.published_revision,
            incident: m.incident_id.map(IncidentId::from_uuid),
        })
    }
}

impl ArticleRecord {
    fn event_data(&self) -> serde_json::Value {
        json!({"articleId": self.id, "number": self.number.to_string(), "title": self.title, "version": self.version,
               "status": self.status, "kind": self.kind, "revision": self.revision})
    }

    pub(super) fn event(&self, event_type: EventType) -> DomainEvent {
        DomainEvent::new(event_type, self.id.into(), self.event_data())
    }
}

pub struct NewArticle {
    pub title: String,
    pub body: String,
    pub author: UserId,
    pub kind: ArticleKind,
    pub tags: Vec<String>,
    pub owner: Option<UserId>,
    pub visibility: Visibility,
    pub review_on: Option<NaiveDate>,
    pub incident: Option<IncidentId>,
}

/// Fields to change; `None` leaves a field as it is.
#[derive(Default)]
pub struct ArticleChange {
    pub title: Option<String>,
    pub body: Option<String>,
    /// What the save changed, for the revision history.
    pub summary: Option<String>,
    pub tags: Option<Vec<String>>,
    pub owner: Option<Option<UserId>>,
    pub visibility: Option<Visibility>,
    pub review_on: Option<Option<NaiveDate>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleRefusal {
    NotFound,
    Stale {
        current: i32,
    },
    /// The lifecycle does not allow the move.
    Move {
        from: ArticleStatus,
        to: ArticleStatus,
    },
    /// Published already, with no newer revision.
    NothingToPublish,
    Owner(OwnerRefusal),
    /// Postmortems are written once their incident is resolved.
    IncidentNotResolved,
    /// A postmortem's required sections still empty.
    EmptySections(Vec<String>),
    /// Action items belong to postmortems.
    NotAPostmortem,
    /// The organisation reviews what it publishes: submit it for review.
    NeedsReview,
    /// Its review is open already.
    InReviewAlready,
    /// No one can approve it (the review's approvers, less its author).
    Unmeetable(String),
    Vote(VoteRefusal),
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
    let Some(row) = row_of::<kb_article::Entity, _>(conn, org_id, id).await? else { return Ok(None) };
    let article = ArticleRecord::try_from(row)?;
    Ok(Some(RecordSummary {
        requested_by: None,
        reference: article.id.into(),
        number: article.number,
        status: article.status.key().to_owned(),
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
    /// Writes a draft article (revision 1). With an idempotency key seen in
    /// the last 24 hours, returns the article written then instead (and `false`).
    pub async fn create(
        &self,
        new: NewArticle,
        idempotency_key: Option<&str>,
        meta: &AuditMeta,
    ) -> StoreResult<Result<(ArticleRecord, bool), ArticleRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let id = ArticleId::new();
        if let Some(existing) = unit.idempotent(RecordKind::Article, idempotency_key, id.uuid()).await?
            && let Some(existing) = self.get_on(unit.conn(), ArticleId::from_uuid(existing)).await?
        {
            return Ok(Ok((existing, false)));
        }
        if let Some(refusal) = check_owner(unit.conn(), org_id, new.owner, None).await? {
            return Ok(Err(ArticleRefusal::Owner(refusal)));
        }
        let created = insert_article(&mut unit, id, new).await?;
        let summary = json!({"number": created.number.to_string(), "title": created.title, "kind": created.kind});
        unit.audit(AuditEntry::new("article.created", id, summary));
        unit.emit(created.event(EventType::ArticleCreated));
        unit.commit().await?;
        Ok(Ok((created, true)))
    }

    /// Applies `change` if `expected_version` is current (`None`: any). A
    /// new title or body is a new revision; a published article stays as
    /// readers see it until that revision is published.
    pub async fn change(
        &self,
        id: ArticleId,
        expected_version: Option<i32>,
        change: ArticleChange,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ArticleRecord, ArticleRefusal>> {
        let mut unit = self.scope.unit(meta).await?;
        let before = match self.locked(&unit, id, expected_version).await? {
            Ok(before) => before,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let old = ArticleRecord::try_from(before.clone())?;
        let new_text = change.title.as_ref().is_some_and(|t| *t != old.title)
            || change.body.as_ref().is_some_and(|b| *b != old.body);
        let new_meta = change.tags.as_ref().is_some_and(|t| *t != old.tags)
            || change.owner.is_some_and(|o| o != old.owner)
            || change.visibility.is_some_and(|v| v != old.visibility)
            || change.review_on.is_some_and(|r| r != old.review_on);
        if !new_text && !new_meta {
            return Ok(Ok(old));
        }
        if let Some(Some(owner)) = change.owner
            && let Some(refusal) = check_owner(unit.conn(), self.scope.org_id, Some(owner), None).await?
        {
            return Ok(Err(ArticleRefusal::Owner(refusal)));
        }
        let mut row: kb_article::ActiveModel = before.into();
        if let Some(title) = change.title {
            row.title = Set(title);
        }
        if let Some(body) = change.body {
            row.body = Set(body);
        }
        if let Some(tags) = change.tags {
            row.tags = Set(json!(tags).to_string());
        }
        if let Some(owner) = change.owner {
            row.owner_id = Set(owner.map(UserId::uuid));
        }
        if let Some(visibility) = change.visibility {
            row.visibility = Set(visibility.key().to_owned());
        }
        if let Some(review_on) = change.review_on {
            row.review_on = Set(review_on);
        }
        if new_text {
            row.revision = Set(old.revision + 1);
            if review::withdraw_review(&unit, id).await? && old.status == ArticleStatus::InReview {
                row.status = Set(ArticleStatus::Draft.key().to_owned());
            }
        }
        row.version = Set(old.version + 1);
        row.updated_at = Set(unit.now());
        let updated = ArticleRecord::try_from(row.update(unit.conn()).await?)?;
        if new_text {
            let summary = change.summary.unwrap_or_default();
            save_revision(&unit, &updated, &summary, unit.actor().unwrap_or(updated.author_id)).await?;
        }
        // Tags and visibility reach search at once; the text when published.
        reindex(&unit, &updated).await?;
        let summary = json!({"before": {"title": old.title, "version": old.version, "revision": old.revision},
                             "after": {"title": updated.title, "version": updated.version, "revision": updated.revision}});
        unit.audit(AuditEntry::new("article.updated", id, summary));
        unit.emit(updated.event(EventType::ArticleUpdated));
        unit.commit().await?;
        Ok(Ok(updated))
    }

    /// Moves the article along its lifecycle. `Published` publishes the
    /// latest revision, also of an article already published (the one
    /// readers saw becomes outdated).
    pub async fn move_to(
        &self,
        id: ArticleId,
        expected_version: Option<i32>,
        status: ArticleStatus,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ArticleRecord, ArticleRefusal>> {
        let mut unit = self.scope.unit(meta).await?;
        let before = match self.locked(&unit, id, expected_version).await? {
            Ok(before) => before,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let old = ArticleRecord::try_from(before.clone())?;
        let settings = settings::settings_on(unit.conn(), self.scope).await?;
        if let Some(step) = &settings.review {
            match status {
                ArticleStatus::Published => return Ok(Err(ArticleRefusal::NeedsReview)),
                ArticleStatus::InReview => {
                    return self.submit_for_review(unit, before, &settings.postmortem_template, step).await;
                }
                _ => {}
            }
        }
        if let Some(refusal) = refuse_move(&old, status) {
            return Ok(Err(refusal));
        }
        if status == ArticleStatus::Published
            && let Some(refusal) = unwritten_sections(&old, &settings.postmortem_template)
        {
            return Ok(Err(refusal));
        }
        let updated = apply_move(&mut unit, before, status).await?;
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
        let articles = rows.into_iter().map(ArticleRecord::try_from).collect::<StoreResult<_>>()?;
        Ok(ArticlePage { articles, next })
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
        row.map(ArticleRecord::try_from).transpose()
    }

    /// The article's row, locked for this write, if `expected_version` is current.
    async fn locked(
        &self,
        unit: &UnitOfWork<'_>,
        id: ArticleId,
        expected_version: Option<i32>,
    ) -> StoreResult<Result<kb_article::Model, ArticleRefusal>> {
        let Some(row) = locked_row_of::<kb_article::Entity, _>(unit.conn(), self.scope.org_id, id.uuid()).await? else {
            return Ok(Err(ArticleRefusal::NotFound));
        };
        match expected_version {
            Some(expected) if expected != row.version => Ok(Err(ArticleRefusal::Stale { current: row.version })),
            _ => Ok(Ok(row)),
        }
    }
}

/// Writes a new draft article and its first revision.
pub(super) async fn insert_article(
    unit: &mut UnitOfWork<'_>,
    id: ArticleId,
    new: NewArticle,
) -> StoreResult<ArticleRecord> {
    let author = new.author;
    let now = unit.now();
    let number = unit.next_number(RecordKind::Article).await?;
    let row = kb_article::ActiveModel {
        id: Set(id.uuid()),
        org_id: Set(unit.org_id().uuid()),
        number: Set(number.number),
        title: Set(new.title),
        body: Set(new.body),
        author_id: Set(new.author.uuid()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        status: Set(ArticleStatus::Draft.key().to_owned()),
        kind: Set(new.kind.key().to_owned()),
        tags: Set(json!(new.tags).to_string()),
        owner_id: Set(new.owner.map(UserId::uuid)),
        visibility: Set(new.visibility.key().to_owned()),
        review_on: Set(new.review_on),
        revision: Set(1),
        published_revision: Set(None),
        incident_id: Set(new.incident.map(IncidentId::uuid)),
    }
    .insert(unit.conn())
    .await
    .map_err(StoreError::from_write)?;
    let created = ArticleRecord::try_from(row)?;
    save_revision(unit, &created, "created", author).await?;
    Ok(created)
}

/// Search finds a published article by its published revision, and
/// nothing else.
async fn reindex(unit: &UnitOfWork<'_>, article: &ArticleRecord) -> StoreResult<()> {
    let org_id = unit.org_id();
    let published = (article.status == ArticleStatus::Published).then_some(article.published_revision).flatten();
    let Some(published) = published else {
        return search::unindex(unit.conn(), org_id, SearchKind::Article, article.id.uuid()).await;
    };
    let text = scoped::<kb_article_version::Entity>(org_id)
        .filter(kb_article_version::Column::ArticleId.eq(article.id.uuid()))
        .filter(kb_article_version::Column::Revision.eq(published))
        .one(unit.conn())
        .await?
        .ok_or_else(|| StoreError::Corrupt("a published revision is missing".into()))?;
    let document = SearchDocument {
        kind: SearchKind::Article,
        record_id: article.id.uuid(),
        number: article.number.number,
        title: text.title,
        body: text.body,
        tags: article.tags.clone(),
        visibility: article.visibility,
        updated_at: article.updated_at,
    };
    search::index(unit.conn(), org_id, document).await
}

/// Why `article` cannot move to `status`, if it cannot. Publishing an
/// article already published publishes its newer revision, if it has one.
fn refuse_move(article: &ArticleRecord, status: ArticleStatus) -> Option<ArticleRefusal> {
    let republish = article.status == ArticleStatus::Published && status == ArticleStatus::Published;
    if republish && article.published_revision == Some(article.revision) {
        return Some(ArticleRefusal::NothingToPublish);
    }
    (!republish && !article.status.can_become(status))
        .then_some(ArticleRefusal::Move { from: article.status, to: status })
}

/// A postmortem is published with its template's required sections written.
fn unwritten_sections(article: &ArticleRecord, template: &[postmortem::Section]) -> Option<ArticleRefusal> {
    if article.kind != ArticleKind::Postmortem {
        return None;
    }
    let empty = postmortem::empty_required(template, &article.body);
    (!empty.is_empty()).then_some(ArticleRefusal::EmptySections(empty))
}

/// Moves the locked article to `status` in `unit` (publishing: its latest
/// revision becomes the one readers and search see), with its audit entry
/// and event.
async fn apply_move(
    unit: &mut UnitOfWork<'_>,
    before: kb_article::Model,
    status: ArticleStatus,
) -> StoreResult<ArticleRecord> {
    let old = ArticleRecord::try_from(before.clone())?;
    let now = unit.now();
    let mut row: kb_article::ActiveModel = before.into();
    row.status = Set(status.key().to_owned());
    if status == ArticleStatus::Published {
        row.published_revision = Set(Some(old.revision));
        scoped_update::<kb_article_version::Entity>(unit.org_id())
            .filter(kb_article_version::Column::ArticleId.eq(old.id.uuid()))
            .filter(kb_article_version::Column::Revision.eq(old.revision))
            .col_expr(kb_article_version::Column::PublishedAt, sea_orm::sea_query::Expr::value(now))
            .exec(unit.conn())
            .await?;
    }
    row.version = Set(old.version + 1);
    row.updated_at = Set(now);
    let updated = ArticleRecord::try_from(row.update(unit.conn()).await?)?;
    reindex(unit, &updated).await?;
    let summary = json!({"before": {"status": old.status, "publishedRevision": old.published_revision},
                         "after": {"status": updated.status, "publishedRevision": updated.published_revision}});
    unit.audit(AuditEntry::new("article.status_changed", old.id, summary));
    unit.emit(updated.event(EventType::ArticleUpdated));
    Ok(updated)
}
