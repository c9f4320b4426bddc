//! Domain types and rules: no HTTP, no SQL.

pub mod accounts;
pub mod audit;
pub mod billing;
pub mod escalation;
pub mod histogram;
pub mod incidents;
mod keyed;
pub mod oncall;
pub mod org;
pub mod permissions;
pub mod rollup;

pub(crate) use keyed::keyed_enum;
