//! `tupu articles`: the seed pages against a table written by reading them, and one
//! fixture per layout trait.

mod common;

use common::*;

/// One row of `tupu articles` output.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    file: String,
    kind: String,
    title: String,
    authors: String,
    unit: String,
    first_line: u32,
    last_line: u32,
    kicker: String,
    subtitle: String,
    continued: String,
    source: String,
    subjects: String,
}

fn articles(paths: &[&str]) -> Vec<Row> {
    let mut args = vec!["articles"];
    args.extend(paths);
    let output = tupu(&args);
    assert_success(&output);
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("file\t#\ttype\ttitle\tauthors\tunit\tchars\tlines\tkicker\tsubtitle\tcontinued\tsource\tsubjects")
    );
    lines
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 13, "{line}");
            let (first, last) = fields[7].split_once('-').unwrap();
            Row {
                file: fields[0].rsplit('/').next().unwrap().to_owned(),
                kind: fields[2].to_owned(),
                title: fields[3].to_owned(),
                authors: fields[4].to_owned(),
                unit: fields[5].to_owned(),
                first_line: first.parse().unwrap(),
                last_line: last.parse().unwrap(),
                kicker: fields[8].to_owned(),
                subtitle: fields[9].to_owned(),
                continued: fields[10].to_owned(),
                source: fields[11].to_owned(),
                subjects: fields[12].to_owned(),
            }
        })
        .collect()
}

fn authored(rows: &[Row]) -> Vec<(String, String, String, String)> {
    rows.iter()
        .filter(|r| r.kind == "article")
        .map(|r| (r.file[..3].to_owned(), r.title.clone(), r.authors.clone(), r.unit.clone()))
        .collect()
}

fn find<'r>(rows: &'r [Row], title: &str) -> &'r Row {
    rows.iter().find(|r| r.title == title).unwrap_or_else(|| panic!("no article titled {title}: {rows:#?}"))
}

/// Every authored article of the five seed pages, as read by a person: file, title,
/// authors, unit.
const SEED_ARTICLES: &[(&str, &str, &str, &str)] = &[
    ("000", "“党建+”为笔 绘国有企业发展蓝图", "张国强", "聊城水务集团"),
    ("000", "国有企业党组织建设质量提升探索", "张银萍", "山东高速青岛发展有限公司"),
    ("000", "孔繁森精神与枫桥经验融合创新浅析", "沈意、孔宪军", ""),
    ("000", "让聊城非遗在数字时代绽放光彩", "徐胤", ""),
    ("000", "检验结果导向的职业人群体重管理信息共享机制研究", "金增秀", ""),
    ("001", "国有企业党建工作与生产经营工作融合路径探索", "赵丽娜", "山东高速青岛发展有限公司"),
    ("001", "以思想宣传为翼 助财务公司绘就高质量发展新篇章", "孙海峰", "山东能源集团财务有限公司"),
    ("001", "煤矿去产能关井后基层思想政治工作的强化路径研究", "李大伟", "山东八一煤电化有限公司"),
    ("001", "国有企业思想政治工作实践与创新路径", "戚成志", "济南建工集团有限公司党群工作部"),
    ("002", "新业态新就业群体党建工作的经验启示", "牟凤娇", "奎文区委党校"),
    ("002", "努力提升领导干部文化素养", "徐金芹", "潍坊市委党校"),
    ("002", "坚持好、完善好、运行好人民代表大会制度", "张文刚、乔泰运", "潍坊市委党校"),
    ("002", "加快推进传统产业转型升级", "汲淑艳", "昌邑市委党校"),
    ("003", "推动国有企业思想政治工作守正创新", "刘莹", "山西焦煤霍州煤电新闻中心"),
    ("003", "新时期国有企业基层党建工作的创新路径", "王涛", "山西汾河焦煤股份有限公司三交河煤矿"),
    ("003", "党建与国企中心工作创新融合的理论探索", "张倩", "山西汾河焦煤股份有限公司"),
    ("004", "关爱外出创业职工 推动“手拉手”服务升级", "宋丹", "山东华新建筑工程集团有限责任公司"),
    ("004", "联系服务职工零距离 释放党建工作正能量的探索与研究", "孙辉", "兖煤菏泽能化有限公司赵楼煤矿"),
    ("004", "淬炼红色匠魂 奋进时代新程 锻造百年企业", "杜令瑞", "山东菏建国有资本投资有限公司"),
];

