//! Document-level scores (tone, quality of service) and the words for a sentiment's sign.

use crate::api::{Route, StreamResult};

/// One document score, named for people. Values are shown as sent: tone runs −10..10 in the
/// platform's UI, but the API documents no range, so nothing is clamped.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreRow {
    /// `Tone`, `Quality of service`, or the name as sent for anything newer.
    pub name: String,
    pub value: f64,
}

/// The result's scores: `label_properties` on the fetch route, `prediction.scores` on the
/// results route. Empty when the dataset has none; the results route leaves out scores of
/// exactly 0, so an absent score there may mean zero.
pub fn scores(result: &StreamResult, route: Route) -> Vec<ScoreRow> {
    let named: Vec<(Option<&str>, Option<f64>)> = match route {
        Route::Fetch => result
            .label_properties
            .iter()
            .map(|p| {
                (
                    p.property_name.as_deref().or(p.property_id.as_deref()),
                    p.value,
                )
            })
            .collect(),
        Route::Results => result
            .prediction
            .iter()
            .flat_map(|prediction| &prediction.scores)
            .map(|score| (score.name.as_deref(), score.value))
            .collect(),
    };
    named
        .into_iter()
        .filter_map(|(name, value)| {
            Some(ScoreRow {
                name: display_name(name?),
                value: value?,
            })
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
    fn sentiment_words_follow_the_sign() {
        assert_eq!(sentiment_word(-0.42), "negative");
        assert_eq!(sentiment_word(0.1), "positive");
        assert_eq!(sentiment_word(0.0), "neutral");
    }
}
