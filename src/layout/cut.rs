//! Cutting over-long paragraphs into blocks of bounded length.
//!
//! A file whose line breaks were lost (the text layer of a scanned PDF, a web dump) is
//! one line, hence one paragraph, of megabytes. The stages after layout work a block at
//! a time — the matcher resolves overlaps and nests names among all candidates of its
//! text, relations of paragraph scope pair everything a block names — and their cost
//! grows faster than a block's length; bounded blocks keep a run linear in the length of
//! its text, however it is broken into lines.
//!
//! Text is cut into parts of [`MIN_BLOCK`] to [`MAX_BLOCK`] bytes, each ending at the
//! end of a sentence (past the closing quotes after it); where no sentence ends in that
//! stretch, at the end of a clause (a comma, a colon, a space), else at a character
//! boundary ([`parts`]). This happens in two places: a source line longer than
//! [`MAX_BLOCK`] is cut before it is cleaned (`lines::clean_lines`), each part a line of
//! its own that starts a block, so that the line is never copied whole; and a paragraph
//! joined from many lines that grew longer than that is cut afterwards
//! ([`cut_long_blocks`]). Blocks after the first of a paragraph are marked
//! [`Block::continues`]. Every byte still maps back to its source offset. No paragraph
//! of the seeds or the dev corpus reaches the limit (the longest has 5.7 KB), so text
//! with its line breaks is not cut.

use std::ops::Range;

use super::chars::{is_closing, is_sentence_end, is_space};
use super::{Block, BlockKind};
use crate::position::LineIndex;

/// Longest block, in bytes: about 2,700 Chinese characters, longer than any paragraph of
/// the seeds and the dev corpus (5.7 KB at most; most are under 1 KB). A larger limit
/// would cut less real text but make blocks of text without line breaks hold more
/// pairs for relations of paragraph scope: at 16 KiB a single line of news cost a
/// third more per megabyte than the same text with its breaks; at 8 KiB about the same.
pub const MAX_BLOCK: usize = 8 * 1024;

/// Shortest block a cut leaves before the rest of a paragraph, in bytes.
pub const MIN_BLOCK: usize = MAX_BLOCK / 2;

/// Cuts every block of running text (text and headings) longer than [`MAX_BLOCK`]. The
/// first part of a cut block keeps its `blank_before` and `continues`; the others
/// continue it. Each part's line range is that of the source it covers.
pub fn cut_long_blocks(blocks: Vec<Block>, lines: &LineIndex) -> Vec<Block> {
    let long = |b: &Block| b.text.len() > MAX_BLOCK && matches!(b.kind, BlockKind::Text | BlockKind::Heading);
    if !blocks.iter().any(long) {
        return blocks;
    }
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        if !long(&block) {
            out.push(block);
            continue;
        }
        for (k, part) in parts(block.text.as_str()).into_iter().enumerate() {
            let text = block.text.slice(part);
            let first_line = lines.line(text.source_offset(0));
            let last_char = text.as_str().char_indices().next_back().map_or(0, |(i, _)| i);
            let last_line = lines.line(text.source_offset(last_char));
            out.push(Block {
                text,
                first_line,
                last_line,
                kind: block.kind.clone(),
                blank_before: k == 0 && block.blank_before,
                continues: k > 0 || block.continues,
            });
        }
    }
    out
}

/// The byte ranges `text` is cut into: consecutive, covering it, each at most
/// [`MAX_BLOCK`] bytes and all but the last at least [`MIN_BLOCK`] bytes (a character
/// of four bytes aside).
pub fn parts(text: &str) -> Vec<Range<usize>> {
    let mut parts = Vec::with_capacity(text.len() / MIN_BLOCK + 1);
    let mut start = 0;
    while text.len() - start > MAX_BLOCK {
        let end = cut_after(text, start);
        parts.push(start..end);
        start = end;
    }
    parts.push(start..text.len());
    parts
}

