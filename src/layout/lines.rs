//! Cleaning single lines, and the repairs that look at a few lines at once.

use std::ops::Range;

use super::chars::{has_space, is_cjk, is_han, is_space};
use super::cut::{self, MAX_BLOCK};
use super::mapped::MappedText;
use crate::position::LineIndex;
use crate::rules::LayoutRules;

/// One non-blank source line after cleaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line<'s> {
    /// 1-based source line number (the first one, for merged vertical text).
    pub number: u32,
    pub text: LineText<'s>,
    /// Marked as a heading by the text itself: a Markdown `#` heading, or a bold
    /// heading that OCR read with every character doubled.
    pub heading: bool,
    /// Whether blank lines stand between this line and the one before.
    pub blank_before: bool,
    /// Whether the line is indented like the first line of a paragraph: two or more
    /// spaces, or an ideographic space. (One stray space is OCR noise.)
    pub indented: bool,
    /// Whether the line is a part, after the first, of a source line longer than a block
    /// may be (see [`super::cut`]): it starts a block of its own, which goes on the
    /// paragraph of the part before.
    pub cut: bool,
}

impl Line<'_> {
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    pub fn width(&self) -> usize {
        self.text.as_str().chars().count()
    }
}

/// A cleaned line's text: a range of the source when cleaning removed nothing inside
/// it, as for almost every line, or a mapped copy when it did (spreading, doubling,
/// vertical text).
///
/// Lines live only while a page is repaired; most become part of a block, which copies
/// them anyway. Keeping the common line a borrowed range spares two allocations and a
/// copy per line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineText<'s> {
    /// `text` is the source from byte `at` on.
    Verbatim {
        text: &'s str,
        at: usize,
    },
    Repaired(MappedText),
}

impl<'s> LineText<'s> {
    pub fn as_str(&self) -> &str {
        match self {
            LineText::Verbatim { text, .. } => text,
            LineText::Repaired(text) => text.as_str(),
        }
    }

    /// The source byte offset of byte `at` of this text.
    pub fn source_offset(&self, at: usize) -> usize {
        match self {
            LineText::Verbatim { at: start, .. } => start + at,
            LineText::Repaired(text) => text.source_offset(at),
        }
    }

    /// Appends this text to `out`, which maps into the same source.
    pub fn append_to(&self, out: &mut MappedText) {
        match self {
            LineText::Verbatim { text, at } => out.push_piece(*at, text),
            LineText::Repaired(text) => out.append(text),
        }
    }

    /// Appends `other`, from further on in the same source.
    fn append(&mut self, other: &LineText<'s>) {
        match self {
            LineText::Repaired(text) => other.append_to(text),
            LineText::Verbatim { .. } => {
                let mut text = self.to_mapped();
                other.append_to(&mut text);
                *self = LineText::Repaired(text);
            }
        }
    }

    /// The part of this text in `range` (on character boundaries), still mapped.
    fn slice(&self, part: Range<usize>) -> LineText<'s> {
        match self {
            LineText::Verbatim { text, at } => LineText::Verbatim { text: &text[part.clone()], at: at + part.start },
            LineText::Repaired(text) => LineText::Repaired(text.slice(part)),
        }
    }

    fn to_mapped(&self) -> MappedText {
        let mut text = MappedText::new();
        self.append_to(&mut text);
        text
    }

    /// The text as a block's own.
    pub fn into_mapped(self) -> MappedText {
        match self {
            LineText::Verbatim { .. } => self.to_mapped(),
            LineText::Repaired(text) => text,
        }
    }
}

