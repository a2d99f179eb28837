//! Layout repair on arbitrary bytes: no panic, and every repaired offset maps back into
//! the source.
#![no_main]

mod shipped;

use libfuzzer_sys::fuzz_target;
use tupu::load::{Decoded, Document, decode};

fuzz_target!(|data: &[u8]| {
    let Decoded::Text { text, encoding, .. } = decode(data) else { return };
    let page = tupu::layout::repair(Document { name: "fuzz.txt".into(), text, encoding }, &shipped::rules().layout);
    for block in &page.blocks {
        let text = block.text.as_str();
        for (at, c) in text.char_indices() {
            let source = block.text.source_offset(at);
            // Repaired text only ever copies: the character is in the source, there.
            assert!(page.document.text[source..].starts_with(c), "offset {at} of a block maps to the wrong place");
        }
        assert!(block.first_line <= block.last_line);
        let _ = page.position(block, 0);
    }
});
