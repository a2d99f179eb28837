//! Errors in rule files, located and explained.

use std::fmt;

use crate::position::{LineIndex, Position};

/// One problem in a rule file: where it is, what is wrong, how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RuleError {
    pub file: String,
    pub position: Option<Position>,
    pub message: String,
    pub help: String,
}

impl RuleError {
    pub fn new(
        file: &str,
        position: Option<Position>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> RuleError {
        RuleError { file: file.to_owned(), position, message: message.into(), help: help.into() }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(Position { line, column }) => write!(f, "{}:{}:{}: error: {}", self.file, line, column, self.message)?,
            None => write!(f, "{}: error: {}", self.file, self.message)?,
        }
        if !self.help.is_empty() {
            write!(f, "\n  help: {}", self.help)?;
        }
        Ok(())
    }
}

/// Every problem found in a set of rule files. Rules are checked completely before
/// reporting, so a user fixes all mistakes in one round, not one per run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        let n = self.0.len();
        write!(f, "\n{n} error{} in the rules", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for RuleErrors {}

/// Locates byte spans of one rule file, for error messages.
pub(crate) struct Locator<'a> {
    pub file: &'a str,
    text: &'a str,
    index: LineIndex,
}

impl<'a> Locator<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Locator<'a> {
        Locator { file, text, index: LineIndex::new(text) }
    }

    pub fn position(&self, offset: usize) -> Position {
        self.index.position(self.text, offset.min(self.text.len()))
    }

    pub fn error(&self, offset: usize, message: impl Into<String>, help: impl Into<String>) -> RuleError {
        RuleError::new(self.file, Some(self.position(offset)), message, help)
    }
}
