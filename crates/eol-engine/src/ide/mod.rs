//! What an editor asks of a rule file, answered by the engine: diagnostics with editor
//! positions and fixes, hover text with evaluated dates, go to definition, references,
//! completion, formatting edits, an outline and semantic tokens.
//!
//! An [`Analysis`] is one rule file (the editor's text, saved or not), the catalogs
//! beside it and the rule files it may read upstreams from, checked and evaluated at one
//! date with traces. The language server (`eol lsp`) only moves requests and answers
//! between the editor and an `Analysis`; every position it sends and receives is a
//! [`positions::Position`] (UTF-16 columns), converted here.

pub mod complete;
pub mod fixes;
pub mod hover;
pub mod incremental;
pub mod positions;
mod rename;
mod reuse;
pub mod semantic;
mod shift;
pub mod symbols;

use chrono::NaiveDate;
use eol_syntax::{Diagnostic, Severity, Span};

use crate::eval::Options;
use crate::kb::Product;
use crate::library::{Library, Request, RuleSource, Scope, Source};
use crate::project::RuleFile;

pub use complete::{builtins, Builtin, CompletionItem, CompletionKind};
pub use fixes::Fix;
pub use incremental::Cache;
pub use positions::{Position, Range, Utf16Index};
pub use rename::{FileEdits, Renamed};
pub use symbols::{Declaration, Resolution, SymbolKind};

/// What to analyse.
#[derive(Clone, Debug)]
pub struct Input {
    /// the rule file as the editor has it, named as its diagnostics should be filed
    pub file: Source,
    /// the catalogs beside it (`NAME.releases.{toml,csv,json}`), read from disk
    pub catalogs: Vec<Source>,
    /// rule files (with their catalogs) that may define the upstreams it reads: the
    /// bundled library, local rules
    pub library: Vec<RuleSource>,
    /// the date hover values are computed at
    pub at: NaiveDate,
}

/// A place in one of the analysed files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// the file's name as the [`Input`] gave it
    pub file: String,
    pub range: Range,
}

/// A text edit of the rule file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Range,
    pub new_text: String,
}

/// A related label of a diagnostic, in the diagnostic's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub range: Range,
    pub message: String,
}

/// A diagnostic as an editor shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorDiagnostic {
    pub range: Range,
    pub severity: Severity,
    pub code: &'static str,
    /// the message, then the label and the help on lines of their own
    pub message: String,
    pub related: Vec<Related>,
    /// what a code action can do about it
    pub fixes: Vec<Fix>,
}

/// The diagnostics of one file (the rule file or one of its catalogs); a file without
/// problems is listed with none, so an editor clears what it showed before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileDiagnostics {
    pub file: String,
    pub diagnostics: Vec<EditorDiagnostic>,
}

/// A node of the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSymbol {
    pub name: String,
    pub kind: SymbolKind,
    pub detail: Option<String>,
    /// the whole item
    pub range: Range,
    /// its name
    pub selection: Range,
    pub children: Vec<DocumentSymbol>,
}

/// One rule file checked, evaluated and resolved.
#[derive(Debug)]
pub struct Analysis {
    lib: Library,
    /// the evaluated products of the rule file (none when it has errors)
    products: Vec<Product>,
    /// the products of other files its policies read as upstreams
    upstream_products: Vec<Product>,
    resolution: Resolution,
    index: Utf16Index,
    at: NaiveDate,
    /// per policy id, its lines: as evaluated now, else as the last re-check that
    /// evaluated the policy found them (for completion while the file does not parse)
    lines: std::collections::HashMap<String, Vec<complete::LineEntry>>,
}

impl Analysis {
    pub fn new(input: Input) -> Analysis {
        Analysis::build(input, None)
    }

    /// [`Analysis::new`], parsing and checking only the policies whose text `cache` does
    /// not hold from the document's last re-check ([`incremental`]): what the language
    /// server does on every change. The result is the same.
    pub fn recheck(input: Input, cache: &mut Cache) -> Analysis {
        cache.begin();
        let analysis = Analysis::build(input, Some(&mut *cache));
        cache.end();
        analysis
    }

