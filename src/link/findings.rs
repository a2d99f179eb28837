//! What one document contributes to the graph.
//!
//! Findings name nodes by [`NodeKey`] (kind, canonical id), not by graph index: they are
//! made in parallel, before the graph exists, and the builder resolves keys to nodes.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::EVIDENCE_PER_EDGE;
use super::sentences::SentenceMarks;
use super::subjects::Place;
use crate::articles::Article;
use crate::graph::{ArticleId, Evidence};
use crate::layout::{Block, Page};
use crate::matching::{Alias, LocalAliases, Match, Matcher, Target, Verdict};
use crate::rules::{AUTHOR, ActorRules, KindId, Relation, RuleSet, Scope};
use rustc_hash::{FxHashMap, FxHashSet};

/// A node as findings name it: its kind and canonical id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeKey {
    pub kind: KindId,
    pub id: String,
}

/// Separates an author's name from their unit in an author's [`NodeKey`] while the graph
/// is built; the builder resolves namesakes and gives authors their final ids.
pub const AUTHOR_UNIT_SEPARATOR: char = '\u{1f}';

/// The key of the author `name` of an article whose unit is `unit` (named `unit_name`):
/// one key per name and unit, so that namesakes of different units stay apart until the
/// builder decides (see `GraphBuilder::finish`).
pub fn author_key(kind: KindId, name: &str, unit_name: Option<&str>, unit: Option<&NodeKey>) -> NodeKey {
    let id = match (unit, unit_name) {
        (Some(unit), _) => format!("{name}{AUTHOR_UNIT_SEPARATOR}{}:{}", unit.kind, unit.id),
        (None, Some(unit_name)) => format!("{name}{AUTHOR_UNIT_SEPARATOR}={unit_name}"),
        (None, None) => name.to_owned(),
    };
    NodeKey { kind, id }
}

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
    /// One entry per concept found, in key order.
    pub mentions: Vec<Mention>,
    /// Where the byline is, for the `wrote` edges.
    pub byline: Option<Evidence>,
    /// The authors' unit, if the article names one.
    pub unit: Option<UnitFinding>,
    /// The organisations the article is about (see [`super::subjects`]), of the kinds
    /// that relations of `scope = "subject"` start at; in key order.
    pub subjects: Vec<NodeKey>,
    /// Edges the relation rules make within the article, in (relation, source, target)
    /// order.
    pub links: Vec<Link>,
}

/// The occurrences of one concept in one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub key: NodeKey,
    pub count: u64,
    /// Surface forms seen, sorted.
    pub forms: Vec<String>,
    /// The first occurrences, up to [`EVIDENCE_PER_EDGE`].
    pub evidence: Vec<Evidence>,
}

/// The unit an article's authors belong to, and the node it becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitFinding {
    pub name: String,
    /// `None` when no rule gives the unit a kind.
    pub node: Option<NodeKey>,
    /// The byline or unit note naming the unit.
    pub evidence: Evidence,
}

/// An edge a relation rule makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub relation: String,
    /// `false` for a relation declared `directed = false`; its source is then the
    /// smaller key.
    pub directed: bool,
    pub source: NodeKey,
    pub target: NodeKey,
    /// Sentences, paragraphs or articles (by the rule's scope) holding both.
    pub count: u64,
    pub evidence: Vec<Evidence>,
}

/// One concept occurrence, placed in its block and sentence.
struct Occurrence {
    key: NodeKey,
    block: usize,
    /// Sentence number within the article.
    sentence: usize,
    range: Range<usize>,
    /// The organisation a body found in the text is part of, read off its name.
    part_of: Option<NodeKey>,
}

/// Searches every article of `page` for concepts and applies the relation rules.
pub fn find_in_page(page: &Page, articles: Vec<Article>, rules: &RuleSet, matcher: &Matcher) -> DocumentFindings {
    let file = page.document.name.clone();
    let shared_file: Arc<str> = file.as_str().into();
    // Once per page, for numbering sentences and citing them: articles' blocks are
    // disjoint, and the few blocks of none (bylines, notes) cost a short search.
    let marks: Vec<SentenceMarks> = page.blocks.iter().map(|b| SentenceMarks::of(b.text.as_str())).collect();
    let articles = articles
        .into_iter()
        .map(|article| {
            let node_id = ArticleId { file: &file, ordinal: article.ordinal }.to_string();
            let context = Context {
                page,
                matcher,
                file: Arc::clone(&shared_file),
                article: article.ordinal,
                marks: &marks,
                sentences: Default::default(),
                arounds: Default::default(),
            };
            let local = article_aliases(page, &article, matcher);
            let (occurrences, evident) = occurrences(&context, &article, rules, matcher, &local);
            let mentions = mentions(&context, &occurrences);
            let byline = article.byline_block.map(|b| context.whole_block(b));
            let unit = article.unit.as_ref().map(|name| {
                let source = article.unit_block.or(article.byline_block).unwrap_or(0);
                UnitFinding {
                    name: name.clone(),
                    node: unit_node(name, rules, matcher),
                    evidence: context.whole_block(source),
                }
            });
            let heading = heading_blocks(page, &article);
            let subjects = article_subjects(&context, &article, &heading, rules, &occurrences);
            let unit_node = unit.as_ref().and_then(|u| u.node.as_ref());
            let mut links = links(&context, &article, &heading, rules, &occurrences, unit_node, &subjects);
            links.extend(parts(&context, &occurrences, &evident, rules));
            if let Some(unit) = &unit
                && let Some(node) = &unit.node
                && let Some(parent) = parent_organisation(&unit.name, rules, matcher)
            {
                links.push(Link {
                    relation: super::PART_OF.to_owned(),
                    directed: true,
                    source: node.clone(),
                    target: parent,
                    count: 1,
                    evidence: vec![unit.evidence.clone()],
                });
            }
            links.sort_by(|a, b| (&a.relation, &a.source, &a.target).cmp(&(&b.relation, &b.source, &b.target)));
            let body_chars = article.body_chars(page);
            ArticleFindings { article, node_id, body_chars, mentions, byline, unit, subjects, links }
        })
        .collect();
    DocumentFindings { file, articles }
}

/// The matches of the rules in an article's text blocks, block by block, and the targets
/// it opposes: a name the article names right after a word that opposes it
/// (`严禁“三高”项目`, a pattern's `not_after`) is no concept of it anywhere in it, where
/// it is named without the word too (`明确“三高”项目范围`).
pub fn article_matches<'t>(
    matcher: &Matcher,
    texts: impl IntoIterator<Item = &'t str>,
    local: &LocalAliases,
) -> (Vec<Vec<Match>>, Vec<Target>) {
    let mut opposed = Vec::new();
    let mut found: Vec<Vec<Match>> =
        texts.into_iter().map(|text| matcher.find_opposed(text, local, &mut opposed)).collect();
    if !opposed.is_empty() {
        for matches in &mut found {
            matches.retain(|m| !opposed.contains(&m.target));
        }
    }
    (found, opposed)
}

