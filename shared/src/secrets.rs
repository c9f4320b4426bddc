//! Integration secrets sealed at rest (ChaCha20-Poly1305) with a key from
//! the environment (`SECRETS_KEY`, 32 bytes in base64), so a database dump
//! alone does not reveal Slack URLs, Twilio tokens or webhook secrets.
//!
//! Each value is bound to where it belongs (its organisation and channel)
//! as associated data: a sealed value copied into another organisation's
//! row, or from one channel to another, does not open. Keys rotate:
//! `SECRETS_KEY_PREVIOUS` still opens what the old key sealed, and such a
//! value is reported stale so its reader seals it again under the new key.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};

/// Sealed with its place as associated data.
const BOUND: &str = "v2:";
/// Sealed before values were bound to their place; opened, then sealed again.
const UNBOUND: &str = "v1:";

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("a sealed value is damaged, was sealed with another key, or belongs elsewhere")]
    Unreadable,
    #[error("no randomness for a nonce")]
    Random,
    #[error("must be 32 bytes in base64")]
    BadKey,
}

/// Where a sealed value belongs: its organisation and what it configures.
pub struct SealedFor<'a> {
    pub org_id: crate::ids::OrgId,
    /// The channel (`slack`, `sms`, `pagerduty`, `webhook`).
    pub purpose: &'a str,
}

impl SealedFor<'_> {
    fn associated_data(&self) -> String {
        format!("{}/{}", self.org_id, self.purpose)
    }
}

/// An opened value, and whether it should be sealed again (an old key or
/// the unbound format opened it).
#[derive(Debug, PartialEq, Eq)]
pub struct Opened {
    pub plain: String,
    pub stale: bool,
}

#[derive(Clone)]
pub struct Sealer {
    current: ChaCha20Poly1305,
    previous: Option<ChaCha20Poly1305>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)")
    }
}

fn cipher(text: &str) -> Result<ChaCha20Poly1305, SealError> {
    let key: [u8; 32] = STANDARD.decode(text.trim()).ok().and_then(|k| k.try_into().ok()).ok_or(SealError::BadKey)?;
    Ok(ChaCha20Poly1305::new(&Key::from(key)))
}

impl Sealer {
    pub fn from_base64(text: &str) -> Result<Self, SealError> {
        Ok(Self { current: cipher(text)?, previous: None })
    }

    /// Also opens what `previous` (the key before this one) sealed.
    pub fn with_previous_key(self, previous: &str) -> Result<Self, SealError> {
        Ok(Self { previous: Some(cipher(previous)?), ..self })
    }

    /// A new random key, in the form `SECRETS_KEY` takes.
    pub fn generate_key() -> Result<String, SealError> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|_| SealError::Random)?;
        Ok(STANDARD.encode(key))
    }

    pub fn seal(&self, plain: &str, place: &SealedFor<'_>) -> Result<String, SealError> {
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).map_err(|_| SealError::Random)?;
        let aad = place.associated_data();
        let sealed = self
            .current
            .encrypt(&Nonce::from(nonce), Payload { msg: plain.as_bytes(), aad: aad.as_bytes() })
            .map_err(|_| SealError::Random)?;
        Ok(format!("{BOUND}{}", STANDARD.encode([nonce.as_slice(), &sealed].concat())))
    }

    pub fn open(&self, sealed: &str, place: &SealedFor<'_>) -> Result<Opened, SealError> {
        let aad = place.associated_data();
        let (body, aad, unbound) = match (sealed.strip_prefix(BOUND), sealed.strip_prefix(UNBOUND)) {
            (Some(body), _) => (body, aad.as_bytes(), false),
            (None, Some(body)) => (body, &[][..], true),
            (None, None) => return Err(SealError::Unreadable),
        };
        let bytes = STANDARD.decode(body).map_err(|_| SealError::Unreadable)?;
        let (nonce, body) = bytes.split_at_checked(12).ok_or(SealError::Unreadable)?;
        let nonce = Nonce::from(<[u8; 12]>::try_from(nonce).map_err(|_| SealError::Unreadable)?);
        let payload = || Payload { msg: body, aad };
        let (plain, old_key) = match self.current.decrypt(&nonce, payload()) {
            Ok(plain) => (plain, false),
            Err(_) => {
                let previous = self.previous.as_ref().ok_or(SealError::Unreadable)?;
                (previous.decrypt(&nonce, payload()).map_err(|_| SealError::Unreadable)?, true)
            }
        };
        let plain = String::from_utf8(plain).map_err(|_| SealError::Unreadable)?;
        Ok(Opened { plain, stale: unbound || old_key })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::OrgId;

    fn sealer() -> Sealer {
        Sealer::from_base64(&Sealer::generate_key().expect("key")).expect("sealer")
    }

    #[test]
    fn sealed_values_open_only_with_their_key() {
        let (sealer, org_id) = (sealer(), OrgId::new());
        let place = SealedFor { org_id, purpose: "slack" };
        let sealed = sealer.seal("https://hooks.slack.com/services/T/B/x", &place).expect("seal");
        assert!(!sealed.contains("hooks.slack.com"));
        assert_ne!(sealed, sealer.seal("https://hooks.slack.com/services/T/B/x", &place).expect("seal"), "fresh nonce");
        let opened = sealer.open(&sealed, &place).expect("open");
        assert_eq!(opened, Opened { plain: "https://hooks.slack.com/services/T/B/x".into(), stale: false });
        assert!(self::sealer().open(&sealed, &place).is_err());
        assert!(Sealer::from_base64("c2hvcnQ=").is_err());
    }

    /// A value moved to another organisation's row, or to another channel,
    /// does not open.
    #[test]
    fn sealed_values_open_only_where_they_belong() {
        let (sealer, org_id) = (sealer(), OrgId::new());
        let sealed = sealer.seal("secret", &SealedFor { org_id, purpose: "slack" }).expect("seal");
        assert!(sealer.open(&sealed, &SealedFor { org_id: OrgId::new(), purpose: "slack" }).is_err());
        assert!(sealer.open(&sealed, &SealedFor { org_id, purpose: "pagerduty" }).is_err());
    }

    /// After a rotation the old key still opens old values, which are
    /// reported stale; so are values sealed before binding existed.
    #[test]
    fn rotated_and_unbound_values_open_as_stale() {
        let (old_key, new_key) = (Sealer::generate_key().expect("key"), Sealer::generate_key().expect("key"));
        let old = Sealer::from_base64(&old_key).expect("sealer");
        let rotated = Sealer::from_base64(&new_key).expect("sealer").with_previous_key(&old_key).expect("previous");
        let place = SealedFor { org_id: OrgId::new(), purpose: "webhook" };
        let sealed_before = old.seal("whsec_x", &place).expect("seal");
        assert_eq!(
            rotated.open(&sealed_before, &place).expect("open"),
            Opened { plain: "whsec_x".into(), stale: true }
        );
        let sealed_again = rotated.seal("whsec_x", &place).expect("seal");
        assert!(!rotated.open(&sealed_again, &place).expect("open").stale);
        assert!(old.open(&sealed_again, &place).is_err(), "the new key's values need the new key");

        // The unbound format: nonce and ciphertext without associated data.
        let nonce = [7u8; 12];
        let body = old.current.encrypt(&Nonce::from(nonce), b"legacy".as_slice()).expect("encrypt");
        let unbound = format!("{UNBOUND}{}", STANDARD.encode([nonce.as_slice(), &body].concat()));
        assert_eq!(rotated.open(&unbound, &place).expect("open"), Opened { plain: "legacy".into(), stale: true });
    }
}
