//! The drawing behind `overview.svg`: which nodes it shows and where.
//!
//! In: the measured graph, how many nodes to show, of which kinds, which layout engine
//! to use. Out: a [`Drawing`] — the most central nodes (by the rank the measure stage
//! gave them) that are linked to another shown node, each with a radius, one or two
//! label lines, and a position — plus the links among them. A picture is for following
//! links: a node with no line to any other shown node tells nothing, so it gives its
//! place to the next most central node that is linked.
//!
//! The positions come from Graphviz when it is installed ([`graphviz`]) or from tupu's
//! own force-directed layout ([`force`]); either way [`overlap`] then pushes apart
//! whatever overlaps and hides a label only where space cannot be made. The result is
//! deterministic for a given engine: the SVG records which engine drew it.

mod force;
mod graphviz;
mod overlap;
mod text;

use petgraph::graph::NodeIndex;

use crate::graph::Graph;
use overlap::Footprint;

/// Which engine lays the overview out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LayoutEngine {
    /// Graphviz if it is installed, otherwise tupu's own layout.
    #[default]
    Auto,
    /// Graphviz; the run fails if it is not installed or fails.
    Graphviz,
    /// tupu's own layout, whatever is installed.
    Builtin,
}

impl LayoutEngine {
    pub const NAMES: [&'static str; 3] = ["auto", "graphviz", "builtin"];

    pub fn from_name(name: &str) -> Option<LayoutEngine> {
        match name {
            "auto" => Some(LayoutEngine::Auto),
            "graphviz" => Some(LayoutEngine::Graphviz),
            "builtin" => Some(LayoutEngine::Builtin),
            _ => None,
        }
    }
}

/// Default number of nodes the overview shows.
pub const DEFAULT_TOP: usize = 60;

/// A node as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnNode {
    pub node: NodeIndex,
    /// Centre of the circle.
    pub x: f64,
    pub y: f64,
    pub radius: f64,
    pub font_size: f64,
    /// One or two lines; empty when the label had to be hidden.
    pub lines: Vec<String>,
    /// The box the node and its label occupy, relative to the circle's centre.
    pub footprint: Footprint,
}

/// The overview, laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    /// In graph order.
    pub nodes: Vec<DrawnNode>,
    /// Pairs of indices into `nodes` (lower first), one per pair of shown nodes the
    /// graph links, with the summed weight of the edges between them; sorted.
    pub edges: Vec<(usize, usize, u64)>,
    /// What laid it out: `builtin`, or `graphviz neato 2.43.0`.
    pub engine: String,
    /// Why Graphviz was not used although `auto` would have used it, if it failed.
    pub fallback: Option<String>,
}

