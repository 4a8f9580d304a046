//! Which connection: how to reach it, what it is, who it reached, and why it could not; and
//! connecting, with the keyring opened first.

use std::fmt;

use super::KeyringChoice;
use super::context::{Context, lock};
use crate::api::{ApiError, Client, Endpoint, Token, User};
use crate::credentials::{CredentialError, CredentialStore};
use crate::demo_server::{DemoServer, ServerConfig};

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

/// Opens the keyring chosen at start; answers [`super::Task::OpenKeyring`].
pub(super) async fn open_keyring(context: &Context) -> Result<(), CredentialError> {
    let store = match &context.keyring {
        KeyringChoice::Given(store) => store.clone(),
        KeyringChoice::Off => {
            return Err(CredentialError::NoService {
                detail: "it was turned off with --no-keyring".into(),
            });
        }
        KeyringChoice::Platform => tokio::task::spawn_blocking(CredentialStore::platform)
            .await
            .unwrap_or_else(|_| {
                Err(CredentialError::NoService {
                    detail: "the keyring check stopped".into(),
                })
            })?,
    };
    *lock(&context.store) = Some(store);
    Ok(())
}

/// Makes the client for `source`, proves it with `/auth/user`, and makes it the active one.
pub(super) async fn connect(
    context: &Context,
    source: ConnectionSource,
) -> Result<Box<Connected>, ConnectError> {
    let kind = source.kind();
    let (endpoint, token) = match source {
        ConnectionSource::Saved(name) => {
            let saved = context
                .with_store(move |store| store.load(&name))
                .await
                .map_err(ConnectError::Keyring)?;
            (saved.endpoint, saved.token)
        }
        ConnectionSource::Session { endpoint, token } => (endpoint, token),
        ConnectionSource::Demo => {
            let mut demo = context.demo.lock().await;
            if demo.is_none() {
                let server = DemoServer::start(ServerConfig::default())
                    .await
                    .map_err(|e| ConnectError::DemoServer(e.to_string()))?;
                *demo = Some(server);
            }
            let server = demo.as_ref().expect("started above");
            let endpoint = Endpoint::parse(&server.base_url()).map_err(ConnectError::DemoServer)?;
            (endpoint, Token::new(server.token()))
        }
    };
    let host = endpoint.host();
    let client =
        Client::new(endpoint, token, context.client_config.clone()).map_err(ConnectError::Api)?;
    let user = client.current_user().await.map_err(|e| {
        log::warn!("connecting to {host} failed: {e}");
        ConnectError::Api(e)
    })?;
    log::info!("connected to {host} as {:?}", user.username);
    *lock(&context.client) = Some(client);
    Ok(Box::new(Connected { kind, host, user }))
}
