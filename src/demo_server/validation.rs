//! The data of the model's validation (served by [`super::validation_routes`]): a dataset's
//! model versions, each version's rating and label definitions, and one precision/recall curve
//! per label and version.
//!
//! The curves are computed, not stored: each label's model scores (as log-odds) follow two
//! logistic distributions, one for the comments that have the label and one for the rest. How far
//! apart they lie depends on the dataset, the label and the version, so every version's curves
//! differ and all have a real classifier's shape: precision rises and recall falls with the
//! threshold, along S-shaped curves. The same request always gets the same numbers.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::catalog::{Dataset, Project};
use super::routes::find_dataset;

/// One trained model version and how it validated.
pub(super) struct Version {
    pub number: u32,
    pub trained_time: &'static str,
    pub score: f64,
    pub quality: &'static str,
    pub reviewed_size: u64,
    /// How well this version tells each label's comments from the rest; scales every label's
    /// separation, so a better version has better curves for most labels.
    pub skill: f64,
    /// Streams use pinned versions.
    pub pinned: bool,
}

/// The demo datasets' models, oldest version first. A dataset not listed has no model: every
/// route below answers 404 for it (`northwind-bank/archive`).
const MODELS: &[(&str, &str, &[Version])] = &[
    (
        "acme-ops",
        "claims",
        &[
            Version {
                number: 41,
                trained_time: "2025-10-20T14:02:11Z",
                score: 64.0,
                quality: "average",
                reviewed_size: 512,
                skill: 0.8,
                pinned: false,
            },
            Version {
                number: 42,
                trained_time: "2025-11-02T17:25:03Z",
                score: 78.0,
                quality: "good",
                reviewed_size: 655,
                skill: 1.0,
                pinned: true,
            },
        ],
    ),
    (
        "northwind-bank",
        "service-mail",
        &[
            Version {
                number: 6,
                trained_time: "2026-10-28T09:41:37Z",
                score: 69.0,
                quality: "average",
                reviewed_size: 1310,
                skill: 0.78,
                pinned: false,
            },
            Version {
                number: 7,
                trained_time: "2026-11-20T16:30:00Z",
                score: 83.0,
                quality: "good",
                reviewed_size: 1840,
                skill: 1.0,
                pinned: true,
            },
        ],
    ),
    (
        "northwind-bank",
        "chat",
        &[Version {
            number: 3,
            trained_time: "2026-11-12T11:05:48Z",
            score: 58.0,
            quality: "average",
            reviewed_size: 420,
            skill: 0.8,
            pinned: true,
        }],
    ),
];

/// Why a validation route has nothing to answer with.
pub(super) enum Missing {
    /// No such project or dataset.
    Dataset,
    /// The dataset has no trained model.
    Model,
    Version(String),
    Label {
        label: String,
        version: u32,
    },
}

/// A dataset's model: its versions (oldest first) and the labels every version knows.
pub(super) struct Model {
    pub versions: &'static [Version],
    pub labels: Vec<String>,
}

pub(super) fn model_of(
    projects: &[Project],
    project: &str,
    dataset: &str,
) -> Result<Model, Missing> {
    let found = find_dataset(projects, project, dataset).ok_or(Missing::Dataset)?;
    let versions = MODELS
        .iter()
        .find(|(p, d, _)| *p == project && *d == dataset)
        .map(|(_, _, versions)| *versions)
        .ok_or(Missing::Model)?;
    Ok(Model {
        versions,
        labels: label_names(found),
    })
}

impl Model {
    /// `latest`, or a version number that exists.
    pub(super) fn version(&self, name: &str) -> Result<&'static Version, Missing> {
        let found = match name {
            "latest" => self.versions.last(),
            number => number
                .parse::<u32>()
                .ok()
                .and_then(|n| self.versions.iter().find(|v| v.number == n)),
        };
        found.ok_or_else(|| Missing::Version(name.to_owned()))
    }

    /// Checks that `label` is one of the model's.
    pub(super) fn label(&self, label: &str, version: &Version) -> Result<(), Missing> {
        match self.labels.iter().any(|known| known == label) {
            true => Ok(()),
            false => Err(Missing::Label {
                label: label.to_owned(),
                version: version.number,
            }),
        }
    }
}

/// Every label the dataset knows: its definitions, the streams' thresholds, every label its
/// comments are predicted to have, and each one's parents; joined with ` > `, sorted.
fn label_names(dataset: &Dataset) -> Vec<String> {
    let mut paths: BTreeSet<Vec<String>> = BTreeSet::new();
    let mut add = |name: &Value| {
        let path: Vec<String> = match name {
            Value::String(joined) => joined.split(" > ").map(str::to_owned).collect(),
            Value::Array(levels) => levels
                .iter()
                .filter_map(|level| level.as_str().map(str::to_owned))
                .collect(),
            _ => return,
        };
        for depth in 1..=path.len() {
            paths.insert(path[..depth].to_vec());
        }
    };
    for def in dataset.json["label_defs"].as_array().into_iter().flatten() {
        add(&def["name"]);
    }
    for stream in &dataset.streams {
        for (path, _) in stream.thresholds() {
            add(&json!(path));
        }
        for item in &stream.items {
            for label in item.result["labels"].as_array().into_iter().flatten() {
                add(&label["name"]);
            }
        }
    }
    paths.into_iter().map(|path| path.join(" > ")).collect()
}

/// Entries of every curve: thresholds 0.99, 0.98, …, 0.01.
const STEPS: u32 = 99;

