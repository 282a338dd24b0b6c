//! Completion: keywords, the names a policy declares (own and inherited), built-in
//! date names and functions with their usage, units, and the attribute columns of
//! the product's catalog.

use crate::ide::symbols::{Resolution, SymbolKind};

/// A built-in date name or function, as completion and hover show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Builtin {
    pub name: &'static str,
    /// how to call it: the forms the language reference gives, in backticks
    pub usage: String,
    /// what it gives
    pub doc: &'static str,
    /// also a date on its own, without parentheses (`first_ship`)
    pub bare: bool,
}

/// Every built-in date name and function: the one accessor the editor support reads,
/// over the engine's table of built-ins ([`crate::builtins`]).
pub fn builtins() -> Vec<Builtin> {
    crate::builtins::builtins()
        .iter()
        .map(|b| Builtin {
            name: b.name,
            usage: b
                .forms
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", "),
            doc: b.doc,
            bare: crate::check::NAMES.contains(&b.name),
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
