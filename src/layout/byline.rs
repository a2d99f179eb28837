//! Recognising bylines: who wrote an article, and for which unit.

use super::chars::is_space;
use super::lines::is_name;
use crate::rules::LayoutRules;

/// The authors (and possibly the unit) a byline names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Byline {
    pub authors: Vec<String>,
    pub unit: Option<String>,
    /// The paper or agency the credit names (`本报记者` → `人民日报`): where the story
    /// comes from, not the authors' unit.
    pub source: Option<String>,
}

/// Longest line taken for a byline, in characters.
const MAX_BYLINE: usize = 48;

/// Parses `text` as a byline, in one of three forms:
///
/// - a marker and names: `■ 张国强`, `◎张文刚 乔泰运`, `□ 王涛`;
/// - reporters: `本报记者 张三 通讯员 李四`;
/// - a unit and names: `山东高速青岛发展有限公司 赵丽娜` (the unit must end like a unit,
///   see [`LayoutRules::looks_like_unit`]).
///
/// Names split by OCR into single characters (`宋 丹`) are put back together.
pub fn parse_byline(text: &str, rules: &LayoutRules) -> Option<Byline> {
    // A character takes at most four bytes: a line that long in bytes is too long in
    // characters, and most paragraphs are, which spares them every test below.
    if text.len() > 4 * MAX_BYLINE {
        return None;
    }
    // Every form starts with a marker or a reporter's prefix, or has a space between a
    // unit and a name: most lines of running text have none of these.
    let first = text.chars().next();
    let marked_or_reported = first.is_some_and(|c| rules.is_byline_marker(c))
        || rules.reporter_prefixes.iter().any(|p| text.starts_with(p.as_str()));
    if !marked_or_reported && !super::chars::has_space(text) {
        return None;
    }
    if text.chars().count() > MAX_BYLINE {
        return None;
    }
    let mut rest = text;
    let marked = match rest.chars().next() {
        Some(c) if rules.is_byline_marker(c) => {
            rest = rest[c.len_utf8()..].trim_start_matches(is_space);
            true
        }
        _ => false,
    };
    let tokens: Vec<&str> = rest.split(is_space).filter(|t| !t.is_empty()).collect();
    if tokens.is_empty() {
        return None;
    }
    if let Some(authors) = reporters(&tokens, rules, &[]) {
        return Some(Byline { authors, unit: None, source: credited_source(&tokens, rules) });
    }
    if marked {
        return names(&tokens, &[]).map(|authors| Byline { authors, unit: None, source: None });
    }
    unit_and_names(&tokens, rules)
}