/// Cleans every line of `source`, dropping blank ones, then repairs what spans lines:
/// vertical text is merged and unit notes printed at the end of a line are split off.
///
/// A source line longer than [`MAX_BLOCK`] (a file that lost its line breaks) is cut at
/// sentence ends first and each part cleaned as a line of its own, as if the line had
/// been broken there (marked [`Line::cut`]): cleaned whole, it would be copied whole
/// into one block, and the block copied again when it is cut.
pub fn clean_lines<'s>(source: &'s str, index: &LineIndex, rules: &LayoutRules) -> Vec<Line<'s>> {
    let mut lines = Vec::new();
    let mut blank_before = false;
    for number in 1..=index.line_count() as u32 {
        let start = index.line_start(number);
        let end = if (number as usize) < index.line_count() { index.line_start(number + 1) } else { source.len() };
        if end - start <= MAX_BLOCK {
            match clean_line(source, start, end, number, blank_before) {
                Some(line) if lines.len() < BREADCRUMB_LINES && is_breadcrumb(line.as_str(), rules) => {
                    blank_before = true
                }
                Some(line) => {
                    lines.push(line);
                    blank_before = false;
                }
                None => blank_before = true,
            }
            continue;
        }
        let mut cut = false;
        for part in cut::parts(&source[start..end]) {
            let blank = blank_before && !cut;
            if let Some(line) = clean_line(source, start + part.start, start + part.end, number, blank) {
                lines.push(Line { cut, ..line });
                cut = true;
            }
        }
        blank_before = !cut;
    }
    split_unit_notes(merge_vertical(lines, rules), rules)
}

/// A site prints its breadcrumb above the story: among the first lines of a file.
const BREADCRUMB_LINES: usize = 4;

/// Longest part of a breadcrumb, in characters.
const BREADCRUMB_PART_CHARS: usize = 12;

/// Whether `text` is a site's breadcrumb (`首页 > 新闻中心 > 正文`, `当前位置：党建动态 >
/// 基层风采`): parts joined by an arrow, each short and no sentence, opened by a label
/// of [`LayoutRules::breadcrumb_labels`] and a colon or by a home page's name. Such a
/// line, among the first [`BREADCRUMB_LINES`] of a file, is the site's navigation, left
/// out of the text: above a title it would be taken for its kicker, or for the title.
fn is_breadcrumb(text: &str, rules: &LayoutRules) -> bool {
    const ARROWS: [char; 5] = ['>', '＞', '»', '›', '→'];
    // The opening first: it is compared at the line's start, where the arrows would be
    // searched for in the whole line.
    let labelled = rules.breadcrumb_labels.iter().find_map(|label| {
        text.strip_prefix(label.as_str())?.trim_start().strip_prefix(['：', ':']).map(str::trim_start)
    });
    if labelled.is_none() && !rules.breadcrumb_homes.iter().any(|home| text.starts_with(home.as_str())) {
        return false;
    }
    if !text.contains(ARROWS) {
        return false;
    }
    let path = labelled.unwrap_or(text);
    let parts: Vec<&str> = path.split(ARROWS).map(|p| p.trim_matches(is_space)).filter(|p| !p.is_empty()).collect();
    let short = |part: &&str| {
        part.chars().count() <= BREADCRUMB_PART_CHARS && !part.contains(['，', '。', '；', '！', '？', '、', '：'])
    };
    let home = parts.first().is_some_and(|first| rules.breadcrumb_homes.iter().any(|h| h == first));
    parts.len() >= 2 && parts.iter().all(short) && (labelled.is_some() || home)
}

/// Cleans one line: removes indentation and trailing space (including the ideographic
/// space U+3000), a Markdown heading mark (`#`…`######` and a space), the spaces of a
/// line whose Chinese characters are spread apart (`垒 作 用 和`, see [`is_spread`]),
/// and the doubling of a heading OCR read twice (`抓抓实实` → `抓实`).
fn clean_line(source: &str, start: usize, end: usize, number: u32, blank_before: bool) -> Option<Line<'_>> {
    let raw = &source[start..end];
    let trimmed_start = raw.len() - raw.trim_start_matches(is_space).len();
    let trimmed_end = raw.trim_end_matches(is_space).len();
    if trimmed_start >= trimmed_end {
        return None;
    }
    let indent = &raw[..trimmed_start];
    let indented = indent.contains('\u{3000}') || indent.chars().filter(|&c| c == ' ' || c == '\t').count() >= 2;
    let mut from = start + trimmed_start;
    let to = start + trimmed_end;
    let mut heading = false;
    let hashes = source[from..to].bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) {
        let rest = &source[from + hashes..to];
        let after = rest.trim_start_matches(is_space);
        if after.len() < rest.len() && !after.is_empty() {
            heading = true;
            from = to - after.len();
        }
    }
    let content = &source[from..to];
    if let Some(undoubled) = undouble(source, from, content) {
        let text = LineText::Repaired(undoubled);
        return Some(Line { number, text, heading: true, blank_before, indented, cut: false });
    }
    let text = remove_spreading(source, from, content);
    Some(Line { number, text, heading, blank_before, indented, cut: false })
}

