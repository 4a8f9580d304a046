//! Sending one logical request: attempts, progress, retries and error classification.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use backon::Retryable as _;
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt as _;
use reqwest::header::CONTENT_TYPE;

use backon::ExponentialBuilder;

use super::classify::{self, TransportFailure, TransportSignals};
use super::retry::{next_wait, retry_after};
use super::{ApiError, Endpoint, ErrorKind, Token};

/// Report `Receiving` at most once per this many bytes, so a sink is not flooded.
const PROGRESS_STEP: u64 = 64 * 1024;

/// Timeouts and retry policy. The fields are public so tests can shrink them.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    pub connect_timeout: Duration,
    /// Longest silence while reading a response.
    pub read_timeout: Duration,
    /// Longest a single attempt may take in all.
    pub total_timeout: Duration,
    /// Retries of idempotent reads on 429, 5xx and connect errors.
    pub max_retries: u32,
    pub min_backoff: Duration,
    pub max_backoff: Duration,
    /// A `Retry-After` longer than this ends the retries at once instead of waiting.
    pub max_retry_after: Duration,
}

impl Default for ClientConfig {
    /// Generous like the official CLI (240 s per request): some server operations are slow, and
    /// the UI can cancel.
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(60),
            total_timeout: Duration::from_secs(240),
            max_retries: 4,
            min_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
        }
    }
}

/// What a running read is doing, for the progress line.
#[derive(Clone, Debug, PartialEq)]
pub enum Progress {
    Sending {
        attempt: u32,
    },
    Receiving {
        bytes: u64,
        total: Option<u64>,
    },
    RetryingIn {
        delay: Duration,
        attempt: u32,
        reason: String,
    },
    Parsing {
        bytes: u64,
    },
}

/// Receives [`Progress`] reports; any `Fn(Progress)` is one.
pub trait ProgressSink: Send + Sync {
    fn report(&self, progress: Progress);
}

impl<F: Fn(Progress) + Send + Sync> ProgressSink for F {
    fn report(&self, progress: Progress) {
        self(progress)
    }
}

/// Whether a request may be sent again after a transient failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Retry {
    /// Reads: all GETs and the fetch POST, which changes nothing.
    Allowed,
    /// Advance and reset: sent once, whatever happens.
    Never,
}

/// One failed attempt: the error, and what the retry loop needs to know about it.
struct Failure {
    error: ApiError,
    retryable: bool,
    retry_after: Option<Duration>,
}

/// A 2xx answer whose body is JSON.
pub(crate) struct Reply {
    pub status: u16,
    pub body: Bytes,
}

/// What sending needs of a client: its timeouts and retries, the host its errors name, and the
/// token no error may contain.
pub(crate) struct Transport<'a> {
    pub config: &'a ClientConfig,
    pub endpoint: &'a Endpoint,
    pub token: &'a Token,
}

/// Exponential backoff with jitter between `min_backoff` and `max_backoff`, at most
/// `max_retries` times.
fn backoff(config: &ClientConfig) -> ExponentialBuilder {
    ExponentialBuilder::default()
        .with_min_delay(config.min_backoff)
        .with_max_delay(config.max_backoff)
        .with_max_times(config.max_retries as usize)
        .with_jitter()
}

impl Transport<'_> {
    /// Sends the request `build` makes (once per attempt) and returns a 2xx JSON body, or
    /// the classified error of the last attempt, stripped of the token.
    pub(crate) async fn send(
        &self,
        build: &(dyn Fn() -> reqwest::RequestBuilder + Sync),
        retry: Retry,
        progress: &dyn ProgressSink,
    ) -> Result<Reply, ApiError> {
        let attempts = AtomicU32::new(0);
        let attempt = || async {
            let number = attempts.fetch_add(1, Ordering::SeqCst) + 1;
            self.attempt(build(), number, progress).await
        };
        let max_retry_after = self.config.max_retry_after;
        let result = attempt
            .retry(backoff(self.config))
            .when(|failure: &Failure| retry == Retry::Allowed && failure.retryable)
            .adjust(|failure, wait| next_wait(wait, failure.retry_after, max_retry_after))
            .notify(|failure, delay| {
                progress.report(Progress::RetryingIn {
                    delay,
                    attempt: attempts.load(Ordering::SeqCst) + 1,
                    reason: failure.error.clone().redacted(self.token).to_string(),
                });
            })
            .await;
        result.map_err(|failure| {
            let mut error = failure.error.redacted(self.token);
            error.attempts = attempts.load(Ordering::SeqCst);
            error
        })
    }

    async fn attempt(
        &self,
        request: reqwest::RequestBuilder,
        number: u32,
        progress: &dyn ProgressSink,
    ) -> Result<Reply, Failure> {
        progress.report(Progress::Sending { attempt: number });
        let response = request
            .send()
            .await
            .map_err(|err| self.transport_failure(&err, 0))?;
        let status = response.status().as_u16();
        let asked_wait = retry_after(response.headers(), jiff::Timestamp::now());
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let total = response.content_length();

        let mut body = BytesMut::with_capacity(total.unwrap_or(0).min(64 << 20) as usize);
        let mut reported = 0;
        progress.report(Progress::Receiving { bytes: 0, total });
        let mut chunks = response.bytes_stream();
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|err| self.transport_failure(&err, body.len() as u64))?;
            body.extend_from_slice(&chunk);
            let bytes = body.len() as u64;
            if bytes - reported >= PROGRESS_STEP {
                reported = bytes;
                progress.report(Progress::Receiving { bytes, total });
            }
        }
        let body = fitted(body).freeze();
        progress.report(Progress::Receiving {
            bytes: body.len() as u64,
            total,
        });

        if (200..300).contains(&status) {
            if !classify::is_json(content_type.as_deref(), &body) {
                let detail = classify::describe_body(content_type.as_deref(), &body);
                return Err(Failure {
                    error: ApiError::new(ErrorKind::Unexpected, Some(status), detail),
                    retryable: false,
                    retry_after: None,
                });
            }
            return Ok(Reply { status, body });
        }
        Err(Failure {
            error: classify::from_status(status, asked_wait, content_type.as_deref(), &body),
            retryable: status == 429 || status >= 500,
            retry_after: asked_wait,
        })
    }

    fn transport_failure(&self, err: &reqwest::Error, received: u64) -> Failure {
        let TransportFailure { error, retryable } = classify::from_transport(
            &TransportSignals::of(err),
            &self.endpoint.host(),
            self.config.connect_timeout,
            self.config.total_timeout,
            received,
        );
        Failure {
            error,
            retryable,
            retry_after: None,
        }
    }
}

/// The body in a buffer of its own size. Without a length header (a compressed or chunked
/// answer) the buffer grew by doubling and may be half empty; the history keeps every page's
/// body for the whole run, so the spare room would stay taken.
fn fitted(body: BytesMut) -> BytesMut {
    if body.capacity() - body.len() > body.len() / 8 {
        BytesMut::from(&body[..])
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_keeps_no_spare_room() {
        let mut grown = BytesMut::new();
        for _ in 0..600 {
            grown.extend_from_slice(&[b'x'; 1000]);
        }
        assert!(
            grown.capacity() > 610_000,
            "grew by doubling: {}",
            grown.capacity()
        );
        let body = fitted(grown);
        assert_eq!((body.len(), body.capacity()), (600_000, 600_000));

        let mut sized = BytesMut::with_capacity(1000);
        sized.extend_from_slice(&[b'x'; 1000]);
        let kept = sized.as_ptr();
        assert_eq!(
            fitted(sized).as_ptr(),
            kept,
            "a body read to its length is not copied"
        );
    }
}
