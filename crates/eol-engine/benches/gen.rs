//! Generated knowledge bases for the benchmarks: rule files and catalogs of any size.

use std::fmt::Write as _;

#[allow(dead_code)] // not every benchmark reads rules
/// `n` policies exercising most constructs (several phases, `newer` with and without
/// conditions, snapping, `when`, milestones, overrides, comments, translations).
pub fn rules(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = write!(
            s,
            r#"# Product {i}: "supported until two newer releases ship"
policy p{i} "Product {i}" de "Produkt {i}" {{
  vendor "Vendor {v}"
  versions "major.minor.patch"
  line major.minor
  attribute lts
  cadence line every 6 months
  cadence patch every 2 weeks

  service fixes "Bug fixes" de "Fehlerbehebungen"
  service security "Security fixes" de "Sicherheitskorrekturen"

  phase active "Active support" role active {{
    from first_ship
    until first_ship(newer 1)
    provides fixes, security
  }}
  phase maintenance "Security support" role security {{
    from end(active)
    until max(first_ship + 18 months, first_ship(newer 2))
    provides security
  }}
  when lts {{
    phase maintenance {{
      until next(2nd tuesday, first_ship + 3 years)
    }}
  }}
  when minor is even and line >= 2.0 {{
    phase maintenance {{
      until end_of_month(first_ship(newer 1 where lts) + 6 months)
    }}
  }}
  milestone last_ship "Last ship date" = first_ship + 2 years
  override line 1.{o} maintenance.end = 2030-01-31 because "benchmark exception"
}}

"#,
            v = i % 50,
            o = i % 10
        );
    }
    s
}

#[allow(dead_code)] // not every benchmark reads a catalog
/// A CSV catalog of `total` releases spread over `policies` products: lines of ten
/// releases, every fourth line LTS.
pub fn catalog(policies: usize, total: usize) -> String {
    let per_policy = (total / policies.max(1)).max(1);
    let per_line = per_policy.min(10);
    let lines = per_policy.div_ceil(per_line);
    let mut s = String::with_capacity(total * 40);
    s.push_str("product,version,date,kind,lts\n");
    let base = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let mut written = 0;
    for p in 0..policies {
        'lines: for l in 0..lines {
            let first = base + chrono::Days::new((l as u64) * 180 + (p as u64 % 30));
            let lts = if l % 4 == 0 { "true" } else { "false" };
            for r in 0..per_line {
                if written >= total {
                    break 'lines;
                }
                let date = first + chrono::Days::new(r as u64 * 14);
                let kind = if r == 0 { "minor" } else { "patch" };
                let _ = writeln!(s, "p{p},{}.{}.{r},{date},{kind},{lts}", 1 + l / 10, l % 10);
                written += 1;
            }
        }
    }
    s
}

#[allow(dead_code)] // not every benchmark reads it
/// A policy whose end is `unless declared`, with `n` lines' dates pinned: odd lines
/// declared, even ones overridden.
pub fn pinned_policy(n: usize) -> String {
    let mut text = String::from(
        "policy acme \"Acme\" {\n  line major\n  service s\n  phase a role active {\n    from first_ship\n    until first_ship(newer 2) unless declared\n    provides s\n  }\n",
    );
    for i in 1..=n {
        if i % 2 == 1 {
            text.push_str(&format!(
                "  declare line {i} a.end = 2030-01-01 because \"announced {i}\"\n"
            ));
        } else {
            text.push_str(&format!(
                "  override line {i} a.end = 2031-01-01 because \"exception {i}\"\n"
            ));
        }
    }
    text.push_str("}\n");
    text
}

#[allow(dead_code)] // not every benchmark reads it
/// The catalog of [`pinned_policy`]: lines `1` to `n`, one release a day from 1900.
pub fn pinned_catalog(n: usize) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
    let mut s = String::from("product,version,date\n");
    for i in 1..=n {
        let day = start + chrono::Duration::days(i as i64);
        let _ = writeln!(s, "acme,{i}.0,{day}");
    }
    s
}
