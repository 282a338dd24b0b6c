//! Renaming a phase, service or milestone: its declaration and every name in the file that
//! refers to it (`end(active)`, `provides support`, `override line 16 active.end`, a
//! redefinition in a `when` or in a policy that `extends` it, `end(active) of up` where the
//! upstream's policy is in the file), as one set of edits.
//!
//! Nothing else is renamed: a policy's id is how everyone asks about the product and how
//! other rule files read it; an attribute is the catalog's column of that name; a version
//! component is named by the `versions` pattern; an upstream's alias may be its product's
//! id. A phase that other rule files of the library read as an upstream's (`end(full) of
//! rhel`) is renamed there too: their edits come apart, per file, for the editor to apply
//! where the files are on disk. A rename is refused, with the reason, when the file does not
//! parse, when the new name is no name the language allows (a keyword, a built-in, a name the
//! policy already uses), or when the renamed file would not check as the file does now.

use std::collections::HashMap;

use eol_syntax::Span;

use super::symbols::{Hit, SymbolKind};
use super::{Analysis, Position, Range, TextEdit, Utf16Index};
use crate::library::RuleSource;

/// A rename's edits: of the rule file, and of the other rule files that read the renamed
/// phase as an upstream's.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Renamed {
    pub edits: Vec<TextEdit>,
    /// per other rule file (named as the library names it), its edits
    pub elsewhere: Vec<FileEdits>,
}

/// The edits of one other file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEdits {
    pub file: String,
    pub edits: Vec<TextEdit>,
}

impl Analysis {
    /// The name at the position, when it can be renamed: its range, for the editor to
    /// select; else why not.
    pub fn prepare_rename(&self, pos: Position) -> Result<Range, String> {
        let (_, span) = self.rename_target(self.offset(pos))?;
        Ok(self.range(span))
    }

    /// The edits that rename the phase, service or milestone at the position to
    /// `new_name` everywhere in the file, and where the rule files of `library` (what the
    /// analysis was given as [`super::Input::library`]) read the phase; else why it is not
    /// renamed. The library is searched only here, on a rename, not on every re-check.
    pub fn rename(&self, pos: Position, new_name: &str, library: &[RuleSource]) -> Result<Renamed, String> {
        let (decl, _) = self.rename_target(self.offset(pos))?;
        let d = self.resolution.decls.get(decl).ok_or("no declaration")?;
        if new_name == d.name {
            return Ok(Renamed::default());
        }
        let kind = d.kind.as_str();
        if !is_name(new_name) {
            return Err(format!(
                "`{new_name}` is no name: a {kind}'s name is a letter or `_`, then letters, digits and `_`"
            ));
        }
        if super::complete::KEYWORDS.contains(&new_name) {
            return Err(format!("`{new_name}` is a keyword of the language"));
        }
        if crate::builtins::builtin(new_name).is_some() {
            return Err(format!(
                "`{new_name}` is a built-in name: a rule would read the built-in or the {kind} by where it stands"
            ));
        }
        // a name any policy that sees the declaration already uses (its own, inherited, or
        // one a policy extending it declares) would be read as two things
        let seen_by = |scope: &Vec<usize>| scope.contains(&decl);
        for scope in self.resolution.scopes.iter().filter(|s| seen_by(s)) {
            if let Some(other) = scope
                .iter()
                .filter_map(|i| self.resolution.decls.get(*i))
                .find(|o| o.name == new_name)
            {
                return Err(format!(
                    "`{new_name}` already names a {} of this policy (or one it extends or that extends it)",
                    other.kind.as_str()
                ));
            }
        }
        let elsewhere = match d.kind {
            SymbolKind::Phase => self.read_elsewhere(library, d.policy, &d.name, new_name),
            _ => Vec::new(),
        };
        let spans = self.resolution.references(decl, true);
        let text = self.text();
        let mut renamed = String::with_capacity(text.len() + spans.len() * new_name.len());
        let mut at = 0;
        for s in &spans {
            renamed.push_str(text.get(at..s.start).ok_or("a name outside the file")?);
            renamed.push_str(new_name);
            at = s.end;
        }
        renamed.push_str(text.get(at..).unwrap_or_default());
        // the safety net: the renamed file checks as this one does
        let name = self.rule_file().map_or("rename", |f| f.name.as_str());
        let before = crate::project::RuleFile::load(name, text.as_bytes());
        let after = crate::project::RuleFile::load(name, renamed.as_bytes());
        if let Some(new) = new_problem(&before.diagnostics, &after.diagnostics, &d.name, new_name) {
            return Err(format!("renamed, the file would not check: {}", new.message));
        }
        Ok(Renamed {
            edits: spans
                .into_iter()
                .map(|s| TextEdit {
                    range: self.range(s),
                    new_text: new_name.to_owned(),
                })
                .collect(),
            elsewhere,
        })
    }

