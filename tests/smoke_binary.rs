//! The real binary on a real (virtual) X server, in the ways a newcomer meets it first:
//! `streamlens --demo` must connect to its demo server and draw its window, and
//! `streamlens FILE…` (as the desktop entry starts it) must read saved pages offline and draw. Each waits for the app's own
//! log line saying so, then keeps a screenshot in `target/smoke/`. Under a window manager, the
//! window must carry the app's icon, a title naming what is on screen, and the application id as
//! its X11 class, the way a desktop matches it to its launcher.
#![cfg(target_os = "linux")]

mod x11;

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use bytes::Bytes;
use streamlens::api::{Page, Route};
use streamlens::cli::gui::APP_ID;
use x11::{KillOnDrop, PropertySpy};

const APP: &str = env!("CARGO_BIN_EXE_streamlens");
const DEADLINE: Duration = Duration::from_secs(60);
/// A blank screen has one colour; a drawn window with anti-aliased text has hundreds.
const MIN_COLOURS: u32 = 16;

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
fn saved_pages_given_as_arguments_open_offline_and_draw() {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/api-examples");
    let files = [
        (Route::Fetch, format!("{folder}/fetch-new-claims.json")),
        (Route::Results, format!("{folder}/results-new-claims.json")),
    ];
    // As the desktop entry's `Exec=streamlens %F` starts it: each file opens in turn.
    let mut app = Running::start(&["--no-keyring", &files[0].1, &files[1].1]);
    let window = app.wait_for_window();
    for (route, file) in &files {
        let page = Page::parse(*route, Bytes::from(std::fs::read(file).unwrap())).unwrap();
        let opened = app.wait_for_line("opened ");
        assert_eq!(
            opened.split_once("opened ").unwrap().1,
            format!("{file}: {} comments", page.results.len()),
            "the app read another file, or another number of comments than it holds"
        );
    }
    app.wait_for_title(&window, "results-new-claims.json — streamlens");
    app.screenshot_until_drawn("streamlens-open.png");
}

#[test]
#[ignore = "needs Xvfb and openbox: run by scripts/test"]
fn the_window_carries_its_icon_title_and_application_id() {
    let mut app = Running::start_managed(&["--demo"]);
    let window = app.wait_for_window();
    app.wait_for_line("connected to 127.0.0.1");
    // The demo chooses its stream as soon as the listings arrive.
    let title = "triage — northwind-bank/service-mail (Demo) — streamlens";
    app.wait_for_title(&window, title);
    let named = x11::run_client(&app.display, "xdotool", &["getwindowname", &window]);
    assert_eq!(named, format!("{title}\n"));

    let class = x11::run_client(&app.display, "xprop", &["-id", &window, "WM_CLASS"]);
    assert_eq!(
        class,
        format!("WM_CLASS(STRING) = \"\", \"{APP_ID}\"\n"),
        "the class is the application id (the instance stays empty)"
    );

    let icon = eframe::icon_data::from_png_bytes(include_bytes!(
        "../assets/icons/hicolor/128x128/apps/io.github.streamlens.Streamlens.png"
    ))
    .unwrap();
    let mut expected = vec![icon.width, icon.height];
    expected.extend(
        icon.rgba
            .chunks(4)
            .map(|p| u32::from_be_bytes([p[3], p[0], p[1], p[2]])),
    );
    let shown = x11::window_icon(&app.display, &window);
    let differing = shown.iter().zip(&expected).filter(|(a, b)| a != b).count();
    assert!(
        shown.len() == expected.len() && differing == 0,
        "the window's icon is not the app's: {} values (128 × 128 wanted), {differing} differ",
        shown.len().saturating_sub(2)
    );

    // The window manager has framed the window: its title bar shows the icon and the title.
    app.wait_for_property(&window, "_NET_FRAME_EXTENTS", |line| line.contains(" = "));
    app.screenshot_until_drawn("streamlens-window.png");
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
    _window_manager: Option<KillOnDrop>,
    _xvfb: KillOnDrop,
    _home: tempfile::TempDir,
}

impl Running {
    fn start(args: &[&str]) -> Running {
        Self::launch(args, false)
    }

    /// On a display with a window manager, which frames the window with its icon and title.
    fn start_managed(args: &[&str]) -> Running {
        Self::launch(args, true)
    }

    fn launch(args: &[&str], managed: bool) -> Running {
        let home = tempfile::tempdir().unwrap();
        let (xvfb, display) = x11::start_xvfb();
        let window_manager = managed.then(|| x11::start_window_manager(&display, home.path()));
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
            _window_manager: window_manager,
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

    /// Waits (in xdotool, which watches the X server) for a visible window titled streamlens and
    /// returns its id; fails at once if the app exits first.
    fn wait_for_window(&mut self) -> String {
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
                Ok(Ok(Output { status, stdout, .. })) if status.success() => {
                    let found = String::from_utf8(stdout).unwrap();
                    return found.lines().next().unwrap().to_owned();
                }
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

    fn wait_for_title(&mut self, window: &str, title: &str) {
        let wanted = format!("_NET_WM_NAME(UTF8_STRING) = \"{title}\"");
        self.wait_for_property(window, "_NET_WM_NAME", |line| line == wanted);
    }

    /// Waits for the window's `property` to be printed (by xprop) as a line `accept`s.
    fn wait_for_property(&mut self, window: &str, property: &str, accept: impl Fn(&str) -> bool) {
        let spy = PropertySpy::start(&self.display, window, property);
        let mut last = String::from("nothing");
        loop {
            match spy.lines.recv_timeout(Duration::from_millis(250)) {
                Ok(line) if accept(&line) => return,
                Ok(line) => last = line,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    self.fail_if_exited(property);
                    assert!(
                        Instant::now() < self.deadline,
                        "{property} stayed at {last} for {} s\n{}",
                        DEADLINE.as_secs(),
                        self.log_tail()
                    );
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    panic!("xprop stopped watching {property}; last: {last}")
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
