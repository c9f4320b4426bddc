//! An organisation's item types — the built-in ones and its own, each with
//! an attribute schema (JSON Schema; empty: anything) — and its own
//! relations beside the built-in ones.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use serde_json::{Value, json};

use super::super::entities::{ci_relation_type, ci_type, configuration_item};
use super::super::scope::{scoped, scoped_delete};
use super::super::{StoreError, StoreResult};
use super::Items;
use crate::domain::assets::{BUILT_IN_RELATIONS, BUILT_IN_TYPES, RelationType};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::ids::OrgId;

/// A type items may have.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemType {
    pub key: String,
    pub name: String,
    pub built_in: bool,
    /// JSON Schema of its items' attributes; `{}` accepts anything.
    pub schema: Value,
    pub updated_at: Option<DateTime<Utc>>,
}

/// How `relation` reads from its other end; `None` if the organisation has
/// no such relation.
pub(in crate::store) async fn relation_inverse<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    relation: &str,
) -> StoreResult<Option<String>> {
    if let Some((_, inverse)) = BUILT_IN_RELATIONS.iter().find(|(key, _)| *key == relation) {
        return Ok(Some((*inverse).to_owned()));
    }
    let found =
        scoped::<ci_relation_type::Entity>(org_id).filter(ci_relation_type::Column::Key.eq(relation)).one(conn).await?;
    Ok(found.map(|row| row.inverse))
}

fn built_in(key: &str) -> ItemType {
    let mut name = key.to_owned();
    name[..1].make_ascii_uppercase();
    ItemType { key: key.to_owned(), name, built_in: true, schema: json!({}), updated_at: None }
}

impl Items<'_> {
    /// Every type: the built-in ones (with any schema the organisation gave
    /// them) and its own, by key.
    pub async fn types(&self) -> StoreResult<Vec<ItemType>> {
        let rows = self.scope.rows::<ci_type::Entity>().order_by_asc(ci_type::Column::Key).all(self.scope.db).await?;
        let mut types: Vec<ItemType> = BUILT_IN_TYPES.iter().map(|key| built_in(key)).collect();
        for row in rows {
            let schema = serde_json::from_str(&row.schema).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let defined = ItemType {
                built_in: BUILT_IN_TYPES.contains(&row.key.as_str()),
                key: row.key,
                name: row.name,
                schema,
                updated_at: Some(row.updated_at),
            };
            match types.iter_mut().find(|t| t.key == defined.key) {
                Some(existing) => *existing = defined,
                None => types.push(defined),
            }
        }
        types.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(types)
    }

    /// The type `key`, if the organisation has it.
    pub async fn item_type(&self, key: &str) -> StoreResult<Option<ItemType>> {
        Ok(self.types().await?.into_iter().find(|t| t.key == key))
    }

    /// Defines (or redefines) a type and its attribute schema.
    pub async fn put_type(&self, key: &str, name: &str, schema: &Value, meta: &AuditMeta) -> StoreResult<ItemType> {
        let mut unit = self.scope.unit(meta).await?;
        ci_type::Entity::insert(ci_type::ActiveModel {
            org_id: Set(self.scope.org_id.uuid()),
            key: Set(key.to_owned()),
            name: Set(name.to_owned()),
            schema: Set(schema.to_string()),
            updated_at: Set(unit.now()),
        })
        .on_conflict(
            OnConflict::columns([ci_type::Column::OrgId, ci_type::Column::Key])
                .update_columns([ci_type::Column::Name, ci_type::Column::Schema, ci_type::Column::UpdatedAt])
                .to_owned(),
        )
        .exec(unit.conn())
        .await?;
        unit.audit(AuditEntry::new(
            "item_type.saved",
            self.scope.org_id,
            json!({"key": key, "name": name, "schema": schema}),
        ));
        let at = unit.now();
        unit.commit().await?;
        Ok(ItemType {
            key: key.to_owned(),
            name: name.to_owned(),
            built_in: BUILT_IN_TYPES.contains(&key),
            schema: schema.clone(),
            updated_at: Some(at),
        })
    }

    /// Removes an organisation's own type; `Err(n)` while `n` items have it.
    pub async fn delete_type(&self, key: &str, meta: &AuditMeta) -> StoreResult<Result<bool, u64>> {
        let mut unit = self.scope.unit(meta).await?;
        let in_use = scoped::<configuration_item::Entity>(self.scope.org_id)
            .filter(configuration_item::Column::CiType.eq(key))
            .count(unit.conn())
            .await?;
        if in_use > 0 && !BUILT_IN_TYPES.contains(&key) {
            return Ok(Err(in_use));
        }
        let removed = scoped_delete::<ci_type::Entity>(self.scope.org_id)
            .filter(ci_type::Column::Key.eq(key))
            .exec(unit.conn())
            .await?
            .rows_affected;
        if removed > 0 {
            unit.audit(AuditEntry::new("item_type.removed", self.scope.org_id, json!({"key": key})));
            unit.commit().await?;
        }
        Ok(Ok(removed > 0))
    }

    /// The built-in relations and the organisation's own.
    pub async fn relation_types(&self) -> StoreResult<Vec<RelationType>> {
        let mut all: Vec<RelationType> = BUILT_IN_RELATIONS
            .iter()
            .map(|(key, inverse)| RelationType { key: (*key).to_owned(), inverse: (*inverse).to_owned() })
            .collect();
        let rows = self
            .scope
            .rows::<ci_relation_type::Entity>()
            .order_by_asc(ci_relation_type::Column::Key)
            .all(self.scope.db)
            .await?;
        all.extend(rows.into_iter().map(|row| RelationType { key: row.key, inverse: row.inverse }));
        Ok(all)
    }

    /// Defines a relation; `false` if one by that key exists.
    pub async fn add_relation_type(&self, relation: &RelationType, meta: &AuditMeta) -> StoreResult<bool> {
        if BUILT_IN_RELATIONS.iter().any(|(key, _)| *key == relation.key) {
            return Ok(false);
        }
        let mut unit = self.scope.unit(meta).await?;
        let inserted = ci_relation_type::Entity::insert(ci_relation_type::ActiveModel {
            org_id: Set(self.scope.org_id.uuid()),
            key: Set(relation.key.clone()),
            inverse: Set(relation.inverse.clone()),
        })
        .exec(unit.conn())
        .await
        .map_err(StoreError::from_write);
        match inserted {
            Ok(_) => {}
            Err(StoreError::Duplicate(_)) => return Ok(false),
            Err(other) => return Err(other),
        }
        unit.audit(AuditEntry::new(
            "item_relation.saved",
            self.scope.org_id,
            json!({"key": relation.key, "inverse": relation.inverse}),
        ));
        unit.commit().await?;
        Ok(true)
    }
}
