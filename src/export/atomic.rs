//! All-or-nothing writing of several files.
//!
//! Each file is written in full to a temporary file beside its destination; only when
//! all are written are they renamed over the destinations. The renames are what make
//! the replacement all or nothing, for readers and for a run that fails or is killed: a
//! rename is atomic, and nothing is renamed before everything is written. The files are
//! not forced to disk (no `fsync`) before the renames: that is needed only to survive a
//! power cut or a kernel crash in the seconds after a run, which the outputs — a
//! function of the inputs, made again by running again — do not need, and it cost a
//! 50 MB run about 0.2 s of waiting for the disk. (ext4, by default,
//! writes a file renamed over another one out before the rename anyway.)

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::Error;

/// A file written in full to a temporary file beside its destination, not yet renamed.
/// Dropping it removes the temporary file.
pub struct Staged {
    temp: NamedTempFile,
    path: PathBuf,
}

impl Staged {
    /// The destination.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Renames every staged file over its destination, in order.
///
/// Every destination is checked first — a rename fails when a folder stands in the
/// way — so that a failure leaves all old files in place rather than some.
pub fn persist_all(staged: Vec<Staged>) -> Result<(), Error> {
    for Staged { path, .. } in &staged {
        if path.is_dir() {
            let source =
                std::io::Error::other("a folder of that name is in the way; move it, or write to another --out");
            return Err(Error::Output { path: path.clone(), source });
        }
    }
    for Staged { temp, path } in staged {
        temp.persist(&path).map_err(|err| Error::Output { path: path.clone(), source: err.error })?;
    }
    Ok(())
}

/// Prefix of the temporary files, which [`remove_leftovers`] recognises.
const TEMPORARY_PREFIX: &str = ".tupu-";

/// Removes the temporary files of an earlier run that was killed before it could clean
/// up. (Two runs writing into one folder at once are not supported: the later one may
/// remove the other's temporary files, which then fails with an error, its earlier
/// outputs intact.)
pub fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMPORARY_PREFIX) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Lets `write` fill a temporary file beside `path` through a buffer, and flushes the
/// buffer (to the operating system, not to disk: see the module's notes).
pub fn stage_with(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<Staged, Error> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let output_error = |source| Error::Output { path: path.to_owned(), source };
    let mut temp =
        tempfile::Builder::new().prefix(TEMPORARY_PREFIX).suffix(".tmp").tempfile_in(dir).map_err(output_error)?;
    {
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, temp.as_file_mut());
        write(&mut buffered).map_err(output_error)?;
        buffered.flush().map_err(output_error)?;
    }
    // Temporary files are created private (0600); outputs are for sharing.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(output_error)?;
    }
    Ok(Staged { temp, path: path.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stages every file, then renames them all: what a build does with its outputs.
    fn write_atomically(files: &[(PathBuf, &[u8])]) -> Result<(), Error> {
        let staged = files
            .iter()
            .map(|(path, bytes)| stage_with(path, |out| out.write_all(bytes)))
            .collect::<Result<Vec<_>, Error>>()?;
        persist_all(staged)
    }

    #[test]
    fn replaces_all_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.json");
        let b = dir.path().join("b.json");
        std::fs::write(&a, "old").unwrap();
        write_atomically(&[(a.clone(), b"new a".as_slice()), (b.clone(), b"new b".as_slice())]).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new a");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "new b");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&b).unwrap().permissions().mode() & 0o777, 0o644);
        }
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(".tupu-"));
        assert_eq!(leftovers.count(), 0);
    }

    #[test]
    fn a_failure_leaves_earlier_files_intact() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.json");
        std::fs::write(&a, "old").unwrap();
        let impossible = dir.path().join("missing-folder").join("b.json");
        assert!(write_atomically(&[(a.clone(), b"new".as_slice()), (impossible, b"x".as_slice())]).is_err());
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
