//! What an import keeps on the side while it runs: the relationships rows
//! name, waiting in a temporary table until every item is in, and planner
//! statistics kept up with the tables it grows.

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::{Alias, OnConflict, Query};
use sea_orm::{ConnectionTrait, DatabaseBackend, EntityTrait, FromQueryResult, Set, Statement};

use super::super::super::StoreResult;
use super::super::super::entities::ci_relationship;
use super::super::super::unit::UnitOfWork;
use super::super::types::relation_inverse;
use super::{BATCH, ImportRowError, ImportSummary};
use crate::domain::records::{RecordKind, RecordNumber};
use crate::ids::OrgId;

/// PostgreSQL plans each batch's lookups from its statistics, which know
/// nothing of the rows this import's transaction has written: believing
/// the table nearly empty, it scans every item of the organisation for
/// each batch (seconds per batch at 100,000 items). `ANALYZE` inside the
/// transaction counts the transaction's own rows, so the statistics are
/// refreshed each time the items made double — a handful of times.
#[derive(Default)]
pub(super) struct PlannerStatistics {
    created_at_last: u64,
}

impl PlannerStatistics {
    pub(super) async fn keep_up<C: ConnectionTrait>(&mut self, conn: &C, created: u64) -> StoreResult<()> {
        if conn.get_database_backend() != DatabaseBackend::Postgres
            || created < (self.created_at_last * 2).max(BATCH as u64)
        {
            return Ok(());
        }
        self.created_at_last = created;
        conn.execute_unprepared("ANALYZE configuration_items").await?;
        Ok(())
    }

    /// Before the relationships: the items as they now are, and the
    /// relationships waiting to be resolved against them.
    pub(super) async fn catch_up<C: ConnectionTrait>(&self, conn: &C) -> StoreResult<()> {
        if conn.get_database_backend() == DatabaseBackend::Postgres {
            conn.execute_unprepared(&format!("ANALYZE configuration_items, {PENDING_TABLE}")).await?;
        }
        Ok(())
    }
}

/// A relationship a row named: `(line, from, relation, target)`.
pub(super) type NamedLink = (u64, uuid::Uuid, String, String);

/// The relationships the rows name, kept in a temporary table of the
/// import's connection until every item is in (a row may name an item a
/// later row makes), then resolved a page at a time by one join.
pub(super) struct PendingLinks {
    written: i64,
}

const PENDING_TABLE: &str = "import_links";

#[derive(Debug, FromQueryResult)]
struct PendingLink {
    seq: i64,
    line: i64,
    from_id: uuid::Uuid,
    relation: String,
    target: String,
    to_id: Option<uuid::Uuid>,
}

impl PendingLinks {
    /// The table is made inside the import's transaction, so a rollback
    /// takes it away too; `finish` drops it before a commit.
    pub(super) async fn open<C: ConnectionTrait>(conn: &C) -> StoreResult<Self> {
        let uuid = match conn.get_database_backend() {
            DatabaseBackend::Postgres => "UUID",
            _ => "BLOB",
        };
        conn.execute_unprepared(&format!(
            "CREATE TEMPORARY TABLE {PENDING_TABLE} (seq BIGINT PRIMARY KEY, line BIGINT NOT NULL, \
             from_id {uuid} NOT NULL, relation TEXT NOT NULL, target TEXT NOT NULL, target_number BIGINT)"
        ))
        .await?;
        Ok(Self { written: 0 })
    }

