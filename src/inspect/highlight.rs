//! Cutting a text into the pieces a view draws: plain runs and runs covered by a highlighted span.

use std::collections::BTreeSet;
use std::ops::Range;

/// Cuts `text` into consecutive segments that together cover it exactly, each tagged with the
/// index (into `ranges`) of the range drawn there, or `None` for plain text.
///
/// Where ranges overlap, the shortest one covering a byte wins (ties: the lower index), so a
/// field nested inside another stays visible and the outcome never depends on hash order.
/// Ranges that do not fit `text` (past its end, inverted, off a char boundary) and empty ranges
/// are left out. Neighbouring segments with the same tag are merged.
pub fn highlight_segments(
    text: &str,
    ranges: &[Range<usize>],
) -> Vec<(Range<usize>, Option<usize>)> {
    let fits = |range: &Range<usize>| {
        range.start < range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end)
    };
    let drawn: Vec<usize> = (0..ranges.len()).filter(|&i| fits(&ranges[i])).collect();
    let mut by_start = drawn.clone();
    by_start.sort_by_key(|&i| ranges[i].start);
    let mut by_end = drawn.clone();
    by_end.sort_by_key(|&i| ranges[i].end);
    let mut cuts: Vec<usize> = drawn
        .iter()
        .flat_map(|&i| [ranges[i].start, ranges[i].end])
        .chain([0, text.len()])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();

    // Ranges covering the current piece, shortest first.
    let key = |i: usize| (ranges[i].len(), i);
    let mut covering = BTreeSet::new();
    let (mut next_start, mut next_end) = (0, 0);
    let mut segments: Vec<(Range<usize>, Option<usize>)> = Vec::with_capacity(cuts.len());
    for piece in cuts.windows(2) {
        let (from, to) = (piece[0], piece[1]);
        while let Some(&i) = by_end.get(next_end).filter(|&&i| ranges[i].end <= from) {
            covering.remove(&key(i));
            next_end += 1;
        }
        while let Some(&i) = by_start
            .get(next_start)
            .filter(|&&i| ranges[i].start <= from)
        {
            covering.insert(key(i));
            next_start += 1;
        }
        let tag = covering.first().map(|&(_, i)| i);
        match segments.last_mut() {
            Some((last, last_tag)) if *last_tag == tag => last.end = to,
            _ => segments.push((from..to, tag)),
        }
    }
    segments
}

#[cfg(test)]
// Slices of byte ranges are what the function takes, not ranges meant as lists of numbers.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_one_untagged_segment_and_empty_text_none() {
        assert_eq!(highlight_segments("hello", &[]), vec![(0..5, None)]);
        assert!(highlight_segments("", &[0..0]).is_empty());
    }

    #[test]
    fn covers_the_text_exactly_with_tags_where_spans_are() {
        let text = "pay XE-1 now";
        let segments = highlight_segments(text, &[4..8]);
        assert_eq!(segments, vec![(0..4, None), (4..8, Some(0)), (8..12, None)]);
    }

    #[test]
    fn the_shortest_overlapping_range_wins_then_the_lower_index() {
        let text = "abcdefghij";
        // 0 covers 1..9, 1 is nested at 3..5, 2 duplicates 1's range.
        let segments = highlight_segments(text, &[1..9, 3..5, 3..5]);
        assert_eq!(
            segments,
            vec![
                (0..1, None),
                (1..3, Some(0)),
                (3..5, Some(1)),
                (5..9, Some(0)),
                (9..10, None)
            ]
        );
    }

    #[test]
    fn ranges_that_do_not_fit_are_left_out() {
        let text = "é!"; // é is two bytes
        #[allow(clippy::reversed_empty_ranges)]
        let segments = highlight_segments(text, &[1..2, 0..9, 2..1, 2..2, 2..3]);
        assert_eq!(segments, vec![(0..2, None), (2..3, Some(4))]);
    }

    #[test]
    fn pieces_with_the_same_winner_merge() {
        // The cut at 2 (where range 1 starts) changes nothing visible: range 0 still wins.
        let segments = highlight_segments("abcdefghij", &[0..4, 2..9]);
        assert_eq!(
            segments,
            vec![(0..4, Some(0)), (4..9, Some(1)), (9..10, None)]
        );
    }
}
