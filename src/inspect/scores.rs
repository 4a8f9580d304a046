//! Document-level scores (tone, quality of service) and the words for a sentiment's sign.

use crate::api::{Route, StreamResult};

/// Tone and quality of service run from −10 to 10, as the platform's UI shows them.
pub const SCORE_SCALE: f64 = 10.0;

/// One document score, named for people. `value` is as sent: the API documents no range, so
/// nothing is clamped; only the bar stops at the scale's ends.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreRow {
    /// `Tone`, `Quality of service`, or the name as sent for anything newer.
    pub name: String,
    pub value: f64,
}

impl ScoreRow {
    /// The value for people: one decimal, signed, with a true minus sign (`−7.9`, `+3.0`,
    /// `0.0`). Exports keep the value as sent.
    pub fn shown(&self) -> String {
        let rounded = (self.value * 10.0).round() / 10.0;
        if !rounded.is_finite() {
            return "?".to_owned();
        }
        match rounded {
            r if r > 0.0 => format!("+{r:.1}"),
            r if r < 0.0 => format!("\u{2212}{:.1}", -r),
            _ => "0.0".to_owned(),
        }
    }

    /// How far a bar drawn from the middle reaches: −1 (the scale's low end) to 1; a value
    /// beyond the scale fills its side, and one that is no number draws nothing.
    pub fn bar(&self) -> f64 {
        match self.value / SCORE_SCALE {
            reach if reach.is_finite() => reach.clamp(-1.0, 1.0),
            _ => 0.0,
        }
    }
}

/// The result's scores: `label_properties` on the fetch route, `prediction.scores` on the
/// results route (read by [`StreamResult::scores`]). Empty when the dataset has none; the
/// results route leaves out scores of exactly 0, so an absent score there may mean zero.
pub fn scores(result: &StreamResult, route: Route) -> Vec<ScoreRow> {
    (result.scores(route).into_iter())
        .map(|(name, value)| ScoreRow {
            name: display_name(name),
            value,
        })
        .collect()
}

fn display_name(name: &str) -> String {
    match name {
        "tone" => "Tone".to_owned(),
        "quality_of_service" => "Quality of service".to_owned(),
        other => other.to_owned(),
    }
}

/// A label's sentiment in a word: only its sign is documented.
pub fn sentiment_word(sentiment: f64) -> &'static str {
    if sentiment > 0.0 {
        "positive"
    } else if sentiment < 0.0 {
        "negative"
    } else {
        "neutral"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(json: serde_json::Value) -> StreamResult {
        let mut object = json;
        object["comment"] = serde_json::json!({"id": "1", "uid": "s.1"});
        serde_json::from_value(object).unwrap()
    }

    #[test]
    fn fetch_reads_label_properties_and_results_reads_scores() {
        let fetch = result(serde_json::json!({"label_properties": [
            {"property_id": "1", "property_name": "tone", "value": -3.5},
            {"property_id": "2", "property_name": "quality_of_service", "value": 12.0},
            {"property_id": "3", "value": 1.0},
            {"property_name": "tone"}
        ]}));
        let rows = scores(&fetch, Route::Fetch);
        let shown: Vec<_> = rows.iter().map(|r| (r.name.as_str(), r.value)).collect();
        assert_eq!(
            shown,
            [("Tone", -3.5), ("Quality of service", 12.0), ("3", 1.0)]
        );

        let results = result(serde_json::json!({"prediction": {"scores": [
            {"name": "tone", "value": 4.0}, {"name": "urgency", "value": 0.5}]}}));
        let shown: Vec<_> = scores(&results, Route::Results)
            .into_iter()
            .map(|r| (r.name, r.value))
            .collect();
        assert_eq!(
            shown,
            [("Tone".to_owned(), 4.0), ("urgency".to_owned(), 0.5)]
        );
    }

    #[test]
    fn nothing_when_absent() {
        assert!(scores(&result(serde_json::json!({})), Route::Fetch).is_empty());
        assert!(
            scores(
                &result(serde_json::json!({"prediction": null})),
                Route::Results
            )
            .is_empty()
        );
    }

    #[test]
    fn a_score_reads_with_one_decimal_and_its_sign_and_its_bar_stops_at_the_scale() {
        let row = |value| ScoreRow {
            name: "Tone".into(),
            value,
        };
        let tone = row(-7.893252867390552);
        assert_eq!(tone.shown(), "\u{2212}7.9");
        assert!((tone.bar() + 0.7893252867390552).abs() < 1e-12);
        assert_eq!(row(3.0).shown(), "+3.0");
        assert_eq!(row(0.04).shown(), "0.0");
        assert_eq!(row(-0.04).shown(), "0.0", "no minus before a zero");
        assert_eq!(row(12.0).shown(), "+12.0", "the text says how far");
        assert_eq!(row(12.0).bar(), 1.0);
        assert_eq!(row(-30.0).bar(), -1.0);
        assert_eq!(row(f64::NAN).shown(), "?");
        assert_eq!(row(f64::INFINITY).bar(), 0.0);
    }

    #[test]
    fn sentiment_words_follow_the_sign() {
        assert_eq!(sentiment_word(-0.42), "negative");
        assert_eq!(sentiment_word(0.1), "positive");
        assert_eq!(sentiment_word(0.0), "neutral");
    }
}
