//! A CycloneDX 1.6 BOM with one component per product line, carrying its lifecycle
//! as the `cdx:lifecycle:milestone:*` properties of the CycloneDX property taxonomy
//! (`generalAvailability`, `endOfSupport`, `endOfLife`), plus `eol:*` properties for
//! what the taxonomy has no name for (security end, how sure each date is).

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::{last_day, role_phase, security_end, Exported};
use crate::eval::{DateValue, ValueKind};
use crate::model::Role;

pub fn bom(products: &[Exported<'_>], at: NaiveDate, lang: Option<&str>) -> String {
    let lines = products.iter().flat_map(|p| p.lines.iter().map(move |l| (p, l)));
    let components = lines.map(|(p, l)| {
        let mut props: Vec<Value> = Vec::new();
        fn prop(props: &mut Vec<Value>, name: &str, value: String) {
            props.push(json!({"name": name, "value": value}));
        }
        let dated =
            |props: &mut Vec<Value>, name: &str, kind_name: &str, v: Option<&DateValue>, last: bool| {
                let Some(v) = v else { return };
                let day = if last { last_day(v) } else { v.date };
                if let Some(d) = day {
                    prop(props, name, d.to_string());
                }
                if v.kind != ValueKind::Exact {
                    prop(props, kind_name, v.kind.as_str().to_owned());
                }
            };
        dated(
            &mut props,
            "cdx:lifecycle:milestone:generalAvailability",
            "eol:generalAvailability:kind",
            l.first_ship.as_ref(),
            false,
        );
        dated(
            &mut props,
            "cdx:lifecycle:milestone:endOfSupport",
            "eol:endOfSupport:kind",
            role_phase(p.policy, l, Role::Active).map(|ph| &ph.end),
            true,
        );
        if let Some((d, kind, through)) = security_end(p.policy, l) {
            let last = if through { d } else { d.and_then(|d| d.pred_opt()) };
            if let Some(d) = last {
                prop(&mut props, "eol:endOfSecuritySupport", d.to_string());
            }
            if kind != ValueKind::Exact {
                prop(
                    &mut props,
                    "eol:endOfSecuritySupport:kind",
                    kind.as_str().to_owned(),
                );
            }
        }
        dated(
            &mut props,
            "cdx:lifecycle:milestone:endOfLife",
            "eol:endOfLife:kind",
            l.eol.as_ref(),
            true,
        );
        prop(&mut props, "eol:status", l.status.state.as_str().to_owned());
        let mut c = json!({
            "type": "application",
            "bom-ref": format!("eol:{}@{}", p.policy.id, l.line),
            "name": p.policy.id,
            "version": l.line,
            "description": p.policy.name.get(lang),
            "properties": props,
        });
        if let (Some(v), Value::Object(m)) = (&p.policy.vendor, &mut c) {
            m.insert("supplier".to_owned(), json!({"name": v}));
        }
        if let (Some(purl), Value::Object(m)) = (p.policy.purls().next(), &mut c) {
            if !purl.is_pattern() {
                m.insert(
                    "purl".to_owned(),
                    Value::String(format!("{}@{}", super::purl_text(purl), l.line)),
                );
            }
        }
        c
    });
    let head = json!({
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {
            "timestamp": format!("{at}T00:00:00Z"),
            "tools": {"components": [{"type": "application", "name": "eol", "version": env!("CARGO_PKG_VERSION")}]},
        },
    });
    super::pretty_with_items(&head, "components", components)
}
