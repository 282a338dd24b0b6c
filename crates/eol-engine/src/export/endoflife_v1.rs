//! A directory laid out like endoflife.date's API v1, so an existing client can be
//! pointed at a static copy:
//!
//! - `api/v1/products/index.json`: every product (`name`, `aliases`, `label`, ...);
//! - `api/v1/products/PRODUCT/index.json`: the product and its releases (cycles);
//! - `api/v1/products/PRODUCT/releases/RELEASE/index.json`, and `.../latest/`.
//!
//! Serve it with any static server that answers a directory with its `index.json`.

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::{published_end, role_phase, security_end, Exported};
use crate::eval::{LineLifecycle, ValueKind};
use crate::model::Role;

/// The schema version of endoflife.date's API v1 that these files follow.
pub const SCHEMA_VERSION: &str = "1.2.0";

/// Every file of the export: (path relative to the export directory, text).
pub fn files(products: &[Exported<'_>], at: NaiveDate, lang: Option<&str>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut summaries = Vec::new();
    for p in products {
        let id = &p.policy.id;
        summaries.push(json!({
            "name": id,
            "aliases": p.policy.aliases().collect::<Vec<_>>(),
            "label": p.policy.name.get(lang),
            "category": "app",
            "tags": p.policy.vendor.iter().map(|v| slug(v)).collect::<Vec<_>>(),
            "uri": format!("/api/v1/products/{id}/"),
        }));
        // endoflife.date lists the newest release first.
        let releases: Vec<(String, Value)> = p
            .lines
            .iter()
            .enumerate()
            .rev()
            .map(|(i, l)| (l.line.clone(), release(p, l, p.lts.get(i).copied().flatten(), at)))
            .collect();
        let identifiers: Vec<Value> = p
            .policy
            .purls()
            .filter(|u| !u.is_pattern())
            .map(|u| json!({"type": "purl", "id": super::purl_text(u)}))
            .chain(
                p.policy
                    .cpes()
                    .map(|c| json!({"type": "cpe", "id": super::cpe_text(c)})),
            )
            .collect();
        let label = |role: Role| {
            p.policy
                .phases
                .iter()
                .rfind(|d| d.role == Some(role))
                .map(|d| Value::String(d.labels.get(lang).to_owned()))
                .unwrap_or(Value::Null)
        };
        let product = json!({
            "schema_version": SCHEMA_VERSION,
            "generated_at": format!("{at}T00:00:00+00:00"),
            "result": {
                "name": id,
                "aliases": p.policy.aliases().collect::<Vec<_>>(),
                "label": p.policy.name.get(lang),
                "category": "app",
                "tags": p.policy.vendor.iter().map(|v| slug(v)).collect::<Vec<_>>(),
                "versionCommand": null,
                "identifiers": identifiers,
                "labels": {"eoas": label(Role::Active), "discontinued": null, "eol": label(Role::Security), "eoes": label(Role::Extended)},
                "links": {"icon": null, "html": null, "releasePolicy": null},
                "releases": releases.iter().map(|(_, r)| r.clone()).collect::<Vec<_>>(),
            }
        });
        out.push((format!("api/v1/products/{id}/index.json"), pretty(&product)));
        for (i, (name, r)) in releases.iter().enumerate() {
            let doc = json!({"schema_version": SCHEMA_VERSION, "result": r});
            if safe_component(name) {
                out.push((
                    format!("api/v1/products/{id}/releases/{name}/index.json"),
                    pretty(&doc),
                ));
            }
            if i == 0 {
                out.push((
                    format!("api/v1/products/{id}/releases/latest/index.json"),
                    pretty(&doc),
                ));
            }
        }
    }
    let index = json!({"schema_version": SCHEMA_VERSION, "total": summaries.len(), "result": summaries});
    out.insert(0, ("api/v1/products/index.json".to_owned(), pretty(&index)));
    out
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// A release name that can stand as one path component.
fn safe_component(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name != "latest"
        && !name
            .chars()
            .any(|c| matches!(c, '/' | '\\' | '\0') || c.is_control())
}

fn slug(text: &str) -> String {
    let s: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    s.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// One release (cycle): `isX` is whether the date has passed at `at`; `xFrom` the
/// published date (a `through` phase's last day, else its end), null when pending or
/// when the policy has no phase of that role. How sure each date is goes in `custom`.
fn release(p: &Exported<'_>, l: &LineLifecycle, lts: Option<bool>, at: NaiveDate) -> Value {
    let date = |d: Option<NaiveDate>| d.map_or(Value::Null, |d| Value::String(d.to_string()));
    let mut kinds = serde_json::Map::new();
    let mut column = |name: &str, found: Option<(Option<NaiveDate>, ValueKind, bool)>| -> (Value, Value) {
        match found {
            None => (Value::Null, Value::Null),
            Some((d, kind, through)) => {
                kinds.insert(format!("{name}Kind"), Value::String(kind.as_str().to_owned()));
                let passed = d.map(|d| if through { d < at } else { d <= at });
                (passed.map_or(Value::Bool(false), Value::Bool), date(d))
            }
        }
    };
    let phase =
        |role: Role| role_phase(p.policy, l, role).map(|ph| (published_end(ph), ph.end.kind, ph.through));
    let (is_eoas, eoas) = column("eoas", phase(Role::Active));
    let (is_eol, eol) = column("eol", security_end(p.policy, l));
    let (is_eoes, eoes) = column("eoes", phase(Role::Extended));
    if let Some(f) = &l.first_ship {
        if f.kind != ValueKind::Exact {
            kinds.insert(
                "releaseDateKind".to_owned(),
                Value::String(f.kind.as_str().to_owned()),
            );
        }
    }
    let maintained = !matches!(l.status.state, crate::eval::State::EndOfLife);
    json!({
        "name": l.line,
        "codename": null,
        "label": l.line,
        "releaseDate": date(l.first_ship.as_ref().and_then(|f| f.date)),
        "isLts": lts.unwrap_or(false),
        "ltsFrom": null,
        "isEoas": is_eoas,
        "eoasFrom": eoas,
        "isEol": is_eol,
        "eolFrom": eol,
        "isEoes": is_eoes,
        "eoesFrom": eoes,
        "isDiscontinued": null,
        "discontinuedFrom": null,
        "isMaintained": maintained,
        "latest": l.latest.as_ref().map(|r| json!({"name": r.version, "date": date(r.date.earliest()), "link": null})),
        "custom": {"eol": kinds},
    })
}
