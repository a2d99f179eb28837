//! Stage 2: repair layout.
//!
//! In: a decoded [`Document`] and the newspaper conventions of the rules
//! ([`LayoutRules`]). Out: a [`Page`] of [`Block`]s, each a piece of text a reader takes
//! as one: a paragraph, a heading, a title, a byline, a unit note, a box label.
//!
//! The work happens in three steps:
//!
//! 1. [`lines`] cleans each physical line (indentation, full-width spaces, Markdown
//!    heading marks, characters spread apart by spaces, headings OCR'd with every
//!    character doubled), merges vertical text, and splits unit notes off the ends of
//!    lines (and off the text after them, in a line that lost its breaks).
//! 2. Lines are classified *before* anything is joined: bylines, unit notes and box
//!    labels by the rules' conventions, titles by where they stand (the lines just
//!    above a byline). Joining first would glue titles to bylines.
//! 3. Body lines that continue a sentence are joined: newspapers wrap every few
//!    characters and OCR keeps those wraps, but “两个维\n护” must read as one word.
//!    A paragraph longer than [`MAX_BLOCK`] (a file without line breaks) is cut into
//!    blocks at sentence ends ([`cut`]), so that no block is unboundedly long.
//!
//! Architecture invariant: repaired text only ever *removes* characters from the source
//! (see [`MappedText`]), so every offset in a block maps back to the file, line and
//! column it came from.

mod byline;
pub mod chars;
mod cut;
mod lines;
mod mapped;

pub use byline::{Byline, add_new_names, parse_byline, parse_credit};
pub use cut::MAX_BLOCK;
pub use lines::{Line, clean_lines, is_name, unit_note_start};
pub use mapped::MappedText;

use crate::load::Document;
use crate::position::{LineIndex, Position};
use crate::rules::LayoutRules;

/// A document after layout repair.
#[derive(Debug)]
pub struct Page {
    pub document: Document,
    pub line_index: LineIndex,
    pub blocks: Vec<Block>,
    /// News credits at the start of text blocks (datelines, bracketed credits), by
    /// block index, in block order.
    pub credits: Vec<(usize, Byline)>,
}

impl Page {
    /// The source position of byte `at` of `block`'s text.
    pub fn position(&self, block: &Block, at: usize) -> Position {
        self.line_index.position(&self.document.text, block.text.source_offset(at))
    }
}

/// A run of repaired text a reader takes as one piece.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub text: MappedText,
    /// First and last source line (1-based) the block was built from.
    pub first_line: u32,
    pub last_line: u32,
    pub kind: BlockKind,
    /// Whether blank lines stand before the block.
    pub blank_before: bool,
    /// Whether the block goes on the paragraph of the block before it: a paragraph
    /// longer than [`MAX_BLOCK`] is cut into several blocks (see [`cut`]).
    pub continues: bool,
}

/// What a block is, as far as layout tells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// Running text: a paragraph, or part of one cut by a column break.
    Text,
    /// A heading inside an article: a Markdown heading, a doubled bold heading.
    Heading,
    /// An article title: the line or lines just above a byline.
    Title,
    /// A byline and what it names.
    Byline(Byline),
    /// A unit note, `（作者单位：…）`, and the unit it names.
    UnitNote(String),
    /// The label of a box that is not an authored article: `阅读提示`.
    BoxLabel(String),
    /// A note that an item continues from (or on) another page: `（上接1版）`.
    Continuation,
    /// The headline of a story printed without a byline: a line standing on its own
    /// at the start of the page or after a finished paragraph.
    Headline,
    /// The line above a headline (引题).
    Kicker,
    /// The line below a headline (副题), often opened by a dash.
    Subtitle,
}

/// Repairs the layout of `document`.
pub fn repair(document: Document, rules: &LayoutRules) -> Page {
    let line_index = LineIndex::new(&document.text);
    let lines = clean_lines(&document.text, &line_index, rules);
    let classes = classify(&lines, rules);
    let blocks = cut::cut_long_blocks(join(lines, classes, rules), &line_index);
    // Credits open paragraphs, not the blocks a long paragraph was cut into.
    let credits = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Text && !b.continues)
        .filter_map(|(i, b)| parse_credit(b.text.as_str(), rules).map(|credit| (i, credit)))
        .collect();
    Page { document, line_index, blocks, credits }
}

/// What a line is, before joining.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Class {
    Body,
    /// A reporters' line crediting a section of a story: a paragraph of its own.
    Credit,
    Heading,
    Title,
    Byline(Byline),
    UnitNote,
    BoxLabel(String),
    Continuation,
    Headline,
    Kicker,
    Subtitle,
    /// A site's metadata line under the one before (`发布时间：…` under `作者：张三`): part
    /// of the byline block that line opens (see [`metadata_bylines`]).
    Metadata,
}

/// Most lines a title spans.
const MAX_TITLE_LINES: usize = 3;
/// Longest line taken as (part of) a title, in characters.
const MAX_TITLE_WIDTH: usize = 40;

