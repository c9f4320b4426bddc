//! Background work: each job's core is a plain function that tests call
//! directly and that local mode, cron endpoints and workers all run.

pub mod relay;
pub mod sweep;
