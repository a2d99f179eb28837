//! Every output format, read back in Rust: the same nodes and edges, in the same order,
//! with the same attributes, and each following the conventions of the tools that read
//! it (Gephi, networkx, Graphviz). None of these tests needs Graphviz installed.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use common::*;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use serde_json::Value;

/// An XML element, read whole.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn get(&self, name: &str) -> &str {
        self.attr(name).unwrap_or_else(|| panic!("<{}> has no {name}", self.name))
    }

    fn all<'e>(&'e self, name: &'e str) -> impl Iterator<Item = &'e Element> + 'e {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn one<'e>(&'e self, name: &'e str) -> &'e Element {
        self.all(name).next().unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }
}

/// Parses a whole document (panicking if it is not well-formed); returns the root
/// element and the comments before it.
fn parse_xml(text: &str) -> (Element, Vec<String>) {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut comments = Vec::new();
    loop {
        let event = reader.read_event().unwrap_or_else(|e| panic!("not well-formed XML: {e}"));
        match event {
            Event::Start(start) => stack.push(element(&start)),
            Event::Empty(empty) => {
                let element = element(&empty);
                stack.last_mut().unwrap().children.push(element);
            }
            Event::End(_) => {
                let done = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(done);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => resolve_predefined_entity(&r.xml10_content()).expect("known entity").to_owned(),
                };
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Event::Comment(c) if stack.len() == 1 => comments.push(c.xml10_content().trim().to_owned()),
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut document = stack.pop().unwrap();
    assert_eq!(document.children.len(), 1, "one root element");
    (document.children.pop().unwrap(), comments)
}

fn element(start: &quick_xml::events::BytesStart<'_>) -> Element {
    let name = start.name().as_ref().to_owned();
    let attributes = start
        .attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).expect("attribute value").into_owned();
            (a.key.as_ref().to_owned(), value)
        })
        .collect();
    Element { name, attributes, ..Element::default() }
}

/// Parses RFC 4180 CSV into rows of fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted && field.is_empty() && row.is_empty(), "CSV ends inside a row");
    rows
}

/// The CSV rows as maps from header to field.
fn csv_records(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let rows = parse_csv(&std::fs::read_to_string(path).unwrap());
    let header = &rows[0];
    rows[1..]
        .iter()
        .map(|row| {
            assert_eq!(row.len(), header.len(), "{row:?}");
            header.iter().cloned().zip(row.iter().cloned()).collect()
        })
        .collect()
}

/// Builds the seeds into a temporary folder with tupu's own layout.
fn build_seeds(extra: &[&str]) -> (tempfile::TempDir, Value) {
    let mut args = vec!["--quiet", "--layout", "builtin"];
    args.extend(extra);
    let (out, output) = build(&[&root().join("seeds")], &args);
    assert_success(&output);
    let graph = read_graph(out.path());
    (out, graph)
}

fn nodes(graph: &Value) -> &Vec<Value> {
    graph["nodes"].as_array().unwrap()
}

fn edges(graph: &Value) -> &Vec<Value> {
    graph["edges"].as_array().unwrap()
}

/// `#rrggbb` of a kind, from graph.json.
fn kind_colour(graph: &Value, kind: &str) -> (u8, u8, u8) {
    let hex = graph["graph"]["kinds"].as_array().unwrap().iter().find(|k| k["name"] == kind).unwrap()["colour"]
        .as_str()
        .unwrap();
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
    (channel(1), channel(3), channel(5))
}

/// Checks that a node's attributes (as text) agree with graph.json.
fn assert_node_attributes_agree(json: &Value, values: &dyn Fn(&str) -> Option<String>) {
    let id = json["id"].as_str().unwrap();
    for name in ["kind", "mentions", "articles", "degree", "weighted_degree", "community", "rank"] {
        assert_eq!(values(name), Some(json[name].to_string().trim_matches('"').to_owned()), "{id}: {name}");
    }
    let pagerank: f64 = values("pagerank").expect("pagerank").parse().unwrap();
    assert_eq!(pagerank, json["pagerank"].as_f64().unwrap(), "{id}: pagerank");
    if let Some(title) = json["title"].as_str() {
        assert_eq!(values("title").as_deref(), Some(title), "{id}: title");
    }
}

