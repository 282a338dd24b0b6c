//! `eol explain PRODUCT LINE`: how every date of a line was derived.

use eol_engine::eval::{DateValue, Trace};
use eol_engine::kb::{find_line, release_file};
use eol_syntax::line_col;

use crate::args::ExplainArgs;
use crate::files::{FAILURE, OK};
use crate::load::evaluate_traced;

pub fn run(args: &ExplainArgs) -> i32 {
    let done = match evaluate_traced(&args.kb, &args.product) {
        Ok(done) => done,
        Err(code) => return code,
    };
    let (product, policy) = match done.single(&args.product) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let (kb, at) = (&done.kb, done.at);
    let Some(rule_file) = kb.rules.get(product.file) else {
        return FAILURE;
    };
    let Some(li) = find_line(policy, product, &kb.catalogs, &args.line) else {
        errln!(
            "error: `{}` is not a release line of `{}` in the catalog",
            args.line,
            policy.id
        );
        return FAILURE;
    };
    let Some(line) = product.lifecycle.lines.get(li) else {
        return FAILURE;
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
    OK
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
