//! Narrowing a page down to the results an analyst is looking for.

use crate::api::{LabelPath, StreamResult};
use crate::text::folded;

use super::labels::LabelState;
use super::result_view::ResultView;

/// Which predictions count for the label filter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LabelMode {
    /// Any predicted occurrence of the label.
    #[default]
    Any,
    /// Only occurrences above the stream's threshold.
    AboveThreshold,
}

/// What the analyst typed and picked. The default matches everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageFilter {
    /// Words that must all occur (case-insensitively, in any order) in a subject, body or sender.
    pub text: String,
    /// The label, or any label under it.
    pub label: Option<LabelPath>,
    pub label_mode: LabelMode,
    /// A user property by name (without its type prefix) whose value contains the text,
    /// case-insensitively; an empty text asks only that the property exists.
    pub property: Option<(String, String)>,
    /// A general field the result has, by name (or, on the fetch route, by entity kind).
    pub has_general_field: Option<String>,
}

/// A filter prepared for matching: needles lowercased once, not once per result.
struct Prepared<'f> {
    words: Vec<String>,
    filter: &'f PageFilter,
    property_value: String,
}

/// Indices of the results matching `filter`, in page order. `views[i]` must be the view of
/// `results[i]`.
pub(crate) fn matching(
    results: &[StreamResult],
    views: &[ResultView],
    filter: &PageFilter,
) -> Vec<usize> {
    let prepared = Prepared {
        words: filter.text.split_whitespace().map(folded).collect(),
        property_value: filter
            .property
            .as_ref()
            .map(|(_, value)| folded(value))
            .unwrap_or_default(),
        filter,
    };
    results
        .iter()
        .zip(views)
        .enumerate()
        .filter(|(_, (result, view))| prepared.matches(result, view))
        .map(|(index, _)| index)
        .collect()
}

impl Prepared<'_> {
    fn matches(&self, result: &StreamResult, view: &ResultView) -> bool {
        self.words
            .iter()
            .all(|word| view.search_text.contains(word.as_str()))
            && self.label_matches(view)
            && self.property_matches(result)
            && self.field_matches(view)
    }

    fn label_matches(&self, view: &ResultView) -> bool {
        let Some(wanted) = &self.filter.label else {
            return true;
        };
        view.label_list().is_some_and(|list| {
            list.rows().iter().any(|row| {
                row.path.starts_with(wanted)
                    && match self.filter.label_mode {
                        LabelMode::Any => !row.is_placeholder(),
                        LabelMode::AboveThreshold => row.state == LabelState::Above,
                    }
            })
        })
    }

    fn property_matches(&self, result: &StreamResult) -> bool {
        let Some((name, _)) = &self.filter.property else {
            return true;
        };
        result.comment.user_properties.iter().any(|property| {
            property.name() == *name
                && folded(&property.value.to_string()).contains(&self.property_value)
        })
    }

    fn field_matches(&self, view: &ResultView) -> bool {
        self.filter.has_general_field.as_ref().is_none_or(|name| {
            view.general_fields
                .iter()
                .any(|field| field.name == *name || field.kind.as_deref() == Some(name.as_str()))
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::api::{Page, Route, StreamModel};
    use crate::inspect::{PageIndex, test_pages};

    fn sample() -> Page {
        test_pages::page(
            Route::Fetch,
            vec![
                json!({"comment": {
                    "messages": [{"subject": {"text": "Nová ŠKODNÍ událost"}, "from": "Jan@Example.cz",
                                  "body": {"text": "Auto bylo poškozeno"}}],
                    "user_properties": {"string:Mailbox": "Claims@ACME.example", "number:Size": 3}},
                    "labels": [{"name": ["Claim", "New"], "probability": 0.9}],
                    "entities": [{"name": "policy_number", "kind": "policy", "formatted_value": "X"}]}),
                json!({"comment": {
                    "messages": [{"subject": {"text": "Invoice"}, "from": "billing@corp",
                                  "body": {"text": "Please pay the claim"}}],
                    "user_properties": {"string:Mailbox": "billing@acme.example"}},
                    "labels": [{"name": ["Claim"], "probability": 0.4}]}),
                json!({"comment": {"messages": [{"body": {"text": "no model here"}}]}}),
            ],
        )
    }

    fn matching(filter: PageFilter) -> Vec<usize> {
        let page = sample();
        let stream: StreamModel = serde_json::from_value(json!({"label_thresholds": [
            {"name": ["Claim", "New"], "threshold": 0.5}, {"name": ["Claim"], "threshold": 0.5}]}))
        .unwrap();
        PageIndex::build(&page, Some(&stream)).filter(&page, &filter)
    }

    #[test]
    fn an_empty_filter_matches_everything() {
        assert_eq!(matching(PageFilter::default()), [0, 1, 2]);
        let blank = PageFilter {
            text: "  \t ".into(),
            ..PageFilter::default()
        };
        assert_eq!(matching(blank), [0, 1, 2]);
    }

    #[test]
    fn text_matches_every_word_in_subject_body_or_sender_ignoring_case() {
        let text = |text: &str| PageFilter {
            text: text.into(),
            ..PageFilter::default()
        };
        assert_eq!(
            matching(text("škodní")),
            [0],
            "Unicode lowercase of the subject"
        );
        assert_eq!(
            matching(text("POŠKOZENO jan@")),
            [0],
            "body and sender, any order"
        );
        assert_eq!(matching(text("claim")), [1], "the body, not the label name");
        assert_eq!(matching(text("model invoice")), Vec::<usize>::new());
        assert_eq!(
            matching(text("claims@acme")),
            Vec::<usize>::new(),
            "properties are not text"
        );
    }

    #[test]
    fn labels_match_themselves_and_their_children_by_mode() {
        let label = |path: &str, label_mode| PageFilter {
            label: Some(LabelPath::parse(path)),
            label_mode,
            ..PageFilter::default()
        };
        assert_eq!(matching(label("Claim", LabelMode::Any)), [0, 1]);
        assert_eq!(matching(label("Claim", LabelMode::AboveThreshold)), [0]);
        assert_eq!(matching(label("Claim > New", LabelMode::Any)), [0]);
        assert_eq!(
            matching(label("Claim > Other", LabelMode::Any)),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn properties_match_by_name_and_value_substring() {
        let property = |name: &str, value: &str| PageFilter {
            property: Some((name.into(), value.into())),
            ..PageFilter::default()
        };
        assert_eq!(matching(property("Mailbox", "claims@acme")), [0]);
        assert_eq!(matching(property("Mailbox", "")), [0, 1]);
        assert_eq!(matching(property("Size", "3")), [0]);
        assert_eq!(
            matching(property("mailbox", "")),
            Vec::<usize>::new(),
            "names are exact"
        );
    }

    #[test]
    fn general_fields_match_by_name_or_kind_and_filters_combine() {
        let field = |name: &str| PageFilter {
            has_general_field: Some(name.into()),
            ..PageFilter::default()
        };
        assert_eq!(matching(field("policy_number")), [0]);
        assert_eq!(matching(field("policy")), [0]);
        assert_eq!(matching(field("date")), Vec::<usize>::new());
        let both = PageFilter {
            text: "pay".into(),
            has_general_field: Some("policy".into()),
            ..PageFilter::default()
        };
        assert_eq!(matching(both), Vec::<usize>::new());
    }
}
