//! `streamlens diff A B`: two saved pages compared comment by comment ([`crate::compare`]), as
//! an aligned table for people, or JSON or CSV for scripts. Reads files only; no network.

mod csv;
mod json;
mod table;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::api::Route;
use crate::compare::{self, Side};
use crate::export::{self, OpenedPage};

use super::script;

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The first page (A): a JSON export (File → Export) or a bare /fetch or /results response
    /// saved by any tool, e.g. `streamlens fetch`.
    #[arg(value_name = "A")]
    pub a: PathBuf,

    /// The second page (B), in either form. Changes are read from A to B: a label "entered"
    /// when it is above its threshold in B and was not in A.
    #[arg(value_name = "B")]
    pub b: PathBuf,

    /// How to write the comparison to standard output.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
}

/// What `--format` asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// For people: a summary line, both pages, then one aligned row per changed comment.
    #[default]
    Table,
    /// For scripts: one JSON document, one object per changed comment (shape in the README).
    Json,
    /// For spreadsheets: one row per change (uid, change, name, a, b, delta).
    Csv,
}

/// What the command writes: the comparison in the chosen format, and the notes for standard
/// error (the JSON carries them too).
#[derive(Debug)]
pub struct DiffOutput {
    pub bytes: Vec<u8>,
    pub notes: Vec<String>,
}

/// Runs the command; every failure is one line on standard error and a non-zero exit. Pages
/// that differ are no failure: the exit is zero whenever the comparison was written.
pub fn run(args: DiffArgs) -> ExitCode {
    let written = diff_files(&args.a, &args.b, args.format).and_then(|output| {
        for note in &output.notes {
            eprintln!("streamlens diff: note: {note}");
        }
        script::write_output(None, &output.bytes)
    });
    script::exit_code("diff", written)
}

/// Opens both files (as File → Open does) and renders their comparison in `format`.
pub fn diff_files(a: &Path, b: &Path, format: DiffFormat) -> Result<DiffOutput, String> {
    let opened_a = export::open_file(a).map_err(|e| e.to_string())?;
    let opened_b = export::open_file(b).map_err(|e| e.to_string())?;
    let comparison = compare::compare(Side::opened(&opened_a), Side::opened(&opened_b));
    let pages = [
        PageInfo::new(a, &opened_a, comparison.model_version_a),
        PageInfo::new(b, &opened_b, comparison.model_version_b),
    ];
    let notes: Vec<String> = comparison.notes.iter().map(ToString::to_string).collect();
    let bytes = match format {
        DiffFormat::Table => table::render(&comparison, &pages),
        DiffFormat::Json => json::render(&comparison, &pages, &notes),
        DiffFormat::Csv => csv::render(&comparison),
    };
    Ok(DiffOutput { bytes, notes })
}

/// What the outputs say about one side's page.
struct PageInfo {
    file: String,
    /// `None` for a bare response, which does not say.
    stream: Option<String>,
    route: Route,
    model_version: Option<i64>,
    comments: usize,
}

impl PageInfo {
    fn new(path: &Path, opened: &OpenedPage, model_version: Option<i64>) -> Self {
        let side = Side::opened(opened);
        Self {
            file: path.display().to_string(),
            stream: side.stream().map(|stream| stream.to_string()),
            route: opened.page.route,
            model_version,
            comments: opened.page.results.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;

    fn parse(args: &[&str]) -> Result<DiffArgs, clap::error::ErrorKind> {
        let line = ["streamlens", "diff"].iter().chain(args);
        match crate::cli::Cli::try_parse_from(line) {
            Ok(crate::cli::Cli {
                command: Some(crate::cli::CliCommand::Diff(args)),
                ..
            }) => Ok(args),
            Ok(other) => panic!("not a diff: {other:?}"),
            Err(err) => Err(err.kind()),
        }
    }

    #[test]
    fn takes_two_files_and_a_format_defaulting_to_the_table() {
        let args = parse(&["a.json", "b.json"]).unwrap();
        assert_eq!((args.a, args.b), ("a.json".into(), "b.json".into()));
        assert_eq!(args.format, DiffFormat::Table);
        let formats = ["table", "json", "csv"].map(|f| parse(&["a", "b", "--format", f]));
        let formats = formats.map(|args| args.unwrap().format);
        assert_eq!(
            formats,
            [DiffFormat::Table, DiffFormat::Json, DiffFormat::Csv]
        );
        assert!(parse(&["a", "b", "--format", "xml"]).is_err());
        assert!(parse(&["only-one.json"]).is_err());
    }
}
