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
//! line LTS), written to a temporary directory as `bench.eol` and `bench.releases.csv`.
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
//! `EOL_BENCH_DIR=DIR` writes the generated files to DIR and leaves them there (the last
//! size measured), to profile `eol eval` on them.
//! `EOL_BENCH_EOL=PATH` measures another build of `eol` (a baseline) instead of this one.
//! Each figure is the median of `EOL_BENCH_RUNS` runs (default 3). The table is printed on
//! standard output, and written to the file named by `EOL_BENCH_OUT` when set.

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
        .unwrap_or(3)
        .max(1);
    // Another build of `eol` may be measured (a baseline): EOL_BENCH_EOL=PATH.
    let eol_path = std::env::var("EOL_BENCH_EOL").unwrap_or_else(|_| env!("CARGO_BIN_EXE_eol").to_owned());
    let eol = eol_path.as_str();
    let dir = tempfile::tempdir().expect("a temporary directory");
    // EOL_BENCH_DIR=DIR keeps the generated files there (to profile `eol eval` on them).
    let kept = std::env::var_os("EOL_BENCH_DIR").map(std::path::PathBuf::from);
    let dir = kept.as_deref().unwrap_or(dir.path());
    std::fs::create_dir_all(dir).expect("create the benchmark's directory");
    let rules = dir.join("bench.eol");
    let catalog = dir.join("bench.releases.csv");
    std::fs::write(&rules, gen::rules(POLICIES)).expect("write the rules");
    let (rules, catalog_str) = (rules.to_str().unwrap(), catalog.to_str().unwrap());
    let mut table = String::from(
        "| releases | CSV | reader CPU | reader peak | `eol eval` CPU | `eol eval` peak | CPU × reader | memory × reader | `eol eval` from the size before |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    let mut before: Option<(usize, Cost)> = None;
    for n in sizes() {
        let text = gen::catalog(POLICIES, n);
        std::fs::write(&catalog, &text).expect("write the catalog");
        let reader = median(
            (0..runs)
                .map(|_| {
                    run(&[
                        std::env::current_exe().unwrap().to_str().unwrap(),
                        "--read-csv",
                        catalog_str,
                    ])
                })
                .collect(),
        );
        let eval = median(
            (0..runs)
                .map(|_| {
                    run(&[
                        eol,
                        "eval",
                        "--no-bundled",
                        "--at",
                        "2026-01-01",
                        "--format",
                        "csv",
                        rules,
                    ])
                })
                .collect(),
        );
        let per_row = |c: Cost| (c.cpu * 1e6 / n as f64, c.peak / n as f64);
        let (r_us, r_b) = per_row(reader);
        let (e_us, e_b) = per_row(eval);
        // What each row past the previous size cost: the rule file's fixed cost left out.
        let marginal = match before {
            Some((m, c)) if n > m => {
                let rows = (n - m) as f64;
                format!(
                    "{:.2} µs/row, {:.0} B/row",
                    (eval.cpu - c.cpu) * 1e6 / rows,
                    (eval.peak - c.peak) / rows
                )
            }
            _ => "–".to_owned(),
        };
        before = Some((n, eval));
        let _ = writeln!(
            table,
            "| {n} | {:.1} MB | {:.3} s ({r_us:.2} µs/row) | {:.1} MB ({r_b:.0} B/row) | {:.3} s ({e_us:.2} µs/row) | {:.1} MB ({e_b:.0} B/row) | {:.1} | {:.1} | {marginal} |",
            text.len() as f64 / 1e6,
            reader.cpu,
            reader.peak / 1e6,
            eval.cpu,
            eval.peak / 1e6,
            eval.cpu / reader.cpu,
            eval.peak / reader.peak,
        );
        eprintln!("{n} releases measured");
    }
    print!("{table}");
    if let Ok(out) = std::env::var("EOL_BENCH_OUT") {
        std::fs::write(out, &table).expect("write EOL_BENCH_OUT");
    }
}
