//! RPM's database of installed packages, as the `Packages` table of `rpmdb.sqlite` holds it
//! (RHEL, CentOS Stream, Rocky Linux, AlmaLinux and Oracle Linux from 9, Fedora from 33,
//! Amazon Linux 2023): one row per installed package, its number (`hnum`) and its header, the
//! binary record that RPM keeps of each package.
//!
//! The engine reads no files: the caller opens the database and hands the rows over, one at a
//! time, in the order of their numbers ([`read_rpm_db`]); each header is read here
//! ([`RpmHeader::parse`]).
//!
//! A header ("Package header structure" of RPM's file format, all numbers big-endian): the
//! number of index entries `il` and the length of the data `dl`, each 4 bytes, then `il`
//! entries of 16 bytes (tag, type, offset into the data, count), then the `dl` bytes of
//! data. A package file puts an 8-byte magic (`8e ad e8 01` and 4 reserved bytes) before
//! it; the database leaves it out, and both are read. RPM refuses a header whose lengths do
//! not add up to its size, and so does this reader.

use eol_syntax::{Diagnostic, Span};

use super::{code, Extra, FieldSpans, Item, Location, Pairs, Problems, ReadStats, Snip};

/// The magic a header starts with in a package file (left out in the database).
const MAGIC: [u8; 8] = [0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0];

/// RPM's own bounds on a header: at most 65,535 index entries and 256 MiB of data.
const MAX_ENTRIES: u32 = 0xffff;
const MAX_DATA: u32 = 0x0fff_ffff;

/// The tags read, and their types (RPM's `rpmTag` and `rpmTagType`).
const TAG_NAME: u32 = 1000;
const TAG_VERSION: u32 = 1001;
const TAG_RELEASE: u32 = 1002;
const TAG_EPOCH: u32 = 1003;
const TAG_ARCH: u32 = 1022;
const TAG_SOURCERPM: u32 = 1044;
const TYPE_INT32: u32 = 4;
const TYPE_STRING: u32 = 6;

/// What a package's header says of it: its name, epoch, version, release and architecture,
/// and the source package it was built from (`openssl-3.0.7-27.el9.src.rpm`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RpmHeader<'b> {
    pub name: &'b str,
    pub epoch: Option<u32>,
    pub version: Option<&'b str>,
    pub release: Option<&'b str>,
    pub arch: Option<&'b str>,
    pub source_rpm: Option<&'b str>,
}

