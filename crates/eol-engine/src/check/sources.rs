//! Checking `source` items: a known kind, a location of the form the kind needs, a
//! pattern with one `{version}`, a `where` that reads only the version, and no source
//! given twice.

use eol_syntax::{ast, Code, Diagnostic, Span, Spanned};

use super::Checker;
use crate::model::Policy;
use crate::sources::{reads_version_only, Pattern, SourceDecl, SourceKind, PLACEHOLDER};

impl Checker<'_> {
    pub(super) fn source_item(
        &mut self,
        kind: &Spanned<String>,
        location: &Spanned<String>,
        pattern: Option<&Spanned<String>>,
        filter: Option<&ast::Cond>,
        span: Span,
        policy: &mut Policy,
    ) {
        let resolved = SourceKind::from_name(&kind.node);
        if resolved.is_none() {
            self.unknown(Code::UnknownSourceKind, "source kind", kind, &SourceKind::NAMES);
        }
        let mut ok = resolved.is_some();
        if self.non_empty(location, "source location") {
            if let Some(k) = resolved {
                if let Err(why) = k.check_location(location.node.trim()) {
                    ok = false;
                    self.err(
                        Diagnostic::error(
                            Code::InvalidSource,
                            format!(
                                "`{}` is not a location for a `{}` source",
                                location.node,
                                k.name()
                            ),
                            location.span,
                            "not a location of this kind",
                        )
                        .with_help(why),
                    );
                }
            }
        } else {
            ok = false;
        }
        let (pattern, pattern_ok) = self.source_pattern(pattern);
        let (filter, filter_ok) = self.source_filter(filter);
        ok = ok && pattern_ok && filter_ok;
        let (Some(kind_value), true) = (resolved, ok) else {
            return;
        };
        let location_text = location.node.trim().to_owned();
        if let Some(first) = policy
            .sources
            .iter()
            .find(|s| s.kind == kind_value && s.location.eq_ignore_ascii_case(&location_text))
        {
            let first = first.span;
            self.err(
                Diagnostic::error(
                    Code::DuplicateDefinition,
                    format!("source `{} {}` is given twice", kind_value.name(), location_text),
                    span,
                    "given again here",
                )
                .with_related(first, "first given here")
                .with_help("remove one of them; one source can list the releases of several lines"),
            );
            return;
        }
        policy.sources.push(SourceDecl {
            kind: kind_value,
            location: location_text,
            pattern,
            filter,
            span,
        });
    }

    /// A source's `pattern`, and whether it is well-formed.
    fn source_pattern(&mut self, pattern: Option<&Spanned<String>>) -> (Pattern, bool) {
        let mut ok = true;
        let pattern = match pattern {
            None => Pattern::default(),
            Some(p) => match Pattern::parse(&p.node) {
                Ok(parsed) => parsed,
                Err(why) => {
                    ok = false;
                    self.err(
                        Diagnostic::error(
                            Code::InvalidSource,
                            format!("pattern `{}` does not say where the version is", p.node),
                            p.span,
                            format!("needs one `{PLACEHOLDER}`"),
                        )
                        .with_help(why),
                    );
                    Pattern::default()
                }
            },
        };
        (pattern, ok)
    }

    /// A source's `where`, which may test only the version, and whether it is well-formed.
    fn source_filter(&mut self, filter: Option<&ast::Cond>) -> (Option<crate::model::Cond>, bool) {
        let mut ok = true;
        let filter = match filter {
            None => None,
            Some(c) => match self.cond(c) {
                Some(resolved) if reads_version_only(&resolved) => Some(resolved),
                Some(_) => {
                    ok = false;
                    self.err(
                        Diagnostic::error(
                            Code::InvalidSource,
                            "a source's `where` can only test the version",
                            c.span,
                            "reads more than the version",
                        )
                        .with_help(
                            "a release is chosen before the catalog knows anything else about it; \
                             test `line`, a version component (`major >= 18`, `minor is even`) or \
                             `line matches \"...\"`",
                        ),
                    );
                    None
                }
                None => {
                    ok = false;
                    None
                }
            },
        };
        (filter, ok)
    }
}
