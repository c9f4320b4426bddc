//! Assets and configuration management: what a configuration item is, the
//! types it may have (with their attribute schemas), and how items relate.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::keyed_enum;
use crate::domain::lifecycle::Lifecycle;
use crate::error::FieldError;

keyed_enum!(
    /// How much depends on a configuration item, in rising order.
    Criticality {
        Low => "low",
        Medium => "medium",
        High => "high",
        Critical => "critical",
    }
);

keyed_enum!(
    /// Where a configuration item is in its life.
    CiStatus {
        Planned => "planned",
        Active => "active",
        Maintenance => "maintenance",
        Retired => "retired",
    }
);

impl Lifecycle for CiStatus {
    fn all() -> &'static [Self] {
        Self::ALL
    }

    /// Planned items go live (or are dropped); live items go into and out
    /// of maintenance; any item may be retired, and a retired one stays so.
    fn can_become(self, next: Self) -> bool {
        use CiStatus::*;
        matches!(
            (self, next),
            (Planned, Active | Retired) | (Active, Maintenance | Retired) | (Maintenance, Active | Retired)
        )
    }
}

/// The types every organisation has; it may define more.
pub const BUILT_IN_TYPES: &[&str] = &["service", "application", "server", "database", "network", "other"];

/// The relations every organisation has, with how each reads from its other end.
pub const BUILT_IN_RELATIONS: &[(&str, &str)] =
    &[("depends_on", "used_by"), ("runs_on", "hosts"), ("connects_to", "connected_from")];

/// A type or relation key: 1–40 of `a-z 0-9 - _`, starting with a letter.
pub fn check_key(key: &str, field: &str) -> Result<(), FieldError> {
    let valid = (1..=40).contains(&key.len())
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_".contains(&b));
    if valid { Ok(()) } else { Err(FieldError::new(field, "1–40 of a-z 0-9 - _, starting with a letter")) }
}

/// A relation an organisation defined beyond the built-in ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RelationType {
    pub key: String,
    /// How it reads from the other end (`depends_on` reads `used_by`).
    pub inverse: String,
}

/// How far an impact query goes by default, and at most.
pub const DEFAULT_IMPACT_DEPTH: u32 = 10;
pub const MAX_IMPACT_DEPTH: u32 = 20;
/// Items an impact answer lists at most, nearest first (all are counted).
pub const DEFAULT_IMPACT_LIMIT: usize = 1000;
pub const MAX_IMPACT_LIMIT: usize = 10_000;

keyed_enum!(
    /// Which way an impact query follows relationships: `downstream` to
    /// what an item relies on (`depends_on`, `runs_on`, … from it),
    /// `upstream` to what relies on it.
    Direction {
        Upstream => "upstream",
        Downstream => "downstream",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_follow_the_lifecycle() {
        use CiStatus::*;
        crate::domain::lifecycle::assert_transitions(&[
            (Planned, Active),
            (Planned, Retired),
            (Active, Maintenance),
            (Active, Retired),
            (Maintenance, Active),
            (Maintenance, Retired),
        ]);
    }

    #[test]
    fn keys_are_short_lower_case_words() {
        assert!(check_key("load-balancer", "key").is_ok());
        assert!(check_key("k8s_cluster", "key").is_ok());
        for bad in ["", "Load", "9lives", "a b", &"x".repeat(41)] {
            assert!(check_key(bad, "key").is_err(), "{bad:?}");
        }
    }
}
