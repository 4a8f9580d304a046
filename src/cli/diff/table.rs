//! The table for people: the summary line first, then both pages in a line each, then one
//! aligned row per changed comment, largest change first.

use std::fmt::Write as _;

use crate::compare::{CommentDiff, Comparison, TABLE_COLUMNS};
use crate::text::plural;

use super::PageInfo;

pub(super) fn render(comparison: &Comparison, pages: &[PageInfo; 2]) -> Vec<u8> {
    let mut out = String::new();
    let _ = writeln!(out, "{}.", comparison.summary);
    for (name, page) in ["A", "B"].into_iter().zip(pages) {
        let _ = writeln!(out, "{name}: {}", describe(page));
    }
    let rows: Vec<[String; 6]> = comparison.changed().map(row).collect();
    if rows.is_empty() {
        out.push_str("\nNo comment differs.\n");
        return out.into_bytes();
    }
    let header = TABLE_COLUMNS.map(str::to_owned);
    let mut widths = [0; 6];
    for cells in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(cells) {
            *width = (*width).max(cell.chars().count());
        }
    }
    out.push('\n');
    for cells in std::iter::once(&header).chain(&rows) {
        let start = out.len();
        for (column, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if column > 0 {
                out.push_str("  ");
            }
            out.push_str(cell);
            let padding = width - cell.chars().count();
            out.extend(std::iter::repeat_n(' ', padding));
        }
        out.truncate(out[start..].trim_end().len() + start);
        out.push('\n');
    }
    out.into_bytes()
}

/// `a.json: acme-ops/claims/new-claims, fetch route, model version 7, 16 comments`.
fn describe(page: &PageInfo) -> String {
    let mut line = format!("{}: ", page.file);
    match &page.stream {
        Some(stream) => line.push_str(stream),
        None => line.push_str("a bare response (no stream recorded)"),
    }
    let _ = write!(line, ", {} route", page.route);
    if let Some(version) = page.model_version {
        let _ = write!(line, ", model version {version}");
    }
    let _ = write!(line, ", {}", plural(page.comments, "comment"));
    line
}

fn row(diff: &CommentDiff) -> [String; 6] {
    let [change, entered, left, largest, fields] = diff.row_words();
    [diff.uid.to_string(), change, entered, left, largest, fields].map(|text| cell(&text))
}

/// A text on one table line: line breaks, tabs and other control characters become spaces.
fn cell(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
