//! One stand-in server and two clients of it: ours (async, on the server's runtime) and the
//! vendor's (blocking, called from the test's own thread, never from a runtime thread).

use std::future::Future;

use reinfer_client::{Config, Token as VendorToken};
use streamlens::api::{Client, ClientConfig, Endpoint, StreamRef, Token};
use streamlens::demo_server::{DEMO_TOKEN, DemoServer, ServerConfig};
use tokio::runtime::Runtime;

/// A UiPath tenant's base path, as the service serves its API under it.
pub const TENANT: &str = "/acme/DefaultTenant/reinfer_";

pub struct Judge {
    pub server: DemoServer,
    pub ours: Client,
    pub vendor: reinfer_client::Client,
    runtime: Runtime,
}

impl Judge {
    /// A fresh server under `base_path` (`""`: the root), both clients given the endpoint the
    /// server prints, base path included.
    pub fn new(base_path: &str) -> Judge {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let config = ServerConfig {
            base_path: base_path.to_owned(),
            ..ServerConfig::default()
        };
        let server = runtime.block_on(DemoServer::start(config)).unwrap();
        let endpoint = server.base_url();
        let ours = Client::new(
            Endpoint::parse(&endpoint).unwrap(),
            Token::new(DEMO_TOKEN),
            ClientConfig::default(),
        )
        .unwrap();
        let vendor = reinfer_client::Client::new(Config {
            endpoint: endpoint.parse().unwrap(),
            token: VendorToken(DEMO_TOKEN.to_owned()),
            ..Config::default()
        })
        .unwrap();
        Judge {
            server,
            ours,
            vendor,
            runtime,
        }
    }

    /// Runs one of our client's calls to its end.
    pub fn ours<F: Future>(&self, call: F) -> F::Output {
        self.runtime.block_on(call)
    }

    /// Every stream of every dataset of every project, as our client lists them.
    pub fn all_streams(&self) -> Vec<StreamRef> {
        let mut all = Vec::new();
        for project in self.ours(self.ours.projects()).unwrap() {
            for dataset in self.ours(self.ours.datasets(&project.name)).unwrap() {
                for stream in self
                    .ours(self.ours.streams(&project.name, &dataset.name))
                    .unwrap()
                {
                    all.push(StreamRef {
                        project: project.name.clone(),
                        dataset: dataset.name.clone(),
                        stream: stream.name,
                    });
                }
            }
        }
        all
    }
}

/// Runs `check` against a server at the root, then against one under [`TENANT`]: a route the
/// vendor's client joins onto the base the wrong way fails there.
pub fn at_root_and_under_a_tenant(check: impl Fn(&Judge)) {
    for base_path in ["", TENANT] {
        let judge = Judge::new(base_path);
        check(&judge);
        let outside: Vec<_> = judge
            .server
            .requests()
            .into_iter()
            .filter(|r| !r.path.starts_with(base_path))
            .collect();
        assert!(
            outside.is_empty(),
            "requests outside {base_path}: {outside:#?}"
        );
    }
}
