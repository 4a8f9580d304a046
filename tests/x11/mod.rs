//! The X server side of the smoke tests: a private Xvfb, a window manager on it, and reading a
//! window's properties with xprop, now or as they change.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// A child process that is killed (and reaped) when the test ends, passed or failed.
pub struct KillOnDrop(pub Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts Xvfb on a display it picks itself; `-displayfd 1` makes it write the number to stdout
/// once it accepts connections, so this waits for exactly that moment.
pub fn start_xvfb() -> (KillOnDrop, String) {
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

/// Openbox, a window manager that frames windows with their icon and title (its default theme's
/// title bar), as a desktop would. It adopts windows mapped before it is ready, so nothing waits.
pub fn start_window_manager(display: &str, home: &std::path::Path) -> KillOnDrop {
    KillOnDrop(
        Command::new("openbox")
            .arg("--sm-disable")
            .env("DISPLAY", display)
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("openbox is not installed: run scripts/install-deps"),
    )
}

/// Runs an X client (xprop, xdotool) on `display` and returns what it printed. Texts are UTF-8:
/// in the C locale xprop would print the title's dashes as octal escapes.
pub fn run_client(display: &str, program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .env("DISPLAY", display)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap_or_else(|err| panic!("{program} did not start ({err}): run scripts/install-deps"));
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A window's icon (`_NET_WM_ICON`) as the window manager reads it: width, height, then one
/// ARGB value per pixel.
pub fn window_icon(display: &str, window: &str) -> Vec<u32> {
    let printed = run_client(
        display,
        "xprop",
        &["-id", window, "-notype", "-f", "_NET_WM_ICON", "32c"]
            .into_iter()
            .chain(["=$0+\\n", "_NET_WM_ICON"])
            .collect::<Vec<_>>(),
    );
    printed
        .trim()
        .strip_prefix("_NET_WM_ICON=")
        .unwrap_or_else(|| panic!("the window has no icon: {printed}"))
        .split(", ")
        .map(|value| value.parse().unwrap())
        .collect()
}

/// `xprop -spy`: a window property's value now and after each change, line by line.
pub struct PropertySpy {
    pub lines: mpsc::Receiver<String>,
    _xprop: KillOnDrop,
}

impl PropertySpy {
    pub fn start(display: &str, window: &str, property: &str) -> PropertySpy {
        let mut xprop = KillOnDrop(
            Command::new("xprop")
                .args(["-id", window, "-spy", property])
                .env("DISPLAY", display)
                .env("LC_ALL", "C.UTF-8")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("xprop is not installed: run scripts/install-deps"),
        );
        let stdout = xprop.0.stdout.take().unwrap();
        let (sender, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        PropertySpy {
            lines,
            _xprop: xprop,
        }
    }
}
