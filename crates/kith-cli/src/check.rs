//! `kith check`: find the files, analyse each as of today, print what `--level` shows in
//! the chosen format, and turn the findings into the exit status.

use crate::args::CheckArgs;
use crate::discover::{discover, io_reason, Source};
use crate::output::{self, CheckedFile, Report, Summary};
use crate::status::{is_closed_pipe, report_error, ExitStatus};
use crate::today::{self, TODAY_VARIABLE};
use std::io::{self, Write};
use std::num::NonZeroUsize;

pub fn run(arguments: &CheckArgs) -> ExitStatus {
    let today = match today::resolve(arguments.today.as_deref(), std::env::var_os(TODAY_VARIABLE)) {
        Ok(today) => today,
        Err(message) => {
            report_error(message);
            return ExitStatus::Error;
        }
    };
    let discovery = discover(&arguments.paths);
    let mut input_failed = !discovery.errors.is_empty();
    for error in &discovery.errors {
        report_error(error);
    }

    let threads = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
    let mut report = Report { today, files: Vec::new(), hidden: 0 };
    for source in &discovery.sources {
        let text = match read(source) {
            Ok(text) => text,
            Err(message) => {
                report_error(message);
                input_failed = true;
                continue;
            }
        };
        let mut analysis = kith_core::check_parallel(&text, today, threads);
        let lints = std::mem::take(&mut analysis.lints);
        // The process ends soon: freeing a large file's model would take longer than
        // checking what is left, and the system takes the memory back at exit anyway.
        std::mem::forget(analysis);
        let (shown, hidden): (Vec<_>, Vec<_>) =
            lints.into_iter().partition(|lint| arguments.level.shows(lint.severity));
        report.hidden += hidden.len();
        report.files.push(CheckedFile::new(source.to_string(), text, shown));
    }

    let summary = Summary::of(&report.files);
    let status = if input_failed {
        ExitStatus::Error
    } else if summary.errors > 0 || (arguments.strict && summary.warnings > 0) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    };

    let mut stdout = io::BufWriter::new(anstream::AutoStream::auto(io::stdout().lock()));
    let written = output::write(arguments.format, &report, &mut stdout).and_then(|()| stdout.flush());
    // Not freed, for the same reason as the models above.
    std::mem::forget(report);
    match written {
        Err(error) if !is_closed_pipe(&error) => {
            report_error(format!("cannot write the output: {}", io_reason(&error)));
            ExitStatus::Error
        }
        _ => status,
    }
}

/// The text of `source`, without a leading byte-order mark (so columns on the first line
/// count what an editor shows), or a one-line message saying why it cannot be checked.
pub(crate) fn read(source: &Source) -> Result<String, String> {
    let mut text = source.read_text("check")?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("bom.kith");
        std::fs::write(&path, "\u{feff}person ada \"Ada\"\n").expect("write the file");
        assert_eq!(read(&Source::File(path)), Ok("person ada \"Ada\"\n".to_string()));
    }

    #[test]
    fn text_that_is_not_utf8_names_the_line() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("latin1.kith");
        std::fs::write(&path, b"person ada \"Ada\"\n  note \"caf\xe9\"\n").expect("write the file");
        let message = read(&Source::File(path)).expect_err("Latin-1 is not UTF-8");
        assert!(message.contains("latin1.kith"), "{message}");
        assert!(message.contains("not UTF-8 text (first invalid byte on line 2)"), "{message}");
    }
}
