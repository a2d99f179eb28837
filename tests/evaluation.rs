//! `tupu eval`: the shipped rules and layout against gold annotations.
//!
//! `tests/gold/seeds.toml` annotates every article of the seed pages (title, authors,
//! and every enterprise, unit, mechanism and slogan a careful reader finds, made by
//! reading the pages, independently of the rules). The seeds test fails when a figure
//! falls below its floor (today's figure, rounded down), so a rule or layout change
//! that loses ground shows up; `cargo test --test evaluation -- --nocapture` prints the
//! report with its misses and extras.
//!
//! The dev corpus (`../shared/corpora/dev/`, not part of the repository) is scored the
//! same way when it is there, on its one-article files (`rmrb/`) and on the same
//! articles laid out as pages (`ocr/`).

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

/// Runs `tupu eval GOLD PATHS --json` and returns the report.
fn eval(gold: &Path, paths: &[&Path]) -> Value {
    let mut args = vec!["eval".to_owned(), gold.to_string_lossy().into_owned()];
    args.extend(paths.iter().map(|p| p.to_string_lossy().into_owned()));
    args.push("--json".to_owned());
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = tupu(&refs);
    assert_success(&output);
    serde_json::from_str(&stdout(&output)).expect("eval --json prints JSON")
}

/// The human-readable report, for the test log.
fn show(gold: &Path, paths: &[&Path]) {
    let mut args = vec!["eval".to_owned(), gold.to_string_lossy().into_owned()];
    args.extend(paths.iter().map(|p| p.to_string_lossy().into_owned()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    println!("{}", stdout(&tupu(&refs)));
}

fn field<'r>(report: &'r Value, name: &str) -> &'r Value {
    report["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

/// Asserts precision and recall of each field at least at their floors.
fn assert_floors(report: &Value, floors: &[(&str, f64, f64)]) {
    let mut failed = Vec::new();
    for &(name, precision, recall) in floors {
        let f = field(report, name);
        let p = f["precision"].as_f64().unwrap_or(0.0);
        let r = f["recall"].as_f64().unwrap_or(0.0);
        if p < precision || r < recall {
            failed.push(format!("{name}: P {p} (floor {precision}), R {r} (floor {recall})"));
        }
    }
    assert!(failed.is_empty(), "below the floors:\n{}", failed.join("\n"));
}

/// Floors for the seeds: (field, precision, recall), the figures measured when the
/// rules and layout last changed, rounded down.
const SEED_FLOORS: &[(&str, f64, f64)] = &[
    ("titles", 1.0, 1.0),
    ("authors", 1.0, 1.0),
    ("enterprises", 1.0, 0.94),
    ("units", 1.0, 1.0),
    ("mechanisms", 0.97, 0.92),
    ("slogans", 1.0, 1.0),
    ("plans", 1.0, 1.0),
];

#[test]
fn shipped_rules_against_the_seeds_gold() {
    let gold = root().join("tests/gold/seeds.toml");
    let seeds = root().join("seeds");
    show(&gold, &[&seeds]);
    let report = eval(&gold, &[&seeds]);
    assert_eq!(report["gold_articles"], 23);
    assert_eq!(report["matched"], 23, "every gold article finds its article");
    assert_floors(&report, SEED_FLOORS);
    let figure = |name: &str| pair(&report, name, 2, "/");
    let said = format!(
        "On the seeds: titles and authors {}, enterprises {}, units {}, mechanisms {}, slogans {}",
        figure("titles"),
        figure("enterprises"),
        figure("units"),
        figure("mechanisms"),
        figure("slogans")
    );
    assert_eq!(figure("titles"), figure("authors"), "the README says them together");
    let readme = readme_words();
    assert!(readme.contains(&said), "README.md's seed figures are not today's: {said}");
}

/// README.md with its line breaks and runs of spaces made single spaces, for finding a
/// sentence however it is wrapped.
fn readme_words() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A field's precision and recall as the README writes them (`0.87 / 0.71`).
fn pair(report: &Value, name: &str, decimals: usize, separator: &str) -> String {
    let f = field(report, name);
    let show = |v: &Value| v.as_f64().map_or("—".to_owned(), |v| format!("{v:.decimals$}"));
    format!("{}{separator}{}", show(&f["precision"]), show(&f["recall"]))
}

/// Asserts that the README's table row opening with `row`, in the part of the README
/// that begins at the heading `section`, gives `report`'s figures of `fields`, so that
/// a figure the README quotes cannot drift from what `tupu eval` measures.
fn assert_readme_row(section: &str, row: &str, report: &Value, fields: &[&str], decimals: usize) {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let part = &readme[readme.find(section).unwrap_or_else(|| panic!("README.md has no {section}"))..];
    let line = part.lines().find(|l| l.starts_with(row)).unwrap_or_else(|| panic!("README.md has no row {row}"));
    let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).skip(1).take(fields.len()).collect();
    let measured: Vec<String> = fields.iter().map(|name| pair(report, name, decimals, " / ")).collect();
    assert_eq!(cells, measured, "README.md row {row} ({fields:?}) is not what tupu eval measures today");
}

#[test]
fn borderline_items_spaces_and_empty_fields_count_as_the_gold_says() {
    let report = eval(&fixture("eval/gold.toml"), &[&root().join("seeds")]);
    let counts = |name: &str| {
        let f = field(&report, name);
        (f["tp"].as_u64().unwrap(), f["fp"].as_u64().unwrap(), f["fn"].as_u64().unwrap())
    };
    // The title is written with U+3000 where the page has a space, the author as `宋 丹`.
    assert_eq!(counts("titles"), (1, 0, 0));
    assert_eq!(counts("authors"), (1, 0, 0));
    // `units = []`: the byline's unit is an enterprise, so nothing to count.
    assert_eq!(counts("units"), (0, 0, 0));
    assert!(field(&report, "units")["precision"].is_null());
    // 文化服务到身边 found; 学练提争 found but borderline (neither); 手拉手 borderline and
    // not found (not a miss); 不存在的工作法 missed.
    assert_eq!(counts("mechanisms"), (1, 0, 1));
    let misses = report["misses"].as_array().unwrap();
    assert_eq!(misses.len(), 1);
    assert_eq!(misses[0]["item"], "不存在的工作法");
    assert_eq!(misses[0]["gold_line"], 11);
    assert!(report["extras"].as_array().unwrap().is_empty(), "{:#}", report["extras"]);
    // Fields the gold leaves out are not scored.
    assert!(report["fields"].as_array().unwrap().iter().all(|f| f["field"] != "slogans"));
}

#[test]
fn a_broken_gold_file_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("[[article]]\nfile = \"a.txt\"\nunits = [\"x\",\n  3]\n", ":4:", "must be a string"),
        ("[[article]]\nfile = \"a.txt\"\npersons = [\"x\"]\n", ":3:", "names no kind"),
        ("[[article]]\nfile = \"a.txt\"\nunits = [\"x\"\n", ":3:", "not valid TOML"),
        ("[[article]]\ntitle = \"t\"\n", ":1:", "no `file`"),
    ];
    for (text, line, message) in cases {
        let gold = dir.path().join("gold.toml");
        std::fs::write(&gold, text).unwrap();
        let output = tupu(&["eval", gold.to_str().unwrap(), root().join("seeds").to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{text}");
        let err = stderr(&output);
        assert!(err.contains(&format!("gold.toml{line}")) && err.contains(message), "{text}: {err}");
        assert!(err.contains("help:"), "{err}");
    }
}

/// The dev corpus, when it is there: its floors are today's figures, rounded down.
#[test]
fn dev_corpus_against_its_gold() {
    let Some(dev) = dev_corpus() else { return };
    let gold = dev.join("gold.toml");
    for (folder, floors, min_matched) in [("rmrb", RMRB_FLOORS, 39), ("ocr", OCR_FLOORS, OCR_MIN_MATCHED)] {
        let path = dev.join(folder);
        show(&gold, &[&path]);
        let report = eval(&gold, &[&path]);
        assert!(report["matched"].as_u64().unwrap() >= min_matched, "{folder}: {}", report["matched"]);
        assert_floors(&report, floors);
        let row = format!("| `{folder}/` ");
        assert_readme_row("## Measuring rules", &row, &report, &["titles", "authors"], 3);
        let row = format!("| `{folder}/` |");
        assert_readme_row("## Measuring rules", &row, &report, &["enterprises", "units", "mechanisms", "slogans"], 3);
        if folder == "ocr" {
            let found = report["articles_found"].as_u64().unwrap();
            assert!((OCR_ARTICLES.0..=OCR_ARTICLES.1).contains(&found), "ocr: {found} articles for 148 stories");
        }
    }
}

/// The 60 files annotated blind for issue 24, when the dev corpus is there: `tune` is
/// what rules were fitted on, `check` what nobody read the misses of. Floors are
/// today's figures rounded down; `check` is the one that tells whether a rule holds.
#[test]
fn more_dev_files_against_their_blind_gold() {
    let Some(dev) = dev_corpus() else { return };
    let rmrb = dev.join("rmrb");
    for (part, floors) in [("tune", TUNE_FLOORS), ("check", CHECK_FLOORS)] {
        let gold = root().join("tests/gold").join(format!("dev_more_{part}.toml"));
        show(&gold, &[&rmrb]);
        let report = eval(&gold, &[&rmrb]);
        assert_eq!(report["matched"].as_u64(), Some(30), "{part}: {}", report["matched"]);
        assert_floors(&report, floors);
        let row = if part == "check" { "| **check, now** |" } else { "| tune, now |" };
        let fields = ["titles", "authors", "enterprises", "units", "mechanisms", "slogans"];
        assert_readme_row("## Measuring rules", row, &report, &fields, 2);
    }
}

const TUNE_FLOORS: &[(&str, f64, f64)] = &[
    ("titles", 1.0, 1.0),
    ("authors", 1.0, 1.0),
    ("enterprises", 0.86, 0.71),
    ("units", 0.85, 0.86),
    ("mechanisms", 0.94, 0.74),
    ("slogans", 0.99, 0.99),
];
const CHECK_FLOORS: &[(&str, f64, f64)] = &[
    ("titles", 1.0, 1.0),
    ("authors", 0.99, 0.89),
    ("enterprises", 0.95, 0.71),
    ("units", 0.91, 0.74),
    ("mechanisms", 0.69, 0.42),
    ("slogans", 0.93, 0.87),
];

/// Dev-corpus floors: today's figures rounded down, so that a change that loses ground
/// on real text shows up; they meet the entity targets of issue 13.
const RMRB_FLOORS: &[(&str, f64, f64)] = &[
    ("titles", 1.0, 1.0),
    ("authors", 1.0, 0.95),
    ("enterprises", 0.95, 0.85),
    ("units", 0.86, 0.85),
    ("mechanisms", 0.92, 0.78),
    ("slogans", 0.98, 0.98),
];
const OCR_FLOORS: &[(&str, f64, f64)] = &[
    ("titles", 0.97, 0.97),
    ("authors", 1.0, 0.95),
    ("enterprises", 0.94, 0.85),
    ("units", 0.86, 0.85),
    ("mechanisms", 0.92, 0.78),
    ("slogans", 0.98, 0.98),
];
const OCR_MIN_MATCHED: u64 = 39;
/// The number of articles found on the ocr pages: within 5% of the 148 stories (155
/// when measured: a list page and a page of speeches still read as several stories).
const OCR_ARTICLES: (u64, u64) = (141, 155);

/// (field, precision, recall) floors of one report.
type Floors = &'static [(&'static str, f64, f64)];

