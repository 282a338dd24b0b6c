//! Finding and reading rule files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Exit codes: 0 fine, 1 problems found, 2 usage or I/O error.
pub const OK: i32 = 0;
pub const PROBLEMS: i32 = 1;
pub const FAILURE: i32 = 2;

/// The largest rule file or catalog `eol` reads: 128 MiB. A larger file gets one
/// `eol::file-too-large` instead of being read (`eol check /dev/zero` read until memory
/// ran out; no real rule file or catalog comes near).
pub use eol_engine::limits::MAX_FILE_BYTES;

/// Expand directories to the `*.eol` files inside them (sorted, recursive);
/// default to `./rules`. Each file is listed once, however often it is named or
/// reached; a directory is read once, so a symbolic link back to a directory being
/// read is not followed. Only regular files are read: inside a directory, anything
/// else named `*.eol` (a FIFO, a device) is skipped with a warning; named on the
/// command line, it is an error, as is a directory without any rule file.
pub fn rule_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let roots: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from("rules")]
    } else {
        paths.to_vec()
    };
    let mut out = Vec::new();
    let mut dirs = HashSet::new();
    for root in roots {
        let meta = std::fs::metadata(&root).map_err(|e| cannot(&root, &e))?;
        if meta.is_dir() {
            let real = std::fs::canonicalize(&root).map_err(|e| cannot(&root, &e))?;
            if dirs.contains(&real) {
                continue;
            }
            let before = out.len();
            collect(&root, &mut out, &mut dirs)
                .map_err(|e| format!("cannot read directory {}: {}", shown(&root), io_text(&e)))?;
            if out.len() == before {
                return Err(format!(
                    "{}: no rule file (`*.eol`) in this directory",
                    shown(&root)
                ));
            }
        } else if meta.is_file() {
            out.push(root);
        } else {
            return Err(not_regular(&root));
        }
    }
    Ok(dedup(out))
}

/// The paths, each file once (by where it really is), in first-named order.
pub fn dedup(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = HashSet::new();
    paths
        .into_iter()
        .filter(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())))
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>, dirs: &mut HashSet<PathBuf>) -> std::io::Result<()> {
    let real = std::fs::canonicalize(dir)?;
    if !dirs.insert(real) {
        errln!(
            "warning: {}: a directory already read (a symbolic link back into the tree); not read again",
            shown(dir)
        );
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        let rule = p.extension().is_some_and(|e| e == "eol");
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => collect(&p, out, dirs)?,
            Ok(m) if m.is_file() && rule => out.push(p),
            Ok(_) if rule => errln!("warning: {}; skipped", not_regular(&p)),
            // A dangling link: listed, so that reading it fails with the reason.
            Err(_) if rule => out.push(p),
            _ => {}
        }
    }
    Ok(())
}

/// What a file that could not be opened is, in words: "no such file or directory",
/// "permission denied", ...
fn cannot(path: &Path, e: &std::io::Error) -> String {
    format!("{}: {}", shown(path), io_text(e))
}

/// An I/O error as a lowercase phrase, without the `(os error N)`.
pub fn io_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_owned();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

fn not_regular(path: &Path) -> String {
    format!(
        "{}: not a regular file (a FIFO, socket or device is not read)",
        shown(path)
    )
}

/// A path as messages show it, with control characters escaped.
pub fn shown(path: &Path) -> String {
    eol_syntax::printable(&path.display().to_string()).into_owned()
}

/// What reading a file gave.
pub enum Contents {
    Bytes(Vec<u8>),
    /// the file is larger than [`MAX_FILE_BYTES`]: its size, as far as it was read
    TooLarge(u64),
}

