//! The client against the stand-in server over real loopback sockets: every route, the example
//! payloads byte for byte, every fault kind, retries seen from the server, advance never retried,
//! and the token in no error.

use std::time::Duration;

use streamlens::api::{
    Client, ClientConfig, Endpoint, ErrorKind, Page, PageRequest, Progress, Resource, Route,
    StreamRef, Timestamp, Token,
};
use streamlens::demo_server::{DemoServer, Fault, FaultRule, MutationKind, ServerConfig};
use tokio::time::timeout;

const SECRET: &str = "tok-SERVER-7c1d9e55aa";
const DEADLINE: Duration = Duration::from_secs(30);

async fn server() -> DemoServer {
    let config = ServerConfig {
        token: SECRET.into(),
        ..ServerConfig::default()
    };
    DemoServer::start(config).await.unwrap()
}

fn client(server: &DemoServer) -> Client {
    let config = ClientConfig {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_millis(800),
        total_timeout: Duration::from_secs(3),
        max_retries: 2,
        min_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        ..ClientConfig::default()
    };
    Client::new(
        Endpoint::parse(&server.base_url()).unwrap(),
        Token::new(SECRET),
        config,
    )
    .unwrap()
}

fn claims() -> StreamRef {
    "acme-ops/claims/new-claims".parse().unwrap()
}

fn page(route: Route, size: u32) -> PageRequest {
    PageRequest {
        route,
        size,
        max_filtered: None,
    }
}

async fn peek(
    client: &Client,
    stream: &StreamRef,
    request: PageRequest,
) -> Result<Page, streamlens::api::ApiError> {
    timeout(DEADLINE, client.peek(stream, request, &|_: Progress| {}))
        .await
        .expect("answered in time")
}

fn example(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/assets/api-examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn assert_no_secret(err: &streamlens::api::ApiError) {
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(!text.contains(SECRET), "the token leaked: {text}");
    }
}

#[tokio::test]
async fn listings_and_catalog_routes_answer() {
    let server = server().await;
    let client = client(&server);
    let user = client.current_user().await.unwrap();
    assert_eq!(user.username.as_deref(), Some("demo.analyst"));
    let projects = client.projects().await.unwrap();
    let names: Vec<&str> = projects.iter().map(|p| p.name.as_str()).collect();
    assert!(
        names.contains(&"acme-ops") && names.contains(&"northwind-bank"),
        "{names:?}"
    );
    assert!(
        client.datasets("sandbox").await.unwrap().is_empty(),
        "a project without datasets"
    );
    let dataset = client.dataset("acme-ops", "claims").await.unwrap();
    assert!(!dataset.label_defs.is_empty());
    let streams = client
        .streams("northwind-bank", "service-mail")
        .await
        .unwrap();
    assert!(
        streams
            .iter()
            .any(|s| s.name == "no-model" && s.model.is_none())
    );
    let stream = client.stream(&claims()).await.unwrap();
    assert_eq!(stream.model.unwrap().version, Some(42));
}

#[tokio::test]
async fn private_projects_listing_is_the_fallback_for_a_404() {
    let server = server().await;
    server.inject(FaultRule::new(Fault::status(404)).on("GET", "/api/v1/projects"));
    let projects = client(&server).projects().await.unwrap();
    assert!(!projects.is_empty());
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/api/v1/projects", "/api/_private/projects"]);
}

#[tokio::test]
async fn example_pages_come_back_byte_for_byte() {
    let server = server().await;
    let client = client(&server);
    let fetched = peek(&client, &claims(), page(Route::Fetch, 2))
        .await
        .unwrap();
    assert_eq!(&fetched.raw[..], &example("fetch-new-claims.json")[..]);
    assert_eq!(fetched.results.len(), 2);
    assert_eq!(fetched.filtered, Some(1));
    let results = peek(&client, &claims(), page(Route::Results, 1))
        .await
        .unwrap();
    assert_eq!(&results.raw[..], &example("results-new-claims.json")[..]);
    let docs: StreamRef = "acme-ops/claims/docs-example".parse().unwrap();
    let docs_page = peek(&client, &docs, page(Route::Fetch, 2)).await.unwrap();
    assert_eq!(&docs_page.raw[..], &example("fetch-docs-example.json")[..]);
}

#[tokio::test]
async fn reading_never_moves_and_advance_moves_once_without_retry() {
    let server = server().await;
    let client = client(&server);
    let stream: StreamRef = "northwind-bank/service-mail/triage".parse().unwrap();
    let first = peek(&client, &stream, page(Route::Fetch, 8)).await.unwrap();
    let again = peek(&client, &stream, page(Route::Results, 8))
        .await
        .unwrap();
    let uids = |p: &Page| {
        p.results
            .iter()
            .map(|r| r.comment.uid.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&first), uids(&again), "both routes read the same head");
    assert!(server.mutations().is_empty());

    let sequence_id = first.sequence_id.clone().unwrap();
    client.advance(&stream, &sequence_id).await.unwrap();
    let next = peek(&client, &stream, page(Route::Fetch, 8)).await.unwrap();
    assert!(
        uids(&next).iter().all(|uid| !uids(&first).contains(uid)),
        "the head moved past the page"
    );
    let mutations = server.mutations();
    assert_eq!(mutations.len(), 1);
    assert_eq!(mutations[0].kind, MutationKind::Advance { sequence_id });

    // An advance that fails with 503 is reported, not retried.
    server.inject(FaultRule::new(Fault::status(503)).on("POST", "/advance"));
    let err = client
        .advance(&stream, next.sequence_id.as_deref().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Server);
    let advances = server
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/advance"))
        .count();
    assert_eq!(
        advances, 2,
        "one accepted advance and one failed attempt, no retry"
    );
}

