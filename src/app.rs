//! The eframe application: owns the state, the input drafts and the worker. Events are drained
//! in `logic`, panels draw in `ui`, and every action becomes worker commands here.

use std::path::PathBuf;
use std::sync::Arc;

use crate::api::{ClientConfig, Token};
use crate::state::{Action, AppState, Settings};
use crate::ui::inspect::{self, Inspector};
use crate::ui::{self, Drafts, SHORTCUTS};
use crate::worker::{Dialogs, KeyringChoice, Worker};

/// The keys of what is remembered in eframe's storage (`app.ron`): nothing secret.
const SETTINGS_KEY: &str = "streamlens-settings";
const INSPECTOR_KEY: &str = "streamlens-inspector";

/// How the app starts.
#[derive(Clone, Debug)]
pub struct AppOptions {
    /// Connect to the in-process demo server at once.
    pub demo: bool,
    /// Connect to the demo when no connection is saved and `REINFER_TOKEN` is not set.
    pub demo_when_unconfigured: bool,
    /// Connect for this session to this endpoint with this token (tests, `REINFER_TOKEN`).
    pub session: Option<(String, Token)>,
    pub keyring: KeyringChoice,
    pub client: ClientConfig,
    pub dialogs: Dialogs,
    /// Open this page file at start (`streamlens open FILE`).
    pub open: Option<PathBuf>,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            demo: false,
            demo_when_unconfigured: false,
            session: None,
            keyring: KeyringChoice::Platform,
            client: ClientConfig::default(),
            dialogs: Dialogs::Native,
            open: None,
        }
    }
}

pub struct App {
    state: AppState,
    drafts: Drafts,
    /// The inspector's view state (selection, filter, toggles): the UI's own, not the app's.
    inspector: Inspector,
    worker: Worker,
}

impl App {
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> std::io::Result<Self> {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        ui::fonts::add_system_fallbacks(&cc.egui_ctx);
        let ctx = cc.egui_ctx.clone();
        let worker = Worker::start(
            options.keyring,
            options.client,
            options.dialogs,
            Arc::new(move || ctx.request_repaint()),
        )?;
        let mut app = Self {
            state: AppState::new(settings),
            drafts: Drafts::default(),
            inspector: cc
                .storage
                .and_then(|s| eframe::get_value(s, INSPECTOR_KEY))
                .unwrap_or_default(),
            worker,
        };
        let start = app.state.start();
        app.send_all(start);
        if let Some(path) = options.open {
            // A file asked for on the command line: offline, no demo.
            app.act(Action::OpenPath(path));
        } else if let Some((endpoint, token)) = options.session {
            app.act(Action::ConnectSession { endpoint, token });
        } else if options.demo
            || (options.demo_when_unconfigured
                && app.state.settings.connections.is_empty()
                && crate::credentials::session_token_from_env().is_none())
        {
            app.act(Action::OpenDemo);
        }
        Ok(app)
    }

    /// The state, for tests and the smoke check.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn act(&mut self, action: Action) {
        let commands = self.state.handle(action);
        self.send_all(commands);
    }

    fn send_all(&self, commands: Vec<crate::worker::Command>) {
        for command in commands {
            self.worker.send(command);
        }
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        for event in self.worker.drain() {
            let commands = self.state.apply(event);
            self.send_all(commands);
        }
        let pressed: Vec<Action> = SHORTCUTS
            .iter()
            .filter(|(shortcut, _)| ctx.input_mut(|i| i.consume_shortcut(shortcut)))
            .map(|(_, action)| action.action())
            .collect();
        for action in pressed {
            self.act(action);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        for path in dropped {
            self.act(Action::OpenPath(path));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // Shortcuts and menu entries of the inspector act in this frame: a copy needs one.
        let mut commands = inspect::take_commands(ui.ctx());
        let mut actions = Vec::new();
        let inspector = &mut self.inspector;
        ui::show(
            ui,
            &self.state,
            &mut self.drafts,
            &mut actions,
            &mut commands,
            |ui, state, commands| {
                if let Some(shown) = state.pages.current() {
                    for command in commands.drain(..) {
                        inspector.apply(command, &shown.page, &shown.index, ui.ctx());
                    }
                    ui.label(match shown.page.results.len() {
                        1 => "1 comment on this page".to_owned(),
                        n => format!("{n} comments on this page"),
                    });
                    inspector.show(ui, &shown.page, &shown.index);
                }
            },
        );
        for action in actions {
            self.act(action);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
        eframe::set_value(storage, INSPECTOR_KEY, &self.inspector);
    }
}
