// The shipped rules, compiled once per fuzzing process.
use std::sync::OnceLock;

use tupu::rules::{RuleSet, RuleSource};

/// The rules built into tupu: every `rules/*.toml`, embedded by tupu's build script.
pub fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::load(&RuleSource::BuiltIn).expect("the shipped rules compile"))
}
