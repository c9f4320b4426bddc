//! Configuration items (the asset-management module) on the record kernel:
//! numbered `CI-n`, versioned, with domain events, timeline and links;
//! their relationships and the impact walk (`graph`), the organisation's
//! types and relations (`types`), and bulk import (`import`).

mod graph;
mod import;
mod types;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::{Value, json};

use super::entities::{configuration_item, oncall_document};
use super::records::{DomainEvent, Entry, RecordSummary, TimelineKind, locked_row_of, newest_first, row_of};
use super::scope::scoped;
use super::teams::{OwnerRefusal, check_owner};
use super::{DocumentKind, OrgStore, StoreError, StoreResult};
use crate::domain::assets::{CiStatus, Criticality};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::events::EventType;
use crate::domain::lifecycle::Lifecycle;
use crate::domain::records::{RecordKind, RecordNumber};
use crate::domain::text::normalise_label;
use crate::ids::{ConfigItemId, OrgId, TeamId, UserId};

pub(super) use graph::with_dependencies;
pub use graph::{ImpactNode, RelateRefusal, RelationshipRecord};
pub use import::{ImportOutcome, ImportRow, ImportRowError, ImportSummary};
pub use types::ItemType;

#[derive(Debug, Clone, PartialEq)]
pub struct ConfigItemRecord {
    pub id: ConfigItemId,
    pub number: RecordNumber,
    pub name: String,
    pub ci_type: String,
    pub status: CiStatus,
    pub criticality: Criticality,
    pub description: String,
    pub owner: Option<UserId>,
    pub owner_team: Option<TeamId>,
    /// Services: the escalation policy an incident on them pages through.
    pub escalation_policy: Option<uuid::Uuid>,
    pub external_id: Option<String>,
    pub attributes: Value,
    pub labels: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<configuration_item::Model> for ConfigItemRecord {
    type Error = StoreError;

    fn try_from(m: configuration_item::Model) -> StoreResult<Self> {
        let corrupt = |e: String| StoreError::Corrupt(e);
        Ok(Self {
            id: ConfigItemId::from_uuid(m.id),
            number: RecordNumber::new(RecordKind::ConfigurationItem, m.number),
            name: m.name,
            ci_type: m.ci_type,
            status: m.status.parse().map_err(corrupt)?,
            criticality: m.criticality.parse().map_err(corrupt)?,
            description: m.description,
            owner: m.owner_id.map(UserId::from_uuid),
            owner_team: m.owner_team_id.map(TeamId::from_uuid),
            escalation_policy: m.escalation_policy_id,
            external_id: m.external_id,
            attributes: serde_json::from_str(&m.attributes).map_err(|e| corrupt(e.to_string()))?,
            labels: serde_json::from_str(&m.labels).map_err(|e| corrupt(e.to_string()))?,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        })
    }
}

impl ConfigItemRecord {
    fn event_data(&self) -> Value {
        json!({"itemId": self.id, "number": self.number.to_string(), "name": self.name, "type": self.ci_type,
               "status": self.status, "criticality": self.criticality, "version": self.version})
    }

    fn event(&self, event_type: EventType) -> DomainEvent {
        DomainEvent::new(event_type, self.id.into(), self.event_data())
    }
}

/// An item's fields, as written by a create or an import.
#[derive(Debug, Clone)]
pub struct ItemFields {
    pub name: String,
    pub ci_type: String,
    pub status: CiStatus,
    pub criticality: Criticality,
    pub description: String,
    pub owner: Option<UserId>,
    pub owner_team: Option<TeamId>,
    pub escalation_policy: Option<uuid::Uuid>,
    pub external_id: Option<String>,
    pub attributes: Value,
    pub labels: Vec<String>,
}

/// Fields to change; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct ItemEdit {
    pub name: Option<String>,
    pub ci_type: Option<String>,
    pub status: Option<CiStatus>,
    pub criticality: Option<Criticality>,
    pub description: Option<String>,
    pub owner: Option<Option<UserId>>,
    pub owner_team: Option<Option<TeamId>>,
    pub escalation_policy: Option<Option<uuid::Uuid>>,
    pub external_id: Option<Option<String>>,
    pub attributes: Option<Value>,
    pub labels: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemRefusal {
    NotFound,
    Stale {
        current: i32,
    },
    Transition {
        from: CiStatus,
        to: CiStatus,
    },
    Owner(OwnerRefusal),
    UnknownPolicy,
    /// Another item has this external id, or this type and name: the field.
    Taken(&'static str),
}

/// What a list shows.
#[derive(Debug, Default)]
pub struct ItemFilter {
    pub ci_type: Option<String>,
    pub status: Option<CiStatus>,
    pub owner: Option<UserId>,
    pub owner_team: Option<TeamId>,
    /// Words, each in the name or external id (any case).
    pub text: Option<String>,
    /// The previous page's last number.
    pub before: Option<i64>,
}

/// One of `org_id`'s items, as another record's page shows it.
pub(super) async fn describe<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    id: uuid::Uuid,
) -> StoreResult<Option<RecordSummary>> {
    let Some(row) = row_of::<configuration_item::Entity, _>(conn, org_id, id).await? else { return Ok(None) };
    let item = ConfigItemRecord::try_from(row)?;
    Ok(Some(RecordSummary {
        requested_by: None,
        reference: item.id.into(),
        number: item.number,
        status: item.status.key().to_owned(),
        event_data: item.event_data(),
        title: item.name,
    }))
}

/// The most critical of `items` (`org_id`'s), if any.
pub(super) async fn most_critical<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    items: &[uuid::Uuid],
) -> StoreResult<Option<Criticality>> {
    if items.is_empty() {
        return Ok(None);
    }
    let found: Vec<String> = scoped::<configuration_item::Entity>(org_id)
        .filter(configuration_item::Column::Id.is_in(items.iter().copied()))
        .select_only()
        .column(configuration_item::Column::Criticality)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(found.iter().filter_map(|c| c.parse::<Criticality>().ok()).max())
}

