//! `graph.gexf`: GEXF 1.3, Gephi's own format.
//!
//! Exactly the 1.3 namespaces (`http://gexf.net/1.3`, `http://gexf.net/1.3/viz`), valid
//! against the GEXF 1.3 RELAX NG grammar and read by networkx (`read_gexf(path,
//! version="1.3")`). Nodes keep their real ids (`slogan:两个维护`) and labels; their
//! colour (`viz:color`) is their kind's, their size (`viz:size`, 5 to 40) grows with the
//! square root of the weighted degree. Node and edge attributes are declared once, typed,
//! in the order of [`super::columns`]. Each edge has an id (`e0` …), its relation as
//! `label` and `kind` (Gephi keeps parallel edges of different kinds apart), its
//! count as `weight`, and, when its relation is undirected, `type="mutual"` (see
//! [`UNDIRECTED_EDGE_TYPE`]).

use super::columns::{self, EDGE_COLUMNS, NODE_COLUMNS, Value};
use super::xml::XmlWriter;
use crate::graph::Graph;

pub const NAMESPACE: &str = "http://gexf.net/1.3";
pub const VIZ_NAMESPACE: &str = "http://gexf.net/1.3/viz";

/// The `type` of an undirected edge in a graph whose `defaultedgetype` is `directed`.
/// GEXF 1.3's grammar has no `mixed` graph type; of the edge types it allows
/// (`directed`, `undirected`, `mutual`), `undirected` in a directed graph makes
/// networkx's reader fail ("Undirected edge found in directed graph"), while `mutual`
/// (an edge that goes both ways) is read by Gephi as a mutual edge, by graphology
/// (Gephi Lite) as an undirected edge of a mixed graph, and by networkx as an edge
/// like the others. The `directed` attribute (`false`) says it too.
pub const UNDIRECTED_EDGE_TYPE: &str = "mutual";

/// The whole output in memory (see [`write`]).
pub fn render(graph: &Graph) -> Vec<u8> {
    super::in_memory(|out| write(graph, out))
}

/// Writes the document to `out` as it goes.
pub fn write(graph: &Graph, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut xml = XmlWriter::new(out);
    xml.open("gexf", &[("xmlns", &NAMESPACE), ("xmlns:viz", &VIZ_NAMESPACE), ("version", &"1.3")]);
    xml.open("meta", &[]);
    xml.text("creator", &[], &format!("tupu {}", env!("CARGO_PKG_VERSION")));
    xml.text(
        "description",
        &[],
        &"Knowledge graph built by tupu from Chinese text: colour by kind, size by weighted degree; \
         attributes hold counts, degree, PageRank, community and rank.",
    );
    xml.close("meta");
    xml.open("graph", &[("defaultedgetype", &"directed"), ("mode", &"static")]);
    xml.open("attributes", &[("class", &"node"), ("mode", &"static")]);
    for column in NODE_COLUMNS {
        xml.empty("attribute", &[("id", &column.name), ("title", &column.name), ("type", &column.ty.gexf())]);
    }
    xml.close("attributes");
    xml.open("attributes", &[("class", &"edge"), ("mode", &"static")]);
    for column in EDGE_COLUMNS {
        xml.empty("attribute", &[("id", &column.name), ("title", &column.name), ("type", &column.ty.gexf())]);
    }
    xml.close("attributes");

    let largest = columns::largest_weighted_degree(graph);
    let ids = columns::node_ids(graph);
    xml.open("nodes", &[("count", &graph.graph.node_count().to_string())]);
    for (index, node) in graph.nodes() {
        xml.open("node", &[("id", &ids[index.index()]), ("label", &node.label)]);
        attvalues(&mut xml, NODE_COLUMNS.iter().map(|c| c.name).zip(columns::node_values(graph, index)));
        let colour = graph.kind_of(index).colour;
        xml.empty("viz:color", &[("r", &colour.r), ("g", &colour.g), ("b", &colour.b)]);
        let size = columns::two_decimals(columns::node_size(node.metrics.weighted_degree, largest));
        xml.empty("viz:size", &[("value", &size)]);
        xml.close("node");
    }
    xml.close("nodes");

    xml.open("edges", &[("count", &graph.graph.edge_count().to_string())]);
    for (index, source, target, edge) in graph.edges() {
        let id = columns::edge_id(index);
        let weight = Value::Whole(edge.weight);
        let mut attributes: Vec<(&str, &dyn std::fmt::Display)> = vec![
            ("id", &id),
            ("source", &ids[source.index()]),
            ("target", &ids[target.index()]),
            ("label", &edge.relation),
            ("kind", &edge.relation),
            ("weight", &weight),
        ];
        if !edge.directed {
            attributes.push(("type", &UNDIRECTED_EDGE_TYPE));
        }
        xml.open("edge", &attributes);
        attvalues(&mut xml, EDGE_COLUMNS.iter().map(|c| c.name).zip(columns::edge_values(graph, index)));
        xml.close("edge");
    }
    xml.close("edges");
    xml.close("graph");
    xml.close("gexf");
    xml.finish()
}

fn attvalues<'g>(xml: &mut XmlWriter, values: impl Iterator<Item = (&'static str, Option<Value<'g>>)>) {
    xml.open("attvalues", &[]);
    for (name, value) in values {
        if let Some(value) = value {
            xml.value_empty("attvalue", ("for", name), ("value", &value));
        }
    }
    xml.close("attvalues");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_have_colour_size_and_typed_values_and_edges_their_relation() {
        let mut graph = crate::measure::tests::graph_of(2, &[(0, 1, "co_occurs", 2), (0, 1, "mentions", 1)]);
        crate::measure::measure(&mut graph);
        let xml = String::from_utf8(render(&graph)).unwrap();
        assert!(
            xml.contains(r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">"#)
        );
        assert!(xml.contains(r#"<attribute id="pagerank" title="pagerank" type="double"/>"#));
        assert!(xml.contains(r#"<viz:color r="1" g="2" b="3"/>"#));
        assert!(xml.contains(r#"<viz:size value="40.00"/>"#));
        assert!(xml.contains(
            r#"<edge id="e0" source="concept:c0" target="concept:c1" label="co_occurs" kind="co_occurs" weight="2" type="mutual">"#
        ));
        // One co-occurrence edge: W = 2, s = (2, 2), so 2 · 4 / 4 = 2.
        assert!(xml.contains(r#"<attvalue for="association" value="2"/>"#));
    }
}
