//! Deterministic, realistic comments: e-mail threads with translations, emoji and right-to-left
//! text, chat transcripts with many messages, typed user properties, four-level label paths with
//! sentiment, general fields with exact spans, tone and quality of service.
//!
//! Every comment is built in the shape of a `/fetch` result (without its `sequence_id`); the
//! `/results` shape is derived from it in [`super::pages`].

use fastrand::Rng;
use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};

use super::comment_texts::{
    BANK_LABELS, CHAT_AGENT, CHAT_CUSTOMER, FOREIGN, MAILBOX, OTHER_MAILBOX, PEOPLE, TOPICS, Topic,
};

/// One comment in a stream, with what the server needs to know about it but does not send.
#[derive(Clone, Debug)]
pub struct Item {
    /// The `/fetch` result object, without `sequence_id`.
    pub result: Value,
    /// The platform's ingestion time: what `/reset` compares against.
    pub created_at: Timestamp,
    /// Whether the stream's comment filter lets it through.
    pub passes: bool,
}

/// How a generated stream's comments look.
#[derive(Clone, Copy, Debug)]
pub struct Recipe {
    pub seed: u64,
    pub source_id: &'static str,
    /// The number of the first comment: its id is `c` and the number in six digits. Streams
    /// drawing on one source take ranges of their own, so an id names one comment.
    pub first_id: usize,
    pub start: Timestamp,
    /// Predictions are included (a stream without a model has none).
    pub with_model: bool,
    /// Every n-th comment goes to a mailbox the stream's filter rejects (0 = none).
    pub reject_every: usize,
}

/// Generates `count` e-mail comments in threads of one to four messages each.
pub fn emails(recipe: Recipe, count: usize) -> Vec<Item> {
    let mut rng = Rng::with_seed(recipe.seed);
    let mut items = Vec::with_capacity(count);
    let mut thread = 0;
    while items.len() < count {
        thread += 1;
        let topic = &TOPICS[rng.usize(..TOPICS.len())];
        let customer = PEOPLE[rng.usize(..PEOPLE.len())];
        let replies = rng.usize(0..4).min(count - items.len() - 1);
        for reply in 0..=replies {
            let n = items.len();
            let at = recipe.start + SignedDuration::from_mins(37 * n as i64 + rng.i64(0..20));
            let rejected = recipe.reject_every > 0 && n % recipe.reject_every == 1;
            let mut email = Email::new(&mut rng, topic, customer, reply, n);
            if rejected {
                email.mailbox = OTHER_MAILBOX;
            }
            let message = email.message(at);
            let comment = comment(
                recipe,
                n,
                Some(&format!("thr-{thread:04}")),
                at,
                &email,
                vec![message],
            );
            let mut result = json!({ "comment": comment });
            if recipe.with_model {
                predict(&mut rng, &mut result, topic.labels, &email);
            }
            items.push(Item {
                result,
                created_at: at + SignedDuration::from_secs(62),
                passes: !rejected,
            });
        }
    }
    items
}

/// Generates `count` chat transcripts of 20 to 120 short messages from named speakers.
pub fn chats(recipe: Recipe, count: usize) -> Vec<Item> {
    let mut rng = Rng::with_seed(recipe.seed);
    (0..count)
        .map(|n| {
            let at = recipe.start + SignedDuration::from_mins(90 * n as i64);
            let topic = &TOPICS[rng.usize(..TOPICS.len())];
            let lines = rng.usize(20..=120);
            let messages: Vec<Value> = (0..lines)
                .map(|line| {
                    let (from, text) = if line % 2 == 0 {
                        ("Customer", CHAT_CUSTOMER[line / 2 % CHAT_CUSTOMER.len()])
                    } else {
                        ("Agent Maya", CHAT_AGENT[line / 2 % CHAT_AGENT.len()])
                    };
                    let text = if line == 0 { topic.opening } else { text };
                    json!({
                        "from": from,
                        "sent_at": (at + SignedDuration::from_secs(20 * line as i64)).to_string(),
                        "language": "en",
                        "body": { "text": text },
                    })
                })
                .collect();
            let email = Email::new(&mut rng, topic, "chat", 0, n);
            let thread = (n % 3 != 0).then(|| format!("chat-{n:04}"));
            let comment = comment(recipe, n, thread.as_deref(), at, &email, messages);
            let mut result = json!({ "comment": comment });
            if recipe.with_model {
                predict(&mut rng, &mut result, topic.labels, &email);
            }
            Item {
                result,
                created_at: at + SignedDuration::from_secs(5),
                passes: true,
            }
        })
        .collect()
}

/// The original of a translated message.
struct Translation {
    language: &'static str,
    subject: String,
    body: String,
}

/// One e-mail's text, with the general fields it mentions at known places.
struct Email {
    subject: String,
    body: String,
    signature: String,
    translation: Option<Translation>,
    from: String,
    mailbox: &'static str,
    /// `(field name, kind, formatted value, text as written)`, each found once in `body`.
    fields: Vec<(&'static str, &'static str, String, String)>,
    tier: &'static str,
}

