//! `eol audit` on real-shaped inputs: a CycloneDX SBOM and an SPDX document of the kind
//! syft writes for a small service (Debian base image, Python, Node.js, PostgreSQL; the
//! SPDX one also as SPDX 3.0 JSON-LD), an inventory CSV and JSON Lines; every output
//! format; SARIF checked against the SARIF 2.1.0 schema; suppressions and their expiry; the
//! gate's exit codes; and DuckDB's answer from the exported lifecycle table against the
//! audit's.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const AT: &str = "2026-12-01";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audit")
}

/// Run `eol` in the fixtures directory (no `rules/` there: the bundled library answers).
fn run_with(args: &[&str], stdin: Option<&str>, dir: &Path) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_eol"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("EOL_RULES")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run eol");
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_with(args, None, &fixtures())
}

fn shown(args: &[&str], (code, stdout, stderr): &(i32, String, String)) -> String {
    format!(
        "$ eol {}\nexit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}",
        args.join(" ")
    )
}

fn audit(extra: &[&str]) -> (String, (i32, String, String)) {
    let mut args = vec!["audit"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--at", AT]);
    let out = run(&args);
    (shown(&args, &out), out)
}

/// Run `eol` in the fixtures' directory with `stdin`, check its exit code and that its
/// output says `expected`; the output, for more checks.
fn says(args: &[&str], stdin: Option<&str>, code: i32, expected: &str) -> String {
    let (c, out, err) = run_with(args, stdin, &fixtures());
    assert_eq!(c, code, "{out}{err}");
    assert!(out.contains(expected), "{out}");
    out
}

/// The findings of a JSON audit document: each one's id, item and origin pointer (empty
/// for an item that has none).
fn findings_in(json: &str) -> Vec<(String, serde_json::Value, String)> {
    let doc: serde_json::Value = serde_json::from_str(json).unwrap();
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap().to_owned(),
                f["item"].clone(),
                f["origin"]["pointer"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn sbom_tables() {
    let (text, (code, ..)) = audit(&["service.cdx.json"]);
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!("cyclonedx_table", text);
    let (text, (code, ..)) = audit(&["service.spdx.json"]);
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!("spdx_table", text);
    let (text, (code, ..)) = audit(&["service.cdx.xml"]);
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!("cyclonedx_xml_table", text);
}

/// Items that name one product and version by different package URLs (qualifiers, or a
/// name beside them) are judged once: their findings differ only in how the product was
/// found.
#[test]
fn one_product_and_version_named_three_ways_is_judged_once() {
    let text = "product,version,purl\n,,pkg:pypi/django@4.2.16\ndjango,4.2.16,\nDjango,4.2.16,pkg:pypi/django@4.2.16?arch=x86_64\n";
    let (code, stdout, _) = run_with(
        &["audit", "-", "--at", AT, "--format", "json"],
        Some(text),
        &fixtures(),
    );
    assert_eq!(code, 1, "{stdout}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 3);
    let found_by: Vec<&str> = findings.iter().map(|f| f["found_by"].as_str().unwrap()).collect();
    assert_eq!(found_by, ["purl", "id", "purl"]);
    let without = |f: &serde_json::Value| {
        let mut f = f.clone();
        for key in ["found_by", "item", "origin"] {
            f.as_object_mut().unwrap().remove(key);
        }
        f
    };
    assert_eq!(without(&findings[0]), without(&findings[1]));
    assert_eq!(without(&findings[0]), without(&findings[2]));
    assert_eq!(findings[0]["id"], "django/4.2/end-of-life");
}

/// Two audits of one SBOM written two ways agree: `n` findings each, the same ids and items
/// in the same order, and every finding of `b` at a pointer that starts with `prefix`.
fn assert_same_findings<T: PartialEq + std::fmt::Debug>(
    a: &[(String, T, String)],
    b: &[(String, T, String)],
    n: usize,
    prefix: &str,
) {
    assert_eq!(a.len(), n);
    assert_eq!(a.len(), b.len());
    for ((id_a, item_a, _), (id_b, item_b, pointer)) in a.iter().zip(b) {
        assert_eq!((id_a, item_a), (id_b, item_b));
        assert!(pointer.starts_with(prefix), "{pointer}");
    }
}

/// The CycloneDX SBOM written as XML (the same components, as the CycloneDX build plugins
/// write it) gives the same findings, each at its XPath.
#[test]
fn cyclonedx_xml_and_json_agree() {
    let findings = |file: &str| findings_in(&audit(&[file, "--format", "json"]).1 .1);
    let (json, xml) = (findings("service.cdx.json"), findings("service.cdx.xml"));
    assert_same_findings(&json, &xml, 11, "/bom/components/component[");
    assert_eq!(xml[9].2, "/bom/components/component[9]/components/component[1]");
}

/// A JSON array of item objects (as `jq -s`, osquery or an API write a list) is read as JSON
/// Lines are: the fixture's lines as one array give the same findings, each at its element's
/// pointer and line; an element that is not an object, names nothing or gives a number for
/// a version is reported at its pointer and the rest audited; an empty list says so.
#[test]
fn a_json_array_of_items_reads_as_json_lines() {
    let lines = std::fs::read_to_string(fixtures().join("inventory.jsonl")).unwrap();
    let array = format!("[\n{}\n]\n", lines.trim_end().replace('\n', ",\n"));
    let args = ["audit", "-", "--format", "json", "--at", AT];
    let (code, stdout, stderr) = run_with(&args, Some(&array), &fixtures());
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr, "");
    let from_lines = findings_in(&audit(&["inventory.jsonl", "--format", "json"]).1 .1);
    let from_array = findings_in(&stdout);
    assert_same_findings(&from_lines, &from_array, 4, "/");
    let origins: Vec<(u64, String)> = serde_json::from_str::<serde_json::Value>(&stdout).unwrap()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["origin"]["line"].as_u64().unwrap(),
                f["origin"]["pointer"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        origins,
        [(2, "/0"), (3, "/1"), (4, "/2"), (5, "/3")].map(|(l, p)| (l, p.to_owned()))
    );

    let bad = "[\n  {\"product\": \"nodejs\", \"version\": 18},\n  \"python 3.12\",\n  {\"host\": \"x\"},\n  {\"product\": \"python\", \"version\": \"3.9.18\"}\n]\n";
    let (code, stdout, stderr) = run_with(&args, Some(bad), &fixtures());
    // the items that could not be read leave the audit incomplete: exit 3, whatever the rest
    assert_eq!(code, 3, "{stderr}");
    let from_bad = findings_in(&stdout);
    assert_eq!(from_bad.len(), 1);
    assert_eq!(
        (from_bad[0].0.as_str(), from_bad[0].2.as_str()),
        ("python/3.9/end-of-life", "/3")
    );
    for (pointer, message) in [
        ("#/0:2:", "`version` is a number, not a string"),
        ("#/1:3:", "this element is a string, not an object"),
        ("#/2:4:", "this object names no product"),
    ] {
        assert!(
            stderr.contains(&format!("[<stdin>{pointer}")),
            "{pointer}: {stderr}"
        );
        assert!(stderr.contains(message), "{message}: {stderr}");
    }

    let (code, _, stderr) = run_with(&args, Some("[]"), &fixtures());
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("this list has no items"), "{stderr}");
}

/// An inventory whose header is written with semicolons (a spreadsheet in a language whose
/// decimal mark is the comma), tabs or vertical bars is read with that separator: the same
/// findings and extra columns as with commas, a value holding a comma quoted on the way out.
/// A header that names no product however it is split keeps the general help.
#[test]
fn inventories_separated_by_semicolons_tabs_or_bars() {
    let commas = "product,version,host\nnodejs,18.1.0,\"Berlin, DE\"\npython,3.12.1,b\n";
    let (code, want, stderr) = audit_csv_stdin(commas, "csv");
    assert_eq!(code, 1, "{stderr}");
    assert!(want.contains(",\"Berlin, DE\"\n"), "{want}");
    for input in [
        "\u{feff}product;version;host\nnodejs;18.1.0;Berlin, DE\npython;3.12.1;b\n",
        "\"Product\";\"Version\";\"Host\"\r\n\"nodejs\";\"18.1.0\";\"Berlin, DE\"\r\npython;3.12.1;b\r\n",
        "product\tversion\thost\nnodejs\t18.1.0\tBerlin, DE\npython\t3.12.1\tb\n",
        "product|version|host\nnodejs|18.1.0|Berlin, DE\npython|3.12.1|b\n",
    ] {
        let (code, got, stderr) = audit_csv_stdin(input, "csv");
        assert_eq!(code, 1, "{input:?}: {stderr}");
        assert_eq!(stderr, "", "{input:?}");
        // the header's own spelling of the extra column is kept
        let header = |t: &str| t.lines().next().unwrap().to_ascii_lowercase();
        assert_eq!(header(&got), header(&want), "{input:?}");
        assert_eq!(
            got.lines().skip(1).collect::<Vec<_>>(),
            want.lines().skip(1).collect::<Vec<_>>(),
            "{input:?}"
        );
    }
    let (code, _, stderr) = audit_csv_stdin("name;release\npython;3.12\n", "json");
    assert_eq!(code, 3);
    assert!(stderr.contains("name the columns in the first row"), "{stderr}");
}

/// CycloneDX 1.7 changed nothing a component is read by: the fixture SBOM written as 1.7
/// (JSON and XML) gives the findings it gives as 1.5. An external component that gives a
/// `versionRange` (new in 1.7) instead of a version is an item without a version, never
/// judged from its range.
#[test]
fn cyclonedx_1_7_reads_as_before() {
    let dir = tempfile::tempdir().unwrap();
    // (exit code, findings: id and item)
    let audit_of = |file: &Path| {
        let file = file.to_str().unwrap();
        let (code, stdout, stderr) =
            run_with(&["audit", file, "--format", "json", "--at", AT], None, dir.path());
        assert!(stderr.is_empty(), "{stderr}");
        let findings = findings_in(&stdout)
            .into_iter()
            .map(|(id, item, _)| (id, item))
            .collect::<Vec<_>>();
        (code, findings)
    };
    for name in ["service.cdx.json", "service.cdx.xml"] {
        let text = std::fs::read_to_string(fixtures().join(name)).unwrap();
        let v17 = text
            .replace(r#""specVersion": "1.5""#, r#""specVersion": "1.7""#)
            .replace(r#"schema/bom/1.5""#, r#"schema/bom/1.7""#);
        assert_ne!(text, v17, "{name} names spec version 1.5");
        let path = dir.path().join(name);
        std::fs::write(&path, v17).unwrap();
        let (before, after) = (audit_of(&fixtures().join(name)), audit_of(&path));
        assert_eq!((before.0, before.1.len()), (1, 11), "{name}");
        assert_eq!(before, after, "{name}");
    }
    let external = dir.path().join("external.cdx.json");
    std::fs::write(
        &external,
        r#"{"bomFormat": "CycloneDX", "specVersion": "1.7", "components": [
            {"type": "library", "name": "django", "purl": "pkg:pypi/django",
             "isExternal": true, "versionRange": "vers:pypi/>=4.2|<5.0"}]}"#,
    )
    .unwrap();
    let (code, found) = audit_of(&external);
    assert_eq!(code, 0);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "django/-/unknown-version");
    assert_eq!(found[0].1["version"], serde_json::Value::Null);
}

/// The fixture image as syft's own JSON (`syft -o json`: its packages as `artifacts`,
/// Debian 12 as `distro`) gives the findings its CycloneDX SBOM gives, each at its pointer;
/// compact on one line through standard input (as syft writes it by default), and with
/// `cpes` as strings (schema 15 and before), the same; a schema not read is refused.
#[test]
fn syfts_own_json_and_cyclonedx_agree() {
    let sorted = |text: &str| {
        let mut found: Vec<_> = findings_in(text)
            .into_iter()
            .map(|(id, item, pointer)| {
                let names = ["product", "version", "purl", "cpe"].map(|k| item[k].clone());
                (id, names, pointer)
            })
            .collect();
        found.sort_by(|a, b| {
            (&a.0, a.1.each_ref().map(|v| v.to_string())).cmp(&(&b.0, b.1.each_ref().map(|v| v.to_string())))
        });
        found
    };
    let (_, (code, cdx, _)) = audit(&["service.cdx.json", "--format", "json"]);
    assert_eq!(code, 1);
    let (_, (code, syft, stderr)) = audit(&["service.syft.json", "--format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let (cdx, syft) = (sorted(&cdx), sorted(&syft));
    assert_eq!(cdx.len(), 11);
    let without_pointer = |f: &[(String, [serde_json::Value; 4], String)]| {
        f.iter()
            .map(|(id, names, _)| (id.clone(), names.clone()))
            .collect::<Vec<_>>()
    };
    // (Debian's os-release has no CPE_NAME, so syft gives its distro none; the CycloneDX
    // fixture's operating system has one)
    let mut cdx = without_pointer(&cdx);
    for f in &mut cdx {
        if f.0 == "debian/12/supported" {
            f.1[3] = serde_json::Value::Null;
        }
    }
    assert_eq!(cdx, without_pointer(&syft));
    let debian = syft.iter().find(|f| f.0 == "debian/12/supported").unwrap();
    assert_eq!(debian.2, "/distro");
    assert!(syft
        .iter()
        .all(|f| f.2 == "/distro" || f.2.starts_with("/artifacts/")));

    let text = std::fs::read_to_string(fixtures().join("service.syft.json")).unwrap();
    let compact = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&text).unwrap()).unwrap();
    let (code, stdout, stderr) = run_with(
        &["audit", "-", "--format", "json", "--at", AT],
        Some(&compact),
        &fixtures(),
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(sorted(&stdout), syft);

    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["schema"]["version"] = "13.0.0".into();
    for a in doc["artifacts"].as_array_mut().unwrap() {
        let cpes: Vec<serde_json::Value> = a["cpes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["cpe"].clone())
            .collect();
        a["cpes"] = cpes.into();
    }
    let (code, stdout, stderr) = run_with(
        &["audit", "-", "--format", "json", "--at", AT],
        Some(&doc.to_string()),
        &fixtures(),
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(sorted(&stdout), syft);
}

/// What is wrong in a syft JSON document is reported where it is, and the rest audited: an
/// artifact that is not an object, a CPE of another shape, a version as a number; a schema
/// eol does not read refuses the document.
#[test]
fn a_syft_document_with_problems() {
    let doc = r#"{"artifacts": [
  {"name": "nodejs", "version": "18.20.4", "purl": "pkg:generic/nodejs@18.20.4", "cpes": []},
  "django",
  {"name": "openssl", "version": "3.0.15", "cpes": [{"cpe": "cpe:2.3:a:openssl:openssl:3.0.15:*:*:*:*:*:*:*"}, 7]},
  {"name": "python", "version": 3.10, "cpes": null}
 ],
 "distro": {"id": "debian", "versionID": "11", "prettyName": "Debian GNU/Linux 11 (bullseye)"},
 "schema": {"version": "16.1.0", "url": "https://raw.githubusercontent.com/anchore/syft/main/schema/json/schema-16.1.0.json"}}
"#;
    let args = ["audit", "-", "--at", AT];
    let out = run_with(&args, Some(doc), &fixtures());
    assert_eq!(out.0, 3, "{}", out.2);
    insta::assert_snapshot!("syft_problems", shown(&args, &out));

    let newer = doc.replace(r#""version": "16.1.0""#, r#""version": "17.0.0""#);
    let out = run_with(&args, Some(&newer), &fixtures());
    assert_eq!(out.0, 3, "{}", out.2);
    insta::assert_snapshot!("syft_schema_not_read", shown(&args, &out));
}

/// The fixture SPDX document written as SPDX 3.0.1 JSON-LD (its packages as
/// `software_Package` elements, purls as `software_packageUrl`, CPEs as external
/// identifiers, the image it describes as the SBOM's root element) gives the same
/// findings, each at its pointer in the `@graph`; written as SPDX 2.2, the same JSON.
#[test]
fn spdx_3_2_3_and_2_2_agree() {
    let findings = |file: &str| {
        let (_, (code, stdout, stderr)) = audit(&[file, "--format", "json"]);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.is_empty(), "{stderr}");
        // (the item's names: its other fields are named after each format's keys)
        findings_in(&stdout)
            .into_iter()
            .map(|(id, item, pointer)| {
                let names = ["product", "version", "purl", "cpe"].map(|k| item[k].clone());
                (id, names, pointer)
            })
            .collect::<Vec<_>>()
    };
    let (two, three) = (findings("service.spdx.json"), findings("service.spdx3.json"));
    assert_same_findings(&two, &three, 7, "/@graph/");
    assert!(three
        .iter()
        .all(|f| !f.1[0].as_str().unwrap_or("").contains("registry.example.com")));
    // SPDX 2.2 JSON names packages, versions and their references as 2.3 does: the same
    // document as 2.2 gives the same JSON, byte for byte.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixtures().join("service.spdx.json")).unwrap();
    let v22 = text.replace(r#""spdxVersion": "SPDX-2.3""#, r#""spdxVersion": "SPDX-2.2""#);
    assert_ne!(text, v22);
    std::fs::write(dir.path().join("service.spdx.json"), v22).unwrap();
    let args = ["audit", "service.spdx.json", "--format", "json", "--at", AT];
    let (code, stdout, stderr) = run_with(&args, None, dir.path());
    assert_eq!(code, 1, "{stderr}");
    let (_, (_, stdout_23, _)) = audit(&["service.spdx.json", "--format", "json"]);
    assert_eq!(stdout, stdout_23);
}

#[test]
fn inventory_with_suppressions() {
    let (text, (code, _, stderr)) = audit(&["inventory.csv", "--suppressions", "suppressions.toml"]);
    // python 3.8 is suppressed; the Debian 11 suppression expired on 2026-09-01.
    assert!(stderr.contains("eol::suppression-expired"), "{text}");
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!("inventory_table", text);
    // Before it expired, it suppressed.
    let args = [
        "audit",
        "inventory.csv",
        "--suppressions",
        "suppressions.toml",
        "--at",
        "2026-08-01",
        "--format",
        "json",
    ];
    let (_, stdout, stderr) = run(&args);
    assert!(!stderr.contains("suppression-expired"), "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let debian = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["product"] == "debian")
        .unwrap();
    assert_eq!(debian["suppressed"]["target"], "debian/11", "{debian}");
}

#[test]
fn every_format() {
    for format in ["json", "csv", "markdown", "sarif"] {
        let (text, (code, ..)) = audit(&["inventory.jsonl", "--format", format]);
        assert_eq!(code, 1, "{text}");
        insta::assert_snapshot!(format!("jsonl_{format}"), text);
    }
    let (text, _) = audit(&[
        "inventory.csv",
        "--format",
        "csv",
        "--suppressions",
        "suppressions.toml",
    ]);
    insta::assert_snapshot!("inventory_csv", text);
}

/// The SARIF 2.1.0 JSON schema (shipped in tests/data), compiled.
fn sarif_validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    jsonschema::draft4::new(&schema).expect("the SARIF schema compiles")
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let validator = sarif_validator();
    for inputs in [
        &["service.cdx.json"][..],
        &["service.spdx.json"],
        &["service.spdx3.json"],
        &["service.cdx.xml"],
        &["inventory.csv", "--suppressions", "suppressions.toml"],
        &["inventory.jsonl", "inventory.csv"],
    ] {
        let mut args = inputs.to_vec();
        args.extend_from_slice(&["--format", "sarif"]);
        let (_, (_, stdout, _)) = audit(&args);
        let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{inputs:?}: {errors:#?}");
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert!(!results.is_empty());
        for r in results {
            assert!(r["partialFingerprints"]["eolFindingId/v1"].is_string(), "{r}");
            assert!(
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap()
                    >= 1
            );
        }
    }
    // A schema violation is caught: the validator is not vacuous.
    let bad = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {}}]});
    assert!(!validator.is_valid(&bad));
}

#[test]
fn the_gate_and_exit_codes() {
    let supported = "product,version\npython,3.13.1\n";
    let dir = fixtures();
    let (code, ..) = run_with(&["audit", "-", "--at", AT], Some(supported), &dir);
    assert_eq!(code, 0);
    // Python 3.10's end of life is 2026-11-01: soon (within 90 days) on 2026-09-01.
    let soon = "product,version\npython,3.10.4\n";
    let at = ["--at", "2026-09-01"];
    let (code, out, _) = run_with(&[&["audit", "-"][..], &at].concat(), Some(soon), &dir);
    assert_eq!(code, 0, "{out}");
    assert!(out.lines().any(|l| l.starts_with("ends soon ")), "{out}");
    let (code, ..) = run_with(
        &[&["audit", "-", "--fail-on", "ends-soon"][..], &at].concat(),
        Some(soon),
        &dir,
    );
    assert_eq!(code, 1);
    let unknown = "product,version\nleft-pad,1.3.0\n";
    let (code, ..) = run_with(&["audit", "-", "--at", AT], Some(unknown), &dir);
    assert_eq!(code, 0);
    let (code, ..) = run_with(
        &["audit", "-", "--at", AT, "--fail-on", "unknown"],
        Some(unknown),
        &dir,
    );
    assert_eq!(code, 1);
    // Nothing could be read: exit 3; a file that is not there: exit 2.
    let (code, _, stderr) = run_with(&["audit", "-", "--at", AT], Some("name,version\nx,1\n"), &dir);
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("eol::audit-missing-column"), "{stderr}");
    let (code, _, stderr) = run(&["audit", "nope.csv", "--at", AT]);
    assert_eq!(code, 2, "{stderr}");
    let (code, stdout, _) = run(&["audit", "nope.csv", "--at", AT, "--format", "json"]);
    assert_eq!(code, 2);
    assert!(stdout.contains("\"kind\": \"io\""), "{stdout}");
    let (code, _, stderr) = run(&["audit", "inventory.csv", "--within", "3 fortnights"]);
    assert_eq!(code, 2, "{stderr}");
}

