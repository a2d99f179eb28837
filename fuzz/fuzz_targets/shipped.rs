// The shipped rules, compiled once per fuzzing process.
use std::sync::OnceLock;

use tupu::rules::{RuleSet, compile};

pub fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let files = [
            ("layout.toml", include_str!("../../rules/layout.toml")),
            ("mechanisms.toml", include_str!("../../rules/mechanisms.toml")),
            ("organisations.toml", include_str!("../../rules/organisations.toml")),
            ("relations.toml", include_str!("../../rules/relations.toml")),
            ("slogans.toml", include_str!("../../rules/slogans.toml")),
        ];
        let sources: Vec<(String, String)> = files.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        compile(&sources).expect("the shipped rules compile")
    })
}
