//! An SLA clock as the events that moved it: started, paused (with why),
//! resumed, target changed (with why), met, reopened, cancelled. Replaying
//! them against the calendar gives every figure — business time elapsed,
//! the due time, when it breached — and says in words how each came about.
//! Nothing else moves a clock: reassigning a record writes no event, so it
//! never resets one.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::calendar::Calendar;
use crate::domain::keyed_enum;

keyed_enum!(
    /// Where a clock stands.
    ClockStatus {
        Running => "running",
        Paused => "paused",
        Met => "met",
        Breached => "breached",
        Cancelled => "cancelled",
    }
);

/// One thing that happened to a clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClockEvent {
    Started {
        at: DateTime<Utc>,
        target_seconds: i64,
    },
    /// The record entered a pausing status (`waiting_on_requester`).
    Paused {
        at: DateTime<Utc>,
        reason: String,
    },
    Resumed {
        at: DateTime<Utc>,
    },
    /// A new target, elapsed time kept (a severity or priority change).
    TargetChanged {
        at: DateTime<Utc>,
        target_seconds: i64,
        reason: String,
    },
    Met {
        at: DateTime<Utc>,
    },
    /// The record reopened: a met clock runs again from where it stopped.
    Reopened {
        at: DateTime<Utc>,
    },
    Cancelled {
        at: DateTime<Utc>,
    },
}

impl ClockEvent {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            ClockEvent::Started { at, .. }
            | ClockEvent::Paused { at, .. }
            | ClockEvent::Resumed { at }
            | ClockEvent::TargetChanged { at, .. }
            | ClockEvent::Met { at }
            | ClockEvent::Reopened { at }
            | ClockEvent::Cancelled { at } => *at,
        }
    }
}

/// A clock's figures at an instant, and how they came about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockState {
    pub status: ClockStatus,
    pub target: Duration,
    /// Business time counted.
    pub elapsed: Duration,
    /// When it runs out, while running (`None` paused, stopped, or when
    /// the calendar is never open again).
    pub due_at: Option<DateTime<Utc>>,
    /// When it first ran out; kept after it is met or reopened.
    pub breached_at: Option<DateTime<Utc>>,
    /// Wall time spent paused.
    pub paused_for: Duration,
    /// Each figure's story, in order.
    pub explanation: Vec<String>,
}

impl ClockState {
    /// When the clock reaches `percent` % of its target, while it runs.
    pub fn threshold_at(&self, calendar: &Calendar, now: DateTime<Utc>, percent: u32) -> Option<DateTime<Utc>> {
        if self.status != ClockStatus::Running {
            return None;
        }
        let at = self.target * i32::try_from(percent).ok()? / 100;
        calendar.add_business_time(now, at - self.elapsed)
    }
}

/// `2 h 10 m`, `35 m`, `0 m`.
pub fn words(duration: Duration) -> String {
    let minutes = duration.num_minutes();
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} m"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} m"),
    }
}

