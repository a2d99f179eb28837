//! Article segmentation and matching on arbitrary text: no panic, articles refer to
//! existing blocks, and evidence points into the source.
#![no_main]

mod shipped;

use libfuzzer_sys::fuzz_target;
use tupu::load::{Document, Encoding};
use tupu::matching::Matcher;

fuzz_target!(|text: &str| {
    let rules = shipped::rules();
    let page = tupu::layout::repair(
        Document { name: "fuzz.txt".into(), text: text.to_owned(), encoding: Encoding::Utf8 },
        &rules.layout,
    );
    let articles = tupu::articles::segment(&page);
    for article in &articles {
        assert!(article.text_blocks().all(|b| b < page.blocks.len()));
        assert!(article.lines.start < article.lines.end);
    }
    let matcher = Matcher::new(rules);
    let findings = tupu::link::find_in_page(&page, articles, rules, &matcher);
    let lines = text.split(['\n', '\r']).count().max(1) as u32 + 1;
    for article in &findings.articles {
        for mention in &article.mentions {
            for evidence in &mention.evidence {
                assert!(evidence.line >= 1 && evidence.line <= lines);
            }
        }
    }
});
