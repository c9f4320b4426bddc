//! Invitations: created and managed inside an organisation, accepted by
//! token from outside it.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

use super::entities::{invite, membership, org, user};
use super::orgs::decode_roles;
use super::scope::{invite_with_token, scoped, scoped_update};
use super::{NewUser, OrgRecord, OrgStore, Store, StoreError, StoreResult, UserRecord, audit};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::org::{Role, Roles};
use crate::ids::{InviteId, OrgId, UserId};

#[derive(Debug, Clone)]
pub struct InviteRecord {
    pub id: InviteId,
    pub org_id: OrgId,
    pub email: String,
    pub roles: Roles,
    pub invited_by: UserId,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<invite::Model> for InviteRecord {
    type Error = StoreError;

    fn try_from(model: invite::Model) -> StoreResult<Self> {
        Ok(Self {
            id: InviteId::from_uuid(model.id),
            org_id: OrgId::from_uuid(model.org_id),
            roles: decode_roles(&model.roles)?,
            email: model.email,
            invited_by: UserId::from_uuid(model.invited_by),
            expires_at: model.expires_at,
            created_at: model.created_at,
        })
    }
}

pub struct NewInvite {
    pub email: String,
    pub roles: Roles,
    pub token_hash: String,
    pub invited_by: UserId,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteRefusal {
    AlreadyMember,
    /// Members plus pending invites would exceed the plan's seats.
    NoSeats {
        seats: u32,
    },
}

/// Who accepts an invite: a signed-in account, or a new one to create.
pub enum Joiner {
    Existing(UserId),
    New(NewUser),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptRefusal {
    /// Unknown, used, revoked or expired: all look the same to the bearer.
    Invalid,
    /// The invite is for another email than the accepting account's.
    WrongAccount,
    AlreadyMember,
    NoSeats {
        seats: u32,
    },
}

fn pending(now: DateTime<Utc>) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(invite::Column::AcceptedAt.is_null())
        .add(invite::Column::RevokedAt.is_null())
        .add(invite::Column::ExpiresAt.gt(now))
}

/// Seats in use: members plus pending invites, optionally not counting one
/// invite. Requesters (people who only ask) take no seat.
pub(super) async fn seats_taken<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    except: Option<uuid::Uuid>,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let requester = Role::Requester.key();
    let members =
        scoped::<membership::Entity>(org_id).filter(membership::Column::Roles.ne(requester)).count(conn).await?;
    let mut invites = scoped::<invite::Entity>(org_id).filter(pending(now)).filter(invite::Column::Roles.ne(requester));
    if let Some(except) = except {
        invites = invites.filter(invite::Column::Id.ne(except));
    }
    Ok(members + invites.count(conn).await?)
}

/// The plan's seat count when every seat is taken (not counting `except`), else `None`.
pub(super) async fn seats_full<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    except: Option<uuid::Uuid>,
    now: DateTime<Utc>,
) -> StoreResult<Option<u32>> {
    let org = super::orgs::org_on(conn, org_id).await?;
    match org.plan.limits().seats {
        Some(seats) if seats_taken(conn, org_id, except, now).await? >= u64::from(seats) => Ok(Some(seats)),
        _ => Ok(None),
    }
}