#[test]
fn the_seed_graph_has_metrics_on_every_node() {
    let (_out, graph) = build_seeds(&["--format", "json"]);
    let mut ranks: Vec<u64> = nodes(&graph).iter().map(|n| n["rank"].as_u64().unwrap()).collect();
    ranks.sort();
    assert_eq!(ranks, (1..=nodes(&graph).len() as u64).collect::<Vec<_>>(), "ranks are 1..=n");
    let total: f64 = nodes(&graph).iter().map(|n| n["pagerank"].as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-3, "PageRank sums to {total}");
    for node in nodes(&graph) {
        let degree = edges(&graph).iter().filter(|e| e["source"] == node["id"] || e["target"] == node["id"]).count();
        assert_eq!(node["degree"].as_u64(), Some(degree as u64), "{}", node["id"]);
    }
    let communities: BTreeSet<u64> = nodes(&graph).iter().map(|n| n["community"].as_u64().unwrap()).collect();
    assert!(communities.len() > 1 && communities.contains(&0));
}

#[test]
fn graphml_carries_the_same_graph_with_gephi_keys() {
    let (out, graph) = build_seeds(&[]);
    let (root, _) = parse_xml(&std::fs::read_to_string(out.path().join("graph.graphml")).unwrap());
    assert_eq!(root.name, "graphml");
    assert_eq!(root.attr("xmlns"), Some("http://graphml.graphdrawing.org/xmlns"));

    // Keys: unique ids, typed, for nodes or edges; Gephi's property keys typed right.
    let mut key_ids = BTreeSet::new();
    let mut key_of = std::collections::HashMap::new();
    for key in root.all("key") {
        assert!(key_ids.insert(key.get("id").to_owned()), "duplicate key {}", key.get("id"));
        assert!(["node", "edge"].contains(&key.get("for")));
        assert!(["string", "int", "long", "double", "boolean"].contains(&key.get("attr.type")), "{key:?}");
        key_of.insert(key.get("id").to_owned(), (key.get("for"), key.get("attr.name"), key.get("attr.type")));
    }
    for (id, expected) in [
        ("label", ("node", "label", "string")),
        ("r", ("node", "r", "int")),
        ("g", ("node", "g", "int")),
        ("b", ("node", "b", "int")),
        ("size", ("node", "size", "double")),
        ("pagerank", ("node", "pagerank", "double")),
        ("community", ("node", "community", "int")),
        ("edge_label", ("edge", "label", "string")),
        ("weight", ("edge", "weight", "double")),
        ("association", ("edge", "association", "double")),
        ("directed", ("edge", "directed", "boolean")),
        ("edge_articles", ("edge", "articles", "long")),
    ] {
        assert_eq!(key_of.get(id), Some(&expected), "key {id}");
    }

    let g = root.one("graph");
    assert_eq!(g.attr("edgedefault"), Some("directed"));
    let xml_nodes: Vec<&Element> = g.all("node").collect();
    assert_eq!(xml_nodes.len(), nodes(&graph).len());
    let mut tupu_id_of = std::collections::HashMap::new();
    for (k, (xml, json)) in xml_nodes.iter().zip(nodes(&graph)).enumerate() {
        assert_eq!(xml.get("id"), format!("n{k}"));
        let data = |key: &str| xml.all("data").find(|d| d.get("key") == key).map(|d| d.text.clone());
        assert_eq!(data("tupu_id").as_deref(), json["id"].as_str());
        assert_eq!(data("label").as_deref(), json["label"].as_str());
        assert_node_attributes_agree(json, &data);
        let (r, g, b) = kind_colour(&graph, json["kind"].as_str().unwrap());
        assert_eq!((data("r"), data("g"), data("b")), (Some(r.to_string()), Some(g.to_string()), Some(b.to_string())));
        tupu_id_of.insert(xml.get("id").to_owned(), json["id"].as_str().unwrap().to_owned());
    }
    let xml_edges: Vec<&Element> = g.all("edge").collect();
    assert_eq!(xml_edges.len(), edges(&graph).len());
    for (k, (xml, json)) in xml_edges.iter().zip(edges(&graph)).enumerate() {
        assert_eq!(xml.get("id"), format!("e{k}"));
        assert_eq!(tupu_id_of[xml.get("source")], json["source"].as_str().unwrap());
        assert_eq!(tupu_id_of[xml.get("target")], json["target"].as_str().unwrap());
        let data = |key: &str| xml.all("data").find(|d| d.get("key") == key).map(|d| d.text.clone());
        assert_eq!(data("edge_label").as_deref(), json["relation"].as_str());
        assert_eq!(data("relation").as_deref(), json["relation"].as_str());
        assert_eq!(data("weight").unwrap().parse::<f64>().unwrap(), json["weight"].as_f64().unwrap());
        assert_eq!(data("association").map(|a| a.parse::<f64>().unwrap()), json["association"].as_f64());
    }
}

