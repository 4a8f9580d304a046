//! The model's validation through our client, against the stand-in server on loopback: model
//! versions, summaries, curves, what "not available" looks like (403, 404, a missing route) and
//! which errors stay errors.

use std::collections::BTreeSet;
use std::time::Duration;

use streamlens::api::{
    Client, ClientConfig, CurveError, Endpoint, ErrorKind, LabelPath, PageRequest, Progress,
    Quality, Route, StreamRef, Token, Unavailability, ValidationError,
};
use streamlens::demo_server::{DemoServer, Fault, FaultRule, ServerConfig};

const SECRET: &str = "tok-VALIDATION-41d0c9e2";
const BANK: &str = "northwind-bank";
const MAIL: &str = "service-mail";

async fn server() -> DemoServer {
    let config = ServerConfig {
        token: SECRET.into(),
        ..ServerConfig::default()
    };
    DemoServer::start(config).await.unwrap()
}

fn client(server: &DemoServer) -> Client {
    let config = ClientConfig {
        read_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(5),
        max_retries: 1,
        min_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        ..ClientConfig::default()
    };
    let endpoint = Endpoint::parse(&server.base_url()).unwrap();
    Client::new(endpoint, Token::new(SECRET), config).unwrap()
}

/// The labels a stream lets through (threshold below 1.0), with their thresholds.
async fn thresholded(client: &Client, stream: &str) -> Vec<(LabelPath, f64)> {
    let stream: StreamRef = stream.parse().unwrap();
    let model = client.stream(&stream).await.unwrap().model.unwrap();
    (model.label_thresholds.iter())
        .filter(|t| t.is_on())
        .map(|t| (t.name.clone(), t.threshold.unwrap()))
        .collect()
}

fn not_available(
    result: Result<impl std::fmt::Debug, ValidationError>,
) -> (Unavailability, String) {
    match result {
        Err(ValidationError::NotAvailable(why)) => (why.reason.clone(), why.to_string()),
        other => panic!("expected 'not available', got {other:?}"),
    }
}

