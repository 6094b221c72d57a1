//! `kith promote ID ROLE[,ROLE…]` and `kith demote ID`: make someone a key person, or take
//! them back to the wider network — one `role` line added, extended or removed, the rest
//! of the file byte for byte, written safely under the file's lock.

use crate::args::{DemoteArgs, PromoteArgs};
use crate::key_people::change_roles;
use crate::network::{chosen_file, unknown_role};

use crate::status::{ExitStatus, Outcome};
use kith_core::edits;
use kith_core::values::check_id;
use kith_core::wording;
use std::io::Write;

pub(crate) fn run_promote(arguments: &PromoteArgs) -> Outcome {
    promote(arguments)?;
    Ok(ExitStatus::Success)
}

pub(crate) fn run_demote(arguments: &DemoteArgs) -> Outcome {
    demote(arguments)?;
    Ok(ExitStatus::Success)
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
    let today = arguments.network.today.resolve()?;
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
        let _ =
            writeln!(stdout, "{} already plays {}: nothing to change", changed.name, wording::listed(&changed.before));
        return Ok(());
    }
    let _ = writeln!(stdout, "{} is now your {} ({})", changed.name, wording::listed(&changed.after), changed.file);
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
    let today = arguments.network.today.resolve()?;
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
            wording::listed(&changed.before),
            changed.file
        );
    }
    Ok(())
}

fn warn(message: String) {
    let style = anstyle::AnsiColor::Yellow.on_default().bold();
    let _ = writeln!(anstream::stderr().lock(), "{style}warning{style:#}: {message}");
}
