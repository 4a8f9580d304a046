//! The fault matrix, through the real app: each case injects one fault into the stand-in server
//! after a good page is on screen, triggers it from the UI, and checks what the app says, that
//! the page stays, that the UI still answers, and that nothing moved the stream.
//!
//! The table in README's Reliability section is generated from these cases: run with
//! `UPDATE_README=1` to rewrite it; otherwise the test fails when README differs.

mod support;

use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use streamlens::app::{App, AppOptions};
use streamlens::demo_server::{Fault, FaultRule};
use streamlens::worker::KeyringChoice;
use support::*;

const TOKEN: &str = "tok-FAULTS-93b2e1";
const STREAM: &str = "acme-ops/claims/new-claims";
const MB: usize = 1 << 20;

/// What the user does to meet the fault.
#[derive(Clone, Copy)]
enum Trigger {
    Fetch,
    Advance,
    ChooseProject,
    ChooseDataset,
}

/// What the app must show.
#[derive(Clone, Copy)]
enum Expect {
    /// An error banner containing this text.
    Banner(&'static str),
    /// A new page arrives whose notes (or first comment) contain this text.
    Page(&'static str),
}

struct Case {
    name: &'static str,
    fault: fn(&Fixture),
    trigger: Trigger,
    expect: Expect,
}

fn on_fetch(fixture: &Fixture, fault: Fault) {
    fixture
        .server
        .inject(FaultRule::new(fault).on("POST", "/fetch"));
}

fn status(status: u16, message: &str, retry_after: Option<&str>) -> Fault {
    Fault::Status {
        status,
        message: message.into(),
        retry_after: retry_after.map(Into::into),
    }
}

/// A valid fetch page whose one comment carries `body_text` (already JSON-escaped) as its body.
fn page_with_body(uid: &str, body_text: &str) -> String {
    format!(
        "{{\"status\":\"ok\",\"filtered\":0,\"sequence_id\":\"x\",\"is_end_sequence\":true,\"results\":[{{\
         \"sequence_id\":\"x\",\"comment\":{{\"id\":\"1\",\"uid\":\"{uid}\",\"messages\":[{{\"body\":{{\"text\":\"{body_text}\"}}}}]}}}}]}}"
    )
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "400 bad request",
            fault: |f| on_fetch(f, Fault::status(400)),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("rejected the request as invalid (HTTP 400)"),
        },
        Case {
            name: "401 token rotated",
            fault: |f| on_fetch(f, Fault::status(401)),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("The token was refused (HTTP 401)"),
        },
        Case {
            name: "403 missing permission",
            fault: |f| {
                on_fetch(
                    f,
                    status(
                        403,
                        "You do not have the required permissions (streams-consume) on project acme-ops",
                        None,
                    ),
                )
            },
            trigger: Trigger::Fetch,
            expect: Expect::Banner("lacks the permission (streams-consume)"),
        },
        Case {
            name: "404 project",
            fault: |f| {
                f.server.inject(
                    FaultRule::new(Fault::status(404)).on("GET", "/api/v1/datasets/acme-ops"),
                )
            },
            trigger: Trigger::ChooseProject,
            expect: Expect::Banner("Project 'acme-ops' was not found"),
        },
        Case {
            name: "404 dataset",
            fault: |f| {
                f.server.inject(
                    FaultRule::new(Fault::status(404))
                        .on("GET", "/api/v1/datasets/acme-ops/claims"),
                )
            },
            trigger: Trigger::ChooseDataset,
            expect: Expect::Banner("'claims' was not found"),
        },
        Case {
            name: "404 stream",
            fault: |f| on_fetch(f, Fault::status(404)),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("Stream 'new-claims' was not found"),
        },
        Case {
            name: "409 conflict",
            fault: |f| on_fetch(f, Fault::status(409)),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("conflict"),
        },
        Case {
            name: "422 validation",
            fault: |f| on_fetch(f, Fault::status(422)),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("rejected the request as invalid (HTTP 422)"),
        },
        Case {
            name: "429 without Retry-After",
            fault: |f| on_fetch(f, Fault::status(429)),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("limiting how often"),
        },
        Case {
            name: "429 with Retry-After: 1",
            fault: |f| on_fetch(f, status(429, "429 Too Many Requests", Some("1"))),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("It asked to wait 1 s"),
        },
        Case {
            name: "500 server error",
            fault: |f| on_fetch(f, Fault::status(500)),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("overloaded or down (HTTP 500)"),
        },
        Case {
            name: "502 HTML gateway page",
            fault: |f| on_fetch(f, Fault::GatewayHtml { status: 502 }),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("unexpected response (HTTP 502)"),
        },
        Case {
            name: "504 HTML gateway page",
            fault: |f| on_fetch(f, Fault::GatewayHtml { status: 504 }),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("unexpected response (HTTP 504)"),
        },
        Case {
            name: "status ok with HTTP 500",
            fault: |f| on_fetch(f, Fault::json(500, "{\"status\":\"ok\",\"results\":[]}")),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("(HTTP 500)"),
        },
        Case {
            name: "status error with HTTP 200",
            fault: |f| {
                on_fetch(
                    f,
                    Fault::json(200, "{\"status\":\"error\",\"message\":\"boom\"}"),
                )
            },
            trigger: Trigger::Fetch,
            expect: Expect::Banner("unexpected response (HTTP 200)"),
        },
        Case {
            name: "truncated JSON",
            fault: |f| on_fetch(f, Fault::Truncated),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("unexpected response"),
        },
        Case {
            name: "connection dropped mid-body",
            fault: |f| on_fetch(f, Fault::DropMidBody),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("the connection broke after"),
        },
        Case {
            name: "hang past the timeout",
            fault: |f| on_fetch(f, Fault::Delay(Duration::from_secs(30))),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("did not answer in time"),
        },
        Case {
            name: "10 MB body",
            fault: |f| {
                on_fetch(
                    f,
                    Fault::json(200, page_with_body("big.1", &"x".repeat(10 * MB))),
                )
            },
            trigger: Trigger::Fetch,
            expect: Expect::Page("big.1"),
        },
        Case {
            name: "nesting deeper than 128",
            fault: |f| {
                let deep = format!("{}{}", "[".repeat(2000), "]".repeat(2000));
                let body = page_with_body("deep.1", "hi")
                    .replace("\"id\":\"1\"", &format!("\"id\":\"1\",\"x\":{deep}"));
                on_fetch(f, Fault::json(200, body))
            },
            trigger: Trigger::Fetch,
            expect: Expect::Page("deep.1"),
        },
        Case {
            name: "lone surrogate",
            fault: |f| {
                on_fetch(
                    f,
                    Fault::json(200, page_with_body("lone.1", "broken \\ud83d mail")),
                )
            },
            trigger: Trigger::Fetch,
            expect: Expect::Page("lone.1"),
        },
        Case {
            name: "empty body",
            fault: |f| on_fetch(f, Fault::json(200, "")),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("unexpected response"),
        },
        Case {
            name: "non-JSON content type",
            fault: |f| {
                on_fetch(
                    f,
                    Fault::Body {
                        status: 200,
                        content_type: "text/plain".into(),
                        body: "hello".into(),
                    },
                )
            },
            trigger: Trigger::Fetch,
            expect: Expect::Banner("unexpected response"),
        },
        Case {
            name: "stream deleted between listing and fetch",
            fault: |f| f.server.delete_stream(STREAM),
            trigger: Trigger::Fetch,
            expect: Expect::Banner("Stream 'new-claims' was not found"),
        },
        Case {
            name: "stale sequence id at advance",
            fault: |f| f.server.simulate_automation_advance(STREAM, 3),
            trigger: Trigger::Advance,
            expect: Expect::Banner("Nothing was advanced"),
        },
        Case {
            name: "advance answered with 503",
            fault: |f| {
                f.server
                    .inject(FaultRule::new(Fault::status(503)).on("POST", "/advance"))
            },
            trigger: Trigger::Advance,
            expect: Expect::Banner("The advance failed and was not retried"),
        },
    ]
}

