//! Notifications: what an incident event tells people, and the channels that
//! carry it (email, SMS, Slack, PagerDuty, signed webhooks). Each channel is
//! a function of the notice and the channel's settings; the delivery worker
//! decides who gets what, records every attempt and retries.

pub mod channels;
pub mod outbound;
pub mod queue;
pub mod worker;

pub use crate::domain::notify::{Channel, Notice, NoticeKind};

use crate::ids::OrgId;
use crate::secrets::{SealError, SealedFor, Sealer};
use crate::store::{OrgStore, StoreError, WebhookEndpointRecord};

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
    #[error("the settings could not be read or sealed again")]
    Store(#[from] StoreError),
}

/// Where a channel's settings (or a webhook's secrets) belong, for sealing.
pub fn sealed_for(org_id: OrgId, channel: Channel) -> SealedFor<'static> {
    SealedFor { org_id, purpose: channel.key() }
}

/// Opens a stored value of `channel`'s; one the sealer reports stale (the
/// previous key's, or sealed before values were bound to their place) is
/// sealed again under the current key, replacing it unless it changed
/// meanwhile.
async fn open_and_refresh(
    sealer: &Sealer,
    scope: &OrgStore<'_>,
    channel: Channel,
    sealed: &str,
    replace: impl AsyncFnOnce(&str, String) -> Result<(), StoreError>,
) -> Result<String, SettingsError> {
    let place = sealed_for(scope.org_id(), channel);
    let opened = sealer.open(sealed, &place)?;
    if opened.stale {
        replace(sealed, sealer.seal(&opened.plain, &place)?).await?;
    }
    Ok(opened.plain)
}

/// Opens a channel's sealed settings; `None` when it is not configured.
pub async fn open_settings<T: serde::de::DeserializeOwned>(
    sealer: Option<&Sealer>,
    scope: &OrgStore<'_>,
    channel: Channel,
) -> Result<Option<T>, SettingsError> {
    let sealer = sealer.ok_or(SettingsError::NoSealer)?;
    let Some(sealed) = scope.channel_setting(channel.key()).await? else { return Ok(None) };
    let replace = async |old: &str, new: String| scope.reseal_channel_settings(channel.key(), old, new).await;
    let plain = open_and_refresh(sealer, scope, channel, &sealed, replace).await?;
    serde_json::from_str(&plain).map(Some).map_err(|source| SettingsError::Unreadable { channel, source })
}

/// A webhook endpoint's signing secret and, during a rotation's grace, the
/// previous one.
pub async fn open_webhook_secrets(
    sealer: Option<&Sealer>,
    scope: &OrgStore<'_>,
    endpoint: &WebhookEndpointRecord,
) -> Result<(String, Option<String>), SettingsError> {
    let sealer = sealer.ok_or(SettingsError::NoSealer)?;
    let reseal = async |old: &str, new: String| scope.reseal_webhook_secret(endpoint.id, old, new).await;
    let current = open_and_refresh(sealer, scope, Channel::Webhook, &endpoint.secret_sealed, reseal).await?;
    let previous = match &endpoint.previous_secret_sealed {
        Some(sealed) => Some(open_and_refresh(sealer, scope, Channel::Webhook, sealed, reseal).await?),
        None => None,
    };
    Ok((current, previous))
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
    use crate::domain::audit::AuditMeta;
    use crate::store::test_support::{Backend, org_with_owner, test_store};

    #[tokio::test]
    async fn unusable_settings_say_why_in_the_delivery_logs_words() {
        let (store, _db) = test_store(Backend::Sqlite).await;
        let (access, _) = org_with_owner(&store).await;
        let scope = store.org_store(&access);
        let sealer = Sealer::from_base64(&Sealer::generate_key().expect("key")).expect("sealer");
        let meta = AuditMeta::system("test");
        let place = sealed_for(access.org().id, Channel::Slack);
        let why = async |sealer: Option<&Sealer>, sealed: &str| {
            scope.put_channel_settings("slack", sealed.to_owned(), &meta).await.expect("store");
            let error = open_settings::<serde_json::Value>(sealer, &scope, Channel::Slack).await.expect_err("unusable");
            crate::error::chain(&error)
        };
        assert_eq!(why(None, "sealed").await, "SECRETS_KEY is not configured");
        assert_eq!(
            why(Some(&sealer), "sealed").await,
            "a sealed value is damaged, was sealed with another key, or belongs elsewhere"
        );
        let elsewhere = sealer.seal("{}", &sealed_for(access.org().id, Channel::PagerDuty)).expect("seal");
        assert_eq!(
            why(Some(&sealer), &elsewhere).await,
            "a sealed value is damaged, was sealed with another key, or belongs elsewhere"
        );
        let not_json = sealer.seal("not json", &place).expect("seal");
        assert_eq!(why(Some(&sealer), &not_json).await, "slack settings unreadable: expected ident at line 1 column 2");
        let json = sealer.seal(r#"{"webhookUrl": "https://hooks.slack.com/x"}"#, &place).expect("seal");
        scope.put_channel_settings("slack", json, &meta).await.expect("store");
        assert!(
            open_settings::<serde_json::Value>(Some(&sealer), &scope, Channel::Slack).await.expect("open").is_some()
        );
    }

    /// After a key rotation a read opens the old key's value and stores it
    /// sealed under the new key, so the old key can be retired.
    #[tokio::test]
    async fn settings_sealed_under_the_previous_key_are_sealed_again_when_read() {
        let (store, _db) = test_store(Backend::Sqlite).await;
        let (access, _) = org_with_owner(&store).await;
        let scope = store.org_store(&access);
        let (old_key, new_key) = (Sealer::generate_key().expect("key"), Sealer::generate_key().expect("key"));
        let old = Sealer::from_base64(&old_key).expect("sealer");
        let place = sealed_for(access.org().id, Channel::Slack);
        let sealed = old.seal(r#"{"webhookUrl": "https://hooks.slack.com/x"}"#, &place).expect("seal");
        scope.put_channel_settings("slack", sealed.clone(), &AuditMeta::system("test")).await.expect("store");

        let rotated = Sealer::from_base64(&new_key).expect("sealer").with_previous_key(&old_key).expect("previous");
        let opened: serde_json::Value =
            open_settings(Some(&rotated), &scope, Channel::Slack).await.expect("open").expect("configured");
        assert_eq!(opened["webhookUrl"], "https://hooks.slack.com/x");
        let stored = scope.channel_setting("slack").await.expect("read").expect("configured");
        assert_ne!(stored, sealed, "sealed again");
        let new_only = Sealer::from_base64(&new_key).expect("sealer");
        assert!(!new_only.open(&stored, &place).expect("the new key alone opens it").stale);

        // A webhook's signing secret likewise.
        let webhook_place = sealed_for(access.org().id, Channel::Webhook);
        let secret = old.seal("whsec_old", &webhook_place).expect("seal");
        let meta = AuditMeta::system("test");
        let endpoint =
            scope.create_webhook_endpoint("https://example.com/hook", &[], secret, &meta).await.expect("create");
        let (opened, previous) = open_webhook_secrets(Some(&rotated), &scope, &endpoint).await.expect("open");
        assert_eq!((opened.as_str(), previous), ("whsec_old", None));
        let stored = scope.webhook_endpoint(endpoint.id).await.expect("read").expect("endpoint");
        assert_eq!(new_only.open(&stored.secret_sealed, &webhook_place).expect("open").plain, "whsec_old");
    }
}