fn classify(lines: &[Line], rules: &LayoutRules) -> Vec<Class> {
    let mut classes: Vec<Class> = lines
        .iter()
        .map(|line| {
            let text = line.as_str();
            if let Some(label) = rules.box_label(text) {
                Class::BoxLabel(label.to_owned())
            } else if rules.is_continuation_marker(text) {
                Class::Continuation
            } else if text.starts_with(['（', '(']) && unit_note_start(text, rules) == Some(0) {
                Class::UnitNote
            } else if let Some(byline) = parse_byline(text, rules) {
                Class::Byline(byline)
            } else if line.heading {
                Class::Heading
            } else {
                Class::Body
            }
        })
        .collect();
    metadata_bylines(lines, &mut classes, rules);
    // Pages that print bylines with markers or units (`■ 张国强`, `某某有限公司 赵丽娜`)
    // or unit notes set their titles above the bylines; headlines standing on their own
    // are for pages of news, without those.
    let marked = classes.iter().zip(lines).any(|(class, line)| match class {
        Class::UnitNote => true,
        Class::Byline(byline) => byline.unit.is_some() || line.as_str().starts_with(|c| rules.is_byline_marker(c)),
        _ => false,
    });
    if !marked {
        mark_headlines(lines, &mut classes, rules);
        // A page that opens with a story's headline is one story per file (or a PDF
        // page of stories): a reporters' byline indented like its paragraphs credits a
        // section of the story (`　　本报记者 姜晓丹` in a roundup), not a new article.
        // So is one that does not stand right under a headline (see `mark_headlines`).
        if matches!(classes.first(), Some(Class::Kicker | Class::Headline)) {
            for (class, line) in classes.iter_mut().zip(lines) {
                if matches!(class, Class::Byline(b) if b.unit.is_none()) && line.indented {
                    *class = Class::Credit;
                }
            }
        }
    }
    // A title is the run of title-like lines just above a byline (or a continuation
    // note); blank lines may stand between title and byline, but not inside the title.
    for i in 0..lines.len() {
        if !matches!(classes[i], Class::Byline(_) | Class::Continuation) {
            continue;
        }
        let mut j = i;
        let mut taken = 0;
        while j > 0 && taken < MAX_TITLE_LINES {
            let candidate = &lines[j - 1];
            let adjacent = taken == 0 || !lines[j].blank_before;
            if !adjacent
                || !matches!(classes[j - 1], Class::Body | Class::Heading)
                || !is_title_like(candidate.as_str())
            {
                break;
            }
            classes[j - 1] = Class::Title;
            taken += 1;
            j -= 1;
        }
    }
    classes
}

