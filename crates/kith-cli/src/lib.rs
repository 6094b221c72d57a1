//! The `kith` command line: argument parsing and dispatch to one module per command.
//! The root package's `src/bin/kith.rs` calls [`main`]; everything else lives here.

mod agenda;
mod args;
mod check;
mod choose;
mod discover;
mod export;
mod fmt;
mod import;
mod key_people;
mod log;
mod network;
mod output;
mod promote;
mod report;
mod rules;
mod status;
mod suggest;
mod today;
mod write;

use args::{Cli, Command};
use clap::Parser;

/// Runs the command line on the process's arguments and returns the exit code:
/// 0 no errors, 1 errors (or warnings under `--strict`), 2 usage or input errors.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version are "errors" to clap too; it knows their exit code (0).
            let _ = error.print();
            return error.exit_code();
        }
    };
    let outcome = match cli.command {
        Command::Check(arguments) => check::run(&arguments),
        Command::Rules(arguments) => rules::run(&arguments),
        Command::Fmt(arguments) => fmt::run(&arguments),
        Command::Agenda(arguments) => agenda::run(&arguments),
        Command::Report(arguments) => report::run(&arguments),
        Command::Import(arguments) => import::run(&arguments),
        Command::Export(arguments) => export::run(&arguments),
        Command::Log(arguments) => log::run(&arguments),
        Command::Suggest(arguments) => suggest::run(&arguments),
        Command::Promote(arguments) => promote::run_promote(&arguments),
        Command::Demote(arguments) => promote::run_demote(&arguments),
        Command::Choose(arguments) => choose::run(&arguments),
    };
    status::finish(outcome).code()
}
