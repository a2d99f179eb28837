//! Stage 4: match rules against text.
//!
//! In: a [`RuleSet`] (compiled once into a [`Matcher`]) and a piece of repaired text.
//! Out: the concept matches in that text, left to right, without overlaps.
//!
//! Two kinds of rule make *candidates*. Literal concepts: all surface forms of all
//! concepts go into one Aho-Corasick automaton (the abbreviations an article declares,
//! see [`abbreviations`], into a small one of their own, used for that article only), so the cost of a scan hardly depends on how many concepts the
//! rules hold. Patterns: each regex is run over the text; its match is trimmed
//! (`trim_prefixes`, `trim_tags`), given an id by its template, and dropped when the id
//! is on its stop list. A rule may ask that its matches start and end on word boundaries
//! (`word_boundary`), or that the left edge of a name be found by parts of speech
//! (`left_edge = "name"`); only then is jieba run, and only on the text around the match.
//!
//! Overlaps resolve by one documented policy: the longest candidate wins; of equally
//! long ones, the higher `priority`; then the one starting first; then literal concepts
//! before patterns, and rules in file order. Every candidate that loses, and why, is
//! kept by [`Matcher::candidates`] for `tupu explain`.
//!
//! Architecture invariant: the matcher sees only text, never files or articles; offsets
//! it returns are byte offsets into the text it was given.

pub mod abbreviations;
mod scan;
pub mod short_forms;
mod triggers;
mod words;

pub use scan::LiteralScanner;
use words::Words;
pub use words::preload as preload_words;

use std::collections::BTreeMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::layout::chars;
use crate::rules::{
    ActorRules, ConceptId, Groups, KindId, NameWords, Pattern, RuleSet, for_each_captures, whole_match_group,
};

/// Whether a name part opens with a word of administrative level (`省`, `中央`) and has
/// more after it, or the head after it (`中央/巡视组`, not `中央/企业`): the body of that level.
fn opened_by_level(words: &[(String, String)], levels: &[String], head: &str) -> bool {
    match words {
        [(first, _), rest @ ..] if levels.contains(first) => !rest.is_empty() || head.chars().count() >= 2,
        _ => false,
    }
}

/// The kind of each concept, by concept id.
type Kinds = Vec<KindId>;

/// What a match is a mention of.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A concept of the rules.
    Concept(ConceptId),
    /// A concept a pattern discovered: its kind and the id its template built.
    Found { kind: KindId, id: String },
}

impl Target {
    fn kind(&self, concept_kinds: &Kinds) -> KindId {
        match self {
            Target::Concept(c) => concept_kinds[*c],
            Target::Found { kind, .. } => *kind,
        }
    }

    /// The (kind, canonical id) the target names.
    pub fn key<'a>(&'a self, rules: &'a RuleSet) -> (KindId, &'a str) {
        match self {
            Target::Concept(c) => (rules.concepts[*c].kind, rules.concepts[*c].id.as_str()),
            Target::Found { kind, id } => (*kind, id.as_str()),
        }
    }
}

/// Which rule made a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleRef {
    /// A literal form of a concept.
    Concept(ConceptId),
    /// A pattern, by index into [`RuleSet::patterns`].
    Pattern(usize),
    /// An abbreviation the corpus declared, by index into the matcher's aliases.
    Alias(usize),
}

/// One occurrence of a concept in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub target: Target,
    /// Byte range of the mention in the text searched.
    pub range: Range<usize>,
    pub rule: RuleRef,
    /// For a name found by its head whose name part is itself a match
    /// (`国务院国资委党委` → `国务院国资委`): that match's target, the organisation the
    /// body is part of.
    pub part_of: Option<Target>,
}

/// A possible match and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub found: Match,
    pub verdict: Verdict,
    /// How the rule placed the mention, for `tupu explain`: the words of a name and
    /// the word its left edge stopped at.
    pub note: Option<String>,
    /// The name part that names the organisation this is part of: before the head of a
    /// name found by `left_edge = "name"` when the pattern asks for `name_part_of`, or
    /// the pattern's capture `part_of`.
    pub name_part: Option<Range<usize>>,
    /// Whether it was refused only because its name part is a common word, which a
    /// list of names it stands in may overrule (`红豆集团、宁波舟山港集团`).
    pub common_word: bool,
    /// Whether its name part has a proper name in it (a place, a person, a word jieba
    /// does not know) or a known organisation before it.
    pub proper_name: bool,
}

/// Why a candidate was or was not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Taken,
    /// The id it would make is on the pattern's stop list.
    Stopped(String),
    /// It stands right after one of the pattern's `not_after` words: what is opposed.
    Opposed(String),
    /// Its article names it right after such a word elsewhere (`严禁“三高”项目`): what
    /// is opposed there is no concept of the article (`明确“三高”项目范围`).
    OpposedElsewhere,
    /// It does not start or end on a word boundary.
    NotAWord(String),
    /// Trimming left nothing of it.
    Trimmed,
    /// Nothing before the head can be part of a name, or the name part is a common
    /// word (`left_edge = "name"`); or an abbreviation stands inside a longer name.
    NotAName(String),
    /// A longer (or higher-priority) match overlaps it.
    Overlapped(Range<usize>),
}

/// A form an article declares, as in `山东菏建国有资本投资有限公司（简称“菏建国投”）`, or
/// that a name found in it makes evident (`宝澜能源` of `宁夏宝澜能源集团`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Alias {
    pub form: String,
    pub target: Target,
    /// Where it was declared, or where the name it shortens stands: `file:line`.
    pub declared_at: String,
    /// For an evident short form, the name it shortens; `None` for a declared one.
    pub shortens: Option<String>,
    /// A head that refers back to the quoted name it followed (`主题教育` after
    /// `“不忘初心、牢记使命”主题教育`): a word of its own, whose left edge is not walked.
    pub refers_back: bool,
}

/// The most bytes of closing marks between a quoted name and a head that follows it
/// (`”`, `”）`): two marks.
const CLOSING_GAP: usize = 6;

/// Up to this many short forms an article's text is searched for each in turn.
const FEW_ALIASES: usize = 16;

