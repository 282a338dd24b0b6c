//! `eol list`: every product the rules know, with its names and supported lines.

use eol_engine::eval::Options;
use eol_engine::query::{summary, Basis, ProductView};

use crate::args::{ListArgs, ListFormat};
use crate::exit::{Failure, BROKEN, OK};
use crate::i18n::{msg, Messages};
use crate::load;
use crate::render::{sanitize, Style};
use crate::table::{Table, Tone};

pub fn run(args: &ListArgs) -> i32 {
    match list(args) {
        Ok(code) => code,
        Err(f) => f.report(args.format == ListFormat::Json),
    }
}

fn list(args: &ListArgs) -> Result<i32, Failure> {
    let at = load::at_or_today(args.kb.at);
    let lang = args.kb.lang.as_deref();
    let (m, _) = Messages::new(lang);
    let mut lib = load::library(&[], &args.kb.sources, crate::load::Implicit::Operator)?;
    // With traces, as `status` evaluates: whether a line waits for a line the catalog does
    // not list is read from them, and the `stale` column must say what `status` says.
    let products = lib.evaluate(at, Options { trace: true }, None);
    let broken = lib.has_errors();
    if broken {
        load::report(&lib);
    }
    let basis = if args.extended {
        Basis::Extended
    } else {
        Basis::Standard
    };
    let mut rows: Vec<_> = products
        .iter()
        .filter_map(|p| {
            let policy = p.policy(&lib.rules)?;
            let view = ProductView::new(policy, p, &lib.catalogs);
            Some(summary(&view, at, basis, lang))
        })
        .collect();
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    let join = |v: &[String]| v.join(" ");
    match args.format {
        ListFormat::Json => {
            let doc = serde_json::json!({
                "schema_version": 1,
                "at": at.to_string(),
                "basis": basis,
                "products": rows,
                "data": lib.data,
            });
            outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record([
                "id",
                "name",
                "vendor",
                "aliases",
                "purls",
                "cpes",
                "lines",
                "supported",
            ]);
            for r in &rows {
                let _ = w.write_record([
                    r.id.as_str(),
                    &r.name,
                    r.vendor.as_deref().unwrap_or(""),
                    &join(&r.aliases),
                    &join(&r.purls),
                    &join(&r.cpes),
                    &r.lines.to_string(),
                    &join(&r.supported),
                ]);
            }
            let bytes = w.into_inner().unwrap_or_default();
            out!("{}", String::from_utf8_lossy(&bytes));
        }
        ListFormat::Table | ListFormat::Markdown => {
            let mut t = Table::new(vec![
                m.get("col-id"),
                m.get("col-name"),
                m.get("col-vendor"),
                m.get("col-aliases"),
                m.get("col-lines"),
                m.get("col-supported"),
            ]);
            for r in &rows {
                t.rows.push(vec![
                    (r.id.clone(), Tone::Plain),
                    (sanitize(&r.name).into_owned(), Tone::Plain),
                    (
                        sanitize(r.vendor.as_deref().unwrap_or("-")).into_owned(),
                        Tone::Plain,
                    ),
                    (
                        if r.aliases.is_empty() {
                            "-".to_owned()
                        } else {
                            r.aliases.join(", ")
                        },
                        Tone::Plain,
                    ),
                    (r.lines.to_string(), Tone::Plain),
                    (
                        supported_cell(&r.supported, &r.stale, &m),
                        if r.supported.is_empty() {
                            Tone::Bad
                        } else {
                            Tone::Good
                        },
                    ),
                ]);
            }
            let body = if args.format == ListFormat::Markdown {
                t.markdown()
            } else {
                t.text(Style::detect())
            };
            let stale: usize = rows.iter().map(|r| r.stale.len()).sum();
            let note = if stale > 0 {
                format!("{}\n", msg!(m, "list-stale", n = stale))
            } else {
                String::new()
            };
            out!(
                "{body}\n{note}{}\n{}\n",
                msg!(m, "list-summary", n = rows.len(), at = &at.to_string()),
                load::data_text(&m, &lib.data)
            );
        }
    }
    Ok(if broken { BROKEN } else { OK })
}

/// The newest supported lines, at most five, and how many more; a line the catalog's age
/// puts in doubt is marked `?`.
fn supported_cell(lines: &[String], stale: &[String], m: &Messages) -> String {
    const SHOWN: usize = 5;
    let shown: Vec<String> = lines
        .iter()
        .take(SHOWN)
        .map(|l| {
            if stale.contains(l) {
                format!("{l}?")
            } else {
                l.clone()
            }
        })
        .collect();
    match lines.len() {
        0 => m.get("none-cell"),
        n if n <= SHOWN => shown.join(", "),
        n => msg!(m, "more-lines", lines = &shown.join(", "), n = n - SHOWN),
    }
}
