//! The pipeline, wired: load → repair layout → articles → match → link → measure →
//! export.
//!
//! Documents are processed in batches: each batch is read, repaired, segmented and
//! searched in parallel (rayon), and its findings are merged into the graph in document
//! order before the next batch starts. Only one batch of text is in memory at a time,
//! and the merge order — hence the graph — does not depend on the thread count.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Warning;
use crate::error::Error;
use crate::export::ExportOptions;
use crate::export::articles::ArticleRow;
use crate::graph::Graph;
use crate::link::{DocumentFindings, GraphBuilder};
use crate::load::SourceFile;
use crate::matching::Matcher;
use crate::rules::RuleSet;
use crate::{articles, export, layout, link, load, measure};

/// What to read and which rules to apply.
#[derive(Clone, Debug)]
pub struct Options {
    /// Files and folders to read.
    pub inputs: Vec<PathBuf>,
    /// The rules folder.
    pub rules: PathBuf,
    /// Worker threads; `None` uses one per core.
    pub threads: Option<usize>,
}

/// The graph of a corpus and what happened while building it.
#[derive(Debug)]
pub struct Analysis {
    pub graph: Graph,
    pub files_read: usize,
    pub files_skipped: usize,
    pub articles: usize,
    pub warnings: Vec<Warning>,
}

impl Analysis {
    /// Node counts by kind, in kind order, leaving out kinds without nodes.
    pub fn nodes_by_kind(&self) -> Vec<(&str, usize)> {
        let mut counts = vec![0; self.graph.kinds.len()];
        for (_, node) in self.graph.nodes() {
            counts[node.kind] += 1;
        }
        self.graph.kinds.iter().zip(counts).filter(|(_, n)| *n > 0).map(|(k, n)| (k.name.as_str(), n)).collect()
    }

    /// Edge counts by relation, in name order.
    pub fn edges_by_relation(&self) -> Vec<(&str, usize)> {
        let mut counts = BTreeMap::new();
        for (_, _, _, edge) in self.graph.edges() {
            *counts.entry(edge.relation.as_str()).or_insert(0) += 1;
        }
        counts.into_iter().collect()
    }
}

/// How many files are read and searched together before their findings are merged.
const BATCH_FILES: usize = 256;

/// What a scan of the corpus read and skipped.
#[derive(Debug, Default)]
pub struct ScanSummary {
    pub files_read: usize,
    pub files_skipped: usize,
    pub warnings: Vec<Warning>,
}

/// Runs stages 1–4 over every file and hands each document's findings to `visit`, in
/// file order, whatever the thread count.
pub fn scan(options: &Options, rules: &RuleSet, mut visit: impl FnMut(DocumentFindings)) -> Result<ScanSummary, Error> {
    let discovery = load::discover(&options.inputs)?;
    let matcher = Matcher::new(rules);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.unwrap_or(0))
        .build()
        .map_err(|err| Error::Threads(err.to_string()))?;
    let mut summary = ScanSummary { warnings: discovery.warnings, ..ScanSummary::default() };
    for batch in discovery.files.chunks(BATCH_FILES) {
        let results: Vec<_> = pool.install(|| batch.par_iter().map(|file| process(file, rules, &matcher)).collect());
        for result in results {
            match result {
                Ok((findings, warning)) => {
                    summary.files_read += 1;
                    summary.warnings.extend(warning);
                    visit(findings);
                }
                Err(warning) => {
                    summary.files_skipped += 1;
                    summary.warnings.push(warning);
                }
            }
        }
    }
    Ok(summary)
}

/// Runs every stage up to the finished graph; writes nothing.
pub fn analyze(options: &Options) -> Result<Analysis, Error> {
    let rules = RuleSet::load(&options.rules)?;
    let mut builder = GraphBuilder::new(&rules);
    let mut articles = 0;
    let summary = scan(options, &rules, |findings| {
        articles += findings.articles.len();
        builder.add_document(findings);
    })?;
    let mut graph = builder.finish();
    measure::measure(&mut graph);
    Ok(Analysis {
        graph,
        files_read: summary.files_read,
        files_skipped: summary.files_skipped,
        articles,
        warnings: summary.warnings,
    })
}

/// The articles of the corpus, in file and page order.
pub fn articles(options: &Options) -> Result<(Vec<ArticleRow>, ScanSummary), Error> {
    let rules = RuleSet::load(&options.rules)?;
    let mut rows = Vec::new();
    let summary = scan(options, &rules, |findings| {
        for found in findings.articles {
            let article = found.article;
            rows.push(ArticleRow {
                file: findings.file.clone(),
                ordinal: article.ordinal,
                kind: article.kind.name(),
                title: article.title,
                authors: article.authors,
                unit: article.unit,
                body_chars: found.body_chars,
                first_line: article.lines.start,
                last_line: article.lines.end.saturating_sub(1),
            });
        }
    })?;
    Ok((rows, summary))
}

/// Analyzes and writes the chosen outputs into `out`, all or nothing.
///
/// Warnings from exporting (Graphviz failed, the overview fell back to tupu's own
/// layout) join the analysis's warnings.
pub fn build(options: &Options, export: &ExportOptions, out: &Path) -> Result<(Analysis, Vec<PathBuf>), Error> {
    let mut analysis = analyze(options)?;
    let rendered = export::render(&analysis.graph, export)?;
    let written = export::write(out, &rendered.outputs)?;
    analysis.warnings.extend(rendered.warnings);
    Ok((analysis, written))
}

/// One document through stages 1–4.
fn process(
    file: &SourceFile,
    rules: &RuleSet,
    matcher: &Matcher,
) -> Result<(DocumentFindings, Option<Warning>), Warning> {
    let (document, warning) = load::read(file)?;
    let page = layout::repair(document, &rules.layout);
    let articles = articles::segment(&page);
    Ok((link::find_in_page(&page, articles, rules, matcher), warning))
}
