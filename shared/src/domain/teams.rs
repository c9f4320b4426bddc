//! Teams: a name people recognise, unique within the organisation whatever
//! its case.

use crate::domain::text::check_line;
use crate::error::FieldError;

const MAX_NAME_CHARS: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamName(String);

impl TeamName {
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        check_line(text, "name")?;
        let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
            return Err(FieldError::new("name", format!("must be 1 to {MAX_NAME_CHARS} characters")));
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What two names are compared by: `Platform  SRE` and `platform sre` clash.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_collapse_spaces_and_compare_without_case() {
        let name = TeamName::parse("  Platform   SRE ").expect("valid");
        assert_eq!(name.as_str(), "Platform SRE");
        assert_eq!(name.key(), TeamName::parse("platform sre").expect("valid").key());
        assert!(TeamName::parse("   ").is_err());
        assert!(TeamName::parse(&"x".repeat(81)).is_err());
    }
}
