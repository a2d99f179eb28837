//! The rule language end to end: `tupu rules check`, every construct, every kind of
//! error, a kind declared by a file alone, abbreviations, `tupu explain`.

mod common;

use common::*;
use serde_json::Value;

fn rules_fixture(name: &str) -> String {
    fixture("rules").join(name).to_string_lossy().into_owned()
}

fn corpus_fixture(name: &str) -> std::path::PathBuf {
    fixture("corpus").join(name)
}

/// Builds `corpus` with the rules in `rules` and returns the graph.
fn graph_with(corpus: &std::path::Path, rules: &str) -> Value {
    let (out, output) = build(&[corpus], &["--rules", rules, "--quiet", "--view", "articles"]);
    assert_success(&output);
    read_graph(out.path())
}

fn edges<'g>(graph: &'g Value, relation: &str) -> Vec<(&'g str, &'g str, u64)> {
    graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["relation"] == relation)
        .map(|e| (e["source"].as_str().unwrap(), e["target"].as_str().unwrap(), e["weight"].as_u64().unwrap()))
        .collect()
}

fn node_ids<'g>(graph: &'g Value, kind: &str) -> Vec<&'g str> {
    nodes_of_kind(graph, kind).iter().map(|n| n["id"].as_str().unwrap()).collect()
}

#[test]
fn shipped_rules_pass_their_own_check() {
    let output = tupu(&["rules", "check"]);
    assert_success(&output);
    let report = stdout(&output);
    assert!(report.contains("0 failed"), "{report}");
}

#[test]
fn every_error_is_listed_at_once_with_its_place_and_a_fix() {
    let output = tupu(&["rules", "check", "--rules", &rules_fixture("broken")]);
    assert_eq!(output.status.code(), Some(2));
    let report = stderr(&output);
    let expected = [
        ("a.toml:9:6: error: concept `两个维护` of kind `slogan` is defined twice", "merge the two entries"),
        ("a.toml:13:10: error: pattern `坏正则`: regex parse error", "fix the regular expression"),
        ("b.toml:3:10: error: `orange` is not a colour", "write colours as `#rrggbb`"),
        ("b.toml:8:6: error: pattern `坏模板`: the id uses capture {y}, which the regex does not define", "(?P<x>…)"),
        ("b.toml:12:8: error: unknown kind `mechanisms`", "use one of: article, author, slogan, mechanism"),
        ("b.toml:16:8: error: unknown kind `enterprise`", "declare it with [[kind]]"),
        ("b.toml:18:9: error: `room` is not a scope", "byline, subject, sentence, paragraph, article"),
    ];
    for (error, help) in expected {
        assert!(report.contains(error), "missing `{error}` in:\n{report}");
        assert!(report.contains(help), "missing help `{help}` in:\n{report}");
    }
    assert!(report.contains("7 errors in the rules"), "{report}");
}

