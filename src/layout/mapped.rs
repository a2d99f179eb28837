//! Text assembled from pieces of a source, remembering where each piece came from.

use std::ops::Range;

/// A string built only by copying pieces of one source text, in order.
///
/// Layout repair deletes (line ends inside sentences, doubled characters, spacing) but
/// never invents: every character of a `MappedText` is a character of the source, and
/// later characters come from later in the source. That is what makes
/// [`MappedText::source_offset`] exact, and it is the invariant that lets every match
/// be reported at its file, line and column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    /// Sorted by `at`: `text[piece.at..next.at]` is a verbatim copy of
    /// `source[piece.source..]`.
    pieces: Vec<Piece>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    at: usize,
    source: usize,
}

impl MappedText {
    pub fn new() -> MappedText {
        MappedText::default()
    }

    /// Appends `source[range]`. Ranges must come in increasing source order.
    pub fn push(&mut self, source: &str, range: Range<usize>) {
        self.push_piece(range.start, &source[range]);
    }

    /// Appends `piece`, a copy of the source from byte `at` on, as [`MappedText::push`].
    pub fn push_piece(&mut self, at: usize, piece: &str) {
        if piece.is_empty() {
            return;
        }
        debug_assert!(self.pieces.last().is_none_or(|last| last.source <= at));
        let contiguous = self.pieces.last().is_some_and(|last| last.source + (self.text.len() - last.at) == at);
        if !contiguous {
            self.pieces.push(Piece { at: self.text.len(), source: at });
        }
        self.text.push_str(piece);
    }

    /// Appends all of `other`, which must map into the same source, further on.
    pub fn append(&mut self, other: &MappedText) {
        for (i, piece) in other.pieces.iter().enumerate() {
            let end = other.pieces.get(i + 1).map_or(other.text.len(), |next| next.at);
            let len = end - piece.at;
            let contiguous =
                self.pieces.last().is_some_and(|last| last.source + (self.text.len() - last.at) == piece.source);
            if !contiguous {
                self.pieces.push(Piece { at: self.text.len(), source: piece.source });
            }
            self.text.push_str(&other.text[piece.at..piece.at + len]);
        }
    }

    /// The part of this text in `range` (on character boundaries), still mapped.
    pub fn slice(&self, range: Range<usize>) -> MappedText {
        let mut part = MappedText { text: String::with_capacity(range.len()), pieces: Vec::new() };
        // Only the pieces that overlap `range`: a long text cut into many parts costs no
        // more than its length, however many pieces it has.
        let first = self.pieces.partition_point(|piece| piece.at <= range.start).saturating_sub(1);
        for (i, piece) in self.pieces.iter().enumerate().skip(first) {
            if piece.at >= range.end {
                break;
            }
            let end = self.pieces.get(i + 1).map_or(self.text.len(), |next| next.at);
            let (from, to) = (piece.at.max(range.start), end.min(range.end));
            if from < to {
                part.pieces.push(Piece { at: part.text.len(), source: piece.source + (from - piece.at) });
                part.text.push_str(&self.text[from..to]);
            }
        }
        part
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The source byte offset of byte `at` of this text (`at == len()` maps just past
    /// the last character).
    pub fn source_offset(&self, at: usize) -> usize {
        if self.pieces.is_empty() {
            return 0;
        }
        if at >= self.text.len() {
            let last = self.pieces[self.pieces.len() - 1];
            return last.source + (self.text.len() - last.at);
        }
        let index = self.pieces.partition_point(|piece| piece.at <= at) - 1;
        let piece = self.pieces[index];
        piece.source + (at - piece.at)
    }

    /// The source range covering `range` of this text: from its first character to the
    /// end of its last one (including whatever was removed in between).
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = self.source_offset(range.start);
            return at..at;
        }
        let last_char_start = self.text[..range.end].char_indices().next_back().map_or(range.start, |(i, _)| i);
        let last_char_len = self.text[last_char_start..range.end].len();
        self.source_offset(range.start)..self.source_offset(last_char_start) + last_char_len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_back_across_removed_text() {
        let source = "两个维\n护”，做到";
        let mut text = MappedText::new();
        let cut = source.find('\n').unwrap();
        text.push(source, 0..cut);
        text.push(source, cut + 1..source.len());
        assert_eq!(text.as_str(), "两个维护”，做到");
        let at = text.as_str().find('护').unwrap();
        assert_eq!(&source[text.source_offset(at)..][..3], "护");
        let range = text.source_range(0..text.as_str().find('”').unwrap());
        assert_eq!(&source[range], "两个维\n护");
    }

    #[test]
    fn slices_keep_their_mapping() {
        let source = "展。   (作者单位：潍坊市委党校）";
        let mut text = MappedText::new();
        text.push(source, 0..source.len());
        let at = text.as_str().find('(').unwrap();
        let note = text.slice(at..text.len());
        assert_eq!(note.as_str(), "(作者单位：潍坊市委党校）");
        assert_eq!(note.source_offset(0), at);
    }

    #[test]
    fn slices_of_a_text_of_many_pieces_map_as_the_text_does() {
        // Every third character left out: a piece per two characters.
        let source: String = "两个维护，四个意识。".repeat(30);
        let mut text = MappedText::new();
        for (n, (at, c)) in source.char_indices().enumerate() {
            if n % 3 != 2 {
                text.push(&source, at..at + c.len_utf8());
            }
        }
        let bounds: Vec<usize> = text.as_str().char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        for (from, to) in [(0, 1), (0, bounds.len() - 1), (5, 17), (17, 18), (40, bounds.len() - 1)] {
            let range = bounds[from]..bounds[to];
            let part = text.slice(range.clone());
            assert_eq!(part.as_str(), &text.as_str()[range.clone()]);
            for at in 0..part.len() {
                assert_eq!(part.source_offset(at), text.source_offset(range.start + at), "{range:?} at {at}");
            }
        }
    }

    #[test]
    fn contiguous_pushes_share_a_piece() {
        let source = "abcdef";
        let mut text = MappedText::new();
        text.push(source, 0..2);
        text.push(source, 2..4);
        text.push(source, 5..6);
        assert_eq!(text.pieces.len(), 2);
        assert_eq!(text.source_offset(4), 5);
        let mut joined = MappedText::new();
        joined.append(&text);
        assert_eq!(joined, text);
    }
}
