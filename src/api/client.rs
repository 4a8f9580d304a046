//! The async HTTP client. Reads are retried with backoff; advance and reset never are.

use std::fmt;

use bytes::Bytes;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap};

use super::parse;
use super::stream_ref::{PageRequest, StreamRef};
use super::transport::{ClientConfig, Progress, ProgressSink, Reply, Retry, Transport};
use super::{
    ApiError, Dataset, Endpoint, ErrorKind, Page, ParseProblem, ProblemKind, Project, Route,
    Stream, Timestamp, Token, User,
};

/// A connection to one tenant. Cheap to clone (the HTTP pool is shared).
#[derive(Clone)]
pub struct Client {
    pub(crate) endpoint: Endpoint,
    pub(crate) token: Token,
    pub(crate) config: ClientConfig,
    pub(crate) http: reqwest::Client,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.endpoint)
            .field("token", &self.token)
            .finish_non_exhaustive()
    }
}

impl Client {
    pub fn new(endpoint: Endpoint, token: Token, config: ClientConfig) -> Result<Client, ApiError> {
        let authorization = token.authorization().ok_or_else(|| {
            ApiError::new(
                ErrorKind::Rejected,
                None,
                "the token contains characters that cannot be sent (such as a line break); \
                 copy it again",
            )
        })?;
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, authorization);

        let mut builder = reqwest::Client::builder()
            .user_agent(concat!("streamlens/", env!("CARGO_PKG_VERSION")))
            .default_headers(headers)
            .gzip(true)
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .timeout(config.total_timeout);
        if endpoint.is_loopback() {
            // A system proxy cannot reach this computer's loopback server.
            builder = builder.no_proxy();
        }
        let http = builder.build().map_err(|err| {
            ApiError::new(
                ErrorKind::CannotConnect,
                None,
                format!("the HTTP client could not be set up: {}", cause_of(&err)),
            )
        })?;
        Ok(Client {
            endpoint,
            token,
            config,
            http,
        })
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// Who the token belongs to: the cheapest call that proves endpoint and token work.
    pub async fn current_user(&self) -> Result<User, ApiError> {
        let reply = self.get(&["auth", "user"], Target::Account).await?;
        self.finish(parse::parse_one(&reply.body, "user"), &reply)
    }

    /// The public listing, or the private one where a deployment lacks it.
    pub async fn projects(&self) -> Result<Vec<Project>, ApiError> {
        let reply = match self.get(&["api", "v1", "projects"], Target::Account).await {
            Err(err) if matches!(err.kind, ErrorKind::NotFound { .. }) => {
                self.get(&["api", "_private", "projects"], Target::Account)
                    .await?
            }
            other => other?,
        };
        self.finish(parse::parse_list(&reply.body, "projects"), &reply)
    }

    pub async fn datasets(&self, project: &str) -> Result<Vec<Dataset>, ApiError> {
        let reply = self
            .get(
                &["api", "v1", "datasets", project],
                Target::Project(project),
            )
            .await?;
        self.finish(parse::parse_list(&reply.body, "datasets"), &reply)
    }

    /// Every dataset the token can see, of every project.
    pub async fn all_datasets(&self) -> Result<Vec<Dataset>, ApiError> {
        let reply = self
            .get(&["api", "v1", "datasets"], Target::Account)
            .await?;
        self.finish(parse::parse_list(&reply.body, "datasets"), &reply)
    }

    pub async fn dataset(&self, project: &str, dataset: &str) -> Result<Dataset, ApiError> {
        let target = Target::Dataset(project, dataset);
        let reply = self
            .get(&["api", "v1", "datasets", project, dataset], target)
            .await?;
        self.finish(parse::parse_one(&reply.body, "dataset"), &reply)
    }

    pub async fn streams(&self, project: &str, dataset: &str) -> Result<Vec<Stream>, ApiError> {
        let target = Target::Dataset(project, dataset);
        let path = ["api", "v1", "datasets", project, dataset, "streams"];
        let reply = self.get(&path, target).await?;
        self.finish(parse::parse_list(&reply.body, "streams"), &reply)
    }

    pub async fn stream(&self, stream: &StreamRef) -> Result<Stream, ApiError> {
        let reply = self
            .get(&stream_path(stream, None), Target::Stream(stream))
            .await?;
        self.finish(parse::parse_one(&reply.body, "stream"), &reply)
    }

