//! Stage 5: link matches into a graph.
//!
//! In: for each document, its articles and the concept matches in each
//! ([`DocumentFindings`], built in parallel by [`find_in_page`]). Out: one [`Graph`].
//!
//! Finding happens per document, in parallel, and keeps only what the graph needs
//! (counts, surface forms, the first few evidence sentences, the edges relation rules
//! make), so the text of a document can be dropped as soon as it is searched. Merging
//! happens in document order on one thread, which makes the graph independent of the
//! thread count.
//!
//! [`Graph`]: crate::graph::Graph

mod builder;
mod cited;
mod findings;
mod sentences;
mod subjects;

pub use builder::{AFFILIATED_WITH, Finished, GraphBuilder, MENTIONS, WRITES_ABOUT, WROTE};

/// The relation from a unit to the organisation its name says it belongs to
/// (`济南建工集团有限公司党群工作部` –part_of→ `济南建工集团有限公司`).
pub const PART_OF: &str = "part_of";
pub use findings::{
    AUTHOR_UNIT_SEPARATOR, ArticleFindings, DocumentFindings, Link, Mention, NodeKey, UnitFinding, article_aliases,
    article_matches, article_short_forms, author_key, find_in_page, sentence_around,
};

/// How many occurrences of an edge keep their evidence.
pub const EVIDENCE_PER_EDGE: usize = 3;
