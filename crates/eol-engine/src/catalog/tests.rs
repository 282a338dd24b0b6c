//! Catalog reading: every format, every diagnostic (asserted by code and by the text its span
//! underlines), the seed catalogs, and no panic on any input.

use super::*;
use proptest::prelude::*;

const TOML: &str = r#"# OTRS, hand-written
[[release]]
product = "otrs"
version = "6.0.1"
date = 2017-11-21
kind = "major"
note = "first GA of 6.0"
lts = true
support_level = 3
announced = 2017-11-14
source = "CHANGES.md"

[[release]]
product = "otrs"
version = "7.0.7"
date = "unknown"
line = "7.0"

[[release]]
product = "otrs"
version = "8"
date = "2020-03"
final = true

[[release]]
product = "otrs"
version = "9"
date = "2021"
"#;

const CSV: &str = "product,version,date,kind,line,final,note,lts,support_level,announced,source
otrs,6.0.1,2017-11-21,major,,,first GA of 6.0,true,3,2017-11-14,CHANGES.md
otrs,7.0.7,unknown,,7.0,,,,,,
otrs,8,2020-03,,,true,,,,,
otrs,9,2021,,,,,,,,
";

const JSON: &str = r#"{"releases": [
  {"product": "otrs", "version": "6.0.1", "date": "2017-11-21", "kind": "major",
   "note": "first GA of 6.0", "lts": true, "support_level": 3, "announced": "2017-11-14",
   "source": "CHANGES.md"},
  {"product": "otrs", "version": "7.0.7", "date": "unknown", "line": "7.0"},
  {"product": "otrs", "version": "8", "date": "2020-03", "final": true},
  {"product": "otrs", "version": "9", "date": "2021", "kind": null}
]}"#;

fn parse(text: &str, format: CatalogFormat) -> (Catalog, Vec<Diagnostic>) {
    let (catalog, diags) = parse_catalog(text, format);
    for d in &diags {
        assert!(
            d.primary.span.start <= d.primary.span.end && d.primary.span.end <= text.len(),
            "{d:?}"
        );
    }
    (catalog, diags)
}

/// The one diagnostic with `code` (there must be exactly one) and the text it underlines.
fn one<'a>(text: &'a str, format: CatalogFormat, code: &str) -> (Diagnostic, &'a str) {
    let (_, diags) = parse(text, format);
    let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "expected one `{code}` in {diags:#?}");
    let d = found[0].clone();
    assert!(d.help.is_some(), "{d:?} has no help");
    assert!(
        !d.message.starts_with(char::is_uppercase) && !d.message.ends_with('.'),
        "{d:?}"
    );
    let underlined = d.primary.span.text(text);
    (d, underlined)
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// What a release says, without where it says it.
fn facts(r: &Release) -> Release {
    let mut r = Release {
        row: 0,
        span: Pos::default(),
        version_span: Pos::default(),
        date_span: Pos::default(),
        ..r.clone()
    };
    r.attributes.clear_spans();
    r
}

// ---- types ------------------------------------------------------------------------------------

#[test]
fn release_date_periods() {
    let exact = ReleaseDate::Exact(day(2017, 11, 21));
    assert_eq!(exact.earliest(), Some(day(2017, 11, 21)));
    assert_eq!(exact.latest(), Some(day(2017, 11, 21)));
    assert!(exact.is_exact());
    let month = ReleaseDate::Month { year: 2024, month: 2 };
    assert_eq!(month.earliest(), Some(day(2024, 2, 1)));
    assert_eq!(month.latest(), Some(day(2024, 2, 29)));
    assert!(!month.is_exact());
    let december = ReleaseDate::Month {
        year: 2018,
        month: 12,
    };
    assert_eq!(december.latest(), Some(day(2018, 12, 31)));
    let year = ReleaseDate::Year(2018);
    assert_eq!(
        (year.earliest(), year.latest()),
        (Some(day(2018, 1, 1)), Some(day(2018, 12, 31)))
    );
    assert_eq!(ReleaseDate::Unknown.earliest(), None);
    assert!(ReleaseDate::Unknown.is_unknown());
    assert_eq!(
        ReleaseDate::Month {
            year: 2018,
            month: 13
        }
        .earliest(),
        None
    );
    let shown: Vec<String> = [exact, month, year, ReleaseDate::Unknown]
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(shown, ["2017-11-21", "2024-02", "2018", "unknown"]);
}

