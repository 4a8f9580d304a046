use std::fmt;

use reqwest::header::HeaderValue;

/// An API token. Its `Debug` and `Display` print a redaction, so it cannot leak through a log,
/// an error message or a panic by accident. Its text is read only here, by the methods that say
/// where it goes (ARCHITECTURE.md; tests/architecture.rs checks who calls [`Token::expose`]).
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The secret itself, for the keyring's entry: the one place it is stored. Tests may also
    /// check it; nothing else calls this.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The `Authorization` header that carries it, marked sensitive so that the HTTP stack never
    /// prints it; `None` when the text holds what a header cannot (such as a line break).
    pub(super) fn authorization(&self) -> Option<HeaderValue> {
        let mut value = HeaderValue::from_str(&format!("Bearer {}", self.0)).ok()?;
        value.set_sensitive(true);
        Some(value)
    }

    /// `text` with every copy of the token (a server may echo it) replaced by `<redacted>`.
    pub(super) fn redact(&self, text: &str) -> String {
        if self.0.is_empty() {
            text.to_owned()
        } else {
            text.replace(&self.0, "<redacted>")
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl From<String> for Token {
    fn from(secret: String) -> Self {
        Self(secret)
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_secret() {
        let token = Token::new("s3cr3t-token-value");
        assert!(!format!("{token:?}").contains("s3cr3t"));
        assert!(!format!("{token}").contains("s3cr3t"));
        assert!(!format!("{:?}", Some(&token)).contains("s3cr3t"));
        assert_eq!(token.expose(), "s3cr3t-token-value");
    }
}
