//! Finding the text files under the paths a user named.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Warning;
use crate::error::Error;

/// A file to be read, with the name it goes by in outputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub path: PathBuf,
    pub name: String,
}

/// Every file found, sorted by name, what was passed over, and what could not be
/// looked at.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<SourceFile>,
    pub passed_over: PassedOver,
    pub warnings: Vec<Warning>,
}

/// Files found in folders but not read because of their extension, counted by
/// extension (lower case; `(none)` for a name without one). Hidden entries are not
/// counted: they are passed over as version-control folders are, silently.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PassedOver(pub BTreeMap<String, usize>);

impl PassedOver {
    fn add(&mut self, path: &Path) {
        let extension = match path.extension() {
            Some(ext) => format!(".{}", ext.to_string_lossy().to_lowercase()),
            None => "(none)".to_owned(),
        };
        *self.0.entry(extension).or_insert(0) += 1;
    }

    /// How many files were passed over.
    pub fn total(&self) -> usize {
        self.0.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `.html ×3, .pdf ×1`, most frequent first, then by name.
    pub fn by_extension(&self) -> String {
        let mut counts: Vec<(&String, &usize)> = self.0.iter().collect();
        counts.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        counts.iter().map(|(ext, n)| format!("{ext} ×{n}")).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for PassedOver {
    /// `3 files passed over: .html ×3; tupu reads .txt and .md`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.total();
        write!(
            f,
            "{n} file{} passed over: {}; tupu reads {}",
            if n == 1 { "" } else { "s" },
            self.by_extension(),
            TEXT_FILES
        )
    }
}

/// Extensions read when walking a directory. A file named on the command line is read
/// whatever its extension: the user asked for it.
const TEXT_EXTENSIONS: [&str; 2] = ["txt", "md"];

/// The extensions read, for messages: `tupu reads .txt and .md`.
pub const TEXT_FILES: &str = ".txt and .md";

/// Lists the `.txt` and `.md` files under `paths`.
///
/// Directories are walked recursively, following symbolic links; a link that loops back
/// to one of its ancestors is reported once and not followed. Hidden entries (names
/// starting with `.`) inside a directory are passed over, as version-control folders are.
/// A file reached twice (named twice, or through a link) is read once.
///
/// # Errors
/// [`Error::PathNotFound`] when a named path does not exist: that is a typo to fix, not a
/// file to skip.
pub fn discover(paths: &[PathBuf]) -> Result<Discovery, Error> {
    let mut discovery = Discovery::default();
    for root in paths {
        if std::fs::metadata(root).is_err() && std::fs::symlink_metadata(root).is_err() {
            return Err(Error::PathNotFound { path: root.clone() });
        }
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    if entry.depth() == 0 || has_text_extension(entry.path()) {
                        discovery.files.push(SourceFile { name: display_name(entry.path()), path: entry.into_path() });
                    } else {
                        discovery.passed_over.add(entry.path());
                    }
                }
                Ok(_) => {}
                Err(err) => discovery.warnings.push(walk_warning(root, &err)),
            }
        }
    }
    discovery.files.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.path.as_os_str().cmp(b.path.as_os_str())));
    let mut seen = HashSet::new();
    let mut folders = HashMap::new();
    discovery.files.retain(|file| seen.insert(identity(&file.path, &mut folders)));
    // The list lives as long as the scan; a news archive has a hundred thousand files.
    discovery.files.shrink_to_fit();
    for file in &discovery.files {
        if file.path.to_str().is_none() {
            discovery.warnings.push(Warning::new(
                &file.name,
                "the file name is not valid UTF-8; it is shown with U+FFFD in its place",
            ));
        }
    }
    discovery.warnings.sort();
    Ok(discovery)
}