/// The abbreviations `article` declares (see [`crate::matching::abbreviations`]); they hold in it alone.
pub fn article_aliases(page: &Page, article: &Article, matcher: &Matcher) -> LocalAliases {
    matcher.declarations(article.text_blocks().map(|b| (page.blocks[b].text.as_str(), b)), |block, offset| {
        format!("{}:{}", page.document.name, page.position(&page.blocks[block], offset).line)
    })
}

/// The short forms the names found in one article make evident (see
/// [`crate::matching::short_forms`]), given its text blocks and their matches, in
/// order; they hold in that article alone, where no match of the rules stands.
pub fn article_short_forms(
    page: &Page,
    blocks: impl Iterator<Item = usize>,
    rules: &RuleSet,
    matcher: &Matcher,
    declared: &LocalAliases,
    found: &[Vec<Match>],
) -> LocalAliases {
    let blocks: Vec<usize> = blocks.collect();
    let names = blocks.iter().zip(found).flat_map(|(&block, matches)| {
        let text = page.blocks[block].text.as_str();
        matches.iter().map(move |m| (&m.target, &text[m.range.clone()], block, m.range.start))
    });
    let place = |block: usize, offset: usize| {
        format!("{}:{}", page.document.name, page.position(&page.blocks[block], offset).line)
    };
    let evident = matcher.evident_short_forms(names, &rules.actors, declared, place);
    let heads = &rules.actors.back_references;
    let again = back_references(page, blocks.iter().copied(), found, heads, declared, &evident, place);
    evident.with(again)
}

/// The heads of `[actors] back_references` that refer back to a quoted name: the first
/// name of the article a closing quotation mark and the head follow
/// (`“不忘初心、牢记使命”主题教育`), one alias per head, unless the head is already one.
fn back_references(
    page: &Page,
    blocks: impl Iterator<Item = usize>,
    found: &[Vec<Match>],
    heads: &[String],
    declared: &LocalAliases,
    evident: &LocalAliases,
    place: impl Fn(usize, usize) -> String,
) -> Vec<Alias> {
    let mut aliases: Vec<Alias> = Vec::new();
    if heads.is_empty() {
        return aliases;
    }
    for (block, matches) in blocks.zip(found) {
        let text = page.blocks[block].text.as_str();
        for m in matches {
            let rest = &text[m.range.end..];
            let Some(after) = rest.strip_prefix('”').or_else(|| rest.strip_prefix('’')) else { continue };
            let Some(head) = heads.iter().find(|h| after.starts_with(h.as_str())) else { continue };
            // The head alone is the short form of the quoted name with the head.
            let whole_end = m.range.end + (rest.len() - after.len()) + head.len();
            let opening = text[..m.range.start].chars().next_back().filter(|&c| c == '“' || c == '‘');
            let whole_start = m.range.start - opening.map_or(0, char::len_utf8);
            let taken = |list: &[Alias]| list.iter().any(|a| a.form == *head);
            if !taken(&aliases) && !taken(declared.aliases()) && !taken(evident.aliases()) {
                aliases.push(Alias {
                    form: head.clone(),
                    target: m.target.clone(),
                    declared_at: place(block, m.range.start),
                    shortens: Some(text[whole_start..whole_end].to_owned()),
                    refers_back: true,
                });
            }
        }
    }
    aliases
}

/// What an article's findings are read from: where it is, for evidence, and the matcher,
/// whose words say what a clause opens with.
struct Context<'a> {
    page: &'a Page,
    matcher: &'a Matcher,
    /// Shared by every evidence of the document: one allocation.
    file: Arc<str>,
    /// The article's ordinal in the file.
    article: u32,
    /// The sentence marks of each block of the page, by block index.
    marks: &'a [SentenceMarks],
    /// Sentences already cited, by block and range: the edges of an article often cite
    /// the same sentence (a mention and the co-occurrences in it), and share it.
    sentences: std::cell::RefCell<rustc_hash::FxHashMap<(usize, usize, usize), Arc<str>>>,
    /// The sentence around each mention asked about, by block and range: every rule
    /// asks about the same mentions, and a long sentence costs a walk of its characters.
    arounds: std::cell::RefCell<rustc_hash::FxHashMap<(usize, usize, usize), Range<usize>>>,
}

impl Context<'_> {
    /// The byte range of the sentence of block `index` holding `range`.
    fn sentence_around(&self, index: usize, range: Range<usize>) -> Range<usize> {
        self.arounds
            .borrow_mut()
            .entry((index, range.start, range.end))
            .or_insert_with(|| self.marks[index].around(self.page.blocks[index].text.as_str(), range))
            .clone()
    }

    fn evidence(&self, index: usize, range: Range<usize>) -> Evidence {
        let block = &self.page.blocks[index];
        let position = self.page.position(block, range.start);
        let around = self.sentence_around(index, range);
        let sentence = self
            .sentences
            .borrow_mut()
            .entry((index, around.start, around.end))
            .or_insert_with(|| block.text.as_str()[around].into())
            .clone();
        Evidence {
            file: self.file.clone(),
            line: position.line,
            column: position.column,
            article: self.article,
            sentence,
        }
    }

    /// Evidence pointing at a whole block: a byline, a unit note.
    fn whole_block(&self, block: usize) -> Evidence {
        let block = &self.page.blocks[block];
        let position = self.page.position(block, 0);
        Evidence {
            file: self.file.clone(),
            line: position.line,
            column: position.column,
            article: self.article,
            sentence: block.text.as_str().into(),
        }
    }
}

fn occurrences(
    context: &Context<'_>,
    article: &Article,
    rules: &RuleSet,
    matcher: &Matcher,
    local: &LocalAliases,
) -> (Vec<Occurrence>, LocalAliases) {
    let blocks: Vec<(usize, &str)> =
        article.text_blocks().map(|block| (block, context.page.blocks[block].text.as_str())).collect();
    let (mut found, _) = article_matches(matcher, blocks.iter().map(|&(_, text)| text), local);
    // Short forms the names make evident (`宝澜能源` of `宁夏宝澜能源集团`) are found
    // wherever in the article no match of the rules stands, the headline included.
    let evident = article_short_forms(context.page, article.text_blocks(), rules, matcher, local, &found);
    if !evident.is_empty() {
        for (&(_, text), matches) in blocks.iter().zip(found.iter_mut()) {
            for m in matches.iter_mut() {
                if let Some(target) = evident.shortened(&m.target) {
                    m.target = target.clone();
                }
            }
            let free: Vec<Match> = matcher
                .short_form_candidates(text, &evident, matches, false)
                .into_iter()
                .filter(|c| c.verdict == Verdict::Taken)
                .map(|c| c.found)
                .collect();
            if !free.is_empty() {
                matches.extend(free);
                matches.sort_by_key(|m| (m.range.start, m.range.end));
            }
        }
    }
    let mut occurrences = Vec::new();
    let mut sentences_before = 0;
    for (&(block, text), matches) in blocks.iter().zip(found) {
        let ends = context.marks[block].ends(text);
        for found in matches {
            let (kind, id) = found.target.key(rules);
            let sentence = sentences_before + ends.partition_point(|&end| end <= found.range.start);
            let part_of = found.part_of.as_ref().map(|parent| {
                let (kind, id) = parent.key(rules);
                NodeKey { kind, id: id.to_owned() }
            });
            occurrences.push(Occurrence {
                key: NodeKey { kind, id: id.to_owned() },
                block,
                sentence,
                range: found.range,
                part_of,
            });
        }
        sentences_before += ends.len() + 1;
    }
    (occurrences, evident)
}

