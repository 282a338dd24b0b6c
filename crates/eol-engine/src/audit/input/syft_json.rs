//! syft's own JSON (`syft -o json`, the format syft writes by default for `-o json` and
//! grype reads): the packages it lists as `artifacts`, and the distribution it found in the
//! scanned system as `distro`.
//!
//! A document is one object with `artifacts` and a `schema` (`{"version": "16.1.10", "url":
//! ...}`); its items are:
//! - each element of `artifacts`: its `name`, `version`, `purl` and first CPE (`cpes` is an
//!   array of strings before schema 16, of `{"cpe": ..., "source": ...}` objects since), with
//!   its `type`, `foundBy`, `id` and the `path` of its first location kept beside them;
//! - the `distro` object, when syft found one: its `id` and `versionID` (as syft's own
//!   CycloneDX output names the operating-system component), and its `cpeName`; before
//!   schema 3 the object had only `name` and `version`, read instead.
//!
//! What was scanned (`source`) is not an item, as CycloneDX's `metadata.component` is not.

use std::ops::RangeInclusive;

use eol_syntax::{Diagnostic, Span};

use super::json::{Kind, Value};
use super::{array_of, code, emit, is_object, string_field, wrong_kind, Emitter, Snip};

/// The majors of syft's JSON schema read: every one published (1.0.0 in 2020 to 16.x). The
/// package fields read here have kept their names throughout; a later major may not.
pub const SCHEMA_MAJORS: RangeInclusive<u32> = 1..=16;

/// Whether a JSON document's root is syft's JSON: an object with `artifacts` and `schema`.
pub(super) fn is_syft(root: &Value) -> bool {
    matches!(root.kind, Kind::Object(_)) && root.get("artifacts").is_some() && root.get("schema").is_some()
}

/// Why the document's schema version is not read, and where; None when it is.
pub(super) fn schema_refused(root: &Value, body: &str) -> Option<(Span, String)> {
    let schema = root.get("schema")?;
    let Some(version) = schema.get("version") else {
        return Some((
            schema.span,
            "this syft JSON document's `schema` gives no `version`".to_owned(),
        ));
    };
    let major = version
        .as_str()
        .and_then(|v| v.split('.').next())
        .and_then(|m| m.parse::<u32>().ok());
    match major {
        Some(m) if SCHEMA_MAJORS.contains(&m) => None,
        _ => Some((
            version.span,
            format!(
                "syft JSON schema version `{}` is not one eol reads ({} to {})",
                version.as_str().unwrap_or(version.span.text(body)),
                SCHEMA_MAJORS.start(),
                SCHEMA_MAJORS.end()
            ),
        )),
    }
}

/// Hand every artifact, then the distribution, to `out` (`root` is the document, `bom` the
/// length of a byte order mark before it).
pub(super) fn read(file: &str, bom: usize, snip: Snip<'_>, root: &Value, out: &mut Emitter<'_>) {
    if let Some(artifacts) = root.get("artifacts") {
        let list = (!artifacts.is_null()).then(|| {
            array_of(
                artifacts,
                "artifacts",
                "package objects",
                file,
                snip,
                "/artifacts",
                bom,
                out.problems,
            )
        });
        for (i, a) in list.flatten().unwrap_or_default().iter().enumerate() {
            artifact(file, bom, snip, a, &format!("/artifacts/{i}"), out);
        }
    }
    if let Some(distro) = root.get("distro") {
        distribution(file, bom, snip, distro, out);
    }
}

fn artifact(file: &str, bom: usize, snip: Snip<'_>, a: &Value, pointer: &str, out: &mut Emitter<'_>) {
    let help = "each element of `artifacts` is a package object with `name`, `version` and `purl`";
    if !is_object(a, "an artifact", help, file, snip, pointer, bom, out.problems) {
        return;
    }
    let field = |key: &str, out: &mut Emitter<'_>| {
        string_field(a.get(key), key, file, snip, pointer, bom, out.problems)
    };
    let name = field("name", out);
    let version = field("version", out);
    let purl = field("purl", out);
    let cpe = first_cpe(file, bom, snip, a.get("cpes"), pointer, out);
    let (Ok(name), Ok(version), Ok(purl), Ok(cpe)) = (name, version, purl, cpe) else {
        return;
    };
    let mut extra: Vec<(String, String)> = Vec::new();
    for key in ["type", "foundBy", "id"] {
        if let Some(v) = a.get(key).and_then(Value::as_str) {
            extra.push((key.to_owned(), v.to_owned()));
        }
    }
    let path = a
        .get("locations")
        .and_then(Value::as_array)
        .and_then(<[Value]>::first)
        .and_then(|l| l.get("path"))
        .and_then(Value::as_str);
    if let Some(p) = path {
        extra.push(("path".to_owned(), p.to_owned()));
    }
    emit(
        file,
        bom,
        snip,
        a.span,
        pointer,
        [name, version, purl, cpe],
        [None, None],
        &extra,
        out,
    );
}