/// Lays out the `top` most central nodes of `graph` of the kinds named in `kinds`
/// (every kind but `article` and `author` when empty), each linked to another shown
/// node.
///
/// Fails only when `engine` is [`LayoutEngine::Graphviz`] and Graphviz is missing or
/// fails; the message says why.
pub fn draw(graph: &Graph, top: usize, kinds: &[String], engine: LayoutEngine) -> Result<Drawing, String> {
    let shown = choose(graph, top, kinds);
    let mut local = vec![usize::MAX; graph.graph.node_count()];
    for (k, &node) in shown.iter().enumerate() {
        local[node.index()] = k;
    }
    let edges: Vec<(usize, usize, u64)> = graph
        .edges()
        .filter_map(|(_, s, t, e)| {
            let (a, b) = (local[s.index()], local[t.index()]);
            (a != usize::MAX && b != usize::MAX && a != b).then_some((a, b, e.weight))
        })
        .collect();
    let links = merged_links(&edges);
    let edges: Vec<(usize, usize, u64)> = links.iter().map(|&(a, b, w)| (a, b, w as u64)).collect();

    let largest = shown.iter().map(|&n| graph.graph[n].metrics.weighted_degree).max().unwrap_or(0);
    let mut nodes: Vec<DrawnNode> = shown
        .iter()
        .map(|&node| {
            let n = &graph.graph[node];
            let share = if largest == 0 { 0.0 } else { n.metrics.weighted_degree as f64 / largest as f64 };
            let radius = 4.0 + 14.0 * share.sqrt();
            let font_size = if n.metrics.rank <= 10 { 14.0 } else { 12.0 };
            let lines = text::lines(&n.label);
            let footprint = footprint(radius, font_size, &lines);
            DrawnNode { node, x: 0.0, y: 0.0, radius, font_size, lines, footprint }
        })
        .collect();
    let footprints: Vec<Footprint> = nodes.iter().map(|n| n.footprint).collect();
    let priority: Vec<usize> = shown.iter().map(|&n| graph.graph[n].metrics.rank).collect();
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by_key(|&k| priority[k]);

    let mut fallback = None;
    let program = match engine {
        LayoutEngine::Builtin => None,
        LayoutEngine::Auto => graphviz::find(nodes.len()),
        LayoutEngine::Graphviz => Some(graphviz::find(nodes.len()).ok_or_else(|| {
            "Graphviz (neato or sfdp) is not installed or not on PATH; install Graphviz or use --layout builtin"
                .to_owned()
        })?),
    };
    let placed = program.and_then(|program| {
        let length = 1.2 * mean_size(&footprints);
        match graphviz::place(&program, &footprints, &links, length) {
            Ok(centres) => Some(Ok((centres, program.describe()))),
            Err(message) if engine == LayoutEngine::Auto => {
                fallback = Some(message);
                None
            }
            Err(message) => Some(Err(message)),
        }
    });
    let (centres, engine_name) = match placed {
        Some(result) => result?,
        None => (force::place(&footprints, &links, &order), "builtin".to_owned()),
    };

    // From footprint centres to circle centres, then make room.
    let mut positions: Vec<(f64, f64)> = centres
        .iter()
        .zip(&footprints)
        .map(|(&(x, y), f)| {
            let (cx, cy) = f.centre();
            (x - cx, y - cy)
        })
        .collect();
    let mut footprints = footprints;
    overlap::separate(&mut positions, &footprints);
    let bare: Vec<Footprint> = nodes.iter().map(|n| footprint(n.radius, n.font_size, &[])).collect();
    let mut labelled = vec![true; nodes.len()];
    overlap::hide_crowded_labels(&positions, &mut footprints, &bare, &mut labelled, &priority);
    for (k, node) in nodes.iter_mut().enumerate() {
        (node.x, node.y) = positions[k];
        node.footprint = footprints[k];
        if !labelled[k] {
            node.lines.clear();
        }
    }
    Ok(Drawing { nodes, edges, engine: engine_name, fallback })
}

