//! Named connections: endpoint and token in the OS keyring, never in a plain file.
//!
//! Each saved connection is one keyring entry: service [`KEYRING_SERVICE`], user = the connection's
//! name, secret = `{"endpoint": "…", "token": "…"}`. A connection made from `REINFER_TOKEN` lives
//! only in memory.
//!
//! Every method here blocks on the keyring (D-Bus on Linux). Call them from
//! `tokio::task::spawn_blocking` or a plain thread, never from async code or the UI thread.

mod error;
mod platform;

use std::ffi::OsString;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::api::{Endpoint, Token};

pub use error::CredentialError;

/// The keyring service every saved connection is filed under.
pub const KEYRING_SERVICE: &str = "streamlens";

/// The environment variable a session-only token (and `streamlens fetch`'s) is read from: the
/// one the API documentation's examples use.
pub const SESSION_TOKEN_VAR: &str = "REINFER_TOKEN";

/// A named endpoint and its token. `Debug` shows the token as `Token(<redacted>)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    pub name: String,
    pub endpoint: Endpoint,
    pub token: Token,
}

/// The keyring's secret for one connection. Deliberately without `Debug`: it holds the token
/// in plain text and exists only between the keyring and a [`Connection`].
#[derive(Serialize, Deserialize)]
struct StoredSecret {
    endpoint: String,
    token: String,
}

/// Where saved connections live: the OS keyring, or keyring-core's in-memory mock in tests.
#[derive(Clone)]
pub struct CredentialStore {
    store: Arc<keyring_core::CredentialStore>,
}

impl std::fmt::Debug for CredentialStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialStore")
            .field("vendor", &self.store.vendor())
            .finish()
    }
}

impl CredentialStore {
    /// The operating system's keyring (Secret Service, macOS Keychain, Windows Credential
    /// Manager), after checking within a few seconds that it answers. Otherwise
    /// [`CredentialError::NoService`] says why, in words for the user.
    pub fn platform() -> Result<CredentialStore, CredentialError> {
        platform::open().map(|store| CredentialStore { store })
    }

    /// keyring-core's in-memory mock store: nothing outlives the value (and its clones).
    pub fn mock() -> CredentialStore {
        let store: Arc<keyring_core::CredentialStore> =
            keyring_core::mock::Store::new().expect("keyring-core's mock store cannot fail");
        CredentialStore { store }
    }

    /// Saves the connection under its name, replacing one of the same name.
    pub fn save(&self, connection: &Connection) -> Result<(), CredentialError> {
        require_name(&connection.name)?;
        if connection.token.is_empty() {
            return Err(CredentialError::Other {
                detail: "The token is empty. Paste the API token to save this connection."
                    .to_owned(),
            });
        }
        let secret = StoredSecret {
            endpoint: connection.endpoint.to_string(),
            token: connection.token.expose().to_owned(),
        };
        let text = serde_json::to_string(&secret).map_err(|_| CredentialError::Other {
            detail: "streamlens could not encode the connection for the keyring.".to_owned(),
        })?;
        self.write_secret(&connection.name, &text)
    }

    /// Reads the connection saved under `name`.
    pub fn load(&self, name: &str) -> Result<Connection, CredentialError> {
        let text = self.read_secret(name)?;
        // serde_json's error text may quote the input, which holds the token: never pass it on.
        let secret: StoredSecret =
            serde_json::from_str(&text).map_err(|_| CredentialError::Other {
                detail: error::unreadable_entry(name),
            })?;
        let endpoint =
            Endpoint::parse(&secret.endpoint).map_err(|problem| CredentialError::Other {
                detail: format!(
                    "The endpoint saved for the connection \u{201c}{name}\u{201d} is not usable: \
                     {problem} Delete the connection and add it again."
                ),
            })?;
        Ok(Connection {
            name: name.to_owned(),
            endpoint,
            token: Token::new(secret.token),
        })
    }

    /// Removes the connection saved under `name`.
    pub fn delete(&self, name: &str) -> Result<(), CredentialError> {
        self.entry(name)?
            .delete_credential()
            .map_err(|error| CredentialError::from_keyring(error, name))
    }

    /// Files the connection `old` under the name `new`. The secret is written under the new name
    /// before the old entry is removed, so a failure leaves at least one copy. An existing
    /// connection called `new` is never overwritten.
    pub fn rename(&self, old: &str, new: &str) -> Result<(), CredentialError> {
        require_name(new)?;
        let text = self.read_secret(old)?;
        if old == new {
            return Ok(());
        }
        match self.read_secret(new) {
            Err(CredentialError::NotFound { .. }) => {}
            Ok(_) => {
                return Err(CredentialError::Other {
                    detail: format!(
                        "A connection named \u{201c}{new}\u{201d} already exists. Choose another \
                         name, or delete that connection first."
                    ),
                });
            }
            Err(error) => return Err(error),
        }
        self.write_secret(new, &text)?;
        self.delete(old)
    }

    fn entry(&self, name: &str) -> Result<keyring_core::Entry, CredentialError> {
        keyring_core::Entry::new_in_store(&self.store, KEYRING_SERVICE, name)
            .map_err(|error| CredentialError::from_keyring(error, name))
    }

    fn read_secret(&self, name: &str) -> Result<String, CredentialError> {
        self.entry(name)?
            .get_password()
            .map_err(|error| CredentialError::from_keyring(error, name))
    }

    fn write_secret(&self, name: &str, text: &str) -> Result<(), CredentialError> {
        self.entry(name)?
            .set_password(text)
            .map_err(|error| CredentialError::from_keyring(error, name))
    }
}

fn require_name(name: &str) -> Result<(), CredentialError> {
    if name.trim().is_empty() {
        return Err(CredentialError::Other {
            detail: "A connection needs a name.".to_owned(),
        });
    }
    Ok(())
}

/// The token for a session-only connection, from `REINFER_TOKEN` when it is set and not blank,
/// straight into what holds it: a [`Token`], or the connection form's masked field (so that no
/// one reads it out of a `Token` to fill the field). It stays in memory: nothing here writes it
/// anywhere.
pub fn session_token_from_env<T: From<String>>() -> Option<T> {
    token_from_env_value(std::env::var_os(SESSION_TOKEN_VAR))
}

fn token_from_env_value<T: From<String>>(value: Option<OsString>) -> Option<T> {
    let text = value?.into_string().ok()?;
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| T::from(trimmed.to_owned()))
}

#[cfg(test)]
mod tests;
