//! Parsing: split a file into policies, parse each with pest, build the tree.
//!
//! pest stops at the first error, so a file is first cut into top-level chunks
//! (one per `policy ... { ... }`, found by brace matching that skips strings and
//! comments) and every chunk is parsed on its own: a broken policy does not hide
//! the errors of the next one.

use pest::iterators::Pair;
use pest::Parser as _;

use crate::ast::*;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::span::{Span, Spanned};

#[derive(pest_derive::Parser)]
#[grammar = "eol.pest"]
pub struct EolParser;

/// Brackets nested deeper than this are refused before pest sees them, so that
/// no input can exhaust the stack of the recursive-descent parser.
pub const MAX_NESTING: usize = 32;
/// Terms in one `+`/`-` chain; longer chains are refused (they would nest the tree).
pub const MAX_TERMS: usize = 64;

/// The result of parsing one file: the tree of what parsed, and every problem.
#[derive(Debug, Default)]
pub struct Parsed {
    pub file: File,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parse raw bytes: invalid UTF-8 is a diagnostic, not an error.
pub fn parse_bytes(bytes: &[u8]) -> (String, Parsed) {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let parsed = parse(text);
            (text.to_owned(), parsed)
        }
        Err(err) => {
            let valid = err.valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            // Offsets in the lossy text match the original up to the first bad byte,
            // which the lossy text shows as U+FFFD (three bytes).
            let diag = Diagnostic::error(
                Code::InvalidUtf8,
                "file is not valid UTF-8",
                Span::new(valid, valid + '\u{fffd}'.len_utf8()),
                "invalid byte sequence here",
            )
            .with_help("rule files are UTF-8 text; re-save the file as UTF-8");
            (
                text,
                Parsed {
                    file: File::default(),
                    diagnostics: vec![diag],
                },
            )
        }
    }
}

/// Parse a rule file's text.
pub fn parse(source: &str) -> Parsed {
    parse_with(source, &mut |span, text| parse_chunk(text, span.start))
}

/// What parsing one top-level chunk of a file gave: its policy, when it parsed, and
/// the problems found in it.
#[derive(Clone, Debug, Default)]
pub struct ChunkParse {
    pub policy: Option<Policy>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parse one top-level chunk (`text`, which stands at byte `offset` of its file) on its
/// own. With `offset` 0 the spans count from the chunk's start: moved by the chunk's
/// place ([`crate::shift::Shift`]), they are those of parsing it in place.
pub fn parse_chunk(text: &str, offset: usize) -> ChunkParse {
    let mut out = ChunkParse::default();
    if let Some(diag) = nesting_problem(text, offset) {
        out.diagnostics.push(diag);
        return out;
    }
    match EolParser::parse(Rule::policy_entry, text) {
        Ok(mut pairs) => {
            let mut builder = Builder {
                offset,
                diagnostics: &mut out.diagnostics,
            };
            if let Some(pair) = pairs.find(|p| p.as_rule() == Rule::policy) {
                out.policy = Some(builder.policy(pair));
            }
        }
        Err(err) => out.diagnostics.push(pest_error(&err, text, offset)),
    }
    out
}

/// [`parse`], with each top-level chunk parsed by `chunk(span, text)`: [`parse_chunk`],
/// or what a cache kept of parsing the same text before (the language server's
/// re-check). The passes over the whole file (comments, line ends, the split into
/// chunks) run here.
pub fn parse_with(source: &str, chunk: &mut dyn FnMut(Span, &str) -> ChunkParse) -> Parsed {
    let mut parsed = Parsed {
        file: File {
            policies: Vec::new(),
            comments: scan_comments(source),
        },
        ..Default::default()
    };
    let lone_cr = lone_carriage_return(source);
    let cr_reported = lone_cr.is_some();
    if let Some(d) = lone_cr {
        parsed.diagnostics.push(d);
    }
    // A file of old Mac line ends reads as one line, maybe one comment: it is not
    // known to be empty. Only the grammar's white space makes a file empty.
    if (source.chars().all(is_trivia) || only_comments(source)) && !cr_reported {
        parsed.diagnostics.push(
            Diagnostic::warning(
                Code::EmptyFile,
                "file declares no policy",
                Span::point(0),
                "nothing here",
            )
            .with_help("a rule file holds one or more `policy ID \"Name\" { ... }` blocks"),
        );
        return parsed;
    }
    if only_comments(source) {
        return parsed;
    }
    for c in split_chunks(source) {
        let ChunkParse {
            policy,
            mut diagnostics,
        } = chunk(c.span, c.span.text(source));
        parsed.diagnostics.append(&mut diagnostics);
        parsed.file.policies.extend(policy);
    }
    parsed
}

/// A carriage return not followed by a line feed. Lines end at `\n` (a `\r` before it
/// belongs to the line end), so a file saved with old Mac line ends (`\r` alone) is
/// one line, and its first `#` comment hides all the rest: the file looked empty.
fn lone_carriage_return(source: &str) -> Option<Diagnostic> {
    let bytes = source.as_bytes();
    let lone = |i: &usize| bytes.get(*i) == Some(&b'\r') && bytes.get(i + 1) != Some(&b'\n');
    let first = (0..bytes.len()).find(lone)?;
    let count = (first..bytes.len()).filter(lone).count();
    Some(
        Diagnostic::error(
            Code::LoneCarriageReturn,
            if count == 1 {
                "a carriage return without a line feed".to_owned()
            } else {
                format!("{count} carriage returns without a line feed; the first is here")
            },
            Span::new(first, first + 1),
            "`\\r` alone: not a line end",
        )
        .with_help("lines end at `\\n` (or `\\r\\n`): with `\\r` alone the file is one line, and a `#` comment on it hides the rest; save the file with LF or CRLF line ends"),
    )
}

/// Recognise a whole file with pest alone, building nothing: the parser's floor
/// in benchmarks. Returns whether it parsed.
pub fn recognise(source: &str) -> bool {
    EolParser::parse(Rule::file, source).is_ok()
}

/// White space as the grammar reads it (`WHITESPACE` in eol.pest). Other white space
/// (a vertical tab, a no-break space) is not trivia: a file of nothing else is not
/// empty, and the grammar rejects it.
fn is_trivia(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{feff}')
}

fn only_comments(source: &str) -> bool {
    source.lines().all(|l| {
        let t = l.trim_matches(is_trivia);
        t.is_empty() || t.starts_with('#')
    })
}

/// Every `# comment` in the file, found by a scan that skips strings.
pub fn scan_comments(source: &str) -> Vec<Comment> {
    let mut comments = Vec::new();
    let bytes = source.as_bytes();
    let mut i = 0;
    let mut in_string = false;
    while let Some(&b) = bytes.get(i) {
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'#' {
            let end = source
                .get(i..)
                .and_then(|rest| rest.find('\n'))
                .map_or(source.len(), |n| i + n);
            let end = if source.get(..end).is_some_and(|s| s.ends_with('\r')) {
                end - 1
            } else {
                end
            };
            let span = Span::new(i, end);
            comments.push(Comment {
                text: span.text(source).to_owned(),
                span,
            });
            i = end;
            continue;
        }
        i += 1;
    }
    comments
}

#[derive(Debug)]
pub(crate) struct Chunk {
    pub(crate) span: Span,
}

/// Cut the file into top-level chunks by brace matching. A `policy` keyword at the
/// start of a line inside an unclosed block also starts a new chunk, so a missing
/// `}` costs one policy, not the rest of the file.
pub(crate) fn split_chunks(source: &str) -> Vec<Chunk> {
    let bytes = source.as_bytes();
    let mut chunks = Vec::new();
    let mut depth: usize = 0;
    let mut start: Option<usize> = None;
    let mut i = 0;
    let mut line_start = true;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'#' => {
                while bytes.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
                continue;
            }
            b'"' => {
                start.get_or_insert(i);
                i = skip_string(bytes, i);
                line_start = false;
                continue;
            }
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        if line_start && depth > 0 && starts_policy(source, i) {
            if let Some(s) = start.take() {
                chunks.push(Chunk {
                    span: Span::new(s, trim_end(source, i)),
                });
            }
            depth = 0;
        }
        line_start = false;
        if b == 0xEF && source.get(i..).is_some_and(|r| r.starts_with('\u{feff}')) {
            i += 3;
            continue;
        }
        let s = *start.get_or_insert(i);
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    chunks.push(Chunk {
                        span: Span::new(s, i + 1),
                    });
                    start = None;
                }
            }
            _ if depth == 0 && i > s && starts_policy(source, i) && is_word_start(source, i) => {
                // Garbage before a policy: close it as its own chunk.
                chunks.push(Chunk {
                    span: Span::new(s, trim_end(source, i)),
                });
                start = Some(i);
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(s) = start {
        chunks.push(Chunk {
            span: Span::new(s, trim_end(source, source.len())),
        });
    }
    chunks
}