#[test]
fn a_build_with_broken_rules_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let output = tupu(&["build", "seeds", "--rules", &rules_fixture("broken"), "--out", out.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nothing was written"));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn failing_inline_tests_fail_the_check() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("x.toml"),
        "[[kind]]\nname = \"slogan\"\n\n[[concept]]\nid = \"两个维护\"\nexamples = [\"两个方面\"]\ncounterexamples = [\"坚决做到两个维护\"]\n",
    )
    .unwrap();
    let output = tupu(&["rules", "check", "--rules", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let report = stderr(&output);
    assert!(
        report.contains("x.toml:6:13: error: example does not yield `两个维护`; the rules find nothing"),
        "{report}"
    );
    assert!(report.contains("x.toml:7:20: error: counterexample yields `两个维护`"), "{report}");
    assert!(report.contains("tupu explain --text"), "{report}");
}

#[test]
fn a_new_kind_declared_by_a_file_works_without_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.txt"), "为建设更高水平的平安聊城，聊城市东昌府区委和奎文区委联合推进。")
        .unwrap();
    let graph = graph_with(dir.path(), &rules_fixture("places"));
    assert_eq!(node_ids(&graph, "place"), ["place:东昌府区", "place:奎文区", "place:聊城"]);
    let kinds: Vec<_> =
        graph["graph"]["kinds"].as_array().unwrap().iter().map(|k| k["name"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["article", "author", "place"]);
    assert_eq!(edges(&graph, "located_in").len(), 3);
}

#[test]
fn each_construct_of_the_language() {
    let graph = graph_with(&corpus_fixture("relations"), &rules_fixture("language"));
    // Patterns build ids from captures; the stop list drops 党建+工作; the jieba word
    // boundary keeps 党员示范岗 and drops 党员先锋岗位; a literal concept (党建+) and a
    // pattern both apply.
    assert_eq!(
        node_ids(&graph, "mechanism"),
        ["mechanism:党员示范岗", "mechanism:党建+", "mechanism:党建+客户服务", "mechanism:党建+技术创新"]
    );
    // 聊城水务集团 (a pattern) and 聊城水务集团有限公司 (another, of higher priority) are
    // one node, by the kind's equivalent suffix; the unit note names it too.
    assert_eq!(node_ids(&graph, "enterprise"), ["enterprise:聊城水务集团有限公司"]);
    let practises = edges(&graph, "practises");
    // Sentence scope (the enterprise named with the mechanism) and byline scope (the
    // author's unit) add up: 党建+客户服务 is in the unit's article and in its sentence.
    assert!(practises.contains(&("enterprise:聊城水务集团有限公司", "mechanism:党建+客户服务", 2)), "{practises:?}");
    assert!(practises.contains(&("enterprise:聊城水务集团有限公司", "mechanism:党建+技术创新", 1)), "{practises:?}");
    // Undirected paragraph co-occurrence: one edge per pair, in key order.
    let co = edges(&graph, "co_occurs");
    assert!(co.contains(&("slogan:两个维护", "mechanism:党员示范岗", 1)), "{co:?}");
    assert!(!co.iter().any(|(_, t, _)| *t == "mechanism:党建+技术创新"), "different paragraphs: {co:?}");
    // Article scope, undirected, same kind on both ends.
    assert!(edges(&graph, "shares_article").contains(&("mechanism:党建+", "mechanism:党建+客户服务", 1)));
    // Byline scope from the author.
    assert_eq!(edges(&graph, "invokes"), [("author:张国强", "slogan:两个维护", 1)]);
}

#[test]
fn abbreviations_hold_in_the_article_that_declares_them() {
    let graph = graph_with(&corpus_fixture("abbreviations"), "rules");
    let articles = |id: &str| -> Vec<String> {
        mentions_of(&graph, id).iter().map(|e| e["source"].as_str().unwrap().to_owned()).collect()
    };
    // a.txt declares 山能财司; b.txt uses the short name without declaring it, and
    // another article's declaration does not hold there.
    let full = "enterprise:山东能源集团财务有限公司";
    let found = articles(full);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with("a.txt#1"), "{found:?}");
    let node = graph["nodes"].as_array().unwrap().iter().find(|n| n["id"] == full).unwrap();
    // The short form and the full one are one node.
    assert_eq!(node["aliases"], serde_json::json!(["山东能源集团财务有限公司", "山能财司"]));
    assert!(node_ids(&graph, "enterprise").iter().all(|id| !id.contains("山能财司")));
    // c.txt: `集团公司` means the declared name, but not inside the longer name
    // `中铁十九局集团公司`; d.txt's `集团公司` is nobody's.
    let east = "enterprise:东岳化工集团有限公司";
    let found = articles(east);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with("c.txt#1"), "{found:?}");
    let node = graph["nodes"].as_array().unwrap().iter().find(|n| n["id"] == east).unwrap();
    assert_eq!(node["aliases"], serde_json::json!(["东岳化工集团有限公司", "集团公司"]));
    let enterprises = node_ids(&graph, "enterprise");
    assert!(enterprises.contains(&"enterprise:中铁十九局集团公司"), "{enterprises:?}");
    assert!(enterprises.iter().all(|id| *id != "enterprise:集团公司"), "{enterprises:?}");
}

