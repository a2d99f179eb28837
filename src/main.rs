//! The `tupu` command line: argument parsing and reporting around [`tupu::pipeline`].

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use tupu::export::gexf::GexfVersion;
use tupu::export::{ExportOptions, Format, LayoutEngine};

/// The pipeline makes many short-lived strings and vectors on every thread; mimalloc
/// serves them from thread-local pages where glibc's malloc spent about a fifth of
/// the run consolidating and unlinking chunks (measured with `perf` on 50 MB).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc by default keeps memory a thread freed for a while and commits its arena
/// ahead of use: quick, but the peak it holds is far above what is live. Purging at
/// once and committing on demand lowered the peak at 50 MB of news from 150 to 96 MB
/// and at 500 MB from 259 to 174 MB, for CPU time within the noise (3.60 against 3.71
/// CPU-s at 50 MB, the mean of six runs each in turn). Either option set in
/// the environment (`MIMALLOC_PURGE_DELAY`, `MIMALLOC_ARENA_EAGER_COMMIT`) is left alone.
///
/// The arena is made at the first allocation, before `main`; so on Linux this runs as
/// an ELF constructor, before the runtime allocates (set in `main`, the arena option
/// came too late and the peak at 50 MB was 124 MB). Elsewhere `main` calls it.
extern "C" fn return_freed_memory_promptly() {
    // The option numbers of `mimalloc.h` (the same in its v2 and v3).
    const OPTIONS: [(&str, libmimalloc_sys::mi_option_t); 2] =
        [("MIMALLOC_ARENA_EAGER_COMMIT", 4), ("MIMALLOC_PURGE_DELAY", 15)];
    for (variable, option) in OPTIONS {
        if std::env::var_os(variable).is_none() {
            // SAFETY: mimalloc reads and sets options atomically at any time, and these
            // two only decide when memory is committed or returned to the system.
            unsafe { libmimalloc_sys::mi_option_set(option, 0) };
        }
    }
}

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array.00101")]
static RETURN_FREED_MEMORY_PROMPTLY: extern "C" fn() = return_freed_memory_promptly;

#[derive(Parser)]
#[command(name = "tupu", version, about = "Turn Chinese text into a knowledge graph, driven by rule files.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the graph of a corpus and write every output format.
    Build {
        #[command(flatten)]
        input: Input,
        /// Folder to write the outputs into (created if missing; must not be a file).
        #[arg(long, default_value = "output")]
        out: PathBuf,
        #[command(flatten)]
        export: Export,
        #[command(flatten)]
        view: ViewArgs,
        /// Print nothing but errors.
        #[arg(long)]
        quiet: bool,
        /// Print the time each stage took, throughput and peak memory.
        #[arg(long)]
        stats: bool,
    },
    /// List the articles found: file, number, type, title, authors, unit, body length.
    ///
    /// Tab-separated, one article per line, with a header line. Type is `article` for an
    /// authored article, `box` for a reading box, `text` for text no byline claims.
    Articles {
        #[command(flatten)]
        input: Input,
    },
    /// Show where a concept is found and by which rule, or what the rules find in a text.
    ///
    /// `tupu explain 两个维护 [PATH…]` lists every match of a concept (its id, `kind:id`, or
    /// a surface form) in the corpus: file:line:column, article, rule, sentence, and the
    /// near misses (matches a rule made but did not keep, and why).
    /// `tupu explain --text "…"` shows every candidate the rules make of a text.
    Explain {
        /// The concept to look for.
        #[arg(required_unless_present = "text")]
        concept: Option<String>,
        /// Explain this text instead of searching the corpus.
        #[arg(long, conflicts_with = "concept")]
        text: Option<String>,
        #[command(flatten)]
        input: Input,
    },
    /// Score the articles and concepts found against a gold annotation.
    ///
    /// `tupu eval gold.toml [PATH…]` reads PATHs (default: the gold file's folder), and
    /// prints precision, recall and F1 per field (titles, authors, each node kind the
    /// gold lists), then every miss (gold file:line) and every extra (where it was first
    /// seen). Exit code 2 when the gold file is broken.
    Eval {
        /// The gold file (TOML, one [[article]] per annotated file).
        gold: PathBuf,
        /// Files and folders to read (default: the folder holding the gold file).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        rules: RulesOption,
        /// Worker threads, at least 1 (default: one per core).
        #[arg(long, value_name = "N", value_parser = threads_parser)]
        threads: Option<usize>,
        /// Also score relations and articles' subjects against this relation gold (TOML:
        /// per [[article]], `subject` and lists of "SOURCE > TARGET" pairs such as
        /// `practises`, `invokes`, `part_of`, named by the entity gold's forms).
        #[arg(long, value_name = "FILE")]
        relations: Option<PathBuf>,
        /// Fail (exit 2) when a gold article names a file that was not read, instead of
        /// scoring the others.
        #[arg(long)]
        strict: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Work with rule files.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Validate the rules and run every inline test (examples, counterexamples).
    ///
    /// Lists every error at once, with file:line:column, what is wrong and how to fix it.
    /// Exit code 2 on any failure.
    Check {
        #[command(flatten)]
        rules: RulesOption,
    },
    /// Write the built-in rules into a folder, to edit them.
    ///
    /// Writes every shipped rule file (*.toml) and the rule language's reference
    /// (README.md). A build run in the folder holding `rules/` then uses them instead of
    /// the built-in ones. Writes nothing when any of the files exists already, unless
    /// --force is given.
    Init {
        /// Folder to write the rule files into.
        #[arg(default_value = tupu::rules::DEFAULT_FOLDER)]
        dir: PathBuf,
        /// Replace rule files that exist (edits in them are lost).
        #[arg(long)]
        force: bool,
    },
}

