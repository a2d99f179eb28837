//! Stage 3: split pages into articles.
//!
//! In: a repaired [`Page`]. Out: its [`Article`]s, each with a title, authors, the
//! authors' unit and the blocks of its body.
//!
//! A newspaper page holds several articles whose titles, bylines and unit notes the
//! layout scatters. Layout repair has already found the *headers* (a title above a
//! byline) and the unit notes (`（作者单位：…）`), which close an article's body. What
//! is left is to decide which body belongs to which header:
//!
//! - **Order.** Some pages print title and byline before the body, others after it. A
//!   page whose text starts before its first header is read *headers after*; otherwise
//!   *headers before*.
//! - **Headers printed together.** Two headers in a row serve the two bodies next to
//!   them (before or after, by the page's order); which body goes with which title is
//!   decided by what each title shares with each body ([`similarity`]), not by
//!   position alone.
//! - **Leads.** On *headers after* pages an article's lead may follow its header; a
//!   paragraph just after a header that shares much more with that header's title than
//!   with the next one is taken as its lead.
//! - **Not authored.** Reading boxes (`阅读提示`, `来论`: a label and the paragraph
//!   after it) are kept as articles of kind [`ArticleKind::Box`]; text that no header
//!   claims (notices, adverts, continued news) is kept as [`ArticleKind::Unattributed`].
//!   Neither has authors, and neither is dropped: what they mention still counts.
//!
//! Architecture invariant: articles refer to blocks of the page by index; they never copy
//! or change text, so offsets still map back to the source.

mod similarity;

use similarity::Bigrams;

use std::ops::Range;

use crate::layout::{Block, BlockKind, Page, add_new_names};

/// One article of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// 1-based number of the article on its page, in order of first line.
    pub ordinal: u32,
    pub kind: ArticleKind,
    /// The title; for a box its label, for unattributed text the start of its first line.
    pub title: String,
    pub authors: Vec<String>,
    pub unit: Option<String>,
    /// The paper or agency its credit names (`本报记者` → `人民日报`): where the story
    /// comes from. Never its unit: the press reports what others do.
    pub source: Option<String>,
    /// Index of the title block, if the article has one.
    pub title_block: Option<usize>,
    /// The kicker (引题) above the headline and the subtitle (副题) below it, if printed.
    pub kicker: Option<String>,
    pub subtitle: Option<String>,
    /// Their blocks, searched like the title.
    pub kicker_block: Option<usize>,
    pub subtitle_block: Option<usize>,
    /// Where the story goes on to or comes from another page (`（下转第二版）`).
    pub continued: Option<String>,
    /// Index of the byline block, if the article has one.
    pub byline_block: Option<usize>,
    /// Index of the unit note that names the unit, if any.
    pub unit_block: Option<usize>,
    /// Indices into [`Page::blocks`] of the article's body, in page order.
    pub body: Vec<usize>,
    /// Source lines the article spans, title and byline included.
    pub lines: Range<u32>,
}

impl Article {
    /// The blocks whose text is searched for concepts: the title, then the body.
    pub fn text_blocks(&self) -> impl Iterator<Item = usize> + '_ {
        self.kicker_block
            .into_iter()
            .chain(self.title_block)
            .chain(self.subtitle_block)
            .chain(self.body.iter().copied())
    }

    /// Length of the body in characters.
    pub fn body_chars(&self, page: &Page) -> usize {
        self.body.iter().map(|&b| page.blocks[b].text.as_str().chars().count()).sum()
    }
}

/// What sort of text an article is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArticleKind {
    /// An article with a title and a byline, or a story with its headline.
    Authored,
    /// A reading box (`阅读提示`, `来论`), with its label.
    Box(String),
    /// Text no header claims: notices, adverts, news continued from another page.
    Unattributed,
}

impl ArticleKind {
    /// `article`, `box` or `text`, as outputs name it.
    pub fn name(&self) -> &'static str {
        match self {
            ArticleKind::Authored => "article",
            ArticleKind::Box(_) => "box",
            ArticleKind::Unattributed => "text",
        }
    }
}

