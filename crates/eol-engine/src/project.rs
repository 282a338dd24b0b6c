//! Rule files as a unit: parse, check, and the checks that span files.

use std::collections::HashMap;

use eol_syntax::ast;
use eol_syntax::{Code, Diagnostic, Span};

use crate::check::{check_file_with, check_policy, duplicate};
use crate::model::Policy;

/// One rule file: its text, tree, resolved policies and diagnostics.
#[derive(Debug)]
pub struct RuleFile {
    /// The name diagnostics show (usually the path as given).
    pub name: String,
    pub text: String,
    pub tree: ast::File,
    pub policies: Vec<Policy>,
    pub diagnostics: Vec<Diagnostic>,
}

impl RuleFile {
    /// Parse and check one file's bytes.
    pub fn load(name: impl Into<String>, bytes: &[u8]) -> RuleFile {
        RuleFile::load_with(name, bytes, &mut Fresh)
    }

    /// [`RuleFile::load`], with each policy parsed and checked by `front`: from scratch,
    /// or from what it kept of the same text before (`ide::incremental`). The passes over
    /// the whole file (the split into policies, comments, duplicate ids and names,
    /// `extends`) run here every time.
    pub fn load_with(name: impl Into<String>, bytes: &[u8], front: &mut dyn FrontEnd) -> RuleFile {
        let (text, parsed) = match std::str::from_utf8(bytes) {
            Ok(text) => (
                text.to_owned(),
                eol_syntax::parse_with(text, &mut |span, chunk| front.parse_chunk(span, chunk)),
            ),
            Err(_) => eol_syntax::parse_bytes(bytes),
        };
        let (policies, mut diagnostics) = check_file_with(&parsed.file, &mut |i, p| front.check_policy(i, p));
        let mut all = parsed.diagnostics;
        all.append(&mut diagnostics);
        let mut file = RuleFile {
            name: name.into(),
            text,
            tree: parsed.file,
            policies,
            diagnostics: Vec::new(),
        };
        let mut extra = Vec::new();
        names_across(std::slice::from_ref(&file), false, &mut extra);
        all.extend(extra.into_iter().map(|(_, d)| d));
        all.sort_by_key(|d| (d.primary.span.start, d.primary.span.end));
        file.diagnostics = all;
        file
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// How [`RuleFile::load_with`] parses each top-level chunk of a file and checks each
/// policy that inherits nothing.
pub trait FrontEnd {
    /// What [`eol_syntax::parse_chunk`] gives for `text`, which stands at `span`.
    fn parse_chunk(&mut self, span: Span, text: &str) -> eol_syntax::ChunkParse;
    /// What [`check_policy`] gives for the `index`-th policy of the file.
    fn check_policy(&mut self, index: usize, policy: &ast::Policy) -> crate::check::Checked;
    /// What [`crate::kb::CatalogFile::load_owned`] gives for a catalog's bytes (the
    /// language server keeps the parsed catalog while its bytes stay the same).
    fn load_catalog(
        &mut self,
        name: &str,
        format: crate::catalog::CatalogFormat,
        bytes: std::borrow::Cow<'_, [u8]>,
    ) -> crate::kb::CatalogFile {
        crate::kb::CatalogFile::load_owned(name, format, bytes)
    }
}

/// Everything from scratch, as `eol check` does.
pub struct Fresh;

impl FrontEnd for Fresh {
    fn parse_chunk(&mut self, span: Span, text: &str) -> eol_syntax::ChunkParse {
        eol_syntax::parse_chunk(text, span.start)
    }

    fn check_policy(&mut self, _index: usize, policy: &ast::Policy) -> crate::check::Checked {
        check_policy(policy)
    }
}

/// Report a policy id defined in more than one file (within one file the checker
/// already does). The later file gets the diagnostic, pointing back at the first.
pub fn check_across(files: &mut [RuleFile]) {
    let mut seen: HashMap<String, (usize, Span)> = HashMap::new();
    let mut extra: Vec<(usize, Diagnostic)> = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        for p in &f.policies {
            match seen.get(&p.id) {
                Some((first_file, first_span)) if *first_file != fi => {
                    let (first_name, first_text) = files
                        .get(*first_file)
                        .map_or(("", ""), |f| (f.name.as_str(), f.text.as_str()));
                    let (first_line, first_col) = eol_syntax::line_col(first_text, first_span.start);
                    let id = eol_syntax::Spanned::new(p.id.clone(), p.id_span);
                    let mut d = duplicate("policy", &id, *first_span);
                    d.related.clear();
                    d.message = format!("policy `{}` is also defined in {first_name}", p.id);
                    d.help = Some(format!("each policy id names one product; rename this one or remove one of the two (the other is at {first_name}:{first_line}:{first_col})"));
                    extra.push((fi, d));
                }
                Some(_) => {}
                None => {
                    seen.insert(p.id.clone(), (fi, p.id_span));
                }
            }
        }
    }
    names_across(files, true, &mut extra);
    for (fi, d) in extra {
        if let Some(f) = files.get_mut(fi) {
            f.diagnostics.push(d);
        }
    }
}

/// An alias, package URL or CPE must name one product: report one that is another
/// policy's id, alias or identifier (on the later of the two). `across`: only pairs in
/// different files (within one file, [`RuleFile::load`] reports them).
fn names_across(files: &[RuleFile], across: bool, extra: &mut Vec<(usize, Diagnostic)>) {
    use crate::identifiers::fold;
    use crate::model::ProductName;
    // folded name -> (file, policy id, span, the name as declared)
    let mut owners: HashMap<String, (usize, String, Span, String)> = HashMap::new();
    for (fi, f) in files.iter().enumerate() {
        for p in &f.policies {
            owners
                .entry(fold(&p.id))
                .or_insert((fi, p.id.clone(), p.id_span, fold(&p.id)));
        }
    }
    for (fi, f) in files.iter().enumerate() {
        for p in &f.policies {
            for n in &p.names {
                let key = match n {
                    ProductName::Alias { name, .. } => name.clone(),
                    ProductName::Purl { purl, .. } => purl.key(),
                    ProductName::Cpe { cpe, .. } => {
                        format!("cpe:{}:{}:{}", cpe.part, cpe.vendor, cpe.product)
                    }
                };
                // what the name finds by first: `pkg:rpm/rhel/x` is `pkg:rpm/redhat/x`, an OCI
                // image the Docker image of its repository
                let found_by = match n {
                    ProductName::Purl { purl, .. } => purl.match_key(),
                    _ => key.clone(),
                };
                match owners.get(&found_by) {
                    Some((other_file, _, _, _)) if across && *other_file == fi => {}
                    Some((other_file, other, other_span, other_key)) if *other != p.id => {
                        let message = if *other_key == key {
                            format!("`{key}` already names product `{other}`")
                        } else {
                            let why = if key.starts_with("pkg:rpm/") {
                                "an RPM namespace is its distribution's, under either name SBOM tools write"
                            } else {
                                "an OCI image is the Docker image of its repository"
                            };
                            format!(
                                "`{key}` names the packages `{other_key}` does, which names product `{other}` ({why})"
                            )
                        };
                        let mut d =
                            Diagnostic::error(Code::AmbiguousName, message, n.span(), "names two products")
                                .with_help(format!(
                                    "a name finds one product; remove it here or from `{other}`"
                                ));
                        if *other_file == fi {
                            d = d.with_related(*other_span, format!("`{other}` declared here"));
                        } else {
                            let name = files.get(*other_file).map_or("", |f| f.name.as_str());
                            d.message = format!("{} (in {name})", d.message);
                        }
                        extra.push((fi, d));
                    }
                    Some(_) => {}
                    None => {
                        owners.insert(found_by, (fi, p.id.clone(), n.span(), key));
                    }
                }
            }
        }
    }
    packages_across(files, across, extra);
}

/// A distribution's package name one policy writes out (`pkg:deb/debian/php8.2-fpm`) that
/// another policy's pattern takes (`pkg:deb/ubuntu/php{line}-fpm`; the namespace is not
/// compared, as an inventory's bare names are of any distribution): the name would find
/// neither product. Reported on the written-out name. Then two policies' patterns that take
/// a name in common ([`patterns_across`]).
fn packages_across(files: &[RuleFile], across: bool, extra: &mut Vec<(usize, Diagnostic)>) {
    use crate::model::ProductName;
    // every policy of every file, in order, with its file
    let policies: Vec<(usize, &crate::model::Policy)> = files
        .iter()
        .enumerate()
        .flat_map(|(fi, f)| f.policies.iter().map(move |p| (fi, p)))
        .collect();
    let refs: Vec<&crate::model::Policy> = policies.iter().map(|(_, p)| *p).collect();
    let index = crate::resolve::PackageNames::new(&refs);
    for (pi, (fi, p)) in policies.iter().enumerate() {
        for n in &p.names {
            let ProductName::Purl { purl, span } = n else {
                continue;
            };
            if purl.is_pattern() || !matches!(purl.ty.as_str(), "deb" | "rpm" | "apk") {
                continue;
            }
            let other = index.patterns_taking(&purl.name).into_iter().find_map(|oi| {
                let (other_file, other) = policies.get(oi)?;
                (oi != pi && !(across && other_file == fi)).then_some((*other_file, *other))
            });
            let Some((other_file, other)) = other else {
                continue;
            };
            let pattern = other.purls().find(|d| {
                d.is_pattern()
                    && matches!(d.ty.as_str(), "deb" | "rpm" | "apk")
                    && crate::identifiers::name_matches(&d.name, &purl.name)
            });
            let (pattern_text, pattern_span) = other
                .names
                .iter()
                .find_map(|m| match m {
                    ProductName::Purl { purl: d, span } if Some(d) == pattern => Some((d.key(), *span)),
                    _ => None,
                })
                .unwrap_or_default();
            let mut d = Diagnostic::error(
                Code::AmbiguousName,
                format!(
                    "package `{}` is also taken by `{}`'s pattern `{pattern_text}`",
                    purl.name, other.id
                ),
                *span,
                "names two products",
            )
            .with_help(format!(
                "a package name two products give finds neither; remove it here, or write `{}`'s \
                 names out so that its pattern does not take this one",
                other.id
            ));
            if other_file == *fi {
                d = d.with_related(pattern_span, format!("`{}`'s pattern", other.id));
            } else {
                let name = files.get(other_file).map_or("", |f| f.name.as_str());
                d.message = format!("{} (in {name})", d.message);
            }
            extra.push((*fi, d));
        }
    }
    patterns_across(files, across, extra);
}

/// Two policies' distribution package patterns that take a name in common (`demo-*` and
/// `demo-{line}-server` both take `demo-0-server`; the namespace is not compared): such a
/// package finds neither product. Reported on the later of the two, with the shortest name
/// both take ([`crate::identifiers::common_name`]). Only patterns whose fixed text before
/// their first `{line}` or `*` begins the other's are compared (no name can start with two
/// texts otherwise), so the check stays near linear in the number of patterns.
fn patterns_across(files: &[RuleFile], across: bool, extra: &mut Vec<(usize, Diagnostic)>) {
    use crate::model::ProductName;
    struct Pattern<'f> {
        file: usize,
        /// the policy's place among all files' policies
        policy: usize,
        id: &'f str,
        name: &'f str,
        key: String,
        span: Span,
    }
    let mut patterns: Vec<Pattern<'_>> = Vec::new();
    let mut policy = 0;
    for (fi, f) in files.iter().enumerate() {
        for p in &f.policies {
            for n in &p.names {
                if let ProductName::Purl { purl, span } = n {
                    if purl.is_pattern()
                        && purl.pattern_problem().is_none()
                        && matches!(purl.ty.as_str(), "deb" | "rpm" | "apk")
                    {
                        patterns.push(Pattern {
                            file: fi,
                            policy,
                            id: &p.id,
                            name: &purl.name,
                            key: purl.key(),
                            span: *span,
                        });
                    }
                }
            }
            policy += 1;
        }
    }
    let fixed = |name: &str| -> usize { name.find(['{', '*']).unwrap_or(name.len()) };
    let mut by_fixed: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, p) in patterns.iter().enumerate() {
        by_fixed
            .entry(p.name.get(..fixed(p.name)).unwrap_or_default())
            .or_default()
            .push(k);
    }
    // only the lengths some fixed text has are looked up, not every prefix of a name (a
    // prefix of each length would cost a long name the square of its length)
    let mut lengths: Vec<usize> = by_fixed.keys().map(|t| t.len()).collect();
    lengths.sort_unstable();
    lengths.dedup();
    for (k, p) in patterns.iter().enumerate() {
        let text = p.name.get(..fixed(p.name)).unwrap_or_default();
        let ends = lengths.iter().copied().take_while(|&e| e <= text.len());
        for end in ends.filter(|&e| text.is_char_boundary(e)) {
            let Some(others) = text.get(..end).and_then(|t| by_fixed.get(t)) else {
                continue;
            };
            for &o in others {
                // each pair once: from the one whose fixed text is longer, or the later
                let Some(other) = patterns.get(o).filter(|_| end < text.len() || o < k) else {
                    continue;
                };
                if other.policy == p.policy || (across && other.file == p.file) {
                    continue;
                }
                let Some(name) = crate::identifiers::common_name(p.name, other.name) else {
                    continue;
                };
                let (here, there) = if o < k { (p, other) } else { (other, p) };
                let mut d = Diagnostic::error(
                    Code::AmbiguousName,
                    format!(
                        "`{}` and `{}`'s pattern `{}` both take package `{name}`",
                        here.key, there.id, there.key
                    ),
                    here.span,
                    "takes names another product's pattern takes",
                )
                .with_help(format!(
                    "a package name two products give finds neither; narrow one of the two \
                     patterns, or write `{}`'s or `{}`'s names out",
                    here.id, there.id
                ));
                if there.file == here.file {
                    d = d.with_related(there.span, format!("`{}`'s pattern", there.id));
                } else {
                    let file = files.get(there.file).map_or("", |f| f.name.as_str());
                    d.message = format!("{} (in {file})", d.message);
                }
                extra.push((here.file, d));
            }
        }
    }
}
