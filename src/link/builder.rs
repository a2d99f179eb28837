//! Merging findings into one graph.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use hashbrown::HashTable;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use rustc_hash::{FxHashMap, FxHashSet};

use super::EVIDENCE_PER_EDGE;
use super::cited::{Cited, CitedStore};
use super::findings::{AUTHOR_UNIT_SEPARATOR, DocumentFindings, NodeKey, author_key};
use crate::graph::{ArticleInfo, Edge, Evidence, Graph, Metrics, Node, View, ViewCounts};
use crate::rules::{ARTICLE, AUTHOR, KindId, RuleSet};

/// The relation from an article to a concept it mentions (article view).
pub const MENTIONS: &str = "mentions";
/// The relation from an author to an article in whose byline they stand (article view).
pub const WROTE: &str = "wrote";
/// The relation from an author to a concept their article mentions (concept view);
/// weight and `articles`: the articles.
pub const WRITES_ABOUT: &str = "writes_about";
/// The relation from an author to the unit their article names.
pub const AFFILIATED_WITH: &str = "affiliated_with";

/// Builds the graph from documents' findings, added in corpus order.
///
/// Keys are interned once: a node is found through a map of ids per kind (looked up by
/// the borrowed id, never a copy), an edge through a map of (source, target, relation)
/// indices, so adding an occurrence hashes no more than one key per concept per article.
/// The maps hash with Fx (`rustc-hash`): their keys are small integers and short names
/// the corpus supplies, and no order depends on them. In the concept view nothing is kept per
/// article: memory grows with the distinct concepts and edges, not with the text.
pub struct GraphBuilder<'r> {
    rules: &'r RuleSet,
    view: View,
    min_articles: u64,
    article_kind: KindId,
    author_kind: KindId,
    graph: DiGraph<PendingNode, PendingEdge>,
    /// Every node but articles, by key: one (kind, id), one node, whether it comes from
    /// a concept of the rules, a pattern, or a byline. A table per kind of node indices
    /// hashed by the node's id, so that the id is kept once, in the node.
    nodes_by_key: Vec<HashTable<NodeIndex>>,
    relations: Vec<std::sync::Arc<str>>,
    /// (source, target, relation index) → edge.
    edges: FxHashMap<(NodeIndex, NodeIndex, u32), EdgeIndex>,
    /// For each author node (one per name and unit), the unit's node, if it has one.
    author_units: FxHashMap<NodeIndex, NodeIndex>,
    /// What the view not built would add, counted as documents merge.
    other: OtherViewTally,
    /// The names and sentences the edges' evidence cites.
    cited: CitedStore,
}

/// A node while the graph is built: a [`Node`] without what only the finished graph
/// gives it (its label, its metrics), 88 bytes in the graph's vector, not 152.
struct PendingNode {
    kind: KindId,
    id: String,
    mentions: u64,
    articles: u64,
    forms: Vec<String>,
    article: Option<Box<ArticleInfo>>,
}

impl PendingNode {
    fn new(kind: KindId, id: String) -> PendingNode {
        PendingNode { kind, id, mentions: 0, articles: 0, forms: Vec::new(), article: None }
    }

    /// The finished node: labelled by its article's title, or else by its id.
    fn finished(self) -> Node {
        let label = match &self.article {
            Some(article) => article.title.clone(),
            None => self.id.clone(),
        };
        let PendingNode { kind, id, mentions, articles, forms, article } = self;
        Node { kind, id, label, mentions, articles, forms, article, metrics: Metrics::default() }
    }
}

/// An edge while the graph is built: its relation by number, its evidence [`Cited`],
/// so that what grows with a large corpus until the graph is finished is numbers, not
/// text (and 64 bytes an edge in the graph's vector, not 96).
struct PendingEdge {
    relation: u32,
    directed: bool,
    weight: u64,
    articles: u64,
    evidence: Vec<Cited>,
}

