use clap::Parser as _;

fn main() -> std::process::ExitCode {
    let cli = streamlens::cli::Cli::parse();
    let _ = cli;
    std::process::ExitCode::SUCCESS
}
