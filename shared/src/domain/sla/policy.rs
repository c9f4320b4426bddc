//! SLA policies and calendars as an organisation writes them: which
//! records a policy applies to (first match by position), its targets per
//! priority, its calendar, what pauses it and when it warns.

use std::collections::BTreeMap;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::calendar::{Calendar, Exception, Holiday, Span, SpanText, check_spans};
use crate::domain::incidents::Severity;
use crate::domain::keyed_enum;
use crate::domain::text::normalise_label;
use crate::error::FieldError;
use crate::ids::{CatalogItemId, TeamId};

/// The most warnings a policy gives before a breach.
pub const MAX_WARNINGS: usize = 3;
/// The longest target: a year, in minutes.
pub const MAX_TARGET_MINUTES: u32 = 525_600;

keyed_enum!(
    /// What a clock measures: to the first response (acknowledged, work
    /// started), or to resolution (resolved, fulfilled).
    Metric {
        Response => "response",
        Resolution => "resolution",
    }
);

keyed_enum!(
    /// What a policy measures: incidents and requests (service level
    /// agreements), or the fulfilment tasks a request gives teams
    /// (operational level agreements, measured against the team).
    PolicySubject {
        Incident => "incident",
        Request => "request",
        Task => "task",
    }
);

/// Which records a policy applies to; an empty list matches every value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppliesTo {
    pub record: PolicySubject,
    /// Incidents of these severities.
    #[serde(default)]
    pub severities: Vec<Severity>,
    /// Incidents with any of these labels.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Incidents affecting any of these services (configuration items).
    #[serde(default)]
    pub services: Vec<crate::ids::ConfigItemId>,
    /// Requests (or their tasks) raised from these catalogue items.
    #[serde(default)]
    pub items: Vec<CatalogItemId>,
    /// Tasks given to these teams.
    #[serde(default)]
    pub teams: Vec<TeamId>,
}

impl PolicySubject {
    pub fn is_task(self) -> bool {
        self == PolicySubject::Task
    }
}

/// What a record (or a task) is, for matching.
#[derive(Debug, Clone)]
pub struct Subject {
    pub record: PolicySubject,
    pub severity: Option<Severity>,
    pub labels: Vec<String>,
    pub services: Vec<crate::ids::ConfigItemId>,
    pub item: Option<CatalogItemId>,
    pub team: Option<TeamId>,
}

impl AppliesTo {
    /// Every record of the kind, no filter.
    pub fn every(record: PolicySubject) -> Self {
        Self {
            record,
            severities: Vec::new(),
            labels: Vec::new(),
            services: Vec::new(),
            items: Vec::new(),
            teams: Vec::new(),
        }
    }

    pub fn matches(&self, subject: &Subject) -> bool {
        self.record == subject.record
            && (self.severities.is_empty() || subject.severity.is_some_and(|s| self.severities.contains(&s)))
            && (self.labels.is_empty() || subject.labels.iter().any(|l| self.labels.contains(&normalise_label(l))))
            && (self.services.is_empty() || subject.services.iter().any(|s| self.services.contains(s)))
            && (self.items.is_empty() || subject.item.is_some_and(|i| self.items.contains(&i)))
            && (self.teams.is_empty() || subject.team.is_some_and(|t| self.teams.contains(&t)))
    }
}

/// Minutes allowed, per metric; `None`: not measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Targets {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution_minutes: Option<u32>,
}

impl Targets {
    /// An incident target as whole minutes (rounded up).
    pub fn of(target: crate::domain::incidents::SlaTarget) -> Self {
        let minutes = |d: chrono::Duration| u32::try_from((d.num_seconds().max(1) + 59) / 60).ok();
        Self { response_minutes: minutes(target.acknowledge), resolution_minutes: minutes(target.resolve) }
    }

    pub fn minutes(&self, metric: Metric) -> Option<u32> {
        match metric {
            Metric::Response => self.response_minutes,
            Metric::Resolution => self.resolution_minutes,
        }
    }
}