    /// Reads the stream's head. Never moves the stream: `/fetch` and `/results` return the same
    /// batch until someone advances, so they are retried like any read.
    pub async fn peek(
        &self,
        stream: &StreamRef,
        request: PageRequest,
        progress: &dyn ProgressSink,
    ) -> Result<Page, ApiError> {
        let sizes = PageRequest::SIZES;
        if !sizes.contains(&request.size) {
            return Err(ApiError::new(
                ErrorKind::Rejected,
                None,
                format!(
                    "a page holds {} to {} comments, not {}",
                    sizes.start(),
                    sizes.end(),
                    request.size
                ),
            ));
        }
        let mut url = self
            .endpoint
            .route(stream_path(stream, Some(request.route.as_str())));
        let fetch_body = match request.route {
            Route::Fetch => {
                let mut body = serde_json::json!({ "size": request.size });
                if let Some(max_filtered) = request.max_filtered {
                    body["max_filtered"] = max_filtered.into();
                }
                Some(Bytes::from(body.to_string()))
            }
            Route::Results => {
                let mut query = url.query_pairs_mut();
                query.append_pair("max_results", &request.size.to_string());
                if let Some(max_filtered) = request.max_filtered {
                    query.append_pair("max_filtered", &max_filtered.to_string());
                }
                None
            }
        };
        let build = || self.read_request(&url, fetch_body.as_ref());
        let reply = self
            .transport()
            .send(&build, Retry::Allowed, progress)
            .await;
        let reply = self.explained(reply, Target::Stream(stream)).await?;
        progress.report(Progress::Parsing {
            bytes: reply.body.len() as u64,
        });
        let mut page = self.finish(Page::parse(request.route, reply.body.clone()), &reply)?;
        for problem in &mut page.problems {
            redact_problem(problem, &self.token);
        }
        Ok(page)
    }

    /// Moves the stream past `sequence_id` for every consumer. Sent once; never retried.
    pub async fn advance(&self, stream: &StreamRef, sequence_id: &str) -> Result<(), ApiError> {
        let body = serde_json::json!({ "sequence_id": sequence_id }).to_string();
        let reply = self.post_once(stream, "advance", body).await?;
        self.finish(parse::parse_ack(&reply.body), &reply)
    }

    /// Rewinds the stream for every consumer to comments created at or after `to`. Never retried.
    /// Returns the new position.
    pub async fn reset(
        &self,
        stream: &StreamRef,
        to: &Timestamp,
    ) -> Result<Option<String>, ApiError> {
        let body = serde_json::json!({ "to_comment_created_at": to.text }).to_string();
        let reply = self.post_once(stream, "reset", body).await?;
        self.finish(
            parse::parse_optional_string(&reply.body, "sequence_id"),
            &reply,
        )
    }

    async fn post_once(
        &self,
        stream: &StreamRef,
        action: &str,
        body: String,
    ) -> Result<Reply, ApiError> {
        let url = self.endpoint.route(stream_path(stream, Some(action)));
        let body = Bytes::from(body);
        let build = || {
            self.http
                .post(url.clone())
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone())
        };
        let reply = self
            .transport()
            .send(&build, Retry::Never, &|_: Progress| {})
            .await;
        self.explained(reply, Target::Stream(stream)).await
    }

    /// A parse error gets the HTTP status of the (successful) answer it came from, and loses
    /// any copy of the token a server may have echoed.
    pub(crate) fn finish<T>(
        &self,
        parsed: Result<T, ApiError>,
        reply: &Reply,
    ) -> Result<T, ApiError> {
        parsed.map_err(|mut err| {
            err.status = err.status.or(Some(reply.status));
            err.redacted(&self.token)
        })
    }

    /// A retried GET of a listing or object.
    async fn get(&self, path: &[&str], target: Target<'_>) -> Result<Reply, ApiError> {
        let url = self.endpoint.route(path.iter().copied());
        let build = || self.http.get(url.clone());
        let reply = self
            .transport()
            .send(&build, Retry::Allowed, &|_: Progress| {})
            .await;
        self.explained(reply, target).await
    }

    /// A read: a GET, or a POST of a JSON `body` where the service takes its parameters that
    /// way (a stream's `fetch`, the validation routes); none of these POSTs changes anything.
    pub(crate) fn read_request(
        &self,
        url: &url::Url,
        body: Option<&Bytes>,
    ) -> reqwest::RequestBuilder {
        match body {
            Some(body) => self
                .http
                .post(url.clone())
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone()),
            None => self.http.get(url.clone()),
        }
    }

    /// Sends this client's requests.
    pub(crate) fn transport(&self) -> Transport<'_> {
        Transport {
            config: &self.config,
            endpoint: &self.endpoint,
            token: &self.token,
        }
    }
}

/// What a request addressed, to say which level was missing or refused.
#[derive(Clone, Copy)]
pub(crate) enum Target<'a> {
    /// The tenant as a whole (user, projects).
    Account,
    Project(&'a str),
    Dataset(&'a str, &'a str),
    Stream(&'a StreamRef),
}

fn stream_path<'a>(stream: &'a StreamRef, action: Option<&'a str>) -> Vec<&'a str> {
    let mut path = vec![
        "api",
        "v1",
        "datasets",
        &stream.project,
        &stream.dataset,
        "streams",
        &stream.stream,
    ];
    path.extend(action);
    path
}

fn redact_problem(problem: &mut ParseProblem, token: &Token) {
    match &mut problem.kind {
        ProblemKind::Repaired(words) | ProblemKind::Skipped(words) => {
            *words = token.redact(words);
        }
    }
}

fn cause_of(err: &reqwest::Error) -> String {
    std::error::Error::source(err).map_or_else(|| "unknown reason".into(), ToString::to_string)
}