/// Counts for the summary's line about the view not built. In the concept view the
/// article view's extra nodes and edges are counted, not kept (memory must not grow
/// with the text); in the article view the distinct (author, concept) pairs that
/// `writes_about` would join are kept, as the concept view keeps them anyway.
#[derive(Default)]
struct OtherViewTally {
    articles: usize,
    mentions: usize,
    wrote: usize,
    writes_about: FxHashSet<(NodeIndex, NodeIndex)>,
}

/// The finished graph, and the nodes whose ids changed while finishing
/// (`kind:id` before → after), for tables written before the graph was finished.
#[derive(Debug)]
pub struct Finished {
    pub graph: Graph,
    pub renamed: HashMap<String, String>,
    /// The counts the other view would have. Its article-level edges are counted as
    /// documents merge, before equivalent names merge and before `--min-articles`, so
    /// they can be a little higher than a run of that view gives.
    pub other_view: ViewCounts,
}

impl<'r> GraphBuilder<'r> {
    /// A builder of `view` that drops, when finished, the nodes (but articles) seen in
    /// fewer than `min_articles` articles.
    pub fn new(rules: &'r RuleSet, view: View, min_articles: u64) -> GraphBuilder<'r> {
        GraphBuilder {
            rules,
            view,
            min_articles,
            article_kind: rules.kind(ARTICLE).expect("built-in kind"),
            author_kind: rules.kind(AUTHOR).expect("built-in kind"),
            graph: DiGraph::new(),
            nodes_by_key: (0..rules.kinds.len()).map(|_| HashTable::new()).collect(),
            relations: Vec::new(),
            edges: FxHashMap::default(),
            author_units: FxHashMap::default(),
            other: OtherViewTally::default(),
            cited: CitedStore::default(),
        }
    }

    pub fn add_document(&mut self, findings: DocumentFindings) {
        self.cited.begin_document();
        for found in findings.articles {
            let article = &found.article;
            let article_node = (self.view == View::Articles).then(|| {
                let info = ArticleInfo {
                    kind: article.kind.name(),
                    title: article.title.clone(),
                    file: findings.file.clone(),
                    first_line: article.lines.start,
                    last_line: article.lines.end.saturating_sub(1),
                    authors: article.authors.clone(),
                    unit: article.unit.clone(),
                    source: article.source.clone(),
                    body_chars: found.body_chars,
                };
                let id = found.node_id.strip_prefix("article:").unwrap_or(&found.node_id).to_owned();
                self.graph.add_node(PendingNode {
                    articles: 1,
                    article: Some(Box::new(info)),
                    ..PendingNode::new(self.article_kind, id)
                })
            });
            let unit = found.unit.as_ref().and_then(|unit| {
                let node = self.node(unit.node.as_ref()?);
                self.graph[node].articles += 1;
                Some((node, &unit.evidence))
            });
            let unit_key = found.unit.as_ref().and_then(|u| u.node.as_ref());
            let authors: Vec<NodeIndex> = article
                .authors
                .iter()
                .map(|name| {
                    let key = author_key(self.author_kind, name, article.unit.as_deref(), unit_key);
                    let author = self.node(&key);
                    self.graph[author].articles += 1;
                    if let Some((unit_node, _)) = unit {
                        self.author_units.insert(author, unit_node);
                    }
                    author
                })
                .collect();
            if self.view == View::Concepts {
                self.other.articles += 1;
                self.other.mentions += found.mentions.len();
                self.other.wrote += authors.len();
            }
            for mention in found.mentions {
                let concept = self.node(&mention.key);
                let node = &mut self.graph[concept];
                node.mentions += mention.count;
                node.articles += 1;
                for form in mention.forms {
                    if let Err(at) = node.forms.binary_search(&form) {
                        node.forms.insert(at, form);
                    }
                }
                match article_node {
                    Some(article_node) => {
                        self.other.writes_about.extend(authors.iter().map(|&author| (author, concept)));
                        self.add_edge(article_node, concept, MENTIONS, true, mention.count, mention.evidence)
                    }
                    None => {
                        let first: Vec<Evidence> = mention.evidence.into_iter().take(1).collect();
                        for &author in &authors {
                            self.add_edge(author, concept, WRITES_ABOUT, true, 1, first.clone());
                        }
                    }
                }
            }
            for &author in &authors {
                if let Some(article_node) = article_node {
                    let byline = found.byline.iter().cloned().collect();
                    self.add_edge(author, article_node, WROTE, true, 1, byline);
                }
                if let Some((unit_node, evidence)) = unit {
                    self.add_edge(author, unit_node, AFFILIATED_WITH, true, 1, vec![evidence.clone()]);
                }
            }
            for link in found.links {
                let source = self.node(&link.source);
                let target = self.node(&link.target);
                self.add_edge(source, target, &link.relation, link.directed, link.count, link.evidence);
            }
        }
    }

    /// The node with `key`, created on first use.
    fn node(&mut self, key: &NodeKey) -> NodeIndex {
        let hash = id_hash(&key.id);
        let graph = &self.graph;
        let table = &mut self.nodes_by_key[key.kind];
        if let Some(&node) = table.find(hash, |&node| graph[node].id == key.id) {
            return node;
        }
        let node = self.graph.add_node(PendingNode::new(key.kind, key.id.clone()));
        let graph = &self.graph;
        self.nodes_by_key[key.kind].insert_unique(hash, node, |&node| id_hash(&graph[node].id));
        node
    }

    /// Adds one article's worth of an edge: `weight` occurrences, one article.
    fn add_edge(
        &mut self,
        source: NodeIndex,
        target: NodeIndex,
        relation: &str,
        directed: bool,
        weight: u64,
        evidence: Vec<Evidence>,
    ) {
        let relation_id = match self.relations.iter().position(|r| &**r == relation) {
            Some(id) => id,
            None => {
                self.relations.push(relation.into());
                self.relations.len() - 1
            }
        };
        // Relations are the few the rules name: their index fits a u32 and keeps the
        // key of every edge at 12 bytes.
        let relation = relation_id as u32;
        let key = (source, target, relation);
        let edge = *self.edges.entry(key).or_insert_with(|| {
            self.graph.add_edge(
                source,
                target,
                PendingEdge { relation, directed, weight: 0, articles: 0, evidence: Vec::new() },
            )
        });
        let edge = &mut self.graph[edge];
        edge.weight += weight;
        edge.articles += 1;
        let room = EVIDENCE_PER_EDGE.saturating_sub(edge.evidence.len()).min(evidence.len());
        // Exactly as much room as is used: there is an evidence list per edge, and a
        // list grown by doubling would be mostly empty.
        edge.evidence.reserve_exact(room);
        let cited = &mut self.cited;
        edge.evidence.extend(evidence.into_iter().take(room).map(|evidence| cited.keep(evidence)));
    }

    /// The finished graph: names that differ only by an equivalent suffix merged,
    /// namesake authors resolved, nodes seen in fewer than `min_articles` articles
    /// dropped, nodes and edges in their canonical order.
    ///
    /// # Errors
    /// When the evidence's sentences could not be written to or read back from their
    /// temporary file.
    pub fn finish(self) -> std::io::Result<Finished> {
        // The lookup maps go first: they are as large as the graph's edge list.
        let GraphBuilder {
            rules,
            view,
            graph,
            nodes_by_key,
            edges,
            author_units,
            min_articles,
            author_kind,
            other,
            relations,
            cited,
            ..
        } = self;
        drop((nodes_by_key, edges));
        let (nodes, edges) = graph.into_nodes_edges();
        let mut nodes: Vec<PendingNode> = nodes.into_iter().map(|n| n.weight).collect();
        let mut representative = equivalent_names(rules, &nodes);
        let author_ids = namesakes(author_kind, &nodes, &author_units, &mut representative);
        // Only merged nodes are renamed: a node's id changes with the node it merges
        // into (authors are named as finished here, and are in no table before).
        let mut renamed = HashMap::new();
        let table_id = |node: &PendingNode| format!("{}:{}", rules.kinds[node.kind].name, node.id);
        for (old, &keep) in representative.iter().enumerate() {
            let node = &nodes[old];
            if keep != old && node.article.is_none() && node.kind != author_kind {
                renamed.insert(table_id(node), table_id(&nodes[keep]));
            }
        }
        for (node, id) in author_ids {
            nodes[node].id = id;
        }
        // Fold merged nodes into their representatives.
        for old in 0..nodes.len() {
            let keep = representative[old];
            if keep != old {
                let merged = std::mem::replace(&mut nodes[old], PendingNode::new(0, String::new()));
                let node = &mut nodes[keep];
                node.mentions += merged.mentions;
                node.articles += merged.articles;
                for form in merged.forms {
                    if let Err(at) = node.forms.binary_search(&form) {
                        node.forms.insert(at, form);
                    }
                }
            }
        }
        // A parent organisation only a unit's name mentions is seen in no article; kept
        // unless a minimum is asked for.
        let kept = |node: &PendingNode| node.article.is_some() || min_articles <= 1 || node.articles >= min_articles;
        let mut order: Vec<usize> = (0..nodes.len()).filter(|&i| representative[i] == i && kept(&nodes[i])).collect();
        // Compared in place: keys made for every node beforehand were the largest thing
        // in memory while the graph was finished.
        order.sort_by(|&a, &b| {
            let (a, b) = (&nodes[a], &nodes[b]);
            a.kind.cmp(&b.kind).then_with(|| natural_order(&a.id, &b.id)).then_with(|| a.id.cmp(&b.id))
        });
        let mut new_index = vec![NodeIndex::end(); nodes.len()];
        let mut sorted = DiGraph::with_capacity(order.len(), 0);
        let mut nodes: Vec<Option<PendingNode>> = nodes.into_iter().map(Some).collect();
        for &old in &order {
            new_index[old] = sorted.add_node(nodes[old].take().expect("each node moved once").finished());
        }
        drop(nodes);
        // Edges keyed by their new ends and relation, sorted (stably: corpus order within
        // a key); edges that now join the same nodes by the same relation are merged.
        // A sorted vector, not a map, so that merging needs little memory beyond the
        // edges themselves; still pending (numbers), each group made one `Edge` as it
        // enters the graph.
        // An undirected edge runs from the earlier of its ends.
        let new_end = |old: NodeIndex| new_index[representative[old.index()]].index();
        let dropped = NodeIndex::<u32>::end().index();
        let mut edges: Vec<(usize, usize, PendingEdge)> = edges
            .into_iter()
            .map(|edge| {
                let (s, t) = (new_end(edge.source()), new_end(edge.target()));
                let (s, t) = if edge.weight.directed { (s, t) } else { (s.min(t), s.max(t)) };
                (s, t, edge.weight)
            })
            .collect();
        edges.retain(|(source, target, _)| source != target && *source != dropped && *target != dropped);
        let key = |edge: &(usize, usize, PendingEdge)| (edge.0, edge.1, &*relations[edge.2.relation as usize]);
        edges.sort_by(|a, b| key(a).cmp(&key(b)));
        let groups = || edges.chunk_by(|a, b| key(a) == key(b));
        sorted.reserve_exact_edges(groups().count());
        let cited = cited.resolve()?;
        for group in groups() {
            let (source, target, first) = &group[0];
            let mut evidence: Vec<Evidence> =
                group.iter().flat_map(|(_, _, same)| &same.evidence).map(|c| cited.evidence(c)).collect();
            if group.len() > 1 {
                evidence.sort();
                evidence.truncate(EVIDENCE_PER_EDGE);
                evidence.shrink_to_fit();
            }
            let edge = Edge {
                relation: relations[first.relation as usize].clone(),
                directed: first.directed,
                weight: group.iter().map(|(_, _, same)| same.weight).sum(),
                articles: group.iter().map(|(_, _, same)| same.articles).sum(),
                evidence,
                association: None,
            };
            sorted.add_edge(NodeIndex::new(*source), NodeIndex::new(*target), edge);
        }
        let graph = Graph { kinds: rules.kinds.clone(), graph: sorted };
        let writes_about: std::collections::HashSet<(usize, usize)> = other
            .writes_about
            .iter()
            .map(|&(author, concept)| (new_end(author), new_end(concept)))
            .filter(|&(author, concept)| author != dropped && concept != dropped && author != concept)
            .collect();
        let other_view = match view {
            View::Concepts => graph.counts(View::Concepts).with_articles(other.articles, other.mentions, other.wrote),
            View::Articles => graph.counts(View::Articles).without_articles(writes_about.len()),
        };
        Ok(Finished { graph, renamed, other_view })
    }
}

/// The hash a node is found by in [`GraphBuilder`]'s tables.
fn id_hash(id: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

/// Resolves namesake authors. Authors are built one node per name and unit; here each
/// name becomes:
///
/// - one node `name`, when the name is seen with at most one unit (its unitless
///   occurrences join it);
/// - when it is seen with several units, one node `name（unit）` per unit, and its
///   unitless occurrences stay a node `name` of their own, since nothing says which
///   namesake they are.
///
/// Units are compared after equivalent names merged (`聊城水务集团` and
/// `聊城水务集团有限公司` are one unit). Only the set of (name, unit) pairs in the corpus
/// matters, so the result does not depend on file order. Updates `representative` for
/// the author nodes and returns each kept author node's final id.
fn namesakes(
    author_kind: KindId,
    nodes: &[PendingNode],
    author_units: &FxHashMap<NodeIndex, NodeIndex>,
    representative: &mut [usize],
) -> Vec<(usize, String)> {
    // name → unit (as its representative node, or its written name) → author nodes.
    let mut by_name: BTreeMap<&str, BTreeMap<Option<String>, Vec<usize>>> = BTreeMap::new();
    for (i, node) in nodes.iter().enumerate() {
        if node.kind != author_kind || node.article.is_some() {
            continue;
        }
        let (name, unit) = match node.id.split_once(AUTHOR_UNIT_SEPARATOR) {
            Some((name, written)) => {
                let unit = match author_units.get(&NodeIndex::new(i)) {
                    Some(unit) => nodes[representative[unit.index()]].id.clone(),
                    None => written.strip_prefix('=').unwrap_or(written).to_owned(),
                };
                (name, Some(unit))
            }
            None => (node.id.as_str(), None),
        };
        by_name.entry(name).or_default().entry(unit).or_default().push(i);
    }
    let mut ids = Vec::new();
    for (name, units) in by_name {
        let with_unit = units.keys().filter(|u| u.is_some()).count();
        let groups: Vec<(String, Vec<usize>)> = if with_unit <= 1 {
            vec![(name.to_owned(), units.into_values().flatten().collect())]
        } else {
            units
                .into_iter()
                .map(|(unit, members)| match unit {
                    Some(unit) => (format!("{name}（{unit}）"), members),
                    None => (name.to_owned(), members),
                })
                .collect()
        };
        for (id, members) in groups {
            let keep = *members.iter().min().expect("groups are not empty");
            for member in members {
                representative[member] = keep;
            }
            ids.push((keep, id));
        }
    }
    ids
}

/// For each node, the node it merges into (itself when it stays): nodes of a kind whose
/// names differ only by one of the kind's `equivalent_suffixes` merge into the one with
/// the longest name (`聊城水务集团` into `聊城水务集团有限公司`).
fn equivalent_names(rules: &RuleSet, nodes: &[PendingNode]) -> Vec<usize> {
    let mut representative: Vec<usize> = (0..nodes.len()).collect();
    let mut groups: BTreeMap<(KindId, &str), Vec<usize>> = BTreeMap::new();
    for (i, node) in nodes.iter().enumerate() {
        let kind = &rules.kinds[node.kind];
        if kind.equivalent_suffixes.is_empty() || node.article.is_some() || node.id.contains(AUTHOR_UNIT_SEPARATOR) {
            continue;
        }
        groups.entry((node.kind, kind.stem(&node.id))).or_default().push(i);
    }
    for members in groups.values() {
        let keep = *members
            .iter()
            .max_by(|&&a, &&b| nodes[a].id.len().cmp(&nodes[b].id.len()).then_with(|| nodes[b].id.cmp(&nodes[a].id)))
            .expect("groups are not empty");
        for &member in members {
            representative[member] = keep;
        }
    }
    representative
}

/// Orders `f.txt#2` before `f.txt#10`: ids compared as runs of digits (by value, up to
/// 18 digits) and runs of other characters.
fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    natural_chunks(a).cmp(natural_chunks(b))
}

/// `id` in the runs [`natural_order`] compares: `(0, value, "")` for a digit run,
/// `(1, 0, text)` for other text (a digit run too long for a number is text, a digit at
/// a time).
fn natural_chunks(id: &str) -> impl Iterator<Item = (u8, u64, &str)> {
    let mut rest = id;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && digits <= 18 {
            let (number, tail) = rest.split_at(digits);
            rest = tail;
            Some((0, number.parse().unwrap_or(0), ""))
        } else {
            let len = rest.char_indices().find(|&(i, c)| i > 0 && c.is_ascii_digit()).map_or(rest.len(), |(i, _)| i);
            let (text, tail) = rest.split_at(len);
            rest = tail;
            Some((1, 0, text))
        }
    })
}

