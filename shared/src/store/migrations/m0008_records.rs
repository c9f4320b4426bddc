//! The record kernel: one counter per organisation and record kind, one
//! timeline and one outbox keyed by subject (kind + id) rather than by
//! incident, idempotency keys for any kind's create, links between records
//! and to things outside, numbered and versioned knowledge-base articles,
//! and teams (which incidents may be assigned to).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{add, create_index, create_table, run};

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn rename(
    manager: &SchemaManager<'_>,
    table: &'static str,
    from: &'static str,
    to: &'static str,
) -> Result<(), DbErr> {
    manager.alter_table(Table::alter().table(table).rename_column(from, to).to_owned()).await
}

async fn drop_index(manager: &SchemaManager<'_>, table: &'static str, name: &'static str) -> Result<(), DbErr> {
    manager.drop_index(Index::drop().name(name).table(table).to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Counters per (organisation, kind).
        create_table(
            manager,
            "record_counters",
            vec![uuid("org_id"), string("kind"), big_integer("last_number")],
            &["org_id", "kind"],
        )
        .await?;
        run(
            manager,
            "INSERT INTO record_counters (org_id, kind, last_number) SELECT org_id, 'incident', last_number FROM incident_counters",
        )
        .await?;
        manager.drop_table(Table::drop().table("incident_counters").to_owned()).await?;

        // The timeline, by subject.
        rename(manager, "timeline_entries", "incident_id", "subject_id").await?;
        add(manager, "timeline_entries", string("subject_kind").default("incident").to_owned()).await?;
        drop_index(manager, "timeline_entries", "ix_timeline_entries_org_id_incident_id_id").await?;
        create_index(manager, "timeline_entries", &["org_id", "subject_kind", "subject_id", "id"], false).await?;

        // Events, by subject.
        rename(manager, "outbox", "incident_id", "subject_id").await?;
        add(manager, "outbox", string_null("subject_kind")).await?;
        run(manager, "UPDATE outbox SET subject_kind = 'incident' WHERE subject_id IS NOT NULL").await?;

        // Idempotency keys of any kind's create.
        create_table(
            manager,
            "record_idempotency_keys",
            vec![
                uuid("org_id"),
                string("kind"),
                string("key"),
                uuid("record_id"),
                timestamp_with_time_zone("created_at"),
            ],
            &["org_id", "kind", "key"],
        )
        .await?;
        create_index(manager, "record_idempotency_keys", &["created_at"], false).await?;
        run(
            manager,
            "INSERT INTO record_idempotency_keys (org_id, kind, key, record_id, created_at) \
             SELECT org_id, 'incident', key, incident_id, created_at FROM idempotency_keys",
        )
        .await?;
        manager.drop_table(Table::drop().table("idempotency_keys").to_owned()).await?;

        // Links between records of one organisation, readable from both ends.
        create_table(
            manager,
            "record_links",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                string("from_kind"),
                uuid("from_id"),
                string("relation"),
                string("to_kind"),
                uuid("to_id"),
                uuid_null("created_by"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(
            manager,
            "record_links",
            &["org_id", "from_kind", "from_id", "relation", "to_kind", "to_id"],
            true,
        )
        .await?;
        create_index(manager, "record_links", &["org_id", "to_kind", "to_id"], false).await?;
        // Links to things outside (a Jira key, a ServiceNow sys_id, a URL).
        create_table(
            manager,
            "external_links",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                string("subject_kind"),
                uuid("subject_id"),
                string("system"),
                string("external_key"),
                text("url"),
                string("title"),
                uuid_null("created_by"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(
            manager,
            "external_links",
            &["org_id", "subject_kind", "subject_id", "system", "external_key"],
            true,
        )
        .await?;

        // Articles are records: numbered (in creation order) and versioned.
        add(manager, "kb_articles", big_integer("number").default(0).to_owned()).await?;
        add(manager, "kb_articles", integer("version").default(1).to_owned()).await?;
        run(
            manager,
            "UPDATE kb_articles SET number = (SELECT COUNT(*) FROM kb_articles earlier \
             WHERE earlier.org_id = kb_articles.org_id AND (earlier.created_at < kb_articles.created_at \
             OR (earlier.created_at = kb_articles.created_at AND earlier.id <= kb_articles.id)))",
        )
        .await?;
        run(
            manager,
            "INSERT INTO record_counters (org_id, kind, last_number) \
             SELECT org_id, 'article', MAX(number) FROM kb_articles GROUP BY org_id",
        )
        .await?;
        create_index(manager, "kb_articles", &["org_id", "number"], true).await?;
        create_index(manager, "kb_articles", &["org_id", "id"], false).await?;

        // Teams, and incidents assigned to one.
        create_table(
            manager,
            "teams",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                string("name"),
                // The name as compared: trimmed and lower-case.
                string("name_key"),
                text("description"),
                uuid_null("lead_id"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("updated_at"),
                integer("version"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "teams", &["org_id", "name_key"], true).await?;
        create_table(
            manager,
            "team_members",
            vec![uuid("org_id"), uuid("team_id"), uuid("user_id")],
            &["team_id", "user_id"],
        )
        .await?;
        create_index(manager, "team_members", &["org_id", "user_id"], false).await?;
        add(manager, "incidents", uuid_null("team_id")).await?;
        create_index(manager, "incidents", &["org_id", "team_id", "id"], false).await?;
        // Lists order by number (given in commit order), not by id (made
        // before the write takes its turn).
        drop_index(manager, "incidents", "ix_incidents_org_id_status_id").await?;
        drop_index(manager, "incidents", "ix_incidents_org_id_severity_rank_id").await?;
        create_index(manager, "incidents", &["org_id", "status", "number"], false).await?;
        create_index(manager, "incidents", &["org_id", "severity_rank", "number"], false).await
    }
}
