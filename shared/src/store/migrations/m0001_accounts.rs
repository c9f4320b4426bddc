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
            "users",
            vec![
                pk_uuid("id"),
                string_uniq("email"),
                string("name"),
                string("password_hash"),
                timestamp_with_time_zone_null("email_verified_at"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        create_table(
            manager,
            "sessions",
            vec![
                pk_uuid("id"),
                uuid("user_id"),
                string_uniq("token_hash"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("last_seen_at"),
                timestamp_with_time_zone("expires_at"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "sessions", &["user_id"], false).await?;
        create_table(
            manager,
            "orgs",
            vec![
                pk_uuid("id"),
                string("name"),
                string_uniq("slug"),
                string("plan"),
                string("features"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        create_table(
            manager,
            "memberships",
            vec![uuid("org_id"), uuid("user_id"), string("roles"), timestamp_with_time_zone("created_at")],
            &["org_id", "user_id"],
        )
        .await?;
        create_index(manager, "memberships", &["user_id"], false).await
    }
}