/// The first CPE of an artifact's `cpes`: an array of strings (schema 1 to 15) or of objects
/// whose `cpe` is the string (16). Any element of another shape is reported, and the
/// artifact is not audited (Err).
#[allow(clippy::type_complexity)]
fn first_cpe<'v>(
    file: &str,
    bom: usize,
    snip: Snip<'_>,
    cpes: Option<&'v Value>,
    pointer: &str,
    out: &mut Emitter<'_>,
) -> Result<Option<(&'v str, Span)>, ()> {
    let Some(cpes) = cpes.filter(|c| !c.is_null()) else {
        return Ok(None);
    };
    let Some(list) = cpes.as_array() else {
        out.problems.push(
            file,
            snip,
            Some(pointer),
            wrong_kind("`cpes`", cpes, "an array", cpes.span.shift(bom)).with_help(
                "`cpes` is an array of CPE strings, or of objects with a `cpe`; this artifact is not audited",
            ),
        );
        return Err(());
    };
    let mut first = None;
    let mut bad = false;
    for c in list {
        let text = match &c.kind {
            Kind::String(_) => string_field(Some(c), "cpes", file, snip, pointer, bom, out.problems),
            Kind::Object(_) if c.get("cpe").is_some() => {
                string_field(c.get("cpe"), "cpe", file, snip, pointer, bom, out.problems)
            }
            Kind::Object(_) => {
                out.problems.push(
                    file,
                    snip,
                    Some(pointer),
                    Diagnostic::error(
                        code::BAD_ITEM,
                        "a CPE of `cpes` has no `cpe`",
                        c.span.shift(bom),
                        "no `cpe`",
                    )
                    .with_help("each object of `cpes` gives its CPE as `cpe`; this artifact is not audited"),
                );
                Err(())
            }
            _ => {
                out.problems.push(
                    file,
                    snip,
                    Some(pointer),
                    wrong_kind("a CPE of `cpes`", c, "a string or an object", c.span.shift(bom)).with_help(
                        "each element of `cpes` is a CPE string, or an object with a `cpe`; this artifact is not audited",
                    ),
                );
                Err(())
            }
        };
        match text {
            Ok(found) => first = first.or(found),
            Err(()) => bad = true,
        }
    }
    if bad {
        Err(())
    } else {
        Ok(first)
    }
}

