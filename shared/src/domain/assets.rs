//! Assets and configuration management: what a configuration item is.

use crate::domain::keyed_enum;

keyed_enum!(
    /// How much depends on a configuration item, in rising order.
    Criticality {
        Low => "low",
        Medium => "medium",
        High => "high",
        Critical => "critical",
    }
);
