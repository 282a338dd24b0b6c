//! `eol audit INPUT...`: which of the things we run are out of support.
//!
//! This file reads the inputs (files, standard input), drives the engine's readers and
//! auditor item by item, and renders. JSON, CSV and SARIF stream; the table and Markdown
//! keep one small row per item to align and sort them.

use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::sync::Arc;

use eol_engine::audit::input::{self, Fields, InputFormat, Item, Problems};
use eol_engine::audit::output::{self, CsvWriter, JsonWriter, SarifWriter};
use eol_engine::audit::suppress::Suppressions;
use eol_engine::audit::{fails, Auditor, FailOn, Options, Packages, Pairs, State, Tally, Unlisted, Within};
use eol_engine::eval::Options as EvalOptions;
use eol_engine::identifiers::Distro;
use eol_engine::query::{Basis, ProductView};

use crate::args::{AuditArgs, AuditFormat, AuditInput, FailOnArg, PackagesArg, Unmatched};
use crate::exit::{Failure, BROKEN, CONDITION, OK};
use crate::i18n::{msg, Messages};
use crate::load;
use crate::render::{sanitize, Style};
use crate::table::{Table, Tone};

pub fn run(args: &AuditArgs) -> i32 {
    let json = matches!(args.format, AuditFormat::Json | AuditFormat::Sarif);
    match audit(args) {
        Ok(code) => code,
        Err(f) => f.report(json),
    }
}

/// An opened input.
struct Input {
    name: String,
    format: InputFormat,
    reader: Box<dyn BufRead + Send>,
    /// the file (None for standard input): an RPM database is read from it by its pages
    /// (by SQLite, or for a Berkeley DB one by the engine)
    path: Option<std::path::PathBuf>,
    /// for a package database, its root's os-release (unless `--distro` names the release)
    system: Option<System>,
}

/// The os-release of a package database's root: its name as shown, its text, and the
/// system's name it gives.
struct System {
    file: String,
    text: String,
    name: Option<String>,
}

/// A reader that counts what it read, for the progress bar.
struct Counting<R> {
    inner: R,
    bar: indicatif::ProgressBar,
    pending: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pending += n as u64;
        if self.pending >= 1 << 20 || n == 0 {
            self.bar.inc(self.pending);
            self.pending = 0;
        }
        Ok(n)
    }
}

/// How standard input is named in reports.
const STDIN: &str = "<stdin>";

/// Inputs this large show a progress bar on a terminal.
const PROGRESS_FROM: u64 = 16 << 20;

fn open_inputs(args: &AuditArgs, bar: &indicatif::ProgressBar) -> Result<Vec<Input>, Failure> {
    let mut out = Vec::new();
    let mut stdin_used = false;
    // a directory is a system's root: its package databases
    let mut paths = Vec::new();
    for path in &args.inputs {
        match path.as_os_str() != "-" && path.is_dir() {
            true => paths.extend(databases_in(path)?),
            false => paths.push(path.clone()),
        }
    }
    for path in &paths {
        let is_stdin = path.as_os_str() == "-";
        let name = if is_stdin {
            STDIN.to_owned()
        } else {
            crate::files::display(path)
        };
        let raw: Box<dyn Read + Send> = if is_stdin {
            if stdin_used {
                return Err(Failure::usage(
                    "standard input (`-`) is named twice",
                    "name `-` once; it can be read only once",
                ));
            }
            stdin_used = true;
            Box::new(std::io::stdin())
        } else {
            let file =
                std::fs::File::open(path).map_err(|e| Failure::io(format!("cannot read {name}: {e}")))?;
            // only regular files: a device or FIFO may never end (`/dev/zero`); standard input
            // (`-`) is the way to pipe one in
            match file.metadata() {
                Ok(m) if m.is_file() => {}
                Ok(_) => {
                    return Err(Failure::io(format!(
                        "{name} is not a regular file (a device, FIFO or socket)"
                    ))
                    .with_help(
                        "to audit what a program writes, pipe it to `eol audit -` (`... | eol audit -`)",
                    ))
                }
                Err(e) => return Err(Failure::io(format!("cannot read {name}: {e}"))),
            }
            Box::new(file)
        };
        let counted = Counting {
            inner: raw,
            bar: bar.clone(),
            pending: 0,
        };
        let mut reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(256 * 1024, counted));
        let mut head = || {
            reader
                .fill_buf()
                .map(|h| h.to_vec())
                .map_err(|e| Failure::io(format!("cannot read {name}: {e}")))
        };
        let format = match args.input_format {
            Some(AuditInput::Csv) => InputFormat::Csv,
            Some(AuditInput::Jsonl) => InputFormat::Jsonl,
            Some(AuditInput::Sbom) => InputFormat::Sbom,
            // a text database (dpkg's, apk's), or RPM's (SQLite or Berkeley DB)
            Some(AuditInput::Packages) => match input::rpm_db_head(&head()?) {
                true => InputFormat::RpmDb,
                false => InputFormat::Packages,
            },
            None => match InputFormat::from_name(&name) {
                Some(f) => f,
                None => InputFormat::sniff(&head()?),
            },
        };
        if format == InputFormat::RpmDb && is_stdin {
            return Err(Failure::usage(
                "an RPM database cannot be read from standard input",
                "an RPM database is read by its pages, from its file: name the file (`eol audit /var/lib/rpm/rpmdb.sqlite`)",
            ));
        }
        let system = match (format, is_stdin, &args.distro) {
            (InputFormat::Packages | InputFormat::RpmDb, false, None) => system_of(path, &name),
            _ => None,
        };
        out.push(Input {
            name,
            format,
            reader,
            path: (!is_stdin).then(|| path.clone()),
            system,
        });
    }
    Ok(out)
}

