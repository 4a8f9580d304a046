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
//!   ([`DemoServer::requests`]). What the service never sends (unknown user property prefixes,
//!   `null` timestamps, missing fields) is served only as such a fault ([`off_spec`]).
//! - Paths are read like the service reads them, once for every route ([`paths`]): under an
//!   optional base path (a tenant's `/<organisation>/<tenant>/reinfer_`), and with a full name
//!   (`project/dataset`) sent as one percent-encoded segment or as two.

mod acme;
mod catalog;
mod comment_texts;
mod corpus;
mod envelope;
mod faults;
mod label_texts;
mod northwind;
pub mod off_spec;
mod pages;
mod paths;
mod routes;
mod sources;
mod validation;
mod validation_routes;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use axum::ServiceExt;
use axum::extract::{Request, State};
use axum::http::uri::PathAndQuery;
use axum::http::{HeaderValue, Uri, header};
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::oneshot;
use tower::Layer as _;

pub use faults::{Fault, FaultRule, JsonEdit};
pub use paths::normalise_base as normalise_base_path;

/// The token the demo accepts unless told otherwise. Not a secret: the demo holds invented data.
pub const DEMO_TOKEN: &str = "demo-token-not-a-secret";

/// The stream the app shows first on the demo.
pub const DEMO_STREAM: &str = "northwind-bank/service-mail/triage";

/// Where to listen, under which path, and which bearer token to accept.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    pub token: String,
    /// Every route is served under this prefix and nothing outside it, like a UiPath tenant's
    /// `/<organisation>/<tenant>/reinfer_`. Empty: at the root. Checked by [`DemoServer::start`]
    /// (see [`normalise_base_path`]).
    pub base_path: String,
}

impl Default for ServerConfig {
    /// A free port on loopback, at the root, with [`DEMO_TOKEN`].
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            token: DEMO_TOKEN.to_owned(),
            base_path: String::new(),
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
    base_path: String,
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
    /// Binds `config.addr` and serves on the current tokio runtime. A base path that cannot be
    /// one is refused as `InvalidInput`, with a sentence saying why.
    pub async fn start(config: ServerConfig) -> std::io::Result<DemoServer> {
        let base_path = paths::normalise_base(&config.base_path)
            .map_err(|why| std::io::Error::new(std::io::ErrorKind::InvalidInput, why))?;
        let listener = tokio::net::TcpListener::bind(config.addr).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Mutex::new(Shared {
            token: config.token,
            base_path,
            projects: initial_projects(),
            faults: Vec::new(),
            requests: Vec::new(),
            mutations: Vec::new(),
        }));
        // The gate wraps the router instead of being one of its layers: it rewrites the path
        // (base path off, `%2F` read as `/`) before the router picks a route.
        let router = routes::router()
            .merge(validation_routes::router())
            .with_state(shared.clone());
        let app = axum::middleware::from_fn_with_state(shared.clone(), gate).layer(router);
        let app = ServiceExt::<Request>::into_make_service(app);
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

    /// `http://127.0.0.1:PORT` and the base path, if any: the endpoint to connect to.
    pub fn base_url(&self) -> String {
        format!("http://{}{}", self.addr, lock(&self.shared).base_path)
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

/// Everything the server knows when it starts.
fn initial_projects() -> Vec<catalog::Project> {
    vec![acme::project(), acme::sandbox(), northwind::project()]
}

/// Records the request, finds the route's path, applies an injected fault, checks the token,
/// then answers.
async fn gate(State(shared): State<SharedState>, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let path = request.uri().path_and_query().map_or_else(
        || request.uri().path().to_owned(),
        |p| p.as_str().to_owned(),
    );
    let (index, fault, authorized, inside) = {
        let mut shared = lock(&shared);
        let routed = paths::routed(request.uri().path(), &shared.base_path).map(|routed| {
            match request.uri().query() {
                Some(query) => format!("{routed}?{query}"),
                None => routed,
            }
        });
        if let Some(routed) = &routed {
            set_path_and_query(&mut request, routed);
        }
        // Rules name the route's path, so they hold under any base path and either spelling.
        let seen = routed.as_deref().unwrap_or(&path);
        let fault = shared
            .faults
            .iter_mut()
            .find(|rule| rule.matches(&method, seen))
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
        (
            shared.requests.len() - 1,
            fault,
            authorized,
            routed.is_some(),
        )
    };
    let mut response = match fault.as_ref().and_then(faults::replacement) {
        Some(replaced) => replaced,
        None => {
            if let Some(Fault::Delay(delay)) = fault {
                tokio::time::sleep(delay).await;
            }
            let answer = if !inside {
                envelope::not_found()
            } else if authorized {
                next.run(request).await
            } else {
                envelope::unauthorized()
            };
            match &fault {
                Some(Fault::Truncated) => faults::cut(answer, false).await,
                Some(Fault::DropMidBody) => faults::cut(answer, true).await,
                Some(Fault::Edit(edit)) => faults::edit(answer, edit).await,
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

/// Points `request` at `path_and_query`.
fn set_path_and_query(request: &mut Request, path_and_query: &str) {
    let mut parts = request.uri().clone().into_parts();
    parts.path_and_query = PathAndQuery::try_from(path_and_query).ok();
    if let Ok(uri) = Uri::from_parts(parts) {
        *request.uri_mut() = uri;
    }
}
