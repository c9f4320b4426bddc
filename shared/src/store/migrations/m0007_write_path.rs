//! The write path under load: pending events found through a partial index
//! (a relay's claim costs the same at any outbox size), relayed events
//! and expired idempotency keys prunable by age, and each incident's current trigger kept on the incident
//! itself, so escalation decisions no longer read (prunable) outbox history.
//! (Escalations and deliveries were already claimed through indexes that
//! lead with their `due` condition.)

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn create_partial_index(
    manager: &SchemaManager<'_>,
    name: &'static str,
    table: &'static str,
    column: &'static str,
    only: SimpleExpr,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table).col(column).and_where(only);
    manager.create_index(index).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let col = |name: &'static str| Expr::col(Alias::new(name));
        create_partial_index(manager, "ix_outbox_pending", "outbox", "seq", col("relayed_at").is_null()).await?;
        create_partial_index(manager, "ix_outbox_relayed", "outbox", "relayed_at", col("relayed_at").is_not_null())
            .await?;
        // The sweep prunes expired keys.
        let mut expiry = Index::create();
        expiry.name("ix_idempotency_keys_created_at").table("idempotency_keys").col("created_at");
        manager.create_index(expiry).await?;
        manager
            .alter_table(Table::alter().table("incidents").add_column(uuid_null("trigger_event_id")).to_owned())
            .await?;
        // The event that last opened each incident: its creation or latest
        // reopening, found through an index made for this backfill alone.
        let mut lookup = Index::create();
        lookup.name("ix_outbox_backfill_trigger").table("outbox").col("org_id").col("incident_id").col("seq");
        manager.create_index(lookup).await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE incidents SET trigger_event_id = (
                     SELECT event_id FROM outbox
                     WHERE outbox.org_id = incidents.org_id AND outbox.incident_id = incidents.id
                       AND outbox.event_type IN ('incident.created', 'incident.reopened')
                     ORDER BY outbox.seq DESC LIMIT 1)",
            )
            .await?;
        manager.drop_index(Index::drop().name("ix_outbox_backfill_trigger").table("outbox").to_owned()).await
    }
}
