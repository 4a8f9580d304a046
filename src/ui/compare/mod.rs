//! The compare view: what was compared (A and B), the summary line, the notes as sentences, a
//! table of the comments largest change first, and the comment clicked there as the inspector
//! shows it, with both sides' label bars next to each other. Everything shown is computed by
//! [`crate::compare`] (on the worker); this keeps only the view's own choices.

mod comment;
mod table;

use crate::compare::Comparison;
use crate::state::{Action, AppState, CompareOrigin, CompareSide, OpenComparison, Pages};
use crate::text::plural;

use super::inspect::Inspector;

/// The view's own state.
#[derive(Debug, Default)]
pub struct CompareView {
    /// The number of the comparison last drawn: a new one opens on its first row.
    seen: u64,
    /// The row clicked: an index into the comparison's comments.
    selected: Option<usize>,
    /// List the comments that did not change as well.
    show_unchanged: bool,
    /// The clicked comment as the inspector shows it.
    detail: Inspector,
}

impl CompareView {
    /// Whether a new comparison arrived since this was last asked; it then opens on its first
    /// row.
    pub fn arrived(&mut self, state: &AppState) -> bool {
        let Some(open) = &state.comparisons.open else {
            return false;
        };
        if open.number == self.seen {
            return false;
        }
        self.seen = open.number;
        self.show_unchanged = false;
        // Another comparison's pages: nothing kept for the last one's comment holds.
        self.selected = Some(0).filter(|_| open.comparison.changed().next().is_some());
        self.detail.forget_selection();
        true
    }

    fn select(&mut self, row: Option<usize>) {
        if row != self.selected {
            self.selected = row;
            self.detail.forget_selection();
        }
    }

    pub fn show(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
        let comparisons = &state.comparisons;
        if comparisons.running.is_some() {
            ui.label("Comparing the pages…");
        }
        let Some(open) = &comparisons.open else {
            if comparisons.running.is_none() {
                ui.weak(
                    "Nothing is compared yet. Compare the shown page with a file (File → \
                     Compare with…), or a page of this run's history with the shown page (Page \
                     history… beside ◀ ▶).",
                );
            }
            return;
        };
        egui::Panel::top("compare-head").show(ui, |ui| {
            self.head(ui, open, &state.pages, actions);
        });
        let rows = rows(&open.comparison, self.show_unchanged);
        egui::Panel::top("compare-table")
            .resizable(true)
            .default_size(280.0)
            .min_size(120.0)
            .show(ui, |ui| {
                if let Some(clicked) = table::show(ui, &open.comparison, rows, self.selected) {
                    self.select(Some(clicked));
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let diff = self.selected.and_then(|i| open.comparison.comments.get(i));
            match diff {
                Some(diff) => {
                    let colours = &state.pages.colours;
                    comment::show(ui, open, diff, &mut self.detail, colours)
                }
                None => {
                    ui.weak("Click a row to see its comment with both pages' label bars.");
                }
            }
        });
    }

    fn head(
        &mut self,
        ui: &mut egui::Ui,
        open: &OpenComparison,
        pages: &Pages,
        actions: &mut Vec<Action>,
    ) {
        let comparison = &open.comparison;
        ui.horizontal_wrapped(|ui| {
            ui.strong(format!("{}.", comparison.summary));
            if ui.button("Close comparison").clicked() {
                actions.push(Action::CloseComparison);
            }
        });
        let versions = [comparison.model_version_a, comparison.model_version_b];
        for ((name, side), version) in [("A", &open.a), ("B", &open.b)].into_iter().zip(versions) {
            ui.label(side_words(name, side, version, pages));
        }
        for note in &comparison.notes {
            ui.colored_label(ui.visuals().warn_fg_color, note.to_string());
        }
        let unchanged = comparison.summary.unchanged;
        if unchanged > 0 {
            let text = format!(
                "Also list the {} that did not change",
                plural(unchanged, "comment")
            );
            ui.checkbox(&mut self.show_unchanged, text);
        }
    }
}

/// How many rows the table has: the comments that differ (they come first), or all of them.
fn rows(comparison: &Comparison, show_unchanged: bool) -> usize {
    let summary = &comparison.summary;
    if show_unchanged {
        comparison.comments.len()
    } else {
        summary.changed + summary.only_in_a + summary.only_in_b
    }
}

/// `A: page 2 of the history — acme-ops/claims/new-claims on host, fetch route, fetched at
/// 10:15:03; model version 7; 16 comments`.
fn side_words(name: &str, side: &CompareSide, version: Option<i64>, pages: &Pages) -> String {
    let place = match &side.origin {
        CompareOrigin::History(generation) => match pages.position(*generation) {
            Some(n) if Some(n) == pages.shown => format!("page {} of the history (shown)", n + 1),
            Some(n) => format!("page {} of the history", n + 1),
            None => "a page no longer in the history".to_owned(),
        },
        CompareOrigin::File(_) => "the file".to_owned(),
    };
    let mut words = format!("{name}: {place} — {}", side.described);
    if let Some(version) = version {
        words.push_str(&format!("; model version {version}"));
    }
    let comments = side.page.page.results.len();
    words.push_str(&format!("; {}", plural(comments, "comment")));
    words
}
