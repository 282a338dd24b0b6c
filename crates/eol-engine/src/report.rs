//! The `eval` JSON document: the stable contract for tools (schema version 1).

use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::catalog::ReleaseDate;
use crate::eval::{DateValue, LineLifecycle, ReleaseRef, ValueKind};
use crate::model::{Policy, Target};

pub const SCHEMA_VERSION: u32 = 1;

// The document is written straight from these borrowed views (field order is the
// order of the keys): building a `serde_json::Value` tree first cost most of the
// time of `eol eval --format json` on large catalogs. A product's lines are viewed
// one at a time while they are written ([`LinesOut`]), so that writing the document
// to a stream holds no more than one line's view: holding every line's (and then
// the whole text) cost 5.2 GB for a million lines.

/// A day as the contract writes it, `2026-03-01`.
struct Day(NaiveDate);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// `{"date": "2026-03-01" | null, "kind": "exact" | "estimated" | "override" | "declared" | "at-the-latest" | "pending"}`
#[derive(Serialize)]
pub struct DateOut {
    date: Option<Day>,
    kind: &'static str,
}

impl DateOut {
    fn new(date: Option<NaiveDate>, kind: ValueKind) -> DateOut {
        DateOut {
            date: date.map(Day),
            kind: kind.as_str(),
        }
    }
}

impl From<&DateValue> for DateOut {
    fn from(v: &DateValue) -> DateOut {
        DateOut::new(v.date, v.kind)
    }
}

/// [`DateOut`] as a JSON value, for documents built by hand (`eol status`).
pub fn date_json(v: &DateValue) -> Value {
    serde_json::to_value(DateOut::from(v)).unwrap_or(Value::Null)
}

#[derive(Serialize)]
struct ReleaseOut<'a> {
    version: &'a str,
    date: Option<Day>,
    date_kind: &'static str,
}

impl<'a> From<&'a ReleaseRef> for ReleaseOut<'a> {
    fn from(r: &'a ReleaseRef) -> ReleaseOut<'a> {
        ReleaseOut {
            version: &r.version,
            date: r.date.earliest().map(Day),
            date_kind: if r.date.is_exact() {
                "exact"
            } else if matches!(r.date, ReleaseDate::Unknown) {
                "pending"
            } else {
                "estimated"
            },
        }
    }
}

#[derive(Serialize)]
struct PhaseOut<'a> {
    id: &'a str,
    name: &'a str,
    start: DateOut,
    end: DateOut,
    last_day: DateOut,
    /// how the rules state the end: `until` (the first day without the phase) or
    /// `through` (its last day), so a consumer knows which of the two is the stated one
    end_written: &'static str,
    services: Vec<&'a str>,
    /// absent when the phase declares none
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    /// every role, present only when the phase has more than one (`role active, security`)
    #[serde(skip_serializing_if = "fewer_than_two")]
    roles: Vec<&'static str>,
    /// `role extended free`: extended support that counts towards end of life by default;
    /// present (`true`) only then
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    free: bool,
}

fn fewer_than_two(roles: &[&str]) -> bool {
    roles.len() < 2
}

#[derive(Serialize)]
struct MilestoneOut<'a> {
    id: &'a str,
    name: &'a str,
    date: DateOut,
}

#[derive(Serialize)]
struct OverrideOut<'a> {
    target: String,
    reason: &'a str,
}

#[derive(Serialize)]
struct StatusOut<'a> {
    state: &'static str,
    phase: Option<&'a str>,
    until: Option<DateOut>,
}

/// One line of one product.
#[derive(Serialize)]
pub struct LineOut<'a> {
    line: &'a str,
    /// the line's other names (`alias line`), present only when there are some
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<&'a str>,
    first_ship: Option<Day>,
    first_ship_kind: &'static str,
    latest: Option<ReleaseOut<'a>>,
    #[serde(rename = "final")]
    final_release: Option<ReleaseOut<'a>>,
    status: StatusOut<'a>,
    eol: Option<DateOut>,
    phases: Vec<PhaseOut<'a>>,
    milestones: Vec<MilestoneOut<'a>>,
    overrides: Vec<OverrideOut<'a>>,
    /// the `declare`d dates applied, present only when there are some
    #[serde(skip_serializing_if = "Vec::is_empty")]
    declared: Vec<OverrideOut<'a>>,
}

