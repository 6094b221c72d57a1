//! Safe writes: every command that changes a file writes a temporary file beside it and
//! renames it over the original, keeping its permissions, so an interrupted write never
//! leaves a half-written file.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Replaces the contents of `path` with `contents` atomically: on any failure, or if the
/// process dies mid-way, `path` still holds either its old or its new contents, whole.
pub fn replace_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new().prefix(".kith-").suffix(".tmp").tempfile_in(directory)?;
    temporary.write_all(contents)?;
    temporary.as_file().sync_all()?;
    if let Ok(metadata) = fs::metadata(path) {
        temporary.as_file().set_permissions(metadata.permissions())?;
    }
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_contents_and_leaves_no_temporary_file() {
        let directory = tempfile::tempdir().expect("a temporary folder");
        let path = directory.path().join("network.kith");
        fs::write(&path, "old").expect("writable");
        replace_file(&path, b"new").expect("replaced");
        assert_eq!(fs::read_to_string(&path).expect("readable"), "new");
        let names: Vec<_> = fs::read_dir(directory.path()).expect("listable").map(|entry| entry.expect("entry").file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("network.kith")]);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_original_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let directory = tempfile::tempdir().expect("a temporary folder");
        let path = directory.path().join("network.kith");
        fs::write(&path, "old").expect("writable");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        replace_file(&path, b"new").expect("replaced");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn a_missing_folder_is_an_error_and_writes_nothing() {
        let directory = tempfile::tempdir().expect("a temporary folder");
        let path = directory.path().join("missing/network.kith");
        assert!(replace_file(&path, b"new").is_err());
        assert!(!path.exists());
    }
}
