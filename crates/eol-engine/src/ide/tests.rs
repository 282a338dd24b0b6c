use chrono::NaiveDate;

use super::*;
use crate::library::Source;

const RULES: &str = "policy acme \"Acme\" {
  vendor \"Acme\"
  line major
  attribute lts
  service support \"Premium-Unterstützung 🚀\"
  phase active \"Active\" role active {
    from first_ship
    until first_ship + 2 years
    provides support
  }
  phase security role security {
    from end(active)
    until end_of_year(end(active) + 1 year)
    provides support
  }
  milestone last_ship = end(security) - 1 day
  when lts {
    phase security {
      until end(active) + 3 years
    }
  }
  override line 2 active.end = 2023-03-01 because \"announced\"
}
";

const CATALOG: &str = "product,version,date,lts
acme,1.0,2020-01-15,false
acme,2.0,2021-01-15,true
";

fn at() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 6, 1).unwrap()
}

fn analyse(rules: &str) -> Analysis {
    Analysis::new(Input {
        file: Source::new("acme.eol", rules.as_bytes().to_vec()),
        catalogs: vec![Source::new("acme.releases.csv", CATALOG.as_bytes().to_vec())],
        library: Vec::new(),
        at: at(),
    })
}

/// The position of the `n`-th occurrence (from 0) of `needle`, plus `plus` bytes.
fn pos(a: &Analysis, needle: &str, n: usize, plus: usize) -> Position {
    let offset = a.text().match_indices(needle).nth(n).unwrap().0 + plus;
    a.index.position(a.text(), offset)
}

fn text_of(a: &Analysis, r: Range) -> String {
    let s = a.offset(r.start);
    let e = a.offset(r.end);
    a.text()[s..e].to_owned()
}

#[test]
fn clean_file_has_no_diagnostics() {
    let a = analyse(RULES);
    let all = a.diagnostics();
    assert_eq!(all.len(), 2, "the rule file and its catalog");
    for f in &all {
        assert!(f.diagnostics.is_empty(), "{}: {:?}", f.file, f.diagnostics);
    }
}

#[test]
fn references_resolve_to_declarations() {
    let a = analyse(RULES);
    // `active` in `end(active)` goes to `phase active`
    let def = a.definition(pos(&a, "end(active)", 0, 5)).unwrap();
    assert_eq!(def.file, "acme.eol");
    assert_eq!(text_of(&a, def.range), "active");
    assert_eq!(def.range.start, pos(&a, "phase active", 0, 6));
    // the redefinition in `when` refers to the first `phase security`
    let def = a.definition(pos(&a, "phase security", 1, 7)).unwrap();
    assert_eq!(def.range.start, pos(&a, "phase security", 0, 6));
    // services, attributes, override targets
    let def = a.definition(pos(&a, "provides support", 0, 10)).unwrap();
    assert_eq!(def.range.start, pos(&a, "service support", 0, 8));
    let def = a.definition(pos(&a, "when lts", 0, 6)).unwrap();
    assert_eq!(def.range.start, pos(&a, "attribute lts", 0, 10));
    let def = a.definition(pos(&a, "line 2 active", 0, 8)).unwrap();
    assert_eq!(def.range.start, pos(&a, "phase active", 0, 6));
    // every use of `active`, and its declaration
    let refs = a.references(pos(&a, "phase active", 0, 7), true);
    assert_eq!(refs.len(), 5, "{refs:?}");
    assert!(refs.iter().all(|r| text_of(&a, *r) == "active"));
    assert_eq!(a.references(pos(&a, "phase active", 0, 7), false).len(), 4);
}

#[test]
fn line_name_goes_to_the_catalog_row() {
    let a = analyse(RULES);
    let def = a.definition(pos(&a, "line 2 ", 0, 5)).unwrap();
    assert_eq!(def.file, "acme.releases.csv");
    assert_eq!(def.range.start, Position::new(2, 0));
}

#[test]
fn extends_inherits_declarations() {
    let text = format!(
        "{RULES}policy acme2 \"Acme 2\" extends acme {{\n  phase active {{\n    until end(security)\n  }}\n}}\n"
    );
    let a = analyse(&text);
    let def = a.definition(pos(&a, "end(security)\n", 0, 5)).unwrap();
    assert_eq!(def.range.start, pos(&a, "phase security", 0, 6));
    let def = a.definition(pos(&a, "extends acme", 0, 9)).unwrap();
    assert_eq!(def.range.start, pos(&a, "policy acme", 0, 7));
    // completion in the second policy offers the inherited names
    let items = a.complete(pos(&a, "until end(security)", 0, 10));
    assert!(items
        .iter()
        .any(|i| i.label == "support" && i.kind == CompletionKind::Declared(SymbolKind::Service)));
}