/// The nodes to show, in graph order: of the chosen kinds, each linked to another
/// shown node. Nodes are ranked within the network of the chosen kinds (by the weight
/// of their edges to other candidates, then by rank in the whole graph), so that
/// reporters, who link to everything an article names, do not crowd out what they
/// report on; authors are chosen only when `kinds` names them. Each kind first gets a
/// fair share of the slots (`top` divided by the kinds present) from its best-ranked
/// nodes, the rest go by rank. Those left without a link among them give way to the
/// next best-ranked nodes linked to the ones shown, until `top` are shown or no
/// candidate is left.
fn choose(graph: &Graph, top: usize, kinds: &[String]) -> Vec<NodeIndex> {
    let wanted = |node: NodeIndex| {
        let kind = &graph.kind_of(node).name;
        if kinds.is_empty() {
            kind != crate::rules::ARTICLE && kind != crate::rules::AUTHOR
        } else {
            kinds.iter().any(|k| k == kind)
        }
    };
    let n = graph.graph.node_count();
    let candidate: Vec<bool> = graph.nodes().map(|(i, _)| wanted(i)).collect();
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut strength = vec![0u64; n];
    for (_, s, t, e) in graph.edges() {
        let (s, t) = (s.index(), t.index());
        if s != t && candidate[s] && candidate[t] {
            neighbours[s].push(t);
            neighbours[t].push(s);
            strength[s] += e.weight;
            strength[t] += e.weight;
        }
    }
    let kind_of = |i: usize| graph.graph[NodeIndex::new(i)].kind;
    let mut by_rank: Vec<usize> = (0..n).filter(|&i| candidate[i] && !neighbours[i].is_empty()).collect();
    by_rank.sort_by_key(|&i| (std::cmp::Reverse(strength[i]), graph.graph[NodeIndex::new(i)].metrics.rank));
    let mut present: Vec<usize> = by_rank.iter().map(|&i| kind_of(i)).collect();
    present.sort_unstable();
    present.dedup();
    let share = (top / present.len().max(1)).max(1);
    let mut shown = vec![false; n];
    let mut per_kind = vec![0usize; graph.kinds.len()];
    let mut taken = 0;
    for &i in &by_rank {
        if taken < top && per_kind[kind_of(i)] < share {
            shown[i] = true;
            per_kind[kind_of(i)] += 1;
            taken += 1;
        }
    }
    for &i in &by_rank {
        if taken < top && !shown[i] {
            shown[i] = true;
            taken += 1;
        }
    }
    for &i in &by_rank {
        if shown[i] && !neighbours[i].iter().any(|&j| shown[j]) {
            shown[i] = false;
        }
    }
    let mut count = shown.iter().filter(|&&s| s).count();
    // One node at a time: the best-ranked linked to one shown; failing that (nothing
    // shown yet, or a part of the network not reached), the best-ranked with its
    // best-ranked neighbour.
    while count < top {
        let linked = by_rank.iter().find(|&&i| !shown[i] && neighbours[i].iter().any(|&j| shown[j]));
        if let Some(&i) = linked {
            shown[i] = true;
            count += 1;
            continue;
        }
        if count + 2 > top {
            break;
        }
        let pair = by_rank.iter().filter(|&&i| !shown[i]).find_map(|&i| {
            let best = neighbours[i]
                .iter()
                .filter(|&&j| !shown[j])
                .min_by_key(|&&j| graph.graph[NodeIndex::new(j)].metrics.rank);
            best.map(|&j| (i, j))
        });
        let Some((i, j)) = pair else { break };
        shown[i] = true;
        shown[j] = true;
        count += 2;
    }
    (0..n).filter(|&i| shown[i]).map(NodeIndex::new).collect()
}

/// The box a node's label is written in, relative to the circle's centre: left, top,
/// width, height. `None` when the label is hidden.
pub fn label_box(node: &DrawnNode) -> Option<(f64, f64, f64, f64)> {
    if node.lines.is_empty() {
        return None;
    }
    let width = node.lines.iter().map(|l| text::width(l, node.font_size)).fold(0.0, f64::max);
    let height = node.lines.len() as f64 * node.font_size * LINE_HEIGHT;
    Some((-width / 2.0 - PAD, node.radius + PAD / 2.0, width + 2.0 * PAD, height + PAD))
}

/// Space above and below the label, and between circle and label.
const PAD: f64 = 2.0;
/// Line height, in font sizes.
pub const LINE_HEIGHT: f64 = 1.25;

/// The box of a circle of `radius` with `lines` of text below it.
fn footprint(radius: f64, font_size: f64, lines: &[String]) -> Footprint {
    let text_width = lines.iter().map(|l| text::width(l, font_size)).fold(0.0, f64::max);
    let half_width = radius.max(text_width / 2.0) + PAD;
    let text_height = lines.len() as f64 * font_size * LINE_HEIGHT;
    let below = if lines.is_empty() { radius } else { radius + PAD + text_height };
    Footprint { left: -half_width, right: half_width, top: -radius - PAD, bottom: below + PAD }
}

fn mean_size(footprints: &[Footprint]) -> f64 {
    if footprints.is_empty() {
        return 0.0;
    }
    footprints.iter().map(|f| (f.width() + f.height()) / 2.0).sum::<f64>() / footprints.len() as f64
}

