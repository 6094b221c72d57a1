//! `kith check`: find the files, analyse each as of today (with `--fix`, after applying
//! the fixes; with `--diff`, showing them), print what `--level` shows in the chosen
//! format, and turn the findings into the exit status.

use crate::args::CheckArgs;
use crate::discover::{discover, Source};
use crate::network::{self, read, FileOfNetwork};
use crate::output::{self, CheckedFile, Report, Summary};

use crate::status::{output_written, report_error, ExitStatus, Outcome};
use crate::write::update_file;
use kith_core::fix::{fix_all, fix_with, Fixed};
use kith_core::include::check_files;
use kith_core::text::bom_len;
use kith_core::{Applicability, Date};
use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::path::Path;

pub(crate) fn run(arguments: &CheckArgs) -> Outcome {
    let today = arguments.today.resolve()?;
    let discovery = discover(&arguments.paths);
    let mut input_failed = !discovery.errors.is_empty();
    for error in &discovery.errors {
        report_error(error);
    }

    let threads = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
    let mut report = Report { today, files: Vec::new(), hidden: 0 };
    if arguments.diff {
        let to_fix = files_to_fix(&discovery.sources);
        return Ok(show_fixes(&to_fix, today, arguments.unsafe_fixes, input_failed));
    }
    if arguments.fix {
        for (source, part) in &files_to_fix(&discovery.sources) {
            let source = &source;
            match fix_source(source, today, arguments.unsafe_fixes, part.as_ref()) {
                Ok((text, fixed)) => {
                    report_fixed(source, &fixed);
                    let (shown, hidden): (Vec<_>, Vec<_>) =
                        fixed.left.into_iter().partition(|lint| arguments.level.shows(lint.severity));
                    report.hidden += hidden.len();
                    report.files.push(CheckedFile::new(source.to_string(), text, shown));
                }
                Err(message) => {
                    report_error(message);
                    input_failed = true;
                }
            }
        }
    } else {
        // Each network once, from its root: a file another one includes is checked there.
        for (_, network) in network::roots(&discovery.sources) {
            let network = match network {
                Ok(network) => network,
                Err(message) => {
                    report_error(message);
                    input_failed = true;
                    continue;
                }
            };
            let mut analysis = check_files(&network.files, today, threads);
            let lints = std::mem::take(&mut analysis.lints);
            // The process ends soon: freeing a large network's model would take longer than
            // checking what is left, and the system takes the memory back at exit anyway.
            std::mem::forget(analysis);
            let (files, hidden) = network.checked_files(lints, |lint| arguments.level.shows(lint.severity));
            report.hidden += hidden;
            report.files.extend(files);
        }
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
    output_written(written)?;
    Ok(status)
}

/// The files to fix, each with the network it is part of (if it is one of several files):
/// a role, a person or a kind that another file declares is no reason for a "did you mean".
/// Standard input is fixed alone (and read only once, by the fixing).
fn files_to_fix(sources: &[Source]) -> Vec<(Source, Option<FileOfNetwork>)> {
    let files: Vec<Source> = sources.iter().filter(|source| **source != Source::Stdin).cloned().collect();
    let mut to_fix: Vec<(Source, Option<FileOfNetwork>)> =
        sources.iter().filter(|source| **source == Source::Stdin).map(|source| (source.clone(), None)).collect();
    for (source, network) in network::roots(&files) {
        match (network, &source) {
            (Ok(network), Source::File(root)) if network.files.files().len() > 1 => {
                for (index, file) in network.files.files().iter().enumerate() {
                    let path = match index {
                        0 => root.clone(),
                        _ => root.parent().unwrap_or(Path::new("")).join(&file.path),
                    };
                    let part = FileOfNetwork { root: root.clone(), path: file.path.clone(), index };
                    to_fix.push((Source::File(path), Some(part)));
                }
            }
            _ => to_fix.push((source, None)),
        }
    }
    to_fix
}

/// Applies the fixes to the file `source` under its lock (judged with the rest of its
/// network when it is `part` of one) (the byte-order mark kept): its
/// text after them, without the mark, and what was fixed and what is left.
fn fix_source(
    source: &Source,
    today: Date,
    unsafe_fixes: bool,
    part: Option<&FileOfNetwork>,
) -> Result<(String, Fixed), String> {
    let Source::File(path) = source else {
        return Err("cannot fix standard input in place: use `kith check --diff -` to see the fixes".to_string());
    };
    let mut result = None;
    update_file(path, |current| {
        let text = source.decode(current.unwrap_or_default().to_vec(), "fix")?;
        let (mark, body) = text.split_at(bom_len(&text));
        let fixed = match part {
            None => fix_all(body, today, unsafe_fixes),
            Some(part) => fix_with(body, unsafe_fixes, |text| network::lints_of_file(part, text, today)),
        };
        let changed = fixed.text != body;
        let contents = changed.then(|| format!("{mark}{}", fixed.text).into_bytes());
        result = Some((fixed.text.clone(), fixed));
        Ok(contents)
    })?;
    result.ok_or_else(|| format!("cannot fix `{source}`"))
}

/// `kith check --diff`: the change `--fix` would make to each file, as a unified diff, and
/// how many problems it would fix; exit 1 when it would change anything.
fn show_fixes(
    sources: &[(Source, Option<FileOfNetwork>)],
    today: Date,
    unsafe_fixes: bool,
    mut input_failed: bool,
) -> ExitStatus {
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut would_fix = 0;
    for (source, part) in sources {
        let text = match read(source) {
            Ok(text) => text,
            Err(message) => {
                report_error(message);
                input_failed = true;
                continue;
            }
        };
        let fixed = match part {
            None => fix_all(&text, today, unsafe_fixes),
            Some(part) => fix_with(&text, unsafe_fixes, |text| network::lints_of_file(part, text, today)),
        };
        if fixed.text != text {
            let name = source.to_string();
            let diff = similar::TextDiff::from_lines(text.as_str(), fixed.text.as_str());
            let written = write!(stdout, "{}", diff.unified_diff().context_radius(3).header(&name, &name));
            if let Err(message) = output_written(written.and_then(|()| stdout.flush())) {
                report_error(message);
                return ExitStatus::Error;
            }
            would_fix += fixed.count();
            eprintln!("{source}: would fix {}", fixed_words(&fixed));
        }
        if let Some(more) = needing_unsafe_fixes(&fixed, unsafe_fixes) {
            eprintln!("{source}: {more}");
        }
    }
    if input_failed {
        ExitStatus::Error
    } else if would_fix > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// "fixed 3 problems in network.kith (2 unknown-role, 1 unsorted-log)" on standard error,
/// and how many more `--unsafe-fixes` would fix.
fn report_fixed(source: &Source, fixed: &Fixed) {
    if fixed.count() > 0 {
        eprintln!("fixed {} in {source}", fixed_words(fixed));
    }
    if let Some(more) = needing_unsafe_fixes(fixed, false) {
        eprintln!("{source}: {more}");
    }
    match fixed.refused.len() {
        0 => {}
        1 => eprintln!("{source}: 1 fix not applied: it would leave a line kith cannot read"),
        count => eprintln!("{source}: {count} fixes not applied: they would leave lines kith cannot read"),
    }
}

/// "3 problems (2 unknown-role, 1 unsorted-log)".
fn fixed_words(fixed: &Fixed) -> String {
    let count = fixed.count();
    let codes: Vec<String> = fixed.by_code.iter().map(|(code, count)| format!("{count} {code}")).collect();
    format!("{count} {} ({})", if count == 1 { "problem" } else { "problems" }, codes.join(", "))
}

/// "1 more fix needs `--unsafe-fixes`" when lints left have fixes that need a look.
fn needing_unsafe_fixes(fixed: &Fixed, unsafe_fixes: bool) -> Option<String> {
    if unsafe_fixes {
        return None;
    }
    let count = fixed
        .left
        .iter()
        .filter(|lint| lint.fixes.iter().any(|fix| fix.applicability == Applicability::Unsafe))
        .count();
    match count {
        0 => None,
        1 => Some("1 more fix needs a look: see it with `kith check --diff --unsafe-fixes`".to_string()),
        count => Some(format!("{count} more fixes need a look: see them with `kith check --diff --unsafe-fixes`")),
    }
}