/// The package databases of a system whose root is `dir` (`/`, or an image's unpacked root):
/// each of dpkg's, apk's and RPM's that is there ([`input::PACKAGE_DATABASES`],
/// [`input::RPM_DATABASES`]; of RPM's in one directory, only the newest kind: SQLite, ndb,
/// Berkeley DB, as rpm converts one into the next), once each however many links lead to it
/// (Fedora's and SUSE's `/var/lib/rpm` is a link to `/usr/lib/sysimage/rpm`). A link that leads out of the root (an absolute one, in an image
/// unpacked elsewhere, would name this machine's file) is not followed, and standard error
/// says so. A usage error when there is none.
fn databases_in(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, Failure> {
    let name = crate::files::display(dir);
    let root = std::fs::canonicalize(dir).map_err(|e| Failure::io(format!("cannot read {name}: {e}")))?;
    let mut found: Vec<std::path::PathBuf> = Vec::new();
    let mut seen = Vec::new();
    let mut rpm_dirs: Vec<std::path::PathBuf> = Vec::new();
    for db in input::PACKAGE_DATABASES.iter().chain(&input::RPM_DATABASES) {
        let path = dir.join(db);
        let Ok(real) = std::fs::canonicalize(&path) else {
            continue;
        };
        if !real.starts_with(&root) {
            errln!(
                "note: {} leads out of {name}, to {}: not read (the root's own database is not there)",
                crate::files::display(&path),
                real.display()
            );
            continue;
        }
        // an older RPM database beside a newer one that rpm converted it into
        let rpm = input::RPM_DATABASES.contains(db);
        let newer_beside = rpm && rpm_dirs.iter().any(|d| Some(d.as_path()) == real.parent());
        if seen.contains(&real) || newer_beside || !real.is_file() {
            continue;
        }
        if rpm {
            rpm_dirs.extend(real.parent().map(std::path::Path::to_path_buf));
        }
        seen.push(real);
        found.push(path);
    }
    if found.is_empty() {
        return Err(Failure::io(format!(
            "{name} is a directory with no package database, not an inventory or SBOM"
        ))
        .with_help(format!(
            "a directory is read as a system's root, for the package databases under it ({}); an inventory or SBOM is a file",
            input::PACKAGE_DATABASES
                .iter()
                .chain(&input::RPM_DATABASES)
                .map(|d| format!("`{d}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(found)
}

/// The system a package database at `path` is of (`ROOT/var/lib/dpkg/status`): its root's
/// `etc/os-release` (or `usr/lib/os-release`), and the name it gives the system, said on
/// standard error. None for a database elsewhere, or a root without an os-release.
fn system_of(path: &std::path::Path, name: &str) -> Option<System> {
    let text = path.to_string_lossy().replace('\\', "/");
    let root = input::PACKAGE_DATABASES
        .iter()
        .chain(&input::RPM_DATABASES)
        .find_map(|db| input::package_db_root(&text, db))?;
    let root = if root.is_empty() { "./" } else { root };
    let (release_file, text) = ["etc/os-release", "usr/lib/os-release"].iter().find_map(|f| {
        let file = std::path::Path::new(root).join(f);
        let meta = std::fs::metadata(&file).ok()?;
        // a regular file of a sane size: an os-release is a few hundred bytes
        if !meta.is_file() || meta.len() > 64 * 1024 {
            return None;
        }
        Some((file.clone(), std::fs::read_to_string(&file).ok()?))
    })?;
    let file = crate::files::display(&release_file);
    let system = input::os_release_name(&text);
    if let Some(system) = &system {
        errln!(
            "note: {name}: the packages of `{}`, as {file} names the system (--distro says otherwise)",
            sanitize(system),
        );
    }
    Some(System {
        file,
        text,
        name: system,
    })
}

/// The release `--distro` names, of `eol audit` and `eol status` alike: `debian-12`, or as
/// the system names itself (`Ubuntu 22.04.4 LTS`, `/etc/os-release`'s `PRETTY_NAME`); a
/// usage error when it names none.
pub(crate) fn distro_given(
    text: Option<&str>,
    lib: &eol_engine::library::Library,
) -> Result<Option<Distro>, Failure> {
    let Some(text) = text else {
        return Ok(None);
    };
    let policies: Vec<&eol_engine::model::Policy> =
        lib.rules.iter().flat_map(|f| f.policies.iter()).collect();
    let index = eol_engine::resolve::NameIndex::new(&policies);
    eol_engine::audit::read_system(&policies, &index, text)
        .map(Some)
        .ok_or_else(|| {
            Failure::usage(
                format!("`--distro {}` does not name a distribution and its release", sanitize(text)),
                "write the distribution's name, a `-` and the release (`--distro debian-12`, `ubuntu-22.04`, `alpine-3.19`), or the system's name as it gives it (`--distro \"$(. /etc/os-release; echo \"$PRETTY_NAME\")\"`)",
            )
        })
}

/// The extra columns of the CSV inventories, from their header rows (for CSV output).
fn extra_columns(inputs: &mut [Input], fields: &Fields) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for input in inputs.iter_mut().filter(|i| i.format == InputFormat::Csv) {
        let Ok(head) = input.reader.fill_buf() else {
            continue;
        };
        let text = String::from_utf8_lossy(head);
        let first = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim_start_matches('\u{feff}');
        for n in input::extra_columns(first, fields) {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    names
}

/// A table row kept for an item: which finding, and what and where the item is.
struct Kept {
    finding: usize,
    name: String,
    version: String,
    place: String,
}

enum Sink<W: Write> {
    Json(JsonWriter<W>),
    /// written on a thread of its own, so through `Stdout` (which it locks per write)
    Csv(Box<CsvWriter<std::io::Stdout>>),
    Sarif(SarifWriter<W>),
    Rows(Vec<Kept>),
}

fn place(item: &Item<'_>) -> String {
    let mut s = match item.at.pointer {
        Some(p) => format!("{}#{p}", item.at.file),
        None => format!("{}:{}", item.at.file, item.at.line),
    };
    let shown: Vec<String> = item
        .extra
        .iter()
        .filter(|(k, _)| {
            matches!(
                k.to_ascii_lowercase().as_str(),
                "host"
                    | "hostname"
                    | "name"
                    | "location"
                    | "device"
                    | "device name"
                    | "devicename"
                    | "computer"
                    | "computer name"
                    | "computername"
            )
        })
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if !shown.is_empty() {
        s.push_str(&format!(" ({})", shown.join(", ")));
    }
    s
}

fn audit(args: &AuditArgs) -> Result<i32, Failure> {
    let at = load::at_or_today(args.kb.at);
    let lang = args.kb.lang.as_deref();
    let (m, missing) = Messages::new(lang);
    if missing {
        errln!(
            "note: no messages in `{}`; the words around the rules' labels stay English",
            lang.unwrap_or("")
        );
    }
    let within = Within::parse(&args.within)
        .map_err(|e| Failure::usage(e, "write `--within 90d`, `12w`, `6m` or `1y`"))?;
    let basis = if args.extended {
        Basis::Extended
    } else {
        Basis::Standard
    };
    let fail_on: Vec<FailOn> = args
        .fail_on
        .iter()
        .map(|f| match f {
            FailOnArg::EndOfLife => FailOn::EndOfLife,
            FailOnArg::Superseded => FailOn::Superseded,
            FailOnArg::EndsSoon => FailOn::EndsSoon,
            FailOnArg::Unknown => FailOn::Unknown,
            FailOnArg::Stale => FailOn::Stale,
        })
        .collect();
    let fields = Fields::parse(args.columns.iter().map(String::as_str))
        .map_err(|e| Failure::usage(e.message, e.help))?;
    let suppressions = match &args.suppressions {
        None => Suppressions::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure::io(format!("cannot read {}: {e}", path.display())))?;
            Suppressions::parse(&crate::files::display(path), &text, at)
        }
    };
    // Every input is opened before anything is audited: a name that is wrong is a usage
    // error, not half an audit.
    let total: u64 = args
        .inputs
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let bar = if std::io::stderr().is_terminal() && total >= PROGRESS_FROM {
        let bar =
            indicatif::ProgressBar::with_draw_target(Some(total), indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{spinner} {bytes}/{total_bytes} {wide_bar} {eta}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut inputs = open_inputs(args, &bar)?;

    let mut lib = load::library(&[], &args.kb.sources, load::Implicit::Operator)?;
    let distro = distro_given(args.distro.as_deref(), &lib)?;
    let products = lib.evaluate(at, EvalOptions { trace: true }, None);
    let broken = lib.has_errors();
    if broken {
        load::report(&lib);
    }
    let views: Vec<ProductView<'_>> = products
        .iter()
        .filter_map(|p| Some(ProductView::new(p.policy(&lib.rules)?, p, &lib.catalogs)))
        .collect();
    let mut auditor = Auditor::new(
        views,
        Options {
            at,
            basis,
            within,
            lang: lang.map(str::to_owned),
            packages: match args.packages {
                PackagesArg::Upstream => Packages::Upstream,
                PackagesArg::Distribution => Packages::Distribution,
            },
            distro,
        },
        suppressions,
    );

    let locked = || std::io::BufWriter::with_capacity(256 * 1024, std::io::stdout().lock());
    let version = env!("CARGO_PKG_VERSION");
    let mut sink = match args.format {
        AuditFormat::Json => Sink::Json(JsonWriter::begin(locked(), &auditor).map_err(write_error)?),
        AuditFormat::Csv => {
            let extra = extra_columns(&mut inputs, &fields);
            // The writing thread fills and writes blocks of its own: a buffer here would only
            // copy each block once more.
            Sink::Csv(Box::new(
                CsvWriter::begin(std::io::stdout(), extra).map_err(write_error)?,
            ))
        }
        AuditFormat::Sarif => Sink::Sarif(SarifWriter::begin(locked(), version).map_err(write_error)?),
        AuditFormat::Table | AuditFormat::Markdown => Sink::Rows(Vec::new()),
    };
    let mut problems = Problems::default();
    // what the items name, numbered across every input
    let mut pairs = Pairs::default();
    let mut tally = Tally::default();
    let mut per_finding: Vec<u64> = Vec::new();
    let mut read_any = false;
    let mut write_failed: Option<std::io::Error> = None;
    for input in inputs {
        let Input {
            name,
            format,
            reader,
            path,
            system,
        } = input;
        let mut on_item = |item: &Item<'_>, problems: &mut Problems| {
            let index = auditor.judge(item);
            auditor.item_problems(index, item, problems);
            if per_finding.len() <= index {
                per_finding.resize(index + 1, 0);
            }
            if let Some(n) = per_finding.get_mut(index) {
                *n += 1;
            }
            if let Some(b) = auditor.brief(index) {
                tally.add_brief(b);
            }
            if write_failed.is_some() {
                return;
            }
            let result = match &mut sink {
                Sink::Json(w) => w.item(item, index, &auditor),
                Sink::Csv(w) => w.item(item, index, &auditor),
                Sink::Sarif(w) => w.item(item, index, &auditor),
                Sink::Rows(rows) => {
                    rows.push(Kept {
                        finding: index,
                        name: item.product.or(item.purl).or(item.cpe).unwrap_or("").to_owned(),
                        version: item.version.unwrap_or("").to_owned(),
                        place: place(item),
                    });
                    Ok(())
                }
            };
            if let Err(e) = result {
                write_failed = Some(e);
            }
        };
        let stats = run_input(
            (&name, system.as_ref().and_then(|s| s.name.as_deref())),
            (format, path.as_deref()),
            reader,
            &fields,
            &mut problems,
            &mut pairs,
            &mut on_item,
        )
        .map_err(|e| Failure::io(format!("cannot read {name}: {e}")))?;
        read_any |= !stats.unreadable;
        // the system the database is of is an item too, at its os-release
        if let Some(system) = &system {
            input::read_os_release(
                &system.file,
                &system.text,
                &mut problems,
                &mut pairs,
                &mut on_item,
            );
        }
    }
    bar.finish_and_clear();
    if let Some(e) = write_failed {
        return write_failed_exit(e);
    }
    // An item an input error kept from the audit is one the gate cannot speak for: the
    // audit is incomplete, and says so by its exit code, whatever the findings of the rest.
    let unaudited = problems.errors();
    let complete = read_any && !broken && unaudited == 0;
    let used = output::suppression_use(&auditor, &per_finding);
    let style = Style::detect_stderr();
    for d in &problems.list {
        errln!("{}", crate::render::input_diagnostic(d, style));
    }
    for (file, n) in &problems.dropped {
        errln!("note: {file}: {n} more problems not shown");
    }
    let s = auditor.suppressions();
    let source = crate::render::Source::new(&s.file, &s.text);
    for d in &s.diagnostics {
        errln!("{}", source.human(d, style));
    }
    let written = match sink {
        Sink::Json(w) => w
            .finish(&tally, &auditor, &used, &problems, &lib.data, complete)
            .and_then(|mut o| o.flush()),
        Sink::Csv(w) => (*w).finish().and_then(|mut o| o.flush()),
        Sink::Sarif(w) => w
            .finish(&tally, &problems, auditor.suppressions(), complete)
            .and_then(|mut o| o.flush()),
        Sink::Rows(rows) => {
            let text = render_rows(args, &auditor, &m, rows, &tally, &used, &lib.data);
            let mut o = out_for_rows();
            o.write_all(text.as_bytes()).and_then(|()| o.flush())
        }
    };
    if let Err(e) = written {
        return write_failed_exit(e);
    }
    let code = if !read_any || (tally.items == 0 && unaudited > 0) {
        errln!("error: nothing could be read from the inputs (above)");
        BROKEN
    } else if broken {
        errln!("error: the rules or catalogs have errors (above); products read from them are unknown");
        BROKEN
    } else if unaudited > 0 {
        errln!(
            "error: the inputs have {unaudited} error{} (above): the items there were not audited, so this audit is incomplete",
            if unaudited == 1 { "" } else { "s" }
        );
        BROKEN
    } else if fails(&tally, &fail_on) {
        CONDITION
    } else {
        OK
    };
    // The process ends when this returns: the findings (one per distinct pair; the auditor
    // also holds the product views), the library and its evaluation are left for the system
    // to reclaim, as `eval` leaves its own. Freeing them piece by piece cost 100 million
    // instructions on an audit of 10,648 distinct pairs, a thirteenth of its fixed cost.
    std::mem::forget(auditor);
    std::mem::forget(products);
    std::mem::forget(lib);
    std::mem::forget(pairs);
    Ok(code)
}

/// The table is written after the stream's writer is gone.
fn out_for_rows() -> std::io::StdoutLock<'static> {
    std::io::stdout().lock()
}

fn write_error(e: std::io::Error) -> Failure {
    Failure::io(format!("cannot write to standard output: {e}"))
}

fn write_failed_exit(e: std::io::Error) -> Result<i32, Failure> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return Ok(OK);
    }
    Err(write_error(e))
}

fn run_input(
    (name, system): (&str, Option<&str>),
    (format, path): (InputFormat, Option<&std::path::Path>),
    mut reader: Box<dyn BufRead + Send>,
    fields: &Fields,
    problems: &mut Problems,
    pairs: &mut Pairs,
    on_item: &mut dyn FnMut(&Item<'_>, &mut Problems),
) -> std::io::Result<input::ReadStats> {
    match format {
        InputFormat::Csv => input::read_csv(name, reader, fields, problems, pairs, on_item),
        InputFormat::Jsonl => input::read_jsonl(name, reader, fields, problems, pairs, on_item),
        InputFormat::Packages => input::read_package_db(name, reader, system, problems, pairs, on_item),
        // read from the file by its pages (standard input is refused before)
        InputFormat::RpmDb => match path {
            Some(path) => {
                drop(reader);
                Ok(crate::rpmdb::read(name, path, system, problems, pairs, on_item))
            }
            None => Ok(input::rpm_db_unreadable(name, "it is standard input", problems)),
        },
        InputFormat::Sbom => {
            let limit = eol_engine::limits::MAX_SBOM_BYTES;
            let size = path
                .and_then(|p| std::fs::metadata(p).ok())
                .filter(std::fs::Metadata::is_file)
                .map(|m| m.len());
            let bytes = read_whole(&mut reader, size, limit)?;
            if bytes.len() as u64 > limit {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "it is larger than {} MiB, the largest SBOM read whole",
                        limit >> 20
                    ),
                ));
            }
            let text: Arc<str> = match String::from_utf8(bytes) {
                Ok(t) => Arc::from(t),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let lossy: Arc<str> = Arc::from(String::from_utf8_lossy(e.as_bytes()).into_owned());
                    problems.push_document(name, &lossy, input::not_utf8(at));
                    return Ok(input::ReadStats {
                        items: 0,
                        unreadable: true,
                    });
                }
            };
            Ok(input::read_sbom(name, &text, fields, problems, pairs, on_item))
        }
    }
}

/// Everything `reader` gives, up to one byte past `limit` (the caller refuses more), in one
/// buffer of its exact size, never one grown by doubling, which holds up to twice the text and,
/// while it grows, the old buffer beside the new. A file's `size`, known, sizes it; a stream
/// of unknown length (standard input) is read in chunks, which are copied into it and freed
/// one by one.
fn read_whole(reader: &mut dyn Read, size: Option<u64>, limit: u64) -> std::io::Result<Vec<u8>> {
    read_whole_by(reader, size, limit, 4 << 20)
}

/// [`read_whole`] in chunks of `chunk` bytes.
fn read_whole_by(
    reader: &mut dyn Read,
    size: Option<u64>,
    limit: u64,
    chunk: u64,
) -> std::io::Result<Vec<u8>> {
    let mut reader = reader.take(limit + 1);
    if let Some(size) = size {
        let mut bytes = Vec::with_capacity(usize::try_from(size.min(limit + 1)).unwrap_or(0));
        reader.read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    let mut chunks: Vec<Vec<u8>> = Vec::new();
    loop {
        let mut part = Vec::with_capacity(usize::try_from(chunk).unwrap_or(0));
        let read = reader.by_ref().take(chunk).read_to_end(&mut part)?;
        chunks.push(part);
        if (read as u64) < chunk {
            break;
        }
    }
    if let [one] = chunks.as_mut_slice() {
        return Ok(std::mem::take(one));
    }
    let mut bytes = Vec::with_capacity(chunks.iter().map(Vec::len).sum());
    for chunk in chunks {
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

pub(crate) fn state_word(s: State, m: &Messages) -> String {
    m.get(match s {
        State::EndOfLife => "audit-state-end-of-life",
        State::Superseded => "audit-state-superseded",
        State::EndsSoon => "audit-state-ends-soon",
        State::UnknownProduct => "audit-state-unknown-product",
        State::UnknownVersion => "audit-state-unknown-version",
        State::Unreleased => "audit-state-unreleased",
        State::Supported => "audit-state-supported",
    })
}

fn render_rows(
    args: &AuditArgs,
    auditor: &Auditor<'_>,
    m: &Messages,
    mut rows: Vec<Kept>,
    tally: &Tally,
    used: &[u64],
    data: &eol_engine::library::DataSource,
) -> String {
    let o = auditor.options();
    let findings = auditor.findings();
    let state_of = |k: &Kept| findings.get(k.finding).map_or(State::Supported, |f| f.state);
    // Worst first; the input's order within a state.
    rows.sort_by_key(|k| state_of(k).index());
    // per row of a distribution's package: judged by its release (true), or its release
    // says otherwise than its product (false)
    let packaged: Vec<Option<bool>> = rows
        .iter()
        .map(|k| {
            let p = findings.get(k.finding)?.packaged.as_deref()?;
            match (p.judged, &p.note) {
                (true, _) => Some(true),
                (false, Some(_)) => Some(false),
                (false, None) => None,
            }
        })
        .collect();
    let hidden = if args.unmatched == Unmatched::Hide {
        let before = rows.len();
        rows.retain(|k| !state_of(k).is_unknown());
        before - rows.len()
    } else {
        0
    };
    let mut t = Table::new(vec![
        m.get("col-audit-state"),
        m.get("col-audit-product"),
        m.get("col-line"),
        m.get("col-audit-version"),
        m.get("col-audit-phase"),
        m.get("col-eol"),
        m.get("col-audit-days"),
        m.get("col-audit-next"),
        m.get("col-audit-where"),
    ]);
    let none = m.get("none-cell");
    for k in &rows {
        let Some(f) = findings.get(k.finding) else {
            continue;
        };
        let s = f.status.as_deref();
        let mut state = state_word(f.state, m);
        if f.stale {
            state = msg!(m, "audit-stale-state", state = &state);
        }
        // its distribution release says otherwise (counted under the table, told in the reason)
        let otherwise = f
            .packaged
            .as_deref()
            .is_some_and(|p| !p.judged && p.note.is_some())
            && auditor.options().packages == Packages::Upstream;
        if otherwise {
            state = msg!(m, "audit-packaged-state", state = &state);
        }
        if f.suppressed.is_some() {
            state = msg!(m, "audit-suppressed-state", state = &state);
        }
        let tone = match (f.state, f.suppressed.is_some()) {
            (_, true) => Tone::Plain,
            (_, false) if f.stale => Tone::Warn,
            (State::EndOfLife | State::Superseded, _) => Tone::Bad,
            // supported, but its distribution release no longer fixes it
            (State::Supported, _) if otherwise => Tone::Warn,
            (State::EndsSoon, _) => Tone::Warn,
            (State::Supported, _) => Tone::Good,
            _ => Tone::Plain,
        };
        // a known product, or a package its distribution release judged, by its id
        let product = match (&f.product_name, &f.packaged) {
            (Some(_), _) | (None, Some(_)) => f.product.clone(),
            (None, None) => k.name.clone(),
        };
        let line = f.line.clone().unwrap_or_else(|| none.clone());
        let prerelease = s.and_then(|s| s.prerelease.as_ref());
        let phase = match (s.and_then(|s| s.phase.as_ref()), f.state) {
            (_, State::Superseded) if prerelease.is_some() => msg!(
                m,
                "audit-prerelease",
                version = s
                    .and_then(|s| s.superseded.as_ref())
                    .map_or("", |x| x.by.version.as_str())
            ),
            (_, State::Unreleased) if prerelease.is_some() => msg!(
                m,
                "audit-prerelease-unreleased",
                release = prerelease.map_or("", |p| p.release.as_str())
            ),
            (_, State::Superseded) => msg!(
                m,
                "audit-superseded",
                version = s
                    .and_then(|s| s.superseded.as_ref())
                    .map_or("", |x| x.by.version.as_str())
            ),
            (Some(p), _) => p.label.clone(),
            (None, State::UnknownProduct | State::UnknownVersion) if !f.candidates.is_empty() => {
                let key = if f.state == State::UnknownProduct {
                    "audit-did-you-mean"
                } else {
                    "audit-nearest"
                };
                msg!(m, key, names = &f.candidates.join(", "))
            }
            (None, _) if f.unlisted == Some(Unlisted::Older) => {
                msg!(m, "audit-older", names = &f.candidates.join(", "))
            }
            (None, _) if f.unlisted == Some(Unlisted::Between) => {
                msg!(m, "audit-between", names = &f.candidates.join(", "))
            }
            (None, _) if f.whichever.is_some() => {
                msg!(m, "audit-whichever", names = &f.candidates.join(", "))
            }
            _ => none.clone(),
        };
        // judged by its distribution release: the phase is the release's, and says so
        let phase = match f.packaged.as_deref().filter(|p| p.judged) {
            Some(p) => {
                let r = &p.release;
                let release = match (&r.product_name, &r.line) {
                    (Some(name), Some(line)) => format!("{name} {line}"),
                    _ => format!("{} {}", p.distro.name, p.distro.release),
                };
                if phase == none {
                    release
                } else {
                    msg!(m, "audit-judged-phase", release = &release, phase = &phase)
                }
            }
            None => phase,
        };
        let eol = s
            .and_then(|s| s.eol.as_ref())
            .or(f.whichever.as_ref())
            .map_or_else(|| none.clone(), |d| super::status::cell(d, m));
        let days = f.days_left.map_or_else(|| none.clone(), |d| d.to_string());
        let next = s.and_then(|s| s.next.as_ref()).map_or_else(
            || none.clone(),
            |n| {
                let what = match (&n.enters_label, n.into) {
                    (Some(l), _) => l.clone(),
                    (None, "between-phases") => m.get("audit-next-gap"),
                    (None, "superseded") => msg!(
                        m,
                        "status-enters-superseded",
                        version = s
                            .and_then(|s| s.superseded.as_ref())
                            .map_or("", |x| x.by.version.as_str())
                    ),
                    _ => m.get("status-enters-eol"),
                };
                format!("{what} {}", super::status::cell(&n.when, m))
            },
        );
        let version = if k.version.is_empty() {
            f.version.clone().unwrap_or_else(|| none.clone())
        } else {
            k.version.clone()
        };
        t.rows.push(vec![
            (state, tone),
            (product, Tone::Plain),
            (line, Tone::Plain),
            (version, Tone::Plain),
            (phase, Tone::Plain),
            (eol, Tone::Plain),
            (days, Tone::Plain),
            (next, Tone::Plain),
            (k.place.clone(), Tone::Plain),
        ]);
    }
    let markdown = args.format == AuditFormat::Markdown;
    let mut text = String::new();
    let title = msg!(
        m,
        "audit-title",
        n = tally.items,
        at = &o.at.to_string(),
        within = &o.within.text
    );
    if markdown {
        text.push_str(&format!("## {}\n\n", sanitize(&title)));
        text.push_str(&sanitize(&t.markdown()));
        text.push('\n');
    } else {
        text.push_str(&format!("{}\n", sanitize(&title)));
        text.push_str(&sanitize(&t.text(Style::detect())));
    }
    // The summary: counts per state, then what was suppressed.
    let counts: Vec<String> = State::ALL
        .iter()
        .filter(|s| tally.count(**s) > 0)
        .map(|s| format!("{} {}", tally.count(*s), state_word(*s, m)))
        .collect();
    let mut summary = msg!(
        m,
        "audit-summary",
        n = tally.items,
        counts = &if counts.is_empty() {
            none.clone()
        } else {
            counts.join(", ")
        }
    );
    let suppressed = tally.suppressed_total();
    if suppressed > 0 {
        summary.push_str(&msg!(m, "audit-summary-suppressed", n = suppressed));
    }
    if tally.stale > 0 {
        summary.push_str(&msg!(m, "audit-summary-stale", n = tally.stale));
    }
    if hidden > 0 {
        summary.push_str(&msg!(m, "audit-summary-hidden", n = hidden));
    }
    // distribution packages: judged by their release, or told what it says otherwise
    let (judged, differ) = packaged.iter().fold((0u64, 0u64), |(j, d), p| match p {
        Some(true) => (j + 1, d),
        Some(false) => (j, d + 1),
        None => (j, d),
    });
    if judged > 0 {
        summary.push_str(&msg!(m, "audit-summary-judged", n = judged));
    }
    if differ > 0 {
        // asked to judge by the release, the others are those whose release is not known
        let key = match auditor.options().packages {
            Packages::Distribution => "audit-summary-not-judged",
            Packages::Upstream => "audit-summary-packaged",
        };
        summary.push_str(&msg!(m, key, n = differ));
    }
    // a distribution's builds whose release nothing names: what would name it
    let unnamed = rows
        .iter()
        .filter_map(|k| findings.get(k.finding))
        .filter(|f| f.built_for.is_some() && f.counts())
        .count();
    if unnamed > 0 {
        summary.push_str(&msg!(m, "audit-summary-built-for", n = unnamed));
    }
    text.push_str(&format!("{}\n", sanitize(&summary)));
    let s = auditor.suppressions();
    for (i, e) in s.entries.iter().enumerate() {
        let n = used.get(i).copied().unwrap_or(0);
        if n == 0 && !e.expired {
            continue;
        }
        let until = match (e.expired, e.expires) {
            (true, Some(d)) => msg!(m, "audit-suppression-expired", date = &d.to_string()),
            (false, Some(d)) => msg!(m, "audit-suppression-until", date = &d.to_string()),
            _ => String::new(),
        };
        let line = msg!(
            m,
            "audit-suppression",
            target = &e.target(),
            n = n,
            reason = &e.reason,
            until = &until
        );
        let bullet = if markdown { "- " } else { "  " };
        text.push_str(&format!("{bullet}{}\n", sanitize(&line)));
    }
    if markdown {
        text.push('\n');
    }
    let mut data_line = load::data_text(m, data);
    // when the products that answered had their sources read (a sources record's `checked`):
    // the oldest bounds how current the audit's data is
    let mut read: std::collections::BTreeMap<&str, Option<chrono::NaiveDate>> = Default::default();
    for f in findings {
        if let (Some(_), Some(s)) = (
            &f.product_name,
            f.packaged
                .as_ref()
                .and_then(|p| p.upstream.as_deref())
                .or(f.status.as_deref()),
        ) {
            read.insert(f.product.as_str(), s.freshness.checked);
        }
    }
    let with: Vec<chrono::NaiveDate> = read.values().flatten().copied().collect();
    if let Some(oldest) = with.iter().min() {
        data_line.push_str(&msg!(
            m,
            "audit-data-checked",
            date = &oldest.to_string(),
            n = with.len(),
            total = read.len()
        ));
    }
    text.push_str(&format!("{}\n", sanitize(&data_line)));
    text
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A stream is read whole in chunks, a file by its size, both exactly and up to one byte
    /// past the limit, whatever the chunk boundaries.
    #[test]
    fn a_document_is_read_whole_into_a_buffer_of_its_size() {
        let text: Vec<u8> = (0..100u8).collect();
        for len in [0, 1, 7, 8, 9, 16, 17, 50, 100] {
            let want = &text[..len];
            for limit in [200, 100, 50, 8] {
                let expected = &want[..want.len().min(limit + 1)];
                for size in [None, Some(len as u64)] {
                    let got = read_whole_by(&mut &want[..], size, limit as u64, 8).unwrap();
                    assert_eq!(got, expected, "len {len} limit {limit} size {size:?}");
                    // a stream of one chunk is that chunk; of more, copied into one exact buffer
                    if size.is_none() && got.len() >= 8 {
                        assert_eq!(got.capacity(), got.len(), "len {len}");
                    }
                }
            }
        }
    }
}
