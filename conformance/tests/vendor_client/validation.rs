//! The model's validation through the vendor's library and ours: model versions, each version's
//! validation and the latest, and the curve of every thresholded label in every version.

use std::collections::BTreeSet;

use reinfer_client::resources::validation::ValidationResponse;
use reinfer_client::{DatasetFullName, Error as VendorError, LabelName, ModelVersion};
use streamlens::api::{LabelPath, ValidationError, VersionValidation};

use crate::judge::{Judge, at_root_and_under_a_tenant};

fn same_validation(ours: &VersionValidation, theirs: &ValidationResponse, what: &str) {
    let summary = &ours.summary;
    assert_eq!(
        summary.version,
        Some(i64::from(theirs.validation.version.0)),
        "{what}"
    );
    let rating = summary.model_rating.as_ref().unwrap();
    let theirs_rating = &theirs.validation.model_rating;
    assert_eq!(
        rating.score.map(|s| s as f32),
        Some(theirs_rating.score.0),
        "{what}"
    );
    assert_eq!(
        rating.quality.as_ref().map(|q| q.as_str().to_owned()),
        Some(theirs_rating.quality.to_string().to_lowercase()),
        "{what}"
    );
    assert_eq!(
        summary.reviewed_size,
        Some(theirs.validation.reviewed_size as u64)
    );
    assert_eq!(ours.label_groups.len(), theirs.label_groups.len(), "{what}");
    for (ours, theirs) in ours.label_groups.iter().zip(&theirs.label_groups) {
        assert_eq!(ours.name, theirs.name.0, "{what}");
        assert_eq!(ours.label_defs.len(), theirs.label_defs.len(), "{what}");
        for (ours, theirs) in ours.label_defs.iter().zip(&theirs.label_defs) {
            assert_eq!(ours.name.to_string(), theirs.name.0, "{what}");
            assert_eq!(ours.title.as_deref(), Some(&*theirs.title), "{what}");
            assert_eq!(
                ours.instructions.as_deref(),
                Some(&*theirs.instructions),
                "{what}"
            );
            let fields: Vec<_> = ours
                .moon_form
                .iter()
                .map(|f| (f.name.clone(), f.kind.clone(), f.instructions.clone()))
                .collect();
            let theirs_fields: Vec<_> = theirs
                .moon_form
                .iter()
                .flatten()
                .map(|f| {
                    (
                        Some(f.name.clone()),
                        Some(f.kind.clone()),
                        f.instructions.clone(),
                    )
                })
                .collect();
            assert_eq!(fields, theirs_fields, "{what} {}", theirs.name.0);
        }
    }
}

/// The labels a stream of this dataset lets through (threshold below 100 %).
fn thresholded_labels(judge: &Judge, project: &str, dataset: &str) -> BTreeSet<String> {
    let streams = judge.ours(judge.ours.streams(project, dataset)).unwrap();
    streams
        .iter()
        .filter_map(|s| s.model.as_ref())
        .flat_map(|m| &m.label_thresholds)
        .filter(|t| t.is_on())
        .map(|t| t.name.to_string())
        .collect()
}

#[test]
fn the_models_validation_reads_the_same_curve_point_by_curve_point() {
    at_root_and_under_a_tenant(|judge| {
        let (mut datasets_with_a_model, mut curves) = (0, 0);
        for project in judge.ours(judge.ours.projects()).unwrap() {
            for dataset in judge.ours(judge.ours.datasets(&project.name)).unwrap() {
                let (p, d) = (project.name.as_str(), dataset.name.as_str());
                let name = DatasetFullName(format!("{p}/{d}"));
                let ours = judge.ours(judge.ours.model_versions(p, d));
                let theirs = judge.vendor.get_labellers(&name);
                let versions = match (ours, theirs) {
                    (Ok(ours), Ok(theirs)) => {
                        let theirs: Vec<i64> =
                            theirs.iter().map(|l| i64::from(l.version.0)).collect();
                        let ours: Vec<i64> = ours.iter().map(|l| l.version).collect();
                        assert_eq!(ours, theirs, "{}", name.0);
                        ours
                    }
                    // A dataset without a model: both hear 404, ours as "not available".
                    (
                        Err(ValidationError::NotAvailable(_)),
                        Err(VendorError::Api { status_code, .. }),
                    ) if status_code == 404 => {
                        assert!(judge.vendor.get_latest_validation(&name).is_err());
                        continue;
                    }
                    (ours, theirs) => panic!("{}: {ours:?} against {theirs:?}", name.0),
                };
                datasets_with_a_model += 1;
                let latest = judge.ours(judge.ours.latest_validation(p, d)).unwrap();
                let theirs = judge.vendor.get_latest_validation(&name).unwrap();
                same_validation(&latest, &theirs, &format!("{} latest", name.0));
                let labels = thresholded_labels(judge, p, d);
                for version in versions {
                    let what = format!("{} version {version}", name.0);
                    let model_version = ModelVersion(u32::try_from(version).unwrap());
                    let ours = judge.ours(judge.ours.validation(p, d, version)).unwrap();
                    let theirs = judge.vendor.get_validation(&name, &model_version).unwrap();
                    same_validation(&ours, &theirs, &what);
                    for label in &labels {
                        let path = LabelPath::parse(label);
                        let ours = judge.ours(judge.ours.label_curve(p, d, version, &path));
                        let theirs = judge.vendor.get_label_validation(
                            &LabelName(label.clone()),
                            &name,
                            &model_version,
                        );
                        match (ours, theirs) {
                            (Ok(ours), Ok(theirs)) => {
                                let points = |list: &[ordered_float::NotNan<f64>]| -> Vec<f64> {
                                    list.iter().map(|n| n.into_inner()).collect()
                                };
                                assert_eq!(
                                    ours.thresholds,
                                    points(&theirs.thresholds),
                                    "{what} {label}"
                                );
                                assert_eq!(
                                    ours.precisions,
                                    points(&theirs.precisions),
                                    "{what} {label}"
                                );
                                assert_eq!(ours.recalls, points(&theirs.recalls), "{what} {label}");
                                assert!(!ours.thresholds.is_empty(), "{what} {label}");
                                curves += 1;
                            }
                            // A label this version does not know: 404 to both.
                            (
                                Err(ValidationError::NotAvailable(_)),
                                Err(VendorError::Api { status_code, .. }),
                            ) if status_code == 404 => {}
                            (ours, theirs) => panic!(
                                "{what} {label}: {ours:?} against {:?}",
                                theirs.map(|_| "a curve")
                            ),
                        }
                    }
                }
            }
        }
        assert_eq!(
            datasets_with_a_model, 3,
            "acme-ops/claims, service-mail, chat"
        );
        assert_eq!(
            curves, 38,
            "acme-ops/claims: 1 label in 2 versions; service-mail: 12 in 2; chat: 12 in 1"
        );
    });
}
