//! Word segmentation, for the rules that ask for it.
//!
//! jieba's dictionary takes a moment to load and segmentation costs far more than
//! literal matching, so it is loaded once per scan (on a thread of its own while a scan
//! starts, [`preload`], or else on first use) and used only for the matches of rules
//! that set `word_boundary` or `trim_tags` — never for the whole text. The words of the
//! texts looked at most (before and after each head) are kept per thread
//! (`memoised`): such texts recur.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};
use std::thread::LocalKey;

use jieba_rs::Jieba;
use rustc_hash::FxHashMap;

use crate::layout::chars;
use crate::rules::NameWords;

/// jieba's dictionary, loaded on first use, for as long as a handle to it is kept.
///
/// Every handle made while another is alive shares its dictionary, so a scan's matcher
/// and the thread that preloads for it load it once. When the last handle goes, at the
/// end of a scan, so does the dictionary: about 34 MB that the stages after the scan
/// never use, and at 500 MB of text a fifth of the peak.
#[derive(Clone, Debug)]
pub struct Words {
    dictionary: Arc<OnceLock<Jieba>>,
}

/// Loads jieba's dictionary now, so that the first rule asking for words does not wait.
/// It is kept while a handle made before the load finished is.
pub fn preload() {
    Words::shared().jieba();
}

/// A word jieba found: its byte range in the text it was given, and its tag.
#[derive(Clone, Copy, Debug)]
struct Tagged {
    start: usize,
    end: usize,
    tag: &'static str,
}

/// Texts each thread keeps jieba's words of; past that it starts afresh.
const MEMO_TEXTS: usize = 1 << 15;

/// The results of one jieba call per text, kept per thread.
type Memo<T> = RefCell<FxHashMap<Box<str>, Rc<[T]>>>;

/// `compute(text)`, kept in `memo`. The words before a head and the characters after
/// it recur (`各级党委`, a group named again; in the dev corpus a quarter of the calls
/// repeat one made before), and jieba's calls are most of what a head costs. A result
/// kept is the one `compute` gives again, so nothing depends on what was kept.
fn memoised<T>(memo: &'static LocalKey<Memo<T>>, text: &str, compute: impl FnOnce() -> Vec<T>) -> Rc<[T]> {
    memo.with(|memo| {
        if let Some(found) = memo.borrow().get(text) {
            return Rc::clone(found);
        }
        let computed: Rc<[T]> = compute().into();
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_TEXTS {
            memo.clear();
        }
        memo.insert(text.into(), Rc::clone(&computed));
        computed
    })
}

/// `tag` for as long as the program runs, so that kept tags can outlive the call that
/// made them. jieba's tags are a few dozen short names (`n`, `ns`, `vn` …), each kept
/// once for the whole program (asked for only when a text is tagged the first time).
fn interned(tag: &str) -> &'static str {
    static TAGS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut tags = TAGS.lock().unwrap_or_else(PoisonError::into_inner);
    match tags.iter().find(|kept| **kept == tag) {
        Some(kept) => kept,
        None => {
            let kept: &'static str = Box::leak(tag.into());
            tags.push(kept);
            kept
        }
    }
}

