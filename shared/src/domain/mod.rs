//! Domain types and rules: no HTTP, no SQL.

pub mod accounts;
pub mod approvals;
pub mod assets;
pub mod audit;
pub mod billing;
pub mod catalog;
pub mod changes;
pub mod escalation;
pub mod events;
pub mod histogram;
pub mod incidents;
mod keyed;
pub mod knowledge;
pub mod lifecycle;
pub mod notify;
pub mod oncall;
pub mod org;
pub mod permissions;
pub mod postmortem;
pub mod problems;
pub mod records;
pub mod requests;
pub mod rollup;
pub mod schema;
pub mod sla;
pub mod teams;
pub mod text;

pub(crate) use keyed::keyed_enum;
