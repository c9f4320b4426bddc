//! The text every record kind shares — a title, a Markdown body, labels —
//! each with one rule, checked once at the edge. Inside, the types say the
//! text is valid.

use crate::error::FieldError;

const MAX_TITLE_CHARS: usize = 200;
const MAX_LABELS: usize = 20;

/// Refuses text PostgreSQL cannot store (NUL) and other control
/// characters except tab and line breaks.
pub fn check_text(text: &str, field: &str) -> Result<(), FieldError> {
    if text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        return Err(FieldError::new(field, "must not contain control characters"));
    }
    Ok(())
}

/// One line of text (a person's, an organisation's or a team's name): no
/// control character at all, so a name cannot start a new line in a mail
/// (a forged paragraph, a link) or a log.
pub fn check_line(text: &str, field: &str) -> Result<(), FieldError> {
    if text.chars().any(char::is_control) {
        return Err(FieldError::new(field, "must be one line without control characters"));
    }
    Ok(())
}

/// A record's title: trimmed, 1 to 200 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title(String);

impl Title {
    pub fn parse(text: &str, field: &str) -> Result<Self, Vec<FieldError>> {
        let mut errors: Vec<FieldError> = check_text(text, field).err().into_iter().collect();
        let title = text.trim();
        if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
            errors.push(FieldError::new(field, format!("must be 1 to {MAX_TITLE_CHARS} characters")));
        }
        if errors.is_empty() { Ok(Self(title.to_owned())) } else { Err(errors) }
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// Markdown text of at most `max_bytes`, no control characters; empty
/// unless the caller asks for content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markdown(String);

impl Markdown {
    pub fn parse(text: String, field: &str, max_bytes: usize) -> Result<Self, Vec<FieldError>> {
        let mut errors: Vec<FieldError> = check_text(&text, field).err().into_iter().collect();
        if text.len() > max_bytes {
            errors.push(FieldError::new(field, format!("must be at most {max_bytes} bytes")));
        }
        if errors.is_empty() { Ok(Self(text)) } else { Err(errors) }
    }

    /// Like [`Markdown::parse`], and not blank.
    pub fn parse_required(text: String, field: &str, max_bytes: usize) -> Result<Self, Vec<FieldError>> {
        if text.trim().is_empty() || text.len() > max_bytes {
            return Err(vec![FieldError::new(field, format!("must be 1 to {max_bytes} bytes"))]);
        }
        Self::parse(text, field, max_bytes)
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// Labels: at most 20, each 1–50 of `a-z 0-9 - _ . : /` after trimming and
/// lower-casing; kept sorted without repeats.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Labels(Vec<String>);

impl Labels {
    pub fn parse(labels: &[String], field: &str) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        if labels.len() > MAX_LABELS {
            errors.push(FieldError::new(field, format!("at most {MAX_LABELS} labels")));
        }
        let mut clean: Vec<String> = Vec::new();
        for (i, label) in labels.iter().enumerate() {
            let label = normalise_label(label);
            let valid = (1..=50).contains(&label.len())
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:/".contains(&b));
            if !valid {
                errors.push(FieldError::new(format!("{field}[{i}]"), "1–50 characters: letters, digits, - _ . : /"));
            }
            if !clean.contains(&label) {
                clean.push(label);
            }
        }
        clean.sort();
        if errors.is_empty() { Ok(Self(clean)) } else { Err(errors) }
    }

    pub fn into_inner(self) -> Vec<String> {
        self.0
    }
}

/// A label as it is stored and matched: trimmed and lower-case.
pub fn normalise_label(label: &str) -> String {
    label.trim().to_lowercase()
}

/// Collects the errors of several checks, so a request hears of every
/// field that is wrong at once.
#[derive(Default)]
pub struct Checks {
    errors: Vec<FieldError>,
}

impl Checks {
    /// The value of a check that passed; `None` (and its errors kept) otherwise.
    pub fn take<T>(&mut self, result: Result<T, Vec<FieldError>>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(mut errors) => {
                self.errors.append(&mut errors);
                None
            }
        }
    }

    /// Like [`Checks::take`] for an optional field.
    pub fn take_some<T>(&mut self, result: Option<Result<T, Vec<FieldError>>>) -> Option<Option<T>> {
        match result {
            None => Some(None),
            Some(result) => self.take(result).map(Some),
        }
    }

    /// `Ok` when every check passed; else every error found.
    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() { Ok(()) } else { Err(self.errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(Title::parse("  Checkout down ", "title").expect("valid").into_inner(), "Checkout down");
        assert_eq!(Title::parse("   ", "title").expect_err("invalid")[0].field, "title");
        assert!(Title::parse(&"x".repeat(201), "title").is_err());
        assert!(Title::parse(&"é".repeat(200), "title").is_ok(), "characters, not bytes");
        assert!(Title::parse("bad\u{0}", "name").expect_err("invalid").iter().all(|e| e.field == "name"));
    }

    #[test]
    fn markdown_keeps_its_text_and_bounds_its_size() {
        assert_eq!(Markdown::parse("# Hi\n\tthere".into(), "body", 100).expect("valid").into_inner(), "# Hi\n\tthere");
        assert!(Markdown::parse("x".repeat(101), "body", 100).is_err());
        assert!(Markdown::parse(String::new(), "body", 100).is_ok());
        assert!(Markdown::parse_required(" \n".into(), "text", 100).is_err());
    }

    #[test]
    fn labels_are_normalised_sorted_and_checked_one_by_one() {
        let labels = Labels::parse(&[" DB ".into(), "api".into(), "db".into()], "labels").expect("valid");
        assert_eq!(labels.into_inner(), ["api", "db"]);
        let errors = Labels::parse(&["ok".into(), "no spaces".into()], "labels").expect_err("invalid");
        assert_eq!(errors[0].field, "labels[1]");
        assert!(Labels::parse(&vec!["a".to_owned(); 21], "labels").is_err());
    }
}
