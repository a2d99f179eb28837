//! The attributes every tabular or XML format writes, defined once.
//!
//! GraphML keys, GEXF attributes, CSV columns and DOT attributes all come from
//! [`NODE_COLUMNS`] and [`EDGE_COLUMNS`], in that order, so the formats carry the same
//! attributes with the same names and types. A value that a node or edge does not have
//! (an article's title on a slogan) is `None` and left out, or left empty in CSV.
//! Labels, weights, colours and sizes are not columns: each format has its own place
//! for them.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::{Evidence, Graph};

/// Separator of list values (aliases, authors) written as one string.
pub const LIST_SEPARATOR: &str = "、";

/// The type of a column's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Text,
    /// A count that may grow large (GraphML `long`).
    Count,
    /// A small whole number: a line, a community, a rank (GraphML `int`).
    Integer,
    /// A floating-point number, already rounded by the measure stage.
    Real,
    /// `true` or `false`.
    Boolean,
}

impl Type {
    /// The GraphML `attr.type`.
    pub fn graphml(self) -> &'static str {
        match self {
            Type::Text => "string",
            Type::Count => "long",
            Type::Integer => "int",
            Type::Real => "double",
            Type::Boolean => "boolean",
        }
    }

    /// The GEXF attribute `type`.
    pub fn gexf(self) -> &'static str {
        match self {
            Type::Text => "string",
            Type::Count => "long",
            Type::Integer => "integer",
            Type::Real => "double",
            Type::Boolean => "boolean",
        }
    }
}

/// A named, typed attribute.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub ty: Type,
}

const fn column(name: &'static str, ty: Type) -> Column {
    Column { name, ty }
}

pub const NODE_COLUMNS: &[Column] = &[
    column("kind", Type::Text),
    column("kind_label", Type::Text),
    column("mentions", Type::Count),
    column("articles", Type::Count),
    column("aliases", Type::Text),
    column("degree", Type::Count),
    column("weighted_degree", Type::Count),
    column("pagerank", Type::Real),
    column("community", Type::Integer),
    column("rank", Type::Integer),
    column("article_type", Type::Text),
    column("title", Type::Text),
    column("file", Type::Text),
    column("first_line", Type::Integer),
    column("last_line", Type::Integer),
    column("authors", Type::Text),
    column("unit", Type::Text),
    column("source", Type::Text),
];

/// `directed` is `false` for relations declared `directed = false` (`co_occurs`);
/// `articles` is how many articles the edge was seen in; `evidence` and
/// `evidence_article` are its first occurrence and the article it is in.
pub const EDGE_COLUMNS: &[Column] = &[
    column("relation", Type::Text),
    column("directed", Type::Boolean),
    column("articles", Type::Count),
    column("association", Type::Real),
    column("evidence", Type::Text),
    column("evidence_article", Type::Text),
];

/// One value of a column.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'g> {
    Text(Cow<'g, str>),
    Whole(u64),
    Real(f64),
    Bool(bool),
    /// The first piece of an edge's evidence, as `file:line: sentence`; formatted only
    /// where it is written, so a large graph's evidence is never copied into strings.
    Evidence(&'g Evidence),
    /// The id of the article a piece of evidence is in, likewise.
    ArticleOf(&'g Evidence),
}

impl Value<'_> {
    /// Hands `piece` the text of this value, piece by piece, as `Display` shows it:
    /// whole numbers and evidence are most of what the formats write, and each format
    /// escapes the pieces its own way without going through formatting machinery
    /// (whole numbers by itoa; reals by `Display`, straight into the pieces).
    pub fn write_pieces<E>(&self, mut piece: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
        let mut number = itoa::Buffer::new();
        match self {
            Value::Text(text) => piece(text),
            Value::Whole(n) => piece(number.format(*n)),
            Value::Real(x) => {
                // Formatted straight into the pieces, with no string of its own.
                struct Pieces<F, E> {
                    piece: F,
                    error: Option<E>,
                }
                impl<F: FnMut(&str) -> Result<(), E>, E> fmt::Write for Pieces<F, E> {
                    fn write_str(&mut self, text: &str) -> fmt::Result {
                        (self.piece)(text).map_err(|error| {
                            self.error = Some(error);
                            fmt::Error
                        })
                    }
                }
                let mut pieces = Pieces { piece: &mut piece, error: None };
                match fmt::write(&mut pieces, format_args!("{x}")) {
                    Ok(()) => Ok(()),
                    Err(_) => pieces.error.map_or(Ok(()), Err),
                }
            }
            Value::Bool(b) => piece(if *b { "true" } else { "false" }),
            Value::Evidence(ev) => {
                piece(&ev.file)?;
                piece(":")?;
                piece(number.format(ev.line))?;
                piece(": ")?;
                piece(&ev.sentence)
            }
            Value::ArticleOf(ev) => ev.article_id().write_pieces(piece),
        }
    }

    /// [`Value::write_pieces`] for a sink that cannot fail (a `String`).
    pub fn for_each_piece(&self, mut piece: impl FnMut(&str)) {
        let _ = self.write_pieces(|text| {
            piece(text);
            Ok::<(), std::convert::Infallible>(())
        });
    }
}

impl fmt::Display for Value<'_> {
    /// Numbers in plain decimal notation (never `1e-7`), which every reader parses.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_pieces(|piece| f.write_str(piece))
    }
}

