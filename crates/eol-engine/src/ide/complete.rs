//! Completion: keywords, the names a policy declares (own and inherited), built-in
//! date names and functions with their usage, units, and the attribute columns of
//! the product's catalog.

use crate::ide::symbols::{Resolution, SymbolKind};

/// A built-in date name or function, as completion and hover show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Builtin {
    pub name: &'static str,
    /// how to call it, in the words of the checker's help
    pub usage: &'static str,
    /// what it gives
    pub doc: &'static str,
    /// also a date on its own, without parentheses (`first_ship`)
    pub bare: bool,
}

/// Every built-in date name and function: the one accessor the editor support reads.
///
/// The names come from the checker's list ([`crate::check::FUNCTIONS`] and
/// [`crate::check::NAMES`]); usage and docs are the checker's help texts. When the
/// engine gains one table of built-ins (issue 12, item 1), this function reads it instead.
pub fn builtins() -> Vec<Builtin> {
    crate::check::FUNCTIONS
        .iter()
        .map(|&name| {
            let (usage, doc) = describe(name);
            Builtin {
                name,
                usage,
                doc,
                bare: crate::check::NAMES.contains(&name),
            }
        })
        .collect()
}

/// Whether `name` is a built-in date name or function.
pub fn is_builtin(name: &str) -> bool {
    crate::check::FUNCTIONS.contains(&name)
}

/// The built-in called `name`, if there is one.
pub fn builtin(name: &str) -> Option<Builtin> {
    builtins().into_iter().find(|b| b.name == name)
}

fn describe(name: &str) -> (&'static str, &'static str) {
    match name {
        "first_ship" => (
            "`first_ship`, `first_ship(newer N)`, `first_ship(older N)` or `first_ship(newer N where CONDITION)`",
            "the date of the line's first release (or of another line's)",
        ),
        "latest" => (
            "`latest`, `latest(newer N)` or `latest(older N)`",
            "the date of the line's newest release",
        ),
        "final" => (
            "`final`, `final(newer N)` or `final(older N)`",
            "the date of the release the catalog marks `final`; pending until there is one",
        ),
        "start" => ("`start(PHASE)` or `start(PHASE, older N)`", "the day a phase starts"),
        "end" => ("`end(PHASE)` or `end(PHASE, older N)`", "the day after a phase's last day"),
        "last_day" => ("`last_day(PHASE)` or `last_day(PHASE, older N)`", "a phase's last day"),
        "about" => (
            "`about(DATE)`, or `DATE + about(DURATION)`",
            "the date, marked estimated: the vendor says it is approximate",
        ),
        "min" => ("`min(DATE, DATE, ...)`", "the earliest of the dates"),
        "max" => ("`max(DATE, DATE, ...)`", "the latest of the dates"),
        "start_of_month" => ("`start_of_month(DATE)`", "the first day of the date's month"),
        "end_of_month" => ("`end_of_month(DATE)`", "the last day of the date's month"),
        "start_of_quarter" => ("`start_of_quarter(DATE)`", "the first day of the date's quarter"),
        "end_of_quarter" => ("`end_of_quarter(DATE)`", "the last day of the date's quarter"),
        "start_of_year" => ("`start_of_year(DATE)`", "January 1 of the date's year"),
        "end_of_year" => ("`end_of_year(DATE)`", "December 31 of the date's year"),
        "next" => (
            "`next(march 31, DATE)` or `next(2nd tuesday, DATE)`",
            "the first such calendar day on or after the date",
        ),
        "previous" => (
            "`previous(march 31, DATE)` or `previous(2nd tuesday, DATE)`",
            "the last such calendar day on or before the date",
        ),
        "in_year" => (
            "`in_year(march 31, DATE)` or `in_year(2nd tuesday, DATE)`",
            "that calendar day in the date's year",
        ),
        _ => ("", ""),
    }
}

/// Words that start items and statements or join expressions and conditions.
pub const KEYWORDS: [&str; 43] = [
    "policy",
    "extends",
    "vendor",
    "announced",
    "versions",
    "line",
    "order",
    "by",
    "attribute",
    "prerelease",
    "alias",
    "purl",
    "cpe",
    "source",
    "matching",
    "cadence",
    "every",
    "on",
    "demand",
    "service",
    "phase",
    "role",
    "from",
    "until",
    "through",
    "provides",
    "milestone",
    "when",
    "override",
    "declare",
    "because",
    "allow",
    "upstream",
    "newer",
    "older",
    "where",
    "is",
    "and",
    "or",
    "not",
    "of",
    "same",
    "unless",
];

/// What a completion item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompletionKind {
    Keyword,
    /// a built-in date name or function
    Builtin,
    /// a name the policy declares, of this kind
    Declared(SymbolKind),
    Unit,
    /// a column of the product's catalog that no `attribute` declares yet
    CatalogAttribute,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// one line beside the label (`phase "Premium Support"`, the usage of a function)
    pub detail: Option<String>,
    /// more text, Markdown
    pub documentation: Option<String>,
    /// what to insert when it differs from the label (a function with its parenthesis)
    pub insert: Option<String>,
    /// the order to offer items in: declared names first
    pub sort: String,
}

/// Completion items at byte `offset` of the file `resolution` was built from.
/// `catalog_attributes`: the attribute columns of the product's catalog rows.
pub fn complete(
    resolution: &Resolution,
    offset: usize,
    catalog_attributes: &[String],
) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    let policy = resolution.policy_at(offset);
    let visible = policy.map(|p| resolution.visible(p)).unwrap_or_default();
    for d in &visible {
        out.push(CompletionItem {
            label: d.name.clone(),
            kind: CompletionKind::Declared(d.kind),
            detail: Some(match &d.label {
                Some(l) => format!("{} \"{l}\"", d.kind.as_str()),
                None => d.kind.as_str().to_owned(),
            }),
            documentation: None,
            insert: None,
            sort: format!("0{}", d.name),
        });
    }
    for a in catalog_attributes {
        let declared = visible
            .iter()
            .any(|d| d.kind == SymbolKind::Attribute && d.name == *a);
        if !declared {
            out.push(CompletionItem {
                label: a.clone(),
                kind: CompletionKind::CatalogAttribute,
                detail: Some("catalog column".to_owned()),
                documentation: Some(format!(
                    "a column of the product's catalog; rules read it once declared: `attribute {a}`"
                )),
                insert: None,
                sort: format!("1{a}"),
            });
        }
    }
    for b in builtins() {
        out.push(CompletionItem {
            label: b.name.to_owned(),
            kind: CompletionKind::Builtin,
            detail: Some(b.usage.replace('`', "")),
            documentation: Some(format!("{}.\n\nUsage: {}", b.doc, b.usage)),
            insert: (!b.bare).then(|| format!("{}(", b.name)),
            sort: format!("2{}", b.name),
        });
    }
    for u in crate::check::UNITS {
        out.push(CompletionItem {
            label: u.to_owned(),
            kind: CompletionKind::Unit,
            detail: Some("unit".to_owned()),
            documentation: None,
            insert: None,
            sort: format!("3{u}"),
        });
    }
    for k in KEYWORDS {
        out.push(CompletionItem {
            label: k.to_owned(),
            kind: CompletionKind::Keyword,
            detail: Some("keyword".to_owned()),
            documentation: None,
            insert: None,
            sort: format!("4{k}"),
        });
    }
    out
}
