//! What one document contributes to the graph.

use std::collections::BTreeMap;

use super::EVIDENCE_PER_EDGE;
use crate::articles::Article;
use crate::graph::Evidence;
use crate::layout::{Block, Page, chars};
use crate::matching::Matcher;
use crate::rules::{ConceptId, KindId, RuleSet};

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
    /// Length of the body in characters.
    pub body_chars: usize,
    /// One entry per concept found, in concept order.
    pub mentions: Vec<Mention>,
    /// Where the byline is, for the `wrote` edges.
    pub byline: Option<Evidence>,
    /// The authors' unit, if the article names one.
    pub unit: Option<UnitFinding>,
}

/// The unit an article's authors belong to, and what node it becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitFinding {
    pub name: String,
    pub node: UnitNode,
    /// The byline or unit note naming the unit.
    pub evidence: Evidence,
}

/// The node a unit becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitNode {
    /// The unit's name is a form of a concept of the rules: that concept's node.
    Concept(ConceptId),
    /// A node of its own, of the kind its name's suffix decides.
    Named(KindId),
    /// No rule gives the unit a kind: no node.
    None,
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

/// Searches every article of `page` for concepts, and notes its byline and unit.
pub fn find_in_page(page: &Page, articles: Vec<Article>, rules: &RuleSet, matcher: &Matcher) -> DocumentFindings {
    let file = page.document.name.clone();
    let articles = articles
        .into_iter()
        .map(|article| {
            let node_id = format!("article:{file}#{}", article.ordinal);
            let mut by_concept: BTreeMap<ConceptId, Mention> = BTreeMap::new();
            for index in article.text_blocks() {
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
            let body_chars = article.body_chars(page);
            let byline = article.byline_block.map(|b| whole_block_evidence(page, b, &file, &node_id));
            let unit = article.unit.as_ref().map(|name| {
                let source = article.unit_block.or(article.byline_block).unwrap_or(0);
                UnitFinding {
                    name: name.clone(),
                    node: unit_node(name, rules, matcher),
                    evidence: whole_block_evidence(page, source, &file, &node_id),
                }
            });
            ArticleFindings { article, node_id, body_chars, mentions: by_concept.into_values().collect(), byline, unit }
        })
        .collect();
    DocumentFindings { file, articles }
}

/// Evidence pointing at a whole block: a byline, a unit note.
fn whole_block_evidence(page: &Page, block: usize, file: &str, article: &str) -> Evidence {
    let block = &page.blocks[block];
    let position = page.position(block, 0);
    Evidence {
        file: file.to_owned(),
        line: position.line,
        column: position.column,
        article: article.to_owned(),
        sentence: block.text.as_str().to_owned(),
    }
}

/// The node a unit named `name` becomes: a concept whose form is the whole name, or a
/// node of the kind the name's suffix decides.
fn unit_node(name: &str, rules: &RuleSet, matcher: &Matcher) -> UnitNode {
    let whole = matcher.find(name).find(|m| m.range == (0..name.len()));
    if let Some(found) = whole {
        return UnitNode::Concept(found.concept);
    }
    match rules.layout.unit_kind(name).or(rules.layout.default_unit_kind) {
        Some(kind) => UnitNode::Named(kind),
        None => UnitNode::None,
    }
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
        Block { text: mapped, first_line: 1, last_line: 1, kind: BlockKind::Text, blank_before: false }
    }

    #[test]
    fn the_sentence_around_a_match() {
        let b = block("前一句。增强“四个意识”、做到“两个维护”。”后一句。");
        let at = b.text.as_str().find("两个维护").unwrap();
        assert_eq!(sentence_around(&b, at..at + "两个维护".len()), "增强“四个意识”、做到“两个维护”。”");
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
