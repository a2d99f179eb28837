//! Rule files: what the user tells tupu to look for.
//!
//! In: the `*.toml` files of a rules folder. Out: a compiled [`RuleSet`] — kinds,
//! concepts with their surface forms — or [`RuleErrors`] listing every mistake at once,
//! each with file, line, column and a fix.
//!
//! Kinds are data: a file declares the node kinds it defines (`[[kind]]`), and a new
//! file with a new kind works with no change to the program. Only `article` and
//! `author` are built in, because the program itself creates them from page layout.
//!
//! Architecture invariant: this module knows nothing about documents or articles; it
//! turns rule text into a rule set. Matching text against it is [`crate::matching`]'s job.

mod error;
mod file;
pub mod layout;
mod pattern;
mod relation;
mod source;

pub use error::{RuleError, RuleErrors};
pub use layout::LayoutRules;
pub use pattern::{
    Group, Groups, NameWords, Pattern, REGEX_SIZE_LIMIT, Template, compile_regex, for_each_captures, literal_prefixes,
    whole_match_group,
};
pub use relation::{ActorRules, Relation, Scope};
pub use source::{BUILTIN_PREFIX, DEFAULT_FOLDER, RuleSource, RulesUsed, builtin_files, write_builtin};

use std::collections::HashMap;

use error::Locator;
use file::{ConceptEntry, ExampleEntry, KindEntry, LayoutEntry, PatternEntry, RelationEntry, RuleFile};

use crate::error::Error;
use crate::position::Position;

/// Index of a kind in [`RuleSet::kinds`].
pub type KindId = usize;
/// Index of a concept in [`RuleSet::concepts`].
pub type ConceptId = usize;

/// The kind of article nodes, built in.
pub const ARTICLE: &str = "article";
/// The kind of author nodes, built in.
pub const AUTHOR: &str = "author";

/// A node kind: what sort of thing a node is (a slogan, a mechanism, an enterprise …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kind {
    /// Machine name, used in node ids and outputs: `slogan`.
    pub name: String,
    /// Display name, for legends: `政治口号`.
    pub label: String,
    pub colour: Colour,
    pub description: String,
    /// Legal-form endings that do not change which organisation a name means:
    /// `聊城水务集团` and `聊城水务集团有限公司` are one node.
    pub equivalent_suffixes: Vec<String>,
    /// Where it was declared; `None` for built-in kinds.
    pub origin: Option<Origin>,
}

impl Kind {
    /// `name` without the longest of the kind's equivalent suffixes that leaves at least
    /// two characters (`聊城水务集团有限公司` → `聊城水务集团`); names with the same stem
    /// are one node.
    pub fn stem<'n>(&self, name: &'n str) -> &'n str {
        self.equivalent_suffixes
            .iter()
            .filter_map(|suffix| name.strip_suffix(suffix.as_str()).map(|stem| (suffix.len(), stem)))
            .filter(|(_, stem)| stem.chars().count() >= 2)
            .max_by_key(|&(length, _)| length)
            .map_or(name, |(_, stem)| stem)
    }
}

/// An RGB colour, written `#rrggbb` in rule files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Colour {
    /// Parses `#rrggbb`.
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Colour { r: channel(0)?, g: channel(2)?, b: channel(4)? })
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// Where a rule was written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    pub file: String,
    pub position: Position,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.position.line, self.position.column)
    }
}

/// A concept: one node of the graph, found in text by any of its surface forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concept {
    pub kind: KindId,
    /// The canonical id, which names the node: `两个维护`.
    pub id: String,
    /// Every surface form that maps to this concept, the id first.
    pub forms: Vec<String>,
    pub note: Option<String>,
    /// Whether a match must start and end on jieba word boundaries.
    pub word_boundary: bool,
    pub priority: i32,
    pub examples: Vec<Example>,
    pub counterexamples: Vec<Example>,
    pub origin: Origin,
}

/// An inline test of a rule: a text that must (or must not) yield a concept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    /// The id the text must yield; `None`: the rule's own concept (for a pattern: any
    /// concept the pattern makes).
    pub id: Option<String>,
    pub origin: Origin,
}

/// A compiled, validated set of rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSet {
    pub kinds: Vec<Kind>,
    pub concepts: Vec<Concept>,
    pub patterns: Vec<Pattern>,
    pub relations: Vec<Relation>,
    pub actors: ActorRules,
    pub layout: LayoutRules,
    /// The names of the files compiled, in the order given.
    pub files: Vec<String>,
}

impl RuleSet {
    /// Loads and compiles the rules of `source` (a folder's `*.toml` files, in name
    /// order, or the built-in rules).
    ///
    /// # Errors
    /// [`Error::RulesFolderMissing`] or [`Error::NoRules`] when there is no rule file;
    /// [`Error::Rules`] with every mistake found in every file otherwise.
    pub fn load(source: impl Into<RuleSource>) -> Result<RuleSet, Error> {
        let (sources, mut errors) = source.into().read()?;
        match compile(&sources) {
            Ok(rules) if errors.is_empty() => Ok(rules),
            Ok(_) => Err(Error::Rules(RuleErrors(errors))),
            Err(more) => {
                errors.extend(more.0);
                Err(Error::Rules(RuleErrors(errors)))
            }
        }
    }

