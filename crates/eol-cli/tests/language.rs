//! Real runs of `eol` on the language's later constructs: a phase with two roles goes
//! straight to end of life in `eol status`; a declared date is marked in every output.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::process::Command;

/// Run `eol` from the workspace root; exit code, stdout and stderr as one text.
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

const RULES: &str = "crates/eol-cli/tests/fixtures/language/both.eol";
const CATALOG: &str = "crates/eol-cli/tests/fixtures/language/releases.csv";

fn status(version: &str, at: &str, json: bool) -> String {
    let mut args = vec![
        "status", "both", version, "--rules", RULES, "--rules", CATALOG, "--at", at,
    ];
    if json {
        args.extend(["--format", "json"]);
    }
    eol(&args)
}

/// The day before the two-role phase ends, the next thing is end of life (no empty
/// helper phase to announce), and the day it ends the line is at end of life.
#[test]
fn two_roles_end_in_end_of_life() {
    let before = status("1.0", "2021-12-31", false);
    // (2.0 is still planned on 2021-12-31, so the end is an estimate)
    assert!(
        before.contains("next:        end of life on ~2022-01-01 (tomorrow)"),
        "{before}"
    );
    insta::assert_snapshot!(before);
    insta::assert_snapshot!(status("1.0", "2022-01-01", false));
}

/// A phase that is empty for a line (there only to carry a role for the lines where it is not)
/// is never announced as the next phase: on the last day of maintenance of a standard line the
/// next thing is end of life; an LTS line goes on into security support.
#[test]
fn empty_phases_are_not_next() {
    const HELPER: [&str; 4] = [
        "--rules",
        "crates/eol-cli/tests/fixtures/language/helper.eol",
        "--rules",
        "crates/eol-cli/tests/fixtures/language/helper.releases.csv",
    ];
    let standard = eol(&[&["status", "helper", "1.0", "--at", "2022-01-01"], &HELPER[..]].concat());
    assert!(
        standard.contains("next:        end of life on 2022-01-02 (tomorrow)"),
        "{standard}"
    );
    let lts = eol(&[&["status", "helper", "2.0", "--at", "2023-01-01"], &HELPER[..]].concat());
    assert!(
        lts.contains("next:        Security support on 2023-01-02 (tomorrow)"),
        "{lts}"
    );
}

/// A declared end: `!` in the table (with its legend) and in `status`, `declared` in JSON.
#[test]
fn declared_dates_are_marked() {
    insta::assert_snapshot!(eol(&["eval", RULES, CATALOG, "--at", "2024-01-01"]));
    insta::assert_snapshot!(eol(&[
        "eval",
        RULES,
        CATALOG,
        "--at",
        "2024-01-01",
        "--format",
        "json"
    ]));
    insta::assert_snapshot!(status("2.0", "2024-01-01", false));
    insta::assert_snapshot!(eol(&[
        "explain",
        "both",
        "2",
        "--rules",
        RULES,
        "--rules",
        CATALOG,
        "--at",
        "2024-01-01"
    ]));
}

const SUPERSEDED: [&str; 4] = [
    "--rules",
    "crates/eol-cli/tests/fixtures/language/superseded.eol",
    "--rules",
    "crates/eol-cli/tests/fixtures/language/superseded.releases.csv",
];

fn pointy(version: &str, at: &str, more: &[&str]) -> String {
    eol(&[&["status", "pointy", version, "--at", at], &SUPERSEDED[..], more].concat())
}

/// `superseded 3 months after newer minor`: a release stays supported through the grace
/// period after the next minor ships (the end of the grace period is the next thing), then is
/// superseded and fails like an end of life, though its line goes on.
#[test]
fn a_superseded_release_fails_after_its_grace_period() {
    let grace = pointy("1.0.0", "2020-07-01", &[]);
    assert!(grace.contains("exit: 0"), "{grace}");
    assert!(
        grace.contains("next:        superseded by 1.1.0 (the grace period ends) on 2020-09-01 (in 62 days)"),
        "{grace}"
    );
    insta::assert_snapshot!(grace);
    let after = pointy("1.0.0", "2020-09-01", &[]);
    assert!(after.contains("exit: 1"), "{after}");
    // 1.1.0 is the first release of the next minor, with an exact date: no "or earlier"
    assert!(
        after.contains(
            "phase:       none: superseded by 1.1.0 (2020-06-01), with 3 months of grace until 2020-09-01:"
        ),
        "{after}"
    );
    assert!(
        after.contains("entitled to: nothing until updated within line 1"),
        "{after}"
    );
    insta::assert_snapshot!(after);
}