/// A catalog that stops listing releases makes "supported" doubtful: the monthly product
/// of `stale/` supports its two newest lines, and its catalog ends with line 5 (May). On
/// 2026-05-10 every date is known or estimated; on 2026-08-01 lines 6 and 7 are overdue,
/// so lines 4 and 5 cannot be told apart from lines that ended, and say so.
#[test]
fn a_stale_catalog_puts_supported_in_doubt() {
    let dir = fixtures().join("stale");
    // `eol` with `command`, on the monthly product alone, on `at`, then `extra`
    let on_fixture = |command: &[&str], at: &str, extra: &[&str]| {
        let mut args = command.to_vec();
        args.extend_from_slice(&["--no-bundled", "--rules", "monthly.eol", "--at", at]);
        args.extend_from_slice(extra);
        let out = run_with(&args, None, &dir);
        (shown(&args, &out), out)
    };
    let audit_at = |at: &str, extra: &[&str]| on_fixture(&["audit", "inventory.csv"], at, extra);
    // Nothing overdue yet: nothing in doubt, and the stale gate passes.
    let (text, (code, stdout, _)) = audit_at("2026-05-10", &["--fail-on", "stale"]);
    assert_eq!(code, 0, "{text}");
    assert!(!stdout.contains('?'), "{text}");
    let (text, (code, ..)) = audit_at("2026-08-01", &[]);
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!("stale_table", text);
    // Only the stale gate fails on them (line 3's end of life is not gated here).
    let (text, (code, ..)) = audit_at("2026-08-01", &["--fail-on", "ends-soon"]);
    assert_eq!(code, 0, "{text}");
    let (text, (code, ..)) = audit_at("2026-08-01", &["--fail-on", "stale"]);
    assert_eq!(code, 1, "{text}");
    // Machine-readable: the reason in CSV and JSON, the count in the summary, SARIF's
    // `open` (could not determine) with level `none`, still valid against the schema.
    let (text, (_, stdout, _)) = audit_at("2026-08-01", &["--format", "csv"]);
    let doubtful: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("the catalog may be stale"))
        .collect();
    assert_eq!(doubtful.len(), 2, "{text}");
    assert!(
        doubtful
            .iter()
            .all(|l| l.starts_with("monthly/4/supported,") || l.starts_with("monthly/5/supported,")),
        "{text}"
    );
    let (_, (_, stdout, _)) = audit_at("2026-08-01", &["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["summary"]["stale"], 2);
    let stale: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["stale"] == true)
        .collect();
    assert_eq!(stale.len(), 2);
    assert!(
        stale
            .iter()
            .all(|f| f["state"] == "supported"
                && f["reason"].as_str().unwrap().contains("new line by 2026-06-04")),
        "{stale:?}"
    );
    let (_, (_, stdout, _)) = audit_at("2026-08-01", &["--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let kinds: Vec<(&str, &str)> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["kind"].as_str().unwrap(), r["level"].as_str().unwrap()))
        .collect();
    assert_eq!(kinds, [("fail", "error"), ("open", "none"), ("open", "none")]);
    // On 2026-06-20 line 5 ends soon (~2026-07-04, estimated) and is stale too: a failure
    // stays a failure, whose message says why it may be wrong.
    let (_, (_, stdout, _)) = audit_at("2026-06-20", &["--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let kinds: Vec<(&str, &str, &str)> = results
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap(),
                r["kind"].as_str().unwrap(),
                r["level"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("end-of-life", "fail", "error"),
            ("supported", "open", "none"),
            ("ends-soon", "fail", "warning")
        ]
    );
    assert!(
        results[2]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("; but the catalog may be stale"),
        "{}",
        results[2]
    );
    let validator = sarif_validator();
    assert!(validator.is_valid(&log));
    // `eol status` says the same in its `stale:` row, and gates on it when asked.
    let status = |extra: &[&str]| on_fixture(&["status", "monthly", "4.2"], "2026-08-01", extra).1;
    let (code, stdout, _) = status(&[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("stale:"), "{stdout}");
    // Its lines view marks the two lines, and says why.
    let (_, (code, stdout, _)) = on_fixture(&["status", "monthly"], "2026-08-01", &[]);
    assert_eq!(code, 0, "{stdout}");
    let marked: Vec<&str> = stdout.lines().filter(|l| l.ends_with("supported?")).collect();
    assert_eq!(marked.len(), 2, "{stdout}");
    assert!(
        marked[0].starts_with("5 ") && marked[1].starts_with("4 "),
        "{stdout}"
    );
    assert!(
        stdout.contains("? 2 lines may be wrong: the catalog may be stale"),
        "{stdout}"
    );
    // So does `eol list`, in its supported column and its JSON.
    let list = |extra: &[&str]| on_fixture(&["list"], "2026-08-01", extra).1 .1;
    let table = list(&[]);
    assert!(table.contains("5?, 4?"), "{table}");
    assert!(table.contains("? 2 supported lines may be wrong"), "{table}");
    let doc: serde_json::Value = serde_json::from_str(&list(&["--format", "json"])).unwrap();
    assert_eq!(doc["products"][0]["supported"], serde_json::json!(["5", "4"]));
    assert_eq!(doc["products"][0]["stale"], serde_json::json!(["5", "4"]));
    assert_eq!(status(&["--fail-on-stale"]).0, 1);
    let (_, (code, ..)) = on_fixture(&["status", "monthly", "5.0"], "2026-05-10", &["--fail-on-stale"]);
    assert_eq!(code, 0);
}

/// `eol audit` of an inventory CSV given on standard input against the `range` fixture
/// alone (crates/eol-cli/tests/fixtures/language/range.eol: terms given as ranges), in
/// `format`, on `at`: the exit code and standard output.
fn audit_range(inventory: &str, format: &str, at: &str) -> (i32, String) {
    let dir = fixtures().join("../language");
    let rules = ["--no-bundled", "--rules", "range.eol"];
    let (code, stdout, _) = audit_stdin_in(&dir, inventory, format, at, &rules);
    (code, stdout)
}

/// An estimated or pending end of life says why in every machine-readable format, in the
/// words `eol status` uses: `eol_why` in JSON and CSV, and SARIF's message. A range
/// (`between`) ends at its earlier end; a sure date has no why.
#[test]
fn an_unsure_end_of_life_says_why() {
    let inventory = "product,version\nrange,5.3.0.1\nrange,5.5\n";
    let audit = |format: &str| {
        let (code, stdout) = audit_range(inventory, format, "2026-12-05");
        assert_eq!(code, 1, "{stdout}");
        stdout
    };
    let past = "between 2025-11-27 and 2026-11-27: the policy gives a range; the earlier day counts, estimated (`between`)";
    let ahead = "between 2027-07-31 and 2028-07-31: the policy gives a range; the earlier day counts, estimated (`between`)";
    let doc: serde_json::Value = serde_json::from_str(&audit("json")).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    let got: Vec<(&str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["state"].as_str().unwrap(),
                f["eol"]["kind"].as_str().unwrap(),
                f["eol_why"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("end-of-life", "estimated", past),
            ("supported", "estimated", ahead)
        ]
    );
    let csv = audit("csv");
    let mut rows = csv.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let column = header.iter().position(|h| *h == "eol_why").unwrap();
    assert_eq!(header[column - 1], "eol_kind");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let whys: Vec<String> = reader.records().map(|r| r.unwrap()[column].to_owned()).collect();
    assert_eq!(whys, [past, ahead]);
    let log: serde_json::Value = serde_json::from_str(&audit("sarif")).unwrap();
    let messages: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            format!("Range 5.3 (5.3.0.1) reached end of life on 2025-11-27 (estimated), 373 days ago; estimated: {past}"),
            format!("Range 5.5 is supported; end of life on 2027-07-31 (estimated); estimated: {ahead}"),
        ]
    );
    assert!(sarif_validator().is_valid(&log));
    // A sure date has no why: Python 3.9's end of life was announced to the day.
    let (_, stdout, _) = audit_csv_stdin("product,version\npython,3.9\n", "json");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["findings"][0]["eol"]["kind"], "exact");
    assert!(doc["findings"][0]["eol_why"].is_null(), "{stdout}");
}

/// A version in no line of the catalog, older than every line or between two, is at end of
/// life once the line or lines around it have ended (its own end is not known, so no date),
/// and unknown while one is supported; a version in another numbering (Unity 6 beside lines
/// from 2017.1) is not "older", and stays unknown.
#[test]
fn a_version_the_catalog_has_no_line_for() {
    let audit_of = |version: &str, at: &str| {
        let (code, stdout) = audit_range(&format!("product,version\nrange,{version}\n"), "json", at);
        let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        (code, doc["findings"][0].clone())
    };
    let audit = |at: &str| audit_of("4.2.1", at);
    // between 5.3 and 5.5: unknown while 5.5 is supported, at end of life once both have ended
    let (code, f) = audit_of("5.4.2", "2026-12-05");
    assert_eq!((code, f["state"].as_str()), (0, Some("unknown-version")), "{f}");
    assert_eq!(f["candidates"], serde_json::json!(["5.3", "5.5"]));
    assert!(f["unlisted"].is_null(), "{f}");
    assert_eq!(
        f["reason"],
        "`5.4.2` is in no line of `range` the catalog lists, between 5.3 (end of life since 2025-11-27, estimated) \
         and 5.5 (supported until 2027-07-31, estimated); a version between two lines is taken to be at end of \
         life only once both have ended"
    );
    let (code, f) = audit_of("5.4.2", "2028-08-01");
    assert_eq!(code, 1, "{f}");
    assert_eq!(f["id"], "range/5.4.2/end-of-life");
    assert_eq!(f["unlisted"], "between");
    assert!(f["eol"].is_null() && f["line"].is_null(), "{f}");
    assert_eq!(
        f["reason"],
        "`5.4.2` is in no line of `range` the catalog lists, and the lines either side of it have ended: 5.3 \
         (end of life since 2025-11-27, estimated) and 5.5 (end of life since 2027-07-31, estimated); a line \
         between two that have ended is taken to be at end of life too (its own end is not in the catalog)"
    );
    // `eol status` concludes the same: end of life (exit 1), then the two lines' status;
    // while one of them is supported, a version in no line (exit 2) whose help says why
    // `eol COMMAND range 5.4.2` on the language fixture's range rules
    let ask = |command: &str, at: &str| {
        run_with(
            &[
                command,
                "range",
                "5.4.2",
                "--no-bundled",
                "--rules",
                "range.eol",
                "--at",
                at,
            ],
            None,
            &fixtures().join("../language"),
        )
    };
    let status = |at: &str| ask("status", at);
    let (code, stdout, stderr) = status("2028-08-01");
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout.starts_with(
            "`5.4.2` is in no line of `range` the catalog lists, and the lines either side of it, 5.3, 5.5, have \
             ended: taken to be at end of life too\n  its own end is not in the catalog; the status of 5.3, 5.5 \
             follows\n\nRange 5.3 at 2028-08-01\n"
        ) && stdout.contains("\nRange 5.5 at 2028-08-01\n"),
        "{stdout}"
    );
    let (code, _, stderr) = status("2026-12-05");
    assert_eq!(code, 2, "{stderr}");
    let unknown = "`5.4.2` is in no line of `range` the catalog lists, between 5.3 (end of life since 2025-11-27, \
                   estimated) and 5.5 (supported until 2027-07-31, estimated); a version between two lines is taken \
                   to be at end of life only once both have ended";
    assert!(
        stderr.contains(&format!("help: {unknown}; `eol audit` leaves it unknown")),
        "{stderr}"
    );
    // `eol explain` gives the same judgement, then each line's derivation; while a line
    // around it is supported, the version is in no line it can explain (exit 2)
    let explain = |at: &str| ask("explain", at);
    let (code, stdout, stderr) = explain("2028-08-01");
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with(
            "`5.4.2` is in no line of `range` the catalog lists, and the lines either side of it have ended: 5.3 \
             (end of life since 2025-11-27, estimated) and 5.5 (end of life since 2027-07-31, estimated); a line \
             between two that have ended is taken to be at end of life too (its own end is not in the catalog); \
             the derivations of lines 5.3, 5.5 follow\n\nRange line 5.3 at 2028-08-01\n"
        ) && stdout.contains("\nRange line 5.5 at 2028-08-01\n"),
        "{stdout}"
    );
    let (code, stdout, stderr) = explain("2026-12-05");
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert!(
        stderr.contains("error: `5.4.2` belongs to no release line of `range` in the catalog")
            && stderr.contains(&format!("help: {unknown}; `eol audit` leaves it unknown")),
        "{stderr}"
    );
    let (code, f) = audit("2026-12-05");
    assert_eq!(code, 1, "{f}");
    assert_eq!(f["id"], "range/4.2.1/end-of-life");
    assert_eq!(f["state"], "end-of-life");
    assert_eq!(f["candidates"], serde_json::json!(["5.3"]));
    assert_eq!(f["unlisted"], "older");
    assert!(f["eol"].is_null() && f["days_left"].is_null(), "{f}");
    assert_eq!(
        f["reason"],
        "`4.2.1` is older than every line of `range` the catalog lists; the oldest, 5.3, reached end of life on \
         2025-11-27 (estimated); a line older than the catalog reaches is taken to be at end of life too (its own \
         end is not in the catalog)"
    );
    let (code, f) = audit("2025-06-01");
    assert_eq!(code, 0, "{f}");
    assert_eq!(f["state"], "unknown-version");
    assert_eq!(
        f["reason"],
        "`4.2.1` is older than every line of `range` the catalog lists; the oldest, 5.3, is supported until \
         2025-11-27 (estimated), which says nothing of an older one"
    );
    // the table names the oldest line, and the bundled library judges the same way
    let (code, stdout, _) = audit_csv_stdin(
        "product,version\nelasticsearch,5.6.16\nunity,6.0.23f1\npython,2.8.1\n",
        "table",
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("end of life") && l.contains("between lines 2.7, 3.0")),
        "{stdout}"
    );
    assert_eq!(code, 1, "{stdout}");
    let row = stdout.lines().find(|l| l.contains("elasticsearch")).unwrap();
    let cells: Vec<&str> = row.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
    assert_eq!(
        cells,
        [
            "end of life",
            "elasticsearch",
            "-",
            "5.6.16",
            "older than line 6",
            "-",
            "-",
            "-",
            "<stdin>:2"
        ],
        "{stdout}"
    );
    assert!(stdout.contains("unknown version  unity"), "{stdout}");
    let (_, stdout, _) = audit_csv_stdin("product,version\nelasticsearch,5.6.16\n", "sarif");
    let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(log["runs"][0]["results"][0]["message"]["text"]
        .as_str()
        .unwrap()
        .starts_with("`5.6.16` is older than every line of `elasticsearch` the catalog lists; the oldest, 6, reached end of life on 2022-02-10"));
    assert!(sarif_validator().is_valid(&log));
}

/// `eol audit -` of an inventory CSV given on standard input, in `format`, on [`AT`].
fn audit_csv_stdin(input: &str, format: &str) -> (i32, String, String) {
    audit_stdin_in(&fixtures(), input, format, AT, &[])
}

/// `eol audit -` in `dir` of an inventory CSV given on standard input, in `format`, on
/// `at`, with `extra` arguments.
fn audit_stdin_in(dir: &Path, input: &str, format: &str, at: &str, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "audit",
        "-",
        "--input-format",
        "csv",
        "--format",
        format,
        "--at",
        at,
    ];
    args.extend_from_slice(extra);
    run_with(&args, Some(input), dir)
}

/// The CSV writer copies the cells of a row without quotes as they are; a carriage return
/// inside a cell (a CRLF file's only other kind of line break) still gets the cell quoted,
/// and quoted input cells are written quoted again.
#[test]
fn csv_cells_are_quoted_when_they_need_it_whatever_the_path() {
    let input =
        "product,version,host\r\nnodejs,22.1.0,a\rb\r\npython,3.12.1, c \r\n\"nodejs\",22.1.0,\"d,e\"\r\n";
    let (code, stdout, stderr) = audit_csv_stdin(input, "csv");
    assert_eq!(code, 0, "{stderr}");
    let rows: Vec<&str> = stdout.split_inclusive('\n').skip(1).collect();
    assert_eq!(rows.len(), 3, "{stdout:?}");
    assert!(rows[0].ends_with(",nodejs,,,<stdin>,2,\"a\rb\"\n"), "{stdout:?}");
    assert!(rows[1].ends_with(",python,,,<stdin>,3,c\n"), "{stdout:?}");
    assert!(rows[2].ends_with(",nodejs,,,<stdin>,4,\"d,e\"\n"), "{stdout:?}");
}

/// A product cell that holds the version too (`Python 3.9.18`, as `python3 --version` prints
/// it, or `go version go1.21.5 linux/amd64`, as `go version` does) and no version beside it
/// is read as both; with a version beside it, the name's version names a line as a word of
/// an inventory's name does (here they disagree: an unknown version); a name that is no
/// product stays an unknown product (suggested by its name).
#[test]
fn a_product_cell_with_its_version_and_no_version_beside_it() {
    let input = "product,version\nPython 3.9.18,\nPython 3.9.18,3.12.1\npythn 3.9,\n\
        go version go1.21.5 linux/amd64,\n\"Version: 8.11.1, JVM: 21.0.1\",\n";
    let (code, stdout, stderr) = audit_csv_stdin(input, "json");
    assert_eq!(code, 1, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let found: Vec<(&str, &str, &str)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap(),
                f["version"].as_str().unwrap_or("-"),
                f["reason"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("python/3.9/end-of-life", "3.9.18", "-"),
            // a version beside it: the name's version names a line, and the two disagree
            (
                "python/3.12.1/unknown-version",
                "3.12.1",
                "`3.12.1` is line 3.12 of `python`, but `3.9.18` in the product's name says line 3.9"
            ),
            (
                "pythn 3.9/-/unknown-product",
                "-",
                "no product `pythn 3.9` in the rules; did you mean `python`?"
            ),
            // a tool's banner: the first version, and the product before it
            ("go/1.21/end-of-life", "1.21.5", "-"),
            // no product before the first version: a name after it does not take it
            (
                "version: 8.11.1, jvm: 21.0.1/-/unknown-product",
                "-",
                "no product `Version: 8.11.1, JVM: 21.0.1` in the rules"
            ),
        ]
    );
    // the item's own cells stay as they were read
    assert_eq!(doc["findings"][0]["item"]["product"], "Python 3.9.18");
    assert!(doc["findings"][0]["item"]["version"].is_null());
}

/// Inventories with different headers in one audit: each row's extra columns are found in
/// its own file's header (the CSV writer looks them up once per header, not per row).
#[test]
fn extra_columns_follow_each_files_header() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "a.csv",
            "product,version,host\nnodejs,18.1.0,h1\nnodejs,18.1.0,h4\n",
        ),
        ("b.csv", "site,host,product,version\ns2,h2,python,3.8.1\n"),
        ("c.csv", "product,version,site\nnodejs,20.1.0,s3\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let args = ["audit", "a.csv", "b.csv", "c.csv", "--format", "csv", "--at", AT];
    let (code, stdout, stderr) = run_with(&args, None, dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout
            .lines()
            .next()
            .unwrap()
            .ends_with(",file,location,host,site"),
        "{stdout}"
    );
    // the last four columns of each row (a reason may hold commas: read it as CSV)
    let tails: Vec<String> = csv::Reader::from_reader(stdout.as_bytes())
        .records()
        .map(|r| {
            let r = r.unwrap();
            r.iter().skip(r.len() - 4).collect::<Vec<_>>().join(",")
        })
        .collect();
    assert_eq!(
        tails,
        ["a.csv,2,h1,", "a.csv,3,h4,", "b.csv,2,h2,s2", "c.csv,2,,s3"],
        "{stdout}"
    );
}

/// Bad rows are reported with their file and line, and the rest is still audited.
#[test]
fn bad_input_is_reported_and_the_rest_audited() {
    let text = "product,version,host\npython,3.12.1,a\nnodejs,20.1.0\n\"node,18.1.0,b\n";
    let args = ["audit", "-", "--at", AT, "--input-format", "csv"];
    let out = run_with(&args, Some(text), &fixtures());
    // the rest is audited, but the gate cannot speak for the rows it could not read: exit 3
    assert_eq!(out.0, 3, "{}", out.2);
    assert!(
        out.2.ends_with(
            "error: the inputs have 2 errors (above): the items there were not audited, so this audit is incomplete\n"
        ),
        "{}",
        out.2
    );
    insta::assert_snapshot!("bad_rows", shown(&args, &out));
    let sbom = r#"{"bomFormat": "CycloneDX", "specVersion": "1.2", "components": []}"#;
    let out = run_with(&["audit", "-", "--at", AT], Some(sbom), &fixtures());
    assert_eq!(out.0, 3, "{}", out.2);
    assert!(out.2.contains("eol::audit-unknown-sbom"), "{}", out.2);
}

/// A quote never closed makes the rest of the file one value: the diagnostic says so, it
/// is shown even after the hundred a file keeps, and the rows before it are audited.
#[test]
fn a_quote_never_closed_is_shown_with_what_it_cost() {
    let mut text = String::from("product,version,host\n");
    for i in 0..150 {
        // each row has one field too many: 150 problems before the quote
        text.push_str(&format!("python,3.12.1,h{i},x\n"));
    }
    text.push_str("nodejs,22.1.0,a\npython,\"3.12.1,b\n");
    for i in 0..5000 {
        text.push_str(&format!("nodejs,22.1.0,h{i}\n"));
    }
    let (code, stdout, stderr) = audit_csv_stdin(&text, "csv");
    assert_eq!(code, 3, "{stderr}");
    assert_eq!(
        stdout.lines().count(),
        2,
        "only the row before the quote: {stdout}"
    );
    // (the help is wrapped to the terminal's width)
    let flat = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("a quoted value is never closed"), "{stderr}");
    assert!(flat.contains("<stdin>:153:8"), "{stderr}");
    assert!(
        flat.contains("The 5000 lines after it were read as part of the value: none of them is audited"),
        "{stderr}"
    );
    // 150 rows with a field too many: 100 shown, 50 counted; the quote is shown after them
    assert!(
        flat.ends_with(
            "note: <stdin>: 50 more problems not shown error: the inputs have 151 errors (above): \
             the items there were not audited, so this audit is incomplete"
        ),
        "{stderr}"
    );
}

/// `--extended` counts paid extended support as support, as `eol status --extended` does:
/// Ubuntu 20.04's standard support ended on 2025-06-01, its Expanded Security Maintenance
/// (Ubuntu Pro) runs to 2030-04-30. Free extended support counts either way: Debian 12's
/// security team stopped on 2026-07-11, Debian LTS runs to 2028-06-30 for everyone.
#[test]
fn extended_counts_paid_support() {
    let state = |item: &str, extra: &[&str]| {
        let args = [&["audit", "-", "--at", AT, "--format", "json"][..], extra].concat();
        let (code, stdout, stderr) = run_with(&args, Some(item), &fixtures());
        let doc: serde_json::Value =
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        let f = &doc["findings"][0];
        (
            code,
            f["state"].as_str().unwrap().to_owned(),
            f["id"].as_str().unwrap().to_owned(),
            doc["basis"].clone(),
        )
    };
    let ubuntu = "product,version\nubuntu,20.04.6\n";
    let (code, s, id, basis) = state(ubuntu, &[]);
    assert_eq!(
        (code, s.as_str(), id.as_str()),
        (1, "end-of-life", "ubuntu/20.04/end-of-life")
    );
    assert_eq!(basis, "standard");
    let (code, s, id, basis) = state(ubuntu, &["--extended"]);
    assert_eq!(
        (code, s.as_str(), id.as_str()),
        (0, "supported", "ubuntu/20.04/supported")
    );
    assert_eq!(basis, "extended");
    let debian = "product,version\ndebian,12.7\n";
    for extra in [&[][..], &["--extended"]] {
        let (code, s, id, _) = state(debian, extra);
        assert_eq!(
            (code, s.as_str(), id.as_str()),
            (0, "supported", "debian/12/supported"),
            "{extra:?}"
        );
    }
}

#[test]
fn unmatched_hide_only_hides_from_the_table() {
    let (text, (_, stdout, _)) = audit(&["service.cdx.json", "--unmatched", "hide"]);
    assert!(!stdout.contains("requests"), "{text}");
    // `requests` and the in-house `billing-worker` (Express is a product of the library)
    assert!(stdout.contains("2 unknown product"), "{text}");
}

