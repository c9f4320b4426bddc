//! Notifications: what an incident event tells people, and the channels that
//! carry it (email, SMS, Slack, PagerDuty, signed webhooks). Each channel is
//! a function of the notice and the channel's settings; the delivery worker
//! decides who gets what, records every attempt and retries.

pub mod channels;
pub mod outbound;
pub mod queue;
pub mod worker;

pub use crate::domain::notify::{Channel, Notice, NoticeKind};

/// Opens a channel's sealed settings: `Err` says why they cannot be used.
pub fn open_settings<T: serde::de::DeserializeOwned>(
    sealer: Option<&crate::secrets::Sealer>,
    sealed: &str,
    channel: Channel,
) -> Result<T, String> {
    let sealer = sealer.ok_or("SECRETS_KEY is not configured")?;
    let plain = sealer.open(sealed).map_err(|e| e.to_string())?;
    serde_json::from_str(&plain).map_err(|e| format!("{channel} settings unreadable: {e}"))
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
