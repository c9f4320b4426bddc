//! Bulk import of items, safe to repeat: each row reconciles on its
//! external id, else on (type, name), so the same file again changes
//! nothing and an edited file updates in place. Rows arrive as a stream
//! and are written in batches inside one transaction: a dry run, or an
//! import with invalid rows (unless they are skipped), rolls all of it
//! back. Relationships name their target by external id or `CI-n`, and
//! are made once every row is in.

use std::collections::HashMap;

use futures_util::{Stream, StreamExt};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use super::super::entities::configuration_item;
use super::super::records::counters;
use super::super::scope::scoped;
use super::super::unit::UnitOfWork;
use super::super::{StoreError, StoreResult};
use super::{ConfigItemRecord, ItemEdit, ItemFields, Items, apply_edit, name_key, new_row};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::events::EventType;
use crate::domain::lifecycle::Lifecycle;
use crate::domain::records::RecordKind;
use crate::ids::{ConfigItemId, OrgId};
use crate::store::DomainEvent;

mod staging;

use staging::{NamedLink, PendingLinks, PlannerStatistics, relate_all};

/// Rows written per batch.
const BATCH: usize = 500;

/// One valid row of an import file.
#[derive(Debug, Clone)]
pub struct ImportRow {
    /// Its line in the file (1: the header).
    pub line: u64,
    pub fields: ItemFields,
    /// `(relation, target)`: the target's external id or `CI-n`.
    pub relationships: Vec<(String, String)>,
}

/// A row (or one of its relationships) that cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRowError {
    pub line: u64,
    pub field: String,
    pub detail: String,
}

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub relationships_created: u64,
    pub invalid: Vec<ImportRowError>,
}

/// How an import ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Nothing written, as asked: what would have happened.
    DryRun(ImportSummary),
    Written(ImportSummary),
    /// Nothing written: some rows were invalid.
    Refused(ImportSummary),
}

/// Where the items a batch names are: the stored ones its rows match
/// and the batch's own, by the keys a row may name them by (with the
/// external id the item has, under its name). Only a batch's worth is
/// held: earlier batches are found in the store (the import's own
/// transaction sees them), so memory stays bounded however long the file.
#[derive(Default)]
struct Seen {
    by_external: HashMap<String, uuid::Uuid>,
    by_name: HashMap<(String, String), (uuid::Uuid, Option<String>)>,
}

/// Which item a row is, if any, by its keys.
enum Match {
    Item(uuid::Uuid),
    New,
    /// Another item has the row's type and name under another external id.
    NameTaken,
}

impl Seen {
    fn remember(&mut self, id: uuid::Uuid, fields: &ItemFields) {
        if let Some(external) = &fields.external_id {
            self.by_external.insert(external.clone(), id);
        }
        self.by_name.insert((fields.ci_type.clone(), name_key(&fields.name)), (id, fields.external_id.clone()));
    }

    /// The item with the row's type and name, whatever its external id.
    fn find_name(&self, fields: &ItemFields) -> Match {
        match self.by_name.get(&(fields.ci_type.clone(), name_key(&fields.name))) {
            Some((id, _)) => Match::Item(*id),
            None => Match::New,
        }
    }

    /// By external id; else by (type, name), adopting an item that has no
    /// external id (or the same one) rather than making its duplicate.
    fn find(&self, fields: &ItemFields) -> Match {
        if let Some(id) = fields.external_id.as_ref().and_then(|e| self.by_external.get(e)) {
            return Match::Item(*id);
        }
        match self.by_name.get(&(fields.ci_type.clone(), name_key(&fields.name))) {
            None => Match::New,
            Some((id, None)) => Match::Item(*id),
            Some((id, Some(external))) if fields.external_id.as_ref().is_none_or(|e| e == external) => Match::Item(*id),
            Some(_) => Match::NameTaken,
        }
    }
}

