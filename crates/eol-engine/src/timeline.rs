//! The lifecycle as a picture: one row per release line, each phase a bar coloured by
//! its role, milestones as diamonds, and a vertical rule at the evaluation date.
//!
//! - an exact phase is a solid bar in its role's colour;
//! - a phase whose start or end is estimated (or an override) is drawn in a light tint
//!   of that colour with a dashed outline;
//! - a phase whose end is pending runs to the right edge, pale, with a dotted outline
//!   and a `?`; a phase with no known start is not drawn.
//!
//! Bars leave a one-pixel gap between them, so adjacent phases stay apart. The SVG is
//! self-contained (no scripts, no external fonts or images); [`html`] wraps it in a page.

use chrono::{Datelike, NaiveDate};

use crate::eval::{LineLifecycle, ValueKind};
use crate::export::Exported;
use crate::model::Role;

pub const WIDTH: f64 = 1000.0;
const LEFT: f64 = 130.0;
const RIGHT: f64 = 24.0;
const ROW: f64 = 26.0;
const BAR: f64 = 16.0;
const TOP: f64 = 44.0;

/// Fill colours: (solid, tint) per role; phases without a role use the last pair.
pub const COLOURS: [(&str, &str); 4] = [
    ("#2e7d32", "#a5d6a7"),
    ("#ef8f00", "#ffd180"),
    ("#6a1b9a", "#ce93d8"),
    ("#455a64", "#b0bec5"),
];
pub const PENDING: &str = "#e3f2fd";
pub const TODAY: &str = "#d32f2f";

pub fn colours(role: Option<Role>) -> (&'static str, &'static str) {
    let i = match role {
        Some(Role::Active) => 0,
        Some(Role::Security) => 1,
        Some(Role::Extended) => 2,
        None => 3,
    };
    COLOURS.get(i).copied().unwrap_or(("#455a64", "#b0bec5"))
}

/// What to draw.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    pub at: NaiveDate,
    pub lang: Option<&'a str>,
    /// leave out lines that ended before this day, and start the axis there
    pub since: Option<NaiveDate>,
}

/// Why nothing can be drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Empty {
    NoLines,
    NoneSince(NaiveDate),
}

impl std::fmt::Display for Empty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Empty::NoLines => f.write_str("no release line has a known first ship date to draw"),
            Empty::NoneSince(d) => write!(f, "every release line ended before {d} (--since)"),
        }
    }
}

