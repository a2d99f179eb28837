//! Large corpora in two shapes, made from real text perturbed so that no two files are
//! alike.
//!
//! - **Pages** (`generate`): every file is a seed page (many articles, bylined columns)
//!   whose Han characters are each, with a small probability, replaced by another
//!   character of the same seed (so character frequencies stay realistic), and whose
//!   paragraphs are sometimes swapped.
//! - **News** (`generate_news`): every file is one article of the dev corpus's news
//!   archive (`../shared/corpora/dev/rmrb`: kicker, title, subtitle, one paragraph a line),
//!   perturbed the same way and cut at a paragraph to about 4 KB (2–6 KB), as crawlers and
//!   CMS exports give single stories; the short closing line (a credit, a designer's
//!   note) is kept.
//!
//! - **Lines** (`generate_lines`): the news shape's articles run together without their
//!   line breaks, as the text layer of a scanned PDF or a web dump gives text, into
//!   files of one line of up to 20 MB each.
//!
//! Matching therefore cannot be cached per file, and names, titles and bylines vary as
//! in a real archive. The output depends only on the source files, the size and the seed
//! number, and is written under `target/` only.

use std::path::{Path, PathBuf};

/// Pages per folder, as an archive sorted by issue would hold them.
const PAGES_PER_FOLDER: usize = 100;
/// One Han character in this many is replaced.
const REPLACE_ONE_IN: u64 = 40;

/// A small, fast, deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Writes pages into `dir` until they hold at least `bytes` bytes; returns the total.
pub fn generate(seeds: &Path, dir: &Path, bytes: u64, seed: u64) -> std::io::Result<u64> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(seeds)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .collect();
    paths.sort();
    let pages: Vec<String> = paths.iter().map(std::fs::read_to_string).collect::<Result<_, _>>()?;
    let alphabets: Vec<Vec<char>> = pages.iter().map(|p| p.chars().filter(|&c| is_han(c)).collect()).collect();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut written = 0u64;
    let mut index = 0usize;
    while written < bytes {
        let which = index % pages.len();
        let page = perturb(&pages[which], &alphabets[which], &mut rng);
        let folder = dir.join(format!("{:04}", index / PAGES_PER_FOLDER));
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join(format!("page_{index:06}.txt")), &page)?;
        written += page.len() as u64;
        index += 1;
    }
    Ok(written)
}

/// Files per folder in the news shape, as a crawler's archive by day holds them.
const NEWS_PER_FOLDER: usize = 500;
/// News files are cut at a paragraph once they hold this many bytes plus up to
/// `NEWS_SPREAD`.
const NEWS_MIN: u64 = 2_000;
const NEWS_SPREAD: u64 = 4_000;
/// A last line shorter than this is a closing credit or note, kept when the body is cut.
const CLOSING_LINE: usize = 120;

/// Writes single-article files made from the articles in `articles` into `dir` until
/// they hold at least `bytes` bytes; returns the total.
pub fn generate_news(articles: &Path, dir: &Path, bytes: u64, seed: u64) -> std::io::Result<u64> {
    let sources = read_sources(articles)?;
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x6E65_7773 | 1);
    let mut written = 0u64;
    let mut index = 0usize;
    while written < bytes {
        let which = index % sources.len();
        let (text, alphabet) = &sources[which];
        let article = perturb_article(text, alphabet, &mut rng);
        let folder = dir.join(format!("{:04}", index / NEWS_PER_FOLDER));
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join(format!("{index:07}.txt")), &article)?;
        written += article.len() as u64;
        index += 1;
    }
    Ok(written)
}

/// Longest line of the lines shape, in bytes: one file holds one line.
const LINE_FILE_BYTES: u64 = 20_000_000;

