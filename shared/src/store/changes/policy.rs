//! Each organisation's change policy (approval boards, risk rules and
//! questionnaire), stored as one versioned document; the default until an
//! admin saves one.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use serde_json::json;

use super::super::entities::change_policy;
use super::super::scope::scoped;
use super::super::{StoreError, StoreResult};
use super::Changes;
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::changes::ChangePolicy;
use crate::ids::OrgId;

/// `org_id`'s policy and its version (0: the default, never saved).
pub(super) async fn versioned_policy_on<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
) -> StoreResult<(ChangePolicy, i32)> {
    match scoped::<change_policy::Entity>(org_id).one(conn).await? {
        Some(row) => {
            let policy = serde_json::from_str(&row.policy).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            Ok((policy, row.version))
        }
        None => Ok((ChangePolicy::default(), 0)),
    }
}

pub(super) async fn policy_on<C: ConnectionTrait>(conn: &C, org_id: OrgId) -> StoreResult<ChangePolicy> {
    Ok(versioned_policy_on(conn, org_id).await?.0)
}

impl Changes<'_> {
    /// The organisation's change policy and its version.
    pub async fn policy(&self) -> StoreResult<(ChangePolicy, i32)> {
        versioned_policy_on(self.scope.db, self.scope.org_id).await
    }

    /// Saves the policy if `expected_version` is current; `Err(current)` if not.
    pub async fn set_policy(
        &self,
        policy: &ChangePolicy,
        expected_version: Option<i32>,
        meta: &AuditMeta,
    ) -> StoreResult<Result<i32, i32>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        // Saves take turns, so the version check holds until the commit.
        unit.serialise().await?;
        let current = scoped::<change_policy::Entity>(org_id).one(unit.conn()).await?.map_or(0, |row| row.version);
        if expected_version.is_some_and(|expected| expected != current) {
            return Ok(Err(current));
        }
        let version = current + 1;
        change_policy::Entity::insert(change_policy::ActiveModel {
            org_id: Set(org_id.uuid()),
            policy: Set(json!(policy).to_string()),
            updated_at: Set(unit.now()),
            version: Set(version),
        })
        .on_conflict(
            OnConflict::column(change_policy::Column::OrgId)
                .update_columns([
                    change_policy::Column::Policy,
                    change_policy::Column::UpdatedAt,
                    change_policy::Column::Version,
                ])
                .to_owned(),
        )
        .exec(unit.conn())
        .await?;
        unit.audit(AuditEntry::new("change_policy.updated", org_id, json!({"version": version, "policy": policy})));
        unit.commit().await?;
        Ok(Ok(version))
    }
}