impl OrgStore<'_> {
    pub async fn create_invite(
        &self,
        new: NewInvite,
        meta: &AuditMeta,
    ) -> StoreResult<Result<InviteRecord, InviteRefusal>> {
        let tx = self.db.begin().await?;
        super::lock_org(&tx, self.org_id).await?;
        if let Some(existing) = user::Entity::find().filter(user::Column::Email.eq(new.email.as_str())).one(&tx).await?
        {
            let member =
                self.rows::<membership::Entity>().filter(membership::Column::UserId.eq(existing.id)).one(&tx).await?;
            if member.is_some() {
                return Ok(Err(InviteRefusal::AlreadyMember));
            }
        }
        // A new invite for the same email replaces the pending one.
        let replaced = scoped::<invite::Entity>(self.org_id)
            .filter(invite::Column::Email.eq(new.email.as_str()))
            .filter(pending(self.clock.now()))
            .one(&tx)
            .await?;
        if !new.roles.is_requester()
            && let Some(seats) = seats_full(&tx, self.org_id, replaced.as_ref().map(|r| r.id), self.clock.now()).await?
        {
            return Ok(Err(InviteRefusal::NoSeats { seats }));
        }
        if let Some(old) = replaced {
            scoped_update::<invite::Entity>(self.org_id)
                .col_expr(invite::Column::RevokedAt, Expr::value(self.clock.now()))
                .filter(invite::Column::Id.eq(old.id))
                .exec(&tx)
                .await?;
        }
        let created = invite::ActiveModel {
            id: Set(InviteId::new().uuid()),
            org_id: Set(self.org_id.uuid()),
            email: Set(new.email),
            roles: Set(new.roles.encode()),
            token_hash: Set(new.token_hash),
            invited_by: Set(new.invited_by.uuid()),
            expires_at: Set(new.expires_at),
            accepted_at: Set(None),
            revoked_at: Set(None),
            created_at: Set(self.clock.now()),
        }
        .insert(&tx)
        .await
        .map_err(StoreError::from_write)?;
        let summary = json!({"email": created.email, "roles": new.roles.to_vec()});
        let entry = AuditEntry::new("invite.created", InviteId::from_uuid(created.id), summary);
        audit::append(&tx, self.org_id.uuid(), meta, entry, self.clock.now()).await?;
        tx.commit().await?;
        Ok(Ok(created.try_into()?))
    }

    pub async fn pending_invites(&self) -> StoreResult<Vec<InviteRecord>> {
        scoped::<invite::Entity>(self.org_id)
            .filter(pending(self.clock.now()))
            .order_by_asc(invite::Column::CreatedAt)
            .all(self.db)
            .await?
            .into_iter()
            .map(TryInto::try_into)
            .collect()
    }

    /// Revokes a pending invite; `false` when there is none with that id.
    pub async fn revoke_invite(&self, id: InviteId, meta: &AuditMeta) -> StoreResult<bool> {
        let tx = self.db.begin().await?;
        let result = scoped_update::<invite::Entity>(self.org_id)
            .col_expr(invite::Column::RevokedAt, Expr::value(self.clock.now()))
            .filter(invite::Column::Id.eq(id.uuid()))
            .filter(pending(self.clock.now()))
            .exec(&tx)
            .await?;
        if result.rows_affected == 0 {
            return Ok(false);
        }
        audit::append(
            &tx,
            self.org_id.uuid(),
            meta,
            AuditEntry::new("invite.revoked", id, json!({})),
            self.clock.now(),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Gives a pending invite a new token and expiry (the old link stops working).
    pub async fn renew_invite(
        &self,
        id: InviteId,
        token_hash: String,
        expires_at: DateTime<Utc>,
        meta: &AuditMeta,
    ) -> StoreResult<Option<InviteRecord>> {
        let tx = self.db.begin().await?;
        let result = scoped_update::<invite::Entity>(self.org_id)
            .col_expr(invite::Column::TokenHash, Expr::value(token_hash))
            .col_expr(invite::Column::ExpiresAt, Expr::value(expires_at))
            .filter(invite::Column::Id.eq(id.uuid()))
            .filter(invite::Column::AcceptedAt.is_null())
            .filter(invite::Column::RevokedAt.is_null())
            .exec(&tx)
            .await?;
        if result.rows_affected == 0 {
            return Ok(None);
        }
        audit::append(&tx, self.org_id.uuid(), meta, AuditEntry::new("invite.resent", id, json!({})), self.clock.now())
            .await?;
        let renewed = self.rows::<invite::Entity>().filter(invite::Column::Id.eq(id.uuid())).one(&tx).await?;
        tx.commit().await?;
        renewed.map(TryInto::try_into).transpose()
    }
}

impl Store {
    /// The pending invite a token stands for, if any.
    pub async fn invite_by_token_hash(&self, token_hash: &str) -> StoreResult<Option<(InviteRecord, OrgRecord)>> {
        let Some(found) = invite_with_token(token_hash).filter(pending(self.clock.now())).one(&self.db).await? else {
            return Ok(None);
        };
        let org = org::Entity::find_by_id(found.org_id).one(&self.db).await?;
        match org {
            Some(org) => Ok(Some((found.try_into()?, org.try_into()?))),
            None => Ok(None),
        }
    }

    /// Accepts an invite for `joiner` (whose email must match the invite's):
    /// creating the account when it is new, the membership and the invite's
    /// use happen together or not at all. Returns the member.
    pub async fn accept_invite(
        &self,
        token_hash: &str,
        joiner: Joiner,
        meta: &AuditMeta,
    ) -> StoreResult<Result<UserRecord, AcceptRefusal>> {
        let tx = self.db.begin().await?;
        let account = match joiner {
            Joiner::Existing(user) => user::Entity::find_by_id(user.uuid()).one(&tx).await?.map(UserRecord::from),
            Joiner::New(new) => Some(super::accounts::insert_user_on(&tx, new, meta, self.clock.now()).await?),
        };
        let Some(account) = account else {
            return Ok(Err(AcceptRefusal::WrongAccount));
        };
        let user = account.id;
        let meta = &meta.clone().with_actor(account.id, &account.email);
        let Some(found) = invite_with_token(token_hash).filter(pending(self.clock.now())).one(&tx).await? else {
            return Ok(Err(AcceptRefusal::Invalid));
        };
        let org_id = OrgId::from_uuid(found.org_id);
        super::lock_org(&tx, org_id).await?;
        if account.email != found.email {
            return Ok(Err(AcceptRefusal::WrongAccount));
        }
        if scoped::<membership::Entity>(org_id)
            .filter(membership::Column::UserId.eq(user.uuid()))
            .one(&tx)
            .await?
            .is_some()
        {
            return Ok(Err(AcceptRefusal::AlreadyMember));
        }
        if found.roles != Role::Requester.key()
            && let Some(seats) = seats_full(&tx, org_id, Some(found.id), self.clock.now()).await?
        {
            return Ok(Err(AcceptRefusal::NoSeats { seats }));
        }
        let now = self.clock.now();
        membership::ActiveModel {
            org_id: Set(found.org_id),
            user_id: Set(user.uuid()),
            roles: Set(found.roles.clone()),
            created_at: Set(now),
        }
        .insert(&tx)
        .await
        .map_err(StoreError::from_write)?;
        scoped_update::<invite::Entity>(org_id)
            .col_expr(invite::Column::AcceptedAt, Expr::value(now))
            .filter(invite::Column::Id.eq(found.id))
            .exec(&tx)
            .await?;
        let summary = json!({"invite": InviteId::from_uuid(found.id), "roles": decode_roles(&found.roles)?.to_vec()});
        audit::append(&tx, found.org_id, meta, AuditEntry::new("member.joined", user, summary), self.clock.now())
            .await?;
        tx.commit().await?;
        Ok(Ok(account))
    }
}
