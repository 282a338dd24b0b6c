//! The items that describe the product and its versions: `vendor`, `announced`, `versions`, `line`, `order`, `prerelease`, `alias`/`purl`/`cpe`, `allow`, `upstream`, and display names.

use std::collections::{BTreeMap, HashMap};

use eol_syntax::ast::{self, ItemKind};
use eol_syntax::{Code, Diagnostic, Span, Spanned};

use super::{duplicate, unknown, Checker, NameKey, ALLOWANCES, ORDER_KEYS};
use crate::model::*;

impl Checker<'_> {
    /// Pass 1: the header items, each once-only item at most once. Returns the `line`
    /// item, which is read once the version scheme is known.
    pub(super) fn header_items<'p>(
        &mut self,
        items: &'p [ast::Item],
        policy: &mut Policy,
    ) -> Option<(&'p Vec<ast::Ident>, Span)> {
        let mut singles: HashMap<&'static str, Span> = HashMap::new();
        let mut line_item: Option<(&Vec<ast::Ident>, Span)> = None;
        // (line in lower case, folded name) → where `alias line` first gave it
        let mut line_names: HashMap<(String, String), Span> = HashMap::new();
        for item in items {
            let single = match &item.kind {
                ItemKind::Vendor(_) => Some("vendor"),
                ItemKind::Announced(_) => Some("announced"),
                ItemKind::Versions(_) => Some("versions"),
                ItemKind::Line(_) => Some("line"),
                ItemKind::Order { .. } => Some("order"),
                ItemKind::Superseded { .. } => Some("superseded"),
                _ => None,
            };
            if let Some(kw) = single {
                if let Some(first) = singles.get(kw) {
                    let d = Diagnostic::error(
                        Code::DuplicateDefinition,
                        format!("`{kw}` is given twice"),
                        item.span,
                        "given again here",
                    )
                    .with_related(*first, "first given here")
                    .with_help(format!("a policy has one `{kw}`; remove one of them"));
                    self.err(d);
                    continue;
                }
                singles.insert(kw, item.span);
            }
            match &item.kind {
                ItemKind::Vendor(v) => {
                    self.non_empty(v, "vendor name");
                    policy.vendor = Some(v.node.clone());
                }
                ItemKind::Announced(reason) if self.non_empty(reason, "reason") => {
                    policy.announced = Some(reason.node.clone());
                }
                ItemKind::Versions(v) => {
                    if let Some(c) = self.scheme(v) {
                        policy.components = c;
                    }
                }
                ItemKind::Line(parts) => line_item = Some((parts, item.span)),
                ItemKind::Order { what, key } => {
                    if what.node != "lines" {
                        self.err(
                            Diagnostic::error(
                                Code::Syntax,
                                format!("expected `lines`, found `{}`", what.node),
                                what.span,
                                "expected `lines`",
                            )
                            .with_help("write `order lines by version` or `order lines by first_ship`"),
                        );
                    }
                    match key.node.as_str() {
                        "version" => policy.order = LineOrder::Version,
                        "first_ship" => policy.order = LineOrder::FirstShip,
                        "number" => policy.order = LineOrder::Number,
                        _ => self.unknown(Code::UnknownOrder, "line order", key, &ORDER_KEYS),
                    }
                }
                ItemKind::Prerelease(markers) => {
                    for m in markers {
                        if self.non_empty(m, "pre-release marker") {
                            policy.prerelease.push(m.node.to_ascii_lowercase());
                        }
                    }
                }
                ItemKind::Names { kind, values } => self.names(*kind, values, policy),
                ItemKind::LineAlias { line, names } => {
                    self.line_aliases(line, names, &mut line_names, policy);
                }
                ItemKind::Allow(what) => match what.node.as_str() {
                    "gaps" => policy.allow_gaps = true,
                    "overlaps" => policy.allow_overlaps = true,
                    _ => self.unknown(Code::UnknownAllowance, "allowance", what, &ALLOWANCES),
                },
                ItemKind::Upstream {
                    alias,
                    product,
                    lines,
                } => {
                    self.upstream_item(alias, product.as_ref(), lines, item.span, policy);
                }
                _ => {}
            }
        }
        line_item
    }

    /// `line major.minor`, or `eol::missing-line` without one.
    pub(super) fn line(
        &mut self,
        p: &ast::Policy,
        line_item: Option<(&Vec<ast::Ident>, Span)>,
        policy: &mut Policy,
    ) {
        match line_item {
            Some((parts, span)) => policy.line_len = self.line_decl(parts, span),
            None => {
                let d = Diagnostic::error(
                    Code::MissingLine,
                    format!("policy `{}` does not say what a release line is", p.id.node),
                    p.id.span,
                    "this policy",
                )
                .with_help(format!(
                    "add `line {}` (or however many components make a line)",
                    self.components.first().map_or("major", String::as_str)
                ));
                self.err(d);
                policy.line_len = 1;
            }
        }
    }

    /// `superseded by newer UNIT`: the unit is a version component the line does not fix,
    /// and the grace period a duration of zero or more. Read once the line is known; the
    /// header pass has reported a second `superseded` (the first one counts).
    pub(super) fn superseded(&mut self, items: &[ast::Item], policy: &mut Policy) {
        let Some((grace, unit, span)) = items.iter().find_map(|i| match &i.kind {
            ItemKind::Superseded { grace, unit } => Some((grace, unit, i.span)),
            _ => None,
        }) else {
            return;
        };
        let grace = match grace {
            Some(e) => {
                let Some(d) = self.duration(e) else {
                    self.superseded_unit(unit, policy);
                    return;
                };
                if d.approx_days() < 0.0 {
                    self.err(
                        Diagnostic::error(
                            Code::InvalidSuperseded,
                            "a grace period cannot be negative",
                            e.span,
                            "less than zero",
                        )
                        .with_help("write how long the older release stays supported, such as `3 months after newer minor`"),
                    );
                    self.superseded_unit(unit, policy);
                    return;
                }
                Some(d)
            }
            None => None,
        };
        let Some(component) = self.superseded_unit(unit, policy) else {
            return;
        };
        policy.superseded = Some(Superseded {
            component,
            grace,
            span,
        });
    }

    /// The unit of `superseded by newer UNIT`: a version component the line does not fix.
    fn superseded_unit(&mut self, unit: &ast::Ident, policy: &Policy) -> Option<usize> {
        let Some(component) = self.components.iter().position(|c| *c == unit.node) else {
            let known: Vec<&str> = self.components.iter().map(String::as_str).collect();
            self.diags
                .push(unknown(Code::UnknownComponent, "version component", unit, &known));
            return None;
        };
        if component < policy.line_len {
            let finer: Vec<&str> = self
                .components
                .iter()
                .skip(policy.line_len)
                .map(String::as_str)
                .collect();
            let line = self
                .components
                .iter()
                .take(policy.line_len)
                .cloned()
                .collect::<Vec<_>>()
                .join(".");
            let help = match finer.first() {
                Some(first) => format!(
                    "a release line is `{line}`, so a newer `{}` is a newer line, whose support the phases give; name a finer component: `superseded by newer {first}`",
                    unit.node
                ),
                None => format!(
                    "a release line is `{line}`, every component of the version; a line has no finer releases to supersede, so remove `superseded` (or give `versions` more components)"
                ),
            };
            self.err(
                Diagnostic::error(
                    Code::InvalidSuperseded,
                    format!(
                        "`{}` is part of the release line, not a unit within it",
                        unit.node
                    ),
                    unit.span,
                    "part of the line",
                )
                .with_help(help),
            );
            return None;
        }
        Some(component)
    }

    /// `alias`, `purl` and `cpe`: each value well-formed and given once in the policy.
    pub(super) fn names(&mut self, kind: ast::NameKind, values: &[Spanned<String>], policy: &mut Policy) {
        for v in values {
            let what = match kind {
                ast::NameKind::Alias => "alias",
                ast::NameKind::Purl => "package URL",
                ast::NameKind::Cpe => "CPE",
            };
            if !self.non_empty(v, what) {
                continue;
            }
            let Some(name) = self.product_name(kind, v, policy) else {
                continue;
            };
            let key = match &name {
                ProductName::Alias { name, .. } => NameKey::Alias(name.clone()),
                ProductName::Purl { purl, .. } => NameKey::Purl(purl.clone()),
                ProductName::Cpe { cpe, .. } => NameKey::Cpe(cpe.clone()),
            };
            if let Some(&first) = self.names_given.get(&key) {
                let d = Diagnostic::error(
                    Code::DuplicateDefinition,
                    format!("{what} `{}` is given twice", v.node),
                    v.span,
                    "given again here",
                )
                .with_related(first, "first given here")
                .with_help("remove one of them");
                self.err(d);
                continue;
            }
            self.names_given.insert(key, name.span());
            policy.names.push(name);
        }
    }

    /// `alias line LINE "NAME", ...`: a name given twice (to one line or to two) is a
    /// duplicate; the same name for several lines is allowed (SQL Server 2016 names the
    /// release and each of its service packs) and makes that name ambiguous. `seen` holds
    /// the names given so far, so that finding a repeat is one lookup, not a scan.
    pub(super) fn line_aliases(
        &mut self,
        line: &Spanned<String>,
        names: &[Spanned<String>],
        seen: &mut HashMap<(String, String), Span>,
        policy: &mut Policy,
    ) {
        if !self.non_empty(line, "line name") {
            return;
        }
        for n in names {
            if !self.non_empty(n, "line alias") {
                continue;
            }
            let folded = crate::resolve::fold_line_alias(&n.node);
            if folded == crate::resolve::fold_line_alias(&line.node) {
                self.err(
                    Diagnostic::warning(
                        Code::DuplicateDefinition,
                        format!("`{}` is the line's own name", n.node),
                        n.span,
                        "the line is already found by this name",
                    )
                    .with_help("remove it: a line is always found by its own name"),
                );
                continue;
            }
            let key = (line.node.to_ascii_lowercase(), folded.clone());
            if let Some(&first) = seen.get(&key) {
                let d = Diagnostic::error(
                    Code::DuplicateDefinition,
                    format!("line `{}` is given the name `{}` twice", line.node, n.node),
                    n.span,
                    "given again here",
                )
                .with_related(first, "first given here")
                .with_help("remove one of them");
                self.err(d);
                continue;
            }
            seen.insert(key, n.span);
            policy.line_aliases.push(LineAlias {
                line: line.node.clone(),
                name: n.node.clone(),
                folded,
                span: n.span,
                line_span: line.span,
            });
        }
    }

    /// `builds line LINE from "BUILD"`, once `line` is known: the build a version with more
    /// components than a line name (`13.0.6300.2` for `line major.minor`); a line given two
    /// starts, or two lines the same start, is a duplicate.
    pub(super) fn line_builds(&mut self, items: &[ast::Item], policy: &mut Policy) {
        // the line (lower case) and the build → which `builds line` gave it first
        let mut by_line: HashMap<String, usize> = HashMap::new();
        let mut by_build: BTreeMap<crate::version::Version, usize> = BTreeMap::new();
        for item in items {
            let ItemKind::LineBuilds { line, from } = &item.kind else {
                continue;
            };
            if !self.non_empty(line, "line name") || !self.non_empty(from, "build") {
                continue;
            }
            let parsed = crate::version::Version::parse(&from.node, &policy.prerelease)
                .filter(|v| v.core.len() > policy.line_len && v.suffix.is_empty());
            let Some(version) = parsed else {
                let example = (0..=policy.line_len)
                    .map(|i| (i + 1).to_string())
                    .collect::<Vec<_>>();
                self.err(
                    Diagnostic::error(
                        Code::InvalidBuild,
                        format!(
                            "`{}` is not a build: a line's first build is a version of more than {} component{} with nothing after them",
                            from.node,
                            policy.line_len,
                            if policy.line_len == 1 { "" } else { "s" }
                        ),
                        from.span,
                        "not a build",
                    )
                    .with_help(format!(
                        "write the line's first build as `--version` prints it, such as \"{}\"",
                        example.join(".")
                    )),
                );
                continue;
            };
            let first = by_line
                .get(&line.node.to_ascii_lowercase())
                .map(|&i| (i, true))
                .or_else(|| by_build.get(&version).map(|&i| (i, false)));
            if let Some((first, same_line)) =
                first.and_then(|(i, same)| Some((policy.line_builds.get(i)?, same)))
            {
                let message = if same_line {
                    format!("line `{}` is given a first build twice", line.node)
                } else {
                    format!(
                        "`{}` is given as the first build of lines `{}` and `{}`",
                        from.node, first.line, line.node
                    )
                };
                self.err(
                    Diagnostic::error(Code::DuplicateDefinition, message, from.span, "given again here")
                        .with_related(first.span, "first given here")
                        .with_help(
                            "a line's builds start once, and a build starts one line: remove one of them",
                        ),
                );
                continue;
            }
            by_line.insert(line.node.to_ascii_lowercase(), policy.line_builds.len());
            by_build.insert(version.clone(), policy.line_builds.len());
            policy.line_builds.push(LineBuilds {
                line: line.node.clone(),
                from: version,
                span: from.span,
                line_span: line.span,
            });
        }
    }

    /// One `alias`, `purl` or `cpe` value, parsed; `None` after a diagnostic.
    fn product_name(
        &mut self,
        kind: ast::NameKind,
        v: &Spanned<String>,
        policy: &Policy,
    ) -> Option<ProductName> {
        use crate::identifiers::{fold, Cpe, Purl};
        Some(match kind {
            ast::NameKind::Alias => {
                let folded = fold(&v.node);
                if folded == fold(&policy.id) {
                    self.err(
                        Diagnostic::warning(
                            Code::DuplicateDefinition,
                            format!("alias `{}` is the policy's own id", v.node),
                            v.span,
                            "same as the id",
                        )
                        .with_help("ids are matched without regard to case already; remove this alias"),
                    );
                    return None;
                }
                ProductName::Alias {
                    name: folded,
                    span: v.span,
                }
            }
            ast::NameKind::Purl => match Purl::parse(&v.node) {
                Ok(purl) if purl.version.is_some() => {
                    self.err(
                            Diagnostic::error(
                                Code::InvalidIdentifier,
                                format!("package URL `{}` names a version", v.node),
                                v.span,
                                "has `@VERSION`",
                            )
                            .with_help("a policy names the package, not one release of it; drop the `@` and what follows"),
                        );
                    return None;
                }
                Ok(purl) => match purl.pattern_problem() {
                    None => ProductName::Purl { purl, span: v.span },
                    Some(why) => {
                        self.err(
                            Diagnostic::error(
                                Code::InvalidIdentifier,
                                format!("`{}` is not a package URL pattern", v.node),
                                v.span,
                                "not a pattern `eol` reads",
                            )
                            .with_help(format!(
                                "{why}; e.g. `pkg:deb/debian/postgresql-*` for the names that start so, `pkg:deb/debian/php{{line}}-fpm` for one name per line"
                            )),
                        );
                        return None;
                    }
                },
                Err(why) => {
                    self.err(
                        Diagnostic::error(
                            Code::InvalidIdentifier,
                            format!("`{}` is not a package URL", v.node),
                            v.span,
                            "not a package URL",
                        )
                        .with_help(format!(
                            "{why}, e.g. `pkg:npm/next` or `pkg:deb/debian/postgresql-*`"
                        )),
                    );
                    return None;
                }
            },
            ast::NameKind::Cpe => match Cpe::parse(&v.node) {
                Ok(cpe) if cpe.version.is_some() || cpe.update.is_some() => {
                    self.err(
                            Diagnostic::error(
                                Code::InvalidIdentifier,
                                format!("CPE `{}` names a version", v.node),
                                v.span,
                                "has a version",
                            )
                            .with_help("a policy names the product; end the CPE after the product, or put `*` for the version"),
                        );
                    return None;
                }
                Ok(cpe) => ProductName::Cpe { cpe, span: v.span },
                Err(why) => {
                    self.err(
                        Diagnostic::error(
                            Code::InvalidIdentifier,
                            format!("`{}` is not a CPE", v.node),
                            v.span,
                            "not a CPE",
                        )
                        .with_help(format!("{why}, e.g. `cpe:2.3:a:nodejs:node.js`")),
                    );
                    return None;
                }
            },
        })
    }

    pub(super) fn labels(&mut self, l: &ast::Label) -> Labels {
        self.non_empty(&l.text, "display name");
        let mut by_lang = BTreeMap::new();
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for (lang, text) in &l.translations {
            if !(2..=3).contains(&lang.node.len()) || !lang.node.chars().all(|c| c.is_ascii_lowercase()) {
                self.err(
                    Diagnostic::error(
                        Code::InvalidLanguage,
                        format!("`{}` is not a language code", lang.node),
                        lang.span,
                        "expected a language code",
                    )
                    .with_help("use a two- or three-letter lowercase ISO 639 code, such as `de` or `fr`"),
                );
                continue;
            }
            if let Some(first) = seen.get(lang.node.as_str()) {
                self.err(duplicate("translation", lang, *first).with_help(format!(
                    "give one `{}` translation per display name; remove one of them",
                    lang.node
                )));
                continue;
            }
            seen.insert(&lang.node, lang.span);
            self.non_empty(text, "translation");
            by_lang.insert(lang.node.clone(), text.node.clone());
        }
        Labels {
            default: l.text.node.clone(),
            by_lang,
        }
    }

    pub(super) fn scheme(&mut self, v: &Spanned<String>) -> Option<Vec<String>> {
        let parts: Vec<&str> = v.node.split('.').collect();
        let mut out: Vec<String> = Vec::new();
        for part in &parts {
            let ok = !part.is_empty()
                && part.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !ok || out.iter().any(|o| o == part) {
                let d = Diagnostic::error(
                    Code::InvalidScheme,
                    format!("`{}` is not a version scheme", v.node),
                    v.span,
                    if ok {
                        format!("`{part}` appears twice")
                    } else if part.is_empty() {
                        "an empty component (two dots in a row, or a dot at an end)".to_owned()
                    } else {
                        format!("`{part}` is not a component name")
                    },
                )
                .with_help("name each dot-separated component once, e.g. `versions \"major.minor.patch\"` or `\"year.quarter.patch\"`");
                self.err(d);
                return None;
            }
            out.push((*part).to_owned());
        }
        Some(out)
    }

    pub(super) fn line_decl(&mut self, parts: &[ast::Ident], span: Span) -> usize {
        for (i, part) in parts.iter().enumerate() {
            match self.components.iter().position(|c| *c == part.node) {
                Some(pos) if pos == i => {}
                Some(_) => {
                    let d = Diagnostic::error(
                        Code::InvalidLine,
                        "a release line is a prefix of the version components",
                        part.span,
                        format!("`{}` is out of order", part.node),
                    )
                    .with_help(format!(
                        "list the leading components in order: `line {}`",
                        self.components
                            .iter()
                            .take(parts.len())
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(".")
                    ));
                    self.err(d);
                    return parts.len();
                }
                None => {
                    let known: Vec<&str> = self.components.iter().map(String::as_str).collect();
                    self.diags
                        .push(unknown(Code::UnknownComponent, "version component", part, &known));
                    return parts.len();
                }
            }
        }
        if parts.is_empty() {
            self.err(Diagnostic::error(
                Code::InvalidLine,
                "empty line declaration",
                span,
                "here",
            ));
            return 1;
        }
        parts.len()
    }

    /// `upstream ALIAS [= PRODUCT] [line "a" = "b", ...]`
    pub(super) fn upstream_item(
        &mut self,
        alias: &ast::Ident,
        product: Option<&ast::Ident>,
        lines: &[(ast::Text, ast::Text)],
        span: Span,
        policy: &mut Policy,
    ) {
        if let Some(first) = policy.upstreams.iter().find(|u| u.alias == alias.node) {
            self.err(
                duplicate("upstream", alias, first.span)
                    .with_help("declare each upstream once; give a second product another alias"),
            );
            return;
        }
        let product = product.unwrap_or(alias);
        if product.node == policy.id {
            self.err(
                Diagnostic::error(
                    Code::UpstreamCycle,
                    format!("policy `{}` names itself as its upstream", policy.id),
                    product.span,
                    "this policy",
                )
                .with_help("an upstream is another policy; read this policy's own dates without `of`"),
            );
            // Still declared, so that its uses are not reported as unknown too.
        }
        let mut map: Vec<(String, String)> = Vec::new();
        let mut first_at: Vec<Span> = Vec::new();
        for (ours, theirs) in lines {
            let ok = self.non_empty(ours, "line name") & self.non_empty(theirs, "line name");
            if !ok {
                continue;
            }
            if let Some(i) = map.iter().position(|(o, _)| o.eq_ignore_ascii_case(&ours.node)) {
                let first = first_at.get(i).copied().unwrap_or(ours.span);
                self.err(
                    duplicate("line mapping", ours, first)
                        .with_help("map each of this policy's lines to one upstream line"),
                );
                continue;
            }
            map.push((ours.node.clone(), theirs.node.clone()));
            first_at.push(ours.span);
        }
        self.upstreams.push(alias.node.clone());
        policy.upstreams.push(Upstream {
            alias: alias.node.clone(),
            product: product.node.clone(),
            lines: map,
            span,
        });
    }
}
