//! The SLA dashboard and SLA targets.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::{ApiJson, ApiQuery};
use super::tenant::OrgContext;
use crate::domain::incidents::{IncidentStatus, Severity, SlaTarget};
use crate::domain::org::Module;
use crate::domain::permissions::Action;
use crate::domain::records::{RecordKind, RecordNumber};
use crate::domain::rollup::RollupFigures;
use crate::error::{Error, FieldError, Result};
use crate::ids::IncidentId;

const MAX_WINDOW_DAYS: i64 = 366;
/// SLA targets longer than a year are a mistake, not a target (and
/// longer than a policy holds).
const MAX_TARGET_SECONDS: i64 = crate::domain::sla::policy::MAX_TARGET_MINUTES as i64 * 60;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// First UTC day (`YYYY-MM-DD`), default 29 days before `to`.
    from: Option<NaiveDate>,
    /// Last UTC day, default today.
    to: Option<NaiveDate>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
    opened: i64,
    acknowledged: i64,
    resolved: i64,
    mtta_mean_seconds: Option<f64>,
    /// Percentiles are within ±4.9% of the exact value.
    mtta_p50_seconds: Option<f64>,
    mtta_p90_seconds: Option<f64>,
    mttr_mean_seconds: Option<f64>,
    mttr_p50_seconds: Option<f64>,
    mttr_p90_seconds: Option<f64>,
    /// Percentage of acknowledgements within the SLA target.
    ack_compliance_pct: Option<f64>,
    /// Percentage of resolutions within the SLA target.
    resolve_compliance_pct: Option<f64>,
}

impl From<RollupFigures> for Figures {
    fn from(f: RollupFigures) -> Self {
        Self {
            opened: f.opened,
            acknowledged: f.acknowledged,
            resolved: f.resolved,
            mtta_mean_seconds: f.mtta_mean_seconds,
            mtta_p50_seconds: f.mtta_p50_seconds,
            mtta_p90_seconds: f.mtta_p90_seconds,
            mttr_mean_seconds: f.mttr_mean_seconds,
            mttr_p50_seconds: f.mttr_p50_seconds,
            mttr_p90_seconds: f.mttr_p90_seconds,
            ack_compliance_pct: f.ack_compliance_pct,
            resolve_compliance_pct: f.resolve_compliance_pct,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BreachingIncident {
    id: IncidentId,
    reference: String,
    title: String,
    severity: Severity,
    status: IncidentStatus,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DayFigures {
    day: NaiveDate,
    opened: i64,
    resolved: i64,
    mttr_mean_seconds: Option<f64>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DashboardView {
    from: NaiveDate,
    to: NaiveDate,
    /// Active (not resolved) incidents now.
    active_by_severity: BTreeMap<Severity, i64>,
    active_by_status: BTreeMap<IncidentStatus, i64>,
    /// Over the window: acknowledgements and resolutions are counted on the
    /// day they happened, openings on the day of creation.
    overall: Figures,
    by_severity: BTreeMap<Severity, Figures>,
    /// Active incidents past their acknowledge or resolve target now.
    breaching: Vec<BreachingIncident>,
    daily: Vec<DayFigures>,
}

/// Active incidents, MTTA/MTTR (mean, p50, p90), SLA compliance per
/// severity, incidents breaching now, and daily series, for a window of UTC days.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/dashboard", tag = "incidents",
    params(DashboardQuery),
    responses((status = 200, body = DashboardView), (status = 422, body = crate::error::Problem))
)]
async fn dashboard(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<DashboardQuery>,
) -> Result<Json<DashboardView>> {
    org.require(Action::ViewIncidents)?;
    let now = state.store.now();
    let sane = |day: NaiveDate| (2000..=2999).contains(&chrono::Datelike::year(&day));
    if let Some(day) = query.from.filter(|d| !sane(*d)) {
        return Err(Error::field("from", format!("{day} is outside the years 2000–2999")));
    }
    if let Some(day) = query.to.filter(|d| !sane(*d)) {
        return Err(Error::field("to", format!("{day} is outside the years 2000–2999")));
    }
    let to = query.to.unwrap_or_else(|| now.date_naive());
    let from = query.from.unwrap_or(to - Duration::days(29));
    if from > to {
        return Err(Error::field("from", "must not be after `to`"));
    }
    if (to - from).num_days() >= MAX_WINDOW_DAYS {
        return Err(Error::field("from", format!("the window may span at most {MAX_WINDOW_DAYS} days")));
    }
    let dashboard = org.scope(&state).incidents().dashboard(from, to, now).await?;
    Ok(Json(DashboardView {
        from,
        to,
        active_by_severity: dashboard.active_by_severity,
        active_by_status: dashboard.active_by_status,
        overall: dashboard.overall.into(),
        by_severity: dashboard.by_severity.into_iter().map(|(s, f)| (s, f.into())).collect(),
        breaching: dashboard
            .breaching
            .into_iter()
            .map(|i| BreachingIncident {
                id: i.id,
                reference: RecordNumber::new(RecordKind::Incident, i.number).to_string(),
                title: i.title,
                severity: i.severity,
                status: i.status,
            })
            .collect(),
        daily: dashboard
            .daily
            .into_iter()
            .map(|d| DayFigures {
                day: d.day,
                opened: d.opened,
                resolved: d.resolved,
                mttr_mean_seconds: d.mttr_mean_seconds,
            })
            .collect(),
    }))
}

#[derive(Serialize, Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TargetView {
    acknowledge_seconds: i64,
    resolve_seconds: i64,
}

/// SLA targets per severity: time to acknowledge and to resolve.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/sla-targets", tag = "incidents",
    responses((status = 200, body = BTreeMap<Severity, TargetView>))
)]
async fn get_targets(State(state): State<AppState>, org: OrgContext) -> Result<Json<BTreeMap<Severity, TargetView>>> {
    org.require(Action::ViewIncidents)?;
    let targets = org.scope(&state).incidents().sla_targets().await?;
    Ok(Json(
        targets
            .into_iter()
            .map(|(s, t)| {
                (
                    s,
                    TargetView {
                        acknowledge_seconds: t.acknowledge.num_seconds(),
                        resolve_seconds: t.resolve.num_seconds(),
                    },
                )
            })
            .collect(),
    ))
}