/// The distribution syft found (`/distro`): an item like its CycloneDX output's
/// operating-system component. An empty object (syft found none) is no item.
fn distribution(file: &str, bom: usize, snip: Snip<'_>, distro: &Value, out: &mut Emitter<'_>) {
    const POINTER: &str = "/distro";
    match &distro.kind {
        Kind::Null => return,
        Kind::Object(members) if members.is_empty() => return,
        Kind::Object(_) => {}
        _ => {
            out.problems.push(
                file,
                snip,
                Some(POINTER),
                wrong_kind("`distro`", distro, "an object", distro.span.shift(bom)).with_help(
                    "`distro` is an object with the `id` and `versionID` of the system's os-release",
                ),
            );
            return;
        }
    }
    // schema 3 on: os-release's ID and VERSION_ID; before: `name` and `version`
    let (name_key, version_key) = if distro.get("id").is_some() || distro.get("versionID").is_some() {
        ("id", "versionID")
    } else {
        ("name", "version")
    };
    let field = |key: &str, out: &mut Emitter<'_>| {
        string_field(distro.get(key), key, file, snip, POINTER, bom, out.problems)
    };
    let name = field(name_key, out);
    let version = field(version_key, out);
    let cpe = field("cpeName", out);
    let (Ok(name), Ok(version), Ok(cpe)) = (name, version, cpe) else {
        return;
    };
    if name.is_none() && cpe.is_none() {
        // os-release without ID or CPE_NAME (syft writes what it read): nothing names it
        if version.is_some() {
            out.problems.push(
                file,
                snip,
                Some(POINTER),
                super::no_name(distro.span.shift(bom), "distribution"),
            );
        }
        return;
    }
    let mut extra: Vec<(String, String)> = vec![("type".to_owned(), super::OPERATING_SYSTEM.to_owned())];
    if let Some(p) = distro.get("prettyName").and_then(Value::as_str) {
        extra.push(("prettyName".to_owned(), p.to_owned()));
    }
    emit(
        file,
        bom,
        snip,
        distro.span,
        POINTER,
        [name, version, None, cpe],
        [None, None],
        &extra,
        out,
    );
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::{read_document, InputFormat};

    /// The items read from a syft document (`name|version|purl|cpe|pointer`) and its
    /// diagnostics' codes and messages.
    fn read(text: &str) -> (Vec<String>, Vec<String>) {
        let (items, diagnostics) = read_document("sbom.json", text, &mut |item| {
            [item.product, item.version, item.purl, item.cpe, item.at.pointer]
                .map(|f| f.unwrap_or("-"))
                .join("|")
        });
        let diagnostics = diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect();
        (items, diagnostics)
    }

    fn doc(schema: &str, artifacts: &str, distro: &str) -> String {
        format!(
            r#"{{"artifacts": [{artifacts}], "distro": {distro}, "schema": {{"version": "{schema}", "url": "u"}}}}"#
        )
    }

    #[test]
    fn cpes_as_strings_or_objects_give_the_first() {
        let artifacts = r#"{"name": "openssl", "version": "3.0.15", "purl": "", "cpes": ["", "cpe:2.3:a:openssl:openssl:3.0.15:*:*:*:*:*:*:*", "cpe:2.3:a:x:y:1:*:*:*:*:*:*:*"]}"#;
        let (items, diagnostics) = read(&doc("13.0.0", artifacts, "{}"));
        assert_eq!(
            items,
            ["openssl|3.0.15|-|cpe:2.3:a:openssl:openssl:3.0.15:*:*:*:*:*:*:*|/artifacts/0"]
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let artifacts = r#"{"name": "openssl", "version": "3.0.15", "cpes": [{"cpe": "cpe:2.3:a:openssl:openssl:3.0.15:*:*:*:*:*:*:*", "source": "nvd-cpe-dictionary"}]}"#;
        let (items, _) = read(&doc("16.1.10", artifacts, "null"));
        assert_eq!(
            items,
            ["openssl|3.0.15|-|cpe:2.3:a:openssl:openssl:3.0.15:*:*:*:*:*:*:*|/artifacts/0"]
        );
    }

    /// The distribution: os-release's ID, VERSION_ID and CPE_NAME (schema 3 on), `name` and
    /// `version` before; none found (`{}`, `null`) is no item; a version with nothing naming
    /// it is reported.
    #[test]
    fn the_distribution_is_an_item() {
        let rhel = r#"{"prettyName": "Red Hat Enterprise Linux 9.4 (Plow)", "name": "Red Hat Enterprise Linux", "id": "rhel", "versionID": "9.4", "cpeName": "cpe:/o:redhat:enterprise_linux:9::baseos"}"#;
        let (items, diagnostics) = read(&doc("16.0.0", "", rhel));
        assert_eq!(
            items,
            ["rhel|9.4|-|cpe:/o:redhat:enterprise_linux:9::baseos|/distro"]
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let (items, _) = read(&doc(
            "1.0.5",
            "",
            r#"{"name": "debian", "version": "10", "idLike": ""}"#,
        ));
        assert_eq!(items, ["debian|10|-|-|/distro"]);
        for none in ["{}", "null"] {
            let (items, diagnostics) = read(&doc("16.0.0", "", none));
            assert!(items.is_empty(), "{none}");
            assert_eq!(
                diagnostics,
                ["eol::audit-empty: this SBOM lists no components"],
                "{none}"
            );
        }
        let (items, diagnostics) = read(&doc("16.0.0", "", r#"{"versionID": "12"}"#));
        assert!(items.is_empty());
        assert_eq!(
            diagnostics,
            ["eol::audit-bad-item: this distribution names no product"]
        );
        let (_, diagnostics) = read(&doc("16.0.0", "", "\"debian\""));
        assert_eq!(
            diagnostics,
            ["eol::audit-bad-item: `distro` is a string, not an object"]
        );
    }

    #[test]
    fn schemas_read_and_refused() {
        for (version, read_it) in [
            ("1.0.0", true),
            ("16.1.10", true),
            ("0.9", false),
            ("17.0.0", false),
            ("x", false),
        ] {
            let (items, diagnostics) =
                read(&doc(version, r#"{"name": "nodejs", "version": "22.11.0"}"#, "{}"));
            assert_eq!(items.len(), usize::from(read_it), "{version}");
            assert_eq!(diagnostics.is_empty(), read_it, "{version}: {diagnostics:?}");
        }
        let (_, diagnostics) = read(r#"{"artifacts": [], "schema": {}}"#);
        assert_eq!(
            diagnostics,
            ["eol::audit-unknown-sbom: this syft JSON document's `schema` gives no `version`"]
        );
    }

    /// syft writes its JSON on one line: that line is a document, not a line of JSON Lines.
    #[test]
    fn one_line_of_syft_json_is_a_document() {
        let text = doc("16.0.0", r#"{"name": "nodejs", "version": "22.11.0"}"#, "{}");
        assert!(matches!(InputFormat::sniff(text.as_bytes()), InputFormat::Sbom));
        assert!(matches!(
            InputFormat::sniff(br#"{"product": "nodejs", "artifacts": "x"}"#),
            InputFormat::Jsonl
        ));
    }
}