    /// The kind named `name` or by its plural (`units`, `entities`, `slogans`).
    pub fn kind_or_plural(&self, name: &str) -> Option<KindId> {
        let mut candidates = vec![name.to_owned()];
        if let Some(stem) = name.strip_suffix("ies") {
            candidates.push(format!("{stem}y"));
        }
        if let Some(stem) = name.strip_suffix("es") {
            candidates.push(stem.to_owned());
        }
        if let Some(stem) = name.strip_suffix('s') {
            candidates.push(stem.to_owned());
        }
        candidates.into_iter().find_map(|c| self.kind(&c))
    }

    pub fn kind(&self, name: &str) -> Option<KindId> {
        self.kinds.iter().position(|kind| kind.name == name)
    }
}

/// The kinds every rule set has, because the program creates their nodes itself.
fn builtin_kinds() -> Vec<Kind> {
    vec![
        Kind {
            name: ARTICLE.to_owned(),
            label: "文章".to_owned(),
            colour: Colour { r: 0x9a, g: 0xa5, b: 0xb1 },
            description: "An article found on a page: its title, authors and body.".to_owned(),
            equivalent_suffixes: Vec::new(),
            origin: None,
        },
        Kind {
            name: AUTHOR.to_owned(),
            label: "作者".to_owned(),
            colour: Colour { r: 0x2e, g: 0x86, b: 0xab },
            description: "A person named in an article's byline.".to_owned(),
            equivalent_suffixes: Vec::new(),
            origin: None,
        },
    ]
}

/// Compiles rule files given as `(name, text)` pairs, in the order given.
///
/// All files are checked completely; the result lists every error, sorted by file and
/// position.
pub fn compile(sources: &[(String, String)]) -> Result<RuleSet, RuleErrors> {
    let mut compiler = Compiler {
        kinds: builtin_kinds(),
        concepts: Vec::new(),
        patterns: Vec::new(),
        relations: Vec::new(),
        actors: ActorRules::default(),
        layout: LayoutRules::default(),
        kind_not_after: rustc_hash::FxHashMap::default(),
        errors: Vec::new(),
    };
    let mut parsed = Vec::new();
    for (name, text) in sources {
        let locator = Locator::new(name, text);
        match toml::from_str::<RuleFile>(text) {
            Ok(file) => parsed.push((locator, file)),
            Err(err) => compiler.errors.push(syntax_error(&locator, &err)),
        }
    }
    // A file that does not parse declares none of its kinds, and every other file's use
    // of them would be reported as unknown: the syntax errors alone are the news.
    if !compiler.errors.is_empty() {
        let mut errors = compiler.errors;
        errors.sort();
        return Err(RuleErrors(errors));
    }
    // Kinds first, from every file, so that a concept may use a kind declared in a file
    // that sorts after its own.
    let mut declared = Vec::new();
    for (locator, file) in &parsed {
        declared.push(compiler.declare_kinds(locator, &file.kind));
    }
    for ((locator, file), own_kinds) in parsed.iter().zip(declared) {
        for concept in &file.concept {
            compiler.add_concept(locator, concept, &own_kinds);
        }
        for pattern in &file.pattern {
            compiler.add_pattern(locator, pattern, &own_kinds);
        }
        for relation in &file.relation {
            compiler.add_relation(locator, relation);
        }
        if let Some(layout) = &file.layout {
            compiler.add_layout(locator, layout.get_ref());
        }
        if let Some(actors) = &file.actors {
            let actors = actors.get_ref();
            let names = |list: &[toml::Spanned<String>]| list.iter().filter_map(non_empty).collect::<Vec<_>>();
            compiler.actors.never.extend(names(&actors.never));
            compiler.actors.place_endings.extend(names(&actors.place_endings));
            compiler.actors.place_bodies.extend(names(&actors.place_bodies));
            compiler.actors.subsidiary_markers.extend(names(&actors.subsidiary_markers));
            compiler.actors.legal_forms.extend(names(&actors.legal_forms));
            compiler.actors.others.extend(names(&actors.others));
            compiler.actors.breaches.extend(names(&actors.breaches));
            compiler.actors.prepositions.extend(names(&actors.prepositions));
            compiler.actors.companions.extend(names(&actors.companions));
            compiler.actors.back_references.extend(names(&actors.back_references));
            compiler.actors.speech_verbs.extend(names(&actors.speech_verbs));
            compiler.actors.deputies.extend(names(&actors.deputies));
            for (ending, short) in &actors.contractions {
                match (ending.trim(), non_empty(short)) {
                    (ending, Some(short)) if !ending.is_empty() && ending != short => {
                        compiler.actors.contractions.push((ending.to_owned(), short))
                    }
                    _ => compiler.errors.push(locator.error(
                        short.span().start,
                        format!("contraction `{ending}` = `{}` contracts nothing", short.get_ref()),
                        "write the ending a name has in full and its contracted form, e.g. `\"科技大学\" = \"科大\"`",
                    )),
                }
            }
        }
    }
    compiler.check_forms();
    // Longest first, so that the most specific convention wins.
    compiler.actors.legal_forms.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    compiler.actors.legal_forms.dedup();
    compiler.actors.contractions.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.cmp(b)));
    compiler.actors.contractions.dedup_by(|a, b| a.0 == b.0);
    compiler.layout.unit_suffixes.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.0.cmp(&b.0)));
    compiler.layout.reporter_prefixes.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    let Compiler { kinds, concepts, patterns, relations, actors, layout, mut errors, .. } = compiler;
    if errors.is_empty() {
        let files = sources.iter().map(|(name, _)| name.clone()).collect();
        Ok(RuleSet { kinds, concepts, patterns, relations, actors, layout, files })
    } else {
        errors.sort();
        errors.dedup();
        Err(RuleErrors(errors))
    }
}

