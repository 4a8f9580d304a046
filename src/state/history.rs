//! This run's page history and what it keeps of each page. Every page keeps its JSON (for
//! export and for reading it again) and the overview's small columns; only the shown page and
//! the most recently shown ones keep their parsed form and index, which take about four times
//! the JSON. A page shown again after that is parsed again on the worker, while the page on
//! screen stays.

use std::sync::Arc;

use bytes::Bytes;

use crate::api::{ApiError, Page, Route};
use crate::export::Provenance;
use crate::inspect::overview::{LabelColours, Overview, PageColumns};
use crate::inspect::{PageGeneration, PageIndex};
use crate::worker::{Command, FetchedPage, RequestId, Task};

use super::{AppState, PageSource, Running};

/// Pages kept in the history; older ones are dropped so a long session stays small.
pub(super) const HISTORY_LIMIT: usize = 64;

/// JSON of the recently shown pages (besides the shown one) kept parsed: two pages of the
/// largest size the API serves (1024 comments, about 2 MB), every page of 16 comments.
pub(super) const PARSED_BUDGET: usize = 4 << 20;

/// One page of this run's history.
#[derive(Clone, Debug)]
pub struct HistoryPage {
    /// The page's own number for the run; kept when it is parsed again.
    pub generation: PageGeneration,
    pub route: Route,
    /// The response body byte for byte: what the parsed page's `raw` is, and what it is parsed
    /// again from.
    pub raw: Bytes,
    /// What the overview counts.
    pub columns: Arc<PageColumns>,
    /// What an export records of where the page came from.
    pub provenance: Option<Provenance>,
    pub source: PageSource,
    pub fetched_at: jiff::Timestamp,
    /// `None` once it has not been shown for a while (see [`PARSED_BUDGET`]).
    parsed: Option<Parsed>,
    /// When it was last shown, on the history's own clock.
    shown_at: u64,
}

#[derive(Clone, Debug)]
struct Parsed {
    page: Arc<Page>,
    index: Arc<PageIndex>,
}

impl HistoryPage {
    /// A new page of the history, parsed, with its generation.
    pub(crate) fn new(
        generation: PageGeneration,
        fetched: FetchedPage,
        source: PageSource,
    ) -> Self {
        let FetchedPage {
            page,
            index,
            columns,
            provenance,
        } = fetched;
        Self {
            generation,
            route: page.route,
            raw: page.raw.clone(),
            columns,
            provenance,
            source,
            fetched_at: jiff::Timestamp::now(),
            parsed: Some(Parsed { page, index }),
            shown_at: 0,
        }
    }

    /// The parsed page while it is kept (showing it then needs no parse).
    pub fn page(&self) -> Option<&Arc<Page>> {
        self.parsed.as_ref().map(|parsed| &parsed.page)
    }

    /// The parsed page and its index while they are kept.
    pub(super) fn parsed(&self) -> Option<(Arc<Page>, Arc<PageIndex>)> {
        let parsed = self.parsed.as_ref()?;
        Some((parsed.page.clone(), parsed.index.clone()))
    }

    /// Keeps the JSON only; showing the page then parses it again.
    pub(super) fn let_go(&mut self) {
        self.parsed = None;
    }
}

/// The page on screen: its history entry with its parsed page and index.
#[derive(Clone, Copy, Debug)]
pub struct ShownPage<'a> {
    pub entry: &'a HistoryPage,
    pub page: &'a Arc<Page>,
    pub index: &'a Arc<PageIndex>,
}

/// Which pages an overview counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum OverviewScope {
    /// The page on screen.
    #[default]
    ShownPage,
    /// Every page of the history together.
    History,
}

#[derive(Clone, Debug, Default)]
pub struct Pages {
    /// Every page fetched or opened in this run, oldest first.
    pub history: Vec<HistoryPage>,
    /// Which of `history` is on screen; always a parsed one.
    pub shown: Option<usize>,
    pub running: Option<Running>,
    /// An advance or reset on its way.
    pub moving: Option<RequestId>,
    /// A history page being parsed again, to be shown when it is ready.
    pub reparsing: Option<(RequestId, PageGeneration)>,
    /// A colour number per label, the same for the whole run.
    pub colours: LabelColours,
    shown_overview: Overview,
    history_overview: Overview,
    last_generation: u64,
    clock: u64,
}

