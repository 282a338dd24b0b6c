//! `eol eval` beside a plain csv-crate reader of the same catalog: whole-process CPU time
//! and peak memory, at 10,000, 100,000 and 1,000,000 releases (issue 16).
//!
//! ```sh
//! cargo bench -p eol-cli --bench vs_csv
//! EOL_BENCH_SIZES=10000,100000 EOL_BENCH_RUNS=3 cargo bench -p eol-cli --bench vs_csv
//! ```
//!
//! The generated knowledge base is the one of the engine's benchmarks
//! (`crates/eol-engine/benches/gen.rs`: 1,000 policies, lines of ten releases, every fourth
//! line LTS), written to a temporary directory as `bench.eol` and `bench.releases.csv`,
//! except that every policy's override names line 1.0, which every size has (see
//! `compare`: otherwise only the smallest catalog draws warnings).
//! Each measurement is a process of its own, so that its peak memory is its own: this
//! benchmark starts itself as a measurer (`--measure CMD...`), which starts the command,
//! waits for it and reads the child's resource usage (`getrusage(RUSAGE_CHILDREN)`: user +
//! system CPU, maximum resident set). The two commands measured:
//!
//! - `eol eval --no-bundled --at 2026-01-01 --format csv bench.eol > /dev/null`: load the
//!   rule file and the catalog, evaluate every line, write the CSV table;
//! - the plain reader (`--read-csv FILE`, below): the csv crate reads every row into an
//!   owned struct, parsing its date, and keeps them all, as a loader that does nothing else
//!   would.
//!
//! Every size's files are written first (`<size>/bench.eol`, `<size>/bench.releases.csv`);
//! then each of `EOL_BENCH_RUNS` rounds (default 5) measures every size, the reader and
//! `eol eval` one after the other, so that a machine that gets busier during the benchmark
//! slows every size alike. Each figure is the median of the rounds; the cost of a row
//! between two sizes is also given from the fastest run of each (in brackets).
//! `EOL_BENCH_DIR=DIR` writes the generated files to DIR and leaves them there, to profile
//! `eol eval` on them. `EOL_BENCH_EOL=PATH` measures another build of `eol` (a baseline)
//! instead of this one. The table is printed on standard output, and written to the file
//! named by `EOL_BENCH_OUT` when set.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

#[path = "../../eol-engine/benches/gen.rs"]
mod gen;

const POLICIES: usize = 1_000;
const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--measure") => measure(&args[1..]),
        Some("--read-csv") => read_csv(Path::new(&args[1])),
        // `cargo test --benches` runs benchmarks in test mode: nothing to check here.
        _ if args.iter().any(|a| a == "--test") => {}
        _ => compare(),
    }
}

/// One process's cost: CPU seconds (user + system) and peak resident memory in bytes.
#[derive(Clone, Copy)]
struct Cost {
    cpu: f64,
    peak: f64,
}

