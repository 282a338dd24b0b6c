//! Every limit `eol` enforces, in one place. docs/limits.md lists them with what
//! happens past each one (a test checks its figures against these constants); each
//! is enforced with a coded diagnostic.

/// Brackets and `not`s nested in a rule file (`eol::nesting-too-deep`).
pub use eol_syntax::parser::MAX_NESTING;
/// Terms of one `+`/`-` chain (`eol::expression-too-long`).
pub use eol_syntax::parser::MAX_TERMS;
/// A source line longer than this many bytes is shown cut to a window around the
/// labels of a diagnostic (the help says so); a label over more than
/// [`MAX_LABEL_LINES`] lines is shortened to its first.
pub use eol_syntax::report::{LONG_LINE, MAX_LABEL_LINES};

/// The largest amount of a duration, a `newer`/`older` count or a calendar day
/// number (`eol::number-out-of-range`); the latest year of a date literal
/// (`eol::invalid-date`).
pub use crate::check::{MAX_AMOUNT, MAX_YEAR};
/// How many lines past the catalog a `newer N where C` selector looks for a match
/// (the date is pending, saying so, past them).
pub use crate::eval::FUTURE_LINES;
/// How deep dates of other lines may nest (`eol::evaluation-too-deep`).
pub use crate::eval::MAX_DEPTH as MAX_LINE_DEPTH;
/// How many policies a chain of upstreams may pass through (`eol::evaluation-too-deep`).
pub use crate::kb::MAX_UPSTREAM_DEPTH;

/// The years a computed date may have: every output writes dates as `YYYY-MM-DD`
/// (`eol::date-out-of-range`).
pub const MIN_YEAR: i32 = 0;
pub const MAX_COMPUTED_YEAR: i32 = 9999;

/// The largest rule file or catalog read, in bytes (`eol::file-too-large`).
pub const MAX_FILE_BYTES: u64 = 128 << 20;

/// The longest line of an inventory (CSV, JSON Lines) `eol audit` reads, in bytes: past it
/// the input is refused as unreadable (exit 2), its memory never growing with a line that does
/// not end (`eol audit - < /dev/zero`).
pub const MAX_AUDIT_LINE_BYTES: u64 = 128 << 20;
/// The largest SBOM document `eol audit` reads, in bytes (it is parsed whole): past it the
/// input is refused (exit 2).
pub const MAX_SBOM_BYTES: u64 = 256 << 20;

/// The longest entry of a package database `eol audit` reads (dpkg's status, apk's
/// installed): a real one is a few kilobytes, a package with thousands of configuration
/// files a few hundred. A longer one is reported and not audited, and is not kept in memory.
pub const MAX_PACKAGE_ENTRY_BYTES: usize = 8 << 20;

/// The longest header of RPM's database `eol audit` reads (`rpmdb.sqlite`, `Packages.db`,
/// `Packages`): a package's header is kilobytes, its file list included, a few megabytes for
/// the largest (kernel modules); RPM itself allows 256 MiB of data. A longer row is reported
/// and not audited, and is not read into memory (its length alone is asked of SQLite, or read
/// from the record).
pub const MAX_RPM_HEADER_BYTES: usize = 64 << 20;

/// Attributes of one element of a CycloneDX XML SBOM, namespace declarations included
/// (`eol::audit-syntax` past it; checked before the XML is parsed). A CycloneDX element has a
/// handful (`type`, `bom-ref`, `mime-type`, `xmlns`, `xsi:schemaLocation`); the limit leaves
/// room for any extension's while keeping roxmltree's duplicate check, which compares each
/// attribute with those of its element before it, to a bounded cost per byte: 2,000 elements
/// of 256 attributes read as fast as the same attributes four to an element.
pub const MAX_XML_ATTRIBUTES: usize = 256;

/// Namespace declarations (`xmlns`, `xmlns:p`) of a CycloneDX XML SBOM in scope at once: on
/// an element and the elements it is inside, a prefix declared again counted again
/// (`eol::audit-syntax` past it; checked before the XML is parsed). A CycloneDX BOM declares
/// its own, perhaps `xsi` and a few for extensions, on the root. roxmltree copies the
/// namespaces in scope into every element that declares one, comparing each with those
/// already copied: time in the square of their number for an element of a dozen bytes. At
/// 32, a file of nothing but such elements reads 2 to 2.5 times as slowly as one without
/// namespaces (at 256, 60 times).
pub const MAX_XML_NAMESPACES: usize = 32;

/// Diagnostics of one file printed for a human; the rest are counted in one
/// `eol::too-many-diagnostics` (JSON lists them all).
pub const MAX_PRINTED_DIAGNOSTICS: usize = 200;

/// `eol explain` prints a derivation whole up to this many lines written out as a
/// tree and this many levels deep; past either, in part (`eol::trace-too-large`).
pub const MAX_TRACE_LINES: usize = 1_000;
pub const MAX_TRACE_DEPTH: usize = 100;