/// A 64-bit FNV-1a hash of the parts: a seed that stays the same across runs and platforms.
fn seed(parts: &[&str]) -> u64 {
    parts.iter().fold(0xcbf2_9ce4_8422_2325, |hash, part| {
        part.bytes().chain([0]).fold(hash, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    })
}

/// Rounded like the service's figures, to four decimals.
fn rounded(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

/// One label's validation curve; entry `i` of each list belongs to `thresholds[i]`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Curve {
    /// From high to low.
    pub thresholds: Vec<f64>,
    pub precisions: Vec<f64>,
    pub recalls: Vec<f64>,
}

pub(super) fn curve(project: &str, dataset: &str, label: &str, version: &Version) -> Curve {
    // What the label is like in this dataset: how common, how easy to tell apart.
    let mut label_rng = fastrand::Rng::with_seed(seed(&[project, dataset, label]));
    let prevalence = 0.06 + 0.2 * label_rng.f64();
    let ease = 5.0 + 2.0 * label_rng.f64();
    let others_centre = -4.5 + label_rng.f64();
    // How this version learnt it: mostly its skill, give or take a little per label.
    let number = version.number.to_string();
    let mut version_rng = fastrand::Rng::with_seed(seed(&[project, dataset, label, &number]));
    let separation = ease * version.skill * (0.85 + 0.3 * version_rng.f64());
    let labelled_centre = others_centre + separation;
    // The share of a logistic distribution (scale 1) centred at `centre` above log-odds `x`.
    let above = |x: f64, centre: f64| 1.0 / (1.0 + (x - centre).exp());

    let mut curve = Curve {
        thresholds: Vec::new(),
        precisions: Vec::new(),
        recalls: Vec::new(),
    };
    for step in (1..=STEPS).rev() {
        let threshold = f64::from(step) / 100.0;
        let log_odds = (threshold / (1.0 - threshold)).ln();
        let recall = above(log_odds, labelled_centre);
        let false_alarms = (1.0 - prevalence) * above(log_odds, others_centre);
        let precision = prevalence * recall / (prevalence * recall + false_alarms);
        curve.thresholds.push(threshold);
        curve.precisions.push(rounded(precision));
        curve.recalls.push(rounded(recall));
    }
    curve
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo_server::initial_projects;

    /// `(dataset, version, label, curve)` for every curve the server can send.
    fn every_curve() -> Vec<(String, u32, String, Curve)> {
        let projects = initial_projects();
        let mut curves = Vec::new();
        for (project, dataset, versions) in MODELS {
            let Ok(model) = model_of(&projects, project, dataset) else {
                panic!("{project}/{dataset} is in the catalog");
            };
            for version in *versions {
                for label in &model.labels {
                    let name = format!("{project}/{dataset}");
                    let points = curve(project, dataset, label, version);
                    curves.push((name, version.number, label.clone(), points));
                }
            }
        }
        curves
    }

    #[test]
    fn curves_look_like_a_real_classifiers() {
        let curves = every_curve();
        assert!(curves.len() > 40, "{} curves", curves.len());
        for (dataset, version, label, curve) in curves {
            let what = format!("{dataset} v{version} {label}");
            let Curve {
                thresholds,
                precisions,
                recalls,
            } = curve;
            assert_eq!(thresholds.len(), STEPS as usize, "{what}");
            assert_eq!((precisions.len(), recalls.len()), (99, 99), "{what}");
            assert!(thresholds.windows(2).all(|w| w[0] > w[1]), "{what}");
            // Down the list the threshold falls: precision falls, recall rises.
            assert!(precisions.windows(2).all(|w| w[0] >= w[1]), "{what}");
            assert!(recalls.windows(2).all(|w| w[0] <= w[1]), "{what}");
            assert!(precisions[0] > 0.6 && recalls[98] > 0.9, "{what}");
            assert!(precisions[0] - precisions[98] > 0.3, "{what}");
            assert!(recalls[98] - recalls[0] > 0.4, "{what}");
            // Not straight lines: at least one of them bends well away from its chord.
            let bend = |values: &[f64]| {
                let (first, last) = (values[0], values[98]);
                values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (v - (first + (last - first) * i as f64 / 98.0)).abs())
                    .fold(0.0_f64, f64::max)
            };
            let bend = bend(&precisions).max(bend(&recalls));
            assert!(bend > 0.1, "{what}: bends by {bend}");
        }
    }

    #[test]
    fn versions_differ_and_each_is_the_same_every_time() {
        let projects = initial_projects();
        let Ok(model) = model_of(&projects, "northwind-bank", "service-mail") else {
            panic!("service-mail has a model");
        };
        let (Ok(six), Ok(seven)) = (model.version("6"), model.version("latest")) else {
            panic!("versions 6 and 7 exist");
        };
        assert_eq!(seven.number, 7);
        for label in ["Complaint > Fees", "Cards > Lost or Stolen", "Payments"] {
            let of = |version| curve("northwind-bank", "service-mail", label, version);
            assert_ne!(of(six), of(seven), "{label}");
            assert_eq!(
                of(seven),
                of(seven),
                "{label} is computed the same way twice"
            );
        }
    }

    #[test]
    fn labels_include_parents_and_every_predicted_label() {
        let projects = initial_projects();
        let claims = find_dataset(&projects, "acme-ops", "claims").unwrap();
        let labels = label_names(claims);
        for expected in [
            "Claim",
            "Claim > Status Query",
            "Another Top-Level Label",
            "Another Top-Level Label > Child Label",
            "Account > Access > Password Reset > Locked Out",
        ] {
            assert!(
                labels.iter().any(|l| l == expected),
                "{expected}: {labels:?}"
            );
        }
    }
}
