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
/// - Besides, one named at least [`DOMINANT_MENTIONS`] times, twice as often as any
///   other and in more than one paragraph: a story about it, not one paragraph's example
///   (a book review's `华为` five times in one paragraph).
///
/// Each occurrence comes with its place and its paragraph (block index).
pub fn subjects<'k>(
    occurrences: impl IntoIterator<Item = (&'k NodeKey, Place, usize)>,
    heading: &str,
    kinds: &[KindId],
    excluded: &dyn Fn(&str) -> bool,
    rules: &ActorRules,
) -> Vec<NodeKey> {
    let mut seen: BTreeMap<&NodeKey, Seen> = BTreeMap::new();
    for (key, place, block) in occurrences {
        if !kinds.contains(&key.kind) || excluded(&key.id) {
            continue;
        }
        let entry = seen.entry(key).or_default();
        entry.mentions += 1;
        if entry.last_block != Some(block) {
            entry.paragraphs += 1;
            entry.last_block = Some(block);
        }
        entry.heading |= place == Place::Heading;
        entry.lede |= place == Place::Lede;
    }
    let heading_names: Vec<NodeKey> = seen.iter().filter(|(_, s)| s.heading).map(|(k, _)| (*k).clone()).collect();
    if !heading_names.is_empty() {
        return heading_names;
    }
    let places = HeadingPlaces::new(heading, rules);
    let of_place: Vec<(&&NodeKey, &Seen)> = seen.iter().filter(|(key, _)| places.name_a_body(&key.id, true)).collect();
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
    let about_a_place = seen.keys().any(|key| places.name_a_body(&key.id, false));
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
        && seen[key].paragraphs > 1
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
    /// In how many paragraphs (occurrences come in text order).
    paragraphs: usize,
    last_block: Option<usize>,
    heading: bool,
    lede: bool,
}

/// The places a heading names: two characters and one of `place_endings` (`泸溪县` of
/// `湖南泸溪县推行…`). A longer place holds the shortest one as its end, so the shortest
/// is all a name must hold. A place followed at once by another (`佛山市三水区探索…`)
/// only says where the second lies: the heading is about the district, and the city's
/// bodies (佛山市委) are not its subject.
struct HeadingPlaces<'r> {
    places: Vec<String>,
    rules: &'r ActorRules,
}

impl<'r> HeadingPlaces<'r> {
    fn new(heading: &str, rules: &'r ActorRules) -> HeadingPlaces<'r> {
        let mut spans = Vec::new();
        let bytes = heading.as_bytes();
        for (at, _) in heading.char_indices().skip(2) {
            // The first byte first: most characters start no ending.
            let ends = |e: &&String| e.as_bytes().first() == Some(&bytes[at]) && bytes[at..].starts_with(e.as_bytes());
            for ending in rules.place_endings.iter().filter(ends) {
                if let Some((start, _)) = heading[..at].char_indices().rev().nth(1) {
                    spans.push((start, at + ending.len()));
                }
            }
        }
        let mut places: Vec<String> = spans
            .iter()
            .filter(|&&(_, end)| !spans.iter().any(|&(start, _)| start == end))
            .map(|&(start, end)| heading[start..end].to_owned())
            .collect();
        places.sort();
        places.dedup();
        HeadingPlaces { places, rules }
    }

    /// Whether `name` is of a body of one of the places (`泸溪县委组织部`), and, with
    /// `own`, the name goes on after the place as `place_bodies` say (`委…`); without,
    /// any body named after the place counts. Names are read against the heading's few
    /// places, not the other way round: this runs for every organisation of every
    /// article.
    fn name_a_body(&self, name: &str, own: bool) -> bool {
        let bodies = &self.rules.place_bodies;
        self.places.iter().any(|place| {
            name.match_indices(place.as_str()).any(|(at, _)| {
                let end = at + place.len();
                !own || bodies.is_empty() || bodies.iter().any(|b| name[end..].starts_with(b.as_str()))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str) -> NodeKey {
        NodeKey { kind: 1, id: id.to_owned() }
    }

    /// The subjects of occurrences each in a paragraph of its own.
    fn run(places: &[(&str, Place)]) -> Vec<String> {
        let numbered: Vec<(&str, Place, usize)> = places.iter().enumerate().map(|(i, &(id, p))| (id, p, i)).collect();
        run_in(&numbered)
    }

    fn run_in(places: &[(&str, Place, usize)]) -> Vec<String> {
        let keys: Vec<(NodeKey, Place, usize)> = places.iter().map(|&(id, p, b)| (key(id), p, b)).collect();
        let rules = ActorRules { place_endings: vec!["县".to_owned()], ..ActorRules::default() };
        let excluded = |id: &str| id == "人民日报" || id == "党中央";
        subjects(keys.iter().map(|(k, p, b)| (k, *p, *b)), "湖南泸溪县推行积分管理", &[1], &excluded, &rules)
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
        // Not where all its mentions stand in one paragraph: an example, not the story.
        assert!(run_in(&[("甲公司", Body, 3), ("甲公司", Body, 3), ("甲公司", Body, 3), ("乙局", Body, 1)]).is_empty());
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
        let places = HeadingPlaces::new("湖南泸溪县推行", &rules);
        assert!(places.name_a_body("泸溪县委组织部", true));
        assert!(!places.name_a_body("溪县委", true), "a place is two characters and more");
        assert!(!places.name_a_body("泸溪县人民医院", true), "a hospital is no body of the county's");
        assert!(places.name_a_body("泸溪县人民医院", false), "but is named after the county");
        let rules = ActorRules { place_endings: vec!["市".to_owned(), "区".to_owned()], ..rules };
        let places = HeadingPlaces::new("佛山市三水区探索清单制度", &rules);
        assert!(places.name_a_body("三水区委", true));
        assert!(!places.name_a_body("佛山市委", true), "the city only says where the district lies");
        assert!(HeadingPlaces::new("佛山市推行清单制度", &rules).name_a_body("佛山市委", true));
    }

    #[test]
    fn the_press_and_the_centre_are_no_subject() {
        assert!(run(&[("人民日报", Place::Heading)]).is_empty());
        assert!(run(&[("党中央", Place::Heading)]).is_empty());
    }
}
