//! Running escalations: one run of an incident's escalation policy at a
//! time, moved on step by step by whoever holds the current step.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

use super::super::entities::{escalation, incident};
use super::super::incidents::latest_trigger_on;
use super::super::scope::{scoped, scoped_delete, scoped_update};
use super::super::{OrgStore, StoreResult, lock_chain};
use crate::domain::incidents::IncidentStatus;
use crate::ids::{EventId, IncidentId};

/// One run of an incident's escalation policy. Its id is the id of the
/// event that started it (`incident.created` or `incident.reopened`), so a
/// redelivered event finds its run instead of starting another.
#[derive(Debug, Clone)]
pub struct EscalationRecord {
    pub id: uuid::Uuid,
    pub incident_id: IncidentId,
    pub policy_id: uuid::Uuid,
    pub next_step: i32,
    pub due_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl EscalationRecord {
    /// The event that started this run.
    pub fn trigger(&self) -> EventId {
        EventId::from_uuid(self.id)
    }
}

impl From<escalation::Model> for EscalationRecord {
    fn from(m: escalation::Model) -> Self {
        Self {
            id: m.id,
            incident_id: IncidentId::from_uuid(m.incident_id),
            policy_id: m.policy_id,
            next_step: m.next_step,
            due_at: m.due_at,
            finished_at: m.finished_at,
        }
    }
}

impl OrgStore<'_> {
    /// Starts the incident's escalation for `trigger`, the event that last
    /// opened it, unless `trigger` already started it; a run of an earlier
    /// trigger (the incident was reopened), finished or not, gives way to the
    /// new one, whose steps' deliveries are new too. `false` when `trigger`
    /// is no longer the latest: nothing was started.
    pub async fn start_escalation(
        &self,
        incident: IncidentId,
        trigger: EventId,
        policy: uuid::Uuid,
        due_at: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let tx = self.db.begin().await?;
        // Starts and stops of one incident's escalation take turns, and
        // decide on what they read under the lock: a late copy of an older
        // trigger must not replace the newest one's run.
        lock_chain(&tx, incident.uuid()).await?;
        if latest_trigger_on(&tx, self.org_id, incident).await? != Some(trigger) {
            tx.commit().await?;
            return Ok(false);
        }
        scoped_delete::<escalation::Entity>(self.org_id)
            .filter(escalation::Column::IncidentId.eq(incident.uuid()))
            .filter(escalation::Column::Id.ne(trigger.uuid()))
            .exec(&tx)
            .await?;
        let row = escalation::ActiveModel {
            id: Set(trigger.uuid()),
            org_id: Set(self.org_id.uuid()),
            incident_id: Set(incident.uuid()),
            policy_id: Set(policy),
            next_step: Set(0),
            due_at: Set(due_at),
            claimed_until: Set(None),
            finished_at: Set(None),
        };
        escalation::Entity::insert(row)
            .on_conflict(OnConflict::column(escalation::Column::IncidentId).do_nothing().to_owned())
            .exec_without_returning(&tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn escalation(&self, id: uuid::Uuid) -> StoreResult<Option<EscalationRecord>> {
        Ok(scoped::<escalation::Entity>(self.org_id)
            .filter(escalation::Column::Id.eq(id))
            .one(self.db)
            .await?
            .map(Into::into))
    }

    /// Moves an escalation on after `step` was notified: due again at
    /// `next` with the following step, or finished when `next` is `None`.
    /// Only the holder of `step` moves it, so a redelivered message does not
    /// skip a level.
    pub async fn advance_escalation(
        &self,
        id: uuid::Uuid,
        step: i32,
        next: Option<DateTime<Utc>>,
    ) -> StoreResult<bool> {
        let mut update = scoped_update::<escalation::Entity>(self.org_id)
            .col_expr(escalation::Column::NextStep, Expr::value(step + 1))
            .col_expr(escalation::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None));
        update = match next {
            Some(due) => update.col_expr(escalation::Column::DueAt, Expr::value(due)),
            None => update.col_expr(escalation::Column::FinishedAt, Expr::value(self.clock.now())),
        };
        let moved = update
            .filter(escalation::Column::Id.eq(id))
            .filter(escalation::Column::NextStep.eq(step))
            .filter(escalation::Column::FinishedAt.is_null())
            .exec(self.db)
            .await?;
        Ok(moved.rows_affected == 1)
    }

    /// Stops the incident's escalation unless the incident is open (it was
    /// acknowledged, resolved or otherwise moved on).
    pub async fn stop_escalation(&self, incident: IncidentId) -> StoreResult<bool> {
        let tx = self.db.begin().await?;
        lock_chain(&tx, incident.uuid()).await?;
        // Reopened meanwhile: the run now belongs to the reopening.
        let open = self
            .rows::<incident::Entity>()
            .filter(incident::Column::Id.eq(incident.uuid()))
            .one(&tx)
            .await?
            .is_some_and(|row| row.status == IncidentStatus::Open.key());
        let stopped = if open {
            0
        } else {
            scoped_update::<escalation::Entity>(self.org_id)
                .col_expr(escalation::Column::FinishedAt, Expr::value(self.clock.now()))
                .filter(escalation::Column::IncidentId.eq(incident.uuid()))
                .filter(escalation::Column::FinishedAt.is_null())
                .exec(&tx)
                .await?
                .rows_affected
        };
        tx.commit().await?;
        Ok(stopped > 0)
    }

    /// Ends one run: its incident moved on, or its policy is gone.
    pub async fn finish_escalation(&self, id: uuid::Uuid) -> StoreResult<bool> {
        let finished = scoped_update::<escalation::Entity>(self.org_id)
            .col_expr(escalation::Column::FinishedAt, Expr::value(self.clock.now()))
            .filter(escalation::Column::Id.eq(id))
            .filter(escalation::Column::FinishedAt.is_null())
            .exec(self.db)
            .await?;
        Ok(finished.rows_affected > 0)
    }
}