/// One line of one product.
pub fn line_json<'a>(policy: &'a Policy, line: &'a LineLifecycle, lang: Option<&str>) -> LineOut<'a> {
    let phases = line
        .phases
        .iter()
        .filter_map(|p| {
            let decl = policy.phases.get(p.phase)?;
            Some(PhaseOut {
                id: &decl.id,
                name: decl.labels.get(lang),
                start: (&p.start).into(),
                end: (&p.end).into(),
                last_day: DateOut::new(p.end.date.and_then(|d| d.pred_opt()), p.end.kind),
                end_written: if p.through { "through" } else { "until" },
                services: p
                    .services
                    .iter()
                    .filter_map(|s| policy.services.get(*s).map(|s| s.id.as_str()))
                    .collect(),
                role: decl.role.map(|r| r.as_str()),
                roles: decl.roles().map(|r| r.as_str()).collect(),
                free: decl.free.is_some(),
            })
        })
        .collect();
    let milestones = line
        .milestones
        .iter()
        .filter_map(|m| {
            let decl = policy.milestones.get(m.milestone)?;
            Some(MilestoneOut {
                id: &decl.id,
                name: decl.labels.get(lang),
                date: (&m.date).into(),
            })
        })
        .collect();
    let overrides = line
        .overrides
        .iter()
        .map(|(t, reason)| OverrideOut {
            target: target_name(policy, *t),
            reason,
        })
        .collect();
    let declared = line
        .declared
        .iter()
        .map(|(t, reason)| OverrideOut {
            target: target_name(policy, *t),
            reason,
        })
        .collect();
    let status_phase = line
        .status
        .phase
        .and_then(|i| line.phases.get(i))
        .and_then(|p| policy.phases.get(p.phase))
        .map(|d| d.id.as_str());
    LineOut {
        line: &line.line,
        aliases: line.aliases.iter().map(String::as_str).collect(),
        first_ship: line.first_ship.as_ref().and_then(|f| f.date).map(Day),
        first_ship_kind: line
            .first_ship
            .as_ref()
            .map_or(ValueKind::Pending, |f| f.kind)
            .as_str(),
        latest: line.latest.as_ref().map(ReleaseOut::from),
        final_release: line.final_release.as_ref().map(ReleaseOut::from),
        status: StatusOut {
            state: line.status.state.as_str(),
            phase: status_phase,
            until: line.status.until.as_ref().map(DateOut::from),
        },
        eol: line.eol.as_ref().map(DateOut::from),
        phases,
        milestones,
        overrides,
        declared,
    }
}

/// `premium.end`, `last_ship`: how an override target is written in rule files.
pub fn target_name(policy: &Policy, t: Target) -> String {
    match t {
        Target::PhaseStart(i) => format!("{}.start", policy.phases.get(i).map_or("?", |p| p.id.as_str())),
        Target::PhaseEnd(i) => format!("{}.end", policy.phases.get(i).map_or("?", |p| p.id.as_str())),
        Target::Milestone(i) => policy.milestones.get(i).map_or("?", |m| m.id.as_str()).to_owned(),
    }
}

/// One product.
#[derive(Serialize)]
pub struct ProductOut<'a> {
    id: &'a str,
    name: &'a str,
    vendor: Option<&'a str>,
    lines: LinesOut<'a>,
}

/// A product's lines, each viewed ([`line_json`]) only while it is written.
pub struct LinesOut<'a> {
    policy: &'a Policy,
    lines: &'a [LineLifecycle],
    lang: Option<&'a str>,
}

impl Serialize for LinesOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.lines.iter().map(|l| line_json(self.policy, l, self.lang)))
    }
}

/// One product.
pub fn product_json<'a>(
    policy: &'a Policy,
    lines: &'a [LineLifecycle],
    lang: Option<&'a str>,
) -> ProductOut<'a> {
    ProductOut {
        id: &policy.id,
        name: policy.name.get(lang),
        vendor: policy.vendor.as_deref(),
        lines: LinesOut { policy, lines, lang },
    }
}