fn mentions(context: &Context<'_>, occurrences: &[Occurrence]) -> Vec<Mention> {
    // In key order; a key's occurrences in text order (the sort is stable).
    let mut by_key: Vec<&Occurrence> = occurrences.iter().collect();
    by_key.sort_by(|a, b| a.key.cmp(&b.key));
    by_key
        .chunk_by(|a, b| a.key == b.key)
        .map(|run| {
            let mut forms: Vec<String> = Vec::new();
            for occurrence in run {
                let form = &context.page.blocks[occurrence.block].text.as_str()[occurrence.range.clone()];
                if let Err(at) = forms.binary_search_by(|f| f.as_str().cmp(form)) {
                    forms.insert(at, form.to_owned());
                }
            }
            let evidence = run
                .iter()
                .take(EVIDENCE_PER_EDGE)
                .map(|occurrence| context.evidence(occurrence.block, occurrence.range.clone()))
                .collect();
            Mention { key: run[0].key.clone(), count: run.len() as u64, forms, evidence }
        })
        .collect()
}

/// The edges the relation rules make within one article.
///
/// Links are gathered by (relation, source, target) borrowed from the occurrences, so
/// that adding one more co-occurrence copies no key; the caller sorts them.
fn links(
    context: &Context<'_>,
    article: &Article,
    heading: &[Option<usize>; 3],
    rules: &RuleSet,
    occurrences: &[Occurrence],
    unit: Option<&NodeKey>,
    subjects: &[NodeKey],
) -> Vec<Link> {
    let author_kind = rules.kind(AUTHOR).expect("built-in kind");
    let authors: Vec<NodeKey> =
        article.authors.iter().map(|name| author_key(author_kind, name, article.unit.as_deref(), unit)).collect();
    let mut links: LinksByKey<'_> = FxHashMap::default();
    let actor_kinds = actor_kinds(rules);
    // Whether a place acts in the sentence of each mention, once asked.
    let mut place_acts: Vec<Option<Option<&str>>> = vec![None; occurrences.len()];
    let actors = sentence_actors(context, rules, &actor_kinds, occurrences);
    // Whether each mention names what was broken (`违反…`), stands in the headline's
    // column label's own words, or in a deputy's remark, once for every rule: none is
    // what anyone practises or invokes.
    let column = heading[1].and_then(|b| column_label(context.page.blocks[b].text.as_str()).map(|r| (b, r)));
    let names_the_column = |o: &Occurrence| {
        column.as_ref().is_some_and(|(b, r)| {
            let text = context.page.blocks[*b].text.as_str();
            o.block == *b && r.start <= o.range.start && !text[..o.range.start].ends_with(['“', '‘'])
        })
    };
    // A deputy's remark (`…在参加星海代表团审议时说，…`) is no body's act: the blocks that
    // hold such words found once, then the sentences in them.
    let says_deputy = |text: &str| rules.actors.deputies.iter().any(|word| text.contains(word.as_str()));
    let mut deputy_blocks: Vec<usize> = occurrences.iter().map(|o| o.block).collect();
    deputy_blocks.dedup();
    deputy_blocks.retain(|&b| says_deputy(context.page.blocks[b].text.as_str()));
    let deputy = |o: &Occurrence| {
        deputy_blocks.contains(&o.block) && {
            let text = context.page.blocks[o.block].text.as_str();
            says_deputy(&text[context.sentence_around(o.block, o.range.clone())])
        }
    };
    let broken: Vec<bool> = occurrences
        .iter()
        .map(|o| names_the_column(o) || breached(context, o, &rules.actors.breaches) || deputy(o))
        .collect();
    // Each actor with the organisations named in one list with it, found once.
    let mut acting_together: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    let named_before = subjects_named_before(occurrences, subjects);
    // Occurrences grouped by each scope's unit, once per scope, not once per rule.
    let mut groups_by_scope: BTreeMap<Scope, Vec<Vec<&Occurrence>>> = BTreeMap::new();
    let mut seen = FxHashSet::default();
    for relation in &rules.relations {
        // Relations from whoever the whole article is by or about, to the first mention
        // of each node: the byline's author or unit; and the subjects, to an organisation
        // named in their story, whoever acts in the sentence naming it.
        let whole_article: Option<Vec<&NodeKey>> = match relation.scope {
            Scope::Byline if relation.from == author_kind => Some(authors.iter().collect()),
            Scope::Byline => Some(unit.filter(|u| u.kind == relation.from).into_iter().collect()),
            Scope::Subject if actor_kinds.contains(&relation.to) => {
                Some(subjects.iter().filter(|s| s.kind == relation.from).collect())
            }
            _ => None,
        };
        if let Some(sources) = whole_article {
            let told = occurrences.iter().enumerate().filter(|&(at, _)| !broken[at]).map(|(_, o)| o);
            for target in first_occurrences(told, relation.to) {
                for &source in sources.iter().filter(|&&s| *s != target.key) {
                    add(&mut links, relation, source, &target.key, || {
                        context.evidence(target.block, target.range.clone())
                    });
                }
            }
            continue;
        }
        if relation.scope == Scope::Subject {
            for (at, target) in
                occurrences.iter().enumerate().filter(|&(at, o)| o.key.kind == relation.to && !broken[at])
            {
                // A sentence that names its own actor says who does it: an organisation,
                // or a place acting (`三水区制定“三先”机制`), which is the subject only
                // where the subject is that place's own body (`三水区委`).
                if actors[at].is_some_and(|actor| !subjects.contains(&occurrences[actor].key)) {
                    continue;
                }
                let place = match actors[at] {
                    Some(_) => None,
                    None => *place_acts[at].get_or_insert_with(|| a_place_acts(context, target, &rules.actors)),
                };
                // What the heading names is the whole story's: every subject's.
                let in_heading = heading.contains(&Some(target.block));
                let sources =
                    if in_heading { subjects } else { subjects_of(at, &actors, &named_before, occurrences, subjects) };
                let acts = |source: &NodeKey| place.is_none_or(|place| body_of_place(&source.id, place, &rules.actors));
                for source in sources.iter().filter(|s| acts(s)) {
                    if source.kind == relation.from && *source != target.key {
                        add(&mut links, relation, source, &target.key, || {
                            context.evidence(target.block, target.range.clone())
                        });
                    }
                }
            }
            continue;
        }
        if relation.scope == Scope::Sentence && relation.directed {
            for (at, target) in
                occurrences.iter().enumerate().filter(|&(at, o)| o.key.kind == relation.to && !broken[at])
            {
                let Some(first) = actors[at] else { continue };
                let group = acting_together
                    .entry(first)
                    .or_insert_with(|| coordinated(context, occurrences, &actor_kinds, first));
                for actor in group.iter().map(|&a| &occurrences[a]) {
                    if actor.key.kind != relation.from || actor.key == target.key {
                        continue;
                    }
                    let shown = if (target.block, target.range.start) > (actor.block, actor.range.start) {
                        target
                    } else {
                        actor
                    };
                    add(&mut links, relation, &actor.key, &target.key, || {
                        context.evidence(shown.block, shown.range.clone())
                    });
                }
            }
            continue;
        }
        let groups = groups_by_scope.entry(relation.scope).or_insert_with(|| group_by(occurrences, relation.scope));
        for group in groups {
            let sources = first_occurrences(group.iter().copied(), relation.from);
            let targets = first_occurrences(group.iter().copied(), relation.to);
            seen.clear();
            for source in &sources {
                for target in &targets {
                    if source.key == target.key {
                        continue;
                    }
                    let (a, b) = if !relation.directed && target.key < source.key {
                        (*target, *source)
                    } else {
                        (*source, *target)
                    };
                    if !seen.insert((&a.key, &b.key)) {
                        continue;
                    }
                    // The later of the two first occurrences shows both together.
                    let shown = if (target.block, target.range.start) > (source.block, source.range.start) {
                        target
                    } else {
                        source
                    };
                    add(&mut links, relation, &a.key, &b.key, || context.evidence(shown.block, shown.range.clone()));
                }
            }
        }
    }
    links.into_values().collect()
}

