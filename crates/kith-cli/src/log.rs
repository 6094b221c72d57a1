//! `kith log`: record an interaction from the terminal — a new line in the person's block
//! where it keeps their log in date order, the rest of the file byte for byte unchanged.

use crate::args::LogArgs;
use crate::network::{chosen_file, edit_person};

use crate::status::{ExitStatus, Outcome};
use kith_core::values::{check_id, parse_date, quote_string};
use kith_core::vocabulary::{self, KINDS};
use kith_core::{edits, suggest};
use std::io::Write;

pub(crate) fn run(arguments: &LogArgs) -> Outcome {
    log(arguments)?;
    Ok(ExitStatus::Success)
}

fn log(arguments: &LogArgs) -> Result<(), String> {
    let today = arguments.today.resolve()?;
    let date = match &arguments.date {
        Some(date) => parse_date(date).map_err(|error| format!("invalid --date: {}", error.message))?,
        None => today,
    };
    check_kind(&arguments.kind, arguments.force)?;
    let path = chosen_file(arguments.file.as_deref())?;
    let mut entry = arguments.kind.clone();
    if let Some(note) = &arguments.note {
        entry = format!("{entry} {}", quote_string(note));
    }
    // Read, edited and replaced under the lock of the file the person is in, so concurrent
    // commands lose nothing.
    let edited = edit_person(&path, &arguments.id, today, "log into", |text, _, person, _| {
        Ok((vec![edits::log_interaction(text, person, date, &entry)], person.display_name().to_string()))
    })?;
    let (name, display_name) = (&edited.file, &edited.result);
    let line = edited.edits.first().map_or(0, |edit| {
        edited.before[..edit.span.start].matches('\n').count()
            + 1
            + usize::from(edit.new_text.starts_with(['\r', '\n']))
    });

    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "logged {} with {display_name} on {date} ({name}:{line})", arguments.kind);
    if date > today {
        let style = anstyle::AnsiColor::Yellow.on_default().bold();
        let _ = writeln!(
            anstream::stderr().lock(),
            "{style}note{style:#}: {date} is after today ({today}); it counts once that day has come"
        );
    }
    Ok(())
}

/// Accepts a known kind, with or without `!`; an unknown one only with `--force`, and never
/// one that is not an id (it would not read back).
fn check_kind(kind: &str, force: bool) -> Result<(), String> {
    let base = kind.strip_suffix('!').unwrap_or(kind);
    let known = || KINDS.iter().map(|kind| kind.id);
    if let Err(error) = check_id(base, "kind") {
        let fix = error.replacement.map(|fixed| format!("; did you mean `{fixed}`?")).unwrap_or_default();
        return Err(format!("{}{fix}", error.message));
    }
    if vocabulary::kind(base).is_some() || force {
        return Ok(());
    }
    let known_list = known().collect::<Vec<_>>().join(", ");
    Err(match suggest::closest(base, known()) {
        Some(closest) => format!("unknown kind `{base}`: did you mean `{closest}`? (`--force` logs it anyway)"),
        None => format!("unknown kind `{base}`: the kinds are {known_list} (`--force` logs it anyway)"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_known_marked_or_forced_and_always_ids() {
        assert_eq!(check_kind("coffee", false), Ok(()));
        assert_eq!(check_kind("email!", false), Ok(()));
        assert_eq!(
            check_kind("cofee", false),
            Err("unknown kind `cofee`: did you mean `coffee`? (`--force` logs it anyway)".into())
        );
        assert!(check_kind("skiing", false).expect_err("unknown").contains("the kinds are meet, coffee,"));
        assert_eq!(check_kind("skiing!", true), Ok(()));
        let shape = check_kind("Coffee", true).expect_err("not an id");
        assert!(shape.ends_with("did you mean `coffee`?"), "{shape}");
    }
}
