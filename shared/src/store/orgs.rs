//! Organisations and memberships, and the org-scoped door to tenant tables.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};

use sea_orm::sea_query::Expr;
use serde_json::json;

use super::entities::{membership, org, user};
use super::scope::{memberships_of, scoped, scoped_delete, scoped_update};
use super::{OrgStore, Store, StoreError, StoreResult, audit};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::org::{Features, Module, OrgSlug, Plan, PlanChange, Role, Roles, decode_modules, encode_modules};
use crate::ids::{OrgId, UserId};

#[derive(Debug, Clone)]
pub struct OrgRecord {
    pub id: OrgId,
    pub name: String,
    pub slug: String,
    pub plan: Plan,
    pub features: Features,
    /// Modules a downgrade switched off, restored by a plan that allows them.
    pub suspended: BTreeSet<Module>,
    pub created_at: DateTime<Utc>,
    /// People with a confirmed address at this domain may join as requesters.
    pub requester_domain: Option<String>,
}

impl TryFrom<org::Model> for OrgRecord {
    type Error = StoreError;

    fn try_from(model: org::Model) -> StoreResult<Self> {
        Ok(Self {
            id: OrgId::from_uuid(model.id),
            plan: model.plan.parse().map_err(StoreError::Corrupt)?,
            features: Features::decode(&model.features).map_err(StoreError::Corrupt)?,
            suspended: decode_modules(&model.suspended_features).map_err(StoreError::Corrupt)?,
            name: model.name,
            slug: model.slug,
            created_at: model.created_at,
            requester_domain: model.requester_domain,
        })
    }
}

pub struct NewOrg {
    pub name: String,
    pub slug: OrgSlug,
}

#[derive(Debug, Clone)]
pub struct MemberRecord {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub roles: Roles,
    pub joined_at: DateTime<Utc>,
}

/// Proof that the holder may act inside one organisation: either a member
/// whose membership was just checked, or the system acting for it. Fields are
/// private, so no other module can forge one.
#[derive(Debug, Clone)]
pub struct OrgAccess {
    org: OrgRecord,
    member: Option<(UserId, Roles)>,
}

impl OrgAccess {
    pub fn org(&self) -> &OrgRecord {
        &self.org
    }

    pub fn org_id(&self) -> OrgId {
        self.org.id
    }

    /// The member acting, or `None` for the system.
    pub fn member(&self) -> Option<(UserId, &Roles)> {
        self.member.as_ref().map(|(id, roles)| (*id, roles))
    }
}

pub(super) fn decode_roles(text: &str) -> StoreResult<Roles> {
    Roles::decode(text).map_err(StoreError::Corrupt)
}

impl Store {
    /// Creates an organisation with `admin` as its first member, atomically.
    pub async fn create_org(&self, new: NewOrg, admin: UserId, meta: &AuditMeta) -> StoreResult<OrgRecord> {
        let now = self.clock.now();
        let id = OrgId::new();
        let tx = self.db.begin().await?;
        let created = org::ActiveModel {
            id: Set(id.uuid()),
            name: Set(new.name),
            slug: Set(new.slug.as_str().to_owned()),
            plan: Set(Plan::Free.key().to_owned()),
            features: Set(Features::defaults().encode()),
            suspended_features: Set(String::new()),
            created_at: Set(now),
            requester_domain: Set(None),
        }
        .insert(&tx)
        .await
        .map_err(StoreError::from_write)?;
        membership::ActiveModel {
            org_id: Set(id.uuid()),
            user_id: Set(admin.uuid()),
            roles: Set(Roles::admin().encode()),
            created_at: Set(now),
        }
        .insert(&tx)
        .await?;
        let summary = json!({"name": created.name, "slug": created.slug});
        audit::append(&tx, id.uuid(), meta, AuditEntry::new("org.created", id, summary), self.clock.now()).await?;
        tx.commit().await?;
        created.try_into()
    }

    /// Finds an organisation by id (`org_…`) or slug, for operator commands.
    pub async fn find_org(&self, id_or_slug: &str) -> StoreResult<Option<OrgRecord>> {
        let query = match id_or_slug.parse::<OrgId>() {
            Ok(id) => org::Entity::find_by_id(id.uuid()),
            Err(_) => org::Entity::find().filter(org::Column::Slug.eq(id_or_slug)),
        };
        query.one(&self.db).await?.map(TryInto::try_into).transpose()
    }