impl<'b> RpmHeader<'b> {
    /// Read a header (with or without its magic). The error says, in words, what is wrong
    /// with it.
    pub fn parse(blob: &'b [u8]) -> Result<RpmHeader<'b>, String> {
        let header = blob.strip_prefix(&MAGIC[..]).unwrap_or(blob);
        let word = |at: usize| -> Option<u32> {
            let bytes = header.get(at..at + 4)?;
            Some(u32::from_be_bytes(bytes.try_into().ok()?))
        };
        let (Some(il), Some(dl)) = (word(0), word(4)) else {
            return Err(format!(
                "a header starts with two 4-byte lengths, and this one is {} bytes long",
                header.len()
            ));
        };
        if il == 0 || il > MAX_ENTRIES {
            return Err(format!(
                "its index has {il} entries, where RPM allows 1 to {MAX_ENTRIES}"
            ));
        }
        if dl > MAX_DATA {
            return Err(format!("its data is {dl} bytes long, past RPM's 256 MiB"));
        }
        let index_end = 8 + 16 * il as usize;
        let expected = index_end + dl as usize;
        if header.len() != expected {
            return Err(format!(
                "its lengths ({il} index entr{}, {dl} bytes of data) make {expected} bytes, but it is {}",
                if il == 1 { "y" } else { "ies" },
                header.len()
            ));
        }
        let data = header.get(index_end..).unwrap_or_default();
        // the first entry of each tag (RPM keeps one per tag)
        let entry = |tag: u32| -> Option<(u32, usize, u32)> {
            (0..il as usize).find_map(|i| {
                let at = 8 + 16 * i;
                (word(at)? == tag).then_some((word(at + 4)?, word(at + 8)? as usize, word(at + 12)?))
            })
        };
        let string = |tag: u32, what: &str| -> Result<Option<&'b str>, String> {
            let Some((kind, offset, _)) = entry(tag) else {
                return Ok(None);
            };
            if kind != TYPE_STRING {
                return Err(format!("its {what} (tag {tag}) is of type {kind}, not a string"));
            }
            let rest = data
                .get(offset..)
                .ok_or_else(|| format!("its {what} starts at {offset}, past the data's {dl} bytes"))?;
            let len = rest
                .iter()
                .position(|&b| b == 0)
                .ok_or_else(|| format!("its {what} runs to the end of the data unterminated"))?;
            let bytes = rest.get(..len).unwrap_or_default();
            std::str::from_utf8(bytes)
                .map(Some)
                .map_err(|_| format!("its {what} is not UTF-8 text"))
        };
        let name = string(TAG_NAME, "name")?
            .filter(|n| !n.trim().is_empty())
            .ok_or_else(|| "it names no package (no name, tag 1000)".to_owned())?;
        let epoch = match entry(TAG_EPOCH) {
            None => None,
            Some((TYPE_INT32, offset, count)) if count >= 1 => {
                let bytes = data
                    .get(offset..offset + 4)
                    .ok_or_else(|| format!("its epoch is at {offset}, past the data's {dl} bytes"))?;
                Some(u32::from_be_bytes(
                    bytes
                        .try_into()
                        .map_err(|_| "its epoch is cut short".to_owned())?,
                ))
            }
            Some((kind, _, count)) => {
                return Err(format!(
                    "its epoch (tag 1003) is {count} values of type {kind}, not one 32-bit number"
                ))
            }
        };
        Ok(RpmHeader {
            name,
            epoch,
            version: string(TAG_VERSION, "version")?,
            release: string(TAG_RELEASE, "release")?,
            arch: string(TAG_ARCH, "architecture")?,
            source_rpm: string(TAG_SOURCERPM, "source package")?,
        })
    }

    /// The version as RPM compares it, `EPOCH:VERSION-RELEASE` (`1:3.0.7-27.el9`; no
    /// epoch, `3.0.7-27.el9`, when the header has none), as `rpm -q --qf
    /// '%{EVR}'` prints it. None without a version.
    pub fn evr(&self) -> Option<String> {
        let version = self.version?;
        let mut text = match self.epoch {
            Some(e) => format!("{e}:{version}"),
            None => version.to_owned(),
        };
        if let Some(release) = self.release {
            text.push('-');
            text.push_str(release);
        }
        Some(text)
    }
}

/// A row of the database, as the caller read it: its number and its header, or why it is
/// none, in words ("its value is text, not a blob").
pub type RpmRow = (i64, Result<Vec<u8>, String>);

