//! Every leaf token of a rule file with its kind, read off the pest parse tree: what
//! a highlighter colours, and how. The TextMate grammar in `editors/` is tested
//! against this list token by token (`tests/tests/highlighting.rs`).
//!
//! Kinds are syntactic: they say which slot of the grammar a token fills (`4 years`:
//! a number and a unit; `phase premium`: a keyword and a declared name), not whether
//! the name resolves; the checker decides that. Names of built-ins (`first_ship`,
//! `end_of_month`) are [`TokenKind::Name`] and [`TokenKind::Function`] here; the
//! engine's tables tell them apart from declared names.

use pest::iterators::Pair;
use pest::Parser as _;

use crate::parser::{nesting_problem, scan_comments, split_chunks, EolParser, Rule};
use crate::span::Span;

/// One token: its byte span and kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// What a token is, by the slot of the grammar it fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenKind {
    /// `# ...` to the end of the line.
    Comment,
    /// A reserved word (`phase`, `until`, `newer`), or `alias`, `purl`, `cpe`,
    /// `announced`, `superseded` where they start an item (and `after` in `superseded`).
    Keyword,
    /// `"..."`, quotes and escapes included.
    String,
    /// `2023-09-11`.
    Date,
    /// A whole number: `4` in `4 years`, `2` in `newer 2`, `31` in `march 31`.
    Number,
    /// A version or line name: `8.2` in `line >= 8.2`, `16` in `override line 16`.
    Version,
    /// `2nd`, `last` in a calendar day pattern.
    Ordinal,
    /// `+`, `-`, `==`, `<=`, ..., and `=`.
    Operator,
    /// `{`, `}`, `(`, `)`, `,`, `:`, `.`.
    Punctuation,
    /// The name an item declares (`premium` in `phase premium`).
    Declaration(Declared),
    /// A name that refers to something: a phase, service, milestone, attribute, version
    /// component, upstream, release kind, or a built-in date (`first_ship`).
    Name,
    /// The name before `(` in a call: a built-in function or a date attribute.
    Function,
    /// A duration's unit (`years` in `4 years`), and `day` in `day 28` and `last day`.
    Unit,
    /// A month in a calendar day pattern (`march` in `march 31`, `feb` in `of feb may`).
    Month,
    /// A weekday in a calendar day pattern (`tuesday` in `2nd tuesday`).
    Weekday,
    /// After `role`: `active`, `security`, `extended`.
    Role,
    /// An attribute's type after `:` (`date` in `attribute lts_from: date`).
    Type,
    /// A translation's language code (`de` in `"Support" de "Unterstützung"`).
    Language,
    /// After `allow`: `gaps`, `overlaps`.
    Allowance,
    /// After `is`: `even`, `odd`.
    Class,
}

/// What a [`TokenKind::Declaration`] declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Declared {
    /// The product id after `policy`.
    Policy,
    Phase,
    Service,
    Milestone,
    Attribute,
    /// The alias after `upstream`.
    Upstream,
}

impl TokenKind {
    /// A stable lowercase name: `keyword`, `declaration.phase`, ...
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Comment => "comment",
            TokenKind::Keyword => "keyword",
            TokenKind::String => "string",
            TokenKind::Date => "date",
            TokenKind::Number => "number",
            TokenKind::Version => "version",
            TokenKind::Ordinal => "ordinal",
            TokenKind::Operator => "operator",
            TokenKind::Punctuation => "punctuation",
            TokenKind::Declaration(Declared::Policy) => "declaration.policy",
            TokenKind::Declaration(Declared::Phase) => "declaration.phase",
            TokenKind::Declaration(Declared::Service) => "declaration.service",
            TokenKind::Declaration(Declared::Milestone) => "declaration.milestone",
            TokenKind::Declaration(Declared::Attribute) => "declaration.attribute",
            TokenKind::Declaration(Declared::Upstream) => "declaration.upstream",
            TokenKind::Name => "name",
            TokenKind::Function => "function",
            TokenKind::Unit => "unit",
            TokenKind::Month => "month",
            TokenKind::Weekday => "weekday",
            TokenKind::Role => "role",
            TokenKind::Type => "type",
            TokenKind::Language => "language",
            TokenKind::Allowance => "allowance",
            TokenKind::Class => "class",
        }
    }
}

