//! The command palette (Ctrl+K, Ctrl+Shift+P): one text field that finds, by a few of their
//! letters, every available command, every stream of the connection and every comment of the
//! page. ↑ and ↓ move the highlight, Enter runs it, Esc closes; each row shows its shortcut.

use egui::text::LayoutJob;
use egui::{Align2, Key, Modifiers, TextEdit, TextFormat};

use super::commands::{Command, Situation};
use super::inspect::InspectCommand;
use super::{Drafts, Requests};
use crate::api::StreamRef;
use crate::fuzzy;
use crate::state::Action;

/// Rows shown at most: enough to scroll through, few enough to lay out every frame.
const MOST_ROWS: usize = 60;

/// What was typed and which row is highlighted.
#[derive(Debug, Default)]
pub struct Palette {
    query: String,
    highlighted: usize,
}

/// What a row does when chosen.
#[derive(Clone, Debug)]
enum Target {
    Command(Command),
    /// Choose this stream, as the picker would.
    Stream(StreamRef),
    /// Select this comment (an index into the page's results) in the inspector.
    Comment(usize),
}

struct Row {
    text: String,
    keys: Option<String>,
    target: Target,
    found: fuzzy::Match,
}

pub fn show(ctx: &egui::Context, now: &Situation, drafts: &mut Drafts, requests: &mut Requests) {
    let Some(palette) = &mut drafts.palette else {
        return;
    };
    // Taken before the text field sees them: they move and run, not edit.
    let (enter, up, down) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::Enter),
            i.count_and_consume_key(Modifiers::NONE, Key::ArrowUp),
            i.count_and_consume_key(Modifiers::NONE, Key::ArrowDown),
        )
    });
    let id = egui::Id::unique("streamlens-command-palette");
    let area = egui::Modal::default_area(id).anchor(Align2::CENTER_TOP, [0.0, 60.0]);
    let modal = egui::Modal::new(id).area(area).show(ctx, |ui| {
        ui.set_width(620.0);
        let label = ui.label("Go to a command, a stream or a comment");
        let field = ui
            .add(
                TextEdit::singleline(&mut palette.query)
                    .hint_text("type a few letters")
                    .desired_width(f32::INFINITY)
                    .lock_focus(true),
            )
            .labelled_by(label.id);
        field.request_focus();
        if field.changed() {
            palette.highlighted = 0;
        }
        directory_status(ui, now);
        let rows = rows(ctx, now, &palette.query);
        if rows.is_empty() {
            ui.weak("Nothing matches.");
            return None;
        }
        palette.highlighted = (palette.highlighted + down)
            .saturating_sub(up)
            .min(rows.len() - 1);
        let mut chosen = enter.then_some(palette.highlighted);
        egui::ScrollArea::vertical()
            .max_height(420.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (at, row) in rows.iter().enumerate() {
                    let highlighted = at == palette.highlighted;
                    let response = draw_row(ui, row, highlighted);
                    if highlighted && up + down > 0 {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        chosen = Some(at);
                    }
                }
            });
        chosen.and_then(|at| rows.into_iter().nth(at))
    });
    if let Some(row) = modal.inner {
        drafts.palette = None;
        match row.target {
            Target::Command(command) => requests.commands.push(command),
            Target::Stream(stream) => requests.actions.push(Action::GoToStream(stream)),
            Target::Comment(result) => requests.inspect.push(InspectCommand::Select(result)),
        }
    } else if modal.should_close() {
        drafts.palette = None;
    }
}

/// Says when the streams are still arriving, or could not all be listed.
fn directory_status(ui: &mut egui::Ui, now: &Situation) {
    let directory = &now.state.catalog.directory;
    if directory.loading.is_some() {
        ui.weak("Listing the streams of this connection…");
    }
    if let Some(problem) = &directory.problem {
        ui.colored_label(ui.visuals().warn_fg_color, problem);
    }
}

/// Every candidate the query matches, best first; candidates that score the same keep their
/// order (commands, then streams, then comments).
fn rows(ctx: &egui::Context, now: &Situation, query: &str) -> Vec<Row> {
    let commands = Command::ALL
        .iter()
        .filter(|&&command| command != Command::Palette && command.available(now))
        .map(|&command| {
            let keys = command.shortcut_text(ctx);
            (command.text().to_owned(), keys, Target::Command(command))
        });
    let state = now.state;
    let streams = state.catalog.directory.streams.iter().map(|found| {
        let text = match &found.title {
            Some(title) => format!("Go to stream {} · {title}", found.stream),
            None => format!("Go to stream {}", found.stream),
        };
        (text, None, Target::Stream(found.stream.clone()))
    });
    let results = state.pages.current().map(|shown| &shown.page.results);
    let comments = results
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(at, result)| {
            let comment = &result.comment;
            let subject = comment.subject().unwrap_or("(no subject)");
            let text = format!("Go to comment {subject} · {}", comment.uid);
            (text, None, Target::Comment(at))
        });
    let mut rows: Vec<Row> = commands
        .chain(streams)
        .chain(comments)
        .filter_map(|(text, keys, target)| {
            let found = fuzzy::score(query, &text)?;
            Some(Row {
                text,
                keys,
                target,
                found,
            })
        })
        .collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.found.score));
    rows.truncate(MOST_ROWS);
    rows
}

fn draw_row(ui: &mut egui::Ui, row: &Row, highlighted: bool) -> egui::Response {
    let mut button = egui::Button::new(marked(ui, row))
        .selected(highlighted)
        .min_size([ui.available_width(), 0.0].into());
    if let Some(keys) = &row.keys {
        button = button.right_text(egui::RichText::new(keys).weak());
    }
    ui.add(button)
}

/// The row's text with the letters the query matched drawn strong.
fn marked(ui: &egui::Ui, row: &Row) -> LayoutJob {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let plain = TextFormat::simple(font.clone(), ui.visuals().text_color());
    let strong = TextFormat {
        underline: egui::Stroke::new(1.0, ui.visuals().strong_text_color()),
        ..TextFormat::simple(font, ui.visuals().strong_text_color())
    };
    let mut job = LayoutJob::default();
    let mut run = String::new();
    let mut run_matched = false;
    let mut matched = row.found.positions.iter().peekable();
    for (at, c) in row.text.chars().enumerate() {
        let is_match = matched.next_if_eq(&&at).is_some();
        if is_match != run_matched && !run.is_empty() {
            let format = if run_matched { &strong } else { &plain };
            job.append(&std::mem::take(&mut run), 0.0, format.clone());
        }
        run_matched = is_match;
        run.push(c);
    }
    let format = if run_matched { strong } else { plain };
    job.append(&run, 0.0, format);
    job
}