/// The abbreviations one article declares, ready to be found in its text: they hold in
/// that article only.
#[derive(Clone, Debug, Default)]
pub struct LocalAliases {
    aliases: Vec<Alias>,
    automaton: Option<AhoCorasick>,
    /// One searcher per form where there are few: built once for the article's blocks.
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl LocalAliases {
    /// No abbreviations.
    pub fn none() -> LocalAliases {
        LocalAliases::default()
    }

    fn new(aliases: Vec<Alias>) -> LocalAliases {
        // An article has a few short forms, searched in that article alone: an automaton
        // only for many, since building one costs more than a few plain searches.
        let automaton = (aliases.len() > FEW_ALIASES).then(|| {
            // A contiguous NFA: an article's few dozen forms search a few KiB of text
            // once, where a DFA's build (the builder's choice for so few) costs more.
            AhoCorasickBuilder::new()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .match_kind(MatchKind::LeftmostLongest)
                .build(aliases.iter().map(|a| a.form.as_str()))
                .expect("short forms always build")
        });
        let finders = match automaton {
            Some(_) => Vec::new(),
            None => aliases.iter().map(|a| memchr::memmem::Finder::new(a.form.as_bytes()).into_owned()).collect(),
        };
        LocalAliases { aliases, automaton, finders }
    }

    /// Where the short forms stand in `text`, leftmost-longest, each with its index.
    fn find_iter(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        if let Some(automaton) = &self.automaton {
            return automaton.find_iter(text).map(|m| (m.pattern().as_usize(), m.range())).collect();
        }
        let mut all: Vec<(usize, Range<usize>)> = self
            .finders
            .iter()
            .enumerate()
            .flat_map(|(index, finder)| {
                let len = finder.needle().len();
                finder.find_iter(text.as_bytes()).map(move |at| (index, at..at + len))
            })
            .collect();
        all.sort_by_key(|(index, range)| (range.start, std::cmp::Reverse(range.end), *index));
        let mut end = 0;
        all.retain(|(_, range)| {
            let free = range.start >= end;
            if free {
                end = range.end;
            }
            free
        });
        all
    }

    /// The organisation `target` is the short form of, where a rule found one by its
    /// short form alone (`宝澜能源`, listed with others, of `宁夏宝澜能源集团`): a name the
    /// article gives in full is one organisation however it is named.
    pub fn shortened(&self, target: &Target) -> Option<&Target> {
        let Target::Found { id, .. } = target else { return None };
        self.aliases
            .iter()
            .find(|a| a.form == *id && a.target != *target && a.shortens.as_ref() != Some(id))
            .map(|a| &a.target)
    }

    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    /// These short forms and `more` (forms these do not hold).
    pub fn with(self, more: Vec<Alias>) -> LocalAliases {
        if more.is_empty() {
            return self;
        }
        let mut aliases = self.aliases;
        for alias in more {
            if aliases.iter().all(|a| a.form != alias.form) {
                aliases.push(alias);
            }
        }
        LocalAliases::new(aliases)
    }

    pub fn is_empty(&self) -> bool {
        self.aliases.is_empty()
    }
}

/// Finds the concepts of a rule set in text. Build once, share between threads.
#[derive(Clone, Debug)]
pub struct Matcher {
    /// One automaton of every concept form, then every pattern's required literals,
    /// searched once per text for all matches, overlapping ones too: the concepts'
    /// leftmost-longest matches are picked from them (`pick_leftmost_longest`), and the
    /// literals say which patterns to run.
    automaton: Option<scan::LiteralScanner>,
    /// For each concept form of the automaton (the first ones), the rule it stands for.
    literal_rules: Vec<RuleRef>,
    /// For each literal rule's concept: its priority and whether it wants word boundaries.
    concept_options: Vec<(i32, bool)>,
    patterns: Vec<Pattern>,
    /// For each pattern whose regex is one group around the whole match, the group's
    /// name: its matches are searched for without captures.
    whole_groups: Vec<Option<Option<String>>>,
    /// Which patterns may match a text, by the literals they need.
    triggers: triggers::Triggers,
    /// Every form of every concept, so that a pattern match naming a known concept is
    /// that concept, and a declared abbreviation never overrides one.
    known: KnownForms,
    /// The kind of every concept.
    concept_kinds: Kinds,
    /// jieba's dictionary, held while this matcher is (see [`Words`]).
    words: Words,
    /// How a short form is told to stand inside a longer name: the default name words.
    default_name_words: NameWords,
    /// The kinds of organisations (those `unit_suffixes` name): a pattern finds their
    /// names wherever they stand, so they need not be searched for again.
    organisation_kinds: FxHashSet<KindId>,
}

/// The concepts' forms, looked up by borrowed text: matching asks for a few substrings
/// of every name, and a key of (kind, owned string) made each lookup allocate.
#[derive(Clone, Debug, Default)]
struct KnownForms {
    by_form: FxHashMap<Box<str>, Vec<(KindId, ConceptId)>>,
    /// The last character of every form: most names end otherwise, and need no lookup
    /// of the forms that might end where they do.
    last_chars: FxHashSet<char>,
}

impl KnownForms {
    /// Records that `form` names `concept` among the concepts of `kind`; a later concept
    /// with the same form and kind takes it over.
    fn insert(&mut self, kind: KindId, form: &str, concept: ConceptId) {
        self.last_chars.extend(form.chars().next_back());
        let named = self.by_form.entry(form.into()).or_default();
        match named.iter_mut().find(|(k, _)| *k == kind) {
            Some(entry) => entry.1 = concept,
            None => named.push((kind, concept)),
        }
    }

    /// The concept of `kind` that `form` names.
    fn get(&self, kind: KindId, form: &str) -> Option<ConceptId> {
        self.by_form.get(form)?.iter().find(|(k, _)| *k == kind).map(|&(_, c)| c)
    }

    /// Whether `form` names a concept of any kind.
    fn contains(&self, form: &str) -> bool {
        self.by_form.contains_key(form)
    }

    /// Whether `form` names concepts, but none of `kind`.
    fn names_other_kinds_only(&self, kind: KindId, form: &str) -> bool {
        self.by_form.get(form).is_some_and(|named| named.iter().all(|(k, _)| *k != kind))
    }

    /// Whether some form may end where `text` ends.
    fn may_end(&self, text: &str) -> bool {
        text.chars().next_back().is_some_and(|c| self.last_chars.contains(&c))
    }
}

impl Matcher {
    /// Every literal the matcher's one automaton searches for, in its order: each form of
    /// each concept, then the patterns' required literals. The benchmark builds its bare
    /// floor, one scan for all of them, from these.
    pub fn literals(rules: &RuleSet) -> Vec<String> {
        let triggers = triggers::Triggers::new(rules.patterns.iter().map(|p| p.regex.as_str()));
        automaton_literals(rules, &triggers).map(str::to_owned).collect()
    }

    pub fn new(rules: &RuleSet) -> Matcher {
        let mut literal_rules = Vec::new();
        let mut known = KnownForms::default();
        for (id, concept) in rules.concepts.iter().enumerate() {
            for form in &concept.forms {
                literal_rules.push(RuleRef::Concept(id));
                known.insert(concept.kind, form, id);
            }
        }
        let triggers = triggers::Triggers::new(rules.patterns.iter().map(|p| p.regex.as_str()));
        let literals: Vec<&str> = automaton_literals(rules, &triggers).collect();
        let automaton = (!literals.is_empty()).then(|| scan::LiteralScanner::new(&literals));
        Matcher {
            automaton,
            literal_rules,
            concept_options: rules.concepts.iter().map(|c| (c.priority, c.word_boundary)).collect(),
            patterns: rules.patterns.clone(),
            whole_groups: rules.patterns.iter().map(|p| whole_match_group(&p.regex)).collect(),
            triggers,
            concept_kinds: rules.concepts.iter().map(|c| c.kind).collect(),
            known,
            words: Words::shared(),
            default_name_words: NameWords::defaults(),
            organisation_kinds: rules.layout.unit_suffixes.iter().map(|&(_, kind)| kind).collect(),
        }
    }

    /// Every match in `text`, left to right, overlaps resolved.
    pub fn find(&self, text: &str) -> Vec<Match> {
        self.find_with(text, &LocalAliases::none())
    }

    /// Every match in `text`, the abbreviations of its article included.
    pub fn find_with(&self, text: &str, local: &LocalAliases) -> Vec<Match> {
        self.find_opposed(text, local, &mut Vec::new())
    }

