//! The page history at run scale: the state and the real worker, without a window, against the
//! stand-in server's 1024-comment `bulk` stream (about 2 MB of JSON a page). Only recently shown
//! pages stay parsed; a page shown again after it was let go is parsed again on the worker while
//! the old one stays on screen, and comes back the same page; export, the advance rule and the
//! overview of the whole history work on every page, and comparing a page that was let go
//! parses it on the worker without touching the history. The app itself does the same in
//! `tests/ui_history.rs`.

use std::collections::VecDeque;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use streamlens::api::{ClientConfig, SmolStr};
use streamlens::export::{ExportFormat, open_file};
use streamlens::inspect::overview::Threshold;
use streamlens::state::{Action, AppState, OverviewScope, Settings};
use streamlens::worker::{Command, Dialogs, KeyringChoice, Worker};

const DEADLINE: Duration = Duration::from_secs(120);

/// The state and the worker, wired as the app wires them.
struct Driver {
    state: AppState,
    worker: Worker,
    /// One message per event the worker sends.
    woken: mpsc::Receiver<()>,
    dialogs: Arc<Mutex<VecDeque<Vec<std::path::PathBuf>>>>,
}

impl Driver {
    /// Connected to the in-process demo, on `northwind-bank/service-mail/bulk`, 1024 a page.
    fn on_bulk() -> Self {
        let (wake, woken) = mpsc::channel();
        let dialogs = Arc::new(Mutex::new(VecDeque::new()));
        let worker = Worker::start(
            KeyringChoice::Off,
            ClientConfig::default(),
            Dialogs::Scripted(dialogs.clone()),
            Arc::new(move || {
                let _ = wake.send(());
            }),
        )
        .unwrap();
        let mut driver = Self {
            state: AppState::new(Settings::default()),
            worker,
            woken,
            dialogs,
        };
        driver.act(Action::OpenDemo);
        // The demo opens on `triage`, in the same dataset.
        driver.until("the demo's streams", |s| s.catalog.stream_info().is_some());
        driver.act(Action::ChooseStream("bulk".into()));
        driver.act(Action::SetPageSize(1024));
        driver
    }

    fn act(&mut self, action: Action) -> usize {
        let commands = self.state.handle(action);
        let sent = commands.len();
        self.send(commands);
        sent
    }

    fn send(&self, commands: Vec<Command>) {
        for command in commands {
            self.worker.send(command);
        }
    }

    /// Applies the worker's events until `done` holds; fails after [`DEADLINE`].
    fn until(&mut self, what: &str, done: impl Fn(&AppState) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            for event in self.worker.drain() {
                let commands = self.state.apply(event);
                self.send(commands);
            }
            if done(&self.state) {
                return;
            }
            let left = deadline.checked_duration_since(Instant::now());
            let left = left.unwrap_or_else(|| {
                panic!(
                    "timed out waiting for {what}; banner: {:?}",
                    self.state.banner
                )
            });
            let _ = self.woken.recv_timeout(left);
        }
    }

    fn fetch(&mut self) {
        let before = self.state.pages.history.len();
        assert_eq!(self.act(Action::Fetch), 1);
        self.until("a page", |s| {
            s.pages.running.is_none() && s.pages.history.len() > before
        });
    }

    fn parsed(&self) -> Vec<usize> {
        (self.state.pages.history.iter().enumerate())
            .filter(|(_, page)| page.page().is_some())
            .map(|(n, _)| n)
            .collect()
    }

    fn uids(&self) -> Vec<SmolStr> {
        let shown = self.state.pages.current().expect("a page is shown");
        shown
            .page
            .results
            .iter()
            .map(|r| r.comment.uid.clone())
            .collect()
    }
}

#[test]
fn only_recent_pages_stay_parsed_and_a_page_shown_again_comes_back_the_same() {
    let mut driver = Driver::on_bulk();
    for _ in 0..6 {
        driver.fetch();
    }
    let pages = &driver.state.pages;
    let raw = pages.history[0].raw.len();
    assert!(raw > 1_900_000, "a full page of bulk: {raw} bytes");
    assert_eq!(pages.json_bytes(), 6 * raw, "every page keeps its JSON");
    assert_eq!(
        driver.parsed(),
        [3, 4, 5],
        "the shown page and 4 MiB of recent ones"
    );
    let newest = driver.uids();
    assert_eq!(newest.len(), 1024);
    let first = pages.history[0].generation;

    // Showing the oldest page parses it again on the worker; the shown page stays meanwhile.
    assert_eq!(driver.act(Action::ShowPage(0)), 1);
    assert_eq!(driver.state.pages.shown, Some(5));
    assert_eq!(driver.state.pages.wanted(), Some(0));
    assert_eq!(driver.uids(), newest);
    driver.until("page 1 parsed again", |s| s.pages.shown == Some(0));
    let shown = driver.state.pages.current().unwrap();
    assert_eq!(
        shown.entry.generation, first,
        "the same page, not a new one"
    );
    assert_eq!(shown.index.results.len(), 1024);
    assert_eq!(
        driver.uids(),
        newest,
        "the stream did not move: the same comments"
    );
    assert_eq!(driver.parsed(), [0, 4, 5], "page 4 was shown longest ago");
    assert_eq!(
        driver.state.advance_blocked(),
        Some("A newer page of this stream was fetched: show it to advance.")
    );

    // A page that was let go exports losslessly: its JSON was kept byte for byte.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page-1.json");
    driver.dialogs.lock().unwrap().push_back(vec![file.clone()]);
    driver.act(Action::Export(ExportFormat::Json));
    driver.until("the export", |s| s.files.saving.is_none());
    let opened = open_file(&file).unwrap();
    assert_eq!(opened.page.raw, driver.state.pages.history[0].raw);

    // Newer and older pages step from the page asked for, even before it is shown.
    driver.act(Action::ShowPage(1));
    driver.act(Action::ShowPage(2));
    assert_eq!(driver.state.pages.wanted(), Some(2));
    driver.until("page 3", |s| s.pages.shown == Some(2));
    assert_eq!(
        driver.parsed(),
        [0, 2, 5],
        "page 2's answer was dropped unshown"
    );
}