fn failed(result: Result<impl std::fmt::Debug, ValidationError>) -> ErrorKind {
    match result {
        Err(ValidationError::Failed(err)) => {
            let text = format!("{err} {err:?}");
            assert!(!text.contains(SECRET), "the token leaked: {text}");
            err.kind
        }
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[tokio::test]
async fn every_streams_model_version_is_listed_and_pinned() {
    let server = server().await;
    let client = client(&server);
    for (project, dataset) in [("acme-ops", "claims"), (BANK, MAIL), (BANK, "chat")] {
        let versions = client.model_versions(project, dataset).await.unwrap();
        let numbers: Vec<i64> = versions.iter().map(|v| v.version).collect();
        assert!(
            numbers.windows(2).all(|w| w[0] > w[1]),
            "newest first: {numbers:?}"
        );
        for stream in client.streams(project, dataset).await.unwrap() {
            let Some(version) = stream.model.and_then(|m| m.version) else {
                continue;
            };
            let listed = versions.iter().find(|v| v.version == version);
            assert!(
                listed.is_some_and(|v| v.pinned == Some(true)),
                "{dataset}/{}: version {version} in {numbers:?}",
                stream.name
            );
        }
    }
    let mail = client.model_versions(BANK, MAIL).await.unwrap();
    assert!(mail.len() >= 2, "two versions to compare");
}

#[tokio::test]
async fn a_summary_rates_the_version_and_defines_every_label_the_comments_use() {
    let server = server().await;
    let client = client(&server);
    let seven = client.validation(BANK, MAIL, 7).await.unwrap();
    let latest = client.latest_validation(BANK, MAIL).await.unwrap();
    let six = client.validation(BANK, MAIL, 6).await.unwrap();
    assert_eq!(
        (seven.summary.version, latest.summary.version),
        (Some(7), Some(7))
    );
    let rating = seven.summary.model_rating.as_ref().unwrap();
    assert_eq!(rating.quality, Some(Quality::Good));
    assert!((0.0..=100.0).contains(&rating.score.unwrap()));
    assert!(seven.summary.reviewed_size.unwrap() > six.summary.reviewed_size.unwrap());

    let bulk: StreamRef = "northwind-bank/service-mail/bulk".parse().unwrap();
    let request = PageRequest {
        route: Route::Fetch,
        size: 1024,
        max_filtered: None,
    };
    let page = client
        .peek(&bulk, request, &|_: Progress| {})
        .await
        .unwrap();
    let mut used: BTreeSet<LabelPath> = page
        .results
        .iter()
        .flat_map(|r| r.labels.iter().flatten())
        .map(|l| l.name.clone())
        .collect();
    used.extend(
        thresholded(&client, "northwind-bank/service-mail/triage")
            .await
            .into_iter()
            .map(|(l, _)| l),
    );
    assert!(used.len() > 10, "{used:?}");
    for label in &used {
        let mut level = Some(label.clone());
        while let Some(path) = level {
            assert!(seven.label_def(&path).is_some(), "no definition of {path}");
            level = path.parent();
        }
    }
    let fees = seven
        .label_def(&LabelPath::parse("Complaint > Fees"))
        .unwrap();
    assert_eq!(fees.title.as_deref(), Some("Fees complaint"));
    assert_eq!(fees.moon_form[0].kind.as_deref(), Some("money"));
}

#[tokio::test]
async fn curves_differ_between_versions_and_read_at_the_streams_thresholds() {
    let server = server().await;
    let client = client(&server);
    let labels = thresholded(&client, "northwind-bank/service-mail/triage").await;
    let names: Vec<LabelPath> = labels.iter().map(|(l, _)| l.clone()).collect();
    let seven = client.label_curves(BANK, MAIL, 7, &names).await;
    let six = client.label_curves(BANK, MAIL, 6, &names).await;
    assert_eq!(seven.len(), labels.len());
    for ((label, threshold), ((name7, curve7), (_, curve6))) in
        labels.iter().zip(seven.iter().zip(&six))
    {
        assert_eq!(label, name7, "in the order asked");
        let (curve7, curve6) = (curve7.as_ref().unwrap(), curve6.as_ref().unwrap());
        assert_ne!(curve7, curve6, "{label}");
        let at = curve7.at_threshold(*threshold).unwrap();
        assert!(
            at.threshold <= *threshold && *threshold - at.threshold < 0.011,
            "{label}: {at:?}"
        );
        assert!(at.precision > 0.0 && at.recall > 0.0, "{label}: {at:?}");
    }
    let requests: Vec<String> = server
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(
        requests.contains(
            &"POST /api/_private/datasets/northwind-bank/service-mail/labellers/6/label-validation"
                .to_owned()
        ),
        "{requests:?}"
    );
}

#[tokio::test]
async fn a_dataset_without_a_model_an_unknown_version_or_label_is_not_available() {
    let server = server().await;
    let client = client(&server);
    let fees = LabelPath::parse("Complaint > Fees");
    let archive = [
        not_available(client.model_versions(BANK, "archive").await),
        not_available(client.latest_validation(BANK, "archive").await),
    ];
    for (reason, sentence) in archive {
        assert_eq!(reason, Unavailability::NotFound);
        assert_eq!(
            sentence,
            "northwind-bank/archive has no model validation (HTTP 404): no model has been \
             trained on it, or this deployment does not offer model validation."
        );
    }
    let (_, version) = not_available(client.validation(BANK, MAIL, 99).await);
    assert!(
        version.starts_with(
            "Model version 99 of northwind-bank/service-mail has no validation (HTTP 404)"
        ),
        "{version}"
    );
    let unknown = LabelPath::parse("Mortgages");
    let (_, label) = not_available(client.label_curve(BANK, MAIL, 7, &unknown).await);
    assert!(
        label.contains("no validation curve for label 'Mortgages'"),
        "{label}"
    );
    let (_, archived) = not_available(client.label_curve(BANK, "archive", 1, &fees).await);
    assert!(archived.contains("northwind-bank/archive"), "{archived}");
}

#[tokio::test]
async fn refusals_and_missing_routes_are_states_with_a_sentence() {
    let server = server().await;
    let client = client(&server);
    let refused = Fault::Status {
        status: 403,
        message: "You do not have the required permissions (datasets-review) on project \
                  northwind-bank"
            .into(),
        retry_after: None,
    };
    server.inject(FaultRule::new(refused).on("GET", "/api/_private/").times(1));
    let (reason, sentence) = not_available(client.validation(BANK, MAIL, 7).await);
    assert_eq!(
        reason,
        Unavailability::Refused {
            permission: Some("datasets-review".into())
        }
    );
    assert_eq!(
        sentence,
        "The validation of model version 7 of northwind-bank/service-mail is not available to \
         your user (HTTP 403): it needs the permission datasets-review, which it lacks. A \
         project administrator can grant it."
    );

    // An older deployment: the route is not there at all.
    server.inject(
        FaultRule::new(Fault::status(405))
            .on("POST", "/labellers")
            .times(1),
    );
    let (reason, sentence) = not_available(client.model_versions(BANK, MAIL).await);
    assert_eq!(reason, Unavailability::NoRoute);
    assert!(
        sentence.starts_with("This deployment does not offer model validation (HTTP 405)"),
        "{sentence}"
    );
    let gateway_404 = Fault::Body {
        status: 404,
        content_type: "text/html".into(),
        body: "<html><title>Not Found</title></html>".into(),
    };
    server.inject(FaultRule::new(gateway_404).on("GET", "/latest/").times(1));
    let (reason, _) = not_available(client.latest_validation(BANK, MAIL).await);
    assert_eq!(reason, Unavailability::NotFound);
}

#[tokio::test]
async fn other_errors_stay_errors() {
    let server = server().await;
    let client = client(&server);
    let label = LabelPath::parse("Payments");
    server.inject(
        FaultRule::new(Fault::status(401))
            .on("POST", "/labellers")
            .times(1),
    );
    assert_eq!(
        failed(client.model_versions(BANK, MAIL).await),
        ErrorKind::Unauthorized
    );
    server.inject(
        FaultRule::new(Fault::status(500))
            .on("POST", "/label-validation")
            .times(2),
    );
    assert_eq!(
        failed(client.label_curve(BANK, MAIL, 7, &label).await),
        ErrorKind::Server
    );
    let echo = format!("<html><title>gateway saw {SECRET}</title></html>");
    server.inject(
        FaultRule::new(Fault::json(200, echo))
            .on("GET", "/validation")
            .times(1),
    );
    assert_eq!(
        failed(client.validation(BANK, MAIL, 7).await),
        ErrorKind::Unexpected
    );
    server.inject(
        FaultRule::new(Fault::Truncated)
            .on("GET", "/validation")
            .times(1),
    );
    assert_eq!(
        failed(client.validation(BANK, MAIL, 7).await),
        ErrorKind::Unexpected
    );
    let no_curve = Fault::json(
        200,
        r#"{"status": "ok", "label_validation": {"thresholds": "all"}}"#,
    );
    server.inject(
        FaultRule::new(no_curve)
            .on("POST", "/label-validation")
            .times(1),
    );
    assert_eq!(
        failed(client.label_curve(BANK, MAIL, 7, &label).await),
        ErrorKind::Unexpected
    );
    // Nothing was left over: each fault was used, and the same calls now succeed.
    client.label_curve(BANK, MAIL, 7, &label).await.unwrap();
}

#[tokio::test]
async fn odd_curves_arrive_and_their_reading_says_what_is_wrong() {
    let server = server().await;
    let client = client(&server);
    let label = LabelPath::parse("Payments");
    let cases = [
        (
            r#"{"thresholds": [0.9, 0.5], "precisions": [1.0], "recalls": [0.2, 0.6]}"#,
            "The validation curve's lists differ in length: 2 thresholds, 1 precision and 2 recalls.",
        ),
        (
            r#"{"thresholds": [0.9, 0.5], "precisions": [1.0, "NaN"], "recalls": [0.2, 0.6]}"#,
            "Entry 2 of the validation curve's precisions is not a number.",
        ),
        (
            r#"{"thresholds": [0.5, 0.9], "precisions": [1.0, 0.8], "recalls": [0.2, 0.6]}"#,
            "The validation curve's thresholds do not run from high to low: entry 2 is higher than entry 1.",
        ),
        (
            r#"{"thresholds": [], "precisions": [], "recalls": []}"#,
            "The validation curve has no entries.",
        ),
    ];
    for (curve, sentence) in cases {
        let body = format!(r#"{{"status": "ok", "label_validation": {curve}}}"#);
        server.inject(
            FaultRule::new(Fault::json(200, body))
                .on("POST", "/label-validation")
                .times(1),
        );
        let read = client.label_curve(BANK, MAIL, 7, &label).await.unwrap();
        let err: CurveError = read.at_threshold(0.5).unwrap_err();
        assert_eq!(err.to_string(), sentence);
    }
}
