//! Stage 6: measure the graph.
//!
//! In: the finished [`Graph`] of the link stage. Out: the same graph, with every node's
//! [`Metrics`] filled in (degree, weighted degree, PageRank, community, rank) and every
//! co-occurrence edge's association.
//!
//! All metrics look at the graph as undirected and weighted: a concept that many
//! articles mention and an article that mentions many concepts are both central, though
//! the `mentions` edges point one way. An undirected edge (`co_occurs`) counts once for
//! each of its ends, exactly like a directed one: no metric has an in or out side.
//! Edge weights are occurrence counts.
//!
//! Architecture invariant: the result depends only on the graph, never on the thread
//! count or on hash order. Nodes are visited in graph order, iterations and tolerances
//! are fixed, ties are broken by node index, and floating-point results are rounded to
//! [`SIGNIFICANT_DIGITS`] so that the last bits of arithmetic never reach the outputs.

mod community;
mod pagerank;
mod rows;

use rows::Rows;

use petgraph::visit::EdgeRef;

use crate::graph::{Graph, Metrics};

/// The relation the shipped rules declare for co-occurrence (the tests use it).
pub const CO_OCCURS: &str = "co_occurs";

/// Precision of every floating-point metric.
pub const SIGNIFICANT_DIGITS: usize = 6;

/// Computes every metric into `graph`.
pub fn measure(graph: &mut Graph) {
    let network = Undirected::of(graph);
    let pagerank = pagerank::pagerank(&network);
    let communities = community::louvain(&network);
    let mut metrics: Vec<Metrics> = (0..network.len())
        .map(|i| Metrics {
            degree: network.degree[i],
            weighted_degree: network.weighted_degree[i],
            pagerank: pagerank[i],
            community: communities[i],
            rank: 0,
        })
        .collect();
    let mut order: Vec<usize> = (0..metrics.len()).collect();
    order.sort_by(|&a, &b| {
        let (ma, mb) = (&metrics[a], &metrics[b]);
        mb.pagerank
            .total_cmp(&ma.pagerank)
            .then(mb.weighted_degree.cmp(&ma.weighted_degree))
            .then(mb.degree.cmp(&ma.degree))
            .then(a.cmp(&b))
    });
    for (position, &node) in order.iter().enumerate() {
        metrics[node].rank = position + 1;
    }
    for (index, node) in graph.graph.node_weights_mut().enumerate() {
        let mut m = metrics[index];
        m.pagerank = round(m.pagerank);
        node.metrics = m;
    }
    let association = association(graph);
    for (edge, value) in graph.graph.edge_weights_mut().zip(association) {
        edge.association = value.map(round);
    }
}

/// Association strength of every undirected (co-occurrence) edge, `None` for the others.
///
/// The value is observed over expected co-occurrence, `c_ij · 2W / (s_i · s_j)`, where
/// `c_ij` is the edge's weight, `s_i` the total weight of node `i`'s edges of the same
/// relation and `W` the total weight of all edges of that relation (van Eck and
/// Waltman's association strength, scaled so that 1 means "as often as chance"). It
/// corrects raw counts for how frequent the two nodes are: two common slogans co-occur
/// often by chance alone; two rare ones that co-occur every time they appear are
/// strongly associated. Each undirected relation is measured on its own.
fn association(graph: &Graph) -> Vec<Option<f64>> {
    let g = &graph.graph;
    let mut relations: Vec<&str> = g.edge_weights().filter(|e| !e.directed).map(|e| &*e.relation).collect();
    relations.sort_unstable();
    relations.dedup();
    let mut values = vec![None; g.edge_count()];
    for relation in relations {
        let of_relation = || g.edge_references().filter(|e| !e.weight().directed && &*e.weight().relation == relation);
        let mut strength = vec![0u64; g.node_count()];
        let mut total = 0u64;
        for edge in of_relation() {
            strength[edge.source().index()] += edge.weight().weight;
            strength[edge.target().index()] += edge.weight().weight;
            total += edge.weight().weight;
        }
        for edge in of_relation() {
            let (si, sj) = (strength[edge.source().index()] as f64, strength[edge.target().index()] as f64);
            values[edge.id().index()] = Some(edge.weight().weight as f64 * 2.0 * total as f64 / (si * sj));
        }
    }
    values
}

/// Rounds to [`SIGNIFICANT_DIGITS`] significant digits.
pub fn round(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    format!("{:.*e}", SIGNIFICANT_DIGITS - 1, value).parse().unwrap_or(value)
}

/// The graph as the metrics see it: undirected, weighted, parallel edges merged.
pub(crate) struct Undirected {
    /// For each node, its neighbours (ascending) and the summed weight of the edges
    /// between them. A self-loop appears once, in its node's own row.
    pub neighbours: Rows,
    pub degree: Vec<u64>,
    pub weighted_degree: Vec<u64>,
}

