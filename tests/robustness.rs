//! Bad input that must not hurt: a 100 MB line, deep trees and symlink loops, file names
//! that are not UTF-8, regexes that are too large, outputs that cannot be written, a run
//! killed while it writes.

mod common;

use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use common::*;

#[test]
fn a_file_with_one_100_mb_line() {
    let dir = tempfile::tempdir().unwrap();
    let filler = "基层治理面广量大、主体多元、内容复杂，";
    let mut line = String::from("坚决做到“两个维护”，");
    while line.len() < 100_000_000 {
        line.push_str(filler);
    }
    line.push_str("切实增强“四个意识”");
    std::fs::write(dir.path().join("huge.txt"), &line).unwrap();
    drop(line);
    let (out, output) = build(&[dir.path()], &["--quiet", "--format", "json", "--view", "articles"]);
    assert_success(&output);
    let graph = read_graph(out.path());
    assert_eq!(mentions_of(&graph, "slogan:两个维护").len(), 1);
    let evidence = &mentions_of(&graph, "slogan:四个意识")[0]["evidence"][0];
    assert_eq!(evidence["line"], 1);
    assert!(evidence["column"].as_u64().unwrap() > 5_000_000);
    // Evidence is a sentence, not the whole line.
    assert!(evidence["sentence"].as_str().unwrap().chars().count() < 200);
}

/// The seeds' text run together without its line breaks, as a scanned PDF's text layer
/// or a web dump gives it, `copies` times over.
fn seeds_as_one_line(copies: usize) -> String {
    let mut seeds: Vec<_> = std::fs::read_dir(root().join("seeds")).unwrap().map(|e| e.unwrap().path()).collect();
    seeds.sort();
    let text: String = seeds.iter().map(|p| std::fs::read_to_string(p).unwrap().replace(['\n', '\r'], "")).collect();
    text.repeat(copies)
}

/// The blocks layout repair reads `text` as, by the source range each starts at.
fn block_starts(text: &str) -> Vec<(usize, usize)> {
    let rules = tupu::rules::RuleSet::load(tupu::rules::RuleSource::BuiltIn).unwrap();
    let document =
        tupu::load::Document { name: "page.txt".into(), text: text.to_owned(), encoding: tupu::load::Encoding::Utf8 };
    let page = tupu::layout::repair(document, &rules.layout);
    page.blocks.iter().map(|b| (b.text.source_offset(0), b.text.len())).collect()
}

/// `graph.json` of `text` built as `page.txt`, without what says where in the file
/// things stand (evidence lines and columns, articles' line ranges).
fn graph_without_positions(text: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.txt"), text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = tupu_in(
        dir.path(),
        &[
            "build",
            "page.txt",
            "--quiet",
            "--format",
            "json",
            "--view",
            "articles",
            "--out",
            out.path().to_str().unwrap(),
        ],
    );
    assert_success(&output);
    let mut graph = read_graph(out.path());
    for node in graph["nodes"].as_array_mut().unwrap() {
        let node = node.as_object_mut().unwrap();
        node.remove("first_line");
        node.remove("last_line");
    }
    for edge in graph["edges"].as_array_mut().unwrap() {
        for evidence in edge["evidence"].as_array_mut().unwrap() {
            let evidence = evidence.as_object_mut().unwrap();
            evidence.remove("line");
            evidence.remove("column");
        }
    }
    graph
}

/// A line of megabytes is one paragraph; read as one block, its cost grew with the
/// square of its length (20 MB took a minute). It is read as blocks of bounded length,
/// cut at sentence ends: the blocks of a line four times as long are as long, four
/// times as many; and the graph is the one the same text gives with a line break after
/// each of those blocks.
#[test]
fn one_long_line_is_read_in_bounded_blocks_as_if_broken_after_each() {
    let line = seeds_as_one_line(4);
    let blocks = block_starts(&line);
    let longest = |blocks: &[(usize, usize)]| blocks.iter().map(|&(_, len)| len).max().unwrap();
    assert!(longest(&blocks) <= tupu::layout::MAX_BLOCK, "a block of {} bytes", longest(&blocks));
    assert!(blocks.len() >= line.len() / tupu::layout::MAX_BLOCK, "{} blocks", blocks.len());
    let quarter = block_starts(&seeds_as_one_line(1));
    assert!(longest(&quarter) <= tupu::layout::MAX_BLOCK);
    assert!(blocks.len() >= 4 * quarter.len() - 4 && blocks.len() <= 4 * quarter.len() + 4, "{blocks:?}");
    // Where each block after the first was cut off: before the white space and the
    // Markdown heading mark (`## `) that open it, which are not part of its text.
    let cuts: Vec<usize> = blocks[1..]
        .iter()
        .map(|&(start, _)| line[..start].trim_end_matches(|c: char| c == '#' || c.is_whitespace()).len())
        .collect();
    // Every block of text ends a sentence: none is cut in the middle of one.
    for &cut in &cuts {
        let tail: String = line[..cut].chars().rev().take(20).collect::<Vec<_>>().into_iter().rev().collect();
        assert!(line[..cut].ends_with(['。', '！', '？', '；', '…', '”', '）', ')']), "a block ends in …{tail}");
    }
    let mut broken = String::with_capacity(line.len() + blocks.len());
    let mut from = 0;
    for cut in cuts {
        broken.push_str(&line[from..cut]);
        broken.push('\n');
        from = cut;
    }
    broken.push_str(&line[from..]);
    assert_eq!(graph_without_positions(&line), graph_without_positions(&broken));
}

