//! Workspace-level test corpora; see tests/README.md.
//!
//! Helpers shared by the integration tests in `tests/tests/`: where things are,
//! how a diagnostic is rendered in snapshots, and how a file name maps to the
//! diagnostic code it must produce.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use eol_engine::catalog::CatalogFormat;
use eol_engine::eval::Options;
use eol_engine::kb::{evaluate_all, CatalogFile, Product};
use eol_engine::project::RuleFile;
use eol_syntax::{Diagnostic, Report};
use miette::{GraphicalReportHandler, GraphicalTheme};

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent()
        .map_or_else(|| here.to_path_buf(), Path::to_path_buf)
}

/// `tests/corpus/<sub>` under the workspace root.
pub fn corpus_dir(sub: &str) -> PathBuf {
    workspace_root().join("tests").join("corpus").join(sub)
}

/// Render one diagnostic the way snapshots show it: miette's graphical report,
/// Unicode without colour, 80 columns wide.
///
/// If miette fails to render (it should not), the failure is part of the output
/// so that a snapshot shows it instead of hiding it.
pub fn render(diagnostic: &Diagnostic, name: &str, text: &str) -> String {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(80);
    let report = Report::new(diagnostic.clone(), name, text);
    let mut out = String::new();
    if let Err(err) = handler.render_report(&mut out, &report) {
        out.push_str(&format!("<miette failed to render: {err}>\n"));
    }
    // miette pads some lines with spaces; snapshots should not depend on them.
    let trimmed: Vec<&str> = out.lines().map(str::trim_end).collect();
    trimmed.join("\n")
}

/// Render every diagnostic of a loaded file, separated by blank lines, each
/// preceded by a one-line summary (`error eol::code @start..end`) that makes the
/// code, severity and exact byte span part of the snapshot.
pub fn render_file(file: &RuleFile) -> String {
    render_all(&file.diagnostics, &file.name, &file.text)
}

/// As [`render_file`], for any diagnostics over any text.
pub fn render_all(diagnostics: &[Diagnostic], name: &str, text: &str) -> String {
    if diagnostics.is_empty() {
        return "(no diagnostics)\n".to_owned();
    }
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&format!(
            "── {} {} @{:?} {}\n",
            d.severity.as_str(),
            d.code,
            d.primary.span,
            excerpt(d.primary.span.text(text))
        ));
        out.push_str(&render(d, name, text));
        out.push_str("\n\n");
    }
    out
}

/// A span's text for a one-line summary: quoted, escaped, at most 40 characters.
pub fn excerpt(text: &str) -> String {
    let mut shown: String = text.chars().take(40).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    format!("{shown:?}")
}

/// The diagnostic code a corpus file is named after: `unknown-unit.far.eol`
/// names `eol::unknown-unit`. Everything up to the first `.` is the code.
pub fn code_of(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let stem = name.split('.').next()?;
    if stem.is_empty() {
        return None;
    }
    Some(format!("eol::{stem}"))
}

