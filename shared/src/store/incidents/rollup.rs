//! Dashboard rollups: per organisation, UTC day and severity, the counts,
//! sums and duration histograms the dashboard needs. They change in the
//! transaction of each incident change, so the dashboard reads O(days)
//! rows, never O(incidents).
//!
//! Attribution: an incident counts as opened on its creation day,
//! acknowledged on its first-acknowledgement day and resolved on its
//! resolution day. A change subtracts the incident's old contribution and
//! adds its new one, so severity changes and reopenings stay exact.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::super::entities::{incident, incident_day};
use super::{IncidentRecord, OrgStore, StoreResult, active_statuses, corrupt, with_people};
use crate::domain::histogram::DurationHistogram;
use crate::domain::incidents::{IncidentStatus, Severity, seconds_between};
use crate::ids::OrgId;

/// The dashboard lists at most this many breaching incidents, most severe first.
const MAX_BREACHING: u64 = 200;

fn day_of(at: DateTime<Utc>) -> String {
    at.date_naive().format("%Y-%m-%d").to_string()
}

/// What of an incident the rollups depend on.
fn contribution(row: &incident::Model) -> impl PartialEq {
    (
        row.severity.clone(),
        row.created_at,
        row.acknowledged_at,
        row.resolved_at,
        row.ack_within_target,
        row.resolve_within_target,
    )
}

pub(super) fn contribution_changed(before: &incident::Model, after: &incident::Model) -> bool {
    contribution(before) != contribution(after)
}

/// Adds (`sign` = 1) or removes (`sign` = -1) one incident's contribution.
pub(super) async fn apply<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    row: &incident::Model,
    sign: i64,
) -> StoreResult<()> {
    bump(conn, org_id, &row.created_at, &row.severity, |day| day.opened += sign).await?;
    if let Some(acknowledged_at) = row.acknowledged_at {
        let seconds = seconds_between(row.created_at, acknowledged_at);
        let within = i64::from(row.ack_within_target.unwrap_or(false));
        bump(conn, org_id, &acknowledged_at, &row.severity, |day| {
            day.acknowledged += sign;
            day.ack_seconds_sum += sign * seconds;
            day.ack_within_target += sign * within;
            update_histogram(&mut day.ack_histogram, seconds, sign);
        })
        .await?;
    }
    if let Some(resolved_at) = row.resolved_at {
        let seconds = seconds_between(row.created_at, resolved_at);
        let within = i64::from(row.resolve_within_target.unwrap_or(false));
        bump(conn, org_id, &resolved_at, &row.severity, |day| {
            day.resolved += sign;
            day.resolve_seconds_sum += sign * seconds;
            day.resolve_within_target += sign * within;
            update_histogram(&mut day.resolve_histogram, seconds, sign);
        })
        .await?;
    }
    Ok(())
}

fn update_histogram(stored: &mut String, seconds: i64, sign: i64) {
    let mut histogram = DurationHistogram::decode(stored).unwrap_or_default();
    if sign > 0 {
        histogram.record(seconds);
    } else {
        histogram.forget(seconds);
    }
    *stored = histogram.encode();
}

async fn bump<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    at: &DateTime<Utc>,
    severity: &str,
    change: impl FnOnce(&mut incident_day::Model),
) -> StoreResult<()> {
    let key = (org_id.uuid(), day_of(*at), severity.to_owned());
    match incident_day::Entity::find_by_id(key.clone()).one(conn).await? {
        Some(mut day) => {
            change(&mut day);
            incident_day::ActiveModel::from(day).reset_all().update(conn).await?;
        }
        None => {
            let mut day = incident_day::Model {
                org_id: key.0,
                day: key.1,
                severity: key.2,
                opened: 0,
                acknowledged: 0,
                resolved: 0,
                ack_seconds_sum: 0,
                resolve_seconds_sum: 0,
                ack_within_target: 0,
                resolve_within_target: 0,
                ack_histogram: String::new(),
                resolve_histogram: String::new(),
            };
            change(&mut day);
            incident_day::ActiveModel::from(day).reset_all().insert(conn).await?;
        }
    }
    Ok(())
}