/// The clause of `text` around `range`: from the punctuation before it to the
/// punctuation after it. Segmenting the clause, not the whole text, keeps the cost
/// proportional to the matches checked.
fn clause(text: &str, range: &Range<usize>) -> Range<usize> {
    let is_break = |c: char| chars::is_cjk_punct(c) && !matches!(c, '·' | '—') || c.is_ascii_punctuation() && c != '+';
    let start =
        text[..range.start].char_indices().rev().find(|&(_, c)| is_break(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[range.end..].char_indices().find(|&(_, c)| is_break(c)).map_or(text.len(), |(i, _)| range.end + i);
    start.min(range.start)..end.max(range.end)
}

/// How the left edge of a name was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameEdge {
    /// Byte offset where the name starts.
    pub start: usize,
    /// The words of the name part, left to right, each with its tag (`（苏州）` as one).
    pub words: Vec<(String, String)>,
    /// The word before the name that ended it, with its tag; `None` at a punctuation mark
    /// or the start of the text.
    pub stopped_at: Option<(String, String)>,
    /// Whether a word of the name part has a proper tag.
    pub proper: bool,
}

impl NameEdge {
    /// `中国/ns 宝武/x 钢铁/n, stopped at 加入/v`.
    pub fn describe(&self) -> String {
        let words: Vec<String> = self.words.iter().map(|(w, t)| format!("{w}/{t}")).collect();
        let stop = match &self.stopped_at {
            Some((w, t)) => format!("stopped at `{w}`/{t}"),
            None => "stopped at punctuation or the start".to_owned(),
        };
        format!("name part [{}], {stop}", words.join(" "))
    }
}

/// A tag matches a list entry by prefix (`n` covers `ns`, `nz` …) unless the entry is
/// written with a trailing `$`, which asks for the tag exactly (`n$`).
fn tag_in<S: AsRef<str>>(tag: &str, tags: &[S]) -> bool {
    tags.iter().map(AsRef::as_ref).any(|t| match t.strip_suffix('$') {
        Some(exact) => tag == exact,
        None => tag.starts_with(t),
    })
}

/// Neighbourhood units that a numeral numbers rather than counts: `一街`, `二组`, `三村`.
const NUMBERED_PLACES: &str = "街村巷组社屯";

/// Tags of words that never stand inside a name: prepositions, pronouns, conjunctions,
/// particles, modal words, interjections, onomatopoeia, punctuation, classifiers,
/// localisers and time words. Interjections are `e` alone: a prefix `e` would take in
/// `eng`, the tag of Latin letters (`MPE3`).
const FUNCTION_TAGS: [&str; 11] = ["p", "r", "c", "u", "y", "e$", "o", "w", "q", "f", "t"];

/// Modal verbs, which jieba tags as verbs like any other: one opens a predicate (`需经`
/// of `…事项需经党总支前置审议`), never a name, where a verb of one character may
/// (`建华`).
const MODAL_VERBS: [&str; 5] = ["需", "须", "应", "拟", "要"];

/// Complements that say what a one-character verb makes of its object or where it takes
/// it: `建强`, `做实`, `配强`, `抓牢`, `聚到`. A word the dictionary lacks made of a verb
/// and one of these is the clause's predicate (`建强党支部` builds a branch strong), where
/// a verb and another character may be a name (`飘安集团`, `建华`).
const RESULT_COMPLEMENTS: &str = "强实优好牢细严紧密深透足准精到";

/// The endings of towns', townships' and villages' names, which jieba cuts short where
/// the name is rare: `大致/坡镇`, `湍/口镇`, `迎/丰村`.
const GRASS_ROOTS: [char; 3] = ['镇', '乡', '村'];

/// Whether `word` is one character and a grass-roots ending (`坡镇`, `丰村`): the end of
/// a place's name that jieba cut short.
fn place_fragment(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(_), Some(end), None) if GRASS_ROOTS.contains(&end))
}

/// Verbs of one character that take a place as their object (`到坡镇`, `赴坡村`): never
/// the start of a place's name jieba cut short.
const PLACE_VERBS: &str = "到去来赴回进入出返抵至往离住驻在";

/// Words jieba's dictionary tags as nouns or abbreviations that, before a name, are
/// verbs: `代表中央纪委`, `时任某某街道党工委`, `深化某某改革`, `联系某某公司`.
const VERBS_TAGGED_OTHERWISE: [&str; 8] = ["代表", "深化", "时任", "联系", "委托", "投身", "建立健全", "援引"];

/// The suffixes of administrative areas that heads of Party bodies start with: 市委, 县委.
const ADMINISTRATIVE: [char; 6] = ['省', '市', '县', '区', '州', '旗'];

/// Bodies whose name goes on past an adjective or adverb, like a proper name's: a
/// university's affiliated hospital is `星海医科大学/附属/第二医院`.
const BODIES_NAMED_ON: [&str; 2] = ["大学", "学院"];

/// How often a place name must occur in jieba's dictionary to be taken for a place
/// rather than a short name it happens to tag as one: `中国` (129,470), `德国` (9,604),
/// `四川省` (788) are places; `中远` (58), `盘江` (4) name companies.
const COMMON_PLACE_FREQUENCY: usize = 300;

/// How often a noun may occur in jieba's dictionary and still be the name of a place
/// before a word of its class: `天平` (164), `桃源` (353), `火神` (66) name a
/// street, a community, a hill; `基层` (1,998), `城乡` (2,316), `农村` (11,478) say
/// which kind.
const RARE_NOUN_FREQUENCY: usize = 1000;

/// Common nouns jieba's dictionary tags as place names (`ns`): they may stand in a name
/// but do not make one (`城市基层党支部` is any urban Party branch).
const COMMON_NOUNS_TAGGED_PLACES: [&str; 8] = ["城市", "外国", "东西", "平原", "海洋", "英雄", "爱国", "太阳"];

/// Characters that end a numeral of quantity: `一家`, `两个`, `多所`.
const CLASSIFIERS: &str = "家个所些批座类种位名户级多年月日届次期大份支条张项";

/// Whether `c` may stand inside a name without ending its window: letters, digits and
/// Han characters, `·`.
fn in_window(c: char) -> bool {
    chars::is_alphanumeric(c) || c == '·'
}

impl Words {
    /// A handle to the dictionary in use, or to a new one when none is.
    pub fn shared() -> Words {
        static CURRENT: Mutex<Weak<OnceLock<Jieba>>> = Mutex::new(Weak::new());
        let mut current = CURRENT.lock().unwrap_or_else(PoisonError::into_inner);
        let dictionary = current.upgrade().unwrap_or_else(|| {
            let fresh = Arc::new(OnceLock::new());
            *current = Arc::downgrade(&fresh);
            fresh
        });
        Words { dictionary }
    }

