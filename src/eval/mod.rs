//! `tupu eval`: how well the layout and the rules find what a person annotated.
//!
//! A gold file lists articles, one `[[article]]` table each:
//!
//! ```toml
//! [[article]]
//! file = "rmrb/20190219-03-01.txt"   # relative to the gold file's folder
//! title = "打造红海之滨的“中埃合作之城”"
//! authors = ["王伟健"]
//! enterprises = ["中国巨石埃及玻璃纤维股份有限公司|巨石埃及", "中国港湾"]
//! units = ["艾因夏姆斯大学", "埃及苏伊士运河经济区",  # ?
//! ]
//! ```
//!
//! - `title` is compared with the article's title, `authors` with its authors; every other
//!   list field names a node kind of the rules, by its name or its plural (`units` →
//!   `unit`, `enterprises` → `enterprise`, `entities` → `entity`).
//! - An item `"a|b"` is one entity the text names by any of its forms.
//! - An item whose line ends in a `# ?` comment is borderline: a found item matching it
//!   is neither a hit nor an extra, and missing it is not a miss.
//! - Names are compared with white space (U+3000 too) removed.
//! - A field left out of an article is not annotated there: what is found of that kind
//!   in that article is not counted. An empty list (`[]`) says there is none.
//!
//! Gold articles are matched to found articles by file — the file whose path ends with
//! the gold's `file`, else one of the same base name (a file of one article is that
//! article) — and, for files holding several articles or gold files that are not
//! among the inputs (pages named after their first story), by title among the articles
//! found. Each found article serves at most one gold article.
//!
//! Scores come from the per-article findings of the pipeline ([`DocumentFindings`]),
//! not from an output file, so they do not depend on the graph's view or format.
//! Per field: tp = gold items found, fn = gold items missed, fp = found items matching no
//! gold item (a second found item matching an already found gold item is neither).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

mod relations;

pub use relations::{RelationGold, SUBJECT, loose};

use crate::error::Error;
use crate::link::DocumentFindings;
use crate::pipeline::{self, Options};
use crate::rules::{KindId, RuleSet};

/// A gold annotation, as read from its file.
#[derive(Clone, Debug)]
pub struct Gold {
    /// The gold file, as the user named it.
    pub path: PathBuf,
    pub articles: Vec<GoldArticle>,
    /// The list fields in the order they first appear, with the kind each scores.
    pub fields: Vec<GoldField>,
}

/// A list field of the gold and what it is compared with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldField {
    /// The field's name in the gold file: `authors`, `units`.
    pub name: String,
    /// The node kind it scores, `None` for `authors`.
    pub kind: Option<String>,
}

/// One annotated article.
#[derive(Clone, Debug)]
pub struct GoldArticle {
    /// The `file` entry, as written.
    pub file: String,
    /// Line of the `[[article]]` header.
    pub line: u32,
    pub title: Option<GoldItem>,
    /// Items per field, by index into [`Gold::fields`]; a field the article leaves out
    /// is absent.
    pub items: BTreeMap<usize, Vec<GoldItem>>,
}

/// One entity of the gold.
#[derive(Clone, Debug)]
pub struct GoldItem {
    /// The item as written (`a|b`).
    pub text: String,
    /// Its forms, normalised.
    pub forms: Vec<String>,
    pub borderline: bool,
    /// Line in the gold file.
    pub line: u32,
}

/// Field name of the title score.
pub const TITLES: &str = "titles";
/// Gold field compared with the articles' authors.
pub const AUTHORS: &str = "authors";