    /// As [`Matcher::find_with`], and adds to `opposed` the targets of names found right
    /// after a word that opposes them (a pattern's `not_after`: `严禁“三高”项目`).
    pub fn find_opposed(&self, text: &str, local: &LocalAliases, opposed: &mut Vec<Target>) -> Vec<Match> {
        let mut found = Vec::new();
        for candidate in self.collect_candidates(text, local, false) {
            match candidate.verdict {
                Verdict::Taken => found.push(candidate.found),
                Verdict::Opposed(_) if !opposed.contains(&candidate.found.target) => {
                    opposed.push(candidate.found.target)
                }
                _ => {}
            }
        }
        found
    }

    /// The abbreviations one article declares (see [`abbreviations`]), found in its
    /// `texts` (each with a tag the caller gives); `place(tag, offset)` says where, for
    /// people. A short form the rules already know keeps the rules' meaning; one
    /// declared twice keeps its first meaning.
    pub fn declarations<'t>(
        &self,
        texts: impl IntoIterator<Item = (&'t str, usize)>,
        place: impl Fn(usize, usize) -> String,
    ) -> LocalAliases {
        let mut aliases: Vec<Alias> = Vec::new();
        for (text, tag) in texts {
            if !abbreviations::may_declare(text) {
                continue;
            }
            let matches = self.find(text);
            for alias in abbreviations::declared(text, &matches, |m| place(tag, m.range.start)) {
                let known = self.known.contains(&alias.form);
                if !known && aliases.iter().all(|a| a.form != alias.form) {
                    aliases.push(alias);
                }
            }
        }
        LocalAliases::new(aliases)
    }

    /// The short forms of `local` found in `text`, as candidates: one that overlaps a
    /// match of `taken`, or follows one of its target with only closing marks between,
    /// is that match's (its name's edge is not read), one inside a longer name
    /// (`集团公司` in `某某局集团公司`) is not taken.
    fn alias_candidates(
        &self,
        text: &str,
        local: &LocalAliases,
        taken: &[Match],
        notes: bool,
        candidates: &mut Vec<Candidate>,
    ) {
        for (index, range) in local.find_iter(text) {
            let target = local.aliases[index].target.clone();
            let found = Match { target, range, rule: RuleRef::Alias(index), part_of: None };
            // A head right after the quoted name it refers back to (`“…”主题教育`) is that
            // name's mention, not another one.
            let overlapped = taken.iter().find(|m| {
                m.range.start < found.range.end && found.range.start < m.range.end
                    || m.range.end <= found.range.start
                        && found.range.start - m.range.end <= CLOSING_GAP
                        && text[m.range.end..found.range.start].chars().all(chars::is_closing)
                        && m.target == found.target
            });
            let (verdict, note) = match overlapped {
                Some(other) => (Verdict::Overlapped(other.range.clone()), None),
                None if local.aliases[index].refers_back => (Verdict::Taken, None),
                None => {
                    let at = found.range.start;
                    let edge = self.words.name_left_edge(text, at..at, &self.default_name_words);
                    if edge.words.is_empty() {
                        (Verdict::Taken, None)
                    } else {
                        let name = &text[edge.start..found.range.end];
                        (
                            Verdict::NotAName(format!("it stands inside the longer name `{name}`")),
                            notes.then(|| edge.describe()),
                        )
                    }
                }
            };
            candidates.push(Candidate { found, verdict, note, name_part: None, common_word: false, proper_name: true });
        }
    }

    /// The short forms the names found in an article make evident (see [`short_forms`]),
    /// each `(target, name, tag, offset)` with a tag the caller gives; `place(tag,
    /// offset)` says where the name stands, for people. A form the rules know, or that
    /// the article declares (`declared`), keeps that meaning; one two names share is
    /// left out, for it names neither.
    pub fn evident_short_forms<'n>(
        &self,
        names: impl IntoIterator<Item = (&'n Target, &'n str, usize, usize)>,
        rules: &ActorRules,
        declared: &LocalAliases,
        place: impl Fn(usize, usize) -> String,
    ) -> LocalAliases {
        if rules.legal_forms.is_empty() && rules.contractions.is_empty() {
            return LocalAliases::none();
        }
        let mut aliases: Vec<Alias> = Vec::new();
        let mut shared: Vec<String> = Vec::new();
        // A name is read once per article, however often it is named.
        let mut seen: FxHashSet<(&Target, &str)> = FxHashSet::default();
        let mut again: Vec<(&Target, &String, usize, usize)> = Vec::new();
        let names: Vec<(&Target, &str, usize, usize)> =
            names.into_iter().filter(|&(target, name, _, _)| seen.insert((target, name))).collect();
        let by_name: FxHashMap<&str, &Target> =
            names.iter().rev().map(|&(target, name, _, _)| (name, target)).collect();
        for &(target, name, tag, offset) in &names {
            if let Target::Found { id, kind } = target
                && !self.organisation_kinds.contains(kind)
                && id.chars().nth(1).is_some()
                && name.contains(id.as_str())
            {
                again.push((target, id, tag, offset));
            }
            let own_part = self.own_part(name, target, &by_name, rules);
            for form in short_forms::short_forms(&self.words, name, rules).into_iter().chain(own_part) {
                if self.known.contains(&form) || declared.aliases.iter().any(|a| a.form == form) {
                    continue;
                }
                match aliases.iter().find(|a| a.form == form) {
                    Some(alias) if alias.target != *target => shared.push(form),
                    Some(_) => {}
                    None => aliases.push(Alias {
                        form,
                        target: target.clone(),
                        declared_at: place(tag, offset),
                        shortens: Some(name.to_owned()),
                        refers_back: false,
                    }),
                }
            }
        }
        aliases.retain(|a| !shared.contains(&a.form));
        // A name a pattern found is that concept wherever the article names it again and
        // no rule reads it (`“星级党员家庭”并挂牌` after `“星级党员家庭”评比`), unless it is
        // the evident short form of another name (`宝丰能源` of `宁夏宝丰能源集团`).
        for (target, id, tag, offset) in again {
            let free = |a: &Alias| a.form != *id;
            if !self.known.contains(id)
                && declared.aliases.iter().all(free)
                && aliases.iter().all(free)
                && !shared.contains(id)
            {
                aliases.push(Alias {
                    form: id.clone(),
                    target: target.clone(),
                    declared_at: place(tag, offset),
                    shortens: Some(id.clone()),
                    refers_back: false,
                });
            }
        }
        LocalAliases::new(aliases)
    }

    /// The part of `name` after the name of another organisation of the same kind that
    /// it opens with (one of the article's, `by_name`, or of the rules'), when that part
    /// names one: a branch named after its parent goes by its own part alone (`南昌客运段`
    /// of `中国铁路星海局集团有限公司南昌客运段`, `湖北省分行` of `交通银行湖北省分行`). The part
    /// names one when it opens with a place and goes on, or when the parent is one the
    /// rules know and the part is three characters or more and no frequent word: a body
    /// named after the body above it goes by its own name in that article (`国资委` of
    /// `国务院国资委`, not `常委会` of `全国人大常委会`, which is every congress's).
    /// Where the article names another such body, the part is a form two names share,
    /// and means neither.
    fn own_part(
        &self,
        name: &str,
        target: &Target,
        by_name: &FxHashMap<&str, &Target>,
        rules: &ActorRules,
    ) -> Option<String> {
        let kind = target.kind(&self.concept_kinds);
        // A parent of two characters and a part of three at least.
        if !self.organisation_kinds.contains(&kind) || name.chars().nth(4).is_none() {
            return None;
        }
        let ends: Vec<usize> = name.char_indices().skip(2).map(|(end, _)| end).collect();
        let known_parent = |parent: &str| {
            self.known.may_end(parent) && self.known.get(kind, parent).is_some_and(|c| *target != Target::Concept(c))
        };
        let end = ends.into_iter().rev().find(|&end| {
            let parent = &name[..end];
            by_name.get(parent).is_some_and(|p| *p != target && p.kind(&self.concept_kinds) == kind)
                || known_parent(parent)
        })?;
        let part = &name[end..];
        let place = self.words.leading_place(part);
        let of_known = known_parent(&name[..end]) && part.chars().count() >= 3 && !self.words.is_frequent_word(part);
        ((of_known || place > 0 && place < part.len()) && !rules.legal_forms.iter().any(|f| f == part))
            .then(|| part.to_owned())
    }

