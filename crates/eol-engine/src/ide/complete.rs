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
        .chain(crate::builtins::BARE_NAMES.iter().map(|b| Builtin {
            name: b.name,
            usage: format!("`{}`", b.name),
            doc: b.doc,
            bare: true,
        }))
        .collect()
}

/// Whether `name` is a built-in date name or function.
pub fn is_builtin(name: &str) -> bool {
    crate::check::FUNCTIONS.contains(&name) || crate::check::NAMES.contains(&name)
}

/// The built-in called `name`, if there is one.
pub fn builtin(name: &str) -> Option<Builtin> {
    builtins().into_iter().find(|b| b.name == name)
}

/// Words that start items and statements or join expressions and conditions.
pub const KEYWORDS: [&str; 46] = [
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
    "builds",
    "purl",
    "cpe",
    "superseded",
    "after",
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
    /// a release line of the product's catalog (after `override line`, `alias line`,
    /// `builds line`)
    Line,
    /// one of the words the language fixes after a keyword: a source kind after `source`,
    /// a cadence kind after `cadence`, a role after `role`, an order after `order lines by`
    Choice,
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
    /// the text the item replaces, when it is more than the word at the cursor (a line
    /// name typed so far, with its quote): the insert (or label) replaces that range
    pub range: Option<super::Range>,
    /// the text the editor filters with, when it differs from the label (`"11-23h2-w`
    /// after a quote typed)
    pub filter: Option<String>,
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
            range: None,
            filter: None,
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
                range: None,
                filter: None,
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
            range: None,
            filter: None,
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
            range: None,
            filter: None,
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
            range: None,
            filter: None,
        });
    }
    out
}