/// Relation floors (issue 25): who practises which mechanism, invokes which slogan, is
/// part of whom, and what each article is about, on the dev relation gold and on the
/// relation gold of the blind files. Today's figures rounded down; far from the
/// targets (P 0.85, R 0.6 to 0.8), so that gains show and losses fail. Dev part_of P
/// was 0.86 until affiliated bodies (`复旦大学附属华山医院` → `复旦大学`) were read, which
/// the dev gold leaves out and the check gold counts (check part_of 0.83/0.54 → 0.84/0.57).
/// Tune and check invokes P were 0.82 and 0.59 until the Party's formulas for governing
/// itself (`管党治党`, `自我革命`) were slogans: the relation golds credit them to the
/// bodies whose Party groups act, where tupu credits the groups or the subject (invokes
/// F1 rose on dev and check: 0.55 → 0.63, 0.43 → 0.44); and 0.76 and 0.57 until a head
/// named alone referred back to its quoted name (`主题教育`), whose new links are right
/// about half the time on tune and check (F1 rose on dev and check again, 0.63 → 0.66,
/// 0.44 → 0.45; tune practises R 0.53 → 0.74).
const RELATION_FLOORS: [(&str, Floors); 3] = [
    ("dev", &[("practises", 0.79, 0.39), ("invokes", 0.87, 0.52), ("part_of", 0.87, 0.46), ("subject", 0.84, 0.59)]),
    ("tune", &[("practises", 0.77, 0.73), ("invokes", 0.74, 0.82), ("part_of", 0.5, 0.63), ("subject", 0.8, 0.42)]),
    ("check", &[("practises", 0.54, 0.21), ("invokes", 0.56, 0.38), ("part_of", 0.88, 0.57), ("subject", 0.59, 0.59)]),
];