fn pages(harness: &Harness<'_, App>) -> usize {
    harness.state().state().pages.history.len()
}

/// Runs one case; returns what the app said.
fn run(case: &Case) -> String {
    let fixture = Fixture::new(TOKEN);
    let mut harness = app_on(&fixture, TOKEN);
    fetch_new_claims(&mut harness);
    assert_eq!(pages(&harness), 1, "{}: the good page first", case.name);
    (case.fault)(&fixture);
    match case.trigger {
        Trigger::Fetch => click(&mut harness, "Fetch"),
        Trigger::Advance => {
            click(&mut harness, "Advance…");
            click(&mut harness, "Advance");
        }
        Trigger::ChooseProject => click(&mut harness, "ACME Operations (acme-ops)"),
        Trigger::ChooseDataset => click(&mut harness, "Claims inbox (claims)"),
    }
    let said = match case.expect {
        Expect::Banner(text) => {
            let message = banner_message(&mut harness);
            assert!(
                message.contains(text),
                "{}: {message:?} lacks {text:?}",
                case.name
            );
            assert!(!message.contains(TOKEN));
            assert_eq!(
                pages(&harness),
                1,
                "{}: the last good page stays",
                case.name
            );
            harness.get_by_label("16 comments on this page");
            // The port changes from run to run; the table must not.
            message.replace(&fixture.server.addr().to_string(), "127.0.0.1:PORT")
        }
        Expect::Page(uid) => {
            wait_until(&mut harness, case.name, |h| pages(h) == 2);
            let shown = harness.state().state().pages.current().unwrap();
            let notes: Vec<String> = shown
                .page
                .problems
                .iter()
                .map(ToString::to_string)
                .collect();
            let found = shown.page.results.iter().any(|r| r.comment.uid == uid)
                || notes.iter().any(|n| n.contains(uid));
            assert!(
                found,
                "{}: {uid} neither shown nor named in {notes:?}",
                case.name
            );
            match notes.first() {
                Some(note) => format!("Page shown, with a note: {note}"),
                None => format!("Page shown ({} comment)", shown.page.results.len()),
            }
        }
    };
    // Still answering: the banner can be dismissed, or the history stepped back.
    if matches!(case.expect, Expect::Banner(_)) {
        click(&mut harness, "Dismiss");
        assert!(
            harness.state().state().banner.is_none(),
            "{}: Dismiss answered",
            case.name
        );
    } else {
        click(&mut harness, "◀ Older page");
        assert_eq!(
            harness.state().state().pages.shown,
            Some(0),
            "{}: history answered",
            case.name
        );
    }
    let accepted = fixture
        .server
        .mutations()
        .iter()
        .filter(|m| m.accepted)
        .count();
    assert_eq!(accepted, 0, "{}: nothing moved the stream", case.name);
    said
}

