//! What the commands for scripts (`fetch`, `stats`, `diff`) share: a failure is one line on
//! standard error and a non-zero exit; the client reads its token from the environment, never
//! from the command line; the output goes whole to a file or to standard output.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::api::{Client, ClientConfig, Endpoint, Token};
use crate::credentials::{SESSION_TOKEN_VAR, session_token_from_env};
use crate::export;

/// The exit of `streamlens COMMAND`: success, or the failure's line on standard error after the
/// command's name.
pub(super) fn exit_code(command: &str, result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(line) => {
            eprintln!("streamlens {command}: {line}");
            ExitCode::FAILURE
        }
    }
}

/// A client of `endpoint` with the token in the environment, and a runtime to drive it.
pub(super) fn client(endpoint: &str) -> Result<(Client, tokio::runtime::Runtime), String> {
    let token = token_from_environment()?;
    let endpoint = Endpoint::parse(endpoint)?;
    let client =
        Client::new(endpoint, token, ClientConfig::default()).map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("Could not start the network runtime: {e}."))?;
    Ok((client, runtime))
}

fn token_from_environment() -> Result<Token, String> {
    session_token_from_env().ok_or_else(|| {
        format!(
            "No API token: set the environment variable {SESSION_TOKEN_VAR} to your token \
             (it is not taken on the command line, where other users could see it)."
        )
    })
}

/// Writes `bytes` to `out` (atomically, see [`export::write_atomic`]) or to standard output.
pub(super) fn write_output(out: Option<&Path>, bytes: &[u8]) -> Result<(), String> {
    match out {
        Some(path) => export::write_atomic(path, bytes).map_err(|e| e.to_string()),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .map_err(|e| format!("Could not write to standard output: {e}."))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_files_whole_and_reports_failures_in_one_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.json");
        std::fs::write(&path, "old").unwrap();
        write_output(Some(&path), b"{\"status\":\"ok\"}").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{\"status\":\"ok\"}");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");

        let missing = dir.path().join("no-such-dir").join("page.json");
        let err = write_output(Some(&missing), b"x").unwrap_err();
        assert!(
            err.starts_with("Could not save ") && !err.contains('\n'),
            "{err}"
        );
    }
}
