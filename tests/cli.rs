//! What a new user meets: runs that read nothing, an installed binary outside the
//! checkout (built-in rules, `tupu rules init`), and the messages of mistakes.
//!
//! Every run here starts in a fresh temporary folder without `rules/`, as an installed
//! `tupu` does in a user's folder of pages.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use common::*;

fn seeds() -> String {
    root().join("seeds").to_string_lossy().into_owned()
}

/// Every file of a folder and its bytes.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap()))
        .collect()
}

/// The shipped rule files (`rules/*.toml`).
fn shipped_rule_files() -> BTreeMap<String, Vec<u8>> {
    contents(&root().join("rules")).into_iter().filter(|(name, _)| name.ends_with(".toml")).collect()
}

/// Asserts that `error:` starts every error once: no `error: error:`, no
/// `error: file:1:2: error:`. (Other words may end in `error:`, as the regex crate's
/// `regex parse error:` does.)
fn assert_error_once_per_line(output: &Output) {
    let text = stderr(output);
    assert!(text.contains("error:"), "no error printed:\n{text}");
    for line in text.lines() {
        let marks = usize::from(line.starts_with("error: ")) + line.matches(": error: ").count();
        assert!(marks <= 1, "`error:` twice in the line `{line}` of:\n{text}");
    }
}