/// Replays `events` (in the order they happened) against `calendar` as at `now`.
/// `counts` says what the calendar counts ("round the clock (24/7)").
pub fn replay(calendar: &Calendar, counts: &str, events: &[ClockEvent], now: DateTime<Utc>) -> ClockState {
    let mut state = ClockState {
        status: ClockStatus::Running,
        target: Duration::zero(),
        elapsed: Duration::zero(),
        due_at: None,
        breached_at: None,
        paused_for: Duration::zero(),
        explanation: vec![format!("Counts {counts}.")],
    };
    // Since when it has been counting, or pausing (with why).
    let mut running_since: Option<DateTime<Utc>> = None;
    let mut paused_since: Option<(DateTime<Utc>, String)> = None;
    // Counts the time run up to `until`, noting when the target ran out.
    let count = |state: &mut ClockState, running_since: &mut Option<DateTime<Utc>>, until: DateTime<Utc>| {
        if let Some(since) = running_since.take() {
            let run = calendar.business_time(since, until);
            if state.breached_at.is_none() && state.elapsed + run >= state.target && state.elapsed < state.target {
                state.breached_at = calendar.add_business_time(since, state.target - state.elapsed);
            }
            state.elapsed += run;
            *running_since = Some(until);
        }
    };
    for event in events.iter().filter(|e| e.at() <= now) {
        let at = event.at();
        count(&mut state, &mut running_since, at);
        match event {
            ClockEvent::Started { target_seconds, .. } => {
                state.target = Duration::seconds(*target_seconds);
                running_since = Some(at);
                state.explanation.push(format!("Target {}.", words(state.target)));
            }
            ClockEvent::Paused { reason, .. } if running_since.is_some() => {
                running_since = None;
                paused_since = Some((at, reason.clone()));
                state.status = ClockStatus::Paused;
            }
            ClockEvent::Resumed { .. } if paused_since.is_some() => {
                if let Some((since, reason)) = paused_since.take() {
                    state.paused_for += at - since;
                    state.explanation.push(format!("Paused {} while {reason}.", words(at - since)));
                }
                running_since = Some(at);
                state.status = ClockStatus::Running;
            }
            ClockEvent::TargetChanged { target_seconds, reason, .. } => {
                let target = Duration::seconds(*target_seconds);
                state.explanation.push(format!(
                    "Target moved from {} to {} when {reason}, {} already elapsed.",
                    words(state.target),
                    words(target),
                    words(state.elapsed)
                ));
                state.target = target;
                if state.breached_at.is_none() && state.elapsed >= target {
                    state.breached_at = Some(at);
                }
            }
            ClockEvent::Met { .. } if running_since.is_some() || paused_since.is_some() => {
                running_since = None;
                paused_since = None;
                state.status = ClockStatus::Met;
                let late = if state.breached_at.is_some() { ", late" } else { "" };
                state.explanation.push(format!("Met after {} of {}{late}.", words(state.elapsed), words(state.target)));
            }
            ClockEvent::Reopened { .. } if state.status == ClockStatus::Met => {
                running_since = Some(at);
                state.status = ClockStatus::Running;
                state.explanation.push(format!("Reopened: counting on from {}.", words(state.elapsed)));
            }
            ClockEvent::Cancelled { .. } => {
                running_since = None;
                paused_since = None;
                state.status = ClockStatus::Cancelled;
                state.explanation.push("Cancelled.".to_owned());
            }
            // A pause while paused (a pausing status entered twice), a
            // resume while running, a second met: nothing changes.
            _ => {}
        }
    }
    count(&mut state, &mut running_since, now);
    if let Some((since, reason)) = &paused_since {
        state.paused_for += now - *since;
        state.explanation.push(format!("Paused for {} so far while {reason}.", words(now - *since)));
    }
    if let Some(breached) = state.breached_at {
        state.explanation.push(format!(
            "Breached at {} after {}.",
            breached.format("%Y-%m-%d %H:%M UTC"),
            words(state.target)
        ));
        if state.status == ClockStatus::Running {
            state.status = ClockStatus::Breached;
        }
    }
    if running_since.is_some() && state.breached_at.is_none() {
        state.due_at = calendar.add_business_time(now, state.target - state.elapsed);
    }
    state
}

#[cfg(test)]
mod tests {
    use chrono_tz::Europe::Berlin;

    use super::super::calendar::tests::{at, office};
    use super::*;

    fn t(minutes: i64) -> DateTime<Utc> {
        "2026-03-16T00:00:00Z".parse::<DateTime<Utc>>().expect("base") + Duration::minutes(minutes)
    }

    fn hours(h: i64) -> i64 {
        h * 3600
    }

    #[test]
    fn pauses_stop_the_count_once_and_say_why() {
        let calendar = Calendar::always();
        let events = [
            ClockEvent::Started { at: t(0), target_seconds: hours(4) },
            ClockEvent::Paused { at: t(60), reason: "waiting on requester".into() },
            // The pausing status entered a second time changes nothing.
            ClockEvent::Paused { at: t(90), reason: "waiting on requester".into() },
            ClockEvent::Resumed { at: t(190) },
        ];
        let state = replay(&calendar, "every hour", &events, t(240));
        assert_eq!(
            (state.status, state.elapsed, state.paused_for),
            (ClockStatus::Running, Duration::minutes(110), Duration::minutes(130))
        );
        assert_eq!(state.due_at, Some(t(370)));
        assert!(
            state.explanation.contains(&"Paused 2 h 10 m while waiting on requester.".to_owned()),
            "{:?}",
            state.explanation
        );
        let paused = replay(&calendar, "every hour", &events[..3], t(120));
        assert_eq!((paused.status, paused.elapsed, paused.due_at), (ClockStatus::Paused, Duration::hours(1), None));
        assert_eq!(paused.threshold_at(&calendar, t(120), 75), None, "no warning while paused");
    }