#[test]
fn seed_articles_match_the_table_read_by_hand() {
    let rows = articles(&["seeds"]);
    let expected: Vec<_> =
        SEED_ARTICLES.iter().map(|&(f, t, a, u)| (f.to_owned(), t.to_owned(), a.to_owned(), u.to_owned())).collect();
    let mut found = authored(&rows);
    found.sort();
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();
    assert_eq!(found, expected_sorted);
}

#[test]
fn seed_bodies_go_to_the_right_titles() {
    let rows = articles(&["seeds"]);
    // 003 prints two headers together, then 王涛's body (closed by its unit note), then
    // 刘莹's; position alone would swap them.
    let wang = find(&rows, "新时期国有企业基层党建工作的创新路径");
    assert_eq!((wang.first_line, wang.last_line), (4, 434));
    let liu = find(&rows, "推动国有企业思想政治工作守正创新");
    assert_eq!((liu.first_line, liu.last_line), (1, 648));
    // 002 prints its headers after the bodies, two together in the opposite order of
    // the bodies, and a lead paragraph after the headers (lines 218–238).
    let mou = find(&rows, "新业态新就业群体党建工作的经验启示");
    assert_eq!((mou.first_line, mou.last_line), (1, 238));
    let xu = find(&rows, "努力提升领导干部文化素养");
    assert_eq!((xu.first_line, xu.last_line), (132, 203));
    // The 人大 article's lead follows its header (lines 359–364).
    let npc = find(&rows, "坚持好、完善好、运行好人民代表大会制度");
    assert_eq!((npc.first_line, npc.last_line), (240, 364));
    // Boxes and notices are kept, without authors.
    let boxes: Vec<_> = rows.iter().filter(|r| r.kind == "box").map(|r| (&r.file[..3], r.first_line)).collect();
    assert_eq!(boxes, [("002", 208), ("002", 469)]);
    let texts: Vec<_> = rows.iter().filter(|r| r.kind == "text").map(|r| (&r.file[..3], r.first_line)).collect();
    // The auction notice, and the news item continued from page 1 (its title stands above
    // `（上接1版）`).
    assert_eq!(texts, [("003", 884), ("003", 946)]);
    assert!(rows.iter().filter(|r| r.kind != "article").all(|r| r.authors.is_empty()));
}

fn fixture_path(name: &str) -> String {
    fixture("layout").join(name).to_string_lossy().into_owned()
}

/// Builds one fixture and returns its graph.
fn graph_of(name: &str) -> serde_json::Value {
    let (out, output) = build(&[std::path::Path::new(&fixture_path(name))], &["--quiet", "--view", "articles"]);
    assert_success(&output);
    read_graph(out.path())
}

/// The (line, column) of the first evidence of `concept`.
fn first_evidence(graph: &serde_json::Value, concept: &str) -> (u64, u64) {
    let edges = mentions_of(graph, concept);
    assert!(!edges.is_empty(), "{concept} not found");
    let evidence = &edges[0]["evidence"][0];
    (evidence["line"].as_u64().unwrap(), evidence["column"].as_u64().unwrap())
}

#[test]
fn lines_wrapped_inside_sentences_and_words() {
    let graph = graph_of("wrapped.txt");
    // “两个维\n护” after a blank line in mid-sentence: found, and located at its start.
    assert_eq!(first_evidence(&graph, "slogan:两个维护"), (5, 2));
    assert_eq!(first_evidence(&graph, "slogan:四个意识"), (3, 13));
    let sentence = mentions_of(&graph, "slogan:两个维护")[0]["evidence"][0]["sentence"].as_str().unwrap().to_owned();
    assert_eq!(
        sentence,
        "国有企业作为党领导的国家治理体系的重要组成部分，必须把党的政治建设摆在首位，切实增强“四个意识”、做到“两个维护”，确保党和国家方针政策在企业贯彻执行。"
    );
}

#[test]
fn headings_with_every_character_doubled() {
    let graph = graph_of("doubled.txt");
    // 坚坚持持““两两个个维维护护”” reads 坚持“两个维护”; the match points at the first 两.
    assert_eq!(first_evidence(&graph, "slogan:两个维护"), (1, 8));
}

