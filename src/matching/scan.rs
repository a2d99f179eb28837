//! The one scan over every block: all literals of the rules, every occurrence.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, MatchKind};

/// Finds every occurrence of a set of literals, overlapping ones included.
///
/// A full DFA is walked by a loop of its own: the crate's overlapping iterator returns
/// after each match and resumes through its saved state, which made the scan about 20
/// instructions a byte; the loop takes a table lookup a byte and handles matches in
/// place. A literal set too large for a DFA is searched by the automaton the crate picks.
#[derive(Clone, Debug)]
pub enum LiteralScanner {
    Dfa(Box<DFA>),
    Other(AhoCorasick),
}

impl LiteralScanner {
    /// A scanner for `literals`, which number the matches in their order.
    pub fn new(literals: &[&str]) -> LiteralScanner {
        // Chinese text starts a literal at nearly every character, so a prefilter that
        // skips to possible starts would not skip.
        match DFA::builder().match_kind(MatchKind::Standard).prefilter(false).build(literals) {
            Ok(dfa) => LiteralScanner::Dfa(Box::new(dfa)),
            Err(_) => LiteralScanner::Other(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(literals)
                    .expect("literal patterns build whatever their number"),
            ),
        }
    }

    /// Calls `found(literal, start, end)` for every occurrence in `text`, in order of
    /// its end (occurrences ending together in the automaton's order).
    pub fn for_each(&self, text: &str, mut found: impl FnMut(usize, usize, usize)) {
        match self {
            LiteralScanner::Dfa(dfa) => {
                let Ok(mut state) = dfa.start_state(Anchored::No) else { return };
                for (at, &byte) in text.as_bytes().iter().enumerate() {
                    state = dfa.next_state(Anchored::No, state, byte);
                    if !dfa.is_special(state) {
                        continue;
                    }
                    if dfa.is_dead(state) {
                        return;
                    }
                    // Special states that are not matches are start states: nothing ends here.
                    let matches = if dfa.is_match(state) { dfa.match_len(state) } else { 0 };
                    for index in 0..matches {
                        let literal = dfa.match_pattern(state, index);
                        let end = at + 1;
                        found(literal.as_usize(), end - dfa.pattern_len(literal), end);
                    }
                }
            }
            LiteralScanner::Other(automaton) => {
                for hit in automaton.find_overlapping_iter(text) {
                    found(hit.pattern().as_usize(), hit.start(), hit.end());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The loop finds what the crate's overlapping search finds.
    #[test]
    fn the_dfa_loop_finds_every_occurrence() {
        let literals = ["党建", "党建引领", "引领", "建引", "两个维护", "维护", "a", "ab", "b"];
        let text = "以党建引领发展，做到“两个维护”，ab党建党建b";
        let scanner = LiteralScanner::new(&literals);
        assert!(matches!(scanner, LiteralScanner::Dfa(_)));
        let mut found = Vec::new();
        scanner.for_each(text, |literal, start, end| found.push((start, end, literal)));
        let crate_search = AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(literals).unwrap();
        let mut expected: Vec<_> =
            crate_search.find_overlapping_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
        found.sort();
        expected.sort();
        assert_eq!(found, expected);
        assert_eq!(found.len(), 12);
    }
}
