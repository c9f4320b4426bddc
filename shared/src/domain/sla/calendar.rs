//! Business-hours calendars: when a clock counts. Weekly hours per day in
//! an IANA zone (several spans a day for split days), holidays on a date
//! or every year, and exceptions that replace one day's hours. All the
//! arithmetic is on instants: a day's spans become UTC intervals through
//! the zone, so a day that loses or gains an hour to daylight saving
//! counts what the clock on the wall showed.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::FieldError;

/// How far ahead a due time is looked for before the calendar is judged
/// never open (ten years).
const SEARCH_DAYS: i64 = 3660;
const MINUTES_PER_DAY: u16 = 24 * 60;

/// Working time within one day, in minutes after local midnight: `from` is
/// open, `to` closed (`to` may be 1440, the day's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "SpanText", into = "SpanText")]
pub struct Span {
    pub from: u16,
    pub to: u16,
}

/// A span as written: `{"from": "09:00", "to": "17:30"}`; `"24:00"` ends the day.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SpanText {
    from: String,
    to: String,
}

fn minutes(text: &str) -> Option<u16> {
    let (hours, mins) = text.split_once(':')?;
    let (hours, mins): (u16, u16) = (hours.parse().ok()?, mins.parse().ok()?);
    let total = hours.checked_mul(60)?.checked_add(mins)?;
    (mins < 60 && total <= MINUTES_PER_DAY).then_some(total)
}

impl TryFrom<SpanText> for Span {
    type Error = String;

    fn try_from(text: SpanText) -> Result<Self, String> {
        match (minutes(&text.from), minutes(&text.to)) {
            (Some(from), Some(to)) if from < to => Ok(Self { from, to }),
            (Some(_), Some(_)) => Err(format!("{} is not after {}", text.to, text.from)),
            _ => Err(format!("{}–{} is not a span of HH:MM times (24:00 ends the day)", text.from, text.to)),
        }
    }
}

impl From<Span> for SpanText {
    fn from(span: Span) -> Self {
        let text = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        Self { from: text(span.from), to: text(span.to) }
    }
}

/// A day off: one date, or the same day every year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Holiday {
    pub name: String,
    /// `2026-12-24`, once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// `12-25`, every year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every_year: Option<String>,
}

impl Holiday {
    fn falls_on(&self, day: NaiveDate) -> bool {
        self.date == Some(day) || self.every_year.as_deref() == Some(&format!("{:02}-{:02}", day.month(), day.day()))
    }
}

/// One day whose hours differ from the week's (empty spans: closed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Exception {
    pub date: NaiveDate,
    #[schema(value_type = Vec<SpanText>)]
    pub spans: Vec<Span>,
}

/// When clocks count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    pub time_zone: Tz,
    /// Monday first.
    pub week: [Vec<Span>; 7],
    pub holidays: Vec<Holiday>,
    pub exceptions: Vec<Exception>,
}

/// Checks one day's spans: in order, not overlapping.
pub fn check_spans(spans: &[Span], field: &str) -> Result<(), FieldError> {
    if spans.len() > 8 {
        return Err(FieldError::new(field, "at most 8 spans a day"));
    }
    if spans.windows(2).any(|pair| pair[1].from < pair[0].to) {
        return Err(FieldError::new(field, "spans must be in order and must not overlap"));
    }
    Ok(())
}

impl Calendar {
    /// Every hour of every day.
    pub fn always() -> Self {
        let day = || vec![Span { from: 0, to: MINUTES_PER_DAY }];
        Self {
            time_zone: Tz::UTC,
            week: [day(), day(), day(), day(), day(), day(), day()],
            holidays: Vec::new(),
            exceptions: Vec::new(),
        }
    }

    /// The spans `day` is open for.
    fn spans_on(&self, day: NaiveDate) -> &[Span] {
        if let Some(exception) = self.exceptions.iter().find(|e| e.date == day) {
            return &exception.spans;
        }
        if self.holidays.iter().any(|h| h.falls_on(day)) {
            return &[];
        }
        &self.week[day.weekday().num_days_from_monday() as usize]
    }

    /// The instant the wall clock shows `minute` on `day`: in a gap (the
    /// hour daylight saving skips) the first instant after it; in an
    /// overlap (the hour it repeats) the first of the two.
    fn instant(&self, day: NaiveDate, minute: u16) -> DateTime<Utc> {
        let (day, minute) = if minute >= MINUTES_PER_DAY { (day + Duration::days(1), 0) } else { (day, minute) };
        let mut local = NaiveDateTime::new(day, NaiveTime::MIN) + Duration::minutes(i64::from(minute));
        loop {
            match self.time_zone.from_local_datetime(&local) {
                LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => return at.with_timezone(&Utc),
                // Gaps last whole minutes (at most hours): step to their end.
                LocalResult::None => local += Duration::minutes(1),
            }
        }
    }

