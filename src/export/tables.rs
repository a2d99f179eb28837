//! `articles.tsv` and `mentions.csv`: the article level, written as documents merge.
//!
//! Both tables grow with the text (a row per article, a row per concept an article
//! mentions), so they are never held in memory: [`Spools`] appends each document's rows
//! to an anonymous temporary file as its findings are merged, and the export stage copies
//! the spooled rows into the output folder with the other formats, all or nothing.
//! `mentions.csv` is spooled with the ids concepts had while the graph was built and
//! written with the ids they have in the finished graph (`聊城水务集团` becomes
//! `聊城水务集团有限公司` when both names are seen).
//!
//! `mentions.csv` columns: `article` (the article's id, `article:FILE#N`, as in
//! `articles.tsv` and the edges' evidence), `concept` (`kind:id`), `count` (occurrences
//! in the article), `first` (`file:line` of the first). It lists every mention, whatever
//! `--min-articles` keeps in the graph.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};

use super::articles::{self, ArticleRow};
use crate::link::DocumentFindings;

/// The header of `mentions.csv`.
pub const MENTIONS_HEADER: &str = "article,concept,count,first";

/// The tables being spooled; a table not asked for is not written at all.
pub struct Spools {
    kinds: Vec<String>,
    articles: Option<BufWriter<File>>,
    mentions: Option<BufWriter<File>>,
}

impl Spools {
    /// Spools for the tables asked for; `kinds` are the kind names by kind id.
    pub fn new(kinds: Vec<String>, articles: bool, mentions: bool) -> std::io::Result<Spools> {
        let spool = |wanted: bool| -> std::io::Result<Option<BufWriter<File>>> {
            Ok(if wanted { Some(BufWriter::with_capacity(1 << 16, tempfile::tempfile()?)) } else { None })
        };
        let mut spools = Spools { kinds, articles: spool(articles)?, mentions: spool(mentions)? };
        if let Some(out) = &mut spools.articles {
            writeln!(out, "{}", articles::HEADER)?;
        }
        Ok(spools)
    }

    /// Appends the rows of one document.
    pub fn add_document(&mut self, findings: &DocumentFindings) -> std::io::Result<()> {
        for found in &findings.articles {
            if let Some(out) = &mut self.articles {
                out.write_all(articles::render_row(&ArticleRow::of(&findings.file, found)).as_bytes())?;
            }
            if let Some(out) = &mut self.mentions {
                // Spooled tab-separated, a field at a time (a row per mention: no
                // formatting machinery); quoted as CSV when copied out.
                let article = plain(&found.node_id);
                let mut number = itoa::Buffer::new();
                for mention in &found.mentions {
                    out.write_all(article.as_bytes())?;
                    out.write_all(b"\t")?;
                    out.write_all(self.kinds[mention.key.kind].as_bytes())?;
                    out.write_all(b":")?;
                    out.write_all(plain(&mention.key.id).as_bytes())?;
                    out.write_all(b"\t")?;
                    out.write_all(number.format(mention.count).as_bytes())?;
                    out.write_all(b"\t")?;
                    if let Some(first) = mention.evidence.first() {
                        out.write_all(plain(&first.file).as_bytes())?;
                        out.write_all(b":")?;
                        out.write_all(number.format(first.line).as_bytes())?;
                    }
                    out.write_all(b"\n")?;
                }
            }
        }
        Ok(())
    }

    /// The spooled tables, ready to be copied out; `renamed` maps concept ids that
    /// changed when the graph was finished to their final ids.
    pub fn finish(self, renamed: HashMap<String, String>) -> std::io::Result<Tables> {
        let rewind = |spool: Option<BufWriter<File>>| -> std::io::Result<Option<File>> {
            let Some(spool) = spool else { return Ok(None) };
            let mut file = spool.into_inner().map_err(|e| e.into_error())?;
            file.rewind()?;
            Ok(Some(file))
        };
        Ok(Tables { articles: rewind(self.articles)?, mentions: rewind(self.mentions)?, renamed })
    }
}

