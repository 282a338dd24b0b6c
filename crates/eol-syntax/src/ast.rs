//! The syntax tree. Every node carries its span; spans never take part in equality.
//!
//! Numbers and dates keep their source text: the parser accepts any digits and the
//! checker decides whether they are in range, so `10000000000000 years` is a checker
//! diagnostic with a precise span rather than a parse failure.

use crate::span::{Span, Spanned};

/// `PartialEq` for a node that compares every field but the listed span fields.
/// The pattern is exhaustive, so a field added later cannot silently drop out of
/// equality: it has to be listed on one side or the other.
macro_rules! eq_ignoring_spans {
    ($ty:ident { $($field:ident),* ; $($span:ident),* }) => {
        impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                let $ty { $($field,)* $($span: _,)* } = self;
                true $(&& *$field == other.$field)*
            }
        }
    };
}

pub type Ident = Spanned<String>;
pub type Text = Spanned<String>;

/// A parsed rule file: its policies, in order, and its comments.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct File {
    pub policies: Vec<Policy>,
    pub comments: Vec<Comment>,
}

/// `# ...` up to the end of the line. `span` covers the `#` and the text.
/// Like every node, equal when the text is equal wherever it sits.
#[derive(Clone, Debug)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}

/// A display name and its translations: `"Premium Support" de "Premium-Support"`.
#[derive(Clone, Debug)]
pub struct Label {
    pub text: Text,
    pub translations: Vec<(Ident, Text)>,
    pub span: Span,
}

#[derive(Clone)]
pub struct Policy {
    pub id: Ident,
    pub label: Option<Label>,
    /// `extends BASE`: the policy this one builds on
    pub extends: Option<Ident>,
    pub items: Vec<Item>,
    pub span: Span,
}

/// As derived, but `extends` only when given, so the trees of policies without it print
/// as they always have (the syntax snapshots hold them).
impl std::fmt::Debug for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Policy");
        d.field("id", &self.id).field("label", &self.label);
        if let Some(base) = &self.extends {
            d.field("extends", base);
        }
        d.field("items", &self.items).field("span", &self.span).finish()
    }
}

/// What a `Names` item lists: other names of the product, or package identifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    Alias,
    Purl,
    Cpe,
}

