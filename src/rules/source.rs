//! Where rules come from: a folder the user names, `./rules`, or the rules built into
//! the binary.
//!
//! The shipped files (`rules/*.toml` of the source tree) are embedded at compile time
//! by `build.rs`, every `*.toml` file whatever its name, so an installed `tupu` works
//! in any folder. A `rules/` folder in the working directory, or `--rules DIR`, takes
//! their place; `tupu rules init` writes them out for editing.

use std::fmt;
use std::path::{Path, PathBuf};

use super::RuleError;
use crate::error::Error;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// The folder name rules are looked for in, in the working directory; also what
/// `tupu rules init` writes to by default.
pub const DEFAULT_FOLDER: &str = "rules";

/// How built-in rule files are named in messages: `<built-in>/slogans.toml:12:5`, so
/// that file, line and column still say where a rule is (`tupu rules init` writes the
/// same file, with the same lines, into `rules/`).
pub const BUILTIN_PREFIX: &str = "<built-in>";

/// The text of rule files, as `(name, text)`, and the files that could not be read.
pub type RuleTexts = (Vec<(String, String)>, Vec<RuleError>);

/// Where a rule set is read from; by default the rules built into the binary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RuleSource {
    /// A folder of `*.toml` files. `named`: the user gave it (`--rules`), so a missing
    /// folder is their typo to fix, and the error says which option named it.
    Folder { path: PathBuf, named: bool },
    /// The rules built into the binary.
    #[default]
    BuiltIn,
}

impl RuleSource {
    /// The rules a command uses: the folder given with `--rules`; else `./rules` when it
    /// exists; else the built-in rules.
    pub fn resolve(named: Option<PathBuf>) -> RuleSource {
        match named {
            Some(path) => RuleSource::Folder { path, named: true },
            None if Path::new(DEFAULT_FOLDER).is_dir() => {
                RuleSource::Folder { path: PathBuf::from(DEFAULT_FOLDER), named: false }
            }
            None => RuleSource::BuiltIn,
        }
    }

    /// Every rule file, as `(name, text)` in name order, and the files that could not be
    /// read (each an error at its file, reported with the rules' other errors).
    ///
    /// # Errors
    /// [`Error::RulesFolderMissing`] for a named folder that does not exist,
    /// [`Error::NoRules`] for a folder without `*.toml` files.
    pub fn read(&self) -> Result<RuleTexts, Error> {
        let (dir, named) = match self {
            RuleSource::BuiltIn => {
                let files =
                    builtin_files().map(|(name, text)| (format!("{BUILTIN_PREFIX}/{name}"), text.to_owned())).collect();
                return Ok((files, Vec::new()));
            }
            RuleSource::Folder { path, named } => (path, *named),
        };
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(_) if named && !dir.exists() => return Err(Error::RulesFolderMissing { path: dir.clone() }),
            Err(_) => return Err(Error::NoRules { path: dir.clone() }),
        };
        let mut paths: Vec<_> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml") && path.is_file())
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(Error::NoRules { path: dir.clone() });
        }
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for path in paths {
            let name = crate::load::display_name(&path);
            match std::fs::read_to_string(&path) {
                Ok(text) => files.push((name, text)),
                Err(err) => errors.push(RuleError::new(
                    &name,
                    None,
                    format!("cannot read the rule file ({err})"),
                    "rule files must be readable UTF-8 text",
                )),
            }
        }
        Ok((files, errors))
    }
}

impl fmt::Display for RuleSource {
    /// `built-in`, or the folder: `./rules` when found in the working directory, the
    /// path as given otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleSource::BuiltIn => f.write_str("built-in"),
            RuleSource::Folder { path, named: false } if path == Path::new(DEFAULT_FOLDER) => {
                write!(f, "./{DEFAULT_FOLDER}")
            }
            RuleSource::Folder { path, .. } => write!(f, "{}", path.display()),
        }
    }
}

/// A folder named in code (tests, examples) is treated as one a user named.
impl From<&Path> for RuleSource {
    fn from(path: &Path) -> RuleSource {
        RuleSource::Folder { path: path.to_owned(), named: true }
    }
}

