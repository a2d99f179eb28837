//! The subjects of an article: the organisations it is about.
//!
//! News names its actors in the headline (or in the kicker above it and the subtitle
//! below it); a story whose headline names none names them in its lede, and a story
//! about one organisation names it again and again. The subject is the actor of what
//! the article describes where no sentence names one: relations of `scope = "subject"`
//! link it to every mechanism and slogan of the article. The press (the paper or agency
//! a credit names) reports; it is never a subject.

use std::collections::BTreeMap;

use super::findings::NodeKey;
use crate::rules::{ActorRules, KindId};

/// How often an organisation must be named to be the subject of a story whose headline
/// and lede do not name it.
const DOMINANT_MENTIONS: usize = 3;

/// Where one occurrence of an organisation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The headline, its kicker or its subtitle.
    Heading,
    /// The first paragraph of the body.
    Lede,
    Body,
}

/// The subjects among the organisations an article names, given each occurrence's key
/// and place in text order and the text of its heading; `kinds` are the kinds that may
/// be subjects, `excluded` says which ids may not (the press, the centre). In key order.
///
/// - Organisations the heading names are the subjects.
/// - Else the bodies of a place the heading names (`湖南泸溪县推行…` → `泸溪县委组织部`):
///   those the lede names, or else the one named most.
/// - Else the lede's organisations: each that is named again later, or the only one it
///   names.
/// - Besides, one named at least [`DOMINANT_MENTIONS`] times and twice as often as any
///   other.
pub fn subjects<'k>(
    occurrences: impl IntoIterator<Item = (&'k NodeKey, Place)>,
    heading: &str,
    kinds: &[KindId],
    excluded: &dyn Fn(&str) -> bool,
    rules: &ActorRules,
) -> Vec<NodeKey> {
    let mut seen: BTreeMap<&NodeKey, Seen> = BTreeMap::new();
    for (key, place) in occurrences {
        if !kinds.contains(&key.kind) || excluded(&key.id) {
            continue;
        }
        let entry = seen.entry(key).or_default();
        entry.mentions += 1;
        entry.heading |= place == Place::Heading;
        entry.lede |= place == Place::Lede;
    }
    let heading_names: Vec<NodeKey> = seen.iter().filter(|(_, s)| s.heading).map(|(k, _)| (*k).clone()).collect();
    if !heading_names.is_empty() {
        return heading_names;
    }
    let of_place: Vec<(&&NodeKey, &Seen)> =
        seen.iter().filter(|(key, _)| names_place_of(&key.id, heading, rules, true)).collect();
    if !of_place.is_empty() {
        let in_lede: Vec<NodeKey> = of_place.iter().filter(|(_, s)| s.lede).map(|(k, _)| (**k).clone()).collect();
        if !in_lede.is_empty() {
            return in_lede;
        }
        let most = of_place.iter().map(|(_, s)| s.mentions).max().unwrap_or(0);
        return of_place.iter().filter(|(_, s)| s.mentions == most).map(|(k, _)| (**k).clone()).collect();
    }
    // A heading about a place whose own bodies the article does not name (`湖南新田县
    // 锤炼党员干部作风`, the lede naming only `新田县人民医院`) is about the place, which is
    // no organisation: the lede's organisations are examples, not subjects.
    let about_a_place = seen.keys().any(|key| names_place_of(&key.id, heading, rules, false));
    let lede: Vec<(&&NodeKey, &Seen)> = seen.iter().filter(|(_, s)| s.lede && !about_a_place).collect();
    let mut found: Vec<NodeKey> = if lede.len() == 1 {
        vec![(*lede[0].0).clone()]
    } else {
        lede.iter().filter(|(_, s)| s.mentions >= 2).map(|(k, _)| (**k).clone()).collect()
    };
    let mut counts: Vec<(usize, &NodeKey)> = seen.iter().map(|(k, s)| (s.mentions, *k)).collect();
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    if let Some(&(most, key)) = counts.first()
        && most >= DOMINANT_MENTIONS
        && counts.get(1).is_none_or(|&(next, _)| most >= 2 * next)
        && !found.contains(key)
    {
        found.push(key.clone());
        found.sort();
    }
    found
}

