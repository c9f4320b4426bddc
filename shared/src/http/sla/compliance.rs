//! How well targets were kept (`…/sla-policies/compliance`): per policy
//! and metric, per team (OLAs), and breaches per day.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::super::AppState;
use super::super::extract::ApiQuery;
use super::super::tenant::OrgContext;
use crate::domain::permissions::Action;
use crate::domain::sla::policy::Metric;
use crate::error::{Error, FieldError, Result};
use crate::ids::{SlaPolicyId, TeamId};
use crate::store::Outcomes;

/// Clocks by outcome, and the share met in time.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeView {
    met: i64,
    breached: i64,
    /// Still counting or paused, not yet breached.
    open: i64,
    /// Met in time, in % of those met or breached; null before any is.
    percent_met: Option<f64>,
}

impl From<Outcomes> for OutcomeView {
    fn from(o: Outcomes) -> Self {
        Self { met: o.met, breached: o.breached, open: o.open, percent_met: o.percent_met() }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PolicyCompliance {
    policy: SlaPolicyId,
    policy_name: String,
    metric: Metric,
    #[serde(flatten)]
    outcomes: OutcomeView,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TeamCompliance {
    team: TeamId,
    team_name: String,
    #[serde(flatten)]
    outcomes: OutcomeView,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DayBreaches {
    day: chrono::NaiveDate,
    breaches: i64,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceView {
    since: DateTime<Utc>,
    /// Per policy and metric, in the policies' order.
    policies: Vec<PolicyCompliance>,
    /// Per team, over its tasks' clocks (OLAs).
    teams: Vec<TeamCompliance>,
    /// Breaches per day (UTC) since then, every day listed.
    breaches_by_day: Vec<DayBreaches>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ComplianceQuery {
    /// Over the clocks started in the last this many days (1–365, 30).
    days: Option<i64>,
}

/// How well targets were kept over the clocks started in the last days:
/// per policy and metric, per team (OLAs), and breaches per day.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/sla-policies/compliance", tag = "sla",
    params(ComplianceQuery),
    responses((status = 200, body = ComplianceView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn sla_compliance(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<ComplianceQuery>,
) -> Result<Json<ComplianceView>> {
    org.require(Action::ViewIncidents)?;
    let days = query.days.unwrap_or(30);
    if !(1..=365).contains(&days) {
        return Err(Error::Validation(vec![FieldError::new("days", "must be 1 to 365")]));
    }
    let scope = org.scope(&state);
    let today = state.store.now().date_naive();
    let first_day = today - chrono::Days::new(u64::try_from(days - 1).unwrap_or_default());
    let since = first_day.and_time(chrono::NaiveTime::MIN).and_utc();
    let compliance = scope.sla().compliance(since).await?;
    let policies = scope.sla().policies().await?;
    let teams = scope.teams().list().await?;
    let policy_views = policies
        .iter()
        .flat_map(|policy| {
            Metric::ALL.iter().filter_map(|metric| {
                let outcomes = compliance.policies.get(&(policy.id, metric.key().to_owned()))?;
                Some(PolicyCompliance {
                    policy: policy.id,
                    policy_name: policy.spec.name.clone(),
                    metric: *metric,
                    outcomes: (*outcomes).into(),
                })
            })
        })
        .collect();
    let team_views = teams
        .iter()
        .filter_map(|team| {
            let outcomes = compliance.teams.get(&team.id)?;
            Some(TeamCompliance { team: team.id, team_name: team.name.clone(), outcomes: (*outcomes).into() })
        })
        .collect();
    let breaches_by_day = first_day
        .iter_days()
        .take_while(|day| *day <= today)
        .map(|day| DayBreaches { day, breaches: compliance.breaches_by_day.get(&day).copied().unwrap_or_default() })
        .collect();
    Ok(Json(ComplianceView { since, policies: policy_views, teams: team_views, breaches_by_day }))
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sla_compliance))
}
