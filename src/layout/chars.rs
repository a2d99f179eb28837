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
    static IDEOGRAPHIC: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\u{3000}"));
    static BYTE_ORDER_MARK: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\u{FEFF}"));
    let bytes = text.as_bytes();
    memchr3(b' ', b'\t', b'\n', bytes).is_some()
        || memchr3(b'\r', 0x0B, 0x0C, bytes).is_some()
        || IDEOGRAPHIC.find(bytes).is_some()
        || BYTE_ORDER_MARK.find(bytes).is_some()
        || memchr3_iter(0xC2, 0xE1, 0xE2, bytes).any(|i| text[i..].chars().next().is_some_and(is_space))
}

/// Punctuation that ends a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…')
}

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
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            let text = format!("中{c}文");
            assert_eq!(has_space(&text), is_space(c), "{:X}", c as u32);
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
