//! Incident rollups: the counts, sums and duration histograms kept per
//! organisation, UTC day and severity, and the figures a window of them gives.

use crate::domain::histogram::DurationHistogram;

/// One measured duration kind (acknowledge or resolve) of a rollup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DurationTotals {
    pub count: i64,
    pub seconds_sum: i64,
    pub within_target: i64,
    pub histogram: DurationHistogram,
}

impl DurationTotals {
    /// Adds (`sign` = 1) or takes back (`sign` = -1) one duration.
    pub fn record(&mut self, seconds: i64, within_target: bool, sign: i64) {
        self.count += sign;
        self.seconds_sum += sign * seconds;
        self.within_target += sign * i64::from(within_target);
        if sign > 0 {
            self.histogram.record(seconds);
        } else {
            self.histogram.forget(seconds);
        }
    }

    pub fn merge(&mut self, other: &DurationTotals) {
        self.count += other.count;
        self.seconds_sum += other.seconds_sum;
        self.within_target += other.within_target;
        self.histogram.merge(&other.histogram);
    }

    fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.seconds_sum as f64 / self.count as f64)
    }

    fn compliance_pct(&self) -> Option<f64> {
        (self.count > 0).then(|| 100.0 * self.within_target as f64 / self.count as f64)
    }
}

/// What a day (or a window of days) adds up to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RollupTotals {
    pub opened: i64,
    pub acknowledge: DurationTotals,
    pub resolve: DurationTotals,
}

impl RollupTotals {
    pub fn merge(&mut self, other: &RollupTotals) {
        self.opened += other.opened;
        self.acknowledge.merge(&other.acknowledge);
        self.resolve.merge(&other.resolve);
    }

    pub fn figures(&self) -> RollupFigures {
        RollupFigures {
            opened: self.opened,
            acknowledged: self.acknowledge.count,
            resolved: self.resolve.count,
            mtta_mean_seconds: self.acknowledge.mean(),
            mtta_p50_seconds: self.acknowledge.histogram.quantile(0.5),
            mtta_p90_seconds: self.acknowledge.histogram.quantile(0.9),
            mttr_mean_seconds: self.resolve.mean(),
            mttr_p50_seconds: self.resolve.histogram.quantile(0.5),
            mttr_p90_seconds: self.resolve.histogram.quantile(0.9),
            ack_compliance_pct: self.acknowledge.compliance_pct(),
            resolve_compliance_pct: self.resolve.compliance_pct(),
        }
    }
}

/// MTTA/MTTR and SLA compliance over a window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RollupFigures {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recording_and_taking_back_cancel_out() {
        let mut totals = RollupTotals::default();
        totals.acknowledge.record(120, true, 1);
        totals.resolve.record(3600, false, 1);
        let before = totals.clone();
        totals.resolve.record(7200, true, 1);
        totals.resolve.record(7200, true, -1);
        assert_eq!(totals, before);
        let figures = totals.figures();
        assert_eq!(figures.mtta_mean_seconds, Some(120.0));
        assert_eq!(figures.ack_compliance_pct, Some(100.0));
        assert_eq!(figures.resolve_compliance_pct, Some(0.0));
        assert_eq!(RollupTotals::default().figures().mttr_mean_seconds, None);
    }
}
