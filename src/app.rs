//! The eframe application: owns the state, the input drafts and the worker. Events are drained
//! in `logic`, panels draw in `ui`, and every action becomes worker commands here.

use std::path::PathBuf;
use std::sync::Arc;

use crate::api::{ClientConfig, Token};
use crate::state::{Action, AppState, Settings};
use crate::ui::central::{self, Views};
use crate::ui::commands::{Command, Outcome, Shortcuts, Situation};
use crate::ui::inspect::{InspectCommand, Inspector};
use crate::ui::{self, CentralView, Drafts, Requests};
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
    /// Open these page files at start (`streamlens FILE…`), one after the other.
    pub open: Vec<PathBuf>,
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
            open: Vec::new(),
        }
    }
}

/// `Debug` shows everything the app holds, for tests that check what it could print.
#[derive(Debug)]
pub struct App {
    state: AppState,
    drafts: Drafts,
    /// The inspector's view state (selection, filter, toggles): the UI's own, not the app's.
    inspector: Inspector,
    /// Which view the central area shows, and the compare view's and the overview's own
    /// state.
    views: Views,
    shortcuts: Shortcuts,
    worker: Worker,
    /// The window title last sent, so it is sent again only when it changes.
    title: String,
}

impl App {
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> std::io::Result<Self> {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        ui::fonts::add_system_fallbacks(&cc.egui_ctx);
        // Zoom is a command of the registry like any other, so egui must not take its keys.
        cc.egui_ctx
            .options_mut(|options| options.zoom_with_keyboard = false);
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
            views: Views::default(),
            shortcuts: Shortcuts::default(),
            worker,
            title: String::new(),
        };
        let start = app.state.start();
        app.send_all(start);
        if !options.open.is_empty() {
            // Files asked for on the command line: offline, no demo.
            app.act(Action::OpenPaths(options.open));
        } else if let Some((endpoint, token)) = options.session {
            app.act(Action::ConnectSession { endpoint, token });
        } else if options.demo
            || (options.demo_when_unconfigured
                && app.state.settings.connections.is_empty()
                && crate::credentials::session_token_from_env::<Token>().is_none())
        {
            app.act(Action::OpenDemo);
        }
        Ok(app)
    }

    /// The state, for tests and the smoke check.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The inspector's view state (which comment is selected), for tests.
    pub fn inspector(&self) -> &Inspector {
        &self.inspector
    }

    /// The view in the centre, for tests.
    pub fn central_view(&self) -> CentralView {
        self.views.central
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

    fn situation(&self) -> Situation<'_> {
        let selected = self.inspector.selected().is_some();
        Situation::new(&self.state, &self.drafts, selected)
    }

    /// Runs each command that is still available when its turn comes (an earlier one may
    /// have changed that). Call inside a frame, so that a copy reaches the clipboard.
    fn run(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        for command in commands {
            if !command.available(&self.situation()) {
                continue;
            }
            match command.run(ctx, &self.state, &mut self.drafts) {
                Some(Outcome::Act(action)) => self.act(action),
                Some(Outcome::Inspect(command)) => self.inspect(ctx, command),
                Some(Outcome::Show(view)) => self.views.central = view,
                None => {}
            }
        }
    }

    /// Carries out an inspector command; one that shows a comment or its filter brings the
    /// inspector to the centre.
    fn inspect(&mut self, ctx: &egui::Context, command: InspectCommand) {
        if matches!(
            command,
            InspectCommand::Select(_) | InspectCommand::FocusFilter
        ) {
            self.views.central = CentralView::Inspector;
        }
        if let Some(shown) = self.state.pages.current() {
            let generation = shown.entry.generation;
            (self.inspector).apply(command, generation, shown.page, shown.index, ctx);
        }
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        for event in self.worker.drain() {
            let commands = self.state.apply(event);
            self.send_all(commands);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.act(Action::OpenPaths(dropped));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // Shortcuts act before the frame is drawn, so what they change shows at once.
        let pressed = self
            .shortcuts
            .pressed(&ctx, |command| command.available(&self.situation()));
        self.run(&ctx, pressed);

        let mut requests = Requests::default();
        let selected = self.inspector.selected().is_some();
        let now = Situation::new(&self.state, &self.drafts, selected);
        let (inspector, views) = (&mut self.inspector, &mut self.views);
        ui::show(ui, &now, &mut self.drafts, &mut requests, |ui, requests| {
            central::show(ui, &now, views, inspector, requests);
        });

        // What menus, buttons and the palette asked for shows in the next frame.
        let Requests {
            actions,
            commands,
            inspect,
        } = requests;
        if !(actions.is_empty() && commands.is_empty() && inspect.is_empty()) {
            ctx.request_repaint();
        }
        for action in actions {
            self.act(action);
        }
        self.run(&ctx, commands);
        for command in inspect {
            self.inspect(&ctx, command);
        }
        self.shortcuts.end_frame(&ctx);
        let title = ui::title::window_title(&self.state);
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
        eframe::set_value(storage, INSPECTOR_KEY, &self.inspector);
    }
}
