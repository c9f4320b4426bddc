//! Teams of an organisation: a name, members and an optional lead. Records
//! are assigned to them; later, approvals, fulfilment, ownership and OLAs
//! name them too.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use serde_json::json;

use super::DocumentKind;
use super::entities::{incident, team, team_member};
use super::orgs::non_members;
use super::scope::{scoped, scoped_delete};
use super::{OrgStore, StoreError, StoreResult};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::escalation::EscalationPolicy;
use crate::domain::teams::TeamName;
use crate::ids::{OrgId, TeamId, UserId};

#[derive(Debug, Clone)]
pub struct TeamRecord {
    pub id: TeamId,
    pub name: String,
    pub description: String,
    pub lead: Option<UserId>,
    /// Sorted.
    pub members: Vec<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

pub struct NewTeam {
    pub name: TeamName,
    pub description: String,
    pub lead: Option<UserId>,
    pub members: Vec<UserId>,
}

/// Fields to change; `None` leaves a field as it is.
#[derive(Default)]
pub struct TeamChange {
    pub name: Option<TeamName>,
    pub description: Option<String>,
    /// `Some(None)` clears the lead.
    pub lead: Option<Option<UserId>>,
    pub members: Option<Vec<UserId>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamRefusal {
    NotFound,
    Stale {
        current: i32,
    },
    /// Another team of the organisation has this name.
    NameTaken,
    /// People named in `field` who are not members of the organisation.
    NotMembers {
        field: &'static str,
        users: Vec<UserId>,
    },
    /// Records are still assigned to the team.
    InUse {
        incidents: u64,
    },
    /// Escalation policies (these, by name) page the team.
    Paged {
        policies: Vec<String>,
    },
}

/// `members` with the lead among them, sorted, without repeats.
fn roster(members: &[UserId], lead: Option<UserId>) -> Vec<UserId> {
    let mut all: Vec<UserId> = members.iter().copied().chain(lead).collect();
    all.sort();
    all.dedup();
    all
}

/// The people checks of a create or change: `Err` names the field.
async fn check_people<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    lead: Option<UserId>,
    members: &[UserId],
) -> StoreResult<Result<(), TeamRefusal>> {
    let outside = non_members(conn, org_id, &lead.into_iter().collect::<Vec<_>>()).await?;
    if !outside.is_empty() {
        return Ok(Err(TeamRefusal::NotMembers { field: "lead", users: outside }));
    }
    let outside = non_members(conn, org_id, members).await?;
    if !outside.is_empty() {
        return Ok(Err(TeamRefusal::NotMembers { field: "members", users: outside }));
    }
    Ok(Ok(()))
}

async fn set_members<C: ConnectionTrait>(conn: &C, org_id: OrgId, team: TeamId, members: &[UserId]) -> StoreResult<()> {
    scoped_delete::<team_member::Entity>(org_id).filter(team_member::Column::TeamId.eq(team.uuid())).exec(conn).await?;
    let rows: Vec<team_member::ActiveModel> = members
        .iter()
        .map(|user| team_member::ActiveModel {
            org_id: Set(org_id.uuid()),
            team_id: Set(team.uuid()),
            user_id: Set(user.uuid()),
        })
        .collect();
    if !rows.is_empty() {
        team_member::Entity::insert_many(rows).exec(conn).await?;
    }
    Ok(())
}

fn summary(record: &TeamRecord) -> serde_json::Value {
    json!({"name": record.name, "lead": record.lead, "members": record.members})
}

/// A unique-name violation is the refusal; anything else is an error.
fn name_taken<T>(result: Result<T, sea_orm::DbErr>) -> StoreResult<Result<T, TeamRefusal>> {
    match result.map_err(StoreError::from_write) {
        Ok(value) => Ok(Ok(value)),
        Err(StoreError::Duplicate(_)) => Ok(Err(TeamRefusal::NameTaken)),
        Err(other) => Err(other),
    }
}

/// One organisation's teams.
pub struct Teams<'a> {
    pub(super) scope: OrgStore<'a>,
}

impl<'a> OrgStore<'a> {
    pub fn teams(&self) -> Teams<'a> {
        Teams { scope: *self }
    }
}

