use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::SmolStr;

/// A point in time as the API wrote it. The text is kept (exports and the raw view show it as
/// sent) and parsed leniently: `Z`, `+00:00`, 0–9 fractional digits, and naive times, which the
/// API means as UTC. Text that is no time at all keeps `instant == None` instead of failing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timestamp {
    pub text: SmolStr,
    pub instant: Option<jiff::Timestamp>,
}

impl Timestamp {
    pub fn parse(text: &str) -> Self {
        Self::from_text(SmolStr::new(text))
    }

    fn from_text(text: SmolStr) -> Self {
        let instant = text.parse::<jiff::Timestamp>().ok().or_else(|| {
            let naive = text.parse::<jiff::civil::DateTime>().ok()?;
            jiff::tz::TimeZone::UTC.to_timestamp(naive).ok()
        });
        Self { text, instant }
    }

    pub fn from_instant(instant: jiff::Timestamp) -> Self {
        Self {
            text: SmolStr::new(instant.to_string()),
            instant: Some(instant),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        SmolStr::deserialize(deserializer).map(Self::from_text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_shape_the_api_sends() {
        let expected: jiff::Timestamp = "2025-11-03T09:15:00Z".parse().unwrap();
        for text in [
            "2025-11-03T09:15:00Z",
            "2025-11-03T09:15:00+00:00",
            "2025-11-03T09:15:00.000000+00:00",
            "2025-11-03T09:15:00",
            "2025-11-03T10:15:00+01:00",
        ] {
            assert_eq!(Timestamp::parse(text).instant, Some(expected), "{text}");
        }
    }

    #[test]
    fn keeps_text_that_is_not_a_time() {
        let odd = Timestamp::parse("yesterday");
        assert_eq!(odd.instant, None);
        assert_eq!(odd.to_string(), "yesterday");
    }
}
