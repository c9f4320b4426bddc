//! Fixtures for the on-call tests: users by number, instants and local
//! times from text, layers and schedules in a line.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::{Layer, Rotation, Schedule};
use crate::ids::UserId;

pub const A: u128 = 1;
pub const B: u128 = 2;
pub const C: u128 = 3;
pub const D: u128 = 4;

pub fn user(n: u128) -> UserId {
    UserId::from_uuid(uuid::Uuid::from_u128(n))
}

pub fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("a UTC instant")
}

pub fn local(text: &str) -> NaiveDateTime {
    text.parse().expect("a local date-time")
}

pub fn layer(rotation: Rotation, starts_at: &str, participants: &[u128]) -> Layer {
    Layer {
        name: "Primary".into(),
        rotation,
        starts_at: local(starts_at),
        participants: participants.iter().copied().map(user).collect(),
    }
}

pub fn schedule(time_zone: Tz, layers: Vec<Layer>) -> Schedule {
    Schedule { time_zone, layers, overrides: Vec::new() }
}

pub fn hours(start: DateTime<Utc>, end: DateTime<Utc>) -> i64 {
    (end - start).num_minutes() / 60
}
