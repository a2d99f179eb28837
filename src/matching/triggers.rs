//! Literals that must occur for a pattern to match: a cheap test that spares most
//! blocks most patterns.
//!
//! A pattern like `(?:^|[，。]|作为)(?P<mention>[\p{Han}]{2,24}?有限公司)` can only match
//! where `有限公司` occurs. The regex engine cannot skip ahead to such an inner literal by
//! itself (the pattern starts with an alternation), so it scans every byte; finding the
//! literals first, for all patterns at once with one automaton, and running only the
//! patterns whose literals occur, does the same work on a fraction of the text.

#[cfg(test)]
use aho_corasick::{AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

/// Largest character class taken as a set of literals.
const MAX_CLASS: usize = 16;

/// A set of literals at least one of which occurs in every match of `pattern`, if the
/// pattern has such a set. `None`: the pattern must be run on every text.
pub fn required_literals(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
    let mut literals = required(&hir)?;
    literals.sort();
    literals.dedup();
    (!literals.is_empty()).then_some(literals)
}

fn required(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Literal(literal) => Some(vec![String::from_utf8(literal.0.to_vec()).ok()?]),
        HirKind::Class(Class::Unicode(class)) => {
            let chars: Vec<String> = class
                .iter()
                .flat_map(|range| range.start()..=range.end())
                .take(MAX_CLASS + 1)
                .map(String::from)
                .collect();
            (chars.len() <= MAX_CLASS).then_some(chars)
        }
        HirKind::Class(Class::Bytes(_)) | HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Capture(capture) => required(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min >= 1 => required(&repetition.sub),
        HirKind::Repetition(_) => None,
        // Every part of a sequence must occur: the most selective one is enough.
        HirKind::Concat(parts) => parts.iter().filter_map(required).max_by_key(|set| selectivity(set)),
        // One branch must occur: all branches need literals, and any of them will do.
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(required(branch)?);
            }
            Some(all)
        }
    }
}

/// Longer literals are rarer, and fewer of them are cheaper to look for.
fn selectivity(set: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    (set.iter().map(String::len).min().unwrap_or(0), std::cmp::Reverse(set.len()))
}

/// Which patterns may match a text, by the literals they need. The literals are found
/// by the matcher's one automaton, after the concept forms (see [`Triggers::literals`]).
#[derive(Clone, Debug)]
pub struct Triggers {
    /// The required literals of all patterns, each once.
    literals: Vec<String>,
    /// For each literal, the patterns it triggers.
    patterns_of: Vec<Vec<usize>>,
    /// Patterns without required literals: always run.
    always: Vec<usize>,
    count: usize,
}

impl Triggers {
    pub fn new<'p>(patterns: impl Iterator<Item = &'p str>) -> Triggers {
        let mut literals: Vec<String> = Vec::new();
        let mut patterns_of: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        let mut count = 0;
        for (index, pattern) in patterns.enumerate() {
            count += 1;
            match required_literals(pattern) {
                None => always.push(index),
                Some(required) => {
                    for literal in required {
                        match literals.iter().position(|l| *l == literal) {
                            Some(at) => patterns_of[at].push(index),
                            None => {
                                literals.push(literal);
                                patterns_of.push(vec![index]);
                            }
                        }
                    }
                }
            }
        }
        Triggers { literals, patterns_of, always, count }
    }

    /// The literals to look for, in the order [`Triggers::hit`] numbers them.
    pub fn literals(&self) -> &[String] {
        &self.literals
    }

    /// Which patterns must run when nothing has been found yet: those without required
    /// literals.
    pub fn start(&self) -> Vec<bool> {
        let mut run = vec![false; self.count];
        for &index in &self.always {
            run[index] = true;
        }
        run
    }

    /// Marks the patterns that literal `literal` (an index into [`Triggers::literals`])
    /// may let match.
    pub fn hit(&self, literal: usize, run: &mut [bool]) {
        for &index in &self.patterns_of[literal] {
            run[index] = true;
        }
    }

    /// For each pattern, whether it may match `text`: one scan with an automaton of the
    /// literals alone (for tests; the matcher scans for them with the concept forms).
    #[cfg(test)]
    pub fn may_match(&self, text: &str) -> Vec<bool> {
        let mut run = self.start();
        if let Ok(automaton) = AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(&self.literals) {
            for found in automaton.find_overlapping_iter(text) {
                self.hit(found.pattern().as_usize(), &mut run);
            }
        }
        run
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_literals_are_found() {
        let company = r"(?:^|[，。]|作为)(?P<mention>[\p{Han}]{2,24}?(?:股份有限公司|有限责任公司|有限公司))";
        let literals = required_literals(company).unwrap();
        assert!(literals.iter().all(|l| company.contains(l.as_str())), "{literals:?}");
        assert!(literals.iter().any(|l| "山东高速青岛发展有限公司".contains(l.as_str())));
        let quoted = required_literals(r"“(?P<mention>[^“”]{2,12})”").unwrap();
        assert!(quoted == ["“"] || quoted == ["”"], "{quoted:?}");
        assert_eq!(required_literals(r"\p{Han}{2,4}"), None);
        assert_eq!(required_literals(r"(?:党员)?\p{Han}岗"), Some(vec!["岗".to_owned()]));
    }

    #[test]
    fn only_triggered_patterns_run() {
        let triggers = Triggers::new([r"有限公司", r"党员\p{Han}{2}岗", r"\p{Han}+"].into_iter());
        assert_eq!(triggers.may_match("设立党员示范岗"), [false, true, true]);
        assert_eq!(triggers.may_match("山东高速青岛发展有限公司"), [true, false, true]);
    }
}