#[test]
fn dates_are_read_strictly() {
    assert_eq!(
        parse_date("2017-11-21"),
        Ok(ReleaseDate::Exact(day(2017, 11, 21)))
    );
    assert_eq!(
        parse_date(" 2018-08 "),
        Ok(ReleaseDate::Month { year: 2018, month: 8 })
    );
    assert_eq!(parse_date("2018"), Ok(ReleaseDate::Year(2018)));
    assert_eq!(parse_date("Unknown"), Ok(ReleaseDate::Unknown));
    assert_eq!(parse_date(""), Ok(ReleaseDate::Unknown));
    for bad in [
        "2023-02-30",
        "2018-13",
        "2018-00-01",
        "yesterday",
        "2017-1-5",
        "17-11-21",
        "2017/11/21",
        "+2017",
        "2017-11-21T00:00",
        "２０１７",
    ] {
        assert!(parse_date(bad).is_err(), "{bad}");
    }
    assert_eq!(parse_date("2023-02-30").unwrap_err().help, "2023-02 has 28 days");
    assert_eq!(parse_date("2024-02-30").unwrap_err().help, "2024-02 has 29 days");
}

#[test]
fn format_from_path() {
    assert_eq!(
        CatalogFormat::from_path(Path::new("rules/otrs.releases.toml")),
        Some(CatalogFormat::Toml)
    );
    assert_eq!(
        CatalogFormat::from_path(Path::new("a.CSV")),
        Some(CatalogFormat::Csv)
    );
    assert_eq!(
        CatalogFormat::from_path(Path::new("a.json")),
        Some(CatalogFormat::Json)
    );
    assert_eq!(CatalogFormat::from_path(Path::new("a.yaml")), None);
    assert_eq!(CatalogFormat::from_path(Path::new("csv")), None);
}

#[test]
fn catalog_beside_rule_file() {
    let paths = catalog_paths_for(Path::new("rules/otrs.eol"));
    let names: Vec<String> = paths.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    assert_eq!(
        names,
        [
            "rules/otrs.releases.toml",
            "rules/otrs.releases.csv",
            "rules/otrs.releases.json"
        ]
    );
}

// ---- the three formats ------------------------------------------------------------------------

#[test]
fn toml_catalog() {
    let (catalog, diags) = parse(TOML, CatalogFormat::Toml);
    assert_eq!(diags, []);
    let [first, second, third, fourth] = catalog.releases.as_slice() else {
        panic!("{catalog:#?}")
    };
    assert_eq!(first.product, "otrs");
    assert_eq!(first.version, "6.0.1");
    assert_eq!(first.date, ReleaseDate::Exact(day(2017, 11, 21)));
    assert_eq!(first.kind.as_deref(), Some("major"));
    assert_eq!(first.note.as_deref(), Some("first GA of 6.0"));
    assert_eq!(
        first.attributes.get("lts").cloned().unwrap(),
        AttrValue::Bool(true)
    );
    assert_eq!(
        first.attributes.get("support_level").cloned().unwrap(),
        AttrValue::Number(3)
    );
    assert_eq!(
        first.attributes.get("announced").cloned().unwrap(),
        AttrValue::Date(day(2017, 11, 14))
    );
    assert_eq!(
        first.attributes.get("source").cloned().unwrap(),
        AttrValue::Text("CHANGES.md".into())
    );
    assert_eq!(first.row, 2);
    assert!(first
        .span
        .text(TOML)
        .starts_with("[[release]]\nproduct = \"otrs\""));
    assert!(first.span.text(TOML).ends_with("source = \"CHANGES.md\""));
    assert_eq!(first.version_span.text(TOML), "6.0.1");
    assert_eq!(first.date_span.text(TOML), "2017-11-21");
    assert_eq!(first.attributes.span("source").unwrap().text(TOML), "CHANGES.md");
    assert_eq!(
        (second.date, second.line.as_deref(), second.row),
        (ReleaseDate::Unknown, Some("7.0"), 13)
    );
    assert_eq!(second.date_span.text(TOML), "unknown");
    assert_eq!(
        (third.date, third.is_final),
        (ReleaseDate::Month { year: 2020, month: 3 }, true)
    );
    assert_eq!(fourth.date, ReleaseDate::Year(2021));
}

#[test]
fn csv_catalog() {
    let (catalog, diags) = parse(CSV, CatalogFormat::Csv);
    assert_eq!(diags, []);
    let first = &catalog.releases[0];
    assert_eq!(first.row, 2);
    assert_eq!(
        first.span.text(CSV),
        "otrs,6.0.1,2017-11-21,major,,,first GA of 6.0,true,3,2017-11-14,CHANGES.md"
    );
    assert_eq!(first.version_span.text(CSV), "6.0.1");
    assert_eq!(first.date_span.text(CSV), "2017-11-21");
    // CSV cells are text, but for true/false and days.
    assert_eq!(
        first.attributes.get("support_level").cloned().unwrap(),
        AttrValue::Text("3".into())
    );
    assert_eq!(
        first.attributes.get("lts").cloned().unwrap(),
        AttrValue::Bool(true)
    );
    assert_eq!(
        catalog.releases[1].attributes,
        SmallMap::new(),
        "empty cells are absent"
    );
    assert_eq!(catalog.releases[3].row, 5);
}

