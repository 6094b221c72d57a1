//! Which files `kith check` reads: the paths given, every `*.kith` below each folder
//! (honouring `.gitignore` and `.ignore`, even outside a git repository, and following
//! symbolic links), or standard input.

use crate::status::io_reason;
use ignore::WalkBuilder;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The extension of the files a folder contributes.
const EXTENSION: &str = "kith";

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    Stdin,
    File(PathBuf),
}

impl fmt::Display for Source {
    /// How the source is named in output: `<stdin>`, or the path without a leading `./`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Stdin => f.write_str("<stdin>"),
            Source::File(path) => write!(f, "{}", path.strip_prefix(".").unwrap_or(path).display()),
        }
    }
}

impl Source {
    /// The source's text as it is (a byte-order mark included), or a one-line message naming
    /// it, why it cannot be used and the fix; `purpose` completes "cannot {purpose} `name`".
    pub(crate) fn read_text(&self, purpose: &str) -> Result<String, String> {
        let bytes = match self {
            Source::Stdin => {
                let mut bytes = Vec::new();
                io::Read::read_to_end(&mut io::stdin().lock(), &mut bytes)
                    .map_err(|error| format!("cannot read standard input: {}", io_reason(&error)))?;
                bytes
            }
            Source::File(path) => {
                std::fs::read(path).map_err(|error| format!("cannot read `{self}`: {}", io_reason(&error)))?
            }
        };
        self.decode(bytes, purpose)
    }

    /// `bytes` read from this source as text, or a message naming the source and the first
    /// line that is not UTF-8; `purpose` as for [`Source::read_text`].
    pub(crate) fn decode(&self, bytes: Vec<u8>, purpose: &str) -> Result<String, String> {
        String::from_utf8(bytes).map_err(|error| {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&byte| byte == b'\n').count() + 1;
            format!(
                "cannot {purpose} `{self}`: it is not UTF-8 text (first invalid byte on line {line}); save it as UTF-8"
            )
        })
    }
}

/// The inputs found, in order, and one message per path that could not be used.
#[derive(Debug, Default)]
pub(crate) struct Discovery {
    pub sources: Vec<Source>,
    pub errors: Vec<String>,
}

/// Expands `paths` (none means the current folder) into the sources to check: `-` is
/// standard input, a file is itself (whatever its extension), a folder is every `*.kith`
/// file below it in sorted order. A source named twice is checked once.
pub(crate) fn discover(paths: &[PathBuf]) -> Discovery {
    let mut discovery = Discovery::default();
    if paths.is_empty() {
        discovery.add_folder(Path::new("."));
    }
    for path in paths {
        if path.as_os_str() == "-" {
            discovery.push(Source::Stdin);
            continue;
        }
        match path.metadata() {
            Ok(metadata) if metadata.is_dir() => discovery.add_folder(path),
            Ok(_) => discovery.push(Source::File(path.clone())),
            Err(error) if error.kind() == io::ErrorKind::NotFound => discovery.errors.push(format!(
                "`{}` does not exist: pass a .kith file, a folder, or `-` for standard input",
                path.display()
            )),
            Err(error) => discovery.errors.push(format!("cannot read `{}`: {}", path.display(), io_reason(&error))),
        }
    }
    discovery
}

impl Discovery {
    fn push(&mut self, source: Source) {
        if !self.sources.contains(&source) {
            self.sources.push(source);
        }
    }