/// Copies `content` (at `from` in `source`) without the spaces that spread Chinese
/// characters apart: all spaces between two Chinese characters when the whole line is
/// spread (see [`is_spread`]), and otherwise those inside a run of three or more single
/// characters (`四　个　自　信`). A space between words (`沈意 孔宪军`) stays.
fn remove_spreading<'s>(source: &'s str, from: usize, content: &str) -> LineText<'s> {
    if !has_space(content) {
        return LineText::Verbatim { text: &source[from..from + content.len()], at: from };
    }
    // Tokens: maximal runs of non-space characters, as byte ranges of `content`.
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in content.char_indices() {
        match (is_space(c), start) {
            (true, Some(s)) => {
                tokens.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push((s, content.len()));
    }
    // Link k joins token k-1 and token k; it is a single link when a lone Han character
    // stands on each side (`四 个`, `“四 个`, `自 信”`).
    let single_link: Vec<bool> = (0..tokens.len())
        .map(|k| {
            k > 0 && {
                let (ps, pe) = tokens[k - 1];
                let (s, e) = tokens[k];
                trailing_han(&content[ps..pe]) == 1 && leading_han(&content[s..e]) == 1
            }
        })
        .collect();
    // Spaces in a run of at least two single links (three characters) are spreading.
    let mut in_single_run = vec![false; tokens.len()];
    let mut k = 1;
    while k < tokens.len() {
        let run = single_link[k..].iter().take_while(|&&link| link).count();
        if run + 1 >= MIN_SPREAD_RUN {
            in_single_run[k..k + run].iter_mut().for_each(|flag| *flag = true);
        }
        k += run.max(1);
    }
    let spread = is_spread(content);
    let mut text = MappedText::new();
    for (k, &(s, e)) in tokens.iter().enumerate() {
        if k > 0 {
            let (_, previous_end) = tokens[k - 1];
            let before = content[..previous_end].chars().next_back();
            let after = content[s..].chars().next();
            let between_chinese = before.is_some_and(is_cjk) && after.is_some_and(is_cjk);
            let spreading = between_chinese && (spread || in_single_run[k]);
            if !spreading {
                text.push(source, from + previous_end..from + s);
            }
        }
        text.push(source, from + s..from + e);
    }
    LineText::Repaired(text)
}

/// Fewest single characters in a row, each between spaces, taken as spread-out text.
const MIN_SPREAD_RUN: usize = 3;

/// How many Han characters a token starts with, past opening punctuation (`“四` → 1).
fn leading_han(token: &str) -> usize {
    token.chars().skip_while(|&c| !is_han(c)).take_while(|&c| is_han(c)).count()
}

/// How many Han characters a token ends with, before closing punctuation (`信”，` → 1).
fn trailing_han(token: &str) -> usize {
    token.chars().rev().skip_while(|&c| !is_han(c)).take_while(|&c| is_han(c)).count()
}

/// Whether a line has its Chinese characters spread apart by spaces: at least half of
/// the places between two Chinese characters hold a space. Such spaces are typesetting,
/// not separators; a single space between two phrases of a title, or between two
/// authors' names, is kept.
fn is_spread(content: &str) -> bool {
    let mut pairs = 0;
    let mut spaced = 0;
    let mut previous: Option<char> = None;
    let mut space_since_previous = false;
    for c in content.chars() {
        if is_space(c) {
            space_since_previous = true;
            continue;
        }
        if previous.is_some_and(is_cjk) && is_cjk(c) {
            pairs += 1;
            spaced += usize::from(space_since_previous);
        }
        previous = Some(c);
        space_since_previous = false;
    }
    spaced > 0 && spaced * 2 >= pairs
}

/// Shortest line taken for a doubled heading, in characters: shorter runs of doubled
/// characters occur in ordinary text (`常常`, `人人`).
const MIN_DOUBLED: usize = 8;

/// A heading OCR'd with every character twice (`抓抓实实组组织织`), read once. A title
/// in two parts keeps its spaces, each part doubled (`强强化化  完完善善` → `强化  完善`).
fn undouble(source: &str, from: usize, content: &str) -> Option<MappedText> {
    let mut first_two = content.chars();
    if first_two.next() != first_two.next() {
        return None;
    }
    let chars: Vec<(usize, char)> = content.char_indices().collect();
    let mut text = MappedText::new();
    let mut doubled = 0;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if is_space(c) {
            text.push(source, from + at..from + at + c.len_utf8());
            i += 1;
            continue;
        }
        if chars.get(i + 1).map(|&(_, d)| d) != Some(c) {
            return None;
        }
        text.push(source, from + at..from + at + c.len_utf8());
        doubled += 1;
        i += 2;
    }
    (doubled * 2 >= MIN_DOUBLED).then_some(text)
}