/// The kinds that act: those directed relations of sentence or subject scope start at.
fn actor_kinds(rules: &RuleSet) -> FxHashSet<KindId> {
    rules
        .relations
        .iter()
        .filter(|r| r.directed && matches!(r.scope, Scope::Sentence | Scope::Subject))
        .map(|r| r.from)
        .collect()
}

/// For each occurrence, the actor its sentence names (an index into `occurrences`): the
/// nearest organisation before it in the sentence, or else the nearest after it where
/// that one opens its clause, of the
/// kinds that directed relations of sentence or subject scope start at. One actor, not
/// every name of the sentence: in `甲公司与乙局签约，乙局推行X`, 乙局 practises X.
///
/// The centre (`never` in `[actors]`) acts only as the subject of its clause, where
/// the clause opens with it (see [`opens_its_clause`]): `党中央高度重视党支部建设，要求把
/// 全面从严治党落实到…`, not `坚决维护党中央权威`.
fn sentence_actors(
    context: &Context<'_>,
    rules: &RuleSet,
    kinds: &FxHashSet<KindId>,
    occurrences: &[Occurrence],
) -> Vec<Option<usize>> {
    let mut is_actor: Vec<bool> = occurrences
        .iter()
        .map(|o| {
            kinds.contains(&o.key.kind)
                && (!rules.actors.never.contains(&o.key.id) || opens_its_clause(context, o))
                && !after_preposition(context, o, &rules.actors.prepositions)
        })
        .collect();
    // A partner brought in by a companion word does not act; the name before that word does.
    for at in 0..occurrences.len() {
        if is_actor[at] && partner(context, occurrences, &is_actor, at, &rules.actors.companions) {
            is_actor[at] = false;
        }
    }
    // The nearest actor before each occurrence in its sentence, and after it: one pass
    // each way, so that a sentence of many names costs no more than linear.
    let mut before: Vec<Option<usize>> = vec![None; occurrences.len()];
    let mut last: Option<usize> = None;
    for at in 0..occurrences.len() {
        if at > 0 && occurrences[at - 1].sentence != occurrences[at].sentence {
            last = None;
        }
        before[at] = last;
        if is_actor[at] {
            last = Some(at);
        }
    }
    let mut after: Vec<Option<usize>> = vec![None; occurrences.len()];
    let mut next: Option<usize> = None;
    for at in (0..occurrences.len()).rev() {
        if at + 1 < occurrences.len() && occurrences[at + 1].sentence != occurrences[at].sentence {
            next = None;
        }
        after[at] = next;
        // Of names starting together (shortest first), the longest acts.
        let same_start = |n: usize| {
            occurrences[n].block == occurrences[at].block && occurrences[n].range.start == occurrences[at].range.start
        };
        if is_actor[at] && !next.is_some_and(same_start) {
            next = Some(at);
        }
    }
    // One named after it acts for it as the subject of its clause (`为落实清单，星海县委
    // 推行…`), not as the object of a verb (`报送星海督察组`).
    let mut actors: Vec<Option<usize>> = (0..occurrences.len())
        .map(|at| before[at].or_else(|| after[at].filter(|&i| opens_its_clause(context, &occurrences[i]))))
        .collect();
    // What a quoted speech names is the practice of the organisation its speaker speaks
    // for, where its own sentence names no actor: each block's speeches found once,
    // with where its occurrences start.
    let mut speeches: FxHashMap<usize, (Vec<Range<usize>>, usize)> = FxHashMap::default();
    for at in 0..occurrences.len() {
        if actors[at].is_some() || rules.actors.speech_verbs.is_empty() {
            continue;
        }
        let o = &occurrences[at];
        let (spans, block_start) = speeches.entry(o.block).or_insert_with(|| {
            let first = (0..at).rev().take_while(|&i| occurrences[i].block == o.block).last().unwrap_or(at);
            (speech_spans(context.page.blocks[o.block].text.as_str()), first)
        });
        let Some(speech) = spans.iter().find(|s| s.start < o.range.start && o.range.end < s.end) else { continue };
        actors[at] =
            speaker(context, occurrences, &is_actor, (o.block, *block_start), speech, &rules.actors.speech_verbs);
    }
    actors
}

/// The quoted speeches of a block, each from its opening quotation mark to its closing
/// one: quotations holding a comma or a sentence's end, which a name (`“三会一课”`) does
/// not. Quotations inside one are part of it.
fn speech_spans(text: &str) -> Vec<Range<usize>> {
    // `“` is E2 80 9C and `”` E2 80 9D: a search for their first byte skips the text
    // between punctuation.
    const OPEN: &[u8] = "“".as_bytes();
    const CLOSE: &[u8] = "”".as_bytes();
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut open = 0;
    for at in memchr::memchr_iter(0xE2, bytes) {
        match bytes.get(at..at + 3) {
            Some(OPEN) => {
                if depth == 0 {
                    open = at;
                }
                depth += 1;
            }
            Some(CLOSE) if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let inner = &text[open + OPEN.len()..at];
                    if ['，', '。', '！', '？', '；'].iter().any(|&mark| inner.contains(mark)) {
                        spans.push(open..at + CLOSE.len());
                    }
                }
            }
            _ => {}
        }
    }
    spans
}

