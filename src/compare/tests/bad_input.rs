//! Pages that do not fit together or are odd in themselves: different routes or streams,
//! repeated uids, an empty side, missing thresholds, unreadable comments, no model.

use serde_json::json;

use super::*;

#[test]
fn the_same_predictions_on_both_routes_are_no_change_but_the_routes_are_named() {
    let fetch = fetch_page(vec![fetch_result("s.1", &[("X", 0.6), ("Y", 0.2)], &[])]);
    let results = page(
        Route::Results,
        vec![results_result(
            "s.1",
            &[("Y", 0.2, false), ("X", 0.6, true)],
        )],
    );
    let source = source(STREAM, Some(7), THRESHOLDS);
    let comparison = compare(Side::new(&fetch, Some(&source)), Side::new(&results, None));
    assert_eq!(comparison.summary.unchanged, 1);
    assert_eq!(comparison.changed().count(), 0);
    assert_eq!(
        comparison.notes,
        [
            Note::DifferentRoutes {
                a: Route::Fetch,
                b: Route::Results
            },
            Note::ThresholdsBorrowed { side: Which::B },
        ]
    );
    assert!(
        comparison.notes[0]
            .to_string()
            .contains("fetch route and B from the results")
    );
}

#[test]
fn pages_of_different_streams_are_said_to_be_so_and_still_compared_by_uid() {
    let a = fetch_page(vec![fetch_result("s.1", &[("X", 0.6)], &[])]);
    let b = fetch_page(vec![fetch_result("s.1", &[("X", 0.4)], &[])]);
    let source_a = source(STREAM, Some(3), THRESHOLDS);
    let source_b = source("northwind-bank/service-mail/triage", Some(3), THRESHOLDS);
    let comparison = compare(
        Side::new(&a, Some(&source_a)),
        Side::new(&b, Some(&source_b)),
    );
    assert_eq!(comparison.summary.in_both, 1);
    assert_eq!(labels(find(&comparison, "s.1").left()), ["X"]);
    let [note] = &comparison.notes[..] else {
        panic!("one note: {:?}", comparison.notes)
    };
    assert!(matches!(note, Note::DifferentStreams { .. }));
    assert_eq!(
        note.to_string(),
        "A is a page of acme-ops/claims/new-claims and B a page of \
         northwind-bank/service-mail/triage: different streams; their comments are still \
         matched by uid."
    );
}

#[test]
fn a_repeated_uid_counts_once_at_its_first_occurrence_and_is_named() {
    let a = fetch_page(vec![
        fetch_result("s.1", &[("X", 0.9)], &[]),
        fetch_result("s.2", &[], &[]),
        fetch_result("s.1", &[("X", 0.1)], &[]),
        fetch_result("s.1", &[("X", 0.2)], &[]),
    ]);
    let b = fetch_page(vec![fetch_result("s.1", &[("X", 0.9)], &[])]);
    let source = source(STREAM, None, THRESHOLDS);
    let comparison = compare(Side::new(&a, Some(&source)), Side::new(&b, Some(&source)));
    assert_eq!(uids(&comparison), ["s.2", "s.1"]);
    let s1 = find(&comparison, "s.1");
    assert!(!s1.is_changed(), "the first occurrence matches B");
    assert_eq!(s1.a.as_ref().map(|o| o.index), Some(0));
    assert_eq!(
        comparison.notes,
        [Note::DuplicateUids {
            side: Which::A,
            count: 1,
            examples: vec!["s.1".into()]
        }]
    );
    assert_eq!(
        comparison.notes[0].to_string(),
        "A holds 1 comment more than once (s.1); the first occurrence of it is compared, \
         later ones are left out."
    );
}

#[test]
fn an_empty_side_makes_every_comment_of_the_other_one_sided() {
    let full = fetch_page(vec![
        fetch_result("s.1", &[("X", 0.9)], &[]),
        fetch_result("s.2", &[], &[]),
    ]);
    let empty = fetch_page(vec![]);
    let source = source(STREAM, Some(1), THRESHOLDS);
    let comparison = compare(
        Side::new(&empty, Some(&source)),
        Side::new(&full, Some(&source)),
    );
    assert_eq!(comparison.summary.only_in_b, 2);
    assert_eq!(comparison.changed().count(), 2);
    assert_eq!(comparison.notes, [Note::Empty { side: Which::A }]);
    assert_eq!(
        comparison.notes[0].to_string(),
        "A has no comments, so every comment of B is only in B."
    );
    let s1 = find(&comparison, "s.1");
    assert_eq!(s1.b.as_ref().unwrap().above, [LabelPath::parse("X")]);

    let nothing = compare(Side::new(&empty, None), Side::new(&empty, None));
    assert!(nothing.comments.is_empty());
    assert_eq!(nothing.notes, [Note::BothEmpty]);
}

#[test]
fn bare_fetch_pages_list_moves_but_no_crossings_and_say_why() {
    let a = fetch_page(vec![fetch_result("s.1", &[("X", 0.2)], &[])]);
    let b = fetch_page(vec![fetch_result("s.1", &[("X", 0.9)], &[])]);
    let comparison = compare(Side::new(&a, None), Side::new(&b, None));
    let s1 = find(&comparison, "s.1");
    assert_eq!(s1.labels.len(), 1);
    assert_eq!(s1.crossings(), 0);
    assert_eq!(comparison.notes, [Note::NoThresholds]);

    // One export is enough: its thresholds are used for the bare side too.
    let source = source(STREAM, Some(1), THRESHOLDS);
    let comparison = compare(Side::new(&a, Some(&source)), Side::new(&b, None));
    assert_eq!(labels(find(&comparison, "s.1").entered()), ["X"]);
    assert_eq!(
        comparison.notes,
        [Note::ThresholdsBorrowed { side: Which::B }]
    );
    assert_eq!(
        comparison.notes[0].to_string(),
        "B does not record its stream's label thresholds (a bare response file); A's are \
         used for it."
    );
}

#[test]
fn unreadable_comments_and_streams_without_a_model_are_said() {
    let a = fetch_page(vec![
        json!({"comment": {"id": "s.1", "uid": "s.1"}}),
        json!({"comment": "not a comment"}),
    ]);
    let b = fetch_page(vec![fetch_result("s.1", &[("X", 0.9)], &[])]);
    let source = source(STREAM, Some(1), THRESHOLDS);
    let comparison = compare(Side::new(&a, Some(&source)), Side::new(&b, Some(&source)));
    assert_eq!(labels(find(&comparison, "s.1").entered()), ["X"]);
    assert_eq!(
        comparison.notes,
        [
            Note::Unreadable {
                side: Which::A,
                count: 1
            },
            Note::NoModel { side: Which::A },
        ]
    );
}
