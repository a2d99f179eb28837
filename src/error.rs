//! The errors that end a run.
//!
//! Problems with single input files are not errors but [`crate::diagnostics::Warning`]s.
//! What remains here is what the user must fix before anything useful can happen: a
//! path that does not exist, broken rule files, an output directory that cannot be
//! written. Each maps to an exit code (see [`Error::exit_code`]).

use std::path::PathBuf;

use crate::rules::RuleErrors;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: no such file or directory (check the path, or run from the project folder)", path.display())]
    PathNotFound { path: PathBuf },

    #[error("{}: the rules folder does not exist or holds no *.toml files", path.display())]
    NoRules { path: PathBuf },

    #[error(transparent)]
    Rules(#[from] RuleErrors),

    #[error("{}:{line}: {message}\n  help: {help}", path.display())]
    Gold { path: PathBuf, line: u32, message: String, help: String },

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
            Error::PathNotFound { .. } | Error::NoRules { .. } | Error::Rules(_) | Error::Gold { .. } => 2,
            Error::Output { .. } | Error::Threads(_) | Error::Layout(_) => 1,
        }
    }
}
