//! `eol explain PRODUCT LINE`: how every date of a line was derived.

use eol_engine::eval::{DateValue, Options, Trace};
use eol_engine::kb::release_file;
use eol_engine::query::ProductView;
use eol_engine::resolve::Resolution;
use eol_syntax::line_col;

use crate::args::ExplainArgs;
use crate::exit::{Failure, OK, USAGE};

pub fn run(args: &ExplainArgs) -> i32 {
    match explain(args) {
        Ok(code) => code,
        Err(f) => f.report(false),
    }
}

fn explain(args: &ExplainArgs) -> Result<i32, Failure> {
    let at = crate::load::at_or_today(args.kb.at);
    let mut lib = crate::load::library(&[], &args.kb.sources, crate::load::Implicit::Operator)?;
    let (id, _) = crate::load::find_product(&lib, &args.product)?;
    let products = lib.evaluate(at, Options { trace: true }, Some(&id));
    let product = products
        .iter()
        .find(|p| p.policy(&lib.rules).is_some_and(|pol| pol.id == id));
    if crate::load::report_for(&lib, product) {
        return Err(Failure::broken(format!(
            "the rules or catalog of `{id}` have errors (above); nothing can be explained"
        )));
    }
    let (Some(product), kb) = (product, &lib) else {
        return Err(Failure::broken(format!("`{id}` could not be evaluated")));
    };
    let Some(policy) = product.policy(&kb.rules) else {
        return Err(Failure::broken(format!("`{id}` could not be evaluated")));
    };
    let Some(rule_file) = kb.rules.get(product.file) else {
        return Err(Failure::broken(format!("`{id}` could not be evaluated")));
    };
    let view = ProductView {
        policy,
        product,
        catalogs: &kb.catalogs,
    };
    let li = match view.resolve(&args.line) {
        Resolution::Line { line, .. } => line,
        Resolution::Ambiguous { lines, .. } => {
            let names: Vec<String> = lines
                .iter()
                .filter_map(|&i| product.lifecycle.lines.get(i).map(|l| l.line.clone()))
                .collect();
            return Err(Failure::new(
                USAGE,
                "ambiguous-version",
                format!(
                    "`{}` names {} lines of `{id}`: {}",
                    args.line,
                    names.len(),
                    names.join(", ")
                ),
            )
            .with_help("give one line's name")
            .with_candidates(names));
        }
        _ => {
            return Err(Failure::new(
                USAGE,
                "unknown-version",
                format!("`{}` is not a release line of `{id}` in the catalog", args.line),
            )
            .with_help(format!("`eol status {id}` lists the lines")))
        }
    };
    let Some(line) = product.lifecycle.lines.get(li) else {
        return Err(Failure::broken("line index out of range"));
    };
    let lang = args.kb.lang.as_deref();
    let catalog = line
        .releases
        .first()
        .and_then(|&ri| release_file(product, &kb.catalogs, ri))
        .unwrap_or("-");
    let mut out = format!(
        "{} line {} at {at}\nrules: {}   catalog: {catalog}\n",
        policy.name.get(lang),
        line.line,
        rule_file.name
    );
    let ctx = Render {
        file: &rule_file.name,
        text: &rule_file.text,
    };
    if let Some(f) = &line.first_ship {
        ctx.entry("first ship", f, &mut out);
    }
    for p in &line.phases {
        let Some(d) = policy.phases.get(p.phase) else {
            continue;
        };
        ctx.entry(
            &format!("{}.start ({})", d.id, d.labels.get(lang)),
            &p.start,
            &mut out,
        );
        ctx.entry(
            &format!("{}.end ({})", d.id, d.labels.get(lang)),
            &p.end,
            &mut out,
        );
    }
    for m in &line.milestones {
        let Some(d) = policy.milestones.get(m.milestone) else {
            continue;
        };
        ctx.entry(&format!("{} ({})", d.id, d.labels.get(lang)), &m.date, &mut out);
    }
    out!("{out}");
    Ok(OK)
}

struct Render<'a> {
    file: &'a str,
    text: &'a str,
}

impl Render<'_> {
    fn entry(&self, title: &str, v: &DateValue, out: &mut String) {
        match v.date {
            Some(d) => out.push_str(&format!("\n{title} = {d} ({})\n", v.kind.as_str())),
            None => out.push_str(&format!("\n{title} = pending\n")),
        }
        if let Some(t) = &v.trace {
            self.node(t, "", true, out);
        }
    }

    fn node(&self, t: &Trace, prefix: &str, last: bool, out: &mut String) {
        let branch = if last { "└─ " } else { "├─ " };
        let value = match t.date {
            Some(d) => format!("{d} ({})", t.kind.as_str()),
            None => "pending".to_owned(),
        };
        let line = match t.span {
            Some(span) => {
                let code: String = span
                    .text(self.text)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let (l, _) = line_col(self.text, span.start);
                format!("`{code}` = {value}: {}   [{}:{l}]", t.what, self.file)
            }
            None => format!("{} = {value}", t.what),
        };
        out.push_str(&format!("{prefix}{branch}{line}\n"));
        let child_prefix = format!("{prefix}{}", if last { "   " } else { "│  " });
        let n = t.children.len();
        for (i, c) in t.children.iter().enumerate() {
            self.node(c, &child_prefix, i + 1 == n, out);
        }
    }
}
