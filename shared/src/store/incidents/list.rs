//! Listing incidents: filters, two sort orders, and keyset pagination whose
//! pages neither repeat nor skip incidents while new ones arrive.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query};
use sea_orm::{ColumnTrait, Condition, QueryFilter, QueryOrder, QuerySelect};

use super::super::entities::{incident, incident_assignee, incident_label};
use super::super::scope::scoped;
use super::{IncidentRecord, Incidents, StoreResult, active_statuses, with_people};
use crate::domain::incidents::{IncidentStatus, Severity};
use crate::ids::{TeamId, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Is(IncidentStatus),
    /// Anything not resolved.
    Active,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IncidentSort {
    /// Newest first.
    #[default]
    Created,
    /// Most severe first, newest first within a severity.
    Severity,
}

#[derive(Debug, Clone, Default)]
pub struct IncidentFilter {
    pub status: Option<StatusFilter>,
    pub severity: Option<Severity>,
    pub assignee: Option<UserId>,
    pub team: Option<TeamId>,
    pub label: Option<String>,
    /// Case-insensitive substring of the title or description.
    pub text: Option<String>,
    pub created_from: Option<DateTime<Utc>>,
    pub created_to: Option<DateTime<Utc>>,
    pub sort: IncidentSort,
    /// Position after which the page starts: (severity rank, number) of
    /// the last incident of the previous page.
    pub after: Option<(i32, i64)>,
}

pub struct IncidentPage {
    pub incidents: Vec<IncidentRecord>,
    /// Where the next page starts, when there is one.
    pub next: Option<(i32, i64)>,
}

impl Incidents<'_> {
    pub async fn list(&self, filter: &IncidentFilter, limit: u64) -> StoreResult<IncidentPage> {
        let org = self.scope.org_id.uuid();
        let mut query = scoped::<incident::Entity>(self.scope.org_id);
        match filter.status {
            Some(StatusFilter::Is(status)) => query = query.filter(incident::Column::Status.eq(status.key())),
            Some(StatusFilter::Active) => {
                query = query.filter(incident::Column::Status.is_in(active_statuses()));
            }
            None => {}
        }
        if let Some(severity) = filter.severity {
            query = query.filter(incident::Column::SeverityRank.eq(severity.rank()));
        }
        if let Some(user) = filter.assignee {
            let assigned = Query::select()
                .column(incident_assignee::Column::IncidentId)
                .from(incident_assignee::Entity)
                .and_where(Expr::col(incident_assignee::Column::OrgId).eq(org))
                .and_where(Expr::col(incident_assignee::Column::UserId).eq(user.uuid()))
                .to_owned();
            query = query.filter(incident::Column::Id.in_subquery(assigned));
        }
        if let Some(team) = filter.team {
            query = query.filter(incident::Column::TeamId.eq(team.uuid()));
        }
        if let Some(label) = &filter.label {
            let labelled = Query::select()
                .column(incident_label::Column::IncidentId)
                .from(incident_label::Entity)
                .and_where(Expr::col(incident_label::Column::OrgId).eq(org))
                .and_where(Expr::col(incident_label::Column::Label).eq(label.as_str()))
                .to_owned();
            query = query.filter(incident::Column::Id.in_subquery(labelled));
        }
        if let Some(text) = filter.text.as_ref().filter(|t| !t.is_empty()) {
            let escaped = text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            let pattern = format!("%{escaped}%");
            query = query.filter(
                Condition::any()
                    .add(
                        Expr::expr(Func::lower(Expr::col(incident::Column::Title)))
                            .like(LikeExpr::new(pattern.as_str()).escape('\\')),
                    )
                    .add(
                        Expr::expr(Func::lower(Expr::col(incident::Column::Description)))
                            .like(LikeExpr::new(pattern.as_str()).escape('\\')),
                    ),
            );
        }
        if let Some(from) = filter.created_from {
            query = query.filter(incident::Column::CreatedAt.gte(from));
        }
        if let Some(to) = filter.created_to {
            query = query.filter(incident::Column::CreatedAt.lt(to));
        }
        // Numbers are given in commit order, so they order by creation.
        query = match (filter.sort, filter.after) {
            (IncidentSort::Created, Some((_, after))) => query.filter(incident::Column::Number.lt(after)),
            (IncidentSort::Severity, Some((rank, after))) => query.filter(
                Condition::any().add(incident::Column::SeverityRank.gt(rank)).add(
                    Condition::all()
                        .add(incident::Column::SeverityRank.eq(rank))
                        .add(incident::Column::Number.lt(after)),
                ),
            ),
            (_, None) => query,
        };
        if filter.sort == IncidentSort::Severity {
            query = query.order_by_asc(incident::Column::SeverityRank);
        }
        let mut rows = query.order_by_desc(incident::Column::Number).limit(limit + 1).all(self.scope.db).await?;
        let more = rows.len() as u64 > limit;
        rows.truncate(limit as usize);
        let next = if more { rows.last().map(|r| (r.severity_rank, r.number)) } else { None };
        Ok(IncidentPage { incidents: with_people(self.scope.db, self.scope.org_id, rows).await?, next })
    }
}
