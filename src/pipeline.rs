//! The pipeline, wired: load → repair layout → articles → match → link → measure →
//! export.
//!
//! Documents are processed in batches: each batch is read, repaired, segmented and
//! searched in parallel (rayon), and its findings are merged into the graph in document
//! order before the next batch starts. Only one batch of text is in memory at a time,
//! and the merge order — hence the graph — does not depend on the thread count.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::articles::Article;
use crate::diagnostics::Warning;
use std::time::{Duration, Instant};

use crate::error::{Error, NothingRead};
use crate::export::articles::ArticleRow;
use crate::export::tables::{Spools, Tables};
use crate::export::{ExportOptions, Format};
use crate::graph::{Graph, View};
use crate::layout::Page;
use crate::link::{DocumentFindings, GraphBuilder};
use crate::load::{PassedOver, SourceFile};
use crate::matching::Matcher;
use crate::rules::{RuleSet, RuleSource, RulesUsed};
use crate::stats::{Stage, Stats};
use crate::{articles, export, layout, link, load, measure};

/// What to read, which rules to apply, and which graph to build.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Files and folders to read.
    pub inputs: Vec<PathBuf>,
    /// Where the rules come from: a folder, or the built-in rules.
    pub rules: RuleSource,
    /// Worker threads; `None` uses one per core.
    pub threads: Option<usize>,
    /// Told how far the run has got, after each document; for a progress bar.
    pub progress: Option<ProgressSink>,
    /// The concept network (default) or the article-level graph.
    pub view: View,
    /// Nodes (but articles) seen in fewer articles are left out of the graph; 0 and 1
    /// keep everything.
    pub min_articles: u64,
}

/// How far a run has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub files_done: usize,
    pub files_total: usize,
    pub bytes_done: u64,
}

/// Something that wants to hear about [`Progress`].
#[derive(Clone)]
pub struct ProgressSink(pub std::sync::Arc<dyn Fn(Progress) + Send + Sync>);

impl std::fmt::Debug for ProgressSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgressSink")
    }
}

/// The graph of a corpus and what happened while building it.
#[derive(Debug)]
pub struct Analysis {
    pub graph: Graph,
    pub files_read: usize,
    pub files_skipped: usize,
    /// Files under the inputs not read because of their extension.
    pub passed_over: PassedOver,
    /// Which rules were applied.
    pub rules: RulesUsed,
    pub articles: usize,
    /// Rows of `mentions.csv`: (article, concept) pairs.
    pub mentions: u64,
    /// Nodes and edges the other view would have (see [`link::Finished::other_view`]).
    pub other_view: crate::graph::ViewCounts,
    pub warnings: Vec<Warning>,
    /// Time per stage and bytes read.
    pub stats: Stats,
    /// Which graph `graph` is.
    pub view: View,
}

/// What scanning one file gives: its findings, a warning about its encoding, its size
/// and the time each stage took; or the warning that says why it was skipped.
type Scanned<T> = Result<(T, Option<Warning>, u64, [(Stage, Duration); 4]), Warning>;

/// How many files are read and searched together before their findings are merged.
const BATCH_FILES: usize = 64;

/// What a scan of the corpus read and skipped.
#[derive(Debug, Default)]
pub struct ScanSummary {
    pub files_read: usize,
    pub files_skipped: usize,
    pub passed_over: PassedOver,
    pub warnings: Vec<Warning>,
    pub stats: Stats,
}

/// Runs stages 1–4 over every file and hands each document's findings to `visit`, in
/// file order, whatever the thread count.
pub fn scan(options: &Options, rules: &RuleSet, visit: impl FnMut(DocumentFindings)) -> Result<ScanSummary, Error> {
    scan_pages(options, rules, |page, articles, matcher| link::find_in_page(page, articles, rules, matcher), visit)
}

