//! The overview on hand-made pages, read by the real parser: counts against the label bars,
//! the what-if against a count done the slow way, and every kind of bad input.

use std::sync::Arc;

use serde_json::{Value, json};

use super::*;
use crate::api::{Page, Route, StreamModel};
use crate::inspect::labels::lets_through;
use crate::inspect::{LabelMode, LabelState, PageFilter, PageIndex, test_pages};

fn model(thresholds: Value) -> StreamModel {
    serde_json::from_value(json!({"version": 1, "label_thresholds": thresholds})).unwrap()
}

/// A fetch-route result with these `(label, probability)` predictions.
fn result(labels: &[(&str, Value)]) -> Value {
    let labels: Vec<Value> = labels
        .iter()
        .map(|(name, p)| json!({"name": LabelPath::parse(name), "probability": p}))
        .collect();
    json!({"comment": {"messages": [{"body": {"text": "hi"}}]}, "labels": labels})
}

fn columns(page: &Page, model: Option<&StreamModel>) -> Arc<PageColumns> {
    Arc::new(PageColumns::build(&PageIndex::build(page, model)))
}

fn one_page(page: &Page, model: Option<&StreamModel>) -> Overview {
    Overview::build([(PageGeneration(1), columns(page, model))])
}

fn path(name: &str) -> LabelPath {
    LabelPath::parse(name)
}

fn results(comments: &[CommentRef]) -> Vec<usize> {
    comments.iter().map(|c| c.result).collect()
}

/// Probabilities spread over 0–1 with repeats and both ends, for `Claim`.
fn spread_page() -> Page {
    let results: Vec<Value> = (0..200)
        .map(|i| {
            let p = match i % 10 {
                0 => 0.0,
                1 => 1.0,
                2 => 0.5,
                _ => ((i * 37) % 101) as f64 / 100.0,
            };
            result(&[("Claim", json!(p))])
        })
        .collect();
    test_pages::page(Route::Fetch, results)
}

#[test]
fn counts_agree_with_the_label_bars() {
    let page = test_pages::page(
        Route::Fetch,
        vec![
            result(&[("Claim", json!(0.9)), ("Claim > New", json!(0.6))]),
            result(&[("Claim", json!(0.5)), ("Other", json!(0.2))]),
            result(&[("Claim", json!(0.2))]),
        ],
    );
    let model = model(json!([
        {"name": ["Claim"], "threshold": 0.5},
        {"name": ["Claim", "New"], "threshold": 0.7},
        {"name": ["Other"], "threshold": 0.1}
    ]));
    let overview = one_page(&page, Some(&model));
    let claim = overview.label(&path("Claim")).unwrap();
    assert_eq!((claim.comments, claim.above, claim.below), (3, 2, 1));
    assert!((claim.mean.unwrap() - (0.9 + 0.5 + 0.2) / 3.0).abs() < 1e-12);
    assert_eq!(claim.threshold, Threshold::At(0.5));
    assert!(claim.notes.is_empty(), "{:?}", claim.notes);

    // The same counts as the rows the inspector marks above the threshold.
    let index = PageIndex::build(&page, Some(&model));
    for label in ["Claim", "Claim > New", "Other"] {
        let bars_above = (index.results.iter())
            .flat_map(|view| view.label_list().unwrap().rows())
            .filter(|row| row.path == path(label) && row.state == LabelState::Above)
            .count();
        assert_eq!(
            overview.label(&path(label)).unwrap().above,
            bars_above,
            "{label}"
        );
    }
    assert!(overview.notes().is_empty());
    assert_eq!(overview.comments(), 3);
}