    /// The declaration the name at `offset` names, and the name's span, when it is one
    /// that can be renamed.
    fn rename_target(&self, offset: usize) -> Result<(usize, Span), String> {
        if !eol_syntax::parse(self.text()).diagnostics.is_empty() {
            return Err("the file does not parse: fix it before renaming".to_owned());
        }
        let decl = match self.resolution.at(offset) {
            Some(Hit::Declaration(d)) => d,
            Some(Hit::Reference(r)) => r.decl,
            Some(Hit::UpstreamPhase(u)) => u.target.ok_or_else(|| {
                format!(
                    "`{}` is a phase of `{}`, declared in another rule file: rename it there",
                    u.name, u.product
                )
            })?,
            Some(Hit::Line(_)) => {
                return Err("a release line is named by the catalog: it is not renamed here".to_owned())
            }
            Some(Hit::Builtin(b)) => return Err(format!("`{}` is a built-in name", b.name)),
            None => return Err("only a phase, service or milestone can be renamed".to_owned()),
        };
        let d = self.resolution.decls.get(decl).ok_or("no declaration")?;
        let why = match d.kind {
            SymbolKind::Phase | SymbolKind::Service | SymbolKind::Milestone => None,
            SymbolKind::Policy => Some(
                "a policy's id is how everyone asks about the product (`eol status ID`) and how other rule \
                 files read it: change it by hand, with the catalog's `product` column",
            ),
            SymbolKind::Attribute => Some(
                "an attribute is the catalog's column of the same name: rename the column and the \
                 attribute together, by hand",
            ),
            SymbolKind::Component => Some("a version component is named by the `versions` pattern"),
            SymbolKind::Upstream => {
                Some("an upstream's alias may be its product's id (`upstream debian`): change it by hand")
            }
        };
        if let Some(why) = why {
            return Err(why.to_owned());
        }
        let span = self
            .resolution
            .references(decl, true)
            .into_iter()
            .find(|s| s.start <= offset && offset <= s.end)
            .ok_or("no name here")?;
        Ok((decl, span))
    }

    /// The edits of the other rule files of `library` (the bundled one, `--rules`) that
    /// read phase `name` of policy `policy` as an upstream's (`end(name) of ALIAS`), renaming
    /// it to `new_name` there. Only files that declare an upstream and name the policy's id
    /// are parsed.
    fn read_elsewhere(
        &self,
        library: &[RuleSource],
        policy: usize,
        name: &str,
        new_name: &str,
    ) -> Vec<FileEdits> {
        let Some(id) = self
            .resolution
            .policy_decl(policy)
            .and_then(|d| self.resolution.decls.get(d))
            .map(|d| d.name.as_str())
        else {
            return Vec::new();
        };
        let here = self.rule_file().map(|f| f.name.as_str());
        let mut out = Vec::new();
        let holds = |bytes: &[u8], word: &[u8]| bytes.windows(word.len()).any(|w| w == word);
        for source in library.iter().map(|r| &r.file) {
            if Some(source.name.as_str()) == here
                || !holds(&source.bytes, b"upstream")
                || !holds(&source.bytes, id.as_bytes())
            {
                continue;
            }
            let f = crate::project::RuleFile::load(source.name.as_str(), &source.bytes);
            let reads = f
                .policies
                .iter()
                .any(|p| p.upstreams.iter().any(|u| u.product == id));
            if !reads {
                continue;
            }
            let uses = super::symbols::Resolution::build(&f.tree, &f.text).upstream_uses(id, name);
            if uses.is_empty() {
                continue;
            }
            let index = Utf16Index::new(&f.text);
            out.push(FileEdits {
                file: f.name.clone(),
                edits: uses
                    .into_iter()
                    .map(|s| TextEdit {
                        range: index.range(&f.text, s),
                        new_text: new_name.to_owned(),
                    })
                    .collect(),
            });
        }
        out
    }
}

/// A name as the grammar reads one: a letter or `_`, then letters, digits and `_`.
fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The first diagnostic of `after` beyond those `before` has, by code and message (spans
/// move with the rename, and a message that names the renamed item names it anew: "service
/// `premium` is provided by no phase" is the warning the file had for `support`).
fn new_problem<'a>(
    before: &[eol_syntax::Diagnostic],
    after: &'a [eol_syntax::Diagnostic],
    old: &str,
    new: &str,
) -> Option<&'a eol_syntax::Diagnostic> {
    let (old, new) = (format!("`{old}`"), format!("`{new}`"));
    let mut had: HashMap<(&str, String), usize> = HashMap::new();
    for d in before {
        *had.entry((d.code, d.message.clone())).or_default() += 1;
    }
    after
        .iter()
        .find(|d| match had.get_mut(&(d.code, d.message.replace(&new, &old))) {
            Some(left) if *left > 0 => {
                *left -= 1;
                false
            }
            _ => true,
        })
}
