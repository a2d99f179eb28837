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
    /// The paper or agency its credit names (`人民日报`, `新华社`).
    pub source: Option<String>,
    /// The organisations it is about (ids), in key order.
    pub subjects: Vec<String>,
}

/// The columns; those a page may lack (kicker, subtitle, continuation, source,
/// subjects) come last, so the first eight stay where they have always been.
pub const HEADER: &str =
    "file\t#\ttype\ttitle\tauthors\tunit\tchars\tlines\tkicker\tsubtitle\tcontinued\tsource\tsubjects";

/// The table of `rows`, header first, each line ending in `\n`.
pub fn render_rows<'r>(rows: impl IntoIterator<Item = &'r ArticleRow>) -> String {
    let mut table = format!("{HEADER}\n");
    for row in rows {
        table.push_str(&render_row(row));
    }
    table
}

/// One line of the table, ending in `\n`, written field by field into one string (a
/// row per article is spooled as documents merge).
pub fn render_row(row: &ArticleRow) -> String {
    let mut line = String::with_capacity(256);
    let mut number = itoa::Buffer::new();
    push_field(&mut line, &row.file);
    line.push('\t');
    line.push_str(number.format(row.ordinal));
    line.push('\t');
    line.push_str(row.kind);
    line.push('\t');
    push_field(&mut line, &row.title);
    line.push('\t');
    for (i, author) in row.authors.iter().enumerate() {
        if i > 0 {
            line.push('、');
        }
        push_field(&mut line, author);
    }
    line.push('\t');
    push_field(&mut line, row.unit.as_deref().unwrap_or(""));
    line.push('\t');
    line.push_str(number.format(row.body_chars));
    line.push('\t');
    line.push_str(number.format(row.first_line));
    line.push('-');
    line.push_str(number.format(row.last_line));
    for optional in [&row.kicker, &row.subtitle, &row.continued, &row.source] {
        line.push('\t');
        push_field(&mut line, optional.as_deref().unwrap_or(""));
    }
    line.push('\t');
    for (i, subject) in row.subjects.iter().enumerate() {
        if i > 0 {
            line.push('、');
        }
        push_field(&mut line, subject);
    }
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
            source: article.source.clone(),
            subjects: found.subjects.iter().map(|s| s.id.clone()).collect(),
        }
    }
}

/// Appends `text` with tabs and line breaks turned into spaces (memchr finds that a
/// field has none, as fields nearly always do).
fn push_field(line: &mut String, text: &str) {
    if memchr::memchr3(b'\t', b'\n', b'\r', text.as_bytes()).is_none() {
        line.push_str(text);
    } else {
        line.extend(text.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_keeps_its_columns_whatever_its_fields_hold() {
        let row = ArticleRow {
            file: "a.txt".into(),
            ordinal: 2,
            kind: "article",
            title: "党建\t引领\r\n发展".into(),
            authors: vec!["张三".into(), "李\t四".into()],
            unit: None,
            body_chars: 1234,
            first_line: 5,
            last_line: 17,
            kicker: None,
            subtitle: Some("副题".into()),
            continued: None,
            source: Some("人民日报".into()),
            subjects: vec!["甲公司".into(), "乙局".into()],
        };
        let line = render_row(&row);
        assert_eq!(
            line,
            "a.txt\t2\tarticle\t党建 引领  发展\t张三、李 四\t\t1234\t5-17\t\t副题\t\t人民日报\t甲公司、乙局\n"
        );
        assert_eq!(line.trim_end_matches('\n').split('\t').count(), HEADER.split('\t').count());
    }
}