/// `tupu eval --relations`, when the dev corpus is there.
#[test]
fn relations_against_the_relation_gold() {
    let Some(dev) = dev_corpus() else { return };
    let rmrb = dev.join("rmrb");
    for (part, floors) in RELATION_FLOORS {
        let (gold, relations) = match part {
            "dev" => (dev.join("gold.toml"), dev.join("relations.toml")),
            _ => {
                let gold = root().join("tests/gold");
                (gold.join(format!("dev_more_{part}.toml")), gold.join(format!("dev_more_{part}_relations.toml")))
            }
        };
        let output = tupu(&[
            "eval",
            gold.to_str().unwrap(),
            rmrb.to_str().unwrap(),
            "--relations",
            relations.to_str().unwrap(),
            "--json",
        ]);
        assert_success(&output);
        let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
        println!("{part}: {}", serde_json::to_string(&report["fields"]).unwrap());
        assert_floors(&report, floors);
        let row = match part {
            "dev" => "| dev 39, now |",
            "tune" => "| tune, now |",
            _ => "| **check, now** |",
        };
        let fields = ["practises", "invokes", "part_of", "subject"];
        assert_readme_row("### Relations and subjects", row, &report, &fields, 2);
        // Every extra edge carries the sentence that shows it.
        let extras = report["extras"].as_array().unwrap();
        assert!(extras.iter().filter(|e| e["field"] == "practises").all(|e| e["evidence"].is_string()));
    }
}

