//! What our client read against what the vendor's client read from the same answer, field by
//! field; each function panics naming the first difference.

use chrono::{DateTime, Utc};
use reinfer_client::resources::stream::StreamResult as VendorResult;
use serde::Serialize;
use serde_json::Value;
use streamlens::api::{self, PropertyValue, Timestamp};

/// The same instant, to the nanosecond.
pub fn time(ours: Option<&Timestamp>, theirs: &DateTime<Utc>, what: &str) {
    let ours = ours.and_then(|t| t.instant).map(|t| t.as_nanosecond());
    assert_eq!(ours, theirs.timestamp_nanos_opt().map(i128::from), "{what}");
}

/// Both sides written as JSON are equal (the vendor's types and ours serialise what they read).
pub fn json(ours: &impl Serialize, theirs: &impl Serialize, what: &str) {
    let ours = serde_json::to_value(ours).unwrap();
    let theirs = serde_json::to_value(theirs).unwrap();
    assert_eq!(ours, theirs, "{what}");
}

pub fn stream(ours: &api::Stream, theirs: &reinfer_client::Stream) {
    let what = &ours.name;
    assert_eq!(ours.name, theirs.name.0);
    assert_eq!(ours.id.as_deref(), Some(theirs.id.0.as_str()), "{what}");
    assert_eq!(
        ours.dataset_id.as_deref(),
        Some(&*theirs.dataset_id.0),
        "{what}"
    );
    assert_eq!(ours.title.as_deref(), Some(&*theirs.title), "{what}");
    assert_eq!(
        ours.description.as_deref(),
        Some(&*theirs.description),
        "{what}"
    );
    time(ours.created_at.as_ref(), &theirs.created_at, what);
    time(ours.updated_at.as_ref(), &theirs.updated_at, what);
    let filter: Value = ours
        .comment_filter
        .as_ref()
        .map_or(Value::Null, |raw| serde_json::from_str(raw.get()).unwrap());
    json(&filter, &theirs.comment_filter, what);
    match (&ours.model, &theirs.model) {
        (None, None) => {}
        (Some(ours), Some(theirs)) => {
            assert_eq!(ours.version, Some(i64::from(theirs.version.0)), "{what}");
            assert_eq!(ours.label_thresholds.len(), theirs.label_thresholds.len());
            for (ours, theirs) in ours.label_thresholds.iter().zip(&theirs.label_thresholds) {
                assert_eq!(ours.name.segments(), &theirs.name[..], "{what}");
                assert_eq!(
                    ours.threshold,
                    Some(theirs.threshold.into_inner()),
                    "{what}"
                );
            }
        }
        (ours, theirs) => panic!("{what}: model {ours:?} against {theirs:?}"),
    }
}

