//! The `eval` JSON document: the stable contract for tools (schema version 1).

use serde_json::{json, Value};

use crate::catalog::ReleaseDate;
use crate::eval::{DateValue, LineLifecycle, ReleaseRef, ValueKind};
use crate::model::{Policy, Target};

pub const SCHEMA_VERSION: u32 = 1;

/// `{"date": "2026-03-01" | null, "kind": "exact" | "estimated" | "override" | "pending"}`
pub fn date_json(v: &DateValue) -> Value {
    json!({"date": v.date.map(|d| d.to_string()), "kind": v.kind.as_str()})
}

fn release_json(r: &ReleaseRef) -> Value {
    json!({
        "version": r.version,
        "date": r.date.earliest().map(|d| d.to_string()),
        "date_kind": if r.date.is_exact() { "exact" } else if matches!(r.date, ReleaseDate::Unknown) { "pending" } else { "estimated" },
    })
}

/// One line of one product.
pub fn line_json(policy: &Policy, line: &LineLifecycle, lang: Option<&str>) -> Value {
    let phases: Vec<Value> = line
        .phases
        .iter()
        .filter_map(|p| {
            let decl = policy.phases.get(p.phase)?;
            let mut v = json!({
                "id": decl.id,
                "name": decl.labels.get(lang),
                "start": date_json(&p.start),
                "end": date_json(&p.end),
                "last_day": date_json(&DateValue {
                    date: p.end.date.and_then(|d| d.pred_opt()),
                    kind: p.end.kind,
                    trace: None,
                }),
                "services": p.services.iter().filter_map(|s| policy.services.get(*s).map(|s| s.id.clone())).collect::<Vec<_>>(),
            });
            if let (Some(role), Some(obj)) = (decl.role, v.as_object_mut()) {
                obj.insert("role".into(), json!(role.as_str()));
            }
            Some(v)
        })
        .collect();
    let milestones: Vec<Value> = line
        .milestones
        .iter()
        .filter_map(|m| {
            let decl = policy.milestones.get(m.milestone)?;
            Some(json!({"id": decl.id, "name": decl.labels.get(lang), "date": date_json(&m.date)}))
        })
        .collect();
    let overrides: Vec<Value> = line
        .overrides
        .iter()
        .map(|(t, reason)| json!({"target": target_name(policy, *t), "reason": reason}))
        .collect();
    let status_phase = line
        .status
        .phase
        .and_then(|i| line.phases.get(i))
        .and_then(|p| policy.phases.get(p.phase))
        .map(|d| d.id.clone());
    json!({
        "line": line.line,
        "first_ship": line.first_ship.as_ref().and_then(|f| f.date).map(|d| d.to_string()),
        "first_ship_kind": line.first_ship.as_ref().map_or(ValueKind::Pending, |f| f.kind).as_str(),
        "latest": line.latest.as_ref().map(release_json),
        "final": line.final_release.as_ref().map(release_json),
        "status": {
            "state": line.status.state.as_str(),
            "phase": status_phase,
            "until": line.status.until.as_ref().map(date_json),
        },
        "eol": line.eol.as_ref().map(date_json),
        "phases": phases,
        "milestones": milestones,
        "overrides": overrides,
    })
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
pub fn product_json(policy: &Policy, lines: &[LineLifecycle], lang: Option<&str>) -> Value {
    json!({
        "id": policy.id,
        "name": policy.name.get(lang),
        "vendor": policy.vendor,
        "lines": lines.iter().map(|l| line_json(policy, l, lang)).collect::<Vec<_>>(),
    })
}