fn syntax_error(locator: &Locator<'_>, err: &toml::de::Error) -> RuleError {
    let offset = err.span().map_or(0, |span| span.start);
    let message = err.message().trim().to_owned();
    let help = error::syntax_help(&message);
    locator.error(offset, message, help)
}

struct Compiler {
    kinds: Vec<Kind>,
    concepts: Vec<Concept>,
    patterns: Vec<Pattern>,
    relations: Vec<Relation>,
    actors: ActorRules,
    layout: LayoutRules,
    /// The `not_after` words each kind gives all its patterns, by kind id.
    kind_not_after: rustc_hash::FxHashMap<KindId, Vec<String>>,
    errors: Vec<RuleError>,
}

impl Compiler {
    /// Declares a file's kinds; returns the ids of those that were valid.
    fn declare_kinds(&mut self, locator: &Locator<'_>, entries: &[toml::Spanned<KindEntry>]) -> Vec<KindId> {
        let mut own = Vec::new();
        for entry in entries {
            let kind = entry.get_ref();
            let name = kind.name.get_ref().trim();
            let at = kind.name.span().start;
            if !is_kind_name(name) {
                self.errors.push(locator.error(
                    at,
                    format!("`{name}` is not a valid kind name"),
                    "use lower-case ASCII letters, digits and `_`, starting with a letter, e.g. `enterprise`",
                ));
                continue;
            }
            if let Some(existing) = self.kinds.iter().find(|k| k.name == name) {
                let (message, help) = match &existing.origin {
                    None => (format!("kind `{name}` is built in"), "choose another name for your kind".to_owned()),
                    Some(origin) => (
                        format!("kind `{name}` is declared twice"),
                        format!("it is already declared at {origin}; keep one declaration"),
                    ),
                };
                self.errors.push(locator.error(at, message, help));
                continue;
            }
            let colour = match &kind.colour {
                None => default_colour(self.kinds.len()),
                Some(text) => Colour::parse(text.get_ref().trim()).unwrap_or_else(|| {
                    // Keep the kind (with a default colour), so that the entries using
                    // it do not report errors of their own.
                    self.errors.push(locator.error(
                        text.span().start,
                        format!("`{}` is not a colour", text.get_ref()),
                        "write colours as `#rrggbb`, e.g. `#d62728`",
                    ));
                    default_colour(self.kinds.len())
                }),
            };
            let id = self.kinds.len();
            for suffix in &kind.unit_suffixes {
                match non_empty(suffix) {
                    Some(text) => self.layout.unit_suffixes.push((text, id)),
                    None => self.errors.push(locator.error(suffix.span().start, "a unit suffix is empty", "remove it")),
                }
            }
            own.push(id);
            let not_after: Vec<String> = kind.not_after.iter().filter_map(non_empty).collect();
            if !not_after.is_empty() {
                self.kind_not_after.insert(id, not_after);
            }
            self.kinds.push(Kind {
                name: name.to_owned(),
                label: kind.label.clone().unwrap_or_else(|| name.to_owned()),
                colour,
                description: kind.description.clone().unwrap_or_default(),
                equivalent_suffixes: kind.equivalent_suffixes.iter().filter_map(non_empty).collect(),
                origin: Some(Origin { file: locator.file.to_owned(), position: locator.position(at) }),
            });
        }
        own
    }

