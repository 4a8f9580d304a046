//! Writing a file whole or not at all: a temporary file beside the target, synced, then renamed.

use std::fmt;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// A file that could not be written. `Display` is one sentence naming the path.
#[derive(Debug)]
pub struct ExportError {
    /// The file that was to be written.
    pub path: PathBuf,
    /// What went wrong, in words (no trailing full stop).
    pub reason: String,
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Could not save {}: {}.",
            self.path.display(),
            self.reason
        )
    }
}

impl std::error::Error for ExportError {}

/// Writes `bytes` to `path` atomically: either the whole new file is there afterwards, or the
/// old one (or none) is, untouched, and no temporary file is left behind. The file gets the mode
/// any program's save gets: a new one `0o666` less the umask, a replaced one the mode it had.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let failed = |reason: String| ExportError {
        path: path.to_owned(),
        reason,
    };
    if path.is_dir() {
        return Err(failed("it is a folder; choose a file name".to_owned()));
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(failed(format!(
            "the folder {} does not exist",
            dir.display()
        )));
    }
    let replaced = std::fs::metadata(path).ok().filter(|m| m.is_file());
    // The temporary file lives in the target's folder so that the rename stays on one file
    // system (and so is atomic); dropping it on any failure below deletes it. Its mode survives
    // the rename, so it is created as any new file is (tempfile's own is a private 0o600).
    let mut builder = tempfile::Builder::new();
    builder.prefix(".streamlens-").suffix(".part");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder
        .tempfile_in(dir)
        .map_err(|e| failed(io_reason(&e, dir)))?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| failed(io_reason(&e, dir)))?;
    if let Some(old) = replaced {
        // Best effort: a folder that keeps no modes (a network share) still gets the file.
        let _ = file.as_file().set_permissions(old.permissions());
    }
    file.persist(path)
        .map_err(|e| failed(io_reason(&e.error, dir)))?;
    Ok(())
}

/// Words for the I/O failures a person can do something about; the system's words otherwise.
fn io_reason(err: &io::Error, dir: &Path) -> String {
    match err.kind() {
        io::ErrorKind::PermissionDenied => format!(
            "you may not write in the folder {}; choose another folder",
            dir.display()
        ),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "the disk is full; free some space or choose another disk".to_owned()
        }
        io::ErrorKind::ReadOnlyFilesystem => {
            "the disk is read-only; choose another folder".to_owned()
        }
        io::ErrorKind::NotFound => format!("the folder {} does not exist", dir.display()),
        io::ErrorKind::IsADirectory => "it is a folder; choose a file name".to_owned(),
        _ => {
            let words = err.to_string();
            words.trim_end_matches('.').to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_a_file_whole_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.json");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"{\"status\":\"ok\"}").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{\"status\":\"ok\"}");
        assert_eq!(entries(dir.path()), ["page.json"]);
    }

    #[test]
    fn a_folder_as_target_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("taken");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("inside"), "keep").unwrap();
        let err = write_atomic(&target, b"new").unwrap_err();
        let words = err.to_string();
        assert!(
            words.contains("is a folder") && words.contains("taken"),
            "{words}"
        );
        assert_eq!(entries(dir.path()), ["taken"]);
        assert_eq!(entries(&target), ["inside"]);
        assert_eq!(std::fs::read(target.join("inside")).unwrap(), b"keep");
    }

    #[test]
    fn a_missing_folder_is_named_in_one_sentence() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-dir").join("page.json");
        let err = write_atomic(&path, b"x").unwrap_err();
        let words = err.to_string();
        assert!(words.starts_with("Could not save "), "{words}");
        assert!(words.contains("no-such-dir") && words.contains("does not exist"));
        assert!(!words.contains('\n') && words.ends_with('.'));
        assert!(entries(dir.path()).is_empty());
    }

    /// The process's umask, as Linux shows it; else read back from a file std creates, which
    /// gets `0o666` less the umask.
    #[cfg(unix)]
    fn umask(dir: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt as _;
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let shown = status.lines().find_map(|line| line.strip_prefix("Umask:"));
        match shown.and_then(|mask| u32::from_str_radix(mask.trim(), 8).ok()) {
            Some(mask) => mask,
            None => {
                let probe = dir.join("probe");
                std::fs::write(&probe, "").unwrap();
                let mode = std::fs::metadata(&probe).unwrap().permissions().mode();
                std::fs::remove_file(probe).unwrap();
                0o666 & !mode
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_umasks_mode_and_a_replaced_one_keeps_its_own() {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o7777;
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.json");
        write_atomic(&new, b"{}").unwrap();
        assert_eq!(mode(&new), 0o666 & !umask(dir.path()), "as any new file");
        for kept in [0o640, 0o604, 0o600] {
            let shared = dir.path().join("shared.csv");
            std::fs::write(&shared, "old").unwrap();
            std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(kept)).unwrap();
            write_atomic(&shared, b"new").unwrap();
            assert_eq!(mode(&shared), kept, "the replaced file's mode");
            assert_eq!(std::fs::read(&shared).unwrap(), b"new");
        }
        assert_eq!(entries(dir.path()), ["new.json", "shared.csv"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_keeps_the_old_file() {
        use std::os::unix::fs::PermissionsExt as _;
        // Root may write into a read-only folder, so there the test cannot fail and says so.
        let uid = std::process::Command::new("id").arg("-u").output();
        if uid.is_ok_and(|out| out.stdout.trim_ascii() == b"0") {
            println!("skipped: running as root, who may write into a read-only folder");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        let result = write_atomic(&path, b"new");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let words = result.unwrap_err().to_string();
        assert!(words.contains("may not write"), "{words}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(entries(dir.path()), ["page.json"]);
    }
}
