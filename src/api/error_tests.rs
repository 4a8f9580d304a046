use super::*;

fn error(kind: ErrorKind, status: u16, detail: &str) -> ApiError {
    ApiError::new(kind, Some(status), detail)
}

#[test]
fn sentences_name_the_problem_and_the_status() {
    let unauthorized = error(ErrorKind::Unauthorized, 401, "");
    assert_eq!(
        unauthorized.to_string(),
        "The token was refused (HTTP 401). It may be wrong or replaced: a user has one \
         active API token, and generating a new one invalidates the old."
    );

    let stream = error(
        ErrorKind::NotFound {
            resource: Resource::Stream,
            name: Some("x".into()),
        },
        404,
        "404 Not Found",
    )
    .within("acme-ops/claims");
    assert_eq!(
        stream.to_string(),
        "Stream 'x' was not found in acme-ops/claims (HTTP 404)."
    );

    let mut down = error(ErrorKind::Server, 503, "");
    down.attempts = 5;
    let text = down.to_string();
    assert!(
        text.starts_with("The server is overloaded or down (HTTP 503)."),
        "{text}"
    );
    assert!(text.contains("Tried 5 times."), "{text}");

    let forbidden = error(
        ErrorKind::Forbidden {
            permission: Some("streams-consume".into()),
        },
        403,
        "You do not have the required permissions (streams-consume) on project acme-ops",
    )
    .within("acme-ops");
    let text = forbidden.to_string();
    assert!(
        text.contains("(streams-consume) on project acme-ops"),
        "{text}"
    );

    let limited = error(
        ErrorKind::RateLimited {
            retry_after: Some(Duration::from_secs(90)),
        },
        429,
        "",
    );
    assert!(limited.to_string().contains("wait 1 min 30 s"), "{limited}");

    let local = ApiError::new(ErrorKind::Rejected, None, "a page holds 1 to 1024 comments");
    assert_eq!(
        local.to_string(),
        "The request was not sent: a page holds 1 to 1024 comments."
    );

    let missing_base = error(
        ErrorKind::NotFound {
            resource: Resource::Unknown,
            name: None,
        },
        404,
        "",
    );
    assert!(
        missing_base.to_string().contains("/reinfer_"),
        "{missing_base}"
    );
}

#[test]
fn redaction_removes_every_copy_of_the_secret() {
    let leaky = ApiError::new(
        ErrorKind::Unexpected,
        Some(500),
        "echo: tok-123 and tok-123",
    )
    .redacted(&Token::new("tok-123"));
    assert_eq!(leaky.detail, "echo: <redacted> and <redacted>");
    assert!(!format!("{leaky} {leaky:?}").contains("tok-123"));
}

#[test]
fn excerpts_are_one_short_line() {
    assert_eq!(excerpt("  a\n\n b\tc\u{0}d  ", 80), "a b c d");
    assert_eq!(excerpt("abcdef", 3), "abc…");
    assert_eq!(describe_duration(Duration::from_millis(1500)), "2 s");
    assert_eq!(describe_duration(Duration::from_secs(3720)), "1 h 2 min");
}
