//! Cleaning single lines.

use super::chars::{is_cjk, is_space};
use super::mapped::MappedText;
use crate::position::LineIndex;

/// One non-blank source line after cleaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// 1-based source line number.
    pub number: u32,
    pub text: MappedText,
    /// Marked as a heading by the text itself (a Markdown `#` heading).
    pub heading: bool,
}

/// Cleans every line of `source`, dropping the blank ones.
///
/// Cleaning removes indentation and trailing space (including the ideographic space
/// U+3000), a Markdown heading mark (`#`…`######` and a space), and the spaces of a
/// line whose Chinese characters are spread apart (`垒 作 用 和`, see [`is_spread`]).
/// Spaces between Latin letters or digits stay.
pub fn clean_lines(source: &str, index: &LineIndex) -> Vec<Line> {
    let mut lines = Vec::new();
    for number in 1..=index.line_count() as u32 {
        let start = index.line_start(number);
        let end = if (number as usize) < index.line_count() {
            index.line_start(number + 1)
        } else {
            source.len()
        };
        if let Some(line) = clean_line(source, start, end, number) {
            lines.push(line);
        }
    }
    lines
}

fn clean_line(source: &str, start: usize, end: usize, number: u32) -> Option<Line> {
    let raw = &source[start..end];
    let trimmed_start = raw.len() - raw.trim_start_matches(is_space).len();
    let trimmed_end = raw.trim_end_matches(is_space).len();
    if trimmed_start >= trimmed_end {
        return None;
    }
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
    let spread = is_spread(content);
    let mut text = MappedText::new();
    let mut previous: Option<char> = None;
    let mut chars = content.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_space(c) {
            let next = skip_spaces(&mut chars);
            let run_end = chars.peek().map_or(content.len(), |&(j, _)| j);
            let between_chinese = previous.is_some_and(is_cjk) && next.is_some_and(is_cjk);
            if !(spread && between_chinese) {
                text.push(source, from + i..from + run_end);
            }
            continue;
        }
        text.push(source, from + i..from + i + c.len_utf8());
        previous = Some(c);
    }
    Some(Line {
        number,
        text,
        heading,
    })
}

/// Consumes a run of spaces and returns the character after it.
fn skip_spaces(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> Option<char> {
    while let Some(&(_, c)) = chars.peek() {
        if !is_space(c) {
            return Some(c);
        }
        chars.next();
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(source: &str) -> Vec<String> {
        clean_lines(source, &LineIndex::new(source))
            .into_iter()
            .map(|l| l.text.as_str().to_owned())
            .collect()
    }

    #[test]
    fn spaces_between_chinese_characters_go() {
        assert_eq!(
            cleaned("垒 作 用 和 党 员 的 先 锋 模 范 作"),
            ["垒作用和党员的先锋模范作"]
        );
        assert_eq!(cleaned("□ 王 涛"), ["□ 王涛"]);
        assert_eq!(
            cleaned("山东华新建筑工程集团有限责任公司 宋 丹"),
            ["山东华新建筑工程集团有限责任公司 宋 丹"]
        );
        assert_eq!(cleaned("建 APP、微信公众号"), ["建 APP、微信公众号"]);
        assert_eq!(
            cleaned("“同心同向 聚鑫财司 奉献能源”为"),
            ["“同心同向 聚鑫财司 奉献能源”为"]
        );
        assert_eq!(cleaned("■ 沈意 孔宪军"), ["■ 沈意 孔宪军"]);
        assert_eq!(
            cleaned("具 象 的 发 展 实 践 ，将 宏 观"),
            ["具象的发展实践，将宏观"]
        );
    }

    #[test]
    fn indentation_and_full_width_spaces_go() {
        assert_eq!(
            cleaned("　　围绕中心、服务大局\n\n  首先，"),
            ["围绕中心、服务大局", "首先，"]
        );
    }

    #[test]
    fn markdown_heading_marks_go() {
        let source = "# 关爱外出创业职工\n## 一、推进\n#话题";
        let lines = clean_lines(source, &LineIndex::new(source));
        assert_eq!(lines[0].text.as_str(), "关爱外出创业职工");
        assert!(lines[0].heading && lines[1].heading && !lines[2].heading);
        assert_eq!(lines[2].text.as_str(), "#话题");
    }
}
