//! Brute-force protection: sliding-window limits counted in the store, so
//! all processes and function instances share them.
//!
//! A window's count is the current fixed window's hits plus the previous
//! window's, weighted by how much of the sliding window still overlaps it
//! (the usual sliding-window counter). A fixed window alone would forget
//! every hit at its boundary, letting a guesser spend twice the limit
//! across it.

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
/// Invitations (and resends) sent by one person, and to one organisation.
pub const INVITES_PER_SENDER: Limit = Limit { name: "invites:sender", max: 50, window_secs: 60 * 60 };
pub const INVITES_PER_ORG: Limit = Limit { name: "invites:org", max: 200, window_secs: 24 * 60 * 60 };
pub const VERIFY_PER_ACCOUNT: Limit = Limit { name: "verify:account", max: 5, window_secs: 60 * 60 };

/// Counts an attempt against `limit` for `key`; past the limit, a 429 that
/// says when to try again.
pub async fn check(state: &AppState, limit: &Limit, key: &str) -> Result<()> {
    let window = Window::now(state, limit, key);
    count_in(state, &window).await?;
    let (current, previous) = window.hits(state).await?;
    window.refuse_past(current, previous)
}

/// Refuses (429) once `limit` is spent for `key`, without counting this
/// attempt: for limits that count failures only ([`count`] them).
pub async fn refuse_if_spent(state: &AppState, limit: &Limit, key: &str) -> Result<()> {
    let window = Window::now(state, limit, key);
    let (current, previous) = window.hits(state).await?;
    window.refuse_past(current + 1, previous)
}

/// Counts a failure against `limit` for `key`.
pub async fn count(state: &AppState, limit: &Limit, key: &str) -> Result<()> {
    count_in(state, &Window::now(state, limit, key)).await
}

/// The fixed window of `limit` for `key` that `now` falls in.
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

    async fn hits(&self, state: &AppState) -> Result<(u32, u32)> {
        Ok(state.store.rate_limit_hits(&self.bucket, self.start, self.limit.window_secs).await?)
    }

    /// Refuses when `current` hits in this window and `previous` in the one
    /// before, weighted by its overlap with the sliding window, pass the limit.
    fn refuse_past(&self, current: u32, previous: u32) -> Result<()> {
        match self.wait_secs(i64::from(current), i64::from(previous)) {
            0 => Ok(()),
            retry_after_secs => Err(Error::TooManyRequests { retry_after_secs }),
        }
    }

    /// Seconds until the count is back within the limit; 0 when it is now.
    /// In whole hit-seconds: hits × seconds of the window they weigh in.
    fn wait_secs(&self, current: i64, previous: i64) -> u64 {
        let (width, max) = (self.limit.window_secs, i64::from(self.limit.max));
        let elapsed = self.now - self.start;
        if current * width + previous * (width - elapsed) <= max * width {
            return 0;
        }
        let wait = if current > max {
            // Not before this window ends (and then only as it slides on).
            self.start + width - self.now
        } else {
            // When the previous window's weight has fallen far enough:
            // previous × (width − e) ≤ (max − current) × width.
            let free_at = width - ((max - current) * width).div_euclid(previous.max(1));
            free_at - elapsed
        };
        u64::try_from(wait).unwrap_or(0).max(1)
    }
}

async fn count_in(state: &AppState, window: &Window<'_>) -> Result<()> {
    let hits = state.store.hit_rate_limit(&window.bucket, window.start).await?;
    if hits == 1 {
        // First hit of a window: forget windows that no longer weigh in.
        state.store.prune_rate_limits(window.limit.name, window.start - window.limit.window_secs).await?;
    }
    Ok(())
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
    use super::{Limit, Window, bucket_key};

    const TEN_A_MINUTE: Limit = Limit { name: "test", max: 10, window_secs: 60 };

    fn at(elapsed: i64) -> Window<'static> {
        Window { limit: &TEN_A_MINUTE, bucket: "test:key".into(), start: 600, now: 600 + elapsed }
    }

    #[test]
    fn a_window_boundary_does_not_forget_the_hits_before_it() {
        // Ten hits just before the boundary still weigh nearly fully after it.
        assert_eq!(at(0).wait_secs(0, 10), 0, "at the limit, not past it");
        assert!(at(1).wait_secs(1, 10) > 0, "an eleventh hit a second later is refused");
        // Half the previous window has slid out: 5 of its 10 hits weigh in.
        assert_eq!(at(30).wait_secs(5, 10), 0);
        assert_eq!(at(30).wait_secs(6, 10), 6, "free once the previous window weighs 4 hits: at 36 s");
        // Past the limit within this window alone: not before it ends.
        assert_eq!(at(20).wait_secs(11, 0), 40);
        assert_eq!(at(59).wait_secs(11, 0), 1);
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_prefix() {
        assert_eq!(bucket_key("2001:db8:1:2:aaaa::1"), bucket_key("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assert_ne!(bucket_key("2001:db8:1:2::1"), bucket_key("2001:db8:1:3::1"));
        assert_eq!(bucket_key("203.0.113.7"), "203.0.113.7");
        assert_eq!(bucket_key("::ffff:203.0.113.7"), "::ffff:203.0.113.7");
        assert_eq!(bucket_key("someone@example.com"), "someone@example.com");
    }
}
