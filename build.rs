//! Embeds the shipped rules (`rules/*.toml`, and `rules/README.md` for `tupu rules init`)
//! into the binary, so that an installed `tupu` works outside the checkout.
//!
//! Every `*.toml` file in `rules/` is embedded, whatever its name: a rule file added
//! later is built in without touching this script. Cargo reruns the script whenever
//! anything in `rules/` changes (a directory given to `rerun-if-changed` is scanned
//! whole), so the embedded rules cannot lag behind the files.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let dir =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".toml") || name == "README.md")
        .collect();
    names.sort();
    let mut code = String::from("/// The shipped rule files: (file name, text), in name order.\n");
    code.push_str("pub(crate) const FILES: &[(&str, &str)] = &[\n");
    for name in &names {
        let path = dir.join(name);
        writeln!(code, "    ({name:?}, include_str!({:?})),", path.display().to_string()).expect("writing to a String");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_rules.rs");
    std::fs::write(&out, code).unwrap_or_else(|err| panic!("cannot write {}: {err}", out.display()));
}
