//! `graph.json`: node-link JSON, as `networkx.node_link_graph` reads it.
//!
//! The layout is networkx's default since 3.4 (`"edges"`, node key `"id"`, edge key
//! `"key"`), so `nx.node_link_graph(json.load(f))` works without arguments. The graph is
//! a directed multigraph whose edge keys are relation names: two nodes may be linked by
//! more than one relation, and `G[u]["v"]["invokes"]` reads naturally. networkx has no
//! mixed graphs, so an undirected edge (`co_occurs`) says so in its `directed`
//! attribute (`false`), and runs from the earlier of its two nodes.

use std::io::{self, BufWriter, Write};

use crate::graph::{Evidence, Graph};

/// The whole output in memory (see [`write`]).
pub fn render(graph: &Graph) -> Vec<u8> {
    super::in_memory(|out| write(graph, out))
}

/// Writes the document to `out`, node by node and edge by edge: nothing but the graph
/// itself is held in memory.
///
/// The layout is serde_json's pretty one (two spaces a level, `"key": value`), written by
/// hand: serde_json escapes a string a byte at a time, and the evidence sentences make up
/// most of the file. [`Pretty`] copies a string that needs no escape whole.
pub fn write(graph: &Graph, out: &mut dyn io::Write) -> io::Result<()> {
    let mut json = Pretty::new(BufWriter::with_capacity(1 << 16, out));
    json.open(b'{')?;
    json.key("directed")?.bool(true)?;
    json.key("multigraph")?.bool(true)?;
    json.key("graph")?.open(b'{')?;
    json.key("name")?.str("tupu")?;
    json.key("generator")?.str(concat!("tupu ", env!("CARGO_PKG_VERSION")))?;
    json.key("kinds")?.open(b'[')?;
    for kind in &graph.kinds {
        json.item()?.open(b'{')?;
        json.key("name")?.str(&kind.name)?;
        json.key("label")?.str(&kind.label)?;
        json.key("colour")?.str(&kind.colour.hex())?;
        json.close(b'}')?;
    }
    json.close(b']')?;
    json.close(b'}')?;
    json.key("nodes")?.open(b'[')?;
    for (index, node) in graph.nodes() {
        json.item()?.open(b'{')?;
        json.key("id")?.str(&graph.node_id(index))?;
        json.key("kind")?.str(&graph.kind_of(index).name)?;
        json.key("label")?.str(&node.label)?;
        json.key("mentions")?.uint(node.mentions)?;
        json.key("articles")?.uint(node.articles)?;
        json.key("aliases")?.strs(&node.forms)?;
        if let Some(article) = node.article.as_ref() {
            json.key("article_type")?.str(article.kind)?;
            json.key("title")?.str(&article.title)?;
            json.key("file")?.str(&article.file)?;
            json.key("first_line")?.uint(article.first_line.into())?;
            json.key("last_line")?.uint(article.last_line.into())?;
            json.key("authors")?.strs(&article.authors)?;
            if let Some(unit) = &article.unit {
                json.key("unit")?.str(unit)?;
            }
            if let Some(source) = &article.source {
                json.key("source")?.str(source)?;
            }
        }
        let metrics = &node.metrics;
        json.key("degree")?.uint(metrics.degree)?;
        json.key("weighted_degree")?.uint(metrics.weighted_degree)?;
        json.key("pagerank")?.float(metrics.pagerank)?;
        json.key("community")?.uint(metrics.community as u64)?;
        json.key("rank")?.uint(metrics.rank as u64)?;
        json.close(b'}')?;
    }
    json.close(b']')?;
    let ids = super::columns::node_ids(graph);
    json.key("edges")?.open(b'[')?;
    for (_, source, target, edge) in graph.edges() {
        json.item()?.open(b'{')?;
        json.key("source")?.str(&ids[source.index()])?;
        json.key("target")?.str(&ids[target.index()])?;
        json.key("key")?.str(&edge.relation)?;
        json.key("relation")?.str(&edge.relation)?;
        json.key("directed")?.bool(edge.directed)?;
        json.key("weight")?.uint(edge.weight)?;
        json.key("articles")?.uint(edge.articles)?;
        if let Some(association) = edge.association {
            json.key("association")?.float(association)?;
        }
        json.key("evidence")?.open(b'[')?;
        for evidence in &edge.evidence {
            json.item()?;
            evidence_object(&mut json, evidence)?;
        }
        json.close(b']')?;
        json.close(b'}')?;
    }
    json.close(b']')?;
    json.close(b'}')?;
    let mut out = json.into_inner();
    out.write_all(b"\n")?;
    out.flush()
}

