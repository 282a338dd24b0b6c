//! `eol export` and `eol timeline` on the seed rule files: the documents snapshotted,
//! the iCalendar read back by a maintained parser (the `icalendar` crate), and the
//! timeline drawn by headless Chromium and counted bar by bar on the screenshot.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::process::{Command, Output};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const LIFERAY: &str = "rules/liferay.eol";
const OTRS: &str = "rules/otrs.eol";

fn eol(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(args)
        // the named rule files only, as the documents and pictures are about them
        .arg("--no-bundled")
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(args: &[&str]) -> String {
    let out = eol(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn endoflife_v1_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("api-copy");
    let d = dir.to_str().unwrap();
    let out = eol(&[
        "export",
        "endoflife-v1",
        "--rules",
        OTRS,
        "--at",
        "2019-06-01",
        "-o",
        d,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files = Vec::new();
    walk(&dir, &dir, &mut files);
    files.sort();
    insta::assert_snapshot!("endoflife_v1_files", files.join("\n"));
    let product = std::fs::read_to_string(dir.join("api/v1/products/otrs/index.json")).unwrap();
    insta::assert_snapshot!("endoflife_v1_otrs", product);
    let doc: serde_json::Value = serde_json::from_str(&product).unwrap();
    assert_eq!(doc["result"]["releases"][0]["name"], "8.0", "newest first");
    // An existing directory is refused without --force, and written with it.
    let again = eol(&[
        "export",
        "endoflife-v1",
        "--rules",
        OTRS,
        "--at",
        "2019-06-01",
        "-o",
        d,
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists; pass --force"));
    let forced = eol(&[
        "export",
        "endoflife-v1",
        "--rules",
        OTRS,
        "--at",
        "2019-06-01",
        "-o",
        d,
        "--force",
    ]);
    assert_eq!(forced.status.code(), Some(0));
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(root, &p, out);
        } else {
            out.push(p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn cyclonedx_and_openeox() {
    insta::assert_snapshot!(
        "cyclonedx_otrs",
        stdout(&["export", "cyclonedx", "--rules", OTRS, "--at", "2019-06-01"])
    );
    insta::assert_snapshot!(
        "openeox_otrs",
        stdout(&["export", "openeox", "--rules", OTRS, "--at", "2019-06-01"])
    );
}

/// A calendar event says where a date that is not derived comes from: the vendor's
/// announcement (`declare`), an override.
#[test]
fn icalendar_says_an_announced_or_overridden_date() {
    let unfolded = |args: &[&str]| icalendar::parser::unfold(&stdout(args)).to_string();
    let redis = unfolded(&[
        "export",
        "ical",
        "--rules",
        "rules/redis.eol",
        "--at",
        "2026-08-22",
    ]);
    assert!(
        redis.contains(
            "DESCRIPTION:Maintenance only of Redis 7.2 ends: the last day is 2029-11-30. The vendor announced the date."
        ),
        "{redis}"
    );
    let node = unfolded(&[
        "export",
        "ical",
        "--rules",
        "rules/nodejs.eol",
        "--at",
        "2026-08-22",
    ]);
    assert!(
        node.contains("DESCRIPTION:Maintenance of Node.js 16 ends: the last day is 2023-09-11. The date is an exception the rules state."),
        "{node}"
    );
}

#[test]
fn icalendar_is_valid_rfc5545() {
    let text = stdout(&[
        "export",
        "ical",
        "--rules",
        LIFERAY,
        "--at",
        "2025-06-01",
        "--lang",
        "de",
    ]);
    // Content lines end in CRLF and are folded at 75 octets.
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
        assert!(!line.contains('\n'), "bare LF in {line:?}");
    }
    let unfolded = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&unfolded).unwrap();
    let prop = |props: &[icalendar::parser::Property<'_>], name: &str| {
        props
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.val.as_str().to_owned())
    };
    assert_eq!(prop(&cal.properties, "VERSION").as_deref(), Some("2.0"));
    assert!(prop(&cal.properties, "PRODID").is_some());
    let events: Vec<_> = cal.components.iter().filter(|c| c.name == "VEVENT").collect();
    // One event per dated phase end: two phases for every Liferay line but the pending 7.4 end.
    let json: serde_json::Value = serde_json::from_str(&stdout(&[
        "eval",
        LIFERAY,
        "rules/liferay.releases.csv",
        "--at",
        "2025-06-01",
        "--format",
        "json",
    ]))
    .unwrap();
    let dated = json["products"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["lines"].as_array().unwrap())
        .flat_map(|l| l["phases"].as_array().unwrap())
        .filter(|ph| !ph["end"]["date"].is_null())
        .count();
    assert_eq!(events.len(), dated);
    let mut uids = std::collections::HashSet::new();
    for e in &events {
        for required in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"] {
            assert!(
                prop(&e.properties, required).is_some(),
                "event without {required}"
            );
        }
        assert!(
            uids.insert(prop(&e.properties, "UID").unwrap()),
            "UIDs are unique"
        );
        let start = e.properties.iter().find(|p| p.name == "DTSTART").unwrap();
        assert!(start
            .params
            .iter()
            .any(|p| p.key == "VALUE" && p.val.as_ref().is_some_and(|v| v.as_str() == "DATE")));
        assert_eq!(start.val.as_str().len(), 8);
        let alarms: Vec<_> = e.components.iter().filter(|c| c.name == "VALARM").collect();
        let triggers: Vec<String> = alarms
            .iter()
            .filter_map(|a| prop(&a.properties, "TRIGGER"))
            .collect();
        assert_eq!(triggers, ["-P365D", "-P90D", "-P30D"]);
        assert!(alarms
            .iter()
            .all(|a| prop(&a.properties, "ACTION").as_deref() == Some("DISPLAY")));
    }
    // German labels where the rules give them.
    assert!(text.contains("Liferay DXP"));
    // The crate's own model reads it too.
    let parsed: icalendar::Calendar = unfolded.parse().unwrap();
    assert_eq!(parsed.components.len(), events.len());
}

#[test]
fn timeline_svg_structure() {
    let svg = stdout(&["timeline", "--rules", OTRS, "--at", "2019-06-01"]);
    insta::assert_snapshot!("timeline_otrs_svg", svg);
    let html = stdout(&[
        "timeline",
        "--rules",
        OTRS,
        "--at",
        "2019-06-01",
        "--format",
        "html",
    ]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    assert!(!html.contains("<script"), "the page is self-contained");
}

#[test]
fn timeline_with_no_lines() {
    let out = eol(&[
        "timeline",
        "--rules",
        OTRS,
        "--at",
        "2019-06-01",
        "--since",
        "2100-01-01",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("nothing to draw: every release line ended before 2100-01-01"));
}

/// The committed pictures in docs/ are what `eol timeline` draws.
#[test]
fn docs_timelines_are_up_to_date() {
    for (rules, at, name) in [(LIFERAY, "2025-06-01", "liferay"), (OTRS, "2019-06-01", "otrs")] {
        let svg = stdout(&["timeline", "--rules", rules, "--at", at]);
        let committed = std::fs::read_to_string(format!("{ROOT}/docs/timeline-{name}.svg")).unwrap();
        assert!(svg == committed, "docs/timeline-{name}.svg is out of date: run `eol timeline --rules {rules} --at {at} -o docs/timeline-{name}.svg`");
    }
}

/// Headless Chromium draws the SVG; on the screenshot, every line's row shows as many
/// bars (runs of a bar colour along a scanline through the bars) as the SVG has.
#[test]
fn timeline_renders_in_chromium() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        if std::env::var_os("CI").is_some() {
            panic!("chromium is not installed; .ci/run installs it (apt-get install -y chromium)");
        }
        eprintln!("SKIPPED timeline_renders_in_chromium: chromium cannot be started here (apt-get install chromium)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let svg_path = tmp.path().join("liferay.svg");
    let png_path = tmp.path().join("liferay.png");
    let svg = stdout(&["timeline", "--rules", LIFERAY, "--at", "2025-06-01"]);
    std::fs::write(&svg_path, &svg).unwrap();
    let height: f64 = svg
        .split("height=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .and_then(|h| h.parse().ok())
        .unwrap();
    let profile = tmp.path().join("profile");
    let mut out = Command::new(chromium);
    out.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(format!("--screenshot={}", png_path.display()))
    .arg(format!("--window-size=1000,{}", height.ceil() as u32))
    .arg(format!("file://{}", svg_path.display()));
    let out = with_deadline(out, tmp.path(), std::time::Duration::from_secs(120));
    if !png_path.exists() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "chromium made no screenshot: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        eprintln!(
            "SKIPPED timeline_renders_in_chromium: chromium could not start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png_path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let (w, h) = (info.width as usize, info.height as usize);
    let pixel = |x: usize, y: usize| {
        let i = (y * w + x) * channels;
        (buf[i], buf[i + 1], buf[i + 2])
    };
    // Not blank: a good share of the picture is neither white nor near it.
    let inked = (0..h)
        .step_by(2)
        .flat_map(|y| (0..w).step_by(2).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let (r, g, b) = pixel(x, y);
            r < 200 || g < 200 || b < 200
        });
    assert!(inked.count() > 2000, "the screenshot is blank");
    // Bar colours, solid and pale; the red rule at --at crosses bars without ending them.
    let hex = |s: &str| {
        let v = u32::from_str_radix(s.trim_start_matches('#'), 16).unwrap();
        ((v >> 16) as u8, (v >> 8) as u8, v as u8)
    };
    let mut bar_colours: Vec<(u8, u8, u8)> = eol_engine::timeline::COLOURS
        .iter()
        .flat_map(|(a, b)| [hex(a), hex(b)])
        .collect();
    bar_colours.push(hex(eol_engine::timeline::PENDING));
    let red = hex(eol_engine::timeline::TODAY);
    let near = |a: (u8, u8, u8), b: (u8, u8, u8)| {
        a.0.abs_diff(b.0) <= 6 && a.1.abs_diff(b.1) <= 6 && a.2.abs_diff(b.2) <= 6
    };
    // Each line group: its scanline and its bars.
    let mut checked = 0;
    for group in svg.split("<g class=\"line\"").skip(1) {
        let group = group.split("</g>").next().unwrap();
        let expected = group.matches("<rect class=\"bar\"").count();
        let Some(y) = group
            .split("<rect class=\"bar\"")
            .nth(1)
            .and_then(|r| r.split(" y=\"").nth(1))
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse::<f64>().ok())
        else {
            continue;
        };
        // One pixel below the top edge: above the milestone diamonds (5 px around the
        // row's middle, 8 px below the top).
        let y = y as usize + 1;
        let mut runs = 0;
        let mut current: Option<(u8, u8, u8)> = None;
        for x in 0..w {
            let p = pixel(x, y);
            if near(p, red) {
                continue;
            }
            let c = bar_colours.iter().copied().find(|c| near(p, *c));
            if c.is_some() && c != current {
                runs += 1;
            }
            current = c;
        }
        let line = group
            .split("data-line=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap();
        assert_eq!(
            runs, expected,
            "line {line}: {runs} bars on the screenshot, {expected} in the SVG"
        );
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} lines checked");
    if std::env::var_os("EOL_KEEP_SCREENSHOT").is_some() {
        std::fs::copy(&png_path, format!("{ROOT}/docs/timeline-liferay.png")).unwrap();
    }
}

/// What a browser run printed; a browser that hangs is killed after `limit`, failing the test
/// rather than the whole CI run.
struct Ran {
    stderr: Vec<u8>,
}

fn with_deadline(mut cmd: Command, dir: &Path, limit: std::time::Duration) -> Ran {
    let err_path = dir.join("browser.stderr");
    let err = std::fs::File::create(&err_path).unwrap();
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(err)
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the browser did not finish within {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Ran {
        stderr: std::fs::read(&err_path).unwrap_or_default(),
    }
}