#[test]
fn characters_spread_by_spaces() {
    let graph = graph_of("spread.txt");
    // Columns count the characters of the source line, spaces included.
    assert_eq!(first_evidence(&graph, "slogan:四个意识"), (3, 9));
}

#[test]
fn full_width_spaces() {
    let graph = graph_of("fullwidth.txt");
    // Two ideographic spaces of indentation come first.
    assert_eq!(first_evidence(&graph, "slogan:四个自信"), (1, 8));
    assert_eq!(first_evidence(&graph, "mechanism:三会一课"), (2, 4));
}

#[test]
fn vertical_titles_and_names() {
    let rows = articles(&[&fixture_path("vertical.txt")]);
    let row = find(&rows, "检验结果导向的职业研究");
    assert_eq!((row.kind.as_str(), row.authors.as_str()), ("article", "金增秀"));
    assert_eq!(row.first_line, 1);
}

#[test]
fn markdown_headings() {
    let rows = articles(&[&fixture_path("markdown.md")]);
    assert_eq!(
        authored(&rows),
        [(
            "mar".into(),
            "关爱外出创业职工 推动“手拉手”服务升级".into(),
            "宋丹".into(),
            "山东华新建筑工程集团有限责任公司".into()
        )]
    );
    let graph = graph_of("markdown.md");
    let unit =
        graph["nodes"].as_array().unwrap().iter().find(|n| n["id"] == "enterprise:山东华新建筑工程集团有限责任公司");
    assert!(unit.is_some(), "the unit is an enterprise node");
    let wrote: Vec<_> = graph["edges"].as_array().unwrap().iter().filter(|e| e["relation"] == "wrote").collect();
    assert_eq!(wrote.len(), 1);
    assert_eq!(wrote[0]["source"], "author:宋丹");
}

#[test]
fn headers_before_bodies_two_titles_together_unit_notes_broken_across_lines() {
    let rows = articles(&[&fixture_path("before.txt")]);
    assert_eq!(
        authored(&rows),
        [
            ("bef".into(), "推动国有企业思想政治工作守正创新".into(), "刘莹".into(), "山西焦煤霍州煤电新闻中心".into()),
            (
                "bef".into(),
                "新时期国有企业基层党建工作的创新路径".into(),
                "王涛".into(),
                "山西汾河焦煤股份有限公司三交河煤矿".into()
            ),
        ]
    );
    let notice = rows.iter().find(|r| r.kind == "text").expect("the notice is kept as text");
    assert!(notice.title.starts_with("受委托"), "{notice:?}");
}

#[test]
fn headers_after_bodies_assigned_by_content_with_a_lead() {
    let rows = articles(&[&fixture_path("after.txt")]);
    assert_eq!(
        authored(&rows),
        [
            ("aft".into(), "努力提升领导干部文化素养".into(), "徐金芹".into(), "潍坊市委党校".into()),
            ("aft".into(), "新业态新就业群体党建工作的经验启示".into(), "牟凤娇".into(), "奎文区委党校".into()),
            (
                "aft".into(),
                "坚持好、完善好、运行好人民代表大会制度".into(),
                "张文刚、乔泰运".into(),
                "昌邑市委党校".into()
            ),
        ]
    );
    let mou = find(&rows, "新业态新就业群体党建工作的经验启示");
    assert_eq!((mou.first_line, mou.last_line), (5, 18), "the lead after the headers belongs to 牟凤娇");
}

#[test]
fn byline_forms() {
    let rows = articles(&[&fixture_path("bylines.txt")]);
    assert_eq!(
        authored(&rows),
        [
            ("byl".into(), "第一篇报道的标题".into(), "张三、李四、王五".into(), "".into()),
            (
                "byl".into(),
                "国有企业党建工作与生产经营工作融合路径探索".into(),
                "赵丽娜".into(),
                "山东高速青岛发展有限公司".into()
            ),
        ]
    );
    let graph = graph_of("bylines.txt");
    let wrote: Vec<_> = graph["edges"].as_array().unwrap().iter().filter(|e| e["relation"] == "wrote").collect();
    assert_eq!(wrote.len(), 4);
    let affiliated: Vec<_> =
        graph["edges"].as_array().unwrap().iter().filter(|e| e["relation"] == "affiliated_with").collect();
    assert_eq!(affiliated.len(), 1);
    assert_eq!(affiliated[0]["source"], "author:赵丽娜");
    assert_eq!(affiliated[0]["target"], "enterprise:山东高速青岛发展有限公司");
    assert_eq!(affiliated[0]["evidence"][0]["line"], 7);
}

