//! `kith import`: read an export (LinkedIn, vCard, Google Contacts), skip who is already in
//! the target file, and print the new people or append them to it; malformed records are
//! reported by line on stderr, with a one-line summary at the end.

use crate::args::{ImportArgs, ImportKind};
use crate::discover::{io_reason, Source};
use crate::status::{is_closed_pipe, report_error, ExitStatus};
use crate::today::{self, TODAY_VARIABLE};
use crate::write::update_file;
use kith_exchange::import::{self, Format, Importer, Malformed, Outcome};
use kith_core::model::Network;
use kith_core::Date;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

/// How many records pass between two updates of the progress line.
const PROGRESS_EVERY: usize = 100;

pub fn run(arguments: &ImportArgs) -> ExitStatus {
    match import(arguments) {
        Ok(status) => status,
        Err(message) => {
            report_error(message);
            ExitStatus::Error
        }
    }
}

fn import(arguments: &ImportArgs) -> Result<ExitStatus, String> {
    let today = today::resolve(arguments.today.as_deref(), std::env::var_os(TODAY_VARIABLE))?;
    let name = arguments.file.display().to_string();
    let text = read_text(&arguments.file)?;
    let format = match arguments.kind {
        ImportKind::Linkedin => Format::LinkedIn,
        ImportKind::Vcard => Format::VCard,
        ImportKind::Google => Format::Google,
    };
    let run = |existing: &str| {
        let records = import::read(format, &text).map_err(|error| {
            format!("cannot import `{name}`: {}; is it a {} export?", error.message, kind_name(arguments.kind))
        })?;
        Ok::<_, String>(Run::of(records, &kith_core::check(existing, today).network, today, &name))
    };

    let (run, destination) = match &arguments.into {
        Some(target) => {
            // Matched against the file and appended to it under its lock, so that nothing
            // another command writes meanwhile is lost or imported twice.
            let target_source = Source::File(target.clone());
            let mut outcome = None;
            update_file(target, |current| {
                let existing = match current {
                    Some(bytes) => target_source.decode(bytes.to_vec(), "import into")?,
                    None => String::new(),
                };
                let run = run(&existing)?;
                let new_text = import::append(&existing, &run.addition);
                let changed = current.is_none() || new_text != existing;
                outcome = Some(run);
                Ok(changed.then(|| new_text.into_bytes()))
            })?;
            let run = outcome.ok_or_else(|| format!("cannot import into `{}`", target.display()))?;
            (run, format!(" into {}", target.display()))
        }
        None => {
            let run = run("")?;
            write_stdout(&run.addition)?;
            (run, String::new())
        }
    };
    for Malformed { line, message } in &run.malformed {
        report_warning(format!("{name}:{line}: {message}; skipped"));
    }
    let (imported, malformed) = (run.imported, run.malformed.len());
    let people = if imported == 1 { "person" } else { "people" };
    let rows = if malformed == 1 { "row" } else { "rows" };
    let summary = format!(
        "imported {imported} {people}{destination}, skipped {} already present, {malformed} malformed {rows}",
        run.already_present
    );
    let _ = writeln!(anstream::stderr().lock(), "{summary}");
    Ok(if malformed > 0 { ExitStatus::Failure } else { ExitStatus::Success })
}

/// What one pass of an import over an existing network gives.
struct Run {
    /// The new people as `.kith` text.
    addition: String,
    imported: usize,
    already_present: usize,
    malformed: Vec<Malformed>,
}

impl Run {
    fn of(records: impl Iterator<Item = import::Record>, network: &Network, today: Date, name: &str) -> Self {
        let mut importer = Importer::new(network, today);
        let mut progress = Progress::new(name);
        let (mut already_present, mut malformed) = (0, Vec::new());
        for record in records {
            progress.tick();
            match record {
                Ok(contact) => {
                    if importer.add(contact) == Outcome::AlreadyPresent {
                        already_present += 1;
                    }
                }
                Err(bad) => malformed.push(bad),
            }
        }
        progress.clear();
        Self { addition: importer.render(), imported: importer.imported(), already_present, malformed }
    }
}

fn kind_name(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Linkedin => "LinkedIn Connections.csv",
        ImportKind::Vcard => "vCard (.vcf)",
        ImportKind::Google => "Google Contacts CSV",
    }
}

/// The text of `path`, or a one-line reason it cannot be imported (missing, not UTF-8).
fn read_text(path: &Path) -> Result<String, String> {
    let name = path.display();
    let bytes = std::fs::read(path).map_err(|error| format!("cannot read `{name}`: {}", io_reason(&error)))?;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(format!(
            "cannot read `{name}`: it is UTF-16 text; convert it to UTF-8, e.g. with `iconv -f UTF-16 -t UTF-8`"
        ));
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&byte| byte == b'\n').count() + 1;
        format!(
            "cannot read `{name}`: it is not UTF-8 text (first invalid byte on line {line}); save it as UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8`"
        )
    })
}

fn write_stdout(text: &str) -> Result<(), String> {
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(error) if !is_closed_pipe(&error) => Err(format!("cannot write the output: {}", io_reason(&error))),
        _ => Ok(()),
    }
}

/// Prints `warning: {message}` on one line of stderr, `warning` in yellow on a terminal.
fn report_warning(message: impl std::fmt::Display) {
    let style = anstyle::AnsiColor::Yellow.on_default().bold();
    let _ = writeln!(anstream::stderr().lock(), "{style}warning{style:#}: {message}");
}

/// A counter of the records read, redrawn in place on stderr when it is a terminal (and
/// never printed when stderr is a pipe or a file).
struct Progress<'a> {
    name: &'a str,
    shown: bool,
    count: usize,
    next_update: usize,
    on_terminal: bool,
}

impl<'a> Progress<'a> {
    fn new(name: &'a str) -> Self {
        Self { name, shown: false, count: 0, next_update: PROGRESS_EVERY, on_terminal: io::stderr().is_terminal() }
    }

    fn tick(&mut self) {
        self.count += 1;
        if self.on_terminal && self.count >= self.next_update {
            self.next_update += PROGRESS_EVERY;
            let _ = write!(io::stderr().lock(), "\rreading {}: {} records", self.name, self.count);
            self.shown = true;
        }
    }

    /// Erases the counter line, so that warnings and the summary start on a clean line.
    fn clear(&mut self) {
        if self.shown {
            let _ = write!(io::stderr().lock(), "\r\x1b[2K");
            self.shown = false;
        }
    }
}
