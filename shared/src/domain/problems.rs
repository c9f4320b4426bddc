//! Problem management: the cause behind incidents, its workaround (a known
//! error) and its resolution.

use crate::domain::keyed_enum;
use crate::domain::lifecycle::Lifecycle;

keyed_enum!(
    /// Where a problem stands.
    ProblemStatus {
        Identified => "identified",
        Investigating => "investigating",
        KnownError => "known_error",
        Resolved => "resolved",
        Closed => "closed",
    }
);

impl Lifecycle for ProblemStatus {
    fn all() -> &'static [Self] {
        Self::ALL
    }

    /// Forward along identified → investigating → known error → resolved →
    /// closed (skipping allowed up to resolved), and reopening a resolved
    /// problem to investigate again.
    fn can_become(self, next: Self) -> bool {
        use ProblemStatus::*;
        matches!(
            (self, next),
            (Identified, Investigating | KnownError | Resolved)
                | (Investigating, KnownError | Resolved)
                | (KnownError, Resolved)
                | (Resolved, Closed | Investigating)
        )
    }
}

impl ProblemStatus {
    /// Still being worked on: not resolved or closed.
    pub fn is_open(self) -> bool {
        !matches!(self, ProblemStatus::Resolved | ProblemStatus::Closed)
    }
}

keyed_enum!(
    /// How urgent a problem (or a request) is, P1 the most.
    Priority {
        P1 => "P1",
        P2 => "P2",
        P3 => "P3",
        P4 => "P4",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_follow_the_lifecycle() {
        use ProblemStatus::*;
        crate::domain::lifecycle::assert_transitions(&[
            (Identified, Investigating),
            (Identified, KnownError),
            (Identified, Resolved),
            (Investigating, KnownError),
            (Investigating, Resolved),
            (KnownError, Resolved),
            (Resolved, Investigating),
            (Resolved, Closed),
        ]);
    }
}
