use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{RawValue, SmolStr};

/// A comment's user properties in the order the API sent them. Keys carry their type as a prefix
/// (`"string:Mailbox"`, `"number:Thread Size"`); `null` reads as no properties.
#[derive(Clone, Debug, Default)]
pub struct UserProperties(pub Vec<UserProperty>);

#[derive(Clone, Debug)]
pub struct UserProperty {
    /// The key exactly as sent, prefix included.
    pub key: SmolStr,
    pub value: PropertyValue,
}

#[derive(Clone, Debug)]
pub enum PropertyValue {
    String(SmolStr),
    /// A `number:` value; `text` is its JSON text as sent (`7`, `7.0` and `1e21` stay apart).
    Number {
        value: f64,
        text: SmolStr,
    },
    /// An unknown prefix, or a value that contradicts its prefix: kept as sent.
    Raw(Box<RawValue>),
}

impl UserProperties {
    pub fn iter(&self) -> impl Iterator<Item = &UserProperty> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The property with this name (without prefix), if any.
    pub fn get(&self, name: &str) -> Option<&PropertyValue> {
        self.0.iter().find(|p| p.name() == name).map(|p| &p.value)
    }
}

impl UserProperty {
    /// The name after the first colon (names may contain colons themselves); the whole key
    /// where it has no prefix.
    pub fn name(&self) -> &str {
        self.key
            .split_once(':')
            .map_or(self.key.as_str(), |(_, name)| name)
    }

    /// Types the value by the key's prefix. A page has thousands of properties, so the common
    /// cases take no second parse and no copy of the raw value: a string without escapes is its
    /// text between the quotes, and a number's text is the raw value's text.
    fn from_raw(key: SmolStr, raw: &RawValue) -> Self {
        let prefix = key.split_once(':').map(|(prefix, _)| prefix);
        let value = match prefix {
            Some("string") => string_value(raw),
            Some("number") => number_value(raw),
            _ => PropertyValue::Raw(raw.to_owned()),
        };
        Self { key, value }
    }
}

fn string_value(raw: &RawValue) -> PropertyValue {
    // A JSON string without a backslash has no escapes: its text is what lies between the quotes.
    let inner = raw
        .get()
        .strip_prefix('"')
        .and_then(|text| text.strip_suffix('"'));
    if let Some(inner) = inner.filter(|inner| !inner.contains('\\')) {
        return PropertyValue::String(SmolStr::new(inner));
    }
    match serde_json::from_str::<SmolStr>(raw.get()) {
        Ok(string) => PropertyValue::String(string),
        Err(_) => PropertyValue::Raw(raw.to_owned()),
    }
}

fn number_value(raw: &RawValue) -> PropertyValue {
    // Every JSON number reads with Rust's parser; a string, boolean or null (all that a JSON
    // value can be besides) does not.
    match raw.get().parse::<f64>() {
        Ok(value) => PropertyValue::Number {
            value,
            text: SmolStr::new(raw.get()),
        },
        Err(_) => PropertyValue::Raw(raw.to_owned()),
    }
}

impl PropertyValue {
    /// A short name of the type for the table's "type" column.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::String(_) => "string",
            Self::Number { .. } => "number",
            Self::Raw(_) => "raw",
        }
    }
}

impl fmt::Display for PropertyValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::String(text) => f.write_str(text),
            Self::Number { text, .. } => f.write_str(text),
            Self::Raw(raw) => f.write_str(raw.get()),
        }
    }
}

impl Serialize for UserProperties {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for property in &self.0 {
            match &property.value {
                PropertyValue::String(text) => map.serialize_entry(&property.key, text)?,
                PropertyValue::Number { text, .. } => {
                    let raw = RawValue::from_string(text.to_string())
                        .map_err(serde::ser::Error::custom)?;
                    map.serialize_entry(&property.key, &raw)?
                }
                PropertyValue::Raw(raw) => map.serialize_entry(&property.key, raw)?,
            }
        }
        map.end()
    }
}

/// Reads from JSON text (`serde_json::from_str` or `from_slice`, as every page is read): each
/// value is looked at where it lies, so a property costs no copy of its raw JSON.
impl<'de> Deserialize<'de> for UserProperties {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PropertiesVisitor;

        impl<'de> Visitor<'de> for PropertiesVisitor {
            type Value = UserProperties;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of user properties or null")
            }

            fn visit_unit<E>(self) -> Result<UserProperties, E> {
                Ok(UserProperties::default())
            }

            fn visit_none<E>(self) -> Result<UserProperties, E> {
                Ok(UserProperties::default())
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UserProperties, A::Error> {
                let mut properties = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some((key, raw)) = map.next_entry::<SmolStr, &'de RawValue>()? {
                    properties.push(UserProperty::from_raw(key, raw));
                }
                Ok(UserProperties(properties))
            }
        }

        deserializer.deserialize_any(PropertiesVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_values_by_prefix_and_keeps_the_rest_raw() {
        let json = r#"{"string:Folder: Path":"Inbox","number:NPS":7.0,"number:Big":1e21,
                       "bool:Flag":true,"number:Wrong":"seven","string:Deep":[[[1]]]}"#;
        let properties: UserProperties = serde_json::from_str(json).unwrap();
        assert_eq!(properties.len(), 6);
        let names: Vec<_> = properties.iter().map(UserProperty::name).collect();
        assert_eq!(
            names,
            ["Folder: Path", "NPS", "Big", "Flag", "Wrong", "Deep"]
        );
        assert!(
            matches!(properties.get("Folder: Path"), Some(PropertyValue::String(s)) if s == "Inbox")
        );
        assert!(
            matches!(properties.get("NPS"), Some(PropertyValue::Number { value, text }) if *value == 7.0 && text == "7.0")
        );
        assert_eq!(properties.get("Big").unwrap().to_string(), "1e21");
        assert!(matches!(
            properties.get("Flag"),
            Some(PropertyValue::Raw(_))
        ));
        assert!(matches!(
            properties.get("Wrong"),
            Some(PropertyValue::Raw(_))
        ));
        assert_eq!(properties.get("Deep").unwrap().to_string(), "[[[1]]]");
    }

    #[test]
    fn escaped_strings_and_quoted_numbers_read_as_sent() {
        let json =
            r#"{"string:Esc":"a\"b\\n\u00e9","number:Quoted":"7","number:Neg":-0.5,"plain":1}"#;
        let properties: UserProperties = serde_json::from_str(json).unwrap();
        assert!(matches!(properties.get("Esc"), Some(PropertyValue::String(s)) if s == "a\"b\\né"));
        assert!(
            matches!(properties.get("Quoted"), Some(PropertyValue::Raw(raw)) if raw.get() == "\"7\"")
        );
        assert!(
            matches!(properties.get("Neg"), Some(PropertyValue::Number { value, text }) if *value == -0.5 && text == "-0.5")
        );
        assert_eq!(
            properties.iter().last().unwrap().name(),
            "plain",
            "no prefix: the key is the name"
        );
    }

    #[test]
    fn null_is_empty_and_writing_back_keeps_the_text() {
        let empty: UserProperties = serde_json::from_str("null").unwrap();
        assert!(empty.is_empty());
        let json = r#"{"number:Big":1e21,"string:A":"x"}"#;
        let properties: UserProperties = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&properties).unwrap(), json);
    }
}
