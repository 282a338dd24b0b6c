//! OpenEoX core records, one per product line: `general_availability`,
//! `end_of_security_support` and `end_of_life` where the rules give them (OpenEoX
//! dates are last days, written as UTC timestamps), wrapped with the product and line
//! they describe. A date not known yet is left out.

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use super::{last_day, security_end, Exported};
use crate::eval::ValueKind;

pub const SCHEMA: &str = "https://docs.oasis-open.org/openeox/core/v1.0/schema/core.json";

pub fn records(products: &[Exported<'_>], at: NaiveDate, lang: Option<&str>) -> String {
    let lines = products.iter().flat_map(|p| p.lines.iter().map(move |l| (p, l)));
    let records = lines.map(|(p, l)| {
            let mut core = Map::new();
            core.insert("$schema".to_owned(), Value::String(SCHEMA.to_owned()));
            let mut estimated = Vec::new();
            if let Some(f) = &l.first_ship {
                if let Some(d) = f.date {
                    core.insert(
                        "general_availability".to_owned(),
                        Value::String(format!("{d}T00:00:00.000Z")),
                    );
                }
                if f.kind != ValueKind::Exact {
                    estimated.push(json!({"field": "general_availability", "kind": f.kind.as_str()}));
                }
            }
            if let Some((d, kind, through)) = security_end(p.policy, l) {
                let last = if through { d } else { d.and_then(|d| d.pred_opt()) };
                if let Some(d) = last {
                    core.insert(
                        "end_of_security_support".to_owned(),
                        Value::String(format!("{d}T23:59:59.999Z")),
                    );
                }
                if kind != ValueKind::Exact {
                    estimated.push(json!({"field": "end_of_security_support", "kind": kind.as_str()}));
                }
            }
            if let Some(e) = &l.eol {
                if let Some(d) = last_day(e) {
                    core.insert(
                        "end_of_life".to_owned(),
                        Value::String(format!("{d}T23:59:59.999Z")),
                    );
                }
                if e.kind != ValueKind::Exact {
                    estimated.push(json!({"field": "end_of_life", "kind": e.kind.as_str()}));
                }
            }
            core.insert(
                "last_updated".to_owned(),
                Value::String(format!("{at}T00:00:00.000Z")),
            );
            json!({
                "product": {"id": p.policy.id, "name": p.policy.name.get(lang), "vendor": p.policy.vendor, "version": l.line},
                "core": core,
                "eol_kinds": estimated,
            })
    });
    super::pretty_with_items(&json!({}), "records", records)
}
