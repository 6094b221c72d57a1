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
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kith-").suffix(".tmp");
    // A new file gets the usual 0666 less the umask, not a temporary file's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(directory)?;
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
        let names: Vec<_> =
            fs::read_dir(directory.path()).expect("listable").map(|entry| entry.expect("entry").file_name()).collect();
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

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_readable_by_others_as_the_umask_allows() {
        use std::os::unix::fs::PermissionsExt;
        let directory = tempfile::tempdir().expect("a temporary folder");
        let path = directory.path().join("report.html");
        replace_file(&path, b"new").expect("written");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
        assert_ne!(mode & 0o044, 0, "mode {mode:o} hides the file from group and others");
    }

    #[test]
    fn a_missing_folder_is_an_error_and_writes_nothing() {
        let directory = tempfile::tempdir().expect("a temporary folder");
        let path = directory.path().join("missing/network.kith");
        assert!(replace_file(&path, b"new").is_err());
        assert!(!path.exists());
    }
}
