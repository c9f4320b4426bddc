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
    let now = state.store.now().timestamp();
    let window_start = now - now.rem_euclid(limit.window_secs);
    let hits = state.store.hit_rate_limit(&format!("{}:{key}", limit.name), window_start).await?;
    if hits == 1 {
        // First hit of a window: forget windows that have ended.
        state.store.prune_rate_limits(limit.name, window_start - limit.window_secs).await?;
    }
    if hits > limit.max {
        let retry_after_secs = u64::try_from(window_start + limit.window_secs - now).unwrap_or(1).max(1);
        return Err(Error::TooManyRequests { retry_after_secs });
    }
    Ok(())
}
