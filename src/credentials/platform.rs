//! Opening the operating system's keyring and checking that it answers.

use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use keyring_core::{CredentialStore, Entry, Error};

use super::CredentialError;

/// How long the first question to the keyring may take. A locked keyring on a desktop opens a
/// password prompt and waits for it; the app must not wait with it.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// An entry no connection uses: reading it tells whether the keyring answers, and changes nothing.
const PROBE_SERVICE: &str = "streamlens.probe";
const PROBE_USER: &str = "keyring check";

/// Opens the platform store and reads one (absent) entry from it, within [`PROBE_TIMEOUT`].
pub(super) fn open() -> Result<Arc<CredentialStore>, CredentialError> {
    let (sender, receiver) = mpsc::channel();
    // A detached thread: if the keyring never answers, the thread stays blocked, not the caller.
    let spawned = thread::Builder::new()
        .name("keyring-probe".to_owned())
        .spawn(move || {
            let _ = sender.send(open_and_probe());
        });
    if let Err(error) = spawned {
        return Err(CredentialError::Other {
            detail: format!("streamlens could not start a thread to reach the keyring: {error}."),
        });
    }
    match receiver.recv_timeout(PROBE_TIMEOUT) {
        Ok(outcome) => outcome,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(CredentialError::NoService {
            detail: format!(
                "it did not answer within {} seconds; it may be locked and waiting for its \
                 password",
                PROBE_TIMEOUT.as_secs()
            ),
        }),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(CredentialError::Other {
            detail: "The check of the system keyring stopped unexpectedly.".to_owned(),
        }),
    }
}

fn open_and_probe() -> Result<Arc<CredentialStore>, CredentialError> {
    let store = native_store().map_err(no_service)?;
    let entry = Entry::new_in_store(&store, PROBE_SERVICE, PROBE_USER).map_err(no_service)?;
    match entry.get_secret() {
        Ok(_) | Err(Error::NoEntry) => Ok(store),
        Err(error) => Err(no_service(error)),
    }
}

#[cfg(target_os = "linux")]
fn native_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(zbus_secret_service_keyring_store::Store::new()?)
}

#[cfg(target_os = "macos")]
fn native_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(target_os = "windows")]
fn native_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new()?)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn native_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Err(Error::NotSupportedByStore(
        "streamlens knows no keyring on this operating system".to_owned(),
    ))
}

/// Says in plain words why the store could not be reached. The D-Bus texts are recognised where
/// they have a plain meaning; anything else is passed on after a short explanation.
fn no_service(error: Error) -> CredentialError {
    let technical = error.to_string();
    let detail = if technical.contains("org.freedesktop.secrets")
        || technical.contains("ServiceUnknown")
    {
        "no Secret Service, such as GNOME Keyring or KWallet, is running in this session".to_owned()
    } else if is_missing_session_bus(&technical) {
        "there is no D-Bus session bus to reach a Secret Service through".to_owned()
    } else if let Error::NoStorageAccess(cause) = &error {
        super::error::locked(cause)
    } else {
        format!("it could not be reached: {technical}")
    };
    CredentialError::NoService { detail }
}

fn is_missing_session_bus(technical: &str) -> bool {
    // zbus: "Failed to connect to address `unix:path=/run/user/1000/bus`: No such file or …"
    ["Failed to connect to address", "DBUS_SESSION_BUS_ADDRESS"]
        .iter()
        .any(|symptom| technical.contains(symptom))
}
