//! Connections: the keyring, saved and session-only connections, the demo.

use crate::api::{Endpoint, Token};
use crate::credentials::{Connection, CredentialError};
use crate::demo_server::DEMO_STREAM;
use crate::worker::{
    Command, ConnectError, Connected, ConnectionKind, ConnectionSource, RequestId, Task,
};

use super::{Action, AppState};

/// Whether saved connections can be used.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum KeyringStatus {
    #[default]
    Probing,
    Ready,
    /// The reason, in words; only session-only connections and the demo are offered.
    Unavailable(String),
}

#[derive(Clone, Debug, Default)]
pub enum ConnectionState {
    #[default]
    Disconnected,
    Connecting {
        id: RequestId,
        kind: ConnectionKind,
    },
    Connected(Connected),
}

impl ConnectionState {
    pub fn connected(&self) -> Option<&Connected> {
        match self {
            ConnectionState::Connected(connected) => Some(connected),
            _ => None,
        }
    }
}

impl AppState {
    pub(super) fn connect(&mut self, source: ConnectionSource) -> Vec<Command> {
        let id = self.next_id();
        self.banner = None;
        self.connection = ConnectionState::Connecting {
            id,
            kind: source.kind(),
        };
        vec![Task::Connect { id, source }.into()]
    }

    pub(super) fn connect_session(&mut self, endpoint: &str, token: Token) -> Vec<Command> {
        match self.endpoint(endpoint) {
            Some(endpoint) => self.connect(ConnectionSource::Session { endpoint, token }),
            None => Vec::new(),
        }
    }

    /// Saves in the keyring (replacing `replaces`), then connects; with neither endpoint nor
    /// token given, only renames `replaces`.
    pub(super) fn save_connection(
        &mut self,
        replaces: Option<String>,
        name: String,
        endpoint: &str,
        token: Token,
    ) -> Vec<Command> {
        let name = name.trim().to_owned();
        if let (Some(old), true, true) = (&replaces, endpoint.trim().is_empty(), token.is_empty()) {
            let id = self.next_id();
            return vec![
                Task::RenameConnection {
                    id,
                    old: old.clone(),
                    new: name,
                }
                .into(),
            ];
        }
        match self.endpoint(endpoint) {
            Some(endpoint) => {
                let id = self.next_id();
                vec![
                    Task::SaveConnection {
                        id,
                        connection: Connection {
                            name,
                            endpoint,
                            token,
                        },
                        replaces,
                    }
                    .into(),
                ]
            }
            None => Vec::new(),
        }
    }

    pub(super) fn delete_connection(&mut self, name: String) -> Vec<Command> {
        let id = self.next_id();
        vec![Task::DeleteConnection { id, name }.into()]
    }

    pub(super) fn disconnect(&mut self) {
        self.connection = ConnectionState::Disconnected;
        self.catalog = Default::default();
        self.validations = Default::default();
    }

    /// The endpoint typed, normalised; or `None` after saying why it cannot be used.
    fn endpoint(&mut self, text: &str) -> Option<Endpoint> {
        Endpoint::parse(text)
            .map_err(|problem| {
                self.show_error(format!("The endpoint is not usable: {problem}"), None)
            })
            .ok()
    }

    pub(super) fn keyring_probed(&mut self, result: Result<(), CredentialError>) {
        self.keyring = match result {
            Ok(()) => KeyringStatus::Ready,
            Err(err) => KeyringStatus::Unavailable(err.to_string()),
        };
    }

    pub(super) fn connection_saved(
        &mut self,
        name: String,
        result: Result<(), CredentialError>,
    ) -> Vec<Command> {
        match result {
            Ok(()) => {
                if !self.settings.connections.contains(&name) {
                    self.settings.connections.push(name.clone());
                    self.settings.connections.sort();
                }
                self.show_notice(format!(
                    "Saved \u{201c}{name}\u{201d} in the system keyring."
                ));
                self.connect(ConnectionSource::Saved(name))
            }
            Err(err) => {
                if let CredentialError::NoService { .. } = err {
                    self.keyring = KeyringStatus::Unavailable(err.to_string());
                }
                self.show_error(err.to_string(), None);
                Vec::new()
            }
        }
    }

    pub(super) fn connection_renamed(
        &mut self,
        old: String,
        new: String,
        result: Result<(), CredentialError>,
    ) {
        match result {
            Ok(()) => {
                let names = &mut self.settings.connections;
                names.retain(|n| *n != old);
                names.push(new.clone());
                names.sort();
                if let Some(choice) = self.settings.last_choice.remove(&old) {
                    self.settings.last_choice.insert(new.clone(), choice);
                }
                self.show_notice(format!(
                    "Renamed \u{201c}{old}\u{201d} to \u{201c}{new}\u{201d}."
                ));
            }
            Err(err) => self.show_error(err.to_string(), None),
        }
    }

    pub(super) fn connection_deleted(&mut self, name: String, result: Result<(), CredentialError>) {
        match result {
            Ok(()) | Err(CredentialError::NotFound { .. }) => {
                self.settings.connections.retain(|n| *n != name);
                self.settings.last_choice.remove(&name);
                self.show_notice(format!("Deleted \u{201c}{name}\u{201d}."));
            }
            Err(err) => self.show_error(err.to_string(), None),
        }
    }

    pub(super) fn connected(
        &mut self,
        id: RequestId,
        result: Result<Box<Connected>, ConnectError>,
    ) -> Vec<Command> {
        let kind = match &self.connection {
            ConnectionState::Connecting { id: current, kind } if *current == id => kind.clone(),
            _ => return Vec::new(),
        };
        match result {
            Ok(connected) => {
                self.catalog = Default::default();
                self.validations = Default::default();
                // The demo opens on a stream worth looking at.
                let demo_start = (kind == ConnectionKind::Demo)
                    .then(|| DEMO_STREAM.parse().ok())
                    .flatten();
                self.catalog.restore = self.settings.last_choice(&kind).cloned().or(demo_start);
                self.connection = ConnectionState::Connected(*connected);
                self.refresh_projects()
            }
            Err(err) => {
                self.connection = ConnectionState::Disconnected;
                let retry = retry_connect(&kind, &err);
                self.show_error(
                    format!(
                        "Could not connect to \u{201c}{}\u{201d}: {err}",
                        kind.name()
                    ),
                    retry,
                );
                Vec::new()
            }
        }
    }
}

/// Retry where the same attempt could succeed later: never for a session-only connection,
/// whose token is not kept for it, and not where the cause stays until the user acts (the
/// saved entry is gone or unreadable, the token or endpoint was refused).
fn retry_connect(kind: &ConnectionKind, err: &ConnectError) -> Option<Action> {
    let could_pass = match err {
        // A keyring that did not answer may be unlocked meanwhile; a missing or unreadable
        // entry stays so.
        ConnectError::Keyring(err) => matches!(err, CredentialError::NoService { .. }),
        ConnectError::DemoServer(_) => true,
        ConnectError::Api(err) => err.is_transient(),
    };
    match kind {
        ConnectionKind::Saved(name) if could_pass => Some(Action::ConnectSaved(name.clone())),
        ConnectionKind::Demo if could_pass => Some(Action::OpenDemo),
        _ => None,
    }
}