/// A title with its byline.
#[derive(Clone, Debug)]
struct Header {
    title: Option<usize>,
    byline: usize,
}

/// Body blocks up to a unit note (or a header).
#[derive(Clone, Debug, Default)]
struct Chunk {
    blocks: Vec<usize>,
    note: Option<usize>,
}

/// A page read as a sequence of pieces.
#[derive(Clone, Debug)]
enum Piece {
    Headers(Vec<Header>),
    Body(usize),
    Note(usize),
    Box { labels: Vec<usize>, content: Vec<usize> },
}

/// Share of its title a paragraph must have to count as that article's lead.
const LEAD_MIN_SHARE: f64 = 0.25;

/// Splits `page` into articles.
pub fn segment(page: &Page) -> Vec<Article> {
    let pieces = pieces(&page.blocks);
    let first_header = pieces.iter().position(|p| matches!(p, Piece::Headers(_)));
    let first_text = pieces.iter().position(|p| matches!(p, Piece::Body(_) | Piece::Note(_)));
    // A page that opens with a story's headline reads headers before.
    let opens_with_headline = match first_text.map(|i| &pieces[i]) {
        Some(Piece::Body(block)) => page.blocks[*block].kind == BlockKind::Headline,
        _ => false,
    };
    let headers_after = match (first_header, first_text) {
        (Some(header), Some(text)) => text < header && !opens_with_headline,
        _ => false,
    };
    let mut drafts = if headers_after { read_headers_after(page, &pieces) } else { read_headers_before(page, &pieces) };
    for piece in &pieces {
        if let Piece::Box { labels, content } = piece {
            let label = labels.iter().map(|&b| page.blocks[b].text.as_str()).collect::<Vec<_>>().join(" ");
            let label = match &page.blocks[*labels.last().expect("a box has a label")].kind {
                BlockKind::BoxLabel(name) => name.clone(),
                _ => label,
            };
            drafts.push(Draft {
                kind: ArticleKind::Box(label.clone()),
                title: label,
                header: None,
                chunks: vec![Chunk {
                    blocks: content.iter().copied().chain(labels.iter().copied()).collect(),
                    note: None,
                }],
            });
        }
    }
    finish(page, drafts)
}

/// An article before its ordinal and line range are known.
#[derive(Clone, Debug)]
struct Draft {
    kind: ArticleKind,
    title: String,
    header: Option<Header>,
    chunks: Vec<Chunk>,
}

/// Reads the page's blocks as headers, body, notes and boxes.
fn pieces(blocks: &[Block]) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i].kind {
            // Kickers and subtitles belong to the headline beside them (see `finish`).
            BlockKind::Kicker | BlockKind::Subtitle => i += 1,
            BlockKind::Headline => {
                let mut next = i + 1;
                while matches!(blocks.get(next).map(|b| &b.kind), Some(BlockKind::Subtitle)) {
                    next += 1;
                }
                if matches!(blocks.get(next).map(|b| &b.kind), Some(BlockKind::Byline(_))) {
                    let header = Header { title: Some(i), byline: next };
                    match pieces.last_mut() {
                        Some(Piece::Headers(group)) => group.push(header),
                        _ => pieces.push(Piece::Headers(vec![header])),
                    }
                    i = next + 1;
                } else {
                    pieces.push(Piece::Body(i));
                    i += 1;
                }
            }
            BlockKind::Title | BlockKind::Byline(_) => {
                let (title, byline) = match blocks[i].kind {
                    BlockKind::Title if matches!(blocks.get(i + 1).map(|b| &b.kind), Some(BlockKind::Byline(_))) => {
                        (Some(i), i + 1)
                    }
                    BlockKind::Title => {
                        // A title whose byline was not recognised reads as a heading.
                        pieces.push(Piece::Body(i));
                        i += 1;
                        continue;
                    }
                    _ => (None, i),
                };
                let header = Header { title, byline };
                match pieces.last_mut() {
                    Some(Piece::Headers(group)) => group.push(header),
                    _ => pieces.push(Piece::Headers(vec![header])),
                }
                i = byline + 1;
            }
            BlockKind::BoxLabel(_) => {
                let mut labels = vec![i];
                while matches!(blocks.get(i + 1).map(|b| &b.kind), Some(BlockKind::BoxLabel(_))) {
                    i += 1;
                    labels.push(i);
                }
                // The box is the paragraphs after its label, up to a blank line.
                let mut content = Vec::new();
                while let Some(block) = blocks.get(i + 1 + content.len()) {
                    let first = content.is_empty();
                    if block.kind != BlockKind::Text || (!first && block.blank_before) {
                        break;
                    }
                    content.push(i + 1 + content.len());
                }
                i += 1 + content.len();
                pieces.push(Piece::Box { labels, content });
            }
            BlockKind::UnitNote(_) => {
                pieces.push(Piece::Note(i));
                i += 1;
            }
            BlockKind::Text | BlockKind::Heading | BlockKind::Continuation => {
                pieces.push(Piece::Body(i));
                i += 1;
            }
        }
    }
    pieces
}