/// Every token of `source` in source order: the leaves of the parse tree of each
/// policy, the punctuation between them, and every comment. A policy that does not
/// parse contributes its comments only (the parser reports why); white space is no
/// token.
pub fn tokens(source: &str) -> Vec<Token> {
    let mut out: Vec<Token> = scan_comments(source)
        .into_iter()
        .map(|c| Token {
            span: c.span,
            kind: TokenKind::Comment,
        })
        .collect();
    for chunk in split_chunks(source) {
        let text = chunk.span.text(source);
        if nesting_problem(text, chunk.span.start).is_some() {
            continue;
        }
        let Ok(pairs) = EolParser::parse(Rule::policy_entry, text) else {
            continue;
        };
        let mut walker = Walker {
            text,
            offset: chunk.span.start,
            out: &mut out,
        };
        for pair in pairs.filter(|p| p.as_rule() == Rule::policy) {
            walker.node(pair);
        }
    }
    out.sort_by_key(|t| (t.span.start, t.span.end));
    out
}

struct Walker<'a, 'o> {
    text: &'a str,
    offset: usize,
    out: &'o mut Vec<Token>,
}

impl<'a> Walker<'a, '_> {
    /// A node that is not a leaf: its children, and the punctuation between them.
    /// Nesting is bounded: chunks nested deeper than the parser allows are skipped.
    fn node(&mut self, pair: Pair<'a, Rule>) {
        let parent = pair.as_rule();
        let span = pair.as_span();
        let mut at = span.start();
        let mut idents = 0usize;
        let mut after_of = false;
        for child in pair.into_inner() {
            let child_span = child.as_span();
            self.punctuation(at, child_span.start());
            at = child_span.end();
            let rule = child.as_rule();
            if let Some(kind) = leaf(rule) {
                let kind = match kind {
                    Leaf::Ident => {
                        idents += 1;
                        ident(parent, idents, after_of, child.as_str())
                    }
                    Leaf::ProductId => match parent {
                        Rule::policy => TokenKind::Declaration(Declared::Policy),
                        _ => TokenKind::Name,
                    },
                    Leaf::Kind(kind) => kind,
                };
                after_of |= rule == Rule::kw_of;
                self.push(child_span.start(), child_span.end(), kind);
            } else {
                self.node(child);
            }
        }
        self.punctuation(at, span.end());
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        self.out.push(Token {
            span: Span::new(start + self.offset, end + self.offset),
            kind,
        });
    }

    /// The literal text between two children: white space, comments (already listed)
    /// and punctuation, one token per character (`=` and the brackets are one byte each).
    fn punctuation(&mut self, start: usize, end: usize) {
        let Some(gap) = self.text.get(start..end) else {
            return;
        };
        let mut in_comment = false;
        for (i, c) in gap.char_indices() {
            if in_comment {
                in_comment = c != '\n';
                continue;
            }
            match c {
                '#' => in_comment = true,
                ' ' | '\t' | '\r' | '\n' | '\u{feff}' => {}
                '=' => self.push(start + i, start + i + 1, TokenKind::Operator),
                _ => self.push(start + i, start + i + c.len_utf8(), TokenKind::Punctuation),
            }
        }
    }
}

enum Leaf {
    Ident,
    ProductId,
    Kind(TokenKind),
}

