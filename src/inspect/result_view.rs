//! Everything the detail view shows about one result, computed once when the page arrives.

use std::ops::Range;

use crate::api::{Route, StreamResult};
use crate::text::fold_case_into;

use super::fields::{FieldRow, SpanBatch, shown_taxonomy};
use super::highlight::highlight_segments;
use super::labels::{LabelList, LabelRow, Labels, Thresholds, fetch_row, results_row};
use super::scores::{ScoreRow, scores};
use super::spans::ContentPart;
use super::taxonomy::arrange;

/// Which field a highlighted piece of text belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldRef {
    /// `ResultView::general_fields[index]`.
    General(usize),
    /// `fields[field]` of the label row `rows()[label_row]`.
    Extracted { label_row: usize, field: usize },
}

/// The text of one message part cut into plain and highlighted pieces.
#[derive(Clone, Debug)]
pub struct PartHighlights {
    pub message_index: usize,
    pub part: ContentPart,
    /// Byte ranges covering the part's text in order; `Some` where a field's span is drawn.
    pub segments: Vec<(Range<usize>, Option<FieldRef>)>,
}

/// One result as the detail view shows it: label rows, general fields, scores and the
/// highlighted pieces of every part a span points into.
#[derive(Clone, Debug)]
pub struct ResultView {
    pub labels: Labels,
    /// Fetch `entities` or the results route's `general_fields`, as sent.
    pub general_fields: Vec<FieldRow>,
    pub scores: Vec<ScoreRow>,
    /// Only parts that some span points into, sorted by message and part; every other part is
    /// drawn as plain text.
    highlights: Vec<PartHighlights>,
    /// Subjects, bodies and senders, case-folded once for the text filter.
    pub(crate) search_text: String,
}

impl ResultView {
    pub(crate) fn build(result: &StreamResult, route: Route, thresholds: &Thresholds) -> Self {
        let mut batch = SpanBatch::default();
        let mut general_count = 0;
        let mut field_counts = Vec::new();
        let predicted: Option<Vec<LabelRow>> = match route {
            Route::Fetch => {
                for entity in &result.entities {
                    batch.entity(entity);
                    general_count += 1;
                }
                result.labels.as_ref().map(|labels| {
                    labels
                        .iter()
                        .map(|label| fetch_row(label, thresholds))
                        .collect()
                })
            }
            Route::Results => result.prediction.as_ref().map(|prediction| {
                let Some(taxonomy) = shown_taxonomy(prediction) else {
                    return Vec::new();
                };
                for field in &taxonomy.general_fields {
                    batch.general_field(field);
                    general_count += 1;
                }
                taxonomy
                    .labels
                    .iter()
                    .map(|occurrence| {
                        field_counts.push(occurrence.fields.len());
                        results_row(occurrence, thresholds, &mut batch)
                    })
                    .collect()
            }),
        };

        let mut fields = batch.resolve(&result.comment).into_iter();
        let general_fields: Vec<FieldRow> = fields.by_ref().take(general_count).collect();
        let labels = match predicted {
            None => Labels::NoModel,
            Some(mut rows) => {
                for (row, count) in rows.iter_mut().zip(field_counts) {
                    row.fields = fields.by_ref().take(count).collect();
                }
                Labels::Predicted(arrange(rows, thresholds))
            }
        };
        let highlights = highlights(result, &general_fields, &labels);
        Self {
            scores: scores(result, route),
            search_text: search_text(result),
            labels,
            general_fields,
            highlights,
        }
    }

    /// The highlighted pieces of one part, or `None` when no span points into it.
    pub fn highlights(&self, message_index: usize, part: ContentPart) -> Option<&PartHighlights> {
        let at = self
            .highlights
            .binary_search_by_key(&(message_index, part), |h| (h.message_index, h.part))
            .ok()?;
        Some(&self.highlights[at])
    }

    /// The field a highlight points at.
    pub fn field(&self, field: FieldRef) -> Option<&FieldRow> {
        match field {
            FieldRef::General(index) => self.general_fields.get(index),
            FieldRef::Extracted { label_row, field } => match &self.labels {
                Labels::Predicted(list) => list.rows().get(label_row)?.fields.get(field),
                Labels::NoModel => None,
            },
        }
    }

    /// The label list, or `None` when the stream has no model.
    pub fn label_list(&self) -> Option<&LabelList> {
        match &self.labels {
            Labels::Predicted(list) => Some(list),
            Labels::NoModel => None,
        }
    }
}

fn highlights(result: &StreamResult, general: &[FieldRow], labels: &Labels) -> Vec<PartHighlights> {
    let general = general
        .iter()
        .enumerate()
        .map(|(index, row)| (FieldRef::General(index), row));
    let extracted = match labels {
        Labels::Predicted(list) => list.rows(),
        Labels::NoModel => &[],
    }
    .iter()
    .enumerate()
    .flat_map(|(label_row, row)| {
        row.fields
            .iter()
            .enumerate()
            .map(move |(field, row)| (FieldRef::Extracted { label_row, field }, row))
    });
    let mut spans: Vec<(usize, ContentPart, Range<usize>, FieldRef)> = general
        .chain(extracted)
        .flat_map(|(field, row)| {
            row.spans
                .iter()
                .flatten()
                .map(move |span| (span.message_index, span.part, span.bytes.clone(), field))
        })
        .collect();
    // Stable: within a part, spans keep field order, which decides ties between equal spans.
    spans.sort_by_key(|(message, part, _, _)| (*message, *part));
    spans
        .chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .map(|group| {
            let (message_index, part) = (group[0].0, group[0].1);
            let message = &result.comment.messages[message_index];
            let text = part.text_of(message).unwrap_or_default();
            let ranges: Vec<Range<usize>> = group.iter().map(|s| s.2.clone()).collect();
            let segments = highlight_segments(text, &ranges)
                .into_iter()
                .map(|(range, drawn)| (range, drawn.map(|i| group[i].3)))
                .collect();
            PartHighlights {
                message_index,
                part,
                segments,
            }
        })
        .collect()
}

/// What the text filter searches: every message's subject, body and sender, case-folded.
fn search_text(result: &StreamResult) -> String {
    let messages = &result.comment.messages;
    let size = messages.iter().map(|m| m.body.text.len() + 64).sum();
    let mut text = String::with_capacity(size);
    for message in messages {
        let subject = message.subject.as_ref().map(|s| s.text.as_str());
        for part in [
            subject,
            Some(message.body.text.as_str()),
            message.from.as_deref(),
        ] {
            fold_case_into(part.unwrap_or_default(), &mut text);
            // A newline between parts keeps a match from spanning two of them.
            text.push('\n');
        }
    }
    text
}

#[cfg(test)]
#[path = "result_view_tests.rs"]
mod tests;
