//! `eol timeline`: the lifecycle as a picture (SVG, or an HTML page around it). The
//! engine draws; this writes.

use eol_engine::eval::Options;
use eol_engine::export::{self, Exported};
use eol_engine::timeline;

use crate::args::{KbArgs, TimelineArgs, TimelineFormat};
use crate::files::{FAILURE, OK};
use crate::load::{Evaluated, Strictness};

/// The knowledge base `timeline` reads: the one place it loads rules and catalogs.
fn evaluate(kb: &KbArgs, product: Option<&str>) -> Result<Evaluated, i32> {
    crate::load::evaluate(
        &kb.sources,
        crate::load::Implicit::Operator,
        kb.at,
        Options::default(),
        product,
        Strictness::StopOnErrors,
    )
}

pub fn run(args: &TimelineArgs) -> i32 {
    let done = match evaluate(&args.kb, args.product.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    if let Some(p) = &args.product {
        if done.products.is_empty() {
            errln!("error: no policy `{p}` in the rule files");
            return FAILURE;
        }
    }
    let lts: Vec<Vec<Option<bool>>> = done
        .products
        .iter()
        .map(|p| export::line_lts(p, &done.kb.catalogs))
        .collect();
    let products: Vec<Exported<'_>> = done
        .products
        .iter()
        .zip(&lts)
        .filter_map(|(p, lts)| {
            Some(Exported {
                policy: p.policy(&done.kb.rules)?,
                lines: &p.lifecycle.lines,
                lts,
            })
        })
        .collect();
    let opts = timeline::Options {
        at: done.at,
        lang: args.kb.lang.as_deref(),
        since: args.since,
    };
    let drawn = match args.format {
        TimelineFormat::Svg => timeline::svg(&products, opts),
        TimelineFormat::Html => timeline::html(&products, opts),
    };
    let text = match drawn {
        Ok(t) => t,
        Err(e) => {
            errln!("error: nothing to draw: {e}");
            return FAILURE;
        }
    };
    match &args.output {
        Some(path) => match crate::files::replace(path, text.as_bytes(), crate::files::Links::Refuse, None) {
            Ok(()) => {
                errln!("wrote {}", path.display());
                OK
            }
            Err(e) => {
                errln!("error: {e}");
                FAILURE
            }
        },
        None => {
            out!("{text}");
            OK
        }
    }
}
