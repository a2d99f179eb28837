//! Layout conventions: how a newspaper marks bylines, units and boxes.
//!
//! These are data because every newspaper has its own style: one prints `■ 张国强`,
//! another `本报记者 张国强`, a third `（作者单位：…）` under the text. A user adds a
//! newspaper's style in a `[layout]` table; several files' tables add up.

use super::KindId;

/// Conventions the layout and article stages recognise.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LayoutRules {
    /// Characters that open a byline: `■ 张国强`, `◎徐金芹`.
    pub byline_markers: Vec<char>,
    /// Words before reporters' names: `本报记者 张三`. Longest first.
    pub reporter_prefixes: Vec<String>,
    /// Labels of unit notes: `（作者单位：聊城水务集团）`.
    pub unit_note_labels: Vec<String>,
    /// Labels of boxes that are not authored articles: `阅读提示`, `来论`.
    pub box_labels: Vec<String>,
    /// Decorations around box labels, ignored when recognising them: `◆`, `【`.
    pub decorations: Vec<char>,
    /// Words of the bracketed notes that continue an item from another page:
    /// `（上接1版）`, `（下转第3版）`.
    pub continuation_markers: Vec<String>,
    /// Word endings that make a string a unit name, and the kind of node such a unit
    /// becomes, longest first: (`有限公司`, enterprise), (`党校`, unit).
    pub unit_suffixes: Vec<(String, KindId)>,
    /// The kind of a unit no suffix decides.
    pub default_unit_kind: Option<KindId>,
    /// Credits of news stories at the start or end of a paragraph: datelines
    /// (`本报北京1月7日电（记者 王伟健）`) and bracketed credits (`（本报记者 江琳、冉永平）`).
    pub credits: Vec<CreditPattern>,
    /// The paper or agency a credit's short name stands for (`本报` → `人民日报`): the
    /// story's source, never its unit, so never the actor of a relation.
    pub credit_sources: Vec<(String, String)>,
    /// Endings that make a credit a photo credit, not a byline: `摄`, `供图`.
    pub photo_credit_endings: Vec<String>,
    /// Words after a credit's names that say the reporters wrote the story up
    /// (`整理`: `（本报记者 王明峰整理）`): the names are the reporters', the words none.
    pub compiled_endings: Vec<String>,
    /// Column labels printed where names stand, never authors: `记者短评`, `评论员`.
    pub column_labels: Vec<String>,
    /// Labels of the page's credit lines, a label, a colon and a name: `版式设计：蔡华伟`
    /// (the label ends with one of these).
    pub page_credit_labels: Vec<String>,
    /// Surnames, of one character or compound (`欧阳`): they split names a credit runs
    /// together (`通讯员王伟李明` is 王伟 and 李明).
    pub surnames: Vec<String>,
    /// Labels of a site's metadata lines under a title that name the authors: `作者：张三`,
    /// `文/张三` (a colon, slash or bar after the label).
    pub author_labels: Vec<String>,
    /// Labels of metadata lines that name where the story comes from: `来源：人民网`.
    pub source_labels: Vec<String>,
    /// Labels of the other metadata lines, which name neither: `发布时间：…`, `责任编辑：…`.
    pub metadata_labels: Vec<String>,
    /// A site's breadcrumb, the path of pages above a repost (`首页 > 新闻中心 > 正文`):
    /// the labels it may open with (`当前位置：`) and the names of the first page.
    pub breadcrumb_labels: Vec<String>,
    pub breadcrumb_homes: Vec<String>,
}

/// A credit convention: a regex with a `names` group and optionally a `unit` group.
#[derive(Clone, Debug)]
pub struct CreditPattern {
    pub source: String,
    pub regex: regex::Regex,
    /// The characters every credit of this pattern starts with (`本`, `据`, `（` …), if
    /// the regex says: a block that starts otherwise is not tried, and most blocks do.
    pub first_chars: Option<Vec<char>>,
}

impl CreditPattern {
    /// Whether a credit of this pattern may open `text`.
    pub fn may_open(&self, text: &str) -> bool {
        self.first_chars.as_ref().is_none_or(|chars| text.chars().next().is_some_and(|c| chars.contains(&c)))
    }