#[test]
fn deep_trees_and_symlink_loops() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().to_path_buf();
    for level in 0..120 {
        deep.push(format!("d{level}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("page.txt"), "坚决做到“两个维护”。").unwrap();
    let middle = dir.path().join("d0").join("d1");
    std::os::unix::fs::symlink(dir.path(), middle.join("loop")).unwrap();
    std::os::unix::fs::symlink(&middle, middle.join("d2").join("back")).unwrap();
    let (out, output) = build(&[dir.path()], &["--view", "articles"]);
    assert_success(&output);
    let summary = stderr(&output);
    assert!(summary.contains("files:    1 read"), "{summary}");
    assert!(summary.contains("loops back"), "{summary}");
    assert_eq!(mentions_of(&read_graph(out.path()), "slogan:两个维护").len(), 1);
}

#[test]
fn file_names_that_are_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"\xb5\xb3\xbd\xa8.txt"); // 党建.txt in GBK
    std::fs::write(dir.path().join(name), "坚决做到“两个维护”。").unwrap();
    let (out, output) = build(&[dir.path()], &["--view", "articles"]);
    assert_success(&output);
    let summary = stderr(&output);
    assert!(summary.contains("the file name is not valid UTF-8"), "{summary}");
    let graph = read_graph(out.path());
    let file = mentions_of(&graph, "slogan:两个维护")[0]["evidence"][0]["file"].as_str().unwrap().to_owned();
    assert!(file.ends_with("\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}.txt"), "{file}");
}

#[test]
fn a_regex_too_large_is_an_error_naming_the_rule() {
    let rules = tempfile::tempdir().unwrap();
    std::fs::write(
        rules.path().join("big.toml"),
        "[[kind]]\nname = \"x\"\n\n[[pattern]]\nname = \"巨大\"\nregex = '(\\p{Han}{1,500}){1,500}'\n",
    )
    .unwrap();
    let started = std::time::Instant::now();
    let output = tupu(&["build", "seeds", "--rules", rules.path().to_str().unwrap(), "--out", "/nonexistent/never"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("big.toml:6:10: error: pattern `巨大`: the regex is too large"), "{message}");
    // Compiling stops at the size limit: no hang.
    assert!(started.elapsed().as_secs() < 60);
}

/// The outputs in `out` (not temporary files), by name, with a digest of their bytes.
fn seed_outputs(out: &Path) -> Vec<(String, u64, usize)> {
    use std::hash::{Hash, Hasher};
    let mut files: Vec<_> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut hasher);
            (p.file_name().unwrap().to_string_lossy().into_owned(), hasher.finish(), bytes.len())
        })
        .collect();
    files.sort();
    files
}

fn temporary_files(out: &Path) -> Vec<String> {
    std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".tupu-"))
        .collect()
}

#[test]
fn an_output_folder_that_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let out = file.join("out");
    let output = tupu(&["build", "--quiet", "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("cannot write") && message.contains("a-file/out"), "{message}");
    assert!(message.contains("nothing was written"), "{message}");
}

#[test]
fn a_folder_in_the_way_leaves_every_earlier_output_intact() {
    let (out, output) = build(&[&root().join("seeds")], &["--quiet", "--layout", "builtin"]);
    assert_success(&output);
    let before = seed_outputs(out.path());
    std::fs::remove_file(out.path().join("graph.json")).unwrap();
    std::fs::create_dir(out.path().join("graph.json")).unwrap();
    let output = tupu(&["build", "seeds", "--quiet", "--layout", "builtin", "--out", out.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("a folder of that name is in the way"), "{}", stderr(&output));
    let after = seed_outputs(out.path());
    let before: Vec<_> = before.into_iter().filter(|(name, _, _)| name != "graph.json").collect();
    assert_eq!(before, after, "an earlier output changed");
    assert!(temporary_files(out.path()).is_empty(), "temporary files left behind");
}

#[test]
fn a_run_killed_while_writing_leaves_earlier_outputs_intact() {
    // A corpus large enough that writing takes a while: the seeds, many times.
    let corpus = tempfile::tempdir().unwrap();
    for copy in 0..150 {
        let folder = corpus.path().join(format!("{copy:03}"));
        std::fs::create_dir(&folder).unwrap();
        for entry in std::fs::read_dir(root().join("seeds")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
        }
    }
    let (out, output) = build(&[&root().join("seeds")], &["--quiet", "--layout", "builtin"]);
    assert_success(&output);
    let before = seed_outputs(out.path());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tupu"))
        .args(["build", "--quiet", "--layout", "builtin", "--out"])
        .arg(out.path())
        .arg(corpus.path())
        .current_dir(root())
        .spawn()
        .unwrap();
    // Kill it as soon as it starts writing its first temporary file.
    let started = std::time::Instant::now();
    loop {
        let writing = !temporary_files(out.path()).is_empty();
        if writing || started.elapsed().as_secs() > 120 {
            break;
        }
        if child.try_wait().unwrap().is_some() {
            panic!("the run finished before it could be interrupted");
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(seed_outputs(out.path()), before, "an earlier output changed");
    // The next run clears what the killed one left behind.
    let seeds = root().join("seeds");
    let output = tupu(&[
        "build",
        seeds.to_str().unwrap(),
        "--quiet",
        "--layout",
        "builtin",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_success(&output);
    assert!(temporary_files(out.path()).is_empty(), "temporary files left behind");
    assert_eq!(seed_outputs(out.path()), before);
}
