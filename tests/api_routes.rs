//! The stand-in server reads paths as the service does: a full name as two segments or as one
//! percent-encoded segment (the vendor's client sends `project%2Fdataset`) on every route family,
//! and every route under a tenant's base path with nothing outside it, for our own client too.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use streamlens::api::{
    Client, ClientConfig, Endpoint, PageRequest, Progress, Route, StreamRef, Timestamp, Token,
};
use streamlens::demo_server::{DEMO_TOKEN, DemoServer, MutationKind, ServerConfig};

const TENANT: &str = "/acme/DefaultTenant/reinfer_";

async fn server(base_path: &str) -> DemoServer {
    let config = ServerConfig {
        base_path: base_path.to_owned(),
        ..ServerConfig::default()
    };
    DemoServer::start(config).await.unwrap()
}

/// Sends one request as a plain HTTP client would, with the demo token; status and JSON body.
async fn send(method: Method, url: &str, body: Option<Value>) -> (StatusCode, Value) {
    let mut request = reqwest::Client::new()
        .request(method, url)
        .bearer_auth(DEMO_TOKEN)
        .timeout(Duration::from_secs(20));
    if let Some(body) = body {
        request = request
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string());
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let bytes = response.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// Every route family that names `<project>/<dataset>` or `<project>/<source>`, with `{}` where
/// the pair goes.
fn route_families() -> Vec<(Method, String, Option<Value>)> {
    let stream = "/api/v1/datasets/{}/streams/triage";
    vec![
        (Method::GET, "/api/v1/datasets/{}".into(), None),
        (Method::GET, "/api/v1/datasets/{}/streams".into(), None),
        (Method::GET, stream.into(), None),
        (Method::POST, stream.into(), Some(json!({}))),
        (
            Method::POST,
            format!("{stream}/fetch"),
            Some(json!({ "size": 4 })),
        ),
        (Method::GET, format!("{stream}/results?max_results=4"), None),
        (
            Method::POST,
            format!("{stream}/reset"),
            Some(json!({ "to_comment_created_at": "2026-10-01T00:00:00Z" })),
        ),
        (
            Method::POST,
            format!("{stream}/advance"),
            Some(json!({ "sequence_id": "__position__" })),
        ),
        (Method::GET, "/api/v1/sources/{}".into(), None),
        (
            Method::GET,
            "/api/v1/sources/{}/comments/c000001?include_markup=true".into(),
            None,
        ),
    ]
}

#[tokio::test]
async fn every_route_family_takes_the_pair_with_a_slash_or_percent_encoded() {
    for base in ["", TENANT] {
        let server = server(base).await;
        let position = server
            .position("northwind-bank/service-mail/triage")
            .unwrap();
        for (method, template, body) in route_families() {
            let body = body.map(|b| {
                serde_json::from_str(&b.to_string().replace("__position__", &position)).unwrap()
            });
            let pair = if template.starts_with("/api/v1/sources") {
                "northwind-bank{}service-inbox"
            } else {
                "northwind-bank{}service-mail"
            };
            let mut answers = Vec::new();
            for slash in ["/", "%2F", "%2f"] {
                let path = template.replace("{}", &pair.replace("{}", slash));
                let url = format!("{}{path}", server.base_url());
                let (status, json) = send(method.clone(), &url, body.clone()).await;
                assert_eq!(status, StatusCode::OK, "{method} {url}: {json}");
                answers.push(json);
            }
            assert!(
                answers.windows(2).all(|w| w[0] == w[1]),
                "{method} {template} (base {base:?}) answered differently by spelling"
            );
        }
        let moves: Vec<_> = server
            .mutations()
            .into_iter()
            .map(|m| (m.stream, m.accepted))
            .collect();
        let triage = "northwind-bank/service-mail/triage".to_owned();
        assert_eq!(moves, vec![(triage, true); 6], "3 resets and 3 advances");
    }
}

fn client_on(server: &DemoServer, endpoint: &str) -> Client {
    let config = ClientConfig {
        max_retries: 0,
        ..ClientConfig::default()
    };
    Client::new(
        Endpoint::parse(endpoint).unwrap(),
        Token::new(DEMO_TOKEN),
        config,
    )
    .unwrap_or_else(|e| panic!("{}: {e}", server.base_url()))
}

#[tokio::test]
async fn under_a_base_path_our_client_reads_and_moves_everything_and_nothing_lies_outside() {
    let server = server(TENANT).await;
    assert!(server.base_url().ends_with(TENANT), "{}", server.base_url());
    // A pasted endpoint with a trailing slash ends up the same.
    let client = client_on(&server, &format!("{}/", server.base_url()));
    let stream: StreamRef = "northwind-bank/service-mail/triage".parse().unwrap();
    assert_eq!(
        client.current_user().await.unwrap().username.as_deref(),
        Some("demo.analyst")
    );
    assert_eq!(client.projects().await.unwrap().len(), 3);
    assert_eq!(client.datasets("northwind-bank").await.unwrap().len(), 3);
    client.dataset("acme-ops", "claims").await.unwrap();
    assert_eq!(
        client
            .streams("northwind-bank", "service-mail")
            .await
            .unwrap()
            .len(),
        5
    );
    assert_eq!(
        client.stream(&stream).await.unwrap().title.as_deref(),
        Some("Service triage")
    );
    for route in Route::ALL {
        let request = PageRequest {
            route,
            size: 16,
            max_filtered: None,
        };
        let page = client
            .peek(&stream, request, &|_: Progress| {})
            .await
            .unwrap();
        assert_eq!(page.results.len(), 16, "{route}");
    }
    let page = client
        .peek(
            &stream,
            PageRequest {
                route: Route::Fetch,
                size: 3,
                max_filtered: None,
            },
            &|_: Progress| {},
        )
        .await
        .unwrap();
    client
        .advance(&stream, page.position().unwrap())
        .await
        .unwrap();
    client
        .reset(&stream, &Timestamp::parse("2026-10-01T00:00:00Z"))
        .await
        .unwrap();
    let kinds: Vec<bool> = server
        .mutations()
        .iter()
        .map(|m| matches!(m.kind, MutationKind::Advance { .. }) && m.accepted)
        .collect();
    assert_eq!(kinds, [true, false], "one advance, then one reset");
    let requests = server.requests();
    assert!(
        requests
            .iter()
            .all(|r| r.path.starts_with(&format!("{TENANT}/")) && r.status == Some(200)),
        "{requests:#?}"
    );

    // The same routes at the root, or beside the base, are not there.
    let root = format!("http://{}", server.addr());
    let root_client = client_on(&server, &root);
    assert!(root_client.current_user().await.is_err());
    for path in [
        "/api/v1/projects".to_owned(),
        "/auth/user".to_owned(),
        TENANT.to_owned(),
        format!("{TENANT}x/api/v1/projects"),
        "/acme/DefaultTenant/api/v1/projects".to_owned(),
    ] {
        let (status, json) = send(Method::GET, &format!("{root}{path}"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(json["status"], "error", "{path}: the API's envelope");
    }
}

#[tokio::test]
async fn a_base_path_that_cannot_be_one_is_refused_in_words() {
    let config = ServerConfig {
        base_path: "acme/reinfer_".into(),
        ..ServerConfig::default()
    };
    let err = DemoServer::start(config).await.err().unwrap();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    assert!(err.to_string().contains("must start with '/'"), "{err}");
}
