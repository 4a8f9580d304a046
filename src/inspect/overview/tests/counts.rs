//! Counts, order, what-if, histogram, borderline order, label filter and colours.

use serde_json::json;

use super::*;

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
fn colour_numbers_follow_first_appearance_with_parents_first_and_never_change() {
    let mut colours = LabelColours::default();
    colours.learn(&[path("B > x"), path("A")]);
    colours.learn(&[path("A"), path("C"), path("B")]);
    let numbers: Vec<Option<usize>> = ["B", "B > x", "A", "C", "Z"]
        .map(|p| colours.number(&path(p)))
        .to_vec();
    assert_eq!(numbers, [Some(0), Some(1), Some(2), Some(3), None]);
}
