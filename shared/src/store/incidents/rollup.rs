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
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};

use super::super::entities::{incident, incident_day};
use super::super::scope::scoped;
use super::{IncidentRecord, Incidents, StoreResult, active_statuses, corrupt, with_people};
use crate::domain::histogram::DurationHistogram;
use crate::domain::incidents::{IncidentStatus, Severity, seconds_between};
use crate::domain::rollup::{DurationTotals, RollupFigures, RollupTotals};
use crate::ids::OrgId;

/// The dashboard lists at most this many breaching incidents, most severe first.
const MAX_BREACHING: u64 = 200;

fn day_of(at: DateTime<Utc>) -> String {
    at.date_naive().format("%Y-%m-%d").to_string()
}

/// One thing an incident adds to the rollup of one day and severity.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Contribution {
    Opened,
    Acknowledged { seconds: i64, within: bool },
    Resolved { seconds: i64, within: bool },
}

type DayKey = (String, String);

fn contributions(row: &incident::Model) -> Vec<(DayKey, Contribution)> {
    let key = |at: &DateTime<Utc>| (day_of(*at), row.severity.clone());
    let mut out = vec![(key(&row.created_at), Contribution::Opened)];
    if let Some(at) = row.acknowledged_at {
        let seconds = seconds_between(row.created_at, at);
        out.push((key(&at), Contribution::Acknowledged { seconds, within: row.ack_within_target.unwrap_or(false) }));
    }
    if let Some(at) = row.resolved_at {
        let seconds = seconds_between(row.created_at, at);
        out.push((key(&at), Contribution::Resolved { seconds, within: row.resolve_within_target.unwrap_or(false) }));
    }
    out
}

/// Moves an incident's contribution from `before` (none for a new one) to
/// `after`. What both contribute alike is left alone, and each day row is
/// read and written once, in key order.
pub(super) async fn apply<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    before: Option<&incident::Model>,
    after: &incident::Model,
) -> StoreResult<()> {
    let mut added = contributions(after);
    let mut changes: BTreeMap<DayKey, Vec<(Contribution, i64)>> = BTreeMap::new();
    for old in before.map(contributions).unwrap_or_default() {
        match added.iter().position(|new| *new == old) {
            Some(same) => {
                added.remove(same);
            }
            None => changes.entry(old.0).or_default().push((old.1, -1)),
        }
    }
    for (key, contribution) in added {
        changes.entry(key).or_default().push((contribution, 1));
    }
    for ((day, severity), list) in changes {
        bump(conn, org_id, day, severity, |totals| {
            for (contribution, sign) in list {
                match contribution {
                    Contribution::Opened => totals.opened += sign,
                    Contribution::Acknowledged { seconds, within } => totals.acknowledge.record(seconds, within, sign),
                    Contribution::Resolved { seconds, within } => totals.resolve.record(seconds, within, sign),
                }
            }
        })
        .await?;
    }
    Ok(())
}

fn totals_of(day: &incident_day::Model) -> StoreResult<RollupTotals> {
    let histogram = |text: &str| DurationHistogram::decode(text).map_err(corrupt);
    Ok(RollupTotals {
        opened: day.opened,
        acknowledge: DurationTotals {
            count: day.acknowledged,
            seconds_sum: day.ack_seconds_sum,
            within_target: day.ack_within_target,
            histogram: histogram(&day.ack_histogram)?,
        },
        resolve: DurationTotals {
            count: day.resolved,
            seconds_sum: day.resolve_seconds_sum,
            within_target: day.resolve_within_target,
            histogram: histogram(&day.resolve_histogram)?,
        },
    })
}

/// The row storing `totals` for one organisation, day and severity.
fn day_row(org_id: uuid::Uuid, day: String, severity: String, totals: &RollupTotals) -> incident_day::Model {
    incident_day::Model {
        org_id,
        day,
        severity,
        opened: totals.opened,
        acknowledged: totals.acknowledge.count,
        resolved: totals.resolve.count,
        ack_seconds_sum: totals.acknowledge.seconds_sum,
        resolve_seconds_sum: totals.resolve.seconds_sum,
        ack_within_target: totals.acknowledge.within_target,
        resolve_within_target: totals.resolve.within_target,
        ack_histogram: totals.acknowledge.histogram.encode(),
        resolve_histogram: totals.resolve.histogram.encode(),
    }
}

async fn bump<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    day: String,
    severity: String,
    change: impl FnOnce(&mut RollupTotals),
) -> StoreResult<()> {
    let existing = scoped::<incident_day::Entity>(org_id)
        .filter(incident_day::Column::Day.eq(day.as_str()))
        .filter(incident_day::Column::Severity.eq(severity.as_str()))
        .one(conn)
        .await?;
    let key = (org_id.uuid(), day, severity);
    let mut totals = existing.as_ref().map(totals_of).transpose()?.unwrap_or_default();
    change(&mut totals);
    let row = incident_day::ActiveModel::from(day_row(key.0, key.1, key.2, &totals)).reset_all();
    match existing {
        Some(_) => row.update(conn).await.map(|_| ()),
        None => row.insert(conn).await.map(|_| ()),
    }?;
    Ok(())
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
    pub overall: RollupFigures,
    pub by_severity: BTreeMap<Severity, RollupFigures>,
    pub breaching: Vec<IncidentRecord>,
    pub daily: Vec<DailyRollup>,
}

impl Incidents<'_> {
    /// The dashboard for the UTC days `from..=to`.
    pub async fn dashboard(&self, from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> StoreResult<Dashboard> {
        let days = scoped::<incident_day::Entity>(self.scope.org_id)
            .filter(incident_day::Column::Day.gte(from.format("%Y-%m-%d").to_string()))
            .filter(incident_day::Column::Day.lte(to.format("%Y-%m-%d").to_string()))
            .order_by_asc(incident_day::Column::Day)
            .all(self.scope.db)
            .await?;
        let mut overall = RollupTotals::default();
        let mut by_severity: BTreeMap<Severity, RollupTotals> = BTreeMap::new();
        let mut daily: BTreeMap<String, RollupTotals> = BTreeMap::new();
        for day in &days {
            let severity: Severity = day.severity.parse().map_err(corrupt)?;
            let totals = totals_of(day)?;
            overall.merge(&totals);
            by_severity.entry(severity).or_default().merge(&totals);
            daily.entry(day.day.clone()).or_default().merge(&totals);
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

        let active: Vec<(String, String, i64)> = scoped::<incident::Entity>(self.scope.org_id)
            .select_only()
            .column(incident::Column::Severity)
            .column(incident::Column::Status)
            .column_as(incident::Column::Id.count(), "count")
            .filter(incident::Column::Status.is_in(active_statuses()))
            .group_by(incident::Column::Severity)
            .group_by(incident::Column::Status)
            .into_tuple()
            .all(self.scope.db)
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
        let rows = scoped::<incident::Entity>(self.scope.org_id)
            .filter(incident::Column::Status.is_in(active_statuses()))
            .filter(overdue)
            .order_by_asc(incident::Column::SeverityRank)
            .order_by_asc(incident::Column::Number)
            .limit(MAX_BREACHING)
            .all(self.scope.db)
            .await?;
        let breaching = with_people(self.scope.db, self.scope.org_id, rows).await?;
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
