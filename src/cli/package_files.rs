//! `streamlens package-files DIR` (hidden): the manual pages and shell completions of the Debian
//! package, rendered from the clap definitions of the very binary being packaged, so they list
//! every subcommand and option without anyone keeping a copy by hand. `scripts/package` runs it.
//!
//! The subcommand is added to [`Cli`] only for parsing ([`with_package_files`]): the pages and
//! completions are rendered from `Cli` alone, so no shell offers it (clap_complete would list a
//! merely hidden subcommand), and there is no second binary to link in every build.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory as _;
use clap_complete::Shell;

use super::Cli;

const NAME: &str = "package-files";

/// The completion files, under `completions/`, named as each shell looks them up once installed
/// (bash-completion loads `completions/streamlens` when `streamlens` is first completed).
const COMPLETIONS: [(Shell, &str); 3] = [
    (Shell::Bash, "streamlens"),
    (Shell::Zsh, "_streamlens"),
    (Shell::Fish, "streamlens.fish"),
];

/// The command line `main` parses: [`Cli`] plus the hidden `package-files DIR`.
pub fn with_package_files() -> clap::Command {
    Cli::command().subcommand(
        clap::Command::new(NAME).hide(true).arg(
            clap::Arg::new("dir")
                .required(true)
                .value_parser(clap::value_parser!(PathBuf)),
        ),
    )
}

/// The folder `package-files` was asked to write into, when that is the subcommand given.
pub fn requested(matches: &clap::ArgMatches) -> Option<&PathBuf> {
    match matches.subcommand() {
        Some((NAME, args)) => args.get_one("dir"),
        _ => None,
    }
}

pub fn run(dir: &Path) -> ExitCode {
    match write(dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "streamlens: could not write the manual pages and completions into {}: {err}",
                dir.display()
            );
            ExitCode::FAILURE
        }
    }
}

/// Writes `man/streamlens.1`, one `man/streamlens-SUBCOMMAND.1` per visible subcommand, and the
/// completions of [`COMPLETIONS`] under `completions/`.
pub fn write(dir: &Path) -> std::io::Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hidden_subcommand_parses_and_the_rest_is_untouched() {
        let matches = with_package_files()
            .try_get_matches_from(["streamlens", "package-files", "out/files"])
            .unwrap();
        assert_eq!(requested(&matches), Some(&PathBuf::from("out/files")));
        let matches = with_package_files()
            .try_get_matches_from(["streamlens", "--demo", "a.json"])
            .unwrap();
        assert_eq!(requested(&matches), None);
        assert!(Cli::command().find_subcommand(NAME).is_none());
    }

    #[test]
    fn pages_and_completions_name_every_subcommand_but_this_one() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path()).unwrap();
        let bash = std::fs::read_to_string(dir.path().join("completions/streamlens")).unwrap();
        for subcommand in Cli::command().get_subcommands() {
            let name = subcommand.get_name();
            assert!(bash.contains(&format!("streamlens,{name})")), "{name}");
            assert!(dir.path().join(format!("man/streamlens-{name}.1")).exists());
        }
        for (_, file_name) in COMPLETIONS {
            let completion =
                std::fs::read_to_string(dir.path().join("completions").join(file_name));
            assert!(!completion.unwrap().contains(NAME), "{file_name}");
        }
    }
}
