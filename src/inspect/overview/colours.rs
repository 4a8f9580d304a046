//! One colour number per label for the whole run, so that a label looks the same in the
//! comment list, the label bars, the overview and the histogram, on every page.

use std::collections::HashMap;

use crate::api::LabelPath;
use crate::inspect::taxonomy::MAX_GROUPED_DEPTH;

/// Labels numbered in the order the run first meets them: the stream's taxonomy (its
/// thresholds, in the model's order) as each page arrives, then labels found on pages that the
/// taxonomy lacks; a parent before its children. A number never changes once given. The UI
/// maps numbers to colours (e.g. modulo its palette).
///
/// Numbering by first appearance rather than by a hash of the name: the first labels met, which
/// are those on screen together, get distinct numbers, where a hash into a palette of a dozen
/// colours would give two of a handful of labels the same colour more often than not. The
/// price is that numbers hold for one run, not from one run to the next.
#[derive(Clone, Debug, Default)]
pub struct LabelColours {
    numbers: HashMap<LabelPath, usize>,
}

impl LabelColours {
    /// Numbers the labels not met before, in the order given, each after its parents.
    pub fn learn<'a>(&mut self, labels: impl IntoIterator<Item = &'a LabelPath>) {
        for label in labels {
            if self.numbers.contains_key(label) {
                continue;
            }
            if label.depth() <= MAX_GROUPED_DEPTH {
                let segments = label.segments();
                for depth in 1..segments.len() {
                    let parent = LabelPath::new(segments[..depth].iter().cloned());
                    let next = self.numbers.len();
                    self.numbers.entry(parent).or_insert(next);
                }
            }
            let next = self.numbers.len();
            self.numbers.insert(label.clone(), next);
        }
    }

    /// The label's number, if the run has met it.
    pub fn number(&self, label: &LabelPath) -> Option<usize> {
        self.numbers.get(label).copied()
    }
}
