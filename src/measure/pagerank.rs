//! PageRank by power iteration, over the undirected weighted graph.

use super::Undirected;

/// Probability of following an edge rather than jumping to a random node.
const DAMPING: f64 = 0.85;
/// Iteration stops when the L1 change of the whole vector falls below this …
const TOLERANCE: f64 = 1e-12;
/// … or after this many iterations.
const MAX_ITERATIONS: usize = 200;

/// The PageRank of every node, summing to 1 (an empty graph gives an empty vector).
///
/// A random walker at a node follows one of its edges with probability proportional to
/// the edge's weight; a node without edges sends the walker to any node. Sums run in node
/// order, so the result is the same on every run.
pub(crate) fn pagerank(network: &Undirected) -> Vec<f64> {
    let n = network.len();
    if n == 0 {
        return Vec::new();
    }
    let strength: Vec<f64> = (0..n).map(|i| network.neighbours.sum(i)).collect();
    let uniform = 1.0 / n as f64;
    let mut rank = vec![uniform; n];
    let mut next = vec![0.0; n];
    for _ in 0..MAX_ITERATIONS {
        let dangling: f64 = (0..n).filter(|&i| strength[i] == 0.0).map(|i| rank[i]).sum();
        let base = (1.0 - DAMPING) * uniform + DAMPING * dangling * uniform;
        next.iter_mut().for_each(|r| *r = base);
        for i in 0..n {
            if strength[i] == 0.0 {
                continue;
            }
            let share = DAMPING * rank[i] / strength[i];
            for (j, w) in network.neighbours.row(i) {
                next[j] += share * w;
            }
        }
        let change: f64 = rank.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        if change < TOLERANCE {
            break;
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::tests::graph_of;

    fn pagerank_of(n: usize, edges: &[(usize, usize, &str, u64)]) -> Vec<f64> {
        pagerank(&Undirected::of(&graph_of(n, edges)))
    }

    #[test]
    fn matches_networkx_on_a_small_graph() {
        // networkx 3.6, pagerank(G, alpha=0.85, tol=1e-14) on the undirected graph with
        // edges 0–1, 1–2, 2–0 (weight 1), 2–3 (weight 2) and node 4 isolated.
        let rank = pagerank_of(5, &[(0, 1, "r", 1), (1, 2, "r", 1), (2, 0, "r", 1), (3, 2, "r", 2)]);
        let expected = [0.1998148, 0.1998148, 0.3705833, 0.1936425, 0.0361446];
        for (got, want) in rank.iter().zip(expected) {
            assert!((got - want).abs() < 1e-6, "{rank:?}");
        }
        assert!((rank.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn direction_does_not_matter_and_parallel_edges_add_up() {
        let a = pagerank_of(3, &[(0, 1, "r", 1), (0, 1, "s", 1), (1, 2, "r", 1)]);
        let b = pagerank_of(3, &[(1, 0, "r", 2), (2, 1, "r", 1)]);
        assert_eq!(a, b);
    }

    #[test]
    fn an_empty_graph_has_no_ranks() {
        assert!(pagerank_of(0, &[]).is_empty());
    }
}