/// Loads, repairs and segments every file in parallel batches, hands each page to
/// `per_page` (on a worker thread) with the matcher, and each result to `visit` (on this thread, in file order).
pub fn scan_pages<T: Send>(
    options: &Options,
    rules: &RuleSet,
    per_page: impl Fn(&Page, Vec<Article>, &Matcher) -> T + Sync,
    mut visit: impl FnMut(T),
) -> Result<ScanSummary, Error> {
    // jieba's dictionary takes about 0.1 s to load, and the first name checked waits
    // for it on every worker; loaded on a core of its own while the files are found and
    // the matcher is built (both on this thread), it is mostly ready when needed. Not
    // with `--threads 1`, which asks for one thread of work.
    if options.threads != Some(1) {
        std::thread::spawn(crate::matching::preload_words);
    }
    let discovery = load::discover(&options.inputs)?;
    let pool = thread_pool(options)?;
    let mut summary =
        ScanSummary { warnings: discovery.warnings, passed_over: discovery.passed_over, ..ScanSummary::default() };
    let matcher = Matcher::new(rules);
    let process = |batch: &[SourceFile]| -> Vec<Scanned<T>> {
        pool.install(|| {
            batch
                .par_iter()
                .map(|file| {
                    let mut clock = Clock::start();
                    let (document, warning) = load::read(file)?;
                    let bytes = document.text.len() as u64;
                    let load = clock.lap();
                    let page = layout::repair(document, &rules.layout);
                    let layout = clock.lap();
                    let articles = articles::segment(&page);
                    let segment = clock.lap();
                    let found = per_page(&page, articles, &matcher);
                    let times = [
                        (Stage::Load, load),
                        (Stage::Layout, layout),
                        (Stage::Articles, segment),
                        (Stage::MatchLink, clock.lap()),
                    ];
                    Ok((found, warning, bytes, times))
                })
                .collect()
        })
    };
    let total_files = discovery.files.len();
    let mut merge = |results: Vec<Scanned<T>>, summary: &mut ScanSummary| {
        for result in results {
            match result {
                Ok((found, warning, bytes, times)) => {
                    summary.files_read += 1;
                    if let Some(sink) = &options.progress {
                        (sink.0)(Progress {
                            files_done: summary.files_read + summary.files_skipped,
                            files_total: total_files,
                            bytes_done: summary.stats.bytes + bytes,
                        });
                    }
                    summary.warnings.extend(warning);
                    summary.stats.bytes += bytes;
                    summary.stats.files += 1;
                    for (stage, time) in times {
                        summary.stats.add(stage, time);
                    }
                    let merging = Instant::now();
                    visit(found);
                    summary.stats.add(Stage::Merge, merging.elapsed());
                }
                Err(warning) => {
                    summary.files_skipped += 1;
                    summary.warnings.push(warning);
                }
            }
        }
    };
    // The findings of one batch are merged on this thread, in file order, while the
    // workers scan the next batch; so merging costs little wall time of its own.
    // Each batch's paths and names are dropped once it is scanned, and so is its part of
    // the list (the list is cut into batches first: one vector would be held whole until
    // the last batch): for an archive of small files they are a good part of what
    // would otherwise grow with the corpus.
    let mut scanned = None;
    let mut files = discovery.files.into_iter();
    let batches: Vec<Vec<SourceFile>> =
        std::iter::from_fn(|| Some(files.by_ref().take(BATCH_FILES).collect::<Vec<_>>()).filter(|b| !b.is_empty()))
            .collect();
    drop(files);
    for batch in batches {
        let previous = scanned.take();
        scanned = Some(std::thread::scope(|scope| {
            let scanning = scope.spawn(|| process(&batch));
            if let Some(results) = previous {
                merge(results, &mut summary);
            }
            scanning.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }));
    }
    if let Some(results) = scanned {
        merge(results, &mut summary);
    }
    // Every command that reads a corpus says so when it read nothing, rather than
    // printing an empty list or a score of nothing.
    if summary.files_read == 0 {
        return Err(Error::NothingRead(NothingRead {
            inputs: options.inputs.clone(),
            passed_over: summary.passed_over,
            skipped: summary.files_skipped,
            warnings: summary.warnings,
        }));
    }
    Ok(summary)
}

/// Runs every stage up to the finished graph; writes nothing.
///
/// # Errors
/// Besides the rules' and the inputs' errors, [`Error::NothingRead`] when no document
/// could be read: an empty graph is never a result.
pub fn analyze(options: &Options) -> Result<Analysis, Error> {
    analyze_spooling(options, false, false, &[]).map(|(analysis, _, _)| analysis)
}

