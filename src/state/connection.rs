//! Connections: the keyring, saved and session-only connections, the demo.

use crate::api::Endpoint;
use crate::credentials::{Connection, CredentialError};
use crate::demo_server::DEMO_STREAM;
use crate::worker::{Command, Connected, ConnectionSource, Event, RequestId};

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
        name: String,
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
    pub(super) fn handle_connection(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::OpenDemo => self.connect("Demo", ConnectionSource::Demo),
            Action::ConnectSaved(name) => {
                self.connect(&name.clone(), ConnectionSource::Saved(name))
            }
            Action::ConnectSession { endpoint, token } => match self.endpoint(&endpoint) {
                Some(endpoint) => self.connect(
                    "Session only",
                    ConnectionSource::Session { endpoint, token },
                ),
                None => Vec::new(),
            },
            Action::SaveConnection {
                replaces,
                name,
                endpoint,
                token,
            } => {
                let name = name.trim().to_owned();
                if let (Some(old), true, true) =
                    (&replaces, endpoint.trim().is_empty(), token.is_empty())
                {
                    let id = self.next_id();
                    return vec![Command::RenameConnection {
                        id,
                        old: old.clone(),
                        new: name,
                    }];
                }
                match self.endpoint(&endpoint) {
                    Some(endpoint) => {
                        let id = self.next_id();
                        vec![Command::SaveConnection {
                            id,
                            connection: Connection {
                                name,
                                endpoint,
                                token,
                            },
                            replaces,
                        }]
                    }
                    None => Vec::new(),
                }
            }
            Action::DeleteConnection(name) => {
                let id = self.next_id();
                vec![Command::DeleteConnection { id, name }]
            }
            Action::Disconnect => {
                self.connection = ConnectionState::Disconnected;
                self.catalog = Default::default();
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// The endpoint typed, normalised; or `None` after saying why it cannot be used.
    fn endpoint(&mut self, text: &str) -> Option<Endpoint> {
        Endpoint::parse(text)
            .map_err(|problem| {
                self.show_error(format!("The endpoint is not usable: {problem}"), None)
            })
            .ok()
    }

    fn connect(&mut self, name: &str, source: ConnectionSource) -> Vec<Command> {
        let id = self.next_id();
        self.banner = None;
        self.connection = ConnectionState::Connecting {
            id,
            name: name.to_owned(),
        };
        vec![Command::Connect { id, source }]
    }

    pub(super) fn apply_connection(&mut self, event: Event) -> Vec<Command> {
        match event {
            Event::Keyring(result) => {
                self.keyring = match result {
                    Ok(()) => KeyringStatus::Ready,
                    Err(err) => KeyringStatus::Unavailable(err.to_string()),
                };
                Vec::new()
            }
            Event::ConnectionSaved { name, result, .. } => match result {
                Ok(()) => {
                    if !self.settings.connections.contains(&name) {
                        self.settings.connections.push(name.clone());
                        self.settings.connections.sort();
                    }
                    self.show_notice(format!(
                        "Saved \u{201c}{name}\u{201d} in the system keyring."
                    ));
                    self.handle_connection(Action::ConnectSaved(name))
                }
                Err(err) => {
                    self.note_keyring_error(&err);
                    self.show_error(err.to_string(), None);
                    Vec::new()
                }
            },
            Event::ConnectionRenamed {
                old, new, result, ..
            } => {
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
                Vec::new()
            }
            Event::ConnectionDeleted { name, result, .. } => {
                match result {
                    Ok(()) | Err(CredentialError::NotFound { .. }) => {
                        self.settings.connections.retain(|n| *n != name);
                        self.settings.last_choice.remove(&name);
                        self.show_notice(format!("Deleted \u{201c}{name}\u{201d}."));
                    }
                    Err(err) => self.show_error(err.to_string(), None),
                }
                Vec::new()
            }
            Event::Connected { id, result } => {
                if !matches!(&self.connection, ConnectionState::Connecting { id: current, .. } if *current == id)
                {
                    return Vec::new();
                }
                match result {
                    Ok(connected) => {
                        self.catalog = Default::default();
                        // The demo opens on a stream worth looking at.
                        let demo_start = connected.demo.then(|| DEMO_STREAM.parse().ok()).flatten();
                        self.catalog.restore = self
                            .settings
                            .last_choice
                            .get(&connected.name)
                            .cloned()
                            .or(demo_start);
                        self.connection = ConnectionState::Connected(*connected);
                        self.handle_catalog(Action::RefreshProjects)
                    }
                    Err(message) => {
                        let name = match &self.connection {
                            ConnectionState::Connecting { name, .. } => name.clone(),
                            _ => String::new(),
                        };
                        self.connection = ConnectionState::Disconnected;
                        let retry = match name.as_str() {
                            "Demo" => Some(Action::OpenDemo),
                            "Session only" => None,
                            _ => Some(Action::ConnectSaved(name.clone())),
                        };
                        self.show_error(
                            format!("Could not connect to \u{201c}{name}\u{201d}: {message}"),
                            retry,
                        );
                        Vec::new()
                    }
                }
            }
            _ => Vec::new(),
        }
    }

    fn note_keyring_error(&mut self, err: &CredentialError) {
        if let CredentialError::NoService { .. } = err {
            self.keyring = KeyringStatus::Unavailable(err.to_string());
        }
    }
}