fn text(s: &str) -> Option<Value<'_>> {
    Some(Value::Text(Cow::Borrowed(s)))
}

fn list(items: &[String]) -> Option<Value<'static>> {
    (!items.is_empty()).then(|| Value::Text(Cow::Owned(items.join(LIST_SEPARATOR))))
}

fn whole(n: impl Into<u64>) -> Option<Value<'static>> {
    Some(Value::Whole(n.into()))
}

/// The values of [`NODE_COLUMNS`] for `node`, in column order.
pub fn node_values(graph: &Graph, node: NodeIndex) -> [Option<Value<'_>>; NODE_COLUMNS.len()] {
    let kind = graph.kind_of(node);
    let n = &graph.graph[node];
    let m = &n.metrics;
    let article = n.article.as_ref();
    [
        text(&kind.name),
        text(&kind.label),
        whole(n.mentions),
        whole(n.articles),
        list(&n.forms),
        whole(m.degree),
        whole(m.weighted_degree),
        Some(Value::Real(m.pagerank)),
        whole(m.community as u64),
        whole(m.rank as u64),
        article.and_then(|a| text(a.kind)),
        article.and_then(|a| text(&a.title)),
        article.and_then(|a| text(&a.file)),
        article.and_then(|a| whole(a.first_line)),
        article.and_then(|a| whole(a.last_line)),
        article.and_then(|a| list(&a.authors)),
        article.and_then(|a| a.unit.as_deref()).and_then(text),
        article.and_then(|a| a.source.as_deref()).and_then(text),
    ]
}

/// The values of [`EDGE_COLUMNS`] for `edge`, in column order.
pub fn edge_values(graph: &Graph, edge: EdgeIndex) -> [Option<Value<'_>>; EDGE_COLUMNS.len()] {
    let e = &graph.graph[edge];
    [
        text(&e.relation),
        Some(Value::Bool(e.directed)),
        whole(e.articles),
        e.association.map(Value::Real),
        e.evidence.first().map(Value::Evidence),
        e.evidence.first().map(Value::ArticleOf),
    ]
}

/// The id an edge goes by in every format that names edges: `e0`, `e1` … in graph order.
pub fn edge_id(edge: EdgeIndex) -> impl fmt::Display {
    Prefixed('e', edge.index())
}

/// A number with a letter before it (`e12`, `n3`), formatted where it is written.
#[derive(Clone, Copy, Debug)]
pub struct Prefixed(pub char, pub usize);

impl fmt::Display for Prefixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char(self.0)?;
        f.write_str(itoa::Buffer::new().format(self.1))
    }
}

/// Every node's id ([`Graph::node_id`]) by node index, made once per output rather than
/// once per edge end.
pub fn node_ids(graph: &Graph) -> Vec<String> {
    graph.nodes().map(|(index, _)| graph.node_id(index)).collect()
}

/// Node size for drawing: from 5 (weighted degree 0) to 40 (the graph's largest), by
/// square root so that areas, not radii, follow the weighted degree.
pub fn node_size(weighted_degree: u64, largest: u64) -> f64 {
    let share = if largest == 0 { 0.0 } else { weighted_degree as f64 / largest as f64 };
    5.0 + 35.0 * share.sqrt()
}

/// Formats `x` with two decimals, for sizes and coordinates.
pub fn two_decimals(x: f64) -> String {
    format!("{x:.2}")
}

/// The largest weighted degree in `graph` (0 for an empty graph).
pub fn largest_weighted_degree(graph: &Graph) -> u64 {
    graph.nodes().map(|(_, n)| n.metrics.weighted_degree).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_node_value_has_a_column() {
        let graph = crate::measure::tests::graph_of(2, &[(0, 1, "mentions", 2)]);
        let node = NodeIndex::new(0);
        assert_eq!(node_values(&graph, node).len(), NODE_COLUMNS.len());
        assert_eq!(edge_values(&graph, EdgeIndex::new(0)).len(), EDGE_COLUMNS.len());
    }

    #[test]
    fn numbers_are_plain_decimals() {
        assert_eq!(Value::Real(0.0000123457).to_string(), "0.0000123457");
        assert_eq!(Value::Whole(12).to_string(), "12");
    }

    #[test]
    fn sizes_grow_with_the_square_root() {
        assert_eq!(node_size(0, 100), 5.0);
        assert_eq!(node_size(25, 100), 22.5);
        assert_eq!(node_size(100, 100), 40.0);
        assert_eq!(node_size(0, 0), 5.0);
    }
}