fn evidence_object<W: Write>(json: &mut Pretty<W>, evidence: &Evidence) -> io::Result<()> {
    json.open(b'{')?;
    json.key("file")?.str(&evidence.file)?;
    json.key("line")?.uint(evidence.line.into())?;
    json.key("column")?.uint(evidence.column.into())?;
    json.key("article")?;
    json.out.write_all(b"\"")?;
    evidence.article_id().write_pieces(|piece| escape_into(&mut json.out, piece))?;
    json.out.write_all(b"\"")?;
    json.key("sentence")?.str(&evidence.sentence)?;
    json.close(b'}')
}

/// A JSON writer in serde_json's pretty layout: an object or array opens on its line,
/// each member on a line of its own indented two spaces a level, and an empty one is
/// `{}` or `[]`. The caller writes members in order: [`Pretty::key`] or
/// [`Pretty::item`], then one value.
struct Pretty<W: Write> {
    out: W,
    depth: usize,
    /// Whether the innermost open object or array has no member yet.
    empty: bool,
}

impl<W: Write> Pretty<W> {
    fn new(out: W) -> Pretty<W> {
        Pretty { out, depth: 0, empty: true }
    }

    fn into_inner(self) -> W {
        self.out
    }

    fn open(&mut self, bracket: u8) -> io::Result<&mut Self> {
        self.out.write_all(&[bracket])?;
        self.depth += 1;
        self.empty = true;
        Ok(self)
    }

    /// Closes the innermost object or array with `bracket` (`}` or `]`).
    fn close(&mut self, bracket: u8) -> io::Result<()> {
        self.depth -= 1;
        if !self.empty {
            self.new_line(false)?;
        }
        // The object or array just closed is a member of the one around it.
        self.empty = false;
        self.out.write_all(&[bracket])
    }

    /// Starts an array's next member.
    fn item(&mut self) -> io::Result<&mut Self> {
        self.new_line(!self.empty)?;
        self.empty = false;
        Ok(self)
    }

