//! Failures below HTTP, over real loopback sockets: nothing listening, a peer that does not
//! speak TLS, a token that cannot be sent. Each says what to check and never shows the token.

use std::time::Duration;

use streamlens::api::{
    Client, ClientConfig, Endpoint, ErrorKind, PageRequest, Progress, Route, StreamRef, Token,
};
use tokio::io::AsyncWriteExt as _;
use tokio::time::timeout;

const SECRET: &str = "tok-TRANSPORT-0f9e8d7c6b5a";
const DEADLINE: Duration = Duration::from_secs(20);

fn quick() -> ClientConfig {
    ClientConfig {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(4),
        max_retries: 2,
        min_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        ..ClientConfig::default()
    }
}

fn client(base: &str) -> Client {
    Client::new(Endpoint::parse(base).unwrap(), Token::new(SECRET), quick()).unwrap()
}

fn stream() -> StreamRef {
    "acme-ops/claims/new-claims".parse().unwrap()
}

#[tokio::test]
async fn nothing_listening_is_cannot_connect_after_retries() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);

    let reports = std::sync::Mutex::new(Vec::new());
    let sink = |progress: Progress| reports.lock().unwrap().push(progress);
    let request = PageRequest {
        route: Route::Fetch,
        size: 2,
        max_filtered: None,
    };
    let err = timeout(
        DEADLINE,
        client(&format!("http://127.0.0.1:{port}")).peek(&stream(), request, &sink),
    )
    .await
    .expect("gave up in time")
    .unwrap_err();

    assert_eq!(err.kind, ErrorKind::CannotConnect);
    assert_eq!(err.attempts, 3, "one try and two retries");
    let text = err.to_string();
    assert!(text.contains(&format!("127.0.0.1:{port}")), "{text}");
    assert!(text.contains("Tried 3 times"), "{text}");
    let waits = reports
        .lock()
        .unwrap()
        .iter()
        .filter(|p| matches!(p, Progress::RetryingIn { .. }))
        .count();
    assert_eq!(waits, 2, "each wait is reported");
    assert!(!format!("{err} {err:?}").contains(SECRET));
}

#[tokio::test]
async fn a_peer_without_tls_is_a_tls_error_and_not_retried() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = tokio::spawn(async move {
        let mut count = 0;
        while let Ok(Ok((mut socket, _))) = timeout(Duration::from_secs(1), listener.accept()).await
        {
            count += 1;
            let _ = socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}")
                .await;
        }
        count
    });

    let err = timeout(
        DEADLINE,
        client(&format!("https://127.0.0.1:{port}")).current_user(),
    )
    .await
    .expect("gave up in time")
    .unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Tls { .. }), "{err:?}");
    assert!(err.to_string().contains("TLS"), "{err}");
    assert_eq!(err.attempts, 1);
    assert_eq!(accepted.await.unwrap(), 1, "a TLS failure is not retried");
    assert!(!format!("{err} {err:?}").contains(SECRET));
}

#[test]
fn a_token_that_cannot_be_sent_is_refused_without_showing_it() {
    let endpoint = Endpoint::parse("https://cloud.uipath.com/acme/T/reinfer_").unwrap();
    let token = Token::new(format!("{SECRET}\nsecond line"));
    let err = Client::new(endpoint, token, ClientConfig::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Rejected);
    let text = err.to_string();
    assert!(
        text.starts_with("The request was not sent: the token contains"),
        "{text}"
    );
    assert!(!format!("{text} {err:?}").contains(SECRET));
}

#[test]
fn the_default_policy_matches_the_official_cli() {
    let config = ClientConfig::default();
    assert_eq!(config.total_timeout, Duration::from_secs(240));
    assert_eq!(config.connect_timeout, Duration::from_secs(10));
    assert_eq!(config.read_timeout, Duration::from_secs(60));
    assert_eq!(config.max_retries, 4);
    assert_eq!(
        (config.min_backoff, config.max_backoff),
        (Duration::from_millis(500), Duration::from_secs(30))
    );
}