/// What a site's metadata line under a title says: `来源：人民网　作者：张三　发布时间：…`,
/// `文/张三　图/李四`. Each part is a label of `[layout]`'s `author_labels`,
/// `source_labels` or `metadata_labels`, a colon, slash or bar, and a value up to the
/// next label; the line must open with one, or with a date and time and then one.
/// `None`: the line is none.
pub fn parse_metadata(text: &str, rules: &LayoutRules) -> Option<Byline> {
    const SEPARATORS: [char; 6] = ['：', ':', '/', '／', '｜', '|'];
    // Which list a part's label is of: 0 authors, 1 source, 2 neither.
    let lists = [&rules.author_labels, &rules.source_labels, &rules.metadata_labels];
    let label_at = |token: &str| -> Option<(usize, usize)> {
        lists.iter().enumerate().find_map(|(list, labels)| {
            labels.iter().find_map(|label| {
                let rest = token.strip_prefix(label.as_str())?.trim_start_matches(is_space);
                let separator = rest.chars().next().filter(|c| SEPARATORS.contains(c))?;
                Some((list, token.len() - rest.len() + separator.len_utf8()))
            })
        })
    };
    // This runs on every line: most are too long in bytes already, or open with a
    // character that opens no label and no date.
    if text.len() > 4 * 2 * MAX_BYLINE {
        return None;
    }
    let first = text.trim_start_matches(is_space).chars().next()?;
    if !first.is_ascii_digit() && !lists.iter().flat_map(|labels| labels.iter()).any(|label| label.starts_with(first)) {
        return None;
    }
    // A line of text this long, or one ending a sentence, is a paragraph, not metadata.
    if text.chars().count() > 2 * MAX_BYLINE || super::chars::ends_sentence(text) {
        return None;
    }
    // A date and time may stand before the first label: `2024-05-06 10:30　来源：人民网`.
    let date = |token: &str| token.chars().all(|c| c.is_ascii_digit() || "-/:.年月日时分".contains(c));
    let mut tokens = text.split(is_space).filter(|t| !t.is_empty()).skip_while(|t| date(t)).peekable();
    label_at(tokens.peek()?)?;
    // The parts: (list, value), a value running over the tokens up to the next label.
    let mut parts: Vec<(usize, String)> = Vec::new();
    for token in tokens {
        match label_at(token) {
            Some((list, value_at)) => parts.push((list, token[value_at..].to_owned())),
            None => {
                if let Some((_, value)) = parts.last_mut() {
                    value.push(' ');
                    value.push_str(token);
                }
            }
        }
    }
    let mut byline = Byline::default();
    for (list, value) in parts {
        let value = value.trim_matches(is_space);
        match list {
            0 => add_new_names(&mut byline.authors, &credited_names(value, rules).unwrap_or_default()),
            1 if byline.source.is_none() && !value.is_empty() => byline.source = Some(rules.credit_source(value)),
            _ => {}
        }
    }
    Some(byline)
}

/// The paper or agency a reporters' byline names by its prefix (`本报记者` → `人民日报`).
fn credited_source(tokens: &[&str], rules: &LayoutRules) -> Option<String> {
    let first = tokens.first()?;
    rules.credit_sources.iter().find(|(short, _)| first.starts_with(short.as_str())).map(|(_, full)| full.clone())
}

/// Parses the credit at the start of `text` by the rules' credit conventions
/// ([`LayoutRules::credits`]): a dateline `本报北京1月7日电（记者 王伟健）` or a
/// bracketed credit `（本报记者 江琳、冉永平）`. Names may be separated by `、`, commas
/// or spaces and carry reporters' prefixes. A photo credit (`新华社记者 张三摄`) and a
/// column label (`记者短评`) name no authors. The source is the credit's `unit` group, or
/// the agency a reporter's prefix names (`新华社记者`), as [`LayoutRules::credit_unit`]
/// spells it.
pub fn parse_credit(text: &str, rules: &LayoutRules) -> Option<Byline> {
    for credit in rules.credits.iter().filter(|credit| credit.may_open(text)) {
        // Most paragraphs are no credit: a match test costs no captures.
        if !credit.regex.is_match(text) {
            continue;
        }
        let Some(found) = credit.regex.captures(text) else { continue };
        if found.get(0).is_some_and(|m| m.start() != 0) {
            continue;
        }
        let Some(names_text) = found.name("names").map(|m| m.as_str()) else { continue };
        let names_text = names_text.trim_matches(is_space);
        if rules.photo_credit_endings.iter().any(|e| names_text.ends_with(e.as_str())) {
            return None;
        }
        let names_text = rules
            .compiled_endings
            .iter()
            .find_map(|e| names_text.strip_suffix(e.as_str()))
            .map_or(names_text, |rest| rest.trim_matches(is_space));
        let short_unit = found.name("unit").map(|m| m.as_str().to_owned()).or_else(|| {
            rules.credit_sources.iter().map(|(s, _)| s).find(|s| names_text.starts_with(s.as_str())).cloned()
        });
        let Some(authors) = credited_names(names_text, rules) else { continue };
        // Names credited without a reporter's prefix (`（甲、乙整理）`) open with a surname:
        // `（根据录音整理）`, `（本报综合整理）` credit no one.
        let prefixed = rules.reporter_prefixes.iter().any(|p| names_text.contains(p.as_str()));
        if !prefixed && !authors.iter().all(|name| rules.surnames.iter().any(|s| name.starts_with(s.as_str()))) {
            continue;
        }
        return Some(Byline { authors, unit: None, source: short_unit.map(|u| rules.credit_source(&u)) });
    }
    None
}