/// The organisation a quoted speech is attributed to: the one that opens the clause
/// right after its closing mark, when a speech verb follows in that clause
/// (`“……”星海县委书记张三说`), or the first one of the clause that ends with a speech
/// verb and a colon right before its opening mark (`星海集团董事长李四介绍：“……”`).
fn speaker(
    context: &Context<'_>,
    occurrences: &[Occurrence],
    is_actor: &[bool],
    (block, block_start): (usize, usize),
    speech: &Range<usize>,
    verbs: &[String],
) -> Option<usize> {
    /// The longest clause of attribution, in bytes (a name, a title and a person).
    const ATTRIBUTION: usize = 40 * 3;
    let text = context.page.blocks[block].text.as_str();
    let clause_end = |from: usize| text[from..].find(['，', '。', '：', '；', '“']).map_or(text.len(), |at| from + at);
    let has_verb = |clause: &str| verbs.iter().any(|v| clause.contains(v.as_str()));
    // A block's occurrences stand together, in text order: the first that may stand in
    // `range` is found by bisection. Of names starting at one place the longest speaks
    // (`国务院国资委研究中心主任…表示`: the centre, not 国务院国资委 its name holds), and
    // names that start together are ordered shortest first.
    let in_block = |range: Range<usize>| {
        let from = block_start
            + occurrences[block_start..].partition_point(|o| o.block == block && o.range.start < range.start);
        let fits = |i: usize| is_actor[i] && occurrences[i].range.end <= range.end;
        let first = (from..occurrences.len())
            .take_while(|&i| occurrences[i].block == block && occurrences[i].range.start < range.end)
            .find(|&i| fits(i))?;
        let start = occurrences[first].range.start;
        (first..occurrences.len())
            .take_while(|&i| occurrences[i].block == block && occurrences[i].range.start == start)
            .filter(|&i| fits(i))
            .last()
    };
    let after = speech.end;
    let end = clause_end(after);
    if end - after <= ATTRIBUTION
        && let Some(i) = in_block(after..end)
        && occurrences[i].range.start == after
        && has_verb(&text[occurrences[i].range.end..end])
    {
        return Some(i);
    }
    let before = &text[..speech.start];
    let before = before.strip_suffix('：').or_else(|| before.strip_suffix('，'))?;
    let start = before
        .rfind(['，', '。', '：', '；', '”'])
        .map_or(0, |at| at + before[at..].chars().next().map_or(1, char::len_utf8));
    if before.len() - start <= ATTRIBUTION && verbs.iter().any(|v| before.ends_with(v.as_str())) {
        return in_block(start..before.len());
    }
    None
}

/// The actor at `actor` and the organisations listed with it, in text order: names
/// of the same kinds joined only by `、`, `和`, `及` or `以及`
/// (`全国人大常委会、国务院、全国政协党组要以…为指导`: all three act). `与` is left out: it
/// says "with" as often as "and" (`与乙局签约`).
fn coordinated(
    context: &Context<'_>,
    occurrences: &[Occurrence],
    kinds: &FxHashSet<KindId>,
    actor: usize,
) -> Vec<usize> {
    const JOINERS: [&str; 4] = ["、", "和", "及", "以及"];
    let joined = |a: &Occurrence, b: &Occurrence| {
        a.block == b.block
            && a.range.end <= b.range.start
            && JOINERS.contains(&&context.page.blocks[a.block].text.as_str()[a.range.end..b.range.start])
    };
    let organisation = |i: usize| kinds.contains(&occurrences[i].key.kind);
    // Names inside or across the one at hand (`最高人民检察院` in `最高人民检察院党组`)
    // are stepped over, not taken for the end of the list.
    let overlap = |a: &Occurrence, b: &Occurrence| {
        a.block == b.block && a.range.start < b.range.end && b.range.start < a.range.end
    };
    let mut group = vec![actor];
    let mut at = actor;
    for i in (0..actor).rev().filter(|&i| !overlap(&occurrences[i], &occurrences[actor])) {
        if !(organisation(i) && joined(&occurrences[i], &occurrences[at])) {
            break;
        }
        group.push(i);
        at = i;
    }
    at = actor;
    for i in actor + 1..occurrences.len() {
        if overlap(&occurrences[i], &occurrences[at]) {
            continue;
        }
        if !(organisation(i) && joined(&occurrences[at], &occurrences[i])) {
            break;
        }
        group.push(i);
        at = i;
    }
    group.sort_unstable();
    group
}

/// Whether the name at `o` is the subject of its clause: nothing but a leader's
/// attribute (`以习近平同志为核心的`) stands between it and the start of its clause (the
/// sentence's start, the last `，；：` or white space before it), and no `的` follows (`党中央的部署`
/// is no actor).
fn opens_its_clause(context: &Context<'_>, o: &Occurrence) -> bool {
    let text = context.page.blocks[o.block].text.as_str();
    let clause = clause_before(context, o);
    let attribute = clause.starts_with('以') && clause.ends_with("为核心的");
    (clause.is_empty() || attribute) && !text[o.range.end..].starts_with('的') && !names_people(&text[o.range.end..])
}

/// Whether what follows a body's name makes it the name of one of its meetings:
/// `三次会议`, `第七次全体会议` (of `十三届全国人大三次会议`).
fn names_a_meeting(after: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let rest = after.strip_prefix('第').unwrap_or(after);
    let numbers = rest.chars().take_while(|&c| NUMERALS.contains(c)).map(char::len_utf8).sum::<usize>();
    let rest = &rest[numbers..];
    numbers > 0 && rest.strip_prefix('次').is_some_and(|r| r.strip_prefix("全体").unwrap_or(r).starts_with("会议"))
}

/// The longest list of names, in bytes, that may stand between a name and the people it
/// qualifies.
const PEOPLE_AFTER: usize = 60 * 3;

/// Words for the people of bodies: `领导同志` of `中共中央、国务院等领导同志`.
const PEOPLE_WORDS: [&str; 3] = ["领导同志", "负责同志", "领导人"];

/// Whether what follows a name, up to its clause's end, says that the names are those
/// of people's bodies (`中共中央、国务院等领导同志分别参加…`): the people act, not the
/// bodies.
fn names_people(after: &str) -> bool {
    // The window first, then the clause's end in it: the rest of a block may be long.
    let window = (0..=PEOPLE_AFTER.min(after.len())).rev().find(|&at| after.is_char_boundary(at)).unwrap_or(0);
    let window = &after[..window];
    let clause = &window[..window.find(['，', '。', '；', '：', '“']).unwrap_or(window.len())];
    PEOPLE_WORDS.iter().any(|people| clause.contains(people))
}

/// What stands before the name at `o` in its clause: from the sentence's start, the
/// last `，；：` or white space — white space inside a sentence ends what stands before
/// it too, a dateline (`新华社北京1月16日电  中共中央政治局召开会议`) — less closing marks.
fn clause_before<'c>(context: &'c Context<'_>, o: &Occurrence) -> &'c str {
    let text = context.page.blocks[o.block].text.as_str();
    let sentence = context.sentence_around(o.block, o.range.clone());
    let before = &text[sentence.start..o.range.start];
    let boundary = |c: char| matches!(c, '，' | '；' | '：') || c.is_whitespace();
    let clause =
        before.char_indices().rev().find(|&(_, c)| boundary(c)).map_or(before, |(at, c)| &before[at + c.len_utf8()..]);
    clause.trim_start_matches(crate::layout::chars::is_closing)
}

