//! A small XML writer for GraphML, GEXF and SVG.
//!
//! Guarantee: whatever text it is given, the document is well-formed XML 1.0 and every
//! value reads back unchanged, except for characters XML 1.0 cannot carry at all (control
//! characters other than tab, line feed and carriage return; U+FFFE, U+FFFF), which are
//! dropped. In attribute values tab, line feed and carriage return are written as
//! character references, because a parser would otherwise normalize them to spaces.

use std::fmt::{self, Display};
use std::io::Write;

use super::columns::Value;

/// How much text is gathered before it is passed on to the sink.
const CHUNK: usize = 1 << 16;

/// Writes elements, indented two spaces per level, into a sink, a chunk at a time, so
/// that a document of any size needs little memory.
pub struct XmlWriter<'w> {
    out: String,
    sink: &'w mut dyn Write,
    /// The first error the sink gave; reported by [`XmlWriter::finish`].
    error: Option<std::io::Error>,
    depth: usize,
}

impl<'w> XmlWriter<'w> {
    /// A document starting with the XML declaration, written to `sink`.
    pub fn new(sink: &'w mut dyn Write) -> XmlWriter<'w> {
        XmlWriter { out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), sink, error: None, depth: 0 }
    }

    /// Opens `<name attr="value" …>`.
    ///
    /// Values are anything that displays (text, numbers, a piece of evidence), escaped
    /// as they are formatted, so no value needs a string of its own.
    pub fn open(&mut self, name: &str, attributes: &[(&str, &dyn Display)]) {
        self.tag(name, attributes, ">");
        self.depth += 1;
    }

    /// Closes the element `name` opened last.
    pub fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
        self.spill();
    }

    /// Writes `<name attr="value" …/>`.
    pub fn empty(&mut self, name: &str, attributes: &[(&str, &dyn Display)]) {
        self.tag(name, attributes, "/>");
    }

    /// Writes `<name attr="value" …>text</name>` on one line.
    pub fn text(&mut self, name: &str, attributes: &[(&str, &dyn Display)], text: &dyn Display) {
        self.indent();
        self.start_tag(name, attributes);
        self.out.push('>');
        escape_display(&mut self.out, text, false);
        self.end_line(name);
    }

    /// Writes `<name key="value">text</name>` on one line, for the many data elements
    /// of a graph: the key and a value that is text or a count are written straight,
    /// without formatting machinery.
    pub fn value_text(&mut self, name: &str, key: (&str, &str), text: &Value<'_>) {
        self.indent();
        self.start_pair(name, key);
        self.out.push('>');
        escape_value(&mut self.out, text, false);
        self.end_line(name);
    }

    /// `</name>` and the end of the line, after an element's text.
    fn end_line(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// Writes `<name key="value" value_key="value"/>` the same way (GEXF's `attvalue`).
    pub fn value_empty(&mut self, name: &str, key: (&str, &str), value: (&str, &Value<'_>)) {
        self.indent();
        self.start_pair(name, key);
        self.out.push(' ');
        self.out.push_str(value.0);
        self.out.push_str("=\"");
        escape_value(&mut self.out, value.1, true);
        self.out.push_str("\"/>\n");
        self.spill();
    }

    fn start_pair(&mut self, name: &str, (key, value): (&str, &str)) {
        self.out.push('<');
        self.out.push_str(name);
        self.out.push(' ');
        self.out.push_str(key);
        self.out.push_str("=\"");
        escape_into(&mut self.out, value, true);
        self.out.push('"');
    }

    /// Writes `<!-- comment -->`; `--` inside the comment becomes `- -`.
    pub fn comment(&mut self, comment: &str) {
        self.indent();
        self.out.push_str("<!-- ");
        let mut safe = String::new();
        escape_into(&mut safe, comment, false);
        self.out.push_str(&safe.replace("--", "- -"));
        self.out.push_str(" -->\n");
    }

    /// Writes what is left; the first error the sink gave, if any.
    pub fn finish(mut self) -> std::io::Result<()> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        self.sink.write_all(self.out.as_bytes())
    }

    /// Passes the gathered text on once there is a chunk of it.
    fn spill(&mut self) {
        if self.out.len() >= CHUNK && self.error.is_none() {
            if let Err(error) = self.sink.write_all(self.out.as_bytes()) {
                self.error = Some(error);
            }
            self.out.clear();
        }
    }

    fn tag(&mut self, name: &str, attributes: &[(&str, &dyn Display)], end: &str) {
        self.indent();
        self.start_tag(name, attributes);
        self.out.push_str(end);
        self.out.push('\n');
        self.spill();
    }

    fn start_tag(&mut self, name: &str, attributes: &[(&str, &dyn Display)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_display(&mut self.out, *value, true);
            self.out.push('"');
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }
}

/// Appends `value`, formatted and escaped as [`escape_into`] does.
pub fn escape_display(out: &mut String, value: &dyn Display, attribute: bool) {
    struct Escaper<'a> {
        out: &'a mut String,
        attribute: bool,
    }
    impl fmt::Write for Escaper<'_> {
        fn write_str(&mut self, text: &str) -> fmt::Result {
            escape_into(self.out, text, self.attribute);
            Ok(())
        }
    }
    // Writing into a String cannot fail, and our values' `Display` never fails.
    let _ = fmt::write(&mut Escaper { out, attribute }, format_args!("{value}"));
}