/// Read RPM's database of installed packages, a row of its `Packages` table at a time
/// (`rows`: an error stops the reading, as a database that cannot be read further). Each
/// installed package is an item named by its package name, at `EPOCH:VERSION-RELEASE`,
/// with the source package it was built from and `distro`, the release of the system the
/// database is of, when the caller knows it; a distribution's package, as those of dpkg's
/// and apk's databases are ([`super::read_package_db`]). The public keys RPM keeps among
/// the packages (`gpg-pubkey`) are not items: they are keys, not software. A row whose
/// header cannot be read is [`code::BAD_ITEM`] and is not audited; the others are.
///
/// An item's place is the row (`/Packages/12`, as a pointer into the table): the file is
/// binary and has no lines, so its line is 0, and a diagnostic is drawn under the package
/// as `rpm -qa` names it (`openssl-libs-1:3.0.7-27.el9.x86_64`).
pub fn read_rpm_db(
    file: &str,
    rows: &mut dyn Iterator<Item = Result<RpmRow, String>>,
    distro: Option<&str>,
    problems: &mut Problems,
    pairs: &mut Pairs,
    sink: &mut dyn FnMut(&Item<'_>, &mut Problems),
) -> ReadStats {
    problems.start_file();
    let mut stats = ReadStats::default();
    let mut keys = 0u64;
    for row in rows {
        let (number, blob) = match row {
            Ok(row) => row,
            Err(why) => {
                let pointer = "/Packages";
                problems.push(
                    file,
                    Snip::Line { text: "", offset: 0, line: 0 },
                    Some(pointer),
                    Diagnostic::error(
                        code::SYNTAX,
                        format!("the database could not be read further: {why}"),
                        Span::point(0),
                        "reading stopped here",
                    )
                    .with_help(
                        "the packages after this point are not audited; `rpm --rebuilddb` (on a copy) repairs a \
                         damaged database",
                    ),
                );
                break;
            }
        };
        let pointer = format!("/Packages/{number}");
        let header = match &blob {
            Ok(bytes) => RpmHeader::parse(bytes),
            Err(why) => Err(why.clone()),
        };
        let header = match header {
            Ok(h) => h,
            Err(why) => {
                let text = format!("row {number} of Packages");
                problems.push(
                    file,
                    Snip::Line { text: &text, offset: 0, line: 0 },
                    Some(&pointer),
                    Diagnostic::error(
                        code::BAD_ITEM,
                        format!("row {number} of the Packages table is no package header: {why}"),
                        Span::new(0, text.len()),
                        "this row",
                    )
                    .with_help(
                        "each row of an RPM database holds one installed package's header; this row is not audited \
                         (`rpm -qa` on the system lists what it holds, if RPM can read it)",
                    ),
                );
                continue;
            }
        };
        if header.name == "gpg-pubkey" {
            keys += 1;
            continue;
        }
        // the package as `rpm -qa` names it: NAME-[EPOCH:]VERSION-RELEASE.ARCH
        let evr = header.evr();
        let version = evr.as_deref();
        let mut text = header.name.to_owned();
        let version_at = version.map(|v| {
            text.push('-');
            let at = text.len();
            text.push_str(v);
            Span::new(at, at + v.len())
        });
        if let Some(arch) = header.arch {
            text.push('.');
            text.push_str(arch);
        }
        let spans = [None, None, Some(Span::new(0, header.name.len())), version_at];
        let source = header.source_rpm;
        let item = Item {
            product: Some(header.name),
            version,
            purl: None,
            cpe: None,
            distro,
            source,
            pair: pairs.number_installed(Some(header.name), version, distro, source),
            extra: Extra::None,
            csv_safe: false,
            distribution_package: true,
            operating_system: false,
            at: Location {
                file,
                line: 0,
                pointer: Some(&pointer),
                snippet: &text,
                snippet_offset: 0,
                snippet_line: 0,
                span: Span::new(0, text.len()),
                fields: FieldSpans::Known(&spans),
            },
        };
        stats.items += 1;
        sink(&item, problems);
    }
    if stats.items == 0 && !problems.has_errors_in(file) {
        let message = match keys {
            0 => "this RPM database lists no installed package".to_owned(),
            n => format!(
                "this RPM database lists no installed package, only {n} public key{}",
                if n == 1 { "" } else { "s" }
            ),
        };
        problems.push(
            file,
            Snip::Line { text: "", offset: 0, line: 0 },
            Some("/Packages"),
            Diagnostic::warning(code::EMPTY, message, Span::point(0), "nothing here").with_help(
                "an RPM database holds a header per installed package in its `Packages` table; a system's is at \
                 `/var/lib/rpm/rpmdb.sqlite`",
            ),
        );
    }
    stats
}

/// An RPM database that cannot be read at all (not SQLite, no `Packages` table): said as an
/// error about the file, `why` in words.
pub fn rpm_db_unreadable(file: &str, why: &str, problems: &mut Problems) -> ReadStats {
    problems.start_file();
    problems.push(
        file,
        Snip::Line { text: "", offset: 0, line: 0 },
        None,
        Diagnostic::error(
            code::SYNTAX,
            format!("this is not an RPM database that can be read: {why}"),
            Span::point(0),
            "not read",
        )
        .with_help(
            "`eol audit` reads RPM's SQLite database (`/var/lib/rpm/rpmdb.sqlite`, from RHEL 9, Fedora 33 and \
             Amazon Linux 2023) and its Berkeley DB one before (`/var/lib/rpm/Packages`); on the system, `rpm -qa --qf \
             '%{NAME},%{EPOCHNUM}:%{VERSION}-%{RELEASE}\\n'` lists the packages as CSV (with a header `product,version`)",
        ),
    );
    ReadStats {
        items: 0,
        unreadable: true,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    // Headers from the `Packages` table of a database that Debian's rpm 4.18 made
    // (crates/eol-cli/tests/fixtures/audit/rootfs/rocky9, tests/README.md says how).
    const OPENSSL: &[u8] = include_bytes!("testdata/openssl-libs.header");
    const KERNEL: &[u8] = include_bytes!("testdata/kernel-core.header");
    const KEY: &[u8] = include_bytes!("testdata/gpg-pubkey.header");

    #[test]
    fn a_header_says_the_package_and_its_version() {
        let h = RpmHeader::parse(OPENSSL).unwrap();
        assert_eq!(
            h,
            RpmHeader {
                name: "openssl-libs",
                epoch: Some(1),
                version: Some("3.0.7"),
                release: Some("27.el9"),
                arch: Some("x86_64"),
                source_rpm: Some("openssl-3.0.7-27.el9.src.rpm"),
            }
        );
        assert_eq!(h.evr().as_deref(), Some("1:3.0.7-27.el9"));
        // no epoch: none written
        let k = RpmHeader::parse(KERNEL).unwrap();
        assert_eq!(k.evr().as_deref(), Some("5.14.0-427.13.1.el9_4"));
        // a package file's header, its magic before it, reads the same
        let mut with_magic = MAGIC.to_vec();
        with_magic.extend_from_slice(OPENSSL);
        assert_eq!(RpmHeader::parse(&with_magic).unwrap(), h);
        // the public key RPM keeps as a package
        assert_eq!(RpmHeader::parse(KEY).unwrap().name, "gpg-pubkey");
    }

    #[test]
    fn a_damaged_header_is_said_to_be_one() {
        assert!(RpmHeader::parse(&[]).unwrap_err().contains("0 bytes long"));
        assert!(RpmHeader::parse(&[0, 0, 0, 0, 0, 0, 0, 0])
            .unwrap_err()
            .contains("0 entries"));
        // a byte more or less than the lengths say
        let mut longer = OPENSSL.to_vec();
        longer.push(0);
        assert!(RpmHeader::parse(&longer).unwrap_err().contains("but it is"));
        // every cut is refused, none panics
        for n in 0..OPENSSL.len() {
            assert!(RpmHeader::parse(&OPENSSL[..n]).is_err(), "cut at {n}");
        }
        // the name's offset past the data
        let mut far = OPENSSL.to_vec();
        let entries = u32::from_be_bytes(far[0..4].try_into().unwrap()) as usize;
        let name = (0..entries)
            .find(|i| far[8 + 16 * i..12 + 16 * i] == TAG_NAME.to_be_bytes())
            .unwrap();
        far[16 + 16 * name..20 + 16 * name].copy_from_slice(&0x00ff_ffffu32.to_be_bytes());
        assert!(RpmHeader::parse(&far).unwrap_err().contains("past the data"));
    }

    #[test]
    fn no_change_of_a_byte_panics() {
        // each byte set to a few values: 0, 0xff, and one off either way
        for at in 0..OPENSSL.len() {
            let b = OPENSSL[at];
            for v in [0, 0xff, b.wrapping_add(1), b.wrapping_sub(1)] {
                let mut h = OPENSSL.to_vec();
                h[at] = v;
                if let Ok(h) = RpmHeader::parse(&h) {
                    let _ = h.evr();
                }
            }
        }
    }

    /// An item as read: its row's text, source package, release and pointer.
    type Seen = (String, Option<String>, Option<String>, String);

    /// Read rows as the CLI hands them over.
    fn read(rows: Vec<Result<RpmRow, String>>) -> (Vec<Seen>, Problems) {
        let mut problems = Problems::default();
        let mut pairs = Pairs::default();
        let mut seen = Vec::new();
        let mut rows = rows.into_iter();
        read_rpm_db(
            "rpmdb.sqlite",
            &mut rows,
            Some("Rocky Linux 9.4 (Blue Onyx)"),
            &mut problems,
            &mut pairs,
            &mut |item, _| {
                assert!(item.distribution_package);
                assert_eq!(item.at.line, 0);
                // the spans are the name's and the version's in the row's text
                let name = item.at.product_span().unwrap();
                let version = item.at.version_span().unwrap();
                assert_eq!(item.at.snippet.get(name.start..name.end), item.product);
                assert_eq!(item.at.snippet.get(version.start..version.end), item.version);
                seen.push((
                    item.at.snippet.to_owned(),
                    item.source.map(str::to_owned),
                    item.distro.map(str::to_owned),
                    item.at.pointer.unwrap().to_owned(),
                ));
            },
        );
        (seen, problems)
    }

    #[test]
    fn a_databases_rows_are_its_installed_packages() {
        let (seen, problems) = read(vec![
            Ok((1, Ok(KEY.to_vec()))),
            Ok((5, Ok(OPENSSL.to_vec()))),
            Ok((6, Err("its value is text, not a blob".to_owned()))),
            Ok((7, Ok(KERNEL.to_vec()))),
            Ok((9, Ok(vec![1, 2, 3]))),
        ]);
        // the key is no item; rows 6 and 9 are no headers
        assert_eq!(
            seen,
            [
                (
                    "openssl-libs-1:3.0.7-27.el9.x86_64".to_owned(),
                    Some("openssl-3.0.7-27.el9.src.rpm".to_owned()),
                    Some("Rocky Linux 9.4 (Blue Onyx)".to_owned()),
                    "/Packages/5".to_owned()
                ),
                (
                    "kernel-core-5.14.0-427.13.1.el9_4.x86_64".to_owned(),
                    Some("kernel-5.14.0-427.13.1.el9_4.src.rpm".to_owned()),
                    Some("Rocky Linux 9.4 (Blue Onyx)".to_owned()),
                    "/Packages/7".to_owned()
                ),
            ]
        );
        let said: Vec<(&str, u64, Option<&str>)> = problems
            .list
            .iter()
            .map(|d| (d.diagnostic.code, d.line, d.pointer.as_deref()))
            .collect();
        assert_eq!(
            said,
            [
                (code::BAD_ITEM, 0, Some("/Packages/6")),
                (code::BAD_ITEM, 0, Some("/Packages/9")),
            ]
        );
        assert!(problems.list[0].diagnostic.message.contains("text, not a blob"));
        assert!(problems.list[1].diagnostic.message.contains("3 bytes long"));
    }

    #[test]
    fn a_database_that_fails_part_way_says_where() {
        let (seen, problems) = read(vec![
            Ok((5, Ok(OPENSSL.to_vec()))),
            Err("database disk image is malformed".to_owned()),
            Ok((7, Ok(KERNEL.to_vec()))),
        ]);
        assert_eq!(seen.len(), 1, "nothing after the failure is read");
        assert_eq!(problems.list.len(), 1);
        assert_eq!(problems.list[0].diagnostic.code, code::SYNTAX);
        assert!(problems.list[0].diagnostic.message.contains("malformed"));
    }

    #[test]
    fn a_database_of_keys_alone_lists_nothing() {
        let (seen, problems) = read(vec![Ok((1, Ok(KEY.to_vec())))]);
        assert!(seen.is_empty());
        assert_eq!(problems.list.len(), 1);
        assert_eq!(problems.list[0].diagnostic.code, code::EMPTY);
        assert!(problems.list[0].diagnostic.message.contains("only 1 public key"));
    }
}
