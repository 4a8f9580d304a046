//! The selected comment's JSON exactly as the server sent it, re-indented for reading.

use egui::{Label, RichText};

/// Indentation stops growing here, so that hostile nesting cannot blow the text up.
const MAX_INDENT: usize = 40;

/// The re-indented text of one result, kept while that result stays selected.
#[derive(Debug, Default)]
pub(super) struct RawCache {
    result: Option<usize>,
    text: String,
}

impl RawCache {
    pub(super) fn show(&mut self, ui: &mut egui::Ui, result: usize, raw: &str) {
        if self.result != Some(result) {
            self.result = Some(result);
            self.text = pretty(raw);
        }
        if self.text.is_empty() {
            ui.label("The JSON of this comment is not available.");
            return;
        }
        ui.add(Label::new(RichText::new(&self.text).monospace()).wrap());
    }
}

/// Re-indents JSON text without parsing it into values, so that nothing is lost: key order,
/// number spelling and escapes stay as sent. Text that is no JSON comes out re-spaced, never
/// rejected.
pub(super) fn pretty(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + raw.len() / 2);
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut chars = raw.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth.min(MAX_INDENT)));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                while chars.next_if(|c| c.is_whitespace()).is_some() {}
                // An empty object or array stays on its line.
                if let Some(close) = chars.next_if(|&next| next == '}' || next == ']') {
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pretty;

    #[test]
    fn indents_without_touching_strings_numbers_or_order() {
        let raw = r#"{"b":1e21,"a":[ ],"s":"x, {y}: \"z\"","o":{"k":[1,2.50]}}"#;
        assert_eq!(
            pretty(raw),
            "{\n  \"b\": 1e21,\n  \"a\": [],\n  \"s\": \"x, {y}: \\\"z\\\"\",\n  \"o\": {\n    \"k\": [\n      1,\n      2.50\n    ]\n  }\n}"
        );
    }

    #[test]
    fn deep_or_broken_input_stays_bounded() {
        let deep = "[".repeat(10_000);
        assert!(pretty(&deep).len() < 10_000 * (2 * super::MAX_INDENT + 2));
        assert_eq!(pretty("]]}"), "\n]\n]\n}");
        assert_eq!(pretty(""), "");
    }
}
