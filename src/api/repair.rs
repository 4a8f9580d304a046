//! Lone UTF-16 surrogate escapes (`"\ud83d"` without its low half, or a low half alone).
//!
//! A Python backend writes them when a string holds half an emoji, and serde_json refuses them
//! in a `String`. They are replaced by `\ufffd` (U+FFFD), which is exactly as long, so byte
//! offsets into the original body stay valid for the repaired copy.

/// The escape written in place of each lone surrogate: the same six bytes long.
const REPLACEMENT_ESCAPE: &[u8; 6] = br"\ufffd";

/// Byte offsets of the backslash of every lone surrogate escape in `json`.
pub(crate) fn lone_surrogates(json: &[u8]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(hit) = memchr::memmem::find(&json[from..], br"\u") {
        let at = from + hit;
        from = at + 2;
        if is_escaped(json, at) {
            continue;
        }
        match unit_at(json, at) {
            Some(0xD800..=0xDBFF) => {
                if matches!(unit_at(json, at + 6), Some(0xDC00..=0xDFFF))
                    && !is_escaped(json, at + 6)
                {
                    from = at + 12;
                } else {
                    found.push(at);
                    from = at + 6;
                }
            }
            Some(0xDC00..=0xDFFF) => {
                found.push(at);
                from = at + 6;
            }
            _ => {}
        }
    }
    found
}

/// A copy of `json` with every lone surrogate escape replaced, and how many there were.
pub(crate) fn repair_lone_surrogates(json: &str) -> (String, usize) {
    let positions = lone_surrogates(json.as_bytes());
    let mut bytes = json.as_bytes().to_vec();
    for &at in &positions {
        bytes[at..at + 6].copy_from_slice(REPLACEMENT_ESCAPE);
    }
    // Only ASCII bytes of complete escapes were overwritten with ASCII.
    let repaired = String::from_utf8(bytes).unwrap_or_else(|_| json.to_owned());
    (repaired, positions.len())
}

/// True if the backslash at `at` is itself escaped (preceded by an odd run of backslashes).
fn is_escaped(json: &[u8], at: usize) -> bool {
    let run = json[..at].iter().rev().take_while(|&&b| b == b'\\').count();
    !run.is_multiple_of(2)
}

/// The UTF-16 code unit of a `\uXXXX` escape starting at `at`.
fn unit_at(json: &[u8], at: usize) -> Option<u16> {
    let escape = json.get(at..at + 6)?;
    if &escape[..2] != br"\u" {
        return None;
    }
    let hex = std::str::from_utf8(&escape[2..]).ok()?;
    u16::from_str_radix(hex, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_only_unpaired_halves() {
        let json = r#"["\ud83d\udc4b ok", "\ud83d alone", "\udc4b alone", "\\ud83d not an escape", "\ud83d\u0041"]"#;
        let found = lone_surrogates(json.as_bytes());
        assert_eq!(found.len(), 3, "{found:?}");
        let (repaired, count) = repair_lone_surrogates(json);
        assert_eq!(count, 3);
        assert_eq!(repaired.len(), json.len());
        let values: Vec<String> = serde_json::from_str(&repaired).unwrap();
        assert_eq!(values[0], "👋 ok");
        assert_eq!(values[1], "\u{FFFD} alone");
        assert_eq!(values[2], "\u{FFFD} alone");
        assert_eq!(values[3], r"\ud83d not an escape");
        assert_eq!(values[4], "\u{FFFD}A");
    }

    #[test]
    fn serde_json_refuses_both_kinds_of_lone_surrogate() {
        assert!(serde_json::from_str::<String>(r#""\ud83d""#).is_err());
        assert!(serde_json::from_str::<String>(r#""\udc4b""#).is_err());
        assert!(lone_surrogates(br#""\ud83d""#).len() == 1);
        assert!(lone_surrogates(br#""plain text""#).is_empty());
    }
}
