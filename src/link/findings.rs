//! What one document contributes to the graph.

use std::collections::BTreeMap;

use super::EVIDENCE_PER_EDGE;
use crate::articles::Article;
use crate::graph::Evidence;
use crate::layout::{Block, Page, chars};
use crate::matching::Matcher;
use crate::rules::ConceptId;

/// The articles of one document and what was found in them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentFindings {
    pub file: String,
    pub articles: Vec<ArticleFindings>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleFindings {
    pub article: Article,
    /// Node id of the article: `article:FILE#N`.
    pub node_id: String,
    /// One entry per concept found, in concept order.
    pub mentions: Vec<Mention>,
}

/// The occurrences of one concept in one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub concept: ConceptId,
    pub count: u64,
    /// Surface forms seen, sorted.
    pub forms: Vec<String>,
    /// The first occurrences, up to [`EVIDENCE_PER_EDGE`].
    pub evidence: Vec<Evidence>,
}

/// Searches every article of `page` for concepts.
pub fn find_in_page(page: &Page, articles: Vec<Article>, matcher: &Matcher) -> DocumentFindings {
    let file = page.document.name.clone();
    let articles = articles
        .into_iter()
        .map(|article| {
            let node_id = format!("article:{file}#{}", article.ordinal);
            let mut by_concept: BTreeMap<ConceptId, Mention> = BTreeMap::new();
            for &index in &article.body {
                let block = &page.blocks[index];
                let text = block.text.as_str();
                for found in matcher.find(text) {
                    let mention = by_concept.entry(found.concept).or_insert_with(|| Mention {
                        concept: found.concept,
                        count: 0,
                        forms: Vec::new(),
                        evidence: Vec::new(),
                    });
                    mention.count += 1;
                    let form = &text[found.range.clone()];
                    if let Err(at) = mention.forms.binary_search_by(|f| f.as_str().cmp(form)) {
                        mention.forms.insert(at, form.to_owned());
                    }
                    if mention.evidence.len() < EVIDENCE_PER_EDGE {
                        let position = page.position(block, found.range.start);
                        mention.evidence.push(Evidence {
                            file: file.clone(),
                            line: position.line,
                            column: position.column,
                            article: node_id.clone(),
                            sentence: sentence_around(block, found.range.clone()).to_owned(),
                        });
                    }
                }
            }
            ArticleFindings {
                article,
                node_id,
                mentions: by_concept.into_values().collect(),
            }
        })
        .collect();
    DocumentFindings { file, articles }
}

/// Longest stretch of a sentence kept on either side of a match, in characters; a
/// sentence longer than that is cut at the limit.
const SENTENCE_REACH: usize = 80;

/// The sentence of `block` holding `range`: from just after the previous sentence end
/// to the next one, included.
fn sentence_around(block: &Block, range: std::ops::Range<usize>) -> &str {
    let text = block.text.as_str();
    let mut start = range.start;
    for (taken, (i, c)) in text[..range.start].char_indices().rev().enumerate() {
        if chars::is_sentence_end(c) || taken == SENTENCE_REACH {
            break;
        }
        start = i;
    }
    let mut end = range.end;
    let mut after = text[range.end..].char_indices().peekable();
    let mut taken = 0;
    while let Some((i, c)) = after.next() {
        end = range.end + i + c.len_utf8();
        taken += 1;
        if chars::is_sentence_end(c) {
            // Keep closing quotes that belong to the sentence.
            while let Some(&(j, d)) = after.peek() {
                if !chars::is_closing(d) {
                    break;
                }
                end = range.end + j + d.len_utf8();
                after.next();
            }
            break;
        }
        if taken == SENTENCE_REACH {
            break;
        }
    }
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{BlockKind, MappedText};

    fn block(text: &str) -> Block {
        let mut mapped = MappedText::new();
        mapped.push(text, 0..text.len());
        Block {
            text: mapped,
            first_line: 1,
            last_line: 1,
            kind: BlockKind::Text,
        }
    }

    #[test]
    fn the_sentence_around_a_match() {
        let b = block("前一句。增强“四个意识”、做到“两个维护”。”后一句。");
        let at = b.text.as_str().find("两个维护").unwrap();
        assert_eq!(
            sentence_around(&b, at..at + "两个维护".len()),
            "增强“四个意识”、做到“两个维护”。”"
        );
    }

    #[test]
    fn long_sentences_are_cut() {
        let long = format!("{}两个维护{}", "甲".repeat(200), "乙".repeat(200));
        let b = block(&long);
        let at = long.find("两个维护").unwrap();
        let sentence = sentence_around(&b, at..at + "两个维护".len());
        assert_eq!(sentence.chars().count(), SENTENCE_REACH * 2 + 4);
    }
}
