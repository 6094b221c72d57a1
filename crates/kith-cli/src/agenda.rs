//! `kith agenda`: who to reach out to now, over every file found — coloured sections on a
//! terminal (plain when piped), or JSON; with fewer than four key people, a pointer at
//! `kith choose`.

use crate::args::{AgendaArgs, AgendaFormat};
use crate::discover::discover;
use crate::network;

use crate::status::{output_written, report_error, ExitStatus, Outcome};
use anstyle::{AnsiColor, Style};
use kith_core::agenda::{Agenda, Item, Section, Source};
use kith_core::evidence::choose_nudge;
use kith_core::include::check_files;
use kith_core::values::parse_duration;
use kith_core::{Analysis, Severity};
use std::io::{self, Write};
use std::num::NonZeroUsize;

pub(crate) fn run(arguments: &AgendaArgs) -> Outcome {
    let today = arguments.today.resolve()?;
    let within = parse_duration(&arguments.within).map_err(|error| format!("invalid --within: {}", error.message))?;
    let discovery = discover(&arguments.paths);
    let mut input_failed = !discovery.errors.is_empty();
    for error in &discovery.errors {
        report_error(error);
    }
    let mut files: Vec<(String, Analysis)> = Vec::new();
    // Each network once, from its root: a file another one includes is read there.
    let threads = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
    for (source, network) in network::roots(&discovery.sources) {
        match network {
            Ok(network) => {
                let analysis = check_files(&network.files, today, threads);
                note_errors(&source.to_string(), &analysis);
                files.push((source.to_string(), analysis));
            }
            Err(message) => {
                report_error(message);
                input_failed = true;
            }
        }
    }
    if files.is_empty() {
        // Nothing could be read: an empty agenda would be misleading.
        return Ok(ExitStatus::Error);
    }
    let sources: Vec<Source<'_>> = files
        .iter()
        .map(|(name, analysis)| Source { name, network: &analysis.network, catalog: &analysis.catalog })
        .collect();
    let agenda = Agenda::new(&sources, today, within);

    let mut stdout = io::BufWriter::new(anstream::AutoStream::auto(io::stdout().lock()));
    let key_people: usize = files.iter().map(|(_, analysis)| analysis.network.key_people().count()).sum();
    let written = match arguments.format {
        AgendaFormat::Human => {
            write_human(&agenda, files.len() > 1, &mut stdout).and_then(|()| match choose_nudge(key_people) {
                Some(nudge) => writeln!(stdout, "\n{nudge}."),
                None => Ok(()),
            })
        }
        AgendaFormat::Json => stdout.write_all(agenda.to_json().as_bytes()),
    };
    output_written(written.and_then(|()| stdout.flush()))?;
    Ok(if input_failed { ExitStatus::Error } else { ExitStatus::Success })
}

/// A file with errors still gets an agenda from what could be read; say so on stderr.
fn note_errors(name: &str, analysis: &Analysis) {
    let errors = analysis.lints.iter().filter(|lint| lint.severity == Severity::Error).count();
    if errors == 0 {
        return;
    }
    let style = AnsiColor::Yellow.on_default().bold();
    let noun = if errors == 1 { "error" } else { "errors" };
    let mut stderr = anstream::stderr().lock();
    let _ = writeln!(
        stderr,
        "{style}note{style:#}: `{name}` has {errors} {noun}; the agenda uses what could be read (see `kith check {name}`)"
    );
}

/// The colour of each section's heading.
fn heading_style(section: Section) -> Style {
    let colour = match section {
        Section::Overdue => AnsiColor::Red,
        Section::DueSoon => AnsiColor::Yellow,
        Section::Birthdays => AnsiColor::Magenta,
        Section::Favours => AnsiColor::Cyan,
    };
    colour.on_default().bold()
}

/// A heading, then one block per section that has items: the person (and their roles), the
/// reason, and the suggestion after an arrow. `name_files` adds each item's file.
fn write_human(agenda: &Agenda, name_files: bool, out: &mut dyn Write) -> io::Result<()> {
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let arrow = AnsiColor::Green.on_default().bold();
    let window = format!("the next {}", agenda.within);
    if agenda.items.is_empty() {
        return writeln!(
            out,
            "Nothing due in {window}: nobody overdue, no birthdays, no favours owed. Enjoy the quiet."
        );
    }
    let until = if agenda.until.year() == agenda.today.year() { "%B %-d" } else { "%B %-d, %Y" };
    writeln!(
        out,
        "{bold}Agenda for {}{bold:#}{dim} — {window}, until {}{dim:#}",
        agenda.today.strftime("%A, %B %-d, %Y"),
        agenda.until.strftime(until),
    )?;
    for section in Section::ALL {
        let items: Vec<&Item> = agenda.section(section).collect();
        if items.is_empty() {
            continue;
        }
        let heading = heading_style(section);
        writeln!(out)?;
        writeln!(out, "{heading}{}{heading:#} {dim}({}){dim:#}", section.title(), items.len())?;
        for item in items {
            let roles = if item.roles.is_empty() { String::new() } else { format!(" · {}", item.roles.join(", ")) };
            let file = if name_files { format!("  {dim}{}{dim:#}", item.file) } else { String::new() };
            writeln!(out, "  {bold}{}{bold:#}{roles}{file}", item.name)?;
            writeln!(out, "    {}", item.reason)?;
            writeln!(out, "    {arrow}→{arrow:#} {}", item.suggestion)?;
        }
    }
    Ok(())
}