impl NameKind {
    pub fn keyword(self) -> &'static str {
        match self {
            NameKind::Alias => "alias",
            NameKind::Purl => "purl",
            NameKind::Cpe => "cpe",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Item {
    pub kind: ItemKind,
    pub span: Span,
}

/// A date given for one line, what `override` and `declare` both say:
/// `line LINE TARGET[.FIELD] = VALUE because REASON`.
#[derive(Clone, Debug, PartialEq)]
pub struct LineDate {
    pub line: Text,
    pub target: Ident,
    pub field: Option<Ident>,
    pub value: Expr,
    pub reason: Text,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    /// `vendor "Liferay"`
    Vendor(Text),
    /// `announced "Samsung sets each model's update period at launch"`
    Announced(Text),
    /// `versions "major.minor.patch"`
    Versions(Text),
    /// `line major.minor`
    Line(Vec<Ident>),
    /// `order lines by first_ship`
    Order {
        what: Ident,
        key: Ident,
    },
    /// `attribute lts` / `attribute edition: text`
    Attribute {
        name: Ident,
        ty: Option<Ident>,
    },
    /// `prerelease "rc", "beta"`
    Prerelease(Vec<Text>),
    /// `alias "node", "node.js"`, `purl "pkg:npm/next"`, `cpe "cpe:2.3:a:nodejs:node.js"`
    Names {
        kind: NameKind,
        values: Vec<Text>,
    },
    /// `alias line 12 "bookworm"`: other names of one release line (a codename, a
    /// marketing year), which a version typed as one of them finds
    LineAlias {
        line: Text,
        names: Vec<Text>,
    },
    /// `builds line 13.0-sp3 from "13.0.6300.2"`: the first build of one release line, for
    /// lines that share their leading components (a release and its service packs) and are
    /// told apart by build number
    LineBuilds {
        line: Text,
        from: Text,
    },
    /// `cadence line every 12 months` / `cadence security on demand`
    Cadence {
        kind: Ident,
        every: Option<Expr>,
    },
    /// `service support "24x7 support"`
    Service {
        id: Ident,
        label: Option<Label>,
    },
    Phase(Phase),
    /// `milestone last_ship "Last Ship Date" = first_ship + 2 years`
    Milestone {
        id: Ident,
        label: Option<Label>,
        value: Expr,
    },
    /// `when major is even { ... }`
    When {
        cond: Cond,
        items: Vec<Item>,
    },
    /// `override line 16 maintenance.end = 2023-09-11 because "..."`
    Override(LineDate),
    /// `allow gaps` / `allow overlaps`
    Allow(Ident),
    /// `declare line 3.2 security.end = 2024-06-30 because "announced ..."`: a date the
    /// vendor announced, for a rule that says `unless declared`
    Declare(LineDate),
    /// `upstream jdk = openjdk-builds-from-oracle line "5" = "12"`
    Upstream {
        alias: Ident,
        /// the upstream product id; the alias when absent
        product: Option<Ident>,
        /// (this policy's line, the upstream line), for lines whose names differ
        lines: Vec<(Text, Text)>,
    },
    /// `superseded by newer minor`, `superseded 3 months after newer minor`: only the newest
    /// release of a unit finer than the line (a minor version of a major line) is supported
    Superseded {
        /// the grace period after the newer release ships (`3 months after`)
        grace: Option<Expr>,
        /// the version component whose newer value supersedes (`minor`)
        unit: Ident,
    },
    /// `source github-releases "nodejs/node" matching "v{version}" where major >= 18`
    Source {
        kind: Ident,
        location: Text,
        /// `matching "v{version}"`: which tags or versions, and where the version is in them
        pattern: Option<Text>,
        /// `where COND`: only lines that satisfy it (version conditions)
        filter: Option<Cond>,
    },
}

#[derive(Clone)]
pub struct Phase {
    pub id: Ident,
    pub label: Option<Label>,
    /// the first role after `role`
    pub role: Option<Ident>,
    /// the roles after it: `role active, security` gives `security` here
    pub more_roles: Vec<Ident>,
    /// `free` after the roles (`role extended free`): extended support that needs no contract
    pub free: Option<Ident>,
    pub stmts: Vec<PhaseStmt>,
    /// The span of `{ ... }`.
    pub body: Span,
}

/// As derived, but `more_roles` only when there are some and `free` only when given, so the
/// trees of phases with one role print as they always have (the syntax snapshots hold them).
impl std::fmt::Debug for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Phase");
        d.field("id", &self.id)
            .field("label", &self.label)
            .field("role", &self.role);
        if !self.more_roles.is_empty() {
            d.field("more_roles", &self.more_roles);
        }
        if let Some(free) = &self.free {
            d.field("free", free);
        }
        d.field("stmts", &self.stmts).field("body", &self.body).finish()
    }
}

#[derive(Clone, Debug)]
pub struct PhaseStmt {
    pub kind: PhaseStmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PhaseStmtKind {
    From(Expr),
    Until(Expr),
    /// `through DATE`: the last day of the phase
    Through(Expr),
    Provides(Vec<Ident>),
    /// `allow gaps` / `allow overlaps` inside a phase: this phase may start apart
    /// from where the phase before it ends
    Allow(Ident),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
}

impl BinOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `2023-09-11`, as written.
    Date(String),
    /// `4 years`: amount as written, unit name. The amount is digits, or the name of a
    /// `number` attribute whose value for each line is the amount (`term years`).
    Duration {
        amount: Text,
        unit: Ident,
    },
    /// `first_ship`, `latest`, a milestone.
    Name(Ident),
    /// `end(premium)`, `max(a, b)`, `first_ship(newer 2)`.
    Call {
        func: Ident,
        args: Vec<Arg>,
    },
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Paren(Box<Expr>),
    /// `end(lts) of debian`: a date read from a declared upstream product.
    Of {
        inner: Box<Expr>,
        upstream: Ident,
    },
    /// `first_ship(newer 2) unless declared`: the rule, unless a `declare` item gives
    /// the line's announced date (only as the whole of a `from`, `until`, `through` or
    /// milestone).
    UnlessDeclared(Box<Expr>),
}

#[derive(Clone, Debug)]
pub enum Arg {
    Expr(Expr),
    Pattern(Pattern),
    /// `newer 2 where lts`, `older 1`
    Selector {
        /// `true` for `older`
        older: bool,
        newer: Text,
        filter: Option<Cond>,
        span: Span,
    },
}

