//! On-call schedules: rotating layers of participants, one-off overrides, and
//! who holds the pager at any instant.
//!
//! Handoffs are wall-clock times in the schedule's zone ("09:00 in Berlin"),
//! because that is how people agree to them. Daily and weekly rotations step
//! in local calendar days, so a shift spanning a DST change lasts 23 or 25
//! real hours rather than drifting off 09:00. Custom rotations are a number of
//! real hours, so their local handoff time moves with DST instead.
//!
//! A layer's handoffs are worked out in `rotation`; who is on call, overrides
//! included, and the merged timeline in `shifts`.

mod rotation;
mod shifts;

#[cfg(test)]
mod fixtures;

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

pub use shifts::{Shift, ShiftSource};

use crate::error::FieldError;
use crate::ids::UserId;

/// The longest custom shift: four weeks.
pub const MAX_CUSTOM_HOURS: u32 = 24 * 28;
/// Bounds on one schedule, so that reading its shifts stays cheap: layers,
/// participants per layer, overrides.
pub const MAX_LAYERS: usize = 10;
pub const MAX_PARTICIPANTS: usize = 50;
pub const MAX_OVERRIDES: usize = 200;

/// How long each participant of a layer holds the pager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Rotation {
    /// One local calendar day.
    Daily,
    /// Seven local calendar days.
    Weekly,
    /// A fixed number of real hours.
    Custom { hours: u32 },
}

/// One rotation of participants; shift `k` is held by `participants[k % len]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Layer {
    pub name: String,
    pub rotation: Rotation,
    /// Local wall-clock time of the first handoff, in the schedule's zone.
    pub starts_at: NaiveDateTime,
    pub participants: Vec<UserId>,
}

/// Someone covering for the layers between two instants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Override {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub user: UserId,
}

/// Layers in increasing precedence, and overrides above them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schedule {
    #[serde(with = "iana_name")]
    pub time_zone: Tz,
    pub layers: Vec<Layer>,
    #[serde(default)]
    pub overrides: Vec<Override>,
}