    /// `day`'s open intervals as instants, in order.
    fn intervals(&self, day: NaiveDate) -> impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>)> + '_ {
        self.spans_on(day)
            .iter()
            .map(move |span| (self.instant(day, span.from), self.instant(day, span.to)))
            .filter(|(from, to)| from < to)
    }

    fn local_day(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.time_zone).date_naive()
    }

    /// Open time between `from` and `to` (zero when `to` is not after `from`).
    pub fn business_time(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        if to <= from {
            return Duration::zero();
        }
        // A day's intervals lie within it (give or take the zone's shift),
        // so the days around the ends are enough.
        let mut day = self.local_day(from) - Duration::days(1);
        let last = self.local_day(to) + Duration::days(1);
        let mut total = Duration::zero();
        while day <= last {
            for (open, close) in self.intervals(day) {
                let (start, end) = (open.max(from), close.min(to));
                if start < end {
                    total += end - start;
                }
            }
            day += Duration::days(1);
        }
        total
    }

    /// The instant `amount` of open time after `from`: at the end of the
    /// span where it runs out (never the next span's start); `None` if the
    /// calendar is not open that long in ten years.
    pub fn add_business_time(&self, from: DateTime<Utc>, amount: Duration) -> Option<DateTime<Utc>> {
        if amount <= Duration::zero() {
            return Some(from);
        }
        let mut left = amount;
        let mut day = self.local_day(from) - Duration::days(1);
        let last = day + Duration::days(SEARCH_DAYS);
        while day <= last {
            for (open, close) in self.intervals(day) {
                let start = open.max(from);
                if start >= close {
                    continue;
                }
                if close - start >= left {
                    return Some(start + left);
                }
                left -= close - start;
            }
            day += Duration::days(1);
        }
        None
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use chrono_tz::{America::New_York, Europe::Berlin};

    use super::*;

    fn span(from: &str, to: &str) -> Span {
        Span::try_from(SpanText { from: from.into(), to: to.into() }).expect("span")
    }

    /// Monday to Friday, 09:00–17:00, in `zone`.
    pub(crate) fn office(zone: Tz) -> Calendar {
        let day = || vec![span("09:00", "17:00")];
        Calendar {
            time_zone: zone,
            week: [day(), day(), day(), day(), day(), Vec::new(), Vec::new()],
            holidays: Vec::new(),
            exceptions: Vec::new(),
        }
    }

    pub(crate) fn at(zone: Tz, text: &str) -> DateTime<Utc> {
        let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("time");
        zone.from_local_datetime(&local).earliest().expect("exists").with_timezone(&Utc)
    }

    fn hours(h: i64) -> Duration {
        Duration::hours(h)
    }

    #[test]
    fn spans_read_and_write_as_wall_times() {
        let parsed: Span = serde_json::from_value(serde_json::json!({"from": "09:30", "to": "24:00"})).expect("span");
        assert_eq!(parsed, Span { from: 570, to: 1440 });
        assert_eq!(serde_json::to_value(parsed).expect("json"), serde_json::json!({"from": "09:30", "to": "24:00"}));
        for (from, to) in [("17:00", "09:00"), ("25:00", "26:00"), ("09:60", "10:00"), ("9", "10:00")] {
            assert!(Span::try_from(SpanText { from: from.into(), to: to.into() }).is_err(), "{from}–{to}");
        }
        assert!(check_spans(&[span("09:00", "12:00"), span("11:00", "17:00")], "week.monday").is_err());
    }

    #[test]
    fn a_weekend_is_not_counted() {
        let calendar = office(Berlin);
        let friday = at(Berlin, "2026-03-13 16:00");
        let monday = at(Berlin, "2026-03-16 10:00");
        assert_eq!(calendar.business_time(friday, monday), hours(2));
        assert_eq!(calendar.add_business_time(friday, hours(4)), Some(at(Berlin, "2026-03-16 12:00")));
        // Starting on a Saturday counts from Monday's opening.
        assert_eq!(
            calendar.add_business_time(at(Berlin, "2026-03-14 11:00"), hours(1)),
            Some(at(Berlin, "2026-03-16 10:00"))
        );
    }

    #[test]
    fn daylight_saving_changes_count_the_wall_clock() {
        // Berlin springs forward on Sunday 29 March 2026: Friday's 16:00 is
        // 15:00 UTC, Monday's 10:00 is 08:00 UTC.
        let calendar = office(Berlin);
        let due = calendar.add_business_time(at(Berlin, "2026-03-27 16:00"), hours(2)).expect("due");
        assert_eq!(due, "2026-03-30T08:00:00Z".parse::<DateTime<Utc>>().expect("utc"));
        // Round the clock in Berlin, that Sunday is 23 hours long …
        let mut always_berlin = Calendar::always();
        always_berlin.time_zone = Berlin;
        assert_eq!(
            always_berlin.business_time(at(Berlin, "2026-03-29 00:00"), at(Berlin, "2026-03-30 00:00")),
            hours(23)
        );
        // … and a span over the skipped hour counts what the clock showed.
        let mut night = Calendar::always();
        night.time_zone = Berlin;
        night.week[6] = vec![span("01:00", "04:00")];
        assert_eq!(night.business_time(at(Berlin, "2026-03-29 00:00"), at(Berlin, "2026-03-29 05:00")), hours(2));
        // New York falls back on Sunday 1 November 2026: a 25-hour day.
        let mut always_new_york = Calendar::always();
        always_new_york.time_zone = New_York;
        let start = "2026-11-01T04:00:00Z".parse::<DateTime<Utc>>().expect("midnight EDT");
        let end = "2026-11-02T05:00:00Z".parse::<DateTime<Utc>>().expect("midnight EST");
        assert_eq!(always_new_york.business_time(start, end), hours(25));
        // And springs forward on 8 March: Friday 16:00 EST + 2 h is Monday 10:00 EDT (14:00 UTC).
        let due = office(New_York).add_business_time(at(New_York, "2026-03-06 16:00"), hours(2)).expect("due");
        assert_eq!(due, "2026-03-09T14:00:00Z".parse::<DateTime<Utc>>().expect("utc"));
    }

    #[test]
    fn holidays_and_exceptions_replace_the_week() {
        let mut calendar = office(Berlin);
        calendar.holidays.push(Holiday { name: "Christmas".into(), date: None, every_year: Some("12-25".into()) });
        // Thursday 24th 16:00 → Monday 28th 10:00: 1 h Thursday, Friday off, 1 h Monday.
        let (thursday, monday) = (at(Berlin, "2026-12-24 16:00"), at(Berlin, "2026-12-28 10:00"));
        assert_eq!(calendar.business_time(thursday, monday), hours(2));
        assert_eq!(
            calendar.business_time(at(Berlin, "2027-12-24 16:00"), at(Berlin, "2027-12-27 10:00")),
            hours(2),
            "every year"
        );
        // Christmas Eve open in the morning only.
        calendar.exceptions.push(Exception {
            date: NaiveDate::from_ymd_opt(2026, 12, 24).expect("date"),
            spans: vec![span("09:00", "13:00")],
        });
        assert_eq!(calendar.business_time(at(Berlin, "2026-12-24 12:00"), monday), hours(2));
        calendar.holidays.push(Holiday {
            name: "Closure".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 28),
            every_year: None,
        });
        assert_eq!(
            calendar.add_business_time(at(Berlin, "2026-12-24 12:00"), hours(2)),
            Some(at(Berlin, "2026-12-29 10:00"))
        );
    }

    #[test]
    fn on_a_split_day_time_runs_out_at_the_end_of_a_span() {
        let mut calendar = office(Berlin);
        calendar.week[0] = vec![span("09:00", "12:00"), span("13:00", "17:00")];
        let start = at(Berlin, "2026-03-16 10:00");
        assert_eq!(calendar.add_business_time(start, hours(4)), Some(at(Berlin, "2026-03-16 15:00")));
        // Half of it (a warning at 50 %) runs out at noon, not after lunch, not at midnight.
        assert_eq!(calendar.add_business_time(start, hours(2)), Some(at(Berlin, "2026-03-16 12:00")));
        assert_eq!(calendar.business_time(start, at(Berlin, "2026-03-16 13:30")), Duration::minutes(150));
    }

    #[test]
    fn a_calendar_never_open_has_no_due_time() {
        let mut closed = office(Berlin);
        closed.week = Default::default();
        assert_eq!(closed.add_business_time(at(Berlin, "2026-03-16 10:00"), hours(1)), None);
        assert_eq!(
            closed.business_time(at(Berlin, "2026-03-16 10:00"), at(Berlin, "2026-04-16 10:00")),
            Duration::zero()
        );
    }

    /// A small deterministic generator, so the property runs the same cases everywhere.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, below: u64) -> u64 {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % below
        }
    }

    /// Business time between two instants is the sum over any split of
    /// the interval, and adding it back lands on the interval's end or
    /// before it (where the last open span closed).
    #[test]
    fn business_time_adds_up_over_any_split() {
        let mut random = Lcg(7);
        for case in 0..400 {
            let mut calendar = office(if case % 2 == 0 { Berlin } else { New_York });
            calendar.week[random.next(7) as usize] = vec![span("08:00", "11:30"), span("12:15", "20:00")];
            calendar.week[random.next(7) as usize] = vec![span("00:00", "24:00")];
            calendar.holidays.push(Holiday {
                name: "Day off".into(),
                date: None,
                every_year: Some(format!("{:02}-{:02}", 1 + random.next(12), 1 + random.next(28))),
            });
            // Around both DST changes of 2026.
            let base = at(calendar.time_zone, if case % 3 == 0 { "2026-03-01 00:00" } else { "2026-10-20 00:00" });
            let mut instants: Vec<DateTime<Utc>> =
                (0..3).map(|_| base + Duration::minutes(random.next(60 * 24 * 40) as i64)).collect();
            instants.sort();
            let [a, b, c] = [instants[0], instants[1], instants[2]];
            let whole = calendar.business_time(a, c);
            assert_eq!(whole, calendar.business_time(a, b) + calendar.business_time(b, c), "case {case}: {a} {b} {c}");
            let back = calendar.add_business_time(a, whole).expect("open");
            assert!(back <= c, "case {case}");
            assert_eq!(calendar.business_time(a, back), whole, "case {case}");
        }
    }
}