/// A relation gold that names a pair without its arrow is refused with its line.
#[test]
fn a_broken_relation_gold_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.toml");
    std::fs::write(&gold, "[[article]]\nfile = \"000_108b596f5ef36f6b.txt\"\nunits = []\n").unwrap();
    let relations = dir.path().join("relations.toml");
    std::fs::write(
        &relations,
        "[[article]]\nfile = \"000_108b596f5ef36f6b.txt\"\npractises = [\n  \"甲公司 三会一课\",\n]\n",
    )
    .unwrap();
    let seeds = root().join("seeds");
    let args = ["eval", gold.to_str().unwrap(), seeds.to_str().unwrap(), "--relations", relations.to_str().unwrap()];
    let output = tupu(&args);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("relations.toml:4") && err.contains("SOURCE > TARGET"), "{err}");
}

/// The README's sizes of the two views on the dev corpus, and the kinds its overview
/// shows, are what `tupu build` writes.
#[test]
fn the_readme_sizes_of_the_two_views_and_the_dev_overview_are_current() {
    let Some(dev) = dev_corpus() else { return };
    let size = |view: &str| {
        let out = tempfile::tempdir().unwrap();
        // As the README runs it, from the checkout: evidence cites files by the path given.
        assert!(dev.join("rmrb").is_dir());
        let args =
            ["build", "../shared/corpora/dev/rmrb", "--quiet", "--view", view, "--out", out.path().to_str().unwrap()];
        assert_success(&tupu(&args));
        let graph: Value =
            serde_json::from_str(&std::fs::read_to_string(out.path().join("graph.json")).unwrap()).unwrap();
        let bytes: u64 = ["graph.json", "graph.graphml", "graph.gexf", "graph.dot"]
            .iter()
            .map(|f| std::fs::metadata(out.path().join(f)).unwrap().len())
            .sum();
        let overview = std::fs::read_to_string(out.path().join("overview.svg")).unwrap();
        let nodes = graph["nodes"].as_array().unwrap().len();
        let unlinked = unlinked_organisations(&graph);
        (nodes, graph["edges"].as_array().unwrap().len(), bytes as f64 / 1e6, legend(&overview), unlinked)
    };
    let (articles, concepts) = (size("articles"), size("concepts"));
    let shown: Vec<String> = concepts.3.iter().map(|(kind, n)| format!("{n} {kind}s")).collect();
    let (last, first) = shown.split_last().expect("the overview shows some kind");
    let said = format!("gives {} and {last}, and no reporter", first.join(", "));
    assert!(concepts.3.iter().all(|(kind, _)| kind != "author"), "{:?}", concepts.3);
    let readme = readme_words();
    assert!(readme.contains(&said), "README.md's dev overview is not today's: {said}");
    let said = format!(
        "{} nodes and {} edges against {} and {}; {:.1} MB of graph files against {:.1} MB",
        articles.0, articles.1, concepts.0, concepts.1, articles.2, concepts.2
    );
    assert!(readme.contains(&said), "README.md's article-view sizes are not today's: {said}");
    // Issue 25: at most a fifth of the organisations without an edge to another concept.
    let (unlinked, organisations) = concepts.4;
    let share = 100.0 * unlinked as f64 / organisations as f64;
    assert!(share <= 20.0, "{unlinked} of {organisations} organisations have no edge to another concept");
    let said = format!("it leaves {share:.1} % of the enterprise and unit nodes without an edge to another concept");
    assert!(readme.contains(&said), "README.md's unlinked organisations are not today's: {said}");
}