    /// The evident short forms of `evident` (see [`Matcher::evident_short_forms`]) in
    /// `text`, whose matches of the rules are `taken`: a short form is taken only where
    /// no match stands (the rules' matches are not searched again).
    pub fn short_form_candidates(
        &self,
        text: &str,
        evident: &LocalAliases,
        taken: &[Match],
        notes: bool,
    ) -> Vec<Candidate> {
        let mut candidates = Vec::new();
        self.alias_candidates(text, evident, taken, notes, &mut candidates);
        candidates
    }

    /// The kinds of organisations: those the rules' `unit_suffixes` name.
    pub fn organisation_kinds(&self) -> &FxHashSet<KindId> {
        &self.organisation_kinds
    }

    /// Whether `text` opens with the word `word`, as jieba cuts it: `国家先后` does with
    /// `国家`, `国家电网` does not.
    pub fn opens_with_word(&self, text: &str, word: &str) -> bool {
        /// Characters enough to cut the first words of a clause as its whole would be.
        const LOOK: usize = 8;
        if !text.starts_with(word) {
            return false;
        }
        let end = text.char_indices().nth(LOOK).map_or(text.len(), |(at, _)| at);
        self.words.first_word(&text[..end]) == word.len()
    }

    /// Whether `form` is a form of an organisation the rules know (`国家监委`).
    pub fn is_known_organisation(&self, form: &str) -> bool {
        self.organisation_kinds.iter().any(|&kind| self.known.get(kind, form).is_some())
    }

    /// Whether what follows a parent's short form in a name names a part of its own: a
    /// place (`埃及玻璃纤维股份有限公司` after `中国巨石`: a subsidiary abroad) or a name;
    /// not a line of business and a legal form (`投资集团有限公司` after `成都产业`: the
    /// same company, named longer).
    pub fn names_a_part(&self, rest: &str) -> bool {
        self.words.leading_place(rest) > 0 || self.words.holds_a_name(rest)
    }

    /// Whether `text` is one place name of jieba's (`ns`): `三水`, `三水区`.
    pub fn is_place(&self, text: &str) -> bool {
        self.words.leading_place(text) == text.len()
    }

    /// Whether the words of jieba's that `range` cuts into are, each, known forms found
    /// side by side (`hits`, in text order) from the word's start to its end.
    fn words_tiled(&self, text: &str, range: &Range<usize>, hits: &[(usize, usize, usize)]) -> bool {
        let edges = self.words.boundaries(text, range);
        let start = edges.partition_point(|&e| e <= range.start).saturating_sub(1);
        let end = edges.partition_point(|&e| e < range.end);
        let (Some(&from), Some(&to)) = (edges.get(start), edges.get(end)) else { return false };
        let mut at = from;
        for &(hit_start, hit_end, _) in hits.iter().skip_while(|h| h.0 < from) {
            if hit_start != at {
                break;
            }
            at = hit_end;
            if at >= to {
                break;
            }
        }
        at == to
    }

    /// Every candidate in `text` with its verdict, in text order.
    pub fn candidates(&self, text: &str) -> Vec<Candidate> {
        self.candidates_with(text, &LocalAliases::none())
    }

    /// Every candidate in `text`, the abbreviations of its article included.
    pub fn candidates_with(&self, text: &str, local: &LocalAliases) -> Vec<Candidate> {
        self.collect_candidates(text, local, true)
    }