impl Undirected {
    pub fn of(graph: &Graph) -> Undirected {
        let g = &graph.graph;
        let n = g.node_count();
        let mut degree = vec![0; n];
        let mut weighted_degree = vec![0; n];
        let mut pairs: Vec<(u32, u32, u64)> = Vec::with_capacity(2 * g.edge_count());
        for edge in g.edge_references() {
            let (s, t, w) = (edge.source().index(), edge.target().index(), edge.weight().weight);
            degree[s] += 1;
            degree[t] += 1;
            weighted_degree[s] += w;
            weighted_degree[t] += w;
            // Node indices of the graph are u32.
            let (s, t) = (s as u32, t as u32);
            pairs.push((s, t, w));
            if s != t {
                pairs.push((t, s, w));
            }
        }
        pairs.sort_unstable();
        let mut neighbours = Rows::with_capacity(n, pairs.len());
        let mut pairs = pairs.into_iter().peekable();
        for node in 0..n as u32 {
            while let Some((_, t, w)) = pairs.next_if(|&(s, _, _)| s == node) {
                neighbours.push_merging(t as usize, w as f64);
            }
            neighbours.end_row();
        }
        Undirected { neighbours, degree, weighted_degree }
    }

    pub fn len(&self) -> usize {
        self.neighbours.len()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use petgraph::graph::DiGraph;

    use super::*;
    use crate::graph::{Edge, Node};
    use crate::rules::{Colour, Kind};

    /// A graph of `n` nodes of one kind `concept`, linked by `(source, target, relation,
    /// weight)`.
    pub fn graph_of(n: usize, edges: &[(usize, usize, &str, u64)]) -> Graph {
        let kind = Kind {
            name: "concept".into(),
            label: "概念".into(),
            colour: Colour { r: 1, g: 2, b: 3 },
            description: String::new(),
            equivalent_suffixes: Vec::new(),
            origin: None,
        };
        let mut g = DiGraph::new();
        let nodes: Vec<_> = (0..n)
            .map(|i| {
                g.add_node(Node {
                    kind: 0,
                    id: format!("c{i}"),
                    label: format!("概念{i}"),
                    mentions: 1,
                    articles: 1,
                    forms: Vec::new(),
                    article: None,
                    metrics: Metrics::default(),
                })
            })
            .collect();
        for &(s, t, relation, weight) in edges {
            g.add_edge(
                nodes[s],
                nodes[t],
                Edge {
                    relation: relation.into(),
                    directed: relation != CO_OCCURS,
                    weight,
                    articles: 1,
                    evidence: Vec::new(),
                    association: None,
                },
            );
        }
        Graph { kinds: vec![kind], graph: g }
    }

    #[test]
    fn degrees_count_both_directions_and_parallel_edges() {
        let mut graph = graph_of(3, &[(0, 1, "a", 2), (0, 1, "b", 3), (2, 0, "a", 1)]);
        measure(&mut graph);
        let m: Vec<_> = graph.nodes().map(|(_, n)| (n.metrics.degree, n.metrics.weighted_degree)).collect();
        assert_eq!(m, [(3, 6), (2, 5), (1, 1)]);
        let ranks: Vec<_> = graph.nodes().map(|(_, n)| n.metrics.rank).collect();
        assert_eq!(ranks, [1, 2, 3]);
    }

    #[test]
    fn association_is_observed_over_expected_for_co_occurrence_only() {
        // A–B co-occur 4 times, A–C once, B–C once; plus a `mentions` edge.
        let mut graph =
            graph_of(4, &[(0, 1, CO_OCCURS, 4), (0, 2, CO_OCCURS, 1), (1, 2, CO_OCCURS, 1), (3, 0, "mentions", 9)]);
        measure(&mut graph);
        let values: Vec<_> = graph.edges().map(|(_, _, _, e)| e.association).collect();
        // W = 6; s_A = 5, s_B = 5, s_C = 2.
        assert_eq!(values[0], Some(round(4.0 * 12.0 / 25.0)));
        assert_eq!(values[1], Some(round(12.0 / 10.0)));
        assert_eq!(values[2], Some(round(12.0 / 10.0)));
        assert_eq!(values[3], None);
    }

    #[test]
    fn rounding_keeps_six_significant_digits() {
        assert_eq!(round(0.123456789), 0.123457);
        assert_eq!(round(1234567.0), 1234570.0);
        assert_eq!(round(0.0000123456789), 0.0000123457);
        assert_eq!(round(0.0), 0.0);
    }
}