/// A path relative to the workspace root, with `/` separators, for names shown
/// in snapshots (so they do not depend on where the checkout lives).
pub fn display_name(path: &Path) -> String {
    let root = workspace_root();
    let rel = path.strip_prefix(&root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Load a file from disk the way `eol check` does (a missing file loads as empty,
/// which the tests then notice as `eol::empty-file`).
pub fn load(path: &Path) -> RuleFile {
    let bytes = std::fs::read(path).unwrap_or_default();
    RuleFile::load(display_name(path), &bytes)
}

/// The format of a catalog corpus file, from its extension; a `.bin` file (bytes
/// that are not UTF-8) takes the extension before it: `invalid-utf8.csv.bin` is CSV.
pub fn catalog_format(path: &Path) -> Option<CatalogFormat> {
    let name = path.file_name()?.to_str()?;
    let name = name.strip_suffix(".bin").unwrap_or(name);
    CatalogFormat::from_path(Path::new(name))
}

/// Read a catalog file the way `eol eval` does.
pub fn load_catalog(path: &Path) -> Result<CatalogFile, String> {
    let format = catalog_format(path)
        .ok_or_else(|| format!("{}: not a .toml, .csv or .json catalog", path.display()))?;
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(CatalogFile::load(display_name(path), format, &bytes))
}

/// What an evaluation case's `case.toml` says.
#[derive(Clone, Debug)]
pub struct EvalCase {
    /// `at = YYYY-MM-DD`: the evaluation date.
    pub at: NaiveDate,
    /// `lang = "de"`: the language of labels (optional).
    pub lang: Option<String>,
}

/// Read `DIR/case.toml`: `at` (required) and `lang` (optional), nothing else.
pub fn read_case(dir: &Path) -> Result<EvalCase, String> {
    let path = dir.join("case.toml");
    let at_path = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let text = std::fs::read_to_string(&path).map_err(|e| at_path(&e))?;
    let table: toml::Table = text.parse().map_err(|e| at_path(&e))?;
    if let Some(key) = table.keys().find(|k| *k != "at" && *k != "lang") {
        return Err(at_path(&format!("unknown key `{key}` (only `at` and `lang`)")));
    }
    let at = match table.get("at") {
        Some(toml::Value::Datetime(d)) => d.to_string(),
        Some(toml::Value::String(s)) => s.clone(),
        other => return Err(at_path(&format!("`at` must be a date, got {other:?}"))),
    };
    let at = NaiveDate::parse_from_str(&at, "%Y-%m-%d").map_err(|e| at_path(&format!("`at = {at}`: {e}")))?;
    let lang = match table.get("lang") {
        None => None,
        Some(toml::Value::String(s)) => Some(s.clone()),
        Some(other) => return Err(at_path(&format!("`lang` must be a string, got {other:?}"))),
    };
    Ok(EvalCase { at, lang })
}

/// The catalogs of an evaluation case: `releases.toml`, `.csv`, `.json`, whichever
/// exist, in that order, named as in the directory (`releases.csv`).
pub fn read_catalogs(dir: &Path) -> Vec<CatalogFile> {
    CatalogFormat::ALL
        .into_iter()
        .filter_map(|format| {
            let name = format!("releases.{}", format.extension());
            let bytes = std::fs::read(dir.join(&name)).ok()?;
            Some(CatalogFile::load(name, format, &bytes))
        })
        .collect()
}

/// An evaluation case after `evaluate_all`: every file with its diagnostics.
#[derive(Debug)]
pub struct Evaluated {
    pub case: EvalCase,
    pub rules: Vec<RuleFile>,
    pub catalogs: Vec<CatalogFile>,
    pub products: Vec<Product>,
}

/// Load an evaluation case directory (`rules.eol`, `releases.*`, `case.toml`) the
/// way `eol eval` loads a rule file with its catalogs, and evaluate it. The rule
/// file must check without errors (an evaluation case is about evaluation).
pub fn evaluate_case(dir: &Path) -> Result<Evaluated, String> {
    let case = read_case(dir)?;
    let rule_path = dir.join("rules.eol");
    let rule_bytes = std::fs::read(&rule_path).map_err(|e| format!("{}: {e}", rule_path.display()))?;
    let mut rules = vec![RuleFile::load("rules.eol", &rule_bytes)];
    if rules.iter().any(RuleFile::has_errors) {
        return Err(format!(
            "{}: rules.eol must check without errors:\n{}",
            dir.display(),
            rules.iter().map(render_file).collect::<String>()
        ));
    }
    let mut catalogs = read_catalogs(dir);
    if catalogs.is_empty() {
        return Err(format!(
            "{}: no releases.toml, releases.csv or releases.json",
            dir.display()
        ));
    }
    let pairing = vec![(0..catalogs.len()).collect()];
    let products = evaluate_all(
        &mut rules,
        &mut catalogs,
        &pairing,
        case.at,
        Options::default(),
        None,
    );
    Ok(Evaluated {
        case,
        rules,
        catalogs,
        products,
    })
}

/// A thread stack as small as a default test thread's: 2 MiB.
pub const MAIN_STACK: usize = 2 << 20;

/// Run `f(arg)` on a thread with a [`MAIN_STACK`] stack.
///
/// `corpus/eval-diagnostics/evaluation-too-deep/` nests cross-line references up
/// to the evaluator's limit (`eol_engine::eval::MAX_DEPTH`, 150). The limit was
/// once 400, which needed about 4 MiB of stack in a debug build; running every
/// evaluation case on an explicit 2 MiB thread keeps the limit safe on any thread.
pub fn on_main_thread_stack<A, T>(arg: A, f: fn(A) -> Result<T, String>) -> Result<T, String>
where
    A: Send + 'static,
    T: Send + 'static,
{
    std::thread::Builder::new()
        .stack_size(MAIN_STACK)
        .spawn(move || f(arg))
        .map_err(|e| format!("cannot start a thread: {e}"))?
        .join()
        .map_err(|_| "evaluation panicked".to_owned())?
}

/// One file of a failing case with the diagnostics it got.
#[derive(Debug)]
pub struct Checked {
    pub name: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// The corpora of failing cases. Every case is named after the diagnostic code it
/// must produce (see [`code_of`]); together they cover every code of `crates/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corpus {
    /// `corpus/check/CODE[.VARIANT].eol` (or `.bin`): a rule file, as `eol check` reads it.
    Check,
    /// `corpus/catalog/CODE[.VARIANT].{toml,csv,json}` (or `.FORMAT.bin`): a catalog,
    /// read on its own.
    Catalog,
    /// `corpus/eval-diagnostics/CODE[.VARIANT]/`: a rule file and its catalogs,
    /// evaluated; the code comes from evaluation.
    EvalDiagnostics,
    /// `corpus/import/CODE[.VARIANT].csv`: an endoflife.date CSV export, as
    /// `eol import endoflife-csv` reads it; `CODE.KIND[.VARIANT].{json,txt}`: a release
    /// source's document; `CODE[.VARIANT].toml`: a sources record (see [`read_import`]).
    Import,
    /// `corpus/audit/CODE[.VARIANT].{csv,jsonl,json,xml}`: an input of `eol audit`, read and
    /// judged against a few bundled rule files at [`AUDIT_AT`]; `.toml`: a suppressions file.
    Audit,
}

impl Corpus {
    pub const ALL: [Corpus; 5] = [
        Corpus::Check,
        Corpus::Catalog,
        Corpus::EvalDiagnostics,
        Corpus::Import,
        Corpus::Audit,
    ];

    /// The directory name under `tests/corpus/`.
    pub fn name(self) -> &'static str {
        match self {
            Corpus::Check => "check",
            Corpus::Catalog => "catalog",
            Corpus::EvalDiagnostics => "eval-diagnostics",
            Corpus::Import => "import",
            Corpus::Audit => "audit",
        }
    }

    pub fn dir(self) -> PathBuf {
        corpus_dir(self.name())
    }

    /// The cases of this corpus (files, or directories for evaluation), sorted.
    pub fn cases(self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = std::fs::read_dir(self.dir())
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        out.sort();
        out
    }

    /// Run one case: every file involved, with its diagnostics.
    pub fn run(self, path: &Path) -> Result<Vec<Checked>, String> {
        Ok(match self {
            Corpus::Check => {
                let file = load(path);
                vec![Checked {
                    name: file.name,
                    text: file.text,
                    diagnostics: file.diagnostics,
                }]
            }
            Corpus::Catalog => {
                let file = load_catalog(path)?;
                vec![Checked {
                    name: file.name,
                    text: file.text.to_string(),
                    diagnostics: file.diagnostics,
                }]
            }
            Corpus::EvalDiagnostics => {
                let done = on_main_thread_stack(path.to_path_buf(), |dir| evaluate_case(&dir))?;
                let rules = done.rules.into_iter().map(|f| Checked {
                    name: f.name,
                    text: f.text,
                    diagnostics: f.diagnostics,
                });
                let catalogs = done.catalogs.into_iter().map(|f| Checked {
                    name: f.name,
                    text: f.text.to_string(),
                    diagnostics: f.diagnostics,
                });
                rules.chain(catalogs).collect()
            }
            Corpus::Import => {
                let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
                let diagnostics = read_import(path, &text)?;
                vec![Checked {
                    name: display_name(path),
                    text,
                    diagnostics,
                }]
            }
            Corpus::Audit => {
                let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
                let name = display_name(path);
                let diagnostics = audit_diagnostics(&name, &text)?;
                vec![Checked {
                    name,
                    text,
                    diagnostics,
                }]
            }
        })
    }
}

/// Read an import case the way `eol import` reads it, by its name: `NAME.csv` is an
/// endoflife.date CSV export, `CODE.KIND.json` / `CODE.KIND.txt` a document of the
/// release source `KIND` (`github-releases`, `git-tags`, ...), `NAME.toml` a
/// catalog's sources record.
pub fn read_import(path: &Path, text: &str) -> Result<Vec<Diagnostic>, String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    Ok(match ext {
        "csv" => {
            let (cycles, mut diagnostics) = eol_engine::endoflife::parse(text);
            diagnostics.extend(eol_engine::endoflife::import_warnings(text, &cycles));
            diagnostics
        }
        "toml" => eol_engine::sources::record::parse(text).1,
        "json" | "txt" => {
            let kind = name
                .split('.')
                .nth(1)
                .and_then(eol_engine::sources::SourceKind::from_name)
                .ok_or_else(|| {
                    format!(
                        "{}: name the source kind after the code: CODE.KIND.{ext}",
                        path.display()
                    )
                })?;
            eol_engine::sources::formats::parse(kind, text).1
        }
        _ => {
            return Err(format!(
                "{}: an import case is .csv, .json, .txt or .toml",
                path.display()
            ))
        }
    })
}

/// The day audit corpus cases and ```` ```csv,audit ```` doc blocks are judged on.
pub const AUDIT_AT: (i32, u32, u32) = (2026, 12, 1);

/// The diagnostics `eol audit` gives for an input (by its name's extension: `.csv`,
/// `.jsonl`, `.json`; `.status` and `.installed` for a package database, dpkg's and apk's,
/// which `eol audit` knows by their paths), or for a suppressions file (`.toml`), judged
/// against the bundled rule files of Python, Node.js and PostgreSQL at [`AUDIT_AT`].
pub fn audit_diagnostics(name: &str, text: &str) -> Result<Vec<Diagnostic>, String> {
    use eol_engine::audit::input::{self, InputFormat, Problems};
    use eol_engine::audit::suppress::Suppressions;
    use eol_engine::audit::{Auditor, Within};
    use eol_engine::library::{Library, Request, Scope, Source};
    let (y, m, d) = AUDIT_AT;
    let at = NaiveDate::from_ymd_opt(y, m, d).ok_or("bad AUDIT_AT")?;
    if name.ends_with(".toml") {
        return Ok(Suppressions::parse(name, text, at).diagnostics);
    }
    let format = if name.ends_with(".status") || name.ends_with(".installed") {
        InputFormat::Packages
    } else {
        InputFormat::from_name(name).ok_or_else(|| format!("{name}: not .csv, .jsonl or .json"))?
    };
    let rules = workspace_root().join("rules");
    let mut files = Vec::new();
    for stem in ["python", "nodejs", "postgresql"] {
        for file in [format!("{stem}.eol"), format!("{stem}.releases.csv")] {
            let bytes = std::fs::read(rules.join(&file)).map_err(|e| format!("{file}: {e}"))?;
            files.push(Source::new(file, bytes));
        }
    }
    let request = Request {
        bundled: eol_engine::library::pair_by_name(&files),
        ..Request::default()
    };
    let mut lib = Library::assemble(request, Scope::All);
    let products = lib.evaluate(at, Options::default(), None);
    let views = products
        .iter()
        .filter_map(|p| {
            Some(eol_engine::query::ProductView::new(
                p.policy(&lib.rules)?,
                p,
                &lib.catalogs,
            ))
        })
        .collect();
    let mut auditor = Auditor::new(
        views,
        eol_engine::audit::Options {
            at,
            basis: eol_engine::query::Basis::Standard,
            within: Within::parse("90d")?,
            lang: None,
            packages: eol_engine::audit::Packages::Upstream,
            distro: None,
        },
        Suppressions::default(),
    );
    let mut problems = Problems::default();
    let mut pairs = eol_engine::audit::Pairs::default();
    let mut on_item = |item: &input::Item<'_>, problems: &mut Problems| {
        let i = auditor.judge(item);
        auditor.item_problems(i, item, problems);
    };
    let fields = input::Fields::default();
    match format {
        InputFormat::Csv => {
            input::read_csv(
                name,
                text.as_bytes(),
                &fields,
                &mut problems,
                &mut pairs,
                &mut on_item,
            )
            .map_err(|e| e.to_string())?;
        }
        InputFormat::Jsonl => {
            input::read_jsonl(
                name,
                text.as_bytes(),
                &fields,
                &mut problems,
                &mut pairs,
                &mut on_item,
            )
            .map_err(|e| e.to_string())?;
        }
        InputFormat::Sbom => {
            let shared: std::sync::Arc<str> = std::sync::Arc::from(text);
            input::read_sbom(name, &shared, &fields, &mut problems, &mut pairs, &mut on_item);
        }
        InputFormat::RpmDb => return Err(format!("{name}: an RPM database is binary, not a corpus case")),
        InputFormat::Packages => {
            input::read_package_db(
                name,
                text.as_bytes(),
                None,
                &mut problems,
                &mut pairs,
                &mut on_item,
            )
            .map_err(|e| e.to_string())?;
        }
    }
    Ok(problems.list.into_iter().map(|d| d.diagnostic).collect())
}

/// Render the files of a case for a snapshot: each file's name, then its
/// diagnostics as [`render_all`] shows them. A case of one file is just that file.
pub fn render_checked(files: &[Checked]) -> String {
    match files {
        [one] => render_all(&one.diagnostics, &one.name, &one.text),
        _ => files
            .iter()
            .map(|f| {
                format!(
                    "════ {}\n{}",
                    f.name,
                    render_all(&f.diagnostics, &f.name, &f.text)
                )
            })
            .collect(),
    }
}

/// The reference model of the evaluator and its random cases (`tests/reference_model.rs`).
// Test code: the model indexes and unwraps where the generator guarantees the shape.
pub mod reference;