#[test]
fn a_run_that_reads_no_document_fails_and_leaves_earlier_outputs_as_they_were() {
    let work = tempfile::tempdir().unwrap();
    let output = tupu_in(work.path(), &["build", &seeds(), "--layout", "builtin", "--quiet"]);
    assert_success(&output);
    let before = contents(&work.path().join("output"));
    assert!(before.contains_key("graph.json") && before.len() >= 7, "{:?}", before.keys());

    let empty = work.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let html = work.path().join("html");
    std::fs::create_dir(&html).unwrap();
    for name in ["a.html", "b.html", "c.HTML"] {
        std::fs::write(html.join(name), "<p>坚决做到“两个维护”</p>").unwrap();
    }
    let binary = work.path().join("binary");
    std::fs::create_dir(&binary).unwrap();
    std::fs::write(binary.join("scan.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(binary.join("page.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let cases = [
        ("empty", "no document was read from empty: no files there; tupu reads .txt and .md"),
        ("html", "no document was read from html: 3 files passed over: .html ×3; tupu reads .txt and .md"),
        (
            "binary",
            "no document was read from binary: 1 file skipped; 1 file passed over: .png ×1; tupu reads .txt and .md\n  \
             binary/scan.txt: skipped: the file looks binary",
        ),
    ];
    for (input, message) in cases {
        let output = tupu_in(work.path(), &["build", input, "--layout", "builtin"]);
        assert_eq!(output.status.code(), Some(1), "{input}: {}", stderr(&output));
        let text = stderr(&output);
        assert!(text.contains(&format!("error: {message}")), "{input}:\n{text}");
        assert!(text.contains("nothing was written; the files in output are as they were"), "{input}:\n{text}");
        assert_error_once_per_line(&output);
        assert!(contents(&work.path().join("output")) == before, "{input}: the outputs changed");
    }
}

#[test]
fn the_summary_lists_files_passed_over_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.txt"), "坚决做到“两个维护”。").unwrap();
    for name in ["a.html", "b.html", "scan.pdf"] {
        std::fs::write(dir.path().join(name), "x").unwrap();
    }
    std::fs::write(dir.path().join(".hidden.html"), "x").unwrap();
    let (_out, output) = build(&[dir.path()], &["--format", "json"]);
    assert_success(&output);
    let summary = stderr(&output);
    assert!(
        summary.contains("files:    1 read, 0 skipped, 3 passed over (.html ×2, .pdf ×1; tupu reads .txt and .md)"),
        "{summary}"
    );
    let (_out, output) = build(&[&root().join("seeds")], &["--format", "json"]);
    assert!(stderr(&output).contains("files:    5 read, 0 skipped, 0 passed over\n"), "{}", stderr(&output));
}

#[test]
fn outside_the_checkout_the_built_in_rules_are_used() {
    let work = tempfile::tempdir().unwrap();
    let output = tupu_in(work.path(), &["build", &seeds(), "--layout", "builtin", "--format", "json"]);
    assert_success(&output);
    let files = shipped_rule_files().len();
    let summary = stderr(&output);
    assert!(summary.contains(&format!("rules:    built-in ({files} files)\n")), "{summary}");
    // The same graph as the rules folder gives.
    let (out, output) = build(&[&root().join("seeds")], &["--rules", "rules", "--format", "json"]);
    assert_success(&output);
    assert!(stderr(&output).contains(&format!("rules:    rules ({files} files)\n")), "{}", stderr(&output));
    assert!(
        std::fs::read(work.path().join("output/graph.json")).unwrap()
            == std::fs::read(out.path().join("graph.json")).unwrap(),
        "the built-in rules give another graph than rules/"
    );
    // In the checkout, ./rules is found without --rules.
    let (_out, output) = build(&[&root().join("seeds")], &["--format", "json"]);
    assert!(stderr(&output).contains(&format!("rules:    ./rules ({files} files)\n")), "{}", stderr(&output));
}

#[test]
fn rules_init_writes_the_built_in_rules_and_does_not_overwrite_edits() {
    let work = tempfile::tempdir().unwrap();
    let output = tupu_in(work.path(), &["rules", "init"]);
    assert_success(&output);
    let written = contents(&work.path().join("rules"));
    let mut expected = shipped_rule_files();
    expected.insert("README.md".into(), std::fs::read(root().join("rules/README.md")).unwrap());
    assert!(written == expected, "rules init wrote {:?}", written.keys());

    let edited = work.path().join("rules/slogans.toml");
    std::fs::write(&edited, "# my edits\n").unwrap();
    let output = tupu_in(work.path(), &["rules", "init"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("rules/slogans.toml") && text.contains("already exist"), "{text}");
    assert!(text.contains("--force"), "{text}");
    assert_error_once_per_line(&output);
    assert_eq!(std::fs::read_to_string(&edited).unwrap(), "# my edits\n");

    let output = tupu_in(work.path(), &["rules", "init", "--force"]);
    assert_success(&output);
    assert!(contents(&work.path().join("rules")) == expected);

    // A folder of its own, named.
    let output = tupu_in(work.path(), &["rules", "init", "mine"]);
    assert_success(&output);
    assert!(stdout(&output).contains("--rules mine"), "{}", stdout(&output));

    // What init wrote is what builds in this folder now use.
    let output = tupu_in(work.path(), &["build", &seeds(), "--format", "json"]);
    assert_success(&output);
    let files = shipped_rule_files().len();
    assert!(stderr(&output).contains(&format!("rules:    ./rules ({files} files)")), "{}", stderr(&output));
}

#[test]
fn rules_check_and_explain_work_with_the_built_in_rules() {
    let work = tempfile::tempdir().unwrap();
    let output = tupu_in(work.path(), &["rules", "check"]);
    assert_success(&output);
    let report = stdout(&output);
    assert!(report.starts_with("rules: built-in (") && report.contains("0 failed"), "{report}");

    let output = tupu_in(work.path(), &["explain", "--text", "坚决做到“两个维护”"]);
    assert_success(&output);
    assert!(stdout(&output).contains("slogan:两个维护"), "{}", stdout(&output));

    let output = tupu_in(work.path(), &["explain", "两个维护", &seeds()]);
    assert_success(&output);
    let text = stdout(&output);
    // Built-in rules are still named by file, line and column.
    let at = text.find("(<built-in>/slogans.toml:").unwrap_or_else(|| panic!("{text}"));
    let place: String = text[at + 25..].chars().take_while(|c| *c != ')').collect();
    let (line, column) = place.split_once(':').unwrap();
    assert!(line.parse::<u32>().unwrap() > 0 && column.parse::<u32>().unwrap() > 0, "{text}");
}

#[test]
fn a_missing_rules_folder_names_the_option() {
    let work = tempfile::tempdir().unwrap();
    let seeds = seeds();
    for args in [vec!["build", &seeds, "--rules", "rulez"], vec!["rules", "check", "--rules", "rulez"]] {
        let output = tupu_in(work.path(), &args);
        assert_eq!(output.status.code(), Some(2));
        let text = stderr(&output);
        assert!(text.contains("error: --rules rulez: no such folder"), "{text}");
        assert_error_once_per_line(&output);
    }
}

#[test]
fn build_without_a_path_outside_the_checkout_says_what_to_name() {
    let work = tempfile::tempdir().unwrap();
    let output = tupu_in(work.path(), &["build"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("seeds: no such file") && text.contains("tupu build path/to/pages"), "{text}");
    assert!(!work.path().join("output").exists(), "a failed run wrote output/");
    assert_error_once_per_line(&output);
}

#[test]
fn out_naming_a_file_says_it_must_be_a_folder() {
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("graph.json"), "mine").unwrap();
    let output = tupu_in(work.path(), &["build", &seeds(), "--out", "graph.json"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("error: --out graph.json: is a file, but --out must be a folder"), "{text}");
    assert_error_once_per_line(&output);
    assert_eq!(std::fs::read_to_string(work.path().join("graph.json")).unwrap(), "mine");
}

/// A rules folder holding one file of a kind and a pattern with `regex`.
fn rules_with_regex(work: &Path, regex: &str) -> String {
    let dir = work.join("rules");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.toml"),
        format!("[[kind]]\nname = \"thing\"\n\n[[pattern]]\nname = \"p\"\nregex = {regex}\n"),
    )
    .unwrap();
    dir.to_string_lossy().into_owned()
}

#[test]
fn a_regex_in_double_quotes_gets_the_help_to_use_single_quotes() {
    // `\d` is no TOML escape: the file does not parse.
    let work = tempfile::tempdir().unwrap();
    let rules = rules_with_regex(work.path(), r#""第\d+号""#);
    let output = tupu_in(work.path(), &["rules", "check", "--rules", &rules]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("a.toml:6:"), "{text}");
    assert!(text.contains("write it in single quotes ('…')"), "{text}");
    assert_error_once_per_line(&output);

    // `\b` is one: TOML makes a backspace of it, and the regex would never match.
    let work = tempfile::tempdir().unwrap();
    let rules = rules_with_regex(work.path(), r#""\b党建\b""#);
    let output = tupu_in(work.path(), &["build", &seeds(), "--rules", &rules, "--out", "out"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("a.toml:6:10: error: pattern `p`: the regex holds the control character U+0008"), "{text}");
    assert!(text.contains("write it in single quotes ('…')") && text.contains(r"'\b党建\b'"), "{text}");
    assert_error_once_per_line(&output);

    // In single quotes, the same regex is fine.
    let work = tempfile::tempdir().unwrap();
    let rules = rules_with_regex(work.path(), r"'\b党建\b'");
    assert_success(&tupu_in(work.path(), &["rules", "check", "--rules", &rules]));
}

#[test]
fn explain_of_a_word_no_rule_knows_shows_the_entry_to_add() {
    let work = tempfile::tempdir().unwrap();
    let output = tupu_in(work.path(), &["explain", "数字化转型", &seeds()]);
    assert_success(&output);
    let text = stdout(&output);
    assert!(text.contains("no rule knows `数字化转型`"), "{text}");
    assert!(text.contains("[[concept]]\nid = \"数字化转型\"\nkind = \""), "{text}");
    assert!(text.contains("examples = [\"数字化转型\"]"), "{text}");
    assert!(text.contains("tupu rules init"), "{text}");
    // The snippet is a rule that works: added to the rules, it finds the word.
    let init = tupu_in(work.path(), &["rules", "init"]);
    assert_success(&init);
    let entry = &text[text.find("[[concept]]").unwrap()..];
    let entry = &entry[..entry.find("\n\n").unwrap_or(entry.len())];
    std::fs::write(work.path().join("rules/new.toml"), format!("{entry}\n")).unwrap();
    let output = tupu_in(work.path(), &["explain", "--text", "推进数字化转型"]);
    assert_success(&output);
    assert!(stdout(&output).contains("found   数字化转型"), "{}", stdout(&output));

    // A word the rules know is not offered as new.
    let output = tupu_in(work.path(), &["explain", "mechanism:四个意识", &seeds()]);
    let text = stdout(&output);
    // Either it is named as known, or the rule that lost to the slogan is shown as a near miss.
    assert!(text.contains("the rules know it as: concept `slogan:四个意识`") || text.contains("near misses"), "{text}");
    assert!(!text.contains("[[concept]]"), "{text}");
}

#[test]
fn threads_0_is_refused_and_the_help_says_so() {
    let work = tempfile::tempdir().unwrap();
    let output = tupu_in(work.path(), &["build", &seeds(), "--threads", "0"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("--threads takes at least 1"), "{text}");
    assert_error_once_per_line(&output);
    assert!(!work.path().join("output").exists());
    let help = stdout(&tupu_in(work.path(), &["build", "--help"]));
    assert!(help.contains("Worker threads, at least 1"), "{help}");
}

#[test]
fn every_error_says_error_once() {
    let broken = fixture("rules").join("broken").to_string_lossy().into_owned();
    let work = tempfile::tempdir().unwrap();
    let seeds = seeds();
    let runs: Vec<Vec<&str>> = vec![
        vec!["build", &seeds, "--rules", &broken, "--out", "out"],
        vec!["rules", "check", "--rules", &broken],
        vec!["explain", "两个维护", "--rules", &broken],
        vec!["explain", "--text", "两个维护", "--rules", &broken],
        vec!["articles", "--rules", &broken, &seeds],
        vec!["build", "no/such/folder"],
        vec!["articles", "no/such/folder"],
        vec!["explain", "两个维护", "no/such/folder"],
        vec!["build", &seeds, "--layout", "nonsense"],
    ];
    for args in runs {
        let output = tupu_in(work.path(), &args);
        assert!(!output.status.success(), "{args:?} succeeded");
        assert_error_once_per_line(&output);
    }
}

#[test]
fn the_readme_states_the_minimum_rust_version_cargo_toml_sets() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let manifest: toml::Table = manifest.parse().unwrap();
    let version = manifest["package"]["rust-version"].as_str().expect("Cargo.toml sets rust-version");
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains(&format!("With Rust {version} or later")), "README does not say Rust {version}");
    assert!(readme.contains(&format!("The minimum Rust version, {version},")), "README does not say Rust {version}");
    for needed in ["nx.node_link_graph(data, edges=\"edges\")", "tupu rules init", "passed over", "overview.svg"] {
        assert!(readme.contains(needed), "README does not mention {needed}");
    }
}

/// `--kinds` takes names or plurals, as `eval` does; an unknown kind is an error that
/// names the kinds (exit 2), not an empty overview.
#[test]
fn kinds_take_plurals_and_an_unknown_kind_names_the_kinds() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    let output =
        tupu_in(work.path(), &["build", &seeds(), "--out", out.to_str().unwrap(), "--kinds", "slogans,mechanism"]);
    assert_success(&output);
    let svg = std::fs::read_to_string(out.join("overview.svg")).unwrap();
    assert!(svg.contains(" slogan (") && svg.contains(" mechanism ("), "plurals are kinds");
    let output = tupu_in(work.path(), &["build", &seeds(), "--out", out.to_str().unwrap(), "--kinds", "slogn"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("--kinds slogn: no such kind") && err.contains("slogan, ") || err.contains(", slogan"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
}

/// `eval` on a subset of the gold's files scores those read and says which were not;
/// `--strict` makes that an error. A gold `file` read under another name is said.
#[test]
fn eval_says_which_gold_files_were_not_read() {
    let work = tempfile::tempdir().unwrap();
    let gold = root().join("tests/gold/seeds.toml");
    let one = root().join("seeds/000_108b596f5ef36f6b.txt");
    let output = tupu_in(work.path(), &["eval", gold.to_str().unwrap(), one.to_str().unwrap(), "--json"]);
    assert_success(&output);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let not_read = report["not_read"].as_array().unwrap();
    assert_eq!(not_read.len(), 4, "{not_read:?}");
    let titles = report["fields"].as_array().unwrap().iter().find(|f| f["field"] == "titles").unwrap().clone();
    assert_eq!(titles["fn"], 0, "the files not read are no misses: {titles}");
    let output = tupu_in(work.path(), &["eval", gold.to_str().unwrap(), one.to_str().unwrap()]);
    assert!(stdout(&output).contains("not read (4)"), "{}", stdout(&output));
    let output = tupu_in(work.path(), &["eval", gold.to_str().unwrap(), one.to_str().unwrap(), "--strict"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("file(s) not read"), "{}", stderr(&output));

    // So with a relation gold: the pairs of an article not read are no misses either.
    let relations = work.path().join("relations.toml");
    std::fs::write(
        &relations,
        "[[article]]\nfile = \"seeds/001_0b230fcfeb4ce0ca.txt\"\npractises = [\"甲公司 > 三会一课\"]\n\n\
         [[article]]\nfile = \"seeds/004_d5e2202805ce2624.txt\"\npractises = [\"乙公司 > 三会一课\"]\n",
    )
    .unwrap();
    let args = ["eval", gold.to_str().unwrap(), one.to_str().unwrap(), "--relations", relations.to_str().unwrap()];
    let output = tupu_in(work.path(), &[&args[..], &["--json"]].concat());
    assert_success(&output);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let practises = report["fields"].as_array().unwrap().iter().find(|f| f["field"] == "practises").unwrap().clone();
    assert_eq!((practises["tp"].as_u64(), practises["fn"].as_u64()), (Some(0), Some(0)), "{practises}");
    assert_eq!(report["not_read"].as_array().unwrap().len(), 4, "{}", report["not_read"]);

    // A typo in `file`: the article is compared by its title, and the report says so.
    let text = std::fs::read_to_string(&gold).unwrap().replacen("000_108b596f5ef36f6b.txt", "000_typo.txt", 1);
    let typo = work.path().join("gold.toml");
    std::fs::write(&typo, text).unwrap();
    let output = tupu_in(work.path(), &["eval", typo.to_str().unwrap(), &seeds()]);
    assert_success(&output);
    assert!(stdout(&output).contains("000_typo.txt was not read; compared by title with"), "{}", stdout(&output));
}

/// Every command that reads a corpus says when it read nothing (exit 1), and a folder
/// it cannot read is not called empty.
#[test]
fn commands_on_an_empty_folder_say_nothing_was_read() {
    let work = tempfile::tempdir().unwrap();
    let empty = work.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let empty = empty.to_str().unwrap();
    let gold = root().join("tests/gold/seeds.toml");
    for args in
        [vec!["articles", empty], vec!["explain", "两个维护", empty], vec!["eval", gold.to_str().unwrap(), empty]]
    {
        let output = tupu_in(work.path(), &args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let err = stderr(&output);
        assert!(err.contains("no document was read from") && err.contains("no files there"), "{args:?}: {err}");
    }
}

/// The summary counts mentions whatever `--format` writes, and names outputs of other
/// formats an earlier run left in `--out`.
#[test]
fn the_summary_counts_mentions_and_names_outputs_left_from_an_earlier_run() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    let mentions = |output: &Output| {
        let err = stderr(output);
        err.lines().find(|l| l.starts_with("articles:")).unwrap_or_default().to_owned()
    };
    let all = tupu_in(work.path(), &["build", &seeds(), "--out", out.to_str().unwrap()]);
    assert_success(&all);
    let json = tupu_in(work.path(), &["build", &seeds(), "--out", out.to_str().unwrap(), "--format", "json"]);
    assert_success(&json);
    assert_eq!(mentions(&json), mentions(&all));
    assert!(!mentions(&json).contains("(0 mentions)"), "{}", mentions(&json));
    let err = stderr(&json);
    assert!(err.contains("graph.gexf") && err.contains("left from an earlier run"), "{err}");
}

/// A syntax error in one rule file is reported alone: not with the "unknown kind"
/// errors of the files that use the kinds it would have declared.
#[test]
fn a_toml_syntax_error_is_reported_alone() {
    let work = tempfile::tempdir().unwrap();
    let rules = work.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    for (name, bytes) in shipped_rule_files() {
        std::fs::write(rules.join(&name), bytes).unwrap();
    }
    let path = rules.join("slogans.toml");
    let text = std::fs::read_to_string(&path).unwrap().replacen("name = \"slogan\"", "name = \"slogan", 1);
    std::fs::write(&path, text).unwrap();
    let output = tupu_in(work.path(), &["build", &seeds(), "--out", work.path().join("out").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("slogans.toml:") && err.contains("1 error in the rules"), "{err}");
    assert!(!err.contains("unknown kind"), "{err}");
}
