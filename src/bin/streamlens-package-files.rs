//! `streamlens-package-files DIR`: the manual pages and shell completions of the Debian package,
//! rendered from streamlens's clap definitions, so they list every subcommand and option without
//! anyone keeping a copy by hand. `scripts/package` runs it; the package does not ship it.
//!
//! A binary of its own rather than a hidden subcommand: clap_complete would offer a hidden
//! subcommand to every shell, and the app's binary stays without this code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory as _;
use clap_complete::Shell;
use streamlens::cli::Cli;

/// The completion files, under `completions/`, named as each shell looks them up once installed
/// (bash-completion loads `completions/streamlens` when `streamlens` is first completed).
const COMPLETIONS: [(Shell, &str); 3] = [
    (Shell::Bash, "streamlens"),
    (Shell::Zsh, "_streamlens"),
    (Shell::Fish, "streamlens.fish"),
];

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        eprintln!("usage: streamlens-package-files DIR");
        return ExitCode::FAILURE;
    };
    let dir = PathBuf::from(dir);
    match write(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "streamlens-package-files: could not write the manual pages and completions into {}: {err}",
                dir.display()
            );
            ExitCode::FAILURE
        }
    }
}

/// Writes `man/streamlens.1`, one `man/streamlens-SUBCOMMAND.1` per visible subcommand, and the
/// completions of [`COMPLETIONS`] under `completions/`.
fn write(dir: &Path) -> std::io::Result<()> {
    let man = dir.join("man");
    let completions = dir.join("completions");
    std::fs::create_dir_all(&man)?;
    std::fs::create_dir_all(&completions)?;
    clap_mangen::generate_to(Cli::command(), &man)?;
    let mut command = Cli::command();
    for (shell, file_name) in COMPLETIONS {
        let mut file = std::fs::File::create(completions.join(file_name))?;
        clap_complete::generate(shell, &mut command, "streamlens", &mut file);
    }
    Ok(())
}
