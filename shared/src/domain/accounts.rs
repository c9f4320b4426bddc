//! Accounts: sign-up rules, password hashing, and the secrets we hand out
//! (session cookies, API tokens) of which only a hash is stored.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use crate::domain::keyed_enum;
use crate::error::{Error, FieldError};

keyed_enum!(
    /// What an API token may do: read-only tokens may only make safe (GET) requests.
    TokenScope { ReadOnly => "read-only", ReadWrite => "read-write" }
);

keyed_enum!(
    /// What an emailed single-use token is for.
    EmailPurpose { VerifyEmail => "verify-email", ResetPassword => "reset-password" }
);

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 256;

/// The most common passwords, lowercased; sign-up and reset refuse them.
const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

/// A syntactically plausible email address, lowercased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        let text = text.trim().to_ascii_lowercase();
        let valid = text.len() <= 254
            && text.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !text.contains(char::is_whitespace)
                    && !domain.contains('@')
            });
        if valid && !text.chars().any(char::is_control) {
            Ok(Self(text))
        } else {
            Err(FieldError::new("email", "is not a valid email address"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Checks a new password against the policy; `field` names it in errors.
pub fn check_new_password(password: &str, field: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(FieldError::new(field, format!("must be at least {MIN_PASSWORD_CHARS} characters")));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(FieldError::new(field, format!("must be at most {MAX_PASSWORD_CHARS} characters")));
    }
    let lowered = password.to_lowercase();
    if COMMON_PASSWORDS.lines().any(|common| common == lowered) {
        return Err(FieldError::new(field, "is one of the most commonly used passwords; choose another"));
    }
    Ok(())
}

use crate::domain::text::check_line;

/// A display name: trimmed, 1–100 characters.
pub fn check_name(name: &str, field: &str) -> Result<String, FieldError> {
    check_line(name, field)?;
    let name = name.trim();
    match name.chars().count() {
        0 => Err(FieldError::new(field, "must not be empty")),
        1..=100 => Ok(name.to_owned()),
        _ => Err(FieldError::new(field, "must be at most 100 characters")),
    }
}

/// Collects field errors into one validation error, or passes.
pub fn validate(checks: impl IntoIterator<Item = Result<(), FieldError>>) -> Result<(), Error> {
    let errors: Vec<FieldError> = checks.into_iter().filter_map(Result::err).collect();
    if errors.is_empty() { Ok(()) } else { Err(Error::Validation(errors)) }
}

/// Argon2id with the crate's recommended parameters, as a PHC string.
pub fn hash_password(password: &str) -> Result<String, Error> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| Error::internal(format!("hashing a password failed: {e}")))
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|hash| Argon2::default().verify_password(password.as_bytes(), &hash).is_ok())
        .unwrap_or(false)
}

/// Spends the time of one verification, so that an unknown email takes as
/// long to refuse as a wrong password.
pub fn burn_verification_time(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("simplicity-timing-dummy").unwrap_or_default());
    let _ = verify_password(password, dummy);
}

/// A new random secret (256 bits, URL-safe) with a readable prefix.
pub fn new_secret(prefix: &str) -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::internal(format!("no randomness: {e}")))?;
    Ok(format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes)))
}

/// What we store in place of a secret: its SHA-256, hex. Secrets carry 256
/// bits of entropy, so a fast hash is enough (no dictionary to attack).
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_one_line() {
        for forged in ["Mallory\nClick https://evil.example", "Mallory\r\nBcc: all", "Tab\there", "Nul\0"] {
            assert_eq!(check_name(forged, "name").expect_err(forged).field, "name", "{forged:?}");
        }
        assert_eq!(check_name("  Ada Lovelace ", "name").expect("valid"), "Ada Lovelace");
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse(" Ada@Example.COM ").expect("valid").as_str(), "ada@example.com");
        for bad in ["", "ada", "ada@", "@example.com", "ada@example", "a b@example.com", "ada@.com"] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn password_policy() {
        assert!(check_new_password("short", "password").is_err());
        assert!(check_new_password("password123", "password").is_err(), "common password accepted");
        assert!(check_new_password("Password123", "password").is_err(), "case must not matter");
        assert!(check_new_password("correct horse battery staple", "password").is_ok());
        assert!(check_new_password(&"x".repeat(128), "password").is_ok(), "128 characters must be allowed");
    }

    #[test]
    fn password_hash_verifies_only_the_same_password() {
        let hash = hash_password("correct horse battery staple").expect("hashes");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery staple", &hash));
        assert!(!verify_password("correct horse battery stapler", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn secrets_are_unique_and_hashed() {
        let a = new_secret("sim_").expect("random");
        let b = new_secret("sim_").expect("random");
        assert_ne!(a, b);
        assert!(a.starts_with("sim_") && a.len() > 40);
        assert_eq!(secret_hash(&a).len(), 64);
        assert_ne!(secret_hash(&a), secret_hash(&b));
    }
}