#[test]
fn hover_shows_dates_per_line() {
    let a = analyse(RULES);
    let (range, text) = a.hover(pos(&a, "end(active)", 0, 5)).unwrap();
    assert_eq!(text_of(&a, range), "active");
    assert!(text.contains("**phase** `active` \"Active\""), "{text}");
    assert!(text.contains("at 2022-06-01"), "{text}");
    assert!(
        text.contains("| 1 | 2020-01-15 (exact) | 2022-01-15 (exact) |  |"),
        "{text}"
    );
    assert!(
        text.contains("| 2 | 2021-01-15 (exact) | 2023-03-01 (override) | now |"),
        "{text}"
    );
    // a date expression: the smallest evaluated part around the cursor
    let (range, text) = a.hover(pos(&a, "+ 1 year", 0, 0)).unwrap();
    assert_eq!(text_of(&a, range), "end(active) + 1 year");
    assert!(text.contains("| 1 | 2023-01-15 (exact) |"), "{text}");
    // a milestone
    let (_, text) = a.hover(pos(&a, "last_ship", 0, 1)).unwrap();
    assert!(text.contains("| 1 | 2023-12-30 (exact) |"), "{text}");
    // a line name
    let (_, text) = a.hover(pos(&a, "line 2 ", 0, 5)).unwrap();
    assert!(text.contains("**line** `2`"), "{text}");
    assert!(
        text.contains("| security | 2023-03-01 (override) | 2026-03-01 (override) |"),
        "{text}"
    );
    // a line with other names, hovered where `alias line` names it
    let named = RULES.replacen(
        "  attribute lts\n",
        "  attribute lts\n  alias line 2 \"two\", \"Second\"\n",
        1,
    );
    let b = analyse(&named);
    let (range, text) = b.hover(pos(&b, "alias line 2", 0, 11)).unwrap();
    assert_eq!(text_of(&b, range), "2");
    assert!(
        text.contains("**line** `2`\n\nalso called `two`, `Second`\n"),
        "{text}"
    );
    assert!(
        text.contains("| active | 2021-01-15 (exact) | 2023-03-01 (override) |"),
        "{text}"
    );
    // a built-in
    let (_, text) = a.hover(pos(&a, "end_of_year", 0, 2)).unwrap();
    assert!(text.contains("Usage: `end_of_year(DATE)`"), "{text}");
}

/// Hovering `superseded` says what it means and, per line, the release every older one of the
/// line updates to; its unit is a version component, found like any other name.
#[test]
fn hover_on_superseded_names_each_lines_newest_release() {
    let rules = RULES.replacen(
        "  attribute lts\n",
        "  versions \"major.minor\"\n  attribute lts\n  superseded 1 month after newer minor\n",
        1,
    );
    let a = analyse(&rules);
    assert!(a.diagnostics().iter().all(|f| f.diagnostics.is_empty()));
    let (range, text) = a.hover(pos(&a, "superseded", 0, 3)).unwrap();
    assert_eq!(text_of(&a, range), "superseded 1 month after newer minor");
    assert!(text.contains("**superseded** by newer `minor`"), "{text}");
    assert!(text.contains(", 1 month after it ships"), "{text}");
    assert!(text.contains("| 2 | 2.0 | 2021-01-15 |"), "{text}");
    // the unit: a component of `versions`
    let (range, text) = a.hover(pos(&a, "newer minor", 0, 7)).unwrap();
    assert_eq!(text_of(&a, range), "minor");
    assert!(text.contains("`minor`"), "{text}");
}

/// Hovering `free` after a phase's roles says what it changes: the phase counts without
/// `--extended`, and stays extended support for the exports.
#[test]
fn hover_on_free_says_the_phase_counts_by_default() {
    let rules = RULES.replacen(
        "  milestone last_ship",
        "  phase lts \"LTS\" role extended free {\n    from end(security)\n    until end(security) + 2 years\n    provides support\n  }\n  milestone last_ship",
        1,
    );
    let a = analyse(&rules);
    assert!(a.diagnostics().iter().all(|f| f.diagnostics.is_empty()));
    let (range, text) = a.hover(pos(&a, "free", 0, 2)).unwrap();
    assert_eq!(text_of(&a, range), "free");
    assert!(
        text.starts_with("**free** extended support: phase `lts`"),
        "{text}"
    );
    assert!(text.contains("without `--extended`"), "{text}");
}

#[test]
fn broken_file_reports_with_utf16_ranges_and_fixes() {
    let broken = RULES.replacen("provides support", "provides suport", 1);
    let a = analyse(&broken);
    let ours = a.diagnostics().into_iter().next().unwrap();
    assert_eq!(ours.diagnostics.len(), 1, "{:?}", ours.diagnostics);
    let d = &ours.diagnostics[0];
    assert_eq!(d.code, "eol::unknown-service");
    assert_eq!(text_of(&a, d.range), "suport");
    assert_eq!(d.range.start, Position::new(8, 13));
    let fix = &d.fixes[0];
    assert_eq!(fix.title, "replace `suport` with `support`");
    assert_eq!(fix.edits[0].range, d.range);
    assert_eq!(fix.edits[0].new_text, "support");
    assert_eq!(a.fixes(d.range).len(), 1);
    // hover says why there are no values
    let (_, text) = a.hover(pos(&a, "end(active)", 0, 5)).unwrap();
    assert!(text.contains("not evaluated: the file has errors"), "{text}");
}