#[test]
fn reading_boxes_are_kept_without_authors() {
    let rows = articles(&[&fixture_path("boxes.txt")]);
    let kinds: Vec<_> = rows.iter().map(|r| (r.kind.as_str(), r.title.as_str(), r.first_line, r.last_line)).collect();
    assert_eq!(kinds, [("article", "加快推进传统产业转型升级", 1, 13), ("box", "阅读提示", 6, 11)]);
}

#[test]
fn a_crawler_file_is_one_story_with_kicker_title_subtitle_and_dateline() {
    let rows = articles(&[&fixture_path("news.txt")]);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    // The headline alone is the title; the kicker above and the subtitle below are not
    // glued to it. The dateline names the reporters (`周 岚` without its space) and the
    // paper, as its source.
    assert_eq!(rows[0].kind, "article");
    assert_eq!(rows[0].title, "百户同心 一村共富");
    assert_eq!(rows[0].authors, "李明远、周岚");
    assert_eq!(rows[0].unit, "", "the paper is the story's source, not its unit");
    assert_eq!(rows[0].source, "人民日报");
    assert_eq!(rows[0].kicker, "某省某县推行村务积分管理办法");
    assert_eq!(rows[0].subtitle, "——来自山区村庄的报道");
    assert_eq!(rows[0].continued, "");
}

#[test]
fn a_long_headline_is_never_cut_and_a_closing_credit_names_the_authors() {
    let rows = articles(&[&fixture_path("credit.txt")]);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].title, "新闻标题不被截断而且很长很长很长很长很长很长的一行标题");
    assert_eq!(rows[0].authors, "王小川、赵一");
}

#[test]
fn a_page_of_stories_split_at_blank_lines_and_new_headlines() {
    let rows = articles(&[&fixture_path("pages.txt")]);
    let found: Vec<_> = rows.iter().map(|r| (r.kind.as_str(), r.title.as_str(), r.authors.as_str())).collect();
    // The second headline is doubled with spaces (`强强化化  完完善善`), its dateline
    // wraps across lines; the photo credit at the end (`王一鸣摄`) names no author and
    // the continuation note stays with its story.
    assert_eq!(found, [("article", "一人带头 全村争先", "张立新"), ("article", "强化  完善  促发展", "陈静、刘洋")]);
    assert_eq!((rows[1].first_line, rows[1].last_line), (14, 25));
    assert!(rows[1].continued.contains("下转第二版"), "{rows:#?}");
}

#[test]
fn a_roundup_is_one_story_credited_by_its_sections() {
    // PDF-to-text lines lose their indentation: the reporters' lines under the section
    // headings (`本报记者 钱立新`) credit sections of the story the page opens with, they
    // start no articles; `地点：某区某街道` is no page credit that would close a story.
    let rows = articles(&[&fixture_path("roundup.txt")]);
    let found: Vec<_> = rows.iter().map(|r| (r.kind.as_str(), r.title.as_str(), r.authors.as_str())).collect();
    assert_eq!(found, [("article", "守在岗位上的人们（一线见闻）", "钱立新、孙海燕")]);
    assert_eq!((rows[0].first_line, rows[0].last_line), (1, 37));
}

#[test]
fn a_closing_roundup_credit_names_every_reporter() {
    // `（综合本报记者甲、乙……）` closes a roundup with any number of names.
    let rows = articles(&[&fixture_path("closing-roundup.txt")]);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].title, "各地国企抓党建促发展");
    assert_eq!(
        rows[0].authors,
        "王伟健、张三丰、李明、赵丽娜、陈晓、刘一鸣、欧阳易佳、孙立、周岚、吴海、郑浩然、冯雪、何平、许诺"
    );
    assert_eq!((rows[0].unit.as_str(), rows[0].source.as_str()), ("", "人民日报"));
}