    /// The candidates of `text`; with `notes`, each says how its rule placed it (for
    /// `explain`: building the words of every name is a cost matching alone spares).
    fn collect_candidates(&self, text: &str, local: &LocalAliases, notes: bool) -> Vec<Candidate> {
        let mut candidates = Vec::new();
        let forms = self.literal_rules.len();
        let mut found_literals = self.triggers.start();
        let mut hits = Vec::new();
        if let Some(automaton) = &self.automaton {
            automaton.for_each(text, |literal, start, end| match literal {
                form if form < forms => hits.push((start, end, form)),
                literal => self.triggers.hit(literal - forms, &mut found_literals),
            });
        }
        let picked = pick_leftmost_longest(hits);
        for &(start, end, form) in &picked {
            let rule = self.literal_rules[form];
            let RuleRef::Concept(c) = rule else { unreachable!("only concepts are in the automaton") };
            let (target, wants_words) = (Target::Concept(c), self.concept_options[c].1);
            let found = Match { target, range: start..end, rule, part_of: None };
            let verdict = match wants_words.then(|| self.words.check_boundaries(text, &found.range)) {
                // A word of jieba's made of known forms side by side is those names
                // (`中办国办` is `中办` and `国办`).
                Some(Err(_)) if self.words_tiled(text, &found.range, &picked) => Verdict::Taken,
                Some(Err(why)) => Verdict::NotAWord(why),
                _ => Verdict::Taken,
            };
            candidates.push(Candidate {
                found,
                verdict,
                note: None,
                name_part: None,
                common_word: false,
                proper_name: true,
            });
        }
        self.alias_candidates(text, local, &[], notes, &mut candidates);
        let scanned = Scanned { text, literals: &picked };
        for (index, pattern) in
            self.patterns.iter().enumerate().filter(|&(i, _)| self.triggers.may_run(&found_literals, i))
        {
            // One buffer of group positions per regex, reused for all its matches here.
            let mut item_locations = None;
            let mut each = |captures: &Groups<'_>| {
                // A capture named `mention` marks the mention inside a match that also
                // holds its context (a left boundary, a head noun).
                let mention = captures.name("mention").or_else(|| captures.get(0)).expect("group 0 always matches");
                match &pattern.items {
                    None if !mention.range().is_empty() => {
                        candidates.push(self.pattern_candidate(
                            &scanned,
                            index,
                            captures,
                            mention.range(),
                            None,
                            notes,
                        ));
                    }
                    None => {}
                    Some(items) => {
                        let locations = item_locations.get_or_insert_with(|| items.capture_locations());
                        for_each_captures(items, locations, mention.as_str(), |item| {
                            let part = item.name("item").or_else(|| item.get(0)).expect("group 0 always matches");
                            let range = mention.start() + part.start()..mention.start() + part.end();
                            if !range.is_empty() {
                                let id = part.as_str().trim().to_owned();
                                candidates.push(self.pattern_candidate(
                                    &scanned,
                                    index,
                                    captures,
                                    range,
                                    Some(id),
                                    notes,
                                ));
                            }
                        });
                    }
                }
            };
            match &self.whole_groups[index] {
                Some(group) => pattern.regex.find_iter(text).for_each(|found| {
                    each(&Groups::Whole { group: group.as_deref(), text, found: found.range() });
                }),
                None => for_each_captures(&pattern.regex, &mut pattern.regex.capture_locations(), text, each),
            }
        }
        coordinated_names(text, &mut candidates, &self.concept_kinds);
        self.bodies_of_found_names(text, &mut candidates);
        resolve_overlaps(&mut candidates, |rule| self.priority(rule));
        nest_name_parts(text, &mut candidates, &self.concept_kinds);
        candidates.sort_by_key(|c| (c.found.range.start, c.found.range.end, c.found.rule));
        candidates
    }

    fn pattern_candidate(
        &self,
        scanned: &Scanned<'_>,
        index: usize,
        captures: &Groups<'_>,
        mut range: Range<usize>,
        fixed_id: Option<String>,
        notes: bool,
    ) -> Candidate {
        let text = scanned.text;
        let pattern = &self.patterns[index];
        let rule = RuleRef::Pattern(index);
        // The left edge of a name, found by parts of speech.
        let mut edge = None;
        let mut head_end = range.end;
        // A known organisation of the pattern's kind right before the name makes it that
        // organisation's subsidiary: `国家能源集团` + `龙源南非公司`.
        let mut parent = None;
        // For a line of business, whether the name part is a known organisation and places.
        let mut after_known: Option<Option<ConceptId>> = None;
        // A concept of another kind the name holds whole, where its left edge cut into it.
        let mut held: Option<Range<usize>> = None;
        if let (Some(words), Some(head), None) = (&pattern.left_edge, captures.name("head"), &fixed_id) {
            let found = self.words.name_left_edge(text, head.range(), words);
            range.start = found.start.min(head.start());
            if let Some(concept) = self.concept_cut_at(scanned.literals, range.start, head.start()) {
                // The name may go on before the concept (`中央党校（国家行政学院）`).
                let before = self.words.name_left_edge(text, concept.start..concept.start, words);
                range.start = if before.words.is_empty() { concept.start } else { before.start };
                held = Some(concept);
            }
            head_end = head.end();
            if let Some((start, concept)) = self.known_before(text, range.start, pattern.kind) {
                range.start = start;
                parent = Some(Target::Concept(concept));
            }
            if words.after_known && parent.is_none() {
                after_known = Some(self.known_then_places(text, range.start, &found, pattern.kind));
                if let Some(Some(concept)) = after_known {
                    parent = Some(Target::Concept(concept));
                }
            }
            edge = Some((found, head.start()));
        }
        // Trim unwanted words off the start, repeating while any prefix applies.
        loop {
            let rest = &text[range.clone()];
            if let Some(prefix) =
                pattern.trim_prefixes.iter().find(|p| rest.starts_with(p.as_str()) && p.len() < rest.len())
            {
                range.start += prefix.len();
                continue;
            }
            if !pattern.trim_tags.is_empty() {
                let cut = self.words.leading_tagged(rest, &pattern.trim_tags);
                if cut > 0 && cut < rest.len() {
                    range.start += cut;
                    continue;
                }
            }
            break;
        }
        let whole = &text[range.clone()];
        let id = fixed_id.unwrap_or_else(|| pattern.id.render(captures, whole));
        let target = match self.known.get(pattern.kind, &id) {
            Some(concept) => Target::Concept(concept),
            None => Target::Found { kind: pattern.kind, id: id.clone() },
        };
        let has_parent = parent.is_some();
        let found = Match { target, range: range.clone(), rule, part_of: parent };
        let note = edge.as_ref().filter(|_| notes).map(|(e, _)| match &held {
            Some(concept) => format!("{}; holds `{}` whole", e.describe(), &text[concept.clone()]),
            None => e.describe(),
        });
        // Why it is no name, if it is not, and whether only for being a common word.
        let not_a_name = edge.as_ref().and_then(|(e, head)| {
            let name = &text[range.start.min(*head)..*head];
            let head_text = &text[*head..range.end];
            if !self.words.ends_word(text, *head..head_end) {
                Some((format!("`{head_text}` does not end a word here"), false))
            } else if !has_parent
                && pattern.left_edge.as_ref().is_some_and(|w| !w.place_alone)
                && matches!(e.words.as_slice(), [(word, tag)] if tag.starts_with("ns") && self.words.common_place(word))
            {
                Some((format!("`{name}` alone is a place, not a name"), false))
            } else if after_known == Some(None) {
                Some((format!("`{name}` is not a known organisation followed by places"), false))
            } else if let Some(noun) = after_known.and_then(|_| self.words.noun_after(text, head_end)) {
                // A line of business before a noun qualifies it: `保利集团科技创新`.
                Some((format!("`{head_text}` qualifies the noun `{noun}` after it"), false))
            } else if self.known.names_other_kinds_only(pattern.kind, whole) {
                // `招商局` ends like a government bureau but is a known enterprise.
                Some((format!("`{}` is a known concept of another kind", &text[range.clone()]), false))
            } else if in_document_title(text, &range) {
                Some((format!("`{}` begins the title of a document", &text[range.clone()]), false))
            } else if has_parent {
                None
            } else if e.words.is_empty() || name.is_empty() {
                Some((format!("nothing before `{head_text}` can be part of a name"), false))
            } else if !e.proper
                && !self.known.contains(name)
                && !self.known.contains(&text[range.start..head_end])
                && !pattern.left_edge.as_ref().is_some_and(|w| {
                    // Whole: the walk reached punctuation, rather than a word that may
                    // have cut a longer name (`国有/b 资本/n 投资/vn 有限公司`).
                    w.common_words > 0 && e.words.len() >= w.common_words && e.stopped_at.is_none()
                })
                && !pattern.left_edge.as_ref().is_some_and(|w| opened_by_level(&e.words, &w.levels, head_text))
                && !pattern.left_edge.as_ref().is_some_and(|w| self.words.names_a_place(&e.words, &w.place_classes))
                && !self.words.known_place_before(name, head_text)
                || name.chars().filter(|&c| chars::is_alphanumeric(c)).count() < 2
            {
                // A name part the rules know (`教育部` of `教育部党组`) is a name, and so is
                // a known name that ends with the head (`交通银行` of `交通银行湖北省分行`).
                Some((format!("`{name}` is a common word, not a name"), true))
            } else {
                None
            }
        });
        let common_word = not_a_name.as_ref().is_some_and(|&(_, common)| common);
        let verdict = if id.is_empty() || range.is_empty() {
            Verdict::Trimmed
        } else if let Some((why, _)) = not_a_name {
            Verdict::NotAName(why)
        } else if pattern.stops(&id, whole) {
            Verdict::Stopped(id)
        } else if let Some(word) = pattern.opposed_by(text[..range.start].trim_end_matches(chars::OPENING_MARKS)) {
            Verdict::Opposed(word.to_owned())
        } else if pattern.word_boundary {
            match self.words.check_boundaries(text, &range) {
                Ok(()) => Verdict::Taken,
                Err(why) => Verdict::NotAWord(why),
            }
        } else {
            Verdict::Taken
        };
        let name_part = edge
            .as_ref()
            .filter(|_| pattern.left_edge.as_ref().is_some_and(|w| w.part_of))
            .map(|(_, head)| range.start..*head)
            .or_else(|| captures.name("part_of").map(|part| part.range()));
        let proper_name = has_parent || edge.as_ref().is_none_or(|(e, _)| e.proper);
        Candidate { found, verdict, note, name_part, common_word, proper_name }
    }

    /// The known concept of no organisation's kind that the left edge of a name at
    /// `start` cuts into, ending before the name's head at `head`, as where it stands: a
    /// name holds a slogan whole or not at all
    /// (`中国社会科学院习近平新时代中国特色社会主义思想研究中心`, whose walk by parts of speech
    /// stops at `新`). `literals` are the known forms picked in the text (start, end,
    /// form), in text order and not overlapping.
    fn concept_cut_at(&self, literals: &[(usize, usize, usize)], start: usize, head: usize) -> Option<Range<usize>> {
        // The picked forms do not overlap and are in text order: only the last one to
        // start before `start` may hold it.
        let before = literals.partition_point(|&(from, _, _)| from < start).checked_sub(1)?;
        let (from, to, form) = literals[before];
        let RuleRef::Concept(c) = self.literal_rules[form] else { return None };
        (start < to && to <= head && !self.organisation_kinds.contains(&self.concept_kinds[c])).then_some(from..to)
    }

    /// The known concept of `kind` one of whose forms ends at `end`, the longest form
    /// first, with where that form starts. Only forms of two to sixteen characters are
    /// looked for, so the cost is a few lookups per name.
    fn known_before(&self, text: &str, end: usize, kind: KindId) -> Option<(usize, ConceptId)> {
        if !self.known.may_end(&text[..end]) {
            return None;
        }
        let starts = text[..end].char_indices().rev().take(16).map(|(i, _)| i);
        starts.skip(1).filter_map(|start| self.known.get(kind, &text[start..end]).map(|c| (start, c))).last()
    }

    /// The known organisation of `kind` whose form starts the name part `edge` found
    /// (from `start`), the longest form first, when the rest of the name part is place
    /// names: `中国石油` of `中国石油/吉林`.
    fn known_then_places(&self, text: &str, start: usize, edge: &words::NameEdge, kind: KindId) -> Option<ConceptId> {
        let mut ends = Vec::with_capacity(edge.words.len());
        let mut at = start;
        for (word, _) in &edge.words {
            at += word.len();
            ends.push(at);
        }
        // The longest prefix of whole words that is a known form.
        let (last, concept) = ends
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, &end)| self.known.get(kind, &text[start..end]).map(|c| (i, c)))?;
        let places = edge.words[last + 1..].iter().all(|(_, tag)| tag.starts_with("ns"));
        places.then_some(concept)
    }

    /// A body whose head comes right after the name of an organisation of another kind
    /// found in the text is that organisation's body, where its own walk left stopped
    /// short of a name:
    /// `车墩镇工业开发有限公司党支部`, whose walk from `党支部` stops at the verb `开发` that
    /// the company's name holds. The body takes the whole name as its name part, so that
    /// [`nest_name_parts`] makes it `part_of` the organisation.
    fn bodies_of_found_names(&self, text: &str, candidates: &mut [Candidate]) {
        // Most texts hold no body that failed for want of a name: nothing to look up.
        if !candidates.iter().any(|c| matches!(c.verdict, Verdict::NotAName(_)) && c.name_part.is_some()) {
            return;
        }
        let organisation = |c: &Candidate| self.organisation_kinds.contains(&c.found.target.kind(&self.concept_kinds));
        let kind_of = |c: &Candidate| c.found.target.kind(&self.concept_kinds);
        let names: Vec<(Range<usize>, KindId)> = candidates
            .iter()
            .filter(|c| c.verdict == Verdict::Taken && c.proper_name && organisation(c))
            .map(|c| (c.found.range.clone(), kind_of(c)))
            .collect();
        if names.is_empty() {
            return;
        }
        for body in candidates.iter_mut() {
            let (Verdict::NotAName(_), Some(part)) = (&body.verdict, &body.name_part) else { continue };
            if !organisation(body) {
                continue;
            }
            let head = part.end;
            // An organisation of another kind (a company's Party branch): a body's name
            // does not run through another body (`…纪检监察组办公室`), as the pattern's
            // stop words say.
            let kind = kind_of(body);
            let Some((name, _)) =
                names.iter().find(|(n, other)| n.end == head && n.start <= body.found.range.start && *other != kind)
            else {
                continue;
            };
            // The head must end a word: `厅` of `厅长` is a title, not a body.
            if !self.words.ends_word(text, head..body.found.range.end) {
                continue;
            }
            let range = name.start..body.found.range.end;
            let id = &text[range.clone()];
            body.found.target = match self.known.get(kind, id) {
                Some(concept) => Target::Concept(concept),
                None => Target::Found { kind, id: id.to_owned() },
            };
            body.found.range = range;
            body.name_part = Some(name.start..head);
            body.verdict = Verdict::Taken;
            body.proper_name = true;
            body.note = body.note.take().map(|n| format!("{n}; the body of the name found before its head"));
        }
    }

    fn priority(&self, rule: RuleRef) -> i32 {
        match rule {
            RuleRef::Concept(c) => self.concept_options[c].0,
            RuleRef::Pattern(p) => self.patterns[p].priority,
            RuleRef::Alias(_) => 0,
        }
    }
}