/// Whether the name at `o` is the object of a preposition that opens its clause
/// (`[actors] prepositions`): the clause, up to the name, is the preposition and a list
/// of names (`与空港新城、淮州新城、简州新城管委会签订…`: no character of the list but a
/// name's or a joiner), the preposition a word of its own (`为` of `为民服务`, not of
/// `为期`).
fn after_preposition(context: &Context<'_>, o: &Occurrence, prepositions: &[String]) -> bool {
    /// The longest list of names, in characters, between a preposition and a name.
    const LIST_CHARS: usize = 40;
    if prepositions.is_empty() {
        return false;
    }
    let clause = clause_before(context, o);
    prepositions.iter().any(|word| {
        clause.strip_prefix(word.as_str()).is_some_and(|list| {
            list.chars().count() <= LIST_CHARS
                && list.chars().all(|c| crate::layout::chars::is_han(c) || "、（）()·".contains(c))
                && context.matcher.opens_with_word(clause, word)
        })
    })
}

/// Whether the name at `occurrences[at]` is a partner (`[actors] companions`): it stands
/// right after a companion word, and that word right after the name of an actor
/// (`星海银行联合星海县发改委建立…`) or at the start of the clause (`会同星海县发改委制定…`,
/// whose actor is the clause's before). A word of its own: not `联合` of a name
/// (`联合国`), which the name itself holds.
fn partner(
    context: &Context<'_>,
    occurrences: &[Occurrence],
    is_actor: &[bool],
    at: usize,
    companions: &[String],
) -> bool {
    let o = &occurrences[at];
    let before = &context.page.blocks[o.block].text.as_str()[..o.range.start];
    companions.iter().any(|word| {
        let Some(rest) = before.strip_suffix(word.as_str()) else { return false };
        // Occurrences are in text order: the name before the word is among the last few.
        let after_actor = (0..at)
            .rev()
            .take_while(|&i| occurrences[i].block == o.block)
            .take(8)
            .any(|i| is_actor[i] && occurrences[i].range.end == rest.len());
        after_actor || clause_before(context, o) == word.as_str()
    })
}

/// Whether the name at `o` stands right after a word that says it was broken (`[actors]
/// breaches`: `违反中央八项规定精神`), its opening quotation mark between them or not.
fn breached(context: &Context<'_>, o: &Occurrence, breaches: &[String]) -> bool {
    if breaches.is_empty() {
        return false;
    }
    let before = &context.page.blocks[o.block].text.as_str()[..o.range.start];
    let before = before.trim_end_matches(crate::layout::chars::OPENING_MARKS);
    let before = before.strip_suffix('了').unwrap_or(before);
    breaches.iter().any(|word| before.ends_with(word.as_str()))
}

/// The column label that closes a headline, as the byte range from its opening bracket:
/// `（产经观察）` of `国企改革推向纵深（产经观察）`. Its own words name the paper's series
/// (`（守初心 担使命 找差距 抓落实·深入开展“不忘初心、牢记使命”主题教育）`), not what the
/// story's actors do; what it quotes is what the series is about.
fn column_label(headline: &str) -> Option<Range<usize>> {
    let text = headline.trim_end();
    let inner_end = text.strip_suffix('）').or_else(|| text.strip_suffix(')'))?;
    let open = inner_end.rfind(['（', '('])?;
    let closed_inside = inner_end[open..].contains(['）', ')']);
    (open > 0 && !closed_inside).then_some(open..text.len())
}

/// The longest place name, in characters, that a clause may open with to act.
const PLACE_NAME_CHARS: usize = 6;

/// Whether a clause of `o`'s sentence, up to `o`, opens with a place acting: a place
/// name (jieba's `ns`, two characters or more) and a place ending of `[actors]`, or a
/// place name that ends so, then what it does (`三水区制定“三先”机制`, `为落实清单，三水区
/// 实行…`), not one of its own bodies (`三水区委`, `place_bodies`: an organisation, which
/// the rules find). The ending keeps out people jieba takes for places (`欧阳`). An
/// actor that is no organisation, one of `[actors] others` as a word of its own
/// (`国家先后将…`), acts like a place. The place acting, as printed (`""` for such an
/// actor), if one does.
fn a_place_acts<'t>(context: &Context<'t>, o: &Occurrence, actors: &ActorRules) -> Option<&'t str> {
    let text = context.page.blocks[o.block].text.as_str();
    let sentence = context.sentence_around(o.block, o.range.clone());
    let han = crate::layout::chars::is_han;
    text[sentence.start..o.range.start].split(['，', '；', '：']).find_map(|clause| {
        let clause = clause.trim_start_matches(|c: char| c.is_whitespace() || crate::layout::chars::is_closing(c));
        // An actor that is no organisation: the state, the country, the regions.
        if actors.others.iter().any(|word| context.matcher.opens_with_word(clause, word)) {
            return Some("");
        }
        // The name is Han characters: it ends at the first other character, if not before.
        let han_until =
            clause.char_indices().take(PLACE_NAME_CHARS + 2).find(|&(_, c)| !han(c)).map_or(clause.len(), |(at, _)| at);
        clause.char_indices().skip(2).take(PLACE_NAME_CHARS).take_while(|&(at, _)| at <= han_until).find_map(
            |(at, _)| {
                let (name, after) = clause.split_at(at);
                actors.place_endings.iter().find_map(|ending| {
                    // The first byte first: this runs for every position of every clause.
                    if ending.as_bytes().first() != after.as_bytes().first() {
                        return None;
                    }
                    let rest = after.strip_prefix(ending.as_str())?;
                    let place = &clause[..at + ending.len()];
                    (rest.chars().next().is_some_and(han)
                        && !actors.place_bodies.iter().any(|body| rest.starts_with(body.as_str()))
                        && (context.matcher.is_place(name) || context.matcher.is_place(place)))
                    .then_some(place)
                })
            },
        )
    })
}

/// Whether the organisation `id` is a body of its own (`[actors] place_bodies`) of the
/// place printed as `place`, that place named in full or by its end: `三水区委` of
/// `三水区` and of `佛山三水区`, not `佛山市委` of `三水区`.
fn body_of_place(id: &str, place: &str, actors: &ActorRules) -> bool {
    id.char_indices().skip(3).any(|(at, _)| {
        place.ends_with(&id[..at]) && actors.place_bodies.iter().any(|body| id[at..].starts_with(body.as_str()))
    })
}

/// For each occurrence, the subject (an index into `subjects`) the text named last
/// before it: one pass, so that an article of many mentions costs no more than linear.
fn subjects_named_before(occurrences: &[Occurrence], subjects: &[NodeKey]) -> Vec<Option<usize>> {
    let mut last = None;
    occurrences
        .iter()
        .map(|o| {
            let before = last;
            if let Some(i) = subjects.iter().position(|s| *s == o.key) {
                last = Some(i);
            }
            before
        })
        .collect()
}

