//! Relation rules: which kinds link, under which name, within which scope.

use super::{KindId, Origin};

/// A compiled relation rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// The edge's relation name: `practises`, `co_occurs`.
    pub name: String,
    pub from: KindId,
    pub to: KindId,
    pub scope: Scope,
    /// Undirected relations (co-occurrence) link each pair once, whichever comes first.
    pub directed: bool,
    pub note: Option<String>,
    pub origin: Origin,
}

/// Where two nodes must stand together for a relation to link them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// The `from` node is the article's author or their unit; the `to` node is mentioned
    /// anywhere in the article. (`菏建国投`'s author writes about `七心工作法`.)
    Byline,
    /// Both are mentioned in one sentence.
    Sentence,
    /// Both are mentioned in one paragraph.
    Paragraph,
    /// Both are mentioned in one article.
    Article,
}

impl Scope {
    pub fn parse(text: &str) -> Option<Scope> {
        match text {
            "byline" => Some(Scope::Byline),
            "sentence" => Some(Scope::Sentence),
            "paragraph" => Some(Scope::Paragraph),
            "article" => Some(Scope::Article),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Scope::Byline => "byline",
            Scope::Sentence => "sentence",
            Scope::Paragraph => "paragraph",
            Scope::Article => "article",
        }
    }
}
