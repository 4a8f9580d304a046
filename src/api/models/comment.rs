use serde::{Deserialize, Serialize};

use super::{RawValue, SmolStr, Timestamp, UserProperties, null_as_default};

/// One comment: an e-mail, a chat or a call, with one or more messages. Only `id` and `uid` are
/// required; everything else may be absent or `null`.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Comment {
    pub id: SmolStr,
    /// `<source_id>.<id>`: the key of a comment across the platform.
    pub uid: SmolStr,
    #[serde(default)]
    pub source_id: Option<SmolStr>,
    /// Comments sharing a thread id form one conversation.
    #[serde(default)]
    pub thread_id: Option<SmolStr>,
    /// The communication's own time (e.g. the e-mail's date).
    #[serde(default)]
    pub timestamp: Option<Timestamp>,
    /// When the platform took the comment in; what a stream reset refers to.
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    #[serde(default)]
    pub last_modified: Option<Timestamp>,
    #[serde(default)]
    pub context: Option<SmolStr>,
    #[serde(default)]
    pub has_annotations: Option<bool>,
    /// `plain` or `markdown` today; kept open.
    #[serde(default)]
    pub text_format: Option<SmolStr>,
    #[serde(default)]
    pub user_properties: UserProperties,
    #[serde(default, deserialize_with = "null_as_default")]
    pub messages: Vec<Message>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub attachments: Vec<Attachment>,
}

impl Comment {
    /// The first non-empty subject, in message order.
    pub fn subject(&self) -> Option<&str> {
        self.messages
            .iter()
            .filter_map(|m| m.subject.as_ref())
            .map(|s| s.text.trim())
            .find(|s| !s.is_empty())
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Message {
    #[serde(default)]
    pub from: Option<SmolStr>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub to: Vec<SmolStr>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub cc: Vec<SmolStr>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub bcc: Vec<SmolStr>,
    #[serde(default)]
    pub sent_at: Option<Timestamp>,
    /// The message's original language, e.g. `cs`.
    #[serde(default)]
    pub language: Option<SmolStr>,
    #[serde(default)]
    pub subject: Option<Text>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub body: RichText,
    #[serde(default)]
    pub signature: Option<RichText>,
}

/// Plain text with an optional original (the text is the translation when `translated_from` is set).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Text {
    #[serde(default, deserialize_with = "null_as_default")]
    pub text: String,
    #[serde(default)]
    pub translated_from: Option<String>,
}

/// Text with optional markup trees. Markup nodes point into `text` by span and may nest deeply,
/// so they stay raw until a view asks for them.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct RichText {
    #[serde(default, deserialize_with = "null_as_default")]
    pub text: String,
    #[serde(default)]
    pub translated_from: Option<String>,
    #[serde(default)]
    pub text_markup: Option<Box<RawValue>>,
    #[serde(default)]
    pub translated_from_markup: Option<Box<RawValue>>,
}

/// Attachment metadata only; the content is fetched only when the user asks.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Attachment {
    #[serde(default)]
    pub name: Option<SmolStr>,
    #[serde(default)]
    pub size: Option<u64>,
    #[serde(default)]
    pub content_type: Option<SmolStr>,
    #[serde(default)]
    pub content_hash: Option<SmolStr>,
    #[serde(default)]
    pub inline: Option<bool>,
    #[serde(default)]
    pub attachment_reference: Option<SmolStr>,
}