/// Splits body pieces into chunks, each closed by a unit note.
fn chunks<'p>(pieces: impl Iterator<Item = &'p Piece>) -> Vec<Chunk> {
    let mut chunks = vec![Chunk::default()];
    for piece in pieces {
        let chunk = chunks.last_mut().expect("never empty");
        match piece {
            Piece::Body(block) => chunk.blocks.push(*block),
            Piece::Note(block) => {
                chunk.note = Some(*block);
                chunks.push(Chunk::default());
            }
            Piece::Headers(_) | Piece::Box { .. } => {}
        }
    }
    chunks.retain(|c| !c.blocks.is_empty() || c.note.is_some());
    chunks
}

/// Groups chunks into article bodies: each chunk closed by a note is a body; text after
/// the last note (or all of it, without notes) joins the last body.
fn bodies(chunks: Vec<Chunk>) -> Vec<Vec<Chunk>> {
    let mut bodies: Vec<Vec<Chunk>> = Vec::new();
    for chunk in chunks {
        match bodies.last_mut() {
            Some(body) if chunk.note.is_none() => body.push(chunk),
            _ => bodies.push(vec![chunk]),
        }
    }
    bodies
}

/// Pairs `headers` with `bodies`; extra bodies are merged into the first, missing ones
/// leave headers without a body.
fn pair(page: &Page, headers: &[Header], mut bodies: Vec<Vec<Chunk>>) -> Vec<Draft> {
    while bodies.len() > headers.len() && bodies.len() > 1 {
        let second = bodies.remove(1);
        bodies[0].extend(second);
    }
    while bodies.len() < headers.len() {
        bodies.push(Vec::new());
    }
    // One header and one body need no scoring.
    let assignment = if headers.len() == 1 {
        vec![0]
    } else {
        let title_grams: Vec<_> = headers.iter().map(|h| Bigrams::of(&header_title(page, h))).collect();
        let body_grams: Vec<_> = bodies.iter().map(|body| body_bigrams(page, body)).collect();
        let scores: Vec<Vec<f64>> =
            title_grams.iter().map(|t| body_grams.iter().map(|b| similarity::share(t, b)).collect()).collect();
        similarity::best_assignment(&scores)
    };
    headers
        .iter()
        .zip(assignment)
        .map(|(header, body)| Draft {
            kind: ArticleKind::Authored,
            title: header_title(page, header),
            header: Some(header.clone()),
            chunks: bodies[body].clone(),
        })
        .collect()
}

fn header_title(page: &Page, header: &Header) -> String {
    header.title.map(|b| page.blocks[b].text.as_str().to_owned()).unwrap_or_default()
}

fn body_bigrams(page: &Page, body: &[Chunk]) -> Bigrams {
    let mut grams = Bigrams::default();
    for chunk in body {
        for &block in &chunk.blocks {
            grams.extend(page.blocks[block].text.as_str());
        }
    }
    grams.finish()
}