/// Writes files of one line each, made from the articles in `articles` as the news shape
/// makes them without their line ends, into `dir` until they hold at least `bytes`
/// bytes; returns the total.
pub fn generate_lines(articles: &Path, dir: &Path, bytes: u64, seed: u64) -> std::io::Result<u64> {
    let sources = read_sources(articles)?;
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x6C69_6E65 | 1);
    std::fs::create_dir_all(dir)?;
    let mut written = 0u64;
    let mut index = 0usize;
    let mut file = 0usize;
    while written < bytes {
        let mut line = String::new();
        while (line.len() as u64) < LINE_FILE_BYTES && written + (line.len() as u64) < bytes {
            let (text, alphabet) = &sources[index % sources.len()];
            let article = perturb_article(text, alphabet, &mut rng);
            line.extend(article.split(['\r', '\n']));
            index += 1;
        }
        std::fs::write(dir.join(format!("line_{file:03}.txt")), &line)?;
        written += line.len() as u64;
        file += 1;
    }
    Ok(written)
}

/// The `.txt`/`.md` files of `dir`, sorted by name, each with its Han characters.
fn read_sources(dir: &Path) -> std::io::Result<Vec<(String, Vec<char>)>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .collect();
    paths.sort();
    let mut sources = Vec::with_capacity(paths.len());
    for path in paths {
        let text = std::fs::read_to_string(&path)?;
        let alphabet = text.chars().filter(|&c| is_han(c)).collect();
        sources.push((text, alphabet));
    }
    if sources.is_empty() {
        return Err(std::io::Error::other(format!("no .txt or .md file in {}", dir.display())));
    }
    Ok(sources)
}

/// One crawler file (kicker, title, subtitle, then a paragraph a line), perturbed: body
/// paragraphs after the first sometimes swapped, one Han character in
/// `REPLACE_ONE_IN` replaced, the body cut at a paragraph past 2–6 KB. Line ends are
/// kept as they are (the archive's are CRLF).
fn perturb_article(text: &str, alphabet: &[char], rng: &mut Rng) -> String {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<&str> = text.split(newline).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let head = lines.len().min(3);
    let (header, body) = lines.split_at(head);
    let mut body: Vec<&str> = body.to_vec();
    let closing = match body.iter().rposition(|l| !l.trim().is_empty()) {
        Some(last) if last > 0 && body[last].len() < CLOSING_LINE => {
            let line = body[last];
            body.truncate(last);
            Some(line)
        }
        _ => None,
    };
    // The first paragraph often opens with the dateline and credit: it stays first.
    if body.len() > 2 {
        for _ in 0..body.len() / 8 {
            let a = 1 + rng.below(body.len() as u64 - 1) as usize;
            let b = 1 + rng.below(body.len() as u64 - 1) as usize;
            body.swap(a, b);
        }
    }
    let limit = NEWS_MIN + rng.below(NEWS_SPREAD);
    let mut kept: Vec<&str> = header.to_vec();
    let mut length: u64 = kept.iter().map(|l| l.len() as u64 + 2).sum();
    for (i, line) in body.iter().enumerate() {
        if i > 0 && length >= limit {
            break;
        }
        kept.push(line);
        length += line.len() as u64 + 2;
    }
    kept.extend(closing);
    let mut out = String::with_capacity(length as usize + 256);
    for (i, line) in kept.iter().enumerate() {
        if i > 0 {
            out.push_str(newline);
        }
        replace_han(line, alphabet, rng, &mut out);
    }
    out.push_str(newline);
    out
}

/// Copies `text` into `out`, each Han character replaced with probability
/// 1/`REPLACE_ONE_IN` by one of `alphabet`.
fn replace_han(text: &str, alphabet: &[char], rng: &mut Rng, out: &mut String) {
    for c in text.chars() {
        if is_han(c) && rng.below(REPLACE_ONE_IN) == 0 {
            out.push(alphabet[rng.below(alphabet.len() as u64) as usize]);
        } else {
            out.push(c);
        }
    }
}

fn perturb(page: &str, alphabet: &[char], rng: &mut Rng) -> String {
    let mut paragraphs: Vec<String> = page.split("\n\n").map(str::to_owned).collect();
    // Swap a few paragraphs: layouts differ from page to page.
    for _ in 0..paragraphs.len() / 8 {
        let (a, b) = (rng.below(paragraphs.len() as u64) as usize, rng.below(paragraphs.len() as u64) as usize);
        paragraphs.swap(a, b);
    }
    let mut out = String::with_capacity(page.len());
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        replace_han(paragraph, alphabet, rng, &mut out);
    }
    out
}
