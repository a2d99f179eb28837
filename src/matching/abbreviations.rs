//! Abbreviations a text declares for itself.
//!
//! Official writing names an organisation in full once and declares its short name:
//! `山东能源集团财务有限公司(下称“山能财司”)`, `山东菏建国有资本投资有限公司（简称“菏建
//! 国投”）`. The short name then means the full one, in the article that declares it
//! (see [`super::Matcher::declarations`]).

use std::sync::{LazyLock, OnceLock};

use memchr::memmem::Finder;
use regex::Regex;

use super::{Alias, Match};

/// Words that declare a short name.
fn declaration() -> &'static Regex {
    static DECLARATION: OnceLock<Regex> = OnceLock::new();
    DECLARATION.get_or_init(|| {
        Regex::new(r#"^[（(]\s*(?:以下|下文)?(?:简称为|简称|下称|以下称|称)\s*[:：]?\s*[“"「『]?(?P<short>[\p{Han}A-Za-z0-9]{2,12})[”"」』]?\s*[）)]"#)
            .expect("the declaration regex is valid")
    })
}

/// The words that declare a short name, `简称` and `下称` (`以下称` contains `下称`), by
/// the character they end with and the ones before it.
const DECLARING_END: &str = "称";
const DECLARING_BEFORE: [char; 2] = ['简', '下'];

/// Whether `text` may declare an abbreviation at all: a cheap test to skip most texts.
/// It runs on every block: one search, by a finder built once, for the character both
/// words end with.
pub fn may_declare(text: &str) -> bool {
    static END: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(DECLARING_END));
    END.find_iter(text.as_bytes()).any(|at| text[..at].ends_with(DECLARING_BEFORE))
}

/// The abbreviations declared right after the matches in `text`.
pub fn declared(text: &str, matches: &[Match], declared_at: impl Fn(&Match) -> String) -> Vec<Alias> {
    let mut aliases = Vec::new();
    for found in matches {
        let Some(captures) = declaration().captures(&text[found.range.end..]) else { continue };
        let short = &captures["short"];
        if short != &text[found.range.clone()] {
            aliases.push(Alias {
                form: short.to_owned(),
                target: found.target.clone(),
                declared_at: declared_at(found),
                shortens: None,
                refers_back: false,
            });
        }
    }
    aliases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::{RuleRef, Target};

    #[test]
    fn declarations_after_a_name() {
        let text = "山东能源集团财务有限公司(下称“山能财司”)以“同鑫源”为核心";
        let end = text.find('(').unwrap();
        let name = Match {
            target: Target::Found { kind: 3, id: text[..end].to_owned() },
            range: 0..end,
            rule: RuleRef::Pattern(0),
            part_of: None,
        };
        let aliases = declared(text, &[name], |_| "f:1".to_owned());
        assert_eq!(aliases.len(), 1);
        assert_eq!(aliases[0].form, "山能财司");
        let text = "山东菏建国有资本投资有限公司（简称“菏建国投”）是一家";
        let end = text.find('（').unwrap();
        let name = Match { target: Target::Concept(0), range: 0..end, rule: RuleRef::Concept(0), part_of: None };
        assert_eq!(declared(text, &[name], |_| String::new())[0].form, "菏建国投");
        assert!(may_declare(text) && !may_declare("同鑫源"));
        assert!(may_declare("某某集团（以下称“某集”）") && may_declare("称，下称"));
        assert!(!may_declare("称号") && !may_declare("被称为"));
    }
}