/// Appends `value` as [`escape_display`] would, escaping its pieces
/// ([`Value::write_pieces`]) without formatting machinery.
pub fn escape_value(out: &mut String, value: &Value<'_>, attribute: bool) {
    value.for_each_piece(|piece| escape_into(out, piece, attribute));
}

/// Appends `text` escaped for element content or (with `attribute`) a double-quoted
/// attribute value.
pub fn escape_into(out: &mut String, text: &str, attribute: bool) {
    // Runs of bytes that need nothing are copied whole; only ASCII markup, control
    // characters and the lead byte 0xEF (of U+FFFE, U+FFFF) are looked at closely,
    // found by one table lookup a byte rather than a chain of tests (which made
    // escaping a fifth of all export instructions).
    const LOOK_AT: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            table[b] = true;
            b += 1;
        }
        table[b'&' as usize] = true;
        table[b'<' as usize] = true;
        table[b'>' as usize] = true;
        table[b'"' as usize] = true;
        table[0xEF] = true;
        table
    };
    let bytes = text.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !LOOK_AT[b as usize] {
            continue;
        }
        let escaped = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attribute => "&quot;",
            b'\t' if attribute => "&#9;",
            b'\n' if attribute => "&#10;",
            b'\r' => "&#13;",
            b'"' | b'\t' | b'\n' => continue,
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => "",
            0xEF => continue,
            _ => "", // another control character: XML 1.0 cannot carry it
        };
        out.push_str(&text[run..i]);
        out.push_str(escaped);
        // A dropped U+FFFE/U+FFFF is three bytes long; everything else here is one.
        run = if b == 0xEF { i + 3 } else { i + 1 };
    }
    out.push_str(&text[run..]);
}

/// Whether XML 1.0 can carry `c` at all.
#[cfg(test)]
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values written piece by piece read exactly as their `Display`, escaped.
    #[test]
    fn values_escape_as_they_display() {
        let evidence = crate::graph::Evidence {
            file: "a&b.txt".into(),
            line: 12,
            column: 3,
            article: 1,
            sentence: "“<两个维护>”\t\u{FFFE}。".into(),
        };
        let values = [
            Value::Text("A&B <\"x\">\n".into()),
            Value::Whole(1234567),
            Value::Real(0.0000123457),
            Value::Bool(false),
            Value::Evidence(&evidence),
            Value::ArticleOf(&evidence),
        ];
        for value in &values {
            for attribute in [false, true] {
                let (mut direct, mut shown) = (String::new(), String::new());
                escape_value(&mut direct, value, attribute);
                escape_display(&mut shown, value, attribute);
                assert_eq!(direct, shown, "{value:?}");
            }
        }
    }

    fn attribute(value: &str) -> String {
        let mut out = String::new();
        escape_into(&mut out, value, true);
        out
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(attribute(r#"“党建+”<b> & "x" 'y'"#), "“党建+”&lt;b&gt; &amp; &quot;x&quot; 'y'");
    }

    #[test]
    fn keeps_line_breaks_in_attributes_and_drops_what_xml_cannot_carry() {
        assert_eq!(attribute("a\nb\tc\r"), "a&#10;b&#9;c&#13;");
        assert_eq!(attribute("form\u{c}feed\u{0}\u{FFFF}"), "formfeed");
        let mut text = String::new();
        escape_into(&mut text, "line\nbreak \"quoted\"", false);
        assert_eq!(text, "line\nbreak \"quoted\"");
    }

    /// The byte-level escaper agrees with the obvious one, character by character.
    #[test]
    fn escapes_like_the_character_by_character_rule() {
        fn reference(text: &str, attribute: bool) -> String {
            let mut out = String::new();
            for c in text.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' if attribute => out.push_str("&quot;"),
                    '\t' if attribute => out.push_str("&#9;"),
                    '\n' if attribute => out.push_str("&#10;"),
                    '\r' => out.push_str("&#13;"),
                    c if allowed_in_xml(c) => out.push(c),
                    _ => {}
                }
            }
            out
        }
        let samples = [
            "plain",
            "",
            "两个维护",
            "a&b<c>d\"e\tf\ng\rh",
            "\u{0}\u{1f}x\u{FFFE}y\u{FFFF}z\u{FFFD}\u{EFFF}\u{F000}",
            "\u{FFFF}",
            "端\u{FFFE}",
            "🀄\u{10FFFF}\u{7f}\u{80}",
        ];
        for text in samples {
            for attribute in [false, true] {
                let mut out = String::new();
                escape_into(&mut out, text, attribute);
                assert_eq!(out, reference(text, attribute), "{text:?}");
            }
        }
    }

    #[test]
    fn writes_nested_elements_and_safe_comments() {
        let mut bytes = Vec::new();
        let mut xml = XmlWriter::new(&mut bytes);
        xml.open("a", &[("id", &"x<y")]);
        xml.text("b", &[], &"两个维护 & more");
        xml.empty("c", &[("v", &"1")]);
        xml.comment("a -- b");
        xml.close("a");
        xml.finish().unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a id=\"x&lt;y\">\n  <b>两个维护 &amp; more</b>\n  \
             <c v=\"1\"/>\n  <!-- a - - b -->\n</a>\n"
        );
    }
}
