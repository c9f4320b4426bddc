//! Integration secrets sealed at rest (ChaCha20-Poly1305) with a key from
//! the environment (`SECRETS_KEY`, 32 bytes in base64), so a database dump
//! alone does not reveal Slack URLs, Twilio tokens or webhook secrets.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};

const PREFIX: &str = "v1:";

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("a sealed value is damaged or was sealed with another key")]
    Unreadable,
    #[error("no randomness for a nonce")]
    Random,
    #[error("must be 32 bytes in base64")]
    BadKey,
}

#[derive(Clone)]
pub struct Sealer {
    cipher: ChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)")
    }
}

impl Sealer {
    pub fn from_base64(text: &str) -> Result<Self, SealError> {
        let key: [u8; 32] =
            STANDARD.decode(text.trim()).ok().and_then(|k| k.try_into().ok()).ok_or(SealError::BadKey)?;
        Ok(Self { cipher: ChaCha20Poly1305::new(&Key::from(key)) })
    }

    /// A new random key, in the form `SECRETS_KEY` takes.
    pub fn generate_key() -> Result<String, SealError> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|_| SealError::Random)?;
        Ok(STANDARD.encode(key))
    }

    pub fn seal(&self, plain: &str) -> Result<String, SealError> {
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).map_err(|_| SealError::Random)?;
        let sealed = self.cipher.encrypt(&Nonce::from(nonce), plain.as_bytes()).map_err(|_| SealError::Random)?;
        Ok(format!("{PREFIX}{}", STANDARD.encode([nonce.as_slice(), &sealed].concat())))
    }

    pub fn open(&self, sealed: &str) -> Result<String, SealError> {
        let bytes = sealed.strip_prefix(PREFIX).and_then(|b| STANDARD.decode(b).ok()).ok_or(SealError::Unreadable)?;
        let (nonce, body) = bytes.split_at_checked(12).ok_or(SealError::Unreadable)?;
        let nonce: [u8; 12] = nonce.try_into().map_err(|_| SealError::Unreadable)?;
        let plain = self.cipher.decrypt(&Nonce::from(nonce), body).map_err(|_| SealError::Unreadable)?;
        String::from_utf8(plain).map_err(|_| SealError::Unreadable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_their_key() {
        let sealer = Sealer::from_base64(&Sealer::generate_key().expect("key")).expect("sealer");
        let sealed = sealer.seal("https://hooks.slack.com/services/T/B/x").expect("seal");
        assert!(!sealed.contains("hooks.slack.com"));
        assert_ne!(
            sealed,
            sealer.seal("https://hooks.slack.com/services/T/B/x").expect("seal"),
            "fresh nonce each time"
        );
        assert_eq!(sealer.open(&sealed).expect("open"), "https://hooks.slack.com/services/T/B/x");
        let other = Sealer::from_base64(&Sealer::generate_key().expect("key")).expect("sealer");
        assert!(other.open(&sealed).is_err());
        assert!(Sealer::from_base64("c2hvcnQ=").is_err());
    }
}
