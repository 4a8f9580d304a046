//! Sources, comments, projects and datasets found one by one on the stand-in server: sources by
//! name and by id, naming every comment's source; a comment by id equal to the one a stream
//! delivers, its markup only when asked for; one project; a dataset by id.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::Value;
use streamlens::api::{
    Client, ClientConfig, Endpoint, PageRequest, Progress, Route, StreamRef, Token,
};
use streamlens::demo_server::{DEMO_TOKEN, DemoServer, ServerConfig};

async fn server(base_path: &str) -> DemoServer {
    let config = ServerConfig {
        base_path: base_path.to_owned(),
        ..ServerConfig::default()
    };
    DemoServer::start(config).await.unwrap()
}

async fn get(url: &str) -> (StatusCode, Value) {
    let response = reqwest::Client::new()
        .request(Method::GET, url)
        .bearer_auth(DEMO_TOKEN)
        .timeout(Duration::from_secs(20))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn client_on(server: &DemoServer) -> Client {
    let endpoint = Endpoint::parse(&server.base_url()).unwrap();
    Client::new(endpoint, Token::new(DEMO_TOKEN), ClientConfig::default()).unwrap()
}

#[tokio::test]
async fn sources_are_found_by_name_and_by_id_and_name_every_comment_source() {
    let server = server("").await;
    let base = server.base_url();
    let (_, listing) = get(&format!("{base}/api/v1/sources")).await;
    let sources = listing["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 6, "{listing}");
    for source in sources {
        for key in [
            "id",
            "owner",
            "name",
            "title",
            "description",
            "language",
            "should_translate",
            "created_at",
            "updated_at",
            "bucket_id",
            "_kind",
        ] {
            assert!(source.get(key).is_some(), "{key} missing from {source}");
        }
        let by_id = format!(
            "{base}/api/v1/sources/id:{}",
            source["id"].as_str().unwrap()
        );
        let by_name = format!(
            "{base}/api/v1/sources/{}%2F{}",
            source["owner"].as_str().unwrap(),
            source["name"].as_str().unwrap()
        );
        for url in [by_id, by_name] {
            let (status, json) = get(&url).await;
            assert_eq!((status, &json["source"]), (StatusCode::OK, source), "{url}");
        }
    }
    for missing in [
        "id:0000000000000000",
        "acme-ops/nowhere",
        "nowhere/claims-inbox",
    ] {
        let (status, _) = get(&format!("{base}/api/v1/sources/{missing}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
    }

    // Every dataset's source ids name sources of its project.
    let client = client_on(&server);
    for project in client.projects().await.unwrap() {
        for dataset in client.datasets(&project.name).await.unwrap() {
            for id in &dataset.source_ids {
                assert!(
                    sources
                        .iter()
                        .any(|s| s["id"] == id.as_str() && s["owner"] == project.name.as_str()),
                    "{}/{} names source {id}",
                    project.name,
                    dataset.name
                );
            }
        }
    }
}

#[tokio::test]
async fn a_comment_by_id_is_the_one_the_stream_delivers_with_markup_when_asked() {
    let server = server("").await;
    let base = server.base_url();
    let client = client_on(&server);
    let (_, listing) = get(&format!("{base}/api/v1/sources")).await;
    let sources = listing["sources"].as_array().unwrap().clone();
    for stream in [
        "acme-ops/claims/new-claims",
        "northwind-bank/chat/live-chat",
    ] {
        let stream: StreamRef = stream.parse().unwrap();
        let request = PageRequest {
            route: Route::Fetch,
            size: 5,
            max_filtered: None,
        };
        let page = client
            .peek(&stream, request, &|_: Progress| {})
            .await
            .unwrap();
        for result in &page.results {
            let delivered: Value = serde_json::from_str(page.raw_result(result)).unwrap();
            let delivered = &delivered["comment"];
            let (source_id, _) = result.comment.uid.split_once('.').unwrap();
            let source = sources.iter().find(|s| s["id"] == source_id).unwrap();
            let url = format!(
                "{base}/api/v1/sources/{}%2F{}/comments/{}",
                source["owner"].as_str().unwrap(),
                source["name"].as_str().unwrap(),
                result.comment.id
            );
            let (status, with_markup) = get(&format!("{url}?include_markup=true")).await;
            assert_eq!(status, StatusCode::OK, "{url}");
            assert_eq!(&with_markup["comment"], delivered, "{url}");
            let (_, without) = get(&url).await;
            let has_markup = |comment: &Value| comment.to_string().contains("text_markup");
            assert!(!has_markup(&without["comment"]), "{url}");
            assert_eq!(without["comment"]["uid"], delivered["uid"]);
        }
    }
    // The first example comment has markup: it is there only when asked for.
    let (_, example) = get(&format!(
        "{base}/api/v1/sources/acme-ops/claims-inbox/comments/msg-0001?include_markup=true"
    ))
    .await;
    assert!(example["comment"]["messages"][0]["body"]["text_markup"].is_array());
    let (status, _) = get(&format!(
        "{base}/api/v1/sources/acme-ops/claims-inbox/comments/no-such-comment"
    ))
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn projects_and_datasets_are_found_one_by_one() {
    let server = server("/acme/DefaultTenant/reinfer_").await;
    let base = server.base_url();
    let (_, listing) = get(&format!("{base}/api/_private/projects")).await;
    for project in listing["projects"].as_array().unwrap() {
        for key in [
            "id",
            "name",
            "title",
            "description",
            "created_at",
            "updated_at",
        ] {
            assert!(project[key].is_string(), "{key} of {project}");
        }
        let url = format!(
            "{base}/api/_private/projects/{}",
            project["name"].as_str().unwrap()
        );
        let (status, one) = get(&url).await;
        assert_eq!(
            (status, &one["project"]),
            (StatusCode::OK, project),
            "{url}"
        );
    }
    let (_, all) = get(&format!("{base}/api/v1/datasets")).await;
    for dataset in all["datasets"].as_array().unwrap() {
        let url = format!(
            "{base}/api/v1/datasets/id:{}",
            dataset["id"].as_str().unwrap()
        );
        let (status, one) = get(&url).await;
        assert_eq!(
            (status, &one["dataset"]),
            (StatusCode::OK, dataset),
            "{url}"
        );
    }
    let (status, _) = get(&format!("{base}/api/_private/projects/nowhere")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
