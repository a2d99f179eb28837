//! The benchmark: throughput per stage and end to end, CPU time and peak memory, at
//! several corpus sizes, for two shapes of corpus.
//!
//! `cargo bench` generates corpora (see `corpus.rs`; 5, 50 and 500 MB by default, or the
//! sizes in MB listed in `TUPU_BENCH_SIZES`, e.g. `5,50`) in three shapes, `pages` (the
//! seed pages, many articles a file), `news` (single articles of about 4 KB, from
//! `../shared/corpora/dev/rmrb`; skipped with a message where that folder is absent) and
//! `lines` (the same articles without line breaks, one line of up to 20 MB a file, as
//! scanned PDFs and web dumps give text: its throughput should be the news shape's);
//! `TUPU_BENCH_SHAPES` (e.g. `news`) picks shapes. It runs the release binary,
//! `tupu build --stats --threads 2`, on each `TUPU_BENCH_RUNS` times (3 by default), and
//! prints what the fastest run reports, with that run's CPU time (user + system, of the
//! process and all its threads): a shared or virtual machine slows single runs down by a
//! tenth or more at random, and CPU time is what other load on the machine disturbs
//! least. For each corpus it also measures the bare floor on one thread (`floor.rs`:
//! reading the files; one automaton scan for every rule literal) and how many times that
//! scan the per-document stages cost. Corpora are kept in `target/bench-corpus/` between
//! runs.

mod corpus;
mod floor;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Where the news shape's articles come from, relative to the crate.
const NEWS_SOURCE: &str = "../shared/corpora/dev/rmrb";

fn main() {
    // `cargo bench` passes `--bench`; any other argument is a filter we do not use.
    let sizes: Vec<u64> = std::env::var("TUPU_BENCH_SIZES")
        .unwrap_or_else(|_| "5,50,500".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let shapes: Vec<String> = std::env::var("TUPU_BENCH_SHAPES")
        .unwrap_or_else(|_| "pages,news,lines".to_owned())
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let threads = std::env::var("TUPU_BENCH_THREADS").unwrap_or_else(|_| "2".to_owned());
    let runs: usize = std::env::var("TUPU_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
    println!(
        "tupu benchmark: corpora of {sizes:?} MB, shapes {shapes:?}, --threads {threads}, fastest of {runs} runs\n"
    );
    for shape in &shapes {
        let source = match shape.as_str() {
            "pages" => root.join("seeds"),
            "news" | "lines" => root.join(NEWS_SOURCE),
            other => {
                println!("unknown shape {other:?} (pages, news, lines): skipped\n");
                continue;
            }
        };
        if !source.is_dir() {
            println!("shape {shape}: {} not found, skipped\n", source.display());
            continue;
        }
        for &size in &sizes {
            let dir = target.join("bench-corpus").join(format!("{shape}-{size}mb"));
            let bytes = size * 1_000_000;
            if !dir.join("complete").exists() {
                let _ = std::fs::remove_dir_all(&dir);
                let started = Instant::now();
                let written = match shape.as_str() {
                    "news" => corpus::generate_news(&source, &dir, bytes, size),
                    "lines" => corpus::generate_lines(&source, &dir, bytes, size),
                    _ => corpus::generate(&source, &dir, bytes, size),
                }
                .expect("corpus is written");
                std::fs::write(dir.join("complete"), written.to_string()).expect("marker is written");
                println!(
                    "generated {} ({:.1} MB) in {:.1} s",
                    dir.display(),
                    written as f64 / 1e6,
                    started.elapsed().as_secs_f64()
                );
            }
            let mut fastest: Option<(f64, f64, String)> = None;
            for _ in 0..runs {
                let before = children_cpu_seconds();
                let report = run(&root, &dir, &threads, size);
                let cpu = children_cpu_seconds().zip(before).map_or(f64::NAN, |(after, before)| after - before);
                let seconds = end_to_end_seconds(&report).unwrap_or(f64::INFINITY);
                if fastest.as_ref().is_none_or(|(best, _, _)| seconds < *best) {
                    fastest = Some((seconds, cpu, report));
                }
            }
            let (_, cpu, report) = fastest.expect("at least one run");
            let floor = floor::measure(&dir, &root.join("rules"));
            let mb = floor.bytes as f64 / 1e6;
            println!("== {shape}, {size} MB, fastest of {runs} ==\n{report}cpu time       {cpu:.2} s (user + system)");
            println!(
                "floor (1 thread): read {:.3} s ({:.0} MB/s), automaton scan {:.3} s ({:.0} MB/s; {} literals, {} hits)",
                floor.read,
                mb / floor.read,
                floor.scan,
                mb / floor.scan,
                floor.literals,
                floor.hits
            );
            if let Some(per_document) = per_document_seconds(&report) {
                println!(
                    "per-document stages {per_document:.3} s CPU = {:.1}× the automaton scan, {:.1}× read + scan\n",
                    per_document / floor.scan,
                    per_document / (floor.read + floor.scan)
                );
            }
        }
    }
}

/// CPU seconds (user + system) of this process's children that have been waited for,
/// from `/proc/self/stat` (Linux; clock ticks of 1/100 s, what `sysconf(_SC_CLK_TCK)`
/// gives on every Linux platform Rust supports).
fn children_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split_whitespace().collect();
    // cutime and cstime are fields 16 and 17 of the whole line, 14 and 15 here from 1.
    let ticks: u64 = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// The CPU seconds of stages 1–5 (load, layout, articles, match+link) in a report.
fn per_document_seconds(report: &str) -> Option<f64> {
    let mut total = 0.0;
    for stage in ["load", "layout", "articles", "match+link"] {
        let line = report.lines().find(|l| l.split_whitespace().next() == Some(stage))?;
        total += line.split_whitespace().nth(1)?.parse::<f64>().ok()?;
    }
    Some(total)
}

/// One run of `tupu build --stats` on `dir`; what it printed.
fn run(root: &Path, dir: &Path, threads: &str, size: u64) -> String {
    let out = tempfile::tempdir().expect("a temporary folder");
    let output = Command::new(env!("CARGO_BIN_EXE_tupu"))
        .args(["build", "--quiet", "--stats", "--layout", "builtin", "--threads", threads])
        .arg(dir)
        .arg("--rules")
        .arg(root.join("rules"))
        .arg("--out")
        .arg(out.path())
        .output()
        .expect("tupu runs");
    if !output.status.success() {
        eprintln!("tupu failed on {size} MB:\n{}", String::from_utf8_lossy(&output.stderr));
        std::process::exit(1);
    }
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The wall time on the report's `end to end` line.
fn end_to_end_seconds(report: &str) -> Option<f64> {
    let line = report.lines().find(|l| l.starts_with("end to end"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}