    pub(super) async fn add<C: ConnectionTrait>(&mut self, conn: &C, links: Vec<NamedLink>) -> StoreResult<()> {
        if links.is_empty() {
            return Ok(());
        }
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new(PENDING_TABLE))
            .columns(["seq", "line", "from_id", "relation", "target", "target_number"].map(Alias::new));
        for (line, from, relation, target) in links {
            self.written += 1;
            // `CI-n` names an item by number; anything else by external id
            // (an external id wins if an item has one that reads `CI-n`).
            let number = RecordNumber::parse(RecordKind::ConfigurationItem, &target)
                .filter(|_| target.contains('-'))
                .map(|n| n.number);
            insert.values_panic([
                self.written.into(),
                i64::try_from(line).unwrap_or(i64::MAX).into(),
                from.into(),
                relation.into(),
                target.into(),
                number.into(),
            ]);
        }
        conn.execute(&insert).await?;
        Ok(())
    }

    /// The next page after `after`, each with the item its target names.
    async fn page<C: ConnectionTrait>(conn: &C, org_id: OrgId, after: i64) -> StoreResult<Vec<PendingLink>> {
        let backend = conn.get_database_backend();
        let (org, after_at, limit) = match backend {
            DatabaseBackend::Postgres => ("$1", "$2", "$3"),
            _ => ("?1", "?2", "?3"),
        };
        let sql = format!(
            "SELECT l.seq, l.line, l.from_id, l.relation, l.target, COALESCE(e.id, n.id) AS to_id \
             FROM {PENDING_TABLE} l \
             LEFT JOIN configuration_items e ON e.org_id = {org} AND e.external_id = l.target \
             LEFT JOIN configuration_items n ON n.org_id = {org} AND n.number = l.target_number \
             WHERE l.seq > {after_at} ORDER BY l.seq LIMIT {limit}"
        );
        let values = [org_id.uuid().into(), after.into(), (BATCH as i64).into()];
        Ok(PendingLink::find_by_statement(Statement::from_sql_and_values(backend, sql, values)).all(conn).await?)
    }

    pub(super) async fn finish<C: ConnectionTrait>(self, conn: &C) -> StoreResult<()> {
        conn.execute_unprepared(&format!("DROP TABLE {PENDING_TABLE}")).await?;
        Ok(())
    }
}

/// Makes the relationships the rows named, once every item is in; a
/// target no row and no item has, or an unknown relation, is an error of
/// its row.
pub(super) async fn relate_all(unit: &UnitOfWork<'_>, org_id: OrgId, summary: &mut ImportSummary) -> StoreResult<()> {
    let conn = unit.conn();
    let mut relations: HashMap<String, bool> = HashMap::new();
    let mut after = 0;
    loop {
        let page = PendingLinks::page(conn, org_id, after).await?;
        let Some(last) = page.last() else { return Ok(()) };
        after = last.seq;
        // A page names each relationship once (the store skips those an
        // earlier page or import made).
        let mut unique: HashSet<(uuid::Uuid, String, uuid::Uuid)> = HashSet::new();
        let mut batch = Vec::with_capacity(page.len());
        for link in page {
            let line = u64::try_from(link.line).unwrap_or_default();
            let refuse = |detail: String| ImportRowError { line, field: "relationships".into(), detail };
            if !relations.contains_key(&link.relation) {
                let known = relation_inverse(conn, org_id, &link.relation).await?.is_some();
                relations.insert(link.relation.clone(), known);
            }
            if relations.get(&link.relation) != Some(&true) {
                summary.invalid.push(refuse(format!("no relation {:?}", link.relation)));
                continue;
            }
            let Some(to) = link.to_id else {
                summary.invalid.push(refuse(format!("no item {:?}", link.target)));
                continue;
            };
            if to == link.from_id {
                summary.invalid.push(refuse("an item cannot relate to itself".into()));
                continue;
            }
            if unique.insert((link.from_id, link.relation.clone(), to)) {
                batch.push(ci_relationship::ActiveModel {
                    id: Set(uuid::Uuid::now_v7()),
                    org_id: Set(org_id.uuid()),
                    from_id: Set(link.from_id),
                    relation: Set(link.relation),
                    to_id: Set(to),
                    created_at: Set(unit.now()),
                });
            }
        }
        summary.relationships_created += insert_new(conn, batch).await?;
    }
}

/// Inserts the relationships not already there; how many were new.
async fn insert_new<C: ConnectionTrait>(conn: &C, batch: Vec<ci_relationship::ActiveModel>) -> StoreResult<u64> {
    if batch.is_empty() {
        return Ok(0);
    }
    let key = [
        ci_relationship::Column::OrgId,
        ci_relationship::Column::FromId,
        ci_relationship::Column::Relation,
        ci_relationship::Column::ToId,
    ];
    let inserted = ci_relationship::Entity::insert_many(batch)
        .on_conflict(OnConflict::columns(key).do_nothing().to_owned())
        .exec_without_returning(conn)
        .await?;
    Ok(inserted)
}
