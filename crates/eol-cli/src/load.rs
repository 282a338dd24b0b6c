//! Reading a knowledge base: the bundled library, local rule files and catalogs, `--at`.
//!
//! This module does the I/O (files, directories, `EOL_RULES`, the embedded library) and
//! hands named bytes to [`eol_engine::library`], which decides what reads what.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use eol_engine::catalog::{catalog_paths_for, CatalogFormat};
use eol_engine::library::{Library, Request, RuleSource, Scope, Source};

use crate::args::SourceArgs;
use crate::exit::Failure;
use crate::render::Source as Shown;
use crate::render::{self, Style};

/// "Today" is the UTC date; every command takes `--at` instead, and tests always do.
pub fn at_or_today(at: Option<NaiveDate>) -> NaiveDate {
    at.unwrap_or_else(|| chrono::Utc::now().date_naive())
}

/// The library embedded at build time, paired by name.
pub fn bundled() -> Vec<RuleSource> {
    let files: Vec<Source> = crate::bundled::FILES
        .iter()
        .map(|(name, bytes)| Source::new(*name, *bytes))
        .collect();
    eol_engine::library::pair_by_name(&files)
}

/// A published-dates file of the bundled library (`rules/endoflife/NAME`).
pub fn bundled_published(name: &str) -> Option<&'static str> {
    let path = format!("rules/endoflife/{name}");
    crate::bundled::FILES
        .iter()
        .find(|(n, _)| *n == path)
        .and_then(|(_, bytes)| std::str::from_utf8(bytes).ok())
}

/// How a command uses a `rules/` directory in the current directory when no paths are
/// given (a rule author's checkout or scratch directory).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Implicit {
    /// `check`, `eval`, `conform`: `./rules` is what to read, as if given as the path
    Author,
    /// `status`, `explain`, `list`: `./rules` is added to the bundled library
    Operator,
}

/// Assemble the knowledge base. With `paths`, only their products are reported (the
/// bundled library supplies upstreams); without, the bundled library and every path of
/// `--rules` and `EOL_RULES`, and `./rules` when the current directory has one (see
/// [`Implicit`]).
pub fn library(paths: &[PathBuf], sources: &SourceArgs, implicit: Implicit) -> Result<Library, Failure> {
    let here = PathBuf::from("rules");
    let local_rules = paths.is_empty() && here.is_dir();
    let paths: Vec<PathBuf> = if local_rules && implicit == Implicit::Author {
        vec![here.clone()]
    } else {
        paths.to_vec()
    };
    let scope = if paths.is_empty() {
        Scope::All
    } else {
        Scope::Named
    };
    let mut local_paths: Vec<PathBuf> = paths.clone();
    if local_rules && implicit == Implicit::Operator && !sources.no_bundled {
        local_paths.push(here);
    }
    local_paths.extend(sources.rules.iter().cloned());
    if scope == Scope::All {
        if let Some(env) = std::env::var_os("EOL_RULES") {
            local_paths.extend(std::env::split_paths(&env).filter(|p| !p.as_os_str().is_empty()));
        }
    }
    if sources.no_bundled && local_paths.is_empty() {
        return Err(Failure::usage(
            "nothing to read: `--no-bundled` leaves out the bundled library and no rule files are given",
            "name rule files or directories with `--rules PATH`, or drop `--no-bundled`",
        ));
    }
    let mut request = Request::default();
    read_local(&local_paths, &mut request)?;
    if !sources.no_bundled {
        request.bundled = bundled();
    }
    let lib = Library::assemble(request, scope);
    let style = Style::detect_stderr();
    for note in &lib.notes {
        errln!("{}", render::note(&note.0, style));
    }
    Ok(lib)
}