    /// Moves an organisation to `plan`, switching off modules the plan does
    /// not allow (data stays); returns the organisation and what was switched off.
    /// An operator's plan change (`simplicity org set-plan`).
    pub async fn set_plan(&self, org_id: OrgId, plan: Plan, meta: &AuditMeta) -> StoreResult<(OrgRecord, PlanChange)> {
        let tx = self.db.begin().await?;
        // Read-modify-write of the plan and modules, in the organisation's turn.
        super::lock_org(&tx, org_id).await?;
        let moved = move_to_plan(&tx, org_id, plan, meta, "set by an operator", self.clock.now()).await?;
        tx.commit().await?;
        Ok(moved)
    }

    pub async fn memberships_of(&self, user: UserId) -> StoreResult<Vec<(OrgRecord, Roles)>> {
        let rows = memberships_of(user).order_by_asc(membership::Column::CreatedAt).all(&self.db).await?;
        let orgs =
            org::Entity::find().filter(org::Column::Id.is_in(rows.iter().map(|m| m.org_id))).all(&self.db).await?;
        rows.into_iter()
            .filter_map(|m| orgs.iter().find(|o| o.id == m.org_id).map(|o| (o.clone(), m.roles)))
            .map(|(o, roles)| Ok((o.try_into()?, decode_roles(&roles)?)))
            .collect()
    }

    /// The door to an organisation's data for a signed-in user: `None` unless
    /// `user` is a member of `org_id`.
    pub async fn member_access(&self, user: UserId, org_id: OrgId) -> StoreResult<Option<OrgAccess>> {
        let Some(membership) = scoped::<membership::Entity>(org_id)
            .filter(membership::Column::UserId.eq(user.uuid()))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let Some(org) = org::Entity::find_by_id(org_id.uuid()).one(&self.db).await? else {
            return Ok(None);
        };
        Ok(Some(OrgAccess { org: org.try_into()?, member: Some((user, decode_roles(&membership.roles)?)) }))
    }

    /// The door for the system acting for an organisation (a verified Stripe
    /// webhook, a worker): `None` if the organisation does not exist.
    pub(super) async fn system_access(&self, org_id: OrgId) -> StoreResult<Option<OrgAccess>> {
        let found = org::Entity::find_by_id(org_id.uuid()).one(&self.db).await?;
        found.map(|org| Ok(OrgAccess { org: org.try_into()?, member: None })).transpose()
    }

    pub fn org_store<'a>(&'a self, access: &OrgAccess) -> OrgStore<'a> {
        OrgStore { db: &self.db, clock: &self.clock, org_id: access.org_id() }
    }
}

/// Why a membership change was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MembershipRefusal {
    NotMember,
    /// The change would leave the organisation without an admin.
    LastAdmin,
    /// A requester made a member needs a seat, and every seat is taken.
    NoSeats {
        seats: u32,
    },
}

impl OrgStore<'_> {
    pub async fn members(&self) -> StoreResult<Vec<MemberRecord>> {
        let rows =
            scoped::<membership::Entity>(self.org_id).order_by_asc(membership::Column::CreatedAt).all(self.db).await?;
        self.with_users(rows).await
    }

    pub async fn member(&self, user: UserId) -> StoreResult<Option<MemberRecord>> {
        let row =
            self.rows::<membership::Entity>().filter(membership::Column::UserId.eq(user.uuid())).one(self.db).await?;
        Ok(self.with_users(row.into_iter().collect()).await?.pop())
    }

    async fn with_users(&self, rows: Vec<membership::Model>) -> StoreResult<Vec<MemberRecord>> {
        let users =
            user::Entity::find().filter(user::Column::Id.is_in(rows.iter().map(|m| m.user_id))).all(self.db).await?;
        rows.into_iter()
            .filter_map(|m| users.iter().find(|u| u.id == m.user_id).map(|u| (m, u)))
            .map(|(m, u)| {
                Ok(MemberRecord {
                    user_id: UserId::from_uuid(u.id),
                    name: u.name.clone(),
                    email: u.email.clone(),
                    roles: decode_roles(&m.roles)?,
                    joined_at: m.created_at,
                })
            })
            .collect()
    }
}

