//! Words every layer writes the same way: counts with their noun, percentages (whole, or to a
//! tenth for validation figures), texts cut at a character boundary, and case folding for
//! search. Nothing else; no dependencies.

/// `1 comment`, `3 comments`: the count and its noun, which takes an `s` unless the count is 1.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// `0.834` as `83%`; a value that is no number as `?`.
pub fn percent(value: f64) -> String {
    if value.is_finite() {
        format!("{:.0}%", value * 100.0)
    } else {
        "?".to_owned()
    }
}

/// `0.8534` as `85.3%`: for precision, recall and the thresholds read from a validation curve,
/// where whole percentages would hide the differences between model versions.
pub fn percent_tenths(value: f64) -> String {
    if value.is_finite() {
        format!("{:.1}%", value * 100.0)
    } else {
        "?".to_owned()
    }
}

/// The start of `text` of at most `limit` bytes, cut on a character boundary, and whether
/// anything was cut.
pub fn cut(text: &str, limit: usize) -> (&str, bool) {
    if text.len() <= limit {
        return (text, false);
    }
    (&text[..text.floor_char_boundary(limit)], true)
}

/// The first character of the emoji and symbol planes; no character from here on changes when
/// lowercased (the last one that does is U+1E921, an Adlam capital). The test walks them all.
const NO_CASE_FROM: char = '\u{1F000}';

/// Appends `text` lowercased (Unicode-aware) to `out`, the same way for the text searched and the
/// words searched for. Unlike `str::to_lowercase`, ASCII stays on a fast path after the first
/// accented letter (a page can hold megabytes of text), and the final sigma folds to `σ` so
/// that a word matches wherever it ends.
pub fn fold_case_into(text: &str, out: &mut String) {
    let mut rest = text;
    while !rest.is_empty() {
        // Copy the ASCII run whole and lowercase it in place: both loops vectorise.
        let ascii = rest
            .bytes()
            .position(|byte| !byte.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        match chars.next() {
            Some('ς') => out.push('σ'),
            // Nothing from the emoji planes up has a lowercase form, and lowercase letters are
            // their own; both checks are much cheaper than the mapping's table search.
            Some(ch) if ch >= NO_CASE_FROM || ch.is_lowercase() => out.push(ch),
            Some(ch) => out.extend(ch.to_lowercase()),
            None => {}
        }
        rest = chars.as_str();
    }
}

/// One character case-folded as [`fold_case_into`] folds it, cut to the first character where
/// its lowercase has more (`İ` to `i`), so that positions in a text stay one to one.
pub fn fold_char(ch: char) -> char {
    match ch {
        'ς' => 'σ',
        ch => ch.to_lowercase().next().unwrap_or(ch),
    }
}

/// `text` case-folded as [`fold_case_into`] does it.
pub fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_case_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_their_plural_unless_one() {
        assert_eq!(plural(0, "comment"), "0 comments");
        assert_eq!(plural(1, "invalid character"), "1 invalid character");
        assert_eq!(plural(16, "comment"), "16 comments");
    }

    #[test]
    fn percentages_round_and_say_when_there_is_no_number() {
        assert_eq!(percent(0.834), "83%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(f64::NAN), "?");
        assert_eq!(percent_tenths(0.8534), "85.3%");
        assert_eq!(percent_tenths(0.35), "35.0%");
        assert_eq!(percent_tenths(f64::INFINITY), "?");
    }

    #[test]
    fn cuts_fall_on_character_boundaries() {
        assert_eq!(cut("short", 10), ("short", false));
        assert_eq!(cut("žžž", 3), ("ž", true), "never inside a character");
        assert_eq!(cut("abc", 3), ("abc", false));
    }

    #[test]
    fn case_folding_matches_std_lowercase_except_for_the_final_sigma() {
        for text in ["Ünïcode ŠKODA İstanbul Straße", "ABC def", "東京 👋 שלום"] {
            assert_eq!(folded(text), text.to_lowercase(), "{text}");
        }
        assert_eq!(folded("ΟΔΟΣ"), "οδοσ");
        // Every character, one at a time: the shortcuts change nothing but the final sigma.
        for ch in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&ch| ch != 'ς')
        {
            let expected: String = ch.to_lowercase().collect();
            assert_eq!(folded(ch.encode_utf8(&mut [0; 4])), expected, "{:?}", ch);
        }
        assert_eq!(folded("οδος"), folded("ΟΔΟΣ"));
    }

    #[test]
    fn a_character_folds_as_in_a_text_and_stays_one() {
        for text in ["Ünïcode ŠKODA Straße", "ΟΔΟΣ οδος", "東京 👋"] {
            let one_by_one: String = text.chars().map(fold_char).collect();
            assert_eq!(one_by_one, folded(text), "{text}");
        }
        assert_eq!(fold_char('İ'), 'i', "the first of its two");
    }
}
