//! The overview: what the shown page, or every page of this run, says about each label, and for
//! a chosen label its histogram, the threshold what-if, the model's validation and the model
//! versions compared. Every number comes from [`crate::inspect::overview`] (kept current by the
//! state), the validation from [`crate::state::Validations`] and the version figures from
//! [`crate::inspect::stream_stats`]; the panels only choose, cache and draw. One file per panel:
//! `labels.rs` (the table), `histogram.rs`, `what_if.rs`, `model.rs` (validation and curve),
//! `versions.rs`; `threshold_plot.rs` is what the histogram and the curve share.
//!
//! The what-if is local: nothing here can write to the server, and the stream's thresholds,
//! which the label bars keep showing, never change.

mod histogram;
mod labels;
mod model;
mod threshold_plot;
mod versions;
mod what_if;

use crate::api::LabelPath;
use crate::inspect::overview::{LabelSort, LabelSummary, Overview};
use crate::state::{Action, AppState, OverviewScope};
use crate::text::plural;

use super::inspect::{FocusKind, Inspector, ListFocus};

/// What the overview asks of the views beside it and of the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Ask {
    /// Narrow the comment list to this label (`None`: lift that).
    FilterLabel(Option<LabelPath>),
    /// Show this list of comments instead of the page's threads (`None`: the threads again).
    List(Option<ListFocus>),
    Act(Action),
}

/// The overview's choices, kept while the app runs.
#[derive(Debug)]
pub struct OverviewView {
    scope: OverviewScope,
    sort: LabelSort,
    descending: bool,
    chosen: Option<LabelPath>,
    /// The what-if threshold of the chosen label; `None` until moved (the stream's own).
    what_if: Option<f64>,
    /// The precision and recall the curve is asked to keep.
    keep_precision: f64,
    keep_recall: f64,
    /// The model version compared with the stream's.
    compare: Option<i64>,
    histogram: histogram::Cache,
}

impl Default for OverviewView {
    fn default() -> Self {
        Self {
            scope: OverviewScope::ShownPage,
            sort: LabelSort::Name,
            descending: false,
            chosen: None,
            what_if: None,
            keep_precision: 0.9,
            keep_recall: 0.8,
            compare: None,
            histogram: histogram::Cache::default(),
        }
    }
}

/// The chosen label with what its panels need.
pub(super) struct Chosen<'a> {
    pub summary: &'a LabelSummary,
    pub overview: &'a Overview,
    /// The stream's threshold, where there is one in force (100 % for a label that is off).
    pub stream: Option<f64>,
    /// The what-if threshold: moved, or the stream's, or 50 % where the stream has none.
    pub what_if: f64,
}

impl OverviewView {
    /// Draws the overview of `state`'s pages; returns what it asks of the others.
    pub fn show(&mut self, ui: &mut egui::Ui, state: &AppState, inspector: &Inspector) -> Vec<Ask> {
        let mut asked = Vec::new();
        self.scope_bar(ui, state);
        let overview = state.pages.overview(self.scope);
        for note in overview.notes() {
            ui.label(note.to_string());
        }
        ui.separator();
        egui::Panel::left("overview-labels")
            .resizable(true)
            .default_size(390.0)
            .min_size(220.0)
            .show(ui, |ui| {
                labels::show(ui, self, overview, state, inspector, &mut asked);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::both()
                .id_salt("overview-detail")
                .auto_shrink(false)
                .show(ui, |ui| {
                    self.detail(ui, state, overview, inspector, &mut asked)
                });
        });
        asked
    }

    /// Which pages are counted, and how many comments that is.
    fn scope_bar(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let pages = state.pages.history.len();
        ui.horizontal_wrapped(|ui| {
            ui.label("Count");
            ui.selectable_value(&mut self.scope, OverviewScope::ShownPage, "This page");
            ui.selectable_value(
                &mut self.scope,
                OverviewScope::History,
                format!("Every page of this run ({})", plural(pages, "page")),
            );
            let overview = state.pages.overview(self.scope);
            ui.weak(format!(
                "{} counted",
                plural(overview.comments(), "comment")
            ));
        });
    }

    fn detail(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        overview: &Overview,
        inspector: &Inspector,
        asked: &mut Vec<Ask>,
    ) {
        match self.chosen(overview) {
            Some(chosen) => {
                ui.heading(format!("{} in the comments counted", chosen.summary.path));
                for note in &chosen.summary.notes {
                    ui.label(note.to_string());
                }
                let colour =
                    super::label_colours::of(ui, &state.pages.colours, &chosen.summary.path);
                if let Some(what_if) = self.histogram.show(ui, &chosen, colour) {
                    self.what_if = Some(what_if);
                }
                what_if::show(ui, self, &chosen, inspector, asked);
                model::show(ui, self, &chosen, state, asked);
            }
            None => {
                ui.weak("Choose a label on the left to see its probabilities and try another threshold.");
            }
        }
        ui.separator();
        versions::show(ui, self, state, asked);
    }

    /// The chosen label, if it is still among those counted.
    fn chosen<'a>(&self, overview: &'a Overview) -> Option<Chosen<'a>> {
        let summary = overview.label(self.chosen.as_ref()?)?;
        let stream = summary.threshold.value();
        Some(Chosen {
            summary,
            overview,
            stream,
            what_if: self.what_if.or(stream).unwrap_or(0.5),
        })
    }

    /// Chooses `label` (its what-if starts at the stream's threshold again).
    fn choose(&mut self, label: LabelPath) {
        if self.chosen.as_ref() != Some(&label) {
            self.what_if = None;
        }
        self.chosen = Some(label);
    }

    /// The overview's list of `kind` for the chosen label at its what-if threshold; `None` when
    /// the list cannot be made (the overview's note, shown beside, says why).
    fn focus_of(&self, chosen: &Chosen, kind: FocusKind) -> Option<ListFocus> {
        let (overview, label) = (chosen.overview, &chosen.summary.path);
        let threshold = chosen.what_if;
        let comments = match kind {
            FocusKind::WouldEnter => overview.would_enter(label, threshold),
            FocusKind::WouldLeave => overview.would_leave(label, threshold),
            FocusKind::Borderline => overview.borderline(label, threshold),
        }
        .ok()?;
        Some(ListFocus {
            kind,
            label: label.clone(),
            threshold,
            pages: overview.pages().collect(),
            title: what_if::focus_title(kind, chosen),
            comments,
        })
    }

    /// A new list for the comment list when the one it shows (`current`, if it came from
    /// here) was computed for another label, threshold or set of pages; `Some(None)` to show
    /// the threads again when no label is chosen.
    pub fn refresh_focus(
        &self,
        state: &AppState,
        current: Option<&ListFocus>,
    ) -> Option<Option<ListFocus>> {
        let current = current?;
        let overview = state.pages.overview(self.scope);
        let Some(chosen) = self.chosen(overview) else {
            return Some(None);
        };
        let same = current.label == chosen.summary.path
            && current.threshold.to_bits() == chosen.what_if.to_bits()
            && current.pages.iter().copied().eq(overview.pages());
        (!same).then(|| self.focus_of(&chosen, current.kind))
    }
}
