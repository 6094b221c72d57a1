//! The network an open document belongs to (`include`): its root file — a `.kith` file in
//! the document's folder or a folder above it (up to the workspace folder) whose network
//! includes the document, else the document itself when it includes others — and the
//! lints of the document checked with the rest of that network, the other files read from
//! disk or, when open, from the editor.

use crate::edit::{PositionEncoding, Positions};
use kith_core::include::{check_files, NetworkFiles};
use kith_core::{Analysis, Date, LineIndex, Lint, Span};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types::{Location, Uri};

/// How many folders above the document are searched for a root when no workspace folder
/// holds it.
const FOLDERS_ABOVE: usize = 3;

/// The root file of the network of the document at `path` whose text is `text`; `None`
/// when it is a network of its own. `read` gives a file's text (an open document's, or the
/// disk's).
pub(crate) fn root_of(
    path: &Path,
    text: &str,
    workspace: &[PathBuf],
    read: &impl Fn(&Path) -> Option<String>,
) -> Option<PathBuf> {
    let limit =
        workspace.iter().filter(|folder| path.starts_with(folder)).max_by_key(|folder| folder.as_os_str().len());
    let mut folder = path.parent();
    let mut searched = 0;
    while let Some(current) = folder {
        for candidate in kith_files(current).into_iter().filter(|candidate| candidate != path) {
            if let Some(text) = read(&candidate) {
                if load(&candidate, text, read)
                    .files()
                    .iter()
                    .skip(1)
                    .any(|file| same_file(&file_path(&candidate, &file.path), path))
                {
                    return Some(candidate);
                }
            }
        }
        searched += 1;
        if limit.is_some_and(|limit| current == limit) || (limit.is_none() && searched > FOLDERS_ABOVE) {
            break;
        }
        folder = current.parent();
    }
    has_include(text).then(|| path.to_path_buf())
}

/// Whether `text` has an `include` line.
pub(crate) fn has_include(text: &str) -> bool {
    text.lines().any(|line| line.starts_with("include ") || line.starts_with("include\t"))
}

/// A document's network: its files, their paths, the analysis of the whole, and which
/// file the document is. Navigation across files reads it.
pub(crate) struct NetworkView {
    files: NetworkFiles,
    paths: Vec<PathBuf>,
    pub(crate) analysis: Analysis,
    /// The document's place among the files.
    index: usize,
}

impl NetworkView {
    /// The network whose root is `root` with the document at `path` (text `text`) in it;
    /// `None` when the document is not (or no longer) part of it.
    pub(crate) fn load(
        root: &Path,
        path: &Path,
        text: &str,
        today: Date,
        read: &impl Fn(&Path) -> Option<String>,
    ) -> Option<Self> {
        let overlay = |file: &Path| if same_file(file, path) { Some(text.to_string()) } else { read(file) };
        let root_text = overlay(root)?;
        let files = load(root, root_text, &overlay);
        let paths: Vec<PathBuf> = files.files().iter().map(|file| file_path(root, &file.path)).collect();
        let index = paths.iter().position(|file| same_file(file, path))?;
        let analysis = check_files(&files, today, NonZeroUsize::MIN);
        Some(Self { files, paths, analysis, index })
    }

    /// The lints of the document, in its coordinates.
    pub(crate) fn lints(&self) -> Vec<Lint> {
        self.local_lints().into_iter().map(|(lint, _)| lint).collect()
    }

    /// The related places of the document's lints (in [`NetworkView::lints`]' order) that
    /// are in other files of the network, with their messages: the first of two duplicates
    /// in another file, say.
    pub(crate) fn related_elsewhere(&self, encoding: PositionEncoding) -> Vec<Vec<(Location, String)>> {
        self.local_lints()
            .into_iter()
            .map(|(_, elsewhere)| {
                elsewhere
                    .into_iter()
                    .filter_map(|(file, related)| {
                        let span = self.files.joined_span(file, related.span);
                        Some((self.location(span, encoding)?, related.message))
                    })
                    .collect()
            })
            .collect()
    }

    /// The document's lints in its coordinates, each with its related places elsewhere.
    fn local_lints(&self) -> Vec<(Lint, Vec<(usize, kith_core::Related)>)> {
        let bom = kith_core::text::bom_len(&self.files.files()[self.index].text);
        self.analysis
            .lints
            .iter()
            .map(|lint| self.files.localise(lint.clone()))
            .filter(|local| local.file == self.index)
            .map(|local| (shifted(local.lint, bom), local.elsewhere))
            .collect()
    }