/// The keywords after which only fixed words may come, and those words with what each
/// means (`source` kinds, `cadence` kinds, `role`s, `order lines by` keys).
fn choices(keyword: &str) -> Vec<(&'static str, String)> {
    match keyword {
        "source" => crate::sources::SourceKind::ALL
            .iter()
            .map(|k| {
                (
                    k.name(),
                    format!("release source; location: {}", k.location_example()),
                )
            })
            .collect(),
        "cadence" => crate::check::CADENCE_KINDS
            .iter()
            .map(|k| {
                let what = if *k == "line" {
                    "cadence of new release lines (projections count with it)".to_owned()
                } else {
                    format!("cadence of {} releases", k.replace('_', " "))
                };
                (*k, what)
            })
            .collect(),
        "role" => crate::model::Role::NAMES
            .iter()
            .map(|r| {
                let column = match *r {
                    "active" => "active support: endoflife.date `eoas`",
                    "security" => "security support: endoflife.date `eol`",
                    _ => "extended, usually paid support: endoflife.date `eoes` (`role extended free` when it needs no contract)",
                };
                (*r, column.to_owned())
            })
            .collect(),
        "free" => vec![(
            "free",
            "extended support that needs no contract or subscription: counts towards end of life by default".to_owned(),
        )],
        "by" => crate::check::ORDER_KEYS
            .iter()
            .map(|k| {
                let what = match *k {
                    "version" => "lines in version order (the default)",
                    "first_ship" => "lines in the order they first shipped",
                    _ => "lines by number: numbers missing between lines count as lines",
                };
                (*k, what.to_owned())
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Where one of the language's fixed words is being typed: the keyword it follows
/// (`source`, `cadence`, `role`, or `by` of `order lines by`) and the part of the word
/// typed so far. A role may follow other roles (`role active, sec`), and `free` may follow
/// `role extended` (reported as the keyword `free`). Nothing inside a comment or a string.
pub fn choice_context(text: &str, offset: usize) -> Option<(&'static str, &str)> {
    let before = text.get(..offset)?;
    let line = before.rsplit('\n').next()?;
    if line.contains('#') || line.matches('"').count() % 2 == 1 {
        return None;
    }
    let typed_start = line
        .rfind(|c: char| c.is_whitespace() || c == ',')
        .map_or(0, |i| i + 1);
    let typed = line.get(typed_start..)?;
    if !typed
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    let head = line.get(..typed_start)?.trim_end();
    let words: Vec<&str> = head.split_whitespace().collect();
    match words.as_slice() {
        [.., "order", "lines", "by"] if head.ends_with("by") => Some(("by", typed)),
        [first, _rest @ ..] if matches!(*first, "source" | "cadence") => {
            let keyword = if *first == "source" { "source" } else { "cadence" };
            // the word right after the keyword, nothing else before it
            (words.len() == 1 && !head.ends_with(',')).then_some((keyword, typed))
        }
        _ => {
            // `role` and the roles named after it so far, each followed by a comma
            let at = words.iter().rposition(|w| *w == "role")?;
            let after = words.get(at + 1..)?;
            // `role extended f`: after roles that are all `extended`, `free` may follow
            if let [roles @ .., last] = after {
                let extended = |w: &str| w == "extended";
                if extended(last) && roles.iter().all(|w| w.strip_suffix(',').is_some_and(extended)) {
                    return Some(("free", typed));
                }
            }
            let listed = after.iter().all(|w| {
                w.strip_suffix(',')
                    .is_some_and(|r| crate::model::Role::NAMES.contains(&r))
            });
            let joined = after.is_empty() || head.ends_with(',');
            (listed && joined).then_some(("role", typed))
        }
    }
}

/// The fixed words after `keyword` ([`choice_context`]) that start as `typed`, in the
/// language's order. The caller sets each item's range to the text typed.
pub fn choice_items(keyword: &str, typed: &str) -> Vec<CompletionItem> {
    choices(keyword)
        .into_iter()
        .enumerate()
        .filter(|(_, (word, _))| word.starts_with(typed))
        .map(|(i, (word, what))| CompletionItem {
            label: word.to_owned(),
            kind: CompletionKind::Choice,
            detail: Some(what),
            documentation: None,
            insert: None,
            sort: format!("{i:03}"),
            range: None,
            filter: None,
        })
        .collect()
}

/// A release line, as completion offers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineEntry {
    pub name: String,
    pub first_ship: Option<chrono::NaiveDate>,
    /// its other names (`alias line`)
    pub aliases: Vec<String>,
}

/// The lines of an evaluated product, in line order.
pub fn line_entries(product: &crate::kb::Product) -> Vec<LineEntry> {
    product
        .lifecycle
        .lines
        .iter()
        .map(|l| LineEntry {
            name: l.line.clone(),
            first_ship: l.first_ship.as_ref().and_then(|d| d.date),
            aliases: l.aliases.clone(),
        })
        .collect()
}

/// Where a line's name is being typed: the text of the cursor's line before it is
/// `override line`, `declare line`, `alias line` or `builds line` and at most the start of a name (a
/// quote, then no blank). The name typed so far, with its quote if any.
pub fn line_name_context(text: &str, offset: usize) -> Option<&str> {
    let before = text.get(..offset)?;
    let line = before.rsplit('\n').next()?;
    let mut words = line.split_whitespace();
    let first = words.next()?;
    if !matches!(first, "override" | "declare" | "alias" | "builds") || words.next()? != "line" {
        return None;
    }
    let rest = line
        .trim_start()
        .get(first.len()..)?
        .trim_start()
        .get("line".len()..)?;
    // a blank after `line`, and no blank in the name typed
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let typed = rest.trim_start();
    let closed = typed.len() > 1 && typed.starts_with('"') && typed.ends_with('"');
    (!typed.contains(char::is_whitespace) && !closed).then_some(typed)
}

/// The id of the last `policy ID` that starts a line before `offset`: the policy a line
/// is typed in when the file does not parse.
pub fn policy_id_before(text: &str, offset: usize) -> Option<String> {
    text.get(..offset)?.lines().rev().find_map(|l| {
        let rest = l.trim_start().strip_prefix("policy")?;
        rest.starts_with(char::is_whitespace)
            .then(|| rest.split_whitespace().next())
            .flatten()
            .map(str::to_owned)
    })
}

/// The lines whose names start as `typed` (any letter case, after the quote typed if
/// any), each to replace what was typed as the formatter writes it: bare when it reads as
/// a version (`12`, `15.0`, `2012-r2`) and no quote was typed, quoted otherwise
/// (`"lts/iron"`). The caller sets each item's range to the text typed.
pub fn line_names(entries: &[LineEntry], typed: &str) -> Vec<CompletionItem> {
    let quoted = typed.starts_with('"');
    let stem = typed.trim_start_matches('"').to_lowercase();
    entries
        .iter()
        .enumerate()
        .filter(|(_, l)| l.name.to_lowercase().starts_with(&stem))
        .map(|(i, l)| {
            let bare = !quoted && eol_syntax::format::is_version(&l.name);
            let insert = if bare {
                l.name.clone()
            } else {
                format!("\"{}\"", l.name)
            };
            let mut detail = match l.first_ship {
                Some(d) => format!("line, first ship {d}"),
                None => "line, not shipped".to_owned(),
            };
            if !l.aliases.is_empty() {
                let names: Vec<String> = l.aliases.iter().map(|a| format!("\"{a}\"")).collect();
                detail.push_str(&format!("; also {}", names.join(", ")));
            }
            CompletionItem {
                label: l.name.clone(),
                kind: CompletionKind::Line,
                detail: Some(detail),
                documentation: None,
                insert: (insert != l.name).then_some(insert),
                // the catalog's order, not the alphabet's
                sort: format!("{i:06}"),
                range: None,
                filter: quoted.then(|| format!("\"{}", l.name)),
            }
        })
        .collect()
}
