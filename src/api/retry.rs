//! When to send a read again, and how long to wait first.

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};

/// The wait before the next attempt: what the server asked for where it asked (it knows best
/// when it will recover), else the backoff's. `None` stops retrying: no retries are left, or the
/// server asks for longer than `max_retry_after`, which no one should sit through.
pub(crate) fn next_wait(
    backoff: Option<Duration>,
    asked: Option<Duration>,
    max_retry_after: Duration,
) -> Option<Duration> {
    let backoff = backoff?;
    match asked {
        Some(asked) if asked > max_retry_after => None,
        Some(asked) => Some(asked),
        None => Some(backoff),
    }
}

/// The `Retry-After` header as a wait from `now`: delay seconds or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap, now: jiff::Timestamp) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(value)
        .ok()?;
    let wait = at.duration_since(now);
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn reads_seconds_and_http_dates() {
        let now: jiff::Timestamp = "2026-11-28T20:00:00Z".parse().unwrap();
        assert_eq!(
            retry_after(&headers("7"), now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            retry_after(&headers("Sat, 28 Nov 2026 20:00:30 GMT"), now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after(&headers("Sat, 28 Nov 2026 19:00:00 GMT"), now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn the_servers_wish_wins_unless_it_is_unreasonable() {
        let cap = Duration::from_secs(60);
        let backoff = Some(Duration::from_millis(500));
        assert_eq!(next_wait(backoff, None, cap), backoff);
        assert_eq!(
            next_wait(backoff, Some(Duration::from_secs(3)), cap),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            next_wait(backoff, Some(Duration::from_secs(3600)), cap),
            None
        );
        assert_eq!(next_wait(None, Some(Duration::from_secs(1)), cap), None);
    }
}
