//! Every kind of bad input: a plain sentence, never a panic.

use serde_json::json;

use super::*;

#[test]
fn a_label_without_a_threshold_says_so_and_its_what_if_still_counts() {
    let page = test_pages::page(
        Route::Fetch,
        vec![
            result(&[("Claim", json!(0.7))]),
            result(&[("Claim", json!(0.2))]),
        ],
    );
    // No model at all (a bare response opened from a file), and a model without this label.
    for model in [
        None,
        Some(model(json!([{"name": ["Other"], "threshold": 0.5}]))),
    ] {
        let overview = one_page(&page, model.as_ref());
        let claim = overview.label(&path("Claim")).unwrap();
        assert_eq!(claim.threshold, Threshold::Missing);
        assert_eq!((claim.above, claim.below), (0, 2));
        assert_eq!(
            claim.notes,
            [Note::NoThreshold {
                label: path("Claim")
            }]
        );
        assert_eq!(
            claim.notes[0].to_string(),
            "The stream has no threshold for Claim, so none of its comments count as above it; \
             a what-if threshold shows which would."
        );
        let what_if = overview.what_if(&path("Claim"), 0.5).unwrap();
        assert_eq!((what_if.enter, what_if.leave), (1, 0));
    }
}

#[test]
fn a_threshold_of_100_percent_reads_as_off() {
    let page = test_pages::page(Route::Fetch, vec![result(&[("Spam", json!(1.0))])]);
    let model = model(json!([{"name": ["Spam"], "threshold": 1.0}]));
    let overview = one_page(&page, Some(&model));
    let spam = overview.label(&path("Spam")).unwrap();
    assert_eq!(spam.threshold, Threshold::Off);
    assert_eq!(
        (spam.above, spam.below),
        (0, 1),
        "even a probability of 1.0"
    );
    assert_eq!(
        spam.notes[0].to_string(),
        "Spam is off in this stream (threshold 100 %): the stream lets none of its comments \
         through."
    );
    let what_if = overview.what_if(&path("Spam"), 0.9).unwrap();
    assert_eq!((what_if.enter, what_if.leave), (1, 0));
}

#[test]
fn a_stream_threshold_outside_0_to_1_is_named() {
    for bad in [-0.5, f64::NAN] {
        let mut model = model(json!([{"name": ["Claim"], "threshold": 0.5}]));
        model.label_thresholds[0].threshold = Some(bad);
        let page = test_pages::page(Route::Fetch, vec![result(&[("Claim", json!(0.7))])]);
        let overview = one_page(&page, Some(&model));
        let claim = overview.label(&path("Claim")).unwrap();
        assert!(matches!(claim.threshold, Threshold::Invalid(t) if t.to_bits() == bad.to_bits()));
        assert!(
            claim.notes[0]
                .to_string()
                .contains("not a number from 0 to 1")
        );
        assert_eq!(claim.threshold.value(), None);
    }
}

#[test]
fn probabilities_missing_nan_or_outside_0_to_1_are_left_out_and_named() {
    let mut page = test_pages::page(
        Route::Fetch,
        vec![
            result(&[("Claim", json!(0.6))]),
            result(&[("Claim", json!(1.3))]),
            result(&[("Claim", json!(-0.2))]),
            result(&[("Claim", json!(null))]),
            result(&[("Claim", json!(0.4))]),
        ],
    );
    // JSON has no NaN; a page can still hold one (e.g. from another tool's export).
    page.results[4].labels.as_mut().unwrap()[0].probability = Some(f64::NAN);
    let model = model(json!([{"name": ["Claim"], "threshold": 0.5}]));
    let overview = one_page(&page, Some(&model));
    let claim = overview.label(&path("Claim")).unwrap();
    assert_eq!((claim.comments, claim.above, claim.below), (5, 1, 0));
    assert_eq!(claim.mean, Some(0.6));
    let said: Vec<String> = claim.notes.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "1 comment has Claim without a probability; left out of the counts, the mean and \
             the histogram.",
            "1 comment has Claim with a probability that is not a number; left out of the \
             counts, the mean and the histogram.",
            "2 comments have Claim with a probability outside 0–1 (e.g. -0.2); left out of the \
             counts, the mean and the histogram."
        ]
    );
    let histogram = overview.histogram(&path("Claim")).unwrap();
    assert_eq!(
        histogram
            .above
            .iter()
            .chain(&histogram.below)
            .sum::<usize>(),
        1
    );
    let what_if = overview.what_if(&path("Claim"), 0.0).unwrap();
    assert_eq!((what_if.enter, what_if.leave), (0, 0));
    assert_eq!(overview.comments_with(&path("Claim")).len(), 5);
    let order = overview.borderline(&path("Claim"), 0.5).unwrap();
    assert_eq!(results(&order), [0, 1, 2, 3, 4]);
}

