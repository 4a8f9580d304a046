//! A comparison in words, as the command line's table and the app's compare view both write it.

use std::fmt::{self, Write as _};

use super::{CommentDiff, GeneralField, LabelChange, Presence};

/// The columns of a comparison's table, as the command line's table and the compare view head
/// them: the uid, then [`CommentDiff::row_words`].
pub const TABLE_COLUMNS: [&str; 6] = [
    "uid",
    "change",
    "entered",
    "left",
    "largest probability change",
    "general fields",
];

impl CommentDiff {
    /// The comment's cells after its uid in a table of [`TABLE_COLUMNS`]: the change, the
    /// labels that entered, those that left, the largest probability move, the general fields.
    pub fn row_words(&self) -> [String; 5] {
        let names = |changes: &mut dyn Iterator<Item = &LabelChange>| {
            let names: Vec<String> = changes.map(|change| change.label.to_string()).collect();
            names.join(", ")
        };
        [
            self.change_words().to_owned(),
            names(&mut self.entered()),
            names(&mut self.left()),
            self.largest_change_words().unwrap_or_default(),
            self.fields_words(),
        ]
    }

    /// `changed`, `unchanged`, `only in A` or `only in B`.
    pub fn change_words(&self) -> &'static str {
        match self.presence() {
            Presence::Both if self.is_changed() => "changed",
            Presence::Both => "unchanged",
            Presence::OnlyInA => "only in A",
            Presence::OnlyInB => "only in B",
        }
    }

    /// The largest probability move and how many other labels moved:
    /// `Complaint 0.543 → 0.625 (+0.081); 2 more`. `None` when no label changed.
    pub fn largest_change_words(&self) -> Option<String> {
        let mut text = self.largest_change()?.move_words();
        let more = self.labels.len() - 1;
        if more > 0 {
            let _ = write!(text, "; {more} more");
        }
        Some(text)
    }

    /// The general fields added and removed: `+Reference R-1, −Amount £10`.
    pub fn fields_words(&self) -> String {
        let added = self.fields_added.iter().map(|field| format!("+{field}"));
        let removed = self.fields_removed.iter().map(|field| format!("−{field}"));
        added.chain(removed).collect::<Vec<_>>().join(", ")
    }
}

impl LabelChange {
    /// [`delta`](Self::delta) without the float noise of the subtraction (`0.25 - 0.2` is
    /// `0.04999999999999999`): rounded to twelve decimals, far finer than any model's output.
    pub fn rounded_delta(&self) -> f64 {
        (self.delta() * 1e12).round() / 1e12
    }

    /// `Claim > New 0.410 → 0.620 (+0.210)`; `–` on the side where the label is not predicted.
    pub fn move_words(&self) -> String {
        let value = |p: Option<f64>| p.map_or("–".to_owned(), |p| format!("{p:.3}"));
        format!(
            "{} {} → {} ({:+.3})",
            self.label,
            value(self.a.probability),
            value(self.b.probability),
            self.rounded_delta()
        )
    }
}

impl fmt::Display for GeneralField {
    /// The name and, where it has one, the formatted value: `Amount £10`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Some(value) => write!(f, "{} {value}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::LabelValue;
    use super::*;
    use crate::api::LabelPath;

    fn change(a: Option<f64>, b: Option<f64>) -> LabelChange {
        let value = |probability| LabelValue {
            probability,
            threshold: Some(0.5),
            above: Some(false),
        };
        LabelChange {
            label: LabelPath::parse("Claim > New"),
            a: value(a),
            b: value(b),
        }
    }

    #[test]
    fn differences_lose_the_noise_of_subtraction_and_nothing_a_person_reads() {
        assert_eq!(change(Some(0.2), Some(0.25)).rounded_delta(), 0.05);
        let gone = change(Some(0.8374786376953125), None);
        assert_eq!(gone.rounded_delta(), -0.837478637695);
        assert_eq!(change(Some(0.3), Some(0.3)).rounded_delta(), 0.0);
    }

    #[test]
    fn a_move_names_the_label_both_values_and_the_difference() {
        assert_eq!(
            change(Some(0.41), Some(0.62)).move_words(),
            "Claim > New 0.410 → 0.620 (+0.210)"
        );
        assert_eq!(
            change(None, Some(0.0005)).move_words(),
            "Claim > New – → 0.001 (+0.001)"
        );
    }
}
