//! API tokens, emailed tokens, rate-limit counters, invites, the audit log
//! (append-only, enforced by triggers) and knowledge-base articles.

use sea_orm::DatabaseBackend;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{create_index, create_table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_table(
            manager,
            "api_tokens",
            vec![
                pk_uuid("id"),
                uuid("user_id"),
                string("name"),
                string_uniq("token_hash"),
                string("scope"),
                timestamp_with_time_zone_null("expires_at"),
                timestamp_with_time_zone_null("last_used_at"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "api_tokens", &["user_id"], false).await?;
        create_table(
            manager,
            "email_tokens",
            vec![
                pk_uuid("id"),
                uuid("user_id"),
                string("purpose"),
                string_uniq("token_hash"),
                timestamp_with_time_zone("expires_at"),
                timestamp_with_time_zone_null("used_at"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        create_table(
            manager,
            "rate_limits",
            vec![string("bucket"), big_integer("window_start"), integer("hits")],
            &["bucket", "window_start"],
        )
        .await?;
        create_table(
            manager,
            "invites",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                string("email"),
                string("roles"),
                string_uniq("token_hash"),
                uuid("invited_by"),
                timestamp_with_time_zone("expires_at"),
                timestamp_with_time_zone_null("accepted_at"),
                timestamp_with_time_zone_null("revoked_at"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "invites", &["org_id", "email"], false).await?;
        create_table(
            manager,
            "audit_events",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                big_integer("seq"),
                uuid_null("actor_id"),
                string("actor_label"),
                string("action"),
                string("target"),
                text("summary"),
                string("request_id"),
                string("ip"),
                string("user_agent"),
                timestamp_with_time_zone("created_at"),
                string("prev_hash"),
                string("hash"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "audit_events", &["org_id", "seq"], true).await?;
        create_index(manager, "audit_events", &["org_id", "actor_id", "seq"], false).await?;
        create_index(manager, "audit_events", &["org_id", "action", "seq"], false).await?;
        forbid_audit_rewrites(manager).await?;
        create_table(
            manager,
            "kb_articles",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                string("title"),
                text("body"),
                uuid("author_id"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("updated_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "kb_articles", &["org_id", "created_at"], false).await
    }
}

/// The audit log is append-only in the database itself, not only in code.
async fn forbid_audit_rewrites(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DatabaseBackend::Postgres => {
            db.execute_unprepared(
                "CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$",
            )
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                 FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
            )
            .await?;
        }
        _ => {
            for operation in ["UPDATE", "DELETE"] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER audit_events_no_{op} BEFORE {operation} ON audit_events
                     BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
                    op = operation.to_lowercase()
                ))
                .await?;
            }
        }
    }
    Ok(())
}
