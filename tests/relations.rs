//! Relations on news: the article's subject and each sentence's actor practise and
//! invoke; the press its credit names is the source, never an actor.

mod common;

use common::*;

/// The (relation, source, target) triples of a graph, authors' edges left out.
fn links(graph: &serde_json::Value) -> Vec<(String, String, String)> {
    graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["source"].as_str().unwrap().starts_with("author:"))
        .map(|e| {
            let text = |key: &str| e[key].as_str().unwrap().to_owned();
            (text("relation"), text("source"), text("target"))
        })
        .collect()
}

/// Builds the graph of one file holding `text`, named `name`; its output folder.
fn build_text(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, text).unwrap();
    let (out, output) = build(&[&file], &[]);
    assert_success(&output);
    out
}

/// The first article's row of `articles.tsv`.
fn first_article(out: &tempfile::TempDir) -> String {
    let articles = std::fs::read_to_string(out.path().join("articles.tsv")).unwrap();
    articles.lines().nth(1).unwrap().to_owned()
}

/// `mentions.csv` of a build, and how often the first row holding `id` counts it.
fn mention_counts(out: &tempfile::TempDir) -> (String, impl Fn(&str) -> String) {
    let mentions = std::fs::read_to_string(out.path().join("mentions.csv")).unwrap();
    let rows = mentions.clone();
    let count = move |id: &str| {
        rows.lines().find(|l| l.contains(id)).and_then(|l| l.split(',').nth(2)).unwrap_or_default().to_owned()
    };
    (mentions, count)
}

fn has(links: &[(String, String, String)], relation: &str, source: &str, target: &str) -> bool {
    links.iter().any(|(r, s, t)| r == relation && s == source && t == target)
}

#[test]
fn the_subject_and_the_sentences_actor_practise_and_invoke() {
    let (out, output) = build(&[&fixture("relations/news_subject.txt")], &[]);
    assert_success(&output);
    let links = links(&read_graph(out.path()));
    // The headline names the subject: what the story describes is its practice, even
    // where a sentence names only `集团党委`.
    assert!(has(&links, "practises", "enterprise:星海能源集团", "mechanism:党建+安全"), "{links:#?}");
    assert!(has(&links, "practises", "enterprise:星海能源集团", "mechanism:安全积分"), "{links:#?}");
    assert!(has(&links, "invokes", "enterprise:星海能源集团", "slogan:习近平新时代中国特色社会主义思想"));
    // A sentence that names its own actor says who does it: the county's department,
    // not the subject named after the mechanism.
    assert!(has(&links, "practises", "unit:星海县委组织部", "mechanism:积分超市"), "{links:#?}");
    assert!(!has(&links, "practises", "enterprise:星海能源集团", "mechanism:积分超市"), "{links:#?}");
    // The paper is the story's source: no node, no actor.
    assert!(links.iter().all(|(_, s, t)| !s.contains("人民日报") && !t.contains("人民日报")), "{links:#?}");
    let articles = std::fs::read_to_string(out.path().join("articles.tsv")).unwrap();
    let header: Vec<&str> = articles.lines().next().unwrap().split('\t').collect();
    let row: Vec<&str> = articles.lines().nth(1).unwrap().split('\t').collect();
    let column = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!((column("unit"), column("source"), column("subjects")), ("", "人民日报", "星海能源集团"));
}

#[test]
fn the_centre_is_no_actor() {
    let out = build_text(
        "centre.txt",
        "星海公司召开党委会\n\n　　会议强调，要坚决维护党中央权威，增强“四个意识”。星海公司推行“党建+安全”模式。\n",
    );
    let links = links(&read_graph(out.path()));
    assert!(links.iter().all(|(_, s, _)| s != "unit:党中央"), "{links:#?}");
    assert!(has(&links, "invokes", "enterprise:星海公司", "slogan:四个意识"), "{links:#?}");
}