#[test]
fn rows_keep_the_hierarchy_and_sort_siblings() {
    let page = test_pages::page(
        Route::Fetch,
        vec![
            result(&[
                ("B", json!(0.9)),
                ("B > x", json!(0.2)),
                ("B > y", json!(0.8)),
            ]),
            result(&[("A", json!(0.9)), ("B", json!(0.9)), ("B > y", json!(0.9))]),
            result(&[("C > D > E", json!(0.7))]),
        ],
    );
    let model = model(json!([
        {"name": ["A"], "threshold": 0.5}, {"name": ["B"], "threshold": 0.5},
        {"name": ["B", "x"], "threshold": 0.5}, {"name": ["B", "y"], "threshold": 0.5},
        {"name": ["C", "D", "E"], "threshold": 0.5}
    ]));
    let overview = one_page(&page, Some(&model));
    let shape = |rows: Vec<&LabelSummary>| -> Vec<(String, usize, bool)> {
        rows.iter()
            .map(|r| (r.path.to_string(), r.depth, r.predicted))
            .collect()
    };
    let by_above = shape(overview.rows(LabelSort::Above, true));
    let expected = [
        ("B", 0, true),
        ("B > y", 1, true),
        ("B > x", 1, true),
        ("A", 0, true),
        // A parent never predicted is listed after its predicted siblings, its child under it.
        ("C", 0, false),
        ("C > D", 1, false),
        ("C > D > E", 2, true),
    ]
    .map(|(p, d, pr)| (p.to_owned(), d, pr));
    assert_eq!(by_above, expected);
    let by_name = shape(overview.rows(LabelSort::Name, false));
    assert_eq!(by_name[0].0, "A");
    assert_eq!(by_name[1].0, "B");
    assert_eq!(by_name[2].0, "B > x");
    let by_mean_ascending = shape(overview.rows(LabelSort::Mean, false));
    assert_eq!(by_mean_ascending[2].0, "B > x", "0.2 before 0.85 under B");
}

#[test]
fn the_what_if_matches_a_count_of_every_comment_at_every_threshold() {
    let page = spread_page();
    let model = model(json!([{"name": ["Claim"], "threshold": 0.5}]));
    let overview = Overview::build([
        (PageGeneration(4), columns(&page, Some(&model))),
        (PageGeneration(9), columns(&page, Some(&model))),
    ]);
    let probabilities: Vec<f64> = (page.results.iter())
        .map(|r| r.labels.as_ref().unwrap()[0].probability.unwrap())
        .collect();
    let thresholds = (0..=100).map(|i| i as f64 / 100.0).chain([0.505, 0.999]);
    for t in thresholds {
        let expected_enter: Vec<usize> = (0..probabilities.len())
            .filter(|&i| !lets_through(probabilities[i], 0.5) && lets_through(probabilities[i], t))
            .collect();
        let expected_leave: Vec<usize> = (0..probabilities.len())
            .filter(|&i| lets_through(probabilities[i], 0.5) && !lets_through(probabilities[i], t))
            .collect();
        let what_if = overview.what_if(&path("Claim"), t).unwrap();
        assert_eq!(what_if.enter, 2 * expected_enter.len(), "enter at {t}");
        assert_eq!(what_if.leave, 2 * expected_leave.len(), "leave at {t}");
        let enter = overview.would_enter(&path("Claim"), t).unwrap();
        let leave = overview.would_leave(&path("Claim"), t).unwrap();
        let twice = |list: &[usize]| [list, list].concat();
        assert_eq!(results(&enter), twice(&expected_enter), "at {t}");
        assert_eq!(results(&leave), twice(&expected_leave), "at {t}");
        assert!(
            enter[..expected_enter.len()]
                .iter()
                .all(|c| c.page == PageGeneration(4))
        );
    }
    let at_stream = overview.what_if(&path("Claim"), 0.5).unwrap();
    assert_eq!((at_stream.enter, at_stream.leave), (0, 0));
    let off = overview.what_if(&path("Claim"), 1.0).unwrap();
    let above = overview.label(&path("Claim")).unwrap().above;
    assert_eq!(
        (off.enter, off.leave),
        (0, above),
        "100 % lets nothing through"
    );
}

