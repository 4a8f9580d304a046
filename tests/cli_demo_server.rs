//! `streamlens demo-server --base-path …`, the real binary: it prints an endpoint under the base
//! path that our client reads, and refuses a base path that cannot be one in a sentence.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use streamlens::api::{Client, ClientConfig, Endpoint, Token};
use streamlens::demo_server::DEMO_TOKEN;

const APP: &str = env!("CARGO_BIN_EXE_streamlens");

/// The server process, killed and reaped when the test ends, passed or failed.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn under_a_base_path_the_printed_endpoint_is_the_tenants() {
    let mut child = Command::new(APP)
        .args([
            "demo-server",
            "--base-path",
            "/acme/DefaultTenant/reinfer_/",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _server = KillOnDrop(child);
    let (lines, arrived) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let first = arrived.recv_timeout(Duration::from_secs(30)).unwrap();
    let endpoint = first.strip_prefix("endpoint: ").unwrap();
    let (port, path) = endpoint
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.split_once('/'))
        .unwrap_or_else(|| panic!("{first}"));
    assert!(port.parse::<u16>().unwrap() > 0, "{first}");
    assert_eq!(
        path, "acme/DefaultTenant/reinfer_",
        "the trailing slash given is gone"
    );
    let client = Client::new(
        Endpoint::parse(endpoint).unwrap(),
        Token::new(DEMO_TOKEN),
        ClientConfig::default(),
    )
    .unwrap();
    let user = client.current_user().await.unwrap();
    assert_eq!(user.username.as_deref(), Some("demo.analyst"));
    let root = endpoint.trim_end_matches("/acme/DefaultTenant/reinfer_");
    let at_root = Client::new(
        Endpoint::parse(root).unwrap(),
        Token::new(DEMO_TOKEN),
        ClientConfig::default(),
    )
    .unwrap();
    let err = at_root.current_user().await.unwrap_err();
    assert_eq!(err.status, Some(404), "{err}");
}

#[test]
fn a_base_path_that_cannot_be_one_is_refused_in_a_sentence() {
    let output = Command::new(APP)
        .args(["demo-server", "--base-path", "acme/reinfer_"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("must start with '/'"), "{stderr}");
}