/// `superseded by newer major` for `line major`: the quick fix names the finer component.
#[test]
fn superseded_unit_of_the_line_gets_a_finer_one() {
    let rules = RULES.replacen(
        "  attribute lts\n",
        "  versions \"major.minor.patch\"\n  attribute lts\n  superseded by newer major\n",
        1,
    );
    let a = analyse(&rules);
    let ours = a.diagnostics().into_iter().next().unwrap();
    let d = ours
        .diagnostics
        .iter()
        .find(|d| d.code == "eol::invalid-superseded")
        .unwrap();
    assert_eq!(text_of(&a, d.range), "major");
    let fix = &d.fixes[0];
    assert_eq!(fix.title, "replace `major` with `minor`");
    assert_eq!(fix.edits[0].range, d.range);
    assert_eq!(fix.edits[0].new_text, "minor");
}

#[test]
fn undeclared_attribute_gets_declared() {
    let broken = RULES
        .replace("  attribute lts\n", "")
        .replace("when lts", "when lts_x");
    let a = analyse(&broken);
    let d = a
        .diagnostics()
        .into_iter()
        .next()
        .unwrap()
        .diagnostics
        .into_iter()
        .find(|d| d.code == "eol::unknown-attribute")
        .unwrap();
    let fix = &d.fixes[0];
    assert_eq!(fix.title, "declare it: `attribute lts_x`");
    assert_eq!(fix.edits[0].new_text, "  attribute lts_x\n");
    assert_eq!(fix.edits[0].range.start, Position::new(1, 0));
}

#[test]
fn non_ascii_label_positions() {
    let text = RULES.replace(
        "  phase security role security {",
        "  phase security \"Sicherheits-Unterstützung 🚀\" role security {",
    );
    let a = analyse(&text);
    // `role` after the label: the column counts `ü` as one unit and `🚀` as two
    let line = a.text().lines().nth(10).unwrap();
    let byte_col = line.find(" role").unwrap() + 1;
    let p = pos(&a, "\" role security", 0, 2);
    assert_eq!(p.line, 10);
    assert_eq!(p.character as usize, byte_col - 1 - 2);
    let broken = text.replace("\" role security", "\" role secrity");
    let a = analyse(&broken);
    let d = &a.diagnostics()[0].diagnostics[0];
    assert_eq!(d.code, "eol::unknown-role");
    assert_eq!(d.range.start, Position::new(10, p.character + 5));
    assert_eq!(d.range.end, Position::new(10, p.character + 12));
    // the outline and hover still work on the non-ASCII line
    let (range, _) = analyse(&text).hover(Position::new(10, 9)).unwrap();
    assert_eq!(range.start, Position::new(10, 8));
}

#[test]
fn completion_offers_names_builtins_and_catalog_columns() {
    let text = RULES
        .replace("  attribute lts\n", "  attribute edition: text\n")
        .replace("when lts", "when edition == \"x\"");
    let a = analyse(&text);
    let items = a.complete(pos(&a, "from end(active)", 0, 5));
    let has = |label: &str, kind: CompletionKind| items.iter().any(|i| i.label == label && i.kind == kind);
    assert!(has("active", CompletionKind::Declared(SymbolKind::Phase)));
    assert!(has("last_ship", CompletionKind::Declared(SymbolKind::Milestone)));
    assert!(has("lts", CompletionKind::CatalogAttribute));
    assert!(!has("edition", CompletionKind::CatalogAttribute));
    assert!(has("until", CompletionKind::Keyword));
    let eom = items.iter().find(|i| i.label == "end_of_month").unwrap();
    assert_eq!(eom.insert.as_deref(), Some("end_of_month("));
    assert!(eom
        .documentation
        .as_deref()
        .unwrap()
        .contains("`end_of_month(DATE)`"));
    // a date name is inserted as it is, without a parenthesis
    let vm = items.iter().find(|i| i.label == "version_month").unwrap();
    assert_eq!(vm.kind, CompletionKind::Builtin);
    assert_eq!(vm.insert, None);
    assert!(vm
        .documentation
        .as_deref()
        .unwrap()
        .contains("24.10 is 2024-10-01"));
    // every function and date name the checker knows, once
    assert_eq!(
        builtins().len(),
        crate::check::FUNCTIONS.len() + crate::builtins::BARE_NAMES.len()
    );
    for name in crate::check::NAMES {
        assert!(builtins().iter().any(|b| b.name == name && b.bare), "{name}");
    }
}

