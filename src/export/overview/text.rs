//! How much room a label needs: line breaking and width estimates.
//!
//! The overview cannot measure text (the font is the viewer's), so it estimates: a
//! Chinese character or full-width sign is one em, an ASCII character 0.6 em. CJK fonts
//! draw ASCII narrower than that, so the estimate errs on the wide side and labels that
//! are kept apart by it stay apart on screen.

/// A label longer than this many characters is broken into two lines …
const ONE_LINE: usize = 10;
/// … of at most this many characters each, the second ending in `…` if cut.
const LINE: usize = 10;

/// `label` as one or two lines that fit the overview.
pub fn lines(label: &str) -> Vec<String> {
    let chars: Vec<char> = label.split_whitespace().collect::<Vec<_>>().join(" ").chars().collect();
    if chars.len() <= ONE_LINE {
        return vec![chars.iter().collect()];
    }
    // Break at the space nearest the middle if there is one in reach, else mid-text.
    let middle = chars.len().div_ceil(2).min(LINE);
    let space = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| c == ' ' && (3..=LINE).contains(&i))
        .min_by_key(|&(i, _)| i.abs_diff(middle))
        .map(|(i, _)| i);
    let (first, rest) = match space {
        Some(i) => (&chars[..i], &chars[i + 1..]),
        None => chars.split_at(middle),
    };
    let second: String =
        if rest.len() > LINE { rest[..LINE - 1].iter().chain(['…'].iter()).collect() } else { rest.iter().collect() };
    vec![first.iter().collect(), second]
}

/// Estimated width of `text` at `font_size`, in the same unit.
pub fn width(text: &str, font_size: f64) -> f64 {
    text.chars().map(|c| if c.is_ascii() { if c == ' ' { 0.35 } else { 0.6 } } else { 1.0 }).sum::<f64>() * font_size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_labels_stay_on_one_line() {
        assert_eq!(lines("两个维护"), ["两个维护"]);
        assert_eq!(lines("  三会一课 "), ["三会一课"]);
    }

    #[test]
    fn long_labels_break_at_a_space_or_in_the_middle_and_are_cut() {
        assert_eq!(lines("“党建+”为笔 绘国有企业发展蓝图"), ["“党建+”为笔", "绘国有企业发展蓝图"]);
        assert_eq!(lines("国有企业党组织建设质量提升探索"), ["国有企业党组织建", "设质量提升探索"]);
        assert_eq!(
            lines("以高质量党建引领保障国有企业高质量发展的实践与思考"),
            ["以高质量党建引领保障", "国有企业高质量发展…"]
        );
    }

    #[test]
    fn chinese_is_wider_than_ascii() {
        assert_eq!(width("两个", 10.0), 20.0);
        assert_eq!(width("ab", 10.0), 12.0);
    }
}