/// The literals of the matcher's automaton, in the order its pattern ids number them:
/// each form of each concept (the first `literal_rules.len()`), then the triggers'.
fn automaton_literals<'r>(rules: &'r RuleSet, triggers: &'r triggers::Triggers) -> impl Iterator<Item = &'r str> {
    let forms = rules.concepts.iter().flat_map(|c| c.forms.iter().map(String::as_str));
    forms.chain(triggers.literals().iter().map(String::as_str))
}

/// Whether `range` opens a document's title (alone or after `各级`, bodies at every
/// level) and the title goes on past it to a word for a document:
/// `《中国共产党支部工作条例（试行）》` names rules, not a Party branch, and
/// `《各级人民代表大会常务委员会监督法》` a law for a kind of body.
fn in_document_title(text: &str, range: &Range<usize>) -> bool {
    const DOCUMENTS: [&str; 12] =
        ["条例", "规定", "办法", "意见", "通知", "决定", "方案", "纲要", "准则", "规则", "细则", "法"];
    let before = &text[..range.start];
    if !before.strip_suffix("各级").unwrap_or(before).ends_with('《') {
        return false;
    }
    let rest = &text[range.end..];
    let Some(close) = rest.char_indices().take(24).find(|&(_, c)| c == '》').map(|(i, _)| i) else { return false };
    let title = rest[..close].trim_end_matches("（试行）");
    !title.is_empty() && DOCUMENTS.iter().any(|d| title.ends_with(d))
}

/// The word by which a body's name says whose it is: `某某医学院附属第一医院`.
const AFFILIATED: &str = "附属";