/// How many enterprise and unit nodes of a concept-view graph have no edge to another
/// concept (reporters and articles left out), and how many there are.
fn unlinked_organisations(graph: &Value) -> (usize, usize) {
    let kind = |id: &str| id.split(':').next().unwrap_or_default().to_owned();
    let concept = |id: &str| !matches!(kind(id).as_str(), "author" | "article");
    let mut linked = std::collections::BTreeSet::new();
    for edge in graph["edges"].as_array().unwrap() {
        let (source, target) = (edge["source"].as_str().unwrap(), edge["target"].as_str().unwrap());
        if concept(source) && concept(target) && source != target {
            linked.insert(source.to_owned());
            linked.insert(target.to_owned());
        }
    }
    let organisations: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .filter(|id| matches!(kind(id).as_str(), "enterprise" | "unit"))
        .collect();
    (organisations.iter().filter(|id| !linked.contains(**id)).count(), organisations.len())
}

/// The kinds of an overview's legend (`企业 enterprise (15)`) with their counts, in order.
fn legend(svg: &str) -> Vec<(String, usize)> {
    let legend =
        svg.split("<g font-size=\"13\"").nth(1).expect("the overview has a legend").split("</g>").next().unwrap();
    legend
        .lines()
        .filter_map(|line| {
            let text = line.trim().strip_suffix(")</text>")?;
            let (name, count) = text.rsplit_once(" (")?;
            Some((name.rsplit(' ').next()?.to_owned(), count.parse().ok()?))
        })
        .collect()
}