/// Rule files (directories: their `*.eol`, recursively) with the catalogs beside them,
/// and catalogs named on their own. A path given twice is read once.
fn read_local(paths: &[PathBuf], request: &mut Request) -> Result<(), Failure> {
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut named: Vec<PathBuf> = Vec::new();
    let mut rule_paths: Vec<PathBuf> = Vec::new();
    for p in paths {
        if !p.is_dir() && CatalogFormat::from_path(p).is_some() {
            named.push(p.clone());
        } else {
            rule_paths.extend(crate::files::rule_paths(std::slice::from_ref(p)).map_err(Failure::io)?);
        }
    }
    let mut first = |p: &Path| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()));
    for p in rule_paths {
        if !first(&p) {
            continue;
        }
        let file = read(&p)?;
        let beside: Vec<PathBuf> = catalog_paths_for(&p)
            .into_iter()
            .filter(|c| c.is_file())
            .collect();
        if beside.len() > 1 {
            let names: Vec<String> = beside.iter().map(|c| c.display().to_string()).collect();
            return Err(Failure::usage(
                format!(
                    "{} has {} catalogs beside it ({})",
                    p.display(),
                    beside.len(),
                    names.join(", ")
                ),
                "keep one, or name the catalog to read on the command line",
            ));
        }
        let mut catalogs = Vec::new();
        for c in beside {
            if named.iter().any(|n| same_file(n, &c)) || !first(&c) {
                continue;
            }
            catalogs.push(read_catalog(&c)?);
        }
        request.local.push(RuleSource { file, catalogs });
    }
    for c in named {
        if !first(&c) {
            continue;
        }
        request.named_catalogs.push(read_catalog(&c)?);
    }
    Ok(())
}