#[test]
fn export_lifecycle_csv_and_parquet() {
    let (code, csv, _) = run(&["export", "lifecycle", "--product", "python", "--at", AT]);
    assert_eq!(code, 0);
    assert!(csv.starts_with("product,line,first_ship,first_ship_kind,phase,phase_name,role,standard,start_date,start_kind,end_date,end_kind,last_day,newest_release,newest_release_date,superseded_components,superseded_grace\n"));
    assert!(csv.contains("\npython,3.8,"), "{csv}");
    // a policy without `superseded` leaves its columns empty
    assert!(csv.contains(",3.8.20,2024-09-06,,\n"), "{csv}");
    // Rocky Linux supports only the newest minor of a line: two components decide
    let (code, rocky, _) = run(&["export", "lifecycle", "--product", "rocky-linux", "--at", AT]);
    assert_eq!(code, 0);
    assert!(
        rocky.contains("\nrocky-linux,9,2022-07-14,exact,active,Active support,active,true,2022-07-14,exact,2027-06-01,exact,2027-05-31,9.8,2026-05-28,2,\n"),
        "{rocky}"
    );
    let dir = std::env::temp_dir().join(format!("eol-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("lifecycle.parquet");
    let (code, _, stderr) = run(&[
        "export",
        "lifecycle",
        "--format",
        "parquet",
        "-o",
        file.to_str().unwrap(),
        "--at",
        AT,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// docs/audit.md's DuckDB query over `eol export lifecycle` answers as `eol audit` does,
/// on a sample of every numbered line of every product. Needs Python's `duckdb` (`.ci/run`
/// installs it); set EOL_SKIP_DUCKDB=1 to skip where it cannot be had.
#[test]
fn duckdb_agrees_with_the_audit() {
    if !duckdb_available() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("eol-duckdb-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (code, lifecycle, _) = run_with(&["export", "lifecycle", "--at", AT], None, &dir);
    assert_eq!(code, 0);
    std::fs::write(dir.join("lifecycle.csv"), &lifecycle).unwrap();
    // The sample: every line named by numbers, as its name and with a patch level.
    let mut inventory = String::from("item,product,version\n");
    let mut seen = std::collections::BTreeSet::new();
    // products with a line named otherwise (`lts/iron`, `11-23h2-e`)
    let mut named = std::collections::BTreeSet::new();
    let mut n = 0;
    for row in lifecycle.lines().skip(1) {
        let mut cells = row.split(',');
        let (product, line) = (cells.next().unwrap(), cells.next().unwrap());
        let numbered = !line.is_empty()
            && line
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !numbered {
            named.insert(product.to_owned());
        }
        if numbered && seen.insert((product.to_owned(), line.to_owned())) {
            // and a pre-release of its first release, replaced once it shipped
            for version in [line.to_owned(), format!("{line}.0.1"), format!("{line}-rc.1")] {
                n += 1;
                inventory.push_str(&format!("{n},{product},{version}\n"));
            }
        }
    }
    // Versions in no line: older than every line of each product whose lines are all named
    // by numbers (at end of life once the oldest has ended, unless a line is still
    // supported or the version is in another numbering), between two lines, and newer than
    // every line (unknown to both).
    let products: std::collections::BTreeSet<&str> = seen.iter().map(|(p, _)| p.as_str()).collect();
    let mut unlisted: Vec<(&str, &str)> = products
        .into_iter()
        .filter(|p| !named.contains(*p))
        .map(|p| (p, "0.0.0.1"))
        .collect();
    unlisted.extend([
        ("python", "2.8.1"),
        ("postgresql", "7.5"),
        ("elasticsearch", "5.6.16"),
        ("kde-plasma", "5.20.5"),
        ("nodejs", "0.10.48"),
        ("unity", "6.0.23f1"),
        ("python", "99.1"),
        // pre-releases of releases still to come, and of a line that has ended
        ("nodejs", "22.99.0-rc.1"),
        ("python", "3.12.99-beta.1"),
        ("python", "2.7.0-rc1"),
    ]);
    for (product, version) in unlisted {
        n += 1;
        inventory.push_str(&format!("{n},{product},{version}\n"));
    }
    std::fs::write(dir.join("inventory.csv"), &inventory).unwrap();
    std::fs::write(dir.join("audit.sql"), duckdb_sql()).unwrap();
    let script = "import duckdb\ncon = duckdb.connect()\nrows = None\nfor statement in open('audit.sql').read().split(';'):\n    if statement.strip():\n        rows = con.execute(statement).fetchall()\nfor r in rows:\n    print(','.join('' if v is None else str(v) for v in r))\n";
    let py = Command::new("python3")
        .args(["-c", script])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(py.status.success(), "{}", String::from_utf8_lossy(&py.stderr));
    let mut theirs: Vec<(u64, String, String)> = String::from_utf8_lossy(&py.stdout)
        .lines()
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (c[0].parse().unwrap(), c[3].to_owned(), c[4].to_owned())
        })
        .collect();
    theirs.sort();
    let (_, audit_csv, _) = run_with(
        &["audit", "inventory.csv", "--format", "csv", "--at", AT],
        None,
        &dir,
    );
    let mut reader = csv::Reader::from_reader(audit_csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (state, line, item) = (col("state"), col("line"), col("item"));
    let mut ours: Vec<(u64, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[item].parse().unwrap(), r[line].to_owned(), r[state].to_owned())
        })
        .collect();
    ours.sort();
    assert!(ours.len() > 300, "only {} items", ours.len());
    // the versions in no line: most are placed at end of life, some stay unknown
    let placed = ours
        .iter()
        .filter(|(_, line, state)| line.is_empty() && state == "end-of-life")
        .count();
    let unknown = ours
        .iter()
        .filter(|(_, _, state)| state == "unknown-version")
        .count();
    assert!(placed > 200 && unknown > 5, "{placed} placed, {unknown} unknown");
    // the pre-releases: replaced on lines still supported, still to come where nothing has shipped
    let rows: Vec<&str> = inventory.lines().skip(1).collect();
    let pre = |state: &str| {
        ours.iter()
            .filter(|(i, _, s)| s == state && rows[*i as usize - 1].contains("-rc.1"))
            .count()
    };
    assert!(
        pre("superseded") > 30 && pre("unreleased") >= 1,
        "{} superseded, {} unreleased",
        pre("superseded"),
        pre("unreleased")
    );
    assert_eq!(ours.len(), theirs.len());
    let differ: Vec<String> = ours
        .iter()
        .zip(&theirs)
        .filter(|(a, b)| a != b)
        .map(|(a, b)| format!("{}: eol {a:?}, duckdb {b:?}", rows[a.0 as usize - 1]))
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} differ:\n{}",
        differ.len(),
        ours.len(),
        differ.join("\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// False only when EOL_SKIP_DUCKDB=1 says to skip; without it, a missing duckdb fails the test.
fn duckdb_available() -> bool {
    if std::env::var_os("EOL_SKIP_DUCKDB").is_some_and(|v| v == "1") {
        eprintln!("skipped: EOL_SKIP_DUCKDB=1");
        return false;
    }
    let probe = Command::new("python3").args(["-c", "import duckdb"]).output();
    match probe {
        Ok(o) if o.status.success() => true,
        Ok(o) => panic!(
            "the DuckDB tests need Python's duckdb package: `pip install duckdb` (.ci/run does), \
             or set EOL_SKIP_DUCKDB=1 to skip them.\n{}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => panic!("the DuckDB tests need python3 with duckdb: {e}"),
    }
}

/// The Parquet export is the CSV export with types: DuckDB reads both to the same rows, with
/// dates as DATE and `standard` as BOOLEAN.
#[test]
fn duckdb_reads_the_parquet_export_as_the_csv() {
    if !duckdb_available() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("eol-parquet-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (format, file) in [("csv", "lifecycle.csv"), ("parquet", "lifecycle.parquet")] {
        let (code, _, stderr) = run_with(
            &["export", "lifecycle", "--format", format, "-o", file, "--at", AT],
            None,
            &dir,
        );
        assert_eq!(code, 0, "{stderr}");
    }
    let script = r#"
import duckdb
con = duckdb.connect()
types = {r[0]: r[1] for r in con.execute("DESCRIBE SELECT * FROM 'lifecycle.parquet'").fetchall()}
assert types['first_ship'] == 'DATE' and types['end_date'] == 'DATE' and types['last_day'] == 'DATE', types
assert types['standard'] == 'BOOLEAN' and types['product'] == 'VARCHAR', types
csv = con.execute("""SELECT product, line, phase, role, standard, first_ship, start_date, end_date, last_day, end_kind
                     FROM read_csv('lifecycle.csv', header = true, types = {'first_ship': 'DATE', 'start_date': 'DATE',
                          'end_date': 'DATE', 'last_day': 'DATE', 'standard': 'BOOLEAN'})
                     ORDER BY ALL""").fetchall()
pq = con.execute("""SELECT product, line, phase, role, standard, first_ship, start_date, end_date, last_day, end_kind
                    FROM 'lifecycle.parquet' ORDER BY ALL""").fetchall()
norm = lambda rows: [tuple('' if v is None else v for v in r) for r in rows]
assert len(csv) > 1000, len(csv)
assert norm(csv) == norm(pq), [(a, b) for a, b in zip(norm(csv), norm(pq)) if a != b][:5]
print(len(pq))
"#;
    let py = Command::new("python3")
        .args(["-c", script])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        py.status.success(),
        "{}{}",
        String::from_utf8_lossy(&py.stdout),
        String::from_utf8_lossy(&py.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The ```sql block of docs/audit.md that follows the `duckdb-agreement` marker.
fn duckdb_sql() -> String {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/audit.md")).unwrap();
    let start = doc
        .find("<!-- duckdb-agreement -->")
        .expect("docs/audit.md marks its DuckDB query");
    let rest = &doc[start..];
    let open = rest.find("```sql\n").unwrap() + "```sql\n".len();
    let close = rest[open..].find("```").unwrap();
    rest[open..open + close].to_owned()
}

/// The JSON audit of an inventory given on standard input, which finds something at end of
/// life (exit 1).
fn audit_json(input: &str) -> serde_json::Value {
    let (code, stdout, stderr) = audit_csv_stdin(input, "json");
    assert_eq!(code, 1, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

/// The JSON audit at `AT` of `stdin`, with `args` after the usual ones, whatever its exit.
fn json_doc(args: &[&str], stdin: &str) -> serde_json::Value {
    let args = [&["audit", "-", "--at", AT, "--format", "json"][..], args].concat();
    let (_, stdout, stderr) = run_with(&args, Some(stdin), &fixtures());
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"))
}

/// Docker images as SBOMs and inventories name them: an official image with or without
/// `library/` or Docker Hub's host is the product whose rule names `pkg:docker/library/...`;
/// another publisher's image of the same name is not.
#[test]
fn docker_images_are_found_however_docker_hub_is_written() {
    // images.csv: Docker and OCI package URLs, and image references as `docker ps` and
    // `kubectl get pods` list them (the tag the version)
    let (code, stdout, stderr) = run_with(
        &["audit", "images.csv", "--at", AT, "--format", "json"],
        None,
        &fixtures(),
    );
    assert_eq!(code, 1, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        ids_and(&doc, "found_by"),
        [
            ("python/3.8/end-of-life", "purl"),
            ("postgresql/13/end-of-life", "purl"),
            ("nodejs/22/supported", "purl"),
            // another publisher's image of the name is not the product
            ("pkg:docker/someone/postgresql/-/unknown-product", "-"),
            // another registry is part of the image's name, as its `repository_url` says
            ("kubernetes/1.27/end-of-life", "purl"),
            ("kubernetes/1.36/supported", "purl"),
            ("kubernetes/1.22/end-of-life", "purl"),
            ("ghcr.io/acme/kube-apiserver:v1.33.1/-/unknown-product", "-"),
            // a tag that is no version names the image but no release of it
            ("nodejs/lts/unknown-version", "purl"),
            ("postgresql/13/end-of-life", "purl"),
            // an OCI image's digest gives way to its tag
            ("debian/12/supported", "purl"),
            // Windows Server's base images: an LTSC tag names the release, a build tag by
            // its build, with or without an architecture after it (2016's extended support
            // ends on 2027-01-12, within the 90 days)
            ("windows-server/2022/supported", "purl"),
            ("windows-server/2016/ends-soon", "purl"),
            ("windows-server/2022/supported", "purl"),
        ]
    );
}

/// An image that an account or registry of its own publishes, which no rule names, is a
/// product by its name only as one its publisher is related to: kind's node image (named
/// `node` in the SBOM) is no Node.js, Prometheus's own image on quay.io is Prometheus, and a
/// registry's mirror of an official image is the official image.
#[test]
fn an_image_is_its_publishers_product_only() {
    let doc = json_doc(
        &[],
        r#"{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[
        {"type":"container","name":"node","version":"v1.28.0","purl":"pkg:docker/kindest/node@v1.28.0"},
        {"type":"container","name":"node","version":"v1.28.0","purl":"pkg:oci/node@sha256%3Aabc?repository_url=docker.io%2Fkindest%2Fnode&tag=v1.28.0"},
        {"type":"container","name":"prometheus","version":"v2.45.0","purl":"pkg:docker/quay.io/prometheus/prometheus@v2.45.0"},
        {"type":"container","name":"kindest/node:v1.28.0"},
        {"type":"container","name":"quay.io/prometheus/prometheus:v2.45.0"},
        {"type":"container","name":"nginx","version":"1.25.3","purl":"pkg:docker/public.ecr.aws/docker/library/nginx@1.25.3"},
        {"type":"container","name":"mirror.gcr.io/library/nginx:1.25.3"}
        ]}"#,
    );
    let findings = doc["findings"].as_array().unwrap();
    let ids: Vec<&str> = findings.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "pkg:docker/kindest/node/-/unknown-product",
            "pkg:oci/kindest/node/-/unknown-product",
            "prometheus/2.45/end-of-life",
            "kindest/node:v1.28.0/-/unknown-product",
            "prometheus/2.45/end-of-life",
            // registries' mirrors of Docker Hub's official images are the official images
            "nginx/1.25/end-of-life",
            "nginx/1.25/end-of-life",
        ]
    );
    assert_eq!(
        findings[0]["reason"],
        "the image's name says `nodejs` (Node.js), but no rule names the image \
         `pkg:docker/kindest/node`, and `kindest`, which publishes it, is not Node.js's: an image \
         is a product by its name only as one its publisher is related to"
    );
}

/// Trivy's cluster SBOM (KBOM) names the cluster and its components by `pkg:k8s` package
/// URLs: upstream Kubernetes's are Kubernetes; a managed provider's builds (`eks`) are that
/// provider's, whose calendar is its own.
#[test]
fn a_clusters_kbom_names_kubernetes_and_its_components() {
    let component = |purl: &str, name: &str, version: &str| {
        format!(
            "{{\"type\":\"application\",\"name\":\"{name}\",\"version\":\"{version}\",\"purl\":\"{purl}\"}}"
        )
    };
    let components = [
        component(
            "pkg:k8s/k8s.io%2Fkubernetes@1.27.4",
            "k8s.io/kubernetes",
            "1.27.4",
        ),
        component("pkg:k8s/k8s.io%2Fapiserver@1.27.4", "k8s.io/apiserver", "1.27.4"),
        component("pkg:k8s/k8s.io%2Fkubelet@1.36.1", "k8s.io/kubelet", "1.36.1"),
        component(
            "pkg:k8s/k8s.io%2Fkubelet@1.24.11%2Brke2r1",
            "k8s.io/kubelet",
            "1.24.11+rke2r1",
        ),
        component(
            "pkg:k8s/eks/k8s.io%2Fkubelet@1.23.17-eks-8ccc7ba",
            "k8s.io/kubelet",
            "1.23.17-eks-8ccc7ba",
        ),
        // a container, as older Trivy releases write it (with Docker Hub's `library`)
        component(
            "pkg:oci/kube-apiserver@18e61c783b41758dd391ab901366ec3546b26fae00eef7e223d1f94da808e02f?repository_url=k8s.gcr.io/library/kube-apiserver",
            "kube-apiserver",
            "v1.21.1",
        ),
        // and as a tag beside the digest says it
        component(
            "pkg:oci/kube-proxy@sha256%3A53a13cd1588391888c5a8ac4cef13d3ee6d229cd904038936731af7131d193a9?repository_url=registry.k8s.io%2Fkube-proxy&tag=v1.36.1",
            "registry.k8s.io/kube-proxy",
            "",
        ),
    ];
    let bom = format!(
        "{{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":1,\"components\":[{}]}}",
        components.join(",")
    );
    let doc = json_doc(&[], &bom);
    assert_eq!(
        ids_and(&doc, "found_by"),
        [
            ("kubernetes/1.27/end-of-life", "purl"),
            ("kubernetes/1.27/end-of-life", "purl"),
            ("kubernetes/1.36/supported", "purl"),
            ("kubernetes/1.24/end-of-life", "purl"),
            // an EKS build of kubelet is Amazon EKS's line, on EKS's calendar
            ("amazon-eks/1.23/end-of-life", "purl"),
            ("kubernetes/1.21/end-of-life", "purl"),
            ("kubernetes/1.36/supported", "purl"),
        ]
    );
}

/// Each finding's id and how its version was matched (`-` for none).
fn ids_and_matches(doc: &serde_json::Value) -> Vec<(&str, &str)> {
    ids_and(doc, "matched_by")
}

/// Each finding's id and its string member `key` (`-` for none).
fn ids_and<'d>(doc: &'d serde_json::Value, key: &str) -> Vec<(&'d str, &'d str)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_str().unwrap(), f[key].as_str().unwrap_or("-")))
        .collect()
}

/// A version written onto the product's own name: syft records a Go binary's standard library
/// as `stdlib` at `go1.21.5` (`runtime.Version()`), with the bare number only in its package
/// URL; the component's version is read as Go's `1.21.5`, as an inventory's `go1.22.3` is. The
/// name must be the product's own: `go1.21.5` as nginx's version is no version of it.
#[test]
fn a_version_written_onto_the_products_own_name() {
    let sbom = r#"{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[
{"type":"library","name":"stdlib","version":"go1.21.5","purl":"pkg:golang/stdlib@1.21.5","cpe":"cpe:2.3:a:golang:go:1.21.5:-:*:*:*:*:*:*"},
{"type":"library","name":"stdlib","version":"go1.26.0","purl":"pkg:golang/stdlib@1.26.0"}]}"#;
    let doc = json_doc(&[], sbom);
    assert_eq!(
        ids_and(&doc, "version"),
        [
            ("go/1.21/end-of-life", "go1.21.5"),
            ("go/1.26/ends-soon", "go1.26.0")
        ]
    );
    assert_eq!(doc["findings"][0]["eol"]["date"], "2024-08-13");
    let doc = json_doc(
        &[],
        "product,version\ngolang,go1.22.3\nnginx,go1.21.5\ngo,go1.23rc1\n",
    );
    assert_eq!(
        ids_and(&doc, "state"),
        [
            ("go/1.22/end-of-life", "end-of-life"),
            ("nginx/go1.21.5/unknown-version", "unknown-version"),
            ("go/1.23/end-of-life", "end-of-life"),
        ]
    );
    // a pre-release so written is one, of the release it precedes
    assert_eq!(
        doc["findings"][2]["prerelease"],
        serde_json::json!({"mark": "rc", "release": "1.23"})
    );
    // `eol status` reads the package URL's version so, too
    let (code, stdout, stderr) = run_with(
        &["status", "pkg:golang/stdlib@go1.21.5", "--at", AT],
        None,
        &fixtures(),
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("line:        1.21 "), "{stdout}");
}

/// syft identifies an installed JVM by its `release` file and names every OpenJDK build
/// `pkg:generic/oracle/openjdk`, whoever built it, with the source repository the file names
/// in `repository_url`: Temurin's (Adoptium's `jdk21u`) is Eclipse Temurin, found by
/// `repository`; Zulu's own package URL is Azul Zulu's; one without a repository, or with
/// one no rule gives, is no product (it is OpenJDK, but not whose build); a CPE that names a
/// product comes before the repository.
#[test]
fn syfts_jvm_is_found_by_the_repository_its_release_file_names() {
    let sbom = r#"{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[
{"type":"library","name":"openjdk","version":"21.0.4+7-LTS","purl":"pkg:generic/oracle/openjdk@21.0.4%2B7-LTS?repository_url=https%3A%2F%2Fgithub.com%2Fadoptium%2Fjdk21u.git","cpe":"cpe:2.3:a:oracle:openjdk:21.0.4:*:*:*:*:*:*:*"},
{"type":"library","name":"zulu","version":"17.0.12+7-LTS","purl":"pkg:generic/azul/zulu@17.0.12%2B7-LTS"},
{"type":"library","name":"openjdk","version":"17.0.12+7-LTS","purl":"pkg:generic/oracle/openjdk@17.0.12%2B7-LTS","cpe":"cpe:2.3:a:oracle:openjdk:17.0.12:*:*:*:*:*:*:*"},
{"type":"library","name":"openjdk","version":"17.0.12+7-LTS","purl":"pkg:generic/oracle/openjdk@17.0.12%2B7-LTS?repository_url=https%3A%2F%2Fgithub.com%2Fexample%2Fjdk17u.git"},
{"type":"library","name":"jdk","version":"21.0.4","purl":"pkg:generic/oracle/jdk@21.0.4?repository_url=https%3A%2F%2Fgithub.com%2Fadoptium%2Ftemurin-build.git","cpe":"cpe:2.3:a:oracle:jdk:21.0.4:*:*:*:*:*:*:*"}]}"#;
    let doc = json_doc(&[], sbom);
    assert_eq!(
        ids_and(&doc, "found_by"),
        [
            ("eclipse-temurin/21/supported", "repository"),
            ("azul-zulu/17/supported", "purl"),
            ("pkg:generic/oracle/openjdk/-/unknown-product", "-"),
            ("pkg:generic/oracle/openjdk/-/unknown-product", "-"),
            ("oracle-jdk/21/supported", "cpe"),
        ]
    );
    let (code, stdout, stderr) = run_with(
        &[
            "status",
            "pkg:generic/oracle/openjdk@21.0.4%2B7-LTS?repository_url=https%3A%2F%2Fgithub.com%2Fadoptium%2Fjdk21u.git",
            "--at",
            AT,
        ],
        None,
        &fixtures(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("Eclipse Temurin 21.0.4+7-LTS at 2026-12-01\n"),
        "{stdout}"
    );
    assert!(
        stderr.contains(
            "note: no rule names the package URL; the repository its `repository_url` names, \
             `pkg:github/adoptium/jdk21u`, is `eclipse-temurin`'s"
        ),
        "{stderr}"
    );
}

/// A .NET app's runtime as syft lists it from the app's deps.json: a self-contained app's
/// runtime packs (`runtimepack.Microsoft.NETCore.App.Runtime.linux-x64`, and ASP.NET Core's)
/// and a framework-dependent app's shared framework `Microsoft.AspNetCore.App`, each at the
/// runtime's version, are .NET's.
#[test]
fn a_dotnet_apps_runtime_as_syft_lists_it() {
    let sbom = r#"{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[
{"type":"library","name":"runtimepack.Microsoft.NETCore.App.Runtime.linux-x64","version":"6.0.36","purl":"pkg:nuget/runtimepack.Microsoft.NETCore.App.Runtime.linux-x64@6.0.36"},
{"type":"library","name":"runtimepack.Microsoft.AspNetCore.App.Runtime.linux-musl-x64","version":"10.0.1","purl":"pkg:nuget/runtimepack.Microsoft.AspNetCore.App.Runtime.linux-musl-x64@10.0.1"},
{"type":"library","name":"Microsoft.AspNetCore.App","version":"8.0.14","purl":"pkg:nuget/Microsoft.AspNetCore.App@8.0.14"}]}"#;
    let doc = json_doc(&[], sbom);
    assert_eq!(
        ids_and(&doc, "found_by"),
        [
            ("dotnet/6/end-of-life", "purl"),
            ("dotnet/10/supported", "purl"),
            ("dotnet/8/end-of-life", "purl"),
        ]
    );
}

/// Versions written as a line's other name (`alias line`): a codename as `/etc/os-release`
/// gives it, SQL Server's year. One line's name is that line; a name the release and its
/// service packs share is an unknown version listing them, never a guess.
#[test]
fn versions_by_a_lines_other_name() {
    let input = "product,version\ndebian,bookworm\nubuntu,Noble\nmssqlserver,2019\nsql server,2016 SP3\nmssqlserver,2016\n";
    let doc = audit_json(input);
    let found = ids_and_matches(&doc);
    assert_eq!(
        found,
        [
            ("debian/12/supported", "line-alias"),
            ("ubuntu/24.04/supported", "line-alias"),
            ("mssqlserver/15.0/supported", "line-alias"),
            ("mssqlserver/13.0-sp3/end-of-life", "line-alias"),
            // every level of SQL Server 2016 has ended: at end of life whichever it is
            ("mssqlserver/2016/end-of-life", "-"),
        ]
    );
    // since the latest of their ends, SP3's (and the Azure Connect pack's)
    assert_eq!(doc["findings"][4]["line"], serde_json::Value::Null);
    assert_eq!(
        doc["findings"][4]["eol"],
        serde_json::json!({"date": "2026-07-15", "kind": "exact"})
    );
    assert_eq!(doc["findings"][4]["days_left"], -139);
    assert_eq!(
        doc["findings"][4]["candidates"],
        serde_json::json!(["13.0", "13.0-sp1", "13.0-sp2", "13.0-sp3", "13.0-sp3-acp"])
    );
    // what is known whichever line it is: every one of them has ended
    let reason = doc["findings"][4]["reason"].as_str().unwrap();
    assert!(
        reason
            .starts_with("`2016` belongs to 5 lines of `mssqlserver`: 13.0 (end of life since 2018-01-10), ")
            && reason.ends_with(": at end of life whichever it is"),
        "{reason}"
    );
}

