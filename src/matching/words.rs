//! Word segmentation, for the rules that ask for it.
//!
//! jieba's dictionary takes a moment to load and segmentation costs far more than
//! literal matching, so it is loaded once, on first use, and used only for the matches
//! of rules that set `word_boundary` or `trim_tags` — never for the whole text.

use std::ops::Range;
use std::sync::OnceLock;

use jieba_rs::Jieba;

use crate::layout::chars;

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// The clause of `text` around `range`: from the punctuation before it to the
/// punctuation after it. Segmenting the clause, not the whole text, keeps the cost
/// proportional to the matches checked.
fn clause(text: &str, range: &Range<usize>) -> Range<usize> {
    let is_break = |c: char| chars::is_cjk_punct(c) && !matches!(c, '·' | '—') || c.is_ascii_punctuation() && c != '+';
    let start =
        text[..range.start].char_indices().rev().find(|&(_, c)| is_break(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[range.end..].char_indices().find(|&(_, c)| is_break(c)).map_or(text.len(), |(i, _)| range.end + i);
    start.min(range.start)..end.max(range.end)
}

/// Where the words of the clause around `range` begin and end, as byte offsets into
/// `text`.
pub fn boundaries(text: &str, range: &Range<usize>) -> Vec<usize> {
    let clause = clause(text, range);
    let mut edges = vec![clause.start];
    for token in jieba().cut(&text[clause.clone()], true) {
        edges.push(clause.start + token.byte_end);
    }
    edges
}

/// Whether `range` starts and ends on word boundaries of the text around it; `Err`
/// names the words it cuts into.
pub fn check_boundaries(text: &str, range: &Range<usize>) -> Result<(), String> {
    let edges = boundaries(text, range);
    let cut = [range.start, range.end].into_iter().find(|at| edges.binary_search(at).is_err());
    match cut {
        None => Ok(()),
        Some(at) => {
            let word = words_around(text, range, at);
            Err(format!("it cuts the word `{word}`"))
        }
    }
}

fn words_around(text: &str, range: &Range<usize>, at: usize) -> String {
    let clause = clause(text, range);
    for token in jieba().cut(&text[clause.clone()], true) {
        let (start, end) = (clause.start + token.byte_start, clause.start + token.byte_end);
        if start < at && at < end {
            return token.word.to_owned();
        }
    }
    String::new()
}

/// How many leading bytes of `text` are words tagged with one of `tags`. A tag matches
/// by prefix: `u` stands for every particle (`uj`, `ul` …), `v` for `vn` too.
pub fn leading_tagged(text: &str, tags: &[String]) -> usize {
    let mut cut = 0;
    for tag in jieba().tag(text, true) {
        if tags.iter().any(|t| tag.tag.starts_with(t.as_str())) {
            cut = tag.byte_end;
        } else {
            break;
        }
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_of_words() {
        let text = "通过设立党员先锋岗位，发挥作用";
        let at = text.find("党员先锋岗").unwrap();
        let range = at..at + "党员先锋岗".len();
        assert!(check_boundaries(text, &range).unwrap_err().contains("岗位"));
        let text = "通过设立党员先锋岗，发挥作用";
        assert!(check_boundaries(text, &range).is_ok());
    }

    #[test]
    fn leading_verbs_are_found() {
        let tags = vec!["v".to_owned(), "p".to_owned(), "r".to_owned()];
        let text = "本文结合八一煤电化公司";
        let cut = leading_tagged(text, &tags);
        assert_eq!(&text[cut..], "八一煤电化公司");
    }
}