/// MTTA/MTTR and SLA compliance over a window, for one severity or all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeverityFigures {
    pub opened: i64,
    pub acknowledged: i64,
    pub resolved: i64,
    pub mtta_mean_seconds: Option<f64>,
    pub mtta_p50_seconds: Option<f64>,
    pub mtta_p90_seconds: Option<f64>,
    pub mttr_mean_seconds: Option<f64>,
    pub mttr_p50_seconds: Option<f64>,
    pub mttr_p90_seconds: Option<f64>,
    /// Share (0–100) of acknowledgements within target.
    pub ack_compliance_pct: Option<f64>,
    pub resolve_compliance_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DailyRollup {
    pub day: NaiveDate,
    pub opened: i64,
    pub resolved: i64,
    pub mttr_mean_seconds: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Dashboard {
    pub active_by_severity: BTreeMap<Severity, i64>,
    pub active_by_status: BTreeMap<IncidentStatus, i64>,
    pub overall: SeverityFigures,
    pub by_severity: BTreeMap<Severity, SeverityFigures>,
    pub breaching: Vec<IncidentRecord>,
    pub daily: Vec<DailyRollup>,
}

#[derive(Default)]
struct Accumulator {
    opened: i64,
    acknowledged: i64,
    resolved: i64,
    ack_sum: i64,
    resolve_sum: i64,
    ack_within: i64,
    resolve_within: i64,
    ack_hist: DurationHistogram,
    resolve_hist: DurationHistogram,
}

impl Accumulator {
    fn add(&mut self, day: &incident_day::Model) {
        self.opened += day.opened;
        self.acknowledged += day.acknowledged;
        self.resolved += day.resolved;
        self.ack_sum += day.ack_seconds_sum;
        self.resolve_sum += day.resolve_seconds_sum;
        self.ack_within += day.ack_within_target;
        self.resolve_within += day.resolve_within_target;
        self.ack_hist.merge(&DurationHistogram::decode(&day.ack_histogram).unwrap_or_default());
        self.resolve_hist.merge(&DurationHistogram::decode(&day.resolve_histogram).unwrap_or_default());
    }

    fn figures(&self) -> SeverityFigures {
        let mean = |sum: i64, n: i64| (n > 0).then(|| sum as f64 / n as f64);
        let pct = |part: i64, n: i64| (n > 0).then(|| 100.0 * part as f64 / n as f64);
        SeverityFigures {
            opened: self.opened,
            acknowledged: self.acknowledged,
            resolved: self.resolved,
            mtta_mean_seconds: mean(self.ack_sum, self.acknowledged),
            mtta_p50_seconds: self.ack_hist.quantile(0.5),
            mtta_p90_seconds: self.ack_hist.quantile(0.9),
            mttr_mean_seconds: mean(self.resolve_sum, self.resolved),
            mttr_p50_seconds: self.resolve_hist.quantile(0.5),
            mttr_p90_seconds: self.resolve_hist.quantile(0.9),
            ack_compliance_pct: pct(self.ack_within, self.acknowledged),
            resolve_compliance_pct: pct(self.resolve_within, self.resolved),
        }
    }
}

impl OrgStore<'_> {
    /// The dashboard for the UTC days `from..=to`.
    pub async fn dashboard(&self, from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> StoreResult<Dashboard> {
        let days = incident_day::Entity::find()
            .filter(incident_day::Column::OrgId.eq(self.org_id.uuid()))
            .filter(incident_day::Column::Day.gte(from.format("%Y-%m-%d").to_string()))
            .filter(incident_day::Column::Day.lte(to.format("%Y-%m-%d").to_string()))
            .order_by_asc(incident_day::Column::Day)
            .all(self.db)
            .await?;
        let mut overall = Accumulator::default();
        let mut by_severity: BTreeMap<Severity, Accumulator> = BTreeMap::new();
        let mut daily: BTreeMap<String, Accumulator> = BTreeMap::new();
        for day in &days {
            let severity: Severity = day.severity.parse().map_err(corrupt)?;
            overall.add(day);
            by_severity.entry(severity).or_default().add(day);
            daily.entry(day.day.clone()).or_default().add(day);
        }
        let daily = daily
            .into_iter()
            .map(|(day, acc)| {
                let date = NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|e| corrupt(e.to_string()))?;
                let figures = acc.figures();
                Ok(DailyRollup {
                    day: date,
                    opened: figures.opened,
                    resolved: figures.resolved,
                    mttr_mean_seconds: figures.mttr_mean_seconds,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;

        let active: Vec<(String, String, i64)> = incident::Entity::find()
            .select_only()
            .column(incident::Column::Severity)
            .column(incident::Column::Status)
            .column_as(incident::Column::Id.count(), "count")
            .filter(incident::Column::OrgId.eq(self.org_id.uuid()))
            .filter(incident::Column::Status.is_in(active_statuses()))
            .group_by(incident::Column::Severity)
            .group_by(incident::Column::Status)
            .into_tuple()
            .all(self.db)
            .await?;
        let mut active_by_severity = BTreeMap::new();
        let mut active_by_status = BTreeMap::new();
        for (severity, status, count) in active {
            *active_by_severity.entry(severity.parse().map_err(corrupt)?).or_insert(0) += count;
            *active_by_status.entry(status.parse().map_err(corrupt)?).or_insert(0) += count;
        }

        // Past the resolve target, or unacknowledged past the acknowledge target.
        let mut overdue = Condition::any();
        for (severity, target) in self.sla_targets().await? {
            overdue = overdue.add(
                Condition::all().add(incident::Column::Severity.eq(severity.key())).add(
                    Condition::any().add(incident::Column::CreatedAt.lt(now - target.resolve)).add(
                        Condition::all()
                            .add(incident::Column::AcknowledgedAt.is_null())
                            .add(incident::Column::CreatedAt.lt(now - target.acknowledge)),
                    ),
                ),
            );
        }
        let rows = incident::Entity::find()
            .filter(incident::Column::OrgId.eq(self.org_id.uuid()))
            .filter(incident::Column::Status.is_in(active_statuses()))
            .filter(overdue)
            .order_by_asc(incident::Column::SeverityRank)
            .order_by_asc(incident::Column::Id)
            .limit(MAX_BREACHING)
            .all(self.db)
            .await?;
        let breaching = with_people(self.db, rows).await?;
        Ok(Dashboard {
            active_by_severity,
            active_by_status,
            overall: overall.figures(),
            by_severity: by_severity.into_iter().map(|(s, acc)| (s, acc.figures())).collect(),
            breaching,
            daily,
        })
    }
}
