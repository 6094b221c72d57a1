//! How a command ended, as the process exit code, and the one way errors reach stderr.

use std::io::{self, Write};

/// The outcome of a command, mapped to the documented exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ExitStatus {
    /// No errors (0).
    Success,
    /// The files have errors, or warnings under `--strict` (1).
    Failure,
    /// A usage or input error: a bad path or value, an unreadable file (2).
    Error,
}

impl ExitStatus {
    pub(crate) fn code(self) -> i32 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        }
    }
}

/// Prints `error: {message}` on one line of stderr, `error` in red on a terminal.
/// A failing stderr is ignored: there is nowhere left to report it.
pub(crate) fn report_error(message: impl std::fmt::Display) {
    let style = anstyle::AnsiColor::Red.on_default().bold();
    let mut stderr = anstream::stderr().lock();
    let _ = writeln!(stderr, "{style}error{style:#}: {message}");
}

/// True when writing failed only because the reader went away (`kith check | head -1`),
/// which is no reason to complain.
pub(crate) fn is_closed_pipe(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::BrokenPipe
}
