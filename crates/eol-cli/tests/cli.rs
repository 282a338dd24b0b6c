//! Real runs of the `eol` binary on the seed rule files, snapshotted.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::Command;

/// Run `eol` from the workspace root; return exit code, stdout and stderr as one text.
fn eol(args: &[&str]) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let out = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(args)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run eol");
    format!(
        "$ eol {}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

const OTRS: [&str; 2] = ["rules/otrs.eol", "rules/otrs.releases.csv"];
const LIFERAY: [&str; 2] = ["rules/liferay.eol", "rules/liferay.releases.csv"];

fn with(base: &[&str], rest: &[&'static str]) -> Vec<String> {
    base.iter().chain(rest.iter()).map(|s| (*s).to_owned()).collect()
}

fn run(args: Vec<String>) -> String {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    eol(&refs)
}

/// `eol eval` of one seed in every format, each its own snapshot (`eval_NAME_FORMAT`).
fn eval_every_format(name: &str, files: &[&str], at: &'static str) {
    for format in ["table", "json", "csv", "markdown"] {
        let mut args = vec!["eval".to_owned()];
        args.extend(with(files, &["--at", at, "--format"]));
        args.push(format.to_owned());
        insta::assert_snapshot!(format!("eval_{name}_{format}"), run(args));
    }
}

#[test]
fn eval_otrs_every_format() {
    eval_every_format("otrs", &OTRS, "2019-06-01");
}

#[test]
fn eval_liferay_every_format() {
    eval_every_format("liferay", &LIFERAY, "2025-06-01");
}

#[test]
fn eval_liferay_in_german() {
    let mut args = vec!["eval".to_owned()];
    args.extend(with(
        &LIFERAY,
        &[
            "--at",
            "2025-06-01",
            "--product",
            "liferay-portal-ee",
            "--lang",
            "de",
        ],
    ));
    insta::assert_snapshot!(run(args));
}

#[test]
fn status_in_maintenance() {
    insta::assert_snapshot!(eol(&[
        "status",
        "otrs",
        "6.0.17",
        "--rules",
        "rules/otrs.eol",
        "--rules",
        "rules/otrs.releases.csv",
        "--at",
        "2019-06-01"
    ]));
}

/// The OTRS seed's rules and catalog, on a day of its 6.0 maintenance.
const OTRS_2019: [&str; 6] = [
    "--rules",
    "rules/otrs.eol",
    "--rules",
    "rules/otrs.releases.csv",
    "--at",
    "2019-06-01",
];

/// A product and version in one argument, as `python3 --version` prints them; a misspelt
/// name with a version is suggested by its name.
#[test]
fn status_of_a_product_and_version_typed_together() {
    insta::assert_snapshot!(eol(&[&["status", "OTRS 6.0.17"], &OTRS_2019[..]].concat()));
    let misspelt = eol(&[&["status", "otr 6.0.17"], &OTRS_2019[..]].concat());
    assert!(
        misspelt.contains("exit: 2") && misspelt.contains("did you mean `otrs`?"),
        "{misspelt}"
    );
    // with a version given apart, the first argument is a name whose version names a line
    // (as Windows names installed programs): both must agree
    let apart = eol(&[&["status", "OTRS 6.0.17", "6.0"], &OTRS_2019[..]].concat());
    assert!(
        apart.contains("exit: 0") && apart.contains("  line:        6.0 (first ship 2017-11-21)"),
        "{apart}"
    );
    let disagree = eol(&[&["status", "OTRS 6.0.17", "7.0"], &OTRS_2019[..]].concat());
    assert!(
        disagree.contains("exit: 2") && disagree.contains("`6.0.17` in the product's name"),
        "{disagree}"
    );
}

/// `explain` reads a product and version typed together, or the version a package URL
/// carries, as the line; with neither, it asks which line.
#[test]
fn explain_of_a_product_and_version_typed_together() {
    let stdout = |text: &str| {
        text.split("--- stderr")
            .next()
            .unwrap_or("")
            .split_once('\n')
            .map(|(_, rest)| rest.to_owned())
    };
    let apart = eol(&[&["explain", "otrs", "5.0.1"], &OTRS_2019[..]].concat());
    let typed = eol(&[&["explain", "OTRS 5.0.1"], &OTRS_2019[..]].concat());
    assert!(apart.contains("exit: 0"), "{apart}");
    assert_eq!(stdout(&typed), stdout(&apart));
    assert!(
        typed.contains("note: `OTRS 5.0.1` read as product `otrs`, version `5.0.1`"),
        "{typed}"
    );
    let none = eol(&[&["explain", "otrs"], &OTRS_2019[..]].concat());
    assert!(
        none.contains("exit: 2") && none.contains("which line of `otrs`?"),
        "{none}"
    );
}

#[test]
fn status_end_of_life_exits_1() {
    let out = eol(&[
        "status",
        "otrs",
        "3.3.5",
        "--rules",
        "rules/otrs.eol",
        "--rules",
        "rules/otrs.releases.csv",
        "--at",
        "2019-06-01",
    ]);
    assert!(out.contains("exit: 1"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn status_json_and_german_services() {
    insta::assert_snapshot!(eol(&[
        "status",
        "liferay-dxp",
        "7.3.10-u4",
        "--rules",
        "rules/liferay.eol",
        "--rules",
        "rules/liferay.releases.csv",
        "--at",
        "2025-06-01",
        "--format",
        "json"
    ]));
    insta::assert_snapshot!(eol(&[
        "status",
        "liferay-dxp",
        "7.3",
        "--rules",
        "rules/liferay.eol",
        "--rules",
        "rules/liferay.releases.csv",
        "--at",
        "2025-06-01",
        "--lang",
        "de"
    ]));
}

#[test]
fn explain_seed_lines() {
    insta::assert_snapshot!(eol(&[
        "explain",
        "otrs",
        "5.0",
        "--rules",
        "rules/otrs.eol",
        "--rules",
        "rules/otrs.releases.csv",
        "--at",
        "2019-06-01"
    ]));
    insta::assert_snapshot!(eol(&[
        "explain",
        "liferay-dxp",
        "7.4",
        "--rules",
        "rules/liferay.eol",
        "--rules",
        "rules/liferay.releases.csv",
        "--at",
        "2025-06-01"
    ]));
}

/// A line past the catalog that must satisfy a selector's condition: `explain` names
/// the line the numbering gives and its projection, or says why none can be projected
/// (the condition reads an attribute; no line to come would match).
#[test]
fn explain_future_lines_that_must_match() {
    const CASE: &str = "tests/corpus/eval/future-matching-lines";
    insta::assert_snapshot!(eol(&[
        "explain",
        "nginx",
        "1.30",
        "--rules",
        "rules",
        "--at",
        "2026-08-22"
    ]));
    insta::assert_snapshot!(eol(&[
        "explain",
        "firefox",
        "153",
        "--rules",
        "rules",
        "--at",
        "2026-08-22"
    ]));
    insta::assert_snapshot!(eol(&[
        "explain",
        "minors",
        "2.1",
        "--rules",
        &format!("{CASE}/rules.eol"),
        "--rules",
        &format!("{CASE}/releases.csv"),
        "--at",
        "2023-06-01"
    ]));
    let case = |args: &[&str]| {
        eol(&[
            args,
            &[
                "--rules",
                &format!("{CASE}/rules.eol"),
                "--rules",
                &format!("{CASE}/releases.csv"),
            ],
        ]
        .concat())
    };
    // 2.1's next line of major 2 is numbered on from 2.1 (3.0 to 3.2 are out): 2.2, one
    // cadence after 2.1, an estimate until it is overdue.
    let out = case(&["status", "minors", "2.1.0", "--at", "2022-08-01"]);
    assert!(
        out.contains("  phase:       Supported until ~2022-10-01\n"),
        "{out}"
    );
    assert!(
        out.contains("  estimated:   projected: first ship of line 2.2 = first ship of line 2.1 (2022-04-01) + 1 × the line cadence\n"),
        "{out}"
    );
    // Once 2.2 is overdue, 2.1's end is pending, and the catalog may be behind although the
    // product's newest line (3.2) expects 3.3 only later: a gate on old data fails.
    let out = case(&[
        "status",
        "minors",
        "2.1.0",
        "--at",
        "2023-06-01",
        "--fail-on-stale",
    ]);
    assert!(out.contains("  end of life: pending\n"), "{out}");
    assert!(
        out.contains("  stale:       the catalog may be stale: the release cadence expected a new line by 2022-10-01, and the catalog lists none\n"),
        "{out}"
    );
    assert!(out.contains("exit: 1"), "{out}");
    // Numbered on from the highest line, 3.2, no line to come has minor 0.
    let out = case(&["explain", "minors", "3.2", "--at", "2023-06-01"]);
    assert!(
        out.contains("none of the 100 lines numbered on from 3.2 would match the condition"),
        "{out}"
    );
}

/// `status` says where a date that is not exact comes from: the projection behind an
/// estimate, the missing line behind a pending date.
#[test]
fn status_says_why_a_date_is_not_exact() {
    // `eol status ARGS` on the bundled library at 2026-08-22
    let status =
        |args: &[&str]| eol(&[&["status"], args, &["--rules", "rules", "--at", "2026-08-22"]].concat());
    let out = status(&["nginx", "1.30.4"]);
    assert!(
        out.contains("  estimated:   projected: first ship of line 1.32 = first ship of line 1.30 (2026-04-14) + 2 × the line cadence\n"),
        "{out}"
    );
    let out = status(&["firefox", "153.1.0"]);
    assert!(
        out.contains("  pending:     first ship of the 1st newer matching line after 153: not in the catalog yet; whether a line not in the catalog matches the condition depends on the attribute `lts`"),
        "{out}"
    );
    let out = status(&["firefox", "153.1.0", "--format", "json"]);
    assert!(
        out.contains("\"why\": \"first ship of the 1st newer matching line after 153"),
        "{out}"
    );
}

/// A date the rule file gives rather than derives says where from: the vendor's
/// announcement (`declare`, `!`) or an override (`*`), with the reason the rule file gives,
/// in the text, the JSON and the German text.
#[test]
fn status_says_which_declaration_or_override_gave_a_date() {
    let status =
        |args: &[&str]| eol(&[&["status"], args, &["--rules", "rules", "--at", "2026-08-22"]].concat());
    let out = status(&["redis", "7.2.4"]);
    assert!(out.contains("  end of life: 2029-12-01!\n"), "{out}");
    assert!(
        out.contains("  announced:   declared for line 7.2: version-mgmt table: Redis 7.2, GA, EOL Date December 1, 2029"),
        "{out}"
    );
    // said once: after `next:`, which gives the same date, not again after `end of life:`
    assert_eq!(out.matches("announced:").count(), 1, "{out}");
    let out = status(&["nodejs", "16.20.2"]);
    assert!(
        out.contains("  end of life: 2023-09-12*; last supported day 2023-09-11*\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "  override:    an override for line 16: EOL brought forward to the OpenSSL 1.1.1 end of life"
        ),
        "{out}"
    );
    let out = status(&["nodejs", "16.20.2", "--format", "json"]);
    assert!(
        out.contains("\"eol_why\": \"an override for line 16: EOL brought forward"),
        "{out}"
    );
    let out = status(&["nodejs", "16.20.2", "--lang", "de"]);
    assert!(
        out.contains(
            "  Ausnahme:     eine Ausnahme von der Richtlinie, die die Regeldatei mit Begründung setzt"
        ),
        "{out}"
    );
    // a date the policy derives says nothing more
    let out = status(&["nodejs", "22.11.0"]);
    for label in ["announced:", "override:", "estimated:", "pending:"] {
        assert!(!out.contains(label), "{out}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let out = eol(&["eval", "no/such/dir", "--at", "2025-01-01"]);
    assert!(out.contains("exit: 2"), "{out}");
    let out = eol(&[
        "status",
        "nosuchproduct",
        "1.0",
        "--rules",
        "rules/otrs.eol",
        "--at",
        "2025-01-01",
    ]);
    assert!(out.contains("exit: 2"), "{out}");
    let out = eol(&["eval", "--at", "2025-13-01"]);
    assert!(out.contains("exit: 2"), "{out}");
}

#[test]
fn check_seeds_is_clean() {
    let out = eol(&["check", "--deny-warnings", "rules/otrs.eol", "rules/liferay.eol"]);
    assert!(out.contains("exit: 0"), "{out}");
}

/// An upstream in another rule file: `explain` follows the derivation into it, and
/// evaluating the downstream without it is an error that names what to pass.
#[test]
fn upstream_across_files() {
    const DIR: &str = "crates/eol-cli/tests/fixtures/upstream";
    insta::assert_snapshot!(eol(&[
        "explain",
        "down",
        "3",
        "--rules",
        &format!("{DIR}/down.eol"),
        "--rules",
        &format!("{DIR}/base.eol"),
        "--rules",
        &format!("{DIR}/releases.toml"),
        "--at",
        "2024-06-01"
    ]));
    insta::assert_snapshot!(eol(&[
        "eval",
        &format!("{DIR}/down.eol"),
        &format!("{DIR}/releases.toml"),
        "--at",
        "2024-06-01"
    ]));
}

/// `eol check` reads a catalog named on its command line as a catalog (a directory
/// contributes its rule files only): the seeds' catalogs are clean, a bad date is an
/// error with its code and span.
#[test]
fn check_reads_named_catalogs() {
    let out = eol(&[
        "check",
        "--deny-warnings",
        "rules/otrs.eol",
        "rules/otrs.releases.csv",
    ]);
    assert!(
        out.contains("exit: 0") && out.contains("checked 2 files"),
        "{out}"
    );
    insta::assert_snapshot!(eol(&[
        "check",
        "rules/otrs.eol",
        "crates/eol-cli/tests/fixtures/check/bad-date.releases.csv"
    ]));
}

/// `eol status` of a distribution's package URL says which release packages it and how that
/// stands, as `eol audit` does; the answer (and the exit code) stays the product's.
#[test]
fn status_of_a_distribution_package_names_its_release() {
    let status =
        |args: &[&str]| eol(&[&["status"], args, &["--rules", "rules", "--at", "2026-12-01"]].concat());
    let out = status(&["pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.15?arch=amd64&distro=ubuntu-22.04"]);
    assert!(out.contains("exit: 1\n"), "{out}");
    assert!(
        out.contains("  end of life: 2026-09-08; last supported day 2026-09-07\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "  packaged by: Ubuntu 22.04, supported (end of life 2027-06-01); the distribution may backport fixes to its package"
        ),
        "{out}"
    );
    // a package no rule names, found by its source package (syft's `upstream`): said on
    // standard error
    let out = status(&["pkg:deb/debian/libstd-rust-1.63@1.63.0%2Bdfsg1-2?arch=amd64&upstream=rustc"]);
    assert!(
        out.contains("exit: 1\n--- stdout\nRust 1.63.0+dfsg1-2 at "),
        "{out}"
    );
    assert!(
        out.ends_with(
            "--- stderr\nnote: no rule names the package; its source package `rustc` (the package URL's \
             `upstream`) is `rust`'s\n"
        ),
        "{out}"
    );
    // a distribution's package URL no rule gives (Amazon's namespace): its name, `openssl`,
    // is OpenSSL's as a package name, and said on standard error
    let out = status(&["pkg:rpm/amazon/openssl@3.0.8-1.amzn2023.0.14?arch=x86_64&distro=amazon-2023"]);
    assert!(
        out.contains("exit: 1\n--- stdout\nOpenSSL 3.0.8-1.amzn2023.0.14 at "),
        "{out}"
    );
    assert!(
        out.contains("  packaged by: Amazon Linux 2023, supported (end of life 2029-07-01*)"),
        "{out}"
    );
    assert!(
        out.ends_with("--- stderr\nnote: no rule names the package URL; its name `openssl` is `openssl`'s\n"),
        "{out}"
    );
    // a language registry's package is not taken for a product by its name
    let out = status(&["pkg:pypi/redis@5.0.0"]);
    assert!(out.contains("exit: 2\n"), "{out}");
    assert!(
        out.contains("a language registry's package is taken for a product only by a package URL"),
        "{out}"
    );
    // a supported product whose release is in Debian LTS, which is free: supported both
    let out = status(&["pkg:deb/debian/python3.11@3.11.2-6?distro=debian-12"]);
    assert!(out.contains("exit: 0\n"), "{out}");
    assert!(
        out.contains("  packaged by: Debian 12, supported (end of life 2028-07-01)\n"),
        "{out}"
    );
    // a supported product whose release has ended: exit 0, and the row says the release's end,
    // and that only its paid extended support (Ubuntu Pro's ESM, not counted by default)
    // still fixes it
    let focal = ["pkg:deb/ubuntu/mysql-server-8.0@8.0.42-0ubuntu0.20.04.1?distro=ubuntu-20.04"];
    let out = eol(&[
        &["status"],
        &focal[..],
        &["--rules", "rules", "--at", "2026-01-15"],
    ]
    .concat());
    assert!(out.contains("exit: 0\n"), "{out}");
    assert!(
        out.contains(
            "  packaged by: Ubuntu 20.04, end of life since 2025-06-01; its packages get fixes only from the \
             release's extended support, Expanded Security Maintenance through 2030-04-30, which --extended counts"
        ),
        "{out}"
    );
    let out = eol(&[
        &["status"],
        &focal[..],
        &["--rules", "rules", "--at", "2026-01-15", "--lang", "de"],
    ]
    .concat());
    assert!(
        out.contains("  Paket aus:    Ubuntu 20.04, Lebensende seit 2025-06-01\n"),
        "{out}"
    );
    let out = status(&[
        "pkg:deb/debian/python3.11@3.11.2-6?distro=bookworm",
        "--format",
        "json",
    ]);
    let json = out
        .split("--- stdout\n")
        .nth(1)
        .unwrap()
        .split("--- stderr")
        .next()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(doc["distribution"]["line"], "12");
    assert_eq!(doc["distribution"]["state"], "supported");
    assert_eq!(doc["distribution"]["judged"], false);
    // another repository's build is only installed on the release
    let out = status(&["pkg:deb/debian/nodejs@18.20.4-1nodesource1?distro=debian-12"]);
    assert!(
        out.contains("  runs on:     Debian 12, supported (end of life 2028-07-01); its version `18.20.4-1nodesource1` marks a build of NodeSource"),
        "{out}"
    );
    // a release the rules do not know is said; a package URL without one has no row
    let out = status(&["pkg:deb/debian/python3.11@3.11.2-6?distro=debian-14"]);
    assert!(
        out.contains("  packaged by: debian 14, unknown version; `14` is newer than every line"),
        "{out}"
    );
    // and one far past the newest (99 beside 13) says its number may be no release's
    let out = status(&["pkg:deb/debian/python3.11@3.11.2-6?distro=debian-99"]);
    assert!(
        out.contains("  packaged by: debian 99, unknown version; `99` is far newer than every line"),
        "{out}"
    );
    let out = status(&["pkg:deb/debian/python3.11@3.11.2-6"]);
    assert!(!out.contains("packaged by"), "{out}");
    let out = status(&["pkg:deb/debian/python3.11@3.11.2-6", "--format", "json"]);
    assert!(out.contains("\"distribution\": null"), "{out}");
}
