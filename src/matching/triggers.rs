//! Literals that must occur for a pattern to match: a cheap test that spares most
//! blocks most patterns.
//!
//! A pattern like `(?:^|[，。]|作为)(?P<mention>[\p{Han}]{2,24}?有限公司)` can only match
//! where `有限公司` occurs. The regex engine cannot skip ahead to such an inner literal by
//! itself (the pattern starts with an alternation), so it scans every byte; finding the
//! literals first, for all patterns at once with one automaton, and running only the
//! patterns whose literals occur, does the same work on a fraction of the text.
//!
//! A pattern needs every part of a sequence, so it needs a literal of each of its
//! parts: `[“‘]…[”’]…(?:考核体系|机制)` runs only on a block holding an opening quote,
//! a closing quote and one of the heads. A block that holds one of them alone is most
//! blocks, and a regex run there scans the whole block to find nothing: that scan was
//! nine tenths of the patterns' cost.

#[cfg(test)]
use aho_corasick::{AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

use crate::rules::literal_prefixes;

/// Largest character class taken as a set of literals.
const MAX_CLASS: usize = 16;

/// Most sets a pattern's test asks for (bits of a `u64`).
const MAX_SETS: usize = 64;

/// Sets of literals such that every match of `pattern` holds at least one literal of
/// each set, if the pattern has any. `None`: the pattern must be run on every text.
pub fn required_literals(pattern: &str) -> Option<Vec<Vec<String>>> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
    let mut sets = required(&hir)?;
    for set in &mut sets {
        set.sort();
        set.dedup();
    }
    sets.sort();
    sets.dedup();
    // Most selective first (fewest and longest literals), and only those not implied
    // by one kept before: `”` is implied by `”机制`, whose every literal holds it.
    sets.sort_by_key(|set| std::cmp::Reverse(selectivity(set)));
    let mut kept: Vec<Vec<String>> = Vec::new();
    for set in sets {
        let implied = kept.iter().any(|k| k.iter().all(|literal| set.iter().any(|l| literal.contains(l.as_str()))));
        if !implied && kept.len() < MAX_SETS {
            kept.push(set);
        }
    }
    let sets = kept;
    (!sets.is_empty()).then_some(sets)
}