#[test]
fn outline_and_tokens() {
    let a = analyse(RULES);
    let symbols = a.symbols();
    assert_eq!(symbols.len(), 1);
    let names: Vec<&str> = symbols[0].children.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["lts", "support", "active", "security", "last_ship"]);
    let data = a.semantic_tokens();
    assert_eq!(data.len() % 5, 0);
    // the first token: `policy`, a keyword at 0:0
    assert_eq!(&data[..5], &[0, 0, 6, 1, 0]);
}

#[test]
fn formatting_edits() {
    let a = analyse(&RULES.replace("  vendor", "vendor"));
    let edits = a.format().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].new_text, RULES);
    assert!(analyse(RULES).format().unwrap().is_empty());
    assert!(analyse("policy {").format().is_err());
}

#[test]
fn catalog_diagnostics_are_filed_under_the_catalog() {
    let a = Analysis::new(Input {
        file: Source::new("acme.eol", RULES.as_bytes().to_vec()),
        catalogs: vec![Source::new(
            "acme.releases.csv",
            format!("{CATALOG}acme,3.0,2022-02-30,false\n").into_bytes(),
        )],
        library: Vec::new(),
        at: at(),
    });
    let all = a.diagnostics();
    assert_eq!(all[1].file, "acme.releases.csv");
    let d = &all[1].diagnostics[0];
    assert!(d.code.starts_with("eol::"), "{d:?}");
    assert_eq!(d.range.start.line, 3);
    assert!(d.fixes.is_empty());
}

const BASE: &str = "policy base \"Base\" {
  line major
  service fixes
  phase supported \"Supported\" role active {
    from first_ship
    until first_ship + 3 years
    provides fixes
  }
}
";

const APP: &str = "policy app \"App\" {
  line major
  upstream up = base
  service fixes
  phase active role active {
    from first_ship
    until end(supported) of up
    provides fixes
  }
  milestone base_start = start(supported) of up
  milestone other = end(nosuch) of up
}
";

const BASE_ROWS: &str = "product,version,date
base,1.0,2020-01-15
base,2.0,2021-01-15
";

const APP_ROWS: &str = "product,version,date
app,1.0,2020-03-01
app,2.0,2021-03-01
";

/// Hover on a phase read from an upstream says what it is and gives its dates on the
/// upstream's lines.
fn assert_upstream_hover(a: &Analysis) {
    let (range, text) = a.hover(pos(a, "end(supported) of up", 0, 6)).unwrap();
    assert_eq!(text_of(a, range), "supported");
    assert!(
        text.starts_with("**phase** `supported` \"Supported\" of upstream `up` (product `base`)\n"),
        "{text}"
    );
    assert!(text.contains("role active"), "{text}");
    assert!(text.contains("at 2022-06-01"), "{text}");
    assert!(
        text.contains("| 1 | 2020-01-15 (exact) | 2023-01-15 (exact) | now |"),
        "{text}"
    );
    assert!(
        text.contains("| 2 | 2021-01-15 (exact) | 2024-01-15 (exact) | now |"),
        "{text}"
    );
    let (_, text) = a.hover(pos(a, "end(nosuch)", 0, 5)).unwrap();
    assert!(
        text.contains("product `base` declares no phase `nosuch`"),
        "{text}"
    );
}

#[test]
fn upstream_phases_in_the_same_file() {
    let text = format!("{BASE}{APP}");
    let a = Analysis::new(Input {
        file: Source::new("both.eol", text.into_bytes()),
        catalogs: vec![Source::new(
            "both.releases.csv",
            format!(
                "{BASE_ROWS}{}",
                APP_ROWS.trim_start_matches("product,version,date\n")
            )
            .into_bytes(),
        )],
        library: Vec::new(),
        at: at(),
    });
    assert!(!a.has_errors(), "{:?}", a.diagnostics());
    assert_upstream_hover(&a);
    // definition: the upstream policy's phase
    let def = a.definition(pos(&a, "end(supported) of up", 0, 6)).unwrap();
    assert_eq!(def.file, "both.eol");
    assert_eq!(def.range.start, pos(&a, "phase supported", 0, 6));
    // references: the declaration and both uses, from either
    let decl = pos(&a, "phase supported", 0, 7);
    let refs = a.references(decl, true);
    assert_eq!(refs.len(), 3, "{refs:?}");
    assert!(refs.iter().all(|r| text_of(&a, *r) == "supported"));
    assert_eq!(a.references(pos(&a, "start(supported)", 0, 7), false).len(), 2);
    // an unknown phase of the upstream resolves to nothing
    assert!(a.definition(pos(&a, "end(nosuch)", 0, 5)).is_none());
    // coloured as a phase
    let tokens = a.semantic_tokens();
    assert!(!tokens.is_empty());
}