#[test]
fn the_overview_of_the_whole_history_adds_up_the_pages() {
    let mut driver = Driver::on_bulk();
    for _ in 0..3 {
        driver.fetch();
    }
    let pages = &driver.state.pages;
    let shown = pages.overview(OverviewScope::ShownPage);
    let history = pages.overview(OverviewScope::History);
    assert_eq!(shown.comments(), 1024);
    assert_eq!(history.comments(), 3 * 1024);
    assert_eq!(history.pages().len(), 3);
    let rows = shown.rows(Default::default(), false);
    let with_threshold = rows
        .iter()
        .find(|row| matches!(row.threshold, Threshold::At(_)) && row.above > 0)
        .expect("bulk has labels with thresholds");
    let off = rows.iter().find(|row| row.threshold == Threshold::Off);
    assert!(off.is_some(), "bulk switches some labels off");
    let label = &with_threshold.path;
    let all = history.label(label).unwrap();
    assert_eq!(all.above, 3 * with_threshold.above);
    assert_eq!(all.below, 3 * with_threshold.below);
    let one = shown.what_if(label, 0.3).unwrap();
    let three = history.what_if(label, 0.3).unwrap();
    assert!(
        one.enter > 0,
        "some comments lie between 30 % and the threshold"
    );
    assert_eq!((three.enter, three.leave), (3 * one.enter, 3 * one.leave));
    let entering = history.would_enter(label, 0.3).unwrap();
    assert_eq!(entering.len(), three.enter);
    let generations: Vec<_> = pages.history.iter().map(|p| p.generation).collect();
    assert!(entering.iter().all(|c| generations.contains(&c.page)));
    for page in &pages.history {
        for label in page.columns.labels() {
            assert!(
                pages.colours.number(label).is_some(),
                "{label} has a colour"
            );
        }
    }

    // Back on the connection screen no page is shown, and the history's overview stays.
    driver.act(Action::ShowConnections);
    let pages = &driver.state.pages;
    assert_eq!(pages.overview(OverviewScope::ShownPage).comments(), 0);
    assert_eq!(pages.overview(OverviewScope::History).comments(), 3 * 1024);
}

#[test]
fn a_page_let_go_compares_with_the_shown_one_and_the_history_stays_as_it_was() {
    let mut driver = Driver::on_bulk();
    for _ in 0..4 {
        driver.fetch();
    }
    assert_eq!(driver.parsed(), [1, 2, 3], "the first page is JSON only");
    let generations = |d: &Driver| -> Vec<_> {
        let pages = &d.state.pages.history;
        pages.iter().map(|page| page.generation).collect()
    };
    let before = generations(&driver);

    let asked = std::time::Instant::now();
    assert_eq!(driver.act(Action::CompareWithShown(0)), 1);
    driver.until("the comparison", |s| s.comparisons.running.is_none());
    let took = asked.elapsed();
    let open = driver.state.comparisons.open.as_ref().expect("compared");
    let summary = open.comparison.summary;
    assert_eq!(
        (
            summary.in_both,
            summary.changed,
            summary.only_in_a,
            summary.only_in_b
        ),
        (1024, 0, 0, 0),
        "the stream did not move: the same comments, the same predictions"
    );
    assert!(
        open.comparison.notes.is_empty(),
        "{:?}",
        open.comparison.notes
    );
    assert_eq!(
        open.a.page.index.results.len(),
        1024,
        "A parsed on the worker"
    );
    eprintln!("compared two pages of 1024 comments, one parsed again, in {took:?}");

    assert_eq!(generations(&driver), before, "nothing lost or reordered");
    assert_eq!(
        driver.parsed(),
        [1, 2, 3],
        "the page compared is not kept parsed"
    );
    assert_eq!(driver.state.pages.shown, Some(3), "the shown page stays");
}
