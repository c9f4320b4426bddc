//! The notification worker: SQS messages (events, escalation steps,
//! delivery retries) and the sweep's schedule. Everything is in the shared crate.

fn main() -> std::process::ExitCode {
    simplicity_shared::runner::start_worker()
}
