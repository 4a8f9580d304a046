//! The conformance judge: the vendor's own client library, `reinfer-client` 0.43 (the library
//! under the official `re` command line), against streamlens's stand-in server. Every read the
//! library has for what the server serves must succeed and read what our own client reads from
//! the same server; advance and reset through it must reach the server exactly once each. Each
//! test runs at the root and under a tenant's base path.

mod judge;
mod same;
mod validation;

use std::collections::BTreeMap;

use reinfer_client::{
    CommentId, DatasetFullName, DatasetId, DatasetIdentifier, Error as VendorError, ProjectName,
    ProjectPermission, SourceFullName, SourceId, SourceIdentifier, StreamFullName,
    StreamSequenceId,
};
use streamlens::api::{Page, PageRequest, Progress, Route, StreamRef};
use streamlens::demo_server::{Fault, FaultRule, MutationKind, off_spec};

use judge::{Judge, at_root_and_under_a_tenant};

fn full_name(stream: &StreamRef) -> StreamFullName {
    stream.to_string().parse().unwrap()
}

fn our_fetch(judge: &Judge, stream: &StreamRef, size: u32) -> Page {
    let request = PageRequest {
        route: Route::Fetch,
        size,
        max_filtered: None,
    };
    judge
        .ours(judge.ours.peek(stream, request, &|_: Progress| {}))
        .unwrap_or_else(|e| panic!("our fetch of {stream}: {e}"))
}

#[test]
fn the_user_and_projects_read_the_same() {
    at_root_and_under_a_tenant(|judge| {
        let ours = judge.ours(judge.ours.current_user()).unwrap();
        let theirs = judge.vendor.get_current_user().unwrap();
        assert_eq!(ours.id.as_deref(), Some(&*theirs.id.0));
        assert_eq!(ours.username.as_deref(), Some(&*theirs.username.0));
        assert_eq!(ours.email.as_deref(), Some(&*theirs.email.0));
        // The library reads every project permission as `Unknown` (its enum is untagged): the
        // names still come through.
        let theirs_permissions: BTreeMap<String, Vec<String>> = theirs
            .project_permissions
            .iter()
            .map(|(project, permissions)| {
                let mut names: Vec<String> = permissions
                    .iter()
                    .map(|p| match p {
                        ProjectPermission::Unknown(name) => name.to_string(),
                        known => format!("{known:?}"),
                    })
                    .collect();
                names.sort();
                (project.0.clone(), names)
            })
            .collect();
        let mut ours_permissions = ours.organisation_permissions.clone();
        ours_permissions.values_mut().for_each(|names| names.sort());
        assert_eq!(ours_permissions, theirs_permissions);

        let ours = judge.ours(judge.ours.projects()).unwrap();
        let theirs = judge.vendor.get_projects().unwrap();
        assert_eq!(ours.len(), theirs.len());
        for (ours, theirs) in ours.iter().zip(&theirs) {
            assert_eq!(ours.name, theirs.name.0);
            assert_eq!(
                ours.id.as_deref(),
                theirs.id.as_ref().map(|id| id.0.as_str())
            );
            assert_eq!(ours.title.as_deref(), Some(&*theirs.title));
            assert_eq!(ours.description.as_deref(), Some(&*theirs.description));
            let one = judge
                .vendor
                .get_project(&ProjectName(ours.name.clone()))
                .unwrap();
            assert_eq!(&one, theirs, "the project alone is its listing entry");
        }
    });
}

