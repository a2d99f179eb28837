//! `graph.gexf`: GEXF, Gephi's own format, in GEXF 1.2draft by default or in 1.3.
//!
//! 1.2draft is the version every reader knows: networkx (2.x and 3.x) reads it with no
//! argument, while it refuses 1.3 unless told (`read_gexf(path, version="1.3")`, and
//! networkx 2.8 not at all); Gephi and graphology read both. 1.3 adds one thing tupu
//! uses: an edge's `kind`, with which Gephi keeps parallel edges of different relations
//! apart instead of merging them (see [`GexfVersion`]).
//!
//! Each version's exact namespaces, valid against its grammar. Nodes keep their real ids
//! (`slogan:两个维护`) and labels; their colour (`viz:color`) is their kind's, their size
//! (`viz:size`, 5 to 40) grows with the square root of the weighted degree. Node and edge
//! attributes are declared once, typed, in the order of [`super::columns`] (types that
//! both versions have). Each edge has an id (`e0` …), its relation as `label` (and
//! `kind` in 1.3) and as the `relation` attribute, its count as `weight`, and, when its
//! relation is undirected, `type="mutual"` (see [`UNDIRECTED_EDGE_TYPE`]).

use super::columns::{self, EDGE_COLUMNS, NODE_COLUMNS, Value};
use super::xml::XmlWriter;
use crate::graph::Graph;

/// Which GEXF `graph.gexf` is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GexfVersion {
    /// GEXF 1.2draft (`http://www.gexf.net/1.2draft`, `version="1.2"`): read by every
    /// reader, networkx 2.8 included.
    #[default]
    V1_2Draft,
    /// GEXF 1.3 (`http://gexf.net/1.3`): edges carry their relation as `kind` too.
    V1_3,
}

impl GexfVersion {
    pub const NAMES: [&'static str; 2] = ["1.2draft", "1.3"];

    pub fn from_name(name: &str) -> Option<GexfVersion> {
        match name {
            "1.2draft" | "1.2" => Some(GexfVersion::V1_2Draft),
            "1.3" => Some(GexfVersion::V1_3),
            _ => None,
        }
    }

    pub fn namespace(self) -> &'static str {
        match self {
            GexfVersion::V1_2Draft => "http://www.gexf.net/1.2draft",
            GexfVersion::V1_3 => "http://gexf.net/1.3",
        }
    }

    pub fn viz_namespace(self) -> &'static str {
        match self {
            GexfVersion::V1_2Draft => "http://www.gexf.net/1.2draft/viz",
            GexfVersion::V1_3 => "http://gexf.net/1.3/viz",
        }
    }

    /// The `version` attribute of `<gexf>`: 1.2draft files say `1.2`.
    pub fn attribute(self) -> &'static str {
        match self {
            GexfVersion::V1_2Draft => "1.2",
            GexfVersion::V1_3 => "1.3",
        }
    }

    /// Whether edges may carry `kind` (GEXF 1.3 only).
    fn has_edge_kind(self) -> bool {
        self == GexfVersion::V1_3
    }
}

/// The `type` of an undirected edge in a graph whose `defaultedgetype` is `directed`.
/// GEXF's grammar has no `mixed` graph type; of the edge types it allows
/// (`directed`, `undirected`, `mutual`), `undirected` in a directed graph makes
/// networkx's reader fail ("Undirected edge found in directed graph"), while `mutual`
/// (an edge that goes both ways) is read by Gephi as a mutual edge, by graphology
/// (Gephi Lite) as an undirected edge of a mixed graph, and by networkx as an edge
/// like the others. The `directed` attribute (`false`) says it too.
pub const UNDIRECTED_EDGE_TYPE: &str = "mutual";

/// The whole output in memory (see [`write`]).
pub fn render(graph: &Graph, version: GexfVersion) -> Vec<u8> {
    super::in_memory(|out| write(graph, version, out))
}

/// Writes the document to `out` as it goes.
pub fn write(graph: &Graph, version: GexfVersion, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut xml = XmlWriter::new(out);
    xml.open(
        "gexf",
        &[("xmlns", &version.namespace()), ("xmlns:viz", &version.viz_namespace()), ("version", &version.attribute())],
    );
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
        ];
        if version.has_edge_kind() {
            attributes.push(("kind", &edge.relation));
        }
        attributes.push(("weight", &weight));
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
        let xml = String::from_utf8(render(&graph, GexfVersion::V1_3)).unwrap();
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

    #[test]
    fn gexf_1_2draft_has_its_namespaces_and_no_edge_kind() {
        let mut graph = crate::measure::tests::graph_of(2, &[(0, 1, "co_occurs", 2)]);
        crate::measure::measure(&mut graph);
        let xml = String::from_utf8(render(&graph, GexfVersion::default())).unwrap();
        assert!(xml.contains(
            r#"<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">"#
        ));
        assert!(xml.contains(
            r#"<edge id="e0" source="concept:c0" target="concept:c1" label="co_occurs" weight="2" type="mutual">"#
        ));
        assert!(!xml.contains("kind=\""));
        assert_eq!(GexfVersion::from_name("1.2draft"), Some(GexfVersion::V1_2Draft));
        assert_eq!(GexfVersion::from_name("1.4"), None);
    }
}
