//! `kith log`: record an interaction from the terminal — a new line in the person's block
//! where it keeps their log in date order, the rest of the file byte for byte unchanged.
//! Also home of [`network_file`], the default file of the commands that work on one network.

use crate::args::LogArgs;
use crate::discover::{io_reason, Source};
use crate::status::{report_error, ExitStatus};
use crate::today::{self, TODAY_VARIABLE};
use crate::write::update_file;
use kith_core::model::Network;
use kith_core::values::{check_id, parse_date, quote_string};
use kith_core::vocabulary::{self, KINDS};
use kith_core::{edits, suggest};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file used when neither a path nor `--file` names one and the folder holds several.
const DEFAULT_FILE: &str = "network.kith";

pub fn run(arguments: &LogArgs) -> ExitStatus {
    match log(arguments) {
        Ok(()) => ExitStatus::Success,
        Err(message) => {
            report_error(message);
            ExitStatus::Error
        }
    }
}

fn log(arguments: &LogArgs) -> Result<(), String> {
    let today = today::resolve(arguments.today.as_deref(), std::env::var_os(TODAY_VARIABLE))?;
    let date = match &arguments.date {
        Some(date) => parse_date(date).map_err(|error| format!("invalid --date: {}", error.message))?,
        None => today,
    };
    check_kind(&arguments.kind, arguments.force)?;
    let path = match &arguments.file {
        Some(path) => path.clone(),
        None => network_file(Path::new("."), "choose one with `--file`")?,
    };
    let name = path.display().to_string();
    let source = Source::File(path.clone());
    let id = arguments.id.strip_prefix('@').unwrap_or(&arguments.id);
    let mut entry = arguments.kind.clone();
    if let Some(note) = &arguments.note {
        entry = format!("{entry} {}", quote_string(note));
    }
    // Read, edited and replaced under the file's lock, so concurrent commands lose nothing.
    let (mut display_name, mut line) = (String::new(), 0);
    update_file(&path, |current| {
        let Some(bytes) = current else {
            return Err(format!("cannot read `{name}`: no such file or folder"));
        };
        let text = source.decode(bytes.to_vec(), "log into")?;
        let analysis = kith_core::check(&text, today);
        let person = analysis.network.person(id).ok_or_else(|| unknown_person(id, &name, &analysis.network))?;
        let edit = edits::log_interaction(&text, person, date, &entry);
        display_name = person.display_name().to_string();
        line = text[..edit.span.start].matches('\n').count() + 1 + usize::from(edit.new_text.starts_with(['\r', '\n']));
        Ok(Some(format!("{}{}{}", &text[..edit.span.start], edit.new_text, &text[edit.span.end..]).into_bytes()))
    })?;

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

/// "no person `adda` in `network.kith`: did you mean `ada`?", matching ids, then display names.
fn unknown_person(id: &str, file: &str, network: &Network) -> String {
    let ids = network.people.iter().filter(|person| person.id.is_some()).map(|person| person.id_name());
    let by_name = || {
        let wanted = kith_core::values::normalize_id(id)?;
        network
            .people
            .iter()
            .find(|person| {
                kith_core::values::normalize_id(person.display_name())
                    .is_some_and(|name| name.split('-').any(|word| word == wanted))
            })
            .map(|person| person.id_name())
    };
    match suggest::closest(id, ids).or_else(by_name) {
        Some(closest) => format!("no person `{id}` in `{file}`: did you mean `{closest}`?"),
        None => format!("no person `{id}` in `{file}`: add a `person {id} \"…\"` block first, or check the id"),
    }
}

/// The network file in `folder` when none is named: its only `.kith` file, else its
/// `network.kith`; else an error that ends with `hint` (how to name one).
pub(crate) fn network_file(folder: &Path, hint: &str) -> Result<PathBuf, String> {
    let place =
        if folder == Path::new(".") { "the current folder".to_string() } else { format!("`{}`", folder.display()) };
    let entries = std::fs::read_dir(folder).map_err(|error| format!("cannot read {place}: {}", io_reason(&error)))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        // `is_file` follows links: a linked network file counts.
        .filter(|path| path.is_file())
        .filter(|path| path.extension().is_some_and(|extension| extension == "kith"))
        .collect();
    files.sort();
    let strip = |path: PathBuf| path.strip_prefix(".").map(Path::to_path_buf).unwrap_or(path);
    match files.len() {
        1 => Ok(strip(files.remove(0))),
        0 => Err(format!("no .kith file in {place}: {hint}")),
        count => {
            let default = folder.join(DEFAULT_FILE);
            if default.is_file() {
                return Ok(strip(default));
            }
            let names: Vec<String> = files
                .iter()
                .filter_map(|path| path.file_name())
                .map(|name| name.to_string_lossy().into_owned())
                .collect();
            Err(format!("{count} .kith files in {place} ({}) and none is {DEFAULT_FILE}: {hint}", names.join(", ")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn the_default_file_is_the_only_one_else_network_kith() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let root = folder.path();
        assert!(network_file(root, "use --file").expect_err("empty").ends_with(": use --file"));
        fs::write(root.join("mine.kith"), "").expect("write");
        fs::write(root.join("notes.txt"), "").expect("write");
        assert_eq!(network_file(root, "").expect("the only one"), root.join("mine.kith"));
        fs::write(root.join("other.kith"), "").expect("write");
        let several = network_file(root, "use --file").expect_err("two and no network.kith");
        assert!(several.contains("2 .kith files") && several.contains("mine.kith, other.kith"), "{several}");
        fs::write(root.join("network.kith"), "").expect("write");
        assert_eq!(network_file(root, "").expect("network.kith"), root.join("network.kith"));
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_network_file_is_the_default_file() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let root = folder.path();
        fs::create_dir(root.join("home")).expect("create a folder");
        fs::write(root.join("network.kith"), "").expect("write");
        std::os::unix::fs::symlink("../network.kith", root.join("home/mine.kith")).expect("link");
        assert_eq!(network_file(&root.join("home"), "").expect("the linked one"), root.join("home/mine.kith"));
    }

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