impl OrgStore<'_> {
    /// Replaces a member's roles, refusing to demote the last admin.
    pub async fn set_member_roles(
        &self,
        user: UserId,
        roles: &Roles,
        meta: &AuditMeta,
    ) -> StoreResult<Result<MemberRecord, MembershipRefusal>> {
        let tx = self.db.begin().await?;
        super::lock_org(&tx, self.org_id).await?;
        let Some(current) =
            self.rows::<membership::Entity>().filter(membership::Column::UserId.eq(user.uuid())).one(&tx).await?
        else {
            return Ok(Err(MembershipRefusal::NotMember));
        };
        let before = decode_roles(&current.roles)?;
        if before.contains(Role::Admin)
            && !roles.contains(Role::Admin)
            && admins_besides(&tx, self.org_id, user).await? == 0
        {
            return Ok(Err(MembershipRefusal::LastAdmin));
        }
        if before.is_requester()
            && !roles.is_requester()
            && let Some(seats) = super::invites::seats_full(&tx, self.org_id, None, self.clock.now()).await?
        {
            return Ok(Err(MembershipRefusal::NoSeats { seats }));
        }
        scoped_update::<membership::Entity>(self.org_id)
            .col_expr(membership::Column::Roles, Expr::value(roles.encode()))
            .filter(membership::Column::UserId.eq(user.uuid()))
            .exec(&tx)
            .await?;
        let summary = json!({"before": {"roles": before.to_vec()}, "after": {"roles": roles.to_vec()}});
        audit::append(
            &tx,
            self.org_id.uuid(),
            meta,
            AuditEntry::new("member.roles_changed", user, summary),
            self.clock.now(),
        )
        .await?;
        tx.commit().await?;
        Ok(self.member(user).await?.ok_or(MembershipRefusal::NotMember))
    }

    /// Removes a member (or lets one leave), refusing to remove the last admin.
    /// Their past work stays, attributed to them.
    pub async fn remove_member(&self, user: UserId, meta: &AuditMeta) -> StoreResult<Result<(), MembershipRefusal>> {
        let tx = self.db.begin().await?;
        super::lock_org(&tx, self.org_id).await?;
        let Some(current) =
            self.rows::<membership::Entity>().filter(membership::Column::UserId.eq(user.uuid())).one(&tx).await?
        else {
            return Ok(Err(MembershipRefusal::NotMember));
        };
        let roles = decode_roles(&current.roles)?;
        if roles.contains(Role::Admin) && admins_besides(&tx, self.org_id, user).await? == 0 {
            return Ok(Err(MembershipRefusal::LastAdmin));
        }
        scoped_delete::<membership::Entity>(self.org_id)
            .filter(membership::Column::UserId.eq(user.uuid()))
            .exec(&tx)
            .await?;
        super::teams::forget_member(&tx, self.org_id, user).await?;
        let summary = json!({"before": {"roles": roles.to_vec()}});
        audit::append(
            &tx,
            self.org_id.uuid(),
            meta,
            AuditEntry::new("member.removed", user, summary),
            self.clock.now(),
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// Switches modules on or off; the caller has checked the plan allows them.
    pub async fn set_features(&self, changes: &[(Module, bool)], meta: &AuditMeta) -> StoreResult<Features> {
        let tx = self.db.begin().await?;
        let current = org_on(&tx, self.org_id).await?;
        let mut features = current.features.clone();
        for (module, on) in changes {
            features.set(*module, *on);
        }
        org::Entity::update_many()
            .col_expr(org::Column::Features, Expr::value(features.encode()))
            .filter(org::Column::Id.eq(self.org_id.uuid()))
            .exec(&tx)
            .await?;
        let summary = json!({"before": current.features.to_map(), "after": features.to_map()});
        audit::append(
            &tx,
            self.org_id.uuid(),
            meta,
            AuditEntry::new("org.modules_changed", self.org_id, summary),
            self.clock.now(),
        )
        .await?;
        tx.commit().await?;
        Ok(features)
    }
}

impl OrgStore<'_> {
    /// Lets people with a confirmed address at `domain` join as requesters
    /// (`None`: only by invitation).
    pub async fn set_requester_domain(&self, domain: Option<String>, meta: &AuditMeta) -> StoreResult<()> {
        let tx = self.db.begin().await?;
        let current = org_on(&tx, self.org_id).await?;
        org::Entity::update_many()
            .col_expr(org::Column::RequesterDomain, Expr::value(domain.clone()))
            .filter(org::Column::Id.eq(self.org_id.uuid()))
            .exec(&tx)
            .await?;
        let summary = json!({"before": current.requester_domain, "after": domain});
        let entry = AuditEntry::new("org.requester_domain_changed", self.org_id, summary);
        audit::append(&tx, self.org_id.uuid(), meta, entry, self.clock.now()).await?;
        tx.commit().await?;
        Ok(())
    }
}

