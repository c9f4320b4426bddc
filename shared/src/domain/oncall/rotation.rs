//! When each shift of a layer starts: handoffs stepped in local calendar
//! days (daily, weekly) or real hours (custom), local times resolved across
//! DST gaps and folds, and who holds a given shift.

use chrono::{DateTime, MappedLocalTime, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

use super::{Layer, Rotation};
use crate::ids::UserId;

impl Layer {
    /// When shift `k` starts. `None` only when the date is outside what chrono
    /// can represent.
    pub fn handoff(&self, zone: Tz, k: i64) -> Option<DateTime<Utc>> {
        match self.rotation {
            Rotation::Daily => resolve_local(zone, self.starts_at.checked_add_signed(TimeDelta::try_days(k)?)?),
            Rotation::Weekly => {
                resolve_local(zone, self.starts_at.checked_add_signed(TimeDelta::try_days(k.checked_mul(7)?)?)?)
            }
            Rotation::Custom { hours } => resolve_local(zone, self.starts_at)?
                .checked_add_signed(TimeDelta::try_hours(k.checked_mul(i64::from(hours))?)?),
        }
    }

    /// The index of the shift in effect at `at`; `None` before the first
    /// handoff (and for a zero-hour rotation, which validation rejects).
    fn shift_index(&self, zone: Tz, at: DateTime<Utc>) -> Option<i64> {
        // A first guess from elapsed time, then walk to the exact shift:
        // mapping gaps and folds moves a handoff by hours, so it is close.
        let local_periods = |days: i64| {
            let elapsed = at.with_timezone(&zone).naive_local() - self.starts_at;
            elapsed.num_seconds().div_euclid(days * SECONDS_PER_DAY)
        };
        let mut k = match self.rotation {
            Rotation::Daily => local_periods(1),
            Rotation::Weekly => local_periods(7),
            Rotation::Custom { hours: 0 } => return None,
            Rotation::Custom { hours } => {
                (at - self.handoff(zone, 0)?).num_seconds().div_euclid(i64::from(hours) * 3600)
            }
        };
        while self.handoff(zone, k)? > at {
            k -= 1;
        }
        while self.handoff(zone, k + 1)? <= at {
            k += 1;
        }
        (k >= 0).then_some(k)
    }

    fn holder(&self, k: i64) -> Option<UserId> {
        let len = i64::try_from(self.participants.len()).ok().filter(|len| *len > 0)?;
        let slot = usize::try_from(k.rem_euclid(len)).ok()?;
        self.participants.get(slot).copied()
    }

    pub(super) fn on_call_at(&self, zone: Tz, at: DateTime<Utc>) -> Option<UserId> {
        self.holder(self.shift_index(zone, at)?)
    }

    /// Handoffs strictly inside `(from, to)`.
    pub(super) fn handoffs_within(&self, zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        if self.participants.is_empty() || self.rotation == (Rotation::Custom { hours: 0 }) {
            return Vec::new();
        }
        let first = match self.shift_index(zone, from) {
            Some(k) => k + 1,
            None if self.handoff(zone, 0).is_some_and(|start| start > from) => 0,
            // Dates chrono cannot represent.
            None => return Vec::new(),
        };
        (first..).map_while(|k| self.handoff(zone, k)).skip_while(|t| *t <= from).take_while(|t| *t < to).collect()
    }
}

const SECONDS_PER_DAY: i64 = 24 * 3600;

/// The instant a local wall-clock time names in `zone`. A time skipped by a
/// spring-forward gap means the first instant after the gap (the handoff
/// happens as soon as the clock allows); a time repeated by a fall-back means
/// its first occurrence, so nobody's shift is silently doubled.
fn resolve_local(zone: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match zone.from_local_datetime(&local) {
        MappedLocalTime::Single(t) | MappedLocalTime::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
        MappedLocalTime::None => end_of_gap(zone, local),
    }
}

/// The transition instant that skipped over `local`. chrono-tz exposes no
/// transition list, so search for it: local time only moves forward across a
/// gap, offsets stay within ±14h and gaps within a day (Samoa, 2011), so the
/// transition lies within two days of `local` read as UTC.
fn end_of_gap(zone: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let local_at = |secs: i64| Some(DateTime::from_timestamp(secs, 0)?.with_timezone(&zone).naive_local());
    let guess = local.and_utc().timestamp();
    let (mut before, mut after) = (guess - 2 * SECONDS_PER_DAY, guess + 2 * SECONDS_PER_DAY);
    while after - before > 1 {
        let mid = before + (after - before) / 2;
        if local_at(mid)? >= local {
            after = mid;
        } else {
            before = mid;
        }
    }
    DateTime::from_timestamp(after, 0)
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, NaiveTime, Weekday};
    use chrono_tz::{America::New_York, Australia::Lord_Howe, Europe::Berlin};

    use super::super::fixtures::{A, B, C, hours, layer, local, schedule, user, utc};
    use super::super::{Rotation, ShiftSource};
    use super::*;

    /// A week of daily shifts from `first` (a 09:00 local handoff): one per
    /// day, contiguous, each starting at 09:00 local and lasting `lengths`.
    fn assert_daily_week(zone: Tz, first: &str, lengths: [i64; 7]) {
        let rotation = schedule(zone, vec![layer(Rotation::Daily, "2026-01-01T09:00:00", &[A, B, C])]);
        let from = resolve_local(zone, local(first)).expect("representable");
        let to = resolve_local(zone, local(first) + TimeDelta::days(7)).expect("representable");
        let shifts = rotation.shifts(from, to);

        assert_eq!(shifts.len(), 7, "{shifts:#?}");
        assert_eq!(shifts[0].starts_at, from);
        assert_eq!(shifts[6].ends_at, to);
        for pair in shifts.windows(2) {
            assert_eq!(pair[0].ends_at, pair[1].starts_at, "no gap or overlap");
            assert_ne!(pair[0].user, pair[1].user);
        }
        for (day, shift) in shifts.iter().enumerate() {
            let start = shift.starts_at.with_timezone(&zone).naive_local();
            assert_eq!(start, local(first) + TimeDelta::days(day as i64));
            assert_eq!(shift.source, ShiftSource::Layer(0));
            assert_eq!(rotation.on_call_at(shift.starts_at), Some(shift.user));
            assert_eq!(rotation.on_call_at(shift.ends_at - TimeDelta::seconds(1)), Some(shift.user));
        }
        let actual: Vec<i64> = shifts.iter().map(|s| hours(s.starts_at, s.ends_at)).collect();
        assert_eq!(actual, lengths);
    }

    #[test]
    fn daily_handoffs_keep_local_time_across_dst() {
        let zones = [(Berlin, "2026-03-26", "2026-10-22"), (New_York, "2026-03-05", "2026-10-29")];
        for (zone, spring, fall) in zones {
            assert_daily_week(zone, &format!("{spring}T09:00:00"), [24, 24, 23, 24, 24, 24, 24]);
            assert_daily_week(zone, &format!("{fall}T09:00:00"), [24, 24, 25, 24, 24, 24, 24]);
        }
    }

    #[test]
    fn berlin_daily_rotation_hands_over_at_nine_every_day_of_the_year() {
        let primary = layer(Rotation::Daily, "2026-03-20T09:00:00", &[A, B, C]);
        for k in 0..400 {
            let handoff = primary.handoff(Berlin, k).expect("representable").with_timezone(&Berlin);
            assert_eq!(handoff.time(), NaiveTime::from_hms_opt(9, 0, 0).expect("valid time"));
            assert_eq!(handoff.date_naive(), local("2026-03-20T00:00:00").date() + TimeDelta::days(k));
        }
        // Shift 8 starts 2026-03-28 and spans the spring-forward night.
        assert_eq!(primary.handoff(Berlin, 8), Some(utc("2026-03-28T08:00:00Z")));
        assert_eq!(primary.handoff(Berlin, 9), Some(utc("2026-03-29T07:00:00Z")));

        let berlin = schedule(Berlin, vec![primary]);
        assert_eq!(berlin.on_call_at(utc("2026-03-20T07:59:59Z")), None, "before the first handoff");
        assert_eq!(berlin.on_call_at(utc("2026-03-20T08:00:00Z")), Some(user(A)));
        assert_eq!(berlin.on_call_at(utc("2026-03-29T01:30:00Z")), Some(user(C)), "03:30 CEST, just after the gap");
        assert_eq!(berlin.on_call_at(utc("2026-03-29T06:59:59Z")), Some(user(C)));
        assert_eq!(berlin.on_call_at(utc("2026-03-29T07:00:00Z")), Some(user(A)));
        // Shift 218 starts 2026-10-24 09:00 CEST and ends 09:00 CET.
        assert_eq!(berlin.on_call_at(utc("2026-10-25T07:30:00Z")), Some(user(C)), "08:30 CET");
        assert_eq!(berlin.on_call_at(utc("2026-10-25T08:00:00Z")), Some(user(A)));
    }

    #[test]
    fn skipped_local_handoff_moves_to_the_end_of_the_gap() {
        let at_half_two = layer(Rotation::Daily, "2026-03-06T02:30:00", &[A, B]);
        assert_eq!(at_half_two.handoff(New_York, 1), Some(utc("2026-03-07T07:30:00Z")), "02:30 EST");
        assert_eq!(at_half_two.handoff(New_York, 2), Some(utc("2026-03-08T07:00:00Z")), "03:00 EDT");
        assert_eq!(at_half_two.handoff(New_York, 3), Some(utc("2026-03-09T06:30:00Z")), "02:30 EDT");

        let ny = schedule(New_York, vec![at_half_two]);
        assert_eq!(ny.on_call_at(utc("2026-03-08T06:59:59Z")), Some(user(B)));
        assert_eq!(ny.on_call_at(utc("2026-03-08T07:00:00Z")), Some(user(A)));

        // Lord Howe springs forward by half an hour, 02:00 → 02:30.
        let skipped = resolve_local(Lord_Howe, local("2026-10-04T02:10:00")).expect("representable");
        assert_eq!(skipped.with_timezone(&Lord_Howe).naive_local(), local("2026-10-04T02:30:00"));
        let just_before = (skipped - TimeDelta::seconds(1)).with_timezone(&Lord_Howe).naive_local();
        assert_eq!(just_before, local("2026-10-04T01:59:59"));
    }

    #[test]
    fn repeated_local_handoff_takes_the_first_occurrence() {
        let at_half_one = layer(Rotation::Daily, "2026-10-30T01:30:00", &[A, B, C]);
        assert_eq!(at_half_one.handoff(New_York, 1), Some(utc("2026-10-31T05:30:00Z")), "01:30 EDT");
        assert_eq!(at_half_one.handoff(New_York, 2), Some(utc("2026-11-01T05:30:00Z")), "first 01:30, EDT");
        assert_eq!(at_half_one.handoff(New_York, 3), Some(utc("2026-11-02T06:30:00Z")), "01:30 EST");

        let ny = schedule(New_York, vec![at_half_one]);
        let shifts = ny.shifts(utc("2026-10-31T05:30:00Z"), utc("2026-11-03T06:30:00Z"));
        let summary: Vec<(UserId, i64)> = shifts.iter().map(|s| (s.user, hours(s.starts_at, s.ends_at))).collect();
        assert_eq!(summary, [(user(B), 24), (user(C), 25), (user(A), 24)]);
        assert_eq!(ny.on_call_at(utc("2026-11-01T06:30:00Z")), Some(user(C)), "the second 01:30 is mid-shift");
    }

    #[test]
    fn weekly_rotation_keeps_monday_nine_across_dst() {
        let weekly = layer(Rotation::Weekly, "2026-03-23T09:00:00", &[A, B]);
        for k in 0..60 {
            let handoff = weekly.handoff(Berlin, k).expect("representable").with_timezone(&Berlin);
            assert_eq!(handoff.weekday(), Weekday::Mon);
            assert_eq!(handoff.time(), NaiveTime::from_hms_opt(9, 0, 0).expect("valid time"));
        }
        let length = |k| hours(weekly.handoff(Berlin, k).expect("k"), weekly.handoff(Berlin, k + 1).expect("k + 1"));
        assert_eq!(length(0), 7 * 24 - 1, "spans 2026-03-29");
        assert_eq!(length(1), 7 * 24);
        assert_eq!(length(30), 7 * 24 + 1, "2026-10-19 spans 2026-10-25");

        let berlin = schedule(Berlin, vec![weekly]);
        assert_eq!(berlin.on_call_at(utc("2026-03-30T06:59:59Z")), Some(user(A)));
        assert_eq!(berlin.on_call_at(utc("2026-03-30T07:00:00Z")), Some(user(B)));
        assert_eq!(berlin.on_call_at(utc("2026-10-21T12:00:00Z")), Some(user(A)));
    }

    #[test]
    fn custom_rotation_counts_real_hours() {
        let halves = layer(Rotation::Custom { hours: 12 }, "2026-03-28T09:00:00", &[A, B]);
        for k in 0..10 {
            let (start, end) = (halves.handoff(Berlin, k).expect("k"), halves.handoff(Berlin, k + 1).expect("k + 1"));
            assert_eq!(end - start, TimeDelta::hours(12));
        }
        assert_eq!(halves.handoff(Berlin, 1), Some(utc("2026-03-28T20:00:00Z")), "21:00 CET");
        let after_dst = halves.handoff(Berlin, 2).expect("representable").with_timezone(&Berlin);
        assert_eq!(after_dst.naive_local(), local("2026-03-29T10:00:00"), "handoff moved to 10:00 CEST");

        let berlin = schedule(Berlin, vec![halves]);
        assert_eq!(berlin.on_call_at(utc("2026-03-29T07:59:59Z")), Some(user(B)));
        assert_eq!(berlin.on_call_at(utc("2026-03-29T08:00:00Z")), Some(user(A)));
    }
}
