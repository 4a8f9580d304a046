//! The inspector widget on every example page, driven through egui_kittest: what is shown,
//! what is not, and what the commands, filter and toggles change.

mod detail;
mod list;
mod snapshots;

use bytes::Bytes;
use egui::OutputCommand;
use egui_kittest::kittest::Queryable as _;
use egui_kittest::{Harness, HarnessBuilder};
use serde::Deserialize;
use serde_json::{Value, json};

use streamlens::api::{Page, Route, Stream, StreamModel};
use streamlens::inspect::overview::{LabelColours, PageColumns};
use streamlens::inspect::{PageGeneration, PageIndex};
use streamlens::ui::commands::{self, Command, Shortcuts};
use streamlens::ui::inspect::{InspectCommand, Inspector};

pub(crate) struct View {
    pub(crate) inspector: Inspector,
    pub(crate) page: Page,
    pub(crate) index: PageIndex,
    /// The run's label colours, learned as the app learns them when a page arrives.
    pub(crate) colours: LabelColours,
    /// Which page it is: a new number says a new page, as the history does.
    pub(crate) generation: PageGeneration,
    /// Commands applied at the start of the next frame, as the app does.
    pub(crate) commands: Vec<InspectCommand>,
    /// Whether the frame reads the inspector's shortcuts from the keyboard.
    pub(crate) keys: bool,
    pub(crate) shortcuts: Shortcuts,
    /// Every text put on the clipboard.
    pub(crate) copied: Vec<String>,
}

pub(crate) fn page(route: Route, text: &str) -> Page {
    Page::parse(route, Bytes::from(text.to_owned())).expect("the page parses")
}

pub(crate) fn fetch_new_claims() -> Page {
    page(
        Route::Fetch,
        include_str!("../../assets/api-examples/fetch-new-claims.json"),
    )
}

pub(crate) fn docs_example() -> Page {
    page(
        Route::Fetch,
        include_str!("../../assets/api-examples/fetch-docs-example.json"),
    )
}

pub(crate) fn results_new_claims() -> Page {
    page(
        Route::Results,
        include_str!("../../assets/api-examples/results-new-claims.json"),
    )
}

/// The `new-claims` stream's model: Claim > New at 0.63, Claim > Status Query off.
pub(crate) fn new_claims_model() -> StreamModel {
    #[derive(Deserialize)]
    struct Listing {
        streams: Vec<Stream>,
    }
    let listing: Listing = serde_json::from_str(include_str!(
        "../../assets/api-examples/streams-claims.json"
    ))
    .unwrap();
    listing
        .streams
        .into_iter()
        .next()
        .and_then(|s| s.model)
        .unwrap()
}

pub(crate) fn harness(page: Page, model: Option<&StreamModel>) -> Harness<'static, View> {
    harness_from(Harness::builder().with_size([1400.0, 1600.0]), page, model)
}

/// The inspector on `page`, in a harness made by `builder` (its size, theme, renderer).
pub(crate) fn harness_from(
    builder: HarnessBuilder<View>,
    page: Page,
    model: Option<&StreamModel>,
) -> Harness<'static, View> {
    let index = PageIndex::build(&page, model);
    let mut colours = LabelColours::default();
    colours.learn(
        model
            .iter()
            .flat_map(|m| &m.label_thresholds)
            .map(|t| &t.name),
    );
    colours.learn(PageColumns::build(&index).labels());
    let view = View {
        inspector: Inspector::default(),
        page,
        index,
        colours,
        generation: PageGeneration(1),
        commands: Vec::new(),
        keys: false,
        shortcuts: Shortcuts::default(),
        copied: Vec::new(),
    };
    builder.build_ui_state(
        |ui, view: &mut View| {
            if view.keys {
                // The registry's shortcuts of the inspector's commands, read as the app does.
                let pressed = view
                    .shortcuts
                    .pressed(ui.ctx(), |command| command.inspect().is_some());
                view.commands
                    .extend(pressed.into_iter().filter_map(Command::inspect));
            }
            for command in std::mem::take(&mut view.commands) {
                view.inspector
                    .apply(command, view.generation, &view.page, &view.index, ui.ctx());
            }
            let hints = commands::inspector_hints(ui.ctx());
            let (page, index) = (&view.page, &view.index);
            (view.inspector).show(ui, view.generation, page, index, &view.colours, &hints);
            view.shortcuts.end_frame(ui.ctx());
            ui.ctx().output(|output| {
                for command in &output.commands {
                    if let OutputCommand::CopyText(text) = command {
                        view.copied.push(text.clone());
                    }
                }
            });
        },
        view,
    )
}

pub(crate) fn command(harness: &mut Harness<'_, View>, command: InspectCommand) {
    harness.state_mut().commands.push(command);
    harness.run();
}

pub(crate) fn shown(harness: &Harness<'_, View>, label: &str) -> bool {
    harness.query_all_by_label(label).next().is_some()
}

/// `count` copies of the first result of fetch-new-claims, each its own comment, four to a
/// thread.
pub(crate) fn repeated(count: usize) -> Page {
    let example: Value = serde_json::from_str(include_str!(
        "../../assets/api-examples/fetch-new-claims.json"
    ))
    .unwrap();
    let results: Vec<Value> = (0..count)
        .map(|i| {
            let mut result = example["results"][0].clone();
            result["comment"]["id"] = json!(format!("msg-{i}"));
            result["comment"]["uid"] = json!(format!("s.msg-{i}"));
            result["comment"]["thread_id"] = json!(format!("thr-{}", i / 4));
            result
        })
        .collect();
    page(
        Route::Fetch,
        &json!({"status": "ok", "results": results}).to_string(),
    )
}
