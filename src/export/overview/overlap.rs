//! Keeping nodes and their labels apart.
//!
//! Each drawn node occupies a [`Footprint`]: its circle and, below it, its label. After a
//! layout engine has placed the nodes, [`separate`] pushes overlapping footprints apart
//! along the axis where they overlap least, pair by pair in index order, until none
//! overlap. [`hide_crowded_labels`] is the guarantee behind it: if footprints still
//! overlap, the label of the less central node of each such pair is hidden (its circle
//! stays, and its name stays in the tooltip), so no two visible labels ever overlap.

/// The box a node occupies, relative to its circle's centre (left and top negative).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Footprint {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Footprint {
    pub fn width(&self) -> f64 {
        self.right - self.left
    }

    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }

    /// The footprint's centre, relative to the circle's centre.
    pub fn centre(&self) -> (f64, f64) {
        ((self.left + self.right) / 2.0, (self.top + self.bottom) / 2.0)
    }
}

/// An absolute box: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    pub fn at(footprint: &Footprint, (x, y): (f64, f64)) -> Rect {
        Rect {
            left: x + footprint.left,
            top: y + footprint.top,
            right: x + footprint.right,
            bottom: y + footprint.bottom,
        }
    }

    /// How far the two boxes overlap along x and along y (both positive if they do).
    pub fn overlap(&self, other: &Rect) -> (f64, f64) {
        (
            self.right.min(other.right) - self.left.max(other.left),
            self.bottom.min(other.bottom) - self.top.max(other.top),
        )
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        let (x, y) = self.overlap(other);
        x > 0.0 && y > 0.0
    }
}

/// Space kept between footprints.
pub const GAP: f64 = 4.0;
const MAX_ROUNDS: usize = 400;

/// Moves `positions` until no two footprints (grown by [`GAP`]) overlap, or gives up
/// after a fixed number of rounds. Returns whether it succeeded.
pub fn separate(positions: &mut [(f64, f64)], footprints: &[Footprint]) -> bool {
    let n = positions.len();
    for _ in 0..MAX_ROUNDS {
        let mut moved = false;
        for i in 0..n {
            for j in i + 1..n {
                let (a, b) = (grown(&footprints[i], positions[i]), grown(&footprints[j], positions[j]));
                let (ox, oy) = a.overlap(&b);
                if ox <= 0.0 || oy <= 0.0 {
                    continue;
                }
                moved = true;
                let (ca, cb) = (centre(&a), centre(&b));
                // Push along the axis of least overlap, a little more than needed so that
                // rounding never leaves a sliver; equal centres part in index order.
                if ox < oy {
                    let shift = (ox / 2.0 + 0.01) * if cb.0 >= ca.0 { 1.0 } else { -1.0 };
                    positions[i].0 -= shift;
                    positions[j].0 += shift;
                } else {
                    let shift = (oy / 2.0 + 0.01) * if cb.1 >= ca.1 { 1.0 } else { -1.0 };
                    positions[i].1 -= shift;
                    positions[j].1 += shift;
                }
            }
        }
        if !moved {
            return true;
        }
    }
    false
}

/// Hides labels until no footprint with a visible label overlaps another footprint:
/// of each overlapping pair, the node later in `priority` (less central) loses its
/// label, and its footprint shrinks to `bare[i]` (the circle alone).
pub fn hide_crowded_labels(
    positions: &[(f64, f64)],
    footprints: &mut [Footprint],
    bare: &[Footprint],
    shown: &mut [bool],
    priority: &[usize],
) {
    loop {
        let mut worst: Option<usize> = None;
        for i in 0..positions.len() {
            for j in i + 1..positions.len() {
                if !(shown[i] || shown[j]) {
                    continue;
                }
                let (a, b) = (Rect::at(&footprints[i], positions[i]), Rect::at(&footprints[j], positions[j]));
                if !a.intersects(&b) {
                    continue;
                }
                let loser = match (shown[i], shown[j]) {
                    (true, true) => {
                        if priority[i] > priority[j] {
                            i
                        } else {
                            j
                        }
                    }
                    (true, false) => i,
                    _ => j,
                };
                if worst.is_none_or(|w| priority[loser] > priority[w]) {
                    worst = Some(loser);
                }
            }
        }
        let Some(loser) = worst else { return };
        shown[loser] = false;
        footprints[loser] = bare[loser];
    }
}

fn grown(footprint: &Footprint, position: (f64, f64)) -> Rect {
    let r = Rect::at(footprint, position);
    let half = GAP / 2.0;
    Rect { left: r.left - half, top: r.top - half, right: r.right + half, bottom: r.bottom + half }
}

fn centre(r: &Rect) -> (f64, f64) {
    ((r.left + r.right) / 2.0, (r.top + r.bottom) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOX: Footprint = Footprint { left: -20.0, right: 20.0, top: -10.0, bottom: 10.0 };

    #[test]
    fn overlapping_boxes_are_pushed_apart() {
        let mut positions = vec![(0.0, 0.0), (5.0, 1.0), (5.0, 1.0), (-3.0, 2.0)];
        let footprints = vec![BOX; 4];
        assert!(separate(&mut positions, &footprints));
        for i in 0..4 {
            for j in i + 1..4 {
                assert!(!Rect::at(&BOX, positions[i]).intersects(&Rect::at(&BOX, positions[j])), "{positions:?}");
            }
        }
    }

    #[test]
    fn the_less_central_label_gives_way() {
        let bare = Footprint { left: -2.0, right: 2.0, top: -2.0, bottom: 2.0 };
        let positions = [(0.0, 0.0), (30.0, 0.0), (200.0, 0.0)];
        let mut footprints = [BOX; 3];
        let mut shown = [true; 3];
        hide_crowded_labels(&positions, &mut footprints, &[bare; 3], &mut shown, &[1, 0, 2]);
        assert_eq!(shown, [false, true, true]);
    }
}
