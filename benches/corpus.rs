//! A large corpus made from the seed pages, perturbed so that no two pages are alike.
//!
//! Every page is a seed page whose Han characters are each, with a small probability,
//! replaced by another character of the same seed (so character frequencies stay
//! realistic), and whose paragraphs are sometimes swapped. Matching therefore cannot
//! be cached per page, and names, titles and bylines vary as in a real archive. The
//! output depends only on the seeds, the size and the seed number.

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
        for c in paragraph.chars() {
            if is_han(c) && rng.below(REPLACE_ONE_IN) == 0 {
                out.push(alphabet[rng.below(alphabet.len() as u64) as usize]);
            } else {
                out.push(c);
            }
        }
    }
    out
}
