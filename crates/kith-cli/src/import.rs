//! `kith import`: read an export — contacts (LinkedIn, vCard, Google, Outlook) or
//! interactions (LinkedIn's archive with its messages, a calendar, a mailbox) — merge it
//! into the network (one identity per person; what is already there is left alone) and
//! write the result, show it as a diff, or print the new people. Malformed records are
//! reported by line on stderr, and a summary ends every run.

use crate::args::{ImportArgs, ImportKind};
use crate::discover::Source;
use crate::network;

use crate::status::{io_reason, output_written, ExitStatus, Outcome};
use crate::write::update_file;
use kith_core::Date;
use kith_exchange::import::{self, Format, LinkedInExport, Malformed, Merge, Options, Record, Summary};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// How many records pass between two updates of the progress line.
const PROGRESS_EVERY: usize = 100;

pub(crate) fn run(arguments: &ImportArgs) -> Outcome {
    Ok(import(arguments)?)
}

fn import(arguments: &ImportArgs) -> Result<ExitStatus, String> {
    let today = arguments.today.resolve()?;
    let name = arguments.file.display().to_string();
    let export = Export::open(arguments.kind, &arguments.file)?;
    let options = Options { max_attendees: arguments.max_attendees };
    // The `--into` file may be one file of a network: its people match everyone's.
    let elsewhere = match &arguments.into {
        Some(target) => network::people_elsewhere(target, today),
        None => Vec::new(),
    };
    let merge_into = |existing: &str| -> Result<import::Merged, String> {
        let records = export
            .records(today)
            .map_err(|message| format!("cannot import `{name}`: {message}; is it {}?", kind_name(arguments.kind)))?;
        let mut merge = Merge::new(existing, today, options).with_people_elsewhere(&elsewhere);
        let mut progress = Progress::new(&name);
        for record in records {
            progress.tick();
            merge.add(record);
        }
        progress.clear();
        Ok(merge.finish())
    };

    let (summary, destination) = match &arguments.into {
        Some(target) if arguments.dry_run => {
            let existing = match std::fs::read(target) {
                Ok(bytes) => Source::File(target.clone()).decode(bytes, "import into")?,
                Err(error) if error.kind() == io::ErrorKind::NotFound => String::new(),
                Err(error) => return Err(format!("cannot read `{}`: {}", target.display(), io_reason(&error))),
            };
            let merged = merge_into(&existing)?;
            let label = target.display().to_string();
            let diff = similar::TextDiff::from_lines(existing.as_str(), merged.text.as_str());
            write_stdout(&diff.unified_diff().context_radius(3).header(&label, &label).to_string())?;
            (merged.summary, format!(" into {label} (dry run: nothing written)"))
        }
        Some(target) => {
            // Matched against the file and merged into it under its lock, so that nothing
            // another command writes meanwhile is lost or imported twice.
            let target_source = Source::File(target.clone());
            let mut summary = None;
            update_file(target, |current| {
                let existing = match current {
                    Some(bytes) => target_source.decode(bytes.to_vec(), "import into")?,
                    None => String::new(),
                };
                let merged = merge_into(&existing)?;
                let changed = current.is_none() || merged.text != existing;
                summary = Some(merged.summary);
                Ok(changed.then(|| merged.text.into_bytes()))
            })?;
            let summary = summary.ok_or_else(|| format!("cannot import into `{}`", target.display()))?;
            (summary, format!(" into {}", target.display()))
        }
        None => {
            let merged = merge_into("")?;
            write_stdout(&merged.text)?;
            (merged.summary, String::new())
        }
    };
    for Malformed { file, line, message } in &summary.malformed {
        let place = match file {
            Some(file) => format!("{name}/{file}:{line}"),
            None => format!("{name}:{line}"),
        };
        report_warning(format!("{place}: {message}; skipped"));
    }
    let mut stderr = anstream::stderr().lock();
    for line in summary_lines(&summary, &destination, record_nouns(arguments.kind)) {
        let _ = writeln!(stderr, "{line}");
    }
    if arguments.into.is_none() && matches!(arguments.kind, ImportKind::Ics | ImportKind::Mbox) {
        let _ = writeln!(
            stderr,
            "a calendar or a mailbox logs interactions with the people of a network: add `--into NETWORK.kith`"
        );
    }
    Ok(if summary.malformed.is_empty() { ExitStatus::Success } else { ExitStatus::Failure })
}

/// An export as read from its path, ready to yield its records (again, when the file it
/// is merged into changed meanwhile and the merge starts over).
enum Export {
    Text(Format, String),
    LinkedIn(LinkedInExport),
    Calendar(String),
    Mailbox(PathBuf),
}

impl Export {
    fn open(kind: ImportKind, path: &Path) -> Result<Self, String> {
        Ok(match kind {
            ImportKind::Vcard => Export::Text(Format::VCard, read_text(path)?),
            ImportKind::Google => Export::Text(Format::Google, read_text(path)?),
            ImportKind::Outlook => Export::Text(Format::Outlook, read_text(path)?),
            ImportKind::Linkedin => Export::LinkedIn(open_linkedin(path)?),
            ImportKind::Ics => Export::Calendar(read_text(path)?),
            ImportKind::Mbox => {
                std::fs::metadata(path)
                    .map_err(|error| format!("cannot read `{}`: {}", path.display(), io_reason(&error)))?;
                Export::Mailbox(path.to_path_buf())
            }
        })
    }

