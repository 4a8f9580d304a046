//! What every task of the worker shares: the outbox, the active client, the keyring and the
//! running fetches.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::task::AbortHandle;

use super::{Dialogs, Event, KeyringChoice, RequestId, Wake};
use crate::api::{ApiError, Client, ClientConfig, ErrorKind};
use crate::credentials::{CredentialError, CredentialStore};
use crate::demo_server::DemoServer;

/// Cloned into every task; the shared parts behind locks.
#[derive(Clone)]
pub(super) struct Context {
    pub keyring: KeyringChoice,
    pub client_config: ClientConfig,
    pub dialogs: Dialogs,
    pub outbox: std::sync::mpsc::Sender<Event>,
    pub wake: Wake,
    pub store: Arc<Mutex<Option<CredentialStore>>>,
    pub client: Arc<Mutex<Option<Client>>>,
    /// Kept alive while the demo is in use; the runtime's end stops it.
    pub demo: Arc<tokio::sync::Mutex<Option<DemoServer>>>,
    /// Running fetches, so Cancel can stop them.
    pub running: Arc<Mutex<HashMap<RequestId, AbortHandle>>>,
}

/// Locks `mutex`, also after a task panicked while holding it: what it guards stays usable.
pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Context {
    pub(super) fn send(&self, event: Event) {
        let _ = self.outbox.send(event);
        (self.wake)();
    }

    pub(super) fn client(&self) -> Result<Client, ApiError> {
        lock(&self.client).clone().ok_or_else(|| {
            ApiError::new(
                ErrorKind::CannotConnect,
                None,
                "not connected: choose a connection first",
            )
        })
    }

    fn store(&self) -> Result<CredentialStore, CredentialError> {
        lock(&self.store)
            .clone()
            .ok_or_else(|| CredentialError::NoService {
                detail: "it has not answered yet".to_owned(),
            })
    }

    /// Runs a keyring call on a blocking thread.
    pub(super) async fn with_store<T: Send + 'static>(
        &self,
        call: impl FnOnce(CredentialStore) -> Result<T, CredentialError> + Send + 'static,
    ) -> Result<T, CredentialError> {
        let store = self.store()?;
        tokio::task::spawn_blocking(move || call(store))
            .await
            .unwrap_or_else(|_| {
                Err(CredentialError::Other {
                    detail: "The keyring call stopped unexpectedly.".to_owned(),
                })
            })
    }
}