impl Teams<'_> {
    /// Every team, by name.
    pub async fn list(&self) -> StoreResult<Vec<TeamRecord>> {
        let rows = self.scope.rows::<team::Entity>().order_by_asc(team::Column::NameKey).all(self.scope.db).await?;
        self.with_members(self.scope.db, rows).await
    }

    pub async fn get(&self, id: TeamId) -> StoreResult<Option<TeamRecord>> {
        self.get_on(self.scope.db, id).await
    }

    async fn get_on<C: ConnectionTrait>(&self, conn: &C, id: TeamId) -> StoreResult<Option<TeamRecord>> {
        let row = self.scope.rows::<team::Entity>().filter(team::Column::Id.eq(id.uuid())).one(conn).await?;
        Ok(self.with_members(conn, row.into_iter().collect()).await?.pop())
    }

    /// The team's name, if it is one of the organisation's.
    pub(super) async fn name_on<C: ConnectionTrait>(&self, conn: &C, id: TeamId) -> StoreResult<Option<String>> {
        let row = self.scope.rows::<team::Entity>().filter(team::Column::Id.eq(id.uuid())).one(conn).await?;
        Ok(row.map(|r| r.name))
    }

    async fn with_members<C: ConnectionTrait>(&self, conn: &C, rows: Vec<team::Model>) -> StoreResult<Vec<TeamRecord>> {
        let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.id).collect();
        let members =
            self.scope.rows::<team_member::Entity>().filter(team_member::Column::TeamId.is_in(ids)).all(conn).await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let mut people: Vec<UserId> =
                    members.iter().filter(|m| m.team_id == row.id).map(|m| UserId::from_uuid(m.user_id)).collect();
                people.sort();
                TeamRecord {
                    id: TeamId::from_uuid(row.id),
                    name: row.name,
                    description: row.description,
                    lead: row.lead_id.map(UserId::from_uuid),
                    members: people,
                    created_at: row.created_at,
                    updated_at: row.updated_at,
                    version: row.version,
                }
            })
            .collect())
    }

    pub async fn create(&self, new: NewTeam, meta: &AuditMeta) -> StoreResult<Result<TeamRecord, TeamRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        if let Err(refusal) = check_people(unit.conn(), org_id, new.lead, &new.members).await? {
            return Ok(Err(refusal));
        }
        let id = TeamId::new();
        let now = unit.now();
        let inserted = team::ActiveModel {
            id: Set(id.uuid()),
            org_id: Set(org_id.uuid()),
            name: Set(new.name.as_str().to_owned()),
            name_key: Set(new.name.key()),
            description: Set(new.description),
            lead_id: Set(new.lead.map(UserId::uuid)),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(unit.conn())
        .await;
        if let Err(refusal) = name_taken(inserted)? {
            return Ok(Err(refusal));
        }
        set_members(unit.conn(), org_id, id, &roster(&new.members, new.lead)).await?;
        let created = self.get_on(unit.conn(), id).await?.ok_or(TeamRefusal::NotFound);
        let Ok(created) = created else {
            return Ok(created);
        };
        unit.audit(AuditEntry::new("team.created", id, summary(&created)));
        unit.commit().await?;
        Ok(Ok(created))
    }

    /// Applies `change` if `expected_version` is current (`None`: any).
    pub async fn change(
        &self,
        id: TeamId,
        expected_version: Option<i32>,
        change: TeamChange,
        meta: &AuditMeta,
    ) -> StoreResult<Result<TeamRecord, TeamRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let Some(before) = self
            .scope
            .rows::<team::Entity>()
            .filter(team::Column::Id.eq(id.uuid()))
            .lock_exclusive()
            .one(unit.conn())
            .await?
        else {
            return Ok(Err(TeamRefusal::NotFound));
        };
        if let Some(expected) = expected_version
            && expected != before.version
        {
            return Ok(Err(TeamRefusal::Stale { current: before.version }));
        }
        let old = self
            .with_members(unit.conn(), vec![before.clone()])
            .await?
            .pop()
            .ok_or(StoreError::Corrupt("a team vanished".into()))?;
        let lead = change.lead.unwrap_or(old.lead);
        let members = change.members.clone().unwrap_or_else(|| old.members.clone());
        let added: Vec<UserId> = members.iter().copied().filter(|m| !old.members.contains(m)).collect();
        let new_lead = lead.filter(|l| Some(*l) != old.lead);
        if let Err(refusal) = check_people(unit.conn(), org_id, new_lead, &added).await? {
            return Ok(Err(refusal));
        }
        let mut row: team::ActiveModel = before.clone().into();
        if let Some(name) = &change.name {
            row.name = Set(name.as_str().to_owned());
            row.name_key = Set(name.key());
        }
        if let Some(description) = change.description {
            row.description = Set(description);
        }
        row.lead_id = Set(lead.map(UserId::uuid));
        row.version = Set(before.version + 1);
        row.updated_at = Set(unit.now());
        if let Err(refusal) = name_taken(row.update(unit.conn()).await)? {
            return Ok(Err(refusal));
        }
        set_members(unit.conn(), org_id, id, &roster(&members, lead)).await?;
        let Some(updated) = self.get_on(unit.conn(), id).await? else {
            return Ok(Err(TeamRefusal::NotFound));
        };
        unit.audit(AuditEntry::new("team.updated", id, json!({"before": summary(&old), "after": summary(&updated)})));
        unit.commit().await?;
        Ok(Ok(updated))
    }

    /// Deletes a team no incident is assigned to and no escalation policy pages.
    pub async fn delete(&self, id: TeamId, meta: &AuditMeta) -> StoreResult<Result<(), TeamRefusal>> {
        let org_id = self.scope.org_id;
        let mut policies = Vec::new();
        for document in self.scope.documents(DocumentKind::EscalationPolicy).await? {
            let policy: EscalationPolicy = serde_json::from_value(document.definition)
                .map_err(|e| StoreError::Corrupt(format!("escalation policy {}: {e}", document.id)))?;
            if policy.pages_team(id) {
                policies.push(document.name);
            }
        }
        if !policies.is_empty() {
            return Ok(Err(TeamRefusal::Paged { policies }));
        }
        let mut unit = self.scope.unit(meta).await?;
        let Some(old) = self.get_on(unit.conn(), id).await? else {
            return Ok(Err(TeamRefusal::NotFound));
        };
        let assigned = scoped::<incident::Entity>(org_id)
            .filter(incident::Column::TeamId.eq(id.uuid()))
            .count(unit.conn())
            .await?;
        if assigned > 0 {
            return Ok(Err(TeamRefusal::InUse { incidents: assigned }));
        }
        scoped_delete::<team_member::Entity>(org_id)
            .filter(team_member::Column::TeamId.eq(id.uuid()))
            .exec(unit.conn())
            .await?;
        scoped_delete::<team::Entity>(org_id).filter(team::Column::Id.eq(id.uuid())).exec(unit.conn()).await?;
        unit.audit(AuditEntry::new("team.deleted", id, summary(&old)));
        unit.commit().await?;
        Ok(Ok(()))
    }
}