    /// Starts an object's next member. Keys are the writer's own: they need no escape.
    fn key(&mut self, key: &'static str) -> io::Result<&mut Self> {
        debug_assert!(!key.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\'));
        self.item()?;
        self.out.write_all(b"\"")?;
        self.out.write_all(key.as_bytes())?;
        self.out.write_all(b"\": ")?;
        Ok(self)
    }

    /// A comma if `comma`, a new line and the indentation of the current level, in one
    /// write.
    fn new_line(&mut self, comma: bool) -> io::Result<()> {
        /// Enough for the deepest level of the document and then some.
        const LINE: &[u8] = b",\n                                ";
        let from = usize::from(!comma);
        match LINE.get(from..2 + 2 * self.depth) {
            Some(line) => self.out.write_all(line),
            None => {
                self.out.write_all(&LINE[from..2])?;
                self.out.write_all(&b" ".repeat(2 * self.depth))
            }
        }
    }

    fn str(&mut self, value: &str) -> io::Result<()> {
        self.out.write_all(b"\"")?;
        escape_into(&mut self.out, value)?;
        self.out.write_all(b"\"")
    }

    fn strs(&mut self, values: &[String]) -> io::Result<()> {
        self.open(b'[')?;
        for value in values {
            self.item()?.str(value)?;
        }
        self.close(b']')
    }

    fn uint(&mut self, value: u64) -> io::Result<()> {
        self.out.write_all(itoa::Buffer::new().format(value).as_bytes())
    }

    fn bool(&mut self, value: bool) -> io::Result<()> {
        self.out.write_all(if value { b"true" } else { b"false" })
    }

    /// As serde_json writes it: `null` for what JSON has no number for, else the
    /// shortest form that reads back the same (serde_json's own formatter).
    fn float(&mut self, value: f64) -> io::Result<()> {
        if value.is_finite() {
            self.out.write_all(zmij::Buffer::new().format_finite(value).as_bytes())
        } else {
            self.out.write_all(b"null")
        }
    }
}

/// Writes `text` escaped as serde_json escapes it: `"`, `\` and the control characters,
/// nothing else. Most text needs no escape, and is then copied whole after one pass
/// that the compiler can vectorise.
fn escape_into<W: Write>(out: &mut W, text: &str) -> io::Result<()> {
    let bytes = text.as_bytes();
    let needs_escape = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    if !bytes.iter().fold(false, |any, &b| any | needs_escape(b)) {
        return out.write_all(bytes);
    }
    let mut start = 0;
    for (at, &b) in bytes.iter().enumerate() {
        if !needs_escape(b) {
            continue;
        }
        out.write_all(&bytes[start..at])?;
        start = at + 1;
        match b {
            b'"' => out.write_all(b"\\\"")?,
            b'\\' => out.write_all(b"\\\\")?,
            b'\x08' => out.write_all(b"\\b")?,
            b'\x0C' => out.write_all(b"\\f")?,
            b'\n' => out.write_all(b"\\n")?,
            b'\r' => out.write_all(b"\\r")?,
            b'\t' => out.write_all(b"\\t")?,
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.write_all(&[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]])?;
            }
        }
    }
    out.write_all(&bytes[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut texts: Vec<String> = (0u8..0x80).map(|b| format!("党{}建", char::from(b))).collect();
        texts.extend(["", "\"\\", "“引号”\u{2028}\u{7f}/", "a\u{0}b\u{1f}"].map(String::from));
        for text in texts {
            let mut ours = Vec::new();
            Pretty::new(&mut ours).str(&text).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        let floats = [0.0, -0.0, 1.0, 0.1, 1.0 / 3.0, 1e-7, 2.5e-5, 123456.0, 1e21, 1e300, f64::NAN, f64::INFINITY];
        for value in floats {
            let mut ours = Vec::new();
            Pretty::new(&mut ours).float(value).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&value).unwrap(), "{value}");
        }
        let mut ours = Vec::new();
        Pretty::new(&mut ours).uint(u64::MAX).unwrap();
        assert_eq!(ours, serde_json::to_string(&u64::MAX).unwrap().as_bytes());
    }

    #[test]
    fn the_layout_is_serde_json_pretty() {
        let mut ours = Vec::new();
        let mut json = Pretty::new(&mut ours);
        json.open(b'{').unwrap();
        json.key("a").unwrap().strs(&[]).unwrap();
        json.key("b").unwrap().open(b'[').unwrap();
        json.item().unwrap().open(b'{').unwrap();
        json.key("c").unwrap().bool(false).unwrap();
        json.close(b'}').unwrap();
        json.item().unwrap().strs(&["x".to_owned()]).unwrap();
        json.close(b']').unwrap();
        json.key("d").unwrap().open(b'{').unwrap();
        json.close(b'}').unwrap();
        json.close(b'}').unwrap();
        let value = serde_json::json!({ "a": [], "b": [{ "c": false }, ["x"]], "d": {} });
        assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string_pretty(&value).unwrap());

        // Deeper than the indentation the writer keeps ready.
        let mut ours = Vec::new();
        let mut json = Pretty::new(&mut ours);
        let mut value = serde_json::json!(["x"]);
        for _ in 0..20 {
            json.open(b'[').unwrap();
            json.item().unwrap();
            value = serde_json::json!([value]);
        }
        json.strs(&["x".to_owned()]).unwrap();
        for _ in 0..20 {
            json.close(b']').unwrap();
        }
        assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string_pretty(&value).unwrap());
    }
}
