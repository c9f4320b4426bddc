//! Notifications: what an incident event tells people, and the channels that
//! carry it (email, SMS, Slack, PagerDuty, signed webhooks). Each channel is
//! a function of the notice and the channel's settings; the delivery worker
//! decides who gets what, records every attempt and retries.

pub mod channels;
pub mod outbound;
pub mod queue;
pub mod worker;

pub use crate::domain::notify::{Channel, Notice, NoticeKind};

use crate::secrets::{SealError, Sealer};

/// Why a channel's stored settings cannot be used; the delivery log shows
/// it whole (see [`crate::error::chain`]).
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("SECRETS_KEY is not configured")]
    NoSealer,
    /// In the sealer's own words: it already says what is wrong.
    #[error(transparent)]
    Unsealable(#[from] SealError),
    #[error("{channel} settings unreadable")]
    Unreadable {
        channel: Channel,
        #[source]
        source: serde_json::Error,
    },
}

/// Opens a channel's sealed settings.
pub fn open_settings<T: serde::de::DeserializeOwned>(
    sealer: Option<&Sealer>,
    sealed: &str,
    channel: Channel,
) -> Result<T, SettingsError> {
    let plain = sealer.ok_or(SettingsError::NoSealer)?.open(sealed)?;
    serde_json::from_str(&plain).map_err(|source| SettingsError::Unreadable { channel, source })
}

/// A channel's answer to one send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The receiver's HTTP status, where there is one.
    pub status_code: Option<u16>,
    /// What the receiver said (trimmed), for the delivery log.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later: network failure, timeout, 429, 5xx.
    #[error("temporary failure: {detail}")]
    Retryable { status_code: Option<u16>, detail: String },
    /// Trying again cannot help: the receiver refused the request (4xx), or
    /// the channel is not set up for this recipient.
    #[error("refused: {detail}")]
    Permanent { status_code: Option<u16>, detail: String },
}

impl SendError {
    /// Classifies an HTTP answer that was not a success.
    pub fn from_status(status: u16, body: &str) -> Self {
        let detail = format!("HTTP {status}: {}", body.chars().take(300).collect::<String>());
        if status == 429 || status >= 500 || status == 408 {
            Self::Retryable { status_code: Some(status), detail }
        } else {
            Self::Permanent { status_code: Some(status), detail }
        }
    }

    /// Classifies a request that got no answer. The URL is left out: a
    /// Slack webhook URL is itself a secret, and this text is logged.
    pub fn from_transport(error: reqwest::Error) -> Self {
        let error = error.without_url();
        let detail = crate::error::chain(&error);
        if crate::error::sources(&error).any(|source| source.is::<outbound::PrivateAddress>()) {
            Self::Permanent { status_code: None, detail }
        } else {
            Self::Retryable { status_code: None, detail }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusable_settings_say_why_in_the_delivery_logs_words() {
        let sealer = Sealer::from_base64(&Sealer::generate_key().expect("key")).expect("sealer");
        let why = |sealer, sealed: &str| {
            let error = open_settings::<serde_json::Value>(sealer, sealed, Channel::Slack).expect_err("unusable");
            crate::error::chain(&error)
        };
        assert_eq!(why(None, "sealed"), "SECRETS_KEY is not configured");
        assert_eq!(why(Some(&sealer), "sealed"), "a sealed value is damaged or was sealed with another key");
        let not_json = sealer.seal("not json").expect("seal");
        assert_eq!(why(Some(&sealer), &not_json), "slack settings unreadable: expected ident at line 1 column 2");
        let json = sealer.seal(r#"{"webhookUrl": "https://hooks.slack.com/x"}"#).expect("seal");
        assert!(open_settings::<serde_json::Value>(Some(&sealer), &json, Channel::Slack).is_ok());
    }
}
