//! Stage 7: export.
//!
//! In: a measured [`Graph`] and [`ExportOptions`]. Out: files in the output folder:
//!
//! | format | file(s) | module |
//! |---|---|---|
//! | `json` | `graph.json` | [`json`] |
//! | `graphml` | `graph.graphml` | [`graphml`] |
//! | `gexf` | `graph.gexf` | [`gexf`] |
//! | `dot` | `graph.dot` | [`dot`] |
//! | `svg` | `overview.svg` | [`svg`], laid out by [`overview`] |
//! | `csv` | `nodes.csv`, `edges.csv` | [`csv`] |
//! | `tsv` | `articles.tsv` | [`articles`], spooled by [`tables`] |
//! | `mentions` | `mentions.csv` | [`tables`] |
//!
//! Formats are rendered in parallel; each output goes to a temporary file in the output
//! folder as soon as it is rendered, and only when every format is rendered and staged
//! are the temporary files renamed over the old outputs. A run that fails at any point
//! leaves the previous outputs as they were, and a reader never sees a half-written file.
//!
//! Architecture invariant: exporters never compute; they write the graph they are given,
//! in the graph's order, so all formats carry the same nodes and edges with the same
//! attributes ([`columns`]). The overview only chooses where to draw what the graph holds:
//! its nodes are those the measure stage ranked highest.

pub mod articles;
mod atomic;
pub mod columns;
pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod overview;
pub mod svg;
pub mod tables;
mod xml;

use std::path::{Path, PathBuf};

use crate::diagnostics::Warning;
use crate::error::Error;
use crate::graph::Graph;

pub use overview::{DEFAULT_TOP, LayoutEngine};

/// An output format, as `--format` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Json,
    Graphml,
    Gexf,
    Dot,
    Svg,
    Csv,
    Tsv,
    Mentions,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Json,
        Format::Graphml,
        Format::Gexf,
        Format::Dot,
        Format::Svg,
        Format::Csv,
        Format::Tsv,
        Format::Mentions,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Mentions => "mentions",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The files the format writes.
    pub fn files(self) -> &'static [&'static str] {
        match self {
            Format::Json => &["graph.json"],
            Format::Graphml => &["graph.graphml"],
            Format::Gexf => &["graph.gexf"],
            Format::Dot => &["graph.dot"],
            Format::Svg => &["overview.svg"],
            Format::Csv => &["nodes.csv", "edges.csv"],
            Format::Tsv => &["articles.tsv"],
            Format::Mentions => &["mentions.csv"],
        }
    }
}

/// What to export and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// Formats to write; duplicates are written once, in [`Format::ALL`] order.
    pub formats: Vec<Format>,
    /// How many of the most central nodes the overview shows.
    pub top: usize,
    /// Which kinds the overview shows (by name or plural); empty: every kind but articles
    /// and authors.
    pub kinds: Vec<String>,
    pub layout: LayoutEngine,
    /// The GEXF version of `graph.gexf`.
    pub gexf_version: gexf::GexfVersion,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            formats: Format::ALL.to_vec(),
            top: DEFAULT_TOP,
            kinds: Vec::new(),
            layout: LayoutEngine::Auto,
            gexf_version: gexf::GexfVersion::default(),
        }
    }
}

/// Renders the chosen formats of `graph` in parallel, a file a task (on the current
/// rayon pool), and writes them into `dir`, all or nothing; `articles.tsv` and
/// `mentions.csv` come from `tables`, spooled while the graph was built.
///
/// Each output is written straight into its temporary file as it is rendered, so memory
/// holds the graph and a few buffers, not the outputs; only when every format is
/// written are the temporary files renamed over the old outputs.
pub fn write_formats(
    graph: &Graph,
    tables: &tables::Tables,
    options: &ExportOptions,
    dir: &Path,
) -> Result<(Vec<PathBuf>, Vec<Warning>), Error> {
    use rayon::prelude::*;
    std::fs::create_dir_all(dir).map_err(|source| Error::Output { path: dir.to_owned(), source })?;
    atomic::remove_leftovers(dir);
    // One task per file, not per format, so that the two CSV files run in parallel too.
    let files: Vec<&'static str> = chosen(options).flat_map(|format| format.files().iter().copied()).collect();
    let staged: Vec<(atomic::Staged, Option<Warning>)> = files
        .par_iter()
        .map(|&name| {
            let drawing = match name {
                "overview.svg" => {
                    Some(overview::draw(graph, options.top, &options.kinds, options.layout).map_err(Error::Layout)?)
                }
                _ => None,
            };
            let warning = drawing.as_ref().and_then(|d| d.fallback.as_ref()).map(|reason| {
                Warning::new("overview.svg", format!("Graphviz failed ({reason}); laid out by tupu instead"))
            });
            let staged = atomic::stage_with(&dir.join(name), |out| {
                write_file(graph, tables, options, drawing.as_ref(), name, out)
            })?;
            Ok((staged, warning))
        })
        .collect::<Result<_, Error>>()?;
    let mut written = Vec::new();
    let mut warnings = Vec::new();
    let mut all = Vec::new();
    for (file, warning) in staged {
        written.push(file.path().to_owned());
        all.push(file);
        warnings.extend(warning);
    }
    atomic::persist_all(all)?;
    Ok((written, warnings))
}

/// Writes the output file `name` to `out`.
fn write_file(
    graph: &Graph,
    tables: &tables::Tables,
    options: &ExportOptions,
    drawing: Option<&overview::Drawing>,
    name: &str,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match name {
        "graph.json" => json::write(graph, out),
        "graph.graphml" => graphml::write(graph, out),
        "graph.gexf" => gexf::write(graph, options.gexf_version, out),
        "graph.dot" => dot::write(graph, out),
        "overview.svg" => match drawing {
            Some(drawing) => svg::write(graph, drawing, options.top, out),
            None => Ok(()),
        },
        "nodes.csv" => csv::write_nodes(graph, out),
        "edges.csv" => csv::write_edges(graph, out),
        "articles.tsv" => tables.write_articles(out),
        "mentions.csv" => tables.write_mentions(out),
        _ => unreachable!("every format names its files"),
    }
}

/// What `write` writes, gathered in memory; for tests and callers that want bytes.
fn in_memory(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> Vec<u8> {
    let mut bytes = Vec::new();
    write(&mut bytes).expect("writing to memory cannot fail");
    bytes
}

/// The chosen formats, each once, in [`Format::ALL`] order.
fn chosen(options: &ExportOptions) -> impl Iterator<Item = Format> + '_ {
    Format::ALL.into_iter().filter(|f| options.formats.contains(f))
}
