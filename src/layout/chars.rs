//! Character classes that layout repair and segmentation reason with.

use std::sync::LazyLock;

use memchr::memmem::Finder;
use memchr::{memchr3, memchr3_iter};

/// Han ideographs (CJK Unified Ideographs and extensions A–F, compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2EBEF}'
        | '\u{30000}'..='\u{3134F}'
        | '〇')
}

/// `c.is_alphanumeric()`, answered at once for the common ideographs: std looks every
/// character outside ASCII up in its Unicode tables, and name windows test every
/// character before each head.
pub fn is_alphanumeric(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}') || c.is_alphanumeric()
}

/// Punctuation and symbols of Chinese typesetting: CJK symbols, full-width forms,
/// curly quotes, dashes and ellipses, the middle dot.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{2018}'..='\u{201F}'
        | '\u{2014}'..='\u{2015}'
        | '\u{2026}'
        | '\u{00B7}'
        | '\u{FE30}'..='\u{FE4F}')
}

/// A character of Chinese text: an ideograph or Chinese punctuation.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// White space as OCR output has it: ASCII, the ideographic space U+3000, no-break
/// spaces, and zero-width characters.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{3000}' | '\u{00A0}' | '\u{200B}' | '\u{FEFF}')
}

/// Whether `text` holds a character [`is_space`] accepts. It runs on every line, so it
/// searches bytes with memchr (a few bytes an instruction) rather than decoding every
/// character: ASCII white space, U+3000 and U+FEFF by their bytes, and the characters
/// behind the other lead bytes of white space (0xC2: U+0085, U+00A0; 0xE1: U+1680;
/// 0xE2: U+2000–U+205F, which also starts curly quotes) one by one.
pub fn has_space(text: &str) -> bool {
    // Each memchr search costs a few dozen instructions to set up: a short line (a
    // newspaper column wraps every dozen characters) is walked a byte at a time instead.
    if text.len() <= SHORT_LINE {
        return has_space_short(text.as_bytes());
    }
    static IDEOGRAPHIC: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\u{3000}"));
    static BYTE_ORDER_MARK: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\u{FEFF}"));
    let bytes = text.as_bytes();
    memchr3(b' ', b'\t', b'\n', bytes).is_some()
        || memchr3(b'\r', 0x0B, 0x0C, bytes).is_some()
        || IDEOGRAPHIC.find(bytes).is_some()
        || BYTE_ORDER_MARK.find(bytes).is_some()
        || memchr3_iter(0xC2, 0xE1, 0xE2, bytes).any(|i| text[i..].chars().next().is_some_and(is_space))
}

/// Longest text, in bytes, [`has_space`] walks a byte at a time.
const SHORT_LINE: usize = 96;

/// [`has_space`] by one walk over the bytes: ASCII white space, and the lead bytes of
/// the other white space each told apart by the bytes after it (0xC2: U+0085, U+00A0;
/// 0xE1: U+1680; 0xE2: U+2000–U+200B, U+2028, U+2029, U+202F, U+205F; 0xE3: U+3000;
/// 0xEF: U+FEFF).
fn has_space_short(bytes: &[u8]) -> bool {
    const LOOK_AT: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0x09;
        while b <= 0x0D {
            table[b] = true;
            b += 1;
        }
        table[0x20] = true;
        table[0xC2] = true;
        table[0xE1] = true;
        table[0xE2] = true;
        table[0xE3] = true;
        table[0xEF] = true;
        table
    };
    (0..bytes.len()).any(|at| {
        LOOK_AT[bytes[at] as usize]
            && matches!(
                bytes[at..],
                [0x09..=0x0D | 0x20, ..]
                    | [0xC2, 0x85 | 0xA0, ..]
                    | [0xE1, 0x9A, 0x80, ..]
                    | [0xE2, 0x80, 0x80..=0x8B | 0xA8 | 0xA9 | 0xAF, ..]
                    | [0xE2, 0x81, 0x9F, ..]
                    | [0xE3, 0x80, 0x80, ..]
                    | [0xEF, 0xBB, 0xBF, ..]
            )
    })
}

/// Punctuation that ends a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…')
}

/// The marks that open a quoted name or a title, which may stand between a name and
/// the word before it (`违反“中央八项规定”`, `严禁“三高”项目`).
pub const OPENING_MARKS: [char; 4] = ['“', '‘', '《', '「'];

/// Closing quotes and brackets, which may follow the end of a sentence.
pub fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '》' | '）' | ')' | '】' | '〕' | '"' | '\'')
}

/// Whether `text` ends a sentence: its last character, past closing quotes and
/// brackets, is sentence-final punctuation.
pub fn ends_sentence(text: &str) -> bool {
    text.chars().rev().find(|&c| !is_closing(c)).is_some_and(is_sentence_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_alphanumeric_test_is_std_s() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn has_space_agrees_with_is_space() {
        // Short texts are walked a byte at a time, long ones searched: both ways.
        let long = "中".repeat(SHORT_LINE / 3);
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let text = format!("中{c}文");
            assert_eq!(has_space(&text), is_space(c), "{:X}", c as u32);
            let text = format!("{long}{c}文");
            assert!(text.len() > SHORT_LINE);
            assert_eq!(has_space(&text), is_space(c), "{:X} in a long text", c as u32);
        }
        assert!(!has_space("。，“党建”！"));
    }

    #[test]
    fn sentence_ends_look_past_closing_quotes() {
        assert!(ends_sentence("贯彻执行。"));
        assert!(ends_sentence("“主动参与”。”"));
        assert!(ends_sentence("党的工作“一网揽尽”。）"));
        assert!(!ends_sentence("切实增强“四个意识”、坚定“四个自信”、做到"));
        assert!(!ends_sentence("“两个维护”"));
    }

    #[test]
    fn classes() {
        assert!(is_han('党') && is_han('〇') && !is_han('a'));
        assert!(is_cjk_punct('，') && is_cjk_punct('“') && is_cjk_punct('　'));
        assert!(is_space('\u{3000}') && !is_space('党'));
    }
}
