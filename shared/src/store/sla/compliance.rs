//! How well targets were kept: per policy and metric, per team (the OLAs
//! of their tasks), and breaches per day — counted in the database from
//! the clocks' stored figures, over the clocks started since a day.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, FromQueryResult, QueryFilter, QuerySelect};

use super::super::StoreResult;
use super::super::entities::sla_clock;
use super::Sla;
use crate::domain::sla::clock::ClockStatus;
use crate::ids::{SlaPolicyId, TeamId};

/// Clocks by outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcomes {
    /// Met in time.
    pub met: i64,
    /// Breached, whether since met or still open.
    pub breached: i64,
    /// Still counting (or paused) and not yet breached.
    pub open: i64,
}

impl Outcomes {
    /// Met in time out of those decided (met or breached); `None` before any is.
    pub fn percent_met(&self) -> Option<f64> {
        let decided = self.met + self.breached;
        (decided > 0).then(|| self.met as f64 * 100.0 / decided as f64)
    }

    fn count(&mut self, status: ClockStatus, breached: bool, n: i64) {
        match (status, breached) {
            (ClockStatus::Cancelled, _) => {}
            (_, true) => self.breached += n,
            (ClockStatus::Met, false) => self.met += n,
            _ => self.open += n,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Compliance {
    /// Per policy and metric (`response`, `resolution`).
    pub policies: BTreeMap<(SlaPolicyId, String), Outcomes>,
    /// Per team, over the clocks of its tasks.
    pub teams: BTreeMap<TeamId, Outcomes>,
    /// Breaches since the day asked per day (UTC), oldest first; days
    /// without one are absent.
    pub breaches_by_day: BTreeMap<NaiveDate, i64>,
}

#[derive(FromQueryResult)]
struct Group {
    policy_id: uuid::Uuid,
    team_id: Option<uuid::Uuid>,
    metric: String,
    status: String,
    breached: bool,
    n: i64,
}

#[derive(FromQueryResult)]
struct Breach {
    breached_at: DateTime<Utc>,
}

impl Sla<'_> {
    /// Compliance over the clocks started since `since`.
    pub async fn compliance(&self, since: DateTime<Utc>) -> StoreResult<Compliance> {
        let clocks = || self.scope.rows::<sla_clock::Entity>().filter(sla_clock::Column::CreatedAt.gte(since));
        let breached = Expr::col(sla_clock::Column::BreachedAt).is_not_null();
        let groups = clocks()
            .select_only()
            .columns([sla_clock::Column::PolicyId, sla_clock::Column::TeamId, sla_clock::Column::Metric])
            .column(sla_clock::Column::Status)
            .column_as(breached.clone(), "breached")
            .column_as(Expr::col(sla_clock::Column::Id).count(), "n")
            .group_by(sla_clock::Column::PolicyId)
            .group_by(sla_clock::Column::TeamId)
            .group_by(sla_clock::Column::Metric)
            .group_by(sla_clock::Column::Status)
            .group_by(breached)
            .into_model::<Group>()
            .all(self.scope.db)
            .await?;
        let mut compliance = Compliance::default();
        for group in groups {
            let status: ClockStatus = group.status.parse().map_err(super::super::StoreError::Corrupt)?;
            let policy = SlaPolicyId::from_uuid(group.policy_id);
            compliance.policies.entry((policy, group.metric)).or_default().count(status, group.breached, group.n);
            if let Some(team) = group.team_id {
                compliance.teams.entry(TeamId::from_uuid(team)).or_default().count(status, group.breached, group.n);
            }
        }
        let breaches = self
            .scope
            .rows::<sla_clock::Entity>()
            .filter(sla_clock::Column::BreachedAt.gte(since))
            .select_only()
            .column(sla_clock::Column::BreachedAt)
            .into_model::<Breach>()
            .all(self.scope.db)
            .await?;
        for breach in breaches {
            *compliance.breaches_by_day.entry(breach.breached_at.date_naive()).or_default() += 1;
        }
        Ok(compliance)
    }
}