#[test]
fn json_catalog() {
    let (catalog, diags) = parse(JSON, CatalogFormat::Json);
    assert_eq!(diags, []);
    let first = &catalog.releases[0];
    assert_eq!(first.row, 2);
    assert!(first.span.text(JSON).starts_with("{\"product\": \"otrs\""));
    assert!(first.span.text(JSON).ends_with("\"CHANGES.md\"}"));
    assert_eq!(first.version_span.text(JSON), "6.0.1");
    assert_eq!(first.date_span.text(JSON), "2017-11-21");
    assert_eq!(catalog.releases[3].kind, None, "null is absent");
    // A top-level array is a catalog too.
    let array = r#"[{"product": "otrs", "version": "6.0.1"}]"#;
    let (catalog, diags) = parse(array, CatalogFormat::Json);
    assert_eq!((catalog.releases.len(), diags), (1, vec![]));
}

#[test]
fn formats_agree() {
    let read = |text, format| {
        parse(text, format)
            .0
            .releases
            .iter()
            .map(facts)
            .collect::<Vec<_>>()
    };
    let toml = read(TOML, CatalogFormat::Toml);
    let json = read(JSON, CatalogFormat::Json);
    let mut csv = read(CSV, CatalogFormat::Csv);
    assert_eq!(toml, json);
    // CSV has no numbers: the one integer attribute is text there.
    csv[0].attributes.insert("support_level", AttrValue::Number(3));
    assert_eq!(toml, csv);
}

#[test]
fn toml_inline_array_of_tables() {
    let text = "release = [\n  { product = \"otrs\", version = \"6.0.1\" },\n  { product = \"otrs\", version = \"6.0.2\" },\n]\n";
    let (catalog, diags) = parse(text, CatalogFormat::Toml);
    assert_eq!(diags, []);
    assert_eq!(catalog.releases[1].version_span.text(text), "6.0.2");
    assert_eq!(catalog.releases[1].row, 3);
}

#[test]
fn csv_quoting_trimming_and_line_endings() {
    let text = "product,version,date,note\r\n otrs ,\"6.0.1\" ,2017-11-21,\"a, \"\"quoted\"\" note\"\r\n,,,\r\n\r\notrs,6.0.2,2017-12-05,\"two\nlines\"\r\notrs,6.0.3,,\r\n";
    let (catalog, diags) = parse(text, CatalogFormat::Csv);
    assert_eq!(diags, []);
    let [a, b, c] = catalog.releases.as_slice() else {
        panic!("{catalog:#?}")
    };
    assert_eq!((a.product.as_str(), a.version.as_str()), ("otrs", "6.0.1"));
    assert_eq!(a.version_span.text(text), "6.0.1");
    assert_eq!(a.note.as_deref(), Some("a, \"quoted\" note"));
    assert_eq!((a.row, b.row, c.row), (2, 5, 7));
    assert_eq!(b.note.as_deref(), Some("two\nlines"));
    assert_eq!(b.date_span.text(text), "2017-12-05");
    assert_eq!(c.date, ReleaseDate::Unknown);
    assert_eq!(c.date_span, c.span, "no date: the span falls back to the row");
}

#[test]
fn byte_order_mark_is_skipped_and_counted() {
    for (text, format) in [
        ("\u{feff}product,version\notrs,6.0.1\n", CatalogFormat::Csv),
        (
            "\u{feff}[[release]]\nproduct = \"otrs\"\nversion = \"6.0.1\"\n",
            CatalogFormat::Toml,
        ),
        (
            "\u{feff}[{\"product\": \"otrs\", \"version\": \"6.0.1\"}]",
            CatalogFormat::Json,
        ),
    ] {
        let (catalog, diags) = parse(text, format);
        assert_eq!(diags, [], "{format:?}");
        assert_eq!(catalog.releases[0].version_span.text(text), "6.0.1", "{format:?}");
    }
    let text = "\u{feff}product,version\notrs,\n";
    let (_, underlined) = one(text, CatalogFormat::Csv, code::EMPTY_VALUE);
    assert_eq!(underlined, "");
}

// ---- every diagnostic -------------------------------------------------------------------------

#[test]
fn syntax_errors() {
    let (d, at) = one(
        "[[release]\nproduct = \"otrs\"\n",
        CatalogFormat::Toml,
        code::SYNTAX,
    );
    assert_eq!(at, "]");
    assert!(d.message.starts_with("invalid TOML"), "{d:?}");
    let (_, at) = one(
        "[[release]]\nproduct = \"otrs\"\ndate = 2023-02-30\n",
        CatalogFormat::Toml,
        code::SYNTAX,
    );
    assert_eq!(
        at, "2023-02-30",
        "TOML itself rejects the day; the whole value is underlined"
    );
    let (_, at) = one(
        "{\"releases\": [\n {\"product\": \"otrs\" \"version\": \"1\"}]}",
        CatalogFormat::Json,
        code::SYNTAX,
    );
    assert_eq!(at, "\"");
    let text = "[{\"product\": \"otrs\",";
    let (d, at) = one(text, CatalogFormat::Json, code::SYNTAX);
    assert_eq!((at, d.primary.span.start), ("", text.len()));
    let (_, at) = one(
        "product,version,note\notrs,1,\"never closed\n",
        CatalogFormat::Csv,
        code::SYNTAX,
    );
    assert_eq!(at, "\"");
}

