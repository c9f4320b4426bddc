//! Incidents: severity, the status state machine, and SLA targets.

use chrono::{DateTime, Duration, Utc};

use crate::domain::keyed_enum;
use crate::domain::lifecycle::Lifecycle;

keyed_enum!(
    /// P1 is the most urgent; P4 is "low".
    Severity { P1 => "P1", P2 => "P2", P3 => "P3", P4 => "P4" }
);

keyed_enum!(
    /// Where an incident came from.
    Source { Ui => "ui", Api => "api", Email => "email", Webhook => "webhook" }
);

keyed_enum!(
    /// An incident's lifecycle. Allowed moves are in [`IncidentStatus::can_become`].
    IncidentStatus {
        Open => "open",
        Acknowledged => "acknowledged",
        Investigating => "investigating",
        Resolved => "resolved",
    }
);

impl Lifecycle for IncidentStatus {
    fn all() -> &'static [Self] {
        Self::ALL
    }

    /// The one place that says which transitions exist: forward along
    /// open → acknowledged → investigating → resolved (skipping allowed), and
    /// reopening a resolved incident.
    fn can_become(self, next: IncidentStatus) -> bool {
        use IncidentStatus::*;
        matches!(
            (self, next),
            (Open, Acknowledged | Investigating | Resolved)
                | (Acknowledged, Investigating | Resolved)
                | (Investigating, Resolved)
                | (Resolved, Open)
        )
    }
}

impl IncidentStatus {
    pub fn is_active(self) -> bool {
        self != IncidentStatus::Resolved
    }

    /// Whether reaching this status counts as the first acknowledgement.
    pub fn acknowledges(self) -> bool {
        self != IncidentStatus::Open
    }
}

/// Time allowed to acknowledge and to resolve an incident of one severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaTarget {
    pub acknowledge: Duration,
    pub resolve: Duration,
}

impl Severity {
    pub fn default_sla(self) -> SlaTarget {
        let (acknowledge, resolve) = match self {
            Severity::P1 => (Duration::minutes(15), Duration::hours(4)),
            Severity::P2 => (Duration::minutes(30), Duration::hours(8)),
            Severity::P3 => (Duration::hours(4), Duration::days(3)),
            Severity::P4 => (Duration::days(1), Duration::days(7)),
        };
        SlaTarget { acknowledge, resolve }
    }

    /// Sort rank: P1 first.
    pub fn rank(self) -> i32 {
        match self {
            Severity::P1 => 1,
            Severity::P2 => 2,
            Severity::P3 => 3,
            Severity::P4 => 4,
        }
    }
}

/// Seconds between two instants, never negative.
pub fn seconds_between(start: DateTime<Utc>, end: DateTime<Utc>) -> i64 {
    (end - start).num_seconds().max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_follow_the_lifecycle() {
        use IncidentStatus::*;
        crate::domain::lifecycle::assert_transitions(&[
            (Open, Acknowledged),
            (Open, Investigating),
            (Open, Resolved),
            (Acknowledged, Investigating),
            (Acknowledged, Resolved),
            (Investigating, Resolved),
            (Resolved, Open),
        ]);
    }

    #[test]
    fn default_targets_tighten_with_severity() {
        for pair in Severity::ALL.windows(2) {
            assert!(pair[0].default_sla().acknowledge < pair[1].default_sla().acknowledge);
            assert!(pair[0].default_sla().resolve < pair[1].default_sla().resolve);
        }
    }
}
