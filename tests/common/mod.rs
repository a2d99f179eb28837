//! Helpers shared by the integration tests: running the binary and reading its outputs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The repository root, where `seeds/` and `rules/` are.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(name)
}

/// Runs `tupu ARGS` in the repository root.
pub fn tupu(args: &[&str]) -> Output {
    tupu_in(&root(), args)
}

pub fn tupu_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tupu")).args(args).current_dir(dir).output().expect("the tupu binary runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Asserts that a run succeeded, showing its stderr when it did not.
pub fn assert_success(output: &Output) {
    assert!(output.status.success(), "tupu failed ({:?}):\n{}", output.status.code(), stderr(output));
}

/// Builds `inputs` with the shipped rules into a fresh temporary folder.
pub fn build(inputs: &[&Path], extra: &[&str]) -> (tempfile::TempDir, Output) {
    let out = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = vec!["build".into()];
    args.extend(inputs.iter().map(|p| p.to_string_lossy().into_owned()));
    args.extend(["--out".into(), out.path().to_string_lossy().into_owned()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = tupu(&refs);
    (out, output)
}

/// Reads `graph.json` back and checks its node-link shape: unique node ids, edges
/// between existing nodes, the fields every node and edge must carry.
pub fn read_graph(dir: &Path) -> Value {
    let text = std::fs::read_to_string(dir.join("graph.json")).expect("graph.json was written");
    let graph: Value = serde_json::from_str(&text).expect("graph.json is JSON");
    assert_eq!(graph["directed"], true);
    assert_eq!(graph["multigraph"], true);
    let nodes = graph["nodes"].as_array().expect("nodes list");
    let mut ids = std::collections::HashSet::new();
    for node in nodes {
        let id = node["id"].as_str().expect("node id");
        assert!(ids.insert(id.to_owned()), "duplicate node id {id}");
        assert!(node["kind"].is_string() && node["label"].is_string(), "{node}");
    }
    let mut keys = std::collections::HashSet::new();
    for edge in graph["edges"].as_array().expect("edges list") {
        let (source, target) = (edge["source"].as_str().unwrap(), edge["target"].as_str().unwrap());
        assert!(ids.contains(source) && ids.contains(target), "dangling edge {edge}");
        assert!(edge["weight"].as_u64().unwrap() >= 1);
        assert_eq!(edge["key"], edge["relation"]);
        assert!(keys.insert((source.to_owned(), target.to_owned(), edge["key"].to_string())), "duplicate edge {edge}");
    }
    graph
}

/// The nodes of `graph` of one kind.
pub fn nodes_of_kind<'g>(graph: &'g Value, kind: &str) -> Vec<&'g Value> {
    graph["nodes"].as_array().unwrap().iter().filter(|n| n["kind"] == kind).collect()
}

/// The `mentions` edges of `graph` into `target`: the articles that mention it.
pub fn mentions_of<'g>(graph: &'g Value, target: &str) -> Vec<&'g Value> {
    edges_into(graph, target).into_iter().filter(|e| e["relation"] == "mentions").collect()
}

/// The edges of `graph` into `target`.
pub fn edges_into<'g>(graph: &'g Value, target: &str) -> Vec<&'g Value> {
    graph["edges"].as_array().unwrap().iter().filter(|e| e["target"] == target).collect()
}

/// The dev corpus (`../shared/corpora/dev`), when it is there; it is not part of the
/// repository, so a test that reads it says it skipped and passes where it is absent.
pub fn dev_corpus() -> Option<PathBuf> {
    let dev = root().join("../shared/corpora/dev");
    if dev.join("gold.toml").exists() {
        Some(dev)
    } else {
        println!("skipped: {} is absent (the dev corpus is not part of the repository)", dev.display());
        None
    }
}
