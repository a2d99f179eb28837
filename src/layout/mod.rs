//! Stage 2: repair layout.
//!
//! In: a decoded [`Document`]. Out: a [`Page`] of [`Block`]s, each a run of text that a
//! reader would read as one piece (a paragraph, a heading), with the line breaks, spacing
//! and other artefacts of typesetting and OCR removed.
//!
//! The work happens in two steps. [`lines`] cleans each physical line on its own
//! (indentation, full-width spaces, Markdown heading marks, characters spread apart by
//! spaces). [`repair`] then joins lines that continue a sentence: newspapers wrap every
//! few characters, OCR keeps those wraps, and a concept such as “两个维\n护” must read
//! as one word again.
//!
//! Architecture invariant: repaired text only ever *removes* characters from the source
//! (see [`MappedText`]), so every offset in a block maps back to the file, line and
//! column it came from.

pub mod chars;
mod lines;
mod mapped;

pub use lines::{Line, clean_lines};
pub use mapped::MappedText;

use crate::load::Document;
use crate::position::{LineIndex, Position};

/// A document after layout repair.
#[derive(Debug)]
pub struct Page {
    pub document: Document,
    pub line_index: LineIndex,
    pub blocks: Vec<Block>,
}

impl Page {
    /// The source position of byte `at` of `block`'s text.
    pub fn position(&self, block: &Block, at: usize) -> Position {
        self.line_index
            .position(&self.document.text, block.text.source_offset(at))
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// Running text.
    Text,
    /// A line marked as a heading by its layout (a Markdown `#` heading).
    Heading,
}

/// Repairs the layout of `document`.
pub fn repair(document: Document) -> Page {
    let line_index = LineIndex::new(&document.text);
    let lines = clean_lines(&document.text, &line_index);
    let blocks = join_wrapped_lines(&lines);
    Page {
        document,
        line_index,
        blocks,
    }
}

/// How many neighbouring lines on each side set the column width a line is compared to.
const WIDTH_WINDOW: usize = 3;

/// Joins lines that continue the sentence of the line before.
///
/// A line break is kept (a new block starts) when the line before ends a sentence, is a
/// heading, or is clearly shorter than the column it stands in (the last line of a
/// heading or paragraph); otherwise the break is a wrap and the lines are joined. Blank
/// lines decide nothing: OCR puts them in the middle of sentences at column breaks.
fn join_wrapped_lines(lines: &[Line]) -> Vec<Block> {
    let widths: Vec<usize> = lines
        .iter()
        .map(|line| line.text.as_str().chars().count())
        .collect();
    let mut blocks: Vec<Block> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let kind = if line.heading {
            BlockKind::Heading
        } else {
            BlockKind::Text
        };
        if open && !line.heading {
            if let Some(block) = blocks.last_mut() {
                block.text.append(&line.text);
                block.last_line = line.number;
            }
        } else {
            blocks.push(Block {
                text: line.text.clone(),
                first_line: line.number,
                last_line: line.number,
                kind,
            });
        }
        open = !line.heading && !chars::ends_sentence(line.text.as_str()) && !is_short(&widths, i);
    }
    blocks
}

/// Whether line `i` is clearly shorter than the column around it.
fn is_short(widths: &[usize], i: usize) -> bool {
    let start = i.saturating_sub(WIDTH_WINDOW);
    let end = (i + WIDTH_WINDOW + 1).min(widths.len());
    let mut around: Vec<usize> = (start..end)
        .filter(|&j| j != i)
        .map(|j| widths[j])
        .collect();
    if around.is_empty() {
        return false;
    }
    around.sort_unstable();
    let column = around[around.len() / 2];
    widths[i] * 10 < column * 6
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Encoding;

    fn page(text: &str) -> Page {
        repair(Document {
            name: "t.txt".into(),
            text: text.into(),
            encoding: Encoding::Utf8,
        })
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn wrapped_sentences_are_joined_across_blank_lines() {
        let page = page(
            "切实增强“四个意识”、坚定“四个自信”、做到\n\n“两个维护”，确保党和国家方针政策在\n企业贯彻执行。\n下一段。\n",
        );
        assert_eq!(
            texts(&page),
            [
                "切实增强“四个意识”、坚定“四个自信”、做到“两个维护”，确保党和国家方针政策在企业贯彻执行。",
                "下一段。"
            ]
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
        assert_eq!(
            texts(&page),
            [
                "关爱外出创业职工",
                "正文第一句，第二行。",
                "一、小标题",
                "正文。"
            ]
        );
        assert_eq!(page.blocks[0].kind, BlockKind::Heading);
        assert_eq!(page.blocks[1].kind, BlockKind::Text);
    }
}