impl Store {
    /// Makes `user` a requester of the organisation `slug` names, if it lets
    /// people of their (confirmed) email domain join; `None` otherwise, as
    /// if there were no such organisation. Joining again changes nothing.
    pub async fn join_as_requester(
        &self,
        user: &super::UserRecord,
        slug: &str,
        meta: &AuditMeta,
    ) -> StoreResult<Option<OrgRecord>> {
        let domain = user.email.rsplit_once('@').map(|(_, d)| d.to_lowercase());
        let (Some(domain), Some(_)) = (domain, user.email_verified_at) else { return Ok(None) };
        let tx = self.db.begin().await?;
        let Some(found) = org::Entity::find()
            .filter(org::Column::Slug.eq(slug))
            .filter(org::Column::RequesterDomain.eq(domain))
            .one(&tx)
            .await?
        else {
            return Ok(None);
        };
        let org: OrgRecord = found.try_into()?;
        super::lock_org(&tx, org.id).await?;
        let member =
            scoped::<membership::Entity>(org.id).filter(membership::Column::UserId.eq(user.id.uuid())).one(&tx).await?;
        if member.is_none() {
            let roles = Roles::new([Role::Requester]).map_err(|_| StoreError::Corrupt("requester roles".into()))?;
            membership::ActiveModel {
                org_id: Set(org.id.uuid()),
                user_id: Set(user.id.uuid()),
                roles: Set(roles.encode()),
                created_at: Set(self.clock.now()),
            }
            .insert(&tx)
            .await
            .map_err(StoreError::from_write)?;
            let summary = json!({"roles": roles.to_vec(), "by": "email domain"});
            let entry = AuditEntry::new("member.joined", user.id, summary);
            audit::append(&tx, org.id.uuid(), meta, entry, self.clock.now()).await?;
        }
        tx.commit().await?;
        Ok(Some(org))
    }
}

/// An organisation known to exist (its id came from an access check or a row
/// that references it), read on `conn`.
pub(super) async fn org_on<C: sea_orm::ConnectionTrait>(conn: &C, org_id: OrgId) -> StoreResult<OrgRecord> {
    org::Entity::find_by_id(org_id.uuid())
        .one(conn)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("{org_id} vanished")))?
        .try_into()
}

/// Moves the organisation to `plan` on `conn` (a transaction), suspending
/// and restoring modules, and records why in the audit log.
pub(super) async fn move_to_plan<C: sea_orm::ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    plan: Plan,
    meta: &AuditMeta,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<(OrgRecord, PlanChange)> {
    let current = org_on(conn, org_id).await?;
    let mut features = current.features.clone();
    let mut suspended = current.suspended.clone();
    let change = features.move_to_plan(plan, &mut suspended);
    org::Entity::update_many()
        .col_expr(org::Column::Plan, Expr::value(plan.key()))
        .col_expr(org::Column::Features, Expr::value(features.encode()))
        .col_expr(org::Column::SuspendedFeatures, Expr::value(encode_modules(&suspended)))
        .filter(org::Column::Id.eq(org_id.uuid()))
        .exec(conn)
        .await?;
    let summary = json!({
        "before": {"plan": current.plan},
        "after": {"plan": plan},
        "reason": reason,
        "modulesSwitchedOff": change.switched_off,
        "modulesRestored": change.restored,
    });
    audit::append(conn, org_id.uuid(), meta, AuditEntry::new("org.plan_changed", org_id, summary), now).await?;
    Ok((OrgRecord { plan, features, suspended, ..current }, change))
}

/// How many admins the organisation has other than `user`.
async fn admins_besides<C: sea_orm::ConnectionTrait>(conn: &C, org_id: OrgId, user: UserId) -> StoreResult<usize> {
    let others =
        scoped::<membership::Entity>(org_id).filter(membership::Column::UserId.ne(user.uuid())).all(conn).await?;
    let mut admins = 0;
    for other in others {
        if decode_roles(&other.roles)?.contains(Role::Admin) {
            admins += 1;
        }
    }
    Ok(admins)
}

/// The users in `users` who are not members of `org_id`, in one query.
pub(super) async fn non_members<C: sea_orm::ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    users: &[UserId],
) -> StoreResult<Vec<UserId>> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let found: Vec<uuid::Uuid> = scoped::<membership::Entity>(org_id)
        .filter(membership::Column::UserId.is_in(users.iter().map(|u| u.uuid())))
        .select_only()
        .column(membership::Column::UserId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(users.iter().copied().filter(|u| !found.contains(&u.uuid())).collect())
}

impl OrgStore<'_> {
    /// Who of `users` is not a member of this organisation.
    pub async fn non_members(&self, users: &[UserId]) -> StoreResult<Vec<UserId>> {
        non_members(self.db, self.org_id, users).await
    }
}
