//! `kith export`: one network as vCards, as JSON or as a calendar of upcoming catch-ups, on
//! stdout or, with `-o`, into a file replaced safely.

use crate::args::{ExportArgs, ExportKind};
use crate::discover::Source;
use crate::network::{self, network_file};

use crate::status::{output_written, ExitStatus, Outcome};
use crate::write::write_file;
use kith_core::values::{parse_duration, Duration, Unit};
use kith_core::Severity;
use kith_exchange::export::{ics, json, vcard};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How far ahead `kith export ics` looks by default.
const DEFAULT_WITHIN: Duration = Duration { amount: 30, unit: Unit::Days };

pub(crate) fn run(arguments: &ExportArgs) -> Outcome {
    export(arguments)?;
    Ok(ExitStatus::Success)
}

fn export(arguments: &ExportArgs) -> Result<(), String> {
    let today = arguments.today.resolve()?;
    let within = match (&arguments.within, arguments.kind) {
        (None, _) => DEFAULT_WITHIN,
        (Some(within), ExportKind::Ics) => {
            parse_duration(within).map_err(|error| format!("invalid --within: {}", error.message))?
        }
        (Some(_), _) => return Err("--within applies only to `kith export ics`".to_string()),
    };
    let source = source(arguments.path.as_deref())?;
    let analysis = network::analyse(&source, today)?;
    note_errors(&source.to_string(), &analysis.lints);
    let rendered = match arguments.kind {
        ExportKind::Vcard => vcard::render(&analysis.network),
        ExportKind::Json => json::render(&analysis, today),
        ExportKind::Ics => ics::render(&analysis, today, within),
    };
    match &arguments.output {
        Some(output) => write_file(output, rendered.as_bytes()),
        None => {
            let mut stdout = io::BufWriter::new(io::stdout().lock());
            output_written(stdout.write_all(rendered.as_bytes()).and_then(|()| stdout.flush()))
        }
    }
}

/// The network to export: `-` is standard input, a folder its network file, a file itself;
/// none means the network file of the current folder.
fn source(path: Option<&Path>) -> Result<Source, String> {
    let hint = "name the file, like `kith export vcard network.kith`";
    match path {
        None => network_file(Path::new("."), hint).map(Source::File),
        Some(path) if path.as_os_str() == "-" => Ok(Source::Stdin),
        Some(path) if path.is_dir() => network_file(path, hint).map(Source::File),
        Some(path) => Ok(Source::File(PathBuf::from(path))),
    }
}

/// A file with errors is still exported from what could be read; say so on stderr.
fn note_errors(name: &str, lints: &[kith_core::Lint]) {
    let errors = lints.iter().filter(|lint| lint.severity == Severity::Error).count();
    if errors == 0 {
        return;
    }
    let style = anstyle::AnsiColor::Yellow.on_default().bold();
    let noun = if errors == 1 { "error" } else { "errors" };
    let _ = writeln!(
        anstream::stderr().lock(),
        "{style}note{style:#}: `{name}` has {errors} {noun}; values that cannot be read are left out (see `kith check {name}`)"
    );
}
