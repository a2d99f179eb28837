//! Evidence as the graph builder keeps it until the graph is finished.
//!
//! An edge keeps its first few occurrences, and a large archive has a hundred thousand
//! edges: kept as [`Evidence`], their sentences were the largest thing in memory that
//! grew with the text, each a small allocation made on a worker thread that outlived
//! its batch. While the graph is built, evidence is [`Cited`] instead: numbers, the
//! file's name in one string of all names cited, the sentence written to a temporary
//! file. [`CitedStore::resolve`] reads them back once, when the graph is finished and
//! the per-document work is over.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::graph::Evidence;

/// One occurrence of an edge, by number: which file (in [`CitedStore`]'s names), where,
/// which article, which sentence (in its spill).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cited {
    file: u32,
    line: u32,
    column: u32,
    article: u32,
    sentence: u32,
}

/// The names and sentences [`Cited`] evidence refers to.
#[derive(Default)]
pub struct CitedStore {
    /// Every file name cited, one after another; `name_ends[i]` ends name `i`.
    names: String,
    name_ends: Vec<usize>,
    /// Sentences cited, one after another, in a temporary file made on first use;
    /// `sentence_lens[i]` is the length in bytes of sentence `i`.
    spill: Option<BufWriter<File>>,
    sentence_lens: Vec<u32>,
    /// The current document's names and sentences already kept, by the address of their
    /// text: a document's evidence shares them (one `Arc` per sentence), and the
    /// addresses stay valid while the document's findings are alive.
    kept: FxHashMap<usize, u32>,
    /// The first error writing the spill; reported by [`CitedStore::resolve`].
    error: Option<std::io::Error>,
}

/// What [`Cited`] evidence resolves to: each name and sentence once, shared by every
/// evidence citing it, as [`Evidence`] shared them before.
pub struct Resolved {
    names: Vec<Arc<str>>,
    sentences: Vec<Arc<str>>,
}

impl CitedStore {
    /// Starts a document: what the last one kept may be freed, and its addresses reused.
    pub fn begin_document(&mut self) {
        self.kept.clear();
    }

    /// `evidence`, kept as numbers.
    pub fn keep(&mut self, evidence: Evidence) -> Cited {
        let file = self.keep_name(&evidence.file);
        let sentence = self.keep_sentence(&evidence.sentence);
        Cited { file, line: evidence.line, column: evidence.column, article: evidence.article, sentence }
    }

    fn keep_name(&mut self, name: &Arc<str>) -> u32 {
        let names = &mut self.names;
        let ends = &mut self.name_ends;
        *self.kept.entry(name.as_ptr() as usize).or_insert_with(|| {
            names.push_str(name);
            ends.push(names.len());
            index(ends.len() - 1)
        })
    }

    fn keep_sentence(&mut self, sentence: &Arc<str>) -> u32 {
        if let Some(&kept) = self.kept.get(&(sentence.as_ptr() as usize)) {
            return kept;
        }
        if self.error.is_none()
            && let Err(error) = self.spill(sentence.as_bytes())
        {
            self.error = Some(error);
        }
        // Sentences are cut to a few dozen characters around a match (`SENTENCE_REACH`),
        // a block's whole text at most: far below 4 GB.
        self.sentence_lens.push(u32::try_from(sentence.len()).unwrap_or(u32::MAX));
        let kept = index(self.sentence_lens.len() - 1);
        self.kept.insert(sentence.as_ptr() as usize, kept);
        kept
    }

    fn spill(&mut self, text: &[u8]) -> std::io::Result<()> {
        let spill = match &mut self.spill {
            Some(spill) => spill,
            None => self.spill.insert(BufWriter::with_capacity(1 << 16, tempfile::tempfile()?)),
        };
        spill.write_all(text)
    }

    /// Reads every name and sentence back.
    ///
    /// # Errors
    /// The first error writing or reading the temporary file.
    pub fn resolve(self) -> std::io::Result<Resolved> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let mut start = 0;
        let names = self
            .name_ends
            .iter()
            .map(|&end| {
                let name = Arc::from(&self.names[start..end]);
                start = end;
                name
            })
            .collect();
        let mut sentences = Vec::with_capacity(self.sentence_lens.len());
        if let Some(spill) = self.spill {
            let mut file = spill.into_inner().map_err(std::io::IntoInnerError::into_error)?;
            file.rewind()?;
            let mut reader = BufReader::with_capacity(1 << 16, file);
            let mut bytes = Vec::new();
            for &len in &self.sentence_lens {
                bytes.resize(len as usize, 0);
                reader.read_exact(&mut bytes)?;
                let text =
                    std::str::from_utf8(&bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
                sentences.push(Arc::from(text));
            }
        }
        Ok(Resolved { names, sentences })
    }
}

impl Resolved {
    pub fn evidence(&self, cited: &Cited) -> Evidence {
        Evidence {
            file: Arc::clone(&self.names[cited.file as usize]),
            line: cited.line,
            column: cited.column,
            article: cited.article,
            sentence: Arc::clone(&self.sentences[cited.sentence as usize]),
        }
    }
}

/// A name's or sentence's number. A graph holds far fewer than 4 billion evidence
/// entries (three an edge).
fn index(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 4 billion names and sentences cited")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(file: &Arc<str>, line: u32, sentence: &Arc<str>) -> Evidence {
        Evidence { file: Arc::clone(file), line, column: 1, article: 1, sentence: Arc::clone(sentence) }
    }

    #[test]
    fn evidence_comes_back_as_it_was_kept_sharing_what_it_shared() {
        let mut store = CitedStore::default();
        let (a, b): (Arc<str>, Arc<str>) = ("a.txt".into(), "b.txt".into());
        let (first, second): (Arc<str>, Arc<str>) = ("增强“四个意识”。".into(), "做到“两个维护”。".into());
        store.begin_document();
        let kept_a = [store.keep(evidence(&a, 1, &first)), store.keep(evidence(&a, 2, &first))];
        store.begin_document();
        let kept_b = store.keep(evidence(&b, 7, &second));
        let resolved = store.resolve().unwrap();
        let [one, two] = kept_a.map(|c| resolved.evidence(&c));
        assert_eq!(one, evidence(&a, 1, &first));
        assert_eq!(two, evidence(&a, 2, &first));
        assert!(Arc::ptr_eq(&one.sentence, &two.sentence) && Arc::ptr_eq(&one.file, &two.file));
        assert_eq!(resolved.evidence(&kept_b), evidence(&b, 7, &second));
        assert_eq!(resolved.sentences.len(), 2);
        assert_eq!(resolved.names.len(), 2);
    }

    #[test]
    fn nothing_cited_needs_no_temporary_file() {
        let store = CitedStore::default();
        let resolved = store.resolve().unwrap();
        assert!(resolved.names.is_empty() && resolved.sentences.is_empty());
    }
}
