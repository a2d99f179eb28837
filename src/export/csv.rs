//! `nodes.csv` and `edges.csv`: node and edge tables for Gephi's Data Laboratory
//! ("Import Spreadsheet") and for spreadsheets and pandas.
//!
//! Gephi recognizes the columns `Id` and `Label` in a node table and `Source`, `Target`,
//! `Type`, `Id`, `Label`, `Weight` in an edge table; the other columns are the shared
//! [`super::columns`]. UTF-8 without a byte-order mark (a BOM would hide the `Id` header
//! from Gephi), comma-separated, a field quoted when it holds a comma, a quote or a line
//! break (RFC 4180), lines ending in `\n`. A value a node lacks is an empty field.

use std::io::Write;

use super::columns::{self, EDGE_COLUMNS, NODE_COLUMNS, Value};
use crate::graph::Graph;

/// The whole output in memory (see [`write_nodes`]).
pub fn render_nodes(graph: &Graph) -> Vec<u8> {
    super::in_memory(|out| write_nodes(graph, out))
}

/// The whole output in memory (see [`write_edges`]).
pub fn render_edges(graph: &Graph) -> Vec<u8> {
    super::in_memory(|out| write_edges(graph, out))
}

/// How much of a table is gathered before it is written out.
const CHUNK: usize = 1 << 16;

/// Writes `table` to `out` once it holds a chunk.
fn spill(table: &mut String, out: &mut dyn Write) -> std::io::Result<()> {
    if table.len() >= CHUNK {
        out.write_all(table.as_bytes())?;
        table.clear();
    }
    Ok(())
}

pub fn write_nodes(graph: &Graph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut table = String::new();
    let header = ["Id", "Label"].into_iter().chain(NODE_COLUMNS.iter().map(|c| c.name));
    row(&mut table, header.map(str::to_owned));
    for (index, node) in graph.nodes() {
        let values =
            columns::node_values(graph, index).into_iter().map(|v| v.map(|v| v.to_string()).unwrap_or_default());
        row(&mut table, [graph.node_id(index), node.label.clone()].into_iter().chain(values));
        spill(&mut table, out)?;
    }
    out.write_all(table.as_bytes())
}

pub fn write_edges(graph: &Graph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut table = String::new();
    let header =
        ["Source", "Target", "Type", "Id", "Label", "Weight"].into_iter().chain(EDGE_COLUMNS.iter().map(|c| c.name));
    row(&mut table, header.map(str::to_owned));
    for (index, source, target, edge) in graph.edges() {
        let fixed = [
            graph.node_id(source),
            graph.node_id(target),
            "Directed".to_owned(),
            columns::edge_id(index),
            edge.relation.to_string(),
            Value::Whole(edge.weight).to_string(),
        ];
        let values =
            columns::edge_values(graph, index).into_iter().map(|v| v.map(|v| v.to_string()).unwrap_or_default());
        row(&mut table, fixed.into_iter().chain(values));
        spill(&mut table, out)?;
    }
    out.write_all(table.as_bytes())
}

fn row(table: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            table.push(',');
        }
        table.push_str(&quote(&field));
    }
    table.push('\n');
}

/// A field as RFC 4180 writes it.
pub fn quote(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\"")).into()
    } else {
        field.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(quote("两个维护"), "两个维护");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn tables_have_one_row_per_node_and_edge() {
        let graph = crate::measure::tests::graph_of(3, &[(0, 1, "mentions", 2), (1, 2, "co_occurs", 1)]);
        let nodes = String::from_utf8(render_nodes(&graph)).unwrap();
        let edges = String::from_utf8(render_edges(&graph)).unwrap();
        assert_eq!(nodes.lines().count(), 4);
        assert!(nodes.starts_with("Id,Label,kind,"));
        assert_eq!(edges.lines().nth(1), Some("concept:c0,concept:c1,Directed,e0,mentions,2,mentions,,"));
    }
}
