//! The worker's side: one task per command, answering through the outbox. The dispatcher
//! starts and stops fetches itself and hands every other command, a [`Task`], to [`run`].

use tokio::sync::mpsc;

use super::compare;
use super::connection::{connect, open_keyring};
use super::context::{Context, lock};
use super::directory;
use super::files::{self, Dialog};
use super::validation;
use super::{AdvanceError, Command, Event, FetchedPage, RequestId, Task};
use crate::api::{
    ApiError, Client, ErrorKind, Page, PageRequest, Progress, StreamModel, StreamRef,
};
use crate::export::Provenance;

/// Takes the commands in the order sent, until the worker is dropped.
pub(super) async fn dispatch(context: Context, mut inbox: mpsc::UnboundedReceiver<Command>) {
    while let Some(command) = inbox.recv().await {
        match command {
            Command::Cancel { id } => cancel(&context, id),
            Command::Fetch {
                id,
                stream,
                request,
                model,
            } => {
                // Registered under the lock the task takes to unregister itself, so a fast fetch
                // cannot finish before it is known to Cancel.
                let mut running = lock(&context.running);
                let fetching = tokio::spawn(fetch(context.clone(), id, stream, request, model));
                running.insert(id, fetching.abort_handle());
            }
            Command::Task(task) => {
                tokio::spawn(run(context.clone(), task));
            }
        }
    }
}

/// Reads a page and prepares it for the inspector; Cancel aborts it (see [`cancel`]).
async fn fetch(
    context: Context,
    id: RequestId,
    stream: StreamRef,
    request: PageRequest,
    model: Option<StreamModel>,
) {
    let client = match context.client() {
        Ok(client) => client,
        Err(err) => {
            return context.send(Event::Fetched {
                id,
                result: Err(err),
            });
        }
    };
    let reporter = context.clone();
    let progress = move |progress: Progress| reporter.send(Event::Progress { id, progress });
    log::info!(
        "fetching {} comments from {stream} ({} route)",
        request.size,
        request.route.as_str()
    );
    let result = client.peek(&stream, request, &progress).await;
    match &result {
        Ok(page) => log::info!(
            "{stream}: {} comments, {} bytes",
            page.results.len(),
            page.raw.len()
        ),
        Err(err) => log::warn!("{stream}: {err}"),
    }
    let result = result.map(|page| {
        let provenance = Provenance::new(
            client.endpoint(),
            &stream,
            model.as_ref(),
            &page,
            request.size,
            jiff::Timestamp::now(),
        );
        FetchedPage::new(page, model.as_ref(), Some(provenance))
    });
    lock(&context.running).remove(&id);
    context.send(Event::Fetched { id, result });
}

fn cancel(context: &Context, id: RequestId) {
    if let Some(task) = lock(&context.running).remove(&id) {
        task.abort();
        let cancelled = ApiError::new(ErrorKind::Cancelled, None, "cancelled");
        context.send(Event::Fetched {
            id,
            result: Err(cancelled),
        });
    }
}