/// SQL Server builds find their service pack level by where its builds start (`builds line`),
/// not the release's line by its name; a name that says another level than the build is an
/// unknown version naming both.
#[test]
fn service_pack_builds_find_their_level() {
    let input = "product,version\nmssqlserver,13.0.6435.1\nmssqlserver,13.0.5888.11\nMicrosoft SQL Server 2016 (SP3),13.0.6435.1\nMicrosoft SQL Server 2016 (SP2),13.0.6435.1\n";
    let doc = audit_json(input);
    let found = ids_and_matches(&doc);
    assert_eq!(
        found,
        [
            ("mssqlserver/13.0-sp3/end-of-life", "builds"),
            ("mssqlserver/13.0-sp2/end-of-life", "builds"),
            ("mssqlserver/13.0-sp3/end-of-life", "builds"),
            ("mssqlserver/13.0.6435.1/unknown-version", "-"),
        ]
    );
    assert_eq!(
        doc["findings"][3]["candidates"],
        serde_json::json!(["13.0-sp3", "13.0-sp2"])
    );
    // a CPE names the service pack in its update component, as NVD writes SQL Server's
    let doc = audit_json("product,version,cpe\n,,cpe:2.3:a:microsoft:sql_server:2016:sp3:*:*:*:*:x64:*\n");
    assert_eq!(
        ids_and_matches(&doc),
        [("mssqlserver/13.0-sp3/end-of-life", "line-alias")]
    );
    assert_eq!(doc["findings"][0]["version"], "2016 sp3");
}

/// Fleet inventories name a system with its edition or line after the product's name and
/// give the build beside it (osquery's `os_version`: `Microsoft Windows 11 Pro`,
/// `10.0.22631`): the words after the name choose among the lines a build is in, a name
/// and a version that disagree are neither taken, and words that say nothing of any line
/// leave the item an unknown product.
#[test]
fn systems_as_inventories_name_them() {
    let input = "host,product,version\n\
        w1,Microsoft Windows 11 Pro,10.0.22631\n\
        w2,Microsoft Windows 11 Enterprise,10.0.22631.2861\n\
        w3,Microsoft Windows Server 2012 R2 Datacenter,6.3.9600\n\
        w4,Microsoft Windows Server 2019 Datacenter,10.0.17763\n\
        w5,Windows Server 2012 R2 Standard,10.0.17763\n\
        w6,Microsoft Windows 10 Enterprise,10.0.19044\n\
        w7,Windows Driver Package - Intel Net,12.19.1.37\n\
        w8,Windows 10 Pro,22H2\n\
        w9,Windows 11 Pro,10 22H2\n\
        l1,Red Hat Enterprise Linux Server,7.9\n\
        l2,Alpine Linux,3.18.4\n";
    let doc = audit_json(input);
    let found = ids_and_matches(&doc);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(
        found,
        [
            // the build is 23H2's, Home/Pro and Enterprise/Education alike: `Pro` chooses
            // (Home/Pro 23H2 ended in November 2025, Enterprise/Education a year later)
            ("windows/11-23h2-w/end-of-life", "name-words"),
            ("windows/11-23h2-e/end-of-life", "name-words"),
            // one line has the build; `2012 R2` agrees (where `2012` alone would not choose)
            ("windows-server/2012-r2/end-of-life", "release"),
            // 2019's build is also the 1809 Semi-Annual release's: `2019` chooses
            ("windows-server/2019/supported", "name-words"),
            // the name says 2012 R2, the build 2019: neither
            ("windows-server/10.0.17763/unknown-version", "-"),
            // `Enterprise` is in the names of three of the build's four lines
            ("windows/10.0.19044/unknown-version", "-"),
            // `Driver Package Intel Net` is in no line's name: not Windows
            ("windows driver package - intel net/-/unknown-product", "-"),
            // a release's name beside the name: with the name's words, another name of
            // 10's 22H2 (`22H2` alone names no line)
            ("windows/10-22h2/end-of-life", "line-alias"),
            // the version names a line alone, and the name says another: neither
            ("windows/10 22H2/unknown-version", "-"),
            // `alias "red hat enterprise linux server"` (RHEL 7 names its variant)
            ("rhel/7/end-of-life", "release"),
            ("alpine-linux/3.18/end-of-life", "line-prefix"),
        ]
    );
    assert_eq!(
        findings[4]["reason"],
        "`10.0.17763` is in lines 1809-sac, 2019 of `windows-server`, but `2012 R2` in the product's name says line 2012-r2"
    );
    assert_eq!(
        findings[4]["candidates"],
        serde_json::json!(["1809-sac", "2019", "2012-r2"])
    );
    assert_eq!(
        findings[5]["candidates"],
        serde_json::json!(["10-21h2-e", "10-21h2-e-lts", "10-21h2-iot-lts"])
    );
    // ... nor is it offered as a suggestion: its name goes on with another program's words
    assert_eq!(findings[6]["candidates"], serde_json::json!([]));
    // the item keeps the name and version as read
    assert_eq!(findings[0]["item"]["product"], "Microsoft Windows 11 Pro");
    assert_eq!(findings[0]["version"], "10.0.22631");
    // the version judged is the name's words and it together; the item's stays as read
    assert_eq!(findings[7]["version"], "10 Pro 22H2");
    assert_eq!(findings[7]["item"]["version"], "22H2");
    assert_eq!(
        findings[8]["reason"],
        "`10 22H2` is line 10-22h2 of `windows`, but `11 Pro` in the product's name says one of lines 11-21h2-w, 11-22h2-w, 11-23h2-w, 11-24h2-w, 11-25h2-w, 11-26h1-w"
    );
}

/// Windows lists installed programs with their version in the name (`Python 3.11.4
/// (64-bit)`) and an installer's number beside it (`3.11.4150.0`): the name's version names
/// the line. A word beside it that names another program (`Launcher`, `Unit`) leaves the
/// item an unknown product, as in a banner: nginx Unit 1.31 read as nginx 1.31 would be a
/// wrong "supported".
#[test]
fn installed_programs_with_their_version_in_the_name() {
    let input = "host,product,version
\
        p1,Python 3.11.4 (64-bit),3.11.4150.0
\
        p2,Microsoft .NET Runtime - 8.0.0 (x64),64.0.31811
\
        p3,Python 3.11.4 (64-bit),3.12.1
\
        p4,Python Launcher 3.11.4,3.11.4150.0
\
        p5,nginx Unit 1.31.1,1.31.1
\
        p6,Mozilla Firefox (x64 en-US),115.6.0
\
        p7,Notepad++ (64-bit x64),8.6.2
\
        p8,PowerShell 7-x64,7.4.1.0
\
        p9,Eclipse Temurin JDK with Hotspot 17.0.9+9 (x64),17.0.9.9
\
        p10,Mozilla Firefox (x64 Nightly),123.0a1
\
        p11,Java(TM) SE Development Kit 17.0.9 (64-bit),17.0.9.0
\
        p12,Microsoft Windows Desktop Runtime - 8.0.0 (x64),64.0.31811
\
        p13,MongoDB 7.0.4 2008R2Plus SSL (64 bit),7.0.4
\
        p14,Go Programming Language amd64 go1.21.5,1.22.0
\
        p15,Apache Tomcat 9.0 Tomcat9,9.0.83
\
        p16,Mozilla Firefox ESR (x64 en-US),128.5.0
\
        p17,\"Azul Zulu JDK 17.46 (17.0.9), 64-bit\",17.46.19
";
    let doc = audit_json(input);
    assert_eq!(
        ids_and_matches(&doc),
        [
            ("python/3.11/supported", "line-prefix"),
            ("dotnet/8/end-of-life", "name-words"),
            ("python/3.12.1/unknown-version", "-"),
            ("python launcher 3.11.4/-/unknown-product", "-"),
            ("nginx unit 1.31.1/-/unknown-product", "-"),
            ("firefox/115/supported", "line-prefix"),
            ("notepad-plus-plus/8.6/end-of-life", "line-prefix"),
            ("powershell/7.4/end-of-life", "line-prefix"),
            ("eclipse-temurin/17/supported", "line-prefix"),
            // a bracketed word that is no architecture or language may name another release
            ("mozilla firefox (x64 nightly)/-/unknown-product", "-"),
            ("oracle-jdk/17/end-of-life", "line-prefix"),
            // .NET's `windows desktop runtime`, the longer name, not `microsoft windows`
            ("dotnet/8/end-of-life", "name-words"),
            ("mongodb/7.0/supported", "line-prefix"),
            // `go1.21.5` is the name's version, and it is not the one beside it
            ("go/1.22.0/unknown-version", "-"),
            ("tomcat/9.0/supported", "line-prefix"),
            // `firefox esr` after its vendor's name, then the build
            ("firefox/128/end-of-life", "line-prefix"),
            ("azul-zulu/17/supported", "line-prefix"),
        ]
    );
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(
        findings[2]["reason"],
        "`3.12.1` is line 3.12 of `python`, but `3.11.4` in the product's name says line 3.11"
    );
}

/// `rpm -qa` lists packages as `NAME-VERSION-RELEASE.ARCH` in one field (`apk info -v` as
/// `NAME-VERSION-rN`, Debian's files as `NAME_VERSION_ARCH.deb`, `dpkg -l` and `apt list
/// --installed` as rows of their own). Read as a tool's banner,
/// the number a name carries was taken for the version: `python3.11-requests` (the requests
/// library built for Python 3.11) was Python 3.11 "supported", `postgresql16-server` was at
/// version `16-server-16.1-...`, and `php82-fpm-8.2.13-r0` was PHP `82-fpm-...`, newer than
/// every line, and `dpkg -l`'s `php8.2-redis` (the Redis extension) was PHP 8.2. The name and
/// version are now read apart, as an inventory that gives them apart is.
#[test]
fn packages_as_package_managers_list_them() {
    let input = "product,version\n\
        openssl-3.0.7-24.el9.x86_64,\n\
        python3.11-requests-2.28.1-1.el9.noarch,\n\
        python3.11-3.11.5-1.el9_3.x86_64,\n\
        postgresql16-server-16.1-2PGDG.rhel9.x86_64,\n\
        java-17-openjdk-headless-17.0.9.0.9-2.el9.x86_64,\n\
        php82-fpm-8.2.13-r0,\n\
        nginx_1.22.1-9_amd64.deb,\n\
        ii  php8.2-redis  6.0.2-1  amd64  PHP extension for interfacing with Redis,\n\
        \"openssl/stable-security,now 3.0.11-1~deb12u2 amd64 [installed]\",\n";
    let doc = audit_json(input);
    assert_eq!(
        ids_and(&doc, "version"),
        [
            ("openssl/3.0/end-of-life", "3.0.7-24.el9"),
            ("python3.11-requests/-/unknown-product", "2.28.1-1.el9"),
            ("python/3.11/supported", "3.11.5-1.el9_3"),
            ("postgresql/16/supported", "16.1-2PGDG.rhel9"),
            ("red-hat-build-of-openjdk/17/supported", "17.0.9.0.9-2.el9"),
            ("php/8.2/ends-soon", "8.2.13-r0"),
            ("nginx/1.22/end-of-life", "1.22.1-9"),
            ("php8.2-redis/-/unknown-product", "6.0.2-1"),
            ("openssl/3.0/end-of-life", "3.0.11-1~deb12u2"),
        ]
    );
}

/// An item whose text names several releases of one product (`gem list`'s `rails (7.1.2,
/// 7.0.8)`) is judged by none of them: one finding would speak for the first, which may be
/// supported where another has ended. It is `unknown-version`, and its reason names them.
#[test]
fn several_releases_in_one_item() {
    let input = "product,version\n\
        \"rails (7.1.2, 7.0.8)\",\n\
        rails (7.1.2),\n\
        rails,\"rails (7.1.2, 7.0.8)\"\n\
        kubernetes,\"Client Version: v1.33.1\nServer Version: v1.27.7-eks-4f4795d\"\n\
        kubernetes,\"{\"\"clientVersion\"\":{\"\"gitVersion\"\":\"\"v1.33.1\"\"},\"\"serverVersion\"\":{\"\"gitVersion\"\":\"\"v1.27.7\"\"}}\"\n";
    let doc = audit_json(input);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 5);
    // ... and the same as `kubectl version -o json` prints it
    assert_eq!(findings[4]["state"], "unknown-version");
    assert_eq!(
        findings[4]["reason"],
        "`{\"clientVersion\":{\"gitVersion\":\"v1.33.1\"},\"serverVersion\":{\"gitVersion\":\"v1.27.7\"}}` names several releases of `kubernetes`: `v1.33.1`, `v1.27.7`; give each in a row of its own"
    );
    // the product given apart changes nothing: a list beside its product, a client's and a
    // server's release (`kubectl version`)
    assert_eq!(findings[2]["state"], "unknown-version");
    assert_eq!(
        findings[2]["reason"],
        "`rails (7.1.2, 7.0.8)` names several releases of `ruby-on-rails`: `7.1.2`, `7.0.8`; give each in a row of its own"
    );
    assert_eq!(findings[3]["state"], "unknown-version");
    // its id is one line, whatever the text's lines
    assert_eq!(
        findings[3]["id"],
        "kubernetes/Client Version: v1.33.1 Server Version: v1.27.7-eks-4f4795d/unknown-version"
    );
    assert_eq!(
        findings[3]["reason"],
        "`Client Version: v1.33.1\nServer Version: v1.27.7-eks-4f4795d` names several releases of `kubernetes`: `v1.33.1`, `v1.27.7-eks-4f4795d`; give each in a row of its own"
    );
    assert_eq!(findings[0]["state"], "unknown-version");
    assert_eq!(findings[0]["product"], "ruby-on-rails");
    assert_eq!(
        findings[0]["reason"],
        "`rails (7.1.2, 7.0.8)` names several releases of `ruby-on-rails`: `7.1.2`, `7.0.8`; give each in a row of its own"
    );
    assert_eq!(findings[1]["line"], "7.1");
    assert_eq!(findings[1]["version"], "7.1.2");
}

/// A managed service's build of Kubernetes (`v1.31.1-aliyun.1`, Alibaba Cloud ACK's) beside
/// `kubernetes` is judged by neither: it is `unknown-version`, and the reason names the
/// service to give instead; given as the service's, it is judged.
#[test]
fn a_managed_services_build_in_an_inventory() {
    let input = "product,version\n\
        kubernetes,v1.31.1-aliyun.1\n\
        alibaba-ack,v1.31.1-aliyun.1\n";
    let doc = audit_json(input);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    assert_eq!(findings[0]["state"], "unknown-version");
    assert_eq!(
        findings[0]["reason"],
        "`v1.31.1-aliyun.1` is no version of `kubernetes`: `aliyun` marks it a build of `alibaba-ack` (Alibaba Cloud ACK), which supports its builds of Kubernetes on its own terms; give that product (`alibaba-ack`)"
    );
    assert_eq!(findings[1]["product"], "alibaba-ack");
    assert_eq!(findings[1]["line"], "1.31");
}

/// Windows names the parts of one release after its version and a `-` (`Microsoft ASP.NET
/// Core 8.0.0 - Shared Framework (x64)`): those words say which part, not which program, so
/// the release is .NET 8's. Without the `-` a word after the version still names another
/// program (`Apache Tomcat 9.0 Native`, Tomcat's native library, has versions of its own).
/// A version beside the name that is no release of the product (an installer's own number)
/// is judged by the line the name's version gives, and is reported as written: it is not
/// joined to the name's words, where the line `3.12` would only start the joined text.
#[test]
fn parts_of_an_installed_release() {
    let input = "product,version\n\
        Microsoft ASP.NET Core 8.0.0 - Shared Framework (x64),8.0.0.23531\n\
        Apache Tomcat 9.0 Native - Connector,9.0.83\n\
        Python 3.12.1 (64-bit),8.0.0.23531\n";
    let doc = audit_json(input);
    assert_eq!(
        ids_and_matches(&doc),
        [
            ("dotnet/8/end-of-life", "line-prefix"),
            ("apache tomcat 9.0 native - connector/-/unknown-product", "-"),
            ("python/3.12/supported", "name-words"),
        ]
    );
    assert_eq!(doc["findings"][2]["version"], "8.0.0.23531");
}

/// An OS inventory lists packages by their distribution's names (`dpkg-query -W`,
/// osquery's `deb_packages`): a name a policy's `pkg:deb`, `pkg:rpm` or `pkg:apk` URL gives
/// is that product, found by `package`; a package no policy names stays unknown. Names per
/// line (`php{line}-fpm`, `postgresql-{line}`) take a line's number and nothing else: PECL's
/// extension, PostGIS, postgresql-common and a Python line's module (RHEL's
/// python3.11-requests, once taken by Debian's `python3.*`) carry versions of their own and
/// stay unknown.
#[test]
fn distribution_packages_by_name() {
    let input = "product,version
\
        postgresql-15,15.5-0+deb12u1
\
        python3.11,3.11.2-6
\
        tomcat10,10.1.6-1+deb12u1
\
        golang-1.19-go,1.19.8-2
\
        openjdk-17-jre-headless,17.0.9+9-1~deb12u1
\
        php8.2-fpm,8.2.26-1~deb12u1
\
        libapache2-mod-php8.1,8.1.2-1ubuntu2.19
\
        php83-fpm,8.3.14-r0
\
        mysql-server-8.0,8.0.40-0ubuntu0.22.04.1
\
        apache2-bin,2.4.62-1~deb12u2
\
        postgresql-client-16,16.6-0+deb12u1
\
        php8.2-redis,6.0.2-1
\
        postgresql-15-postgis-3,3.3.2+dfsg-1
\
        postgresql-common,248
\
        python3.11-requests,2.28.1-1.el9
\
        tomcat9,9.0.58-1ubuntu0.1
";
    let doc = audit_json(input);
    assert_eq!(
        ids_and_matches(&doc),
        [
            ("postgresql/15/supported", "line-prefix"),
            ("python/3.11/supported", "line-prefix"),
            ("tomcat/10.1/supported", "line-prefix"),
            ("go/1.19/end-of-life", "line-prefix"),
            ("openjdk-17-jre-headless/-/unknown-product", "-"),
            ("php/8.2/ends-soon", "line-prefix"),
            ("php/8.1/end-of-life", "line-prefix"),
            ("php/8.3/supported", "line-prefix"),
            ("mysql/8.0/end-of-life", "line-prefix"),
            // httpd supports only a branch's newest patch ("replaces all previous GA
            // versions"); Debian's backports are its release's word (`distribution`)
            ("apache-http-server/2.4/superseded", "line-prefix"),
            ("postgresql/16/supported", "line-prefix"),
            ("php8.2-redis/-/unknown-product", "-"),
            ("postgresql-15-postgis-3/-/unknown-product", "-"),
            ("postgresql-common/-/unknown-product", "-"),
            ("python3.11-requests/-/unknown-product", "-"),
            ("tomcat/9.0/supported", "line-prefix"),
        ]
    );
    let by: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["found_by"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        by,
        [
            "package", "package", "package", "package", "-", "package", "package", "package", "package",
            "package", "package", "-", "-", "-", "-", "package"
        ]
    );
}

/// syft writes a distribution package's source package in its URL (`?upstream=rustc`,
/// `upstream=NAME@VERSION` when the source's version differs, an RPM's source file): a
/// package no rule names is found by it (`found_by: source`), judged at its own version. A
/// source no rule names either leaves the package unknown.
#[test]
fn a_package_url_finds_its_product_by_its_source_package() {
    let input = "purl
\
        pkg:deb/debian/libstd-rust-1.63@1.63.0%2Bdfsg1-2?arch=amd64&distro=debian-12&upstream=rustc
\
        pkg:deb/debian/php8.2-imap@8.2.26-1~deb12u1?arch=amd64&upstream=php8.2
\
        pkg:rpm/redhat/openssl-fips-provider@3.0.7-6.el9?upstream=openssl-3.0.7-27.el9.src.rpm
\
        pkg:deb/debian/libgmp10@6.2.1%2Bdfsg1-1.1?arch=amd64&distro=debian-12&upstream=gmp
\
        pkg:deb/debian/libpq5@15.8-0%2Bdeb12u1?upstream=postgresql-15
\
        pkg:deb/debian/libldb2@2:2.6.2%2Bsamba4.17.12%2Bdfsg-0%2Bdeb12u1?arch=amd64&distro=debian-12&upstream=samba
";
    let doc = audit_json(input);
    assert_eq!(
        ids_and(&doc, "found_by"),
        [
            ("rust/1.63/end-of-life", "source"),
            ("php/8.2/ends-soon", "source"),
            ("openssl/3.0/end-of-life", "source"),
            ("pkg:deb/debian/libgmp10/-/unknown-product", "-"),
            // the package's own name is the product's: its URL, not its source, finds it
            ("postgresql/15/supported", "purl"),
            // a library Samba's source builds at a version of its own, judged at the Samba
            // release it was built from, which its version names
            ("samba/4.17/end-of-life", "source"),
        ]
    );
    assert_eq!(doc["findings"][5]["version"], "4.17.12+dfsg-0+deb12u1");
}

