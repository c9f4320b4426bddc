//! Notification state: channel settings (sealed by the caller), webhook
//! endpoints and members' contact rules (`channels`); running escalations
//! (`escalations`); and deliveries with their attempts (`deliveries`).
//!
//! Deliveries have deterministic ids, so recording one twice (a redelivered
//! queue message) finds the first; escalations and due deliveries are
//! claimed under a lease, so concurrent sweeps never take the same row.

mod channels;
mod deliveries;
mod escalations;

pub use channels::{ContactRecord, WebhookEndpointRecord};
pub use deliveries::{AttemptOutcome, AttemptRecord, DeliveryRecord, DeliveryStatus, NewDelivery};
pub use escalations::EscalationRecord;
