//! `eol import endoflife-json|github-releases|github-tags|pypi|npm|git-tags|release-data FILE...`:
//! the releases a saved source document lists, for sites without network access. The
//! same readers as `eol update`; with `-o`, the same merge (rows are only added) and
//! the same sources record.

use std::path::Path;

use eol_engine::catalog::CatalogFormat;
use eol_engine::eval::Options;
use eol_engine::sources::record::{self, SourceRecord};
use eol_engine::sources::{formats, merge, select, select_with, Pattern, SourceDecl, SourceKind};
use eol_syntax::Span;

use crate::args::{ImportCommand, SourceImportArgs};
use crate::files::{FAILURE, OK, PROBLEMS};
use crate::load::{Evaluated, Strictness};
use crate::render::{self, Style};

/// The knowledge base `import` reads for the product's policy (its `source` of the
/// same kind gives the pattern and the `where`): the one place it loads rules.
fn evaluate(args: &SourceImportArgs, product: &str) -> Result<Evaluated, i32> {
    let sources = crate::args::SourceArgs {
        rules: args.rules.clone(),
        no_bundled: false,
    };
    crate::load::evaluate(
        &sources,
        crate::load::Implicit::Operator,
        None,
        Options::default(),
        Some(product),
        Strictness::StopOnErrors,
    )
}

pub fn run(command: &ImportCommand) -> i32 {
    let (kind, args) = match command {
        ImportCommand::EndoflifeJson(a) => (SourceKind::Endoflife, a),
        ImportCommand::GithubReleases(a) => (SourceKind::GithubReleases, a),
        ImportCommand::GithubTags(a) => (SourceKind::GithubTags, a),
        ImportCommand::Pypi(a) => (SourceKind::Pypi, a),
        ImportCommand::Npm(a) => (SourceKind::Npm, a),
        ImportCommand::GitTags(a) => (SourceKind::GitTags, a),
        ImportCommand::ReleaseData(a) => (SourceKind::ReleaseData, a),
        ImportCommand::EndoflifeCsv(a) => return super::import::run(a),
    };
    let product = args.product.clone().unwrap_or_else(|| {
        args.files
            .first()
            .and_then(|f| f.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let style = Style::detect_stderr();
    let mut entries = Vec::new();
    let mut bad = false;
    for file in &args.files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                errln!("error: cannot read {}: {e}", file.display());
                return FAILURE;
            }
        };
        let (es, diags) = formats::parse(kind, &text);
        for d in &diags {
            errln!(
                "{}",
                render::Source::new(&file.display().to_string(), &text).human(d, style)
            );
        }
        bad |= diags.iter().any(|d| d.is_error());
        entries.extend(es);
    }
    if bad {
        errln!("error: nothing imported");
        return PROBLEMS;
    }
    let location = args
        .files
        .first()
        .map(|f| f.display().to_string())
        .unwrap_or_default();
    // The policy, when the rules describe the product: its source of this kind decides.
    let rules_given = !args.rules.is_empty() || Path::new("rules").is_dir();
    let done = if rules_given {
        match evaluate(args, &product) {
            Ok(d) => Some(d),
            Err(code) => return code,
        }
    } else {
        None
    };
    let policy = done.as_ref().and_then(|d| {
        d.kb.rules
            .iter()
            .flat_map(|f| f.policies.iter())
            .find(|p| p.id == product)
    });
    let fallback = SourceDecl {
        kind,
        location: location.clone(),
        pattern: Pattern::default(),
        filter: None,
        span: Span::default(),
    };
    let selection = match policy {
        Some(p) => select(
            &entries,
            p.sources.iter().find(|s| s.kind == kind).unwrap_or(&fallback),
            p,
        ),
        None => {
            errln!("note: no policy `{product}` found; every version that starts with a digit is read, lines by its first component");
            select_with(&entries, &fallback, 1, &[])
        }
    };
    let label = format!("{} {}", kind.name(), location);
    let Some(out_path) = &args.output else {
        return match merge::merge(None, CatalogFormat::Csv, &product, &selection.releases, &label) {
            Ok(m) => {
                out!("{}", m.text);
                summary(&product, &selection, m.added.len(), 0);
                OK
            }
            Err(e) => {
                errln!("error: {e}");
                FAILURE
            }
        };
    };
    let Some(format) = CatalogFormat::from_path(out_path) else {
        errln!(
            "error: {}: a catalog is a .toml, .csv or .json file",
            out_path.display()
        );
        return FAILURE;
    };
    let existing = match std::fs::read_to_string(out_path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            errln!("error: cannot read {}: {e}", out_path.display());
            return FAILURE;
        }
    };
    let merged = match merge::merge(existing.as_deref(), format, &product, &selection.releases, &label) {
        Ok(m) => m,
        Err(e) => {
            errln!("error: {}: {e}; left as it was", out_path.display());
            return FAILURE;
        }
    };
    summary(&product, &selection, merged.added.len(), merged.known);
    for d in &merged.differing {
        errln!(
            "  ! {}: the catalog says {}, the file {} (kept)",
            d.version,
            d.catalog,
            d.source
        );
    }
    let Ok(mut records) = super::update::read_records(out_path) else {
        return PROBLEMS;
    };
    record::upsert(
        &mut records,
        SourceRecord {
            kind: kind.name().to_owned(),
            location,
            checked: args.as_of,
            newest: selection.releases.iter().filter_map(|c| c.date.latest()).max(),
            releases: selection.releases.len(),
        },
    );
    let name = out_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if args.dry_run {
        let old = existing.unwrap_or_default();
        if merged.text != old {
            out!("{}", super::update::diff(&old, &merged.text, out_path));
        }
        out!("(dry run: nothing written)\n");
        return OK;
    }
    let wrote = merged.text != existing.unwrap_or_default();
    if wrote {
        if let Err(e) = crate::files::replace(
            out_path,
            merged.text.as_bytes(),
            crate::files::Links::Refuse,
            None,
        ) {
            errln!("error: {e}");
            return FAILURE;
        }
    }
    if let Err(e) = crate::files::replace(
        &record::record_path(out_path),
        record::render(&name, &records).as_bytes(),
        crate::files::Links::Refuse,
        None,
    ) {
        errln!("error: {e}");
        return FAILURE;
    }
    // the warnings the written catalog newly gives with the product's rules, as `eol update`
    // says them
    if let (true, Some(before)) = (wrote, &done) {
        if let Ok(after) = evaluate(args, &product) {
            super::update::new_warnings(before, &after, &product, out_path, None);
        }
    }
    OK
}

