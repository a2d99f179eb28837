//! `articles.tsv`: the articles found, one per line, as `tupu articles` prints them.
//!
//! Tab-separated with a header line, so it opens in a spreadsheet and reads with
//! `pandas.read_csv(path, sep="\t")`. Tabs and line breaks inside fields (which titles
//! never have, but a user's text might) are replaced by spaces.

use crate::graph::Graph;

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
}

pub const HEADER: &str = "file\t#\ttype\ttitle\tauthors\tunit\tchars\tlines";

/// The table of `rows`, header first, each line ending in `\n`.
pub fn render_rows<'r>(rows: impl IntoIterator<Item = &'r ArticleRow>) -> String {
    let mut table = format!("{HEADER}\n");
    for row in rows {
        let fields = [
            field(&row.file),
            row.ordinal.to_string(),
            row.kind.to_owned(),
            field(&row.title),
            field(&row.authors.join("、")),
            field(row.unit.as_deref().unwrap_or("")),
            row.body_chars.to_string(),
            format!("{}-{}", row.first_line, row.last_line),
        ];
        table.push_str(&fields.join("\t"));
        table.push('\n');
    }
    table
}

/// The rows of the graph's article nodes, in graph order.
pub fn rows(graph: &Graph) -> Vec<ArticleRow> {
    graph
        .nodes()
        .filter_map(|(_, node)| {
            let info = node.article.as_ref()?;
            let ordinal = node.id.rsplit_once('#').and_then(|(_, n)| n.parse().ok()).unwrap_or(0);
            Some(ArticleRow {
                file: info.file.clone(),
                ordinal,
                kind: info.kind,
                title: info.title.clone(),
                authors: info.authors.clone(),
                unit: info.unit.clone(),
                body_chars: info.body_chars,
                first_line: info.first_line,
                last_line: info.last_line,
            })
        })
        .collect()
}

pub fn render(graph: &Graph) -> Vec<u8> {
    render_rows(&rows(graph)).into_bytes()
}

fn field(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}
