//! The `tupu` command line: argument parsing and reporting around [`tupu::pipeline`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "tupu",
    version,
    about = "Turn Chinese text into a knowledge graph, driven by rule files."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the graph of a corpus and write every output format.
    Build {
        /// Files and folders to read (.txt and .md files, recursively).
        #[arg(default_value = "seeds")]
        paths: Vec<PathBuf>,
        /// Folder of rule files (*.toml).
        #[arg(long, default_value = "rules")]
        rules: PathBuf,
        /// Folder to write the outputs into.
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// Worker threads (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// Print nothing but errors.
        #[arg(long)]
        quiet: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            paths,
            rules,
            out,
            threads,
            quiet,
        } => {
            let options = tupu::Options {
                inputs: paths,
                rules,
                threads,
            };
            match tupu::build(&options, &out) {
                Ok((analysis, written)) => {
                    if !quiet {
                        print_summary(&analysis, &written);
                    }
                    ExitCode::SUCCESS
                }
                Err(err) => fail(&err),
            }
        }
    }
}

fn fail(err: &tupu::Error) -> ExitCode {
    eprintln!("error: {err}");
    ExitCode::from(err.exit_code() as u8)
}

fn print_summary(analysis: &tupu::Analysis, written: &[PathBuf]) {
    for warning in &analysis.warnings {
        eprintln!("warning: {warning}");
    }
    let list = |counts: Vec<(&str, usize)>| {
        if counts.is_empty() {
            return "none".to_owned();
        }
        counts
            .iter()
            .map(|(name, n)| format!("{n} {name}"))
            .collect::<Vec<_>>()
            .join(", ")
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