#[test]
fn upstream_phases_in_another_file() {
    let a = Analysis::new(Input {
        file: Source::new("app.eol", APP.as_bytes().to_vec()),
        catalogs: vec![Source::new("app.releases.csv", APP_ROWS.as_bytes().to_vec())],
        library: vec![crate::library::RuleSource {
            file: Source::new("base.eol", BASE.as_bytes().to_vec()),
            catalogs: vec![Source::new("base.releases.csv", BASE_ROWS.as_bytes().to_vec())],
        }],
        at: at(),
    });
    assert!(!a.has_errors(), "{:?}", a.diagnostics());
    assert_upstream_hover(&a);
    // the app's own dates read the upstream's
    let (_, text) = a.hover(pos(&a, "phase active", 0, 7)).unwrap();
    assert!(
        text.contains("| 1 | 2020-03-01 (exact) | 2023-01-15 (exact) | now |"),
        "{text}"
    );
    // definition: the phase in the upstream's rule file
    let def = a.definition(pos(&a, "end(supported) of up", 0, 6)).unwrap();
    assert_eq!(def.file, "base.eol");
    assert_eq!(
        def.range,
        Range {
            start: Position::new(3, 8),
            end: Position::new(3, 17)
        }
    );
    // references: the uses in this file
    let refs = a.references(pos(&a, "start(supported)", 0, 7), true);
    assert_eq!(refs.len(), 2, "{refs:?}");
    assert!(refs.iter().all(|r| text_of(&a, *r) == "supported"));
    // an upstream that is not loaded says so
    let alone = analyse(&APP.replace("upstream up = base", "upstream up = gone"));
    let (_, text) = alone.hover(pos(&alone, "end(supported)", 0, 5)).unwrap();
    assert!(
        text.contains("product `gone` is not among the loaded rule files"),
        "{text}"
    );
}

#[test]
fn line_names_are_completed_where_a_line_is_named() {
    use complete::{line_name_context, policy_id_before};
    // where a line's name is typed, and what was typed of it
    for (text, typed) in [
        ("  override line ", Some("")),
        ("  override line 1", Some("1")),
        ("  declare line \"2", Some("\"2")),
        ("alias line x", Some("x")),
        ("  builds line 13.0-s", Some("13.0-s")),
        ("  builds line 13.0 from ", None),
        ("  override line 2 ", None),
        ("  override line \"2\"", None),
        ("  override line", None),
        ("  overrideline ", None),
        ("  phase line ", None),
        ("  # override line ", None),
    ] {
        assert_eq!(line_name_context(text, text.len()), typed, "{text:?}");
    }
    assert_eq!(
        policy_id_before("policy a \"A\" {\n}\npolicy b \"B\" {\n  override line ", 40),
        Some("b".to_owned())
    );
    assert_eq!(policy_id_before("  override line ", 16), None);

    // after `override line`, only the catalog's lines, in its order, with their first ship
    let a = analyse(RULES);
    let items = a.complete(pos(&a, "override line 2", 0, 14));
    let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["1", "2"]);
    assert!(items.iter().all(|i| i.kind == CompletionKind::Line));
    assert_eq!(items[0].detail.as_deref(), Some("line, first ship 2020-01-15"));
    // the range is what was typed of the name: nothing yet
    assert_eq!(text_of(&a, items[0].range.unwrap()), "");

    // while the item being typed keeps the file from parsing, the lines of the last
    // re-check that evaluated the policy
    let mut cache = Cache::new();
    let input = |rules: &str| Input {
        file: Source::new("acme.eol", rules.as_bytes().to_vec()),
        catalogs: vec![Source::new("acme.releases.csv", CATALOG.as_bytes().to_vec())],
        library: Vec::new(),
        at: at(),
    };
    let _ = Analysis::recheck(input(RULES), &mut cache);
    let typing = RULES.replacen(
        "  override line 2 active",
        "  alias line \"1\n  override line 2 active",
        1,
    );
    let a = Analysis::recheck(input(&typing), &mut cache);
    assert!(a.diagnostics()[0]
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error));
    let items = a.complete(pos(&a, "alias line \"1", 0, 13));
    assert_eq!(items.len(), 1, "{items:?}");
    // a quote typed: the name replaces it and what follows, quoted, filtered with the quote
    assert_eq!(items[0].label, "1");
    assert_eq!(items[0].insert.as_deref(), Some("\"1\""));
    assert_eq!(items[0].filter.as_deref(), Some("\"1"));
    assert_eq!(text_of(&a, items[0].range.unwrap()), "\"1");
    // without a re-check before it, nothing is known of the lines
    let fresh = Analysis::new(input(&typing));
    assert!(fresh.complete(pos(&fresh, "alias line \"1", 0, 13)).is_empty());
}

