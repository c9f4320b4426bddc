//! The store as the background and operator paths see it — the relay, the
//! sweep, the notification workers, verified Stripe events and the
//! operator's CLI: across organisations, or acting for one without a
//! member. Handlers never hold one: [`Store::system`] is crate-private, a
//! source scan keeps `http/` from calling it, and outside the crate it
//! cannot be named at all:
//!
//! ```compile_fail,E0624
//! # async fn f(store: simplicity_shared::store::Store) {
//! let system = store.system();
//! # }
//! ```

mod lease;
mod outbox;
mod retention;
mod timers;

#[cfg(test)]
mod tests;

pub use lease::Claimed;
pub(in crate::store) use lease::{lease_until, unclaimed};

use super::orgs::OrgAccess;
use super::{Store, StoreResult};
use crate::ids::OrgId;

pub struct SystemStore<'a> {
    store: &'a Store,
}

impl Store {
    /// The system's view of the store (see the module's note on who may use it).
    pub(crate) fn system(&self) -> SystemStore<'_> {
        SystemStore { store: self }
    }
}

impl SystemStore<'_> {
    /// The door for the system acting for an organisation (a verified Stripe
    /// event, a queue message): no member acts.
    pub async fn access(&self, org_id: OrgId) -> StoreResult<Option<OrgAccess>> {
        self.store.system_access(org_id).await
    }
}
