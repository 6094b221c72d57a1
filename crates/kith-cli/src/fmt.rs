//! `kith fmt`: rewrite `.kith` files in the canonical format (`kith_core::format`), in place
//! and only when that changes them; `--check` lists the files that would change, `--diff`
//! shows how, and `-` formats standard input to standard output. A file with a syntax error
//! is left untouched.

use crate::args::FmtArgs;
use crate::discover::{discover, Source};
use crate::status::{output_written, report_error, ExitStatus, Outcome};
use crate::write::update_file;
use kith_core::format::format;
use std::io::{self, Write};

/// What to do with a file whose canonical form differs from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Replace the file (standard input: print the result).
    Write,
    /// Name it.
    Check,
    /// Print a unified diff.
    Diff,
}

/// How many files ended which way, for the summary line.
#[derive(Debug, Default)]
struct Tally {
    changed: usize,
    unchanged: usize,
    refused: usize,
    /// Files that needed formatting but could not be written (read-only, a full disk).
    unwritten: usize,
}

pub(crate) fn run(arguments: &FmtArgs) -> Outcome {
    let mode = match (arguments.check, arguments.diff) {
        (_, true) => Mode::Diff,
        (true, false) => Mode::Check,
        (false, false) => Mode::Write,
    };
    let discovery = discover(&arguments.paths);
    let mut input_failed = !discovery.errors.is_empty();
    for error in &discovery.errors {
        report_error(error);
    }

    let mut tally = Tally::default();
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut output_result = Ok(());
    for source in &discovery.sources {
        let outcome = match (mode, source) {
            // Read, formatted and replaced under the file's lock: nothing another command
            // writes meanwhile is lost.
            (Mode::Write, Source::File(path)) => {
                let mut refused = false;
                let written = update_file(path, |current| {
                    let text = source.decode(current.unwrap_or_default().to_vec(), "format")?;
                    let formatted = canonical(source, &text).inspect_err(|_| refused = true)?;
                    Ok((formatted != text).then(|| formatted.into_bytes()))
                });
                match written {
                    Ok(true) => tally.changed += 1,
                    Ok(false) => tally.unchanged += 1,
                    Err(message) => {
                        report_error(message);
                        if refused {
                            tally.refused += 1;
                        } else {
                            tally.unwritten += 1;
                        }
                        input_failed = true;
                    }
                }
                Ok(())
            }
            _ => {
                let text = match source.read_text("format") {
                    Ok(text) => text,
                    Err(message) => {
                        report_error(message);
                        input_failed = true;
                        continue;
                    }
                };
                let formatted = match canonical(source, &text) {
                    Ok(formatted) => formatted,
                    Err(message) => {
                        report_error(message);
                        tally.refused += 1;
                        input_failed = true;
                        continue;
                    }
                };
                let changed = formatted != text;
                if changed {
                    tally.changed += 1;
                } else {
                    tally.unchanged += 1;
                }
                match mode {
                    Mode::Write => stdout.write_all(formatted.as_bytes()),
                    Mode::Check if changed => writeln!(stdout, "{source}"),
                    Mode::Diff if changed => write_diff(&mut stdout, &source.to_string(), &text, &formatted),
                    _ => Ok(()),
                }
            }
        };
        if output_result.is_ok() {
            output_result = outcome;
        }
    }

    if let Err(message) = output_written(output_result.and_then(|()| stdout.flush())) {
        report_error(message);
        input_failed = true;
    }
    // Formatting standard input alone (an editor's pipe) prints the text and nothing else.
    let piped = mode == Mode::Write && discovery.sources.iter().all(|source| *source == Source::Stdin);
    if !piped && !discovery.sources.is_empty() {
        let mut stderr = io::stderr().lock();
        let _ = writeln!(stderr, "{}", summary(mode, &tally));
    }

    Ok(if input_failed {
        ExitStatus::Error
    } else if mode != Mode::Write && tally.changed > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// The canonical form of `text`, or why it cannot be formatted (a syntax error, by line).
fn canonical(source: &Source, text: &str) -> Result<String, String> {
    format(text, &kith_core::syntax::parse(text)).map_err(|error| {
        format!(
            "{source}:{}: {} (not formatted: fix this first; `kith check` lists every problem)",
            error.line, error.message
        )
    })
}

/// A unified diff from `old` to `new` with three lines of context, both sides named `name`.
fn write_diff(out: &mut impl Write, name: &str, old: &str, new: &str) -> io::Result<()> {
    let diff = similar::TextDiff::from_lines(old, new);
    write!(out, "{}", diff.unified_diff().context_radius(3).header(name, name))
}

/// One line: how many files changed (or would), how many did not, how many were refused.
fn summary(mode: Mode, tally: &Tally) -> String {
    let files = |count: usize| if count == 1 { "1 file".to_string() } else { format!("{count} files") };
    let mut parts = Vec::new();
    let (changed, unchanged) = match mode {
        Mode::Write => ("reformatted", "unchanged"),
        Mode::Check | Mode::Diff => ("would be reformatted", "already formatted"),
    };
    if tally.changed > 0 {
        parts.push(format!("{} {changed}", files(tally.changed)));
    }
    if tally.unchanged > 0 {
        let count = if parts.is_empty() { files(tally.unchanged) } else { tally.unchanged.to_string() };
        parts.push(format!("{count} {unchanged}"));
    }
    if tally.refused > 0 {
        let count = if parts.is_empty() { files(tally.refused) } else { tally.refused.to_string() };
        parts.push(format!("{count} not formatted (syntax errors)"));
    }
    if tally.unwritten > 0 {
        let count = if parts.is_empty() { files(tally.unwritten) } else { tally.unwritten.to_string() };
        parts.push(format!("{count} not written"));
    }
    if parts.is_empty() {
        return "no files formatted".to_string();
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_each_outcome_and_names_files_once() {
        let tally = Tally { changed: 2, unchanged: 3, ..Tally::default() };
        assert_eq!(summary(Mode::Write, &tally), "2 files reformatted, 3 unchanged");
        assert_eq!(summary(Mode::Check, &tally), "2 files would be reformatted, 3 already formatted");
        let tally = Tally { unchanged: 1, refused: 1, ..Tally::default() };
        assert_eq!(summary(Mode::Write, &tally), "1 file unchanged, 1 not formatted (syntax errors)");
        let tally = Tally { unwritten: 1, ..Tally::default() };
        assert_eq!(summary(Mode::Write, &tally), "1 file not written");
        let tally = Tally { changed: 1, ..Tally::default() };
        assert_eq!(summary(Mode::Diff, &tally), "1 file would be reformatted");
        assert_eq!(summary(Mode::Write, &Tally::default()), "no files formatted");
    }

    #[test]
    fn the_diff_is_unified_with_both_sides_named() {
        let mut out = Vec::new();
        write_diff(&mut out, "a.kith", "person a \"A\"\n   role mentor\n", "person a \"A\"\n  role mentor\n")
            .expect("writes");
        let diff = String::from_utf8(out).expect("UTF-8");
        assert_eq!(diff, "--- a.kith\n+++ a.kith\n@@ -1,2 +1,2 @@\n person a \"A\"\n-   role mentor\n+  role mentor\n");
    }

    #[test]
    fn a_byte_order_mark_is_read_with_the_text() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("bom.kith");
        std::fs::write(&path, "\u{feff}person ada \"Ada\"\n").expect("write the file");
        assert_eq!(Source::File(path).read_text("format"), Ok("\u{feff}person ada \"Ada\"\n".to_string()));
    }
}