/// A name as compared: without white space (spaces, U+3000, tabs).
pub fn normalise(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Where in a gold file a byte offset is: 1-based line.
fn line_of(text: &str, offset: usize) -> u32 {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count() as u32 + 1
}

/// Whether the rest of the line after an item (at `end`) is a `# ?` comment. The item
/// may be followed by a comma and by the array's closing bracket.
fn is_borderline(text: &str, end: usize) -> bool {
    let rest = &text[end.min(text.len())..];
    let rest = rest.split('\n').next().unwrap_or("");
    let mut rest = rest.trim_start_matches([' ', '\t']);
    rest = rest.strip_prefix(',').unwrap_or(rest).trim_start_matches([' ', '\t']);
    rest = rest.strip_prefix(']').unwrap_or(rest).trim_start_matches([' ', '\t']);
    rest.strip_prefix('#').is_some_and(|comment| comment.trim_start().starts_with('?'))
}

/// The kind a list field scores: its name, or its name as a singular.
fn kind_of_field(name: &str, rules: &RuleSet) -> Option<String> {
    rules.kind_or_plural(name).map(|kind| rules.kinds[kind].name.clone())
}

impl Gold {
    /// Reads and checks a gold file; field names are resolved against `rules`' kinds.
    pub fn load(path: &Path, rules: &RuleSet) -> Result<Gold, Error> {
        Gold::parse(path, &read_gold(path)?, rules)
    }

    /// Parses the text of a gold file named `path`.
    pub fn parse(path: &Path, text: &str, rules: &RuleSet) -> Result<Gold, Error> {
        let fail = |offset: usize, message: String, help: &str| gold_error(path, line_of(text, offset), message, help);
        let mut fields: Vec<GoldField> = Vec::new();
        let mut articles = Vec::new();
        for_each_article(path, text, |at, article| {
            let mut keys: Vec<_> = article.iter().collect();
            keys.sort_by_key(|(key, _)| key.span().start);
            let mut file = None;
            let mut title = None;
            let mut items = BTreeMap::new();
            for (key, value) in keys {
                let name = key.get_ref().as_ref();
                match (name, value.get_ref()) {
                    ("file", DeValue::String(s)) => file = Some(s.to_string()),
                    ("title", DeValue::String(_)) => title = Some(item(text, value, path)?),
                    ("file" | "title", _) => {
                        return Err(fail(value.span().start, format!("`{name}` must be a string"), "quote it: \"…\""));
                    }
                    (_, DeValue::Array(list)) => {
                        let index = match fields.iter().position(|f| f.name == name) {
                            Some(index) => index,
                            None => {
                                let kind = if name == AUTHORS {
                                    None
                                } else {
                                    Some(kind_of_field(name, rules).ok_or_else(|| {
                                        let known: Vec<&str> = rules.kinds.iter().map(|k| k.name.as_str()).collect();
                                        fail(
                                            key.span().start,
                                            format!("`{name}` names no kind of the rules"),
                                            &format!(
                                                "use a kind's name or its plural; the rules' kinds are {}",
                                                known.join(", ")
                                            ),
                                        )
                                    })?)
                                };
                                fields.push(GoldField { name: name.to_owned(), kind });
                                fields.len() - 1
                            }
                        };
                        let list = list.iter().map(|v| item(text, v, path)).collect::<Result<Vec<_>, _>>()?;
                        items.insert(index, list);
                    }
                    _ => {
                        return Err(fail(
                            key.span().start,
                            format!("unknown field `{name}`"),
                            "an article has `file`, `title` and lists of names (`authors`, `units`, …)",
                        ));
                    }
                }
            }
            let Some(file) = file else {
                return Err(fail(at, "this [[article]] has no `file`".to_owned(), "add file = \"folder/name.txt\""));
            };
            articles.push(GoldArticle { file, line: line_of(text, at), title, items });
            Ok(())
        })?;
        Ok(Gold { path: path.to_owned(), articles, fields })
    }

    /// The folder the gold's `file` entries are relative to.
    pub fn folder(&self) -> PathBuf {
        match self.path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
            _ => PathBuf::from("."),
        }
    }
}

/// The text of a gold file (entity or relation gold); a missing one is
/// [`Error::PathNotFound`].
fn read_gold(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => Error::PathNotFound { path: path.to_owned() },
        _ => gold_error(path, 0, format!("cannot read the gold file: {err}"), ""),
    })
}

