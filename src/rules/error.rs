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

    /// An error for a regular expression TOML changed before tupu saw it: one written in
    /// double quotes, where `\b` (a word boundary to regex) became a backspace and
    /// `\e`, `\f`, `\x..` other control characters. Such a regex compiles and silently
    /// never matches, so it is an error. `what` names it: "pattern `x`", "pattern `x`: items".
    pub fn escapes_eaten(&self, value: &toml::Spanned<String>, what: &str) -> Option<RuleError> {
        let span = value.span();
        let raw = self.text.get(span.clone())?;
        if !raw.starts_with('"') {
            return None;
        }
        let control = value.get_ref().chars().find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))?;
        let inner = raw.trim_start_matches('"').trim_end_matches('"');
        let help = if inner.contains('\'') || inner.contains("\\\\") || inner.contains('\n') {
            SINGLE_QUOTES.to_owned()
        } else {
            format!("{SINGLE_QUOTES}: '{inner}'")
        };
        Some(self.error(
            span.start + 1,
            format!(
                "{what}: the regex holds the control character U+{:04X}, which TOML made of a `\\` escape in double quotes",
                control as u32
            ),
            help,
        ))
    }
}

/// The fix for a regular expression whose backslashes TOML took as escapes.
pub(crate) const SINGLE_QUOTES: &str =
    "write it in single quotes ('…'), where `\\` is kept as written and \\b, \\d, \\p{Han} mean what regex says";

/// The help for a TOML syntax error, by the toml crate's message.
pub(crate) fn syntax_help(message: &str) -> &'static str {
    if message.contains("escape") {
        "a regular expression? write it in single quotes ('…'), where \\d, \\b, \\p{Han} are kept as written; \
         in double quotes TOML reads `\\` as the start of an escape (`\\n`, `\\u4e00` …)"
    } else if message.contains("unknown field") {
        "see rules/README.md for the fields each entry takes ([[kind]], [[concept]], [[pattern]], \
         [[relation]], [layout])"
    } else if message.contains("invalid type") || message.contains("invalid value") {
        "this field takes another type (text in quotes, true/false, a number, a list in [ ]); \
         see rules/README.md"
    } else if message.contains("missing field") {
        "add the missing field (see rules/README.md for what each entry needs)"
    } else {
        "fix the TOML syntax here: strings in double quotes, lists in [ ], one key = value per line"
    }
}