/// Runs one task and sends its answer.
async fn run(context: Context, task: Task) {
    let event = match task {
        Task::OpenKeyring => Event::Keyring(open_keyring(&context).await),
        Task::SaveConnection {
            id,
            connection,
            replaces,
        } => {
            let name = connection.name.clone();
            let result = context
                .with_store(move |store| {
                    let mut connection = connection;
                    // Editing without pasting the token again keeps the saved one.
                    if let (true, Some(old)) = (connection.token.is_empty(), &replaces) {
                        connection.token = store.load(old)?.token;
                    }
                    store.save(&connection)?;
                    match replaces {
                        Some(old) if old != connection.name => store.delete(&old),
                        _ => Ok(()),
                    }
                })
                .await;
            Event::ConnectionSaved { id, name, result }
        }
        Task::RenameConnection { id, old, new } => {
            let (from, to) = (old.clone(), new.clone());
            let result = context
                .with_store(move |store| store.rename(&from, &to))
                .await;
            Event::ConnectionRenamed {
                id,
                old,
                new,
                result,
            }
        }
        Task::DeleteConnection { id, name } => {
            let doomed = name.clone();
            let result = context.with_store(move |store| store.delete(&doomed)).await;
            Event::ConnectionDeleted { id, name, result }
        }
        Task::Connect { id, source } => Event::Connected {
            id,
            result: connect(&context, source).await,
        },
        Task::ListProjects { id } => {
            let result = async { context.client()?.projects().await }.await;
            Event::Projects { id, result }
        }
        Task::ListDatasets { id, project } => {
            let result = async { context.client()?.datasets(&project).await }.await;
            Event::Datasets { id, result }
        }
        Task::ListStreams {
            id,
            project,
            dataset,
        } => {
            let result = async { context.client()?.streams(&project, &dataset).await }.await;
            Event::Streams { id, result }
        }
        Task::Advance {
            id,
            stream,
            request,
            sequence_id,
        } => {
            log::info!("advancing {stream} past {sequence_id}, as the user confirmed");
            let result = match context.client() {
                Ok(client) => advance(&client, &stream, request, sequence_id).await,
                Err(err) => Err(AdvanceError::Api(err)),
            };
            Event::Advanced { id, result }
        }
        Task::Reset { id, stream, to } => {
            let result = async { context.client()?.reset(&stream, &to).await }.await;
            Event::Reset { id, result }
        }
        Task::Reparse {
            id,
            raw,
            route,
            model,
        } => {
            let parse = move || {
                let page = Page::parse(route, raw)?;
                Ok(FetchedPage::new(page, model.as_ref(), None))
            };
            let result = tokio::task::spawn_blocking(parse)
                .await
                .unwrap_or_else(|_| {
                    Err(ApiError::new(
                        ErrorKind::Unexpected,
                        None,
                        "reading the page again stopped unexpectedly",
                    ))
                });
            Event::Reparsed { id, result }
        }
        Task::ChooseSavePath { id, suggested_name } => {
            let chosen = files::choose(&context.dialogs, Dialog::Save { suggested_name }).await;
            let path = chosen.into_iter().next();
            Event::SavePathChosen { id, path }
        }
        Task::Export {
            id,
            path,
            page,
            provenance,
            format,
        } => {
            let result = files::export(path.clone(), page, provenance, format).await;
            match &result {
                Ok(bytes) => log::info!("exported {bytes} bytes to {}", path.display()),
                Err(err) => log::warn!("{err}"),
            }
            Event::Exported { id, path, result }
        }
        Task::ChooseOpenPath { id } => {
            let paths = files::choose(&context.dialogs, Dialog::Open).await;
            Event::OpenPathChosen { id, paths }
        }
        Task::ChooseComparePath { id } => {
            let chosen = files::choose(&context.dialogs, Dialog::Compare).await;
            let path = chosen.into_iter().next();
            Event::ComparePathChosen { id, path }
        }
        Task::Compare { id, a, b } => {
            let result = compare::compare(a, b).await;
            if let Err(err) = &result {
                log::warn!("{err}");
            }
            Event::Compared { id, result }
        }
        Task::Open { id, path } => {
            let result = files::open(&path).await;
            match &result {
                Ok(opened) => log::info!(
                    "opened {}: {} comments",
                    path.display(),
                    opened.page.results.len()
                ),
                Err(err) => log::warn!("{err}"),
            }
            Event::Opened { id, path, result }
        }
        Task::ListAllStreams { id } => {
            let send = |event| context.send(event);
            directory::list_all_streams(context.client(), id, send).await
        }
        Task::ListModelVersions {
            id,
            project,
            dataset,
        } => validation::list_model_versions(context.client(), id, project, dataset).await,
        Task::LoadValidation { id, key, labels } => {
            validation::load_validation(context.client(), id, key, labels).await
        }
        Task::LoadCurves { id, key, labels } => {
            validation::load_curves(context.client(), id, key, labels).await
        }
    };
    context.send(event);
}

/// Re-reads the head and advances only if it still ends where the user saw it end.
async fn advance(
    client: &Client,
    stream: &StreamRef,
    request: PageRequest,
    shown: String,
) -> Result<String, AdvanceError> {
    let head = client
        .peek(stream, request, &|_: Progress| {})
        .await
        .map_err(AdvanceError::Api)?;
    let now = head.position().map(str::to_owned);
    if now.as_deref() != Some(shown.as_str()) {
        return Err(AdvanceError::StaleHead { shown, now });
    }
    client
        .advance(stream, &shown)
        .await
        .map_err(AdvanceError::Api)?;
    Ok(shown)
}
