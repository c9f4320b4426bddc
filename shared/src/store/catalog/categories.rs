//! The catalogue's categories: named, ordered groups of items. Deleting
//! one leaves its items uncategorised.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::json;

use super::super::entities::{catalog_category, catalog_item};
use super::super::scope::{scoped, scoped_delete, scoped_update};
use super::super::{StoreError, StoreResult};
use super::{Catalog, CatalogRefusal, MAX_LISTED, name_taken};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::ids::{CategoryId, OrgId};

#[derive(Debug, Clone)]
pub struct CategoryRecord {
    pub id: CategoryId,
    pub name: String,
    pub description: String,
    pub position: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<catalog_category::Model> for CategoryRecord {
    fn from(m: catalog_category::Model) -> Self {
        Self {
            id: CategoryId::from_uuid(m.id),
            name: m.name,
            description: m.description,
            position: m.position,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

/// Fields of a category to change.
#[derive(Debug, Default)]
pub struct CategoryEdit {
    pub name: Option<String>,
    pub description: Option<String>,
    pub position: Option<i32>,
}

pub(super) async fn category_exists<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    id: Option<CategoryId>,
) -> StoreResult<bool> {
    match id {
        None => Ok(true),
        Some(id) => Ok(scoped::<catalog_category::Entity>(org_id)
            .filter(catalog_category::Column::Id.eq(id.uuid()))
            .one(conn)
            .await?
            .is_some()),
    }
}

impl Catalog<'_> {
    /// Every category, in their order.
    pub async fn categories(&self) -> StoreResult<Vec<CategoryRecord>> {
        let rows = self
            .scope
            .rows::<catalog_category::Entity>()
            .order_by_asc(catalog_category::Column::Position)
            .order_by_asc(catalog_category::Column::Name)
            .limit(MAX_LISTED)
            .all(self.scope.db)
            .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    pub async fn create_category(
        &self,
        name: String,
        description: String,
        position: i32,
        meta: &AuditMeta,
    ) -> StoreResult<Result<CategoryRecord, CatalogRefusal>> {
        let mut unit = self.scope.unit(meta).await?;
        let now = unit.now();
        let inserted = catalog_category::ActiveModel {
            id: Set(CategoryId::new().uuid()),
            org_id: Set(self.scope.org_id.uuid()),
            name: Set(name),
            description: Set(description),
            position: Set(position),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(unit.conn())
        .await
        .map_err(StoreError::from_write);
        let created = match inserted {
            Ok(row) => CategoryRecord::from(row),
            Err(error) => return name_taken(error),
        };
        unit.audit(AuditEntry::new("catalog.category_created", created.id, json!({"name": created.name})));
        unit.commit().await?;
        Ok(Ok(created))
    }

    pub async fn edit_category(
        &self,
        id: CategoryId,
        edit: CategoryEdit,
        meta: &AuditMeta,
    ) -> StoreResult<Result<CategoryRecord, CatalogRefusal>> {
        let mut unit = self.scope.unit(meta).await?;
        let Some(row) = scoped::<catalog_category::Entity>(self.scope.org_id)
            .filter(catalog_category::Column::Id.eq(id.uuid()))
            .one(unit.conn())
            .await?
        else {
            return Ok(Err(CatalogRefusal::NotFound));
        };
        let mut active: catalog_category::ActiveModel = row.into();
        if let Some(name) = edit.name {
            active.name = Set(name);
        }
        if let Some(description) = edit.description {
            active.description = Set(description);
        }
        if let Some(position) = edit.position {
            active.position = Set(position);
        }
        active.updated_at = Set(unit.now());
        let updated = match active.update(unit.conn()).await.map_err(StoreError::from_write) {
            Ok(row) => CategoryRecord::from(row),
            Err(error) => return name_taken(error),
        };
        unit.audit(AuditEntry::new("catalog.category_updated", id, json!({"name": updated.name})));
        unit.commit().await?;
        Ok(Ok(updated))
    }

    /// Deletes a category; its items stay, uncategorised.
    pub async fn delete_category(&self, id: CategoryId, meta: &AuditMeta) -> StoreResult<bool> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let deleted = scoped_delete::<catalog_category::Entity>(org_id)
            .filter(catalog_category::Column::Id.eq(id.uuid()))
            .exec(unit.conn())
            .await?;
        if deleted.rows_affected == 0 {
            return Ok(false);
        }
        scoped_update::<catalog_item::Entity>(org_id)
            .col_expr(catalog_item::Column::CategoryId, sea_orm::sea_query::Expr::value(Option::<uuid::Uuid>::None))
            .filter(catalog_item::Column::CategoryId.eq(id.uuid()))
            .exec(unit.conn())
            .await?;
        unit.audit(AuditEntry::new("catalog.category_deleted", id, json!({})));
        unit.commit().await?;
        Ok(true)
    }
}