/// An inventory's `source` column (dpkg's `${source:Package}`, osquery's
/// `deb_packages.source`, an RPM's `%{SOURCERPM}`) finds a package no rule names by the
/// source package it is built from, as a package URL's `upstream` does; the package's own
/// name still wins, and a source no rule names leaves it unknown.
#[test]
fn an_inventorys_source_column_finds_a_package_by_its_source() {
    // `dpkg-query -W -f '${Package},${Version},${source:Package}\n'` and `rpm -qa --qf
    // '%{NAME},%{EPOCH}:%{VERSION}-%{RELEASE},%{SOURCERPM}\n'` from four hosts
    let (_, (code, stdout, stderr)) =
        audit(&["sources.csv", "--column", "product=package", "--format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        ids_and(&doc, "found_by"),
        [
            ("nginx/1.22/end-of-life", "source"),
            ("mariadb/10.11/supported", "source"),
            ("nginx/1.20/end-of-life", "source"),
            ("libgmp10/-/unknown-product", "-"),
            ("postgresql/15/supported", "package"),
            // a PECL extension's source is its own, not PHP's
            ("php8.2-redis/-/unknown-product", "-"),
        ]
    );
    // the PECL extension is under PHP's package prefix, and said not to be PHP's (no "did you
    // mean `php`?")
    assert_eq!(
        doc["findings"][5]["reason"],
        "no product `php8.2-redis` in the rules: it begins as `php`'s package names do (`php8.2`), \
         but a package under a product's prefix that the rules do not name, such as an extension, \
         has a version of its own and is not judged as `php`"
    );
    assert_eq!(doc["findings"][5]["candidates"], serde_json::json!([]));
    // and `eol status` says the same
    let (code, _, stderr) = run_with(
        &["status", "php8.2-redis", "5.3.7", "--at", AT],
        None,
        &fixtures(),
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "error: no product `php8.2-redis` in the rules: it begins as `php`'s package names do (`php8.2`)"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("did you mean"), "{stderr}");
    // the source stays with the item, as the columns it has besides its names do
    assert_eq!(
        doc["findings"][0]["item"]["fields"],
        serde_json::json!({"host": "web-1", "source": "nginx (1.22.1-9)"})
    );
    // osquery's `deb_packages` as JSON Lines, its source under another key
    let lines = r#"{"name": "libnginx-mod-stream", "version": "1.22.1-9+b1", "Source Package": "nginx"}
{"name": "libnginx-mod-stream", "version": "1.22.1-9+b1"}
"#;
    let args = [
        "audit",
        "-",
        "--input-format",
        "jsonl",
        "--column",
        "product=name",
        "--column",
        "source=Source Package",
        "--format",
        "json",
        "--at",
        AT,
    ];
    let (code, stdout, stderr) = run_with(&args, Some(lines), &fixtures());
    assert_eq!(code, 1, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        ids_and(&doc, "found_by"),
        [
            ("nginx/1.22/end-of-life", "source"),
            // the same package without its source is another pair, judged apart
            ("libnginx-mod-stream/-/unknown-product", "-"),
        ]
    );
}

/// A package that went back to an older upstream release (`+really`, as Debian wrote
/// xz-utils' revert, `5.6.1+really5.4.5-1`) is judged as that release: `3.12.1+really3.8.10-1`
/// is Python 3.8, at end of life, not 3.12; `eol status` and the JSON say what it was judged
/// as.
#[test]
fn a_package_that_went_back_is_judged_as_the_release_it_really_is() {
    let text = "product,version\npython,3.12.1+really3.8.10-1\npython,3.12.1\n";
    let out = says(
        &["audit", "-", "--format", "csv", "--at", AT],
        Some(text),
        1,
        "python/3.8/end-of-life,end-of-life,,python,3.8,3.12.1+really3.8.10-1,",
    );
    assert!(
        out.contains("python/3.12/supported,supported,,python,3.12,3.12.1,"),
        "{out}"
    );
    says(
        &["status", "python", "3.12.1+really3.8.10-1", "--at", AT],
        None,
        1,
        "note:        version 3.12.1+really3.8.10-1 is 3.8.10-1, as its `really` says (the package went back to that release); judged by it",
    );
    let (_, out, _) = run_with(
        &["audit", "-", "--format", "json", "--at", AT],
        Some(text),
        &fixtures(),
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["findings"][0]["judged_as"], "3.8.10-1");
    assert_eq!(doc["findings"][1]["judged_as"], serde_json::Value::Null);
}

/// Jenkins' weekly line is a rolling release (rules/jenkins.eol: `superseded by newer minor`,
/// `line major`): a weekly release older than the newest the catalog lists is superseded and
/// fails the gate, where it used to be "supported" for ever; the newest weekly is supported,
/// and said to be stale once the weekly cadence expected the next one; an LTS release is
/// judged by its LTS line, never superseded by the weekly line's releases.
#[test]
fn an_old_jenkins_weekly_is_superseded_and_an_lts_release_is_not() {
    let text = "host,product,version\nci,jenkins,2.441\nci2,jenkins,2.578\nci3,jenkins,2.568.2\n";
    let out = says(
        &["audit", "-", "--format", "csv", "--at", "2026-08-20"],
        Some(text),
        1,
        "jenkins/2/superseded,superseded,,jenkins,2,2.441,",
    );
    assert!(out.contains("\"superseded by 2.578 (2026-08-18, or earlier): line 2 is supported, but only its newest minor; update within the line\""), "{out}");
    assert!(
        out.contains("jenkins/2/supported,supported,,jenkins,2,2.578,"),
        "{out}"
    );
    assert!(
        out.contains("jenkins/2.568/supported,supported,,jenkins,2.568,2.568.2,"),
        "{out}"
    );
    says(
        &["status", "jenkins", "2.578", "--at", AT],
        None,
        0,
        "stale:       the catalog may be stale: the minor cadence expected a minor after 2.578 by 2026-08-25 (counted from 2.578, 2026-08-18), and the catalog lists none; this release may already be superseded",
    );
}

/// Pre-releases in a fleet, as tools print them (`3.14.0rc3`, `v24.0.0-rc.1`, `1.26rc2`,
/// `18beta2`, a PGDG package's `17.0~rc1`): each one whose release has shipped is
/// `superseded` by it and fails the gate; a nightly of a release still to come is
/// `unreleased`; one of a line the catalog does not list stays unknown. Releases beside them
/// are judged as before.
#[test]
fn pre_releases_in_a_fleet_are_not_supported() {
    let (text, (code, _, _)) = audit(&["prereleases.csv"]);
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!(text);
    let (csv, _) = audit(&["prereleases.csv", "--format", "csv"]);
    assert!(
        csv.contains("postgresql/17/superseded,superseded,,postgresql,17,17.0~rc1-1.pgdg120+1,supported,,,,,2029-11-09,exact,,-796,17.11,18.6,\"a pre-release (`rc`) of 17.0, replaced by release 17 (2024-09-26): line 17 is supported in its releases, not its pre-releases; update within the line\""),
        "{csv}"
    );
}

/// Trivy writes a distribution package's source package in a CycloneDX property
/// (`aquasecurity:trivy:SrcName`) and in SPDX 2's `sourceInfo` (`built package from: nginx
/// 1.22.1-9`): each finds a package no rule names, as syft's `upstream` does, in JSON and XML
/// alike; a source Trivy gives a language registry's package (a Maven artifact) is not read.
#[test]
fn trivys_source_package_finds_a_package_no_rule_names() {
    for file in ["trivy.cdx.json", "trivy.cdx.xml", "trivy.spdx.json"] {
        let (_, (code, stdout, stderr)) = audit(&[file, "--format", "json"]);
        assert_eq!(code, 1, "{file}: {stderr}");
        let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(
            ids_and(&doc, "found_by"),
            [
                ("nginx/1.22/end-of-life", "source"),
                ("mariadb/10.11/supported", "source"),
                ("pkg:deb/debian/libgmp10/-/unknown-product", "-"),
                // the PostgreSQL JDBC driver: neither its name nor the source Trivy gives it
                // makes it PostgreSQL
                ("pkg:maven/org.postgresql/postgresql/-/unknown-product", "-"),
            ],
            "{file}"
        );
        let source = doc["findings"][0]["item"]["fields"]["source"].as_str().unwrap();
        assert!(source.starts_with("nginx"), "{file}: {source}");
    }
}

/// Trivy's own JSON report of the image (`trivy image --format json`: each result's
/// `Packages`, the system as `Metadata.OS`) gives the findings its CycloneDX SBOM gives,
/// and the system's; a package's version is written as Trivy's CycloneDX writes it, the
/// epoch and release joined to it (`1:10.11.6-0+deb12u1`).
#[test]
fn trivys_own_json_and_cyclonedx_agree() {
    let json = |file: &str| {
        let (_, (code, stdout, stderr)) = audit(&[file, "--format", "json"]);
        assert_eq!(code, 1, "{file}: {stderr}");
        serde_json::from_str::<serde_json::Value>(&stdout).unwrap()
    };
    let (report, cdx) = (json("trivy.json"), json("trivy.cdx.json"));
    let mut expected = vec![("debian/12/supported", "id")];
    expected.extend(ids_and(&cdx, "found_by"));
    assert_eq!(ids_and(&report, "found_by"), expected);
    let versions: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["item"]["version"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        versions,
        [
            "12.8",
            "1.22.1-9+deb12u1",
            "1:10.11.6-0+deb12u1",
            "6.2.1+dfsg1-1.1",
            "42.7.3"
        ]
    );
    assert_eq!(report["findings"][0]["origin"]["pointer"], "/Metadata/OS");
    assert_eq!(
        report["findings"][4]["origin"]["pointer"],
        "/Results/1/Packages/0"
    );
}

/// Trivy names an image's operating system by its family, in the operating-system component
/// and in its packages' `distro` qualifier: `amazon` is Amazon Linux, `oracle` Oracle Linux,
/// `opensuse.leap` openSUSE Leap. As an operating system's name only: a library named
/// `amazon` is no product, and is not judged with the system of that name.
#[test]
fn trivys_names_of_operating_systems() {
    let sbom = r#"{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[
{"bom-ref":"a1","type":"operating-system","name":"amazon","version":"2 (Karoo)","properties":[{"name":"aquasecurity:trivy:Class","value":"os-pkgs"},{"name":"aquasecurity:trivy:Type","value":"amazon"}]},
{"bom-ref":"a2","type":"library","name":"curl","version":"8.3.0-1.amzn2.0.4","purl":"pkg:rpm/amazon/curl@8.3.0-1.amzn2.0.4?arch=x86_64&distro=amazon-2%20%28Karoo%29"},
{"bom-ref":"o1","type":"operating-system","name":"oracle","version":"8.9"},
{"bom-ref":"o2","type":"library","name":"openssl-libs","version":"1.1.1k-12.el8_9","purl":"pkg:rpm/oracle/openssl-libs@1.1.1k-12.el8_9?arch=x86_64&epoch=1&distro=oracle-8.9"},
{"bom-ref":"s1","type":"operating-system","name":"opensuse.leap","version":"15.6"},
{"bom-ref":"l1","type":"library","name":"amazon","version":"2"},
{"bom-ref":"a0","type":"operating-system","name":"amazon","version":"AMI release 2018.03"}]}"#;
    let doc = json_doc(&[], sbom);
    assert_eq!(
        ids_and(&doc, "found_by"),
        [
            ("amazon-linux/2/end-of-life", "alias"),
            ("curl/8.3/end-of-life", "id"),
            ("oracle-linux/8/supported", "alias"),
            ("openssl/1.1.1/end-of-life", "purl"),
            ("opensuse/15.6/end-of-life", "alias"),
            ("amazon/-/unknown-product", "-"),
            // the Amazon Linux AMI as Trivy names it, the words after "Amazon Linux" in its
            // /etc/system-release
            ("amazon-linux/2018.03/end-of-life", "alias"),
        ]
    );
    let packaged = |i: usize| {
        let d = &doc["findings"][i]["distribution"];
        (
            d["product"].as_str().unwrap_or("-"),
            d["line"].as_str().unwrap_or("-"),
        )
    };
    assert_eq!(packaged(1), ("amazon-linux", "2"));
    assert_eq!(packaged(3), ("oracle-linux", "8"));
}

/// A language registry's package that no rule names is not taken for the product its name
/// is: `pkg:gem/foreman` is a Procfile manager, not the Foreman lifecycle manager (whose rule
/// says so), `pkg:pypi/redis` the Python client, not Redis; a registry package a rule names
/// (`pkg:pypi/django`), and the names of other package URLs than a registry's (an OCI image
/// `valkey` that runs Valkey, whose rule names other images), still find their products.
#[test]
fn a_registrys_package_is_not_taken_for_a_product_by_its_name() {
    let input = "product,version,purl
foreman,0.87.2,pkg:gem/foreman@0.87.2
redis,5.0.1,pkg:pypi/redis@5.0.1
,,pkg:pypi/django@4.2.16
valkey,8.0.1,pkg:oci/valkey@8.0.1
";
    let doc = audit_json(input);
    assert_eq!(
        ids_and(&doc, "found_by"),
        [
            ("pkg:gem/foreman/-/unknown-product", "-"),
            ("pkg:pypi/redis/-/unknown-product", "-"),
            ("django/4.2/end-of-life", "purl"),
            ("valkey/8.0/supported", "id"),
        ]
    );
    assert_eq!(
        doc["findings"][0]["reason"],
        "the package URL `pkg:gem/foreman` is no rule's; its name is also `foreman`'s, but a \
         language registry's package is taken for a product only by a package URL the product's \
         rules give, since another project may publish under the name"
    );
    assert_eq!(doc["findings"][0]["candidates"], serde_json::json!([]));
    // `eol status` says the same, and suggests nothing
    let (code, _, stderr) = run_with(
        &["status", "pkg:gem/foreman@0.87.2", "--at", AT],
        None,
        &fixtures(),
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("error: no product `pkg:gem/foreman@0.87.2` in the rules: the package URL `pkg:gem/foreman` is no rule's; its name is also `foreman`'s"),
        "{stderr}"
    );
    assert!(!stderr.contains("did you mean"), "{stderr}");
}

/// A package URL or CPE written in the `product` column is read as the identifier it is,
/// exactly as in the `purl` or `cpe` column: a package URL's `distro` qualifier says which
/// release packaged it (told beside an upstream end of life, and the judge under
/// `--packages distribution`), and a registry's package is not the product its name is.
#[test]
fn an_identifier_in_the_product_column_is_read_as_one() {
    let identifiers = [
        "pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.18?distro=ubuntu-22.04",
        "pkg:pypi/redis@5.0.1",
        "cpe:2.3:a:openssl:openssl:3.0.2:*:*:*:*:*:*:*",
        "pkg:deb/debian/openjdk-17-jre-headless@17.0.9%2B9-1~deb12u1?distro=debian-12",
    ];
    let as_product: String = identifiers.iter().map(|i| format!("{i},\n")).collect();
    let as_product = format!("product,version\n{as_product}");
    let in_columns: String = identifiers
        .iter()
        .map(|i| match i.starts_with("cpe:") {
            true => format!(",{i}\n"),
            false => format!("{i},\n"),
        })
        .collect();
    let in_columns = format!("purl,cpe\n{in_columns}");
    let judged = |doc: &serde_json::Value| -> Vec<String> {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{} {} {} {} {}",
                    f["id"], f["version"], f["found_by"], f["distribution"]["release"], f["reason"]
                )
            })
            .collect()
    };
    for args in [&[][..], &["--packages", "distribution"][..]] {
        let product = json_doc(args, &as_product);
        assert_eq!(judged(&product), judged(&json_doc(args, &in_columns)), "{args:?}");
        let ids: Vec<&str> = ids_and(&product, "id").into_iter().map(|(id, _)| id).collect();
        let expected = match args.is_empty() {
            true => [
                "openssl/3.0/end-of-life",
                "pkg:pypi/redis/-/unknown-product",
                "openssl/3.0/end-of-life",
                "pkg:deb/debian/openjdk-17-jre-headless/-/unknown-product",
            ],
            false => [
                "openssl/3.0/supported",
                "pkg:pypi/redis/-/unknown-product",
                "openssl/3.0/end-of-life",
                "pkg:deb/debian/openjdk-17-jre-headless/-/supported",
            ],
        };
        assert_eq!(ids, expected, "{args:?}");
        // the upstream answer tells the release that packaged it
        let first = &product["findings"][0];
        assert_eq!(first["distribution"]["release"], "22.04", "{first}");
    }
}

/// A Debian testing system names itself `Debian GNU/Linux trixie/sid`: not Debian 13, whose
/// security team's updates it does not get. The system is an unknown version, and its
/// packages are not judged by Debian 13's support under `--packages distribution` (they
/// were: "supported" for a testing snapshot's OpenSSL).
#[test]
fn a_testing_system_is_not_the_release_it_will_become() {
    let root = std::env::temp_dir().join(format!("eol-sid-{}", std::process::id()));
    std::fs::create_dir_all(root.join("etc")).unwrap();
    std::fs::create_dir_all(root.join("var/lib/dpkg")).unwrap();
    std::fs::write(
        root.join("etc/os-release"),
        "PRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\nNAME=\"Debian GNU/Linux\"\nVERSION_CODENAME=trixie\nID=debian\n",
    )
    .unwrap();
    std::fs::write(
        root.join("var/lib/dpkg/status"),
        "Package: libssl3\nStatus: install ok installed\nVersion: 3.0.11-1\nSource: openssl\n\n",
    )
    .unwrap();
    let args = [
        "audit",
        root.to_str().unwrap(),
        "--at",
        AT,
        "--packages",
        "distribution",
        "--format",
        "json",
    ];
    let (code, out, err) = run(&args);
    std::fs::remove_dir_all(&root).unwrap();
    assert_eq!(code, 1, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        ids_and(&doc, "version"),
        [
            ("openssl/3.0/end-of-life", "3.0.11-1"),
            ("debian/trixie/sid/unknown-version", "trixie/sid")
        ],
        "{out}"
    );
}

/// The number a package's name carries where its rule's `{line}` is checks the line its
/// version finds: a version of another line is `unknown-version` naming both (one of the
/// two is wrong, and neither is taken), whether the package is named by its name, its
/// package URL or its source package. A number that fits the version's line, loosely
/// written (`python3`, `tomcat10` for 10.1, Alpine's `php83`), changes nothing.
#[test]
fn a_package_names_number_checks_its_versions_line() {
    let input = "product,version,purl,source
postgresql-15,16.1-1.pgdg120+1,,
postgresql-15,15.8-0+deb12u1,,
php83-fpm,8.2.26-r0,,
php83-fpm,8.3.14-r0,,
tomcat10,10.1.31-1~deb12u1,,
python3.11,3.12.1-1,,
libperl5.36,5.36.0-7+deb12u1,,
,,pkg:deb/debian/postgresql-15@16.1-1,
,,pkg:deb/debian/libpq-oldapi@16.1-1?upstream=postgresql-15,
libpq-oldapi,16.1-1,,postgresql-15
";
    let doc = audit_json(input);
    assert_eq!(
        ids_and(&doc, "matched_by"),
        [
            ("postgresql/16.1-1.pgdg120+1/unknown-version", "-"),
            ("postgresql/15/supported", "line-prefix"),
            ("php/8.2.26-r0/unknown-version", "-"),
            ("php/8.3/supported", "line-prefix"),
            ("tomcat/10.1/supported", "line-prefix"),
            ("python/3.12.1-1/unknown-version", "-"),
            ("perl/5.36/end-of-life", "line-prefix"),
            ("postgresql/16.1-1/unknown-version", "-"),
            ("postgresql/16.1-1/unknown-version", "-"),
            ("postgresql/16.1-1/unknown-version", "-"),
        ]
    );
    let reasons: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["state"] == "unknown-version")
        .map(|f| f["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        [
            "`16.1-1.pgdg120+1` is line 16 of `postgresql`, but `15` in `postgresql-15` says line 15",
            "`8.2.26-r0` is line 8.2 of `php`, but `83` in `php83-fpm` says line 8.3",
            "`3.12.1-1` is line 3.12 of `python`, but `3.11` in `python3.11` says line 3.11",
            "`16.1-1` is line 16 of `postgresql`, but `15` in `postgresql-15` says line 15",
            "`16.1-1` is line 16 of `postgresql`, but `15` in source package `postgresql-15` says line 15",
            "`16.1-1` is line 16 of `postgresql`, but `15` in source package `postgresql-15` says line 15",
        ]
    );
    assert_eq!(doc["findings"][0]["candidates"], serde_json::json!(["16", "15"]));
    // `eol status` refuses the same, and `--line` says which is meant
    for name in ["postgresql-15", "pkg:deb/debian/postgresql-15@16.1-1"] {
        let (code, _, stderr) = run_with(&["status", name, "16.1-1", "--at", AT], None, &fixtures());
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains(
                "error: `16.1-1` is in line 16 of `postgresql`, but `15` in `postgresql-15` says line 15"
            ),
            "{stderr}"
        );
    }
    let (code, _, stderr) = run_with(
        &[
            "status",
            "pkg:deb/debian/libpq-oldapi@16.1-1?upstream=postgresql-15",
            "--at",
            AT,
        ],
        None,
        &fixtures(),
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("but `15` in source package `postgresql-15` says line 15"),
        "{stderr}"
    );
    let (code, stdout, stderr) = run_with(
        &["status", "postgresql-15", "16.1-1", "--line", "16", "--at", AT],
        None,
        &fixtures(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("line:        16 "), "{stdout}");
}

/// An endpoint manager's device export, read as it is: `--column` says which of its columns
/// hold the product and the version; its other columns are kept with each item. The usage
/// errors of `--column` stop before anything is read (exit 2), and a header without the
/// column named is that file's diagnostic (nothing read: exit 3).
#[test]
fn columns_named_otherwise() {
    let (text, (code, ..)) = audit(&[
        "devices.csv",
        "--column",
        "product=OS",
        "--column",
        "version=OS version",
    ]);
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!("devices_table", text);
    let (_, (code, stdout, stderr)) = audit(&[
        "devices.csv",
        "--column",
        "PRODUCT=os",
        "--column",
        "Version=os version",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        ids_and_matches(&doc),
        [
            // 23H2's build is Home/Pro's and Enterprise's: both have ended, so it has
            ("windows/10.0.22631.4460/end-of-life", "-"),
            ("windows/10-22h2/end-of-life", "release-prefix"),
            ("windows-server/2019/supported", "name-words"),
            // the edition in the `OS` cell chooses between 23H2's lines
            ("windows/11-23h2-e/end-of-life", "name-words"),
        ]
    );
    assert_eq!(
        doc["findings"][0]["item"],
        serde_json::json!({"product": "Windows", "version": "10.0.22631.4460", "purl": null, "cpe": null,
            "fields": {"Device name": "PC-0142", "Primary user UPN": "ana@example.com"}})
    );
    // CSV output keeps the export's other columns, under their own names
    let (_, (_, stdout, _)) = audit(&[
        "devices.csv",
        "--column",
        "product=OS",
        "--column",
        "version=OS version",
        "--format",
        "csv",
    ]);
    assert!(
        stdout
            .lines()
            .next()
            .unwrap()
            .ends_with(",file,location,Device name,Primary user UPN"),
        "{stdout}"
    );
    // without `--column`: the header has no `product` column, and the help says how to name it
    let (text, (code, ..)) = audit(&["devices.csv"]);
    assert_eq!(code, 3, "{text}");
    assert!(text.contains("--column product=OS"), "{text}");
    let (text, (code, ..)) = audit(&["devices.csv", "--column", "product=Platform"]);
    assert_eq!(code, 3, "{text}");
    insta::assert_snapshot!("devices_missing_column", text);
    for (column, message) in [
        ("OS", "error: `--column OS` names no field"),
        ("os=OS", "error: `os` in `--column os=OS` is not a field"),
        (
            "product=version",
            "error: `product` and `version` would both be read from `version`",
        ),
    ] {
        let (text, (code, stdout, stderr)) = audit(&["devices.csv", "--column", column]);
        assert_eq!(code, 2, "{text}");
        assert_eq!(stdout, "");
        assert!(stderr.starts_with(message), "{stderr}");
    }
}

/// A build that two editions share (Windows 11 23H2: Home/Pro and Enterprise) is judged by
/// what both lines say alike: ends soon when the later of their ends is within the window,
/// at end of life once both have passed; lines that disagree, or that all are supported,
/// leave it an unknown version. The gate sees the state; SARIF gives the reason.
#[test]
fn editions_that_end_alike_fail_alike() {
    let input = "product,version\nwindows,10.0.22631.4460\nwindows,10.0.19044\n";
    let at = |day: &str, extra: &[&str]| {
        let mut args = vec!["audit", "-", "--input-format", "csv", "--at", day];
        args.extend_from_slice(extra);
        run_with(&args, Some(input), &fixtures())
    };
    let ids = |day: &str| {
        let (_, stdout, stderr) = at(day, &["--format", "json"]);
        let doc: serde_json::Value =
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}",
                    f["id"].as_str().unwrap(),
                    f["eol"]["date"],
                    f["days_left"]
                )
            })
            .collect::<Vec<_>>()
    };
    // Home/Pro 23H2 ended 2025-11-12, Enterprise 2026-11-11
    assert_eq!(
        ids("2025-06-01"),
        [
            "windows/10.0.22631.4460/unknown-version null null",
            "windows/10.0.19044/unknown-version null null"
        ]
    );
    assert_eq!(
        ids("2026-09-01"),
        [
            "windows/10.0.22631.4460/ends-soon \"2026-11-11\" 71",
            "windows/10.0.19044/unknown-version null null"
        ]
    );
    assert_eq!(
        ids("2026-12-01"),
        [
            "windows/10.0.22631.4460/end-of-life \"2026-11-11\" -20",
            "windows/10.0.19044/unknown-version null null"
        ]
    );
    assert_eq!(at("2026-09-01", &[]).0, 0);
    assert_eq!(at("2026-09-01", &["--fail-on", "ends-soon"]).0, 1);
    assert_eq!(at("2026-12-01", &[]).0, 1);
    let (_, sarif, _) = at("2026-12-01", &["--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "end-of-life");
    assert_eq!(
        result["message"]["text"],
        "`10.0.22631.4460` belongs to 2 lines of `windows`: 11-23h2-e (end of life since 2026-11-11) and 11-23h2-w (end of life since 2025-11-12): at end of life whichever it is"
    );
    let (_, csv, _) = at("2026-12-01", &["--format", "csv"]);
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with("windows/10.0.22631.4460/end-of-life,end-of-life,,windows,,10.0.22631.4460,,,,,,2026-11-11,exact,,-20,"),
        "{csv}"
    );
}