#[test]
fn empty_catalogs_warn() {
    for (text, format) in [
        ("", CatalogFormat::Toml),
        ("  \n", CatalogFormat::Csv),
        ("", CatalogFormat::Json),
        ("# nothing yet\n", CatalogFormat::Toml),
        ("product,version,date\n", CatalogFormat::Csv),
        ("[]", CatalogFormat::Json),
        ("{\"releases\": []}", CatalogFormat::Json),
        ("{}", CatalogFormat::Json),
    ] {
        let (catalog, diags) = parse(text, format);
        assert!(catalog.is_empty());
        assert_eq!(codes(&diags), [code::EMPTY], "{text:?} {format:?}");
        assert_eq!(diags[0].severity, eol_syntax::Severity::Warning);
    }
    // An error that explains the emptiness is enough.
    let (_, diags) = parse("[[release", CatalogFormat::Toml);
    assert_eq!(codes(&diags), [code::SYNTAX]);
}

#[test]
fn bad_shapes() {
    let (_, at) = one(
        "[release]\nproduct = \"otrs\"\n",
        CatalogFormat::Toml,
        code::BAD_SHAPE,
    );
    assert_eq!(at, "release");
    let (_, at) = one("release = [\"6.0.1\"]\n", CatalogFormat::Toml, code::BAD_SHAPE);
    assert_eq!(at, "\"6.0.1\"");
    let (_, at) = one("release = [2020-01-01]\n", CatalogFormat::Toml, code::BAD_SHAPE);
    assert_eq!(at, "2020-01-01");
    let (_, at) = one("\"otrs\"", CatalogFormat::Json, code::BAD_SHAPE);
    assert_eq!(at, "\"otrs\"");
    let (_, at) = one(
        "{\"releases\": {\"product\": \"otrs\"}}",
        CatalogFormat::Json,
        code::BAD_SHAPE,
    );
    assert_eq!(at, "{\"product\": \"otrs\"}");
    let text = "[{\"product\": \"otrs\", \"version\": \"1\"}, [\"otrs\", \"2\"]]";
    let (_, at) = one(text, CatalogFormat::Json, code::BAD_SHAPE);
    assert_eq!(at, "[\"otrs\", \"2\"]");
    assert_eq!(
        parse(text, CatalogFormat::Json).0.releases.len(),
        1,
        "the good release is still read"
    );
}

#[test]
fn unknown_top_level_keys() {
    let (d, at) = one(
        "[[releases]]\nproduct = \"otrs\"\nversion = \"1\"\n",
        CatalogFormat::Toml,
        code::UNKNOWN_KEY,
    );
    assert_eq!(at, "releases");
    assert!(d.help.unwrap().contains("did you mean `release`?"));
    let (_, at) = one(
        "vendor = \"OTRS\"\n[[release]]\nproduct = \"otrs\"\nversion = \"1\"\n",
        CatalogFormat::Toml,
        code::UNKNOWN_KEY,
    );
    assert_eq!(at, "vendor");
    let (d, at) = one("{\"release\": []}", CatalogFormat::Json, code::UNKNOWN_KEY);
    assert_eq!(at, "release");
    assert!(d.help.unwrap().contains("did you mean `releases`?"));
}

#[test]
fn missing_fields_and_columns() {
    let text = "[[release]]\nproduct = \"otrs\"\ndate = \"2018\"\n";
    let (d, at) = one(text, CatalogFormat::Toml, code::MISSING_FIELD);
    assert_eq!(at, text.trim_end());
    assert!(d.message.contains("`version`"));
    let text = "[{\"version\": \"1\"}]";
    let (d, at) = one(text, CatalogFormat::Json, code::MISSING_FIELD);
    assert_eq!(at, "{\"version\": \"1\"}");
    assert!(d.message.contains("`product`"));
    let (_, at) = one(
        "[{\"product\": \"otrs\", \"version\": null}]",
        CatalogFormat::Json,
        code::MISSING_FIELD,
    );
    assert_eq!(at, "{\"product\": \"otrs\", \"version\": null}");

    let text = "product,Version,date\notrs,1,2020\notrs,2,2021\n";
    let (catalog, diags) = parse(text, CatalogFormat::Csv);
    assert!(catalog.is_empty());
    assert_eq!(
        codes(&diags),
        [code::MISSING_COLUMN, code::SIMILAR_KEY],
        "reported once, not per row"
    );
    let (d, at) = one(text, CatalogFormat::Csv, code::MISSING_COLUMN);
    assert_eq!(at, "product,Version,date");
    assert!(d
        .help
        .unwrap()
        .contains("did you mean `version` for column `Version`?"));
}

