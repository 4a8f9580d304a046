//! The desktop integration: the desktop entry, AppStream metainfo and icons agree with the app's
//! id and version, and the Debian package that scripts/package builds from this test build's
//! binary holds exactly the files a desktop needs, with a binary that runs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use clap::CommandFactory as _;
use streamlens::cli::Cli;
use streamlens::cli::gui::APP_ID;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const APP: &str = env!("CARGO_BIN_EXE_streamlens");

fn asset(path: &str) -> PathBuf {
    Path::new(ROOT).join("assets").join(path)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// The value of `key` in the desktop entry's main group.
fn desktop_value<'a>(entry: &'a str, key: &str) -> &'a str {
    entry
        .lines()
        .skip_while(|line| *line != "[Desktop Entry]")
        .take_while(|line| !line.starts_with('[') || *line == "[Desktop Entry]")
        .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or_else(|| panic!("the desktop entry has no {key}"))
}

/// The text between the first `start` and the next `end`.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let len = text[from..].find(end).unwrap_or_else(|| panic!("no {end}"));
    &text[from..from + len]
}

/// The size folders of the icon theme in assets/ (`16x16`, …, `scalable`).
fn icon_sizes() -> Vec<String> {
    let mut sizes: Vec<String> = std::fs::read_dir(asset("icons/hicolor"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    sizes.sort();
    sizes
}

#[test]
fn the_desktop_entry_launches_the_app_under_its_id() {
    let entry = read(&asset(&format!("linux/{APP_ID}.desktop")));
    assert_eq!(desktop_value(&entry, "Exec"), "streamlens %F");
    assert_eq!(desktop_value(&entry, "Icon"), APP_ID);
    assert_eq!(desktop_value(&entry, "StartupWMClass"), APP_ID);
    assert!(
        desktop_value(&entry, "MimeType")
            .split(';')
            .any(|t| t == "application/json"),
        "exports are offered to the app"
    );
}

#[test]
fn the_metainfo_names_the_desktop_entry_and_this_version() {
    let metainfo = read(&asset(&format!("linux/{APP_ID}.metainfo.xml")));
    assert_eq!(between(&metainfo, "<id>", "</id>"), APP_ID);
    assert_eq!(
        between(
            &metainfo,
            "<launchable type=\"desktop-id\">",
            "</launchable>"
        ),
        format!("{APP_ID}.desktop")
    );
    assert_eq!(
        between(&metainfo, "<release version=\"", "\""),
        env!("CARGO_PKG_VERSION"),
        "the newest release listed is this version"
    );
}

#[test]
fn every_icon_has_the_size_its_folder_names() {
    let sizes = icon_sizes();
    assert!(sizes.len() > 4, "{sizes:?}");
    for size in sizes {
        let folder = asset(&format!("icons/hicolor/{size}/apps"));
        if size == "scalable" {
            assert!(read(&folder.join(format!("{APP_ID}.svg"))).contains("<svg"));
            continue;
        }
        let png = std::fs::read(folder.join(format!("{APP_ID}.png"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{size} is a PNG");
        let dimension = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        let (width, height) = (dimension(16), dimension(20));
        assert_eq!(format!("{width}x{height}"), size);
    }
}

fn run(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|err| panic!("{command:?} did not start: {err}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn text(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Every file the package must hold, from the icon folders in assets/ and the command line's
/// visible subcommands (one manual page each).
fn expected_files() -> BTreeSet<String> {
    let mut files: BTreeSet<String> = [
        "usr/bin/streamlens".to_owned(),
        format!("usr/share/applications/{APP_ID}.desktop"),
        format!("usr/share/metainfo/{APP_ID}.metainfo.xml"),
        "usr/share/doc/streamlens/copyright".to_owned(),
        "usr/share/man/man1/streamlens.1.gz".to_owned(),
        "usr/share/bash-completion/completions/streamlens".to_owned(),
        "usr/share/zsh/vendor-completions/_streamlens".to_owned(),
        "usr/share/fish/vendor_completions.d/streamlens.fish".to_owned(),
    ]
    .into();
    for size in icon_sizes() {
        let extension = if size == "scalable" { "svg" } else { "png" };
        files.insert(format!(
            "usr/share/icons/hicolor/{size}/apps/{APP_ID}.{extension}"
        ));
    }
    for subcommand in visible_subcommands() {
        files.insert(format!("usr/share/man/man1/streamlens-{subcommand}.1.gz"));
    }
    files
}

fn visible_subcommands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name().to_owned())
        .collect()
}

#[test]
#[ignore = "needs cargo-deb and dpkg-deb: run by scripts/test"]
fn the_package_holds_what_a_desktop_needs_and_its_binary_runs() {
    // The binary of this very test build, so packaging compiles nothing.
    let profile_dir = Path::new(APP).parent().unwrap();
    let profile = match profile_dir.file_name().unwrap().to_str().unwrap() {
        "debug" => "dev",
        other => other,
    };
    let out = tempfile::tempdir().unwrap();
    let packaged = run(Command::new(Path::new(ROOT).join("scripts/package"))
        .args([
            "--no-build",
            "--profile",
            profile,
            "--fast",
            "--quiet",
            "--output",
        ])
        .arg(out.path())
        .env("CARGO_TARGET_DIR", profile_dir.parent().unwrap()));
    let deb = PathBuf::from(text(&packaged).lines().last().unwrap().trim());
    assert_eq!(deb.parent(), Some(out.path()), "{deb:?}");

    let listing = text(&run(Command::new("dpkg-deb").arg("--contents").arg(&deb)));
    let mut files = BTreeSet::new();
    for line in listing.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [mode, _owner, _size, _date, _time, path] = fields[..] else {
            panic!("an unexpected line in the package's listing: {line}");
        };
        if mode.starts_with('d') {
            continue;
        }
        let path = path.trim_start_matches("./").to_owned();
        let executable = path == "usr/bin/streamlens";
        let wanted = if executable {
            "-rwxr-xr-x"
        } else {
            "-rw-r--r--"
        };
        assert_eq!(mode, wanted, "{path}");
        files.insert(path);
    }
    assert_eq!(files, expected_files());

    let control = text(&run(Command::new("dpkg-deb")
        .arg("--field")
        .arg(&deb)
        .args(["Package", "Version"])));
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        control,
        format!("Package: streamlens\nVersion: {version}-1\n")
    );

    let tree = tempfile::tempdir().unwrap();
    run(Command::new("dpkg-deb")
        .arg("--extract")
        .arg(&deb)
        .arg(tree.path()));
    let installed = tree.path().join("usr/bin/streamlens");
    let answered = run(Command::new(&installed).arg("--version"));
    assert_eq!(text(&answered), format!("streamlens {version}\n"));

    let share = tree.path().join("usr/share");
    for (installed, source) in [
        (
            format!("applications/{APP_ID}.desktop"),
            format!("linux/{APP_ID}.desktop"),
        ),
        (
            format!("metainfo/{APP_ID}.metainfo.xml"),
            format!("linux/{APP_ID}.metainfo.xml"),
        ),
    ] {
        assert_eq!(read(&share.join(installed)), read(&asset(&source)));
    }
    // Manual pages and completions come from the definitions: every subcommand is in them.
    let manual = text(&run(Command::new("gzip")
        .arg("--decompress")
        .arg("--stdout")
        .arg(share.join("man/man1/streamlens.1.gz"))));
    let bash = read(&share.join("bash-completion/completions/streamlens"));
    for subcommand in visible_subcommands() {
        assert!(
            manual.contains(&format!("streamlens\\-{}", subcommand.replace('-', "\\-"))),
            "the manual page refers to streamlens-{subcommand}(1)"
        );
        assert!(
            bash.contains(&format!("streamlens,{subcommand})")),
            "bash completes {subcommand}"
        );
    }
}