/// `version_month` hovers as a built-in, with the month each line's version names; a line
/// whose version names no month is an evaluation error the editor shows on the rule text.
#[test]
fn hover_on_version_month_shows_each_lines_month() {
    let rules = "policy cal \"Calendar\" {
  versions \"year.month.patch\"
  line year.month
  service s \"S\"
  phase p \"P\" {
    from first_ship
    through end_of_month(version_month + 18 months)
    provides s
  }
}
";
    let catalog =
        "product,version,date\ncal,24.10.0,2024-10-15\ncal,25.10.0,2025-11-04\ncal,25.13.0,2025-12-01\n";
    let a = Analysis::new(Input {
        file: Source::new("cal.eol", rules.as_bytes().to_vec()),
        catalogs: vec![Source::new("cal.releases.csv", catalog.as_bytes().to_vec())],
        library: Vec::new(),
        at: at(),
    });
    let (range, text) = a.hover(pos(&a, "version_month", 0, 3)).unwrap();
    assert_eq!(text_of(&a, range), "version_month");
    assert!(text.contains("**version_month**"), "{text}");
    assert!(text.contains("| 24.10 | 2024-10-01 (exact) |"), "{text}");
    assert!(text.contains("| 25.10 | 2025-10-01 (exact) |"), "{text}");
    let codes: Vec<&str> = a
        .diagnostics()
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(|d| d.code))
        .collect();
    assert!(codes.contains(&"eol::line-names-no-month"), "{codes:?}");
}

/// `term years`: the amount names a number attribute, which goes to its declaration and
/// hovers as one; a line whose catalog value is no amount is reported on the amount.
#[test]
fn an_attribute_as_amount_is_a_reference() {
    let rules = "policy dev \"Devices\" {
  line model
  versions \"model\"
  order lines by first_ship
  attribute term: number
  service s \"S\"
  phase p \"P\" {
    from first_ship
    until first_ship + term years
    provides s
  }
}
";
    let catalog = "product,version,date,line,term\ndev,phone-a,2020-03-15,phone-a,4\ndev,phone-b,2021-03-15,phone-b,-2\n";
    let a = Analysis::new(Input {
        file: Source::new("dev.eol", rules.as_bytes().to_vec()),
        catalogs: vec![Source::new("dev.releases.csv", catalog.as_bytes().to_vec())],
        library: Vec::new(),
        at: at(),
    });
    let def = a.definition(pos(&a, "term years", 0, 1)).unwrap();
    assert_eq!(def.range.start, pos(&a, "attribute term", 0, 10));
    let refs = a.references(pos(&a, "attribute term", 0, 11), true);
    assert_eq!(refs.len(), 2, "{refs:?}");
    let (range, _) = a.hover(pos(&a, "term years", 0, 1)).unwrap();
    assert_eq!(text_of(&a, range), "term");
    let rule_file = a.diagnostics().into_iter().find(|f| f.file == "dev.eol").unwrap();
    let d = rule_file
        .diagnostics
        .iter()
        .find(|d| d.code == "eol::number-out-of-range")
        .unwrap_or_else(|| panic!("{:?}", a.diagnostics()));
    assert_eq!(text_of(&a, d.range), "term years");
    assert!(d.message.contains("phone-b"), "{}", d.message);
}

#[test]
fn the_fixed_words_are_completed_after_their_keyword() {
    use complete::choice_context;
    // where a fixed word is typed, after which keyword, and what was typed of it
    for (text, found) in [
        ("  source ", Some(("source", ""))),
        ("  source git", Some(("source", "git"))),
        ("  source release-d", Some(("source", "release-d"))),
        ("  cadence l", Some(("cadence", "l"))),
        ("  order lines by f", Some(("by", "f"))),
        ("  phase p \"P\" role ", Some(("role", ""))),
        ("  role active, sec", Some(("role", "sec"))),
        ("  role active,sec", Some(("role", "sec"))),
        ("  source pypi \"x\" matching ", None),
        ("  cadence line every ", None),
        ("  role active ", None),
        ("  role nonsense, ", None),
        ("  role extended ", Some(("free", ""))),
        ("  role extended fr", Some(("free", "fr"))),
        ("  role active, extended f", None),
        ("  role extended free ", None),
        ("  phase p \"role \"", None),
        ("  # source ", None),
        ("  sourcepypi", None),
    ] {
        assert_eq!(choice_context(text, text.len()), found, "{text:?}");
    }
    // after `source `, the kinds in the language's order, with what each names
    let rules = RULES.replacen("  line major\n", "  line major\n  source re\n", 1);
    let a = analyse(&rules);
    let items = a.complete(pos(&a, "source re", 0, 9));
    let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["release-data"]);
    assert_eq!(items[0].kind, CompletionKind::Choice);
    assert_eq!(
        items[0].detail.as_deref(),
        Some("release source; location: a product of endoflife.date, e.g. `elasticsearch`")
    );
    assert_eq!(text_of(&a, items[0].range.unwrap()), "re");
    // after `role`, the three roles
    let items = a.complete(pos(&a, "role active", 0, 5));
    let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["active", "security", "extended"]);
    assert_eq!(text_of(&a, items[0].range.unwrap()), "");
}