/// Pages that print title and byline after the body: the text before a header group is
/// its bodies, and a lead right after it may belong to it too.
fn read_headers_after(page: &Page, pieces: &[Piece]) -> Vec<Draft> {
    let groups: Vec<(usize, &Vec<Header>)> = pieces
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match p {
            Piece::Headers(group) => Some((i, group)),
            _ => None,
        })
        .collect();
    let mut drafts = Vec::new();
    let mut start = 0;
    for (g, &(at, group)) in groups.iter().enumerate() {
        let mut group_drafts = pair(page, group, bodies(chunks(pieces[start..at].iter())));
        start = at + 1;
        // Leads: paragraphs right after the group that belong to one of its titles.
        let next_titles: Vec<_> = groups
            .get(g + 1)
            .map(|(_, next)| next.iter().map(|h| Bigrams::of(&header_title(page, h))).collect())
            .unwrap_or_default();
        let titles: Vec<_> = group_drafts.iter().map(|d| Bigrams::of(&d.title)).collect();
        loop {
            while matches!(pieces.get(start), Some(Piece::Box { .. })) {
                start += 1;
            }
            let Some(Piece::Body(block)) = pieces.get(start) else { break };
            let grams = Bigrams::of(page.blocks[*block].text.as_str());
            let (best, share) = titles
                .iter()
                .map(|t| similarity::share(t, &grams))
                .enumerate()
                .fold((0, 0.0), |best, (i, s)| if s > best.1 { (i, s) } else { best });
            let next_share = next_titles.iter().map(|t| similarity::share(t, &grams)).fold(0.0, f64::max);
            if share < LEAD_MIN_SHARE || share < 2.0 * next_share {
                break;
            }
            group_drafts[best].chunks.push(Chunk { blocks: vec![*block], note: None });
            start += 1;
        }
        drafts.extend(group_drafts);
    }
    drafts.extend(unattributed(page, chunks(pieces[start..].iter())));
    drafts
}

/// Pages that print title and byline before the body: a header group takes the bodies
/// after it, one per header, each closed by a unit note; text after the last of them
/// that no header claims is unattributed.
fn read_headers_before(page: &Page, pieces: &[Piece]) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let group_starts: Vec<usize> =
        pieces.iter().enumerate().filter(|(_, p)| matches!(p, Piece::Headers(_))).map(|(i, _)| i).collect();
    let before_first = group_starts.first().copied().unwrap_or(pieces.len());
    drafts.extend(unattributed(page, chunks(pieces[..before_first].iter())));
    for (g, &at) in group_starts.iter().enumerate() {
        let Piece::Headers(group) = &pieces[at] else { continue };
        let end = group_starts.get(g + 1).copied().unwrap_or(pieces.len());
        let mut claimed = chunks(pieces[at + 1..end].iter());
        // With notes, each header takes one body closed by a note, and what follows the
        // last of them is unattributed; without notes, the header (or the first of
        // them) takes everything up to the next group.
        let closed: Vec<usize> = claimed.iter().enumerate().filter(|(_, c)| c.note.is_some()).map(|(i, _)| i).collect();
        let taken = group.len().min(closed.len());
        let rest = if taken == 0 { Vec::new() } else { claimed.split_off(closed[taken - 1] + 1) };
        drafts.extend(pair(page, group, bodies(claimed)));
        drafts.extend(unattributed(page, rest));
    }
    drafts
}

/// Text no header claims, as unattributed articles: one per run, and a new one at each
/// title that has no byline (a news item continued from another page).
fn unattributed(page: &Page, chunks: Vec<Chunk>) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    for chunk in chunks {
        for &block in &chunk.blocks {
            let headline = page.blocks[block].kind == BlockKind::Headline;
            let titled = headline || page.blocks[block].kind == BlockKind::Title;
            match drafts.last_mut() {
                Some(draft) if !titled => draft.chunks[0].blocks.push(block),
                _ => {
                    let text = page.blocks[block].text.as_str();
                    let title =
                        if titled { text.to_owned() } else { text.chars().take(UNATTRIBUTED_TITLE_CHARS).collect() };
                    // A headline starts a story; its title block is the headline.
                    let (kind, header, blocks) = if headline {
                        (ArticleKind::Authored, Some(Header { title: Some(block), byline: usize::MAX }), vec![])
                    } else {
                        (ArticleKind::Unattributed, None, vec![block])
                    };
                    drafts.push(Draft { kind, title, header, chunks: vec![Chunk { blocks, note: None }] });
                }
            }
        }
        if let (Some(note), Some(draft)) = (chunk.note, drafts.last_mut()) {
            draft.chunks[0].note = Some(note);
        }
    }
    drafts
}