impl Email {
    fn new(rng: &mut Rng, topic: &Topic, customer: &str, reply: usize, n: usize) -> Self {
        let amount = format!("{}.{:02}", rng.u32(5..2000), rng.u32(0..100));
        let reference = format!("REF-{:05}", 10_000 + n);
        let family = "👨‍👩‍👧";
        let foreign = (n % 4 == 2).then(|| &FOREIGN[n / 4 % FOREIGN.len()]);
        let opening = foreign.map_or(topic.opening, |f| f.english_opening);
        let body = format!(
            "Hello,\n\n{opening}\nThe amount was EUR {amount} and your reference was {reference}. \
             Our {family} joint account is affected too.\n\nKind regards"
        );
        let replies = "Re: ".repeat(reply);
        let translation = foreign.map(|f| Translation {
            language: f.language,
            subject: format!("{replies}{}", f.subject),
            body: format!("{}\nEUR {amount} / {reference}. {family}\n\n—", f.opening),
        });
        let name = customer.split('@').next().unwrap_or(customer);
        Self {
            subject: format!(
                "{replies}{}",
                foreign.map_or(topic.subject, |f| f.english_subject)
            ),
            body,
            signature: format!("{name}\nSent from my phone"),
            translation,
            from: customer.to_owned(),
            mailbox: MAILBOX,
            fields: vec![
                (
                    "Amount",
                    "money",
                    format!("EUR {amount}"),
                    format!("EUR {amount}"),
                ),
                ("Reference", "reference", reference.clone(), reference),
            ],
            tier: ["Gold", "Standard", "Private Banking"][n % 3],
        }
    }

    fn message(&self, at: Timestamp) -> Value {
        let mut body = json!({ "text": self.body });
        let mut subject = json!({ "text": self.subject });
        let mut language = "en";
        if let Some(original) = &self.translation {
            body["translated_from"] = json!(original.body);
            subject["translated_from"] = json!(original.subject);
            language = original.language;
        }
        json!({
            "from": self.from,
            "to": [self.mailbox],
            "cc": if self.subject.starts_with("Re:") { json!(["complaints@northwind.example"]) } else { json!([]) },
            "sent_at": at.to_string(),
            "language": language,
            "subject": subject,
            "body": body,
            "signature": { "text": self.signature },
        })
    }
}

fn comment(
    recipe: Recipe,
    n: usize,
    thread: Option<&str>,
    at: Timestamp,
    email: &Email,
    messages: Vec<Value>,
) -> Value {
    let id = format!("c{:06}", recipe.first_id + n);
    let mut comment = json!({
        "id": id,
        "uid": format!("{}.{id}", recipe.source_id),
        "source_id": recipe.source_id,
        "timestamp": at.to_string(),
        "created_at": (at + SignedDuration::from_secs(62)).to_string(),
        "last_modified": (at + SignedDuration::from_secs(62)).to_string(),
        "text_format": "plain",
        "user_properties": {
            "string:Mailbox": email.mailbox,
            "string:Customer Tier": email.tier,
            "string:Folder: Path": "Inbox/Service",
            "number:Account Age Days": 30 + (n * 17) % 4000,
            "number:Open Cases": n % 4,
            "string:VIP": if n.is_multiple_of(5) { "yes" } else { "no" },
        },
        "messages": messages,
        "attachments": if n.is_multiple_of(3) {
            json!([{ "name": "statement.pdf", "size": 48_213 + n, "content_type": "application/pdf" }])
        } else {
            json!([])
        },
    });
    if let Some(thread) = thread {
        comment["thread_id"] = json!(thread);
    }
    comment
}

/// Adds labels (the topic's, with a parent or child sometimes missing and a stray low one),
/// general fields with spans into the first message's body, and tone and quality of service.
fn predict(rng: &mut Rng, result: &mut Value, topic_labels: &[usize], email: &Email) {
    let mut labels: Vec<Value> = Vec::new();
    for &label in topic_labels {
        // Now and then a parent or a child is missing: they are predicted independently.
        if rng.u8(..10) != 0 {
            labels.push(json!({
                "name": BANK_LABELS[label],
                "probability": 0.35 + 0.65 * rng.f64(),
                "sentiment": rng.f64() * 2.0 - 1.0,
            }));
        }
    }
    if rng.bool() {
        labels.push(json!({ "name": ["General Enquiry"], "probability": 0.05 + 0.2 * rng.f64() }));
    }
    let entities: Vec<Value> = email
        .fields
        .iter()
        .filter_map(|(name, kind, formatted, written)| {
            let start = email.body.find(written.as_str())?;
            let end = start + written.len();
            Some(json!({
                "name": name,
                "kind": kind,
                "formatted_value": formatted,
                "probability": 0.9,
                "spans": [span("body", &email.body, start, end)],
            }))
        })
        .collect();
    result["labels"] = json!(labels);
    result["entities"] = json!(entities);
    result["label_properties"] = json!([
        { "property_id": "0000000000000001", "property_name": "tone", "value": rng.f64() * 20.0 - 10.0 },
        { "property_id": "0000000000000002", "property_name": "quality_of_service", "value": rng.f64() * 10.0 - 5.0 },
    ]);
}

/// A span over `text[start..end]` (byte offsets) in both units the API uses: code points and
/// UTF-16 bytes (two per code unit).
fn span(part: &str, text: &str, start: usize, end: usize) -> Value {
    let chars = |s: &str| s.chars().count();
    let utf16_bytes = |s: &str| 2 * s.encode_utf16().count();
    json!({
        "content_part": part,
        "message_index": 0,
        "char_start": chars(&text[..start]),
        "char_end": chars(&text[..end]),
        "utf16_byte_start": utf16_bytes(&text[..start]),
        "utf16_byte_end": utf16_bytes(&text[..end]),
    })
}

#[cfg(test)]
#[path = "corpus_tests.rs"]
mod tests;
