use std::fmt;

/// Why a connection could not be saved, read or removed. The texts are sentences for the person
/// at the screen; none of them ever contains a token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CredentialError {
    /// The system keyring cannot be used at all (no Secret Service, no session bus, locked and not
    /// answering). `detail` says which, in plain words.
    NoService { detail: String },
    /// No connection of that name is saved.
    NotFound { name: String },
    /// Anything else; `detail` is a complete sentence.
    Other { detail: String },
}

impl fmt::Display for CredentialError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialError::NoService { detail } => write!(
                f,
                "The system keyring is not available ({detail}). streamlens keeps tokens only in \
                 the system keyring, so it will not save this connection; you can still connect \
                 for this session only."
            ),
            CredentialError::NotFound { name } => {
                write!(f, "No saved connection is named \u{201c}{name}\u{201d}.")
            }
            CredentialError::Other { detail } => f.write_str(detail),
        }
    }
}

impl std::error::Error for CredentialError {}

impl CredentialError {
    /// Translates a keyring error met while working on the connection `name`.
    ///
    /// keyring-core's own texts are kept only where they cannot hold secret bytes: the
    /// `BadEncoding` and `BadDataFormat` variants carry the stored secret, so they are described
    /// without it.
    pub(super) fn from_keyring(error: keyring_core::Error, name: &str) -> CredentialError {
        use keyring_core::Error;
        match error {
            Error::NoEntry => CredentialError::NotFound {
                name: name.to_owned(),
            },
            Error::NoStorageAccess(cause) => CredentialError::NoService {
                detail: locked(&cause),
            },
            Error::NoDefaultStore => CredentialError::NoService {
                detail: "no keyring store is configured".to_owned(),
            },
            Error::BadEncoding(_) | Error::BadDataFormat(..) => CredentialError::Other {
                detail: unreadable_entry(name),
            },
            Error::Ambiguous(entries) => CredentialError::Other {
                detail: format!(
                    "The system keyring holds {} entries for the connection \u{201c}{name}\u{201d}. \
                     Remove the extra ones with your keyring manager (for example Seahorse).",
                    entries.len()
                ),
            },
            other => CredentialError::Other {
                detail: format!(
                    "The system keyring failed while working on the connection \
                     \u{201c}{name}\u{201d}: {other}."
                ),
            },
        }
    }
}

/// The detail for a keyring that exists but will not open: locked, and no one could be asked
/// for its password (no display), or the request was dismissed.
pub(super) fn locked(cause: &keyring_core::error::PlatformError) -> String {
    format!("it is locked and could not be unlocked; the keyring said \u{201c}{cause}\u{201d}")
}

/// The text for an entry that exists but is not what streamlens writes.
pub(super) fn unreadable_entry(name: &str) -> String {
    format!(
        "The keyring entry for the connection \u{201c}{name}\u{201d} is not in the form streamlens \
         writes. Delete the connection and add it again."
    )
}