    fn jieba(&self) -> &Jieba {
        self.dictionary.get_or_init(Jieba::new)
    }

    /// jieba's words and tags of `text`, with its HMM for unknown words.
    fn tagged(&self, text: &str) -> Rc<[Tagged]> {
        thread_local! {
            static TAGGED: Memo<Tagged> = RefCell::default();
        }
        memoised(&TAGGED, text, || {
            let tags = self.jieba().tag(text, true);
            tags.iter().map(|t| Tagged { start: t.byte_start, end: t.byte_end, tag: interned(t.tag) }).collect()
        })
    }

    /// jieba's words of `text` (its default mode, HMM on), as byte ranges.
    fn tokenized(&self, text: &str) -> Rc<[Range<usize>]> {
        thread_local! {
            static TOKENIZED: Memo<Range<usize>> = RefCell::default();
        }
        memoised(&TOKENIZED, text, || {
            let words = self.jieba().tokenize(text, jieba_rs::TokenizeMode::Default, true);
            words.iter().map(|w| w.byte_start..w.byte_end).collect()
        })
    }

    /// Where the words of the clause around `range` begin and end, as byte offsets into
    /// `text`.
    pub fn boundaries(&self, text: &str, range: &Range<usize>) -> Vec<usize> {
        let clause = clause(text, range);
        let mut edges = vec![clause.start];
        for token in self.jieba().cut(&text[clause.clone()], true) {
            edges.push(clause.start + token.byte_end);
        }
        edges
    }

    /// Whether `range` starts and ends on word boundaries of the text around it; `Err`
    /// names the words it cuts into.
    pub fn check_boundaries(&self, text: &str, range: &Range<usize>) -> Result<(), String> {
        let edges = self.boundaries(text, range);
        let cut = [range.start, range.end].into_iter().find(|at| edges.binary_search(at).is_err());
        match cut {
            None => Ok(()),
            Some(at) => {
                let word = self.words_around(text, range, at);
                Err(format!("it cuts the word `{word}`"))
            }
        }
    }

    fn words_around(&self, text: &str, range: &Range<usize>, at: usize) -> String {
        let clause = clause(text, range);
        for token in self.jieba().cut(&text[clause.clone()], true) {
            let (start, end) = (clause.start + token.byte_start, clause.start + token.byte_end);
            if start < at && at < end {
                return token.word.to_owned();
            }
        }
        String::new()
    }

    /// How many leading bytes of `text` are words tagged with one of `tags`. A tag matches
    /// by prefix: `u` stands for every particle (`uj`, `ul` …), `v` for `vn` too.
    pub fn leading_tagged(&self, text: &str, tags: &[String]) -> usize {
        let mut cut = 0;
        for tag in self.jieba().tag(text, true) {
            if tags.iter().any(|t| tag.tag.starts_with(t.as_str())) {
                cut = tag.byte_end;
            } else {
                break;
            }
        }
        cut
    }

    /// Whether `head` ends a word of the text after it: `党组` does not end a word in
    /// `党组织`.
    pub fn ends_word(&self, text: &str, head: Range<usize>) -> bool {
        let after: usize = text[head.end..].chars().take(4).take_while(|&c| in_window(c)).map(char::len_utf8).sum();
        if after == 0 {
            return true;
        }
        let window = &text[head.start..head.end + after];
        let cut = head.end - head.start;
        // A word running on past the head ends it still when its rest is a word of its own
        // (`党委书记` = `党委` + `书记`), not a character that completes another (`党组织`).
        self.tokenized(window).iter().all(|w| {
            !(w.start < cut && cut < w.end) || {
                let rest = &window[cut..w.end];
                rest.chars().count() >= 2 && self.jieba().has_word(rest)
            }
        })
    }

    /// The noun (verbal nouns included) that starts the text at `at`, if one does.
    pub fn noun_after(&self, text: &str, at: usize) -> Option<String> {
        let window: usize = text[at..].chars().take(6).take_while(|&c| in_window(c)).map(char::len_utf8).sum();
        let window = &text[at..at + window];
        let first = *self.tagged(window).first()?;
        (tag_in(first.tag, &["n", "vn$"]) && !tag_in(first.tag, &["nr", "ns"]))
            .then(|| window[first.start..first.end].to_owned())
    }

    /// Whether a word jieba does not know (its tag is a guess) looks like part of a name
    /// rather than words glued together: cut by the dictionary alone, it does not start
    /// with a verb, adverb or function word of two characters or more (`建立/健全`), nor
    /// start or end with a one-character function word or the copula (`先/由`, `王/佩/是`),
    /// nor is a verb with its result (`建/强`, see [`RESULT_COMPLEMENTS`]).
    fn unknown_is_name(&self, word: &str) -> bool {
        let pieces = self.jieba().tag(word, false);
        let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else { return false };
        let function = |t: &str| tag_in(t, &FUNCTION_TAGS) || t.starts_with('d');
        // A numeral before a unit of a neighbourhood numbers it (`一街`, `二组`), where
        // before anything else it counts (`一家`).
        let numbered = matches!(word.chars().collect::<Vec<_>>()[..], [_, unit] if NUMBERED_PLACES.contains(unit));
        let resultative = pieces.len() == 2
            && first.tag == "v"
            && first.word.chars().count() == 1
            && last.word.chars().count() == 1
            && RESULT_COMPLEMENTS.contains(last.word);
        let first_ok = if first.word.chars().count() >= 2 {
            !function(first.tag) && !first.tag.starts_with('v')
        } else if resultative {
            false
        } else {
            !function(first.tag) && (!tag_in(first.tag, &["m"]) || numbered) && !MODAL_VERBS.contains(&first.word)
        };
        first_ok && !function(last.tag) && last.word != "是"
    }

