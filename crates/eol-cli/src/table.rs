//! Plain-text and Markdown tables.

use std::borrow::Cow;

use eol_syntax::printable;

use crate::render::Style;

/// A cell's text on one line: [`printable`], and a line break or tab written as `\n` or `\t`
/// (an inventory's cell may hold a program's whole multi-line `--version` output), so that
/// neither the aligned columns nor a Markdown table are broken.
fn one_line(text: &str) -> Cow<'_, str> {
    match printable(text) {
        shown if shown.contains(['\n', '\t']) => Cow::Owned(shown.replace('\n', "\\n").replace('\t', "\\t")),
        shown => shown,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Warn,
    Bad,
}

pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<(String, Tone)>>,
}

impl Table {
    pub fn new(header: Vec<String>) -> Self {
        Table {
            header,
            rows: Vec::new(),
        }
    }

    fn widths(&self) -> Vec<usize> {
        let mut w: Vec<usize> = self.header.iter().map(|h| one_line(h).chars().count()).collect();
        for row in &self.rows {
            for (i, (cell, _)) in row.iter().enumerate() {
                let n = one_line(cell).chars().count();
                match w.get_mut(i) {
                    Some(x) => *x = (*x).max(n),
                    None => w.push(n),
                }
            }
        }
        w
    }

    /// Aligned columns; colour only with [`Style::Colour`].
    pub fn text(&self, style: Style) -> String {
        let widths = self.widths();
        let mut out = String::new();
        let line = |cells: Vec<(String, Tone)>, out: &mut String| {
            let n = cells.len();
            for (i, (cell, tone)) in cells.into_iter().enumerate() {
                // Text from the files reaches the terminal escaped; colour is added after.
                let cell = one_line(&cell).into_owned();
                let w = widths.get(i).copied().unwrap_or(0);
                let pad = w.saturating_sub(cell.chars().count());
                let coloured = match (style, tone) {
                    (Style::Colour, Tone::Good) => format!("\x1b[32m{cell}\x1b[0m"),
                    (Style::Colour, Tone::Warn) => format!("\x1b[33m{cell}\x1b[0m"),
                    (Style::Colour, Tone::Bad) => format!("\x1b[31m{cell}\x1b[0m"),
                    _ => cell,
                };
                out.push_str(&coloured);
                if i + 1 < n {
                    out.push_str(&" ".repeat(pad + 2));
                }
            }
            out.push('\n');
        };
        line(
            self.header.iter().map(|h| (h.clone(), Tone::Plain)).collect(),
            &mut out,
        );
        line(
            widths.iter().map(|w| ("─".repeat(*w), Tone::Plain)).collect(),
            &mut out,
        );
        for row in &self.rows {
            line(row.clone(), &mut out);
        }
        out
    }

    pub fn markdown(&self) -> String {
        let esc = |s: &str| one_line(s).replace('|', "\\|");
        let mut out = format!(
            "| {} |\n",
            self.header.iter().map(|h| esc(h)).collect::<Vec<_>>().join(" | ")
        );
        out.push_str(&format!("|{}\n", " --- |".repeat(self.header.len())));
        for row in &self.rows {
            out.push_str(&format!(
                "| {} |\n",
                row.iter().map(|(c, _)| esc(c)).collect::<Vec<_>>().join(" | ")
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cell that holds several lines (a program's whole `--version` output) stays on its
    /// row: the aligned table and the Markdown table each keep one line per row.
    #[test]
    fn a_cell_of_several_lines_stays_on_its_row() {
        let mut t = Table::new(vec!["product".into(), "version".into()]);
        t.rows.push(vec![
            ("dotnet".into(), Tone::Plain),
            ("A 6.0.25 [/a]\nA 8.0.0 [/a]\tx|y".into(), Tone::Plain),
        ]);
        assert_eq!(
            t.markdown(),
            "| product | version |\n| --- | --- |\n| dotnet | A 6.0.25 [/a]\\nA 8.0.0 [/a]\\tx\\|y |\n"
        );
        let text = t.text(Style::Plain);
        assert_eq!(text.lines().count(), 3, "{text}");
        assert!(
            text.ends_with("dotnet   A 6.0.25 [/a]\\nA 8.0.0 [/a]\\tx|y\n"),
            "{text}"
        );
    }
}
