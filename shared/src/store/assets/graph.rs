//! The dependency graph: typed, directed relationships between one
//! organisation's items (cycles allowed), and the impact walk — every item
//! reached from one, with its depth and a shortest path, from one
//! recursive query that stops at a depth however the graph loops.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, FromQueryResult, QueryFilter, QueryOrder, Set, Statement,
};
use serde_json::json;

use sea_orm::QuerySelect;

use super::super::entities::{ci_relationship, record_link};
use super::super::records::{DomainEvent, Entry, LinkRelation, RecordSummary, TimelineKind, describe};
use super::super::scope::{scoped, scoped_delete};
use super::super::{StoreError, StoreResult};
use super::types::relation_inverse;
use super::{ConfigItemRecord, Items};
use crate::domain::assets::Direction;
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::events::EventType;
use crate::domain::records::{RecordKind, RecordRef};
use crate::ids::{ConfigItemId, LinkId, OrgId};

/// A relationship as one of its items sees it.
#[derive(Debug, Clone)]
pub struct RelationshipRecord {
    pub id: LinkId,
    /// The relation read from this item: `depends_on`, or from the other end `used_by`.
    pub relation: String,
    /// Whether this item is the relationship's `from`.
    pub outgoing: bool,
    pub other: ConfigItemId,
    pub created_at: DateTime<Utc>,
}

/// An item an impact walk reached.
#[derive(Debug, Clone)]
pub struct ImpactNode {
    pub item: ConfigItemRecord,
    pub depth: u32,
    /// A shortest path from the start to it, both included.
    pub path: Vec<ConfigItemId>,
}

#[derive(Debug, FromQueryResult)]
struct Step {
    id: uuid::Uuid,
    depth: i32,
    parent: uuid::Uuid,
}

/// Every item reached from `start` following `direction`, at most `depth`
/// steps away: its depth and the item it was first reached from, by one
/// recursive query. `UNION` (not `UNION ALL`) keeps each (item, depth,
/// parent) once, so a cycle cannot grow the walk past `depth` levels.
/// `CROSS JOIN` makes SQLite step from the walk into the relationships
/// (by index) rather than scan every relationship for each step, which
/// its planner otherwise prefers; PostgreSQL plans it as any inner join.
pub(in crate::store) async fn reach<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    start: uuid::Uuid,
    direction: Direction,
    depth: u32,
) -> StoreResult<BTreeMap<uuid::Uuid, (u32, uuid::Uuid)>> {
    let (from, to) = match direction {
        Direction::Downstream => ("from_id", "to_id"),
        Direction::Upstream => ("to_id", "from_id"),
    };
    let backend = conn.get_database_backend();
    let (org, start_at, limit) = match backend {
        sea_orm::DatabaseBackend::Postgres => ("$1", "$2", "$3"),
        _ => ("?1", "?2", "?3"),
    };
    let sql = format!(
        "WITH RECURSIVE walk(id, depth, parent) AS ( \
           SELECT {start_at}, 0, {start_at} \
           UNION \
           SELECT r.{to}, w.depth + 1, w.id FROM walk w CROSS JOIN ci_relationships r \
           WHERE r.{from} = w.id AND r.org_id = {org} AND w.depth < {limit} \
         ) SELECT id, depth, parent FROM walk WHERE depth > 0"
    );
    let values = [org_id.uuid().into(), start.into(), i32::try_from(depth).unwrap_or(i32::MAX).into()];
    let steps = Step::find_by_statement(Statement::from_sql_and_values(backend, sql, values)).all(conn).await?;
    let mut reached: BTreeMap<uuid::Uuid, (u32, uuid::Uuid)> = BTreeMap::new();
    for step in steps {
        let depth = u32::try_from(step.depth).unwrap_or(u32::MAX);
        let better = reached.get(&step.id).is_none_or(|(d, p)| (depth, step.parent) < (*d, *p));
        if step.id != start && better {
            reached.insert(step.id, (depth, step.parent));
        }
    }
    Ok(reached)
}

