//! General fields (fetch `entities`, results `general_fields`) and a label's extracted fields,
//! listed one way whatever route they came from.

use crate::api::{
    Comment, Entity, ExtractedField, GeneralFieldPrediction, SmolStr, Span, StreamPrediction,
    TaxonomyPrediction,
};

use super::spans::{ResolvedSpan, SpanError, resolve_spans};

/// Shown for a field that came without any name.
const UNNAMED: &str = "(unnamed field)";

/// One field as the views list it. A field whose spans do not fit is still listed; each span
/// says on its own whether it can be highlighted.
#[derive(Clone, Debug)]
pub struct FieldRow {
    pub name: SmolStr,
    /// Fetch route: the entity's kind, when the API sent one.
    pub kind: Option<SmolStr>,
    /// The formatted value; `None` for a defined field that was not found.
    pub value: Option<SmolStr>,
    pub confidence: Option<f64>,
    pub spans: Vec<Result<ResolvedSpan, SpanError>>,
}

/// The taxonomy a viewer shows: the one named `default`, else the first one sent.
pub fn shown_taxonomy(prediction: &StreamPrediction) -> Option<&TaxonomyPrediction> {
    let taxonomies = &prediction.taxonomies;
    taxonomies
        .iter()
        .find(|taxonomy| taxonomy.name.as_deref() == Some("default"))
        .or_else(|| taxonomies.first())
}

/// Collects the spans of many fields of one comment so they are resolved in one batch (one walk
/// per text), then hands each field its own answers back.
#[derive(Default)]
pub(crate) struct SpanBatch<'a> {
    spans: Vec<&'a Span>,
    pending: Vec<(FieldRow, std::ops::Range<usize>)>,
}

impl<'a> SpanBatch<'a> {
    pub(crate) fn entity(&mut self, entity: &'a Entity) {
        // The deprecated single span counts unless it repeats one of `spans`.
        let legacy = entity
            .span
            .as_ref()
            .filter(|span| !entity.spans.contains(span));
        self.push(
            FieldRow {
                name: entity_name(entity),
                kind: entity.kind.clone(),
                value: entity.formatted_value.clone(),
                confidence: entity.probability,
                spans: Vec::new(),
            },
            entity.spans.iter().chain(legacy),
        )
    }

    pub(crate) fn general_field(&mut self, field: &'a GeneralFieldPrediction) {
        self.push(
            FieldRow {
                name: general_field_name(field),
                kind: None,
                value: field.value.as_ref().and_then(|v| v.formatted.clone()),
                confidence: field.confidence,
                spans: Vec::new(),
            },
            &field.text_spans,
        )
    }

    pub(crate) fn extracted_field(&mut self, field: &'a ExtractedField) {
        self.push(
            FieldRow {
                name: name_or_unnamed(&field.name),
                kind: None,
                value: field.value.as_ref().and_then(|v| v.formatted.clone()),
                confidence: None,
                spans: Vec::new(),
            },
            &field.text_spans,
        )
    }

    fn push(&mut self, row: FieldRow, spans: impl IntoIterator<Item = &'a Span>) {
        let first = self.spans.len();
        self.spans.extend(spans);
        self.pending.push((row, first..self.spans.len()));
    }

    /// Resolves every collected span against `comment`; the rows come back in the order added.
    pub(crate) fn resolve(self, comment: &Comment) -> Vec<FieldRow> {
        let answers = resolve_spans(comment, self.spans);
        self.pending
            .into_iter()
            .map(|(mut row, range)| {
                row.spans = answers[range].to_vec();
                row
            })
            .collect()
    }
}

/// A general field's name on the fetch route: its `name`, else its `kind`, else its `field_id`.
pub(crate) fn entity_name(entity: &Entity) -> SmolStr {
    let name = [&entity.name, &entity.kind, &entity.field_id]
        .into_iter()
        .find_map(|name| name.as_ref().filter(|name| !name.is_empty()));
    name.cloned()
        .unwrap_or_else(|| SmolStr::new_static(UNNAMED))
}

/// A general field's name on the results route.
pub(crate) fn general_field_name(field: &GeneralFieldPrediction) -> SmolStr {
    name_or_unnamed(&field.name)
}

fn name_or_unnamed(name: &Option<SmolStr>) -> SmolStr {
    name.clone()
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| SmolStr::new_static(UNNAMED))
}
