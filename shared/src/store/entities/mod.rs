//! SeaORM entities. Private to the store: outside it, tenant tables are
//! reachable only through [`OrgStore`](super::OrgStore).

pub(super) mod membership;
pub(super) mod org;
pub(super) mod session;
pub(super) mod user;
