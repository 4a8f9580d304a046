//! End to end without a window: the state's actions go to the real worker, which reads the
//! stand-in server; its events come back into the state. Choosing a stream loads its model
//! version's validation beside the page, and a refusal leaves the page untouched.

mod support;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use streamlens::api::{ClientConfig, LabelPath, Token};
use streamlens::demo_server::{Fault, FaultRule};
use streamlens::state::{Action, AppState, Known};
use streamlens::worker::{Dialogs, KeyringChoice, ValidationKey, Worker};
use support::{DEADLINE, Fixture};

const TOKEN: &str = "tok-worker-validation";

/// The state and a running worker, connected for the session to a stand-in server.
struct Session {
    state: AppState,
    worker: Worker,
    woken: mpsc::Receiver<()>,
    fixture: Fixture,
}

impl Session {
    fn start() -> Session {
        let fixture = Fixture::new(TOKEN);
        let (wake, woken) = mpsc::channel();
        let client = ClientConfig {
            total_timeout: Duration::from_secs(5),
            max_retries: 1,
            min_backoff: Duration::from_millis(5),
            ..ClientConfig::default()
        };
        let worker = Worker::start(
            KeyringChoice::Off,
            client,
            Dialogs::default(),
            std::sync::Arc::new(move || {
                let _ = wake.send(());
            }),
        )
        .unwrap();
        let mut session = Session {
            state: AppState::default(),
            worker,
            woken,
            fixture,
        };
        let endpoint = session.fixture.server.base_url();
        session.act(Action::ConnectSession {
            endpoint,
            token: Token::new(TOKEN),
        });
        session.wait_until("the connection", |s| s.connection.connected().is_some());
        session
    }

    fn act(&mut self, action: Action) {
        for command in self.state.handle(action) {
            self.worker.send(command);
        }
    }

    /// Applies events as they come until `done` holds; fails after [`DEADLINE`].
    fn wait_until(&mut self, what: &str, done: impl Fn(&AppState) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        while !done(&self.state) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                self.woken.recv_timeout(left).is_ok(),
                "timed out waiting for {what}; banner: {:?}",
                self.state.banner
            );
            for event in self.worker.drain() {
                for command in self.state.apply(event) {
                    self.worker.send(command);
                }
            }
        }
    }

    /// Picks `northwind-bank/service-mail/triage` and fetches its first page.
    fn choose_triage_and_fetch(&mut self) {
        self.act(Action::RefreshProjects);
        self.wait_until("projects", |s| !s.catalog.projects.items().is_empty());
        self.act(Action::ChooseProject("northwind-bank".into()));
        self.wait_until("datasets", |s| !s.catalog.datasets.items().is_empty());
        self.act(Action::ChooseDataset("service-mail".into()));
        self.wait_until("streams", |s| !s.catalog.streams.items().is_empty());
        self.act(Action::ChooseStream("triage".into()));
        self.act(Action::Fetch);
        self.wait_until("the page", |s| s.pages.current().is_some());
    }
}

fn triage_key() -> ValidationKey {
    ValidationKey {
        project: "northwind-bank".into(),
        dataset: "service-mail".into(),
        version: 7,
    }
}

fn settled<T>(known: &Known<T>) -> bool {
    !matches!(known, Known::Loading(_))
}

#[test]
fn choosing_a_stream_loads_its_versions_validation_beside_the_page() {
    let mut session = Session::start();
    session.choose_triage_and_fetch();
    let (key, labels) = session.state.stream_validation_key().unwrap();
    assert_eq!(key, triage_key());
    assert!(labels.len() > 5, "{labels:?}");
    session.wait_until("the validation", |s| {
        s.validations
            .get(&triage_key())
            .is_some_and(|v| settled(&v.summary) && v.curves.values().all(settled))
    });
    let known = session.state.validations.get(&triage_key()).unwrap();
    let Known::Available(summary) = &known.summary else {
        panic!("{:?}", known.summary);
    };
    assert_eq!(summary.summary.version, Some(7));
    assert_eq!(known.curves.len(), labels.len());
    for label in &labels {
        let Known::Available(curve) = &known.curves[label] else {
            panic!("{label}: {:?}", known.curves[label]);
        };
        assert!(curve.check().is_ok(), "{label}");
    }

    // The version comparison to come: another version's curve of any label.
    let fees = LabelPath::parse("Complaint > Fees");
    let newer = known.curves[&fees].clone();
    let six = ValidationKey {
        version: 6,
        ..triage_key()
    };
    session.act(Action::LoadValidation {
        key: six.clone(),
        labels: vec![fees.clone()],
    });
    session.wait_until("version 6", |s| {
        s.validations
            .get(&six)
            .is_some_and(|v| settled(&v.curves[&fees]))
    });
    let older = &session.state.validations.get(&six).unwrap().curves[&fees];
    assert!(
        matches!(older, Known::Available(c) if Known::Available(c.clone()) != newer),
        "version 6's curve differs from version 7's"
    );
}

#[test]
fn a_refused_validation_is_a_sentence_and_the_page_comes_all_the_same() {
    let mut session = Session::start();
    let refused = Fault::Status {
        status: 403,
        message: "You do not have the required permissions (datasets-review) on project \
                  northwind-bank"
            .into(),
        retry_after: None,
    };
    session
        .fixture
        .server
        .inject(FaultRule::new(refused).on("GET", "/api/_private/datasets/"));
    session.choose_triage_and_fetch();
    session.wait_until("the validation's answer", |s| {
        s.validations
            .get(&triage_key())
            .is_some_and(|v| settled(&v.summary))
    });
    let known = session.state.validations.get(&triage_key()).unwrap();
    let Known::NotAvailable(sentence) = &known.summary else {
        panic!("{:?}", known.summary);
    };
    assert!(
        sentence.contains("not available to your user (HTTP 403)")
            && sentence.contains("datasets-review"),
        "{sentence}"
    );
    assert!(session.state.banner.is_none(), "{:?}", session.state.banner);
    let page = &session.state.pages.current().unwrap().page;
    assert!(!page.results.is_empty());
}
