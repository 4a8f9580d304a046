//! The credential store against a real Secret Service (gnome-keyring on a private session bus,
//! started by `scripts/test`). Names are unique per run and removed afterwards.

use std::ffi::OsStr;
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

/// Set in a child process: the test that started it runs again there, reports and returns.
const CHILD_MARKER: &str = "STREAMLENS_KEYRING_CHILD";
const OUTCOME: &str = "keyring outcome: ";

/// Runs the test `name` again in a child process, started through `launcher` (a command that
/// takes the test binary as its last arguments) and with `env` added, and returns the one outcome
/// line it printed. The environment is changed only for the child: changing it in this
/// multi-threaded test process would be unsound.
fn outcome_in_child(name: &str, launcher: &[&str], env: &[(&str, &OsStr)]) -> String {
    let test_binary = std::env::current_exe().unwrap();
    let mut child = match launcher.split_first() {
        None => Command::new(&test_binary),
        Some((program, arguments)) => {
            let mut child = Command::new(program);
            child.args(arguments).arg(&test_binary);
            child
        }
    };
    child
        .args(["--exact", name, "--include-ignored", "--nocapture"])
        .envs(env.iter().copied())
        .env(CHILD_MARKER, "1")
        .env_remove("DISPLAY");
    let output = child.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "child failed: {stdout}");
    stdout
        .lines()
        .find_map(|line| line.strip_prefix(OUTCOME))
        .unwrap_or_else(|| panic!("child printed no outcome: {stdout}"))
        .to_owned()
}

/// In the child: tries to open the platform store and save a connection, and prints the result.
fn report_platform_save() {
    let outcome = CredentialStore::platform().and_then(|store| {
        let name = unique_name("child");
        store.save(&connection(&name))?;
        store.delete(&name)
    });
    match outcome {
        Ok(()) => println!("{OUTCOME}saved"),
        Err(error) => println!("{OUTCOME}{error:?} / {error}"),
    }
}

/// With no session bus there is no Secret Service: `platform()` must say so in plain words, not
/// hang or panic. Needs no session itself, so it runs in a plain `cargo test` too.
#[cfg(target_os = "linux")]
#[test]
fn platform_reports_no_service_without_a_session_bus() {
    if std::env::var_os(CHILD_MARKER).is_some() {
        return report_platform_save();
    }
    let dead_bus = tempfile::tempdir().unwrap();
    let address = format!("unix:path={}", dead_bus.path().join("no-bus").display());
    let outcome = outcome_in_child(
        "platform_reports_no_service_without_a_session_bus",
        &[],
        &[
            ("DBUS_SESSION_BUS_ADDRESS", address.as_ref()),
            ("XDG_RUNTIME_DIR", dead_bus.path().as_os_str()),
        ],
    );
    assert!(outcome.starts_with("NoService"), "{outcome}");
    assert!(outcome.contains("no D-Bus session bus"), "{outcome}");
    assert!(outcome.contains("for this session only"), "{outcome}");
}

/// A session whose keyring was started by D-Bus on demand, locked, with no display to ask for
/// its password: saving must fail at once with a plain NoService, not hang on a prompt.
#[cfg(target_os = "linux")]
#[test]
#[ignore = "needs a Secret Service session: run by scripts/test"]
fn a_locked_keyring_without_a_display_is_reported_as_unavailable() {
    if std::env::var_os(CHILD_MARKER).is_some() {
        return report_platform_save();
    }
    let fresh_home = tempfile::tempdir().unwrap();
    let runtime_dir = fresh_home.path().join("runtime");
    std::fs::create_dir(&runtime_dir).unwrap();
    // A bus of its own, where the first client makes D-Bus start gnome-keyring; with fresh XDG
    // folders it has no login keyring and no one to ask for a password.
    let outcome = outcome_in_child(
        "a_locked_keyring_without_a_display_is_reported_as_unavailable",
        &["dbus-run-session", "--"],
        &[
            ("XDG_DATA_HOME", fresh_home.path().as_os_str()),
            ("XDG_RUNTIME_DIR", runtime_dir.as_os_str()),
        ],
    );
    assert!(outcome.starts_with("NoService"), "{outcome}");
    assert!(outcome.contains("locked"), "{outcome}");
    assert!(outcome.contains("for this session only"), "{outcome}");
}
