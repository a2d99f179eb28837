//! The outputs, read by the real readers users open them with.
//!
//! The seeds are built once into a folder of their own, and every graph file is handed
//! to the validators of `../shared/tools/` (GraphML's XSD, networkx and igraph; Graphviz
//! and pydot; networkx's node-link reader), `graph.gexf` (GEXF 1.2draft) to
//! `.ci/gexf_1_2draft.py` (the GEXF grammar, a current networkx and networkx 2.8) and to
//! graphology's GEXF parser, the one Gephi Lite uses (`.ci/gexf_graphology.mjs`); the
//! GEXF 1.3 of `--gexf-version 1.3` to the shared GEXF validator (1.3 RELAX NG, XSD
//! without `viz:`, networkx) and graphology. Any rejection fails the test.
//!
//! Where a reader is not installed the test says so and passes, so `cargo test` works
//! on a fresh clone; where `CI` is set a missing reader fails it. `.ci/run` installs
//! them all. Where the readers live:
//! - `TUPU_VALIDATORS`: the Python virtual environment `setup-validators.sh` made
//!   (default `/tmp/tupu-validators`);
//! - `TUPU_NETWORKX28`: a Python with networkx 2.8, Debian 12's (default
//!   `/tmp/tupu-nx28/bin/python`);
//! - `TUPU_NODE_DIR`: the folder where `npm install graphology graphology-gexf` ran
//!   (default `target/ci-node`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;

/// Whether a missing reader fails the test (`CI` set, as CI services do) or skips it.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Says that `reader` is missing: a failure in CI, a skip elsewhere.
fn missing(reader: &str, why: &str) {
    if in_ci() {
        panic!("{reader}: not installed ({why}); CI must run every reader: see .ci/run");
    }
    eprintln!("skipped: {reader}: not installed ({why}); .ci/run installs it");
}

fn shared_tools() -> PathBuf {
    root().join("..").join("shared").join("tools")
}

/// The Python of the validators' virtual environment, and the folder of the scripts.
fn python() -> Option<(PathBuf, PathBuf)> {
    let tools = shared_tools();
    if !tools.join("validate_graphml.py").is_file() {
        missing("../shared/tools", &format!("{} does not exist", tools.display()));
        return None;
    }
    let venv = std::env::var_os("TUPU_VALIDATORS").map_or_else(|| PathBuf::from("/tmp/tupu-validators"), PathBuf::from);
    let python = venv.join("bin").join("python");
    if !runs(&python, "import networkx, igraph, lxml, pydot") {
        missing("the Python validators", &format!("no {} with networkx, igraph, lxml and pydot", python.display()));
        return None;
    }
    Some((python, tools))
}

/// Whether `python` runs `code` without an error.
fn runs(python: &Path, code: &str) -> bool {
    Command::new(python).args(["-c", code]).output().is_ok_and(|output| output.status.success())
}

fn on_path(program: &str) -> bool {
    Command::new(program).arg("-V").output().is_ok()
}

/// One view of the seeds, built once per test run: its folder and its node and edge
/// counts, from `graph.json`.
struct Built {
    dir: PathBuf,
    nodes: usize,
    edges: usize,
    /// Edges of undirected relations: GEXF says them `type="mutual"`, which networkx
    /// reads as two directed edges.
    undirected: usize,
}

/// The views to check: the default, and `--view articles` where the binary has it.
fn views() -> &'static [(String, Built)] {
    static VIEWS: OnceLock<Vec<(String, Built)>> = OnceLock::new();
    VIEWS.get_or_init(|| {
        let help = stdout(&tupu(&["build", "--help"]));
        let mut views = vec![("default".to_owned(), Vec::new())];
        if help.contains("--view") {
            views.push(("articles".to_owned(), vec!["--view", "articles"]));
        }
        views.push((GEXF_1_3.to_owned(), vec!["--gexf-version", "1.3", "--format", "json,gexf"]));
        views
            .into_iter()
            .map(|(name, extra)| {
                let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("readers").join(&name);
                let _ = std::fs::remove_dir_all(&dir);
                let mut args = vec!["build", "seeds", "--quiet", "--out", dir.to_str().unwrap()];
                args.extend(extra);
                assert_success(&tupu(&args));
                let graph: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(dir.join("graph.json")).unwrap()).unwrap();
                let nodes = graph["nodes"].as_array().unwrap().len();
                let edges = graph["edges"].as_array().unwrap();
                let undirected = edges.iter().filter(|e| e["directed"] == false).count();
                (name, Built { dir, nodes, edges: edges.len(), undirected })
            })
            .collect()
    })
}

/// The view built with `--gexf-version 1.3` (graph.json and graph.gexf only).
const GEXF_1_3: &str = "gexf 1.3";

/// The views that wrote every format.
fn full_views() -> impl Iterator<Item = &'static (String, Built)> {
    views().iter().filter(|(view, _)| view != GEXF_1_3)
}