/// Takes a departing member off every team of `org_id` (and off any lead).
pub(super) async fn forget_member<C: ConnectionTrait>(conn: &C, org_id: OrgId, user: UserId) -> StoreResult<()> {
    scoped_delete::<team_member::Entity>(org_id).filter(team_member::Column::UserId.eq(user.uuid())).exec(conn).await?;
    super::scope::scoped_update::<team::Entity>(org_id)
        .col_expr(team::Column::LeadId, sea_orm::sea_query::Expr::value(Option::<uuid::Uuid>::None))
        .filter(team::Column::LeadId.eq(user.uuid()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Why a person or a team cannot own a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnerRefusal {
    NotAMember(UserId),
    UnknownTeam,
}

/// The leads of `teams` that have one.
pub(super) async fn leads_of<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    teams: &[TeamId],
) -> StoreResult<Vec<UserId>> {
    if teams.is_empty() {
        return Ok(Vec::new());
    }
    let leads: Vec<Option<uuid::Uuid>> = scoped::<team::Entity>(org_id)
        .filter(team::Column::Id.is_in(teams.iter().map(|t| t.uuid())))
        .select_only()
        .column(team::Column::LeadId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(leads.into_iter().flatten().map(UserId::from_uuid).collect())
}

/// Refuses an owner who is not a member of `org_id`, or a team that is not
/// one of its teams.
pub(super) async fn check_owner<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    person: Option<UserId>,
    team_id: Option<TeamId>,
) -> StoreResult<Option<OwnerRefusal>> {
    if let Some(person) = person
        && !non_members(conn, org_id, &[person]).await?.is_empty()
    {
        return Ok(Some(OwnerRefusal::NotAMember(person)));
    }
    if let Some(team_id) = team_id
        && scoped::<team::Entity>(org_id).filter(team::Column::Id.eq(team_id.uuid())).one(conn).await?.is_none()
    {
        return Ok(Some(OwnerRefusal::UnknownTeam));
    }
    Ok(None)
}
