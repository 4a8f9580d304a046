//! The command line: `streamlens` (the app), `streamlens --demo`, `demo-server`, `fetch`.

use clap::{Parser, Subcommand};

pub mod demo_server;
pub mod fetch;
pub mod gui;

#[derive(Debug, Parser)]
#[command(name = "streamlens", version, about)]
pub struct Cli {
    /// Start on the built-in demo server, without any saved connection.
    #[arg(long)]
    pub demo: bool,

    /// Use no system keyring: connect for the session only (token from REINFER_TOKEN or typed).
    #[arg(long)]
    pub no_keyring: bool,

    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Print (or save) one page of a stream exactly as the API sent it. Never moves the stream.
    Fetch(fetch::FetchArgs),
    /// Open an exported page (or a saved fetch or results response) in the app, offline.
    Open {
        /// The file to open.
        file: std::path::PathBuf,
    },
    /// Run the stand-in API server on loopback (prints its endpoint and token).
    DemoServer(demo_server::DemoServerArgs),
}
