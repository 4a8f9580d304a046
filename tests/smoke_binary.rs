//! The real binary on a real (virtual) X server: `streamlens --demo` must open a window titled
//! streamlens and draw into it. The screenshot is kept in `target/smoke/streamlens-demo.png`.
#![cfg(target_os = "linux")]

use std::fs::File;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

const APP: &str = env!("CARGO_BIN_EXE_streamlens");
const WINDOW_DEADLINE: Duration = Duration::from_secs(60);
/// A blank screen has one colour; a drawn window with anti-aliased text has hundreds.
const MIN_COLOURS: u32 = 16;

/// A child process that is killed (and reaped) when the test ends, passed or failed.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
#[ignore = "needs Xvfb: run by scripts/test"]
fn demo_opens_a_window_that_draws() {
    let home = tempfile::tempdir().unwrap();
    let (_xvfb, display) = start_xvfb();
    let app_log = home.path().join("streamlens.log");
    let log_file = File::create(&app_log).unwrap();
    let mut app = KillOnDrop(
        Command::new(APP)
            .arg("--demo")
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .env("WINIT_X11_SCALE_FACTOR", "1")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env("XDG_STATE_HOME", home.path().join("state"))
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .unwrap(),
    );
    let deadline = Instant::now() + WINDOW_DEADLINE;

    wait_for_window(&display, &mut app, &app_log, deadline);
    let screenshot = screenshot_path();
    let colours = screenshot_until_drawn(&display, &screenshot, deadline);
    assert!(
        colours >= MIN_COLOURS,
        "the streamlens window stayed blank: the screenshot {} has {colours} colours\n{}",
        screenshot.display(),
        log_tail(&app_log)
    );
}

/// Starts Xvfb on a display it picks itself; `-displayfd 1` makes it write the number to stdout
/// once it accepts connections, so this waits for exactly that moment.
fn start_xvfb() -> (KillOnDrop, String) {
    let mut xvfb = KillOnDrop(
        Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is not installed: run scripts/install-deps"),
    );
    let stdout = xvfb.0.stdout.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(line);
    });
    let number = receiver
        .recv_timeout(Duration::from_secs(30))
        .expect("Xvfb did not report a display within 30 s");
    let number = number.trim();
    assert!(!number.is_empty(), "Xvfb exited without opening a display");
    (xvfb, format!(":{number}"))
}

/// Waits (in xdotool, which watches the X server) for a visible window titled streamlens; fails
/// at once if the app exits first.
fn wait_for_window(display: &str, app: &mut KillOnDrop, app_log: &Path, deadline: Instant) {
    let mut search = Command::new("timeout");
    search
        .arg(remaining_seconds(deadline).to_string())
        .args([
            "xdotool",
            "search",
            "--sync",
            "--onlyvisible",
            "--name",
            "streamlens",
        ])
        .env("DISPLAY", display);
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let _ = sender.send(search.output());
    });
    loop {
        match receiver.recv_timeout(Duration::from_millis(250)) {
            Ok(Ok(Output { status, .. })) if status.success() => return,
            Ok(_) => panic!(
                "no window titled streamlens appeared within {} s\n{}",
                WINDOW_DEADLINE.as_secs(),
                log_tail(app_log)
            ),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Some(status) = app.0.try_wait().unwrap() {
                    panic!(
                        "no window titled streamlens appeared: streamlens --demo exited \
                         ({status}) first\n{}",
                        log_tail(app_log)
                    );
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => unreachable!("the search thread sends"),
        }
    }
}

/// Whole seconds left, at least one (`timeout 0` would mean no limit at all).
fn remaining_seconds(deadline: Instant) -> u64 {
    deadline
        .saturating_duration_since(Instant::now())
        .as_secs()
        .max(1)
}

/// Screenshots the whole screen until it shows enough colours (the first frames may be blank)
/// or the deadline passes; returns the colour count of the last screenshot.
fn screenshot_until_drawn(display: &str, path: &Path, deadline: Instant) -> u32 {
    loop {
        let taken = Command::new("import")
            .args(["-window", "root"])
            .arg(path)
            .env("DISPLAY", display)
            .status()
            .expect("imagemagick's import is not installed: run scripts/install-deps");
        assert!(taken.success(), "import could not take a screenshot");
        let colours = count_colours(path);
        if colours >= MIN_COLOURS || Instant::now() >= deadline {
            return colours;
        }
        // The window exists but has not drawn yet: give it a frame or two before the next try.
        thread::sleep(Duration::from_millis(200));
    }
}

fn count_colours(path: &Path) -> u32 {
    let output = Command::new("identify")
        .args(["-format", "%k"])
        .arg(path)
        .output()
        .expect("imagemagick's identify is not installed: run scripts/install-deps");
    let text = String::from_utf8_lossy(&output.stdout);
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("identify printed no colour count: {text:?}"))
}

/// `target/smoke/streamlens-demo.png`, found from the binary's place in the target folder.
fn screenshot_path() -> PathBuf {
    let profile_dir = Path::new(APP).parent().unwrap();
    let target_dir = profile_dir.parent().unwrap();
    let folder = target_dir.join("smoke");
    std::fs::create_dir_all(&folder).unwrap();
    folder.join("streamlens-demo.png")
}

fn log_tail(app_log: &Path) -> String {
    let log = std::fs::read_to_string(app_log).unwrap_or_default();
    let lines: Vec<&str> = log.lines().collect();
    if lines.is_empty() {
        return "the app printed nothing".to_owned();
    }
    let tail = lines[lines.len().saturating_sub(20)..].join("\n");
    format!("last lines of the app's output:\n{tail}")
}
