//! Positions in source files, as a reader counts them.
//!
//! Every match tupu reports points back into the file it came from. Offsets inside the
//! program are byte offsets into the decoded text; what users see is a 1-based line and a
//! 1-based column counted in characters (a Chinese character is one column, as in an
//! editor), which is what [`LineIndex`] converts to.

/// A 1-based line and column (in characters) in a decoded source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Where each line of a text starts, for turning byte offsets into positions.
///
/// Lines end at `\n`, `\r\n` or a lone `\r` (old Mac files and some OCR exports).
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// In lines longer than [`COLUMN_STRIDE`] bytes, a character boundary about every
    /// [`COLUMN_STRIDE`] bytes, with how many characters of its line stand before it; in
    /// offset order. A column is counted from the nearest of these rather than from the
    /// start of its line: a file that lost its line breaks is one line of megabytes, and
    /// counting from its start for every evidence made positions cost the square of its
    /// length.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between column checkpoints of a long line.
const COLUMN_STRIDE: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(found) = memchr_newline(&bytes[i..]) {
            let at = i + found;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { at + 2 } else { at + 1 };
            starts.push(next);
            i = next;
        }
        let mut checkpoints = Vec::new();
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(text.len());
            let (mut at, mut chars) = (start, 0);
            while end - at > COLUMN_STRIDE {
                let mut next = at + COLUMN_STRIDE;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                chars += text[at..next].chars().count();
                checkpoints.push((next, chars));
                at = next;
            }
        }
        LineIndex { starts, checkpoints }
    }

    /// How many lines the text has (a final line without a line end counts).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte offset at which 1-based `line` starts.
    pub fn line_start(&self, line: u32) -> usize {
        self.starts[(line as usize).saturating_sub(1).min(self.starts.len() - 1)]
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> u32 {
        let index = self.starts.partition_point(|&start| start <= offset);
        index.max(1) as u32
    }

    /// The position of byte `offset` of `text` (the text this index was built from).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let line = self.line(offset);
        let start = self.line_start(line);
        // The nearest checkpoint of this line at or before `offset`, else its start.
        let (from, before) = match self.checkpoints.partition_point(|&(at, _)| at <= offset).checked_sub(1) {
            Some(k) if self.checkpoints[k].0 > start => self.checkpoints[k],
            _ => (start, 0),
        };
        let column = text.get(from..offset).map_or(0, |prefix| before + prefix.chars().count()) + 1;
        Position { line, column: column as u32 }
    }
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "第一行\n两个维护\r\n三";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        let at = text.find("维护").unwrap();
        assert_eq!(index.position(text, at), Position { line: 2, column: 3 });
        let at = text.find('三').unwrap();
        assert_eq!(index.position(text, at), Position { line: 3, column: 1 });
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
    }

    #[test]
    fn columns_in_a_long_line_are_counted_as_from_its_start() {
        // Lines of every length around the stride, of characters of one to four bytes.
        let mut text = String::new();
        for (n, piece) in ["a", "两", "é", "😀", "维护。"].iter().cycle().take(9_000).enumerate() {
            text.push_str(piece);
            if n % 4_000 == 3_999 {
                text.push('\n');
            }
        }
        let index = LineIndex::new(&text);
        assert!(index.checkpoints.len() > 4);
        for (offset, _) in text.char_indices() {
            let line = index.line(offset);
            let start = index.line_start(line);
            let column = text[start..offset].chars().count() as u32 + 1;
            assert_eq!(index.position(&text, offset), Position { line, column }, "at {offset}");
        }
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let index = LineIndex::new("a\rb\rc");
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.line(4), 3);
    }
}
