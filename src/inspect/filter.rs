//! Narrowing a page down to the results an analyst is looking for.

use crate::api::{LabelPath, StreamResult};

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
        words: filter
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect(),
        property_value: filter
            .property
            .as_ref()
            .map(|(_, value)| value.to_lowercase())
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
            property.name == *name
                && property
                    .value
                    .to_string()
                    .to_lowercase()
                    .contains(&self.property_value)
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