#[test]
fn gexf_is_gexf_1_2draft_by_default_with_colours_sizes_and_typed_attributes() {
    check_gexf(&[], "http://www.gexf.net/1.2draft", "1.2", false);
}

#[test]
fn gexf_1_3_on_request_has_edge_kinds() {
    check_gexf(&["--gexf-version", "1.3"], "http://gexf.net/1.3", "1.3", true);
}

/// `graph.gexf` built from the seeds with `args`: in `namespace` and `version`, its
/// edges carrying `kind` or not, and everything else what graph.json says.
fn check_gexf(args: &[&str], namespace: &str, version: &str, edge_kinds: bool) {
    let (out, graph) = build_seeds(args);
    let (root, _) = parse_xml(&std::fs::read_to_string(out.path().join("graph.gexf")).unwrap());
    assert_eq!(root.name, "gexf");
    assert_eq!(root.attr("xmlns"), Some(namespace));
    assert_eq!(root.attr("xmlns:viz"), Some(format!("{namespace}/viz").as_str()));
    assert_eq!(root.attr("version"), Some(version));
    let g = root.one("graph");
    assert_eq!((g.attr("defaultedgetype"), g.attr("mode")), (Some("directed"), Some("static")));

    let mut types = std::collections::HashMap::new();
    for attributes in g.all("attributes") {
        let class = attributes.get("class");
        for a in attributes.all("attribute") {
            assert_eq!(a.get("id"), a.get("title"));
            types.insert((class.to_owned(), a.get("id").to_owned()), a.get("type").to_owned());
        }
    }
    for (class, id, ty) in [
        ("node", "kind", "string"),
        ("node", "mentions", "long"),
        ("node", "weighted_degree", "long"),
        ("node", "pagerank", "double"),
        ("node", "community", "integer"),
        ("edge", "relation", "string"),
        ("edge", "association", "double"),
    ] {
        assert_eq!(types.get(&(class.to_owned(), id.to_owned())).map(String::as_str), Some(ty), "{class} {id}");
    }

    let xml_nodes: Vec<&Element> = g.one("nodes").all("node").collect();
    assert_eq!(g.one("nodes").attr("count"), Some(nodes(&graph).len().to_string().as_str()));
    assert_eq!(xml_nodes.len(), nodes(&graph).len());
    let mut sizes = Vec::new();
    for (xml, json) in xml_nodes.iter().zip(nodes(&graph)) {
        assert_eq!(xml.attr("id"), json["id"].as_str());
        assert_eq!(xml.attr("label"), json["label"].as_str());
        let values = |name: &str| {
            xml.one("attvalues").all("attvalue").find(|a| a.get("for") == name).map(|a| a.get("value").to_owned())
        };
        assert_node_attributes_agree(json, &values);
        let colour = xml.one("viz:color");
        let (r, g, b) = kind_colour(&graph, json["kind"].as_str().unwrap());
        assert_eq!(
            (colour.get("r"), colour.get("g"), colour.get("b")),
            (&*r.to_string(), &*g.to_string(), &*b.to_string())
        );
        let size: f64 = xml.one("viz:size").get("value").parse().unwrap();
        sizes.push((json["weighted_degree"].as_u64().unwrap(), size));
    }
    sizes.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    assert!(sizes.windows(2).all(|w| w[0].1 <= w[1].1), "viz:size grows with weighted degree");
    assert!(sizes.first().unwrap().1 >= 1.0 && sizes.last().unwrap().1 <= 50.0, "{sizes:?}");

    let xml_edges: Vec<&Element> = g.one("edges").all("edge").collect();
    assert_eq!(xml_edges.len(), edges(&graph).len());
    let mut ids = BTreeSet::new();
    for (xml, json) in xml_edges.iter().zip(edges(&graph)) {
        assert!(ids.insert(xml.get("id")), "edge ids are unique");
        assert_eq!((xml.attr("source"), xml.attr("target")), (json["source"].as_str(), json["target"].as_str()));
        assert_eq!(xml.attr("label"), json["relation"].as_str());
        assert_eq!(xml.attr("kind"), json["relation"].as_str().filter(|_| edge_kinds));
        assert_eq!(xml.get("weight").parse::<f64>().unwrap(), json["weight"].as_f64().unwrap());
    }
}

