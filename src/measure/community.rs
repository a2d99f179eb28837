//! Communities by the Louvain method (Blondel et al. 2008), made deterministic.
//!
//! Each level moves nodes, one at a time in index order, into the neighbouring community
//! that raises modularity most, until no move helps; then it merges each community into
//! one node and starts again on the smaller graph. Ties go to the node's own community,
//! then to the community with the lowest number, so the result never depends on hash or
//! thread order. Louvain can leave a community internally disconnected; such a community
//! is split into its connected parts at the end (the guarantee Leiden adds).

use super::{Rows, Undirected};

/// A move must raise the modularity gain by more than this to count (in weight units).
const MIN_GAIN: f64 = 1e-9;
/// Upper bounds that only a pathological graph could reach.
const MAX_PASSES: usize = 100;
const MAX_LEVELS: usize = 50;

/// The community of every node: 0 for the largest, 1 for the next, and so on (equal
/// sizes are ordered by their lowest node index). A node without edges is a community
/// of its own.
pub(crate) fn louvain(network: &Undirected) -> Vec<usize> {
    let n = network.len();
    // Adjacency "matrix" rows; a self-loop of weight w counts twice on the diagonal, so
    // that a row's sum is the node's strength.
    let mut level = Rows::with_capacity(n, network.neighbours.entries());
    for i in 0..n {
        for (j, w) in network.neighbours.row(i) {
            level.push_merging(j, if i == j { 2.0 * w } else { w });
        }
        level.end_row();
    }
    let mut membership: Vec<usize> = (0..n).collect();
    for _ in 0..MAX_LEVELS {
        let Some(communities) = move_nodes(&level) else { break };
        let (numbers, count) = number_by_first_appearance(&communities);
        for m in membership.iter_mut() {
            *m = numbers[*m];
        }
        level = aggregate(&level, &numbers, count);
    }
    let membership = split_disconnected(network, &membership);
    number_by_size(&membership)
}