/// A policy as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PolicySpec {
    pub name: String,
    #[serde(default = "yes")]
    pub enabled: bool,
    pub applies_to: AppliesTo,
    /// Targets by priority: `P1`…`P4` for incidents; `default` for
    /// anything without its own (and for requests).
    pub targets: BTreeMap<String, Targets>,
    /// A business-hours calendar (`cal_…`); none: round the clock.
    #[serde(default)]
    pub calendar: Option<crate::ids::CalendarId>,
    /// Statuses that pause its clocks: `waiting_on_requester`.
    #[serde(default)]
    pub pause_statuses: Vec<String>,
    /// Warnings before a breach, in % of the target (`[75, 90]`).
    #[serde(default)]
    pub warnings: Vec<u32>,
}

fn yes() -> bool {
    true
}

/// Statuses a clock may pause on.
pub const PAUSING_STATUSES: &[&str] = &["waiting_on_requester"];

impl PolicySpec {
    /// The targets for `priority`, else the default ones.
    pub fn targets_for(&self, priority: Option<&str>) -> Targets {
        priority.and_then(|p| self.targets.get(p)).or_else(|| self.targets.get("default")).copied().unwrap_or_default()
    }

    pub fn check(&mut self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            errors.push(FieldError::new("name", "must be 1 to 100 characters"));
        }
        self.name = name.to_owned();
        for (key, targets) in &self.targets {
            let known = key == "default" || key.parse::<Severity>().is_ok();
            if !known {
                errors.push(FieldError::new(format!("targets.{key}"), "is not P1–P4 or default"));
            }
            for (metric, minutes) in
                [("responseMinutes", targets.response_minutes), ("resolutionMinutes", targets.resolution_minutes)]
            {
                if minutes.is_some_and(|m| m == 0 || m > MAX_TARGET_MINUTES) {
                    errors.push(FieldError::new(
                        format!("targets.{key}.{metric}"),
                        format!("must be 1 to {MAX_TARGET_MINUTES}"),
                    ));
                }
            }
        }
        if self.targets.is_empty() {
            errors.push(FieldError::new("targets", "name at least one priority's targets"));
        }
        for (key, targets) in &self.targets {
            if targets.response_minutes.is_none() && targets.resolution_minutes.is_none() {
                errors
                    .push(FieldError::new(format!("targets.{key}"), "name responseMinutes, resolutionMinutes or both"));
            }
        }
        for (i, status) in self.pause_statuses.iter().enumerate() {
            if !PAUSING_STATUSES.contains(&status.as_str()) {
                errors.push(FieldError::new(
                    format!("pauseStatuses[{i}]"),
                    format!("may be {}", PAUSING_STATUSES.join(", ")),
                ));
            }
        }
        self.warnings.sort_unstable();
        self.warnings.dedup();
        if self.warnings.len() > MAX_WARNINGS || self.warnings.iter().any(|w| !(1..100).contains(w)) {
            errors.push(FieldError::new("warnings", format!("at most {MAX_WARNINGS} percentages, each 1 to 99")));
        }
        self.applies_to.labels = self.applies_to.labels.iter().map(|l| normalise_label(l)).collect();
        let applies = &self.applies_to;
        let filters = [
            ("appliesTo.severities", applies.severities.is_empty(), PolicySubject::Incident),
            ("appliesTo.labels", applies.labels.is_empty(), PolicySubject::Incident),
            ("appliesTo.services", applies.services.is_empty(), PolicySubject::Incident),
            ("appliesTo.items", applies.items.is_empty(), PolicySubject::Request),
            ("appliesTo.teams", applies.teams.is_empty(), PolicySubject::Task),
        ];
        for (field, empty, subject) in filters {
            // Tasks are matched by their request's item too.
            let fits = subject == applies.record || (subject == PolicySubject::Request && applies.record.is_task());
            if !empty && !fits {
                errors.push(FieldError::new(field, format!("apply to {}s", subject.key())));
            }
        }
        if applies.record != PolicySubject::Incident
            && let Some(key) = self.targets.keys().find(|k| *k != "default")
        {
            errors.push(FieldError::new(format!("targets.{key}"), "only incidents have priorities: use default"));
        }
        errors
    }
}