/// The index just after the string literal that opens at `i` (at its closing quote,
/// or at the end of its line when it is not closed: strings cannot span lines).
pub(crate) fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    i += 1;
    while let Some(&c) = bytes.get(i) {
        i += 1;
        match c {
            b'\\' => i += 1,
            b'"' | b'\n' => break,
            _ => {}
        }
    }
    i
}

fn trim_end(source: &str, end: usize) -> usize {
    source
        .get(..end)
        .map_or(end, |s| s.trim_end_matches(is_trivia).len())
}

fn is_word_start(source: &str, i: usize) -> bool {
    i == 0
        || source
            .as_bytes()
            .get(i - 1)
            .is_some_and(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
}

fn starts_policy(source: &str, i: usize) -> bool {
    source.get(i..).is_some_and(|rest| {
        rest.starts_with("policy")
            && !rest
                .as_bytes()
                .get(6)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    })
}

/// Refuse brackets nested deeper than [`MAX_NESTING`] and long runs of `not`.
pub(crate) fn nesting_problem(text: &str, offset: usize) -> Option<Diagnostic> {
    let mut depth = 0usize;
    let mut nots = 0usize;
    let mut in_string = false;
    let mut in_comment = false;
    for (i, c) in text.char_indices() {
        if in_comment {
            in_comment = c != '\n';
            continue;
        }
        if in_string {
            in_string = !(c == '"' || c == '\n');
            continue;
        }
        match c {
            '"' => in_string = true,
            '#' => {
                in_comment = true;
                continue;
            }
            '(' | '{' => depth += 1,
            ')' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        // `not` as a whole word, however it is separated from the next one.
        let word_start = i == 0
            || text
                .get(..i)
                .and_then(|b| b.chars().last())
                .is_some_and(|p| !(p.is_alphanumeric() || p == '_'));
        let is_not = word_start
            && text.get(i..).is_some_and(|r| {
                r.starts_with("not")
                    && !r
                        .get(3..)
                        .and_then(|x| x.chars().next())
                        .is_some_and(|n| n.is_alphanumeric() || n == '_')
            });
        if is_not {
            nots += 1;
        } else if !c.is_whitespace() && !"not".contains(c) && c != '(' {
            nots = 0;
        }
        if depth > MAX_NESTING || nots > MAX_NESTING {
            let span = Span::new(offset + i, offset + i + c.len_utf8());
            return Some(
                Diagnostic::error(
                    Code::NestingTooDeep,
                    format!("nesting deeper than {MAX_NESTING} levels"),
                    span,
                    "too deep here",
                )
                .with_help("split the expression or condition, or name a part of it as a milestone"),
            );
        }
    }
    None
}

/// Turn a pest error into a diagnostic at the exact offending token.
fn pest_error(err: &pest::error::Error<Rule>, text: &str, offset: usize) -> Diagnostic {
    let pos = match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
    .min(text.len());
    let (found, len) = token_at(text, pos);
    let expected = match &err.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => describe_expected(positives),
        pest::error::ErrorVariant::CustomError { message } => message.clone(),
    };
    let span = Span::new(offset + pos, offset + pos + len);
    if let pest::error::ErrorVariant::CustomError { message } = &err.variant {
        if message.contains("call limit") || message.contains("stack") {
            return Diagnostic::error(
                Code::NestingTooDeep,
                "nesting too deep to parse",
                span,
                "too deep here",
            )
            .with_help("split the expression or condition, or name a part of it as a milestone");
        }
    }
    // An unterminated string: the quote has no partner on its line.
    let rest = text.get(pos..).unwrap_or("");
    if rest.starts_with('"')
        && !rest
            .get(1..)
            .and_then(|r| r.split('\n').next())
            .is_some_and(|l| l.contains('"'))
    {
        let end = rest.find('\n').unwrap_or(rest.len());
        return Diagnostic::error(
            Code::Syntax,
            "unterminated string",
            Span::new(offset + pos, offset + pos + end),
            "this string has no closing `\"`",
        )
        .with_help("close the string on the same line: strings cannot span lines");
    }
    let (message, label) = if len == 0 {
        match unclosed_brace(text) {
            Some(open) => {
                let d = Diagnostic::error(Code::Syntax, "missing `}`", span, "the block is still open here")
                    .with_related(
                        Span::new(offset + open, offset + open + 1),
                        "this `{` is never closed",
                    )
                    .with_help("add `}` where the block ends");
                return d;
            }
            None => (
                format!("unexpected end of input, expected {expected}"),
                "input ends here".to_owned(),
            ),
        }
    } else {
        (
            format!("unexpected {found}, expected {expected}"),
            format!("expected {expected}"),
        )
    };
    let mut diag = Diagnostic::error(Code::Syntax, message, span, label);
    diag.help = Some(syntax_help(&err.variant, &found));
    diag
}

/// The offset of the last `{` that no `}` closes, skipping strings and comments.
fn unclosed_brace(text: &str) -> Option<usize> {
    let mut open: Vec<usize> = Vec::new();
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_comment {
            in_comment = c != '\n';
            continue;
        }
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '#' => in_comment = true,
            '{' => open.push(i),
            '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.last().copied()
}

fn syntax_help(variant: &pest::error::ErrorVariant<Rule>, found: &str) -> String {
    if found.starts_with("character U+") {
        return "delete the character, or replace it with a plain space; such characters often come along when text is copied from a web page or a word processor".to_owned();
    }
    if let pest::error::ErrorVariant::ParsingError { positives, .. } = variant {
        if positives.contains(&Rule::kw_policy) {
            return "a rule file is a list of `policy ID \"Name\" { ... }` blocks".to_owned();
        }
        if found.starts_with("`\"") && positives.iter().any(|r| matches!(r, Rule::ident)) {
            return "names are written without quotes".to_owned();
        }
        if positives.iter().any(|r| {
            matches!(
                r,
                Rule::kw_from | Rule::kw_until | Rule::kw_through | Rule::kw_provides
            )
        }) {
            return "a phase body holds `from EXPR`, `until EXPR` (or `through EXPR`), `provides SERVICE, ...` and, optionally, `allow gaps` or `allow overlaps`".to_owned();
        }
    }
    "see docs/language.md for the syntax of each construct".to_owned()
}

/// The token at `pos` as the user wrote it (a word, a string, or one character).
fn token_at(text: &str, pos: usize) -> (String, usize) {
    let rest = text.get(pos..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return ("end of input".to_owned(), 0);
    };
    let len = if first.is_alphanumeric() || first == '_' {
        rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '-'))
            .unwrap_or(rest.len())
    } else if first == '"' {
        rest.get(1..)
            .and_then(|r| r.find(['"', '\n']))
            .map_or(rest.len(), |n| n + 2)
            .min(rest.len())
    } else {
        first.len_utf8()
    };
    let tok = rest.get(..len).unwrap_or("");
    let shown: String = tok.chars().take(40).collect();
    if first == '\n' || first == '\r' {
        ("end of line".to_owned(), len)
    } else if let Some(what) = unusual(first) {
        // Shown as itself, it would look like nothing, or like a plain space.
        (format!("character U+{:04X} ({what})", u32::from(first)), len)
    } else {
        // Control characters inside are escaped where the message is printed.
        (format!("`{shown}`"), len)
    }
}