    /// Whether a word the dictionary tags as a plain noun is a verb phrase: one of three
    /// characters or more that ends in a verb of two (`高票/当选`, `被/选为`) or starts
    /// with a passive or object marker (`被`, `把`, `将`). Before a proper name such an
    /// entry (`高票当选`/n) is the predicate, not part of the name; before a head it may
    /// be a noun still (`社会保障/n 厅`).
    fn verb_phrase_tagged_noun(&self, word: &str, tag: &str) -> bool {
        if tag != "n" || word.chars().count() < 3 {
            return false;
        }
        let Some((last_two, _)) = word.char_indices().rev().nth(1) else { return false };
        let tail = &word[last_two..];
        let verb_tail =
            self.jieba().has_word(tail) && self.jieba().tag(tail, false).first().is_some_and(|t| t.tag == "v");
        verb_tail || word.starts_with(['被', '把', '将'])
    }

    /// Whether a word of jieba's that runs into the head (`part` before it, `into` the part
    /// of the head it holds) still leaves the head a head: the name of a body ending in a
    /// head of one character (`工信/局`, `管理/厅`) or of a place ending in an
    /// administrative suffix (`琅琊区/委`). Not when the part is one character or its last
    /// character makes a word with the head's start: `布/局`, `新格/局` (`格局`).
    fn names_with_head(&self, part: &str, into: &str, head: &str) -> bool {
        let Some((last_start, _)) = part.char_indices().last() else { return false };
        let Some(first) = head.chars().next() else { return false };
        let place = into.chars().count() == 1 && ADMINISTRATIVE.contains(&first);
        let body = into == head && head.chars().count() == 1;
        let across = format!("{}{first}", &part[last_start..]);
        part.chars().count() >= 2 && (place || body) && !self.jieba().has_word(&across)
    }

    /// Whether a word of jieba's that runs into a head of several characters is two words
    /// of the dictionary, each of two characters or more, the second the head's start:
    /// `科技股份` of `科技/股份有限公司`. The head begins where the second word does.
    fn two_words(&self, part: &str, into: &str) -> bool {
        part.chars().count() >= 2
            && into.chars().count() >= 2
            && self.jieba().has_word(part)
            && self.jieba().has_word(into)
    }

    /// The place `name` opens with (`宁夏`/ns of `宁夏宝澜能源`, `中国` of `中国星茂`), as a
    /// byte length: 0 when it opens with no place, its whole length when it is one.
    /// The length in bytes of the first word of `text`.
    pub fn first_word(&self, text: &str) -> usize {
        self.tagged(text).first().map_or(0, |first| first.end)
    }

    pub fn leading_place(&self, name: &str) -> usize {
        match self.tagged(name).first() {
            Some(first) if first.tag.starts_with("ns") => first.end,
            _ => 0,
        }
    }

    /// Whether `name` holds a word that names something rather than describes it: an
    /// organisation's or other proper name (`nt`, `nz`), an abbreviation, Latin letters
    /// or a word the dictionary does not know. `宝澜能源` (`宝澜`, unknown) and `星茂` do;
    /// `产业投资` (`产业`/n `投资`/vn), `轨道交通`/n and `移动`/vn do not, nor do words the
    /// dictionary has as a person's or a place's name (`巨石`/nr, `兴城`/ns), which are as
    /// often common words or another name's start.
    pub fn holds_a_name(&self, name: &str) -> bool {
        self.tagged(name)
            .iter()
            .any(|t| tag_in(t.tag, &["nt", "nz", "j", "x", "eng"]) || !self.jieba().has_word(&name[t.start..t.end]))
    }

    /// Whether `word` is a place name of the dictionary common enough to be a place: a name
    /// part that is one alone (`中国公司`) names no company.
    pub fn common_place(&self, word: &str) -> bool {
        self.jieba().has_word(word) && self.jieba().suggest_freq(word) >= COMMON_PLACE_FREQUENCY
    }

