//! API tokens and single-use emailed tokens (email verification, password
//! reset). Only hashes of the secrets are stored.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

use super::entities::{api_token, email_token, session, user};
use super::{Store, StoreError, StoreResult, audit};
use crate::domain::accounts::{EmailPurpose, TokenScope};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::ids::{SessionId, TokenId, UserId};

#[derive(Debug, Clone)]
pub struct ApiTokenRecord {
    pub id: TokenId,
    pub user_id: UserId,
    pub name: String,
    pub scope: TokenScope,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<api_token::Model> for ApiTokenRecord {
    type Error = StoreError;

    fn try_from(model: api_token::Model) -> StoreResult<Self> {
        Ok(Self {
            id: TokenId::from_uuid(model.id),
            user_id: UserId::from_uuid(model.user_id),
            scope: model.scope.parse().map_err(StoreError::Corrupt)?,
            name: model.name,
            expires_at: model.expires_at,
            last_used_at: model.last_used_at,
            created_at: model.created_at,
        })
    }
}

pub struct NewApiToken {
    pub user_id: UserId,
    pub name: String,
    pub scope: TokenScope,
    pub token_hash: String,
    pub expires_at: Option<DateTime<Utc>>,
}

/// Sessions and API tokens a user lost at once.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Dropped {
    pub sessions: u64,
    pub tokens: u64,
}

/// Ends every session (but `keep`) and revokes every API token of `user`.
async fn drop_credentials<C: ConnectionTrait>(conn: &C, user: UserId, keep: Option<SessionId>) -> StoreResult<Dropped> {
    let mut sessions = session::Entity::delete_many().filter(session::Column::UserId.eq(user.uuid()));
    if let Some(keep) = keep {
        sessions = sessions.filter(session::Column::Id.ne(keep.uuid()));
    }
    let sessions = sessions.exec(conn).await?.rows_affected;
    let tokens = api_token::Entity::delete_many()
        .filter(api_token::Column::UserId.eq(user.uuid()))
        .exec(conn)
        .await?
        .rows_affected;
    Ok(Dropped { sessions, tokens })
}

impl Store {
    /// Signs `user` out everywhere: every session ends and every API token
    /// is revoked, recorded in the account's audit chain.
    pub async fn sign_out_everywhere(&self, user: UserId, meta: &AuditMeta) -> StoreResult<Dropped> {
        let tx = self.db.begin().await?;
        let dropped = drop_credentials(&tx, user, None).await?;
        let summary = json!({"sessions": dropped.sessions, "tokensRevoked": dropped.tokens});
        let entry = AuditEntry::new("user.signed_out_everywhere", user, summary);
        audit::append(&tx, audit::ACCOUNT_CHAIN, meta, entry, self.clock.now()).await?;
        tx.commit().await?;
        Ok(dropped)
    }

    pub async fn insert_api_token(&self, new: NewApiToken, meta: &AuditMeta) -> StoreResult<ApiTokenRecord> {
        let tx = self.db.begin().await?;
        let created = api_token::ActiveModel {
            id: Set(TokenId::new().uuid()),
            user_id: Set(new.user_id.uuid()),
            name: Set(new.name),
            token_hash: Set(new.token_hash),
            scope: Set(new.scope.key().to_owned()),
            expires_at: Set(new.expires_at),
            last_used_at: Set(None),
            created_at: Set(self.clock.now()),
        }
        .insert(&tx)
        .await
        .map_err(StoreError::from_write)?;
        let summary = json!({"name": created.name, "scope": created.scope});
        let entry = AuditEntry::new("token.created", TokenId::from_uuid(created.id), summary);
        audit::append(&tx, audit::ACCOUNT_CHAIN, meta, entry, self.clock.now()).await?;
        tx.commit().await?;
        created.try_into()
    }

    pub async fn api_tokens_of(&self, user: UserId) -> StoreResult<Vec<ApiTokenRecord>> {
        api_token::Entity::find()
            .filter(api_token::Column::UserId.eq(user.uuid()))
            .order_by_asc(api_token::Column::CreatedAt)
            .all(&self.db)
            .await?
            .into_iter()
            .map(TryInto::try_into)
            .collect()
    }

    /// Whether an API token still exists and has not expired.
    pub async fn api_token_alive(&self, id: TokenId) -> StoreResult<bool> {
        let found = api_token::Entity::find_by_id(id.uuid()).one(&self.db).await?;
        Ok(found.is_some_and(|t| t.expires_at.is_none_or(|at| at > self.clock.now())))
    }

    pub async fn api_token_by_hash(&self, token_hash: &str) -> StoreResult<Option<ApiTokenRecord>> {
        let found = api_token::Entity::find().filter(api_token::Column::TokenHash.eq(token_hash)).one(&self.db).await?;
        found.map(TryInto::try_into).transpose()
    }

