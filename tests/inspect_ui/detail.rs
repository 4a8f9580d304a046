//! The detail of the selected comment: fields shown where present and absent where absent.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use serde_json::json;

use egui::ModifierNames;

use streamlens::api::Route;
use streamlens::ui::commands::Command;
use streamlens::ui::inspect::InspectCommand;

use crate::{
    View, command, docs_example, fetch_new_claims, harness, new_claims_model, page,
    results_new_claims, shown,
};

#[test]
fn fetch_new_claims_shows_what_the_first_comment_has() {
    let model = new_claims_model();
    let mut harness = harness(fetch_new_claims(), Some(&model));
    harness.run();
    // The first comment is shown at once: no prompt to select one.
    assert_eq!(harness.state().inspector.selected(), Some(0));
    assert!(!shown(
        &harness,
        "Select a comment on the left (J and K step through them)."
    ));
    for present in [
        "From",
        "jan.novák@example.cz",
        "To",
        "claims@acme.example",
        "Language",
        "cs",
        "Original subject",
        "Nová škodní událost 👋 pojistka XE-182943",
        "Body (translated)",
        "Hello,\nmy car was damaged.",
        "Original body",
        "Signature",
        "photo.jpg · image/jpeg · 200 KB",
        "Claim 97%, the stream has no threshold for this label",
        "Claim > New 88%, above the stream's threshold 63%",
        "sentiment: negative (-0.42)",
        "Tone \u{2212}3.5 on a scale of \u{2212}10 to 10",
        "\u{2212}3.5",
        "policy_number",
        "XE-182943",
        "in message 1 subject: “XE-182943”",
        "Mailbox",
        "Folder: Path",
        "Inbox/Urgent",
        "number",
    ] {
        assert!(shown(&harness, present), "{present:?} is shown");
    }
    for absent in ["Cc", "Bcc", "This stream has no model: no predictions"] {
        assert!(!shown(&harness, absent), "{absent:?} is not shown");
    }
    let sent = harness.get_by_label("Sent");
    assert!(sent.rect().width() > 0.0);
}

#[test]
fn a_comment_without_a_model_or_properties_says_so_and_shows_nothing_else() {
    let mut harness = harness(fetch_new_claims(), None);
    harness.run();
    command(&mut harness, InspectCommand::NextComment);
    assert_eq!(harness.state().inspector.selected(), Some(1));
    assert!(shown(&harness, "This stream has no model: no predictions"));
    assert!(shown(&harness, "(empty)"));
    for absent in [
        "From",
        "Subject",
        "Attachments",
        "Scores",
        "General fields",
        "User properties",
        "Leaf labels only",
    ] {
        assert!(!shown(&harness, absent), "{absent:?} is not shown");
    }
    // The end of the list stays selected.
    command(&mut harness, InspectCommand::NextComment);
    assert_eq!(harness.state().inspector.selected(), Some(1));
    command(&mut harness, InspectCommand::PreviousComment);
    assert_eq!(harness.state().inspector.selected(), Some(0));
}

#[test]
fn results_route_shows_occurrence_extraction_and_fields() {
    let model = new_claims_model();
    let mut harness = harness(results_new_claims(), Some(&model));
    harness.run();
    for present in [
        "Claim, not predicted; shown because a label under it was",
        "Claim > New 88%, above the stream's threshold 63%",
        "clears: stream, balanced, high_recall",
        "Extraction confidence 71%",
        "Policy Number",
        "Excess Amount",
        "not found",
        "General fields",
        "date",
        "2025-11-03",
        "Tone \u{2212}3.5 on a scale of \u{2212}10 to 10",
        "\u{2212}3.5",
    ] {
        assert!(shown(&harness, present), "{present:?} is shown");
    }
    for absent in [
        "User properties",
        "Attachments",
        "From",
        "sentiment: negative (-0.42)",
    ] {
        assert!(!shown(&harness, absent), "{absent:?} is not shown");
    }
}

#[test]
fn a_results_stream_without_a_model_says_so() {
    let body = json!({"status": "ok", "more_results": false, "results": [
        {"comment": {"id": "1", "uid": "s.1", "messages": [{"body": {"text": "hi"}}]},
         "prediction": null}]});
    let mut harness = harness(page(Route::Results, &body.to_string()), None);
    harness.run();
    assert!(shown(&harness, "This stream has no model: no predictions"));
    assert!(!shown(&harness, "No label was predicted for this comment."));
    assert!(!shown(&harness, "Scores"));
}

