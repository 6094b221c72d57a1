//! How a command ended: the process exit code, the one error type of commands, the words
//! for an I/O failure, and the one way errors reach stderr.

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

/// Why a command stopped early: the one line it reports on stderr (`error: …`), and the
/// exit status it ends with (2: a usage or input error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CommandError {
    message: String,
    status: ExitStatus,
}

impl From<String> for CommandError {
    fn from(message: String) -> Self {
        Self { message, status: ExitStatus::Error }
    }
}

/// What every command returns: how it ended, or why it stopped.
pub(crate) type Outcome = Result<ExitStatus, CommandError>;

/// The exit status of a command's outcome, reporting its error if it stopped.
pub(crate) fn finish(outcome: Outcome) -> ExitStatus {
    match outcome {
        Ok(status) => status,
        Err(CommandError { message, status }) => {
            report_error(message);
            status
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

/// An I/O error's reason in words, without the `(os error N)` suffix.
pub(crate) fn io_reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "it is a folder".to_string(),
        _ => error.to_string(),
    }
}

/// A write to standard output, as a command sees it: a reader that went away
/// (`kith check | head -1`) is no failure; anything else is "cannot write the output".
pub(crate) fn output_written(result: io::Result<()>) -> Result<(), String> {
    match result {
        Err(error) if !is_closed_pipe(&error) => Err(format!("cannot write the output: {}", io_reason(&error))),
        _ => Ok(()),
    }
}

/// True when writing failed only because the reader went away (`kith check | head -1`),
/// which is no reason to complain.
pub(crate) fn is_closed_pipe(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::BrokenPipe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_error_ends_with_exit_2_and_success_passes_through() {
        assert_eq!(finish(Err(CommandError::from("no such file".to_string()))), ExitStatus::Error);
        assert_eq!(finish(Ok(ExitStatus::Failure)), ExitStatus::Failure);
    }

    #[test]
    fn a_closed_pipe_is_no_failure_but_a_full_disk_is() {
        assert_eq!(output_written(Err(io::Error::from(io::ErrorKind::BrokenPipe))), Ok(()));
        let full = output_written(Err(io::Error::from(io::ErrorKind::StorageFull))).expect_err("a real failure");
        assert!(full.starts_with("cannot write the output: "), "{full}");
        assert_eq!(io_reason(&io::Error::from(io::ErrorKind::NotFound)), "no such file or folder");
    }
}
