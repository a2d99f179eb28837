//! `tupu explain`: why the rules find what they find, and why not.
//!
//! Two questions users ask while editing rules. *Where does this concept come from?*
//! ([`explain_concept`]: every match in the corpus, with its place, article, rule and
//! sentence.) *What do the rules make of this text?* ([`explain_text`]: every
//! candidate, the rule that made it, and for those not taken — the near misses — why
//! not: a stop list, a word boundary, a longer match.)

use crate::error::Error;
use crate::layout::{self, Page};
use crate::load::{Document, Encoding};
use crate::matching::{Candidate, LocalAliases, Match, Matcher, RuleRef, Target, Verdict};
use crate::pipeline::{Options, ScanSummary, scan_pages};
use crate::rules::{RuleSet, RuleSource};

/// One candidate match, described for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The article's title (empty for `--text`).
    pub article: String,
    /// The text matched.
    pub surface: String,
    /// The node it names: `kind:id`.
    pub node: String,
    /// The rule that made it, with where the rule is written.
    pub rule: String,
    /// `None` when the match was taken; otherwise why not.
    pub rejected: Option<String>,
    /// The sentence around it.
    pub context: String,
}

/// Every match of `query` (`id`, `kind:id`, or a surface form) in the corpus, taken or
/// not, in corpus order.
pub fn explain_concept(options: &Options, query: &str) -> Result<(Vec<Explanation>, ScanSummary), Error> {
    let rules = RuleSet::load(&options.rules)?;
    let mut explanations = Vec::new();
    let summary = scan_pages(
        options,
        &rules,
        |page, articles, matcher| {
            let mut found = Vec::new();
            for article in &articles {
                let local = crate::link::article_aliases(page, article, matcher);
                let texts = article.text_blocks().map(|b| page.blocks[b].text.as_str());
                let (taken, opposed) = crate::link::article_matches(matcher, texts, &local);
                let evident =
                    crate::link::article_short_forms(page, article.text_blocks(), &rules, matcher, &local, &taken);
                for (block, taken) in article.text_blocks().zip(&taken) {
                    let text = page.blocks[block].text.as_str();
                    for (candidate, aliases) in block_candidates(matcher, text, (&local, &evident), taken, &opposed) {
                        let explanation = describe(page, block, &candidate, &rules, aliases, &article.title);
                        let id = explanation.node.split_once(':').map_or("", |(_, id)| id);
                        if explanation.node == query || id == query || explanation.surface == query {
                            found.push(explanation);
                        }
                    }
                }
            }
            found
        },
        |found| explanations.extend(found),
    )?;
    Ok((explanations, summary))
}

/// Every candidate the rules make of `text`, in text order.
pub fn explain_text(rules: &RuleSource, text: &str) -> Result<Vec<Explanation>, Error> {
    let rules = RuleSet::load(rules)?;
    let matcher = Matcher::new(&rules);
    let page = layout::repair(
        Document { name: "<text>".to_owned(), text: text.to_owned(), encoding: Encoding::Utf8 },
        &rules.layout,
    );
    // The text is one article: what it declares holds in all of it.
    let local = matcher
        .declarations(page.blocks.iter().enumerate().map(|(i, b)| (b.text.as_str(), i)), |block, offset| {
            format!("{}:{}", page.document.name, page.position(&page.blocks[block], offset).line)
        });
    let (taken, opposed) = crate::link::article_matches(&matcher, page.blocks.iter().map(|b| b.text.as_str()), &local);
    let evident = crate::link::article_short_forms(&page, 0..page.blocks.len(), &rules, &matcher, &local, &taken);
    let mut explanations = Vec::new();
    for (index, (block, taken)) in page.blocks.iter().zip(&taken).enumerate() {
        for (candidate, aliases) in block_candidates(&matcher, block.text.as_str(), (&local, &evident), taken, &opposed)
        {
            explanations.push(describe(&page, index, &candidate, &rules, aliases, ""));
        }
    }
    Ok(explanations)
}

/// Every candidate of one block, in text order, each with the short forms its rule
/// indexes into: the rules' (with the article's declared abbreviations) and the
/// article's evident short forms, found where the build finds them. A candidate the
/// rules take whose target the article opposes elsewhere (`opposed`) is not taken.
fn block_candidates<'a>(
    matcher: &Matcher,
    text: &str,
    (declared, evident): (&'a LocalAliases, &'a LocalAliases),
    taken: &[Match],
    opposed: &[Target],
) -> Vec<(Candidate, &'a LocalAliases)> {
    let mut candidates: Vec<(Candidate, &LocalAliases)> =
        matcher.candidates_with(text, declared).into_iter().map(|c| (c, declared)).collect();
    for (candidate, _) in &mut candidates {
        if candidate.verdict == Verdict::Taken && opposed.contains(&candidate.found.target) {
            candidate.verdict = Verdict::OpposedElsewhere;
        }
    }
    candidates.extend(matcher.short_form_candidates(text, evident, taken, true).into_iter().map(|c| (c, evident)));
    // The sort is stable: the rules' candidates keep their order.
    candidates.sort_by_key(|(c, _)| (c.found.range.start, c.found.range.end));
    candidates
}

