//! Text from input files made safe to print on a terminal.
//!
//! A catalog note, a label or a version may hold control characters (an escape
//! sequence that recolours or clears the terminal, a carriage return that overwrites
//! the line) or invisible ones (a zero-width space, a right-to-left override that
//! reorders what is shown). Before such text reaches a terminal, in a table or a
//! diagnostic, each of these characters is written as its code point, `\u{1b}`.
//! Tabs and line feeds are kept. Machine-readable output (JSON, CSV) is not escaped.

use std::borrow::Cow;

/// Whether `c` is shown escaped: control characters other than tab and line feed,
/// and the invisible formatting characters (zero-width spaces and joiners, direction
/// marks and overrides, the byte order mark, ...).
pub fn is_invisible(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff0}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

/// How an invisible character is written: `\u{1b}`, `\u{200b}`.
pub fn escaped(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// `text` with every [invisible](is_invisible) character written as its code point.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_invisible(c) {
            out.push_str(&escaped(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn escapes_control_and_invisible_characters_only() {
        assert_eq!(printable("7.4.13-u92 ä €"), "7.4.13-u92 ä €");
        assert_eq!(printable("a\x1b[31mred"), "a\\u{1b}[31mred");
        assert_eq!(printable("tab\tand\nline"), "tab\tand\nline");
        assert_eq!(printable("over\rwrite"), "over\\u{d}write");
        assert_eq!(printable("zero\u{200b}width"), "zero\\u{200b}width");
        assert_eq!(printable("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(printable("\u{7f}\u{85}"), "\\u{7f}\\u{85}");
    }
}
