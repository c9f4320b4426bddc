//! State machines of every record kind: each status enum says, in one
//! place, which moves it allows; the same table-driven test checks each.

/// A record's status set and the moves allowed between them.
pub trait Lifecycle: Copy + Eq + std::fmt::Debug + 'static {
    /// Every status, in lifecycle order.
    fn all() -> &'static [Self];

    /// Whether a record in `self` may move to `next` (never to itself).
    fn can_become(self, next: Self) -> bool;

    /// Every allowed move, in the order of [`Lifecycle::all`].
    fn transitions() -> Vec<(Self, Self)> {
        Self::all()
            .iter()
            .flat_map(|from| Self::all().iter().map(move |to| (*from, *to)))
            .filter(|(from, to)| from.can_become(*to))
            .collect()
    }
}

/// The table-driven transition test: `allowed` is exactly the set of moves.
#[cfg(test)]
pub fn assert_transitions<L: Lifecycle>(allowed: &[(L, L)]) {
    assert_eq!(L::transitions(), allowed, "the lifecycle's moves");
    for status in L::all() {
        assert!(!status.can_become(*status), "{status:?} does not move to itself");
    }
}