/// What the rules make of a word, whether or not the corpus holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Knowledge {
    /// Rules that yield the word: `concept `两个维护` (rules/slogans.toml:3:1)` …
    Known(Vec<String>),
    /// No rule yields it; the TOML entry that would, to paste into a rule file, with a
    /// line saying where.
    Unknown { entry: String, file: Option<String> },
}

/// Whether any rule yields `query` (an id, `kind:id`, or a surface form): a concept with
/// it as id or form, or a rule whose candidate in the text `query` itself is exactly
/// `query`.
pub fn what_rules_know(source: &RuleSource, query: &str) -> Result<Knowledge, Error> {
    let rules = RuleSet::load(source)?;
    let (kind_name, word) = match query.split_once(':') {
        Some((kind, id)) if rules.kind(kind).is_some() => (Some(kind), id),
        _ => (None, query),
    };
    // A word known under another kind than the one asked for is still known: saying so
    // beats suggesting a second concept with the same form, which the rules forbid.
    let mut known: Vec<String> = rules
        .concepts
        .iter()
        .filter(|c| c.forms.iter().any(|form| form == word))
        .map(|c| format!("concept `{}:{}` ({})", rules.kinds[c.kind].name, c.id, c.origin))
        .collect();
    if known.is_empty() {
        for e in explain_text(source, word)? {
            if e.surface == word && !known.contains(&e.rule) {
                known.push(format!("{} as `{}`", e.rule, e.node));
            }
        }
    }
    if !known.is_empty() {
        return Ok(Knowledge::Known(known));
    }
    // Suggest the kind asked for, else the first a rule file declares.
    let declared = || rules.kinds.iter().filter(|k| k.origin.is_some());
    let kind = declared().find(|k| kind_name == Some(k.name.as_str())).or_else(|| declared().next());
    let quoted = toml::Value::String(word.to_owned()).to_string();
    let mut entry = format!("[[concept]]\nid = {quoted}\n");
    if let Some(kind) = kind {
        let others: Vec<&str> = declared().filter(|k| k.name != kind.name).map(|k| k.name.as_str()).collect();
        let comment = if others.is_empty() { String::new() } else { format!("    # or: {}", others.join(", ")) };
        entry.push_str(&format!("kind = \"{}\"{comment}\n", kind.name));
    }
    entry.push_str(&format!("aliases = []\nexamples = [{quoted}]\n"));
    let file = kind.and_then(|k| k.origin.as_ref()).map(|origin| origin.file.clone());
    Ok(Knowledge::Unknown { entry, file })
}

fn describe(
    page: &Page,
    block: usize,
    candidate: &Candidate,
    rules: &RuleSet,
    local: &LocalAliases,
    article: &str,
) -> Explanation {
    let text = page.blocks[block].text.as_str();
    let found = &candidate.found;
    let position = page.position(&page.blocks[block], found.range.start);
    let (kind, id) = found.target.key(rules);
    let rule = match found.rule {
        RuleRef::Concept(c) => {
            let concept = &rules.concepts[c];
            format!("concept `{}` ({})", concept.id, concept.origin)
        }
        RuleRef::Pattern(p) => {
            let pattern = &rules.patterns[p];
            format!("pattern `{}` ({})", pattern.name, pattern.origin)
        }
        RuleRef::Alias(a) => {
            let alias = &local.aliases()[a];
            match &alias.shortens {
                Some(name) if *name == alias.form => {
                    format!("`{name}` named again, found at {} (holds in that article)", alias.declared_at)
                }
                Some(name) => format!("short form of `{name}` at {} (holds in that article)", alias.declared_at),
                None => format!("abbreviation declared at {} (holds in that article)", alias.declared_at),
            }
        }
    };
    let rule = match &candidate.note {
        Some(note) => format!("{rule}; left edge: {note}"),
        None => rule,
    };
    let rejected = match &candidate.verdict {
        Verdict::Taken => None,
        Verdict::Stopped(id) => Some(format!("`{id}` is on the pattern's stop list")),
        Verdict::Opposed(word) => Some(format!("it stands right after `{word}`: what is opposed, not a concept")),
        Verdict::OpposedElsewhere => {
            Some("its article names it right after a word that opposes it: what is opposed, not a concept".to_owned())
        }
        Verdict::NotAWord(why) => Some(format!("not a whole word: {why}")),
        Verdict::Trimmed => Some("trimming left nothing".to_owned()),
        Verdict::NotAName(why) => Some(format!("not a name: {why}")),
        Verdict::Overlapped(range) if *range == found.range => Some(
            "another rule matches the same text and ranks first (higher priority, or earlier: concepts before \
             patterns, then file order)"
                .to_owned(),
        ),
        Verdict::Overlapped(range) => {
            Some(format!("a longer or higher-priority match, `{}`, takes the text", &text[range.clone()]))
        }
    };
    Explanation {
        file: page.document.name.clone(),
        line: position.line,
        column: position.column,
        article: article.to_owned(),
        surface: text[found.range.clone()].to_owned(),
        node: format!("{}:{}", rules.kinds[kind].name, id),
        rule,
        rejected,
        context: crate::link::sentence_around(&page.blocks[block], found.range.clone()).to_owned(),
    }
}
