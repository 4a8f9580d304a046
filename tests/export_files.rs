//! Export and open again: every example page round-trips byte for byte, nothing secret reaches a
//! file, and files that are no page are refused in words.

use std::path::{Path, PathBuf};

use bytes::Bytes;
use streamlens::api::{
    Endpoint, LabelPath, LabelThreshold, Page, Route, SmolStr, StreamModel, StreamRef,
};
use streamlens::export::{
    self, ExportFormat, OpenReason, Provenance, open_bytes, open_file, write_atomic,
};

/// The example responses that are pages, with the route their name says.
fn example_pages() -> Vec<(PathBuf, Route)> {
    let mut pages: Vec<(PathBuf, Route)> = std::fs::read_dir("assets/api-examples")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_owned();
            let route = if name.starts_with("fetch-") {
                Route::Fetch
            } else if name.starts_with("results-") {
                Route::Results
            } else {
                return None;
            };
            Some((path, route))
        })
        .collect();
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(pages.len() >= 3, "the example pages are missing: {pages:?}");
    pages
}

fn provenance(endpoint: &str, page: &Page) -> Provenance {
    let endpoint = Endpoint::parse(endpoint).unwrap();
    let stream: StreamRef = "acme-ops/claims/new-claims".parse().unwrap();
    let model = StreamModel {
        version: Some(3),
        label_thresholds: vec![LabelThreshold {
            name: LabelPath::parse("Claim > New"),
            threshold: Some(0.5),
        }],
    };
    let at: jiff::Timestamp = "2026-11-29T10:15:00Z".parse().unwrap();
    Provenance::new(&endpoint, &stream, Some(&model), page, 16, at)
}

fn uids(page: &Page) -> Vec<&str> {
    page.results
        .iter()
        .map(|r| r.comment.uid.as_str())
        .collect()
}

fn assert_same_page(opened: &Page, original: &Page, what: &str) {
    assert_eq!(opened.raw, original.raw, "{what}: response bytes");
    assert_eq!(opened.route, original.route, "{what}: route");
    assert_eq!(uids(opened), uids(original), "{what}: uids");
    assert_eq!(opened.filtered, original.filtered, "{what}: filtered");
    assert_eq!(opened.position(), original.position(), "{what}: position");
    let sequence = |page: &Page| -> Vec<Option<SmolStr>> {
        page.results
            .iter()
            .map(|r| r.sequence_id.clone().or(r.continuation.clone()))
            .collect()
    };
    assert_eq!(
        sequence(opened),
        sequence(original),
        "{what}: result positions"
    );
}

#[test]
fn every_example_page_round_trips_through_the_export_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    for (path, route) in example_pages() {
        // Whitespace around the body is part of it too.
        for padding in ["", "\n", " \r\n\t"] {
            let mut raw = std::fs::read(&path).unwrap();
            raw.splice(0..0, padding.bytes());
            raw.extend_from_slice(padding.as_bytes());
            let original = Page::parse(route, Bytes::from(raw)).unwrap();
            let source = provenance("https://cloud.example.com/org/tenant/reinfer_", &original);
            let file = dir.path().join("page.json");
            write_atomic(&file, &export::wrapped_json(&original, &source)).unwrap();

            let opened = open_file(&file).unwrap();
            assert_same_page(&opened.page, &original, &path.display().to_string());
            let back = opened.provenance.expect("the export's source is read back");
            assert_eq!(back.stream_ref(), source.stream_ref());
            assert_eq!(back.route, route);
            assert_eq!(back.sequence_id.as_deref(), original.position());
            assert_eq!(back.label_thresholds.len(), 1);
        }
    }
}

