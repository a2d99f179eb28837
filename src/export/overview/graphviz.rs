//! Layout by Graphviz, when it is installed.
//!
//! Graphviz only places the nodes; tupu still draws the overview itself, so it looks the
//! same whichever engine placed it. Each node goes to Graphviz as a fixed-size box the
//! size of its footprint (circle and label), `overlap=prism` removes overlaps, and
//! `start=1` fixes the random seed, so the same graph gives the same layout on the same
//! Graphviz version. `neato` (stress majorization) is preferred for overview-sized
//! graphs, `sfdp` for large ones or when `neato` is missing. The programs run through
//! `std::process::Command`; when neither is on `PATH`, or the run fails, the caller falls
//! back to tupu's own layout.

use std::io::Write;
use std::process::{Command, Stdio};

use super::overlap::Footprint;

/// Above this many nodes `sfdp` goes first.
const NEATO_LIMIT: usize = 500;
/// Points per inch: Graphviz sizes are in inches, coordinates in points (= SVG pixels).
const POINTS: f64 = 72.0;

/// An installed Graphviz layout program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    pub name: &'static str,
    pub version: String,
}

impl Program {
    /// How the SVG records the engine: `graphviz neato 2.43.0`.
    pub fn describe(&self) -> String {
        format!("graphviz {} {}", self.name, self.version)
    }
}

/// The Graphviz program to lay out `nodes` nodes with, if one is installed.
pub fn find(nodes: usize) -> Option<Program> {
    let preference = if nodes <= NEATO_LIMIT { ["neato", "sfdp"] } else { ["sfdp", "neato"] };
    preference.into_iter().find_map(|name| {
        let output = Command::new(name).arg("-V").stdin(Stdio::null()).output().ok()?;
        // `neato -V` prints "neato - graphviz version 2.43.0 (0)" on stderr.
        let banner = String::from_utf8_lossy(&output.stderr).into_owned() + &String::from_utf8_lossy(&output.stdout);
        let version = banner.split("version").nth(1)?.split_whitespace().next()?.to_owned();
        output.status.success().then_some(Program { name, version })
    })
}

/// Centres of `footprints` as `program` places them, in the same order.
///
/// `links` are undirected `(a, b, weight)`; `length` is the preferred edge length in
/// points.
pub fn place(
    program: &Program,
    footprints: &[Footprint],
    links: &[(usize, usize, f64)],
    length: f64,
) -> Result<Vec<(f64, f64)>, String> {
    let mut dot = String::from(
        "graph overview {\n  graph [overlap=prism sep=\"+4\" start=1 splines=false mode=KK pack=true packmode=\"graph\"]\n  \
         node [shape=box fixedsize=true label=\"\"]\n",
    );
    for (i, f) in footprints.iter().enumerate() {
        dot.push_str(&format!("  n{i} [width={:.4} height={:.4}]\n", f.width() / POINTS, f.height() / POINTS));
    }
    for &(a, b, _) in links {
        dot.push_str(&format!("  n{a} -- n{b} [len={:.4}]\n", length / POINTS));
    }
    dot.push_str("}\n");

    let mut child = Command::new(program.name)
        .arg("-Tplain")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| format!("cannot run {}: {err}", program.name))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(dot.as_bytes()).map_err(|err| format!("cannot write to {}: {err}", program.name))?;
    }
    let output = child.wait_with_output().map_err(|err| format!("{} did not finish: {err}", program.name))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        return Err(format!("{} failed ({}): {}", program.name, output.status, message.trim()));
    }
    parse_plain(&String::from_utf8_lossy(&output.stdout), footprints.len())
}

/// Node centres from Graphviz's `-Tplain` output (`node n3 1.25 0.5 …`, inches, y up),
/// in points with y down.
fn parse_plain(plain: &str, nodes: usize) -> Result<Vec<(f64, f64)>, String> {
    let mut centres: Vec<Option<(f64, f64)>> = vec![None; nodes];
    for line in plain.lines() {
        let mut fields = line.split_whitespace();
        if fields.next() != Some("node") {
            continue;
        }
        let parsed = (|| {
            let index: usize = fields.next()?.strip_prefix('n')?.parse().ok()?;
            let x: f64 = fields.next()?.parse().ok()?;
            let y: f64 = fields.next()?.parse().ok()?;
            Some((index, x, y))
        })();
        match parsed {
            Some((index, x, y)) if index < nodes => centres[index] = Some((x * POINTS, -y * POINTS)),
            _ => return Err(format!("unexpected line in Graphviz output: {line}")),
        }
    }
    centres.into_iter().enumerate().map(|(i, c)| c.ok_or_else(|| format!("Graphviz did not place node n{i}"))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_output() {
        let plain = "graph 1 2.5 1\nnode n1 2 0.5 1 0.5 \"\" solid box black lightgrey\nnode n0 0.5 0.5 1 0.5 \"\" \
                     solid box black lightgrey\nedge n0 n1 4 1 1 1 1 1 1 1 1 solid black\nstop\n";
        assert_eq!(parse_plain(plain, 2), Ok(vec![(36.0, -36.0), (144.0, -36.0)]));
        assert!(parse_plain("node n0 1 1\n", 2).is_err());
        assert!(parse_plain("node x 1 1\n", 1).is_err());
    }
}