    #[test]
    fn a_new_target_keeps_the_time_elapsed() {
        let calendar = Calendar::always();
        let started = ClockEvent::Started { at: t(0), target_seconds: hours(4) };
        let raised =
            ClockEvent::TargetChanged { at: t(35), target_seconds: hours(1), reason: "severity rose to P1".into() };
        let state = replay(&calendar, "every hour", &[started.clone(), raised], t(40));
        assert_eq!((state.elapsed, state.due_at), (Duration::minutes(40), Some(t(60))));
        assert!(
            state
                .explanation
                .contains(&"Target moved from 4 h to 1 h when severity rose to P1, 35 m already elapsed.".to_owned())
        );
        // A target already passed breaches at the change.
        let tight =
            ClockEvent::TargetChanged { at: t(35), target_seconds: 30 * 60, reason: "severity rose to P1".into() };
        let state = replay(&calendar, "every hour", &[started, tight], t(40));
        assert_eq!((state.status, state.breached_at, state.due_at), (ClockStatus::Breached, Some(t(35)), None));
    }

    #[test]
    fn reopening_runs_a_met_clock_again_and_keeps_its_breach() {
        let calendar = Calendar::always();
        let met = [ClockEvent::Started { at: t(0), target_seconds: hours(4) }, ClockEvent::Met { at: t(120) }];
        let state = replay(&calendar, "every hour", &met, t(500));
        assert_eq!((state.status, state.elapsed), (ClockStatus::Met, Duration::hours(2)));
        let mut reopened = met.to_vec();
        reopened.push(ClockEvent::Reopened { at: t(600) });
        let state = replay(&calendar, "every hour", &reopened, t(630));
        assert_eq!(
            (state.status, state.elapsed, state.due_at),
            (ClockStatus::Running, Duration::minutes(150), Some(t(720)))
        );
        // After a breach: met late, reopened, still breached, the breach's time kept.
        let late = [
            ClockEvent::Started { at: t(0), target_seconds: hours(1) },
            ClockEvent::Met { at: t(120) },
            ClockEvent::Reopened { at: t(300) },
        ];
        let met_late = replay(&calendar, "every hour", &late[..2], t(200));
        assert_eq!((met_late.status, met_late.breached_at), (ClockStatus::Met, Some(t(60))));
        assert!(met_late.explanation.contains(&"Met after 2 h of 1 h, late.".to_owned()));
        let state = replay(&calendar, "every hour", &late, t(310));
        assert_eq!(
            (state.status, state.breached_at, state.elapsed),
            (ClockStatus::Breached, Some(t(60)), Duration::minutes(130))
        );
    }

    #[test]
    fn business_hours_decide_the_due_time_and_the_warnings() {
        let mut calendar = office(Berlin);
        calendar.week[0] = vec![
            serde_json::from_value(serde_json::json!({"from": "09:00", "to": "12:00"})).expect("span"),
            serde_json::from_value(serde_json::json!({"from": "13:00", "to": "17:00"})).expect("span"),
        ];
        let start = at(Berlin, "2026-03-16 10:00");
        let events = [ClockEvent::Started { at: start, target_seconds: hours(4) }];
        let state = replay(&calendar, "only the hours of the Berlin office", &events, start);
        assert_eq!(state.due_at, Some(at(Berlin, "2026-03-16 15:00")));
        assert_eq!(
            state.threshold_at(&calendar, start, 50),
            Some(at(Berlin, "2026-03-16 12:00")),
            "the warning falls at the split"
        );
        assert_eq!(state.explanation[0], "Counts only the hours of the Berlin office.");
        // Friday afternoon into Monday: the weekend is not counted.
        let friday = at(Berlin, "2026-03-13 16:00");
        let state = replay(
            &office(Berlin),
            "office hours",
            &[ClockEvent::Started { at: friday, target_seconds: hours(4) }],
            at(Berlin, "2026-03-16 10:00"),
        );
        assert_eq!((state.elapsed, state.due_at), (Duration::hours(2), Some(at(Berlin, "2026-03-16 12:00"))));
    }

    #[test]
    fn cancelled_clocks_stop() {
        let calendar = Calendar::always();
        let events = [ClockEvent::Started { at: t(0), target_seconds: hours(1) }, ClockEvent::Cancelled { at: t(30) }];
        let state = replay(&calendar, "every hour", &events, t(600));
        assert_eq!(
            (state.status, state.elapsed, state.breached_at, state.due_at),
            (ClockStatus::Cancelled, Duration::minutes(30), None, None)
        );
    }
}