    /// Whether a name part holds a place named by a rare noun and a word of its class
    /// (`天平/n 街道/n`, `桃源/n 社区/n`): a place's name, though both words are common.
    /// Levels listed together (`市县/n 乡`) name none.
    pub fn names_a_place(&self, words: &[(String, String)], classes: &[String]) -> bool {
        let level = |c: char| ADMINISTRATIVE.contains(&c) || classes.iter().any(|class| class.starts_with(c));
        words.windows(2).any(|pair| {
            let [(name, tag), (class, _)] = pair else { return false };
            classes.contains(class)
                && !name.chars().all(level)
                && tag.starts_with('n')
                && name.chars().count() >= 2
                && self.jieba().suggest_freq(name) < RARE_NOUN_FREQUENCY
        })
    }

    /// Whether `word` is a word of the dictionary too frequent to name one thing: `常委会`
    /// (7,079) is every congress's and party committee's, `国资委` (151) mostly one.
    pub fn is_frequent_word(&self, word: &str) -> bool {
        self.jieba().has_word(word) && self.jieba().suggest_freq(word) >= RARE_NOUN_FREQUENCY
    }

    /// Whether a name part and the administrative suffix that opens its head make a
    /// place the dictionary knows: `三水` is a common word (`三水/n`), but `三水区/ns` is
    /// a district, so `三水区委` is its committee.
    pub fn known_place_before(&self, name: &str, head: &str) -> bool {
        let Some(suffix) = head.chars().next().filter(|c| ADMINISTRATIVE.contains(c)) else { return false };
        let place = format!("{name}{suffix}");
        name.chars().count() >= 2
            && self.jieba().has_word(&place)
            && matches!(self.jieba().tag(&place, false).as_slice(), [only] if only.tag == "ns")
    }

    /// Whether a fixed phrase of the dictionary is two nouns (`生态/n 环境/n`, `城乡/n
    /// 建设/vn`): split where both halves are words of the dictionary, each half's tag is
    /// nominal, verbal nouns included.
    fn phrase_of_nouns(&self, phrase: &str) -> bool {
        let nominal = |part: &str| {
            self.jieba().has_word(part)
                && self.jieba().tag(part, false).iter().all(|p| tag_in(p.tag, &["n", "vn$", "b", "j", "m"]))
        };
        phrase.char_indices().skip(1).any(|(at, _)| nominal(&phrase[..at]) && nominal(&phrase[at..]))
    }

