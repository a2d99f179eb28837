//! `articles.tsv`: the articles found, one per line, as `tupu articles` prints them
//! (written as documents merge, see [`super::tables`]).
//!
//! Tab-separated with a header line, so it opens in a spreadsheet and reads with
//! `pandas.read_csv(path, sep="\t")`. Tabs and line breaks inside fields (which titles
//! never have, but a user's text might) are replaced by spaces.

use crate::link::ArticleFindings;

/// One article, as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleRow {
    pub file: String,
    pub ordinal: u32,
    /// `article`, `box` or `text`.
    pub kind: &'static str,
    pub title: String,
    pub authors: Vec<String>,
    pub unit: Option<String>,
    pub body_chars: usize,
    pub first_line: u32,
    pub last_line: u32,
    /// The kicker (引题) above the headline and the subtitle (副题) below it.
    pub kicker: Option<String>,
    pub subtitle: Option<String>,
    /// Where the story goes on to or comes from (`（下转第二版）`).
    pub continued: Option<String>,
}

/// The columns; those a page may lack (kicker, subtitle, continuation) come last, so
/// the first eight stay where they have always been.
pub const HEADER: &str = "file\t#\ttype\ttitle\tauthors\tunit\tchars\tlines\tkicker\tsubtitle\tcontinued";

/// The table of `rows`, header first, each line ending in `\n`.
pub fn render_rows<'r>(rows: impl IntoIterator<Item = &'r ArticleRow>) -> String {
    let mut table = format!("{HEADER}\n");
    for row in rows {
        table.push_str(&render_row(row));
    }
    table
}

/// One line of the table, ending in `\n`.
pub fn render_row(row: &ArticleRow) -> String {
    let fields = [
        field(&row.file),
        row.ordinal.to_string(),
        row.kind.to_owned(),
        field(&row.title),
        field(&row.authors.join("、")),
        field(row.unit.as_deref().unwrap_or("")),
        row.body_chars.to_string(),
        format!("{}-{}", row.first_line, row.last_line),
        field(row.kicker.as_deref().unwrap_or("")),
        field(row.subtitle.as_deref().unwrap_or("")),
        field(row.continued.as_deref().unwrap_or("")),
    ];
    let mut line = fields.join("\t");
    line.push('\n');
    line
}

impl ArticleRow {
    /// The row of an article of `file`, from its findings.
    pub fn of(file: &str, found: &ArticleFindings) -> ArticleRow {
        let article = &found.article;
        ArticleRow {
            file: file.to_owned(),
            ordinal: article.ordinal,
            kind: article.kind.name(),
            title: article.title.clone(),
            authors: article.authors.clone(),
            unit: article.unit.clone(),
            body_chars: found.body_chars,
            first_line: article.lines.start,
            last_line: article.lines.end.saturating_sub(1),
            kicker: article.kicker.clone(),
            subtitle: article.subtitle.clone(),
            continued: article.continued.clone(),
        }
    }
}

fn field(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}