    pub async fn touch_api_token(&self, id: TokenId, at: DateTime<Utc>) -> StoreResult<()> {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(at))
            .filter(api_token::Column::Id.eq(id.uuid()))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Revokes one of `user`'s tokens; `false` when they have none with that id.
    pub async fn delete_api_token(&self, user: UserId, id: TokenId, meta: &AuditMeta) -> StoreResult<bool> {
        let tx = self.db.begin().await?;
        let result = api_token::Entity::delete_many()
            .filter(api_token::Column::Id.eq(id.uuid()))
            .filter(api_token::Column::UserId.eq(user.uuid()))
            .exec(&tx)
            .await?;
        if result.rows_affected == 0 {
            return Ok(false);
        }
        audit::append(
            &tx,
            audit::ACCOUNT_CHAIN,
            meta,
            AuditEntry::new("token.revoked", id, json!({})),
            self.clock.now(),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn insert_email_token(
        &self,
        user: UserId,
        purpose: EmailPurpose,
        token_hash: String,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        email_token::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            user_id: Set(user.uuid()),
            purpose: Set(purpose.key().to_owned()),
            token_hash: Set(token_hash),
            expires_at: Set(expires_at),
            used_at: Set(None),
            created_at: Set(self.clock.now()),
        }
        .insert(&self.db)
        .await
        .map_err(StoreError::from_write)?;
        Ok(())
    }

    /// Uses an emailed token once and applies its effect in the same
    /// transaction: verifying the email, or setting the new password (which
    /// also ends every session). `None` if the token is unknown, used or expired.
    /// Whose live (unused, unexpired) emailed token this is.
    pub async fn email_token_owner(&self, token_hash: &str, purpose: EmailPurpose) -> StoreResult<Option<UserId>> {
        Ok(email_token::Entity::find()
            .filter(email_token::Column::TokenHash.eq(token_hash))
            .filter(email_token::Column::Purpose.eq(purpose.key()))
            .filter(email_token::Column::UsedAt.is_null())
            .filter(email_token::Column::ExpiresAt.gt(self.clock.now()))
            .one(&self.db)
            .await?
            .map(|token| UserId::from_uuid(token.user_id)))
    }

    pub async fn redeem_email_token(
        &self,
        token_hash: &str,
        purpose: EmailPurpose,
        new_password_hash: Option<String>,
        keep_session: Option<SessionId>,
        meta: &AuditMeta,
    ) -> StoreResult<Option<UserId>> {
        let tx = self.db.begin().await?;
        let now = self.clock.now();
        let Some(token) = email_token::Entity::find()
            .filter(email_token::Column::TokenHash.eq(token_hash))
            .filter(email_token::Column::Purpose.eq(purpose.key()))
            .filter(email_token::Column::UsedAt.is_null())
            .filter(email_token::Column::ExpiresAt.gt(now))
            .one(&tx)
            .await?
        else {
            return Ok(None);
        };
        // Claim the token: of two concurrent redeems, only one updates it.
        let claimed = email_token::Entity::update_many()
            .col_expr(email_token::Column::UsedAt, Expr::value(now))
            .filter(email_token::Column::Id.eq(token.id))
            .filter(email_token::Column::UsedAt.is_null())
            .exec(&tx)
            .await?;
        if claimed.rows_affected == 0 {
            return Ok(None);
        }
        let user_id = UserId::from_uuid(token.user_id);
        let update = user::Entity::update_many().filter(user::Column::Id.eq(token.user_id));
        let (action, summary) = match (purpose, new_password_hash) {
            (EmailPurpose::VerifyEmail, _) => {
                let first = update
                    .col_expr(user::Column::EmailVerifiedAt, Expr::value(now))
                    .filter(user::Column::EmailVerifiedAt.is_null())
                    .exec(&tx)
                    .await?;
                // Whoever signed up with the address before its owner
                // proved it loses every way in they made meanwhile.
                let dropped = match first.rows_affected {
                    0 => Dropped::default(),
                    _ => drop_credentials(&tx, user_id, keep_session).await?,
                };
                ("user.email_verified", json!({"sessionsEnded": dropped.sessions, "tokensRevoked": dropped.tokens}))
            }
            (EmailPurpose::ResetPassword, Some(hash)) => {
                let dropped = drop_credentials(&tx, user_id, None).await?;
                // Other reset links mailed earlier die with this reset.
                email_token::Entity::update_many()
                    .col_expr(email_token::Column::UsedAt, Expr::value(now))
                    .filter(email_token::Column::UserId.eq(token.user_id))
                    .filter(email_token::Column::Purpose.eq(EmailPurpose::ResetPassword.key()))
                    .filter(email_token::Column::UsedAt.is_null())
                    .exec(&tx)
                    .await?;
                update.col_expr(user::Column::PasswordHash, Expr::value(hash)).exec(&tx).await?;
                ("user.password_reset", json!({"sessionsEnded": dropped.sessions, "tokensRevoked": dropped.tokens}))
            }
            (EmailPurpose::ResetPassword, None) => return Err(StoreError::Corrupt("reset without a password".into())),
        };
        audit::append(&tx, audit::ACCOUNT_CHAIN, meta, AuditEntry::new(action, user_id, summary), self.clock.now())
            .await?;
        tx.commit().await?;
        Ok(Some(user_id))
    }

    /// Records an account-level event (sign-up, sign-in, sign-out).
    pub async fn record_account_event(&self, meta: &AuditMeta, entry: AuditEntry) -> StoreResult<()> {
        let tx = self.db.begin().await?;
        audit::append(&tx, audit::ACCOUNT_CHAIN, meta, entry, self.clock.now()).await?;
        tx.commit().await?;
        Ok(())
    }
}
