//! Reading a knowledge base from disk: rule files, their catalogs, and `--at`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use eol_engine::catalog::{catalog_paths_for, CatalogFormat};
use eol_engine::kb::{CatalogFile, Pairing};
use eol_engine::project::{check_across, RuleFile};

use crate::render::{self, Style};

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
        let bytes = std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        rules.push(RuleFile::load(crate::files::display(p), &bytes));
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
        for c in &catalog_args {
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
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(CatalogFile::load(crate::files::display(path), format, &bytes))
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.rules.iter().any(RuleFile::has_errors) || self.catalogs.iter().any(CatalogFile::has_errors)
    }

    /// Print every diagnostic of every file to standard error.
    pub fn report(&self) {
        let style = Style::detect_stderr();
        for f in &self.rules {
            for d in &f.diagnostics {
                eprintln!("{}", render::human(d, &f.name, &f.text, style));
            }
        }
        for c in &self.catalogs {
            for d in &c.diagnostics {
                eprintln!("{}", render::human(d, &c.name, &c.text, style));
            }
        }
    }
}