/// The key an item's name is compared by.
pub(super) fn name_key(name: &str) -> String {
    normalise_label(name)
}

/// The refusal for a unique index that fired: which of the item's keys.
fn taken(error: &StoreError) -> Option<ItemRefusal> {
    match error {
        StoreError::Duplicate(constraint) if constraint.contains("external_id") => {
            Some(ItemRefusal::Taken("externalId"))
        }
        StoreError::Duplicate(_) => Some(ItemRefusal::Taken("name")),
        _ => None,
    }
}

async fn check_policy<C: ConnectionTrait>(conn: &C, org_id: OrgId, policy: Option<uuid::Uuid>) -> StoreResult<bool> {
    let Some(policy) = policy else { return Ok(true) };
    Ok(scoped::<oncall_document::Entity>(org_id)
        .filter(oncall_document::Column::Kind.eq(DocumentKind::EscalationPolicy.key()))
        .filter(oncall_document::Column::Id.eq(policy))
        .one(conn)
        .await?
        .is_some())
}

fn new_row(
    org_id: OrgId,
    id: ConfigItemId,
    number: i64,
    fields: ItemFields,
    at: DateTime<Utc>,
) -> configuration_item::ActiveModel {
    configuration_item::ActiveModel {
        id: Set(id.uuid()),
        org_id: Set(org_id.uuid()),
        number: Set(number),
        name_key: Set(name_key(&fields.name)),
        name: Set(fields.name),
        ci_type: Set(fields.ci_type),
        status: Set(fields.status.key().to_owned()),
        criticality: Set(fields.criticality.key().to_owned()),
        description: Set(fields.description),
        owner_id: Set(fields.owner.map(UserId::uuid)),
        owner_team_id: Set(fields.owner_team.map(TeamId::uuid)),
        escalation_policy_id: Set(fields.escalation_policy),
        external_id: Set(fields.external_id),
        attributes: Set(fields.attributes.to_string()),
        labels: Set(json!(fields.labels).to_string()),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
}

/// One organisation's configuration items.
pub struct Items<'a> {
    scope: OrgStore<'a>,
}

impl<'a> OrgStore<'a> {
    pub fn items(&self) -> Items<'a> {
        Items { scope: *self }
    }
}