#[tokio::test]
async fn a_stale_sequence_id_is_refused_by_the_server() {
    let server = server().await;
    let client = client(&server);
    let stream: StreamRef = "northwind-bank/service-mail/triage".parse().unwrap();
    let seen = peek(&client, &stream, page(Route::Fetch, 4)).await.unwrap();
    server.simulate_automation_advance("northwind-bank/service-mail/triage", 10);
    let err = client
        .advance(&stream, seen.sequence_id.as_deref().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Conflict, "{err}");
    assert!(!server.mutations()[0].accepted);
}

#[tokio::test]
async fn reset_rewinds_to_a_creation_time() {
    let server = server().await;
    let client = client(&server);
    let stream: StreamRef = "northwind-bank/service-mail/triage".parse().unwrap();
    let head = peek(&client, &stream, page(Route::Fetch, 4)).await.unwrap();
    client
        .advance(&stream, head.sequence_id.as_deref().unwrap())
        .await
        .unwrap();
    let to: Timestamp = serde_json::from_str("\"2020-01-01T00:00:00\"").unwrap();
    client.reset(&stream, &to).await.unwrap();
    let rewound = peek(&client, &stream, page(Route::Fetch, 4)).await.unwrap();
    assert_eq!(rewound.results[0].comment.uid, head.results[0].comment.uid);
    assert!(matches!(
        server.mutations()[1].kind,
        MutationKind::Reset { .. }
    ));
}

#[tokio::test]
async fn special_streams_say_what_they_are() {
    let server = server().await;
    let client = client(&server);
    let stream = |name: &str| {
        format!("northwind-bank/service-mail/{name}")
            .parse::<StreamRef>()
            .unwrap()
    };
    let empty = peek(&client, &stream("caught-up"), page(Route::Fetch, 16))
        .await
        .unwrap();
    assert!(
        empty.results.is_empty()
            && empty.filtered == Some(0)
            && empty.is_end_sequence == Some(true)
    );
    let filtered = peek(&client, &stream("quarantine"), page(Route::Fetch, 16))
        .await
        .unwrap();
    assert!(filtered.results.is_empty() && filtered.filtered.unwrap() > 0);
    assert_eq!(filtered.is_end_sequence, Some(false));
    let no_model = peek(&client, &stream("no-model"), page(Route::Results, 4))
        .await
        .unwrap();
    assert!(
        no_model
            .results
            .iter()
            .all(|r| r.prediction.is_none() && r.labels.is_none())
    );
    // The short timeouts above suit the fault tests; a debug build generating 2 MB on a busy
    // machine needs the default ones.
    let patient = Client::new(
        Endpoint::parse(&server.base_url()).unwrap(),
        Token::new(SECRET),
        ClientConfig::default(),
    )
    .unwrap();
    let big = peek(&patient, &stream("bulk"), page(Route::Fetch, 1024))
        .await
        .unwrap();
    assert_eq!(big.results.len(), 1024);
    assert!(big.problems.is_empty(), "{:?}", big.problems);
}

#[tokio::test]
async fn reads_are_retried_on_503_and_429_as_the_server_sees() {
    let server = server().await;
    let client = client(&server);
    server.inject(
        FaultRule::new(Fault::status(503))
            .on("POST", "/fetch")
            .times(1),
    );
    let retry_after = Fault::Status {
        status: 429,
        message: "429 Too Many Requests".into(),
        retry_after: Some("0".into()),
    };
    server.inject(FaultRule::new(retry_after).on("POST", "/fetch").times(1));
    let fetched = peek(&client, &claims(), page(Route::Fetch, 2))
        .await
        .unwrap();
    assert_eq!(fetched.results.len(), 2);
    let statuses: Vec<Option<u16>> = server.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [Some(503), Some(429), Some(200)]);
}

/// What a fault must be classified as.
type Expected = fn(&ErrorKind) -> bool;

