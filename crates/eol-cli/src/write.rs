//! Writing user files safely: a temporary file in the same directory (the `tempfile`
//! crate), then a rename over the target. Never through a symbolic link, never over
//! something that is not a regular file (a device, a directory).

use std::io::Write;
use std::path::Path;

/// Replace (or create) `path` with `text`.
pub fn replace(path: &Path, text: &str) -> Result<(), String> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            return Err(format!(
                "{} is a symbolic link; not written through it",
                path.display()
            ));
        }
        if !meta.file_type().is_file() {
            return Err(format!("{} is not a regular file; not written", path.display()));
        }
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".eol-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot create a temporary file in {}: {e}", dir.display()))?;
    // The temporary file is private (0600); the result keeps the permissions of the file
    // it replaces, and a new file gets the usual ones.
    let permissions = match std::fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(p) = permissions {
        std::fs::set_permissions(tmp.path(), p)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    tmp.persist(path)
        .map(|_| ())
        .map_err(|e| format!("cannot write {}: {}", path.display(), e.error))
}

/// A new file's permissions: readable by all, writable by its owner (as `touch`
/// under the usual umask). Elsewhere the temporary file's own are fine.
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}
