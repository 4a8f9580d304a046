//! The stand-in Communications Mining server: same routes and envelope as the real service, on
//! loopback. It powers the tests and the built-in demo.
//!
//! - Data: the API reference's examples (served byte for byte where a request matches them) and a
//!   generated bank (`northwind-bank`) with e-mail threads, chats, an empty stream, a stream whose
//!   first window is filtered out, one without a model and one of 1,100 comments.
//! - The model's validation, read-only (`validation`): model versions, ratings, label
//!   definitions and a precision/recall curve per label and version.
//! - Streams keep a shared position: reads never move it, advance and reset do, and every advance
//!   and reset received is recorded ([`DemoServer::mutations`]).
//! - Faults are injected per test with [`FaultRule`]s; every request is recorded
//!   ([`DemoServer::requests`]).

mod catalog;
mod corpus;
mod faults;
mod label_texts;
mod pages;
mod routes;
mod validation;
mod validation_routes;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::oneshot;

pub use faults::{Fault, FaultRule};

/// The token the demo accepts unless told otherwise. Not a secret: the demo holds invented data.
pub const DEMO_TOKEN: &str = "demo-token-not-a-secret";

/// The stream the app shows first on the demo.
pub const DEMO_STREAM: &str = "northwind-bank/service-mail/triage";

/// Where to listen and which bearer token to accept.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    pub token: String,
}

impl Default for ServerConfig {
    /// A free port on loopback, with [`DEMO_TOKEN`].
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            token: DEMO_TOKEN.to_owned(),
        }
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    pub method: String,
    /// The path as sent (percent-encoded), with the query.
    pub path: String,
    /// The status answered; `None` while still answering or when the client went away first.
    pub status: Option<u16>,
    pub at: Instant,
}

/// An attempt to move a stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mutation {
    /// `project/dataset/stream`.
    pub stream: String,
    pub kind: MutationKind,
    /// Whether the stream moved.
    pub accepted: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MutationKind {
    Advance { sequence_id: String },
    Reset { to_comment_created_at: String },
}

pub(crate) struct Shared {
    token: String,
    projects: Vec<catalog::Project>,
    faults: Vec<FaultRule>,
    requests: Vec<RecordedRequest>,
    mutations: Vec<Mutation>,
}

type SharedState = Arc<Mutex<Shared>>;

fn lock(shared: &SharedState) -> MutexGuard<'_, Shared> {
    // A panicking test thread must not take the server down with it.
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A running stand-in server. Dropping it stops it.
pub struct DemoServer {
    addr: SocketAddr,
    shared: SharedState,
    stop: Option<oneshot::Sender<()>>,
}

impl DemoServer {
    /// Binds `config.addr` and serves on the current tokio runtime.
    pub async fn start(config: ServerConfig) -> std::io::Result<DemoServer> {
        let listener = tokio::net::TcpListener::bind(config.addr).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Mutex::new(Shared {
            token: config.token,
            projects: catalog::build(),
            faults: Vec::new(),
            requests: Vec::new(),
            mutations: Vec::new(),
        }));
        let app = routes::router()
            .merge(validation_routes::router())
            .layer(axum::middleware::from_fn_with_state(shared.clone(), gate))
            .with_state(shared.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(err) = serve.await {
                log::error!("demo server stopped: {err}");
            }
        });
        Ok(DemoServer {
            addr,
            shared,
            stop: Some(stop),
        })
    }

    /// `http://127.0.0.1:PORT`: the endpoint to connect to.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The bearer token this server accepts.
    pub fn token(&self) -> String {
        lock(&self.shared).token.clone()
    }

    pub fn inject(&self, rule: FaultRule) {
        lock(&self.shared).faults.push(rule);
    }

    pub fn clear_faults(&self) {
        lock(&self.shared).faults.clear();
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared).requests.clone()
    }

    /// Every advance and reset received so far, oldest first.
    pub fn mutations(&self) -> Vec<Mutation> {
        lock(&self.shared).mutations.clone()
    }

    /// The sequence id of a stream's current position (`project/dataset/stream`).
    pub fn position(&self, stream: &str) -> Option<String> {
        let shared = lock(&self.shared);
        let found = routes::find_stream(&shared.projects, stream)?;
        Some(pages::sequence_id(found, found.position))
    }

    /// Moves a stream by `comments` as the automation would, unrecorded: for stale-head tests.
    pub fn simulate_automation_advance(&self, stream: &str, comments: usize) {
        let mut shared = lock(&self.shared);
        if let Some(found) = routes::find_stream_mut(&mut shared.projects, stream) {
            found.position = (found.position + comments).min(found.items.len());
        }
    }

    /// Deletes a stream, as someone in the web UI might between listing and fetch.
    pub fn delete_stream(&self, stream: &str) {
        let mut shared = lock(&self.shared);
        for project in &mut shared.projects {
            for dataset in &mut project.datasets {
                let prefix = format!(
                    "{}/{}/",
                    project.json["name"].as_str().unwrap_or_default(),
                    dataset.json["name"].as_str().unwrap_or_default()
                );
                dataset
                    .streams
                    .retain(|s| format!("{prefix}{}", s.name()) != stream);
            }
        }
    }

    /// Stops accepting connections and lets running requests finish.
    pub fn shutdown(self) {
        drop(self);
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Records the request, applies an injected fault, checks the token, then answers.
async fn gate(State(shared): State<SharedState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let path = request.uri().path_and_query().map_or_else(
        || request.uri().path().to_owned(),
        |p| p.as_str().to_owned(),
    );
    let (index, fault, authorized) = {
        let mut shared = lock(&shared);
        let fault = shared
            .faults
            .iter_mut()
            .find(|rule| rule.matches(&method, &path))
            .map(|rule| {
                rule.times = rule.times.map(|t| t - 1);
                rule.fault.clone()
            });
        let expected = format!("Bearer {}", shared.token);
        let authorized = request
            .headers()
            .get(header::AUTHORIZATION)
            .is_some_and(|v| v.as_bytes() == expected.as_bytes());
        shared.requests.push(RecordedRequest {
            method,
            path,
            status: None,
            at: started,
        });
        (shared.requests.len() - 1, fault, authorized)
    };
    let mut response = match fault.as_ref().and_then(faults::replacement) {
        Some(replaced) => replaced,
        None => {
            if let Some(Fault::Delay(delay)) = fault {
                tokio::time::sleep(delay).await;
            }
            let answer = if authorized {
                next.run(request).await
            } else {
                routes::unauthorized()
            };
            match fault {
                Some(Fault::Truncated) => faults::cut(answer, false).await,
                Some(Fault::DropMidBody) => faults::cut(answer, true).await,
                _ => answer,
            }
        }
    };
    let timing = format!("total;dur={}", started.elapsed().as_millis());
    if let Ok(value) = HeaderValue::from_str(&timing) {
        response.headers_mut().insert("server-timing", value);
    }
    lock(&shared).requests[index].status = Some(response.status().as_u16());
    response
}
