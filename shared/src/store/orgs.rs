//! Organisations and memberships, and the org-scoped door to tenant tables.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use super::entities::{membership, org, user};
use super::{Store, StoreError, StoreResult};
use crate::domain::org::{Features, OrgSlug, Plan, Roles};
use crate::ids::{OrgId, UserId};

#[derive(Debug, Clone)]
pub struct OrgRecord {
    pub id: OrgId,
    pub name: String,
    pub slug: String,
    pub plan: Plan,
    pub features: Features,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<org::Model> for OrgRecord {
    type Error = StoreError;

    fn try_from(model: org::Model) -> StoreResult<Self> {
        Ok(Self {
            id: OrgId::from_uuid(model.id),
            plan: model.plan.parse().map_err(StoreError::Corrupt)?,
            features: Features::decode(&model.features).map_err(StoreError::Corrupt)?,
            name: model.name,
            slug: model.slug,
            created_at: model.created_at,
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

fn decode_roles(text: &str) -> StoreResult<Roles> {
    Roles::decode(text).map_err(StoreError::Corrupt)
}

impl Store {
    /// Creates an organisation with `admin` as its first member, atomically.
    pub async fn create_org(&self, new: NewOrg, admin: UserId) -> StoreResult<OrgRecord> {
        let now = Utc::now();
        let id = OrgId::new();
        let tx = self.db.begin().await?;
        let created = org::ActiveModel {
            id: Set(id.uuid()),
            name: Set(new.name),
            slug: Set(new.slug.as_str().to_owned()),
            plan: Set(Plan::Free.key().to_owned()),
            features: Set(Features::defaults().encode()),
            created_at: Set(now),
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
        tx.commit().await?;
        created.try_into()
    }

    /// The organisations `user` belongs to, with their roles in each.
    pub async fn memberships_of(&self, user: UserId) -> StoreResult<Vec<(OrgRecord, Roles)>> {
        let rows = membership::Entity::find()
            .filter(membership::Column::UserId.eq(user.uuid()))
            .order_by_asc(membership::Column::CreatedAt)
            .all(&self.db)
            .await?;
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
        let Some(membership) = membership::Entity::find_by_id((org_id.uuid(), user.uuid())).one(&self.db).await? else {
            return Ok(None);
        };
        let Some(org) = org::Entity::find_by_id(org_id.uuid()).one(&self.db).await? else {
            return Ok(None);
        };
        Ok(Some(OrgAccess { org: org.try_into()?, member: Some((user, decode_roles(&membership.roles)?)) }))
    }

    /// The door for background jobs acting for an organisation, not a person.
    pub async fn system_access(&self, org_id: OrgId) -> StoreResult<Option<OrgAccess>> {
        let found = org::Entity::find_by_id(org_id.uuid()).one(&self.db).await?;
        found.map(|org| Ok(OrgAccess { org: org.try_into()?, member: None })).transpose()
    }

    pub fn org_store<'a>(&'a self, access: &OrgAccess) -> OrgStore<'a> {
        OrgStore { db: &self.db, org_id: access.org_id() }
    }
}

/// Queries on one organisation's tables; every statement is filtered by the
/// organisation it was built for.
pub struct OrgStore<'a> {
    db: &'a DatabaseConnection,
    org_id: OrgId,
}

impl OrgStore<'_> {
    pub fn org_id(&self) -> OrgId {
        self.org_id
    }

    pub async fn members(&self) -> StoreResult<Vec<MemberRecord>> {
        let rows = membership::Entity::find()
            .filter(membership::Column::OrgId.eq(self.org_id.uuid()))
            .order_by_asc(membership::Column::CreatedAt)
            .all(self.db)
            .await?;
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