/// The subjects an occurrence at `at` is attributed to: its sentence's actor when that
/// is a subject; else the subject the text last named before it; else every subject
/// (the heading's, before the text names any).
fn subjects_of<'s>(
    at: usize,
    actors: &[Option<usize>],
    named_before: &[Option<usize>],
    occurrences: &[Occurrence],
    subjects: &'s [NodeKey],
) -> &'s [NodeKey] {
    let one = |i: usize| &subjects[i..=i];
    if let Some(actor) = actors[at]
        && let Some(i) = subjects.iter().position(|s| *s == occurrences[actor].key)
    {
        return one(i);
    }
    named_before[at].map_or(subjects, one)
}

/// An article's links by (relation, source, target).
type LinksByKey<'k> = FxHashMap<(&'k str, &'k NodeKey, &'k NodeKey), Link>;

/// Counts one more co-occurrence of `relation` from `source` to `target`, keeping its
/// evidence while the link has room for more.
fn add<'k>(
    links: &mut LinksByKey<'k>,
    relation: &'k Relation,
    source: &'k NodeKey,
    target: &'k NodeKey,
    evidence: impl FnOnce() -> Evidence,
) {
    let link = links.entry((relation.name.as_str(), source, target)).or_insert_with(|| Link {
        relation: relation.name.clone(),
        directed: relation.directed,
        source: source.clone(),
        target: target.clone(),
        count: 0,
        evidence: Vec::new(),
    });
    link.count += 1;
    // Evidence is read only while the link has room for it: most co-occurrences of a
    // frequent pair cite nothing new.
    if link.evidence.len() < EVIDENCE_PER_EDGE {
        link.evidence.push(evidence());
    }
}

/// The longest organ, in characters, named after its organisation's short form:
/// `党委`, `党支部`, `纪检监察组`.
const ORGAN_CHARS: usize = 5;

/// The `part_of` edges of an article:
///
/// - a body whose pattern read its organisation off its name (`国务院国资委党委` →
///   `国务院国资委`);
/// - an organisation whose name, as the article prints it, begins with the name of
///   another organisation the article names (`国家电网湖北公司` → `国家电网`,
///   `清华大学化学工程系` → `清华大学`), or with a short form that other's name makes
///   evident (`中国巨石埃及玻璃纤维股份有限公司` → `中国巨石`, of `中国巨石股份有限公司`,
///   named in full only): the longest such name, the nearest whole; not where the rest
///   is a third organisation's name (`中央纪委国家监委`: a joint name, part of neither);
/// - one a sentence states belongs to another: `星海集团旗下的星海物流`, by the
///   `subsidiary_markers` of `[actors]` right between the two names.
fn parts(context: &Context<'_>, occurrences: &[Occurrence], evident: &LocalAliases, rules: &RuleSet) -> Vec<Link> {
    let organisation = context.matcher.organisation_kinds();
    let text_of = |o: &Occurrence| &context.page.blocks[o.block].text.as_str()[o.range.clone()];
    // The names each organisation goes by in the article, its id and the forms printed,
    // to the organisation (the smallest key, where two share a name).
    let mut names: FxHashMap<&str, &NodeKey> = FxHashMap::default();
    for o in occurrences.iter().filter(|o| organisation.contains(&o.key.kind)) {
        for name in [o.key.id.as_str(), text_of(o)] {
            let entry = names.entry(name).or_insert(&o.key);
            if o.key < **entry {
                *entry = &o.key;
            }
        }
    }
    // Short forms the article's names make evident, where it does not print them: a
    // name begins with one where its rest is an organ of a few characters (`北科大` +
    // `党委`; a longer rest may hold a nearer whole the article does not name apart:
    // `北科大外国语学院亚欧语系党支部`) or, ending in a legal form, names a part (see
    // `Matcher::names_a_part`), not the same company named longer.
    let mut short: FxHashMap<&str, &NodeKey> = FxHashMap::default();
    for alias in evident.aliases() {
        let (kind, id) = alias.target.key(rules);
        // `names` holds every organisation by its id too.
        if let Some(&key) = names.get(id)
            && key.kind == kind
            && !names.contains_key(alias.form.as_str())
        {
            short.entry(alias.form.as_str()).or_insert(key);
        }
    }
    let mut stated: Vec<(&Occurrence, &NodeKey)> = Vec::new();
    for o in occurrences.iter().filter(|o| organisation.contains(&o.key.kind)) {
        // The longest proper start of the printed name that names another organisation:
        // a lookup per character, so a long article costs no more than linear.
        let printed = text_of(o);
        let ends: Vec<usize> = printed.char_indices().skip(2).map(|(end, _)| end).collect();
        let by_name = ends
            .iter()
            .rev()
            .filter_map(|&end| {
                let start = &printed[..end];
                let key = names.get(start).or_else(|| {
                    let key = short.get(start)?;
                    let rest = &printed[end..];
                    let company = rules.actors.legal_forms.iter().any(|f| rest.ends_with(f.as_str()));
                    let organ = !company && rest.chars().count() <= ORGAN_CHARS;
                    (organ || company && context.matcher.names_a_part(rest)).then_some(key)
                })?;
                Some((end, key))
            })
            .find(|(_, key)| key.id != o.key.id);
        // Two organisations' names side by side are their joint name (`中央纪委国家监委`),
        // part of neither.
        let joint = |end: usize| {
            let rest = &printed[end..];
            names.contains_key(rest) || context.matcher.is_known_organisation(rest)
        };
        if let Some((_, parent)) = by_name.filter(|&(end, _)| !joint(end)) {
            stated.push((o, parent));
        }
    }
    // Stated: the organisation right before a marker owns the one right after it.
    for pair in occurrences.windows(2) {
        let [owner, part] = pair else { continue };
        if owner.block != part.block
            || owner.key == part.key
            || !organisation.contains(&owner.key.kind)
            || !organisation.contains(&part.key.kind)
            || owner.range.end > part.range.start
        {
            continue;
        }
        let between = &context.page.blocks[owner.block].text.as_str()[owner.range.end..part.range.start];
        let between = between.strip_suffix('的').unwrap_or(between);
        if rules.actors.subsidiary_markers.iter().any(|m| m == between) {
            stated.push((part, &owner.key));
        }
    }
    let mut parts: BTreeMap<(&NodeKey, &NodeKey), Link> = BTreeMap::new();
    let read_off = occurrences.iter().filter_map(|o| o.part_of.as_ref().map(|parent| (o, parent)));
    // A name read off as its own parent (`中国中车集团`, whose name part is a form of the
    // same company) is no part of itself.
    for (occurrence, parent) in read_off.chain(stated).filter(|(o, parent)| o.key != **parent) {
        let link = parts.entry((&occurrence.key, parent)).or_insert_with(|| Link {
            relation: super::PART_OF.to_owned(),
            source: occurrence.key.clone(),
            target: parent.clone(),
            directed: true,
            count: 0,
            evidence: Vec::new(),
        });
        link.count += 1;
        if link.evidence.len() < EVIDENCE_PER_EDGE {
            link.evidence.push(context.evidence(occurrence.block, occurrence.range.clone()));
        }
    }
    parts.into_values().collect()
}

