//! Assets and configuration management: configuration items (`CI-n`) with
//! their type, status, criticality, owner, external id (for imports and
//! sync), attributes and labels; typed relationships between them; the
//! organisation's own item types (with attribute schemas) and relations.

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
            "configuration_items",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                big_integer("number"),
                string("name"),
                // The name as compared: trimmed and lower-case.
                string("name_key"),
                string("ci_type"),
                string("status"),
                string("criticality"),
                text("description"),
                uuid_null("owner_id"),
                uuid_null("owner_team_id"),
                // Services: the policy an incident on them pages through.
                uuid_null("escalation_policy_id"),
                string_null("external_id"),
                text("attributes"),
                text("labels"),
                timestamp_with_time_zone("created_at"),
                timestamp_with_time_zone("updated_at"),
                integer("version"),
            ],
            &["id"],
        )
        .await?;
        create_index(manager, "configuration_items", &["org_id", "number"], true).await?;
        // Imports reconcile on the external id, else on (type, name): both unique.
        create_index(manager, "configuration_items", &["org_id", "external_id"], true).await?;
        create_index(manager, "configuration_items", &["org_id", "ci_type", "name_key"], true).await?;
        create_index(manager, "configuration_items", &["org_id", "status", "number"], false).await?;

        create_table(
            manager,
            "ci_relationships",
            vec![
                pk_uuid("id"),
                uuid("org_id"),
                uuid("from_id"),
                string("relation"),
                uuid("to_id"),
                timestamp_with_time_zone("created_at"),
            ],
            &["id"],
        )
        .await?;
        // Downstream walks follow from → to; upstream walks to → from.
        create_index(manager, "ci_relationships", &["org_id", "from_id", "relation", "to_id"], true).await?;
        create_index(manager, "ci_relationships", &["org_id", "to_id", "from_id"], false).await?;

        create_table(
            manager,
            "ci_types",
            vec![uuid("org_id"), string("key"), string("name"), text("schema"), timestamp_with_time_zone("updated_at")],
            &["org_id", "key"],
        )
        .await?;
        create_table(
            manager,
            "ci_relation_types",
            vec![uuid("org_id"), string("key"), string("inverse")],
            &["org_id", "key"],
        )
        .await
    }
}
