//! The network a command works on: reading it, which file it is when none is named, and
//! the "did you mean" for an id or a role that is not in it. Shared by every command that
//! reads or writes a network.

use crate::discover::{discover, Source};
use crate::status::io_reason;
use kith_core::catalog::Catalog;
use kith_core::model::Network;
use kith_core::suggest;
use kith_core::text::bom_len;
use std::path::{Path, PathBuf};

/// The text of `source`, without a leading byte-order mark (so columns on the first line
/// count what an editor shows), or a one-line message saying why it cannot be checked.
pub(crate) fn read(source: &Source) -> Result<String, String> {
    let mut text = source.read_text("check")?;
    text.drain(..bom_len(&text));
    Ok(text)
}

/// The file used when neither a path nor `--file` names one and the folder holds several.
const DEFAULT_FILE: &str = "network.kith";

/// "no person `adda` in `network.kith`: did you mean `ada`?", matching ids, then display names.
pub(crate) fn unknown_person(id: &str, file: &str, network: &Network) -> String {
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

/// The one network `paths` name (none: the current folder), for a command that works on
/// one: `what` completes "a {what} works on one network", `command` is the command's name
/// for the example.
pub(crate) fn one_network(paths: &[PathBuf], what: &str, command: &str) -> Result<Source, String> {
    let discovery = discover(paths);
    if let Some(error) = discovery.errors.into_iter().next() {
        return Err(error);
    }
    match <[Source; 1]>::try_from(discovery.sources) {
        Ok([source]) => Ok(source),
        Err(sources) => {
            let names: Vec<String> = sources.iter().map(ToString::to_string).collect();
            let example = names.first().map_or("network.kith", String::as_str);
            Err(format!(
                "{what} one network, and {} .kith files were found ({}): name one, like `kith {command} {example}`",
                names.len(),
                names.join(", ")
            ))
        }
    }
}

/// The file `--file` names, else the network file of the current folder.
pub(crate) fn chosen_file(file: Option<&Path>) -> Result<PathBuf, String> {
    match file {
        Some(path) => Ok(path.to_path_buf()),
        None => network_file(Path::new("."), "choose one with `--file`"),
    }
}

/// "`mentr` is not a role in `network.kith`: did you mean `mentor`?", or the roles there are.
pub(crate) fn unknown_role(role: &str, file: &str, catalog: &Catalog) -> String {
    let roles = || catalog.roles.iter().map(|role| role.id.as_str());
    match suggest::closest(role, roles()) {
        Some(closest) => format!("`{role}` is not a role in `{file}`: did you mean `{closest}`?"),
        None => format!("`{role}` is not a role in `{file}`: the roles are {}", roles().collect::<Vec<_>>().join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("bom.kith");
        fs::write(&path, "\u{feff}person ada \"Ada\"\n").expect("write the file");
        assert_eq!(read(&Source::File(path)), Ok("person ada \"Ada\"\n".to_string()));
    }

    #[test]
    fn text_that_is_not_utf8_names_the_line() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("latin1.kith");
        fs::write(&path, b"person ada \"Ada\"\n  note \"caf\xe9\"\n").expect("write the file");
        let message = read(&Source::File(path)).expect_err("Latin-1 is not UTF-8");
        assert!(message.contains("latin1.kith"), "{message}");
        assert!(message.contains("not UTF-8 text (first invalid byte on line 2)"), "{message}");
    }

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
    fn an_unknown_role_offers_the_closest_or_lists_them() {
        let network = kith_core::check("", jiff::civil::date(2026, 11, 25)).network;
        let catalog = Catalog::new(&network);
        assert_eq!(
            unknown_role("mentr", "n.kith", &catalog),
            "`mentr` is not a role in `n.kith`: did you mean `mentor`?"
        );
        assert!(unknown_role("zzzzzzzz", "n.kith", &catalog).contains("the roles are champion, connector, sponsor,"));
    }
}
