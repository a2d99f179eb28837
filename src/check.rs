//! Inline tests of rules: `examples` and `counterexamples`.
//!
//! Every concept and pattern may carry texts that must yield it and texts that must not.
//! They run through the same [`Matcher`] as the corpus, overlaps and all, so a test
//! fails when another rule takes the text away, which is what a user needs to know.

use crate::matching::{Candidate, Matcher, RuleRef, Verdict};
use crate::rules::{Example, RuleError, RuleSet};

/// What the inline tests found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// How many examples and counterexamples ran.
    pub tests: usize,
    /// The ones that failed, each at the place of its text.
    pub failures: Vec<RuleError>,
}

/// Runs every inline test of `rules`.
pub fn run_inline_tests(rules: &RuleSet) -> CheckReport {
    let matcher = Matcher::new(rules);
    let mut report = CheckReport::default();
    for concept in &rules.concepts {
        let yields = |candidates: &[Candidate], id: &str| {
            candidates.iter().any(|c| c.verdict == Verdict::Taken && c.found.target.key(rules) == (concept.kind, id))
        };
        for example in &concept.examples {
            let id = example.id.as_deref().unwrap_or(&concept.id);
            report.run(&matcher, rules, example, true, |c| yields(c, id), id);
        }
        for counter in &concept.counterexamples {
            report.run(&matcher, rules, counter, false, |c| yields(c, &concept.id), &concept.id);
        }
    }
    for (index, pattern) in rules.patterns.iter().enumerate() {
        let by_pattern = |candidates: &[Candidate]| pattern_yields(candidates, index);
        for example in &pattern.examples {
            match &example.id {
                Some(id) => {
                    let yields = |c: &[Candidate]| {
                        c.iter().any(|c| {
                            c.verdict == Verdict::Taken && c.found.target.key(rules) == (pattern.kind, id.as_str())
                        })
                    };
                    report.run(&matcher, rules, example, true, yields, id);
                }
                None => {
                    report.run(&matcher, rules, example, true, by_pattern, &format!("a match of `{}`", pattern.name))
                }
            }
        }
        for counter in &pattern.counterexamples {
            report.run(&matcher, rules, counter, false, by_pattern, &format!("a match of `{}`", pattern.name));
        }
    }
    report.failures.sort();
    report
}

/// Whether pattern `index` yields a concept in `candidates`: its candidate was taken,
/// or lost only to a match naming the same concept.
fn pattern_yields(candidates: &[Candidate], index: usize) -> bool {
    candidates.iter().filter(|c| c.found.rule == RuleRef::Pattern(index)).any(|c| match &c.verdict {
        Verdict::Taken => true,
        Verdict::Overlapped(range) => candidates
            .iter()
            .any(|w| w.verdict == Verdict::Taken && w.found.range == *range && w.found.target == c.found.target),
        _ => false,
    })
}

impl CheckReport {
    fn run(
        &mut self,
        matcher: &Matcher,
        rules: &RuleSet,
        example: &Example,
        must_yield: bool,
        yields: impl Fn(&[Candidate]) -> bool,
        what: &str,
    ) {
        self.tests += 1;
        let candidates = matcher.candidates(&example.text);
        if yields(&candidates) == must_yield {
            return;
        }
        let found: Vec<String> = candidates
            .iter()
            .filter(|c| c.verdict == Verdict::Taken)
            .map(|c| {
                let (kind, id) = c.found.target.key(rules);
                format!("{}:{}", rules.kinds[kind].name, id)
            })
            .collect();
        let found = if found.is_empty() { "nothing".to_owned() } else { found.join(", ") };
        let (message, help) = if must_yield {
            (
                format!("example does not yield `{what}`; the rules find {found}"),
                format!("run `tupu explain --text \"{}\"` to see which rule took the text and why", example.text),
            )
        } else {
            (
                format!("counterexample yields `{what}`; the rules find {found}"),
                "narrow the rule (a stop list, a word boundary, a stricter regex) or remove the counterexample"
                    .to_owned(),
            )
        };
        self.failures.push(RuleError::new(&example.origin.file, Some(example.origin.position), message, help));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::compile;

    fn check(text: &str) -> CheckReport {
        run_inline_tests(&compile(&[("r.toml".to_owned(), text.to_owned())]).unwrap())
    }

    #[test]
    fn passing_tests() {
        let report = check(
            "[[kind]]\nname = \"slogan\"\n[[concept]]\nid = \"两个维护\"\nexamples = [\"做到“两个维护”\"]\ncounterexamples = [\"两个方面\"]\n",
        );
        assert_eq!((report.tests, report.failures.len()), (2, 0));
    }

    #[test]
    fn failing_tests_point_at_their_text() {
        let report = check(
            r#"
[[kind]]
name = "mechanism"
[[concept]]
id = "党建+"
examples = ["以党建引领"]
[[pattern]]
name = "岗"
regex = '党员\p{Han}{2}岗'
counterexamples = ["设立党员示范岗"]
"#,
        );
        assert_eq!(report.failures.len(), 2, "{:?}", report.failures);
        let first = &report.failures[0];
        assert_eq!(first.position.unwrap().line, 6);
        assert!(first.message.contains("does not yield `党建+`; the rules find nothing"), "{}", first.message);
        assert!(
            report.failures[1].message.contains("counterexample yields `a match of `岗``"),
            "{}",
            report.failures[1].message
        );
    }

    #[test]
    fn a_pattern_example_may_be_won_by_a_concept_of_the_same_id() {
        let report = check(
            r#"
[[kind]]
name = "mechanism"
[[concept]]
id = "党建+客户服务"
[[pattern]]
name = "党建加"
regex = '党建\+(?P<x>\p{Han}{4})'
examples = ["推行“党建+客户服务”模式"]
"#,
        );
        assert!(report.failures.is_empty(), "{:?}", report.failures);
    }
}