    fn records(&self, today: Date) -> Result<Box<dyn Iterator<Item = Record> + '_>, String> {
        Ok(match self {
            Export::Text(format, text) => import::read(*format, text).map_err(|error| error.message)?,
            Export::LinkedIn(export) => export.records().map_err(|error| error.message)?,
            Export::Calendar(text) => Box::new(import::read_calendar(text, today).map_err(|error| error.message)?),
            Export::Mailbox(path) => {
                let file = std::fs::File::open(path).map_err(|error| io_reason(&error))?;
                Box::new(import::read_mailbox(io::BufReader::new(file)).map_err(|error| error.message)?)
            }
        })
    }
}

/// LinkedIn's export at `path`: the archive as delivered (a `.zip`), the unzipped folder,
/// or a lone `Connections.csv`.
fn open_linkedin(path: &Path) -> Result<LinkedInExport, String> {
    let name = path.display();
    let unreadable = |error: io::Error| format!("cannot read `{name}`: {}", io_reason(&error));
    if path.is_dir() {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(path).map_err(unreadable)? {
            let entry = entry.map_err(unreadable)?;
            let file = entry.path();
            if file.is_file() && file.extension().is_some_and(|extension| extension.eq_ignore_ascii_case("csv")) {
                let bytes = std::fs::read(&file).map_err(unreadable)?;
                files.push((entry.file_name().to_string_lossy().into_owned(), bytes));
            }
        }
        files.sort();
        return LinkedInExport::from_files(files).map_err(|error| format!("cannot import `{name}`: {}", error.message));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    if bytes.starts_with(b"PK") {
        return LinkedInExport::from_zip(&bytes).map_err(|error| format!("cannot import `{name}`: {}", error.message));
    }
    Ok(LinkedInExport::from_connections(text_of(path, bytes)?))
}

/// What one record of an export of `kind` is called, one and many.
fn record_nouns(kind: ImportKind) -> (&'static str, &'static str) {
    match kind {
        ImportKind::Linkedin | ImportKind::Google | ImportKind::Outlook => ("row", "rows"),
        ImportKind::Vcard => ("card", "cards"),
        ImportKind::Ics => ("event", "events"),
        ImportKind::Mbox => ("message", "messages"),
    }
}

fn kind_name(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Linkedin => "a LinkedIn export (Connections.csv, or the archive as a .zip or a folder)",
        ImportKind::Vcard => "a vCard (.vcf) export",
        ImportKind::Google => "a Google Contacts CSV export",
        ImportKind::Outlook => "an Outlook Contacts CSV export",
        ImportKind::Ics => "an iCalendar (.ics) export",
        ImportKind::Mbox => "a mailbox (mbox)",
    }
}

/// The summary of an import: what was added, what was left and why, whom the import took
/// for you, and whom you interact with who is not in the network.
fn summary_lines(summary: &Summary, destination: &str, (record, records): (&str, &str)) -> Vec<String> {
    let plural = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
    let mut first = format!(
        "imported {}{destination}, {} already present, {}",
        plural(summary.people_added, "person", "people"),
        summary.already_present,
        plural(summary.malformed.len(), &format!("malformed {record}"), &format!("malformed {records}")),
    );
    if summary.people_enriched > 0 {
        first.push_str(&format!(
            "; added emails or URLs to {} already there",
            plural(summary.people_enriched, "person", "people")
        ));
    }
    let mut lines = vec![first];
    if summary.interactions_added > 0 || summary.already_logged > 0 {
        let mut logged = if summary.interactions_added == 0 {
            "logged nothing new".to_string()
        } else {
            format!(
                "logged {} with {}",
                plural(summary.interactions_added, "interaction", "interactions"),
                plural(summary.interactions_people, "person", "people")
            )
        };
        if summary.already_logged > 0 {
            logged.push_str(&format!(" ({} already logged)", plural(summary.already_logged, "day", "days")));
        }
        lines.push(logged);
    }
    if !summary.skipped.is_empty() {
        let reasons: Vec<String> =
            summary.skipped.iter().map(|(reason, count)| format!("{reason} ({count})")).collect();
        lines.push(format!("left out: {}", reasons.join(", ")));
    }
    if let Some(owner) = summary.owner.as_ref().filter(|owner| owner.assumed) {
        let (seen, total) = owner.seen_in;
        let me = owner.identities.join(", ");
        lines.push(format!(
            "took {me} for you (in {seen} of {total} interactions); say so with `set me {me}` in the network"
        ));
    }
    if !summary.strangers.is_empty() {
        lines.push("not in your network, most interactions first:".to_string());
        for (who, count) in &summary.strangers {
            lines.push(format!("  {who} ({})", plural(*count, "interaction", "interactions")));
        }
    }
    lines
}

/// The text of `path`, or a one-line reason it cannot be imported (missing, not UTF-8).
fn read_text(path: &Path) -> Result<String, String> {
    let bytes =
        std::fs::read(path).map_err(|error| format!("cannot read `{}`: {}", path.display(), io_reason(&error)))?;
    text_of(path, bytes)
}

/// `bytes` read from `path` as text, or why they are not UTF-8 text and how to convert them.
fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, String> {
    let name = path.display();
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
    output_written(stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()))
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
