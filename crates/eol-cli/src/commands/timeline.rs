//! `eol timeline`: the lifecycle as a picture (SVG, or an HTML page around it). The
//! engine draws; this writes.

use eol_engine::timeline;

use crate::args::{TimelineArgs, TimelineFormat};
use crate::files::FAILURE;

pub fn run(args: &TimelineArgs) -> i32 {
    super::export::with_products(&args.kb, args.product.as_deref(), |at, products| {
        let opts = timeline::Options {
            at,
            lang: args.kb.lang.as_deref(),
            since: args.since,
        };
        let drawn = match args.format {
            TimelineFormat::Svg => timeline::svg(products, opts),
            TimelineFormat::Html => timeline::html(products, opts),
        };
        match drawn {
            Ok(text) => super::export::emit(args.output.as_deref(), &text),
            Err(e) => {
                errln!("error: nothing to draw: {e}");
                FAILURE
            }
        }
    })
}
