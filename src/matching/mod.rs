//! Stage 4: match rules against text.
//!
//! In: a [`RuleSet`] (compiled once into a [`Matcher`]) and a piece of repaired text.
//! Out: the concept matches in that text, left to right, without overlaps.
//!
//! All surface forms of all concepts go into one Aho-Corasick automaton, so the cost of
//! scanning a text hardly depends on how many concepts the rules hold. Overlaps resolve
//! leftmost-longest: of two forms starting at the same place the longer wins
//! (`党建+客户服务` over `党建+`), and a match that starts earlier wins over one that
//! starts inside it.
//!
//! Architecture invariant: the matcher sees only text, never files or articles; offsets
//! it returns are byte offsets into the text it was given.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::rules::{ConceptId, RuleSet};

/// One occurrence of a concept in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub concept: ConceptId,
    /// Byte range of the surface form in the text searched.
    pub range: Range<usize>,
}

/// Finds the concepts of a rule set in text. Build once, share between threads.
#[derive(Clone, Debug)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// For each pattern of the automaton, the concept it is a form of.
    concept_of_pattern: Vec<ConceptId>,
}

impl Matcher {
    pub fn new(rules: &RuleSet) -> Matcher {
        let mut forms = Vec::new();
        let mut concept_of_pattern = Vec::new();
        for (id, concept) in rules.concepts.iter().enumerate() {
            for form in &concept.forms {
                forms.push(form.as_str());
                concept_of_pattern.push(id);
            }
        }
        let automaton = (!forms.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&forms)
                .expect("literal patterns always build")
        });
        Matcher { automaton, concept_of_pattern }
    }

    /// Every match in `text`, left to right.
    pub fn find<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Match> + 't {
        self.automaton.iter().flat_map(move |automaton| {
            automaton.find_iter(text).map(|found| Match {
                concept: self.concept_of_pattern[found.pattern().as_usize()],
                range: found.range(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::compile;

    fn matcher(rules: &str) -> (RuleSet, Matcher) {
        let rules = compile(&[("r.toml".to_owned(), rules.to_owned())]).unwrap();
        let matcher = Matcher::new(&rules);
        (rules, matcher)
    }

    #[test]
    fn longest_form_wins() {
        let (rules, matcher) = matcher(
            "[[kind]]\nname = \"mechanism\"\n[[concept]]\nid = \"党建+\"\n[[concept]]\nid = \"党建+客户服务\"\n",
        );
        let text = "推行“党建+客户服务”模式，以“党建+”激发活力";
        let found: Vec<_> =
            matcher.find(text).map(|m| (rules.concepts[m.concept].id.as_str(), &text[m.range])).collect();
        assert_eq!(found, [("党建+客户服务", "党建+客户服务"), ("党建+", "党建+")]);
    }

    #[test]
    fn aliases_map_to_their_concept() {
        let (rules, matcher) = matcher(
            "[[kind]]\nname = \"org\"\n[[concept]]\nid = \"菏建国投\"\naliases = [\"山东菏建国有资本投资有限公司\"]\n",
        );
        let found: Vec<_> = matcher.find("山东菏建国有资本投资有限公司（简称“菏建国投”）").map(|m| m.concept).collect();
        assert_eq!(found, [0, 0]);
        assert_eq!(rules.concepts[0].id, "菏建国投");
    }

    #[test]
    fn no_concepts_no_matches() {
        let (_, matcher) = matcher("[[kind]]\nname = \"empty\"\n");
        assert_eq!(matcher.find("两个维护").count(), 0);
    }
}