/// `items` and everything they depend on (downstream), `depth` steps deep.
pub(in crate::store) async fn with_dependencies<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    items: &[uuid::Uuid],
    depth: u32,
) -> StoreResult<BTreeSet<uuid::Uuid>> {
    let mut all: BTreeSet<uuid::Uuid> = items.iter().copied().collect();
    for item in items {
        all.extend(reach(conn, org_id, *item, Direction::Downstream, depth).await?.into_keys());
    }
    Ok(all)
}

/// Why a relationship was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelateRefusal {
    /// The other item is not the organisation's.
    UnknownItem,
    UnknownRelation,
    ToItself,
    Exists,
}

impl Items<'_> {
    /// `item`'s relationships, both ways, oldest first.
    pub async fn relationships(&self, item: ConfigItemId) -> StoreResult<Vec<RelationshipRecord>> {
        let (db, org_id) = (self.scope.db, self.scope.org_id);
        let rows = scoped::<ci_relationship::Entity>(org_id)
            .filter(
                sea_orm::Condition::any()
                    .add(ci_relationship::Column::FromId.eq(item.uuid()))
                    .add(ci_relationship::Column::ToId.eq(item.uuid())),
            )
            .order_by_asc(ci_relationship::Column::Id)
            .all(db)
            .await?;
        let mut records = Vec::with_capacity(rows.len());
        for row in rows {
            let outgoing = row.from_id == item.uuid();
            let relation = if outgoing {
                row.relation.clone()
            } else {
                relation_inverse(db, org_id, &row.relation).await?.unwrap_or_else(|| format!("{} (from)", row.relation))
            };
            records.push(RelationshipRecord {
                id: LinkId::from_uuid(row.id),
                relation,
                outgoing,
                other: ConfigItemId::from_uuid(if outgoing { row.to_id } else { row.from_id }),
                created_at: row.created_at,
            });
        }
        Ok(records)
    }

    /// `from` `relation` `to` (`relation` built in or the organisation's);
    /// both items' timelines say so.
    pub async fn relate(
        &self,
        from: ConfigItemId,
        relation: &str,
        to: ConfigItemId,
        meta: &AuditMeta,
    ) -> StoreResult<Result<RelationshipRecord, RelateRefusal>> {
        if from == to {
            return Ok(Err(RelateRefusal::ToItself));
        }
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let Some(inverse) = relation_inverse(unit.conn(), org_id, relation).await? else {
            return Ok(Err(RelateRefusal::UnknownRelation));
        };
        let (Some(source), Some(target)) =
            (describe(unit.conn(), org_id, from.into()).await?, describe(unit.conn(), org_id, to.into()).await?)
        else {
            return Ok(Err(RelateRefusal::UnknownItem));
        };
        let id = LinkId::new();
        let inserted = ci_relationship::ActiveModel {
            id: Set(id.uuid()),
            org_id: Set(org_id.uuid()),
            from_id: Set(from.uuid()),
            relation: Set(relation.to_owned()),
            to_id: Set(to.uuid()),
            created_at: Set(unit.now()),
        }
        .insert(unit.conn())
        .await
        .map_err(StoreError::from_write);
        let created = match inserted {
            Ok(row) => row,
            Err(StoreError::Duplicate(_)) => return Ok(Err(RelateRefusal::Exists)),
            Err(other) => return Err(other),
        };
        for (item, body) in [
            (RecordRef::from(from), format!("Relationship: {relation} {}", target.number)),
            (RecordRef::from(to), format!("Relationship: {inverse} {}", source.number)),
        ] {
            unit.timeline(item, Entry::new(TimelineKind::Link, body, json!({"relationship": id}))).await?;
        }
        let data = json!({"from": from, "fromNumber": source.number.to_string(), "relation": relation,
                          "to": to, "toNumber": target.number.to_string()});
        unit.audit(AuditEntry::new("item.related", id, data.clone()));
        unit.emit(DomainEvent::new(EventType::ItemRelated, from.into(), data));
        unit.commit().await?;
        Ok(Ok(RelationshipRecord {
            id,
            relation: relation.to_owned(),
            outgoing: true,
            other: to,
            created_at: created.created_at,
        }))
    }

    /// Removes one of `item`'s relationships; `false` if it has no such one.
    pub async fn unrelate(&self, item: ConfigItemId, id: LinkId, meta: &AuditMeta) -> StoreResult<bool> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let removed = scoped_delete::<ci_relationship::Entity>(org_id)
            .filter(ci_relationship::Column::Id.eq(id.uuid()))
            .filter(
                sea_orm::Condition::any()
                    .add(ci_relationship::Column::FromId.eq(item.uuid()))
                    .add(ci_relationship::Column::ToId.eq(item.uuid())),
            )
            .exec(unit.conn())
            .await?
            .rows_affected;
        if removed == 0 {
            return Ok(false);
        }
        unit.timeline(item.into(), Entry::new(TimelineKind::Link, "Relationship removed", json!({"relationship": id})))
            .await?;
        unit.audit(AuditEntry::new("item.unrelated", id, json!({"item": item})));
        unit.commit().await?;
        Ok(true)
    }

    /// The records (incidents, problems, changes) that affect `item` or
    /// what it depends on, `depth` steps deep; newest first.
    pub async fn records_on(&self, item: ConfigItemId, depth: u32) -> StoreResult<Vec<RecordSummary>> {
        let (db, org_id) = (self.scope.db, self.scope.org_id);
        let items: Vec<uuid::Uuid> = with_dependencies(db, org_id, &[item.uuid()], depth).await?.into_iter().collect();
        let mut found: BTreeSet<(String, uuid::Uuid)> = BTreeSet::new();
        for chunk in items.chunks(500) {
            let rows: Vec<(String, uuid::Uuid)> = scoped::<record_link::Entity>(org_id)
                .filter(record_link::Column::Relation.eq(LinkRelation::Affects.key()))
                .filter(record_link::Column::ToKind.eq(RecordKind::ConfigurationItem.key()))
                .filter(record_link::Column::ToId.is_in(chunk.iter().copied()))
                .select_only()
                .columns([record_link::Column::FromKind, record_link::Column::FromId])
                .into_tuple()
                .all(db)
                .await?;
            found.extend(rows);
        }
        let mut records = Vec::with_capacity(found.len());
        for (kind, id) in found {
            let kind: RecordKind = kind.parse().map_err(StoreError::Corrupt)?;
            if let Some(summary) = describe(db, org_id, RecordRef::stored(kind, id)).await? {
                records.push(summary);
            }
        }
        records.sort_by_key(|r| std::cmp::Reverse(r.reference.uuid()));
        Ok(records)
    }

    /// Every item reached from `start` following `direction`, at most
    /// `depth` steps away, nearest first, each with a shortest path.
    /// Every item reached, counted; the `limit` nearest loaded (by depth,
    /// then age), so a hub's answer stays small whatever the graph's size.
    pub async fn impact(
        &self,
        start: ConfigItemId,
        direction: Direction,
        depth: u32,
        limit: usize,
    ) -> StoreResult<(Vec<ImpactNode>, usize)> {
        let reached = reach(self.scope.db, self.scope.org_id, start.uuid(), direction, depth).await?;
        let mut nearest: Vec<(u32, uuid::Uuid)> = reached.iter().map(|(id, (depth, _))| (*depth, *id)).collect();
        nearest.sort_unstable();
        let ids: Vec<uuid::Uuid> = nearest.into_iter().take(limit).map(|(_, id)| id).collect();
        let items: BTreeMap<uuid::Uuid, ConfigItemRecord> =
            self.many(&ids).await?.into_iter().map(|item| (item.id.uuid(), item)).collect();
        let mut nodes = Vec::with_capacity(reached.len());
        for (id, (depth, _)) in &reached {
            let Some(item) = items.get(id) else { continue };
            let mut path = vec![ConfigItemId::from_uuid(*id)];
            let mut at = *id;
            while let Some((_, parent)) = reached.get(&at) {
                path.push(ConfigItemId::from_uuid(*parent));
                at = *parent;
            }
            path.reverse();
            nodes.push(ImpactNode { item: item.clone(), depth: *depth, path });
        }
        nodes.sort_by_key(|n| (n.depth, n.item.number));
        Ok((nodes, reached.len()))
    }
}
