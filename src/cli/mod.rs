//! The command line: `streamlens [FILE…]` (the app), `streamlens --demo`, `demo-server`, `fetch`,
//! `stats`, `diff`.

use clap::{Parser, Subcommand};

pub mod demo_server;
pub mod diff;
pub mod fetch;
pub mod gui;
pub mod package_files;
mod script;
pub mod stats;

#[derive(Debug, Parser)]
#[command(name = "streamlens", version, about)]
pub struct Cli {
    /// Start on the built-in demo server, without any saved connection.
    #[arg(long)]
    pub demo: bool,

    /// Use no system keyring: connect for the session only (token from REINFER_TOKEN or typed).
    #[arg(long)]
    pub no_keyring: bool,

    /// Connect for this session to this API endpoint, with the token in REINFER_TOKEN.
    #[arg(long, value_name = "URL", conflicts_with = "demo")]
    pub endpoint: Option<String>,

    /// Page files to open offline: exports or saved responses (as the open subcommand does).
    #[arg(value_name = "FILE")]
    pub files: Vec<std::path::PathBuf>,

    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Print (or save) one page of a stream exactly as the API sent it. Never moves the stream.
    Fetch(fetch::FetchArgs),
    /// Compare two saved pages comment by comment: comments only in one, labels that crossed
    /// the stream's threshold, probability changes, general fields added or removed.
    Diff(diff::DiffArgs),
    /// Open an exported page (or a saved fetch or results response) in the app, offline.
    Open {
        /// The files to open (each page joins the history; the last is shown).
        #[arg(value_name = "FILE", required = true)]
        files: Vec<std::path::PathBuf>,
    },
    /// Run the stand-in API server on loopback (prints its endpoint and token).
    DemoServer(demo_server::DemoServerArgs),
    /// Precision and recall of a stream's labels at its thresholds, from its model's validation
    /// (like `re get stream-stats`); with --compare-version, how another version would do.
    Stats(stats::StatsArgs),
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use clap::Parser as _;

    use super::{Cli, CliCommand};

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("streamlens").chain(args.iter().copied()))
            .unwrap_or_else(|err| panic!("{args:?}: {err}"))
    }

    #[test]
    fn files_open_with_or_without_the_open_subcommand() {
        // The desktop entry's `Exec=streamlens %F`: nothing, one file, or several.
        assert!(parse(&[]).files.is_empty());
        let cli = parse(&["--no-keyring", "a.json", "exports/b.json"]);
        assert!(cli.no_keyring && cli.command.is_none());
        assert_eq!(
            cli.files,
            [PathBuf::from("a.json"), "exports/b.json".into()]
        );
        let cli = parse(&["--no-keyring", "open", "a.json", "b.json"]);
        assert!(cli.no_keyring);
        assert!(
            matches!(&cli.command, Some(CliCommand::Open { files }) if files.len() == 2),
            "{cli:?}"
        );
        assert!(Cli::try_parse_from(["streamlens", "open"]).is_err());
    }

    #[test]
    fn subcommands_still_win_over_file_names() {
        let cli = parse(&["demo-server", "--addr", "127.0.0.1:0"]);
        assert!(matches!(cli.command, Some(CliCommand::DemoServer(_))));
        assert!(cli.files.is_empty());
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory as _;
        Cli::command().debug_assert();
    }
}
