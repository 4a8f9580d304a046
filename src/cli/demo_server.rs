//! `streamlens demo-server`: the stand-in server on its own, until Ctrl+C.

use std::net::SocketAddr;
use std::process::ExitCode;

use crate::demo_server::{DEMO_TOKEN, DemoServer, ServerConfig, normalise_base_path};

#[derive(Debug, clap::Args)]
pub struct DemoServerArgs {
    /// Where to listen. Loopback only: the server is for tests and the demo.
    #[arg(long, default_value = "127.0.0.1:0", value_parser = loopback)]
    pub addr: SocketAddr,

    /// The bearer token to accept.
    #[arg(long, default_value = DEMO_TOKEN)]
    pub token: String,

    /// Serve every route under this path and nothing outside it, as a UiPath tenant does
    /// (e.g. /acme/DefaultTenant/reinfer_). The printed endpoint includes it.
    #[arg(long, default_value = "", value_parser = normalise_base_path)]
    pub base_path: String,
}

fn loopback(text: &str) -> Result<SocketAddr, String> {
    let addr: SocketAddr = text
        .parse()
        .map_err(|e| format!("{e} (expected e.g. 127.0.0.1:8080)"))?;
    if addr.ip().is_loopback() {
        Ok(addr)
    } else {
        Err(format!(
            "{} is not a loopback address; the demo server listens on loopback only",
            addr.ip()
        ))
    }
}

/// Prints `endpoint: URL` and `token: TOKEN`, then serves until Ctrl+C.
pub fn run(args: DemoServerArgs) -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("streamlens demo-server: could not start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let config = ServerConfig {
            addr: args.addr,
            token: args.token,
            base_path: args.base_path,
        };
        let server = match DemoServer::start(config).await {
            Ok(server) => server,
            Err(e) => {
                eprintln!(
                    "streamlens demo-server: could not listen on {}: {e}",
                    args.addr
                );
                return ExitCode::FAILURE;
            }
        };
        println!("endpoint: {}", server.base_url());
        println!("token: {}", server.token());
        println!("Serving the demo data. Press Ctrl+C to stop.");
        let _ = tokio::signal::ctrl_c().await;
        server.shutdown();
        eprintln!("Stopped.");
        ExitCode::SUCCESS
    })
}
