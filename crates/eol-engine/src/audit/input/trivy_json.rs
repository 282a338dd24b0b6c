//! Trivy's own JSON report (`trivy image --format json`, schema version 2): the packages of
//! each result, and the operating system Trivy found.
//!
//! A report is one object with `"SchemaVersion": 2` and `Results`; its items are:
//! - each element of a result's `Packages` (`/Results/N/Packages/M`): its `Name`, its
//!   version as Trivy's own CycloneDX output writes it (`Epoch:Version-Release` when the
//!   package has an epoch or release, as an RPM has: `1:3.0.7-27.el9`), the package URL
//!   under `Identifier.PURL`, and its source package `SrcName` (kept as `source`, as from
//!   Trivy's CycloneDX); the result's `Target`, `Class` and `Type`, and the package's
//!   `FilePath`, are kept beside them;
//! - `Metadata.OS` (`/Metadata/OS`): the system, its `Family` and `Name` (`debian`,
//!   `12.5`), an operating system as Trivy's CycloneDX output names it.
//!
//! Packages are listed by default since Trivy 0.67; an older Trivy lists them only with
//! `--list-all-pkgs`, and a report without any says so.

use eol_syntax::{Diagnostic, Span};

use super::json::{Kind, Value};
use super::{array_of, code, emit, is_object, string_field, wrong_kind, Emitter, Snip, OPERATING_SYSTEM};

/// The `SchemaVersion` of the reports read: Trivy has written 2 since 0.20 (2021).
pub const SCHEMA_VERSION: &str = "2";

/// Whether a JSON document's root is a Trivy report: an object with `SchemaVersion` and
/// `ArtifactName` or `Results`.
pub(super) fn is_trivy(root: &Value) -> bool {
    matches!(root.kind, Kind::Object(_))
        && root.get("SchemaVersion").is_some()
        && (root.get("ArtifactName").is_some() || root.get("Results").is_some())
}

/// Why the report's schema version is not read, and where; None when it is.
pub(super) fn schema_refused(root: &Value, body: &str) -> Option<(Span, String)> {
    let version = root.get("SchemaVersion")?;
    let written = version.span.text(body);
    (written != SCHEMA_VERSION).then(|| {
        (
            version.span,
            format!("Trivy report schema version `{written}` is not one eol reads ({SCHEMA_VERSION})"),
        )
    })
}

/// Hand the operating system, then every result's packages, to `out`.
pub(super) fn read(file: &str, bom: usize, snip: Snip<'_>, root: &Value, out: &mut Emitter<'_>) {
    if let Some(os) = root.get("Metadata").and_then(|m| m.get("OS")) {
        system(file, bom, snip, os, out);
    }
    let Some(results) = root.get("Results").filter(|r| !r.is_null()) else {
        return;
    };
    let Some(results) = array_of(
        results,
        "Results",
        "result objects",
        file,
        snip,
        "/Results",
        bom,
        out.problems,
    ) else {
        return;
    };
    for (r, result) in results.iter().enumerate() {
        let Some(packages) = result.get("Packages").filter(|p| !p.is_null()) else {
            continue;
        };
        let at = format!("/Results/{r}/Packages");
        let Some(packages) = array_of(
            packages,
            "Packages",
            "package objects",
            file,
            snip,
            &at,
            bom,
            out.problems,
        ) else {
            continue;
        };
        let mut kept: Vec<(String, String)> = Vec::new();
        for key in ["Target", "Class", "Type"] {
            if let Some(v) = result.get(key).and_then(Value::as_str) {
                kept.push((key.to_owned(), v.to_owned()));
            }
        }
        for (i, p) in packages.iter().enumerate() {
            package(file, bom, snip, p, &format!("{at}/{i}"), &kept, out);
        }
    }
}

fn package(
    file: &str,
    bom: usize,
    snip: Snip<'_>,
    p: &Value,
    pointer: &str,
    kept: &[(String, String)],
    out: &mut Emitter<'_>,
) {
    let help = "each element of `Packages` is an object with `Name`, `Version` and `Identifier`";
    if !is_object(p, "a package", help, file, snip, pointer, bom, out.problems) {
        return;
    }
    let field = |key: &str, out: &mut Emitter<'_>| {
        string_field(p.get(key), key, file, snip, pointer, bom, out.problems)
    };
    let name = field("Name", out);
    let version = field("Version", out);
    let release = field("Release", out);
    let source = field("SrcName", out);
    let purl = string_field(
        p.get("Identifier").and_then(|i| i.get("PURL")),
        "PURL",
        file,
        snip,
        pointer,
        bom,
        out.problems,
    );
    let epoch = match p.get("Epoch").map(|e| &e.kind) {
        None | Some(Kind::Null) => Ok(None),
        Some(Kind::Number(n)) if n.bytes().all(|b| b.is_ascii_digit()) => Ok((n != "0").then(|| n.clone())),
        Some(_) => {
            let e = p.get("Epoch").unwrap_or(p);
            out.problems.push(
                file,
                snip,
                Some(pointer),
                wrong_kind("`Epoch`", e, "a whole number", e.span.shift(bom)).with_help(
                    "Trivy writes a package's epoch as a number (`1`); this package is not audited",
                ),
            );
            Err(())
        }
    };
    let (Ok(name), Ok(version), Ok(release), Ok(purl), Ok(source), Ok(epoch)) =
        (name, version, release, purl, source, epoch)
    else {
        return;
    };
    // `1:3.0.7-27.el9`, as Trivy's CycloneDX writes an RPM's version; its span is the
    // `Version`'s
    let whole = version.map(|(v, span)| {
        let mut text = String::new();
        if let Some(e) = &epoch {
            text.push_str(e);
            text.push(':');
        }
        text.push_str(v);
        if let Some((r, _)) = release {
            text.push('-');
            text.push_str(r);
        }
        (text, span)
    });
    let mut extra: Vec<(String, String)> = kept.to_vec();
    if let Some(path) = p.get("FilePath").and_then(Value::as_str) {
        extra.push(("FilePath".to_owned(), path.to_owned()));
    }
    let source = source.map(|s| s.0);
    if let Some(s) = source {
        extra.push(("source".to_owned(), s.to_owned()));
    }
    emit(
        file,
        bom,
        snip,
        p.span,
        pointer,
        [name, whole.as_ref().map(|(t, s)| (t.as_str(), *s)), purl, None],
        [None, source],
        &extra,
        out,
    );
}

