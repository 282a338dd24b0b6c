//! Lifecycle data in formats other tools read: endoflife.date's API v1 layout,
//! CycloneDX lifecycle properties, iCalendar and OpenEoX core records. Each function
//! takes evaluated products and returns text (or files as path and text); the CLI
//! writes them. docs/output.md maps every field and says what cannot be carried.

pub mod cyclonedx;
pub mod endoflife_v1;
pub mod ical;
pub mod openeox;

use chrono::NaiveDate;
use serde_json::Value;

use crate::catalog::AttrValue;
use crate::eval::{DateValue, LineLifecycle, PhaseResult, ValueKind};
use crate::kb::{CatalogFile, Product};
use crate::model::{Policy, Role};

/// One evaluated product, ready to export.
#[derive(Clone, Copy, Debug)]
pub struct Exported<'a> {
    pub policy: &'a Policy,
    pub lines: &'a [LineLifecycle],
    /// per line: the catalog's `lts` attribute on its rows, when one says
    pub lts: &'a [Option<bool>],
}

/// Per line of `product`, the `lts` attribute its catalog rows give (true when any
/// row says `true`, false when one says `false` and none `true`).
pub fn line_lts(product: &Product, catalogs: &[CatalogFile]) -> Vec<Option<bool>> {
    product
        .lifecycle
        .lines
        .iter()
        .map(|l| {
            let mut out = None;
            for &i in &l.releases {
                let Some(&(ci, ri)) = product.releases.get(i) else {
                    continue;
                };
                let r = catalogs.get(ci).and_then(|c| c.catalog.releases.get(ri));
                match r.and_then(|r| r.attributes.get("lts")) {
                    Some(AttrValue::Bool(true)) => return Some(true),
                    Some(AttrValue::Bool(false)) => out = Some(false),
                    _ => {}
                }
            }
            out
        })
        .collect()
}

/// The line's last phase with `role`, in the policy's phase order (as `eol conform`
/// reads it).
pub fn role_phase<'a>(policy: &Policy, line: &'a LineLifecycle, role: Role) -> Option<&'a PhaseResult> {
    line.phases
        .iter()
        .rfind(|p| policy.phases.get(p.phase).is_some_and(|d| d.role == Some(role)))
}

/// The date a phase's end is published as: its last day when the rules state it with
/// `through`, else its end (the first day without it); as `eol conform` compares it.
pub fn published_end(p: &PhaseResult) -> Option<NaiveDate> {
    let end = p.end.date?;
    if p.through {
        end.pred_opt()
    } else {
        Some(end)
    }
}

/// The last day a value's phase applies (the day before its end).
pub fn last_day(v: &DateValue) -> Option<NaiveDate> {
    v.date.and_then(|d| d.pred_opt())
}

/// `exact`, `estimated`, `override`, `pending`.
pub fn kind_name(k: ValueKind) -> &'static str {
    k.as_str()
}

/// The line's end of security support: its last `security` phase, else its last
/// `active` one, else its end of life.
pub fn security_end(policy: &Policy, line: &LineLifecycle) -> Option<(Option<NaiveDate>, ValueKind, bool)> {
    role_phase(policy, line, Role::Security)
        .or_else(|| role_phase(policy, line, Role::Active))
        .map(|p| (published_end(p), p.end.kind, p.through))
        .or_else(|| line.eol.as_ref().map(|e| (e.date, e.kind, false)))
}

/// `pkg:TYPE/[NAMESPACE/]NAME`, as the rule file declares it (without a version).
pub fn purl_text(p: &crate::identifiers::Purl) -> String {
    if p.namespace.is_empty() {
        format!("pkg:{}/{}", p.ty, p.name)
    } else {
        format!("pkg:{}/{}/{}", p.ty, p.namespace, p.name)
    }
}

/// `cpe:2.3:PART:VENDOR:PRODUCT`, the prefix the rule file declares.
pub fn cpe_text(c: &crate::identifiers::Cpe) -> String {
    format!("cpe:2.3:{}:{}:{}", c.part, c.vendor, c.product)
}

/// A JSON document written as `serde_json::to_string_pretty` writes it, whose last member is
/// an array made one item at a time: `head`'s members, then `key` with the items. Only one
/// item's tree is held at once (a document of every line as one tree took fifteen times
/// the memory of its text).
pub(crate) fn pretty_with_items(head: &Value, key: &str, items: impl Iterator<Item = Value>) -> String {
    let mut s = serde_json::to_string_pretty(head).unwrap_or_default();
    // `{\n  ...\n}` or `{}`: reopen it after its last member
    match s.strip_suffix("\n}") {
        Some(open) => {
            s.truncate(open.len());
            s.push_str(",\n");
        }
        None => s = String::from("{\n"),
    }
    s.push_str("  ");
    s.push_str(&serde_json::to_string(key).unwrap_or_default());
    s.push_str(": [");
    let mut any = false;
    for item in items {
        s.push_str(if any { ",\n" } else { "\n" });
        any = true;
        let text = serde_json::to_string_pretty(&item).unwrap_or_default();
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                s.push('\n');
            }
            s.push_str("    ");
            s.push_str(line);
        }
    }
    s.push_str(if any { "\n  ]\n}\n" } else { "]\n}\n" });
    s
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use serde_json::{json, Value};

    /// Byte for byte what one pretty-printed tree gives, with and without items, and with
    /// nested arrays, objects and strings holding line breaks inside the items.
    #[test]
    fn items_written_one_at_a_time_read_as_one_tree() {
        let head = json!({"a": 1, "b": {"c": [1, 2], "d": {}}, "e": []});
        let items = [
            json!({"x": "two\nlines", "y": [{"z": null}], "w": []}),
            json!([]),
            json!("s"),
            json!({}),
        ];
        for n in 0..=items.len() {
            let mut whole = head.clone();
            if let Value::Object(m) = &mut whole {
                m.insert("items".to_owned(), Value::Array(items[..n].to_vec()));
            }
            let mut expected = serde_json::to_string_pretty(&whole).unwrap();
            expected.push('\n');
            assert_eq!(
                super::pretty_with_items(&head, "items", items[..n].iter().cloned()),
                expected
            );
            let mut alone = serde_json::to_string_pretty(&json!({"items": items[..n]})).unwrap();
            alone.push('\n');
            assert_eq!(
                super::pretty_with_items(&json!({}), "items", items[..n].iter().cloned()),
                alone
            );
        }
    }
}
