//! Change management: a change's type, lifecycle, planned window and risk.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::approvals::{StepSpec, check_steps};
use crate::domain::assets::Criticality;
use crate::domain::keyed_enum;
use crate::domain::lifecycle::Lifecycle;
use crate::domain::text::check_line;
use crate::error::FieldError;

keyed_enum!(
    /// Standard changes are pre-approved templates; emergency ones go to a
    /// smaller board and may happen inside a freeze.
    ChangeType {
        Standard => "standard",
        Normal => "normal",
        Emergency => "emergency",
    }
);

keyed_enum!(
    /// A change's risk, in rising order.
    Risk {
        Low => "low",
        Medium => "medium",
        High => "high",
    }
);

keyed_enum!(
    /// Where a change stands.
    ChangeStatus {
        Draft => "draft",
        Submitted => "submitted",
        AwaitingApproval => "awaiting_approval",
        Approved => "approved",
        Rejected => "rejected",
        Scheduled => "scheduled",
        Implementing => "implementing",
        Completed => "completed",
        Failed => "failed",
        Cancelled => "cancelled",
        Closed => "closed",
    }
);

impl Lifecycle for ChangeStatus {
    fn all() -> &'static [Self] {
        Self::ALL
    }

    /// draft → submitted → (awaiting approval →) approved | rejected →
    /// scheduled → implementing → completed | failed → closed; cancelled from
    /// any state before implementing; a rejected change goes back to draft
    /// for rework, or is closed.
    fn can_become(self, next: Self) -> bool {
        use ChangeStatus::*;
        matches!(
            (self, next),
            (Draft, Submitted)
                | (Submitted, AwaitingApproval | Approved)
                | (AwaitingApproval, Approved | Rejected)
                | (Approved, Scheduled)
                | (Scheduled, Implementing)
                | (Implementing, Completed | Failed)
                | (Rejected, Draft | Closed)
                | (Completed | Failed, Closed)
                | (Draft | Submitted | AwaitingApproval | Approved | Scheduled, Cancelled)
        )
    }
}

impl ChangeStatus {
    /// Moves only the approvals make (a vote, or a submission that needs none).
    pub fn decided_by_approvals(self) -> bool {
        matches!(
            self,
            ChangeStatus::Submitted | ChangeStatus::AwaitingApproval | ChangeStatus::Approved | ChangeStatus::Rejected
        )
    }

    /// Approved or under way: what the calendar shows and conflicts are
    /// checked against.
    pub fn holds_its_window(self) -> bool {
        matches!(self, ChangeStatus::Approved | ChangeStatus::Scheduled | ChangeStatus::Implementing)
    }
}

/// The longest a planned window may last.
pub const MAX_WINDOW: Duration = Duration::days(31);

/// When a change is planned to happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Window {
    pub fn check(self, field: &str) -> Result<Self, FieldError> {
        if self.end <= self.start {
            return Err(FieldError::new(format!("{field}.end"), "must be after the start"));
        }
        if self.end - self.start > MAX_WINDOW {
            return Err(FieldError::new(format!("{field}.end"), "a window lasts at most 31 days"));
        }
        Ok(self)
    }

    pub fn overlaps(self, other: Window) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// One question of an organisation's risk questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RiskQuestion {
    /// Its key in a change's `riskAnswers`.
    pub key: String,
    pub text: String,
    pub answers: Vec<RiskAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RiskAnswer {
    pub key: String,
    pub text: String,
    /// Added to the score when chosen.
    pub weight: u32,
}

/// Scores from which the questionnaire says medium, high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskThresholds {
    pub medium: u32,
    pub high: u32,
}

/// An organisation's change settings: approval boards, risk rules and
/// questionnaire, and how far back an incident looks for changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChangePolicy {
    /// Steps a normal change goes through, in order.
    pub normal_approvals: Vec<StepSpec>,
    /// Steps an emergency change goes through (a smaller board); none:
    /// emergency changes need no approval.
    pub emergency_approvals: Vec<StepSpec>,
    /// The least risk of each type of change.
    pub risk_by_type: BTreeMap<ChangeType, Risk>,
    /// The least risk of a change touching a configuration item of each criticality.
    pub risk_by_criticality: BTreeMap<Criticality, Risk>,
    pub risk_questions: Vec<RiskQuestion>,
    pub risk_thresholds: RiskThresholds,
    /// How far back an incident's page looks for completed changes on its items.
    pub recent_change_hours: u32,
}

impl Default for ChangePolicy {
    fn default() -> Self {
        Self {
            normal_approvals: Vec::new(),
            emergency_approvals: Vec::new(),
            risk_by_type: BTreeMap::from([(ChangeType::Emergency, Risk::High)]),
            risk_by_criticality: BTreeMap::from([
                (Criticality::Critical, Risk::High),
                (Criticality::High, Risk::Medium),
            ]),
            risk_questions: Vec::new(),
            risk_thresholds: RiskThresholds { medium: 5, high: 10 },
            recent_change_hours: 48,
        }
    }
}

