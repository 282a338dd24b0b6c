//! Conditions: `when` and `where`, comparisons, attributes, parity and arithmetic on version components.

use eol_syntax::ast::{self, OperandKind};
use eol_syntax::{Code, Diagnostic, Span, Spanned};

use super::{Checker, CLASSES};
use crate::model::*;
use crate::version::Version;

impl Checker<'_> {
    pub(super) fn cond(&mut self, c: &ast::Cond) -> Option<Cond> {
        use ast::CondKind as K;
        match &c.kind {
            K::Or(parts) | K::And(parts) => {
                let mut out = Vec::new();
                let mut bad = false;
                for p in parts {
                    match self.cond(p) {
                        Some(x) => out.push(x),
                        None => bad = true,
                    }
                }
                if bad {
                    return None;
                }
                Some(if matches!(c.kind, K::Or(_)) {
                    Cond::Any(out)
                } else {
                    Cond::All(out)
                })
            }
            K::Not(inner) => Some(Cond::Not(Box::new(self.cond(inner)?))),
            K::Paren(inner) => self.cond(inner),
            K::Is { subject, class } => {
                let component = self.component(subject)?;
                let even = match class.node.as_str() {
                    "even" => true,
                    "odd" => false,
                    _ => {
                        self.unknown(Code::UnknownClass, "class", class, &CLASSES);
                        return None;
                    }
                };
                Some(Cond::Parity { component, even })
            }
            K::Flag(name) => self.flag(name),
            K::Compare { lhs, op, rhs } => self.compare(lhs, op.node, rhs, c.span),
            K::LastOf(name) => Some(Cond::LastOf(self.component(name)?)),
            K::Same(name) => self.same(name, c.span),
            K::Matches { subject, pattern } => self.matches(subject, pattern),
        }
    }

    /// `lts`: a yes/no attribute.
    fn flag(&mut self, name: &ast::Ident) -> Option<Cond> {
        let Some(i) = self.attribute_index(&name.node) else {
            self.unknown_attribute(name);
            return None;
        };
        if self.attributes.get(i).is_some_and(|a| a.ty != AttrType::Bool) {
            self.err(
                Diagnostic::error(
                    Code::TypeMismatch,
                    format!("attribute `{}` is not a yes/no attribute", name.node),
                    name.span,
                    "not bool",
                )
                .with_help(format!("compare it with a value: `{} == \"...\"`", name.node)),
            );
            return None;
        }
        Some(Cond::Flag(i))
    }

    /// `same COMPONENT`, inside a line selector's `where`.
    fn same(&mut self, name: &ast::Ident, span: Span) -> Option<Cond> {
        let component = self.component(name)?;
        if !self.in_selector {
            self.err(
                Diagnostic::error(
                    Code::MisplacedCondition,
                    format!(
                        "`same {}` compares two lines, and only one is in view here",
                        name.node
                    ),
                    span,
                    "outside a line selector",
                )
                .with_help(format!(
                    "use it where another line is selected: `first_ship(newer 1 where same {})`",
                    name.node
                )),
            );
            return None;
        }
        Some(Cond::Same(component))
    }

    /// `line matches "GLOB"`, `ATTRIBUTE matches "GLOB"`.
    fn matches(&mut self, subject: &ast::Operand, pattern: &Spanned<String>) -> Option<Cond> {
        if pattern.node.is_empty() {
            self.non_empty(pattern, "pattern");
            return None;
        }
        let glob = Glob(pattern.node.clone());
        match &subject.kind {
            OperandKind::Line => Some(Cond::LineMatches(glob)),
            OperandKind::Name(name) => {
                let Some(attr) = self.attribute_index(name) else {
                    self.unknown_attribute(&Spanned::new(name.clone(), subject.span));
                    return None;
                };
                if self.attributes.get(attr).is_some_and(|a| a.ty != AttrType::Text) {
                    return self.bad_operand(subject.span, "`line` or a text attribute before `matches`");
                }
                Some(Cond::AttrMatches { attr, glob })
            }
            _ => self.bad_operand(subject.span, "`line` or a text attribute before `matches`"),
        }
    }

    /// `minor % 4 == 0`, `major * 100 + minor >= 2403`: a comparison of whole numbers
    /// computed from version components.
    pub(super) fn calc_compare(&mut self, lhs: &ast::Operand, op: CmpOp, rhs: &ast::Operand) -> Option<Cond> {
        let lhs = self.calc_operand(lhs);
        let rhs = self.calc_operand(rhs);
        Some(Cond::Calc {
            lhs: lhs?,
            op,
            rhs: rhs?,
        })
    }

    pub(super) fn calc_operand(&mut self, o: &ast::Operand) -> Option<Calc> {
        match &o.kind {
            OperandKind::Arith(a) => self.calc(a),
            OperandKind::Name(name) => self
                .calc_name(&Spanned::new(name.clone(), o.span))
                .map(Calc::Component),
            OperandKind::Version(text) => self.calc_number(&Spanned::new(text.clone(), o.span)),
            _ => {
                self.not_a_number(o.span);
                None
            }
        }
    }

    pub(super) fn not_a_number(&mut self, span: Span) {
        self.err(
            Diagnostic::error(
                Code::TypeMismatch,
                "expected a whole number or a version component",
                span,
                "not a whole number",
            )
            .with_help("arithmetic compares whole numbers computed from version components: `minor % 4 == 0`, `major * 100 + minor >= 2403`"),
        );
    }

    pub(super) fn calc(&mut self, a: &ast::Arith) -> Option<Calc> {
        match &a.kind {
            ast::ArithKind::Number(n) => self.calc_number(&Spanned::new(n.clone(), a.span)),
            ast::ArithKind::Name(n) => self.calc_name(n).map(Calc::Component),
            ast::ArithKind::Paren(inner) => self.calc(inner),
            ast::ArithKind::Binary { op, lhs, rhs } => {
                let l = self.calc(lhs);
                let r = self.calc(rhs)?;
                if matches!(op, ArithOp::Div | ArithOp::Rem) && r == Calc::Number(0) {
                    self.err(
                        Diagnostic::error(
                            Code::NumberOutOfRange,
                            format!("`{} 0` divides by zero", op.as_str()),
                            rhs.span,
                            "zero",
                        )
                        .with_help("divide by a whole number other than zero, such as `minor % 4`"),
                    );
                    return None;
                }
                Some(Calc::Binary(*op, Box::new(l?), Box::new(r)))
            }
        }
    }

    /// A name in arithmetic: a version component; attributes and the rest are not numbers
    /// of the version.
    pub(super) fn calc_name(&mut self, name: &Spanned<String>) -> Option<usize> {
        if self.attributes.iter().any(|a| a.name == name.node) {
            self.err(
                Diagnostic::error(
                    Code::TypeMismatch,
                    format!("`{}` is an attribute, not a version component", name.node),
                    name.span,
                    "an attribute",
                )
                .with_help("arithmetic reads the components of the line's version, such as `minor % 4`"),
            );
            return None;
        }
        self.component(name)
    }

    pub(super) fn calc_number(&mut self, text: &Spanned<String>) -> Option<Calc> {
        if !text.node.chars().all(|c| c.is_ascii_digit()) || text.node.is_empty() {
            self.not_a_number(text.span);
            return None;
        }
        match text.node.parse::<i64>() {
            Ok(n) if n <= 1_000_000_000 => Some(Calc::Number(n)),
            _ => {
                self.err(
                    Diagnostic::error(
                        Code::NumberOutOfRange,
                        format!("`{}` is too large", text.node),
                        text.span,
                        "more than 1000000000",
                    )
                    .with_help("numbers in arithmetic go up to 1000000000"),
                );
                None
            }
        }
    }

    pub(super) fn compare(
        &mut self,
        lhs: &ast::Operand,
        op: CmpOp,
        rhs: &ast::Operand,
        span: Span,
    ) -> Option<Cond> {
        if matches!(lhs.kind, OperandKind::Arith(_)) || matches!(rhs.kind, OperandKind::Arith(_)) {
            return self.calc_compare(lhs, op, rhs);
        }
        let value_text = |o: &ast::Operand| -> Option<String> {
            match &o.kind {
                OperandKind::Version(v) | OperandKind::Text(v) | OperandKind::Date(v) => Some(v.clone()),
                _ => None,
            }
        };
        match &lhs.kind {
            OperandKind::Line => {
                let Some(text) = value_text(rhs) else {
                    return self.bad_operand(rhs.span, "a version such as `8.2`");
                };
                match Version::parse(&text, &self.prerelease) {
                    Some(v) => Some(Cond::Line { op, value: v }),
                    None => self.bad_operand(rhs.span, "a version such as `8.2`"),
                }
            }
            OperandKind::Name(name) if name == "first_ship" => match &rhs.kind {
                OperandKind::Date(text) => Some(Cond::FirstShip {
                    op,
                    value: self.literal(text, rhs.span)?,
                }),
                _ => self.bad_operand(rhs.span, "a date (YYYY-MM-DD) to compare `first_ship` with"),
            },
            OperandKind::Name(name) if name == "kind" => {
                let Some(text) = value_text(rhs) else {
                    return self.bad_operand(rhs.span, "a release kind in quotes, such as `\"major\"`");
                };
                if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    return self.bad_operand(span, "`==` or `!=` for a release kind");
                }
                Some(Cond::Kind { op, value: text })
            }
            OperandKind::Name(name) => {
                let sname = Spanned::new(name.clone(), lhs.span);
                if let Some(component) = self.components.iter().position(|c| c == name) {
                    let Some(text) = value_text(rhs) else {
                        return self.bad_operand(rhs.span, "a number or version component");
                    };
                    return match Version::parse(&text, &self.prerelease) {
                        Some(v) => Some(Cond::Component {
                            component,
                            op,
                            value: v,
                        }),
                        None => self.bad_operand(rhs.span, "a number or version component"),
                    };
                }
                let Some(attr) = self.attribute_index(name) else {
                    self.unknown_attribute(&sname);
                    return None;
                };
                let ty = self.attributes.get(attr).map_or(AttrType::Text, |a| a.ty);
                let value = match (&rhs.kind, ty) {
                    (OperandKind::Name(b), AttrType::Bool) if b == "true" || b == "false" => {
                        AttrLit::Bool(b == "true")
                    }
                    (OperandKind::Text(t), AttrType::Text) => AttrLit::Text(t.clone()),
                    (OperandKind::Date(t), AttrType::Date) => AttrLit::Date(self.literal(t, rhs.span)?),
                    (OperandKind::Version(t), AttrType::Number) => match t.parse() {
                        Ok(n) => AttrLit::Number(n),
                        Err(_) => return self.bad_operand(rhs.span, "a whole number"),
                    },
                    (_, ty) => {
                        let what = match ty {
                            AttrType::Bool => "`true` or `false`",
                            AttrType::Text => "a string in quotes",
                            AttrType::Date => "a date (YYYY-MM-DD)",
                            AttrType::Number => "a whole number",
                        };
                        return self.bad_operand(rhs.span, what);
                    }
                };
                Some(Cond::Attr { attr, op, value })
            }
            _ => self.bad_operand(
                lhs.span,
                "`line`, a version component or an attribute on the left",
            ),
        }
    }

    pub(super) fn bad_operand(&mut self, span: Span, expected: &str) -> Option<Cond> {
        self.err(
            Diagnostic::error(Code::TypeMismatch, format!("expected {expected}"), span, format!("expected {expected}"))
                .with_help("conditions read `line >= 8.2`, `major is even`, `lts`, `minor == 4` or `edition == \"enterprise\"`"),
        );
        None
    }
}
