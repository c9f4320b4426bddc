//! A postmortem's action items: what the team will do, by whom and by
//! when; each can become a problem or a change (made by their own
//! modules, then recorded here), and those past due are followed up.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::json;

use super::{ArticleRecord, ArticleRefusal, Articles};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::incidents::{IncidentStatus, Severity};
use crate::domain::knowledge::{ArticleKind, ArticleStatus};
use crate::domain::postmortem::ActionItemStatus;
use crate::domain::records::RecordRef;
use crate::ids::{ActionItemId, ArticleId, IncidentId, UserId};
use crate::store::entities::{action_item, incident, kb_article};
use crate::store::incidents::IncidentRecord;
use crate::store::scope::scoped;
use crate::store::teams::check_owner;
use crate::store::{OrgStore, StoreError, StoreResult};

#[derive(Debug, Clone)]
pub struct ActionItemRecord {
    pub id: ActionItemId,
    pub article: ArticleId,
    pub title: String,
    pub owner: Option<UserId>,
    pub due_on: Option<NaiveDate>,
    pub status: ActionItemStatus,
    /// The problem or change it became.
    pub record: Option<RecordRef>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<action_item::Model> for ActionItemRecord {
    type Error = StoreError;

    fn try_from(m: action_item::Model) -> StoreResult<Self> {
        let record = match (m.record_kind, m.record_id) {
            (Some(kind), Some(id)) => Some(RecordRef::stored(kind.parse().map_err(StoreError::Corrupt)?, id)),
            _ => None,
        };
        Ok(Self {
            id: ActionItemId::from_uuid(m.id),
            article: ArticleId::from_uuid(m.article_id),
            title: m.title,
            owner: m.owner_id.map(UserId::from_uuid),
            due_on: m.due_on,
            status: m.status.parse().map_err(StoreError::Corrupt)?,
            record,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        })
    }
}

pub struct NewActionItem {
    pub title: String,
    pub owner: Option<UserId>,
    pub due_on: Option<NaiveDate>,
}

/// Fields to change; `None` leaves a field as it is.
#[derive(Default)]
pub struct ActionItemChange {
    pub title: Option<String>,
    pub owner: Option<Option<UserId>>,
    pub due_on: Option<Option<NaiveDate>>,
    pub status: Option<ActionItemStatus>,
}

/// What the postmortem process still owes: open action items past due,
/// and resolved major incidents without a published postmortem.
pub struct FollowUps {
    pub overdue: Vec<(ActionItemRecord, ArticleRecord)>,
    pub without_postmortem: Vec<IncidentRecord>,
}

impl Articles<'_> {
    /// A postmortem's action items, oldest first.
    pub async fn action_items(&self, article: ArticleId) -> StoreResult<Vec<ActionItemRecord>> {
        let rows = self
            .scope
            .rows::<action_item::Entity>()
            .filter(action_item::Column::ArticleId.eq(article.uuid()))
            .order_by_asc(action_item::Column::CreatedAt)
            .all(self.scope.db)
            .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    pub async fn action_item(&self, article: ArticleId, id: ActionItemId) -> StoreResult<Option<ActionItemRecord>> {
        let row = self
            .scope
            .rows::<action_item::Entity>()
            .filter(action_item::Column::ArticleId.eq(article.uuid()))
            .filter(action_item::Column::Id.eq(id.uuid()))
            .one(self.scope.db)
            .await?;
        row.map(TryInto::try_into).transpose()
    }

    /// Adds an action item to a postmortem.
    pub async fn add_action_item(
        &self,
        article: &ArticleRecord,
        new: NewActionItem,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ActionItemRecord, ArticleRefusal>> {
        if article.kind != ArticleKind::Postmortem {
            return Ok(Err(ArticleRefusal::NotAPostmortem));
        }
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        if let Some(refusal) = check_owner(unit.conn(), org_id, new.owner, None).await? {
            return Ok(Err(ArticleRefusal::Owner(refusal)));
        }
        let id = ActionItemId::new();
        let now = unit.now();
        let row = action_item::ActiveModel {
            id: Set(id.uuid()),
            org_id: Set(org_id.uuid()),
            article_id: Set(article.id.uuid()),
            title: Set(new.title),
            owner_id: Set(new.owner.map(UserId::uuid)),
            due_on: Set(new.due_on),
            status: Set(ActionItemStatus::Open.key().to_owned()),
            record_kind: Set(None),
            record_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(unit.conn())
        .await
        .map_err(StoreError::from_write)?;
        let item = ActionItemRecord::try_from(row)?;
        let summary = json!({"article": article.number.to_string(), "title": item.title, "dueOn": item.due_on});
        unit.audit(AuditEntry::new("action_item.created", id, summary));
        unit.commit().await?;
        Ok(Ok(item))
    }

    /// Applies `change` if `expected_version` is current (`None`: any).
    pub async fn change_action_item(
        &self,
        article: ArticleId,
        id: ActionItemId,
        expected_version: Option<i32>,
        change: ActionItemChange,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ActionItemRecord, ArticleRefusal>> {
        self.edit_action_item(article, id, expected_version, meta, |row| {
            if let Some(title) = change.title {
                row.title = Set(title);
            }
            if let Some(owner) = change.owner {
                row.owner_id = Set(owner.map(UserId::uuid));
            }
            if let Some(due_on) = change.due_on {
                row.due_on = Set(due_on);
            }
            if let Some(status) = change.status {
                row.status = Set(status.key().to_owned());
            }
            Ok(change.owner.flatten())
        })
        .await
    }

    /// Records the problem or change the item became.
    pub async fn action_item_became(
        &self,
        article: ArticleId,
        id: ActionItemId,
        record: RecordRef,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ActionItemRecord, ArticleRefusal>> {
        self.edit_action_item(article, id, None, meta, |row| {
            if let (Some(kind), Some(id)) = (row.record_kind.as_ref(), row.record_id.as_ref()) {
                let existing = RecordRef::stored(kind.parse().map_err(StoreError::Corrupt)?, *id);
                if existing != record {
                    return Err(StoreError::Corrupt(format!("an action item became {existing} and {record}")));
                }
            }
            row.record_kind = Set(Some(record.kind().key().to_owned()));
            row.record_id = Set(Some(record.uuid()));
            Ok(None)
        })
        .await
    }

    /// Locks the item, applies `edit` (which names an owner to check), and
    /// writes it with its next version.
    async fn edit_action_item(
        &self,
        article: ArticleId,
        id: ActionItemId,
        expected_version: Option<i32>,
        meta: &AuditMeta,
        edit: impl FnOnce(&mut action_item::ActiveModel) -> StoreResult<Option<UserId>>,
    ) -> StoreResult<Result<ActionItemRecord, ArticleRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let before = scoped::<action_item::Entity>(org_id)
            .filter(action_item::Column::Id.eq(id.uuid()))
            .filter(action_item::Column::ArticleId.eq(article.uuid()))
            .lock_exclusive()
            .one(unit.conn())
            .await?;
        let Some(before) = before else { return Ok(Err(ArticleRefusal::NotFound)) };
        if let Some(expected) = expected_version
            && expected != before.version
        {
            return Ok(Err(ArticleRefusal::Stale { current: before.version }));
        }
        let mut row: action_item::ActiveModel = before.clone().into();
        let owner = edit(&mut row)?;
        if let Some(refusal) = check_owner(unit.conn(), org_id, owner, None).await? {
            return Ok(Err(ArticleRefusal::Owner(refusal)));
        }
        row.version = Set(before.version + 1);
        row.updated_at = Set(unit.now());
        let item = ActionItemRecord::try_from(row.update(unit.conn()).await?)?;
        let summary =
            json!({"title": item.title, "status": item.status, "record": item.record, "version": item.version});
        unit.audit(AuditEntry::new("action_item.updated", id, summary));
        unit.commit().await?;
        Ok(Ok(item))
    }
}

impl OrgStore<'_> {
    /// Open action items due before `today` (soonest first), and resolved
    /// P1 and P2 incidents whose postmortem is not published (newest
    /// first); `limit` of each.
    pub async fn postmortem_follow_ups(&self, today: NaiveDate, limit: u64) -> StoreResult<FollowUps> {
        let rows = self
            .rows::<action_item::Entity>()
            .filter(action_item::Column::Status.eq(ActionItemStatus::Open.key()))
            .filter(action_item::Column::DueOn.lt(today))
            .order_by_asc(action_item::Column::DueOn)
            .limit(limit)
            .all(self.db)
            .await?;
        let mut overdue = Vec::with_capacity(rows.len());
        for row in rows {
            let item = ActionItemRecord::try_from(row)?;
            if let Some(article) = self.articles().get(item.article).await? {
                overdue.push((item, article));
            }
        }
        let published = Query::select()
            .column(kb_article::Column::IncidentId)
            .from(kb_article::Entity)
            .and_where(Expr::col(kb_article::Column::OrgId).eq(self.org_id.uuid()))
            .and_where(Expr::col(kb_article::Column::Kind).eq(ArticleKind::Postmortem.key()))
            .and_where(Expr::col(kb_article::Column::Status).eq(ArticleStatus::Published.key()))
            .and_where(Expr::col(kb_article::Column::IncidentId).is_not_null())
            .to_owned();
        let major = [Severity::P1, Severity::P2].map(Severity::key);
        let incidents = self
            .rows::<incident::Entity>()
            .filter(incident::Column::Status.eq(IncidentStatus::Resolved.key()))
            .filter(incident::Column::Severity.is_in(major))
            .filter(Condition::all().add(Expr::col(incident::Column::Id).not_in_subquery(published)))
            .order_by_desc(incident::Column::Number)
            .limit(limit)
            .all(self.db)
            .await?;
        let mut without_postmortem = Vec::with_capacity(incidents.len());
        for row in incidents {
            if let Some(record) = self.incidents().get(IncidentId::from_uuid(row.id)).await? {
                without_postmortem.push(record);
            }
        }
        Ok(FollowUps { overdue, without_postmortem })
    }
}