/// How an article names one organisation.
#[derive(Default)]
struct Seen {
    mentions: usize,
    heading: bool,
    lede: bool,
}

/// Whether `name` is of a body of a place that `heading` names: the place is two
/// characters or more and ends with one of `place_endings` (`泸溪县` of `泸溪县委组织部`
/// in `湖南泸溪县推行…`), and, with `own`, the name goes on after it as `place_bodies`
/// say (`委…`); without, any body named after the place counts.
fn names_place_of(name: &str, heading: &str, rules: &ActorRules, own: bool) -> bool {
    rules.place_endings.iter().any(|ending| {
        name.match_indices(ending.as_str()).any(|(at, _)| {
            let end = at + ending.len();
            let own_body = !own
                || rules.place_bodies.is_empty()
                || rules.place_bodies.iter().any(|b| name[end..].starts_with(b.as_str()));
            // A longer place holds the shortest one as its end: the heading names one
            // only if it names the shortest (two characters and the ending).
            own_body
                && name[..at].char_indices().rev().nth(1).is_some_and(|(start, _)| heading.contains(&name[start..end]))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str) -> NodeKey {
        NodeKey { kind: 1, id: id.to_owned() }
    }

    fn run(places: &[(&str, Place)]) -> Vec<String> {
        let keys: Vec<(NodeKey, Place)> = places.iter().map(|&(id, p)| (key(id), p)).collect();
        let rules = ActorRules { place_endings: vec!["县".to_owned()], ..ActorRules::default() };
        let excluded = |id: &str| id == "人民日报" || id == "党中央";
        subjects(keys.iter().map(|(k, p)| (k, *p)), "湖南泸溪县推行积分管理", &[1], &excluded, &rules)
            .into_iter()
            .map(|k| k.id)
            .collect()
    }

    #[test]
    fn the_heading_names_the_subject() {
        use Place::*;
        let found = run(&[("甲公司", Heading), ("乙局", Lede), ("乙局", Body), ("乙局", Body), ("乙局", Body)]);
        assert_eq!(found, ["甲公司"]);
    }

    #[test]
    fn else_the_lede_and_the_organisation_named_most() {
        use Place::*;
        assert_eq!(run(&[("甲公司", Lede), ("乙局", Body)]), ["甲公司"]);
        // Of several in the lede, those named again.
        assert_eq!(run(&[("甲公司", Lede), ("乙局", Lede), ("乙局", Body)]), ["乙局"]);
        // One named far more than any other is the story's subject.
        let found = run(&[("甲公司", Body), ("甲公司", Body), ("甲公司", Body), ("乙局", Body)]);
        assert_eq!(found, ["甲公司"]);
        assert!(run(&[("甲公司", Body), ("甲公司", Body), ("乙局", Body), ("乙局", Body)]).is_empty());
    }

    #[test]
    fn a_place_in_the_heading_names_its_bodies() {
        use Place::*;
        let found = run(&[("乙局", Lede), ("泸溪县委组织部", Body), ("泸溪县委", Body), ("泸溪县委", Body)]);
        assert_eq!(found, ["泸溪县委"]);
        let found = run(&[("乙局", Lede), ("泸溪县委组织部", Lede), ("泸溪县委", Body), ("泸溪县委", Body)]);
        assert_eq!(found, ["泸溪县委组织部"]);
        let rules = ActorRules {
            place_endings: vec!["县".to_owned()],
            place_bodies: vec!["委".to_owned(), "政府".to_owned()],
            ..ActorRules::default()
        };
        assert!(names_place_of("泸溪县委组织部", "湖南泸溪县推行", &rules, true));
        assert!(!names_place_of("溪县委", "湖南泸溪县推行", &rules, true), "a place is two characters and more");
        assert!(
            !names_place_of("泸溪县人民医院", "湖南泸溪县推行", &rules, true),
            "a hospital is no body of the county's"
        );
    }

    #[test]
    fn the_press_and_the_centre_are_no_subject() {
        assert!(run(&[("人民日报", Place::Heading)]).is_empty());
        assert!(run(&[("党中央", Place::Heading)]).is_empty());
    }
}
