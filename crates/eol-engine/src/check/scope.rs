//! Names: the declared attributes, services, phases and milestones, looking them up, and reporting what is unknown or given twice.

use std::collections::BTreeMap;

use eol_syntax::ast::{self, ItemKind};
use eol_syntax::{Code, Diagnostic, Span, Spanned};

use super::Checker;
use crate::model::*;
use crate::suggest::suggest;

impl Checker<'_> {
    pub(super) fn attribute_index(&self, name: &str) -> Option<usize> {
        self.index.attributes.get(name).copied()
    }

    pub(super) fn service_index(&self, id: &str) -> Option<usize> {
        self.index.services.get(id).copied()
    }

    pub(super) fn phase_index(&self, id: &str) -> Option<usize> {
        self.index.phases.get(id).copied()
    }

    pub(super) fn milestone_index(&self, id: &str) -> Option<usize> {
        self.index.milestones.get(id).copied()
    }

    pub(super) fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    pub(super) fn non_empty(&mut self, text: &Spanned<String>, what: &str) -> bool {
        if text.node.trim().is_empty() {
            self.err(
                Diagnostic::error(Code::EmptyText, format!("empty {what}"), text.span, "empty")
                    .with_help(format!("write the {what} between the quotes")),
            );
            return false;
        }
        true
    }

    pub(super) fn unknown(&mut self, code: Code, what: &str, name: &Spanned<String>, known: &[&str]) {
        self.err(unknown(code, what, name, known));
    }

    pub(super) fn collect_decls(&mut self, items: &[ast::Item]) {
        for item in items {
            match &item.kind {
                ItemKind::Attribute { name, ty } => self.declare_attribute(name, ty.as_ref()),
                ItemKind::Service { id, label } => self.declare_service(id, label.as_ref()),
                ItemKind::Phase(ph) if self.phase_index(&ph.id.node).is_none() => {
                    self.index.phases.insert(ph.id.node.clone(), self.phases.len());
                    self.phases.push(PhaseDecl {
                        id: ph.id.node.clone(),
                        labels: Labels {
                            default: ph.id.node.clone(),
                            by_lang: BTreeMap::new(),
                        },
                        role: None,
                        role_span: None,
                        more_roles: Vec::new(),
                        free: None,
                        defs: Vec::new(),
                        span: ph.id.span,
                    });
                }
                ItemKind::Milestone { id, .. } if self.milestone_index(&id.node).is_none() => {
                    if super::NAMES.contains(&id.node.as_str()) {
                        self.err(built_in_date("milestone", id));
                        continue;
                    }
                    self.index
                        .milestones
                        .insert(id.node.clone(), self.milestones.len());
                    self.milestones.push(MilestoneDecl {
                        id: id.node.clone(),
                        labels: Labels {
                            default: id.node.clone(),
                            by_lang: BTreeMap::new(),
                        },
                        defs: Vec::new(),
                        span: id.span,
                    });
                }
                ItemKind::When { items, .. } => self.collect_decls(items),
                _ => {}
            }
        }
    }

    /// `attribute NAME[: TYPE]`: declared once, not a catalog column.
    fn declare_attribute(&mut self, name: &ast::Ident, ty: Option<&ast::Ident>) {
        if let Some(first) = self
            .attribute_index(&name.node)
            .and_then(|i| self.attributes.get(i))
            .map(|a| a.span)
        {
            self.err(duplicate("attribute", name, first));
            return;
        }
        if super::NAMES.contains(&name.node.as_str()) && name.node != "final" {
            self.err(built_in_date("attribute", name));
            return;
        }
        if ["final", "kind", "line", "version", "date", "product", "note"].contains(&name.node.as_str()) {
            self.err(
                            Diagnostic::error(
                                Code::ReservedName,
                                format!("`{}` is a catalog column, not an attribute", name.node),
                                name.span,
                                "reserved",
                            )
                            .with_help("catalog columns are always available; only declare extra attributes such as `lts` or `edition`"),
                        );
            return;
        }
        let ty = match ty {
            None => AttrType::Bool,
            Some(t) => match AttrType::from_name(&t.node) {
                Some(ty) => ty,
                None => {
                    self.unknown(Code::UnknownType, "attribute type", t, &AttrType::NAMES);
                    AttrType::Text
                }
            },
        };
        self.index
            .attributes
            .insert(name.node.clone(), self.attributes.len());
        self.attributes.push(AttrDecl {
            name: name.node.clone(),
            ty,
            span: name.span,
        });
    }

    /// `service ID ["Name"]`: declared once.
    fn declare_service(&mut self, id: &ast::Ident, label: Option<&ast::Label>) {
        if let Some(first) = self
            .service_index(&id.node)
            .and_then(|i| self.services.get(i))
            .map(|s| s.span)
        {
            self.err(duplicate("service", id, first));
            return;
        }
        let labels = match label {
            Some(l) => self.labels(l),
            None => Labels {
                default: id.node.clone(),
                by_lang: BTreeMap::new(),
            },
        };
        self.index.services.insert(id.node.clone(), self.services.len());
        self.services.push(Service {
            id: id.node.clone(),
            labels,
            span: id.span,
        });
    }

    pub(super) fn unknown_attribute(&mut self, name: &Spanned<String>) {
        self.unknown_attribute_of(name, "");
    }

    /// [`Self::unknown_attribute`], suggesting a declaration with `ty` (`": number"`).
    pub(super) fn unknown_attribute_of(&mut self, name: &Spanned<String>, ty: &str) {
        let known: Vec<&str> = self
            .attributes
            .iter()
            .map(|a| a.name.as_str())
            .chain(self.components.iter().map(String::as_str))
            .collect();
        let mut d = Diagnostic::error(
            Code::UnknownAttribute,
            format!("unknown attribute `{}`", name.node),
            name.span,
            "not declared",
        );
        d.help = Some(match suggest(&name.node, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("declare it first: `attribute {}{ty}`", name.node),
        });
        self.err(d);
    }

    pub(super) fn component(&mut self, name: &Spanned<String>) -> Option<usize> {
        let i = self.components.iter().position(|c| *c == name.node);
        if i.is_none() {
            let known: Vec<&str> = self.components.iter().map(String::as_str).collect();
            self.diags
                .push(unknown(Code::UnknownComponent, "version component", name, &known));
        }
        i
    }
}

pub(crate) fn duplicate(what: &str, id: &Spanned<String>, first: Span) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateDefinition,
        format!("{what} `{}` is defined twice", id.node),
        id.span,
        "defined again here",
    )
    .with_related(first, "first defined here")
    .with_help(format!("rename one of them, or remove the second {what}"))
}

pub(super) fn unknown(code: Code, what: &str, name: &Spanned<String>, known: &[&str]) -> Diagnostic {
    {
        let mut d = Diagnostic::error(
            code,
            format!("unknown {what} `{}`", name.node),
            name.span,
            format!("not a known {what}"),
        );
        d.help = Some(match suggest(&name.node, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if known.is_empty() => format!("no {what} is declared"),
            None => format!("known: {}", list(known)),
        });
        d
    }
}

pub(super) fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `eol::reserved-name` for a milestone or attribute named like a built-in date
/// (`first_ship`, `version_month`): a date expression of that name always means the
/// built-in, so the declaration could never be referred to.
fn built_in_date(what: &str, name: &ast::Ident) -> Diagnostic {
    let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    Diagnostic::error(
        Code::ReservedName,
        format!("`{}` is a built-in date, not {article} {what} name", name.node),
        name.span,
        "reserved",
    )
    .with_help(format!(
        "`{}` in a date expression always means the built-in; give the {what} another name",
        name.node
    ))
}