/// A site's metadata lines (`来源：人民网`, `作者：张三`, `发布时间：…`, see
/// [`byline::parse_metadata`]) standing together are one byline, naming the authors and
/// the source of them all, where they name either or stand right under a title-like
/// line: its first line is the byline, the others are part of it. So they are never
/// taken for a headline or the story's first paragraph, and the title above them is
/// the story's. Elsewhere (`责任编辑：张三` closing a story) they stay what they were.
fn metadata_bylines(lines: &[Line], classes: &mut [Class], rules: &LayoutRules) {
    // Only lines of text may be metadata: bylines, notes and labels are what they are.
    let metadata: Vec<Option<Byline>> = lines
        .iter()
        .zip(classes.iter())
        .map(|(line, class)| {
            matches!(class, Class::Body | Class::Heading)
                .then(|| byline::parse_metadata(line.as_str(), rules))
                .flatten()
        })
        .collect();
    let mut i = 0;
    while i < lines.len() {
        if metadata[i].is_none() {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < lines.len() && metadata[end].is_some() && !lines[end].blank_before && classes[end] == Class::Body {
            end += 1;
        }
        let mut run = Byline::default();
        for byline in metadata[i..end].iter().flatten() {
            add_new_names(&mut run.authors, &byline.authors);
            run.source = run.source.take().or_else(|| byline.source.clone());
        }
        let under_title = i > 0
            && matches!(classes[i - 1], Class::Body | Class::Heading)
            && metadata[i - 1].is_none()
            && is_title_like(lines[i - 1].as_str());
        if !run.authors.is_empty() || run.source.is_some() || under_title {
            classes[i] = Class::Byline(run);
            classes[i + 1..end].fill(Class::Metadata);
        }
        i = end;
    }
}

/// Most lines a story's headline block spans: kicker, headline, subtitle.
const MAX_HEADLINE_LINES: usize = 3;
/// Longest line taken as part of a story's headline, in characters.
const MAX_HEADLINE_WIDTH: usize = 80;
/// How many lines on each side set the column width a headline must stand out from.
const HEADLINE_WINDOW: usize = 6;

/// Marks the headline blocks of stories printed without bylines (the crawler's one
/// article per file, PDF pages of several stories): a run of one to three lines that
/// starts the page or follows a finished paragraph, ends before a blank line, an
/// indented paragraph or a byline, reads like a title (no sentence end, not opened by a
/// bracket) and is not a wrapped line of the column around it (a headline is wider or
/// narrower than the column, or doubled, or in two parts split by a space). Of the run,
/// lines opened by a dash are subtitles; of the others the last is the headline, and
/// one above it the kicker.
fn mark_headlines(lines: &[Line], classes: &mut [Class], rules: &LayoutRules) {
    let free = |classes: &[Class], i: usize| matches!(classes[i], Class::Body | Class::Heading);
    // Widths as printed: ASCII characters take half a column.
    // Counted by bytes, which the compiler vectorises: every line of every page is.
    let widths: Vec<usize> = lines
        .iter()
        .map(|l| {
            let text = l.as_str();
            let ascii = text.bytes().filter(u8::is_ascii).count();
            text.chars().count() - ascii + ascii.div_ceil(2)
        })
        .collect();
    let mut first_story = true;
    let mut i = 0;
    while i < lines.len() {
        // On a page that opens with a story, a reporters' line that does not stand
        // right under a headline credits a section of that story (a roundup: heading,
        // then `本报记者 X`): it is text of the story, and the heading above it too.
        let opens_with_story = matches!(classes.first(), Some(Class::Kicker | Class::Headline));
        let under_headline = i > 0 && matches!(classes[i - 1], Class::Headline | Class::Subtitle);
        if opens_with_story && !under_headline && matches!(&classes[i], Class::Byline(b) if b.unit.is_none()) {
            classes[i] = Class::Credit;
            i += 1;
            continue;
        }
        // A headline is followed by a body: the line after a headline block is text.
        // So is the line after a section's credit.
        let after_headline =
            i > 0 && matches!(classes[i - 1], Class::Headline | Class::Kicker | Class::Subtitle | Class::Credit);
        let after_finished = i == 0
            || !after_headline && !free(classes, i - 1)
            || !after_headline
                && ((chars::ends_sentence(lines[i - 1].as_str())
                    || lines[i - 1].as_str().ends_with(['）', ')'])
                    || is_page_credit(lines[i - 1].as_str(), rules))
                    && (lines[i].blank_before || lines[i - 1].indented));
        let starts = after_finished && (i == 0 || lines[i].blank_before || !lines[i].indented);
        if !starts || !free(classes, i) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < lines.len()
            && end - i < MAX_HEADLINE_LINES
            && free(classes, end)
            && (end == i || !lines[end].blank_before)
            && (is_headline_like(&lines[end], rules)
                || i == 0 && is_top_headline_like(&lines[end], end == i, rules)
                || end > i && is_bracketed_subtitle(lines[end].as_str(), rules))
        {
            end += 1;
        }
        // A kicker ending in a colon (`兰某：`) stands above its headline, never alone.
        if end == i + 1 && lines[i].as_str().ends_with(['：', ':']) {
            end = i;
        }
        let closed =
            end > i && (end == lines.len() || lines[end].blank_before || lines[end].indented || !free(classes, end));
        // A headline is followed by a body: a signature and a date closing the page are
        // none.
        let body_follows = || {
            let mut chars = 0;
            lines[end..].iter().any(|l| {
                chars += l.as_str().chars().count();
                chars >= MIN_BODY_CHARS
            })
        };
        if !closed || !body_follows() {
            i += 1;
            continue;
        }
        let run = i..end;
        // A wrapped paragraph fills the column on every line but its last: so every line
        // of a headline run but the last must stand out, and a lone line itself.
        let last = end - 1;
        // A line standing alone at the very top of the page is a headline: the first
        // line of a paragraph is not followed by a blank line.
        let top_alone = i == 0 && end == 1 && lines.get(1).is_some_and(|l| l.blank_before);
        // A subtitle opened by a dash under it marks a headline too: a wrapped line
        // does not start with a dash.
        let subtitled = end - i >= 2 && is_subtitle(lines[last].as_str());
        // The column around the run, for the lines that are not headings.
        let column = {
            let from = i.saturating_sub(HEADLINE_WINDOW);
            let to = (end + HEADLINE_WINDOW).min(lines.len());
            let mut around: Vec<usize> = (from..to).filter(|j| !run.contains(j)).map(|j| widths[j]).collect();
            around.sort_unstable();
            around.get(around.len() / 2).copied()
        };
        // No line of a wrapped paragraph is wider than its column: a run whose last line
        // is cannot be one.
        let wider_last = column.is_some_and(|column| widths[last] > column + 2);
        let stands_out = top_alone
            || subtitled
            || wider_last
            || lines[i..end].iter().any(|l| l.heading)
            || run.clone().filter(|&k| k < last || k == i).all(|k| {
                let line = &lines[k];
                // Two parts split by a space mark a headline standing alone; a line
                // followed by more of the run may be a wrapped heading's first line.
                if line.heading || end - i == 1 && has_inner_space(line.as_str()) {
                    return true;
                }
                // At the top of the page a phrase without clause punctuation is a
                // headline whatever its width: nothing comes before it to be wrapped
                // with it.
                if i == 0 && !line.as_str().contains(['，', '、', '；', '：', ',', ';']) {
                    return true;
                }
                column.is_none_or(|column| widths[k] + 1 < column || widths[k] > column + 2)
            });
        let titles: Vec<usize> = run.clone().filter(|&k| !is_subtitle(lines[k].as_str())).collect();
        // A doubled (bold) line is the headline: the lines above it are its kicker,
        // those below its subtitle.
        let bold = titles.iter().copied().find(|&k| lines[k].heading);
        // Three lines are kicker, headline and a subtitle opened by a dash (or a bold
        // headline between the two); three plain lines are a wrapped paragraph, unless
        // they open the page flush left over indented paragraphs (the crawler's header:
        // kicker, headline, subtitle, `李克强…出席 王沪宁主持`).
        let header_over_indented =
            i == 0 && run.clone().all(|k| !lines[k].indented) && lines.get(end).is_some_and(|l| l.indented);
        let three_plain = titles.len() >= 3 && bold.is_none() && !header_over_indented;
        if !stands_out || titles.is_empty() || three_plain || is_subtitle(lines[i].as_str()) {
            i += 1;
            continue;
        }
        // A blank line above the first line of the page stands where a kicker would.
        let no_kicker = i == 0 && lines[i].blank_before;
        // A column tag (`…（改革落实在基层）`) is printed after the headline, not after
        // its kicker or subtitle.
        let tagged = titles.iter().copied().find(|&k| {
            let text = lines[k].as_str();
            text.ends_with(['）', ')']) && !text.starts_with(['（', '('])
        });
        let headline = bold.or(tagged).unwrap_or(if titles.len() >= 2 && !no_kicker { titles[1] } else { titles[0] });
        // After the page's first story, a headline alone may be a section heading of
        // the story going on. A new story shows itself: a kicker or subtitle, a doubled
        // (bold) headline, another column width, or a credit opening its text.
        if !first_story {
            let column = |range: std::ops::Range<usize>| {
                let mut w: Vec<usize> = range.map(|j| widths[j]).collect();
                w.sort_unstable();
                w.get(w.len() / 2).copied()
            };
            let before = column(i.saturating_sub(COLUMN_SAMPLE)..i);
            let after = column(end..(end + COLUMN_SAMPLE).min(lines.len()));
            let other_column = matches!((before, after), (Some(b), Some(a)) if b.abs_diff(a) >= 2);
            // A line far wider than the column around spans columns: a section heading
            // stands in its column.
            let spanning = widths[i..end]
                .iter()
                .any(|&w| before.into_iter().chain(after).all(|column| w * 3 > column * 4 && w > column + 3));
            let opening: String = lines[end..(end + 3).min(lines.len())].iter().map(Line::as_str).collect();
            // A reporters' line of its own under a heading credits a section of a
            // roundup; a new story's credit opens its text (a dateline).
            let credited =
                parse_credit(&opening, rules).is_some() && !matches!(classes.get(end), Some(Class::Byline(_)));
            let doubled = lines[i..end].iter().any(|l| l.heading);
            // The paragraph before closes a story: a credit (`（本报记者 …）`), a page
            // credit; or the headline carries a column tag (`…（人民要论）`).
            let mut start = i.saturating_sub(1);
            while start > 0 && !lines[start].blank_before && i - start < COLUMN_SAMPLE {
                start -= 1;
            }
            let closing: String = lines[start..i].iter().map(Line::as_str).collect();
            let closed_before = (closing.starts_with(['（', '(']) && closing.ends_with(['）', ')']))
                || parse_credit(&closing, rules).is_some()
                || i > 0 && is_page_credit(lines[i - 1].as_str(), rules);
            let tagged = lines[i].as_str().ends_with(['）', ')']);
            if end - i == 1 && !doubled && !other_column && !spanning && !credited && !closed_before && !tagged {
                i = end;
                continue;
            }
        }
        first_story = false;
        for k in run {
            classes[k] = match k.cmp(&headline) {
                std::cmp::Ordering::Less => Class::Kicker,
                std::cmp::Ordering::Equal => Class::Headline,
                std::cmp::Ordering::Greater => Class::Subtitle,
            };
        }
        i = end;
    }
}

/// Fewest characters of text after a headline: what follows a headline is a story.
const MIN_BODY_CHARS: usize = 15;
/// How many lines before and after a headline show the column width around it.
const COLUMN_SAMPLE: usize = 10;
/// Fewest Chinese characters of a headline (`7.7万` is a figure, not a headline).
const MIN_HEADLINE_HAN: usize = 4;

fn is_headline_like(line: &Line, rules: &LayoutRules) -> bool {
    let text = line.as_str();
    let last = text.chars().next_back();
    !line.indented
        && !is_page_credit(text, rules)
        && parse_byline(text, rules).is_none()
        && !is_numbered(text)
        && text.chars().filter(|&c| chars::is_han(c)).count() >= MIN_HEADLINE_HAN
        && line.width() <= MAX_HEADLINE_WIDTH
        && !chars::ends_sentence(text)
        && !last.is_some_and(|c| matches!(c, '，' | '、' | '：' | ':' | '；' | ','))
        && !text.starts_with(['（', '('])
        // A full stop inside the line is a wrapped sentence going on, not a headline.
        && !text.contains('。')
}

/// A numbered section heading (`一、`, `（二）`, `3.`, `第一章`, `第十二条`) belongs to
/// the text around it.
fn is_numbered(text: &str) -> bool {
    let numeral = |c: char| "一二三四五六七八九十百零〇".contains(c) || c.is_ascii_digit();
    if let Some(rest) = text.strip_prefix('第') {
        let digits = rest.chars().take_while(|&c| numeral(c)).count();
        if digits > 0 && rest.chars().nth(digits).is_some_and(|c| matches!(c, '章' | '条' | '节' | '编' | '部' | '款'))
        {
            return true;
        }
    }
    let inner = text.strip_prefix(['（', '(']).unwrap_or(text);
    let digits = inner.chars().take_while(|&c| numeral(c)).count();
    digits > 0 && inner.chars().nth(digits).is_some_and(|c| matches!(c, '、' | '）' | ')' | '.' | '．'))
}

/// `本版制图：蔡华伟`, `宁文武摄`: credits of the page or a photo, not headlines.
fn is_page_credit(text: &str, rules: &LayoutRules) -> bool {
    text.split_once(['：', ':']).is_some_and(|(label, name)| {
        rules.page_credit_labels.iter().any(|l| label.ends_with(l.as_str()))
            && is_name(name.trim_matches(chars::is_space))
    }) || rules
        .photo_credit_endings
        .iter()
        .any(|e| text.strip_suffix(e.as_str()).is_some_and(|who| is_credited(who, rules)))
}

/// Whether `who` names who took a photo: names, reporters or an agency (`新华社记者
/// 张三`, `新华社`), not the start of a line of text that happens to end like a credit.
fn is_credited(who: &str, rules: &LayoutRules) -> bool {
    let mut tokens = who.split(|c: char| chars::is_space(c) || c == '、').filter(|t| !t.is_empty()).peekable();
    tokens.peek().is_some()
        && tokens.all(|token| {
            let token = rules.reporter_prefixes.iter().find_map(|p| token.strip_prefix(p.as_str())).unwrap_or(token);
            token.is_empty() || is_name(token) || rules.credit_sources.iter().any(|(short, _)| short == token)
        })
}

fn is_subtitle(text: &str) -> bool {
    text.starts_with(['—', '-', '－']) || text.starts_with(['（', '(']) && text.ends_with(['）', ')'])
}

/// A whole line in brackets under a headline is its subtitle (`（2019年1月3日）`), unless
/// it is a credit or a continuation note.
fn is_bracketed_subtitle(text: &str, rules: &LayoutRules) -> bool {
    text.starts_with(['（', '('])
        && text.ends_with(['）', ')'])
        && !text.contains('。')
        && text.chars().count() <= MAX_TITLE_WIDTH
        && parse_credit(text, rules).is_none()
        && !rules.is_continuation_marker(text)
}

/// At the top of the page, where nothing can be wrapped with it, a headline may also end
/// with an exclamation or a question (`我们一定会胜利！`), a kicker with a colon
/// (`英雄谱：`), and a column's name be short (`发言席`).
fn is_top_headline_like(line: &Line, first: bool, rules: &LayoutRules) -> bool {
    let text = line.as_str();
    let trimmed = text.trim_end_matches(['”', '’', '」', '』']);
    let exclaimed = trimmed.ends_with(['！', '？', '!', '?']) && !trimmed.contains('。');
    let han = text.chars().filter(|&c| chars::is_han(c)).count();
    let kicker = first && text.ends_with(['：', ':']) && han >= 2;
    // A column's short name heads a page of its own (`发言席`): a few characters, no
    // punctuation at all.
    let column = first && han >= 2 && text.chars().all(chars::is_han);
    !line.indented
        && line.width() <= MAX_HEADLINE_WIDTH
        && !text.starts_with(['（', '('])
        && parse_byline(text, rules).is_none()
        && (exclaimed && han >= MIN_HEADLINE_HAN || kicker || column)
}

/// Whether a space separates two parts of the text (`一人入党 全家争先`).
fn has_inner_space(text: &str) -> bool {
    let t = text.trim_matches(chars::is_space);
    chars::has_space(t)
}

fn is_title_like(text: &str) -> bool {
    let width = text.chars().count();
    let last = text.chars().next_back();
    width <= MAX_TITLE_WIDTH
        && !chars::ends_sentence(text)
        && !last.is_some_and(|c| matches!(c, '，' | '、' | '：' | ':' | '；' | ',' | '）' | ')'))
        && !text.starts_with(['（', '('])
}

/// How many neighbouring lines on each side set the column width a line is compared to.
const WIDTH_WINDOW: usize = 3;

/// Joins classified lines into blocks.
///
/// Body lines join the body line before when it continues a sentence: a break is kept
/// when the line before ends a sentence or is clearly shorter than the column it stands
/// in (the last line of a heading or paragraph) without ending in a comma or leaving a
/// quote open, or when the
/// line is indented like a paragraph's first line. Blank lines decide nothing: OCR puts
/// them in the middle of sentences at column breaks. Title lines join each other; a
/// unit note takes the lines up to its closing bracket.
fn join(lines: Vec<Line>, classes: Vec<Class>, rules: &LayoutRules) -> Vec<Block> {
    let widths: Vec<usize> = lines.iter().map(Line::width).collect();
    // What each line says about the next, worked out before the lines are moved into
    // blocks.
    let goes_on: Vec<bool> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let text = line.as_str();
            // Cheapest tests first: most lines are full-width and simply go on.
            !chars::ends_sentence(text)
                && (!is_short(&widths, i) || ends_continuing(text) || opens_more_than_it_closes(text))
        })
        .collect();
    let comma_before: Vec<bool> =
        std::iter::once(false).chain(lines.iter().map(|line| ends_continuing(line.as_str()))).collect();
    let mut blocks: Vec<Block> = Vec::with_capacity(lines.len() / 2);
    // Whether the last block takes the next body line.
    let mut open = false;
    let mut previous_class = None;
    for (i, (line, class)) in lines.into_iter().zip(classes).enumerate() {
        let continues = match class {
            // An indented line starts a paragraph, unless the line before ends in a comma;
            // a part of a long line starts a block (see `Line::cut`).
            Class::Body => open && !line.cut && (!line.indented || comma_before[i]),
            Class::Title => previous_class == Some(Class::Title),
            Class::Metadata => true,
            _ => false,
        };
        if continues && let Some(block) = blocks.last_mut() {
            line.text.append_to(&mut block.text);
            block.last_line = line.number;
        } else {
            let kind = match &class {
                Class::Body | Class::Credit => BlockKind::Text,
                Class::Heading => BlockKind::Heading,
                Class::Title => BlockKind::Title,
                Class::Byline(byline) => BlockKind::Byline(byline.clone()),
                Class::UnitNote => BlockKind::UnitNote(String::new()),
                Class::BoxLabel(label) => BlockKind::BoxLabel(label.clone()),
                Class::Continuation => BlockKind::Continuation,
                Class::Headline => BlockKind::Headline,
                Class::Kicker => BlockKind::Kicker,
                Class::Subtitle => BlockKind::Subtitle,
                // Joined to the byline above; never first.
                Class::Metadata => BlockKind::Text,
            };
            blocks.push(Block {
                text: line.text.into_mapped(),
                first_line: line.number,
                last_line: line.number,
                kind,
                blank_before: line.blank_before,
                continues: line.cut,
            });
        }
        let block = blocks.last().expect("a block was just pushed or extended");
        open = match block.kind {
            BlockKind::Text => goes_on[i] && class != Class::Credit,
            BlockKind::UnitNote(_) => !block.text.as_str().contains(['）', ')']),
            _ => false,
        };
        previous_class = Some(class);
    }
    for block in &mut blocks {
        if let BlockKind::UnitNote(unit) = &mut block.kind {
            *unit = unit_of_note(block.text.as_str(), rules);
        }
    }
    blocks
}