impl Items<'_> {
    /// Imports `rows` (each a valid row, or a row's errors), reporting the
    /// rows read so far to `progress` after each batch.
    pub async fn import(
        &self,
        rows: impl Stream<Item = Result<ImportRow, Vec<ImportRowError>>>,
        dry_run: bool,
        skip_invalid: bool,
        meta: &AuditMeta,
        mut progress: impl FnMut(u64),
    ) -> StoreResult<ImportOutcome> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        // Imports take the organisation's turn for their whole length: they
        // number items in blocks and reconcile against what is there.
        unit.serialise().await?;
        let mut summary = ImportSummary::default();
        let mut pending = PendingLinks::open(unit.conn()).await?;
        let mut planner = PlannerStatistics::default();
        let mut batch: Vec<ImportRow> = Vec::with_capacity(BATCH);
        let mut rows = std::pin::pin!(rows);
        while let Some(row) = rows.next().await {
            summary.rows += 1;
            match row {
                Ok(row) => batch.push(row),
                Err(errors) => summary.invalid.extend(errors),
            }
            if batch.len() == BATCH {
                write_batch(&mut unit, org_id, std::mem::take(&mut batch), &mut summary, &mut pending).await?;
                planner.keep_up(unit.conn(), summary.created).await?;
                progress(summary.rows);
            }
        }
        write_batch(&mut unit, org_id, batch, &mut summary, &mut pending).await?;
        planner.catch_up(unit.conn()).await?;
        relate_all(&unit, org_id, &mut summary).await?;
        pending.finish(unit.conn()).await?;
        progress(summary.rows);
        if dry_run {
            return Ok(ImportOutcome::DryRun(summary));
        }
        if !summary.invalid.is_empty() && !skip_invalid {
            return Ok(ImportOutcome::Refused(summary));
        }
        let counts = json!({"rows": summary.rows, "created": summary.created, "updated": summary.updated,
                            "unchanged": summary.unchanged, "relationshipsCreated": summary.relationships_created,
                            "skipped": summary.invalid.len()});
        unit.audit(AuditEntry::new("items.imported", org_id, counts.clone()));
        unit.emit(DomainEvent::about_org(EventType::ItemsImported, counts));
        unit.commit().await?;
        crate::store::refresh_planner_statistics(self.scope.db).await?;
        Ok(ImportOutcome::Written(summary))
    }
}