#[test]
fn datasets_read_the_same_listed_by_name_and_by_id() {
    at_root_and_under_a_tenant(|judge| {
        let theirs_all = judge.vendor.get_datasets().unwrap();
        let mut count = 0;
        for project in judge.ours(judge.ours.projects()).unwrap() {
            for ours in judge.ours(judge.ours.datasets(&project.name)).unwrap() {
                count += 1;
                let name = DatasetFullName(format!("{}/{}", ours.owner, ours.name));
                let theirs = theirs_all.iter().find(|d| d.full_name() == name).unwrap();
                let by_name = judge.vendor.get_dataset(name.clone()).unwrap();
                let by_id = judge
                    .vendor
                    .get_dataset(DatasetIdentifier::Id(DatasetId(theirs.id.0.clone())))
                    .unwrap();
                assert_eq!((&by_name, &by_id), (theirs, theirs), "{}", name.0);
                let what = name.0.as_str();
                assert_eq!(ours.id.as_deref(), Some(&*theirs.id.0), "{what}");
                assert_eq!(ours.title.as_deref(), Some(&*theirs.title), "{what}");
                same::time(ours.created.as_ref(), &theirs.created_at, what);
                same::time(ours.last_modified.as_ref(), &theirs.updated_at, what);
                assert_eq!(ours.has_sentiment, Some(theirs.has_sentiment), "{what}");
                let source_ids: Vec<&str> = theirs.source_ids.iter().map(|s| &*s.0).collect();
                assert_eq!(ours.source_ids, source_ids, "{what}");
                let labels: Vec<String> =
                    ours.label_defs.iter().map(|l| l.name.to_string()).collect();
                let theirs_labels: Vec<&str> =
                    theirs.label_defs.iter().map(|l| &*l.name.0).collect();
                assert_eq!(labels, theirs_labels, "{what}");
                let groups: Vec<(&str, usize)> = ours
                    .label_groups
                    .iter()
                    .map(|g| (g.name.as_str(), g.label_defs.len()))
                    .collect();
                let theirs_groups: Vec<(&str, usize)> = theirs
                    .label_groups
                    .iter()
                    .map(|g| (g.name.0.as_str(), g.label_defs.len()))
                    .collect();
                assert_eq!(groups, theirs_groups, "{what}");
                let fields: Vec<Option<&str>> = ours
                    .general_fields
                    .iter()
                    .map(|f| f.api_name.as_deref())
                    .collect();
                let theirs_fields: Vec<Option<&str>> = theirs
                    .general_fields
                    .iter()
                    .map(|f| Some(&*f.api_name))
                    .collect();
                assert_eq!(fields, theirs_fields, "{what}");
            }
        }
        assert_eq!(count, theirs_all.len(), "every dataset listed once");
    });
}

#[test]
fn streams_read_the_same_listed_and_one_by_one() {
    at_root_and_under_a_tenant(|judge| {
        let all = judge.all_streams();
        assert_eq!(all.len(), 8, "{all:?}");
        for stream in &all {
            let dataset = DatasetFullName(format!("{}/{}", stream.project, stream.dataset));
            let listed = judge.vendor.get_streams(&dataset).unwrap();
            let theirs = listed.iter().find(|s| s.name.0 == stream.stream).unwrap();
            same::stream(&judge.ours(judge.ours.stream(stream)).unwrap(), theirs);
            let one = judge.vendor.get_stream(&full_name(stream)).unwrap();
            same::stream(&judge.ours(judge.ours.stream(stream)).unwrap(), &one);
        }
    });
}

#[test]
fn every_stream_fetches_the_same_page_at_every_size() {
    at_root_and_under_a_tenant(|judge| {
        for stream in judge.all_streams() {
            for size in [1, 2, 16, 1024] {
                let theirs = judge
                    .vendor
                    .fetch_stream_comments(&full_name(&stream), size)
                    .unwrap_or_else(|e| panic!("the vendor's fetch of {stream} ({size}): {e}"));
                let ours = our_fetch(judge, &stream, size);
                let what = format!("{stream} size {size}");
                assert!(ours.problems.is_empty(), "{what}: {:?}", ours.problems);
                assert_eq!(ours.results.len(), theirs.results.len(), "{what}");
                assert_eq!(ours.filtered, Some(u64::from(theirs.filtered)), "{what}");
                assert_eq!(ours.sequence_id.as_deref(), Some(&*theirs.sequence_id.0));
                assert_eq!(ours.is_end_sequence, Some(theirs.is_end_sequence), "{what}");
                for (ours, theirs) in ours.results.iter().zip(&theirs.results) {
                    same::result(ours, theirs);
                }
            }
        }
        let bulk: StreamRef = "northwind-bank/service-mail/bulk".parse().unwrap();
        let page = judge
            .vendor
            .fetch_stream_comments(&full_name(&bulk), 1024)
            .unwrap();
        assert_eq!(page.results.len(), 1024, "a full page of the bulk stream");
        assert!(
            judge.server.mutations().is_empty(),
            "fetching moved nothing"
        );
    });
}

