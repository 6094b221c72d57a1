//! `kith promote ID ROLE[,ROLE…]` and `kith demote ID`: make someone a key person, or take
//! them back to the wider network — one `role` line added, extended or removed, the rest
//! of the file byte for byte, written safely under the file's lock.

use crate::args::{DemoteArgs, PromoteArgs};
use crate::discover::Source;
use crate::network::{chosen_file, unknown_person, unknown_role};
use crate::status::{report_error, ExitStatus};
use crate::today::{self, TODAY_VARIABLE};
use crate::write::update_file;
use kith_core::edits;
use kith_core::values::check_id;
use kith_core::{Date, TextEdit};
use std::io::Write;
use std::path::Path;

pub(crate) fn run_promote(arguments: &PromoteArgs) -> ExitStatus {
    finish(promote(arguments))
}

pub(crate) fn run_demote(arguments: &DemoteArgs) -> ExitStatus {
    finish(demote(arguments))
}

fn finish(outcome: Result<(), String>) -> ExitStatus {
    match outcome {
        Ok(()) => ExitStatus::Success,
        Err(message) => {
            report_error(message);
            ExitStatus::Error
        }
    }
}

/// What a change to one person's roles did, for the line printed after it.
pub(crate) struct Changed {
    pub name: String,
    /// Their roles before and after.
    pub before: Vec<String>,
    pub after: Vec<String>,
    pub key_people: usize,
    pub limit: usize,
}

fn promote(arguments: &PromoteArgs) -> Result<(), String> {
    let roles: Vec<&str> = arguments.roles.split(',').map(str::trim).filter(|role| !role.is_empty()).collect();
    if roles.is_empty() {
        return Err("name at least one role, like `kith promote maya mentor`".to_string());
    }
    for role in &roles {
        check_id(role, "role").map_err(|error| {
            let fix = error.replacement.map(|fixed| format!("; did you mean `{fixed}`?")).unwrap_or_default();
            format!("{}{fix}", error.message)
        })?;
    }
    let path = chosen_file(arguments.network.file.as_deref())?;
    let today = today_of(arguments.network.today.as_deref())?;
    let changed = change_roles(&path, &arguments.id, today, |text, analysis, person, name| {
        for role in &roles {
            if analysis.catalog.role(role).is_none() {
                return Err(unknown_role(role, name, &analysis.catalog));
            }
        }
        Ok(edits::add_roles(text, person, &roles).into_iter().collect())
    })?;
    let mut stdout = std::io::stdout().lock();
    if changed.after == changed.before {
        let _ = writeln!(stdout, "{} already plays {}: nothing to change", changed.name, words(&changed.before));
        return Ok(());
    }
    let _ = writeln!(stdout, "{} is now your {} ({})", changed.name, words(&changed.after), path.display());
    if changed.key_people > changed.limit {
        warn(format!(
            "you now have {} key people, more than `key-people` ({}): a network that works is small; `kith demote` someone, or raise it with `set key-people {}`",
            changed.key_people, changed.limit, changed.key_people
        ));
    }
    Ok(())
}

fn demote(arguments: &DemoteArgs) -> Result<(), String> {
    let path = chosen_file(arguments.network.file.as_deref())?;
    let today = today_of(arguments.network.today.as_deref())?;
    let changed =
        change_roles(&path, &arguments.id, today, |text, _, person, _| Ok(edits::remove_roles(text, person)))?;
    let mut stdout = std::io::stdout().lock();
    if changed.before.is_empty() {
        let _ = writeln!(stdout, "{} plays no role: already in your wider network", changed.name);
    } else {
        let _ = writeln!(
            stdout,
            "{} is back in your wider network (was your {}; {})",
            changed.name,
            words(&changed.before),
            path.display()
        );
    }
    Ok(())
}

fn today_of(today: Option<&str>) -> Result<Date, String> {
    today::resolve(today, std::env::var_os(TODAY_VARIABLE))
}

/// Reads the network at `path` under its lock, finds the person `id` ("did you mean" when
/// there is none), applies the edits `change` makes to their block and writes the result.
pub(crate) fn change_roles(
    path: &Path,
    id: &str,
    today: Date,
    change: impl Fn(&str, &kith_core::Analysis, &kith_core::model::Person, &str) -> Result<Vec<TextEdit>, String>,
) -> Result<Changed, String> {
    let name = path.display().to_string();
    let source = Source::File(path.to_path_buf());
    let id = id.strip_prefix('@').unwrap_or(id);
    let mut changed = None;
    update_file(path, |current| {
        let Some(bytes) = current else {
            return Err(format!("cannot read `{name}`: no such file or folder"));
        };
        let text = source.decode(bytes.to_vec(), "change")?;
        let analysis = kith_core::check(&text, today);
        let person = analysis.network.person(id).ok_or_else(|| unknown_person(id, &name, &analysis.network))?;
        let mut edits = change(&text, &analysis, person, &name)?;
        edits.sort_by_key(|edit| std::cmp::Reverse(edit.span.start));
        let new_text = edits.iter().fold(text.clone(), |text, edit| {
            format!("{}{}{}", &text[..edit.span.start], edit.new_text, &text[edit.span.end..])
        });
        let after = kith_core::check(&new_text, today);
        let roles_of = |network: &kith_core::model::Network| {
            network
                .person(id)
                .map(|person| person.roles().iter().map(|role| role.name.clone()).collect())
                .unwrap_or_default()
        };
        changed = Some(Changed {
            name: person.display_name().to_string(),
            before: roles_of(&analysis.network),
            after: roles_of(&after.network),
            key_people: after.network.key_people().count(),
            limit: after.network.settings.key_people,
        });
        Ok((new_text != text).then(|| new_text.into_bytes()))
    })?;
    changed.ok_or_else(|| format!("cannot change `{name}`"))
}

/// Roles in words: "mentor", "mentor and challenger", "mentor, expert and challenger".
pub(crate) fn words(roles: &[String]) -> String {
    match roles {
        [] => "nothing".to_string(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn warn(message: String) {
    let style = anstyle::AnsiColor::Yellow.on_default().bold();
    let _ = writeln!(anstream::stderr().lock(), "{style}warning{style:#}: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_as_a_sentence() {
        assert_eq!(words(&[]), "nothing");
        assert_eq!(words(&["mentor".into()]), "mentor");
        assert_eq!(words(&["mentor".into(), "expert".into(), "challenger".into()]), "mentor, expert and challenger");
    }
}