/// Spooled tables, ready to be copied into the output folder.
#[derive(Debug, Default)]
pub struct Tables {
    articles: Option<File>,
    mentions: Option<File>,
    renamed: HashMap<String, String>,
}

impl Tables {
    /// Copies `articles.tsv` to `out` (just the header when nothing was spooled).
    pub fn write_articles(&self, out: &mut dyn Write) -> std::io::Result<()> {
        match &self.articles {
            Some(file) => {
                let mut reader: &File = file;
                std::io::copy(&mut reader, out).map(drop)
            }
            None => writeln!(out, "{}", articles::HEADER),
        }
    }

    /// Writes `mentions.csv` to `out` from the spooled rows, with final concept ids.
    /// Two names of one article that finishing merged into one concept become one row
    /// (counts added, the earlier first occurrence kept); an article's rows are
    /// contiguous in the spool, so only one article's rows are held at a time.
    pub fn write_mentions(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "{MENTIONS_HEADER}")?;
        let Some(file) = &self.mentions else { return Ok(()) };
        let mut bytes = Vec::new();
        let mut reader = BufReader::with_capacity(1 << 16, file);
        let mut article = String::new();
        let mut rows: Vec<MentionRow> = Vec::new();
        while reader.read_until(b'\n', &mut bytes)? > 0 {
            // The spool holds only what `add_document` wrote from strings; simdutf8
            // checks that at a fraction of std's cost a byte of Chinese text.
            let line = simdutf8::basic::from_utf8(&bytes)
                .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "mentions spool is not UTF-8"))?;
            let mut fields = line.trim_end_matches('\n').splitn(4, '\t');
            let mut next = || fields.next().unwrap_or("");
            let (this_article, concept, count, first) = (next(), next(), next(), next());
            if this_article != article {
                write_article_mentions(out, &article, &mut rows)?;
                this_article.clone_into(&mut article);
            }
            let concept = self.renamed.get(concept).map_or(concept, String::as_str);
            let count: u64 = count.parse().unwrap_or(0);
            match rows.iter_mut().find(|row| row.concept == concept) {
                Some(row) => {
                    row.count += count;
                    if line_of(first) < line_of(&row.first) {
                        first.clone_into(&mut row.first);
                    }
                }
                None => rows.push(MentionRow { concept: concept.to_owned(), count, first: first.to_owned() }),
            }
            bytes.clear();
        }
        write_article_mentions(out, &article, &mut rows)
    }
}

/// One row of `mentions.csv` while its article's rows are gathered.
struct MentionRow {
    concept: String,
    count: u64,
    first: String,
}

/// Writes and empties the gathered rows of `article`, a field at a time (no
/// formatting machinery: these are most of the rows tupu writes).
fn write_article_mentions(out: &mut dyn Write, article: &str, rows: &mut Vec<MentionRow>) -> std::io::Result<()> {
    let article = super::csv::quote(article);
    let mut count = itoa::Buffer::new();
    for row in rows.drain(..) {
        out.write_all(article.as_bytes())?;
        out.write_all(b",")?;
        out.write_all(super::csv::quote(&row.concept).as_bytes())?;
        out.write_all(b",")?;
        out.write_all(count.format(row.count).as_bytes())?;
        out.write_all(b",")?;
        out.write_all(super::csv::quote(&row.first).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The line number of a `file:line` location (0 when it has none), to compare two
/// locations in the same file.
fn line_of(location: &str) -> u64 {
    location.rsplit(':').next().and_then(|line| line.parse().ok()).unwrap_or(0)
}

/// A field with the spool's separators (tabs, line breaks) turned into spaces.
fn plain(text: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr3(b'\t', b'\n', b'\r', text.as_bytes()).is_some() {
        text.replace(['\t', '\n', '\r'], " ").into()
    } else {
        text.into()
    }
}