#[test]
fn sources_and_comments_by_id_read_the_same() {
    at_root_and_under_a_tenant(|judge| {
        let sources = judge.vendor.get_sources().unwrap();
        for source in &sources {
            let by_id = judge
                .vendor
                .get_source(SourceIdentifier::Id(source.id.clone()))
                .unwrap();
            let by_name = judge.vendor.get_source(source.full_name()).unwrap();
            assert_eq!((&by_id, &by_name), (source, source));
        }
        for project in judge.ours(judge.ours.projects()).unwrap() {
            for dataset in judge.ours(judge.ours.datasets(&project.name)).unwrap() {
                for id in &dataset.source_ids {
                    let found = sources.iter().find(|s| s.id.0 == *id);
                    assert_eq!(found.map(|s| &*s.owner.0), Some(&*project.name), "{id}");
                }
            }
        }
        for stream in judge.all_streams() {
            for result in &our_fetch(judge, &stream, 16).results {
                let ours = &result.comment;
                // As the vendor's `re get comment --source <id>` does it: the source by the id
                // the comment names, then the comment under the source's full name.
                let (source_id, _) = ours.uid.split_once('.').unwrap();
                let source = judge
                    .vendor
                    .get_source(SourceIdentifier::Id(SourceId(source_id.to_owned())))
                    .unwrap();
                let comment_id = CommentId(ours.id.to_string());
                let theirs = judge
                    .vendor
                    .get_comment(&source.full_name(), &comment_id)
                    .unwrap_or_else(|e| panic!("the vendor's read of {}: {e}", ours.uid));
                same::comment(ours, &theirs);
            }
        }
        let missing = judge.vendor.get_comment(
            &SourceFullName("acme-ops/claims-inbox".into()),
            &CommentId("nope".into()),
        );
        assert!(
            matches!(missing, Err(VendorError::Api { status_code, .. }) if status_code == 404),
            "{missing:?}"
        );
    });
}

#[test]
fn advance_and_reset_through_the_vendor_reach_the_server_once_each() {
    at_root_and_under_a_tenant(|judge| {
        let triage: StreamRef = "northwind-bank/service-mail/triage".parse().unwrap();
        let name = full_name(&triage);
        let batch = judge.vendor.fetch_stream_comments(&name, 6).unwrap();
        let fifth = batch.results[4].sequence_id.clone();
        judge.vendor.advance_stream(&name, fifth.clone()).unwrap();
        let head = our_fetch(judge, &triage, 1);
        assert_eq!(head.results[0].comment.uid, batch.results[5].comment.uid.0);

        let first_created = batch.results[0].comment.created_at;
        judge.vendor.reset_stream(&name, first_created).unwrap();
        let head = our_fetch(judge, &triage, 1);
        assert_eq!(head.results[0].comment.uid, batch.results[0].comment.uid.0);

        let mutations = judge.server.mutations();
        assert_eq!(mutations.len(), 2, "{mutations:?}");
        assert!(
            mutations
                .iter()
                .all(|m| m.accepted && m.stream == triage.to_string())
        );
        let StreamSequenceId(sent) = fifth;
        assert_eq!(
            mutations[0].kind,
            MutationKind::Advance { sequence_id: sent }
        );
        assert!(matches!(
            &mutations[1].kind,
            MutationKind::Reset { to_comment_created_at }
                if to_comment_created_at.parse::<chrono::DateTime<chrono::Utc>>().ok() == Some(first_created)
        ));
    });
}

/// The off-spec faults are what the service never sends: the vendor's types refuse each one,
/// while our client reads it (each one has its own test of our client in `tests/api_lenient.rs`).
#[test]
fn what_the_service_never_sends_the_vendor_refuses_and_we_read() {
    let judge = Judge::new("");
    let triage: StreamRef = "northwind-bank/service-mail/triage".parse().unwrap();
    let dataset = DatasetFullName("northwind-bank/service-mail".into());
    let cases: [(&str, Fault, &str); 3] = [
        (
            "unknown property prefixes",
            off_spec::unknown_property_prefixes(),
            "/fetch",
        ),
        ("null timestamps", off_spec::null_timestamps(), "/streams"),
        (
            "missing fields",
            off_spec::without_optional_fields(),
            "/projects",
        ),
    ];
    for (case, fault, path) in cases {
        judge.server.clear_faults();
        judge
            .server
            .inject(FaultRule::new(fault).on(if path == "/fetch" { "POST" } else { "GET" }, path));
        let refused = match path {
            "/fetch" => judge
                .vendor
                .fetch_stream_comments(&full_name(&triage), 4)
                .err(),
            "/streams" => judge.vendor.get_streams(&dataset).err(),
            _ => judge.vendor.get_projects().err(),
        };
        assert!(
            matches!(refused, Some(VendorError::BadSerdeJsonResponse(_))),
            "{case}: {refused:?}"
        );
        match path {
            "/fetch" => assert_eq!(our_fetch(&judge, &triage, 4).results.len(), 4, "{case}"),
            "/streams" => assert_eq!(
                judge
                    .ours(judge.ours.streams("northwind-bank", "service-mail"))
                    .unwrap()
                    .len(),
                5,
                "{case}"
            ),
            _ => assert_eq!(
                judge.ours(judge.ours.projects()).unwrap().len(),
                3,
                "{case}"
            ),
        }
    }
}
