use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use smallvec::SmallVec;

use super::SmolStr;

/// Separator of hierarchy levels in label names written as one string (`"Claim > New"`).
const LEVEL_SEPARATOR: &str = " > ";

/// A label's place in the taxonomy, root first. The API writes it three ways: a path array
/// (`["Claim", "New"]`, the fetch route and thresholds), one string joined with `" > "`
/// (`"Claim > New"`, the results route and label definitions) and a plain string for a top-level
/// label. All three read into this one type; it writes back as an array. Most paths have one
/// or two levels, which are kept inline: a page has thousands of labels.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LabelPath(SmallVec<[SmolStr; 2]>);

impl LabelPath {
    pub fn new<S: Into<SmolStr>>(segments: impl IntoIterator<Item = S>) -> Self {
        Self(segments.into_iter().map(Into::into).collect())
    }

    /// Splits `"A > B"` into its levels; a name without the separator is a top-level label.
    pub fn parse(joined: &str) -> Self {
        Self(joined.split(LEVEL_SEPARATOR).map(SmolStr::new).collect())
    }

    pub fn segments(&self) -> &[SmolStr] {
        &self.0
    }

    /// Number of levels: 1 for a top-level label.
    pub fn depth(&self) -> usize {
        self.0.len()
    }

    /// The last level's name, as shown beside a bar.
    pub fn leaf(&self) -> &str {
        self.0.last().map_or("", SmolStr::as_str)
    }

    /// The label one level up, if this is not a top-level label.
    pub fn parent(&self) -> Option<LabelPath> {
        (self.0.len() > 1).then(|| Self(self.0[..self.0.len() - 1].into()))
    }

    /// True if `self` is `other` or lies below it.
    pub fn starts_with(&self, other: &LabelPath) -> bool {
        self.0[..].starts_with(&other.0)
    }
}

impl fmt::Display for LabelPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(LEVEL_SEPARATOR))
    }
}

impl Serialize for LabelPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for LabelPath {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PathVisitor;

        impl<'de> Visitor<'de> for PathVisitor {
            type Value = LabelPath;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a label name as a string or an array of strings")
            }

            fn visit_str<E: de::Error>(self, joined: &str) -> Result<LabelPath, E> {
                Ok(LabelPath::parse(joined))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<LabelPath, A::Error> {
                let mut segments = SmallVec::new();
                while let Some(segment) = seq.next_element::<SmolStr>()? {
                    segments.push(segment);
                }
                Ok(LabelPath(segments))
            }
        }

        deserializer.deserialize_any(PathVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_three_shapes_read_into_one_path() {
        let from_array: LabelPath = serde_json::from_str(r#"["Claim","New"]"#).unwrap();
        let from_joined: LabelPath = serde_json::from_str(r#""Claim > New""#).unwrap();
        assert_eq!(from_array, from_joined);
        assert_eq!(from_array.segments(), ["Claim", "New"]);
        let top: LabelPath = serde_json::from_str(r#""Claim""#).unwrap();
        assert_eq!(top.depth(), 1);
        assert_eq!(from_array.parent(), Some(top.clone()));
        assert!(from_array.starts_with(&top));
        assert_eq!(from_array.to_string(), "Claim > New");
        assert_eq!(from_array.leaf(), "New");
    }

    #[test]
    fn writes_back_as_an_array() {
        let path = LabelPath::parse("A > B > C");
        assert_eq!(serde_json::to_string(&path).unwrap(), r#"["A","B","C"]"#);
    }
}
