//! How a stream's thresholds do on its model's validation, and how another model version would
//! do at them: the figures of the vendor's `re get stream-stats`, computed once for
//! `streamlens stats` and for the overview's version comparison.

use serde::Serialize;

use crate::api::{CurveError, LabelCurve, LabelPath, StreamModel};

/// One label's figures, named as the vendor's `-o json` names them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StreamStat {
    pub label_name: String,
    pub threshold: f64,
    pub precision: f64,
    pub recall: f64,
    /// The compared version at the same threshold.
    pub compare_to_precision: Option<f64>,
    pub compare_to_recall: Option<f64>,
    /// The compared version where it keeps the same recall.
    pub maintain_recall_precision: Option<f64>,
    pub maintain_recall_threshold: Option<f64>,
    /// The compared version where it keeps the same precision.
    pub maintain_precision_recall: Option<f64>,
    pub maintain_precision_threshold: Option<f64>,
}

/// The labels the stream lets through (a threshold below 100 %), with their thresholds, in the
/// model's order: the labels the figures are about.
pub fn thresholds_on(model: &StreamModel) -> Vec<(LabelPath, f64)> {
    (model.label_thresholds.iter())
        .filter(|t| t.is_on())
        .filter_map(|t| Some((t.name.clone(), t.threshold?)))
        .collect()
}

/// One label's figures: at the stream's threshold on `curve` (the stream's version), and where
/// the `compared` version keeps the same recall or precision (`None` where no entry does, as
/// the vendor's tool shows "none"). Without `compared`, only the first four figures.
pub fn label_stat(
    label: &LabelPath,
    threshold: f64,
    curve: &LabelCurve,
    compared: Option<&LabelCurve>,
) -> Result<StreamStat, CurveError> {
    let at = curve.at_threshold(threshold)?;
    let mut stat = StreamStat {
        label_name: label.to_string(),
        threshold,
        precision: at.precision,
        recall: at.recall,
        compare_to_precision: None,
        compare_to_recall: None,
        maintain_recall_precision: None,
        maintain_recall_threshold: None,
        maintain_precision_recall: None,
        maintain_precision_threshold: None,
    };
    if let Some(compared) = compared {
        let same_threshold = compared.at_threshold(threshold)?;
        let same_recall = compared.keeping_recall(at.recall)?;
        let same_precision = compared.keeping_precision(at.precision)?;
        stat.compare_to_precision = Some(same_threshold.precision);
        stat.compare_to_recall = Some(same_threshold.recall);
        stat.maintain_recall_precision = same_recall.map(|p| p.precision);
        stat.maintain_recall_threshold = same_recall.map(|p| p.threshold);
        stat.maintain_precision_recall = same_precision.map(|p| p.recall);
        stat.maintain_precision_threshold = same_precision.map(|p| p.threshold);
    }
    Ok(stat)
}

/// Curves on five thresholds for the tests of these figures, here and in `streamlens stats`.
#[cfg(test)]
pub(crate) mod test_curves {
    use crate::api::LabelCurve;

    /// A curve with these precisions and recalls at thresholds 0.9, 0.7, 0.5, 0.3 and 0.1.
    pub(crate) fn curve(precisions: &[f64], recalls: &[f64]) -> LabelCurve {
        LabelCurve {
            thresholds: vec![0.9, 0.7, 0.5, 0.3, 0.1],
            precisions: precisions.to_vec(),
            recalls: recalls.to_vec(),
        }
    }

    /// The stream's version: precision 0.8 and recall 0.7 at 0.5.
    pub(crate) fn stream() -> LabelCurve {
        curve(&[1.0, 0.95, 0.8, 0.6, 0.3], &[0.1, 0.4, 0.7, 0.9, 1.0])
    }

    /// Another version: precision 0.9 and recall 0.65 at 0.5.
    pub(crate) fn other() -> LabelCurve {
        curve(&[1.0, 0.97, 0.9, 0.8, 0.4], &[0.2, 0.5, 0.65, 0.75, 1.0])
    }
}

#[cfg(test)]
mod tests {
    use super::test_curves::{curve, other, stream};
    use super::*;

    #[test]
    fn a_compared_version_is_read_where_it_keeps_recall_and_precision() {
        let (stream, other) = (stream(), other());
        let label = LabelPath::parse("A > B");
        let stat = label_stat(&label, 0.5, &stream, Some(&other)).unwrap();
        assert_eq!((stat.precision, stat.recall), (0.8, 0.7));
        assert_eq!(stat.compare_to_precision, Some(0.9));
        assert_eq!(stat.compare_to_recall, Some(0.65));
        // Recall 0.7 is first reached at 0.3; precision 0.8 last held at 0.3 too.
        assert_eq!(stat.maintain_recall_threshold, Some(0.3));
        assert_eq!(stat.maintain_recall_precision, Some(0.8));
        assert_eq!(stat.maintain_precision_threshold, Some(0.3));
        assert_eq!(stat.maintain_precision_recall, Some(0.75));
        let alone = label_stat(&label, 0.5, &stream, None).unwrap();
        assert_eq!(alone.compare_to_precision, None);
    }

    #[test]
    fn a_version_that_never_reaches_the_figures_has_none_and_a_broken_curve_a_sentence() {
        let stream = stream();
        let weak = curve(&[0.5, 0.5, 0.4, 0.3, 0.2], &[0.1, 0.2, 0.3, 0.4, 0.5]);
        let label = LabelPath::parse("A");
        let stat = label_stat(&label, 0.5, &stream, Some(&weak)).unwrap();
        assert_eq!(stat.maintain_recall_threshold, None);
        assert_eq!(stat.maintain_precision_threshold, None);
        let uneven = LabelCurve {
            recalls: vec![0.5],
            ..weak
        };
        let err = label_stat(&label, 0.5, &stream, Some(&uneven)).unwrap_err();
        assert!(matches!(err, CurveError::UnevenLengths { .. }), "{err}");
    }

    #[test]
    fn only_thresholds_below_one_count() {
        let model: StreamModel = serde_json::from_value(serde_json::json!({"label_thresholds": [
            {"name": ["A"], "threshold": 0.5}, {"name": ["B"], "threshold": 1.0},
            {"name": ["C"]}, {"name": ["D", "E"], "threshold": 0.25}]}))
        .unwrap();
        assert_eq!(
            thresholds_on(&model),
            [
                (LabelPath::parse("A"), 0.5),
                (LabelPath::parse("D > E"), 0.25)
            ]
        );
    }
}