/// Longest paragraph taken as a credit line of its own (`本报记者 姜晓丹`).
const CREDIT_LINE_CHARS: usize = 40;

/// How many paragraphs at each end of a story may hold its credit.
const CREDIT_PARAGRAPHS: usize = 2;

/// How many paragraphs may open a story above its dateline: a speech's summary points.
const DATELINE_PARAGRAPHS: usize = 6;

/// How much of its first line names unattributed text.
const UNATTRIBUTED_TITLE_CHARS: usize = 24;

/// Longest section heading in a story, in characters: a kicker `某某集团——` or a short
/// headline `抓思想 抓组织 抓队伍`.
const SECTION_HEADING_CHARS: usize = 24;

/// Whether a paragraph opens a section of a story: a kicker ending in a dash
/// (`星海集团——`), or a short line with no sentence's end and no comma.
fn is_section_heading(text: &str) -> bool {
    let text = text.trim();
    let count = text.chars().count();
    (2..=SECTION_HEADING_CHARS).contains(&count)
        && (text.ends_with("——") || !text.contains(['。', '，', '；', '：', '！', '？', '（', '(', '、']))
}

/// Numbers drafts in page order and works out authors, unit and line range.
fn finish(page: &Page, drafts: Vec<Draft>) -> Vec<Article> {
    let mut articles: Vec<Article> = drafts
        .into_iter()
        .filter_map(|draft| {
            // A story's header has a headline and no byline block (`usize::MAX`).
            let mut byline = draft.header.as_ref().map(|h| h.byline).filter(|&b| b < page.blocks.len());
            let (mut authors, byline_unit, mut source) = match byline.map(|b| &page.blocks[b].kind) {
                Some(BlockKind::Byline(byline)) => (byline.authors.clone(), byline.unit.clone(), byline.source.clone()),
                _ => (Vec::new(), None, None),
            };
            let mut body_blocks: Vec<usize> = draft.chunks.iter().flat_map(|c| c.blocks.iter().copied()).collect();
            body_blocks.sort_unstable();
            let text: Vec<usize> =
                body_blocks.iter().copied().filter(|&b| page.blocks[b].kind == BlockKind::Text).collect();
            let credit_of = |b: &usize| page.credits.iter().find(|(c, _)| c == b);
            let bracketed = |b: &&usize| page.blocks[**b].text.as_str().trim_start().starts_with(['（', '(']);
            // A story without a byline: its credit opens its first paragraph or closes
            // its last (`本报北京1月7日电（记者 王伟健）`, `（本报记者 江琳、冉永平）`).
            if draft.kind == ArticleKind::Authored && byline.is_none() {
                let opening = text.iter().take(CREDIT_PARAGRAPHS).find_map(credit_of);
                let closing = text.iter().rev().take(CREDIT_PARAGRAPHS).find_map(credit_of);
                // A dateline opens the news however many summary points stand above it
                // (`本报北京1月8日电 （记者姜洁）` under three lines of a speech's gist).
                let dateline = || {
                    text.iter()
                        .take(DATELINE_PARAGRAPHS)
                        .skip(CREDIT_PARAGRAPHS)
                        .filter(|b| !bracketed(b))
                        .find_map(credit_of)
                };
                let mut credited: Vec<(usize, &crate::layout::Byline)> = Vec::new();
                if let Some((block, credit)) = opening.or(closing).or_else(dateline) {
                    credited.push((*block, credit));
                    source = credit.source.clone();
                    byline = Some(*block);
                }
                // A story credited where it opens and again where it closes (a dateline
                // with a correspondent, then a roundup's reporters: `（综合本报记者甲、乙）`)
                // is by all of them.
                for (block, credit) in [opening.or_else(dateline), closing].into_iter().flatten() {
                    if !credited.iter().any(|(b, _)| b == block) {
                        credited.push((*block, credit));
                    }
                }
                // Credits standing as paragraphs of their own inside the story credit
                // its sections (a roundup): their reporters are the story's too.
                for (block, credit) in &page.credits {
                    // A bracketed credit (`（本报记者 …）`) closes a story: it is no section's,
                    // unless a section heading follows (a page of several signed stories
                    // printed as one, each opened by a kicker `某某集团——` or a headline).
                    let text_of = page.blocks[*block].text.as_str();
                    let Some(at) = text.iter().position(|b| b == block) else { continue };
                    let heading_after =
                        text.get(at + 1).is_some_and(|&next| is_section_heading(page.blocks[next].text.as_str()));
                    if text_of.chars().count() <= CREDIT_LINE_CHARS && (!bracketed(&block) || heading_after) {
                        credited.push((*block, credit));
                        byline = byline.or(Some(*block));
                        source = source.or_else(|| credit.source.clone());
                    }
                }
                // The reporters in the order the page prints them.
                credited.sort_by_key(|&(block, _)| block);
                add_new_names(&mut authors, credited.iter().flat_map(|(_, credit)| &credit.authors));
            } else if draft.kind == ArticleKind::Authored {
                // A bylined story closed by a bracketed credit of more reporters
                // (`（综合本报记者甲、乙）`) is theirs too.
                let closing = text.iter().rev().take(CREDIT_PARAGRAPHS).filter(bracketed).find_map(credit_of);
                add_new_names(&mut authors, closing.iter().flat_map(|(_, credit)| &credit.authors));
            }
            let unit_block = draft.chunks.iter().rev().find_map(|c| c.note);
            let note_unit = unit_block.and_then(|b| match &page.blocks[b].kind {
                BlockKind::UnitNote(unit) if !unit.is_empty() => Some(unit.clone()),
                _ => None,
            });
            let mut body = body_blocks;
            let title_block = draft.header.as_ref().and_then(|h| h.title);
            let beside = |offset: isize, kind: BlockKind| {
                let t = title_block? as isize + offset;
                (t >= 0 && page.blocks.get(t as usize).is_some_and(|b| b.kind == kind)).then_some(t as usize)
            };
            let kicker_block = beside(-1, BlockKind::Kicker);
            let subtitle_block = beside(1, BlockKind::Subtitle);
            let continued = body
                .iter()
                .find(|&&b| page.blocks[b].kind == BlockKind::Continuation)
                .map(|&b| page.blocks[b].text.as_str().to_owned());
            let all: Vec<usize> = body
                .iter()
                .copied()
                .chain(title_block)
                .chain(kicker_block)
                .chain(subtitle_block)
                .chain(byline.filter(|b| !body.contains(b)))
                .chain(unit_block)
                .collect();
            let first = all.iter().map(|&b| page.blocks[b].first_line).min()?;
            let last = all.iter().map(|&b| page.blocks[b].last_line).max()?;
            // Box labels are part of the box's lines but not of its text.
            body.retain(|&b| !matches!(page.blocks[b].kind, BlockKind::BoxLabel(_)));
            Some(Article {
                ordinal: 0,
                kind: draft.kind,
                title: draft.title,
                authors,
                unit: note_unit.or(byline_unit),
                source,
                title_block,
                kicker: kicker_block.map(|b| page.blocks[b].text.as_str().to_owned()),
                subtitle: subtitle_block.map(|b| page.blocks[b].text.as_str().to_owned()),
                kicker_block,
                subtitle_block,
                continued,
                byline_block: byline,
                unit_block,
                body,
                lines: first..last + 1,
            })
        })
        .collect();
    articles.sort_by_key(|a| (a.lines.start, a.lines.end));
    for (i, article) in articles.iter_mut().enumerate() {
        article.ordinal = i as u32 + 1;
    }
    articles
}
