//! The network a command works on: reading it, which file it is when none is named, and
//! the "did you mean" for an id or a role that is not in it. Shared by every command that
//! reads or writes a network.

use crate::discover::{discover, Source};
use crate::output::CheckedFile;
use crate::status::io_reason;
use crate::write::update_file;
use kith_core::catalog::Catalog;
use kith_core::include::{check_files, LocalLint, NetworkFiles};
use kith_core::model::Network;
use kith_core::model::Person;
use kith_core::suggest;
use kith_core::text::bom_len;
use kith_core::{Analysis, Date, LineIndex, Lint, TextEdit};
use std::collections::HashSet;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

/// The text of `source`, without a leading byte-order mark (so columns on the first line
/// count what an editor shows), or a one-line message saying why it cannot be checked.
pub(crate) fn read(source: &Source) -> Result<String, String> {
    let mut text = source.read_text("check")?;
    text.drain(..bom_len(&text));
    Ok(text)
}

/// A network as read from disk: its files ([`NetworkFiles`], the root first) and each
/// file's name as the user knows it (the root's as given, the others beside it).
pub(crate) struct Loaded {
    pub files: NetworkFiles,
    pub names: Vec<String>,
}

impl Loaded {
    /// The lints of `analysis` (of this network), each in the file it sits in: one
    /// `CheckedFile` per file, in reading order, with the lints `keep` keeps. A related
    /// place in another file is named at the end of the message.
    pub(crate) fn checked_files(
        &self,
        lints: Vec<Lint>,
        mut keep: impl FnMut(&Lint) -> bool,
    ) -> (Vec<CheckedFile>, usize) {
        let mut per_file: Vec<Vec<Lint>> = vec![Vec::new(); self.names.len()];
        let mut hidden = 0;
        for lint in lints {
            if !keep(&lint) {
                hidden += 1;
                continue;
            }
            let LocalLint { file, mut lint, elsewhere } = self.files.localise(lint);
            for (other, related) in elsewhere {
                let text = self.files.files()[other].content();
                let line = LineIndex::new(text).line_of(related.span.start) + 1;
                lint.message = format!("{} ({}: {}:{line})", lint.message, related.message, self.names[other]);
            }
            per_file[file].push(lint);
        }
        let files = self
            .files
            .files()
            .iter()
            .zip(&self.names)
            .zip(per_file)
            .map(|((file, name), lints)| CheckedFile::new(name.clone(), file.content().to_string(), lints))
            .collect();
        (files, hidden)
    }
}

/// The network whose root is `source`: the file and every file it includes, read relative
/// to its folder; `purpose` completes "cannot {purpose} `name`". Standard input is a network of itself (its `include`s name no folder).
pub(crate) fn load(source: &Source, purpose: &str) -> Result<Loaded, String> {
    let text = source.read_text(purpose)?;
    match source {
        Source::File(path) => Ok(load_with(path, text, None)),
        Source::Stdin => Ok(Loaded { files: NetworkFiles::single("<stdin>", text), names: vec![source.to_string()] }),
    }
}

/// The network whose root file is `root`, of text `root_text`, its other files read from
/// disk — but for `overlay`, a file (by its path relative to the root's folder) whose text
/// is given.
fn load_with(root: &Path, root_text: String, overlay: Option<(&str, &str)>) -> Loaded {
    let folder = root.parent().unwrap_or(Path::new(""));
    let source = Source::File(root.to_path_buf());
    let name = root.file_name().map_or_else(|| source.to_string(), |name| name.to_string_lossy().into_owned());
    let files = NetworkFiles::load(&name, root_text, |relative| {
        if let Some((_, text)) = overlay.filter(|(path, _)| *path == relative) {
            return Ok(text.to_string());
        }
        let bytes = std::fs::read(folder.join(relative)).map_err(|error| io_reason(&error))?;
        String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text; save it as UTF-8".to_string())
    });
    let mut names = vec![source.to_string()];
    for file in &files.files()[1..] {
        names.push(Source::File(folder.join(&file.path)).to_string());
    }
    Loaded { files, names }
}

/// One file of a network, for fixing it with the rest of the network around it.
pub(crate) struct FileOfNetwork {
    /// The network's root file.
    pub root: PathBuf,
    /// The file's path relative to the root's folder, and its place in the network.
    pub path: String,
    pub index: usize,
}