/// The names a credit or an author's metadata lists (`本报记者 江琳、冉永平`, `张三　李四`):
/// split at `、`, commas, semicolons and spaces, column labels left out, read as
/// reporters with their prefixes or else as names. `None` where no names are.
fn credited_names(text: &str, rules: &LayoutRules) -> Option<Vec<String>> {
    let tokens: Vec<&str> = text
        .split(|c: char| is_space(c) || matches!(c, '、' | '，' | ',' | '；' | ';'))
        .filter(|t| !t.is_empty() && !rules.column_labels.iter().any(|l| l == t))
        .collect();
    if tokens.is_empty() {
        return None;
    }
    reporters(&tokens, rules, &rules.surnames).or_else(|| names(&tokens, &rules.surnames))
}

/// Adds to `list` the `names` it does not hold yet, in their order.
pub fn add_new_names<'n>(list: &mut Vec<String>, names: impl IntoIterator<Item = &'n String>) {
    for name in names {
        if !list.contains(name) {
            list.push(name.clone());
        }
    }
}

/// `本报记者 张三 李四 通讯员 王五`: prefixes followed by names.
fn reporters(tokens: &[&str], rules: &LayoutRules, surnames: &[String]) -> Option<Vec<String>> {
    let mut authors = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    let mut saw_prefix = false;
    for token in tokens {
        let mut token = *token;
        // A prefix may be glued to the first name: `记者张三`.
        if let Some(prefix) = rules.reporter_prefixes.iter().find(|p| token.starts_with(p.as_str())) {
            if !pending.is_empty() {
                authors.extend(names(&pending, surnames)?);
                pending.clear();
            }
            saw_prefix = true;
            token = &token[prefix.len()..];
            if token.is_empty() {
                continue;
            }
        }
        if !saw_prefix {
            return None;
        }
        pending.push(token);
    }
    if !pending.is_empty() {
        authors.extend(names(&pending, surnames)?);
    }
    (saw_prefix && !authors.is_empty()).then_some(authors)
}

/// Every token a name, single characters joined (`宋 丹` → `宋丹`), names run together
/// split by `surnames` (see [`split_run_together`]; none in bylines, where a name of
/// four characters is one name).
fn names(tokens: &[&str], surnames: &[String]) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut singles = String::new();
    for token in tokens {
        if token.chars().count() == 1 {
            singles.push_str(token);
            continue;
        }
        if !singles.is_empty() {
            names.push(std::mem::take(&mut singles));
        }
        names.extend(split_run_together(token, surnames));
    }
    if !singles.is_empty() {
        names.push(singles);
    }
    names.iter().all(|name| is_name(name)).then_some(names)
}

/// Splits two names a credit runs together (`王伟李明`, `张晓明李娜`) where the second's
/// surname starts: each part two or three characters and opened by one of `surnames`
/// (a compound surname, `欧阳`, takes a given name after it). Where two splits fit
/// (five characters, surnames at the third and the fourth), the one whose second surname comes
/// first in the list, the more common, wins. A name no split makes two of stays whole:
/// `欧阳易佳`, `买买提·艾力`.
fn split_run_together(name: &str, surnames: &[String]) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    if !(4..=6).contains(&chars.len()) || chars.contains(&'·') {
        return vec![name.to_owned()];
    }
    // The rank of the surname opening `part` and its length in characters.
    let surname = |part: &[char]| {
        let part: String = part.iter().collect();
        surnames
            .iter()
            .enumerate()
            .filter(|(_, s)| part.starts_with(s.as_str()))
            .max_by_key(|(rank, s)| (s.chars().count(), std::cmp::Reverse(*rank)))
            .map(|(rank, s)| (rank, s.chars().count()))
    };
    let fits = |part: &[char]| surname(part).is_some_and(|(_, len)| (2..=3).contains(&part.len()) && part.len() > len);
    let best = (2..=3)
        .filter(|&at| fits(&chars[..at]) && fits(&chars[at..]))
        .min_by_key(|&at| surname(&chars[at..]).map(|(rank, _)| rank));
    match best {
        Some(at) => vec![chars[..at].iter().collect(), chars[at..].iter().collect()],
        None => vec![name.to_owned()],
    }
}