/// A catalog, with its sources record (`NAME.sources.toml`, which says when its sources
/// were last read) when it has one beside it.
fn read_catalog(path: &Path) -> Result<Source, Failure> {
    let mut catalog = read(path)?;
    let record = eol_engine::sources::record::record_path(path);
    if record.is_file() {
        catalog.record = Some(Box::new(read(&record)?));
    }
    Ok(catalog)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// The rule files of `paths` (directories: their `*.eol`, recursively), each with the
/// catalogs beside it: what `eol lsp` reads upstreams from besides the bundled library.
pub fn rule_sources(paths: &[PathBuf]) -> Result<Vec<RuleSource>, Failure> {
    let mut request = Request::default();
    read_local(paths, &mut request)?;
    Ok(request.local)
}

/// A file's contents as a source: its bytes, or, when it is too large to read, the
/// diagnostic that says so. Only regular files are read (a FIFO would block, a device
/// such as `/dev/zero` never ends).
pub fn read(path: &Path) -> Result<Source, Failure> {
    let name = crate::files::display(path);
    match crate::files::read(path) {
        Ok(crate::files::Contents::Bytes(bytes)) => Ok(Source::new(name, bytes)),
        Ok(crate::files::Contents::TooLarge(size)) => Ok(Source::unread(name, crate::files::too_large(size))),
        Err(e) => Err(Failure::io(format!("cannot read {e}"))),
    }
}

/// Print every diagnostic of the library to standard error.
pub fn report(lib: &Library) {
    let style = Style::detect_stderr();
    for (name, text, ds) in lib.files() {
        Shown::new(name, text).human_all(ds, style, |d| errln!("{d}"));
    }
}

/// Print the diagnostics of the library that are errors, or that belong to files the
/// product reads; true when any of those is an error (the answer cannot be trusted).
pub fn report_for(lib: &Library, product: Option<&eol_engine::kb::Product>) -> bool {
    let style = Style::detect_stderr();
    let mut broken = false;
    let file = product.map(|p| p.file);
    // The catalogs its rule file reads, whether or not a row of them could be read.
    let cats: HashSet<usize> = file
        .and_then(|fi| lib.pairing.get(fi))
        .map(|c| c.iter().copied().collect())
        .unwrap_or_default();
    let mut shown = |name: &str, text: &str, ds: &[eol_syntax::Diagnostic], mine: bool| {
        let printed: Vec<eol_syntax::Diagnostic> =
            ds.iter().filter(|d| mine || d.is_error()).cloned().collect();
        Shown::new(name, text).human_all(&printed, style, |d| errln!("{d}"));
        broken |= mine && ds.iter().any(eol_syntax::Diagnostic::is_error);
    };
    for (fi, f) in lib.rules.iter().enumerate() {
        shown(&f.name, &f.text, &f.diagnostics, Some(fi) == file);
    }
    for (ci, c) in lib.catalogs.iter().enumerate() {
        shown(&c.name, &c.text, &c.diagnostics, cats.contains(&ci));
    }
    broken
}

/// The product a name means (id, alias, package URL or CPE), with the version a package
/// URL or CPE carried. Unknown names fail with exit 2 and the closest ids.
pub fn find_product(lib: &Library, name: &str) -> Result<(String, Option<String>), Failure> {
    find(lib, name).map_err(|f| unknown_or_broken(lib, name, f))
}

/// A lookup that failed: a rule file with errors may be where the product is defined, so
/// show its errors and say the rules are broken rather than that the product does not exist.
fn unknown_or_broken(lib: &Library, name: &str, f: Failure) -> Failure {
    let broken = lib.rules.iter().filter(|r| r.has_errors()).count();
    if f.kind == "unknown-product" && broken > 0 {
        report(lib);
        Failure::broken(format!(
            "no product `{name}` in the rules, and {broken} rule file{} with errors (above) may define it",
            if broken == 1 { "" } else { "s" }
        ))
    } else {
        f
    }
}

/// A distribution's package with its version, given with no version apart, as `rpm -qa`
/// prints it (`eol status openssl-3.0.7-24.el9.x86_64`): its name and version, to be read as
/// if given apart ([`eol_engine::identifiers::package_in_one`]); the reading is said on
/// standard error. None for any other text, or when a version is given.
pub fn package_apart(product: &str, version: Option<&str>) -> Option<(String, String)> {
    if version.is_some() {
        return None;
    }
    let p = eol_engine::identifiers::package_in_one(product)?;
    errln!(
        "note: `{}` read as the package `{}` at version `{}`, as {} names it",
        render::sanitize(product.trim()),
        render::sanitize(p.name),
        render::sanitize(p.version),
        p.written_by
    );
    Some((p.name.to_owned(), p.version.to_owned()))
}

/// The refusal of a text that names several releases of product `policy` ([`Typed::others`]:
/// `rails (7.1.2, 7.0.8)`, `kubectl version`'s client and server): one answer would speak for
/// all of them. None when it names one.
///
/// [`Typed::others`]: eol_engine::resolve::Typed::others
fn several_releases(
    typed: &eol_engine::resolve::Typed<'_>,
    text: &str,
    policies: &[&eol_engine::model::Policy],
) -> Option<Failure> {
    let policy = policies.get(typed.index)?;
    let why = typed.several_releases(text, &policy.id)?;
    // the release offered, as the product whose build it is (`kubectl version`'s server on
    // EKS is `amazon-eks`'s, [`downstream_build`])
    let offered = typed.others.first().copied().unwrap_or_default();
    let asked = eol_engine::resolve::downstream_build(policies, typed.index, offered)
        .and_then(|(q, _)| policies.get(q))
        .unwrap_or(policy);
    Some(
        Failure::new(crate::exit::USAGE, "ambiguous-version", render::sanitize(&why))
            .with_help(format!(
                "ask about each (`eol status {} {}`), or give them all to `eol audit`, one per row",
                asked.id,
                render::sanitize(offered)
            ))
            .with_candidates(
                std::iter::once(typed.version.clone())
                    .chain(typed.others.iter().map(|v| (*v).to_owned()))
                    .collect(),
            ),
    )
}

/// [`find_product`], also reading a product and its version given in one argument, as a
/// tool's `--version` prints them (`Python 3.9.18`), when no version is given apart: the
/// reading is said on standard error.
pub fn find_product_or_typed(
    lib: &Library,
    name: &str,
    version_given: bool,
) -> Result<(String, Option<String>, Vec<String>), Failure> {
    let f = match find(lib, name) {
        Ok((id, carried)) => return Ok((id, carried, Vec::new())),
        Err(f) => f,
    };
    if !version_given {
        let policies: Vec<&eol_engine::model::Policy> =
            lib.rules.iter().flat_map(|f| f.policies.iter()).collect();
        if let Some(typed) = eol_engine::resolve::find_product_and_version(&policies, name) {
            // `rails (7.1.2, 7.0.8)`: several releases, of which one answer would speak for one
            if let Some(failure) = several_releases(&typed, name, &policies) {
                return Err(failure);
            }
            if let Some(p) = policies.get(typed.index) {
                errln!(
                    "note: `{}` read as product `{}`, version `{}`",
                    crate::render::sanitize(typed.read),
                    p.id,
                    crate::render::sanitize(&typed.version)
                );
                let words = typed.words.iter().map(|w| (*w).to_owned()).collect();
                return Ok((p.id.clone(), Some(typed.version), words));
            }
        }
        // an image another account or registry publishes, which no rule names; one whose
        // name goes on with another program's after a product's (`nginx/nginx-ingress`) is
        // said so below
        let owned = eol_engine::resolve::owned_image(&policies, name).filter(|image| {
            image.read_as.is_some() || eol_engine::resolve::another_program_banner(&policies, name).is_none()
        });
        if let Some(image) = owned {
            let purl = crate::render::sanitize(&image.purl);
            let publisher = crate::render::sanitize(&image.publisher);
            let tag = crate::render::sanitize(&image.tag);
            let help = match image.read_as.and_then(|i| policies.get(i)) {
                // the audit's reason for such an item, and how to ask for the product
                Some(p) => format!(
                    "{why}; if it is {label}, give the product and its version apart (`{id} {tag}`)",
                    why = crate::render::sanitize(&eol_engine::resolve::owned_image_reason(
                        &image.purl,
                        &image.publisher,
                        &p.id,
                        &p.name.default
                    )),
                    id = p.id,
                    label = crate::render::sanitize(&p.name.default),
                ),
                None => format!(
                    "no rule names the image `{purl}`, and its name (`{image_name}`) names no product its publisher, `{publisher}`, is related to: if it is one the rules know, name it (`PRODUCT {tag}`; `eol list` shows every product)",
                    image_name = crate::render::sanitize(&image.name),
                ),
            };
            let candidates = image.read_as.and_then(|i| policies.get(i)).map(|p| p.id.clone());
            let failure = f
                .clone()
                .with_help(help)
                .with_candidates(candidates.into_iter().collect());
            return Err(unknown_or_broken(lib, name, failure));
        }
        if let Some(another) = eol_engine::resolve::another_program_banner(&policies, name) {
            if let Some(p) = policies.get(another.index) {
                let version = crate::render::sanitize(another.version);
                let label = crate::render::sanitize(&p.name.default);
                let help = format!(
                    "{}; if it is {label}'s, give the product and its version apart (`{id} {version}`)",
                    crate::render::sanitize(&another.reason(&p.id, &label)),
                    id = p.id,
                );
                let failure = f.clone().with_help(help).with_candidates(vec![p.id.clone()]);
                return Err(unknown_or_broken(lib, name, failure));
            }
        }
        if let Some(unnamed) = unnamed_banner_help(&policies, name, &f) {
            return Err(unknown_or_broken(lib, name, unnamed));
        }
    }
    Err(unknown_or_broken(lib, name, f))
}

/// A version banner that names no product the rules know (`openjdk version "21.0.2"`,
/// `Client Version: v1.29.0`): the failure with a help that shows how to ask, by what comes
/// close to the words before its version, or by naming the product. None when the text is no
/// such banner, or the whole of it already comes close to a product.
fn unnamed_banner_help(policies: &[&eol_engine::model::Policy], text: &str, f: &Failure) -> Option<Failure> {
    if f.kind != "unknown-product" || !f.candidates.is_empty() {
        return None;
    }
    let u = eol_engine::resolve::unnamed_banner(text)?;
    let version = crate::render::sanitize(&u.version);
    // Only a name that comes close to one product is suggested: a short word comes close to
    // too much (`db` of `db version v7.0.4` is no `dbt-core`), and a word that several
    // products share says nothing of which (`Apache/2.4.58` is none of `apache-hop`,
    // `apache-nifi`).
    let name = crate::render::sanitize(&u.name);
    if u.record == Some(eol_engine::resolve::RecordKind::PyPI) {
        // a PyPI package's name says nothing of which project it is (`redis` is the client
        // library): no product comes close to it
        let purl = format!("pkg:pypi/{}", u.name.to_ascii_lowercase());
        let help = format!(
            "`{version}` is the version of the Python package `{name}` (`pip show`), and no rule file gives its package URL (`{}`): a package of the Python Package Index is a product only by its package URL; if it is one, name the product (`PRODUCT {version}`; `eol list` shows every product)",
            crate::render::sanitize(&purl)
        );
        return Some(f.clone().with_help(help).with_candidates(Vec::new()));
    }
    let mut near = if u.name.chars().count() < 4 {
        Vec::new()
    } else {
        eol_engine::resolve::suggestions(policies, &u.name)
    };
    if near.len() > 1 {
        near.clear();
    }
    // a program may name its build on a later line of its output (`java -version`)
    let more = if u.record.is_none() && text.trim().lines().nth(1).is_none() {
        "; if the program printed more lines, give them all: a later one may name the build"
    } else {
        ""
    };
    let help = match (near.first(), u.name.is_empty()) {
        (Some(one), _) => format!("`{name}` is no product the rules know; did you mean `{one}`? (`{one} {version}`){more}"),
        (None, true) => format!(
            "`{version}` is its version, but no product is named before it: name the product (`PRODUCT {version}`; `eol list` shows every product)"
        ),
        (None, false) if u.record.is_some() => format!(
            "`{version}` is its version, but `{name}`, the name it gives, is no product or package the rules know: name the product (`PRODUCT {version}`; `eol list` shows every product)"
        ),
        (None, false) => format!(
            "`{version}` is its version, but `{name}` is no product the rules know: name the product (`PRODUCT {version}`; `eol list` shows every product){more}"
        ),
    };
    Some(f.clone().with_help(help).with_candidates(near))
}

/// What names the product of `eol status NAME [VERSION]` and `eol explain NAME [LINE]`.
pub struct Named {
    pub id: String,
    /// the version a package URL, CPE or banner carried
    pub carried: Option<String>,
    /// the words after the product's name when it was named with more ([`find_qualified`]),
    /// with the failure to report if they say nothing of its lines ([`resolve_named`])
    pub qualified: Option<(Vec<String>, Failure)>,
    /// the words between the product's name and the version of a banner
    /// (`Microsoft Windows 10 Enterprise LTSC 10.0.17763`), which may say which of the
    /// version's lines is meant ([`narrow_by_banner`])
    pub banner_words: Vec<String>,
}

/// [`find_product_or_typed`], and, when a version is given apart and the name is no
/// product's, a product named with more words after its name (`Microsoft Windows 11 Pro`
/// beside `10.0.22631`), judged once its lines are known ([`resolve_named`]).
pub fn find_product_named(lib: &Library, name: &str, version_given: bool) -> Result<Named, Failure> {
    match find_product_or_typed(lib, name, version_given) {
        Ok((id, carried, banner_words)) => Ok(Named {
            id,
            carried,
            qualified: None,
            banner_words,
        }),
        Err(f) => match version_given.then(|| find_qualified(lib, name)).flatten() {
            Some((id, words)) => Ok(Named {
                id,
                carried: None,
                qualified: Some((words, f)),
                banner_words: Vec::new(),
            }),
            None => Err(f),
        },
    }
}

/// A product named with more words after its name (`Microsoft Windows 11 Pro`), as an
/// inventory names a system beside its build: the product's id and those words, for the
/// caller to judge against the product's lines ([`eol_engine::query::ProductView::resolve_named`]).
pub fn find_qualified(lib: &Library, name: &str) -> Option<(String, Vec<String>)> {
    let policies: Vec<&eol_engine::model::Policy> =
        lib.rules.iter().flat_map(|f| f.policies.iter()).collect();
    let q = eol_engine::resolve::find_qualified_product(&policies, name)?;
    let policy = policies.get(q.index)?;
    Some((
        policy.id.clone(),
        q.words.iter().map(|w| (*w).to_owned()).collect(),
    ))
}

/// The resolution of `version` for a product named with more words after its name
/// ([`find_qualified`]), narrowed by those words
/// ([`eol_engine::query::ProductView::resolve_named`]); the reading is said on standard
/// error. Fails with `unknown` (the name's own failure) when the words say nothing of the
/// product's lines, and with both named when they and the version name different lines.
pub fn resolve_named(
    view: &eol_engine::query::ProductView<'_>,
    name: &str,
    version: &str,
    words: &[String],
    unknown: &Failure,
) -> Result<eol_engine::resolve::Resolution, Failure> {
    use eol_engine::resolve::{How, Resolution};
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    // the words say nothing of its lines: not this product's name
    let Some((named, narrowed)) = view.resolve_named(version, &words) else {
        return Err(unknown.clone());
    };
    let joined = named.words.join(" ");
    let said = render::sanitize(&joined);
    let chose = match &narrowed {
        Ok(Resolution::Line {
            line,
            how: How::NameWords,
        }) => format!("; `{said}` in it chose {}", listed(view, &[*line])),
        Ok(Resolution::Line { line, .. }) => {
            format!("; `{said}` in it agrees with {}", listed(view, &[*line]))
        }
        _ => String::new(),
    };
    errln!(
        "note: `{}` read as product `{}`{chose}",
        render::sanitize(name.trim()),
        view.policy.id
    );
    narrowed.map_err(|found| disagree(view, version, &named, &found))
}

/// The version of `eol status postgresql-15 16.1-1`: its line, unless the number the
/// package's name carries where its rule's `{line}` is fits another
/// ([`eol_engine::query::ProductView::resolve_package_number`]): one of the two is then
/// wrong, and neither is taken. Ok when the name carries no such number, or it fits.
pub fn check_package_number(
    view: &eol_engine::query::ProductView<'_>,
    name: &str,
    version: &str,
) -> Result<(), Failure> {
    match view.resolve_package_number(name, version) {
        Some((named, Err(found))) => Err(disagree(view, version, &named, &found)),
        _ => Ok(()),
    }
}

/// The version's lines `found` and the lines the words of the product's name (or the number
/// in a package's name) name disagree.
fn disagree(
    view: &eol_engine::query::ProductView<'_>,
    version: &str,
    named: &eol_engine::resolve::LineWords,
    found: &[usize],
) -> Failure {
    let all = &view.product.lifecycle.lines;
    let mut candidates: Vec<String> = found
        .iter()
        .chain(&named.named)
        .filter_map(|&i| all.get(i).map(|l| l.line.clone()))
        .collect();
    candidates.dedup();
    Failure::new(
        crate::exit::USAGE,
        "unknown-version",
        format!(
            "`{version}` is in {} of `{}`, but `{}` in {} says {}",
            listed(view, found),
            view.policy.id,
            named.words.join(" "),
            named.read_in(),
            listed(view, &named.named)
        ),
    )
    .with_help(
        "check the name and the version: they name different lines (`--line LINE` says which is meant)",
    )
    .with_candidates(candidates)
}

/// The resolution of a banner's version (`Microsoft Windows 10 Enterprise LTSC
/// 10.0.17763`) narrowed by the words between the product's name and it (`10 Enterprise
/// LTSC`), as [`resolve_named`] narrows a name given beside a version: None when the words say
/// nothing of the product's lines (`nginx version: nginx/1.25.3`), and the version is resolved
/// alone. A choice the words make is said on standard error.
pub fn narrow_by_banner(
    view: &eol_engine::query::ProductView<'_>,
    version: &str,
    words: &[String],
) -> Result<Option<eol_engine::resolve::Resolution>, Failure> {
    use eol_engine::resolve::{How, Resolution};
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let Some((named, narrowed)) = view.resolve_named(version, &words) else {
        return Ok(None);
    };
    if let Ok(Resolution::Line {
        line,
        how: How::NameWords,
    }) = &narrowed
    {
        errln!(
            "note: `{}` in it chose {}",
            render::sanitize(&named.words.join(" ")),
            listed(view, &[*line])
        );
    }
    narrowed
        .map(Some)
        .map_err(|found| disagree(view, version, &named, &found))
}

/// A text given as the version of a product named apart that does not resolve as a version
/// but is a tool's banner (`eol status python "$(python3 --version)"`, that is `Python
/// 3.12.1`): the banner's version and the words before it, the reading said on standard
/// error. Fails when the banner is another product's, another program's, or has words
/// before its version that are none of the product's (`openjdk` beside `eclipse-temurin`):
/// judging its version by this product's lines could call a release supported that is not.
/// None when the text is no banner: it is judged as given.
pub fn version_beside(
    lib: &Library,
    view: &eol_engine::query::ProductView<'_>,
    text: &str,
) -> Result<Option<(String, Vec<String>)>, Failure> {
    use eol_engine::resolve::{banner_beside, Beside};
    let policies: Vec<&eol_engine::model::Policy> =
        lib.rules.iter().flat_map(|f| f.policies.iter()).collect();
    let Some(index) = policies.iter().position(|p| std::ptr::eq(*p, view.policy)) else {
        return Ok(None);
    };
    let id = &view.policy.id;
    let label = render::sanitize(&view.policy.name.default);
    let Some(beside) = banner_beside(&policies, index, text) else {
        return Ok(None);
    };
    let version = render::sanitize(beside.version()).into_owned();
    let alone = format!("if `{version}` is {label}'s version, give it alone (`eol status {id} {version}`)");
    let Some(why) = beside.refusal(&policies) else {
        let Beside::This(typed) = beside else {
            return Ok(None);
        };
        // `rails (7.1.2, 7.0.8)` beside `rails`, `kubectl version` beside `kubernetes`
        if let Some(failure) = several_releases(&typed, text, &policies) {
            return Err(failure);
        }
        errln!(
            "note: `{}` read as version `{version}`",
            render::sanitize(typed.read)
        );
        let words = typed.words.iter().map(|w| (*w).to_owned()).collect();
        return Ok(Some((typed.version, words)));
    };
    let mut failure = Failure::new(
        crate::exit::USAGE,
        "unknown-version",
        format!(
            "`{}` is no version of `{id}`: {}",
            render::sanitize(text.trim()),
            render::sanitize(&why)
        ),
    )
    .with_help(alone.clone());
    // another product's banner: it may be asked about as that product's
    if let Beside::Other(typed) = &beside {
        if let Some(other) = policies.get(typed.index) {
            let other_label = render::sanitize(&other.name.default);
            // a version that names its product itself (`10.6.16-MariaDB` beside `mysql`) was
            // given alone already: name the product it names
            let help = if text.trim() == beside.version() {
                format!(
                    "to judge it as {other_label}'s, give that product (`eol status {} {version}`)",
                    other.id
                )
            } else {
                format!(
                    "to judge it as {other_label}'s, give it alone (`eol status \"{}\"`); {alone}",
                    render::sanitize(typed.read)
                )
            };
            failure = failure.with_help(help).with_candidates(vec![other.id.clone()]);
        }
    }
    Err(failure)
}

/// A version that marks itself another product's build (`v1.31.1-aliyun.1` beside
/// `kubernetes`: Alibaba Cloud ACK's), refused: that product supports it on its own terms,
/// and judging it by this one's lines could call supported what it has ended
/// ([`eol_engine::resolve::downstream_build`]).
pub fn downstream_build(
    lib: &Library,
    view: &eol_engine::query::ProductView<'_>,
    version: &str,
) -> Result<(), Failure> {
    let policies: Vec<&eol_engine::model::Policy> =
        lib.rules.iter().flat_map(|f| f.policies.iter()).collect();
    let Some(index) = policies.iter().position(|p| std::ptr::eq(*p, view.policy)) else {
        return Ok(());
    };
    let Some((q, word)) = eol_engine::resolve::downstream_build(&policies, index, version) else {
        return Ok(());
    };
    let Some(downstream) = policies.get(q) else {
        return Ok(());
    };
    let version = render::sanitize(version);
    Err(Failure::new(
        crate::exit::USAGE,
        "unknown-version",
        format!(
            "`{version}` is no version of `{}`: {}",
            view.policy.id,
            render::sanitize(&eol_engine::resolve::downstream_build_reason(
                word,
                downstream,
                view.policy
            ))
        ),
    )
    .with_help(format!(
        "give that product (`eol status {} {version}`)",
        downstream.id
    ))
    .with_candidates(vec![downstream.id.clone()]))
}

/// Lines of a product, named for a message: `line 11-23h2-w`, `lines 2012, 2012-r2`,
/// `none of its lines`.
fn listed(view: &eol_engine::query::ProductView<'_>, lines: &[usize]) -> String {
    let all = &view.product.lifecycle.lines;
    let names: Vec<&str> = lines
        .iter()
        .filter_map(|&i| all.get(i).map(|l| l.line.as_str()))
        .collect();
    match names.as_slice() {
        [] => "none of its lines".to_owned(),
        [one] => format!("line {one}"),
        many => format!("lines {}", many.join(", ")),
    }
}

fn find(lib: &Library, name: &str) -> Result<(String, Option<String>), Failure> {
    use eol_engine::resolve::{find_product, ProductLookup};
    let policies: Vec<&eol_engine::model::Policy> =
        lib.rules.iter().flat_map(|f| f.policies.iter()).collect();
    match find_product(&policies, name) {
        ProductLookup::Found { index, version, by } => {
            let id = policies
                .get(index)
                .map(|p| p.id.clone())
                .ok_or_else(|| Failure::broken("product index out of range"))?;
            // found by its source package, or by the repository a generic package URL's
            // `repository_url` names: said, since the URL's own name is no product's
            use eol_engine::resolve::FoundBy;
            let purl = || eol_engine::identifiers::Purl::parse(name).ok();
            let said = match by {
                FoundBy::Source => purl().and_then(|p| p.source_of(name)).map(|source| {
                    format!(
                        "no rule names the package; its source package `{}` (the package URL's `upstream`) is `{id}`'s",
                        crate::render::sanitize(&source.name)
                    )
                }),
                FoundBy::Repository => purl().and_then(|p| p.repository_of(name)).map(|repository| {
                    format!(
                        "no rule names the package URL; the repository its `repository_url` names, `{}`, is `{id}`'s",
                        crate::render::sanitize(&repository.key())
                    )
                }),
                FoundBy::Purl | FoundBy::Cpe => None,
                // a package URL no rule gives, found by its name (`pkg:rpm/amazon/openssl`)
                _ => purl().map(|p| {
                    format!(
                        "no rule names the package URL; its name `{}` is `{id}`'s",
                        crate::render::sanitize(&p.name)
                    )
                }),
            };
            if let Some(said) = said {
                errln!("note: {said}");
            }
            Ok((id, version))
        }
        ProductLookup::Malformed(why) => Err(Failure::new(
            crate::exit::USAGE,
            "unknown-product",
            format!("`{name}` is not a valid identifier: {why}"),
        )),
        ProductLookup::Unknown { suggestions } => {
            // `pkg:pypi/redis`, `php8.2-redis`: named as a product is, but not it
            if let Some(why) = eol_engine::resolve::not_the_product(&policies, name) {
                return Err(Failure::new(
                    crate::exit::USAGE,
                    "unknown-product",
                    format!(
                        "no product `{}` in the rules: {why}",
                        crate::render::sanitize(name.trim())
                    ),
                )
                .with_help("`eol list` shows every product with its aliases"));
            }
            let help = match suggestions.as_slice() {
                // `eol status "$(node --version)"`: the version alone
                [] if eol_engine::resolve::is_version_word(name.trim()) => format!(
                    "`{}` is a version, not a product: name the product before it (`PRODUCT {}`; `eol list` shows every product)",
                    crate::render::sanitize(name.trim()),
                    crate::render::sanitize(name.trim())
                ),
                [] => "`eol list` shows every product with its aliases".to_owned(),
                [one] => format!("did you mean `{one}`? (`eol list` shows every product)"),
                many => format!(
                    "did you mean one of {}? (`eol list` shows every product)",
                    many.iter()
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            Err(Failure::new(
                crate::exit::USAGE,
                "unknown-product",
                format!("no product `{name}` in the rules"),
            )
            .with_help(help)
            .with_candidates(suggestions))
        }
    }
}

/// How the data that answered is described: the bundled library and its date, and
/// the local files.
pub fn data_text(m: &crate::i18n::Messages, data: &eol_engine::library::DataSource) -> String {
    crate::i18n::msg!(m, "data-line", what = &data_source(m, data))
}

/// The bundled library and its date, and the local files, in words.
pub fn data_source(m: &crate::i18n::Messages, data: &eol_engine::library::DataSource) -> String {
    use crate::i18n::msg;
    let bundled = data.bundled.as_ref().map(|b| match b.newest_row {
        Some(d) => msg!(m, "data-bundled", products = b.products, date = &d.to_string()),
        None => msg!(m, "data-bundled-undated", products = b.products),
    });
    const SHOWN: usize = 3;
    let local = match data.paths.len() {
        0 => None,
        n if n <= SHOWN => Some(data.paths.join(", ")),
        n => Some(msg!(
            m,
            "data-more",
            shown = &data.paths.get(..SHOWN).unwrap_or_default().join(", "),
            n = n - SHOWN
        )),
    };
    match (bundled, local) {
        (Some(b), Some(l)) => msg!(m, "data-and", first = &b, second = &l),
        (Some(b), None) => b,
        (None, Some(l)) => l,
        (None, None) => "-".to_owned(),
    }
}

/// A loaded and evaluated knowledge base, for the commands that work on all of it
/// (`export`, `timeline`, `update`, `import` of a source).
pub struct Evaluated {
    pub kb: Library,
    pub products: Vec<eol_engine::kb::Product>,
    pub at: NaiveDate,
}

/// How a command treats diagnostics of the knowledge base.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// stop with exit 3 on errors, printing them
    StopOnErrors,
}

/// Load (see [`library`]), evaluate at `--at` (or today), and deal with diagnostics.
/// `Err` carries the exit code; the reason has been printed.
pub fn evaluate(
    sources: &SourceArgs,
    implicit: Implicit,
    at: Option<NaiveDate>,
    options: eol_engine::eval::Options,
    only: Option<&str>,
    strictness: Strictness,
) -> Result<Evaluated, i32> {
    let at = at_or_today(at);
    let mut kb = library(&[], sources, implicit).map_err(|f| f.report(false))?;
    let only = match only {
        Some(name) => Some(find_product(&kb, name).map_err(|f| f.report(false))?.0),
        None => None,
    };
    let products = kb.evaluate(at, options, only.as_deref());
    let Strictness::StopOnErrors = strictness;
    if kb.has_errors() {
        report(&kb);
        return Err(crate::exit::BROKEN);
    }
    Ok(Evaluated { kb, products, at })
}
