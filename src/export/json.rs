//! `graph.json`: node-link JSON, as `networkx.node_link_graph` reads it.
//!
//! The layout is networkx's default since 3.4 (`"edges"`, node key `"id"`, edge key
//! `"key"`), so `nx.node_link_graph(json.load(f))` works without arguments. The graph is
//! a directed multigraph whose edge keys are relation names: two nodes may be linked by
//! more than one relation, and `G[u]["v"]["invokes"]` reads naturally. networkx has no
//! mixed graphs, so an undirected edge (`co_occurs`) says so in its `directed`
//! attribute (`false`), and runs from the earlier of its two nodes.

use std::io::{BufWriter, Write};

use serde::Serialize;

use crate::graph::{Evidence, Graph};

#[derive(Serialize)]
struct NodeLink<'g> {
    directed: bool,
    multigraph: bool,
    graph: GraphAttributes<'g>,
    nodes: Nodes<'g>,
    edges: Edges<'g>,
}

#[derive(Serialize)]
struct GraphAttributes<'g> {
    name: &'static str,
    generator: String,
    kinds: Vec<JsonKind<'g>>,
}

#[derive(Serialize)]
struct JsonKind<'g> {
    name: &'g str,
    label: &'g str,
    colour: String,
}

#[derive(Serialize)]
struct JsonNode<'g> {
    id: String,
    kind: &'g str,
    label: &'g str,
    mentions: u64,
    articles: u64,
    aliases: &'g [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    article_type: Option<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authors: Option<&'g [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'g str>,
    degree: u64,
    weighted_degree: u64,
    pagerank: f64,
    community: usize,
    rank: usize,
}

#[derive(Serialize)]
struct JsonEdge<'g> {
    source: &'g str,
    target: &'g str,
    key: &'g str,
    relation: &'g str,
    directed: bool,
    weight: u64,
    articles: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    association: Option<f64>,
    evidence: &'g [Evidence],
}

/// The whole output in memory (see [`write`]).
pub fn render(graph: &Graph) -> Vec<u8> {
    super::in_memory(|out| write(graph, out))
}

/// Writes the document to `out`, node by node and edge by edge: nothing but the graph
/// itself is held in memory.
pub fn write(graph: &Graph, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let kinds = graph
        .kinds
        .iter()
        .map(|kind| JsonKind { name: &kind.name, label: &kind.label, colour: kind.colour.hex() })
        .collect();
    let ids = super::columns::node_ids(graph);
    let document = NodeLink {
        directed: true,
        multigraph: true,
        graph: GraphAttributes { name: "tupu", generator: format!("tupu {}", env!("CARGO_PKG_VERSION")), kinds },
        nodes: Nodes(graph),
        edges: Edges(graph, &ids),
    };
    // serde_json writes a few bytes at a time: into a buffer of its own type, so that
    // only whole chunks go through `out`'s virtual calls.
    let mut buffered = BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, &document).map_err(std::io::Error::other)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// The nodes of a graph, serialized one at a time.
struct Nodes<'g>(&'g Graph);

impl Serialize for Nodes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let graph = self.0;
        serializer.collect_seq(graph.nodes().map(|(index, node)| {
            let article = node.article.as_ref();
            JsonNode {
                id: graph.node_id(index),
                kind: &graph.kind_of(index).name,
                label: &node.label,
                mentions: node.mentions,
                articles: node.articles,
                aliases: &node.forms,
                article_type: article.map(|a| a.kind),
                title: article.map(|a| a.title.as_str()),
                file: article.map(|a| a.file.as_str()),
                first_line: article.map(|a| a.first_line),
                last_line: article.map(|a| a.last_line),
                authors: article.map(|a| a.authors.as_slice()),
                unit: article.and_then(|a| a.unit.as_deref()),
                source: article.and_then(|a| a.source.as_deref()),
                degree: node.metrics.degree,
                weighted_degree: node.metrics.weighted_degree,
                pagerank: node.metrics.pagerank,
                community: node.metrics.community,
                rank: node.metrics.rank,
            }
        }))
    }
}

/// The edges of a graph, serialized one at a time, and its node ids by index.
struct Edges<'g>(&'g Graph, &'g [String]);

impl Serialize for Edges<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Edges(graph, ids) = *self;
        serializer.collect_seq(graph.edges().map(|(_, source, target, edge)| JsonEdge {
            source: &ids[source.index()],
            target: &ids[target.index()],
            key: &edge.relation,
            relation: &edge.relation,
            directed: edge.directed,
            weight: edge.weight,
            articles: edge.articles,
            association: edge.association,
            evidence: &edge.evidence,
        }))
    }
}
