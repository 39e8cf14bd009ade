//! Output files written whole or not at all.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes the file at `path` with what `write` writes, whole or not at all: the bytes go to a
/// temporary file beside the target (same folder, so the rename cannot cross file systems),
/// which is renamed over the target only once `write` has returned `Ok` and everything is
/// flushed to disk. An error (from `write` or the disk) or an interrupt leaves the target as it
/// was, a good file byte for byte or no file, and the temporary file is removed (an interrupt
/// can leave one, named `.NAME.XXXXXX.tmp`, but never a cut target).
///
/// - A target that exists keeps its permissions; a new one gets those a new file gets (0666
///   less the umask), not the temporary file's 0600.
/// - A symbolic link is followed: the file it points to is replaced, the link stays.
/// - A target that is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe) cannot be
///   replaced by a rename: it is written in place.
///
/// Every output of the `spc` command (CSV, images, pages, baseline JSON) and the `save`
/// methods of the Python package write through this.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let target = resolve(path);
    let existing = fs::metadata(&target).ok();
    if let Some(m) = existing.as_ref().filter(|m| !m.is_file()) {
        if m.is_dir() {
            return Err(std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a folder"));
        }
        let mut f = fs::OpenOptions::new().write(true).open(&target)?;
        write(&mut f)?;
        return f.flush();
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    // Dropped on every early return: the temporary file is removed.
    let mut tmp = builder.tempfile_in(dir)?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        write(&mut w)?;
        w.flush()?;
    }
    if let Some(m) = existing {
        tmp.as_file().set_permissions(m.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// The file a path names: a symbolic link's target (as far as it resolves), else the path.
fn resolve(path: &Path) -> PathBuf {
    if path.is_symlink() {
        if let Ok(p) = fs::canonicalize(path) {
            return p;
        }
    }
    path.to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("spc-core-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    /// The names in a folder, sorted.
    fn names(d: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        v.sort();
        v
    }

    #[test]
    fn a_failing_write_leaves_the_target_as_it_was_and_no_temporary_file() {
        let d = scratch("fail");
        let f = d.join("out.csv");
        fs::write(&f, "x,y\n1,2\n").unwrap();
        let e = write_atomic(&f, |w| {
            w.write_all(b"x,y\n3,")?;
            Err(std::io::Error::other("stopped half-way"))
        })
        .unwrap_err();
        assert_eq!(e.to_string(), "stopped half-way");
        assert_eq!(fs::read(&f).unwrap(), b"x,y\n1,2\n");
        assert_eq!(names(&d), ["out.csv"]);
        // No target before: none after.
        let g = d.join("new.csv");
        assert!(write_atomic(&g, |_| Err(std::io::Error::other("no"))).is_err());
        assert_eq!(names(&d), ["out.csv"]);
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn a_good_write_replaces_the_target_and_keeps_its_permissions() {
        let d = scratch("good");
        let f = d.join("out.csv");
        write_atomic(&f, |w| w.write_all(b"new\n")).unwrap();
        assert_eq!(fs::read(&f).unwrap(), b"new\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // A new file is not the temporary file's 0600.
            assert_ne!(fs::metadata(&f).unwrap().permissions().mode() & 0o777, 0o600);
            fs::set_permissions(&f, fs::Permissions::from_mode(0o640)).unwrap();
            write_atomic(&f, |w| w.write_all(b"newer\n")).unwrap();
            assert_eq!(fs::metadata(&f).unwrap().permissions().mode() & 0o777, 0o640);
            // A link stays a link; the file it points to gets the bytes.
            let link = d.join("link.csv");
            std::os::unix::fs::symlink(&f, &link).unwrap();
            write_atomic(&link, |w| w.write_all(b"through the link\n")).unwrap();
            assert!(link.is_symlink());
            assert_eq!(fs::read(&f).unwrap(), b"through the link\n");
            // Not a regular file: written in place, not replaced.
            write_atomic(Path::new("/dev/null"), |w| w.write_all(b"gone")).unwrap();
            assert!(!fs::metadata("/dev/null").unwrap().is_file());
        }
        // No temporary file (`.NAME.XXXXXX.tmp`) is left.
        assert!(names(&d).iter().all(|n| !n.starts_with('.')), "{:?}", names(&d));
        // A folder is not replaced.
        assert!(write_atomic(&d, |w| w.write_all(b"x")).is_err());
        let _ = fs::remove_dir_all(&d);
    }
}