/// Edges as undirected pairs `(low, high, summed weight)`, each pair once, sorted.
fn merged_links(edges: &[(usize, usize, u64)]) -> Vec<(usize, usize, f64)> {
    let mut pairs: Vec<(usize, usize, u64)> = edges.iter().map(|&(a, b, w)| (a.min(b), a.max(b), w)).collect();
    pairs.sort_unstable();
    let mut links: Vec<(usize, usize, f64)> = Vec::with_capacity(pairs.len());
    for (a, b, w) in pairs {
        match links.last_mut() {
            Some(last) if (last.0, last.1) == (a, b) => last.2 += w as f64,
            _ => links.push((a, b, w as f64)),
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use overlap::Rect;

    /// A dense graph of `n` nodes with long labels.
    fn crowded(n: usize) -> Graph {
        let mut edges = Vec::new();
        for i in 0..n {
            for j in [1, 2, 7] {
                edges.push((i, (i + j) % n, "r", 1 + (i % 3) as u64));
            }
        }
        let mut graph = crate::measure::tests::graph_of(n, &edges);
        for (i, node) in graph.graph.node_weights_mut().enumerate() {
            node.label = format!("第{i}个很长的党建工作机制名称");
        }
        crate::measure::measure(&mut graph);
        graph
    }

    fn label_box(node: &DrawnNode) -> Rect {
        Rect::at(&node.footprint, (node.x, node.y))
    }

    #[test]
    fn builtin_layout_leaves_no_labels_overlapping() {
        let graph = crowded(80);
        let drawing = draw(&graph, 60, &[], LayoutEngine::Builtin).unwrap();
        assert_eq!(drawing.engine, "builtin");
        assert_eq!(drawing.nodes.len(), 60);
        let labelled: Vec<_> = drawing.nodes.iter().filter(|n| !n.lines.is_empty()).collect();
        assert!(labelled.len() >= 55, "only {} of 60 labels shown", labelled.len());
        for (k, a) in labelled.iter().enumerate() {
            for b in &labelled[k + 1..] {
                assert!(!label_box(a).intersects(&label_box(b)), "{:?} overlaps {:?}", a.lines, b.lines);
            }
        }
    }

    #[test]
    fn shows_the_top_nodes_and_the_edges_among_them() {
        let graph = crowded(30);
        let drawing = draw(&graph, 10, &[], LayoutEngine::Builtin).unwrap();
        assert_eq!(drawing.nodes.len(), 10);
        assert!(drawing.nodes.iter().any(|n| graph.graph[n.node].metrics.rank == 1));
        assert!(drawing.edges.iter().all(|&(a, b, _)| a < 10 && b < 10));
        assert_eq!(draw(&graph, 10, &[], LayoutEngine::Builtin).unwrap(), drawing);
    }

    #[test]
    fn every_shown_node_has_a_link_in_the_picture() {
        // 0–1 and 2–3 linked; 4 and 5 central but linked only to nodes of another kind
        // or to each other's absence: 4 links to 6 (ranked low), 5 to nothing shown.
        let mut graph = crate::measure::tests::graph_of(
            8,
            &[(0, 1, "r", 9), (2, 3, "r", 9), (4, 6, "r", 1), (5, 7, "r", 1), (0, 2, "r", 1)],
        );
        crate::measure::measure(&mut graph);
        for top in 2..8 {
            let drawing = draw(&graph, top, &[], LayoutEngine::Builtin).unwrap();
            assert!(drawing.nodes.len() <= top);
            for k in 0..drawing.nodes.len() {
                assert!(
                    drawing.edges.iter().any(|&(a, b, _)| a == k || b == k),
                    "top {top}: node {:?} has no link",
                    drawing.nodes[k].node
                );
            }
        }
        assert_eq!(draw(&graph, 8, &[], LayoutEngine::Builtin).unwrap().nodes.len(), 8);
    }

    #[test]
    fn kinds_choose_what_is_shown() {
        let mut graph = crate::measure::tests::graph_of(3, &[(0, 1, "r", 1), (1, 2, "r", 1)]);
        crate::measure::measure(&mut graph);
        let drawing = draw(&graph, 10, &["other".to_owned()], LayoutEngine::Builtin).unwrap();
        assert!(drawing.nodes.is_empty());
        let drawing = draw(&graph, 10, &["concept".to_owned()], LayoutEngine::Builtin).unwrap();
        assert_eq!(drawing.nodes.len(), 3);
    }

    #[test]
    fn parallel_and_opposite_edges_merge_into_one_link() {
        assert_eq!(merged_links(&[(1, 0, 2), (0, 1, 3), (2, 1, 1)]), [(0, 1, 5.0), (1, 2, 1.0)]);
    }
}
