//! Property-based fuzzing of the response parser (cargo fuzz needs a nightly toolchain, which
//! this machine cannot fetch). Every input, however broken, gives a page or an error: never a
//! panic, never a stack overflow. Raise `PROPTEST_CASES` for a longer run.

use bytes::Bytes;
use proptest::prelude::*;
use serde_json::{Value, json};
use streamlens::api::{Page, Route};

const EXAMPLES: &[(&str, Route)] = &[
    ("fetch-new-claims.json", Route::Fetch),
    ("fetch-docs-example.json", Route::Fetch),
    ("results-new-claims.json", Route::Results),
];

fn example(index: usize) -> (Vec<u8>, Route) {
    let (name, route) = EXAMPLES[index % EXAMPLES.len()];
    let path = format!("{}/assets/api-examples/{name}", env!("CARGO_MANIFEST_DIR"));
    (std::fs::read(path).unwrap(), route)
}

/// Nasty fragments to splice in: lone surrogates, deep nesting, odd numbers, control bytes.
const FRAGMENTS: &[&str] = &[
    "\"\\ud83d\"",
    "\"\\udc00x\"",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "1e999",
    "-0.0000000000000000000001",
    "null",
    "{\"uid\":null}",
    "\u{0}",
    "\u{202e}",
    "\"",
    "}",
];

/// Arbitrary JSON, nested a little.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::hash_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn parse(route: Route, bytes: Vec<u8>) {
    // The result does not matter: only that there is one.
    let _ = Page::parse(route, Bytes::from(bytes));
}

proptest! {
    #[test]
    fn cut_examples_never_panic(which in 0usize..3, cut in any::<prop::sample::Index>()) {
        let (bytes, route) = example(which);
        let at = cut.index(bytes.len() + 1);
        parse(route, bytes[..at].to_vec());
    }

    #[test]
    fn damaged_examples_never_panic(
        which in 0usize..3,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..FRAGMENTS.len(), any::<u8>()), 1..8),
    ) {
        let (mut bytes, route) = example(which);
        for (at, fragment, byte) in edits {
            let at = at.index(bytes.len());
            if byte % 2 == 0 {
                bytes.splice(at..at, FRAGMENTS[fragment].bytes());
            } else {
                bytes[at] = byte;
            }
        }
        parse(route, bytes);
    }

    #[test]
    fn arbitrary_results_never_panic(results in prop::collection::vec(json_value(), 0..6), fetch in any::<bool>()) {
        let body = json!({"status": "ok", "results": results, "filtered": 1, "sequence_id": "x"});
        let route = if fetch { Route::Fetch } else { Route::Results };
        parse(route, serde_json::to_vec(&body).unwrap());
    }

    #[test]
    fn arbitrary_comments_keep_the_page(comment in json_value()) {
        let body = json!({"status": "ok", "results": [
            {"comment": comment, "sequence_id": "a"},
            {"comment": {"id": "2", "uid": "s.2"}, "sequence_id": "b"},
        ]});
        let page = Page::parse(Route::Fetch, Bytes::from(serde_json::to_vec(&body).unwrap())).unwrap();
        // A broken comment costs itself only: the good one after it is always there.
        prop_assert!(page.results.iter().any(|r| r.comment.uid == "s.2"));
    }
}

/// A page big enough to be parsed on several threads keeps its order, and names the broken
/// results by their place in the page.
#[test]
fn a_big_page_keeps_its_order_and_its_problems_in_place() {
    let filler = "x".repeat(600);
    let results: Vec<Value> = (0..400)
        .map(|i| match i % 97 {
            13 => json!({"comment": 5, "sequence_id": format!("s{i}")}),
            _ => json!({"comment": {"id": i.to_string(), "uid": format!("s.{i}"),
                        "messages": [{"body": {"text": filler}}]}, "sequence_id": format!("s{i}")}),
        })
        .collect();
    let body = serde_json::to_vec(&json!({"status": "ok", "results": results})).unwrap();
    assert!(body.len() > 200_000, "big enough for the parallel path");
    let page = Page::parse(Route::Fetch, Bytes::from(body.clone())).unwrap();
    let broken: Vec<usize> = (0..400).filter(|i| i % 97 == 13).collect();
    let indices: Vec<usize> = page.problems.iter().map(|p| p.index).collect();
    assert_eq!(indices, broken);
    assert_eq!(page.results.len(), 400 - broken.len());
    let uids: Vec<String> = page
        .results
        .iter()
        .map(|r| r.comment.uid.to_string())
        .collect();
    let expected: Vec<String> = (0..400)
        .filter(|i| i % 97 != 13)
        .map(|i| format!("s.{i}"))
        .collect();
    assert_eq!(uids, expected);
    for result in &page.results {
        let raw: Value = serde_json::from_str(page.raw_result(result)).unwrap();
        assert_eq!(raw["comment"]["uid"], json!(result.comment.uid));
    }
}