/// The centre acts where it is the subject of its clause, and organisations listed
/// together act together.
#[test]
fn the_centre_opening_its_clause_acts_and_a_list_acts_together() {
    let out = build_text("clause.txt", "党建工作综述

　　党的十八大以来，以习近平同志为核心的党中央高度重视党支部建设，把全面从严治党落实到每个支部。         星海公司、星澜集团和星澜物流公司推行“党建+安全”模式。         各级党组织要同党中央保持高度一致，增强“四个意识”。
");
    let links = links(&read_graph(out.path()));
    assert!(has(&links, "invokes", "unit:党中央", "slogan:全面从严治党"), "{links:#?}");
    // `同党中央保持`: the centre after a preposition is no actor.
    assert!(!has(&links, "invokes", "unit:党中央", "slogan:四个意识"), "{links:#?}");
    for company in ["enterprise:星海公司", "enterprise:星澜集团", "enterprise:星澜物流公司"] {
        assert!(has(&links, "practises", company, "mechanism:党建+安全"), "{company}: {links:#?}");
    }
}

#[test]
fn part_of_by_name_and_by_statement() {
    let out = build_text(
        "parts.txt",
        "星海集团深化改革\n\n　　星海集团旗下的星澜物流公司推行“党建+安全”模式。\
         中国移动湖北公司也建立了“安全积分”制度。中国移动与星海集团签约。\n",
    );
    let links = links(&read_graph(out.path()));
    // Stated: the organisation before `旗下` owns the one after it.
    assert!(has(&links, "part_of", "enterprise:星澜物流公司", "enterprise:星海集团"), "{links:#?}");
    // By name: a name that begins with another organisation of the article.
    assert!(has(&links, "part_of", "enterprise:中国移动湖北公司", "enterprise:中国移动通信集团有限公司"), "{links:#?}");
    // Two organisations side by side, without a marker, are not parts of each other.
    assert!(
        !links.iter().any(|(r, s, t)| r == "part_of" && s.contains("中国移动通信") && t.contains("星海")),
        "{links:#?}"
    );
}

/// A name may begin with the short form another's name makes evident, where the article
/// names that other in full only: a part where the rest names one (a place), not where
/// it is a line of business, the same company named longer.
#[test]
fn part_of_by_an_evident_short_form() {
    let out = build_text(
        "short_parts.txt",
        "\n海外市场开拓有成\n\n　　宝澜巨石股份有限公司总裁说，宝澜巨石埃及玻璃纤维股份有限公司推行“党建+安全”模式。\
         成都星茂集团与成都星茂投资集团有限公司签约。\n",
    );
    let links = links(&read_graph(out.path()));
    assert!(
        has(&links, "part_of", "enterprise:宝澜巨石埃及玻璃纤维股份有限公司", "enterprise:宝澜巨石股份有限公司"),
        "{links:#?}"
    );
    assert!(!links.iter().any(|(r, s, _)| r == "part_of" && s.contains("星茂")), "{links:#?}");
}

/// A university's contracted name (`北京科技大学` → `北科大`, a place of two characters
/// contracted to its first) opens its bodies' names: they are part of it.
#[test]
fn part_of_by_a_contracted_name() {
    let out = build_text(
        "contracted.txt",
        "\n高校开展主题教育\n\n　　北京科技大学扎实开展主题教育。北科大党委组织党员学习。\n",
    );
    let links = links(&read_graph(out.path()));
    assert!(has(&links, "part_of", "unit:北科大党委", "unit:北京科技大学"), "{links:#?}");
}

/// Two organisations' names side by side are their joint name, part of neither.
#[test]
fn a_joint_name_is_part_of_neither() {
    let out =
        build_text("joint.txt", "\n纪检监察新闻\n\n　　中央纪委召开会议。中央纪委国家监委要求推行“一案双查”制度。\n");
    let links = links(&read_graph(out.path()));
    assert!(!links.iter().any(|(r, _, _)| r == "part_of"), "{links:#?}");
}

/// What the heading names belongs to every subject, not to the one it names last.
#[test]
fn a_slogan_in_the_heading_is_every_subjects() {
    let out = build_text(
        "heading.txt",
        "星海公司、星澜集团扎实开展主题教育——\n牢记“两个维护”\n\n　　连日来，星海公司组织党员学习。星澜集团召开专题会议。\n",
    );
    let links = links(&read_graph(out.path()));
    for company in ["enterprise:星海公司", "enterprise:星澜集团"] {
        assert!(has(&links, "invokes", company, "slogan:两个维护"), "{company}: {links:#?}");
    }
}

/// The centre is never a subject, unless a heading opens with it: then the story is of
/// its meeting or its document.
#[test]
fn a_heading_opened_by_the_centre_makes_it_the_subject() {
    let out = build_text(
        "meeting.txt",
        "\n中共中央政治局召开会议\n审议报告 习近平主持会议\n\n　　新华社北京1月16日电  中共中央政治局1月16日召开会议。会议强调，要增强“四个意识”。\n",
    );
    let row = first_article(&out);
    assert!(row.ends_with("\t中共中央政治局"), "{row}");
    let links = links(&read_graph(out.path()));
    assert!(has(&links, "invokes", "unit:中共中央政治局", "slogan:四个意识"), "{links:#?}");
    // Not where it names people's bodies: the leaders act, each as they say.
    let out = build_text(
        "leaders.txt",
        "\n中共中央政治局、国务院等领导同志分别参加审议\n\n　　新华社北京5月23日电  会上，大家表示要增强“四个意识”。\n",
    );
    let leaders = self::links(&read_graph(out.path()));
    assert!(!leaders.iter().any(|(r, s, _)| r == "invokes" && s == "unit:中共中央政治局"), "{leaders:#?}");
    // A deputy's remark is no body's act: neither the bodies of the speaker's titles nor
    // the bodies the heading names as the leaders'.
    let out = build_text(
        "deputies.txt",
        "\n星海省委、星海省政府等领导同志参加审议\n\n　　星海省委书记张三在参加星海代表团审议时说，要增强“四个意识”。\n",
    );
    let deputies = self::links(&read_graph(out.path()));
    assert!(!deputies.iter().any(|(r, _, t)| r == "invokes" && t == "slogan:四个意识"), "{deputies:#?}");
}

/// Text no header claims (no byline) still has a headline when its first line is all
/// its title says: a meeting's report opened by `中共中央政治局召开会议`.
#[test]
fn the_first_line_of_unattributed_text_is_its_headline() {
    let subtitle = format!(
        "审议《{}》星海总书记主持会议",
        "关于星海公司工作情况的综合报告和关于星澜集团工作情况的综合报告".repeat(4)
    );
    let text = format!(
        "\n中共中央政治局召开会议\n{subtitle}\n\n　　新华社北京1月16日电  中共中央政治局1月16日召开会议。会议强调，要增强“四个意识”。\n"
    );
    let out = build_text("dispatch.txt", &text);
    let row = first_article(&out);
    assert!(row.contains("\ttext\t") && row.ends_with("\t中共中央政治局"), "{row}");
}

/// A company named in full is named again without its legal form, in the headline too:
/// `宝澜能源` is `宁夏宝澜能源集团`, so the headline names the subject. Common words left
/// of a legal form (`产业投资` of `…产业投资集团有限公司`) name no one.
#[test]
fn a_name_less_its_legal_form_is_its_short_form() {
    let out = build_text(
        "short.txt",
        "\n宝澜能源助力宁夏煤化工发展\n\n　　宁夏宝澜能源集团与星海县委组织部签约。\n　　宝澜能源积极响应“一带一路”建设，推行“党建+安全”模式。\n　　成都星海产业投资集团有限公司也参与其中，产业投资规模扩大。\n",
    );
    let row = first_article(&out);
    assert!(row.ends_with("\t宁夏宝澜能源集团"), "{row}");
    let links = links(&read_graph(out.path()));
    assert!(has(&links, "practises", "enterprise:宁夏宝澜能源集团", "mechanism:党建+安全"), "{links:#?}");
    assert!(has(&links, "invokes", "enterprise:宁夏宝澜能源集团", "slogan:一带一路"), "{links:#?}");
    let (mentions, count) = mention_counts(&out);
    assert_eq!(count("enterprise:宁夏宝澜能源集团"), "3", "{mentions}");
    assert_eq!(count("enterprise:成都星海产业投资集团有限公司"), "1", "{mentions}");
}

/// A place acting (`凤凰县制定…`) names its own actor, though it is no organisation: the
/// subject does not practise what the county set up. Its own body does act.
#[test]
fn a_place_acting_is_not_the_subject() {
    let out = build_text(
        "place.txt",
        "\n星海集团深化党建工作\n\n　　星海集团推行“党建+安全”模式。\n　　为落实清单管理，凤凰县制定“积分超市”制度。\n　　凤凰县委组织部推行“一线工作法”。\n",
    );
    let links = links(&read_graph(out.path()));
    assert!(has(&links, "practises", "enterprise:星海集团", "mechanism:党建+安全"), "{links:#?}");
    assert!(!links.iter().any(|(r, _, t)| r == "practises" && t == "mechanism:积分超市"), "{links:#?}");
    assert!(has(&links, "practises", "unit:凤凰县委组织部", "mechanism:一线工作法"), "{links:#?}");
    // Where the subject is the place's own body, the place acting is the subject acting.
    let out = build_text(
        "own_place.txt",
        "\n星海县探索清单制度\n\n　　星海县委要求各村梳理重要事权。\n　　为落实清单管理，星海县制定“积分超市”制度。\n",
    );
    let own = self::links(&read_graph(out.path()));
    assert!(has(&own, "practises", "unit:星海县委", "mechanism:积分超市"), "{own:#?}");
}

/// A name a pattern found is that concept wherever the article names it again: the
/// branch that set up `“星级家庭”` without its head word (`评比`) practises it.
#[test]
fn a_found_name_is_found_again() {
    let out = build_text(
        "again.txt",
        "\n星海县推行家庭积分管理\n\n　　星海县委组织部每季度开展一次“星级家庭”评比。\n　　去年6月，星海村党支部评比出“星级家庭”并挂牌。\n",
    );
    let links = links(&read_graph(out.path()));
    assert!(has(&links, "practises", "unit:星海村党支部", "mechanism:星级家庭"), "{links:#?}");
    assert!(has(&links, "practises", "unit:星海县委组织部", "mechanism:星级家庭"), "{links:#?}");
}

/// A branch named after its parent goes by its own part alone (`湖北省分行` of
/// `交通银行湖北省分行`), and a short form a rule finds by itself in a list
/// (`宝澜能源、星茂集团等企业`) is the company named in full: one node each.
#[test]
fn a_branch_goes_by_its_own_part_and_short_forms_are_one_node() {
    let out = build_text(
        "branch.txt",
        "\n交通银行湖北省分行助企复工\n\n　　交通银行湖北省分行推行“党建+金融”模式。\n　　湖北省分行开展“百行进万企”活动。\n　　宁夏宝澜能源集团参与其中。宝澜能源、星茂集团等企业受益。\n",
    );
    let graph = read_graph(out.path());
    let ids: Vec<&str> = graph["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"enterprise:交通银行湖北省分行"), "{ids:?}");
    assert!(!ids.iter().any(|id| id.ends_with(":湖北省分行")), "{ids:?}");
    assert!(!ids.contains(&"enterprise:宝澜能源"), "{ids:?}");
    let (mentions, count) = mention_counts(&out);
    assert_eq!(count("enterprise:宁夏宝澜能源集团,"), "2", "{mentions}");
    assert_eq!(count("enterprise:交通银行湖北省分行,"), "3", "{mentions}");
}

/// A body named after the body above it that the rules know (`国务院国资委`) goes by its
/// own name in that article (`国资委`): one node, which acts there.
#[test]
fn a_body_goes_by_its_own_name_after_its_superiors() {
    let out = build_text(
        "own_name.txt",
        "\n央企运行质量稳步提升\n\n　　国务院国资委秘书长张三介绍了情况。\n　　今年国资委将开展“星海提质”专项行动。\n",
    );
    let graph = read_graph(out.path());
    let ids: Vec<&str> = graph["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert!(!ids.contains(&"unit:国资委"), "{ids:?}");
    let (_, count) = mention_counts(&out);
    assert_eq!(count("unit:国务院国有资产监督管理委员会,"), "2");
    // Not a kind of body every congress has: `常委会` of `全国人大常委会`.
    let out =
        build_text("kind_of_body.txt", "\n简报\n\n　　全国人大常委会召开会议。\n　　各级人大及其常委会要依法履职。\n");
    let (_, count) = mention_counts(&out);
    assert_eq!(count("unit:全国人民代表大会常务委员会,"), "1");
}

/// A clause opened by an actor that is no organisation (`国家`) is not the subject's
/// doing, and what was broken (`违反…`) is not practised.
#[test]
fn the_state_acts_and_breaches_are_no_practice() {
    let out = build_text(
        "others.txt",
        "\n星海集团深化改革\n\n　　星海集团推行“党建+安全”模式。\n　　国家先后将星海纳入“一带一路”建设的重要节点。\n　　一名干部因违反中央八项规定精神被处分。\n　　星海集团坚持“一线工作法”。\n",
    );
    let links = links(&read_graph(out.path()));
    assert!(has(&links, "practises", "enterprise:星海集团", "mechanism:党建+安全"), "{links:#?}");
    assert!(has(&links, "practises", "enterprise:星海集团", "mechanism:一线工作法"), "{links:#?}");
    assert!(!has(&links, "invokes", "enterprise:星海集团", "slogan:一带一路"), "{links:#?}");
    assert!(!links.iter().any(|(r, _, t)| r == "practises" && t.contains("八项规定")), "{links:#?}");
}

/// An organisation named after a mention acts for it only as the subject of its clause:
/// the body a report is sent to (`报送星海县委组织部`) does not practise what it reports.
#[test]
fn an_organisation_after_a_mention_acts_only_opening_its_clause() {
    let out = build_text(
        "after.txt",
        "\n各地总结经验\n\n　　各乡镇就“星海积分”制度落实情况形成报告，报送星海县委组织部。\n　　围绕“一线工作法”，星海集团组织全员培训。\n",
    );
    let links = links(&read_graph(out.path()));
    assert!(!has(&links, "practises", "unit:星海县委组织部", "mechanism:星海积分"), "{links:#?}");
    assert!(has(&links, "practises", "enterprise:星海集团", "mechanism:一线工作法"), "{links:#?}");
}

/// The organisations a clause names after a preposition that opens it are its object:
/// the company the story is about signs, not the county it signs with.
#[test]
fn an_organisation_after_a_preposition_does_not_act() {
    let out = build_text(
        "partner.txt",
        "\n星海集团深化改革\n\n　　与星海县委组织部联合推行“党建+安全”模式。\n　　向星海市政府报送“一线工作法”经验。\n",
    );
    let links = links(&read_graph(out.path()));
    assert!(has(&links, "practises", "enterprise:星海集团", "mechanism:党建+安全"), "{links:#?}");
    assert!(has(&links, "practises", "enterprise:星海集团", "mechanism:一线工作法"), "{links:#?}");
    assert!(!links.iter().any(|(r, s, _)| r == "practises" && s.starts_with("unit:")), "{links:#?}");
}

/// A partner brought in by a companion word (`联合`, `会同`) does not act: the
/// organisation before that word does, or, where the word opens the clause, the story's.
#[test]
fn a_partner_does_not_act() {
    let out = build_text(
        "companion.txt",
        "\n星海新闻\n\n　　星海银行联合星海县发改委建立“融资直通车”机制。\n　　星海集团携手星海县委组织部推行“一线工作法”。\n",
    );
    let links = links(&read_graph(out.path()));
    assert!(has(&links, "practises", "enterprise:星海银行", "mechanism:融资直通车"), "{links:#?}");
    assert!(has(&links, "practises", "enterprise:星海集团", "mechanism:一线工作法"), "{links:#?}");
    assert!(!links.iter().any(|(r, s, _)| r == "practises" && s.starts_with("unit:")), "{links:#?}");
}

/// What an article opposes (`严禁“三高”项目`, after a pattern's `not_after` word) is no
/// mechanism of it, where it names it without the word too.
#[test]
fn what_an_article_opposes_is_no_mechanism_of_it() {
    let out = build_text(
        "opposed.txt",
        "\n星海守住生态红线\n\n　　星海县严禁“三高”项目进园区。\n　　星海县明确“三高”项目范围，推行“绿色账本”制度。\n",
    );
    let (mentions, _) = mention_counts(&out);
    assert!(!mentions.contains("三高"), "{mentions}");
    assert!(mentions.contains("mechanism:“绿色账本”制度") || mentions.contains("mechanism:绿色账本"), "{mentions}");
}

/// A head named alone refers back to the quoted name it followed (`[actors]
/// back_references`): after `“不忘初心、牢记使命”主题教育`, `开展主题教育` names that
/// slogan; right after the name it is that same mention, and with no quoted name before
/// it, nothing.
#[test]
fn a_head_alone_refers_back_to_its_quoted_name() {
    let out = build_text(
        "back.txt",
        "\n星海集团开展“不忘初心、牢记使命”主题教育\n\n　　近日，星海县委组织部扎实开展主题教育。\n",
    );
    let links = links(&read_graph(out.path()));
    assert!(has(&links, "invokes", "unit:星海县委组织部", "slogan:不忘初心、牢记使命"), "{links:#?}");
    let (_, count) = mention_counts(&out);
    assert_eq!(count("slogan:不忘初心、牢记使命"), "2", "the heading's one mention and the body's");
    let out = build_text("alone.txt", "\n星海新闻\n\n　　近日，星海县委组织部扎实开展主题教育。\n");
    let (mentions, _) = mention_counts(&out);
    assert!(!mentions.contains("slogan:"), "{mentions}");
}

/// A name holds a slogan whole or not at all: the research centre named after one is
/// one unit, with the university before it, not `时代…研究中心`.
#[test]
fn a_name_holds_a_slogan_whole() {
    let out = build_text(
        "centre.txt",
        "\n星海大学举办研讨会\n\n　　星海大学习近平新时代中国特色社会主义思想研究中心主任张三说，要加强学习。\n",
    );
    let (mentions, _) = mention_counts(&out);
    assert!(mentions.contains("unit:星海大学习近平新时代中国特色社会主义思想研究中心,"), "{mentions}");
    assert!(!mentions.contains("unit:时代"), "{mentions}");
}

/// A quoted speech names its speaker's practice: the organisation named with the
/// speaker right after the speech (or before its colon), not the story's subject.
#[test]
fn a_quoted_speech_is_its_speakers_organisations() {
    let out = build_text(
        "speech.txt",
        "\n星海集团深化改革\n\n　　星海集团推行“党建+安全”模式。\n　　“我们还推行了‘一线工作法’，效果很好。”星海县委组织部部长张三说。\n　　星海市委书记李四介绍：“全市统一部署。各村推行‘星海积分’制度。”\n",
    );
    let links = links(&read_graph(out.path()));
    assert!(has(&links, "practises", "enterprise:星海集团", "mechanism:党建+安全"), "{links:#?}");
    assert!(has(&links, "practises", "unit:星海县委组织部", "mechanism:一线工作法"), "{links:#?}");
    assert!(!has(&links, "practises", "enterprise:星海集团", "mechanism:一线工作法"), "{links:#?}");
    assert!(has(&links, "practises", "unit:星海市委", "mechanism:星海积分"), "{links:#?}");
    // Of a name and the known name it holds (`国务院国资委` of its research centre), the
    // longer speaks.
    let out = build_text(
        "nested.txt",
        "\n星海集团深化改革\n\n　　星海集团推行“党建+安全”模式。\n　　“我们推行了‘一线工作法’，效果很好。”国务院国资委研究中心主任张三说。\n",
    );
    let nested = self::links(&read_graph(out.path()));
    assert!(has(&nested, "practises", "unit:国务院国资委研究中心", "mechanism:一线工作法"), "{nested:#?}");
    let parent = "unit:国务院国有资产监督管理委员会";
    assert!(!has(&nested, "practises", parent, "mechanism:一线工作法"), "{nested:#?}");
    // And so it acts where it opens the clause after the mechanism.
    let out = build_text(
        "nested_after.txt",
        "\n星海集团深化改革\n\n　　星海集团推行“党建+安全”模式。\n　　为落实“星海积分”制度，国务院国资委研究中心制定了方案。\n",
    );
    let nested = self::links(&read_graph(out.path()));
    assert!(has(&nested, "practises", "unit:国务院国资委研究中心", "mechanism:星海积分"), "{nested:#?}");
    assert!(!has(&nested, "practises", parent, "mechanism:星海积分"), "{nested:#?}");
}

/// A headline's column label names the paper's series in its own words: its slogans are
/// mentioned, not invoked by the story's subject; what it quotes is what the series is
/// about, which the subject does.
#[test]
fn a_column_label_is_the_papers_series() {
    let out = build_text(
        "column.txt",
        "\n星海集团深化改革（守初心 担使命 找差距 抓落实·深入开展“不忘初心、牢记使命”主题教育）\n\n　　星海集团推行“党建+安全”模式。\n",
    );
    let links = links(&read_graph(out.path()));
    let (mentions, _) = mention_counts(&out);
    assert!(mentions.contains("slogan:守初心、担使命，找差距、抓落实"), "{mentions}");
    assert!(has(&links, "invokes", "enterprise:星海集团", "slogan:不忘初心、牢记使命"), "{links:#?}");
    assert!(!has(&links, "invokes", "enterprise:星海集团", "slogan:守初心、担使命，找差距、抓落实"), "{links:#?}");
}

/// A hospital named as a university's (`某某大学附属第二医院`) is one unit, part of the
/// university its name names before `附属`.
#[test]
fn an_affiliated_body_is_part_of_the_one_it_names() {
    let out = build_text("affiliated.txt", "\n简报\n\n　　星海医科大学附属第二医院组建党员突击队。\n");
    let links = links(&read_graph(out.path()));
    let hospital = "unit:星海医科大学附属第二医院";
    assert!(has(&links, "part_of", hospital, "unit:星海医科大学"), "{links:#?}");
    assert!(has(&links, "practises", hospital, "mechanism:党员突击队"), "{links:#?}");
}

/// A body named right after an organisation found in the text is that organisation's,
/// even where its own walk left stops at a verb the organisation's name holds.
#[test]
fn a_body_after_a_found_name_is_part_of_it() {
    let out = build_text("body.txt", "\n星海镇简报\n\n　　星海镇工业开发有限公司党支部组织党员学习。\n");
    let links = links(&read_graph(out.path()));
    assert!(
        has(&links, "part_of", "unit:星海镇工业开发有限公司党支部", "enterprise:星海镇工业开发有限公司"),
        "{links:#?}"
    );
}

/// An article's subject names in its story every other organisation of the article,
/// once, wherever it stands; an article without a subject links none so.
#[test]
fn the_subject_names_the_organisations_of_its_story() {
    let out = build_text(
        "story.txt",
        "\n星海集团深化党建工作\n\n　　星海集团推行“党建+安全”模式。\n　　记者了解到，星海县委组织部今年在全县推广。\n　　星海银行、星澜电力公司也派员学习。\n",
    );
    let story = links(&read_graph(out.path()));
    for other in ["unit:星海县委组织部", "enterprise:星海银行", "enterprise:星澜电力公司"] {
        assert!(has(&story, "story_names", "enterprise:星海集团", other), "{other}: {story:#?}");
    }
    assert_eq!(story.iter().filter(|(r, _, _)| r == "story_names").count(), 3, "{story:#?}");
    // Two organisations of a story without a subject (a heading and a lede naming
    // none, none named most) are named together, not in each other's story.
    let out =
        build_text("no_subject.txt", "\n简讯\n\n　　近日各地开展活动。\n\n　　星海银行开业，星澜电力公司检修线路。\n");
    let unrelated = links(&read_graph(out.path()));
    assert!(!unrelated.iter().any(|(r, _, _)| r == "story_names"), "{unrelated:#?}");
}
