//! Connections are told apart by what they are, not by what they are called: a saved
//! connection named like the demo or the session-only one is still the saved connection, and
//! Retry after a failure reconnects to it, through the real app against a stand-in server.

mod support;

use egui_kittest::kittest::Queryable as _;
use streamlens::app::AppOptions;
use streamlens::credentials::CredentialStore;
use streamlens::demo_server::{Fault, FaultRule};
use streamlens::worker::{ConnectionKind, KeyringChoice};
use support::*;

const TOKEN: &str = "tok-CONNECTIONS-51c0";

#[test]
fn retry_reconnects_a_saved_connection_named_like_the_demo_or_a_session() {
    for name in ["Demo", "Session only"] {
        let fixture = Fixture::new(TOKEN);
        let mut harness = app(AppOptions {
            keyring: KeyringChoice::Given(CredentialStore::mock()),
            client: quick_client(),
            ..AppOptions::default()
        });
        // The first answers fail as a busy server's do; Retry comes after they stop.
        fixture
            .server
            .inject(FaultRule::new(Fault::status(503)).on("GET", "/auth/user"));
        click(&mut harness, "Add connection…");
        type_into(&mut harness, "Name", name);
        type_into(&mut harness, "Endpoint", &fixture.server.base_url());
        type_into(&mut harness, "API token", TOKEN);
        click(&mut harness, "Save and connect");
        let message = banner_message(&mut harness);
        assert!(
            message.starts_with(&format!("Could not connect to \u{201c}{name}\u{201d}")),
            "{message}"
        );
        fixture.server.clear_faults();
        click(&mut harness, "Retry");
        let host = fixture.server.addr().to_string();
        wait_for_label(&mut harness, &format!("{name} · {host}"));
        let connected = harness.state().state().connection.connected().cloned();
        let connected = connected.expect("connected");
        assert_eq!(connected.kind, ConnectionKind::Saved(name.to_owned()));
        assert_eq!(
            connected.host, host,
            "{name}: the saved endpoint, not the demo"
        );
        assert!(
            harness.query_by_label("Retry").is_none(),
            "the banner went away"
        );
    }
}
