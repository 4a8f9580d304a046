//! `streamlens stats`: how each label a stream lets through does at the stream's threshold,
//! read from the validation of the stream's model version, and optionally how another version
//! would do. The same labels, entries and figures as the vendor's `re get stream-stats`; the
//! figures come from [`crate::inspect::stream_stats`], as the overview's do.

use std::process::ExitCode;

use crate::api::{Client, LabelCurve, LabelPath, StreamRef, ValidationError};
use crate::inspect::stream_stats::{StreamStat, label_stat, thresholds_on};

use super::script::{self, write_output};

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// The tenant's API endpoint, e.g. https://cloud.uipath.com/ORG/TENANT/reinfer_
    #[arg(long, value_name = "URL")]
    pub endpoint: String,

    /// The stream whose thresholds are read.
    #[arg(long, value_name = "PROJECT/DATASET/STREAM")]
    pub stream: StreamRef,

    /// Another model version of the stream's dataset, read at the same thresholds.
    #[arg(long, value_name = "N")]
    pub compare_version: Option<u32>,

    /// `table` for people, `json` for one object per label and line.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

/// Runs the command; every failure is one line on standard error and a non-zero exit.
pub fn run(args: StatsArgs) -> ExitCode {
    script::exit_code("stats", stats(&args))
}

fn stats(args: &StatsArgs) -> Result<(), String> {
    let (client, runtime) = script::client(&args.endpoint)?;
    let compare = args.compare_version.map(i64::from);
    let stats = runtime.block_on(stream_stats(&client, &args.stream, compare))?;
    let text = match args.format {
        StatsFormat::Table => table(&stats),
        StatsFormat::Json => json_lines(&stats),
    };
    write_output(None, text.as_bytes())
}

/// The figures of every label whose stream threshold is below 1.0, sorted by name.
pub async fn stream_stats(
    client: &Client,
    stream: &StreamRef,
    compare_version: Option<i64>,
) -> Result<Vec<StreamStat>, String> {
    let (project, dataset) = (stream.project.as_str(), stream.dataset.as_str());
    let listed = client.stream(stream).await.map_err(|e| e.to_string())?;
    let model = listed.model.ok_or_else(|| {
        format!("The stream {stream} has no model, so it has no validation to read.")
    })?;
    let version = model
        .version
        .ok_or_else(|| format!("The stream {stream} names no model version."))?;
    let thresholds = thresholds_on(&model);
    let labels: Vec<LabelPath> = thresholds.iter().map(|(l, _)| l.clone()).collect();

    // The compared version's curves, for the labels it defines (the others stay "none").
    let mut compared = Vec::new();
    if let Some(other) = compare_version {
        let validation =
            (client.validation(project, dataset, other).await).map_err(|e| e.to_string())?;
        if validation.default_group().is_none() {
            return Err(format!(
                "Model version {other} of {project}/{dataset} has no default label group."
            ));
        }
        let known: Vec<LabelPath> = (labels.iter())
            .filter(|l| validation.label_def(l).is_some())
            .cloned()
            .collect();
        for (label, curve) in client.label_curves(project, dataset, other, &known).await {
            compared.push((label, readable(curve, other)?));
        }
    }

    let curves = client
        .label_curves(project, dataset, version, &labels)
        .await;
    let mut stats = Vec::with_capacity(curves.len());
    for ((label, threshold), (_, curve)) in thresholds.into_iter().zip(curves) {
        let curve = readable(curve, version)?;
        let other = compared.iter().find(|(l, _)| *l == label).map(|(_, c)| c);
        let stat = label_stat(&label, threshold, &curve, other)
            .map_err(|e| format!("Label '{label}': {e}"))?;
        stats.push(stat);
    }
    stats.sort_by(|a, b| a.label_name.cmp(&b.label_name));
    Ok(stats)
}

/// The curve, or the sentence of why it could not be read.
fn readable(
    curve: Result<LabelCurve, ValidationError>,
    version: i64,
) -> Result<LabelCurve, String> {
    curve.map_err(|err| match err {
        ValidationError::NotAvailable(why) => why.to_string(),
        ValidationError::Failed(err) => format!("A curve of model version {version}: {err}"),
    })
}

/// One JSON object per label and line, as `re -o json` prints them.
fn json_lines(stats: &[StreamStat]) -> String {
    stats
        .iter()
        .map(|stat| serde_json::to_string(stat).expect("numbers and text serialise") + "\n")
        .collect()
}

const HEADERS: [&str; 10] = [
    "Name",
    "Threshold (T)",
    "Precision (P)",
    "Recall (R)",
    "P at same T",
    "R at same T",
    "P at same R",
    "R at same P",
    "T at same R",
    "T at same P",
];

/// The vendor's table: its columns and number formats, a compared figure with its difference
/// when it differs, "none" where there is none (without the vendor's colours).
pub fn table(stats: &[StreamStat]) -> String {
    let compared = |value: Option<f64>, reference: f64| match value {
        None => "none".to_owned(),
        Some(value) if value != reference => format!("{value:.3} ({:+.3})", value - reference),
        Some(value) => format!("{value:.3}"),
    };
    let threshold = |value: Option<f64>| value.map_or("none".to_owned(), |t| format!("{t:.5}"));
    let mut rows = vec![HEADERS.map(str::to_owned)];
    for stat in stats {
        rows.push([
            stat.label_name.clone(),
            format!("{:.3}", stat.threshold),
            format!("{:.3}", stat.precision),
            format!("{:.3}", stat.recall),
            compared(stat.compare_to_precision, stat.precision),
            compared(stat.compare_to_recall, stat.recall),
            compared(stat.maintain_recall_precision, stat.precision),
            compared(stat.maintain_precision_recall, stat.recall),
            threshold(stat.maintain_recall_threshold),
            threshold(stat.maintain_precision_threshold),
        ]);
    }
    let widths: Vec<usize> = (0..HEADERS.len())
        .map(|column| {
            let width = rows.iter().map(|row| row[column].chars().count());
            width.max().unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = (row.iter().zip(&widths))
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        text.push(' ');
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::stream_stats::test_curves::{other, stream};

    #[test]
    fn the_table_has_the_vendors_columns_and_number_formats() {
        let (stream, other) = (stream(), other());
        let label = LabelPath::parse("A > B");
        let stat = label_stat(&label, 0.5, &stream, Some(&other)).unwrap();
        let alone = label_stat(&label, 0.5, &stream, None).unwrap();
        let text = table(&[stat, alone]);
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[0].starts_with(" Name   Threshold (T)  Precision (P)"),
            "{text}"
        );
        assert!(lines[1].contains("0.900 (+0.100)"), "{text}");
        assert!(lines[1].ends_with("0.30000      0.30000"), "{text}");
        assert!(lines[2].ends_with("none         none"), "{text}");
    }

    #[test]
    fn json_is_one_object_per_line_with_the_vendors_names() {
        let stream = stream();
        let stat = label_stat(&LabelPath::parse("A"), 0.5, &stream, None).unwrap();
        assert_eq!(
            json_lines(&[stat]),
            "{\"label_name\":\"A\",\"threshold\":0.5,\"precision\":0.8,\"recall\":0.7,\
             \"compare_to_precision\":null,\"compare_to_recall\":null,\
             \"maintain_recall_precision\":null,\"maintain_recall_threshold\":null,\
             \"maintain_precision_recall\":null,\"maintain_precision_threshold\":null}\n"
        );
    }
}