/// Whether `text` ends with punctuation that cannot end a paragraph or a heading: a
/// comma, an enumeration comma, a colon, an opening quote or bracket.
fn ends_continuing(text: &str) -> bool {
    text.ends_with(['，', '、', '：', ':', ',', '“', '‘', '《', '（', '(', '—'])
}

/// Whether `text` opens more quotes or brackets than it closes: `“两个维` cannot end a
/// paragraph, however short the line.
fn opens_more_than_it_closes(text: &str) -> bool {
    let opened = text.chars().filter(|c| matches!(c, '“' | '‘' | '《' | '（' | '(' | '「' | '『')).count();
    let closed = text.chars().filter(|c| matches!(c, '”' | '’' | '》' | '）' | ')' | '」' | '』')).count();
    opened > closed
}

/// The unit a note names: `（作者单位：聊城水务集团）` → `聊城水务集团`.
fn unit_of_note(note: &str, rules: &LayoutRules) -> String {
    let inner = note.trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
    let inner = inner.trim_start_matches(chars::is_space);
    let after_label = rules
        .unit_note_labels
        .iter()
        .find_map(|label| inner.strip_prefix(label.as_str()))
        .unwrap_or(inner)
        .trim_start_matches(['：', ':']);
    after_label.chars().filter(|&c| !chars::is_space(c)).collect()
}