    /// The left edge of the name that ends at `head` (the suffix a pattern found, such as
    /// `有限公司`): the longest run of words before it that may be part of a name. Walks
    /// left from `head` word by word (jieba's segmentation and tags of the text before it,
    /// up to punctuation). A word continues the name when its tag is in `name_tags`, when
    /// jieba's dictionary lacks it (`山能`), when it is an adverb or adjective of two
    /// characters or more right after a proper name (`山东/ns 高速/d`), or when it is a verb
    /// right before the head after a noun (`阳光/n 拍卖/v 有限公司`). Any other word — a
    /// verb, a preposition, a pronoun, a numeral of quantity, one of `stop_words` — ends
    /// it. A bracketed part such as `（苏州）` or `（集团）` is kept when a name goes on
    /// before it.
    pub fn name_left_edge(&self, text: &str, head: Range<usize>, words: &NameWords) -> NameEdge {
        let head_end = head.end;
        let head = head.start;
        let mut edge = NameEdge { start: head, words: Vec::new(), stopped_at: None, proper: false };
        let mut chars_taken = 0;
        // Whether words were taken off the name again, so that whether it is proper is
        // decided anew.
        let mut dropped = false;
        'outer: loop {
            let before = &text[..edge.start];
            // A bracketed part, kept only if a name goes on to its left.
            if let Some(inner_end) = before.strip_suffix('）').or_else(|| before.strip_suffix(')')) {
                let Some((open, open_char)) =
                    inner_end.char_indices().rev().take(9).find(|&(_, c)| c == '（' || c == '(')
                else {
                    break;
                };
                let inner = &inner_end[open + open_char.len_utf8()..];
                if inner.is_empty() || !inner.chars().all(in_window) {
                    break;
                }
                let again = self.name_left_edge(text, open..open, words);
                if again.words.is_empty() {
                    edge.stopped_at = again.stopped_at;
                    break;
                }
                let mut all = again.words;
                all.push((before[open..].to_owned(), "()".to_owned()));
                all.append(&mut edge.words);
                edge = NameEdge {
                    start: again.start,
                    words: all,
                    stopped_at: again.stopped_at,
                    proper: edge.proper || again.proper,
                };
                break;
            }
            let window_start = before
                .char_indices()
                .rev()
                .take_while(|&(_, c)| in_window(c))
                .take(words.max_chars.saturating_sub(chars_taken))
                .last()
                .map_or(edge.start, |(i, _)| i);
            if window_start == edge.start {
                break;
            }
            // The first window reaches to the end of the head, so that a word of jieba's that
            // holds the head's start is seen whole: its part before the head is a word of the
            // name, with that word's tag (`中国移动公司`/nt, `子公司`/n).
            let end = if edge.start == head { head_end.max(head) } else { edge.start };
            let window = &text[window_start..end];
            let all_tags = self.tagged(window);
            let cut = edge.start - window_start;
            // (word, tag, whether the word is whole rather than the part of one before the head)
            // The part of a word that holds the head is tagged again on its own (`中国移动`/nt
            // of `中国移动公司`, `上市`/v of `上市公司`).
            let mut tags: Vec<(&str, &str, bool)> = Vec::new();
            for t in all_tags.iter().filter(|t| t.start < cut) {
                let word = &window[t.start..t.end];
                if t.end <= cut {
                    tags.push((word, t.tag, true));
                } else if (t.end < window.len() || text[head..head_end].chars().count() == 1)
                    && !tag_in(t.tag, &words.proper_tags)
                    && !self.names_with_head(&window[t.start..cut], &window[cut..t.end], &text[head..head_end])
                    && !self.two_words(&window[t.start..cut], &window[cut..t.end])
                {
                    // A common word that cuts the head, or holds a head of one character, is
                    // no name: `布局` is not `布` + `局`. A place name may (`瑶海区`/ns + `区委`).
                    // The head is no word here: `中国共产党/支部` is not `中国共产` + `党支部`.
                    edge.stopped_at = Some((word.to_owned(), format!("{}, which cuts the head", t.tag)));
                    break 'outer;
                } else {
                    let part = &window[t.start..cut];
                    tags.extend(self.tagged(part).iter().map(|p| (&part[p.start..p.end], p.tag, false)));
                }
            }
            // Verbs the dictionary tags otherwise (`代表/n`, `深化/j`) are verbs here, and
            // common nouns it tags as places (`城市/ns`) are common nouns.
            for entry in &mut tags {
                if VERBS_TAGGED_OTHERWISE.contains(&entry.0) {
                    entry.1 = "v";
                } else if COMMON_NOUNS_TAGGED_PLACES.contains(&entry.0) {
                    entry.1 = "n";
                }
            }
            // Before an administrative suffix (`市委`, `县政府`) stands the place's name,
            // whatever jieba makes of it: `海口`/s, `清远`/a.
            let administrative = text[head..head_end].starts_with(ADMINISTRATIVE);
            if let Some(last) = tags.last_mut().filter(|_| administrative && edge.start == head)
                && last.2
                && last.0.chars().count() >= 2
                && (last.1 == "s" || last.1 == "a")
            {
                last.1 = "ns";
            }
            let mut at = cut;
            for (index, &(word, tag, whole)) in tags.iter().enumerate().rev() {
                at -= word.len();
                // A grass-roots ending after one character (`坡镇`, `口镇`, `丰村`) is the end
                // of a place's name that jieba cut short, `大致/坡镇`, `湍/口镇`, `迎/丰村`: the word
                // before it is the rest of that name whatever its tag, unless a function word,
                // a verb of two characters or one that takes a place (`到/坡镇`, see
                // [`PLACE_VERBS`]).
                let completes_place = whole
                    && edge.words.first().is_some_and(|(next, _)| place_fragment(next))
                    && word.chars().count() <= 2
                    && word.chars().all(crate::layout::chars::is_han)
                    && !(tag.starts_with('v') && (word.chars().count() > 1 || PLACE_VERBS.contains(word)))
                    && !tag_in(tag, &FUNCTION_TAGS)
                    && !tag_in(tag, &["m"]);
                // A verb of the dictionary right before a proper name starts a new clause
                // part, not the name: `武汉/ns 设计/vn 火神山` is Wuhan designing the hospital.
                // Before the head or a common word it names a line of business (`建设/vn 银行`).
                // So is a verb phrase the dictionary has as a noun (`高票当选`/n 龙洞/nr).
                let verb_before_name = (tag.starts_with('v') || self.verb_phrase_tagged_noun(word, tag))
                    && self.jieba().has_word(word)
                    && edge.words.first().is_some_and(|(next, next_tag)| {
                        tag_in(next_tag, &["ns", "nr", "nt", "nz"])
                            || next.chars().count() >= 2 && !self.jieba().has_word(next) && self.unknown_is_name(next)
                    });
                if verb_before_name && !completes_place {
                    edge.stopped_at = Some((word.to_owned(), tag.to_owned()));
                    break 'outer;
                }
                // A word jieba's dictionary lacks is most likely a name (`山能`, `能化`), its
                // tag a guess (often `nr`), unless it is words glued together (`建立健全`).
                let guessed = whole && word.chars().count() >= 2 && !self.jieba().has_word(word);
                let unknown = guessed && self.unknown_is_name(word);
                // A run of digits (a telephone number, a year) is no part of a name.
                let digits = word.bytes().all(|b| b.is_ascii_digit());
                let counted = tag.starts_with('m') && word.ends_with(|c| CLASSIFIERS.contains(c));
                // A fixed phrase (`l`) is part of a name when it is nouns (`生态/n 环境/n`), not
                // when it holds a verb or adverb (`高度/d 重视/v`, `对外/d 开放/v`).
                let common_word =
                    !guessed && tag_in(tag, &words.name_tags) && !counted && (tag != "l" || self.phrase_of_nouns(word));
                let is_name = !digits && (unknown || common_word);
                // A word of another class right after a proper name, as in `山东/ns 高速/d`,
                // or after a body named on (`医科/大学/附属/第二医院`), unless it is a function
                // word or an abbreviation or numeral precedes it.
                let bridged = index > 0
                    && (tag_in(tags[index - 1].1, &words.proper_tags)
                        || BODIES_NAMED_ON.iter().any(|b| tags[index - 1].0.ends_with(b)))
                    && !tag_in(tags[index - 1].1, &["j", "m"])
                    && tag_in(tag, &["a", "b", "d"])
                    && word.chars().count() >= 2;
                // A verb right before the head, after a noun, names a line of business:
                // `阳光/n 拍卖/v 有限公司`, `黄金/n 控股/v 集团`; not after a numeral (`一/m 搬家/v 公司`),
                // but after an ordinal, which picks one body of a series: `第六/m 巡回/v 督导组`.
                // A body's line of work, the same after a place name: `包头市/ns 审计/v 局`,
                // and so is a fixed phrase there (`霍城县/ns 自然资源/l 局`).
                let ordinal = |(before, tag): (&str, &str)| tag.starts_with('m') && before.starts_with('第');
                let after_place = index > 0 && tags[index - 1].1 == "ns";
                let business = (tag.starts_with('v') || tag == "l" && words.verb_after_place && after_place)
                    && edge.words.is_empty()
                    && edge.start == head
                    && index > 0
                    && word.chars().count() >= 2
                    && (words.verb_before_head
                        && tag_in(tags[index - 1].1, &words.name_tags)
                        && !tag_in(tags[index - 1].1, &["m"])
                        || ordinal((tags[index - 1].0, tags[index - 1].1))
                        || words.verb_after_place && tags[index - 1].1 == "ns");
                // A stop word may be several of jieba's words (`纪检监察/组`): the name part
                // from this word on must not start with one.
                let rest = &text[window_start + at..head];
                let stop = words.stop_words.iter().find(|w| *w == word || rest.starts_with(w.as_str()));
                if let Some(stop) = stop {
                    // The words taken that belong to the stop word (`组` of `纪检监察组`) go too.
                    while edge.start < window_start + at + stop.len() && !edge.words.is_empty() {
                        let (taken, _) = edge.words.remove(0);
                        edge.start += taken.len();
                        dropped = true;
                    }
                }
                if !(is_name || bridged || business || completes_place) || stop.is_some() {
                    edge.stopped_at = Some((word.to_owned(), tag.to_owned()));
                    break 'outer;
                }
                edge.start = window_start + at;
                edge.proper |= unknown || !guessed && tag_in(tag, &words.proper_tags);
                edge.words.insert(0, (word.to_owned(), tag.to_owned()));
                chars_taken += word.chars().count();
            }
            if window_start > 0 && !text[..window_start].ends_with(['）', ')']) {
                break;
            }
        }
        // A name does not start with a verb of the dictionary, verbal nouns included: jieba
        // tags many verbs `vn` (`建设/vn 光伏 电厂`, `管理/vn`), and one at the left edge is
        // the clause's predicate, not part of the name. A word the dictionary lacks has a
        // guessed tag (`飘安/v 集团`) and stays.
        let mut trimmed = dropped;
        let opens_a_place = |taken: &[(String, String)]| match taken {
            [(first, _), (next, _), ..] => first.chars().count() == 1 && place_fragment(next),
            _ => false,
        };
        while edge.words.first().is_some_and(|(word, tag)| tag.starts_with('v') && self.jieba().has_word(word))
            && !opens_a_place(&edge.words)
        {
            let (word, tag) = edge.words.remove(0);
            edge.start += word.len();
            edge.stopped_at = Some((word, tag));
            trimmed = true;
        }
        if trimmed {
            edge.proper = edge.words.iter().any(|(word, tag)| {
                tag_in(tag, &words.proper_tags)
                    || word.chars().count() >= 2 && !self.jieba().has_word(word) && self.unknown_is_name(word)
            });
        }
        edge
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handle() -> Words {
        Words::shared()
    }

