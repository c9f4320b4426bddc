//! An organisation's channels: its sealed channel settings, its outbound
//! webhook endpoints, and each member's contact rules.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde_json::json;

use super::super::entities::{channel_setting, contact_rule, webhook_endpoint};
use super::super::scope::{scoped, scoped_delete, scoped_update};
use super::super::{OrgStore, StoreError, StoreResult, audit};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::ids::UserId;

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
            self.clock.now(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces a channel's sealed settings by the same settings sealed
    /// again (key rotation), unless they changed since `old` was read.
    pub async fn reseal_channel_settings(&self, channel: &str, old: &str, new: String) -> StoreResult<()> {
        scoped_update::<channel_setting::Entity>(self.org_id)
            .col_expr(channel_setting::Column::Sealed, Expr::value(new))
            .filter(channel_setting::Column::Channel.eq(channel))
            .filter(channel_setting::Column::Sealed.eq(old))
            .exec(self.db)
            .await?;
        Ok(())
    }

    /// Replaces a webhook endpoint's sealed secret (current or previous)
    /// `old` by the same secret sealed again, unless it changed meanwhile.
    pub async fn reseal_webhook_secret(&self, id: uuid::Uuid, old: &str, new: String) -> StoreResult<()> {
        for column in [webhook_endpoint::Column::SecretSealed, webhook_endpoint::Column::PreviousSecretSealed] {
            scoped_update::<webhook_endpoint::Entity>(self.org_id)
                .col_expr(column, Expr::value(new.clone()))
                .filter(webhook_endpoint::Column::Id.eq(id))
                .filter(column.eq(old))
                .exec(self.db)
                .await?;
        }
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
                self.clock.now(),
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
        audit::append(
            &tx,
            self.org_id.uuid(),
            meta,
            AuditEntry::new("webhook.created", row.id, summary),
            self.clock.now(),
        )
        .await?;
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
            self.clock.now(),
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
            audit::append(
                &tx,
                self.org_id.uuid(),
                meta,
                AuditEntry::new("webhook.deleted", id, json!({})),
                self.clock.now(),
            )
            .await?;
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
}