/// Calls `visit` with the offset and table of each `[[article]]` of a gold file's
/// text, in order: the shape entity and relation gold share. Invalid TOML, another
/// top-level key, no article, or an `article` that is not a list of tables is an error
/// naming its line.
fn for_each_article(
    path: &Path,
    text: &str,
    mut visit: impl FnMut(usize, &DeTable<'_>) -> Result<(), Error>,
) -> Result<(), Error> {
    let fail = |offset: usize, message: String, help: &str| gold_error(path, line_of(text, offset), message, help);
    let table = DeTable::parse(text).map_err(|err| {
        let offset = err.span().map_or(0, |s| s.start);
        fail(offset, format!("not valid TOML: {}", err.message()), "see the TOML syntax at https://toml.io")
    })?;
    let table = table.into_inner();
    let mut articles_value = None;
    for (key, value) in table.iter() {
        if key.get_ref() == "article" {
            articles_value = Some(value);
        } else {
            return Err(fail(
                key.span().start,
                format!("unknown top-level key `{}`", key.get_ref()),
                "a gold file holds only [[article]] tables",
            ));
        }
    }
    let Some(articles_value) = articles_value else {
        return Err(fail(0, "no [[article]] table".to_owned(), "add one [[article]] per annotated file"));
    };
    let not_tables = |offset| fail(offset, "`article` is not a list of tables".to_owned(), "write [[article]]");
    let DeValue::Array(entries) = articles_value.get_ref() else {
        return Err(not_tables(articles_value.span().start));
    };
    for entry in entries.iter() {
        let DeValue::Table(article) = entry.get_ref() else {
            return Err(not_tables(entry.span().start));
        };
        visit(entry.span().start, article)?;
    }
    Ok(())
}

fn gold_error(path: &Path, line: u32, message: String, help: &str) -> Error {
    Error::Gold { path: path.to_owned(), line, message, help: help.to_owned() }
}

fn item(text: &str, value: &Spanned<DeValue<'_>>, path: &Path) -> Result<GoldItem, Error> {
    let span = value.span();
    let line = line_of(text, span.start);
    let DeValue::String(s) = value.get_ref() else {
        return Err(gold_error(path, line, "a list item must be a string".to_owned(), "quote it: \"…\""));
    };
    let forms: Vec<String> = s.split('|').map(normalise).filter(|f| !f.is_empty()).collect();
    if forms.is_empty() {
        return Err(gold_error(path, line, "an empty name".to_owned(), "write the name, or remove the item"));
    }
    Ok(GoldItem { text: s.to_string(), forms, borderline: is_borderline(text, span.end), line })
}

/// One article as the pipeline found it, reduced to what scoring needs.
#[derive(Clone, Debug)]
struct FoundArticle {
    file: String,
    title: String,
    /// The kicker and subtitle, for pairing: a story whose headline was mistaken for its
    /// kicker or subtitle is still that story (its title is still scored as found).
    headings: Vec<String>,
    line: u32,
    authors: Vec<Named>,
    /// Concepts by kind.
    concepts: BTreeMap<KindId, Vec<Named>>,
    /// The organisations it is about.
    subjects: Vec<Named>,
    /// The edges the relation rules made in it, but authors'.
    links: Vec<FoundLink>,
}

/// An edge found in an article: its relation, the names of its two nodes (the id and
/// the forms the article names it by) and where it was first seen.
#[derive(Clone, Debug)]
struct FoundLink {
    relation: String,
    source: Vec<String>,
    target: Vec<String>,
    /// `source > target`, by ids.
    shown: String,
    file: String,
    line: u32,
    sentence: String,
}

/// A found name: the id first, its forms, normalised, and where it was first seen.
#[derive(Clone, Debug)]
struct Named {
    shown: String,
    names: Vec<String>,
    line: u32,
    file: String,
}

fn reduce(findings: DocumentFindings, rules: &RuleSet) -> Vec<FoundArticle> {
    let file = findings.file;
    findings
        .articles
        .into_iter()
        .map(|found| {
            let article = &found.article;
            let byline_line = found.byline.as_ref().map_or(article.lines.start, |e| e.line);
            let authors = article
                .authors
                .iter()
                .map(|a| Named { shown: a.clone(), names: vec![normalise(a)], line: byline_line, file: file.clone() })
                .collect();
            let mut concepts: BTreeMap<KindId, Vec<Named>> = BTreeMap::new();
            let mut add = |kind: KindId, id: &str, forms: &[String], at: Option<&crate::graph::Evidence>| {
                let list = concepts.entry(kind).or_default();
                let names: Vec<String> =
                    std::iter::once(id).chain(forms.iter().map(String::as_str)).map(normalise).collect();
                if let Some(known) =
                    list.iter_mut().find(|n| rules.kinds[kind].stem(&n.shown) == rules.kinds[kind].stem(id))
                {
                    known.names.extend(names);
                    if id.len() > known.shown.len() {
                        known.shown = id.to_owned();
                    }
                    return;
                }
                let (file, line) = at.map_or((file.clone(), article.lines.start), |e| (e.file.to_string(), e.line));
                list.push(Named { shown: id.to_owned(), names, line, file });
            };
            for mention in &found.mentions {
                add(mention.key.kind, &mention.key.id, &mention.forms, mention.evidence.first());
            }
            // The byline's unit counts where the text names it; a unit a credit only
            // implies (`本报记者` → 人民日报) is the author's affiliation, not a name the
            // article prints, and a gold annotation lists printed names only. So is the
            // agency of a dateline (`新华社北京1月14日电`): a credit, not a body acting.
            let credit_agency =
                |name: &str| rules.layout.credit_sources.iter().any(|(short, full)| short == name || full == name);
            if let Some(unit) = &found.unit
                && let Some(node) = &unit.node
                && unit.evidence.sentence.contains(unit.name.as_str())
                && !credit_agency(&unit.name)
            {
                add(node.kind, &node.id, std::slice::from_ref(&unit.name), Some(&unit.evidence));
            }
            for link in found.links.iter().filter(|l| l.relation == crate::link::PART_OF) {
                add(link.target.kind, &link.target.id, &[], link.evidence.first());
            }
            // The names of a node: its id and the forms this article names it by.
            let names = |key: &crate::link::NodeKey| -> Vec<String> {
                let forms =
                    found.mentions.iter().find(|m| m.key == *key).map(|m| m.forms.as_slice()).unwrap_or_default();
                std::iter::once(&key.id).chain(forms).map(|n| normalise(n)).collect()
            };
            let author = rules.kind(crate::rules::AUTHOR);
            let links = found
                .links
                .iter()
                .filter(|l| Some(l.source.kind) != author)
                .map(|l| {
                    let evidence = l.evidence.first();
                    FoundLink {
                        relation: l.relation.clone(),
                        source: names(&l.source),
                        target: names(&l.target),
                        shown: format!("{} > {}", l.source.id, l.target.id),
                        file: evidence.map_or_else(|| file.clone(), |e| e.file.to_string()),
                        line: evidence.map_or(article.lines.start, |e| e.line),
                        sentence: evidence.map(|e| e.sentence.to_string()).unwrap_or_default(),
                    }
                })
                .collect();
            let subjects = found
                .subjects
                .iter()
                .map(|key| Named {
                    shown: key.id.clone(),
                    names: names(key),
                    line: article.lines.start,
                    file: file.clone(),
                })
                .collect();
            FoundArticle {
                file: file.clone(),
                title: article.title.clone(),
                headings: article.kicker.iter().chain(&article.subtitle).map(|h| normalise(h)).collect(),
                line: article.lines.start,
                authors,
                concepts,
                subjects,
                links,
            }
        })
        .collect()
}

/// The scores of one field.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FieldScore {
    /// `titles`, `authors`, or the gold's field name.
    pub field: String,
    /// The node kind scored, for kind fields.
    pub kind: Option<String>,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// `None` when nothing was found (precision) or nothing was to be found (recall).
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

/// A gold item not found (or a gold article matched to none).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Miss {
    pub field: String,
    pub item: String,
    /// The gold file and line.
    pub gold_file: String,
    pub gold_line: u32,
    /// The gold article's `file`.
    pub article: String,
}

