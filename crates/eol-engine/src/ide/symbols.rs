//! The resolution table: every name in a rule file that refers to a declaration, with
//! the span of that declaration; and the declarations themselves, for an outline.
//!
//! Built by walking the syntax tree of a file, policy by policy, with the same scoping
//! the checker applies: a policy sees what it declares (phases and milestones also
//! inside `when` blocks) and, with `extends BASE`, what its base declares (the base
//! stands above it in the same file). A phase or milestone a policy defines again
//! (in a `when`, or refining its base's) refers to the first definition. A name the
//! checker rejects resolves to nothing here; the checker's diagnostic says why.

use std::collections::HashMap;

use eol_syntax::ast::{
    self, Arg, ArithKind, CondKind, ExprKind, ItemKind, LineDate, OperandKind, PhaseStmtKind,
};
use eol_syntax::Span;

/// What a declaration declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SymbolKind {
    Policy,
    Phase,
    Service,
    Milestone,
    Attribute,
    Upstream,
    /// a version component (`major` in `versions "major.minor"`)
    Component,
}

impl SymbolKind {
    /// The word the language uses: `phase`, `service`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            SymbolKind::Policy => "policy",
            SymbolKind::Phase => "phase",
            SymbolKind::Service => "service",
            SymbolKind::Milestone => "milestone",
            SymbolKind::Attribute => "attribute",
            SymbolKind::Upstream => "upstream",
            SymbolKind::Component => "version component",
        }
    }
}

/// One declared name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    pub kind: SymbolKind,
    pub name: String,
    /// the name where it is declared
    pub span: Span,
    /// the whole item (the policy, the phase with its body, ...)
    pub full: Span,
    /// index of the policy (in the file) that declares it
    pub policy: usize,
    /// the display label, when the item has one
    pub label: Option<String>,
}

/// A name that refers to a declaration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    pub span: Span,
    /// index into [`Resolution::decls`]
    pub decl: usize,
    /// the policy the reference is in (an inherited declaration belongs to another)
    pub policy: usize,
}

/// A release line named in the rule text (`override line 16 ...`): its name without
/// quotes, and the span of the name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineName {
    pub span: Span,
    pub line: String,
    pub policy: usize,
}

/// A built-in name used in the rule text (`first_ship`, `end_of_month`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuiltinUse {
    pub span: Span,
    pub name: String,
    pub policy: usize,
}

/// A phase of an upstream policy named in `... of UPSTREAM` (`supported` in
/// `end(supported) of up`): the name, the upstream it is read from, and, when that
/// upstream's policy is in the same file, the phase's declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpstreamPhase {
    pub span: Span,
    /// the phase's name, as written
    pub name: String,
    /// the upstream's alias (after `of`)
    pub alias: String,
    /// the upstream's product id (`upstream ALIAS = PRODUCT`; the alias without `=`)
    pub product: String,
    /// the policy the name is in
    pub policy: usize,
    /// the phase's declaration (index into [`Resolution::decls`]) when the upstream
    /// policy is in this file and declares it; in another file, `ide` looks it up there
    pub target: Option<usize>,
}

