//! A list the overview asks the comment list to show instead of the page's threads: the
//! comments a what-if threshold would let in or keep out, or every comment ordered by how close
//! it lies to a label's threshold. The overview computes it ([`crate::inspect::overview`]); the
//! list shows those of the shown page, in the order given.

use crate::api::LabelPath;
use crate::inspect::PageGeneration;
use crate::inspect::overview::CommentRef;

/// Which list the overview asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FocusKind {
    /// Held back by the stream's threshold, let through at the what-if one.
    WouldEnter,
    /// Let through by the stream's threshold, held back at the what-if one.
    WouldLeave,
    /// Every comment, those whose probability lies closest to the threshold first.
    Borderline,
}

/// The comments to list, with what they were computed from, so that the overview can tell
/// when its choices have moved on and send a new one.
#[derive(Clone, Debug, PartialEq)]
pub struct ListFocus {
    pub kind: FocusKind,
    pub label: LabelPath,
    /// The what-if threshold the list was computed at.
    pub threshold: f64,
    /// The pages the overview counted, in order.
    pub pages: Vec<PageGeneration>,
    /// What the list shows, in a sentence, e.g. "Would enter the stream at the what-if
    /// threshold of 40% for Complaint".
    pub title: String,
    /// The comments, in the order to list them, on every page counted.
    pub comments: Vec<CommentRef>,
}

impl ListFocus {
    /// The focus's comments on page `generation`, in order (results of that page).
    pub(super) fn on_page(&self, generation: PageGeneration) -> impl Iterator<Item = usize> + '_ {
        (self.comments.iter())
            .filter(move |comment| comment.page == generation)
            .map(|comment| comment.result)
    }
}