/// A found item no gold item accounts for.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Extra {
    pub field: String,
    pub item: String,
    /// Where it was first seen.
    pub file: String,
    pub line: u32,
    /// The gold article's `file` it was compared with.
    pub article: String,
    /// For an edge, the sentence showing it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// What `tupu eval` measured.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Report {
    pub gold: String,
    pub files_read: usize,
    pub articles_found: usize,
    pub gold_articles: usize,
    /// Gold articles matched to a found article.
    pub matched: usize,
    pub fields: Vec<FieldScore>,
    pub misses: Vec<Miss>,
    pub extras: Vec<Extra>,
    /// Gold articles whose file was not among those read (and whose title no article
    /// read has): left out of every score, not counted as misses.
    pub not_read: Vec<String>,
    /// Gold articles whose file was not read but whose title an article of another file
    /// has, with that file: compared with it (a page named after its first story, or a
    /// typo in `file`).
    pub by_title: Vec<(String, String)>,
}

/// Runs layout, segmentation and matching over `options.inputs` (the gold's folder when
/// empty) and scores what they find against the gold file at `gold`, and, given a
/// relation gold, the relations and subjects too (see [`relations`]).
///
/// Gold articles of files not read are left out of the scores and listed in
/// [`Report::not_read`]; with `strict`, any such article is an error.
pub fn evaluate(gold: &Path, relations: Option<&Path>, strict: bool, options: &Options) -> Result<Report, Error> {
    let rules = RuleSet::load(&options.rules)?;
    let mut gold = Gold::load(gold, &rules)?;
    let relations = relations.map(RelationGold::load).transpose()?;
    let mut options = options.clone();
    if options.inputs.is_empty() {
        options.inputs = vec![gold.folder()];
    }
    let mut found = Vec::new();
    let summary = pipeline::scan(&options, &rules, |findings| found.extend(reduce(findings, &rules)))?;
    let read: std::collections::BTreeSet<&str> = found.iter().map(|f| base_name(&f.file)).collect();
    let pairs = pair(&gold, &found);
    let mut not_read = Vec::new();
    let mut first_not_read = 0;
    let mut by_title = Vec::new();
    let mut kept = Vec::new();
    for (article, paired) in gold.articles.drain(..).zip(pairs) {
        let file_read = read.contains(base_name(&article.file));
        match paired {
            None if !file_read => {
                if not_read.is_empty() {
                    first_not_read = article.line;
                }
                if !not_read.contains(&article.file) {
                    not_read.push(article.file);
                }
            }
            Some(i) if !file_read => {
                if !by_title.iter().any(|(g, _)| *g == article.file) {
                    by_title.push((article.file.clone(), found[i].file.clone()));
                }
                kept.push(article);
            }
            _ => kept.push(article),
        }
    }
    gold.articles = kept;
    if strict && !not_read.is_empty() {
        return Err(gold_error(
            &gold.path,
            first_not_read,
            format!("gold articles name {} file(s) not read: {}", not_read.len(), not_read.join(", ")),
            "read the folder holding them, or leave out --strict to score the others",
        ));
    }
    let mut report = score(&gold, &rules, &found, summary.files_read);
    if let Some(relations) = &relations {
        // A relation gold article whose file was not read is left out too, not missed.
        let unread = relations
            .articles
            .iter()
            .map(|a| &a.file)
            .filter(|f| !read.contains(base_name(f)) && !gold.articles.iter().any(|g| g.file == **f));
        for file in unread {
            if !not_read.contains(file) {
                not_read.push(file.clone());
            }
        }
    }
    if let Some(relations) = &relations {
        let (scores, misses, extras) = relations::score(relations, &gold, &pair(&gold, &found), &found, &not_read);
        report.fields.extend(scores);
        report.misses.extend(misses);
        report.extras.extend(extras);
    }
    report.not_read = not_read;
    report.by_title = by_title;
    Ok(report)
}

fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Whether `file` (a display name) is `path` or ends with `/path`.
fn ends_with_path(file: &str, path: &str) -> bool {
    let path = path.trim_start_matches("./");
    file == path || file.strip_suffix(path).is_some_and(|head| head.ends_with('/'))
}

/// How many characters `a` and `b` share at their start.
fn common_start(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Share of character bigrams two titles have in common (Dice), 1 when equal.
fn title_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let bigrams = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        let mut grams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        grams.sort_unstable();
        grams
    };
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * shared as f64 / (x.len() + y.len()) as f64
}

/// How much a gold title like a found article's kicker or subtitle counts, against one
/// like its title.
const HEADING_WEIGHT: f64 = 0.9;

/// Titles at least this similar may pair a gold article with a found one.
const TITLE_MATCH: f64 = 0.5;

/// For each gold article, the found article it is compared with.
fn pair(gold: &Gold, found: &[FoundArticle]) -> Vec<Option<usize>> {
    let mut by_base: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, article) in found.iter().enumerate() {
        by_base.entry(base_name(&article.file)).or_default().push(i);
    }
    let titles: Vec<String> = found.iter().map(|a| normalise(&a.title)).collect();
    let mut taken = vec![false; found.len()];
    // Of equally similar titles (a series printed under one title on several days), the
    // one in the file named most like the gold's: pages are named after their first
    // story, so a story's page shares the start of its name.
    let best = |candidates: &mut dyn Iterator<Item = usize>, g: &GoldArticle, taken: &[bool]| -> Option<usize> {
        let forms = g.title.as_ref().map(|t| t.forms.as_slice()).unwrap_or(&[]);
        let mut best: Option<(f64, usize, usize)> = None;
        for i in candidates.filter(|&i| !taken[i]) {
            let heading = |f: &String| {
                found[i].headings.iter().map(|h| HEADING_WEIGHT * title_similarity(f, h)).fold(0.0, f64::max)
            };
            let score = forms.iter().map(|f| title_similarity(f, &titles[i]).max(heading(f))).fold(0.0, f64::max);
            let alike = common_start(base_name(&found[i].file), base_name(&g.file));
            if score >= TITLE_MATCH && best.is_none_or(|(s, a, _)| score > s || score == s && alike > a) {
                best = Some((score, alike, i));
            }
        }
        best.map(|(_, _, i)| i)
    };
    gold.articles
        .iter()
        .map(|g| {
            let same_base = by_base.get(base_name(&g.file)).map(Vec::as_slice).unwrap_or(&[]);
            // Among files of the same base name, those whose path ends with the gold's
            // `file` (rmrb/X.txt, not ocr/X.txt, when both folders are read).
            let same_path: Vec<usize> =
                same_base.iter().copied().filter(|&i| ends_with_path(&found[i].file, &g.file)).collect();
            let same_file = if same_path.is_empty() { same_base } else { same_path.as_slice() };
            let chosen = if same_file.len() == 1 && !taken[same_file[0]] {
                Some(same_file[0])
            } else {
                best(&mut same_file.iter().copied(), g, &taken)
                    .or_else(|| best(&mut (0..found.len()), g, &taken))
                    .or_else(|| same_file.iter().copied().find(|&i| !taken[i]))
            };
            if let Some(i) = chosen {
                taken[i] = true;
            }
            chosen
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Tally {
    fn score(&self, field: &str, kind: Option<String>) -> FieldScore {
        let ratio = |a: usize, b: usize| (b > 0).then(|| round(a as f64 / b as f64));
        let precision = ratio(self.tp, self.tp + self.fp);
        let recall = ratio(self.tp, self.tp + self.fn_);
        let f1 = match (precision, recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(round(2.0 * p * r / (p + r))),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        FieldScore { field: field.to_owned(), kind, tp: self.tp, fp: self.fp, fn_: self.fn_, precision, recall, f1 }
    }
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn score(gold: &Gold, rules: &RuleSet, found: &[FoundArticle], files_read: usize) -> Report {
    let pairs = pair(gold, found);
    let gold_file = crate::load::display_name(&gold.path);
    let mut misses = Vec::new();
    let mut extras = Vec::new();
    let miss = |field: &str, item: &GoldItem, article: &GoldArticle| Miss {
        field: field.to_owned(),
        item: item.text.clone(),
        gold_file: gold_file.clone(),
        gold_line: item.line,
        article: article.file.clone(),
    };
    // Titles.
    let mut titles = Tally::default();
    for (g, pair) in gold.articles.iter().zip(&pairs) {
        match pair {
            None => misses.push(Miss {
                field: "article".to_owned(),
                item: g.title.as_ref().map_or_else(|| g.file.clone(), |t| t.text.clone()),
                gold_file: gold_file.clone(),
                gold_line: g.line,
                article: g.file.clone(),
            }),
            Some(i) => {
                let Some(title) = &g.title else { continue };
                let f = &found[*i];
                if title.forms.contains(&normalise(&f.title)) {
                    if !title.borderline {
                        titles.tp += 1;
                    }
                    continue;
                }
                if !title.borderline {
                    titles.fp += 1;
                    extras.push(Extra {
                        field: TITLES.to_owned(),
                        item: f.title.clone(),
                        file: f.file.clone(),
                        line: f.line,
                        article: g.file.clone(),
                        evidence: None,
                    });
                }
            }
        }
        if let Some(title) = &g.title
            && !title.borderline
            && pair.is_none_or(|i| !title.forms.contains(&normalise(&found[i].title)))
        {
            titles.fn_ += 1;
            misses.push(miss(TITLES, title, g));
        }
    }
    let mut scores = vec![titles.score(TITLES, None)];
    // Authors and kinds.
    for (index, field) in gold.fields.iter().enumerate() {
        let kind = field.kind.as_deref().and_then(|k| rules.kind(k));
        let mut tally = Tally::default();
        for (g, pair) in gold.articles.iter().zip(&pairs) {
            let Some(items) = g.items.get(&index) else { continue };
            let empty = Vec::new();
            let named: &[Named] = match (pair, kind) {
                (None, _) => &empty,
                (Some(i), None) => &found[*i].authors,
                (Some(i), Some(kind)) => found[*i].concepts.get(&kind).unwrap_or(&empty),
            };
            let matches = |n: &Named, item: &GoldItem| n.names.iter().any(|name| item.forms.contains(name));
            for item in items.iter().filter(|item| !item.borderline) {
                if named.iter().any(|n| matches(n, item)) {
                    tally.tp += 1;
                } else {
                    tally.fn_ += 1;
                    misses.push(miss(&field.name, item, g));
                }
            }
            for n in named {
                if !items.iter().any(|item| matches(n, item)) {
                    tally.fp += 1;
                    extras.push(Extra {
                        field: field.name.clone(),
                        item: n.shown.clone(),
                        file: n.file.clone(),
                        line: n.line,
                        article: g.file.clone(),
                        evidence: None,
                    });
                }
            }
        }
        scores.push(tally.score(&field.name, field.kind.clone()));
    }
    Report {
        gold: gold_file.clone(),
        files_read,
        articles_found: found.len(),
        gold_articles: gold.articles.len(),
        matched: pairs.iter().filter(|p| p.is_some()).count(),
        fields: scores,
        misses,
        extras,
        not_read: Vec::new(),
        by_title: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borderline_is_the_comment_right_after_the_item() {
        let text = "units = [\n  \"a\",  # ?\n  \"b\",  # kicker\n  \"c\"  # ? why\n]\nx = [\"d\", \"e\"]  # ?\n";
        let end = |s: &str| text.find(s).unwrap() + s.len();
        assert!(is_borderline(text, end("\"a\"")));
        assert!(!is_borderline(text, end("\"b\"")));
        assert!(is_borderline(text, end("\"c\"")));
        assert!(!is_borderline(text, end("\"d\"")));
        assert!(is_borderline(text, end("\"e\"")));
    }

    #[test]
    fn names_lose_their_spaces() {
        assert_eq!(normalise("朱 虹"), "朱虹");
        assert_eq!(normalise("强化\u{3000}完善 "), "强化完善");
    }

    /// A gold file of one article, `news/20200301-02-02.txt`, with only its title.
    fn gold_of_one_title(text: &str) -> Gold {
        let title = GoldItem { text: text.into(), forms: vec![text.into()], borderline: false, line: 2 };
        Gold {
            path: PathBuf::from("gold.toml"),
            articles: vec![GoldArticle {
                file: "news/20200301-02-02.txt".into(),
                line: 1,
                title: Some(title),
                items: BTreeMap::new(),
            }],
            fields: Vec::new(),
        }
    }

    #[test]
    fn a_title_printed_on_several_days_pairs_with_the_page_named_like_the_gold_file() {
        let found = |file: &str| FoundArticle {
            file: file.to_owned(),
            title: "坚守一线的党员".to_owned(),
            headings: Vec::new(),
            line: 1,
            authors: Vec::new(),
            concepts: BTreeMap::new(),
            subjects: Vec::new(),
            links: Vec::new(),
        };
        let gold = gold_of_one_title("坚守一线的党员");
        let pages = [found("pages/20200227-05-01.txt"), found("pages/20200301-01-04.txt")];
        assert_eq!(pair(&gold, &pages), [Some(1)]);
    }

    #[test]
    fn a_story_whose_headline_was_read_as_its_kicker_still_pairs() {
        let found = |title: &str, headings: &[&str]| FoundArticle {
            file: "pages/20200301-01-04.txt".to_owned(),
            title: title.to_owned(),
            headings: headings.iter().map(|h| h.to_string()).collect(),
            line: 1,
            authors: Vec::new(),
            concepts: BTreeMap::new(),
            subjects: Vec::new(),
            links: Vec::new(),
        };
        let gold = gold_of_one_title("某某大会在京召开");
        let pages = [found("某某大会闭幕讲话", &[]), found("张三出席会议并讲话", &["某某大会在京召开"])];
        assert_eq!(pair(&gold, &pages), [Some(1)]);
    }

    #[test]
    fn similar_titles_score_high() {
        assert_eq!(title_similarity("一人入党全家争先", "一人入党全家争先"), 1.0);
        assert!(title_similarity("一人入党全家争先", "一人入党全家争先（评论）") > 0.7);
        assert!(title_similarity("一人入党全家争先", "国企改革三年行动") < 0.2);
    }
}