#[test]
fn hover_on_a_source_says_what_is_fetched() {
    let rules = RULES.replacen(
        "  line major\n",
        "  line major\n  source github-releases \"acme/widget\" matching \"v{version}\" where major >= 2\n  source release-data \"acme\"\n",
        1,
    );
    let a = analyse(&rules);
    let (range, text) = a.hover(pos(&a, "source github", 0, 3)).unwrap();
    assert_eq!(
        text_of(&a, range),
        "source github-releases \"acme/widget\" matching \"v{version}\" where major >= 2"
    );
    assert_eq!(
        text,
        "**source** `github-releases` `acme/widget`\n\n`eol update` reads \
         `https://api.github.com/repos/acme/widget/releases?per_page=100`, every page: a GitHub list of releases \
         (another base URL: `--base-url github=URL` or `EOL_GITHUB_URL`).\n\nReleases: the entries matching \
         `v{version}`, the version where `{version}` is, of the lines its `where` keeps; they are added to the \
         catalog, never replacing a row. `eol import github-releases FILE` reads the same document saved."
    );
    let (_, text) = a.hover(pos(&a, "release-data \"acme\"", 0, 2)).unwrap();
    assert!(
        text.contains(
            "`eol update` reads `https://raw.githubusercontent.com/endoflife-date/release-data/main/releases/acme.json`: \
             an endoflife.date release-data document"
        ) && text.contains("Releases: every entry that is a version; "),
        "{text}"
    );
}

/// Hover on a package URL says which packages it names: with `{line}`, one per line of the
/// catalog (newest first), not the lines whose names are no number; with `*`, the prefix.
#[test]
fn hover_on_a_package_url_names_its_packages() {
    let rules = RULES.replacen(
        "  line major\n",
        "  purl \"pkg:deb/debian/acme{line}-server\", \"pkg:deb/debian/acme-*\", \"pkg:npm/acme\"\n  line major\n",
        1,
    );
    let a = analyse(&rules);
    let (range, text) = a.hover(pos(&a, "{line}", 0, 2)).unwrap();
    assert_eq!(text_of(&a, range), "\"pkg:deb/debian/acme{line}-server\"");
    assert_eq!(
        text,
        "**purl** `pkg:deb/debian/acme{line}-server`\n\nOne name per line: `{line}` takes a line's number \
         (digits, with single dots between), nothing else.\n\nFor the catalog's lines: `acme2-server`, \
         `acme1-server`; and the lines to come.\n\nA distribution's package: its name alone finds the \
         product too, as `dpkg-query -W`, `rpm -qa` and osquery list packages, unless another product's \
         package URL gives it.\n"
    );
    let (_, text) = a.hover(pos(&a, "acme-*", 0, 1)).unwrap();
    assert!(
        text.contains("Every name that starts `acme-`: each must carry this product's version."),
        "{text}"
    );
    let (_, text) = a.hover(pos(&a, "pkg:npm", 0, 1)).unwrap();
    assert_eq!(text, "**purl** `pkg:npm/acme`\n\nThe one package `acme`.\n");
}

