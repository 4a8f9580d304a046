//! The credential store against a real Secret Service (gnome-keyring on a private session bus,
//! started by `scripts/test`). Names are unique per run and removed afterwards.

use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use streamlens::api::{Endpoint, Token};
use streamlens::credentials::{Connection, CredentialError, CredentialStore};

/// A name no earlier run left behind, so a leftover from a crashed run cannot make a test pass.
fn unique_name(purpose: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    format!("streamlens-test {purpose} {} {nanos}", std::process::id())
}

fn connection(name: &str) -> Connection {
    Connection {
        name: name.to_owned(),
        endpoint: Endpoint::parse("https://cloud.uipath.com/acme/prod/reinfer_").unwrap(),
        token: Token::new(format!("secret-for-{name}")),
    }
}

fn platform_store() -> CredentialStore {
    CredentialStore::platform().unwrap_or_else(|error| panic!("{error}"))
}

#[test]
#[ignore = "needs a Secret Service session: run by scripts/test"]
fn save_load_rename_delete_round_trip() {
    let store = platform_store();
    let original = connection(&unique_name("round trip"));
    let renamed_name = unique_name("renamed");

    store.save(&original).unwrap();
    assert_eq!(store.load(&original.name).unwrap(), original);

    store.rename(&original.name, &renamed_name).unwrap();
    let renamed = store.load(&renamed_name).unwrap();
    assert_eq!(
        (&renamed.endpoint, &renamed.token),
        (&original.endpoint, &original.token)
    );
    assert!(matches!(
        store.load(&original.name),
        Err(CredentialError::NotFound { .. })
    ));

    store.delete(&renamed_name).unwrap();
    assert!(matches!(
        store.load(&renamed_name),
        Err(CredentialError::NotFound { .. })
    ));
}

/// The worker calls the store from `spawn_blocking` on its multi-thread runtime, while the zbus
/// store drives D-Bus on a runtime of its own: this must not panic as a runtime within a runtime.
#[test]
#[ignore = "needs a Secret Service session: run by scripts/test"]
fn works_from_spawn_blocking_inside_a_multi_thread_runtime() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let name = unique_name("spawn_blocking");
    let loaded = runtime.block_on(async {
        let store = tokio::task::spawn_blocking(CredentialStore::platform)
            .await
            .unwrap()
            .unwrap_or_else(|error| panic!("{error}"));
        let saved = connection(&name);
        tokio::task::spawn_blocking(move || {
            store.save(&saved)?;
            let loaded = store.load(&saved.name);
            store.delete(&saved.name)?;
            loaded
        })
        .await
        .unwrap()
    });
    assert_eq!(loaded.unwrap(), connection(&name));
}

/// With no session bus there is no Secret Service: `platform()` must say so in plain words, not
/// hang or panic. The environment is changed only for a child process (this same test, run
/// again), because changing it in this multi-threaded test process is unsound. Needs no session
/// itself, so it runs in a plain `cargo test` too.
#[cfg(target_os = "linux")]
#[test]
fn platform_reports_no_service_without_a_session_bus() {
    const CHILD_MARKER: &str = "STREAMLENS_NO_BUS_CHILD";
    const OUTCOME: &str = "platform outcome: ";
    if std::env::var_os(CHILD_MARKER).is_some() {
        match CredentialStore::platform() {
            Ok(_) => println!("{OUTCOME}a store"),
            Err(error) => println!("{OUTCOME}{error:?} / {error}"),
        }
        return;
    }

    let dead_bus = tempfile::tempdir().unwrap();
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "platform_reports_no_service_without_a_session_bus",
            "--nocapture",
        ])
        .env(CHILD_MARKER, "1")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", dead_bus.path().join("no-bus").display()),
        )
        .env("XDG_RUNTIME_DIR", dead_bus.path())
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "child failed: {stdout}");
    let outcome = stdout
        .lines()
        .find_map(|line| line.strip_prefix(OUTCOME))
        .unwrap_or_else(|| panic!("child printed no outcome: {stdout}"));
    assert!(outcome.starts_with("NoService"), "{outcome}");
    assert!(outcome.contains("no D-Bus session bus"), "{outcome}");
    assert!(outcome.contains("for this session only"), "{outcome}");
}