/// The `--rules` option, shared by every command that applies rules.
#[derive(Args)]
struct RulesOption {
    /// Folder of rule files (*.toml). Default: ./rules when it exists, else the rules
    /// built into tupu (`tupu rules init` writes them out for editing).
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
}

impl RulesOption {
    fn source(self) -> tupu::rules::RuleSource {
        tupu::rules::RuleSource::resolve(self.rules)
    }
}

/// What to read and with which rules.
#[derive(Args)]
struct Input {
    /// Files and folders to read (.txt and .md files, recursively).
    #[arg(default_value = "seeds")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RulesOption,
    /// Worker threads, at least 1 (default: one per core). Outputs are the same
    /// whatever the number.
    #[arg(long, value_name = "N", value_parser = threads_parser)]
    threads: Option<usize>,
}

/// `--threads`: a whole number of at least 1; 0 is refused rather than read as
/// "one per core", which leaving the option out already means.
fn threads_parser(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("--threads takes at least 1; leave it out for one thread per core".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err("--threads takes a whole number of at least 1".to_owned()),
    }
}

/// Which outputs to write, and how to draw the overview.
#[derive(Args)]
struct Export {
    /// Outputs to write, comma-separated: json (graph.json), graphml, gexf, dot,
    /// svg (overview.svg), csv (nodes.csv, edges.csv), tsv (articles.tsv),
    /// mentions (mentions.csv).
    #[arg(long, value_delimiter = ',', default_value = "json,graphml,gexf,dot,svg,csv,tsv,mentions", value_parser = format_parser())]
    format: Vec<Format>,
    /// How many of the most central nodes overview.svg shows.
    #[arg(long, default_value_t = tupu::export::DEFAULT_TOP, value_parser = clap::value_parser!(u32).range(1..).map(|n| n as usize))]
    top: usize,
    /// Kinds overview.svg shows, comma-separated, names or plurals (default: every kind but
    /// article and author).
    #[arg(long, value_delimiter = ',')]
    kinds: Vec<String>,
    /// Who lays out overview.svg: auto (Graphviz if installed, else tupu), graphviz, builtin.
    #[arg(long, default_value = "auto", value_parser = layout_parser())]
    layout: LayoutEngine,
    /// GEXF version of graph.gexf: 1.2draft (every reader, networkx 2.x included) or 1.3
    /// (edges carry their relation as `kind`, which Gephi keeps apart).
    #[arg(long, default_value = "1.2draft", value_parser = gexf_version_parser())]
    gexf_version: GexfVersion,
}

impl Export {
    fn options(self) -> ExportOptions {
        ExportOptions {
            formats: self.format,
            top: self.top,
            kinds: self.kinds,
            layout: self.layout,
            gexf_version: self.gexf_version,
        }
    }
}

/// Which graph the graph formats hold.
#[derive(Args)]
struct ViewArgs {
    /// concepts: the concept network (no article nodes); articles: the article-level
    /// graph (article nodes, mentions, wrote).
    #[arg(long, default_value = "concepts", value_parser = view_parser())]
    view: tupu::graph::View,
    /// Leave out concepts and authors seen in fewer than N articles.
    #[arg(long, default_value_t = 1, value_name = "N")]
    min_articles: u64,
}