/// A body named after the organisation it belongs to (`国务院国资委党委`,
/// `聊城水务集团党委`) holds that organisation's name as its name part: the candidate
/// that is exactly the name part, overlapped only by the body, is taken too, and the
/// body is `part_of` it. A name part that says whose the body is (`某某医学院附属瑞金`)
/// names its organisation before [`AFFILIATED`].
fn nest_name_parts(text: &str, candidates: &mut [Candidate], rules: &Kinds) {
    // Longest first, so that a name part taken here is looked into in turn: a Party
    // branch of a mine of a company names all three.
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(candidates[i].found.range.len()), i));
    for outer in order {
        if candidates[outer].verdict != Verdict::Taken {
            continue;
        }
        // A subsidiary named after a known parent (`国家能源集团大渡河公司`) mentions the
        // parent too.
        if let (None, Some(parent)) = (&candidates[outer].name_part, &candidates[outer].found.part_of) {
            let outer_range = candidates[outer].found.range.clone();
            let parent = parent.clone();
            if let Some(inner) = candidates.iter_mut().find(|c| {
                c.found.target == parent && c.found.range.start == outer_range.start && overlapped_by(c, &outer_range)
            }) {
                inner.verdict = Verdict::Taken;
            }
            continue;
        }
        let Some(name) = candidates[outer].name_part.clone() else { continue };
        let outer_range = candidates[outer].found.range.clone();
        // The name part's organisation: the match that is the whole name part, unless it
        // is of the body's own kind and found by the same pattern (`泸溪县委组织部` makes
        // no `泸溪县委`), as a known concept, another kind or another pattern's name (a
        // company's legal name before its mine) is not; else the longest name of another
        // kind that starts the name part (`某某集团公司` of its `信息科学研究院`).
        let outer_kind = candidates[outer].found.target.kind(rules);
        let outer_rule = candidates[outer].found.rule;
        let affiliated = text[name.clone()].find(AFFILIATED).map(|at| name.start + at).filter(|&at| at > name.start);
        let inner = (0..candidates.len())
            .filter(|&i| {
                let c = &candidates[i];
                let other_kind = c.found.target.kind(rules) != outer_kind;
                let fits = if Some(c.found.range.end) == affiliated {
                    true
                } else if c.found.range.end == name.end {
                    matches!(c.found.target, Target::Concept(_)) || other_kind || c.found.rule != outer_rule
                } else {
                    c.found.range.end < name.end && other_kind
                };
                c.found.range.start == name.start && fits && overlapped_by(c, &outer_range)
            })
            .max_by_key(|&i| (candidates[i].found.range.end, std::cmp::Reverse(i)));
        if let Some(inner) = inner {
            candidates[inner].verdict = Verdict::Taken;
            candidates[outer].found.part_of = Some(candidates[inner].found.target.clone());
        }
    }
}

/// The matches a leftmost-longest search would report, from all matches (overlapping
/// ones too) as `(start, end, form)`: from the left, the longest match starting at the
/// leftmost place (the first form of equal ones), then on after its end.
fn pick_leftmost_longest(mut hits: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    hits.sort_unstable_by_key(|&(start, end, form)| (start, std::cmp::Reverse(end), form));
    let mut picked: Vec<(usize, usize, usize)> = Vec::new();
    for hit in hits {
        if picked.last().is_none_or(|last| hit.0 >= last.1) {
            picked.push(hit);
        }
    }
    picked
}

/// Takes a name refused only for being a common word when it stands in a list (`、`)
/// next to a proper name of the same kind and ending that was taken: the items of one
/// list are of one class, so `红豆` in `红豆集团、宁波舟山港集团` names a company as its
/// neighbour does.
fn coordinated_names(text: &str, candidates: &mut [Candidate], rules: &Kinds) {
    if !candidates.iter().any(|c| c.common_word) {
        return;
    }
    // Of one class: the same kind and the same ending (`…集团、…集团`), so that a
    // generic `社区党委` listed after a `楼栋党支部` stays generic.
    let ending = |r: &Range<usize>| text[r.clone()].char_indices().rev().nth(1).map(|(i, _)| &text[r.start + i..r.end]);
    let taken: Vec<(Range<usize>, KindId)> = candidates
        .iter()
        .filter(|c| c.verdict == Verdict::Taken && c.proper_name)
        .map(|c| (c.found.range.clone(), c.found.target.kind(rules)))
        .collect();
    const COMMA: &str = "、";
    for candidate in candidates.iter_mut().filter(|c| c.common_word) {
        let (range, kind) = (candidate.found.range.clone(), candidate.found.target.kind(rules));
        let next = text[range.end..].starts_with(COMMA).then(|| range.end + COMMA.len());
        let before = text[..range.start].ends_with(COMMA).then(|| range.start - COMMA.len());
        let listed = taken.iter().any(|(other, other_kind)| {
            *other_kind == kind
                && (Some(other.start) == next || Some(other.end) == before)
                && ending(other) == ending(&range)
        });
        if listed {
            candidate.verdict = Verdict::Taken;
            candidate.note =
                candidate.note.take().map(|n| format!("{n}; a common word, but listed with a name of its kind"));
        }
    }
}

/// Whether `candidate` lost only to `outer` or to a longer name that holds `outer`
/// whole (a Party branch of the mine that holds the company's name).
fn overlapped_by(candidate: &Candidate, outer: &Range<usize>) -> bool {
    matches!(&candidate.verdict, Verdict::Overlapped(by) if by.start <= outer.start && outer.end <= by.end)
}

/// A text the patterns run on, with the known forms the automaton found in it
/// (start, end, form), which a name may hold whole.
struct Scanned<'t> {
    text: &'t str,
    literals: &'t [(usize, usize, usize)],
}