/// Whether line `i` is clearly shorter than the column around it.
fn is_short(widths: &[usize], i: usize) -> bool {
    let start = i.saturating_sub(WIDTH_WINDOW);
    let end = (i + WIDTH_WINDOW + 1).min(widths.len());
    // On the stack: this runs for most lines of a page.
    let mut around = [0usize; 2 * WIDTH_WINDOW];
    let mut taken = 0;
    for j in (start..end).filter(|&j| j != i) {
        around[taken] = widths[j];
        taken += 1;
    }
    if taken == 0 {
        return false;
    }
    let (_, &mut column, _) = around[..taken].select_nth_unstable(taken / 2);
    widths[i] * 10 < column * 6
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Encoding;

    fn rules() -> LayoutRules {
        LayoutRules {
            byline_markers: vec!['■', '□', '◎'],
            unit_note_labels: vec!["作者单位".into()],
            box_labels: vec!["阅读提示".into(), "来论".into()],
            decorations: vec!['◆'],
            unit_suffixes: vec![("有限公司".into(), 2)],
            ..LayoutRules::default()
        }
    }

    fn page(text: &str) -> Page {
        repair(Document { name: "t.txt".into(), text: text.into(), encoding: Encoding::Utf8 }, &rules())
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn wrapped_sentences_are_joined_across_blank_lines() {
        // The paragraph is indented: an unindented line on top of a page without bylines,
        // followed by a blank line and standing out from the column, would be a headline.
        let page = page(
            "　　切实增强“四个意识”、坚定“四个自信”、做到\n\n“两个维护”，确保党和国家方针政策在\n企业贯彻执行。\n下一段。\n",
        );
        assert_eq!(
            texts(&page),
            ["切实增强“四个意识”、坚定“四个自信”、做到“两个维护”，确保党和国家方针政策在企业贯彻执行。", "下一段。"]
        );
        let block = &page.blocks[0];
        let at = block.text.as_str().find("“两个维护”").unwrap();
        assert_eq!(page.position(block, at), Position { line: 3, column: 1 });
        assert_eq!((block.first_line, block.last_line), (1, 4));
    }

    #[test]
    fn a_word_broken_across_lines_reads_whole() {
        let page = page("坚决做到“两个维\n护”。\n");
        assert_eq!(texts(&page), ["坚决做到“两个维护”。"]);
    }

    #[test]
    fn short_lines_end_headings() {
        let page = page(
            "一、充分认识党对国有企业领\n导的重要性\n\n坚持党的领导、加强党的建\n设，是我国国有企业的光荣传统，\n是国有企业的“根”和“魂”。\n",
        );
        assert_eq!(
            texts(&page),
            [
                "一、充分认识党对国有企业领导的重要性",
                "坚持党的领导、加强党的建设，是我国国有企业的光荣传统，是国有企业的“根”和“魂”。"
            ]
        );
    }

    #[test]
    fn markdown_headings_stand_alone() {
        let page = page("# 关爱外出创业职工\n\n正文第一句，\n第二行。\n## 一、小标题\n正文。");
        assert_eq!(texts(&page), ["关爱外出创业职工", "正文第一句，第二行。", "一、小标题", "正文。"]);
        // On a page without bylines the heading on top is the story's headline.
        assert_eq!(page.blocks[0].kind, BlockKind::Headline);
        assert_eq!(page.blocks[1].kind, BlockKind::Text);
        assert_eq!(page.blocks[2].kind, BlockKind::Heading);
    }

    #[test]
    fn titles_and_bylines_are_not_glued_to_text() {
        let page = page(
            "正文的最后一句。\n\n孔繁森精神与枫桥\n经验融合创新浅析\n\n■ 沈意 孔宪军\n\n我市非遗文化资源丰富、类型广泛，目前拥有\n国家级非遗项目12项。\n",
        );
        assert_eq!(
            texts(&page),
            [
                "正文的最后一句。",
                "孔繁森精神与枫桥经验融合创新浅析",
                "■ 沈意 孔宪军",
                "我市非遗文化资源丰富、类型广泛，目前拥有国家级非遗项目12项。"
            ]
        );
        assert_eq!(page.blocks[1].kind, BlockKind::Title);
        assert_eq!(
            page.blocks[2].kind,
            BlockKind::Byline(Byline { authors: vec!["沈意".into(), "孔宪军".into()], unit: None, source: None })
        );
    }

    #[test]
    fn a_title_does_not_reach_across_a_blank_line() {
        let page = page(
            "工作。\n\n丰富人大代表联系人民群众的内容和形式\n\n坚持好、完善好、运行好人民代表大会制度\n◎张文刚 乔泰运\n",
        );
        assert_eq!(page.blocks[1].kind, BlockKind::Text);
        assert_eq!(page.blocks[2].kind, BlockKind::Title);
        assert_eq!(page.blocks[2].text.as_str(), "坚持好、完善好、运行好人民代表大会制度");
    }

    #[test]
    fn unit_notes_broken_across_lines() {
        let page = page(
            "动力。\n\n（作者单位：山西汾河焦煤\n股份有限公司三交河煤矿）\n\n国有企业是中国特色社会主义的重要物质基础。\n",
        );
        assert_eq!(page.blocks[1].kind, BlockKind::UnitNote("山西汾河焦煤股份有限公司三交河煤矿".into()));
        assert_eq!(page.blocks[2].kind, BlockKind::Text);
    }

    #[test]
    fn indentation_starts_a_paragraph_after_a_heading() {
        let page =
            page("工作。\n\n保证全面有效实施宪法法律的重要作用\n\n  坚持党对立法工作的全面领导，完\n善党委领导。\n");
        assert_eq!(
            texts(&page),
            ["工作。", "保证全面有效实施宪法法律的重要作用", "坚持党对立法工作的全面领导，完善党委领导。"]
        );
    }

    #[test]
    fn a_short_line_ending_in_a_comma_goes_on() {
        let page = page(
            "坚定文化自信，是事关国运兴衰、事关文化安全的大问题。\n\n　　党的二十大强调，\n加强新经济组织、新社\n会组织党的建设。\n",
        );
        assert_eq!(texts(&page)[1], "党的二十大强调，加强新经济组织、新社会组织党的建设。");
    }

    #[test]
    fn box_labels() {
        let page = page("◆来 论\n\n阅读提示\n\n坚定文化自信，是事关国运兴衰的大问题。\n");
        assert_eq!(page.blocks[0].kind, BlockKind::BoxLabel("来论".into()));
        assert_eq!(page.blocks[1].kind, BlockKind::BoxLabel("阅读提示".into()));
    }

    #[test]
    fn numbered_articles_and_chapters() {
        assert!(is_numbered("第一章  总  则"));
        assert!(is_numbered("第二十七条  承办的部门应当"));
        assert!(is_numbered("（二）向有关部门通报"));
        assert!(!is_numbered("第一议题制度落地生根"));
        assert!(!is_numbered("第二届全国创新争先奖获奖者名单"));
    }

    #[test]
    fn page_and_photo_credits_name_who() {
        let rules = LayoutRules {
            page_credit_labels: vec!["设计".into()],
            photo_credit_endings: vec!["摄".into(), "发".into()],
            reporter_prefixes: vec!["新华社记者".into()],
            credit_sources: vec![("新华社".into(), "新华社".into())],
            ..LayoutRules::default()
        };
        assert!(is_page_credit("版式设计：蔡小华", &rules));
        assert!(!is_page_credit("地点：某区某街道", &rules));
        assert!(is_page_credit("新华社记者 王小明摄", &rules));
        assert!(is_page_credit("新华社发", &rules));
        assert!(!is_page_credit("周某某  某某生物多样性保护与绿色发", &rules));
    }

    #[test]
    fn a_line_ending_in_a_colon_is_a_kicker_only_above_a_headline() {
        let alone = page("各位同事：\n\n今天下午三点在会议室开会，请大家准时参加。\n");
        assert_eq!(alone.blocks[0].kind, BlockKind::Text);
        let above = page("老张：\n守护一方平安的人！\n\n老张在派出所工作了二十年，群众都叫他老张。\n");
        assert_eq!(above.blocks[0].kind, BlockKind::Kicker);
        assert_eq!(above.blocks[1].kind, BlockKind::Headline);
    }

    #[test]
    fn a_line_longer_than_a_block_is_read_as_blocks_of_one_paragraph() {
        // A dateline opens the paragraph, and each sentence after it: a credit is read
        // at the start of the paragraph only.
        let rules = crate::rules::RuleSet::load(crate::rules::RuleSource::BuiltIn).unwrap().layout;
        let sentence = "本报北京1月7日电（记者 王伟健）坚决做到“两个维护”，切实增强“四个意识”。";
        let text = format!("标题\n{}\n下一段。", sentence.repeat(1_000));
        let document = Document { name: "t.txt".into(), text: text.clone(), encoding: Encoding::Utf8 };
        let page = repair(document, &rules);
        let long = &page.blocks[1..page.blocks.len() - 1];
        assert!(long.len() >= sentence.len() * 1_000 / MAX_BLOCK, "{} blocks", long.len());
        assert_eq!(long.iter().map(|b| b.text.as_str()).collect::<String>(), sentence.repeat(1_000));
        for (k, block) in long.iter().enumerate() {
            assert!(block.text.len() <= MAX_BLOCK && block.text.as_str().starts_with("本报"));
            assert_eq!((block.kind.clone(), block.first_line, block.last_line), (BlockKind::Text, 2, 2));
            assert_eq!(block.continues, k > 0);
        }
        let last = page.blocks.last().unwrap();
        assert_eq!((last.text.as_str(), last.continues), ("下一段。", false));
        assert_eq!(page.credits.iter().map(|(block, _)| *block).collect::<Vec<_>>(), [1]);
    }
}