impl Items<'_> {
    /// Writes an item. With an idempotency key seen in the last 24 hours,
    /// returns the item written then instead (and `false`).
    pub async fn create(
        &self,
        fields: ItemFields,
        idempotency_key: Option<&str>,
        meta: &AuditMeta,
    ) -> StoreResult<Result<(ConfigItemRecord, bool), ItemRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let id = ConfigItemId::new();
        if let Some(existing) = unit.idempotent(RecordKind::ConfigurationItem, idempotency_key, id.uuid()).await?
            && let Some(existing) = self.get_on(unit.conn(), ConfigItemId::from_uuid(existing)).await?
        {
            return Ok(Ok((existing, false)));
        }
        if let Some(refusal) = check_owner(unit.conn(), org_id, fields.owner, fields.owner_team).await? {
            return Ok(Err(ItemRefusal::Owner(refusal)));
        }
        if !check_policy(unit.conn(), org_id, fields.escalation_policy).await? {
            return Ok(Err(ItemRefusal::UnknownPolicy));
        }
        let now = unit.now();
        let number = unit.next_number(RecordKind::ConfigurationItem).await?;
        let inserted =
            new_row(org_id, id, number.number, fields, now).insert(unit.conn()).await.map_err(StoreError::from_write);
        let created = match inserted {
            Ok(row) => ConfigItemRecord::try_from(row)?,
            Err(error) => return taken(&error).map(Err).ok_or(error),
        };
        let summary = json!({"number": created.number.to_string(), "name": created.name, "type": created.ci_type});
        unit.audit(AuditEntry::new("item.created", id, summary));
        unit.emit(created.event(EventType::ItemCreated));
        unit.commit().await?;
        Ok(Ok((created, true)))
    }

    /// Applies `edit` if `expected_version` is current (`None`: any).
    pub async fn edit(
        &self,
        id: ConfigItemId,
        expected_version: Option<i32>,
        edit: ItemEdit,
        meta: &AuditMeta,
    ) -> StoreResult<Result<ConfigItemRecord, ItemRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let Some(before) = locked_row_of::<configuration_item::Entity, _>(unit.conn(), org_id, id.uuid()).await? else {
            return Ok(Err(ItemRefusal::NotFound));
        };
        unit.restamp();
        if expected_version.is_some_and(|v| v != before.version) {
            return Ok(Err(ItemRefusal::Stale { current: before.version }));
        }
        let old = ConfigItemRecord::try_from(before.clone())?;
        let new_owner = edit.owner.flatten().filter(|o| Some(*o) != old.owner);
        let new_team = edit.owner_team.flatten().filter(|t| Some(*t) != old.owner_team);
        if let Some(refusal) = check_owner(unit.conn(), org_id, new_owner, new_team).await? {
            return Ok(Err(ItemRefusal::Owner(refusal)));
        }
        if !check_policy(unit.conn(), org_id, edit.escalation_policy.flatten()).await? {
            return Ok(Err(ItemRefusal::UnknownPolicy));
        }
        if let Some(status) = edit.status.filter(|s| *s != old.status)
            && !old.status.can_become(status)
        {
            return Ok(Err(ItemRefusal::Transition { from: old.status, to: status }));
        }
        let (row, changed) = apply_edit(before, &old, edit);
        if changed.is_empty() {
            return Ok(Ok(old));
        }
        let mut row = row;
        row.version = Set(old.version + 1);
        row.updated_at = Set(unit.now());
        let updated = match row.update(unit.conn()).await.map_err(StoreError::from_write) {
            Ok(row) => ConfigItemRecord::try_from(row)?,
            Err(error) => return taken(&error).map(Err).ok_or(error),
        };
        let body = format!("Changed {}", changed.join(", "));
        unit.timeline(id.into(), Entry::new(TimelineKind::Edit, body, json!({"fields": changed}))).await?;
        unit.audit(AuditEntry::new("item.updated", id, json!({"changed": changed, "version": updated.version})));
        unit.emit(updated.event(EventType::ItemUpdated));
        unit.commit().await?;
        Ok(Ok(updated))
    }

    /// By number, newest first, `limit` at most.
    pub async fn list(&self, filter: &ItemFilter, limit: u64) -> StoreResult<(Vec<ConfigItemRecord>, Option<i64>)> {
        let mut query = self.scope.rows::<configuration_item::Entity>();
        if let Some(ci_type) = &filter.ci_type {
            query = query.filter(configuration_item::Column::CiType.eq(ci_type.as_str()));
        }
        if let Some(status) = filter.status {
            query = query.filter(configuration_item::Column::Status.eq(status.key()));
        }
        if let Some(owner) = filter.owner {
            query = query.filter(configuration_item::Column::OwnerId.eq(owner.uuid()));
        }
        if let Some(team) = filter.owner_team {
            query = query.filter(configuration_item::Column::OwnerTeamId.eq(team.uuid()));
        }
        if let Some(text) = filter.text.as_deref() {
            for word in text.split_whitespace().take(8) {
                let pattern = format!("%{}%", word.to_lowercase().replace(['%', '_'], ""));
                let words = Condition::any()
                    .add(configuration_item::Column::NameKey.like(pattern.clone()))
                    .add(configuration_item::Column::ExternalId.like(pattern));
                query = query.filter(words);
            }
        }
        newest_first(self.scope.db, query, filter.before, limit).await
    }

    pub async fn get(&self, id: ConfigItemId) -> StoreResult<Option<ConfigItemRecord>> {
        self.get_on(self.scope.db, id).await
    }

    /// By id (`cfg_…`) or number (`3`, `CI-3`).
    pub async fn find(&self, reference: &str) -> StoreResult<Option<ConfigItemRecord>> {
        match self.scope.records().resolve(RecordKind::ConfigurationItem, reference).await? {
            Some(found) => self.get(ConfigItemId::from_uuid(found.reference.uuid())).await,
            None => Ok(None),
        }
    }

    /// Items by id, in no particular order (unknown ids are left out).
    pub async fn many(&self, ids: &[uuid::Uuid]) -> StoreResult<Vec<ConfigItemRecord>> {
        let mut found = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let rows = self
                .scope
                .rows::<configuration_item::Entity>()
                .filter(configuration_item::Column::Id.is_in(chunk.iter().copied()))
                .all(self.scope.db)
                .await?;
            for row in rows {
                found.push(ConfigItemRecord::try_from(row)?);
            }
        }
        Ok(found)
    }

    /// The escalation policy of the (first) service `incident` affects
    /// that names one: the bridge from the catalogue of services to on-call.
    pub async fn service_policy_of(&self, incident: crate::ids::IncidentId) -> StoreResult<Option<uuid::Uuid>> {
        let items = super::changes::affected_items(self.scope.db, self.scope.org_id, incident.into()).await?;
        if items.is_empty() {
            return Ok(None);
        }
        let policy: Option<Option<uuid::Uuid>> = self
            .scope
            .rows::<configuration_item::Entity>()
            .filter(configuration_item::Column::Id.is_in(items))
            .filter(configuration_item::Column::CiType.eq("service"))
            .filter(configuration_item::Column::EscalationPolicyId.is_not_null())
            .order_by_asc(configuration_item::Column::Number)
            .select_only()
            .column(configuration_item::Column::EscalationPolicyId)
            .into_tuple()
            .one(self.scope.db)
            .await?;
        Ok(policy.flatten())
    }

    async fn get_on<C: ConnectionTrait>(&self, conn: &C, id: ConfigItemId) -> StoreResult<Option<ConfigItemRecord>> {
        row_of::<configuration_item::Entity, _>(conn, self.scope.org_id, id.uuid())
            .await?
            .map(TryInto::try_into)
            .transpose()
    }
}