/// Read a regular file of at most [`MAX_FILE_BYTES`]; anything else is an error
/// message (a FIFO would block, a device such as `/dev/zero` never ends).
pub fn read(path: &Path) -> Result<Contents, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| cannot(path, &e))?;
    let meta = file.metadata().map_err(|e| cannot(path, &e))?;
    if !meta.is_file() {
        return Err(not_regular(path));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Ok(Contents::TooLarge(meta.len()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(path, &e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Contents::TooLarge(bytes.len() as u64));
    }
    Ok(Contents::Bytes(bytes))
}

/// The diagnostic of a file that is not read because it is too large.
pub fn too_large(size: u64) -> eol_syntax::Diagnostic {
    eol_syntax::Diagnostic::error(
        eol_syntax::Code::FileTooLarge,
        format!(
            "file is {} MiB, more than the {} MiB `eol` reads",
            size.div_ceil(1 << 20),
            MAX_FILE_BYTES >> 20
        ),
        eol_syntax::Span::point(0),
        "not read",
    )
    .with_help("split it into several files; a rule file or catalog this large is most likely not one")
}

pub fn display(path: &Path) -> String {
    path.display().to_string()
}

/// How [`replace`] treats a symbolic link at the path it writes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Rewrite the file the link points to; the link stays a link (`eol fmt` on the
    /// rule files it lists).
    Follow,
    /// Refuse: write only to a path that is a regular file or nothing yet
    /// (`eol import -o`).
    Refuse,
}

/// Replace the file at `path` with `contents` without ever leaving it half written
/// and without writing anywhere else.
///
/// The new text goes to a temporary file created exclusively, under a random name,
/// in the target's directory (a link planted at a predictable name cannot redirect
/// it), gets the target's permissions and owner, is flushed to disk and renamed over
/// the target. Refused, with the reason: a target that is not a regular file (a
/// FIFO, a device, a directory); one that is read-only, or that this user cannot
/// write; one with more than one hard link (the rename would leave the other names
/// with the old text); the file `input` (reading and writing the same file); and a
/// symbolic link, unless `links` is [`Links::Follow`].
pub fn replace(path: &Path, contents: &[u8], links: Links, input: Option<&Path>) -> Result<(), String> {
    use std::io::Write;
    let link = std::fs::symlink_metadata(path).ok();
    let target = match (&link, links) {
        (Some(m), Links::Refuse) if m.file_type().is_symlink() => {
            return Err(format!(
            "{} is a symbolic link; not written through it (name the file it points to, or remove the link)",
            shown(path)
        ))
        }
        (Some(m), Links::Follow) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|e| cannot(path, &e))?
        }
        _ => path.to_path_buf(),
    };
    let existing = match std::fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && link.is_none() => None,
        Err(e) => return Err(cannot(path, &e)),
    };
    if let Some(m) = &existing {
        if !m.is_file() {
            return Err(not_regular(path));
        }
        if let Some(input) = input.and_then(|i| std::fs::metadata(i).ok()) {
            if platform::file_id(&input).is_some() && platform::file_id(&input) == platform::file_id(m) {
                return Err(format!(
                    "{} is the file being read; write the output to another file",
                    shown(path)
                ));
            }
        }
        let links = platform::links(m);
        if links > 1 {
            return Err(format!(
                "{} has {links} hard links; not rewritten, since replacing it would leave the other names with the old text",
                shown(path)
            ));
        }
        let writable = std::fs::OpenOptions::new().append(true).open(&target).is_ok();
        if m.permissions().readonly() || !writable {
            return Err(format!("{}: read-only; not rewritten", shown(path)));
        }
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".eol-tmp");
    platform::new_file_mode(&mut builder);
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| format!("cannot write {}: {}", shown(path), io_text(&e)))?;
    let written = (|| -> std::io::Result<()> {
        let file = tmp.as_file_mut();
        file.write_all(contents)?;
        if let Some(m) = &existing {
            file.set_permissions(m.permissions())?;
            platform::keep_owner(file, m)?;
        }
        file.sync_all()
    })();
    written.map_err(|e| format!("cannot write {}: {}", shown(path), io_text(&e)))?;
    tmp.persist(&target)
        .map_err(|e| format!("cannot write {}: {}", shown(path), io_text(&e.error)))?;
    Ok(())
}

/// Write a file that must not exist yet: a temporary file in its directory (created
/// exclusively, with the mode a new file gets: 0666 less the umask), flushed, and renamed
/// into place only if nothing is there, not even a dangling symbolic link. `Err` carries
/// the error; its kind is `AlreadyExists` when the name is taken.
pub fn create_new(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".eol-new.").suffix(".eol-tmp");
    platform::new_file_mode(&mut builder);
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

