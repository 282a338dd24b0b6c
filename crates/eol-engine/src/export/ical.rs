//! An iCalendar (RFC 5545) calendar: one all-day event per phase end, on the first day
//! without the phase, with alarms 365, 90 and 30 days before. Estimated ends are
//! `STATUS:TENTATIVE` and say so; pending ends have no day and no event.

use chrono::NaiveDate;

use super::Exported;
use crate::eval::ValueKind;

/// Days before an end that its alarms go off.
pub const ALARMS: [u32; 3] = [365, 90, 30];

pub fn calendar(products: &[Exported<'_>], at: NaiveDate, lang: Option<&str>) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//eol//lifecycle export//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "X-WR-CALNAME:Lifecycle ends".into(),
    ];
    let stamp = format!("{}T000000Z", at.format("%Y%m%d"));
    for p in products {
        for l in p.lines {
            for ph in &l.phases {
                let (Some(decl), Some(end)) = (p.policy.phases.get(ph.phase), ph.end.date) else {
                    continue;
                };
                let Some(next) = end.succ_opt() else { continue };
                let product = p.policy.name.get(lang);
                let phase = decl.labels.get(lang);
                let estimated = ph.end.kind == ValueKind::Estimated;
                let bound = ph.end.kind == ValueKind::AtTheLatest;
                let mut summary = format!("{product} {}: {phase} ends", l.line);
                if estimated {
                    summary.push_str(" (estimated)");
                } else if bound {
                    summary.push_str(" (at the latest)");
                }
                let last = end.pred_opt().map_or(String::new(), |d| d.to_string());
                let mut description = format!(
                    "{phase} of {product} {} ends: the last day is {last}{}.",
                    l.line,
                    if bound { " at the latest" } else { "" }
                );
                match ph.end.kind {
                    ValueKind::Estimated => description.push_str(" The date is estimated."),
                    ValueKind::Override => description.push_str(" The date is an exception the rules state."),
                    ValueKind::Declared => description.push_str(" The vendor announced the date."),
                    ValueKind::AtTheLatest => {
                        description.push_str(" The day was not published, only that it had come by then.")
                    }
                    _ => {}
                }
                lines.push("BEGIN:VEVENT".into());
                lines.push(format!(
                    "UID:{}-{}-{}-end@eol",
                    uid(&p.policy.id),
                    uid(&l.line),
                    uid(&decl.id)
                ));
                lines.push(format!("DTSTAMP:{stamp}"));
                lines.push(format!("DTSTART;VALUE=DATE:{}", end.format("%Y%m%d")));
                lines.push(format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
                lines.push(format!("SUMMARY:{}", text(&summary)));
                lines.push(format!("DESCRIPTION:{}", text(&description)));
                lines.push("TRANSP:TRANSPARENT".into());
                lines.push(format!(
                    "STATUS:{}",
                    if estimated || bound {
                        "TENTATIVE"
                    } else {
                        "CONFIRMED"
                    }
                ));
                if let Some(role) = decl.role {
                    lines.push(format!("CATEGORIES:{}", role.as_str()));
                }
                for days in ALARMS {
                    lines.push("BEGIN:VALARM".into());
                    lines.push("ACTION:DISPLAY".into());
                    lines.push(format!("TRIGGER:-P{days}D"));
                    lines.push(format!(
                        "DESCRIPTION:{}",
                        text(&format!("in {days} days: {summary}"))
                    ));
                    lines.push("END:VALARM".into());
                }
                lines.push("END:VEVENT".into());
            }
        }
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        out.push_str(&fold(&l));
    }
    out
}

/// An id-safe form of a name for `UID`.
fn uid(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (never inside a character), ending in CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_escaping() {
        let long = "x".repeat(160);
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let utf = "é".repeat(50);
        assert!(fold(&utf).split("\r\n").all(|l| l.len() <= 75));
    }
}