    fn add_concept(&mut self, locator: &Locator<'_>, entry: &toml::Spanned<ConceptEntry>, own_kinds: &[KindId]) {
        let concept = entry.get_ref();
        let at = entry.span().start;
        let Some(kind) = self.entry_kind(locator, concept.kind.as_ref(), concept.id.get_ref(), own_kinds, at) else {
            return;
        };
        let id = concept.id.get_ref().trim();
        if id.is_empty() {
            self.errors.push(locator.error(
                concept.id.span().start,
                "the concept id is empty",
                "give the canonical name of the concept, e.g. id = \"两个维护\"",
            ));
            return;
        }
        let mut forms = vec![id.to_owned()];
        for alias in &concept.aliases {
            let text = alias.get_ref().trim();
            if text.is_empty() {
                self.errors.push(locator.error(
                    alias.span().start,
                    "an alias is empty",
                    "remove the empty string from aliases",
                ));
            } else if !forms.iter().any(|form| form == text) {
                forms.push(text.to_owned());
            }
        }
        if let Some(previous) = self.concepts.iter().find(|c| c.kind == kind && c.id == id) {
            self.errors.push(locator.error(
                concept.id.span().start,
                format!("concept `{id}` of kind `{}` is defined twice", self.kinds[kind].name),
                format!("it is already defined at {}; merge the two entries", previous.origin),
            ));
            return;
        }
        self.concepts.push(Concept {
            kind,
            id: id.to_owned(),
            forms,
            note: concept.note.clone(),
            word_boundary: concept.word_boundary,
            priority: concept.priority,
            examples: examples(locator, &concept.examples),
            counterexamples: counterexamples(locator, &concept.counterexamples),
            origin: Origin { file: locator.file.to_owned(), position: locator.position(concept.id.span().start) },
        });
    }

