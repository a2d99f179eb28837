//! `nodes.csv` and `edges.csv`: node and edge tables for Gephi's Data Laboratory
//! ("Import Spreadsheet") and for spreadsheets and pandas.
//!
//! Gephi recognizes the columns `Id` and `Label` in a node table and `Source`, `Target`,
//! `Type`, `Id`, `Label`, `Weight` in an edge table; the other columns are the shared
//! [`super::columns`]. UTF-8 without a byte-order mark (a BOM would hide the `Id` header
//! from Gephi), comma-separated, a field quoted when it holds a comma, a quote or a line
//! break (RFC 4180), lines ending in `\n`. A value a node lacks is an empty field.

use std::fmt::Display;
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
    header(&mut table, ["Id", "Label"].into_iter().chain(NODE_COLUMNS.iter().map(|c| c.name)));
    for (index, node) in graph.nodes() {
        let values = columns::node_values(graph, index);
        let id = graph.node_id(index);
        let mut fields: Vec<Field> = vec![Field::Text(&id), Field::Text(&node.label)];
        fields.extend(values.iter().map(optional));
        row(&mut table, &fields);
        spill(&mut table, out)?;
    }
    out.write_all(table.as_bytes())
}

pub fn write_edges(graph: &Graph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut table = String::new();
    let fixed = ["Source", "Target", "Type", "Id", "Label", "Weight"];
    header(&mut table, fixed.into_iter().chain(EDGE_COLUMNS.iter().map(|c| c.name)));
    let ids = columns::node_ids(graph);
    for (index, source, target, edge) in graph.edges() {
        let values = columns::edge_values(graph, index);
        let [relation, directed, articles, association, evidence, evidence_article] = &values;
        let id = columns::edge_id(index);
        let weight = Value::Whole(edge.weight);
        let fields: [Field; 6 + EDGE_COLUMNS.len()] = [
            Field::Text(&ids[source.index()]),
            Field::Text(&ids[target.index()]),
            Field::Text(if edge.directed { "Directed" } else { "Undirected" }),
            Field::Shown(&id),
            Field::Text(&edge.relation),
            Field::Value(&weight),
            optional(relation),
            optional(directed),
            optional(articles),
            optional(association),
            optional(evidence),
            optional(evidence_article),
        ];
        row(&mut table, &fields);
        spill(&mut table, out)?;
    }
    out.write_all(table.as_bytes())
}

/// The header line: column names as they are.
fn header<'a>(table: &mut String, names: impl Iterator<Item = &'a str>) {
    let names: Vec<Field> = names.map(Field::Text).collect();
    row(table, &names);
}

/// One field of a row. Text and values are written straight into the table
/// ([`Value::write_pieces`]); only what has no other way goes through `Display`.
enum Field<'a> {
    Text(&'a str),
    Value(&'a Value<'a>),
    Shown(&'a dyn Display),
}

/// A value, or an empty field for a value the node or edge lacks.
fn optional<'v>(value: &'v Option<Value<'_>>) -> Field<'v> {
    match value {
        Some(value) => Field::Value(value),
        None => Field::Text(""),
    }
}

/// Appends one line of `fields`, each written straight into the table and quoted
/// afterwards if it turns out to need it.
fn row(table: &mut String, fields: &[Field]) {
    use std::fmt::Write as _;
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            table.push(',');
        }
        let start = table.len();
        // Writing into a String cannot fail.
        match field {
            Field::Text(text) => table.push_str(text),
            Field::Value(value) => {
                value.for_each_piece(|piece| table.push_str(piece));
            }
            Field::Shown(value) => {
                let _ = write!(table, "{value}");
            }
        }
        if needs_quotes(&table[start..]) {
            let quoted = quote(&table[start..]).into_owned();
            table.truncate(start);
            table.push_str(&quoted);
        }
    }
    table.push('\n');
}

/// Whether RFC 4180 quotes `field`. Its bytes are searched (memchr), not its
/// characters decoded: evidence sentences make most of a table's bytes.
fn needs_quotes(field: &str) -> bool {
    let bytes = field.as_bytes();
    memchr::memchr3(b',', b'"', b'\n', bytes).is_some() || memchr::memchr(b'\r', bytes).is_some()
}

/// A field as RFC 4180 writes it.
pub fn quote(field: &str) -> std::borrow::Cow<'_, str> {
    if needs_quotes(field) { format!("\"{}\"", field.replace('"', "\"\"")).into() } else { field.into() }
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
        assert_eq!(edges.lines().nth(1), Some("concept:c0,concept:c1,Directed,e0,mentions,2,mentions,true,1,,,"));
        assert_eq!(edges.lines().nth(2), Some("concept:c1,concept:c2,Undirected,e1,co_occurs,1,co_occurs,false,1,,,"));
    }
}