#[test]
fn a_closing_roundup_credit_adds_its_reporters_to_a_dateline_or_a_byline() {
    // A story credited where it opens (a dateline's correspondent, a byline) and again
    // where it closes (`（综合本报记者甲、乙）`) is by all of them, in page order.
    for (fixture, authors) in
        [("dateline-and-roundup.txt", "张明远、李卫东、王小红"), ("byline-and-roundup.txt", "赵大山、李卫东、王小红")]
    {
        let rows = articles(&[&fixture_path(fixture)]);
        assert_eq!(rows.len(), 1, "{fixture}: {rows:#?}");
        assert_eq!(rows[0].title, "星海集团抓党建促发展", "{fixture}");
        assert_eq!(rows[0].authors, authors, "{fixture}");
    }
}

#[test]
fn a_sites_metadata_lines_are_the_byline_of_the_title_above_them() {
    // `来源：人民网`, `作者：甲　乙`, `发布时间：…` under a repost's title, on lines of their
    // own or on one: the authors and the source are the story's, the title is not taken
    // for a kicker, and `责任编辑：…` closing the story starts none. `图/乙` names the
    // photographer, no author.
    for (fixture, authors, source) in [
        ("repost-metadata.txt", "张明远、李卫东", "人民网"),
        ("repost-one-line.txt", "张明远", "人民网"),
        ("repost-slash.txt", "张明远", ""),
        // A date before the labels: `2024年05月06日 来源：人民网 作者：张明远`.
        ("repost-dated.txt", "张明远", "人民网"),
        // The site's breadcrumb above the title (`首页 > 新闻中心 > 基层动态`) is
        // navigation, neither kicker nor title; so is one opened by a label.
        ("repost-breadcrumb.txt", "张明远、李卫东", "人民网"),
        ("repost-located.txt", "张明远", ""),
    ] {
        let rows = articles(&[&fixture_path(fixture)]);
        assert_eq!(rows.len(), 1, "{fixture}: {rows:#?}");
        assert_eq!(
            (rows[0].kind.as_str(), rows[0].title.as_str()),
            ("article", "星海集团以党建引领高质量发展"),
            "{fixture}"
        );
        assert_eq!((rows[0].authors.as_str(), rows[0].source.as_str()), (authors, source), "{fixture}");
        assert_eq!(rows[0].kicker, "", "{fixture}");
    }
}

#[test]
fn a_local_dateline_names_correspondents_run_together() {
    // `株洲讯（通讯员张晓明李娜）`: a place's dateline, two names without a separator,
    // split where the second surname starts.
    let rows = articles(&[&fixture_path("repost.txt")]);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].title, "星海公司开展主题党日活动");
    assert_eq!(rows[0].authors, "张晓明、李娜");
    assert_eq!(rows[0].unit, "");
}

#[test]
fn signed_stories_under_a_page_head_credit_it_in_page_order() {
    // Each story opens with a kicker ending in `——` and a short headline and closes with
    // its own bracketed credit: a credit followed by such a heading closes a section.
    let rows = articles(&[&fixture_path("signed-stories.txt")]);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].title, "国企党建新气象");
    assert_eq!(rows[0].authors, "王伟健、李明、赵丽娜、刘一鸣");
}

#[test]
fn a_headline_is_followed_by_a_body_and_numbered_articles_are_no_headlines() {
    // `核心阅读` right under the headline is the story's text, not the next headline;
    // `第一章`, `第一条` and lines broken at an inserted blank line stay in the story, and
    // so do the signature and date closing the page: no body follows them.
    let rows = articles(&[&fixture_path("statute.txt")]);
    let found: Vec<_> = rows.iter().map(|r| (r.title.as_str(), r.first_line, r.last_line)).collect();
    assert_eq!(found, [("某某工作规则（全文）", 1, 25)]);
}

#[test]
fn stories_on_a_page_by_their_headlines_not_by_section_headings() {
    // A section heading wrapped over two lines stays in its story; a kicker over a
    // headline wider than the column, a headline with a dash-opened subtitle and a
    // headline far wider than the column each start a story.
    let rows = articles(&[&fixture_path("columns.txt")]);
    let found: Vec<_> = rows
        .iter()
        .map(|r| (r.title.as_str(), r.kicker.as_str(), r.subtitle.as_str(), r.first_line, r.last_line))
        .collect();
    assert_eq!(
        found,
        [
            ("某镇发展特色产业", "", "", 1, 11),
            ("农村党建工作扎实推进（基层党建新气象）", "某省各地——", "", 13, 19),
            ("某县新建一批便民服务中心", "", "——群众办事不出村", 21, 25),
            ("某市开展志愿服务活动让文明新风吹遍城乡每个角落", "", "", 27, 30),
        ]
    );
    assert_eq!(rows[1].authors, "冯晓光");
}

