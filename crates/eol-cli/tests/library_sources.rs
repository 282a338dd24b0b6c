//! The bundled library records where each catalog comes from: `rules/NAME.sources.toml`,
//! written by `scripts/import-endoflife.sh` (through `eol import endoflife-csv -o`), is
//! exactly what that import writes today, for every export but the catalogs written from a
//! project's own records (rules/endoflife/OWN-RECORDS.txt).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;

#[test]
fn library_sources_records_are_the_imports() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let tmp = tempfile::tempdir().unwrap();
    let mut checked = 0;
    // Catalogs written from a project's own records are not imports (OWN-RECORDS.txt).
    let own_records: Vec<String> = std::fs::read_to_string(format!("{root}/rules/endoflife/OWN-RECORDS.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect();
    for entry in std::fs::read_dir(format!("{root}/rules/endoflife")).unwrap() {
        let path = entry.unwrap().path();
        let product = path.file_stem().unwrap().to_string_lossy().into_owned();
        if product == "FORMULAS" || product == "REASONS" || path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        if own_records.contains(&product) {
            continue;
        }
        let committed = format!("{root}/rules/{product}.sources.toml");
        let Ok(committed) = std::fs::read_to_string(&committed) else {
            panic!("rules/{product}.sources.toml is missing; run scripts/import-endoflife.sh");
        };
        let out_catalog = tmp.path().join(format!("{product}.releases.csv"));
        let out = Command::new(env!("CARGO_BIN_EXE_eol"))
            .args([
                "import",
                "endoflife-csv",
                &format!("rules/endoflife/{product}.csv"),
                "--product",
                &product,
                "-o",
            ])
            .arg(&out_catalog)
            .current_dir(root)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let written = std::fs::read_to_string(tmp.path().join(format!("{product}.sources.toml"))).unwrap();
        assert!(
            written == committed,
            "rules/{product}.sources.toml differs from its import; run scripts/import-endoflife.sh"
        );
        checked += 1;
    }
    assert!(checked >= 422, "only {checked} library records");
}
