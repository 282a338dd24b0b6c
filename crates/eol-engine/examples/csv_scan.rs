//! The floor `eol audit` is measured against (docs/performance.md): a plain scan of an
//! inventory with the `csv` crate, doing nothing with the rows but count them.
//!
//! ```sh
//! cargo run --release -p eol-engine --example csv_scan -- inventory.csv            # text records
//! cargo run --release -p eol-engine --example csv_scan -- inventory.csv --bytes    # byte records
//! cargo run --release -p eol-engine --example csv_scan -- inventory.csv --copy > /dev/null
//! ```
//!
//! `--bytes` skips UTF-8 validation (the fastest the crate reads); `--copy` also writes every
//! record back out, the floor for a command that writes a row per row read.

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .ok_or("usage: csv_scan FILE [--bytes | --copy]")?;
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_path(path)?;
    let (mut rows, mut bytes) = (0u64, 0u64);
    if args.iter().any(|a| a == "--bytes") {
        let mut record = csv::ByteRecord::new();
        while reader.read_byte_record(&mut record)? {
            rows += 1;
            bytes += record.as_slice().len() as u64;
        }
    } else if args.iter().any(|a| a == "--copy") {
        let stdout = std::io::stdout();
        let mut writer =
            csv::Writer::from_writer(std::io::BufWriter::with_capacity(256 * 1024, stdout.lock()));
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record)? {
            rows += 1;
            bytes += record.as_slice().len() as u64;
            writer.write_record(&record)?;
        }
        writer.flush()?;
    } else {
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record)? {
            rows += 1;
            bytes += record.as_slice().len() as u64;
        }
    }
    writeln!(std::io::stderr(), "{rows} rows, {bytes} bytes in fields")?;
    Ok(())
}