#[test]
fn a_bare_response_opens_with_the_route_its_keys_tell() {
    for (path, route) in example_pages() {
        let raw = std::fs::read(&path).unwrap();
        let original = Page::parse(route, Bytes::from(raw.clone())).unwrap();
        let opened = open_bytes(&raw).unwrap();
        assert!(opened.provenance.is_none());
        assert_same_page(&opened.page, &original, &path.display().to_string());
    }
    // No envelope key says "results", but a result's `prediction` does.
    let by_prediction = br#"{"results":[{"comment":{"id":"a","uid":"s.a"},"prediction":null,
        "x":1},{"comment":{"id":"b","uid":"s.b"},"prediction":{"taxonomies":[]}}]}"#;
    assert_eq!(
        open_bytes(by_prediction).unwrap().page.route,
        Route::Results
    );
    let fetch = br#"{"results":[{"comment":{"id":"a","uid":"s.a"},"labels":[]}]}"#;
    assert_eq!(open_bytes(fetch).unwrap().page.route, Route::Fetch);
    // An export whose source cannot be read tells its route the same way.
    let no_source = br#"{"streamlens_export":1,"source":"?","response":{"results":[],
        "more_results":false}}"#;
    let opened = open_bytes(no_source).unwrap();
    assert!(opened.provenance.is_none());
    assert_eq!(opened.page.route, Route::Results);
}

#[test]
fn number_texts_and_unknown_fields_survive_every_format() {
    let raw = br#"{"status":"ok","results":[{"comment":{"id":"a","uid":"s.a",
        "user_properties":{"number:Big":1e21,"number:NPS":7.0},"future_field":{"x":[1,2]}},
        "labels":[{"name":["Claim"],"probability":0.8374786376953125}],
        "sequence_id":"q1","later":true}],"sequence_id":"q2","unknown_top":[1e-7]}"#;
    let page = Page::parse(Route::Fetch, Bytes::from_static(raw)).unwrap();
    let source = provenance("https://cloud.example.com", &page);

    let json = export::wrapped_json(&page, &source);
    let text = String::from_utf8(json.clone()).unwrap();
    for kept in [
        "1e21",
        "7.0",
        "0.8374786376953125",
        "\"future_field\"",
        "\"unknown_top\":[1e-7]",
    ] {
        assert!(text.contains(kept), "the export lost {kept}");
    }
    assert_eq!(open_bytes(&json).unwrap().page.raw.as_ref(), raw);

    let lines = String::from_utf8(export::jsonl(&page)).unwrap();
    assert_eq!(lines.lines().count(), 1, "{lines}");
    for kept in [
        "1e21",
        "7.0",
        "0.8374786376953125",
        "\"future_field\"",
        "\"later\":true",
    ] {
        assert!(lines.contains(kept), "JSON Lines lost {kept}: {lines}");
    }
    assert!(
        lines.starts_with(r#"{"route":"fetch","result":{"comment":"#),
        "{lines}"
    );

    let csv = String::from_utf8(export::csv(&page)).unwrap();
    assert!(
        csv.starts_with(
            "uid,thread_id,timestamp,from,subject,number:Big,number:NPS,label:Claim\r\n"
        )
    );
    assert!(
        csv.contains("s.a,,,,,1e21,7.0,0.8374786376953125\r\n"),
        "{csv}"
    );
}