/// What is at an offset of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit<'a> {
    /// a declaration's name
    Declaration(usize),
    /// a name that refers to the declaration with this index
    Reference(&'a Reference),
    Line(&'a LineName),
    Builtin(&'a BuiltinUse),
    /// a phase of an upstream policy, in `... of UPSTREAM`
    UpstreamPhase(&'a UpstreamPhase),
}

/// Every declaration and every resolved reference of one file.
#[derive(Clone, Debug, Default)]
pub struct Resolution {
    pub decls: Vec<Declaration>,
    /// in source order of the walk (not sorted)
    pub refs: Vec<Reference>,
    pub lines: Vec<LineName>,
    pub builtins: Vec<BuiltinUse>,
    /// phases named in `... of UPSTREAM`
    pub upstream_phases: Vec<UpstreamPhase>,
    /// per policy: the declarations it sees, own and inherited (indices into `decls`)
    pub scopes: Vec<Vec<usize>>,
    /// every name above, by span: what [`Resolution::at`] searches
    index: Vec<(Span, Entry)>,
    /// each policy's whole span and index, in file order
    policies: Vec<(Span, usize)>,
}

/// An entry of the index by span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Entry {
    Reference(usize),
    Declaration(usize),
    Line(usize),
    Builtin(usize),
    UpstreamPhase(usize),
}

impl Resolution {
    /// Resolve every name of `file` (parsed from `text`).
    pub fn build(file: &ast::File, text: &str) -> Resolution {
        let mut res = Resolution::default();
        // per policy: (kind, name) -> declaration, for `extends`
        let mut scopes: Vec<HashMap<(SymbolKind, String), usize>> = Vec::with_capacity(file.policies.len());
        let mut policy_ids: HashMap<&str, usize> = HashMap::new();
        // per policy: its upstreams (alias -> product id), inherited ones included
        let mut upstream_maps: Vec<HashMap<String, String>> = Vec::with_capacity(file.policies.len());
        for (pi, p) in file.policies.iter().enumerate() {
            res.declare(
                SymbolKind::Policy,
                &p.id.node,
                p.id.span,
                p.span,
                pi,
                p.label.as_ref(),
            );
            let mut scope: HashMap<(SymbolKind, String), usize> = HashMap::new();
            let mut upstreams: HashMap<String, String> = HashMap::new();
            if let Some(base) = &p.extends {
                // The base must stand above: only earlier policies are candidates.
                if let Some(&bi) = policy_ids.get(base.node.as_str()) {
                    if let Some(base_scope) = scopes.get(bi) {
                        scope = base_scope.clone();
                    }
                    if let Some(base_upstreams) = upstream_maps.get(bi) {
                        upstreams = base_upstreams.clone();
                    }
                    if let Some(bd) = res.policy_decl(bi) {
                        res.refs.push(Reference {
                            span: base.span,
                            decl: bd,
                            policy: pi,
                        });
                    }
                }
            }
            policy_ids.entry(p.id.node.as_str()).or_insert(pi);
            let mut walker = Walker {
                res: &mut res,
                scope,
                policy: pi,
                text,
                policy_ids: &policy_ids,
                upstreams,
            };
            walker.declare_items(&p.items);
            walker.items(&p.items);
            let Walker { scope, upstreams, .. } = walker;
            upstream_maps.push(upstreams);
            let mut visible: Vec<usize> = scope.values().copied().collect();
            visible.sort_unstable();
            res.scopes.push(visible);
            scopes.push(scope);
        }
        // An upstream may stand anywhere in the file (or in another): resolve the phases
        // read from it once every policy has been walked, as the evaluator finds it (the
        // first policy with that id).
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (pi, p) in file.policies.iter().enumerate() {
            first.entry(p.id.node.as_str()).or_insert(pi);
        }
        for u in &mut res.upstream_phases {
            u.target = first
                .get(u.product.as_str())
                .and_then(|&pi| scopes.get(pi))
                .and_then(|scope| scope.get(&(SymbolKind::Phase, u.name.clone())))
                .copied();
        }
        res.index_spans();
        res
    }

    /// Sort every name by span, so that finding the one at an offset is a binary search
    /// (semantic tokens look up every name of the file).
    fn index_spans(&mut self) {
        let mut index: Vec<(Span, Entry)> =
            Vec::with_capacity(self.refs.len() + self.decls.len() + self.lines.len() + self.builtins.len());
        index.extend(
            self.refs
                .iter()
                .enumerate()
                .map(|(i, r)| (r.span, Entry::Reference(i))),
        );
        index.extend(
            self.decls
                .iter()
                .enumerate()
                .map(|(i, d)| (d.span, Entry::Declaration(i))),
        );
        index.extend(
            self.lines
                .iter()
                .enumerate()
                .map(|(i, l)| (l.span, Entry::Line(i))),
        );
        index.extend(
            self.builtins
                .iter()
                .enumerate()
                .map(|(i, b)| (b.span, Entry::Builtin(i))),
        );
        index.extend(
            self.upstream_phases
                .iter()
                .enumerate()
                .map(|(i, u)| (u.span, Entry::UpstreamPhase(i))),
        );
        index.retain(|(s, _)| !s.is_empty());
        index.sort();
        self.index = index;
        self.policies = self
            .decls
            .iter()
            .filter(|d| d.kind == SymbolKind::Policy)
            .map(|d| (d.full, d.policy))
            .collect();
        self.policies.sort();
    }

    fn declare(
        &mut self,
        kind: SymbolKind,
        name: &str,
        span: Span,
        full: Span,
        policy: usize,
        label: Option<&ast::Label>,
    ) -> usize {
        self.decls.push(Declaration {
            kind,
            name: name.to_owned(),
            span,
            full,
            policy,
            label: label.map(|l| l.text.node.clone()),
        });
        self.decls.len() - 1
    }

    /// The declaration of policy `pi`.
    pub fn policy_decl(&self, pi: usize) -> Option<usize> {
        self.decls
            .iter()
            .position(|d| d.kind == SymbolKind::Policy && d.policy == pi)
    }

    /// What is at byte `offset`: the name that starts at or contains it, else one that ends
    /// there (a cursor just after a name finds it).
    pub fn at(&self, offset: usize) -> Option<Hit<'_>> {
        // the last entry starting at or before `offset`: names do not overlap
        let after = self.index.partition_point(|(s, _)| s.start <= offset);
        let (span, entry) = *self.index.get(after.checked_sub(1)?)?;
        if offset > span.end {
            return None;
        }
        Some(match entry {
            Entry::Reference(i) => Hit::Reference(self.refs.get(i)?),
            Entry::Declaration(i) => Hit::Declaration(i),
            Entry::Line(i) => Hit::Line(self.lines.get(i)?),
            Entry::Builtin(i) => Hit::Builtin(self.builtins.get(i)?),
            Entry::UpstreamPhase(i) => Hit::UpstreamPhase(self.upstream_phases.get(i)?),
        })
    }

    /// The declaration the name at `offset` declares or refers to.
    pub fn decl_at(&self, offset: usize) -> Option<usize> {
        match self.at(offset)? {
            Hit::Declaration(d) => Some(d),
            Hit::Reference(r) => Some(r.decl),
            Hit::UpstreamPhase(u) => u.target,
            Hit::Line(_) | Hit::Builtin(_) => None,
        }
    }

    /// Every place that refers to declaration `decl`, in source order; with
    /// `include_declaration`, its own name too.
    pub fn references(&self, decl: usize, include_declaration: bool) -> Vec<Span> {
        let mut out: Vec<Span> = self
            .refs
            .iter()
            .filter(|r| r.decl == decl)
            .map(|r| r.span)
            .chain(
                self.upstream_phases
                    .iter()
                    .filter(|u| u.target == Some(decl))
                    .map(|u| u.span),
            )
            .collect();
        if include_declaration {
            if let Some(d) = self.decls.get(decl) {
                out.push(d.span);
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Every place that names phase `name` of upstream product `product`, in source order.
    pub fn upstream_uses(&self, product: &str, name: &str) -> Vec<Span> {
        let mut out: Vec<Span> = self
            .upstream_phases
            .iter()
            .filter(|u| u.product == product && u.name == name)
            .map(|u| u.span)
            .collect();
        out.sort();
        out
    }

    /// The declarations a policy sees, own and inherited, in declaration order: what
    /// completion offers.
    pub fn visible(&self, policy: usize) -> Vec<&Declaration> {
        self.scopes
            .get(policy)
            .map(|s| s.iter().filter_map(|d| self.decls.get(*d)).collect())
            .unwrap_or_default()
    }

    /// The policy whose text contains `offset`.
    pub fn policy_at(&self, offset: usize) -> Option<usize> {
        let after = self.policies.partition_point(|(s, _)| s.start <= offset);
        let (span, policy) = *self.policies.get(after.checked_sub(1)?)?;
        (offset <= span.end).then_some(policy)
    }
}

struct Walker<'r, 'f> {
    res: &'r mut Resolution,
    scope: HashMap<(SymbolKind, String), usize>,
    policy: usize,
    text: &'f str,
    policy_ids: &'r HashMap<&'f str, usize>,
    /// the policy's upstreams: alias -> product id
    upstreams: HashMap<String, String>,
}

impl Walker<'_, '_> {
    fn add(&mut self, kind: SymbolKind, id: &ast::Ident, full: Span, label: Option<&ast::Label>) {
        let d = self
            .res
            .declare(kind, &id.node, id.span, full, self.policy, label);
        self.scope.insert((kind, id.node.clone()), d);
    }

    /// A phase or milestone: a second definition refines the first, so it refers to it.
    fn add_refinable(&mut self, kind: SymbolKind, id: &ast::Ident, full: Span, label: Option<&ast::Label>) {
        match self.scope.get(&(kind, id.node.clone())) {
            Some(&d) => self.res.refs.push(Reference {
                span: id.span,
                decl: d,
                policy: self.policy,
            }),
            None => self.add(kind, id, full, label),
        }
    }

    fn declare_items(&mut self, items: &[ast::Item]) {
        for item in items {
            match &item.kind {
                ItemKind::Versions(text) => {
                    // the components, each at its place inside the quotes
                    let written = text.span.text(self.text);
                    let mut from = 0usize;
                    for part in text.node.split('.') {
                        let Some(at) = written.get(from..).and_then(|w| w.find(part)) else {
                            continue;
                        };
                        let start = text.span.start + from + at;
                        from += at + part.len();
                        let id = ast::Ident::new(part.to_owned(), Span::new(start, start + part.len()));
                        self.add(SymbolKind::Component, &id, text.span, None);
                    }
                }
                ItemKind::Attribute { name, .. } => self.add(SymbolKind::Attribute, name, item.span, None),
                ItemKind::Service { id, label } => {
                    self.add(SymbolKind::Service, id, item.span, label.as_ref())
                }
                ItemKind::Phase(p) => {
                    self.add_refinable(SymbolKind::Phase, &p.id, item.span, p.label.as_ref())
                }
                ItemKind::Milestone { id, label, .. } => {
                    self.add_refinable(SymbolKind::Milestone, id, item.span, label.as_ref());
                }
                ItemKind::Upstream { alias, product, .. } => {
                    let id = product.as_ref().unwrap_or(alias);
                    self.upstreams.insert(alias.node.clone(), id.node.clone());
                    self.add(SymbolKind::Upstream, alias, item.span, None);
                }
                ItemKind::When { items, .. } => self.declare_items(items),
                _ => {}
            }
        }
        // Without `versions`, the names in `line major.minor` are the components.
        let has_versions = items.iter().any(|i| matches!(i.kind, ItemKind::Versions(_)));
        if !has_versions {
            for item in items {
                if let ItemKind::Line(parts) = &item.kind {
                    for part in parts {
                        if !self
                            .scope
                            .contains_key(&(SymbolKind::Component, part.node.clone()))
                        {
                            self.add(SymbolKind::Component, part, item.span, None);
                        }
                    }
                }
            }
        }
    }

    fn lookup(&self, kinds: &[SymbolKind], name: &str) -> Option<usize> {
        kinds
            .iter()
            .find_map(|k| self.scope.get(&(*k, name.to_owned())).copied())
    }

    /// Record a reference to the first of `kinds` that declares `name`; false if none does.
    fn refer(&mut self, kinds: &[SymbolKind], name: &str, span: Span) -> bool {
        match self.lookup(kinds, name) {
            Some(decl) => {
                // a declaration's own name is not a reference to itself
                if self.res.decls.get(decl).is_some_and(|d| d.span == span) {
                    return true;
                }
                self.res.refs.push(Reference {
                    span,
                    decl,
                    policy: self.policy,
                });
                true
            }
            None => false,
        }
    }

    fn builtin(&mut self, name: &str, span: Span) {
        self.res.builtins.push(BuiltinUse {
            span,
            name: name.to_owned(),
            policy: self.policy,
        });
    }

    fn items(&mut self, items: &[ast::Item]) {
        for item in items {
            match &item.kind {
                ItemKind::Line(parts) => {
                    for part in parts {
                        self.refer(&[SymbolKind::Component], &part.node, part.span);
                    }
                }
                ItemKind::Cadence { every: Some(e), .. } => self.expr(e, None),
                ItemKind::Superseded { grace, unit } => {
                    self.refer(&[SymbolKind::Component], &unit.node, unit.span);
                    if let Some(g) = grace {
                        self.expr(g, None);
                    }
                }
                ItemKind::Phase(p) => {
                    for stmt in &p.stmts {
                        match &stmt.kind {
                            PhaseStmtKind::From(e) | PhaseStmtKind::Until(e) | PhaseStmtKind::Through(e) => {
                                self.expr(e, None);
                            }
                            PhaseStmtKind::Provides(services) => {
                                for s in services {
                                    self.refer(&[SymbolKind::Service], &s.node, s.span);
                                }
                            }
                            PhaseStmtKind::Allow(_) => {}
                        }
                    }
                }
                ItemKind::Milestone { value, .. } => self.expr(value, None),
                ItemKind::When { cond, items } => {
                    self.cond(cond);
                    self.items(items);
                }
                ItemKind::Override(given) | ItemKind::Declare(given) => {
                    let LineDate {
                        line, target, value, ..
                    } = given;
                    self.line_name(line);
                    self.refer(
                        &[SymbolKind::Phase, SymbolKind::Milestone],
                        &target.node,
                        target.span,
                    );
                    self.expr(value, None);
                }
                ItemKind::LineAlias { line, .. } | ItemKind::LineBuilds { line, .. } => self.line_name(line),
                ItemKind::Upstream { product, lines, .. } => {
                    if let Some(product) = product {
                        if let Some(&pi) = self.policy_ids.get(product.node.as_str()) {
                            if let Some(decl) = self.res.policy_decl(pi) {
                                self.res.refs.push(Reference {
                                    span: product.span,
                                    decl,
                                    policy: self.policy,
                                });
                            }
                        }
                    }
                    for (ours, _) in lines {
                        self.line_name(ours);
                    }
                }
                ItemKind::Source {
                    filter: Some(cond), ..
                } => self.cond(cond),
                _ => {}
            }
        }
    }

    /// `"16"` or `16` in `override line 16`: the name without quotes.
    fn line_name(&mut self, line: &ast::Text) {
        let written = line.span.text(self.text);
        let span = match written.find(line.node.as_str()) {
            Some(at) if !line.node.is_empty() => {
                Span::new(line.span.start + at, line.span.start + at + line.node.len())
            }
            _ => line.span,
        };
        self.res.lines.push(LineName {
            span,
            line: line.node.clone(),
            policy: self.policy,
        });
    }

    /// A phase named in `... of ALIAS`.
    fn upstream_phase(&mut self, alias: &str, id: &ast::Ident) {
        let product = self
            .upstreams
            .get(alias)
            .cloned()
            .unwrap_or_else(|| alias.to_owned());
        self.res.upstream_phases.push(UpstreamPhase {
            span: id.span,
            name: id.node.clone(),
            alias: alias.to_owned(),
            product,
            policy: self.policy,
            target: None,
        });
    }

    /// `foreign`: inside `... of UPSTREAM` (its alias), where phase names are the upstream's.
    fn expr(&mut self, e: &ast::Expr, foreign: Option<&str>) {
        match &e.kind {
            // `term years`: the amount is a number attribute of the line
            ExprKind::Duration { amount, .. }
                if foreign.is_none() && !amount.node.starts_with(|c: char| c.is_ascii_digit()) =>
            {
                self.refer(&[SymbolKind::Attribute], &amount.node, amount.span);
            }
            ExprKind::Date(_) | ExprKind::Duration { .. } => {}
            ExprKind::Name(id) => {
                if crate::ide::complete::is_builtin(&id.node) {
                    self.builtin(&id.node, id.span);
                } else if foreign.is_none() {
                    self.refer(&[SymbolKind::Milestone, SymbolKind::Attribute], &id.node, id.span);
                }
            }
            ExprKind::Call { func, args } => {
                let reads_phase = matches!(func.node.as_str(), "start" | "end" | "last_day");
                if crate::ide::complete::is_builtin(&func.node) {
                    self.builtin(&func.node, func.span);
                } else if foreign.is_none() {
                    self.refer(&[SymbolKind::Attribute], &func.node, func.span);
                }
                for (i, arg) in args.iter().enumerate() {
                    match arg {
                        Arg::Expr(inner) => match &inner.kind {
                            ExprKind::Name(id) if reads_phase && i == 0 => match foreign {
                                None => {
                                    self.refer(&[SymbolKind::Phase], &id.node, id.span);
                                }
                                Some(alias) => self.upstream_phase(alias, id),
                            },
                            _ => self.expr(inner, foreign),
                        },
                        Arg::Pattern(_) => {}
                        Arg::Selector { filter, .. } => {
                            if let Some(c) = filter {
                                if foreign.is_none() {
                                    self.cond(c);
                                }
                            }
                        }
                    }
                }
            }
            ExprKind::Binary { lhs, rhs, .. } => {
                self.expr(lhs, foreign);
                self.expr(rhs, foreign);
            }
            ExprKind::Paren(inner) | ExprKind::UnlessDeclared(inner) => self.expr(inner, foreign),
            ExprKind::Of { inner, upstream } => {
                self.refer(&[SymbolKind::Upstream], &upstream.node, upstream.span);
                self.expr(inner, Some(&upstream.node));
            }
        }
    }

    fn cond(&mut self, c: &ast::Cond) {
        const SUBJECT: [SymbolKind; 2] = [SymbolKind::Attribute, SymbolKind::Component];
        match &c.kind {
            CondKind::Or(cs) | CondKind::And(cs) => {
                for c in cs {
                    self.cond(c);
                }
            }
            CondKind::Not(inner) | CondKind::Paren(inner) => self.cond(inner),
            CondKind::Is { subject, .. } => {
                self.refer(&SUBJECT, &subject.node, subject.span);
            }
            CondKind::Compare { lhs, rhs, .. } => {
                self.operand(lhs);
                self.operand(rhs);
            }
            CondKind::Flag(id) => {
                self.refer(&[SymbolKind::Attribute], &id.node, id.span);
            }
            CondKind::Same(id) | CondKind::LastOf(id) => {
                self.refer(&[SymbolKind::Component], &id.node, id.span);
            }
            CondKind::Matches { subject, .. } => self.operand(subject),
        }
    }

    fn operand(&mut self, o: &ast::Operand) {
        match &o.kind {
            OperandKind::Name(name) => {
                self.refer(&[SymbolKind::Attribute, SymbolKind::Component], name, o.span);
            }
            OperandKind::Arith(a) => self.arith(a),
            OperandKind::Line | OperandKind::Version(_) | OperandKind::Text(_) | OperandKind::Date(_) => {}
        }
    }

    fn arith(&mut self, a: &ast::Arith) {
        match &a.kind {
            ArithKind::Number(_) => {}
            ArithKind::Name(id) => {
                self.refer(&[SymbolKind::Component, SymbolKind::Attribute], &id.node, id.span);
            }
            ArithKind::Binary { lhs, rhs, .. } => {
                self.arith(lhs);
                self.arith(rhs);
            }
            ArithKind::Paren(inner) => self.arith(inner),
        }
    }
}