/// Marks every taken candidate that overlaps a better one as [`Verdict::Overlapped`].
///
/// Candidates are ranked longest first, then by priority, start, and rule; each is kept
/// if it overlaps no candidate kept before it.
fn resolve_overlaps(candidates: &mut [Candidate], priority: impl Fn(RuleRef) -> i32) {
    let mut order: Vec<usize> = (0..candidates.len()).filter(|&i| candidates[i].verdict == Verdict::Taken).collect();
    order.sort_by_key(|&i| {
        let found = &candidates[i].found;
        (std::cmp::Reverse(found.range.len()), std::cmp::Reverse(priority(found.rule)), found.range.start, found.rule)
    });
    // Kept ranges by start.
    let mut kept: BTreeMap<usize, usize> = BTreeMap::new();
    for i in order {
        let range = candidates[i].found.range.clone();
        let before = kept.range(..range.end).next_back().filter(|&(_, &end)| end > range.start);
        match before {
            Some((&start, &end)) => candidates[i].verdict = Verdict::Overlapped(start..end),
            None => {
                kept.insert(range.start, range.end);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::compile;

    fn rules(text: &str) -> RuleSet {
        compile(&[("r.toml".to_owned(), text.to_owned())]).unwrap()
    }

    fn found(rules: &RuleSet, text: &str) -> Vec<(String, String)> {
        let matcher = Matcher::new(rules);
        matcher.find(text).into_iter().map(|m| (m.target.key(rules).1.to_owned(), text[m.range].to_owned())).collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn leftmost_longest_matches_are_picked_from_overlapping_ones() {
        // `ab`, `abc`, `bcd`, `cd`, and `abc` again as form 4, in "abcd".
        let hits = vec![(2, 4, 3), (0, 2, 0), (1, 4, 2), (0, 3, 4), (0, 3, 1)];
        // The longest at the leftmost start (the first of equal forms), then on after it.
        assert_eq!(pick_leftmost_longest(hits), [(0, 3, 1)]);
        let aho =
            AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(["ab", "abc", "bcd", "cd", "abc"]);
        let found: Vec<_> =
            aho.unwrap().find_iter("abcd").map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
        assert_eq!(found, [(0, 3, 1)]);
    }

    #[test]
    fn longest_form_wins() {
        let rules =
            rules("[[kind]]\nname = \"mechanism\"\n[[concept]]\nid = \"党建+\"\n[[concept]]\nid = \"党建+客户服务\"\n");
        assert_eq!(
            found(&rules, "推行“党建+客户服务”模式，以“党建+”激发活力"),
            pairs(&[("党建+客户服务", "党建+客户服务"), ("党建+", "党建+")])
        );
    }

    #[test]
    fn aliases_map_to_their_concept() {
        let rules = rules(
            "[[kind]]\nname = \"org\"\n[[concept]]\nid = \"菏建国投\"\naliases = [\"山东菏建国有资本投资有限公司\"]\n",
        );
        let found = found(&rules, "山东菏建国有资本投资有限公司（简称“菏建国投”）");
        assert_eq!(found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), ["菏建国投", "菏建国投"]);
    }

    #[test]
    fn patterns_build_ids_and_respect_stop_lists() {
        let rules = rules(
            r#"
[[kind]]
name = "mechanism"

[[pattern]]
name = "党建加"
regex = '党建\+(?P<x>[\p{Han}]{2,6}?)(?:”|模式|$)'
id = "党建+{x}"
stop = ["党建+工作"]
"#,
        );
        assert_eq!(found(&rules, "推行“党建+客户服务”模式"), pairs(&[("党建+客户服务", "党建+客户服务”")]));
        assert_eq!(found(&rules, "抓好“党建+工作”"), pairs(&[]));
    }

    #[test]
    fn a_pattern_naming_a_known_concept_is_that_concept() {
        let rules = rules(
            r#"
[[kind]]
name = "mechanism"
[[concept]]
id = "1363考核体系"
[[pattern]]
name = "数字体系"
regex = '“(?P<n>\d{3,6})”(?P<h>考核体系)'
id = "{n}{h}"
"#,
        );
        let matcher = Matcher::new(&rules);
        let m = matcher.find("创新实施“1363”考核体系");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].target, Target::Concept(0));
        assert_eq!(m[0].rule, RuleRef::Pattern(0));
    }

    #[test]
    fn a_mention_capture_leaves_the_context_out() {
        let rules = rules(
            r#"
[[kind]]
name = "enterprise"
[[pattern]]
name = "集团"
regex = '(?:^|[，。]|作为|获评)(?P<mention>[\p{Han}]{2,8}集团)'
"#,
        );
        assert_eq!(
            found(&rules, "华新建工集团作为山能建工集团权属公司"),
            pairs(&[("华新建工集团", "华新建工集团"), ("山能建工集团", "山能建工集团")])
        );
    }

    #[test]
    fn items_of_a_list_are_concepts_of_their_own() {
        let rules = rules(
            r#"
[[kind]]
name = "mechanism"
[[pattern]]
name = "列表"
regex = '(?P<mention>(?:“[^“”]{2,12}”){2,6})等品牌活动'
items = '“(?P<item>[^“”]+)”'
"#,
        );
        assert_eq!(
            found(&rules, "持续开展“发现榜样”“我来讲党课”等品牌活动"),
            pairs(&[("发现榜样", "发现榜样"), ("我来讲党课", "我来讲党课")])
        );
    }

    #[test]
    fn prefixes_are_trimmed() {
        let rules = rules(
            r#"
[[kind]]
name = "enterprise"
[[pattern]]
name = "公司"
regex = '\p{Han}{2,12}有限公司'
trim_prefixes = ["走进", "是"]
"#,
        );
        assert_eq!(
            found(&rules, "走进山东高速青岛发展有限公司"),
            pairs(&[("山东高速青岛发展有限公司", "山东高速青岛发展有限公司")])
        );
    }

    #[test]
    fn word_boundaries_when_asked() {
        let rules = rules(
            r#"
[[kind]]
name = "mechanism"
[[pattern]]
name = "党员岗"
regex = '党员\p{Han}{2}岗'
word_boundary = true
"#,
        );
        assert_eq!(found(&rules, "设立党员示范岗，"), pairs(&[("党员示范岗", "党员示范岗")]));
        let matcher = Matcher::new(&rules);
        let candidates = matcher.candidates("设立党员先锋岗位，");
        assert!(matches!(candidates[0].verdict, Verdict::NotAWord(_)), "{candidates:?}");
    }

    #[test]
    fn overlaps_go_to_the_longest_then_the_higher_priority() {
        let rules = rules(
            r#"
[[kind]]
name = "x"
[[concept]]
id = "党建品牌"
[[pattern]]
name = "low"
regex = '同鑫源党建'
[[pattern]]
name = "high"
regex = '鑫源党建品'
priority = 5
"#,
        );
        // All three overlap; 同鑫源党建 and 鑫源党建品 are longest (5 chars); priority decides.
        assert_eq!(found(&rules, "同鑫源党建品牌"), pairs(&[("鑫源党建品", "鑫源党建品")]));
        let matcher = Matcher::new(&rules);
        let lost: Vec<_> = matcher
            .candidates("同鑫源党建品牌")
            .into_iter()
            .filter(|c| matches!(c.verdict, Verdict::Overlapped(_)))
            .map(|c| c.found.rule)
            .collect();
        assert_eq!(lost, [RuleRef::Pattern(0), RuleRef::Concept(0)]);
    }

    #[test]
    fn a_name_after_a_known_organisation_is_its_subsidiary() {
        let rules = rules(
            r#"
[[kind]]
name = "enterprise"
[[concept]]
id = "星海能源集团有限公司"
aliases = ["星海能源集团"]
[[pattern]]
name = "公司"
regex = '(?P<head>集团|公司)'
left_edge = "name"
name_stop_words = ["集团", "公司"]
"#,
        );
        let text = "，星海能源集团龙源南非公司发电量突破新高";
        let matcher = Matcher::new(&rules);
        let m = matcher.find(text);
        let names: Vec<&str> = m.iter().map(|m| &text[m.range.clone()]).collect();
        assert_eq!(names, ["星海能源集团", "星海能源集团龙源南非公司"], "{m:?}");
        assert_eq!(m[0].target, Target::Concept(0));
        assert_eq!(m[1].part_of, Some(Target::Concept(0)));
        // Without the known parent the name stops at the other head.
        let alone = "，某某集团龙源南非公司发电量突破新高";
        let m = matcher.find(alone);
        assert_eq!(m.iter().map(|m| &alone[m.range.clone()]).collect::<Vec<_>>(), ["龙源南非公司"], "{m:?}");
    }

    #[test]
    fn a_part_of_capture_names_the_organisation() {
        let rules = rules(
            r#"
[[kind]]
name = "enterprise"
[[kind]]
name = "unit"
[[concept]]
kind = "enterprise"
id = "星海集团"
[[pattern]]
name = "派驻"
kind = "unit"
regex = '(?P<mention>驻(?P<part_of>[\p{Han}]{2,12}?)纪检监察组)'
"#,
        );
        let text = "驻星海集团纪检监察组印发通知";
        let m = Matcher::new(&rules).find(text);
        let names: Vec<&str> = m.iter().map(|m| &text[m.range.clone()]).collect();
        assert_eq!(names, ["驻星海集团纪检监察组", "星海集团"], "{m:?}");
        assert_eq!(m[0].part_of, Some(Target::Concept(0)));
    }

    #[test]
    fn a_name_that_opens_a_documents_title_is_none() {
        let rules = rules(
            r#"
[[kind]]
name = "unit"
[[pattern]]
name = "支部"
regex = '(?P<head>党支部)'
left_edge = "name"
"#,
        );
        assert_eq!(found(&rules, "贯彻《中国共产党支部工作条例（试行）》"), pairs(&[]));
        assert_eq!(found(&rules, "《新田村党支部》"), pairs(&[("新田村党支部", "新田村党支部")]));
    }
}