    /// Compiles `source`, which must have a group named `names`.
    pub fn new(source: &str) -> Result<CreditPattern, String> {
        let regex = regex::RegexBuilder::new(source)
            .size_limit(1 << 20)
            .build()
            .map_err(|err| format!("the credit regex does not compile: {err}"))?;
        if !regex.capture_names().any(|name| name == Some("names")) {
            return Err("the credit regex has no group named `names`".to_owned());
        }
        // Only an anchored regex has prefixes every match starts the text with.
        let starts = regex_syntax::parse(source)
            .ok()
            .filter(|hir| hir.properties().look_set_prefix().contains(regex_syntax::hir::Look::Start))
            .and_then(|hir| super::literal_prefixes(&hir, 16));
        let first_chars = starts.map(|starts| {
            let mut chars: Vec<char> = starts.iter().filter_map(|s| s.chars().next()).collect();
            chars.sort_unstable();
            chars.dedup();
            chars
        });
        Ok(CreditPattern { source: source.to_owned(), regex, first_chars })
    }
}

impl PartialEq for CreditPattern {
    fn eq(&self, other: &CreditPattern) -> bool {
        self.source == other.source
    }
}

impl Eq for CreditPattern {}

impl LayoutRules {
    pub fn is_byline_marker(&self, c: char) -> bool {
        self.byline_markers.contains(&c)
    }

    pub fn is_decoration(&self, c: char) -> bool {
        self.decorations.contains(&c) || self.byline_markers.contains(&c)
    }

    /// The kind a unit named `name` becomes, by its longest matching suffix.
    pub fn unit_kind(&self, name: &str) -> Option<KindId> {
        self.unit_suffixes.iter().find(|(suffix, _)| name.ends_with(suffix.as_str())).map(|&(_, kind)| kind)
    }

    /// The source a credit's short name (`本报`) stands for, or the name itself.
    pub fn credit_source(&self, short: &str) -> String {
        self.credit_sources.iter().find(|(s, _)| s == short).map_or_else(|| short.to_owned(), |(_, full)| full.clone())
    }

    /// Whether `name` ends like a unit's name.
    pub fn looks_like_unit(&self, name: &str) -> bool {
        self.unit_kind(name).is_some()
    }

    /// Whether `text` is a bracketed continuation note: `（上接1版）`.
    pub fn is_continuation_marker(&self, text: &str) -> bool {
        let inner = text.strip_prefix(['（', '(']).and_then(|t| t.strip_suffix(['）', ')']));
        inner.is_some_and(|inner| {
            inner.chars().count() <= 12 && self.continuation_markers.iter().any(|m| inner.contains(m.as_str()))
        })
    }

    /// The box label `text` is, if it is one once decorations and spaces are ignored.
    pub fn box_label(&self, text: &str) -> Option<&str> {
        // Labels are short; most lines are not, and need no closer look.
        let longest = self.box_labels.iter().map(String::len).max().unwrap_or(0);
        if text.len() > longest * 2 + 12 {
            return None;
        }
        // The first character that is not decoration must start some label.
        let first = text.chars().find(|&c| !self.is_decoration(c) && !c.is_whitespace() && c != '\u{3000}');
        if !first.is_some_and(|c| self.box_labels.iter().any(|l| l.starts_with(c))) {
            return None;
        }
        let bare: String =
            text.chars().filter(|&c| !self.is_decoration(c) && !c.is_whitespace() && c != '\u{3000}').collect();
        self.box_labels.iter().find(|label| **label == bare).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchored_credit_is_tried_only_on_blocks_opening_with_its_first_characters() {
        let credit = CreditPattern::new(r"^据?(?P<unit>本报|新华社)[^（]{0,20}?电（(?P<names>[^）]{2,60})）").unwrap();
        assert_eq!(credit.first_chars, Some(vec!['据', '新', '本']));
        assert!(credit.may_open("本报北京1月7日电（记者 王伟健）"));
        assert!(credit.may_open("据新华社电（记者 张三）"));
        assert!(!credit.may_open("（本报记者 江琳）"));
        // Unanchored, a credit may start anywhere: every block is tried.
        let anywhere = CreditPattern::new(r"(?P<unit>本报)电（(?P<names>[^）]+)）").unwrap();
        assert_eq!(anywhere.first_chars, None);
        assert!(anywhere.may_open("昨天本报电（记者 李四）"));
    }
}
