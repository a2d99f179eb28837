//! Pattern rules: regular expressions whose matches create concepts.

use std::ops::Range;

use regex::{CaptureLocations, Regex, RegexBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

use super::{Example, KindId, Origin};

/// The longest id, in characters, that `stop_endings` apply to.
pub const SHORT_ID_CHARS: usize = 4;

/// A compiled pattern rule.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// Unique name, shown by `tupu explain`.
    pub name: String,
    pub kind: KindId,
    pub regex: Regex,
    /// How the canonical id is built from the match.
    pub id: Template,
    /// For a match that lists several names (`“发现榜样”“我来讲党课”等品牌活动`): a regex
    /// run inside the mention whose every match (its capture `item`, or all of it) is a
    /// concept of its own, named by its text.
    pub items: Option<Regex>,
    /// Ids (after building) that are not concepts: `有限公司`, `两个方面`.
    pub stop: Vec<String>,
    /// Endings of short ids (at most [`SHORT_ID_CHARS`]) that are no concepts: a short
    /// quoted word ending in `式` or `化` says how something is done (`“非接触式”`,
    /// `“扁平化”`) and names nothing, where a longer one may name (`梅溪湖模式`).
    pub stop_endings: Vec<String>,
    /// Words after which a match names what is opposed, not a concept of the kind:
    /// `严禁“三高”项目` (high-pollution projects), `决不允许出现“烂尾”工程`. The pattern's
    /// own and its kind's (`[[kind]] not_after`).
    pub not_after: Vec<String>,
    /// Words removed from the start of a match, repeatedly: `走进`, `是`, `在`.
    pub trim_prefixes: Vec<String>,
    /// Part-of-speech tags (jieba's: `v` verb, `p` preposition …; a tag matches by
    /// prefix) of words removed from the start of a match: a name does not start with a
    /// preposition.
    pub trim_tags: Vec<String>,
    /// Whether the match must start and end on word boundaries, as jieba segments the
    /// text around it.
    pub word_boundary: bool,
    /// `left_edge = "name"`: the mention starts where the name before the capture
    /// `head` starts, as segmentation and parts of speech decide; a name part that is
    /// empty or a common word makes no concept.
    pub left_edge: Option<NameWords>,
    pub priority: i32,
    pub note: Option<String>,
    pub examples: Vec<Example>,
    pub counterexamples: Vec<Example>,
    pub origin: Origin,
}

impl Pattern {
    /// The word of [`Pattern::not_after`] that `before` (the text before a match, less
    /// the opening mark of a quoted name) ends with, if one.
    pub fn opposed_by(&self, before: &str) -> Option<&str> {
        self.not_after.iter().map(String::as_str).find(|word| before.ends_with(word))
    }

    /// Whether `id` is one of the pattern's stop words or a short id with a stop ending.
    pub fn stops(&self, id: &str, whole: &str) -> bool {
        self.stop.iter().any(|s| s == id || s == whole)
            || self.stop_endings.iter().any(|e| id.ends_with(e.as_str())) && id.chars().count() <= SHORT_ID_CHARS
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.name == other.name && self.kind == other.kind && self.regex.as_str() == other.regex.as_str()
    }
}

impl Eq for Pattern {}