    fn build(input: Input, mut cache: Option<&mut Cache>) -> Analysis {
        let request = Request {
            bundled: input.library,
            local: vec![RuleSource {
                file: input.file,
                catalogs: input.catalogs,
            }],
            named_catalogs: Vec::new(),
        };
        let options = Options { trace: true };
        let mut lib = match cache.as_deref_mut() {
            Some(cache) => Library::assemble_with(request, Scope::Named, cache),
            None => Library::assemble(request, Scope::Named),
        };
        // keep the upstreams' products too: hover shows the phases read from them
        lib.reported.iter_mut().for_each(|r| *r = true);
        let evaluated = match cache.as_deref_mut() {
            Some(cache) => {
                cache.reuse.start_evaluation(&lib, input.at, options.trace);
                lib.evaluate_with(input.at, options, None, &mut cache.reuse)
            }
            None => lib.evaluate(input.at, options, None),
        };
        let (products, upstream_products): (Vec<Product>, Vec<Product>) =
            evaluated.into_iter().partition(|p| p.file == 0);
        let mut lines: std::collections::HashMap<String, Vec<complete::LineEntry>> = products
            .iter()
            .filter_map(|p| Some((p.policy(&lib.rules)?.id.clone(), complete::line_entries(p))))
            .collect();
        if let Some(cache) = cache {
            for (id, entries) in &lines {
                cache.lines.insert(id.clone(), entries.clone());
            }
            for (id, entries) in &cache.lines {
                lines.entry(id.clone()).or_insert_with(|| entries.clone());
            }
        }
        let (resolution, index) = match lib.rules.first() {
            Some(f) => (Resolution::build(&f.tree, &f.text), Utf16Index::new(&f.text)),
            None => (Resolution::default(), Utf16Index::new("")),
        };
        Analysis {
            lib,
            products,
            upstream_products,
            resolution,
            index,
            at: input.at,
            lines,
        }
    }

    /// The rule file (the first the library holds: the local one).
    fn rule_file(&self) -> Option<&RuleFile> {
        self.lib.rules.first()
    }

    /// The rule file's text.
    pub fn text(&self) -> &str {
        self.rule_file().map_or("", |f| f.text.as_str())
    }

    pub fn resolution(&self) -> &Resolution {
        &self.resolution
    }

    pub fn at(&self) -> NaiveDate {
        self.at
    }

    /// The byte offset of an editor position in the rule file.
    pub fn offset(&self, pos: Position) -> usize {
        self.index.offset(self.text(), pos)
    }

    /// The editor range of a span of the rule file.
    pub fn range(&self, span: Span) -> Range {
        self.index.range(self.text(), span)
    }

    /// Every diagnostic of the rule file and of the catalogs beside it, as checking and
    /// evaluating found them (what `eol check` reports for the file).
    pub fn diagnostics(&self) -> Vec<FileDiagnostics> {
        let mut out = Vec::new();
        if let Some(f) = self.rule_file() {
            let ds = self.editor_diagnostics(&f.text, &self.index, &f.diagnostics, true);
            out.push(FileDiagnostics {
                file: f.name.clone(),
                diagnostics: ds,
            });
        }
        for c in self.lib.catalogs.iter().filter(|c| !c.bundled) {
            let index = Utf16Index::new(&c.text);
            out.push(FileDiagnostics {
                file: c.name.clone(),
                diagnostics: self.editor_diagnostics(&c.text, &index, &c.diagnostics, false),
            });
        }
        out
    }

    fn editor_diagnostics(
        &self,
        text: &str,
        index: &Utf16Index,
        diagnostics: &[Diagnostic],
        rules: bool,
    ) -> Vec<EditorDiagnostic> {
        diagnostics
            .iter()
            .map(|d| {
                let d = d.clone().clamped(text.len());
                let mut message = d.message.clone();
                if !d.primary.text.is_empty() {
                    message.push_str(&format!("\n{}", d.primary.text));
                }
                if let Some(help) = &d.help {
                    message.push_str(&format!("\nhelp: {help}"));
                }
                let fixes = if rules {
                    fixes::fixes(&d, text, &self.resolution)
                        .into_iter()
                        .map(|f| f.at(index, text))
                        .collect()
                } else {
                    Vec::new()
                };
                EditorDiagnostic {
                    range: index.range(text, d.primary.span),
                    severity: d.severity,
                    code: d.code,
                    message,
                    related: d
                        .related
                        .iter()
                        .map(|l| Related {
                            range: index.range(text, l.span),
                            message: l.text.clone(),
                        })
                        .collect(),
                    fixes,
                }
            })
            .collect()
    }

