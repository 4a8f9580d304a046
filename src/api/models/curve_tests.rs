//! Reading hand-made curves, whose answers can be checked by eye.

use super::*;

/// Thresholds 0.9 … 0.1; precision falls and recall rises down the list.
fn curve() -> LabelCurve {
    LabelCurve {
        thresholds: vec![0.9, 0.7, 0.5, 0.3, 0.1],
        precisions: vec![1.0, 0.95, 0.8, 0.6, 0.3],
        recalls: vec![0.1, 0.4, 0.7, 0.9, 1.0],
    }
}

fn point(threshold: f64, precision: f64, recall: f64) -> CurvePoint {
    CurvePoint {
        threshold,
        precision,
        recall,
    }
}

#[test]
fn at_a_threshold_is_the_first_entry_at_or_below_it() {
    let curve = curve();
    assert_eq!(curve.at_threshold(0.5), Ok(point(0.5, 0.8, 0.7)));
    assert_eq!(curve.at_threshold(0.6), Ok(point(0.5, 0.8, 0.7)));
    assert_eq!(curve.at_threshold(0.99), Ok(point(0.9, 1.0, 0.1)));
    assert_eq!(curve.at_threshold(0.1), Ok(point(0.1, 0.3, 1.0)));
    let below = curve.at_threshold(0.05).unwrap_err();
    assert_eq!(
        below,
        CurveError::BelowLowest {
            threshold: 0.05,
            lowest: 0.1
        }
    );
    assert_eq!(
        below.to_string(),
        "The validation curve has no entry at a threshold of 0.05 or below (its lowest is 0.1)."
    );
}

#[test]
fn keeping_a_recall_is_the_first_entry_that_reaches_it() {
    let curve = curve();
    assert_eq!(curve.keeping_recall(0.7), Ok(Some(point(0.5, 0.8, 0.7))));
    assert_eq!(curve.keeping_recall(0.75), Ok(Some(point(0.3, 0.6, 0.9))));
    assert_eq!(curve.keeping_recall(0.0), Ok(Some(point(0.9, 1.0, 0.1))));
    assert_eq!(curve.keeping_recall(1.01), Ok(None));
}

#[test]
fn keeping_a_precision_is_the_last_entry_that_reaches_it() {
    let curve = curve();
    assert_eq!(curve.keeping_precision(0.8), Ok(Some(point(0.5, 0.8, 0.7))));
    assert_eq!(
        curve.keeping_precision(0.96),
        Ok(Some(point(0.9, 1.0, 0.1)))
    );
    assert_eq!(curve.keeping_precision(1.01), Ok(None));
    // A real curve wobbles: the last entry that reaches it wins, not the first.
    let wobbly = LabelCurve {
        precisions: vec![1.0, 0.7, 0.9, 0.6, 0.3],
        ..curve
    };
    assert_eq!(
        wobbly.keeping_precision(0.85),
        Ok(Some(point(0.5, 0.9, 0.7)))
    );
}

#[test]
fn equal_neighbouring_thresholds_are_in_order() {
    let flat = LabelCurve {
        thresholds: vec![0.5, 0.5, 0.2],
        precisions: vec![0.9, 0.8, 0.5],
        recalls: vec![0.2, 0.3, 0.9],
    };
    assert_eq!(flat.at_threshold(0.5), Ok(point(0.5, 0.9, 0.2)));
}

#[test]
fn broken_curves_are_described_in_a_sentence() {
    let good = curve();
    let sentence = |curve: LabelCurve| curve.at_threshold(0.5).unwrap_err().to_string();
    assert_eq!(
        sentence(LabelCurve::default()),
        "The validation curve has no entries."
    );
    let uneven = LabelCurve {
        recalls: vec![0.1, 0.2],
        ..good.clone()
    };
    assert_eq!(
        sentence(uneven),
        "The validation curve's lists differ in length: 5 thresholds, 5 precisions and 2 recalls."
    );
    let mut nan = good.clone();
    nan.precisions[3] = f64::NAN;
    assert_eq!(
        sentence(nan),
        "Entry 4 of the validation curve's precisions is not a number."
    );
    let mut unsorted = good.clone();
    unsorted.thresholds[2] = 0.8;
    assert_eq!(
        sentence(unsorted),
        "The validation curve's thresholds do not run from high to low: entry 3 is higher than \
         entry 2."
    );
    let mut above_one = good.clone();
    above_one.recalls[1] = 1.4;
    assert_eq!(
        sentence(above_one),
        "Entry 2 of the validation curve's recalls is 1.4, outside 0 to 1."
    );
    assert_eq!(
        good.keeping_recall(f64::NAN).unwrap_err().to_string(),
        "The recall asked about is not a number."
    );
}

#[test]
fn non_numbers_in_the_json_read_as_gaps_that_the_reading_names() {
    let body = r#"{"thresholds": [0.9, 0.5], "precisions": [1.0, "high"], "recalls": null}"#;
    let read: LabelCurve = serde_json::from_str(body).unwrap();
    assert_eq!(read.thresholds, [0.9, 0.5]);
    assert!(read.precisions[1].is_nan());
    assert!(read.recalls.is_empty());
    assert!(matches!(
        read.check(),
        Err(CurveError::UnevenLengths { recalls: 0, .. })
    ));
    let not_a_list = serde_json::from_str::<LabelCurve>(r#"{"thresholds": "0.9"}"#);
    assert!(not_a_list.is_err(), "a list that is no list fails the read");
}

proptest::proptest! {
    #[test]
    fn no_curve_and_no_question_panics(
        thresholds in proptest::collection::vec(proptest::num::f64::ANY, 0..6),
        precisions in proptest::collection::vec(proptest::num::f64::ANY, 0..6),
        recalls in proptest::collection::vec(proptest::num::f64::ANY, 0..6),
        question in proptest::num::f64::ANY,
    ) {
        let curve = LabelCurve { thresholds, precisions, recalls };
        let _ = curve.at_threshold(question);
        let _ = curve.keeping_recall(question);
        let _ = curve.keeping_precision(question);
        if curve.check().is_ok() && !question.is_nan() {
            proptest::prop_assert!(curve.keeping_recall(question).is_ok());
        }
    }
}