/// The blocks of `article`'s heading: kicker, title and subtitle; for text no header
/// claims (a page without a byline: `中共中央政治局召开会议` over a dispatch), a first
/// line of its own that is all its title says and ends no sentence is its headline.
fn heading_blocks(page: &Page, article: &Article) -> [Option<usize>; 3] {
    let headline = article.title_block.or_else(|| {
        let first = *article.body.first()?;
        let text = page.blocks[first].text.as_str().trim();
        let own_line = article.kind == crate::articles::ArticleKind::Unattributed
            && article.body.len() > 1
            && text == article.title.trim()
            && text.chars().count() <= HEADLINE_CHARS
            && !crate::layout::chars::ends_sentence(text);
        own_line.then_some(first)
    });
    [article.kicker_block, headline, article.subtitle_block]
}

/// Longest first line read as the headline of text no header claims.
const HEADLINE_CHARS: usize = 40;

/// The subjects of `article` among its occurrences, of the kinds that relations of
/// subject scope start at; the press its credits name is none, nor the centre, unless
/// a heading opens with it (`中共中央政治局召开会议`, see [`opens_its_clause`]).
fn article_subjects(
    context: &Context<'_>,
    article: &Article,
    heading: &[Option<usize>; 3],
    rules: &RuleSet,
    occurrences: &[Occurrence],
) -> Vec<NodeKey> {
    let page = context.page;
    let kinds: Vec<KindId> = rules.relations.iter().filter(|r| r.scope == Scope::Subject).map(|r| r.from).collect();
    if kinds.is_empty() {
        return Vec::new();
    }
    let press: Vec<String> =
        rules.layout.credit_sources.iter().flat_map(|(short, full)| [short.clone(), full.clone()]).collect();
    let lede = article.body.first().copied();
    // Names of the bodies of people who act (`中共中央、国务院等领导同志分别参加…`), or
    // of a body's meeting (`十三届全国人大三次会议`), in the heading or the lede, name no
    // subject.
    let qualifies_people = |o: &Occurrence| {
        let after = &page.blocks[o.block].text.as_str()[o.range.end..];
        names_people(after) || names_a_meeting(after)
    };
    let places = occurrences.iter().map(|o| {
        let place = if heading.contains(&Some(o.block)) {
            Place::Heading
        } else if Some(o.block) == lede {
            Place::Lede
        } else {
            Place::Body
        };
        let place = if place != Place::Body && qualifies_people(o) { Place::Body } else { place };
        (&o.key, place, o.block)
    });
    let heading_opened_by: Vec<&str> = occurrences
        .iter()
        .filter(|o| heading.contains(&Some(o.block)) && rules.actors.never.contains(&o.key.id))
        .filter(|o| opens_its_clause(context, o))
        .map(|o| o.key.id.as_str())
        .collect();
    let excluded = |id: &str| {
        press.iter().any(|p| p == id) || rules.actors.never.iter().any(|n| n == id) && !heading_opened_by.contains(&id)
    };
    let heading: String = heading.iter().flatten().map(|&b| page.blocks[b].text.as_str()).collect();
    super::subjects::subjects(places, &heading, &kinds, &excluded, &rules.actors)
}

/// Occurrences grouped by the unit of `scope` (a sentence, a block, the article), in
/// the unit's order, each group in text order.
fn group_by(occurrences: &[Occurrence], scope: Scope) -> Vec<Vec<&Occurrence>> {
    let unit = |occurrence: &Occurrence| match scope {
        Scope::Sentence => occurrence.sentence,
        Scope::Paragraph => occurrence.block,
        Scope::Article | Scope::Byline | Scope::Subject => 0,
    };
    let mut ordered: Vec<&Occurrence> = occurrences.iter().collect();
    ordered.sort_by_key(|o| unit(o));
    ordered.chunk_by(|a, b| unit(a) == unit(b)).map(<[&Occurrence]>::to_vec).collect()
}

/// The first occurrence of each distinct node of `kind`, in key order.
fn first_occurrences<'o>(occurrences: impl Iterator<Item = &'o Occurrence>, kind: KindId) -> Vec<&'o Occurrence> {
    let mut first: Vec<&Occurrence> = occurrences.filter(|o| o.key.kind == kind).collect();
    // Stable: of equal keys the first in text order stays.
    first.sort_by(|a, b| a.key.cmp(&b.key));
    first.dedup_by(|later, kept| later.key == kept.key);
    first
}

/// The node a unit named `name` becomes: the concept a rule finds in the whole name, or
/// a node of the kind the name's suffix decides.
fn unit_node(name: &str, rules: &RuleSet, matcher: &Matcher) -> Option<NodeKey> {
    if let Some(found) = matcher.find(name).into_iter().find(|m| m.range == (0..name.len())) {
        let (kind, id) = found.target.key(rules);
        return Some(NodeKey { kind, id: id.to_owned() });
    }
    let kind = rules.layout.unit_kind(name).or(rules.layout.default_unit_kind)?;
    Some(NodeKey { kind, id: name.to_owned() })
}

/// Shortest parent name taken, in characters.
const MIN_PARENT_CHARS: usize = 4;

/// The organisation a unit belongs to, read off the start of its name:
/// `济南建工集团有限公司党群工作部` → `济南建工集团有限公司`. The parent is the longest
/// proper prefix that a rule finds as a concept, or else that ends like a unit (with a
/// suffix of two characters or more).
fn parent_organisation(name: &str, rules: &RuleSet, matcher: &Matcher) -> Option<NodeKey> {
    let by_rule = matcher
        .find(name)
        .into_iter()
        .filter(|m| m.range.start == 0 && m.range.end < name.len())
        .max_by_key(|m| m.range.end)
        .map(|m| {
            let (kind, id) = m.target.key(rules);
            NodeKey { kind, id: id.to_owned() }
        });
    by_rule.or_else(|| {
        let end = rules
            .layout
            .unit_suffixes
            .iter()
            // A one-character suffix (`委`, `局`) is too weak a sign on its own.
            .filter(|(suffix, _)| suffix.chars().count() >= 2)
            .flat_map(|(suffix, _)| name.match_indices(suffix.as_str()).map(move |(at, s)| at + s.len()))
            .filter(|&end| end < name.len() && name[..end].chars().count() >= MIN_PARENT_CHARS)
            .max()?;
        let kind = rules.layout.unit_kind(&name[..end])?;
        Some(NodeKey { kind, id: name[..end].to_owned() })
    })
}

/// The sentence of `block` holding `range`: from just after the previous sentence end
/// to the next one, included.
pub fn sentence_around(block: &Block, range: Range<usize>) -> &str {
    let text = block.text.as_str();
    &text[SentenceMarks::of(text).around(text, range)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{BlockKind, MappedText};
    use crate::link::sentences::SENTENCE_REACH;

    fn block(text: &str) -> Block {
        let mut mapped = MappedText::new();
        mapped.push(text, 0..text.len());
        Block {
            text: mapped,
            first_line: 1,
            last_line: 1,
            kind: BlockKind::Text,
            blank_before: false,
            continues: false,
        }
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