/// The week's hours, one list of spans per day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Week {
    #[serde(default)]
    #[schema(value_type = Vec<SpanText>)]
    pub monday: Vec<Span>,
    #[serde(default)]
    #[schema(value_type = Vec<SpanText>)]
    pub tuesday: Vec<Span>,
    #[serde(default)]
    #[schema(value_type = Vec<SpanText>)]
    pub wednesday: Vec<Span>,
    #[serde(default)]
    #[schema(value_type = Vec<SpanText>)]
    pub thursday: Vec<Span>,
    #[serde(default)]
    #[schema(value_type = Vec<SpanText>)]
    pub friday: Vec<Span>,
    #[serde(default)]
    #[schema(value_type = Vec<SpanText>)]
    pub saturday: Vec<Span>,
    #[serde(default)]
    #[schema(value_type = Vec<SpanText>)]
    pub sunday: Vec<Span>,
}

impl Week {
    fn days(&self) -> [(&'static str, &Vec<Span>); 7] {
        [
            ("monday", &self.monday),
            ("tuesday", &self.tuesday),
            ("wednesday", &self.wednesday),
            ("thursday", &self.thursday),
            ("friday", &self.friday),
            ("saturday", &self.saturday),
            ("sunday", &self.sunday),
        ]
    }
}

/// A calendar as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CalendarSpec {
    pub name: String,
    /// An IANA zone: `Europe/Berlin`.
    pub time_zone: String,
    pub week: Week,
    #[serde(default)]
    pub holidays: Vec<Holiday>,
    #[serde(default)]
    pub exceptions: Vec<Exception>,
}

