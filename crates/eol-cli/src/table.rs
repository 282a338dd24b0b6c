//! Plain-text and Markdown tables.

use eol_syntax::printable;

use crate::render::Style;

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
        let mut w: Vec<usize> = self.header.iter().map(|h| printable(h).chars().count()).collect();
        for row in &self.rows {
            for (i, (cell, _)) in row.iter().enumerate() {
                let n = printable(cell).chars().count();
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
                let cell = printable(&cell).into_owned();
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
        let esc = |s: &str| printable(s).replace('|', "\\|");
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