/// The lints of one file of a network whose text is `text` (the other files as on disk),
/// checked with the whole network as of `today`, in that file's coordinates.
pub(crate) fn lints_of_file(part: &FileOfNetwork, text: &str, today: Date) -> Vec<Lint> {
    let network = match part.index {
        0 => load_with(&part.root, text.to_string(), None),
        _ => {
            let root_text = Source::File(part.root.clone()).read_text("fix").unwrap_or_default();
            load_with(&part.root, root_text, Some((&part.path, text)))
        }
    };
    let analysis = check_files(&network.files, today, NonZeroUsize::MIN);
    analysis
        .lints
        .into_iter()
        .map(|lint| network.files.localise(lint))
        .filter(|local| match part.index {
            0 => local.file == 0,
            _ => network.files.files()[local.file].path == part.path,
        })
        .map(|local| local.lint)
        .collect()
}

/// What [`edit_person`] did.
pub(crate) struct Edited<T> {
    /// The file it wrote (or left as it was), as the user knows it.
    pub file: String,
    /// That file's text before, without its byte-order mark, and the edits made to it.
    pub before: String,
    pub edits: Vec<TextEdit>,
    /// The whole network after the change.
    pub after: Analysis,
    /// What the change said of itself.
    pub result: T,
}

/// Changes the block of the person `id` in the network whose root file is `root`, in the
/// file of the network where that block is: under that file's lock, the network is read
/// again (that file as it is now), `change` decides the edits — in the coordinates of the
/// joined text, from the network's analysis — and the file is written safely. An unknown
/// id gets a "did you mean"; `purpose` completes "cannot {purpose} `name`".
pub(crate) fn edit_person<T>(
    root: &Path,
    id: &str,
    today: Date,
    purpose: &str,
    mut change: impl FnMut(&str, &Analysis, &Person, &str) -> Result<(Vec<TextEdit>, T), String>,
) -> Result<Edited<T>, String> {
    let id = id.strip_prefix('@').unwrap_or(id);
    let root_source = Source::File(root.to_path_buf());
    let network = load(&root_source, purpose)?;
    let analysis = check_files(&network.files, today, NonZeroUsize::MIN);
    let person = analysis.network.person(id).ok_or_else(|| unknown_person(id, &network.names[0], &analysis.network))?;
    let (index, _) = network.files.locate(person.header);
    let relative = network.files.files()[index].path.clone();
    let name = network.names[index].clone();
    let target = match index {
        0 => root.to_path_buf(),
        _ => root.parent().unwrap_or(Path::new("")).join(&relative),
    };
    let mut edited = None;
    update_file(&target, |current| {
        let Some(bytes) = current else {
            return Err(format!("cannot read `{name}`: no such file or folder"));
        };
        let text = Source::File(target.clone()).decode(bytes.to_vec(), purpose)?;
        let network = match index {
            0 => load_with(root, text.clone(), None),
            _ => load_with(root, root_source.read_text(purpose)?, Some((&relative, &text))),
        };
        let files = &network.files;
        let analysis = check_files(files, today, NonZeroUsize::MIN);
        let person = analysis.network.person(id).ok_or_else(|| unknown_person(id, &name, &analysis.network))?;
        let (edits, result) = change(files.joined(), &analysis, person, &name)?;
        let mut local = Vec::with_capacity(edits.len());
        for edit in &edits {
            let (file, span) = files.locate(edit.span);
            if files.files()[file].path != relative {
                return Err(format!(
                    "cannot {purpose} `{name}`: the change would reach into `{}`",
                    network.names[file]
                ));
            }
            local.push(TextEdit { span, new_text: edit.new_text.clone() });
        }
        let content = kith_core::text::strip_bom(&text);
        let new_content = apply_edits(content, &local);
        let after = kith_core::check(&apply_edits(files.joined(), &edits), today);
        let written =
            (new_content != content).then(|| format!("{}{new_content}", &text[..bom_len(&text)]).into_bytes());
        edited = Some(Edited { file: name.clone(), before: content.to_string(), edits: local, after, result });
        Ok(written)
    })?;
    edited.ok_or_else(|| format!("cannot {purpose} `{name}`"))
}

/// `text` with `edits` (which do not overlap) applied.
fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|edit| std::cmp::Reverse(edit.span.start));
    sorted.iter().fold(text.to_string(), |text, edit| {
        format!("{}{}{}", &text[..edit.span.start], edit.new_text, &text[edit.span.end..])
    })
}

/// The network whose root is `source`, checked as of `today` (every file it includes is
/// part of it).
pub(crate) fn analyse(source: &Source, today: Date) -> Result<Analysis, String> {
    let network = load(source, "check")?;
    let threads = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
    Ok(check_files(&network.files, today, threads))
}