#[test]
fn empty_values() {
    let (d, at) = one(
        "[[release]]\nproduct = \"otrs\"\nversion = \"  \"\n",
        CatalogFormat::Toml,
        code::EMPTY_VALUE,
    );
    assert_eq!((at, d.message.as_str()), ("  ", "`version` is empty"));
    let (_, at) = one(
        "[{\"product\": \"\", \"version\": \"1\"}]",
        CatalogFormat::Json,
        code::EMPTY_VALUE,
    );
    assert_eq!(at, "");
    let text = "product,version,date\notrs,,2020-01-01\n";
    let (d, at) = one(text, CatalogFormat::Csv, code::EMPTY_VALUE);
    assert_eq!(
        (at, d.primary.span.start),
        ("", "product,version,date\notrs,".len())
    );
    assert_eq!(
        parse(text, CatalogFormat::Csv).1.len(),
        1,
        "no second report of a missing version"
    );
}

#[test]
fn bad_dates() {
    for (text, format, bad) in [
        (
            "[[release]]\nproduct = \"otrs\"\nversion = \"1\"\ndate = \"2023-02-30\"\n",
            CatalogFormat::Toml,
            "2023-02-30",
        ),
        (
            "[[release]]\nproduct = \"otrs\"\nversion = \"1\"\ndate = \"yesterday\"\n",
            CatalogFormat::Toml,
            "yesterday",
        ),
        (
            "product,version,date\notrs,1, 2018-13 \n",
            CatalogFormat::Csv,
            "2018-13",
        ),
        (
            "[{\"product\": \"otrs\", \"version\": \"1\", \"date\": \"21.11.2017\"}]",
            CatalogFormat::Json,
            "21.11.2017",
        ),
        // An attribute shaped like a day must be one.
        (
            "product,version,eol\notrs,1,2021-02-29\n",
            CatalogFormat::Csv,
            "2021-02-29",
        ),
    ] {
        let (d, at) = one(text, format, code::BAD_DATE);
        assert_eq!(at, bad, "{format:?}");
        assert!(d.message.contains(&format!("`{bad}`")), "{d:?}");
    }
    // The release is kept, with an unknown date, so its line still counts.
    let (catalog, _) = parse("product,version,date\notrs,1,yesterday\n", CatalogFormat::Csv);
    assert_eq!(catalog.releases[0].date, ReleaseDate::Unknown);
}

#[test]
fn wrong_types() {
    for (text, format, bad, expected) in [
        (
            "[[release]]\nproduct = \"otrs\"\nversion = 7.0\n",
            CatalogFormat::Toml,
            "7.0",
            "text",
        ),
        (
            "[[release]]\nproduct = \"otrs\"\nversion = \"8\"\ndate = 2018\n",
            CatalogFormat::Toml,
            "2018",
            "a date",
        ),
        (
            "[[release]]\nproduct = \"otrs\"\nversion = \"8\"\nfinal = \"yes\"\n",
            CatalogFormat::Toml,
            "yes",
            "`true` or `false`",
        ),
        (
            "[[release]]\nproduct = \"otrs\"\nversion = \"8\"\nlts = { since = 2020 }\n",
            CatalogFormat::Toml,
            "{ since = 2020 }",
            "a table",
        ),
        (
            "[[release]]\nproduct = \"otrs\"\nversion = \"8\"\n[release.support]\nlevel = 1\n",
            CatalogFormat::Toml,
            "[release.support]\nlevel = 1",
            "a table",
        ),
        (
            "[[release]]\nproduct = \"otrs\"\nversion = \"8\"\nchannels = [\"a\", \"b\"]\n",
            CatalogFormat::Toml,
            "[\"a\", \"b\"]",
            "an array",
        ),
        (
            "[[release]]\nproduct = \"otrs\"\nversion = \"8\"\ndate = 2020-01-01T10:00:00\n",
            CatalogFormat::Toml,
            "2020-01-01T10:00:00",
            "no time",
        ),
        (
            "[[release]]\nproduct = \"otrs\"\nversion = \"8\"\nscore = 1.5\n",
            CatalogFormat::Toml,
            "1.5",
            "decimal",
        ),
        (
            "product,version,final\notrs,8,yes\n",
            CatalogFormat::Csv,
            "yes",
            "`true` or `false`",
        ),
        (
            "[{\"product\": \"otrs\", \"version\": 8}]",
            CatalogFormat::Json,
            "8",
            "text",
        ),
        (
            "[{\"product\": \"otrs\", \"version\": \"8\", \"kind\": [\"major\"]}]",
            CatalogFormat::Json,
            "[\"major\"]",
            "an array",
        ),
        (
            "[{\"product\": \"otrs\", \"version\": \"8\", \"final\": \"true\"}]",
            CatalogFormat::Json,
            "true",
            "without quotes",
        ),
        (
            "[{\"product\": \"otrs\", \"version\": \"8\", \"big\": 99999999999999999999}]",
            CatalogFormat::Json,
            "99999999999999999999",
            "too large",
        ),
    ] {
        let (d, at) = one(text, format, code::WRONG_TYPE);
        assert_eq!(at, bad, "{text}");
        let said = format!("{} {}", d.message, d.help.unwrap_or_default());
        assert!(said.contains(expected), "{said}");
    }
    let (_, diags) = parse(
        "[[release]]\nproduct = \"otrs\"\nversion = 7.0\n",
        CatalogFormat::Toml,
    );
    assert_eq!(
        codes(&diags),
        [code::WRONG_TYPE],
        "no second report of a missing version"
    );
}