/// One level's local moving phase; `None` if no node moved.
fn move_nodes(level: &Rows) -> Option<Vec<usize>> {
    let n = level.len();
    let strength: Vec<f64> = (0..n).map(|i| level.sum(i)).collect();
    let total: f64 = strength.iter().sum();
    if total == 0.0 {
        return None;
    }
    let mut community: Vec<usize> = (0..n).collect();
    let mut community_strength = strength.clone();
    let mut links = vec![0.0; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut is_touched = vec![false; n];
    let mut moved_at_all = false;
    for _ in 0..MAX_PASSES {
        let mut moved = false;
        for i in 0..n {
            let own = community[i];
            for (j, w) in level.row(i) {
                if j == i {
                    continue;
                }
                let c = community[j];
                if !is_touched[c] {
                    is_touched[c] = true;
                    touched.push(c);
                }
                links[c] += w;
            }
            community_strength[own] -= strength[i];
            let gain = |c: usize, links: &[f64]| links[c] - community_strength[c] * strength[i] / total;
            let mut best = own;
            let mut best_gain = gain(own, &links);
            touched.sort_unstable();
            for &c in &touched {
                let g = gain(c, &links);
                if g > best_gain + MIN_GAIN {
                    best = c;
                    best_gain = g;
                }
            }
            community_strength[best] += strength[i];
            community[i] = best;
            moved |= best != own;
            for c in touched.drain(..) {
                links[c] = 0.0;
                is_touched[c] = false;
            }
        }
        moved_at_all |= moved;
        if !moved {
            break;
        }
    }
    moved_at_all.then_some(community)
}

/// Renumbers labels 0, 1, 2 … in order of first appearance; returns the count too.
fn number_by_first_appearance(labels: &[usize]) -> (Vec<usize>, usize) {
    let mut number = vec![usize::MAX; labels.len()];
    let mut count = 0;
    let numbered = labels
        .iter()
        .map(|&label| {
            if number[label] == usize::MAX {
                number[label] = count;
                count += 1;
            }
            number[label]
        })
        .collect();
    (numbered, count)
}

/// The graph of communities: one node per community, weights summed.
///
/// A community's entries are its members' entries in node order, stably sorted by
/// column, so that weights add up in the same order on every run.
fn aggregate(level: &Rows, community: &[usize], count: usize) -> Rows {
    let mut starts = vec![0usize; count + 1];
    for i in 0..level.len() {
        starts[community[i] + 1] += level.row_len(i);
    }
    for c in 0..count {
        starts[c + 1] += starts[c];
    }
    let mut next = starts.clone();
    let mut entries = vec![(0usize, 0.0f64); starts[count]];
    for i in 0..level.len() {
        for (j, w) in level.row(i) {
            entries[next[community[i]]] = (community[j], w);
            next[community[i]] += 1;
        }
    }
    let mut rows = Rows::with_capacity(count, entries.len());
    for c in 0..count {
        let row = &mut entries[starts[c]..starts[c + 1]];
        row.sort_by_key(|&(j, _)| j);
        for &(j, w) in row.iter() {
            rows.push_merging(j, w);
        }
        rows.end_row();
    }
    rows
}

/// Gives each connected part of a community a label of its own.
fn split_disconnected(network: &Undirected, membership: &[usize]) -> Vec<usize> {
    let n = membership.len();
    let mut part = vec![usize::MAX; n];
    let mut parts = 0;
    let mut stack = Vec::new();
    for start in 0..n {
        if part[start] != usize::MAX {
            continue;
        }
        part[start] = parts;
        stack.push(start);
        while let Some(i) = stack.pop() {
            for (j, _) in network.neighbours.row(i) {
                if part[j] == usize::MAX && membership[j] == membership[start] {
                    part[j] = parts;
                    stack.push(j);
                }
            }
        }
        parts += 1;
    }
    part
}

/// Renumbers labels by community size, largest first; equal sizes by lowest member.
fn number_by_size(labels: &[usize]) -> Vec<usize> {
    let (labels, count) = number_by_first_appearance(labels);
    let mut size = vec![0usize; count];
    for &label in &labels {
        size[label] += 1;
    }
    // Labels numbered by first appearance are already ordered by lowest member.
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|&label| (std::cmp::Reverse(size[label]), label));
    let mut number = vec![0; count];
    for (position, &label) in order.iter().enumerate() {
        number[label] = position;
    }
    labels.iter().map(|&label| number[label]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::tests::graph_of;

    fn communities(n: usize, edges: &[(usize, usize, &str, u64)]) -> Vec<usize> {
        louvain(&Undirected::of(&graph_of(n, edges)))
    }

    fn clique(nodes: std::ops::Range<usize>) -> Vec<(usize, usize, &'static str, u64)> {
        let nodes: Vec<usize> = nodes.collect();
        let mut edges = Vec::new();
        for (k, &a) in nodes.iter().enumerate() {
            for &b in &nodes[k + 1..] {
                edges.push((a, b, "r", 1));
            }
        }
        edges
    }

    #[test]
    fn two_cliques_joined_by_one_edge_are_two_communities() {
        let mut edges = clique(0..5);
        edges.extend(clique(5..11));
        edges.push((4, 5, "r", 1));
        let found = communities(11, &edges);
        // The larger clique (6 nodes) is community 0.
        assert_eq!(found, [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn isolated_nodes_and_separate_components_stay_apart() {
        let found = communities(7, &[(0, 1, "r", 1), (1, 2, "r", 1), (2, 0, "r", 1), (4, 5, "r", 1), (5, 6, "r", 1)]);
        assert_eq!(found, [0, 0, 0, 2, 1, 1, 1]);
    }

    #[test]
    fn a_star_is_one_community() {
        let found = communities(5, &[(0, 1, "r", 1), (0, 2, "r", 1), (0, 3, "r", 1), (0, 4, "r", 1)]);
        assert_eq!(found, [0; 5]);
    }

    #[test]
    fn heavy_edges_pull_nodes_together() {
        // A path 0–1–2–3 whose middle edge is light: 0,1 and 2,3 belong together.
        let found = communities(4, &[(0, 1, "r", 10), (1, 2, "r", 1), (2, 3, "r", 10)]);
        assert_eq!(found, [0, 0, 1, 1]);
    }
}
