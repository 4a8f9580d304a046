use super::*;

#[test]
fn statuses_map_to_kinds_with_the_servers_words() {
    let body = br#"{"status":"error","message":"You do not have the required permissions (streams-consume) on project acme-ops"}"#;
    let forbidden = from_status(403, None, Some("application/json"), body);
    assert_eq!(
        forbidden.kind,
        ErrorKind::Forbidden {
            permission: Some("streams-consume".into())
        }
    );
    let unauthorized = from_status(401, None, None, br#"{"status":"error","message":"x"}"#);
    assert_eq!(unauthorized.kind, ErrorKind::Unauthorized);
    let limited = from_status(429, Some(Duration::from_secs(3)), None, b"");
    assert_eq!(
        limited.kind,
        ErrorKind::RateLimited {
            retry_after: Some(Duration::from_secs(3))
        }
    );
    let rejected = from_status(
        422,
        None,
        None,
        br#"{"status":"error","message":"bad size"}"#,
    );
    assert_eq!(
        (rejected.kind.clone(), rejected.detail.as_str()),
        (ErrorKind::Rejected, "bad size")
    );
    assert_eq!(
        from_status(409, None, None, b"{}").kind,
        ErrorKind::Conflict
    );
    let down = from_status(503, None, None, br#"{"status":"error","message":"busy"}"#);
    assert_eq!(down.kind, ErrorKind::Server);
}

#[test]
fn bodies_that_are_not_the_envelope_are_unexpected_and_described() {
    let gateway = from_status(
        502,
        None,
        Some("text/html"),
        b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
    );
    assert_eq!(gateway.kind, ErrorKind::Unexpected);
    assert!(gateway.detail.contains("HTML page"), "{}", gateway.detail);
    assert!(
        gateway.detail.contains("502 Bad Gateway"),
        "{}",
        gateway.detail
    );
    assert!(gateway.to_string().contains("(HTTP 502)"), "{gateway}");

    let ok_with_500 = from_status(500, None, None, br#"{"status":"ok","results":[]}"#);
    assert_eq!(ok_with_500.kind, ErrorKind::Unexpected);
    assert!(
        ok_with_500.detail.contains("succeeded"),
        "{}",
        ok_with_500.detail
    );

    let empty = from_status(504, None, None, b"");
    assert_eq!(empty.detail, "the body is empty");
    let text = from_status(500, None, Some("text/plain"), b"oops\n\n  broken");
    assert_eq!(
        text.detail,
        "text/plain content instead of the API's JSON: \"oops broken\""
    );
    let untitled = describe_body(None, b"<p>Service <b>down</b></p>");
    assert!(untitled.contains("Service down"), "{untitled}");
}

fn signals(causes: &[&str]) -> TransportSignals {
    TransportSignals {
        is_timeout: false,
        is_connect: true,
        is_body: false,
        causes: causes.iter().map(|c| (*c).to_owned()).collect(),
    }
}

#[test]
fn transport_failures_say_what_to_check() {
    let second = Duration::from_secs(1);
    let classify = |s: &TransportSignals| from_transport(s, "h:1", second, second, 0);

    let company = classify(&signals(&[
        "client error (Connect)",
        "invalid peer certificate: UnknownIssuer",
    ]));
    assert_eq!(company.error.kind, ErrorKind::Tls { company_ca: true });
    assert!(!company.retryable);
    assert!(
        company.error.to_string().contains("CA certificate"),
        "{}",
        company.error
    );

    let other_tls = classify(&signals(&[
        "received corrupt message of type InvalidContentType",
    ]));
    assert!(
        other_tls.error.to_string().contains("TLS"),
        "{}",
        other_tls.error
    );

    let refused = classify(&signals(&[
        "tcp connect error",
        "Connection refused (os error 111)",
    ]));
    assert_eq!(refused.error.kind, ErrorKind::CannotConnect);
    assert!(refused.retryable);
    assert_eq!(
        refused.error.detail,
        "h:1: Connection refused (os error 111)"
    );

    let mut slow = signals(&[]);
    slow.is_timeout = true;
    assert_eq!(
        classify(&slow).error.detail,
        "no connection to h:1 within 1 s"
    );
    slow.is_connect = false;
    assert!(
        classify(&slow)
            .error
            .detail
            .starts_with("no complete answer from h:1 within 1 s")
    );

    let broken = from_transport(&signals(&["connection reset"]), "h:1", second, second, 512);
    assert_eq!(broken.error.kind, ErrorKind::Unexpected);
    assert!(
        broken.error.detail.contains("after 512 bytes"),
        "{}",
        broken.error.detail
    );
}

#[test]
fn permissions_are_found_in_parentheses_or_as_words() {
    assert_eq!(
        permission_named_in("missing permission streams-read for this"),
        Some("streams-read".into())
    );
    assert_eq!(permission_named_in("403 Forbidden"), None);
    assert_eq!(
        permission_named_in("(x) lacks (sources-read-sensitive)"),
        Some("sources-read-sensitive".into())
    );
}