    fn add_folder(&mut self, folder: &Path) {
        let mut files = Vec::new();
        // Links are followed, to files and folders alike (dotfiles kept with stow, synced
        // folders); a loop is reported once and skipped.
        for entry in WalkBuilder::new(folder).require_git(false).follow_links(true).build() {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|kind| kind.is_file());
                    if is_file && entry.path().extension().is_some_and(|extension| extension == EXTENSION) {
                        files.push(entry.into_path());
                    }
                }
                Err(error) => self.errors.push(format!("cannot read below `{}`: {error}", folder.display())),
            }
        }
        if files.is_empty() {
            let name = if folder == Path::new(".") {
                "the current folder".to_string()
            } else {
                format!("`{}`", folder.display())
            };
            self.errors.push(format!(
                "no .kith files in {name} (files ignored by .gitignore are skipped): pass a file or a folder that holds *.kith files"
            ));
        }
        files.sort();
        for file in files {
            self.push(Source::File(file));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn names(discovery: &Discovery) -> Vec<String> {
        discovery.sources.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn folders_yield_sorted_kith_files_and_skip_ignored_ones() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let root = folder.path();
        fs::create_dir_all(root.join("b/deep")).expect("create folders");
        for file in ["z.kith", "a.kith", "b/deep/c.kith", "notes.txt", "ignored.kith"] {
            fs::write(root.join(file), "").expect("write a file");
        }
        fs::write(root.join(".gitignore"), "ignored.kith\n").expect("write .gitignore");
        let discovery = discover(&[root.to_path_buf()]);
        let found: Vec<PathBuf> = discovery
            .sources
            .iter()
            .map(|source| match source {
                Source::File(path) => path.strip_prefix(root).expect("below the root").to_path_buf(),
                Source::Stdin => PathBuf::from("-"),
            })
            .collect();
        assert_eq!(found, [PathBuf::from("a.kith"), PathBuf::from("b/deep/c.kith"), PathBuf::from("z.kith")]);
        assert!(discovery.errors.is_empty(), "{:?}", discovery.errors);
    }

    #[cfg(unix)]
    #[test]
    fn linked_files_and_folders_are_followed() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let root = folder.path();
        fs::create_dir_all(root.join("dotfiles/contacts")).expect("create folders");
        fs::write(root.join("dotfiles/network.kith"), "").expect("write a file");
        fs::write(root.join("dotfiles/contacts/linkedin.kith"), "").expect("write a file");
        fs::create_dir(root.join("home")).expect("create a folder");
        std::os::unix::fs::symlink("../dotfiles/network.kith", root.join("home/network.kith")).expect("link a file");
        std::os::unix::fs::symlink("../dotfiles/contacts", root.join("home/contacts")).expect("link a folder");
        let discovery = discover(&[root.join("home")]);
        let found: Vec<PathBuf> = discovery
            .sources
            .iter()
            .filter_map(|source| match source {
                Source::File(path) => path.strip_prefix(root.join("home")).ok().map(Path::to_path_buf),
                Source::Stdin => None,
            })
            .collect();
        assert_eq!(found, [PathBuf::from("contacts/linkedin.kith"), PathBuf::from("network.kith")]);
        assert!(discovery.errors.is_empty(), "{:?}", discovery.errors);
    }

    #[test]
    fn explicit_files_and_stdin_are_kept_once_in_order() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let file = folder.path().join("list.txt");
        fs::write(&file, "").expect("write a file");
        let discovery = discover(&[PathBuf::from("-"), file.clone(), PathBuf::from("-"), file.clone()]);
        assert_eq!(discovery.sources, [Source::Stdin, Source::File(file)]);
    }

    #[test]
    fn missing_paths_and_empty_folders_are_errors_naming_them() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let missing = folder.path().join("nowhere.kith");
        let discovery = discover(&[missing.clone(), folder.path().to_path_buf()]);
        assert!(discovery.sources.is_empty());
        assert_eq!(discovery.errors.len(), 2, "{:?}", discovery.errors);
        assert!(discovery.errors[0].contains(&missing.display().to_string()));
        assert!(discovery.errors[0].contains("does not exist"));
        assert!(discovery.errors[1].starts_with("no .kith files in `"));
    }

    #[test]
    fn names_drop_the_current_folder_prefix() {
        assert_eq!(
            names(&Discovery { sources: vec![Source::File("./a/b.kith".into()), Source::Stdin], errors: vec![] }),
            ["a/b.kith", "<stdin>"]
        );
    }
}