#[test]
fn dot_parses_back_with_the_same_nodes_edges_and_labels() {
    use graphviz_rust::dot_structures::{EdgeTy, Graph, Id, Stmt, Vertex};
    let (out, graph) = build_seeds(&[]);
    let text = std::fs::read_to_string(out.path().join("graph.dot")).unwrap();
    let Graph::DiGraph { stmts, .. } = graphviz_rust::parse(&text).expect("graph.dot parses") else {
        panic!("graph.dot is not a digraph")
    };
    let string = |id: &Id| match id {
        Id::Escaped(s) => tupu::export::dot::unquote(s),
        Id::Plain(s) => s.clone(),
        other => panic!("unexpected id {other:?}"),
    };
    let attribute = |attributes: &[graphviz_rust::dot_structures::Attribute], name: &str| {
        attributes.iter().find(|a| string(&a.0) == name).map(|a| string(&a.1))
    };
    let dot_nodes: Vec<_> = stmts
        .iter()
        .filter_map(|s| match s {
            Stmt::Node(n) => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(dot_nodes.len(), nodes(&graph).len());
    for (dot, json) in dot_nodes.iter().zip(nodes(&graph)) {
        assert_eq!(string(&dot.id.0), json["id"].as_str().unwrap());
        assert_eq!(attribute(&dot.attributes, "label").as_deref(), json["label"].as_str());
        assert_node_attributes_agree(json, &|name| attribute(&dot.attributes, name));
    }
    let dot_edges: Vec<_> = stmts
        .iter()
        .filter_map(|s| match s {
            Stmt::Edge(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(dot_edges.len(), edges(&graph).len());
    for (dot, json) in dot_edges.iter().zip(edges(&graph)) {
        let EdgeTy::Pair(Vertex::N(source), Vertex::N(target)) = &dot.ty else { panic!("{dot:?}") };
        assert_eq!(string(&source.0), json["source"].as_str().unwrap());
        assert_eq!(string(&target.0), json["target"].as_str().unwrap());
        assert_eq!(attribute(&dot.attributes, "relation").as_deref(), json["relation"].as_str());
        assert_eq!(attribute(&dot.attributes, "weight"), Some(json["weight"].to_string()));
    }
}

#[test]
fn csv_tables_carry_the_same_graph_for_gephi() {
    let (out, graph) = build_seeds(&[]);
    let node_rows = csv_records(&out.path().join("nodes.csv"));
    assert_eq!(node_rows.len(), nodes(&graph).len());
    for (row, json) in node_rows.iter().zip(nodes(&graph)) {
        assert_eq!(row["Id"], json["id"].as_str().unwrap());
        assert_eq!(row["Label"], json["label"].as_str().unwrap());
        assert_node_attributes_agree(json, &|name| row.get(name).filter(|v| !v.is_empty()).cloned());
    }
    let edge_rows = csv_records(&out.path().join("edges.csv"));
    assert_eq!(edge_rows.len(), edges(&graph).len());
    for (k, (row, json)) in edge_rows.iter().zip(edges(&graph)).enumerate() {
        assert_eq!(
            (row["Source"].as_str(), row["Target"].as_str()),
            (json["source"].as_str().unwrap(), json["target"].as_str().unwrap())
        );
        assert_eq!(row["Type"], if json["directed"] == true { "Directed" } else { "Undirected" });
        assert_eq!(row["Id"], format!("e{k}"));
        assert_eq!(row["Label"], json["relation"].as_str().unwrap());
        assert_eq!(row["Weight"], json["weight"].to_string());
    }
}

#[test]
fn overview_shows_the_most_central_nodes_with_a_legend() {
    let (out, graph) = build_seeds(&["--top", "12"]);
    let text = std::fs::read_to_string(out.path().join("overview.svg")).unwrap();
    let (svg, comments) = parse_xml(&text);
    assert_eq!(svg.name, "svg");
    assert_eq!(comments.first().map(String::as_str), Some("layout: builtin"));
    assert!(svg.get("font-family").contains("Noto Sans CJK SC"));
    // Node circles carry a tooltip; legend circles do not.
    let circles: Vec<&Element> = svg.children.iter().flat_map(|g| g.all("circle")).collect();
    let drawn: Vec<&Element> = circles.iter().copied().filter(|c| c.all("title").next().is_some()).collect();
    assert_eq!(drawn.len(), 12);
    let names: BTreeSet<String> =
        drawn.iter().map(|c| c.one("title").text.lines().next().unwrap().to_owned()).collect();
    let shown: Vec<&Value> = nodes(&graph).iter().filter(|n| names.contains(n["label"].as_str().unwrap())).collect();
    // Ranked within the network of organisations, mechanisms and slogans: no author
    // (they link to everything their article names) unless --kinds asks for them; the
    // node with the strongest links in that network is drawn, and each kind has a share.
    let kind_of: BTreeMap<&str, &str> =
        nodes(&graph).iter().map(|n| (n["id"].as_str().unwrap(), n["kind"].as_str().unwrap())).collect();
    let mut strength: BTreeMap<&str, u64> = BTreeMap::new();
    for e in edges(&graph) {
        let (s, t) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
        let inside = |id: &str| !matches!(kind_of[id], "article" | "author");
        if s != t && inside(s) && inside(t) {
            *strength.entry(s).or_default() += e["weight"].as_u64().unwrap();
            *strength.entry(t).or_default() += e["weight"].as_u64().unwrap();
        }
    }
    let strongest = strength.iter().max_by_key(|(id, w)| (**w, std::cmp::Reverse(**id))).unwrap().0;
    let label_of =
        |id: &str| nodes(&graph).iter().find(|n| n["id"] == id).unwrap()["label"].as_str().unwrap().to_owned();
    assert!(names.contains(&label_of(strongest)), "{strongest} has the strongest links, and is shown");
    assert!(shown.iter().all(|n| n["kind"] != "author"), "no author unless --kinds asks");
    for kind in ["enterprise", "mechanism", "slogan"] {
        assert!(shown.iter().any(|n| n["kind"] == kind), "{kind} has its share of the overview");
    }
    let kinds: BTreeSet<&str> = shown.iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(circles.len() - drawn.len(), kinds.len(), "one legend entry per kind shown");
    assert!(text.contains("知识图谱概览"));

    // --kinds chooses the kinds.
    let (out, _graph) = build_seeds(&["--top", "12", "--kinds", "slogan,mechanism", "--format", "svg,json"]);
    let text = std::fs::read_to_string(out.path().join("overview.svg")).unwrap();
    assert!(text.contains("口号") || text.contains("slogan"));
    assert!(!text.contains(" author (") && !text.contains(" enterprise ("), "legend has other kinds");
    let (out, _graph) = build_seeds(&["--top", "12", "--kinds", "author,enterprise", "--format", "svg,json"]);
    let text = std::fs::read_to_string(out.path().join("overview.svg")).unwrap();
    assert!(text.contains(" author ("), "--kinds asks for authors: they are shown");
}

#[test]
fn format_chooses_the_outputs() {
    let (out, output) = build(&[&root().join("seeds")], &["--quiet", "--format", "graphml,csv"]);
    assert_success(&output);
    let mut names: Vec<String> =
        std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["edges.csv", "graph.graphml", "nodes.csv"]);

    let (_out, output) = build(&[&root().join("seeds")], &["--format", "pdf"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("graphml"), "{}", stderr(&output));
}

#[test]
fn without_graphviz_the_overview_is_laid_out_by_tupu() {
    let empty_path = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = |layout: &str| {
        Command::new(env!("CARGO_BIN_EXE_tupu"))
            .args(["build", "--quiet", "--format", "svg", "--layout", layout, "--out"])
            .arg(out.path())
            .current_dir(root())
            .env("PATH", empty_path.path())
            .output()
            .unwrap()
    };
    let output = run("auto");
    assert_success(&output);
    let svg = std::fs::read_to_string(out.path().join("overview.svg")).unwrap();
    assert_eq!(tupu::export::svg::engine_of(&svg), Some("builtin"));

    let before = std::fs::read(out.path().join("overview.svg")).unwrap();
    let output = run("graphviz");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--layout builtin"), "{}", stderr(&output));
    assert_eq!(std::fs::read(out.path().join("overview.svg")).unwrap(), before, "a failed run writes nothing");
}
