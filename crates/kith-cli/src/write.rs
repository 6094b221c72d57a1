//! Safe writes: every file a command changes is read and replaced under an advisory lock,
//! through any symbolic links, by a temporary file renamed over it, so that concurrent
//! kith commands never lose each other's changes, an interrupted write never leaves a
//! half-written file, a link stays a link and a read-only file stays untouched.
//! docs/reliability.md states these promises and the tests behind each.

use crate::status::io_reason;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// How many symbolic links a path may go through before it is refused as a loop.
const MAX_LINKS: usize = 40;

/// Updates the file at `path`: `change` gets its current contents (`None` when there is no
/// such file yet) and returns the new contents, or `None` to leave the file as it is.
/// Returns whether the file was written; an error is a one-line message naming the file
/// and saying it is unchanged, or `change`'s own message.
///
/// - **Concurrent commands**: the file is locked (`flock`, advisory) from before it is read
///   until it has been replaced, and read again if another command replaced it meanwhile, so
///   `change` always sees the latest contents and no update is lost.
/// - **Interruptions**: the new contents go to a temporary file beside the target, flushed
///   to disk, then renamed over it: whatever happens, the file holds its old or its new
///   contents, whole.
/// - **Links**: a symbolic link is followed to the file it names, which is replaced; the
///   link stays a link.
/// - **Permissions**: the file keeps its mode (and, where allowed, its owner); a file without
///   write permission is refused, not replaced.
pub(crate) fn update_file(
    path: &Path,
    mut change: impl FnMut(Option<&[u8]>) -> Result<Option<Vec<u8>>, String>,
) -> Result<bool, String> {
    let name = path.display();
    let unchanged = |error: &io::Error| format!("cannot write `{name}`: {}; it is unchanged", io_reason(error));
    let target = resolve_links(path).map_err(|error| unchanged(&error))?;
    loop {
        let Some(locked) = lock_current(&target).map_err(|error| unchanged(&error))? else { continue };
        let Some(new_contents) = change(locked.as_ref().map(|lock| lock.contents.as_slice()))? else {
            return Ok(false);
        };
        if let Some(lock) = &locked {
            refuse_read_only(&target, &lock.file).map_err(|reason| format!("cannot write `{name}`: {reason}"))?;
        }
        match replace(&target, &new_contents, locked.as_ref().map(|lock| &lock.file)) {
            Ok(()) => return Ok(true),
            // Another command created the file after this one found none: start over with
            // what it wrote.
            Err(error) if locked.is_none() && error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(unchanged(&error)),
        }
    }
}

/// Writes `contents` to `path` (created or replaced), safely as [`update_file`] does.
pub(crate) fn write_file(path: &Path, contents: &[u8]) -> Result<(), String> {
    update_file(path, |_| Ok(Some(contents.to_vec()))).map(|_| ())
}

/// The file `path` names once every symbolic link on it is followed (the path itself when
/// it is no link, or a link to a file that does not exist yet).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                // A relative link is relative to the folder that holds it.
                current = match current.parent() {
                    Some(folder) => folder.join(target),
                    None => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// An open, locked file and the contents read from it under the lock.
struct Locked {
    file: File,
    contents: Vec<u8>,
}

/// Locks `target` and reads it: `Ok(Some(None))` when there is no such file,
/// `Ok(None)` when another command replaced it between the open and the lock (try again).
fn lock_current(target: &Path) -> io::Result<Option<Option<Locked>>> {
    let mut file = match File::open(target) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Some(None)),
        Err(error) => return Err(error),
    };
    match file.lock() {
        Ok(()) => {}
        // A file system without locks (some network mounts): go on without one.
        Err(error) if error.kind() == io::ErrorKind::Unsupported => {}
        Err(error) => return Err(error),
    }
    if !is_same_file(&file, target)? {
        return Ok(None);
    }
    let mut contents = Vec::new();
    file.read_to_end(&mut contents)?;
    Ok(Some(Some(Locked { file, contents })))
}

