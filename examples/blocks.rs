//! Prints the blocks layout repair makes of a file: `cargo run --example blocks FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: blocks FILE");
    let rules = tupu::rules::RuleSet::load(std::path::Path::new("rules")).expect("rules load");
    let file = tupu::load::SourceFile { name: path.clone(), path: path.into() };
    let (document, _) = tupu::load::read(&file).expect("file reads");
    let page = tupu::layout::repair(document, &rules.layout);
    for (i, block) in page.blocks.iter().enumerate() {
        let text: String = block.text.as_str().chars().take(40).collect();
        println!("{i:3} {:4}-{:<4} {:?} {}", block.first_line, block.last_line, block.kind, text);
    }
    for article in tupu::articles::segment(&page) {
        println!(
            "{} {:?} {} title={:?} body={:?}",
            article.ordinal, article.kind, article.title, article.title_block, article.body
        );
    }
}
