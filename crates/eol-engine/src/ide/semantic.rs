//! Semantic tokens: every token `eol_syntax::tokens` finds, typed for an editor, names
//! typed by what they resolve to (a phase, a service, a built-in), and encoded as the
//! Language Server Protocol wants them (five numbers per token, positions relative to
//! the token before, columns in UTF-16 units).

use eol_syntax::{Declared, Span, TokenKind};

use crate::ide::positions::Utf16Index;
use crate::ide::symbols::{Hit, Resolution, SymbolKind};

/// The token types, in legend order: a token's type is its index here.
pub const TOKEN_TYPES: [&str; 15] = [
    "comment",
    "keyword",
    "string",
    "number",
    "operator",
    "namespace",
    "class",
    "interface",
    "event",
    "property",
    "function",
    "variable",
    "type",
    "enumMember",
    "parameter",
];

/// The token modifiers, in legend order: bit `i` of a token's modifiers is entry `i`.
pub const TOKEN_MODIFIERS: [&str; 2] = ["declaration", "defaultLibrary"];

const DECLARATION: u32 = 1;
const DEFAULT_LIBRARY: u32 = 2;

fn index(name: &str) -> u32 {
    TOKEN_TYPES
        .iter()
        .position(|t| *t == name)
        .and_then(|i| u32::try_from(i).ok())
        .unwrap_or(0)
}

fn for_symbol(kind: SymbolKind) -> &'static str {
    match kind {
        SymbolKind::Policy | SymbolKind::Upstream => "namespace",
        SymbolKind::Phase => "class",
        SymbolKind::Service => "interface",
        SymbolKind::Milestone => "event",
        SymbolKind::Attribute => "property",
        SymbolKind::Component => "parameter",
    }
}

/// The type and modifiers of one token; None for punctuation (editors colour it alone).
fn classify(kind: TokenKind, span: Span, res: &Resolution) -> Option<(u32, u32)> {
    let name = |span: Span, default: &str| -> (u32, u32) {
        match res.at(span.start) {
            Some(Hit::Reference(r)) if r.span == span => res
                .decls
                .get(r.decl)
                .map_or((index(default), 0), |d| (index(for_symbol(d.kind)), 0)),
            Some(Hit::Builtin(b)) if b.span == span => (index("function"), DEFAULT_LIBRARY),
            Some(Hit::UpstreamPhase(u)) if u.span == span => (index(for_symbol(SymbolKind::Phase)), 0),
            _ => (index(default), 0),
        }
    };
    Some(match kind {
        TokenKind::Comment => (index("comment"), 0),
        TokenKind::Keyword => (index("keyword"), 0),
        TokenKind::String => (index("string"), 0),
        TokenKind::Date | TokenKind::Number | TokenKind::Version => (index("number"), 0),
        TokenKind::Operator => (index("operator"), 0),
        TokenKind::Punctuation => return None,
        TokenKind::Declaration(d) => {
            let symbol = match d {
                Declared::Policy => SymbolKind::Policy,
                Declared::Phase => SymbolKind::Phase,
                Declared::Service => SymbolKind::Service,
                Declared::Milestone => SymbolKind::Milestone,
                Declared::Attribute => SymbolKind::Attribute,
                Declared::Upstream => SymbolKind::Upstream,
            };
            (index(for_symbol(symbol)), DECLARATION)
        }
        TokenKind::Name => name(span, "variable"),
        TokenKind::Function => name(span, "function"),
        TokenKind::Unit | TokenKind::Type => (index("type"), 0),
        TokenKind::Ordinal
        | TokenKind::Month
        | TokenKind::Weekday
        | TokenKind::Role
        | TokenKind::Allowance
        | TokenKind::Class
        | TokenKind::Language => (index("enumMember"), 0),
    })
}

/// The tokens of `text`, encoded: for each, the line delta, the start delta (from the
/// token before on the same line, else from the line's start), the length, the type and
/// the modifiers. A token over several lines is split at line ends.
pub fn encode(text: &str, index: &Utf16Index, res: &Resolution) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut prev_line, mut prev_start) = (0u32, 0u32);
    let mut tokens = eol_syntax::tokens(text);
    tokens.sort_by_key(|t| (t.span.start, t.span.end));
    for token in tokens {
        let Some((ty, mods)) = classify(token.kind, token.span, res) else {
            continue;
        };
        // split at line ends
        let mut start = token.span.start;
        let end = token.span.end.min(text.len());
        while start < end {
            let piece_end = text
                .get(start..end)
                .and_then(|s| s.find('\n'))
                .map_or(end, |i| start + i);
            let from = index.position(text, start);
            let to = index.position(text, piece_end);
            let len = to.character.saturating_sub(from.character);
            if len > 0 {
                let delta_line = from.line.saturating_sub(prev_line);
                let delta_start = if delta_line == 0 {
                    from.character.saturating_sub(prev_start)
                } else {
                    from.character
                };
                out.extend([delta_line, delta_start, len, ty, mods]);
                prev_line = from.line;
                prev_start = from.character;
            }
            start = piece_end + 1;
        }
    }
    out
}
