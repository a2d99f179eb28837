//! Stage 1: load.
//!
//! In: the paths a user named. Out: the text files under them, in a stable order, each
//! decoded to UTF-8.
//!
//! Discovery ([`discover`]) and decoding ([`decode`]) are separate so that the pipeline can
//! list every file first (cheap, sequential, sorted) and then read and decode files in
//! parallel, in batches, without holding the whole corpus in memory.
//!
//! Architecture invariant: the order of documents depends only on their paths, never on
//! the order the file system lists them in, so every later stage sees the same sequence.

mod decode;
mod discover;

pub use decode::{Decoded, Encoding, decode};
pub use discover::{Discovery, PassedOver, SourceFile, TEXT_FILES, discover, display_name};

use crate::diagnostics::Warning;

/// One decoded text file.
#[derive(Clone, Debug)]
pub struct Document {
    /// The file's name as shown to users and written into outputs: the path relative to
    /// the current directory where possible, with `/` separators.
    pub name: String,
    /// The decoded text. Line ends are kept as in the file.
    pub text: String,
    /// How the bytes were decoded.
    pub encoding: Encoding,
}

/// Reads and decodes one discovered file.
///
/// Returns `Err` with a warning (never a hard error) when the file cannot be used: it
/// cannot be read, it is binary, or it holds no text. The caller reports the warning and
/// goes on with the other files.
pub fn read(file: &SourceFile) -> Result<(Document, Option<Warning>), Warning> {
    read_bytes(file).and_then(|bytes| decode_file(file, &bytes))
}

/// The raw bytes of a file.
fn read_bytes(file: &SourceFile) -> Result<Vec<u8>, Warning> {
    std::fs::read(&file.path).map_err(|err| Warning::new(&file.name, format!("skipped: cannot read the file ({err})")))
}

/// Decodes the bytes of `file` (see [`read`]).
fn decode_file(file: &SourceFile, bytes: &[u8]) -> Result<(Document, Option<Warning>), Warning> {
    match decode(bytes) {
        Decoded::Empty => Err(Warning::new(&file.name, "skipped: the file is empty")),
        Decoded::Binary => {
            Err(Warning::new(&file.name, "skipped: the file looks binary (it holds NUL bytes), not text"))
        }
        Decoded::Text { text, encoding, replaced } => {
            let warning = (replaced > 0).then(|| {
                Warning::new(
                    &file.name,
                    format!(
                        "{replaced} byte sequence(s) are neither UTF-8 nor GB18030; \
                         they were replaced by U+FFFD (decoded as {})",
                        encoding.name()
                    ),
                )
            });
            Ok((Document { name: file.name.clone(), text, encoding }, warning))
        }
    }
}