    /// Hover text (Markdown) for the position, and the range it is about.
    pub fn hover(&self, pos: Position) -> Option<(Range, String)> {
        let offset = self.offset(pos);
        hover::hover(self, offset).map(|(span, text)| (self.range(span), text))
    }

    /// Where the name at the position is declared: in the rule file, or, for a line
    /// name, the catalog row of the line's first release.
    pub fn definition(&self, pos: Position) -> Option<Location> {
        let offset = self.offset(pos);
        match self.resolution.at(offset)? {
            symbols::Hit::Line(l) => self.line_definition(l.policy, &l.line),
            symbols::Hit::UpstreamPhase(u) if u.target.is_none() => self.upstream_phase_definition(u),
            _ => {
                let decl = self.resolution.decl_at(offset)?;
                let d = self.resolution.decls.get(decl)?;
                Some(Location {
                    file: self.rule_file()?.name.clone(),
                    range: self.range(d.span),
                })
            }
        }
    }

    /// The declaration of a phase of an upstream policy that another rule file holds.
    fn upstream_phase_definition(&self, u: &symbols::UpstreamPhase) -> Option<Location> {
        let (fi, pi) = self.upstream_policy(&u.product)?;
        let file = self.lib.rules.get(fi)?;
        let phase = file.policies.get(pi)?.phases.iter().find(|p| p.id == u.name)?;
        let index = Utf16Index::new(&file.text);
        Some(Location {
            file: file.name.clone(),
            range: index.range(&file.text, phase.span),
        })
    }

    /// The policy an upstream's product id names, as evaluation finds it: (rule file,
    /// policy), the first with that id, this file first.
    pub(crate) fn upstream_policy(&self, product: &str) -> Option<(usize, usize)> {
        self.lib
            .rules
            .iter()
            .enumerate()
            .find_map(|(fi, f)| f.policies.iter().position(|p| p.id == product).map(|pi| (fi, pi)))
    }

    /// The evaluated product of policy `policy` of rule file `file`.
    pub(crate) fn product_in(&self, file: usize, policy: usize) -> Option<&Product> {
        self.products
            .iter()
            .chain(&self.upstream_products)
            .find(|p| p.file == file && p.policy == policy)
    }

    /// The checked policy `policy` of rule file `file`.
    pub(crate) fn policy_in(&self, file: usize, policy: usize) -> Option<&crate::model::Policy> {
        self.lib.rules.get(file)?.policies.get(policy)
    }

    fn line_definition(&self, policy: usize, line: &str) -> Option<Location> {
        let product = self.products.iter().find(|p| p.policy == policy)?;
        let l = product
            .lifecycle
            .lines
            .iter()
            .find(|l| l.line.eq_ignore_ascii_case(line))?;
        let first = l.releases.first()?;
        let (ci, ri) = product.releases.get(*first)?;
        let catalog = self.lib.catalogs.get(*ci)?;
        let release = catalog.catalog.releases.get(*ri)?;
        let index = Utf16Index::new(&catalog.text);
        Some(Location {
            file: catalog.name.clone(),
            range: index.range(&catalog.text, release.span.span()),
        })
    }

    /// Every place that names the same declaration as the name at the position (a phase
    /// of an upstream in this file: its uses in `... of UPSTREAM` too). For a phase read
    /// from an upstream in another rule file (`end(lts) of debian`): every place in this
    /// file that reads it.
    pub fn references(&self, pos: Position, include_declaration: bool) -> Vec<Range> {
        let offset = self.offset(pos);
        let spans = match self.resolution.at(offset) {
            Some(symbols::Hit::UpstreamPhase(u)) if u.target.is_none() => {
                self.resolution.upstream_uses(&u.product, &u.name)
            }
            _ => self
                .resolution
                .decl_at(offset)
                .map(|d| self.resolution.references(d, include_declaration))
                .unwrap_or_default(),
        };
        spans.into_iter().map(|s| self.range(s)).collect()
    }

