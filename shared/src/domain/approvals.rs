//! Approvals, written once for every record that needs them (changes,
//! requests): steps run in sequence; each names its approvers (people, a
//! team, a role) and a rule — any one, all, at least N, or a percentage.
//! A step's outcome follows from its votes alone, decided the moment it is
//! certain: approved once enough approve, rejected once enough reject that
//! the rule can no longer be met.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::keyed_enum;
use crate::domain::org::Role;
use crate::domain::text::check_line;
use crate::error::FieldError;
use crate::ids::{TeamId, UserId};

/// The most steps an approval has, and approvers a step names.
pub const MAX_STEPS: usize = 5;
pub const MAX_NAMED: usize = 50;

keyed_enum!(
    /// Where an approval (or one of its steps) stands. `withdrawn`: its
    /// record was cancelled or sent back before a decision.
    ApprovalStatus {
        Pending => "pending",
        Approved => "approved",
        Rejected => "rejected",
        Withdrawn => "withdrawn",
    }
);

keyed_enum!(
    /// An approver's answer.
    Decision {
        Approve => "approve",
        Reject => "reject",
    }
);

keyed_enum!(
    /// How a step's approvals are counted: any one, all, at least `count`,
    /// or at least `percent` % of its approvers.
    RuleKind {
        Any => "any",
        All => "all",
        Count => "count",
        Percent => "percent",
    }
);

/// How many of a step's approvers must approve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalRule {
    /// One approval is enough.
    Any,
    /// Every approver must approve.
    All,
    /// At least this many approvals.
    Count(u32),
    /// At least this percentage of the approvers (rounded up).
    Percent(u32),
}

impl ApprovalRule {
    /// Approvals needed among `eligible` approvers.
    pub fn needed(self, eligible: u32) -> u32 {
        match self {
            ApprovalRule::Any => 1,
            ApprovalRule::All => eligible,
            ApprovalRule::Count(count) => count,
            ApprovalRule::Percent(percent) => (eligible * percent).div_ceil(100).max(1),
        }
    }

    /// The step's outcome after `approvals` and `rejections` among
    /// `eligible` approvers: rejected as soon as the rule can no longer be
    /// met, approved as soon as it is.
    pub fn outcome(self, eligible: u32, approvals: u32, rejections: u32) -> ApprovalStatus {
        let needed = self.needed(eligible);
        if approvals >= needed {
            ApprovalStatus::Approved
        } else if eligible.saturating_sub(rejections) < needed {
            ApprovalStatus::Rejected
        } else {
            ApprovalStatus::Pending
        }
    }
}

/// Who may approve a step: people, every member of some teams, every
/// member with some roles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Approvers {
    #[serde(default)]
    pub users: Vec<UserId>,
    #[serde(default)]
    pub teams: Vec<TeamId>,
    #[serde(default)]
    pub roles: Vec<Role>,
}

/// One step of an approval, as configured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StepSpec {
    pub name: String,
    pub approvers: Approvers,
    pub rule: RuleKind,
    /// With `rule: count`: approvals needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// With `rule: percent`: the share of approvers needed, 1–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<u32>,
}

impl StepSpec {
    /// The rule, or the field that makes it unreadable.
    pub fn rule(&self, field: &str) -> Result<ApprovalRule, FieldError> {
        match (self.rule, self.count, self.percent) {
            (RuleKind::Any, None, None) => Ok(ApprovalRule::Any),
            (RuleKind::All, None, None) => Ok(ApprovalRule::All),
            (RuleKind::Count, Some(count), None) if count >= 1 => Ok(ApprovalRule::Count(count)),
            (RuleKind::Percent, None, Some(percent)) if (1..=100).contains(&percent) => {
                Ok(ApprovalRule::Percent(percent))
            }
            (RuleKind::Count, _, None) => Err(FieldError::new(format!("{field}.count"), "must be at least 1")),
            (RuleKind::Percent, None, _) => Err(FieldError::new(format!("{field}.percent"), "must be 1 to 100")),
            (rule, _, _) => Err(FieldError::new(
                format!("{field}.rule"),
                format!(
                    "a {rule} rule takes {}",
                    match rule {
                        RuleKind::Count => "count alone",
                        RuleKind::Percent => "percent alone",
                        _ => "neither count nor percent",
                    }
                ),
            )),
        }
    }
}

