//! Escalation policies and members' notification rules: who is reached,
//! through which channels, and how long to wait before the next level.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::incidents::Severity;
use crate::domain::notify::Channel;
use crate::error::FieldError;
use crate::ids::{TeamId, UserId};

/// Who a level reaches: a member, whoever is on call on a schedule, or
/// every member of a team (its lead among them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Target {
    User { id: UserId },
    Schedule { id: uuid::Uuid },
    Team { id: TeamId },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Level {
    pub targets: Vec<Target>,
    /// How long this level has to acknowledge before the next is notified.
    pub delay_seconds: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EscalationPolicy {
    pub levels: Vec<Level>,
    /// How many more times the whole sequence runs after the last level.
    #[serde(default)]
    pub repeat: u32,
    /// The severities that use this policy; empty: the organisation's default.
    #[serde(default)]
    pub severities: Vec<Severity>,
}

pub const MAX_REPEAT: u32 = 9;
/// Bounds on one policy: levels, and targets per level.
pub const MAX_LEVELS: usize = 10;
pub const MAX_TARGETS: usize = 20;
pub const MAX_DELAY_SECONDS: u32 = 24 * 3600;

impl EscalationPolicy {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.levels.is_empty() {
            errors.push(FieldError::new("levels", "a policy needs at least one level"));
        }
        if self.levels.len() > MAX_LEVELS {
            errors.push(FieldError::new("levels", format!("at most {MAX_LEVELS} levels")));
        }
        for (i, level) in self.levels.iter().enumerate() {
            if level.targets.is_empty() {
                errors.push(FieldError::new(format!("levels[{i}].targets"), "a level needs at least one target"));
            }
            if level.targets.len() > MAX_TARGETS {
                errors.push(FieldError::new(format!("levels[{i}].targets"), format!("at most {MAX_TARGETS} targets")));
            }
            if !(1..=MAX_DELAY_SECONDS).contains(&level.delay_seconds) {
                errors.push(FieldError::new(
                    format!("levels[{i}].delaySeconds"),
                    format!("must be between 1 and {MAX_DELAY_SECONDS}"),
                ));
            }
        }
        if self.repeat > MAX_REPEAT {
            errors.push(FieldError::new("repeat", format!("at most {MAX_REPEAT}")));
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// The level notified at `step` (levels counted over repeats), and its
    /// 1-based number; `None` once the policy is exhausted.
    pub fn level_at(&self, step: i32) -> Option<(&Level, u32)> {
        let step = usize::try_from(step).ok()?;
        let per_round = self.levels.len();
        if per_round == 0 || step >= per_round * (self.repeat as usize + 1) {
            return None;
        }
        let index = step % per_round;
        Some((&self.levels[index], index as u32 + 1))
    }

    /// Whether a level of the policy pages `team`.
    pub fn pages_team(&self, team: TeamId) -> bool {
        self.levels.iter().flat_map(|level| &level.targets).any(|target| *target == Target::Team { id: team })
    }

    pub fn applies_to(&self, severity: Severity) -> bool {
        self.severities.contains(&severity)
    }
}

/// The policy for an incident: one naming its severity, else a default one
/// (no severities), earliest first.
pub fn policy_for<K>(policies: &[(K, EscalationPolicy)], severity: Severity) -> Option<&(K, EscalationPolicy)> {
    policies
        .iter()
        .find(|(_, p)| p.applies_to(severity))
        .or_else(|| policies.iter().find(|(_, p)| p.severities.is_empty()))
}

/// A member's personal rules: which channels reach them for each severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NotificationRules {
    /// E.164, e.g. `+4915112345678`; needed for SMS.
    pub phone: Option<String>,
    pub channels: BTreeMap<Severity, Vec<Channel>>,
}

impl Default for NotificationRules {
    /// Urgent incidents by email and SMS at once; the rest by email.
    fn default() -> Self {
        use Channel::{Email, Sms};
        let channels = [
            (Severity::P1, vec![Email, Sms]),
            (Severity::P2, vec![Email, Sms]),
            (Severity::P3, vec![Email]),
            (Severity::P4, vec![Email]),
        ];
        Self { phone: None, channels: channels.into() }
    }
}

impl NotificationRules {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Some(phone) = &self.phone {
            let digits = phone.strip_prefix('+').unwrap_or_default();
            if !(8..=15).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
                errors.push(FieldError::new("phone", "use E.164 form: + and 8 to 15 digits"));
            }
        }
        for (severity, channels) in &self.channels {
            if let Some(other) = channels.iter().find(|c| !matches!(c, Channel::Email | Channel::Sms)) {
                errors.push(FieldError::new(
                    format!("channels.{severity}"),
                    format!("{other} is an organisation channel (Integrations); personal rules take email and sms"),
                ));
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// The channels for `severity`, SMS only with a phone number.
    pub fn channels_for(&self, severity: Severity) -> Vec<Channel> {
        let wanted = self.channels.get(&severity).cloned().unwrap_or_else(|| vec![Channel::Email]);
        wanted.into_iter().filter(|c| *c != Channel::Sms || self.phone.is_some()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(delay: u32) -> Level {
        Level { targets: vec![Target::User { id: UserId::new() }], delay_seconds: delay }
    }

    #[test]
    fn steps_run_through_levels_and_repeats() {
        let policy = EscalationPolicy { levels: vec![level(60), level(120)], repeat: 1, severities: vec![] };
        let numbers: Vec<u32> = (0..5).filter_map(|s| policy.level_at(s)).map(|(_, n)| n).collect();
        assert_eq!(numbers, [1, 2, 1, 2]);
        assert_eq!(policy.level_at(1).map(|(l, _)| l.delay_seconds), Some(120));
        assert!(policy.level_at(-1).is_none());
    }

    #[test]
    fn validation_names_fields() {
        let policy = EscalationPolicy {
            levels: vec![Level { targets: vec![], delay_seconds: 0 }],
            repeat: 10,
            severities: vec![],
        };
        let fields: Vec<String> = policy.validate().expect_err("invalid").into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["levels[0].targets", "levels[0].delaySeconds", "repeat"]);
    }

    #[test]
    fn policies_are_bounded() {
        let crowded = Level { targets: vec![Target::User { id: UserId::new() }; MAX_TARGETS + 1], delay_seconds: 60 };
        let policy = EscalationPolicy { levels: vec![crowded; MAX_LEVELS + 1], repeat: 0, severities: vec![] };
        let fields: Vec<String> = policy.validate().expect_err("too big").into_iter().map(|e| e.field).collect();
        assert_eq!(&fields[..2], ["levels", "levels[0].targets"]);
    }

    #[test]
    fn severity_policies_win_over_the_default() {
        let default = EscalationPolicy { levels: vec![level(60)], repeat: 0, severities: vec![] };
        let urgent = EscalationPolicy { severities: vec![Severity::P1], ..default.clone() };
        let policies = vec![("default", default), ("urgent", urgent)];
        assert_eq!(policy_for(&policies, Severity::P1).map(|(k, _)| *k), Some("urgent"));
        assert_eq!(policy_for(&policies, Severity::P3).map(|(k, _)| *k), Some("default"));
    }

    #[test]
    fn sms_needs_a_phone_and_rules_take_personal_channels_only() {
        let mut rules = NotificationRules::default();
        assert_eq!(rules.channels_for(Severity::P1), [Channel::Email]);
        rules.phone = Some("+4915112345678".to_owned());
        assert_eq!(rules.channels_for(Severity::P1), [Channel::Email, Channel::Sms]);
        assert!(rules.validate().is_ok());
        rules.channels.insert(Severity::P4, vec![Channel::Slack]);
        rules.phone = Some("0151".to_owned());
        let fields: Vec<String> = rules.validate().expect_err("invalid").into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["phone", "channels.P4"]);
    }
}
