//! Users and sessions: global tables, not owned by any organisation.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;

use super::entities::{session, user};
use super::{Store, StoreError, StoreResult, audit};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::ids::{SessionId, UserId};

#[derive(Debug, Clone)]
pub struct UserRecord {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<user::Model> for UserRecord {
    fn from(model: user::Model) -> Self {
        Self {
            id: UserId::from_uuid(model.id),
            email: model.email,
            name: model.name,
            password_hash: model.password_hash,
            email_verified_at: model.email_verified_at,
            created_at: model.created_at,
        }
    }
}

pub struct NewUser {
    pub email: String,
    pub name: String,
    pub password_hash: String,
    /// Set when the address was proven on the way in (an accepted invite).
    pub email_verified_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub id: SessionId,
    pub user_id: UserId,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl From<session::Model> for SessionRecord {
    fn from(model: session::Model) -> Self {
        Self {
            id: SessionId::from_uuid(model.id),
            user_id: UserId::from_uuid(model.user_id),
            created_at: model.created_at,
            last_seen_at: model.last_seen_at,
            expires_at: model.expires_at,
        }
    }
}

impl Store {
    /// Inserts a user; a taken email is [`StoreError::Duplicate`].
    pub async fn insert_user(&self, new: NewUser, meta: &AuditMeta) -> StoreResult<UserRecord> {
        let tx = self.db.begin().await?;
        let created = insert_user_on(&tx, new, meta, self.clock.now()).await?;
        tx.commit().await?;
        Ok(created)
    }

    pub async fn user(&self, id: UserId) -> StoreResult<Option<UserRecord>> {
        user_on(&self.db, id).await
    }

    pub async fn user_by_email(&self, email: &str) -> StoreResult<Option<UserRecord>> {
        let found = user::Entity::find().filter(user::Column::Email.eq(email)).one(&self.db).await?;
        Ok(found.map(Into::into))
    }

    /// Starts a session and records the sign-in.
    pub async fn insert_session(
        &self,
        user_id: UserId,
        token_hash: String,
        expires_at: DateTime<Utc>,
        meta: &AuditMeta,
    ) -> StoreResult<SessionRecord> {
        let tx = self.db.begin().await?;
        let now = self.clock.now();
        let model = session::ActiveModel {
            id: Set(SessionId::new().uuid()),
            user_id: Set(user_id.uuid()),
            token_hash: Set(token_hash),
            created_at: Set(now),
            last_seen_at: Set(now),
            expires_at: Set(expires_at),
        };
        let created: SessionRecord = model.insert(&tx).await.map_err(StoreError::from_write)?.into();
        audit::append(
            &tx,
            audit::ACCOUNT_CHAIN,
            meta,
            AuditEntry::new("user.signed_in", user_id, json!({})),
            self.clock.now(),
        )
        .await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Whether a session still exists and has not reached its absolute end.
    pub async fn session_alive(&self, id: SessionId) -> StoreResult<bool> {
        let found = session::Entity::find_by_id(id.uuid()).one(&self.db).await?;
        Ok(found.is_some_and(|s| s.expires_at > self.clock.now()))
    }

    pub async fn session_by_token_hash(&self, token_hash: &str) -> StoreResult<Option<SessionRecord>> {
        let found = session::Entity::find().filter(session::Column::TokenHash.eq(token_hash)).one(&self.db).await?;
        Ok(found.map(Into::into))
    }

    pub async fn touch_session(&self, id: SessionId, at: DateTime<Utc>) -> StoreResult<()> {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, sea_orm::sea_query::Expr::value(at))
            .filter(session::Column::Id.eq(id.uuid()))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    pub async fn delete_session(&self, id: SessionId) -> StoreResult<()> {
        session::Entity::delete_by_id(id.uuid()).exec(&self.db).await?;
        Ok(())
    }
}

/// Inserts a user and records the sign-up, inside the caller's transaction.
/// An account by id, on `conn` (inside a unit of work).
pub(super) async fn user_on<C: ConnectionTrait>(conn: &C, id: UserId) -> StoreResult<Option<UserRecord>> {
    Ok(user::Entity::find_by_id(id.uuid()).one(conn).await?.map(Into::into))
}

pub(super) async fn insert_user_on<C: ConnectionTrait>(
    conn: &C,
    new: NewUser,
    meta: &AuditMeta,
    now: DateTime<Utc>,
) -> StoreResult<UserRecord> {
    let model = user::ActiveModel {
        id: Set(UserId::new().uuid()),
        email: Set(new.email),
        name: Set(new.name),
        password_hash: Set(new.password_hash),
        email_verified_at: Set(new.email_verified_at),
        created_at: Set(now),
    };
    let created: UserRecord = model.insert(conn).await.map_err(StoreError::from_write)?.into();
    let entry = AuditEntry::new("user.signed_up", created.id, json!({"email": created.email}));
    let meta = meta.clone().with_actor(created.id, &created.email);
    audit::append(conn, audit::ACCOUNT_CHAIN, &meta, entry, now).await?;
    Ok(created)
}