#[test]
fn organisation_names_have_their_left_edge_by_parts_of_speech() {
    let graph = graph_with(&corpus_fixture("names"), "rules");
    let enterprises = node_ids(&graph, "enterprise");
    assert_eq!(
        enterprises,
        [
            "enterprise:东岳化工集团有限公司",
            "enterprise:中国宝武钢铁集团有限公司",
            "enterprise:中国船舶集团有限公司",
            "enterprise:中铁十九局集团公司",
            "enterprise:山东高速青岛发展有限公司",
            "enterprise:星海电子（苏州）半导体有限公司",
            "enterprise:聊城水务集团",
        ]
    );
    // No name starts with a verb, preposition or pronoun, none is a bare suffix or a
    // common word, and a group of states is no enterprise.
    let starts = ["这", "我们", "加入", "之后", "毕业", "探索", "成立", "两家", "在", "与", "和"];
    let bare = ["有限公司", "公司", "集团", "集团公司", "子公司", "物业公司", "跨国公司", "二十国集团"];
    for id in &enterprises {
        let name = id.trim_start_matches("enterprise:");
        assert!(!starts.iter().any(|s| name.starts_with(s)), "{name}");
        assert!(!bare.contains(&name), "{name}");
    }
    // The short form a text gives a central SOE is that SOE, from the rule file.
    let ship =
        graph["nodes"].as_array().unwrap().iter().find(|n| n["id"] == "enterprise:中国船舶集团有限公司").unwrap();
    assert_eq!(ship["aliases"], serde_json::json!(["中船集团"]));
    // Bodies in running text, and what they are part of.
    let units = node_ids(&graph, "unit");
    for unit in ["unit:国务院国资委党委", "unit:泸溪县委组织部", "unit:新田村党支部", "unit:聊城水务集团党委"]
    {
        assert!(units.contains(&unit), "{unit} not in {units:?}");
    }
    let parts: Vec<_> = edges(&graph, "part_of").into_iter().map(|(s, t, _)| (s, t)).collect();
    assert_eq!(
        parts,
        [
            ("unit:国务院国资委党委", "unit:国务院国有资产监督管理委员会"),
            ("unit:聊城水务集团党委", "enterprise:聊城水务集团"),
        ]
    );
}

#[test]
fn explain_shows_why_a_left_edge_was_chosen() {
    let output = tupu(&["explain", "--text", "毕业之后加入星海电子（苏州）半导体有限公司，这家公司"]);
    assert_success(&output);
    let report = stdout(&output);
    assert!(report.contains("found   星海电子（苏州）半导体有限公司"), "{report}");
    assert!(report.contains("left edge: name part [星海/"), "{report}");
    assert!(report.contains("stopped at `加入`/v"), "{report}");
    assert!(report.contains("not a name: nothing before `公司` can be part of a name"), "{report}");
}

#[test]
fn explain_a_concept_in_the_corpus() {
    let output = tupu(&["explain", "两个维护"]);
    assert_success(&output);
    let report = stdout(&output);
    assert!(report.starts_with("两个维护: 4 match(es) in 5 file(s) read"), "{report}");
    assert!(report.contains("seeds/000_108b596f5ef36f6b.txt:11:2  两个维护  →  slogan:两个维护"), "{report}");
    assert!(report.contains("article: “党建+”为笔 绘国有企业发展蓝图"), "{report}");
    assert!(report.contains("rule:    concept `两个维护` (rules/slogans.toml:"), "{report}");
    assert!(report.contains("context: 国有企业作为党领导的国家治理体系的重要组成部分"), "{report}");
}

#[test]
fn explain_a_text_shows_near_misses_and_why() {
    let output = tupu(&["explain", "--text", "设立党员先锋岗位，推行“党建+客户服务”模式"]);
    assert_success(&output);
    let report = stdout(&output);
    assert!(report.contains("found   党建+客户服务  →  mechanism:党建+客户服务"), "{report}");
    assert!(report.contains("missed  党员先锋岗  →  mechanism:党员先锋岗"), "{report}");
    assert!(report.contains("not taken: not a whole word: it cuts the word `岗位`"), "{report}");
    assert!(report.contains("by pattern `党建加` (rules/mechanisms.toml:"), "{report}");
}

#[test]
fn a_contraction_of_nothing_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.toml"), "[actors]\ncontractions = { \"科技大学\" = \"\" }\n").unwrap();
    let output = tupu(&["rules", "check", "--rules", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let report = stderr(&output);
    assert!(report.contains("x.toml:2:27: error: contraction `科技大学` = `` contracts nothing"), "{report}");
}

/// `explain` shows the short forms a name makes evident, where the build finds them.
#[test]
fn explain_shows_evident_short_forms() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("short.txt");
    std::fs::write(&file, "\n宝澜能源助力宁夏煤化工发展\n\n　　宁夏宝澜能源集团与星海县委组织部签约。\n").unwrap();
    let output = tupu(&["explain", "宝澜能源", file.to_str().unwrap()]);
    assert_success(&output);
    let report = stdout(&output);
    assert!(report.starts_with("宝澜能源: 1 match(es) in 1 file(s) read"), "{report}");
    assert!(report.contains(":2:1  宝澜能源  →  enterprise:宁夏宝澜能源集团"), "{report}");
    assert!(report.contains("rule:    short form of `宁夏宝澜能源集团` at "), "{report}");
}
