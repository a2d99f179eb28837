//! Precision and recall of the shipped rules against a gold annotation of the seeds.
//!
//! `tests/gold/seeds.toml` lists, per seed page, every enterprise, unit, slogan and
//! mechanism a careful reader finds (made by reading the pages, independently of the
//! rules; uncertain entries are marked `borderline`). This test builds the seeds,
//! compares, prints the figures and the misses (`cargo test --test evaluation --
//! --nocapture`), and fails if precision or recall falls below the floors, so that a
//! rule change that loses ground shows up.
//!
//! Scoring: a concept found in a file counts as correct when its id or a form seen
//! equals a form of a gold entry of the same kind and file (borderline entries
//! included); recall counts the non-borderline gold entries found.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use serde_json::Value;

const KINDS: [&str; 4] = ["enterprise", "unit", "slogan", "mechanism"];

/// Floors below which the test fails: the figures measured when the rules were last
/// tuned, rounded down.
const PRECISION_FLOOR: f64 = 0.95;
const RECALL_FLOOR: f64 = 0.90;

#[derive(Debug)]
struct Gold {
    file: String,
    kind: String,
    name: String,
    forms: BTreeSet<String>,
    borderline: bool,
}

fn gold() -> Vec<Gold> {
    let text = std::fs::read_to_string(root().join("tests/gold/seeds.toml")).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    value["concept"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let name = c["name"].as_str().unwrap().to_owned();
            let mut forms: BTreeSet<String> =
                c["forms"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_owned()).collect();
            forms.insert(name.clone());
            Gold {
                file: base_name(c["file"].as_str().unwrap()),
                kind: c["kind"].as_str().unwrap().to_owned(),
                name,
                forms,
                borderline: c.get("borderline").and_then(|b| b.as_bool()).unwrap_or(false),
            }
        })
        .collect()
}

/// Per (file, kind): the concepts found, each with its id and forms.
fn found(graph: &Value) -> BTreeMap<(String, String), BTreeMap<String, BTreeSet<String>>> {
    let nodes: BTreeMap<&str, &Value> =
        graph["nodes"].as_array().unwrap().iter().map(|n| (n["id"].as_str().unwrap(), n)).collect();
    let mut found: BTreeMap<(String, String), BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for edge in graph["edges"].as_array().unwrap() {
        let relation = edge["relation"].as_str().unwrap();
        if !["mentions", "affiliated_with", "part_of"].contains(&relation) {
            continue;
        }
        let target = nodes[edge["target"].as_str().unwrap()];
        let kind = target["kind"].as_str().unwrap();
        if !KINDS.contains(&kind) {
            continue;
        }
        let file = base_name(edge["evidence"][0]["file"].as_str().unwrap());
        let id = target["label"].as_str().unwrap().to_owned();
        let mut forms: BTreeSet<String> =
            target["aliases"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_owned()).collect();
        forms.insert(id.clone());
        found.entry((file, kind.to_owned())).or_default().entry(id).or_default().extend(forms);
    }
    found
}

fn base_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_owned()
}

#[test]
fn shipped_rules_against_the_gold_annotation() {
    // Reads the article view's `mentions` edges (which file a concept was found in).
    let (out, output) = build(&[&root().join("seeds")], &["--quiet", "--view", "articles"]);
    assert_success(&output);
    let graph = read_graph(out.path());
    let found = found(&graph);
    let gold = gold();
    let mut total = (0, 0, 0, 0); // correct found, found, gold found, gold
    println!("kind        precision        recall");
    for kind in KINDS {
        let (mut correct, mut all, mut hit, mut wanted) = (0, 0, 0, 0);
        let mut false_positives = Vec::new();
        let mut misses = Vec::new();
        for ((file, k), concepts) in &found {
            if k != kind {
                continue;
            }
            for (id, forms) in concepts {
                all += 1;
                let right = gold.iter().any(|g| &g.file == file && g.kind == kind && !g.forms.is_disjoint(forms));
                if right {
                    correct += 1;
                } else {
                    false_positives.push(format!("{}:{id}", &file[..3]));
                }
            }
        }
        for g in gold.iter().filter(|g| g.kind == kind && !g.borderline) {
            wanted += 1;
            let concepts = found.get(&(g.file.clone(), kind.to_owned()));
            if concepts.is_some_and(|c| c.values().any(|forms| !forms.is_disjoint(&g.forms))) {
                hit += 1;
            } else {
                misses.push(format!("{}:{}", &g.file[..3], g.name));
            }
        }
        let precision = correct as f64 / all.max(1) as f64;
        let recall = hit as f64 / wanted.max(1) as f64;
        println!("{kind:<11} {precision:.2} ({correct}/{all})  {recall:.2} ({hit}/{wanted})");
        println!("  not in the gold: {}", false_positives.join(", "));
        println!("  missed:          {}", misses.join(", "));
        total.0 += correct;
        total.1 += all;
        total.2 += hit;
        total.3 += wanted;
    }
    let precision = total.0 as f64 / total.1.max(1) as f64;
    let recall = total.2 as f64 / total.3.max(1) as f64;
    println!("all         {precision:.2} ({}/{})  {recall:.2} ({}/{})", total.0, total.1, total.2, total.3);
    assert!(precision >= PRECISION_FLOOR, "precision {precision:.3} fell below {PRECISION_FLOOR}");
    assert!(recall >= RECALL_FLOOR, "recall {recall:.3} fell below {RECALL_FLOOR}");
}
