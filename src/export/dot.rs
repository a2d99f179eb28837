//! `graph.dot`: the graph in Graphviz's DOT language, each statement built as a
//! graphviz-rust syntax tree and printed by its printer.
//!
//! Node ids are the real ids (`"slogan:两个维护"`), always quoted; Chinese stays UTF-8
//! (`charset="UTF-8"`). Inside quotes `"` becomes `\"`, `\` becomes `\\` and a line break
//! `\n`, so no text can end a string early. Nodes carry their label, fill colour (the
//! kind's) and the shared [`super::columns`]; edges their id, relation, weight and the
//! edge columns; an undirected edge (`co_occurs`) is drawn without arrow (`dir=none`).
//! `layout=sfdp` makes `dot -Tsvg graph.dot` draw a network, not a tree.

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph as DotGraph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use super::columns::{self, EDGE_COLUMNS, NODE_COLUMNS, Value};
use crate::graph::Graph;

/// The font Graphviz is asked for; fontconfig substitutes another CJK font if it lacks it.
pub const FONT: &str = "Noto Sans CJK SC";

/// The whole output in memory (see [`write`]).
pub fn render(graph: &Graph) -> Vec<u8> {
    super::in_memory(|out| write(graph, out))
}

/// Writes the graph to `out` a statement at a time: each statement is built as a
/// graphviz-rust syntax tree and printed by its printer (which does the escaping), so
/// the whole graph never needs to exist as a tree or a string.
pub fn write(graph: &Graph, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut context = PrinterContext::default();
    // The printer writes `->` only once it has seen a digraph, and offers no setter:
    // printing an empty one puts the context in that state.
    let _ =
        DotGraph::DiGraph { id: Id::Plain("tupu".to_owned()), strict: false, stmts: Vec::new() }.print(&mut context);
    // The context now also indents statements as inside the graph.
    let mut print = |out: &mut dyn std::io::Write, stmt: Stmt| writeln!(out, "{}", stmt.print(&mut context));
    writeln!(out, "digraph tupu {{")?;
    let defaults = [
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attribute("charset", quoted("UTF-8")),
            attribute("layout", quoted("sfdp")),
            attribute("overlap", quoted("prism")),
            attribute("fontname", quoted(FONT)),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attribute("shape", quoted("ellipse")),
            attribute("style", quoted("filled")),
            attribute("fontname", quoted(FONT)),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attribute("color", quoted("#99999980"))])),
    ];
    for stmt in defaults {
        print(out, stmt)?;
    }
    for (index, node) in graph.nodes() {
        let mut attributes = vec![
            attribute("label", quoted(&node.label)),
            attribute("fillcolor", quoted(&graph.kind_of(index).colour.hex())),
        ];
        attributes.extend(values(NODE_COLUMNS.iter().map(|c| c.name).zip(columns::node_values(graph, index))));
        print(out, Stmt::Node(DotNode::new(node_id(&graph.node_id(index)), attributes)))?;
    }
    let ids = columns::node_ids(graph);
    for (index, source, target, edge) in graph.edges() {
        let mut attributes = vec![
            attribute("id", quoted_display(&columns::edge_id(index))),
            attribute("weight", value(&Value::Whole(edge.weight))),
        ];
        if !edge.directed {
            // A digraph may hold undirected edges only as edges drawn without arrows.
            attributes.push(attribute("dir", Id::Plain("none".to_owned())));
        }
        attributes.extend(values(EDGE_COLUMNS.iter().map(|c| c.name).zip(columns::edge_values(graph, index))));
        print(
            out,
            Stmt::Edge(DotEdge {
                ty: EdgeTy::Pair(Vertex::N(node_id(&ids[source.index()])), Vertex::N(node_id(&ids[target.index()]))),
                attributes,
            }),
        )?;
    }
    writeln!(out, "}}")
}

fn attribute(name: &str, value: Id) -> Attribute {
    Attribute(Id::Plain(name.to_owned()), value)
}

fn node_id(id: &str) -> NodeId {
    NodeId(quoted(id), None)
}

fn values<'g>(pairs: impl Iterator<Item = (&'static str, Option<Value<'g>>)>) -> Vec<Attribute> {
    pairs.filter_map(|(name, v)| v.map(|v| attribute(name, value(&v)))).collect()
}

/// Numbers as DOT numerals, text quoted.
fn value(v: &Value<'_>) -> Id {
    match v {
        Value::Whole(_) | Value::Real(_) | Value::Bool(_) => Id::Plain(v.to_string()),
        Value::Text(_) | Value::Evidence(_) => quoted_display(v),
    }
}

/// `text` as a DOT double-quoted string.
pub fn quoted(text: &str) -> Id {
    quoted_display(&text)
}

/// `value`, formatted, as a DOT double-quoted string: `"` becomes `\"`, `\` becomes
/// `\\`, a line break `\n`, and carriage returns are dropped.
fn quoted_display(value: &dyn std::fmt::Display) -> Id {
    struct Escaper(String);
    impl std::fmt::Write for Escaper {
        fn write_str(&mut self, text: &str) -> std::fmt::Result {
            let mut run = 0;
            for (i, b) in text.bytes().enumerate() {
                let escaped = match b {
                    b'"' => "\\\"",
                    b'\\' => "\\\\",
                    b'\n' => "\\n",
                    b'\r' => "",
                    _ => continue,
                };
                self.0.push_str(&text[run..i]);
                self.0.push_str(escaped);
                run = i + 1;
            }
            self.0.push_str(&text[run..]);
            Ok(())
        }
    }
    let mut out = Escaper(String::from("\""));
    // Writing into a String cannot fail.
    let _ = std::fmt::write(&mut out, format_args!("{value}"));
    out.0.push('"');
    Id::Escaped(out.0)
}

/// Reads back a string [`quoted`] wrote (for tests and readers of `graph.dot`).
pub fn unquote(text: &str) -> String {
    let inner = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(id: Id) -> String {
        match id {
            Id::Escaped(s) => s,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn quotes_escape_what_would_end_the_string() {
        for text in ["“党建+”", r#"say "hi""#, r"back\slash\", "two\nlines", "两个维护"] {
            let quoted = text_of(quoted(text));
            assert!(quoted.starts_with('"') && quoted.ends_with('"'));
            assert_eq!(unquote(&quoted), text, "{quoted}");
        }
        assert_eq!(text_of(quoted(r#"a"b\"#)), r#""a\"b\\""#);
    }

    #[test]
    fn the_printed_graph_parses_back() {
        let mut graph = crate::measure::tests::graph_of(2, &[(0, 1, "co_occurs", 2)]);
        graph.graph[petgraph::graph::NodeIndex::new(0)].label = r#"“党建+”模式 "x" \y"#.to_owned();
        crate::measure::measure(&mut graph);
        let text = String::from_utf8(render(&graph)).unwrap();
        let parsed = graphviz_rust::parse(&text).unwrap();
        let DotGraph::DiGraph { stmts, .. } = parsed else { panic!("not a digraph") };
        let labels: Vec<String> = stmts
            .iter()
            .filter_map(|s| match s {
                Stmt::Node(n) => n.attributes.iter().find(|a| a.0 == Id::Plain("label".into())).map(|a| match &a.1 {
                    Id::Escaped(s) => unquote(s),
                    other => panic!("{other:?}"),
                }),
                _ => None,
            })
            .collect();
        assert_eq!(labels, [r#"“党建+”模式 "x" \y"#, "概念1"]);
        assert_eq!(stmts.iter().filter(|s| matches!(s, Stmt::Edge(_))).count(), 1);
    }
}
