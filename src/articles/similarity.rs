//! How much a title and a body have in common.
//!
//! Titles in Chinese newspapers restate the body's key terms (`新业态新就业群体` in the
//! title, again and again in the text), so the share of a title's character bigrams that
//! occur in a body is a robust, dictionary-free measure of whether they belong together.

use crate::layout::chars::is_han;

/// The distinct pairs of adjacent Han characters of a text, each packed into a `u64`,
/// sorted (a sorted vector is several times faster to build and probe than a hash set).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bigrams(Vec<u64>);

impl Bigrams {
    pub fn of(text: &str) -> Bigrams {
        let mut bigrams = Bigrams::default();
        bigrams.extend(text);
        bigrams.finish()
    }

    /// Adds the bigrams of `text`; call [`Bigrams::finish`] when done.
    pub fn extend(&mut self, text: &str) {
        let mut previous: Option<char> = None;
        for c in text.chars() {
            if is_han(c) {
                if let Some(p) = previous {
                    self.0.push((u64::from(p) << 32) | u64::from(c));
                }
                previous = Some(c);
            } else {
                previous = None;
            }
        }
    }

    pub fn finish(mut self) -> Bigrams {
        self.0.sort_unstable();
        self.0.dedup();
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn contains(&self, bigram: u64) -> bool {
        self.0.binary_search(&bigram).is_ok()
    }
}

/// The share of `title`'s bigrams found in `body`: 0 (nothing shared) to 1.
pub fn share(title: &Bigrams, body: &Bigrams) -> f64 {
    if title.is_empty() {
        return 0.0;
    }
    title.0.iter().filter(|&&b| body.contains(b)).count() as f64 / title.0.len() as f64
}

/// The assignment of titles to bodies (`result[title] = body`) with the greatest total
/// share, trying every permutation (there are at most a handful of titles printed
/// together). Ties keep the order on the page.
pub fn best_assignment(scores: &[Vec<f64>]) -> Vec<usize> {
    let n = scores.len();
    let mut best: (f64, Vec<usize>) = (f64::NEG_INFINITY, (0..n).collect());
    let mut current: Vec<usize> = Vec::with_capacity(n);
    let mut used = vec![false; n];
    search(scores, &mut current, &mut used, 0.0, &mut best);
    best.1
}

fn search(scores: &[Vec<f64>], current: &mut Vec<usize>, used: &mut [bool], total: f64, best: &mut (f64, Vec<usize>)) {
    let title = current.len();
    if title == scores.len() {
        // A strictly greater total is needed to beat an earlier (more positional) order;
        // the small margin keeps rounding noise from deciding.
        if total > best.0 + 1e-9 {
            *best = (total, current.clone());
        }
        return;
    }
    for body in 0..scores.len() {
        if !used[body] {
            used[body] = true;
            current.push(body);
            search(scores, current, used, total + scores[title][body], best);
            current.pop();
            used[body] = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_find_their_bodies() {
        let titles = ["努力提升领导干部文化素养", "新业态新就业群体党建工作的经验启示"];
        let bodies = ["新业态新就业群体是治理力量，党建引领新就业群体。", "领导干部要提升文化素养，读书学习。"];
        let scores: Vec<Vec<f64>> =
            titles.iter().map(|t| bodies.iter().map(|b| share(&Bigrams::of(t), &Bigrams::of(b))).collect()).collect();
        assert_eq!(best_assignment(&scores), [1, 0]);
    }

    #[test]
    fn shares() {
        assert_eq!(share(&Bigrams::of("两个维护"), &Bigrams::of("做到两个维护")), 1.0);
        assert_eq!(share(&Bigrams::of("两个维护"), &Bigrams::of("两个方面")), 1.0 / 3.0);
        assert_eq!(share(&Bigrams::of(""), &Bigrams::of("两个")), 0.0);
    }

    #[test]
    fn ties_keep_the_page_order() {
        assert_eq!(best_assignment(&[vec![0.0, 0.0], vec![0.0, 0.0]]), [0, 1]);
    }
}
