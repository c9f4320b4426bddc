//! Links between any two records of an organisation (`INC-7 caused_by
//! CHG-3`), readable from both ends and shown on both timelines; and links
//! from a record to things outside (a Jira key, a ServiceNow sys_id, a URL)
//! for a later integration to sync.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, QueryFilter, QueryOrder, Set};
use serde_json::json;

use super::super::entities::{external_link, record_link};
use super::super::scope::{scoped, scoped_delete};
use super::super::unit::UnitOfWork;
use super::super::{OrgStore, StoreError, StoreResult};
use super::timeline::{Entry, TimelineKind};
use super::{DomainEvent, RecordSummary, describe};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::events::EventType;
use crate::domain::keyed_enum;
use crate::domain::records::{RecordKind, RecordRef};
use crate::ids::{LinkId, OrgId, UserId};

keyed_enum!(
    /// How one record relates to another, read from the `from` end.
    LinkRelation {
        CausedBy => "caused_by",
        Related => "related",
        Resolves => "resolves",
        Affects => "affects",
        Duplicates => "duplicates",
    }
);

impl LinkRelation {
    /// The relation read from the `to` end.
    pub fn inverse_label(self) -> &'static str {
        match self {
            LinkRelation::CausedBy => "causes",
            LinkRelation::Related => "related",
            LinkRelation::Resolves => "resolved_by",
            LinkRelation::Affects => "affected_by",
            LinkRelation::Duplicates => "duplicated_by",
        }
    }
}

/// A link as one of its ends sees it.
#[derive(Debug, Clone)]
pub struct LinkRecord {
    pub id: LinkId,
    pub relation: LinkRelation,
    /// `true` when this end is the link's `from`.
    pub outgoing: bool,
    /// The record at the other end.
    pub other: RecordSummary,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
}

impl LinkRecord {
    /// The relation as read from this end: `caused_by` or `causes`.
    pub fn label(&self) -> &'static str {
        if self.outgoing { self.relation.key() } else { self.relation.inverse_label() }
    }
}

/// Why a link was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkRefusal {
    /// The record at the other end is not one of this organisation's.
    UnknownRecord,
    ToItself,
    Exists,
}

/// A link to something outside Simplicity.
#[derive(Debug, Clone)]
pub struct ExternalLinkRecord {
    pub id: LinkId,
    /// `jira`, `servicenow`, `github`, `url`, …
    pub system: String,
    /// The key there: `OPS-12`, a sys_id, or the URL itself.
    pub key: String,
    pub url: String,
    pub title: String,
    pub created_at: DateTime<Utc>,
}

pub struct NewExternalLink {
    pub system: String,
    pub key: String,
    pub url: String,
    pub title: String,
}

fn event_data(from: &RecordSummary, relation: LinkRelation, to: &RecordSummary) -> serde_json::Value {
    json!({"from": from.reference, "fromNumber": from.number.to_string(), "relation": relation,
           "to": to.reference, "toNumber": to.number.to_string()})
}

/// The links and external links of one organisation's records.
pub struct Links<'a> {
    pub(super) scope: OrgStore<'a>,
}

