//! The errors that end a run.
//!
//! Problems with single input files are not errors but [`crate::diagnostics::Warning`]s.
//! What remains here is what the user must fix before anything useful can happen: a
//! path that does not exist, broken rule files, an output directory that cannot be
//! written. Each maps to an exit code (see [`Error::exit_code`]).

use std::path::PathBuf;

use crate::diagnostics::Warning;
use crate::load::PassedOver;
use crate::rules::RuleErrors;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "{}: no such file or directory (check the path; without a PATH, tupu reads seeds/ in the working \
         folder: name the folder to read, `tupu build path/to/pages`)",
        path.display()
    )]
    PathNotFound { path: PathBuf },

    #[error(
        "--rules {}: no such folder (--rules takes a folder of *.toml rule files; without it tupu uses \
         ./rules, or its built-in rules when there is none)",
        path.display()
    )]
    RulesFolderMissing { path: PathBuf },

    #[error(
        "{}: the rules folder holds no *.toml files (`tupu rules init {}` writes the shipped ones there)",
        path.display(),
        path.display()
    )]
    NoRules { path: PathBuf },

    #[error(
        "{} already exist{}; nothing was written (add --force to replace them: edits in them are lost)",
        list_paths(paths),
        if paths.len() == 1 { "s" } else { "" }
    )]
    RulesExist { paths: Vec<PathBuf> },

    #[error("--out {}: is a file, but --out must be a folder (tupu writes graph.json, graph.gexf … into it)", path.display())]
    OutIsFile { path: PathBuf },

    #[error("{0}")]
    NothingRead(NothingRead),

    #[error(transparent)]
    Rules(#[from] RuleErrors),

    #[error("{}:{line}: {message}\n  help: {help}", path.display())]
    Gold { path: PathBuf, line: u32, message: String, help: String },

    #[error("--kinds {name}: no such kind; the rules' kinds are {} (a plural, `slogans`, is fine)", known.join(", "))]
    UnknownKind { name: String, known: Vec<String> },

    #[error("cannot start worker threads: {0}")]
    Threads(String),

    #[error("cannot lay out overview.svg: {0}")]
    Layout(String),

    #[error("cannot write {}: {source}", path.display())]
    Output {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// 2 for what the user typed or wrote (paths, rules, gold files), 1 for a run that failed.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::PathNotFound { .. }
            | Error::RulesFolderMissing { .. }
            | Error::NoRules { .. }
            | Error::Rules(_)
            | Error::Gold { .. }
            | Error::UnknownKind { .. }
            | Error::OutIsFile { .. } => 2,
            Error::Output { .. }
            | Error::Threads(_)
            | Error::Layout(_)
            | Error::RulesExist { .. }
            | Error::NothingRead(_) => 1,
        }
    }
}

fn list_paths(paths: &[PathBuf]) -> String {
    paths.iter().map(|path| path.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// A run that found no document to read: what it found instead, so the user sees why.
/// A build stops here, before anything is written, so the outputs of an earlier run are
/// not replaced by an empty graph.
#[derive(Debug)]
pub struct NothingRead {
    /// The paths the user named.
    pub inputs: Vec<PathBuf>,
    /// Files under them with other extensions.
    pub passed_over: PassedOver,
    /// Text files that could not be used (binary, empty, unreadable).
    pub skipped: usize,
    /// Why: one warning per file skipped, and any folder that could not be read.
    pub warnings: Vec<Warning>,
}

impl std::fmt::Display for NothingRead {
    /// `no document was read from pages: 3 files passed over: .html ×3; tupu reads .txt
    /// and .md`, then the warnings, one per line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let files = |n: usize| format!("{n} file{}", if n == 1 { "" } else { "s" });
        let mut found = Vec::new();
        if self.skipped > 0 {
            found.push(format!("{} skipped", files(self.skipped)));
        }
        if !self.passed_over.is_empty() {
            found.push(format!("{} passed over: {}", files(self.passed_over.total()), self.passed_over.by_extension()));
        }
        if found.is_empty() && self.warnings.is_empty() {
            found.push("no files there".to_owned());
        } else if found.is_empty() {
            // A folder that could not be read is not an empty one.
            found.push("nothing could be read there (see below)".to_owned());
        }
        write!(
            f,
            "no document was read from {}: {}; tupu reads {}",
            list_paths(&self.inputs),
            found.join("; "),
            crate::load::TEXT_FILES
        )?;
        for warning in &self.warnings {
            write!(f, "\n  {warning}")?;
        }
        Ok(())
    }
}
