//! The bare floor a corpus sets, on one thread: reading its files (bytes and UTF-8
//! check), and one Aho–Corasick scan over all of them for every literal the rules name
//! (every concept form, and the literals the patterns require, as the matcher's
//! triggers derive them). No stage of tupu can be cheaper than these loops.

use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};
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
    let mut literals: Vec<String> = rules.concepts.iter().flat_map(|c| c.forms.iter().cloned()).collect();
    for pattern in &rules.patterns {
        literals.extend(required_literals(pattern.regex.as_str()).unwrap_or_default());
    }
    literals.sort();
    literals.dedup();
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&literals)
        .expect("the literals build a DFA");

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
        hits += automaton.find_overlapping_iter(text).count() as u64;
    }
    let scan = started.elapsed().as_secs_f64();
    Floor { bytes, read, scan, literals: literals.len(), hits }
}

/// A set of literals one of which every match of `pattern` contains (a copy of the
/// matcher's `triggers::required_literals`, which is private to the library).
fn required_literals(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
    required(&hir)
}

fn required(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Literal(literal) => Some(vec![String::from_utf8(literal.0.to_vec()).ok()?]),
        HirKind::Class(Class::Unicode(class)) => {
            let chars: Vec<String> =
                class.iter().flat_map(|range| range.start()..=range.end()).take(17).map(String::from).collect();
            (chars.len() <= 16).then_some(chars)
        }
        HirKind::Class(Class::Bytes(_)) | HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Capture(capture) => required(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min >= 1 => required(&repetition.sub),
        HirKind::Repetition(_) => None,
        HirKind::Concat(parts) => parts
            .iter()
            .filter_map(required)
            .max_by_key(|set| (set.iter().map(String::len).min().unwrap_or(0), std::cmp::Reverse(set.len()))),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(required(branch)?);
            }
            Some(all)
        }
    }
}
