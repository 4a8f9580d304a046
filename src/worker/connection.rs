//! Which connection: how to reach it, what it is, who it reached, and why it could not.

use std::fmt;

use crate::api::{ApiError, Endpoint, Token, User};
use crate::credentials::CredentialError;

/// How to reach an API.
#[derive(Clone, Debug)]
pub enum ConnectionSource {
    /// A connection saved in the keyring under this name.
    Saved(String),
    /// Held in memory only, for this session.
    Session { endpoint: Endpoint, token: Token },
    /// The stand-in server, started in-process on a free loopback port.
    Demo,
}

impl ConnectionSource {
    pub fn kind(&self) -> ConnectionKind {
        match self {
            ConnectionSource::Saved(name) => ConnectionKind::Saved(name.clone()),
            ConnectionSource::Session { .. } => ConnectionKind::Session,
            ConnectionSource::Demo => ConnectionKind::Demo,
        }
    }
}

/// Which connection, by what it is rather than by what the screen calls it: Retry and the
/// remembered stream go by this, so a saved connection named "Demo" stays a saved connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectionKind {
    /// Saved in the keyring under this name, which is its key there.
    Saved(String),
    /// Held in memory for this session.
    Session,
    /// The in-process stand-in server.
    Demo,
}

impl ConnectionKind {
    /// What the screen calls it.
    pub fn name(&self) -> &str {
        match self {
            ConnectionKind::Saved(name) => name,
            ConnectionKind::Session => "Session only",
            ConnectionKind::Demo => "Demo",
        }
    }
}

/// Who the connection reached.
#[derive(Clone, Debug)]
pub struct Connected {
    pub kind: ConnectionKind,
    pub host: String,
    pub user: User,
}

/// Why connecting failed. `Display` is a sentence for the person at the screen.
#[derive(Clone, Debug, PartialEq)]
pub enum ConnectError {
    /// The saved connection could not be read from the keyring.
    Keyring(CredentialError),
    /// The in-process demo server could not start; the system's words.
    DemoServer(String),
    /// The client could not be made, or `/auth/user` failed: refused, not found, unreachable.
    Api(ApiError),
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConnectError::Keyring(err) => err.fmt(f),
            ConnectError::DemoServer(why) => {
                write!(f, "The demo server could not start on loopback: {why}.")
            }
            ConnectError::Api(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for ConnectError {}