/// [`analyze`], appending each document's article rows (`articles`) and mentions
/// (`mentions`) to spools as its findings merge; returns the spooled tables with the
/// concept ids of the finished graph.
/// Also resolves `overview_kinds` (names or plurals) to the rules' kind names, before
/// any text is read: an unknown one is an error, not an empty overview.
fn analyze_spooling(
    options: &Options,
    articles: bool,
    mentions: bool,
    overview_kinds: &[String],
) -> Result<(Analysis, Tables, Vec<String>), Error> {
    let rules = RuleSet::load(&options.rules)?;
    let overview_kinds = overview_kinds
        .iter()
        .map(|name| {
            rules.kind_or_plural(name.trim()).map(|kind| rules.kinds[kind].name.clone()).ok_or_else(|| {
                Error::UnknownKind { name: name.clone(), known: rules.kinds.iter().map(|k| k.name.clone()).collect() }
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let rules_used = RulesUsed { source: options.rules.clone(), files: rules.files.len() };
    let spool_failed = |source| Error::Output { path: std::env::temp_dir(), source };
    let mut spools = if articles || mentions {
        let kinds = rules.kinds.iter().map(|k| k.name.clone()).collect();
        Some(Spools::new(kinds, articles, mentions).map_err(spool_failed)?)
    } else {
        None
    };
    let mut builder = GraphBuilder::new(&rules, options.view, options.min_articles);
    let mut article_count = 0;
    let mut mention_count: u64 = 0;
    let mut spool_error = None;
    let summary = scan(options, &rules, |findings| {
        article_count += findings.articles.len();
        // One mention row per concept per article, whether or not mentions.csv is written.
        mention_count += findings.articles.iter().map(|a| a.mentions.len() as u64).sum::<u64>();
        if let Some(spools) = &mut spools
            && spool_error.is_none()
        {
            spool_error = spools.add_document(&findings).err();
        }
        builder.add_document(findings);
    })?;
    if let Some(source) = spool_error {
        return Err(spool_failed(source));
    }
    let mut stats = summary.stats;
    let finishing = Instant::now();
    let finished = builder.finish().map_err(spool_failed)?;
    let mut graph = finished.graph;
    stats.add(Stage::Merge, finishing.elapsed());
    let other_view = finished.other_view;
    let tables = match spools {
        Some(spools) => spools.finish(finished.renamed).map_err(spool_failed)?,
        None => Tables::default(),
    };
    let measuring = Instant::now();
    measure::measure(&mut graph);
    stats.add(Stage::Measure, measuring.elapsed());
    let analysis = Analysis {
        graph,
        files_read: summary.files_read,
        files_skipped: summary.files_skipped,
        passed_over: summary.passed_over,
        rules: rules_used,
        articles: article_count,
        mentions: mention_count,
        other_view,
        warnings: summary.warnings,
        stats,
        view: options.view,
    };
    Ok((analysis, tables, overview_kinds))
}

/// The articles of the corpus, in file and page order.
pub fn articles(options: &Options) -> Result<(Vec<ArticleRow>, ScanSummary), Error> {
    let rules = RuleSet::load(&options.rules)?;
    let mut rows = Vec::new();
    let summary = scan(options, &rules, |findings| {
        rows.extend(findings.articles.iter().map(|found| ArticleRow::of(&findings.file, found)));
    })?;
    Ok((rows, summary))
}

/// Analyzes and writes the chosen outputs into `out`, all or nothing.
///
/// Warnings from exporting (Graphviz failed, the overview fell back to tupu's own
/// layout) join the analysis's warnings.
pub fn build(options: &Options, export: &ExportOptions, out: &Path) -> Result<(Analysis, Vec<PathBuf>), Error> {
    let started = Instant::now();
    // Said before the corpus is read, not after.
    if out.is_file() {
        return Err(Error::OutIsFile { path: out.to_owned() });
    }
    let wants = |format| export.formats.contains(&format);
    let (mut analysis, tables, kinds) =
        analyze_spooling(options, wants(Format::Tsv), wants(Format::Mentions), &export.kinds)?;
    let export = &ExportOptions { kinds, ..export.clone() };
    let exporting = Instant::now();
    let pool = thread_pool(options)?;
    let (written, warnings) = pool.install(|| export::write_formats(&analysis.graph, &tables, export, out))?;
    analysis.stats.add(Stage::Export, exporting.elapsed());
    analysis.warnings.extend(warnings);
    // Outputs of formats this run did not write, left by an earlier run: said, so that
    // nobody takes an old graph.gexf for this run's.
    let old: Vec<&str> = Format::ALL
        .iter()
        .filter(|f| !export.formats.contains(f))
        .flat_map(|f| f.files().iter().copied())
        .filter(|name| out.join(name).is_file())
        .collect();
    if !old.is_empty() {
        analysis.warnings.push(crate::diagnostics::Warning::new(
            crate::load::display_name(out),
            format!("{} left from an earlier run: not written by this --format, so not this graph", old.join(", ")),
        ));
    }
    analysis.stats.wall = started.elapsed();
    Ok((analysis, written))
}

/// A pool of `options.threads` worker threads (one per core by default).
fn thread_pool(options: &Options) -> Result<rayon::ThreadPool, Error> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.unwrap_or(0))
        .build()
        .map_err(|err| Error::Threads(err.to_string()))
}

/// Times consecutive laps.
struct Clock(Instant);

impl Clock {
    fn start() -> Clock {
        Clock(Instant::now())
    }

    fn lap(&mut self) -> Duration {
        let now = Instant::now();
        let lap = now - self.0;
        self.0 = now;
        lap
    }
}