#[test]
fn no_export_carries_anything_of_the_endpoint_but_its_host() {
    const SECRET: &str = "tk9Zq7SECRETtoken";
    let raw = std::fs::read("assets/api-examples/results-new-claims.json").unwrap();
    let page = Page::parse(Route::Results, Bytes::from(raw)).unwrap();
    // The endpoint refuses a user name or password outright; query, fragment and path may hold
    // anything pasted from a browser.
    assert!(Endpoint::parse(&format!("https://user:{SECRET}@cloud.example.com")).is_err());
    let endpoints = [
        format!("https://cloud.example.com/org/tenant/reinfer_?access_token={SECRET}"),
        format!("https://cloud.example.com/{SECRET}/tenant/reinfer_/datasets#{SECRET}"),
        format!("cloud.example.com/org/{SECRET}?x={SECRET}"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for endpoint in &endpoints {
        let source = provenance(endpoint, &page);
        assert_eq!(source.host, "cloud.example.com");
        for format in ExportFormat::ALL {
            let path = dir.path().join(format!("export.{format}"));
            write_atomic(&path, &export::render(&page, format, &source)).unwrap();
            let written = std::fs::read(&path).unwrap();
            let found = memchr::memmem::find(&written, SECRET.as_bytes());
            assert!(
                found.is_none(),
                "{format} export of {endpoint} holds the secret"
            );
        }
    }
}

/// A file's bytes, the reason it must give, and words its sentence must contain.
type Refusal = (&'static [u8], fn(&OpenReason) -> bool, &'static str);

#[test]
fn files_that_are_no_page_are_refused_in_words() {
    let cases: [Refusal; 10] = [
        (b"", |r| *r == OpenReason::Empty, "empty"),
        (b" \n ", |r| *r == OpenReason::Empty, "empty"),
        (
            b"<!DOCTYPE html><html>Sign in</html>",
            |r| *r == OpenReason::Html,
            "web page",
        ),
        (
            b"hello",
            |r| matches!(r, OpenReason::NotJson(_)),
            "not JSON",
        ),
        (
            b"{\"results\": [",
            |r| matches!(r, OpenReason::NotJson(_)),
            "cut off",
        ),
        (
            b"[1,2]",
            |r| matches!(r, OpenReason::NotAPage(_)),
            "results",
        ),
        (
            br#"{"projects":[]}"#,
            |r| matches!(r, OpenReason::NotAPage(_)),
            "\"results\"",
        ),
        (
            br#"{"streamlens_export":2,"source":{},"response":{"results":[]}}"#,
            |r| *r == OpenReason::NewerFormat(2),
            "newer streamlens",
        ),
        (
            b"{\"streamlens_export\":{\"v\":\n 1},\"response\":{\"results\":[]}}",
            |r| matches!(r, OpenReason::NotAPage(_)),
            "is {\"v\": 1}, not a format number",
        ),
        (
            br#"{"streamlens_export":1,"source":{}}"#,
            |r| matches!(r, OpenReason::NotAPage(_)),
            "no \"response\"",
        ),
    ];
    for (bytes, is_expected, words) in cases {
        let err = open_bytes(bytes).unwrap_err();
        let shown = String::from_utf8_lossy(bytes);
        assert!(is_expected(&err.reason), "{shown:?} gave {:?}", err.reason);
        let sentence = err.to_string();
        assert!(sentence.contains(words), "{shown:?}: {sentence}");
        assert!(
            sentence.ends_with('.') && !sentence.contains('\n'),
            "{sentence}"
        );
    }
}

#[test]
fn hostile_files_give_an_answer_not_a_crash() {
    let deep = format!(
        "{{\"results\":[],\"x\":{}{}}}",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    assert!(
        open_bytes(deep.as_bytes()).is_ok(),
        "deep nesting outside results is skipped"
    );
    let deep_export = format!(
        "{{\"streamlens_export\":1,\"source\":{}{},\"response\":{{\"results\":[]}}}}",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    let opened = open_bytes(deep_export.as_bytes()).unwrap();
    assert!(
        opened.provenance.is_none(),
        "an unreadable source is dropped, the page kept"
    );
    let surrogate = br#"{"results":[{"comment":{"id":"a","uid":"s.a","thread_id":"\ud800"}}]}"#;
    let opened = open_bytes(surrogate).unwrap();
    assert_eq!(opened.page.results.len(), 1);
    let wrapped = export::wrapped_json(&opened.page, &Provenance::default());
    assert_eq!(open_bytes(&wrapped).unwrap().page.raw.as_ref(), surrogate);
    assert_eq!(
        open_bytes(b"\xEF\xBB\xBF{\"results\":[]}")
            .unwrap()
            .page
            .results
            .len(),
        0
    );
    assert!(open_bytes(b"{\"results\":[]}\xFF").is_err());
}

#[test]
fn a_missing_file_is_named() {
    let err = open_file(Path::new("/no/such/dir/page.json")).unwrap_err();
    assert!(matches!(err.reason, OpenReason::Unreadable(_)));
    assert!(
        err.to_string()
            .starts_with("Could not open /no/such/dir/page.json: "),
        "{err}"
    );
}