/// Sets SLA targets for the severities given (admins only).
#[utoipa::path(
    put, path = "/api/orgs/{orgId}/sla-targets", tag = "incidents",
    request_body = BTreeMap<Severity, TargetView>,
    responses((status = 200, body = BTreeMap<Severity, TargetView>), (status = 422, body = crate::error::Problem))
)]
async fn put_targets(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(body): ApiJson<BTreeMap<Severity, TargetView>>,
) -> Result<Json<BTreeMap<Severity, TargetView>>> {
    org.require(Action::ManageSlaTargets)?;
    let mut errors = Vec::new();
    for (severity, target) in &body {
        if !(1..=MAX_TARGET_SECONDS).contains(&target.acknowledge_seconds) {
            errors.push(FieldError::new(
                format!("{severity}.acknowledgeSeconds"),
                format!("must be 1 to {MAX_TARGET_SECONDS}"),
            ));
        }
        if target.resolve_seconds > MAX_TARGET_SECONDS {
            errors.push(FieldError::new(
                format!("{severity}.resolveSeconds"),
                format!("must be at most {MAX_TARGET_SECONDS}"),
            ));
        }
        // The default policy counts in minutes.
        for (field, seconds) in
            [("acknowledgeSeconds", target.acknowledge_seconds), ("resolveSeconds", target.resolve_seconds)]
        {
            if seconds % 60 != 0 {
                errors.push(FieldError::new(format!("{severity}.{field}"), "must be whole minutes (a multiple of 60)"));
            }
        }
        if target.resolve_seconds < target.acknowledge_seconds {
            errors.push(FieldError::new(
                format!("{severity}.resolveSeconds"),
                "must not be shorter than acknowledgeSeconds",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let targets: Vec<(Severity, SlaTarget)> = body
        .iter()
        .map(|(s, t)| {
            (
                *s,
                SlaTarget {
                    acknowledge: Duration::seconds(t.acknowledge_seconds),
                    resolve: Duration::seconds(t.resolve_seconds),
                },
            )
        })
        .collect();
    org.scope(&state).sla().set_default_targets(&targets, &org.meta).await?;
    get_targets(State(state), org).await
}

pub fn dashboard_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(dashboard))
}

/// The default SLA policy's targets: service level management's (404 while it is off).
pub fn sla_routes() -> OpenApiRouter<AppState> {
    super::tenant::module_routes(Module::SlaManagement, OpenApiRouter::new().routes(routes!(get_targets, put_targets)))
}