#[test]
fn a_dated_speech_and_an_exclaimed_headline_under_a_colon_kicker() {
    // A whole line in brackets under the headline is its subtitle; at the top of the
    // page a headline may end with `！` and a kicker with `：`. `据新华社电（记者 …）`
    // is a dateline too.
    let rows = articles(&[&fixture_path("speech.txt"), &fixture_path("exclaimed.txt")]);
    let found: Vec<_> = rows
        .iter()
        .map(|r| (r.kind.as_str(), r.title.as_str(), r.kicker.as_str(), r.subtitle.as_str(), r.authors.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("article", "守护一方平安的人！", "赵某某：", "", "韩小雨"),
            ("article", "在某某工作座谈会上的讲话", "", "（2021年3月1日）", ""),
        ]
    );
    assert_eq!((rows[0].unit.as_str(), rows[0].source.as_str()), ("", "新华社"));
}

#[test]
fn a_column_tag_marks_the_headline_of_two_lines() {
    // Of two headline lines the second is taken for the headline under a kicker, unless
    // the first carries the column tag, printed after the headline: then the second is
    // its subtitle.
    let rows = articles(&[&fixture_path("tagged.txt")]);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].title, "办事省心 不用再跑（改革一线）");
    assert_eq!(rows[0].subtitle, "某区首家便民服务中心开门，最多五天办结");
    assert_eq!(rows[0].kicker, "");
}

#[test]
fn a_crawler_header_of_three_plain_lines_and_a_dateline_under_summary_points() {
    // Kicker, headline and a subtitle without a dash, flush left over indented
    // paragraphs, are a header, not a wrapped paragraph; the dateline under three
    // summary points still credits the story.
    let rows = articles(&[&fixture_path("summary-points.txt")]);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].kind, "article");
    assert_eq!(rows[0].title, "以大会为新的起点 持续推动星海发展");
    assert_eq!(rows[0].kicker, "星海书记在星海大会上强调");
    assert_eq!(rows[0].subtitle, "张三李四出席 王五主持");
    assert_eq!(rows[0].authors, "江星海");
}

#[test]
fn closing_credits_of_several_cities_and_of_reporters_who_wrote_it_up() {
    let rows = articles(&[&fixture_path("cities-credit.txt")]);
    assert_eq!(rows[0].authors, "俞星、吴海、赵益、郑彬、刘慧", "{rows:#?}");
    // `（本报记者 王明峰整理）`: the reporter wrote the speech up; `整理` is no name.
    let rows = articles(&[&fixture_path("compiled-credit.txt")]);
    assert_eq!(rows[0].authors, "王明峰", "{rows:#?}");
    // Those who wrote a story up credited without a reporter's prefix: after a dateline
    // (`本报曼谷电 甲、乙参与采写`), after the note on its author (`作者为…，本报记者甲采访
    // 整理`) or alone (`甲、乙、丙整理`).
    for (fixture, authors, source) in [
        ("contributed-credit.txt", "陈思远、郭雨桐", "人民日报"),
        ("interview-credit.txt", "叶知秋", "人民日报"),
        ("names-compiled.txt", "辛远、胡静怡、杨世平", ""),
        // Without a reporter's prefix only names that open with a surname are names.
        ("unnamed-compiled.txt", "", ""),
    ] {
        let rows = articles(&[&fixture_path(fixture)]);
        assert_eq!(rows.len(), 1, "{fixture}: {rows:#?}");
        assert_eq!((rows[0].authors.as_str(), rows[0].source.as_str()), (authors, source), "{fixture}");
    }
}

#[test]
fn a_page_of_speeches_under_a_short_column_name() {
    // `发言席` heads the page: a column's short name; each speech is closed by the
    // credit of the reporter who wrote it up, and all of them credit the page's story.
    let rows = articles(&[&fixture_path("speeches.txt")]);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!((rows[0].kind.as_str(), rows[0].title.as_str()), ("article", "发言席"));
    assert_eq!(rows[0].authors, "王明峰、李龙伊");
}