/// The operating system (`/Metadata/OS`): an item as Trivy's CycloneDX output's
/// operating-system component is.
fn system(file: &str, bom: usize, snip: Snip<'_>, os: &Value, out: &mut Emitter<'_>) {
    const POINTER: &str = "/Metadata/OS";
    match &os.kind {
        Kind::Null => return,
        Kind::Object(_) => {}
        _ => {
            out.problems.push(
                file,
                snip,
                Some(POINTER),
                wrong_kind("`OS`", os, "an object", os.span.shift(bom))
                    .with_help("`Metadata.OS` is an object with the system's `Family` and `Name`"),
            );
            return;
        }
    }
    let field = |key: &str, out: &mut Emitter<'_>| {
        string_field(os.get(key), key, file, snip, POINTER, bom, out.problems)
    };
    let family = field("Family", out);
    let name = field("Name", out);
    let (Ok(family), Ok(name)) = (family, name) else {
        return;
    };
    if family.is_none() {
        if name.is_some() {
            out.problems.push(
                file,
                snip,
                Some(POINTER),
                Diagnostic::error(
                    code::BAD_ITEM,
                    "this operating system has no `Family`",
                    os.span.shift(bom),
                    "no `Family`",
                )
                .with_help("Trivy names the system by its `Family` (`debian`) and its release by `Name`; this item is not audited"),
            );
        }
        return;
    }
    let mut extra = vec![("type".to_owned(), OPERATING_SYSTEM.to_owned())];
    if os.get("EOSL").and_then(Value::as_bool) == Some(true) {
        extra.push(("EOSL".to_owned(), "true".to_owned()));
    }
    emit(
        file,
        bom,
        snip,
        os.span,
        POINTER,
        [family, name, None, None],
        [None, None],
        &extra,
        out,
    );
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::{read_document, InputFormat};

    /// The items read from a report (`name|version|purl|source|pointer`, `system` for the
    /// operating system's pointer) and its diagnostics' messages.
    fn read(text: &str) -> (Vec<String>, Vec<String>) {
        let (items, diagnostics) = read_document("trivy.json", text, &mut |item| {
            let mut fields = [
                item.product,
                item.version,
                item.purl,
                item.source,
                item.at.pointer,
            ]
            .map(|f| f.unwrap_or("-"));
            if item.operating_system {
                fields[4] = "system";
            }
            fields.join("|")
        });
        (items, diagnostics.into_iter().map(|d| d.message).collect())
    }

    /// An RPM's epoch and release are joined to its version as Trivy's CycloneDX joins them
    /// (`1:3.0.7-27.el9`; an epoch 0 is not written); the system is an operating system.
    #[test]
    fn versions_are_written_whole() {
        let report = r#"{"SchemaVersion": 2, "ArtifactName": "x",
          "Metadata": {"OS": {"Family": "redhat", "Name": "9.4", "EOSL": false}},
          "Results": [{"Target": "x (redhat 9.4)", "Class": "os-pkgs", "Type": "redhat", "Packages": [
            {"Name": "openssl-libs", "Version": "3.0.7", "Release": "27.el9", "Epoch": 1, "SrcName": "openssl",
             "Identifier": {"PURL": "pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1&distro=redhat-9.4"}},
            {"Name": "bash", "Version": "5.1.8", "Release": "9.el9", "Epoch": 0, "Identifier": {}},
            {"Name": "tzdata", "Version": "2024a"}]},
           {"Target": "Python", "Class": "lang-pkgs", "Type": "python-pkg", "Packages": null}]}"#;
        let (items, diagnostics) = read(report);
        assert_eq!(
            items,
            [
                "redhat|9.4|-|-|system",
                "openssl-libs|1:3.0.7-27.el9|pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1&distro=redhat-9.4|openssl|/Results/0/Packages/0",
                "bash|5.1.8-9.el9|-|-|/Results/0/Packages/1",
                "tzdata|2024a|-|-|/Results/0/Packages/2",
            ]
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    /// Trivy writes its report indented; on one line it is still a report, not JSON Lines.
    #[test]
    fn one_line_of_a_report_is_a_document() {
        let text = r#"{"SchemaVersion": 2, "ArtifactName": "x", "Results": []}"#;
        assert!(matches!(InputFormat::sniff(text.as_bytes()), InputFormat::Sbom));
        let (items, diagnostics) = read(text);
        assert!(items.is_empty());
        assert_eq!(diagnostics, ["this Trivy report lists no packages"]);
    }
}