/// Whether a rule is a leaf token, and which.
fn leaf(rule: Rule) -> Option<Leaf> {
    let kind = match rule {
        Rule::ident => return Some(Leaf::Ident),
        Rule::product_id => return Some(Leaf::ProductId),
        Rule::string => TokenKind::String,
        Rule::date => TokenKind::Date,
        Rule::int => TokenKind::Number,
        // `years` in `term years` (`4 years` has a name for its unit, below)
        Rule::unit_word => TokenKind::Unit,
        Rule::version => TokenKind::Version,
        Rule::ordinal => TokenKind::Ordinal,
        Rule::add | Rule::sub | Rule::cmp_op | Rule::arith_op => TokenKind::Operator,
        // `github` in `source github "owner/repo"`
        Rule::source_kind => TokenKind::Name,
        Rule::kw_policy
        | Rule::kw_vendor
        | Rule::kw_versions
        | Rule::kw_line
        | Rule::kw_order
        | Rule::kw_by
        | Rule::kw_attribute
        | Rule::kw_prerelease
        | Rule::kw_alias
        | Rule::kw_builds
        | Rule::kw_purl
        | Rule::kw_cpe
        | Rule::kw_announced
        | Rule::kw_cadence
        | Rule::kw_every
        | Rule::kw_on
        | Rule::kw_demand
        | Rule::kw_service
        | Rule::kw_phase
        | Rule::kw_role
        | Rule::kw_from
        | Rule::kw_until
        | Rule::kw_through
        | Rule::kw_provides
        | Rule::kw_milestone
        | Rule::kw_when
        | Rule::kw_override
        | Rule::kw_because
        | Rule::kw_allow
        | Rule::kw_newer
        | Rule::kw_where
        | Rule::kw_is
        | Rule::kw_and
        | Rule::kw_or
        | Rule::kw_not
        | Rule::kw_of
        | Rule::kw_matches
        | Rule::kw_older
        | Rule::kw_same
        | Rule::kw_last
        | Rule::kw_upstream
        | Rule::kw_extends
        | Rule::kw_unless
        | Rule::kw_declared
        | Rule::kw_declare
        | Rule::kw_source
        | Rule::kw_superseded
        | Rule::kw_after
        | Rule::kw_free
        | Rule::kw_matching => TokenKind::Keyword,
        _ => return None,
    };
    Some(Leaf::Kind(kind))
}