/// An SBOM with the Log4Shell release: Log4j 2's line is maintained, but only its newest minor
/// is (`superseded by newer minor`), so 2.14.1 fails the default gate, as an old jQuery 3.x
/// does (`superseded by newer patch`); the newest releases pass.
#[test]
fn an_sbom_with_log4shell_fails_the_gate() {
    let bom = r#"{"bomFormat":"CycloneDX","specVersion":"1.5","components":[
{"type":"library","name":"log4j-core","version":"2.14.1","purl":"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"},
{"type":"library","name":"log4j-core","version":"2.26.1","purl":"pkg:maven/org.apache.logging.log4j/log4j-core@2.26.1"},
{"type":"library","name":"jquery","version":"3.5.1","purl":"pkg:npm/jquery@3.5.1"},
{"type":"library","name":"jquery","version":"3.7.1","purl":"pkg:npm/jquery@3.7.1"}]}"#;
    let (code, csv, stderr) = run_with(
        &[
            "audit",
            "-",
            "--input-format",
            "sbom",
            "--format",
            "csv",
            "--at",
            AT,
        ],
        Some(bom),
        &fixtures(),
    );
    assert_eq!(code, 1, "{stderr}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let reason = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "reason")
        .unwrap();
    let states: Vec<(String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[5].to_owned(), r[1].to_owned(), r[reason].to_owned())
        })
        .collect();
    assert_eq!(
        states,
        vec![
            (
                "2.14.1".to_owned(),
                "superseded".to_owned(),
                "superseded by 2.26.1 (2026-07-02, or earlier): line 2 is supported, but only its newest minor; update within the line".to_owned()
            ),
            ("2.26.1".to_owned(), "supported".to_owned(), String::new()),
            (
                "3.5.1".to_owned(),
                "superseded".to_owned(),
                "superseded by 3.7.1 (2023-08-28, or earlier): line 3 is supported, but only its newest patch; update within the line".to_owned()
            ),
            ("3.7.1".to_owned(), "supported".to_owned(), String::new()),
        ]
    );
}

/// A problem far along a very long row is drawn cut to a window around it (miette cannot
/// draw past column 65,535: it panicked there), in every output format.
#[test]
fn a_problem_far_along_a_long_row_is_drawn_cut() {
    let text = format!(
        "product,version,host\npython,3.12.1,a\npython,3.12.1,{},extra\n",
        "x".repeat(70_000)
    );
    for format in ["table", "json", "sarif", "csv"] {
        let (code, stdout, stderr) = audit_csv_stdin(&text, format);
        assert_eq!(code, 3, "{format}: {stderr}");
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        let flat = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("(line 3 is 70020 characters long; only the part around the problem is shown)"),
            "{format}: {stderr}"
        );
        assert!(stderr.contains("<stdin>:3:70016"), "{format}: {stderr}");
        assert!(stderr.lines().all(|l| l.chars().count() < 400), "{format}");
        if format != "table" && format != "csv" {
            serde_json::from_str::<serde_json::Value>(&stdout).expect("whole JSON");
        }
    }
}

/// An input that may never end is refused, and one that does not end a line is refused at the
/// limit, its memory never growing past it: a device named (`/dev/zero`) is no inventory, and
/// standard input that is one long line stops at 128 MiB (exit 2).
#[test]
fn inputs_that_never_end_are_refused() {
    if std::path::Path::new("/dev/zero").exists() {
        let (code, stdout, stderr) = run_with(&["audit", "/dev/zero", "--at", AT], None, &fixtures());
        assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
        assert!(
            stderr.starts_with("error: /dev/zero is not a regular file (a device, FIFO or socket)\n"),
            "{stderr}"
        );
    }
    let endless = "x".repeat((128 << 20) + 1024);
    for format in ["jsonl", "csv"] {
        let (code, _, stderr) = run_with(
            &["audit", "-", "--input-format", format, "--at", AT],
            Some(&endless),
            &fixtures(),
        );
        assert_eq!(code, 2, "{format}: {stderr}");
        assert!(
            stderr.contains("cannot read <stdin>: a line is longer than 128 MiB"),
            "{format}: {stderr}"
        );
    }
}