/// A pre-release supersedes nothing; a release that is not the first of the next minor gives
/// the latest day the release can have been superseded; the line itself, and a release of a
/// line that has ended, are judged as before.
#[test]
fn what_supersedes_and_what_does_not() {
    let rc = pointy("1.2.1", "2021-06-01", &[]);
    assert!(
        rc.contains("exit: 0") && rc.contains("entitled to: Fixes"),
        "{rc}"
    );
    let later = pointy("1.2.1", "2021-12-15", &["--format", "json"]);
    assert!(later.contains("exit: 1"), "{later}");
    insta::assert_snapshot!(later);
    // a version the catalog does not list, between two that it does
    let between = pointy("1.3", "2021-12-15", &[]);
    assert!(
        between.contains(
            "superseded by 1.4.1 (2021-09-01, or earlier), with 3 months of grace until 2021-12-01"
        ),
        "{between}"
    );
    let line = pointy("1", "2021-12-15", &[]);
    assert!(
        line.contains("exit: 0") && line.contains("entitled to: Fixes"),
        "{line}"
    );
    let ended = pointy("1.0.0", "2026-01-01", &[]);
    assert!(
        ended.contains("exit: 1") && ended.contains("phase:       none: end of life since 2025-01-10"),
        "{ended}"
    );
}