#[test]
fn docs_example_empty_labels_are_not_no_model_and_leaf_only_flattens() {
    let mut harness = harness(docs_example(), None);
    harness.run();
    assert!(shown(&harness, "No label was predicted for this comment."));
    assert!(!shown(&harness, "This stream has no model: no predictions"));
    command(&mut harness, InspectCommand::NextComment);
    assert_eq!(harness.state().inspector.selected(), Some(1));
    let placeholder = "Another Top-Level Label, not predicted; shown because a label under it was";
    let child =
        "Another Top-Level Label > Child Label 62%, the stream has no threshold for this label";
    assert!(shown(&harness, placeholder));
    let top = harness
        .get_by_label("Some Top-Level Label 84%, the stream has no threshold for this label");
    let indented = harness.get_by_label(child).rect().left() > top.rect().left();
    assert!(indented, "a child is indented under its parent");

    harness.get_by_label("Leaf labels only").click();
    harness.run();
    assert!(harness.state().inspector.leaf_only);
    assert!(!shown(&harness, placeholder));
    let top = harness
        .get_by_label("Some Top-Level Label 84%, the stream has no threshold for this label");
    assert_eq!(harness.get_by_label(child).rect().left(), top.rect().left());
}

#[test]
fn properties_sort_by_name_and_by_value() {
    let mut harness = harness(docs_example(), None);
    harness.run();
    let top = |harness: &Harness<'_, View>, name: &str| harness.get_by_label(name).rect().top();
    // As sent: Participants, Position in Thread, Recipients, Folder, …
    assert!(top(&harness, "Participants") < top(&harness, "Position in Thread"));
    assert!(top(&harness, "Recipients") < top(&harness, "Folder"));
    harness.get_by_label("by name").click();
    harness.run();
    assert!(top(&harness, "Folder") < top(&harness, "Participants"));
    assert!(top(&harness, "Has Signature") < top(&harness, "Message ID"));
    harness.get_by_label("by value").click();
    harness.run();
    // Numbers first, smallest first: Position in Thread (1) before Participants (2).
    assert!(top(&harness, "Position in Thread") < top(&harness, "Participants"));
    assert!(top(&harness, "Participants") < top(&harness, "Folder"));

    harness.get_by_label("Copy Folder").click();
    harness.run();
    assert_eq!(harness.state().copied, ["Sent (/ Sent)"]);
}

#[test]
fn a_long_body_shows_its_start_until_show_all() {
    let long = "0123456789 ".repeat(1000);
    let body = json!({"status": "ok", "results": [{"comment": {"id": "1", "uid": "s.1",
        "messages": [{"body": {"text": long}}]}, "labels": []}]});
    let mut harness = harness(page(Route::Fetch, &body.to_string()), None);
    harness.run();
    assert!(!shown(&harness, &long));
    let start = harness
        .get_by_label_contains("0123456789 0123456789")
        .value()
        .unwrap();
    assert!(start.len() < long.len() && start.ends_with('…'));
    harness.get_by_label("Show all").click();
    harness.run();
    assert!(shown(&harness, &long));
    assert!(!shown(&harness, "Show all"));
}

#[test]
fn spans_that_do_not_fit_are_listed_with_the_reason() {
    let body = json!({"status": "ok", "results": [{"comment": {"id": "1", "uid": "s.1",
        "messages": [{"body": {"text": "short"}}]}, "labels": [],
        "entities": [{"name": "ref", "formatted_value": "AB-1",
                      "spans": [{"content_part": "body", "message_index": 0,
                                 "char_start": 40, "char_end": 44}]}]}]});
    let mut harness = harness(page(Route::Fetch, &body.to_string()), None);
    harness.run();
    assert!(shown(&harness, "ref"));
    assert!(shown(&harness, "AB-1"));
    assert!(
        harness
            .query_by_label_contains(
                "not highlighted: the span reaches 40 characters but the text has 5"
            )
            .is_some()
    );
}

#[test]
fn raw_json_shows_the_comment_as_sent() {
    let mut harness = harness(fetch_new_claims(), None);
    harness.run();
    harness.get_by_label("Raw JSON").click();
    harness.run();
    let raw = harness
        .get_by_label_contains("\"uid\": \"18ba5ce699f8da1f.msg-0001\"")
        .value()
        .unwrap();
    assert!(raw.contains("\"utf16_byte_end\": 58"));
    assert!(!shown(&harness, "From"));
}

#[test]
fn the_details_prompt_and_copy_uid_tooltip_come_from_the_command_registry() {
    // A page without comments leaves the detail empty: the prompt names the registry's keys.
    let empty = json!({"status": "ok", "results": []});
    let mut harness = harness(page(Route::Fetch, &empty.to_string()), None);
    harness.run();
    let keys = [Command::NextComment, Command::PreviousComment]
        .map(|command| command.shortcuts()[0].format(&ModifierNames::NAMES, false));
    assert_eq!(keys, ["J", "K"]);
    assert!(shown(
        &harness,
        "Select a comment on the left (J and K step through them)."
    ));

    // Copy uid's tooltip is the registry's, with its shortcut.
    let mut harness = harness_on_first_comment();
    harness.get_by_label("Copy uid").hover();
    harness.run();
    let tooltip = Command::CopyUid.entry().tooltip;
    harness.get_by_label(&format!("{tooltip} (Ctrl+Shift+C)"));
}

fn harness_on_first_comment() -> Harness<'static, View> {
    let model = new_claims_model();
    let mut harness = harness(fetch_new_claims(), Some(&model));
    harness.run();
    assert_eq!(harness.state().inspector.selected(), Some(0));
    harness
}