/// What a character that cannot be told apart on screen is: a control character,
/// an invisible one, or a space that is not the ASCII one.
fn unusual(c: char) -> Option<&'static str> {
    match c {
        '\u{a0}' | '\u{2007}' | '\u{202f}' => Some("a no-break space"),
        '\u{2028}' => Some("a line separator"),
        '\u{2029}' => Some("a paragraph separator"),
        '\u{feff}' => Some("a byte order mark, invisible"),
        c if c.is_control() && c != '\t' => Some("a control character"),
        c if crate::printable::is_invisible(c) => Some("invisible"),
        c if c.is_whitespace() && !c.is_ascii() => Some("a space that is not the ASCII space"),
        _ => None,
    }
}

fn describe_expected(rules: &[Rule]) -> String {
    // `unless declared` may follow any phase date and `extends` any policy header, but
    // they are rarely what is missing: name them only when nothing else fits.
    let rare = |r: &Rule| {
        matches!(
            r,
            Rule::kw_unless | Rule::unless_declared | Rule::kw_extends | Rule::extends
        )
    };
    let rules: Vec<Rule> = if rules.iter().all(rare) {
        rules.to_vec()
    } else {
        rules.iter().filter(|r| !rare(r)).copied().collect()
    };
    let mut names: Vec<&'static str> = rules.iter().map(|r| rule_name(*r)).collect();
    names.sort_unstable();
    names.dedup();
    match names.as_slice() {
        [] => "something else".to_owned(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// A readable name for every rule. No catch-all arm: a new rule cannot ship
/// without a name users can read.
pub fn rule_name(rule: Rule) -> &'static str {
    match rule {
        Rule::WHITESPACE => "white space",
        Rule::ident_char => "a letter, digit or `_`",
        Rule::COMMENT => "a comment",
        Rule::EOI => "end of input",
        Rule::ident => "a name",
        Rule::product_id => "a product id",
        Rule::string | Rule::string_inner => "a string",
        Rule::date => "a date (YYYY-MM-DD)",
        Rule::int => "a number",
        Rule::version => "a version",
        Rule::ordinal => "an ordinal (`2nd`, `last`)",
        Rule::kw_policy | Rule::policy | Rule::policy_entry | Rule::file => "`policy`",
        Rule::kw_vendor | Rule::vendor_item => "`vendor`",
        Rule::kw_versions | Rule::versions_item => "`versions`",
        Rule::kw_line | Rule::line_item | Rule::line_ref => "`line`",
        Rule::kw_order | Rule::order_item => "`order`",
        Rule::kw_by => "`by`",
        Rule::kw_attribute | Rule::attribute_item => "`attribute`",
        Rule::kw_prerelease | Rule::prerelease_item => "`prerelease`",
        Rule::kw_alias | Rule::alias_item | Rule::line_alias_item => "`alias`",
        Rule::kw_builds | Rule::builds_item => "`builds`",
        Rule::kw_purl | Rule::purl_item => "`purl`",
        Rule::kw_cpe | Rule::cpe_item => "`cpe`",
        Rule::kw_announced | Rule::announced_item => "`announced`",
        Rule::kw_superseded | Rule::superseded_item => "`superseded`",
        Rule::kw_after | Rule::superseded_grace => "`after`",
        Rule::kw_cadence | Rule::cadence_item => "`cadence`",
        Rule::kw_every | Rule::every => "`every`",
        Rule::kw_on | Rule::on_demand => "`on demand`",
        Rule::kw_demand => "`demand`",
        Rule::kw_service | Rule::service_item => "`service`",
        Rule::kw_phase | Rule::phase_item => "`phase`",
        Rule::kw_role | Rule::role => "`role`",
        Rule::kw_free => "`free`",
        Rule::kw_from | Rule::from_stmt => "`from`",
        Rule::kw_until | Rule::until_stmt => "`until`",
        Rule::kw_through | Rule::through_stmt => "`through`",
        Rule::kw_provides | Rule::provides_stmt => "`provides`",
        Rule::kw_milestone | Rule::milestone_item => "`milestone`",
        Rule::kw_when | Rule::when_item => "`when`",
        Rule::kw_override | Rule::override_item => "`override`",
        Rule::kw_because => "`because`",
        Rule::kw_allow | Rule::allow_item => "`allow`",
        Rule::kw_newer => "`newer`",
        Rule::selector => "`newer` or `older`",
        Rule::kw_where => "`where`",
        Rule::kw_is | Rule::is_test => "`is`",
        Rule::kw_and => "`and`",
        Rule::kw_or => "`or`",
        Rule::kw_not | Rule::negation => "`not`",
        Rule::kw_of => "`of`",
        Rule::kw_matches | Rule::match_test => "`matches`",
        Rule::kw_older => "`older`",
        Rule::kw_same | Rule::same_test => "`same`",
        Rule::kw_last | Rule::last_of => "`last of`",
        Rule::kw_upstream | Rule::upstream_item => "`upstream`",
        Rule::kw_unless | Rule::unless_declared => "`unless declared`",
        Rule::kw_declared => "`declared`",
        Rule::kw_declare | Rule::declare_item => "`declare`",
        Rule::kw_extends | Rule::extends => "`extends`",
        Rule::kw_source | Rule::source_item => "`source`",
        Rule::kw_matching => "`matching`",
        Rule::source_kind => "a source kind (`github-releases`, `pypi`, ...)",
        Rule::of_ref => "`of` and an upstream product",
        Rule::line_map => "a line mapping (`\"5\" = \"12\"`)",
        Rule::keyword => "a keyword",
        Rule::expr | Rule::term | Rule::paren => "an expression",
        Rule::bin_op => "`+` or `-`",
        Rule::add => "`+`",
        Rule::sub => "`-`",
        Rule::duration => "a duration (`4 years`)",
        Rule::unit_word => "a unit (`years`, `months`, `weeks`, `days`)",
        Rule::amount_name => "a number attribute",
        Rule::call => "a function call",
        Rule::arg => "an argument",
        Rule::pattern | Rule::day_pattern | Rule::weekday_pattern => {
            "a calendar day (`march 31`, `2nd tuesday`)"
        }
        Rule::cond | Rule::cond_and | Rule::cond_not | Rule::cond_atom | Rule::cond_paren | Rule::flag => {
            "a condition"
        }
        Rule::compare => "a comparison",
        Rule::operand => "a value",
        Rule::cmp_op => "a comparison operator",
        Rule::arith | Rule::arith_inner | Rule::arith_head | Rule::arith_term => {
            "a computed number (`minor % 4`)"
        }
        Rule::arith_paren => "`(`",
        Rule::arith_op => "an operator (`+`, `-`, `*`, `/`, `%`)",
        Rule::label => "a display name",
        Rule::translation => "a translation (`de \"...\"`)",
        Rule::item_word => "`alias`, `purl`, `cpe` or `announced`",
        Rule::item => "an item",
        Rule::phase_stmt => "`from`, `until` or `provides`",
        Rule::line_name => "a line name",
        Rule::target => "a phase or milestone",
        Rule::cadence_kind => "`line` or a release kind",
    }
}

struct Builder<'d> {
    offset: usize,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl Builder<'_> {
    /// The pair's span without the white space and comments pest skipped after its
    /// last token (a rule ending in `x?` or `x*` keeps what it skipped before giving up).
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        let len = trimmed_len(pair.as_str());
        Span::new(s.start() + self.offset, s.start() + len + self.offset)
    }

    fn text(&self, pair: &Pair<'_, Rule>) -> Spanned<String> {
        Spanned::new(pair.as_str().to_owned(), self.span(pair))
    }

    fn string(&self, pair: Pair<'_, Rule>) -> Text {
        let span = self.span(&pair);
        let inner = pair.into_inner().next().map(|p| p.as_str()).unwrap_or("");
        Spanned::new(unescape(inner), span)
    }

    fn policy(&mut self, pair: Pair<'_, Rule>) -> Policy {
        let span = self.span(&pair);
        let mut id = Spanned::new(String::new(), span);
        let mut label = None;
        let mut extends = None;
        let mut items = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::product_id => id = self.text(&p),
                Rule::label => label = Some(self.label(p)),
                Rule::extends => {
                    extends = p
                        .into_inner()
                        .find(|q| q.as_rule() == Rule::product_id)
                        .map(|q| self.text(&q))
                }
                Rule::kw_policy => {}
                _ => items.push(self.item(p)),
            }
        }
        Policy {
            id,
            label,
            extends,
            items,
            span,
        }
    }

    fn label(&mut self, pair: Pair<'_, Rule>) -> Label {
        let span = self.span(&pair);
        let mut text = Spanned::new(String::new(), span);
        let mut translations = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::string => text = self.string(p),
                Rule::translation => {
                    let mut inner = p.into_inner();
                    if let (Some(lang), Some(s)) = (inner.next(), inner.next()) {
                        translations.push((self.text(&lang), self.string(s)));
                    }
                }
                _ => {}
            }
        }
        Label {
            text,
            translations,
            span,
        }
    }

    fn idents(&self, pair: Pair<'_, Rule>) -> Vec<Ident> {
        pair.into_inner()
            .filter(|p| p.as_rule() == Rule::ident)
            .map(|p| self.text(&p))
            .collect()
    }

    fn item(&mut self, pair: Pair<'_, Rule>) -> Item {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut inner: Vec<Pair<'_, Rule>> = pair
            .clone()
            .into_inner()
            .filter(|p| !is_keyword(p.as_rule()))
            .collect();
        inner.reverse(); // pop() now yields children in order
        let kind = match rule {
            Rule::vendor_item => ItemKind::Vendor(self.next_string(&mut inner, span)),
            Rule::announced_item => ItemKind::Announced(self.next_string(&mut inner, span)),
            Rule::versions_item => ItemKind::Versions(self.next_string(&mut inner, span)),
            Rule::line_item => ItemKind::Line(self.idents(pair)),
            Rule::order_item => {
                let what = self.next_text(&mut inner, span);
                let key = self.next_text(&mut inner, span);
                ItemKind::Order { what, key }
            }
            Rule::attribute_item => {
                let name = self.next_text(&mut inner, span);
                let ty = inner.pop().map(|p| self.text(&p));
                ItemKind::Attribute { name, ty }
            }
            Rule::prerelease_item => {
                ItemKind::Prerelease(inner.into_iter().rev().map(|p| self.string(p)).collect())
            }
            Rule::alias_item | Rule::purl_item | Rule::cpe_item => {
                let kind = match rule {
                    Rule::alias_item => NameKind::Alias,
                    Rule::purl_item => NameKind::Purl,
                    _ => NameKind::Cpe,
                };
                let values = inner.into_iter().rev().map(|p| self.string(p)).collect();
                ItemKind::Names { kind, values }
            }
            Rule::line_alias_item => {
                let line = match inner.pop() {
                    Some(p) => self.line_name(p),
                    None => Spanned::new(String::new(), span),
                };
                let names = inner.into_iter().rev().map(|p| self.string(p)).collect();
                ItemKind::LineAlias { line, names }
            }
            Rule::builds_item => {
                let line = match inner.pop() {
                    Some(p) => self.line_name(p),
                    None => Spanned::new(String::new(), span),
                };
                let from = self.next_string(&mut inner, span);
                ItemKind::LineBuilds { line, from }
            }
            Rule::cadence_item => {
                let kind = self.next_text(&mut inner, span);
                let every = match inner.pop() {
                    Some(p) if p.as_rule() == Rule::every => p
                        .into_inner()
                        .find(|q| q.as_rule() == Rule::expr)
                        .map(|e| self.expr(e)),
                    _ => None,
                };
                ItemKind::Cadence { kind, every }
            }
            Rule::superseded_item => {
                // children in order: `superseded_grace`? then the unit
                let mut grace = None;
                let mut unit = None;
                while let Some(p) = inner.pop() {
                    match p.as_rule() {
                        Rule::superseded_grace => {
                            grace = p
                                .into_inner()
                                .find(|q| q.as_rule() == Rule::expr)
                                .map(|e| self.expr(e));
                        }
                        _ => unit = Some(self.text(&p)),
                    }
                }
                let unit = unit.unwrap_or_else(|| Spanned::new(String::new(), span));
                ItemKind::Superseded { grace, unit }
            }
            Rule::service_item => {
                let id = self.next_text(&mut inner, span);
                let label = inner.pop().map(|p| self.label(p));
                ItemKind::Service { id, label }
            }
            Rule::phase_item => ItemKind::Phase(self.phase(pair)),
            Rule::milestone_item => {
                let id = self.next_text(&mut inner, span);
                let mut label = None;
                let mut value = None;
                while let Some(p) = inner.pop() {
                    match p.as_rule() {
                        Rule::label => label = Some(self.label(p)),
                        Rule::expr => value = Some(self.expr(p)),
                        Rule::unless_declared => {
                            let at = self.span(&p);
                            value = value.map(|v| unless_declared(v, at));
                        }
                        _ => {}
                    }
                }
                ItemKind::Milestone {
                    id,
                    label,
                    value: value.unwrap_or_else(|| missing_expr(span)),
                }
            }
            Rule::when_item => {
                let mut cond = None;
                let mut items = Vec::new();
                while let Some(p) = inner.pop() {
                    if p.as_rule() == Rule::cond {
                        cond = Some(self.cond(p));
                    } else {
                        items.push(self.item(p));
                    }
                }
                let cond = cond.unwrap_or(Cond {
                    kind: CondKind::And(Vec::new()),
                    span,
                });
                ItemKind::When { cond, items }
            }
            Rule::override_item | Rule::declare_item => {
                let line = match inner.pop() {
                    Some(p) => self.line_name(p),
                    None => Spanned::new(String::new(), span),
                };
                let (target, field) = match inner.pop() {
                    Some(p) => {
                        let mut ids = self.idents(p).into_iter();
                        let target = ids.next().unwrap_or_else(|| Spanned::new(String::new(), span));
                        (target, ids.next())
                    }
                    None => (Spanned::new(String::new(), span), None),
                };
                let value = inner.pop().map_or_else(|| missing_expr(span), |p| self.expr(p));
                let reason = self.next_string(&mut inner, span);
                let given = LineDate {
                    line,
                    target,
                    field,
                    value,
                    reason,
                };
                if rule == Rule::declare_item {
                    ItemKind::Declare(given)
                } else {
                    ItemKind::Override(given)
                }
            }
            Rule::allow_item => ItemKind::Allow(self.next_text(&mut inner, span)),
            Rule::upstream_item => {
                let alias = self.next_text(&mut inner, span);
                let mut product = None;
                let mut lines = Vec::new();
                while let Some(p) = inner.pop() {
                    match p.as_rule() {
                        Rule::product_id => product = Some(self.text(&p)),
                        Rule::line_map => {
                            let names: Vec<Text> = p.into_inner().map(|n| self.line_name(n)).collect();
                            if let [ours, theirs] = names.as_slice() {
                                lines.push((ours.clone(), theirs.clone()));
                            }
                        }
                        _ => {}
                    }
                }
                ItemKind::Upstream {
                    alias,
                    product,
                    lines,
                }
            }
            Rule::source_item => {
                let kind = self.next_text(&mut inner, span);
                let location = self.next_string(&mut inner, span);
                let mut pattern = None;
                let mut filter = None;
                while let Some(p) = inner.pop() {
                    match p.as_rule() {
                        Rule::string => pattern = Some(self.string(p)),
                        Rule::cond => filter = Some(self.cond(p)),
                        _ => {}
                    }
                }
                ItemKind::Source {
                    kind,
                    location,
                    pattern,
                    filter,
                }
            }
            _ => ItemKind::Allow(Spanned::new(String::new(), span)),
        };
        Item { kind, span }
    }

    /// A `line_name`: a quoted string or a bare version.
    fn line_name(&self, p: Pair<'_, Rule>) -> Spanned<String> {
        let p_span = self.span(&p);
        match p.into_inner().next() {
            Some(q) if q.as_rule() == Rule::string => self.string(q),
            Some(q) => self.text(&q),
            None => Spanned::new(String::new(), p_span),
        }
    }

    fn next_text(&self, inner: &mut Vec<Pair<'_, Rule>>, fallback: Span) -> Spanned<String> {
        inner
            .pop()
            .map_or_else(|| Spanned::new(String::new(), fallback), |p| self.text(&p))
    }

    fn next_string(&self, inner: &mut Vec<Pair<'_, Rule>>, fallback: Span) -> Text {
        inner
            .pop()
            .map_or_else(|| Spanned::new(String::new(), fallback), |p| self.string(p))
    }

    fn phase(&mut self, pair: Pair<'_, Rule>) -> Phase {
        let span = self.span(&pair);
        let mut id = Spanned::new(String::new(), span);
        let mut label = None;
        let mut role = None;
        let mut more_roles = Vec::new();
        let mut free = None;
        let mut stmts = Vec::new();
        let source = pair.as_str();
        let source_start = pair.as_span().start();
        let mut header_last = 0;
        for p in pair.into_inner() {
            if matches!(p.as_rule(), Rule::ident | Rule::label | Rule::role) {
                header_last = header_last.max(p.as_span().end() - source_start);
            }
            match p.as_rule() {
                Rule::ident => id = self.text(&p),
                Rule::label => label = Some(self.label(p)),
                Rule::role => {
                    let mut roles = Vec::new();
                    for q in p.into_inner() {
                        match q.as_rule() {
                            Rule::ident => roles.push(self.text(&q)),
                            Rule::kw_free => free = Some(self.text(&q)),
                            _ => {}
                        }
                    }
                    let mut roles = roles.into_iter();
                    role = roles.next();
                    more_roles = roles.collect();
                }
                Rule::from_stmt
                | Rule::until_stmt
                | Rule::through_stmt
                | Rule::provides_stmt
                | Rule::allow_item => {
                    let s = self.span(&p);
                    let rule = p.as_rule();
                    let kind = match rule {
                        Rule::provides_stmt => PhaseStmtKind::Provides(self.idents(p)),
                        Rule::allow_item => PhaseStmtKind::Allow(
                            p.into_inner()
                                .find(|q| q.as_rule() == Rule::ident)
                                .map_or_else(|| Spanned::new(String::new(), s), |q| self.text(&q)),
                        ),
                        _ => {
                            let mut e = None;
                            let mut unless = None;
                            for q in p.into_inner() {
                                match q.as_rule() {
                                    Rule::expr => e = Some(self.expr(q)),
                                    Rule::unless_declared => unless = Some(self.span(&q)),
                                    _ => {}
                                }
                            }
                            let e = e.unwrap_or_else(|| missing_expr(s));
                            let e = match unless {
                                Some(at) => unless_declared(e, at),
                                None => e,
                            };
                            match rule {
                                Rule::from_stmt => PhaseStmtKind::From(e),
                                Rule::through_stmt => PhaseStmtKind::Through(e),
                                _ => PhaseStmtKind::Until(e),
                            }
                        }
                    };
                    stmts.push(PhaseStmt { kind, span: s });
                }
                _ => {}
            }
        }
        Phase {
            id,
            label,
            role,
            more_roles,
            free,
            stmts,
            body: Span::new(
                source
                    .get(header_last..)
                    .and_then(|r| r.find('{'))
                    .map_or(span.start, |i| span.start + header_last + i),
                span.end,
            ),
        }
    }

    fn expr(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let Some(first) = inner.next() else {
            return missing_expr(span);
        };
        let mut lhs = self.term(first);
        if let Some(of) = inner.next_if(|p| p.as_rule() == Rule::of_ref) {
            lhs = self.of_ref(lhs, of);
        }
        let mut terms = 1;
        while let (Some(op), Some(rhs)) = (inner.next(), inner.next()) {
            terms += 1;
            if terms > MAX_TERMS {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::ExpressionTooLong,
                        format!("expression has more than {MAX_TERMS} terms"),
                        self.span(&rhs),
                        format!("term {} of the expression", MAX_TERMS + 1),
                    )
                    .with_related(Span::point(span.start), "the expression starts here")
                    .with_help("name part of it as a milestone and refer to that"),
                );
                return lhs;
            }
            let op = if op.as_rule() == Rule::add {
                BinOp::Add
            } else {
                BinOp::Sub
            };
            let mut rhs = self.term(rhs);
            if let Some(of) = inner.next_if(|p| p.as_rule() == Rule::of_ref) {
                rhs = self.of_ref(rhs, of);
            }
            let s = lhs.span.to(rhs.span);
            lhs = Expr {
                kind: ExprKind::Binary {
                    op,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
                span: s,
            };
        }
        lhs
    }

    /// Wrap a term in `of UPSTREAM`.
    fn of_ref(&mut self, inner: Expr, of: Pair<'_, Rule>) -> Expr {
        let of_span = self.span(&of);
        let upstream = of
            .into_inner()
            .find(|p| p.as_rule() == Rule::ident)
            .map_or_else(|| Spanned::new(String::new(), of_span), |p| self.text(&p));
        let span = inner.span.to(of_span);
        Expr {
            kind: ExprKind::Of {
                inner: Box::new(inner),
                upstream,
            },
            span,
        }
    }

    fn term(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::date => ExprKind::Date(pair.as_str().to_owned()),
            Rule::ident => ExprKind::Name(self.text(&pair)),
            Rule::duration => {
                let mut inner = pair.into_inner();
                match (inner.next(), inner.next()) {
                    (Some(a), Some(u)) => ExprKind::Duration {
                        amount: self.text(&a),
                        unit: self.text(&u),
                    },
                    _ => return missing_expr(span),
                }
            }
            Rule::paren => match pair.into_inner().next() {
                Some(e) => ExprKind::Paren(Box::new(self.expr(e))),
                None => return missing_expr(span),
            },
            Rule::call => {
                let mut inner = pair.into_inner();
                let func = inner
                    .next()
                    .map_or_else(|| Spanned::new(String::new(), span), |p| self.text(&p));
                let args = inner.map(|a| self.arg(a)).collect();
                ExprKind::Call { func, args }
            }
            _ => return missing_expr(span),
        };
        Expr { kind, span }
    }

    fn arg(&mut self, pair: Pair<'_, Rule>) -> Arg {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::selector => {
                let mut newer = Spanned::new(String::new(), span);
                let mut filter = None;
                let mut older = false;
                for p in pair.into_inner() {
                    match p.as_rule() {
                        Rule::kw_older => older = true,
                        Rule::int => newer = self.text(&p),
                        Rule::cond => filter = Some(self.cond(p)),
                        _ => {}
                    }
                }
                Arg::Selector {
                    older,
                    newer,
                    filter,
                    span,
                }
            }
            Rule::pattern => {
                let Some(p) = pair.into_inner().next() else {
                    return Arg::Expr(missing_expr(span));
                };
                let rule = p.as_rule();
                let parts: Vec<Spanned<String>> = p
                    .into_inner()
                    .filter(|q| q.as_rule() != Rule::kw_of)
                    .map(|q| self.text(&q))
                    .collect();
                let empty = || Spanned::new(String::new(), span);
                let kind = if rule == Rule::day_pattern {
                    let mut it = parts.into_iter();
                    PatternKind::Day {
                        name: it.next().unwrap_or_else(empty),
                        day: it.next().unwrap_or_else(empty),
                    }
                } else {
                    let mut it = parts.into_iter();
                    let ordinal = it.next().unwrap_or_else(empty);
                    let weekday = it.next().unwrap_or_else(empty);
                    PatternKind::Weekday {
                        ordinal,
                        weekday,
                        months: it.collect(),
                    }
                };
                Arg::Pattern(Pattern { kind, span })
            }
            _ => Arg::Expr(self.expr(pair)),
        }
    }

    fn cond(&mut self, pair: Pair<'_, Rule>) -> Cond {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut inner: Vec<Pair<'_, Rule>> = pair.into_inner().filter(|p| !is_keyword(p.as_rule())).collect();
        let kind = match rule {
            Rule::cond | Rule::cond_and => {
                if inner.len() == 1 {
                    if let Some(only) = inner.pop() {
                        return self.cond(only);
                    }
                }
                let parts = inner.into_iter().map(|p| self.cond(p)).collect();
                if rule == Rule::cond {
                    CondKind::Or(parts)
                } else {
                    CondKind::And(parts)
                }
            }
            Rule::cond_not => match inner.pop() {
                Some(p) => return self.cond(p),
                None => CondKind::And(Vec::new()),
            },
            Rule::negation => match inner.pop() {
                Some(p) => CondKind::Not(Box::new(self.cond(p))),
                None => CondKind::And(Vec::new()),
            },
            Rule::cond_paren => match inner.pop() {
                Some(p) => CondKind::Paren(Box::new(self.cond(p))),
                None => CondKind::And(Vec::new()),
            },
            Rule::is_test => {
                inner.reverse();
                let subject = self.next_text(&mut inner, span);
                let class = self.next_text(&mut inner, span);
                CondKind::Is { subject, class }
            }
            Rule::last_of => {
                inner.reverse();
                CondKind::LastOf(self.next_text(&mut inner, span))
            }
            Rule::same_test => {
                inner.reverse();
                CondKind::Same(self.next_text(&mut inner, span))
            }
            Rule::match_test => {
                inner.reverse();
                let subject = inner
                    .pop()
                    .map_or_else(|| missing_operand(span), |p| self.operand(p));
                let pattern = self.next_string(&mut inner, span);
                CondKind::Matches { subject, pattern }
            }
            Rule::flag => {
                inner.reverse();
                CondKind::Flag(self.next_text(&mut inner, span))
            }
            Rule::compare => {
                inner.reverse();
                let lhs = inner
                    .pop()
                    .map_or_else(|| missing_operand(span), |p| self.operand(p));
                let op = inner.pop().map_or(Spanned::new(CmpOp::Eq, span), |p| {
                    let op = match p.as_str() {
                        "!=" => CmpOp::Ne,
                        "<" => CmpOp::Lt,
                        "<=" => CmpOp::Le,
                        ">" => CmpOp::Gt,
                        ">=" => CmpOp::Ge,
                        _ => CmpOp::Eq,
                    };
                    Spanned::new(op, self.span(&p))
                });
                let rhs = inner
                    .pop()
                    .map_or_else(|| missing_operand(span), |p| self.operand(p));
                CondKind::Compare { lhs, op, rhs }
            }
            _ => CondKind::And(Vec::new()),
        };
        Cond { kind, span }
    }

    fn operand(&mut self, pair: Pair<'_, Rule>) -> Operand {
        let span = self.span(&pair);
        let Some(p) = pair.into_inner().next() else {
            return missing_operand(span);
        };
        let kind = match p.as_rule() {
            Rule::line_ref => OperandKind::Line,
            Rule::date => OperandKind::Date(p.as_str().to_owned()),
            Rule::version => OperandKind::Version(p.as_str().to_owned()),
            Rule::string => OperandKind::Text(self.string(p).node),
            Rule::arith => OperandKind::Arith(self.arith(p)),
            _ => OperandKind::Name(p.as_str().to_owned()),
        };
        Operand { kind, span }
    }

    /// `minor % 4 + 1`: terms and operators, folded with `*`, `/`, `%` first, then
    /// `+`, `-`, each from left to right.
    fn arith(&mut self, pair: Pair<'_, Rule>) -> Arith {
        let span = self.span(&pair);
        let mut terms: Vec<Arith> = Vec::new();
        let mut ops: Vec<ArithOp> = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::arith_op => ops.push(match p.as_str() {
                    "+" => ArithOp::Add,
                    "-" => ArithOp::Sub,
                    "*" => ArithOp::Mul,
                    "/" => ArithOp::Div,
                    _ => ArithOp::Rem,
                }),
                _ => terms.push(self.arith_term(p)),
            }
        }
        let mut terms = terms.into_iter();
        let Some(first) = terms.next() else {
            return Arith {
                kind: ArithKind::Number(String::new()),
                span,
            };
        };
        let bin = |op: ArithOp, lhs: Arith, rhs: Arith| Arith {
            span: lhs.span.to(rhs.span),
            kind: ArithKind::Binary {
                op,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
        };
        // Products first: a list of sums' terms, each with the operator before it.
        let mut sum: Vec<(Option<ArithOp>, Arith)> = vec![(None, first)];
        for (op, term) in ops.into_iter().zip(terms) {
            if op.binds_tighter() {
                if let Some((before, last)) = sum.pop() {
                    sum.push((before, bin(op, last, term)));
                }
            } else {
                sum.push((Some(op), term));
            }
        }
        let mut sum = sum.into_iter();
        let Some((_, mut acc)) = sum.next() else {
            return Arith {
                kind: ArithKind::Number(String::new()),
                span,
            };
        };
        for (op, term) in sum {
            acc = bin(op.unwrap_or(ArithOp::Add), acc, term);
        }
        acc
    }

    fn arith_term(&mut self, p: Pair<'_, Rule>) -> Arith {
        let span = self.span(&p);
        let kind = match p.as_rule() {
            Rule::ident => ArithKind::Name(self.text(&p)),
            Rule::arith_paren => match p.into_inner().next() {
                Some(inner) => ArithKind::Paren(Box::new(self.arith(inner))),
                None => ArithKind::Number(String::new()),
            },
            _ => ArithKind::Number(p.as_str().to_owned()),
        };
        Arith { kind, span }
    }
}