/// `UNIT NAME…`: a unit, then names.
fn unit_and_names(tokens: &[&str], rules: &LayoutRules) -> Option<Byline> {
    // Take names from the end while they parse; what is left is the unit.
    for split in 1..tokens.len() {
        let unit: String = tokens[..split].concat();
        if let Some(authors) = names(&tokens[split..], &[])
            && rules.looks_like_unit(&unit)
            && !unit.chars().any(is_sentence_punct)
        {
            return Some(Byline { authors, unit: Some(unit), source: None });
        }
    }
    None
}

fn is_sentence_punct(c: char) -> bool {
    matches!(c, '，' | '。' | '：' | '；' | '、' | '！' | '？' | ',' | ':' | ';' | '“' | '”')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::LayoutRules;

    fn rules() -> LayoutRules {
        LayoutRules {
            byline_markers: vec!['■', '□', '◎'],
            reporter_prefixes: vec!["本报通讯员".into(), "本报记者".into(), "通讯员".into(), "记者".into()],
            unit_suffixes: vec![
                ("有限责任公司".into(), 2),
                ("有限公司".into(), 2),
                ("工作部".into(), 3),
                ("煤矿".into(), 2),
            ],
            ..LayoutRules::default()
        }
    }

    fn parse(text: &str) -> Option<(Vec<String>, Option<String>)> {
        parse_byline(text, &rules()).map(|b| (b.authors, b.unit))
    }

    fn authors(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn marked_bylines() {
        assert_eq!(parse("■ 张国强"), Some((authors(&["张国强"]), None)));
        assert_eq!(parse("◎张文刚 乔泰运"), Some((authors(&["张文刚", "乔泰运"]), None)));
        assert_eq!(parse("■金增秀"), Some((authors(&["金增秀"]), None)));
        assert_eq!(parse("□ 王 涛"), Some((authors(&["王涛"]), None)));
        assert_eq!(parse("■ 党的二十大报告明确提出"), None);
    }

    #[test]
    fn reporters() {
        assert_eq!(parse("本报记者 张三 李四 通讯员 王五"), Some((authors(&["张三", "李四", "王五"]), None)));
        assert_eq!(parse("记者张三"), Some((authors(&["张三"]), None)));
    }

    #[test]
    fn metadata_lines() {
        let rules = LayoutRules {
            author_labels: vec!["作者".into(), "文".into()],
            source_labels: vec!["来源".into()],
            metadata_labels: vec!["发布时间".into(), "图".into()],
            credit_sources: vec![("本报".into(), "人民日报".into())],
            ..LayoutRules::default()
        };
        let parse = |text: &str| parse_metadata(text, &rules).map(|b| (b.authors, b.source));
        let line = "来源：本报　作者：张明远、李卫东　发布时间：2024-05-06 10:30";
        assert_eq!(parse(line), Some((authors(&["张明远", "李卫东"]), Some("人民日报".into()))));
        assert_eq!(parse("文/张明远　图/王小红"), Some((authors(&["张明远"]), None)));
        assert_eq!(parse("2024年05月06日 10:30　来源：本报"), Some((vec![], Some("人民日报".into()))));
        assert_eq!(parse("2024年05月06日"), None);
        assert_eq!(parse("发布时间：2024-05-06"), Some((vec![], None)));
        // Not metadata: no label opens it, or it is a sentence.
        assert_eq!(parse("文件指出：要坚持"), None);
        assert_eq!(parse("作者：这是一句话。"), None);
    }

    fn credit_rules() -> LayoutRules {
        LayoutRules {
            reporter_prefixes: vec!["新华社记者".into(), "本报记者".into(), "通讯员".into(), "记者".into()],
            credits: vec![
                crate::rules::layout::CreditPattern::new(
                    r"^(?P<unit>本报|新华社)[^，。（(]{0,20}?(?:电|讯)\s*[（(](?P<names>[^）)]{2,60})[）)]",
                )
                .unwrap(),
                crate::rules::layout::CreditPattern::new(r"^[（(](?P<names>(?:本报|新华社)?记者[^）)]{2,60})[）)]$")
                    .unwrap(),
            ],
            credit_sources: vec![("本报".into(), "人民日报".into()), ("新华社".into(), "新华社".into())],
            photo_credit_endings: vec!["摄".into()],
            column_labels: vec!["记者短评".into()],
            ..LayoutRules::default()
        }
    }

    fn credit(text: &str) -> Option<(Vec<String>, Option<String>)> {
        parse_credit(text, &credit_rules()).map(|b| (b.authors, b.source))
    }

    #[test]
    fn credits_of_news() {
        assert_eq!(
            credit("本报北京1月7日电（记者 王伟健）正文。"),
            Some((authors(&["王伟健"]), Some("人民日报".into())))
        );
        assert_eq!(
            credit("新华社北京2月3日电（记者 梅世雄、梅常伟）"),
            Some((authors(&["梅世雄", "梅常伟"]), Some("新华社".into())))
        );
        assert_eq!(credit("（本报记者 江琳、冉永平）"), Some((authors(&["江琳", "冉永平"]), Some("人民日报".into()))));
        assert_eq!(credit("（本报记者 张三摄）"), None);
        assert_eq!(credit("正文里提到本报北京1月7日电（记者 王伟健）"), None);
    }

    #[test]
    fn names_run_together_split_at_a_surname() {
        let surnames: Vec<String> = ["王", "李", "张", "刘", "陈", "欧阳"].iter().map(|s| s.to_string()).collect();
        let split = |name: &str| split_run_together(name, &surnames);
        assert_eq!(split("王伟李明"), authors(&["王伟", "李明"]));
        assert_eq!(split("张晓明李娜"), authors(&["张晓明", "李娜"]));
        assert_eq!(split("王伟张晓明"), authors(&["王伟", "张晓明"]));
        assert_eq!(split("刘一鸣陈晓东"), authors(&["刘一鸣", "陈晓东"]));
        assert_eq!(split("欧阳易佳"), authors(&["欧阳易佳"]));
        assert_eq!(split("欧阳易李明"), authors(&["欧阳易", "李明"]));
        assert_eq!(split("王伟健"), authors(&["王伟健"]));
        assert_eq!(split("赵钱孙李"), authors(&["赵钱孙李"]));
    }

    #[test]
    fn unit_and_names() {
        assert_eq!(
            parse("山东高速青岛发展有限公司 赵丽娜"),
            Some((authors(&["赵丽娜"]), Some("山东高速青岛发展有限公司".into())))
        );
        assert_eq!(
            parse("山东华新建筑工程集团有限责任公司 宋 丹"),
            Some((authors(&["宋丹"]), Some("山东华新建筑工程集团有限责任公司".into())))
        );
        assert_eq!(
            parse("济南建工集团有限公司党群工作部 戚成志"),
            Some((authors(&["戚成志"]), Some("济南建工集团有限公司党群工作部".into())))
        );
        assert_eq!(parse("兖煤菏泽能化有限公司赵楼煤矿 孙辉").unwrap().1.unwrap(), "兖煤菏泽能化有限公司赵楼煤矿");
        assert_eq!(parse("户名 山西阳光拍卖"), None);
        assert_eq!(parse("山西阳光拍卖有限公司"), None);
        assert_eq!(parse("同心同向 聚鑫财司"), None);
    }
}
