//! One sender per channel: a plain async function of the channel's settings
//! (stored per organisation as JSON) and the notice. Senders make exactly one
//! request and classify the answer; retrying is the delivery worker's job.

pub mod pagerduty;
pub mod slack;
pub mod sms;
pub mod webhook;

use std::time::Duration;

use super::{Receipt, SendError};

/// Bounds one attempt, so a stalled receiver costs a retry rather than a
/// worker.
const TIMEOUT: Duration = Duration::from_secs(10);

/// How much of a receiver's answer the delivery log keeps.
const DETAIL_CHARS: usize = 300;

/// How much of a receiver's answer is read at all; the rest is not waited
/// for (the connection is dropped), so a receiver streaming without end
/// costs the worker a few kilobytes, not its memory.
pub const REPLY_BYTES: usize = 4 * 1024;

/// Shown in place of secrets when settings are logged.
const REDACTED: &str = "[redacted]";

/// Sends `request` once: a 2xx is a [`Receipt`], anything else a
/// [`SendError`] that says whether trying again can help.
async fn deliver(request: reqwest::RequestBuilder) -> Result<Receipt, SendError> {
    let response = request.timeout(TIMEOUT).send().await.map_err(SendError::from_transport)?;
    let status = response.status().as_u16();
    // The status is the answer; a body that fails to arrive only costs the
    // log its detail, and must not turn an accepted send into a retry.
    let body = reply_prefix(response).await;
    let body = body.trim();
    if response_is_success(status) {
        Ok(Receipt { status_code: Some(status), detail: shorten(body, DETAIL_CHARS, |_| 1, "…") })
    } else {
        Err(SendError::from_status(status, body))
    }
}

/// The first [`REPLY_BYTES`] of `response`'s body, as text.
async fn reply_prefix(mut response: reqwest::Response) -> String {
    let mut prefix = Vec::with_capacity(REPLY_BYTES);
    while prefix.len() < REPLY_BYTES {
        let Ok(Some(chunk)) = response.chunk().await else {
            break;
        };
        let room = REPLY_BYTES - prefix.len();
        prefix.extend_from_slice(&chunk[..chunk.len().min(room)]);
    }
    String::from_utf8_lossy(&prefix).into_owned()
}

fn response_is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// The vendor's API root: the configured one (a regional host, or a
/// stand-in in tests) or the default, without a trailing slash.
fn api_base<'a>(configured: Option<&'a str>, default: &'a str) -> &'a str {
    configured.map(str::trim).filter(|base| !base.is_empty()).unwrap_or(default).trim_end_matches('/')
}

/// `text` cut to at most `budget` units as counted by `cost`, ending in
/// `ellipsis` when cut. Units differ per channel: characters for
/// PagerDuty's summary, septets or UTF-16 units for an SMS segment.
fn shorten(text: &str, budget: usize, cost: impl Fn(char) -> usize, ellipsis: &str) -> String {
    let total: usize = text.chars().map(&cost).sum();
    if total <= budget {
        return text.to_owned();
    }
    let ellipsis_cost: usize = ellipsis.chars().map(&cost).sum();
    let Some(room) = budget.checked_sub(ellipsis_cost) else {
        return String::new();
    };
    let mut used = 0;
    let kept: String = text
        .chars()
        .take_while(|&c| {
            used += cost(c);
            used <= room
        })
        .collect();
    format!("{}{ellipsis}", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_keeps_short_text_and_cuts_long_text_within_budget() {
        assert_eq!(shorten("short", 10, |_| 1, "…"), "short");
        assert_eq!(shorten("exactly ten", 11, |_| 1, "…"), "exactly ten");
        assert_eq!(shorten("a long title here", 8, |_| 1, "…"), "a long…");
        assert_eq!(shorten("abcdef", 5, |_| 2, "."), "a.");
        assert_eq!(shorten("abcdef", 0, |_| 1, "..."), "");
    }

    #[test]
    fn api_base_defaults_and_drops_trailing_slash() {
        assert_eq!(api_base(None, "https://api.example.com"), "https://api.example.com");
        assert_eq!(api_base(Some(" "), "https://api.example.com"), "https://api.example.com");
        assert_eq!(api_base(Some("http://127.0.0.1:9/"), "https://x"), "http://127.0.0.1:9");
    }
}