impl Arg {
    pub fn span(&self) -> Span {
        match self {
            Arg::Expr(e) => e.span,
            Arg::Pattern(p) => p.span,
            Arg::Selector { span, .. } => *span,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Pattern {
    pub kind: PatternKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PatternKind {
    /// `march 31` or `day 28`: a name and a number.
    Day { name: Ident, day: Text },
    /// `2nd tuesday`, `last day`, `2nd thursday of feb may aug nov`.
    Weekday {
        ordinal: Text,
        weekday: Ident,
        months: Vec<Ident>,
    },
}

#[derive(Clone, Debug)]
pub struct Cond {
    pub kind: CondKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CondKind {
    Or(Vec<Cond>),
    And(Vec<Cond>),
    Not(Box<Cond>),
    /// `major is even`
    Is {
        subject: Ident,
        class: Ident,
    },
    /// `line >= 8.2`, `minor == 4`, `edition == "enterprise"`
    Compare {
        lhs: Operand,
        op: Spanned<CmpOp>,
        rhs: Operand,
    },
    /// `lts`: a boolean attribute.
    Flag(Ident),
    /// `same major`: (in a selector) the other line shares this line's component.
    Same(Ident),
    /// `last of major`: no newer line shares this line's major, and a newer line exists.
    LastOf(Ident),
    /// `line matches "*-e"`: a glob against the line name or a text attribute.
    Matches {
        subject: Operand,
        pattern: Text,
    },
    Paren(Box<Cond>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Operand {
    pub kind: OperandKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum OperandKind {
    /// the keyword `line`: the line's version
    Line,
    /// a component or attribute name
    Name(String),
    /// `8.2`, `16`, `2024.Q1`
    Version(String),
    /// `"enterprise"`
    Text(String),
    /// `2024-01-01`
    Date(String),
    /// `minor % 4`: whole-number arithmetic on version components
    Arith(Arith),
}

/// `(minor - 1) % 4`: an arithmetic expression over version components and whole
/// numbers, with the precedence already applied (`*`, `/`, `%` before `+`, `-`).
#[derive(Clone, Debug)]
pub struct Arith {
    pub kind: ArithKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ArithKind {
    /// a whole number, as written
    Number(String),
    /// a version component
    Name(Ident),
    Binary {
        op: ArithOp,
        lhs: Box<Arith>,
        rhs: Box<Arith>,
    },
    Paren(Box<Arith>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

impl ArithOp {
    pub fn as_str(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
            ArithOp::Div => "/",
            ArithOp::Rem => "%",
        }
    }

    /// `*`, `/` and `%` bind tighter than `+` and `-`.
    pub fn binds_tighter(self) -> bool {
        matches!(self, ArithOp::Mul | ArithOp::Div | ArithOp::Rem)
    }
}

eq_ignoring_spans!(Comment { text; span });
eq_ignoring_spans!(Label { text, translations; span });
eq_ignoring_spans!(Policy { id, label, extends, items; span });
eq_ignoring_spans!(Item { kind; span });
eq_ignoring_spans!(Phase { id, label, role, more_roles, free, stmts; body });
eq_ignoring_spans!(PhaseStmt { kind; span });
eq_ignoring_spans!(Expr { kind; span });
eq_ignoring_spans!(Pattern { kind; span });
eq_ignoring_spans!(Cond { kind; span });
eq_ignoring_spans!(Operand { kind; span });
eq_ignoring_spans!(Arith { kind; span });

impl PartialEq for Arg {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Arg::Expr(a), Arg::Expr(b)) => a == b,
            (Arg::Pattern(a), Arg::Pattern(b)) => a == b,
            (
                Arg::Selector {
                    older: o1,
                    newer: n1,
                    filter: f1,
                    span: _,
                },
                Arg::Selector {
                    older: o2,
                    newer: n2,
                    filter: f2,
                    span: _,
                },
            ) => o1 == o2 && n1 == n2 && f1 == f2,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::parse;

    #[test]
    fn equality_ignores_spans() {
        let a = parse("policy x \"X\" { vendor \"a\" phase p { from first_ship + 1 day } } # c").file;
        let b = parse(
            "# \n\npolicy  x\n\"X\" {\n  vendor \"a\"\n  phase p {\n    from first_ship+1 day\n  }\n}\n  # c",
        )
        .file;
        assert_eq!(a.policies, b.policies);
        assert_eq!(a.comments.last(), b.comments.last());
        let c = parse("policy x \"X\" { vendor \"b\" }").file;
        assert_ne!(a.policies, c.policies);
    }
}