impl CalendarSpec {
    /// The calendar it describes, or every field that is wrong.
    pub fn calendar(&self) -> Result<Calendar, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() || self.name.chars().count() > 100 {
            errors.push(FieldError::new("name", "must be 1 to 100 characters"));
        }
        let zone: Option<Tz> = self.time_zone.parse().ok();
        if zone.is_none() {
            errors.push(FieldError::new("timeZone", "is not an IANA time zone"));
        }
        for (day, spans) in self.week.days() {
            errors.extend(check_spans(spans, &format!("week.{day}")).err());
        }
        for (i, holiday) in self.holidays.iter().enumerate() {
            if holiday.name.trim().is_empty() || holiday.name.chars().count() > 100 {
                errors.push(FieldError::new(format!("holidays[{i}].name"), "must be 1 to 100 characters"));
            }
            let yearly = holiday
                .every_year
                .as_deref()
                .map(|md| chrono::NaiveDate::parse_from_str(&format!("2024-{md}"), "%Y-%m-%d").is_ok());
            match (holiday.date, yearly) {
                (Some(_), None) | (None, Some(true)) => {}
                _ => errors.push(FieldError::new(format!("holidays[{i}]"), "takes a date, or everyYear as MM-DD")),
            }
        }
        for (i, exception) in self.exceptions.iter().enumerate() {
            errors.extend(check_spans(&exception.spans, &format!("exceptions[{i}].spans")).err());
        }
        if self.holidays.len() > 500 || self.exceptions.len() > 500 {
            errors.push(FieldError::new("holidays", "at most 500 holidays and 500 exceptions"));
        }
        match zone {
            Some(time_zone) if errors.is_empty() => Ok(Calendar {
                time_zone,
                week: self.week.days().map(|(_, spans)| spans.clone()),
                holidays: self.holidays.clone(),
                exceptions: self.exceptions.clone(),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn policies_match_by_kind_severity_label_service_and_item() {
        let applies: AppliesTo =
            serde_json::from_value(json!({"record": "incident", "severities": ["P1", "P2"], "labels": ["Payments"]}))
                .expect("applies");
        let service = crate::ids::ConfigItemId::new();
        let by_service = AppliesTo { services: vec![service], labels: Vec::new(), ..applies.clone() };
        let incident = |severity: Severity, labels: &[&str]| Subject {
            record: PolicySubject::Incident,
            severity: Some(severity),
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            services: Vec::new(),
            item: None,
            team: None,
        };
        let mut spec = PolicySpec {
            name: " Payments ".into(),
            enabled: true,
            applies_to: applies,
            targets: BTreeMap::from([(
                "P1".to_owned(),
                Targets { response_minutes: Some(15), resolution_minutes: Some(240) },
            )]),
            calendar: None,
            pause_statuses: vec![],
            warnings: vec![90, 75, 75],
        };
        assert!(spec.check().is_empty());
        assert_eq!((spec.name.as_str(), spec.warnings.clone()), ("Payments", vec![75, 90]));
        assert!(spec.applies_to.matches(&incident(Severity::P1, &["payments"])));
        assert!(!spec.applies_to.matches(&incident(Severity::P3, &["payments"])));
        assert!(!spec.applies_to.matches(&incident(Severity::P1, &["search"])));
        let mut on_service = incident(Severity::P1, &["payments"]);
        assert!(!by_service.matches(&on_service), "not on the service");
        on_service.services.push(service);
        assert!(by_service.matches(&on_service));
        assert_eq!(spec.targets_for(Some("P1")).response_minutes, Some(15));
        assert_eq!(spec.targets_for(Some("P2")), Targets::default(), "no default: not measured");
        spec.targets.insert("P9".into(), Targets { response_minutes: Some(5), resolution_minutes: None });
        spec.targets.insert("P4".into(), Targets::default());
        spec.pause_statuses.push("lunch".into());
        let fields: Vec<String> = spec.check().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["targets.P9", "targets.P4", "pauseStatuses[0]"]);
    }

    #[test]
    fn task_policies_match_by_team_and_item_with_default_targets_only() {
        let (team, item) = (TeamId::new(), CatalogItemId::new());
        let mut spec: PolicySpec = serde_json::from_value(json!({
            "name": "Network team OLA",
            "appliesTo": {"record": "task", "teams": [team], "items": [item]},
            "targets": {"default": {"responseMinutes": 30, "resolutionMinutes": 480}},
        }))
        .expect("policy");
        assert!(spec.check().is_empty(), "{:?}", spec.check());
        let task = |team: Option<TeamId>| Subject {
            record: PolicySubject::Task,
            severity: None,
            labels: Vec::new(),
            services: Vec::new(),
            item: Some(item),
            team,
        };
        assert!(spec.applies_to.matches(&task(Some(team))));
        assert!(!spec.applies_to.matches(&task(Some(TeamId::new()))));
        assert!(!spec.applies_to.matches(&Subject { record: PolicySubject::Request, ..task(Some(team)) }));
        spec.targets.insert("P1".into(), Targets { response_minutes: Some(5), resolution_minutes: None });
        spec.applies_to.labels.push("db".into());
        let fields: Vec<String> = spec.check().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["appliesTo.labels", "targets.P1"]);
        spec.applies_to.record = PolicySubject::Request;
        spec.applies_to.labels.clear();
        spec.targets.remove("P1");
        let fields: Vec<String> = spec.check().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["appliesTo.teams"]);
    }

    #[test]
    fn calendars_are_checked_field_by_field() {
        let spec: CalendarSpec = serde_json::from_value(json!({
            "name": "Berlin office", "timeZone": "Europe/Berlin",
            "week": {"monday": [{"from": "09:00", "to": "12:00"}, {"from": "13:00", "to": "17:00"}]},
            "holidays": [{"name": "Christmas", "everyYear": "12-25"}]
        }))
        .expect("calendar");
        assert_eq!(spec.calendar().expect("valid").week[0].len(), 2);
        let mut wrong = spec.clone();
        wrong.time_zone = "Mars/Olympus".into();
        wrong.week.tuesday = wrong.week.monday.iter().rev().copied().collect();
        wrong.holidays.push(Holiday { name: "Both".into(), date: None, every_year: Some("13-40".into()) });
        let fields: Vec<String> = wrong.calendar().expect_err("invalid").into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["timeZone", "week.tuesday", "holidays[1]"]);
    }
}