/// Runs `cmd` with its output thrown away and prints the child's usage as
/// `CPU_SECONDS PEAK_BYTES`.
fn measure(cmd: &[String]) {
    let status = Command::new(&cmd[0])
        .args(&cmd[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("start the measured command");
    assert!(status.success(), "{cmd:?} failed: {status}");
    let usage =
        nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN).expect("getrusage");
    let secs = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
    let cpu = secs(usage.user_time()) + secs(usage.system_time());
    // Linux reports the maximum resident set in KiB.
    println!("{cpu} {}", usage.max_rss() as f64 * 1024.0);
}

/// Starts this benchmark as a measurer of `cmd` and reads what it found.
fn run(cmd: &[&str]) -> Cost {
    let me = std::env::current_exe().expect("current exe");
    let out = Command::new(me)
        .arg("--measure")
        .args(cmd)
        .output()
        .expect("start the measurer");
    assert!(
        out.status.success(),
        "measuring {cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut it = text
        .split_whitespace()
        .map(|s| s.parse::<f64>().expect("a number"));
    Cost {
        cpu: it.next().expect("cpu"),
        peak: it.next().expect("peak"),
    }
}

/// The fastest run's CPU and the smallest peak.
fn fastest(costs: Vec<Cost>) -> Cost {
    Cost {
        cpu: costs.iter().map(|c| c.cpu).fold(f64::INFINITY, f64::min),
        peak: costs.iter().map(|c| c.peak).fold(f64::INFINITY, f64::min),
    }
}

fn median(mut costs: Vec<Cost>) -> Cost {
    let mid = costs.len() / 2;
    costs.sort_by(|a, b| a.cpu.total_cmp(&b.cpu));
    let cpu = costs[mid].cpu;
    costs.sort_by(|a, b| a.peak.total_cmp(&b.peak));
    Cost {
        cpu,
        peak: costs[mid].peak,
    }
}

/// A release as a plain loader keeps it.
#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)] // read to be kept, not looked at
struct Row {
    product: String,
    version: String,
    date: chrono::NaiveDate,
    kind: String,
    lts: bool,
}

/// The plain reader: every row deserialized (its date parsed) and kept.
fn read_csv(path: &Path) {
    let mut reader = csv::Reader::from_path(path).expect("open the catalog");
    let rows: Vec<Row> = reader
        .deserialize()
        .collect::<Result<_, _>>()
        .expect("a valid catalog");
    let lts = rows.iter().filter(|r| r.lts).count();
    println!("{} rows, {lts} LTS", rows.len());
}

fn sizes() -> Vec<usize> {
    match std::env::var("EOL_BENCH_SIZES") {
        Ok(s) => s
            .split(',')
            .map(|n| n.trim().parse().expect("EOL_BENCH_SIZES: numbers"))
            .collect(),
        Err(_) => SIZES.to_vec(),
    }
}

fn compare() {
    let runs: usize = std::env::var("EOL_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
        .max(1);
    // Another build of `eol` may be measured (a baseline): EOL_BENCH_EOL=PATH.
    let eol_path = std::env::var("EOL_BENCH_EOL").unwrap_or_else(|_| env!("CARGO_BIN_EXE_eol").to_owned());
    let eol = eol_path.as_str();
    let me = std::env::current_exe().unwrap();
    let me = me.to_str().unwrap();
    let dir = tempfile::tempdir().expect("a temporary directory");
    // EOL_BENCH_DIR=DIR keeps the generated files there (to profile `eol eval` on them).
    let kept = std::env::var_os("EOL_BENCH_DIR").map(std::path::PathBuf::from);
    let dir = kept.as_deref().unwrap_or(dir.path());
    // The generated policies' overrides name lines 1.0 to 1.9; a catalog of 10,000 rows has
    // only line 1.0 of each product, so there the other nine draw a warning each
    // (`eol::override-unknown-line`, 900 in all) that larger catalogs do not: a cost of the
    // smallest size alone, which would make its rows look cheaper than they are. Here every
    // override names line 1.0, which every size has; nothing else changes.
    let mut rules_text = gen::rules(POLICIES);
    for o in 1..10 {
        rules_text = rules_text.replace(&format!("override line 1.{o} "), "override line 1.0 ");
    }
    // Every size's files first (DIR/<size>/), so that each round measures every size: a
    // machine that slows down or speeds up during the benchmark then moves every size
    // alike, and the cost of a row between two sizes is not the drift between them.
    let sizes = sizes();
    let mut csv_bytes = Vec::new();
    let mut paths = Vec::new();
    for &n in &sizes {
        let at = dir.join(n.to_string());
        std::fs::create_dir_all(&at).expect("create the benchmark's directory");
        let text = gen::catalog(POLICIES, n);
        std::fs::write(at.join("bench.eol"), &rules_text).expect("write the rules");
        std::fs::write(at.join("bench.releases.csv"), &text).expect("write the catalog");
        csv_bytes.push(text.len());
        let s = |name: &str| at.join(name).to_str().unwrap().to_owned();
        paths.push((s("bench.eol"), s("bench.releases.csv")));
    }
    let mut readers = vec![Vec::new(); sizes.len()];
    let mut evals = vec![Vec::new(); sizes.len()];
    for round in 0..runs {
        for (i, (rules, catalog)) in paths.iter().enumerate() {
            readers[i].push(run(&[me, "--read-csv", catalog]));
            evals[i].push(run(&[
                eol,
                "eval",
                "--no-bundled",
                "--at",
                "2026-01-01",
                "--format",
                "csv",
                rules,
            ]));
        }
        eprintln!("round {} of {runs} measured", round + 1);
    }
    let mut table = String::from(
        "| releases | CSV | reader CPU | reader peak | `eol eval` CPU | `eol eval` peak | CPU × reader | memory × reader | reader from the size before | `eol eval` from the size before |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    let mut marginals: Vec<(f64, f64)> = Vec::new();
    for (i, &n) in sizes.iter().enumerate() {
        let (reader, eval) = (median(readers[i].clone()), median(evals[i].clone()));
        let per_row = |c: Cost| (c.cpu * 1e6 / n as f64, c.peak / n as f64);
        let (r_us, r_b) = per_row(reader);
        let (e_us, e_b) = per_row(eval);
        // What each row past the previous size cost: the rule file's fixed cost left out.
        // Medians, and in brackets the difference of the fastest runs (the figure least
        // moved by a busy machine).
        let step = i.checked_sub(1).and_then(|j| {
            let m = *sizes.get(j)?;
            (n > m).then(|| {
                let rows = (n - m) as f64;
                let us = |now: &[Cost], was: &[Cost], f: fn(Vec<Cost>) -> Cost| {
                    (f(now.to_vec()).cpu - f(was.to_vec()).cpu) * 1e6 / rows
                };
                let bytes = (eval.peak - median(evals[j].clone()).peak) / rows;
                let r = (
                    us(&readers[i], &readers[j], median),
                    us(&readers[i], &readers[j], fastest),
                );
                let e = (
                    us(&evals[i], &evals[j], median),
                    us(&evals[i], &evals[j], fastest),
                );
                (r, e, bytes)
            })
        });
        let (reader_step, eval_step) = match step {
            Some((r, e, bytes)) => {
                marginals.push((e.0, e.1));
                (
                    format!("{:.2} µs/row ({:.2})", r.0, r.1),
                    format!("{:.2} µs/row ({:.2}), {bytes:.0} B/row", e.0, e.1),
                )
            }
            None => ("–".to_owned(), "–".to_owned()),
        };
        let _ = writeln!(
            table,
            "| {n} | {:.1} MB | {:.3} s ({r_us:.2} µs/row) | {:.1} MB ({r_b:.0} B/row) | {:.3} s ({e_us:.2} µs/row) | {:.1} MB ({e_b:.0} B/row) | {:.1} | {:.1} | {reader_step} | {eval_step} |",
            csv_bytes[i] as f64 / 1e6,
            reader.cpu,
            reader.peak / 1e6,
            eval.cpu,
            eval.peak / 1e6,
            eval.cpu / reader.cpu,
            eval.peak / reader.peak,
        );
    }
    if let (Some(first), Some(last)) = (marginals.first(), marginals.last()) {
        if marginals.len() > 1 {
            let _ = writeln!(
                table,
                "\n`eol eval`, a row of the last step against one of the first: {:.2}× (medians), {:.2}× (fastest runs)",
                last.0 / first.0,
                last.1 / first.1
            );
        }
    }
    print!("{table}");
    if let Ok(out) = std::env::var("EOL_BENCH_OUT") {
        std::fs::write(out, &table).expect("write EOL_BENCH_OUT");
    }
}