/// The kind of the `nth` (1-based) name in a node of rule `parent`; `after_of` says
/// whether `of` came before it (the months of `2nd thursday of feb may`).
fn ident(parent: Rule, nth: usize, after_of: bool, text: &str) -> TokenKind {
    match (parent, nth) {
        (Rule::phase_item, _) => TokenKind::Declaration(Declared::Phase),
        (Rule::service_item, _) => TokenKind::Declaration(Declared::Service),
        (Rule::milestone_item, _) => TokenKind::Declaration(Declared::Milestone),
        (Rule::upstream_item, _) => TokenKind::Declaration(Declared::Upstream),
        (Rule::attribute_item, 1) => TokenKind::Declaration(Declared::Attribute),
        (Rule::attribute_item, _) => TokenKind::Type,
        (Rule::role, _) => TokenKind::Role,
        (Rule::allow_item, _) => TokenKind::Allowance,
        (Rule::translation, _) => TokenKind::Language,
        (Rule::call, 1) => TokenKind::Function,
        (Rule::duration, _) => TokenKind::Unit,
        (Rule::is_test, 2) => TokenKind::Class,
        (Rule::day_pattern | Rule::weekday_pattern, _) if text == "day" && !after_of => TokenKind::Unit,
        (Rule::day_pattern, _) => TokenKind::Month,
        (Rule::weekday_pattern, _) if after_of => TokenKind::Month,
        (Rule::weekday_pattern, _) => TokenKind::Weekday,
        _ => TokenKind::Name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<(String, &'static str)> {
        tokens(source)
            .into_iter()
            .map(|t| (t.span.text(source).to_owned(), t.kind.name()))
            .collect()
    }

    fn shown(source: &str) -> String {
        kinds(source)
            .into_iter()
            .map(|(text, kind)| format!("{text}:{kind}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn every_slot() {
        let source = "# c\npolicy a-b \"A\" de \"B\" {\n  attribute announced: date\n  \
                      phase p role active { from first_ship until next(2nd tuesday of feb mar, \
                      end(p) + 4 years) }\n  when major is even and line >= 8.2 { allow gaps }\n  \
                      override line 16 p.end = 2023-09-11 because \"x\"\n}\n";
        insta::assert_snapshot!(shown(source), @r###"# c:comment policy:keyword a-b:declaration.policy "A":string de:language "B":string {:punctuation attribute:keyword announced:declaration.attribute ::punctuation date:type phase:keyword p:declaration.phase role:keyword active:role {:punctuation from:keyword first_ship:name until:keyword next:function (:punctuation 2nd:ordinal tuesday:weekday of:keyword feb:month mar:month ,:punctuation end:function (:punctuation p:name ):punctuation +:operator 4:number years:unit ):punctuation }:punctuation when:keyword major:name is:keyword even:class and:keyword line:keyword >=:operator 8.2:version {:punctuation allow:keyword gaps:allowance }:punctuation override:keyword line:keyword 16:version p:name .:punctuation end:name =:operator 2023-09-11:date because:keyword "x":string }:punctuation"###);
    }

    #[test]
    fn calendar_days_and_upstreams() {
        let source = "policy a { upstream debian = debian-lts line \"5\" = 12 milestone m = \
                      max(next(day 28, x), next(last day, y), next(march 31, z)) of debian }";
        insta::assert_snapshot!(shown(source), @r###"policy:keyword a:declaration.policy {:punctuation upstream:keyword debian:declaration.upstream =:operator debian-lts:name line:keyword "5":string =:operator 12:version milestone:keyword m:declaration.milestone =:operator max:function (:punctuation next:function (:punctuation day:unit 28:number ,:punctuation x:name ):punctuation ,:punctuation next:function (:punctuation last:ordinal day:unit ,:punctuation y:name ):punctuation ,:punctuation next:function (:punctuation march:month 31:number ,:punctuation z:name ):punctuation ):punctuation of:keyword debian:name }:punctuation"###);
    }

    #[test]
    fn extends_declare_arithmetic_roles_and_sources() {
        let source = "policy a {}\npolicy b extends a { phase p role security, extended { from first_ship \
                      until first_ship + 1 year unless declared }\n  when (minor - 1) % 4 == 0 { }\n  \
                      declare line 1 p.end = 2020-01-01 because \"x\"\n  source github \"o/r\" matching \"v*\" }";
        insta::assert_snapshot!(shown(source), @r###"policy:keyword a:declaration.policy {:punctuation }:punctuation policy:keyword b:declaration.policy extends:keyword a:name {:punctuation phase:keyword p:declaration.phase role:keyword security:role ,:punctuation extended:role {:punctuation from:keyword first_ship:name until:keyword first_ship:name +:operator 1:number year:unit unless:keyword declared:keyword }:punctuation when:keyword (:punctuation minor:name -:operator 1:number ):punctuation %:operator 4:number ==:operator 0:version {:punctuation }:punctuation declare:keyword line:keyword 1:version p:name .:punctuation end:name =:operator 2020-01-01:date because:keyword "x":string source:keyword github:name "o/r":string matching:keyword "v*":string }:punctuation"###);
    }

    #[test]
    fn a_broken_policy_keeps_its_comments_and_the_next_policy() {
        let source = "policy a { phase # c\n }\npolicy b { line major }";
        insta::assert_snapshot!(shown(source), @r###"# c:comment policy:keyword b:declaration.policy {:punctuation line:keyword major:name }:punctuation"###);
    }

    #[test]
    fn comments_inside_a_node_are_not_punctuation() {
        let source = "policy a {\n  phase p # a { brace\n  {\n    from first_ship + # (\n      1 day\n  }\n}";
        let got = kinds(source);
        assert!(got
            .iter()
            .all(|(text, kind)| *kind != "punctuation" || text.len() == 1));
        assert_eq!(got.iter().filter(|(_, k)| *k == "punctuation").count(), 4);
    }
}
