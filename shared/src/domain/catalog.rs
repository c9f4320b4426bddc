//! The service catalogue: what people may ask for. One item holds all of
//! its logic — its form (a JSON Schema of the answers), its approval, its
//! fulfilment plan and its target time — rather than scattering it over
//! workflows, form rules and SLAs.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::domain::keyed_enum;
use crate::domain::lifecycle::Lifecycle;
use crate::domain::schema::Schema;
use crate::domain::text::check_line;
use crate::error::FieldError;
use crate::ids::TeamId;

/// Stages a plan has at most, and tasks a stage.
pub const MAX_STAGES: usize = 10;
pub const MAX_TASKS_PER_STAGE: usize = 10;
/// The longest target: a year, in minutes.
pub const MAX_TARGET_MINUTES: u32 = 525_600;

keyed_enum!(
    /// Whether people may request an item: drafts and retired items are
    /// seen by catalogue managers only.
    ItemStatus {
        Draft => "draft",
        Published => "published",
        Retired => "retired",
    }
);

impl Lifecycle for ItemStatus {
    fn all() -> &'static [Self] {
        Self::ALL
    }

    /// draft → published → retired; a retired item can be reworked as a
    /// draft; a published one withdrawn to draft.
    fn can_become(self, next: Self) -> bool {
        use ItemStatus::*;
        matches!((self, next), (Draft, Published | Retired) | (Published, Draft | Retired) | (Retired, Draft))
    }
}

/// When a task is part of a request: an answer (by JSON pointer into the
/// answers, `/laptop/model`) equals a value, or is one of several.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Condition {
    pub answer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<Value>,
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<Value>>,
}

impl Condition {
    /// Whether `answers` meet it; a missing answer meets none.
    pub fn holds(&self, answers: &Value) -> bool {
        let Some(answer) = answers.pointer(&self.answer) else { return false };
        match (&self.equals, &self.one_of) {
            (Some(value), _) => answer == value,
            (None, Some(values)) => values.contains(answer),
            (None, None) => false,
        }
    }

    fn check(&self, field: &str) -> Option<FieldError> {
        if !self.answer.starts_with('/') || self.answer.len() > 200 {
            return Some(FieldError::new(
                format!("{field}.answer"),
                "must be a JSON pointer into the answers, like /laptop/model",
            ));
        }
        match (&self.equals, &self.one_of) {
            (Some(_), None) => None,
            (None, Some(values)) if !values.is_empty() && values.len() <= 50 => None,
            (None, Some(_)) => Some(FieldError::new(format!("{field}.in"), "must list 1 to 50 values")),
            _ => Some(FieldError::new(field, "takes either equals or in")),
        }
    }
}

/// One task of a fulfilment plan, for a team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanTask {
    pub name: String,
    pub team: TeamId,
    /// Only when the answers meet it; otherwise the task is skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
}

/// Tasks that run in parallel; the next stage opens when they are all done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Stage {
    pub tasks: Vec<PlanTask>,
}

/// How a request is fulfilled: stages in sequence, each of tasks in parallel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FulfilmentPlan {
    #[serde(default)]
    pub stages: Vec<Stage>,
}

impl FulfilmentPlan {
    /// Every team the plan names.
    pub fn teams(&self) -> Vec<TeamId> {
        let mut teams: Vec<TeamId> = self.stages.iter().flat_map(|s| s.tasks.iter().map(|t| t.team)).collect();
        teams.sort_unstable();
        teams.dedup();
        teams
    }

    /// Checks the plan's shape, naming each bad field under `field`.
    pub fn check(&self, field: &str) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.stages.len() > MAX_STAGES {
            errors.push(FieldError::new(format!("{field}.stages"), format!("at most {MAX_STAGES} stages")));
        }
        for (s, stage) in self.stages.iter().enumerate() {
            let at = format!("{field}.stages[{s}]");
            if stage.tasks.is_empty() || stage.tasks.len() > MAX_TASKS_PER_STAGE {
                errors.push(FieldError::new(format!("{at}.tasks"), format!("1 to {MAX_TASKS_PER_STAGE} tasks")));
            }
            for (t, task) in stage.tasks.iter().enumerate() {
                let at = format!("{at}.tasks[{t}]");
                let name = task.name.trim();
                if name.is_empty() || name.chars().count() > 100 {
                    errors.push(FieldError::new(format!("{at}.name"), "must be 1 to 100 characters"));
                }
                errors.extend(check_line(name, &format!("{at}.name")).err());
                errors.extend(task.when.as_ref().and_then(|when| when.check(&format!("{at}.when"))));
            }
        }
        errors
    }
}

/// An item's form: a JSON Schema of an object, the answers.
pub fn compile_form(form: &Value, field: &str) -> Result<Schema, FieldError> {
    if form.get("type").and_then(Value::as_str) != Some("object") {
        return Err(FieldError::new(field, "must describe an object of answers (\"type\": \"object\")"));
    }
    Schema::compile(form, field)
}

/// A target time, checked.
pub fn check_target(minutes: u32, field: &str) -> Result<u32, FieldError> {
    if (1..=MAX_TARGET_MINUTES).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(FieldError::new(field, format!("must be 1 to {MAX_TARGET_MINUTES} minutes")))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::domain::lifecycle::assert_transitions;

    #[test]
    fn items_move_through_their_lifecycle() {
        use ItemStatus::*;
        assert_transitions(&[
            (Draft, Published),
            (Draft, Retired),
            (Published, Draft),
            (Published, Retired),
            (Retired, Draft),
        ]);
    }

    #[test]
    fn conditions_read_answers_by_pointer() {
        let answers = json!({"kind": "laptop", "laptop": {"model": "14-inch"}, "vpn": true});
        let when = |value: Value| serde_json::from_value::<Condition>(value).expect("condition");
        assert!(when(json!({"answer": "/laptop/model", "equals": "14-inch"})).holds(&answers));
        assert!(!when(json!({"answer": "/laptop/model", "equals": "16-inch"})).holds(&answers));
        assert!(when(json!({"answer": "/kind", "in": ["laptop", "desktop"]})).holds(&answers));
        assert!(when(json!({"answer": "/vpn", "equals": true})).holds(&answers));
        assert!(!when(json!({"answer": "/missing", "equals": null})).holds(&answers), "a missing answer meets nothing");
    }

    #[test]
    fn plans_are_checked_field_by_field() {
        let team = TeamId::new();
        let plan: FulfilmentPlan = serde_json::from_value(json!({"stages": [
            {"tasks": [{"name": "Order", "team": team}, {"name": "", "team": team, "when": {"answer": "kind", "equals": 1}}]},
            {"tasks": []},
        ]}))
        .expect("plan");
        let fields: Vec<String> = plan.check("fulfilment").into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "fulfilment.stages[0].tasks[1].name",
                "fulfilment.stages[0].tasks[1].when.answer",
                "fulfilment.stages[1].tasks"
            ]
        );
        assert_eq!(plan.teams(), vec![team]);
        assert!(compile_form(&json!({"type": "array"}), "form").is_err());
        assert!(compile_form(&json!({"type": "object", "properties": {"a": {"type": "string"}}}), "form").is_ok());
        assert!(check_target(0, "targetMinutes").is_err());
    }
}
