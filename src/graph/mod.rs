//! The knowledge graph: nodes keyed by (kind, canonical id), edges with evidence.
//!
//! [`Graph`] is what the link stage produces, the measure stage annotates (each node's
//! [`Metrics`], each co-occurrence edge's association) and every exporter writes. Nodes and edges are stored in a fixed order (nodes by kind, then id;
//! edges by source, target, relation), so that iterating the graph is deterministic and
//! every output format lists the same things in the same order.

use std::collections::BTreeMap;
use std::sync::Arc;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

use crate::rules::{Kind, KindId};

/// The graph and the kinds its nodes refer to.
#[derive(Clone, Debug)]
pub struct Graph {
    pub kinds: Vec<Kind>,
    pub graph: DiGraph<Node, Edge>,
}

impl Graph {
    pub fn nodes(&self) -> impl Iterator<Item = (NodeIndex, &Node)> {
        self.graph.node_indices().map(move |i| (i, &self.graph[i]))
    }

    pub fn edges(&self) -> impl Iterator<Item = (EdgeIndex, NodeIndex, NodeIndex, &Edge)> {
        self.graph.edge_indices().map(move |e| {
            let (source, target) = self.graph.edge_endpoints(e).expect("edge index from this graph");
            (e, source, target, &self.graph[e])
        })
    }

    /// The id a node goes by in every output: `kind:canonical id`.
    pub fn node_id(&self, node: NodeIndex) -> String {
        let node = &self.graph[node];
        format!("{}:{}", self.kinds[node.kind].name, node.id)
    }

    pub fn kind_of(&self, node: NodeIndex) -> &Kind {
        &self.kinds[self.graph[node].kind]
    }
}

/// A node: an article, an author, or a concept of a kind the rules declare.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: KindId,
    /// Canonical id, unique within the kind.
    pub id: String,
    /// What to show: the canonical id, or an article's title.
    pub label: String,
    /// How often the node is mentioned in text.
    pub mentions: u64,
    /// In how many articles it is mentioned.
    pub articles: u64,
    /// Surface forms seen in the text, sorted.
    pub forms: Vec<String>,
    /// For article nodes: where the article is. Boxed: most nodes are concepts, and the
    /// graph holds one `Node` per concept.
    pub article: Option<Box<ArticleInfo>>,
    /// Filled in by the measure stage; all zero before it.
    pub metrics: Metrics,
}

/// What the measure stage computes for a node (see [`crate::measure`]).
///
/// Floating-point values are rounded to six significant digits when they are computed,
/// so every output format writes exactly the same number.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Metrics {
    /// Edges touching the node, whatever their direction (parallel edges each count).
    pub degree: u64,
    /// Sum of the weights of those edges.
    pub weighted_degree: u64,
    /// PageRank over the undirected, weighted graph; the values of all nodes sum to 1.
    pub pagerank: f64,
    /// Community (Louvain modularity); 0 is the largest community.
    pub community: usize,
    /// Position by centrality: 1 is the node with the highest PageRank.
    pub rank: usize,
}

/// Where an article node's article is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleInfo {
    /// `article` (authored), `box` (a reading box) or `text` (unattributed).
    pub kind: &'static str,
    pub title: String,
    pub file: String,
    pub first_line: u32,
    pub last_line: u32,
    pub authors: Vec<String>,
    pub unit: Option<String>,
    /// The paper or agency its credit names: where it comes from (`人民日报`).
    pub source: Option<String>,
    /// Length of the body in characters.
    pub body_chars: usize,
}

/// An edge: a relation between two nodes, how often and in how many articles it was
/// seen, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// The relation's name, shared by all its edges.
    pub relation: Arc<str>,
    /// `false` for relations declared `directed = false` (`co_occurs`): the edge links
    /// the pair both ways, and its source is the one of the two that comes first in the
    /// graph's order.
    pub directed: bool,
    /// How often it was seen: occurrences, sentences, paragraphs or articles, by relation
    /// (see the rule's scope).
    pub weight: u64,
    /// How many articles it was seen in.
    pub articles: u64,
    /// The first few occurrences, in corpus order.
    pub evidence: Vec<Evidence>,
    /// For co-occurrence edges, how much more often the two nodes co-occur than chance
    /// would have them (see [`crate::measure`]); `None` for every other relation.
    pub association: Option<f64>,
}

/// One place in the corpus that supports an edge.
///
/// Serialised (JSON) with the article's id, as [`Evidence::article_id`] writes it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Evidence {
    /// Shared by every evidence of the document.
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
    /// Which article of the file the occurrence is in, from 1 (`Article::ordinal`). A
    /// number, not the article's id: a graph of a large archive cites a hundred
    /// thousand articles, and the id is the file's name again.
    pub article: u32,
    /// The sentence holding the occurrence, as repaired.
    /// Shared by the evidence of every edge that cites the same sentence.
    pub sentence: Arc<str>,
}

impl Evidence {
    /// The id of the article node the occurrence is in, `article:FILE#N`, in pieces.
    pub fn article_id(&self) -> ArticleId<'_> {
        ArticleId { file: &self.file, ordinal: self.article }
    }
}

/// An article node's id, `article:FILE#N`, displayed without building it.
#[derive(Clone, Copy, Debug)]
pub struct ArticleId<'a> {
    pub file: &'a str,
    pub ordinal: u32,
}

impl ArticleId<'_> {
    /// Hands `piece` the id's text piece by piece (see `export::Value::write_pieces`).
    pub fn write_pieces<E>(self, mut piece: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
        piece("article:")?;
        piece(self.file)?;
        piece("#")?;
        piece(itoa::Buffer::new().format(self.ordinal))
    }
}

impl std::fmt::Display for ArticleId<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write_pieces(|piece| f.write_str(piece))
    }
}

/// Which graph the graph formats hold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    /// The concept network: every kind a rule declares, plus authors, linked by the
    /// relation rules, `affiliated_with`, `part_of` and `writes_about` (author → concept,
    /// one per article). No article nodes: articles are the edges' evidence.
    #[default]
    Concepts,
    /// The article-level graph: the concept network's nodes plus one node per article,
    /// `mentions` (article → concept) and `wrote` (author → article) in place of
    /// `writes_about`.
    Articles,
}

impl View {
    pub const NAMES: [&'static str; 2] = ["concepts", "articles"];

    pub fn from_name(name: &str) -> Option<View> {
        match name {
            "concepts" => Some(View::Concepts),
            "articles" => Some(View::Articles),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            View::Concepts => "concepts",
            View::Articles => "articles",
        }
    }
}

/// The node and edge counts of a view, by kind and by relation (name order for
/// relations, kind order for kinds).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewCounts {
    pub view: View,
    pub nodes: Vec<(String, usize)>,
    pub edges: Vec<(String, usize)>,
}

impl Graph {
    /// Nodes by kind and edges by relation, as the summary gives them.
    pub fn counts(&self, view: View) -> ViewCounts {
        let mut nodes = vec![0; self.kinds.len()];
        for (_, node) in self.nodes() {
            nodes[node.kind] += 1;
        }
        let mut edges: BTreeMap<String, usize> = BTreeMap::new();
        for (_, _, _, edge) in self.edges() {
            *edges.entry(edge.relation.to_string()).or_insert(0) += 1;
        }
        ViewCounts {
            view,
            nodes: self.kinds.iter().zip(nodes).filter(|(_, n)| *n > 0).map(|(k, n)| (k.name.clone(), n)).collect(),
            edges: edges.into_iter().collect(),
        }
    }
}
