//! tupu (图谱) turns Chinese text into a knowledge graph, driven by rule files its users
//! edit.
//!
//! The library is the pipeline; the `tupu` binary is a thin command-line shell over it.
//! Each stage is a module with plain types in and out:
//!
//! | stage | module | in → out |
//! |---|---|---|
//! | 1 load | [`load`] | paths → [`load::Document`]s |
//! | 2 repair layout | [`layout`] | `Document` → [`layout::Page`] of blocks |
//! | 3 articles | [`articles`] | `Page` → [`articles::Article`]s |
//! | 4 match | [`matching`] | text → [`matching::Match`]es |
//! | 5 link | [`link`] | findings → [`graph::Graph`] |
//! | 6 measure | [`measure`] | `Graph` → `Graph` with metrics |
//! | 7 export | [`export`] | `Graph` → files |
//!
//! [`pipeline`] wires them; [`rules`] compiles the rule files the stages use; [`check`]
//! runs their inline tests and [`explain`] says why they match what they match; [`eval`]
//! scores what they find against a gold annotation;
//! [`stats`] times the stages.

pub mod articles;
pub mod check;
pub mod diagnostics;
pub mod error;
pub mod eval;
pub mod explain;
pub mod export;
pub mod graph;
pub mod layout;
pub mod link;
pub mod load;
pub mod matching;
pub mod measure;
pub mod pipeline;
pub mod position;
pub mod rules;
pub mod stats;

pub use error::Error;
pub use pipeline::{Analysis, Options, analyze, build};