/// Checks configured steps, naming each bad field under `field`.
pub fn check_steps(steps: &[StepSpec], field: &str) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if steps.len() > MAX_STEPS {
        errors.push(FieldError::new(field, format!("at most {MAX_STEPS} steps")));
    }
    for (i, step) in steps.iter().enumerate() {
        let at = format!("{field}[{i}]");
        let name = step.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            errors.push(FieldError::new(format!("{at}.name"), "must be 1 to 100 characters"));
        }
        errors.extend(check_line(name, &format!("{at}.name")).err());
        let approvers = &step.approvers;
        let named = approvers.users.len() + approvers.teams.len() + approvers.roles.len();
        if named == 0 || named > MAX_NAMED {
            errors.push(FieldError::new(
                format!("{at}.approvers"),
                format!("name 1 to {MAX_NAMED} users, teams or roles"),
            ));
        }
        let rule = step.rule(&at);
        if let Ok(ApprovalRule::Count(count)) = rule
            && approvers.teams.is_empty()
            && approvers.roles.is_empty()
            && count as usize > approvers.users.len()
        {
            errors.push(FieldError::new(format!("{at}.count"), "is more than the approvers named"));
        }
        errors.extend(rule.err());
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// Why a step cannot be met by the approvers it resolves to.
pub fn unmeetable(name: &str, rule: ApprovalRule, eligible: u32) -> Option<String> {
    let needed = rule.needed(eligible);
    (eligible == 0 || needed > eligible).then(|| {
        format!(
            "step \"{}\" needs {needed} approval(s) but has {eligible} eligible approver(s) (no one approves their own record)",
            name.trim()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApprovalStatus::*;

    #[test]
    fn rules_decide_as_soon_as_the_outcome_is_certain() {
        let any = ApprovalRule::Any;
        assert_eq!(any.outcome(3, 0, 0), Pending);
        assert_eq!(any.outcome(3, 1, 0), Approved);
        assert_eq!(any.outcome(3, 0, 2), Pending, "one may still approve");
        assert_eq!(any.outcome(3, 0, 3), Rejected);

        let all = ApprovalRule::All;
        assert_eq!(all.outcome(3, 2, 0), Pending);
        assert_eq!(all.outcome(3, 3, 0), Approved);
        assert_eq!(all.outcome(3, 2, 1), Rejected, "one rejection makes all impossible");

        let two_of_three = ApprovalRule::Count(2);
        assert_eq!(two_of_three.outcome(3, 1, 1), Pending);
        assert_eq!(two_of_three.outcome(3, 2, 1), Approved);
        assert_eq!(two_of_three.outcome(3, 0, 2), Rejected, "at most one approval left");

        // 60 % of 5 is 3; of 3 it is 1.8, so 2.
        let sixty = ApprovalRule::Percent(60);
        assert_eq!(sixty.needed(5), 3);
        assert_eq!(sixty.needed(3), 2);
        assert_eq!(sixty.outcome(5, 2, 2), Pending);
        assert_eq!(sixty.outcome(5, 3, 0), Approved);
        assert_eq!(sixty.outcome(5, 1, 3), Rejected);
    }

    #[test]
    fn steps_are_checked_field_by_field() {
        let step = |rule: RuleKind, count: Option<u32>, percent: Option<u32>, users: usize| StepSpec {
            name: "CAB".into(),
            approvers: Approvers { users: (0..users).map(|_| UserId::new()).collect(), ..Approvers::default() },
            rule,
            count,
            percent,
        };
        assert!(check_steps(&[step(RuleKind::Count, Some(2), None, 3)], "steps").is_ok());
        let errors =
            check_steps(&[step(RuleKind::Any, None, None, 1), step(RuleKind::Count, Some(3), None, 2)], "steps")
                .expect_err("too few");
        assert_eq!(errors[0].field, "steps[1].count");
        let errors = check_steps(&[step(RuleKind::Percent, None, Some(0), 1)], "steps").expect_err("0 %");
        assert_eq!(errors[0].field, "steps[0].percent");
        let errors = check_steps(&[step(RuleKind::Any, Some(2), None, 1)], "steps").expect_err("stray count");
        assert_eq!(errors[0].field, "steps[0].rule");
        let errors = check_steps(&[step(RuleKind::Any, None, None, 0)], "steps").expect_err("nobody");
        assert_eq!(errors[0].field, "steps[0].approvers");
        assert!(unmeetable("CAB", ApprovalRule::All, 0).is_some());
        assert!(unmeetable("CAB", ApprovalRule::Count(2), 1).is_some());
        assert!(unmeetable("CAB", ApprovalRule::Any, 1).is_none());
    }

    #[test]
    fn steps_read_as_the_api_writes_them() {
        let json =
            serde_json::json!({"name": "CAB", "approvers": {"roles": ["admin"]}, "rule": "percent", "percent": 60});
        let step: StepSpec = serde_json::from_value(json).expect("step");
        assert_eq!(step.rule("step"), Ok(ApprovalRule::Percent(60)));
        let written = serde_json::json!({"name": "CAB", "approvers": {"users": [], "teams": [], "roles": ["admin"]}, "rule": "percent", "percent": 60});
        assert_eq!(
            serde_json::to_value(&step).expect("json"),
            written,
            "every approver list, and the rule's one value"
        );
        assert_eq!(serde_json::from_value::<StepSpec>(written).expect("read back"), step);
    }
}