/// The whole `eol eval --format json` document.
#[derive(Serialize)]
pub struct Document<'a> {
    schema_version: u32,
    at: String,
    products: Vec<ProductOut<'a>>,
    /// which data answered (the CLI sets it)
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a crate::library::DataSource>,
    /// every diagnostic of the files read, when there is any (the CLI sets it)
    #[serde(skip_serializing_if = "Vec::is_empty")]
    diagnostics: Vec<Value>,
}

impl<'a> Document<'a> {
    /// The document of an evaluation at `at`, of these products.
    pub fn new(at: NaiveDate, products: Vec<ProductOut<'a>>) -> Document<'a> {
        Document {
            schema_version: SCHEMA_VERSION,
            at: at.to_string(),
            products,
            data: None,
            diagnostics: Vec::new(),
        }
    }

    /// Say which data answered.
    pub fn with_data(mut self, data: &'a crate::library::DataSource) -> Document<'a> {
        self.data = Some(data);
        self
    }

    /// Carry the diagnostics of the files read (rendered by the caller).
    pub fn with_diagnostics(mut self, diagnostics: Vec<Value>) -> Document<'a> {
        self.diagnostics = diagnostics;
        self
    }
}

/// The header of `eol eval --format csv`: one row per phase and milestone of a line.
pub const CSV_HEADER: &str = "product,line,first_ship,first_ship_kind,latest,latest_date,state,phase,item,type,role,start,start_kind,end,end_kind\n";

/// The rows of `eol eval --format csv` for one line, appended to `out` (see
/// docs/output.md): the line's columns, then one row per phase (`phase`, its roles joined
/// by `+`, start and end with their kinds) and per milestone (`milestone`, its date and
/// kind). A cell is quoted when it holds a comma, a quote or a line break.
pub fn csv_rows(pol: &Policy, l: &LineLifecycle, out: &mut String) {
    let mut prefix = String::new();
    csv_cell(&mut prefix, &pol.id);
    prefix.push(',');
    csv_cell(&mut prefix, &l.line);
    prefix.push(',');
    match &l.first_ship {
        Some(v) => {
            push_date(&mut prefix, v.date);
            prefix.push(',');
            prefix.push_str(v.kind.as_str());
        }
        None => prefix.push_str(",pending"),
    }
    prefix.push(',');
    if let Some(r) = &l.latest {
        csv_cell(&mut prefix, &r.version);
        prefix.push(',');
        let date = r.date.to_string();
        csv_cell(&mut prefix, &date);
    } else {
        prefix.push(',');
    }
    prefix.push(',');
    prefix.push_str(l.status.state.as_str());
    prefix.push(',');
    let phase = l
        .status
        .phase
        .and_then(|i| l.phases.get(i))
        .and_then(|p| pol.phases.get(p.phase))
        .map_or("", |d| d.id.as_str());
    csv_cell(&mut prefix, phase);
    for p in &l.phases {
        let Some(decl) = pol.phases.get(p.phase) else {
            continue;
        };
        row_start(out, &prefix, &decl.id, "phase");
        // `active+security` for a phase with two roles
        for (i, r) in decl.roles().enumerate() {
            if i > 0 {
                out.push('+');
            }
            out.push_str(r.as_str());
        }
        out.push(',');
        push_date_value(out, &p.start);
        out.push(',');
        push_date_value(out, &p.end);
        out.push('\n');
    }
    for m in &l.milestones {
        let Some(decl) = pol.milestones.get(m.milestone) else {
            continue;
        };
        row_start(out, &prefix, &decl.id, "milestone");
        out.push(',');
        push_date_value(out, &m.date);
        out.push_str(",,\n");
    }
}

/// `PREFIX,ITEM,TYPE,`: the line's cells, then the phase's or milestone's id and its type.
fn row_start(out: &mut String, prefix: &str, item: &str, kind: &str) {
    out.push_str(prefix);
    out.push(',');
    csv_cell(out, item);
    out.push(',');
    out.push_str(kind);
    out.push(',');
}

fn push_date(out: &mut String, d: Option<NaiveDate>) {
    if let Some(d) = d {
        crate::dates::push_iso(out, d);
    }
}

/// `DATE,KIND` (an unknown date is an empty cell).
fn push_date_value(out: &mut String, v: &DateValue) {
    push_date(out, v.date);
    out.push(',');
    out.push_str(v.kind.as_str());
}

fn csv_cell(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}
