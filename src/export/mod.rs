//! Stage 7: export.
//!
//! In: a finished [`Graph`]. Out: files in the output folder, one per format.
//!
//! Every format is rendered to memory first; only when all of them rendered are they
//! written, each to a temporary file in the output folder that is then renamed over the
//! old one. A run that fails at any point leaves the previous outputs as they were, and a
//! reader never sees a half-written file.
//!
//! Architecture invariant: exporters never compute; they write the graph they are given,
//! in the graph's order, so all formats carry the same nodes and edges with the same
//! attributes ([`columns`]).

pub mod articles;
mod atomic;
pub mod columns;
pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod json;
mod xml;

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::graph::Graph;

pub use atomic::write_atomically;

/// One rendered output file.
pub struct Output {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

/// Renders every output format of `graph`.
pub fn render(graph: &Graph) -> Vec<Output> {
    vec![
        Output { name: "graph.json", bytes: json::render(graph) },
        Output { name: "graph.graphml", bytes: graphml::render(graph) },
        Output { name: "graph.gexf", bytes: gexf::render(graph) },
        Output { name: "graph.dot", bytes: dot::render(graph) },
        Output { name: "nodes.csv", bytes: csv::render_nodes(graph) },
        Output { name: "edges.csv", bytes: csv::render_edges(graph) },
        Output { name: "articles.tsv", bytes: articles::render(graph) },
    ]
}

/// Writes `outputs` into `dir`, creating it if needed; all or nothing.
pub fn write(dir: &Path, outputs: &[Output]) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Output { path: dir.to_owned(), source })?;
    let files: Vec<(PathBuf, &[u8])> = outputs.iter().map(|o| (dir.join(o.name), o.bytes.as_slice())).collect();
    write_atomically(&files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}