    #[test]
    fn kept_words_are_jiebas_words() {
        let text = "中国石油吉林石化公司党委书记";
        let fresh: Vec<(usize, usize, String)> =
            handle().jieba().tag(text, true).iter().map(|t| (t.byte_start, t.byte_end, t.tag.to_owned())).collect();
        let first = handle().tagged(text);
        let kept: Vec<(usize, usize, String)> = first.iter().map(|t| (t.start, t.end, t.tag.to_owned())).collect();
        assert_eq!(kept, fresh);
        assert!(Rc::ptr_eq(&first, &handle().tagged(text)), "asked again, the kept words are given");
        let words: Vec<Range<usize>> = handle()
            .jieba()
            .tokenize(text, jieba_rs::TokenizeMode::Default, true)
            .iter()
            .map(|w| w.byte_start..w.byte_end)
            .collect();
        assert_eq!(&*handle().tokenized(text), words.as_slice());
        assert!(std::ptr::eq(interned("ns"), interned(&String::from("ns"))));
    }

    #[test]
    fn boundaries_of_words() {
        let text = "通过设立党员先锋岗位，发挥作用";
        let at = text.find("党员先锋岗").unwrap();
        let range = at..at + "党员先锋岗".len();
        assert!(handle().check_boundaries(text, &range).unwrap_err().contains("岗位"));
        let text = "通过设立党员先锋岗，发挥作用";
        assert!(handle().check_boundaries(text, &range).is_ok());
    }

