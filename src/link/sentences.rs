//! Sentences of a block: where they end, and the sentence around a match.
//!
//! Every occurrence is numbered by its sentence and most evidence cites one, so this
//! runs over every block of every article. Decoding each character to test it costs
//! about ten instructions a character; the marks that end a sentence are found instead
//! by their bytes ([`SentenceMarks::of`]), and a sentence around a match is read off the
//! marks, decoding only where a sentence is longer than [`SENTENCE_REACH`].

use std::ops::Range;

use memchr::memchr3_iter;

use crate::layout::chars;

/// Longest stretch of a sentence kept on either side of a match, in characters; a
/// sentence longer than that is cut at the limit.
pub const SENTENCE_REACH: usize = 80;

/// Where the sentence-final punctuation of one text stands.
#[derive(Clone, Debug)]
pub struct SentenceMarks {
    /// The byte offset of each sentence-final mark ([`chars::is_sentence_end`]), in order.
    marks: Vec<usize>,
}

impl SentenceMarks {
    /// The marks of `text`. Of the sentence-final marks, `。` starts with the byte 0xE3,
    /// `！？；` (full width) with 0xEF, `…` with 0xE2, and the rest are ASCII; none of
    /// these bytes stands inside a Han character (0xE4–0xE9 and continuation bytes), so
    /// a vectorised search for them skips the text between punctuation.
    pub fn of(text: &str) -> SentenceMarks {
        let bytes = text.as_bytes();
        // Most of these hits are other punctuation (`，`, `、`, `“`); the bytes tell:
        // `。` is E3 80 82, `…` E2 80 A6, `！？；` EF BC 81, 9F, 9B.
        let mut marks: Vec<usize> = memchr3_iter(0xE2, 0xE3, 0xEF, bytes)
            .filter(|&at| {
                matches!(
                    bytes.get(at..at + 3),
                    Some([0xE3, 0x80, 0x82] | [0xE2, 0x80, 0xA6] | [0xEF, 0xBC, 0x81 | 0x9F | 0x9B])
                )
            })
            .collect();
        let ascii_start = marks.len();
        marks.extend(memchr3_iter(b'!', b'?', b';', bytes));
        if marks.len() > ascii_start && ascii_start > 0 {
            marks.sort_unstable();
        }
        SentenceMarks { marks }
    }

    /// Byte offsets just past each sentence end (closing quotes included).
    pub fn ends(&self, text: &str) -> Vec<usize> {
        self.marks.iter().map(|&mark| end_after(text, mark)).collect()
    }

    /// The byte range of the sentence of `text` holding `range`: from just after the
    /// previous sentence-final mark to the next one and the closing quotes after it,
    /// at most [`SENTENCE_REACH`] characters either side.
    pub fn around(&self, text: &str, range: Range<usize>) -> Range<usize> {
        start_before(text, &self.marks, range.start)..end_from(text, &self.marks, range.end)
    }
}

/// Just past the mark at `mark` and the closing quotes and brackets after it.
fn end_after(text: &str, mark: usize) -> usize {
    let mark_len = text[mark..].chars().next().map_or(0, char::len_utf8);
    let after = mark + mark_len;
    let closing: usize = text[after..].chars().take_while(|&c| chars::is_closing(c)).map(char::len_utf8).sum();
    after + closing
}

/// Where the sentence holding `at` starts: just past the last mark before `at` when at
/// most `SENTENCE_REACH - 1` characters lie between, else `SENTENCE_REACH` characters
/// back (or the start of the text).
fn start_before(text: &str, marks: &[usize], at: usize) -> usize {
    let before = marks.partition_point(|&mark| mark < at);
    if let Some(&mark) = before.checked_sub(1).map(|i| &marks[i]) {
        let after = mark + text[mark..].chars().next().map_or(0, char::len_utf8);
        // Each character is one to four bytes: a short gap needs no counting.
        if at - after < SENTENCE_REACH || text[after..at].chars().count() < SENTENCE_REACH {
            return after;
        }
    }
    text[..at].char_indices().rev().take(SENTENCE_REACH).last().map_or(at, |(i, _)| i)
}

/// Where the sentence holding text up to `at` ends: past the first mark at or after
/// `at` and its closing quotes when that mark is within `SENTENCE_REACH` characters,
/// else `SENTENCE_REACH` characters on (or the end of the text).
fn end_from(text: &str, marks: &[usize], at: usize) -> usize {
    let next = marks.partition_point(|&mark| mark < at);
    if let Some(&mark) = marks.get(next)
        && (mark - at < SENTENCE_REACH || text[at..mark].chars().count() < SENTENCE_REACH)
    {
        return end_after(text, mark);
    }
    text[at..].char_indices().take(SENTENCE_REACH).last().map_or(at, |(i, c)| at + i + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The character-by-character walk these functions replace, kept as their oracle.
    fn walked_range(text: &str, range: Range<usize>) -> Range<usize> {
        let mut start = range.start;
        for (taken, (i, c)) in text[..range.start].char_indices().rev().enumerate() {
            if chars::is_sentence_end(c) || taken == SENTENCE_REACH {
                break;
            }
            start = i;
        }
        let mut end = range.end;
        let mut after = text[range.end..].char_indices().peekable();
        let mut taken = 0;
        while let Some((i, c)) = after.next() {
            end = range.end + i + c.len_utf8();
            taken += 1;
            if chars::is_sentence_end(c) {
                while let Some(&(j, d)) = after.peek() {
                    if !chars::is_closing(d) {
                        break;
                    }
                    end = range.end + j + d.len_utf8();
                    after.next();
                }
                break;
            }
            if taken == SENTENCE_REACH {
                break;
            }
        }
        start..end
    }

    fn walked_ends(text: &str) -> Vec<usize> {
        let mut ends = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if chars::is_sentence_end(c) {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if !chars::is_closing(d) {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
                ends.push(end);
            }
        }
        ends
    }

    /// The bytes searched for are exactly the characters `is_sentence_end` takes.
    #[test]
    fn marks_are_the_sentence_final_characters() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let text = format!("甲{c}乙");
            assert_eq!(SentenceMarks::of(&text).marks == ["甲".len()], chars::is_sentence_end(c), "{c:?}");
        }
    }

    #[test]
    fn sentence_ends_include_closing_quotes() {
        let text = "一。“二！”三";
        assert_eq!(SentenceMarks::of(text).ends(text), [text.find("“").unwrap(), text.find("三").unwrap()]);
    }

    /// Texts of sentence marks, closing quotes, other punctuation sharing their lead
    /// bytes (`，`, `、`, `“`), ASCII and Han characters, in runs long and short, give
    /// the same sentences as the walk, around every range.
    #[test]
    fn marks_give_the_walks_sentences() {
        let alphabet: Vec<char> = "。！？!?；;…”’」』》）)】〕\"'，、“—甲乙丙a1 ".chars().collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as usize
        };
        for _ in 0..300 {
            let len = next(400);
            // Mostly Han characters, so that sentences run past the reach.
            let sparse = next(4) == 0;
            let text: String =
                (0..len).map(|_| if sparse && next(60) > 0 { '甲' } else { alphabet[next(alphabet.len())] }).collect();
            let marks = SentenceMarks::of(&text);
            assert_eq!(marks.ends(&text), walked_ends(&text), "{text}");
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            for _ in 0..20 {
                let a = bounds[next(bounds.len())];
                let b = bounds[next(bounds.len())];
                let range = a.min(b)..a.max(b);
                assert_eq!(marks.around(&text, range.clone()), walked_range(&text, range.clone()), "{text} {range:?}");
            }
        }
    }
}