impl Links<'_> {
    /// Every link `subject` has, from either end, oldest first.
    pub async fn of(&self, subject: RecordRef) -> StoreResult<Vec<LinkRecord>> {
        let ends = Condition::any()
            .add(
                Condition::all()
                    .add(record_link::Column::FromKind.eq(subject.kind().key()))
                    .add(record_link::Column::FromId.eq(subject.uuid())),
            )
            .add(
                Condition::all()
                    .add(record_link::Column::ToKind.eq(subject.kind().key()))
                    .add(record_link::Column::ToId.eq(subject.uuid())),
            );
        let rows = scoped::<record_link::Entity>(self.scope.org_id)
            .filter(ends)
            .order_by_asc(record_link::Column::Id)
            .all(self.scope.db)
            .await?;
        let mut links = Vec::with_capacity(rows.len());
        for row in rows {
            let outgoing = row.from_kind == subject.kind().key() && row.from_id == subject.uuid();
            let (kind, id) = if outgoing { (&row.to_kind, row.to_id) } else { (&row.from_kind, row.from_id) };
            let other = RecordRef::stored(kind.parse::<RecordKind>().map_err(StoreError::Corrupt)?, id);
            // A record at the other end that is gone leaves its link dangling; it is not shown.
            if let Some(other) = describe(self.scope.db, self.scope.org_id, other).await? {
                links.push(LinkRecord {
                    id: LinkId::from_uuid(row.id),
                    relation: row.relation.parse().map_err(StoreError::Corrupt)?,
                    outgoing,
                    other,
                    created_by: row.created_by.map(UserId::from_uuid),
                    created_at: row.created_at,
                });
            }
        }
        Ok(links)
    }

    /// Links `from` to `to`; both timelines say so.
    pub async fn link(
        &self,
        from: RecordRef,
        relation: LinkRelation,
        to: RecordRef,
        meta: &AuditMeta,
    ) -> StoreResult<Result<LinkRecord, LinkRefusal>> {
        let mut unit = self.scope.unit(meta).await?;
        let linked = link_in(&mut unit, self.scope.org_id, from, relation, to).await?;
        if linked.is_ok() {
            unit.commit().await?;
        }
        Ok(linked)
    }

    /// Removes one of `subject`'s links; `false` if it has no such link.
    pub async fn unlink(&self, subject: RecordRef, id: LinkId, meta: &AuditMeta) -> StoreResult<bool> {
        let mut unit = self.scope.unit(meta).await?;
        let org_id = self.scope.org_id;
        let Some(row) = scoped::<record_link::Entity>(org_id)
            .filter(record_link::Column::Id.eq(id.uuid()))
            .one(unit.conn())
            .await?
        else {
            return Ok(false);
        };
        let from = RecordRef::stored(row.from_kind.parse().map_err(StoreError::Corrupt)?, row.from_id);
        let to = RecordRef::stored(row.to_kind.parse().map_err(StoreError::Corrupt)?, row.to_id);
        if subject != from && subject != to {
            return Ok(false);
        }
        let relation: LinkRelation = row.relation.parse().map_err(StoreError::Corrupt)?;
        scoped_delete::<record_link::Entity>(org_id)
            .filter(record_link::Column::Id.eq(id.uuid()))
            .exec(unit.conn())
            .await?;
        let (source, target) = (describe(unit.conn(), org_id, from).await?, describe(unit.conn(), org_id, to).await?);
        for (end, other) in [(from, &target), (to, &source)] {
            if let Some(other) = other {
                let body = format!("Unlinked from {}", other.number);
                let entry = Entry::new(TimelineKind::Link, body, json!({"link": id, "removed": true}));
                unit.timeline(end, entry).await?;
            }
        }
        let data = json!({"from": from, "relation": relation, "to": to});
        unit.audit(AuditEntry::new("record.unlinked", id, data.clone()));
        unit.emit(DomainEvent::new(EventType::RecordUnlinked, from, data));
        unit.commit().await?;
        Ok(true)
    }

    pub async fn external(&self, subject: RecordRef) -> StoreResult<Vec<ExternalLinkRecord>> {
        let rows = scoped::<external_link::Entity>(self.scope.org_id)
            .filter(external_link::Column::SubjectKind.eq(subject.kind().key()))
            .filter(external_link::Column::SubjectId.eq(subject.uuid()))
            .order_by_asc(external_link::Column::Id)
            .all(self.scope.db)
            .await?;
        Ok(rows.into_iter().map(external_record).collect())
    }

    /// Adds an external link; `None` if `subject` already has one to the same key there.
    pub async fn add_external(
        &self,
        subject: RecordRef,
        new: NewExternalLink,
        meta: &AuditMeta,
    ) -> StoreResult<Option<ExternalLinkRecord>> {
        let mut unit = self.scope.unit(meta).await?;
        let row = external_link::ActiveModel {
            id: Set(LinkId::new().uuid()),
            org_id: Set(self.scope.org_id.uuid()),
            subject_kind: Set(subject.kind().key().to_owned()),
            subject_id: Set(subject.uuid()),
            system: Set(new.system),
            external_key: Set(new.key),
            url: Set(new.url),
            title: Set(new.title),
            created_by: Set(meta.actor_id.map(UserId::uuid)),
            created_at: Set(unit.now()),
        }
        .insert(unit.conn())
        .await
        .map_err(StoreError::from_write);
        let row = match row {
            Ok(row) => row,
            Err(StoreError::Duplicate(_)) => return Ok(None),
            Err(other) => return Err(other),
        };
        let record = external_record(row);
        let summary = json!({"subject": subject, "system": record.system, "key": record.key});
        unit.audit(AuditEntry::new("record.external_linked", record.id, summary));
        unit.commit().await?;
        Ok(Some(record))
    }

    pub async fn remove_external(&self, subject: RecordRef, id: LinkId, meta: &AuditMeta) -> StoreResult<bool> {
        let mut unit = self.scope.unit(meta).await?;
        let removed = scoped_delete::<external_link::Entity>(self.scope.org_id)
            .filter(external_link::Column::Id.eq(id.uuid()))
            .filter(external_link::Column::SubjectKind.eq(subject.kind().key()))
            .filter(external_link::Column::SubjectId.eq(subject.uuid()))
            .exec(unit.conn())
            .await?
            .rows_affected;
        if removed == 0 {
            return Ok(false);
        }
        unit.audit(AuditEntry::new("record.external_unlinked", id, json!({"subject": subject})));
        unit.commit().await?;
        Ok(true)
    }
}

