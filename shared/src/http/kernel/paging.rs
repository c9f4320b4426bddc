//! One pager for every list: an opaque cursor (the last item's position,
//! whatever the list orders by), a bounded `limit`, and `Page<T>`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

use crate::error::{Error, Result};

/// The most items one page may hold.
pub const MAX_PAGE: u64 = 100;
/// A page's size when the client does not say.
pub const DEFAULT_PAGE: u64 = 25;

/// A list's page: its items, and where the next page starts.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Page<T: ToSchema> {
    pub data: Vec<T>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

impl<T: ToSchema> Page<T> {
    pub fn new<P: Serialize>(data: Vec<T>, next: Option<P>) -> Self {
        Self { data, next_cursor: next.as_ref().map(encode) }
    }
}

/// A position as the client carries it: opaque, URL-safe.
pub fn encode<P: Serialize>(position: &P) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(position).unwrap_or_default())
}

/// The position a cursor from [`encode`] stands for; a 422 naming `cursor` otherwise.
pub fn decode<P: DeserializeOwned>(cursor: &str) -> Result<P> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| Error::field("cursor", "is not a cursor from this API"))
}

/// A page's size: `limit`, 1 to [`MAX_PAGE`], else [`DEFAULT_PAGE`].
pub fn limit(limit: Option<u64>) -> Result<u64> {
    let limit = limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(Error::field("limit", format!("must be between 1 and {MAX_PAGE}")));
    }
    Ok(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let position = (2, 41_i64);
        assert_eq!(decode::<(i32, i64)>(&encode(&position)).expect("decodes"), position);
        assert!(decode::<(i32, i64)>("garbage").is_err());
        assert!(decode::<(i32, i64)>(&URL_SAFE_NO_PAD.encode("x.inc_1")).is_err());
        assert!(decode::<(i32, i64)>(&encode(&"text")).is_err(), "another list's cursor");
    }

    #[test]
    fn limits_are_bounded() {
        assert_eq!(limit(None).expect("default"), DEFAULT_PAGE);
        assert_eq!(limit(Some(100)).expect("max"), 100);
        assert!(limit(Some(0)).is_err() && limit(Some(101)).is_err());
    }
}
