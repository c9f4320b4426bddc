//! `simplicity`: the local server and operator commands.

fn main() -> std::process::ExitCode {
    simplicity_shared::cli::main()
}