/// How a change's risk was decided: the higher of the rules and the questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RiskAssessment {
    pub risk: Risk,
    pub by_rules: Risk,
    pub by_questionnaire: Risk,
    pub score: u32,
}

impl ChangePolicy {
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for (field, steps) in
            [("normalApprovals", &self.normal_approvals), ("emergencyApprovals", &self.emergency_approvals)]
        {
            errors.extend(check_steps(steps, field).err().unwrap_or_default());
        }
        let mut keys = std::collections::BTreeSet::new();
        for (i, question) in self.risk_questions.iter().enumerate() {
            let at = format!("riskQuestions[{i}]");
            if !is_key(&question.key) || !keys.insert(question.key.as_str()) {
                errors.push(FieldError::new(format!("{at}.key"), "1–40 of a-z 0-9 - _, unique"));
            }
            if question.text.trim().is_empty() || question.text.len() > 500 {
                errors.push(FieldError::new(format!("{at}.text"), "must be 1 to 500 characters"));
            }
            errors.extend(check_line(&question.text, &format!("{at}.text")).err());
            if question.answers.is_empty() || question.answers.len() > 10 {
                errors.push(FieldError::new(format!("{at}.answers"), "1 to 10 answers"));
            }
            let mut answer_keys = std::collections::BTreeSet::new();
            for (j, answer) in question.answers.iter().enumerate() {
                if !is_key(&answer.key) || !answer_keys.insert(answer.key.as_str()) {
                    errors.push(FieldError::new(format!("{at}.answers[{j}].key"), "1–40 of a-z 0-9 - _, unique"));
                }
                errors.extend(check_line(&answer.text, &format!("{at}.answers[{j}].text")).err());
                if answer.weight > 1000 {
                    errors.push(FieldError::new(format!("{at}.answers[{j}].weight"), "at most 1000"));
                }
            }
        }
        if self.risk_questions.len() > 30 {
            errors.push(FieldError::new("riskQuestions", "at most 30 questions"));
        }
        if self.risk_thresholds.medium > self.risk_thresholds.high {
            errors.push(FieldError::new("riskThresholds.medium", "must not be above high"));
        }
        if !(1..=24 * 30).contains(&self.recent_change_hours) {
            errors.push(FieldError::new("recentChangeHours", "must be 1 to 720"));
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// The steps a change of `change_type` goes through.
    pub fn approvals_for(&self, change_type: ChangeType) -> &[StepSpec] {
        match change_type {
            ChangeType::Standard => &[],
            ChangeType::Normal => &self.normal_approvals,
            ChangeType::Emergency => &self.emergency_approvals,
        }
    }

    /// The risk of a change of `change_type` touching items of which the
    /// most critical is `criticality`, with `answers` to the questionnaire.
    /// An answer to no question, or an unknown answer, is refused naming
    /// `riskAnswers.<key>`.
    pub fn assess(
        &self,
        change_type: ChangeType,
        criticality: Option<Criticality>,
        answers: &BTreeMap<String, String>,
    ) -> Result<RiskAssessment, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut score = 0;
        for (key, chosen) in answers {
            let field = format!("riskAnswers.{key}");
            match self.risk_questions.iter().find(|q| q.key == *key) {
                None => errors.push(FieldError::new(field, "is not a question of this organisation's questionnaire")),
                Some(question) => match question.answers.iter().find(|a| a.key == *chosen) {
                    Some(answer) => score += answer.weight,
                    None => errors.push(FieldError::new(field, format!("{chosen:?} is not one of its answers"))),
                },
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let by_type = self.risk_by_type.get(&change_type).copied().unwrap_or(Risk::Low);
        let by_item = criticality.and_then(|c| self.risk_by_criticality.get(&c).copied()).unwrap_or(Risk::Low);
        let by_rules = by_type.max(by_item);
        let thresholds = self.risk_thresholds;
        let by_questionnaire = if score >= thresholds.high && thresholds.high > 0 {
            Risk::High
        } else if score >= thresholds.medium && thresholds.medium > 0 {
            Risk::Medium
        } else {
            Risk::Low
        };
        Ok(RiskAssessment { risk: by_rules.max(by_questionnaire), by_rules, by_questionnaire, score })
    }
}

fn is_key(key: &str) -> bool {
    (1..=40).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_follow_the_lifecycle() {
        use ChangeStatus::*;
        crate::domain::lifecycle::assert_transitions(&[
            (Draft, Submitted),
            (Draft, Cancelled),
            (Submitted, AwaitingApproval),
            (Submitted, Approved),
            (Submitted, Cancelled),
            (AwaitingApproval, Approved),
            (AwaitingApproval, Rejected),
            (AwaitingApproval, Cancelled),
            (Approved, Scheduled),
            (Approved, Cancelled),
            (Rejected, Draft),
            (Rejected, Closed),
            (Scheduled, Implementing),
            (Scheduled, Cancelled),
            (Implementing, Completed),
            (Implementing, Failed),
            (Completed, Closed),
            (Failed, Closed),
        ]);
    }

    #[test]
    fn windows_end_after_they_start_and_last_at_most_a_month() {
        let at = |hours: i64| DateTime::from_timestamp(1_800_000_000 + hours * 3600, 0).expect("instant");
        assert!(Window { start: at(0), end: at(2) }.check("window").is_ok());
        assert_eq!(Window { start: at(2), end: at(2) }.check("window").expect_err("empty").field, "window.end");
        assert!(Window { start: at(0), end: at(24 * 32) }.check("window").is_err());
        let one = Window { start: at(0), end: at(2) };
        assert!(one.overlaps(Window { start: at(1), end: at(3) }));
        assert!(!one.overlaps(Window { start: at(2), end: at(3) }), "touching is not overlapping");
    }

    fn questionnaire() -> ChangePolicy {
        let answer = |key: &str, weight| RiskAnswer { key: key.into(), text: key.into(), weight };
        ChangePolicy {
            risk_questions: vec![
                RiskQuestion {
                    key: "downtime".into(),
                    text: "Downtime?".into(),
                    answers: vec![answer("none", 0), answer("minutes", 3), answer("hours", 8)],
                },
                RiskQuestion {
                    key: "rollback".into(),
                    text: "Tested rollback?".into(),
                    answers: vec![answer("yes", 0), answer("no", 4)],
                },
            ],
            risk_thresholds: RiskThresholds { medium: 4, high: 10 },
            ..ChangePolicy::default()
        }
    }

    /// Risk is the higher of the rules and the questionnaire, on cases
    /// worked out by hand.
    #[test]
    fn risk_is_the_higher_of_rules_and_questionnaire() {
        let policy = questionnaire();
        let answers = |pairs: &[(&str, &str)]| pairs.iter().map(|(q, a)| ((*q).to_owned(), (*a).to_owned())).collect();
        // Rules low, score 3 (< 4): low.
        let low = policy
            .assess(ChangeType::Normal, None, &answers(&[("downtime", "minutes"), ("rollback", "yes")]))
            .expect("risk");
        assert_eq!((low.risk, low.by_rules, low.by_questionnaire, low.score), (Risk::Low, Risk::Low, Risk::Low, 3));
        // Score 3 + 4 = 7: medium by the questionnaire.
        let medium = policy
            .assess(ChangeType::Normal, None, &answers(&[("downtime", "minutes"), ("rollback", "no")]))
            .expect("risk");
        assert_eq!((medium.risk, medium.score), (Risk::Medium, 7));
        // Score 8 + 4 = 12: high.
        let high = policy
            .assess(ChangeType::Standard, None, &answers(&[("downtime", "hours"), ("rollback", "no")]))
            .expect("risk");
        assert_eq!((high.risk, high.by_rules), (Risk::High, Risk::Low));
        // Emergency: high by the rules whatever the answers.
        let emergency = policy.assess(ChangeType::Emergency, None, &answers(&[])).expect("risk");
        assert_eq!(
            (emergency.risk, emergency.by_rules, emergency.by_questionnaire),
            (Risk::High, Risk::High, Risk::Low)
        );
        // A critical item: high; a high one: medium, raised by nothing else.
        assert_eq!(
            policy.assess(ChangeType::Normal, Some(Criticality::Critical), &answers(&[])).expect("risk").risk,
            Risk::High
        );
        assert_eq!(
            policy.assess(ChangeType::Normal, Some(Criticality::High), &answers(&[])).expect("risk").risk,
            Risk::Medium
        );
        // Unknown questions and answers are named.
        let errors = policy
            .assess(ChangeType::Normal, None, &answers(&[("colour", "red"), ("rollback", "maybe")]))
            .expect_err("unknown");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["riskAnswers.colour", "riskAnswers.rollback"]);
    }

    #[test]
    fn policies_are_checked_field_by_field() {
        assert!(questionnaire().check().is_ok());
        let mut bad = questionnaire();
        bad.risk_questions[1].key = "downtime".into();
        bad.risk_thresholds = RiskThresholds { medium: 11, high: 10 };
        let fields: Vec<String> = bad.check().expect_err("bad").into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["riskQuestions[1].key", "riskThresholds.medium"]);
    }
}
