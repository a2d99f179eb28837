//! tupu's own layout: Fruchterman–Reingold, deterministic.
//!
//! Nodes start on a sunflower spiral in order of centrality (the most central in the
//! middle), then for a fixed number of iterations every pair repels, every link attracts,
//! a weak pull keeps separate components near the centre, and a linearly falling
//! temperature caps each step. There is no randomness; coincident nodes part in a
//! direction fixed by their indices. Cost is quadratic in the number of nodes, meant for
//! the few hundred an overview shows (60 nodes take about a millisecond).

use super::overlap::Footprint;

const ITERATIONS: usize = 500;
/// Strength of the pull towards the centre, relative to the ideal edge length.
const GRAVITY: f64 = 4.0;
const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;

/// Centres of `footprints` (not circle centres) after the layout, in the same order.
///
/// `links` are undirected `(a, b, weight)`; `order` lists the nodes most central first.
pub fn place(footprints: &[Footprint], links: &[(usize, usize, f64)], order: &[usize]) -> Vec<(f64, f64)> {
    let n = footprints.len();
    if n == 0 {
        return Vec::new();
    }
    // A node's "size": half the diagonal of its footprint; the ideal distance between two
    // linked nodes is a little more than the sum of their sizes.
    let size: Vec<f64> = footprints.iter().map(|f| (f.width().powi(2) + f.height().powi(2)).sqrt() / 2.0).collect();
    let mean = size.iter().sum::<f64>() / n as f64;
    let k = 2.2 * mean;
    let mut position = vec![(0.0, 0.0); n];
    for (p, &node) in order.iter().enumerate() {
        let radius = 0.9 * k * (p as f64 + 0.5).sqrt();
        let angle = p as f64 * GOLDEN_ANGLE;
        position[node] = (radius * angle.cos(), radius * angle.sin());
    }
    let start_temperature = k * (n as f64).sqrt() / 3.0;
    let mut shift = vec![(0.0, 0.0); n];
    for iteration in 0..ITERATIONS {
        shift.iter_mut().for_each(|s| *s = (0.0, 0.0));
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy, d) = apart(position[i], position[j], i, j);
                let ideal = k * (size[i] + size[j]) / (2.0 * mean);
                let force = ideal * ideal / d;
                let (fx, fy) = (dx / d * force, dy / d * force);
                shift[i].0 += fx;
                shift[i].1 += fy;
                shift[j].0 -= fx;
                shift[j].1 -= fy;
            }
        }
        for &(a, b, weight) in links {
            let (dx, dy, d) = apart(position[a], position[b], a, b);
            let force = d * d / k * (1.0 + 0.5 * weight.ln());
            let (fx, fy) = (dx / d * force, dy / d * force);
            shift[a].0 -= fx;
            shift[a].1 -= fy;
            shift[b].0 += fx;
            shift[b].1 += fy;
        }
        for (s, p) in shift.iter_mut().zip(&position) {
            s.0 -= GRAVITY * p.0;
            s.1 -= GRAVITY * p.1;
        }
        let temperature = start_temperature * (1.0 - iteration as f64 / ITERATIONS as f64) + 0.5;
        for (p, s) in position.iter_mut().zip(&shift) {
            let length = (s.0 * s.0 + s.1 * s.1).sqrt();
            if length > 0.0 {
                let step = length.min(temperature);
                p.0 += s.0 / length * step;
                p.1 += s.1 / length * step;
            }
        }
    }
    position
}

/// The vector from `b` to `a` and its length, never zero: nodes on the same spot part
/// in a direction fixed by their indices.
fn apart(a: (f64, f64), b: (f64, f64), i: usize, j: usize) -> (f64, f64, f64) {
    let (dx, dy) = (a.0 - b.0, a.1 - b.1);
    let d = (dx * dx + dy * dy).sqrt();
    if d > 0.01 {
        return (dx, dy, d);
    }
    let angle = ((i * 7919 + j * 104_729) % 360) as f64 * std::f64::consts::PI / 180.0;
    (0.01 * angle.cos(), 0.01 * angle.sin(), 0.01)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOX: Footprint = Footprint { left: -30.0, right: 30.0, top: -10.0, bottom: 20.0 };

    #[test]
    fn linked_nodes_end_closer_than_unlinked_ones() {
        // Two triangles joined by nothing.
        let links = [(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0), (3, 4, 1.0), (4, 5, 1.0), (5, 3, 1.0)];
        let p = place(&[BOX; 6], &links, &[0, 1, 2, 3, 4, 5]);
        let d = |a: usize, b: usize| ((p[a].0 - p[b].0).powi(2) + (p[a].1 - p[b].1).powi(2)).sqrt();
        assert!(d(0, 1) < d(0, 4) && d(3, 4) < d(1, 5), "{p:?}");
    }

    #[test]
    fn the_same_input_gives_the_same_layout() {
        let links = [(0, 1, 2.0), (1, 2, 1.0)];
        assert_eq!(place(&[BOX; 4], &links, &[1, 0, 2, 3]), place(&[BOX; 4], &links, &[1, 0, 2, 3]));
    }
}