impl From<&PathBuf> for RuleSource {
    fn from(path: &PathBuf) -> RuleSource {
        RuleSource::from(path.as_path())
    }
}

impl From<PathBuf> for RuleSource {
    fn from(path: PathBuf) -> RuleSource {
        RuleSource::Folder { path, named: true }
    }
}

impl From<&RuleSource> for RuleSource {
    fn from(source: &RuleSource) -> RuleSource {
        source.clone()
    }
}

/// Which rules a run used and how many files they came from, for its summary:
/// `built-in (5 files)`, `./rules (5 files)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesUsed {
    pub source: RuleSource,
    pub files: usize,
}

impl fmt::Display for RulesUsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({} file{})", self.source, self.files, if self.files == 1 { "" } else { "s" })
    }
}

/// The built-in rule files (`*.toml`), as (file name, text), in name order.
pub fn builtin_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    embedded::FILES.iter().copied().filter(|(name, _)| name.ends_with(".toml"))
}

/// Writes the built-in rule files, and the rule language's reference (`README.md`),
/// into `dir`, creating it; returns the files written.
///
/// Nothing is written when any of them exists already, unless `force`: a user's edits
/// are not lost to a second `init`.
///
/// # Errors
/// [`Error::RulesExist`] naming the files that exist; [`Error::Output`] when a file
/// cannot be written.
pub fn write_builtin(dir: &Path, force: bool) -> Result<Vec<PathBuf>, Error> {
    let files: Vec<(PathBuf, &str)> = embedded::FILES.iter().map(|(name, text)| (dir.join(name), *text)).collect();
    if !force {
        let existing: Vec<PathBuf> =
            files.iter().filter(|(path, _)| path.symlink_metadata().is_ok()).map(|(path, _)| path.clone()).collect();
        if !existing.is_empty() {
            return Err(Error::RulesExist { paths: existing });
        }
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Output { path: dir.to_owned(), source })?;
    for (path, text) in &files {
        std::fs::write(path, text).map_err(|source| Error::Output { path: path.clone(), source })?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded rules are the files of `rules/`, byte for byte, and all of them: a
    /// file added, removed or changed there is in the binary after the next build.
    #[test]
    fn embedded_rules_are_the_files_in_the_rules_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_FOLDER);
        let mut on_disk: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .map(|path| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&path).unwrap())
            })
            .collect();
        on_disk.sort();
        let embedded: Vec<(String, String)> =
            builtin_files().map(|(name, text)| (name.to_owned(), text.to_owned())).collect();
        assert!(!embedded.is_empty());
        assert_eq!(embedded, on_disk);
        let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
        assert!(embedded::FILES.contains(&("README.md", readme.as_str())));
    }

    #[test]
    fn built_in_rules_compile_and_are_named_as_built_in() {
        let rules = super::super::RuleSet::load(&RuleSource::BuiltIn).unwrap();
        assert_eq!(rules.files.len(), builtin_files().count());
        assert!(rules.concepts.iter().all(|c| c.origin.file.starts_with("<built-in>/")));
    }

    #[test]
    fn summaries_say_where_the_rules_came_from() {
        let used = |source, files| RulesUsed { source, files }.to_string();
        assert_eq!(used(RuleSource::BuiltIn, 7), "built-in (7 files)");
        assert_eq!(used(RuleSource::Folder { path: "rules".into(), named: false }, 7), "./rules (7 files)");
        assert_eq!(used(RuleSource::Folder { path: "my/rules".into(), named: true }, 1), "my/rules (1 file)");
    }

    #[test]
    fn init_refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let written = write_builtin(dir.path(), false).unwrap();
        assert_eq!(written.len(), embedded::FILES.len());
        let edited = &written[0];
        std::fs::write(edited, "# my edits").unwrap();
        match write_builtin(dir.path(), false) {
            Err(Error::RulesExist { paths }) => assert_eq!(paths.len(), written.len()),
            other => panic!("expected RulesExist, got {other:?}"),
        }
        assert_eq!(std::fs::read_to_string(edited).unwrap(), "# my edits");
        write_builtin(dir.path(), true).unwrap();
        assert_ne!(std::fs::read_to_string(edited).unwrap(), "# my edits");
    }
}
