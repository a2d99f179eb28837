//! The bare floor a corpus sets, on one thread: reading its files (bytes and UTF-8
//! check), and one Aho–Corasick scan over all of them for every literal the rules name
//! (every concept form, and the literals the patterns require: the matcher's own list,
//! `Matcher::literals`), by the matcher's own scanner (`LiteralScanner`: a full DFA
//! walked a byte at a time). No stage of tupu can be cheaper than these loops.

use std::path::{Path, PathBuf};
use std::time::Instant;

/// Seconds of one thread for each loop, and what they saw.
pub struct Floor {
    pub bytes: u64,
    pub read: f64,
    pub scan: f64,
    pub literals: usize,
    pub hits: u64,
}

pub fn measure(corpus: &Path, rules: &Path) -> Floor {
    let rules = tupu::rules::RuleSet::load(rules).expect("the rules compile");
    let mut literals = tupu::matching::Matcher::literals(&rules);
    literals.sort();
    literals.dedup();
    let automaton = tupu::matching::LiteralScanner::new(&literals.iter().map(String::as_str).collect::<Vec<_>>());

    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(corpus)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    paths.sort();

    let started = Instant::now();
    let mut texts = Vec::with_capacity(paths.len());
    let mut bytes = 0u64;
    for path in &paths {
        let data = std::fs::read(path).expect("a corpus file reads");
        bytes += data.len() as u64;
        texts.push(String::from_utf8(data).expect("the corpus is UTF-8"));
    }
    let read = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let mut hits = 0u64;
    for text in &texts {
        automaton.for_each(text, |_, _, _| hits += 1);
    }
    let scan = started.elapsed().as_secs_f64();
    Floor { bytes, read, scan, literals: literals.len(), hits }
}
