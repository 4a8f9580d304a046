//! When each command can run, and what it does.

use super::Command;
use crate::export::ExportFormat;
use crate::state::{Action, AppState};
use crate::ui::inspect::InspectCommand;
use crate::ui::{CentralView, Drafts};

/// What decides whether a command can run now: the state, and the two facts of the UI's own
/// that some commands need.
#[derive(Clone, Copy, Debug)]
pub struct Situation<'a> {
    pub state: &'a AppState,
    /// A date is typed in "Reset to".
    pub reset_date_typed: bool,
    /// The inspector has a comment selected.
    pub comment_selected: bool,
}

impl<'a> Situation<'a> {
    pub fn new(state: &'a AppState, drafts: &Drafts, comment_selected: bool) -> Self {
        Self {
            state,
            reset_date_typed: !drafts.reset_to.trim().is_empty(),
            comment_selected,
        }
    }
}

/// What a command asks of the parts it does not reach itself: the state, the inspector, or
/// which view fills the window's centre.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Act(Action),
    Inspect(InspectCommand),
    Show(CentralView),
}

impl Command {
    /// Whether the command can run now. Menus grey out, the palette leaves out, and shortcuts
    /// leave to egui (Esc closes a dialog when no fetch runs) the commands that cannot.
    pub fn available(self, now: &Situation) -> bool {
        use Command::*;
        let state = now.state;
        let pages = &state.pages;
        let page = pages.current();
        let has_comments = page.is_some_and(|shown| !shown.page.results.is_empty());
        let connected = state.connection.connected().is_some();
        match self {
            Fetch => state.catalog.chosen().is_some() && pages.running.is_none(),
            Cancel => pages.running.is_some(),
            // From the page asked for last, even while it is being parsed again.
            OlderPage => pages.wanted().is_some_and(|wanted| wanted > 0),
            NewerPage => pages
                .wanted()
                .is_some_and(|wanted| wanted + 1 < pages.history.len()),
            Advance => state.advance_blocked().is_none(),
            Reset => {
                connected
                    && state.catalog.chosen().is_some()
                    && pages.moving.is_none()
                    && now.reset_date_typed
            }
            NextComment | PreviousComment | NextThread | PreviousThread => has_comments,
            SearchPage | Export | ExportJsonLines | ExportCsv | CompareWithFile | ShowInspector
            | ShowOverview => page.is_some(),
            CompareWithShown => page.is_some() && pages.history.len() > 1,
            CopyUid => page.is_some() && now.comment_selected,
            Disconnect => connected,
            Open | Quit | SystemTheme | LightTheme | DarkTheme | ZoomIn | ZoomOut | ZoomReset
            | Palette => true,
        }
    }

    /// Carries the command out. What only egui or the UI's drafts are touched by (theme, zoom,
    /// quit, the palette, the connection form) happens here; the rest is returned.
    pub fn run(
        self,
        ctx: &egui::Context,
        state: &AppState,
        drafts: &mut Drafts,
    ) -> Option<Outcome> {
        use Command::*;
        use Outcome::{Act, Inspect};
        let wanted = state.pages.wanted();
        Some(match self {
            Fetch => Act(Action::Fetch),
            Cancel => Act(Action::Cancel),
            OlderPage => Act(Action::ShowPage(wanted?.checked_sub(1)?)),
            NewerPage => Act(Action::ShowPage(wanted? + 1)),
            Advance => Act(Action::AskAdvance),
            Reset => Act(Action::AskReset(drafts.reset_to.clone())),
            NextComment | PreviousComment | NextThread | PreviousThread | SearchPage | CopyUid => {
                Inspect(self.inspect()?)
            }
            ShowInspector => Outcome::Show(CentralView::Inspector),
            ShowOverview => Outcome::Show(CentralView::Overview),
            Open => Act(Action::Open),
            CompareWithFile => Act(Action::CompareWithFile),
            CompareWithShown => {
                drafts.history_open = !drafts.history_open;
                return None;
            }
            Export => Act(Action::Export(ExportFormat::Json)),
            ExportJsonLines => Act(Action::Export(ExportFormat::Jsonl)),
            ExportCsv => Act(Action::Export(ExportFormat::Csv)),
            Quit => {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                return None;
            }
            Disconnect => {
                drafts.form = None;
                Act(Action::Disconnect)
            }
            SystemTheme | LightTheme | DarkTheme => {
                ctx.set_theme(self.theme()?);
                return None;
            }
            ZoomIn => {
                egui::gui_zoom::zoom_in(ctx);
                return None;
            }
            ZoomOut => {
                egui::gui_zoom::zoom_out(ctx);
                return None;
            }
            ZoomReset => {
                ctx.set_zoom_factor(1.0);
                return None;
            }
            Palette => {
                let opening = drafts.palette.is_none();
                drafts.palette = opening.then(Default::default);
                // The palette offers every stream of the connection: the worker lists them
                // in the background while the user types.
                if !opening {
                    return None;
                }
                Act(Action::ListAllStreams)
            }
        })
    }

    /// The inspector's view command this is, if it is one.
    pub fn inspect(self) -> Option<InspectCommand> {
        Some(match self {
            Command::NextComment => InspectCommand::NextComment,
            Command::PreviousComment => InspectCommand::PreviousComment,
            Command::NextThread => InspectCommand::NextThread,
            Command::PreviousThread => InspectCommand::PreviousThread,
            Command::SearchPage => InspectCommand::FocusFilter,
            Command::CopyUid => InspectCommand::CopyUid,
            _ => return None,
        })
    }
}