#[test]
fn field_counts() {
    let text = "product,version,date\notrs,6.0.1,2017-11-21,extra\notrs,6.0.2\notrs,6.0.3,2017-12-19\n";
    let (catalog, diags) = parse(text, CatalogFormat::Csv);
    assert_eq!(codes(&diags), [code::FIELD_COUNT, code::FIELD_COUNT]);
    assert_eq!(diags[0].primary.span.text(text), "otrs,6.0.1,2017-11-21,extra");
    assert_eq!(diags[0].message, "this row has 4 fields, the header has 3 fields");
    assert_eq!(diags[1].primary.span.text(text), "otrs,6.0.2");
    assert_eq!(
        catalog.releases.len(),
        1,
        "rows that cannot be matched to columns are not read"
    );
}

#[test]
fn header_problems() {
    let text = "product,version,,note,note\notrs,1,x,a,b\n";
    let (catalog, diags) = parse(text, CatalogFormat::Csv);
    assert_eq!(codes(&diags), [code::EMPTY_COLUMN_NAME, code::DUPLICATE_KEY]);
    assert_eq!(diags[0].primary.span.start, "product,version,".len());
    assert_eq!(diags[1].primary.span.text(text), "note");
    assert_eq!(diags[1].primary.span.start, "product,version,,note,".len());
    assert_eq!(diags[1].related[0].span.text(text), "note");
    assert_eq!(
        catalog.releases[0].note.as_deref(),
        Some("a"),
        "the first column wins"
    );
}

#[test]
fn duplicate_keys_in_json() {
    let text = "[{\"product\": \"otrs\", \"version\": \"1\", \"version\": \"2\"}]";
    let (d, at) = one(text, CatalogFormat::Json, code::DUPLICATE_KEY);
    assert_eq!(at, "version");
    assert_eq!(d.primary.span.start, text.rfind("version").unwrap());
    assert_eq!(d.related[0].span.start, text.find("version").unwrap());
    assert_eq!(parse(text, CatalogFormat::Json).0.releases[0].version, "1");
}

#[test]
fn rows_of_different_explicit_lines_may_share_a_version() {
    let text =
        "product,version,date,line\nws,10.0.17763,2018-11-13,2019\nws,10.0.17763,2018-11-13,1809-sac\n";
    let (catalog, diags) = parse(text, CatalogFormat::Csv);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(catalog.releases.len(), 2);
}

#[test]
fn duplicate_releases() {
    let text = "product,version,date\notrs,6.0.1,2017-11-21\notrs,6.0.2,2017-12-05\notrs,6.0.1,2017-11-22\nznuny,6.0.1,2021-01-27\n";
    let (d, at) = one(text, CatalogFormat::Csv, code::DUPLICATE_RELEASE);
    assert_eq!(at, "6.0.1");
    assert_eq!(
        d.primary.span.start,
        text.find("otrs,6.0.1,2017-11-22").unwrap() + 5
    );
    assert_eq!(d.related[0].span.start, text.find("6.0.1").unwrap());
    let catalog = parse(text, CatalogFormat::Csv).0;
    assert_eq!(
        catalog.releases.len(),
        3,
        "same version of another product is no duplicate"
    );
    assert_eq!(
        catalog.releases[0].date,
        ReleaseDate::Exact(day(2017, 11, 21)),
        "the first entry is kept"
    );
    assert_eq!(catalog.product("znuny").count(), 1);
}

