//! RPM's database of installed packages for `eol audit`: `rpmdb.sqlite` opened with SQLite,
//! read-only, its `Packages` rows handed to the engine's reader
//! ([`eol_engine::audit::input::read_rpm_db`]) one at a time; SUSE's ndb `Packages.db` and
//! the Berkeley DB `Packages` of RPM before RHEL 9 opened as files and read by the engine
//! ([`eol_engine::audit::input::NdbDb`], [`eol_engine::audit::input::BerkeleyDb`]).
//!
//! The user's database is never written. It is opened `immutable` (SQLite takes no lock and
//! writes no `-shm` or journal beside it) unless RPM left changes in its write-ahead log
//! (`rpmdb.sqlite-wal` not empty), which an immutable reading would not see: then the
//! database and its log are copied into a directory of our own (created exclusively, removed
//! after) and the copy is read.

use std::path::Path;

use eol_engine::audit::input::{self, Item, Problems, ReadStats, RpmRow};
use eol_engine::audit::Pairs;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

/// Read the RPM database at `path` (shown as `name`), as the packages of `system`.
pub fn read(
    name: &str,
    path: &Path,
    system: Option<&str>,
    problems: &mut Problems,
    pairs: &mut Pairs,
    sink: &mut dyn FnMut(&Item<'_>, &mut Problems),
) -> ReadStats {
    // SUSE's ndb and Berkeley DB, RPM's before RHEL 9: read from the file by the engine
    let mut head = [0u8; 16];
    if let Ok(mut f) = std::fs::File::open(path) {
        let _ = std::io::Read::read(&mut f, &mut head);
    }
    let file = || std::fs::File::open(path).map_err(|e| format!("it cannot be opened: {e}"));
    if input::ndb_head(&head) {
        return match file().and_then(input::NdbDb::open) {
            Ok(mut rows) => input::read_rpm_db(name, &mut rows, system, problems, pairs, sink),
            Err(why) => input::rpm_db_unreadable(name, &why, problems),
        };
    }
    if input::berkeley_db_head(&head) {
        return match file().and_then(input::BerkeleyDb::open) {
            Ok(mut rows) => input::read_rpm_db(name, &mut rows, system, problems, pairs, sink),
            Err(why) => input::rpm_db_unreadable(name, &why, problems),
        };
    }
    // (the copy, when there is one, lives until the reading is done)
    let (connection, _copy) = match open(path) {
        Ok(opened) => opened,
        Err(why) => return input::rpm_db_unreadable(name, &why, problems),
    };
    // `Packages` must be a table: a view of that name would run whatever query it holds
    let kind: Result<String, _> = connection.query_row(
        "SELECT type FROM sqlite_master WHERE name = 'Packages'",
        [],
        |row| row.get(0),
    );
    match kind {
        Ok(kind) if kind == "table" => {}
        Ok(kind) => {
            return input::rpm_db_unreadable(
                name,
                &format!("its `Packages` is a {kind}, not a table"),
                problems,
            )
        }
        Err(rusqlite::Error::QueryReturnedNoRows) => {
            return input::rpm_db_unreadable(
                name,
                "it is an SQLite database with no `Packages` table, not RPM's",
                problems,
            )
        }
        Err(e) => return input::rpm_db_unreadable(name, &describe(&e), problems),
    }
    // (a header past the limit is not loaded: its length alone is read)
    let query = format!(
        "SELECT hnum, length(blob), CASE WHEN length(blob) <= {} THEN blob END FROM Packages ORDER BY hnum",
        eol_engine::limits::MAX_RPM_HEADER_BYTES
    );
    let mut statement = match connection.prepare(&query) {
        Ok(s) => s,
        Err(e) => return input::rpm_db_unreadable(name, &describe(&e), problems),
    };
    let mut rows = match statement.query([]) {
        Ok(rows) => rows,
        Err(e) => return input::rpm_db_unreadable(name, &describe(&e), problems),
    };
    let mut failed = false;
    let mut next = std::iter::from_fn(|| {
        if failed {
            return None;
        }
        match rows.next() {
            Ok(Some(row)) => Some(Ok(row_of(row))),
            Ok(None) => None,
            Err(e) => {
                failed = true;
                Some(Err(describe(&e)))
            }
        }
    });
    input::read_rpm_db(name, &mut next, system, problems, pairs, sink)
}

/// A row's number and header blob (or why it is none).
fn row_of(row: &rusqlite::Row<'_>) -> RpmRow {
    let number = match row.get_ref(0) {
        Ok(ValueRef::Integer(n)) => n,
        _ => 0,
    };
    let length = match row.get_ref(1) {
        Ok(ValueRef::Integer(n)) => n,
        _ => 0,
    };
    let what = |kind: &str| Err(format!("its value is {kind}, not a blob"));
    let blob = match row.get_ref(2) {
        Ok(ValueRef::Blob(b)) => Ok(b.to_vec()),
        Ok(ValueRef::Text(_)) => what("text"),
        Ok(ValueRef::Integer(_) | ValueRef::Real(_)) => what("a number"),
        Ok(ValueRef::Null) if length > 0 => Err(format!(
            "its header is {length} bytes long, past the {} MiB read of one",
            eol_engine::limits::MAX_RPM_HEADER_BYTES >> 20
        )),
        Ok(ValueRef::Null) | Err(_) => what("null"),
    };
    (number, blob)
}

/// The database opened read-only: immutable, or a private copy when its write-ahead log
/// holds changes (the copy's directory is returned, to be removed once read).
fn open(path: &Path) -> Result<(Connection, Option<tempfile::TempDir>), String> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal = std::path::PathBuf::from(wal);
    let pending = std::fs::symlink_metadata(&wal).is_ok_and(|m| m.is_file() && m.len() > 0);
    if pending {
        let dir = tempfile::Builder::new()
            .prefix("eol-rpmdb-")
            .tempdir()
            .map_err(|e| format!("cannot make a directory to copy it into: {e}"))?;
        let copy = dir.path().join("rpmdb.sqlite");
        let mut copy_wal = copy.clone().into_os_string();
        copy_wal.push("-wal");
        copy_file(path, &copy)?;
        copy_file(&wal, Path::new(&copy_wal))?;
        let connection = Connection::open_with_flags(
            &copy,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| describe(&e))?;
        return Ok((connection, Some(dir)));
    }
    let text = path
        .to_str()
        .ok_or_else(|| "its path is not UTF-8, which SQLite's file names must be".to_owned())?;
    let connection = Connection::open_with_flags(
        format!("file:{}?immutable=1", uri_path(text)),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| describe(&e))?;
    Ok((connection, None))
}

/// Copy `from` into the new file `to`, which must not exist yet.
fn copy_file(from: &Path, to: &Path) -> Result<(), String> {
    let mut source = std::fs::File::open(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    let mut target = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(to)
        .map_err(|e| format!("cannot copy it: {e}"))?;
    std::io::copy(&mut source, &mut target).map_err(|e| format!("cannot copy it: {e}"))?;
    Ok(())
}

/// A path as an SQLite URI's path: `%`, `?` and `#` escaped (the rest is taken as it is).
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// An SQLite error in words.
fn describe(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            "it is not an SQLite database".to_owned()
        }
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DatabaseCorrupt => {
            "SQLite finds it damaged (\"database disk image is malformed\")".to_owned()
        }
        e => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_escaped_for_uris() {
        assert_eq!(uri_path("/var/lib/rpm/rpmdb.sqlite"), "/var/lib/rpm/rpmdb.sqlite");
        assert_eq!(uri_path("a?b#c%d/rpmdb.sqlite"), "a%3fb%23c%25d/rpmdb.sqlite");
    }
}