fn summary(product: &str, s: &eol_engine::sources::Selection, added: usize, known: usize) {
    let mut skipped = Vec::new();
    if s.prereleases > 0 {
        skipped.push(super::update::plural(
            s.prereleases,
            "pre-release",
            "pre-releases",
        ));
    }
    if s.withdrawn > 0 {
        skipped.push(super::update::plural(
            s.withdrawn,
            "draft or withdrawn release",
            "drafts or withdrawn releases",
        ));
    }
    if s.other_lines > 0 {
        skipped.push(format!("{} of other lines", s.other_lines));
    }
    if !s.not_matching.is_empty() {
        skipped.push(format!("{} not matching the pattern", s.not_matching.len()));
    }
    if !s.not_versions.is_empty() {
        let shown: Vec<&str> = s.not_versions.iter().take(10).map(String::as_str).collect();
        skipped.push(format!(
            "{} not versions ({})",
            s.not_versions.len(),
            shown.join(", ")
        ));
    }
    let tail = if skipped.is_empty() {
        String::new()
    } else {
        format!("; skipped {}", skipped.join(", "))
    };
    errln!("{product}: {added} new, {known} already in the catalog{tail}");
    if let Some(help) = eol_engine::sources::after_v_help(s) {
        errln!("  help: {}", crate::render::sanitize(&help));
    }
}
