//! The TOML shape of a rule file, as written by users.
//!
//! These types mirror the file one to one and keep the span of every value, so that
//! [`super::compile`] can point at the exact place of a mistake. Nothing here is used
//! past compilation.

use std::collections::BTreeMap;

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
    #[serde(default)]
    pub pattern: Vec<Spanned<PatternEntry>>,
    #[serde(default)]
    pub relation: Vec<Spanned<RelationEntry>>,
    pub actors: Option<Spanned<ActorsEntry>>,
}

/// Which organisations may act in relations; see [`super::ActorRules`].
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorsEntry {
    #[serde(default)]
    pub never: Vec<Spanned<String>>,
    #[serde(default)]
    pub place_endings: Vec<Spanned<String>>,
    #[serde(default)]
    pub place_bodies: Vec<Spanned<String>>,
    #[serde(default)]
    pub subsidiary_markers: Vec<Spanned<String>>,
    #[serde(default)]
    pub legal_forms: Vec<Spanned<String>>,
    #[serde(default)]
    pub contractions: std::collections::BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub others: Vec<Spanned<String>>,
    #[serde(default)]
    pub breaches: Vec<Spanned<String>>,
    #[serde(default)]
    pub prepositions: Vec<Spanned<String>>,
    #[serde(default)]
    pub companions: Vec<Spanned<String>>,
    #[serde(default)]
    pub back_references: Vec<Spanned<String>>,
    #[serde(default)]
    pub speech_verbs: Vec<Spanned<String>>,
    #[serde(default)]
    pub deputies: Vec<Spanned<String>>,
}

/// An inline test: a text, or a text and the id it must yield.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum ExampleEntry {
    Text(String),
    Expect { text: String, id: String },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternEntry {
    pub name: Spanned<String>,
    pub kind: Option<Spanned<String>>,
    pub regex: Spanned<String>,
    pub id: Option<Spanned<String>>,
    pub items: Option<Spanned<String>>,
    #[serde(default)]
    pub stop: Vec<Spanned<String>>,
    #[serde(default)]
    pub stop_endings: Vec<Spanned<String>>,
    #[serde(default)]
    pub not_after: Vec<Spanned<String>>,
    #[serde(default)]
    pub trim_prefixes: Vec<Spanned<String>>,
    #[serde(default)]
    pub trim_tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub word_boundary: bool,
    pub left_edge: Option<Spanned<String>>,
    pub name_tags: Option<Vec<Spanned<String>>>,
    pub proper_tags: Option<Vec<Spanned<String>>>,
    pub name_max_chars: Option<Spanned<usize>>,
    pub name_stop_words: Option<Vec<Spanned<String>>>,
    pub name_verb_before_head: Option<Spanned<bool>>,
    pub name_verb_after_place: Option<Spanned<bool>>,
    pub name_part_of: Option<Spanned<bool>>,
    pub name_place_alone: Option<Spanned<bool>>,
    pub name_common_words: Option<Spanned<usize>>,
    pub name_after_known: Option<Spanned<bool>>,
    pub name_levels: Option<Vec<Spanned<String>>>,
    pub name_place_classes: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub priority: i32,
    pub note: Option<String>,
    #[serde(default)]
    pub examples: Vec<Spanned<ExampleEntry>>,
    #[serde(default)]
    pub counterexamples: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationEntry {
    pub name: Spanned<String>,
    pub from: Spanned<String>,
    pub to: Spanned<String>,
    pub scope: Spanned<String>,
    pub directed: Option<bool>,
    pub note: Option<String>,
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
    #[serde(default)]
    pub continuation_markers: Vec<Spanned<String>>,
    pub default_unit_kind: Option<Spanned<String>>,
    #[serde(default)]
    pub credits: Vec<Spanned<String>>,
    #[serde(default, alias = "credit_units")]
    pub credit_sources: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub photo_credit_endings: Vec<Spanned<String>>,
    #[serde(default)]
    pub compiled_endings: Vec<Spanned<String>>,
    #[serde(default)]
    pub column_labels: Vec<Spanned<String>>,
    #[serde(default)]
    pub page_credit_labels: Vec<Spanned<String>>,
    #[serde(default)]
    pub surnames: Vec<Spanned<String>>,
    #[serde(default)]
    pub author_labels: Vec<Spanned<String>>,
    #[serde(default)]
    pub source_labels: Vec<Spanned<String>>,
    #[serde(default)]
    pub metadata_labels: Vec<Spanned<String>>,
    #[serde(default)]
    pub breadcrumb_labels: Vec<Spanned<String>>,
    #[serde(default)]
    pub breadcrumb_homes: Vec<Spanned<String>>,
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
    #[serde(default)]
    pub equivalent_suffixes: Vec<Spanned<String>>,
    /// Words after which every pattern of the kind names what is opposed (added to each
    /// pattern's own `not_after`).
    #[serde(default)]
    pub not_after: Vec<Spanned<String>>,
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
    pub word_boundary: bool,
    #[serde(default)]
    pub priority: i32,
    #[serde(default)]
    pub examples: Vec<Spanned<ExampleEntry>>,
    #[serde(default)]
    pub counterexamples: Vec<Spanned<String>>,
}
