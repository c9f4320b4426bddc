//! The service catalogue's storage: categories, and items with every
//! version of their form. A form is never changed in place: saving a new
//! one adds a version, so a request keeps the schema it was raised with.

mod categories;

use categories::category_exists;
pub use categories::{CategoryEdit, CategoryRecord};

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::{Value, json};

use super::entities::{catalog_item, catalog_item_form, team, team_member};
use super::scope::scoped;
use super::unit::UnitOfWork;
use super::{OrgStore, StoreError, StoreResult};
use crate::domain::approvals::StepSpec;
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::catalog::{FulfilmentPlan, ItemStatus};
use crate::domain::lifecycle::Lifecycle;
use crate::ids::{CatalogItemId, CategoryId, OrgId, TeamId, UserId};

/// The most items (and categories) a catalogue lists at once.
const MAX_LISTED: u64 = 1000;

#[derive(Debug, Clone)]
pub struct ItemRecord {
    pub id: CatalogItemId,
    pub category: Option<CategoryId>,
    pub name: String,
    pub description: String,
    pub icon: String,
    pub status: ItemStatus,
    /// The form new requests are raised with, and its version.
    pub form_version: i32,
    pub form: Value,
    /// Approval steps; none: requests need no approval.
    pub approval: Vec<StepSpec>,
    pub fulfilment: FulfilmentPlan,
    /// Teams whose members may request it; none: everyone.
    pub audience_teams: Vec<TeamId>,
    pub target_minutes: Option<u32>,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

fn corrupt(error: impl ToString) -> StoreError {
    StoreError::Corrupt(error.to_string())
}

impl ItemRecord {
    fn from_row(m: catalog_item::Model, form: Value) -> StoreResult<Self> {
        Ok(Self {
            id: CatalogItemId::from_uuid(m.id),
            category: m.category_id.map(CategoryId::from_uuid),
            name: m.name,
            description: m.description,
            icon: m.icon,
            status: m.status.parse().map_err(corrupt)?,
            form_version: m.form_version,
            form,
            approval: serde_json::from_str(&m.approval).map_err(corrupt)?,
            fulfilment: serde_json::from_str(&m.fulfilment).map_err(corrupt)?,
            audience_teams: serde_json::from_str(&m.audience_teams).map_err(corrupt)?,
            target_minutes: m.target_minutes.and_then(|m| u32::try_from(m).ok()),
            created_by: UserId::from_uuid(m.created_by),
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        })
    }

    /// Whether `teams` (someone's) let them request it.
    pub fn open_to(&self, teams: &[TeamId]) -> bool {
        self.audience_teams.is_empty() || self.audience_teams.iter().any(|t| teams.contains(t))
    }
}

/// An item's content, checked by the caller.
#[derive(Debug, Clone)]
pub struct ItemSpec {
    pub name: String,
    pub description: String,
    pub icon: String,
    pub category: Option<CategoryId>,
    pub form: Value,
    pub approval: Vec<StepSpec>,
    pub fulfilment: FulfilmentPlan,
    pub audience_teams: Vec<TeamId>,
    pub target_minutes: Option<u32>,
}

/// Why a catalogue write was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogRefusal {
    NotFound,
    Stale {
        current: i32,
    },
    /// Another item (or category) has the name.
    NameTaken,
    UnknownCategory,
    /// A team that is not one of the organisation's, and the field naming it.
    UnknownTeam(String),
    Transition {
        from: ItemStatus,
        to: ItemStatus,
    },
}

pub struct Catalog<'a> {
    scope: OrgStore<'a>,
}

impl<'a> OrgStore<'a> {
    pub fn catalog(&self) -> Catalog<'a> {
        Catalog { scope: *self }
    }
}

/// The teams `user` belongs to.
pub(super) async fn teams_of<C: ConnectionTrait>(conn: &C, org_id: OrgId, user: UserId) -> StoreResult<Vec<TeamId>> {
    let teams: Vec<uuid::Uuid> = scoped::<team_member::Entity>(org_id)
        .filter(team_member::Column::UserId.eq(user.uuid()))
        .select_only()
        .column(team_member::Column::TeamId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(teams.into_iter().map(TeamId::from_uuid).collect())
}

/// The schema of `item`'s form version `version`.
pub(super) async fn form_of<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    item: uuid::Uuid,
    version: i32,
) -> StoreResult<Option<Value>> {
    let row = scoped::<catalog_item_form::Entity>(org_id)
        .filter(catalog_item_form::Column::ItemId.eq(item))
        .filter(catalog_item_form::Column::FormVersion.eq(version))
        .one(conn)
        .await?;
    row.map(|r| serde_json::from_str(&r.schema).map_err(corrupt)).transpose()
}

/// `item` with its current form.
pub(super) async fn item_on<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    row: catalog_item::Model,
) -> StoreResult<ItemRecord> {
    let form = form_of(conn, org_id, row.id, row.form_version)
        .await?
        .ok_or_else(|| corrupt("an item's current form is missing"))?;
    ItemRecord::from_row(row, form)
}

