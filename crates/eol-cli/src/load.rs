//! Reading a knowledge base from disk: rule files, their catalogs, and `--at`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use eol_engine::catalog::{catalog_paths_for, CatalogFormat};
use eol_engine::kb::{CatalogFile, Pairing};
use eol_engine::project::{check_across, RuleFile};

use crate::render::{Source, Style};

pub struct Loaded {
    pub rules: Vec<RuleFile>,
    pub catalogs: Vec<CatalogFile>,
    pub pairing: Pairing,
}

/// "Today" is the UTC date; every command takes `--at` instead, and tests always do.
pub fn at_or_today(at: Option<NaiveDate>) -> NaiveDate {
    at.unwrap_or_else(|| chrono::Utc::now().date_naive())
}

/// Load rule files and catalogs. `paths` may name rule files, directories (their
/// `*.eol` files) and catalog files. When catalog files are named, every rule file
/// reads them; otherwise each rule file `NAME.eol` reads `NAME.releases.{toml,csv,json}`
/// beside it, whichever exist.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, String> {
    let (catalog_args, rule_args): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .iter()
        .cloned()
        .partition(|p| !p.is_dir() && CatalogFormat::from_path(p).is_some());
    let rule_paths = if rule_args.is_empty() && !catalog_args.is_empty() {
        crate::files::rule_paths(&[])?
    } else {
        crate::files::rule_paths(&rule_args)?
    };
    let mut rules = Vec::new();
    for p in &rule_paths {
        rules.push(crate::files::load_rules(p).map_err(|e| format!("cannot read {e}"))?);
    }
    check_across(&mut rules);
    let mut catalogs = Vec::new();
    let mut pairing = Vec::new();
    if catalog_args.is_empty() {
        for p in &rule_paths {
            let found: Vec<PathBuf> = catalog_paths_for(p).into_iter().filter(|c| c.exists()).collect();
            if found.len() > 1 {
                let names: Vec<String> = found.iter().map(|c| c.display().to_string()).collect();
                return Err(format!(
                    "{} has {} catalogs ({}); keep one, or name the catalogs to read on the command line",
                    p.display(),
                    found.len(),
                    names.join(", ")
                ));
            }
            let mut mine = Vec::new();
            for c in found {
                mine.push(catalogs.len());
                catalogs.push(read_catalog(&c)?);
            }
            pairing.push(mine);
        }
    } else {
        for c in &crate::files::dedup(catalog_args) {
            catalogs.push(read_catalog(c)?);
        }
        pairing = rule_paths.iter().map(|_| (0..catalogs.len()).collect()).collect();
    }
    Ok(Loaded {
        rules,
        catalogs,
        pairing,
    })
}

fn read_catalog(path: &Path) -> Result<CatalogFile, String> {
    let format = CatalogFormat::from_path(path)
        .ok_or_else(|| format!("{}: not a .toml, .csv or .json catalog", path.display()))?;
    crate::files::load_catalog(path, format).map_err(|e| format!("cannot read {e}"))
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.rules.iter().any(RuleFile::has_errors) || self.catalogs.iter().any(CatalogFile::has_errors)
    }

    /// Print every diagnostic of every file to standard error.
    pub fn report(&self) {
        let style = Style::detect_stderr();
        for f in &self.rules {
            Source::new(&f.name, &f.text).human_all(&f.diagnostics, style, |d| errln!("{d}"));
        }
        for c in &self.catalogs {
            Source::new(&c.name, &c.text).human_all(&c.diagnostics, style, |d| errln!("{d}"));
        }
    }
}

/// A loaded and evaluated knowledge base.
pub struct Evaluated {
    pub kb: Loaded,
    pub products: Vec<eol_engine::kb::Product>,
    pub at: NaiveDate,
}

/// How a command treats diagnostics of the knowledge base.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// print every diagnostic and go on (`eval`: the table shows what could be computed)
    Report,
    /// stop with exit 1 on errors, printing them (`status`, `explain`, `conform`)
    StopOnErrors,
}

/// Load, evaluate at `--at` (or today), and deal with diagnostics. `Err` carries the
/// exit code; the reason has been printed.
pub fn evaluate(
    paths: &[PathBuf],
    at: Option<NaiveDate>,
    options: eol_engine::eval::Options,
    only: Option<&str>,
    strictness: Strictness,
) -> Result<Evaluated, i32> {
    let at = at_or_today(at);
    let mut kb = load(paths).map_err(|e| {
        errln!("error: {e}");
        crate::files::FAILURE
    })?;
    let products =
        eol_engine::kb::evaluate_all(&mut kb.rules, &mut kb.catalogs, &kb.pairing, at, options, only);
    match strictness {
        Strictness::Report => kb.report(),
        Strictness::StopOnErrors if kb.has_errors() => {
            kb.report();
            return Err(crate::files::PROBLEMS);
        }
        Strictness::StopOnErrors => {}
    }
    Ok(Evaluated { kb, products, at })
}

/// Evaluate the one product `status` and `explain` ask about, traced (they say where
/// each date comes from), stopping on errors.
pub fn evaluate_traced(kb: &crate::args::KbArgs, product: &str) -> Result<Evaluated, i32> {
    evaluate(
        &kb.paths,
        kb.at,
        eol_engine::eval::Options { trace: true },
        Some(product),
        Strictness::StopOnErrors,
    )
}

impl Evaluated {
    /// The one product a command asked for, with its policy.
    pub fn single(&self, id: &str) -> Result<(&eol_engine::kb::Product, &eol_engine::model::Policy), i32> {
        let product = self
            .products
            .iter()
            .find(|p| p.policy(&self.kb.rules).is_some_and(|pol| pol.id == id));
        match product.and_then(|p| p.policy(&self.kb.rules).map(|pol| (p, pol))) {
            Some(found) => Ok(found),
            None => {
                errln!("error: no policy `{id}` in the rule files");
                Err(crate::files::FAILURE)
            }
        }
    }
}