    /// Adds a `[layout]` table's conventions to the ones already read.
    fn add_layout(&mut self, locator: &Locator<'_>, entry: &LayoutEntry) {
        for (list, target) in [(&entry.byline_markers, 0), (&entry.decorations, 1)] {
            for marker in list {
                let mut chars = marker.get_ref().trim().chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => {
                        let markers =
                            if target == 0 { &mut self.layout.byline_markers } else { &mut self.layout.decorations };
                        if !markers.contains(&c) {
                            markers.push(c);
                        }
                    }
                    _ => self.errors.push(locator.error(
                        marker.span().start,
                        format!("`{}` is not a single character", marker.get_ref()),
                        "byline markers and decorations are single characters, e.g. \"■\"",
                    )),
                }
            }
        }
        let lists = [
            (&entry.reporter_prefixes, &mut self.layout.reporter_prefixes),
            (&entry.unit_note_labels, &mut self.layout.unit_note_labels),
            (&entry.box_labels, &mut self.layout.box_labels),
            (&entry.continuation_markers, &mut self.layout.continuation_markers),
            (&entry.photo_credit_endings, &mut self.layout.photo_credit_endings),
            (&entry.compiled_endings, &mut self.layout.compiled_endings),
            (&entry.column_labels, &mut self.layout.column_labels),
            (&entry.page_credit_labels, &mut self.layout.page_credit_labels),
            (&entry.surnames, &mut self.layout.surnames),
            (&entry.author_labels, &mut self.layout.author_labels),
            (&entry.source_labels, &mut self.layout.source_labels),
            (&entry.metadata_labels, &mut self.layout.metadata_labels),
            (&entry.breadcrumb_labels, &mut self.layout.breadcrumb_labels),
            (&entry.breadcrumb_homes, &mut self.layout.breadcrumb_homes),
        ];
        for (list, target) in lists {
            for word in list {
                match non_empty(word) {
                    Some(text) if !target.contains(&text) => target.push(text),
                    Some(_) => {}
                    None => self.errors.push(locator.error(word.span().start, "an empty string", "remove it")),
                }
            }
        }
        for credit in &entry.credits {
            match layout::CreditPattern::new(credit.get_ref()) {
                Ok(pattern) => self.layout.credits.push(pattern),
                Err(message) => self.errors.push(locator.error(
                    credit.span().start,
                    message,
                    "a credit is a regex with a group (?P<names>…) for the reporters and optionally (?P<unit>…) for the paper or agency",
                )),
            }
        }
        for (short, full) in &entry.credit_sources {
            match non_empty(full) {
                Some(full) => {
                    self.layout.credit_sources.retain(|(s, _)| s != short);
                    self.layout.credit_sources.push((short.clone(), full));
                }
                None => self.errors.push(locator.error(
                    full.span().start,
                    "an empty source name",
                    "write the paper's or agency's name",
                )),
            }
        }
        if let Some(name) = &entry.default_unit_kind {
            match self.kinds.iter().position(|k| k.name == name.get_ref().trim() && k.origin.is_some()) {
                Some(kind) => self.layout.default_unit_kind = Some(kind),
                None => self.errors.push(locator.error(
                    name.span().start,
                    format!("unknown kind `{}`", name.get_ref()),
                    "default_unit_kind names a kind declared with [[kind]], e.g. \"unit\"",
                )),
            }
        }
    }

    /// The kind a concept or pattern belongs to: the one it names, or else the single
    /// kind its file declares. `what` names the entry in messages.
    fn entry_kind(
        &mut self,
        locator: &Locator<'_>,
        kind: Option<&toml::Spanned<String>>,
        what: &str,
        own_kinds: &[KindId],
        at: usize,
    ) -> Option<KindId> {
        match kind {
            Some(name) => match self.kind_by_name(locator, name) {
                Some(kind) if self.kinds[kind].origin.is_some() => Some(kind),
                Some(_) => {
                    self.errors.push(locator.error(
                        name.span().start,
                        format!("concepts cannot be of the built-in kind `{}`", name.get_ref()),
                        "articles and authors come from page layout; declare a kind of your own",
                    ));
                    None
                }
                None => None,
            },
            None if own_kinds.len() == 1 => Some(own_kinds[0]),
            None => {
                self.errors.push(locator.error(
                    at,
                    format!("`{what}` does not say its kind"),
                    if own_kinds.is_empty() {
                        "add kind = \"…\", or declare one [[kind]] in this file for its entries to take"
                    } else {
                        "this file declares several kinds: add kind = \"…\" to the entry"
                    },
                ));
                None
            }
        }
    }

    /// The kind named `name`, built-in ones included; an error when there is none.
    fn kind_by_name(&mut self, locator: &Locator<'_>, name: &toml::Spanned<String>) -> Option<KindId> {
        let found = self.kinds.iter().position(|k| k.name == name.get_ref().trim());
        if found.is_none() {
            let known: Vec<_> = self.kinds.iter().map(|k| k.name.as_str()).collect();
            self.errors.push(locator.error(
                name.span().start,
                format!("unknown kind `{}`", name.get_ref()),
                format!("declare it with [[kind]] name = \"{}\", or use one of: {}", name.get_ref(), known.join(", ")),
            ));
        }
        found
    }

    fn add_pattern(&mut self, locator: &Locator<'_>, entry: &toml::Spanned<PatternEntry>, own_kinds: &[KindId]) {
        let pattern = entry.get_ref();
        let name = pattern.name.get_ref().trim();
        let kind = self.entry_kind(locator, pattern.kind.as_ref(), name, own_kinds, entry.span().start);
        if name.is_empty() {
            self.errors.push(locator.error(
                pattern.name.span().start,
                "the pattern name is empty",
                "name it, e.g. name = \"党建加\"",
            ));
            return;
        }
        if let Some(previous) = self.patterns.iter().find(|p| p.name == name) {
            self.errors.push(locator.error(
                pattern.name.span().start,
                format!("pattern `{name}` is defined twice"),
                format!("it is already defined at {}; pattern names must be unique", previous.origin),
            ));
            return;
        }
        // The regex string's span includes its quotes; point inside it.
        let regex_at = pattern.regex.span().start + 1;
        let regex = match compile_regex(pattern.regex.get_ref()) {
            Ok(regex) => regex,
            Err(message) => {
                self.errors.push(locator.error(
                    regex_at,
                    format!("pattern `{name}`: {message}"),
                    "fix the regular expression (syntax: https://docs.rs/regex); use '...' quotes so \\ needs no doubling",
                ));
                return;
            }
        };
        let eaten = [
            (Some(&pattern.regex), format!("pattern `{name}`")),
            (pattern.items.as_ref(), format!("pattern `{name}`: items")),
        ];
        if let Some(error) = eaten.iter().find_map(|(value, what)| locator.escapes_eaten((*value)?, what)) {
            self.errors.push(error);
            return;
        }
        let id = match &pattern.id {
            None => Template::whole(),
            Some(text) => match Template::parse(text.get_ref(), &regex) {
                Ok(template) => template,
                Err(message) => {
                    self.errors.push(locator.error(
                        text.span().start,
                        format!("pattern `{name}`: {message}"),
                        "name captures in the regex as (?P<x>…) and use them in the id as {x}",
                    ));
                    return;
                }
            },
        };
        let items = match &pattern.items {
            None => None,
            Some(text) => match compile_regex(text.get_ref()) {
                Ok(items) => Some(items),
                Err(message) => {
                    self.errors.push(locator.error(
                        text.span().start + 1,
                        format!("pattern `{name}`: items: {message}"),
                        "items is a regular expression matching each name inside the mention, e.g. '“(?P<item>[^“”]+)”'",
                    ));
                    return;
                }
            },
        };
        let left_edge = match &pattern.left_edge {
            None => {
                let stray = pattern
                    .name_tags
                    .as_ref()
                    .and_then(|t| t.first())
                    .map(|t| t.span().start)
                    .or_else(|| pattern.proper_tags.as_ref().and_then(|t| t.first()).map(|t| t.span().start))
                    .or_else(|| pattern.name_max_chars.as_ref().map(|n| n.span().start))
                    .or_else(|| pattern.name_stop_words.as_ref().and_then(|t| t.first()).map(|t| t.span().start))
                    .or_else(|| pattern.name_verb_before_head.as_ref().map(|b| b.span().start))
                    .or_else(|| pattern.name_verb_after_place.as_ref().map(|b| b.span().start))
                    .or_else(|| pattern.name_part_of.as_ref().map(|b| b.span().start))
                    .or_else(|| pattern.name_place_alone.as_ref().map(|b| b.span().start))
                    .or_else(|| pattern.name_common_words.as_ref().map(|n| n.span().start))
                    .or_else(|| pattern.name_after_known.as_ref().map(|b| b.span().start))
                    .or_else(|| pattern.name_levels.as_ref().and_then(|t| t.first()).map(|t| t.span().start))
                    .or_else(|| pattern.name_place_classes.as_ref().and_then(|t| t.first()).map(|t| t.span().start));
                if let Some(at) = stray {
                    self.errors.push(locator.error(
                        at,
                        format!("pattern `{name}`: the name_… options need left_edge"),
                        "add left_edge = \"name\", or remove them",
                    ));
                    return;
                }
                None
            }
            Some(mode) if mode.get_ref().trim() != "name" => {
                self.errors.push(locator.error(
                    mode.span().start,
                    format!("pattern `{name}`: unknown left_edge `{}`", mode.get_ref()),
                    "the only left edge is \"name\": the name before the capture `head`, found by parts of speech",
                ));
                return;
            }
            Some(mode) => {
                if regex.capture_names().all(|c| c != Some("head")) {
                    self.errors.push(locator.error(
                        mode.span().start,
                        format!("pattern `{name}`: left_edge = \"name\" needs a capture named `head`"),
                        "mark the suffix the name ends with, e.g. '(?P<head>有限公司|集团)'",
                    ));
                    return;
                }
                let mut words = NameWords::defaults();
                let tags = |list: &Vec<toml::Spanned<String>>| list.iter().filter_map(non_empty).collect::<Vec<_>>();
                if let Some(list) = &pattern.name_tags {
                    words.name_tags = tags(list);
                }
                if let Some(list) = &pattern.proper_tags {
                    words.proper_tags = tags(list);
                }
                if let Some(list) = &pattern.name_stop_words {
                    words.stop_words = tags(list);
                }
                if let Some(list) = &pattern.name_levels {
                    words.levels = tags(list);
                }
                if let Some(list) = &pattern.name_place_classes {
                    words.place_classes = tags(list);
                }
                if let Some(part_of) = &pattern.name_part_of {
                    words.part_of = *part_of.get_ref();
                }
                if let Some(verbs) = &pattern.name_verb_before_head {
                    words.verb_before_head = *verbs.get_ref();
                }
                if let Some(verbs) = &pattern.name_verb_after_place {
                    words.verb_after_place = *verbs.get_ref();
                }
                if let Some(place) = &pattern.name_place_alone {
                    words.place_alone = *place.get_ref();
                }
                if let Some(after) = &pattern.name_after_known {
                    words.after_known = *after.get_ref();
                }
                if let Some(count) = &pattern.name_common_words {
                    words.common_words = *count.get_ref();
                }
                if let Some(max) = &pattern.name_max_chars {
                    words.max_chars = *max.get_ref();
                }
                Some(words)
            }
        };
        let Some(kind) = kind else { return };
        let mut not_after: Vec<String> = pattern.not_after.iter().filter_map(non_empty).collect();
        for word in self.kind_not_after.get(&kind).into_iter().flatten() {
            if !not_after.contains(word) {
                not_after.push(word.clone());
            }
        }
        self.patterns.push(Pattern {
            name: name.to_owned(),
            kind,
            regex,
            id,
            items,
            stop: pattern.stop.iter().filter_map(non_empty).collect(),
            stop_endings: pattern.stop_endings.iter().filter_map(non_empty).collect(),
            not_after,
            trim_prefixes: pattern.trim_prefixes.iter().filter_map(non_empty).collect(),
            trim_tags: pattern.trim_tags.iter().filter_map(non_empty).collect(),
            word_boundary: pattern.word_boundary,
            left_edge,
            priority: pattern.priority,
            note: pattern.note.clone(),
            examples: examples(locator, &pattern.examples),
            counterexamples: counterexamples(locator, &pattern.counterexamples),
            origin: Origin { file: locator.file.to_owned(), position: locator.position(pattern.name.span().start) },
        });
    }

    fn add_relation(&mut self, locator: &Locator<'_>, entry: &toml::Spanned<RelationEntry>) {
        let relation = entry.get_ref();
        let name = relation.name.get_ref().trim();
        let from = self.kind_by_name(locator, &relation.from);
        let to = self.kind_by_name(locator, &relation.to);
        let scope = Scope::parse(relation.scope.get_ref().trim());
        if scope.is_none() {
            self.errors.push(locator.error(
                relation.scope.span().start,
                format!("`{}` is not a scope", relation.scope.get_ref()),
                "scope is one of: byline, subject, sentence, paragraph, article",
            ));
        }
        if !is_kind_name(name) {
            self.errors.push(locator.error(
                relation.name.span().start,
                format!("`{name}` is not a valid relation name"),
                "use lower-case ASCII letters, digits and `_`, e.g. `practises`",
            ));
            return;
        }
        let (Some(from), Some(to), Some(scope)) = (from, to, scope) else { return };
        if scope == Scope::Byline && from != self.kind_index(AUTHOR) && self.kinds[from].origin.is_none() {
            self.errors.push(locator.error(
                relation.from.span().start,
                "a byline relation starts at the author or at the author's unit",
                "use from = \"author\" or the kind of units (e.g. \"enterprise\")",
            ));
            return;
        }
        if [from, to].iter().any(|&k| self.kinds[k].name == ARTICLE) {
            self.errors.push(locator.error(
                entry.span().start,
                "relations cannot start or end at articles",
                "articles link to what they mention by the built-in `mentions` relation",
            ));
            return;
        }
        self.relations.push(Relation {
            name: name.to_owned(),
            from,
            to,
            scope,
            directed: relation.directed.unwrap_or(true),
            note: relation.note.clone(),
            origin: Origin { file: locator.file.to_owned(), position: locator.position(relation.name.span().start) },
        });
    }

    fn kind_index(&self, name: &str) -> KindId {
        self.kinds.iter().position(|k| k.name == name).unwrap_or(usize::MAX)
    }

    /// One surface form must mean one concept; otherwise a match could not be named.
    fn check_forms(&mut self) {
        let mut owner: HashMap<&str, ConceptId> = HashMap::new();
        for (id, concept) in self.concepts.iter().enumerate() {
            for form in &concept.forms {
                match owner.get(form.as_str()) {
                    Some(&other) if other != id => {
                        let first = &self.concepts[other];
                        self.errors.push(RuleError::new(
                            &concept.origin.file,
                            Some(concept.origin.position),
                            format!("`{form}` is a form of both `{}` and `{}`", first.id, concept.id),
                            format!("a text can mean only one concept: remove `{form}` from one of them (the other is at {})", first.origin),
                        ));
                    }
                    _ => {
                        owner.insert(form, id);
                    }
                }
            }
        }
    }
}

