//! Warnings that a run collects instead of stopping.
//!
//! A warning never ends a run: one bad file must not cost a researcher the other ten
//! thousand. Every warning names the file it concerns, and the line where one is known,
//! so that the summary printed at the end tells the user where to look.

use std::fmt;

/// Something the run noticed and worked around.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// The file the warning is about, as shown to the user (see [`crate::load::display_name`]).
    pub file: String,
    /// 1-based line, where the warning concerns one place in the file.
    pub line: Option<u32>,
    /// What happened and what the run did about it.
    pub message: String,
}

impl Warning {
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Warning {
        Warning { file: file.into(), line: None, message: message.into() }
    }

    pub fn at_line(mut self, line: u32) -> Warning {
        self.line = Some(line);
        self
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}