/// Where the part of `text` that starts at `start` ends, at most [`MAX_BLOCK`] bytes
/// on: just past the last sentence end (and its closing quotes) at least [`MIN_BLOCK`]
/// bytes on; else past the last clause end there; else at the last character boundary.
/// Each part's stretch is walked once, so cutting costs a walk over the text.
fn cut_after(text: &str, start: usize) -> usize {
    let limit = floor_boundary(text, start + MAX_BLOCK);
    let from = floor_boundary(text, start + MIN_BLOCK);
    let mut sentence = None;
    let mut clause = None;
    for (i, c) in text[from..limit].char_indices() {
        let (at, next) = (from + i, from + i + c.len_utf8());
        if is_sentence_end(c) || (is_closing(c) && sentence == Some(at)) {
            sentence = Some(next);
        } else if matches!(c, '，' | '、' | '：' | ',' | ':') || is_space(c) {
            clause = Some(next);
        }
    }
    sentence.or(clause).unwrap_or(limit)
}

/// The last character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::MappedText;

    fn block(source: &str) -> Block {
        let mut text = MappedText::new();
        text.push(source, 0..source.len());
        Block { text, first_line: 1, last_line: 1, kind: BlockKind::Text, blank_before: true, continues: false }
    }

    #[test]
    fn short_blocks_stay_whole() {
        let source = "坚决做到“两个维护”。".repeat(100);
        let blocks = cut_long_blocks(vec![block(&source)], &LineIndex::new(&source));
        assert_eq!(blocks, [block(&source)]);
    }

    #[test]
    fn a_long_paragraph_is_cut_after_sentence_ends() {
        let sentence = "他说：“要切实增强‘四个意识’、坚定‘四个自信’、做到‘两个维护’。”";
        let source = sentence.repeat(2_000);
        let blocks = cut_long_blocks(vec![block("标题"), block(&source)], &LineIndex::new(&source));
        assert_eq!(blocks[0], block("标题"));
        let parts = &blocks[1..];
        assert!(parts.len() >= source.len() / MAX_BLOCK);
        assert_eq!(parts.iter().map(|b| b.text.as_str()).collect::<String>(), source);
        let mut offset = 0;
        for (k, part) in parts.iter().enumerate() {
            let text = part.text.as_str();
            assert!(text.len() <= MAX_BLOCK, "{}", text.len());
            // Whole sentences, closing quotes included.
            assert!(text.starts_with("他说") && text.ends_with("。”"), "part {k}");
            assert_eq!(part.text.source_offset(0), offset);
            assert_eq!((part.blank_before, part.continues), (k == 0, k > 0));
            offset += text.len();
        }
    }

    #[test]
    fn without_sentence_ends_a_paragraph_is_cut_after_a_comma_or_anywhere() {
        let commas = "基层治理面广量大、主体多元、内容复杂，".repeat(2_000);
        for part in parts(&commas).iter().rev().skip(1) {
            assert!(commas[part.clone()].ends_with(['，', '、']));
            assert!((MIN_BLOCK..=MAX_BLOCK).contains(&part.len()));
        }
        let plain = "基层治理面广量大主体多元内容复杂".repeat(2_000);
        let cut = parts(&plain);
        assert_eq!(cut.iter().map(|r| &plain[r.clone()]).collect::<String>(), plain);
        assert!(cut.iter().all(|r| r.len() <= MAX_BLOCK && plain.is_char_boundary(r.start)));
    }

    #[test]
    fn cut_blocks_name_the_lines_they_come_from() {
        // A paragraph of wrapped lines, joined without its line ends.
        let source = "两个维护，四个意识。\n".repeat(4_000);
        let mut text = MappedText::new();
        for (at, line) in source.match_indices("两个维护，四个意识。") {
            text.push(&source, at..at + line.len());
        }
        let joined = Block {
            text,
            first_line: 1,
            last_line: 4_000,
            kind: BlockKind::Text,
            blank_before: false,
            continues: false,
        };
        let blocks = cut_long_blocks(vec![joined], &LineIndex::new(&source));
        assert!(blocks.len() > 1);
        assert_eq!(blocks[0].first_line, 1);
        assert_eq!(blocks.last().unwrap().last_line, 4_000);
        for pair in blocks.windows(2) {
            assert_eq!(pair[1].first_line, pair[0].last_line + 1);
        }
    }
}
