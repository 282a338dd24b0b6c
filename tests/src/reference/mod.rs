//! The reference model and its property test's machinery (see tests/README.md,
//! "The reference model").
//!
//! - [`gen`]: random rule files and catalogs, drawn from a sequence of numbers that
//!   proptest generates and shrinks;
//! - [`model`]: a naive evaluator written from docs/language.md and docs/dates.md,
//!   with [`dates`] and [`version`] written from the docs too;
//! - [`run_case`]: the engine (`eol_engine::kb::evaluate_all`, as `eol eval` runs it)
//!   and the model on one case, compared date by date and kind by kind.

pub mod dates;
pub mod gen;
pub mod model;
pub mod version;

use chrono::NaiveDate;
use eol_engine::catalog::CatalogFormat;
use eol_engine::eval::{DateValue, Options, ValueKind};
use eol_engine::kb::{evaluate_all, CatalogFile};
use eol_engine::project::RuleFile;

use gen::{Case, Format};
use model::{Kind, LineOut, ProductOut, V};

fn kind_of(k: ValueKind) -> Kind {
    match k {
        ValueKind::Exact => Kind::Exact,
        ValueKind::Override => Kind::Override,
        ValueKind::Declared => Kind::Declared,
        ValueKind::AtTheLatest => Kind::AtTheLatest,
        ValueKind::Estimated => Kind::Estimated,
        ValueKind::Pending => Kind::Pending,
    }
}

fn v_of(d: &DateValue) -> V {
    V {
        date: d.date,
        kind: kind_of(d.kind),
    }
}

/// The engine's results in the model's shape.
pub fn run_engine(case: &Case) -> Result<Vec<ProductOut>, String> {
    let mut rules = vec![RuleFile::load("rules.eol", case.rules.as_bytes())];
    if let Some(d) = rules.iter().flat_map(|f| &f.diagnostics).find(|d| d.is_error()) {
        return Err(format!("the rule file has errors: {} {}", d.code, d.message));
    }
    let format = match case.format {
        Format::Toml => CatalogFormat::Toml,
        Format::Csv => CatalogFormat::Csv,
        Format::Json => CatalogFormat::Json,
    };
    let text = case.catalog_text();
    let mut catalogs = vec![CatalogFile::load("releases", format, text.as_bytes())];
    if let Some(d) = catalogs
        .iter()
        .flat_map(|f| &f.diagnostics)
        .find(|d| d.is_error())
    {
        return Err(format!("the catalog has errors: {} {}", d.code, d.message));
    }
    let pairing = vec![vec![0]];
    let products = evaluate_all(
        &mut rules,
        &mut catalogs,
        &pairing,
        case.at,
        Options::default(),
        None,
    );
    if let Some(d) = rules.iter().flat_map(|f| &f.diagnostics).find(|d| d.is_error()) {
        return Err(format!("evaluation reported an error: {} {}", d.code, d.message));
    }
    let mut out = Vec::new();
    for p in &products {
        let Some(policy) = p.policy(&rules) else {
            return Err("a product without its policy".into());
        };
        let lines = p
            .lifecycle
            .lines
            .iter()
            .map(|l| LineOut {
                name: l.line.clone(),
                first_ship: l.first_ship.as_ref().map_or(V::PENDING, v_of),
                phases: l
                    .phases
                    .iter()
                    .map(|r| {
                        let id = policy.phases.get(r.phase).map_or(String::new(), |p| p.id.clone());
                        (id, v_of(&r.start), v_of(&r.end))
                    })
                    .collect(),
                milestones: l
                    .milestones
                    .iter()
                    .map(|m| {
                        let id = policy
                            .milestones
                            .get(m.milestone)
                            .map_or(String::new(), |x| x.id.clone());
                        (id, v_of(&m.date))
                    })
                    .collect(),
                latest: V::PENDING,
                phantom: false,
            })
            .collect();
        out.push(ProductOut {
            id: policy.id.clone(),
            lines,
        });
    }
    Ok(out)
}

/// Every difference between the engine's results and the model's, one per line of
/// text; empty when they agree.
pub fn compare(engine: &[ProductOut], model: &[ProductOut]) -> Vec<String> {
    let mut diffs = Vec::new();
    let ids = |ps: &[ProductOut]| ps.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    if ids(engine) != ids(model) {
        diffs.push(format!(
            "products: engine {:?}, model {:?}",
            ids(engine),
            ids(model)
        ));
        return diffs;
    }
    for (e, m) in engine.iter().zip(model) {
        let names = |p: &ProductOut| p.lines.iter().map(|l| l.name.clone()).collect::<Vec<_>>();
        if names(e) != names(m) {
            diffs.push(format!(
                "{}: lines: engine {:?}, model {:?}",
                e.id,
                names(e),
                names(m)
            ));
            continue;
        }
        for (el, ml) in e.lines.iter().zip(&m.lines) {
            let at = format!("{} line {}", e.id, el.name);
            if el.first_ship != ml.first_ship {
                diffs.push(format!(
                    "{at}: first ship: engine {}, model {}",
                    el.first_ship, ml.first_ship
                ));
            }
            let ids = |l: &LineOut| l.phases.iter().map(|p| p.0.clone()).collect::<Vec<_>>();
            if ids(el) != ids(ml) {
                diffs.push(format!("{at}: phases: engine {:?}, model {:?}", ids(el), ids(ml)));
            } else {
                for ((id, es, ee), (_, ms, me)) in el.phases.iter().zip(&ml.phases) {
                    if es != ms {
                        diffs.push(format!("{at}: start({id}): engine {es}, model {ms}"));
                    }
                    if ee != me {
                        diffs.push(format!("{at}: end({id}): engine {ee}, model {me}"));
                    }
                }
            }
            let mids = |l: &LineOut| l.milestones.iter().map(|p| p.0.clone()).collect::<Vec<_>>();
            if mids(el) != mids(ml) {
                diffs.push(format!(
                    "{at}: milestones: engine {:?}, model {:?}",
                    mids(el),
                    mids(ml)
                ));
            } else {
                for ((id, ev), (_, mv)) in el.milestones.iter().zip(&ml.milestones) {
                    if ev != mv {
                        diffs.push(format!("{at}: {id}: engine {ev}, model {mv}"));
                    }
                }
            }
        }
    }
    diffs
}

/// Run one case through both; `Err` describes the case and every difference.
pub fn run_case(case: &Case) -> Result<(), String> {
    let describe = |what: &str| {
        format!(
            "{what}\n--- at {}\n--- rules.eol\n{}--- catalog ({:?})\n{}",
            case.at,
            case.rules,
            case.format,
            case.catalog_text()
        )
    };
    let engine = run_engine(case).map_err(|e| describe(&e))?;
    let model = model::evaluate(&case.rules, &case.releases, case.at)
        .map_err(|e| describe(&format!("model: {e}")))?;
    let diffs = compare(&engine, &model);
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(describe(&diffs.join("\n")))
    }
}

/// The evaluation date of a case, for messages.
pub fn at_of(case: &Case) -> NaiveDate {
    case.at
}
