//! Outbound webhooks per the Standard Webhooks spec
//! (<https://www.standardwebhooks.com>), so receivers can verify them with
//! any of its libraries: a JSON body `{type, timestamp, data}` and the
//! `webhook-id`, `webhook-timestamp` and `webhook-signature` headers.

use base64::Engine;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use super::{REDACTED, deliver};
use crate::hmac::hmac_sha256;
use crate::notify::outbound::{Hosts, Outbound};
use crate::notify::{Notice, Receipt, SendError};

const SECRET_PREFIX: &str = "whsec_";

/// The spec allows 24 to 64 key bytes.
const SECRET_BYTES: usize = 24;

/// Secrets pasted from elsewhere may lack base64 padding; the reference
/// libraries accept both.
const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEndpoint {
    pub url: String,
    /// `whsec_` + base64 of the key bytes.
    pub secret: String,
    /// The secret being rotated out, still signed with until the time, so
    /// receivers can switch to the new one without dropping deliveries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_secret: Option<(String, DateTime<Utc>)>,
}

impl std::fmt::Debug for WebhookEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookEndpoint")
            .field("url", &self.url)
            .field("secret", &REDACTED)
            .field("previous_secret", &self.previous_secret.as_ref().map(|(_, until)| (REDACTED, until)))
            .finish()
    }
}

impl WebhookEndpoint {
    /// The secrets to sign with at `now`: the current one, and the previous
    /// one while it is still valid.
    pub fn signing_secrets(&self, now: DateTime<Utc>) -> Vec<&str> {
        let previous = self.previous_secret.as_ref().filter(|(_, until)| now < *until).map(|(s, _)| s.as_str());
        std::iter::once(self.secret.as_str()).chain(previous).collect()
    }
}

/// A secret that is not `whsec_` + base64 of at least one byte.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("webhook secret is not whsec_ followed by base64")]
pub struct InvalidSecret;

/// A new secret: `whsec_` + base64 of 24 random bytes.
pub fn new_secret() -> Result<String, getrandom::Error> {
    let mut key = [0u8; SECRET_BYTES];
    getrandom::fill(&mut key)?;
    Ok(format!("{SECRET_PREFIX}{}", STANDARD.encode(key)))
}

/// The `webhook-signature` header: `v1,<base64 HMAC-SHA256>` of
/// `{msg_id}.{timestamp}.{body}` for each secret, space-separated.
pub fn sign(secrets: &[&str], msg_id: &str, timestamp: i64, body: &str) -> Result<String, InvalidSecret> {
    let content = format!("{msg_id}.{timestamp}.{body}");
    let signatures = secrets
        .iter()
        .map(|secret| Ok(format!("v1,{}", STANDARD.encode(hmac_sha256(&key(secret)?, content.as_bytes())))))
        .collect::<Result<Vec<_>, InvalidSecret>>()?;
    Ok(signatures.join(" "))
}

fn key(secret: &str) -> Result<Vec<u8>, InvalidSecret> {
    let encoded = secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret);
    LENIENT_BASE64.decode(encoded).ok().filter(|key| !key.is_empty()).ok_or(InvalidSecret)
}

/// Delivers the notice as `incident.<kind>`. `msg_id` must be the same for
/// every attempt at one delivery, so receivers can drop duplicates; the
/// timestamp and signature are fresh each attempt, as receivers refuse
/// stale timestamps (`now` is the attempt's time).
pub async fn send(
    http: &Outbound,
    endpoint: &WebhookEndpoint,
    notice: &Notice,
    msg_id: &str,
    now: DateTime<Utc>,
) -> Result<Receipt, SendError> {
    let body = serde_json::json!({
        "type": format!("incident.{}", notice.kind),
        "timestamp": notice.occurred_at.to_rfc3339_opts(SecondsFormat::Millis, true),
        "data": notice,
    })
    .to_string();
    let signature = sign(&endpoint.signing_secrets(now), msg_id, now.timestamp(), &body)
        .map_err(|e| SendError::Permanent { status_code: None, detail: e.to_string() })?;
    let request = http
        .post(&endpoint.url, Hosts::Any)?
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("webhook-id", msg_id)
        .header("webhook-timestamp", now.timestamp().to_string())
        .header("webhook-signature", signature)
        .body(body);
    deliver(request).await
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    /// The example in the Standard Webhooks spec's reference tests.
    #[test]
    fn signature_matches_the_specs_example() {
        let signature = sign(
            &["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            r#"{"test": 2432232314}"#,
        );
        assert_eq!(signature, Ok("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=".to_owned()));
    }

    #[test]
    fn each_secret_adds_one_signature() {
        let (a, b) = (new_secret().expect("secret"), new_secret().expect("secret"));
        let both = sign(&[&a, &b], "msg_1", 1, "{}").expect("sign");
        let parts: Vec<&str> = both.split(' ').collect();
        assert_eq!(parts.len(), 2);
        assert_eq!(Ok(parts[0].to_owned()), sign(&[&a], "msg_1", 1, "{}"));
        assert_eq!(Ok(parts[1].to_owned()), sign(&[&b], "msg_1", 1, "{}"));
    }

    #[test]
    fn new_secrets_are_24_random_bytes() {
        let secret = new_secret().expect("secret");
        assert_eq!(key(&secret).map(|k| k.len()), Ok(SECRET_BYTES));
        assert_ne!(secret, new_secret().expect("secret"));
    }

    #[test]
    fn malformed_secrets_are_refused() {
        assert_eq!(sign(&["whsec_not base64!"], "msg_1", 1, "{}"), Err(InvalidSecret));
        assert_eq!(sign(&["whsec_"], "msg_1", 1, "{}"), Err(InvalidSecret));
    }

    #[test]
    fn the_previous_secret_signs_only_until_it_expires() {
        let now = Utc::now();
        let endpoint = WebhookEndpoint {
            url: "https://example.com/hook".into(),
            secret: "whsec_new".into(),
            previous_secret: Some(("whsec_old".into(), now + Duration::hours(1))),
        };
        assert_eq!(endpoint.signing_secrets(now), ["whsec_new", "whsec_old"]);
        assert_eq!(endpoint.signing_secrets(now + Duration::hours(2)), ["whsec_new"]);
    }

    #[test]
    fn debug_output_hides_the_secrets() {
        let endpoint = WebhookEndpoint {
            url: "https://example.com/hook".into(),
            secret: "whsec_c2VjcmV0".into(),
            previous_secret: Some(("whsec_b2xk".into(), Utc::now())),
        };
        let debug = format!("{endpoint:?}");
        assert!(!debug.contains("whsec_"), "{debug}");
    }
}
