//! `tupu build` end to end: on the seeds, on odd files, on bad paths and bad rules.

mod common;

use common::*;

/// Removes what layout repair removes between characters (line ends, spaces), so a
/// source excerpt can be compared with repaired text.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}

#[test]
fn seeds_yield_slogans_with_evidence_that_holds_the_text() {
    let (out, output) = build(&[&root().join("seeds")], &["--quiet", "--view", "articles"]);
    assert_success(&output);
    let graph = read_graph(out.path());
    let edges = mentions_of(&graph, "slogan:两个维护");
    let articles: std::collections::HashSet<_> = edges.iter().map(|e| e["source"].as_str().unwrap()).collect();
    assert!(articles.len() >= 2, "两个维护 found in {} articles", articles.len());
    for edge in edges {
        assert_eq!(edge["relation"], "mentions");
        for evidence in edge["evidence"].as_array().unwrap() {
            let sentence = evidence["sentence"].as_str().unwrap();
            assert!(sentence.contains("两个维护"), "{sentence}");
            let file = root().join(
                evidence["file"].as_str().unwrap().split_once("seeds/").map(|(_, f)| format!("seeds/{f}")).unwrap(),
            );
            let source = std::fs::read_to_string(&file).unwrap();
            let line = evidence["line"].as_u64().unwrap() as usize;
            let column = evidence["column"].as_u64().unwrap() as usize;
            let from_line: String = source.lines().skip(line - 1).take(4).collect::<Vec<_>>().join("\n");
            let at: String = from_line.chars().skip(column - 1).collect();
            assert!(
                squeeze(&at).starts_with("两个维护"),
                "{}:{line}:{column} does not hold 两个维护: {at:.20}",
                file.display()
            );
        }
    }
    let summary = stderr(&output);
    assert!(summary.is_empty(), "--quiet printed: {summary}");
}

#[test]
fn summary_names_counts() {
    let (_out, output) = build(&[&root().join("seeds")], &[]);
    assert_success(&output);
    let summary = stderr(&output);
    assert!(summary.contains("files:    5 read, 0 skipped"), "{summary}");
    assert!(summary.contains("view:     concepts"), "{summary}");
    assert!(summary.contains("slogan") && summary.contains("writes_about"), "{summary}");
    let edges_line = summary.lines().find(|l| l.starts_with("edges:")).unwrap();
    let nodes_line = summary.lines().find(|l| l.starts_with("nodes:")).unwrap();
    assert!(!nodes_line.contains(" article,") && !edges_line.contains("wrote"), "{summary}");
    // The other view's counts follow.
    assert!(summary.contains("--view articles nodes: 23 article,"), "{summary}");
    assert!(summary.contains("--view articles edges:") && summary.contains(" wrote"), "{summary}");
    let (_out, output) = build(&[&root().join("seeds")], &["--view", "articles"]);
    assert_success(&output);
    let summary = stderr(&output);
    assert!(summary.contains("view:     articles"), "{summary}");
    assert!(summary.contains("23 article,") && summary.contains("mentions") && summary.contains("wrote"), "{summary}");
    assert!(summary.contains("--view concepts edges:") && summary.contains(" writes_about"), "{summary}");
    assert!(summary.contains("warnings: 0"), "{summary}");
}

#[test]
fn gbk_and_utf16_files_are_decoded() {
    for fixture_dir in ["gbk", "utf16"] {
        let (out, output) = build(&[&fixture(fixture_dir)], &["--view", "articles"]);
        assert_success(&output);
        let graph = read_graph(out.path());
        for concept in ["slogan:四个意识", "slogan:两个维护", "mechanism:三会一课"] {
            assert_eq!(mentions_of(&graph, concept).len(), 1, "{fixture_dir}: {concept}");
        }
        let evidence = &mentions_of(&graph, "slogan:两个维护")[0]["evidence"][0];
        assert_eq!((evidence["line"].as_u64(), evidence["column"].as_u64()), (Some(3), Some(29)), "{fixture_dir}");
    }
}