pub fn comment(ours: &api::Comment, theirs: &reinfer_client::Comment) {
    let what = ours.uid.as_str();
    assert_eq!(ours.uid, theirs.uid.0);
    assert_eq!(ours.id, theirs.id.0, "{what}");
    assert_eq!(
        ours.thread_id.as_deref(),
        theirs.thread_id.as_ref().map(|t| t.0.as_str()),
        "{what}"
    );
    time(ours.timestamp.as_ref(), &theirs.timestamp, what);
    time(ours.created_at.as_ref(), &theirs.created_at, what);
    assert_eq!(
        ours.user_properties.len(),
        theirs.user_properties.len(),
        "{what}"
    );
    for property in ours.user_properties.iter() {
        let name = property.name();
        match (&property.value, theirs.user_properties.get(name)) {
            (PropertyValue::String(ours), Some(reinfer_client::PropertyValue::String(theirs))) => {
                assert_eq!(ours, theirs, "{what} {name}")
            }
            (
                PropertyValue::Number { value, .. },
                Some(reinfer_client::PropertyValue::Number(theirs)),
            ) => assert_eq!(*value, theirs.into_inner(), "{what} {name}"),
            (ours, theirs) => panic!("{what} {name}: {ours:?} against {theirs:?}"),
        }
    }
    assert_eq!(ours.messages.len(), theirs.messages.len(), "{what}");
    for (ours, theirs) in ours.messages.iter().zip(&theirs.messages) {
        assert_eq!(ours.from.as_deref(), theirs.from.as_deref(), "{what}");
        let to: Vec<&str> = ours.to.iter().map(|t| t.as_str()).collect();
        assert_eq!(to, theirs.to.clone().unwrap_or_default(), "{what}");
        let cc: Vec<&str> = ours.cc.iter().map(|t| t.as_str()).collect();
        assert_eq!(cc, theirs.cc.clone().unwrap_or_default(), "{what}");
        assert_eq!(
            ours.language.as_deref(),
            theirs.language.as_deref(),
            "{what}"
        );
        if let Some(sent_at) = &theirs.sent_at {
            time(ours.sent_at.as_ref(), sent_at, what);
        }
        assert_eq!(
            ours.subject.as_ref().map(|s| (&s.text, &s.translated_from)),
            theirs
                .subject
                .as_ref()
                .map(|s| (&s.text, &s.translated_from)),
            "{what}"
        );
        assert_eq!(ours.body.text, theirs.body.text, "{what}");
        assert_eq!(
            ours.body.translated_from, theirs.body.translated_from,
            "{what}"
        );
        let markup = ours
            .body
            .text_markup
            .as_ref()
            .map(|raw| serde_json::from_str::<Value>(raw.get()).unwrap());
        assert_eq!(markup, theirs.body.text_markup, "{what}");
        assert_eq!(
            ours.signature.as_ref().map(|s| &s.text),
            theirs.signature.as_ref().map(|s| &s.text),
            "{what}"
        );
    }
    let attachments = |a: &api::Attachment| (a.name.clone(), a.size, a.content_type.clone());
    let ours: Vec<_> = ours.attachments.iter().map(attachments).collect();
    let theirs: Vec<_> = theirs
        .attachments
        .iter()
        .map(|a| {
            (
                Some(a.name.as_str().into()),
                Some(a.size),
                Some(a.content_type.as_str().into()),
            )
        })
        .collect();
    assert_eq!(ours, theirs, "{what}");
}

/// One `/fetch` result: the comment, its position, labels with probabilities and sentiment,
/// and general fields with their spans.
pub fn result(ours: &api::StreamResult, theirs: &VendorResult) {
    comment(&ours.comment, &theirs.comment);
    let what = ours.comment.uid.as_str();
    assert_eq!(
        ours.sequence_id.as_deref(),
        Some(&*theirs.sequence_id.0),
        "{what}"
    );
    let labels = |labels: &[api::PredictedLabel]| -> Vec<(String, Option<f64>, Option<f64>)> {
        labels
            .iter()
            .map(|l| (l.name.to_string(), l.probability, l.sentiment))
            .collect()
    };
    let theirs_labels: Option<Vec<_>> = theirs.labels.as_ref().map(|labels| {
        labels
            .iter()
            .map(|l| {
                (
                    l.name.to_label_name().0,
                    Some(l.probability.into_inner()),
                    l.sentiment.map(|s| s.into_inner()),
                )
            })
            .collect()
    });
    assert_eq!(ours.labels.as_deref().map(labels), theirs_labels, "{what}");
    let theirs_entities = theirs.entities.clone().unwrap_or_default();
    assert_eq!(ours.entities.len(), theirs_entities.len(), "{what}");
    for (ours, theirs) in ours.entities.iter().zip(&theirs_entities) {
        assert_eq!(ours.name.as_deref(), Some(&*theirs.name.0), "{what}");
        assert_eq!(
            ours.formatted_value.as_deref(),
            Some(&*theirs.formatted_value),
            "{what}"
        );
        json(&ours.spans, &theirs.spans, what);
    }
}