/// Which words may make up a name, for patterns with `left_edge = "name"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameWords {
    /// Tags of words that may be part of a name (`ns` place, `nz` proper noun, `n` noun …).
    pub name_tags: Vec<String>,
    /// Tags of words that show a name is proper rather than a common word (`ns`, `nr`,
    /// `nt`, `nz` …). A name part with none of them is a common word (`物业公司`).
    pub proper_tags: Vec<String>,
    /// Words that end a name when the walk meets them (`集团` for a short name ending in
    /// `公司`: `山能建工集团权属专业化公司` is not one name).
    pub stop_words: Vec<String>,
    /// Whether a verb right before the head, after a noun, is part of the name: a line
    /// of business in a company's name (`阳光/n 拍卖/v 有限公司`).
    pub verb_before_head: bool,
    /// Whether a verb right before the head, after a place name, is part of the name:
    /// a body's line of work (`包头市/ns 审计/v 局`), where after other words it is the
    /// clause's verb (`国家监委 督促/v 党组`).
    pub verb_after_place: bool,
    /// Whether a name part that the rules find by itself names the organisation this
    /// match is part of (`国务院国资委党委` → `国务院国资委`): both are taken, linked by
    /// `part_of`.
    pub part_of: bool,
    /// Whether a name part that is one place name alone is a name: `北京银行` is, but
    /// `中国公司` and `德国公司` are companies of a country, not names.
    pub place_alone: bool,
    /// How many common words make a name part a name though none is proper, when
    /// nothing but punctuation or the start of the text ends it: a legal name's head is
    /// specific enough that `。市/n 城乡建设/l 发展/vn 有限公司` is one, where `物业/n 公司`
    /// is not. 0 (the default): never.
    pub common_words: usize,
    /// Whether the name part must be a known organisation of the pattern's kind, then
    /// place names only: `中邮` + `保险`, `中国石油` + `吉林` + `石化`. For heads that are
    /// lines of business, which name a subsidiary only after its group's name.
    pub after_known: bool,
    /// Words of an administrative level (`省`, `市`, `中央`) that, opening a name part of
    /// common words followed by more words, make it a name: the body of that level
    /// (`省/农业/农村/厅`, `中央/巡视组`), where `农业农村厅` alone is any province's.
    pub levels: Vec<String>,
    /// Words of a class of places (`街道`, `社区`, `镇`, `山`) that, after a noun the
    /// dictionary holds as rare, make the name part a place's name: `天平/街道`,
    /// `桃源/社区`, `火神/山`, where `农村/社区` and `城乡/社区` are any.
    pub place_classes: Vec<String>,
    /// Longest name part, in characters.
    pub max_chars: usize,
}

impl NameWords {
    /// The default tags: nouns of every sort (`n` covers `ns`, `nt`, `nz` …), verbal
    /// nouns, abbreviations, numerals, foreign words and words jieba does not know
    /// (`x`); proper are place and person names, organisation words, other proper
    /// nouns, abbreviations, numerals, unknown and foreign words. A word not in jieba's
    /// dictionary is proper too.
    pub fn defaults() -> NameWords {
        NameWords {
            name_tags: ["n", "vn", "j", "m", "eng", "x", "l", "zg", "g"].map(str::to_owned).to_vec(),
            proper_tags: ["ns", "nr", "nt", "nz", "j", "m", "eng", "x"].map(str::to_owned).to_vec(),
            stop_words: Vec::new(),
            verb_before_head: false,
            verb_after_place: false,
            part_of: false,
            place_alone: true,
            common_words: 0,
            levels: Vec::new(),
            place_classes: Vec::new(),
            after_known: false,
            max_chars: 20,
        }
    }
}

/// Largest compiled size of one pattern's regex. A larger one is almost always a
/// mistake (a huge counted repetition), and would make matching slow.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Compiles `source`; the error is a message for the user.
pub fn compile_regex(source: &str) -> Result<Regex, String> {
    let regex = RegexBuilder::new(source).size_limit(REGEX_SIZE_LIMIT).build().map_err(|err| match err {
        regex::Error::CompiledTooBig(limit) => {
            format!("the regex is too large (over {} KiB compiled); use smaller repetition counts", limit / 1024)
        }
        other => other.to_string(),
    })?;
    if regex.is_match("") {
        return Err("the regex matches empty text; every match would be empty".to_owned());
    }
    Ok(regex)
}

/// The literals every match of `hir` starts with, if they are a finite set of text;
/// character classes of up to `max_class` characters are spelled out.
pub fn literal_prefixes(hir: &Hir, max_class: usize) -> Option<Vec<String>> {
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix).limit_class(max_class);
    let seq = extractor.extract(hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.is_empty()) {
        return None;
    }
    // A literal cut short by the extractor's limits may end inside a character.
    literals.iter().map(|l| String::from_utf8(l.as_bytes().to_vec()).ok()).collect()
}

