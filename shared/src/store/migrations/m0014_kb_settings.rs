//! An organisation's knowledge-base settings: its postmortem template,
//! and the review (one approval step) publishing needs, if any.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::create_table;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_table(
            manager,
            "kb_settings",
            vec![
                pk_uuid("org_id"),
                // JSON: the sections, each with `title` and `required`.
                text("postmortem_template"),
                // JSON: the approval step publishing needs; none: no review.
                text_null("review"),
                timestamp_with_time_zone("updated_at"),
            ],
            &["org_id"],
        )
        .await
    }
}
