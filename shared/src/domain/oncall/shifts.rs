//! Who is on call: the latest-starting override, else the highest layer
//! with a holder; and the merged timeline of who and why over a range.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Override, Schedule};
use crate::ids::UserId;

/// What put someone on call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "index", rename_all = "lowercase")]
pub enum ShiftSource {
    /// The layer at this index of [`Schedule::layers`].
    Layer(usize),
    Override,
}

/// One piece of the merged timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shift {
    pub user: UserId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub source: ShiftSource,
}

impl Override {
    fn covers(&self, at: DateTime<Utc>) -> bool {
        self.starts_at <= at && at < self.ends_at
    }
}

impl Schedule {
    /// Who holds the pager at `at`, if anyone.
    pub fn on_call_at(&self, at: DateTime<Utc>) -> Option<UserId> {
        self.cover_at(at).map(|(user, _)| user)
    }

    /// The merged timeline over `[from, to)`: who is on call and why, pieces
    /// clipped to the range, uncovered time left out. Costs one step per
    /// handoff in the range, so callers bound the range (a week view, a month).
    pub fn shifts(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Shift> {
        if from >= to {
            return Vec::new();
        }
        // Who is on call can only change at a handoff or an override edge, so
        // the answer at the start of each piece holds for all of it.
        let mut edges = vec![from, to];
        for layer in &self.layers {
            edges.extend(layer.handoffs_within(self.time_zone, from, to));
        }
        for cover in &self.overrides {
            edges.extend([cover.starts_at, cover.ends_at].into_iter().filter(|t| from < *t && *t < to));
        }
        edges.sort_unstable();
        edges.dedup();

        let mut shifts: Vec<Shift> = Vec::new();
        for piece in edges.windows(2) {
            let (starts_at, ends_at) = (piece[0], piece[1]);
            let Some((user, source)) = self.cover_at(starts_at) else { continue };
            match shifts.last_mut() {
                Some(last) if last.ends_at == starts_at && last.user == user && last.source == source => {
                    last.ends_at = ends_at;
                }
                _ => shifts.push(Shift { user, starts_at, ends_at, source }),
            }
        }
        shifts
    }

    fn cover_at(&self, at: DateTime<Utc>) -> Option<(UserId, ShiftSource)> {
        // The latest-starting override wins; among equal starts, the later entry.
        let covering = self.overrides.iter().filter(|cover| cover.covers(at)).max_by_key(|cover| cover.starts_at);
        if let Some(cover) = covering {
            return Some((cover.user, ShiftSource::Override));
        }
        self.layers
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, layer)| Some((layer.on_call_at(self.time_zone, at)?, ShiftSource::Layer(i))))
    }
}

#[cfg(test)]
mod tests {
    use chrono_tz::Europe::Berlin;

    use super::super::Rotation;
    use super::super::fixtures::{A, B, C, D, layer, schedule, user, utc};
    use super::*;

    #[test]
    fn overrides_win_inside_their_range_only() {
        let mut berlin = schedule(Berlin, vec![layer(Rotation::Daily, "2026-03-01T09:00:00", &[A, B])]);
        let cover = |user_n, starts_at, ends_at| Override {
            starts_at: utc(starts_at),
            ends_at: utc(ends_at),
            user: user(user_n),
        };
        berlin.overrides.push(cover(C, "2026-03-10T10:00:00Z", "2026-03-10T14:00:00Z"));

        assert_eq!(berlin.on_call_at(utc("2026-03-10T09:59:59Z")), Some(user(B)));
        assert_eq!(berlin.on_call_at(utc("2026-03-10T10:00:00Z")), Some(user(C)));
        assert_eq!(berlin.on_call_at(utc("2026-03-10T13:59:59Z")), Some(user(C)));
        assert_eq!(berlin.on_call_at(utc("2026-03-10T14:00:00Z")), Some(user(B)));

        // A later-starting override beats an earlier one where they overlap.
        berlin.overrides.push(cover(D, "2026-03-10T12:00:00Z", "2026-03-10T16:00:00Z"));
        let day = berlin.shifts(utc("2026-03-10T00:00:00Z"), utc("2026-03-11T00:00:00Z"));
        let expected = [
            (A, "2026-03-10T00:00:00Z", "2026-03-10T08:00:00Z", ShiftSource::Layer(0)),
            (B, "2026-03-10T08:00:00Z", "2026-03-10T10:00:00Z", ShiftSource::Layer(0)),
            (C, "2026-03-10T10:00:00Z", "2026-03-10T12:00:00Z", ShiftSource::Override),
            (D, "2026-03-10T12:00:00Z", "2026-03-10T16:00:00Z", ShiftSource::Override),
            (B, "2026-03-10T16:00:00Z", "2026-03-11T00:00:00Z", ShiftSource::Layer(0)),
        ]
        .map(|(n, starts_at, ends_at, source)| Shift {
            user: user(n),
            starts_at: utc(starts_at),
            ends_at: utc(ends_at),
            source,
        });
        assert_eq!(day, expected);
    }

    #[test]
    fn later_layers_take_over_from_their_first_handoff() {
        let base = layer(Rotation::Daily, "2026-03-01T09:00:00", &[A, B]);
        let mut berlin = schedule(Berlin, vec![base, layer(Rotation::Daily, "2026-03-16T09:00:00", &[C])]);

        assert_eq!(berlin.on_call_at(utc("2026-03-16T07:59:59Z")), Some(user(A)));
        assert_eq!(berlin.on_call_at(utc("2026-03-16T08:00:00Z")), Some(user(C)));
        // C's daily shifts merge into one piece.
        let shifts = berlin.shifts(utc("2026-03-15T00:00:00Z"), utc("2026-03-20T00:00:00Z"));
        let expected = [
            (B, "2026-03-15T00:00:00Z", "2026-03-15T08:00:00Z", ShiftSource::Layer(0)),
            (A, "2026-03-15T08:00:00Z", "2026-03-16T08:00:00Z", ShiftSource::Layer(0)),
            (C, "2026-03-16T08:00:00Z", "2026-03-20T00:00:00Z", ShiftSource::Layer(1)),
        ]
        .map(|(n, starts_at, ends_at, source)| Shift {
            user: user(n),
            starts_at: utc(starts_at),
            ends_at: utc(ends_at),
            source,
        });
        assert_eq!(shifts, expected);

        berlin.layers[1].participants.clear();
        assert_eq!(berlin.on_call_at(utc("2026-03-16T08:00:00Z")), Some(user(B)), "an empty layer covers nothing");
        assert_eq!(berlin.shifts(utc("2026-03-16T00:00:00Z"), utc("2026-03-16T00:00:00Z")), []);
    }
}
