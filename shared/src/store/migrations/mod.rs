//! Schema migrations, portable across SQLite and PostgreSQL. Released
//! migrations are never edited; changes come as new ones.

use sea_orm_migration::prelude::*;

mod m0001_accounts;
mod m0002_org_admin;
mod m0003_incidents;
mod m0004_billing;
mod m0005_notifications;
mod m0006_checkout_sessions;
mod m0007_write_path;
mod m0008_records;
mod m0009_audit_truncate;
mod m0010_problems_changes;
mod m0011_assets;
mod m0012_knowledge;
mod m0013_action_items;
mod m0014_kb_settings;
mod m0015_catalog_requests;
mod m0016_requester_domain;
mod m0017_sla;
mod m0018_sla_olas;
mod m0019_default_sla_policy;
mod m0020_sla_policy_revisions;
mod m0021_trace_context;

pub(super) struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_accounts::Migration),
            Box::new(m0002_org_admin::Migration),
            Box::new(m0003_incidents::Migration),
            Box::new(m0004_billing::Migration),
            Box::new(m0005_notifications::Migration),
            Box::new(m0006_checkout_sessions::Migration),
            Box::new(m0007_write_path::Migration),
            Box::new(m0008_records::Migration),
            Box::new(m0009_audit_truncate::Migration),
            Box::new(m0010_problems_changes::Migration),
            Box::new(m0011_assets::Migration),
            Box::new(m0012_knowledge::Migration),
            Box::new(m0013_action_items::Migration),
            Box::new(m0014_kb_settings::Migration),
            Box::new(m0015_catalog_requests::Migration),
            Box::new(m0016_requester_domain::Migration),
            Box::new(m0017_sla::Migration),
            Box::new(m0018_sla_olas::Migration),
            Box::new(m0019_default_sla_policy::Migration),
            Box::new(m0020_sla_policy_revisions::Migration),
            Box::new(m0021_trace_context::Migration),
        ]
    }
}

/// Creates `table` with the given columns and extra (unique) indexes.
async fn create_table(
    manager: &SchemaManager<'_>,
    table: &'static str,
    columns: Vec<ColumnDef>,
    primary_key: &[&'static str],
) -> Result<(), DbErr> {
    let mut statement = Table::create();
    statement.table(table);
    for mut column in columns {
        statement.col(&mut column);
    }
    // Single-column keys are declared on their column (`pk_uuid`, `big_pk_auto`).
    if primary_key.len() > 1 {
        let mut key = Index::create();
        for column in primary_key {
            key.col(*column);
        }
        statement.primary_key(&mut key);
    }
    manager.create_table(statement).await
}

async fn create_index(
    manager: &SchemaManager<'_>,
    table: &'static str,
    columns: &[&'static str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(format!("ix_{table}_{}", columns.join("_"))).table(table);
    for column in columns {
        index.col(*column);
    }
    if unique {
        index.unique();
    }
    manager.create_index(index).await
}

async fn run(manager: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    manager.get_connection().execute_unprepared(sql).await.map(|_| ())
}

async fn add(manager: &SchemaManager<'_>, table: &'static str, column: ColumnDef) -> Result<(), DbErr> {
    let mut column = column;
    manager.alter_table(Table::alter().table(table).add_column(&mut column).to_owned()).await
}