/// A distribution's package (a `deb` package URL with `distro=`): by default judged by its
/// product's own lifecycle, with what the distribution release says where it differs; with
/// `--packages distribution`, by the release, which backports fixes while it is supported
/// and none after.
#[test]
fn a_distributions_package_is_told_and_may_be_judged_by_its_release() {
    let text = "product,version,purl\n\
        ,,pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.15?arch=amd64&distro=ubuntu-22.04\n\
        ,,pkg:deb/debian/python3.11@3.11.2-6%2Bdeb12u4?arch=amd64&distro=debian-12\n\
        ,,pkg:deb/debian/openssl@3.0.17-1~deb12u2?distro=debian-99\n\
        ,,pkg:deb/debian/openssl@3.0.17-1~deb12u2?distro=bookworm\n\
        ,,pkg:deb/debian/openssl@3.0.17-1~deb12u3?os_distro=bookworm&os_name=debian&os_version=12\n\
        ,,pkg:deb/ubuntu/coreutils@8.32-4.1ubuntu1.2?arch=amd64&distro=ubuntu-22.04\n\
        ,,pkg:deb/debian/nodejs@18.20.4-1nodesource1?arch=amd64&distro=debian-12\n";
    let json = |packages: &str, extra: &[&str]| {
        let mut args = vec![
            "audit",
            "-",
            "--at",
            AT,
            "--format",
            "json",
            "--packages",
            packages,
        ];
        args.extend_from_slice(extra);
        let (code, stdout, stderr) = run_with(&args, Some(text), &fixtures());
        let doc: serde_json::Value =
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        (code, doc)
    };

    // by the product: OpenSSL 3.0 ended on 2026-09-08, Ubuntu 22.04 supports its package
    let (code, doc) = json("upstream", &[]);
    assert_eq!(code, 1);
    assert_eq!(doc["packages"], "upstream");
    let f = &doc["findings"];
    assert_eq!(f[0]["id"], "openssl/3.0/end-of-life");
    assert_eq!(f[0]["eol"]["date"], "2026-09-08");
    let d = &f[0]["distribution"];
    assert_eq!(
        (d["product"].as_str(), d["line"].as_str()),
        (Some("ubuntu"), Some("22.04"))
    );
    assert_eq!(
        (d["state"].as_str(), d["judged"].as_bool()),
        (Some("supported"), Some(false))
    );
    assert_eq!(d["eol"]["date"], "2027-06-01");
    assert!(
        f[0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("packaged by Ubuntu 22.04, which is supported (end of life on 2027-06-01): "),
        "{}",
        f[0]["reason"]
    );
    // Python 3.11 is supported, and so is Debian 12, in Debian LTS (free): nothing to add
    assert_eq!(f[1]["id"], "python/3.11/supported");
    assert_eq!(f[1]["distribution"]["state"], "supported");
    assert_eq!(f[1]["reason"], serde_json::Value::Null);
    // a release the rules do not know says nothing here; a codename is its release's
    assert_eq!(f[2]["distribution"]["state"], "unknown-version");
    assert_eq!(f[2]["reason"], serde_json::Value::Null);
    assert_eq!(f[3]["distribution"]["line"], "12");
    // Docker Scout's way of saying it
    assert_eq!(f[4]["distribution"]["line"], "12");
    assert_eq!(f[4]["distribution"]["name"], "debian");
    // a package no rule file knows stays unknown
    assert_eq!(f[5]["id"], "pkg:deb/ubuntu/coreutils/-/unknown-product");
    assert_eq!(f[5]["distribution"], serde_json::Value::Null);

    // by the release
    let (code, doc) = json("distribution", &[]);
    assert_eq!(code, 1);
    let f = &doc["findings"];
    assert_eq!(f[0]["id"], "openssl/3.0/supported");
    assert_eq!(f[0]["eol"]["date"], "2027-06-01");
    assert_eq!(f[0]["phase"]["label"], "Security maintenance");
    assert_eq!(f[0]["distribution"]["judged"], true);
    assert_eq!(f[0]["distribution"]["upstream_eol"]["date"], "2026-09-08");
    // what is said of the version itself stays the product's
    assert!(f[0]["newest_in_line"]["version"]
        .as_str()
        .unwrap()
        .starts_with("3.0."));
    assert_eq!(
        f[0]["reason"],
        "judged by Ubuntu 22.04, which packages it (--packages distribution); OpenSSL 3.0 itself reached end of life on 2026-09-08"
    );
    // Debian LTS is free: Debian 12's packages are supported through 2028-06-30
    assert_eq!(f[1]["id"], "python/3.11/supported");
    assert_eq!(f[1]["eol"]["date"], "2028-07-01");
    assert_eq!(f[1]["phase"]["label"], "Debian LTS");
    // not known: judged by the product, and said so
    assert_eq!(f[2]["id"], "openssl/3.0/end-of-life");
    assert_eq!(f[2]["distribution"]["judged"], false);
    assert!(f[2]["reason"]
        .as_str()
        .unwrap()
        .starts_with("not judged by its distribution release: `99`"));
    assert_eq!(f[3]["id"], "openssl/3.0/supported");
    assert_eq!(f[3]["eol"]["date"], "2028-07-01");
    // ... and by the release, like every package of it
    assert_eq!(f[5]["id"], "pkg:deb/ubuntu/coreutils/-/supported");
    assert_eq!(f[5]["version"], "8.32-4.1ubuntu1.2");
    assert_eq!(f[5]["eol"]["date"], "2027-06-01");
    assert_eq!(f[5]["distribution"]["judged"], true);
    // NodeSource's build is not Debian's to judge, although Debian 12 is supported
    assert_eq!(f[6]["id"], "nodejs/18/end-of-life");
    assert_eq!(f[6]["distribution"]["judged"], false);
    assert_eq!(f[6]["distribution"]["built_by"], "NodeSource");
    assert_eq!(
        f[6]["reason"],
        "not judged by Debian 12: its version `18.20.4-1nodesource1` marks a build of NodeSource, not of the distribution, which does not fix it"
    );

    let (_, doc) = json("distribution", &["--extended"]);
    assert_eq!(doc["findings"][1]["id"], "python/3.11/supported");
    assert_eq!(doc["findings"][1]["eol"]["date"], "2028-07-01");
    assert_eq!(doc["findings"][6]["id"], "nodejs/18/end-of-life");

    // paid extended support: Ubuntu 20.04's standard support ended on 2025-06-01, and only
    // Expanded Security Maintenance (Ubuntu Pro) still fixes its MySQL 8.0 in January 2026,
    // while MySQL 8.0 itself is supported; by the release it counts only with --extended
    let focal =
        "purl\npkg:deb/ubuntu/mysql-server-8.0@8.0.42-0ubuntu0.20.04.1?arch=amd64&distro=ubuntu-20.04\n";
    let judge = |packages: &str, extra: &[&str]| {
        let args = [
            &[
                "audit",
                "-",
                "--at",
                "2026-01-15",
                "--format",
                "json",
                "--packages",
                packages,
            ][..],
            extra,
        ]
        .concat();
        let (code, stdout, stderr) = run_with(&args, Some(focal), &fixtures());
        let doc: serde_json::Value =
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        (code, doc["findings"][0].clone())
    };
    let (code, f) = judge("upstream", &[]);
    assert_eq!((code, f["id"].as_str()), (0, Some("mysql/8.0/supported")));
    assert_eq!(
        f["reason"],
        "but it is packaged by Ubuntu 20.04, which reached end of life on 2025-06-01: its packages get fixes \
         only from the release's extended support, Expanded Security Maintenance through 2030-04-30, which \
         --extended counts (eol audit --packages distribution judges it by the release)"
    );
    let (code, f) = judge("distribution", &[]);
    assert_eq!((code, f["id"].as_str()), (1, Some("mysql/8.0/end-of-life")));
    assert_eq!(f["eol"]["date"], "2025-06-01");
    let (code, f) = judge("distribution", &["--extended"]);
    assert_eq!((code, f["id"].as_str()), (0, Some("mysql/8.0/supported")));
    assert_eq!(f["eol"]["date"], "2030-05-01");

    // the SARIF message names the release that judged it
    let (_, sarif, _) = run_with(
        &[
            "audit",
            "-",
            "--at",
            AT,
            "--packages",
            "distribution",
            "--format",
            "sarif",
        ],
        Some(text),
        &fixtures(),
    );
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let messages: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"]["text"].as_str().unwrap())
        .collect();
    assert!(
        messages.contains(
            &"OpenSSL 3.0 (3.0.2-0ubuntu1.15) from Ubuntu 22.04 is supported; end of life on 2027-06-01; judged by \
              Ubuntu 22.04, which packages it (--packages distribution); OpenSSL 3.0 itself reached end of life on \
              2026-09-08"
        ),
        "{messages:#?}"
    );

    // the gate: Ubuntu's OpenSSL fails by the product, passes by the release
    let one = "purl\npkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.15?arch=amd64&distro=ubuntu-22.04\n";
    let gate = |packages: &str| {
        run_with(
            &["audit", "-", "--at", AT, "--packages", packages],
            Some(one),
            &fixtures(),
        )
    };
    assert_eq!(gate("upstream").0, 1);
    assert_eq!(gate("distribution").0, 0);

    // `--distro` for the items that do not say: a package's name as `dpkg-query -W` lists it,
    // not a product named by its own id
    let dpkg = "product,version\npostgresql-15,15.8-0+deb12u1\npython,3.11.2\n";
    let (code, out, _) = run_with(
        &[
            "audit",
            "-",
            "--at",
            AT,
            "--format",
            "json",
            "--packages",
            "distribution",
            "--extended",
            "--distro",
            "debian-12",
        ],
        Some(dpkg),
        &fixtures(),
    );
    assert_eq!(code, 0, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &doc["findings"];
    assert_eq!(
        (f[0]["found_by"].as_str(), f[0]["id"].as_str()),
        (Some("package"), Some("postgresql/15/supported"))
    );
    assert_eq!(f[0]["eol"]["date"], "2028-07-01");
    assert_eq!(f[0]["phase"]["label"], "Debian LTS");
    assert_eq!(f[1]["distribution"], serde_json::Value::Null);
    assert_eq!(f[1]["eol"]["date"], "2027-11-01");
    let (code, _, err) = run_with(
        &["audit", "inventory.csv", "--at", AT, "--distro", "12"],
        None,
        &fixtures(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("`--distro 12` does not name a distribution and its release"),
        "{err}"
    );

    let args = ["audit", "-", "--at", AT, "--packages", "distribution"];
    insta::assert_snapshot!(
        "packages_by_distribution",
        shown(&args, &run_with(&args, Some(text), &fixtures()))
    );
}

/// Where nothing says which release a package comes from (no `distro` qualifier, no
/// `--distro`), a mark in its version that names the release it was built for does, and the
/// reason says it was read there; an explicit release wins, and a version with no mark, or a
/// mark of another distribution than the package URL's, says nothing. `eol status` of a build
/// whose mark names the distribution but not the release (`1ubuntu2.14`, `.el9`) says which
/// distribution, and how to ask about the release.
#[test]
fn a_version_mark_names_the_release_when_nothing_else_does() {
    let text = "product,version,purl\n\
        postgresql-15,15.8-0+deb12u1,\n\
        libc6,2.36-9+deb12u10,\n\
        libc6,2.36-9,\n\
        python,3.11.2,\n\
        ,,pkg:deb/debian/openssl@3.0.17-1~deb12u2?arch=amd64\n\
        ,,pkg:deb/devuan/openssl@3.0.17-1~deb12u2\n\
        ,,pkg:rpm/redhat/openssl-libs@3.0.7-27.el9_4?arch=x86_64\n\
        ,,pkg:deb/ubuntu/postgresql-14@14.18-0ubuntu0.22.04.1\n\
        ,,pkg:deb/debian/openssl@3.0.17-1~deb12u2?distro=debian-99\n";
    let json = |extra: &[&str]| {
        let mut args = vec!["audit", "-", "--at", AT, "--format", "json"];
        args.extend_from_slice(extra);
        let (code, stdout, stderr) = run_with(&args, Some(text), &fixtures());
        let doc: serde_json::Value =
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        (code, doc)
    };
    let read = |f: &serde_json::Value| {
        let d = &f["distribution"];
        (
            d["name"].as_str().map(str::to_owned),
            d["release"].as_str().map(str::to_owned),
            d["read_from"].as_str().map(str::to_owned),
            d["mark"].as_str().map(str::to_owned),
        )
    };
    let from_version = |name: &str, release: &str, mark: &str| {
        (
            Some(name.to_owned()),
            Some(release.to_owned()),
            Some("version".to_owned()),
            Some(mark.to_owned()),
        )
    };
    let none = (None, None, None, None);

    let (_, doc) = json(&["--packages", "distribution"]);
    let f = &doc["findings"];
    // a package's name with Debian's update mark: judged by Debian 12, in Debian LTS until
    // 2028-06-30
    assert_eq!(read(&f[0]), from_version("debian", "12", "+deb12u1"));
    assert_eq!(f[0]["id"], "postgresql/15/supported");
    assert_eq!(f[0]["eol"]["date"], "2028-07-01");
    assert!(
        f[0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("judged by Debian 12 (as its version's `+deb12u1` says), which packages it"),
        "{}",
        f[0]["reason"]
    );
    // a package no rule file knows is judged by the release its mark names, one without a
    // mark stays unknown, and a product named by its id has no release to read
    assert_eq!(read(&f[1]), from_version("debian", "12", "+deb12u10"));
    assert_eq!(f[1]["id"], "libc6/-/supported");
    assert_eq!(
        (read(&f[2]), f[2]["state"].as_str()),
        (none.clone(), Some("unknown-product"))
    );
    assert_eq!(read(&f[3]), none);
    // a package URL without a qualifier: its version's mark, of the distribution it names
    assert_eq!(read(&f[4]), from_version("debian", "12", "~deb12u2"));
    assert_eq!(read(&f[5]), none, "Devuan's packages carry Debian's marks");
    assert_eq!(read(&f[6]), from_version("rhel", "9", ".el9_4"));
    assert_eq!(f[6]["distribution"]["line"], "9");
    assert_eq!(read(&f[7]), from_version("ubuntu", "22.04", "ubuntu0.22.04"));
    assert_eq!(f[7]["id"], "postgresql/14/supported");
    // a qualifier is explicit: it wins over the mark, even naming a release nobody knows
    assert_eq!(
        read(&f[8]),
        (
            Some("debian".to_owned()),
            Some("99".to_owned()),
            Some("package-url".to_owned()),
            None
        )
    );

    // by default the product judges, and the reason tells what the marked release says
    let (code, doc) = json(&[]);
    assert_eq!(code, 1);
    let f = &doc["findings"];
    assert_eq!(f[7]["id"], "postgresql/14/end-of-life");
    assert!(
        f[7]["reason"].as_str().unwrap().contains(
            "packaged by Ubuntu 22.04 (as its version's `ubuntu0.22.04` says), which is supported (end of life on 2027-06-01)"
        ),
        "{}",
        f[7]["reason"]
    );
    assert_eq!(f[1]["state"], "unknown-product");

    // `--distro` is explicit too: it wins over the mark
    let (_, doc) = json(&["--distro", "debian-12"]);
    assert_eq!(doc["findings"][0]["distribution"]["read_from"], "--distro");
    assert_eq!(
        doc["findings"][0]["distribution"]["mark"],
        serde_json::Value::Null
    );

    // `eol status` of such a package URL says where its release was read
    let (code, out, err) = run_with(
        &[
            "status",
            "pkg:deb/ubuntu/postgresql-14@14.18-0ubuntu0.22.04.1",
            "--at",
            AT,
        ],
        None,
        &fixtures(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("packaged by: Ubuntu 22.04 (as its version's `ubuntu0.22.04` says), supported (end of life 2027-06-01)"),
        "{out}"
    );
    // ... and so does a product named with such a version, as the audit reads it
    let (code, out, err) = run_with(
        &["status", "openssl", "3.0.17-1~deb12u2", "--at", AT],
        None,
        &fixtures(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains(
            "packaged by: Debian 12 (as its version's `~deb12u2` says), supported (end of life 2028-07-01); \
             the distribution may backport fixes to its package"
        ),
        "{out}"
    );

    // a build whose release the version does not name: which distribution, and how to ask
    says(
        &["status", "php", "8.1.2-1ubuntu2.14", "--at", AT],
        None,
        1,
        "packaged by: Ubuntu, as the version's `ubuntu2.14` says, for a release it does not name: `--distro ubuntu-RELEASE` (`ubuntu-22.04`) says what that release's support says of its package",
    );
    let (_, out, _) = run_with(
        &[
            "status",
            "openssl",
            "3.0.7-27.el9",
            "--at",
            AT,
            "--format",
            "json",
        ],
        None,
        &fixtures(),
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        doc["built_for"],
        serde_json::json!({"distribution": "rhel", "mark": ".el9", "release": "9"})
    );
    assert_eq!(doc["distribution"], serde_json::Value::Null);
    // with the release given, the release answers and nothing is hinted
    let (_, out, _) = run_with(
        &[
            "status",
            "openssl",
            "3.0.7-27.el9",
            "--distro",
            "rocky-9",
            "--at",
            AT,
            "--format",
            "json",
        ],
        None,
        &fixtures(),
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["built_for"], serde_json::Value::Null);
    assert_eq!(doc["distribution"]["release"], "9");

    // the audit counts such packages, and its JSON says each one's mark
    let text = "host,package,version\n\
        web,php8.1,8.1.2-1ubuntu2.14\n\
        rh,openssl,3.0.7-27.el9\n\
        db,libssl3,3.0.2-0ubuntu1.18\n\
        web,nodejs,22.12.0\n";
    says(
        &["audit", "-", "--column", "product=package", "--at", AT],
        Some(text),
        1,
        "; 3 packages are a distribution's builds whose release they do not name (marks such as `ubuntu2.14`, `.el9` and a kernel's `-generic`: a `distro` column or --distro names the release, and says what its support says)",
    );
    let (_, out, _) = run_with(
        &[
            "audit",
            "-",
            "--column",
            "product=package",
            "--at",
            AT,
            "--format",
            "json",
        ],
        Some(text),
        &fixtures(),
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let built: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["built_for"])
        .collect();
    assert!(built
        .contains(&&serde_json::json!({"distribution": "ubuntu", "mark": "ubuntu2.14", "release": null})));
    assert!(built.contains(&&serde_json::json!({"distribution": "rhel", "mark": ".el9", "release": "9"})));
    assert_eq!(built.iter().filter(|b| b.is_null()).count(), 1, "{out}");
    // with the release named, nothing is counted
    let (_, out, _) = run_with(
        &[
            "audit",
            "-",
            "--column",
            "product=package",
            "--at",
            AT,
            "--distro",
            "ubuntu-22.04",
        ],
        Some(text),
        &fixtures(),
    );
    assert!(!out.contains("whose release they do not name"), "{out}");
}

/// An inventory of many systems says each row's release in a `distro` column (or key): as
/// `--distro` takes it or as the system names itself. It is read for packages (by their
/// name, or by a product's name with a package's version), wins over `--distro` row by row,
/// gives way to a package URL's qualifier, and, naming no release the rules know, to a
/// mark in the version. The same package and version on two systems are judged apart.
#[test]
fn a_distro_column_names_each_systems_release() {
    let text = "host,os,package,version,purl\n\
        web-1,Debian GNU/Linux 12 (bookworm),python3.11,3.11.2-6,\n\
        db-1,Ubuntu 22.04.4 LTS,libssl3,3.0.2-0ubuntu1.18,\n\
        db-2,ubuntu-20.04,libssl3,3.0.2-0ubuntu1.18,\n\
        app-1,Debian GNU/Linux 12 (bookworm),python,3.11.2,\n\
        zorin-1,Zorin OS 17.1,openssl,3.0.2-0ubuntu1.18,\n\
        x-1,debian,openssl,3.0.11-1~deb12u2,\n\
        x-2,,python3.9,3.9.2-1,\n\
        x-3,Rocky Linux 9.4 (Blue Onyx),,,pkg:rpm/rocky/openssl-libs@3.0.7-27.el9?distro=rocky-9.6\n";
    // the JSON audit of `input` (its packages in a `package` column or key), and its exit
    let audit_json = |input: &str, extra: &[&str]| {
        let mut args = vec!["audit", "-", "--at", AT, "--format", "json"];
        args.extend_from_slice(&["--column", "product=package"]);
        args.extend_from_slice(extra);
        let (code, stdout, stderr) = run_with(&args, Some(input), &fixtures());
        let doc: serde_json::Value =
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        (code, doc)
    };
    let json = |extra: &[&str]| {
        let mut args = vec!["--column", "distro=OS"];
        args.extend_from_slice(extra);
        audit_json(text, &args).1
    };
    let read = |f: &serde_json::Value| {
        let d = &f["distribution"];
        [&d["name"], &d["release"], &d["read_from"], &d["line"]].map(|v| v.as_str().map(str::to_owned))
    };
    let said = |name: &str, release: &str, from: &str, line: Option<&str>| {
        [Some(name), Some(release), Some(from), line].map(|v| v.map(str::to_owned))
    };
    let none = [None, None, None, None];

    let doc = json(&["--packages", "distribution", "--distro", "debian-11"]);
    let f = &doc["findings"];
    // `/etc/os-release`'s PRETTY_NAME, read as `eol status` reads a product and version
    assert_eq!(read(&f[0]), said("debian", "12", "inventory", Some("12")));
    assert_eq!(f[0]["id"], "python/3.11/supported");
    assert_eq!(f[0]["eol"]["date"], "2028-07-01");
    // a product's alias with a package's version is a package; the same package and
    // version on two systems are two findings
    assert_eq!(read(&f[1]), said("ubuntu", "22.04.4", "inventory", Some("22.04")));
    assert_eq!(f[1]["id"], "openssl/3.0/supported");
    assert_eq!(f[1]["eol"]["date"], "2027-06-01");
    assert_eq!(read(&f[2]), said("ubuntu", "20.04", "inventory", Some("20.04")));
    assert_eq!(f[2]["id"], "openssl/3.0/end-of-life");
    // a product's name with an upstream version may come from anywhere: not a package
    assert_eq!(read(&f[3]), none);
    assert_eq!(f[3]["id"], "python/3.11/supported");
    // a release the rules do not know is said, and the product judges
    assert_eq!(read(&f[4]), said("Zorin OS 17.1", "", "inventory", None));
    assert_eq!(f[4]["id"], "openssl/3.0/end-of-life");
    assert!(
        f[4]["distribution"]["reason"]
            .as_str()
            .unwrap()
            .contains("`Zorin OS 17.1` names no distribution the rules know"),
        "{}",
        f[4]["distribution"]
    );
    // a distribution without its release gives way to the version's mark
    assert_eq!(read(&f[5]), said("debian", "12", "version", Some("12")));
    // a blank cell leaves `--distro`, which the other rows' cells override
    assert_eq!(read(&f[6]), said("debian", "11", "--distro", Some("11")));
    // the package URL's qualifier says more than the system's column
    assert_eq!(read(&f[7]), said("rocky", "9.6", "package-url", Some("9")));

    // by default the product judges and the reason tells what the system's release says
    let doc = json(&[]);
    let f = &doc["findings"];
    assert_eq!(f[1]["id"], "openssl/3.0/end-of-life");
    assert!(
        f[1]["reason"]
            .as_str()
            .unwrap()
            .contains("packaged by Ubuntu 22.04, which is supported (end of life on 2027-06-01)"),
        "{}",
        f[1]["reason"]
    );
    // the column is kept with the item
    assert_eq!(f[0]["item"]["fields"]["os"], "Debian GNU/Linux 12 (bookworm)");

    // docs/audit.md's fleet: each system's release judges its packages, and the table shows it
    let (text, (code, ..)) = audit(&[
        "fleet.csv",
        "--column",
        "product=package",
        "--packages",
        "distribution",
    ]);
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!("fleet_table", text);

    // JSON Lines' `distro` key, kept with the item as the CSV column is
    let lines =
        "{\"package\": \"libssl3\", \"version\": \"3.0.2-0ubuntu1.18\", \"distro\": \"ubuntu-22.04\"}\n";
    let (code, doc) = audit_json(lines, &["--packages", "distribution"]);
    assert_eq!(code, 0);
    let f = &doc["findings"][0];
    assert_eq!(read(f), said("ubuntu", "22.04", "inventory", Some("22.04")));
    assert_eq!(f["id"], "openssl/3.0/supported");
    assert_eq!(f["item"]["fields"]["distro"], "ubuntu-22.04");

    // a distribution and a line's other name joined by `-`, as some tools write a codename
    // (`debian-bookworm`, a package URL's `distro=ubuntu-jammy`); `debian-sid` (unstable) is
    // in no line, and judges nothing
    let codenames = "package,version,distro,purl\n\
        libssl3,3.0.11-1~deb12u2,debian-bookworm,\n\
        libssl3,3.0.11-1,debian-sid,\n\
        ,,,pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.18?distro=ubuntu-jammy\n";
    let (_, doc) = audit_json(codenames, &["--packages", "distribution"]);
    let f = &doc["findings"];
    assert_eq!(read(&f[0]), said("debian", "bookworm", "inventory", Some("12")));
    assert_eq!(f[0]["id"], "openssl/3.0/supported");
    assert_eq!(read(&f[1]), said("debian", "sid", "inventory", None));
    assert_eq!(f[1]["id"], "openssl/3.0/end-of-life");
    assert_eq!(read(&f[2]), said("ubuntu", "jammy", "package-url", Some("22.04")));
    assert_eq!(f[2]["id"], "openssl/3.0/supported");

    // `eol status --distro` names the release of the system it runs on, for whatever is
    // asked about (here `python3 --version` on Debian 12); a package URL's qualifier wins
    let status = |args: &[&str]| {
        let mut all = vec!["status"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--at", AT]);
        run_with(&all, None, &fixtures())
    };
    let (code, out, err) = status(&["python", "Python 3.11.2", "--distro", "debian-12"]);
    assert_eq!(code, 0, "the answer stays the product's: {err}");
    assert!(
        out.contains("packaged by: Debian 12, supported (end of life 2028-07-01)"),
        "{out}"
    );
    let (_, out, _) = status(&[
        "pkg:deb/debian/openssl@3.0.17-1~deb12u2?distro=debian-11",
        "--distro",
        "ubuntu-22.04",
    ]);
    assert!(out.contains("packaged by: Debian 11,"), "{out}");
    // `--distro` takes the system's own name too, and refuses what names no release
    let (_, out, _) = status(&["python", "3.11.2", "--distro", "Debian GNU/Linux 12 (bookworm)"]);
    assert!(out.contains("packaged by: Debian 12,"), "{out}");
    let (code, _, err) = status(&["python", "3.11.2", "--distro", "Zorin OS 17.1"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`--distro Zorin OS 17.1` does not name a distribution and its release"),
        "{err}"
    );
    let (code, doc) = audit_json(
        "package,version\nlibssl3,3.0.2-0ubuntu1.18\n",
        &["--distro", "Ubuntu 22.04.4 LTS"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        read(&doc["findings"][0]),
        said("ubuntu", "22.04.4", "--distro", Some("22.04"))
    );
}

/// A distribution's kernel is the Linux kernel, found by its packages' names as SBOM tools
/// write them (Enterprise Linux's rebuilds name theirs as Red Hat does), its line judged as
/// kernel.org supports it and its release saying how the distribution does; a kernel as
/// `uname -r` prints it says which distribution built it.
#[test]
fn a_distributions_kernel_is_the_kernel_packaged_by_its_release() {
    let (code, out, err) = run(&["audit", "kernels.csv", "--at", AT, "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let found = findings_in(&out);
    let ids: Vec<&str> = found.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        [
            // 4.18 is in no line kernel.org's catalog lists, between two that have ended
            "linux-kernel/4.18.0-553.27.1.el8_10/end-of-life",
            "linux-kernel/5.14/end-of-life",
            // a rebuild's package, by Red Hat's name
            "openssl/3.2/end-of-life",
            "linux-kernel/5.15/ends-soon",
            "linux-kernel/6.1/supported",
            // built from the kernel's sources, but no kernel: not this product
            "pkg:deb/debian/linux-libc-dev/-/unknown-product",
            "linux-kernel/5.15/ends-soon",
            "linux-kernel/5.15/ends-soon",
            "linux-kernel/6.6/supported",
            "linux-kernel/5.14/end-of-life",
        ]
    );
    // the release that packaged each says how it stands, the unlisted line's too
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings[0]["distribution"]["release"], "8.10", "{out}");
    assert!(findings[0]["reason"]
        .as_str()
        .unwrap()
        .contains("packaged by Red Hat Enterprise Linux 8, which is supported (end of life on 2029-06-01)"));
    assert_eq!(findings[3]["distribution"]["name"], "oracle-linux", "{out}");

    // judged by the releases
    let (_, out, err) = run(&[
        "audit",
        "kernels.csv",
        "--at",
        AT,
        "--packages",
        "distribution",
        "--format",
        "json",
    ]);
    let found = findings_in(&out);
    let ids: Vec<&str> = found.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(
        ids.first().copied(),
        Some("linux-kernel/4.18.0-553.27.1.el8_10/supported"),
        "{err}"
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(doc["findings"][0]["reason"].as_str().unwrap().contains(
        "Linux Kernel 4.18.0-553.27.1.el8_10 itself is in no line the catalog lists, taken to be at end of life"
    ));
    assert!(ids.contains(&"linux-kernel/5.15/supported"));

    // `uname -r`: Enterprise Linux's, Debian's and Ubuntu's kernels say whose they are
    says(
        &["status", "linux-kernel", "4.18.0-553.27.1.el8_10.x86_64", "--at", AT],
        None,
        1,
        "  packaged by: Enterprise Linux 8 (Red Hat Enterprise Linux or a rebuild), as the version's `.el8` says",
    );
    says(
        &["status", "linux-kernel", "6.1.0-28-amd64", "--at", AT],
        None,
        0,
        "packaged by: Debian, as the version's `-amd64` says (the kernel flavour Debian builds), for a release it does not name: `--distro debian-RELEASE`",
    );
    says(
        &["status", "linux-kernel", "5.15.0-126-generic", "--at", AT],
        None,
        0,
        "packaged by: Ubuntu, as the version's `-generic` says, for a release it does not name",
    );
    // SUSE's kernels are rebuilt for each service pack of SUSE Linux Enterprise 15
    says(
        &[
            "status",
            "linux-kernel",
            "5.14.21-150500.55.39-default",
            "--at",
            AT,
        ],
        None,
        1,
        "packaged by: SUSE Linux Enterprise 15.5 (or openSUSE Leap 15.5, which shares its kernels), as the \
         version's `150500` says: `--distro sles-15.5`",
    );
    says(
        &["status", "linux-kernel", "6.6.58", "--at", AT],
        None,
        0,
        "Linux Kernel 6.6.58 at 2026-12-01",
    );
    let out = says(&["status", "linux-kernel", "6.6.58", "--at", AT], None, 0, "");
    assert!(!out.contains("packaged by"), "{out}");
    // the kernel's own banner, as /proc/version prints it, is the kernel at its release;
    // `uname -sr`'s `Linux RELEASE` is not (`Linux` begins distributions' names)
    let proc_version = "Linux version 6.1.0-28-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian \
                        12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC \
                        Debian 6.1.119-1 (2024-11-22)";
    says(
        &["status", proc_version, "--at", AT],
        None,
        0,
        "Linux Kernel 6.1.0-28-amd64 at 2026-12-01\n  note:        version 6.1.0-28-amd64 is not in the catalog; judged by its line\n  line:        6.1 ",
    );
    let (code, _, err) = run(&["status", "Linux 6.1.0-28-amd64", "--at", AT]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no product `Linux 6.1.0-28-amd64`"), "{err}");
    // the release given: its support, beside the lines the version falls between
    let (code, out, _) = run(&[
        "status",
        "linux-kernel",
        "4.18.0-553.27.1.el8_10.x86_64",
        "--distro",
        "rhel-8",
        "--at",
        AT,
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["unlisted"]["lines"][0]["line"], "4.14", "{out}");
    assert_eq!(doc["distribution"]["product"], "rhel", "{out}");
    assert_eq!(doc["distribution"]["state"], "supported", "{out}");
    assert_eq!(doc["built_for"], serde_json::Value::Null);

    // judged by that release, as the audit judges it: its status answers, and the exit
    let out = says(
        &[
            "status",
            "linux-kernel",
            "4.18.0-553.27.1.el8_10.x86_64",
            "--distro",
            "Red Hat Enterprise Linux 8.10 (Ootpa)",
            "--packages",
            "distribution",
            "--at",
            AT,
        ],
        None,
        0,
        "`4.18.0-553.27.1.el8_10.x86_64` of `linux-kernel`: judged by Red Hat Enterprise Linux 8, which packages it \
         (--packages distribution); Linux Kernel 4.18.0-553.27.1.el8_10.x86_64 itself is in no line the catalog \
         lists, taken to be at end of life\n\nRed Hat Enterprise Linux 8.10 at 2026-12-01\n",
    );
    assert!(out.contains("  end of life: 2029-06-01"), "{out}");
    let (code, out, _) = run(&[
        "status",
        "linux-kernel",
        "5.15.0-126-generic",
        "--distro",
        "ubuntu-22.04",
        "--packages",
        "distribution",
        "--at",
        AT,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["status"]["product"], "ubuntu", "{out}");
    assert_eq!(doc["distribution"]["judged"], true, "{out}");
    assert_eq!(doc["distribution"]["upstream_eol"]["date"], "2027-01-01", "{out}");
    // a release that has ended fails the gate, although kernel.org still supports the line
    says(
        &[
            "status",
            "pkg:apk/alpine/linux-lts@6.6.58-r0?distro=3.20.3",
            "--packages",
            "distribution",
            "--at",
            AT,
        ],
        None,
        1,
        "Linux Kernel 6.6 itself is supported (end of life on 2028-01-01)",
    );
    // a fleet's `uname -r`, each host's release in a column: as a package's version
    let fleet = "host,distro,product,version\n\
        web-1,Debian GNU/Linux 12 (bookworm),linux-kernel,6.1.0-28-amd64\n\
        web-2,Ubuntu 22.04.5 LTS,kernel,5.15.0-126-generic\n\
        web-3,,linux-kernel,6.8.0-45-generic\n\
        web-4,,linux-kernel,6.6.58\n";
    let out = says(
        &["audit", "-", "--packages", "distribution", "--at", AT],
        Some(fleet),
        1,
        "4 items: 1 end of life, 3 supported; 2 judged by the distribution release that packages them \
         (--packages distribution); 1 package is a distribution's build whose release it does not name",
    );
    assert!(out.contains("Ubuntu 22.04: Security maintenance"), "{out}");
    // a package's name and version that name different lines are refused, whoever judges
    let (code, _, err) = run(&[
        "status",
        "postgresql-15",
        "16.1-1",
        "--distro",
        "debian-12",
        "--packages",
        "distribution",
        "--at",
        AT,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`15` in `postgresql-15` says line 15"), "{err}");
    // no release named: the product judges it, and the row says how to name one
    says(
        &[
            "status",
            "linux-kernel",
            "5.15.0-126-generic",
            "--packages",
            "distribution",
            "--at",
            AT,
        ],
        None,
        0,
        "packaged by: Ubuntu, as the version's `-generic` says",
    );
}

/// A system's own database of installed packages, read where the distribution keeps it
/// (dpkg's `var/lib/dpkg/status`, apk's `lib/apk/db/installed`), with the release its root's
/// os-release names: what `eol audit /var/lib/dpkg/status` says of the machine it runs on,
/// or of a container image's unpacked root.
#[test]
fn a_systems_package_database_is_audited_with_its_release() {
    let debian = "rootfs/debian/var/lib/dpkg/status";
    let alpine = "rootfs/alpine/lib/apk/db/installed";
    let (code, out, err) = run(&["audit", debian, alpine, "--at", AT, "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "note: rootfs/debian/var/lib/dpkg/status: the packages of `Debian GNU/Linux 11 (bullseye)`, \
             as rootfs/debian/etc/os-release names the system (--distro says otherwise)"
        ),
        "{err}"
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let seen: Vec<(String, String, u64)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap().to_owned(),
                f["distribution"]["product"].as_str().unwrap_or("-").to_owned(),
                f["origin"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let seen: Vec<(&str, &str, u64)> = seen
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), *c))
        .collect();
    assert_eq!(
        seen,
        [
            // no rule knows bash; the removed nginx-core (config files kept) is no item
            ("bash/-/unknown-product", "-", 1),
            ("openssl/1.1.1/end-of-life", "debian", 15),
            ("python/3.9/end-of-life", "debian", 24),
            ("postgresql/13/end-of-life", "debian", 30),
            ("linux-kernel/5.10/ends-soon", "debian", 37),
            // the system itself, at its os-release's PRETTY_NAME: Debian 11's LTS has ended
            ("debian/11/end-of-life", "-", 1),
            ("musl/-/unknown-product", "-", 1),
            ("openssl/3.1/end-of-life", "alpine-linux", 15),
            // a package by its name alone, and a version with Alpine's `-r0`: still the
            // release's package
            ("nodejs/18/end-of-life", "alpine-linux", 22),
            ("alpine-linux/3.18/end-of-life", "-", 4),
        ]
    );
    let files: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["origin"]["file"].as_str().unwrap())
        .collect();
    assert_eq!(files[5], "rootfs/debian/etc/os-release");
    // judged by the releases: Debian 11's LTS ended on 2026-08-31, Alpine 3.18 in 2025
    let (_, out, _) = run(&[
        "audit",
        debian,
        "--at",
        "2026-08-01",
        "--packages",
        "distribution",
        "--format",
        "csv",
    ]);
    assert!(out.contains("bash/-/ends-soon"), "{out}");
    assert!(out.contains("linux-kernel/5.10/ends-soon"), "{out}");
    // `--distro` is the caller's word: the os-release is not read
    let (_, _, err) = run(&["audit", debian, "--distro", "debian-12", "--at", AT]);
    assert!(!err.contains("os-release"), "{err}");
    // from standard input the format is known by the first line, the release by no file
    let text = std::fs::read_to_string(fixtures().join(debian)).unwrap();
    says(
        &["audit", "-", "--at", AT],
        Some(&text),
        1,
        "5 items: 3 end of life, 1 ends soon, 1 unknown product",
    );
}

/// RPM's database of a Rocky Linux 9.4 root (`fixtures/audit/rootfs/rocky9`, made by
/// Debian's rpm 4.18: seven packages and a public key; tests/README.md says how).
const ROCKY: &str = "rootfs/rocky9/var/lib/rpm/rpmdb.sqlite";

/// Each finding of `eol audit --format json` as "ID VERSION DISTRIBUTION POINTER LINE" (`-`
/// for none): what a binary database's items are, and where.
fn placed_findings(out: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(out).unwrap();
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {} {}",
                f["id"].as_str().unwrap(),
                f["version"].as_str().unwrap_or("-"),
                f["distribution"]["product"].as_str().unwrap_or("-"),
                f["origin"]["pointer"].as_str().unwrap_or("-"),
                f["origin"]["line"],
            )
        })
        .collect()
}

#[test]
fn an_rpm_database_is_audited_with_its_release() {
    let (code, out, err) = run(&["audit", ROCKY, "--at", "2026-08-22", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "note: rootfs/rocky9/var/lib/rpm/rpmdb.sqlite: the packages of `Rocky Linux 9.4 (Blue Onyx)`, \
             as rootfs/rocky9/etc/os-release names the system (--distro says otherwise)"
        ),
        "{err}"
    );
    let seen = placed_findings(&out);
    assert_eq!(
        seen,
        [
            // in the database's order; the public key (row 1) is no item; rocky-release is
            // the system itself, as its os-release is; no rule knows bash
            "rocky-linux/9/superseded 9.4-1.7.el9 rocky-linux /Packages/2 null",
            "python/3.9/end-of-life 3.9.18-3.el9 rocky-linux /Packages/3 null",
            "postgresql/13/end-of-life 13.14-1.el9_3 rocky-linux /Packages/4 null",
            // the epoch is part of the version, as RPM compares them
            "openssl/3.0/ends-soon 1:3.0.7-27.el9 rocky-linux /Packages/5 null",
            "nodejs/16/end-of-life 1:16.20.2-4.el9_3 rocky-linux /Packages/6 null",
            "linux-kernel/5.14/end-of-life 5.14.0-427.13.1.el9_4 rocky-linux /Packages/7 null",
            "bash/-/unknown-product 5.1.8-9.el9 - /Packages/8 null",
            // the system itself, at its os-release's PRETTY_NAME: 9.4 is superseded by 9.8
            "rocky-linux/9/superseded 9.4 - - 7",
        ]
    );
    // judged by the release: every package, known to the rules or not, is Rocky 9.4's
    let (_, out, _) = run(&[
        "audit",
        ROCKY,
        "--at",
        "2026-08-22",
        "--packages",
        "distribution",
        "--format",
        "csv",
    ]);
    assert_eq!(out.matches("/superseded,superseded,").count(), 8, "{out}");
    // the table names each package by its row
    says(
        &["audit", ROCKY, "--at", "2026-08-22"],
        None,
        1,
        "rootfs/rocky9/var/lib/rpm/rpmdb.sqlite#/Packages/5",
    );
    // SARIF: a binary file has no lines, so no region; the row is a logical location
    let (_, out, _) = run(&["audit", ROCKY, "--at", "2026-08-22", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let first = &log["runs"][0]["results"][0]["locations"][0];
    assert!(first["physicalLocation"].get("region").is_none(), "{first}");
    assert_eq!(first["logicalLocations"][0]["fullyQualifiedName"], "/Packages/2");
    // under another name, known by its first bytes with `--input-format packages`
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("host-a.db");
    std::fs::copy(fixtures().join(ROCKY), &copy).unwrap();
    let (code, out, err) = run_with(
        &[
            "audit",
            "host-a.db",
            "--input-format",
            "packages",
            "--distro",
            "rocky-9",
            "--at",
            "2026-08-22",
        ],
        None,
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("7 items: 4 end of life, 1 superseded, 1 ends soon, 1 unknown product"),
        "{out}"
    );
    // SQLite reads a database from its file: standard input is refused
    let bytes = std::fs::read(fixtures().join(ROCKY)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(["audit", "-", "--at", AT])
        .current_dir(fixtures())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // (eol may refuse before it has read it all)
    let _ = child.stdin.take().unwrap().write_all(&bytes);
    let done = child.wait_with_output().unwrap();
    assert_eq!(done.status.code(), Some(2));
    let err = String::from_utf8_lossy(&done.stderr);
    assert!(
        err.contains("an RPM database cannot be read from standard input"),
        "{err}"
    );
}

/// An RPM database with `rows` (hnum, blob) in its `Packages` table, as rpm makes it.
fn rpm_database(path: &Path, rows: &[(i64, rusqlite::types::Value)]) {
    let db = rusqlite::Connection::open(path).unwrap();
    db.execute_batch("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)")
        .unwrap();
    for (n, blob) in rows {
        db.execute(
            "INSERT INTO Packages (hnum, blob) VALUES (?1, ?2)",
            rusqlite::params![n, blob],
        )
        .unwrap();
    }
}

/// The fixture's header of row `n`.
fn rocky_header(n: i64) -> Vec<u8> {
    let db = rusqlite::Connection::open_with_flags(
        fixtures().join(ROCKY),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    db.query_row("SELECT blob FROM Packages WHERE hnum = ?1", [n], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_rpm_databases_problems_are_diagnostics() {
    use rusqlite::types::Value;
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| {
        let p = dir.path().join(name).join("var/lib/rpm");
        std::fs::create_dir_all(&p).unwrap();
        p.join("rpmdb.sqlite")
    };
    // a row that is no header, and one that is text: errors, the audit incomplete
    rpm_database(
        &at("broken"),
        &[
            (5, Value::Blob(rocky_header(5))),
            (6, Value::Blob(vec![0, 0, 0, 1, 0, 0, 0, 4])),
            (7, Value::Text("kernel".to_owned())),
        ],
    );
    let args = ["--distro", "rocky-9", "--at", "2026-08-22", "--format", "json"];
    let (code, out, err) = run_with(
        &[&["audit", "broken/var/lib/rpm/rpmdb.sqlite"][..], &args].concat(),
        None,
        dir.path(),
    );
    assert_eq!(code, 3, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let diagnostics: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {} {}",
                d["code"].as_str().unwrap(),
                d["pointer"],
                d["line"],
                d["message"]
            )
        })
        .collect();
    assert_eq!(
        diagnostics,
        [
            "eol::audit-bad-item \"/Packages/6\" null \"row 6 of the Packages table is no package header: its lengths \
             (1 index entry, 4 bytes of data) make 28 bytes, but it is 8\"",
            "eol::audit-bad-item \"/Packages/7\" null \"row 7 of the Packages table is no package header: its value \
             is text, not a blob\"",
        ]
    );
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1);
    assert!(
        err.contains("[broken/var/lib/rpm/rpmdb.sqlite#/Packages/6"),
        "{err}"
    );
    // a header past 64 MiB (docs/limits.md) is not read: its length alone is asked for
    let long = at("long");
    rpm_database(&long, &[(5, Value::Blob(rocky_header(5)))]);
    rusqlite::Connection::open(&long)
        .unwrap()
        .execute_batch("INSERT INTO Packages (hnum, blob) VALUES (6, zeroblob(67108865))")
        .unwrap();
    let (code, out, err) = run_with(
        &[&["audit", "long/var/lib/rpm/rpmdb.sqlite"][..], &args].concat(),
        None,
        dir.path(),
    );
    assert_eq!(code, 3, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        doc["diagnostics"][0]["message"],
        "row 6 of the Packages table is no package header: its header is 67108865 bytes long, past the 64 MiB \
         read of one"
    );
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1);
    std::fs::remove_file(&long).unwrap();
    // no package: a warning, as for dpkg's database
    rpm_database(&at("empty"), &[(1, Value::Blob(rocky_header(1)))]);
    let (code, _, err) = run_with(
        &[
            "audit",
            "empty/var/lib/rpm/rpmdb.sqlite",
            "--distro",
            "rocky-9",
            "--at",
            AT,
        ],
        None,
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("eol::audit-empty") && err.contains("lists no installed package, only 1 public key"),
        "{err}"
    );
    // not RPM's: another SQLite database, a view in the table's place, not SQLite at all
    let other = at("other");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let view = at("view");
    rusqlite::Connection::open(&view)
        .unwrap()
        .execute_batch("CREATE TABLE t (hnum, blob); CREATE VIEW Packages AS SELECT * FROM t")
        .unwrap();
    std::fs::write(at("text"), "Package: bash\nVersion: 5.2\n").unwrap();
    // RPM's Berkeley DB database before RHEL 9 (a hash file: its magic at byte 12), its
    // metadata page empty
    let mut bdb = vec![0u8; 4096];
    bdb[12..16].copy_from_slice(&0x0006_1561u32.to_le_bytes());
    std::fs::write(at("bdb"), &bdb).unwrap();
    for (name, says) in [
        (
            "other",
            "it is an SQLite database with no `Packages` table, not RPM's",
        ),
        ("view", "its `Packages` is a view, not a table"),
        ("text", "it is not an SQLite database"),
        ("bdb", "its page size, 0, is none Berkeley DB writes"),
    ] {
        let file = format!("{name}/var/lib/rpm/rpmdb.sqlite");
        let (code, out, err) = run_with(
            &[
                "audit", &file, "--distro", "rocky-9", "--at", AT, "--format", "json",
            ],
            None,
            dir.path(),
        );
        assert_eq!(code, 3, "{name}: {err}");
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        let d = &doc["diagnostics"][0];
        assert_eq!(d["code"], "eol::audit-syntax", "{name}: {d}");
        assert_eq!(
            d["message"].as_str().unwrap(),
            format!("this is not an RPM database that can be read: {says}"),
        );
        assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 1, "{name}");
    }
    // known by its path, and by its first bytes under another name
    std::fs::write(dir.path().join("Packages"), &bdb).unwrap();
    std::fs::write(dir.path().join("bdb/var/lib/rpm/Packages"), &bdb).unwrap();
    for args in [
        &[
            "audit",
            "bdb/var/lib/rpm/Packages",
            "--distro",
            "rocky-8",
            "--at",
            AT,
        ][..],
        &["audit", "Packages", "--input-format", "packages", "--at", AT],
    ] {
        let (code, _, err) = run_with(args, None, dir.path());
        assert_eq!(code, 3, "{err}");
        assert!(
            err.contains("its page size, 0, is none Berkeley DB writes"),
            "{err}"
        );
    }
}

/// RPM's Berkeley DB database of a Rocky Linux 8.10 root (`fixtures/audit/rootfs/rocky8`,
/// the headers Debian's rpm 4.18 made, loaded by Berkeley DB 5.3's `db_load`; rpm's
/// read-only backend lists them; tests/README.md says how).
const ROCKY8: &str = "rootfs/rocky8/var/lib/rpm/Packages";

#[test]
fn rpms_berkeley_database_is_audited_with_its_release() {
    let (code, out, err) = run(&["audit", ROCKY8, "--at", "2026-08-22", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "note: rootfs/rocky8/var/lib/rpm/Packages: the packages of `Rocky Linux 8.10 (Green Obsidian)`, \
             as rootfs/rocky8/etc/os-release names the system (--distro says otherwise)"
        ),
        "{err}"
    );
    let seen = placed_findings(&out);
    assert_eq!(
        seen,
        [
            // in the order of the package numbers (the hash order rpm lists them in is
            // another); key 0, rpm's count, and the public key (1) are no items
            "rocky-linux/8/supported 8.10-1.9.el8 rocky-linux /Packages/2 null",
            "python/3.6/end-of-life 3.6.8-62.el8_10.rocky.0 rocky-linux /Packages/3 null",
            "postgresql/10/end-of-life 10.23-4.module+el8.9.0+1621+e0a4b5d0 rocky-linux /Packages/4 null",
            "openssl/1.1.1/end-of-life 1:1.1.1k-12.el8_9 rocky-linux /Packages/5 null",
            "nodejs/10/end-of-life 1:10.24.0-1.module+el8.3.0+101+f84c7154 rocky-linux /Packages/6 null",
            // 4.18 is no line of kernel.org's: older than a line that has ended
            "linux-kernel/4.18.0-553.el8_10/end-of-life 4.18.0-553.el8_10 rocky-linux /Packages/7 null",
            "bash/-/unknown-product 4.4.20-5.el8 - /Packages/8 null",
            // Rocky Linux 8 is supported until 2029
            "rocky-linux/8/supported 8.10 - - 7",
        ]
    );
    // judged by the release, Rocky 8.10, every package is supported
    let (code, out, _) = run(&[
        "audit",
        ROCKY8,
        "--at",
        "2026-08-22",
        "--packages",
        "distribution",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("/supported,supported,").count(), 8, "{out}");
    // nothing is written beside it
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("Packages");
    std::fs::copy(fixtures().join(ROCKY8), &copy).unwrap();
    let (code, _, err) = run_with(
        &[
            "audit",
            "Packages",
            "--input-format",
            "packages",
            "--distro",
            "rocky-8",
            "--at",
            AT,
        ],
        None,
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["Packages"]);
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(fixtures().join(ROCKY8)).unwrap()
    );
}

const SLES15: &str = "rootfs/sles15";

#[test]
fn suses_ndb_database_is_audited_with_its_release() {
    // the root: /var/lib/rpm links to /usr/lib/sysimage/rpm, where Packages.db is; read once
    let (code, out, err) = run(&["audit", SLES15, "--at", "2026-08-22", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "note: rootfs/sles15/var/lib/rpm/Packages.db: the packages of `SUSE Linux Enterprise Server 15 SP6`, \
             as rootfs/sles15/etc/os-release names the system (--distro says otherwise)"
        ),
        "{err}"
    );
    let seen = placed_findings(&out);
    assert_eq!(
        seen,
        [
            // in the order of the package numbers: 1 is the public key, no item; 2 (vim) was
            // erased; 9 (bash) was installed after that, into the slot vim left
            // sles-release is the system itself, as its os-release is
            "sles/15.6/end-of-life 15.6-150600.64.3.1 sles /Packages/3 null",
            // SUSE's names: python311-base, nodejs20, libopenssl3 (of openssl-3)
            "python/3.11/supported 3.11.10-150600.3.10.1 sles /Packages/4 null",
            "postgresql/16/supported 16.4-150600.16.5.1 sles /Packages/5 null",
            "nodejs/20/end-of-life 20.18.0-150600.3.6.2 sles /Packages/6 null",
            "openssl/3.1/end-of-life 3.1.4-150600.5.15.1 sles /Packages/7 null",
            "linux-kernel/6.4/end-of-life 6.4.0-150600.23.25.1 sles /Packages/8 null",
            "bash/-/unknown-product 4.4-150400.27.3.2 - /Packages/9 null",
            // SLES 15 SP6's general support ended 2025-12-31 (LTSS, to 2028, counts with --extended)
            "sles/15.6/end-of-life 15 SP6 - - 4",
        ]
    );
    // the file by its path, and under another name with --input-format packages: the same
    let db = format!("{SLES15}/usr/lib/sysimage/rpm/Packages.db");
    let csv = |args: &[&str], dir: Option<&Path>| {
        let mut all = vec![
            "audit",
            "--at",
            "2026-08-22",
            "--format",
            "csv",
            "--distro",
            "sles-15.6",
        ];
        all.extend_from_slice(args);
        let (code, out, err) = match dir {
            Some(d) => run_with(&all, None, d),
            None => run(&all),
        };
        assert_eq!(code, 1, "{err}");
        out.lines()
            .map(|l| l.split(',').take(6).collect::<Vec<_>>().join(","))
            .collect::<Vec<_>>()
    };
    let by_path = csv(&[&db], None);
    // the header and the seven packages (the release --distro names is no item)
    assert_eq!(by_path.len(), 8, "{by_path:?}");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("suse.rpmdb");
    std::fs::copy(fixtures().join(&db), &copy).unwrap();
    assert_eq!(
        csv(&["suse.rpmdb", "--input-format", "packages"], Some(dir.path())),
        by_path
    );
    // nothing is written beside it, and it is unchanged
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["suse.rpmdb"]);
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(fixtures().join(&db)).unwrap()
    );
    // rpm converted a Berkeley DB Packages into Packages.db beside it: only the newer is read
    let root = dir.path().join("converted");
    std::fs::create_dir_all(root.join("etc")).unwrap();
    std::fs::create_dir_all(root.join("usr/lib/sysimage/rpm")).unwrap();
    std::fs::copy(
        fixtures().join(SLES15).join("etc/os-release"),
        root.join("etc/os-release"),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join(&db),
        root.join("usr/lib/sysimage/rpm/Packages.db"),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join(ROCKY8),
        root.join("usr/lib/sysimage/rpm/Packages"),
    )
    .unwrap();
    let (_, out, _) = run(&[
        "audit",
        root.to_str().unwrap(),
        "--at",
        "2026-08-22",
        "--format",
        "csv",
    ]);
    assert!(out.contains("nodejs/20/") && !out.contains("nodejs/10/"), "{out}");
    // a damaged record is that package's problem; the others are audited
    let mut bytes = std::fs::read(fixtures().join(&db)).unwrap();
    let at = bytes.windows(9).position(|w| w == b"nodejs20\0").unwrap();
    bytes[at] = b'N';
    std::fs::write(&copy, &bytes).unwrap();
    let (code, out, err) = run_with(
        &[
            "audit",
            "suse.rpmdb",
            "--input-format",
            "packages",
            "--distro",
            "sles-15.6",
            "--at",
            AT,
        ],
        None,
        dir.path(),
    );
    assert_eq!(code, 3, "{out}{err}");
    assert!(err.contains("eol::audit-bad-item"), "{err}");
    assert!(err.contains("checksum does not match"), "{err}");
    assert!(out.contains("openssl") && !out.contains("nodejs"), "{out}");
    // the same packages as SBOM tools write them, under the systems' own IDs: SUSE's family
    let purls = "purl\n\
        pkg:rpm/sles/postgresql16-server@16.4-150600.16.5.1?distro=sles-15.6\n\
        pkg:rpm/opensuse-leap/libopenssl3@3.1.4-150600.5.15.1\n\
        pkg:rpm/sles/nodejs20@20.18.0-150600.3.6.2\n\
        pkg:rpm/opensuse-tumbleweed/python311-base@3.11.10-1.1\n\
        pkg:rpm/sle-micro/kernel-default@6.4.0-150600.23.25.1\n\
        pkg:rpm/fedora/libopenssl3@3.1.4-1.fc40\n";
    let (_, out, _) = run_with(
        &["audit", "-", "--at", "2026-08-22", "--format", "csv"],
        Some(purls),
        dir.path(),
    );
    let ids: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "postgresql/16/supported",
            "openssl/3.1/end-of-life",
            "nodejs/20/end-of-life",
            "python/3.11/supported",
            "linux-kernel/6.4/end-of-life",
            // Fedora's packages are Fedora's: SUSE's name is not one of them
            "pkg:rpm/fedora/libopenssl3/-/unknown-product",
        ]
    );
}

/// The columns `columns` of each finding of an audit of `stdin` at 2026-08-22, as CSV gives
/// them, and what the audit wrote to standard error.
fn csv_columns(stdin: &str, columns: std::ops::Range<usize>) -> (Vec<String>, String) {
    let dir = tempfile::tempdir().unwrap();
    let (_, out, err) = run_with(
        &["audit", "-", "--at", "2026-08-22", "--format", "csv"],
        Some(stdin),
        dir.path(),
    );
    let found = out
        .lines()
        .skip(1)
        .map(|l| {
            let fields: Vec<&str> = l.split(',').collect();
            fields.get(columns.clone()).unwrap_or_default().join(",")
        })
        .collect();
    (found, err)
}

#[test]
fn a_distributions_release_package_is_the_system() {
    // the package that carries a system's release, as an SBOM or a database lists it, is the
    // distribution at that release (no more "did you mean rocky-linux?")
    let purls = "purl\n\
        pkg:rpm/rocky/rocky-release@9.4-1.7.el9\n\
        pkg:rpm/almalinux/almalinux-release@9.4-1.el9\n\
        pkg:rpm/redhat/redhat-release@8.10-0.3.el8\n\
        pkg:rpm/centos/centos-stream-release@9.0-26.el9\n\
        pkg:rpm/fedora/fedora-release-common@40-40\n\
        pkg:rpm/sles/sles-release@15.6-150600.64.3.1\n\
        pkg:apk/alpine/alpine-release@3.19.1-r0\n\
        pkg:apk/alpine/alpine-base@3.18.4-r0\n";
    let (found, err) = csv_columns(purls, 0..6);
    assert_eq!(
        found,
        [
            "rocky-linux/9/superseded,superseded,,rocky-linux,9,9.4-1.7.el9",
            "almalinux/9/superseded,superseded,,almalinux,9,9.4-1.el9",
            "rhel/8/supported,supported,,rhel,8,8.10-0.3.el8",
            "centos-stream/9/supported,supported,,centos-stream,9,9.0-26.el9",
            "fedora/40/end-of-life,end-of-life,,fedora,40,40-40",
            "sles/15.6/end-of-life,end-of-life,,sles,15.6,15.6-150600.64.3.1",
            "alpine-linux/3.19/end-of-life,end-of-life,,alpine-linux,3.19,3.19.1-r0",
            "alpine-linux/3.18/end-of-life,end-of-life,,alpine-linux,3.18,3.18.4-r0",
        ],
        "{err}"
    );
}

#[test]
fn a_rebuilds_own_release_packages_are_its_own() {
    // Oracle Linux's images carry oraclelinux-release and Oracle's build of Red Hat's
    // redhat-release (and, on 7, redhat-release-server), as Trivy (`oracle`) and syft (`ol`)
    // name them: every one is Oracle Linux, none RHEL. Red Hat's own, under either of its
    // namespaces, is RHEL; a rebuild's other packages are still found by Red Hat's names.
    let purls = "purl\n\
        pkg:rpm/oracle/oraclelinux-release@9.7-1.0.6.el9?arch=x86_64&distro=oracle-9.7\n\
        pkg:rpm/oracle/redhat-release@9.7-0.6.0.1.el9?arch=x86_64&distro=oracle-9.7\n\
        pkg:rpm/ol/redhat-release@8.10-0.2.0.1.el8?arch=x86_64&distro=ol-8.10\n\
        pkg:rpm/oracle/redhat-release-server@7.9-6.0.1.el7_9?arch=x86_64&epoch=1\n\
        pkg:rpm/rhel/redhat-release@9.4-0.5.el9?distro=rhel-9.4\n\
        pkg:rpm/redhat/redhat-release-server@7.9-3.el7\n\
        pkg:rpm/oracle/openssl-libs@3.5.1-7.0.1.el9_7?distro=oracle-9.7\n\
        pkg:rpm/centos/centos-release@7-9.2009.1.el7.centos?distro=centos-7.9.2009\n\
        pkg:rpm/centos/centos-linux-release@8.5-1.2111.el8\n\
        pkg:rpm/amazon/system-release@2023.5.20240730-0.amzn2023\n\
        pkg:rpm/amzn/system-release@2-16.amzn2?epoch=1&distro=amzn-2\n";
    let (found, err) = csv_columns(purls, 3..6);
    assert_eq!(
        found,
        [
            "oracle-linux,9,9.7-1.0.6.el9",
            "oracle-linux,9,9.7-0.6.0.1.el9",
            "oracle-linux,8,8.10-0.2.0.1.el8",
            "oracle-linux,7,7.9-6.0.1.el7_9",
            "rhel,9,9.4-0.5.el9",
            "rhel,7,7.9-3.el7",
            "openssl,3.5,3.5.1-7.0.1.el9_7",
            "centos,7,7-9.2009.1.el7.centos",
            "centos,8,8.5-1.2111.el8",
            "amazon-linux,2023,2023.5.20240730-0.amzn2023",
            "amazon-linux,2,2-16.amzn2",
        ],
        "{err}"
    );
}

#[test]
fn an_rpm_database_is_read_without_writing_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let listing = |d: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    // In write-ahead-log mode with no log left (as rpm leaves it after a checkpoint): read
    // immutable, nothing is made beside it (no `-shm`, no journal).
    let quiet = dir.path().join("quiet");
    std::fs::create_dir(&quiet).unwrap();
    let db = quiet.join("rpmdb.sqlite");
    std::fs::copy(fixtures().join(ROCKY), &db).unwrap();
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        let mode: String = c
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }
    assert_eq!(listing(&quiet), ["rpmdb.sqlite"]);
    let before = std::fs::read(&db).unwrap();
    let (code, out, err) = run_with(
        &[
            "audit",
            "quiet/rpmdb.sqlite",
            "--distro",
            "rocky-9",
            "--at",
            "2026-08-22",
        ],
        None,
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("7 items:"), "{out}");
    assert_eq!(listing(&quiet), ["rpmdb.sqlite"]);
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // A change still in the log (python3 removed, not yet checkpointed): an immutable reading
    // would not see it, so the database and its log are read from a private copy; the
    // user's files are as they were.
    let pending = dir.path().join("pending");
    std::fs::create_dir(&pending).unwrap();
    let source = dir.path().join("source.sqlite");
    std::fs::copy(fixtures().join(ROCKY), &source).unwrap();
    let c = rusqlite::Connection::open(&source).unwrap();
    let _: String = c
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .unwrap();
    // (the index tables refer to the row: rpm deletes theirs too, this test need not)
    c.execute_batch(
        "PRAGMA foreign_keys = OFF; PRAGMA wal_autocheckpoint = 0; DELETE FROM Packages WHERE hnum = 3",
    )
    .unwrap();
    let mut wal = source.clone().into_os_string();
    wal.push("-wal");
    std::fs::copy(&source, pending.join("rpmdb.sqlite")).unwrap();
    std::fs::copy(&wal, pending.join("rpmdb.sqlite-wal")).unwrap();
    drop(c);
    let files = |d: &Path| -> Vec<Vec<u8>> {
        listing(d)
            .iter()
            .map(|n| std::fs::read(d.join(n)).unwrap())
            .collect()
    };
    let before = files(&pending);
    let (code, out, err) = run_with(
        &[
            "audit",
            "pending/rpmdb.sqlite",
            "--distro",
            "rocky-9",
            "--at",
            "2026-08-22",
        ],
        None,
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("6 items:") && !out.contains("python"), "{out}");
    assert_eq!(listing(&pending), ["rpmdb.sqlite", "rpmdb.sqlite-wal"]);
    assert_eq!(files(&pending), before);
}

#[test]
fn a_directory_is_a_systems_root_audited_by_its_package_databases() {
    // the fixtures' roots: RPM's SQLite database of one, dpkg's of the other
    let (code, out, err) = run(&[
        "audit",
        "rootfs/rocky9",
        "rootfs/debian",
        "--at",
        "2026-08-22",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{err}");
    let mut files: Vec<String> = Vec::new();
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    for f in doc["findings"].as_array().unwrap() {
        let file = f["origin"]["file"].as_str().unwrap().to_owned();
        if !files.contains(&file) {
            files.push(file);
        }
    }
    assert_eq!(
        files,
        [
            "rootfs/rocky9/var/lib/rpm/rpmdb.sqlite",
            "rootfs/rocky9/etc/os-release",
            "rootfs/debian/var/lib/dpkg/status",
            "rootfs/debian/etc/os-release",
        ]
    );
    let dir = tempfile::tempdir().unwrap();
    let root = |name: &str, db: &str| {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.join("etc")).unwrap();
        std::fs::copy(
            fixtures().join("rootfs/rocky9/etc/os-release"),
            p.join("etc/os-release"),
        )
        .unwrap();
        if !db.is_empty() {
            std::fs::create_dir_all(p.join(db).parent().unwrap()).unwrap();
            std::fs::copy(fixtures().join(ROCKY), p.join(db)).unwrap();
        }
        p
    };
    // Fedora's /var/lib/rpm links to /usr/lib/sysimage/rpm: the database is read once
    let fedora = root("fedora", "usr/lib/sysimage/rpm/rpmdb.sqlite");
    std::fs::create_dir_all(fedora.join("var/lib")).unwrap();
    std::os::unix::fs::symlink("../../usr/lib/sysimage/rpm", fedora.join("var/lib/rpm")).unwrap();
    says(
        &["audit", fedora.to_str().unwrap(), "--at", "2026-08-22"],
        None,
        1,
        "8 items: 4 end of life, 2 superseded, 1 ends soon, 1 unknown product",
    );
    // an SQLite database replaced the Berkeley DB one beside it: only it is read
    let moved = root("moved", "var/lib/rpm/rpmdb.sqlite");
    std::fs::copy(fixtures().join(ROCKY8), moved.join("var/lib/rpm/Packages")).unwrap();
    let (_, out, _) = run(&[
        "audit",
        moved.to_str().unwrap(),
        "--at",
        "2026-08-22",
        "--format",
        "csv",
    ]);
    assert!(
        out.contains("python/3.9/") && !out.contains("python/3.6/"),
        "{out}"
    );
    // an absolute link, in a root unpacked here, names this machine's file: not followed
    let elsewhere = root("elsewhere", "var/lib/rpm/rpmdb.sqlite");
    let image = root("image", "");
    std::fs::create_dir_all(image.join("var/lib")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("var/lib/rpm"), image.join("var/lib/rpm")).unwrap();
    let (code, _, err) = run(&["audit", image.to_str().unwrap(), "--at", AT]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("leads out of") && err.contains("not read"), "{err}");
    assert!(err.contains("is a directory with no package database"), "{err}");
    // a directory with none: a usage error that says what a root holds
    let (code, _, err) = run(&["audit", dir.path().to_str().unwrap(), "--at", AT]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("var/lib/dpkg/status"), "{err}");
}