#[tokio::test]
async fn every_fault_kind_is_a_classified_error_without_the_token() {
    let cases: Vec<(Fault, Expected)> = vec![
        (Fault::status(400), |k| *k == ErrorKind::Rejected),
        (Fault::status(401), |k| *k == ErrorKind::Unauthorized),
        (
            Fault::Status {
                status: 403,
                message:
                    "You do not have the required permissions (streams-consume) on project acme-ops"
                        .into(),
                retry_after: None,
            },
            |k| matches!(k, ErrorKind::Forbidden { permission: Some(p) } if p == "streams-consume"),
        ),
        (Fault::status(409), |k| *k == ErrorKind::Conflict),
        (Fault::status(422), |k| *k == ErrorKind::Rejected),
        (Fault::status(429), |k| {
            matches!(k, ErrorKind::RateLimited { .. })
        }),
        (Fault::status(500), |k| *k == ErrorKind::Server),
        (Fault::GatewayHtml { status: 502 }, |k| {
            *k == ErrorKind::Unexpected
        }),
        (Fault::GatewayHtml { status: 504 }, |k| {
            *k == ErrorKind::Unexpected
        }),
        (
            Fault::json(500, "{\"status\":\"ok\",\"results\":[]}"),
            |k| *k == ErrorKind::Unexpected,
        ),
        (
            Fault::json(200, "{\"status\":\"error\",\"message\":\"boom\"}"),
            |k| *k == ErrorKind::Unexpected,
        ),
        (Fault::json(200, ""), |k| *k == ErrorKind::Unexpected),
        (
            Fault::Body {
                status: 200,
                content_type: "text/plain".into(),
                body: "hello".into(),
            },
            |k| *k == ErrorKind::Unexpected,
        ),
        (Fault::Truncated, |k| *k == ErrorKind::Unexpected),
        (Fault::DropMidBody, |k| {
            matches!(
                k,
                ErrorKind::CannotConnect | ErrorKind::Unexpected | ErrorKind::Timeout
            )
        }),
        (Fault::Delay(Duration::from_secs(5)), |k| {
            *k == ErrorKind::Timeout
        }),
    ];
    for (fault, expected) in cases {
        let server = server().await;
        let described = format!("{fault:?}");
        server.inject(FaultRule::new(fault).on("POST", "/fetch"));
        let err = peek(&client(&server), &claims(), page(Route::Fetch, 2))
            .await
            .unwrap_err();
        assert!(
            expected(&err.kind),
            "{described:.80}: got {:?}: {err}",
            err.kind
        );
        assert!(!err.to_string().is_empty());
        assert_no_secret(&err);
        assert!(server.mutations().is_empty());
    }
}

#[tokio::test]
async fn a_deleted_stream_is_not_found_by_name() {
    let server = server().await;
    let client = client(&server);
    server.delete_stream("acme-ops/claims/new-claims");
    let err = peek(&client, &claims(), page(Route::Fetch, 2))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err.kind,
            ErrorKind::NotFound {
                resource: Resource::Stream,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("new-claims"), "{err}");
    assert_no_secret(&err);
}

#[tokio::test]
async fn a_wrong_token_is_unauthorized_and_never_shown() {
    let server = server().await;
    let wrong = Client::new(
        Endpoint::parse(&server.base_url()).unwrap(),
        Token::new("tok-WRONG-1234"),
        ClientConfig::default(),
    )
    .unwrap();
    let err = wrong.current_user().await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unauthorized);
    assert!(!err.to_string().contains("tok-WRONG-1234"));
    assert_eq!(server.requests().len(), 1, "401 is never retried");
}

#[tokio::test]
async fn the_server_rejects_bad_requests_in_its_envelope() {
    let server = server().await;
    let http = reqwest::Client::new();
    let url = format!(
        "{}/api/v1/datasets/acme-ops/claims/streams/new-claims/fetch",
        server.base_url()
    );
    let answer = http
        .post(&url)
        .bearer_auth(SECRET)
        .body("{\"size\":0}")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);
    let body: serde_json::Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
    assert_eq!(body["status"], "error");
    // A POST to the bare stream URL is an update and never an advance.
    let bare = url.trim_end_matches("/fetch");
    let answer = http
        .post(bare)
        .bearer_auth(SECRET)
        .body("{\"sequence_id\":\"x\"}")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert!(server.mutations().is_empty());
}

#[tokio::test]
async fn deep_nesting_and_lone_surrogates_name_the_comment_they_hit() {
    let deep = format!(
        "{{\"status\":\"ok\",\"filtered\":0,\"results\":[{{\"comment\":{{\"id\":\"1\",\"uid\":\"s.deep\",\"x\":{}{}}}}}]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let surrogate = "{\"status\":\"ok\",\"results\":[{\"comment\":{\"id\":\"2\",\"uid\":\"s.lone\",\"messages\":[{\"body\":{\"text\":\"hi \\ud83d there\"}}]}}]}";
    for (body, uid) in [(deep, "s.deep"), (surrogate.to_owned(), "s.lone")] {
        let server = server().await;
        server.inject(FaultRule::new(Fault::json(200, body)).on("POST", "/fetch"));
        match peek(&client(&server), &claims(), page(Route::Fetch, 2)).await {
            Ok(page) => {
                let named = page.problems.iter().any(|p| p.uid.as_deref() == Some(uid))
                    || page.results.iter().any(|r| r.comment.uid == uid);
                assert!(named, "{uid}: {:?}", page.problems);
            }
            Err(err) => assert!(err.to_string().contains(uid), "{err}"),
        }
    }
}
