//! Background and system work: the outbox relay, the sweep and verified
//! Stripe events. Each job's core is a plain function that tests call
//! directly and that local mode, cron endpoints and workers all run.

pub mod relay;
pub mod stripe_events;
pub mod sweep;