    fn name_before(text: &str, head: &str) -> (String, NameEdge) {
        let at = text.find(head).unwrap();
        let edge = handle().name_left_edge(text, at..at + head.len(), &NameWords::defaults());
        (text[edge.start..at].to_owned(), edge)
    }

    #[test]
    fn a_name_stops_at_verbs_pronouns_and_punctuation() {
        let (name, edge) = name_before("毕业之后加入星海电子（苏州）半导体有限公司", "有限公司");
        assert_eq!(name, "星海电子（苏州）半导体");
        assert_eq!(edge.stopped_at.unwrap().0, "加入");
        assert!(edge.proper);
        assert_eq!(name_before("这家公司", "公司").0, "");
        assert_eq!(name_before("，山东高速青岛发展有限公司", "有限公司").0, "山东高速青岛发展");
        // A common word is a name part, but not a proper one.
        let (name, edge) = name_before("成立了物业公司", "公司");
        assert_eq!(name, "物业");
        assert!(!edge.proper);
        // A word jieba does not know that opens with a modal verb is a predicate.
        assert_eq!(name_before("“三重一大”事项需经党总支前置审议", "党总支").0, "");
        // So is one made of a verb and its result, where a verb and another character
        // may be a name.
        assert_eq!(name_before("要建强党支部", "党支部").0, "");
        assert_eq!(name_before("，选优配强党委书记", "党委").0, "");
        assert_eq!(name_before("，河南飘安集团", "集团").0, "河南飘安");
        // A place's name that jieba cut short (`大致/坡镇`, `迎/丰村`) is taken whole, but
        // not a verb that takes a place (`到/坡镇`).
        assert_eq!(name_before("”大致坡镇党支部书记说", "党支部").0, "大致坡镇");
        assert_eq!(name_before("在迎丰村村委会门口", "村委会").0, "迎丰村");
        assert_eq!(name_before("我们到坡镇党支部调研", "党支部").0, "坡镇");
        // A head that is part of a longer word is no head.
        assert!(!handle().ends_word("基层党组织", 6..12));
        assert!(handle().ends_word("党委书记", 0..6));
    }

    #[test]
    fn a_common_word_before_an_administrative_suffix_may_be_a_place() {
        let words = handle();
        // `三水/n` is a common word, `三水区/ns` a district of the dictionary.
        assert!(words.known_place_before("三水", "区委"));
        assert!(!words.known_place_before("三水", "党委"), "no suffix opens the head");
        assert!(!words.known_place_before("工作", "区委"), "`工作区` is no place");
    }

    #[test]
    fn leading_verbs_are_found() {
        let tags = vec!["v".to_owned(), "p".to_owned(), "r".to_owned()];
        let text = "本文结合八一煤电化公司";
        let cut = handle().leading_tagged(text, &tags);
        assert_eq!(&text[cut..], "八一煤电化公司");
    }

    #[test]
    fn a_name_does_not_start_with_a_verb() {
        // A verbal noun at the left edge is the clause's predicate.
        assert_eq!(name_before("，建设星河山医院", "医院").0, "星河山");
        // Verbs the dictionary tags as nouns.
        assert_eq!(name_before("，代表中央纪委国家监委", "国家监委").0, "中央纪委");
        assert_eq!(name_before("，联系盘江公司", "公司").0, "盘江");
        assert_eq!(name_before("，时任窑湾街道党工委", "党工委").0, "窑湾街道");
        // Verb phrases the dictionary has as nouns (`高票当选`/n, `被选为`/n).
        assert_eq!(name_before("，他被选为星澜村党总支", "党总支").0, "星澜村");
        assert_eq!(name_before("，以高票当选星澜村党总支", "党总支").0, "星澜村");
        // A stop word of several of jieba's words ends the name.
        let mut words = NameWords::defaults();
        words.stop_words = vec!["纪检监察组".to_owned()];
        let text = "，国家电网纪检监察组办公室";
        let at = text.find("办公室").unwrap();
        let edge = handle().name_left_edge(text, at..at + "办公室".len(), &words);
        assert_eq!(&text[edge.start..at], "");
        // A verbal noun inside, before the head, is a line of business.
        assert_eq!(name_before("，中国建设银行", "银行").0, "中国建设");
        // Latin letters and digits are part of a name.
        assert_eq!(name_before("，委内瑞拉MPE3公司", "公司").0, "委内瑞拉MPE3");
    }
}
