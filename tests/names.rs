//! Organisation names in running text, with the shipped rules: an enterprise found by
//! its suffix starts where its name starts — never at a verb, preposition or pronoun —
//! and a bare suffix or a common word before it is no enterprise. The sentences are
//! made up; the names in them are invented (星澜, 澜港 …) unless they are the known
//! central enterprises of the rules.

mod common;

use common::*;
use tupu::matching::Matcher;
use tupu::rules::{RuleSet, RuleSource};

/// Each sentence with the enterprise mentions the rules must find in it, in text order.
const SENTENCES: &[(&str, &[&str])] = &[
    ("他毕业之后加入星海电子（苏州）半导体有限公司", &["星海电子（苏州）半导体有限公司"]),
    ("今年他们与东岳化工集团有限公司签约", &["东岳化工集团有限公司"]),
    ("代表星澜集团出席会议", &["星澜集团"]),
    ("记者联系澜港物流公司了解情况", &["澜港物流公司"]),
    ("向星澜控股集团学习经验", &["星澜控股集团"]),
    ("国家能源集团澜源南非公司发电量创新高", &["国家能源集团", "国家能源集团澜源南非公司"]),
    ("，星海能源委内瑞拉MPE3公司大力开展节能", &["星海能源委内瑞拉MPE3公司"]),
    ("这里是星澜长天、景澜微电子等国内一流企业的研发中心", &["星澜长天", "景澜微电子"]),
    // A legal name's head after a line of business: `科技股份` is two words.
    ("，星澜机械科技股份有限公司入选", &["星澜机械科技股份有限公司"]),
    // A mine after its company: both are nodes.
    ("（作者单位：星海焦煤股份有限公司三交河煤矿）", &["星海焦煤股份有限公司", "星海焦煤股份有限公司三交河煤矿"]),
    // Common words make a legal name; a known name makes its branch's.
    ("。市城乡建设发展有限公司新店项目部", &["市城乡建设发展有限公司"]),
    ("，交通银行湖北省分行积极落实部署", &["交通银行湖北省分行"]),
    // A line of business after a known group's short name.
    ("，保利文化积极协助", &["保利", "保利文化"]),
    ("，推动保利集团文化产业发展", &["保利集团"]),
    // A common word listed with names of its class is one of them.
    ("试点单位包括苹果集团、澜港舟山港集团。", &["苹果集团", "澜港舟山港集团"]),
    ("这家公司的物业公司和子公司", &[]),
    ("成立一家有限公司", &[]),
    ("之后加入有限公司", &[]),
    ("探索建立健全公司治理结构", &[]),
    ("我们公司是跨国公司", &[]),
    ("他在北京一搬家公司打工", &[]),
    ("，中国公司在海外承建项目", &[]),
    ("二十国集团领导人峰会", &[]),
    ("为集团的高质量发展注入动能", &[]),
];

/// Suffixes that are no name on their own.
const SUFFIXES: &[&str] = &["公司", "有限公司", "有限责任公司", "股份有限公司", "集团", "集团公司", "分公司", "银行"];

/// Why `name` is no clean enterprise name, if it is not: it starts with a verb, a
/// preposition or a pronoun, or it is a bare suffix. With `guessed_verbs`, a word jieba's
/// dictionary lacks and guesses to be a verb counts as one (made-up fixtures); without,
/// only the dictionary's verbs do (real names such as `飘安集团` get guessed tags).
fn unclean(jieba: &jieba_rs::Jieba, name: &str, guessed_verbs: bool) -> Option<String> {
    let first = jieba.tag(name, true).into_iter().next()?;
    let verb = first.tag.starts_with('v') && (guessed_verbs || jieba.has_word(first.word));
    if verb || ["p", "r"].iter().any(|t| first.tag.starts_with(t)) {
        return Some(format!("`{name}` starts with `{}`/{}", first.word, first.tag));
    }
    SUFFIXES.contains(&name).then(|| format!("`{name}` is a bare suffix"))
}

#[test]
fn enterprise_names_have_their_left_edge() {
    let rules = RuleSet::load(RuleSource::BuiltIn).expect("the built-in rules load");
    let enterprise = rules.kind("enterprise").expect("the shipped rules declare enterprises");
    let matcher = Matcher::new(&rules);
    let jieba = jieba_rs::Jieba::new();
    let mut wrong = Vec::new();
    for &(text, expected) in SENTENCES {
        let found: Vec<&str> = matcher
            .find(text)
            .into_iter()
            .filter(|m| m.target.key(&rules).0 == enterprise)
            .map(|m| &text[m.range])
            .collect();
        for name in &found {
            if let Some(why) = unclean(&jieba, name, true) {
                wrong.push(format!("{why} in `{text}`"));
            }
        }
        if found != expected {
            wrong.push(format!("`{text}`: found {found:?}, expected {expected:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// On the dev corpus, when it is there (it is not part of the repository): no enterprise
/// node of either layout starts with a verb, a preposition or a pronoun, or is a bare
/// suffix.
#[test]
fn dev_corpus_enterprise_nodes_are_clean_names() {
    let Some(dev) = dev_corpus() else { return };
    let jieba = jieba_rs::Jieba::new();
    let mut wrong = Vec::new();
    for folder in ["rmrb", "ocr"] {
        let (out, output) = build(&[&dev.join(folder)], &[]);
        assert_success(&output);
        let graph = read_graph(out.path());
        let nodes = nodes_of_kind(&graph, "enterprise");
        assert!(nodes.len() > 100, "{folder}: only {} enterprise nodes", nodes.len());
        for node in nodes {
            let label = node["label"].as_str().expect("a label");
            if let Some(why) = unclean(&jieba, label, false) {
                wrong.push(format!("{folder}: {why}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
