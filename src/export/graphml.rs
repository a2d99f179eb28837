//! `graph.graphml`: GraphML as Gephi, networkx, igraph and yEd read it.
//!
//! Follows Gephi's GraphML importer: node keys `label`, `r`, `g`, `b` (integers, the
//! kind's colour) and `size` become the node's label, colour and size; the edge keys
//! titled `label` and `weight` become the edge's label (the relation) and weight.
//! Every other key becomes a typed column. Node and edge ids are XML-safe (`n0`, `e0`, in
//! graph order, as GraphML's `NMTOKEN` ids require); the node's real id is in `tupu_id`.
//! Keys are declared in a fixed order, each with its `attr.type`. Parallel edges (two
//! relations between the same nodes) are separate `<edge>` elements, which networkx reads
//! as a `MultiDiGraph`.
//!
//! An undirected edge (`co_occurs`) carries `directed` = `false` as data, not as the
//! `<edge directed="false">` attribute GraphML also allows: networkx's and igraph's
//! readers have no mixed graphs, and networkx refuses a file with such an edge in a
//! directed graph.

use std::fmt::Display;

use super::columns::{self, EDGE_COLUMNS, NODE_COLUMNS, Prefixed, Value};
use super::xml::XmlWriter;
use crate::graph::Graph;

/// A key declaration: id, for, attr.name, attr.type.
struct Key {
    id: std::borrow::Cow<'static, str>,
    domain: &'static str,
    name: &'static str,
    ty: &'static str,
}

fn keys() -> Vec<Key> {
    let mut keys = vec![
        Key { id: "tupu_id".into(), domain: "node", name: "tupu_id", ty: "string" },
        Key { id: "label".into(), domain: "node", name: "label", ty: "string" },
    ];
    keys.extend(NODE_COLUMNS.iter().map(|c| Key {
        id: c.name.into(),
        domain: "node",
        name: c.name,
        ty: c.ty.graphml(),
    }));
    keys.extend([
        Key { id: "r".into(), domain: "node", name: "r", ty: "int" },
        Key { id: "g".into(), domain: "node", name: "g", ty: "int" },
        Key { id: "b".into(), domain: "node", name: "b", ty: "int" },
        Key { id: "size".into(), domain: "node", name: "size", ty: "double" },
        Key { id: "edge_label".into(), domain: "edge", name: "label", ty: "string" },
        Key { id: "weight".into(), domain: "edge", name: "weight", ty: "double" },
    ]);
    keys.extend(EDGE_COLUMNS.iter().map(|c| Key {
        id: edge_key(c.name),
        domain: "edge",
        name: c.name,
        ty: c.ty.graphml(),
    }));
    keys
}

/// The key id of an edge column: its name, or `edge_` and its name when a node column
/// has that name (`articles`), since key ids are unique across the document.
fn edge_key(name: &'static str) -> std::borrow::Cow<'static, str> {
    if NODE_COLUMNS.iter().any(|c| c.name == name) { format!("edge_{name}").into() } else { name.into() }
}

/// The whole output in memory (see [`write`]).
pub fn render(graph: &Graph) -> Vec<u8> {
    super::in_memory(|out| write(graph, out))
}

/// Writes the document to `out` as it goes.
pub fn write(graph: &Graph, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut xml = XmlWriter::new(out);
    xml.open(
        "graphml",
        &[
            ("xmlns", &"http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", &"http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                &"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    );
    for key in keys() {
        xml.empty("key", &[("id", &key.id), ("for", &key.domain), ("attr.name", &key.name), ("attr.type", &key.ty)]);
    }
    xml.open("graph", &[("id", &"tupu"), ("edgedefault", &"directed")]);
    let largest = columns::largest_weighted_degree(graph);
    for (index, node) in graph.nodes() {
        xml.open("node", &[("id", &Prefixed('n', index.index()))]);
        xml.value_text("data", ("key", "tupu_id"), &Value::Text(graph.node_id(index).into()));
        xml.value_text("data", ("key", "label"), &Value::Text(node.label.as_str().into()));
        for (column, value) in NODE_COLUMNS.iter().zip(columns::node_values(graph, index)) {
            if let Some(value) = value {
                xml.value_text("data", ("key", column.name), &value);
            }
        }
        let colour = graph.kind_of(index).colour;
        for (key, channel) in [("r", colour.r), ("g", colour.g), ("b", colour.b)] {
            data(&mut xml, key, &channel);
        }
        data(&mut xml, "size", &columns::two_decimals(columns::node_size(node.metrics.weighted_degree, largest)));
        xml.close("node");
    }
    for (index, source, target, edge) in graph.edges() {
        let (source, target) = (Prefixed('n', source.index()), Prefixed('n', target.index()));
        xml.open("edge", &[("id", &columns::edge_id(index)), ("source", &source), ("target", &target)]);
        xml.value_text("data", ("key", "edge_label"), &Value::Text(edge.relation.as_ref().into()));
        xml.value_text("data", ("key", "weight"), &Value::Whole(edge.weight));
        for (column, value) in EDGE_COLUMNS.iter().zip(columns::edge_values(graph, index)) {
            if let Some(value) = value {
                xml.value_text("data", ("key", &edge_key(column.name)), &value);
            }
        }
        xml.close("edge");
    }
    xml.close("graph");
    xml.close("graphml");
    xml.finish()
}

fn data(xml: &mut XmlWriter, key: &str, value: &dyn Display) {
    xml.text("data", &[("key", &key)], value);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered() -> String {
        let mut graph = crate::measure::tests::graph_of(
            3,
            &[(0, 1, "co_occurs", 3), (1, 2, "co_occurs", 1), (2, 0, "mentions", 1)],
        );
        graph.graph[petgraph::graph::NodeIndex::new(0)].label = "A&B <\"x\">".to_owned();
        crate::measure::measure(&mut graph);
        String::from_utf8(render(&graph)).unwrap()
    }

    #[test]
    fn ids_are_xml_safe_and_the_real_id_is_data() {
        let xml = rendered();
        assert!(xml.contains(r#"<node id="n0">"#));
        assert!(xml.contains(r#"<data key="tupu_id">concept:c0</data>"#));
        assert!(xml.contains(r#"<data key="label">A&amp;B &lt;"x"&gt;</data>"#));
        assert!(xml.contains(r#"<edge id="e2" source="n2" target="n0">"#));
    }

    #[test]
    fn key_ids_are_unique() {
        let keys = keys();
        let mut ids: Vec<&str> = keys.iter().map(|k| &*k.id).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), before, "{ids:?}");
    }

    #[test]
    fn co_occurrence_edges_carry_their_association_and_others_do_not() {
        let xml = rendered();
        assert!(xml.contains(r#"<key id="association" for="edge" attr.name="association" attr.type="double"/>"#));
        // W = 4, s = (3, 4, 1): 3·8/12 = 2 and 1·8/4 = 2.
        assert_eq!(xml.matches(r#"<data key="association">2</data>"#).count(), 2);
        let mentions = &xml[xml.find(r#"<edge id="e2""#).unwrap()..];
        assert!(!mentions.contains("association"));
    }
}
