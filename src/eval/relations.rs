//! Relations against a relation gold: `tupu eval GOLD --relations RELATIONS`.
//!
//! A relation gold lists, per article, the links its text supports, and names each
//! side by a form of an item of the entity gold's same article:
//!
//! ```toml
//! [[article]]
//! file = "rmrb/20200527-12-03.txt"
//! subject = ["交通银行湖北省分行"]
//! practises = [
//!   "交通银行湖北省分行 > 党员先锋队",
//!   "交通银行湖北省分行 > 融资对接工作机制",  # ?
//! ]
//! invokes = ["交通银行湖北省分行 > 六稳"]
//! part_of = ["交通银行湖北省分行 > 交通银行"]
//! ```
//!
//! - Every list but `subject` is a relation, scored against the found edges of that
//!   name (authors' edges left out: people come from bylines, not from this gold).
//! - A found edge counts for a gold pair when its source and target match the two
//!   gold items (any of their forms, with white space and punctuation left out); an
//!   edge matching no pair is an extra, a pair no edge matches a miss; a `# ?` pair
//!   counts neither way.
//! - `subject` is compared with the article's subjects (see `link::subjects`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::de::DeValue;

use super::{
    Extra, FieldScore, FoundArticle, Gold, GoldItem, Miss, Tally, for_each_article, gold_error, item, line_of,
    read_gold,
};
use crate::error::Error;

/// Field name of the subject score.
pub const SUBJECT: &str = "subject";

/// A relation gold, as read from its file.
#[derive(Clone, Debug)]
pub struct RelationGold {
    pub path: PathBuf,
    pub articles: Vec<RelationArticle>,
    /// The relations in the order they first appear.
    pub relations: Vec<String>,
}

/// The relations annotated for one article.
#[derive(Clone, Debug)]
pub struct RelationArticle {
    pub file: String,
    pub line: u32,
    /// `None` when the article leaves `subject` out.
    pub subjects: Option<Vec<GoldItem>>,
    /// Pairs per relation name; a relation the article leaves out is absent.
    pub pairs: BTreeMap<String, Vec<GoldPair>>,
}

/// One `A > B` pair.
#[derive(Clone, Debug)]
pub struct GoldPair {
    pub text: String,
    pub source: String,
    pub target: String,
    pub borderline: bool,
    pub line: u32,
}

impl RelationGold {
    pub fn load(path: &Path) -> Result<RelationGold, Error> {
        RelationGold::parse(path, &read_gold(path)?)
    }

    pub fn parse(path: &Path, text: &str) -> Result<RelationGold, Error> {
        let fail = |offset: usize, message: String, help: &str| gold_error(path, line_of(text, offset), message, help);
        let mut articles = Vec::new();
        let mut relations: Vec<String> = Vec::new();
        for_each_article(path, text, |at, article| {
            let mut file = None;
            let mut subjects = None;
            let mut pairs = BTreeMap::new();
            for (key, value) in article.iter() {
                let name = key.get_ref().as_ref();
                match (name, value.get_ref()) {
                    ("file", DeValue::String(s)) => file = Some(s.to_string()),
                    (SUBJECT, DeValue::Array(list)) => {
                        subjects = Some(list.iter().map(|v| item(text, v, path)).collect::<Result<Vec<_>, _>>()?);
                    }
                    (_, DeValue::Array(list)) if name != "file" => {
                        let mut found = Vec::new();
                        for value in list.iter() {
                            let GoldItem { text: pair, borderline, line, .. } = item(text, value, path)?;
                            let Some((source, target)) = pair.split_once('>') else {
                                return Err(gold_error(
                                    path,
                                    line,
                                    format!("`{pair}` is not a pair"),
                                    "write \"SOURCE > TARGET\", each a form of the entity gold",
                                ));
                            };
                            let (source, target) = (source.trim().to_owned(), target.trim().to_owned());
                            found.push(GoldPair { text: pair, source, target, borderline, line });
                        }
                        if !relations.iter().any(|r| r == name) {
                            relations.push(name.to_owned());
                        }
                        pairs.insert(name.to_owned(), found);
                    }
                    _ => {
                        return Err(fail(
                            key.span().start,
                            format!("`{name}` is neither `file` nor a list"),
                            "an article has `file`, `subject` and lists of pairs (`practises`, `invokes`, …)",
                        ));
                    }
                }
            }
            let Some(file) = file else {
                return Err(fail(at, "this [[article]] has no `file`".into(), "add file = \"…\""));
            };
            articles.push(RelationArticle { file, line: line_of(text, at), subjects, pairs });
            Ok(())
        })?;
        Ok(RelationGold { path: path.to_owned(), articles, relations })
    }
}

/// A name as relations compare it: without white space, quotes, brackets and
/// punctuation, so that `“党建+”模式` in one gold and `党建+模式` in a node agree.
pub fn loose(name: &str) -> String {
    name.chars()
        .filter(|&c| !c.is_whitespace() && !"“”‘’\"'《》〈〉「」『』（）()、，。：；！？·•-—…".contains(c))
        .collect()
}

/// The forms of the entity gold item of `article` that `name` is a form of, or `name`
/// alone.
fn forms_of(name: &str, items: &[&GoldItem]) -> Vec<String> {
    let name = loose(name);
    items
        .iter()
        .map(|item| item.forms.iter().map(|f| loose(f)).collect::<Vec<_>>())
        .find(|forms| forms.contains(&name))
        .unwrap_or_else(|| vec![name])
}