/// The people of the network the file `path` is part of who live in its other files (none
/// when it is a network of its own, or cannot be read).
pub(crate) fn people_elsewhere(path: &Path, today: Date) -> Vec<Person> {
    let target = canonical(path);
    if !path.exists() {
        // A file about to be created: the network whose root includes it, if one does.
        let beside = |folder: &Path, unread: &str| {
            let file = folder.join(unread);
            file == path
                || file.parent().map(canonical).zip(path.parent().map(canonical)).is_some_and(
                    |(folder, target_folder)| folder == target_folder && file.file_name() == path.file_name(),
                )
        };
        for found in discover(&[]).sources {
            let (Source::File(root), Ok(network)) = (&found, load(&found, "import into")) else { continue };
            let folder = root.parent().unwrap_or(Path::new(""));
            if network.files.unread().iter().any(|unread| beside(folder, unread)) {
                return check_files(&network.files, today, NonZeroUsize::MIN).network.people;
            }
        }
        return Vec::new();
    }
    let Some((Source::File(root), Ok(network))) = roots(&[Source::File(path.to_path_buf())]).into_iter().next() else {
        return Vec::new();
    };
    if network.files.files().len() < 2 {
        return Vec::new();
    }
    let folder = root.parent().unwrap_or(Path::new(""));
    let file_is_target: Vec<bool> = network
        .files
        .files()
        .iter()
        .enumerate()
        .map(|(index, file)| canonical(&if index == 0 { root.clone() } else { folder.join(&file.path) }) == target)
        .collect();
    let analysis = check_files(&network.files, today, NonZeroUsize::MIN);
    analysis
        .network
        .people
        .into_iter()
        .filter(|person| !file_is_target[network.files.locate(person.header).0])
        .collect()
}

/// The networks of `sources`, by their roots: a file that another file's network includes
/// is checked as part of it, never on its own — another of `sources`, or a `.kith` file
/// below the current folder, so that a file named alone (as pre-commit names the files it
/// stages) is still judged with the rest of its network. Each item is a root and its
/// network, or a message saying why the source cannot be read.
pub(crate) fn roots(sources: &[Source]) -> Vec<(Source, Result<Loaded, String>)> {
    let named: HashSet<PathBuf> = sources
        .iter()
        .filter_map(|source| match source {
            Source::File(path) => Some(canonical(path)),
            Source::Stdin => None,
        })
        .collect();
    let mut loaded: Vec<(Source, Result<Loaded, String>, bool)> =
        sources.iter().map(|source| (source.clone(), load(source, "check"), true)).collect();
    for found in discover(&[]).sources {
        if let Source::File(path) = &found {
            if !named.contains(&canonical(path)) {
                let network = load(&found, "check");
                loaded.push((found, network, false));
            }
        }
    }
    let mut included = HashSet::new();
    let mut includes_a_named_file = Vec::with_capacity(loaded.len());
    for (source, network, _) in &loaded {
        let mut names_one = false;
        if let (Source::File(root), Ok(network)) = (source, network) {
            let folder = root.parent().unwrap_or(Path::new(""));
            for file in &network.files.files()[1..] {
                let path = canonical(&folder.join(&file.path));
                names_one |= named.contains(&path);
                included.insert(path);
            }
        }
        includes_a_named_file.push(names_one);
    }
    loaded
        .into_iter()
        .zip(includes_a_named_file)
        .filter(|((source, _, is_named), includes_named)| {
            let is_root = match source {
                Source::File(path) => !included.contains(&canonical(path)),
                Source::Stdin => true,
            };
            is_root && (*is_named || *includes_named)
        })
        .map(|((source, network, _), _)| (source, network))
        .collect()
}

/// A path as the file system resolves it (links, `..`), or as given when it cannot.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
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

/// The one network `paths` name (none: the current folder: its one root file), checked
/// as of `today`, for a command that works on one: `what` completes "a {what} works on one network", `command` is the command's name
/// for the example.
pub(crate) fn one_network(
    paths: &[PathBuf],
    what: &str,
    command: &str,
    today: Date,
) -> Result<(Source, Analysis), String> {
    let discovery = discover(paths);
    if let Some(error) = discovery.errors.into_iter().next() {
        return Err(error);
    }
    // A file another one includes is part of that network, not one of its own; each is
    // read once (standard input can be read only once).
    match <[(Source, Result<Loaded, String>); 1]>::try_from(roots(&discovery.sources)) {
        Ok([(source, network)]) => {
            let threads = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
            Ok((source, check_files(&network?.files, today, threads)))
        }
        Err(networks) => {
            let names: Vec<String> = networks.iter().map(|(source, _)| source.to_string()).collect();
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
