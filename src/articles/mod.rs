//! Stage 3: split pages into articles.
//!
//! In: a repaired [`Page`]. Out: its [`Article`]s, each with a title, authors, the
//! authors' unit and the blocks of its body.
//!
//! Architecture invariant: articles refer to blocks of the page by index; they never copy
//! or change text, so offsets still map back to the source.

use std::ops::Range;

use crate::layout::Page;

/// One article of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// 1-based number of the article on its page, in reading order.
    pub ordinal: u32,
    pub title: String,
    pub authors: Vec<String>,
    pub unit: Option<String>,
    /// Indices into [`Page::blocks`] of the article's body.
    pub body: Vec<usize>,
    /// Source lines the article spans, title and byline included.
    pub lines: Range<u32>,
}

/// Splits `page` into articles.
///
/// For now a page is one article, titled by its file name; layout-aware segmentation
/// replaces this.
pub fn segment(page: &Page) -> Vec<Article> {
    if page.blocks.is_empty() {
        return Vec::new();
    }
    let first = page.blocks.first().map_or(1, |b| b.first_line);
    let last = page.blocks.last().map_or(1, |b| b.last_line);
    let title = page
        .document
        .name
        .rsplit('/')
        .next()
        .unwrap_or(&page.document.name);
    let title = title.rsplit_once('.').map_or(title, |(stem, _)| stem);
    vec![Article {
        ordinal: 1,
        title: title.to_owned(),
        authors: Vec::new(),
        unit: None,
        body: (0..page.blocks.len()).collect(),
        lines: first..last + 1,
    }]
}
