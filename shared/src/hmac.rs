//! HMAC-SHA256, the keyed hash behind every signature we make or check:
//! outbound webhooks (Standard Webhooks), Pusher's signed requests and
//! Stripe's webhook signatures.

use ::hmac::digest::common::Key;
use ::hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// The HMAC-SHA256 tag of `message` under `key` (of any length).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    keyed(key).chain_update(message).finalize().into_bytes().into()
}

/// Whether two tags are equal, in constant time, so a forger learns nothing
/// from how long a refusal takes.
pub fn tags_equal(a: &[u8; 32], b: &[u8; 32]) -> bool {
    a.iter().zip(b).fold(0u8, |differ, (x, y)| differ | (x ^ y)) == 0
}

/// The MAC keyed with `key`. HMAC takes keys of any length: it hashes one
/// longer than the hash's block, then pads it with zeros to the block
/// (RFC 2104 §2). Doing that here hands `KeyInit::new` a block-sized key,
/// which it cannot refuse, where `new_from_slice` has an error case that
/// cannot happen.
fn keyed(key: &[u8]) -> HmacSha256 {
    let mut block = Key::<HmacSha256>::default();
    let hashed;
    let key = if key.len() > block.len() {
        hashed = Sha256::digest(key);
        hashed.as_slice()
    } else {
        key
    };
    block[..key.len()].copy_from_slice(key);
    HmacSha256::new(&block)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231's test cases 1, 2 and 6 (a key longer than the block), and
    /// a key of exactly one block.
    #[test]
    fn tags_match_the_rfc_4231_vectors_for_every_key_length() {
        let cases: [(&[u8], &[u8], &str); 4] = [
            (&[0x0b; 20], b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (
                b"Jefe",
                b"what do ya want for nothing?",
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (&[0xaa; 64], b"exactly one block", "5b87dae58ee4b7b43b98ee08d3d044b8762c3ea166aff96a2b2298de9f34a8ea"),
        ];
        for (key, message, expected) in cases {
            assert_eq!(hex::encode(hmac_sha256(key, message)), expected, "{} key bytes", key.len());
        }
    }

    #[test]
    fn only_the_exact_tag_matches() {
        let tag = hmac_sha256(b"key", b"message");
        assert!(tags_equal(&tag, &hmac_sha256(b"key", b"message")));
        assert!(!tags_equal(&tag, &hmac_sha256(b"other key", b"message")));
        assert!(!tags_equal(&tag, &hmac_sha256(b"key", b"message!")));
        let mut last_bit = tag;
        last_bit[31] ^= 1;
        assert!(!tags_equal(&tag, &last_bit));
    }
}