/// One group of a match: where it is in the text searched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Group<'t> {
    fn of(text: &'t str, (start, end): (usize, usize)) -> Group<'t> {
        Group { text, start, end }
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

/// The groups of one match of a pattern's regex.
#[derive(Debug)]
pub enum Groups<'t> {
    /// What the regex engine worked out, in a buffer reused for every match
    /// ([`for_each_captures`]).
    Located { regex: &'t Regex, text: &'t str, locations: &'t CaptureLocations },
    /// A match of a regex that is one group around all of it (`(?P<head>…)`, see
    /// [`whole_match_group`]): the group is the whole match, so the engine need not
    /// work it out, which for the patterns of heads was a third of their cost.
    Whole { group: Option<&'t str>, text: &'t str, found: Range<usize> },
}

impl<'t> Groups<'t> {
    /// Group `index` (0: the whole match).
    pub fn get(&self, index: usize) -> Option<Group<'t>> {
        match self {
            Groups::Located { text, locations, .. } => locations.get(index).map(|at| Group::of(text, at)),
            Groups::Whole { text, found, .. } => (index <= 1).then(|| Group::of(text, (found.start, found.end))),
        }
    }

    /// The group named `name`.
    pub fn name(&self, name: &str) -> Option<Group<'t>> {
        match self {
            Groups::Located { regex, .. } => self.get(regex.capture_names().position(|n| n == Some(name))?),
            Groups::Whole { group, .. } => (*group == Some(name)).then(|| self.get(0)).flatten(),
        }
    }
}