impl ViewCounts {
    /// The article view of these concept-view counts: `articles` article nodes,
    /// `mentions` and `wrote` edges in place of `writes_about`.
    fn with_articles(mut self, articles: usize, mentions: usize, wrote: usize) -> ViewCounts {
        self.view = View::Articles;
        if articles > 0 {
            self.nodes.insert(0, (ARTICLE.to_owned(), articles));
        }
        self.edges.retain(|(relation, _)| relation != WRITES_ABOUT);
        self.edges.extend([(MENTIONS.to_owned(), mentions), (WROTE.to_owned(), wrote)].into_iter().filter(|e| e.1 > 0));
        self.edges.sort();
        self
    }

    /// The concept view of these article-view counts: no article nodes, `writes_about`
    /// in place of `mentions` and `wrote`.
    fn without_articles(mut self, writes_about: usize) -> ViewCounts {
        self.view = View::Concepts;
        self.nodes.retain(|(kind, _)| kind != ARTICLE);
        self.edges.retain(|(relation, _)| relation != MENTIONS && relation != WROTE);
        if writes_about > 0 {
            self.edges.push((WRITES_ABOUT.to_owned(), writes_about));
        }
        self.edges.sort();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_of_ids() {
        let mut ids = vec!["a.txt#10", "a.txt#2", "a.txt#1", "b.txt#1"];
        ids.sort_by(|a, b| natural_order(a, b));
        assert_eq!(ids, ["a.txt#1", "a.txt#2", "a.txt#10", "b.txt#1"]);
        let long = "9".repeat(19);
        let mut ids = vec![format!("x{long}"), "x10".to_owned(), "x9a".to_owned()];
        ids.sort_by(|a, b| natural_order(a, b));
        assert_eq!(ids, ["x9a".to_owned(), "x10".to_owned(), format!("x{long}")]);
    }
}