#[test]
fn every_fault_is_explained_keeps_the_page_and_moves_nothing() {
    let mut rows = vec![
        "| case | what the app says | last page kept | UI answers | advances recorded |".to_owned(),
        "|---|---|---|---|---|".to_owned(),
    ];
    for case in cases() {
        let said = run(&case);
        let kept = if matches!(case.expect, Expect::Banner(_)) {
            "yes"
        } else {
            "new page shown"
        };
        rows.push(format!(
            "| {} | {} | {kept} | yes | 0 |",
            case.name,
            said.replace('|', "\\|").replace('\n', " ")
        ));
    }
    rows.push(no_keyring_row());
    check_readme_table(&rows.join("\n"));
}

fn no_keyring_row() -> String {
    let mut harness = app(AppOptions {
        keyring: KeyringChoice::Off,
        client: quick_client(),
        ..AppOptions::default()
    });
    wait_for_label(&mut harness, "The system keyring is not available");
    click(&mut harness, "Connect for this session only…");
    harness.get_by_role_and_label(egui::accesskit::Role::PasswordInput, "API token");
    let streamlens::state::KeyringStatus::Unavailable(said) =
        harness.state().state().keyring.clone()
    else {
        panic!("the keyring must read as unavailable");
    };
    format!("| no keyring service | {said} | no page yet | yes (session-only form offered) | 0 |")
}

const START: &str = "<!-- fault-matrix:start -->";
const END: &str = "<!-- fault-matrix:end -->";

fn check_readme_table(table: &str) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the {START} … {END} markers");
    };
    let current = readme[start + START.len()..end].trim();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{START}\n{table}\n{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).unwrap();
    } else {
        assert_eq!(
            current, table,
            "README's fault matrix is out of date: run with UPDATE_README=1"
        );
    }
}