fn examples(locator: &Locator<'_>, entries: &[toml::Spanned<ExampleEntry>]) -> Vec<Example> {
    entries
        .iter()
        .map(|entry| {
            let origin = Origin { file: locator.file.to_owned(), position: locator.position(entry.span().start) };
            match entry.get_ref() {
                ExampleEntry::Text(text) => Example { text: text.clone(), id: None, origin },
                ExampleEntry::Expect { text, id } => Example { text: text.clone(), id: Some(id.clone()), origin },
            }
        })
        .collect()
}

fn counterexamples(locator: &Locator<'_>, entries: &[toml::Spanned<String>]) -> Vec<Example> {
    entries
        .iter()
        .map(|entry| Example {
            text: entry.get_ref().clone(),
            id: None,
            origin: Origin { file: locator.file.to_owned(), position: locator.position(entry.span().start) },
        })
        .collect()
}

fn non_empty(text: &toml::Spanned<String>) -> Option<String> {
    let text = text.get_ref().trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn is_kind_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Colours for kinds that do not choose one: Tableau 10, which stays distinguishable for
/// most colour-blind readers.
fn default_colour(index: usize) -> Colour {
    const PALETTE: [&str; 10] =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
    Colour::parse(PALETTE[index % PALETTE.len()]).unwrap_or(Colour { r: 0x80, g: 0x80, b: 0x80 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile_one(text: &str) -> Result<RuleSet, RuleErrors> {
        compile(&[("rules/test.toml".to_owned(), text.to_owned())])
    }

    #[test]
    fn a_kinds_not_after_serves_all_its_patterns() {
        let rules = compile_one(
            r##"
[[kind]]
name = "mechanism"
not_after = ["严禁", "防止"]

[[pattern]]
name = "工程"
regex = '“(?P<mention>[^“”]{2,8})”工程'

[[pattern]]
name = "制度"
regex = '“(?P<mention>[^“”]{2,8})”制度'
not_after = ["出现", "严禁"]
"##,
        )
        .unwrap();
        assert_eq!(rules.patterns[0].not_after, ["严禁", "防止"]);
        assert_eq!(rules.patterns[1].not_after, ["出现", "严禁", "防止"]);
    }

    #[test]
    fn a_file_declares_its_kind_and_concepts() {
        let rules = compile_one(
            r##"
[[kind]]
name = "place"
label = "地点"
colour = "#112233"

[[concept]]
id = "聊城"
aliases = ["聊城市"]
"##,
        )
        .unwrap();
        let place = rules.kind("place").unwrap();
        assert_eq!(rules.kinds[place].colour, Colour { r: 0x11, g: 0x22, b: 0x33 });
        assert_eq!(rules.concepts[0].kind, place);
        assert_eq!(rules.concepts[0].forms, ["聊城", "聊城市"]);
        assert_eq!(rules.concepts[0].origin.position.line, 8);
    }

    #[test]
    fn every_error_is_reported_with_its_place() {
        let errors = compile_one(
            r##"
[[kind]]
name = "Slogan"

[[kind]]
name = "slogan"
colour = "red"

[[concept]]
id = "两个维护"
kind = "slogn"
"##,
        )
        .unwrap_err();
        let lines: Vec<_> = errors.0.iter().map(|e| (e.position.unwrap().line, e.message.as_str())).collect();
        assert_eq!(
            lines,
            [(3, "`Slogan` is not a valid kind name"), (7, "`red` is not a colour"), (11, "unknown kind `slogn`")]
        );
    }

    #[test]
    fn syntax_errors_and_unknown_fields_point_at_the_place() {
        let errors = compile_one("[[concept]]\nid = \"四个意识\nkind = \"x\"\n").unwrap_err();
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.0[0].position.unwrap().line, 2);
        let errors = compile_one("[[kind]]\nname = \"slogan\"\ncolor = \"#000000\"\nlable = \"口号\"\n").unwrap_err();
        assert_eq!(errors.0[0].position.unwrap().line, 4);
        assert!(errors.0[0].message.contains("lable"), "{}", errors.0[0].message);
    }

    #[test]
    fn one_form_cannot_mean_two_concepts() {
        let errors = compile_one(
            "[[kind]]\nname = \"slogan\"\n[[concept]]\nid = \"两个维护\"\n[[concept]]\nid = \"维护\"\naliases = [\"两个维护\"]\n",
        )
        .unwrap_err();
        assert!(errors.0[0].message.contains("is a form of both"), "{}", errors);
        assert!(errors.to_string().contains("rules/test.toml:6:"), "{}", errors);
    }

    #[test]
    fn built_in_kinds_are_reserved() {
        let errors = compile_one("[[kind]]\nname = \"article\"\n").unwrap_err();
        assert_eq!(errors.0[0].message, "kind `article` is built in");
    }

    #[test]
    fn each_error_message() {
        let k = "[[kind]]\nname = \"slogan\"\n";
        let cases: &[(&str, &str, &str)] = &[
            (
                "[[kind]]\nname = \"slogan\"\n[[kind]]\nname = \"slogan\"\n",
                "kind `slogan` is declared twice",
                "keep one declaration",
            ),
            ("[[kind]]\nname = \"author\"\n", "kind `author` is built in", "choose another name"),
            (&format!("{k}[[concept]]\nid = \"\"\n"), "the concept id is empty", "canonical name"),
            (
                &format!("{k}[[concept]]\nid = \"四风\"\naliases = [\"\"]\n"),
                "an alias is empty",
                "remove the empty string",
            ),
            (
                &format!("{k}[[concept]]\nid = \"四风\"\nkind = \"article\"\n"),
                "built-in kind `article`",
                "declare a kind of your own",
            ),
            (
                "[[kind]]\nname = \"a\"\n[[kind]]\nname = \"b\"\n[[concept]]\nid = \"x\"\n",
                "`x` does not say its kind",
                "add kind = \"…\" to the entry",
            ),
            (
                &format!("{k}[[pattern]]\nname = \"p\"\nregex = '\\p{{Han}}*'\n"),
                "matches empty text",
                "fix the regular expression",
            ),
            (
                &format!("{k}[[pattern]]\nname = \"p\"\nregex = '(\\p{{Han}}{{1,1000}}){{1,1000}}'\n"),
                "the regex is too large",
                "fix the regular expression",
            ),
            (
                &format!("{k}[[pattern]]\nname = \"p\"\nregex = 'a'\n[[pattern]]\nname = \"p\"\nregex = 'b'\n"),
                "pattern `p` is defined twice",
                "must be unique",
            ),
            (
                &format!("{k}[[pattern]]\nname = \"p\"\nregex = 'a'\nitems = '('\n"),
                "pattern `p`: items:",
                "matching each name",
            ),
            (
                &format!(
                    "{k}[[relation]]\nname = \"Bad Name\"\nfrom = \"slogan\"\nto = \"slogan\"\nscope = \"article\"\n"
                ),
                "not a valid relation name",
                "lower-case ASCII",
            ),
            (
                &format!("{k}[[relation]]\nname = \"r\"\nfrom = \"slogan\"\nto = \"slogan\"\nscope = \"byline\"\n"),
                "",
                "",
            ),
            (
                &format!("{k}[[relation]]\nname = \"r\"\nfrom = \"article\"\nto = \"slogan\"\nscope = \"article\"\n"),
                "relations cannot start or end at articles",
                "built-in `mentions`",
            ),
            (&format!("{k}[layout]\nbyline_markers = [\"■■\"]\n"), "is not a single character", "single characters"),
            (
                &format!("{k}[layout]\ndefault_unit_kind = \"nowhere\"\n"),
                "unknown kind `nowhere`",
                "declared with [[kind]]",
            ),
            (&format!("{k}[[concept]]\nid = \"四风\"\nnote = 3\n"), "invalid type", "see rules/README.md"),
            ("[[concept]]\n", "missing field `id`", "add the missing field"),
            ("[[kind]\nname = \"x\"\n", "", "fix the TOML syntax"),
        ];
        for (text, message, help) in cases {
            match compile_one(text) {
                Ok(_) => assert!(message.is_empty() && help.is_empty(), "no error for:\n{text}"),
                Err(errors) => {
                    let rendered = errors.to_string();
                    assert!(rendered.contains(message) && rendered.contains(help), "for:\n{text}\ngot:\n{rendered}");
                    assert!(errors.0.iter().all(|e| e.position.is_some()), "every error has a place: {rendered}");
                }
            }
        }
    }
}
