//! File dialogs, exports and opening pages from files: all off the UI thread.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Dialogs, FetchedPage};
use crate::api::Page;
use crate::export::{self, ExportError, ExportFormat, OpenError, OpenReason, Provenance};

/// Which dialog to show.
pub(super) enum Dialog {
    Save { suggested_name: String },
    Open,
}

/// The path the user chose; `None` when cancelled or when no dialog can be shown here.
pub(super) async fn choose(dialogs: &Dialogs, dialog: Dialog) -> Option<PathBuf> {
    match dialogs {
        Dialogs::Scripted(answers) => answers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop_front()
            .flatten(),
        Dialogs::Native => {
            let files = rfd::AsyncFileDialog::new()
                .add_filter("Pages of a stream", &["json", "jsonl", "csv"])
                .add_filter("All files", &["*"]);
            let chosen = match dialog {
                Dialog::Save { suggested_name } => {
                    files.set_file_name(suggested_name).save_file().await
                }
                Dialog::Open => files.pick_file().await,
            };
            chosen.map(|handle| handle.path().to_path_buf())
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