fn view(name: &str) -> &'static Built {
    &views().iter().find(|(view, _)| view == name).expect("a view of that name").1
}

/// Runs a reader; any failure shows what it said.
fn run(reader: &str, command: &mut Command) {
    let output = command.output().unwrap_or_else(|err| panic!("{reader} does not run: {err}"));
    let said = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{reader} rejects the output ({:?}):\n{said}", output.status.code());
    eprintln!("{reader}: {}", said.lines().last().unwrap_or(""));
}

/// Runs a `validate_*.py` script on one file of every full view, expecting its counts.
fn validate(script: &str, file: &str) {
    let Some((python, tools)) = python() else { return };
    for (view, built) in full_views() {
        run(
            &format!("{script} ({view} view)"),
            Command::new(&python).arg(tools.join(script)).args(expect(built, file)),
        );
    }
}

/// The file of `built` and the counts its readers must find: networkx reads each
/// `mutual` GEXF edge as two.
fn expect(built: &Built, file: &str) -> Vec<String> {
    let edges = if file.ends_with(".gexf") { built.edges + built.undirected } else { built.edges };
    vec![
        built.dir.join(file).display().to_string(),
        "--expect-nodes".to_owned(),
        built.nodes.to_string(),
        "--expect-edges".to_owned(),
        edges.to_string(),
    ]
}

/// A Python with networkx 2.8, the version Debian 12 ships.
fn networkx_2_8() -> Option<PathBuf> {
    let python =
        std::env::var_os("TUPU_NETWORKX28").map_or_else(|| PathBuf::from("/tmp/tupu-nx28/bin/python"), PathBuf::from);
    if !runs(&python, "import networkx; assert networkx.__version__.startswith('2.8')") {
        missing("networkx 2.8", &format!("no {} with networkx 2.8", python.display()));
        return None;
    }
    Some(python)
}

#[test]
fn graphml_passes_its_schema_networkx_and_igraph() {
    validate("validate_graphml.py", "graph.graphml");
}

#[test]
fn gexf_1_2draft_passes_the_gexf_grammar_and_networkx_3_and_2_8() {
    let Some((python, tools)) = python() else { return };
    let mut readers = vec![python.clone()];
    readers.extend(networkx_2_8());
    for (view, built) in full_views() {
        let mut command = Command::new(&python);
        command
            .arg(root().join(".ci").join("gexf_1_2draft.py"))
            .args(expect(built, "graph.gexf"))
            .arg("--tools")
            .arg(&tools);
        for reader in &readers {
            command.arg("--python").arg(reader);
        }
        run(&format!("gexf_1_2draft.py ({view} view)"), &mut command);
    }
}

#[test]
fn gexf_1_3_passes_its_relax_ng_schema_and_networkx() {
    let Some((python, tools)) = python() else { return };
    let built = view(GEXF_1_3);
    let gexf = std::fs::read_to_string(built.dir.join("graph.gexf")).unwrap();
    assert!(gexf.contains(r#"xmlns="http://gexf.net/1.3""#) && gexf.contains(" kind=\""), "not GEXF 1.3 with kinds");
    run(
        "validate_gexf.py (GEXF 1.3)",
        Command::new(&python).arg(tools.join("validate_gexf.py")).args(expect(built, "graph.gexf")),
    );
}

#[test]
fn dot_passes_graphviz_and_pydot() {
    if !on_path("dot") || !on_path("gvpr") {
        return missing("Graphviz", "no `dot` and `gvpr` on PATH");
    }
    validate("validate_dot.py", "graph.dot");
}

#[test]
fn json_passes_networkx_node_link_graph() {
    validate("validate_nodelink.py", "graph.json");
}

#[test]
fn gexf_passes_graphology() {
    let node_dir =
        std::env::var_os("TUPU_NODE_DIR").map_or_else(|| root().join("target").join("ci-node"), PathBuf::from);
    if !on_path("node") {
        return missing("node", "no `node` on PATH");
    }
    if !node_dir.join("node_modules").join("graphology-gexf").is_dir() {
        return missing(
            "graphology-gexf",
            &format!("run `npm install --prefix {} graphology graphology-gexf`", node_dir.display()),
        );
    }
    for (view, built) in views() {
        run(
            &format!("graphology-gexf ({view} view)"),
            Command::new("node")
                .arg(root().join(".ci").join("gexf_graphology.mjs"))
                .arg(&node_dir)
                .arg(built.dir.join("graph.gexf")),
        );
    }
}

#[test]
fn overview_svg_is_well_formed_xml() {
    if !on_path("xmllint") {
        return missing("xmllint", "no `xmllint` on PATH (Debian: libxml2-utils)");
    }
    for (view, built) in full_views() {
        run(
            &format!("xmllint ({view} view)"),
            Command::new("xmllint").arg("--noout").arg(built.dir.join("overview.svg")),
        );
    }
}
