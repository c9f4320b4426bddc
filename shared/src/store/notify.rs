//! Notification state: channel settings (sealed by the caller), webhook
//! endpoints, members' contact rules, on-call documents (schedules and
//! escalation policies), running escalations and deliveries.
//!
//! Deliveries have deterministic ids, so recording one twice (a redelivered
//! queue message) finds the first; escalations and due deliveries are
//! claimed under a lease, so concurrent sweeps never take the same row.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

use super::entities::{
    channel_setting, contact_rule, delivery, delivery_attempt, escalation, incident, oncall_document, webhook_endpoint,
};
use super::incidents::latest_trigger_on;
use super::scope::{scoped, scoped_delete, scoped_update};
use super::system::{lease_until, unclaimed};
use super::{OrgStore, StoreError, StoreResult, audit, lock_chain};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::incidents::IncidentStatus;
use crate::ids::{EventId, IncidentId, UserId};

/// How long a sweep may hold a claimed row before another may take it.
const CLAIM_LEASE: chrono::Duration = chrono::Duration::seconds(60);

/// A schedule or an escalation policy, stored as the JSON the domain reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Schedule,
    EscalationPolicy,
}

impl DocumentKind {
    fn key(self) -> &'static str {
        match self {
            Self::Schedule => "schedule",
            Self::EscalationPolicy => "escalation_policy",
        }
    }
}