#[test]
fn the_histogram_bins_every_usable_probability_and_carries_the_threshold() {
    let page = spread_page();
    let model = model(json!([{"name": ["Claim"], "threshold": 0.5}]));
    let overview = one_page(&page, Some(&model));
    let histogram = overview.histogram(&path("Claim")).unwrap();
    assert_eq!(histogram.above.len(), HISTOGRAM_BINS);
    let mut expected = (vec![0; HISTOGRAM_BINS], vec![0; HISTOGRAM_BINS]);
    for result in &page.results {
        let p = result.labels.as_ref().unwrap()[0].probability.unwrap();
        let bin = (0..HISTOGRAM_BINS)
            .rfind(|&i| p >= i as f64 / HISTOGRAM_BINS as f64)
            .unwrap();
        let side = if p >= 0.5 {
            &mut expected.0
        } else {
            &mut expected.1
        };
        side[bin] += 1;
    }
    assert_eq!((histogram.above.clone(), histogram.below.clone()), expected);
    assert!(histogram.below[0] >= 20, "0.0 in the first bin");
    assert!(
        histogram.above[HISTOGRAM_BINS - 1] >= 20,
        "1.0 in the last bin"
    );
    assert!(
        histogram.above[25] >= 20,
        "0.5 is let through: at the threshold counts"
    );
    assert!(histogram.below[25..].iter().all(|&n| n == 0));
    assert!(histogram.above[..25].iter().all(|&n| n == 0));
    assert_eq!(histogram.threshold.value(), Some(0.5));
}

#[test]
fn borderline_puts_the_closest_first_and_the_rest_after_in_page_order() {
    let page = test_pages::page(
        Route::Fetch,
        vec![
            result(&[("Other", json!(0.5))]),
            result(&[("Claim", json!(0.95))]),
            result(&[("Claim", json!(0.48))]),
            result(&[("Claim", json!(null))]),
            result(&[("Claim", json!(0.55))]),
            result(&[("Claim", json!(0.1))]),
        ],
    );
    let model = model(json!([{"name": ["Claim"], "threshold": 0.5}]));
    let overview = one_page(&page, Some(&model));
    let order = overview.borderline(&path("Claim"), 0.5).unwrap();
    assert_eq!(results(&order), [2, 4, 5, 1, 0, 3]);
    let order = overview.borderline(&path("Claim"), 0.95).unwrap();
    assert_eq!(results(&order), [1, 4, 2, 5, 0, 3]);
}

#[test]
fn comments_with_a_label_are_those_the_list_filter_shows() {
    let page = test_pages::page(
        Route::Fetch,
        vec![
            result(&[("Claim", json!(0.9))]),
            result(&[("Claim > New", json!(0.2))]),
            result(&[("Other", json!(0.3))]),
            result(&[("Claim", json!(0.4)), ("Claim > New", json!(0.6))]),
            result(&[("Claimant", json!(0.9))]),
        ],
    );
    let index = PageIndex::build(&page, None);
    let overview = one_page(&page, None);
    for label in ["Claim", "Claim > New", "Other", "Nothing"] {
        let filter = PageFilter {
            label: Some(path(label)),
            label_mode: LabelMode::Any,
            ..PageFilter::default()
        };
        let listed = index.filter(&page, &filter);
        assert_eq!(
            results(&overview.comments_with(&path(label))),
            listed,
            "{label}"
        );
    }
    assert_eq!(results(&overview.comments_with(&path("Claim"))), [0, 1, 3]);
}

#[test]
fn a_label_predicted_twice_on_one_comment_counts_once_with_its_best_probability() {
    let occurrence = |value: f64, stream: bool| {
        let thresholds = if stream { json!(["stream"]) } else { json!([]) };
        json!({"name": "Claim", "occurrence_confidence": {"value": value, "thresholds": thresholds}})
    };
    let page = test_pages::page(
        Route::Results,
        vec![json!({
            "comment": {"messages": [{"body": {"text": "hi"}}]},
            "prediction": {"taxonomies": [{"name": "default",
                "labels": [occurrence(0.3, false), occurrence(0.8, true)]}]}
        })],
    );
    let model = model(json!([{"name": ["Claim"], "threshold": 0.6}]));
    let overview = one_page(&page, Some(&model));
    let claim = overview.label(&path("Claim")).unwrap();
    assert_eq!((claim.comments, claim.above, claim.below), (1, 1, 0));
    assert_eq!(claim.mean, Some(0.8));
}

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

#[test]
fn colour_numbers_follow_first_appearance_with_parents_first_and_never_change() {
    let mut colours = LabelColours::default();
    colours.learn(&[path("B > x"), path("A")]);
    colours.learn(&[path("A"), path("C"), path("B")]);
    let numbers: Vec<Option<usize>> = ["B", "B > x", "A", "C", "Z"]
        .map(|p| colours.number(&path(p)))
        .to_vec();
    assert_eq!(numbers, [Some(0), Some(1), Some(2), Some(3), None]);
}