/// Calls `each` with the groups of every match of `regex` in `text`, the matches
/// `captures_iter` gives, but with one buffer of group positions for all of them:
/// `captures_iter` allocates a `Captures` per match.
pub fn for_each_captures<'t>(
    regex: &'t Regex,
    locations: &mut CaptureLocations,
    text: &'t str,
    mut each: impl FnMut(&Groups<'_>),
) {
    let mut at = 0;
    let mut last_end = None;
    while at <= text.len() {
        let Some(found) = regex.captures_read_at(locations, text, at) else { break };
        let (start, end) = (found.start(), found.end());
        if start == end && last_end == Some(end) {
            // An empty match where the last match ended is skipped, as the regex
            // crate's iterators skip it; the search goes on from the next character.
            at = end + text[end..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        each(&Groups::Located { regex, text, locations });
        last_end = Some(end);
        at = end;
    }
}

/// Whether `regex` is one group around all of itself, as `(?P<head>集团|公司)` is, and
/// the group's name: then a match is all the groups need.
pub fn whole_match_group(regex: &Regex) -> Option<Option<String>> {
    if regex.captures_len() != 2 {
        return None;
    }
    let hir = regex_syntax::parse(regex.as_str()).ok()?;
    match hir.kind() {
        HirKind::Capture(capture) => Some(capture.name.as_deref().map(str::to_owned)),
        _ => None,
    }
}

/// An id template: text with `{name}` (a named capture) or `{0}`, `{1}` … (numbered
/// captures; `{0}` is the whole match) in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Named(String),
    Numbered(usize),
}

impl Template {
    /// The whole match.
    pub fn whole() -> Template {
        Template { parts: vec![Part::Numbered(0)] }
    }

    /// Parses `text`, checking that every capture it names exists in `regex`.
    pub fn parse(text: &str, regex: &Regex) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_owned()));
            }
            let close = rest[open..].find('}').ok_or("a `{` in the id is not closed by `}`")? + open;
            let name = &rest[open + 1..close];
            match name.parse::<usize>() {
                Ok(n) if n < regex.captures_len() => parts.push(Part::Numbered(n)),
                Ok(n) => {
                    return Err(format!(
                        "the id uses capture {{{n}}}, but the regex has only {}",
                        regex.captures_len() - 1
                    ));
                }
                Err(_) if regex.capture_names().any(|c| c == Some(name)) => parts.push(Part::Named(name.to_owned())),
                Err(_) => return Err(format!("the id uses capture {{{name}}}, which the regex does not define")),
            }
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_owned()));
        }
        if parts.is_empty() {
            return Err("the id template is empty".to_owned());
        }
        Ok(Template { parts })
    }

    /// Builds the id of a match; `whole` is the (trimmed) match text, standing in for
    /// `{0}`.
    pub fn render(&self, captures: &Groups<'_>, whole: &str) -> String {
        let mut id = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => id.push_str(text),
                Part::Numbered(0) => id.push_str(whole),
                Part::Numbered(n) => id.push_str(captures.get(*n).map_or("", |m| m.as_str())),
                Part::Named(name) => id.push_str(captures.name(name).map_or("", |m| m.as_str())),
            }
        }
        // Trimmed in place: an id is built for every match.
        id.truncate(id.trim_end().len());
        let leading = id.len() - id.trim_start().len();
        id.drain(..leading);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_around_the_whole_regex_is_the_whole_match() {
        let whole = |source: &str| whole_match_group(&compile_regex(source).unwrap());
        assert_eq!(whole(r"(?P<head>集团公司|集团|公司)"), Some(Some("head".to_owned())));
        assert_eq!(whole(r"(党委|党组)"), Some(None));
        assert_eq!(whole(r"(?P<head>银行)(?:\p{Han}{2,8}?分行)?"), None);
        assert_eq!(whole(r"集团|公司"), None, "no group to stand for");
        assert_eq!(whole(r"(?P<head>(?P<x>中建)局)"), None, "a group inside");
        let regex = compile_regex(r"(?P<head>集团|公司)").unwrap();
        let text = "某某集团";
        let groups = Groups::Whole { group: Some("head"), text, found: regex.find(text).unwrap().range() };
        let mut locations = regex.capture_locations();
        regex.captures_read(&mut locations, text).unwrap();
        let captures = Groups::Located { regex: &regex, text, locations: &locations };
        for name in ["head", "mention"] {
            assert_eq!(groups.name(name), captures.name(name), "{name}");
        }
        for index in 0..3 {
            assert_eq!(groups.get(index), captures.get(index), "{index}");
        }
    }

    #[test]
    fn templates_build_ids_from_captures() {
        let regex = compile_regex(r"党建\+(?P<x>\p{Han}{2,6})").unwrap();
        let template = Template::parse("党建+{x}", &regex).unwrap();
        let (text, mut locations) = ("推行党建+客户服务模式", regex.capture_locations());
        regex.captures_read(&mut locations, text).unwrap();
        let captures = Groups::Located { regex: &regex, text, locations: &locations };
        assert_eq!(template.render(&captures, "党建+客户服务模式"), "党建+客户服务模式");
        assert!(Template::parse("党建+{y}", &regex).unwrap_err().contains("{y}"));
        assert!(Template::parse("{2}", &regex).unwrap_err().contains("only 1"));
        assert!(Template::parse("{x", &regex).is_err());
    }

    #[test]
    fn bad_regexes_are_explained() {
        assert!(compile_regex("(unclosed").unwrap_err().contains("unclosed"));
        assert!(compile_regex(r"\p{Han}{0,3}").unwrap_err().contains("empty"));
        assert!(compile_regex(r"(\p{Han}{1,1000}){1,1000}").unwrap_err().contains("too large"));
    }

    #[test]
    fn captures_in_one_buffer_are_those_captures_iter_finds() {
        let cases = [
            (r"(?P<name>\p{Han}{2,4})(?P<head>公司|集团)", "某某公司和某某集团，还有中国石化集团公司。"),
            // Empty matches, after and between others, and at the end.
            (r"(?P<a>a)?", "baaéb"),
            (r"\b", "党建 ab cd"),
            (r"(x*)(?P<y>y?)", "xxyéyx"),
            (r"(?m)^(?P<line>.*)$", "一行\n\n二行\n"),
        ];
        for (source, text) in cases {
            let regex = Regex::new(source).unwrap();
            let expected: Vec<Vec<Option<(usize, usize)>>> = regex
                .captures_iter(text)
                .map(|c| (0..regex.captures_len()).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect())
                .collect();
            let mut found: Vec<Vec<Option<(usize, usize)>>> = Vec::new();
            for_each_captures(&regex, &mut regex.capture_locations(), text, |groups| {
                found.push((0..regex.captures_len()).map(|i| groups.get(i).map(|g| (g.start(), g.end()))).collect());
            });
            assert_eq!(found, expected, "{source} in {text}");
            for name in regex.capture_names().flatten() {
                let mut named = Vec::new();
                for_each_captures(&regex, &mut regex.capture_locations(), text, |groups| {
                    named.push(groups.name(name).map(|g| g.as_str().to_owned()));
                });
                let expected: Vec<_> =
                    regex.captures_iter(text).map(|c| c.name(name).map(|m| m.as_str().to_owned())).collect();
                assert_eq!(named, expected, "{source}: {name}");
            }
        }
    }
}