/// The scores of every relation and of subjects, with their misses and extras; articles
/// whose file is in `not_read` are left out.
pub(super) fn score(
    relations: &RelationGold,
    gold: &Gold,
    pairs: &[Option<usize>],
    found: &[FoundArticle],
    not_read: &[String],
) -> (Vec<FieldScore>, Vec<Miss>, Vec<Extra>) {
    let gold_file = crate::load::display_name(&relations.path);
    let mut misses = Vec::new();
    let mut extras = Vec::new();
    let mut subject = Tally::default();
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let miss = |field: &str, text: &str, line: u32, article: &str| Miss {
        field: field.to_owned(),
        item: text.to_owned(),
        gold_file: gold_file.clone(),
        gold_line: line,
        article: article.to_owned(),
    };
    for article in &relations.articles {
        if not_read.contains(&article.file) {
            continue;
        }
        let paired = gold.articles.iter().position(|g| g.file == article.file);
        let items: Vec<&GoldItem> =
            paired.map(|g| gold.articles[g].items.values().flatten().collect()).unwrap_or_default();
        let found_article = paired.and_then(|g| pairs[g]).map(|i| &found[i]);
        if let Some(subjects) = &article.subjects {
            let found_subjects = found_article.map(|f| f.subjects.as_slice()).unwrap_or_default();
            let gold_forms: Vec<(Vec<String>, &GoldItem)> =
                subjects.iter().map(|s| (forms_of(&s.text, &items), s)).collect();
            let matches = |names: &[String], forms: &[String]| names.iter().any(|n| forms.contains(&loose(n)));
            for (forms, item) in gold_forms.iter().filter(|(_, item)| !item.borderline) {
                if found_subjects.iter().any(|s| matches(&s.names, forms)) {
                    subject.tp += 1;
                } else {
                    subject.fn_ += 1;
                    misses.push(miss(SUBJECT, &item.text, item.line, &article.file));
                }
            }
            for s in found_subjects {
                if !gold_forms.iter().any(|(forms, _)| matches(&s.names, forms)) {
                    subject.fp += 1;
                    extras.push(Extra {
                        field: SUBJECT.to_owned(),
                        item: s.shown.clone(),
                        file: s.file.clone(),
                        line: s.line,
                        article: article.file.clone(),
                        evidence: None,
                    });
                }
            }
        }
        for (relation, gold_pairs) in &article.pairs {
            let tally = tallies.entry(relation.as_str()).or_default();
            let resolved: Vec<(Vec<String>, Vec<String>, &GoldPair)> =
                gold_pairs.iter().map(|p| (forms_of(&p.source, &items), forms_of(&p.target, &items), p)).collect();
            let links: Vec<_> =
                found_article.map(|f| f.links.iter().filter(|l| l.relation == *relation).collect()).unwrap_or_default();
            let hits = |link: &&super::FoundLink, source: &[String], target: &[String]| {
                link.source.iter().any(|n| source.contains(&loose(n)))
                    && link.target.iter().any(|n| target.contains(&loose(n)))
            };
            for (source, target, pair) in resolved.iter().filter(|(_, _, p)| !p.borderline) {
                if links.iter().any(|l| hits(l, source, target)) {
                    tally.tp += 1;
                } else {
                    tally.fn_ += 1;
                    misses.push(miss(relation, &pair.text, pair.line, &article.file));
                }
            }
            for link in &links {
                if !resolved.iter().any(|(source, target, _)| hits(link, source, target)) {
                    tally.fp += 1;
                    extras.push(Extra {
                        field: relation.clone(),
                        item: link.shown.clone(),
                        file: link.file.clone(),
                        line: link.line,
                        article: article.file.clone(),
                        evidence: Some(link.sentence.clone()),
                    });
                }
            }
        }
    }
    let mut scores: Vec<FieldScore> = relations
        .relations
        .iter()
        .map(|r| tallies.get(r.as_str()).unwrap_or(&Tally::default()).score(r, None))
        .collect();
    if relations.articles.iter().any(|a| a.subjects.is_some()) {
        scores.push(subject.score(SUBJECT, None));
    }
    (scores, misses, extras)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_and_borderline_pairs_are_read() {
        let text = "[[article]]\nfile = \"a.txt\"\nsubject = [\"甲公司\"]\npractises = [\n  \"甲公司 > “三会一课”\",\n  \"甲公司 > 乙\",  # ?\n]\n";
        let gold = RelationGold::parse(Path::new("r.toml"), text).unwrap();
        assert_eq!(gold.relations, ["practises"]);
        let pairs = &gold.articles[0].pairs["practises"];
        assert_eq!(
            (pairs[0].source.as_str(), pairs[0].target.as_str(), pairs[0].borderline),
            ("甲公司", "“三会一课”", false)
        );
        assert!(pairs[1].borderline);
        assert_eq!(pairs[1].line, 6);
        assert_eq!(loose(&pairs[0].target), "三会一课");
    }

    #[test]
    fn a_pair_without_its_arrow_is_an_error_at_its_line() {
        let text = "[[article]]\nfile = \"a.txt\"\ninvokes = [\n  \"甲公司 四个意识\",\n]\n";
        let err = RelationGold::parse(Path::new("r.toml"), text).unwrap_err().to_string();
        assert!(err.contains("r.toml:4") && err.contains("SOURCE > TARGET"), "{err}");
    }
}
