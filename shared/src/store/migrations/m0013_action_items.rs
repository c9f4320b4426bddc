//! A postmortem's action items: what the team will do, by whom and by
//! when, and the problem or change each became.

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
            "action_items",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                uuid("article_id"),
                string("title"),
                uuid_null("owner_id"),
                date_null("due_on"),
                // `open`, `done`.
                string("status"),
                // The problem or change it became.
                string_null("record_kind"),
                uuid_null("record_id"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("updated_at"),
                integer("version"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "action_items", &["org_id", "article_id"], false).await?;
        // Open items past due, soonest first.
        create_index(manager, "action_items", &["org_id", "status", "due_on"], false).await
    }
}