/// Keys that differ but share a hash are told apart: under a hasher that gives every key
/// the same hash, duplicates are found exactly as with the real one.
#[test]
fn duplicate_releases_when_every_hash_collides() {
    #[derive(Default)]
    struct Constant;
    impl std::hash::Hasher for Constant {
        fn finish(&self) -> u64 {
            7
        }
        fn write(&mut self, _: &[u8]) {}
    }
    let text = "product,version,date,line\notrs,6.0.1,2017-11-21,\notrs,6.0.2,2017-12-05,\notrs,6.0.1,2017-11-22,\nznuny,6.0.1,2021-01-27,\notrs,6.0.2,2018-01-01,\nws,10.0,2018-11-13,2019\nws,10.0,2018-11-13,1809\nws,10.0,2018-11-14,2019\n";
    let (expected, expected_diags) = parse(text, CatalogFormat::Csv);
    assert_eq!((expected.releases.len(), expected_diags.len()), (5, 3));
    let (all, mut diags) = parse_catalog_without_duplicates_check(text);
    let kept = drop_duplicates_hashed(
        all,
        &mut diags,
        &std::hash::BuildHasherDefault::<Constant>::default(),
    );
    diags.sort_by_key(|d| d.primary.span.start);
    assert_eq!(kept, expected.releases);
    assert_eq!(diags, expected_diags);
}

/// Every release of a CSV text, duplicates included.
fn parse_catalog_without_duplicates_check(text: &str) -> (Vec<Release>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let src = std::sync::Arc::new(text.to_owned());
    let mut builder = build::Builder::new(text, &src, 0);
    let mut releases = Vec::new();
    from_csv::read(text, &mut diags, &mut |raw, diags| {
        releases.extend(builder.build(raw, diags));
    });
    (releases, diags)
}

#[test]
fn similar_keys_warn_once() {
    let text = "[[release]]\nproduct = \"otrs\"\nversion = \"1\"\nnotes = \"a\"\n\n[[release]]\nproduct = \"otrs\"\nversion = \"2\"\nnotes = \"b\"\n";
    let (d, at) = one(text, CatalogFormat::Toml, code::SIMILAR_KEY);
    assert_eq!((at, d.severity), ("notes", eol_syntax::Severity::Warning));
    assert!(d.primary.text.contains("`note`"));
    // Still read, as an attribute.
    assert_eq!(
        parse(text, CatalogFormat::Toml).0.releases[1]
            .attributes
            .get("notes")
            .cloned()
            .unwrap(),
        AttrValue::Text("b".into())
    );
    let (_, at) = one(
        "product,version,release_date\notrs,1,2020-01-01\n",
        CatalogFormat::Csv,
        code::SIMILAR_KEY,
    );
    assert_eq!(at, "release_date");
    // Ordinary attribute names are left alone.
    let (_, diags) = parse(
        "product,version,lts,edition,channel,source,link,name,type\notrs,1,true,ee,stable,x,y,z,w\n",
        CatalogFormat::Csv,
    );
    assert_eq!(diags, []);
}

/// Every code in [`CATALOG_CODES`] is produced by some input, and nothing else is.
#[test]
fn every_code_is_listed_and_reachable() {
    let samples: &[(&str, CatalogFormat)] = &[
        ("[[release", CatalogFormat::Toml),
        ("", CatalogFormat::Csv),
        ("[release]\n", CatalogFormat::Toml),
        ("x = 1\n", CatalogFormat::Toml),
        ("[{\"product\": \"otrs\"}]", CatalogFormat::Json),
        ("product,date\notrs,2020\n", CatalogFormat::Csv),
        ("product,version\notrs,\n", CatalogFormat::Csv),
        ("product,version,date\notrs,1,2023-02-30\n", CatalogFormat::Csv),
        ("product,version,final\notrs,1,yes\n", CatalogFormat::Csv),
        ("product,version\notrs,1,x\n", CatalogFormat::Csv),
        ("product,version,\notrs,1,\n", CatalogFormat::Csv),
        ("product,version,version\notrs,1,2\n", CatalogFormat::Csv),
        ("product,version\notrs,1\notrs,1\n", CatalogFormat::Csv),
        ("product,version,notes\notrs,1,x\n", CatalogFormat::Csv),
    ];
    let mut seen: Vec<&str> = samples
        .iter()
        .flat_map(|(text, format)| codes(&parse(text, *format).1))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    let mut listed = CATALOG_CODES.to_vec();
    listed.sort_unstable();
    assert_eq!(seen, listed);
    assert!(CATALOG_CODES.iter().all(|c| c.starts_with("eol::catalog-")));
}

/// docs/catalogs.md documents every code.
#[test]
fn every_code_is_documented() {
    let docs = include_str!("../../../../docs/catalogs.md");
    for code in CATALOG_CODES {
        assert!(
            docs.contains(&format!("`{code}`")),
            "docs/catalogs.md does not list `{code}`"
        );
    }
}

// ---- the shipped seed catalogs ----------------------------------------------------------------

