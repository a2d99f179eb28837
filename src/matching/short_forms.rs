//! Short forms an article makes evident.
//!
//! News names a company in full once and then, as often before as after, by its name
//! without its legal form: `宁夏宝澜能源集团` is `宝澜能源` in the headline, `中国星茂控股
//! 集团有限公司` is `中国星茂` and `星茂` in the text. Unlike a declared abbreviation
//! ([`super::abbreviations`]) nothing says so; the short form is read off the name: less
//! its legal forms (`[actors] legal_forms`: `有限公司`, `集团` …), and less a leading
//! place too when what is left still names something (`宝澜能源`, but not `产业投资` of
//! `成都产业投资集团有限公司`, nor `移动` of `中国移动通信集团有限公司`).

use super::words::Words;
use crate::rules::ActorRules;

/// The short forms of `name`: its contracted forms (`星海科技大学` → `星海科大`, by the
/// rules' `contractions`; `北京科技大学` → `北科大` too, a place of two characters
/// contracted to its first), and its rest less legal forms, with and without a leading
/// place. A name holding another legal form before the one it ends with is a
/// subsidiary's (`星海集团大渡河公司`), whose rest names no one.
pub fn short_forms(words: &Words, name: &str, rules: &ActorRules) -> Vec<String> {
    let mut forms = Vec::new();
    if let Some((ending, short)) =
        rules.contractions.iter().find(|(ending, _)| name.ends_with(ending.as_str()) && name.len() > ending.len())
    {
        let before = &name[..name.len() - ending.len()];
        forms.push(format!("{before}{short}"));
        // A common place of two characters is contracted to its first (`北京科技大学` → `北科大`,
        // `陕西师范大学` → `陕师大`), as universities are named.
        if let Some(first) = before.chars().next()
            && before.chars().count() == 2
            && words.common_place(before)
        {
            forms.push(format!("{first}{short}"));
        }
    }
    let legal_forms = &rules.legal_forms;
    let mut rest = name;
    while let Some(form) = legal_forms.iter().find(|f| rest.ends_with(f.as_str()) && rest.len() > f.len()) {
        rest = &rest[..rest.len() - form.len()];
    }
    if rest.len() == name.len() || legal_forms.iter().any(|f| rest.contains(f.as_str())) {
        return forms;
    }
    // With its place the rest names one company (`成都产业投资`); without, it must hold a
    // name of its own. A place alone (`宁夏` of `宁夏集团`) is the place.
    let place = words.leading_place(rest);
    if place < rest.len() && (place > 0 || words.holds_a_name(rest)) {
        forms.push(rest.to_owned());
    }
    let core = &rest[place..];
    if place > 0 && core.chars().count() >= 2 && words.holds_a_name(core) {
        forms.push(core.to_owned());
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(name: &str) -> Vec<String> {
        let rules = ActorRules {
            legal_forms: ["股份有限公司", "有限责任公司", "有限公司", "集团", "控股", "股份", "公司"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            contractions: vec![("科技大学".to_owned(), "科大".to_owned())],
            ..ActorRules::default()
        };
        short_forms(&Words::shared(), name, &rules)
    }

    #[test]
    fn a_name_less_its_legal_form_and_place() {
        assert_eq!(forms("宁夏宝澜能源集团"), ["宁夏宝澜能源", "宝澜能源"]);
        assert!(forms("中国星茂控股集团有限公司").contains(&"中国星茂".to_owned()));
    }

    #[test]
    fn common_words_are_no_short_form() {
        assert_eq!(forms("成都产业投资集团有限公司"), ["成都产业投资"]);
        assert!(forms("星海集团旗下").is_empty(), "no legal form at the end");
        assert!(forms("星海集团大渡河公司").is_empty(), "a subsidiary");
        assert!(forms("宁夏集团").is_empty(), "a place alone");
    }

    #[test]
    fn a_contracted_ending() {
        assert_eq!(forms("星海科技大学"), ["星海科大"]);
        assert_eq!(forms("北京科技大学"), ["北京科大", "北科大"]);
        assert!(forms("科技大学").is_empty(), "nothing before the ending");
    }
}
