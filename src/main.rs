use clap::FromArgMatches as _;
use streamlens::cli::{Cli, CliCommand};

fn main() -> std::process::ExitCode {
    // RUST_LOG=info shows what the worker does; nothing logged ever holds the token.
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let matches = streamlens::cli::package_files::with_package_files().get_matches();
    if let Some(dir) = streamlens::cli::package_files::requested(&matches) {
        return streamlens::cli::package_files::run(dir);
    }
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
    match cli.command {
        Some(CliCommand::Fetch(args)) => streamlens::cli::fetch::run(args),
        Some(CliCommand::Diff(args)) => streamlens::cli::diff::run(args),
        Some(CliCommand::DemoServer(args)) => streamlens::cli::demo_server::run(args),
        Some(CliCommand::Stats(args)) => streamlens::cli::stats::run(args),
        Some(CliCommand::Open { files }) => {
            streamlens::cli::gui::run(cli.demo, cli.no_keyring, cli.endpoint, files)
        }
        None => streamlens::cli::gui::run(cli.demo, cli.no_keyring, cli.endpoint, cli.files),
    }
}
