//! What the inspector views show, computed from the API models once per page so that drawing a
//! frame only reads. No egui here: the UI draws these values.
//!
//! Build a [`PageIndex`] when a page arrives (and again if the stream's model changes) and keep
//! it beside the page; it refers to results by their index in `page.results`.
//! - Thread list: [`PageIndex::threads`] ([`Thread`]: comments and messages in time order,
//!   subject, first sender, start time already formatted, top labels).
//! - Detail view: `PageIndex::results[i]` ([`ResultView`]): [`Labels`] (no model, or a
//!   [`LabelList`] in taxonomy or leaf-only order, each [`LabelRow`] with its threshold and
//!   [`LabelState`]), general fields ([`FieldRow`], spans resolved or a [`SpanError`] in words),
//!   scores, and the highlighted pieces of each message part ([`PartHighlights`]).
//! - Filter bar: [`PageIndex::filter`] with a [`PageFilter`].
//! - Times: [`local_time`].
//! - The overview of one page or of the whole history (per-label counts, the threshold what-if,
//!   histograms, borderline order, label colours): [`overview`], from the compact
//!   [`overview::PageColumns`] built beside the index.
//! - How a stream's thresholds do on its model's validation, and another version's:
//!   [`stream_stats`] (for `streamlens stats` and the overview alike).

mod fields;
mod filter;
mod highlight;
mod labels;
pub mod overview;
mod result_view;
mod scores;
mod spans;
pub mod stream_stats;
mod taxonomy;
#[cfg(test)]
mod test_pages;
mod threads;
mod time;

pub use fields::{FieldRow, shown_taxonomy};
pub(crate) use fields::{entity_name, general_field_name};
pub use filter::{LabelMode, PageFilter};
pub use highlight::highlight_segments;
pub(crate) use labels::Thresholds;
pub use labels::{LabelList, LabelRow, LabelState, Labels};
pub use result_view::{FieldRef, PartHighlights, ResultView};
pub use scores::{SCORE_SCALE, ScoreRow, scores, sentiment_word};
pub use spans::{ContentPart, OffsetUnit, ResolvedSpan, SpanError, resolve_spans};
pub use threads::{MessageRef, Thread, ThreadIndex, ThreadLabel};
pub use time::{local_time, time_in};

use crate::api::{Page, StreamModel};

/// Which page of the run a page is. The history gives each page it takes in the next number; a
/// page shown again keeps its own, even when it was read again from its JSON. Views that keep
/// something per page (the thread list, the selection) key it on this.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageGeneration(pub u64);

/// Everything the inspector needs about one page. Build it when a page arrives (or the stream's
/// model changes); it holds indices into `page.results`, so keep it beside that page.
#[derive(Clone, Debug, Default)]
pub struct PageIndex {
    /// One view per result, in page order.
    pub results: Vec<ResultView>,
    pub threads: ThreadIndex,
}

impl PageIndex {
    /// `stream` is the stream's model as listed (`None` when unknown, e.g. for a page opened
    /// from a file); without it labels show no thresholds.
    pub fn build(page: &Page, stream: Option<&StreamModel>) -> Self {
        let thresholds = labels::Thresholds::new(stream);
        let results: Vec<ResultView> = page
            .results
            .iter()
            .map(|result| ResultView::build(result, page.route, &thresholds))
            .collect();
        let labels: Vec<Option<&LabelList>> = results.iter().map(ResultView::label_list).collect();
        let threads = ThreadIndex::new(page, &labels);
        Self { results, threads }
    }

    /// Indices of `page.results` matching `filter`, in page order; its length is the count.
    pub fn filter(&self, page: &Page, filter: &PageFilter) -> Vec<usize> {
        filter::matching(&page.results, &self.results, filter)
    }
}
