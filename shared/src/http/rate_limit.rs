//! Brute-force protection: fixed-window limits counted in the store, so all
//! processes and function instances share them.

use super::AppState;
use crate::error::{Error, Result};

pub struct Limit {
    name: &'static str,
    max: u32,
    window_secs: i64,
}

pub const SIGN_IN_PER_ACCOUNT: Limit = Limit { name: "sign-in:account", max: 10, window_secs: 15 * 60 };
pub const SIGN_IN_PER_IP: Limit = Limit { name: "sign-in:ip", max: 50, window_secs: 15 * 60 };
pub const RESET_PER_ACCOUNT: Limit = Limit { name: "reset:account", max: 5, window_secs: 60 * 60 };
pub const RESET_PER_IP: Limit = Limit { name: "reset:ip", max: 20, window_secs: 60 * 60 };
/// Redeeming reset links: guessing them is what this bounds.
pub const SET_PASSWORD_PER_IP: Limit = Limit { name: "set-password:ip", max: 20, window_secs: 60 * 60 };
pub const SIGN_UP_PER_IP: Limit = Limit { name: "sign-up:ip", max: 50, window_secs: 60 * 60 };
pub const VERIFY_PER_ACCOUNT: Limit = Limit { name: "verify:account", max: 5, window_secs: 60 * 60 };

/// Counts an attempt against `limit` for `key`; past the limit, a 429 that
/// says when the window ends.
pub async fn check(state: &AppState, limit: &Limit, key: &str) -> Result<()> {
    let window = Window::now(state, limit, key);
    let hits = count_in(state, &window).await?;
    window.refuse_past(hits)
}

/// Refuses (429) once `limit` is spent for `key`, without counting this
/// attempt: for limits that count failures only ([`count`] them).
pub async fn refuse_if_spent(state: &AppState, limit: &Limit, key: &str) -> Result<()> {
    let window = Window::now(state, limit, key);
    let hits = state.store.rate_limit_hits(&window.bucket, window.start).await?;
    window.refuse_past(hits + 1)
}

/// Counts a failure against `limit` for `key`.
pub async fn count(state: &AppState, limit: &Limit, key: &str) -> Result<()> {
    count_in(state, &Window::now(state, limit, key)).await.map(drop)
}

/// The window of `limit` for `key` that `now` falls in.
struct Window<'l> {
    limit: &'l Limit,
    bucket: String,
    start: i64,
    now: i64,
}

impl<'l> Window<'l> {
    fn now(state: &AppState, limit: &'l Limit, key: &str) -> Self {
        let now = state.store.now().timestamp();
        Self {
            limit,
            bucket: format!("{}:{}", limit.name, bucket_key(key)),
            start: now - now.rem_euclid(limit.window_secs),
            now,
        }
    }

    fn refuse_past(&self, hits: u32) -> Result<()> {
        if hits > self.limit.max {
            let retry_after_secs = u64::try_from(self.start + self.limit.window_secs - self.now).unwrap_or(1).max(1);
            return Err(Error::TooManyRequests { retry_after_secs });
        }
        Ok(())
    }
}

async fn count_in(state: &AppState, window: &Window<'_>) -> Result<u32> {
    let hits = state.store.hit_rate_limit(&window.bucket, window.start).await?;
    if hits == 1 {
        // First hit of a window: forget windows that have ended.
        state.store.prune_rate_limits(window.limit.name, window.start - window.limit.window_secs).await?;
    }
    Ok(hits)
}

/// What a limit counts by: an IPv6 client by its /64 (one subscriber's
/// prefix: the rest of the address is theirs to vary), anything else as it is.
fn bucket_key(key: &str) -> String {
    match key.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(address)) if address.to_ipv4_mapped().is_none() => {
            let [a, b, c, d, ..] = address.segments();
            format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
        }
        _ => key.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::bucket_key;

    #[test]
    fn ipv6_clients_are_counted_by_their_64_prefix() {
        assert_eq!(bucket_key("2001:db8:1:2:aaaa::1"), bucket_key("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assert_ne!(bucket_key("2001:db8:1:2::1"), bucket_key("2001:db8:1:3::1"));
        assert_eq!(bucket_key("203.0.113.7"), "203.0.113.7");
        assert_eq!(bucket_key("::ffff:203.0.113.7"), "::ffff:203.0.113.7");
        assert_eq!(bucket_key("someone@example.com"), "someone@example.com");
    }
}
