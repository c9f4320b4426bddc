//! Operational level agreements: a clock may measure one fulfilment task
//! of a request, against the team that owns it, and clocks are counted by
//! team and by the day they breached for the compliance dashboard.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{add, create_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The task a clock measures (its record stays the request); null for
        // a record's own clocks.
        add(manager, "sla_clocks", uuid_null("task_id")).await?;
        // The team measured: a task's team.
        add(manager, "sla_clocks", uuid_null("team_id")).await?;
        create_index(manager, "sla_clocks", &["org_id", "created_at"], false).await?;
        create_index(manager, "sla_clocks", &["org_id", "breached_at"], false).await
    }
}