/// The sets of literals every match of `hir` holds one of each of.
fn required(hir: &Hir) -> Option<Vec<Vec<String>>> {
    match hir.kind() {
        HirKind::Literal(literal) => Some(vec![vec![String::from_utf8(literal.0.to_vec()).ok()?]]),
        HirKind::Class(Class::Unicode(class)) => {
            let chars: Vec<String> = class
                .iter()
                .flat_map(|range| range.start()..=range.end())
                .take(MAX_CLASS + 1)
                .map(String::from)
                .collect();
            (chars.len() <= MAX_CLASS).then_some(vec![chars])
        }
        HirKind::Class(Class::Bytes(_)) | HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Capture(capture) => required(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min >= 1 => required(&repetition.sub),
        HirKind::Repetition(_) => None,
        // Every part of a sequence must occur, so each part's sets are needed; and so
        // is how each rest of the sequence starts, which joins neighbouring parts
        // (`“` and then a numeral: `“一`, `“二` …, far rarer than either alone).
        HirKind::Concat(parts) => {
            let mut sets: Vec<Vec<String>> = parts.iter().filter_map(required).flatten().collect();
            sets.extend(
                (0..parts.len()).filter_map(|i| literal_prefixes(&Hir::concat(parts[i..].to_vec()), MAX_CLASS)),
            );
            (!sets.is_empty()).then_some(sets)
        }
        // One branch must occur: all branches need literals, and one literal of any
        // branch's most selective set will do.
        HirKind::Alternation(branches) => {
            let mut any = Vec::new();
            for branch in branches {
                let sets = required(branch)?;
                any.extend(sets.into_iter().max_by_key(|set| selectivity(set))?);
            }
            Some(vec![any])
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
    /// For each literal, the patterns it is required by and the bit of the set it is in.
    sets_of: Vec<Vec<(usize, u64)>>,
    /// For each pattern, a bit for each set it needs a literal of (none: always run).
    needed: Vec<u64>,
}

/// Which of its sets of literals each pattern has had a literal of, in one text.
pub struct Found(Vec<u64>);

impl Triggers {
    pub fn new<'p>(patterns: impl Iterator<Item = &'p str>) -> Triggers {
        let mut literals: Vec<String> = Vec::new();
        let mut sets_of: Vec<Vec<(usize, u64)>> = Vec::new();
        let mut needed = Vec::new();
        for (index, pattern) in patterns.enumerate() {
            let sets = required_literals(pattern).unwrap_or_default();
            needed.push(if sets.len() == MAX_SETS { u64::MAX } else { (1u64 << sets.len()) - 1 });
            for (set, required) in sets.into_iter().enumerate() {
                for literal in required {
                    let at = literals.iter().position(|l| *l == literal).unwrap_or_else(|| {
                        literals.push(literal);
                        sets_of.push(Vec::new());
                        literals.len() - 1
                    });
                    sets_of[at].push((index, 1 << set));
                }
            }
        }
        Triggers { literals, sets_of, needed }
    }

    /// The literals to look for, in the order [`Triggers::hit`] numbers them.
    pub fn literals(&self) -> &[String] {
        &self.literals
    }

    /// Nothing found yet.
    pub fn start(&self) -> Found {
        Found(vec![0; self.needed.len()])
    }

    /// Records that literal `literal` (an index into [`Triggers::literals`]) occurs.
    pub fn hit(&self, literal: usize, found: &mut Found) {
        for &(index, bit) in &self.sets_of[literal] {
            found.0[index] |= bit;
        }
    }

    /// Whether pattern `index` may match, by what was `found`: a literal of each of its
    /// sets occurs.
    pub fn may_run(&self, found: &Found, index: usize) -> bool {
        found.0[index] & self.needed[index] == self.needed[index]
    }

    /// For each pattern, whether it may match `text`: one scan with an automaton of the
    /// literals alone (for tests; the matcher scans for them with the concept forms).
    #[cfg(test)]
    pub fn may_match(&self, text: &str) -> Vec<bool> {
        let mut found = self.start();
        if let Ok(automaton) = AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(&self.literals) {
            for hit in automaton.find_overlapping_iter(text) {
                self.hit(hit.pattern().as_usize(), &mut found);
            }
        }
        (0..self.needed.len()).map(|index| self.may_run(&found, index)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_literals_are_found() {
        let company = r"(?:^|[，。]|作为)(?P<mention>[\p{Han}]{2,24}?(?:股份有限公司|有限责任公司|有限公司))";
        let sets = required_literals(company).unwrap();
        assert_eq!(sets.len(), 1, "{sets:?}");
        assert!(sets[0].iter().all(|l| company.contains(l.as_str())), "{sets:?}");
        assert!(sets[0].iter().any(|l| "山东高速青岛发展有限公司".contains(l.as_str())));
        let quoted = required_literals(r"“(?P<mention>[^“”]{2,12})”").unwrap();
        assert_eq!(quoted, [["“"], ["”"]]);
        assert_eq!(required_literals(r"\p{Han}{2,4}"), None);
        assert_eq!(required_literals(r"(?:党员)?\p{Han}岗"), Some(vec![vec!["岗".to_owned()]]));
        // A branch without literals makes the alternation need none.
        assert_eq!(required_literals(r"(?:有限公司|\p{Han}{2})"), None);
    }

    #[test]
    fn every_part_of_a_sequence_is_needed() {
        let sets = required_literals(r"[“‘](?P<mention>[^“”]{2,8})[”’](?:考核体系|机制)").unwrap();
        assert_eq!(sets, [vec!["’机制", "’考核体系", "”机制", "”考核体系"], vec!["‘", "“"]]);
        let triggers = Triggers::new([r"[“‘][^“”]{2,8}[”’](?:考核体系|机制)"].into_iter());
        assert_eq!(triggers.may_match("建立“三会一课”机制"), [true]);
        assert_eq!(triggers.may_match("建立“三会一课”制度和考核机制"), [false]);
        assert_eq!(triggers.may_match("完善考核机制"), [false]);
        assert_eq!(triggers.may_match("“三会一课”制度"), [false]);
    }

    #[test]
    fn only_triggered_patterns_run() {
        let triggers = Triggers::new([r"有限公司", r"党员\p{Han}{2}岗", r"\p{Han}+"].into_iter());
        assert_eq!(triggers.may_match("设立党员示范岗"), [false, true, true]);
        assert_eq!(triggers.may_match("山东高速青岛发展有限公司"), [true, false, true]);
        let both = Triggers::new([r"党员\p{Han}{2}岗"].into_iter());
        assert_eq!(both.may_match("党员"), [false]);
        assert_eq!(both.may_match("岗党员"), [true], "the order of the literals is not looked at");
    }
}
