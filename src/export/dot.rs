//! `graph.dot`: the graph in Graphviz's DOT language, written directly, a statement a
//! line.
//!
//! Node ids are the real ids (`"slogan:两个维护"`), always quoted; Chinese stays UTF-8
//! (`charset="UTF-8"`). Inside quotes `"` becomes `\"`, `\` becomes `\\` and a line break
//! `\n`, so no text can end a string early. Nodes carry their label, fill colour (the
//! kind's) and the shared [`super::columns`]; edges their id, relation, weight and the
//! edge columns; an undirected edge (`co_occurs`) is drawn without arrow (`dir=none`).
//! `layout=sfdp` makes `dot -Tsvg graph.dot` draw a network, not a tree.
//!
//! The text is what graphviz-rust's printer made of the same statements when tupu used
//! it (two-space indent, `name[a="x" b=1]`, `"a" -> "b" [a="x"]`); tests parse it back
//! with graphviz-rust.

use std::io::Write;

use super::columns::{self, EDGE_COLUMNS, NODE_COLUMNS, Value};
use crate::graph::Graph;

/// The font Graphviz is asked for; fontconfig substitutes another CJK font if it lacks it.
pub const FONT: &str = "Noto Sans CJK SC";

/// A line longer than this is written out at once rather than gathered further.
const FLUSH_AT: usize = 1 << 16;

/// The whole output in memory (see [`write`]).
pub fn render(graph: &Graph) -> Vec<u8> {
    super::in_memory(|out| write(graph, out))
}

/// Writes the graph to `out` a statement at a time, each gathered in one reused buffer
/// (values formatted and escaped straight into it), so the graph is never whole in
/// memory as text.
pub fn write(graph: &Graph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut line = String::with_capacity(4096);
    line.push_str("digraph tupu {\n");
    line.push_str("  graph[charset=\"UTF-8\" layout=\"sfdp\" overlap=\"prism\" fontname=");
    push_quoted(&mut line, &FONT);
    line.push_str("]\n  node[shape=\"ellipse\" style=\"filled\" fontname=");
    push_quoted(&mut line, &FONT);
    line.push_str("]\n  edge[color=\"#99999980\"]\n");
    for (index, node) in graph.nodes() {
        line.push_str("  ");
        push_quoted_str(&mut line, &graph.node_id(index));
        line.push_str("[label=");
        push_quoted_str(&mut line, &node.label);
        line.push_str(" fillcolor=");
        push_quoted_str(&mut line, &graph.kind_of(index).colour.hex());
        push_values(&mut line, NODE_COLUMNS.iter().map(|c| c.name).zip(columns::node_values(graph, index)));
        line.push_str("]\n");
        if line.len() >= FLUSH_AT {
            out.write_all(line.as_bytes())?;
            line.clear();
        }
    }
    let ids = columns::node_ids(graph);
    for (index, source, target, edge) in graph.edges() {
        line.push_str("  ");
        push_quoted_str(&mut line, &ids[source.index()]);
        line.push_str(" -> ");
        push_quoted_str(&mut line, &ids[target.index()]);
        line.push_str(" [id=");
        push_quoted(&mut line, &columns::edge_id(index));
        line.push_str(" weight=");
        line.push_str(itoa::Buffer::new().format(edge.weight));
        if !edge.directed {
            // A digraph may hold undirected edges only as edges drawn without arrows.
            line.push_str(" dir=none");
        }
        push_values(&mut line, EDGE_COLUMNS.iter().map(|c| c.name).zip(columns::edge_values(graph, index)));
        line.push_str("]\n");
        if line.len() >= FLUSH_AT {
            out.write_all(line.as_bytes())?;
            line.clear();
        }
    }
    line.push_str("}\n");
    out.write_all(line.as_bytes())
}

/// ` name=value` for every value present: numbers as DOT numerals, text quoted.
fn push_values<'g>(line: &mut String, pairs: impl Iterator<Item = (&'static str, Option<Value<'g>>)>) {
    for (name, value) in pairs {
        let Some(value) = value else { continue };
        line.push(' ');
        line.push_str(name);
        line.push('=');
        match value {
            Value::Whole(_) | Value::Real(_) | Value::Bool(_) => {
                value.for_each_piece(|piece| line.push_str(piece));
            }
            Value::Text(_) | Value::Evidence(_) | Value::ArticleOf(_) => push_quoted_value(line, &value),
        }
    }
}

/// `text` as a DOT double-quoted string.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_quoted_str(&mut out, text);
    out
}

/// Appends `value`, formatted, as a DOT double-quoted string (see [`push_escaped`]).
fn push_quoted(out: &mut String, value: &dyn std::fmt::Display) {
    struct Escaper<'s>(&'s mut String);
    impl std::fmt::Write for Escaper<'_> {
        fn write_str(&mut self, text: &str) -> std::fmt::Result {
            push_escaped(self.0, text);
            Ok(())
        }
    }
    out.push('"');
    // Writing into a String cannot fail.
    let _ = std::fmt::write(&mut Escaper(out), format_args!("{value}"));
    out.push('"');
}

/// Appends `text` as a DOT double-quoted string, with no formatting machinery: most
/// values are text (ids, labels, evidence sentences).
fn push_quoted_str(out: &mut String, text: &str) {
    out.push('"');
    push_escaped(out, text);
    out.push('"');
}

/// `value` quoted, its pieces ([`Value::write_pieces`]) escaped as they come.
fn push_quoted_value(out: &mut String, value: &Value<'_>) {
    out.push('"');
    value.for_each_piece(|piece| push_escaped(out, piece));
    out.push('"');
}

/// Appends `text` escaped for a DOT string: `"` becomes `\"`, `\` becomes `\\`, a line
/// break `\n`, and carriage returns are dropped. Text without any of them (nearly all
/// of it) is found so by two vectorised searches and copied whole.
fn push_escaped(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    if memchr::memchr3(b'"', b'\\', b'\n', bytes).is_none() && memchr::memchr(b'\r', bytes).is_none() {
        out.push_str(text);
        return;
    }
    let mut run = 0;
    for (i, b) in bytes.iter().enumerate() {
        let escaped = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "",
            _ => continue,
        };
        out.push_str(&text[run..i]);
        out.push_str(escaped);
        run = i + 1;
    }
    out.push_str(&text[run..]);
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
    use graphviz_rust::dot_structures::{Graph as DotGraph, Id, Stmt};

    #[test]
    fn quotes_escape_what_would_end_the_string() {
        for text in ["“党建+”", r#"say "hi""#, r"back\slash\", "two\nlines", "两个维护"] {
            let quoted = quoted(text);
            assert!(quoted.starts_with('"') && quoted.ends_with('"'));
            assert_eq!(unquote(&quoted), text, "{quoted}");
        }
        assert_eq!(quoted(r#"a"b\"#), r#""a\"b\\""#);
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