    /// The offset in the joined text of an offset of the document's text.
    pub(crate) fn joined_offset(&self, offset: usize) -> usize {
        let bom = kith_core::text::bom_len(&self.files.files()[self.index].text);
        self.files.joined_span(self.index, Span::empty(offset.saturating_sub(bom))).start
    }

    /// The file and range of a span of the joined text, in `encoding`.
    pub(crate) fn location(&self, span: Span, encoding: PositionEncoding) -> Option<Location> {
        let (file, local) = self.files.locate(span);
        let text = &self.files.files()[file].text;
        let bom = kith_core::text::bom_len(text);
        let uri = Uri::from_file_path(&self.paths[file])?;
        let index = LineIndex::new(text);
        let positions = Positions { text, index: &index, encoding };
        Some(Location::new(uri, positions.range(Span::new(local.start + bom, local.end + bom))))
    }
}

/// The network whose root file is `root`, of text `text`.
fn load(root: &Path, text: String, read: &impl Fn(&Path) -> Option<String>) -> NetworkFiles {
    let name = root.file_name().map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    NetworkFiles::load(&name, text, |relative| {
        read(&file_path(root, relative)).ok_or_else(|| "no such file or folder".to_string())
    })
}

/// The path of a file of the network of `root`, given relative to the root's folder.
fn file_path(root: &Path, relative: &str) -> PathBuf {
    root.parent().unwrap_or(Path::new("")).join(relative)
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || std::fs::canonicalize(a).ok().zip(std::fs::canonicalize(b).ok()).is_some_and(|(a, b)| a == b)
}

/// The `.kith` files of `folder`, sorted.
fn kith_files(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "kith") && path.is_file())
        .collect();
    files.sort();
    files
}

/// `lint` with its spans moved past a byte-order mark of `bom` bytes: the network's spans
/// are in the file's content, the document's include the mark.
fn shifted(mut lint: Lint, bom: usize) -> Lint {
    if bom == 0 {
        return lint;
    }
    let shift = |span: &mut Span| *span = Span::new(span.start + bom, span.end + bom);
    shift(&mut lint.span);
    lint.related.iter_mut().for_each(|related| shift(&mut related.span));
    lint.fixes.iter_mut().flat_map(|fix| fix.edits.iter_mut()).for_each(|edit| shift(&mut edit.span));
    lint
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    const TODAY: Date = jiff::civil::date(2026, 11, 25);

    fn disk(path: &Path) -> Option<String> {
        fs::read_to_string(path).ok()
    }

    #[test]
    fn an_included_document_finds_its_root_above_it_and_its_references_resolve() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let root = folder.path().join("network.kith");
        let contacts = folder.path().join("contacts");
        fs::create_dir(&contacts).expect("create contacts/");
        let included = contacts.join("linkedin.kith");
        fs::write(&root, "include \"contacts/linkedin.kith\"\nperson ada \"Ada\"\n  met 2020-01-01\n").expect("write");
        let text = "person bob \"Bob\"\n  via @ada\n  knows @nobody\n";
        fs::write(&included, text).expect("write");
        assert_eq!(root_of(&included, text, &[folder.path().to_path_buf()], &disk), Some(root.clone()));
        let lints = NetworkView::load(&root, &included, text, TODAY, &disk).expect("a network of two files").lints();
        let unknown: Vec<&str> =
            lints.iter().filter(|lint| lint.code == "unknown-reference").map(|lint| &text[lint.span.range()]).collect();
        assert_eq!(unknown, ["@nobody"], "`@ada` is in the root file; `@nobody` nowhere");
        let edited = "person bob \"Bob\"\n  via @adda\n";
        let lints =
            NetworkView::load(&root, &included, edited, TODAY, &disk).expect("the editor's text counts").lints();
        assert!(lints.iter().any(|lint| lint.code == "unknown-reference"), "{lints:#?}");
    }

    #[test]
    fn a_document_alone_has_no_network() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let alone = folder.path().join("alone.kith");
        fs::write(&alone, "person ada \"Ada\"\n").expect("write");
        assert_eq!(root_of(&alone, "person ada \"Ada\"\n", &[], &disk), None);
        let root = folder.path().join("root.kith");
        assert_eq!(root_of(&root, "include \"more.kith\"\n", &[], &disk), Some(root.clone()), "it includes others");
    }
}
