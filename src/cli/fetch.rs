//! `streamlens fetch`: one page of a stream, byte for byte as the API sent it (or flattened to
//! JSON Lines or CSV). Never advances.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::api::{Page, PageRequest, Progress, Route, StreamRef};
use crate::export::{self, ExportFormat};

use super::script::{self, write_output};

#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// The tenant's API endpoint, e.g. https://cloud.uipath.com/ORG/TENANT/reinfer_
    #[arg(long, value_name = "URL")]
    pub endpoint: String,

    /// The stream to read.
    #[arg(long, value_name = "PROJECT/DATASET/STREAM")]
    pub stream: StreamRef,

    /// How many comments to ask for (1 to 1024).
    #[arg(
        long,
        default_value_t = PageRequest::DEFAULT_SIZE,
        value_parser = clap::value_parser!(u32).range(
            i64::from(*PageRequest::SIZES.start())..=i64::from(*PageRequest::SIZES.end())
        )
    )]
    pub size: u32,

    /// `fetch` (legacy POST …/fetch) or `results` (current GET …/results).
    #[arg(long, default_value = "fetch", value_parser = parse_route)]
    pub route: Route,

    /// Write the response here (atomically) instead of to standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// `json`: the response byte for byte (not the app's wrapped export); `jsonl`: one line per
    /// comment; `csv`: one row per comment.
    #[arg(long, default_value = "json")]
    pub format: ExportFormat,
}

fn parse_route(text: &str) -> Result<Route, String> {
    Route::ALL
        .into_iter()
        .find(|route| route.as_str() == text)
        .ok_or_else(|| format!("expected 'fetch' or 'results', got '{text}'"))
}

/// Runs the command; every failure is one line on standard error and a non-zero exit.
pub fn run(args: FetchArgs) -> ExitCode {
    script::exit_code("fetch", fetch(&args))
}

fn fetch(args: &FetchArgs) -> Result<(), String> {
    let (client, runtime) = script::client(&args.endpoint)?;
    let request = PageRequest {
        route: args.route,
        size: args.size,
        max_filtered: None,
    };
    let page = runtime
        .block_on(client.peek(&args.stream, request, &|_: Progress| {}))
        .map_err(|e| e.to_string())?;
    for problem in &page.problems {
        eprintln!("streamlens fetch: note: {problem}");
    }
    write_output(args.out.as_deref(), &output(&page, args.format))
}

/// What `--format` asks for. `json` stays the bare response (scripts rely on it); the app's
/// File → Export writes the wrapped format with its provenance instead.
fn output(page: &Page, format: ExportFormat) -> Vec<u8> {
    match format {
        ExportFormat::Json => page.raw.to_vec(),
        ExportFormat::Jsonl => export::jsonl(page),
        ExportFormat::Csv => export::csv(page),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_comes_from_the_export_code() {
        let raw = std::fs::read("assets/api-examples/fetch-new-claims.json").unwrap();
        let page = Page::parse(Route::Fetch, raw.clone().into()).unwrap();
        assert_eq!(output(&page, ExportFormat::Json), raw);
        assert_eq!(output(&page, ExportFormat::Jsonl), export::jsonl(&page));
        assert_eq!(output(&page, ExportFormat::Csv), export::csv(&page));
    }

    #[test]
    fn format_defaults_to_the_bare_response() {
        use clap::Parser as _;
        let parse = |extra: &[&str]| {
            let base = [
                "streamlens",
                "fetch",
                "--endpoint",
                "localhost",
                "--stream",
                "p/d/s",
            ];
            match crate::cli::Cli::try_parse_from(base.iter().chain(extra)) {
                Ok(crate::cli::Cli {
                    command: Some(crate::cli::CliCommand::Fetch(args)),
                    ..
                }) => Ok(args.format),
                Ok(other) => panic!("not a fetch: {other:?}"),
                Err(err) => Err(err.kind()),
            }
        };
        assert_eq!(parse(&[]), Ok(ExportFormat::Json));
        assert_eq!(parse(&["--format", "csv"]), Ok(ExportFormat::Csv));
        assert_eq!(parse(&["--format", "jsonl"]), Ok(ExportFormat::Jsonl));
        assert!(parse(&["--format", "xml"]).is_err());
    }

    #[test]
    fn routes_parse_by_name() {
        assert_eq!(parse_route("results"), Ok(Route::Results));
        assert!(parse_route("advance").is_err());
    }
}
