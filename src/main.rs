//! The `tupu` command line: argument parsing and reporting around [`tupu::pipeline`].

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use tupu::export::{ExportOptions, Format, LayoutEngine};

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
        /// Folder to write the outputs into.
        #[arg(long, default_value = "output")]
        out: PathBuf,
        #[command(flatten)]
        export: Export,
        /// Print nothing but errors.
        #[arg(long)]
        quiet: bool,
    },
    /// List the articles found: file, number, type, title, authors, unit, body length.
    ///
    /// Tab-separated, one article per line, with a header line. Type is `article` for an
    /// authored article, `box` for a reading box, `text` for text no byline claims.
    Articles {
        #[command(flatten)]
        input: Input,
    },
}

/// What to read and with which rules.
#[derive(Args)]
struct Input {
    /// Files and folders to read (.txt and .md files, recursively).
    #[arg(default_value = "seeds")]
    paths: Vec<PathBuf>,
    /// Folder of rule files (*.toml).
    #[arg(long, default_value = "rules")]
    rules: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
}

/// Which outputs to write, and how to draw the overview.
#[derive(Args)]
struct Export {
    /// Outputs to write, comma-separated: json (graph.json), graphml, gexf, dot,
    /// svg (overview.svg), csv (nodes.csv, edges.csv), tsv (articles.tsv).
    #[arg(long, value_delimiter = ',', default_value = "json,graphml,gexf,dot,svg,csv,tsv", value_parser = format_parser())]
    format: Vec<Format>,
    /// How many of the most central nodes overview.svg shows.
    #[arg(long, default_value_t = tupu::export::DEFAULT_TOP, value_parser = clap::value_parser!(u32).range(1..).map(|n| n as usize))]
    top: usize,
    /// Who lays out overview.svg: auto (Graphviz if installed, else tupu), graphviz, builtin.
    #[arg(long, default_value = "auto", value_parser = layout_parser())]
    layout: LayoutEngine,
}

impl Export {
    fn options(self) -> ExportOptions {
        ExportOptions { formats: self.format, top: self.top, layout: self.layout }
    }
}

fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    PossibleValuesParser::new(Format::ALL.map(Format::name))
        .map(|name| Format::from_name(&name).expect("clap accepted only format names"))
}

fn layout_parser() -> impl clap::builder::TypedValueParser<Value = LayoutEngine> {
    PossibleValuesParser::new(LayoutEngine::NAMES)
        .map(|name| LayoutEngine::from_name(&name).expect("clap accepted only engine names"))
}

impl Input {
    fn options(self) -> tupu::Options {
        tupu::Options { inputs: self.paths, rules: self.rules, threads: self.threads }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build { input, out, export, quiet } => {
            tupu::build(&input.options(), &export.options(), &out).map(|(analysis, written)| {
                if !quiet {
                    print_summary(&analysis, &written);
                }
            })
        }
        Command::Articles { input } => tupu::pipeline::articles(&input.options()).map(|(rows, summary)| {
            for warning in &summary.warnings {
                eprintln!("warning: {warning}");
            }
            print_articles(&rows);
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(err.exit_code() as u8)
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
    let list = |counts: Vec<(&str, usize)>| {
        if counts.is_empty() {
            return "none".to_owned();
        }
        counts.iter().map(|(name, n)| format!("{n} {name}")).collect::<Vec<_>>().join(", ")
    };
    eprintln!(
        "files:    {} read, {} skipped\narticles: {}\nnodes:    {}\nedges:    {}\nwarnings: {}",
        analysis.files_read,
        analysis.files_skipped,
        analysis.articles,
        list(analysis.nodes_by_kind()),
        list(analysis.edges_by_relation()),
        analysis.warnings.len(),
    );
    for path in written {
        eprintln!("wrote:    {}", path.display());
    }
}