/// The canonical path of `path`, what tells a file reached twice. The same as
/// `canonicalize(path)` (a path that cannot be resolved stands for itself), at the cost
/// of one `lstat` a file: a file that is not a link is its folder's canonical path, looked
/// up once per folder in `folders`, plus its name.
fn identity(path: &Path, folders: &mut HashMap<PathBuf, Option<PathBuf>>) -> PathBuf {
    let canonical = || std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let (Some(name), Some(parent)) = (path.file_name(), path.parent()) else { return canonical() };
    match std::fs::symlink_metadata(path) {
        Ok(metadata) if !metadata.file_type().is_symlink() => {}
        _ => return canonical(),
    }
    let folder = folders.entry(parent.to_owned()).or_insert_with(|| {
        let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
        std::fs::canonicalize(parent).ok()
    });
    match folder {
        Some(folder) => folder.join(name),
        None => canonical(),
    }
}

fn walk_warning(root: &Path, err: &walkdir::Error) -> Warning {
    let name = display_name(err.path().unwrap_or(root));
    match err.loop_ancestor() {
        Some(ancestor) => Warning::new(
            name,
            format!("skipped: a symbolic link loops back to {}; it was not followed", display_name(ancestor)),
        ),
        None => Warning::new(name, format!("skipped: cannot read ({})", io_reason(err))),
    }
}

fn io_reason(err: &walkdir::Error) -> String {
    match err.io_error() {
        Some(io) => io.to_string(),
        None => err.to_string(),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| TEXT_EXTENSIONS.iter().any(|known| ext.eq_ignore_ascii_case(known)))
}

/// The name a file goes by in outputs and messages: its path as given, with `.`
/// components dropped and `/` as separator, so that `seeds`, `./seeds` and `seeds/`
/// name files alike on every platform. Invalid UTF-8 is shown as U+FFFD.
pub fn display_name(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut absolute = false;
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::RootDir => absolute = true,
            Component::Prefix(prefix) => parts.push(prefix.as_os_str().to_string_lossy().into_owned()),
            Component::ParentDir => parts.push("..".to_owned()),
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
        }
    }
    let joined = parts.join("/");
    if absolute { format!("/{joined}") } else { joined }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_file_reached_twice_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let texts = dir.path().join("texts");
        std::fs::create_dir(&texts).unwrap();
        std::fs::write(texts.join("a.txt"), "甲").unwrap();
        std::fs::write(texts.join("b.txt"), "乙").unwrap();
        // A link to a file, a link to the folder, the folder and one file named again.
        std::os::unix::fs::symlink(texts.join("a.txt"), texts.join("c.txt")).unwrap();
        std::os::unix::fs::symlink(&texts, dir.path().join("again")).unwrap();
        let paths = [texts.clone(), dir.path().join("again"), texts.join("b.txt"), dir.path().join("texts/./a.txt")];
        let found = discover(&paths).unwrap();
        let mut read: Vec<String> = found.files.iter().map(|f| std::fs::read_to_string(&f.path).unwrap()).collect();
        read.sort();
        assert_eq!(read, ["乙", "甲"], "{:?}", found.files);
    }

    #[test]
    fn display_names_do_not_depend_on_how_the_path_was_typed() {
        assert_eq!(display_name(Path::new("./seeds/a.txt")), "seeds/a.txt");
        assert_eq!(display_name(Path::new("seeds//a.txt")), "seeds/a.txt");
        assert_eq!(display_name(Path::new("/tmp/x/a.txt")), "/tmp/x/a.txt");
    }

    #[test]
    fn files_passed_over_are_counted_by_extension() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.html", "b.HTML", "c.pdf", "README", "d.txt", ".hidden.html"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let discovery = discover(&[dir.path().to_owned()]).unwrap();
        assert_eq!(discovery.files.len(), 1);
        assert_eq!(discovery.passed_over.total(), 4);
        assert_eq!(
            discovery.passed_over.to_string(),
            "4 files passed over: .html ×2, (none) ×1, .pdf ×1; tupu reads .txt and .md"
        );
    }

    #[test]
    fn messages_name_the_extensions_read() {
        assert_eq!(TEXT_FILES, TEXT_EXTENSIONS.map(|ext| format!(".{ext}")).join(" and "));
    }

    #[test]
    fn extensions() {
        assert!(has_text_extension(Path::new("a.TXT")));
        assert!(has_text_extension(Path::new("a.md")));
        assert!(!has_text_extension(Path::new("a.pdf")));
        assert!(!has_text_extension(Path::new("txt")));
    }
}