/// Links `from` to `to` in `unit` (whose write it becomes part of); both
/// timelines say so.
pub(in crate::store) async fn link_in(
    unit: &mut UnitOfWork<'_>,
    org_id: OrgId,
    from: RecordRef,
    relation: LinkRelation,
    to: RecordRef,
) -> StoreResult<Result<LinkRecord, LinkRefusal>> {
    if from == to {
        return Ok(Err(LinkRefusal::ToItself));
    }
    let (Some(source), Some(target)) =
        (describe(unit.conn(), org_id, from).await?, describe(unit.conn(), org_id, to).await?)
    else {
        return Ok(Err(LinkRefusal::UnknownRecord));
    };
    let id = LinkId::new();
    let created_by = unit.actor();
    let created = record_link::ActiveModel {
        id: Set(id.uuid()),
        org_id: Set(org_id.uuid()),
        from_kind: Set(from.kind().key().to_owned()),
        from_id: Set(from.uuid()),
        relation: Set(relation.key().to_owned()),
        to_kind: Set(to.kind().key().to_owned()),
        to_id: Set(to.uuid()),
        created_by: Set(created_by.map(UserId::uuid)),
        created_at: Set(unit.now()),
    }
    .insert(unit.conn())
    .await
    .map_err(StoreError::from_write);
    let created = match created {
        Ok(row) => row,
        Err(StoreError::Duplicate(_)) => return Ok(Err(LinkRefusal::Exists)),
        Err(other) => return Err(other),
    };
    let detail = json!({"link": id, "relation": relation});
    let told = [
        (from, format!("Linked: {} {}", relation, target.number), &target),
        (to, format!("Linked: {} {}", relation.inverse_label(), source.number), &source),
    ];
    for (subject, body, other) in told {
        let mut detail = detail.clone();
        detail["other"] = json!(other.reference);
        unit.timeline(subject, Entry::new(TimelineKind::Link, body, detail)).await?;
    }
    let data = event_data(&source, relation, &target);
    unit.audit(AuditEntry::new("record.linked", id, data.clone()));
    unit.emit(DomainEvent::new(EventType::RecordLinked, from, data));
    Ok(Ok(LinkRecord {
        id,
        relation,
        outgoing: true,
        other: target,
        created_by: created.created_by.map(UserId::from_uuid),
        created_at: created.created_at,
    }))
}

fn external_record(row: external_link::Model) -> ExternalLinkRecord {
    ExternalLinkRecord {
        id: LinkId::from_uuid(row.id),
        system: row.system,
        key: row.external_key,
        url: row.url,
        title: row.title,
        created_at: row.created_at,
    }
}
