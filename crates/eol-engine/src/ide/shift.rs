//! Moving every span of a checked policy by a number of bytes (see
//! [`eol_syntax::shift`]): what the re-check of an unchanged policy costs instead of
//! parsing and checking it again. Every field is named, so a span added to the model
//! later does not compile until it is listed here.

use eol_syntax::shift::Shift;

use crate::model::*;
use crate::sources::SourceDecl;

impl Shift for Policy {
    fn shift_spans(&mut self, by: usize) {
        let Policy {
            id: _,
            id_span,
            name: _,
            vendor: _,
            components: _,
            line_len: _,
            order: _,
            attributes,
            prerelease: _,
            cadences,
            services,
            phases,
            milestones,
            overrides,
            declared,
            upstreams,
            names,
            line_aliases,
            line_builds,
            announced: _,
            sources,
            superseded,
            allow_gaps: _,
            allow_overlaps: _,
            span,
        } = self;
        id_span.shift_spans(by);
        if let Some(Superseded {
            component: _,
            grace: _,
            span,
        }) = superseded
        {
            span.shift_spans(by);
        }
        for a in attributes {
            let AttrDecl { name: _, ty: _, span } = a;
            span.shift_spans(by);
        }
        for c in cadences {
            let Cadence {
                kind: _,
                every: _,
                span,
            } = c;
            span.shift_spans(by);
        }
        for s in services {
            let Service {
                id: _,
                labels: _,
                span,
            } = s;
            span.shift_spans(by);
        }
        phases.shift_spans(by);
        milestones.shift_spans(by);
        overrides.shift_spans(by);
        declared.shift_spans(by);
        for a in line_aliases {
            let LineAlias {
                line: _,
                name: _,
                folded: _,
                span,
                line_span,
            } = a;
            span.shift_spans(by);
            line_span.shift_spans(by);
        }
        for b in line_builds {
            let LineBuilds {
                line: _,
                from: _,
                span,
                line_span,
            } = b;
            span.shift_spans(by);
            line_span.shift_spans(by);
        }
        for u in upstreams {
            let Upstream {
                alias: _,
                product: _,
                lines: _,
                span,
            } = u;
            span.shift_spans(by);
        }
        names.shift_spans(by);
        for s in sources {
            let SourceDecl {
                kind: _,
                location: _,
                pattern: _,
                filter: _,
                span,
            } = s;
            span.shift_spans(by);
        }
        span.shift_spans(by);
    }
}

impl Shift for PhaseDecl {
    fn shift_spans(&mut self, by: usize) {
        let PhaseDecl {
            id: _,
            labels: _,
            role: _,
            role_span,
            more_roles: _,
            free,
            defs,
            span,
        } = self;
        role_span.shift_spans(by);
        free.shift_spans(by);
        for d in defs {
            let PhaseDef {
                conds: _,
                from,
                until,
                inclusive: _,
                provides: _,
                allow_gaps: _,
                allow_overlaps: _,
                span,
            } = d;
            from.shift_spans(by);
            until.shift_spans(by);
            span.shift_spans(by);
        }
        span.shift_spans(by);
    }
}

impl Shift for MilestoneDecl {
    fn shift_spans(&mut self, by: usize) {
        let MilestoneDecl {
            id: _,
            labels: _,
            defs,
            span,
        } = self;
        for d in defs {
            let MilestoneDef {
                conds: _,
                value,
                span,
            } = d;
            value.shift_spans(by);
            span.shift_spans(by);
        }
        span.shift_spans(by);
    }
}

impl Shift for Override {
    fn shift_spans(&mut self, by: usize) {
        let Override {
            line: _,
            target: _,
            value,
            reason: _,
            span,
        } = self;
        value.shift_spans(by);
        span.shift_spans(by);
    }
}

impl Shift for ProductName {
    fn shift_spans(&mut self, by: usize) {
        match self {
            ProductName::Alias { name: _, span }
            | ProductName::Purl { purl: _, span }
            | ProductName::Cpe { cpe: _, span } => span.shift_spans(by),
        }
    }
}

impl Shift for Selector {
    fn shift_spans(&mut self, by: usize) {
        let Selector {
            newer: _,
            older: _,
            filter: _,
            span,
        } = self;
        span.shift_spans(by);
    }
}

impl Shift for DateExpr {
    fn shift_spans(&mut self, by: usize) {
        let DateExpr { kind, span } = self;
        match kind {
            DateKind::Literal(_)
            | DateKind::VersionMonth { .. }
            | DateKind::PhaseStart(_)
            | DateKind::PhaseEnd(_)
            | DateKind::Milestone(_) => {}
            DateKind::FirstShip(s) | DateKind::Latest(s) | DateKind::Final(s) | DateKind::Attr(_, s) => {
                s.shift_spans(by);
            }
            DateKind::Other(_, s) => s.shift_spans(by),
            DateKind::ShiftByAttr(e, a) => {
                e.shift_spans(by);
                a.span.shift_spans(by);
            }
            DateKind::Shift(e, _)
            | DateKind::Snap(_, e)
            | DateKind::Seek(_, _, e)
            | DateKind::Approximate(e)
            | DateKind::AtTheLatest(e)
            | DateKind::UnlessDeclared(e) => e.shift_spans(by),
            DateKind::Extreme(_, es) => es.shift_spans(by),
            DateKind::Between(a, b) => {
                a.shift_spans(by);
                b.shift_spans(by);
            }
            DateKind::Upstream {
                upstream: _,
                what: _,
                select: _,
            } => {}
        }
        span.shift_spans(by);
    }
}
