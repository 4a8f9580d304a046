//! Fuzzy matching for the command palette: what a few typed letters pick out of a list.
//!
//! Every word of the query must appear in the text as a subsequence, case folded ("exjs"
//! matches "Export JSON Lines…"). Letters that follow one another in the text, and letters at
//! the start of a word, score more, so the candidate a person means comes first. No egui here.

use crate::text::fold_char;

/// How a query matched a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Higher is better. Only comparable between matches of the same query.
    pub score: i32,
    /// Which characters of the text matched (char indices, ascending, no repeats), to highlight.
    pub positions: Vec<usize>,
}

const PER_LETTER: i32 = 16;
const FOLLOWS_PREVIOUS: i32 = 12;
const WORD_START: i32 = 10;
/// Each letter skipped inside a word's match costs this much, up to [`MAX_GAP_COST`].
const PER_SKIPPED: i32 = 1;
const MAX_GAP_COST: i32 = 8;
/// A match that begins late in the text costs up to this much (one per letter before it).
const MAX_LATE_START_COST: i32 = 12;

/// Whether `query` matches `text`, and how well. An empty (or blank) query matches everything
/// with score 0.
pub fn score(query: &str, text: &str) -> Option<Match> {
    let folded: Vec<char> = text.chars().map(fold_char).collect();
    let mut total = 0;
    let mut positions = Vec::new();
    for word in query.split_whitespace() {
        let word: Vec<char> = word.chars().map(fold_char).collect();
        let (word_score, word_positions) = best_placement(&word, &folded)?;
        total += word_score;
        positions.extend(word_positions);
    }
    positions.sort_unstable();
    positions.dedup();
    Some(Match {
        score: total,
        positions,
    })
}

/// The best of the greedy placements of `word` that start at each place its first letter
/// occurs: greedy from a fixed start keeps runs together, and trying every start finds the
/// run at a word's start even when the letter occurs earlier inside another word.
fn best_placement(word: &[char], text: &[char]) -> Option<(i32, Vec<usize>)> {
    let first = *word.first()?;
    text.iter()
        .enumerate()
        .filter(|&(_, &c)| c == first)
        .filter_map(|(start, _)| placement_from(word, text, start))
        .max_by_key(|(score, positions)| (*score, std::cmp::Reverse(positions[0])))
}

fn placement_from(word: &[char], text: &[char], start: usize) -> Option<(i32, Vec<usize>)> {
    let mut positions = Vec::with_capacity(word.len());
    let mut at = start;
    for &letter in word {
        let found = at + text.get(at..)?.iter().position(|&c| c == letter)?;
        positions.push(found);
        at = found + 1;
    }
    let mut score = -(start as i32).min(MAX_LATE_START_COST);
    for (i, &position) in positions.iter().enumerate() {
        score += PER_LETTER;
        if is_word_start(text, position) {
            score += WORD_START;
        }
        if let Some(&previous) = i.checked_sub(1).and_then(|p| positions.get(p)) {
            if previous + 1 == position {
                score += FOLLOWS_PREVIOUS;
            } else {
                score -= ((position - previous - 1) as i32 * PER_SKIPPED).min(MAX_GAP_COST);
            }
        }
    }
    Some((score, positions))
}

fn is_word_start(text: &[char], position: usize) -> bool {
    position == 0 || !text[position - 1].is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked<'a>(query: &str, texts: &[&'a str]) -> Vec<&'a str> {
        let mut scored: Vec<(i32, &str)> = texts
            .iter()
            .filter_map(|text| Some((score(query, text)?.score, *text)))
            .collect();
        scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        scored.into_iter().map(|(_, text)| text).collect()
    }

    #[test]
    fn letters_must_appear_in_order_case_folded() {
        assert!(score("exjs", "Export JSON Lines…").is_some());
        assert!(score("EXPORT", "export csv").is_some());
        assert!(score("sj", "Export JSON Lines…").is_none(), "out of order");
        assert!(score("fetchx", "Fetch").is_none(), "a letter too many");
        assert_eq!(score("", "anything").map(|m| m.score), Some(0));
        assert_eq!(score("  ", "anything").map(|m| m.score), Some(0));
    }

    #[test]
    fn every_word_must_match_somewhere_in_any_order() {
        assert!(score("claims new", "acme-ops/claims/new-claims").is_some());
        assert!(score("new acme", "acme-ops/claims/new-claims").is_some());
        assert!(score("claims zebra", "acme-ops/claims/new-claims").is_none());
    }

    #[test]
    fn positions_are_the_matched_letters() {
        let found = score("nc", "Next comment").unwrap();
        assert_eq!(
            found.positions,
            vec![0, 5],
            "word starts beat the earlier inner c"
        );
        let found = score("csv", "Export CSV…").unwrap();
        assert_eq!(found.positions, vec![7, 8, 9]);
        let found = score("new claims", "acme-ops/claims/new-claims").unwrap();
        let matched: String = found
            .positions
            .iter()
            .map(|&i| "acme-ops/claims/new-claims".chars().nth(i).unwrap())
            .collect();
        assert_eq!(matched, "claimsnew", "both words, each at a word start");
    }

    #[test]
    fn runs_and_word_starts_rank_first() {
        assert_eq!(
            ranked("nc", &["Cancel fetch", "Next comment", "Copy comment uid"]),
            ["Next comment", "Cancel fetch"]
        );
        assert_eq!(
            ranked("csv", &["Cancel fetch: stop the view", "Export CSV…"]),
            ["Export CSV…", "Cancel fetch: stop the view"]
        );
        assert_eq!(
            ranked("zoom in", &["Zoom out", "Zoom in", "Reset zoom"]),
            ["Zoom in"]
        );
        assert_eq!(
            ranked("open", &["Open…", "Go to comment: the open claim"]),
            ["Open…", "Go to comment: the open claim"],
            "an early match beats a late one"
        );
    }

    #[test]
    fn text_beyond_ascii_is_folded_without_losing_positions() {
        let found = score("ärg", "Großer Ärger").unwrap();
        assert_eq!(found.positions, vec![7, 8, 9]);
        assert!(score("ÉTÉ", "un été chaud").is_some());
    }
}