/// The length of `text` without trailing white space and trailing `# comments`.
fn trimmed_len(text: &str) -> usize {
    let mut t = text.trim_end();
    loop {
        let line_start = t.rfind('\n').map_or(0, |i| i + 1);
        let line = t.get(line_start..).unwrap_or("");
        match comment_start(line) {
            Some(c) => t = t.get(..line_start + c).unwrap_or(t).trim_end(),
            None => return t.len(),
        }
    }
}

/// Where a `#` comment starts on one line, outside strings.
fn comment_start(line: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '#' if !in_string => return Some(i),
            _ => {}
        }
    }
    None
}

/// `EXPR unless declared`, spanning both.
fn unless_declared(e: Expr, at: Span) -> Expr {
    let span = e.span.to(at);
    Expr {
        kind: ExprKind::UnlessDeclared(Box::new(e)),
        span,
    }
}

fn missing_expr(span: Span) -> Expr {
    Expr {
        kind: ExprKind::Date(String::new()),
        span,
    }
}

fn missing_operand(span: Span) -> Operand {
    Operand {
        kind: OperandKind::Text(String::new()),
        span,
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Keyword tokens, which the tree builder skips.
fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_allow
            | Rule::kw_builds
            | Rule::kw_and
            | Rule::kw_attribute
            | Rule::kw_because
            | Rule::kw_by
            | Rule::kw_cadence
            | Rule::kw_upstream
            | Rule::kw_source
            | Rule::kw_matching
            | Rule::kw_demand
            | Rule::kw_every
            | Rule::kw_from
            | Rule::kw_is
            | Rule::kw_line
            | Rule::kw_matches
            | Rule::kw_milestone
            | Rule::kw_newer
            | Rule::kw_not
            | Rule::kw_of
            | Rule::kw_older
            | Rule::kw_on
            | Rule::kw_or
            | Rule::kw_order
            | Rule::kw_override
            | Rule::kw_phase
            | Rule::kw_policy
            | Rule::kw_prerelease
            | Rule::kw_alias
            | Rule::kw_purl
            | Rule::kw_cpe
            | Rule::kw_announced
            | Rule::kw_superseded
            | Rule::kw_after
            | Rule::kw_provides
            | Rule::kw_role
            | Rule::kw_free
            | Rule::kw_same
            | Rule::kw_last
            | Rule::kw_service
            | Rule::kw_through
            | Rule::kw_until
            | Rule::kw_vendor
            | Rule::kw_versions
            | Rule::kw_when
            | Rule::kw_where
            | Rule::kw_unless
            | Rule::kw_declared
            | Rule::kw_declare
            | Rule::kw_extends
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::parse;

    /// Messages of the hardening issue: invisible characters were reported without
    /// their code point (`unexpected `​``), control characters as a space.
    #[test]
    fn invisible_characters_are_named_by_code_point() {
        for (c, said) in [
            ('\u{200b}', "character U+200B (invisible)"),
            ('\u{a0}', "character U+00A0 (a no-break space)"),
            ('\u{7}', "character U+0007 (a control character)"),
            (
                '\u{2003}',
                "character U+2003 (a space that is not the ASCII space)",
            ),
        ] {
            let text = format!("policy x \"X\" {{\n  line{c}major\n}}\n");
            let d = &parse(&text).diagnostics[0];
            assert_eq!(d.code, "eol::syntax");
            assert!(
                d.message.starts_with(&format!("unexpected {said}, expected")),
                "{}",
                d.message
            );
            assert_eq!(d.primary.span.text(&text), c.to_string());
        }
    }
}
