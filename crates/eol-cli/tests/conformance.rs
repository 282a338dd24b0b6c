//! The conformance run of the whole rule library is a test: it fails when a
//! product's exact-match counts drop below the figures recorded here, when a
//! mismatch has no recorded reason, when the library misses its targets (median
//! product at 90% by rule alone, every formula beaten), or when docs/conformance.md is out of date
//! (regenerate it with the command at its top, and raise the figures here when
//! rules improve).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::Command;

const AT: &str = "2026-08-22";

/// (product, compared, exact, exact by rule alone), as recorded in docs/conformance.md.
const RECORDED: &[(&str, u64, u64, u64)] = &[
    ("angular", 28, 15, 15),
    ("apache-spark", 21, 18, 17),
    ("bazel", 11, 11, 10),
    ("cakephp", 35, 32, 25),
    ("centreon", 28, 26, 26),
    ("cert-manager", 10, 10, 10),
    ("cisco-ios-xe", 38, 36, 36),
    ("clickhouse", 16, 16, 16),
    ("cockroachdb", 45, 45, 43),
    ("composer", 10, 10, 10),
    ("debian", 36, 15, 14),
    ("deno", 10, 9, 9),
    ("dependency-track", 8, 8, 8),
    ("django", 46, 35, 34),
    ("dotnet", 13, 13, 11),
    ("eclipse-temurin", 13, 13, 9),
    ("elixir", 28, 28, 28),
    ("envoy", 40, 40, 40),
    ("erlang", 25, 24, 24),
    ("firefox", 53, 52, 51),
    ("foreman", 47, 46, 46),
    ("gitlab", 132, 132, 132),
    ("go", 16, 16, 16),
    ("grafana-loki", 22, 22, 22),
    ("icinga", 33, 33, 32),
    ("icinga-web", 29, 29, 28),
    ("kotlin", 11, 10, 10),
    ("kubernetes", 40, 40, 30),
    ("laravel", 20, 14, 9),
    ("meilisearch", 53, 53, 53),
    ("mongodb", 32, 20, 7),
    ("mssqlserver", 78, 78, 49),
    ("nginx", 21, 19, 19),
    ("nodejs", 46, 38, 32),
    ("openbsd", 59, 55, 55),
    ("otobo", 1, 1, 0),
    ("phoenix-framework", 13, 13, 13),
    ("php", 36, 36, 30),
    ("podman", 25, 25, 24),
    ("postgresql", 29, 29, 25),
    ("postmarketos", 9, 9, 9),
    ("python", 26, 26, 16),
    ("rhel", 21, 21, 17),
    ("routeros", 22, 22, 22),
    ("ruby", 15, 15, 12),
    ("rust", 69, 42, 42),
    ("spring-boot", 34, 30, 28),
    ("squid", 13, 12, 12),
    ("symfony", 60, 52, 47),
    ("ubuntu", 96, 49, 45),
    ("visual-studio", 50, 49, 49),
    ("windows", 95, 91, 64),
    ("windows-server", 45, 41, 18),
];

fn eol(args: &[&str]) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let out = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(args)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run eol");
    assert!(
        out.status.success(),
        "eol {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn library_figures_do_not_drop_and_every_mismatch_has_a_reason() {
    let doc: serde_json::Value =
        serde_json::from_str(&eol(&["conform", "--at", AT, "--format", "json"])).unwrap();
    assert_eq!(
        doc["unexplained"], 0,
        "mismatches without a reason in rules/endoflife/REASONS.csv"
    );
    let products = doc["products"].as_array().unwrap();
    assert!(
        products.len() >= 25,
        "the library has {} products",
        products.len()
    );
    for (name, compared, exact, by_rule) in RECORDED {
        let p = products
            .iter()
            .find(|p| p["product"] == *name)
            .unwrap_or_else(|| panic!("{name} is gone"));
        assert_eq!(p["compared"].as_u64(), Some(*compared), "{name}: compared");
        let (e, r) = (p["exact"].as_u64().unwrap(), p["by_rule"].as_u64().unwrap());
        assert!(e >= *exact, "{name}: {e} exact, recorded {exact}");
        assert!(
            r >= *by_rule,
            "{name}: {r} exact by rule alone, recorded {by_rule}"
        );
    }
}

/// The library's two targets: the median product reproduces at least 90% of its
/// published dates by rule alone, and every product with a mechanical formula in
/// FORMULAS.csv beats it by rule alone on the formula's own columns.
#[test]
fn library_meets_its_targets() {
    let doc: serde_json::Value =
        serde_json::from_str(&eol(&["conform", "--at", AT, "--format", "json"])).unwrap();
    let median = doc["median_rule_rate"].as_f64().unwrap();
    assert!(median >= 0.9, "median product by rule alone: {median:.3}");
    let behind: Vec<String> = doc["products"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["formula"].is_null() && p["formula"]["versus"] != "beats")
        .map(|p| {
            format!(
                "{} ({})",
                p["product"].as_str().unwrap(),
                p["formula"]["versus"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        behind.is_empty(),
        "products not beating their formula: {behind:?}"
    );
}

#[test]
fn docs_conformance_md_is_up_to_date() {
    let fresh = eol(&["conform", "--at", AT, "--format", "markdown"]);
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let recorded = std::fs::read_to_string(format!("{root}/docs/conformance.md")).unwrap();
    assert!(fresh == recorded, "docs/conformance.md is out of date: run `eol conform --at {AT} --format markdown > docs/conformance.md`");
}

/// The library's catalogs are exactly what `scripts/import-endoflife.sh` produces
/// from the endoflife.date exports in rules/endoflife/: built by a repeatable import,
/// never edited by hand.
#[test]
fn library_catalogs_are_the_import_of_the_published_data() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut checked = 0;
    for entry in std::fs::read_dir(format!("{root}/rules/endoflife")).unwrap() {
        let path = entry.unwrap().path();
        let product = path.file_stem().unwrap().to_string_lossy().into_owned();
        if product == "FORMULAS" || product == "REASONS" {
            continue;
        }
        let imported = eol(&[
            "import",
            "endoflife-csv",
            &format!("rules/endoflife/{product}.csv"),
            "--product",
            &product,
        ]);
        let committed = std::fs::read_to_string(format!("{root}/rules/{product}.releases.csv")).unwrap();
        assert!(
            imported == committed,
            "rules/{product}.releases.csv differs from its import; run scripts/import-endoflife.sh"
        );
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} library catalogs");
}