async fn add_form(unit: &UnitOfWork<'_>, item: CatalogItemId, version: i32, form: &Value) -> StoreResult<()> {
    catalog_item_form::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        org_id: Set(unit.org_id().uuid()),
        item_id: Set(item.uuid()),
        form_version: Set(version),
        schema: Set(form.to_string()),
        created_by: Set(unit.actor().map(UserId::uuid).unwrap_or_default()),
        created_at: Set(unit.now()),
    }
    .insert(unit.conn())
    .await?;
    Ok(())
}

/// The first team `spec` names that is not one of the organisation's.
async fn unknown_team<C: ConnectionTrait>(conn: &C, org_id: OrgId, spec: &ItemSpec) -> StoreResult<Option<String>> {
    let named: Vec<(String, TeamId)> = spec
        .audience_teams
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("audienceTeams[{i}]"), *t))
        .chain(spec.approval.iter().enumerate().flat_map(|(s, step)| {
            step.approvers
                .teams
                .iter()
                .enumerate()
                .map(move |(i, t)| (format!("approval[{s}].approvers.teams[{i}]"), *t))
        }))
        .chain(spec.fulfilment.stages.iter().enumerate().flat_map(|(s, stage)| {
            stage
                .tasks
                .iter()
                .enumerate()
                .map(move |(i, t)| (format!("fulfilment.stages[{s}].tasks[{i}].team"), t.team))
        }))
        .collect();
    let known: Vec<uuid::Uuid> =
        scoped::<team::Entity>(org_id).select_only().column(team::Column::Id).into_tuple().all(conn).await?;
    Ok(named.into_iter().find(|(_, t)| !known.contains(&t.uuid())).map(|(field, _)| field))
}

fn name_taken<T>(error: StoreError) -> StoreResult<Result<T, CatalogRefusal>> {
    match error {
        StoreError::Duplicate(_) => Ok(Err(CatalogRefusal::NameTaken)),
        other => Err(other),
    }
}