/// `edit` applied to `row`, and the names of the fields it changed.
fn apply_edit(
    row: configuration_item::Model,
    old: &ConfigItemRecord,
    edit: ItemEdit,
) -> (configuration_item::ActiveModel, Vec<&'static str>) {
    let mut active: configuration_item::ActiveModel = row.into();
    let mut changed = Vec::new();
    if let Some(name) = edit.name.filter(|n| *n != old.name) {
        active.name_key = Set(name_key(&name));
        active.name = Set(name);
        changed.push("name");
    }
    if let Some(ci_type) = edit.ci_type.filter(|t| *t != old.ci_type) {
        active.ci_type = Set(ci_type);
        changed.push("type");
    }
    if let Some(status) = edit.status.filter(|s| *s != old.status) {
        active.status = Set(status.key().to_owned());
        changed.push("status");
    }
    if let Some(criticality) = edit.criticality.filter(|c| *c != old.criticality) {
        active.criticality = Set(criticality.key().to_owned());
        changed.push("criticality");
    }
    if let Some(description) = edit.description.filter(|d| *d != old.description) {
        active.description = Set(description);
        changed.push("description");
    }
    if let Some(owner) = edit.owner.filter(|o| *o != old.owner) {
        active.owner_id = Set(owner.map(UserId::uuid));
        changed.push("owner");
    }
    if let Some(team) = edit.owner_team.filter(|t| *t != old.owner_team) {
        active.owner_team_id = Set(team.map(TeamId::uuid));
        changed.push("ownerTeam");
    }
    if let Some(policy) = edit.escalation_policy.filter(|p| *p != old.escalation_policy) {
        active.escalation_policy_id = Set(policy);
        changed.push("escalationPolicy");
    }
    if let Some(external_id) = edit.external_id.filter(|e| *e != old.external_id) {
        active.external_id = Set(external_id);
        changed.push("externalId");
    }
    if let Some(attributes) = edit.attributes.filter(|a| *a != old.attributes) {
        active.attributes = Set(attributes.to_string());
        changed.push("attributes");
    }
    if let Some(labels) = edit.labels.filter(|l| *l != old.labels) {
        active.labels = Set(json!(labels).to_string());
        changed.push("labels");
    }
    (active, changed)
}
