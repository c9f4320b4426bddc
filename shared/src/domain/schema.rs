//! JSON Schema, as an organisation writes it for its items' attributes
//! (and catalogue forms): compiled once, checked server-side, each error
//! named by the JSON pointer of the value at fault under a prefix
//! (`/attributes/os`).

use serde_json::Value;

use crate::error::FieldError;

/// The largest schema an organisation may write.
pub const MAX_SCHEMA_BYTES: usize = 64 * 1024;

pub struct Schema {
    validator: jsonschema::Validator,
}

impl std::fmt::Debug for Schema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Schema(..)")
    }
}

impl Schema {
    /// Compiles `schema`; one that is not a JSON Schema (or too large) is
    /// refused naming `field`.
    pub fn compile(schema: &Value, field: &str) -> Result<Self, FieldError> {
        if schema.to_string().len() > MAX_SCHEMA_BYTES {
            return Err(FieldError::new(field, format!("must be at most {MAX_SCHEMA_BYTES} bytes")));
        }
        if !schema.is_object() && !schema.is_boolean() {
            return Err(FieldError::new(field, "must be a JSON Schema (an object)"));
        }
        jsonschema::meta::validate(schema)
            .map_err(|error| FieldError::new(field, format!("is not a valid JSON Schema: {error}")))?;
        let validator = jsonschema::validator_for(schema)
            .map_err(|error| FieldError::new(field, format!("is not a usable JSON Schema: {error}")))?;
        Ok(Self { validator })
    }

    /// Every way `value` breaks the schema, each named `prefix` + the JSON
    /// pointer of the value at fault.
    pub fn check(&self, value: &Value, prefix: &str) -> Result<(), Vec<FieldError>> {
        let errors: Vec<FieldError> = self
            .validator
            .iter_errors(value)
            .map(|error| FieldError::new(format!("{prefix}{}", error.instance_path()), error.to_string()))
            .collect();
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn errors_are_named_by_the_path_of_the_value_at_fault() {
        let schema = Schema::compile(
            &json!({"type": "object", "properties": {"os": {"enum": ["linux", "windows"]}, "cpus": {"type": "integer", "minimum": 1}},
                    "required": ["os"]}),
            "schema",
        )
        .expect("schema");
        assert!(schema.check(&json!({"os": "linux", "cpus": 4}), "/attributes").is_ok());
        let errors = schema.check(&json!({"os": "plan9", "cpus": 0}), "/attributes").expect_err("invalid");
        let mut fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["/attributes/cpus", "/attributes/os"]);
        let missing = schema.check(&json!({}), "/attributes").expect_err("invalid");
        assert_eq!(missing[0].field, "/attributes");
        assert!(missing[0].detail.contains("os"), "{}", missing[0].detail);
    }

    #[test]
    fn a_schema_that_is_not_one_is_refused() {
        assert_eq!(Schema::compile(&json!({"type": 12}), "schema").expect_err("invalid").field, "schema");
        assert!(Schema::compile(&json!("text"), "schema").is_err());
        assert!(Schema::compile(&json!({}), "schema").is_ok());
    }
}