    /// Completion items at the position.
    pub fn complete(&self, pos: Position) -> Vec<CompletionItem> {
        let offset = self.offset(pos);
        // `source `, `cadence `, `role `, `order lines by `: the words the language allows
        // there, and only them
        // each item replaces what was typed of the word
        let replacing = |items: Vec<CompletionItem>, typed: &str| -> Vec<CompletionItem> {
            let range = self.range(Span::new(offset - typed.len(), offset));
            items
                .into_iter()
                .map(|item| CompletionItem {
                    range: Some(range),
                    ..item
                })
                .collect()
        };
        if let Some((keyword, typed)) = complete::choice_context(self.text(), offset) {
            return replacing(complete::choice_items(keyword, typed), typed);
        }
        // `override line `, `declare line `, `alias line `, `builds line `: the product's
        // lines, and only them
        if let Some(typed) = complete::line_name_context(self.text(), offset) {
            let id = self
                .resolution
                .policy_at(offset)
                .and_then(|p| self.rule_file()?.policies.get(p))
                .map(|p| p.id.clone())
                .or_else(|| complete::policy_id_before(self.text(), offset));
            let entries = id
                .and_then(|id| self.lines.get(&id))
                .map_or(&[][..], Vec::as_slice);
            return replacing(complete::line_names(entries, typed), typed);
        }
        let policy = self.resolution.policy_at(offset);
        let attributes = policy.map(|p| self.catalog_attributes(p)).unwrap_or_default();
        complete::complete(&self.resolution, offset, &attributes)
    }

    /// The attribute columns of the catalog rows policy `policy` reads.
    fn catalog_attributes(&self, policy: usize) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let Some(product) = self.products.iter().find(|p| p.policy == policy) else {
            return names;
        };
        let mut seen = std::collections::HashSet::new();
        for (ci, ri) in &product.releases {
            let Some(r) = self
                .lib
                .catalogs
                .get(*ci)
                .and_then(|c| c.catalog.releases.get(*ri))
            else {
                continue;
            };
            for k in r.attributes.keys() {
                if seen.insert(k) {
                    names.push(k.to_owned());
                }
            }
        }
        names.sort();
        names
    }

    /// The outline: each policy with what it declares.
    pub fn symbols(&self) -> Vec<DocumentSymbol> {
        let res = &self.resolution;
        let symbol = |d: &Declaration| DocumentSymbol {
            name: d.name.clone(),
            kind: d.kind,
            detail: d.label.clone(),
            range: self.range(d.full.to(d.span)),
            selection: self.range(d.span),
            children: Vec::new(),
        };
        res.decls
            .iter()
            .filter(|d| d.kind == SymbolKind::Policy)
            .map(|p| {
                let mut s = symbol(p);
                s.children = res
                    .decls
                    .iter()
                    .filter(|d| d.policy == p.policy && d.kind != SymbolKind::Policy)
                    .filter(|d| d.kind != SymbolKind::Component)
                    .map(symbol)
                    .collect();
                s
            })
            .collect()
    }

    /// The semantic tokens of the rule file, encoded as the protocol wants them.
    pub fn semantic_tokens(&self) -> Vec<u32> {
        semantic::encode(self.text(), &self.index, &self.resolution)
    }

    /// The edits that give the file its canonical layout: none when it has it; the
    /// syntax errors when it does not parse (the formatter refuses such files).
    pub fn format(&self) -> Result<Vec<TextEdit>, Vec<Diagnostic>> {
        format_edits(self.text(), &self.index)
    }

    /// The code actions for diagnostics whose range touches `range`.
    pub fn fixes(&self, range: Range) -> Vec<(EditorDiagnostic, Fix)> {
        let Some(ours) = self.diagnostics().into_iter().next() else {
            return Vec::new();
        };
        ours.diagnostics
            .into_iter()
            .filter(|d| d.range.start <= range.end && range.start <= d.range.end)
            .flat_map(|d| d.fixes.clone().into_iter().map(move |f| (d.clone(), f)))
            .collect()
    }

    pub(crate) fn products(&self) -> &[Product] {
        &self.products
    }

    pub(crate) fn policy(&self, index: usize) -> Option<&crate::model::Policy> {
        self.rule_file()?.policies.get(index)
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.rule_file().is_some_and(RuleFile::has_errors)
    }
}

/// The formatter's output as edits of `text`: one that replaces the whole text, or none.
pub fn format_edits(text: &str, index: &Utf16Index) -> Result<Vec<TextEdit>, Vec<Diagnostic>> {
    let formatted = eol_syntax::format(text)?;
    if formatted == text {
        return Ok(Vec::new());
    }
    Ok(vec![TextEdit {
        range: index.range(text, Span::new(0, text.len())),
        new_text: formatted,
    }])
}

#[cfg(test)]
mod tests;