/// Fewest one-character lines that make a column of vertical text.
const MIN_VERTICAL: usize = 3;

/// Merges vertical text — a title or a name printed one character per line — into one
/// line. Blank lines inside the column are passed over; a byline marker starts a new
/// column, so that `检…究` and `■金增秀` stay a title and a byline.
fn merge_vertical<'s>(lines: Vec<Line<'s>>, rules: &LayoutRules) -> Vec<Line<'s>> {
    // A character takes at most four bytes: a longer line is no single character.
    let single = |line: &Line| line.as_str().len() <= 4 && line.width() == 1 && !line.heading;
    if !lines.iter().any(single) {
        return lines;
    }
    let mut merged: Vec<Line<'s>> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| single(l)).count();
        if run < MIN_VERTICAL {
            merged.push(lines[i].clone());
            i += 1;
            continue;
        }
        for (k, line) in lines[i..i + run].iter().enumerate() {
            let starts_column = k == 0 || line.as_str().chars().next().is_some_and(|c| rules.is_byline_marker(c));
            match merged.last_mut() {
                Some(column) if !starts_column => column.text.append(&line.text),
                _ => merged.push(Line { blank_before: line.blank_before, ..line.clone() }),
            }
        }
        i += run;
    }
    merged
}

/// Splits `正文。 (作者单位：…）` into the text and the note, which the article stage
/// needs as a line of its own. Text after the note's closing bracket is a line of its
/// own too: the next article, in a file whose line breaks were lost (a scanned PDF, a
/// web dump), which would otherwise be read as the unit's name.
fn split_unit_notes<'s>(lines: Vec<Line<'s>>, rules: &LayoutRules) -> Vec<Line<'s>> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let parts = note_parts(line.as_str(), rules);
        if parts.len() <= 1 {
            out.push(line);
            continue;
        }
        // Each part is sliced from the line once: a long line holding many notes costs
        // no more than its length.
        for (k, part) in parts.into_iter().enumerate() {
            let first = k == 0;
            out.push(Line {
                number: line.number,
                text: line.text.slice(part),
                heading: first && line.heading,
                blank_before: first && line.blank_before,
                indented: first && line.indented,
                cut: first && line.cut,
            });
        }
    }
    out
}

/// The parts of `text` split at its unit notes, in order: text before a note, the note,
/// and so on; white space between parts left out. One part for a line without notes.
fn note_parts(text: &str, rules: &LayoutRules) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let Some(note) = unit_note(&text[from..], rules) else { break };
        let note = from + note.start..from + note.end;
        let head = text[from..note.start].trim_end_matches(is_space).len();
        if head > 0 {
            parts.push(from..from + head);
        }
        from = note.end + (text[note.end..].len() - text[note.end..].trim_start_matches(is_space).len());
        parts.push(note);
    }
    if from < text.len() || parts.is_empty() {
        parts.push(from..text.len());
    }
    parts
}

/// Longest unit note, in characters, brackets and label included: the longest printed
/// in the seeds and the dev corpus has 26. A bracketed label that does not close within
/// this is running text quoting one, not a note.
const MAX_UNIT_NOTE: usize = 120;

/// Where a unit note (`（作者单位：` or `(作者单位:`) starts in `text`.
pub fn unit_note_start(text: &str, rules: &LayoutRules) -> Option<usize> {
    unit_note(text, rules).map(|note| note.start)
}

