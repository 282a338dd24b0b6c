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
//! `--list-all-pkgs`, and otherwise gives a result only its vulnerabilities. A result whose
//! packages are so left out is an error ([`code::UNLISTED_PACKAGES`]): one that lists
//! vulnerabilities but no packages (they are in packages it did not list), or a result of
//! the system's packages (`"Class": "os-pkgs"`) that lists none (a system found has packages).
//! Those packages are not audited, and an audit that passed without them would pass wrongly.

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
        // the document's text after its byte order mark, which the spans count in
        let body = snip.text().get(bom..).unwrap_or_default();
        let listed = result.get("Packages").filter(|p| !is_empty_value(p, body));
        if listed.is_none() {
            unlisted(file, bom, snip, result, r, out);
        }
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

/// Whether a value is `null` or an empty array or object, as written (a value passed over
/// unread, such as a result's `Vulnerabilities`, has only its text).
fn is_empty_value(v: &Value, body: &str) -> bool {
    match &v.kind {
        Kind::Null => true,
        Kind::Array(items) => items.is_empty(),
        Kind::Object(members) => members.is_empty(),
        Kind::Unread => {
            let written: String = v.span.text(body).chars().filter(|c| !c.is_whitespace()).collect();
            matches!(written.as_str(), "null" | "[]" | "{}")
        }
        _ => false,
    }
}

/// A result (number `r`) that lists no packages although it has some: vulnerabilities, which
/// are in packages, or the system's packages. An error: those packages are not audited.
fn unlisted(file: &str, bom: usize, snip: Snip<'_>, result: &Value, r: usize, out: &mut Emitter<'_>) {
    let Kind::Object(members) = &result.kind else {
        return;
    };
    let member = |key: &str| members.iter().find(|m| m.key == key);
    let target = result.get("Target").and_then(Value::as_str).unwrap_or("");
    let target = if target.is_empty() {
        "this result".to_owned()
    } else {
        format!("the result for `{target}`")
    };
    let (message, span, label) = match member("Vulnerabilities") {
        Some(v) if !is_empty_value(&v.value, snip.text().get(bom..).unwrap_or_default()) => (
            format!("{target} lists vulnerabilities but not the packages they are in: those packages are not audited"),
            v.key_span,
            "vulnerabilities without their packages",
        ),
        _ => match member("Class") {
            Some(c) if c.value.as_str() == Some("os-pkgs") => (
                format!("{target} is the system's packages but lists none: they are not audited"),
                c.value.inner_span(),
                "the system's packages, not listed",
            ),
            _ => return,
        },
    };
    out.problems.push(
        file,
        snip,
        Some(&format!("/Results/{r}")),
        Diagnostic::error(code::UNLISTED_PACKAGES, message, span.shift(bom), label).with_help(
            "Trivy lists an image's packages by default from version 0.67; run an older Trivy again \
             with `--list-all-pkgs` (an audit cannot pass on packages it was not given)",
        ),
    );
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
    // Trivy's word for a system it did not detect, written when it found packages all the
    // same (pkg/scan/local/service.go: `ftypes.OS{Family: "none"}`): no system
    if family.is_some_and(|(f, _)| f == "none") {
        return;
    }
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

    /// An older Trivy without `--list-all-pkgs` gives a result its vulnerabilities alone: the
    /// packages left out are an error, the system's too; a result with nothing is not.
    #[test]
    fn packages_left_out_are_an_error() {
        let report = |results: &str| {
            format!(
                r#"{{"SchemaVersion": 2, "ArtifactName": "x",
                  "Metadata": {{"OS": {{"Family": "debian", "Name": "12.8"}}}}, "Results": [{results}]}}"#
            )
        };
        let vulnerable = r#"{"Target": "x (debian 12.8)", "Class": "os-pkgs", "Type": "debian",
            "Vulnerabilities": [{"VulnerabilityID": "CVE-2024-9143", "PkgName": "libssl3"}]}"#;
        let (items, diagnostics) = read(&report(vulnerable));
        // the system is still audited
        assert_eq!(items, ["debian|12.8|-|-|system"]);
        assert_eq!(
            diagnostics,
            ["the result for `x (debian 12.8)` lists vulnerabilities but not the packages they are in: those packages are not audited"]
        );
        let lockfile = r#"{"Target": "package-lock.json", "Class": "lang-pkgs", "Type": "npm",
            "Packages": null, "Vulnerabilities": [{"VulnerabilityID": "CVE-2024-1"}]}"#;
        let (_, diagnostics) = read(&report(lockfile));
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let system = r#"{"Target": "", "Class": "os-pkgs", "Type": "debian", "Packages": []}"#;
        let (_, diagnostics) = read(&report(system));
        assert_eq!(
            diagnostics,
            ["this result is the system's packages but lists none: they are not audited"]
        );
        // nothing left out: a language's result with no packages and no vulnerabilities, a
        // configuration's, and every package listed beside vulnerabilities
        let quiet = r#"{"Target": "go.mod", "Class": "lang-pkgs", "Type": "gomod", "Vulnerabilities": [ ]},
            {"Target": "Dockerfile", "Class": "config", "Type": "dockerfile", "Misconfigurations": [{"ID": "DS002"}]},
            {"Target": "x (debian 12.8)", "Class": "os-pkgs", "Type": "debian",
             "Packages": [{"Name": "libssl3", "Version": "3.0.15-1~deb12u1"}],
             "Vulnerabilities": [{"VulnerabilityID": "CVE-2024-9143", "PkgName": "libssl3"}]}"#;
        let (items, diagnostics) = read(&report(quiet));
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    /// Trivy writes `"Family": "none"` for a system it did not detect: that is no system.
    #[test]
    fn a_system_not_detected_is_no_item() {
        let text = r#"{"SchemaVersion": 2, "ArtifactName": "x", "Metadata": {"OS": {"Family": "none", "Name": ""}},
            "Results": [{"Target": "app/go.mod", "Class": "lang-pkgs", "Type": "gomod",
              "Packages": [{"Name": "stdlib", "Version": "v1.21.5", "Identifier": {"PURL": "pkg:golang/stdlib@v1.21.5"}}]}]}"#;
        let (items, diagnostics) = read(text);
        assert_eq!(
            items,
            ["stdlib|v1.21.5|pkg:golang/stdlib@v1.21.5|-|/Results/0/Packages/0"]
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