impl Catalog<'_> {
    /// Items, by name; only those in `status` when given.
    pub async fn items(&self, status: Option<ItemStatus>) -> StoreResult<Vec<ItemRecord>> {
        let (db, org_id) = (self.scope.db, self.scope.org_id);
        let mut query = self.scope.rows::<catalog_item::Entity>();
        if let Some(status) = status {
            query = query.filter(catalog_item::Column::Status.eq(status.key()));
        }
        let rows = query.order_by_asc(catalog_item::Column::Name).limit(MAX_LISTED).all(db).await?;
        let forms = scoped::<catalog_item_form::Entity>(org_id)
            .filter(catalog_item_form::Column::ItemId.is_in(rows.iter().map(|r| r.id)))
            .all(db)
            .await?;
        rows.into_iter()
            .map(|row| {
                let form = forms
                    .iter()
                    .find(|f| f.item_id == row.id && f.form_version == row.form_version)
                    .ok_or_else(|| corrupt("an item's current form is missing"))?;
                let form = serde_json::from_str(&form.schema).map_err(corrupt)?;
                ItemRecord::from_row(row, form)
            })
            .collect()
    }

    /// Published items `user` may request.
    pub async fn requestable_by(&self, user: UserId) -> StoreResult<Vec<ItemRecord>> {
        let teams = teams_of(self.scope.db, self.scope.org_id, user).await?;
        let mut items = self.items(Some(ItemStatus::Published)).await?;
        items.retain(|item| item.open_to(&teams));
        Ok(items)
    }

    /// Whether `user` may request `item` (published, and open to their teams).
    pub async fn may_request(&self, item: &ItemRecord, user: UserId) -> StoreResult<bool> {
        Ok(item.status == ItemStatus::Published
            && item.open_to(&teams_of(self.scope.db, self.scope.org_id, user).await?))
    }

    pub async fn item(&self, id: CatalogItemId) -> StoreResult<Option<ItemRecord>> {
        let (db, org_id) = (self.scope.db, self.scope.org_id);
        match scoped::<catalog_item::Entity>(org_id).filter(catalog_item::Column::Id.eq(id.uuid())).one(db).await? {
            Some(row) => Ok(Some(item_on(db, org_id, row).await?)),
            None => Ok(None),
        }
    }

    /// The schema of one version of an item's form.
    pub async fn form(&self, id: CatalogItemId, version: i32) -> StoreResult<Option<Value>> {
        form_of(self.scope.db, self.scope.org_id, id.uuid(), version).await
    }

    /// Writes a draft item with its first form.
    pub async fn create_item(
        &self,
        spec: ItemSpec,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ItemRecord, CatalogRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        if !category_exists(unit.conn(), org_id, spec.category).await? {
            return Ok(Err(CatalogRefusal::UnknownCategory));
        }
        if let Some(field) = unknown_team(unit.conn(), org_id, &spec).await? {
            return Ok(Err(CatalogRefusal::UnknownTeam(field)));
        }
        let id = CatalogItemId::new();
        let now = unit.now();
        let inserted = catalog_item::ActiveModel {
            id: Set(id.uuid()),
            org_id: Set(org_id.uuid()),
            category_id: Set(spec.category.map(CategoryId::uuid)),
            name: Set(spec.name),
            description: Set(spec.description),
            icon: Set(spec.icon),
            status: Set(ItemStatus::Draft.key().to_owned()),
            form_version: Set(1),
            approval: Set(json!(spec.approval).to_string()),
            fulfilment: Set(json!(spec.fulfilment).to_string()),
            audience_teams: Set(json!(spec.audience_teams).to_string()),
            target_minutes: Set(spec.target_minutes.and_then(|m| i32::try_from(m).ok())),
            created_by: Set(unit.actor().map(UserId::uuid).unwrap_or_default()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(unit.conn())
        .await
        .map_err(StoreError::from_write);
        let row = match inserted {
            Ok(row) => row,
            Err(error) => return name_taken(error),
        };
        add_form(&unit, id, 1, &spec.form).await?;
        let created = ItemRecord::from_row(row, spec.form)?;
        unit.audit(AuditEntry::new("catalog.item_created", id, json!({"name": created.name})));
        unit.commit().await?;
        Ok(Ok(created))
    }

    async fn locked(&self, unit: &UnitOfWork<'_>, id: CatalogItemId) -> StoreResult<Option<catalog_item::Model>> {
        Ok(scoped::<catalog_item::Entity>(self.scope.org_id)
            .filter(catalog_item::Column::Id.eq(id.uuid()))
            .lock_exclusive()
            .one(unit.conn())
            .await?)
    }

    /// Replaces an item's content if `expected_version` is current; a
    /// different form becomes the form's next version.
    pub async fn edit_item(
        &self,
        id: CatalogItemId,
        expected_version: i32,
        spec: ItemSpec,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ItemRecord, CatalogRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let Some(row) = self.locked(&unit, id).await? else { return Ok(Err(CatalogRefusal::NotFound)) };
        if row.version != expected_version {
            return Ok(Err(CatalogRefusal::Stale { current: row.version }));
        }
        if !category_exists(unit.conn(), org_id, spec.category).await? {
            return Ok(Err(CatalogRefusal::UnknownCategory));
        }
        if let Some(field) = unknown_team(unit.conn(), org_id, &spec).await? {
            return Ok(Err(CatalogRefusal::UnknownTeam(field)));
        }
        let before = item_on(unit.conn(), org_id, row.clone()).await?;
        let form_version = if before.form == spec.form { before.form_version } else { before.form_version + 1 };
        if form_version != before.form_version {
            add_form(&unit, id, form_version, &spec.form).await?;
        }
        let mut active: catalog_item::ActiveModel = row.into();
        active.category_id = Set(spec.category.map(CategoryId::uuid));
        active.name = Set(spec.name);
        active.description = Set(spec.description);
        active.icon = Set(spec.icon);
        active.form_version = Set(form_version);
        active.approval = Set(json!(spec.approval).to_string());
        active.fulfilment = Set(json!(spec.fulfilment).to_string());
        active.audience_teams = Set(json!(spec.audience_teams).to_string());
        active.target_minutes = Set(spec.target_minutes.and_then(|m| i32::try_from(m).ok()));
        active.updated_at = Set(unit.now());
        active.version = Set(before.version + 1);
        let row = match active.update(unit.conn()).await.map_err(StoreError::from_write) {
            Ok(row) => row,
            Err(error) => return name_taken(error),
        };
        let updated = ItemRecord::from_row(row, spec.form)?;
        let summary = json!({"name": updated.name, "formVersion": updated.form_version, "version": updated.version});
        unit.audit(AuditEntry::new("catalog.item_updated", id, summary));
        unit.commit().await?;
        Ok(Ok(updated))
    }

    /// Publishes, withdraws or retires an item.
    pub async fn move_item(
        &self,
        id: CatalogItemId,
        expected_version: Option<i32>,
        to: ItemStatus,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ItemRecord, CatalogRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let Some(row) = self.locked(&unit, id).await? else { return Ok(Err(CatalogRefusal::NotFound)) };
        if expected_version.is_some_and(|v| v != row.version) {
            return Ok(Err(CatalogRefusal::Stale { current: row.version }));
        }
        let from: ItemStatus = row.status.parse().map_err(corrupt)?;
        if !from.can_become(to) {
            return Ok(Err(CatalogRefusal::Transition { from, to }));
        }
        let mut active: catalog_item::ActiveModel = row.clone().into();
        active.status = Set(to.key().to_owned());
        active.updated_at = Set(unit.now());
        active.version = Set(row.version + 1);
        let moved = item_on(unit.conn(), org_id, active.update(unit.conn()).await?).await?;
        unit.audit(AuditEntry::new("catalog.item_status_changed", id, json!({"from": from, "to": to})));
        unit.commit().await?;
        Ok(Ok(moved))
    }
}
