//! What the service never sends but a lenient client must still read: user property keys with a
//! prefix other than `string:` and `number:`, `null` timestamps, optional fields left out. The
//! default data keeps to the service's wire format (the vendor's own client reads all of it);
//! these cases are served only when a test injects them, as faults that change a real answer, so
//! the rest of the answer stays what the server would have sent.

use serde_json::{Value, json};

use super::faults::Fault;

/// Every comment of a `/fetch` or `/results` page also gets `boolean:VIP`, `date:Opened` and
/// `Region` (no prefix at all).
pub fn unknown_property_prefixes() -> Fault {
    Fault::edit(|answer| {
        let Some(results) = answer["results"].as_array_mut() else {
            return;
        };
        for (n, result) in results.iter_mut().enumerate() {
            if let Some(properties) = result["comment"]["user_properties"].as_object_mut() {
                properties.insert("boolean:VIP".into(), json!(n % 2 == 0));
                properties.insert("date:Opened".into(), json!("2026-10-01"));
                properties.insert("Region".into(), json!("EMEA"));
            }
        }
    })
}

/// The timestamp fields of every object in the answer.
pub const TIMESTAMP_KEYS: &[&str] = &[
    "created_at",
    "updated_at",
    "created",
    "last_modified",
    "timestamp",
    "sent_at",
];

/// Every timestamp in the answer (projects, datasets, streams, comments, messages) is `null`.
pub fn null_timestamps() -> Fault {
    Fault::edit(|answer| {
        visit_objects(answer, &mut |object| {
            for key in TIMESTAMP_KEYS {
                if let Some(value) = object.get_mut(*key) {
                    *value = Value::Null;
                }
            }
        })
    })
}

/// Fields our client takes as optional, wherever they occur: titles, descriptions, timestamps,
/// filters, threads, sources, properties, attachments, message parts, sentiment, entities, the
/// dataset's definitions. Names and ids stay: those identify things.
pub const OPTIONAL_KEYS: &[&str] = &[
    "title",
    "description",
    "created_at",
    "updated_at",
    "created",
    "last_modified",
    "comment_filter",
    "thread_id",
    "timestamp",
    "source_id",
    "text_format",
    "user_properties",
    "attachments",
    "from",
    "to",
    "cc",
    "sent_at",
    "language",
    "subject",
    "signature",
    "sentiment",
    "entities",
    "label_properties",
    "model_family",
    "source_ids",
    "has_sentiment",
    "entity_defs",
    "general_fields",
    "label_defs",
    "label_groups",
    "_dataset_flags",
    "_label_properties",
    "_timezone",
];

/// Every optional field of [`OPTIONAL_KEYS`] is left out of the answer.
pub fn without_optional_fields() -> Fault {
    Fault::edit(|answer| {
        visit_objects(answer, &mut |object| {
            object.retain(|key, _| !OPTIONAL_KEYS.contains(&key.as_str()));
        })
    })
}

/// Calls `edit` on every object in `value`, outermost first.
fn visit_objects(value: &mut Value, edit: &mut dyn FnMut(&mut serde_json::Map<String, Value>)) {
    match value {
        Value::Object(object) => {
            edit(object);
            for child in object.values_mut() {
                visit_objects(child, edit);
            }
        }
        Value::Array(items) => {
            for item in items {
                visit_objects(item, edit);
            }
        }
        _ => {}
    }
}
