//! What the service never sends, served as faults that change a real answer
//! (`demo_server::off_spec`), and our client reading it leniently: unknown user property
//! prefixes, `null` timestamps, optional fields left out. One test for each.

use std::time::Duration;

use streamlens::api::{
    Client, ClientConfig, Endpoint, Page, PageRequest, Progress, PropertyValue, Route, StreamRef,
    Token,
};
use streamlens::demo_server::{DEMO_TOKEN, DemoServer, Fault, FaultRule, ServerConfig, off_spec};

const PAGE: u32 = 16;

async fn server_with(fault: Fault) -> (DemoServer, Client) {
    let server = DemoServer::start(ServerConfig::default()).await.unwrap();
    server.inject(FaultRule::new(fault));
    let config = ClientConfig {
        total_timeout: Duration::from_secs(20),
        max_retries: 0,
        ..ClientConfig::default()
    };
    let endpoint = Endpoint::parse(&server.base_url()).unwrap();
    let client = Client::new(endpoint, Token::new(DEMO_TOKEN), config).unwrap();
    (server, client)
}

fn triage() -> StreamRef {
    "northwind-bank/service-mail/triage".parse().unwrap()
}

async fn page(client: &Client, route: Route) -> Page {
    let request = PageRequest {
        route,
        size: PAGE,
        max_filtered: None,
    };
    let page = client
        .peek(&triage(), request, &|_: Progress| {})
        .await
        .unwrap_or_else(|e| panic!("{route}: {e}"));
    assert_eq!(
        page.results.len(),
        PAGE as usize,
        "{route}: every comment read"
    );
    assert!(page.problems.is_empty(), "{route}: {:?}", page.problems);
    page
}

#[tokio::test]
async fn unknown_user_property_prefixes_are_kept_as_sent_beside_the_typed_ones() {
    let (_server, client) = server_with(off_spec::unknown_property_prefixes()).await;
    for route in Route::ALL {
        let page = page(&client, route).await;
        for (n, result) in page.results.iter().enumerate() {
            let properties = &result.comment.user_properties;
            let raw = |name: &str| match properties.get(name) {
                Some(PropertyValue::Raw(raw)) => raw.get().to_owned(),
                other => panic!("{route} #{n} {name}: {other:?}"),
            };
            assert_eq!(raw("VIP"), (n % 2 == 0).to_string());
            assert_eq!(raw("Opened"), "\"2026-10-01\"");
            assert_eq!(raw("Region"), "\"EMEA\"");
            assert!(matches!(
                properties.get("Mailbox"),
                Some(PropertyValue::String(_))
            ));
            assert!(matches!(
                properties.get("Account Age Days"),
                Some(PropertyValue::Number { .. })
            ));
        }
    }
}

#[tokio::test]
async fn null_timestamps_read_as_absent_and_everything_else_stays() {
    let (server, client) = server_with(off_spec::null_timestamps()).await;
    let projects = client.projects().await.unwrap();
    assert_eq!(projects.len(), 3);
    let dataset = client
        .dataset("northwind-bank", "service-mail")
        .await
        .unwrap();
    assert_eq!((dataset.created, dataset.last_modified), (None, None));
    assert_eq!(
        dataset.label_defs.len(),
        14,
        "the rest of the dataset is read"
    );
    let streams = client
        .streams("northwind-bank", "service-mail")
        .await
        .unwrap();
    assert_eq!(streams.len(), 5);
    for stream in streams
        .iter()
        .chain([&client.stream(&triage()).await.unwrap()])
    {
        assert_eq!(
            (&stream.created_at, &stream.updated_at),
            (&None, &None),
            "{}",
            stream.name
        );
        assert!(stream.title.is_some(), "{}", stream.name);
    }
    for route in Route::ALL {
        for result in &page(&client, route).await.results {
            let comment = &result.comment;
            assert_eq!((&comment.timestamp, &comment.created_at), (&None, &None));
            assert!(comment.messages.iter().all(|m| m.sent_at.is_none()));
            assert!(!comment.messages.is_empty() && !comment.user_properties.is_empty());
        }
    }
    let raw = server.requests();
    assert!(raw.iter().all(|r| r.status == Some(200)), "{raw:#?}");
}

#[tokio::test]
async fn missing_optional_fields_read_as_absent_and_names_and_ids_stay() {
    let (_server, client) = server_with(off_spec::without_optional_fields()).await;
    let projects = client.projects().await.unwrap();
    assert_eq!(projects.len(), 3);
    assert!(
        projects
            .iter()
            .all(|p| p.title.is_none() && p.description.is_none())
    );
    let dataset = client
        .dataset("northwind-bank", "service-mail")
        .await
        .unwrap();
    assert_eq!(dataset.owner, "northwind-bank");
    assert!(
        dataset.title.is_none() && dataset.label_defs.is_empty() && dataset.source_ids.is_empty()
    );
    let stream = client.stream(&triage()).await.unwrap();
    assert!(
        stream.title.is_none() && stream.comment_filter.is_none() && stream.updated_at.is_none()
    );
    assert_eq!(
        stream.model.as_ref().map(|m| m.thresholds_on()),
        Some(12),
        "the model stays"
    );
    for route in Route::ALL {
        for result in &page(&client, route).await.results {
            let comment = &result.comment;
            assert!(comment.uid.starts_with("7a61c0de00000001."));
            assert!(comment.thread_id.is_none() && comment.source_id.is_none());
            assert!(comment.user_properties.is_empty() && comment.attachments.is_empty());
            let message = &comment.messages[0];
            assert!(message.from.is_none() && message.subject.is_none() && message.to.is_empty());
            assert!(!message.body.text.is_empty(), "the body stays");
        }
    }
}