/// The lines of a product worth a row: a known start, and not over before `since`.
fn visible(lines: &[LineLifecycle], since: Option<NaiveDate>) -> impl Iterator<Item = &LineLifecycle> {
    lines.iter().filter(move |l| {
        let started = l.phases.iter().any(|p| p.start.date.is_some());
        let over_before = match (since, l.eol.as_ref()) {
            (Some(s), Some(e)) => e.kind != ValueKind::Pending && e.date.is_some_and(|d| d <= s),
            _ => false,
        };
        started && !over_before
    })
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The SVG, or why there is nothing to draw.
pub fn svg(products: &[Exported<'_>], opts: Options<'_>) -> Result<String, Empty> {
    let rows: Vec<(&Exported<'_>, Vec<&LineLifecycle>)> = products
        .iter()
        .map(|p| (p, visible(p.lines, opts.since).collect::<Vec<_>>()))
        .filter(|(_, ls)| !ls.is_empty())
        .collect();
    if rows.is_empty() {
        let any = products.iter().any(|p| visible(p.lines, None).next().is_some());
        return Err(match (opts.since, any) {
            (Some(s), true) => Empty::NoneSince(s),
            _ => Empty::NoLines,
        });
    }
    // The time axis: from the earliest start (or --since) to the latest known date.
    let mut lo = opts.at;
    let mut hi = opts.at;
    for (_, lines) in &rows {
        for l in lines {
            for p in &l.phases {
                for d in [p.start.date, p.end.date].into_iter().flatten() {
                    lo = lo.min(d);
                    hi = hi.max(d);
                }
            }
            for m in &l.milestones {
                if let Some(d) = m.date.date {
                    lo = lo.min(d);
                    hi = hi.max(d);
                }
            }
        }
    }
    if let Some(s) = opts.since {
        lo = s;
    }
    let lo = NaiveDate::from_ymd_opt(lo.year(), 1, 1).unwrap_or(lo);
    let hi = NaiveDate::from_ymd_opt(hi.year() + 1, 1, 1).unwrap_or(hi);
    let span_days = (hi - lo).num_days().max(1) as f64;
    let plot = WIDTH - LEFT - RIGHT;
    let x = |d: NaiveDate| LEFT + ((d - lo).num_days() as f64 / span_days * plot).clamp(0.0, plot);
    let n_rows: usize = rows.iter().map(|(_, ls)| ls.len() + 1).sum();
    let mut legend: Vec<(&str, &str)> = Vec::new();
    for (p, _) in &rows {
        for decl in &p.policy.phases {
            let entry = (decl.labels.get(opts.lang), colours(decl.role).0);
            if !legend.contains(&entry) {
                legend.push(entry);
            }
        }
    }
    let legend_rows = legend.len().div_ceil(4).max(1);
    let height = TOP + n_rows as f64 * ROW + 16.0 + legend_rows as f64 * 20.0 + 24.0;
    let mut s = String::new();
    s.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" \
         font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">\n",
        num(WIDTH),
        num(height),
        num(WIDTH),
        num(height)
    ));
    s.push_str(&format!(
        "<rect class=\"background\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
        num(WIDTH),
        num(height)
    ));
    // Years along the top, with faint grid lines.
    let years = (hi.year() - lo.year()).max(1);
    let step = match years {
        0..=15 => 1,
        16..=30 => 2,
        31..=75 => 5,
        _ => 10,
    };
    s.push_str("<g class=\"axis\">\n");
    let mut year = lo.year();
    while year <= hi.year() {
        if let Some(d) = NaiveDate::from_ymd_opt(year, 1, 1) {
            let gx = num(x(d));
            s.push_str(&format!(
                "<line x1=\"{gx}\" y1=\"{}\" x2=\"{gx}\" y2=\"{}\" stroke=\"#e0e0e0\"/>\n",
                num(TOP - 8.0),
                num(TOP + n_rows as f64 * ROW)
            ));
            if year < hi.year() {
                s.push_str(&format!(
                    "<text x=\"{gx}\" y=\"{}\" fill=\"#616161\">{year}</text>\n",
                    num(TOP - 14.0)
                ));
            }
        }
        year += step;
    }
    s.push_str("</g>\n");
    let mut y = TOP;
    for (p, lines) in &rows {
        s.push_str(&format!(
            "<g class=\"product\" data-product=\"{}\">\n<text class=\"product-name\" x=\"8\" y=\"{}\" font-weight=\"bold\">{}</text>\n",
            esc(&p.policy.id),
            num(y + ROW * 0.65),
            esc(p.policy.name.get(opts.lang))
        ));
        y += ROW;
        for l in lines {
            let bar_y = y + (ROW - BAR) / 2.0;
            s.push_str(&format!(
                "<g class=\"line\" data-line=\"{}\">\n<text x=\"16\" y=\"{}\">{}</text>\n",
                esc(&l.line),
                num(y + ROW * 0.65),
                esc(&l.line)
            ));
            for ph in &l.phases {
                let (Some(decl), Some(start)) = (p.policy.phases.get(ph.phase), ph.start.date) else {
                    continue;
                };
                let (solid, tint) = colours(decl.role);
                let pending = ph.end.date.is_none();
                let x0 = x(start);
                let x1 = ph.end.date.map_or(LEFT + plot, x);
                if x1 <= x0 {
                    continue;
                }
                let certain = |k: ValueKind| matches!(k, ValueKind::Exact);
                let (fill, stroke, state) = if pending {
                    (PENDING, " stroke=\"#90a4ae\" stroke-dasharray=\"2 2\"", "pending")
                } else if !certain(ph.end.kind) || !certain(ph.start.kind) {
                    (
                        tint,
                        " stroke=\"#616161\" stroke-dasharray=\"4 2\"",
                        ph.end.kind.as_str(),
                    )
                } else {
                    (solid, "", "exact")
                };
                let role = decl.role.map_or("none", |r| r.as_str());
                let label = decl.labels.get(opts.lang);
                let end_text = ph.end.date.map_or("pending".to_owned(), |d| d.to_string());
                let kind_text = if state == "exact" {
                    String::new()
                } else {
                    format!(" ({state})")
                };
                // One pixel of gap on each side keeps adjacent bars apart.
                let w = (x1 - x0 - 2.0).max(1.0);
                s.push_str(&format!(
                    "<rect class=\"bar\" data-phase=\"{}\" data-role=\"{role}\" data-kind=\"{state}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"{stroke}><title>{} {}: {}, {} to {}{}</title></rect>\n",
                    esc(&decl.id),
                    num(x0 + 1.0),
                    num(bar_y),
                    num(w),
                    num(BAR),
                    esc(p.policy.name.get(opts.lang)),
                    esc(&l.line),
                    esc(label),
                    start,
                    end_text,
                    kind_text
                ));
                if pending {
                    s.push_str(&format!(
                        "<text class=\"pending\" x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#607d8b\">?</text>\n",
                        num(x1 - 4.0),
                        num(bar_y + BAR - 4.0)
                    ));
                }
            }
            for m in &l.milestones {
                let (Some(decl), Some(d)) = (p.policy.milestones.get(m.milestone), m.date.date) else {
                    continue;
                };
                let mx = x(d);
                let my = y + ROW / 2.0;
                s.push_str(&format!(
                    "<polygon class=\"milestone\" data-milestone=\"{}\" points=\"{},{} {},{} {},{} {},{}\" fill=\"#263238\" stroke=\"#ffffff\"><title>{} {}: {} {}{}</title></polygon>\n",
                    esc(&decl.id),
                    num(mx),
                    num(my - 5.0),
                    num(mx + 5.0),
                    num(my),
                    num(mx),
                    num(my + 5.0),
                    num(mx - 5.0),
                    num(my),
                    esc(p.policy.name.get(opts.lang)),
                    esc(&l.line),
                    esc(decl.labels.get(opts.lang)),
                    d,
                    if m.date.kind == ValueKind::Exact { String::new() } else { format!(" ({})", m.date.kind.as_str()) }
                ));
            }
            s.push_str("</g>\n");
            y += ROW;
        }
        s.push_str("</g>\n");
    }
    // The evaluation date.
    let tx = num(x(opts.at));
    s.push_str(&format!(
        "<g class=\"today\"><line x1=\"{tx}\" y1=\"{}\" x2=\"{tx}\" y2=\"{}\" stroke=\"{TODAY}\" stroke-width=\"2\"/>\
         <text x=\"{tx}\" y=\"{}\" text-anchor=\"middle\" fill=\"{TODAY}\">{}</text></g>\n",
        num(TOP - 8.0),
        num(y),
        num(y + 14.0),
        opts.at
    ));
    // Legend: every phase drawn (once per label and colour), and the marks.
    let mut ly = y + 34.0;
    s.push_str("<g class=\"legend\">\n");
    for (i, (label, colour)) in legend.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            ly += 20.0;
        }
        let lx = LEFT + (i % 4) as f64 * 200.0;
        s.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"10\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\">{}</text>\n",
            num(lx),
            num(ly - 9.0),
            num(lx + 20.0),
            num(ly),
            esc(label)
        ));
    }
    ly += 20.0;
    s.push_str(&format!(
        "<text x=\"8\" y=\"{}\" fill=\"#616161\">pale, dashed: estimated · pale, dotted, ?: end not known yet · ◆ milestone · red: {}</text>\n",
        num(ly),
        opts.at
    ));
    s.push_str("</g>\n</svg>\n");
    Ok(s)
}

/// A self-contained HTML page around the SVG.
pub fn html(products: &[Exported<'_>], opts: Options<'_>) -> Result<String, Empty> {
    let svg = svg(products, opts)?;
    let title = products
        .iter()
        .map(|p| p.policy.name.get(opts.lang))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} — lifecycle at {}</title>\n\
         <style>body {{ font-family: DejaVu Sans, Arial, sans-serif; margin: 16px; }} svg {{ max-width: 100%; height: auto; }}</style>\n\
         </head>\n<body>\n<h1>{}</h1>\n<p>Support phases of every release line, as the rules compute them at {}.</p>\n{}</body>\n</html>\n",
        esc(opts.lang.unwrap_or("en")),
        esc(&title),
        opts.at,
        esc(&title),
        opts.at,
        svg
    ))
}
