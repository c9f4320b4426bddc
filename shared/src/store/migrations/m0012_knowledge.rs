//! Knowledge management: articles get a lifecycle (draft → in review →
//! published → retired), a kind (`article`, `postmortem`), tags, an
//! owner, a visibility (`internal`, or `portal` for requesters) and a
//! review date; every save is a version. One search index holds what
//! search finds — published articles, known errors, incident titles —
//! ranked by each store's full-text engine: a weighted `tsvector` with a
//! GIN index on PostgreSQL, an FTS5 table kept by triggers on SQLite.

use sea_orm::DatabaseBackend;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{add, create_index, create_table, run};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Articles written before this were readable by everyone: published.
        add(manager, "kb_articles", string("status").default("published").to_owned()).await?;
        add(manager, "kb_articles", string("kind").default("article").to_owned()).await?;
        add(manager, "kb_articles", text("tags").default("[]").to_owned()).await?;
        add(manager, "kb_articles", uuid_null("owner_id").to_owned()).await?;
        add(manager, "kb_articles", string("visibility").default("internal").to_owned()).await?;
        add(manager, "kb_articles", date_null("review_on").to_owned()).await?;
        // Every save of the text is a revision (the record's `version`,
        // its ETag, also moves with status and metadata); readers see the
        // published revision, later ones are drafts of the next.
        add(manager, "kb_articles", integer("revision").default(1).to_owned()).await?;
        add(manager, "kb_articles", integer_null("published_revision").to_owned()).await?;
        // A postmortem's incident.
        add(manager, "kb_articles", uuid_null("incident_id").to_owned()).await?;
        run(manager, "UPDATE kb_articles SET published_revision = 1").await?;
        create_index(manager, "kb_articles", &["org_id", "status", "number"], false).await?;

        create_table(
            manager,
            "kb_article_versions",
            vec![
                uuid("org_id"),
                uuid("article_id"),
                integer("revision"),
                string("title"),
                text("body"),
                // What the save changed, in the author's words.
                string("summary"),
                uuid("author_id"),
                timestamp_with_time_zone("created_at"),
                // When this revision became the one readers see.
                timestamp_with_time_zone_null("published_at"),
            ],
            &["article_id", "revision"],
        )
        .await?;
        run(
            manager,
            "INSERT INTO kb_article_versions \
             (org_id, article_id, revision, title, body, summary, author_id, created_at, published_at) \
             SELECT org_id, id, 1, title, body, '', author_id, updated_at, updated_at FROM kb_articles",
        )
        .await?;

        create_table(
            manager,
            "search_documents",
            vec![
                big_pk_auto("seq"),
                uuid("org_id"),
                // `article`, `known_error`, `incident`.
                string("kind"),
                uuid("record_id"),
                big_integer("number"),
                text("title"),
                text("body"),
                // Space-separated, so they are searched as words.
                text("tags"),
                // `internal`, or `portal`: requesters find it too.
                string("visibility"),
                timestamp_with_time_zone("updated_at"),
            ],
            &["seq"],
        )
        .await?;
        create_index(manager, "search_documents", &["org_id", "kind", "record_id"], true).await?;
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                // Titles and tags weigh most (A), bodies less (B).
                run(
                    manager,
                    "ALTER TABLE search_documents ADD COLUMN document tsvector GENERATED ALWAYS AS ( \
                       setweight(to_tsvector('english', title), 'A') || \
                       setweight(to_tsvector('english', tags), 'A') || \
                       setweight(to_tsvector('english', body), 'B')) STORED",
                )
                .await?;
                run(manager, "CREATE INDEX ix_search_documents_document ON search_documents USING GIN (document)")
                    .await?;
            }
            _ => {
                run(
                    manager,
                    "CREATE VIRTUAL TABLE search_fts USING fts5(title, tags, body, content='search_documents', \
                     content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2')",
                )
                .await?;
                run(
                    manager,
                    "CREATE TRIGGER search_documents_added AFTER INSERT ON search_documents BEGIN \
                       INSERT INTO search_fts(rowid, title, tags, body) VALUES (new.seq, new.title, new.tags, new.body); \
                     END",
                )
                .await?;
                run(
                    manager,
                    "CREATE TRIGGER search_documents_removed AFTER DELETE ON search_documents BEGIN \
                       INSERT INTO search_fts(search_fts, rowid, title, tags, body) \
                       VALUES ('delete', old.seq, old.title, old.tags, old.body); \
                     END",
                )
                .await?;
                run(
                    manager,
                    "CREATE TRIGGER search_documents_changed AFTER UPDATE ON search_documents BEGIN \
                       INSERT INTO search_fts(search_fts, rowid, title, tags, body) \
                       VALUES ('delete', old.seq, old.title, old.tags, old.body); \
                       INSERT INTO search_fts(rowid, title, tags, body) VALUES (new.seq, new.title, new.tags, new.body); \
                     END",
                )
                .await?;
            }
        }
        // What search found before this: published articles, published
        // workarounds, incident titles.
        run(
            manager,
            "INSERT INTO search_documents (org_id, kind, record_id, number, title, body, tags, visibility, updated_at) \
             SELECT org_id, 'article', id, number, title, body, '', 'internal', updated_at FROM kb_articles",
        )
        .await?;
        run(
            manager,
            "INSERT INTO search_documents (org_id, kind, record_id, number, title, body, tags, visibility, updated_at) \
             SELECT org_id, 'known_error', id, number, title, symptom || ' ' || workaround, '', 'internal', updated_at FROM problems \
             WHERE workaround_published_at IS NOT NULL",
        )
        .await?;
        run(
            manager,
            "INSERT INTO search_documents (org_id, kind, record_id, number, title, body, tags, visibility, updated_at) \
             SELECT org_id, 'incident', id, number, title, '', '', 'internal', updated_at FROM incidents",
        )
        .await
    }
}
