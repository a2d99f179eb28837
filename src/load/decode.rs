//! Decoding bytes to text.
//!
//! Chinese text files in the wild come as UTF-8 (with or without a BOM), as GBK/GB18030
//! (older Windows tools and many OCR programs), and now and then as UTF-16 with a BOM.
//! The decision order is: BOM, then NUL bytes (binary), then strict UTF-8, then strict
//! GB18030; when neither decodes cleanly the one with fewer errors wins and the bad
//! sequences become U+FFFD, so that one damaged byte does not cost the whole page.

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

/// The encoding a document was decoded from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Gb18030 => "GB18030",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// What a file's bytes turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    /// Text, with how many invalid byte sequences were replaced by U+FFFD.
    Text { text: String, encoding: Encoding, replaced: usize },
    /// The file holds NUL bytes outside UTF-16: an image, a PDF, an archive.
    Binary,
    /// No bytes, or nothing but white space.
    Empty,
}

/// How far into a file to look for NUL bytes; the same window ripgrep uses.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

pub fn decode(bytes: &[u8]) -> Decoded {
    let decoded = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8_lossy(rest, Encoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, Encoding::Utf16Be)
    } else if bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0) {
        return Decoded::Binary;
    } else {
        // The common case, checked with SIMD: std's check takes about 7 instructions a
        // byte of Chinese text, some 2% of a whole run.
        match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => Decoded::Text { text: text.to_owned(), encoding: Encoding::Utf8, replaced: 0 },
            Err(_) => utf8_or_gb18030(bytes),
        }
    };
    match decoded {
        Decoded::Text { ref text, .. } if text.trim().is_empty() => Decoded::Empty,
        other => other,
    }
}

fn utf8_lossy(bytes: &[u8], encoding: Encoding) -> Decoded {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let replaced = count_utf8_errors(bytes);
    Decoded::Text { text, encoding, replaced }
}

fn utf16(bytes: &[u8], encoding: Encoding) -> Decoded {
    let coding = if encoding == Encoding::Utf16Le { UTF_16LE } else { UTF_16BE };
    let (text, had_errors) = coding.decode_without_bom_handling(bytes);
    let replaced = if had_errors { text.matches('\u{FFFD}').count() } else { 0 };
    Decoded::Text { text: text.into_owned(), encoding, replaced }
}

/// Neither a BOM nor valid UTF-8: try GB18030, and fall back to whichever of the two
/// decodes with fewer errors.
fn utf8_or_gb18030(bytes: &[u8]) -> Decoded {
    let (gb_text, gb_had_errors) = GB18030.decode_without_bom_handling(bytes);
    if !gb_had_errors {
        return Decoded::Text { text: gb_text.into_owned(), encoding: Encoding::Gb18030, replaced: 0 };
    }
    let gb_errors = gb_text.matches('\u{FFFD}').count();
    let utf8_errors = count_utf8_errors(bytes);
    if utf8_errors <= gb_errors {
        utf8_lossy(bytes, Encoding::Utf8)
    } else {
        Decoded::Text { text: gb_text.into_owned(), encoding: Encoding::Gb18030, replaced: gb_errors }
    }
}

fn count_utf8_errors(mut bytes: &[u8]) -> usize {
    let mut errors = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return errors,
            Err(err) => {
                errors += 1;
                let skip = err.valid_up_to() + err.error_len().unwrap_or(bytes.len() - err.valid_up_to());
                bytes = &bytes[skip..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(decoded: Decoded) -> (String, Encoding, usize) {
        match decoded {
            Decoded::Text { text, encoding, replaced } => (text, encoding, replaced),
            other => panic!("expected text, got {other:?}"),
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(text(decode("两个维护".as_bytes())), ("两个维护".into(), Encoding::Utf8, 0));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), "两个维护".as_bytes()].concat();
        assert_eq!(text(decode(&with_bom)), ("两个维护".into(), Encoding::Utf8Bom, 0));
    }

    #[test]
    fn gbk_bytes_decode_as_gb18030() {
        let (bytes, _, _) = GB18030.encode("坚决做到“两个维护”");
        assert_eq!(text(decode(&bytes)), ("坚决做到“两个维护”".into(), Encoding::Gb18030, 0));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "四个意识\n".encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(text(decode(&le)), ("四个意识\n".into(), Encoding::Utf16Le, 0));
        assert_eq!(text(decode(&be)), ("四个意识\n".into(), Encoding::Utf16Be, 0));
    }

    #[test]
    fn binary_and_empty() {
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Decoded::Binary);
        assert_eq!(decode(b""), Decoded::Empty);
        assert_eq!(decode(" \n\t\r\n".as_bytes()), Decoded::Empty);
        assert_eq!(decode("\u{3000}\n".as_bytes()), Decoded::Empty);
    }

    #[test]
    fn damaged_utf8_keeps_the_rest() {
        let mut bytes = "党建工作".repeat(50).into_bytes();
        bytes.push(0xFF);
        bytes.extend("两个维护".as_bytes());
        let (text, encoding, replaced) = text(decode(&bytes));
        assert_eq!(encoding, Encoding::Utf8);
        assert_eq!(replaced, 1);
        assert!(text.ends_with("\u{FFFD}两个维护"));
    }
}
