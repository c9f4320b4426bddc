//! Postmortems: the document written after an incident, from a template
//! of sections (some required), prefilled with what the incident's record
//! already knows — its figures, people, linked records and timeline — so
//! the authors start from the facts and write what only they know.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::FieldError;

use crate::domain::incidents::Severity;
use crate::domain::keyed_enum;

keyed_enum!(
    /// Whether an action item is still to do.
    ActionItemStatus {
        Open => "open",
        Done => "done",
    }
);

/// One heading of a postmortem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Section {
    pub title: String,
    /// Publishing with it empty is refused.
    #[serde(default)]
    pub required: bool,
}

/// The sections a postmortem starts with, unless the organisation has its own.
pub fn default_template() -> Vec<Section> {
    [
        ("Summary", true),
        ("Impact", true),
        ("Timeline", false),
        ("Contributing factors", true),
        ("What went well", false),
        ("Action items", false),
    ]
    .map(|(title, required)| Section { title: title.to_owned(), required })
    .to_vec()
}

/// The most sections a template may have, and the longest title.
const MAX_SECTIONS: usize = 20;
const MAX_TITLE: usize = 80;

/// A template is one to 20 sections with distinct titles of one line.
pub fn check_template(sections: &[Section], field: &str) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if sections.is_empty() || sections.len() > MAX_SECTIONS {
        errors.push(FieldError::new(field, format!("has 1 to {MAX_SECTIONS} sections")));
    }
    for (i, section) in sections.iter().enumerate() {
        let title = section.title.trim();
        let at = format!("{field}[{i}].title");
        if title.is_empty() || title.chars().count() > MAX_TITLE || title.contains('\n') {
            errors.push(FieldError::new(at, format!("is one line of 1 to {MAX_TITLE} characters")));
        } else if sections[..i].iter().any(|earlier| earlier.title.trim().eq_ignore_ascii_case(title)) {
            errors.push(FieldError::new(at, "is the title of an earlier section"));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// What the incident's record knows.
pub struct IncidentFacts {
    /// `INC-7`.
    pub number: String,
    pub title: String,
    pub severity: Severity,
    pub opened_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// Who worked on it (names or emails), commander first.
    pub people: Vec<String>,
    /// Linked records, as `CHG-3 Deploy checkout` (changes, items, problems).
    pub linked: Vec<String>,
    /// Its timeline, oldest first: when, who, what.
    pub timeline: Vec<(DateTime<Utc>, String, String)>,
}

/// `1 h 5 min`, `45 min`, `30 s`.
pub fn duration_words(seconds: i64) -> String {
    let (hours, minutes, secs) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    match (hours, minutes) {
        (0, 0) => format!("{secs} s"),
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// A placeholder the authors replace; a section holding only this is empty.
const TO_WRITE: &str = "<!-- to write -->";

/// The first draft: each section of `template` as a `##` heading, the
/// facts section filled in, the rest awaiting their authors.
pub fn draft(template: &[Section], facts: &IncidentFacts) -> String {
    let since_open = |at: DateTime<Utc>| duration_words((at - facts.opened_at).num_seconds());
    let mut figures = vec![
        format!("- Incident: {} {}", facts.number, facts.title),
        format!("- Severity: {}", facts.severity),
        format!("- Opened: {}", facts.opened_at.format("%Y-%m-%d %H:%M UTC")),
    ];
    if let Some(at) = facts.acknowledged_at {
        figures.push(format!("- Time to acknowledge: {}", since_open(at)));
    }
    if let Some(at) = facts.resolved_at {
        figures.push(format!("- Time to resolve: {}", since_open(at)));
    }
    if !facts.people.is_empty() {
        figures.push(format!("- People: {}", facts.people.join(", ")));
    }
    if !facts.linked.is_empty() {
        figures.push(format!("- Linked: {}", facts.linked.join("; ")));
    }
    let mut body = String::new();
    for section in template {
        body.push_str(&format!("## {}\n\n", section.title));
        let filled = match section.title.as_str() {
            "Impact" => figures.join("\n"),
            "Timeline" if !facts.timeline.is_empty() => facts
                .timeline
                .iter()
                .map(|(at, who, what)| format!("- {} — {who}: {what}", at.format("%H:%M:%S")))
                .collect::<Vec<_>>()
                .join("\n"),
            _ => TO_WRITE.to_owned(),
        };
        body.push_str(&filled);
        body.push_str("\n\n");
    }
    body
}

/// The required sections of `template` that `body` leaves empty (or
/// lacks): nothing but whitespace and placeholders under their heading.
pub fn empty_required(template: &[Section], body: &str) -> Vec<String> {
    template
        .iter()
        .filter(|section| section.required)
        .filter(|section| section_text(body, &section.title).is_none_or(|text| text.is_empty()))
        .map(|section| section.title.clone())
        .collect()
}

/// What is written under the `## title` heading, less placeholders.
fn section_text(body: &str, title: &str) -> Option<String> {
    let mut lines = body.lines().skip_while(|line| !is_heading(line, Some(title)));
    lines.next()?;
    let text: Vec<&str> = lines.take_while(|line| !is_heading(line, None)).collect();
    let text = text.join("\n").replace(TO_WRITE, "");
    Some(text.trim().to_owned())
}

fn is_heading(line: &str, title: Option<&str>) -> bool {
    let Some(heading) = line.trim().strip_prefix("## ") else { return false };
    title.is_none_or(|t| heading.trim().eq_ignore_ascii_case(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> IncidentFacts {
        let opened: DateTime<Utc> = "2026-12-01T10:00:00Z".parse().expect("time");
        IncidentFacts {
            number: "INC-7".into(),
            title: "Checkout down".into(),
            severity: Severity::P1,
            opened_at: opened,
            acknowledged_at: Some(opened + chrono::Duration::seconds(300)),
            resolved_at: Some(opened + chrono::Duration::seconds(3900)),
            people: vec!["ana@example.com".into()],
            linked: vec!["CHG-3 Deploy checkout".into()],
            timeline: vec![(opened + chrono::Duration::seconds(300), "ana@example.com".into(), "Acknowledged".into())],
        }
    }

    #[test]
    fn a_draft_holds_the_facts_and_awaits_the_rest() {
        let body = draft(&default_template(), &facts());
        assert!(body.contains("- Time to acknowledge: 5 min\n- Time to resolve: 1 h 5 min"), "{body}");
        assert!(body.contains("- 10:05:00 — ana@example.com: Acknowledged"), "{body}");
        assert!(body.contains("- Linked: CHG-3 Deploy checkout"), "{body}");
        assert_eq!(empty_required(&default_template(), &body), ["Summary", "Contributing factors"]);
    }

    #[test]
    fn written_sections_are_no_longer_empty() {
        let body = draft(&default_template(), &facts())
            .replacen("## Summary\n\n<!-- to write -->", "## Summary\n\nA bad deploy.", 1)
            .replacen("## Contributing factors\n\n<!-- to write -->", "## Contributing factors\n\nNo canary.", 1);
        assert_eq!(empty_required(&default_template(), &body), Vec::<&str>::new());
        assert_eq!(empty_required(&default_template(), "no headings"), ["Summary", "Impact", "Contributing factors"]);
    }

    #[test]
    fn a_template_has_distinct_one_line_titles() {
        let section = |title: &str| Section { title: title.to_owned(), required: false };
        assert_eq!(check_template(&default_template(), "sections"), Ok(()));
        let errors =
            check_template(&[section("Summary"), section("summary"), section("")], "sections").expect_err("bad");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["sections[1].title", "sections[2].title"]);
        assert!(check_template(&[], "sections").is_err());
    }

    #[test]
    fn durations_read_as_words() {
        assert_eq!([30, 300, 3600, 3900].map(duration_words), ["30 s", "5 min", "1 h", "1 h 5 min"].map(str::to_owned));
    }
}