#[test]
fn binary_and_empty_files_are_skipped_with_a_warning_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.txt"), "坚决做到“两个维护”。").unwrap();
    std::fs::write(dir.path().join("scan.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    std::fs::write(dir.path().join("empty.md"), "").unwrap();
    std::fs::write(dir.path().join("blank.txt"), "\n\u{3000}\n").unwrap();
    std::fs::write(dir.path().join("notes.pdf"), "两个维护").unwrap();
    let (out, output) = build(&[dir.path()], &["--view", "articles"]);
    assert_success(&output);
    let summary = stderr(&output);
    assert!(summary.contains("files:    1 read, 3 skipped"), "{summary}");
    for name in [
        "scan.txt: skipped: the file looks binary",
        "empty.md: skipped: the file is empty",
        "blank.txt: skipped: the file is empty",
    ] {
        assert!(summary.contains(name), "no warning `{name}` in:\n{summary}");
    }
    assert!(!summary.contains("notes.pdf"), "{summary}");
    assert_eq!(mentions_of(&read_graph(out.path()), "slogan:两个维护").len(), 1);
}

#[test]
fn a_missing_path_is_exit_2_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let output = tupu(&["build", "no/such/folder", "--out", out.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no/such/folder: no such file or directory"), "{}", stderr(&output));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn broken_rules_are_exit_2_and_leave_earlier_outputs_intact() {
    let (out, output) = build(&[&root().join("seeds")], &["--quiet"]);
    assert_success(&output);
    let before = std::fs::read(out.path().join("graph.json")).unwrap();
    let rules = tempfile::tempdir().unwrap();
    std::fs::write(
        rules.path().join("bad.toml"),
        "[[kind]]\nname = \"slogan\"\n\n[[concept]]\nid = \"两个维护\nkind = \"slogan\"\n",
    )
    .unwrap();
    let output =
        tupu(&["build", "seeds", "--rules", rules.path().to_str().unwrap(), "--out", out.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("bad.toml:5:"), "{message}");
    assert!(message.contains("nothing was written"), "{message}");
    assert_eq!(std::fs::read(out.path().join("graph.json")).unwrap(), before);
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let seeds = root().join("seeds");
    let (one, output) = build(&[&seeds], &["--threads", "1", "--quiet"]);
    assert_success(&output);
    let (two, output) = build(&[&seeds], &["--threads", "2", "--quiet"]);
    assert_success(&output);
    let names: Vec<_> = std::fs::read_dir(one.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!names.is_empty());
    for name in names {
        let a = std::fs::read(one.path().join(&name)).unwrap();
        let b = std::fs::read(two.path().join(&name)).unwrap();
        assert!(a == b, "{} differs between --threads 1 and --threads 2", name.to_string_lossy());
    }
}

/// The same over many batches of files (documents are scanned 64 at a time, the next
/// batch while the last one merges), in both views: 26 copies of the seeds in folders
/// of their own, so that which copy an edge's first evidence cites depends on the order
/// findings merge in.
#[test]
fn output_is_identical_for_one_and_two_threads_over_many_batches() {
    let corpus = tempfile::tempdir().unwrap();
    let seeds: Vec<_> = std::fs::read_dir(root().join("seeds")).unwrap().map(|e| e.unwrap().path()).collect();
    for copy in 0..26 {
        let folder = corpus.path().join(format!("{copy:02}"));
        std::fs::create_dir(&folder).unwrap();
        for seed in &seeds {
            std::fs::copy(seed, folder.join(seed.file_name().unwrap())).unwrap();
        }
    }
    for view in ["concepts", "articles"] {
        let run = |threads: &str| {
            let (out, output) =
                build(&[corpus.path()], &["--threads", threads, "--view", view, "--layout", "builtin", "--quiet"]);
            assert_success(&output);
            out
        };
        let (one, two) = (run("1"), run("2"));
        let names: Vec<_> = std::fs::read_dir(one.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(names.len() >= 9, "{names:?}");
        for name in names {
            let a = std::fs::read(one.path().join(&name)).unwrap();
            let b = std::fs::read(two.path().join(&name)).unwrap();
            assert!(a == b, "{} differs between --threads 1 and 2 (--view {view})", name.to_string_lossy());
        }
    }
}

/// The committed `output/` is what `tupu build` writes. `overview.svg` depends on the
/// layout engine (Graphviz, if installed, or tupu's own), so it is compared only when this
/// machine used the engine recorded in the committed file; it is committed as laid out
/// by tupu's own layout, as on a machine without Graphviz.
#[test]
fn committed_output_is_current() {
    let out = tempfile::tempdir().unwrap();
    let output = tupu(&["build", "--quiet", "--out", out.path().to_str().unwrap()]);
    assert_success(&output);
    let committed = root().join("output");
    for entry in std::fs::read_dir(out.path()).unwrap() {
        let name = entry.unwrap().file_name();
        let fresh = std::fs::read(out.path().join(&name)).unwrap();
        let kept = std::fs::read(committed.join(&name)).unwrap_or_default();
        if name == "overview.svg" {
            let engine = |svg: &[u8]| tupu::export::svg::engine_of(&String::from_utf8_lossy(svg)).map(str::to_owned);
            let (fresh_engine, kept_engine) = (engine(&fresh), engine(&kept));
            if kept_engine.is_some() && fresh_engine != kept_engine {
                continue;
            }
            assert!(
                fresh == kept,
                "output/overview.svg is out of date: run `cargo run --release -- build --layout builtin` and \
                 commit output/"
            );
            continue;
        }
        assert!(
            fresh == kept,
            "output/{} is out of date: run `cargo run --release -- build --layout builtin` and commit output/",
            name.to_string_lossy()
        );
    }
}

#[test]
fn an_unreadable_file_is_a_warning_not_the_end_of_the_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.txt"), "坚决做到“两个维护”。").unwrap();
    // A link to nothing cannot be read, even by root (for whom permissions do not apply).
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("lost.txt")).unwrap();
    let (out, output) = build(&[dir.path()], &["--view", "articles"]);
    assert_success(&output);
    let summary = stderr(&output);
    assert!(summary.contains("lost.txt: skipped: cannot read"), "{summary}");
    assert!(summary.contains("files:    1 read"), "{summary}");
    assert_eq!(mentions_of(&read_graph(out.path()), "slogan:两个维护").len(), 1);
}

#[test]
fn the_default_graph_is_the_concept_network_with_articles_as_evidence() {
    let (out, output) = build(&[&root().join("seeds")], &["--quiet"]);
    assert_success(&output);
    let graph = read_graph(out.path());
    assert!(nodes_of_kind(&graph, "article").is_empty());
    let edges = graph["edges"].as_array().unwrap();
    assert!(edges.iter().all(|e| e["relation"] != "mentions" && e["relation"] != "wrote"));
    // writes_about: author → concept, weighted by articles, with its first evidence.
    let writes: Vec<_> = edges.iter().filter(|e| e["relation"] == "writes_about").collect();
    assert!(!writes.is_empty());
    for edge in &writes {
        assert!(edge["source"].as_str().unwrap().starts_with("author:"), "{edge}");
        assert_eq!(edge["weight"], edge["articles"], "{edge}");
        let article = edge["evidence"][0]["article"].as_str().unwrap();
        assert!(article.starts_with("article:") && article.contains("seeds/"), "{edge}");
    }
    for edge in edges {
        assert!(edge["articles"].as_u64().unwrap() >= 1, "{edge}");
    }
    // The article level: every article in articles.tsv, every (article, concept) in
    // mentions.csv, as the article view's `mentions` edges have them.
    let (articles_out, output) = build(&[&root().join("seeds")], &["--quiet", "--view", "articles"]);
    assert_success(&output);
    let article_graph = read_graph(articles_out.path());
    let tsv = std::fs::read_to_string(out.path().join("articles.tsv")).unwrap();
    assert_eq!(tsv.lines().count() - 1, nodes_of_kind(&article_graph, "article").len());
    let mentions = std::fs::read_to_string(out.path().join("mentions.csv")).unwrap();
    assert_eq!(mentions.lines().next(), Some("article,concept,count,first"));
    let rows: std::collections::BTreeSet<(String, String)> = mentions
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), 4, "{line}");
            assert!(fields[3].contains("seeds/") && fields[3].contains(".txt:"), "{line}");
            (fields[0].to_owned(), fields[1].to_owned())
        })
        .collect();
    let edges: std::collections::BTreeSet<(String, String)> = article_graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["relation"] == "mentions")
        .map(|e| (e["source"].as_str().unwrap().to_owned(), e["target"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(rows, edges);
    let node_ids: std::collections::BTreeSet<&str> =
        graph["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert!(
        rows.iter().all(|(_, concept)| node_ids.contains(concept.as_str())),
        "mentions.csv names a node not in the graph"
    );
}

#[test]
fn min_articles_drops_concepts_seen_in_fewer_articles() {
    let (all, output) = build(&[&root().join("seeds")], &["--quiet", "--format", "json"]);
    assert_success(&output);
    let (some, output) = build(&[&root().join("seeds")], &["--quiet", "--format", "json", "--min-articles", "2"]);
    assert_success(&output);
    let (all, some) = (read_graph(all.path()), read_graph(some.path()));
    let count = |g: &serde_json::Value| g["nodes"].as_array().unwrap().len();
    assert!(count(&some) < count(&all), "{} vs {}", count(&some), count(&all));
    for node in some["nodes"].as_array().unwrap() {
        assert!(node["articles"].as_u64().unwrap() >= 2, "{node}");
    }
}

#[test]
fn namesakes_of_different_units_are_different_authors() {
    let dir = tempfile::tempdir().unwrap();
    let page = |title: &str, unit: Option<&str>| {
        let note = unit.map(|u| format!("（作者单位：{u}）\n")).unwrap_or_default();
        format!("{title}\n■ 张国强\n坚决做到“两个维护”，落实“三会一课”制度，推进各项工作。\n{note}")
    };
    std::fs::write(dir.path().join("a.txt"), page("国有企业党建工作探索", Some("聊城水务集团"))).unwrap();
    std::fs::write(dir.path().join("b.txt"), page("基层党建的几点体会", Some("潍坊市委党校"))).unwrap();
    std::fs::write(dir.path().join("c.txt"), page("党建引领发展的思考", None)).unwrap();
    let authors = |files: &[&str]| {
        let inputs: Vec<std::path::PathBuf> = files.iter().map(|f| dir.path().join(f)).collect();
        let refs: Vec<&std::path::Path> = inputs.iter().map(|p| p.as_path()).collect();
        let (out, output) = build(&refs, &["--quiet", "--format", "json"]);
        assert_success(&output);
        let graph = read_graph(out.path());
        let mut ids: Vec<String> =
            nodes_of_kind(&graph, "author").iter().map(|n| n["id"].as_str().unwrap().to_owned()).collect();
        ids.sort();
        ids
    };
    // Two units: two namesakes, and the unitless one cannot be told apart.
    assert_eq!(
        authors(&["a.txt", "b.txt", "c.txt"]),
        ["author:张国强", "author:张国强（潍坊市委党校）", "author:张国强（聊城水务集团）"]
    );
    // One unit: the unitless occurrence joins it, whatever the order of the files.
    assert_eq!(authors(&["a.txt", "c.txt"]), ["author:张国强"]);
    assert_eq!(authors(&["c.txt", "a.txt"]), ["author:张国强"]);
}

#[test]
fn undirected_relations_are_undirected_in_every_format() {
    let (out, output) = build(&[&root().join("seeds")], &["--quiet", "--layout", "builtin"]);
    assert_success(&output);
    let graph = read_graph(out.path());
    let edges = graph["edges"].as_array().unwrap();
    let undirected = edges.iter().filter(|e| e["relation"] == "co_occurs").count();
    assert!(undirected > 0);
    for edge in edges {
        assert_eq!(edge["directed"], edge["relation"] != "co_occurs", "{edge}");
    }
    let read = |name: &str| std::fs::read_to_string(out.path().join(name)).unwrap();
    assert_eq!(read("edges.csv").lines().filter(|l| l.contains(",Undirected,")).count(), undirected);
    assert_eq!(read("graph.dot").matches("dir=none").count(), undirected);
    assert_eq!(read("graph.gexf").matches(r#"type="mutual""#).count(), undirected);
    assert_eq!(read("graph.graphml").matches(r#"<data key="directed">false</data>"#).count(), undirected);
}

/// The quick start in README.md shows what `tupu build` prints on the seeds: the test
/// fails when the rules or the pipeline change the counts and the README is not
/// brought up to date (paths aside: the README shows a run into `output/`).
#[test]
fn the_readme_quick_start_summary_is_what_build_prints() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("```text\nrules:    ./rules").expect("the README shows the summary") + "```text\n".len();
    let block: Vec<&str> = readme[start..].lines().take_while(|l| !l.starts_with("```")).collect();
    let (out, output) = build(&[&root().join("seeds")], &[]);
    assert_success(&output);
    let printed = stderr(&output);
    let out_dir = out.path().to_string_lossy().into_owned();
    let printed: Vec<String> = printed.lines().map(|l| l.replace(&out_dir, "output")).collect();
    let counts = |lines: &[&str]| -> Vec<String> {
        lines.iter().filter(|l| !l.starts_with("rules:")).map(|l| l.to_string()).collect()
    };
    let printed: Vec<&str> = printed.iter().map(String::as_str).collect();
    assert_eq!(counts(&block), counts(&printed), "README.md's quick start differs from `tupu build`");
}
