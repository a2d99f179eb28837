//! The TOML shape of a rule file, as written by users.
//!
//! These types mirror the file one to one and keep the span of every value, so that
//! [`super::compile`] can point at the exact place of a mistake. Nothing here is used
//! past compilation.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub kind: Vec<Spanned<KindEntry>>,
    #[serde(default)]
    pub concept: Vec<Spanned<ConceptEntry>>,
    pub layout: Option<Spanned<LayoutEntry>>,
}

/// Newspaper conventions; see [`super::LayoutRules`].
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayoutEntry {
    #[serde(default)]
    pub byline_markers: Vec<Spanned<String>>,
    #[serde(default)]
    pub reporter_prefixes: Vec<Spanned<String>>,
    #[serde(default)]
    pub unit_note_labels: Vec<Spanned<String>>,
    #[serde(default)]
    pub box_labels: Vec<Spanned<String>>,
    #[serde(default)]
    pub decorations: Vec<Spanned<String>>,
    pub default_unit_kind: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindEntry {
    pub name: Spanned<String>,
    pub label: Option<String>,
    #[serde(alias = "color")]
    pub colour: Option<Spanned<String>>,
    pub description: Option<String>,
    #[serde(default)]
    pub unit_suffixes: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptEntry {
    pub id: Spanned<String>,
    pub kind: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub note: Option<String>,
    #[serde(default)]
    pub examples: Vec<Spanned<String>>,
    #[serde(default)]
    pub counterexamples: Vec<Spanned<String>>,
}