/// Writes one batch: looks up what its rows name, updates what changed,
/// creates the rest with a block of numbers.
async fn write_batch(
    unit: &mut UnitOfWork<'_>,
    org_id: OrgId,
    batch: Vec<ImportRow>,
    summary: &mut ImportSummary,
    pending: &mut PendingLinks,
) -> StoreResult<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let conn = unit.conn();
    let externals: Vec<String> = batch.iter().filter_map(|r| r.fields.external_id.clone()).collect();
    let names: Vec<String> = batch.iter().map(|r| name_key(&r.fields.name)).collect();
    let types: std::collections::BTreeSet<&str> = batch.iter().map(|r| r.fields.ci_type.as_str()).collect();
    let mut existing = Vec::new();
    if !externals.is_empty() {
        existing.extend(
            scoped::<configuration_item::Entity>(org_id)
                .filter(configuration_item::Column::ExternalId.is_in(externals))
                .all(conn)
                .await?,
        );
    }
    if !names.is_empty() {
        existing.extend(
            scoped::<configuration_item::Entity>(org_id)
                .filter(configuration_item::Column::CiType.is_in(types))
                .filter(configuration_item::Column::NameKey.is_in(names))
                .all(conn)
                .await?,
        );
    }
    let mut seen = Seen::default();
    for row in &existing {
        seen.remember(row.id, &stored_fields(&ConfigItemRecord::try_from(row.clone())?));
    }
    let mut links: Vec<NamedLink> = Vec::new();
    let mut by_id: HashMap<uuid::Uuid, configuration_item::Model> =
        existing.into_iter().map(|row| (row.id, row)).collect();
    // Rows for new items, by the id each will have; a later row of the
    // file for the same item replaces the earlier one.
    let mut creates: Vec<(ConfigItemId, ImportRow)> = Vec::new();
    let mut creating: HashMap<uuid::Uuid, usize> = HashMap::new();
    for row in batch {
        match seen.find(&row.fields) {
            Match::NameTaken => {
                let detail = "another item of this type has this name under another external id".to_owned();
                summary.invalid.push(ImportRowError { line: row.line, field: "name".into(), detail });
            }
            Match::Item(id) if creating.contains_key(&id) => {
                seen.remember(id, &row.fields);
                creates[creating[&id]].1 = row;
            }
            Match::Item(id) => {
                if let Match::Item(other) = seen.find_name(&row.fields)
                    && other != id
                {
                    let detail = "another item of this type has this name".to_owned();
                    summary.invalid.push(ImportRowError { line: row.line, field: "name".into(), detail });
                    continue;
                }
                // A match is a stored item of this batch's lookup, or one
                // this batch makes (above).
                let current =
                    by_id.get(&id).cloned().ok_or_else(|| StoreError::Corrupt("an imported item vanished".into()))?;
                let old = ConfigItemRecord::try_from(current.clone())?;
                if row.fields.status != old.status && !old.status.can_become(row.fields.status) {
                    let detail = format!("an item that is {} cannot become {}", old.status, row.fields.status);
                    summary.invalid.push(ImportRowError { line: row.line, field: "status".into(), detail });
                    continue;
                }
                let (mut active, changed) = apply_edit(current, &old, edit_to(row.fields.clone()));
                if changed.is_empty() {
                    summary.unchanged += 1;
                } else {
                    active.version = Set(old.version + 1);
                    active.updated_at = Set(unit.now());
                    // A later row of the batch for this item edits it as it is now.
                    by_id.insert(id, active.update(conn).await?);
                    summary.updated += 1;
                }
                seen.remember(id, &row.fields);
                links.extend(row.relationships.into_iter().map(|(relation, target)| (row.line, id, relation, target)));
            }
            Match::New => {
                let id = ConfigItemId::new();
                seen.remember(id.uuid(), &row.fields);
                creating.insert(id.uuid(), creates.len());
                creates.push((id, row));
            }
        }
    }
    if !creates.is_empty() {
        create(unit, org_id, creates, summary, &mut links).await?;
    }
    pending.add(conn, links).await
}

/// Makes the batch's new items, numbered in one block.
async fn create(
    unit: &UnitOfWork<'_>,
    org_id: OrgId,
    creates: Vec<(ConfigItemId, ImportRow)>,
    summary: &mut ImportSummary,
    links: &mut Vec<NamedLink>,
) -> StoreResult<()> {
    let conn = unit.conn();
    let first = counters::next_numbers(conn, org_id, RecordKind::ConfigurationItem, creates.len() as i64).await?;
    let mut models = Vec::with_capacity(creates.len());
    for (offset, (id, row)) in creates.into_iter().enumerate() {
        links.extend(row.relationships.into_iter().map(|(relation, target)| (row.line, id.uuid(), relation, target)));
        models.push(new_row(org_id, id, first + offset as i64, row.fields, unit.now()));
    }
    summary.created += models.len() as u64;
    configuration_item::Entity::insert_many(models).exec(conn).await.map_err(StoreError::from_write)?;
    Ok(())
}

fn stored_fields(record: &ConfigItemRecord) -> ItemFields {
    ItemFields {
        name: record.name.clone(),
        ci_type: record.ci_type.clone(),
        status: record.status,
        criticality: record.criticality,
        description: record.description.clone(),
        owner: record.owner,
        owner_team: record.owner_team,
        escalation_policy: record.escalation_policy,
        external_id: record.external_id.clone(),
        attributes: record.attributes.clone(),
        labels: record.labels.clone(),
    }
}

/// A row's fields as an edit of the item it reconciles with: every field
/// the file holds (so an edited file updates in place).
fn edit_to(fields: ItemFields) -> ItemEdit {
    ItemEdit {
        name: Some(fields.name),
        ci_type: Some(fields.ci_type),
        status: Some(fields.status),
        criticality: Some(fields.criticality),
        description: Some(fields.description),
        owner: Some(fields.owner),
        owner_team: Some(fields.owner_team),
        escalation_policy: None,
        external_id: fields.external_id.map(Some),
        attributes: Some(fields.attributes),
        labels: Some(fields.labels),
    }
}