/// Whether `path` still names the file `file` has open (it was not replaced or removed).
fn is_same_file(file: &File, path: &Path) -> io::Result<bool> {
    let now = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(error),
    };
    let open = file.metadata()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Ok(now.dev() == open.dev() && now.ino() == open.ino())
    }
    #[cfg(not(unix))]
    {
        Ok(now.len() == open.len() && now.modified().ok() == open.modified().ok())
    }
}

/// Refuses a file that may not be written: no write permission for anyone (even for root,
/// who could), or none for this user.
fn refuse_read_only(target: &Path, file: &File) -> Result<(), String> {
    let metadata = file.metadata().map_err(|error| io_reason(&error))?;
    let fix =
        format!("it is unchanged (make it writable, e.g. `chmod u+w {}`, to let kith change it)", target.display());
    if metadata.permissions().readonly() {
        return Err(format!("it is read-only; {fix}"));
    }
    match fs::OpenOptions::new().write(true).open(target) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
            Err(format!("you have no permission to write it; {fix}"))
        }
        Err(error) => Err(format!("{}; it is unchanged", io_reason(&error))),
    }
}

/// Writes `contents` to a temporary file beside `target`, flushes it to disk and renames it
/// over `target`, with the permissions and owner of `original` (the file being replaced).
/// Without an `original`, the rename fails with `AlreadyExists` rather than replace a file
/// that appeared meanwhile.
fn replace(target: &Path, contents: &[u8], original: Option<&File>) -> io::Result<()> {
    let folder = match target.parent() {
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
    let mut temporary = builder.tempfile_in(folder)?;
    temporary.write_all(contents)?;
    if let Some(original) = original {
        let metadata = original.metadata()?;
        temporary.as_file().set_permissions(metadata.permissions())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Only root may give a file away; for anyone else this keeps their own.
            let _ = std::os::unix::fs::fchown(temporary.as_file(), Some(metadata.uid()), Some(metadata.gid()));
        }
    }
    temporary.as_file().sync_all()?;
    match original {
        Some(_) => temporary.persist(target).map_err(|error| error.error)?,
        None => temporary.persist_noclobber(target).map_err(|error| error.error)?,
    };
    // The rename itself reaches the disk with the folder's entry.
    if let Ok(folder) = File::open(folder) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(folder: &Path) -> Vec<std::ffi::OsString> {
        let mut names: Vec<_> =
            fs::read_dir(folder).expect("listable").map(|entry| entry.expect("entry").file_name()).collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_contents_and_leaves_no_temporary_file() {
        let directory = tempfile::tempdir().expect("a temporary folder");
        let path = directory.path().join("network.kith");
        fs::write(&path, "old").expect("writable");
        write_file(&path, b"new").expect("replaced");
        assert_eq!(fs::read_to_string(&path).expect("readable"), "new");
        assert_eq!(names_in(directory.path()), vec![std::ffi::OsString::from("network.kith")]);
    }

    #[test]
    fn the_change_sees_the_current_contents_and_may_leave_them() {
        let directory = tempfile::tempdir().expect("a temporary folder");
        let path = directory.path().join("network.kith");
        let mut seen = Vec::new();
        let created = update_file(&path, |current| {
            seen.push(current.map(<[u8]>::to_vec));
            Ok(Some(b"first".to_vec()))
        });
        assert_eq!(created, Ok(true));
        let left = update_file(&path, |current| {
            seen.push(current.map(<[u8]>::to_vec));
            Ok(None)
        });
        assert_eq!(left, Ok(false));
        assert_eq!(seen, [None, Some(b"first".to_vec())]);
        assert_eq!(update_file(&path, |_| Err("no".to_string())), Err("no".to_string()));
        assert_eq!(fs::read_to_string(&path).expect("readable"), "first");
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_original_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let directory = tempfile::tempdir().expect("a temporary folder");
        let path = directory.path().join("network.kith");
        fs::write(&path, "old").expect("writable");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        write_file(&path, b"new").expect("replaced");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_readable_by_others_as_the_umask_allows() {
        use std::os::unix::fs::PermissionsExt;
        let directory = tempfile::tempdir().expect("a temporary folder");
        let path = directory.path().join("report.html");
        write_file(&path, b"new").expect("written");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
        assert_ne!(mode & 0o044, 0, "mode {mode:o} hides the file from group and others");
    }

    #[test]
    fn a_missing_folder_is_an_error_and_writes_nothing() {
        let directory = tempfile::tempdir().expect("a temporary folder");
        let path = directory.path().join("missing/network.kith");
        let error = write_file(&path, b"new").expect_err("no folder");
        assert!(error.contains("no such file or folder; it is unchanged"), "{error}");
        assert!(!path.exists());
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_to_the_file_they_name_and_stay_links() {
        let directory = tempfile::tempdir().expect("a temporary folder");
        let real = directory.path().join("dotfiles/real.kith");
        fs::create_dir(directory.path().join("dotfiles")).expect("a folder");
        fs::write(&real, "old").expect("writable");
        let link = directory.path().join("link.kith");
        let chained = directory.path().join("chained.kith");
        std::os::unix::fs::symlink("dotfiles/real.kith", &link).expect("a relative link");
        std::os::unix::fs::symlink(&link, &chained).expect("a link to the link");
        write_file(&chained, b"new").expect("written through both links");
        assert_eq!(fs::read_to_string(&real).expect("readable"), "new");
        assert!(fs::symlink_metadata(&link).expect("exists").file_type().is_symlink());
        assert!(fs::symlink_metadata(&chained).expect("exists").file_type().is_symlink());
        assert_eq!(names_in(&directory.path().join("dotfiles")), vec![std::ffi::OsString::from("real.kith")]);

        let dangling = directory.path().join("new.kith");
        std::os::unix::fs::symlink("dotfiles/created.kith", &dangling).expect("a link to no file yet");
        write_file(&dangling, b"created").expect("written");
        assert_eq!(fs::read_to_string(directory.path().join("dotfiles/created.kith")).expect("created"), "created");
        assert!(fs::symlink_metadata(&dangling).expect("exists").file_type().is_symlink());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_loop_is_an_error() {
        let directory = tempfile::tempdir().expect("a temporary folder");
        let (a, b) = (directory.path().join("a.kith"), directory.path().join("b.kith"));
        std::os::unix::fs::symlink(&b, &a).expect("link");
        std::os::unix::fs::symlink(&a, &b).expect("link");
        let error = write_file(&a, b"new").expect_err("a loop");
        assert!(error.contains("too many levels of symbolic links"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused_and_left_alone() {
        use std::os::unix::fs::PermissionsExt;
        let directory = tempfile::tempdir().expect("a temporary folder");
        let path = directory.path().join("network.kith");
        fs::write(&path, "old").expect("writable");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod");
        let error = write_file(&path, b"new").expect_err("read-only");
        assert!(error.contains("is read-only") && error.contains("chmod u+w"), "{error}");
        assert_eq!(fs::read_to_string(&path).expect("readable"), "old");
        assert_eq!(update_file(&path, |_| Ok(None)), Ok(false), "reading a read-only file is fine");
    }

    #[test]
    fn concurrent_updates_each_see_the_last_one() {
        let directory = tempfile::tempdir().expect("a temporary folder");
        let path = directory.path().join("counter");
        fs::write(&path, "0").expect("writable");
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for _ in 0..25 {
                        update_file(&path, |current| {
                            let count: u32 = std::str::from_utf8(current.unwrap_or_default())
                                .ok()
                                .and_then(|text| text.parse().ok())
                                .unwrap_or_default();
                            Ok(Some((count + 1).to_string().into_bytes()))
                        })
                        .expect("updated");
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().expect("no panic");
        }
        assert_eq!(fs::read_to_string(&path).expect("readable"), "200");
    }
}
