//! The real binary on a real (virtual) X server, in two ways a newcomer meets it first:
//! `streamlens --demo` must connect to its demo server and draw its window, and
//! `streamlens open FILE` must read a saved page offline and draw it. Each waits for the app's own
//! log line saying so, then keeps a screenshot in `target/smoke/`.
#![cfg(target_os = "linux")]

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use bytes::Bytes;
use streamlens::api::{Page, Route};

const APP: &str = env!("CARGO_BIN_EXE_streamlens");
const DEADLINE: Duration = Duration::from_secs(60);
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
fn demo_connects_and_draws_its_window() {
    let mut app = Running::start(&["--demo"]);
    app.wait_for_window();
    app.wait_for_line("connected to 127.0.0.1");
    app.screenshot_until_drawn("streamlens-demo.png");
}

#[test]
#[ignore = "needs Xvfb: run by scripts/test"]
fn a_saved_page_opens_offline_and_draws() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/api-examples/fetch-new-claims.json"
    );
    let page = Page::parse(Route::Fetch, Bytes::from(std::fs::read(file).unwrap())).unwrap();
    let mut app = Running::start(&["--no-keyring", "open", file]);
    app.wait_for_window();
    let opened = app.wait_for_line("opened ");
    assert!(
        opened.ends_with(&format!(": {} comments", page.results.len())),
        "the app read another number of comments than the file holds: {opened}"
    );
    app.screenshot_until_drawn("streamlens-open.png");
}

/// The app on an Xvfb of its own, with its own home and XDG folders; what it logs arrives line
/// by line as it writes it.
struct Running {
    app: KillOnDrop,
    display: String,
    deadline: Instant,
    lines: mpsc::Receiver<String>,
    /// Everything it printed so far, for failure messages.
    printed: Arc<Mutex<Vec<String>>>,
    _xvfb: KillOnDrop,
    _home: tempfile::TempDir,
}

impl Running {
    fn start(args: &[&str]) -> Running {
        let home = tempfile::tempdir().unwrap();
        let (xvfb, display) = start_xvfb();
        let mut app = KillOnDrop(
            Command::new(APP)
                .args(args)
                .env("DISPLAY", &display)
                .env_remove("WAYLAND_DISPLAY")
                .env("WINIT_X11_SCALE_FACTOR", "1")
                .env("RUST_LOG", "streamlens=info")
                .env("HOME", home.path())
                .env("XDG_DATA_HOME", home.path().join("data"))
                .env("XDG_CONFIG_HOME", home.path().join("config"))
                .env("XDG_CACHE_HOME", home.path().join("cache"))
                .env("XDG_STATE_HOME", home.path().join("state"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
        );
        let stderr = app.0.stderr.take().unwrap();
        let (sender, lines) = mpsc::channel();
        let printed = Arc::new(Mutex::new(Vec::new()));
        let keep = Arc::clone(&printed);
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                keep.lock().unwrap().push(line.clone());
                let _ = sender.send(line);
            }
        });
        Running {
            app,
            display,
            deadline: Instant::now() + DEADLINE,
            lines,
            printed,
            _xvfb: xvfb,
            _home: home,
        }
    }

    /// Waits for a line of the app's log that contains `wanted` and returns it; fails when the
    /// app exits first or the deadline passes.
    fn wait_for_line(&mut self, wanted: &str) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_millis(250)) {
                Ok(line) if line.contains(wanted) => return line,
                Ok(_) => {}
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    self.fail_if_exited(wanted);
                    assert!(
                        Instant::now() < self.deadline,
                        "streamlens logged no {wanted:?} within {} s\n{}",
                        DEADLINE.as_secs(),
                        self.log_tail()
                    );
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    panic!(
                        "streamlens closed its output before logging {wanted:?}\n{}",
                        self.log_tail()
                    )
                }
            }
        }
    }

    /// Waits (in xdotool, which watches the X server) for a visible window titled streamlens;
    /// fails at once if the app exits first.
    fn wait_for_window(&mut self) {
        let mut search = Command::new("timeout");
        search
            .arg(remaining_seconds(self.deadline).to_string())
            .args([
                "xdotool",
                "search",
                "--sync",
                "--onlyvisible",
                "--name",
                "streamlens",
            ])
            .env("DISPLAY", &self.display);
        let (sender, receiver) = mpsc::channel();
        thread::spawn(move || {
            let _ = sender.send(search.output());
        });
        loop {
            match receiver.recv_timeout(Duration::from_millis(250)) {
                Ok(Ok(Output { status, .. })) if status.success() => return,
                Ok(_) => panic!(
                    "no window titled streamlens appeared within {} s\n{}",
                    DEADLINE.as_secs(),
                    self.log_tail()
                ),
                Err(mpsc::RecvTimeoutError::Timeout) => self.fail_if_exited("its window"),
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    unreachable!("the search thread sends")
                }
            }
        }
    }

    fn fail_if_exited(&mut self, awaited: &str) {
        if let Some(status) = self.app.0.try_wait().unwrap() {
            panic!(
                "streamlens exited ({status}) before {awaited:?}\n{}",
                self.log_tail()
            );
        }
    }

    /// Screenshots the whole screen into `target/smoke/NAME` until it shows enough colours (the
    /// first frames may be blank); fails if it is still blank at the deadline.
    fn screenshot_until_drawn(&self, name: &str) {
        let path = smoke_folder().join(name);
        loop {
            let taken = Command::new("import")
                .args(["-window", "root"])
                .arg(&path)
                .env("DISPLAY", &self.display)
                .status()
                .expect("imagemagick's import is not installed: run scripts/install-deps");
            assert!(taken.success(), "import could not take a screenshot");
            let colours = count_colours(&path);
            if colours >= MIN_COLOURS {
                return;
            }
            assert!(
                Instant::now() < self.deadline,
                "the streamlens window stayed blank: the screenshot {} has {colours} colours\n{}",
                path.display(),
                self.log_tail()
            );
            // The window exists but has not drawn yet: give it a frame or two before the next try.
            thread::sleep(Duration::from_millis(200));
        }
    }

    fn log_tail(&self) -> String {
        let printed = self.printed.lock().unwrap();
        if printed.is_empty() {
            return "the app printed nothing".to_owned();
        }
        let tail = printed[printed.len().saturating_sub(20)..].join("\n");
        format!("last lines of the app's output:\n{tail}")
    }
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

/// Whole seconds left, at least one (`timeout 0` would mean no limit at all).
fn remaining_seconds(deadline: Instant) -> u64 {
    deadline
        .saturating_duration_since(Instant::now())
        .as_secs()
        .max(1)
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

/// `target/smoke/`, found from the binary's place in the target folder.
fn smoke_folder() -> PathBuf {
    let profile_dir = Path::new(APP).parent().unwrap();
    let target_dir = profile_dir.parent().unwrap();
    let folder = target_dir.join("smoke");
    std::fs::create_dir_all(&folder).unwrap();
    folder
}
