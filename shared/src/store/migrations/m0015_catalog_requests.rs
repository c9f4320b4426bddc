//! The service catalogue (categories, items, every version of an item's
//! form) and service requests with their fulfilment tasks.

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
            "catalog_categories",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                string("name"),
                text("description"),
                integer("position"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("updated_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "catalog_categories", &["org_id", "name"], true).await?;
        create_table(
            manager,
            "catalog_items",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                uuid_null("category_id"),
                string("name"),
                text("description"),
                string("icon"),
                // `draft`, `published`, `retired`.
                string("status"),
                // The form new requests are raised with (catalog_item_forms).
                integer("form_version"),
                // JSON: approval steps, fulfilment plan, the teams that may request it.
                text("approval"),
                text("fulfilment"),
                text("audience_teams"),
                integer_null("target_minutes"),
                uuid("created_by"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("updated_at"),
                integer("version"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "catalog_items", &["org_id", "name"], true).await?;
        create_index(manager, "catalog_items", &["org_id", "status"], false).await?;
        create_table(
            manager,
            "catalog_item_forms",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                uuid("item_id"),
                integer("form_version"),
                text("schema"),
                uuid("created_by"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "catalog_item_forms", &["org_id", "item_id", "form_version"], true).await?;
        create_table(
            manager,
            "service_requests",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                big_integer("number"),
                uuid("item_id"),
                integer("form_version"),
                string("title"),
                text("answers"),
                string("status"),
                uuid("requested_by"),
                timestamp_with_time_zone_null("due_at"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("updated_at"),
                timestamp_with_time_zone_null("closed_at"),
                integer("version"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "service_requests", &["org_id", "number"], true).await?;
        create_index(manager, "service_requests", &["org_id", "requested_by", "number"], false).await?;
        create_index(manager, "service_requests", &["org_id", "status", "number"], false).await?;
        create_table(
            manager,
            "request_tasks",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                uuid("request_id"),
                integer("stage"),
                integer("position"),
                string("name"),
                uuid("team_id"),
                uuid_null("assignee_id"),
                string("status"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("updated_at"),
                timestamp_with_time_zone_null("done_at"),
                integer("version"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "request_tasks", &["org_id", "request_id", "stage"], false).await?;
        // A team's queue.
        create_index(manager, "request_tasks", &["org_id", "team_id", "status"], false).await
    }
}