/// What [`replace`] needs of the file system beyond the portable standard library.
#[cfg(unix)]
mod platform {
    use std::fs::{File, Metadata};
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    /// Device and inode: the same file under any name.
    pub fn file_id(m: &Metadata) -> Option<(u64, u64)> {
        Some((m.dev(), m.ino()))
    }

    pub fn links(m: &Metadata) -> u64 {
        m.nlink()
    }

    /// A new file is created with mode 0666, less the umask (tempfile's default, 0600,
    /// suits secrets, not catalogs).
    pub fn new_file_mode(b: &mut tempfile::Builder<'_, '_>) {
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }

    /// Give the new file the owner and group of the one it replaces (possible for
    /// root; for anyone else, refusing beats handing them another user's file).
    pub fn keep_owner(file: &File, m: &Metadata) -> std::io::Result<()> {
        let mine = file.metadata()?;
        if (mine.uid(), mine.gid()) != (m.uid(), m.gid()) {
            std::os::unix::fs::fchown(file, Some(m.uid()), Some(m.gid()))?;
        }
        Ok(())
    }
}

#[cfg(not(unix))]
mod platform {
    use std::fs::{File, Metadata};

    pub fn file_id(_: &Metadata) -> Option<(u64, u64)> {
        None
    }

    pub fn links(_: &Metadata) -> u64 {
        1
    }

    pub fn new_file_mode(_: &mut tempfile::Builder<'_, '_>) {}

    pub fn keep_owner(_: &File, _: &Metadata) -> std::io::Result<()> {
        Ok(())
    }
}

/// Write to standard error, ignoring failure: a diagnostic that cannot be shown must
/// not turn into a panic (`failed printing to stderr`).
pub fn emit_err(text: &str) {
    use std::io::Write;
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes()).and_then(|()| stderr.flush());
}

/// Write to standard output through `write`, buffered, as [`emit`] does: a closed pipe
/// ends the process with success, another error with exit 2.
pub fn emit_with(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let done = write(&mut out).and_then(|()| out.flush());
    if let Err(e) = done {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(OK);
        }
        errln!("error: cannot write to standard output: {e}");
        std::process::exit(FAILURE);
    }
}

/// Write to standard output; a closed pipe (the reader went away) ends the process
/// with success instead of a panic.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(OK);
        }
        errln!("error: cannot write to standard output: {e}");
        std::process::exit(FAILURE);
    }
}

#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};

    use super::{replace, Links};

    /// Item 14 of the hardening issue: `fmt` and `import` wrote through a symbolic link
    /// planted at their predictable temporary names (`.NAME.eol-fmt-PID.tmp`,
    /// `.NAME.eol-tmp-PID`), overwriting the victim and making it world-readable.
    #[test]
    fn fmt_does_not_follow_planted_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let victim = d.join("victim");
        std::fs::write(&victim, "secret\n").unwrap();
        std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o600)).unwrap();
        let target = d.join("rules.eol");
        std::fs::write(&target, "old\n").unwrap();
        let pid = std::process::id();
        for name in [
            format!(".rules.eol.eol-fmt-{pid}.tmp"),
            format!(".rules.eol.eol-tmp-{pid}"),
        ] {
            symlink(&victim, d.join(name)).unwrap();
        }
        replace(&target, b"new\n", Links::Follow, None).unwrap();
        replace(&target, b"newer\n", Links::Refuse, None).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "newer\n");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "secret\n");
        assert_eq!(std::fs::metadata(&victim).unwrap().mode() & 0o777, 0o600);
        // Nothing left behind but the planted links.
        let mut names: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names.len(), 4, "{names:?}");
    }

    #[test]
    fn a_new_file_gets_the_usual_mode_and_a_replaced_one_keeps_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.csv");
        replace(&new, b"x\n", Links::Refuse, None).unwrap();
        // 0666 less the umask: readable by others unless the umask says otherwise,
        // never the 0600 of a bare temporary file... unless the umask is 077.
        let mode = std::fs::metadata(&new).unwrap().mode() & 0o777;
        assert_eq!(mode & 0o600, 0o600, "{mode:o}");
        std::fs::set_permissions(&new, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace(&new, b"y\n", Links::Refuse, None).unwrap();
        assert_eq!(std::fs::metadata(&new).unwrap().mode() & 0o777, 0o640);
    }
}