/// The first unit note in `text`: from its opening bracket to the bracket that closes
/// it, or to the end of `text` when it goes on to the next line.
fn unit_note(text: &str, rules: &LayoutRules) -> Option<Range<usize>> {
    // Substring searches (memchr underneath), not a walk over every character: this
    // runs on every line.
    // `str::contains` with a `&str` builds a searcher on every call; a full-width
    // bracket is three bytes, found with one searcher built once.
    static FULL_WIDTH_OPEN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("（"));
    if !(memchr::memchr(b'(', text.as_bytes()).is_some() || FULL_WIDTH_OPEN.find(text.as_bytes()).is_some())
        || !rules.unit_note_labels.iter().any(|label| text.contains(label.as_str()))
    {
        return None;
    }
    text.char_indices().filter(|&(_, c)| c == '（' || c == '(').find_map(|(i, c)| {
        let rest = text[i + c.len_utf8()..].trim_start_matches(is_space);
        let labelled = rules
            .unit_note_labels
            .iter()
            .any(|label| rest.strip_prefix(label.as_str()).is_some_and(|after| after.starts_with(['：', ':'])));
        if labelled { note_end(text, i).map(|end| i..end) } else { None }
    })
}

/// Where the note opened by the bracket at `open` ends: just past the bracket that
/// closes it (brackets inside it nest: `（作者单位：某某（集团）有限公司）`), or at the end
/// of `text` when it is not closed there; `None` when either lies more than
/// [`MAX_UNIT_NOTE`] characters on.
fn note_end(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text[open..].char_indices().take(MAX_UNIT_NOTE) {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    (text[open..].chars().nth(MAX_UNIT_NOTE).is_none()).then_some(text.len())
}

/// Whether `text` is a Chinese personal name: two to four Han characters (a middle dot
/// is allowed, for names transcribed from minority languages).
pub fn is_name(text: &str) -> bool {
    let count = text.chars().count();
    (2..=4).contains(&count) && text.chars().all(|c| is_han(c) || c == '·')
        || (count <= 12 && text.contains('·') && text.chars().all(|c| is_han(c) || c == '·'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> LayoutRules {
        LayoutRules {
            byline_markers: vec!['■', '□', '◎'],
            unit_note_labels: vec!["作者单位".into()],
            ..LayoutRules::default()
        }
    }

    fn cleaned(source: &str) -> Vec<String> {
        clean_lines(source, &LineIndex::new(source), &rules()).into_iter().map(|l| l.as_str().to_owned()).collect()
    }

    #[test]
    fn breadcrumbs_are_navigation() {
        let mut rules = rules();
        rules.breadcrumb_labels = vec!["当前位置".to_owned()];
        rules.breadcrumb_homes = vec!["首页".to_owned()];
        assert!(is_breadcrumb("首页 > 新闻中心 > 正文", &rules));
        assert!(is_breadcrumb("当前位置：党建动态＞基层风采", &rules));
        assert!(!is_breadcrumb("党建动态 > 基层风采", &rules), "no label, no home page");
        assert!(!is_breadcrumb("首页 > 营收增长，利润翻番", &rules), "a sentence is no page's name");
        assert!(!is_breadcrumb("首页", &rules));
        let source = "首页 > 新闻\n标题\n";
        let lines = clean_lines(source, &LineIndex::new(source), &rules);
        assert_eq!(lines.iter().map(Line::as_str).collect::<Vec<_>>(), ["标题"]);
    }

    #[test]
    fn spaces_between_chinese_characters_go() {
        assert_eq!(cleaned("垒 作 用 和 党 员 的 先 锋 模 范 作"), ["垒作用和党员的先锋模范作"]);
        assert_eq!(cleaned("□ 王 涛"), ["□ 王涛"]);
        assert_eq!(cleaned("山东华新建筑工程集团有限责任公司 宋 丹"), ["山东华新建筑工程集团有限责任公司 宋 丹"]);
        assert_eq!(cleaned("建 APP、微信公众号"), ["建 APP、微信公众号"]);
        assert_eq!(cleaned("“同心同向 聚鑫财司 奉献能源”为"), ["“同心同向 聚鑫财司 奉献能源”为"]);
        assert_eq!(cleaned("■ 沈意 孔宪军"), ["■ 沈意 孔宪军"]);
        assert_eq!(cleaned("具 象 的 发 展 实 践 ，将 宏 观"), ["具象的发展实践，将宏观"]);
        assert_eq!(cleaned("必须增强“四　个　自　信”，坚持"), ["必须增强“四个自信”，坚持"]);
        assert_eq!(cleaned("“同心同向 聚鑫财司 奉献能源”为核心"), ["“同心同向 聚鑫财司 奉献能源”为核心"]);
    }

    #[test]
    fn indentation_and_full_width_spaces_go() {
        assert_eq!(cleaned("　　围绕中心、服务大局\n\n  首先，"), ["围绕中心、服务大局", "首先，"]);
    }

    #[test]
    fn markdown_heading_marks_go() {
        let source = "# 关爱外出创业职工\n## 一、推进\n#话题";
        let lines = clean_lines(source, &LineIndex::new(source), &rules());
        assert_eq!(lines[0].as_str(), "关爱外出创业职工");
        assert!(lines[0].heading && lines[1].heading && !lines[2].heading);
        assert_eq!(lines[2].as_str(), "#话题");
    }

    #[test]
    fn doubled_headings_are_read_once() {
        let source = " 抓抓实实组组织织覆覆盖盖，，强强化化政政治治引引领领\n人人都是常常见";
        let lines = clean_lines(source, &LineIndex::new(source), &rules());
        assert_eq!(lines[0].as_str(), "抓实组织覆盖，强化政治引领");
        assert!(lines[0].heading);
        assert_eq!(lines[1].as_str(), "人人都是常常见");
        let at = lines[0].as_str().find("强化").unwrap();
        assert_eq!(&source[lines[0].text.source_offset(at)..][..6], "强强");
        let source = "强强化化  完完善善  促促发发展展";
        let lines = clean_lines(source, &LineIndex::new(source), &rules());
        assert_eq!(lines[0].as_str(), "强化  完善  促发展");
        assert!(lines[0].heading);
    }

    #[test]
    fn vertical_text_is_merged_and_bylines_stay_apart() {
        let source = "研究成果。\n\n检\n验\n结\n果\n\n体\n重\n研\n究\n\n■\n金\n增\n秀\n";
        assert_eq!(cleaned(source), ["研究成果。", "检验结果体重研究", "■金增秀"]);
    }

    #[test]
    fn unit_notes_at_the_end_of_a_line_are_split_off() {
        let source = "发展。   (作者单位：潍坊市委党校）\n";
        let lines = clean_lines(source, &LineIndex::new(source), &rules());
        assert_eq!(lines.iter().map(Line::as_str).collect::<Vec<_>>(), ["发展。", "(作者单位：潍坊市委党校）"]);
        assert_eq!(lines[1].number, 1);
    }

    #[test]
    fn a_unit_note_inside_a_line_ends_at_its_closing_bracket() {
        // Two articles of a file that lost its line breaks: the second is no unit name.
        let source = "发展。（作者单位：某某（集团）有限公司）  下一篇的标题■张三正文。（作者单位：潍坊市委党校）";
        let lines = clean_lines(source, &LineIndex::new(source), &rules());
        assert_eq!(
            lines.iter().map(Line::as_str).collect::<Vec<_>>(),
            ["发展。", "（作者单位：某某（集团）有限公司）", "下一篇的标题■张三正文。", "（作者单位：潍坊市委党校）"]
        );
        let at = lines[2].text.source_offset(0);
        assert_eq!(&source[at..at + "下一篇".len()], "下一篇");
        // A note still open at the end of its line goes on to the next one.
        assert_eq!(
            cleaned("发展。（作者单位：山西汾河焦煤\n股份有限公司）"),
            ["发展。", "（作者单位：山西汾河焦煤", "股份有限公司）"]
        );
    }

    #[test]
    fn a_label_in_brackets_that_runs_on_is_no_unit_note() {
        let long = format!("正文（作者单位：{}", "很长的正文，".repeat(40));
        assert_eq!(cleaned(&long), [long.as_str()]);
    }

    #[test]
    fn names() {
        assert!(is_name("王涛") && is_name("孔宪军") && is_name("欧阳文华") && is_name("买买提·艾力"));
        assert!(!is_name("王") && !is_name("新时期国有企业") && !is_name("A股"));
    }
}
