//! The HTTP side of the record kernel: paging, versions (`ETag` /
//! `If-Match`), idempotency keys, and the routes every record has.

pub mod paging;
pub mod records;
pub mod versioned;
