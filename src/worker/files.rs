//! File dialogs, exports and opening pages from files: all off the UI thread.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Dialogs, FetchedPage};
use crate::api::Page;
use crate::export::{self, ExportError, ExportFormat, OpenError, OpenReason, Provenance};

/// Which dialog to show.
pub(super) enum Dialog {
    Save {
        suggested_name: String,
    },
    /// Pages to open: one or several.
    Open,
    /// The one page to compare the shown page with.
    Compare,
}

/// The paths the user chose (at most one, except for [`Dialog::Open`]); none when cancelled
/// or when no dialog can be shown here.
pub(super) async fn choose(dialogs: &Dialogs, dialog: Dialog) -> Vec<PathBuf> {
    match dialogs {
        Dialogs::Scripted(answers) => {
            let mut answer = answers
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .pop_front()
                .unwrap_or_default();
            if !matches!(dialog, Dialog::Open) {
                answer.truncate(1);
            }
            answer
        }
        Dialogs::Native => {
            let files = rfd::AsyncFileDialog::new()
                .add_filter("Pages of a stream", &["json", "jsonl", "csv"])
                .add_filter("All files", &["*"]);
            let chosen = match dialog {
                Dialog::Save { suggested_name } => {
                    let chosen = files.set_file_name(suggested_name).save_file().await;
                    chosen.into_iter().collect()
                }
                Dialog::Open => files.pick_files().await.unwrap_or_default(),
                Dialog::Compare => {
                    let files = files.set_title("Compare the shown page with…");
                    files.pick_file().await.into_iter().collect()
                }
            };
            chosen
                .into_iter()
                .map(|handle| handle.path().to_path_buf())
                .collect()
        }
    }
}

/// Renders and writes atomically; the number of bytes written, or why nothing was.
pub(super) async fn export(
    path: PathBuf,
    page: Arc<Page>,
    provenance: Box<Provenance>,
    format: ExportFormat,
) -> Result<usize, ExportError> {
    let target = path.clone();
    let write = move || {
        let bytes = export::render(&page, format, &provenance);
        export::write_atomic(&path, &bytes).map(|()| bytes.len())
    };
    tokio::task::spawn_blocking(write)
        .await
        .unwrap_or_else(|_| {
            Err(ExportError {
                path: target,
                reason: "the export stopped unexpectedly".to_owned(),
            })
        })
}

/// Reads a page file and prepares it for the inspector, with the thresholds it recorded.
pub(super) async fn open(path: &Path) -> Result<FetchedPage, OpenError> {
    let target = path.to_path_buf();
    let path = path.to_path_buf();
    let read = move || {
        let opened = export::open_file(&path)?;
        let model = opened.provenance.as_ref().map(Provenance::model);
        Ok(FetchedPage::new(
            opened.page,
            model.as_ref(),
            opened.provenance,
        ))
    };
    tokio::task::spawn_blocking(read).await.unwrap_or_else(|_| {
        Err(OpenError {
            path: Some(target),
            reason: OpenReason::Unreadable("reading the file stopped unexpectedly".to_owned()),
        })
    })
}