#[test]
fn pages_without_labels_without_a_model_or_without_comments_say_so() {
    let no_labels = test_pages::page(Route::Fetch, vec![result(&[])]);
    let overview = one_page(&no_labels, None);
    assert_eq!(overview.notes(), [Note::NoLabels]);
    assert_eq!(
        overview.notes()[0].to_string(),
        "No label was predicted on any of these comments."
    );
    assert!(overview.rows(LabelSort::Above, true).is_empty());
    let unknown = overview.what_if(&path("Claim"), 0.5).unwrap_err();
    assert_eq!(
        unknown.to_string(),
        "No comment in view has the label Claim."
    );
    assert!(overview.histogram(&path("Claim")).is_err());
    assert!(overview.borderline(&path("Claim"), 0.5).is_err());
    assert!(overview.comments_with(&path("Claim")).is_empty());

    let no_model = test_pages::page(
        Route::Fetch,
        vec![
            json!({"comment": {"messages": []}}),
            json!({"comment": {}, "labels": null}),
        ],
    );
    let overview = one_page(&no_model, None);
    assert_eq!(overview.notes(), [Note::NoModel { comments: 2 }]);
    assert_eq!(
        overview.notes()[0].to_string(),
        "2 comments come from a stream without a model, so they have no labels."
    );

    let empty = test_pages::page(Route::Fetch, vec![]);
    assert_eq!(one_page(&empty, None).notes(), [Note::NoComments]);
    assert_eq!(Overview::default().notes(), [Note::NoComments]);
}

#[test]
fn a_what_if_threshold_outside_0_to_1_is_refused_in_words() {
    let page = spread_page();
    let overview = one_page(&page, None);
    for bad in [f64::NAN, -0.1, 1.5, f64::INFINITY] {
        let note = overview.what_if(&path("Claim"), bad).unwrap_err();
        assert!(matches!(note, Note::NotAThreshold { .. }));
        assert!(
            note.to_string()
                .starts_with("A threshold is a number from 0 to 1")
        );
        assert!(overview.would_enter(&path("Claim"), bad).is_err());
        assert!(overview.borderline(&path("Claim"), bad).is_err());
    }
}

#[test]
fn pages_with_different_thresholds_are_each_counted_against_their_own() {
    let page = spread_page();
    let low = model(json!([{"name": ["Claim"], "threshold": 0.3}]));
    let high = model(json!([{"name": ["Claim"], "threshold": 0.7}]));
    let overview = Overview::build([
        (PageGeneration(1), columns(&page, Some(&low))),
        (PageGeneration(2), columns(&page, Some(&high))),
        (PageGeneration(3), columns(&page, None)),
    ]);
    let claim = overview.label(&path("Claim")).unwrap();
    assert_eq!(
        claim.threshold,
        Threshold::Differs(vec![None, Some(0.3), Some(0.7)])
    );
    assert_eq!(
        claim.notes[0].to_string(),
        "The pages in view have different thresholds for Claim (none, 30%, 70%); each page's \
         comments are counted against their own."
    );
    let alone =
        |model: Option<&StreamModel>| one_page(&page, model).label(&path("Claim")).unwrap().above;
    assert_eq!(claim.above, alone(Some(&low)) + alone(Some(&high)));
    let what_if = overview.what_if(&path("Claim"), 0.5).unwrap();
    let single =
        |model: Option<&StreamModel>| one_page(&page, model).what_if(&path("Claim"), 0.5).unwrap();
    assert_eq!(
        what_if.enter,
        single(Some(&low)).enter + single(Some(&high)).enter + single(None).enter
    );
}
