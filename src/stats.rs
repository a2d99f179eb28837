//! How long each stage took, for `tupu build --stats` and the benchmark.
//!
//! Stages 1–4 run on several threads at once, so their times are CPU time summed over
//! threads (per-document timings added up in file order on the main thread, like the
//! findings themselves); `bytes / time` is then a per-core throughput. The other stages
//! run on one thread. Wall time is measured around the whole run.

use std::time::Duration;

/// The stages whose time is recorded, in pipeline order.
pub const STAGES: [&str; 7] = ["load", "layout", "articles", "match+link", "merge", "measure", "export"];

/// Time spent per stage, and how many bytes were read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    pub bytes: u64,
    pub files: usize,
    /// Indexed like [`STAGES`].
    pub stages: [Duration; STAGES.len()],
    pub wall: Duration,
}

impl Stats {
    pub fn add(&mut self, stage: Stage, time: Duration) {
        self.stages[stage as usize] += time;
    }

    /// Peak resident memory of this process, in bytes, where the system tells it
    /// (Linux: `VmHWM` in `/proc/self/status`).
    pub fn peak_memory() -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }

    /// A table of the stages, for people.
    pub fn report(&self) -> String {
        let mb = self.bytes as f64 / 1e6;
        let mut out = format!("{:<14} {:>10} {:>12}\n", "stage", "seconds", "MB/s");
        for (name, time) in STAGES.iter().zip(self.stages) {
            let seconds = time.as_secs_f64();
            let rate = if seconds > 0.0 { format!("{:.1}", mb / seconds) } else { "-".to_owned() };
            out.push_str(&format!("{name:<14} {seconds:>10.3} {rate:>12}\n"));
        }
        let wall = self.wall.as_secs_f64();
        out.push_str(&format!(
            "{:<14} {:>10.3} {:>12.1}   ({:.1} MB in {} files)\n",
            "end to end",
            wall,
            if wall > 0.0 { mb / wall } else { 0.0 },
            mb,
            self.files
        ));
        if let Some(peak) = Stats::peak_memory() {
            out.push_str(&format!("peak memory    {:.1} MB\n", peak as f64 / 1e6));
        }
        out
    }
}

/// A stage, as an index into [`STAGES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Load,
    Layout,
    Articles,
    MatchLink,
    Merge,
    Measure,
    /// Rendering and writing every format (in parallel, so wall time).
    Export,
}