/// `eol audit`: a superseded release is its own state and fails the default gate (not a gate
/// that names only `end-of-life`); a grace period ending within `--within` is `ends-soon`,
/// counted to the end of the grace period.
#[test]
fn audit_fails_on_superseded_releases() {
    let dir = std::env::temp_dir().join(format!("eol-superseded-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let inventory = dir.join("inventory.csv");
    std::fs::write(&inventory, "product,version\npointy,1.0.0\npointy,1.1.0\n").unwrap();
    let inv = inventory.to_str().unwrap();
    let audit = |at: &str, more: &[&str]| {
        eol(&[
            &["audit", inv, "--at", at, "--format", "csv"],
            &SUPERSEDED[..],
            more,
        ]
        .concat())
    };
    let soon = audit("2020-07-01", &[]);
    assert!(soon.contains("exit: 0"), "{soon}");
    assert!(
        soon.contains("pointy/1/ends-soon,ends-soon,,pointy,1,1.0.0,support,fixes,superseded,2020-09-01,exact,2025-01-10,exact,,62,"),
        "{soon}"
    );
    let sarif = eol(&[
        &["audit", inv, "--at", "2020-07-01", "--format", "sarif"],
        &SUPERSEDED[..],
    ]
    .concat());
    assert!(
        sarif.contains("\"text\":\"Pointy 1 (1.0.0) will be superseded by 1.1.0 on 2020-09-01, when its grace period ends, in 62 days\""),
        "{sarif}"
    );
    let superseded = audit("2020-09-01", &[]);
    assert!(superseded.contains("exit: 1"), "{superseded}");
    assert!(
        superseded.contains("pointy/1/superseded,superseded,,pointy,1,1.0.0,support,,,,,2025-01-10,exact,,0,1.1.0,1.1.0,\"superseded by 1.1.0 (2020-06-01, plus a grace period of 3 months): line 1 is supported, but only its newest minor; update within the line\""),
        "{superseded}"
    );
    // once the line has ended, the days count from its end of life, not from the supersession
    let ended = audit("2026-01-01", &[]);
    assert!(
        ended.contains("pointy/1/end-of-life,end-of-life,,pointy,1,1.0.0,,,,,,2025-01-10,exact,,-356,"),
        "{ended}"
    );
    let named = audit("2020-09-01", &["--fail-on", "end-of-life"]);
    assert!(named.contains("exit: 0"), "{named}");
    let gated = audit("2020-09-01", &["--fail-on", "superseded"]);
    assert!(gated.contains("exit: 1"), "{gated}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A pre-release is no release of its line, whatever the policy says of supersession: once
/// the release it precedes (or a later one) has shipped it is `superseded` by it and fails
/// like an end of life; before that it is `unreleased`, entitled to nothing. A mark the
/// policy does not declare (`beta`, `a1` of PEP 440) counts too, as does a catalog row
/// that is a pre-release (`1.4.0-rc1`); a release's own letters (`1.2.1`) do not.
#[test]
fn a_pre_release_is_replaced_by_the_release_it_precedes() {
    let at = "2021-12-15";
    let exact = pointy("1.4.1-rc1", at, &[]);
    assert!(exact.contains("exit: 1"), "{exact}");
    insta::assert_snapshot!(exact);
    // the catalog lists 1.4.1, not 1.4.0: the day is the latest it can be
    let listed = pointy("1.4.0-rc1", at, &[]);
    assert!(
        listed.contains("phase:       none: replaced by 1.4.1 (2021-09-01, or earlier): line 1 is supported in its releases, not its pre-releases"),
        "{listed}"
    );
    // numbers and mark written together, an undeclared mark
    for (version, release) in [
        ("1.2.0b2", "1.2.0"),
        ("1.2beta1", "1.2"),
        ("v1.2.0-SNAPSHOT", "1.2.0"),
    ] {
        let out = pointy(version, at, &[]);
        assert!(out.contains("exit: 1"), "{out}");
        assert!(out.contains("replaced by 1.2.0 (2021-01-01)"), "{out}");
        assert!(
            out.contains(&format!("of {release}: pre-releases are not supported")),
            "{out}"
        );
    }
    // nothing has shipped at or after 1.5.0
    let ahead = pointy("1.5.0-rc2", at, &["--format", "json"]);
    assert!(ahead.contains("exit: 0"), "{ahead}");
    assert!(ahead.contains("\"state\": \"unreleased\""), "{ahead}");
    assert!(
        ahead.contains("\"prerelease\": {\n      \"mark\": \"rc\",\n      \"release\": \"1.5.0\"\n    }"),
        "{ahead}"
    );
    assert!(
        ahead.contains("\"services\": []") && ahead.contains("\"next\": null"),
        "{ahead}"
    );
    // the line's end comes first
    let ended = pointy("1.4.1-rc1", "2025-06-01", &[]);
    assert!(
        ended.contains("phase:       none: end of life since 2025-01-10"),
        "{ended}"
    );
    // a release is none
    let release = pointy("1.2.1", at, &["--format", "json"]);
    assert!(release.contains("\"prerelease\": null"), "{release}");

    let dir = std::env::temp_dir().join(format!("eol-prerelease-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let inventory = dir.join("inventory.csv");
    std::fs::write(
        &inventory,
        "product,version\npointy,1.4.1-rc1\npointy,1.5.0-rc2\npointy,1.4.1\n",
    )
    .unwrap();
    let audit = eol(&[
        &[
            "audit",
            inventory.to_str().unwrap(),
            "--at",
            at,
            "--format",
            "csv",
        ],
        &SUPERSEDED[..],
    ]
    .concat());
    assert!(audit.contains("exit: 1"), "{audit}");
    assert!(
        audit.contains("pointy/1/superseded,superseded,,pointy,1,1.4.1-rc1,support,,,,,2025-01-10,exact,,-105,1.4.1,1.4.1,\"a pre-release (`rc`) of 1.4.1, replaced by release 1.4.1 (2021-09-01): line 1 is supported in its releases, not its pre-releases; update within the line\""),
        "{audit}"
    );
    assert!(
        audit.contains("pointy/1/unreleased,unreleased,,pointy,1,1.5.0-rc2,support,,,,,2025-01-10,exact,,1122,1.4.1,1.4.1,\"a pre-release (`rc`) of 1.5.0, which the catalog does not list as released: pre-releases are not supported\""),
        "{audit}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `eol audit` of an inventory written to a temporary directory of its own (`tag` names it),
/// as CSV on `at`, with `rules` and `more`; the directory is removed after.
fn audit_inventory(tag: &str, inventory: &str, at: &str, rules: &[&str], more: &[&str]) -> String {
    let dir = std::env::temp_dir().join(format!("eol-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("inventory.csv");
    std::fs::write(&path, inventory).unwrap();
    let args = ["audit", path.to_str().unwrap(), "--at", at, "--format", "csv"];
    let out = eol(&[&args[..], rules, more].concat());
    std::fs::remove_dir_all(&dir).unwrap();
    out
}

const CADENCED: [&str; 5] = [
    "--no-bundled",
    "--rules",
    "crates/eol-cli/tests/fixtures/language/superseded-cadence.eol",
    "--rules",
    "crates/eol-cli/tests/fixtures/language/superseded-cadence.releases.csv",
];

/// `superseded by newer minor` with `cadence minor every 3 months`: a release that is the
/// newest minor the catalog lists, asked about after the cadence expected the next one and
/// with nothing in the catalog from after that day, may already be superseded. It is said
/// (the `stale:` row, JSON `freshness.newer_expected`, the audit's `?`) and gated on with
/// `--fail-on-stale` / `--fail-on stale`; once the catalog has later rows and still no newer
/// minor, the line has stopped shipping them, and nothing is said.
#[test]
fn a_newest_minor_the_cadence_expects_a_successor_of_may_be_superseded() {
    let status = |version: &str, at: &str, more: &[&str]| {
        eol(&[&["status", "quarterly", version, "--at", at], &CADENCED[..], more].concat())
    };
    let stale_row = "  stale:       the catalog may be stale: the minor cadence expected a minor after 1.1 by \
        2024-07-10 (counted from 1.1.0, 2024-04-10), and the catalog lists none; this release may already be superseded\n";
    // not yet due
    let early = status("1.1.2", "2024-06-01", &[]);
    assert!(early.contains("exit: 0") && !early.contains("stale:"), "{early}");
    // due, and the catalog's newest row (2.0.0, 2024-05-15) is older than the day it was due
    let due = status("1.1.2", "2024-08-01", &[]);
    assert!(due.contains("exit: 0") && due.contains(stale_row), "{due}");
    assert!(status("1.1.2", "2024-08-01", &["--fail-on-stale"]).contains("exit: 1"));
    let json = status("1.1.2", "2024-08-01", &["--format", "json"]);
    assert!(
        json.contains(
            "\"newer_expected\": {\n        \"unit\": \"minor\",\n        \"value\": \"1.1\",\n        \"since\": {\n          \
             \"version\": \"1.1.0\",\n          \"date\": \"2024-04-10\",\n          \"date_kind\": \"exact\"\n        },\n        \
             \"by\": \"2024-07-10\"\n      }"
        ),
        "{json}"
    );
    // the catalog has a later row (2.1.0, 2024-09-01) and no 1.2: line 1 stopped shipping minors
    let stopped = status("1.1.2", "2024-10-01", &[]);
    assert!(
        stopped.contains("exit: 0") && !stopped.contains("stale:"),
        "{stopped}"
    );
    let line2 = status("2.1.0", "2025-01-01", &[]);
    assert!(line2.contains("stale:       the catalog may be stale: the minor cadence expected a minor after 2.1 by 2024-12-01"), "{line2}");
    // a superseded release knows its successor: nothing to doubt
    let superseded = status("1.0.0", "2024-08-01", &[]);
    assert!(
        superseded.contains("exit: 1") && !superseded.contains("stale:"),
        "{superseded}"
    );
    // the audit marks it `?` and says why; `--fail-on stale` gates on it
    let audit = |more: &[&str]| {
        audit_inventory(
            "superseded-cadence",
            "product,version\nquarterly,1.1.2\n",
            "2024-08-01",
            &CADENCED,
            more,
        )
    };
    let csv = audit(&[]);
    assert!(csv.contains("exit: 0"), "{csv}");
    assert!(
        csv.contains(
            "quarterly/1/supported,supported,,quarterly,1,1.1.2,support,fixes,end-of-life,2029-01-10,exact,2029-01-10,exact,,1623,1.1.2,2.0.0,\
             \"the catalog may be stale: the minor cadence expected a minor after 1.1 by 2024-07-10 (counted from 1.1.0, \
             2024-04-10), and the catalog lists none; this release may already be superseded; the answer may be wrong until \
             the catalog is updated (eol update)\""
        ),
        "{csv}"
    );
    assert!(audit(&["--fail-on", "stale"]).contains("exit: 1"));
}

const PACED: [&str; 5] = [
    "--no-bundled",
    "--rules",
    "crates/eol-cli/tests/fixtures/language/observed-pace.eol",
    "--rules",
    "crates/eol-cli/tests/fixtures/language/observed-pace.releases.csv",
];

/// A line supported until the next one ships, under a policy that states no line cadence:
/// once the newest line has waited longer than the longest wait between the catalog's recent
/// lines (153 days, 1.2 to 1.3), and the catalog has no row from after that day, the answer
/// is in doubt (the `stale:` row, JSON `freshness.observed_pace`, `list`'s `?`, the audit's
/// reason) and `--fail-on-stale` gates on it. Not before that day; not when the catalog has a
/// later row (`kept`: the vendor is late, not the catalog); not for a line that waits for a
/// `final` mark rather than a new line (`finalled`); not from three lines (`sparse`).
#[test]
fn a_catalog_silent_past_its_own_pace_puts_the_newest_line_in_doubt() {
    let status = |product: &str, at: &str, more: &[&str]| {
        eol(&[&["status", product, "1.4.1", "--at", at], &PACED[..], more].concat())
    };
    let stale_row = "  stale:       the catalog may be stale: the policy states no line cadence, and its 5 newest lines \
        came at most 153 days apart, yet none is listed in the 181 days since 1.4 (2021-01-01); a new line was expected \
        by 2021-06-03\n";
    let early = status("paced", "2021-05-01", &["--fail-on-stale"]);
    assert!(early.contains("exit: 0") && !early.contains("stale:"), "{early}");
    let due = status("paced", "2021-07-01", &[]);
    assert!(due.contains("exit: 0") && due.contains(stale_row), "{due}");
    assert!(status("paced", "2021-07-01", &["--fail-on-stale"]).contains("exit: 1"));
    let json = status("paced", "2021-07-01", &["--format", "json"]);
    assert!(
        json.contains(
            "\"expected_by\": \"2021-06-03\",\n      \"observed_pace\": {\n        \"lines\": 5,\n        \
             \"longest_gap_days\": 153,\n        \"newest_line\": \"1.4\",\n        \"newest_first_ship\": \"2021-01-01\",\n        \
             \"waited_days\": 181,\n        \"by\": \"2021-06-03\"\n      }"
        ),
        "{json}"
    );
    for quiet in ["kept", "finalled", "sparse"] {
        let out = status(quiet, "2021-07-01", &["--fail-on-stale"]);
        assert!(out.contains("exit: 0") && !out.contains("stale:"), "{out}");
    }
    let list = eol(&[&["list", "--at", "2021-07-01"], &PACED[..]].concat());
    assert!(
        list.contains("paced     Paced     -       -        5      1.4?\n"),
        "{list}"
    );
    assert!(
        list.contains("kept      Kept      -       -        5      1.4\n"),
        "{list}"
    );

    let audit = |more: &[&str]| {
        audit_inventory(
            "observed-pace",
            "product,version\npaced,1.4.1\nkept,1.4.1\n",
            "2021-07-01",
            &PACED,
            more,
        )
    };
    let csv = audit(&[]);
    assert!(csv.contains("exit: 0"), "{csv}");
    assert!(
        csv.contains(
            "\"the catalog may be stale: the policy states no line cadence, and its 5 newest lines came at most 153 days \
             apart, yet none is listed in the 181 days since 1.4 (2021-01-01); a new line was expected by 2021-06-03; the \
             answer may be wrong until the catalog is updated (eol update)\",paced,"
        ),
        "{csv}"
    );
    assert!(csv.contains(",1.4.2,1.4.2,,kept,"), "{csv}");
    assert!(audit(&["--fail-on", "stale"]).contains("exit: 1"));
}

/// A line supported until six months after its `final` release, which the catalog has not
/// marked: once the catalog has gone longer without any release of the product than the
/// longest wait between its recent release days (153 days, 1.2.0 to 1.3.0), the mark may
/// have been missed (`freshness.release_pace`, the `stale:` row, the audit's reason), and
/// `--fail-on-stale` gates on it. Not the day before; not for a product whose releases came
/// years apart (`frozen`: winding down, its silence is the product's).
#[test]
fn a_catalog_silent_past_its_release_pace_puts_an_awaited_final_mark_in_doubt() {
    let status = |product: &str, at: &str, more: &[&str]| {
        eol(&[
            &["status", product, "1.4.1", "--at", at, "--fail-on-stale"],
            &PACED[..],
            more,
        ]
        .concat())
    };
    let early = status("finalled", "2021-08-01", &[]);
    assert!(early.contains("exit: 0") && !early.contains("stale:"), "{early}");
    let due = status("finalled", "2021-08-02", &[]);
    assert!(
        due.contains(
            "  stale:       the catalog may be stale: the end of life waits for a release marked final, and the \
             product's 6 newest release days were at most 153 days apart, yet none is listed in the 154 days since \
             1.4.1 (2021-03-01); one was expected by 2021-08-01\n"
        ) && due.contains("exit: 1"),
        "{due}"
    );
    let json = status("finalled", "2021-08-02", &["--format", "json"]);
    assert!(
        json.contains(
            "\"may_be_stale\": true,\n      \"release_pace\": {\n        \"releases\": 6,\n        \
             \"longest_gap_days\": 153,\n        \"newest_version\": \"1.4.1\",\n        \"newest_day\": \"2021-03-01\",\n        \
             \"waited_days\": 154,\n        \"by\": \"2021-08-01\"\n      }"
        ) && !json.contains("observed_pace"),
        "{json}"
    );
    let frozen = status("frozen", "2025-01-01", &[]);
    assert!(
        frozen.contains("exit: 0") && !frozen.contains("stale:"),
        "{frozen}"
    );
    // asked about by the line's name, the newest release of the line is the one said (every
    // release of it is "newer" than the name)
    let by_line = eol(&[&["status", "finalled", "1.4", "--at", "2021-08-02"], &PACED[..]].concat());
    assert!(
        by_line
            .contains("  newer:       1.4.1 (2021-03-01), the newest release of this line in the catalog\n")
            && by_line.contains("stale:"),
        "{by_line}"
    );

    let csv = audit_inventory(
        "release-pace",
        "product,version\nfinalled,1.4.1\nfrozen,1.4.1\n",
        "2021-08-02",
        &PACED,
        &[],
    );
    assert!(
        csv.contains(
            "\"the catalog may be stale: the end of life waits for a release marked final, and the product's 6 newest \
             release days were at most 153 days apart, yet none is listed in the 154 days since 1.4.1 (2021-03-01); one \
             was expected by 2021-08-01; the answer may be wrong until the catalog is updated (eol update)\",finalled,"
        ),
        "{csv}"
    );
    assert!(csv.contains(",frozen,"), "{csv}");
}

/// `eol explain` of a superseded release says so before the line's dates: which release
/// supersedes it, with the grace period, and where the rule file says so.
#[test]
fn explain_names_what_supersedes_a_release() {
    let explain = |version: &str, at: &str| {
        eol(&[&["explain", "pointy", version, "--at", at], &SUPERSEDED[..]].concat())
    };
    let coming = explain("1.0.0", "2020-07-01");
    assert!(
        coming.contains("version 1.0.0 will be superseded on 2020-09-01: line 1 is supported, but only its newest minor   [crates/eol-cli/tests/fixtures/language/superseded.eol:14]\n└─ release 1.1.0 of 2020-06-01 is a newer minor of line 1, + a grace period of 3 months\n"),
        "{coming}"
    );
    let past = explain("1.2.1", "2021-12-15");
    assert!(
        past.contains("version 1.2.1 is superseded since 2021-12-01 at the latest:"),
        "{past}"
    );
    assert!(past.contains("it may lack an earlier one"), "{past}");
    let line = explain("1", "2021-12-15");
    assert!(
        !line.contains("is superseded") && !line.contains("newer minor"),
        "{line}"
    );
}

/// A policy that `extends` another inherits its `superseded` (with the grace period), unless
/// it gives its own, which replaces it.
#[test]
fn extends_inherits_or_replaces_superseded() {
    let status = |product: &str| {
        eol(&[
            "status",
            product,
            "1.0.0",
            "--at",
            "2020-03-01",
            "--no-bundled",
            "--rules",
            "crates/eol-cli/tests/fixtures/language/superseded-extends.eol",
        ])
    };
    // 1.1.0 shipped on 2020-02-01; three months of grace run to 2020-05-01
    for product in ["point", "same"] {
        let out = status(product);
        assert!(
            out.contains("exit: 0")
                && out.contains("next:        superseded by 1.1.0 (the grace period ends) on 2020-05-01"),
            "{out}"
        );
    }
    let strict = status("strict");
    assert!(
        strict.contains("exit: 1") && strict.contains("phase:       none: superseded by 1.0.1 (2020-02-01): line 1 is supported, but only its newest patch"),
        "{strict}"
    );
}

const BOUND: [&str; 4] = [
    "--rules",
    "crates/eol-cli/tests/fixtures/language/bound.eol",
    "--rules",
    "crates/eol-cli/tests/fixtures/language/bound.releases.csv",
];

/// An end nobody published, given as `no_later_than(DATE)`: before the bound the phase runs
/// "until ≤DATE" and may have ended already; from the bound on the line is at end of life
/// (exit 1, never "end not known yet"), and every output says the day is an upper bound,
/// including a date computed from it.
#[test]
fn an_end_nobody_published_is_an_upper_bound() {
    let status = |at: &str, json: bool| {
        let mut args = vec!["status", "gadget", "g1", "--no-bundled", "--at", at];
        if json {
            args.extend(["--format", "json"]);
        }
        eol(&[&args[..], &BOUND[..]].concat())
    };
    let before = status("2025-01-01", false);
    assert!(before.contains("exit: 0"), "{before}");
    assert!(
        before.contains("phase:       Security updates until ≤2025-05-09"),
        "{before}"
    );
    insta::assert_snapshot!(before);
    let after = status("2026-12-04", false);
    assert!(after.contains("exit: 1"), "{after}");
    assert!(
        after.contains("phase:       none: standard support ended ≤2025-05-09"),
        "{after}"
    );
    assert!(
        after.contains("note:        the day support ended was not published"),
        "{after}"
    );
    insta::assert_snapshot!(after);
    let json = status("2026-12-04", true);
    assert!(
        json.contains(
            r#""eol": {
      "date": "2025-05-09",
      "kind": "at-the-latest"
    }"#
        ),
        "{json}"
    );
    // the paid phase, `end(security) + 1 year`, is a bound too; `≤` has its legend line
    let table = eol(&[
        "eval",
        "crates/eol-cli/tests/fixtures/language/bound.eol",
        "crates/eol-cli/tests/fixtures/language/bound.releases.csv",
        "--at",
        "2026-12-04",
    ]);
    assert!(table.contains("≤2025-05-09            ≤2026-05-09"), "{table}");
    assert!(
        table.contains("≤ at the latest: the day was not published"),
        "{table}"
    );
    insta::assert_snapshot!(table);
    // a table without one has no such legend line
    let plain = eol(&["eval", RULES, CATALOG, "--at", "2024-01-01"]);
    assert!(!plain.contains("≤"), "{plain}");
    let ical = eol(&[
        &["export", "ical", "--no-bundled", "--at", "2026-12-04"][..],
        &BOUND[..],
    ]
    .concat());
    assert!(
        ical.contains("SUMMARY:Gadget g1: Security updates ends (at the latest)"),
        "{ical}"
    );
    assert!(ical.contains("STATUS:TENTATIVE"), "{ical}");
}

/// A milestone that is an upper bound gets the `≤` legend line too, not only a phase.
#[test]
fn a_milestone_upper_bound_has_its_legend() {
    let table = eol(&[
        "eval",
        "crates/eol-cli/tests/fixtures/language/bound-milestone.eol",
        "crates/eol-cli/tests/fixtures/language/bound-milestone.releases.csv",
        "--at",
        "2026-01-01",
    ]);
    assert!(table.contains("≤2022-01-01"), "{table}");
    assert!(
        table.contains("≤ at the latest: the day was not published"),
        "{table}"
    );
}

const CALENDAR: [&str; 5] = [
    "--no-bundled",
    "--rules",
    "crates/eol-cli/tests/fixtures/language/calendar.eol",
    "--rules",
    "crates/eol-cli/tests/fixtures/language/calendar.releases.csv",
];

/// `version_month`: support counts from the month a version names, not from the day it
/// shipped. 25.10 shipped on 4 November 2025; 18 months from October end on 30 April 2027
/// (from its first ship they would end on 31 May).
#[test]
fn a_calendar_version_counts_from_the_month_it_names() {
    let status =
        |at: &str| eol(&[&["status", "calendar", "25.10.0", "--at", at][..], &CALENDAR[..]].concat());
    let last_day = status("2027-04-30");
    assert!(last_day.contains("exit: 0"), "{last_day}");
    assert!(
        last_day.contains("phase:       Supported through 2027-04-30 (its last day)"),
        "{last_day}"
    );
    let after = status("2027-05-01");
    assert!(after.contains("exit: 1"), "{after}");
    let explain = eol(&[
        &["explain", "calendar", "25.10", "--at", "2026-12-04"][..],
        &CALENDAR[..],
    ]
    .concat());
    assert!(
        explain
            .contains("`version_month` = 2025-10-01 (exact): the month line 25.10 names (`version_month`)"),
        "{explain}"
    );
    insta::assert_snapshot!(explain);
    // an even year's three years, from October 2024; a line not shipped yet has its dates too
    let table = eol(&[
        "eval",
        "crates/eol-cli/tests/fixtures/language/calendar.eol",
        "crates/eol-cli/tests/fixtures/language/calendar.releases.csv",
        "--at",
        "2026-12-04",
    ]);
    assert!(
        table.contains("24.10  2024-10-15  24.10.3 (2025-03-02)  2027-11-01"),
        "{table}"
    );
    assert!(
        table.contains("26.10  -           26.10.0 (unknown)     2029-11-01"),
        "{table}"
    );
    insta::assert_snapshot!(table);
}

const MONTH_KNOWN: [&str; 4] = [
    "crates/eol-cli/tests/fixtures/language/month-known.eol",
    "crates/eol-cli/tests/fixtures/language/month-known.releases.csv",
    "--format",
    "json",
];

/// The kind of `line`'s `phase` end in `eol eval --format json`.
fn end_kind(json: &str, line: &str, phase: &str) -> String {
    let body = json
        .split("--- stdout\n")
        .nth(1)
        .and_then(|s| s.split("--- stderr").next());
    let v: serde_json::Value = serde_json::from_str(body.unwrap_or_default()).expect(json);
    let find = |list: Option<&serde_json::Value>, key: &str, want: &str| {
        list.and_then(serde_json::Value::as_array)
            .and_then(|xs| {
                xs.iter()
                    .find(|x| x.get(key).and_then(|k| k.as_str()) == Some(want))
            })
            .cloned()
    };
    let Some(line) = find(v.pointer("/products/0/lines"), "line", line) else {
        return format!("no line {line}");
    };
    let Some(phase) = find(line.get("phases"), "id", phase) else {
        return format!("no phase {phase}");
    };
    phase
        .pointer("/end/kind")
        .and_then(|k| k.as_str())
        .unwrap_or_default()
        .to_owned()
}

/// A release the catalog knows only by its month (`2026-06`): `end_of_month(first_ship + 5
/// months)` is the same day whichever day of June it shipped, so it is exact once June is
/// over; before then, and for a snap the month alone does not settle (`+ 3 weeks`), estimated.
#[test]
fn a_snap_settles_a_release_known_by_its_month() {
    let after = eol(&[&["eval", "--at", "2026-12-06"][..], &MONTH_KNOWN[..]].concat());
    assert_eq!(end_kind(&after, "4.12", "standard"), "exact", "{after}");
    assert_eq!(end_kind(&after, "4.12", "extended"), "exact", "{after}");
    // 1 June + 3 weeks is in June, 30 June + 3 weeks in July
    assert_eq!(end_kind(&after, "4.12", "onboarding"), "estimated", "{after}");
    // mid-June: 4.12 may not have shipped yet
    let during = eol(&[&["eval", "--at", "2026-06-15"][..], &MONTH_KNOWN[..]].concat());
    assert_eq!(end_kind(&during, "4.12", "standard"), "estimated", "{during}");
    assert_eq!(end_kind(&during, "4.11", "standard"), "exact", "{during}");
    let explain = eol(&[
        "explain",
        "monthly",
        "4.12",
        "--no-bundled",
        "--rules",
        MONTH_KNOWN[0],
        "--rules",
        MONTH_KNOWN[1],
        "--at",
        "2026-12-06",
    ]);
    assert!(
        explain.contains(
            "`end_of_month(first_ship + 5 months)` = 2026-11-30 (exact): snap to the calendar: the same day for any first ship of line 4.12 from 2026-06-01 to 2026-06-30"
        ),
        "{explain}"
    );
    assert!(
        explain.contains("first ship = 2026-06-01 (estimated)"),
        "{explain}"
    );
}

/// The `extended:` row says `until` for a phase written `until` (its end is the first day
/// without), and says when the end is not known yet instead of printing `pending` as a day.
#[test]
fn the_extended_row_says_how_its_end_is_written() {
    let bound = eol(&[
        &["status", "gadget", "g1", "--no-bundled", "--at", "2025-06-01"][..],
        &BOUND[..],
    ]
    .concat());
    assert!(
        bound.contains(
            "extended:    Paid updates until ≤2026-05-09: extended support, which --extended counts"
        ),
        "{bound}"
    );
    let open = |version: &str| {
        eol(&[
            "status",
            "lamp",
            version,
            "--no-bundled",
            "--rules",
            "crates/eol-cli/tests/fixtures/language/extended-open.eol",
            "--rules",
            "crates/eol-cli/tests/fixtures/language/extended-open.releases.csv",
            "--at",
            "2026-12-04",
        ])
    };
    // standard support over, extended support on with no end known
    let ended = open("1.0");
    assert!(ended.contains("exit: 1"), "{ended}");
    assert!(
        ended.contains(
            "extended:    End-of-maintenance, end date not known yet: extended support, which --extended counts"
        ),
        "{ended}"
    );
    // standard support on; the extended support after it has no end known either
    let running = open("2.0");
    assert!(running.contains("exit: 0"), "{running}");
    assert!(
        running.contains(
            "extended:    extended support runs on, end date not known yet (End-of-maintenance); --extended counts it"
        ),
        "{running}"
    );
    assert!(!running.contains("runs to pending"), "{running}");
    // extended support that ends before standard support adds no row
    let shorter = eol(&[
        "status",
        "shop",
        "2.4",
        "--no-bundled",
        "--rules",
        "crates/eol-cli/tests/fixtures/language/extended-shorter.eol",
        "--rules",
        "crates/eol-cli/tests/fixtures/language/extended-shorter.releases.csv",
        "--at",
        "2026-12-04",
    ]);
    assert!(shorter.contains("exit: 0"), "{shorter}");
    assert!(
        shorter.contains("end of life: 2028-04-05; last supported day 2028-04-04 (end of standard support)"),
        "{shorter}"
    );
    assert!(!shorter.contains("extended:"), "{shorter}");
}

const RANGE: [&str; 5] = [
    "--no-bundled",
    "--rules",
    "crates/eol-cli/tests/fixtures/language/range.eol",
    "--rules",
    "crates/eol-cli/tests/fixtures/language/range.releases.csv",
];

/// `between`: a term given as a range ends, estimated, at its earlier end. A release past
/// it is at end of life, and status says why the date is unsure, with both ends, after the
/// `end of life:` row; one still short of it says so on its `next:` row, once.
#[test]
fn a_range_ends_at_its_earlier_end_and_says_both() {
    let past = eol(&[
        &["status", "range", "5.3.0.1", "--at", "2026-12-05"][..],
        &RANGE[..],
    ]
    .concat());
    assert!(past.contains("exit: 1"), "{past}");
    assert!(
        past.contains("  end of life: ~2025-11-27 (end of standard support)\n  estimated:   between 2025-11-27 and 2026-11-27: the policy gives a range; the earlier day counts, estimated (`between`)\n"),
        "{past}"
    );
    insta::assert_snapshot!(past);
    let ahead = eol(&[&["status", "range", "5.5", "--at", "2026-12-05"][..], &RANGE[..]].concat());
    assert!(ahead.contains("exit: 0"), "{ahead}");
    assert_eq!(ahead.matches("estimated:").count(), 1, "{ahead}");
    assert!(
        ahead.contains("  next:        end of life on ~2027-07-31 (in 238 days)\n  estimated:   between 2027-07-31 and 2028-07-31"),
        "{ahead}"
    );
    let json = eol(&[
        &["status", "range", "5.3", "--at", "2026-12-05", "--format", "json"][..],
        &RANGE[..],
    ]
    .concat());
    assert!(
        json.contains(r#""eol_why": "between 2025-11-27 and 2026-11-27: the policy gives a range; the earlier day counts, estimated (`between`)""#),
        "{json}"
    );
}
