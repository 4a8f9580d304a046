use super::*;
use crate::api::{Dataset, LabelPath, Project, PropertyValue, Stream, User};

fn example(name: &str) -> Bytes {
    let path = format!("{}/assets/api-examples/{name}", env!("CARGO_MANIFEST_DIR"));
    Bytes::from(std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}

/// A fetch page around the given result texts.
fn fetch_page(results: &[&str]) -> Bytes {
    Bytes::from(format!(
        r#"{{"status":"ok","filtered":0,"sequence_id":"s-end","is_end_sequence":true,"results":[{}]}}"#,
        results.join(",")
    ))
}

fn result(uid: &str, body_text: &str) -> String {
    format!(
        r#"{{"sequence_id":"s-{uid}","comment":{{"id":"{uid}","uid":"src.{uid}","messages":[{{"body":{{"text":"{body_text}"}}}}]}}}}"#
    )
}

fn skipped_reason(problem: &ParseProblem) -> &str {
    match &problem.kind {
        ProblemKind::Skipped(reason) => reason,
        other => panic!("expected a skipped result, got {other:?}"),
    }
}

#[test]
fn the_fetch_example_reads_fully_and_keeps_its_bytes() {
    let raw = example("fetch-new-claims.json");
    let page = Page::parse(Route::Fetch, raw.clone()).unwrap();
    assert_eq!(page.raw, raw);
    assert!(page.problems.is_empty(), "{:?}", page.problems);
    assert_eq!(page.results.len(), 2);
    assert_eq!(page.filtered, Some(1));
    assert_eq!(page.position(), Some("qs8QcHIBAADJ1p3W2FtmBB3QiOJsCJlR"));
    assert_eq!(page.is_end_sequence, Some(false));
    assert!(!page.caught_up());

    let first = &page.results[0];
    assert_eq!(first.comment.uid, "18ba5ce699f8da1f.msg-0001");
    let message = &first.comment.messages[0];
    assert_eq!(message.from.as_deref(), Some("jan.novák@example.cz"));
    assert_eq!(
        message.subject.as_ref().unwrap().text,
        "New claim 👋 policy XE-182943"
    );
    assert!(message.body.text_markup.is_some());
    let labels = first.labels.as_ref().unwrap();
    assert_eq!(labels[1].name, LabelPath::parse("Claim > New"));
    assert_eq!(first.entities[0].spans[0].utf16_byte_end, Some(58));
    assert_eq!(first.label_properties[0].value, Some(-3.5));

    let properties = &first.comment.user_properties;
    assert!(
        matches!(properties.get("Folder: Path"), Some(PropertyValue::String(s)) if s == "Inbox/Urgent")
    );
    assert!(
        matches!(properties.get("Thread Size"), Some(PropertyValue::Number { value, .. }) if *value == 3.0)
    );

    // The second result has every optional part missing and `user_properties: null`.
    let second = &page.results[1];
    assert!(second.comment.user_properties.is_empty());
    assert!(second.labels.is_none());
    assert!(second.comment.attachments.is_empty());
    assert_eq!(second.comment.messages[0].body.text, "");

    // Each result's range is its exact JSON text in the body.
    for result in &page.results {
        let text = page.raw_result(result);
        assert!(text.starts_with('{') && text.ends_with('}'));
        let again: StreamResult = serde_json::from_str(text).unwrap();
        assert_eq!(again.comment.uid, result.comment.uid);
    }
}

#[test]
fn the_documentation_example_reads_with_status_last() {
    let raw = example("fetch-docs-example.json");
    let page = Page::parse(Route::Fetch, raw.clone()).unwrap();
    assert_eq!(page.raw, raw);
    assert!(page.problems.is_empty());
    assert_eq!(page.filtered, Some(6));
    assert_eq!(page.results.len(), 2);
    assert_eq!(page.results[0].labels.as_ref().map(Vec::len), Some(0));
    let second_labels = page.results[1].labels.as_ref().unwrap();
    assert_eq!(second_labels[0].name.segments(), ["Some Top-Level Label"]);
    assert_eq!(
        second_labels[1].name.to_string(),
        "Another Top-Level Label > Child Label"
    );
    let from = page.results[0].comment.messages[0].from.as_deref();
    assert_eq!(from, Some("[email protected]"));
    let properties = &page.results[0].comment.user_properties;
    assert_eq!(properties.len(), 9);
    assert_eq!(
        properties.get("Position in Thread").unwrap().to_string(),
        "1"
    );
}

#[test]
fn the_results_example_reads_with_its_predictions() {
    let raw = example("results-new-claims.json");
    let page = Page::parse(Route::Results, raw.clone()).unwrap();
    assert_eq!(page.raw, raw);
    assert!(page.problems.is_empty());
    assert_eq!(page.filtered, Some(0));
    assert_eq!(page.more_results, Some(true));
    assert_eq!(page.position(), Some("c-batch-0001"));
    assert!(page.model.is_none(), "model: null reads as none");
    let result = &page.results[0];
    assert_eq!(result.continuation.as_deref(), Some("c-item-0001"));
    let prediction = result.prediction.as_ref().unwrap();
    let taxonomy = &prediction.taxonomies[0];
    let label = &taxonomy.labels[0];
    assert_eq!(label.name, LabelPath::new(["Claim", "New"]));
    assert_eq!(
        label.occurrence_confidence.as_ref().unwrap().thresholds[0],
        "stream"
    );
    assert!(label.fields[1].value.is_none());
    assert_eq!(
        taxonomy.general_fields[0]
            .value
            .as_ref()
            .unwrap()
            .formatted
            .as_deref(),
        Some("2025-11-03")
    );
    assert_eq!(prediction.scores[0].value, Some(-3.5));
}

#[test]
fn listings_read_leniently() {
    let projects: Vec<Project> = parse_list(&example("projects.json"), "projects").unwrap();
    assert_eq!(projects.len(), 2);
    assert_eq!(projects[1].title.as_deref(), Some(""));

    let datasets: Vec<Dataset> =
        parse_list(&example("datasets-acme-ops.json"), "datasets").unwrap();
    let claims = &datasets[0];
    assert_eq!(
        (claims.owner.as_str(), claims.name.as_str()),
        ("acme-ops", "claims")
    );
    assert!(
        claims
            .dataset_flags
            .contains(&"some_future_flag".to_owned())
    );
    assert!(!claims.is_ixp());
    assert_eq!(claims.label_groups[0].label_defs.len(), 3);
    assert_eq!(
        claims.label_defs[2].name.segments(),
        ["Claim", "Status Query"]
    );

    let streams: Vec<Stream> = parse_list(&example("streams-claims.json"), "streams").unwrap();
    let stream = &streams[0];
    assert_eq!(stream.name, "new-claims");
    assert!(stream.updated_at.is_none());
    let model = stream.model.as_ref().unwrap();
    assert_eq!(
        model.threshold_for(&LabelPath::parse("Claim > New")),
        Some(0.63)
    );
    assert_eq!(model.thresholds_on(), 1);
    assert!(
        stream
            .comment_filter
            .as_ref()
            .unwrap()
            .get()
            .contains("one_of")
    );

    // An entry without its name is left out; an unknown field or enum value costs nothing.
    let odd = br#"{"status":"ok","projects":[{"title":"nameless"},{"name":"p","new_field":{"x":[1]},"title":null}]}"#;
    let projects: Vec<Project> = parse_list(odd, "projects").unwrap();
    assert_eq!(projects.len(), 1);
    assert_eq!(projects[0].name, "p");

    let user: User = parse_one(
        br#"{"status":"ok","user":{"username":"jdoe","organisation_permissions":{"acme-ops":["streams-consume","future-perm"]}}}"#,
        "user",
    )
    .unwrap();
    assert_eq!(user.organisation_permissions["acme-ops"][1], "future-perm");
}

#[test]
fn one_bad_result_costs_only_itself() {
    let raw = fetch_page(&[
        &result("a", "first"),
        r#"{"sequence_id":"s-b","comment":{"id":"b","uid":"src.b","messages":"not a list"}}"#,
        r#"{"sequence_id":"s-c","comment":{"id":"c"}}"#,
        &result("d", "last"),
    ]);
    let page = Page::parse(Route::Fetch, raw).unwrap();
    let uids: Vec<_> = page
        .results
        .iter()
        .map(|r| r.comment.uid.as_str())
        .collect();
    assert_eq!(uids, ["src.a", "src.d"]);
    assert_eq!(page.problems.len(), 2);
    assert_eq!(page.problems[0].index, 1);
    assert_eq!(page.problems[0].uid.as_deref(), Some("src.b"));
    assert!(skipped_reason(&page.problems[0]).contains("expected shape"));
    assert_eq!(page.problems[1].uid, None, "no uid to find");
    assert!(
        page.problems[1]
            .to_string()
            .starts_with("result #3 could not be read")
    );
    assert_eq!(page.raw_result(&page.results[1]), result("d", "last"));
}

#[test]
fn lone_surrogates_are_repaired_in_a_copy_and_reported() {
    let raw = fetch_page(&[
        &result("a", r"half an emoji \ud83d and a stray \udc4b"),
        &result("b", r"a whole one \ud83d\udc4b"),
    ]);
    let page = Page::parse(Route::Fetch, raw.clone()).unwrap();
    assert_eq!(page.raw, raw, "the body itself is never changed");
    assert_eq!(page.results.len(), 2);
    assert_eq!(
        page.results[0].comment.messages[0].body.text,
        "half an emoji \u{FFFD} and a stray \u{FFFD}"
    );
    assert_eq!(
        page.results[1].comment.messages[0].body.text,
        "a whole one 👋"
    );
    assert_eq!(
        page.problems,
        [ParseProblem {
            index: 0,
            uid: Some("src.a".into()),
            kind: ProblemKind::Repaired("2 invalid characters replaced with \u{FFFD}".into()),
        }]
    );
    assert!(page.raw_result(&page.results[0]).contains(r"\ud83d"));

    let in_envelope = Bytes::from(format!(
        r#"{{"status":"ok","sequence_id":"x\udc00","results":[{}]}}"#,
        result("c", "fine")
    ));
    let page = Page::parse(Route::Fetch, in_envelope).unwrap();
    assert_eq!(page.sequence_id.as_deref(), Some("x\u{FFFD}"));
    assert_eq!(page.raw_result(&page.results[0]), result("c", "fine"));
}

fn nested(depth: usize) -> String {
    let mut text = String::with_capacity(depth * 2 + 8);
    text.extend(std::iter::repeat_n('[', depth));
    text.push('1');
    text.extend(std::iter::repeat_n(']', depth));
    text
}

#[test]
fn deep_markup_and_unknown_fields_are_skipped_without_recursion() {
    let deep = nested(100_000);
    let deep_object = format!("{}1{}", r#"{"a":"#.repeat(100_000), "}".repeat(100_000));
    let in_markup = format!(
        r#"{{"sequence_id":"s","comment":{{"id":"m","uid":"src.m","messages":[{{"body":{{"text":"x","text_markup":{deep}}}}}]}}}}"#
    );
    let in_unknown = format!(
        r#"{{"sequence_id":"s","future":{deep_object},"comment":{{"id":"u","uid":"src.u","unknown":{deep}}}}}"#
    );
    let raw = Bytes::from(format!(
        r#"{{"status":"ok","top_level_future":{deep},"results":[{in_markup},{in_unknown}]}}"#
    ));
    let page = Page::parse(Route::Fetch, raw).unwrap();
    assert!(page.problems.is_empty(), "{:?}", page.problems);
    assert_eq!(page.results.len(), 2);
    let markup = page.results[0].comment.messages[0]
        .body
        .text_markup
        .as_ref()
        .unwrap();
    assert_eq!(markup.get().len(), deep.len(), "the markup is kept whole");
}

#[test]
fn deep_nesting_where_values_are_typed_costs_only_that_comment() {
    let deep = nested(100_000);
    let in_messages =
        format!(r#"{{"sequence_id":"s","comment":{{"id":"m","uid":"src.m","messages":{deep}}}}}"#);
    let in_labels = format!(
        r#"{{"sequence_id":"s","comment":{{"id":"l","uid":"src.l"}},"labels":[{{"name":{deep}}}]}}"#
    );
    let raw = fetch_page(&[&in_messages, &result("ok", "fine"), &in_labels]);
    let page = Page::parse(Route::Fetch, raw).unwrap();
    assert_eq!(page.results.len(), 1);
    assert_eq!(page.results[0].comment.uid, "src.ok");
    let uids: Vec<_> = page.problems.iter().map(|p| p.uid.as_deref()).collect();
    assert_eq!(uids, [Some("src.m"), Some("src.l")]);
    for problem in &page.problems {
        assert!(
            skipped_reason(problem).contains("expected shape"),
            "{problem}"
        );
    }
}

#[test]
fn whole_page_failures_say_what_arrived() {
    let cases: [(&[u8], &str); 6] = [
        (b"", "the body is empty"),
        (
            br#"{"status":"ok","results":[{"comment":"#,
            "ends too early",
        ),
        (
            br#"{"status":"error","message":"boom"}"#,
            "reports an error",
        ),
        (br#"{"status":"ok"}"#, "no list of results"),
        (b"<html>Bad gateway</html>", "not the API's JSON"),
        (b"\xff\xfe{}", "not valid UTF-8"),
    ];
    for (body, words) in cases {
        let err = Page::parse(Route::Fetch, Bytes::from_static(body)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Unexpected);
        assert!(
            err.detail.contains(words),
            "{:?}: {}",
            String::from_utf8_lossy(body),
            err.detail
        );
    }
}

#[test]
fn a_caught_up_stream_and_a_filtered_window_are_pages_not_errors() {
    let caught_up = Bytes::from_static(
        br#"{"status":"ok","results":[],"filtered":0,"is_end_sequence":true,"sequence_id":"s"}"#,
    );
    let page = Page::parse(Route::Fetch, caught_up).unwrap();
    assert!(page.results.is_empty() && page.caught_up());
    let filtered = Bytes::from_static(
        br#"{"status":"ok","results":[],"num_filtered":37,"more_results":true,"continuation":"c"}"#,
    );
    let page = Page::parse(Route::Results, filtered).unwrap();
    assert_eq!((page.filtered, page.caught_up()), (Some(37), false));
}