/// The text with the edits applied.
fn applied(a: &Analysis, edits: &[TextEdit]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                a.offset(e.range.start),
                a.offset(e.range.end),
                e.new_text.as_str(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut text = a.text().to_owned();
    for (s, e, new) in spans {
        text.replace_range(s..e, new);
    }
    text
}

#[test]
fn a_phase_service_or_milestone_is_renamed_everywhere_in_the_file() {
    let a = analyse(RULES);
    // the phase, from a use: its declaration, every `end(active)`, the override's
    // `active.end`; never `role active`, which is a role
    let at_use = pos(&a, "end(active)", 1, 5);
    assert_eq!(text_of(&a, a.prepare_rename(at_use).unwrap()), "active");
    let edits = a.rename(at_use, "mainstream", &[]).unwrap().edits;
    assert_eq!(edits.len(), 5, "{edits:?}");
    let renamed = applied(&a, &edits);
    let expected = RULES
        .replace("phase active", "phase mainstream")
        .replace("end(active)", "end(mainstream)")
        .replace("line 2 active.end", "line 2 mainstream.end");
    assert_eq!(renamed, expected);
    assert!(renamed.contains("role active"));
    // the renamed file checks and evaluates as before
    let b = analyse(&renamed);
    assert!(!b.has_errors(), "{:?}", b.diagnostics());
    // a phase redefined in a `when`, from the redefinition
    let edits = a
        .rename(pos(&a, "phase security", 1, 7), "security_fixes", &[])
        .unwrap()
        .edits;
    assert_eq!(
        applied(&a, &edits),
        RULES
            .replace("phase security", "phase security_fixes")
            .replace("end(security)", "end(security_fixes)")
    );
    // a service: its declaration and each `provides`
    let edits = a
        .rename(pos(&a, "provides support", 0, 10), "premium", &[])
        .unwrap()
        .edits;
    assert_eq!(
        applied(&a, &edits),
        RULES
            .replace("service support", "service premium")
            .replace("provides support", "provides premium")
    );
    // a milestone from its declaration; the same name is no edit
    let edits = a
        .rename(pos(&a, "milestone last_ship", 0, 11), "final_release", &[])
        .unwrap()
        .edits;
    assert_eq!(applied(&a, &edits), RULES.replace("last_ship", "final_release"));
    assert_eq!(a.rename(at_use, "active", &[]).unwrap(), Renamed::default());
}

#[test]
fn a_warning_the_file_had_does_not_refuse_the_rename_that_names_it_anew() {
    // `spare` is provided by no phase: the renamed file warns of `extra` instead
    let text = RULES.replace("  service support", "  service spare\n  service support");
    let a = analyse(&text);
    assert!(!a.has_errors(), "{:?}", a.diagnostics());
    let edits = a
        .rename(pos(&a, "service spare", 0, 9), "extra", &[])
        .unwrap()
        .edits;
    assert_eq!(
        applied(&a, &edits),
        text.replace("service spare", "service extra")
    );
}

#[test]
fn a_rename_that_would_break_the_file_is_refused_with_the_reason() {
    let a = analyse(RULES);
    let phase = pos(&a, "end(active)", 0, 5);
    let refused = |p: Position, name: &str| a.rename(p, name, &[]).unwrap_err();
    assert!(refused(phase, "2nd").contains("is no name"));
    assert!(refused(phase, "two words").contains("is no name"));
    assert!(refused(phase, "until").contains("keyword"));
    assert!(refused(phase, "first_ship").contains("built-in"));
    assert!(refused(phase, "security").contains("already names a phase"));
    assert!(refused(phase, "support").contains("already names a service"));
    assert!(refused(phase, "last_ship").contains("already names a milestone"));
    // what is not renamed here, and why
    let not = |p: Position| a.prepare_rename(p).unwrap_err();
    assert!(not(pos(&a, "policy acme", 0, 8)).contains("policy's id"));
    assert!(not(pos(&a, "attribute lts", 0, 11)).contains("catalog's column"));
    assert!(not(pos(&a, "when lts", 0, 6)).contains("catalog's column"));
    assert!(not(pos(&a, "from first_ship", 0, 6)).contains("built-in"));
    assert!(not(pos(&a, "line 2 active", 0, 5)).contains("release line"));
    assert!(not(pos(&a, "vendor", 0, 2)).contains("only a phase, service or milestone"));
    // a file that does not parse is not renamed
    let broken = analyse(&RULES.replace("  milestone last_ship", "  milestone {{ last_ship"));
    assert!(broken
        .prepare_rename(pos(&broken, "end(active)", 0, 5))
        .unwrap_err()
        .contains("does not parse"));
}

#[test]
fn a_phase_another_rule_file_reads_is_renamed_there_too() {
    let library = vec![crate::library::RuleSource {
        file: Source::new("app.eol", APP.as_bytes().to_vec()),
        catalogs: vec![Source::new("app.releases.csv", APP_ROWS.as_bytes().to_vec())],
    }];
    let base = Analysis::new(Input {
        file: Source::new("base.eol", BASE.as_bytes().to_vec()),
        catalogs: vec![Source::new("base.releases.csv", BASE_ROWS.as_bytes().to_vec())],
        library: library.clone(),
        at: at(),
    });
    let renamed = base
        .rename(pos(&base, "phase supported", 0, 7), "maintained", &library)
        .unwrap();
    assert_eq!(renamed.edits.len(), 1);
    assert_eq!(
        applied(&base, &renamed.edits),
        BASE.replace("phase supported", "phase maintained")
    );
    // app.eol's `end(supported) of up` and `start(supported) of up`, not `end(nosuch)`
    assert_eq!(renamed.elsewhere.len(), 1);
    let app = &renamed.elsewhere[0];
    assert_eq!(app.file, "app.eol");
    let lines: Vec<(u32, u32, u32)> = app
        .edits
        .iter()
        .map(|e| (e.range.start.line, e.range.start.character, e.range.end.character))
        .collect();
    assert_eq!(lines, vec![(6, 14, 23), (9, 31, 40)]);
    assert!(app.edits.iter().all(|e| e.new_text == "maintained"));
    // the service is read by no one: renamed here only
    let service = base
        .rename(pos(&base, "service fixes", 0, 9), "repairs", &library)
        .unwrap();
    assert!(service.elsewhere.is_empty());
    // in one file, the upstream's uses are renamed with it
    let text = format!("{BASE}{APP}");
    let both = Analysis::new(Input {
        file: Source::new("both.eol", text.clone().into_bytes()),
        catalogs: Vec::new(),
        library: Vec::new(),
        at: at(),
    });
    let edits = both
        .rename(pos(&both, "phase supported", 0, 7), "maintained", &[])
        .unwrap()
        .edits;
    assert_eq!(edits.len(), 3);
    assert_eq!(applied(&both, &edits), text.replace("supported", "maintained"));
}