impl Schedule {
    /// Every problem with the schedule, each naming its JSON field.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.layers.is_empty() {
            errors.push(FieldError::new("layers", "a schedule needs at least one layer"));
        }
        if self.layers.len() > MAX_LAYERS {
            errors.push(FieldError::new("layers", format!("at most {MAX_LAYERS} layers")));
        }
        if self.overrides.len() > MAX_OVERRIDES {
            errors.push(FieldError::new("overrides", format!("at most {MAX_OVERRIDES} overrides")));
        }
        for (i, layer) in self.layers.iter().enumerate() {
            if layer.name.trim().is_empty() {
                errors.push(FieldError::new(format!("layers[{i}].name"), "must not be empty"));
            }
            if layer.participants.is_empty() {
                errors.push(FieldError::new(format!("layers[{i}].participants"), "needs at least one participant"));
            }
            if layer.participants.len() > MAX_PARTICIPANTS {
                errors.push(FieldError::new(
                    format!("layers[{i}].participants"),
                    format!("at most {MAX_PARTICIPANTS} participants"),
                ));
            }
            if let Rotation::Custom { hours } = layer.rotation
                && !(1..=MAX_CUSTOM_HOURS).contains(&hours)
            {
                errors.push(FieldError::new(
                    format!("layers[{i}].rotation.hours"),
                    format!("must be between 1 and {MAX_CUSTOM_HOURS}"),
                ));
            }
        }
        for (i, cover) in self.overrides.iter().enumerate() {
            if cover.ends_at <= cover.starts_at {
                errors.push(FieldError::new(format!("overrides[{i}].endsAt"), "must be after startsAt"));
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

/// A [`Tz`] as its IANA name (`"Europe/Berlin"`).
mod iana_name {
    use chrono_tz::Tz;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(zone: &Tz, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(zone.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Tz, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        name.parse().map_err(|_| serde::de::Error::custom(format!("{name:?} is not an IANA time zone")))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeDelta;
    use chrono_tz::{America::New_York, Europe::Berlin};

    use super::fixtures::{A, B, C, layer, schedule, user, utc};
    use super::*;

    #[test]
    fn validation_names_every_bad_field() {
        let mut nameless = layer(Rotation::Custom { hours: 0 }, "2026-03-01T09:00:00", &[]);
        nameless.name = " ".into();
        let too_long = layer(Rotation::Custom { hours: MAX_CUSTOM_HOURS + 1 }, "2026-03-01T09:00:00", &[A]);
        let mut bad = schedule(Berlin, vec![nameless, too_long]);
        let at = utc("2026-03-10T10:00:00Z");
        bad.overrides.push(Override { starts_at: at, ends_at: at, user: user(A) });

        let fields: Vec<String> = bad.validate().expect_err("invalid").into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "layers[0].name",
                "layers[0].participants",
                "layers[0].rotation.hours",
                "layers[1].rotation.hours",
                "overrides[0].endsAt"
            ]
        );
        // Still answers (without looping) before anyone fixes it.
        let crowded = layer(Rotation::Daily, "2026-03-01T09:00:00", &[A; MAX_PARTICIPANTS + 1]);
        let mut huge = schedule(Berlin, vec![crowded.clone(); MAX_LAYERS + 1]);
        huge.overrides =
            vec![Override { starts_at: at, ends_at: at + TimeDelta::hours(1), user: user(A) }; MAX_OVERRIDES + 1];
        let fields: Vec<String> = huge.validate().expect_err("too big").into_iter().map(|e| e.field).collect();
        assert_eq!(&fields[..3], ["layers", "overrides", "layers[0].participants"]);
        assert_eq!(bad.shifts(at, at + TimeDelta::days(1)).len(), 1);

        let fields: Vec<String> =
            schedule(Berlin, vec![]).validate().expect_err("invalid").into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["layers"]);

        let good =
            schedule(Berlin, vec![layer(Rotation::Custom { hours: MAX_CUSTOM_HOURS }, "2026-03-01T09:00:00", &[A])]);
        assert_eq!(good.validate(), Ok(()));
    }

    #[test]
    fn json_uses_camel_case_tagged_rotations_and_zone_names() {
        let json = serde_json::json!({
            "timeZone": "America/New_York",
            "layers": [
                {"name": "Day", "rotation": {"type": "daily"}, "startsAt": "2026-03-06T09:00:00", "participants": [user(A).to_string()]},
                {"name": "Week", "rotation": {"type": "weekly"}, "startsAt": "2026-03-02T09:00:00", "participants": [user(B).to_string()]},
                {"name": "Halves", "rotation": {"type": "custom", "hours": 12}, "startsAt": "2026-03-06T21:00:00", "participants": []},
            ],
            "overrides": [{"startsAt": "2026-03-08T07:00:00Z", "endsAt": "2026-03-08T09:00:00Z", "user": user(C).to_string()}],
        });
        let parsed: Schedule = serde_json::from_value(json.clone()).expect("valid schedule JSON");
        assert_eq!(parsed.time_zone, New_York);
        let rotations: Vec<Rotation> = parsed.layers.iter().map(|l| l.rotation).collect();
        assert_eq!(rotations, [Rotation::Daily, Rotation::Weekly, Rotation::Custom { hours: 12 }]);
        assert_eq!(serde_json::to_value(&parsed).expect("serializable"), json);

        let mut unknown = json;
        unknown["timeZone"] = "Mars/Olympus_Mons".into();
        let error = serde_json::from_value::<Schedule>(unknown).expect_err("unknown zone");
        assert!(error.to_string().contains("not an IANA time zone"), "{error}");

        let sources =
            [ShiftSource::Layer(2), ShiftSource::Override].map(|s| serde_json::to_value(s).expect("serializable"));
        assert_eq!(
            sources,
            [serde_json::json!({"type": "layer", "index": 2}), serde_json::json!({"type": "override"})]
        );
    }
}