fn view_parser() -> impl clap::builder::TypedValueParser<Value = tupu::graph::View> {
    PossibleValuesParser::new(tupu::graph::View::NAMES)
        .map(|name| tupu::graph::View::from_name(&name).expect("clap accepted only view names"))
}

fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    PossibleValuesParser::new(Format::ALL.map(Format::name))
        .map(|name| Format::from_name(&name).expect("clap accepted only format names"))
}

fn layout_parser() -> impl clap::builder::TypedValueParser<Value = LayoutEngine> {
    PossibleValuesParser::new(LayoutEngine::NAMES)
        .map(|name| LayoutEngine::from_name(&name).expect("clap accepted only engine names"))
}

fn gexf_version_parser() -> impl clap::builder::TypedValueParser<Value = GexfVersion> {
    PossibleValuesParser::new(GexfVersion::NAMES)
        .map(|name| GexfVersion::from_name(&name).expect("clap accepted only GEXF versions"))
}

impl Input {
    fn options(self) -> tupu::Options {
        tupu::Options {
            inputs: self.paths,
            rules: self.rules.source(),
            threads: self.threads,
            progress: None,
            ..tupu::Options::default()
        }
    }
}

/// A progress bar on standard error, for runs of more than a handful of files. indicatif
/// draws nothing when standard error is not a terminal, so logs and pipes stay clean.
fn progress_bar(quiet: bool) -> Option<tupu::pipeline::ProgressSink> {
    use std::sync::{Arc, Mutex};
    if quiet {
        return None;
    }
    let bar: Arc<Mutex<Option<indicatif::ProgressBar>>> = Arc::new(Mutex::new(None));
    Some(tupu::pipeline::ProgressSink(Arc::new(move |p: tupu::pipeline::Progress| {
        const MIN_FILES: usize = 20;
        if p.files_total < MIN_FILES {
            return;
        }
        let Ok(mut bar) = bar.lock() else { return };
        let bar = bar.get_or_insert_with(|| {
            let bar = indicatif::ProgressBar::new(p.files_total as u64);
            let style = indicatif::ProgressStyle::with_template(
                "{elapsed_precise} [{bar:40}] {pos}/{len} files  {msg}  (eta {eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar
        });
        bar.set_position(p.files_done as u64);
        bar.set_message(format!("{:.1} MB", p.bytes_done as f64 / 1e6));
        if p.files_done == p.files_total {
            bar.finish_and_clear();
        }
    })))
}

fn main() -> ExitCode {
    #[cfg(not(target_os = "linux"))]
    return_freed_memory_promptly();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build { input, out, export, view, quiet, stats } => {
            let options = tupu::Options {
                progress: progress_bar(quiet),
                view: view.view,
                min_articles: view.min_articles,
                ..input.options()
            };
            match tupu::build(&options, &export.options(), &out) {
                Ok((analysis, written)) => {
                    if !quiet {
                        print_summary(&analysis, &written);
                    }
                    if stats {
                        eprint!("{}", analysis.stats.report());
                    }
                    Ok(())
                }
                Err(err) => {
                    report_error(&err);
                    if out.is_dir() {
                        eprintln!("nothing was written; the files in {} are as they were", out.display());
                    } else if !matches!(err, tupu::Error::OutIsFile { .. }) {
                        eprintln!("nothing was written");
                    }
                    return ExitCode::from(err.exit_code() as u8);
                }
            }
        }
        Command::Articles { input } => tupu::pipeline::articles(&input.options()).map(|(rows, summary)| {
            for warning in &summary.warnings {
                eprintln!("warning: {warning}");
            }
            print_articles(&rows);
        }),
        Command::Explain { concept, text, input } => explain(concept, text, input),
        Command::Eval { gold, paths, rules, threads, relations, strict, json } => {
            let options =
                tupu::Options { inputs: paths, rules: rules.source(), threads, progress: None, ..Default::default() };
            tupu::eval::evaluate(&gold, relations.as_deref(), strict, &options).map(|report| print_eval(&report, json))
        }
        Command::Rules { command: RulesCommand::Check { rules } } => return check_rules(&rules.source()),
        Command::Rules { command: RulesCommand::Init { dir, force } } => init_rules(&dir, force),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            report_error(&err);
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

/// Prints an error with `error: ` once per error: rule errors carry their own
/// (`file:line:column: error: …`), one per line.
fn report_error(err: &tupu::Error) {
    match err {
        tupu::Error::Rules(errors) => eprintln!("{errors}"),
        other => eprintln!("error: {other}"),
    }
}

fn init_rules(dir: &std::path::Path, force: bool) -> Result<(), tupu::Error> {
    let written = tupu::rules::write_builtin(dir, force)?;
    for path in &written {
        println!("wrote:    {}", path.display());
    }
    let files = tupu::rules::builtin_files().count();
    let using = if dir == std::path::Path::new(tupu::rules::DEFAULT_FOLDER) {
        "builds run in this folder now use them instead of the built-in rules".to_owned()
    } else {
        format!("use them with --rules {}", dir.display())
    };
    println!("{files} rule files and their reference (README.md) written; {using}");
    Ok(())
}

fn explain(concept: Option<String>, text: Option<String>, input: Input) -> Result<(), tupu::Error> {
    let mut out = std::io::stdout().lock();
    if let Some(text) = text {
        let explanations = tupu::explain::explain_text(&input.rules.source(), &text)?;
        if explanations.is_empty() {
            let _ = writeln!(out, "no rule matches anything in this text");
        }
        for e in &explanations {
            let _ = match &e.rejected {
                None => writeln!(out, "found   {}  →  {}\n        by {}", e.surface, e.node, e.rule),
                Some(why) => writeln!(
                    out,
                    "missed  {}  →  {}\n        by {}\n        not taken: {}",
                    e.surface, e.node, e.rule, why
                ),
            };
        }
        return Ok(());
    }
    let query = concept.unwrap_or_default();
    let options = input.options();
    let (explanations, summary) = tupu::explain::explain_concept(&options, &query)?;
    for warning in &summary.warnings {
        eprintln!("warning: {warning}");
    }
    let (taken, missed): (Vec<_>, Vec<_>) = explanations.iter().partition(|e| e.rejected.is_none());
    let _ = writeln!(out, "{query}: {} match(es) in {} file(s) read", taken.len(), summary.files_read);
    for e in &taken {
        let _ = writeln!(
            out,
            "{}:{}:{}  {}  →  {}\n    article: {}\n    rule:    {}\n    context: {}",
            e.file, e.line, e.column, e.surface, e.node, e.article, e.rule, e.context
        );
    }
    if explanations.is_empty() {
        match tupu::explain::what_rules_know(&options.rules, &query)? {
            tupu::explain::Knowledge::Known(rules) => {
                let _ = writeln!(
                    out,
                    "no match of `{query}` in the files read; the rules know it as: {}",
                    rules.join("; ")
                );
            }
            tupu::explain::Knowledge::Unknown { entry, file } => {
                let _ =
                    writeln!(out, "no rule knows `{query}`: no concept has it as id or alias, no pattern matches it.");
                let place = match &file {
                    Some(file) => match file.strip_prefix(tupu::rules::BUILTIN_PREFIX) {
                        Some(name) => format!("a rule file such as {}{name}", tupu::rules::DEFAULT_FOLDER),
                        None => format!("a rule file such as {file}"),
                    },
                    None => "a rule file".to_owned(),
                };
                let _ =
                    writeln!(out, "To find it, add this concept to {place}, then run `tupu rules check`:\n\n{entry}");
                if options.rules == tupu::rules::RuleSource::BuiltIn {
                    let _ =
                        writeln!(out, "(the rules are built in: `tupu rules init` writes them to ./rules for editing)");
                }
            }
        }
    }
    if !missed.is_empty() {
        let _ = writeln!(out, "\nnear misses ({}):", missed.len());
        for e in &missed {
            let _ = writeln!(
                out,
                "{}:{}:{}  {}  →  {}\n    rule:    {}\n    not taken: {}\n    context: {}",
                e.file,
                e.line,
                e.column,
                e.surface,
                e.node,
                e.rule,
                e.rejected.as_deref().unwrap_or(""),
                e.context
            );
        }
    }
    Ok(())
}

/// `tupu rules check`: exit 0 when the rules compile and every inline test passes, 2
/// otherwise.
fn check_rules(source: &tupu::rules::RuleSource) -> ExitCode {
    let rules = match tupu::rules::RuleSet::load(source) {
        Ok(rules) => rules,
        Err(err) => {
            report_error(&err);
            return ExitCode::from(err.exit_code() as u8);
        }
    };
    let used = tupu::rules::RulesUsed { source: source.clone(), files: rules.files.len() };
    let report = tupu::check::run_inline_tests(&rules);
    for failure in &report.failures {
        eprintln!("{failure}");
    }
    let kinds = rules.kinds.iter().filter(|k| k.origin.is_some()).count();
    let summary = format!(
        "{} kinds, {} concepts, {} patterns, {} relations; {} inline tests, {} failed",
        kinds,
        rules.concepts.len(),
        rules.patterns.len(),
        rules.relations.len(),
        report.tests,
        report.failures.len()
    );
    if report.failures.is_empty() {
        println!("rules: {used}: ok: {summary}");
        ExitCode::SUCCESS
    } else {
        eprintln!("rules: {used}: {summary}");
        ExitCode::from(2)
    }
}

/// A ratio with three decimals, `-` when undefined.
fn ratio(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

fn print_eval(report: &tupu::eval::Report, json: bool) {
    let mut out = std::io::stdout().lock();
    if json {
        let text = serde_json::to_string_pretty(report).unwrap_or_default();
        let _ = writeln!(out, "{text}");
        return;
    }
    let _ = writeln!(out, "{:<14} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}", "field", "P", "R", "F1", "tp", "fp", "fn");
    for f in &report.fields {
        let _ = writeln!(
            out,
            "{:<14} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
            f.field,
            ratio(f.precision),
            ratio(f.recall),
            ratio(f.f1),
            f.tp,
            f.fp,
            f.fn_
        );
    }
    let _ = writeln!(
        out,
        "\narticles: {} of {} gold articles matched; {} articles found in {} files",
        report.matched, report.gold_articles, report.articles_found, report.files_read
    );
    if !report.not_read.is_empty() {
        let _ = writeln!(
            out,
            "not read ({}), left out of the scores (--strict makes this an error): {}",
            report.not_read.len(),
            report.not_read.join(", ")
        );
    }
    for (gold_file, found_file) in &report.by_title {
        let _ = writeln!(out, "note: {gold_file} was not read; compared by title with {found_file}");
    }
    let _ = writeln!(out, "\nmisses ({}):", report.misses.len());
    for m in &report.misses {
        let _ = writeln!(out, "{}:{}  {}  {}  ({})", m.gold_file, m.gold_line, m.field, m.item, m.article);
    }
    let _ = writeln!(out, "\nextras ({}):", report.extras.len());
    for e in &report.extras {
        let _ = writeln!(out, "{}:{}  {}  {}", e.file, e.line, e.field, e.item);
        if let Some(sentence) = &e.evidence {
            let _ = writeln!(out, "    {sentence}");
        }
    }
}

fn print_articles(rows: &[tupu::export::articles::ArticleRow]) {
    // A closed pipe (`tupu articles | head`) is not an error worth reporting.
    let _ = std::io::stdout().lock().write_all(tupu::export::articles::render_rows(rows).as_bytes());
}

fn print_summary(analysis: &tupu::Analysis, written: &[PathBuf]) {
    for warning in &analysis.warnings {
        eprintln!("warning: {warning}");
    }
    let list = |counts: &[(String, usize)]| {
        if counts.is_empty() {
            return "none".to_owned();
        }
        counts.iter().map(|(name, n)| format!("{n} {name}")).collect::<Vec<_>>().join(", ")
    };
    let (built, other) = (analysis.graph.counts(analysis.view), &analysis.other_view);
    let passed_over = match analysis.passed_over.total() {
        0 => "0 passed over".to_owned(),
        n => {
            format!("{n} passed over ({}; tupu reads {})", analysis.passed_over.by_extension(), tupu::load::TEXT_FILES)
        }
    };
    eprintln!(
        "rules:    {}\nfiles:    {} read, {} skipped, {passed_over}\narticles: {} ({} mentions)\nview:     {}\nnodes:    {}\nedges:    {}\n{:<9} nodes: {}\n{:<9} edges: {}\nwarnings: {}",
        analysis.rules,
        analysis.files_read,
        analysis.files_skipped,
        analysis.articles,
        analysis.mentions,
        analysis.view.name(),
        list(&built.nodes),
        list(&built.edges),
        format!("--view {}", other.view.name()),
        list(&other.nodes),
        format!("--view {}", other.view.name()),
        list(&other.edges),
        analysis.warnings.len(),
    );
    for path in written {
        eprintln!("wrote:    {}", path.display());
    }
}
