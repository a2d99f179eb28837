//! The rows of a sparse weighted matrix, in flat vectors.

use std::ops::Range;

/// Row `i` of a sparse square matrix is the columns `columns[starts[i]..starts[i + 1]]`
/// with the same range of `weights`.
///
/// A vector per row cost 24 bytes a node and an allocation each, and a `(usize, f64)`
/// entry 16 bytes where 12 do: the network and Louvain's first level were the largest
/// things in memory while a large graph was measured.
#[derive(Debug)]
pub(crate) struct Rows {
    starts: Vec<usize>,
    columns: Vec<u32>,
    weights: Vec<f64>,
}

impl Rows {
    /// Rows to fill in order, with room for `entries` entries in all.
    pub fn with_capacity(rows: usize, entries: usize) -> Rows {
        let mut starts = Vec::with_capacity(rows + 1);
        starts.push(0);
        Rows { starts, columns: Vec::with_capacity(entries), weights: Vec::with_capacity(entries) }
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// How many entries all rows hold.
    pub fn entries(&self) -> usize {
        self.columns.len()
    }

    /// How many entries row `i` holds.
    pub fn row_len(&self, i: usize) -> usize {
        self.range(i).len()
    }

    /// Row `i`'s entries, in the order they were added.
    pub fn row(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let range = self.range(i);
        self.columns[range.clone()].iter().zip(&self.weights[range]).map(|(&j, &w)| (j as usize, w))
    }

    /// The sum of row `i`'s weights, added in order.
    pub fn sum(&self, i: usize) -> f64 {
        self.weights[self.range(i)].iter().sum()
    }

    fn range(&self, i: usize) -> Range<usize> {
        self.starts[i]..self.starts[i + 1]
    }

    /// Adds `(j, w)` to the row being filled; to its last entry when that is column `j`
    /// too, so that entries added by column merge.
    pub fn push_merging(&mut self, j: usize, w: f64) {
        let open = *self.starts.last().expect("starts holds 0 from the first");
        let column = u32::try_from(j).expect("graphs have fewer than 2^32 nodes");
        match self.columns.last() {
            Some(&last) if last == column && self.columns.len() > open => {
                *self.weights.last_mut().expect("a weight per column") += w;
            }
            _ => {
                self.columns.push(column);
                self.weights.push(w);
            }
        }
    }

    /// Closes the row being filled; the next entries go to the next row.
    pub fn end_row(&mut self) {
        self.starts.push(self.columns.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_entries_in_order_and_merge_a_repeated_column() {
        let mut rows = Rows::with_capacity(3, 4);
        rows.push_merging(1, 1.0);
        rows.push_merging(1, 2.0);
        rows.push_merging(2, 0.5);
        rows.end_row();
        rows.end_row();
        // The same column as the last of the row before opens an entry of its own.
        rows.push_merging(2, 4.0);
        rows.end_row();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows.row(0).collect::<Vec<_>>(), [(1, 3.0), (2, 0.5)]);
        assert_eq!(rows.row(1).count(), 0);
        assert_eq!((rows.entries(), rows.row_len(0), rows.row_len(1)), (3, 2, 0));
        assert_eq!(rows.row(2).collect::<Vec<_>>(), [(2, 4.0)]);
        assert_eq!(rows.sum(0), 3.5);
    }
}