#[test]
fn seed_catalogs_read_cleanly() {
    for (name, text, products) in [
        (
            "otrs",
            include_str!("../../../../rules/otrs.releases.csv"),
            &["otrs"][..],
        ),
        (
            "liferay",
            include_str!("../../../../rules/liferay.releases.csv"),
            &["liferay-dxp", "liferay-portal-ee"][..],
        ),
    ] {
        let (catalog, diags) = parse(text, CatalogFormat::Csv);
        assert_eq!(diags, [], "{name}");
        assert!(
            catalog
                .releases
                .iter()
                .all(|r| products.contains(&r.product.as_str())),
            "{name}"
        );
        assert!(
            catalog
                .releases
                .iter()
                .all(|r| r.attributes.contains_key("source")),
            "{name}: every row cites a source"
        );
    }
    let (otrs, _) = parse(
        include_str!("../../../../rules/otrs.releases.csv"),
        CatalogFormat::Csv,
    );
    let seven = otrs.releases.iter().find(|r| r.version == "7.0.7").unwrap();
    assert_eq!(seven.date, ReleaseDate::Unknown);
    assert!(seven.note.as_deref().unwrap_or("").contains("7.0.7"));
    let eight = otrs.releases.iter().find(|r| r.version == "8").unwrap();
    assert_eq!(eight.date, ReleaseDate::Month { year: 2020, month: 3 });
    let (liferay, _) = parse(
        include_str!("../../../../rules/liferay.releases.csv"),
        CatalogFormat::Csv,
    );
    let ga1 = liferay
        .releases
        .iter()
        .find(|r| r.product == "liferay-dxp" && r.version == "7.0.10")
        .unwrap();
    assert_eq!(ga1.date, ReleaseDate::Month { year: 2016, month: 6 });
}

// ---- no input panics --------------------------------------------------------------------------

const BROKEN: &[&str] = &[
    "[[release]]\nproduct = \"otrs\"\nversion = \"1\"\ndate = \"2023-02-30\"\nx = { a = [1, {b = 2}] }\n",
    "product,version,date\n\"a\"\"b\",\"\",\"\n",
    "{\"releases\": [{\"product\": \"\\u00e9\\\"\", \"version\": \"1\", \"x\": [[[[]]]], \"y\": -1e999}]}",
    "\u{feff}\r\n\r\n,,\r\n\"",
    "[[release]]\n\"\u{e9}\" = '''\nmulti\n'''\nproduct = \"ü\"\nversion = \"ß\"\n",
];

fn assert_no_panic(text: &str) {
    for format in CatalogFormat::ALL {
        let (catalog, diags) = parse_catalog(text, format);
        for d in &diags {
            let span = d.primary.span;
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{format:?} {text:?}: {d:?}"
            );
        }
        for r in &catalog.releases {
            for span in [r.span.span(), r.version_span.span(), r.date_span.span()] {
                assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "{format:?} {text:?}: {r:?}"
                );
            }
            assert!(r.row >= 1);
        }
    }
}

#[test]
fn every_prefix_of_every_sample_is_survived() {
    for text in [TOML, CSV, JSON].iter().chain(BROKEN) {
        for (end, _) in text.char_indices() {
            assert_no_panic(&text[..end]);
            assert_no_panic(&text[end..]);
        }
    }
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        assert_no_panic(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn catalog_like_noise_never_panics(text in "[\\[\\]{}\":,=\\n\\r 'a-z0-9.\\-]{0,200}") {
        assert_no_panic(&text);
    }

    #[test]
    fn mutated_samples_never_panic(pick in 0usize..3, at in 0usize..1000, byte in any::<u8>()) {
        let sample = [TOML, CSV, JSON][pick].as_bytes();
        let mut bytes = sample.to_vec();
        let at = at % bytes.len();
        bytes[at] = byte;
        assert_no_panic(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn a_release_is_compact() {
    // Text fields are ranges of the file's text (16 bytes each), spans two `u32`s each, the
    // attribute map its one entry in place (a row's usual `lts`) or one boxed slice (values
    // and their spans together): a million rows must stay well under the 700 bytes a row of
    // issue 16.
    let size = std::mem::size_of::<Release>();
    assert!(size <= 176, "a Release is {size} bytes");
    assert!(std::mem::size_of::<SmallMap<AttrValue>>() <= 48);
}

#[test]
fn values_are_ranges_of_the_text_or_copies_when_unescaped() {
    let text = "\u{feff}product,version,kind,edition\notrs,6.0.1,\"ma\"\"jor\", pro \n";
    let (catalog, diags) = parse(text, CatalogFormat::Csv);
    assert!(diags.is_empty(), "{diags:?}");
    let r = &catalog.releases[0];
    assert_eq!((r.product.as_str(), r.version.as_str()), ("otrs", "6.0.1"));
    assert_eq!(r.kind.as_deref(), Some("ma\"jor"));
    assert_eq!(r.attributes.get("edition"), Some(&AttrValue::Text("pro".into())));
    assert_eq!(r.version_span.text(text), "6.0.1");
}