impl Pages {
    /// The page on screen, parsed.
    pub fn current(&self) -> Option<ShownPage<'_>> {
        let entry = self.history.get(self.shown?)?;
        let parsed = entry.parsed.as_ref()?;
        Some(ShownPage {
            entry,
            page: &parsed.page,
            index: &parsed.index,
        })
    }

    /// The page the user asked for last: the one being parsed again, or else the shown one.
    /// Older and newer page step from here.
    pub fn wanted(&self) -> Option<usize> {
        let reparsing = self
            .reparsing
            .and_then(|(_, generation)| self.position(generation));
        reparsing.or(self.shown)
    }

    /// Where the page with this generation is in the history, if it is still there.
    pub fn position(&self, generation: PageGeneration) -> Option<usize> {
        self.history
            .iter()
            .position(|page| page.generation == generation)
    }

    /// The overview of the shown page or of the whole history, kept up to date as pages come
    /// and go (building it takes well under a millisecond for a full history).
    pub fn overview(&self, scope: OverviewScope) -> &Overview {
        match scope {
            OverviewScope::ShownPage => &self.shown_overview,
            OverviewScope::History => &self.history_overview,
        }
    }

    /// Bytes of JSON the history holds.
    pub fn json_bytes(&self) -> usize {
        self.history.iter().map(|page| page.raw.len()).sum()
    }

    /// Shows page `n`, which must be parsed, and lets the pages not shown lately go back to
    /// their JSON.
    fn show(&mut self, n: usize) {
        self.clock += 1;
        self.shown = Some(n);
        self.history[n].shown_at = self.clock;
        let mut recent: Vec<usize> = (0..self.history.len())
            .filter(|&i| i != n && self.history[i].parsed.is_some())
            .collect();
        recent.sort_by_key(|&i| std::cmp::Reverse(self.history[i].shown_at));
        let mut kept = 0;
        for i in recent {
            let size = self.history[i].raw.len();
            if kept + size <= PARSED_BUDGET {
                kept += size;
            } else {
                self.history[i].parsed = None;
            }
        }
        self.shown_overview = self.overview_of(n..n + 1);
    }

    /// Shows no page (the history stays).
    pub(super) fn hide(&mut self) {
        self.shown = None;
        self.reparsing = None;
        self.shown_overview = Overview::default();
    }

    fn overview_of(&self, pages: std::ops::Range<usize>) -> Overview {
        Overview::build(
            self.history[pages]
                .iter()
                .map(|page| (page.generation, page.columns.clone())),
        )
    }
}

impl AppState {
    /// Adds a page to the history and shows it.
    pub(super) fn add_shown(&mut self, fetched: FetchedPage, source: PageSource) {
        let arriving = HistoryPage::new(PageGeneration::default(), fetched, source);
        self.add_pages(vec![arriving]);
    }

    /// Adds pages to the history in this order, each with the next generation, and shows the
    /// last one, which must be parsed.
    pub(super) fn add_pages(&mut self, arriving: Vec<HistoryPage>) {
        let pages = &mut self.pages;
        for mut page in arriving {
            pages.last_generation += 1;
            page.generation = PageGeneration(pages.last_generation);
            let thresholds = page.provenance.iter().flat_map(|p| &p.label_thresholds);
            pages.colours.learn(thresholds.map(|t| &t.name));
            pages.colours.learn(page.columns.labels());
            pages.history.push(page);
        }
        let excess = pages.history.len().saturating_sub(HISTORY_LIMIT);
        pages.history.drain(..excess);
        pages.reparsing = None;
        pages.history_overview = pages.overview_of(0..pages.history.len());
        if let Some(last) = pages.history.len().checked_sub(1) {
            pages.show(last);
        }
        let parsed = pages.history.iter().filter(|p| p.page().is_some()).count();
        log::info!(
            "history: {} pages, {} bytes of JSON, {parsed} parsed",
            pages.history.len(),
            pages.json_bytes()
        );
    }

    /// Shows page `n` of the history: at once if it is parsed, else after the worker has
    /// parsed it again (the page on screen stays meanwhile).
    pub(super) fn show_page(&mut self, n: usize) -> Vec<Command> {
        self.pages.reparsing = None;
        let Some(entry) = self.pages.history.get(n) else {
            return Vec::new();
        };
        if entry.parsed.is_some() {
            self.pages.show(n);
            return Vec::new();
        }
        let (generation, raw, route) = (entry.generation, entry.raw.clone(), entry.route);
        let model = entry.provenance.as_ref().map(Provenance::model);
        let id = self.next_id();
        self.pages.reparsing = Some((id, generation));
        vec![
            Task::Reparse {
                id,
                raw,
                route,
                model,
            }
            .into(),
        ]
    }

    /// A page parsed again: shown, if it is still the one asked for and still in the history.
    pub(super) fn reparsed(&mut self, id: RequestId, result: Result<FetchedPage, ApiError>) {
        let Some((_, generation)) = self.pages.reparsing.take_if(|(asked, _)| *asked == id) else {
            return;
        };
        let Some(n) = self.pages.position(generation) else {
            return;
        };
        match result {
            Ok(fetched) => {
                self.pages.history[n].parsed = Some(Parsed {
                    page: fetched.page,
                    index: fetched.index,
                });
                self.pages.show(n);
            }
            Err(err) => self.show_error(
                format!(
                    "Page {} could not be read again from its JSON: {err}",
                    n + 1
                ),
                None,
            ),
        }
    }
}
