//! Domain types and services: no HTTP, no SQL.

pub mod accounts;
pub mod org;