#[derive(Debug, Clone)]
pub struct DocumentRecord {
    pub id: uuid::Uuid,
    pub name: String,
    pub definition: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<oncall_document::Model> for DocumentRecord {
    type Error = StoreError;

    fn try_from(m: oncall_document::Model) -> StoreResult<Self> {
        let definition = serde_json::from_str(&m.definition).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(Self { id: m.id, name: m.name, definition, created_at: m.created_at, updated_at: m.updated_at })
    }
}

#[derive(Debug, Clone)]
pub struct WebhookEndpointRecord {
    pub id: uuid::Uuid,
    pub url: String,
    pub event_types: Vec<String>,
    pub secret_sealed: String,
    pub previous_secret_sealed: Option<String>,
    pub previous_valid_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<webhook_endpoint::Model> for WebhookEndpointRecord {
    fn from(m: webhook_endpoint::Model) -> Self {
        Self {
            id: m.id,
            url: m.url,
            event_types: m.event_types.split(',').filter(|t| !t.is_empty()).map(str::to_owned).collect(),
            secret_sealed: m.secret_sealed,
            previous_secret_sealed: m.previous_secret_sealed,
            previous_valid_until: m.previous_valid_until,
            created_at: m.created_at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRecord {
    pub phone: Option<String>,
    pub rules: serde_json::Value,
}

/// A delivery as recorded: one (event, channel, recipient).
#[derive(Debug, Clone)]
pub struct DeliveryRecord {
    pub id: String,
    pub event_id: EventId,
    pub incident_id: Option<IncidentId>,
    pub channel: String,
    pub recipient: String,
    pub notice: serde_json::Value,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

crate::domain::keyed_enum!(
    /// Where a delivery stands: waiting (first try or a retry), done, given
    /// up on (an admin may retry it), or cancelled unsent because the
    /// incident moved on (a page for an incident already acknowledged).
    DeliveryStatus { Pending => "pending", Delivered => "delivered", Dead => "dead", Cancelled => "cancelled" }
);

impl TryFrom<delivery::Model> for DeliveryRecord {
    type Error = StoreError;

    fn try_from(m: delivery::Model) -> StoreResult<Self> {
        Ok(Self {
            event_id: EventId::from_uuid(m.event_id),
            incident_id: m.incident_id.map(IncidentId::from_uuid),
            notice: serde_json::from_str(&m.notice).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            status: m.status.parse().map_err(StoreError::Corrupt)?,
            id: m.id,
            channel: m.channel,
            recipient: m.recipient,
            attempts: m.attempts,
            last_status_code: m.last_status_code,
            last_error: m.last_error,
            next_attempt_at: m.next_attempt_at,
            created_at: m.created_at,
            delivered_at: m.delivered_at,
        })
    }
}

/// A delivery to record: what and to whom.
#[derive(Debug, Clone)]
pub struct NewDelivery {
    pub id: String,
    pub event_id: EventId,
    pub incident_id: Option<IncidentId>,
    pub channel: String,
    pub recipient: String,
    pub notice: serde_json::Value,
}

/// How one attempt went.
#[derive(Debug, Clone)]
pub enum AttemptOutcome {
    Delivered {
        status_code: Option<u16>,
        detail: String,
    },
    /// Try again at `retry_at`, or give up when `None`.
    Failed {
        status_code: Option<u16>,
        error: String,
        retry_at: Option<DateTime<Utc>>,
    },
}

#[derive(Debug, Clone)]
pub struct AttemptRecord {
    pub attempt: i32,
    pub attempted_at: DateTime<Utc>,
    pub status_code: Option<i32>,
    pub outcome: String,
}

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
    // Channel settings.

    pub async fn channel_settings(&self) -> StoreResult<Vec<(String, String, DateTime<Utc>)>> {
        let rows = scoped::<channel_setting::Entity>(self.org_id)
            .order_by_asc(channel_setting::Column::Channel)
            .all(self.db)
            .await?;
        Ok(rows.into_iter().map(|r| (r.channel, r.sealed, r.updated_at)).collect())
    }

    /// One channel's sealed settings, if configured.
    pub async fn channel_setting(&self, channel: &str) -> StoreResult<Option<String>> {
        let found = self
            .rows::<channel_setting::Entity>()
            .filter(channel_setting::Column::Channel.eq(channel))
            .one(self.db)
            .await?;
        Ok(found.map(|row| row.sealed))
    }

    pub async fn put_channel_settings(&self, channel: &str, sealed: String, meta: &AuditMeta) -> StoreResult<()> {
        let tx = self.db.begin().await?;
        let row = channel_setting::ActiveModel {
            org_id: Set(self.org_id.uuid()),
            channel: Set(channel.to_owned()),
            sealed: Set(sealed),
            updated_at: Set(self.clock.now()),
        };
        channel_setting::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([channel_setting::Column::OrgId, channel_setting::Column::Channel])
                    .update_columns([channel_setting::Column::Sealed, channel_setting::Column::UpdatedAt])
                    .to_owned(),
            )
            .exec(&tx)
            .await?;
        audit::append(
            &tx,
            self.org_id.uuid(),
            meta,
            AuditEntry::new("integration.configured", self.org_id, json!({"channel": channel})),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// `false` when the channel was not configured.
    pub async fn delete_channel_settings(&self, channel: &str, meta: &AuditMeta) -> StoreResult<bool> {
        let tx = self.db.begin().await?;
        let deleted = scoped_delete::<channel_setting::Entity>(self.org_id)
            .filter(channel_setting::Column::Channel.eq(channel))
            .exec(&tx)
            .await?
            .rows_affected;
        if deleted > 0 {
            audit::append(
                &tx,
                self.org_id.uuid(),
                meta,
                AuditEntry::new("integration.removed", self.org_id, json!({"channel": channel})),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(deleted > 0)
    }

    // Webhook endpoints.

    pub async fn webhook_endpoints(&self) -> StoreResult<Vec<WebhookEndpointRecord>> {
        let rows = scoped::<webhook_endpoint::Entity>(self.org_id)
            .order_by_asc(webhook_endpoint::Column::CreatedAt)
            .all(self.db)
            .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    pub async fn create_webhook_endpoint(
        &self,
        url: &str,
        event_types: &[String],
        secret_sealed: String,
        meta: &AuditMeta,
    ) -> StoreResult<WebhookEndpointRecord> {
        let tx = self.db.begin().await?;
        let row = webhook_endpoint::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            org_id: Set(self.org_id.uuid()),
            url: Set(url.to_owned()),
            event_types: Set(event_types.join(",")),
            secret_sealed: Set(secret_sealed),
            previous_secret_sealed: Set(None),
            previous_valid_until: Set(None),
            created_at: Set(self.clock.now()),
        }
        .insert(&tx)
        .await?;
        let summary = json!({"url": url, "eventTypes": event_types});
        audit::append(&tx, self.org_id.uuid(), meta, AuditEntry::new("webhook.created", row.id, summary)).await?;
        tx.commit().await?;
        Ok(row.into())
    }

    /// Replaces the secret; the old one stays valid until `grace_until`.
    pub async fn rotate_webhook_secret(
        &self,
        id: uuid::Uuid,
        secret_sealed: String,
        grace_until: DateTime<Utc>,
        meta: &AuditMeta,
    ) -> StoreResult<Option<WebhookEndpointRecord>> {
        let tx = self.db.begin().await?;
        let Some(found) = self.webhook_row(&tx, id).await? else {
            return Ok(None);
        };
        let previous = found.secret_sealed.clone();
        let mut row: webhook_endpoint::ActiveModel = found.into();
        row.previous_secret_sealed = Set(Some(previous));
        row.previous_valid_until = Set(Some(grace_until));
        row.secret_sealed = Set(secret_sealed);
        let updated = row.update(&tx).await?;
        audit::append(
            &tx,
            self.org_id.uuid(),
            meta,
            AuditEntry::new("webhook.secret_rotated", id, json!({"graceUntil": grace_until})),
        )
        .await?;
        tx.commit().await?;
        Ok(Some(updated.into()))
    }

    pub async fn delete_webhook_endpoint(&self, id: uuid::Uuid, meta: &AuditMeta) -> StoreResult<bool> {
        let tx = self.db.begin().await?;
        let deleted = scoped_delete::<webhook_endpoint::Entity>(self.org_id)
            .filter(webhook_endpoint::Column::Id.eq(id))
            .exec(&tx)
            .await?
            .rows_affected;
        if deleted > 0 {
            audit::append(&tx, self.org_id.uuid(), meta, AuditEntry::new("webhook.deleted", id, json!({}))).await?;
        }
        tx.commit().await?;
        Ok(deleted > 0)
    }

    async fn webhook_row<C: sea_orm::ConnectionTrait>(
        &self,
        conn: &C,
        id: uuid::Uuid,
    ) -> StoreResult<Option<webhook_endpoint::Model>> {
        Ok(scoped::<webhook_endpoint::Entity>(self.org_id)
            .filter(webhook_endpoint::Column::Id.eq(id))
            .one(conn)
            .await?)
    }

    pub async fn webhook_endpoint(&self, id: uuid::Uuid) -> StoreResult<Option<WebhookEndpointRecord>> {
        Ok(self.webhook_row(self.db, id).await?.map(Into::into))
    }

    // Members' contact rules.

    pub async fn contact_rules(&self, user: UserId) -> StoreResult<Option<ContactRecord>> {
        let found = self
            .rows::<contact_rule::Entity>()
            .filter(contact_rule::Column::UserId.eq(user.uuid()))
            .one(self.db)
            .await?;
        found
            .map(|r| {
                let rules = serde_json::from_str(&r.rules).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                Ok(ContactRecord { phone: r.phone, rules })
            })
            .transpose()
    }

    pub async fn put_contact_rules(&self, user: UserId, contact: &ContactRecord) -> StoreResult<()> {
        let row = contact_rule::ActiveModel {
            org_id: Set(self.org_id.uuid()),
            user_id: Set(user.uuid()),
            phone: Set(contact.phone.clone()),
            rules: Set(contact.rules.to_string()),
            updated_at: Set(self.clock.now()),
        };
        contact_rule::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([contact_rule::Column::OrgId, contact_rule::Column::UserId])
                    .update_columns([
                        contact_rule::Column::Phone,
                        contact_rule::Column::Rules,
                        contact_rule::Column::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .exec(self.db)
            .await?;
        Ok(())
    }

    // Schedules and escalation policies.

    pub async fn documents(&self, kind: DocumentKind) -> StoreResult<Vec<DocumentRecord>> {
        scoped::<oncall_document::Entity>(self.org_id)
            .filter(oncall_document::Column::Kind.eq(kind.key()))
            .order_by_asc(oncall_document::Column::Id)
            .all(self.db)
            .await?
            .into_iter()
            .map(TryInto::try_into)
            .collect()
    }

    pub async fn document(&self, kind: DocumentKind, id: uuid::Uuid) -> StoreResult<Option<DocumentRecord>> {
        scoped::<oncall_document::Entity>(self.org_id)
            .filter(oncall_document::Column::Id.eq(id))
            .filter(oncall_document::Column::Kind.eq(kind.key()))
            .one(self.db)
            .await?
            .map(TryInto::try_into)
            .transpose()
    }

    /// Creates (`id` = `None`) or replaces a document; `None` if `id` is not one of ours.
    pub async fn save_document(
        &self,
        kind: DocumentKind,
        id: Option<uuid::Uuid>,
        name: &str,
        definition: &serde_json::Value,
        meta: &AuditMeta,
    ) -> StoreResult<Option<DocumentRecord>> {
        let tx = self.db.begin().await?;
        let now = self.clock.now();
        let saved = match id {
            None => {
                oncall_document::ActiveModel {
                    id: Set(uuid::Uuid::now_v7()),
                    org_id: Set(self.org_id.uuid()),
                    kind: Set(kind.key().to_owned()),
                    name: Set(name.to_owned()),
                    definition: Set(definition.to_string()),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(&tx)
                .await?
            }
            Some(id) => {
                let Some(found) = scoped::<oncall_document::Entity>(self.org_id)
                    .filter(oncall_document::Column::Id.eq(id))
                    .filter(oncall_document::Column::Kind.eq(kind.key()))
                    .one(&tx)
                    .await?
                else {
                    return Ok(None);
                };
                let mut row: oncall_document::ActiveModel = found.into();
                row.name = Set(name.to_owned());
                row.definition = Set(definition.to_string());
                row.updated_at = Set(now);
                row.update(&tx).await?
            }
        };
        let action = match kind {
            DocumentKind::Schedule => "schedule.saved",
            DocumentKind::EscalationPolicy => "escalation_policy.saved",
        };
        audit::append(&tx, self.org_id.uuid(), meta, AuditEntry::new(action, saved.id, json!({"name": name}))).await?;
        tx.commit().await?;
        Ok(Some(saved.try_into()?))
    }

    pub async fn delete_document(&self, kind: DocumentKind, id: uuid::Uuid, meta: &AuditMeta) -> StoreResult<bool> {
        let tx = self.db.begin().await?;
        let deleted = scoped_delete::<oncall_document::Entity>(self.org_id)
            .filter(oncall_document::Column::Kind.eq(kind.key()))
            .filter(oncall_document::Column::Id.eq(id))
            .exec(&tx)
            .await?
            .rows_affected;
        if deleted > 0 {
            let action = match kind {
                DocumentKind::Schedule => "schedule.deleted",
                DocumentKind::EscalationPolicy => "escalation_policy.deleted",
            };
            audit::append(&tx, self.org_id.uuid(), meta, AuditEntry::new(action, id, json!({}))).await?;
        }
        tx.commit().await?;
        Ok(deleted > 0)
    }

    // Escalations.

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

    // Deliveries.

    /// Records a delivery unless one with its id exists; returns the stored one.
    pub async fn record_delivery(&self, new: NewDelivery) -> StoreResult<DeliveryRecord> {
        let id = new.id.clone();
        let row = delivery::ActiveModel {
            id: Set(new.id),
            org_id: Set(self.org_id.uuid()),
            event_id: Set(new.event_id.uuid()),
            incident_id: Set(new.incident_id.map(IncidentId::uuid)),
            channel: Set(new.channel),
            recipient: Set(new.recipient),
            notice: Set(new.notice.to_string()),
            status: Set(DeliveryStatus::Pending.key().to_owned()),
            attempts: Set(0),
            last_status_code: Set(None),
            last_error: Set(None),
            next_attempt_at: Set(Some(self.clock.now())),
            claimed_until: Set(None),
            created_at: Set(self.clock.now()),
            delivered_at: Set(None),
        };
        delivery::Entity::insert(row)
            .on_conflict(OnConflict::column(delivery::Column::Id).do_nothing().to_owned())
            .exec_without_returning(self.db)
            .await?;
        self.delivery(&id).await?.ok_or_else(|| StoreError::Corrupt(format!("delivery {id} of another organisation")))
    }

    pub async fn delivery(&self, id: &str) -> StoreResult<Option<DeliveryRecord>> {
        scoped::<delivery::Entity>(self.org_id)
            .filter(delivery::Column::Id.eq(id))
            .one(self.db)
            .await?
            .map(TryInto::try_into)
            .transpose()
    }

    /// Newest first; `before` pages by creation time.
    pub async fn deliveries(
        &self,
        status: Option<DeliveryStatus>,
        incident: Option<IncidentId>,
        limit: u64,
    ) -> StoreResult<Vec<DeliveryRecord>> {
        let mut query = scoped::<delivery::Entity>(self.org_id);
        if let Some(status) = status {
            query = query.filter(delivery::Column::Status.eq(status.key()));
        }
        if let Some(incident) = incident {
            query = query.filter(delivery::Column::IncidentId.eq(incident.uuid()));
        }
        query
            .order_by_desc(delivery::Column::CreatedAt)
            .order_by_desc(delivery::Column::Id)
            .limit(limit)
            .all(self.db)
            .await?
            .into_iter()
            .map(TryInto::try_into)
            .collect()
    }

    pub async fn delivery_attempts(&self, id: &str) -> StoreResult<Vec<AttemptRecord>> {
        let rows = scoped::<delivery_attempt::Entity>(self.org_id)
            .filter(delivery_attempt::Column::DeliveryId.eq(id))
            .order_by_asc(delivery_attempt::Column::Attempt)
            .all(self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| AttemptRecord {
                attempt: r.attempt,
                attempted_at: r.attempted_at,
                status_code: r.status_code,
                outcome: r.outcome,
            })
            .collect())
    }

    /// Takes a pending delivery for one attempt; `None` if it is delivered,
    /// dead, not yet due, or another worker holds it. `queued` is the lease
    /// the sweep took when it queued the delivery: that message may take it
    /// over (once: the claim replaces the lease).
    pub async fn claim_delivery(&self, id: &str, queued: Option<DateTime<Utc>>) -> StoreResult<Option<DeliveryRecord>> {
        let now = self.clock.now();
        let mut free = unclaimed(delivery::Column::ClaimedUntil, now);
        if let Some(lease) = queued {
            free = free.add(delivery::Column::ClaimedUntil.eq(lease));
        }
        let claimed = scoped_update::<delivery::Entity>(self.org_id)
            .col_expr(delivery::Column::ClaimedUntil, Expr::value(lease_until(now + CLAIM_LEASE)))
            .filter(delivery::Column::Id.eq(id))
            .filter(delivery::Column::Status.eq(DeliveryStatus::Pending.key()))
            .filter(delivery::Column::NextAttemptAt.lte(now))
            .filter(free)
            .exec(self.db)
            .await?;
        if claimed.rows_affected == 0 {
            return Ok(None);
        }
        self.delivery(id).await
    }

    /// Records one attempt of a claimed delivery and releases it.
    pub async fn record_attempt(&self, record: &DeliveryRecord, outcome: &AttemptOutcome) -> StoreResult<()> {
        let tx = self.db.begin().await?;
        let now = self.clock.now();
        let attempt = record.attempts + 1;
        let (status, code, text, next, delivered_at) = match outcome {
            AttemptOutcome::Delivered { status_code, detail } => {
                (DeliveryStatus::Delivered, *status_code, format!("delivered: {detail}"), None, Some(now))
            }
            AttemptOutcome::Failed { status_code, error, retry_at } => {
                let status = if retry_at.is_some() { DeliveryStatus::Pending } else { DeliveryStatus::Dead };
                (status, *status_code, error.clone(), *retry_at, None)
            }
        };
        let code = code.map(i32::from);
        delivery_attempt::ActiveModel {
            delivery_id: Set(record.id.clone()),
            attempt: Set(attempt),
            org_id: Set(self.org_id.uuid()),
            attempted_at: Set(now),
            status_code: Set(code),
            outcome: Set(text.clone()),
        }
        .insert(&tx)
        .await
        .map_err(StoreError::from_write)?;
        scoped_update::<delivery::Entity>(self.org_id)
            .col_expr(delivery::Column::Status, Expr::value(status.key()))
            .col_expr(delivery::Column::Attempts, Expr::value(attempt))
            .col_expr(delivery::Column::LastStatusCode, Expr::value(code))
            .col_expr(
                delivery::Column::LastError,
                Expr::value(matches!(outcome, AttemptOutcome::Failed { .. }).then_some(text)),
            )
            .col_expr(delivery::Column::NextAttemptAt, Expr::value(next))
            .col_expr(delivery::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
            .col_expr(delivery::Column::DeliveredAt, Expr::value(delivered_at))
            .filter(delivery::Column::Id.eq(&record.id))
            .exec(&tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Gives up a claimed delivery unsent: the incident moved on.
    pub async fn cancel_delivery(&self, record: &DeliveryRecord, reason: &str) -> StoreResult<()> {
        scoped_update::<delivery::Entity>(self.org_id)
            .col_expr(delivery::Column::Status, Expr::value(DeliveryStatus::Cancelled.key()))
            .col_expr(delivery::Column::LastError, Expr::value(reason))
            .col_expr(delivery::Column::NextAttemptAt, Expr::value(Option::<DateTime<Utc>>::None))
            .col_expr(delivery::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
            .filter(delivery::Column::Id.eq(&record.id))
            .exec(self.db)
            .await?;
        Ok(())
    }

    /// Puts a dead delivery back in line (an admin's retry); `false` unless it was dead.
    pub async fn retry_delivery(&self, id: &str, meta: &AuditMeta) -> StoreResult<bool> {
        let tx = self.db.begin().await?;
        let revived = scoped_update::<delivery::Entity>(self.org_id)
            .col_expr(delivery::Column::Status, Expr::value(DeliveryStatus::Pending.key()))
            .col_expr(delivery::Column::NextAttemptAt, Expr::value(self.clock.now()))
            .filter(delivery::Column::Id.eq(id))
            .filter(delivery::Column::Status.eq(DeliveryStatus::Dead.key()))
            .exec(&tx)
            .await?;
        if revived.rows_affected > 0 {
            audit::append(&tx, self.org_id.uuid(), meta, AuditEntry::new("delivery.retried", id, json!({}))).await?;
        }
        tx.commit().await?;
        Ok(revived.rows_affected > 0)
    }
}
